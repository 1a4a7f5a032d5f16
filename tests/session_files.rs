//! Session files on disk: save → load gives back the same session, and a process killed
//! between writing the temporary file and renaming it leaves the old session whole.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use baocao::model::{PartialDate, Place, Value};
use baocao::review::{ArticleId, ArticleNote, FactKey, ManualFact, Review, Status};
use baocao::session::{ArticleRef, SessionFile};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn session(corpus: &Path, at: &Path) -> SessionFile {
    let mut s = SessionFile::new(corpus, at);
    let id = ArticleId("0123456789abcdef".into());
    s.articles.push(ArticleRef {
        path: "000.txt".into(),
        hash: id.clone(),
    });
    s.overlay.reviews.insert(
        FactKey {
            article: id.clone(),
            start: 120,
            end: 123,
            ordinal: 0,
        },
        Review {
            status: Status::Accepted,
            value: Some(Value::Exact(434.0)),
            place: Some(Place {
                district: Some("Ô Môn".into()),
                province: Some("Cần Thơ".into()),
            }),
            note: "đối chiếu bản tin".into(),
            tags: vec!["đã kiểm".into()],
            evidence: "433 ca".into(),
            ..Review::default()
        },
    );
    s.overlay.manual.insert(
        1,
        ManualFact {
            id: 1,
            article: id.clone(),
            metric: "lockdown_points".into(),
            value: Value::Exact(99.0),
            unit: "points".into(),
            place: Place::default(),
            as_of: Some(PartialDate {
                year: Some(2021),
                month: 9,
                day: 23,
            }),
            span: Some((10, 25)),
            evidence: "99 điểm phong tỏa".into(),
            status: Status::Accepted,
            note: String::new(),
            tags: Vec::new(),
        },
    );
    s.overlay.articles.insert(
        id,
        ArticleNote {
            note: "phỏng vấn".into(),
            tags: vec!["Cần Thơ".into()],
        },
    );
    s.view.filter.province = Some("Cần Thơ".into());
    s.view.fact = Some("manual:1".into());
    s
}

#[test]
fn save_then_load_gives_the_same_session() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("work").join("review.ron");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let s = session(&dir.path().join("reports"), &path);
    s.save(&path).unwrap();
    let back = SessionFile::load(&path).unwrap();
    assert_eq!(back, s);
    assert_eq!(back.corpus, "../reports");
    // Saved again, byte for byte the same: diffs of session files show only real changes.
    let first = std::fs::read(&path).unwrap();
    back.save(&path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first);
    // The command line agrees.
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["session", "check"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("reviews       1"), "{text}");
    assert!(text.contains("added facts   1"), "{text}");
}

#[test]
fn a_kill_before_the_rename_leaves_the_old_session_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.ron");
    let s = session(&dir.path().join("reports"), &path);
    s.save(&path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let marker = dir.path().join("temporary-written");

    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["session", "upgrade"])
        .arg(&path)
        .arg("--pause-before-rename")
        .arg(&marker)
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !marker.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the child never reached the rename"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The temporary file is complete on disk; kill the process before it renames.
    let tmp = std::fs::read_to_string(&marker).unwrap();
    assert!(Path::new(&tmp).exists(), "temporary file {tmp}");
    child.kill().unwrap();
    child.wait().unwrap();

    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the old session is untouched"
    );
    assert_eq!(SessionFile::load(&path).unwrap(), s);

    // A later save succeeds despite the leftover temporary file.
    let status = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["session", "upgrade"])
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(SessionFile::load(&path).unwrap(), s);
    assert!(
        !Path::new(&tmp).exists(),
        "the stale temporary file was cleaned up"
    );
}

#[test]
fn damaged_sessions_are_named_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(format: 1, corpus: \"x\", articles: [ oops ])").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["session", "check"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.ron"), "{err}");
    assert!(err.contains("line 1"), "{err}");
}

#[test]
fn truncated_newer_and_damaged_sessions_are_refused_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.ron");
    let s = session(&dir.path().join("reports"), &good);
    s.save(&good).unwrap();
    let text = std::fs::read_to_string(&good).unwrap();
    let cut = text.char_indices().nth(text.chars().count() / 2).unwrap().0;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.ron", text.as_bytes()[..cut].to_vec(), "column"),
        (
            "newer.ron",
            text.replace("format: 1,", "format: 7,").into_bytes(),
            "newer baocao (session format 7",
        ),
        (
            "not-utf8.ron",
            b"(format: 1, corpus: \"\xff\")".to_vec(),
            "not UTF-8",
        ),
        (
            "outside.ron",
            text.replace("path: \"000.txt\"", "path: \"../../etc/passwd\"")
                .into_bytes(),
            "leaves the session's folder",
        ),
    ];
    for (name, bytes, why) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        for cmd in ["check", "upgrade"] {
            let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
                .args(["session", cmd])
                .arg(&path)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{name} {cmd}");
            assert!(
                err.contains(name) && err.contains(why),
                "{name} {cmd}: {err}"
            );
            assert_eq!(
                std::fs::read(&path).unwrap(),
                bytes,
                "{name} was written by {cmd}"
            );
        }
    }
    // A minimal file, as an older or hand-written one may be, loads with defaults.
    let minimal = dir.path().join("minimal.ron");
    std::fs::write(&minimal, "(format: 1, corpus: \"reports\")").unwrap();
    let m = SessionFile::load(&minimal).unwrap();
    assert!(m.articles.is_empty() && m.overlay.reviews.is_empty());
}
