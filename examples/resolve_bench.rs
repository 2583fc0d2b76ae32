//! How ingest and cross-document resolution scale with the number of
//! articles. Extracts the articles of a directory once (default: the
//! shared evaluation articles, `$EVENTGRAPH_SHARED/eval/articles`), then builds corpora
//! of N articles in memory by repeating them: copy k has every date shifted
//! by 9·k days and every actor other than a country renamed (each word gets
//! a suffix of letters), so copies share countries but not people. Each corpus is
//! written to a fresh SQLite store through `Store::ingest` (one transaction
//! per article) and loaded back (`pipeline::load`, where actors are
//! resolved and reports merged). Prints one JSON line per size.
//!
//! ```text
//! cargo run --release --example resolve_bench -- [DIR] [--sizes 15,1000,10000]
//! cargo run --release --example resolve_bench -- --synthetic 10000,100000
//! ```
//!
//! `--synthetic` measures event merging alone on report sets generated from
//! a known timeline (`tests/synth/timeline.rs`, the generator of
//! `tests/resolve_clusters.rs`): per size, the seconds to resolve the
//! names and to cluster the reports, and the B-cubed precision, recall and
//! F1 of the clusters against the timeline's occasions.

#[path = "../tests/common/shared.rs"]
mod shared;

#[allow(dead_code)]
#[path = "../tests/synth/timeline.rs"]
mod timeline;

use eventgraph::{
    extract_document, to_records, ExtractOptions, ExtractionDoc, IngestOptions, Store,
};
use std::time::Instant;

/// A suffix of consonants for copy `k` (vowels would give copies one
/// transliteration skeleton, which no real corpus does at this rate).
fn letters(mut k: usize) -> String {
    const CONSONANTS: &[u8] = b"bcdfgjklmnpqrstvxz";
    let mut s = String::new();
    loop {
        s.push(CONSONANTS[k % CONSONANTS.len()] as char);
        k /= CONSONANTS.len();
        if k == 0 {
            break;
        }
    }
    s
}

fn shift(date: &str, days: i64) -> String {
    match chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(d) => (d + chrono::Duration::days(days))
            .format("%Y-%m-%d")
            .to_string(),
        Err(_) => date.to_string(),
    }
}

/// Copy `k` of an extracted article: dates shifted, non-country actors renamed.
fn variant(doc: &ExtractionDoc, k: usize) -> ExtractionDoc {
    let mut d = doc.clone();
    if k == 0 {
        return d;
    }
    let days = 9 * k as i64;
    let tag = letters(k);
    d.document.id = format!("{}-{k}", d.document.id);
    d.document.url = d.document.url.as_ref().map(|u| format!("{u}#{k}"));
    d.document.published = d.document.published.as_deref().map(|p| shift(p, days));
    // Every word of a name gets the copy's suffix: "John Kerry" becomes
    // "Johnb Kerryb", so aliases and surnames stay consistent within a copy.
    let rename = |name: &str| -> String {
        name.split(' ')
            .map(|w| format!("{w}{tag}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for a in &mut d.actors {
        if a.kind != "country" {
            a.name = rename(&a.name);
            for alias in &mut a.aliases {
                *alias = rename(alias);
            }
        }
    }
    for e in &mut d.events {
        let date = &mut e.date;
        date.start = date.start.as_deref().map(|s| shift(s, days));
        date.end = date.end.as_deref().map(|s| shift(s, days));
        if let Some(v) = &date.value {
            if v.len() == 10 {
                date.value = Some(shift(v, days));
            } else if let (Some(s), true) = (&date.start, v.len() > 10) {
                // A day with a part of day ("2014-03-30TNI").
                date.value = Some(format!("{s}{}", &v[10..]));
            }
        }
    }
    d
}

fn main() {
    let mut dir = shared::shared_path("eval/articles")
        .to_string_lossy()
        .into_owned();
    let mut sizes = vec![15usize, 1000, 10_000];
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--synthetic" {
            let list = args.next().unwrap_or_default();
            synthetic(list.split(',').filter_map(|s| s.parse().ok()));
            return;
        }
        if arg == "--sizes" {
            let list = args.next().unwrap_or_default();
            sizes = list.split(',').filter_map(|s| s.parse().ok()).collect();
        } else {
            dir = arg;
        }
    }
    let mut paths: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect(),
        Err(e) => {
            eprintln!("resolve_bench: cannot read {dir:?}: {e}");
            std::process::exit(2);
        }
    };
    paths.sort();
    let t = Instant::now();
    let base: Vec<ExtractionDoc> = paths
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            let options = ExtractOptions {
                file_name: p.file_name().map(|f| f.to_string_lossy().into_owned()),
                ..ExtractOptions::default()
            };
            extract_document(&bytes, &options).ok()
        })
        .collect();
    eprintln!(
        "extracted {} articles in {:.3} s",
        base.len(),
        t.elapsed().as_secs_f64()
    );
    if base.is_empty() {
        eprintln!("resolve_bench: no articles in {dir:?}");
        std::process::exit(2);
    }
    let tmp = std::env::temp_dir().join(format!("resolve_bench_{}", std::process::id()));
    std::fs::create_dir_all(&tmp).ok();
    for &n in &sizes {
        let docs: Vec<ExtractionDoc> = (0..n)
            .map(|i| variant(&base[i % base.len()], i / base.len()))
            .collect();
        let records: Vec<_> = docs
            .iter()
            .map(|d| {
                let hash = format!("{}-{}", d.document.id, n);
                (to_records(d, &d.document.id), hash)
            })
            .collect();
        let path = tmp.join(format!("bench_{n}.db"));
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path).expect("open store");
        let t = Instant::now();
        // the time of each thousand articles shows whether the per-article
        // cost grows with the store
        let mut chunk = Instant::now();
        let mut chunks: Vec<String> = Vec::new();
        for (k, (r, hash)) in records.iter().enumerate() {
            store
                .ingest(r, hash, &IngestOptions::default())
                .expect("ingest");
            if (k + 1) % 1000 == 0 {
                chunks.push(format!("{:.2}", chunk.elapsed().as_secs_f64()));
                chunk = Instant::now();
            }
        }
        if !chunks.is_empty() {
            eprintln!(
                "{n} articles: seconds per 1,000 ingested: {}",
                chunks.join(" ")
            );
        }
        let ingest_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let graph = eventgraph::load(&store).expect("load");
        let load_s = t.elapsed().as_secs_f64();
        let reports: usize = docs.iter().map(|d| d.events.len()).sum();
        println!(
            "{{\"articles\":{n},\"reports\":{reports},\"events\":{},\"actors\":{},\"ingest_s\":{ingest_s:.3},\"load_resolve_s\":{load_s:.3},\"ms_per_article\":{:.3}}}",
            graph.n_events(),
            graph.n_actors(),
            (ingest_s + load_s) * 1000.0 / n as f64
        );
        drop(store);
        let _ = std::fs::remove_file(&path);
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

/// Event merging on synthetic report sets of each size: one JSON line each.
fn synthetic(sizes: impl Iterator<Item = usize>) {
    for n in sizes {
        let t = Instant::now();
        let set = timeline::generate(n, 2026);
        let generate_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let resolved = timeline::resolve_names(&set.reports);
        let names_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut merger = eventgraph::EventMerger::new();
        for r in resolved {
            merger.add(r);
        }
        let clusters: Vec<Vec<usize>> = merger.clusters().into_iter().map(|c| c.1).collect();
        let merge_s = t.elapsed().as_secs_f64();
        let (p, r, f1) = timeline::bcubed(&clusters, &set.occasion);
        let chains = chains(&resolved_again(&set.reports));
        let (_, _, chains_f1) = timeline::bcubed(&chains, &set.occasion);
        println!(
            "{{\"reports\":{n},\"occasions\":{},\"clusters\":{},\"generate_s\":{generate_s:.3},\"resolve_names_s\":{names_s:.3},\"merge_s\":{merge_s:.3},\"bcubed_p\":{p:.4},\"bcubed_r\":{r:.4},\"bcubed_f1\":{f1:.4},\"chains_f1\":{chains_f1:.4}}}",
            set.occasions,
            clusters.len()
        );
    }
}

fn resolved_again(reports: &[eventgraph::Event]) -> Vec<eventgraph::Event> {
    timeline::resolve_names(reports)
}

/// For comparison, the clustering this merger replaced: connected
/// components of `same_occasion` links between reports sharing a
/// participant and a week (a month-dated report may chain occasions).
fn chains(reports: &[eventgraph::Event]) -> Vec<Vec<usize>> {
    use std::collections::{BTreeMap, HashMap};
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut parent: Vec<usize> = (0..reports.len()).collect();
    let mut buckets: HashMap<(String, i64), Vec<usize>> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        let start = r.when.start
            - chrono::Days::new(if r.when.source == eventgraph::DateSource::Inferred {
                3
            } else {
                0
            });
        let s = i64::from(eventgraph::day_number(start)).div_euclid(7);
        let e = i64::from(eventgraph::day_number(r.when.end)).div_euclid(7);
        for p in &r.participants {
            for week in s..=e {
                buckets
                    .entry((eventgraph::normalize_name(&p.actor), week))
                    .or_default()
                    .push(i);
            }
        }
    }
    let mut keys: Vec<_> = buckets.keys().cloned().collect();
    keys.sort();
    for key in keys {
        let list = &buckets[&key];
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                if eventgraph::same_occasion(&reports[a], &reports[b]) {
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    let mut out: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..reports.len() {
        let root = find(&mut parent, i);
        out.entry(root).or_default().push(i);
    }
    out.into_values().collect()
}
