//! Publication dates written on a page: ISO dates, `DD.MM.YYYY`, `Month D,
//! YYYY`, `D Month YYYY`, with an optional clock time after them.
//!
//! This is a small, fast reader for the dates that stamp a page ("Date
//! created : 2014-03-31", "Published 14.09.2019 18:45", "June 8, 2021 /
//! 7:15 AM", "LONDON, Sept 28, 2015 (AFP)": read in `layout`); the `time` module handles
//! temporal expressions in running text.

use chrono::{NaiveDate, NaiveTime};

/// A date found in a line, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FoundDate {
    /// The date.
    pub date: NaiveDate,
    /// The clock time written right after the date ("22:08", "9:02 PM"), if any.
    pub time: Option<NaiveTime>,
    /// Byte offset in the line where the date starts.
    pub start: usize,
    /// Byte offset in the line just past the date, or past the time when there is one.
    pub end: usize,
}

const MONTHS: [(&str, u32); 24] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// The month a word names ("March", "Sept", "sept."), if any.
pub(super) fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 || w.len() > 9 {
        return None;
    }
    MONTHS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(w))
        .map(|&(_, m)| m)
}

#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    s: &'a str,
    start: usize,
    end: usize,
}

fn tokens(line: &str) -> Vec<Tok<'_>> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphanumeric() {
            let s = i;
            // a run of digits, dots and dashes between digits, or letters
            if c.is_ascii_digit() {
                while i < b.len()
                    && (b[i].is_ascii_digit()
                        || ((b[i] == b'.' || b[i] == b'-' || b[i] == b'/' || b[i] == b':')
                            && i + 1 < b.len()
                            && b[i + 1].is_ascii_digit()))
                {
                    i += 1;
                }
                // ordinal suffix
                while i < b.len() && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
            } else {
                while i < b.len() && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                if i < b.len() && b[i] == b'.' {
                    i += 1;
                }
            }
            out.push(Tok {
                s: &line[s..i],
                start: s,
                end: i,
            });
        } else {
            i += 1;
        }
    }
    out
}

fn num(s: &str) -> Option<u32> {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn plausible_year(y: u32) -> bool {
    (1900..=2100).contains(&y)
}

fn parse_time(toks: &[Tok<'_>], line: &str) -> (Option<NaiveTime>, usize) {
    // "22:08", "9:02 PM", "4:01 p.m.", "at 9:02 PM"
    let mut k = 0;
    if toks.first().is_some_and(|t| t.s.eq_ignore_ascii_case("at")) {
        k = 1;
    }
    let Some(t) = toks.get(k) else {
        return (None, 0);
    };
    let Some((h, m)) = t.s.split_once(':') else {
        return (None, 0);
    };
    let (Some(mut h), Some(m)) = (num(h), num(m.get(..2).unwrap_or(m))) else {
        return (None, 0);
    };
    let mut end = t.end;
    if let Some(ap) = toks.get(k + 1) {
        let lower = ap.s.to_ascii_lowercase();
        let lower = lower.trim_end_matches('.');
        let gap = &line[t.end..ap.start];
        if gap.trim().is_empty() || gap.trim() == "." {
            if lower == "pm" || lower == "p" {
                if h < 12 {
                    h += 12;
                }
                end = ap.end;
            } else if lower == "am" || lower == "a" {
                if h == 12 {
                    h = 0;
                }
                end = ap.end;
            }
        }
    }
    (NaiveTime::from_hms_opt(h, m, 0), end)
}

/// Finds the first full date (with a year) in a line.
pub(super) fn find_date(line: &str) -> Option<FoundDate> {
    let toks = tokens(line);
    for i in 0..toks.len() {
        let t = toks[i];
        let found = if t.s.as_bytes()[0].is_ascii_digit() {
            numeric_date(t.s).map(|d| (d, t.end)).or_else(|| {
                // D Month YYYY
                let day = num(t.s)?;
                let m = month_of(toks.get(i + 1)?.s)?;
                let y = num(toks.get(i + 2)?.s)?;
                if !plausible_year(y) {
                    return None;
                }
                NaiveDate::from_ymd_opt(y as i32, m, day).map(|d| (d, toks[i + 2].end))
            })
        } else if let Some(m) = month_of(t.s) {
            // Month D, YYYY
            (|| {
                let day = num(toks.get(i + 1)?.s)?;
                let y = num(toks.get(i + 2)?.s)?;
                if !plausible_year(y) || toks[i + 1].s.contains(['.', '-', '/', ':']) {
                    return None;
                }
                NaiveDate::from_ymd_opt(y as i32, m, day).map(|d| (d, toks[i + 2].end))
            })()
        } else {
            None
        };
        if let Some((date, mut end)) = found {
            let rest: Vec<Tok<'_>> = toks
                .iter()
                .skip_while(|x| x.start < end)
                .take(3)
                .copied()
                .collect();
            let (time, tend) = parse_time(&rest, line);
            if time.is_some() && line[end..rest[0].start].len() <= 6 {
                end = tend;
            }
            return Some(FoundDate {
                date,
                time: if end == tend { time } else { None },
                start: t.start,
                end,
            });
        }
    }
    None
}

fn numeric_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let sep = if s.contains('-') {
        '-'
    } else if s.contains('.') {
        '.'
    } else if s.contains('/') {
        '/'
    } else {
        return None;
    };
    let parts: Vec<&str> = s.split(sep).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let n: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if parts[0].len() == 4 {
        // YYYY-MM-DD
        if !plausible_year(n[0]) {
            return None;
        }
        NaiveDate::from_ymd_opt(n[0] as i32, n[1], n[2])
    } else if parts[2].len() == 4 && plausible_year(n[2]) {
        if sep == '/' {
            // US style month first
            NaiveDate::from_ymd_opt(n[2] as i32, n[0], n[1])
        } else {
            // 23.06.2016, 23-06-2016: day first
            NaiveDate::from_ymd_opt(n[2] as i32, n[1], n[0])
        }
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn page_stamps() {
        assert_eq!(
            find_date("Date created : 2014-03-31").unwrap().date,
            d(2014, 3, 31)
        );
        let p = find_date("Published 14.09.2019 18:45").unwrap();
        assert_eq!(p.date, d(2019, 9, 14));
        assert_eq!(p.time, NaiveTime::from_hms_opt(18, 45, 0));
        let u = find_date("By Ann Lee  |  April 12, 2016 at 9:02 PM").unwrap();
        assert_eq!(u.date, d(2016, 4, 12));
        assert_eq!(u.time, NaiveTime::from_hms_opt(21, 2, 0));
        assert_eq!(
            find_date("March 5, 2014 / 4:01 PM").unwrap().date,
            d(2014, 3, 5)
        );
        assert_eq!(
            find_date("July 02, 2007|By Bo Ray").unwrap().date,
            d(2007, 7, 2)
        );
        assert_eq!(
            find_date("Monday, 31 March 2014").unwrap().date,
            d(2014, 3, 31)
        );
        assert_eq!(find_date("nothing here 2014"), None);
    }
}
