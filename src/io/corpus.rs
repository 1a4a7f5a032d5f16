//! Reading a folder of reports: walking it, choosing a reader per file, decoding, and
//! reporting every file that was skipped and why.
//!
//! Readers sit behind [`Reader`] so that HTML, DOCX and PDF plug in without touching the
//! walker or the extractor. Nothing is skipped silently: each skipped file becomes a
//! [`Skipped`] with the path and the reason, which the CLI prints and the app lists.

use super::decode::{DecodeError, decode};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Turns a file into article text.
pub trait Reader: Send + Sync {
    /// Short name shown in messages ("text").
    fn name(&self) -> &'static str;
    /// File extensions (lower case, without dot) this reader handles.
    fn extensions(&self) -> &'static [&'static str];
    /// Reads the file's bytes into text.
    fn read(&self, bytes: &[u8]) -> Result<ReadText, ReadError>;
}

/// Text produced by a reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadText {
    pub text: String,
    pub encoding: String,
    pub note: Option<String>,
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error("{0}")]
    Format(String),
}

/// Plain text and Markdown.
pub struct TextReader;

impl Reader for TextReader {
    fn name(&self) -> &'static str {
        "text"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "md", "markdown", "text"]
    }
    fn read(&self, bytes: &[u8]) -> Result<ReadText, ReadError> {
        let d = decode(bytes)?;
        Ok(ReadText {
            text: d.text,
            encoding: d.encoding,
            note: d.note,
        })
    }
}

/// The readers baocao knows, in order of preference.
pub fn default_readers() -> Vec<Box<dyn Reader>> {
    vec![
        Box::new(TextReader),
        Box::new(super::html::HtmlReader),
        Box::new(super::docx::DocxReader),
        Box::new(super::pdf::PdfReader),
    ]
}

/// A file found in the folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundFile {
    pub path: PathBuf,
    /// Path relative to the folder, with '/' separators.
    pub rel: String,
}

/// A file that was not read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub rel: String,
    pub reason: String,
}

/// A file read into text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedFile {
    pub rel: String,
    pub path: PathBuf,
    pub text: String,
    pub encoding: String,
    pub note: Option<String>,
    /// Size on disk in bytes.
    pub bytes: u64,
    /// Size and modification time when read: tells a later reload whether the file changed.
    pub stamp: Option<FileStamp>,
}

/// What identifies a file's version on disk without reading it: its length and modification
/// time (nanoseconds on the file systems baocao meets). Equal stamps mean "not changed since".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    pub modified: std::time::SystemTime,
}

impl FileStamp {
    /// The stamp of a file now (`None` when it cannot be read, or the platform has no
    /// modification times).
    pub fn of(path: &Path) -> Option<FileStamp> {
        let m = std::fs::metadata(path).ok()?;
        Some(FileStamp {
            len: m.len(),
            modified: m.modified().ok()?,
        })
    }
}

/// Walks `root` recursively in a stable order. Returns the files a reader accepts and the
/// ones skipped (unsupported type, unreadable directory, symbolic-link loop).
pub fn walk(root: &Path, readers: &[Box<dyn Reader>]) -> (Vec<FoundFile>, Vec<Skipped>) {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    if root.is_file() {
        let rel = root
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        classify(root, rel, readers, &mut found, &mut skipped);
        return (found, skipped);
    }
    let mut seen = HashSet::new();
    walk_dir(root, root, readers, &mut seen, &mut found, &mut skipped, 0);
    (found, skipped)
}

fn rel_of(root: &Path, p: &Path) -> String {
    let r = p.strip_prefix(root).unwrap_or(p);
    r.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn classify(
    p: &Path,
    rel: String,
    readers: &[Box<dyn Reader>],
    found: &mut Vec<FoundFile>,
    skipped: &mut Vec<Skipped>,
) {
    let ext = p
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if readers
        .iter()
        .any(|r| r.extensions().contains(&ext.as_str()))
    {
        found.push(FoundFile {
            path: p.to_path_buf(),
            rel,
        });
    } else {
        let known: Vec<String> = readers
            .iter()
            .flat_map(|r| r.extensions().iter().map(|e| format!(".{e}")))
            .collect();
        let what = if ext.is_empty() {
            "a file without extension".to_owned()
        } else {
            format!("a .{ext} file")
        };
        skipped.push(Skipped {
            rel,
            reason: format!("{what} (baocao reads {})", known.join(", ")),
        });
    }
}

fn walk_dir(
    root: &Path,
    dir: &Path,
    readers: &[Box<dyn Reader>],
    seen: &mut HashSet<PathBuf>,
    found: &mut Vec<FoundFile>,
    skipped: &mut Vec<Skipped>,
    depth: usize,
) {
    let canon = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(canon) {
        skipped.push(Skipped {
            rel: rel_of(root, dir),
            reason: "a folder already visited (symbolic-link loop)".to_owned(),
        });
        return;
    }
    if depth > 64 {
        skipped.push(Skipped {
            rel: rel_of(root, dir),
            reason: "folders nested deeper than 64 levels".to_owned(),
        });
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            skipped.push(Skipped {
                rel: rel_of(root, dir),
                reason: format!("the folder cannot be listed: {e}"),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let rel = rel_of(root, &p);
        let meta = match std::fs::metadata(&p) {
            Ok(m) => m,
            Err(e) => {
                skipped.push(Skipped {
                    rel,
                    reason: format!("cannot be read: {e}"),
                });
                continue;
            }
        };
        if meta.is_dir() {
            walk_dir(root, &p, readers, seen, found, skipped, depth + 1);
        } else if meta.is_file() {
            classify(&p, rel, readers, found, skipped);
        } else {
            skipped.push(Skipped {
                rel,
                reason: "not a regular file".to_owned(),
            });
        }
    }
}

/// Reads one found file with the reader for its extension.
pub fn load(f: &FoundFile, readers: &[Box<dyn Reader>]) -> Result<LoadedFile, Skipped> {
    let ext = f
        .path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let Some(reader) = readers
        .iter()
        .find(|r| r.extensions().contains(&ext.as_str()))
    else {
        return Err(Skipped {
            rel: f.rel.clone(),
            reason: format!("no reader for .{ext}"),
        });
    };
    // The stamp first: a file changed while being read then looks changed at the next reload.
    let stamp = FileStamp::of(&f.path);
    let bytes = std::fs::read(&f.path).map_err(|e| Skipped {
        rel: f.rel.clone(),
        reason: format!("cannot be read: {e}"),
    })?;
    let n = bytes.len() as u64;
    match reader.read(&bytes) {
        Ok(r) => Ok(LoadedFile {
            rel: f.rel.clone(),
            path: f.path.clone(),
            text: r.text,
            encoding: r.encoding,
            note: r.note,
            bytes: n,
            stamp,
        }),
        Err(e) => Err(Skipped {
            rel: f.rel.clone(),
            reason: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_recursively_and_names_skipped_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join("a/b/one.txt"), "Hà Nội có 12 ca.").unwrap();
        std::fs::write(dir.path().join("two.md"), "# Cần Thơ").unwrap();
        std::fs::write(dir.path().join("pic.jpg"), [0xFF, 0xD8, 0xFF]).unwrap();
        std::fs::write(dir.path().join("empty.txt"), "").unwrap();
        let readers = default_readers();
        let (found, skipped) = walk(dir.path(), &readers);
        let rels: Vec<&str> = found.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, vec!["a/b/one.txt", "empty.txt", "two.md"]);
        assert_eq!(skipped.len(), 1);
        assert!(skipped[0].rel == "pic.jpg" && skipped[0].reason.contains(".jpg"));
        let err = load(&found[1], &readers).unwrap_err();
        assert!(err.reason.contains("empty"));
        assert_eq!(load(&found[0], &readers).unwrap().text, "Hà Nội có 12 ca.");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        let (_, skipped) = walk(dir.path(), &default_readers());
        assert!(
            skipped.iter().any(|s| s.reason.contains("loop")),
            "{skipped:?}"
        );
    }
}
