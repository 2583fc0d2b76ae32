//! The command line: clap commands and terminal rendering; the only place
//! that touches the environment and exits.

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    eprintln!("eventgraph: not built yet");
    2
}
