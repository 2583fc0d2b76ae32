//! Page layout inside the article's lines: the dateline that opens a story
//! ("LONDON, March 15 (Reuters) -", "NEW DELHI:", "B R I G H T O N, Mass.,
//! May 9, 2011 --"), photo captions with their labels and credits
//! ("PHOTO: ...", "... on Monday. REUTERS/Jane Doe"), list items ("- ",
//! "• ", "1. ") and the dates of page stamps that name both a publication
//! and an update.
//!
//! Everything here works on one line at a time and returns byte offsets
//! into that line; `text::read_article` turns them into spans of the text,
//! blanks the parts that are not sentences (the dateline, a bullet, a
//! caption's label and credit) and keeps the rest.

use super::date::{self, month_of, FoundDate};
use chrono::{Datelike, NaiveDate};

/// A dateline at the start of a story's first paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline in `Article::text`, its separator and the spaces
    /// after it included: blanked in `Article::clean`.
    pub span: super::Span,
    /// The city as a place name: letter-spacing removed, an all-capital
    /// name in title case ("SAN CRISTOBAL" is "San Cristobal"); the first
    /// one of "MINSK/MOSCOW".
    pub city: String,
    /// Where the city is written in `Article::text`.
    pub city_span: super::Span,
    /// The state, region or country written after the city ("Md.", "South
    /// Korea"), as written.
    pub region: Option<String>,
    /// The agency in brackets ("Reuters", "AFP"), as written.
    pub agency: Option<String>,
    /// Where the date is written in `Article::text`, if there is one.
    pub date_span: Option<super::Span>,
    /// The dateline's day: its own year when written, else the year that
    /// puts the day nearest the publication date; `None` without a date, or
    /// without a year and a publication date.
    pub date: Option<NaiveDate>,
    /// The year as written, if any.
    pub year: Option<i32>,
}

/// A dateline found in one line, offsets relative to the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DatelineParts {
    /// End of the dateline (separator and following spaces included).
    pub end: usize,
    /// The city as written.
    pub city: (usize, usize),
    /// The city's name as a place.
    pub city_name: String,
    /// The region after the city.
    pub region: Option<(usize, usize)>,
    /// The agency inside the brackets.
    pub agency: Option<(usize, usize)>,
    /// The date as written, with its month, day and year.
    pub date: Option<(usize, usize, u32, u32, Option<i32>)>,
}

/// Capitalised words that open a line like a dateline but are labels.
const NOT_CITIES: &[&str] = &[
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "EXCLUSIVE",
    "WATCH",
    "VIDEO",
    "OPINION",
    "ANALYSIS",
    "FACTBOX",
    "EDITORIAL",
    "NOTE",
    "EDITOR'S NOTE",
    "PHOTO",
    "PHOTOS",
    "CAPTION",
    "IMAGE",
    "LIVE",
    "CORRECTION",
    "NEWS",
    "REVIEW",
    "COMMENT",
    "INTERVIEW",
    "FILE",
    "READ",
    "RELATED",
    "SOURCE",
    "AP",
    "AFP",
    "REUTERS",
    "I",
    "A",
    "OK",
    "TV",
];

/// Byte length of the dash at `i` ("-", "--", en or em dash), 0 if none.
fn dash_len(s: &str, i: usize) -> usize {
    let rest = &s[i..];
    if rest.starts_with("--") {
        2
    } else if rest.starts_with('-') {
        1
    } else if rest.starts_with('\u{2014}') || rest.starts_with('\u{2013}') {
        3
    } else {
        0
    }
}

fn skip_spaces(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    // a non-breaking space
    while s[i..].starts_with('\u{a0}') {
        i += 2;
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
    }
    i
}

/// The word at `i`: letters, dots, apostrophes, hyphens and ampersands.
fn word_end(s: &str, i: usize) -> usize {
    let mut end = i;
    for (k, c) in s[i..].char_indices() {
        if c.is_alphabetic() || matches!(c, '.' | '\'' | '\u{2019}' | '&') {
            end = i + k + c.len_utf8();
        } else if c == '-' && s[i + k + 1..].starts_with(|d: char| d.is_alphabetic()) && k > 0 {
            end = i + k + 1;
        } else {
            break;
        }
    }
    end
}

fn all_upper(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters > 0
}

/// "SAN CRISTOBAL" as "San Cristobal"; "N'DJAMENA" as "N'Djamena".
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, ' ' | '-' | '\'' | '\u{2019}' | '/' | '.');
    }
    out
}

/// The capitalised city at the start of the line: upper-case words (joined
/// by spaces or "/"), or letters spaced out ("B R I G H T O N"). Returns
/// its end and its name as a place.
fn city_at(s: &str) -> Option<(usize, String)> {
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    let mut slash_at = None;
    loop {
        let e = word_end(s, i);
        if e == i || !all_upper(&s[i..e]) {
            break;
        }
        words.push((i, e));
        // a single space, or a slash between two cities
        let b = s.as_bytes();
        if e < b.len() && b[e] == b' ' && e + 1 < b.len() && b[e + 1] != b' ' {
            let n = word_end(s, e + 1);
            if n > e + 1 && all_upper(&s[e + 1..n]) {
                i = e + 1;
                continue;
            }
        }
        if e < b.len() && b[e] == b'/' && slash_at.is_none() {
            slash_at = Some(words.len());
            i = e + 1;
            continue;
        }
        break;
    }
    let (_, end) = *words.last()?;
    let singles = words
        .iter()
        .filter(|(a, b)| s[*a..*b].chars().count() == 1)
        .count();
    let first_city = &words[..slash_at.unwrap_or(words.len())];
    let name = if singles > 0 {
        // letter-spaced: only single letters, at least three of them
        if singles != words.len() || words.len() < 3 || slash_at.is_some() {
            return None;
        }
        words.iter().map(|(a, b)| &s[*a..*b]).collect::<String>()
    } else {
        let (a, _) = first_city[0];
        let (_, b) = first_city[first_city.len() - 1];
        s[a..b].to_string()
    };
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || name.len() > 40 || NOT_CITIES.contains(&name.as_str()) {
        return None;
    }
    Some((end, title_case(&name)))
}

/// A date after the city: "March 15", "Sept. 28, 2015", "6 June 2004".
/// Returns its end and the month, day and year.
fn date_at(s: &str, i: usize) -> Option<(usize, u32, u32, Option<i32>)> {
    let b = s.as_bytes();
    let number = |at: usize| -> Option<(usize, u32)> {
        let mut e = at;
        while e < b.len() && b[e].is_ascii_digit() && e - at < 4 {
            e += 1;
        }
        if e == at || (e < b.len() && b[e].is_ascii_digit()) {
            return None;
        }
        let n = s[at..e].parse().ok()?;
        // an ordinal suffix ("15th")
        let mut end = e;
        for suffix in ["st", "nd", "rd", "th"] {
            if s[e..].starts_with(suffix) && !s[e + 2..].starts_with(|c: char| c.is_alphabetic()) {
                end = e + 2;
            }
        }
        Some((end, n))
    };
    let year_after = |at: usize| -> Option<(usize, i32)> {
        let mut k = at;
        if k < b.len() && b[k] == b',' {
            k += 1;
        }
        k = skip_spaces(s, k);
        let (e, y) = number(k)?;
        ((1900..=2100).contains(&y) && e - k == 4).then_some((e, y as i32))
    };
    let we = word_end(s, i);
    if we > i {
        // Month D[, YYYY]
        let month = month_of(&s[i..we])?;
        let k = skip_spaces(s, we);
        let (e, day) = number(k)?;
        if !(1..=31).contains(&day) || e - k > 4 {
            return None;
        }
        return Some(match year_after(e) {
            Some((ye, y)) => (ye, month, day, Some(y)),
            None => (e, month, day, None),
        });
    }
    // D Month[ YYYY]
    let (e, day) = number(i)?;
    if !(1..=31).contains(&day) {
        return None;
    }
    let k = skip_spaces(s, e);
    let me = word_end(s, k);
    let month = month_of(s.get(k..me)?)?;
    Some(match year_after(me) {
        Some((ye, y)) => (ye, month, day, Some(y)),
        None => (me, month, day, None),
    })
}

/// A dateline at the start of `line`: a capitalised city, then optionally
/// a region, a date and an agency in brackets, then a dash or a colon (the
/// dash may be left out after an agency). With `strict`, a dateline needs
/// a date or an agency (a line that is not the story's first paragraph).
pub(super) fn dateline(line: &str, strict: bool) -> Option<DatelineParts> {
    let (city_end, city_name) = city_at(line)?;
    let mut parts = DatelineParts {
        end: 0,
        city: (0, city_end),
        city_name,
        region: None,
        agency: None,
        date: None,
    };
    let b = line.as_bytes();
    let mut i = city_end;
    // ", Region" and ", Date"
    for _ in 0..2 {
        if i < b.len() && b[i] == b',' {
            let k = skip_spaces(line, i + 1);
            if parts.date.is_none() {
                if let Some((e, m, d, y)) = date_at(line, k) {
                    parts.date = Some((k, e, m, d, y));
                    i = e;
                    continue;
                }
            }
            if parts.region.is_none() && parts.date.is_none() {
                // one to three capitalised words, not a month
                let mut e = k;
                let mut n = 0;
                while n < 3 {
                    let we = word_end(line, e);
                    if we == e || !line[e..].starts_with(|c: char| c.is_uppercase()) {
                        break;
                    }
                    n += 1;
                    e = we;
                    if line[e..].starts_with(' ')
                        && line[e + 1..].starts_with(|c: char| c.is_uppercase())
                        && month_of(&line[e + 1..word_end(line, e + 1)]).is_none()
                    {
                        e += 1;
                    } else {
                        break;
                    }
                }
                let word = &line[k..word_end(line, k)];
                if n > 0 && month_of(word).is_none() {
                    parts.region = Some((k, e));
                    i = e;
                    continue;
                }
            }
        }
        break;
    }
    // "(Agency)"
    let k = skip_spaces(line, i);
    if k < b.len() && b[k] == b'(' {
        let close = line[k..].find(')').map(|c| k + c)?;
        let inside = line[k + 1..close].trim();
        let words = inside.split_whitespace().count();
        if inside.is_empty() || words > 5 || inside.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        parts.agency = Some((k + 1, close));
        i = close + 1;
    }
    // the separator
    let k = skip_spaces(line, i);
    let dash = dash_len(line, k);
    let end = if dash > 0 {
        skip_spaces(line, k + dash)
    } else if b.get(k) == Some(&b':') {
        let after = skip_spaces(line, k + 1);
        if after == k + 1 {
            return None;
        }
        after
    } else if parts.agency.is_some() && k > i {
        k
    } else {
        return None;
    };
    // a hyphen between words is no separator ("ABC-owned")
    if dash == 1 && k == i && end == k + 1 {
        return None;
    }
    if end >= line.len() || (strict && parts.date.is_none() && parts.agency.is_none()) {
        return None;
    }
    // the story goes on after it
    if !line[end..].starts_with(|c: char| c.is_alphanumeric() || "\"'\u{201c}\u{2018}".contains(c))
    {
        return None;
    }
    parts.end = end;
    Some(parts)
}

/// The day of a dateline's month and day: its own year, else the year
/// (the publication's, the one before or after) that puts it nearest the
/// publication date.
pub(super) fn dateline_day(
    month: u32,
    day: u32,
    year: Option<i32>,
    published: Option<NaiveDate>,
) -> Option<NaiveDate> {
    if let Some(y) = year {
        return NaiveDate::from_ymd_opt(y, month, day);
    }
    let p = published?;
    (p.year() - 1..=p.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - p).num_days().abs())
}

/// Labels that open a photo caption, lowercase.
const CAPTION_LABELS: &[&str] = &[
    "photo caption:",
    "file photo:",
    "photo:",
    "photos:",
    "picture:",
    "image:",
    "caption:",
    "pictured:",
    "above:",
    "top photo:",
];

/// Words of a picture credit, lowercase.
const CREDIT_WORDS: &[&str] = &[
    "photo",
    "photos",
    "afp",
    "reuters",
    "ap",
    "getty",
    "images",
    "epa",
    "xinhua",
    "pool",
    "credit",
    "courtesy",
    "file",
    "anadolu",
    "bloomberg",
    "shutterstock",
    "sipa",
    "tass",
    "ria",
    "yonhap",
    "kyodo",
    "efe",
    "dpa",
];

fn credit_word(w: &str) -> bool {
    let w = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    CREDIT_WORDS.contains(&w.as_str())
}

/// Where a picture credit at the end of `line` starts: "(Photo by X/Getty
/// Images)", "REUTERS/Jane Doe", "Jane Doe / AFP", "AFP/Getty Images".
fn credit_start(line: &str) -> Option<usize> {
    let t = line.trim_end();
    // in brackets at the end
    if t.ends_with(')') {
        if let Some(open) = t.rfind('(') {
            let inside = &t[open + 1..t.len() - 1];
            let lower = inside.to_lowercase();
            if inside.split_whitespace().count() <= 10
                && inside.split(['/', ' ']).any(credit_word)
                && (inside.contains('/')
                    || lower.contains("photo")
                    || lower.contains("getty")
                    || lower.contains("credit")
                    || lower.contains("courtesy"))
            {
                return Some(open);
            }
        }
    }
    // after the last sentence end, " / " or " | "
    let mut cut = 0;
    for (k, _) in t.match_indices(". ") {
        cut = k + 2;
    }
    for sep in [" / ", " | "] {
        if let Some(k) = t.rfind(sep) {
            if k + sep.len() > cut && t[k + sep.len()..].split_whitespace().count() <= 4 {
                let tail = &t[k + sep.len()..];
                if tail.split(['/', ' ']).any(credit_word) {
                    return Some(k);
                }
            }
        }
    }
    let tail = &t[cut..];
    let lower = tail.to_lowercase();
    let words = tail.split_whitespace().count();
    let credit = words <= 8
        && (tail.contains('/') && tail.split(['/', ' ']).any(credit_word)
            || [
                "photo:",
                "photo by",
                "photos:",
                "photograph:",
                "credit:",
                "courtesy of",
            ]
            .iter()
            .any(|p| lower.starts_with(p))
            || lower.ends_with("getty images"));
    credit.then_some(cut)
}

/// What a line is when it is a photo caption: the content between its
/// label and its credit (offsets in the line), or `None` for a credit with
/// hardly any words of its own ("Photo: AFP").
pub(super) enum Caption {
    /// A caption: the range of its words.
    Text(usize, usize),
    /// A label or credit alone: page furniture.
    CreditOnly,
}

/// Whether `line` is a photo caption: a caption label at its start, or a
/// picture credit at its end.
pub(super) fn caption(line: &str) -> Option<Caption> {
    let mut start = 0;
    let mut end = line.trim_end().len();
    let mut bracketed = false;
    let lower = line.to_lowercase();
    let (open, lower_open) = if lower.starts_with('(') && line.trim_end().ends_with(')') {
        bracketed = true;
        (1, &lower[1..])
    } else {
        (0, &lower[..])
    };
    let label = CAPTION_LABELS
        .iter()
        .find(|l| lower_open.starts_with(*l))
        .map(|l| open + l.len());
    if let Some(l) = label {
        start = l;
        if bracketed {
            end -= 1;
        }
    } else if bracketed {
        return None;
    }
    let credit = credit_start(&line[..end]);
    if let Some(c) = credit {
        end = c.max(start);
    }
    if label.is_none() && credit.is_none() {
        return None;
    }
    let content = line[start..end].trim();
    let words = content.split_whitespace().count();
    if words < 4 {
        return Some(Caption::CreditOnly);
    }
    if words > 80 {
        return None;
    }
    let lead = line[start..end].len() - line[start..end].trim_start().len();
    Some(Caption::Text(start + lead, start + lead + content.len()))
}

/// The bullet or number that opens a list item ("- ", "• ", "* ", "1. ",
/// "2) "): the offset where the item's words start.
pub(super) fn item_marker(line: &str) -> Option<usize> {
    const BULLETS: &[&str] = &[
        "- ",
        "\u{2022} ",
        "* ",
        "\u{b7} ",
        "\u{2023} ",
        "\u{25aa} ",
        "\u{25a0} ",
        "\u{25cf} ",
        "\u{2013} ",
        "\u{25e6} ",
        "+ ",
    ];
    let marker = BULLETS
        .iter()
        .find(|b| line.starts_with(*b))
        .map(|b| b.len())
        .or_else(|| {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            let b = line.as_bytes();
            ((1..=2).contains(&digits)
                && matches!(b.get(digits), Some(b'.' | b')'))
                && b.get(digits + 1) == Some(&b' '))
            .then_some(digits + 2)
        })?;
    let start = skip_spaces(line, marker);
    let rest = &line[start..];
    let words = rest.split_whitespace().count();
    (words >= 3 && rest.starts_with(|c: char| c.is_alphanumeric() || "\"'\u{201c}".contains(c)))
        .then_some(start)
}

/// The dates of a page stamp line by label: the published date, and the
/// updated one. A line with both ("Published 12 March 2014 | Updated 13
/// March 2014", "Monday 12 March 2014 Last modified on Tuesday 13 March
/// 2014") gives each its own; a date after no label is the published one.
pub(super) fn stamp_dates(line: &str) -> (Option<FoundDate>, Option<FoundDate>) {
    let lower = line.to_lowercase();
    // where the update part starts
    let update_at = [
        "last updated",
        "updated",
        "last modified",
        "modified",
        "latest update",
        "update:",
    ]
    .iter()
    .filter_map(|l| lower.find(l))
    .min();
    let publish_at = ["first published", "published", "posted", "created"]
        .iter()
        .filter_map(|l| lower.find(l))
        .min();
    match update_at {
        None => (date::find_date(line), None),
        Some(u) => {
            let updated = date::find_date(&line[u..]).map(|d| FoundDate {
                start: d.start + u,
                end: d.end + u,
                ..d
            });
            let published = match publish_at {
                Some(p) if p > u => date::find_date(&line[p..]).map(|d| FoundDate {
                    start: d.start + p,
                    end: d.end + p,
                    ..d
                }),
                _ => date::find_date(&line[..u]),
            };
            (published, updated)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(line: &str) -> DatelineParts {
        dateline(line, false).unwrap_or_else(|| panic!("no dateline in {line:?}"))
    }

    #[test]
    fn datelines_in_their_forms() {
        let p = parts("LONDON, March 15 (Reuters) - The minister said.");
        assert_eq!(p.city_name, "London");
        assert_eq!(p.date.map(|d| (d.2, d.3, d.4)), Some((3, 15, None)));
        assert_eq!(
            p.agency
                .map(|(a, b)| &"LONDON, March 15 (Reuters) - The"[a..b]),
            Some("Reuters")
        );
        let line = "KABUL, March 15: The minister met his counterpart.";
        let p = parts(line);
        assert_eq!(&line[p.end..], "The minister met his counterpart.");
        assert_eq!(p.date.map(|d| (d.2, d.3)), Some((3, 15)));
        let line = "PARIS (AFP) \u{2014} Ministers met on Sunday.";
        let p = parts(line);
        assert_eq!(&line[p.end..], "Ministers met on Sunday.");
        assert_eq!(p.date, None);
        let line = "B R I G H T O N, Mass., May 9, 2011 -- The talks went on.";
        let p = parts(line);
        assert_eq!(p.city_name, "Brighton");
        assert_eq!(p.region.map(|(a, b)| &line[a..b]), Some("Mass."));
        assert_eq!(p.date.map(|d| (d.2, d.3, d.4)), Some((5, 9, Some(2011))));
        assert_eq!(&line[p.end..], "The talks went on.");
        let line = "PORT LOUIS, Mauritius \u{2013} A ferry sank.";
        let p = parts(line);
        assert_eq!(p.city_name, "Port Louis");
        assert_eq!(p.region.map(|(a, b)| &line[a..b]), Some("Mauritius"));
        let line = "OSLO/HELSINKI - Two ministers met.";
        assert_eq!(parts(line).city_name, "Oslo");
        let line = "NEW DELHI: \u{201c}We are ready,\u{201d} she said.";
        assert_eq!(parts(line).city_name, "New Delhi");
        let line = "DAKAR, 6 June 2004 \u{2014} Delegates signed a pact.";
        assert_eq!(
            parts(line).date.map(|d| (d.2, d.3, d.4)),
            Some((6, 6, Some(2004)))
        );
        let line = "QUITO, Oct. 3 - Talks began.";
        assert_eq!(parts(line).date.map(|d| (d.2, d.3)), Some((10, 3)));
    }

    #[test]
    fn not_datelines() {
        for line in [
            "Russia, he said, March 15 was the day.",
            "The minister met his counterpart.",
            "NATO-led forces moved in.",
            "UPDATE - The talks resume.",
            "I - the writer - met them.",
            "BERLIN",
            "Oslo, March 3 - lower-case city names are not datelines.",
        ] {
            assert!(dateline(line, false).is_none(), "{line:?}");
        }
        // further down the page a dateline needs a date or an agency
        assert!(dateline("BERLIN - The talks resumed.", true).is_none());
        assert!(dateline("BERLIN (Reuters) - The talks resumed.", true).is_some());
    }

    #[test]
    fn dateline_year_is_the_nearest() {
        let p = NaiveDate::from_ymd_opt(2015, 1, 2);
        assert_eq!(
            dateline_day(12, 31, None, p),
            NaiveDate::from_ymd_opt(2014, 12, 31)
        );
        assert_eq!(
            dateline_day(1, 1, None, p),
            NaiveDate::from_ymd_opt(2015, 1, 1)
        );
        assert_eq!(
            dateline_day(3, 15, Some(2010), p),
            NaiveDate::from_ymd_opt(2010, 3, 15)
        );
        assert_eq!(dateline_day(3, 15, None, None), None);
        assert_eq!(dateline_day(2, 30, None, p), None);
    }

    #[test]
    fn captions_and_credits() {
        let line = "PHOTO: Two ministers shake hands in Oslo on March 3, 2014. REUTERS/Jane Doe";
        let Some(Caption::Text(a, b)) = caption(line) else {
            panic!("no caption")
        };
        assert_eq!(
            &line[a..b],
            "Two ministers shake hands in Oslo on March 3, 2014."
        );
        let line = "Two ministers shake hands in Oslo on Monday / AFP";
        let Some(Caption::Text(a, b)) = caption(line) else {
            panic!("no caption")
        };
        assert_eq!(&line[a..b], "Two ministers shake hands in Oslo on Monday");
        let line = "(Photo: Delegates arrive for the talks in Vienna)";
        let Some(Caption::Text(a, b)) = caption(line) else {
            panic!("no caption")
        };
        assert_eq!(&line[a..b], "Delegates arrive for the talks in Vienna");
        let line = "A minister speaks in Lima. (Photo by Jo Roe/Getty Images)";
        assert!(matches!(caption(line), Some(Caption::Text(_, _))));
        assert!(matches!(caption("Photo: AFP"), Some(Caption::CreditOnly)));
        assert!(matches!(
            caption("Caption: Getty Images"),
            Some(Caption::CreditOnly)
        ));
        // a story's sign-off or a body sentence is no caption
        assert!(caption("The talks resume on Monday. (AFP)").is_none());
        assert!(caption("The minister met his counterpart on Monday.").is_none());
        assert!(caption("(Reporting by Jo Roe; Editing by Al Poe)").is_none());
    }

    #[test]
    fn list_items() {
        assert_eq!(item_marker("- The minister met the envoy"), Some(2));
        assert_eq!(item_marker("\u{2022} Talks resume on Monday."), Some(4));
        assert_eq!(item_marker("12. Two sides signed a pact"), Some(4));
        assert_eq!(item_marker("- Home"), None);
        assert_eq!(item_marker("-5 degrees at night"), None);
        assert_eq!(item_marker("2014. The year began"), None);
    }

    #[test]
    fn stamps_with_published_and_updated() {
        let (p, u) =
            stamp_dates("Published: 10:34 GMT, 12 March 2014 | Updated: 11:00 GMT, 13 March 2014");
        assert_eq!(p.map(|d| d.date), NaiveDate::from_ymd_opt(2014, 3, 12));
        assert_eq!(u.map(|d| d.date), NaiveDate::from_ymd_opt(2014, 3, 13));
        let (p, u) =
            stamp_dates("Monday 12 March 2014 18.34 GMT Last modified on Tuesday 13 March 2014");
        assert_eq!(p.map(|d| d.date), NaiveDate::from_ymd_opt(2014, 3, 12));
        assert_eq!(u.map(|d| d.date), NaiveDate::from_ymd_opt(2014, 3, 13));
        let (p, u) = stamp_dates("Updated: 13 March 2014");
        assert_eq!(p, None);
        assert_eq!(u.map(|d| d.date), NaiveDate::from_ymd_opt(2014, 3, 13));
        let (p, u) = stamp_dates("First published on Wed 12 Mar 2014 10.34 GMT");
        assert_eq!(p.map(|d| d.date), NaiveDate::from_ymd_opt(2014, 3, 12));
        assert_eq!(u, None);
    }
}
