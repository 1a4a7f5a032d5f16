//! Pure data types shared by extraction, files and the UI: dates, values, places, facts and
//! article metadata.
//!
//! Why here and not in `extract`: sessions, exports and the UI need these types without
//! pulling in the extraction machinery, and the extractor must not know about files or
//! windows. Nothing in this module does I/O.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date (proleptic Gregorian). Serialised as ISO 8601 `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Ymd {
    /// A valid date or `None` (checks month lengths and leap years).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Ymd> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Ymd { year, month, day })
    }

    /// Days since 1970-01-01 (negative before). Used for ordering and chart axes.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Ymd {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Ymd {
            year: (y + i64::from(m <= 2)) as i32,
            month: m,
            day: d,
        }
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Ymd> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Ymd::new(y, m, d)
    }
}

/// Days in `month` of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Ymd {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Ymd {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ymd::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s}")))
    }
}

/// A figure: one number or a range.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// One number.
    Exact(f64),
    /// A range such as "1-2" or "từ 5 đến 7".
    Range { min: f64, max: f64 },
}

impl Value {
    /// The number used to compare, chart and sum: the value, or a range's upper bound.
    pub fn representative(&self) -> f64 {
        match *self {
            Value::Exact(v) => v,
            Value::Range { max, .. } => max,
        }
    }

    /// Multiplies the value (units and multipliers).
    pub fn scaled(self, f: f64) -> Value {
        match self {
            Value::Exact(v) => Value::Exact(v * f),
            Value::Range { min, max } => Value::Range {
                min: min * f,
                max: max * f,
            },
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Value::Exact(v) => f.write_str(&format_number(v)),
            Value::Range { min, max } => write!(f, "{}–{}", format_number(min), format_number(max)),
        }
    }
}

/// Formats a number the Vietnamese way: '.' between thousands, ',' before decimals.
pub fn format_number(v: f64) -> String {
    let neg = v < 0.0;
    let v = v.abs();
    let int = v.trunc();
    let frac = v - int;
    let mut digits = format!("{int:.0}");
    let mut out = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        out = format!(".{tail}{out}");
    }
    out = format!("{digits}{out}");
    if frac > 1e-9 {
        let f = format!("{frac:.4}");
        let f = f
            .trim_start_matches('0')
            .trim_start_matches('.')
            .trim_end_matches('0');
        if !f.is_empty() {
            out.push(',');
            out.push_str(f);
        }
    }
    if neg { format!("-{out}") } else { out }
}

/// Where a fact belongs: a district (with its province), a province, or nowhere known.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Place {
    /// District name without its type word ("Ô Môn"), `None` for a province-level fact.
    pub district: Option<String>,
    /// Province name without its type word ("Cần Thơ").
    pub province: Option<String>,
}

impl Place {
    /// True when neither a district nor a province is known.
    pub fn is_empty(&self) -> bool {
        self.district.is_none() && self.province.is_none()
    }

    /// "Ô Môn, Cần Thơ", "Cần Thơ" or "—".
    pub fn label(&self) -> String {
        match (&self.district, &self.province) {
            (Some(d), Some(p)) => format!("{d}, {p}"),
            (Some(d), None) => d.clone(),
            (None, Some(p)) => p.clone(),
            (None, None) => "—".to_owned(),
        }
    }
}

/// Which part of the article a span lies in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Section {
    /// Title, lead and body: the article proper.
    #[default]
    Body,
    /// After the article: related links, comments, footers. Figures there are not attributed
    /// to the article's place.
    Trailer,
}

/// A figure the extractor found: immutable once made (reviews are an overlay, see the app).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Metric id from the catalogue ("cases_new"), or "other".
    pub metric: String,
    /// The figure, after multipliers and unit conversion (VND in đồng, rice in kg).
    pub value: Value,
    /// Unit of the value ("cases", "VND", "kg", "percent"...).
    pub unit: String,
    /// A qualifier such as "khoảng" or "hơn" came with the number.
    pub approximate: bool,
    /// The place the figure belongs to.
    pub place: Place,
    /// The date the figure refers to, when the text says so. The year may be unknown for an
    /// excerpt that never states it (then the date prints as `--MM-DD`).
    pub as_of: Option<PartialDate>,
    /// The exact text of the evidence span.
    pub evidence: String,
    /// Byte offsets of the evidence in the article text: `text[start..end] == evidence`.
    pub start: usize,
    pub end: usize,
    /// Byte offsets of the number itself (a stable anchor for reviews).
    pub number_start: usize,
    pub number_end: usize,
    /// 0..1: how sure the extractor is of metric, place and value together.
    pub confidence: f32,
    /// The cue that fired, as `metric/rule`.
    pub rule: String,
    /// Body or trailer.
    pub section: Section,
}

/// Title, date and main place of an article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// The headline.
    pub title: String,
    /// Publication date, when the article gives one.
    pub published: Option<Ymd>,
    /// The place the article is about.
    pub place: Place,
    /// Length of the text in characters.
    pub chars: usize,
}

/// A date written in the text: full, or day and month when the year cannot be known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: u8,
    pub day: u8,
}

impl PartialDate {
    /// ISO form, or `--MM-DD` (ISO 8601 for a date without a year).
    pub fn iso(&self) -> String {
        match self.year {
            Some(y) => format!("{y:04}-{:02}-{:02}", self.month, self.day),
            None => format!("--{:02}-{:02}", self.month, self.day),
        }
    }

    /// The full date when the year is known and the day exists.
    pub fn ymd(&self) -> Option<Ymd> {
        Ymd::new(self.year?, self.month, self.day)
    }

    /// Parses `YYYY-MM-DD` or `--MM-DD`.
    pub fn parse(s: &str) -> Option<PartialDate> {
        let s = s.trim();
        if let Some(md) = s.strip_prefix("--") {
            let (m, d) = md.split_once('-')?;
            let (month, day) = (m.parse().ok()?, d.parse().ok()?);
            Ymd::new(2000, month, day)?;
            return Some(PartialDate {
                year: None,
                month,
                day,
            });
        }
        Ymd::parse_iso(s).map(PartialDate::from)
    }
}

impl From<Ymd> for PartialDate {
    fn from(d: Ymd) -> Self {
        PartialDate {
            year: Some(d.year),
            month: d.month,
            day: d.day,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// What a mention names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MentionKind {
    /// A date ("23/9").
    Date(PartialDate),
    /// A month without a day ("tháng 7", "tháng 8/2020").
    Month { year: Option<i32>, month: u8 },
    /// An administrative place ("quận Ô Môn"); ward-level mentions carry their district.
    Place(Place),
}

/// A date or place written in the text, with its span.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub kind: MentionKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_validate_and_round_trip() {
        assert!(Ymd::new(2021, 2, 29).is_none());
        assert!(Ymd::new(2020, 2, 29).is_some());
        let d = Ymd::new(2021, 9, 23).unwrap();
        assert_eq!(d.to_string(), "2021-09-23");
        assert_eq!(Ymd::parse_iso("2021-09-23"), Some(d));
        assert_eq!(Ymd::from_days_since_epoch(d.days_since_epoch()), d);
        assert_eq!(Ymd::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
    }

    #[test]
    fn numbers_format_the_vietnamese_way() {
        assert_eq!(format_number(2008.0), "2.008");
        assert_eq!(format_number(2_275_000_000.0), "2.275.000.000");
        assert_eq!(format_number(100.13), "100,13");
        assert_eq!(format_number(7.0), "7");
    }
}
