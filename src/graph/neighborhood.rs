//! The neighbourhood of actors: their events, the actors in those events,
//! their events in turn, up to a number of hops (`--depth N` around an
//! actor).

use super::{ActorId, EventFilter, EventId, Graph};
use crate::model::normalize_name;
use std::collections::BTreeSet;

impl Graph {
    /// Events within `depth` hops of the `centres`: depth 1 is the events
    /// the centres take part in; depth 2 adds the events of every actor
    /// met at depth 1, and so on. Only events that pass the filter's dates,
    /// kinds and place are followed (its `actors` are ignored: the centres
    /// take their place). Sorted by first day then key; depth 0 gives none.
    pub fn neighborhood(
        &self,
        centres: &[ActorId],
        depth: usize,
        filter: &EventFilter,
    ) -> Vec<EventId> {
        let from = filter.from.unwrap_or(i32::MIN);
        let to = filter.to.unwrap_or(i32::MAX);
        let place = match filter.place.as_deref() {
            Some(name) => match self.place_ids.get(&normalize_name(name)) {
                Some(&id) => Some(id),
                None => return Vec::new(),
            },
            None => None,
        };
        let keep = |id: EventId| -> bool {
            let Some(kind) = self.event_kind(id) else {
                return false;
            };
            (filter.kinds.is_empty() || filter.kinds.contains(&kind))
                && (place.is_none() || self.event_place(id) == place)
        };
        let mut seen_actors: BTreeSet<ActorId> = centres.iter().copied().collect();
        let mut frontier: Vec<ActorId> = seen_actors.iter().copied().collect();
        let mut events: BTreeSet<EventId> = BTreeSet::new();
        for _ in 0..depth {
            let mut next = BTreeSet::new();
            for &actor in &frontier {
                for id in self.events_of_actor(actor, from, to) {
                    if !keep(id) || !events.insert(id) {
                        continue;
                    }
                    for (other, _) in self.participants(id) {
                        if seen_actors.insert(other) {
                            next.insert(other);
                        }
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next.into_iter().collect();
        }
        let mut out: Vec<EventId> = events.into_iter().collect();
        self.sort_events(&mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::NewEvent;
    use super::*;
    use crate::model::{Actor, ActorKind, EventKind, Role};

    fn person(g: &mut Graph, name: &str) -> ActorId {
        g.add_actor(Actor::new(name, ActorKind::Person))
    }

    /// A chain a - b - c - d, one event per link, on days 1, 2, 3; and an
    /// isolated e - f.
    fn chain() -> (Graph, Vec<ActorId>, Vec<EventId>) {
        let mut g = Graph::new();
        let ids: Vec<ActorId> = ["a", "b", "c", "d", "e", "f"]
            .iter()
            .map(|n| person(&mut g, n))
            .collect();
        let mut events = Vec::new();
        for (day, (x, y), kind) in [
            (1, (0, 1), EventKind::Meet),
            (2, (1, 2), EventKind::Call),
            (3, (2, 3), EventKind::Meet),
            (1, (4, 5), EventKind::Meet),
        ] {
            let parts = [(ids[x], Role::Source), (ids[y], Role::Target)];
            events.push(g.add_event(&NewEvent::day(kind, day, &parts)).unwrap());
        }
        (g, ids, events)
    }

    #[test]
    fn hops_grow_with_depth() {
        let (g, a, e) = chain();
        let all = EventFilter::default();
        assert!(g.neighborhood(&[a[0]], 0, &all).is_empty());
        assert_eq!(g.neighborhood(&[a[0]], 1, &all), vec![e[0]]);
        assert_eq!(g.neighborhood(&[a[0]], 2, &all), vec![e[0], e[1]]);
        assert_eq!(g.neighborhood(&[a[0]], 3, &all), vec![e[0], e[1], e[2]]);
        assert_eq!(g.neighborhood(&[a[0]], 9, &all), vec![e[0], e[1], e[2]]);
        // from the middle, both ways
        assert_eq!(g.neighborhood(&[a[1]], 1, &all), vec![e[0], e[1]]);
        // several centres: the union
        let mut both = vec![e[0], e[3]];
        g.sort_events(&mut both);
        assert_eq!(g.neighborhood(&[a[0], a[4]], 1, &all), both);
    }

    #[test]
    fn the_filter_limits_what_is_followed() {
        let (g, a, e) = chain();
        // without calls, the chain is cut between b and c
        let meets = EventFilter {
            kinds: vec![EventKind::Meet],
            ..EventFilter::default()
        };
        assert_eq!(g.neighborhood(&[a[0]], 5, &meets), vec![e[0]]);
        // dates: only day 2 and later
        let later = EventFilter {
            from: Some(2),
            ..EventFilter::default()
        };
        assert!(g.neighborhood(&[a[0]], 5, &later).is_empty());
        assert_eq!(g.neighborhood(&[a[1]], 5, &later), vec![e[1], e[2]]);
        let nowhere = EventFilter {
            place: Some("Atlantis".into()),
            ..EventFilter::default()
        };
        assert!(g.neighborhood(&[a[0]], 5, &nowhere).is_empty());
    }
}
