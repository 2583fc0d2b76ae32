//! Affiliation edges: a person's titles and affiliations ("Secretary of
//! State" of the United States), each with the dates and documents that
//! reported it, as edges to the actor it names when that actor is in the
//! graph. They are read from the actors' titles (filled by the store with
//! one entry per (title, of) and the reports merged across documents), so
//! they need no index of their own; `members` scans every actor.

use super::{ActorId, Graph};
use crate::model::{normalize_name, Actor, ActorKind, Title};
use chrono::NaiveDate;
use serde::Serialize;

/// One affiliation of an actor: what it is a title of (or a member of),
/// and when and where it was reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Affiliation {
    /// The actor the affiliation names, when it is in the graph.
    #[serde(skip)]
    pub of: Option<ActorId>,
    /// The name of what the title is of (the canonical name of `of` when
    /// that resolved), or none for a bare title ("Foreign Minister").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of_name: Option<String>,
    /// The title, or none for a plain affiliation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The earliest publication date of a document that reported it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_reported: Option<NaiveDate>,
    /// The latest publication date of a document that reported it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_reported: Option<NaiveDate>,
    /// Ids of the reporting documents, sorted.
    pub sources: Vec<String>,
}

impl Affiliation {
    fn from_title(title: &Title, of: Option<ActorId>) -> Affiliation {
        Affiliation {
            of,
            of_name: title.of.clone(),
            title: (!title.title.is_empty()).then(|| title.title.clone()),
            first_reported: title.first_reported,
            last_reported: title.last_reported,
            sources: title.sources.clone(),
        }
    }

    /// "Secretary of State, United States — reported 2014-03-30 to
    /// 2015-04-10 in 4 documents".
    pub fn describe(&self) -> String {
        let mut text = match (&self.title, &self.of_name) {
            (Some(t), Some(of)) => format!("{t}, {of}"),
            (Some(t), None) => t.clone(),
            (None, Some(of)) => format!("affiliated with {of}"),
            (None, None) => String::new(),
        };
        let n = self.sources.len();
        let docs = format!("{n} document{}", if n == 1 { "" } else { "s" });
        match (self.first_reported, self.last_reported) {
            (Some(a), Some(b)) if a == b => {
                text.push_str(&format!(" — reported {a} in {docs}"));
            }
            (Some(a), Some(b)) => text.push_str(&format!(" — reported {a} to {b} in {docs}")),
            _ if n > 0 => text.push_str(&format!(" — reported in {docs} (undated)")),
            _ => {}
        }
        text
    }
}

fn kind_rank(kind: ActorKind) -> u8 {
    match kind {
        ActorKind::Country => 0,
        ActorKind::Organization => 1,
        ActorKind::Group => 2,
        ActorKind::Place => 3,
        _ => 4,
    }
}

impl Graph {
    /// The actor a title's `of` names: an actor whose canonical name is
    /// it, else one with it as an alias; the most institution-like kind
    /// (country, organisation, group, place, person) first, then the
    /// smallest id. Never the actor itself.
    pub fn affiliation_target(&self, of: &str, holder: ActorId) -> Option<ActorId> {
        let norm = normalize_name(of);
        self.actors_named(of)
            .iter()
            .copied()
            .filter(|&id| id != holder)
            .filter_map(|id| self.actor(id).map(|a| (id, a)))
            .min_by_key(|(id, a): &(ActorId, &Actor)| {
                (normalize_name(&a.name) != norm, kind_rank(a.kind), *id)
            })
            .map(|(id, _)| id)
    }

    /// The affiliations of an actor, one per (title, of), sorted by title
    /// then `of` (plain affiliations first). An `affiliation` that no title
    /// names is given as a plain affiliation with no report.
    pub fn affiliations(&self, id: ActorId) -> Vec<Affiliation> {
        let Some(actor) = self.actor(id) else {
            return Vec::new();
        };
        let mut out: Vec<Affiliation> = actor
            .titles
            .iter()
            .filter(|t| !t.title.is_empty() || t.of.is_some())
            .map(|t| {
                let of =
                    t.of.as_deref()
                        .and_then(|of| self.affiliation_target(of, id));
                Affiliation::from_title(t, of)
            })
            .collect();
        if let Some(aff) = &actor.affiliation {
            let own = normalize_name(aff) == normalize_name(&actor.name);
            if !own && !actor.titles.iter().any(|t| t.of.as_ref() == Some(aff)) {
                let title = Title::new("", Some(aff.clone()));
                let of = self.affiliation_target(aff, id);
                out.push(Affiliation::from_title(&title, of));
                out.sort_by(|a, b| (&a.title, &a.of_name).cmp(&(&b.title, &b.of_name)));
            }
        }
        out
    }

    /// The actors affiliated with an actor (the members of an organisation,
    /// the office holders of a country), with each affiliation; sorted by
    /// the member's name, then the affiliation's title.
    pub fn members(&self, id: ActorId) -> Vec<(ActorId, Affiliation)> {
        let Some(target) = self.actor(id) else {
            return Vec::new();
        };
        let names: Vec<String> = target.names().map(normalize_name).collect();
        let mut out = Vec::new();
        for member in self.actor_ids() {
            if member == id {
                continue;
            }
            let Some(actor) = self.actor(member) else {
                continue;
            };
            let mentions_target = actor
                .titles
                .iter()
                .filter_map(|t| t.of.as_deref())
                .chain(actor.affiliation.as_deref())
                .any(|of| names.contains(&normalize_name(of)));
            if !mentions_target {
                continue;
            }
            for a in self.affiliations(member) {
                if a.of == Some(id) {
                    out.push((member, a));
                }
            }
        }
        out.sort_by(|(a, x), (b, y)| {
            let name = |id: &ActorId| self.actor(*id).map(|a| a.name.clone());
            (name(a), &x.title, a).cmp(&(name(b), &y.title, b))
        });
        out
    }
}
