//! Reading and extracting a whole folder, in parallel, with progress and cancellation.
//!
//! Shared by `baocao extract` and the app's background loader so that both read the same
//! files in the same order and report the same skipped files.

use crate::extract::{Extraction, Extractor};
use crate::io::corpus::{self, LoadedFile, Reader, Skipped};
use rayon::prelude::*;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// One article: its file and what was extracted from it.
#[derive(Clone, Debug)]
pub struct ArticleResult {
    pub file: LoadedFile,
    pub extraction: Extraction,
}

/// A whole folder's results.
#[derive(Clone, Debug, Default)]
pub struct FolderResult {
    pub articles: Vec<ArticleResult>,
    pub skipped: Vec<Skipped>,
    /// True when the run was cancelled before the end.
    pub cancelled: bool,
}

/// Progress of a run.
#[derive(Clone, Debug)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    /// Relative path of the file just finished.
    pub current: String,
}

/// Reads and extracts every supported file under `root`, in parallel on all cores. Results
/// come back in the walk's stable order. `progress` is called from worker threads.
pub fn extract_folder(
    root: &Path,
    extractor: &Extractor,
    readers: &[Box<dyn Reader>],
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> FolderResult {
    let (found, skipped) = corpus::walk(root, readers);
    extract_found(found, skipped, extractor, readers, progress, cancel)
}

/// Like [`extract_folder`], for chosen files of a folder (relative paths, '/' separated), in
/// the order given. A file that is no longer there is reported as skipped.
pub fn extract_files(
    root: &Path,
    rels: &[String],
    extractor: &Extractor,
    readers: &[Box<dyn Reader>],
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> FolderResult {
    let (found, skipped) = find_files(root, rels);
    extract_found(found, skipped, extractor, readers, progress, cancel)
}

/// The chosen files of a folder (relative paths, '/' separated), in the order given; a file no
/// longer there is reported as skipped.
pub fn find_files(root: &Path, rels: &[String]) -> (Vec<corpus::FoundFile>, Vec<Skipped>) {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    for rel in rels {
        let path = root.join(rel);
        if path.is_file() {
            found.push(corpus::FoundFile {
                path,
                rel: rel.clone(),
            });
        } else {
            skipped.push(Skipped {
                rel: rel.clone(),
                reason: "not found (moved or deleted)".to_owned(),
            });
        }
    }
    (found, skipped)
}

fn extract_found(
    found: Vec<corpus::FoundFile>,
    mut skipped: Vec<Skipped>,
    extractor: &Extractor,
    readers: &[Box<dyn Reader>],
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> FolderResult {
    let total = found.len();
    let done = AtomicUsize::new(0);
    let extra_skipped = Mutex::new(Vec::new());
    let results: Vec<Option<ArticleResult>> = found
        .par_iter()
        .map(|f| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let r = match corpus::load(f, readers) {
                Ok(file) => {
                    let extraction = extractor.extract(&file.text);
                    Some(ArticleResult { file, extraction })
                }
                Err(s) => {
                    if let Ok(mut v) = extra_skipped.lock() {
                        v.push(s);
                    }
                    None
                }
            };
            let d = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(Progress {
                done: d,
                total,
                current: f.rel.clone(),
            });
            r
        })
        .collect();
    let mut more = extra_skipped.into_inner().unwrap_or_default();
    more.sort_by(|a, b| a.rel.cmp(&b.rel));
    skipped.extend(more);
    FolderResult {
        articles: results.into_iter().flatten().collect(),
        skipped,
        cancelled: cancel.load(Ordering::Relaxed),
    }
}

/// The readers baocao uses by default.
pub fn readers() -> Vec<Box<dyn Reader>> {
    corpus::default_readers()
}

/// Extracts texts held in memory, as if read from files named `rel`, in parallel on all cores.
/// For the scale benchmarks and tests: no disk, same articles as [`extract_folder`] would make.
pub fn extract_texts(files: Vec<(String, String)>, extractor: &Extractor) -> Vec<ArticleResult> {
    files
        .into_par_iter()
        .map(|(rel, text)| {
            let extraction = extractor.extract(&text);
            ArticleResult {
                file: LoadedFile {
                    path: std::path::PathBuf::from(&rel),
                    rel,
                    bytes: text.len() as u64,
                    text,
                    encoding: "UTF-8".into(),
                    note: None,
                    stamp: None,
                },
                extraction,
            }
        })
        .collect()
}
