//! TimelineJS (Knight Lab) JSON: one slide per event with its start (and end)
//! date, the sentence as headline, the supporting text and sources as body,
//! the kind as group. TimelineJS renders text fields as HTML, so every value
//! is HTML-escaped before it goes into the JSON.

use super::html_escape;
use crate::model::{Document, Event, Subgraph};
use chrono::Datelike;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{self, Write};

fn date(d: chrono::NaiveDate) -> Value {
    json!({"year": d.year(), "month": d.month(), "day": d.day()})
}

/// A slug safe for a DOM id and a URL fragment.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').chars().take(60).collect()
}

fn slide(index: usize, event: &Event, documents: &BTreeMap<&str, &Document>) -> Value {
    let mut headline = crate::summary::event_sentence(event);
    if let Some(marker) = crate::summary::modality_marker(event.modality) {
        headline = format!("{marker}: {headline}");
    }
    let mut body = String::new();
    let mut mentions: Vec<_> = event.mentions.iter().collect();
    mentions.sort();
    for m in mentions {
        if !m.text.is_empty() {
            body.push_str(&format!(
                "<blockquote>{}</blockquote>",
                html_escape(&m.text)
            ));
        }
        let doc = documents.get(m.document.as_str()).copied();
        let mut cite = String::new();
        if let Some(source) = doc.and_then(|d| d.source.as_deref()) {
            cite.push_str(&html_escape(source));
            cite.push_str(": ");
        }
        match doc.and_then(|d| d.title.as_deref()) {
            Some(title) => cite.push_str(&format!("“{}”", html_escape(title))),
            None => cite.push_str(&html_escape(&m.document)),
        }
        if let Some(published) = doc.and_then(|d| d.published) {
            cite.push_str(&format!(", {published}"));
        }
        body.push_str(&format!("<p><cite>{cite}</cite></p>"));
    }
    let mut slide = json!({
        "start_date": date(event.when.start),
        "text": {"headline": html_escape(&headline), "text": body},
        "group": event.kind.as_str(),
        "unique_id": format!("event-{}-{}", index + 1, slug(&event.id)),
    });
    if event.when.end != event.when.start {
        slide["end_date"] = date(event.when.end);
    }
    if event.when.precision != crate::model::Precision::Day {
        slide["display_date"] = Value::String(html_escape(&super::date_text(&event.when)));
    }
    slide
}

/// Writes the subgraph as a TimelineJS JSON file, one slide per event.
pub fn write_timelinejs(
    subgraph: &Subgraph,
    title: Option<&str>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut events: Vec<&Event> = subgraph.events.iter().collect();
    events
        .sort_by(|a, b| (a.when.start, a.when.end, &a.id).cmp(&(b.when.start, b.when.end, &b.id)));
    let documents: BTreeMap<&str, &Document> = subgraph
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    let slides: Vec<Value> = events
        .iter()
        .enumerate()
        .map(|(i, e)| slide(i, e, &documents))
        .collect();
    let n = slides.len();
    let doc = json!({
        "title": {"text": {
            "headline": html_escape(title.unwrap_or("Timeline")),
            "text": format!("{n} event{}", if n == 1 { "" } else { "s" }),
        }},
        "events": slides,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
