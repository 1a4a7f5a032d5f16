//! The same reports in every format users bring: saved web pages, Word documents, PDFs, UTF-16 text
//! and the legacy Vietnamese encodings TCVN3 and VNI give exactly the facts of the `.txt`
//! originals (`assets/sample`). The copies are made by `tests/fixtures/formats/make.py`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use baocao::extract::Extractor;
use baocao::io::corpus::{default_readers, load, walk};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Facts per report (file name without extension), as comparable strings; and the encodings
/// the files were read in.
fn facts(dir: &Path) -> (BTreeMap<String, Vec<String>>, Vec<String>) {
    let readers = default_readers();
    let (found, skipped) = walk(dir, &readers);
    assert!(skipped.is_empty(), "{skipped:?}");
    let ex = Extractor::bundled().unwrap();
    let mut out = BTreeMap::new();
    let mut encodings = Vec::new();
    for f in &found {
        let loaded = load(f, &readers).unwrap_or_else(|s| panic!("{}: {}", s.rel, s.reason));
        encodings.push(loaded.encoding.clone());
        let x = ex.extract(&loaded.text);
        let mut v: Vec<String> = x
            .facts
            .iter()
            .map(|fact| {
                // Every span still slices the text the reader shows to its evidence.
                assert_eq!(&loaded.text[fact.start..fact.end], fact.evidence);
                format!(
                    "{} {:?} {} {:?} {:?} {:?} {}",
                    fact.metric,
                    fact.value,
                    fact.unit,
                    fact.place.district,
                    fact.place.province,
                    fact.as_of,
                    fact.evidence
                )
            })
            .collect();
        v.sort();
        let stem = Path::new(&f.rel)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        out.insert(stem, v);
    }
    (out, encodings)
}

fn same_facts_as_the_originals(kind: &str, encoding: &str) {
    let (want, _) = facts(&root().join("assets/sample"));
    let (got, encodings) = facts(&root().join("tests/fixtures/formats").join(kind));
    assert_eq!(got.len(), 5, "{kind}: five reports");
    assert!(
        encodings.iter().all(|e| e.contains(encoding)),
        "{kind}: read as {encodings:?}"
    );
    let n: usize = want.values().map(Vec::len).sum();
    assert!(n >= 30, "the originals give {n} facts");
    for (stem, w) in &want {
        assert_eq!(got.get(stem), Some(w), "{kind}: {stem}");
    }
}

#[test]
fn saved_web_pages_give_the_facts_of_the_text_files() {
    same_facts_as_the_originals("html", "UTF-8");
}

#[test]
fn word_documents_give_the_facts_of_the_text_files() {
    same_facts_as_the_originals("docx", "DOCX");
}

#[test]
fn utf16_files_give_the_facts_of_the_utf8_files() {
    same_facts_as_the_originals("utf16", "UTF-16LE");
}

#[test]
fn tcvn3_files_are_detected_and_give_the_same_facts() {
    same_facts_as_the_originals("tcvn3", "TCVN3");
}

#[test]
fn pdfs_with_a_text_layer_give_the_same_facts() {
    same_facts_as_the_originals("pdf", "PDF");
}

#[test]
fn vni_files_are_detected_and_give_the_same_facts() {
    same_facts_as_the_originals("vni", "VNI");
}
