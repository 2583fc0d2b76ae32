//! The `eventgraph` binary: a thin wrapper around `eventgraph::run_cli`.

fn main() {
    std::process::exit(eventgraph::run_cli());
}
