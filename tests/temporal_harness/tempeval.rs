//! A scorer for the TempEval-3 platinum test set (TimeML with a DCT and gold
//! TIMEX3 tags): the documents are read at run time from the shared data
//! folder (their texts belong to the publishers and are not copied into the
//! project), the text is tagged with the DCT as reference, and the standard
//! TempEval-3 timex figures are computed: strict and relaxed extent
//! precision/recall/F1, and value F1 (a relaxed match with the same value).

use eventgraph::{find_timexes, TagOptions};
use std::path::Path;

/// A gold or system timex: char span in the plain text, value, type.
#[derive(Debug, Clone)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub value: String,
    pub kind: String,
    pub text: String,
}

/// One document: plain text, DCT value, gold timexes.
pub struct Doc {
    pub name: String,
    pub text: String,
    pub dct: String,
    pub gold: Vec<Span>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!("{name}=\"");
    let i = tag.find(&pat)? + pat.len();
    let j = tag[i..].find('"')? + i;
    Some(tag[i..j].to_string())
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Parses one TimeML file.
pub fn parse(name: &str, xml: &str) -> Result<Doc, String> {
    let dct_start = xml.find("<DCT>").ok_or_else(|| format!("{name}: no DCT"))?;
    let dct_tag_start = xml[dct_start..]
        .find("<TIMEX3")
        .ok_or_else(|| format!("{name}: no DCT timex"))?
        + dct_start;
    let dct_tag_end = xml[dct_tag_start..]
        .find('>')
        .ok_or_else(|| format!("{name}: bad DCT"))?
        + dct_tag_start;
    let dct = attr(&xml[dct_tag_start..dct_tag_end], "value")
        .ok_or_else(|| format!("{name}: DCT without value"))?;
    let t0 = xml
        .find("<TEXT>")
        .ok_or_else(|| format!("{name}: no TEXT"))?
        + "<TEXT>".len();
    let t1 = xml
        .find("</TEXT>")
        .ok_or_else(|| format!("{name}: no </TEXT>"))?;
    let body = &xml[t0..t1];
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut i = 0;
    let b = body.as_bytes();
    while i < b.len() {
        if b[i] == b'<' {
            let j = body[i..]
                .find('>')
                .ok_or_else(|| format!("{name}: unclosed tag"))?
                + i;
            let tag = &body[i + 1..j];
            if tag.starts_with("TIMEX3") {
                open = Some((
                    text.len(),
                    attr(tag, "value").unwrap_or_default(),
                    attr(tag, "type").unwrap_or_default(),
                ));
            } else if tag.starts_with("/TIMEX3") {
                if let Some((s, value, kind)) = open.take() {
                    gold.push(Span {
                        start: s,
                        end: text.len(),
                        value,
                        kind,
                        text: text[s..].to_string(),
                    });
                }
            }
            i = j + 1;
        } else {
            let j = body[i..].find('<').map(|k| k + i).unwrap_or(b.len());
            text.push_str(&decode(&body[i..j]));
            i = j;
        }
    }
    Ok(Doc {
        name: name.to_string(),
        text,
        dct,
        gold,
    })
}

/// Reads every `.tml` file of a folder, sorted by name.
pub fn load(dir: &Path) -> Result<Vec<Doc>, String> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            let xml = std::fs::read_to_string(p)
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            parse(&p.file_name().unwrap_or_default().to_string_lossy(), &xml)
        })
        .collect()
}

/// The system's timexes for a document.
pub fn system(doc: &Doc) -> Vec<Span> {
    let reference =
        chrono::NaiveDate::parse_from_str(&doc.dct[..doc.dct.len().min(10)], "%Y-%m-%d").ok();
    let opts = reference
        .map(TagOptions::with_reference_date)
        .unwrap_or_default();
    find_timexes(&doc.text, &opts)
        .into_iter()
        .map(|t| Span {
            start: t.start,
            end: t.end,
            value: t.value,
            kind: t.kind.as_str().to_string(),
            text: t.text,
        })
        .collect()
}

/// TempEval-3 timex figures.
#[derive(Debug, Default, Clone)]
pub struct Scores {
    pub gold: usize,
    pub system: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub value: usize,
    pub kind: usize,
}

fn f1(tp: usize, sys: usize, gold: usize) -> (f64, f64, f64) {
    let p = if sys == 0 {
        0.0
    } else {
        tp as f64 / sys as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

impl Scores {
    pub fn strict_f1(&self) -> (f64, f64, f64) {
        f1(self.strict, self.system, self.gold)
    }
    pub fn relaxed_f1(&self) -> (f64, f64, f64) {
        f1(self.relaxed, self.system, self.gold)
    }
    pub fn value_f1(&self) -> (f64, f64, f64) {
        f1(self.value, self.system, self.gold)
    }
    pub fn type_f1(&self) -> (f64, f64, f64) {
        f1(self.kind, self.system, self.gold)
    }
}

/// Scores one document; `misses` collects the gold timexes not found with
/// the right value.
pub fn score(doc: &Doc, sys: &[Span], misses: &mut Vec<String>) -> Scores {
    let mut s = Scores {
        gold: doc.gold.len(),
        system: sys.len(),
        ..Scores::default()
    };
    let mut used = vec![false; sys.len()];
    for g in &doc.gold {
        // gold offsets are bytes of the plain text as built above
        let hit = sys
            .iter()
            .enumerate()
            .find(|(k, x)| !used[*k] && x.start < g.end && g.start < x.end);
        match hit {
            Some((k, x)) => {
                used[k] = true;
                s.relaxed += 1;
                if x.start == g.start && x.end == g.end {
                    s.strict += 1;
                } else {
                    misses.push(format!(
                        "{}: extent {:?} got {:?}",
                        doc.name, g.text, x.text
                    ));
                }
                if x.value == g.value {
                    s.value += 1;
                } else {
                    misses.push(format!(
                        "{}: {:?} want {} got {} ({:?})",
                        doc.name, g.text, g.value, x.value, x.text
                    ));
                }
                if x.kind == g.kind {
                    s.kind += 1;
                }
            }
            None => misses.push(format!(
                "{}: {:?} want {} got nothing",
                doc.name, g.text, g.value
            )),
        }
    }
    s
}

/// Scores every document; returns the totals and the misses.
pub fn run(dir: &Path) -> Result<(Scores, Vec<String>, Vec<String>), String> {
    let docs = load(dir)?;
    let mut total = Scores::default();
    let mut misses = Vec::new();
    let mut extra = Vec::new();
    for d in &docs {
        let sys = system(d);
        for x in &sys {
            if !d.gold.iter().any(|g| x.start < g.end && g.start < x.end) {
                extra.push(format!("{}: {:?} = {}", d.name, x.text, x.value));
            }
        }
        let s = score(d, &sys, &mut misses);
        total.gold += s.gold;
        total.system += s.system;
        total.strict += s.strict;
        total.relaxed += s.relaxed;
        total.value += s.value;
        total.kind += s.kind;
    }
    Ok((total, misses, extra))
}
