//! Event merging on synthetic report sets from a known timeline
//! (`tests/synth/timeline.rs`): the clusters match the occasions (B-cubed
//! F1 at least 0.97 on 10,000 reports), no cluster holds two different
//! days read from the text, and three input orders give the same events.

#[path = "synth/timeline.rs"]
mod timeline;

use eventgraph::{Event, EventMerger};
use std::collections::BTreeSet;

/// Clusters of `reports` (indexes into it) and the merged events.
fn merge(reports: &[Event]) -> (Vec<Vec<usize>>, Vec<Event>) {
    let resolved = timeline::resolve_names(reports);
    let mut merger = EventMerger::new();
    for r in resolved {
        merger.add(r);
    }
    let clusters: Vec<Vec<usize>> = merger.clusters().into_iter().map(|c| c.1).collect();
    let events = merger.events().into_iter().map(|e| e.0).collect();
    (clusters, events)
}

#[test]
fn synthetic_timeline_of_10000_reports() {
    let set = timeline::generate(10_000, 2026);
    assert_eq!(set.reports.len(), 10_000);
    let (clusters, events) = merge(&set.reports);
    let (p, r, f1) = timeline::bcubed(&clusters, &set.occasion);
    eprintln!(
        "{} reports, {} occasions, {} clusters: B-cubed precision {p:.4} recall {r:.4} F1 {f1:.4}",
        set.reports.len(),
        set.occasions,
        clusters.len()
    );
    assert!(f1 >= 0.97, "B-cubed F1 {f1:.4} (P {p:.4}, R {r:.4})");

    // No cluster holds two different days read from the text.
    let mixed: Vec<&Vec<usize>> = clusters
        .iter()
        .filter(|c| {
            let days: BTreeSet<_> = c.iter().filter_map(|&i| set.exact_day[i]).collect();
            days.len() > 1
        })
        .collect();
    assert!(mixed.is_empty(), "clusters with two exact days: {mixed:?}");

    // Two more orders of the same reports give the same events and the
    // same clusters (as sets of report ids).
    let ids = |clusters: &[Vec<usize>], reports: &[Event]| -> BTreeSet<Vec<String>> {
        clusters
            .iter()
            .map(|c| {
                let mut v: Vec<String> = c.iter().map(|&i| reports[i].id.clone()).collect();
                v.sort();
                v
            })
            .collect()
    };
    let first = ids(&clusters, &set.reports);
    for seed in [7, 99] {
        let order = timeline::permutation(set.reports.len(), seed);
        let shuffled: Vec<Event> = order.iter().map(|&i| set.reports[i].clone()).collect();
        assert_ne!(
            shuffled[0].id, set.reports[0].id,
            "seed {seed}: a new order"
        );
        let (c, e) = merge(&shuffled);
        assert_eq!(ids(&c, &shuffled), first, "clusters, order seed {seed}");
        assert!(e == events, "events, order seed {seed}");
    }
}

/// The scorer itself: perfect clusters score 1, one lump or all singletons
/// score what B-cubed says.
#[test]
fn bcubed_scores() {
    let truth = [0, 0, 1, 1];
    let (p, r, f) = timeline::bcubed(&[vec![0, 1], vec![2, 3]], &truth);
    assert_eq!((p, r, f), (1.0, 1.0, 1.0));
    let (p, r, _) = timeline::bcubed(&[vec![0, 1, 2, 3]], &truth);
    assert_eq!((p, r), (0.5, 1.0));
    let (p, r, _) = timeline::bcubed(&[vec![0], vec![1], vec![2], vec![3]], &truth);
    assert_eq!((p, r), (1.0, 0.5));
}
