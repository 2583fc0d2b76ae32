//! No panic on any input: arbitrary strings (including multi-byte UTF-8)
//! and strings built from temporal vocabulary go through `find_timexes`;
//! the spans must be in order, non-overlapping and on character boundaries.

use eventgraph::{find_detailed, find_timexes, Bias, Locale, TagOptions};
use proptest::prelude::*;

fn check(text: &str, opts: &TagOptions) {
    let found = find_timexes(text, opts);
    let mut last_end = 0;
    for t in &found {
        assert!(t.start >= last_end, "overlap or disorder at {t:?}");
        assert!(t.start < t.end && t.end <= text.len());
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        assert_eq!(&text[t.start..t.end], t.text);
        assert!(!t.value.is_empty());
        if let (Some(f), Some(l)) = (t.first, t.last) {
            assert!(f <= l, "{t:?}");
        }
        last_end = t.end;
    }
}

const WORDS: &[&str] = &[
    "on",
    "Monday",
    "last",
    "next",
    "this",
    "week",
    "month",
    "year",
    "March",
    "May",
    "30",
    "2014",
    ",",
    ".",
    "-",
    "/",
    ":",
    "the",
    "1990s",
    "'90s",
    "9",
    "a.m.",
    "pm",
    "ago",
    "two",
    "days",
    "later",
    "earlier",
    "between",
    "and",
    "from",
    "to",
    "night",
    "morning",
    "yesterday",
    "today",
    "tomorrow",
    "Sept.",
    "3/30",
    "12:45",
    "of",
    "in",
    "at",
    "first",
    "quarter",
    "century",
    "19th",
    "spring",
    "every",
    "Tuesday",
    "’s",
    "“",
    "”",
    "é",
    "日本",
    "0",
    "99999",
    "31",
    "2/29",
    "29",
    "February",
    "2100",
    "1000",
    "24:00",
    "GMT",
    "UTC+0245",
    "a",
    "few",
    "hours",
    "q4",
    "2018Q4",
];

fn vocab_text() -> impl Strategy<Value = String> {
    prop::collection::vec((0..WORDS.len(), 0..3usize), 0..40).prop_map(|v| {
        let mut s = String::new();
        for (w, sep) in v {
            s.push_str(WORDS[w]);
            s.push_str(["", " ", "\n"][sep]);
        }
        s
    })
}

fn options(year: i32, gb: bool) -> TagOptions {
    TagOptions {
        reference: chrono::NaiveDate::from_ymd_opt(year, 2, 28)
            .and_then(|d| d.and_hms_opt(4, 30, 0)),
        locale: if gb { Locale::Gb } else { Locale::Us },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_strings_do_not_panic(text in "\\PC{0,200}", year in 1i32..3000, gb: bool) {
        check(&text, &options(year, gb));
        check(&text, &TagOptions::default());
    }

    #[test]
    fn temporal_word_salad_does_not_panic(text in vocab_text(), year in prop::sample::select(vec![1, 1999, 2014, 9999]), gb: bool) {
        let opts = options(year, gb);
        check(&text, &opts);
        for bias in [Bias::News, Bias::Future, Bias::Casual] {
            let _ = find_detailed(&text, &opts, bias);
        }
    }
}

#[test]
fn extreme_references_and_numbers() {
    let far = TagOptions {
        reference: chrono::NaiveDate::from_ymd_opt(262_000, 12, 31)
            .and_then(|d| d.and_hms_opt(23, 59, 59)),
        locale: Locale::Us,
    };
    let early = TagOptions {
        reference: chrono::NaiveDate::from_ymd_opt(-262_000, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0)),
        locale: Locale::Gb,
    };
    let text = "next year, 99999999999999999999 days ago, in 9999 centuries, last week, \
                the 2990s, 31/12/9999, next Monday at 23:59, tomorrow, in 4000000 years";
    for o in [&far, &early] {
        check(text, o);
    }
}
