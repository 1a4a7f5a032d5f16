//! Sessions: a reviewer's work saved as a RON file that a person can read.
//!
//! A session holds the format version, the corpus folder (relative to the session file when
//! possible, so a folder moved together with its session still opens), each article's
//! relative path and content hash, the review overlay (decisions, manual facts, notes, tags)
//! and the view worth keeping (filters, selection). It never holds the reports' text or the
//! machine facts: those are read and extracted again, and the overlay attaches by key.
//!
//! Saving writes a temporary file beside the target, flushes it to disk and renames it over
//! the target: a crash at any point leaves either the old file or the new one, never half.

use crate::dataset::{Filter, Sort};
use crate::review::{ArticleId, Overlay};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// The session format this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// An article the session knows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRef {
    /// Path relative to the corpus folder, '/' separated.
    pub path: String,
    /// Content hash when the session was saved.
    pub hash: ArticleId,
}

/// View state worth keeping between sessions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ViewState {
    #[serde(default)]
    pub filter: Filter,
    #[serde(default)]
    pub sort: Sort,
    /// Selected article (relative path).
    #[serde(default)]
    pub article: Option<String>,
    /// Selected fact (its key, or `manual:N`).
    #[serde(default)]
    pub fact: Option<String>,
}

/// The session file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionFile {
    /// Format version; files of a newer version are refused, older ones migrated.
    pub format: u32,
    /// The corpus folder: relative to the session file's folder when possible.
    pub corpus: String,
    /// When the session was made from chosen files rather than a whole folder: those files
    /// (relative paths); `None` reads every report in the folder, new ones included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<String>>,
    #[serde(default)]
    pub articles: Vec<ArticleRef>,
    #[serde(default)]
    pub overlay: Overlay,
    #[serde(default)]
    pub view: ViewState,
    /// In an autosaved recovery file: the session it is the unsaved state of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery_of: Option<String>,
}

/// Why a session could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("{path}: cannot be read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a valid session (line {line}, column {column}): {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}: written by a newer baocao (session format {found}, this version reads up to {supported}); update baocao to open it"
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path}: {reason}")]
    Invalid { path: PathBuf, reason: String },
    #[error("{path}: cannot be saved: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl SessionFile {
    /// A session for a corpus folder, to be saved at `session_path`.
    pub fn new(corpus: &Path, session_path: &Path) -> SessionFile {
        SessionFile {
            format: FORMAT_VERSION,
            corpus: corpus_ref(corpus, session_path),
            files: None,
            articles: Vec::new(),
            overlay: Overlay::default(),
            view: ViewState::default(),
            recovery_of: None,
        }
    }

    /// The corpus folder as an absolute path, given where the session file is.
    pub fn corpus_path(&self, session_path: &Path) -> PathBuf {
        let p = PathBuf::from(&self.corpus);
        if p.is_absolute() {
            return p;
        }
        let base = session_path.parent().unwrap_or(Path::new("."));
        normalize(&base.join(p))
    }

    /// The text of the file (pretty RON, with a header comment).
    pub fn to_ron(&self) -> String {
        let cfg = ron::ser::PrettyConfig::new()
            .depth_limit(8)
            .indentor("  ".to_owned())
            .struct_names(false);
        let body = ron::ser::to_string_pretty(self, cfg).unwrap_or_default();
        format!(
            "// baocao session (format {FORMAT_VERSION}). Reviews, notes and tags on the reports in `corpus`.\n\
             // Edit with care: baocao reads this file back exactly.\n{body}\n"
        )
    }

    /// Parses a session file's text, migrating older formats.
    pub fn from_ron(text: &str, path: &Path) -> Result<SessionFile, SessionError> {
        // Read the version first, leniently, so that a newer file gets the right message.
        let opts = ron::Options::default();
        if let Ok(v) = opts.from_str::<VersionOnly>(text)
            && v.format > FORMAT_VERSION
        {
            return Err(SessionError::TooNew {
                path: path.to_path_buf(),
                found: v.format,
                supported: FORMAT_VERSION,
            });
        }
        let mut s: SessionFile = opts.from_str(text).map_err(|e| SessionError::Parse {
            path: path.to_path_buf(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
        if s.format > FORMAT_VERSION {
            return Err(SessionError::TooNew {
                path: path.to_path_buf(),
                found: s.format,
                supported: FORMAT_VERSION,
            });
        }
        // A session names report files inside its folder: a path that leaves it (absolute,
        // or with "..") would make baocao read files the user never chose.
        if let Some(bad) = s
            .files
            .iter()
            .flatten()
            .chain(s.articles.iter().map(|a| &a.path))
            .find(|f| {
                let p = Path::new(f.as_str());
                p.is_absolute()
                    || f.starts_with('/')
                    || f.starts_with('\\')
                    || p.components().any(|c| {
                        matches!(
                            c,
                            std::path::Component::ParentDir | std::path::Component::Prefix(_)
                        )
                    })
            })
        {
            return Err(SessionError::Invalid {
                path: path.to_path_buf(),
                reason: format!(
                    "the report path \"{bad}\" leaves the session's folder; baocao reads only files inside it"
                ),
            });
        }
        // Numbers a hand-edited file may hold that no form can type: a value that is not a
        // number is refused (naming the fact); a filter threshold out of range is reset.
        let bad_value = |v: &crate::model::Value| match *v {
            crate::model::Value::Exact(x) => !x.is_finite(),
            crate::model::Value::Range { min, max } => !(min.is_finite() && max.is_finite()),
        };
        if let Some(k) = s
            .overlay
            .reviews
            .iter()
            .find(|(_, r)| r.value.as_ref().is_some_and(bad_value))
            .map(|(k, _)| k.to_string())
            .or_else(|| {
                s.overlay
                    .manual
                    .values()
                    .find(|m| bad_value(&m.value))
                    .map(|m| format!("manual:{}", m.id))
            })
        {
            return Err(SessionError::Invalid {
                path: path.to_path_buf(),
                reason: format!("the value of fact {k} is not a number"),
            });
        }
        let c = s.view.filter.min_confidence;
        s.view.filter.min_confidence = if c.is_finite() {
            c.clamp(0.0, 1.0)
        } else {
            0.0
        };
        migrate(&mut s);
        Ok(s)
    }

    /// Reads a session file.
    pub fn load(path: &Path) -> Result<SessionFile, SessionError> {
        let bytes = std::fs::read(path).map_err(|e| SessionError::Read {
            path: path.to_path_buf(),
            source: e,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| SessionError::Parse {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: format!(
                "not UTF-8 text (bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        })?;
        SessionFile::from_ron(&text, path)
    }

    /// Saves atomically (temporary file, flush, rename).
    pub fn save(&self, path: &Path) -> Result<(), SessionError> {
        save_atomic(path, self.to_ron().as_bytes(), |_| Ok(()))
    }
}

/// Only the version, read with every other field ignored.
#[derive(Deserialize)]
struct VersionOnly {
    format: u32,
}

/// Brings an older session up to the current format.
fn migrate(s: &mut SessionFile) {
    // Format 1 is the first; later versions add their steps here, oldest first.
    s.format = FORMAT_VERSION;
}

/// Writes `bytes` to `path` atomically. `before_rename` runs after the temporary file is
/// complete and synced, just before the rename (tests use it to stop there).
pub fn save_atomic(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce(&Path) -> std::io::Result<()>,
) -> Result<(), SessionError> {
    let err = |e: std::io::Error| SessionError::Write {
        path: path.to_path_buf(),
        source: e,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "session.ron".into());
    // One temporary file per save: two saves running at once (two quick Ctrl+S, two windows)
    // never write into the same one.
    static SAVES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = SAVES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        before_rename(&tmp)?;
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable where the platform allows syncing a directory.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        remove_stale_temporaries(dir, &name);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(err)
}

/// Removes temporary files that a crashed save of the same file left behind: those of a
/// process that is gone (where the system says so), or older than an hour. A save still
/// running, in this process or another, keeps its file.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let hour = std::time::Duration::from_secs(3600);
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = n.strip_prefix(&prefix).filter(|r| r.ends_with(".tmp")) else {
            continue;
        };
        let pid: Option<u32> = rest.split('.').next().and_then(|p| p.parse().ok());
        let writer_gone = pid.is_some_and(|p| p != std::process::id() && !process_alive(p));
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > hour);
        if writer_gone || old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Whether a process is running, where the system can tell (Linux); elsewhere assumed alive.
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// The corpus folder as the session should record it: relative to the session file's folder
/// when both are on the same root, else absolute.
pub fn corpus_ref(corpus: &Path, session_path: &Path) -> String {
    let corpus = absolute(corpus);
    let base = absolute(session_path.parent().unwrap_or(Path::new(".")));
    match relative_path(&corpus, &base) {
        Some(r) => {
            let s = r.to_string_lossy().replace('\\', "/");
            if s.is_empty() { ".".to_owned() } else { s }
        }
        None => corpus.to_string_lossy().into_owned(),
    }
}

fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        normalize(p)
    } else {
        normalize(&std::env::current_dir().unwrap_or_default().join(p))
    }
}

/// Removes `.` and resolves `..` lexically.
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `target` relative to `base` (both absolute and normalized), when they share a root.
pub fn relative_path(target: &Path, base: &Path) -> Option<PathBuf> {
    let t: Vec<Component> = target.components().collect();
    let b: Vec<Component> = base.components().collect();
    if t.first() != b.first() {
        return None;
    }
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c.as_os_str());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PartialDate, Place, Value};
    use crate::review::{ArticleNote, FactKey, ManualFact, Review, Status};

    fn sample_session() -> SessionFile {
        let mut s = SessionFile::new(
            Path::new("/data/reports"),
            Path::new("/data/work/review.ron"),
        );
        s.articles.push(ArticleRef {
            path: "a/000.txt".into(),
            hash: ArticleId("0123456789abcdef".into()),
        });
        let key = FactKey {
            article: ArticleId("0123456789abcdef".into()),
            start: 10,
            end: 13,
            ordinal: 0,
        };
        s.overlay.reviews.insert(
            key,
            Review {
                status: Status::Accepted,
                value: Some(Value::Exact(434.0)),
                place: Some(Place {
                    district: Some("Ô Môn".into()),
                    province: Some("Cần Thơ".into()),
                }),
                as_of: Some(Some(PartialDate {
                    year: Some(2021),
                    month: 9,
                    day: 23,
                })),
                note: "sửa theo bản tin".into(),
                tags: vec!["kiểm tra".into()],
                evidence: "433 ca".into(),
                ..Review::default()
            },
        );
        s.overlay.manual.insert(
            1,
            ManualFact {
                id: 1,
                article: ArticleId("0123456789abcdef".into()),
                metric: "deaths".into(),
                value: Value::Range { min: 1.0, max: 2.0 },
                unit: "cases".into(),
                place: Place::default(),
                as_of: Some(PartialDate {
                    year: None,
                    month: 9,
                    day: 23,
                }),
                span: Some((5, 9)),
                evidence: "1-2 ca".into(),
                status: Status::Accepted,
                note: String::new(),
                tags: Vec::new(),
            },
        );
        s.overlay.articles.insert(
            ArticleId("0123456789abcdef".into()),
            ArticleNote {
                note: "bài phỏng vấn".into(),
                tags: vec!["Cần Thơ".into()],
            },
        );
        s.view.filter.province = Some("Cần Thơ".into());
        s.view.fact = Some("0123456789abcdef:10-13".into());
        s
    }

    #[test]
    fn round_trip_is_exact_and_readable() {
        let s = sample_session();
        let text = s.to_ron();
        assert!(text.contains("corpus: \"../reports\""), "{text}");
        assert!(text.contains("\"0123456789abcdef:10-13\""));
        assert!(
            text.contains("sửa theo bản tin"),
            "Vietnamese is written as is, not escaped"
        );
        assert!(text.lines().count() > 20, "pretty-printed");
        let back = SessionFile::from_ron(&text, Path::new("x.ron")).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn save_and_load_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("review.ron");
        let s = sample_session();
        s.save(&p).unwrap();
        assert_eq!(SessionFile::load(&p).unwrap(), s);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn corpus_path_is_relative_to_the_session_file() {
        let s = SessionFile::new(
            Path::new("/data/reports"),
            Path::new("/data/work/review.ron"),
        );
        assert_eq!(s.corpus, "../reports");
        assert_eq!(
            s.corpus_path(Path::new("/elsewhere/work/review.ron")),
            PathBuf::from("/elsewhere/reports")
        );
        let same = SessionFile::new(Path::new("/data/work"), Path::new("/data/work/review.ron"));
        assert_eq!(same.corpus, ".");
        assert_eq!(
            same.corpus_path(Path::new("/data/work/review.ron")),
            PathBuf::from("/data/work")
        );
    }

    #[test]
    fn report_paths_that_leave_the_folder_are_refused() {
        let p = Path::new("/w/s.ron");
        for bad in ["/etc/passwd", "../secret.txt", "a/../../b.txt"] {
            let mut s = SessionFile::new(Path::new("/w/reports"), p);
            s.files = Some(vec!["ok.txt".into(), bad.into()]);
            let err = SessionFile::from_ron(&s.to_ron(), p)
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("leaves the session's folder") && err.contains(bad),
                "{err}"
            );
        }
        let mut s = SessionFile::new(Path::new("/w/reports"), p);
        s.files = Some(vec!["sub/ok.txt".into()]);
        assert!(SessionFile::from_ron(&s.to_ron(), p).is_ok());
    }

    #[test]
    fn numbers_no_form_can_type_are_refused_or_reset() {
        let p = Path::new("/w/s.ron");
        let s = SessionFile::new(Path::new("/w/reports"), p);
        let text = s
            .to_ron()
            .replace("min_confidence: 0.0", "min_confidence: NaN");
        assert!(text.contains("NaN"), "{text}");
        let loaded = SessionFile::from_ron(&text, p).unwrap();
        assert_eq!(loaded.view.filter.min_confidence, 0.0);
        assert_eq!(SessionFile::from_ron(&loaded.to_ron(), p).unwrap(), loaded);
    }

    #[test]
    fn saves_running_at_once_each_write_a_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let (a, b) = ("a".repeat(200_000), "b".repeat(300_000));
        std::thread::scope(|sc| {
            for body in [&a, &b] {
                let path = &path;
                sc.spawn(move || {
                    for _ in 0..20 {
                        save_atomic(path, body.as_bytes(), |_| Ok(())).unwrap();
                    }
                });
            }
        });
        let last = std::fs::read_to_string(&path).unwrap();
        assert!(last == a || last == b, "a mixed or cut file");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_failure_before_the_rename_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("review.ron");
        let old = sample_session();
        old.save(&p).unwrap();
        let mut new = old.clone();
        new.overlay.reviews.clear();
        let r = save_atomic(&p, new.to_ron().as_bytes(), |_| {
            Err(std::io::Error::other("killed"))
        });
        assert!(r.is_err());
        assert_eq!(SessionFile::load(&p).unwrap(), old);
    }

    #[test]
    fn damaged_and_newer_files_get_clear_messages() {
        let text = sample_session().to_ron();
        let cut = &text[..text.len() / 2];
        match SessionFile::from_ron(cut, Path::new("cut.ron")) {
            Err(e @ SessionError::Parse { .. }) => {
                let m = e.to_string();
                assert!(m.contains("cut.ron") && m.contains("line"), "{m}");
            }
            other => panic!("{other:?}"),
        }
        let newer = text.replace("format: 1", "format: 99");
        match SessionFile::from_ron(&newer, Path::new("new.ron")) {
            Err(e @ SessionError::TooNew { .. }) => assert!(e.to_string().contains("newer")),
            other => panic!("{other:?}"),
        }
    }
}
