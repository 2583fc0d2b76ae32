//! Holidays of the Western and US calendars that news mentions: fixed days
//! (Christmas, New Year's Day, Halloween), days counted in a month
//! (Thanksgiving, Martin Luther King Day, Labor Day) and days counted from
//! Easter (Good Friday, Pentecost). Lunar-calendar holidays (Eid, Diwali,
//! Chinese New Year, Hanukkah) need tables and are not recognised.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// How a holiday's date is found in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rule {
    /// A fixed month and day.
    Fixed(u32, u32),
    /// The `n`-th weekday (0 = Monday) of a month; `n` = -1 is the last.
    Nth { month: u32, n: i32, weekday: u32 },
    /// Days from Easter Sunday (Western computus).
    Easter(i64),
    /// Days from Thanksgiving (the fourth Thursday of November).
    Thanksgiving(i64),
    /// Boss's Day: 16 October, moved to the nearest weekday.
    Boss,
    /// King's Day (Netherlands): 27 April, the 26th when the 27th is a Sunday.
    Kings,
}

/// Names, as lowercase word sequences (possessive `'s` and dots dropped).
const NAMES: &[(&[&str], Rule)] = &[
    (&["christmas", "eve"], Rule::Fixed(12, 24)),
    (&["xmas", "eve"], Rule::Fixed(12, 24)),
    (&["christmas", "day"], Rule::Fixed(12, 25)),
    (&["christmas"], Rule::Fixed(12, 25)),
    (&["xmas"], Rule::Fixed(12, 25)),
    (&["boxing", "day"], Rule::Fixed(12, 26)),
    (&["new", "year", "eve"], Rule::Fixed(12, 31)),
    (&["new", "years", "eve"], Rule::Fixed(12, 31)),
    (&["new", "year", "day"], Rule::Fixed(1, 1)),
    (&["new", "years", "day"], Rule::Fixed(1, 1)),
    (&["valentine", "day"], Rule::Fixed(2, 14)),
    (&["valentines", "day"], Rule::Fixed(2, 14)),
    (&["halloween"], Rule::Fixed(10, 31)),
    (&["st", "patrick", "day"], Rule::Fixed(3, 17)),
    (&["st", "patricks", "day"], Rule::Fixed(3, 17)),
    (&["saint", "patrick", "day"], Rule::Fixed(3, 17)),
    (&["saint", "patricks", "day"], Rule::Fixed(3, 17)),
    (&["st", "paddy", "day"], Rule::Fixed(3, 17)),
    (&["saint", "paddy", "day"], Rule::Fixed(3, 17)),
    (&["veterans", "day"], Rule::Fixed(11, 11)),
    (&["armistice", "day"], Rule::Fixed(11, 11)),
    (
        &["mlk", "day"],
        Rule::Nth {
            month: 1,
            n: 3,
            weekday: 0,
        },
    ),
    (
        &["mlk", "jr", "day"],
        Rule::Nth {
            month: 1,
            n: 3,
            weekday: 0,
        },
    ),
    (
        &["martin", "luther", "king", "day"],
        Rule::Nth {
            month: 1,
            n: 3,
            weekday: 0,
        },
    ),
    (
        &["martin", "luther", "kings", "day"],
        Rule::Nth {
            month: 1,
            n: 3,
            weekday: 0,
        },
    ),
    (
        &["martin", "luther", "king", "jr", "day"],
        Rule::Nth {
            month: 1,
            n: 3,
            weekday: 0,
        },
    ),
    (
        &["civil", "rights", "day"],
        Rule::Nth {
            month: 1,
            n: 3,
            weekday: 0,
        },
    ),
    (
        &["presidents", "day"],
        Rule::Nth {
            month: 2,
            n: 3,
            weekday: 0,
        },
    ),
    (
        &["president", "day"],
        Rule::Nth {
            month: 2,
            n: 3,
            weekday: 0,
        },
    ),
    (
        &["memorial", "day"],
        Rule::Nth {
            month: 5,
            n: -1,
            weekday: 0,
        },
    ),
    (
        &["labor", "day"],
        Rule::Nth {
            month: 9,
            n: 1,
            weekday: 0,
        },
    ),
    (
        &["labour", "day"],
        Rule::Nth {
            month: 9,
            n: 1,
            weekday: 0,
        },
    ),
    (
        &["columbus", "day"],
        Rule::Nth {
            month: 10,
            n: 2,
            weekday: 0,
        },
    ),
    (
        &["mother", "day"],
        Rule::Nth {
            month: 5,
            n: 2,
            weekday: 6,
        },
    ),
    (
        &["mothers", "day"],
        Rule::Nth {
            month: 5,
            n: 2,
            weekday: 6,
        },
    ),
    (
        &["father", "day"],
        Rule::Nth {
            month: 6,
            n: 3,
            weekday: 6,
        },
    ),
    (
        &["fathers", "day"],
        Rule::Nth {
            month: 6,
            n: 3,
            weekday: 6,
        },
    ),
    (&["thanksgiving", "day"], Rule::Thanksgiving(0)),
    (&["thanksgiving"], Rule::Thanksgiving(0)),
    (&["black", "friday"], Rule::Thanksgiving(1)),
    (&["cyber", "monday"], Rule::Thanksgiving(4)),
    (&["boss", "day"], Rule::Boss),
    (&["bosses", "day"], Rule::Boss),
    (&["king", "day"], Rule::Kings),
    (&["koningsdag"], Rule::Kings),
    (&["easter", "sunday"], Rule::Easter(0)),
    (&["easter", "monday"], Rule::Easter(1)),
    (&["easter", "mon"], Rule::Easter(1)),
    (&["easter"], Rule::Easter(0)),
    (&["good", "friday"], Rule::Easter(-2)),
    (&["holy", "saturday"], Rule::Easter(-1)),
    (&["maundy", "thursday"], Rule::Easter(-3)),
    (&["holy", "thursday"], Rule::Easter(-3)),
    (&["covenant", "thursday"], Rule::Easter(-3)),
    (&["covenant", "thu"], Rule::Easter(-3)),
    (&["thu", "of", "mysteries"], Rule::Easter(-3)),
    (&["palm", "sunday"], Rule::Easter(-7)),
    (&["branch", "sunday"], Rule::Easter(-7)),
    (&["ash", "wednesday"], Rule::Easter(-46)),
    (&["shrove", "tuesday"], Rule::Easter(-47)),
    (&["mardi", "gras"], Rule::Easter(-47)),
    (&["pancake", "day"], Rule::Easter(-47)),
    (&["ascension", "day"], Rule::Easter(39)),
    (&["pentecost"], Rule::Easter(49)),
    (&["whit", "sunday"], Rule::Easter(49)),
    (&["white", "sunday"], Rule::Easter(49)),
    (&["whitsunday"], Rule::Easter(49)),
    (&["whit", "monday"], Rule::Easter(50)),
    (&["monday", "of", "the", "holy", "spirit"], Rule::Easter(50)),
    (&["trinity", "sunday"], Rule::Easter(56)),
];

/// Words that can begin a holiday name (for the scanner's lexicon).
pub(super) const FIRST_WORDS: &[&str] = &[
    "christmas",
    "xmas",
    "boxing",
    "new",
    "valentine",
    "valentines",
    "halloween",
    "st",
    "saint",
    "veterans",
    "armistice",
    "mlk",
    "martin",
    "civil",
    "presidents",
    "president",
    "memorial",
    "labor",
    "labour",
    "columbus",
    "mother",
    "mothers",
    "father",
    "fathers",
    "thanksgiving",
    "black",
    "cyber",
    "boss",
    "bosses",
    "king",
    "koningsdag",
    "easter",
    "good",
    "holy",
    "maundy",
    "covenant",
    "thu",
    "palm",
    "branch",
    "ash",
    "shrove",
    "mardi",
    "pancake",
    "ascension",
    "pentecost",
    "whit",
    "white",
    "whitsunday",
    "monday",
    "trinity",
];

/// The longest holiday name matching the word sequence `words` from its
/// start: the number of words used and the rule.
pub(super) fn lookup(words: &[&str]) -> Option<(usize, Rule)> {
    let mut best: Option<(usize, Rule)> = None;
    for (name, rule) in NAMES {
        if words.len() >= name.len()
            && name.iter().zip(words).all(|(a, b)| a == b)
            && best.is_none_or(|(n, _)| name.len() > n)
        {
            best = Some((name.len(), *rule));
        }
    }
    best
}

/// Easter Sunday of a year (anonymous Gregorian algorithm).
pub(super) fn easter(y: i32) -> Option<NaiveDate> {
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

fn weekday_of(n: u32) -> Weekday {
    match n {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

fn nth(y: i32, month: u32, n: i32, weekday: u32) -> Option<NaiveDate> {
    let wd = weekday_of(weekday);
    if n > 0 {
        NaiveDate::from_weekday_of_month_opt(y, month, wd, n as u8)
    } else {
        let last = crate::model::last_day_of_month(y, month)?;
        let back = (last.weekday().num_days_from_monday() as i64
            - wd.num_days_from_monday() as i64)
            .rem_euclid(7);
        last.checked_sub_signed(Duration::days(back))
    }
}

/// The date of a holiday in a year.
pub(super) fn date(rule: Rule, y: i32) -> Option<NaiveDate> {
    match rule {
        Rule::Fixed(m, d) => NaiveDate::from_ymd_opt(y, m, d),
        Rule::Nth { month, n, weekday } => nth(y, month, n, weekday),
        Rule::Easter(off) => easter(y)?.checked_add_signed(Duration::days(off)),
        Rule::Thanksgiving(off) => nth(y, 11, 4, 3)?.checked_add_signed(Duration::days(off)),
        Rule::Boss => {
            let d = NaiveDate::from_ymd_opt(y, 10, 16)?;
            match d.weekday() {
                Weekday::Sat => d.pred_opt(),
                Weekday::Sun => d.succ_opt(),
                _ => Some(d),
            }
        }
        Rule::Kings => {
            let d = NaiveDate::from_ymd_opt(y, 4, 27)?;
            if d.weekday() == Weekday::Sun {
                d.pred_opt()
            } else {
                Some(d)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_and_counted_days() {
        assert_eq!(easter(2013), NaiveDate::from_ymd_opt(2013, 3, 31));
        assert_eq!(easter(2010), NaiveDate::from_ymd_opt(2010, 4, 4));
        assert_eq!(
            date(Rule::Thanksgiving(0), 2013),
            NaiveDate::from_ymd_opt(2013, 11, 28)
        );
        assert_eq!(
            date(
                Rule::Nth {
                    month: 1,
                    n: 3,
                    weekday: 0
                },
                2014
            ),
            NaiveDate::from_ymd_opt(2014, 1, 20)
        );
        assert_eq!(
            date(
                Rule::Nth {
                    month: 5,
                    n: -1,
                    weekday: 0
                },
                2014
            ),
            NaiveDate::from_ymd_opt(2014, 5, 26)
        );
        assert_eq!(
            date(Rule::Boss, 2016),
            NaiveDate::from_ymd_opt(2016, 10, 17)
        );
        assert_eq!(
            lookup(&["new", "years", "eve", "party"]).map(|x| x.0),
            Some(3)
        );
    }
}
