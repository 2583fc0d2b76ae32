//! Calendar usage of the temporal tagger (the convention of assistants such
//! as Duckling): stretches and periods resolved to exact instants.

use chrono::{NaiveDate, NaiveDateTime};
use eventgraph::{find_detailed, Bias, Locale, TagOptions};

fn at(y: i32, m: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, mi, 0)
        .unwrap()
}

/// (text, start, end) of the only timex found, 2013-02-12 04:30 reference.
fn one(text: &str) -> (String, Option<NaiveDateTime>, Option<NaiveDateTime>) {
    let opts = TagOptions {
        reference: Some(at(2013, 2, 12, 4, 30)),
        locale: Locale::Us,
    };
    let f = find_detailed(text, &opts, Bias::Future);
    assert_eq!(f.len(), 1, "{text:?}: {f:?}");
    let d = &f[0];
    (d.timex.text.clone(), d.start, d.to.or(d.end))
}

#[test]
fn nth_weekend_of_a_month() {
    let want = (Some(at(2013, 10, 25, 18, 0)), Some(at(2013, 10, 28, 0, 0)));
    for text in ["the last weekend of October", "last week-end in October"] {
        let (t, s, e) = one(text);
        assert_eq!((s, e), want, "{text}: {t}");
    }
    let (_, s, _) = one("the first weekend of March");
    assert_eq!(s, Some(at(2013, 3, 1, 18, 0)));
}

#[test]
fn a_stretch_from_a_date_or_time() {
    let (t, s, e) = one("from 18th Dec for 10 days");
    assert!(t.contains("10 days"), "{t}");
    assert_eq!(
        (s, e),
        (Some(at(2013, 12, 18, 0, 0)), Some(at(2013, 12, 29, 0, 0)))
    );
    let (_, s, e) = one("4pm for 30 mins");
    assert_eq!(
        (s, e),
        (Some(at(2013, 2, 12, 16, 0)), Some(at(2013, 2, 12, 16, 31)))
    );
    let (_, s, _) = one("for 3 hours starting at 9am");
    assert_eq!(s, Some(at(2013, 2, 12, 9, 0)));
}

#[test]
fn early_and_late_parts_of_day() {
    let (_, s, e) = one("late tonight");
    assert_eq!(
        (s, e),
        (Some(at(2013, 2, 12, 21, 0)), Some(at(2013, 2, 13, 0, 0)))
    );
    let (_, s, e) = one("monday early morning");
    assert_eq!(
        (s, e),
        (Some(at(2013, 2, 18, 0, 0)), Some(at(2013, 2, 18, 9, 0)))
    );
    let (_, s, e) = one("Friday late in the afternoon");
    assert_eq!(
        (s, e),
        (Some(at(2013, 2, 15, 16, 0)), Some(at(2013, 2, 15, 19, 0)))
    );
}

#[test]
fn the_nth_closest_weekday_or_holiday() {
    let day = |y, m, d| Some(at(y, m, d, 0, 0));
    assert_eq!(one("the closest Monday to Oct 5th").1, day(2013, 10, 7));
    assert_eq!(
        one("the second closest Mon to October fifth").1,
        day(2013, 9, 30)
    );
    assert_eq!(one("the nearest Christmas to today").1, day(2012, 12, 25));
    assert_eq!(one("the 3rd closest xmas to today").1, day(2011, 12, 25));
}

#[test]
fn a_clock_time_after_an_amount_of_days() {
    assert_eq!(one("in 7 days at 5pm").1, Some(at(2013, 2, 19, 17, 0)));
    assert_eq!(one("in 2 weeks at 9:30am").1, Some(at(2013, 2, 26, 9, 30)));
}

#[test]
fn an_amount_from_a_day_or_a_time() {
    assert_eq!(one("15 minutes from 1pm").1, Some(at(2013, 2, 12, 13, 15)));
    let (_, s, e) = one("3 years from today");
    assert_eq!(
        (s, e),
        (Some(at(2016, 2, 12, 0, 0)), Some(at(2016, 2, 13, 0, 0)))
    );
}

#[test]
fn spelled_clock_times() {
    assert_eq!(one("ten thirty am").1, Some(at(2013, 2, 12, 10, 30)));
    assert_eq!(
        one("four twenty-three p.m.").1,
        Some(at(2013, 2, 12, 16, 23))
    );
    // spelled numbers alone are no clock time
    let opts = TagOptions {
        reference: Some(at(2013, 2, 12, 4, 30)),
        locale: Locale::Us,
    };
    assert!(find_detailed("ten thirty people came", &opts, Bias::Future).is_empty());
}

#[test]
fn next_and_last_working_day() {
    let opts = TagOptions {
        reference: Some(at(2024, 10, 18, 12, 0)),
        locale: Locale::Us,
    };
    let start = |t: &str| find_detailed(t, &opts, Bias::Casual)[0].start;
    // Friday: the next weekday is Monday
    assert_eq!(start("next weekday"), Some(at(2024, 10, 21, 0, 0)));
    assert_eq!(start("last weekday"), Some(at(2024, 10, 17, 0, 0)));
}

#[test]
fn ranges_of_days_and_parts_of_day() {
    let (t, s, e) = one("from today to tomorrow afternoon");
    assert!(t.ends_with("afternoon"), "{t}");
    assert_eq!(s, Some(at(2013, 2, 12, 0, 0)));
    assert_eq!(e, Some(at(2013, 2, 13, 12, 0)));
    let (t, _, _) = one("today morning to tomorrow");
    assert!(t.ends_with("tomorrow"), "{t}");
}

#[test]
fn a_zone_after_a_day_or_part_of_day() {
    let opts = TagOptions {
        reference: Some(at(2013, 2, 12, 4, 30)),
        locale: Locale::Us,
    };
    let f = find_detailed("today EST", &opts, Bias::Casual);
    assert_eq!(
        (f[0].timex.text.as_str(), f[0].tz_offset),
        ("today EST", Some(-300))
    );
    let f = find_detailed("Jan 1, 2020 Morning UTC", &opts, Bias::Casual);
    assert_eq!(f[0].tz_offset, Some(0));
    // a lower-case word is no zone
    let f = find_detailed("today est", &opts, Bias::Casual);
    assert_eq!(f[0].timex.text, "today");
}

#[test]
fn a_signed_amount_after_a_day_and_the_next_hour() {
    let base = one("next tuesday").1.unwrap();
    assert_eq!(
        one("next tuesday +10 days").1,
        Some(base + chrono::Duration::days(10))
    );
    assert_eq!(one("now + 40 minutes").1, Some(at(2013, 2, 12, 5, 10)));
    assert_eq!(one("next hour").1, Some(at(2013, 2, 12, 5, 30)));
}

#[test]
fn an_amount_out() {
    assert_eq!(one("15 minutes out").1, Some(at(2013, 2, 12, 4, 45)));
}

#[test]
fn a_day_before_or_after_a_clock_time() {
    let (t, s, _) = one("tomorrow after 4pm");
    assert_eq!(
        (t.as_str(), s),
        ("tomorrow after 4pm", Some(at(2013, 2, 13, 16, 0)))
    );
    // a bare number is no clock time here
    assert_eq!(one("Monday after 2").0, "Monday");
}

#[test]
fn a_clock_range_with_a_bare_end() {
    let (_, s, e) = one("8pm - 11");
    assert_eq!(s, Some(at(2013, 2, 12, 20, 0)));
    assert!(e.is_some_and(|e| e >= at(2013, 2, 12, 23, 0)), "{e:?}");
    // two bare numbers are no clock range
    let opts = TagOptions {
        reference: Some(at(2013, 2, 12, 4, 30)),
        locale: Locale::Us,
    };
    assert!(find_detailed("won 7 - 8", &opts, Bias::Future).is_empty());
}

#[test]
fn after_an_amount_and_o_clock() {
    assert_eq!(one("after an hour").1, Some(at(2013, 2, 12, 5, 30)));
    // inside a clause the amount stays a duration
    let opts = TagOptions {
        reference: Some(at(2013, 2, 12, 4, 30)),
        locale: Locale::Us,
    };
    let f = find_detailed("after a year of talks", &opts, Bias::News);
    assert_eq!(f[0].timex.text, "a year");
    assert_eq!(
        one("24 October 10 o clock").1,
        Some(at(2013, 10, 24, 10, 0))
    );
}
