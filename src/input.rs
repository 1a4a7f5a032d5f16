//! What a reviewer types into a form: values, dates, tags, read the way Vietnamese writes them.
//!
//! Why a module of its own: the review form, the add-a-fact form and (later) the command line's
//! filters all accept the same forms, and the rules are worth testing without a window. A
//! value is written "2.008", "2,275", "1-2", "1.900–2.000" or with a multiplier
//! ("2,275 tỷ"); a date "23/9/2021", "23/9" (year from the article), "2021-09-23" or
//! "--09-23" (no year).

use crate::extract::numbers::parse_vn;
use crate::model::{PartialDate, Value, Ymd, format_number};

/// Parses a value typed by a person. Accepts Vietnamese grouping ("2.008", "2,275"), plain
/// digits ("2008", and "2.5" read as a decimal when it cannot be a grouping), ranges with '-',
/// '–' or "đến", and the multipliers nghìn/ngàn, triệu, tỷ/tỉ.
pub fn parse_value(s: &str) -> Option<Value> {
    let s = crate::text::nfc(s.trim());
    if s.is_empty() {
        return None;
    }
    let lower = s.to_lowercase();
    for sep in ["đến", "–", "—", " - ", "-"] {
        if let Some((a, b)) = lower.split_once(sep)
            && !a.trim().is_empty()
        {
            // A multiplier written once applies to both ends ("1-2 triệu").
            let (a_num, a_mult) = split_multiplier(a.trim());
            let (b_num, b_mult) = split_multiplier(b.trim());
            let b_mult = b_mult.unwrap_or(1.0);
            let min = parse_number(a_num)? * a_mult.unwrap_or(b_mult);
            let max = parse_number(b_num)? * b_mult;
            if min > max {
                return None;
            }
            return Some(Value::Range { min, max });
        }
    }
    let (num, mult) = split_multiplier(&lower);
    Some(Value::Exact(parse_number(num)? * mult.unwrap_or(1.0)))
}

/// Splits a trailing multiplier word off: "2,275 tỷ" → ("2,275", Some(1e9)).
fn split_multiplier(s: &str) -> (&str, Option<f64>) {
    let s = s.trim();
    let s = s.strip_suffix("đồng").map_or(s, str::trim);
    for (w, m) in [
        ("nghìn", 1e3),
        ("ngàn", 1e3),
        ("triệu", 1e6),
        ("tỷ", 1e9),
        ("tỉ", 1e9),
    ] {
        if let Some(head) = s.strip_suffix(w) {
            return (head.trim(), Some(m));
        }
    }
    (s, None)
}

/// One number: Vietnamese grouping first, then a plain decimal with a point.
fn parse_number(s: &str) -> Option<f64> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return None;
    }
    if let Some(v) = parse_vn(&s) {
        return Some(v);
    }
    // "2.5" is not a Vietnamese grouping (groups have three digits): read it as a decimal.
    if s.chars().filter(|&c| c == '.').count() == 1
        && s.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return s.parse().ok().filter(|v: &f64| v.is_finite());
    }
    None
}

/// The value as a person would type it back (the inverse of [`parse_value`]).
pub fn format_value(v: &Value) -> String {
    match *v {
        Value::Exact(x) => format_number(x),
        Value::Range { min, max } => format!("{}-{}", format_number(min), format_number(max)),
    }
}

/// What a date field holds after parsing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateInput {
    /// The field is empty: no date.
    Empty,
    Date(PartialDate),
}

/// Parses a date typed by a person: "23/9/2021", "23-9-2021", "23.9.2021", "23/9" (the year
/// taken from `default_year` when known), "2021-09-23" or "--09-23". `None` when it is not a
/// date.
pub fn parse_date(s: &str, default_year: Option<i32>) -> Option<DateInput> {
    let s = s.trim();
    if s.is_empty() {
        return Some(DateInput::Empty);
    }
    if let Some(d) = PartialDate::parse(s) {
        return Some(DateInput::Date(d));
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).map(str::trim).collect();
    let num = |p: &str| -> Option<u32> {
        if p.is_empty() || p.len() > 4 || !p.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        p.parse().ok()
    };
    let (day, month, year) = match parts.as_slice() {
        [d, m] => (num(d)?, num(m)?, None),
        [d, m, y] => {
            let y = num(y)?;
            let y = if y < 100 { 2000 + y } else { y };
            (num(d)?, num(m)?, Some(i32::try_from(y).ok()?))
        }
        _ => return None,
    };
    let (day, month) = (u8::try_from(day).ok()?, u8::try_from(month).ok()?);
    let year = year.or(default_year);
    // Validate the day against the month (29/2 needs a leap year when the year is known).
    Ymd::new(year.unwrap_or(2000), month, day)?;
    Some(DateInput::Date(PartialDate { year, month, day }))
}

/// A date as the form shows it: "23/09/2021", or "23/09" without a year.
pub fn format_date(d: &PartialDate) -> String {
    match d.year {
        Some(y) => format!("{:02}/{:02}/{y}", d.day, d.month),
        None => format!("{:02}/{:02}", d.day, d.month),
    }
}

/// Tags typed as a comma- or semicolon-separated list: trimmed, NFC, without empties and
/// repeats, in the order typed.
pub fn parse_tags(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in s.split([',', ';']) {
        let t = crate::text::nfc(t.trim());
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_the_vietnamese_way() {
        assert_eq!(parse_value("2.008"), Some(Value::Exact(2008.0)));
        assert_eq!(parse_value(" 433 "), Some(Value::Exact(433.0)));
        assert_eq!(parse_value("2,275 tỷ"), Some(Value::Exact(2_275_000_000.0)));
        assert_eq!(
            parse_value("2,275 tỷ đồng"),
            Some(Value::Exact(2_275_000_000.0))
        );
        assert_eq!(parse_value("2.5"), Some(Value::Exact(2.5)));
        assert_eq!(
            parse_value("1-2"),
            Some(Value::Range { min: 1.0, max: 2.0 })
        );
        assert_eq!(
            parse_value("1.900–2.000"),
            Some(Value::Range {
                min: 1900.0,
                max: 2000.0
            })
        );
        assert_eq!(
            parse_value("1 đến 2 triệu"),
            Some(Value::Range { min: 1e6, max: 2e6 })
        );
        assert_eq!(parse_value("abc"), None);
        assert_eq!(parse_value(""), None);
        assert_eq!(parse_value("5-2"), None);
        for v in [
            Value::Exact(2008.0),
            Value::Exact(2.275),
            Value::Range { min: 1.0, max: 2.0 },
        ] {
            assert_eq!(parse_value(&format_value(&v)), Some(v), "{v:?}");
        }
    }

    #[test]
    fn dates_read_in_every_common_form() {
        let d = |y, m, d| {
            Some(DateInput::Date(PartialDate {
                year: y,
                month: m,
                day: d,
            }))
        };
        assert_eq!(parse_date("23/9/2021", None), d(Some(2021), 9, 23));
        assert_eq!(parse_date("23-09-2021", None), d(Some(2021), 9, 23));
        assert_eq!(parse_date("23/9", Some(2021)), d(Some(2021), 9, 23));
        assert_eq!(parse_date("23/9", None), d(None, 9, 23));
        assert_eq!(parse_date("2021-09-23", None), d(Some(2021), 9, 23));
        assert_eq!(parse_date("--09-23", None), d(None, 9, 23));
        assert_eq!(parse_date("", None), Some(DateInput::Empty));
        assert_eq!(parse_date("31/2/2021", None), None);
        assert_eq!(parse_date("hôm qua", None), None);
        let p = PartialDate {
            year: Some(2021),
            month: 9,
            day: 3,
        };
        assert_eq!(parse_date(&format_date(&p), None), Some(DateInput::Date(p)));
    }

    #[test]
    fn tags_split_and_dedupe() {
        assert_eq!(
            parse_tags("kiểm tra, ,Cần Thơ; kiểm tra"),
            vec!["kiểm tra", "Cần Thơ"]
        );
        assert!(parse_tags(" , ").is_empty());
    }
}
