//! The byte scanner of the temporal tagger: one pass over the text that cuts
//! it into words, numbers and punctuation and looks every word up in a small
//! lexicon of temporal vocabulary (months, weekdays, units, keywords).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: the lexicon keys are short ASCII words, for which it is much
/// faster than the default SipHash.
#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= *b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Lexicon = HashMap<&'static [u8], (Lex, bool), BuildHasherDefault<Fnv>>;

/// Units of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Unit {
    /// "second", "seconds", "sec", "secs".
    Second,
    /// "minute", "minutes", "min", "mins".
    Minute,
    /// "hour", "hours", "hr", "hrs", "h".
    Hour,
    /// "day", "days".
    Day,
    /// "week", "weeks".
    Week,
    /// Two weeks: "fortnight", "fortnights".
    Fortnight,
    /// "month", "months".
    Month,
    /// Three months: "quarters", "qtr" (singular "quarter" is `Kw::Quarter`).
    Quarter,
    /// "year", "years", "yr", "yrs".
    Year,
    /// Ten years: "decade", "decades".
    Decade,
    /// A hundred years: "century", "centuries".
    Century,
}

/// Parts of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pod {
    /// "morning", "mornings"; TIMEX3 `MO`.
    Morning,
    /// "afternoon", "afternoons"; TIMEX3 `AF`.
    Afternoon,
    /// "evening", "evenings"; TIMEX3 `EV`.
    Evening,
    /// "night", "nights"; TIMEX3 `NI`.
    Night,
}

impl Pod {
    /// The TIMEX3 code (`MO`, `AF`, `EV`, `NI`).
    pub(super) fn code(self) -> &'static str {
        match self {
            Pod::Morning => "MO",
            Pod::Afternoon => "AF",
            Pod::Evening => "EV",
            Pod::Night => "NI",
        }
    }
}

/// Keywords of the temporal grammar. Each variant's doc lists the lowercase
/// words the lexicon maps to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kw {
    /// "today", "todays".
    Today,
    /// "yesterday".
    Yesterday,
    /// "tomorrow", "tomorrows".
    Tomorrow,
    /// "tonight", "tonite".
    Tonight,
    /// "now".
    Now,
    /// "last".
    Last,
    /// "next".
    Next,
    /// "this".
    This,
    /// "coming".
    Coming,
    /// "past".
    Past,
    /// "previous", "prior".
    Previous,
    /// "following".
    Following,
    /// "current".
    Current,
    /// "ago", "back".
    Ago,
    /// "hence".
    Hence,
    /// "later".
    Later,
    /// "earlier".
    Earlier,
    /// "early".
    Early,
    /// "late".
    Late,
    /// "mid".
    Mid,
    /// "of".
    Of,
    /// "the".
    The,
    /// "on".
    On,
    /// "in".
    In,
    /// "at".
    At,
    /// "from".
    From,
    /// "to".
    To,
    /// "until", "till", "untill", "til".
    Until,
    /// "through", "thru".
    Through,
    /// "between".
    Between,
    /// "and".
    And,
    /// "or".
    Or,
    /// "since".
    Since,
    /// "before".
    Before,
    /// "after".
    After,
    /// "by".
    By,
    /// "during".
    During,
    /// "within".
    Within,
    /// "for".
    For,
    /// "every".
    Every,
    /// "each".
    Each,
    /// "per".
    Per,
    /// "a", "an".
    A,
    /// "few".
    Few,
    /// "several".
    Several,
    /// "couple".
    Couple,
    /// "recent".
    Recent,
    /// "recently".
    Recently,
    /// "currently".
    Currently,
    /// "soon".
    Soon,
    /// "noon", "midday".
    Noon,
    /// "midnight".
    Midnight,
    /// "am", "a.m.".
    Am,
    /// "pm", "p.m.".
    Pm,
    /// "o'clock" (also "oclock").
    Oclock,
    /// "half".
    Half,
    /// "weekend", "weekends".
    Weekend,
    /// "beginning".
    Beginning,
    /// "start".
    Start,
    /// "end".
    End,
    /// "middle".
    Middle,
    /// "same".
    Same,
    /// "that".
    That,
    /// "daily".
    Daily,
    /// "weekly".
    Weekly,
    /// "monthly".
    Monthly,
    /// "annually", "yearly", "annual".
    Annually,
    /// "hourly".
    Hourly,
    /// "nightly".
    Nightly,
    /// "immediately".
    Immediately,
    /// "ongoing".
    Ongoing,
    /// "lately".
    Lately,
    /// "nowadays".
    Nowadays,
    /// "presently".
    Presently,
    /// "formerly".
    Formerly,
    /// "future".
    Future,
    /// "moment".
    Moment,
    /// "present".
    Present,
    /// "time".
    Time,
    /// "fiscal".
    Fiscal,
    /// "overnight".
    Overnight,
    /// Not produced by the lexicon.
    Other,
    /// Never produced: "day" is read as `Unit::Day`.
    Day,
    /// "AD", after a year.
    Ad,
    /// "BC", after a year.
    Bc,
    /// An ordinal suffix: "th", "st", "nd", "rd" ("5th").
    Th,
    /// A plural "s" ("1990s", "90's").
    S,
    /// "quarter" (singular; "quarters" is `Unit::Quarter`).
    Quarter,
    /// "upcoming".
    Upcoming,
    /// "over".
    Over,
    /// "around".
    Around,
    /// "about".
    About,
    /// "approximately", "roughly".
    Approximately,
    /// "more".
    More,
    /// "than".
    Than,
    /// "less".
    Less,
    /// "almost".
    Almost,
    /// "nearly".
    Nearly,
    /// "some".
    Some,
    /// "many".
    Many,
    /// "once".
    Once,
    /// "twice".
    Twice,
    /// "dawn".
    Dawn,
    /// "dusk".
    Dusk,
    /// Not produced by the lexicon.
    Until2,
    /// "eve".
    Eve,
    /// "immediate".
    Immediate,
    /// "near".
    Near,
    /// "distant".
    Distant,
    /// "just".
    Just,
    /// "right".
    Right,
    /// "then".
    Then,
    /// "ides" ("the Ides of March").
    Ides,
    /// "christmas", "xmas".
    Christmas,
    /// Not produced by the lexicon.
    NewYear,
    /// The first word of a holiday name ("Good" Friday, "Labor" Day).
    Hol,
}

/// What a word is in the temporal lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lex {
    /// 1-12.
    Month(u32),
    /// 0 = Monday .. 6 = Sunday.
    Weekday(u32),
    /// A unit; `plural` for "days", "weeks".
    Unit(Unit, bool),
    /// one .. ninety, hundred = 100, thousand = 1000.
    Num(u32),
    /// first .. thirty-first.
    Ord(u32),
    /// 0 spring, 1 summer, 2 fall, 3 winter.
    Season(u32),
    /// A part of the day.
    Pod(Pod),
    /// A weekday used as a plural ("fridays").
    Weekdays(u32),
    /// A keyword of the grammar.
    Kw(Kw),
    /// Any other word.
    Other,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    /// A word of ASCII letters; `abbr` when it is a short form of a month or
    /// weekday ("Sept", "Mon").
    Word { lex: Lex, cap: bool, abbr: bool },
    /// A run of digits (with `,ddd` groups when `grouped`): value and number of digits.
    Num { v: u64, len: u8, grouped: bool },
    /// One punctuation character (curly quotes and dashes are mapped to ASCII).
    Punct(u8),
    /// Anything else (other non-ASCII characters).
    Other,
}

/// One token with its byte span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Tok {
    /// Byte offset where the token starts.
    pub start: usize,
    /// Byte offset just past the token (exclusive).
    pub end: usize,
    /// What the token is.
    pub kind: Kind,
    /// 0: glued to the previous token; 1: after spaces; 2: after a line break.
    pub gap: u8,
    /// Inside a direct quotation.
    pub quoted: bool,
}

impl Tok {
    /// The lexicon class of a word; `Lex::Other` for anything else.
    pub(super) fn lex(&self) -> Lex {
        match self.kind {
            Kind::Word { lex, .. } => lex,
            _ => Lex::Other,
        }
    }
    /// The keyword the token is, if it is one.
    pub(super) fn kw(&self) -> Option<Kw> {
        match self.kind {
            Kind::Word {
                lex: Lex::Kw(k), ..
            } => Some(k),
            _ => None,
        }
    }
    /// Whether the token is keyword `k`.
    pub(super) fn is_kw(&self, k: Kw) -> bool {
        self.kw() == Some(k)
    }
    /// The punctuation byte, if the token is punctuation.
    pub(super) fn punct(&self) -> Option<u8> {
        match self.kind {
            Kind::Punct(p) => Some(p),
            _ => None,
        }
    }
    /// Whether the token is punctuation `p`.
    pub(super) fn is_punct(&self, p: u8) -> bool {
        self.punct() == Some(p)
    }
    /// The value and digit count of a number; `None` for a number with
    /// `,ddd` groups or any other token.
    pub(super) fn num(&self) -> Option<(u64, u8)> {
        match self.kind {
            Kind::Num {
                v,
                len,
                grouped: false,
            } => Some((v, len)),
            _ => None,
        }
    }
    /// Whether the token is a word.
    pub(super) fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word { .. })
    }
    /// Whether the token is a capitalised word.
    pub(super) fn cap(&self) -> bool {
        matches!(self.kind, Kind::Word { cap: true, .. })
    }
    /// Whether the token is a short form of a month or weekday ("Sept", "Mon").
    pub(super) fn abbr(&self) -> bool {
        matches!(self.kind, Kind::Word { abbr: true, .. })
    }
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(build_lexicon)
}

/// The lexicon of the tagger: the words of dates and times, each with what
/// it means and whether it is an abbreviation. Later steps keep an entry an
/// earlier one made for the same word ("second" stays a unit, "day" too).
fn build_lexicon() -> Lexicon {
    let mut m: Lexicon = HashMap::default();
    add_months_and_weekdays(&mut m);
    add_units(&mut m);
    add_numbers(&mut m);
    add_seasons_and_parts_of_day(&mut m);
    add_keywords(&mut m);
    m
}

/// Month and weekday names, their short forms and the plural weekdays.
fn add_months_and_weekdays(m: &mut Lexicon) {
    let months: [(&str, &[&str]); 12] = [
        ("january", &["jan"]),
        ("february", &["feb"]),
        ("march", &["mar"]),
        ("april", &["apr"]),
        ("may", &[]),
        ("june", &["jun"]),
        ("july", &["jul"]),
        ("august", &["aug"]),
        ("september", &["sep", "sept"]),
        ("october", &["oct"]),
        ("november", &["nov"]),
        ("december", &["dec"]),
    ];
    for (i, (full, abbrs)) in months.iter().enumerate() {
        m.insert(full.as_bytes(), (Lex::Month(i as u32 + 1), false));
        for a in abbrs.iter() {
            m.insert(a.as_bytes(), (Lex::Month(i as u32 + 1), true));
        }
    }
    let days: [(&str, &[&str]); 7] = [
        ("monday", &["mon"]),
        ("tuesday", &["tue", "tues"]),
        ("wednesday", &["wed", "weds"]),
        ("thursday", &["thu", "thur", "thurs"]),
        ("friday", &["fri"]),
        ("saturday", &["sat"]),
        ("sunday", &["sun"]),
    ];
    let plurals: [&str; 7] = [
        "mondays",
        "tuesdays",
        "wednesdays",
        "thursdays",
        "fridays",
        "saturdays",
        "sundays",
    ];
    for (i, (full, abbrs)) in days.iter().enumerate() {
        m.insert(full.as_bytes(), (Lex::Weekday(i as u32), false));
        m.insert(plurals[i].as_bytes(), (Lex::Weekdays(i as u32), false));
        for a in abbrs.iter() {
            m.insert(a.as_bytes(), (Lex::Weekday(i as u32), true));
        }
    }
}

/// Units of time, singular and plural.
fn add_units(m: &mut Lexicon) {
    let units: [(&str, Unit, bool); 31] = [
        ("second", Unit::Second, false),
        ("seconds", Unit::Second, true),
        ("sec", Unit::Second, false),
        ("secs", Unit::Second, true),
        ("minute", Unit::Minute, false),
        ("minutes", Unit::Minute, true),
        ("min", Unit::Minute, false),
        ("mins", Unit::Minute, true),
        ("hour", Unit::Hour, false),
        ("hours", Unit::Hour, true),
        ("hr", Unit::Hour, false),
        ("hrs", Unit::Hour, true),
        ("h", Unit::Hour, false),
        ("day", Unit::Day, false),
        ("days", Unit::Day, true),
        ("week", Unit::Week, false),
        ("weeks", Unit::Week, true),
        ("fortnight", Unit::Fortnight, false),
        ("fortnights", Unit::Fortnight, true),
        ("month", Unit::Month, false),
        ("months", Unit::Month, true),
        ("year", Unit::Year, false),
        ("years", Unit::Year, true),
        ("yr", Unit::Year, false),
        ("yrs", Unit::Year, true),
        ("decade", Unit::Decade, false),
        ("decades", Unit::Decade, true),
        ("century", Unit::Century, false),
        ("centuries", Unit::Century, true),
        ("quarters", Unit::Quarter, true),
        ("qtr", Unit::Quarter, false),
    ];
    for (w, u, p) in units {
        m.insert(w.as_bytes(), (Lex::Unit(u, p), false));
    }
}

/// Cardinal numbers in words, then ordinals (which do not replace a unit).
fn add_numbers(m: &mut Lexicon) {
    let nums: [(&str, u32); 30] = [
        ("zero", 0),
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
        ("hundred", 100),
        ("dozen", 12),
    ];
    for (w, n) in nums {
        m.insert(w.as_bytes(), (Lex::Num(n), false));
    }
    let ords: [(&str, u32); 24] = [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("eleventh", 11),
        ("twelfth", 12),
        ("thirteenth", 13),
        ("fourteenth", 14),
        ("fifteenth", 15),
        ("sixteenth", 16),
        ("seventeenth", 17),
        ("eighteenth", 18),
        ("nineteenth", 19),
        ("twentieth", 20),
        ("thirtieth", 30),
        ("twenty-first", 21),
        ("fortieth", 40),
        ("fiftieth", 50),
    ];
    for (w, n) in ords {
        // "second" stays a unit; the grammar reads it as an ordinal where needed
        m.entry(w.as_bytes()).or_insert((Lex::Ord(n), false));
    }
}

/// Seasons and parts of the day.
fn add_seasons_and_parts_of_day(m: &mut Lexicon) {
    for (w, s) in [
        ("spring", 0),
        ("summer", 1),
        ("fall", 2),
        ("autumn", 2),
        ("winter", 3),
        ("springtime", 0),
        ("summertime", 1),
        ("wintertime", 3),
    ] {
        m.insert(w.as_bytes(), (Lex::Season(s), false));
    }
    for (w, p) in [
        ("morning", Pod::Morning),
        ("mornings", Pod::Morning),
        ("afternoon", Pod::Afternoon),
        ("afternoons", Pod::Afternoon),
        ("evening", Pod::Evening),
        ("evenings", Pod::Evening),
        ("night", Pod::Night),
        ("nights", Pod::Night),
    ] {
        m.insert(w.as_bytes(), (Lex::Pod(p), false));
    }
}

/// The keywords (which do not replace a unit) and the first words of
/// holidays.
#[allow(clippy::too_many_lines)] // reason: one table of keywords, one entry a line
fn add_keywords(m: &mut Lexicon) {
    use Kw::*;
    let kws: &[(&str, Kw)] = &[
        ("today", Today),
        ("todays", Today),
        ("yesterday", Yesterday),
        ("tomorrow", Tomorrow),
        ("tomorrows", Tomorrow),
        ("tonight", Tonight),
        ("tonite", Tonight),
        ("now", Now),
        ("last", Last),
        ("next", Next),
        ("this", This),
        ("coming", Coming),
        ("past", Past),
        ("previous", Previous),
        ("prior", Previous),
        ("following", Following),
        ("current", Current),
        ("ago", Ago),
        ("back", Ago),
        ("hence", Hence),
        ("later", Later),
        ("earlier", Earlier),
        ("early", Early),
        ("late", Late),
        ("mid", Mid),
        ("of", Of),
        ("the", The),
        ("on", On),
        ("in", In),
        ("at", At),
        ("from", From),
        ("to", To),
        ("until", Until),
        ("till", Until),
        ("untill", Until),
        ("til", Until),
        ("through", Through),
        ("thru", Through),
        ("between", Between),
        ("and", And),
        ("or", Or),
        ("since", Since),
        ("before", Before),
        ("after", After),
        ("by", By),
        ("during", During),
        ("within", Within),
        ("for", For),
        ("every", Every),
        ("each", Each),
        ("per", Per),
        ("a", A),
        ("an", A),
        ("few", Few),
        ("several", Several),
        ("couple", Couple),
        ("recent", Recent),
        ("recently", Recently),
        ("currently", Currently),
        ("soon", Soon),
        ("noon", Noon),
        ("midday", Noon),
        ("midnight", Midnight),
        ("am", Am),
        ("pm", Pm),
        ("oclock", Oclock),
        ("half", Half),
        ("weekend", Weekend),
        ("weekends", Weekend),
        ("beginning", Beginning),
        ("start", Start),
        ("end", End),
        ("middle", Middle),
        ("same", Same),
        ("that", That),
        ("daily", Daily),
        ("weekly", Weekly),
        ("monthly", Monthly),
        ("annually", Annually),
        ("yearly", Annually),
        ("annual", Annually),
        ("hourly", Hourly),
        ("nightly", Nightly),
        ("immediately", Immediately),
        ("ongoing", Ongoing),
        ("lately", Lately),
        ("nowadays", Nowadays),
        ("presently", Presently),
        ("formerly", Formerly),
        ("future", Future),
        ("moment", Moment),
        ("present", Present),
        ("time", Time),
        ("fiscal", Fiscal),
        ("overnight", Overnight),
        ("day", Day),
        ("ad", Ad),
        ("bc", Bc),
        ("th", Th),
        ("st", Th),
        ("nd", Th),
        ("rd", Th),
        ("s", S),
        ("quarter", Quarter),
        ("upcoming", Upcoming),
        ("over", Over),
        ("around", Around),
        ("about", About),
        ("approximately", Approximately),
        ("roughly", Approximately),
        ("more", More),
        ("than", Than),
        ("less", Less),
        ("almost", Almost),
        ("nearly", Nearly),
        ("some", Some),
        ("many", Many),
        ("once", Once),
        ("twice", Twice),
        ("dawn", Dawn),
        ("dusk", Dusk),
        ("eve", Eve),
        ("immediate", Immediate),
        ("near", Near),
        ("distant", Distant),
        ("just", Just),
        ("right", Right),
        ("then", Then),
        ("ides", Ides),
        ("christmas", Christmas),
        ("xmas", Christmas),
    ];
    for (w, k) in kws {
        // "day" is both a unit and a keyword: the unit wins
        m.entry(w.as_bytes()).or_insert((Lex::Kw(*k), false));
    }
    for w in super::holiday::FIRST_WORDS {
        m.entry(w.as_bytes()).or_insert((Lex::Kw(Hol), false));
    }
    let _ = (Until2, Other, NewYear);
}

/// Looks a lowercase ASCII word up.
pub(super) fn lookup(lower: &[u8]) -> (Lex, bool) {
    lexicon().get(lower).copied().unwrap_or((Lex::Other, false))
}

/// Cuts `text` into tokens. Whitespace is dropped (recorded in `gap`).
pub(super) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut position = 0;
    let mut gap: u8 = 1;
    let mut quoted = false;
    while position < n {
        let byte = bytes[position];
        if byte == b' ' || byte == b'\t' || byte == b'\r' {
            gap = gap.max(1);
            position += 1;
            continue;
        }
        if byte == b'\n' {
            gap = 2;
            quoted = false;
            position += 1;
            continue;
        }
        let start = position;
        let mut closes_quote = false;
        let (end, kind) = if byte.is_ascii_alphabetic() {
            word_token(bytes, start)
        } else if byte.is_ascii_digit() {
            number_token(bytes, start)
        } else if byte < 0x80 {
            if byte == b'"' {
                quoted = !quoted;
            }
            (start + 1, Kind::Punct(byte))
        } else {
            // a multi-byte character: map typographic quotes and dashes
            let end = (start + utf8_len(byte)).min(n);
            match &bytes[start..end] {
                // a no-break space
                [0xC2, 0xA0] => {
                    gap = gap.max(1);
                    position = end;
                    continue;
                }
                [0xE2, 0x80, 0x9C] => {
                    quoted = true;
                    (end, Kind::Punct(b'"'))
                }
                [0xE2, 0x80, 0x9D] => {
                    closes_quote = true;
                    (end, Kind::Punct(b'"'))
                }
                character => (end, typographic_kind(character)),
            }
        };
        out.push(Tok {
            start,
            end,
            kind,
            gap,
            quoted,
        });
        if closes_quote {
            quoted = false;
        }
        gap = 0;
        position = end;
    }
}

/// The word starting at `start` (a letter): its end and kind; "a.m.",
/// "p.m." and "o'clock" are one word each.
fn word_token(bytes: &[u8], start: usize) -> (usize, Kind) {
    let n = bytes.len();
    let first = bytes[start];
    let mut end = start + 1;
    while end < n && bytes[end].is_ascii_alphabetic() {
        end += 1;
    }
    let len = end - start;
    // a.m. / p.m. / a. m.
    if len == 1
        && (first | 0x20 == b'a' || first | 0x20 == b'p')
        && end + 1 < n
        && bytes[end] == b'.'
        && bytes[end + 1] | 0x20 == b'm'
        && (end + 2 >= n || !bytes[end + 2].is_ascii_alphabetic())
    {
        let mut meridiem_end = end + 2;
        if meridiem_end < n && bytes[meridiem_end] == b'.' {
            meridiem_end += 1;
        }
        let keyword = if first | 0x20 == b'a' { Kw::Am } else { Kw::Pm };
        return (meridiem_end, keyword_kind(keyword));
    }
    // o'clock
    if len == 1
        && first | 0x20 == b'o'
        && end + 5 < n
        && (bytes[end] == b'\'')
        && bytes[end + 1..end + 6].eq_ignore_ascii_case(b"clock")
    {
        return (end + 6, keyword_kind(Kw::Oclock));
    }
    let mut lower = [0u8; 24];
    let (lex, abbr) = if len <= lower.len() {
        for k in 0..len {
            lower[k] = bytes[start + k].to_ascii_lowercase();
        }
        lookup(&lower[..len])
    } else {
        (Lex::Other, false)
    };
    let kind = Kind::Word {
        lex,
        cap: first.is_ascii_uppercase(),
        abbr,
    };
    (end, kind)
}

/// A lowercase word that is keyword `keyword`.
fn keyword_kind(keyword: Kw) -> Kind {
    Kind::Word {
        lex: Lex::Kw(keyword),
        cap: false,
        abbr: false,
    }
}

/// The number starting at `start` (a digit): its end and kind; digits
/// grouped by commas in threes ("40,000") are one number.
fn number_token(bytes: &[u8], start: usize) -> (usize, Kind) {
    let n = bytes.len();
    let mut end = start;
    let mut v: u64 = 0;
    while end < n && bytes[end].is_ascii_digit() {
        v = v
            .saturating_mul(10)
            .saturating_add((bytes[end] - b'0') as u64);
        end += 1;
    }
    let mut len = (end - start).min(255) as u8;
    let mut grouped = false;
    while end + 3 < n + 1
        && end < n
        && bytes[end] == b','
        && end + 4 <= n
        && bytes[end + 1..end + 4].iter().all(|d| d.is_ascii_digit())
        && (end + 4 == n || !bytes[end + 4].is_ascii_digit())
        && len <= 3
    {
        for d in &bytes[end + 1..end + 4] {
            v = v.saturating_mul(10).saturating_add((d - b'0') as u64);
        }
        end += 4;
        grouped = true;
        len = len.saturating_add(3);
    }
    (end, Kind::Num { v, len, grouped })
}

/// The kind of a multi-byte character other than a double quote or a
/// no-break space: a typographic single quote or dash is its ASCII
/// punctuation.
fn typographic_kind(character: &[u8]) -> Kind {
    match character {
        [0xE2, 0x80, 0x98] | [0xE2, 0x80, 0x99] => Kind::Punct(b'\''),
        [0xE2, 0x80, 0x93] | [0xE2, 0x80, 0x94] | [0xE2, 0x80, 0x90] | [0xE2, 0x80, 0x91] => {
            Kind::Punct(b'-')
        }
        _ => Kind::Other,
    }
}

fn utf8_len(first: u8) -> usize {
    if first >= 0xF0 {
        4
    } else if first >= 0xE0 {
        3
    } else if first >= 0xC0 {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_of_a_news_sentence() {
        let mut t = Vec::new();
        tokenize("On Monday, 40,000 troops met at 9 a.m. “today”", &mut t);
        assert_eq!(t[1].lex(), Lex::Weekday(0));
        assert_eq!(
            t[3].kind,
            Kind::Num {
                v: 40000,
                len: 5,
                grouped: true
            }
        );
        assert!(t.iter().any(|k| k.is_kw(Kw::Am)));
        let today = t.iter().find(|k| k.is_kw(Kw::Today)).unwrap();
        assert!(today.quoted);
    }
}
