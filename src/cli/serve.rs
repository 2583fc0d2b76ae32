//! `eventgraph serve [--db PATH] [--port N] [--host H]`: the local web
//! interface over the database (read-only), bound to 127.0.0.1 by default.

use super::{db_path, load_graph, Cli, Outcome};
use crate::web::Server;
use anyhow::Context;
use clap::Args;
use std::net::TcpListener;

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The port (0: any free port; the address is printed on stderr)
    #[arg(long, value_name = "N", default_value_t = 8737)]
    pub port: u16,
    /// The address to listen on; 127.0.0.1 keeps it to this machine
    #[arg(long, value_name = "H", default_value = "127.0.0.1")]
    pub host: String,
    /// The page's title [default: the database's file name]
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

/// Loads the database and answers HTTP requests until interrupted.
pub(super) fn run(cli: &Cli, args: &ServeArgs) -> anyhow::Result<Outcome> {
    let graph = load_graph(cli)?;
    let path = db_path(cli);
    let title = args.title.clone().unwrap_or_else(|| {
        let name = path.display().to_string();
        format!("{} events of {name}", graph.n_events())
    });
    let n_events = graph.n_events();
    let listener = TcpListener::bind((args.host.as_str(), args.port))
        .with_context(|| format!("cannot listen on {}:{}", args.host, args.port))?;
    let server = Server::new(graph, listener, title)?;
    let address = server.local_addr()?;
    if !cli.quiet {
        eprintln!(
            "eventgraph: serving {n_events} events of {:?} at http://{address}/ (read-only; Ctrl-C stops)",
            path.display().to_string()
        );
        if !address.ip().is_loopback() {
            eprintln!(
                "eventgraph: warning: --host {} makes the interface reachable from other machines",
                args.host
            );
        }
    }
    server.run()?;
    Ok(Outcome::Done)
}
