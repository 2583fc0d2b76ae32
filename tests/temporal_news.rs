//! News usage of the temporal tagger: the forms the extraction stage relies
//! on, each resolved against a fixed reference date, and the look-alikes
//! that must not be taken for dates.

use eventgraph::{find_timexes, Locale, Precision, TagOptions, TimexType};

fn opts(date: &str) -> TagOptions {
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    TagOptions::with_reference_date(d)
}

/// (text, value) of every timex found.
fn found(text: &str, reference: &str) -> Vec<(String, String)> {
    find_timexes(text, &opts(reference))
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect()
}

fn one(text: &str, reference: &str) -> String {
    let f = found(text, reference);
    assert_eq!(f.len(), 1, "{text:?}: {f:?}");
    f[0].1.clone()
}

const MON: &str = "2014-03-31";

#[test]
fn weekdays_follow_the_tense() {
    assert_eq!(
        one("Kerry said on Sunday that talks went well.", MON),
        "2014-03-30"
    );
    assert_eq!(
        one("Ministers will meet on Tuesday in Brussels.", MON),
        "2014-04-01"
    );
    assert_eq!(one("A Kiev official said on Monday.", MON), "2014-03-31");
    assert_eq!(one("He spoke on Thursday.", MON), "2014-03-27");
    assert_eq!(
        one("Congress is expected to vote on Thursday.", MON),
        "2014-04-03"
    );
    // no tense cue: the nearest one
    assert_eq!(one("Obama visits Paris on Wednesday", MON), "2014-04-02");
    assert_eq!(one("Putin call on Saturday", MON), "2014-03-29");
    assert_eq!(one("The talks ended last Monday.", MON), "2014-03-24");
    assert_eq!(one("They meet next Tuesday.", MON), "2014-04-08");
}

#[test]
fn parts_of_day_and_deictic_days() {
    assert_eq!(
        one("troops remaining as of Monday morning", MON),
        "2014-03-31TMO"
    );
    assert_eq!(
        one("the talks broke down last night", "2015-04-01"),
        "2015-03-31TNI"
    );
    assert_eq!(one("He arrived Thursday evening.", MON), "2014-03-27TEV");
    assert_eq!(one("It was signed yesterday.", MON), "2014-03-30");
    assert_eq!(one("It is signed today.", MON), "2014-03-31");
    assert_eq!(one("It will be signed tomorrow.", MON), "2014-04-01");
    assert_eq!(
        one("They talked late into Tuesday night.", "2015-04-01"),
        "2015-03-31TNI"
    );
    assert_eq!(one("He will speak tonight.", MON), "2014-03-31TNI");
}

#[test]
fn relative_periods() {
    assert_eq!(one("Russia annexed Crimea last month.", MON), "2014-02");
    assert_eq!(one("They will meet next week.", MON), "2014-W15");
    assert_eq!(one("It happened last week.", "2018-08-01"), "2018-W30");
    assert_eq!(
        one("He was elected earlier this year.", "2013-09-27"),
        "2013"
    );
    assert_eq!(
        one("Osborne visited China earlier this month.", "2015-09-28"),
        "2015-09"
    );
    assert_eq!(one("The plan was agreed last year.", MON), "2013");
    assert_eq!(one("The treaty was signed two weeks ago.", MON), "2014-W12");
    assert_eq!(one("It was announced three days ago.", MON), "2014-03-28");
    assert_eq!(one("It fell four years ago.", "2013-03-22"), "2009");
    assert_eq!(one("They met this week.", MON), "2014-W14");
}

#[test]
fn anaphoric_days_follow_the_last_date() {
    let f = found(
        "The deal was signed on March 5. A day later, rebels attacked.",
        MON,
    );
    assert_eq!(f[1].1, "2014-03-06");
    let f = found(
        "Talks began on 12 May 2013. The previous day, police raided the office.",
        MON,
    );
    assert_eq!(f[1].1, "2013-05-11");
    let f = found(
        "On Friday he flew to Wuhan. In the afternoon he met Xi.",
        "2018-04-28",
    );
    assert_eq!(f[1].1, "2018-04-27TAF");
}

#[test]
fn absolute_forms() {
    assert_eq!(one("on March 30, 2014", MON), "2014-03-30");
    assert_eq!(one("on 30 March 2014", MON), "2014-03-30");
    assert_eq!(one("dated 2014-03-30", MON), "2014-03-30");
    assert_eq!(one("on Mar. 30 the", MON), "2014-03-30");
    assert_eq!(one("LONDON, Sept 28, 2015 (AFP)", MON), "2015-09-28");
    assert_eq!(one("from Feb 15 onwards", "2015-02-13"), "2015-02-15");
    assert_eq!(one("on Sept. 28 the", "2015-09-20"), "2015-09-28");
    assert_eq!(one("on 3/30 the", MON), "2014-03-30");
    let gb = TagOptions {
        locale: Locale::Gb,
        ..opts(MON)
    };
    assert_eq!(find_timexes("on 30/3 the", &gb)[0].value, "2014-03-30");
    assert_eq!(find_timexes("on 4/3/2014", &gb)[0].value, "2014-03-04");
    assert_eq!(one("in May 2015", MON), "2015-05");
    assert_eq!(one("In December, they agreed", "2015-04-10"), "2014-12");
    assert_eq!(one("in September last year", "2015-02-13"), "2014-09");
    assert_eq!(one("in March of this year", "2015-09-28"), "2015-03");
    assert_eq!(
        one("Published 23.06.2016 22:08", "2016-06-23"),
        "2016-06-23T22:08"
    );
    assert_eq!(
        one("He was elected in May to a term", "2012-07-15"),
        "2012-05"
    );
}

#[test]
fn years_decades_centuries_seasons_quarters() {
    assert_eq!(one("a promise made in the 1990s", MON), "199");
    assert_eq!(one("since the 1960s", MON), "196");
    assert_eq!(one("in the '90s", MON), "199");
    assert_eq!(one("in the 19th century", MON), "18");
    assert_eq!(one("in the 21st century", MON), "20");
    assert_eq!(one("the failed 2016 coup", MON), "2016");
    assert_eq!(one("since 1959", MON), "1959");
    assert_eq!(one("last summer", MON), "2013-SU");
    assert_eq!(one("in spring 2015", MON), "2015-SP");
    assert_eq!(one("in the first quarter", MON), "2014-Q1");
    assert_eq!(one("in the third quarter of 2013", MON), "2013-Q3");
}

#[test]
fn holidays() {
    assert_eq!(one("They will meet after Christmas.", MON), "2014-12-25");
    assert_eq!(one("Sales rose on Black Friday 2013.", MON), "2013-11-29");
    assert_eq!(
        one("Protests began on Easter Sunday 2010.", MON),
        "2010-04-04"
    );
    assert_eq!(
        one("He spoke on Thanksgiving Day last year", MON),
        "2013-11-28"
    );
    assert_eq!(one("the talks resume after Good Friday", MON), "2014-04-18");
}

#[test]
fn ranges() {
    let r = find_timexes("from 5 to 7 March", &opts(MON));
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].first.unwrap().to_string(), "2014-03-05");
    assert_eq!(r[0].last.unwrap().to_string(), "2014-03-07");
    let r = find_timexes("between 2010 and 2012", &opts(MON));
    assert_eq!(r[0].first.unwrap().to_string(), "2010-01-01");
    assert_eq!(r[0].last.unwrap().to_string(), "2012-12-31");
    let r = find_timexes("a visit on Oct 20-23", &opts("2015-09-28"));
    assert_eq!(r[0].value, "2015-10-20/2015-10-23");
    assert_eq!(r[0].precision, Precision::Day);
}

#[test]
fn clock_times() {
    let r = found(
        "They met just after 9 a.m. Tuesday, or 8 p.m. Monday Central time.",
        "2018-06-11",
    );
    assert_eq!(r[0].1, "2018-06-12T09:00");
    assert_eq!(r[1].1, "2018-06-11T20:00");
    assert_eq!(one("March 30, 2014 at 9:02 PM", MON), "2014-03-30T21:02");
    let t = &find_timexes("at 15:00 GMT Saturday", &opts("2013-03-22"))[0];
    assert_eq!(t.kind, TimexType::Time);
    assert_eq!(t.value, "2013-03-23T15:00");
}

#[test]
fn durations_sets_and_vague_references() {
    assert_eq!(one("after four hours of talks", MON), "PT4H");
    assert_eq!(one("a three-day visit", MON), "P3D");
    assert_eq!(one("for 18 months", MON), "P18M");
    assert_eq!(one("It meets every Monday", MON), "XXXX-WXX-1");
    assert_eq!(one("Troops have recently moved", MON), "PAST_REF");
    assert_eq!(one("who are currently appointed", MON), "PRESENT_REF");
    assert_eq!(one("to talk again soon", MON), "FUTURE_REF");
    assert_eq!(one("In recent days, troops left", MON), "PXD");
    assert_eq!(one("what happens now", MON), "PRESENT_REF");
}

#[test]
fn look_alikes_are_not_dates() {
    for text in [
        "Russia massed up to 40,000 troops near the border.",
        "A $1-billion-plus aid package.",
        "Russia had only 10,000 soldiers remaining.",
        "Relations may not be as rocky.",
        "The march on Washington drew crowds.",
        "Will Smith said nothing.",
        "It may be too late.",
        "Some 1500 soldiers crossed.",
        "They sat down, then they wed.",
        "The Sun reported it.",
        "It costs 2000 dollars.",
        "The score was 24/7 all day.",
        "She read 10 books at the Marsh.",
        "the right to declare Russian a second official language",
        "the boss's decision was final, a new year of growth began",
        "at the opening of the 19th AU Summit in Addis Ababa",
        "the family's seaside summer resort",
    ] {
        let f = found(text, MON);
        assert!(f.is_empty(), "{text:?}: {f:?}");
    }
}

#[test]
fn spans_are_byte_offsets() {
    let text = "Le président a parlé “lundi” — on Monday, March 31, 2014.";
    for t in find_timexes(text, &opts(MON)) {
        assert_eq!(&text[t.start..t.end], t.text);
    }
    let t = &find_timexes(text, &opts(MON))[0];
    assert_eq!(t.value, "2014-03-31");
    assert_eq!(t.text, "Monday, March 31, 2014");
}

#[test]
fn without_reference_values_stay_underspecified() {
    let t = find_timexes("on Monday and in 2012", &TagOptions::default());
    assert_eq!(t[0].value, "XXXX-WXX-1");
    assert_eq!(t[1].value, "2012");
}

#[test]
fn may_and_march_with_a_spelled_day() {
    assert_eq!(
        one("The vote was held on May eighth, 2010.", MON),
        "2010-05-08"
    );
    assert_eq!(one("It opens March twenty-first.", MON), "2014-03-21");
    // the modal verb stays a verb
    assert!(found("May the talks succeed.", MON).is_empty());
}

#[test]
fn a_month_beside_an_impossible_day_is_no_date() {
    let f = found("Due on August 32, 2014.", MON);
    assert!(f.iter().all(|(t, _)| !t.contains("August")), "{f:?}");
    assert!(found("32 August", MON).is_empty());
    assert!(found("February 151998", MON).is_empty());
    // a two-digit year after a month stays a date
    assert_eq!(one("Aug 96", MON), "1996-08");
    // a count after the month is not its day
    assert_eq!(one("In March 40 people died.", MON), "2014-03");
}

#[test]
fn a_few_units_ago_is_an_unspecified_past() {
    assert_eq!(one("Talks began a few days ago.", MON), "PAST_REF");
    assert_eq!(one("He left several weeks ago.", MON), "PAST_REF");
}

#[test]
fn a_weekday_of_next_week_and_slash_runs() {
    assert_eq!(
        one("Talks resume on Tuesday, next week.", MON),
        "2014-04-08"
    );
    // an impossible slash date is no date at all, not its tail
    assert!(found("code 2024/13/1", MON).is_empty());
}

#[test]
fn a_range_of_spelled_days() {
    assert_eq!(
        one("The fair ran from eighth to eleventh May 2010.", MON),
        "2010-05-08/2010-05-11"
    );
}
