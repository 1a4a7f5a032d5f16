//! A messy folder (every kind of file users' folders hold, readable or not) through
//! `baocao extract`: what can be read is read, every skipped file is named with its reason, and
//! nothing crashes. The app's side is in `app_ui.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

#[path = "common/messy.rs"]
mod messy;

use baocao::io::corpus::{default_readers, load, walk};
use messy::{READ, SKIPPED, messy, platform_skipped};
use std::process::Command;

#[test]
fn extract_reads_what_it_can_and_names_every_skipped_file() {
    let m = messy();
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["extract", m.root.to_str().unwrap(), "-q"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let recs: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let articles: Vec<&str> = recs
        .iter()
        .filter(|r| r["kind"] == "article")
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    for (rel, _) in READ {
        assert!(articles.contains(rel), "{rel} was not read: {stderr}");
        assert!(
            recs.iter()
                .any(|r| r["kind"] == "fact" && r["file"] == *rel),
            "{rel} gave no fact"
        );
    }
    assert_eq!(articles.len(), READ.len(), "{articles:?}");
    for (rel, why) in SKIPPED.iter().chain(&platform_skipped()) {
        let line = stderr
            .lines()
            .find(|l| l.starts_with(&format!("warning: skipped {rel}")))
            .unwrap_or_else(|| panic!("{rel} is not named: {stderr}"));
        assert!(line.contains(why), "{line}");
    }
    // The huge file: its first 50 MB are read, with a warning; the rest is not.
    assert!(
        stderr.contains("huge.txt: the file is 52 MB: only its first 50 MB were read"),
        "{stderr}"
    );
    assert!(!stdout.contains("999 ca"));
    // Legacy encodings are named.
    for (rel, enc) in [
        ("tcvn3.txt", "TCVN3"),
        ("vni.txt", "VNI"),
        ("windows-1258.txt", "windows-1258"),
    ] {
        assert!(
            stderr.contains(&format!("{rel}: not UTF-8; read as {enc}")),
            "{stderr}"
        );
    }
}

#[test]
fn a_file_that_vanishes_while_the_folder_loads_is_named_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Quận Ô Môn có 433 ca.").unwrap();
    std::fs::write(dir.path().join("b.txt"), "Quận Ninh Kiều có 12 ca.").unwrap();
    let readers = default_readers();
    let (found, skipped) = walk(dir.path(), &readers);
    assert!(skipped.is_empty());
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    assert!(load(&found[0], &readers).is_ok());
    let gone = load(&found[1], &readers).unwrap_err();
    assert_eq!(gone.rel, "b.txt");
    assert!(gone.reason.starts_with("cannot be read"), "{}", gone.reason);
}
