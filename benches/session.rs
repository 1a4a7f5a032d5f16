//! Saving and loading a session with 100,000 facts and 20,000 reviews.
//!
//! Save: the workspace to a session and an atomic write (temporary file, sync, rename).
//! Load: read and parse the RON, then attach its reviews to the freshly read corpus (the
//! corpus read itself is the `open_folder` bench).
//! `cargo bench --bench session` (see BENCHMARKS.md).

// A bench that cannot set up has nothing to measure: failing loudly is right here.
#![allow(clippy::expect_used)]

mod common;

use baocao::session::{SessionFile, ViewState};
use baocao::workspace::{Source, Workspace};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let ex = common::extractor();
    let ds = common::big_dataset(&ex, common::facts());
    let mut ws = Workspace::new(
        ds.clone(),
        Source {
            root: "generated".into(),
            files: None,
        },
    );
    let reviews = 20_000;
    common::review_rows(&mut ws, reviews);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("big.ron");
    let save = |ws: &Workspace| {
        let s = ws.to_session(&path, ViewState::default());
        s.save(&path).expect("the session is saved");
    };
    save(&ws);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "session: {} facts, {} reviews, {:.1} MB on disk",
        ws.dataset.rows.len(),
        ws.overlay.reviews.len(),
        size as f64 / 1e6
    );
    let mut g = c.benchmark_group("session");
    g.sample_size(10);
    g.bench_function("save", |b| b.iter(|| save(black_box(&ws))));
    g.bench_function("load", |b| {
        b.iter_batched(
            || ds.clone(),
            |fresh| {
                let s = SessionFile::load(&path).expect("the session loads");
                let (ws, report) = Workspace::from_session(
                    fresh,
                    Source {
                        root: "generated".into(),
                        files: None,
                    },
                    &s,
                    Some(path.clone()),
                );
                assert!(report.changed.is_empty() && report.missing.is_empty());
                black_box(ws)
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
