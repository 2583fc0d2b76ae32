// The viewer's API answered in the page, for build's index.html: the same
// replies as `eventgraph serve` (docs/serve.md), computed from the data the
// report embeds (`window.EVENTGRAPH_DATA`: actors, events, documents, places
// with coordinates). Used by app.js when that data is present.
window.EVENTGRAPH_STATIC_API = (function () {
  "use strict";
  var ready = null;
  var MEETING_KINDS = { meet: 1, call: 1, negotiate: 1, consult: 1 };

  function norm(text) {
    var s = String(text).replace(/[\u2018\u2019]/g, "'").replace(/'s\b/g, "").toLowerCase();
    s = s.replace(/[^\p{L}\p{N}\-&\s]/gu, "").replace(/\s+/g, " ").trim();
    return s.indexOf("the ") === 0 ? s.slice(4) : s;
  }
  function prepare(d) {
    if (ready && ready.data === d) { return ready; }
    var byActor = d.actors.map(function () { return []; });
    var byId = {};
    d.events.forEach(function (e, i) {
      byId[e.id] = i;
      var seen = {};
      e.actors.forEach(function (p) {
        if (!seen[p[0]]) { seen[p[0]] = 1; byActor[p[0]].push(i); }
      });
    });
    var names = d.actors.map(function (a) {
      var list = [norm(a.name)].concat(a.aliases.map(norm));
      return list.filter(function (n, i) { return n && list.indexOf(n) === i; });
    });
    var coords = {};
    d.places.forEach(function (p) { coords[p.name] = p; });
    ready = { data: d, byActor: byActor, byId: byId, names: names, coords: coords };
    return ready;
  }
  function actorIndex(id) {
    var m = /^a(\d+)$/.exec(id || "");
    return m ? parseInt(m[1], 10) : -1;
  }
  function ref(d, i) { return { id: "a" + i, name: d.actors[i].name }; }
  function bounds(p) {
    // dates as text compare in order; a month or year covers its whole span
    var from = p.from ? p.from + (p.from.length === 4 ? "-00-00" : p.from.length === 7 ? "-00" : "") : "";
    var to = p.to ? p.to + (p.to.length === 4 ? "-99-99" : p.to.length === 7 ? "-99" : "") : "9999";
    var kinds = p.kinds ? p.kinds.split(",") : null;
    return function (e) {
      return e.end >= from && e.start <= to && (!kinds || kinds.indexOf(e.kind) >= 0);
    };
  }
  function summary(d, e) {
    var actors = e.actors.map(function (p) { var r = ref(d, p[0]); return { id: r.id, name: r.name, role: p[1] }; });
    actors.sort(function (a, b) { return a.role < b.role ? -1 : a.role > b.role ? 1 : (a.name < b.name ? -1 : a.name > b.name ? 1 : 0); });
    return { id: e.id, kind: e.kind, start: e.start, end: e.end, actors: actors, place: e.place, modality: e.modality };
  }
  function pairs(e) {
    var out = [];
    var visit = e.kind === "visit";
    if (!MEETING_KINDS[e.kind] && !visit) { return out; }
    for (var i = 0; i < e.actors.length; i++) {
      for (var j = i + 1; j < e.actors.length; j++) {
        var a = e.actors[i], b = e.actors[j];
        if (a[0] === b[0]) { continue; }
        if (visit && !((a[1] === "source" && b[1] === "target") || (a[1] === "target" && b[1] === "source"))) { continue; }
        var x = Math.min(a[0], b[0]), y = Math.max(a[0], b[0]);
        if (!out.some(function (q) { return q[0] === x && q[1] === y; })) { out.push([x, y]); }
      }
    }
    return out;
  }
  function selected(r, p) {
    var d = r.data, keep = bounds(p), a = actorIndex(p.actor);
    var list = a >= 0 ? r.byActor[a] : d.events.map(function (e, i) { return i; });
    return list.filter(function (i) { return keep(d.events[i]); });
  }
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) { return max + 1; }
    var before = [], prev = [], cur = [];
    for (var j = 0; j <= b.length; j++) { prev[j] = j; before[j] = 0; }
    for (var i = 0; i < a.length; i++) {
      cur = [i + 1];
      var rowMin = cur[0];
      for (j = 0; j < b.length; j++) {
        var best = Math.min(prev[j] + (a[i] === b[j] ? 0 : 1), prev[j + 1] + 1, cur[j] + 1);
        if (i > 0 && j > 0 && a[i] === b[j - 1] && a[i - 1] === b[j]) { best = Math.min(best, before[j - 1] + 1); }
        cur[j + 1] = best;
        rowMin = Math.min(rowMin, best);
      }
      if (rowMin > max) { return max + 1; }
      before = prev; prev = cur;
    }
    return prev[b.length];
  }
  function plainScore(name, q) {
    if (name === q) { return 0; }
    if (name.indexOf(q) === 0) { return 1; }
    var at = name.indexOf(q);
    while (at > 0) {
      if (name[at - 1] === " " || name[at - 1] === "-") { return 2; }
      at = name.indexOf(q, at + 1);
    }
    return name.indexOf(q) >= 0 ? 3 : -1;
  }
  function fuzzy(name, q) {
    var max = q.length >= 7 ? 2 : 1;
    return name.split(/[ -]/).some(function (w) {
      for (var n = Math.max(1, q.length - 1); n <= Math.min(w.length, q.length + 1); n++) {
        if (editDistance(w.slice(0, n), q, max) <= max) { return true; }
      }
      return false;
    });
  }
  var handlers = {
    info: function (r) {
      var d = r.data, kinds = {}, first = null, last = null;
      d.events.forEach(function (e) {
        kinds[e.kind] = (kinds[e.kind] || 0) + 1;
        if (first === null || e.start < first) { first = e.start; }
        if (last === null || e.end > last) { last = e.end; }
      });
      var busiest = d.actors.map(function (a, i) { return i; }).filter(function (i) { return r.byActor[i].length > 0; });
      busiest.sort(function (a, b) { return r.byActor[b].length - r.byActor[a].length || (d.actors[a].name < d.actors[b].name ? -1 : 1); });
      return { title: d.title, events: d.events.length, actors: d.actors.length, documents: d.documents.length,
        places: d.places.length, first_date: first, last_date: last, events_by_kind: kinds,
        busiest: busiest.slice(0, 12).map(function (i) { var x = ref(d, i); x.kind = d.actors[i].kind; x.events = r.byActor[i].length; return x; }) };
    },
    search: function (r, p) {
      var d = r.data, q = norm(p.q || ""), limit = parseInt(p.limit || "10", 10), hits = [];
      if (!q) { return { query: p.q || "", results: [] }; }
      r.names.forEach(function (list, i) {
        var best = null;
        list.forEach(function (n) { var s = plainScore(n, q); if (s >= 0 && (!best || s < best[0])) { best = [s, n]; } });
        if (best) { hits.push([best[0], i, best[1]]); }
      });
      if (hits.length < limit && q.length >= 3) {
        var plain = {};
        hits.forEach(function (h) { plain[h[1]] = 1; });
        r.names.forEach(function (list, i) {
          if (plain[i]) { return; }
          var n = list.filter(function (x) { return fuzzy(x, q); })[0];
          if (n) { hits.push([4, i, n]); }
        });
      }
      hits.sort(function (a, b) {
        return a[0] - b[0] || r.byActor[b[1]].length - r.byActor[a[1]].length ||
          (d.actors[a[1]].name < d.actors[b[1]].name ? -1 : d.actors[a[1]].name > d.actors[b[1]].name ? 1 : 0);
      });
      return { query: p.q, total: hits.length, results: hits.slice(0, limit).map(function (h) {
        var x = ref(d, h[1]);
        x.kind = d.actors[h[1]].kind; x.events = r.byActor[h[1]].length; x.matched = h[2]; x.suggestion = h[0] === 4;
        return x;
      }) };
    },
    actor: function (r, p) {
      var d = r.data, i = actorIndex(p.id), a = d.actors[i];
      if (!a) { throw new Error("id: no actor " + JSON.stringify(p.id)); }
      var byKind = {}, met = {}, first = null, last = null;
      r.byActor[i].forEach(function (k) {
        var e = d.events[k];
        byKind[e.kind] = (byKind[e.kind] || 0) + 1;
        if (first === null || e.start < first) { first = e.start; }
        if (last === null || e.end > last) { last = e.end; }
        pairs(e).forEach(function (q) {
          var other = q[0] === i ? q[1] : q[1] === i ? q[0] : -1;
          if (other < 0) { return; }
          var m = met[other] || (met[other] = { n: 0, last: e.start });
          m.n += 1;
          if (e.start > m.last) { m.last = e.start; }
        });
      });
      var list = Object.keys(met).map(function (k) { var x = ref(d, +k); x.meetings = met[k].n; x.last = met[k].last; return x; });
      list.sort(function (x, y) { return y.meetings - x.meetings || (x.name < y.name ? -1 : 1); });
      return { id: "a" + i, name: a.name, kind: a.kind, aliases: a.aliases, titles: a.titles, affiliation: a.affiliation,
        country: a.country, events: r.byActor[i].length, events_by_kind: byKind, first_date: first, last_date: last, met: list.slice(0, 100) };
    },
    graph: function (r, p) {
      var d = r.data, limit = parseInt(p.limit || "150", 10), list, centre;
      if (p.actor) {
        if (!d.actors[actorIndex(p.actor)]) { throw new Error("actor: no actor " + JSON.stringify(p.actor)); }
        list = selected(r, p); centre = p.actor;
      } else if (p.event && r.byId[p.event] !== undefined) {
        list = [r.byId[p.event]]; centre = p.event;
      } else {
        throw new Error("actor or event: give where the graph starts");
      }
      var total = list.length;
      list = list.slice(Math.max(0, list.length - limit));
      var nodes = {}, edges = [];
      list.forEach(function (k) {
        var s = summary(d, d.events[k]);
        s.actors.forEach(function (a) {
          edges.push({ id: s.id + "-" + a.id + "-" + a.role, source: s.id, target: a.id, role: a.role });
          if (!nodes[a.id]) {
            var ai = actorIndex(a.id);
            nodes[a.id] = { id: a.id, type: "actor", label: a.name, kind: d.actors[ai].kind, events: r.byActor[ai].length };
          }
        });
        nodes[s.id] = { id: s.id, type: "event", label: s.kind + " " + s.start + (s.place ? " (" + s.place + ")" : ""),
          kind: s.kind, start: s.start, end: s.end, modality: s.modality };
      });
      return { centre: centre, total: total, truncated: total > list.length,
        nodes: Object.keys(nodes).sort().map(function (k) { return nodes[k]; }), edges: edges };
    },
    timeline: function (r, p) {
      var list = selected(r, p), limit = parseInt(p.limit || "200", 10);
      return { total: list.length, events: list.slice(0, limit).map(function (k) { return summary(r.data, r.data.events[k]); }) };
    },
    meetings: function (r, p) {
      var d = r.data, counts = {};
      selected(r, p).forEach(function (k) {
        var e = d.events[k];
        pairs(e).forEach(function (q) {
          var key = q[0] + "," + q[1];
          var c = counts[key] || (counts[key] = { a: q[0], b: q[1], n: 0, last: e.start });
          c.n += 1;
          if (e.start > c.last) { c.last = e.start; }
        });
      });
      var list = Object.keys(counts).map(function (k) { return counts[k]; });
      list.sort(function (x, y) { return y.n - x.n || (d.actors[x.a].name < d.actors[y.a].name ? -1 : 1); });
      var limit = parseInt(p.limit || "100", 10);
      return { total: list.length, pairs: list.slice(0, limit).map(function (c) {
        var x = ref(d, c.a), y = ref(d, c.b);
        if (x.name > y.name) { var t = x; x = y; y = t; }
        return { a: x, b: y, meetings: c.n, last: c.last };
      }) };
    },
    places: function (r, p) {
      var d = r.data, counts = {};
      selected(r, p).forEach(function (k) {
        var name = d.events[k].place;
        if (name && r.coords[name]) { counts[name] = (counts[name] || 0) + 1; }
      });
      return { places: Object.keys(counts).sort().map(function (name) {
        var c = r.coords[name];
        return { name: name, country: c.country, lat: c.lat, lon: c.lon, events: counts[name] };
      }) };
    },
    event: function (r, p) {
      var d = r.data, k = r.byId[p.id];
      if (k === undefined) { throw new Error("id: no event " + JSON.stringify(p.id)); }
      var e = d.events[k], s = summary(d, e);
      var c = e.place ? r.coords[e.place] : null;
      return { id: e.id, kind: e.kind, cameo: e.cameo, date: { start: e.start, end: e.end, value: e.value },
        actors: s.actors, modality: e.modality,
        place: e.place ? { name: e.place, country: c ? c.country : null, lat: c ? c.lat : null, lon: c ? c.lon : null } : null,
        sources: e.sources.map(function (src) {
          var doc = d.documents[src[0]];
          return { document: doc.document, title: doc.title, url: doc.url, outlet: doc.outlet, published: doc.published, evidence: src[1] };
        }) };
    }
  };
  return function (data, name, params) {
    var handler = handlers[name];
    if (!handler) { throw new Error("no API " + name); }
    return handler(prepare(data), params);
  };
})();
