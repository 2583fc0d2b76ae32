//! The harness that runs third-party temporal test suites (Duckling and
//! chrono, English, copied in tests/fixtures/temporal) against
//! `find_detailed` and counts passed, failed and out-of-scope cases per
//! suite and category. Shared by the `temporal_suites` test (which asserts
//! the pass rates) and the `temporal_suites` example (which prints them).
#![allow(dead_code)]

pub mod tempeval;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use eventgraph::{find_detailed, Bias, Detailed, Locale, TagOptions};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Pass,
    Fail(String),
    OutOfScope(&'static str),
}

/// One case and its outcome.
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub category: String,
    pub text: String,
    pub outcome: Outcome,
}

/// Counts per category.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub passed: usize,
    pub failed: usize,
    pub out_of_scope: usize,
}

impl Tally {
    pub fn in_scope(&self) -> usize {
        self.passed + self.failed
    }
    pub fn rate(&self) -> f64 {
        if self.in_scope() == 0 {
            1.0
        } else {
            self.passed as f64 / self.in_scope() as f64
        }
    }
}

pub fn tally(
    results: &[CaseResult],
) -> (
    Tally,
    BTreeMap<String, Tally>,
    BTreeMap<&'static str, usize>,
) {
    let mut total = Tally::default();
    let mut per: BTreeMap<String, Tally> = BTreeMap::new();
    let mut reasons: BTreeMap<&'static str, usize> = BTreeMap::new();
    for r in results {
        let t = per.entry(r.category.clone()).or_default();
        match &r.outcome {
            Outcome::Pass => {
                t.passed += 1;
                total.passed += 1;
            }
            Outcome::Fail(_) => {
                t.failed += 1;
                total.failed += 1;
            }
            Outcome::OutOfScope(why) => {
                t.out_of_scope += 1;
                total.out_of_scope += 1;
                *reasons.entry(why).or_default() += 1;
            }
        }
    }
    (total, per, reasons)
}

fn naive(s: &str) -> Option<NaiveDateTime> {
    // "2013-02-12T04:30:00-02:00" or "2012-08-10T12:14:00(.006)": wall clock
    let core = if s.len() >= 19 { &s[..19] } else { s };
    NaiveDateTime::parse_from_str(core, "%Y-%m-%dT%H:%M:%S").ok()
}

/// The UTC offset of an ISO time such as `2013-02-12T04:30:00-02:00`, in minutes.
fn offset_minutes(s: &str) -> Option<i32> {
    if s.len() < 25 {
        return None;
    }
    let tail = &s[s.len() - 6..];
    let sign = match &tail[..1] {
        "+" => 1,
        "-" => -1,
        _ => return None,
    };
    let h: i32 = tail[1..3].parse().ok()?;
    let m: i32 = tail[4..6].parse().ok()?;
    Some(sign * (h * 60 + m))
}

fn lines(path: &Path) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .map_err(|e| format!("{}:{}: bad json: {e}", path.display(), i + 1))
        })
        .collect()
}

/// The result that best stands for the whole input: the widest one.
fn widest(found: &[Detailed]) -> Option<&Detailed> {
    found
        .iter()
        .max_by_key(|d| (d.timex.end - d.timex.start, usize::MAX - d.timex.start))
}

fn grain_class(g: &str) -> &str {
    match g {
        "second" | "minute" | "hour" => "time",
        "part_of_day" => "time",
        other => other,
    }
}

// ------------------------------------------------------------------ Duckling

/// Duckling's names of the holidays the tagger knows (src/time/holiday.rs).
const SUPPORTED_HOLIDAYS: &[&str] = &[
    "Christmas",
    "Christmas Eve",
    "New Year's Eve",
    "New Year's Day",
    "Valentine's Day",
    "Halloween",
    "St Patrick's Day",
    "Martin Luther King's Day",
    "Black Friday",
    "Boss's Day",
    "Easter Sunday",
    "Easter Monday",
    "Maundy Thursday",
    "Good Friday",
    "Palm Sunday",
    "Shrove Tuesday",
    "Ash Wednesday",
    "Pentecost",
    "Whit Monday",
    "Trinity Sunday",
    "Thanksgiving Day",
    "Memorial Day",
    "Labor Day",
    "Mother's Day",
    "Father's Day",
    "King's Day",
];

const DAY_FIRST: &[&str] = &[
    "en_AU", "en_BZ", "en_GB", "en_IE", "en_IN", "en_JM", "en_NZ", "en_TT", "en_ZA",
];

pub fn run_duckling(path: &Path) -> Result<Vec<CaseResult>, String> {
    let mut out = Vec::new();
    for case in lines(path)? {
        let text = case["text"].as_str().unwrap_or("").to_string();
        let subset = case["subset"].as_str().unwrap_or("?");
        let category = if subset.starts_with("locale") {
            "locale corpora".to_string()
        } else if subset.starts_with("defaultCorpus") {
            "defaultCorpus".to_string()
        } else {
            subset.to_string()
        };
        let exp = &case["expected"];
        let outcome = duckling_case(&case, &text, subset, exp);
        out.push(CaseResult {
            category,
            text,
            outcome,
        });
    }
    Ok(out)
}

fn duckling_case(case: &Value, text: &str, subset: &str, exp: &Value) -> Outcome {
    if subset == "latentCorpus" {
        return Outcome::OutOfScope(
            "latent-only (Duckling withLatent=True: bare numbers and words)",
        );
    }
    if let Some(h) = exp.get("holiday").and_then(|h| h.as_str()) {
        if subset.starts_with("locale") && !SUPPORTED_HOLIDAYS.contains(&h) {
            return Outcome::OutOfScope("holidays of regional calendars (locale corpora)");
        }
        if !SUPPORTED_HOLIDAYS.contains(&h) {
            return Outcome::OutOfScope("lunar-calendar and other holidays not recognised (Eid, Diwali, Chinese New Year, ...)");
        }
    }
    if exp["type"] == "open_interval" {
        return Outcome::OutOfScope(
            "open intervals (\"before 2pm\", \"after 5 days\"): no TIMEX3 value",
        );
    }
    let Some(reference) = case["reference"].as_str().and_then(naive) else {
        return Outcome::Fail("no reference".into());
    };
    let locale = match case["locale"].as_str() {
        Some(l) if DAY_FIRST.contains(&l) => Locale::Gb,
        _ => Locale::Us,
    };
    let opts = TagOptions {
        reference: Some(reference),
        locale,
    };
    let found = find_detailed(text, &opts, Bias::Future);
    if exp.is_null() {
        return if found.is_empty() {
            Outcome::Pass
        } else {
            Outcome::Fail(format!("found {:?}", found[0].timex.text))
        };
    }
    let Some(best) = widest(&found) else {
        return Outcome::Fail("nothing found".into());
    };
    // a stated time zone: Duckling gives the instant in the reference's zone
    let ref_offset = case["reference"].as_str().and_then(offset_minutes);
    let mut best = best.clone();
    if let (Some(tz), Some(ro)) = (best.tz_offset, ref_offset) {
        let shift = chrono::Duration::minutes((ro - tz) as i64);
        best.start = best.start.map(|t| t + shift);
        best.end = best.end.map(|t| t + shift);
        best.to = best.to.map(|t| t + shift);
    }
    let best = &best;
    let grain = exp["grain"].as_str().unwrap_or("");
    let got = format!(
        "{} {} {:?}..{:?}",
        best.timex.value, best.grain, best.start, best.end
    );
    match exp["type"].as_str() {
        Some("value") => {
            let want = exp["value"].as_str().and_then(naive);
            if grain_class(grain) != grain_class(best.grain) {
                return Outcome::Fail(format!("grain {} want {grain}: {got}", best.grain));
            }
            if want.is_some() && best.start == want {
                Outcome::Pass
            } else {
                Outcome::Fail(format!("want {:?}: {got}", want))
            }
        }
        Some("interval") => {
            let ws = exp["start"].as_str().and_then(naive);
            let we = exp["end"].as_str().and_then(naive);
            let end = best.to.or(best.end);
            if best.start == ws && (end == we || best.end == we) {
                Outcome::Pass
            } else {
                Outcome::Fail(format!("want {:?}..{:?}: {got}", ws, we))
            }
        }
        _ => Outcome::Fail("unknown expectation".into()),
    }
}

// -------------------------------------------------------------------- chrono

pub fn run_chrono(path: &Path) -> Result<Vec<CaseResult>, String> {
    let mut out = Vec::new();
    for case in lines(path)? {
        let text = case["text"].as_str().unwrap_or("").to_string();
        let source = case["source"].as_str().unwrap_or("");
        let file = source
            .rsplit('/')
            .next()
            .unwrap_or("")
            .split('#')
            .next()
            .unwrap_or("")
            .trim_end_matches(".test.ts")
            .to_string();
        let outcome = chrono_case(&case, &text);
        out.push(CaseResult {
            category: file,
            text,
            outcome,
        });
    }
    Ok(out)
}

fn norm_text(s: &str) -> String {
    let s = s
        .trim()
        .trim_matches(|c: char| c == '\'' || c == '"' || c == '.' || c == ',')
        .to_lowercase();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn chrono_case(case: &Value, text: &str) -> Outcome {
    let parser = case["parser"].as_str().unwrap_or("chrono");
    if parser == "chrono.fr" {
        return Outcome::OutOfScope("French parser (chrono.fr)");
    }
    if parser == "custom" {
        return Outcome::OutOfScope("custom parser or refiner configured in the test code");
    }
    let reference = case["reference"]
        .as_str()
        .and_then(naive)
        .or_else(|| NaiveDate::from_ymd_opt(2025, 1, 15)?.and_hms_opt(12, 0, 0));
    let locale = if parser.contains("GB") || parser == "chronoLittleEndian" {
        Locale::Gb
    } else {
        Locale::Us
    };
    let bias = if case["options"]["forwardDate"].as_bool() == Some(true) {
        Bias::Future
    } else {
        Bias::Casual
    };
    let opts = TagOptions { reference, locale };
    let exp = &case["expected"];
    let no_match = case["expect_no_match"].as_bool() == Some(true) || exp.is_null();
    if no_match && text.trim().len() == 4 && text.trim().bytes().all(|b| b.is_ascii_digit()) {
        return Outcome::OutOfScope(
            "a bare four-digit year must not match (chrono): in news a year is a date",
        );
    }
    if no_match && parser == "chrono.strict" && abbreviated_unit(text) {
        return Outcome::OutOfScope("chrono.strict rejects abbreviated units (5m, 5hr) that its casual mode reads; we have one mode");
    }
    let found = find_detailed(text, &opts, bias);
    if no_match
        && !found.is_empty()
        && found
            .iter()
            .all(|d| d.timex.kind == eventgraph::TimexType::Duration)
    {
        return Outcome::OutOfScope(
            "bare durations (\"5 days\"): chrono reports none, TIMEX3 tags them as DURATION",
        );
    }
    if no_match {
        return if found.is_empty() {
            Outcome::Pass
        } else {
            Outcome::Fail(format!(
                "found {:?} = {}",
                found[0].timex.text, found[0].timex.value
            ))
        };
    }
    if exp["not_null"].as_bool() == Some(true) {
        return if found.is_empty() {
            Outcome::Fail("nothing found".into())
        } else {
            Outcome::Pass
        };
    }
    // the result for the expected text, else the first one
    let want_text: Vec<String> = match (&exp["text"], &exp["text_contains"]) {
        (Value::String(s), _) => vec![s.clone()],
        (_, Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    let pick = if want_text.is_empty() {
        found.first()
    } else {
        let w = norm_text(&want_text[0]);
        found
            .iter()
            .find(|d| {
                let g = norm_text(&d.timex.text);
                !g.is_empty() && (w.contains(&g) || g.contains(&w))
            })
            .or(found.first())
    };
    let Some(d) = pick else {
        return Outcome::Fail("nothing found".into());
    };
    if !want_text.is_empty() {
        let w = norm_text(&want_text[0]);
        let g = norm_text(&d.timex.text);
        // our spans leave out leading prepositions ("in 5 days" → "5 days" is
        // not allowed: the whole expected text must be covered up to a
        // leading function word)
        let stripped = strip_lead(&w);
        if !(g == w
            || g.contains(&w)
            || g == stripped
            || (w.contains(&g) && g.len() * 10 >= stripped.len() * 7))
        {
            return Outcome::Fail(format!("text {:?} want {:?}", d.timex.text, want_text[0]));
        }
    }
    for (key, point) in [("start", d.start), ("end", d.to.or(d.end))] {
        let e = &exp[key];
        if e.is_null() {
            continue;
        }
        if let Err(why) = check_point(e, point, d, key == "end") {
            return Outcome::Fail(format!("{key}: {why} (got {} {})", d.timex.value, d.grain));
        }
    }
    Outcome::Pass
}

/// "5m ago", "within 5hr", "15s later": a number glued to or followed by a
/// one- or two-letter unit.
fn abbreviated_unit(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.iter().enumerate().any(|(k, w)| {
        let digits = w.trim_start_matches(|c: char| c.is_ascii_digit());
        let glued = digits.len() < w.len() && matches!(digits, "m" | "h" | "hr" | "s");
        let spaced = w.bytes().all(|b| b.is_ascii_digit())
            && matches!(words.get(k + 1), Some(&"h") | Some(&"m"));
        glued || spaced
    })
}

fn strip_lead(w: &str) -> String {
    for p in [
        "on ", "at ", "in ", "from ", "between ", "by ", "for ", "within ", "the ", "this ",
    ] {
        if let Some(rest) = w.strip_prefix(p) {
            return rest.to_string();
        }
    }
    w.to_string()
}

/// Compares chrono's asserted components with our value, at our precision:
/// components finer than the precision we resolve to are not compared (a
/// week, month or year answer must contain chrono's instant).
fn check_point(
    e: &Value,
    point: Option<NaiveDateTime>,
    d: &Detailed,
    is_end: bool,
) -> Result<(), String> {
    let fine = matches!(d.grain, "second" | "minute" | "hour");
    let period = matches!(
        d.grain,
        "week" | "month" | "quarter" | "year" | "season" | "decade" | "century"
    );
    let Some(p) = point else {
        return Err("no instant".into());
    };
    let within = |date: NaiveDate| -> bool {
        if is_end {
            return d.timex.last.is_some_and(|l| l == date) || p.date() == date;
        }
        match (d.timex.first, d.timex.last) {
            (Some(f), Some(l)) if period => f <= date && date <= l,
            _ => p.date() == date,
        }
    };
    if let Some(c) = e.get("components") {
        let get = |k: &str| c.get(k).and_then(|v| v.as_i64());
        if let (Some(y), Some(m), Some(day)) = (get("year"), get("month"), get("day")) {
            let date = NaiveDate::from_ymd_opt(y as i32, m as u32, day as u32).ok_or("bad date")?;
            if !within(date) {
                return Err(format!("date {date}"));
            }
        } else {
            if let Some(y) = get("year") {
                if !(d.timex.first.is_some_and(|f| f.year() as i64 <= y)
                    && d.timex.last.is_some_and(|l| l.year() as i64 >= y))
                    && p.year() as i64 != y
                {
                    return Err(format!("year {y}"));
                }
            }
            if let Some(m) = get("month") {
                if p.month() as i64 != m
                    && !(period && d.timex.first.is_some_and(|f| f.month() as i64 <= m))
                {
                    return Err(format!("month {m}"));
                }
            }
            if let Some(day) = get("day") {
                if !period && p.day() as i64 != day {
                    return Err(format!("day {day}"));
                }
            }
        }
        if fine {
            if let Some(h) = get("hour") {
                if p.hour() as i64 != h {
                    return Err(format!("hour {h}"));
                }
            }
            if let Some(mi) = get("minute") {
                if p.minute() as i64 != mi {
                    return Err(format!("minute {mi}"));
                }
            }
            if let Some(s) = get("second") {
                if d.grain == "second" && p.second() as i64 != s {
                    return Err(format!("second {s}"));
                }
            }
        } else if get("hour").is_some() && c.get("year").is_none() && c.get("day").is_none() {
            // only a clock time was asserted: we must give one
            return Err("a clock time was expected".into());
        }
        if let Some(tz) = get("timezoneOffset") {
            if d.tz_offset != Some(tz as i32) {
                return Err(format!("time zone {tz}"));
            }
        }
    }
    if let Some(date) = e
        .get("date")
        .and_then(|x| x.get("iso"))
        .and_then(|x| x.as_str())
        .and_then(naive)
    {
        // an absolute (UTC) instant: convert our wall-clock time with its zone
        let absolute = e["date"]["kind"].as_str() == Some("absolute");
        let p = match (absolute, d.tz_offset) {
            (true, Some(tz)) => p - chrono::Duration::minutes(tz as i64),
            _ => p,
        };
        if fine {
            if date != p {
                return Err(format!("instant {date}"));
            }
        } else if !within(date.date()) {
            return Err(format!("date {}", date.date()));
        }
    }
    Ok(())
}

/// A printable report: per suite and per category.
pub fn report(name: &str, results: &[CaseResult], show_failures: usize) -> String {
    let (total, per, reasons) = tally(results);
    let mut s = format!(
        "== {name}: {} cases, in scope {}, passed {} ({:.1}%), failed {}, out of scope {}\n",
        results.len(),
        total.in_scope(),
        total.passed,
        100.0 * total.rate(),
        total.failed,
        total.out_of_scope
    );
    s += &format!(
        "   {:<44} {:>6} {:>6} {:>6} {:>7}\n",
        "category", "pass", "fail", "oos", "rate"
    );
    for (cat, t) in &per {
        s += &format!(
            "   {:<44} {:>6} {:>6} {:>6} {:>6.1}%\n",
            cat,
            t.passed,
            t.failed,
            t.out_of_scope,
            100.0 * t.rate()
        );
    }
    if !reasons.is_empty() {
        s += "   out of scope:\n";
        for (why, n) in &reasons {
            s += &format!("     {n:>4}  {why}\n");
        }
    }
    if show_failures > 0 {
        s += "   failures:\n";
        for r in results
            .iter()
            .filter(|r| matches!(r.outcome, Outcome::Fail(_)))
            .take(show_failures)
        {
            if let Outcome::Fail(why) = &r.outcome {
                s += &format!("     [{}] {:?}: {}\n", r.category, r.text, why);
            }
        }
    }
    s
}
