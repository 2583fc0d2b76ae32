//! Graphviz DOT through graphviz-rust's structures and printer.
//!
//! Kept in its own module because graphviz-rust's types (`Node`, `Edge`,
//! `Subgraph`, `Graph`) clash with the model's names.
//!
//! Visual language: actors are drawn by kind (person: blue ellipse,
//! organization: orange hexagon, country: green octagon, group: purple
//! parallelogram, place: tan house); events are rounded boxes labelled with
//! date, kind and place, filled by family (meetings yellow, cooperation
//! green, conflict red, statements grey); planned and hypothetical events
//! are dashed, negated ones dotted. Edges carry the role; affiliations are
//! dotted and do not constrain the layout. Every participation edge is
//! written from the actor to the event (a target's with `dir=back`), so an
//! actor is ranked just before its first event and no edge can pull the
//! days out of order. Edges are coloured by role
//! (source blue, target red, participant grey) and labelled with it in the
//! `dot` layout. Events of one day share a rank
//! and the days follow each other left to right along a date axis, two
//! ranks apart: actors stand in the column between two days, never in a
//! day's column. The
//! actor view draws one edge per pair of actors that interacted, labelled
//! with the dates and kinds, its width growing with the number of events,
//! and a dashed grey arrow per affiliation between two drawn actors,
//! labelled with the title and the dates it was reported.

use super::{affiliation_edges, DotOptions, DotView, Layout};
use crate::model::{Actor, ActorKind, Event, EventKind, Modality, Precision, Role, Subgraph, When};
use chrono::Datelike;
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph as DotSub,
    Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::{BTreeMap, BTreeSet};

/// How many interactions an actor-view edge lists before "+N more".
const MAX_EDGE_LABEL_LINES: usize = 4;

/// Quotes and escapes a string as a DOT double-quoted ID: `\` and `"` are
/// escaped, a newline becomes the `\n` line break, other control
/// characters are dropped. Nothing inside can end the string, so no name
/// can break the file.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    push_escaped(&mut out, text);
    out.push('"');
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// A label of several lines, each escaped, joined by DOT `\n` breaks.
fn label(lines: &[&str]) -> Id {
    let mut out = String::from("\"");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("\\n");
        }
        push_escaped(&mut out, line);
    }
    out.push('"');
    Id::Escaped(out)
}

fn esc(text: &str) -> Id {
    Id::Escaped(quote(text))
}

fn plain(text: &str) -> Id {
    Id::Plain(text.to_string())
}

fn attr(key: &str, value: Id) -> Attribute {
    Attribute(plain(key), value)
}

fn attr_s(key: &str, value: &str) -> Attribute {
    attr(key, esc(value))
}

fn actor_id(name: &str) -> NodeId {
    NodeId(esc(&format!("actor:{name}")), None)
}

fn event_id(id: &str) -> NodeId {
    NodeId(esc(&format!("event:{id}")), None)
}

fn day_id(day: &str) -> NodeId {
    NodeId(esc(&format!("day:{day}")), None)
}

fn edge(from: NodeId, to: NodeId, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(from), Vertex::N(to)),
        attributes,
    })
}

/// Shape and fill colour of an actor kind.
pub fn actor_style(kind: ActorKind) -> (&'static str, &'static str) {
    match kind {
        ActorKind::Person => ("ellipse", "#cfe2f3"),
        ActorKind::Organization => ("hexagon", "#fce5cd"),
        ActorKind::Country => ("octagon", "#d9ead3"),
        ActorKind::Group => ("parallelogram", "#e6d6ec"),
        _ => ("house", "#f3ead3"),
    }
}

/// Fill colour of an event by family of kinds.
pub fn event_fill(kind: EventKind) -> &'static str {
    use EventKind::*;
    match kind {
        Consult | Call | Visit | Meet | Negotiate => "#fff2b3",
        Cooperate | Agree | Aid | Yield | Deescalate => "#d5ecd4",
        Demand | Disapprove | Accuse | Reject | Threaten | Protest | Mobilize | ReduceRelations
        | Sanction | Coerce | Assault | Fight | Occupy => "#f6c9c4",
        _ => "#eeeeee",
    }
}

/// Edge colour of a role: sources blue, targets red, participants grey.
fn role_color(role: Role) -> &'static str {
    match role {
        Role::Source => "#2b6cb0",
        Role::Target => "#c53030",
        Role::Participant => "#555555",
    }
}

fn modality_style(modality: Modality) -> &'static str {
    match modality {
        Modality::Planned | Modality::Hypothetical => "dashed",
        Modality::Negated => "dotted",
        _ => "solid",
    }
}

fn graph_attributes(options: &DotOptions, layout: Layout, directed_time: bool) -> Vec<Stmt> {
    let mut g = vec![
        attr("layout", plain(layout.as_str())),
        attr_s("fontname", "Helvetica"),
        attr("fontsize", plain("11")),
    ];
    if directed_time {
        g.push(attr("rankdir", plain("LR")));
        g.push(attr("newrank", plain("true")));
        g.push(attr("nodesep", plain("0.3")));
        g.push(attr("ranksep", plain("0.6")));
    }
    if layout != Layout::Dot {
        g.push(attr("overlap", plain("scale")));
        g.push(attr("outputorder", plain("edgesfirst")));
    }
    if let Some(title) = &options.title {
        g.push(attr("label", label(&[title])));
        g.push(attr("labelloc", plain("t")));
    }
    vec![
        Stmt::GAttribute(GraphAttributes::Graph(g)),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr_s("fontname", "Helvetica"),
            attr("fontsize", plain("10")),
            attr_s("style", "filled"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr_s("fontname", "Helvetica"),
            attr("fontsize", plain("8")),
            attr_s("color", "#555555"),
        ])),
    ]
}

fn actor_node(actor: &Actor, options: &DotOptions) -> Stmt {
    let (shape, fill) = actor_style(actor.kind);
    let mut attributes = vec![
        attr("label", label(&[&actor.name])),
        attr("shape", plain(shape)),
        attr_s("fillcolor", fill),
        attr_s(
            "tooltip",
            &format!("{} ({})", actor.name, actor.kind.as_str()),
        ),
    ];
    if actor.kind == ActorKind::Place {
        attributes.push(attr_s("style", "filled,dashed"));
    }
    // the actors a query is centred on stand out
    if options.focus.iter().any(|f| f == &actor.name) {
        attributes.push(attr("peripheries", plain("2")));
        attributes.push(attr("penwidth", plain("2")));
        attributes.push(attr("fontsize", plain("12")));
    }
    Stmt::Node(Node::new(actor_id(&actor.name), attributes))
}

/// A date as a reader wants it on a drawing: the TIMEX3 value when it is a
/// calendar date ("2014-03-31", "2014-02", "2014-W13"), with a part of day
/// or time in words ("2014-03-31 morning", "2014-03-31 14:30"), a decade or
/// century spelled out ("1990s"), and the span for values that name no
/// date (`PAST_REF`, ranges): "2014-03-24 to 03-31".
pub fn date_text(when: &When) -> String {
    let value = when.value.trim();
    let digits = value.chars().take_while(|c| c.is_ascii_digit()).count();
    let span = || {
        let (a, b) = (when.start, when.end);
        if a == b {
            a.format("%Y-%m-%d").to_string()
        } else if a.year() == b.year() {
            format!("{} to {}", a.format("%Y-%m-%d"), b.format("%m-%d"))
        } else {
            format!("{} to {}", a.format("%Y-%m-%d"), b.format("%Y-%m-%d"))
        }
    };
    if digits == 0 || value.contains('/') {
        return span();
    }
    match (when.precision, digits, value.len()) {
        (Precision::Decade, 3, 3) => return format!("{value}0s"),
        (Precision::Century, 2, 2) => return format!("{value}00s"),
        _ => {}
    }
    if value.len() > 10 && value.as_bytes()[10] == b'T' && value.is_char_boundary(10) {
        let (day, rest) = value.split_at(10);
        let part = match &rest[1..] {
            "MO" => "morning".to_string(),
            "AF" => "afternoon".to_string(),
            "EV" => "evening".to_string(),
            "NI" => "night".to_string(),
            "DT" => "daytime".to_string(),
            time => time.chars().take(5).collect(),
        };
        return format!("{day} {part}");
    }
    value.to_string()
}

/// The day an event is drawn on: its first day, or for a vague span
/// ("in recent days") its last, the day by which it is known to have
/// happened (as in the timeline).
pub fn drawn_day(event: &Event) -> chrono::NaiveDate {
    if crate::summary::is_vague_span(event) {
        event.when.end
    } else {
        event.when.start
    }
}

/// Label lines of an event box: date, kind (with modality), place.
fn event_label_lines(event: &Event) -> Vec<String> {
    let mut lines = vec![date_text(&event.when)];
    let kind_name = event.kind.as_str().replace('_', " ");
    let kind = match event.modality {
        Modality::Asserted => kind_name,
        m => format!("{kind_name} ({})", m.as_str()),
    };
    lines.push(kind);
    if let Some(place) = &event.place {
        lines.push(place.clone());
    }
    lines
}

fn event_node(event: &Event) -> Stmt {
    let lines = event_label_lines(event);
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let style = format!("rounded,filled,{}", modality_style(event.modality));
    Stmt::Node(Node::new(
        event_id(&event.id),
        vec![
            attr("label", label(&refs)),
            attr("shape", plain("box")),
            attr_s("style", &style),
            attr_s("fillcolor", event_fill(event.kind)),
            attr_s("tooltip", &crate::summary::event_sentence(event)),
        ],
    ))
}

/// Actors to draw: those of the subgraph plus any named by a participant but
/// missing from the actor list (drawn as groups), sorted by name.
fn actors_by_name(subgraph: &Subgraph) -> BTreeMap<&str, Option<&Actor>> {
    let mut actors: BTreeMap<&str, Option<&Actor>> = BTreeMap::new();
    for actor in &subgraph.actors {
        actors.insert(actor.name.as_str(), Some(actor));
    }
    for event in &subgraph.events {
        for p in &event.participants {
            actors.entry(p.actor.as_str()).or_insert(None);
        }
    }
    actors
}

fn fallback_actor(name: &str) -> Actor {
    Actor::new(name, ActorKind::Group)
}

/// Events sorted by start date, then id.
fn sorted_events(subgraph: &Subgraph) -> Vec<&Event> {
    let mut events: Vec<&Event> = subgraph.events.iter().collect();
    events.sort_by(|a, b| {
        (drawn_day(a), a.when.start, a.when.end, &a.id).cmp(&(
            drawn_day(b),
            b.when.start,
            b.when.end,
            &b.id,
        ))
    });
    events
}

/// Number of nodes the view draws (for choosing a layout and warning).
pub fn node_count(subgraph: &Subgraph, view: DotView) -> usize {
    match view {
        DotView::Events => {
            let days: BTreeSet<_> = subgraph.events.iter().map(drawn_day).collect();
            actors_by_name(subgraph).len() + subgraph.events.len() + days.len()
        }
        DotView::Actors => actor_pairs(subgraph)
            .keys()
            .flat_map(|(a, b)| [*a, *b])
            .collect::<BTreeSet<_>>()
            .len()
            .max(1),
    }
}

/// Builds the graph of the events view.
fn events_graph(subgraph: &Subgraph, options: &DotOptions, layout: Layout) -> Graph {
    let mut stmts = graph_attributes(options, layout, true);
    let actors = actors_by_name(subgraph);
    for (name, actor) in &actors {
        match actor {
            Some(actor) => stmts.push(actor_node(actor, options)),
            None => stmts.push(actor_node(&fallback_actor(name), options)),
        }
    }
    // one rank per day: a date node and that day's events
    let events = sorted_events(subgraph);
    let mut days: BTreeMap<chrono::NaiveDate, Vec<&Event>> = BTreeMap::new();
    for event in &events {
        days.entry(drawn_day(event)).or_default().push(event);
    }
    let mut previous_day: Option<NodeId> = None;
    for (i, (day, day_events)) in days.iter().enumerate() {
        let day_text = day.format("%Y-%m-%d").to_string();
        let day_node = day_id(&day_text);
        // a day's name, or the vaguer dates ("2014-02") of what starts there
        let pretty = if day_events.iter().any(|e| {
            (e.when.start == e.when.end && e.when.value.len() >= 10)
                || crate::summary::is_vague_span(e)
        }) {
            day.format("%a %-d %b %Y").to_string()
        } else {
            let values: BTreeSet<String> = day_events.iter().map(|e| date_text(&e.when)).collect();
            values.into_iter().collect::<Vec<_>>().join(", ")
        };
        let mut body = vec![
            Stmt::Attribute(attr("rank", plain("same"))),
            Stmt::Node(Node::new(
                day_node.clone(),
                vec![
                    attr("label", label(&[&pretty])),
                    attr("shape", plain("plaintext")),
                    attr_s("style", "solid"),
                    attr("fontsize", plain("12")),
                ],
            )),
        ];
        for event in day_events {
            body.push(event_node(event));
        }
        stmts.push(Stmt::Subgraph(DotSub {
            id: plain(&format!("day_{i}")),
            stmts: body,
        }));
        if let Some(prev) = previous_day.take() {
            stmts.push(edge(
                prev,
                day_node.clone(),
                vec![
                    attr_s("color", "#999999"),
                    attr("penwidth", plain("2")),
                    attr("weight", plain("10")),
                    // a free rank between two days: actors stand there,
                    // before their first event, not in a day's column
                    attr("minlen", plain("2")),
                ],
            ));
        }
        previous_day = Some(day_node);
    }
    // participation edges, in event order
    for event in &events {
        let mut seen = BTreeSet::new();
        for p in &event.participants {
            if !seen.insert((p.actor.as_str(), p.role)) {
                continue;
            }
            let mut attributes = vec![
                attr_s("style", modality_style(event.modality)),
                attr_s("color", role_color(p.role)),
            ];
            // role words are readable in the ranked layout only; the
            // force layouts of large graphs keep the colours
            if layout == Layout::Dot {
                attributes.insert(0, attr("label", label(&[p.role.as_str()])));
            }
            let stmt = match p.role {
                Role::Source => edge(actor_id(&p.actor), event_id(&event.id), attributes),
                // written actor -> event like the others, so that every
                // participation ranks the actor before its events and the
                // days keep their order; drawn pointing at the target
                Role::Target => {
                    attributes.push(attr("dir", plain("back")));
                    edge(actor_id(&p.actor), event_id(&event.id), attributes)
                }
                Role::Participant => {
                    attributes.push(attr("dir", plain("none")));
                    edge(actor_id(&p.actor), event_id(&event.id), attributes)
                }
            };
            stmts.push(stmt);
        }
    }
    // affiliations between actors that are both drawn
    for actor in actors.values().flatten() {
        if let Some(affiliation) = &actor.affiliation {
            if affiliation != &actor.name && actors.contains_key(affiliation.as_str()) {
                let title = actor
                    .held_titles()
                    .find(|t| t.of.as_deref() == Some(affiliation.as_str()))
                    .map(|t| t.title.as_str())
                    .unwrap_or("affiliated with");
                stmts.push(edge(
                    actor_id(&actor.name),
                    actor_id(affiliation),
                    vec![
                        attr("label", label(&[title])),
                        attr_s("style", "dotted"),
                        attr_s("color", "#888888"),
                        attr("constraint", plain("false")),
                        attr("arrowhead", plain("empty")),
                    ],
                ));
            }
        }
    }
    Graph::DiGraph {
        id: plain("eventgraph"),
        strict: false,
        stmts,
    }
}

/// An interaction between two actors: the event's date, kind and modality.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Interaction {
    date: String,
    kind: EventKind,
    modality: Modality,
}

/// Pairs of actors who took part in an event on different sides (or both
/// as plain participants), with what they did together. Two sources of the
/// same event (companions) or two targets are not a pair.
fn actor_pairs(subgraph: &Subgraph) -> BTreeMap<(&str, &str), Vec<Interaction>> {
    let mut pairs: BTreeMap<(&str, &str), Vec<Interaction>> = BTreeMap::new();
    for event in &subgraph.events {
        let ps = &event.participants;
        for (i, a) in ps.iter().enumerate() {
            for b in &ps[i + 1..] {
                if a.actor == b.actor || (a.role == b.role && a.role != Role::Participant) {
                    continue;
                }
                let key = if a.actor <= b.actor {
                    (a.actor.as_str(), b.actor.as_str())
                } else {
                    (b.actor.as_str(), a.actor.as_str())
                };
                pairs.entry(key).or_default().push(Interaction {
                    date: date_text(&event.when),
                    kind: event.kind,
                    modality: event.modality,
                });
            }
        }
    }
    for list in pairs.values_mut() {
        list.sort();
    }
    pairs
}

fn actors_graph(subgraph: &Subgraph, options: &DotOptions, layout: Layout) -> Graph {
    let mut stmts = graph_attributes(options, layout, false);
    let pairs = actor_pairs(subgraph);
    let actors = actors_by_name(subgraph);
    let in_pairs: BTreeSet<&str> = pairs.keys().flat_map(|(a, b)| [*a, *b]).collect();
    for (name, actor) in &actors {
        // with no interaction at all, show every actor rather than nothing
        if !in_pairs.is_empty() && !in_pairs.contains(name) {
            continue;
        }
        match actor {
            Some(actor) => stmts.push(actor_node(actor, options)),
            None => stmts.push(actor_node(&fallback_actor(name), options)),
        }
    }
    for ((a, b), interactions) in &pairs {
        let mut lines: Vec<String> = Vec::new();
        for i in interactions {
            let kind = i.kind.as_str().replace('_', " ");
            let line = match i.modality {
                Modality::Asserted => format!("{} {kind}", i.date),
                m => format!("{} {kind} ({})", i.date, m.as_str()),
            };
            if !lines.contains(&line) {
                lines.push(line);
            }
        }
        if lines.len() > MAX_EDGE_LABEL_LINES {
            let more = lines.len() - (MAX_EDGE_LABEL_LINES - 1);
            lines.truncate(MAX_EDGE_LABEL_LINES - 1);
            lines.push(format!("+{more} more"));
        }
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let count = interactions.len();
        let all_unreal = interactions
            .iter()
            .all(|i| matches!(i.modality, Modality::Planned | Modality::Hypothetical));
        let penwidth = 1.0 + (count as f64).ln() * 1.5;
        let mut attributes = vec![
            attr("label", label(&refs)),
            attr("weight", plain(&count.to_string())),
            attr("penwidth", esc(&format!("{penwidth:.2}"))),
            attr_s(
                "tooltip",
                &format!(
                    "{a} and {b}: {count} event{}",
                    if count == 1 { "" } else { "s" }
                ),
            ),
        ];
        if all_unreal {
            attributes.push(attr_s("style", "dashed"));
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(actor_id(a)), Vertex::N(actor_id(b))),
            attributes,
        }));
    }
    // affiliations between actors that are both drawn: dashed grey
    // arrows labelled with the title and the dates it was reported
    let drawn = |name: &str| in_pairs.is_empty() || in_pairs.contains(name);
    for (name, actor) in &actors {
        let Some(actor) = actor else { continue };
        if !drawn(name) {
            continue;
        }
        for (title, of) in affiliation_edges(actor) {
            if of == *name || !actors.contains_key(of) || !drawn(of) {
                continue;
            }
            let text = if title.title.is_empty() {
                "affiliated with"
            } else {
                title.title.as_str()
            };
            let mut lines = vec![text.to_string()];
            match (title.first_reported, title.last_reported) {
                (Some(a), Some(b)) if a == b => lines.push(a.to_string()),
                (Some(a), Some(b)) => lines.push(format!("{a} – {b}")),
                _ => {}
            }
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            let n = title.sources.len();
            let tooltip = match n {
                0 => format!("{name}: {}", title.display()),
                _ => format!(
                    "{name}: {}, reported in {n} document{}",
                    title.display(),
                    if n == 1 { "" } else { "s" }
                ),
            };
            stmts.push(Stmt::Edge(Edge {
                ty: EdgeTy::Pair(Vertex::N(actor_id(name)), Vertex::N(actor_id(of))),
                attributes: vec![
                    attr("label", label(&refs)),
                    attr_s("style", "dashed"),
                    attr_s("color", "#888888"),
                    attr_s("fontcolor", "#555555"),
                    attr("dir", plain("forward")),
                    attr("arrowhead", plain("empty")),
                    attr_s("tooltip", &tooltip),
                ],
            }));
        }
    }
    Graph::Graph {
        id: plain("actors"),
        strict: false,
        stmts,
    }
}

/// The DOT text of a subgraph.
pub(super) fn dot_text(subgraph: &Subgraph, options: &DotOptions) -> String {
    let layout = options
        .layout
        .unwrap_or_else(|| Layout::for_size(node_count(subgraph, options.view)));
    let graph = match options.view {
        DotView::Events => events_graph(subgraph, options, layout),
        DotView::Actors => actors_graph(subgraph, options, layout),
    };
    let mut text = graph.print(&mut PrinterContext::default());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_cannot_be_broken() {
        assert_eq!(quote(r#"a"b"#), r#""a\"b""#);
        assert_eq!(quote("a\\"), r#""a\\""#);
        assert_eq!(quote("a\nb"), r#""a\nb""#);
        assert_eq!(quote("x\u{0}\ry"), r#""xy""#);
    }

    #[test]
    fn dates_read_as_dates() {
        let when = |value: &str, start: &str, end: &str, precision| When {
            start: start.parse().unwrap(),
            end: end.parse().unwrap(),
            precision,
            value: value.to_string(),
            source: crate::model::DateSource::Explicit,
        };
        let d = "2014-03-31";
        assert_eq!(date_text(&when(d, d, d, Precision::Day)), d);
        assert_eq!(
            date_text(&when("2014-03-31TMO", d, d, Precision::PartOfDay)),
            "2014-03-31 morning"
        );
        assert_eq!(
            date_text(&when("2014-03-31T14:30", d, d, Precision::Time)),
            "2014-03-31 14:30"
        );
        assert_eq!(
            date_text(&when(
                "2014-02",
                "2014-02-01",
                "2014-02-28",
                Precision::Month
            )),
            "2014-02"
        );
        assert_eq!(
            date_text(&when("199", "1990-01-01", "1999-12-31", Precision::Decade)),
            "1990s"
        );
        assert_eq!(
            date_text(&when("PAST_REF", "2014-03-24", d, Precision::Unknown)),
            "2014-03-24 to 03-31"
        );
        assert_eq!(
            date_text(&when(
                "2013-12-30/2014-01-02",
                "2013-12-30",
                "2014-01-02",
                Precision::Unknown
            )),
            "2013-12-30 to 2014-01-02"
        );
    }
}
