//! Export of the annotated dataset: CSV and XLSX for spreadsheets, JSON Lines and RON for
//! programs, and span-labelled data (doccano JSONL, CoNLL BIO) for training extractors.
//!
//! Every format is written from the resolved view (reviews applied), so a corrected value is
//! exported, with the machine's beside it. Files are written whole to memory and then saved
//! atomically, like sessions: a failed export never leaves half a file where a good one was.
//!
//! Spreadsheets must never run a cell as a formula: CSV cells that would start with `=`, `+`,
//! `-`, `@` (or a tab or carriage return) get a leading apostrophe; XLSX cells are written as
//! typed strings and numbers, which Excel and LibreOffice never evaluate.

use crate::dashboard;
use crate::dataset::{Dataset, Origin};
use crate::extract::Extractor;
use crate::io::records::escape_formula;
use crate::review::{Overlay, Status};
use crate::text::{TokKind, tokenize};
use serde::{Deserialize, Serialize, Serializer};
use std::path::Path;

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize)]
pub enum ExportFormat {
    /// One row per fact, UTF-8 with a BOM (Excel shows Vietnamese).
    Csv,
    /// Sheets of facts, the district × metric table, and articles.
    Xlsx,
    /// One JSON object per fact.
    Jsonl,
    /// The same records as a RON list.
    Ron,
    /// doccano JSONL: one record per article, character offsets of every fact's evidence.
    Spans,
    /// CoNLL: one token per line with BIO tags of the facts' metrics.
    Conll,
}

impl ExportFormat {
    /// Every format.
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Csv,
        ExportFormat::Xlsx,
        ExportFormat::Jsonl,
        ExportFormat::Ron,
        ExportFormat::Spans,
        ExportFormat::Conll,
    ];

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Ron => "ron",
            ExportFormat::Spans => "spans.jsonl",
            ExportFormat::Conll => "conll",
        }
    }

    /// A short name for menus.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "CSV",
            ExportFormat::Xlsx => "Excel (XLSX)",
            ExportFormat::Jsonl => "JSON Lines",
            ExportFormat::Ron => "RON",
            ExportFormat::Spans => "doccano JSONL (spans)",
            ExportFormat::Conll => "CoNLL (BIO)",
        }
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: cannot be written: {source}")]
    Write {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("building the {what}: {message}")]
    Build { what: &'static str, message: String },
}

fn num<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

/// A number serialised by [`num`].
struct Num(f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        num(&self.0, s)
    }
}

fn opt_num<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        // `Some(…)` keeps RON's option syntax; JSON writes the bare number.
        Some(x) => s.serialize_some(&Num(*x)),
        None => s.serialize_none(),
    }
}

/// A fact as exported: the same fields in every tabular format.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportFact {
    /// The report, relative to the corpus folder.
    pub file: String,
    pub title: String,
    pub metric: String,
    /// The metric's Vietnamese label.
    pub metric_label: String,
    /// The effective value (a range's upper bound).
    #[serde(serialize_with = "num")]
    pub value: f64,
    #[serde(serialize_with = "num")]
    pub value_min: f64,
    #[serde(serialize_with = "num")]
    pub value_max: f64,
    /// The extractor's value, when a reviewer corrected it.
    #[serde(serialize_with = "opt_num")]
    pub machine_value: Option<f64>,
    pub unit: String,
    pub district: Option<String>,
    pub province: Option<String>,
    /// ISO date, or `--MM-DD` when the year is unknown.
    pub as_of: Option<String>,
    /// pending, accepted or rejected.
    pub status: String,
    /// machine or manual.
    pub origin: String,
    /// A reviewer corrected the metric, value, place or date.
    pub corrected: bool,
    pub note: String,
    pub tags: Vec<String>,
    pub evidence: String,
    /// Byte offsets of the evidence in the report's text.
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub confidence: f32,
    pub rule: String,
    /// The fact's identity (`HASH:START-END`, or `manual:N`).
    pub id: String,
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Pending => "pending",
        Status::Accepted => "accepted",
        Status::Rejected => "rejected",
    }
}

/// Which rows an export takes: every fact, or only accepted ones with `only_reviewed`.
/// Rejected facts are kept in tabular exports (the decision is part of the annotation) and
/// never in span exports (they are not facts).
fn keep(ds: &Dataset, row: usize, only_reviewed: bool, spans: bool) -> bool {
    let s = ds.rows[row].status;
    if only_reviewed {
        s == Status::Accepted
    } else {
        !(spans && s == Status::Rejected)
    }
}

/// The records of the facts to export, in reading order.
pub fn records(ds: &Dataset, extractor: &Extractor, only_reviewed: bool) -> Vec<ExportFact> {
    (0..ds.rows.len())
        .filter(|&i| keep(ds, i, only_reviewed, false))
        .map(|i| {
            let r = &ds.rows[i];
            let a = &ds.articles[r.article];
            let (min, max) = match r.value {
                crate::model::Value::Exact(v) => (v, v),
                crate::model::Value::Range { min, max } => (min, max),
            };
            let id = match r.origin {
                Origin::Machine(_) => ds.key_of(i).map(ToString::to_string).unwrap_or_default(),
                Origin::Manual(m) => format!("manual:{m}"),
            };
            ExportFact {
                file: a.rel.clone(),
                title: a.extraction.meta.title.clone(),
                metric: r.metric.clone(),
                metric_label: extractor
                    .catalogue
                    .metric(&r.metric)
                    .map(|m| m.label_vi.clone())
                    .unwrap_or_default(),
                value: r.value.representative(),
                value_min: min,
                value_max: max,
                machine_value: r.machine_value.map(|v| v.representative()),
                unit: r.unit.clone(),
                district: r.place.district.clone(),
                province: r.place.province.clone(),
                as_of: r.as_of.map(|d| d.iso()),
                status: status_name(r.status).to_owned(),
                origin: match r.origin {
                    Origin::Machine(_) => "machine".to_owned(),
                    Origin::Manual(_) => "manual".to_owned(),
                },
                corrected: r.corrected,
                note: r.note.clone(),
                tags: r.tags.clone(),
                evidence: r.evidence(ds).to_owned(),
                start: r.span.map(|s| s.0),
                end: r.span.map(|s| s.1),
                confidence: r.confidence,
                rule: r.rule.clone(),
                id,
            }
        })
        .collect()
}

/// CSV column names, in order.
pub const CSV_COLUMNS: [&str; 23] = [
    "file",
    "title",
    "metric",
    "metric_label",
    "value",
    "value_min",
    "value_max",
    "machine_value",
    "unit",
    "district",
    "province",
    "as_of",
    "status",
    "origin",
    "corrected",
    "note",
    "tags",
    "evidence",
    "start",
    "end",
    "confidence",
    "rule",
    "id",
];

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The cells of one CSV row (text escaped against formulas).
pub fn csv_row(f: &ExportFact) -> Vec<String> {
    let e = |s: &str| escape_formula(s);
    vec![
        e(&f.file),
        e(&f.title),
        e(&f.metric),
        e(&f.metric_label),
        fmt_num(f.value),
        fmt_num(f.value_min),
        fmt_num(f.value_max),
        f.machine_value.map(fmt_num).unwrap_or_default(),
        e(&f.unit),
        e(f.district.as_deref().unwrap_or("")),
        e(f.province.as_deref().unwrap_or("")),
        e(f.as_of.as_deref().unwrap_or("")),
        e(&f.status),
        e(&f.origin),
        f.corrected.to_string(),
        e(&f.note),
        e(&f.tags.join("; ")),
        e(&f.evidence),
        f.start.map(|x| x.to_string()).unwrap_or_default(),
        f.end.map(|x| x.to_string()).unwrap_or_default(),
        format!("{:.3}", f.confidence),
        e(&f.rule),
        e(&f.id),
    ]
}

fn csv_bytes(facts: &[ExportFact]) -> Result<Vec<u8>, ExportError> {
    let err = |e: csv::Error| ExportError::Build {
        what: "CSV",
        message: e.to_string(),
    };
    // The BOM tells Excel the file is UTF-8.
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(CSV_COLUMNS).map_err(err)?;
        for f in facts {
            w.write_record(csv_row(f)).map_err(err)?;
        }
        w.flush().map_err(|e| ExportError::Build {
            what: "CSV",
            message: e.to_string(),
        })?;
    }
    Ok(out)
}

fn jsonl_bytes(facts: &[ExportFact]) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    for f in facts {
        serde_json::to_writer(&mut out, f).map_err(|e| ExportError::Build {
            what: "JSON Lines",
            message: e.to_string(),
        })?;
        out.push(b'\n');
    }
    Ok(out)
}

fn ron_bytes(facts: &[ExportFact]) -> Result<Vec<u8>, ExportError> {
    let cfg = ron::ser::PrettyConfig::new()
        .depth_limit(3)
        .indentor("  ".to_owned())
        .struct_names(false);
    let body = ron::ser::to_string_pretty(facts, cfg).map_err(|e| ExportError::Build {
        what: "RON",
        message: e.to_string(),
    })?;
    Ok(format!(
        "// baocao export: {} facts, reviews applied.\n{body}\n",
        facts.len()
    )
    .into_bytes())
}

/// A doccano record: one article, its text and the character spans of its facts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpanRecord {
    pub file: String,
    pub text: String,
    /// `[start, end, metric]`, in characters (Unicode scalar values), end exclusive.
    pub label: Vec<(usize, usize, String)>,
}

/// The facts' evidence spans per article (rejected facts left out), in characters.
pub fn span_records(ds: &Dataset, only_reviewed: bool) -> Vec<SpanRecord> {
    let mut out = Vec::new();
    for (ai, a) in ds.articles.iter().enumerate() {
        if a.duplicate_of.is_some() {
            continue;
        }
        let text: &str = &a.text;
        let mut labels: Vec<(usize, usize, String)> = ds
            .rows_of_article(ai)
            .filter(|&i| keep(ds, i, only_reviewed, true))
            .filter_map(|i| {
                let r = &ds.rows[i];
                let (s, e) = r.span?;
                Some((char_index(text, s), char_index(text, e), r.metric.clone()))
            })
            .collect();
        labels.sort();
        labels.dedup();
        out.push(SpanRecord {
            file: a.rel.clone(),
            text: text.to_owned(),
            label: labels,
        });
    }
    out
}

fn char_index(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |s| s.chars().count())
}

fn spans_bytes(ds: &Dataset, only_reviewed: bool) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    for r in span_records(ds, only_reviewed) {
        serde_json::to_writer(&mut out, &r).map_err(|e| ExportError::Build {
            what: "span JSONL",
            message: e.to_string(),
        })?;
        out.push(b'\n');
    }
    Ok(out)
}

/// CoNLL: per article a `# file = …` line, then one `token<TAB>tag` line per token, a blank
/// line after each sentence (a full stop, `!`, `?` or a line break). Overlapping evidence
/// spans cannot both be tagged in BIO: the earlier (then longer) one wins.
pub fn conll_text(ds: &Dataset, only_reviewed: bool) -> String {
    let mut out = String::new();
    for (ai, a) in ds.articles.iter().enumerate() {
        if a.duplicate_of.is_some() {
            continue;
        }
        let text: &str = &a.text;
        let mut spans: Vec<(usize, usize, &str)> = ds
            .rows_of_article(ai)
            .filter(|&i| keep(ds, i, only_reviewed, true))
            .filter_map(|i| {
                let r = &ds.rows[i];
                r.span.map(|(s, e)| (s, e, r.metric.as_str()))
            })
            .collect();
        spans.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
        let t = tokenize(text);
        let mut tags: Vec<Option<(usize, &str)>> = vec![None; t.len()];
        for (si, &(s, e, m)) in spans.iter().enumerate() {
            let toks: Vec<usize> = (0..t.len())
                .filter(|&k| {
                    let r = t.toks[k].range();
                    r.start >= s && r.end <= e && t.toks[k].kind != TokKind::Newline
                })
                .collect();
            if toks.is_empty() || toks.iter().any(|&k| tags[k].is_some()) {
                continue;
            }
            for k in toks {
                tags[k] = Some((si, m));
            }
        }
        out.push_str(&format!("# file = {}\n", a.rel));
        let mut in_sentence = false;
        for k in 0..t.len() {
            let tok = &t.toks[k];
            if tok.kind == TokKind::Newline {
                if in_sentence {
                    out.push('\n');
                    in_sentence = false;
                }
                continue;
            }
            let word = &text[tok.range()];
            let tag = match tags[k] {
                None => "O".to_owned(),
                Some((si, m)) => {
                    let begins = k == 0 || tags[k - 1].map(|x| x.0) != Some(si);
                    format!("{}-{m}", if begins { "B" } else { "I" })
                }
            };
            out.push_str(word);
            out.push('\t');
            out.push_str(&tag);
            out.push('\n');
            in_sentence = true;
            if matches!(word, "." | "!" | "?") && tags[k].is_none() {
                out.push('\n');
                in_sentence = false;
            }
        }
        if in_sentence {
            out.push('\n');
        }
    }
    out
}

fn xlsx_bytes(
    ds: &Dataset,
    overlay: &Overlay,
    extractor: &Extractor,
    facts: &[ExportFact],
) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| ExportError::Build {
        what: "XLSX workbook",
        message: e.to_string(),
    };
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let flagged = Format::new().set_font_color(rust_xlsxwriter::Color::Red);

    // Facts.
    let sheet = wb.add_worksheet();
    sheet.set_name("Số liệu").map_err(err)?;
    for (c, h) in CSV_COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(err)?;
    }
    for (i, f) in facts.iter().enumerate() {
        let r = (i + 1) as u32;
        let strings: [(u16, &str); 2] = [(0, &f.file), (1, &f.title)];
        for (c, s) in strings {
            sheet.write_string(r, c, s).map_err(err)?;
        }
        sheet.write_string(r, 2, &f.metric).map_err(err)?;
        sheet.write_string(r, 3, &f.metric_label).map_err(err)?;
        sheet.write_number(r, 4, f.value).map_err(err)?;
        sheet.write_number(r, 5, f.value_min).map_err(err)?;
        sheet.write_number(r, 6, f.value_max).map_err(err)?;
        if let Some(m) = f.machine_value {
            sheet.write_number(r, 7, m).map_err(err)?;
        }
        sheet.write_string(r, 8, &f.unit).map_err(err)?;
        sheet
            .write_string(r, 9, f.district.as_deref().unwrap_or(""))
            .map_err(err)?;
        sheet
            .write_string(r, 10, f.province.as_deref().unwrap_or(""))
            .map_err(err)?;
        sheet
            .write_string(r, 11, f.as_of.as_deref().unwrap_or(""))
            .map_err(err)?;
        sheet.write_string(r, 12, &f.status).map_err(err)?;
        sheet.write_string(r, 13, &f.origin).map_err(err)?;
        sheet.write_boolean(r, 14, f.corrected).map_err(err)?;
        sheet.write_string(r, 15, &f.note).map_err(err)?;
        sheet.write_string(r, 16, f.tags.join("; ")).map_err(err)?;
        sheet.write_string(r, 17, &f.evidence).map_err(err)?;
        if let (Some(s), Some(e)) = (f.start, f.end) {
            sheet.write_number(r, 18, s as f64).map_err(err)?;
            sheet.write_number(r, 19, e as f64).map_err(err)?;
        }
        sheet
            .write_number(r, 20, f64::from(f.confidence))
            .map_err(err)?;
        sheet.write_string(r, 21, &f.rule).map_err(err)?;
        sheet.write_string(r, 22, &f.id).map_err(err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    sheet
        .autofilter(0, 0, facts.len() as u32, 22)
        .map_err(err)?;

    // District × metric.
    let g = &extractor.gazetteer;
    let count = |p: &str| {
        g.province_by_name(p)
            .map(|pi| g.districts_of(pi).filter(|d| !d.former).count())
    };
    let table = dashboard::build(ds, &extractor.catalogue, None, &count);
    let sheet = wb.add_worksheet();
    sheet.set_name("Quận huyện").map_err(err)?;
    sheet
        .write_string_with_format(0, 0, "Tỉnh/thành", &bold)
        .map_err(err)?;
    sheet
        .write_string_with_format(0, 1, "Quận/huyện", &bold)
        .map_err(err)?;
    for (c, m) in table.metrics.iter().enumerate() {
        let label = extractor
            .catalogue
            .metric(m)
            .map_or(m.as_str(), |d| d.label_vi.as_str());
        sheet
            .write_string_with_format(0, (c + 2) as u16, label, &bold)
            .map_err(err)?;
    }
    let mut r = 1u32;
    for b in &table.blocks {
        let prov = b.province.as_deref().unwrap_or("");
        for row in &b.rows {
            sheet.write_string(r, 0, prov).map_err(err)?;
            sheet
                .write_string(r, 1, row.district.as_deref().unwrap_or("(cấp tỉnh)"))
                .map_err(err)?;
            for (c, m) in table.metrics.iter().enumerate() {
                if let Some(cell) = row.cells.get(m) {
                    let col = (c + 2) as u16;
                    let v = cell.value.representative();
                    if cell.conflict {
                        sheet
                            .write_number_with_format(r, col, v, &flagged)
                            .map_err(err)?;
                    } else {
                        sheet.write_number(r, col, v).map_err(err)?;
                    }
                }
            }
            r += 1;
        }
        if !b.totals.is_empty() {
            sheet
                .write_string_with_format(r, 0, prov, &bold)
                .map_err(err)?;
            sheet
                .write_string_with_format(r, 1, "Tổng các quận, huyện", &bold)
                .map_err(err)?;
            for (c, m) in table.metrics.iter().enumerate() {
                if let Some(t) = b.totals.get(m) {
                    sheet
                        .write_number_with_format(r, (c + 2) as u16, t.sum, &bold)
                        .map_err(err)?;
                }
            }
            r += 1;
        }
    }
    sheet.set_freeze_panes(1, 2).map_err(err)?;

    // Articles.
    let sheet = wb.add_worksheet();
    sheet.set_name("Bài báo").map_err(err)?;
    let heads = [
        "file",
        "title",
        "published",
        "district",
        "province",
        "facts",
        "reviewed",
        "note",
        "tags",
        "encoding",
    ];
    for (c, h) in heads.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(err)?;
    }
    let mut r = 1u32;
    for (ai, a) in ds.articles.iter().enumerate() {
        if a.duplicate_of.is_some() {
            continue;
        }
        let m = &a.extraction.meta;
        let note = overlay.articles.get(&a.id).cloned().unwrap_or_default();
        sheet.write_string(r, 0, &a.rel).map_err(err)?;
        sheet.write_string(r, 1, &m.title).map_err(err)?;
        sheet
            .write_string(r, 2, m.published.map(|d| d.to_string()).unwrap_or_default())
            .map_err(err)?;
        sheet
            .write_string(r, 3, m.place.district.as_deref().unwrap_or(""))
            .map_err(err)?;
        sheet
            .write_string(r, 4, m.place.province.as_deref().unwrap_or(""))
            .map_err(err)?;
        sheet
            .write_number(r, 5, ds.stats[ai].facts as f64)
            .map_err(err)?;
        sheet
            .write_number(r, 6, ds.stats[ai].reviewed as f64)
            .map_err(err)?;
        sheet.write_string(r, 7, &note.note).map_err(err)?;
        sheet
            .write_string(r, 8, note.tags.join("; "))
            .map_err(err)?;
        sheet.write_string(r, 9, &a.encoding).map_err(err)?;
        r += 1;
    }
    wb.save_to_buffer().map_err(err)
}

/// What an export wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    pub facts: usize,
    pub articles: usize,
    pub bytes: usize,
}

/// Writes the dataset in `format` to `path` (atomically).
pub fn export(
    ds: &Dataset,
    overlay: &Overlay,
    extractor: &Extractor,
    format: ExportFormat,
    only_reviewed: bool,
    path: &Path,
) -> Result<Summary, ExportError> {
    let facts = records(ds, extractor, only_reviewed);
    let articles = ds
        .articles
        .iter()
        .filter(|a| a.duplicate_of.is_none())
        .count();
    let bytes = match format {
        ExportFormat::Csv => csv_bytes(&facts)?,
        ExportFormat::Xlsx => xlsx_bytes(ds, overlay, extractor, &facts)?,
        ExportFormat::Jsonl => jsonl_bytes(&facts)?,
        ExportFormat::Ron => ron_bytes(&facts)?,
        ExportFormat::Spans => spans_bytes(ds, only_reviewed)?,
        ExportFormat::Conll => conll_text(ds, only_reviewed).into_bytes(),
    };
    let n = match format {
        ExportFormat::Spans | ExportFormat::Conll => (0..ds.rows.len())
            .filter(|&i| keep(ds, i, only_reviewed, true) && ds.rows[i].span.is_some())
            .count(),
        _ => facts.len(),
    };
    crate::session::save_atomic(path, &bytes, |_| Ok(())).map_err(|e| match e {
        crate::session::SessionError::Write { path, source } => ExportError::Write { path, source },
        other => ExportError::Build {
            what: "file",
            message: other.to_string(),
        },
    })?;
    Ok(Summary {
        facts: n,
        articles,
        bytes: bytes.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_never_start_a_formula() {
        let f = ExportFact {
            file: "=cmd|' /C calc'!A0".into(),
            title: "+1".into(),
            // A session file is text anyone can edit: its metric ids and rules are not trusted.
            metric: "=HYPERLINK(\"http://x\")".into(),
            metric_label: String::new(),
            value: -3.0,
            value_min: -3.0,
            value_max: -3.0,
            machine_value: None,
            unit: String::new(),
            district: Some("@SUM(A1)".into()),
            province: Some("-2".into()),
            as_of: None,
            status: "pending".into(),
            origin: "machine".into(),
            corrected: false,
            note: "\tx".into(),
            tags: vec!["=x".into()],
            evidence: "Hà Nội (1.646)".into(),
            start: Some(0),
            end: Some(3),
            confidence: 0.5,
            rule: "+r".into(),
            id: "-x".into(),
        };
        let row = csv_row(&f);
        for (i, c) in row.iter().enumerate() {
            if CSV_COLUMNS[i].starts_with("value") {
                continue; // numbers stay numbers: "-3" is a value, not a formula
            }
            assert!(
                !c.starts_with(['=', '+', '@', '\t']),
                "{} = {c}",
                CSV_COLUMNS[i]
            );
            assert!(!c.starts_with('-') || c.parse::<f64>().is_ok(), "{c}");
        }
        assert_eq!(row[0], "'=cmd|' /C calc'!A0");
        assert_eq!(row[10], "'-2");
        assert_eq!(row[17], "Hà Nội (1.646)");
    }
}
