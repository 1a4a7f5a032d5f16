//! `baocao export` of a session with corrections: every format is written, the corrected
//! values (not the machine's) appear, and reading each file back gives the session's
//! resolved facts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use baocao::dataset::Dataset;
use baocao::export::{CSV_COLUMNS, ExportFact, ExportFormat, SpanRecord, records};
use baocao::extract::Extractor;
use baocao::model::{Place, Value};
use baocao::review::{ManualFact, Status};
use baocao::workspace::{FactPatch, Source, Workspace};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

struct Fixture {
    _dir: tempfile::TempDir,
    session: PathBuf,
    root: PathBuf,
    ws: Workspace,
    ex: Extractor,
}

/// The sample, reviewed: 433 corrected to 434 and accepted, a fact rejected, one added by hand
/// with a note that looks like a formula.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("reports");
    std::fs::create_dir_all(&root).unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    for e in std::fs::read_dir(sample).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), root.join(e.file_name())).unwrap();
    }
    let ex = Extractor::bundled().unwrap();
    let r = baocao::pipeline::extract_folder(
        &root,
        &ex,
        &baocao::pipeline::readers(),
        &|_| {},
        &AtomicBool::new(false),
    );
    let ds = Dataset::new(root.clone(), r.articles, r.skipped);
    let mut ws = Workspace::new(
        ds,
        Source {
            root: root.clone(),
            files: None,
        },
    );
    let row = ws
        .dataset
        .rows
        .iter()
        .position(|r| r.value == Value::Exact(433.0))
        .unwrap();
    let r = ws.dataset.rows[row].clone();
    let patch = FactPatch {
        metric: r.metric.clone(),
        value: Value::Exact(434.0),
        place: r.place.clone(),
        as_of: r.as_of,
        note: "theo bản tin chiều".into(),
        tags: vec!["đã sửa".into()],
        status: Some(Status::Accepted),
    };
    let e = ws.patch_edit(row, &patch, &ex.catalogue).unwrap();
    ws.apply(e);
    let other = ws
        .dataset
        .rows
        .iter()
        .position(|r| r.metric == "other")
        .unwrap();
    let e = ws.status_edit(other, Status::Rejected).unwrap();
    ws.apply(e);
    let a = &ws.dataset.articles[0];
    let start = a.text.find("99 điểm").unwrap();
    let e = ws.add_edit(ManualFact {
        id: 0,
        article: a.id.clone(),
        metric: "lockdown_points".into(),
        value: Value::Exact(99.0),
        unit: "points".into(),
        place: Place {
            district: Some("Ô Môn".into()),
            province: Some("Cần Thơ".into()),
        },
        as_of: None,
        span: Some((start, start + "99 điểm".len())),
        evidence: "99 điểm".into(),
        status: Status::Accepted,
        note: "=1+1".into(),
        tags: Vec::new(),
    });
    ws.apply(e);
    let session = dir.path().join("review.ron");
    ws.to_session(&session, Default::default())
        .save(&session)
        .unwrap();
    Fixture {
        _dir: dir,
        session,
        root,
        ws,
        ex,
    }
}

fn export(source: &Path, format: &str, out: &Path, extra: &[&str]) {
    let o = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("export")
        .arg(source)
        .args(["--format", format, "--out"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{format}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn every_format_reads_back_as_the_sessions_facts() {
    let f = fixture();
    let expected = records(&f.ws.dataset, &f.ex, false);
    let corrected = expected.iter().find(|r| r.value == 434.0).unwrap();
    assert_eq!(corrected.machine_value, Some(433.0));
    assert!(
        expected.iter().all(|r| r.value != 433.0),
        "the machine value is not exported as the value"
    );
    let out = f.session.parent().unwrap().join("out");
    std::fs::create_dir_all(&out).unwrap();

    // JSON Lines.
    let p = out.join("facts.jsonl");
    export(&f.session, "jsonl", &p, &[]);
    let back: Vec<ExportFact> = std::fs::read_to_string(&p)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(back, expected);

    // RON.
    let p = out.join("facts.ron");
    export(&f.session, "ron", &p, &[]);
    let back: Vec<ExportFact> = ron::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    assert_eq!(back, expected);

    // CSV: BOM, header, one row per fact, escaped cells.
    let p = out.join("facts.csv");
    export(&f.session, "csv", &p, &[]);
    let bytes = std::fs::read(&p).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let mut rd = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(
        rd.headers().unwrap().iter().collect::<Vec<_>>(),
        CSV_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), expected.len());
    for (row, e) in rows.iter().zip(&expected) {
        assert_eq!(
            row.iter().collect::<Vec<_>>(),
            baocao::export::csv_row(e),
            "{}",
            e.id
        );
        assert_eq!(row[2].to_owned(), e.metric);
        assert_eq!(row[4].parse::<f64>().unwrap(), e.value);
        assert_eq!(row[12].to_owned(), e.status);
    }
    assert!(
        rows.iter().any(|r| &r[15] == "'=1+1"),
        "the note is escaped"
    );

    // XLSX: the facts sheet holds the same values; strings are strings, never formulas.
    let p = out.join("facts.xlsx");
    export(&f.session, "xlsx", &p, &[]);
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(&p).unwrap();
    assert_eq!(wb.sheet_names(), ["Số liệu", "Quận huyện", "Bài báo"]);
    let sheet = wb.worksheet_range("Số liệu").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(rows.len(), expected.len() + 1);
    let text = |d: &Data| match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    };
    let number = |d: &Data| match d {
        Data::Float(x) => *x,
        Data::Int(x) => *x as f64,
        other => panic!("not a number: {other:?}"),
    };
    for (row, e) in rows[1..].iter().zip(&expected) {
        assert_eq!(text(&row[0]), e.file);
        assert_eq!(text(&row[2]), e.metric);
        assert_eq!(number(&row[4]), e.value);
        assert_eq!(text(&row[9]), e.district.clone().unwrap_or_default());
        assert_eq!(text(&row[12]), e.status);
        assert_eq!(text(&row[15]), e.note);
        assert_eq!(text(&row[17]), e.evidence);
    }
    let formulas = wb.worksheet_formula("Số liệu").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula anywhere"
    );
    // The district sheet: Ô Môn's latest cumulative cases, corrected.
    let districts = wb.worksheet_range("Quận huyện").unwrap();
    let header: Vec<String> = districts.rows().next().unwrap().iter().map(text).collect();
    let col = header.iter().position(|h| h == "Tổng số ca mắc").unwrap();
    let o_mon = districts.rows().find(|r| text(&r[1]) == "Ô Môn").unwrap();
    assert_eq!(number(&o_mon[col]), 434.0);
    let articles = wb.worksheet_range("Bài báo").unwrap();
    assert_eq!(articles.rows().count(), 6);
}

#[test]
fn span_exports_slice_back_to_the_evidence() {
    let f = fixture();
    let out = f.session.parent().unwrap().join("spans.jsonl");
    export(&f.session, "spans", &out, &[]);
    let recs: Vec<SpanRecord> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len(), 5);
    let mut labels = 0;
    for r in &recs {
        let chars: Vec<char> = r.text.chars().collect();
        let a =
            f.ws.dataset
                .articles
                .iter()
                .position(|a| a.rel == r.file)
                .unwrap();
        let evidences: Vec<&str> =
            f.ws.dataset
                .rows_of_article(a)
                .filter(|&i| f.ws.dataset.rows[i].status != Status::Rejected)
                .map(|i| f.ws.dataset.rows[i].evidence(&f.ws.dataset))
                .collect();
        for (s, e, m) in &r.label {
            let piece: String = chars[*s..*e].iter().collect();
            assert!(evidences.contains(&piece.as_str()), "{m}: {piece}");
            labels += 1;
        }
    }
    // Every non-rejected fact with a span is labelled (identical spans of one metric merge).
    assert!(labels > 50, "{labels}");
    assert!(
        recs.iter()
            .flat_map(|r| &r.label)
            .any(|l| l.2 == "lockdown_points")
    );

    // --only-reviewed keeps the accepted ones: the corrected fact and the one added by hand.
    export(&f.session, "spans", &out, &["--only-reviewed"]);
    let n: usize = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<SpanRecord>(l).unwrap().label.len())
        .sum();
    assert_eq!(n, 2);

    // CoNLL: every B-/I- run is a piece of some evidence.
    let out = f.session.parent().unwrap().join("facts.conll");
    export(&f.session, "conll", &out, &[]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("# file = "));
    let runs = text.lines().filter(|l| l.contains("\tB-")).count();
    assert!(runs > 40, "{runs}");
    assert!(text.lines().all(|l| l.is_empty()
        || l.starts_with("# file = ")
        || l.ends_with("\tO")
        || l.contains("\tB-")
        || l.contains("\tI-")));
}

#[test]
fn a_folder_exports_the_machine_facts() {
    let f = fixture();
    let out = f.root.parent().unwrap().join("machine.jsonl");
    export(&f.root, "jsonl", &out, &[]);
    let back: Vec<ExportFact> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(back.iter().any(|r| r.value == 433.0));
    assert!(
        back.iter()
            .all(|r| r.status == "pending" && r.origin == "machine")
    );
    // Every format name the command line offers is a format.
    for fmt in ExportFormat::ALL {
        assert!(!fmt.extension().is_empty());
    }
}
