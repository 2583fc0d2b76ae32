//! The grammar of the temporal tagger: hand-written patterns over the tokens
//! of [`super::scan`], tried only at tokens that can start a temporal
//! expression. Each match becomes a [`Sem`], an unresolved meaning that
//! [`super::resolve`] turns into a TIMEX3 value.

use super::scan::{Kind, Kw, Lex, Pod, Tok, Unit};

/// Which year a month or day without one belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum YearSpec {
    /// Not stated: chosen from the reference date and the tense.
    Infer,
    /// Written out ("March 2014").
    Abs(i32),
    /// Relative to the reference year ("last year" = -1).
    Rel(i64),
}

/// What a relative shift is counted from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Anchor {
    /// The reference date.
    Ref,
    /// The last date mentioned before ("a day later", "the previous day").
    Last,
}

/// The tense of the clause around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    /// A past-tense verb governs the expression ("said on Monday").
    Past,
    /// A future verb governs the expression ("will meet on Tuesday").
    Future,
    /// A present-tense verb, or no tense cue at all.
    None,
}

/// What "the first ... of" counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Nth {
    /// A weekday, 0 = Monday .. 6 = Sunday.
    Weekday(u32),
    /// A day.
    Day,
    /// A week.
    Week,
    /// A weekend counted by its Sunday.
    Weekend,
}

/// Modifiers of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Modif {
    /// "early", "the beginning of", "the start of", "earlier this".
    Start,
    /// "mid", "the middle of".
    Mid,
    /// "late", "the end of", "later this".
    End,
}

/// The meaning of a temporal expression before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Sem {
    /// A calendar day: "March 30", "30 March 2014", "2014-03-30".
    Cal {
        /// The year.
        y: YearSpec,
        /// Month, 1 to 12.
        m: u32,
        /// Day of the month.
        d: u32,
    },
    /// "Fri, Jul 18": a month and day whose year the weekday decides.
    CalWd {
        /// Month, 1 to 12.
        m: u32,
        /// Day of the month.
        d: u32,
        /// Weekday, 0 = Monday.
        wd: u32,
    },
    /// "Thu 15th": a day of month whose month the weekday decides.
    DomWd {
        /// Day of the month.
        d: u32,
        /// Weekday, 0 = Monday.
        wd: u32,
    },
    /// "the first Tuesday of October", "the last day of May", "the 20th of
    /// next month": `n` from the start (negative: from the end).
    NthOf {
        /// 1 for the first, -1 for the last.
        n: i64,
        /// What is counted.
        what: Nth,
        /// The period counted in.
        of: Box<Sem>,
    },
    /// A holiday; `rel` -1 last, 1 next, 2 this, 0 none.
    Holiday {
        /// How to find the holiday's day in a year.
        rule: super::holiday::Rule,
        /// The year.
        y: YearSpec,
        /// -1 last, 1 next, 2 this, 0 none.
        rel: i64,
    },
    /// "the 15th": a day of the current month.
    DayOfMonth(u32),
    /// A month: "March", "March 2014".
    Month {
        /// Month, 1 to 12.
        m: u32,
        /// The year.
        y: YearSpec,
    },
    /// "last March" (-1), "next March" (1), "this March" (0).
    RelMonth {
        /// Month, 1 to 12.
        m: u32,
        /// -1 last, 1 next, 0 this.
        off: i64,
    },
    /// "last summer", "this spring".
    RelSeason {
        /// 0 spring, 1 summer, 2 fall, 3 winter.
        s: u32,
        /// -1 last, 1 next, 0 this.
        off: i64,
    },
    /// `a/b[/y]`: month and day in the order of the locale.
    Numeric {
        /// The first number.
        a: u32,
        /// The second number.
        b: u32,
        /// The year.
        y: YearSpec,
    },
    /// A year: "2014".
    Year(i32),
    /// First three digits: 199 = the 1990s.
    Decade(i32),
    /// First two digits: 19 = the twentieth century.
    Century(i32),
    /// A season: "spring 2014".
    Season {
        /// 0 spring, 1 summer, 2 fall, 3 winter.
        s: u32,
        /// The year.
        y: YearSpec,
    },
    /// A quarter of a year: "the second quarter".
    Quarter {
        /// Quarter, 1 to 4.
        q: u32,
        /// The year.
        y: YearSpec,
    },
    /// A weekday; `rel` 0 bare, 1 next, -1 last, 2 this; `weeks` "of next week".
    Weekday {
        /// Weekday, 0 = Monday.
        wd: u32,
        /// 0 bare, 1 next, -1 last, 2 this.
        rel: i64,
        /// Weeks from the reference week ("of next week": 1).
        weeks: Option<i64>,
    },
    /// Days from the reference: "today" 0, "yesterday" -1, "tomorrow" 1.
    DayOffset(i64),
    /// this/last/next week, month, year ...
    Unit {
        /// The period.
        unit: Unit,
        /// -1 last, 0 this, 1 next.
        off: i64,
    },
    /// A weekend, counted in weekends from this one ("next weekend": 1).
    Weekend(i64),
    /// "the last 2 days", "next 3 weeks": a duration in news usage, the
    /// period before or after the reference in calendar usage.
    Span {
        /// Number of units; `None` when not written.
        n: Option<i64>,
        /// The unit.
        unit: Unit,
        /// -1 before the reference, 1 after.
        dir: i64,
        /// "upcoming two weeks": in calendar usage the second week from now.
        upcoming: bool,
    },
    /// "in 5 days": a duration in news usage, a date in calendar usage.
    /// `n` is None for "a few" (3) or "several" (7).
    InFuture {
        /// Number of units.
        n: Option<i64>,
        /// The unit.
        unit: Unit,
        /// Said with "within" rather than "in".
        within: bool,
        /// "several" rather than "a few", when `n` is `None`.
        several: bool,
    },
    /// A compound amount: "1 day 21 hours" (`dir` 0), "... ago" (-1), "in
    /// ..." or "+..." (1).
    Multi {
        /// The amounts, in the order written.
        parts: Vec<(i64, Unit)>,
        /// 0 a duration, -1 ago, 1 ahead.
        dir: i64,
    },
    /// "by the end of the month": from now until the end of it (calendar
    /// usage); in news the date itself.
    By(Box<Sem>),
    /// "2 days after next Friday": n units from a day.
    ShiftFrom {
        /// Number of units; negative for "before".
        n: i64,
        /// The unit.
        unit: Unit,
        /// The day counted from.
        base: Box<Sem>,
    },
    /// n units from an anchor.
    Shift {
        /// Number of units; negative for the past.
        n: i64,
        /// The unit.
        unit: Unit,
        /// What the shift is counted from.
        anchor: Anchor,
    },
    /// A part of a day: "Monday morning", "this evening".
    Pod {
        /// The day.
        base: Box<Sem>,
        /// The part of the day.
        pod: Pod,
    },
    /// A part of the day of the last date mentioned ("in the afternoon").
    PodAnaphor(Pod),
    /// A clock time, on a day when one is written: "9:02 PM Monday".
    Clock {
        /// The day; `None` for the day of the context.
        base: Option<Box<Sem>>,
        /// Hour, 0 to 24.
        h: u32,
        /// Minute.
        mi: u32,
        /// Second, when written.
        sec: Option<u32>,
        /// Offset of a stated time zone, minutes east of UTC.
        tz: Option<Zone>,
        /// Written without am/pm: 3:30 may be 15:30.
        loose: bool,
    },
    /// From the first to the second: "from Monday to Friday".
    Range(Box<Sem>, Box<Sem>),
    /// A length of time: "three days", "recent weeks".
    Duration {
        /// Number of units (may be fractional); `None` when not stated.
        n: Option<f64>,
        /// The unit.
        unit: Unit,
    },
    /// A recurrence with its TIMEX3 value: "daily" is `P1D`.
    Set(&'static str),
    /// A vague time with its TIMEX3 value: `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`.
    Vague(&'static str),
    /// "now", "at the moment": the reference instant.
    Now,
    /// A period with a modifier: "early March", "the end of the year".
    Mod(Box<Sem>, Modif),
    /// "the closest Monday to Oct 5th", "the second closest xmas to today":
    /// the `n`th weekday or holiday nearest to a day.
    Closest {
        /// 1 for the closest, 2 for the second closest.
        n: u32,
        /// The weekday or holiday.
        what: Box<Sem>,
        /// The day it is nearest to.
        to: Box<Sem>,
    },
    /// "a few days ago" (3 units), "several weeks ago" (7): in news an
    /// unspecified past (PAST_REF).
    FewAgo {
        /// The unit.
        unit: Unit,
        /// "several" rather than "a few".
        several: bool,
    },
    /// A day or period with a time zone after it: "today EST".
    Zoned(Box<Sem>, Zone),
    /// "next weekday", "last weekday": `n` working days (Monday to Friday)
    /// from the reference.
    Workday(i64),
    /// "18th Dec for 10 days", "from 4pm for thirty minutes": a stretch of
    /// `n` units from the start of a date or time.
    For {
        /// The start.
        base: Box<Sem>,
        /// Number of units.
        n: i64,
        /// The unit.
        unit: Unit,
    },
}

/// A clock time found at some token.
#[derive(Debug, Clone, Copy)]
struct Ck {
    e: usize,
    h: u32,
    mi: u32,
    sec: Option<u32>,
    tz: Option<Zone>,
    loose: bool,
    pm: Option<bool>,
    /// A bare number taken as an hour from its context.
    bare: bool,
}

/// The hour of a clock time said with a part of day ("8 this evening").
impl Ck {
    /// A named hour ("noon", "midnight") ending before token `e`.
    fn named_hour(e: usize, h: u32, pm: bool) -> Ck {
        Ck {
            e,
            h,
            mi: 0,
            sec: None,
            tz: None,
            loose: false,
            pm: Some(pm),
            bare: false,
        }
    }
}

fn pod_hour(h: u32, pod: Pod, free: bool) -> u32 {
    if !free || h >= 12 {
        return h;
    }
    match pod {
        Pod::Morning => h,
        Pod::Afternoon | Pod::Evening => h + 12,
        Pod::Night => {
            if h >= 5 {
                h + 12
            } else {
                h
            }
        }
    }
}

/// One match: token range `[s, e)` and its meaning.
#[derive(Debug, Clone)]
pub(super) struct Cand {
    /// Index of the first token.
    pub s: usize,
    /// Index just past the last token (exclusive).
    pub e: usize,
    /// What the expression means, before resolution.
    pub sem: Sem,
    /// The tense of the clause around it.
    pub tense: Tense,
    /// The first token is inside a direct quotation.
    pub quoted: bool,
}

/// The pattern matcher over the tokens of one text.
pub(super) struct Parser<'a> {
    /// The tokens, from `scan::tokenize` over `text`.
    pub t: &'a [Tok],
    /// The text the tokens' byte spans point into.
    pub text: &'a str,
}

type R = Option<(usize, Sem)>;

impl<'a> Parser<'a> {
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.t.get(i)
    }
    fn kw(&self, i: usize, k: Kw) -> bool {
        self.t.get(i).is_some_and(|t| t.is_kw(k))
    }
    fn p(&self, i: usize, c: u8) -> bool {
        self.t.get(i).is_some_and(|t| t.is_punct(c))
    }
    fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.gap == 0)
    }
    fn num(&self, i: usize) -> Option<(u64, u8)> {
        self.t.get(i).and_then(|t| t.num())
    }
    fn lex(&self, i: usize) -> Lex {
        self.t.get(i).map(|t| t.lex()).unwrap_or(Lex::Other)
    }
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.is_word() && self.text[t.start..t.end].eq_ignore_ascii_case(w))
    }
    fn raw(&self, i: usize) -> &str {
        self.t
            .get(i)
            .map(|t| &self.text[t.start..t.end])
            .unwrap_or("")
    }
    /// A sentence boundary lies between tokens i-1 and i.
    fn boundary_before(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let t = &self.t[i];
        if t.gap == 2 {
            return true;
        }
        matches!(
            self.t[i - 1].punct(),
            Some(b'.' | b'!' | b'?' | b';' | b':')
        )
    }

    /// Every temporal expression, in order.
    pub(super) fn run(&self, out: &mut Vec<Cand>) {
        let mut i = 0;
        let n = self.t.len();
        while i < n {
            if !self.may_start(i) {
                i += 1;
                continue;
            }
            if let Some((e, sem)) = self.expr(i) {
                if e > i {
                    let (s, e) = self.trim(i, e, matches!(sem, Sem::Vague(_) | Sem::Now));
                    let tense = if needs_tense(&sem) {
                        self.tense(s, e)
                    } else {
                        Tense::None
                    };
                    out.push(Cand {
                        s,
                        e,
                        sem,
                        tense,
                        quoted: self.t[s].quoted,
                    });
                    i = e;
                    continue;
                }
            }
            i += 1;
        }
    }

    fn may_start(&self, i: usize) -> bool {
        match self.t[i].kind {
            // not inside a run of numbers joined by slashes ("2024/13/1")
            Kind::Num { grouped, .. } => {
                let in_slash_run = i >= 2
                    && self.glued(i)
                    && self.p(i - 1, b'/')
                    && self.glued(i - 1)
                    && self.num(i - 2).is_some();
                !grouped && !in_slash_run
            }
            Kind::Word { lex, .. } => match lex {
                Lex::Other => {
                    self.word_is(i, "q")
                        || matches!(self.raw(i), "EOM" | "BOM" | "EOY" | "BOY" | "EOD")
                }
                // function words start an expression only before a temporal token
                Lex::Kw(
                    Kw::The
                    | Kw::A
                    | Kw::In
                    | Kw::On
                    | Kw::At
                    | Kw::Of
                    | Kw::To
                    | Kw::And
                    | Kw::Or
                    | Kw::For
                    | Kw::By
                    | Kw::From
                    | Kw::That
                    | Kw::Between
                    | Kw::Within
                    | Kw::Some
                    | Kw::More
                    | Kw::Less
                    | Kw::About
                    | Kw::Around
                    | Kw::Over
                    | Kw::Than
                    | Kw::Just
                    | Kw::Right,
                ) => self.tok(i + 1).is_some_and(|n| match n.kind {
                    Kind::Num { .. } => true,
                    Kind::Word { lex, .. } => {
                        lex != Lex::Other
                            || matches!(self.raw(i + 1), "EOM" | "BOM" | "EOY" | "BOY" | "EOD")
                            || self.word_is(i + 1, "closest")
                            || self.word_is(i + 1, "nearest")
                    }
                    Kind::Punct(c) => c == b'\'' || c == b'~',
                    Kind::Other => false,
                }),
                _ => true,
            },
            Kind::Punct(c) => {
                c == b'\''
                    || c == b'@'
                    || ((c == b'+' || c == b'-') && self.num(i + 1).is_some() && self.glued(i + 1))
            }
            Kind::Other => false,
        }
    }

    /// Drops leading/trailing tokens that are not part of the expression
    /// proper (a trailing comma or dot).
    fn trim(&self, mut s: usize, mut e: usize, vague: bool) -> (usize, usize) {
        while e > s + 1 && matches!(self.t[e - 1].punct(), Some(b',' | b'-' | b'/')) {
            e -= 1;
        }
        // TimeML spans leave out the preposition: "in 5 days" is "5 days"
        if e > s + 1
            && (self.kw(s, Kw::In)
                || self.kw(s, Kw::Within)
                || (!vague && (self.kw(s, Kw::At) || self.p(s, b'@'))))
        {
            s += 1;
        }
        // and the article before a calendar date: "the June 30 deadline"
        if e > s + 1 && self.kw(s, Kw::The) && matches!(self.lex(s + 1), Lex::Month(_)) {
            s += 1;
        }
        (s, e)
    }

    fn expr(&self, i: usize) -> R {
        // leading filler that is never part of the span
        if self.kw(i, Kw::At) || self.p(i, b'@') {
            if let Some(r) = self.clock_expr(i + 1) {
                return self.expr_tail(Some(r));
            }
            // "at 7 in 3 years": a bare hour with the day after it
            if let Some(c) = self.clock(i + 1, Some(Pod::Morning)) {
                if self.kw(c.e, Kw::In) {
                    let clock = Sem::Clock {
                        base: None,
                        h: c.h,
                        mi: c.mi,
                        sec: c.sec,
                        tz: c.tz,
                        loose: c.loose,
                    };
                    let r = self.expr_tail(Some((c.e, clock)));
                    if r.as_ref().is_some_and(|(e, _)| *e > c.e) {
                        return r;
                    }
                }
            }
            return self.vague(i);
        }
        let mut best: R = None;
        let mut consider = |r: R| {
            if let Some((e, sem)) = r {
                if best.as_ref().is_none_or(|(be, _)| e > *be) {
                    best = Some((e, sem));
                }
            }
        };
        // "after an hour" at the end of a clause: that long from now
        if self.kw(i, Kw::After) {
            if let Some((e, Sem::Duration { n: Some(v), unit })) = self.amount_expr(i + 1) {
                let ends = self.t.get(e).is_none_or(|t| t.punct().is_some());
                if ends && v.fract() == 0.0 && v >= 1.0 {
                    return Some((
                        e,
                        Sem::InFuture {
                            n: Some(v as i64),
                            unit,
                            within: false,
                            several: false,
                        },
                    ));
                }
            }
        }
        // "for 10 days from 18th Dec", "for 30 minutes starting at 4pm"
        if self.kw(i, Kw::For) {
            if let Some((n, unit, mut k)) = self.part(i + 1) {
                if self.word_is(k, "starting") || self.word_is(k, "beginning") {
                    k += 1;
                }
                if self.kw(k, Kw::From) || self.kw(k, Kw::At) || self.kw(k, Kw::On) {
                    if let Some((e, base)) = self.for_base(k + 1) {
                        return Some((
                            e,
                            Sem::For {
                                base: Box::new(base),
                                n,
                                unit,
                            },
                        ));
                    }
                }
            }
        }
        consider(self.clock_expr(i));
        consider(self.date_expr(i));
        consider(self.nth_of(i));
        consider(self.amount_expr(i));
        consider(self.vague(i));
        consider(self.closest(i));
        self.expr_tail(best)
    }

    /// What may follow a whole expression: a clock time after an amount of
    /// days, an amount after a clock time, a stretch "for n units".
    fn expr_tail(&self, best: R) -> R {
        // "in 7 days at 5pm", "at 7 in 3 years"
        if let Some((e, sem)) = &best {
            let day_amount = |s: &Sem| matches!(s, Sem::InFuture { n: Some(_), unit, within: false, .. } if *unit >= Unit::Day);
            if day_amount(sem) && (self.kw(*e, Kw::At) || self.p(*e, b'@')) {
                if let Some((
                    ce,
                    Sem::Clock {
                        base: None,
                        h,
                        mi,
                        sec,
                        tz,
                        loose,
                    },
                )) = self.clock_expr(e + 1)
                {
                    return Some((
                        ce,
                        Sem::Clock {
                            base: Some(Box::new(sem.clone())),
                            h,
                            mi,
                            sec,
                            tz,
                            loose,
                        },
                    ));
                }
            }
            if let Sem::Clock {
                base: None,
                h,
                mi,
                sec,
                tz,
                loose,
            } = sem
            {
                if self.kw(*e, Kw::In) {
                    if let Some((ae, a)) = self.amount_expr(*e) {
                        if day_amount(&a) {
                            return Some((
                                ae,
                                Sem::Clock {
                                    base: Some(Box::new(a)),
                                    h: *h,
                                    mi: *mi,
                                    sec: *sec,
                                    tz: *tz,
                                    loose: *loose,
                                },
                            ));
                        }
                    }
                }
            }
        }
        // "next tuesday +10 days", "2023-12-29 -10days", "now + 40minutes"
        if let Some((e, sem)) = &best {
            let e = *e;
            if (sem_is_day(sem) || matches!(sem, Sem::Now))
                && (self.p(e, b'+') || self.p(e, b'-'))
                && self.t[e].gap >= 1
            {
                if let Some((n, unit, k)) = self.part(e + 1) {
                    let sub_day = matches!(unit, Unit::Hour | Unit::Minute | Unit::Second);
                    if n > 0 && (sub_day == matches!(sem, Sem::Now) || !sub_day) {
                        let n = if self.p(e, b'-') { -n } else { n };
                        let base = match sem {
                            Sem::Now => Sem::DayOffset(0),
                            other => other.clone(),
                        };
                        let r = if sub_day {
                            Sem::Shift {
                                n,
                                unit,
                                anchor: Anchor::Ref,
                            }
                        } else {
                            Sem::ShiftFrom {
                                n,
                                unit,
                                base: Box::new(base),
                            }
                        };
                        return Some((k, r));
                    }
                }
            }
        }
        // "today EST", "next week EST", "in 1 day GET": an upper-case zone
        if let Some((e, sem)) = &best {
            let dated = sem_is_day(sem)
                || matches!(
                    sem,
                    Sem::Unit { .. } | Sem::InFuture { .. } | Sem::Weekend(_) | Sem::Pod { .. }
                );
            if dated && self.t.get(*e).is_some_and(|t| t.is_word() && t.gap == 1) {
                let w = self.raw(*e);
                if w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase()) {
                    if let Some((z, ze)) = self.tz_at(*e) {
                        return Some((ze, Sem::Zoned(Box::new(sem.clone()), z)));
                    }
                }
            }
        }
        // "18th Dec for 10 days", "4pm for 30 mins"
        if let Some((e, sem)) = &best {
            if self.kw(*e, Kw::For) && (sem_is_day(sem) || matches!(sem, Sem::Clock { .. })) {
                if let Some((n, unit, k)) = self.part(e + 1) {
                    return Some((
                        k,
                        Sem::For {
                            base: Box::new(sem.clone()),
                            n,
                            unit,
                        },
                    ));
                }
            }
        }
        best
    }

    /// "the closest Monday to Oct 5th", "the 3rd nearest Christmas to today".
    fn closest(&self, i: usize) -> R {
        let mut k = if self.kw(i, Kw::The) { i + 1 } else { i };
        let n = match self.day_num(k) {
            Some((n, e)) if self.num(k).is_none() || e > k + 1 => {
                k = e;
                n
            }
            _ => 1,
        };
        if !(self.word_is(k, "closest") || self.word_is(k, "nearest")) {
            return None;
        }
        k += 1;
        let (e, what) = match self.lex(k) {
            Lex::Weekday(wd) => (
                k + 1,
                Sem::Weekday {
                    wd,
                    rel: 0,
                    weeks: None,
                },
            ),
            _ => match self.holiday(k)? {
                (e, h @ Sem::Holiday { .. }) => (e, h),
                _ => return None,
            },
        };
        if !self.kw(e, Kw::To) {
            return None;
        }
        let (e, to) = self.date_expr(e + 1)?;
        sem_is_day(&to).then(|| {
            (
                e,
                Sem::Closest {
                    n,
                    what: Box::new(what),
                    to: Box::new(to),
                },
            )
        })
    }

    /// The date or clock time a stretch "for n units" starts from.
    fn for_base(&self, i: usize) -> R {
        let (e, sem) = match self.clock_expr(i) {
            Some(r) => Some(r),
            None => self.date_expr(i),
        }?;
        (sem_is_day(&sem) || matches!(sem, Sem::Clock { .. })).then_some((e, sem))
    }

    // ---------------------------------------------------------------- dates

    /// A date with an optional part of day, clock time or range after it.
    fn date_expr(&self, i: usize) -> R {
        let (mut j, mut sem) = self.date_mod(i)?;
        // "Jul 18, Fri"
        if let Sem::Cal {
            y: YearSpec::Infer,
            m,
            d,
        } = sem
        {
            let k = if self.p(j, b',') { j + 1 } else { j };
            if let Lex::Weekday(wd) = self.lex(k) {
                sem = Sem::CalWd { m, d, wd };
                j = k + 1;
            }
        }
        // "Thursday from 9:30 to 11:00"
        if sem_is_day(&sem) && (self.kw(j, Kw::From) || self.kw(j, Kw::Between)) {
            if let Some((e, Sem::Range(a, b))) = self.clock_expr(j + 1) {
                let wrap = |c: Sem| match c {
                    Sem::Clock {
                        base: None,
                        h,
                        mi,
                        sec,
                        tz,
                        loose,
                    } => Sem::Clock {
                        base: Some(Box::new(sem.clone())),
                        h,
                        mi,
                        sec,
                        tz,
                        loose,
                    },
                    o => o,
                };
                return Some((e, Sem::Range(Box::new(wrap(*a)), Box::new(wrap(*b)))));
            }
        }
        // "February the 15th in the morning"
        if sem_is_day(&sem) && self.kw(j, Kw::In) && self.kw(j + 1, Kw::The) {
            if let Lex::Pod(p) = self.lex(j + 2) {
                return Some((
                    j + 3,
                    Sem::Pod {
                        base: Box::new(sem),
                        pod: p,
                    },
                ));
            }
        }
        // "on Tuesday, next week"
        if let Sem::Weekday {
            wd,
            rel: 0,
            weeks: None,
        } = sem
        {
            if self.p(j, b',') && matches!(self.lex(j + 2), Lex::Unit(Unit::Week, false)) {
                let off = match self.tok(j + 1).and_then(|t| t.kw()) {
                    Some(Kw::Next) => Some(1),
                    Some(Kw::Last) => Some(-1),
                    Some(Kw::This) => Some(0),
                    _ => None,
                };
                if let Some(off) = off {
                    sem = Sem::Weekday {
                        wd,
                        rel: 0,
                        weeks: Some(off),
                    };
                    j += 3;
                }
            }
        }
        // "Monday early morning", "Monday late in the evening"
        if sem_is_day(&sem) && (self.kw(j, Kw::Early) || self.kw(j, Kw::Late)) {
            let m = if self.kw(j, Kw::Early) {
                Modif::Start
            } else {
                Modif::End
            };
            let k = if self.kw(j + 1, Kw::In) && self.kw(j + 2, Kw::The) {
                j + 3
            } else {
                j + 1
            };
            if let Lex::Pod(p) = self.lex(k) {
                let pod = Sem::Pod {
                    base: Box::new(sem),
                    pod: p,
                };
                return Some((k + 1, Sem::Mod(Box::new(pod), m)));
            }
        }
        // "Monday morning", "yesterday evening"
        if sem_is_day(&sem) {
            if let Lex::Pod(p) = self.lex(j) {
                if !self.p(j.wrapping_sub(1), b',') {
                    sem = Sem::Pod {
                        base: Box::new(sem),
                        pod: p,
                    };
                    j += 1;
                }
            } else if self.kw(j, Kw::At) && matches!(self.lex(j + 1), Lex::Pod(Pod::Night)) {
                sem = Sem::Pod {
                    base: Box::new(sem),
                    pod: Pod::Night,
                };
                j += 2;
            }
        }
        self.date_then_clock(i, j, sem)
    }

    /// A day or a part of a day then a clock time (after a comma, "at", "by",
    /// "before" or "after"), else a range from the date, else the date alone.
    fn date_then_clock(&self, i: usize, j: usize, sem: Sem) -> R {
        // a day then a clock time: a weekday "at 9 a.m.", a full date then a
        // time with minutes, a numeric date then a time, "this morning at 3"
        if sem_is_day(&sem) || matches!(sem, Sem::Pod { .. }) {
            let mut k = j;
            if self.p(k, b',') {
                k += 1;
            } else if matches!(
                self.tok(k).and_then(|t| t.punct()),
                Some(b'.' | b':' | b'-')
            ) && self.glued(k)
                && self.glued(k + 1)
                && self.p(k + 2, b':')
            {
                // "05/31/2024.14:15", "06/Nov/2023:06:36:02"
                k += 1;
            }
            let at = self.kw(k, Kw::At) || self.p(k, b'@') || self.kw(k, Kw::By);
            if at {
                k += 1;
            } else if (self.kw(k, Kw::Before) || self.kw(k, Kw::After))
                && self
                    .clock(k + 1, None)
                    .is_some_and(|c| !c.bare && c.pm.is_some())
            {
                // "tomorrow after 4pm": the time on that day
                k += 1;
            }
            let pod = match &sem {
                Sem::Pod { pod, .. } => Some(*pod),
                _ if at => Some(Pod::Morning),
                _ => None,
            };
            if let Some(c) = self.clock(k, pod) {
                if !c.bare || at {
                    let mut base = match sem {
                        Sem::Pod { base, .. } => base,
                        other => Box::new(other),
                    };
                    let mut e = c.e;
                    // "Thu Oct 26 11:00:09 2023": the year after the time
                    let md = match *base {
                        Sem::Cal {
                            y: YearSpec::Infer,
                            m,
                            d,
                        }
                        | Sem::CalWd { m, d, .. } => Some((m, d)),
                        _ => None,
                    };
                    if let Some((m, d)) = md {
                        if let Some((yv, 4)) = self.num(e) {
                            if (1000..=2200).contains(&yv)
                                && self.t[e].gap == 1
                                && !self.glued_after_num(e)
                            {
                                base = Box::new(Sem::Cal {
                                    y: YearSpec::Abs(yv as i32),
                                    m,
                                    d,
                                });
                                e += 1;
                            }
                        }
                    }
                    return Some((
                        e,
                        Sem::Clock {
                            base: Some(base),
                            h: c.h,
                            mi: c.mi,
                            sec: c.sec,
                            tz: c.tz,
                            loose: c.loose && pod.is_none(),
                        },
                    ));
                }
            }
        }
        // ranges: "October 20-23", "5 to 7 March", "2010-2012", "Monday to Friday"
        if let Some((e, end)) = self.range_end(i, j, &sem) {
            return Some((e, Sem::Range(Box::new(sem), Box::new(end))));
        }
        Some((j, sem))
    }

    fn range_end(&self, i: usize, j: usize, start: &Sem) -> R {
        let sep_dash = self.p(j, b'-');
        let sep_word = self.kw(j, Kw::To)
            || self.kw(j, Kw::Through)
            || self.kw(j, Kw::Until)
            || (self.kw(j, Kw::And) && i > 0 && self.kw(i - 1, Kw::Between));
        if !(sep_dash || sep_word) {
            return None;
        }
        let k = j + 1;
        match start {
            Sem::Cal { y, m, .. } => {
                // same month: "October 20-23", "between October 20 and 23"
                if let Some((d2, e)) = self.day_num(k) {
                    if !matches!(self.lex(e), Lex::Month(_)) && !self.p(e, b'/') {
                        let mut e2 = e;
                        let mut y2 = *y;
                        if let Some((yy, e3)) = self.comma_year(e2) {
                            y2 = YearSpec::Abs(yy);
                            e2 = e3;
                        }
                        return Some((
                            e2,
                            Sem::Cal {
                                y: y2,
                                m: *m,
                                d: d2,
                            },
                        ));
                    }
                }
                let (e, s2) = self.date_core(k)?;
                if matches!(s2, Sem::Cal { .. } | Sem::Weekday { .. }) {
                    return Some((e, s2));
                }
                None
            }
            Sem::Year(_) => {
                let (v, len) = self.num(k)?;
                if sep_dash && len == 2 {
                    if let Sem::Year(y) = start {
                        let y2 = (y / 100) * 100 + v as i32;
                        if y2 > *y {
                            return Some((k + 1, Sem::Year(y2)));
                        }
                    }
                }
                if len == 4 {
                    if let Some((e, Sem::Year(y2))) = self.year(k, true) {
                        return Some((e, Sem::Year(y2)));
                    }
                }
                None
            }
            Sem::Weekday { .. } | Sem::Month { .. } | Sem::DayOffset(_) => {
                // "from December to May 2022": a month name right after the separator
                if let (Sem::Month { .. }, Lex::Month(m2)) = (start, self.lex(k)) {
                    if self.t[k].cap() || !self.t[k].abbr() {
                        let mut e = k + 1;
                        let mut y = YearSpec::Infer;
                        let k2 = if self.p(e, b',') { e + 1 } else { e };
                        if let Some((v, 4)) = self.num(k2) {
                            if (1000..=2200).contains(&v) && !self.glued_after_num(k2) {
                                y = YearSpec::Abs(v as i32);
                                e = k2 + 1;
                            }
                        }
                        return Some((e, Sem::Month { m: m2, y }));
                    }
                }
                // "today - next friday", "today to tomorrow afternoon"
                if matches!(start, Sem::DayOffset(_) | Sem::Weekday { .. }) {
                    if let Some((e, s2)) = self.date_expr(k) {
                        let pod = matches!(&s2, Sem::Pod { base, .. } if sem_is_day(base));
                        if pod || (matches!(start, Sem::DayOffset(_)) && sem_is_day(&s2)) {
                            return Some((e, s2));
                        }
                    }
                }
                let (e, s2) = self.date_core(k)?;
                if std::mem::discriminant(&s2) == std::mem::discriminant(start)
                    || matches!(s2, Sem::Cal { .. })
                {
                    return Some((e, s2));
                }
                None
            }
            // "today morning to tomorrow", "Monday afternoon to last night"
            Sem::Pod { base, .. } if sem_is_day(base) && sep_word => {
                let (e, s2) = self.date_expr(k)?;
                let pod = matches!(&s2, Sem::Pod { base, .. } if sem_is_day(base));
                (pod || sem_is_day(&s2)).then_some((e, s2))
            }
            Sem::Clock { .. } => None,
            _ => None,
        }
    }

    fn comma_year(&self, k: usize) -> Option<(i32, usize)> {
        let k2 = if self.p(k, b',') { k + 1 } else { k };
        let (v, len) = self.num(k2)?;
        if len == 4 && (1000..=2200).contains(&v) && !self.glued_after_num(k2) {
            return Some((v as i32, k2 + 1));
        }
        None
    }

    /// A number glued to something that makes it not a year (`2014-03`, `2014:`).
    fn glued_after_num(&self, k: usize) -> bool {
        match self.tok(k + 1) {
            Some(t) if t.gap == 0 => match t.kind {
                Kind::Punct(b':') | Kind::Punct(b'%') => true,
                Kind::Punct(b'.') | Kind::Punct(b',') => self
                    .tok(k + 2)
                    .is_some_and(|u| u.gap == 0 && u.num().is_some()),
                Kind::Word { lex, .. } => !matches!(lex, Lex::Kw(Kw::S | Kw::Ad | Kw::Bc)),
                Kind::Num { .. } => true,
                _ => false,
            },
            _ => false,
        }
    }

    /// Modifiers in front of a date: early/late/mid, the end of, earlier this.
    fn date_mod(&self, i: usize) -> R {
        let (modif, k) = if self.kw(i, Kw::Early) {
            (Some(Modif::Start), i + 1)
        } else if self.kw(i, Kw::Late) {
            (Some(Modif::End), i + 1)
        } else if self.kw(i, Kw::Mid) {
            let k = if self.p(i + 1, b'-') { i + 2 } else { i + 1 };
            (Some(Modif::Mid), k)
        } else if let Some((m, k)) = self.part_of(i) {
            // "the end of April", "end of the year", "beginning of next week"
            if let Lex::Unit(u @ (Unit::Week | Unit::Month | Unit::Year | Unit::Quarter), false) =
                self.lex(k)
            {
                return Some((k + 1, Sem::Mod(Box::new(Sem::Unit { unit: u, off: 0 }), m)));
            }
            (Some(m), k)
        } else if (self.kw(i, Kw::Earlier) || self.kw(i, Kw::Later))
            && (self.kw(i + 1, Kw::This) || self.kw(i + 1, Kw::Today))
        {
            let m = if self.kw(i, Kw::Earlier) {
                Modif::Start
            } else {
                Modif::End
            };
            // "earlier this year" keeps the value of "this year"
            let (e, sem) = self.date_core(i + 1)?;
            return Some((e, Sem::Mod(Box::new(sem), m)));
        } else {
            (None, i)
        };
        match modif {
            None => self.date_core(i),
            Some(m) => {
                // "early morning" etc. is left to the part-of-day rules
                let (e, sem) = self.date_core(k)?;
                match sem {
                    Sem::Month { .. }
                    | Sem::Year(_)
                    | Sem::Decade(_)
                    | Sem::Century(_)
                    | Sem::Unit { .. }
                    | Sem::Season { .. }
                    | Sem::Quarter { .. }
                    | Sem::Weekend(_)
                    | Sem::RelMonth { .. }
                    | Sem::RelSeason { .. } => Some((e, Sem::Mod(Box::new(sem), m))),
                    Sem::Pod { .. } if m != Modif::Mid => Some((e, Sem::Mod(Box::new(sem), m))),
                    _ if k > i + 1 => Some((e, Sem::Mod(Box::new(sem), m))),
                    _ => None,
                }
            }
        }
    }

    /// "the first Tuesday of October", "last day of October 2015", "third
    /// last week of 2018", "the 20th of next month".
    fn nth_of(&self, i: usize) -> R {
        let mut k = if self.kw(i, Kw::The) { i + 1 } else { i };
        let mut n: i64 = if self.kw(k, Kw::Last) {
            k += 1;
            -1
        } else {
            let (d, e) = self.day_num(k)?;
            k = e;
            if self.kw(k, Kw::Last) {
                k += 1;
                -(d as i64)
            } else {
                d as i64
            }
        };
        let what = match self.lex(k) {
            _ if self.weekend_at(k).is_some() => {
                // "the last weekend of October": k points at its last token
                k = self.weekend_at(k)? - 1;
                Nth::Weekend
            }
            Lex::Weekday(wd) => Nth::Weekday(wd),
            Lex::Unit(Unit::Day, false) => Nth::Day,
            Lex::Unit(Unit::Week, false) => Nth::Week,
            _ if n > 0 && (self.kw(k, Kw::Of) || self.kw(k, Kw::In)) => {
                // "the 20th of next month": the day
                k -= 1;
                Nth::Day
            }
            _ => return None,
        };
        if n == 0 {
            n = 1;
        }
        k += 1;
        if !(self.kw(k, Kw::Of) || self.kw(k, Kw::In)) {
            return None;
        }
        k += 1;
        let container = if self.kw(k, Kw::The)
            && matches!(self.lex(k + 1), Lex::Unit(Unit::Month, false))
        {
            Some((
                k + 2,
                Sem::Unit {
                    unit: Unit::Month,
                    off: 0,
                },
            ))
        } else if self.kw(k, Kw::The)
            && matches!(
                self.tok(k + 1).and_then(|t| t.kw()),
                Some(Kw::Next | Kw::Current | Kw::Previous | Kw::Last | Kw::This | Kw::Following)
            )
        {
            self.date_core(k + 1)
        } else {
            self.date_core(k)
        }?;
        match container.1 {
            Sem::Month { .. }
            | Sem::Year(_)
            | Sem::Unit {
                unit: Unit::Month | Unit::Year,
                ..
            }
            | Sem::RelMonth { .. } => {}
            _ => return None,
        }
        Some((
            container.0,
            Sem::NthOf {
                n,
                what,
                of: Box::new(container.1),
            },
        ))
    }

    /// "weekend", "week-end", "week end", "wkend": the token after it.
    fn weekend_at(&self, k: usize) -> Option<usize> {
        if self.kw(k, Kw::Weekend) || self.word_is(k, "wkend") {
            return Some(k + 1);
        }
        if self.word_is(k, "week") {
            if self.p(k + 1, b'-') && self.glued(k + 1) && self.word_is(k + 2, "end") {
                return Some(k + 3);
            }
            if self.word_is(k + 1, "end") {
                return Some(k + 2);
            }
        }
        None
    }

    /// "the end of", "beginning of the", "the start of": the modifier and
    /// the token after.
    fn part_of(&self, i: usize) -> Option<(Modif, usize)> {
        let j = if self.kw(i, Kw::The) { i + 1 } else { i };
        let m = match self.tok(j)?.kw()? {
            Kw::End => Modif::End,
            Kw::Middle => Modif::Mid,
            Kw::Beginning | Kw::Start => Modif::Start,
            _ => return None,
        };
        if !self.kw(j + 1, Kw::Of) {
            return None;
        }
        let k = if self.kw(j + 2, Kw::The) && !self.the_starts_date(j + 2) {
            j + 3
        } else {
            j + 2
        };
        Some((m, k))
    }

    fn the_starts_date(&self, i: usize) -> bool {
        matches!(self.lex(i + 1), Lex::Num(_))
            || self.num(i + 1).is_some_and(|(_, l)| l == 4)
            || matches!(self.lex(i + 1), Lex::Ord(_))
    }

    /// A day number 1-31, with an optional ordinal suffix.
    fn day_num(&self, i: usize) -> Option<(u32, usize)> {
        if let Some((v, len)) = self.num(i) {
            if (1..=31).contains(&v) && len <= 2 {
                let mut e = i + 1;
                if self.glued(e) && self.kw(e, Kw::Th) {
                    e += 1;
                }
                return Some((v as u32, e));
            }
            return None;
        }
        match self.lex(i) {
            Lex::Ord(n) if (1..=31).contains(&n) => Some((n, i + 1)),
            Lex::Unit(Unit::Second, false) => Some((2, i + 1)),
            Lex::Num(20) | Lex::Num(30) => {
                // twenty-first
                if self.p(i + 1, b'-') && self.glued(i + 1) {
                    let base = if matches!(self.lex(i), Lex::Num(20)) {
                        20
                    } else {
                        30
                    };
                    match self.lex(i + 2) {
                        Lex::Ord(n) if n < 10 && base + n <= 31 => Some((base + n, i + 3)),
                        Lex::Unit(Unit::Second, false) => Some((base + 2, i + 3)),
                        _ => None,
                    }
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    fn ordinal_day(&self, i: usize) -> Option<(u32, usize)> {
        // a day number that is written as an ordinal: 15th, fifteenth
        if let Some((v, _)) = self.num(i) {
            if (1..=31).contains(&v) && self.glued(i + 1) && self.kw(i + 1, Kw::Th) {
                return Some((v as u32, i + 2));
            }
            return None;
        }
        match self.lex(i) {
            Lex::Ord(_) | Lex::Num(20) | Lex::Num(30) | Lex::Unit(Unit::Second, false) => {
                self.day_num(i)
            }
            _ => None,
        }
    }

    /// Whether a capitalised month name that is also an English word is
    /// used as a month here ("in May", "May 5", not "May I", "the march").
    fn month_ok(&self, i: usize) -> bool {
        let t = &self.t[i];
        let Lex::Month(m) = t.lex() else {
            return false;
        };
        let raw = self.raw(i);
        // "August 32", "32 August", "February 151998": a number beside the
        // month that is neither a day nor a year makes it no date
        let bad_day = |k: usize| {
            self.num(k)
                .is_some_and(|(v, l)| (l == 2 && v > 31) || l >= 5)
        };
        // ("In March 40 people died" keeps its month, "Aug 96" is 1996)
        let year_next = self.comma_year(i + 2).is_some() && self.p(i + 2, b',');
        let bad_after = self.t.get(i + 1).is_some_and(|t| t.gap <= 1)
            && bad_day(i + 1)
            && (year_next || self.num(i + 1).is_some_and(|(_, l)| l >= 5));
        let bad_before = i > 0 && self.t[i].gap <= 1 && bad_day(i - 1) && self.num(i + 1).is_none();
        if bad_after || bad_before {
            return false;
        }
        let next_num =
            self.num(i + 1).is_some() || (self.p(i + 1, b'.') && self.num(i + 2).is_some());
        if t.abbr() {
            // Jan, Sept, Mar: with a number or a dot, or capitalised before a year
            if (raw == "mar" || raw == "jun" || raw == "jan" || raw == "dec")
                && !next_num
                && !self.prev_is_datey(i)
            {
                return false;
            }
            let dashed_num = (self.p(i + 1, b'-') || self.p(i + 1, b'/'))
                && self.glued(i + 1)
                && self.glued(i + 2)
                && self.num(i + 2).is_some();
            return next_num
                || dashed_num
                || self.p(i + 1, b'.')
                || self.prev_is_datey(i)
                || self.prev_num(i)
                || (t.cap() && self.kw(i + 1, Kw::Of));
        }
        if m == 5 || m == 3 {
            let day_after = self
                .num(i + 1)
                .is_some_and(|(v, l)| l <= 2 && (1..=31).contains(&v))
                && self.t[i + 1].gap == 1;
            if !t.cap() && !self.prev_is_datey(i) && !self.prev_num(i) && !day_after {
                return false;
            }
            if next_num && !self.p(i + 1, b'.') {
                return true;
            }
            // "May eighth", "March twenty-first"
            if t.cap()
                && self.num(i + 1).is_none()
                && !matches!(self.lex(i + 1), Lex::Unit(..))
                && self.day_num(i + 1).is_some()
            {
                return true;
            }
            if self.prev_is_datey(i) || self.prev_num(i) {
                return true;
            }
            // "May" at the start of a sentence is usually the modal verb
            if m == 5 {
                return self.kw(i + 1, Kw::Of)
                    || self.p(i + 1, b',') && !self.boundary_before(i)
                    || self.kw(i + 1, Kw::Last)
                    || self.kw(i + 1, Kw::This)
                    || self.kw(i + 1, Kw::Next);
            }
            return !self.kw(i.wrapping_sub(1), Kw::The) || self.kw(i + 1, Kw::Of);
        }
        if !t.cap() {
            // lowercase month names are accepted in the casual suites ("march 3")
            return !self.kw(i.wrapping_sub(1), Kw::The) || self.kw(i + 1, Kw::Of);
        }
        true
    }

    fn prev_num(&self, i: usize) -> bool {
        i > 0 && {
            let mut k = i - 1;
            if self.kw(k, Kw::Th) && k > 0 {
                k -= 1;
            }
            self.num(k)
                .is_some_and(|(v, l)| l <= 2 && (1..=31).contains(&v))
        }
    }

    fn prev_is_datey(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        matches!(
            self.t[i - 1].kw(),
            Some(
                Kw::In
                    | Kw::Since
                    | Kw::Until
                    | Kw::By
                    | Kw::During
                    | Kw::Early
                    | Kw::Late
                    | Kw::Mid
                    | Kw::Last
                    | Kw::Next
                    | Kw::This
                    | Kw::Of
                    | Kw::From
                    | Kw::Through
                    | Kw::Before
                    | Kw::After
                    | Kw::Between
                    | Kw::Coming
                    | Kw::Past
                    | Kw::Previous
                    | Kw::Following
            )
        ) || (self.kw(i - 1, Kw::To) && i >= 2 && self.t[i - 2].num().is_some())
            || (self.kw(i - 1, Kw::And) && i >= 2 && self.t[i - 2].num().is_some())
            || (self.p(i - 1, b'-') && i >= 2 && self.t[i - 2].num().is_some())
            || (i >= 2 && self.p(i - 1, b'-') && self.kw(i - 2, Kw::Mid))
    }

    /// The core date forms.
    fn date_core(&self, i: usize) -> R {
        let t = self.tok(i)?;
        if matches!(
            t.lex(),
            Lex::Kw(Kw::Hol | Kw::Christmas | Kw::Last | Kw::Next | Kw::This) | Lex::Weekday(0 | 3)
        ) || (t.is_kw(Kw::Th) && self.word_is(i, "st"))
        {
            if let Some(r) = self.holiday(i) {
                return Some(r);
            }
        }
        match t.kind {
            Kind::Word { lex, .. } => match lex {
                Lex::Month(m) => self.month_first(i, m),
                Lex::Weekday(wd) => self.weekday(i, wd, 0),
                Lex::Season(s) => {
                    if !t.cap() && !self.prev_is_datey(i) && !self.kw(i.wrapping_sub(1), Kw::The) {
                        // "fall" as a verb
                        if s == 2 {
                            return None;
                        }
                    }
                    if let Some((y, e)) = self.season_year(i + 1) {
                        return Some((e, Sem::Season { s, y }));
                    }
                    if s == 2 && !t.cap() && !self.prev_is_datey(i) {
                        return None;
                    }
                    // "seaside summer resort": an adjective
                    if !self.prev_is_datey(i)
                        && !self.kw(i.wrapping_sub(1), Kw::The)
                        && self.noun_follows(i + 1)
                    {
                        return None;
                    }
                    Some((
                        i + 1,
                        Sem::Season {
                            s,
                            y: YearSpec::Infer,
                        },
                    ))
                }
                Lex::Ord(_) | Lex::Num(20) | Lex::Num(30) | Lex::Unit(Unit::Second, false) => {
                    self.ordinal_first(i)
                }
                Lex::Kw(k) => self.kw_date(i, k),
                // "morning of the 15th of February", "morning of xmas"
                Lex::Pod(p) if self.kw(i + 1, Kw::Of) => {
                    let k = if self.kw(i + 2, Kw::This) || self.kw(i + 2, Kw::The) {
                        i + 3
                    } else {
                        i + 2
                    };
                    let (e, sem) = self.date_core(k).or_else(|| self.date_core(i + 2))?;
                    if sem_is_day(&sem) {
                        return Some((
                            e,
                            Sem::Pod {
                                base: Box::new(sem),
                                pod: p,
                            },
                        ));
                    }
                    None
                }
                Lex::Unit(Unit::Day, false) => {
                    if self.kw(i + 1, Kw::After) && self.kw(i + 2, Kw::Tomorrow) {
                        Some((i + 3, Sem::DayOffset(2)))
                    } else if self.kw(i + 1, Kw::Before) && self.kw(i + 2, Kw::Yesterday) {
                        Some((i + 3, Sem::DayOffset(-2)))
                    } else {
                        None
                    }
                }
                _ => {
                    // EOM, BOM, EOY, BOY, EOD (written in capitals)
                    let raw = self.raw(i);
                    let (unit, m) = match raw {
                        "EOM" => (Unit::Month, Modif::End),
                        "BOM" => (Unit::Month, Modif::Start),
                        "EOY" => (Unit::Year, Modif::End),
                        "BOY" => (Unit::Year, Modif::Start),
                        "EOD" => (Unit::Day, Modif::End),
                        _ => (Unit::Second, Modif::Mid),
                    };
                    if unit != Unit::Second {
                        return Some((i + 1, Sem::Mod(Box::new(Sem::Unit { unit, off: 0 }), m)));
                    }
                    if self.word_is(i, "q") && self.glued(i + 1) {
                        if let Some((q, 1)) = self.num(i + 1) {
                            if (1..=4).contains(&q) {
                                let mut e = i + 2;
                                let mut y = YearSpec::Infer;
                                if let Some((v, 4)) = self.num(e) {
                                    y = YearSpec::Abs(v as i32);
                                    e += 1;
                                }
                                return Some((e, Sem::Quarter { q: q as u32, y }));
                            }
                        }
                    }
                    None
                }
            },
            Kind::Num { .. } => self.number_first(i),
            Kind::Punct(b'\'') => {
                // '90s
                let (v, len) = self.num(i + 1)?;
                if len == 2
                    && v % 10 == 0
                    && self.glued(i + 1)
                    && self.glued(i + 2)
                    && self.kw(i + 2, Kw::S)
                {
                    let y = if v >= 30 { 1900 + v } else { 2000 + v };
                    return Some((i + 3, Sem::Decade((y / 10) as i32)));
                }
                None
            }
            _ => None,
        }
    }

    fn season_year(&self, k: usize) -> Option<(YearSpec, usize)> {
        if let Some((v, 4)) = self.num(k) {
            if (1000..=2200).contains(&v) {
                return Some((YearSpec::Abs(v as i32), k + 1));
            }
        }
        if self.kw(k, Kw::Of) {
            if let Some((v, 4)) = self.num(k + 1) {
                return Some((YearSpec::Abs(v as i32), k + 2));
            }
            if let Some((off, e)) = self.rel_year(k + 1) {
                return Some((YearSpec::Rel(off), e));
            }
        }
        if let Some((off, e)) = self.rel_year(k) {
            return Some((YearSpec::Rel(off), e));
        }
        None
    }

    /// "last year", "this year", "next year".
    fn rel_year(&self, k: usize) -> Option<(i64, usize)> {
        let off = match self.tok(k)?.kw()? {
            Kw::Last | Kw::Previous | Kw::Past => -1,
            Kw::This | Kw::Current => 0,
            Kw::Next | Kw::Coming | Kw::Following => 1,
            _ => return None,
        };
        if matches!(self.lex(k + 1), Lex::Unit(Unit::Year, false)) {
            return Some((off, k + 2));
        }
        None
    }

    fn month_first(&self, i: usize, m: u32) -> R {
        if !self.month_ok(i) {
            return None;
        }
        let mut k = i + 1;
        if self.p(k, b'.') && self.t[i].abbr() {
            k += 1;
        }
        // "August-10-2012", "Sep-2012", "August/10, 2012"
        let dashed = (self.p(k, b'-') || self.p(k, b'/'))
            && self.glued(k)
            && self.glued(k + 1)
            && self.num(k + 1).is_some();
        if dashed {
            let sep = self.t[k].punct();
            if let Some((d, e)) = self.day_num(k + 1) {
                if self.num(k + 1).is_some_and(|(_, l)| l <= 2) {
                    if self.t.get(e).and_then(|t| t.punct()) == sep
                        && self.glued(e)
                        && self.glued(e + 1)
                    {
                        if let Some((y, yl)) = self.num(e + 1) {
                            if yl == 4 || yl == 2 {
                                let y = if yl == 2 { two_digit_year(y) } else { y as i32 };
                                return Some((
                                    e + 2,
                                    Sem::Cal {
                                        y: YearSpec::Abs(y),
                                        m,
                                        d,
                                    },
                                ));
                            }
                        }
                    }
                    return Some(self.with_year(e, m, d));
                }
            }
            if let Some((y, 4)) = self.num(k + 1) {
                return Some((
                    k + 2,
                    Sem::Month {
                        m,
                        y: YearSpec::Abs(y as i32),
                    },
                ));
            }
        }
        // "March the 15th", "february the 15th"
        if self.kw(k, Kw::The) {
            if let Some((d, e)) = self.ordinal_day(k + 1) {
                return Some(self.with_year(e, m, d));
            }
        }
        // Month Day[, Year]
        if let Some((d, e)) = self.day_num(k) {
            let is_year_like = self.num(k).is_some_and(|(_, l)| l == 4);
            if !is_year_like && !self.glued_after_day(k) {
                // "May 2015" handled below; "Oct 20-23" by the range rule
                return Some(self.with_year(e, m, d));
            }
        }
        // "Aug 96": a two-digit number that cannot be a day is a year
        if let Some((v, 2)) = self.num(k) {
            if (v >= 50 || self.raw(k).starts_with('0'))
                && self.t[k].gap == 1
                && !self.glued_after_num(k)
            {
                return Some((
                    k + 1,
                    Sem::Month {
                        m,
                        y: YearSpec::Abs(two_digit_year(v)),
                    },
                ));
            }
        }
        // Month [of|,] Year
        let mut k2 = k;
        if self.kw(k2, Kw::Of) || self.p(k2, b',') {
            k2 += 1;
        }
        if let Some((v, 4)) = self.num(k2) {
            if (1000..=2200).contains(&v) && !self.glued_after_num(k2) {
                return Some((
                    k2 + 1,
                    Sem::Month {
                        m,
                        y: YearSpec::Abs(v as i32),
                    },
                ));
            }
        }
        // "September last year", "March of this year"
        if let Some((off, e)) = self.rel_year(k2) {
            return Some((
                e,
                Sem::Month {
                    m,
                    y: YearSpec::Rel(off),
                },
            ));
        }
        // "March after next"
        if self.kw(k, Kw::After) && self.kw(k + 1, Kw::Next) {
            return Some((
                k + 2,
                Sem::Month {
                    m,
                    y: YearSpec::Rel(1),
                },
            ));
        }
        let _ = k;
        Some((
            i + 1,
            Sem::Month {
                m,
                y: YearSpec::Infer,
            },
        ))
    }

    fn glued_after_day(&self, k: usize) -> bool {
        // "Mar 3:30" or "May 10-year" are not dates
        match self.tok(k + 1) {
            Some(t) if t.gap == 0 => matches!(t.kind, Kind::Punct(b':') | Kind::Punct(b'%')),
            _ => false,
        }
    }

    /// Adds an optional year after "Month Day" ending at token `e`.
    fn with_year(&self, e: usize, m: u32, d: u32) -> (usize, Sem) {
        // "August 10, 345 BC", "10 August 88 AD", "10 August 2555 BE"
        {
            let k = if self.p(e, b',') { e + 1 } else { e };
            if let Some((v, l)) = self.num(k) {
                if l <= 4 && v > 0 && self.t[k].gap <= 1 {
                    let era = self.raw(k + 1);
                    let y = match era {
                        "BC" | "bc" | "BCE" | "bce" | "B.C." => Some(-(v as i32)),
                        "AD" | "ad" | "CE" | "A.D." => Some(v as i32),
                        "BE" => Some(v as i32 - 543),
                        _ => None,
                    };
                    if let Some(y) = y {
                        if self.tok(k + 1).is_some_and(|t| t.is_word() && t.gap <= 1) {
                            return (
                                k + 2,
                                Sem::Cal {
                                    y: YearSpec::Abs(y),
                                    m,
                                    d,
                                },
                            );
                        }
                    }
                }
            }
        }
        if let Some((y, e2)) = self.comma_year(e) {
            return (
                e2,
                Sem::Cal {
                    y: YearSpec::Abs(y),
                    m,
                    d,
                },
            );
        }
        // "Aug 9, 96", "3 Aug 96": a two-digit year at the end of the expression
        {
            let k = if self.p(e, b',') { e + 1 } else { e };
            if let Some((v, 2)) = self.num(k) {
                let ends = self.boundary_after(k + 1) || self.tok(k + 1).is_none();
                if ends
                    && self.t[k].gap <= 1
                    && !self.glued_after_num(k)
                    && (v > 31 || self.p(e, b','))
                {
                    return (
                        k + 1,
                        Sem::Cal {
                            y: YearSpec::Abs(two_digit_year(v)),
                            m,
                            d,
                        },
                    );
                }
            }
            // "21-APR-16", "09/JAN/2017": only when the day and month are joined the same way
            let joined = e >= 2
                && self.t.get(e - 2).and_then(|t| t.punct())
                    == self.t.get(e).and_then(|t| t.punct());
            if joined && (self.p(e, b'-') || self.p(e, b'/')) && self.glued(e) && self.glued(e + 1)
            {
                if let Some((v, l)) = self.num(e + 1) {
                    if l == 2 || l == 4 {
                        let y = if l == 2 { two_digit_year(v) } else { v as i32 };
                        return (
                            e + 2,
                            Sem::Cal {
                                y: YearSpec::Abs(y),
                                m,
                                d,
                            },
                        );
                    }
                }
            }
        }
        // two-digit year after a comma: "14th April 15" is too loose; only 'YY
        if self.p(e, b'\'') {
            if let Some((v, 2)) = self.num(e + 1) {
                return (
                    e + 2,
                    Sem::Cal {
                        y: YearSpec::Abs(2000 + v as i32),
                        m,
                        d,
                    },
                );
            }
        }
        if let Some((off, e2)) = self.rel_year(if self.kw(e, Kw::Of) { e + 1 } else { e }) {
            return (
                e2,
                Sem::Cal {
                    y: YearSpec::Rel(off),
                    m,
                    d,
                },
            );
        }
        (
            e,
            Sem::Cal {
                y: YearSpec::Infer,
                m,
                d,
            },
        )
    }

    /// "first of March", "the 15th of February".
    fn ordinal_first(&self, i: usize) -> R {
        let (d, e) = self.day_num(i)?;
        let mut k = e;
        if self.kw(k, Kw::Of) {
            k += 1;
        }
        if let Lex::Month(m) = self.lex(k) {
            if self.t[k].cap() || !self.t[k].abbr() || self.p(k + 1, b'.') {
                let mut e2 = k + 1;
                if self.p(e2, b'.') && self.t[k].abbr() {
                    e2 += 1;
                }
                return Some(self.with_year(e2, m, d));
            }
        }
        // "Eighth to eleventh May 2010"
        if self.p(e, b'-') || self.kw(e, Kw::To) {
            if let Some((d2, e3)) = self.day_num(e + 1) {
                let k3 = if self.kw(e3, Kw::Of) { e3 + 1 } else { e3 };
                if let Lex::Month(m) = self.lex(k3) {
                    if self.t[k3].cap() || !self.t[k3].abbr() {
                        let (e5, end) = self.with_year(k3 + 1, m, d2);
                        if let Sem::Cal { y, .. } = end {
                            return Some((
                                e5,
                                Sem::Range(Box::new(Sem::Cal { y, m, d }), Box::new(end)),
                            ));
                        }
                    }
                }
            }
        }
        // "third quarter", "the 19th century"
        self.ordinal_period(i)
    }

    fn ordinal_period(&self, i: usize) -> R {
        let (n, e) = match self.num(i) {
            Some((v, _)) if self.glued(i + 1) && self.kw(i + 1, Kw::Th) => (v as u32, i + 2),
            Some(_) => return None,
            None => match self.lex(i) {
                Lex::Ord(n) => (n, i + 1),
                Lex::Unit(Unit::Second, false) => (2, i + 1),
                Lex::Num(20) => match self.day_num(i) {
                    Some((n, e)) => (n, e),
                    None => return None,
                },
                _ => return None,
            },
        };
        let mut k = e;
        if self.p(k, b'-') {
            k += 1;
        }
        if (self.kw(k, Kw::Quarter) || matches!(self.lex(k), Lex::Unit(Unit::Quarter, false)))
            && (1..=4).contains(&n)
        {
            let mut e2 = k + 1;
            let mut y = YearSpec::Infer;
            let mut k2 = e2;
            if self.kw(k2, Kw::Of) || self.p(k2, b',') {
                k2 += 1;
            }
            if let Some((v, 4)) = self.num(k2) {
                y = YearSpec::Abs(v as i32);
                e2 = k2 + 1;
            } else if let Some((off, e3)) = self.rel_year(k2) {
                y = YearSpec::Rel(off);
                e2 = e3;
            }
            return Some((e2, Sem::Quarter { q: n, y }));
        }
        if matches!(self.lex(k), Lex::Unit(Unit::Century, false)) && (1..=30).contains(&n) {
            return Some((k + 1, Sem::Century(n as i32 - 1)));
        }
        None
    }

    fn number_first(&self, i: usize) -> R {
        let (v, len) = self.num(i)?;
        // 18q4, 2018Q4
        if (len == 4 || len == 2) && self.glued(i + 1) && self.raw(i + 1).eq_ignore_ascii_case("q")
        {
            // tokenised as Num Word("q4")? "q4" is a word with a digit: letters only, so "q"
            if let Some((q, 1)) = self.num(i + 2) {
                if (1..=4).contains(&q) && self.glued(i + 2) {
                    let y = if len == 2 { 2000 + v as i32 } else { v as i32 };
                    return Some((
                        i + 3,
                        Sem::Quarter {
                            q: q as u32,
                            y: YearSpec::Abs(y),
                        },
                    ));
                }
            }
        }
        // ISO: 2014-03-30, 2014-3-3, 2014/10/05, 2014-10
        if len == 4
            && self.glued(i + 1)
            && (self.p(i + 1, b'-') || self.p(i + 1, b'/') || self.p(i + 1, b'.'))
        {
            let sep = self.t[i + 1].punct();
            if let Some((mo, ml)) = self.num(i + 2) {
                if self.glued(i + 2) && ml <= 2 && (1..=12).contains(&mo) {
                    if self.glued(i + 3) && self.t.get(i + 3).and_then(|t| t.punct()) == sep {
                        if let Some((d, dl)) = self.num(i + 4) {
                            if self.glued(i + 4) && dl <= 2 && (1..=31).contains(&d) {
                                let sem = Sem::Cal {
                                    y: YearSpec::Abs(v as i32),
                                    m: mo as u32,
                                    d: d as u32,
                                };
                                // ISO date-time: 2014-03-30T09:00:00Z
                                if self.glued(i + 5) && self.word_is(i + 5, "t") {
                                    if let Some(r) = self.iso_time(i + 6, sem.clone()) {
                                        return Some(r);
                                    }
                                }
                                return Some((i + 5, sem));
                            }
                        }
                        return None;
                    }
                    if ml == 2 || sep == Some(b'/') {
                        return Some((
                            i + 3,
                            Sem::Month {
                                m: mo as u32,
                                y: YearSpec::Abs(v as i32),
                            },
                        ));
                    }
                }
            }
        }
        self.numeric_date(i, v, len)
    }

    /// A number first read as part of a numeric date (month and day with
    /// slashes, dots or dashes, perhaps a year); else `day_first`.
    fn numeric_date(&self, i: usize, v: u64, len: u8) -> R {
        // 3/30, 3/30/2014, 30.06.2016
        let dash3 = self.p(i + 1, b'-')
            && self.glued(i + 1)
            && self.glued(i + 2)
            && self.p(i + 3, b'-')
            && self.glued(i + 3)
            && self.glued(i + 4)
            && self.num(i + 4).is_some_and(|(_, l)| l == 2 || l == 4)
            && !self.glued_after_num(i + 4);
        if len <= 2
            && (self.p(i + 1, b'/') || self.p(i + 1, b'.') || dash3)
            && self.num(i + 2).is_some()
        {
            let sep = self.t[i + 1].punct();
            let tight = self.glued(i + 1) && self.glued(i + 2);
            let spaced = sep == Some(b'/') && self.t[i + 1].gap <= 1 && self.t[i + 2].gap <= 1;
            if tight || spaced {
                let (b, bl) = self.num(i + 2)?;
                if bl <= 2 {
                    let third = if self.p(i + 3, sep.unwrap_or(b'/'))
                        && self.glued(i + 3)
                        && self.glued(i + 4)
                    {
                        self.num(i + 4)
                    } else {
                        None
                    };
                    let dotted = sep == Some(b'.');
                    // "Version 1.1.30" is not a date
                    if dotted && len < 2 && bl < 2 && third.is_none_or(|(_, yl)| yl != 4) {
                        return None;
                    }
                    // day first when dotted, unless the first cannot be a day-month pair
                    let (mo, d) = if dotted && !(b > 12 && v <= 12) {
                        (b, v)
                    } else {
                        (v, b)
                    };
                    let (mo, d) = (mo as u32, d as u32);
                    match third {
                        Some((y, yl)) if yl == 4 || yl == 2 => {
                            let y = if yl == 2 {
                                if y < 50 {
                                    2000 + y
                                } else {
                                    1900 + y
                                }
                            } else {
                                y
                            } as i32;
                            if dotted {
                                return Some((
                                    i + 5,
                                    Sem::Cal {
                                        y: YearSpec::Abs(y),
                                        m: mo,
                                        d,
                                    },
                                ));
                            }
                            return Some((
                                i + 5,
                                Sem::Numeric {
                                    a: v as u32,
                                    b: b as u32,
                                    y: YearSpec::Abs(y),
                                },
                            ));
                        }
                        Some(_) => return None,
                        None if !dotted => {
                            // "24/7" and fractions
                            if (v == 24 && b == 7)
                                || (v == 1 && (b == 2 || b == 4))
                                || v == 3 && b == 4
                            {
                                return None;
                            }
                            if self.num(i + 3).is_some() || self.p(i + 3, b'/') {
                                return None;
                            }
                            let _ = (mo, d);
                            return Some((
                                i + 3,
                                Sem::Numeric {
                                    a: v as u32,
                                    b: b as u32,
                                    y: YearSpec::Infer,
                                },
                            ));
                        }
                        None => return None,
                    }
                }
                // 2/2013
                if bl == 4 && sep == Some(b'/') && (1..=12).contains(&v) {
                    return Some((
                        i + 3,
                        Sem::Month {
                            m: v as u32,
                            y: YearSpec::Abs(b as i32),
                        },
                    ));
                }
            }
        }
        self.day_first(i, v, len)
    }

    /// A number first read as a day before a month, a day range, an ordinal
    /// period or a day of the month; else a year or a decade.
    fn day_first(&self, i: usize, v: u64, len: u8) -> R {
        // Day Month [Year]: "30 March 2014", "5th of March"
        if len <= 2 && (1..=31).contains(&v) {
            let (d, e) = self.day_num(i)?;
            let mut k = e;
            if self.kw(k, Kw::Of) {
                k += 1;
            }
            if (self.p(k, b'-') || self.p(k, b'/'))
                && self.glued(k)
                && self.glued(k + 1)
                && matches!(self.lex(k + 1), Lex::Month(_))
            {
                k += 1;
            }
            if let Lex::Month(m) = self.lex(k) {
                let t = &self.t[k];
                if t.cap() || !t.abbr() || self.p(k + 1, b'.') || t.gap <= 1 {
                    let mut e2 = k + 1;
                    if self.p(e2, b'.') && t.abbr() {
                        e2 += 1;
                    }
                    return Some(self.with_year(e2, m, d));
                }
            }
            // "5 to 7 March", "20-23 October"
            let e = if (self.kw(e, Kw::To) || self.kw(e, Kw::And)) && self.kw(e + 1, Kw::The) {
                e + 1
            } else {
                e
            };
            if (self.p(e, b'-') || self.kw(e, Kw::To) || self.kw(e, Kw::And) || self.kw(e, Kw::The))
                && self.day_num(e + 1).is_some()
            {
                let (d2, e3) = self.day_num(e + 1)?;
                let mut k3 = e3;
                if self.kw(k3, Kw::Of) {
                    k3 += 1;
                }
                if let Lex::Month(m) = self.lex(k3) {
                    if self.t[k3].cap() || !self.t[k3].abbr() || self.t[k3].gap <= 1 {
                        let mut e4 = k3 + 1;
                        if self.p(e4, b'.') && self.t[k3].abbr() {
                            e4 += 1;
                        }
                        let (e5, end) = self.with_year(e4, m, d2);
                        let y = match end {
                            Sem::Cal { y, .. } => y,
                            _ => YearSpec::Infer,
                        };
                        return Some((
                            e5,
                            Sem::Range(Box::new(Sem::Cal { y, m, d }), Box::new(end)),
                        ));
                    }
                }
            }
            // quarter / century ordinals: "3rd quarter", "19th century"
            if let Some(r) = self.ordinal_period(i) {
                return Some(r);
            }
            // "the 15th" alone, not "the 19th AU summit"
            if e == i + 2 && i > 0 && self.kw(i - 1, Kw::The) && !self.noun_follows(e) {
                return Some((e, Sem::DayOfMonth(d)));
            }
            return None;
        }
        // years and decades
        if len == 4 {
            return self.year(i, false);
        }
        None
    }

    /// The time part of an ISO date-time after the `T`: `hh:mm[:ss[.fff]][Z|±hh[:mm]]`.
    fn iso_time(&self, k: usize, date: Sem) -> R {
        let (h, hl) = self.num(k)?;
        if hl != 2
            || h > 24
            || !self.glued(k)
            || !self.p(k + 1, b':')
            || !self.glued(k + 1)
            || !self.glued(k + 2)
        {
            return None;
        }
        let (mi, ml) = self.num(k + 2)?;
        if ml != 2 || mi > 59 {
            return None;
        }
        let mut e = k + 3;
        let mut sec = None;
        if self.p(e, b':') && self.glued(e) && self.glued(e + 1) {
            if let Some((sv, 2)) = self.num(e + 1) {
                sec = Some(sv.min(59) as u32);
                e += 2;
                if self.p(e, b'.')
                    && self.glued(e)
                    && self.glued(e + 1)
                    && self.num(e + 1).is_some()
                {
                    e += 2;
                }
            }
        }
        let mut tz = None;
        if self.glued(e) && self.word_is(e, "z") {
            tz = Some(Zone::fixed(0));
            e += 1;
        } else if (self.p(e, b'+') || self.p(e, b'-')) && self.glued(e) && self.glued(e + 1) {
            let sign = if self.p(e, b'+') { 1 } else { -1 };
            if let Some((v, l)) = self.num(e + 1) {
                if l == 2 {
                    let mut m = 0;
                    let mut e2 = e + 2;
                    if self.p(e2, b':') && self.glued(e2) {
                        if let Some((mm, 2)) = self.num(e2 + 1) {
                            m = mm as i32;
                            e2 += 2;
                        }
                    }
                    tz = Some(Zone::fixed(sign * (v as i32 * 60 + m)));
                    e = e2;
                } else if l == 4 {
                    tz = Some(Zone::fixed(
                        sign * ((v / 100) as i32 * 60 + (v % 100) as i32),
                    ));
                    e += 2;
                }
            }
        }
        Some((
            e,
            Sem::Clock {
                base: Some(Box::new(date)),
                h: h as u32,
                mi: mi as u32,
                sec,
                tz,
                loose: false,
            },
        ))
    }

    /// A four-digit year, a decade ("1990s") or a century ("1800s").
    pub(super) fn year(&self, i: usize, in_range: bool) -> R {
        let (v, len) = self.num(i)?;
        if len != 4 {
            return None;
        }
        let v = v as i32;
        // decades: 1990s
        if self.glued(i + 1) && self.kw(i + 1, Kw::S) {
            if v % 100 == 0 && v != 2000 {
                return Some((i + 2, Sem::Century(v / 100)));
            }
            if v % 10 == 0 {
                return Some((i + 2, Sem::Decade(v / 10)));
            }
            return None;
        }
        if !(1000..=2200).contains(&v) {
            return None;
        }
        // "2024 August", "2024-August", "2018 March 18", "2012/aug/10"
        {
            let mut k = i + 1;
            if (self.p(k, b'-') || self.p(k, b'/')) && self.glued(k) && self.glued(k + 1) {
                k += 1;
            }
            if let Lex::Month(m) = self.lex(k) {
                if self.t[k].gap <= 1
                    && (self.t[k].cap() || k > i + 1 || !self.t[k].abbr())
                    && (m != 5 || self.t[k].cap())
                {
                    let mut k2 = k + 1;
                    if (self.p(k2, b'-') || self.p(k2, b'/'))
                        && self.glued(k2)
                        && self.glued(k2 + 1)
                    {
                        k2 += 1;
                    }
                    if let Some((d, e)) = self.day_num(k2) {
                        if self.t[k2].gap <= 1 && !self.glued_after_day(k2) {
                            return Some((
                                e,
                                Sem::Cal {
                                    y: YearSpec::Abs(v),
                                    m,
                                    d,
                                },
                            ));
                        }
                    }
                    return Some((
                        k + 1,
                        Sem::Month {
                            m,
                            y: YearSpec::Abs(v),
                        },
                    ));
                }
            }
        }
        if self.glued_after_num(i) {
            return None;
        }
        // "2024-13-01": a malformed date, not a year
        if (self.p(i + 1, b'-') || self.p(i + 1, b'/'))
            && self.glued(i + 1)
            && self.glued(i + 2)
            && self.num(i + 2).is_some()
            && self.t.get(i + 3).and_then(|t| t.punct()) == self.t[i + 1].punct()
            && self.glued(i + 3)
        {
            return None;
        }
        if i > 0 {
            let p = &self.t[i - 1];
            if self.t[i].gap == 0 {
                match p.kind {
                    Kind::Punct(b'$' | b'#' | b'.' | b'/' | b':' | b'+') => return None,
                    Kind::Punct(b'-') if !in_range && i >= 2 && self.t[i - 2].num().is_some() => {
                        return None;
                    }
                    Kind::Other | Kind::Word { .. } => return None,
                    _ => {}
                }
            }
            if self.word_is(i - 1, "no")
                || self.word_is(i - 1, "number")
                || self.word_is(i - 1, "flight")
            {
                return None;
            }
        }
        let mut e = i + 1;
        if self.kw(e, Kw::Ad) || self.word_is(e, "a") && self.p(e + 1, b'.') {
            e += 1;
        }
        // "1500 soldiers", "2000 people"
        if let Some(t) = self.tok(i + 1) {
            if let Kind::Word {
                lex: Lex::Other,
                cap: false,
                ..
            } = t.kind
            {
                let w = self.raw(i + 1);
                let plural = w.len() >= 4
                    && w.ends_with('s')
                    && !w.ends_with("ss")
                    && !w.ends_with("us")
                    && !w.ends_with("is")
                    && !matches!(w, "was" | "has" | "does" | "goes");
                if plural {
                    return None;
                }
                if matches!(
                    w,
                    "people" | "men" | "women" | "children" | "police" | "metres" | "feet" | "km"
                ) {
                    return None;
                }
            }
        }
        if !(1900..=2100).contains(&v) {
            let prev_ok = i > 0
                && matches!(
                    self.t[i - 1].kw(),
                    Some(
                        Kw::In
                            | Kw::Since
                            | Kw::Of
                            | Kw::By
                            | Kw::From
                            | Kw::Until
                            | Kw::Before
                            | Kw::After
                            | Kw::During
                            | Kw::Around
                            | Kw::To
                            | Kw::And
                            | Kw::Between
                    )
                );
            if !prev_ok && !self.kw(i + 1, Kw::Ad) && !self.kw(i + 1, Kw::Bc) {
                return None;
            }
        }
        Some((e, Sem::Year(v)))
    }

    fn weekday(&self, i: usize, wd: u32, rel: i64) -> R {
        let t = &self.t[i];
        if t.abbr() {
            // "Sun", "Sat", "Wed" are words too: need a dot, a comma and a date, or lowercase casual use
            let raw = self.raw(i);
            let lower_alone = raw.bytes().all(|c| c.is_ascii_lowercase()) && self.t.len() <= 3;
            let dated = (self.p(i + 1, b',') || self.p(i + 1, b'.'))
                && (matches!(self.lex(i + 2), Lex::Month(_)) || self.num(i + 2).is_some());
            let dated2 = matches!(self.lex(i + 1), Lex::Month(_))
                || self.num(i + 1).is_some_and(|(v, _)| v <= 31);
            let after_rel = rel != 0;
            let clocked = t.cap() && self.kw(i + 1, Kw::At) && self.num(i + 2).is_some();
            if !(lower_alone
                || dated
                || dated2
                || after_rel
                || clocked
                || (self.p(i + 1, b'.') && self.t.len() <= 3))
            {
                return None;
            }
        }
        let mut k = i + 1;
        if self.p(k, b'.') && t.abbr() {
            k += 1;
        }
        // "Monday, March 31, 2014", "Wed, Feb13", "Fri, Jul 18"
        {
            let k2 = if self.p(k, b',') { k + 1 } else { k };
            if let Some((e, sem)) = self.date_core(k2) {
                if let Sem::Cal {
                    y: YearSpec::Infer,
                    m,
                    d,
                } = sem
                {
                    return Some((e, Sem::CalWd { m, d, wd }));
                }
                if let Sem::Cal { .. } | Sem::Numeric { .. } = sem {
                    return Some((e, sem));
                }
            }
            // "Tuesday the 19th", "Thu 15th"
            let k3 = if self.kw(k2, Kw::The) { k2 + 1 } else { k2 };
            if let Some((d, e)) = self.ordinal_day(k3) {
                if !matches!(self.lex(e), Lex::Unit(..)) {
                    return Some((e, Sem::DomWd { d, wd }));
                }
            }
        }
        // "wednesday of next week", "wednesday next week", "friday after next"
        let k2 = if self.kw(k, Kw::Of) { k + 1 } else { k };
        if let Some(Kw::Next | Kw::Last | Kw::This) = self.tok(k2).and_then(|t| t.kw()) {
            if matches!(self.lex(k2 + 1), Lex::Unit(Unit::Week, false)) {
                let off = match self.t[k2].kw() {
                    Some(Kw::Next) => 1,
                    Some(Kw::Last) => -1,
                    _ => 0,
                };
                return Some((
                    k2 + 2,
                    Sem::Weekday {
                        wd,
                        rel,
                        weeks: Some(off),
                    },
                ));
            }
        }
        if self.kw(k, Kw::After) && self.kw(k + 1, Kw::Next) {
            return Some((
                k + 2,
                Sem::Weekday {
                    wd,
                    rel: 1,
                    weeks: Some(1),
                },
            ));
        }
        Some((
            k,
            Sem::Weekday {
                wd,
                rel,
                weeks: None,
            },
        ))
    }

    /// Dates that start with a keyword.
    fn kw_date(&self, i: usize, k: Kw) -> R {
        match k {
            Kw::Today => Some((i + 1, Sem::DayOffset(0))),
            Kw::Yesterday => Some((i + 1, Sem::DayOffset(-1))),
            Kw::Tomorrow => Some((i + 1, Sem::DayOffset(1))),
            Kw::Tonight => Some((
                i + 1,
                Sem::Pod {
                    base: Box::new(Sem::DayOffset(0)),
                    pod: Pod::Night,
                },
            )),
            Kw::Overnight => None,
            Kw::Last
            | Kw::Next
            | Kw::This
            | Kw::Coming
            | Kw::Past
            | Kw::Previous
            | Kw::Current
            | Kw::Following
            | Kw::Upcoming => self.relative(i, k),
            Kw::The => self.the_date(i),
            // "by the end of the month", "by EOY": a deadline
            Kw::By => {
                let k = if self.kw(i + 1, Kw::The)
                    && matches!(self.raw(i + 2), "EOM" | "BOM" | "EOY" | "BOY" | "EOD")
                {
                    i + 2
                } else {
                    i + 1
                };
                let (e, sem) = self.date_mod(k).or_else(|| self.clock_expr(k))?;
                Some((e, Sem::By(Box::new(sem))))
            }
            // "around next week": the approximation is not in the value
            Kw::Around | Kw::About | Kw::Approximately => {
                let (e, sem) = self.date_core(i + 1)?;
                matches!(
                    sem,
                    Sem::Unit { .. } | Sem::Weekday { .. } | Sem::Cal { .. } | Sem::Month { .. }
                )
                .then_some((e, sem))
            }
            Kw::Quarter => None,
            _ => None,
        }
    }

    /// "Christmas", "last Easter", "Thanksgiving 2014", "MLK day of last year".
    fn holiday(&self, i: usize) -> R {
        let (rel, start) = match self.tok(i)?.kw() {
            Some(Kw::Last) => (-1, i + 1),
            Some(Kw::Next) => (1, i + 1),
            Some(Kw::This) => (2, i + 1),
            _ => (0, i),
        };
        // the words of the name, possessives and dots dropped
        let mut words: Vec<String> = Vec::with_capacity(6);
        let mut ends: Vec<usize> = Vec::with_capacity(6);
        let mut k = start;
        while words.len() < 6 {
            let Some(t) = self.tok(k) else { break };
            if !t.is_word() || (k > start && t.gap > 1) {
                break;
            }
            words.push(self.raw(k).to_ascii_lowercase());
            k += 1;
            // St. / Jr.
            if self.p(k, b'.') && self.glued(k) {
                k += 1;
            }
            // 's
            if self.p(k, b'\'') && self.glued(k) && self.glued(k + 1) && self.kw(k + 1, Kw::S) {
                k += 2;
            }
            ends.push(k);
        }
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let (n, rule) = super::holiday::lookup(&refs)?;
        // "a good Friday for stocks", "the boss's day off": in running text a
        // name that starts with a common word needs its capital
        let common = matches!(
            refs[0],
            "new"
                | "good"
                | "black"
                | "white"
                | "palm"
                | "holy"
                | "king"
                | "mother"
                | "mothers"
                | "father"
                | "fathers"
                | "labor"
                | "labour"
                | "memorial"
                | "civil"
                | "saint"
                | "st"
                | "boss"
                | "bosses"
                | "ash"
                | "branch"
                | "covenant"
                | "president"
                | "presidents"
                | "cyber"
                | "pancake"
                | "trinity"
                | "monday"
                | "thu"
        );
        if common && !self.t[start].cap() && self.t.len() > 8 {
            return None;
        }
        let mut e = ends[n - 1];
        // "good"/"black"/"new" alone are not holidays; names with a capital or
        // lowercase in short texts are
        let mut y = YearSpec::Infer;
        if let Some((v, 4)) = self.num(e) {
            if (1000..=2200).contains(&v) && !self.glued_after_num(e) {
                y = YearSpec::Abs(v as i32);
                e += 1;
            }
        } else if let Some((off, e2)) = self.rel_year(e) {
            // "Thanksgiving Day last year"
            y = YearSpec::Rel(off);
            e = e2;
        } else if self.kw(e, Kw::Of) {
            if let Some((off, e2)) = self.rel_year(e + 1) {
                y = YearSpec::Rel(off);
                e = e2;
            } else if let Some((v, 4)) = self.num(e + 1) {
                y = YearSpec::Abs(v as i32);
                e += 2;
            }
        }
        Some((e, Sem::Holiday { rule, y, rel }))
    }

    /// Skips a possessive `'s` after a word.
    fn poss(&self, e: usize) -> usize {
        if self.p(e, b'\'') && self.glued(e) && self.glued(e + 1) && self.kw(e + 1, Kw::S) {
            e + 2
        } else {
            e
        }
    }

    /// last/next/this + weekday, unit, month, season, weekend; "last night".
    fn relative(&self, i: usize, k: Kw) -> R {
        let off: i64 = match k {
            Kw::Last | Kw::Past | Kw::Previous => -1,
            Kw::Next | Kw::Coming | Kw::Upcoming | Kw::Following => 1,
            _ => 0,
        };
        let j = i + 1;
        if let Some(e) = self.weekend_at(j) {
            return Some((e, Sem::Weekend(off)));
        }
        if off != 0 && self.word_is(j, "weekday") {
            return Some((j + 1, Sem::Workday(off)));
        }
        match self.lex(j) {
            Lex::Weekday(wd) => {
                let rel = if k == Kw::This { 2 } else { off };
                self.weekday(j, wd, rel).map(|(e, s)| {
                    if let Sem::Weekday { wd, weeks, .. } = s {
                        (e, Sem::Weekday { wd, rel, weeks })
                    } else {
                        (e, s)
                    }
                })
            }
            Lex::Unit(u, false) => {
                // "last week's sunday"
                let e = self.poss(j + 1);
                let poss = e > j + 1;
                let e = j + 1;
                if poss {
                    if let Lex::Weekday(wd) = self.lex(e + 2) {
                        return Some((
                            e + 3,
                            Sem::Weekday {
                                wd,
                                rel: 0,
                                weeks: Some(off),
                            },
                        ));
                    }
                }
                let unit = if u == Unit::Fortnight { Unit::Week } else { u };
                if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
                    // "next hour": an hour from now (not "the next hour")
                    if k == Kw::Next && !self.kw(i.wrapping_sub(1), Kw::The) && !poss {
                        return Some((
                            j + 1,
                            Sem::Shift {
                                n: 1,
                                unit,
                                anchor: Anchor::Ref,
                            },
                        ));
                    }
                    return None;
                }
                if unit == Unit::Day {
                    return Some((j + 1, Sem::DayOffset(off)));
                }
                Some((e, Sem::Unit { unit, off }))
            }
            Lex::Kw(Kw::Quarter) => Some((
                j + 1,
                Sem::Unit {
                    unit: Unit::Quarter,
                    off,
                },
            )),
            Lex::Kw(Kw::Fiscal) if matches!(self.lex(j + 1), Lex::Unit(Unit::Year, false)) => {
                Some((
                    j + 2,
                    Sem::Unit {
                        unit: Unit::Year,
                        off,
                    },
                ))
            }
            Lex::Month(m) => {
                if !self.t[j].cap() && self.t[j].abbr() {
                    return None;
                }
                let y = match off {
                    0 => YearSpec::Rel(0),
                    _ => YearSpec::Rel(off),
                };
                // resolved relative to the reference month in resolve
                let _ = y;
                Some((
                    j + 1,
                    Sem::RelMonth {
                        m,
                        off: if k == Kw::This { 0 } else { off },
                    },
                ))
            }
            Lex::Season(s) => Some((j + 1, Sem::RelSeason { s, off })),
            Lex::Pod(p) => {
                if k == Kw::Last && p == Pod::Night {
                    return Some((
                        j + 1,
                        Sem::Pod {
                            base: Box::new(Sem::DayOffset(-1)),
                            pod: Pod::Night,
                        },
                    ));
                }
                if k == Kw::This {
                    return Some((
                        j + 1,
                        Sem::Pod {
                            base: Box::new(Sem::DayOffset(0)),
                            pod: p,
                        },
                    ));
                }
                None
            }
            Lex::Kw(Kw::Day) => Some((j + 1, Sem::DayOffset(off))),
            _ => None,
        }
    }

    /// Forms that start with "the".
    fn the_date(&self, i: usize) -> R {
        let j = i + 1;
        // "the next decade", "the past century": a stretch of time (TimeML)
        if matches!(
            self.tok(j).and_then(|t| t.kw()),
            Some(Kw::Next | Kw::Following | Kw::Coming | Kw::Past | Kw::Last | Kw::Previous)
        ) {
            if let Lex::Unit(u @ (Unit::Decade | Unit::Century), false) = self.lex(j + 1) {
                return Some((
                    j + 2,
                    Sem::Duration {
                        n: Some(1.0),
                        unit: u,
                    },
                ));
            }
        }
        match self.lex(j) {
            // the previous day, the following week, the next month
            Lex::Kw(Kw::Previous | Kw::Following | Kw::Next | Kw::Same | Kw::Coming) => {
                self.the_neighbour(j)
            }
            // "the minute before", "the hour after"
            Lex::Unit(u @ (Unit::Hour | Unit::Minute | Unit::Second), _)
                if (self.kw(j + 1, Kw::Before) || self.kw(j + 1, Kw::After))
                    && self.t.get(j + 2).is_none_or(|t| t.punct().is_some()) =>
            {
                Some((
                    j + 2,
                    Sem::Shift {
                        n: if self.kw(j + 1, Kw::Before) { -1 } else { 1 },
                        unit: u,
                        anchor: Anchor::Last,
                    },
                ))
            }
            Lex::Unit(Unit::Day, false) => self.the_day_before_or_after(j),
            Lex::Kw(Kw::Past | Kw::Last)
                if self.kw(j + 1, Kw::Few) || matches!(self.lex(j + 1), Lex::Num(_)) =>
            {
                None
            }
            Lex::Kw(Kw::Past) if matches!(self.lex(j + 1), Lex::Unit(..)) => {
                // "the past week": a duration-like period ending now
                if let Lex::Unit(u, false) = self.lex(j + 1) {
                    return Some((
                        j + 2,
                        Sem::Duration {
                            n: Some(1.0),
                            unit: u,
                        },
                    ));
                }
                None
            }
            Lex::Kw(Kw::Ides) if self.kw(j + 1, Kw::Of) => {
                if let Lex::Month(m) = self.lex(j + 2) {
                    let d = if matches!(m, 3 | 5 | 7 | 10) { 15 } else { 13 };
                    return Some(self.with_year(j + 3, m, d));
                }
                None
            }
            Lex::Kw(Kw::Weekend) => Some((j + 1, Sem::Weekend(0))),
            Lex::Kw(k @ (Kw::Last | Kw::Past | Kw::Current | Kw::Upcoming)) => {
                // "the last week" → last week
                let r = self.relative(j, k)?;
                if matches!(r.1, Sem::Unit { .. } | Sem::Weekend(_)) {
                    return Some(r);
                }
                None
            }
            _ => {
                // the 1990s, the '90s, the 19th century, the first quarter, the 1st of march
                if let Some((e, sem)) = self.date_core(j) {
                    match sem {
                        Sem::Decade(_)
                        | Sem::Century(_)
                        | Sem::Quarter { .. }
                        | Sem::Cal { .. }
                        | Sem::Season { .. }
                        | Sem::Range(..) => {
                            return Some((e, sem));
                        }
                        _ => {}
                    }
                }
                if let Some((d, e)) = self.ordinal_day(j) {
                    if !matches!(self.lex(e), Lex::Unit(..))
                        && !self.kw(e, Kw::Quarter)
                        && !matches!(self.lex(e), Lex::Month(_))
                    {
                        let is_num = self.num(j).is_some();
                        if is_num && !self.noun_follows(e) {
                            return Some((e, Sem::DayOfMonth(d)));
                        }
                    }
                }
                // "the nineties"
                None
            }
        }
    }

    /// "The day before (yesterday)", "the day after (tomorrow)".
    fn the_day_before_or_after(&self, j: usize) -> R {
        // the day before yesterday / after tomorrow / before / after
        if self.kw(j + 1, Kw::Before) {
            if self.kw(j + 2, Kw::Yesterday) {
                return Some((j + 3, Sem::DayOffset(-2)));
            }
            return Some((
                j + 2,
                Sem::Shift {
                    n: -1,
                    unit: Unit::Day,
                    anchor: Anchor::Last,
                },
            ));
        }
        if self.kw(j + 1, Kw::After) {
            if self.kw(j + 2, Kw::Tomorrow) {
                return Some((j + 3, Sem::DayOffset(2)));
            }
            return Some((
                j + 2,
                Sem::Shift {
                    n: 1,
                    unit: Unit::Day,
                    anchor: Anchor::Last,
                },
            ));
        }
        None
    }

    /// "The previous day", "the following week", "the same evening": a unit,
    /// a part of day or a weekday next to the date under discussion.
    fn the_neighbour(&self, j: usize) -> R {
        let k = self.t[j].kw().unwrap_or(Kw::Same);
        let off = match k {
            Kw::Previous => -1,
            Kw::Same => 0,
            _ => 1,
        };
        if let Lex::Unit(u, false) = self.lex(j + 1) {
            if matches!(u, Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
                return Some((
                    j + 2,
                    Sem::Shift {
                        n: off,
                        unit: u,
                        anchor: Anchor::Last,
                    },
                ));
            }
        }
        if let Lex::Pod(p) = self.lex(j + 1) {
            if k == Kw::Same || k == Kw::Previous || k == Kw::Following || k == Kw::Next {
                return Some((
                    j + 2,
                    Sem::Pod {
                        base: Box::new(Sem::Shift {
                            n: off,
                            unit: Unit::Day,
                            anchor: Anchor::Last,
                        }),
                        pod: p,
                    },
                ));
            }
        }
        if k == Kw::Previous || k == Kw::Following {
            if let Lex::Weekday(wd) = self.lex(j + 1) {
                return Some((
                    j + 2,
                    Sem::Weekday {
                        wd,
                        rel: off,
                        weeks: None,
                    },
                ));
            }
        }
        None
    }

    // ---------------------------------------------------------------- clock

    fn clock_expr(&self, i: usize) -> R {
        let c = match self.clock(i, None) {
            Some(c) => c,
            None => {
                // "3-4pm": a bare hour before a range separator and a clock time
                let (v, l) = self.num(i)?;
                if l > 2 || !(1..=12).contains(&v) {
                    return None;
                }
                let sep =
                    self.p(i + 1, b'-') || self.kw(i + 1, Kw::To) || self.kw(i + 1, Kw::Until);
                let next = self.clock(i + 2, Some(Pod::Morning))?;
                if !sep || next.pm.is_none() {
                    return None;
                }
                Ck {
                    e: i + 1,
                    h: v as u32,
                    mi: 0,
                    sec: None,
                    tz: None,
                    loose: true,
                    pm: None,
                    bare: true,
                }
            }
        };
        let mut e = c.e;
        let mut h = c.h;
        let mut base: Option<Box<Sem>> = None;
        // "9 a.m. Tuesday", "9am on Saturday", "8 p.m. Monday", "3pm tomorrow", "8 this evening"
        let mut k = e;
        if self.p(k, b',') {
            k += 1;
        }
        if self.kw(k, Kw::On) {
            k += 1;
        }
        if let Some((mut e2, mut sem)) = self.date_core(k) {
            // "9 tomorrow evening"
            if sem_is_day(&sem) {
                if let Lex::Pod(p) = self.lex(e2) {
                    sem = Sem::Pod {
                        base: Box::new(sem),
                        pod: p,
                    };
                    e2 += 1;
                }
            }
            if sem_is_day(&sem) || matches!(sem, Sem::Pod { .. }) {
                base = Some(Box::new(match sem {
                    Sem::Pod { base, pod } => {
                        h = pod_hour(h, pod, c.loose);
                        *base
                    }
                    s => s,
                }));
                e = e2;
            }
        }
        // a clock range: "3-4pm", "9:30 - 11:00", "from 3:30 to 6 PM"
        if base.is_none() {
            let sep = self.p(e, b'-')
                || self.kw(e, Kw::To)
                || self.kw(e, Kw::Until)
                || self.kw(e, Kw::Through)
                || (self.kw(e, Kw::And) && i > 0 && self.kw(i - 1, Kw::Between));
            if sep {
                if let Some(c2) = self
                    .clock(e + 1, Some(Pod::Morning))
                    .filter(|c2| !c2.bare || c.pm.is_some() || c2.pm.is_some())
                {
                    let mut h1 = h;
                    // "3-4pm": the first takes the second's half of the day
                    if c.pm.is_none() && c2.pm == Some(true) && h1 < 12 && h1 + 12 <= c2.h {
                        h1 += 12;
                    }
                    let first = Sem::Clock {
                        base: None,
                        h: h1,
                        mi: c.mi,
                        sec: c.sec,
                        tz: c.tz,
                        loose: c.loose && c2.pm.is_none(),
                    };
                    // "8pm - 11": a bare end takes the start's half of the day
                    let h2 = if c2.bare && c.pm == Some(true) && c2.h < 12 {
                        c2.h + 12
                    } else {
                        c2.h
                    };
                    let second = Sem::Clock {
                        base: None,
                        h: h2,
                        mi: c2.mi,
                        sec: c2.sec,
                        tz: c2.tz,
                        loose: c2.loose,
                    };
                    let mut e3 = c2.e;
                    // "... on Thursday"
                    let mut k2 = e3;
                    if self.kw(k2, Kw::On) || self.p(k2, b',') {
                        k2 += 1;
                    }
                    if let Some((e4, day)) = self.date_core(k2) {
                        if sem_is_day(&day) {
                            e3 = e4;
                            let wrap = |c: Sem| match c {
                                Sem::Clock {
                                    h,
                                    mi,
                                    sec,
                                    tz,
                                    loose,
                                    ..
                                } => Sem::Clock {
                                    base: Some(Box::new(day.clone())),
                                    h,
                                    mi,
                                    sec,
                                    tz,
                                    loose,
                                },
                                o => o,
                            };
                            return Some((
                                e3,
                                Sem::Range(Box::new(wrap(first)), Box::new(wrap(second))),
                            ));
                        }
                    }
                    return Some((e3, Sem::Range(Box::new(first), Box::new(second))));
                }
            }
        }
        Some((
            e,
            Sem::Clock {
                base,
                h,
                mi: c.mi,
                sec: c.sec,
                tz: c.tz,
                loose: c.loose,
            },
        ))
    }

    /// "a quarter past 3pm", "half past three", "20 to noon", "twenty after 3pm".
    fn clock_rel(&self, i: usize) -> Option<Ck> {
        let (mins, k) = if self.kw(i, Kw::A) && self.kw(i + 1, Kw::Quarter) {
            (15, i + 2)
        } else if self.kw(i, Kw::Quarter) {
            (15, i + 1)
        } else if self.kw(i, Kw::Half) {
            (30, i + 1)
        } else if let Some((v, l)) = self.num(i) {
            if l > 2 || v == 0 || v >= 60 {
                return None;
            }
            (v as u32, i + 1)
        } else if let Some((Some(v), e)) = self.count(i) {
            if v.fract() != 0.0 || !(1.0..60.0).contains(&v) || self.kw(i, Kw::A) {
                return None;
            }
            (v as u32, e)
        } else {
            return None;
        };
        let mut k = k;
        if matches!(self.lex(k), Lex::Unit(Unit::Minute, _)) {
            k += 1;
        }
        let before = if self.kw(k, Kw::Past) || self.kw(k, Kw::After) {
            false
        } else if self.kw(k, Kw::To) || self.kw(k, Kw::Until) || self.kw(k, Kw::Before) {
            true
        } else {
            return None;
        };
        let hour = self.clock(k + 1, Some(Pod::Morning)).or_else(|| {
            // "half past three"
            let (Some(v), e) = self.count(k + 1)? else {
                return None;
            };
            if v.fract() != 0.0 || !(1.0..=12.0).contains(&v) {
                return None;
            }
            Some(Ck {
                e,
                h: v as u32,
                mi: 0,
                sec: None,
                tz: None,
                loose: true,
                pm: None,
                bare: true,
            })
        })?;
        if hour.mi != 0 {
            return None;
        }
        let total = hour.h as i64 * 60 + if before { -(mins as i64) } else { mins as i64 };
        let total = total.rem_euclid(24 * 60);
        Some(Ck {
            e: hour.e,
            h: (total / 60) as u32,
            mi: (total % 60) as u32,
            sec: None,
            tz: hour.tz,
            loose: hour.loose,
            pm: hour.pm,
            bare: false,
        })
    }

    /// A clock time. `pod`: the part of day it follows ("this morning at 3"),
    /// which lets a bare number be an hour.
    fn clock(&self, i: usize, pod: Option<Pod>) -> Option<Ck> {
        let t = self.tok(i)?;
        if let Some(c) = self.clock_rel(i) {
            return Some(c);
        }
        if t.is_kw(Kw::Noon) {
            return Some(Ck::named_hour(i + 1, 12, true));
        }
        if t.is_kw(Kw::Midnight) {
            return Some(Ck::named_hour(i + 1, 0, false));
        }
        let (h, hl) = match self.num(i) {
            Some(x) => x,
            None => match self.lex(i) {
                // "eight tonight", "at three am"
                Lex::Num(n) if (1..=12).contains(&n) => (n as u64, 1),
                _ => return None,
            },
        };
        let word_hour = self.num(i).is_none();
        let mut e = i + 1;
        let mut mi = 0u64;
        let mut sec = None;
        let mut explicit_min = false;
        let mut pm_flag = None;
        if word_hour {
            if let Some((minutes, end)) = self.spelled_minutes(i, e) {
                mi = minutes;
                e = end;
                explicit_min = true;
            }
        }
        if (self.p(e, b':') || (self.p(e, b'.') && pod.is_some()))
            && self.glued(e)
            && self.glued(e + 1)
        {
            let (m, ml) = self.num(e + 1)?;
            if ml != 2 || m > 59 || hl > 2 {
                return None;
            }
            mi = m;
            e += 2;
            explicit_min = true;
            if self.p(e, b':') && self.glued(e) && self.glued(e + 1) {
                if let Some((s, 2)) = self.num(e + 1) {
                    if s <= 59 {
                        sec = Some(s as u32);
                        e += 2;
                    }
                }
            }
        } else if !word_hour
            && self.glued(e)
            && self.word_is(e, "h")
            && !(i > 0 && self.kw(i - 1, Kw::In))
        {
            // 15h30, 15h
            if hl > 2 || h > 23 {
                return None;
            }
            e += 1;
            if let Some((m, 2)) = self.num(e) {
                if self.glued(e) && m <= 59 {
                    mi = m;
                    e += 1;
                }
            }
            let mut c = Ck {
                e,
                h: h as u32,
                mi: mi as u32,
                sec: None,
                tz: None,
                loose: false,
                pm: None,
                bare: false,
            };
            if let Some((off, e2)) = self.tz_at(c.e) {
                c.tz = Some(off);
                c.e = e2;
            }
            return Some(c);
        }
        let mut h = h;
        if !explicit_min && (hl == 3 || hl == 4) && self.ampm(e).is_some() {
            // 330 p.m.
            mi = h % 100;
            h /= 100;
            if mi > 59 {
                return None;
            }
        } else if !explicit_min && hl > 2 {
            return None;
        }
        if h > 24 {
            return None;
        }
        let mut h = h as u32;
        let mut bare = false;
        if let Some((pm, e2)) = self.ampm(e) {
            if h == 0 || h > 12 {
                return None;
            }
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
            pm_flag = Some(pm);
            e = e2;
        } else if self.kw(e, Kw::Oclock) || (self.word_is(e, "o") && self.word_is(e + 1, "clock")) {
            e += if self.kw(e, Kw::Oclock) { 1 } else { 2 };
            if let Some((pm, e2)) = self.ampm(e) {
                if pm && h < 12 {
                    h += 12;
                }
                pm_flag = Some(pm);
                e = e2;
            }
        } else if !explicit_min {
            // a bare number is an hour only next to a part of day or after "at"
            if h == 0 || h > 12 {
                return None;
            }
            let pod_after = (self.kw(e, Kw::In)
                && self.kw(e + 1, Kw::The)
                && matches!(self.lex(e + 2), Lex::Pod(_)))
                || self.kw(e, Kw::Tonight)
                || (self.kw(e, Kw::At) && matches!(self.lex(e + 1), Lex::Pod(Pod::Night)))
                || (self.kw(e, Kw::This) && matches!(self.lex(e + 1), Lex::Pod(_)))
                || ((self.kw(e, Kw::Tomorrow) || self.kw(e, Kw::Today)) && !word_hour);
            let after_at = i > 0
                && (self.kw(i - 1, Kw::At)
                    || self.p(i - 1, b'@')
                    // the end of a clock range: "8pm - 11"
                    || self.p(i - 1, b'-')
                    || self.kw(i - 1, Kw::To)
                    || self.kw(i - 1, Kw::Until));
            if !(pod_after || (pod.is_some() && after_at)) {
                return None;
            }
            bare = true;
        }
        let reading = Ck {
            e,
            h,
            mi: mi as u32,
            sec,
            tz: None,
            loose: false,
            pm: pm_flag,
            bare,
        };
        Some(self.clock_day_part(reading, pod))
    }

    /// Spelled minutes after a spelled hour at `from` ("ten thirty am",
    /// "four twenty-three a m", "at three twenty"): the minutes and the
    /// token after them, when an am/pm follows or "at" comes before.
    fn spelled_minutes(&self, i: usize, from: usize) -> Option<(u64, usize)> {
        let Lex::Num(tens) = self.lex(from) else {
            return None;
        };
        if !(10..=59).contains(&tens) {
            return None;
        }
        let mut end = from + 1;
        let mut minutes = tens;
        if tens >= 20 && tens % 10 == 0 {
            let units_at = if self.p(end, b'-') && self.glued(end) {
                end + 1
            } else {
                end
            };
            if let Lex::Num(units) = self.lex(units_at) {
                if (1..=9).contains(&units) {
                    minutes += units;
                    end = units_at + 1;
                }
            }
        }
        let after_at = i > 0 && (self.kw(i - 1, Kw::At) || self.p(i - 1, b'@'));
        (self.ampm(end).is_some() || after_at).then_some((minutes as u64, end))
    }

    /// A clock time's part of day after it ("in the morning", "at night",
    /// "tonight") or before it (`pod`), which moves a free hour into the
    /// afternoon or the night; whether the hour stays loose; then a time
    /// zone.
    fn clock_day_part(&self, mut reading: Ck, pod: Option<Pod>) -> Ck {
        let mut pod_known = pod.is_some();
        let free = reading.pm.is_none();
        let e = reading.e;
        if self.kw(e, Kw::In) && self.kw(e + 1, Kw::The) {
            if let Lex::Pod(p) = self.lex(e + 2) {
                reading.h = pod_hour(reading.h, p, free);
                reading.e += 3;
                pod_known = true;
            }
        } else if self.kw(e, Kw::At) && matches!(self.lex(e + 1), Lex::Pod(Pod::Night)) {
            reading.h = pod_hour(reading.h, Pod::Night, free);
            reading.e += 2;
            pod_known = true;
        } else if self.kw(e, Kw::Tonight) {
            reading.h = pod_hour(reading.h, Pod::Night, free);
            pod_known = true;
        } else if let Some(p) = pod {
            reading.h = pod_hour(reading.h, p, free);
        }
        reading.loose = free && !pod_known && (1..=12).contains(&reading.h);
        if let Some((off, e2)) = self.tz_at(reading.e) {
            reading.tz = Some(off);
            reading.e = e2;
        }
        reading
    }

    /// A time zone after a clock time: "GMT", "PST", "utc+0245", "UTC+2",
    /// "Central time". Returns the offset in minutes east of UTC.
    fn tz_at(&self, e: usize) -> Option<(Zone, usize)> {
        let t = self.tok(e)?;
        if !t.is_word() || t.gap > 1 {
            return None;
        }
        let w = self.raw(e);
        if let Some((off, dst)) = zone_offset(w) {
            let mut e2 = e + 1;
            let mut off = off;
            if matches!(w.to_ascii_uppercase().as_str(), "UTC" | "GMT")
                && (self.p(e2, b'+') || self.p(e2, b'-'))
                && self.glued(e2)
            {
                let sign = if self.p(e2, b'+') { 1 } else { -1 };
                if let Some((v, len)) = self.num(e2 + 1) {
                    let (hh, mm, used) = if len >= 3 {
                        ((v / 100) as i32, (v % 100) as i32, 2)
                    } else if self.p(e2 + 2, b':') {
                        (
                            v as i32,
                            self.num(e2 + 3).map(|x| x.0 as i32).unwrap_or(0),
                            4,
                        )
                    } else {
                        (v as i32, 0, 2)
                    };
                    if hh <= 14 && mm < 60 {
                        off = sign * (hh * 60 + mm);
                        e2 += used;
                    }
                }
            }
            return Some((Zone { offset: off, dst }, e2));
        }
        let region = match w {
            "Eastern" => -300,
            "Central" => -360,
            "Mountain" => -420,
            "Pacific" => -480,
            _ => return None,
        };
        if self.word_is(e + 1, "time") {
            return Some((
                Zone {
                    offset: region,
                    dst: Dst::Us,
                },
                e + 2,
            ));
        }
        None
    }

    /// am / pm after a clock number: "9 a.m.", "9am", "3p", "3:30 p m".
    fn ampm(&self, e: usize) -> Option<(bool, usize)> {
        let t = self.tok(e)?;
        if t.gap > 1 {
            return None;
        }
        match t.kw() {
            Some(Kw::Am) => return Some((false, e + 1)),
            Some(Kw::Pm) => return Some((true, e + 1)),
            _ => {}
        }
        let w = self.raw(e);
        if t.is_word() && t.gap == 0 && (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("p"))
        {
            let pm = w.eq_ignore_ascii_case("p");
            let mut e2 = e + 1;
            if self.p(e2, b'.') && self.glued(e2) {
                e2 += 1;
            }
            return Some((pm, e2));
        }
        if t.is_word()
            && (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("p"))
            && self.word_is(e + 1, "m")
        {
            return Some((w.eq_ignore_ascii_case("p"), e + 2));
        }
        None
    }

    // ------------------------------------------------------- amounts of time

    /// A count of units: durations, "3 days ago", "in 2 weeks", "a day later".
    fn amount_expr(&self, i: usize) -> R {
        if self.p(i, b'+') || self.p(i, b'-') {
            return self.compound(i + 1, i + 1);
        }
        // "the past two years", "the next few months", "almost seven years",
        // "more than 14 hours": a duration with its qualifier
        // "the past two years", "last 2 days", "the next few months", "upcoming two weeks"
        let span_dir = |k: usize| -> Option<i64> {
            match self.tok(k)?.kw()? {
                Kw::Past | Kw::Last | Kw::Previous => Some(-1),
                Kw::Next | Kw::Coming | Kw::Following | Kw::Upcoming => Some(1),
                _ => None,
            }
        };
        let span_at = if self.kw(i, Kw::The) { i + 1 } else { i };
        if let Some(dir) = span_dir(span_at) {
            let upcoming = self.kw(span_at, Kw::Upcoming);
            if let Some((e, Sem::Duration { n, unit })) = self.amount_expr(span_at + 1) {
                if n.is_none_or(|v| v.fract() == 0.0) {
                    return Some((
                        e,
                        Sem::Span {
                            n: n.map(|v| v as i64),
                            unit,
                            dir,
                            upcoming,
                        },
                    ));
                }
            }
            return None;
        }
        // "two upcoming weeks"
        if let Some((Some(v), k)) = self.count(i) {
            if self.kw(k, Kw::Upcoming) && v.fract() == 0.0 {
                if let Lex::Unit(unit, _) = self.lex(k + 1) {
                    return Some((
                        k + 2,
                        Sem::Span {
                            n: Some(v as i64),
                            unit,
                            dir: 1,
                            upcoming: true,
                        },
                    ));
                }
                if self.kw(k + 1, Kw::Quarter) {
                    return Some((
                        k + 2,
                        Sem::Span {
                            n: Some(v as i64),
                            unit: Unit::Quarter,
                            dir: 1,
                            upcoming: true,
                        },
                    ));
                }
            }
        }
        // "almost seven years", "more than 14 hours": a duration with its qualifier
        let lead = if matches!(
            self.tok(i).and_then(|t| t.kw()),
            Some(Kw::Almost | Kw::Nearly | Kw::About | Kw::Around | Kw::Approximately | Kw::Some)
        ) {
            1
        } else if (self.kw(i, Kw::More) || self.kw(i, Kw::Less)) && self.kw(i + 1, Kw::Than) {
            2
        } else {
            0
        };
        if lead > 0 {
            if let Some((e, sem @ (Sem::Duration { .. } | Sem::InFuture { .. }))) =
                self.amount_expr(i + lead)
            {
                return Some((e, sem));
            }
            return None;
        }
        self.counted_amount(i)
    }

    /// A count of units: "in"/"within" an amount (in the future), an amount
    /// of weekdays from now or ago, a duration, with its direction.
    fn counted_amount(&self, i: usize) -> R {
        let mut s = i;
        let mut in_future = false;
        let mut within = false;
        if self.kw(s, Kw::In) || self.kw(s, Kw::Within) {
            within = self.kw(s, Kw::Within);
            in_future = true;
            s += 1;
            // "in about 5 hours", "within around 3 hours"
            if matches!(
                self.tok(s).and_then(|t| t.kw()),
                Some(Kw::About | Kw::Around | Kw::Approximately)
            ) {
                s += 1;
            }
            if self.p(s, b'~') {
                s += 1;
            }
        }
        let Some((n, k)) = self.count(s) else {
            // "for years", "days of talks": an unspecified duration
            if let Lex::Unit(u, true) = self.lex(s) {
                if s == i
                    && !self.kw(s + 1, Kw::Ago)
                    && !self.kw(s + 1, Kw::Later)
                    && !self.kw(s + 1, Kw::Earlier)
                {
                    let bare_ok = matches!(
                        u,
                        Unit::Minute
                            | Unit::Hour
                            | Unit::Day
                            | Unit::Week
                            | Unit::Month
                            | Unit::Year
                            | Unit::Decade
                    );
                    if bare_ok {
                        return Some((s + 1, Sem::Duration { n: None, unit: u }));
                    }
                }
            }
            return None;
        };
        let mut k = k;
        let mut hyph = false;
        if self.p(k, b'-') && self.glued(k) {
            k += 1;
            hyph = true;
        }
        if let Some(r) = self.compound(i, s) {
            return Some(r);
        }
        let unit = match self.lex(k) {
            Lex::Unit(u, _) => u,
            Lex::Kw(Kw::Quarter) => Unit::Quarter,
            _ if self.short_unit(k).is_some() && self.num(s).is_some() => self.short_unit(k)?,
            Lex::Weekdays(wd) | Lex::Weekday(wd) => {
                // "3 fridays from now", "2 thursdays ago"
                let e = k + 1;
                let n = n?;
                if self.kw(e, Kw::From) && self.kw(e + 1, Kw::Now) {
                    return Some((
                        e + 2,
                        Sem::Weekday {
                            wd,
                            rel: 10 + n as i64,
                            weeks: None,
                        },
                    ));
                }
                if self.kw(e, Kw::Ago) {
                    return Some((
                        e + 1,
                        Sem::Weekday {
                            wd,
                            rel: -10 - n as i64,
                            weeks: None,
                        },
                    ));
                }
                return None;
            }
            _ => return None,
        };
        let unit = if unit == Unit::Fortnight {
            Unit::Week
        } else {
            unit
        };
        // "a second official language": an ordinal, not a duration
        if matches!(self.lex(k), Lex::Unit(Unit::Second, false))
            && self
                .tok(k + 1)
                .is_some_and(|t| t.is_word() && t.gap <= 1 && !t.cap() && t.lex() == Lex::Other)
        {
            return None;
        }
        let n_weeks_mult = if matches!(self.lex(k), Lex::Unit(Unit::Fortnight, _)) {
            2.0
        } else {
            1.0
        };
        // "2.5 hours", "half an hour": in minutes
        let (n, unit) = match n {
            Some(v) if v.fract() != 0.0 && unit == Unit::Hour => (Some(v * 60.0), Unit::Minute),
            Some(v) if v.fract() != 0.0 && unit == Unit::Minute => (Some(v * 60.0), Unit::Second),
            other => (other, unit),
        };
        let e = k + 1;
        if in_future {
            if n.is_none()
                && !(self.kw(s, Kw::A)
                    || matches!(
                        self.tok(s).and_then(|t| t.kw()),
                        Some(Kw::Few | Kw::Several)
                    ))
            {
                return None;
            }
            let n = n.map(|v| v * n_weeks_mult);
            if n.is_some_and(|v| v.fract() != 0.0) {
                return None;
            }
            return Some((
                e,
                Sem::InFuture {
                    n: n.map(|v| v as i64),
                    unit,
                    within,
                    several: self.kw(s, Kw::Several),
                },
            ));
        }
        let nn = n.map(|v| v * n_weeks_mult);
        if hyph {
            return Some((e, Sem::Duration { n: nn, unit }));
        }
        self.amount_with_direction(s, e, unit, nn)
    }

    /// An amount of units (counted from `count_at`, ending before `e`) with
    /// a direction after it: "ago", "from" a day or a time, "hence", "out",
    /// "later", "earlier", "before"/"after" a date; else a duration.
    fn amount_with_direction(
        &self,
        count_at: usize,
        e: usize,
        unit: Unit,
        amount: Option<f64>,
    ) -> R {
        let whole = amount.filter(|v| v.fract() == 0.0).map(|v| v as i64);
        if self.kw(e, Kw::Ago) {
            let Some(n) = whole else {
                // "a few days ago", "several weeks ago"
                return amount.is_none().then(|| {
                    (
                        e + 1,
                        Sem::FewAgo {
                            unit,
                            several: self.kw(count_at, Kw::Several),
                        },
                    )
                });
            };
            return Some((
                e + 1,
                Sem::Shift {
                    n: -n,
                    unit,
                    anchor: Anchor::Ref,
                },
            ));
        }
        // "3 years from today": counted from the day; "15 minutes from 1pm"
        if self.kw(e, Kw::From) {
            let n = whole?;
            let base = if self.kw(e + 1, Kw::Today) && unit >= Unit::Day {
                Some((e + 2, Sem::DayOffset(0)))
            } else if matches!(unit, Unit::Hour | Unit::Minute | Unit::Second) {
                self.clock_expr(e + 1)
                    .filter(|(_, c)| matches!(c, Sem::Clock { .. }))
            } else {
                None
            };
            if let Some((be, base)) = base {
                return Some((
                    be,
                    Sem::ShiftFrom {
                        n,
                        unit,
                        base: Box::new(base),
                    },
                ));
            }
        }
        // "a day from right now"
        let e = if self.kw(e, Kw::From) && self.kw(e + 1, Kw::Right) && self.kw(e + 2, Kw::Now) {
            e + 1
        } else {
            e
        };
        // "15 minutes out": that long from now
        let out = self.word_is(e, "out") && !self.kw(e + 1, Kw::Of) && !self.kw(e + 1, Kw::From);
        if self.kw(e, Kw::Hence)
            || out
            || (self.kw(e, Kw::From) && (self.kw(e + 1, Kw::Now) || self.kw(e + 1, Kw::Today)))
        {
            let n = whole?;
            let end = if self.kw(e, Kw::Hence) || out {
                e + 1
            } else {
                e + 2
            };
            return Some((
                end,
                Sem::Shift {
                    n,
                    unit,
                    anchor: Anchor::Ref,
                },
            ));
        }
        if self.kw(e, Kw::Later)
            || self.kw(e, Kw::Earlier)
            || self.kw(e, Kw::Before)
            || self.kw(e, Kw::After)
        {
            let n = whole?;
            let sign = if self.kw(e, Kw::Later) || self.kw(e, Kw::After) {
                1
            } else {
                -1
            };
            // "2 days after next Friday", "a week before yesterday"
            if self.kw(e, Kw::Before) || self.kw(e, Kw::After) {
                if let Some((e2, base)) = self.date_core(e + 1) {
                    if sem_is_day(&base) {
                        return Some((
                            e2,
                            Sem::ShiftFrom {
                                n: sign * n,
                                unit,
                                base: Box::new(base),
                            },
                        ));
                    }
                }
                if !self.boundary_after(e + 1) {
                    return Some((e, Sem::Duration { n: amount, unit }));
                }
            }
            return Some((
                e + 1,
                Sem::Shift {
                    n: sign * n,
                    unit,
                    anchor: Anchor::Last,
                },
            ));
        }
        Some((e, Sem::Duration { n: amount, unit }))
    }

    /// A unit written short and glued to its number: 5d, 3w, 2mo, 1y, 25m, 49s, 2hr.
    fn short_unit(&self, k: usize) -> Option<Unit> {
        let t = self.tok(k)?;
        if !t.is_word() || t.gap != 0 {
            return None;
        }
        Some(match self.raw(k).to_ascii_lowercase().as_str() {
            "s" | "sec" | "secs" => Unit::Second,
            "m" | "min" | "mins" => Unit::Minute,
            "h" | "hr" | "hrs" => Unit::Hour,
            "d" => Unit::Day,
            "w" | "wk" | "wks" => Unit::Week,
            "mo" | "mos" => Unit::Month,
            "y" | "yr" | "yrs" => Unit::Year,
            _ => return None,
        })
    }

    /// One "count unit" part of a compound amount.
    fn part(&self, k: usize) -> Option<(i64, Unit, usize)> {
        let (v, len) = self.num(k).or_else(|| match self.lex(k) {
            Lex::Num(n) => Some((n as u64, 1)),
            Lex::Kw(Kw::A) => Some((1, 1)),
            _ => None,
        })?;
        if len > 4 {
            return None;
        }
        let u = match self.lex(k + 1) {
            Lex::Unit(u, _) if !self.glued(k + 1) || self.num(k).is_some() => u,
            _ => self.short_unit(k + 1).filter(|_| self.num(k).is_some())?,
        };
        Some((v as i64, u, k + 2))
    }

    /// "1 day 21 hours ago", "+2 months, 5 days", "in 1d, 2hr, and 5min",
    /// "-3y": several parts, or a signed amount.
    fn compound(&self, i: usize, s: usize) -> R {
        let (n0, u0, mut e) = self.part(s)?;
        let mut parts = vec![(n0, u0)];
        loop {
            let mut k = e;
            if self.p(k, b',') {
                k += 1;
            }
            if self.kw(k, Kw::And) {
                k += 1;
            }
            match self.part(k) {
                Some((n, u, e2)) if u < parts[parts.len() - 1].1 => {
                    parts.push((n, u));
                    e = e2;
                }
                _ => break,
            }
        }
        let signed = i > 0
            && s == i
            && (self.p(i - 1, b'+') || self.p(i - 1, b'-'))
            && self.glued(i)
            && (i < 2
                || self.t[i - 1].gap > 0
                || self
                    .tok(i - 2)
                    .is_none_or(|t| !t.is_word() && t.num().is_none()));
        if parts.len() < 2 && !signed {
            return None;
        }
        let dir = if self.kw(e, Kw::Ago) || self.kw(e, Kw::Earlier) || self.kw(e, Kw::Before) {
            e += 1;
            -1
        } else if self.kw(e, Kw::Later) || self.kw(e, Kw::After) || self.kw(e, Kw::Hence) {
            e += 1;
            1
        } else if signed {
            if self.p(i - 1, b'-') {
                -1
            } else {
                1
            }
        } else if s > i {
            1
        } else {
            0
        };
        Some((e, Sem::Multi { parts, dir }))
    }

    /// A count: digits, number words, "a", "a few", "several", "a couple of".
    fn count(&self, i: usize) -> Option<(Option<f64>, usize)> {
        let t = self.tok(i)?;
        if let Some((v, len)) = t.num() {
            if len > 4 {
                return None;
            }
            // 2.5 hours
            if self.p(i + 1, b'.') && self.glued(i + 1) && self.glued(i + 2) {
                if let Some((f, fl)) = self.num(i + 2) {
                    let frac = f as f64 / 10f64.powi(fl as i32);
                    return Some((Some(v as f64 + frac), i + 3));
                }
            }
            if i > 0
                && self.t[i].gap == 0
                && matches!(self.t[i - 1].punct(), Some(b'$' | b'.' | b'-'))
            {
                return None;
            }
            // 1/4 h, 3/4 hour, 1/2 hour
            if self.p(i + 1, b'/') && self.glued(i + 1) && self.glued(i + 2) {
                if let Some((b, 1)) = self.num(i + 2) {
                    if (2..=4).contains(&b) && v < b {
                        return Some((Some(v as f64 / b as f64), i + 3));
                    }
                }
                return None;
            }
            return Some((Some(v as f64), i + 1));
        }
        match t.lex() {
            Lex::Num(n) => {
                if n == 0 {
                    return None;
                }
                // twenty-four, twenty four
                let mut v = n;
                let mut e = i + 1;
                if n >= 20 && n % 10 == 0 && n < 100 {
                    let k = if self.p(e, b'-') { e + 1 } else { e };
                    if let Lex::Num(u) = self.lex(k) {
                        if u < 10 {
                            v += u;
                            e = k + 1;
                        }
                    }
                }
                Some((Some(v as f64), e))
            }
            Lex::Kw(Kw::A) => {
                if self.kw(i + 1, Kw::Few) {
                    return Some((None, i + 2));
                }
                if self.kw(i + 1, Kw::Quarter) && self.kw(i + 2, Kw::Of) && self.kw(i + 3, Kw::A) {
                    return Some((Some(0.25), i + 4));
                }
                if self.word_is(i + 1, "pair") && self.kw(i + 2, Kw::Of) {
                    return Some((Some(2.0), i + 3));
                }
                if self.kw(i + 1, Kw::Couple) {
                    let e = if self.kw(i + 2, Kw::Of) { i + 3 } else { i + 2 };
                    return Some((Some(2.0), e));
                }
                if self.kw(i + 1, Kw::Half) {
                    return Some((Some(0.5), i + 2));
                }
                Some((Some(1.0), i + 1))
            }
            Lex::Kw(Kw::Few | Kw::Several | Kw::Many) => Some((None, i + 1)),
            Lex::Kw(Kw::Half) if self.kw(i + 1, Kw::A) => Some((Some(0.5), i + 2)),
            _ => None,
        }
    }

    // ---------------------------------------------------------------- vague

    fn vague(&self, i: usize) -> R {
        let k = self.t[i].kw()?;
        let v = |e: usize, s: &'static str| Some((e, Sem::Vague(s)));
        match k {
            Kw::Now => {
                if i > 0 && self.kw(i - 1, Kw::From) {
                    return None;
                }
                Some((i + 1, Sem::Now))
            }
            Kw::Right if self.kw(i + 1, Kw::Now) => Some((i + 2, Sem::Now)),
            Kw::Just if self.kw(i + 1, Kw::Now) => Some((i + 2, Sem::Now)),
            Kw::Currently | Kw::Nowadays | Kw::Presently | Kw::Ongoing | Kw::Immediately => {
                v(i + 1, "PRESENT_REF")
            }
            Kw::Recently | Kw::Lately | Kw::Formerly => v(i + 1, "PAST_REF"),
            Kw::Soon => v(i + 1, "FUTURE_REF"),
            Kw::Recent => {
                // recent days/weeks/months/years: an unspecified duration
                if let Lex::Unit(u, true) = self.lex(i + 1) {
                    return Some((i + 2, Sem::Duration { n: None, unit: u }));
                }
                None
            }
            Kw::In => {
                // in recent days, in the past, in the future, in the immediate future
                if self.kw(i + 1, Kw::Recent) {
                    if let Lex::Unit(u, true) = self.lex(i + 2) {
                        return Some((i + 3, Sem::Duration { n: None, unit: u }));
                    }
                }
                if self.kw(i + 1, Kw::The) {
                    if self.kw(i + 2, Kw::Past)
                        && !matches!(
                            self.lex(i + 3),
                            Lex::Unit(..) | Lex::Num(_) | Lex::Kw(Kw::Few | Kw::Several | Kw::Many)
                        )
                    {
                        return v(i + 3, "PAST_REF");
                    }
                    if self.kw(i + 2, Kw::Future) {
                        return v(i + 3, "FUTURE_REF");
                    }
                    if (self.kw(i + 2, Kw::Immediate)
                        || self.kw(i + 2, Kw::Near)
                        || self.kw(i + 2, Kw::Distant))
                        && self.kw(i + 3, Kw::Future)
                    {
                        return v(i + 4, "FUTURE_REF");
                    }
                    // "in the afternoon": the afternoon of the last date
                    if let Lex::Pod(p) = self.lex(i + 2) {
                        if !matches!(self.lex(i + 3), Lex::Kw(Kw::Of)) {
                            return Some((i + 3, Sem::PodAnaphor(p)));
                        }
                    }
                }
                if matches!(self.lex(i + 1), Lex::Unit(_, true))
                    && !self.kw(i + 2, Kw::Of)
                    && !self.p(i + 2, b'-')
                {
                    // "in months", "in years"
                    return v(i + 2, "FUTURE_REF");
                }
                None
            }
            Kw::At => {
                if self.kw(i + 1, Kw::The) && self.kw(i + 2, Kw::Moment) {
                    return Some((i + 3, Sem::Now));
                }
                if self.kw(i + 1, Kw::Present) && !self.is_noun_after(i + 2) {
                    return v(i + 2, "PRESENT_REF");
                }
                if self.kw(i + 1, Kw::The) && self.kw(i + 2, Kw::Time) && !self.kw(i + 3, Kw::Of) {
                    return v(i + 3, "PAST_REF");
                }
                None
            }
            Kw::The => {
                if (self.kw(i + 1, Kw::Immediate) || self.kw(i + 1, Kw::Near))
                    && self.kw(i + 2, Kw::Future)
                {
                    return v(i + 3, "FUTURE_REF");
                }
                if self.kw(i + 1, Kw::Past) && self.boundary_after(i + 2) {
                    return v(i + 2, "PAST_REF");
                }
                None
            }
            Kw::That => {
                // that day / that morning
                if matches!(self.lex(i + 1), Lex::Unit(Unit::Day, false)) {
                    return Some((
                        i + 2,
                        Sem::Shift {
                            n: 0,
                            unit: Unit::Day,
                            anchor: Anchor::Last,
                        },
                    ));
                }
                if let Lex::Pod(p) = self.lex(i + 1) {
                    return Some((i + 2, Sem::PodAnaphor(p)));
                }
                None
            }
            Kw::Every | Kw::Each => match self.lex(i + 1) {
                Lex::Unit(u, false) => Some((i + 2, Sem::Set(set_value(u)))),
                Lex::Weekday(wd) => Some((i + 2, Sem::Set(WEEKDAY_SETS[wd as usize]))),
                Lex::Pod(p) => Some((
                    i + 2,
                    Sem::Set(match p {
                        Pod::Morning => "XXXX-XX-XXTMO",
                        Pod::Afternoon => "XXXX-XX-XXTAF",
                        Pod::Evening => "XXXX-XX-XXTEV",
                        Pod::Night => "XXXX-XX-XXTNI",
                    }),
                )),
                _ => None,
            },
            Kw::Daily => v(i + 1, "P1D").map(|(e, _)| (e, Sem::Set("P1D"))),
            Kw::Weekly => Some((i + 1, Sem::Set("P1W"))),
            Kw::Monthly => Some((i + 1, Sem::Set("P1M"))),
            Kw::Annually => Some((i + 1, Sem::Set("P1Y"))),
            Kw::Hourly => Some((i + 1, Sem::Set("PT1H"))),
            Kw::Nightly => Some((i + 1, Sem::Set("XXXX-XX-XXTNI"))),
            Kw::Earlier => {
                // "Earlier," / "earlier" that is not "earlier this week"
                if self.kw(i + 1, Kw::This) || self.kw(i + 1, Kw::Today) || self.kw(i + 1, Kw::Than)
                {
                    return None;
                }
                v(i + 1, "PAST_REF")
            }
            // a bare "later" is not a temporal expression in TimeML
            Kw::Later => None,
            _ => None,
        }
    }

    /// A lowercase ordinary word follows at `i` (the expression is an adjective).
    fn noun_follows(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| {
            t.is_word()
                && t.gap == 1
                && t.lex() == Lex::Other
                && (!t.cap()
                    || self.raw(i).bytes().all(|c| c.is_ascii_uppercase())
                    || self.t[i - 1].is_word() && t.cap())
        })
    }

    fn is_noun_after(&self, i: usize) -> bool {
        self.tok(i)
            .is_some_and(|t| t.is_word() && t.gap <= 1 && !self.boundary_after(i))
            && !self.kw(i, Kw::And)
            && !self.kw(i, Kw::In)
    }

    fn boundary_after(&self, i: usize) -> bool {
        match self.tok(i) {
            None => true,
            Some(t) => {
                t.gap == 2 || matches!(t.punct(), Some(b'.' | b',' | b';' | b'!' | b'?' | b')'))
            }
        }
    }

    // ---------------------------------------------------------------- tense

    /// The tense of the clause around tokens `[s, e)`: the nearest verb cue.
    fn tense(&self, s: usize, e: usize) -> Tense {
        let mut back = s;
        let mut best: Option<(usize, Tense)> = None;
        for dist in 1..=8 {
            if back == 0 || self.boundary_before(back) {
                break;
            }
            back -= 1;
            if let Some(t) = self.cue(back) {
                best = Some((dist, t));
                break;
            }
        }
        let mut fwd = e;
        if self.p(fwd, b',') {
            fwd += 1;
        }
        for dist in 1..=12 {
            if fwd >= self.t.len() || self.boundary_before(fwd) && fwd > e {
                break;
            }
            // a relative clause or a new clause after a comma is not ours
            if fwd > e + 1
                && (self.p(fwd, b',') || self.word_is(fwd, "who") || self.word_is(fwd, "which"))
            {
                break;
            }
            if let Some(t) = self.cue(fwd) {
                if best.is_none_or(|(d, _)| dist < d) {
                    best = Some((dist, t));
                }
                break;
            }
            fwd += 1;
            if fwd < self.t.len() && self.boundary_before(fwd) {
                break;
            }
        }
        best.map(|(_, t)| t).unwrap_or(Tense::None)
    }

    fn cue(&self, i: usize) -> Option<Tense> {
        let t = &self.t[i];
        if !t.is_word() {
            return None;
        }
        let w = self.raw(i);
        if w.len() > 14 || w.len() < 2 {
            return None;
        }
        let mut buf = [0u8; 14];
        for (k, c) in w.bytes().enumerate() {
            buf[k] = c.to_ascii_lowercase();
        }
        let lw = std::str::from_utf8(&buf[..w.len()]).unwrap_or("");
        if FUTURE_CUES.contains(&lw) {
            // "is to", "are to"; "set to"
            return Some(Tense::Future);
        }
        if (lw == "is" || lw == "are") && self.kw(i + 1, Kw::To) {
            return Some(Tense::Future);
        }
        if lw == "ll" && i > 0 && self.p(i - 1, b'\'') {
            return Some(Tense::Future);
        }
        if lw == "going" && self.kw(i + 1, Kw::To) {
            return Some(Tense::Future);
        }
        let passive = i > 0
            && (self.word_is(i - 1, "be")
                || self.word_is(i - 1, "been")
                || self.word_is(i - 1, "being")
                || self.kw(i - 1, Kw::To));
        if PAST_CUES.contains(&lw) && !passive {
            return Some(Tense::Past);
        }
        if lw.len() >= 4 && lw.ends_with("ed") && !NOT_PAST.contains(&lw) && !t.cap() && !passive {
            return Some(Tense::Past);
        }
        if PRESENT_CUES.contains(&lw) {
            return Some(Tense::None);
        }
        // "Obama hosts": a verb in -s after a name
        if !t.cap()
            && lw.len() >= 4
            && lw.ends_with('s')
            && !lw.ends_with("ss")
            && !lw.ends_with("us")
            && !lw.ends_with("is")
            && i > 0
            && self.t[i - 1].cap()
            && self.t[i - 1].lex() == Lex::Other
            && !self.boundary_before(i - 1)
        {
            return Some(Tense::None);
        }
        None
    }
}

const FUTURE_CUES: &[&str] = &[
    "will",
    "shall",
    "would",
    "expected",
    "scheduled",
    "due",
    "plans",
    "plan",
    "planned",
    "planning",
    "upcoming",
    "intends",
    "hopes",
    "aims",
    "slated",
    "wo",
    "won",
];
const PAST_CUES: &[&str] = &[
    "said",
    "told",
    "was",
    "were",
    "had",
    "did",
    "met",
    "spoke",
    "came",
    "went",
    "took",
    "made",
    "gave",
    "held",
    "began",
    "left",
    "saw",
    "won",
    "lost",
    "ran",
    "sent",
    "brought",
    "found",
    "got",
    "kept",
    "led",
    "paid",
    "sat",
    "shook",
    "stood",
    "struck",
    "thought",
    "wrote",
    "broke",
    "chose",
    "drew",
    "drove",
    "fell",
    "flew",
    "fought",
    "knew",
    "laid",
    "rose",
    "sold",
    "shot",
    "sought",
    "spent",
    "swore",
    "threw",
    "understood",
    "woke",
    "wore",
    "became",
    "began",
    "announced",
    "ago",
    "earlier",
    "last",
    "overnight",
    "yesterday",
    "signed",
    "killed",
    "arrived",
    "agreed",
    "felt",
    "heard",
    "hit",
    "meant",
    "put",
    "read",
    "set",
    "shut",
    "split",
    "spread",
    "quit",
    "cut",
    "let",
    "bought",
    "caught",
    "taught",
    "fled",
    "withdrew",
    "hung",
    "beat",
    "bit",
    "hid",
    "tore",
    "froze",
    "stole",
    "forgot",
];
const PRESENT_CUES: &[&str] = &["is", "are", "says", "say", "am"];
const NOT_PAST: &[&str] = &[
    "need", "speed", "feed", "seed", "indeed", "bed", "red", "hundred", "proceed", "exceed",
    "succeed",
];

const WEEKDAY_SETS: [&str; 7] = [
    "XXXX-WXX-1",
    "XXXX-WXX-2",
    "XXXX-WXX-3",
    "XXXX-WXX-4",
    "XXXX-WXX-5",
    "XXXX-WXX-6",
    "XXXX-WXX-7",
];

fn set_value(u: Unit) -> &'static str {
    match u {
        Unit::Second => "PT1S",
        Unit::Minute => "PT1M",
        Unit::Hour => "PT1H",
        Unit::Day => "P1D",
        Unit::Week | Unit::Fortnight => "P1W",
        Unit::Month => "P1M",
        Unit::Quarter => "P3M",
        Unit::Year => "P1Y",
        Unit::Decade => "P10Y",
        Unit::Century => "P100Y",
    }
}

/// Daylight-saving rules of the zones named without their season.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dst {
    /// No summer time: the offset is fixed.
    None,
    /// US: second Sunday of March to first Sunday of November.
    Us,
    /// EU: last Sunday of March to last Sunday of October.
    Eu,
}

/// A stated time zone: standard offset (minutes east of UTC) and its DST rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Zone {
    /// Standard offset, minutes east of UTC.
    pub offset: i32,
    /// When summer time applies.
    pub dst: Dst,
}

impl Zone {
    /// A zone with a fixed offset (minutes east of UTC) and no summer time.
    pub(super) fn fixed(offset: i32) -> Zone {
        Zone {
            offset,
            dst: Dst::None,
        }
    }

    /// The offset in force on a day.
    pub(super) fn offset_on(self, d: chrono::NaiveDate) -> i32 {
        use chrono::{Datelike, Weekday};
        let nth_sunday = |m: u32, n: u8| {
            chrono::NaiveDate::from_weekday_of_month_opt(d.year(), m, Weekday::Sun, n)
        };
        let last_sunday = |m: u32| {
            (1..=5u8).rev().find_map(|n| {
                chrono::NaiveDate::from_weekday_of_month_opt(d.year(), m, Weekday::Sun, n)
            })
        };
        let summer = match self.dst {
            Dst::None => false,
            Dst::Us => {
                matches!((nth_sunday(3, 2), nth_sunday(11, 1)), (Some(a), Some(b)) if d >= a && d < b)
            }
            Dst::Eu => {
                matches!((last_sunday(3), last_sunday(10)), (Some(a), Some(b)) if d >= a && d < b)
            }
        };
        self.offset + if summer { 60 } else { 0 }
    }
}

/// The UTC offset (minutes) of a time-zone abbreviation, with its DST rule
/// where the name does not say the season (ET, PT, CET).
fn zone_offset(w: &str) -> Option<(i32, Dst)> {
    let upper = w.bytes().all(|c| c.is_ascii_uppercase());
    let lw = w.to_ascii_lowercase();
    let lower_ok = matches!(
        lw.as_str(),
        "utc"
            | "gmt"
            | "pst"
            | "pdt"
            | "est"
            | "edt"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "bst"
            | "cet"
            | "cest"
            | "ist"
            | "jst"
    );
    if !upper && !lower_ok {
        return None;
    }
    Some(match lw.as_str() {
        "gmt" | "utc" | "z" | "wet" => (0, Dst::None),
        "cet" => (60, Dst::Eu),
        "bst" | "wat" | "west" => (60, Dst::None),
        "cest" | "eet" | "cat" | "sast" => (120, Dst::None),
        "eest" | "msk" | "eat" | "ast" => (180, Dst::None),
        "gst" | "get" => (240, Dst::None),
        "pkt" => (300, Dst::None),
        "ist" => (330, Dst::None),
        "ict" | "wib" => (420, Dst::None),
        "hkt" | "sgt" | "awst" => (480, Dst::None),
        "jst" | "kst" => (540, Dst::None),
        "aest" => (600, Dst::None),
        "aedt" => (660, Dst::None),
        "nzst" => (720, Dst::None),
        "edt" => (-240, Dst::None),
        "et" => (-300, Dst::Us),
        "ct" => (-360, Dst::Us),
        "mt" => (-420, Dst::Us),
        "pt" => (-480, Dst::Us),
        "est" | "cdt" => (-300, Dst::None),
        "cst" | "mdt" => (-360, Dst::None),
        "mst" | "pdt" => (-420, Dst::None),
        "pst" => (-480, Dst::None),
        "akst" => (-540, Dst::None),
        "hst" => (-600, Dst::None),
        _ => return None,
    })
}

/// A two-digit year: 50-99 in the 1900s, 00-49 in the 2000s.
fn two_digit_year(v: u64) -> i32 {
    if v < 50 {
        2000 + v as i32
    } else {
        1900 + v as i32
    }
}

/// Whether a meaning names a single day (to which a time or part of day can attach).
pub(super) fn sem_is_day(s: &Sem) -> bool {
    matches!(
        s,
        Sem::Cal { .. }
            | Sem::CalWd { .. }
            | Sem::DomWd { .. }
            | Sem::DayOfMonth(_)
            | Sem::Weekday { .. }
            | Sem::DayOffset(_)
            | Sem::Numeric { .. }
            | Sem::Holiday { .. }
            | Sem::NthOf {
                what: Nth::Weekday(_) | Nth::Day,
                ..
            }
            | Sem::Shift {
                unit: Unit::Day,
                ..
            }
    )
}

fn needs_tense(s: &Sem) -> bool {
    match s {
        Sem::Weekday {
            rel: 0,
            weeks: None,
            ..
        } => true,
        Sem::Month {
            y: YearSpec::Infer, ..
        } => true,
        Sem::Cal {
            y: YearSpec::Infer, ..
        } => true,
        Sem::Numeric {
            y: YearSpec::Infer, ..
        } => true,
        Sem::Season {
            y: YearSpec::Infer, ..
        } => true,
        Sem::Holiday {
            y: YearSpec::Infer,
            rel: 0,
            ..
        } => true,
        Sem::Pod { base, .. } => needs_tense(base),
        Sem::Clock { base: Some(b), .. } => needs_tense(b),
        Sem::Range(a, _) => needs_tense(a),
        Sem::Mod(a, _) => needs_tense(a),
        _ => false,
    }
}
