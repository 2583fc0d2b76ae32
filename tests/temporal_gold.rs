//! The dated expressions of the development articles: runs `find_timexes`
//! on each article body of the shared evaluation set with its `published:`
//! date as reference, and compares with the gold timexes the way
//! `eval/score.py` does (required ones; the gold text found in the k-th
//! matching prediction). The articles are read at run time from the shared
//! folder (never copied here); the test is skipped when they are absent.

use eventgraph::time::{find_timexes, TagOptions, Timex};
use std::path::{Path, PathBuf};

fn shared_dir() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("EVENTGRAPH_SHARED") {
        return Some(PathBuf::from(p));
    }
    ["../shared", "../../shared", "/work/shared"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.join("eval/gold").is_dir())
}

/// score.py's `norm`.
fn norm(s: &str) -> String {
    let s = s
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"");
    let s = s.trim().replace("'s", "");
    let s: String = s.chars().filter(|c| !"\"'.,;:()".contains(*c)).collect();
    let s = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    s.strip_prefix("the ").map(str::to_string).unwrap_or(s)
}

/// The reference time and body of an article: from its `published:` header,
/// else (the seed article has no header) from the gold file's `published`.
fn parse_article(path: &Path, fallback: Option<&str>) -> Option<(chrono::NaiveDateTime, String)> {
    let raw = std::fs::read_to_string(path).ok()?;
    let (published, body) = match raw.split_once("\n\n") {
        Some((header, body)) if header.starts_with("url:") || header.starts_with("published:") => (
            header
                .lines()
                .find_map(|l| l.strip_prefix("published:"))?
                .trim(),
            body,
        ),
        _ => (fallback?, raw.as_str()),
    };
    let reference = chrono::NaiveDateTime::parse_from_str(published, "%Y-%m-%dT%H:%M")
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
        })?;
    Some((reference, body.to_string()))
}

/// (required, correct, problems) for one gold file.
fn score(gold: &serde_json::Value, preds: &[Timex]) -> (usize, usize, Vec<String>) {
    let (mut req, mut ok, mut wrong) = (0, 0, Vec::new());
    for t in gold["timexes"].as_array().into_iter().flatten() {
        if !t["required"].as_bool().unwrap_or(false) {
            continue;
        }
        req += 1;
        let gt = norm(t["text"].as_str().unwrap_or(""));
        let cands: Vec<&Timex> = preds
            .iter()
            .filter(|x| {
                let n = norm(&x.text);
                n.contains(&gt) || (!n.is_empty() && gt.contains(&n) && n.len() >= 4)
            })
            .collect();
        let k = t["occurrence"].as_u64().unwrap_or(1) as usize;
        let got = cands.get(k - 1);
        let mut accepted = vec![t["value"].as_str().unwrap_or("").to_string()];
        for a in t["also"].as_array().into_iter().flatten() {
            accepted.push(a.as_str().unwrap_or("").to_string());
        }
        match got {
            Some(g) if accepted.contains(&g.value) => ok += 1,
            other => wrong.push(format!(
                "{}#{}: want {}, got {}",
                t["text"],
                k,
                accepted[0],
                other
                    .map(|g| format!("{} ({:?})", g.value, g.text))
                    .unwrap_or("nothing".into())
            )),
        }
    }
    (req, ok, wrong)
}

#[test]
fn gold_timexes_of_the_development_articles() {
    let Some(dir) = shared_dir() else {
        eprintln!("shared evaluation folder not found: skipped");
        return;
    };
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir.join("eval/gold"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    let (mut total_req, mut total_ok, mut acc_sum) = (0, 0, 0.0);
    let mut problems = Vec::new();
    for g in &names {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(g).unwrap()).unwrap();
        let article = dir
            .join("eval/articles")
            .join(gold["article"].as_str().unwrap());
        let Some((reference, body)) = parse_article(&article, gold["published"].as_str()) else {
            panic!("cannot read article {}", article.display());
        };
        let opts = TagOptions {
            reference: Some(reference),
            ..TagOptions::default()
        };
        let preds = find_timexes(&body, &opts);
        let (req, ok, wrong) = score(&gold, &preds);
        total_req += req;
        total_ok += ok;
        acc_sum += if req == 0 {
            1.0
        } else {
            ok as f64 / req as f64
        };
        println!("{}: {ok}/{req}", gold["article"]);
        for w in wrong {
            problems.push(format!("{}: {w}", gold["article"]));
        }
    }
    let mean = acc_sum / names.len() as f64;
    println!("required timexes right: {total_ok}/{total_req}, mean accuracy {mean:.3}");
    for p in &problems {
        println!("  {p}");
    }
    assert!(problems.is_empty(), "{} gold timexes wrong", problems.len());
}
