//! Rendering DOT text to SVG, PNG or PDF with the Graphviz binaries, under a
//! time limit: `dot -K<layout> -T<format>` reads the DOT on stdin.

use super::Layout;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The Graphviz program that is run.
pub const GRAPHVIZ_PROGRAM: &str = "dot";

/// An output format of the renderer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderFormat {
    /// SVG text.
    Svg,
    /// PNG image.
    Png,
    /// PDF document.
    Pdf,
}

impl RenderFormat {
    /// The `-T` value and the file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            RenderFormat::Svg => "svg",
            RenderFormat::Png => "png",
            RenderFormat::Pdf => "pdf",
        }
    }
}

impl std::str::FromStr for RenderFormat {
    type Err = RenderError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "svg" => Ok(RenderFormat::Svg),
            "png" => Ok(RenderFormat::Png),
            "pdf" => Ok(RenderFormat::Pdf),
            _ => Err(RenderError::UnknownFormat(s.to_string())),
        }
    }
}

/// Why a render failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The Graphviz program (named here) was not found.
    #[error(
        "graphviz is not installed: the {0:?} program was not found; install the Debian package \
         `graphviz` (apt-get install graphviz)"
    )]
    NotInstalled(String),
    /// Graphviz did not finish within the time limit and was killed.
    #[error("graphviz ({layout}) did not finish within {seconds} s and was stopped")]
    Timeout {
        /// The layout engine (`dot`, `sfdp`, `neato`).
        layout: &'static str,
        /// The time limit in whole seconds (at least 1).
        seconds: u64,
    },
    /// Graphviz exited with an error.
    #[error("graphviz failed ({status}): {stderr}")]
    Failed {
        /// The exit status, as text.
        status: String,
        /// What Graphviz wrote on stderr, trimmed.
        stderr: String,
    },
    /// A format name other than svg, png or pdf (from parsing a [`RenderFormat`]).
    #[error("expected a render format (svg, png, pdf), but found {0:?}")]
    UnknownFormat(String),
    /// Starting Graphviz, waiting for it or reading its output failed.
    #[error("could not run graphviz: {0}")]
    Io(#[from] std::io::Error),
}

/// Whether the Graphviz `dot` program can be run.
pub fn graphviz_available() -> bool {
    Command::new(GRAPHVIZ_PROGRAM)
        .arg("-V")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Renders DOT text with a layout engine, killing Graphviz after `timeout`.
pub fn render(
    dot_text: &str,
    format: RenderFormat,
    layout: Layout,
    timeout: Duration,
) -> Result<Vec<u8>, RenderError> {
    render_with(GRAPHVIZ_PROGRAM, dot_text, format, layout, timeout)
}

/// [`render`] with another Graphviz program (a path to `dot`).
pub fn render_with(
    program: &str,
    dot_text: &str,
    format: RenderFormat,
    layout: Layout,
    timeout: Duration,
) -> Result<Vec<u8>, RenderError> {
    let mut child = match Command::new(program)
        .arg(format!("-K{}", layout.as_str()))
        .arg(format!("-T{}", format.as_str()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(RenderError::NotInstalled(program.to_string()))
        }
        Err(e) => return Err(RenderError::Io(e)),
    };
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let input = dot_text.as_bytes().to_vec();
    let writer = std::thread::spawn(move || {
        // a closed pipe means graphviz stopped early; its status says why
        let _ = stdin.write_all(&input);
    });
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout.read_to_end(&mut buf).map(|_| buf)
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() >= timeout {
            let _ = child.kill();
            let _ = child.wait();
            let _ = writer.join();
            let _ = out_reader.join();
            let _ = err_reader.join();
            return Err(RenderError::Timeout {
                layout: layout.as_str(),
                seconds: timeout.as_secs().max(1),
            });
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let _ = writer.join();
    let output = out_reader
        .join()
        .map_err(|_| std::io::Error::other("graphviz output reader panicked"))??;
    let errors = err_reader.join().unwrap_or_default();
    if !status.success() {
        return Err(RenderError::Failed {
            status: status.to_string(),
            stderr: String::from_utf8_lossy(&errors).trim().to_string(),
        });
    }
    Ok(output)
}
