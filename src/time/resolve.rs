//! Resolution: turns the meanings found by [`super::grammar`] into TIMEX3
//! values, precisions and day spans, against the reference date, the tense
//! of the clause and the last date mentioned before.

use super::grammar::{Anchor, Cand, Modif, Nth, Sem, Tense, YearSpec};
use super::scan::{Pod, Unit};
use super::{Bias, Locale, TimexType};
use crate::model::{last_day_of_month, DateSource, Precision};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

/// The state carried along a document.
pub(super) struct Ctx {
    /// The reference date and time; `None` leaves relative expressions unresolved.
    pub reference: Option<NaiveDateTime>,
    /// How to resolve a weekday, month or day written without a direction.
    pub bias: Bias,
    /// How to read ambiguous numeric dates.
    pub locale: Locale,
    /// The last day-precise date mentioned.
    pub last: Option<NaiveDate>,
    /// The day of the story's first relative day reference: quoted speech
    /// ("today", "tomorrow" in quotes) is relative to it.
    pub story: Option<NaiveDate>,
}

/// A resolved value before it becomes a `Timex`.
#[derive(Debug, Clone)]
pub(super) struct Res {
    /// The TIMEX3 value.
    pub value: String,
    /// The TIMEX3 type.
    pub kind: TimexType,
    /// The grain of `value`.
    pub precision: Precision,
    /// First day covered (inclusive), where the value names days.
    pub first: Option<NaiveDate>,
    /// Last day covered (inclusive), where the value names days.
    pub last: Option<NaiveDate>,
    /// Explicit, relative or unknown.
    pub source: DateSource,
    /// First instant covered (inclusive).
    pub start: Option<NaiveDateTime>,
    /// The instant just after the last one covered (exclusive).
    pub end: Option<NaiveDateTime>,
    /// The grain name, as `Detailed::grain` ("day", "month", "vague", ...).
    pub grain: &'static str,
    /// For ranges: the first instant of the last element.
    pub to: Option<NaiveDateTime>,
    /// A stated time zone (minutes east of UTC).
    pub tz: Option<i32>,
}

fn day_res(d: NaiveDate) -> Res {
    Res {
        value: d.format("%Y-%m-%d").to_string(),
        kind: TimexType::Date,
        precision: Precision::Day,
        first: Some(d),
        last: Some(d),
        source: DateSource::Relative,
        start: d.and_hms_opt(0, 0, 0),
        end: d.succ_opt().and_then(|n| n.and_hms_opt(0, 0, 0)),
        grain: "day",
        to: None,
        tz: None,
    }
}

fn span_res(
    value: String,
    first: NaiveDate,
    last: NaiveDate,
    precision: Precision,
    grain: &'static str,
) -> Res {
    Res {
        value,
        kind: TimexType::Date,
        precision,
        first: Some(first),
        last: Some(last),
        source: DateSource::Relative,
        start: first.and_hms_opt(0, 0, 0),
        end: last.succ_opt().and_then(|n| n.and_hms_opt(0, 0, 0)),
        grain,
        to: None,
        tz: None,
    }
}

fn month_res(y: i32, m: u32) -> Option<Res> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let last = last_day_of_month(y, m)?;
    Some(span_res(
        format!("{y:04}-{m:02}"),
        first,
        last,
        Precision::Month,
        "month",
    ))
}

fn year_res(y: i32) -> Option<Res> {
    let first = NaiveDate::from_ymd_opt(y, 1, 1)?;
    let last = NaiveDate::from_ymd_opt(y, 12, 31)?;
    Some(span_res(
        format!("{y:04}"),
        first,
        last,
        Precision::Year,
        "year",
    ))
}

fn week_res(any_day: NaiveDate) -> Option<Res> {
    let monday = any_day.checked_sub_signed(Duration::days(
        any_day.weekday().num_days_from_monday() as i64,
    ))?;
    let iso = monday.iso_week();
    Some(span_res(
        format!("{:04}-W{:02}", iso.year(), iso.week()),
        monday,
        monday.checked_add_signed(Duration::days(6))?,
        Precision::Week,
        "week",
    ))
}

fn quarter_res(y: i32, q: u32) -> Option<Res> {
    if !(1..=4).contains(&q) {
        return None;
    }
    let first = NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1)?;
    let last = last_day_of_month(y, q * 3)?;
    Some(span_res(
        format!("{y:04}-Q{q}"),
        first,
        last,
        Precision::Quarter,
        "quarter",
    ))
}

fn decade_res(d: i32) -> Option<Res> {
    let first = NaiveDate::from_ymd_opt(d * 10, 1, 1)?;
    let last = NaiveDate::from_ymd_opt(d * 10 + 9, 12, 31)?;
    Some(span_res(
        format!("{d:03}"),
        first,
        last,
        Precision::Decade,
        "decade",
    ))
}

fn century_res(c: i32) -> Option<Res> {
    let first = NaiveDate::from_ymd_opt(c * 100, 1, 1)?;
    let last = NaiveDate::from_ymd_opt(c * 100 + 99, 12, 31)?;
    Some(span_res(
        format!("{c:02}"),
        first,
        last,
        Precision::Century,
        "century",
    ))
}

const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

fn season_res(y: i32, s: u32) -> Option<Res> {
    let (first, last) = match s {
        0 => (
            NaiveDate::from_ymd_opt(y, 3, 20)?,
            NaiveDate::from_ymd_opt(y, 6, 20)?,
        ),
        1 => (
            NaiveDate::from_ymd_opt(y, 6, 21)?,
            NaiveDate::from_ymd_opt(y, 9, 23)?,
        ),
        2 => (
            NaiveDate::from_ymd_opt(y, 9, 23)?,
            NaiveDate::from_ymd_opt(y, 12, 20)?,
        ),
        _ => (
            NaiveDate::from_ymd_opt(y, 12, 21)?,
            NaiveDate::from_ymd_opt(y + 1, 3, 20)?,
        ),
    };
    Some(span_res(
        format!("{y:04}-{}", SEASONS[s as usize % 4]),
        first,
        last,
        Precision::Season,
        "season",
    ))
}

fn add_months(y: i32, m: u32, off: i64) -> (i32, u32) {
    let idx = y as i64 * 12 + (m as i64 - 1) + off;
    (idx.div_euclid(12) as i32, (idx.rem_euclid(12) + 1) as u32)
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

impl Ctx {
    fn ref_day(&self) -> Option<NaiveDate> {
        self.reference.map(|r| r.date())
    }

    /// Resolves one match.
    pub(super) fn resolve(&mut self, c: &Cand) -> Option<Res> {
        let mut r = self.sem(&c.sem, c)?;
        if explicit(&c.sem) {
            r.source = DateSource::Explicit;
        }
        if r.precision <= Precision::Day {
            if let Some(f) = r.first {
                if !matches!(r.kind, TimexType::Duration | TimexType::Set) {
                    self.last = Some(f);
                    if self.story.is_none() && !c.quoted && relative_day(&c.sem) {
                        self.story = Some(f);
                    }
                }
            }
        }
        Some(r)
    }

    fn sem(&mut self, sem: &Sem, cand: &Cand) -> Option<Res> {
        let Some(reference_day) = self.ref_day() else {
            return unanchored(sem);
        };
        match sem {
            Sem::Cal { y, m, d } => {
                let date = self.cal(*y, *m, *d, cand.tense, reference_day)?;
                Some(day_res(date))
            }
            Sem::Numeric { a, b, y } => self.numeric_date(*a, *b, *y, cand, reference_day),
            Sem::Holiday { rule, y, rel } => self.holiday_date(rule, y, rel, cand, reference_day),
            Sem::CalWd { m, d, .. } if self.bias == Bias::Casual => Some(day_res(self.cal(
                YearSpec::Infer,
                *m,
                *d,
                cand.tense,
                reference_day,
            )?)),
            Sem::CalWd { m, d, wd } => self.day_with_weekday(m, d, wd, reference_day),
            Sem::DomWd { d, wd } => self.day_of_month_with_weekday(d, wd, reference_day),
            Sem::NthOf { n, what, of } => self.nth_of(n, what, of, cand),
            Sem::DayOfMonth(d) => self.nearest_day_of_month(d, reference_day),
            Sem::Month { m, y } => {
                let year = match y {
                    YearSpec::Abs(y) => *y,
                    YearSpec::Rel(o) => reference_day.year() + *o as i32,
                    YearSpec::Infer => self.infer_month_year(*m, cand.tense, reference_day),
                };
                month_res(year, *m)
            }
            Sem::RelMonth { m, off } => self.relative_month(m, off, reference_day),
            Sem::Year(y) => year_res(*y),
            Sem::Decade(d) => decade_res(*d),
            Sem::Century(century) => century_res(*century),
            Sem::Season { s, y } => {
                let year = match y {
                    YearSpec::Abs(y) => *y,
                    YearSpec::Rel(o) => reference_day.year() + *o as i32,
                    YearSpec::Infer => self.season_year(*s, 0, cand.tense, reference_day),
                };
                season_res(year, *s)
            }
            Sem::RelSeason { s, off } => {
                season_res(self.season_year(*s, *off, cand.tense, reference_day), *s)
            }
            Sem::Quarter { q, y } => {
                let year = match y {
                    YearSpec::Abs(y) => *y,
                    YearSpec::Rel(o) => reference_day.year() + *o as i32,
                    YearSpec::Infer => reference_day.year(),
                };
                quarter_res(year, *q)
            }
            Sem::Weekday { wd, rel, weeks } => {
                let base = self.speech_base(cand, reference_day);
                let date = self.weekday(*wd, *rel, *weeks, cand.tense, base)?;
                Some(day_res(date))
            }
            Sem::DayOffset(n) => {
                let base = self.speech_base(cand, reference_day);
                Some(day_res(base.checked_add_signed(Duration::days(*n))?))
            }
            Sem::Unit { unit, off } => self.unit(*unit, *off, reference_day),
            Sem::Weekend(off) => {
                let d = reference_day.checked_add_signed(Duration::weeks(*off))?;
                let monday = d.checked_sub_signed(Duration::days(
                    d.weekday().num_days_from_monday() as i64,
                ))?;
                self.weekend_res(monday.checked_add_signed(Duration::days(5))?)
            }
            Sem::Span {
                n,
                unit,
                dir,
                upcoming,
            } => self.span_of(n, unit, dir, upcoming, reference_day),
            Sem::InFuture {
                n,
                unit,
                within,
                several,
            } => {
                if self.bias == Bias::News || (*within && self.bias == Bias::Future) {
                    return Some(duration_res(n.map(|v| v as f64), *unit));
                }
                let n = n.unwrap_or(if *several { 7 } else { 3 });
                self.shift(n, *unit, reference_day, Anchor::Ref)
            }
            Sem::Multi { parts, dir } => self.multi_shift(parts, dir),
            Sem::By(inner) => self.until(inner, cand),
            Sem::ShiftFrom { n, unit, base } => self.shift_from(n, unit, base, cand),
            Sem::Shift { n, unit, anchor }
                if *anchor == Anchor::Last && *unit < Unit::Day && self.bias == Bias::News =>
            {
                Some(duration_res(Some(n.unsigned_abs() as f64), *unit))
            }
            Sem::Shift { n, unit, anchor } => {
                let base = match anchor {
                    Anchor::Ref => reference_day,
                    Anchor::Last => self.last.unwrap_or(reference_day),
                };
                self.shift(*n, *unit, base, *anchor)
            }
            Sem::Pod { base, pod } => {
                let b = self.sem(base, cand)?;
                let d = b.first?;
                Some(pod_res(d, *pod))
            }
            Sem::PodAnaphor(pod) => {
                let d = self.last.unwrap_or(reference_day);
                Some(pod_res(d, *pod))
            }
            Sem::Clock { .. } => self.clock(sem, cand, reference_day),
            Sem::FewAgo { unit, several } => {
                if self.bias == Bias::News {
                    return Some(vague_res("PAST_REF"));
                }
                let n = if *several { 7 } else { 3 };
                self.shift(-n, *unit, reference_day, Anchor::Ref)
            }
            Sem::Zoned(base, z) => {
                let mut r = self.sem(base, cand)?;
                r.tz = Some(z.offset_on(r.first.unwrap_or(reference_day)));
                Some(r)
            }
            Sem::Workday(n) => self.workdays(n, reference_day),
            Sem::Closest { n, what, to } => self.closest(n, what, to, cand),
            Sem::For { base, n, unit } => self.lasting(base, n, unit, cand),
            Sem::Range(a, b) => self.range(a, b, cand),
            // calendar usage: "1 hour", "give it 2 months" is that long from now
            Sem::Duration { n: Some(v), unit }
                if self.bias == Bias::Future && v.fract() == 0.0 && *v >= 1.0 =>
            {
                self.point(*v as i64, *unit)
            }
            Sem::Duration { n, unit } => Some(duration_res(*n, *unit)),
            Sem::Set(v) => Some(set_res(v)),
            Sem::Vague(v) => Some(vague_res(v)),
            Sem::Now => Some(self.now_res(reference_day)),
            Sem::Mod(inner, m) => self.modified(inner, m, cand),
        }
    }

    /// A numeric date ("3/4/2014"), month and day in the locale's order
    /// (swapped when only that order makes a month).
    fn numeric_date(
        &self,
        a: u32,
        b: u32,
        y: YearSpec,
        cand: &Cand,
        reference_day: NaiveDate,
    ) -> Option<Res> {
        let (m, d) = match self.locale {
            Locale::Us => (a, b),
            Locale::Gb => (b, a),
        };
        let (m, d) = if m > 12 && d <= 12 { (d, m) } else { (m, d) };
        if !(1..=12).contains(&m) {
            return None;
        }
        let date = self.cal(y, m, d, cand.tense, reference_day)?;
        Some(day_res(date))
    }

    /// The day a relative day in quoted speech counts from: the story's
    /// day, else the reference day.
    fn speech_base(&self, cand: &Cand, reference_day: NaiveDate) -> NaiveDate {
        if cand.quoted {
            self.story.unwrap_or(reference_day)
        } else {
            reference_day
        }
    }

    /// "Now": the reference instant.
    fn now_res(&self, reference_day: NaiveDate) -> Res {
        let mut r = vague_res("PRESENT_REF");
        r.first = Some(reference_day);
        r.last = Some(reference_day);
        r.start = self.reference;
        r.end = self
            .reference
            .and_then(|x| x.checked_add_signed(Duration::seconds(1)));
        r.grain = "second";
        r
    }

    /// The day of a holiday: in the year given, else the one nearest the reference (or by tense and
    /// direction).
    fn holiday_date(
        &self,
        rule: &super::holiday::Rule,
        y: &YearSpec,
        rel: &i64,
        cand: &Cand,
        reference_day: NaiveDate,
    ) -> Option<Res> {
        let on = |y: i32| super::holiday::date(*rule, y);
        let date = match y {
            YearSpec::Abs(y) => on(*y)?,
            YearSpec::Rel(o) => on(reference_day.year() + *o as i32)?,
            YearSpec::Infer => {
                let cands: Vec<NaiveDate> = (reference_day.year() - 1..=reference_day.year() + 1)
                    .filter_map(on)
                    .collect();
                let past = cands.iter().rev().find(|d| **d < reference_day).copied();
                let future = cands.iter().find(|d| **d >= reference_day).copied();
                match (rel, self.bias) {
                    (-1, _) => past?,
                    (1 | 2, _) | (_, Bias::Future) => future?,
                    _ => {
                        // the nearest, or by tense
                        match (cand.tense, past, future) {
                            (Tense::Past, Some(p), _) => p,
                            (Tense::Future, _, Some(f)) => f,
                            (_, Some(p), Some(f)) => {
                                if (reference_day - p).num_days() < (f - reference_day).num_days() {
                                    p
                                } else {
                                    f
                                }
                            }
                            (_, p, f) => p.or(f)?,
                        }
                    }
                }
            }
        };
        Some(day_res(date))
    }

    /// A day of a month written with its weekday: the year near the reference in which that day is
    /// that weekday.
    fn day_with_weekday(
        &self,
        m: &u32,
        d: &u32,
        wd: &u32,
        reference_day: NaiveDate,
    ) -> Option<Res> {
        // the year, near the reference, in which that day is that weekday
        let target = weekday_of(*wd);
        let mut best: Option<NaiveDate> = None;
        for k in 0..=28 {
            for y in [reference_day.year() + k, reference_day.year() - k] {
                if let Some(date) = NaiveDate::from_ymd_opt(y, *m, *d) {
                    if date.weekday() == target && best.is_none() {
                        best = Some(date);
                    }
                }
            }
            if best.is_some() {
                break;
            }
        }
        best.map(day_res)
    }

    /// A day of the month written with its weekday: the month near the reference in which that day
    /// is that weekday.
    fn day_of_month_with_weekday(
        &self,
        d: &u32,
        wd: &u32,
        reference_day: NaiveDate,
    ) -> Option<Res> {
        let target = weekday_of(*wd);
        let mut found = None;
        for k in 0..=24 {
            for off in [k, -k] {
                let (y, m) = add_months(reference_day.year(), reference_day.month(), off);
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, *d) {
                    let ok_dir = self.bias != Bias::Future || date >= reference_day;
                    if date.weekday() == target && ok_dir && found.is_none() {
                        found = Some(date);
                    }
                }
            }
            if found.is_some() {
                break;
            }
        }
        found.map(day_res)
    }

    /// The n-th day, weekday, weekend or week of a period (from its end when n is negative).
    fn nth_of(&mut self, n: &i64, what: &Nth, of: &Sem, cand: &Cand) -> Option<Res> {
        let r = self.sem(of, cand)?;
        let (f, l) = (r.first?, r.last?);
        match what {
            Nth::Day => {
                let d = if *n > 0 {
                    f.checked_add_signed(Duration::days(n - 1))?
                } else {
                    l.checked_add_signed(Duration::days(n + 1))?
                };
                (f <= d && d <= l).then(|| day_res(d))
            }
            Nth::Weekday(wd) => {
                let target = weekday_of(*wd).num_days_from_monday() as i64;
                let d = if *n > 0 {
                    let first = f.checked_add_signed(Duration::days(
                        (target - f.weekday().num_days_from_monday() as i64).rem_euclid(7),
                    ))?;
                    first.checked_add_signed(Duration::weeks(n - 1))?
                } else {
                    let last = l.checked_sub_signed(Duration::days(
                        (l.weekday().num_days_from_monday() as i64 - target).rem_euclid(7),
                    ))?;
                    last.checked_add_signed(Duration::weeks(n + 1))?
                };
                (f <= d && d <= l).then(|| day_res(d))
            }
            Nth::Weekend => {
                // weekends counted by their Sunday inside the period
                let sunday = if *n > 0 {
                    f.checked_add_signed(Duration::days(
                        (6 - f.weekday().num_days_from_monday() as i64).rem_euclid(7),
                    ))?
                    .checked_add_signed(Duration::weeks(n - 1))?
                } else {
                    l.checked_sub_signed(Duration::days(
                        (l.weekday().num_days_from_monday() as i64 + 1) % 7,
                    ))?
                    .checked_add_signed(Duration::weeks(n + 1))?
                };
                if sunday < f || sunday > l {
                    return None;
                }
                self.weekend_res(sunday.pred_opt()?)
            }
            Nth::Week => {
                // weeks (Monday to Sunday) wholly inside the period
                let monday = if *n > 0 {
                    let first = f.checked_add_signed(Duration::days(
                        (7 - f.weekday().num_days_from_monday() as i64) % 7,
                    ))?;
                    first.checked_add_signed(Duration::weeks(n - 1))?
                } else {
                    let sunday = l.checked_sub_signed(Duration::days(
                        (l.weekday().num_days_from_monday() as i64 + 1) % 7,
                    ))?;
                    sunday
                        .checked_sub_signed(Duration::days(6))?
                        .checked_add_signed(Duration::weeks(n + 1))?
                };
                if monday < f || monday.checked_add_signed(Duration::days(6))? > l {
                    return None;
                }
                week_res(monday)
            }
        }
    }

    /// A day of the month alone: in the reference's month or a neighbour, by the bias.
    fn nearest_day_of_month(&self, d: &u32, reference_day: NaiveDate) -> Option<Res> {
        let mut best: Option<NaiveDate> = None;
        for off in -1..=1 {
            let (y, m) = add_months(reference_day.year(), reference_day.month(), off);
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, *d) {
                let better = match self.bias {
                    Bias::Future => date >= reference_day && best.is_none_or(|b| date < b),
                    Bias::News | Bias::Casual => best.is_none_or(|b| {
                        (date - reference_day).num_days().abs()
                            < (b - reference_day).num_days().abs()
                    }),
                };
                if better {
                    best = Some(date);
                }
            }
        }
        best.map(day_res)
    }

    /// A month named with a direction ("last March"): the year that makes it past or coming.
    fn relative_month(&self, m: &u32, off: &i64, reference_day: NaiveDate) -> Option<Res> {
        let year = match off {
            -1 => {
                if *m < reference_day.month() {
                    reference_day.year()
                } else {
                    reference_day.year() - 1
                }
            }
            1 => {
                if *m > reference_day.month() {
                    reference_day.year()
                } else {
                    reference_day.year() + 1
                }
            }
            _ => reference_day.year(),
        };
        month_res(year, *m)
    }

    /// A span of units ("the past three weeks"): a duration in news, a point or a shift elsewhere.
    fn span_of(
        &self,
        n: &Option<i64>,
        unit: &Unit,
        dir: &i64,
        upcoming: &bool,
        reference_day: NaiveDate,
    ) -> Option<Res> {
        if self.bias == Bias::News {
            return Some(duration_res(n.map(|v| v as f64), *unit));
        }
        let n = n.unwrap_or(3);
        if *upcoming && self.bias == Bias::Future {
            return match unit {
                Unit::Day => Some(day_res(
                    reference_day.checked_add_signed(Duration::days(n))?,
                )),
                Unit::Week | Unit::Fortnight => {
                    week_res(reference_day.checked_add_signed(Duration::weeks(n))?)
                }
                Unit::Month => {
                    let (y, m) = add_months(reference_day.year(), reference_day.month(), n);
                    month_res(y, m)
                }
                Unit::Quarter => {
                    let (y, m) = add_months(
                        reference_day.year(),
                        (reference_day.month() - 1) / 3 * 3 + 1,
                        3 * n,
                    );
                    quarter_res(y, (m - 1) / 3 + 1)
                }
                Unit::Year => year_res(reference_day.year() + n as i32),
                _ => self.point(n, *unit),
            };
        }
        if self.bias == Bias::Casual {
            return self.shift(dir * n, *unit, reference_day, Anchor::Ref);
        }
        self.span(n, *unit, *dir)
    }

    /// An offset of several units from the reference ("two hours and ten minutes ago").
    fn multi_shift(&self, parts: &[(i64, Unit)], dir: &i64) -> Option<Res> {
        if self.bias == Bias::News || *dir == 0 {
            return Some(multi_duration(parts));
        }
        let r = self.reference?;
        let mut t = r;
        for (n, u) in parts {
            let n = n * dir;
            t = match u {
                Unit::Second => t.checked_add_signed(Duration::try_seconds(n)?)?,
                Unit::Minute => t.checked_add_signed(Duration::try_minutes(n)?)?,
                Unit::Hour => t.checked_add_signed(Duration::try_hours(n)?)?,
                Unit::Day => t.checked_add_signed(Duration::try_days(n)?)?,
                Unit::Week | Unit::Fortnight => t.checked_add_signed(Duration::try_weeks(n)?)?,
                _ => {
                    let months = match u {
                        Unit::Month => n,
                        Unit::Quarter => 3 * n,
                        Unit::Year => 12 * n,
                        Unit::Decade => 120 * n,
                        _ => 1200 * n,
                    };
                    let (y, m) = add_months(t.year(), t.month(), months);
                    let d = t.day().min(last_day_of_month(y, m)?.day());
                    NaiveDate::from_ymd_opt(y, m, d)?.and_time(t.time())
                }
            };
        }
        let finest = parts.last()?.1;
        let fine = finest <= Unit::Day;
        Some(Res {
            value: if fine {
                t.format("%Y-%m-%dT%H:%M").to_string()
            } else {
                t.format("%Y-%m-%d").to_string()
            },
            kind: if fine {
                TimexType::Time
            } else {
                TimexType::Date
            },
            precision: if fine {
                Precision::Time
            } else {
                Precision::Day
            },
            first: Some(t.date()),
            last: Some(t.date()),
            source: DateSource::Relative,
            start: Some(t),
            end: None,
            grain: if fine { "minute" } else { "day" },
            to: None,
            tz: None,
        })
    }

    /// "By" a time: up to it, from the reference in calendar usage.
    fn until(&mut self, inner: &Sem, cand: &Cand) -> Option<Res> {
        let mut r = self.sem(inner, cand)?;
        if self.bias == Bias::Future {
            let end = if r.kind == TimexType::Time {
                r.start
            } else {
                r.end
            };
            r.start = self.reference;
            r.end = end;
            r.to = None;
            r.grain = "second";
        }
        Some(r)
    }

    /// An offset from another date ("two days after DATE").
    fn shift_from(&mut self, n: &i64, unit: &Unit, base: &Sem, cand: &Cand) -> Option<Res> {
        let b = self.sem(base, cand)?;
        let d = b.first?;
        match unit {
            Unit::Hour | Unit::Minute | Unit::Second => {
                let s = b.start?;
                let dt = match unit {
                    Unit::Hour => s.checked_add_signed(Duration::try_hours(*n)?)?,
                    Unit::Minute => s.checked_add_signed(Duration::try_minutes(*n)?)?,
                    _ => s.checked_add_signed(Duration::try_seconds(*n)?)?,
                };
                Some(Res {
                    value: dt.format("%Y-%m-%dT%H:%M").to_string(),
                    kind: TimexType::Time,
                    precision: Precision::Time,
                    first: Some(dt.date()),
                    last: Some(dt.date()),
                    source: DateSource::Relative,
                    start: Some(dt),
                    end: dt.checked_add_signed(Duration::minutes(1)),
                    grain: "minute",
                    to: None,
                    tz: b.tz,
                })
            }
            Unit::Day => Some(day_res(d.checked_add_signed(Duration::days(*n))?)),
            Unit::Week => Some(day_res(d.checked_add_signed(Duration::weeks(*n))?)),
            Unit::Month | Unit::Year => {
                let months = if *unit == Unit::Month { *n } else { 12 * n };
                let (y, m) = add_months(d.year(), d.month(), months);
                let day = d.day().min(last_day_of_month(y, m)?.day());
                Some(day_res(NaiveDate::from_ymd_opt(y, m, day)?))
            }
            _ => None,
        }
    }

    /// A clock time, on its own day or on the day under discussion. Called with a `Sem::Clock`.
    fn clock(&mut self, clock: &Sem, cand: &Cand, reference_day: NaiveDate) -> Option<Res> {
        let Sem::Clock {
            base,
            h,
            mi,
            sec,
            tz,
            loose,
        } = clock
        else {
            return None;
        };
        // a clock time without a day is on the day under discussion
        let (d, based) = match base {
            Some(b) => (self.sem(b, cand)?.first?, true),
            None if self.bias == Bias::News => (self.last.unwrap_or(reference_day), false),
            None => (reference_day, false),
        };
        let (h, extra_day) = if *h == 24 { (0, 1) } else { (*h, 0) };
        let t = NaiveTime::from_hms_opt(h, *mi, sec.unwrap_or(0))?;
        let mut dt = d
            .and_time(t)
            .checked_add_signed(Duration::days(extra_day))?;
        if !based && self.bias == Bias::Future {
            if let Some(r) = self.reference {
                // the next such time, compared at the hour: 4:23 is
                // still "now" at 4:30; 3:30 without am/pm is 15:30
                let hour_start = r.date().and_hms_opt(r.hour(), 0, 0)?;
                if dt < hour_start {
                    if *loose
                        && h < 12
                        && d.and_hms_opt(h + 12, *mi, sec.unwrap_or(0))? >= hour_start
                    {
                        dt = d.and_hms_opt(h + 12, *mi, sec.unwrap_or(0))?;
                    } else {
                        dt = dt.checked_add_signed(Duration::days(1))?;
                    }
                }
            }
        }
        let value = if sec.is_some() {
            dt.format("%Y-%m-%dT%H:%M:%S").to_string()
        } else {
            dt.format("%Y-%m-%dT%H:%M").to_string()
        };
        let grain = if sec.is_some() {
            "second"
        } else if *mi != 0 {
            "minute"
        } else {
            "hour"
        };
        Some(Res {
            value,
            kind: TimexType::Time,
            precision: Precision::Time,
            first: Some(dt.date()),
            last: Some(dt.date()),
            source: DateSource::Relative,
            start: Some(dt),
            end: dt.checked_add_signed(match grain {
                "second" => Duration::seconds(1),
                "minute" => Duration::minutes(1),
                _ => Duration::hours(1),
            }),
            grain,
            to: None,
            tz: tz.map(|z| z.offset_on(dt.date())),
        })
    }

    /// A number of working days from the reference.
    fn workdays(&self, n: &i64, reference_day: NaiveDate) -> Option<Res> {
        let step = Duration::days(n.signum());
        let mut d = reference_day;
        let mut left = n.unsigned_abs();
        while left > 0 {
            d = d.checked_add_signed(step)?;
            if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                left -= 1;
            }
        }
        Some(day_res(d))
    }

    /// The n-th weekday or holiday nearest another date.
    fn closest(&mut self, n: &u32, what: &Sem, to: &Sem, cand: &Cand) -> Option<Res> {
        let t = self.sem(to, cand)?.first?;
        let mut cands: Vec<NaiveDate> = Vec::new();
        match what {
            Sem::Weekday { wd, .. } => {
                let target = weekday_of(*wd);
                for off in -7 * 8..=7 * 8 {
                    let d = t.checked_add_signed(Duration::days(off))?;
                    if d.weekday() == target {
                        cands.push(d);
                    }
                }
            }
            Sem::Holiday { rule, .. } => {
                for y in t.year() - 8..=t.year() + 8 {
                    if let Some(d) = super::holiday::date(*rule, y) {
                        cands.push(d);
                    }
                }
            }
            _ => return None,
        }
        // nearest first; at equal distance the earlier one
        cands.sort_by_key(|d| ((*d - t).num_days().abs(), *d));
        Some(day_res(*cands.get((*n as usize).checked_sub(1)?)?))
    }

    /// A period "for" a number of units from a start.
    fn lasting(&mut self, base: &Sem, n: &i64, unit: &Unit, cand: &Cand) -> Option<Res> {
        let ra = self.sem(base, cand)?;
        if self.bias == Bias::News {
            return Some(ra);
        }
        let s = ra.start?;
        let to = match unit {
            Unit::Second => s.checked_add_signed(Duration::try_seconds(*n)?)?,
            Unit::Minute => s.checked_add_signed(Duration::try_minutes(*n)?)?,
            Unit::Hour => s.checked_add_signed(Duration::try_hours(*n)?)?,
            Unit::Day => s.checked_add_signed(Duration::try_days(*n)?)?,
            Unit::Week | Unit::Fortnight => {
                let w = if *unit == Unit::Week { *n } else { 2 * n };
                s.checked_add_signed(Duration::try_weeks(w)?)?
            }
            Unit::Month | Unit::Quarter | Unit::Year | Unit::Decade | Unit::Century => {
                let months = match unit {
                    Unit::Month => *n,
                    Unit::Quarter => 3 * n,
                    Unit::Year => 12 * n,
                    Unit::Decade => 120 * n,
                    _ => 1200 * n,
                };
                let (y, m) = add_months(s.year(), s.month(), months);
                let day = s.day().min(last_day_of_month(y, m)?.day());
                NaiveDate::from_ymd_opt(y, m, day)?.and_time(s.time())
            }
        };
        // like a range: up to the end of the last grain, the finer
        // of the start's and the unit's
        let step = |g: &str| match g {
            "second" => Duration::seconds(1),
            "minute" => Duration::minutes(1),
            "hour" => Duration::hours(1),
            _ => Duration::days(1),
        };
        let unit_step = match unit {
            Unit::Second => Duration::seconds(1),
            Unit::Minute => Duration::minutes(1),
            Unit::Hour => Duration::hours(1),
            _ => Duration::days(1),
        };
        let end = to.checked_add_signed(step(ra.grain).min(unit_step));
        let value = if ra.kind == TimexType::Time {
            to.format("%Y-%m-%dT%H:%M").to_string()
        } else {
            to.format("%Y-%m-%d").to_string()
        };
        Some(Res {
            value: format!("{}/{value}", ra.value),
            last: Some(to.date()),
            end,
            ..ra
        })
    }

    /// A range of two dates or times.
    fn range(&mut self, a: &Sem, b: &Sem, cand: &Cand) -> Option<Res> {
        let ra = self.sem(a, cand)?;
        let rb = self.sem(b, cand)?;
        // a start without a year takes the end's year
        let ra = match (a, b) {
            (
                Sem::Cal {
                    y: YearSpec::Infer,
                    m,
                    d,
                },
                Sem::Cal {
                    y: YearSpec::Abs(yb),
                    ..
                },
            ) => day_res(NaiveDate::from_ymd_opt(*yb, *m, *d)?),
            (
                Sem::Cal {
                    y: YearSpec::Infer,
                    m,
                    d,
                },
                Sem::Cal {
                    y: YearSpec::Infer,
                    m: mb,
                    ..
                },
            ) => {
                let yb = rb.first?.year();
                let ya = if m > mb { yb - 1 } else { yb };
                day_res(NaiveDate::from_ymd_opt(ya, *m, *d)?)
            }
            // "from December to May (2022)": the start is before the end
            (
                Sem::Month {
                    y: YearSpec::Infer,
                    m,
                },
                Sem::Month { m: mb, .. },
            ) => {
                let yb = rb.first?.year();
                let ya = if m > mb { yb - 1 } else { yb };
                month_res(ya, *m)?
            }
            _ => ra,
        };
        let (f, mut l) = (ra.first?, rb.last?);
        let mut rb = rb;
        if ra.kind == TimexType::Time && rb.kind == TimexType::Time && rb.start < ra.start {
            // "11am to 1am": the end is on the next day
            if let Some(bs) = rb.start {
                let next = bs.checked_add_signed(Duration::days(1))?;
                rb.start = Some(next);
                rb.first = Some(next.date());
                rb.last = Some(next.date());
                l = next.date();
            }
        }
        if l < f && matches!(b, Sem::Weekday { .. }) {
            // "Monday to Friday": the end follows the start
            l = l.checked_add_signed(Duration::weeks(1))?;
            rb = day_res(l);
        }
        if l < f {
            return Some(ra);
        }
        // clock ranges end one grain of the first time after the second
        let end = match (ra.kind, rb.start) {
            (TimexType::Time, Some(bs)) => match ra.grain {
                "second" => bs.checked_add_signed(Duration::seconds(1)),
                "minute" => bs.checked_add_signed(Duration::minutes(1)),
                _ => rb.end,
            },
            _ => rb.end,
        };
        let tz = rb.tz.or(ra.tz);
        Some(Res {
            end,
            tz,
            value: format!("{}/{}", ra.value, rb.value),
            kind: ra.kind,
            precision: ra.precision,
            first: Some(f),
            last: Some(l),
            source: ra.source,
            start: ra.start,
            grain: ra.grain,
            to: rb.start,
        })
    }

    /// A date with a modifier ("early", "mid", "late"): part of its period.
    fn modified(&mut self, inner: &Sem, m: &Modif, cand: &Cand) -> Option<Res> {
        let mut r = self.sem(inner, cand)?;
        if r.precision == Precision::PartOfDay {
            // "late tonight": its last three hours; "early morning":
            // all but those
            if let (Some(s), Some(e)) = (r.start, r.end) {
                let cut = e.checked_sub_signed(Duration::hours(3))?;
                match m {
                    Modif::End => r.start = Some(cut),
                    Modif::Start => r.end = Some(cut),
                    Modif::Mid => {}
                }
                let _ = s;
            }
            return Some(r);
        }
        if let (Some(f), Some(l)) = (r.first, r.last) {
            let narrowed = narrow(f, l, r.precision, *m);
            if let Some((nf, nl)) = narrowed {
                r.first = Some(nf);
                r.last = Some(nl);
                if matches!(
                    r.precision,
                    Precision::Week
                        | Precision::Month
                        | Precision::Quarter
                        | Precision::Year
                        | Precision::Decade
                        | Precision::Century
                        | Precision::Season
                ) {
                    r.start = nf.and_hms_opt(0, 0, 0);
                    r.end = nl.succ_opt().and_then(|d| d.and_hms_opt(0, 0, 0));
                }
            }
        }
        Some(r)
    }

    fn cal(&self, y: YearSpec, m: u32, d: u32, tense: Tense, rd: NaiveDate) -> Option<NaiveDate> {
        match y {
            YearSpec::Abs(y) => NaiveDate::from_ymd_opt(y, m, d),
            YearSpec::Rel(o) => NaiveDate::from_ymd_opt(rd.year() + o as i32, m, d),
            YearSpec::Infer => {
                let mut best: Option<NaiveDate> = None;
                for y in [rd.year() - 1, rd.year(), rd.year() + 1] {
                    let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
                        continue;
                    };
                    let better = match self.bias {
                        Bias::Future => date >= rd && best.is_none_or(|b| date < b),
                        Bias::News | Bias::Casual => {
                            let dist = (date - rd).num_days().abs();
                            best.is_none_or(|b| dist < (b - rd).num_days().abs())
                        }
                    };
                    if better {
                        best = Some(date);
                    }
                }
                let _ = tense;
                best
            }
        }
    }

    fn infer_month_year(&self, m: u32, tense: Tense, rd: NaiveDate) -> i32 {
        let cur = rd.month();
        match (self.bias, tense) {
            (Bias::Future, _) => {
                if m >= cur {
                    rd.year()
                } else {
                    rd.year() + 1
                }
            }
            (Bias::News | Bias::Casual, Tense::Past) => {
                if m <= cur {
                    rd.year()
                } else {
                    rd.year() - 1
                }
            }
            (Bias::News | Bias::Casual, Tense::Future) => {
                if m >= cur {
                    rd.year()
                } else {
                    rd.year() + 1
                }
            }
            (Bias::News | Bias::Casual, Tense::None) => {
                let diff = m as i32 - cur as i32;
                if diff > 6 {
                    rd.year() - 1
                } else if diff < -6 {
                    rd.year() + 1
                } else {
                    rd.year()
                }
            }
        }
    }

    /// The weekend starting on Saturday `sat`.
    fn weekend_res(&self, sat: NaiveDate) -> Option<Res> {
        let iso = sat.iso_week();
        let mut r = span_res(
            format!("{:04}-W{:02}-WE", iso.year(), iso.week()),
            sat,
            sat.checked_add_signed(Duration::days(1))?,
            Precision::Week,
            "week",
        );
        if self.bias == Bias::Future {
            // calendar usage: from Friday 18:00 to Monday 00:00
            r.start = sat.pred_opt()?.and_hms_opt(18, 0, 0);
        }
        Some(r)
    }

    fn season_year(&self, s: u32, off: i64, tense: Tense, rd: NaiveDate) -> i32 {
        // the season the reference date is in
        let (m, d) = (rd.month(), rd.day());
        let md = m * 100 + d;
        let (cur, cur_year) = if md >= 1221 {
            (3, rd.year())
        } else if md >= 923 {
            (2, rd.year())
        } else if md >= 621 {
            (1, rd.year())
        } else if md >= 320 {
            (0, rd.year())
        } else {
            (3, rd.year() - 1)
        };
        let s = s as i32;
        // seasons counted from spring of each year
        let idx_cur = cur_year * 4 + cur;
        let same_year = cur_year * 4 + s;
        let pick = match off {
            0 => {
                let dirn = match (self.bias, tense) {
                    (Bias::Future, _) | (Bias::News | Bias::Casual, Tense::Future) => 1,
                    (Bias::News | Bias::Casual, Tense::Past) => -1,
                    _ => 0,
                };
                let mut c = same_year;
                if dirn > 0 && c < idx_cur {
                    c += 4;
                } else if dirn < 0 && c > idx_cur {
                    c -= 4;
                } else if dirn == 0 {
                    if c - idx_cur > 2 {
                        c -= 4;
                    } else if idx_cur - c > 2 {
                        c += 4;
                    }
                }
                c
            }
            o if o < 0 => {
                let mut c = same_year;
                while c >= idx_cur {
                    c -= 4;
                }
                c
            }
            _ => {
                let mut c = same_year;
                while c <= idx_cur {
                    c += 4;
                }
                c
            }
        };
        pick.div_euclid(4)
    }

    fn weekday(
        &self,
        wd: u32,
        rel: i64,
        weeks: Option<i64>,
        tense: Tense,
        base: NaiveDate,
    ) -> Option<NaiveDate> {
        let target = weekday_of(wd).num_days_from_monday() as i64;
        let cur = base.weekday().num_days_from_monday() as i64;
        if let Some(w) = weeks {
            let monday = base.checked_sub_signed(Duration::days(cur))?;
            return monday.checked_add_signed(Duration::days(7 * w + target));
        }
        let fwd = (target - cur).rem_euclid(7); // 0..6 days ahead
        let back = (cur - target).rem_euclid(7); // 0..6 days back
        let next_strict = if fwd == 0 { 7 } else { fwd };
        let prev_strict = if back == 0 { 7 } else { back };
        let days: i64 = match rel {
            -1 => -prev_strict,
            1 => {
                // the weekday of next week
                let monday_next = 7 - cur;
                monday_next + target
            }
            2 => fwd,
            r if r >= 10 => next_strict + 7 * (r - 11),
            r if r <= -10 => -prev_strict - 7 * (-r - 11),
            _ => match self.bias {
                Bias::Future => next_strict,
                Bias::News | Bias::Casual => {
                    if fwd == 0 {
                        0
                    } else {
                        match tense {
                            Tense::Past => {
                                // a past event "on Tuesday" in a paper dated Monday
                                // is in another time zone, not six days ago
                                if fwd == 1 {
                                    1
                                } else {
                                    -back
                                }
                            }
                            Tense::Future => fwd,
                            Tense::None => {
                                if fwd <= 3 {
                                    fwd
                                } else {
                                    -back
                                }
                            }
                        }
                    }
                }
            },
        };
        base.checked_add_signed(Duration::days(days))
    }

    fn unit(&self, unit: Unit, off: i64, rd: NaiveDate) -> Option<Res> {
        match unit {
            Unit::Week | Unit::Fortnight => week_res(rd.checked_add_signed(Duration::weeks(off))?),
            Unit::Month => {
                let (y, m) = add_months(rd.year(), rd.month(), off);
                month_res(y, m)
            }
            Unit::Quarter => {
                let q0 = (rd.month() - 1) / 3;
                let (y, m) = add_months(rd.year(), q0 * 3 + 1, off * 3);
                quarter_res(y, (m - 1) / 3 + 1)
            }
            Unit::Year => year_res(rd.year() + off as i32),
            Unit::Decade => decade_res(rd.year() / 10 + off as i32),
            Unit::Century => century_res(rd.year() / 100 + off as i32),
            Unit::Day => Some(day_res(rd.checked_add_signed(Duration::days(off))?)),
            _ => None,
        }
    }

    /// The period of `n` units before (`dir` -1) or after (1) the current one.
    fn span(&self, n: i64, unit: Unit, dir: i64) -> Option<Res> {
        let r = self.reference?;
        let rd = r.date();
        let (cur_start, next_start): (NaiveDateTime, NaiveDateTime) = match unit {
            Unit::Second => {
                let s = r.with_nanosecond(0)?;
                (s, s + Duration::seconds(1))
            }
            Unit::Minute => {
                let s = r.with_second(0)?.with_nanosecond(0)?;
                (s, s + Duration::minutes(1))
            }
            Unit::Hour => {
                let s = rd.and_hms_opt(r.hour(), 0, 0)?;
                (s, s + Duration::hours(1))
            }
            Unit::Day => (
                rd.and_hms_opt(0, 0, 0)?,
                rd.succ_opt()?.and_hms_opt(0, 0, 0)?,
            ),
            Unit::Week | Unit::Fortnight => {
                let m = rd.checked_sub_signed(Duration::days(
                    rd.weekday().num_days_from_monday() as i64,
                ))?;
                (
                    m.and_hms_opt(0, 0, 0)?,
                    m.checked_add_signed(Duration::weeks(1))?
                        .and_hms_opt(0, 0, 0)?,
                )
            }
            Unit::Month | Unit::Quarter | Unit::Year | Unit::Decade | Unit::Century => {
                let months = match unit {
                    Unit::Month => 1,
                    Unit::Quarter => 3,
                    Unit::Year => 12,
                    Unit::Decade => 120,
                    _ => 1200,
                };
                let (y0, m0) = match unit {
                    Unit::Month => (rd.year(), rd.month()),
                    Unit::Quarter => (rd.year(), (rd.month() - 1) / 3 * 3 + 1),
                    _ => (rd.year(), 1),
                };
                let s = NaiveDate::from_ymd_opt(y0, m0, 1)?;
                let (y1, m1) = add_months(y0, m0, months);
                (
                    s.and_hms_opt(0, 0, 0)?,
                    NaiveDate::from_ymd_opt(y1, m1, 1)?.and_hms_opt(0, 0, 0)?,
                )
            }
        };
        let step = |t: NaiveDateTime, k: i64| -> Option<NaiveDateTime> {
            match unit {
                Unit::Second => t.checked_add_signed(Duration::try_seconds(k)?),
                Unit::Minute => t.checked_add_signed(Duration::try_minutes(k)?),
                Unit::Hour => t.checked_add_signed(Duration::try_hours(k)?),
                Unit::Day => t.checked_add_signed(Duration::try_days(k)?),
                Unit::Week | Unit::Fortnight => t.checked_add_signed(Duration::try_weeks(k)?),
                _ => {
                    let months = match unit {
                        Unit::Month => 1,
                        Unit::Quarter => 3,
                        Unit::Year => 12,
                        Unit::Decade => 120,
                        _ => 1200,
                    } * k;
                    let (y, m) = add_months(t.year(), t.month(), months);
                    NaiveDate::from_ymd_opt(y, m, 1)?.and_hms_opt(0, 0, 0)
                }
            }
        };
        let (start, end) = if dir < 0 {
            (step(cur_start, -n)?, cur_start)
        } else {
            (next_start, step(next_start, n)?)
        };
        let last_day = (end - Duration::seconds(1)).date();
        let mut res = span_res(
            format!(
                "{}/{}",
                start.format("%Y-%m-%dT%H:%M"),
                end.format("%Y-%m-%dT%H:%M")
            ),
            start.date(),
            last_day,
            Precision::Day,
            match unit {
                Unit::Second => "second",
                Unit::Minute => "minute",
                Unit::Hour => "hour",
                Unit::Day => "day",
                Unit::Week | Unit::Fortnight => "week",
                Unit::Month => "month",
                Unit::Quarter => "quarter",
                _ => "year",
            },
        );
        res.start = Some(start);
        res.end = Some(end);
        Some(res)
    }

    fn shift(&self, n: i64, unit: Unit, base: NaiveDate, anchor: Anchor) -> Option<Res> {
        if anchor == Anchor::Ref && self.bias != Bias::News {
            return self.point(n, unit);
        }
        match unit {
            Unit::Day => Some(day_res(base.checked_add_signed(Duration::days(n))?)),
            Unit::Week | Unit::Fortnight => {
                if anchor == Anchor::Last {
                    week_res(base.checked_add_signed(Duration::weeks(n))?)
                } else {
                    let d = base.checked_add_signed(Duration::weeks(n))?;
                    let mut r = week_res(d)?;
                    r.start = d.and_hms_opt(0, 0, 0);
                    Some(r)
                }
            }
            Unit::Month => {
                let (y, m) = add_months(base.year(), base.month(), n);
                month_res(y, m)
            }
            Unit::Quarter => {
                let (y, m) = add_months(base.year(), base.month(), 3 * n);
                quarter_res(y, (m - 1) / 3 + 1)
            }
            Unit::Year => year_res(base.year() + n as i32),
            Unit::Decade => decade_res((base.year() + 10 * n as i32) / 10),
            Unit::Century => century_res((base.year() + 100 * n as i32) / 100),
            Unit::Hour | Unit::Minute | Unit::Second => {
                let r = self.reference?;
                let dt = match unit {
                    Unit::Hour => r.checked_add_signed(Duration::try_hours(n)?)?,
                    Unit::Minute => r.checked_add_signed(Duration::try_minutes(n)?)?,
                    _ => r.checked_add_signed(Duration::try_seconds(n)?)?,
                };
                Some(Res {
                    value: dt.format("%Y-%m-%dT%H:%M").to_string(),
                    kind: TimexType::Time,
                    precision: Precision::Time,
                    first: Some(dt.date()),
                    last: Some(dt.date()),
                    source: DateSource::Relative,
                    start: Some(dt),
                    end: dt.checked_add_signed(Duration::minutes(1)),
                    grain: match unit {
                        Unit::Hour => "minute",
                        _ => "second",
                    },
                    to: None,
                    tz: None,
                })
            }
        }
    }
}

impl Ctx {
    /// Calendar usage of "3 days ago", "in 2 weeks": the instant that many
    /// units from the reference, one grain finer than the unit.
    fn point(&self, n: i64, unit: Unit) -> Option<Res> {
        let r = self.reference?;
        let (dt, grain) = match unit {
            Unit::Second => (r.checked_add_signed(Duration::try_seconds(n)?)?, "second"),
            Unit::Minute => (r.checked_add_signed(Duration::try_minutes(n)?)?, "second"),
            Unit::Hour => (r.checked_add_signed(Duration::try_hours(n)?)?, "minute"),
            Unit::Day => {
                let t = r.checked_add_signed(Duration::try_days(n)?)?;
                if self.bias == Bias::Future {
                    (t.date().and_hms_opt(t.hour(), 0, 0)?, "hour")
                } else {
                    (t, "hour")
                }
            }
            Unit::Week | Unit::Fortnight => (r.checked_add_signed(Duration::try_weeks(n)?)?, "day"),
            Unit::Month | Unit::Quarter | Unit::Year | Unit::Decade | Unit::Century => {
                let months = match unit {
                    Unit::Month => 1,
                    Unit::Quarter => 3,
                    Unit::Year => 12,
                    Unit::Decade => 120,
                    _ => 1200,
                } * n;
                let (y, m) = add_months(r.year(), r.month(), months);
                let d = r.day().min(last_day_of_month(y, m)?.day());
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                if unit == Unit::Month || unit == Unit::Quarter {
                    (date.and_time(r.time()), "day")
                } else {
                    (date.and_time(r.time()), "month")
                }
            }
        };
        let (value, start) = match grain {
            "day" => (
                dt.format("%Y-%m-%d").to_string(),
                dt.date().and_hms_opt(0, 0, 0)?,
            ),
            "month" => (
                dt.format("%Y-%m").to_string(),
                NaiveDate::from_ymd_opt(dt.year(), dt.month(), 1)?.and_hms_opt(0, 0, 0)?,
            ),
            _ => (dt.format("%Y-%m-%dT%H:%M").to_string(), dt),
        };
        let (first, last) = match grain {
            "month" => (start.date(), last_day_of_month(dt.year(), dt.month())?),
            _ => (dt.date(), dt.date()),
        };
        Some(Res {
            value,
            kind: if matches!(grain, "day" | "month") {
                TimexType::Date
            } else {
                TimexType::Time
            },
            precision: match grain {
                "day" => Precision::Day,
                "month" => Precision::Month,
                _ => Precision::Time,
            },
            first: Some(first),
            last: Some(last),
            source: DateSource::Relative,
            start: Some(
                if grain == "hour" || grain == "minute" || grain == "second" {
                    dt
                } else {
                    start
                },
            ),
            end: None,
            grain,
            to: None,
            tz: None,
        })
    }
}

/// The part of a period that "early", "mid" or "late" names: the first,
/// middle or last ten days of a month, the first three or last four months
/// of a year, the first three or last three days of a week, else thirds.
fn narrow(f: NaiveDate, l: NaiveDate, p: Precision, m: Modif) -> Option<(NaiveDate, NaiveDate)> {
    let day = |d: NaiveDate, k: i64| d.checked_add_signed(Duration::days(k));
    let month_start = |y: i32, mo: u32| NaiveDate::from_ymd_opt(y, mo, 1);
    match (p, m) {
        (Precision::Month, Modif::Start) => Some((f, day(f, 9)?)),
        (Precision::Month, Modif::Mid) => Some((day(f, 10)?, day(f, 19)?)),
        (Precision::Month, Modif::End) => Some((day(f, 20)?, l)),
        (Precision::Year, Modif::Start) => Some((f, month_start(f.year(), 4)?.pred_opt()?)),
        (Precision::Year, Modif::Mid) => Some((
            month_start(f.year(), 5)?,
            month_start(f.year(), 9)?.pred_opt()?,
        )),
        (Precision::Year, Modif::End) => Some((month_start(f.year(), 9)?, l)),
        (Precision::Week, Modif::Start) => Some((f, day(f, 2)?)),
        (Precision::Week, Modif::Mid) => Some((day(f, 2)?, day(f, 4)?)),
        (Precision::Week, Modif::End) => Some((day(f, 4)?, l)),
        _ => {
            let len = (l - f).num_days() + 1;
            if len < 3 {
                return None;
            }
            let third = len / 3;
            match m {
                Modif::Start => Some((f, day(f, third - 1)?)),
                Modif::End => Some((day(l, -(third - 1))?, l)),
                _ => Some((day(f, third)?, day(l, -third)?)),
            }
        }
    }
}

/// A recurring set ("every week").
fn set_res(value: &str) -> Res {
    Res {
        value: value.to_string(),
        kind: TimexType::Set,
        precision: Precision::Unknown,
        first: None,
        last: None,
        source: DateSource::Relative,
        start: None,
        end: None,
        grain: "set",
        to: None,
        tz: None,
    }
}

fn pod_res(d: NaiveDate, pod: Pod) -> Res {
    let (h0, h1) = match pod {
        Pod::Morning => (0, 12),
        Pod::Afternoon => (12, 19),
        Pod::Evening => (18, 24),
        Pod::Night => (18, 24),
    };
    let start = d.and_hms_opt(h0, 0, 0);
    let end = if h1 == 24 {
        d.succ_opt().and_then(|n| n.and_hms_opt(0, 0, 0))
    } else {
        d.and_hms_opt(h1, 0, 0)
    };
    Res {
        value: format!("{}T{}", d.format("%Y-%m-%d"), pod.code()),
        kind: TimexType::Time,
        precision: Precision::PartOfDay,
        first: Some(d),
        last: Some(d),
        source: DateSource::Relative,
        start,
        end,
        grain: "part_of_day",
        to: None,
        tz: None,
    }
}

fn vague_res(v: &str) -> Res {
    Res {
        value: v.to_string(),
        kind: TimexType::Date,
        precision: Precision::Unknown,
        first: None,
        last: None,
        source: DateSource::Relative,
        start: None,
        end: None,
        grain: "vague",
        to: None,
        tz: None,
    }
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The TIMEX3 duration of a compound amount: "1 day 21 hours" is `P1DT21H`.
fn multi_duration(parts: &[(i64, Unit)]) -> Res {
    let mut date = String::new();
    let mut time = String::new();
    for (n, u) in parts {
        match u {
            Unit::Second => time.push_str(&format!("{n}S")),
            Unit::Minute => time.push_str(&format!("{n}M")),
            Unit::Hour => time.push_str(&format!("{n}H")),
            Unit::Day => date.push_str(&format!("{n}D")),
            Unit::Week => date.push_str(&format!("{n}W")),
            Unit::Fortnight => date.push_str(&format!("{}W", 2 * n)),
            Unit::Month => date.push_str(&format!("{n}M")),
            Unit::Quarter => date.push_str(&format!("{}M", 3 * n)),
            Unit::Year => date.push_str(&format!("{n}Y")),
            Unit::Decade => date.push_str(&format!("{}Y", 10 * n)),
            Unit::Century => date.push_str(&format!("{}Y", 100 * n)),
        }
    }
    let mut r = duration_res(None, Unit::Day);
    r.value = if time.is_empty() {
        format!("P{date}")
    } else {
        format!("P{date}T{time}")
    };
    r
}

fn duration_res(n: Option<f64>, unit: Unit) -> Res {
    let num = |mult: f64| {
        n.map(|v| fmt_num(v * mult))
            .unwrap_or_else(|| "X".to_string())
    };
    let value = match unit {
        Unit::Second => format!("PT{}S", num(1.0)),
        Unit::Minute => format!("PT{}M", num(1.0)),
        Unit::Hour => {
            if n.is_some_and(|v| v.fract() != 0.0) {
                format!("PT{}M", num(60.0))
            } else {
                format!("PT{}H", num(1.0))
            }
        }
        Unit::Day => format!("P{}D", num(1.0)),
        Unit::Week => format!("P{}W", num(1.0)),
        Unit::Fortnight => format!("P{}W", num(2.0)),
        Unit::Month => format!("P{}M", num(1.0)),
        Unit::Quarter => format!("P{}Q", num(1.0)),
        Unit::Year => format!("P{}Y", num(1.0)),
        Unit::Decade => format!("P{}Y", num(10.0)),
        Unit::Century => format!("P{}Y", num(100.0)),
    };
    Res {
        value,
        kind: TimexType::Duration,
        precision: Precision::Unknown,
        first: None,
        last: None,
        source: DateSource::Relative,
        start: None,
        end: None,
        grain: "duration",
        to: None,
        tz: None,
    }
}

/// Values without a reference date: underspecified where the text allows.
fn unanchored(s: &Sem) -> Option<Res> {
    let v = match s {
        Sem::Cal {
            y: YearSpec::Abs(y),
            m,
            d,
        } => return NaiveDate::from_ymd_opt(*y, *m, *d).map(day_res),
        Sem::Cal {
            y: YearSpec::Infer,
            m,
            d,
        } => format!("XXXX-{m:02}-{d:02}"),
        Sem::Month {
            m,
            y: YearSpec::Abs(y),
        } => return month_res(*y, *m),
        Sem::Month {
            m,
            y: YearSpec::Infer,
        } => format!("XXXX-{m:02}"),
        Sem::Year(y) => return year_res(*y),
        Sem::Decade(d) => return decade_res(*d),
        Sem::Century(c) => return century_res(*c),
        Sem::Quarter {
            q,
            y: YearSpec::Abs(y),
        } => return quarter_res(*y, *q),
        Sem::Season {
            s,
            y: YearSpec::Abs(y),
        } => return season_res(*y, *s),
        Sem::Weekday { wd, .. } => format!("XXXX-WXX-{}", wd + 1),
        Sem::Duration { n, unit } => return Some(duration_res(*n, *unit)),
        Sem::Set(v) => v.to_string(),
        Sem::Vague(v) => v.to_string(),
        Sem::Now | Sem::DayOffset(0) => "PRESENT_REF".to_string(),
        Sem::InFuture { n, unit, .. } => return Some(duration_res(n.map(|v| v as f64), *unit)),
        Sem::Multi { parts, .. } => return Some(multi_duration(parts)),
        Sem::Span { n, unit, .. } => return Some(duration_res(n.map(|v| v as f64), *unit)),
        Sem::Shift { n, .. } | Sem::Unit { off: n, .. } if *n < 0 => "PAST_REF".to_string(),
        Sem::Shift { .. } | Sem::Unit { .. } => "FUTURE_REF".to_string(),
        Sem::DayOffset(n) if *n < 0 => "PAST_REF".to_string(),
        Sem::DayOffset(_) => "FUTURE_REF".to_string(),
        Sem::Range(a, _) | Sem::Mod(a, _) | Sem::By(a) => return unanchored(a),
        _ => return None,
    };
    let mut r = vague_res(&v);
    r.source = DateSource::Unknown;
    if matches!(s, Sem::Set(_)) {
        r.kind = TimexType::Set;
    }
    Some(r)
}

fn explicit(s: &Sem) -> bool {
    match s {
        Sem::Cal {
            y: YearSpec::Abs(_),
            ..
        }
        | Sem::Numeric {
            y: YearSpec::Abs(_),
            ..
        }
        | Sem::Month {
            y: YearSpec::Abs(_),
            ..
        }
        | Sem::Year(_)
        | Sem::Decade(_)
        | Sem::Century(_)
        | Sem::Season {
            y: YearSpec::Abs(_),
            ..
        }
        | Sem::Quarter {
            y: YearSpec::Abs(_),
            ..
        } => true,
        Sem::Range(a, b) => explicit(a) || explicit(b),
        Sem::Mod(a, _) | Sem::By(a) => explicit(a),
        Sem::Clock { base: Some(b), .. } | Sem::Pod { base: b, .. } => explicit(b),
        _ => false,
    }
}

fn relative_day(s: &Sem) -> bool {
    match s {
        Sem::Weekday { .. } | Sem::DayOffset(_) => true,
        Sem::Pod { base, .. } => relative_day(base),
        Sem::Clock { base: Some(b), .. } => relative_day(b),
        _ => false,
    }
}
