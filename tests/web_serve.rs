//! `eventgraph serve` end to end: the JSON API over HTTP (search with
//! suggestions, actor page, graph, event with sources, errors, read-only,
//! Host check, hostile names inert), and headless Chromium driven through
//! chromedriver along a user's path on the 15 shared articles plus the GDELT
//! day: type "kerr", pick John Kerry from the suggestions, see his meetings,
//! widen the graph once by clicking a node, narrow the time slider to March
//! 2014, open the Paris meeting and see its three sources; no console
//! error, screenshots not blank, every request to the local server.
//! Skipped with a notice without the shared folder or the browser tools
//! (failures under `EVENTGRAPH_REQUIRE_SHARED=1` / `EVENTGRAPH_REQUIRE_TOOLS=1`).

mod common;

use common::webdriver::{http, Driver};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The 15 development articles of the shared folder (the first set: the
/// three reports of the Paris meeting and twelve others).
const ARTICLES_15: [&str; 15] = [
    "france24-2014-03-31-russia-troops",
    "upi-kerry-meets-lavrov-paris-2014-03-30",
    "eurasia-kerry-lavrov-paris-again-2014-03-31",
    "chinadaily-minsk-ceasefire-2015-02-13",
    "aljazeera-america-kerry-rodriguez-panama-2015-04-10",
    "timesofmalta-iran-talks-deadline-2015-04-01",
    "dailyherald-trump-kim-singapore-2018-06-11",
    "newindianexpress-modi-xi-wuhan-2018-04-28",
    "rfi-au-summit-addis-ababa-2012-07-15",
    "usatoday-eu-turkey-migrant-deal-2016-03-18",
    "afp-xi-uk-state-visit-announced-2015-09-28",
    "ipolitics-obama-rouhani-phone-call-2013-09-27",
    "dailysabah-colombia-farc-ceasefire-2016-06-23",
    "nyt-us-sanctions-turkish-ministers-2018-08-01",
    "chicagotribune-bush-putin-kennebunkport-2007-07-02",
];

/// A running `eventgraph serve`, stopped when dropped.
struct Serve {
    child: Child,
    port: u16,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    /// Starts the server on a free port (`--port 0`) and reads the address
    /// it prints.
    fn start(db: &Path) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_eventgraph"))
            .arg("--db")
            .arg(db)
            .args(["serve", "--port", "0"])
            .env_remove("EVENTGRAPH_DB")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("eventgraph serve starts");
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        assert!(address.starts_with("127.0.0.1:"), "bound to {address}");
        let port = address[10..].parse().unwrap();
        Serve { child, port }
    }

    fn get(&self, path: &str) -> (u16, Value) {
        let (status, _, body) = http(self.port, "GET", path, None);
        (
            status,
            serde_json::from_str(&body).unwrap_or_else(|_| panic!("{path}: {body}")),
        )
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

fn ingest(db: &Path, inputs: &[PathBuf]) {
    common::eventgraph_on(db)
        .arg("ingest")
        .args(inputs)
        .assert()
        .success();
}

/// The database of the 15 shared articles and the GDELT day, or `None`
/// (skip) without the shared folder.
fn shared_db(dir: &Path) -> Option<PathBuf> {
    let articles = common::shared("eval/articles")?;
    let gdelt = common::shared("data/gdelt/gdelt1_events_20160728_58col.tsv")?;
    let mut inputs: Vec<PathBuf> = ARTICLES_15
        .iter()
        .map(|name| articles.join(format!("{name}.txt")))
        .collect();
    inputs.push(gdelt);
    let db = dir.join("shared.db");
    ingest(&db, &inputs);
    Some(db)
}

/// Invented documents whose names try to break out of HTML, JSON and
/// attributes.
const HOSTILE_NAMES: [&str; 3] = [
    "<script>window.__pwned=1</script> Scriptwriter",
    "\"Quoted\" O'Scriptor' onmouseover='window.__pwned=2",
    "Line\nBreak <img src=x onerror=\"window.__pwned=3\"> Scripton",
];

fn hostile_db(dir: &Path) -> PathBuf {
    let doc = json!({
        "version": 1,
        "document": {"id": "hostile</script><script>window.__pwned=4</script>",
                     "title": "<b>bold</b> \"title\"", "published": "2014-03-30",
                     "url": "javascript:window.__pwned=5"},
        "actors": [
            {"id": "a", "name": HOSTILE_NAMES[0], "kind": "person"},
            {"id": "b", "name": HOSTILE_NAMES[1], "kind": "person"},
            {"id": "c", "name": HOSTILE_NAMES[2], "kind": "person"}
        ],
        "places": [{"id": "p", "name": "<svg onload=window.__pwned=6>", "lat": 10.0, "lon": 20.0}],
        "events": [{"id": "e1", "kind": "meet", "date": {"start": "2014-03-30", "end": "2014-03-30"},
                    "place": "p",
                    "actors": [{"actor": "a", "role": "participant"}, {"actor": "b", "role": "participant"},
                               {"actor": "c", "role": "participant"}],
                    "evidence": [{"text": "<script>window.__pwned=7</script> met", "start": 0, "end": 5}]}]
    });
    let dir_input = dir.join("hostile.json");
    std::fs::write(&dir_input, doc.to_string()).unwrap();
    let db = dir.join("hostile.db");
    ingest(&db, &[dir_input]);
    db
}

#[test]
fn the_api_answers_read_only_json_and_refuses_other_hosts() {
    let dir = common::tempdir();
    let db = hostile_db(dir.path());
    let serve = Serve::start(&db);
    let (status, reply) = serve.get("/api/search?q=script");
    assert_eq!(status, 200);
    let names: Vec<&str> = reply["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{reply}");
    for name in HOSTILE_NAMES {
        assert!(names.contains(&name), "{name:?} not in {names:?}");
    }
    // a typo finds a suggestion
    let (_, reply) = serve.get("/api/search?q=scriptr");
    assert!(reply["results"].as_array().unwrap().len() >= 2, "{reply}");
    let (_, reply) = serve.get("/api/search?q=scrpton");
    assert_eq!(reply["results"][0]["suggestion"], true, "{reply}");
    // headers: JSON, not sniffed; the page with its policy
    let (_, head, body) = http(serve.port, "GET", "/api/search?q=script", None);
    assert!(head.contains("Content-Type: application/json"), "{head}");
    assert!(head.contains("X-Content-Type-Options: nosniff"));
    assert!(!body.contains("<script>"), "raw markup in JSON: {body}");
    let (status, head, page) = http(serve.port, "GET", "/", None);
    assert_eq!(status, 200);
    assert!(head.contains("Content-Security-Policy: default-src 'none'; script-src 'self'"));
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "{page}"
    );
    // errors name the parameter; unknown paths are 404; writes are refused
    let (status, reply) = serve.get("/api/event?id=nonsense");
    assert_eq!(status, 404);
    assert!(reply["error"].as_str().unwrap().starts_with("id:"));
    let (status, reply) = serve.get("/api/timeline?from=2014-13");
    assert_eq!(status, 400);
    assert_eq!(
        reply["error"],
        "from: month 13 is out of range in 2014-13 (months run from 1 to 12)"
    );
    assert_eq!(serve.get("/api/nothing").0, 404);
    assert_eq!(serve.get("/assets/none.js").0, 404);
    assert_eq!(http(serve.port, "POST", "/api/info", Some("{}")).0, 405);
    // another Host (a rebound DNS name) is refused
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", serve.port)).unwrap();
    use std::io::{Read, Write};
    stream
        .write_all(b"GET /api/info HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 403"), "{raw}");
    // the assets are served with their licenses
    let (status, _, licenses) = http(serve.port, "GET", "/assets/LICENSES.txt", None);
    assert_eq!(status, 200);
    assert!(licenses.contains("Cytoscape") && licenses.contains("Natural Earth"));
    // the event: its place and its source as data, the URL kept as given
    let (_, graph) = serve.get(&format!(
        "/api/graph?actor={}",
        serve.get("/api/search?q=scriptwriter").1["results"][0]["id"]
            .as_str()
            .unwrap()
    ));
    let event = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["type"] == "event")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    // the actor page's meetings agree with who-met-whom
    let writer = serve.get("/api/search?q=scriptwriter").1["results"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, page) = serve.get(&format!("/api/actor?id={writer}"));
    assert_eq!(page["events"], 1);
    assert_eq!(page["events_by_kind"], json!({"meet": 1}));
    let met: Vec<(String, u64)> = page["met"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["name"].as_str().unwrap().to_string(),
                m["meetings"].as_u64().unwrap(),
            )
        })
        .collect();
    // the meetings it took part in: all three pairs of the one meeting
    let (_, pairs) = serve.get(&format!("/api/meetings?actor={writer}"));
    assert_eq!(pairs["total"], 3);
    assert_eq!(met.len(), 2, "{page}");
    assert!(met
        .iter()
        .all(|(name, n)| *n == 1 && name != HOSTILE_NAMES[0]));
    let (_, event) = serve.get(&format!("/api/event?id={event}"));
    assert_eq!(event["sources"][0]["url"], "javascript:window.__pwned=5");
    assert_eq!(event["place"]["name"], "<svg onload=window.__pwned=6>");
}

/// Fails on console errors, warnings about the page, and requests to any
/// other origin.
fn check_clean(session: &common::webdriver::Session<'_>, origin: &str) {
    let log = session.browser_log();
    let bad: Vec<&Value> = log
        .iter()
        .filter(|entry| entry["level"] == "SEVERE" || entry["level"] == "WARNING")
        .collect();
    assert!(bad.is_empty(), "console errors: {bad:?}");
    let urls = session.execute(
        "return [location.href].concat(performance.getEntriesByType('resource').map(function (e) { return e.name; }));",
        vec![],
    );
    for url in urls.as_array().unwrap() {
        let url = url.as_str().unwrap();
        assert!(url.starts_with(origin), "a request outside {origin}: {url}");
    }
}

fn check_screenshot(png: &[u8], name: &str) {
    assert!(png.starts_with(b"\x89PNG"), "{name} is not a PNG");
    // a blank 1400x1000 page compresses to a few kilobytes
    assert!(
        png.len() > 40_000,
        "{name} looks blank ({} bytes)",
        png.len()
    );
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&out, png).unwrap();
}

const WAIT: Duration = Duration::from_secs(20);

#[test]
fn a_user_finds_kerry_widens_the_graph_and_reads_the_paris_sources() {
    let dir = common::tempdir();
    let Some(db) = shared_db(dir.path()) else {
        return;
    };
    let (Some(chromium), Some(chromedriver)) = (common::chromium(), common::chromedriver()) else {
        return;
    };
    let serve = Serve::start(&db);
    let origin = serve.url();
    let driver = Driver::start(&chromedriver);
    let session = driver.session(&chromium, &dir.path().join("profile"), 1400, 1000);
    session.navigate(&origin);
    session.wait_for(
        "return document.body.getAttribute('data-ready') === '1'",
        WAIT,
        "the viewer to load",
    );

    // the map: the country outlines drawn, and one circle per place with
    // coordinates of the first actor shown (the busiest: GDELT rows carry
    // coordinates)
    let (_, info) = serve.get("/api/info");
    let busiest = info["busiest"][0]["id"].as_str().unwrap().to_string();
    let (_, places) = serve.get(&format!("/api/places?actor={busiest}"));
    let n_places = places["places"].as_array().unwrap().len();
    assert!(n_places > 0, "{places}");
    let drawn = session.execute(
        "var m = document.getElementById('map'); var o = m.querySelector('path.outline'); return [o ? o.getAttribute('d').length : 0, m.querySelectorAll('circle').length, document.getElementById('map-note').textContent];",
        vec![],
    );
    assert!(drawn[0].as_u64().unwrap() > 10_000, "outlines: {drawn}");
    assert_eq!(drawn[1].as_u64(), Some(n_places as u64), "{drawn}");
    assert!(
        drawn[2]
            .as_str()
            .unwrap()
            .starts_with(&format!("{n_places} place")),
        "{drawn}"
    );

    // type "kerr" and pick John Kerry from the suggestions
    let search = session.find("#search");
    session.send_keys(&search, "kerr");
    session.wait_for(
        "return !document.getElementById('suggestions').hidden && document.getElementById('suggestions').getAttribute('data-query') === 'kerr' && document.querySelectorAll('#suggestions button').length > 0",
        WAIT,
        "suggestions",
    );
    let suggestions = session.find_all("#suggestions button");
    let kerry = suggestions
        .iter()
        .find(|b| session.text(b).starts_with("John Kerry"))
        .expect("John Kerry among the suggestions");
    let kerry_id = session.execute(
        "return arguments[0].getAttribute('data-actor')",
        vec![json!({ common::webdriver::ELEMENT: kerry })],
    );
    session.click(kerry);
    session.wait_for(
        &format!("return document.body.getAttribute('data-actor') === {kerry_id}"),
        WAIT,
        "John Kerry's page",
    );
    assert_eq!(session.text(&session.find("#actor-name")), "John Kerry");
    // his meetings: Lavrov among those he met
    let met = session.text(&session.find("#met"));
    assert!(met.contains("Sergei Lavrov"), "met: {met}");
    let nodes_before = session.execute("return window.eventgraphViewer.cy.nodes().length", vec![]);
    assert!(nodes_before.as_u64().unwrap() >= 3, "{nodes_before}");
    check_screenshot(&session.screenshot(), "serve-kerry.png");

    // widen once: a real click on Lavrov's node in the graph
    let lavrov_id = session.execute(
        "var b = Array.prototype.slice.call(document.querySelectorAll('#met button')).filter(function (x) { return x.textContent === 'Sergei Lavrov'; })[0]; return b.getAttribute('data-actor');",
        vec![],
    );
    let geometry = session.execute(
        "var c = document.getElementById('cy'); c.scrollIntoView({block: 'center'}); var p = window.eventgraphViewer.cy.getElementById(arguments[0]).renderedPosition(); return [p.x, p.y, c.clientWidth, c.clientHeight];",
        vec![lavrov_id.clone()],
    );
    let g: Vec<f64> = geometry
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let cy = session.find("#cy");
    session.click_at(
        &cy,
        (g[0] - g[2] / 2.0).round() as i64,
        (g[1] - g[3] / 2.0).round() as i64,
    );
    session.wait_for(
        "return document.body.getAttribute('data-widened') === '2'",
        WAIT,
        "the graph to widen around Lavrov",
    );
    let nodes_after = session.execute("return window.eventgraphViewer.cy.nodes().length", vec![]);
    assert!(
        nodes_after.as_u64() > nodes_before.as_u64(),
        "{nodes_before} -> {nodes_after}"
    );

    // narrow the slider to March 2014 with the keyboard
    let month = |text: &str| -> i64 {
        let (y, m) = text.split_once('-').unwrap();
        y.parse::<i64>().unwrap() * 12 + m.parse::<i64>().unwrap() - 1
    };
    let march = month("2014-03");
    let from = session.find("#from-slider");
    let to = session.find("#to-slider");
    let min: i64 = session
        .property(&from, "min")
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let max: i64 = session
        .property(&to, "max")
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(min <= march && march <= max, "{min}..{max}");
    let right = "\u{E014}".repeat((march - min) as usize);
    session.send_keys(&from, &format!("\u{E011}{right}"));
    let left = "\u{E012}".repeat((max - march) as usize);
    session.send_keys(&to, &format!("\u{E010}{left}"));
    session.wait_for(
        "return document.body.getAttribute('data-range') === '2014-03/2014-03'",
        WAIT,
        "the range March 2014",
    );
    assert_eq!(session.text(&session.find("#from-label")), "2014-03");
    assert_eq!(session.text(&session.find("#to-label")), "2014-03");
    // every event in the timeline and the graph is of March 2014
    let outside = session.execute(
        "return window.eventgraphViewer.cy.nodes(\"[type = 'event']\").filter(function (n) { return n.data('end') < '2014-03-01' || n.data('start') > '2014-03-31'; }).length",
        vec![],
    );
    assert_eq!(outside, json!(0));
    // who met whom in March 2014: Kerry and Lavrov, with a count
    let rows = session.execute(
        "return Array.prototype.map.call(document.querySelectorAll('#meetings-table tbody tr'), function (r) { return Array.prototype.map.call(r.cells, function (c) { return c.textContent; }); });",
        vec![],
    );
    let pair = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            let cells: Vec<&str> = r
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|c| c.as_str())
                .collect();
            cells.contains(&"John Kerry") && cells.contains(&"Sergei Lavrov")
        })
        .unwrap_or_else(|| panic!("Kerry and Lavrov in who met whom: {rows}"));
    let count: u64 = pair[2].as_str().unwrap().parse().unwrap();
    assert!(count >= 1, "{pair}");
    assert!(pair[3].as_str().unwrap().starts_with("2014-03"), "{pair}");

    // open the Paris meeting from the timeline: three sources
    let entries = session.find_all("#event-list button");
    let paris = entries
        .iter()
        .find(|b| {
            let t = session.text(b);
            t.contains(" meet ") && t.contains("Paris") && t.contains("Sergei Lavrov")
        })
        .expect("the Paris meeting in the timeline");
    session.click(paris);
    session.wait_for(
        "return document.querySelectorAll('#event-sources > li').length > 0",
        WAIT,
        "the event's sources",
    );
    let sources = session.find_all("#event-sources > li");
    assert_eq!(sources.len(), 3);
    for source in &sources {
        let text = session.text(source);
        assert!(
            text.lines().count() >= 2,
            "a source with its evidence: {text}"
        );
    }
    let heading = session.text(&session.find("#event h3"));
    assert!(heading.starts_with("meet · 2014-03-30"), "{heading}");
    check_screenshot(&session.screenshot(), "serve-paris.png");
    check_clean(&session, &origin);
}

#[test]
fn hostile_names_are_inert_in_the_page() {
    let dir = common::tempdir();
    let db = hostile_db(dir.path());
    let (Some(chromium), Some(chromedriver)) = (common::chromium(), common::chromedriver()) else {
        return;
    };
    let serve = Serve::start(&db);
    let driver = Driver::start(&chromedriver);
    let session = driver.session(&chromium, &dir.path().join("profile"), 1200, 900);
    session.navigate(&serve.url());
    session.wait_for(
        "return document.body.getAttribute('data-ready') === '1'",
        WAIT,
        "the viewer to load",
    );
    let search = session.find("#search");
    session.send_keys(&search, "script");
    session.wait_for(
        "return document.getElementById('suggestions').getAttribute('data-query') === 'script' && document.querySelectorAll('#suggestions button').length === 3",
        WAIT,
        "three suggestions",
    );
    session.click_css("#suggestions button");
    session.wait_for(
        "return document.getElementById('actor-name') !== null && document.querySelectorAll('#event-list button').length === 1",
        WAIT,
        "the actor's page",
    );
    session.click_css("#event-list button");
    session.wait_for(
        "return document.querySelectorAll('#event-sources > li').length === 1",
        WAIT,
        "the event",
    );
    // nothing ran, nothing was added as markup: the names are text
    assert_eq!(
        session.execute("return window.__pwned === undefined", vec![]),
        json!(true)
    );
    assert_eq!(
        session.execute("return document.querySelectorAll('script').length", vec![]),
        json!(2)
    );
    assert_eq!(
        session.execute(
            "return document.querySelectorAll('main img, main b, main svg:not(#map), #event a').length",
            vec![]
        ),
        json!(0)
    );
    let shown = session.execute(
        "return Array.prototype.map.call(document.querySelectorAll('#event ul button'), function (b) { return b.textContent; })",
        vec![],
    );
    let mut shown: Vec<String> = shown
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    shown.sort();
    let mut expected: Vec<String> = HOSTILE_NAMES.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(shown, expected);
    // the evidence sentence is text too
    let evidence = session.text(&session.find("#event-sources blockquote"));
    assert!(
        evidence.contains("<script>window.__pwned=7</script>"),
        "{evidence}"
    );
}

#[test]
fn the_report_of_the_15_articles_opens_with_the_viewer() {
    let dir = common::tempdir();
    let Some(articles) = common::shared("eval/articles") else {
        return;
    };
    let (Some(chromium), Some(chromedriver)) = (common::chromium(), common::chromedriver()) else {
        return;
    };
    let out = dir.path().join("report");
    common::eventgraph()
        .arg("build")
        .args(
            ARTICLES_15
                .iter()
                .map(|n| articles.join(format!("{n}.txt"))),
        )
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(html.matches("<script").count(), 1, "one inline script");
    let driver = Driver::start(&chromedriver);
    let session = driver.session(&chromium, &dir.path().join("profile"), 1400, 1000);
    let url = format!("file://{}", out.join("index.html").display());
    session.navigate(&url);
    session.wait_for(
        "return document.body.getAttribute('data-viewer-ready') === '1' && document.body.getAttribute('data-ready') === '1'",
        WAIT,
        "the report's viewer",
    );
    // the first view: the busiest actor's events, not the whole graph
    let nodes = session
        .execute("return window.eventgraphViewer.cy.nodes().length", vec![])
        .as_u64()
        .unwrap();
    let total = session
        .execute(
            "return window.EVENTGRAPH_DATA.actors.length + window.EVENTGRAPH_DATA.events.length",
            vec![],
        )
        .as_u64()
        .unwrap();
    assert!(
        nodes >= 3 && nodes * 4 < total,
        "{nodes} of {total} nodes drawn"
    );
    assert!(session.find_all("#busiest button").len() >= 10);
    check_screenshot(&session.screenshot(), "report-15-first-view.png");
    // the same path as on the server: find Kerry, open the Paris meeting
    session.send_keys(&session.find("#search"), "kerr");
    session.wait_for(
        "return document.getElementById('suggestions').getAttribute('data-query') === 'kerr' && document.querySelectorAll('#suggestions button').length > 0",
        WAIT,
        "suggestions",
    );
    let kerry = session
        .find_all("#suggestions button")
        .into_iter()
        .find(|b| session.text(b).starts_with("John Kerry"))
        .expect("John Kerry suggested");
    let kerry_id = session.execute(
        "return arguments[0].getAttribute('data-actor')",
        vec![json!({ common::webdriver::ELEMENT: kerry })],
    );
    session.click(&kerry);
    session.wait_for(
        &format!("return document.body.getAttribute('data-actor') === {kerry_id}"),
        WAIT,
        "Kerry's page",
    );
    let met = session.text(&session.find("#met"));
    assert!(met.contains("Sergei Lavrov"), "{met}");
    // click the Paris meeting's node in the graph
    let geometry = session.execute(
        "var c = document.getElementById('cy'); c.scrollIntoView({block: 'center'}); var n = window.eventgraphViewer.cy.nodes(\"[type = 'event'][kind = 'meet']\").filter(function (x) { return x.data('label').indexOf('Paris') >= 0; })[0]; var p = n.renderedPosition(); return [p.x, p.y, c.clientWidth, c.clientHeight];",
        vec![],
    );
    let g: Vec<f64> = geometry
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    session.click_at(
        &session.find("#cy"),
        (g[0] - g[2] / 2.0).round() as i64,
        (g[1] - g[3] / 2.0).round() as i64,
    );
    session.wait_for(
        "return document.querySelectorAll('#event-sources > li').length > 0",
        WAIT,
        "the meeting's sources",
    );
    assert_eq!(session.find_all("#event-sources > li").len(), 3);
    check_clean(&session, "file://");
}

#[test]
fn base64_decodes_screenshots() {
    use common::webdriver::base64_decode;
    assert_eq!(base64_decode("aGVsbG8gd29ybGQ="), b"hello world");
    assert_eq!(base64_decode("YQ=="), b"a");
}
