//! The `eventgraph` binary: a thin wrapper around `eventgraph::cli`.

fn main() {
    std::process::exit(eventgraph::cli::main());
}
