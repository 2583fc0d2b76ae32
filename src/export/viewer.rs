//! The viewer of `eventgraph serve` and of the report's index.html, embedded
//! in the binary: the page markup, its script (and `static.js`, which
//! answers the API from data embedded in the report) and style,
//! Cytoscape.js and the world outlines (vendored from npm; see
//! `viewer/vendor/README.md`), and the licenses that come with them.

use crate::model::{Place, Subgraph};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The viewer's files.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ViewerAssets {
    /// The viewer script.
    pub app_js: &'static str,
    /// The viewer style sheet.
    pub app_css: &'static str,
    /// Cytoscape.js 3.35.0, minified (MIT).
    pub cytoscape_js: &'static str,
    /// Natural Earth 1:110m country outlines as TopoJSON (world-atlas 2.0.2).
    pub world_json: &'static str,
    /// The licenses of the vendored files.
    pub licenses: &'static str,
    /// The API answered in the page from embedded data (the report).
    pub static_js: &'static str,
}

const LICENSES: &str = concat!(
    "The eventgraph viewer embeds these third-party files.\n\n",
    "== Cytoscape.js 3.35.0 (npm package cytoscape), cytoscape.min.js: MIT ==\n\n",
    include_str!("viewer/vendor/cytoscape.LICENSE"),
    "\n\n== world-atlas 2.0.2 (npm package world-atlas), countries-110m.json: ISC ==\n\n",
    include_str!("viewer/vendor/world-atlas.LICENSE"),
    "\n\nThe outlines are Natural Earth's 1:110m Admin 0 country boundaries \
     (version 4.1.0, https://www.naturalearthdata.com/), which are in the public domain.\n"
);

/// The search box with its suggestions.
pub(crate) const SEARCH_MARKUP: &str = r#"<div id="search-box"><label for="search">Find an actor</label><input id="search" type="search" autocomplete="off" spellcheck="false" placeholder="a name or alias, e.g. kerr" aria-controls="suggestions"><ul id="suggestions" role="listbox" hidden></ul></div>
"#;

/// The explorer: time range, kinds, the actor, the graph and the event.
pub(crate) const EXPLORER_MARKUP: &str = r#"<div id="controls">
<div id="range"><label for="from-slider">From</label><input type="range" id="from-slider"><span class="range-label" id="from-label"></span><label for="to-slider">to</label><input type="range" id="to-slider"><span class="range-label" id="to-label"></span></div>
<div id="kinds"></div>
</div>
<div id="columns">
<section id="actor-panel"><h2>Actor</h2><div id="actor"><p>Search for an actor, or start from one of the busiest.</p></div><h3>The busiest actors</h3><ul class="plain" id="busiest"></ul></section>
<section id="graph-panel"><h2>Graph</h2><div id="cy"></div><p class="hint">Click an actor to widen the graph around it; click an event to read its sources. Drag to move, scroll to zoom.</p><p id="graph-note"></p></section>
<section id="event-panel"><h2>Event</h2><div id="event"><p>Click an event in the graph or the timeline.</p></div></section>
</div>
"#;

/// The timeline and who-met-whom panels (the served page; the report has
/// its own).
pub(crate) const LISTS_MARKUP: &str = r#"<section id="timeline-panel"><h2>Timeline</h2><p class="meta" id="event-list-note"></p><ol id="event-list"></ol></section>
<section id="meetings-panel"><h2>Who met whom</h2><table id="meetings-table"><thead><tr><th>Who</th><th>With</th><th>Meetings</th><th>Last</th></tr></thead><tbody></tbody></table></section>
"#;

/// The map of places.
pub(crate) const MAP_MARKUP: &str = r#"<section id="map-panel"><h2>Places</h2><p class="meta" id="map-note"></p><div id="map-box"></div><ul class="plain" id="places"></ul></section>
"#;

/// The embedded files.
pub(crate) fn viewer_assets() -> ViewerAssets {
    ViewerAssets {
        app_js: include_str!("viewer/app.js"),
        app_css: include_str!("viewer/app.css"),
        cytoscape_js: include_str!("viewer/vendor/cytoscape.min.js"),
        world_json: include_str!("viewer/vendor/countries-110m.json"),
        licenses: LICENSES,
        static_js: include_str!("viewer/static.js"),
    }
}

/// The page `serve` sends: the viewer with the style and the scripts as
/// files of its own origin.
pub(crate) fn served_page() -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>eventgraph</title>\n<link rel=\"icon\" href=\"data:,\">\n\
         <link rel=\"stylesheet\" href=\"/assets/app.css\">\n</head>\n<body class=\"viewer-page\">\n\
         <header>\n<h1 id=\"title\">eventgraph</h1>\n<p id=\"counts\"></p>\n{SEARCH_MARKUP}</header>\n\
         <main>\n{EXPLORER_MARKUP}{LISTS_MARKUP}{MAP_MARKUP}</main>\n\
         <footer>eventgraph viewer · graph drawn with Cytoscape.js (MIT) · outlines from Natural \
         Earth (public domain) via world-atlas (ISC) · <a href=\"/assets/LICENSES.txt\">licenses</a></footer>\n\
         <script src=\"/assets/cytoscape.min.js\"></script>\n<script src=\"/assets/app.js\"></script>\n\
         </body>\n</html>\n"
    )
}

/// JSON with `<`, `>`, `&` and the JavaScript line separators written as
/// `\\uXXXX` escapes (they can only occur inside strings): the text can be
/// put inside an HTML `<script>` element and no browser sniffs markup in it.
pub(crate) fn json_for_script(value: &serde_json::Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The data the report's viewer answers its queries from (`static.js`):
/// actors (sorted by name, named `a` and their position), events, documents
/// and places with coordinates.
pub(crate) fn viewer_data(subgraph: &Subgraph, title: &str, places: &[Place]) -> Value {
    let index: BTreeMap<&str, usize> = subgraph
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.name.as_str(), i))
        .collect();
    let documents: BTreeMap<&str, usize> = subgraph
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let actors: Vec<Value> = subgraph
        .actors
        .iter()
        .map(|a| {
            let mut aliases = a.aliases.clone();
            aliases.sort();
            let mut titles: Vec<&crate::model::Title> = a.held_titles().collect();
            titles.sort();
            let titles: Vec<Value> = titles
                .iter()
                .map(|t| {
                    json!({"title": t.title, "of": t.of,
                           "first_reported": t.first_reported.map(|d| d.to_string()),
                           "last_reported": t.last_reported.map(|d| d.to_string()),
                           "sources": t.sources.len()})
                })
                .collect();
            json!({"name": a.name, "kind": a.kind.as_str(), "aliases": aliases, "titles": titles,
                   "affiliation": a.affiliation, "country": a.country})
        })
        .collect();
    let events: Vec<Value> = subgraph
        .events
        .iter()
        .map(|e| {
            let actors: Vec<Value> = e
                .participants
                .iter()
                .filter_map(|p| Some(json!([index.get(p.actor.as_str())?, p.role.as_str()])))
                .collect();
            let mut sources: Vec<(usize, Vec<&str>)> = Vec::new();
            for m in &e.mentions {
                let Some(&d) = documents.get(m.document.as_str()) else {
                    continue;
                };
                if sources.last().is_none_or(|s| s.0 != d) {
                    sources.push((d, Vec::new()));
                }
                if let Some(last) = sources.last_mut() {
                    if !m.text.is_empty() && !last.1.contains(&m.text.as_str()) {
                        last.1.push(&m.text);
                    }
                }
            }
            json!({"id": e.id, "kind": e.kind.as_str(), "cameo": e.cameo,
                   "start": e.when.start.to_string(), "end": e.when.end.to_string(),
                   "value": e.when.value, "modality": e.modality.as_str(), "place": e.place,
                   "actors": actors, "sources": sources})
        })
        .collect();
    let docs: Vec<Value> = subgraph
        .documents
        .iter()
        .map(|d| {
            json!({"document": d.id, "title": d.title, "url": d.url, "outlet": d.source,
                   "published": d.published.map(|p| p.to_string())})
        })
        .collect();
    let mut coordinates: Vec<Value> = places
        .iter()
        .filter_map(|p| {
            let (lat, lon) = (p.lat?, p.lon?);
            (lat.is_finite() && lon.is_finite())
                .then(|| json!({"name": p.name, "country": p.country, "lat": lat, "lon": lon}))
        })
        .collect();
    coordinates.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    json!({"title": title, "actors": actors, "events": events, "documents": docs,
           "places": coordinates})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_markup() {
        let text = json_for_script(&json!({"a": "</script><b>&\u{2028}"}));
        assert_eq!(
            text,
            r#"{"a":"\u003c/script\u003e\u003cb\u003e\u0026\u2028"}"#
        );
    }
}
