// eventgraph viewer: the page of `eventgraph serve` (data from the JSON API,
// docs/serve.md) and of build's index.html (the same API answered in the page
// from embedded data, see `window.EVENTGRAPH_DATA`). Every text from the data
// goes into the page with textContent or as an attribute value, never as HTML.
(function () {
  "use strict";

  var staticData = window.EVENTGRAPH_DATA || null;

  // ---- the API: fetched from the server, or answered from embedded data ----
  function query(params) {
    var parts = [];
    Object.keys(params).sort().forEach(function (k) {
      var v = params[k];
      if (v !== undefined && v !== null && v !== "") {
        parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(v));
      }
    });
    return parts.length ? "?" + parts.join("&") : "";
  }
  function api(name, params) {
    if (staticData) {
      return new Promise(function (resolve) {
        resolve(window.EVENTGRAPH_STATIC_API(staticData, name, params || {}));
      });
    }
    return fetch("/api/" + name + query(params || {})).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body.error || ("HTTP " + r.status)); }
        return body;
      });
    });
  }

  // ---- small DOM helpers (text only) ----
  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }
  function linkButton(text, onClick, attrs) {
    var b = el("button", Object.assign({ type: "button", "class": "link", text: text }, attrs || {}));
    b.addEventListener("click", onClick);
    return b;
  }
  function showError(e) {
    $("graph-note").textContent = "Error: " + (e && e.message ? e.message : e);
  }

  // ---- state ----
  var state = { actor: null, months: [], from: 0, to: 0, kinds: {}, allKinds: [], expanded: [] };
  var cy = null;

  function monthText(index) {
    var y = Math.floor(index / 12), m = index % 12 + 1;
    return String(y).padStart(4, "0") + "-" + (m < 10 ? "0" : "") + m;
  }
  function monthIndex(date) {
    return parseInt(date.slice(0, 4), 10) * 12 + parseInt(date.slice(5, 7), 10) - 1;
  }
  function filters() {
    var kinds = state.allKinds.filter(function (k) { return state.kinds[k]; });
    return {
      from: monthText(state.from),
      to: monthText(state.to),
      kinds: kinds.length === state.allKinds.length ? "" : kinds.join(",")
    };
  }
  function withFilters(extra) { return Object.assign(filters(), extra || {}); }

  // ---- the graph ----
  var KIND_COLOURS = { person: "#f5c26b", organization: "#8fc1e3", country: "#9ad19a", group: "#d7b5e8", place: "#cccccc" };
  function eventColour(kind) {
    if (["meet", "call", "visit", "negotiate", "consult", "host"].indexOf(kind) >= 0) { return "#5b8def"; }
    if (["agree", "cooperate", "aid", "deescalate", "sign"].indexOf(kind) >= 0) { return "#3fae6a"; }
    if (kind === "statement") { return "#9aa3ad"; }
    return "#d9534f";
  }
  function initGraph() {
    if (!window.cytoscape) { return; }
    cy = window.cytoscape({
      container: $("cy"),
      style: [
        { selector: "node[type = 'actor']", style: {
          "shape": "ellipse", "background-color": function (n) { return KIND_COLOURS[n.data("kind")] || "#ddd"; },
          "label": "data(label)", "font-size": 11, "text-valign": "center", "text-halign": "center",
          "width": function (n) { return 26 + Math.min(30, Math.sqrt(n.data("events") || 1) * 3); },
          "height": function (n) { return 26 + Math.min(30, Math.sqrt(n.data("events") || 1) * 3); },
          "border-width": 1, "border-color": "#667", "text-wrap": "wrap", "text-max-width": 110 } },
        { selector: "node[type = 'actor'].expanded", style: { "border-width": 3, "border-color": "#24364b" } },
        { selector: "node[type = 'event']", style: {
          "shape": "round-rectangle", "width": 14, "height": 14,
          "background-color": function (n) { return eventColour(n.data("kind")); },
          "label": "data(label)", "font-size": 8, "color": "#445", "text-valign": "bottom", "text-margin-y": 2 } },
        { selector: "node.selected", style: { "border-width": 3, "border-color": "#e67e22" } },
        { selector: "edge", style: { "width": 1.2, "curve-style": "bezier", "line-color": "#b8bec6" } },
        { selector: "edge[role = 'source']", style: { "line-color": "#5b8def" } },
        { selector: "edge[role = 'target']", style: { "line-color": "#d9534f" } }
      ],
      elements: []
    });
    cy.on("tap", "node", function (evt) {
      var node = evt.target;
      if (node.data("type") === "event") {
        showEvent(node.id());
      } else {
        widen(node.id());
      }
    });
    window.eventgraphViewer = { cy: cy };
  }
  function addGraph(reply) {
    if (!cy) { return; }
    var added = [];
    reply.nodes.forEach(function (n) {
      if (cy.getElementById(n.id).empty()) { added.push({ group: "nodes", data: n }); }
    });
    reply.edges.forEach(function (e) {
      if (cy.getElementById(e.id).empty()) { added.push({ group: "edges", data: e }); }
    });
    cy.add(added);
  }
  function layout() {
    if (!cy) { return; }
    state.expanded.forEach(function (id) { cy.getElementById(id).addClass("expanded"); });
    cy.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 60, padding: 20 }).run();
    cy.fit(undefined, 20);
    document.body.setAttribute("data-graph-nodes", String(cy.nodes().length));
  }
  function graphNote(replies) {
    var cut = replies.filter(function (r) { return r.truncated; });
    var events = cy ? cy.nodes("[type = 'event']").length : 0;
    var text = events + " events shown";
    if (cut.length) { text += "; the busiest actors show only their latest events: narrow the dates or kinds"; }
    $("graph-note").textContent = text;
  }
  function loadGraph() {
    if (cy) { cy.elements().remove(); }
    if (!state.expanded.length) { $("graph-note").textContent = ""; return Promise.resolve(); }
    return Promise.all(state.expanded.map(function (id) {
      return api("graph", withFilters({ actor: id }));
    })).then(function (replies) {
      replies.forEach(addGraph);
      layout();
      graphNote(replies);
    });
  }
  function widen(actorId) {
    if (state.expanded.indexOf(actorId) >= 0) { return; }
    state.expanded.push(actorId);
    api("graph", withFilters({ actor: actorId })).then(function (reply) {
      addGraph(reply);
      layout();
      graphNote([reply]);
      document.body.setAttribute("data-widened", String(state.expanded.length));
    }).catch(showError);
  }

  // ---- panels ----
  function actorButton(ref) {
    return linkButton(ref.name, function () { selectActor(ref.id); }, { "data-actor": ref.id });
  }
  function renderActor(a) {
    var box = clear($("actor"));
    box.appendChild(el("h3", { text: a.name, id: "actor-name" }));
    box.appendChild(el("p", { "class": "meta", text: a.kind + " · " + a.events + " events" +
      (a.first_date ? " · " + a.first_date + " to " + a.last_date : "") }));
    if (a.aliases.length) {
      box.appendChild(el("p", {}, [el("strong", { text: "Also: " }), a.aliases.join("; ")]));
    }
    if (a.titles.length) {
      var titles = el("ul", { "class": "plain", id: "actor-titles" });
      a.titles.forEach(function (t) {
        var text = t.title + (t.of ? ", " + t.of : "");
        if (t.first_reported) {
          text += " (reported " + t.first_reported + (t.last_reported && t.last_reported !== t.first_reported ? " to " + t.last_reported : "") + ")";
        }
        titles.appendChild(el("li", { text: text }));
      });
      box.appendChild(el("h3", { text: "Titles" }));
      box.appendChild(titles);
    }
    var kinds = Object.keys(a.events_by_kind).map(function (k) { return k + " " + a.events_by_kind[k]; });
    box.appendChild(el("h3", { text: "Events by kind" }));
    box.appendChild(el("p", { text: kinds.join(", ") || "none" }));
    box.appendChild(el("h3", { text: "Met" }));
    var met = el("ul", { "class": "plain", id: "met" });
    a.met.forEach(function (m) {
      met.appendChild(el("li", {}, [actorButton(m), " ", el("span", { "class": "meta",
        text: "× " + m.meetings + ", last " + m.last })]));
    });
    if (!a.met.length) { met.appendChild(el("li", { text: "no meetings" })); }
    box.appendChild(met);
  }
  function selectActor(id) {
    $("suggestions").hidden = true;
    state.actor = id;
    state.expanded = [id];
    return api("actor", { id: id }).then(function (a) {
      renderActor(a);
      return Promise.all([loadGraph(), refreshLists()]);
    }).then(function () {
      document.body.setAttribute("data-actor", id);
    }).catch(showError);
  }
  function eventLine(e) {
    var who = e.actors.map(function (p) { return p.name; }).filter(function (n, i, all) { return all.indexOf(n) === i; });
    return (e.start === e.end ? e.start : e.start + " to " + e.end) + " · " + e.kind + " · " +
      who.join(", ") + (e.place ? " · " + e.place : "") + (e.modality !== "asserted" ? " (" + e.modality + ")" : "");
  }
  function showEvent(id) {
    if (cy) { cy.nodes().removeClass("selected"); cy.getElementById(id).addClass("selected"); }
    return api("event", { id: id }).then(function (e) {
      var box = clear($("event"));
      box.setAttribute("data-event", e.id);
      box.appendChild(el("h3", { text: e.kind + " · " + (e.date.start === e.date.end ? e.date.start : e.date.start + " to " + e.date.end) }));
      if (e.place) { box.appendChild(el("p", {}, [el("strong", { text: "Where: " }), e.place.name])); }
      var who = el("ul", { "class": "plain" });
      e.actors.forEach(function (p) { who.appendChild(el("li", {}, [actorButton(p), " ", el("span", { "class": "meta", text: p.role })])); });
      box.appendChild(who);
      if (e.modality !== "asserted") { box.appendChild(el("p", { "class": "meta", text: "modality: " + e.modality })); }
      box.appendChild(el("h3", { text: e.sources.length + (e.sources.length === 1 ? " source" : " sources") }));
      var list = el("ol", { "class": "sources", id: "event-sources" });
      e.sources.forEach(function (s) {
        var head = el("div");
        var name = s.title || s.document;
        if (s.url && /^https?:\/\//i.test(s.url)) {
          head.appendChild(el("a", { href: s.url, target: "_blank", rel: "noopener noreferrer", text: name }));
        } else {
          head.appendChild(el("span", { text: name }));
        }
        var meta = [s.outlet, s.published].filter(function (x) { return x; }).join(", ");
        if (meta) { head.appendChild(el("span", { "class": "meta", text: " — " + meta })); }
        var item = el("li", { "class": "source" }, [head]);
        s.evidence.forEach(function (sentence) { item.appendChild(el("blockquote", { text: sentence })); });
        list.appendChild(item);
      });
      box.appendChild(list);
      document.body.setAttribute("data-event", e.id);
    }).catch(showError);
  }
  function refreshTimeline() {
    if (!$("event-list")) { return Promise.resolve(); }
    return api("timeline", withFilters({ actor: state.actor, limit: 300 })).then(function (t) {
      var list = clear($("event-list"));
      t.events.forEach(function (e) {
        list.appendChild(el("li", {}, [linkButton(eventLine(e), function () { showEvent(e.id); }, { "data-event": e.id })]));
      });
      $("event-list-note").textContent = t.total > t.events.length
        ? "The first " + t.events.length + " of " + t.total + " events: narrow the dates or kinds."
        : t.total + (t.total === 1 ? " event" : " events");
    });
  }
  function refreshMeetings() {
    if (!$("meetings-table")) { return Promise.resolve(); }
    return api("meetings", withFilters({ actor: state.actor, limit: 100 })).then(function (m) {
      var body = clear($("meetings-table").querySelector("tbody"));
      m.pairs.forEach(function (p) {
        body.appendChild(el("tr", {}, [el("td", {}, [actorButton(p.a)]), el("td", {}, [actorButton(p.b)]),
          el("td", { text: String(p.meetings) }), el("td", { text: p.last })]));
      });
      if (!m.pairs.length) { body.appendChild(el("tr", {}, [el("td", { colspan: "4", text: "No meetings in this selection." })])); }
    });
  }
  function refreshPlaces() {
    return api("places", withFilters({ actor: state.actor })).then(function (p) {
      var svg = $("map");
      Array.prototype.slice.call(svg.querySelectorAll("circle")).forEach(function (c) { svg.removeChild(c); });
      var list = clear($("places"));
      var ns = "http://www.w3.org/2000/svg";
      p.places.slice().sort(function (a, b) { return a.events - b.events; }).reverse().forEach(function (place) {
        var c = document.createElementNS(ns, "circle");
        c.setAttribute("cx", String((place.lon + 180) * 960 / 360));
        c.setAttribute("cy", String((90 - place.lat) * 480 / 180));
        c.setAttribute("r", String(2 + Math.min(10, Math.sqrt(place.events) * 1.5)));
        var title = document.createElementNS(ns, "title");
        title.textContent = place.name + ": " + place.events + (place.events === 1 ? " event" : " events");
        c.appendChild(title);
        svg.appendChild(c);
      });
      var top = p.places.slice().sort(function (a, b) { return b.events - a.events || (a.name < b.name ? -1 : 1); }).slice(0, 12);
      top.forEach(function (place) { list.appendChild(el("li", { text: place.name + " (" + place.events + ")" })); });
      $("map-note").textContent = p.places.length + (p.places.length === 1 ? " place" : " places") + " with coordinates";
    });
  }
  function refreshLists() {
    return Promise.all([refreshTimeline(), refreshMeetings(), refreshPlaces()]);
  }
  function refreshAll() {
    return Promise.all([loadGraph(), refreshLists()]).then(function () {
      document.body.setAttribute("data-range", monthText(state.from) + "/" + monthText(state.to));
    }).catch(showError);
  }

  // ---- the map: country outlines from TopoJSON arcs, equirectangular ----
  function drawMap(topology) {
    var t = topology.transform;
    var d = [];
    topology.arcs.forEach(function (arc) {
      var x = 0, y = 0;
      arc.forEach(function (p, i) {
        x += p[0]; y += p[1];
        var lon = x * t.scale[0] + t.translate[0], lat = y * t.scale[1] + t.translate[1];
        d.push((i ? "L" : "M") + ((lon + 180) * 960 / 360).toFixed(1) + "," + ((90 - lat) * 480 / 180).toFixed(1));
      });
    });
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("class", "outline");
    path.setAttribute("d", d.join(""));
    $("map").insertBefore(path, $("map").firstChild);
  }
  function loadMap() {
    if (staticData) { drawMap(staticData.world); return Promise.resolve(); }
    return fetch("/assets/countries-110m.json").then(function (r) { return r.json(); }).then(drawMap);
  }

  // ---- search with suggestions ----
  var searchTimer = null, searchSeq = 0;
  function runSearch() {
    var q = $("search").value;
    var seq = ++searchSeq;
    var box = $("suggestions");
    if (!q.trim()) { box.hidden = true; return; }
    api("search", { q: q, limit: 10 }).then(function (r) {
      if (seq !== searchSeq) { return; }
      clear(box);
      r.results.forEach(function (a) {
        var b = el("button", { type: "button", role: "option", "data-actor": a.id }, [
          a.name, el("span", { "class": "meta", text: " " + (a.kind || "") + " · " + a.events + " events" })]);
        if (a.matched && a.matched !== a.name.toLowerCase()) {
          b.appendChild(el("span", { "class": "meta", text: " (as " + a.matched + ")" }));
        }
        if (a.suggestion) { b.appendChild(el("span", { "class": "suggestion", text: "did you mean?" })); }
        b.addEventListener("click", function () { selectActor(a.id); });
        box.appendChild(el("li", {}, [b]));
      });
      if (!r.results.length) { box.appendChild(el("li", { "class": "meta", text: "No actor fits." })); }
      box.hidden = false;
      box.setAttribute("data-query", q);
      document.body.setAttribute("data-suggestions", String(r.results.length));
    }).catch(showError);
  }

  // ---- controls ----
  function setupControls(info) {
    var first = info.first_date ? monthIndex(info.first_date) : 0;
    var last = info.last_date ? monthIndex(info.last_date) : first;
    state.from = first; state.to = last;
    [["from-slider", first], ["to-slider", last]].forEach(function (pair) {
      var s = $(pair[0]);
      s.min = String(first); s.max = String(last); s.step = "1"; s.value = String(pair[1]);
    });
    function update(ev) {
      var a = parseInt($("from-slider").value, 10), b = parseInt($("to-slider").value, 10);
      if (a > b) {
        if (ev && ev.target.id === "from-slider") { b = a; $("to-slider").value = String(b); } else { a = b; $("from-slider").value = String(a); }
      }
      state.from = a; state.to = b;
      $("from-label").textContent = monthText(a);
      $("to-label").textContent = monthText(b);
    }
    var timer = null;
    ["from-slider", "to-slider"].forEach(function (id) {
      $(id).addEventListener("input", function (ev) {
        update(ev);
        clearTimeout(timer);
        timer = setTimeout(refreshAll, 250);
      });
    });
    update();
    var kinds = clear($("kinds"));
    state.allKinds = Object.keys(info.events_by_kind).sort();
    state.allKinds.forEach(function (k) {
      state.kinds[k] = true;
      var box = el("input", { type: "checkbox", value: k, id: "kind-" + k });
      box.checked = true;
      box.addEventListener("change", function () {
        var others = state.allKinds.filter(function (o) { return o !== k && state.kinds[o]; });
        if (!box.checked && !others.length) { box.checked = true; return; }
        state.kinds[k] = box.checked;
        refreshAll();
      });
      kinds.appendChild(el("label", {}, [box, " " + k + " (" + info.events_by_kind[k] + ")"]));
    });
    $("search").addEventListener("input", function () {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(runSearch, 120);
    });
    $("search").addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") {
        var firstButton = $("suggestions").querySelector("button");
        if (firstButton) { firstButton.click(); }
      } else if (ev.key === "Escape") {
        $("suggestions").hidden = true;
      }
    });
  }
  function start() {
    // the map's drawing surface (made here: the page itself holds no SVG)
    var map = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    map.setAttribute("id", "map");
    map.setAttribute("viewBox", "0 0 960 480");
    map.setAttribute("role", "img");
    map.setAttribute("aria-label", "A world map of the places of the selected events");
    $("map-box").appendChild(map);
    initGraph();
    api("info").then(function (info) {
      if ($("title")) {
        // the served page (the report has its own header)
        document.title = info.title + " · eventgraph";
        $("title").textContent = info.title;
        $("counts").textContent = info.events + " events, " + info.actors + " actors, " + info.documents +
          " documents" + (info.first_date ? ", " + info.first_date + " to " + info.last_date : "");
      }
      setupControls(info);
      var busy = clear($("busiest"));
      info.busiest.forEach(function (a) {
        busy.appendChild(el("li", {}, [actorButton(a), " ", el("span", { "class": "meta", text: a.events + " events" })]));
      });
      // start from the busiest actor (a search or a click starts elsewhere)
      var first = info.busiest.length ? selectActor(info.busiest[0].id) : refreshLists();
      return Promise.all([loadMap(), first]);
    }).then(function () {
      document.body.setAttribute("data-viewer-ready", "1");
      if (!staticData) { document.body.setAttribute("data-ready", "1"); }
    }).catch(showError);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
