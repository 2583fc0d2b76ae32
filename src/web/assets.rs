//! The viewer's files, embedded in the binary: the page markup, its script
//! and style, Cytoscape.js and the world outlines (vendored from npm; see
//! `assets/vendor/README.md`), and the licenses that come with them.

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
}

const LICENSES: &str = concat!(
    "The eventgraph viewer embeds these third-party files.\n\n",
    "== Cytoscape.js 3.35.0 (npm package cytoscape), cytoscape.min.js: MIT ==\n\n",
    include_str!("assets/vendor/cytoscape.LICENSE"),
    "\n\n== world-atlas 2.0.2 (npm package world-atlas), countries-110m.json: ISC ==\n\n",
    include_str!("assets/vendor/world-atlas.LICENSE"),
    "\n\nThe outlines are Natural Earth's 1:110m Admin 0 country boundaries \
     (version 4.1.0, https://www.naturalearthdata.com/), which are in the public domain.\n"
);

const BODY: &str = r#"<header>
<h1 id="title">eventgraph</h1>
<p id="counts"></p>
<div id="search-box"><label for="search">Find an actor</label><input id="search" type="search" autocomplete="off" spellcheck="false" placeholder="a name or alias, e.g. kerr" aria-controls="suggestions"><ul id="suggestions" role="listbox" hidden></ul></div>
</header>
<main>
<div id="controls">
<div id="range"><label for="from-slider">From</label><input type="range" id="from-slider"><span class="range-label" id="from-label"></span><label for="to-slider">to</label><input type="range" id="to-slider"><span class="range-label" id="to-label"></span></div>
<div id="kinds"></div>
</div>
<div id="columns">
<section id="actor-panel"><h2>Actor</h2><div id="actor"><p>Search for an actor, or start from one of the busiest:</p><ul class="plain" id="busiest"></ul></div></section>
<section id="graph-panel"><h2>Graph</h2><div id="cy"></div><p class="hint">Click an actor to widen the graph around it; click an event to read its sources. Drag to move, scroll to zoom.</p><p id="graph-note"></p></section>
<section id="event-panel"><h2>Event</h2><div id="event"><p>Click an event in the graph or the timeline.</p></div></section>
</div>
<section id="timeline-panel"><h2>Timeline</h2><p class="meta" id="timeline-note"></p><ol id="timeline"></ol></section>
<section id="meetings-panel"><h2>Who met whom</h2><table id="meetings"><thead><tr><th>Who</th><th>With</th><th>Meetings</th><th>Last</th></tr></thead><tbody></tbody></table></section>
<section id="map-panel"><h2>Places</h2><p class="meta" id="map-note"></p><svg id="map" viewBox="0 0 960 480" role="img" aria-label="A world map of the places of the selected events"></svg><ul class="plain" id="places"></ul></section>
</main>
<footer>eventgraph viewer · graph drawn with Cytoscape.js (MIT) · outlines from Natural Earth (public domain) via world-atlas (ISC) · see the licenses</footer>
"#;

/// The embedded files.
pub(crate) fn viewer_assets() -> ViewerAssets {
    ViewerAssets {
        app_js: include_str!("assets/app.js"),
        app_css: include_str!("assets/app.css"),
        cytoscape_js: include_str!("assets/vendor/cytoscape.min.js"),
        world_json: include_str!("assets/vendor/countries-110m.json"),
        licenses: LICENSES,
    }
}

/// The page `serve` sends: the body, the style and the scripts as files of
/// its own origin.
pub(crate) fn served_page() -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>eventgraph</title>\n<link rel=\"icon\" href=\"data:,\">\n\
         <link rel=\"stylesheet\" href=\"/assets/app.css\">\n</head>\n<body>\n{}\
         <p class=\"meta\" style=\"padding:0 1.5rem\"><a href=\"/assets/LICENSES.txt\">Licenses of the embedded files</a></p>\n\
         <script src=\"/assets/cytoscape.min.js\"></script>\n<script src=\"/assets/app.js\"></script>\n\
         </body>\n</html>\n",
        BODY
    )
}
