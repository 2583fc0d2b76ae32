//! A minimal WebDriver client over `std::net` for the browser tests:
//! starts Debian's `chromedriver` on a free local port, opens a session of
//! headless Chromium (with the flags this machine's closed network needs),
//! and sends the W3C commands the tests use (navigate, find, click, keys,
//! script, actions, screenshot, the browser's console log).

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The W3C key of an element reference.
pub const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A free local port (bound, then released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// One HTTP/1.1 request to `127.0.0.1:port` (`Connection: close`); returns
/// the status and the body. Chunked bodies are decoded.
pub fn http(port: u16, method: &str, path: &str, body: Option<&str>) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let body = body.unwrap_or("");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    // read the head, then the body by its length (chromedriver may keep
    // the connection open), by chunks, or to the end
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    let split = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut buf).expect("an HTTP reply");
        assert!(n > 0, "the connection closed before the HTTP head");
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let lower = head.to_ascii_lowercase();
    let length = lower
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let chunked = lower.contains("transfer-encoding: chunked");
    let mut payload = raw[split + 4..].to_vec();
    loop {
        let done = match length {
            Some(n) => payload.len() >= n,
            None if chunked => payload.windows(5).any(|w| w == b"0\r\n\r\n"),
            None => false,
        };
        if done {
            break;
        }
        let n = stream.read(&mut buf).expect("the HTTP body");
        if n == 0 {
            break;
        }
        payload.extend_from_slice(&buf[..n]);
    }
    if chunked {
        payload = dechunk(&payload);
    }
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head, String::from_utf8_lossy(&payload).into_owned())
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..end]);
        let size =
            usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap_or(0);
        if size == 0 || data.len() < end + 2 + size {
            break;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[(end + 4 + size).min(data.len())..];
    }
    out
}

/// Decodes standard base64 (the screenshots).
pub fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let digits: Vec<u32> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let mut n = 0u32;
        for (i, d) in chunk.iter().enumerate() {
            n |= d << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}

/// A running chromedriver, stopped when dropped.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser session, closed when dropped.
pub struct Session<'a> {
    driver: &'a Driver,
    id: String,
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let _ = http(
            self.driver.port,
            "DELETE",
            &format!("/session/{}", self.id),
            None,
        );
    }
}

impl Driver {
    /// Starts chromedriver on a free port and waits until it is ready.
    pub fn start(chromedriver: &Path) -> Driver {
        let port = free_port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver { child, port };
        let started = Instant::now();
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                let (status, _, body) = http(port, "GET", "/status", None);
                if status == 200 && body.contains("\"ready\":true") {
                    break;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    /// Opens headless Chromium with a fresh profile in `profile`.
    pub fn session(&self, chromium: &Path, profile: &Path, width: u32, height: u32) -> Session<'_> {
        let args = vec![
            "--headless".to_string(),
            "--no-sandbox".to_string(),
            "--disable-gpu".to_string(),
            "--disable-quic".to_string(),
            "--no-first-run".to_string(),
            "--disable-background-networking".to_string(),
            "--disable-component-update".to_string(),
            "--disable-sync".to_string(),
            "--disable-dev-shm-usage".to_string(),
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", profile.display()),
        ];
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium.display().to_string(), "args": args},
            "goog:loggingPrefs": {"browser": "ALL"}
        }}});
        let (status, _, body) = http(
            self.port,
            "POST",
            "/session",
            Some(&capabilities.to_string()),
        );
        let reply: Value = serde_json::from_str(&body).expect("JSON from chromedriver");
        assert_eq!(status, 200, "new session failed: {reply}");
        let id = reply["value"]["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        Session { driver: self, id }
    }
}

impl Session<'_> {
    /// Sends a command; panics with the driver's message on an error.
    pub fn command(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let text = body.map(|b| b.to_string());
        let (status, _, reply) = http(
            self.driver.port,
            method,
            &format!("/session/{}{path}", self.id),
            text.as_deref()
                .or(if method == "POST" { Some("{}") } else { None }),
        );
        let reply: Value = serde_json::from_str(&reply)
            .unwrap_or_else(|_| panic!("not JSON from chromedriver: {reply}"));
        assert_eq!(status, 200, "{method} {path}: {reply}");
        reply["value"].clone()
    }

    /// Opens a URL.
    pub fn navigate(&self, url: &str) {
        self.command("POST", "/url", Some(json!({ "url": url })));
    }

    /// The first element matching a CSS selector.
    pub fn find(&self, css: &str) -> String {
        let value = self.command(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        value[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css:?}: {value}"))
            .to_string()
    }

    /// Every element matching a CSS selector.
    pub fn find_all(&self, css: &str) -> Vec<String> {
        let value = self.command(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        );
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e[ELEMENT].as_str().unwrap().to_string())
            .collect()
    }

    /// Sends a command; the driver's error (status and value) instead of a panic.
    pub fn try_command(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, Value> {
        let text = body.map(|b| b.to_string());
        let (status, _, reply) = http(
            self.driver.port,
            method,
            &format!("/session/{}{path}", self.id),
            text.as_deref()
                .or(if method == "POST" { Some("{}") } else { None }),
        );
        let reply: Value = serde_json::from_str(&reply)
            .unwrap_or_else(|_| panic!("not JSON from chromedriver: {reply}"));
        if status == 200 {
            Ok(reply["value"].clone())
        } else {
            Err(reply["value"].clone())
        }
    }

    /// Finds the first element matching a CSS selector and clicks it, finding
    /// it again when the page re-rendered it in between (a late reply can
    /// redraw a list: the element found is then stale).
    pub fn click_css(&self, css: &str) {
        for _ in 0..40 {
            let element = self.find(css);
            match self.try_command("POST", &format!("/element/{element}/click"), None) {
                Ok(_) => return,
                Err(e) if e["error"] == "stale element reference" => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => panic!("click on {css:?}: {e}"),
            }
        }
        panic!("click on {css:?}: the element kept going stale");
    }

    /// Clicks an element.
    pub fn click(&self, element: &str) {
        self.command("POST", &format!("/element/{element}/click"), None);
    }

    /// Types into an element (WebDriver key codes for special keys).
    pub fn send_keys(&self, element: &str, text: &str) {
        self.command(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// The rendered text of an element.
    pub fn text(&self, element: &str) -> String {
        self.command("GET", &format!("/element/{element}/text"), None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// A DOM property of an element.
    pub fn property(&self, element: &str, name: &str) -> Value {
        self.command("GET", &format!("/element/{element}/property/{name}"), None)
    }

    /// Runs a script in the page (`arguments[i]` are `args`) and returns its value.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Waits until a script returns true; panics after `limit` with `what`.
    pub fn wait_for(&self, script: &str, limit: Duration, what: &str) {
        let started = Instant::now();
        loop {
            if self.execute(script, vec![]) == Value::Bool(true) {
                return;
            }
            assert!(started.elapsed() < limit, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A real mouse click at `(dx, dy)` from the centre of an element.
    pub fn click_at(&self, element: &str, dx: i64, dy: i64) {
        let origin = json!({ ELEMENT: element });
        self.command(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "pointer", "id": "mouse",
            "parameters": {"pointerType": "mouse"},
            "actions": [
                {"type": "pointerMove", "duration": 0, "origin": origin, "x": dx, "y": dy},
                {"type": "pointerDown", "button": 0},
                {"type": "pause", "duration": 50},
                {"type": "pointerUp", "button": 0}
            ]}]})),
        );
        self.command("DELETE", "/actions", None);
    }

    /// A PNG of the viewport.
    pub fn screenshot(&self) -> Vec<u8> {
        let value = self.command("GET", "/screenshot", None);
        base64_decode(value.as_str().expect("base64"))
    }

    /// The browser console's entries since the last call
    /// (`{"level", "message", "source"}`).
    pub fn browser_log(&self) -> Vec<Value> {
        self.command("POST", "/se/log", Some(json!({"type": "browser"})))
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}
