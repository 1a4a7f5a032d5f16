//! `baocao extract` on the bundled sample (a copy of the five founding reports): the command's
//! output format, the facts a careful reader takes from them, and span integrity.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> (String, String, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .output()
        .expect("run baocao");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

fn sample() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/sample")
        .to_string_lossy()
        .into_owned()
}

fn records(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn find<'a>(recs: &'a [Value], file: &str, metric: &str, value: f64) -> Option<&'a Value> {
    recs.iter().find(|r| {
        r["kind"] == "fact"
            && r["file"].as_str().is_some_and(|f| f.starts_with(file))
            && r["metric"] == metric
            && r["value"].as_f64() == Some(value)
    })
}

#[test]
fn sample_articles_have_title_date_and_place() {
    let (out, err, ok) = run(&["extract", &sample(), "--format", "jsonl"]);
    assert!(ok, "{err}");
    let recs = records(&out);
    let arts: Vec<&Value> = recs.iter().filter(|r| r["kind"] == "article").collect();
    assert_eq!(arts.len(), 5);
    let expect = [
        (
            "000_",
            "Quận Ô Môn: Bước đầu thành công vừa chống dịch vừa ổn định kinh tế",
            Some("2021-09-24"),
            Some("Ô Môn"),
            "Cần Thơ",
        ),
        (
            "001_",
            "Kiên Giang: Huy động tối đa sức mạnh của hệ thống chính trị và Nhân dân để phòng chống Covid-19",
            None,
            None,
            "Kiên Giang",
        ),
        (
            "002_",
            "Mỗi cơ quan, đơn vị, doanh nghiệp phải có phương án phòng, chống dịch thực chất, không đối phó",
            Some("2021-08-11"),
            Some("Hoàng Mai"),
            "Hà Nội",
        ),
        (
            "003_",
            "Quận Ba Đình phát huy vai trò của hệ thống chính trị cơ sở trong công tác phòng, chống và đẩy lùi dịch bệnh COVID-19",
            None,
            Some("Ba Đình"),
            "Hà Nội",
        ),
        (
            "004_",
            "Tập trung phòng, chống dịch và phục hồi, phát triển kinh tế",
            Some("2021-09-23"),
            Some("Ninh Kiều"),
            "Cần Thơ",
        ),
    ];
    for (prefix, title, published, district, province) in expect {
        let a = arts
            .iter()
            .find(|a| a["file"].as_str().unwrap().starts_with(prefix))
            .unwrap();
        assert_eq!(a["title"], title);
        assert_eq!(a["published"].as_str(), published, "{prefix}");
        assert_eq!(a["district"].as_str(), district, "{prefix}");
        assert_eq!(a["province"], province, "{prefix}");
        assert!(a["chars"].as_u64().unwrap() > 1000);
    }
}

#[test]
fn sample_facts_match_a_careful_reader() {
    let (out, _, _) = run(&["extract", &sample()]);
    let recs = records(&out);
    let cases = find(&recs, "000_", "cases_cumulative", 433.0).expect("433 cases in Ô Môn");
    assert_eq!(cases["district"], "Ô Môn");
    assert_eq!(cases["province"], "Cần Thơ");
    assert_eq!(cases["as_of"], "2021-09-23");
    for (file, metric, value, district) in [
        ("000_", "lockdown_points", 99.0, "Ô Môn"),
        ("000_", "lockdown_households", 2008.0, "Ô Môn"),
        ("000_", "lockdown_people", 4435.0, "Ô Môn"),
        ("000_", "lockdown_points_lifted", 91.0, "Ô Môn"),
        ("000_", "violations_fined", 992.0, "Ô Môn"),
        ("000_", "fines_amount_vnd", 2_275_000_000.0, "Ô Môn"),
        ("000_", "vaccine_doses_total", 22248.0, "Ô Môn"),
        ("000_", "vaccine_doses_first", 19156.0, "Ô Môn"),
        ("000_", "vaccine_doses_full", 3092.0, "Ô Môn"),
        ("000_", "aid_amount_vnd", 28_333_000_000.0, "Ô Môn"),
        ("000_", "aid_rice_kg", 155_250.0, "Ô Môn"),
        ("000_", "plan_fulfilment_percent", 102.71, "Ô Môn"),
        ("002_", "cases_cumulative", 112.0, "Hoàng Mai"),
        ("002_", "cases_community", 30.0, "Hoàng Mai"),
        ("002_", "cases_in_quarantine", 81.0, "Hoàng Mai"),
        ("002_", "vaccine_doses_total", 48321.0, "Hoàng Mai"),
        ("002_", "quarantine_capacity", 2000.0, "Hoàng Mai"),
        ("003_", "medical_staff", 247.0, "Ba Đình"),
        ("003_", "volunteers", 1674.0, "Ba Đình"),
    ] {
        let f =
            find(&recs, file, metric, value).unwrap_or_else(|| panic!("{file} {metric} {value}"));
        assert_eq!(f["district"], district, "{metric} {value}");
    }
    let range = recs
        .iter()
        .find(|r| {
            r["metric"] == "cases_new"
                && r["value_min"].as_f64() == Some(1.0)
                && r["value_max"].as_f64() == Some(2.0)
        })
        .expect("1-2 new cases per day");
    assert_eq!(range["district"], "Ô Môn");
    // Kiên Giang: a province-level article.
    let cost = find(&recs, "001_", "cost_vnd", 128_000_000_000.0).unwrap();
    assert!(cost["district"].is_null());
    assert_eq!(cost["approximate"], true);
    let students = find(&recs, "001_", "volunteers", 600.0).unwrap();
    assert_eq!(students["province"], "Kiên Giang");
    assert_eq!(students["as_of"], "2021-09-16");
}

#[test]
fn what_is_not_a_fact_is_not_emitted_as_a_metric() {
    let (out, _, _) = run(&["extract", &sample()]);
    let recs = records(&out);
    let facts: Vec<&Value> = recs
        .iter()
        .filter(|r| r["kind"] == "fact" && r["metric"] != "other")
        .collect();
    // Years, dates, document numbers, ordinals, slogans, round-the-clock phrases.
    for v in [
        2021.0, 2022.0, 24.0, 16.0, 68.0, 414.0, 430.0, 5.0, 4.0, 3.0,
    ] {
        let bad: Vec<&&Value> = facts
            .iter()
            .filter(|f| f["value"].as_f64() == Some(v))
            .collect();
        assert!(
            bad.iter()
                .all(|f| !f["evidence"].as_str().unwrap().contains(['/', '“', '"'])),
            "value {v} from {:?}",
            bad.iter()
                .map(|f| f["evidence"].clone())
                .collect::<Vec<_>>()
        );
    }
    // The trailer of the Ô Môn article (another article's income figures) is not Ô Môn's.
    assert!(
        facts
            .iter()
            .all(|f| !(f["file"].as_str().unwrap().starts_with("000_")
                && f["value"].as_f64() == Some(6_400_000.0)
                && f["district"] == "Ô Môn"))
    );
}

#[test]
fn every_span_slices_to_its_evidence() {
    let (out, _, _) = run(&["extract", &sample(), "--mentions"]);
    let recs = records(&out);
    let mut n = 0;
    for r in recs
        .iter()
        .filter(|r| r["kind"] == "fact" || r["kind"] == "mention")
    {
        let path = Path::new(&sample()).join(r["file"].as_str().unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        let want = if r["kind"] == "fact" {
            &r["evidence"]
        } else {
            &r["text"]
        };
        assert_eq!(&text[s..e], want.as_str().unwrap(), "{r}");
        n += 1;
    }
    assert!(n > 100, "only {n} spans");
    assert!(recs.iter().any(|r| r["kind"] == "mention"
        && r["type"] == "date"
        && r["text"] == "23/9"
        && r["value"] == "2021-09-23"));
    assert!(recs.iter().any(|r| r["kind"] == "mention"
        && r["type"] == "place"
        && r["text"] == "quận Ô Môn"
        && r["province"] == "Cần Thơ"));
}

#[test]
fn csv_and_json_carry_the_same_facts() {
    let (jsonl, _, _) = run(&["extract", &sample()]);
    let n_facts = records(&jsonl)
        .iter()
        .filter(|r| r["kind"] == "fact")
        .count();
    let (json, _, ok) = run(&["extract", &sample(), "--format", "json"]);
    assert!(ok);
    let arr: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(arr.iter().filter(|r| r["kind"] == "fact").count(), n_facts);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("facts.csv");
    let (stdout, _, ok) = run(&[
        "extract",
        &sample(),
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(ok && stdout.is_empty(), "results go to --out, not stdout");
    let mut rdr = csv::Reader::from_path(&out).unwrap();
    let rows = rdr
        .records()
        .filter(|r| r.as_ref().unwrap().get(0) == Some("fact"))
        .count();
    assert_eq!(rows, n_facts);
    // Written by rename: nothing but the output is left in its folder.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("facts.csv")]);
}

#[test]
fn skipped_files_are_named_on_stderr_and_exit_is_zero() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(&sample()).join("004_c3f9a9c50758b3e9.txt"),
        dir.path().join("a.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.txt"), b"\x00\x01\x02binary\x00").unwrap();
    std::fs::write(dir.path().join("photo.png"), b"\x89PNG").unwrap();
    let (out, err, ok) = run(&["extract", dir.path().to_str().unwrap()]);
    assert!(ok);
    assert!(
        err.contains("broken.txt") && err.contains("binary"),
        "{err}"
    );
    assert!(err.contains("photo.png"), "{err}");
    assert_eq!(
        records(&out)
            .iter()
            .filter(|r| r["kind"] == "article")
            .count(),
        1
    );
    assert!(out.lines().all(|l| !l.contains("warning")));
}

#[test]
fn help_and_version() {
    let (out, _, ok) = run(&["--help"]);
    assert!(ok && out.contains("extract"));
    let (out, _, ok) = run(&["--version"]);
    assert!(ok && out.starts_with("baocao ") && out.contains('('));
    let (_, err, ok) = run(&["extract", "/no/such/folder"]);
    assert!(!ok && err.contains("/no/such/folder"));
}
