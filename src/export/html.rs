//! The self-contained HTML report: a header with counts, a search box over
//! actors, the timeline, the graph explorer, a meetings table, an actors
//! table and the numbered sources.
//!
//! The graph section is the viewer of `eventgraph serve` (`export::viewer`:
//! Cytoscape.js and the viewer script, inlined) answering its queries from
//! the report's data embedded as JSON: it starts from the busiest actor and
//! widens on click, so it stays readable at any size. The whole drawing
//! (Graphviz's SVG) is inlined too when it has at most
//! [`INLINE_SVG_MAX_NODES`] nodes.
//!
//! The search (inline JavaScript, no library) matches names and aliases and
//! hides the timeline entries, meetings and actors without a match and dims
//! the other actors in the graph; `index.html#search=NAME` opens with the
//! search filled in, and a click on an actor's row searches for it.
//!
//! The page needs no network access: no external stylesheet, script, font
//! or image, and a Content-Security-Policy that forbids fetching any. Every
//! text from the data is HTML-escaped; the SVG is Graphviz's output (whose
//! labels Graphviz escapes) with its XML prolog and comments removed.

use super::html_escape;
use super::viewer::{
    json_for_script, viewer_assets, viewer_data, EXPLORER_MARKUP, MAP_MARKUP, SEARCH_MARKUP,
};
use crate::model::Place;
use crate::model::{Event, EventKind, Subgraph};
use crate::summary::{
    build_timeline, entry_date_prefix, modality_marker, span_note, Grouping, TimelineOptions,
};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Up to this many nodes (actors and events) the whole Graphviz drawing is
/// inlined in the report; above it the explorer alone shows the graph.
pub const INLINE_SVG_MAX_NODES: usize = 150;

/// Options for [`write_html_report`].
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// The page title (default "eventgraph report").
    pub title: Option<String>,
}

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:0;color:#222;background:#fafafa;line-height:1.45}
header{background:#24364b;color:#fff;padding:1rem 2rem}
header h1{margin:0 0 .3rem 0;font-size:1.5rem}
header p{margin:0;opacity:.85}
nav a{color:#cfe2f3;margin-right:1rem}
main{padding:0 2rem 2rem 2rem}
main>section:not(#graph){max-width:1200px}
section{margin-top:1.5rem}
h2{border-bottom:2px solid #24364b;padding-bottom:.2rem}
h3{margin-bottom:.3rem}
ul.events{margin-top:.2rem}
li.planned,li.hypothetical{font-style:italic}
.marker{font-weight:bold;font-style:normal;color:#8a5a00}
.cite{color:#666;font-size:.85em}
.inferred{color:#666;font-size:.85em}
.when{font-weight:600}
#search input{font-size:1rem;padding:.3rem .5rem;width:20rem;max-width:90%}
#search-count{margin-left:1rem;color:#666}
.graph{overflow:auto;border:1px solid #ddd;background:#fff;max-height:80vh}
.graph svg{height:auto}
.graph.fit svg{max-width:100%}
.graph-tools{font-size:.85em;color:#444;margin:.2rem 0}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f6}
.legend{font-size:.85em;color:#444}
.swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #888;border-radius:50%;margin:0 .3em -.1em 0}
.swatch.event{border-radius:3px}
.sep{color:#aaa;margin:0 .3em}
tr.actor-row{cursor:pointer}
tr.actor-row:hover{background:#f3f7fb}
[hidden]{display:none!important}
";

const SCRIPT: &str = r##"
(function () {
  "use strict";
  var input = document.getElementById("actor-search");
  var count = document.getElementById("search-count");
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-actors]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".group"));
  // names and aliases of each actor, by lowercase canonical name
  var known = {};
  rows.forEach(function (row) {
    if (row.classList.contains("actor-row")) {
      var names = row.getAttribute("data-actors").split("|");
      known[names[0]] = names;
    }
  });
  // the actor nodes of the inlined graph: <g class="node"><title>actor:NAME</title>
  var nodes = [];
  Array.prototype.slice.call(document.querySelectorAll("#graph g.node")).forEach(function (g) {
    var title = g.querySelector("title");
    if (title && title.textContent.indexOf("actor:") === 0) {
      var name = title.textContent.slice(6).toLowerCase();
      nodes.push({ element: g, names: known[name] || [name] });
    }
  });
  function apply() {
    var query = input.value.trim().toLowerCase();
    var actors = 0;
    rows.forEach(function (row) {
      var names = row.getAttribute("data-actors").split("|");
      var hit = query === "" || names.some(function (n) { return n.indexOf(query) !== -1; });
      row.hidden = !hit;
      if (hit && row.classList.contains("actor-row")) { actors += 1; }
    });
    nodes.forEach(function (node) {
      var hit = query === "" || node.names.some(function (n) { return n.indexOf(query) !== -1; });
      node.element.style.opacity = hit ? "" : "0.2";
    });
    groups.forEach(function (group) {
      group.hidden = group.querySelectorAll("li:not([hidden])").length === 0;
    });
    count.textContent = query === "" ? "" : actors + (actors === 1 ? " actor matches" : " actors match");
  }
  input.addEventListener("input", apply);
  rows.forEach(function (row) {
    if (row.classList.contains("actor-row")) {
      row.addEventListener("click", function () {
        input.value = row.getAttribute("data-actors").split("|")[0];
        apply();
      });
    }
  });
  // the graph at full size (readable labels, scrolling) unless it is not
  // much wider than the page, then fitted; the checkbox switches
  var fit = document.getElementById("graph-fit");
  var box = document.getElementById("graph-box");
  if (fit && box) {
    var svg = box.querySelector("svg");
    var natural = svg ? parseFloat(svg.getAttribute("width")) * 4 / 3 : 0;
    fit.checked = !(natural > box.clientWidth * 1.3);
    var setFit = function () { box.classList.toggle("fit", fit.checked); };
    fit.addEventListener("change", setFit);
    setFit();
  }
  var hash = window.location.hash;
  if (hash.indexOf("#search=") === 0) {
    try { input.value = decodeURIComponent(hash.slice(8)); } catch (e) { input.value = ""; }
  }
  apply();
  document.body.setAttribute("data-ready", "1");
})();
"##;

/// Lowercase names and aliases of an actor, `|`-separated, for the search.
fn search_names(names: &BTreeMap<&str, Vec<String>>, actor: &str) -> Vec<String> {
    names
        .get(actor)
        .cloned()
        .unwrap_or_else(|| vec![actor.to_lowercase()])
}

fn search_attr(list: &[String]) -> String {
    let cleaned: Vec<String> = list
        .iter()
        .map(|s| s.replace('|', " ").replace(['\n', '\r'], " "))
        .collect();
    html_escape(&cleaned.join("|"))
}

/// The key to the drawing's shapes and colours (see `export::dot`).
fn legend() -> String {
    use crate::model::{ActorKind, EventKind};
    let mut items = Vec::new();
    for kind in [
        ActorKind::Person,
        ActorKind::Organization,
        ActorKind::Country,
        ActorKind::Group,
    ] {
        let (shape, fill) = super::actor_style(kind);
        items.push(format!(
            "<span class=\"swatch\" style=\"background:{fill}\"></span>{} ({shape})",
            kind.as_str()
        ));
    }
    for (kind, text) in [
        (EventKind::Meet, "meeting, call, visit"),
        (EventKind::Agree, "cooperation, agreement, de-escalation"),
        (
            EventKind::Sanction,
            "demand, criticism, threat, sanction, force",
        ),
        (EventKind::Statement, "statement"),
    ] {
        items.push(format!(
            "<span class=\"swatch event\" style=\"background:{}\"></span>{text}",
            super::event_fill(kind)
        ));
    }
    items.push("dashed: planned or hypothetical".to_string());
    items.push("edges: source blue, target red, participant grey".to_string());
    format!(
        "<p class=\"legend\">{}</p>\n",
        items.join(" <span class=\"sep\">·</span> ")
    )
}

/// Removes the XML declaration, the DOCTYPE and comments from an SVG so it
/// can be inlined into HTML.
fn inline_svg(svg: &str) -> String {
    let start = svg.find("<svg").unwrap_or(0);
    let mut body = &svg[start..];
    let mut out = String::with_capacity(body.len());
    while let Some(i) = body.find("<!--") {
        out.push_str(&body[..i]);
        match body[i..].find("-->") {
            Some(j) => body = &body[i + j + 3..],
            None => {
                body = "";
                break;
            }
        }
    }
    out.push_str(body);
    out
}

fn cite(numbers: &[usize]) -> String {
    if numbers.is_empty() {
        return String::new();
    }
    let list: Vec<String> = numbers
        .iter()
        .map(|n| format!("<a href=\"#source-{n}\">{n}</a>"))
        .collect();
    format!(" <span class=\"cite\">[{}]</span>", list.join(", "))
}

/// Writes the HTML report. `svg` is the rendered events graph, when
/// Graphviz could draw it.
pub fn write_html_report(
    subgraph: &Subgraph,
    svg: Option<&str>,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_html_report_with_places(subgraph, svg, options, &[], out)
}

/// [`write_html_report`] with the coordinates of places (by name) for the
/// map of the explorer.
pub fn write_html_report_with_places(
    subgraph: &Subgraph,
    svg: Option<&str>,
    options: &ReportOptions,
    places: &[Place],
    out: &mut dyn Write,
) -> io::Result<()> {
    let assets = viewer_assets();
    let title = options.title.as_deref().unwrap_or("eventgraph report");
    let timeline = build_timeline(subgraph, &TimelineOptions::default());
    let mut names: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for actor in &subgraph.actors {
        let mut list: Vec<String> = actor.names().map(str::to_lowercase).collect();
        list.dedup();
        names.insert(&actor.name, list);
    }
    let events_by_id: BTreeMap<&str, &Event> =
        subgraph.events.iter().map(|e| (e.id.as_str(), e)).collect();

    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str(&format!("<title>{}</title>\n", html_escape(title)));
    h.push_str(&format!(
        "<style>{STYLE}{}</style>\n</head>\n<body>\n",
        assets.app_css
    ));

    // header
    let n_events = subgraph.events.len();
    let span = match (
        subgraph.events.iter().map(|e| e.when.start).min(),
        subgraph.events.iter().map(|e| e.when.end).max(),
    ) {
        (Some(a), Some(b)) => format!(", {a} to {b}"),
        _ => String::new(),
    };
    h.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p>{} event{}, {} actor{}, {} document{}{}</p>\n",
        html_escape(title),
        n_events,
        if n_events == 1 { "" } else { "s" },
        subgraph.actors.len(),
        if subgraph.actors.len() == 1 { "" } else { "s" },
        subgraph.documents.len(),
        if subgraph.documents.len() == 1 {
            ""
        } else {
            "s"
        },
        span
    ));
    h.push_str("<nav><a href=\"#graph\">Graph</a><a href=\"#timeline\">Timeline</a><a href=\"#meetings\">Meetings</a><a href=\"#actors\">Actors</a><a href=\"#sources\">Sources</a></nav>\n</header>\n<main>\n");

    // graph: the explorer, and the whole drawing when it is small
    h.push_str("<section id=\"graph\">\n<h2>Graph</h2>\n");
    h.push_str("<p class=\"graph-tools\">Explore the graph from one actor: search for it, or pick one of the busiest; click an actor to widen the graph, an event to read its sources.</p>\n");
    h.push_str(SEARCH_MARKUP);
    h.push_str(EXPLORER_MARKUP);
    h.push_str(MAP_MARKUP);
    let n_nodes = subgraph.actors.len() + subgraph.events.len();
    match svg {
        Some(svg) if n_nodes <= INLINE_SVG_MAX_NODES => {
            h.push_str("<h3>The whole graph</h3>\n<p class=\"graph-tools\"><label><input type=\"checkbox\" id=\"graph-fit\"> fit the graph to the page width</label> (otherwise shown at full size: scroll to move around)</p>\n<div class=\"graph\" id=\"graph-box\">\n");
            h.push_str(&inline_svg(svg));
            h.push_str("\n</div>\n");
            h.push_str(&legend());
        }
        Some(_) => h.push_str(&format!(
            "<p>The whole graph has {n_nodes} nodes, too many to read in one picture: it is not drawn here (it is in <code>graph.svg</code> beside this page).</p>\n"
        )),
        None => h.push_str(
            "<p>The graph was not drawn: Graphviz is not installed (Debian package <code>graphviz</code>). The DOT file can be rendered with <code>dot -Tsvg</code>.</p>\n",
        ),
    }
    h.push_str("</section>\n");

    // search
    h.push_str("<section id=\"search\">\n<label for=\"actor-search\">Filter the timeline and tables by actor: </label><input id=\"actor-search\" type=\"search\" placeholder=\"name or alias\" autocomplete=\"off\"><span id=\"search-count\"></span>\n</section>\n");

    // timeline
    h.push_str("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
    if timeline.groups.is_empty() {
        h.push_str("<p>No events.</p>\n");
    }
    for group in &timeline.groups {
        h.push_str(&format!(
            "<div class=\"group\">\n<h3>{}</h3>\n<ul class=\"events\">\n",
            html_escape(&group.label)
        ));
        for entry in &group.entries {
            let mut search = Vec::new();
            if let Some(event) = events_by_id.get(entry.event.as_str()) {
                for p in &event.participants {
                    search.extend(search_names(&names, &p.actor));
                }
            }
            let mut line = String::new();
            if timeline.grouping == Grouping::Month {
                line.push_str(&format!(
                    "<span class=\"when\">{}:</span> ",
                    html_escape(&entry_date_prefix(entry))
                ));
            }
            if let Some(marker) = modality_marker(entry.modality) {
                line.push_str(&format!("<span class=\"marker\">{marker}:</span> "));
            }
            line.push_str(&html_escape(&entry.sentence));
            if let Some(note) = span_note(group, entry) {
                line.push_str(&format!(
                    " <span class=\"inferred\">({})</span>",
                    html_escape(&note)
                ));
            }
            if entry.date_inferred {
                line.push_str(" <span class=\"inferred\">(date inferred from the report)</span>");
            }
            line.push_str(&cite(&entry.sources));
            h.push_str(&format!(
                "<li class=\"{}\" data-actors=\"{}\">{}</li>\n",
                entry.modality.as_str(),
                search_attr(&search),
                line
            ));
        }
        h.push_str("</ul>\n</div>\n");
    }
    h.push_str("</section>\n");

    // meetings
    let mut numbers_of: BTreeMap<&str, &[usize]> = BTreeMap::new();
    for group in &timeline.groups {
        for entry in &group.entries {
            numbers_of.insert(entry.event.as_str(), &entry.sources);
        }
    }
    h.push_str("<section id=\"meetings\">\n<h2>Meetings</h2>\n");
    let mut meetings: Vec<&Event> = subgraph
        .events
        .iter()
        .filter(|e| e.kind.is_meeting() || e.kind == EventKind::Visit)
        .collect();
    meetings.sort_by(|a, b| (a.when.start, &a.id).cmp(&(b.when.start, &b.id)));
    if meetings.is_empty() {
        h.push_str("<p>No meetings, calls or visits.</p>\n");
    } else {
        h.push_str("<table>\n<thead><tr><th>Date</th><th>Who</th><th>Kind</th><th>Place</th><th>Status</th><th>Sources</th></tr></thead>\n<tbody>\n");
        for e in meetings {
            let mut who: Vec<&str> = Vec::new();
            let mut search = Vec::new();
            for p in &e.participants {
                if !who.contains(&p.actor.as_str()) {
                    who.push(&p.actor);
                    search.extend(search_names(&names, &p.actor));
                }
            }
            h.push_str(&format!(
                "<tr data-actors=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                search_attr(&search),
                html_escape(&e.when.value),
                html_escape(&crate::summary::join_names(&who)),
                e.kind.as_str(),
                html_escape(e.place.as_deref().unwrap_or("")),
                e.modality.as_str(),
                cite(numbers_of.get(e.id.as_str()).copied().unwrap_or(&[])).trim()
            ));
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</section>\n");

    // actors
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &subgraph.events {
        let mut seen: Vec<&str> = e.participants.iter().map(|p| p.actor.as_str()).collect();
        seen.sort_unstable();
        seen.dedup();
        for a in seen {
            *counts.entry(a).or_default() += 1;
        }
    }
    h.push_str("<section id=\"actors\">\n<h2>Actors</h2>\n");
    h.push_str("<table id=\"actors-table\">\n<thead><tr><th>Name</th><th>Kind</th><th>Aliases</th><th>Titles</th><th>Events</th></tr></thead>\n<tbody>\n");
    let mut actors: Vec<_> = subgraph.actors.iter().collect();
    actors.sort_by(|a, b| a.name.cmp(&b.name));
    for a in actors {
        let titles: Vec<String> = a
            .held_titles()
            .map(|t| match &t.of {
                Some(of) => format!("{} of {of}", t.title),
                None => t.title.clone(),
            })
            .collect();
        h.push_str(&format!(
            "<tr class=\"actor-row\" data-actors=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            search_attr(&search_names(&names, &a.name)),
            html_escape(&a.name),
            a.kind.as_str(),
            html_escape(&a.aliases.join(", ")),
            html_escape(&titles.join("; ")),
            counts.get(a.name.as_str()).copied().unwrap_or(0)
        ));
    }
    h.push_str("</tbody>\n</table>\n</section>\n");

    // sources
    h.push_str("<section id=\"sources\">\n<h2>Sources</h2>\n");
    if timeline.sources.is_empty() {
        h.push_str("<p>No sources.</p>\n");
    } else {
        h.push_str("<ol>\n");
        for s in &timeline.sources {
            let mut line = String::new();
            if let Some(outlet) = &s.outlet {
                line.push_str(&html_escape(outlet));
                line.push_str(": ");
            }
            match &s.title {
                Some(t) => line.push_str(&format!("“{}”", html_escape(t))),
                None => line.push_str(&html_escape(&s.document)),
            }
            if let Some(p) = s.published {
                line.push_str(&format!(", {p}"));
            }
            if let Some(url) = &s.url {
                // shown as text, not a link: the report makes no requests
                line.push_str(&format!(", <code>{}</code>", html_escape(url)));
            }
            h.push_str(&format!("<li id=\"source-{}\">{}</li>\n", s.number, line));
        }
        h.push_str("</ol>\n");
    }
    h.push_str("</section>\n</main>\n");
    // one script: the data, Cytoscape.js, the in-page API, the viewer, the
    // report's own search
    let title_text = title.to_string();
    h.push_str(&format!(
        "<script>window.EVENTGRAPH_DATA = {};\nwindow.EVENTGRAPH_DATA.world = {};\n{}\n;\n{}\n;\n{}\n;\n{SCRIPT}</script>\n</body>\n</html>\n",
        json_for_script(&viewer_data(subgraph, &title_text, places)),
        assets.world_json.trim(),
        assets.cytoscape_js.trim(),
        assets.static_js,
        assets.app_js,
    ));
    out.write_all(h.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_prolog_and_comments_are_removed() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg><!-- a --><g/><!-- b --></svg>";
        assert_eq!(inline_svg(svg), "<svg><g/></svg>");
    }
}
