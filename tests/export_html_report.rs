//! The self-contained HTML report: structure checks, and the page opened in
//! headless Chromium (Debian's `chromium` package) shows the timeline and the
//! graph, runs its script without console errors, and filters by actor.
//! The Chromium and Graphviz checks are skipped, with a notice, when they
//! are not installed, and fail under `EVENTGRAPH_REQUIRE_TOOLS=1`.

mod common;

use eventgraph::{
    export::{self, DotOptions, Layout, RenderFormat, ReportOptions},
    Subgraph,
};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one headless Chromium run may take.
const CHROMIUM_TIME_LIMIT: Duration = Duration::from_secs(120);

fn seed() -> Subgraph {
    serde_json::from_str(&common::read_fixture("seed/input.json")).unwrap()
}

fn report(sub: &Subgraph, with_svg: bool) -> String {
    // the graph when Graphviz is there; the checks that need it ask
    // common::graphviz(), which skips or fails loudly
    let svg = if with_svg && export::graphviz_available() {
        let dot = export::dot_string(sub, &DotOptions::default());
        let bytes = export::render(
            &dot,
            RenderFormat::Svg,
            Layout::Dot,
            Duration::from_secs(60),
        )
        .unwrap();
        Some(String::from_utf8(bytes).unwrap())
    } else {
        None
    };
    let mut out = Vec::new();
    export::write_html_report(
        sub,
        svg.as_deref(),
        &ReportOptions {
            title: Some("Russia and Ukraine".into()),
        },
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn report_is_self_contained() {
    let html = report(&seed(), true);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for needle in [
        "<section id=\"timeline\">",
        "<section id=\"meetings\">",
        "<section id=\"actors\">",
        "id=\"actor-search\"",
        "John Kerry met Sergei Lavrov in Paris for four hours.",
        "default-src 'none'",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
    // nothing is fetched: no external references of any kind
    for forbidden in [
        "src=\"http",
        "href=\"http",
        "src=\"//",
        "@import",
        "url(http",
    ] {
        assert!(!html.contains(forbidden), "found {forbidden:?}");
    }
    // meetings table: the Paris meeting, the call, the visit, the NATO session
    let meetings =
        &html[html.find("id=\"meetings\"").unwrap()..html.find("id=\"actors\"").unwrap()];
    assert_eq!(meetings.matches("<tr data-actors").count(), 4);
    if common::graphviz() {
        assert!(html.contains("<svg"));
        assert!(!html.contains("<?xml"));
        assert!(html.contains("<p class=\"legend\">"));
    }
    let without = report(&seed(), false);
    assert!(without.contains("Debian package <code>graphviz</code>"));
}

#[test]
fn report_is_deterministic() {
    assert_eq!(report(&seed(), true), report(&seed(), true));
}

use common::chromium;

/// Runs headless Chromium on a page: returns (DOM, stderr).
fn open_in_chromium(
    browser: &Path,
    url: &str,
    profile: &Path,
    screenshot: &Path,
) -> (String, String) {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1400,2000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg("--dump-dom")
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium runs");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    // a browser that hangs must fail the test, not the CI run
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > CHROMIUM_TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {CHROMIUM_TIME_LIMIT:?} on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    (out.join().unwrap(), err.join().unwrap())
}

/// Console messages and uncaught errors in Chromium's log.
fn console_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| {
            l.contains("Uncaught")
                || l.contains(":CONSOLE")
                || l.contains("Refused to")
                || l.contains("ERR_")
        })
        .collect()
}

#[test]
fn report_opens_in_headless_chromium() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = common::tempdir();
    // the log check itself: a page with a console error and an exception
    let bad = dir.path().join("bad.html");
    std::fs::write(
        &bad,
        "<p>x</p><script>console.error('boom'); missing();</script>",
    )
    .unwrap();
    let (_, stderr) = open_in_chromium(
        &browser,
        &format!("file://{}", bad.display()),
        &dir.path().join("profile-bad"),
        &dir.path().join("bad.png"),
    );
    assert_eq!(console_errors(&stderr).len(), 2, "{stderr}");

    let page = dir.path().join("index.html");
    std::fs::write(&page, report(&seed(), true)).unwrap();
    let profile = dir.path().join("profile");
    let shot = dir.path().join("report.png");
    let url = format!("file://{}", page.display());
    let (dom, stderr) = open_in_chromium(&browser, &url, &profile, &shot);
    assert!(
        dom.contains("data-ready=\"1\""),
        "the report's script did not finish\nDOM: {dom}\nstderr: {stderr}"
    );
    assert!(dom.contains("Timeline"));
    assert!(dom.contains("John Kerry met Sergei Lavrov in Paris for four hours."));
    assert!(dom.contains("John Kerry is to meet NATO in Brussels."));
    if common::graphviz() {
        assert!(dom.contains("<svg"), "graph missing from the page");
        assert!(dom.contains("Sergei Lavrov</text>"), "graph labels missing");
    }
    let errors = console_errors(&stderr);
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    let png = std::fs::read(&shot).expect("screenshot written");
    assert_eq!(&png[..4], b"\x89PNG");
    assert!(
        png.len() > 10_000,
        "screenshot looks blank ({} bytes)",
        png.len()
    );

    // the search box, filled from the address: only Lavrov's rows are shown
    let (dom, stderr) = open_in_chromium(
        &browser,
        &format!("{url}#search=lavrov"),
        &profile,
        &dir.path().join("search.png"),
    );
    assert!(console_errors(&stderr).is_empty(), "{stderr}");
    assert!(dom.contains("1 actor matches"), "{dom}");
    let visible_rows = dom.matches("<tr class=\"actor-row\" data-actors=").count();
    let hidden_rows = dom.matches("class=\"actor-row\" data-actors=").count()
        - dom
            .split("<tr ")
            .filter(|r| {
                r.starts_with("class=\"actor-row\"")
                    && !r.split('>').next().unwrap().contains("hidden")
            })
            .count();
    assert_eq!(visible_rows, 15);
    assert_eq!(hidden_rows, 14, "all actors but Lavrov hidden");
    if common::graphviz() {
        // in the graph, every actor but Lavrov is dimmed
        let dimmed = dom
            .matches("class=\"node\" style=\"opacity: 0.2;\"")
            .count();
        assert_eq!(dimmed, 14, "{dom}");
        let lavrov = dom.find("<title>actor:Sergei Lavrov</title>").unwrap();
        let node_start = dom[..lavrov].rfind("<g ").unwrap();
        assert!(!dom[node_start..lavrov].contains("opacity"));
    }
}

#[test]
fn report_directory_has_every_file() {
    let dir = common::tempdir();
    let out = dir.path().join("report");
    let report = export::write_report_files(
        &seed(),
        &out,
        &export::BundleOptions {
            title: Some("Seed".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let names: Vec<String> = report
        .files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    if common::graphviz() {
        assert_eq!(
            names,
            [
                "timeline.md",
                "graph.dot",
                "graph.svg",
                "actors.dot",
                "events.csv",
                "index.html"
            ]
        );
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    } else {
        assert!(report
            .warnings
            .iter()
            .any(|w| w.to_string().contains("graphviz")));
    }
    let md = std::fs::read_to_string(out.join("timeline.md")).unwrap();
    assert!(md.starts_with("# Seed\n"));
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("<title>Seed</title>"));
}

/// The seed graph with John Kerry renamed to something hostile.
fn hostile_seed() -> (Subgraph, &'static str) {
    const NAME: &str = "<script>alert('x')</script> \"Kerry\" ]\nJr & Co";
    let mut sub = seed();
    for actor in &mut sub.actors {
        if actor.name == "John Kerry" {
            actor.name = NAME.to_string();
        }
    }
    for event in &mut sub.events {
        for p in &mut event.participants {
            if p.actor == "John Kerry" {
                p.actor = NAME.to_string();
            }
        }
    }
    sub.documents[0].title = Some("</script><script>alert(2)</script>".into());
    (sub, NAME)
}

#[test]
fn hostile_report_runs_no_foreign_script_in_chromium() {
    let Some(browser) = chromium() else {
        return;
    };
    let (sub, name) = hostile_seed();
    let dir = common::tempdir();
    let page = dir.path().join("index.html");
    std::fs::write(&page, report(&sub, true)).unwrap();
    let (dom, stderr) = open_in_chromium(
        &browser,
        &format!("file://{}", page.display()),
        &dir.path().join("profile"),
        &dir.path().join("shot.png"),
    );
    assert!(dom.contains("data-ready=\"1\""), "{stderr}");
    let errors = console_errors(&stderr);
    assert!(errors.is_empty(), "{errors:#?}");
    // the name is shown as text (the DOM serialises it escaped; the newline
    // is white space to HTML), never run
    let shown = name
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    assert!(
        dom.contains(&format!(
            "{shown} met Sergei Lavrov in Paris for four hours."
        )),
        "{dom}"
    );
    assert_eq!(
        dom.matches("<script").count(),
        1,
        "only the report's script"
    );
    if common::graphviz() {
        // in the SVG, the newline of the name is a line break
        assert!(
            dom.contains("&lt;script&gt;alert('x')&lt;/script&gt; \"Kerry\" ]</text>"),
            "{dom}"
        );
    }
}

#[test]
fn report_directory_without_graphviz_says_why() {
    let dir = common::tempdir();
    let report = export::write_report_files(
        &seed(),
        dir.path(),
        &export::BundleOptions {
            graphviz: "eventgraph-test-no-such-dot".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!dir.path().join("graph.svg").exists());
    assert_eq!(report.files.len(), 5);
    assert!(
        report.warnings.iter().any(|w| w
            .to_string()
            .starts_with("graph.svg not written: graphviz is not installed")),
        "{:?}",
        report.warnings
    );
    let html = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    assert!(html.contains("The graph was not drawn"));
    assert!(!html.contains("<svg"));
}
