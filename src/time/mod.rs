//! Temporal expressions: recognise dates, times and periods in English text and
//! normalise them against a reference date to TIMEX3 values.
//!
//! API contract (other stages code against it):
//! `find_timexes(text, &TagOptions) -> Vec<Timex>`: every temporal
//! expression in `text`, in order of position, with byte spans into `text`.

use crate::model::{DateSource, Precision};
use chrono::{NaiveDate, NaiveDateTime};

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    /// DATE, TIME, DURATION or SET.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// How to read ambiguous numeric dates such as `3/4/2014`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// Month first (3/4 is March 4).
    #[default]
    Us,
    /// Day first (3/4 is 3 April).
    Gb,
}

/// Options for [`find_timexes`].
#[derive(Debug, Clone, Default)]
pub struct TagOptions {
    /// The reference date and time (the article's publication); without it,
    /// expressions that need one stay unresolved.
    pub reference: Option<NaiveDateTime>,
    pub locale: Locale,
}

impl TagOptions {
    /// Options with a reference day (at midnight).
    pub fn with_reference_date(date: NaiveDate) -> TagOptions {
        TagOptions {
            reference: date.and_hms_opt(0, 0, 0),
            locale: Locale::Us,
        }
    }
}

/// One temporal expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    pub text: String,
    /// Byte span in the input.
    pub start: usize,
    pub end: usize,
    /// TIMEX3 value: `2014-03-30`, `2014-02`, `199`, `2014-W14`,
    /// `2014-03-31TMO`, `2014-03-31T09:00`, `P3D`, `PAST_REF`, `XXXX-WXX-1`.
    pub value: String,
    pub kind: TimexType,
    pub precision: Precision,
    /// Inclusive first and last day covered, where the value names days.
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    pub source: DateSource,
}

/// Finds and resolves every temporal expression in `text`.
pub fn find_timexes(text: &str, options: &TagOptions) -> Vec<Timex> {
    let _ = (text, options);
    Vec::new()
}
