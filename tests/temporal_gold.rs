//! The dated expressions of the development articles: runs `find_timexes`
//! on each article of the shared evaluation set as the extractor reads it
//! (`read_article`'s clean text, with the `published:` date and time as
//! reference, a UTC offset or not, or the dateline's day; the dateline,
//! blanked in the clean text, gives its own date), and compares with the gold timexes the way
//! `eval/score.py` does (required ones; the gold text found in the k-th
//! matching prediction). The articles are read at run time from the shared
//! folder (`$EVENTGRAPH_SHARED/eval`, never copied here); without it the
//! test is skipped with a notice, or fails under
//! `EVENTGRAPH_REQUIRE_SHARED=1`.

mod common;

use eventgraph::{
    find_timexes, read_article, ArticleOptions, DateSource, Precision, TagOptions, Timex, TimexType,
};
use std::path::Path;

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

/// The gold file's `published`: a date (`2014-03-31`), a date and time
/// (`2014-03-31T14:05`), or a date and time with its UTC offset
/// (`1998-01-22T00:05-05:00`), the time taken as written (local to the
/// article, as the extractor reads the header).
fn parse_reference(published: &str) -> Option<chrono::NaiveDateTime> {
    chrono::DateTime::parse_from_str(published, "%Y-%m-%dT%H:%M%:z")
        .map(|t| t.naive_local())
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(published, "%Y-%m-%dT%H:%M"))
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
        })
}

/// The timexes of an article as the extractor finds them (and as
/// `eval/score.py` scores them): tagged on the article's clean text (header
/// and page furniture blanked) with its publication date and time as
/// reference, else (the seed article has no header) the gold file's
/// `published`. `None` when the file cannot be read or has no date.
fn tag_article(path: &Path, fallback: Option<&str>) -> Option<Vec<Timex>> {
    let bytes = std::fs::read(path).ok()?;
    let article = read_article(&bytes, &ArticleOptions::default()).ok()?;
    let reference = article
        .reference_at()
        .or_else(|| parse_reference(fallback?))?;
    let options = TagOptions {
        reference: Some(reference),
        ..TagOptions::default()
    };
    let mut timexes = find_timexes(&article.clean, &options);
    // the dateline's date, as the extractor adds it
    if let Some(d) = &article.dateline {
        if let (Some(span), Some(day)) = (d.date_span, d.date) {
            let at = timexes.partition_point(|t| t.start < span.start);
            timexes.insert(
                at,
                Timex {
                    text: article.text[span.start..span.end].to_string(),
                    start: span.start,
                    end: span.end,
                    value: day.format("%Y-%m-%d").to_string(),
                    kind: TimexType::Date,
                    precision: Precision::Day,
                    first: Some(day),
                    last: Some(day),
                    source: DateSource::Explicit,
                },
            );
        }
    }
    Some(timexes)
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
    let Some(names) = common::shared_files("eval/gold", "json") else {
        return;
    };
    let dir = common::shared_root();
    let (mut total_req, mut total_ok, mut acc_sum) = (0, 0, 0.0);
    let mut problems = Vec::new();
    for g in &names {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(g).unwrap()).unwrap();
        let article = dir
            .join("eval/articles")
            .join(gold["article"].as_str().unwrap());
        let Some(preds) = tag_article(&article, gold["published"].as_str()) else {
            panic!(
                "cannot read article {} (or its published date)",
                article.display()
            );
        };
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

#[test]
fn published_values_with_and_without_time_and_offset() {
    let at = |text: &str| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
    assert_eq!(parse_reference("2014-03-31"), Some(at("2014-03-31 00:00")));
    assert_eq!(
        parse_reference("2014-03-31T14:05"),
        Some(at("2014-03-31 14:05"))
    );
    assert_eq!(
        parse_reference("1998-01-22T00:05-05:00"),
        Some(at("1998-01-22 00:05"))
    );
    assert_eq!(
        parse_reference("2014-03-31T14:05+01:00"),
        Some(at("2014-03-31 14:05"))
    );
    assert_eq!(parse_reference("March 2014"), None);
}
