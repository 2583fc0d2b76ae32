//! Temporal expressions: recognise dates, times and periods in English text and
//! normalise them against a reference date to TIMEX3 values.
//!
//! API contract (other stages code against it):
//! `find_timexes(text, &TagOptions) -> Vec<Timex>`: every temporal
//! expression in `text`, in order of position, with byte spans into `text`.
//!
//! How it works: `scan` cuts the text into tokens in one pass and looks
//! each word up in a small lexicon; `grammar` tries its patterns only at
//! tokens that can start a temporal expression; `resolve` normalises each
//! match against the reference date, the tense of its clause and the last
//! date mentioned. See docs/temporal.md.

#![warn(clippy::too_many_lines)]

mod grammar;
mod holiday;
mod resolve;
mod scan;

use crate::model::{DateSource, Precision};
use chrono::{NaiveDate, NaiveDateTime};

pub use crate::model::TimexType;

/// How to read ambiguous numeric dates such as `3/4/2014`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// Month first (3/4 is March 4).
    #[default]
    Us,
    /// Day first (3/4 is 3 April).
    Gb,
}

/// Options for [`find_timexes`].
#[derive(Debug, Clone, Default)]
pub struct TagOptions {
    /// The reference date and time (the article's publication); without it,
    /// expressions that need one stay unresolved.
    pub reference: Option<NaiveDateTime>,
    /// How to read ambiguous numeric dates.
    pub locale: Locale,
}

impl TagOptions {
    /// Options with a reference day (at midnight).
    pub fn with_reference_date(date: NaiveDate) -> TagOptions {
        TagOptions {
            reference: date.and_hms_opt(0, 0, 0),
            locale: Locale::Us,
        }
    }
}

/// One temporal expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// The expression as written: `input[start..end]`.
    pub text: String,
    /// Byte span in the input: `start` inclusive, `end` exclusive.
    pub start: usize,
    /// Byte offset just past the expression.
    pub end: usize,
    /// TIMEX3 value: `2014-03-30`, `2014-02`, `199`, `2014-W14`,
    /// `2014-03-31TMO`, `2014-03-31T09:00`, `P3D`, `PAST_REF`, `XXXX-WXX-1`.
    pub value: String,
    /// The TIMEX3 type.
    pub kind: TimexType,
    /// The grain of `value`; `Unknown` for vague values such as `PAST_REF`.
    pub precision: Precision,
    /// Inclusive first and last day covered, where the value names days.
    pub first: Option<NaiveDate>,
    /// Last day covered (inclusive), where the value names days.
    pub last: Option<NaiveDate>,
    /// `Explicit` when the text names the date in full, `Relative` when it was
    /// resolved against the reference or a previous date, `Unknown` for vague
    /// values.
    pub source: DateSource,
}

/// Finds and resolves every temporal expression in `text`.
pub fn find_timexes(text: &str, options: &TagOptions) -> Vec<Timex> {
    find_detailed(text, options, Bias::News)
        .into_iter()
        .map(|d| d.timex)
        .collect()
}

/// How to resolve a weekday, month or day written without a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bias {
    /// News usage: by the tense of the clause ("said on Monday" is the last
    /// Monday, "will meet on Tuesday" the next one), else the nearest.
    #[default]
    News,
    /// Always the next one on or after the reference (the convention of
    /// calendar assistants such as Duckling); "in 5 days" is a date.
    Future,
    /// Casual usage (chrono's convention): weekdays and months as in news,
    /// "in 5 days" a date rather than a duration.
    Casual,
}

/// A timex with the exact instant interval it covers, for evaluation
/// against suites that compare clock times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detailed {
    /// The expression and its TIMEX3 value, as [`find_timexes`] gives it.
    pub timex: Timex,
    /// First instant covered (inclusive) and the instant after the last.
    pub start: Option<NaiveDateTime>,
    /// The instant just after the last one covered (exclusive).
    pub end: Option<NaiveDateTime>,
    /// second, minute, hour, day, week, month, quarter, season, year,
    /// decade, century, duration, set or vague.
    pub grain: &'static str,
    /// For ranges: the first instant of the last element.
    pub to: Option<NaiveDateTime>,
    /// A time zone stated with a clock time, minutes east of UTC.
    pub tz_offset: Option<i32>,
}

/// Like [`find_timexes`], with the resolution bias and instant intervals.
pub fn find_detailed(text: &str, options: &TagOptions, bias: Bias) -> Vec<Detailed> {
    let mut toks = Vec::new();
    scan::tokenize(text, &mut toks);
    let parser = grammar::Parser { t: &toks, text };
    let mut cands = Vec::new();
    parser.run(&mut cands);
    let mut ctx = resolve::Ctx {
        reference: options.reference,
        bias,
        locale: options.locale,
        last: None,
        story: None,
    };
    let mut out = Vec::with_capacity(cands.len());
    for c in &cands {
        let Some(r) = ctx.resolve(c) else { continue };
        // in news, "by" is a signal outside the expression (TimeML)
        let s = if matches!(c.sem, grammar::Sem::By(_)) && bias != Bias::Future && c.e > c.s + 1 {
            c.s + 1
        } else {
            c.s
        };
        let start = toks[s].start;
        let end = toks[c.e - 1].end;
        out.push(Detailed {
            timex: Timex {
                text: text[start..end].to_string(),
                start,
                end,
                value: r.value,
                kind: r.kind,
                precision: r.precision,
                first: r.first,
                last: r.last,
                source: r.source,
            },
            start: r.start,
            end: r.end,
            grain: r.grain,
            to: r.to,
            tz_offset: r.tz,
        });
    }
    out
}
