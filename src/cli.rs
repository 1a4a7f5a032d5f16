//! The command line: `baocao extract FOLDER [--format jsonl|json|csv] [--out FILE] [--mentions]`.
//!
//! Results go to standard output or `--out`; progress and warnings go to standard error only,
//! so that output can be piped. The exit status is 0 when the folder was read, even if some
//! files were skipped (each one is named with its reason).

use crate::extract::Extractor;
use crate::io::records::{ExtractFormat, Extracted, write_all};
use crate::pipeline;
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "baocao",
    version = crate::version(),
    about = "Turns folders of Vietnamese district reports into reviewed, per-district datasets.",
    long_about = "Turns folders of Vietnamese district reports into reviewed, per-district datasets.\n\nWithout a command, opens the desktop app (on PATH when given: a folder of reports, a report or a .ron session).",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A folder of reports, a report or a .ron session to open in the app.
    pub path: Option<PathBuf>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract facts from every report in a folder and print them.
    Extract {
        /// Folder of reports (.txt, .md), read recursively; a single file also works.
        folder: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExtractFormat,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also write every date and place mention.
        #[arg(long)]
        mentions: bool,
        /// Do not print progress.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Open the desktop app on a folder of reports, a report or a .ron session.
    Open {
        /// What to open.
        path: PathBuf,
    },
    /// Export the annotated dataset: from a session (reviews applied) or a folder of reports
    /// (machine facts as extracted).
    Export {
        /// A .ron session file, or a folder of reports.
        source: PathBuf,
        /// Output format.
        #[arg(long, value_enum)]
        format: crate::export::ExportFormat,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
        /// Only facts a reviewer accepted (rejected facts are otherwise kept in tabular
        /// formats, marked, and always left out of span formats).
        #[arg(long)]
        only_reviewed: bool,
        /// Do not print progress.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Check a session file, or rewrite it in this version's format.
    Session {
        #[command(subcommand)]
        action: SessionAction,
    },
    /// Write a scale corpus of generated reports with their known answers (for benchmarks).
    #[command(hide = true)]
    Generate {
        /// Folder to create: reports go to OUT/reports, answers to OUT/gold.jsonl.
        out: PathBuf,
        /// How many reports.
        #[arg(long, default_value_t = 10_000)]
        reports: usize,
        /// Seed: the same seed writes the same corpus.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Time each stage of extraction over a folder, on one thread (for optimising).
    #[command(hide = true)]
    Stages {
        /// A folder of .txt reports.
        folder: PathBuf,
    },
    /// Open a folder as the app does and report the time of each step and the peak memory
    /// (for BENCHMARKS.md).
    #[command(hide = true)]
    MeasureOpen {
        /// A folder of reports.
        folder: PathBuf,
    },
    /// Print every stage of extraction for one file (for writing rules).
    #[command(hide = true)]
    Debug {
        /// A report file.
        file: PathBuf,
    },
}

/// What `baocao session` does.
#[derive(Debug, Subcommand)]
pub enum SessionAction {
    /// Read a session and print what it holds (exit status 1 if it cannot be read).
    Check {
        /// The session file.
        file: PathBuf,
    },
    /// Rewrite a session in the current format (atomically: the old file stays whole until
    /// the new one is complete).
    Upgrade {
        /// The session file.
        file: PathBuf,
        /// Testing hook: once the temporary file is complete, create this marker file and
        /// wait before renaming (a test kills the process there).
        #[arg(long, hide = true)]
        pause_before_rename: Option<PathBuf>,
    },
}

/// Runs `baocao session check|upgrade`.
pub fn run_session(action: &SessionAction) -> anyhow::Result<()> {
    use crate::session::SessionFile;
    match action {
        SessionAction::Check { file } => {
            let s = SessionFile::load(file)?;
            let corpus = s.corpus_path(file);
            println!("{}", file.display());
            println!("  format        {}", s.format);
            println!(
                "  corpus        {} ({})",
                corpus.display(),
                if corpus.is_dir() {
                    "found"
                } else {
                    "NOT FOUND"
                }
            );
            println!("  reports       {}", s.articles.len());
            println!("  reviews       {}", s.overlay.reviews.len());
            println!("  added facts   {}", s.overlay.manual.len());
            println!("  report notes  {}", s.overlay.articles.len());
            Ok(())
        }
        SessionAction::Upgrade {
            file,
            pause_before_rename,
        } => {
            let s = SessionFile::load(file)?;
            let text = s.to_ron();
            crate::session::save_atomic(file, text.as_bytes(), |tmp| {
                if let Some(marker) = pause_before_rename {
                    std::fs::write(marker, tmp.to_string_lossy().as_bytes())?;
                    std::thread::sleep(std::time::Duration::from_secs(60));
                }
                Ok(())
            })?;
            eprintln!(
                "baocao: {} rewritten in format {}",
                file.display(),
                s.format
            );
            Ok(())
        }
    }
}

/// What a batch command needs: the extractor, the readers, a cancel flag that is never set,
/// and whether to draw progress (standard error is a terminal and `--quiet` was not given).
struct Batch {
    extractor: Extractor,
    readers: Vec<Box<dyn crate::io::corpus::Reader>>,
    cancel: AtomicBool,
    show: bool,
}

impl Batch {
    fn new(quiet: bool) -> anyhow::Result<Batch> {
        Ok(Batch {
            extractor: Extractor::bundled()
                .context("loading the bundled catalogue and gazetteer")?,
            readers: pipeline::readers(),
            cancel: AtomicBool::new(false),
            show: !quiet && std::io::stderr().is_terminal(),
        })
    }
}

/// One progress line on standard error, redrawn in place.
fn show_progress(show: bool, p: &pipeline::Progress) {
    if show {
        eprint!("\r\x1b[2K[{}/{}] {}", p.done, p.total, p.current);
    }
}

/// Runs the hidden `baocao stages`: each stage of extraction timed over a folder read into
/// memory first, on the calling thread.
pub fn run_stages(folder: &std::path::Path) -> anyhow::Result<()> {
    use crate::extract::{classify, doc::Doc, meta, numbers, places};
    use std::time::Instant;
    let ex = Extractor::bundled()?;
    let mut texts = Vec::new();
    for e in std::fs::read_dir(folder)? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "txt") {
            texts.push(std::fs::read_to_string(p)?);
        }
    }
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    // The best of three runs: the machine is shared and noisy.
    let time = |name: &str, f: &dyn Fn(&str)| {
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let t = Instant::now();
            for s in &texts {
                f(s);
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!("{name:<34} {best:>7.3} s {:>8.1} MB/s", mb / best);
    };
    println!("{} files, {mb:.1} MB", texts.len());
    time("decode (UTF-8, NFC)", &|s| {
        std::hint::black_box(crate::io::decode::decode(s.as_bytes()).ok());
    });
    time("tokenize", &|s| {
        std::hint::black_box(crate::text::tokenize(s));
    });
    time("doc (+layout, dates, phrase hits)", &|s| {
        std::hint::black_box(Doc::new(s, &ex.catalogue));
    });
    time("doc + quantities", &|s| {
        let d = Doc::new(s, &ex.catalogue);
        std::hint::black_box(numbers::quantities(&d, &ex.catalogue));
    });
    time("doc + places", &|s| {
        let d = Doc::new(s, &ex.catalogue);
        std::hint::black_box(places::find(&d, &ex.gazetteer));
    });
    time("doc + quantities + places + classify", &|s| {
        let d = Doc::new(s, &ex.catalogue);
        let q = numbers::quantities(&d, &ex.catalogue);
        let p = places::find(&d, &ex.gazetteer);
        let _ = meta::published(&d);
        std::hint::black_box(classify::classify(&d, &ex.catalogue, &q, &p));
    });
    time("extract (everything)", &|s| {
        std::hint::black_box(ex.extract(s));
    });
    Ok(())
}

/// Runs the hidden `baocao measure-open`: what the app does between dropping a folder and an
/// interactive table (the loader thread's read and extraction on all cores, the dataset, the
/// workspace, the table's first view and filter choices), timed step by step, then the peak
/// resident memory against issue 5's budget (4 × the text + 300 MB).
pub fn run_measure_open(folder: &std::path::Path) -> anyhow::Result<()> {
    use crate::dataset::{Dataset, Filter, Sort};
    use crate::workspace::{Source, Workspace};
    use std::time::Instant;
    let ex = Extractor::bundled()?;
    let readers = pipeline::readers();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let t0 = Instant::now();
    let r = pipeline::extract_folder(folder, &ex, &readers, &|_| {}, &cancel);
    let t_extract = t0.elapsed().as_secs_f64();
    let text: usize = r.articles.iter().map(|a| a.file.text.len()).sum();
    let files = r.articles.len();
    let t1 = Instant::now();
    let ds = Dataset::new(folder.to_path_buf(), r.articles, r.skipped);
    let t_dataset = t1.elapsed().as_secs_f64();
    let t2 = Instant::now();
    let ws = Workspace::new(
        ds,
        Source {
            root: folder.to_path_buf(),
            files: None,
        },
    );
    let view = ws.dataset.view(&Filter::default(), Sort::default());
    let provinces = ws.dataset.provinces();
    let t_view = t2.elapsed().as_secs_f64();
    let total = t0.elapsed().as_secs_f64();
    let mb = text as f64 / 1e6;
    println!(
        "{files} reports, {mb:.1} MB of text, {} facts, {} provinces",
        view.len(),
        provinces.len()
    );
    println!(
        "read + decode + extract ({} threads) {t_extract:>7.3} s  {:.1} MB/s",
        rayon::current_num_threads(),
        mb / t_extract
    );
    println!("dataset (keys, rows)              {t_dataset:>7.3} s");
    println!("workspace + table view + choices  {t_view:>7.3} s");
    println!("interactive after                 {total:>7.3} s");
    if let Some(peak) = peak_rss_mb() {
        let budget = 4.0 * mb + 300.0;
        println!(
            "peak resident memory              {peak:>7.0} MB (budget 4 × text + 300 = {budget:.0} MB)"
        );
    }
    Ok(())
}

/// Peak resident memory of this process so far, in MB (Linux only).
pub fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Runs the hidden `baocao generate`.
pub fn run_generate(out: &std::path::Path, reports: usize, seed: u64) -> anyhow::Result<()> {
    let g = crate::extract::gazetteer::Gazetteer::bundled()?;
    let started = std::time::Instant::now();
    let (bytes, facts) = crate::generate::write_corpus(
        &g,
        &out.join("reports"),
        &out.join("gold.jsonl"),
        reports,
        seed,
    )
    .with_context(|| format!("{}: cannot write the corpus", out.display()))?;
    eprintln!(
        "baocao: {reports} reports ({:.1} MB of text), {facts} facts, in {:.1} s",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Runs `baocao export`.
pub fn run_export(
    source: &std::path::Path,
    format: crate::export::ExportFormat,
    out: &std::path::Path,
    only_reviewed: bool,
    quiet: bool,
) -> anyhow::Result<()> {
    use crate::session::SessionFile;
    use crate::workspace::{Source, Workspace};
    let Batch {
        extractor,
        readers,
        cancel,
        show,
    } = Batch::new(quiet)?;
    let progress = |p: pipeline::Progress| show_progress(show, &p);
    let is_session = source
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
        && source.is_file();
    let ws = if is_session {
        let s = SessionFile::load(source)?;
        let root = s.corpus_path(source);
        if !root.is_dir() {
            anyhow::bail!(
                "{}: the session's reports folder {} was not found",
                source.display(),
                root.display()
            );
        }
        let r = match &s.files {
            Some(f) => pipeline::extract_files(&root, f, &extractor, &readers, &progress, &cancel),
            None => pipeline::extract_folder(&root, &extractor, &readers, &progress, &cancel),
        };
        let ds = crate::dataset::Dataset::new(root.clone(), r.articles, r.skipped);
        let src = Source {
            root,
            files: s.files.clone(),
        };
        let (ws, report) = Workspace::from_session(ds, src, &s, Some(source.to_path_buf()));
        for c in &report.changed {
            eprintln!(
                "warning: {c} changed since the session was saved; its reviews follow their evidence into the new text"
            );
        }
        if report.reanchored > 0 {
            eprintln!(
                "note: {} reviews and hand-added facts found their evidence again",
                report.reanchored
            );
        }
        for (path, o) in &report.orphans {
            eprintln!(
                "warning: {path}: a review no longer finds its evidence \"{}\"{}; it is kept in the session, unattached",
                o.evidence,
                if o.note.is_empty() {
                    String::new()
                } else {
                    format!(" (note: \"{}\")", o.note)
                }
            );
        }
        for m in &report.missing {
            eprintln!("warning: {m} is no longer in the folder");
        }
        ws
    } else if source.exists() {
        let r = pipeline::extract_folder(source, &extractor, &readers, &progress, &cancel);
        let ds = crate::dataset::Dataset::new(source.to_path_buf(), r.articles, r.skipped);
        Workspace::new(
            ds,
            Source {
                root: source.to_path_buf(),
                files: None,
            },
        )
    } else {
        anyhow::bail!("{}: no such session, file or folder", source.display());
    };
    if show {
        eprint!("\r\x1b[2K");
    }
    for s in &ws.dataset.skipped {
        eprintln!("warning: skipped {}: {}", s.rel, s.reason);
    }
    let summary = crate::export::export(
        &ws.dataset,
        &ws.overlay,
        &extractor,
        format,
        only_reviewed,
        out,
    )?;
    if !quiet {
        eprintln!(
            "baocao: {} facts from {} reports written to {} ({} bytes)",
            summary.facts,
            summary.articles,
            out.display(),
            summary.bytes
        );
    }
    Ok(())
}

/// Runs `baocao extract`.
pub fn run_extract(
    folder: &std::path::Path,
    format: ExtractFormat,
    out: Option<&std::path::Path>,
    mentions: bool,
    quiet: bool,
) -> anyhow::Result<()> {
    if !folder.exists() {
        anyhow::bail!("{}: no such file or folder", folder.display());
    }
    let Batch {
        extractor,
        readers,
        cancel,
        show,
    } = Batch::new(quiet)?;
    let progress = |p: pipeline::Progress| show_progress(show, &p);
    let started = std::time::Instant::now();
    let result = pipeline::extract_folder(folder, &extractor, &readers, &progress, &cancel);
    if show {
        eprint!("\r\x1b[2K");
    }
    for s in &result.skipped {
        eprintln!("warning: skipped {}: {}", s.rel, s.reason);
    }
    for a in &result.articles {
        if let Some(n) = &a.file.note {
            eprintln!("warning: {}: {}", a.file.rel, n);
        }
    }
    // The same text under two names is written once; the copy is named with the original.
    let mut first: std::collections::HashMap<blake3::Hash, &str> = Default::default();
    let mut items: Vec<Extracted<'_>> = Vec::with_capacity(result.articles.len());
    for a in &result.articles {
        let rel = a.file.rel.as_str();
        match first.entry(blake3::hash(a.file.text.as_bytes())) {
            std::collections::hash_map::Entry::Occupied(o) => {
                eprintln!(
                    "warning: skipped {rel}: the same text as {} (shown once)",
                    o.get()
                );
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(rel);
                items.push(Extracted {
                    file: rel,
                    extraction: &a.extraction,
                });
            }
        }
    }
    match out {
        Some(p) => {
            // Written whole, then renamed over the target: an interrupted run leaves the old
            // file, never half a dataset.
            let mut bytes = Vec::new();
            write_all(&mut bytes, format, &items, mentions)
                .with_context(|| format!("{}: cannot write", p.display()))?;
            crate::session::save_atomic(p, &bytes, |_| Ok(()))
                .with_context(|| format!("{}: cannot write the output file", p.display()))?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            match write_all(&mut w, format, &items, mentions).and_then(|_| w.flush()) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                Err(e) => return Err(e).context("writing to standard output"),
            }
        }
    }
    if !quiet {
        let facts: usize = result
            .articles
            .iter()
            .map(|a| a.extraction.facts.len())
            .sum();
        eprintln!(
            "baocao: {} files read, {} skipped, {} facts in {:.2} s",
            result.articles.len(),
            result.skipped.len(),
            facts,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Runs the hidden `baocao debug FILE`.
pub fn run_debug(file: &std::path::Path) -> anyhow::Result<()> {
    let bytes =
        std::fs::read(file).with_context(|| format!("{}: cannot be read", file.display()))?;
    let text = crate::io::decode::decode(&bytes)
        .with_context(|| format!("{}: cannot be decoded", file.display()))?
        .text;
    let ex = Extractor::bundled()?;
    print!("{}", crate::extract::trace(&ex, &text));
    Ok(())
}
