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
    /// The first part of a very large file is still a readable file of this kind (text, web
    /// pages); an archive or a PDF cut short is not, and is read whole up to a larger bound.
    fn reads_a_prefix(&self) -> bool {
        true
    }
}

/// Files larger than this are read in part (text) with a warning; see [`Reader::reads_a_prefix`].
pub const MAX_TEXT_BYTES: u64 = 50 * 1024 * 1024;
/// Documents that must be read whole (DOCX, PDF) larger than this are skipped.
pub const MAX_DOCUMENT_BYTES: u64 = 200 * 1024 * 1024;

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
    let (bytes, size) =
        read_bounded(&f.path, reader.reads_a_prefix()).map_err(|reason| Skipped {
            rel: f.rel.clone(),
            reason,
        })?;
    let n = size;
    let cut_note = (size > bytes.len() as u64).then(|| {
        format!(
            "the file is {} MB: only its first {} MB were read",
            size.div_ceil(1024 * 1024),
            bytes.len() / (1024 * 1024)
        )
    });
    match reader.read(&bytes) {
        Ok(r) => Ok(LoadedFile {
            rel: f.rel.clone(),
            path: f.path.clone(),
            text: r.text,
            encoding: r.encoding,
            note: match (cut_note, r.note) {
                (Some(a), Some(b)) => Some(format!("{a}; {b}")),
                (a, b) => a.or(b),
            },
            bytes: n,
            stamp,
        }),
        Err(e) => Err(Skipped {
            rel: f.rel.clone(),
            reason: e.to_string(),
        }),
    }
}

/// Reads a file within the bounds above: its bytes (a prefix ending at a line break, for
/// text over [`MAX_TEXT_BYTES`]) and its size on disk.
fn read_bounded(path: &Path, prefix: bool) -> Result<(Vec<u8>, u64), String> {
    read_within(path, prefix, MAX_TEXT_BYTES, MAX_DOCUMENT_BYTES)
}

fn read_within(
    path: &Path,
    prefix: bool,
    text_limit: u64,
    document_limit: u64,
) -> Result<(Vec<u8>, u64), String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot be read: {e}"))?;
    let size = file
        .metadata()
        .map_err(|e| format!("cannot be read: {e}"))?
        .len();
    if !prefix && size > document_limit {
        return Err(format!(
            "the file is {} MB, over the {} MB baocao reads for this kind of file",
            size.div_ceil(1024 * 1024),
            document_limit / (1024 * 1024)
        ));
    }
    let limit = if prefix { text_limit } else { document_limit };
    let mut bytes = Vec::with_capacity(size.min(limit) as usize);
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if prefix && size > limit {
        cut_at_line_end(&mut bytes);
    }
    let read = bytes.len() as u64;
    Ok((bytes, size.max(read)))
}

/// Shortens a prefix to its last line break (or, without one in the last 64 KB, to a
/// character boundary), so that no character or line is cut in half.
fn cut_at_line_end(bytes: &mut Vec<u8>) {
    let tail = bytes.len().saturating_sub(64 * 1024);
    if let Some(p) = memchr::memrchr(b'\n', &bytes[tail..]) {
        // UTF-16 text keeps whole code units: the line break's second byte stays.
        let end = tail + p + 1;
        let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
        bytes.truncate(if utf16 && end % 2 == 1 { end + 1 } else { end }.min(bytes.len()));
        return;
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        // UTF-16 without a line break near the end: whole code units.
        bytes.truncate(bytes.len() & !1);
        return;
    }
    // The last character's first byte, and whether all its bytes are there.
    let n = bytes.len();
    if let Some(k) = (n.saturating_sub(4)..n)
        .rev()
        .find(|&k| bytes[k] & 0xC0 != 0x80)
    {
        let len = match bytes[k] {
            b if b < 0x80 => 1,
            b if b >= 0xF0 => 4,
            b if b >= 0xE0 => 3,
            _ => 2,
        };
        if k + len > n {
            bytes.truncate(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn very_large_text_is_read_in_part_up_to_a_line_end() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, "Quận Ô Môn có 433 ca.\n".repeat(100)).unwrap();
        let (bytes, size) = read_within(&p, true, 1000, 5000).unwrap();
        assert_eq!(size, "Quận Ô Môn có 433 ca.\n".len() as u64 * 100);
        let text = std::str::from_utf8(&bytes).unwrap();
        assert!(text.ends_with("433 ca.\n") && text.len() <= 1000, "{text}");
        let err = read_within(&p, false, 1000, 2000).unwrap_err();
        assert!(err.contains("MB"), "{err}");
        for (cut, kept) in [(7, "ầầ"), (6, "ầầ"), (5, "ầ")] {
            let mut b = "ầ".repeat(10).into_bytes();
            b.truncate(cut);
            cut_at_line_end(&mut b);
            assert_eq!(std::str::from_utf8(&b).unwrap(), kept);
        }
    }

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
