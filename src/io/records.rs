//! The records `baocao extract` writes (see shared/spec/extract-output.md): one per article,
//! one per fact and, with `--mentions`, one per date or place mention, as JSON Lines, a JSON
//! array or CSV with the same fields.

use crate::extract::Extraction;
use crate::model::{Fact, Mention, MentionKind, Value};
use serde::{Serialize, Serializer};
use std::io::Write;

/// Serialises whole numbers without a fraction ("2008", not "2008.0").
fn num<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

fn opt_num<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) => num(x, s),
        None => s.serialize_none(),
    }
}

/// An article record.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleRecord<'a> {
    pub kind: &'static str,
    pub file: &'a str,
    pub title: &'a str,
    pub published: Option<String>,
    pub district: Option<&'a str>,
    pub province: Option<&'a str>,
    pub chars: usize,
}

/// A fact record.
#[derive(Clone, Debug, Serialize)]
pub struct FactRecord<'a> {
    pub kind: &'static str,
    pub file: &'a str,
    pub metric: &'a str,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_num")]
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_num")]
    pub value_min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_num")]
    pub value_max: Option<f64>,
    pub unit: &'a str,
    pub approximate: bool,
    pub district: Option<&'a str>,
    pub province: Option<&'a str>,
    pub as_of: Option<String>,
    pub evidence: &'a str,
    pub start: usize,
    pub end: usize,
    pub confidence: f32,
    pub rule: &'a str,
}

/// A mention record.
#[derive(Clone, Debug, Serialize)]
pub struct MentionRecord<'a> {
    pub kind: &'static str,
    pub file: &'a str,
    #[serde(rename = "type")]
    pub mention_type: &'static str,
    pub text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<Option<&'a str>>,
    pub start: usize,
    pub end: usize,
}

/// Builds the fact record of a fact.
pub fn fact_record<'a>(file: &'a str, f: &'a Fact) -> FactRecord<'a> {
    let (value, value_min, value_max) = match f.value {
        Value::Exact(v) => (Some(v), None, None),
        Value::Range { min, max } => (None, Some(min), Some(max)),
    };
    FactRecord {
        kind: "fact",
        file,
        metric: &f.metric,
        value,
        value_min,
        value_max,
        unit: &f.unit,
        approximate: f.approximate,
        district: f.place.district.as_deref(),
        province: f.place.province.as_deref(),
        as_of: f.as_of.map(|d| d.to_string()),
        evidence: &f.evidence,
        start: f.start,
        end: f.end,
        confidence: f.confidence,
        rule: &f.rule,
    }
}

/// Builds the mention record of a mention.
pub fn mention_record<'a>(file: &'a str, m: &'a Mention) -> MentionRecord<'a> {
    match &m.kind {
        MentionKind::Date(d) => MentionRecord {
            kind: "mention",
            file,
            mention_type: "date",
            text: &m.text,
            value: Some(d.iso()),
            district: None,
            province: None,
            start: m.start,
            end: m.end,
        },
        MentionKind::Month { year, month } => MentionRecord {
            kind: "mention",
            file,
            mention_type: "date",
            text: &m.text,
            value: Some(match year {
                Some(y) => format!("{y:04}-{month:02}"),
                None => format!("--{month:02}"),
            }),
            district: None,
            province: None,
            start: m.start,
            end: m.end,
        },
        MentionKind::Place(p) => MentionRecord {
            kind: "mention",
            file,
            mention_type: "place",
            text: &m.text,
            value: None,
            district: Some(p.district.as_deref()),
            province: Some(p.province.as_deref()),
            start: m.start,
            end: m.end,
        },
    }
}

/// Output formats of `baocao extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    /// JSON Lines: one object per line.
    Jsonl,
    /// One JSON array of all objects.
    Json,
    /// CSV with one row per object.
    Csv,
}

/// One article's extraction with its path.
pub struct Extracted<'a> {
    pub file: &'a str,
    pub extraction: &'a Extraction,
}

const CSV_COLUMNS: &[&str] = &[
    "kind",
    "file",
    "title",
    "published",
    "chars",
    "metric",
    "value",
    "value_min",
    "value_max",
    "unit",
    "approximate",
    "district",
    "province",
    "as_of",
    "evidence",
    "start",
    "end",
    "confidence",
    "rule",
    "type",
    "text",
];

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Protects a spreadsheet cell from being run as a formula.
pub fn escape_formula(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// Writes every record in the chosen format.
pub fn write_all(
    out: &mut dyn Write,
    format: ExtractFormat,
    items: &[Extracted<'_>],
    mentions: bool,
) -> std::io::Result<()> {
    match format {
        ExtractFormat::Jsonl => {
            for it in items {
                let e = it.extraction;
                serde_json::to_writer(&mut *out, &article_record(it))?;
                out.write_all(b"\n")?;
                for f in &e.facts {
                    serde_json::to_writer(&mut *out, &fact_record(it.file, f))?;
                    out.write_all(b"\n")?;
                }
                if mentions {
                    for m in &e.mentions {
                        serde_json::to_writer(&mut *out, &mention_record(it.file, m))?;
                        out.write_all(b"\n")?;
                    }
                }
            }
        }
        ExtractFormat::Json => {
            let mut all: Vec<serde_json::Value> = Vec::new();
            for it in items {
                all.push(serde_json::to_value(article_record(it))?);
                for f in &it.extraction.facts {
                    all.push(serde_json::to_value(fact_record(it.file, f))?);
                }
                if mentions {
                    for m in &it.extraction.mentions {
                        all.push(serde_json::to_value(mention_record(it.file, m))?);
                    }
                }
            }
            serde_json::to_writer_pretty(&mut *out, &all)?;
            out.write_all(b"\n")?;
        }
        ExtractFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(CSV_COLUMNS)?;
            for it in items {
                let e = it.extraction;
                let a = article_record(it);
                let mut row = vec![String::new(); CSV_COLUMNS.len()];
                row[0] = "article".into();
                row[1] = escape_formula(a.file);
                row[2] = escape_formula(a.title);
                row[3] = a.published.unwrap_or_default();
                row[4] = a.chars.to_string();
                row[11] = escape_formula(a.district.unwrap_or(""));
                row[12] = escape_formula(a.province.unwrap_or(""));
                w.write_record(&row)?;
                for f in &e.facts {
                    let r = fact_record(it.file, f);
                    let mut row = vec![String::new(); CSV_COLUMNS.len()];
                    row[0] = "fact".into();
                    row[1] = escape_formula(r.file);
                    row[5] = escape_formula(r.metric);
                    row[6] = r.value.map(fmt_num).unwrap_or_default();
                    row[7] = r.value_min.map(fmt_num).unwrap_or_default();
                    row[8] = r.value_max.map(fmt_num).unwrap_or_default();
                    row[9] = escape_formula(r.unit);
                    row[10] = r.approximate.to_string();
                    row[11] = escape_formula(r.district.unwrap_or(""));
                    row[12] = escape_formula(r.province.unwrap_or(""));
                    row[13] = r.as_of.unwrap_or_default();
                    row[14] = escape_formula(r.evidence);
                    row[15] = r.start.to_string();
                    row[16] = r.end.to_string();
                    row[17] = format!("{}", r.confidence);
                    row[18] = escape_formula(r.rule);
                    w.write_record(&row)?;
                }
                if mentions {
                    for m in &e.mentions {
                        let r = mention_record(it.file, m);
                        let mut row = vec![String::new(); CSV_COLUMNS.len()];
                        row[0] = "mention".into();
                        row[1] = escape_formula(r.file);
                        row[11] = escape_formula(r.district.flatten().unwrap_or(""));
                        row[12] = escape_formula(r.province.flatten().unwrap_or(""));
                        row[13] = escape_formula(r.value.as_deref().unwrap_or(""));
                        row[15] = r.start.to_string();
                        row[16] = r.end.to_string();
                        row[19] = escape_formula(r.mention_type);
                        row[20] = escape_formula(r.text);
                        w.write_record(&row)?;
                    }
                }
            }
            w.flush()?;
        }
    }
    Ok(())
}

fn article_record<'a>(it: &'a Extracted<'a>) -> ArticleRecord<'a> {
    let m = &it.extraction.meta;
    ArticleRecord {
        kind: "article",
        file: it.file,
        title: &m.title,
        published: m.published.map(|d| d.to_string()),
        district: m.place.district.as_deref(),
        province: m.place.province.as_deref(),
        chars: m.chars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_escaped() {
        assert_eq!(escape_formula("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(escape_formula("+84"), "'+84");
        assert_eq!(escape_formula("-1"), "'-1");
        assert_eq!(escape_formula("@x"), "'@x");
        assert_eq!(escape_formula("433 ca"), "433 ca");
    }

    #[test]
    fn whole_numbers_have_no_fraction() {
        let f = Fact {
            metric: "lockdown_households".into(),
            value: Value::Exact(2008.0),
            unit: "households".into(),
            approximate: false,
            place: Default::default(),
            as_of: None,
            evidence: "2.008 hộ".into(),
            start: 0,
            end: 10,
            number_start: 0,
            number_end: 5,
            confidence: 0.9,
            rule: "r".into(),
            section: Default::default(),
        };
        let s = serde_json::to_string(&fact_record("a.txt", &f)).unwrap();
        assert!(s.contains("\"value\":2008,"), "{s}");
        assert!(!s.contains("value_min"));
    }
}
