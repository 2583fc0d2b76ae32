//! The local web interface of `eventgraph serve`: a small HTTP/1.1 server
//! on `std::net` (one thread per connection, `Connection: close`, GET and
//! HEAD only) serving the viewer (HTML, script, style, Cytoscape.js and the
//! world outlines, all embedded in the binary) and the read-only JSON API
//! of [`api`]. Nothing is written: the graph is loaded once and shared.
//!
//! Requests whose `Host` is not the address the server listens on (or
//! `localhost` with its port) are refused, so a page of another site cannot
//! reach the API through a rebound DNS name. Every reply carries
//! `X-Content-Type-Options: nosniff`; the page a Content-Security-Policy
//! that allows only its own origin.

mod api;
mod search;

use crate::export::{json_for_script, served_page, viewer_assets};

use crate::graph::Graph;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// The page's Content-Security-Policy: its own origin only (styles may be
/// set inline by Cytoscape), no framing, no forms, no plugins.
pub(crate) const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' \
     'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
     form-action 'none'; frame-ancestors 'none'";

/// The longest request head read (request line and headers).
const MAX_HEAD: usize = 16 * 1024;

/// A server ready to run: the API over a loaded graph and a bound socket.
pub struct Server {
    api: Arc<api::Api>,
    listener: TcpListener,
    allowed_hosts: Vec<String>,
}

/// A reply: status, content type, body and extra headers.
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    csp: bool,
}

impl Reply {
    fn json(status: u16, value: &serde_json::Value) -> Reply {
        let mut body = json_for_script(value).into_bytes();
        body.push(b'\n');
        Reply {
            status,
            content_type: "application/json; charset=utf-8",
            body,
            csp: false,
        }
    }

    fn error(status: u16, message: &str) -> Reply {
        Reply::json(status, &serde_json::json!({ "error": message }))
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Request Header Fields Too Large",
        _ => "Error",
    }
}

/// Decodes `%XX` and `+` of a query component; invalid UTF-8 is replaced.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits `path?query` into the path and its decoded parameters (the last
/// of a repeated name wins).
fn split_target(target: &str) -> (String, api::Params) {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut params = api::Params::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        params.insert(percent_decode(name), percent_decode(value));
    }
    (percent_decode(path), params)
}

impl Server {
    /// Prepares the server over a loaded graph on a bound socket; `title`
    /// names the page.
    pub fn new(graph: Graph, listener: TcpListener, title: String) -> std::io::Result<Server> {
        let address = listener.local_addr()?;
        let port = address.port();
        let mut allowed_hosts = vec![
            format!("{address}"),
            format!("localhost:{port}"),
            format!("127.0.0.1:{port}"),
            format!("[::1]:{port}"),
        ];
        if address.ip().is_unspecified() {
            // bound to every interface on purpose (--host 0.0.0.0): any name
            allowed_hosts.clear();
        }
        Ok(Server {
            api: Arc::new(api::Api::new(graph, title)),
            listener,
            allowed_hosts,
        })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Answers requests until the process ends.
    pub fn run(self) -> std::io::Result<()> {
        let allowed = Arc::new(self.allowed_hosts);
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            let api = Arc::clone(&self.api);
            let allowed = Arc::clone(&allowed);
            std::thread::spawn(move || {
                let _ = handle(stream, &api, &allowed);
            });
        }
        Ok(())
    }
}

/// Reads one request from the stream and answers it.
fn handle(stream: TcpStream, api: &api::Api, allowed: &[String]) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut head = Vec::new();
    loop {
        let mut line = Vec::new();
        let n = (&mut reader)
            .take((MAX_HEAD + 1 - head.len().min(MAX_HEAD)) as u64)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&line);
        if head.len() > MAX_HEAD {
            return write_reply(stream, &Reply::error(413, "request head too large"), false);
        }
        if line == b"\r\n" || line == b"\n" {
            break;
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut lines = head.lines();
    let request = lines.next().unwrap_or("");
    let mut parts = request.split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let host = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("host"))
        .map(|(_, value)| value.trim().to_ascii_lowercase());
    let reply = if method != "GET" && method != "HEAD" {
        Reply::error(405, "the server is read-only: GET and HEAD only")
    } else if !allowed.is_empty() && !host.as_ref().is_some_and(|h| allowed.contains(h)) {
        Reply::error(403, "unknown Host: use the address the server printed")
    } else {
        route(api, target)
    };
    write_reply(stream, &reply, method == "HEAD")
}

fn write_reply(mut stream: TcpStream, reply: &Reply, head_only: bool) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\
         X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\
         Cache-Control: no-store\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.body.len()
    );
    if reply.csp {
        head.push_str(&format!(
            "Content-Security-Policy: {CSP}\r\nX-Frame-Options: DENY\r\n"
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&reply.body)?;
    }
    stream.flush()
}

/// The reply to a GET of `target`.
fn route(api: &api::Api, target: &str) -> Reply {
    let (path, params) = split_target(target);
    if let Some(name) = path.strip_prefix("/api/") {
        return match api.reply(name, &params) {
            Ok(value) => Reply::json(200, &value),
            Err(e) => Reply::error(e.status, &e.message),
        };
    }
    let assets = viewer_assets();
    let (content_type, body): (&'static str, &[u8]) = match path.as_str() {
        "/" | "/index.html" => {
            return Reply {
                status: 200,
                content_type: "text/html; charset=utf-8",
                body: served_page().into_bytes(),
                csp: true,
            }
        }
        "/assets/app.js" => ("text/javascript; charset=utf-8", assets.app_js.as_bytes()),
        "/assets/app.css" => ("text/css; charset=utf-8", assets.app_css.as_bytes()),
        "/assets/cytoscape.min.js" => (
            "text/javascript; charset=utf-8",
            assets.cytoscape_js.as_bytes(),
        ),
        "/assets/countries-110m.json" => (
            "application/json; charset=utf-8",
            assets.world_json.as_bytes(),
        ),
        "/assets/LICENSES.txt" => ("text/plain; charset=utf-8", assets.licenses.as_bytes()),
        _ => return Reply::error(404, "not found"),
    };
    Reply {
        status: 200,
        content_type,
        body: body.to_vec(),
        csp: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_decoded() {
        let (path, params) = split_target("/api/search?q=John+K%C3%A9rry&limit=5&x");
        assert_eq!(path, "/api/search");
        assert_eq!(params["q"], "John Kérry");
        assert_eq!(params["limit"], "5");
        assert_eq!(params["x"], "");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }
}
