//! The terminal progress line of a dataset read (indicatif), passed to the
//! library as a `&mut dyn Progress`.

use crate::ingest::dataset::{Progress, ReadStats};
use std::io::IsTerminal;

/// A progress line on stderr (rows, rate, bad rows so far) for each file
/// read, drawn only when stderr is a terminal and `quiet` is off.
pub struct TerminalProgress {
    quiet: bool,
    bar: Option<indicatif::ProgressBar>,
}

impl TerminalProgress {
    /// A progress line that draws nothing when `quiet` is set or stderr is
    /// not a terminal.
    pub fn new(quiet: bool) -> TerminalProgress {
        TerminalProgress { quiet, bar: None }
    }

    /// Whether a line is being drawn.
    pub fn is_visible(&self) -> bool {
        self.bar.is_some()
    }
}

impl Progress for TerminalProgress {
    /// A spinner labelled with `what` (a file name).
    fn start(&mut self, what: &str) {
        if self.quiet || !std::io::stderr().is_terminal() {
            self.bar = None;
            return;
        }
        let bar = indicatif::ProgressBar::new_spinner();
        let style =
            indicatif::ProgressStyle::with_template("{spinner} {prefix} {msg} [{elapsed_precise}]")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.set_prefix(what.to_string());
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        self.bar = Some(bar);
    }

    fn update(&mut self, stats: &ReadStats) {
        if let Some(bar) = &self.bar {
            bar.set_position(stats.records + stats.bad_rows);
            let rows = stats.records + stats.bad_rows;
            let seconds = bar.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{rows} rows, {:.0} rows/s, {} bad",
                rows as f64 / seconds,
                stats.bad_rows
            ));
        }
    }

    fn finish(&mut self, stats: &ReadStats) {
        if let Some(bar) = self.bar.take() {
            bar.set_position(stats.records + stats.bad_rows);
            let rows = stats.records + stats.bad_rows;
            let seconds = bar.elapsed().as_secs_f64().max(1e-3);
            bar.finish_with_message(format!(
                "{rows} rows, {:.0} rows/s, {} bad, done",
                rows as f64 / seconds,
                stats.bad_rows
            ));
        }
    }
}
