//! Opening a folder of N generated reports as the app does: walk, read, decode, extract (all
//! cores), build the dataset and the workspace, then the table's first view (filter + sort)
//! and the filter choices. At the end of this the table is interactive.
//!
//! The folder is written once to a temporary directory; the OS page cache holds it after the
//! first read, as it does for a user who opens a folder they just copied.
//! `cargo bench --bench open_folder` (see BENCHMARKS.md).

// A bench that cannot set up has nothing to measure: failing loudly is right here.
#![allow(clippy::expect_used)]

mod common;

use baocao::dataset::{Filter, Sort};
use baocao::pipeline;
use baocao::workspace::{Source, Workspace};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::sync::atomic::AtomicBool;

fn bench(c: &mut Criterion) {
    let ex = common::extractor();
    let n = common::reports();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let gold = dir.path().join("gold.jsonl");
    let reports = dir.path().join("reports");
    let (bytes, _) =
        baocao::generate::write_corpus(&ex.gazetteer, &reports, &gold, n, common::SEED)
            .expect("the generated corpus is written");
    let readers = pipeline::readers();
    let open = || {
        let cancel = AtomicBool::new(false);
        let r = pipeline::extract_folder(&reports, &ex, &readers, &|_| {}, &cancel);
        let ds = baocao::dataset::Dataset::new(reports.clone(), r.articles, r.skipped);
        let ws = Workspace::new(
            ds,
            Source {
                root: reports.clone(),
                files: None,
            },
        );
        let view = ws.dataset.view(&Filter::default(), Sort::default());
        let provinces = ws.dataset.provinces();
        black_box((view.len(), provinces.len()));
        ws
    };
    let mut g = c.benchmark_group("open");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("folder-{n}"), |b| b.iter(|| black_box(open())));
    g.finish();
    if let Some(mb) = common::peak_rss_mb() {
        eprintln!(
            "open: corpus {:.1} MB of text, peak resident memory of the bench process {mb:.0} MB",
            bytes as f64 / 1e6
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
