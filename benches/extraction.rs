//! Extraction throughput in MB/s of text: the bundled sample and N generated reports, on one
//! thread and on all cores. Text is in memory: this measures extraction, not the disk.
//!
//! `cargo bench --bench extraction` (see BENCHMARKS.md).

// A bench that cannot set up has nothing to measure: failing loudly is right here.
#![allow(clippy::expect_used)]

mod common;

use baocao::generate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use std::hint::black_box;

fn sample_texts() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .expect("assets/sample is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v.iter()
        .map(|p| std::fs::read_to_string(p).expect("a sample report is UTF-8"))
        .collect()
}

fn bench(c: &mut Criterion) {
    let ex = common::extractor();
    let sample = sample_texts();
    let sample_bytes: usize = sample.iter().map(String::len).sum();
    let n = common::reports();
    let generated: Vec<String> = generate::texts(&ex.gazetteer, n, common::SEED)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    let gen_bytes: usize = generated.iter().map(String::len).sum();
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");

    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(sample_bytes as u64));
    g.bench_function("sample/1-thread", |b| {
        b.iter(|| {
            for t in &sample {
                black_box(ex.extract(black_box(t)));
            }
        })
    });
    g.sample_size(10);
    g.throughput(Throughput::Bytes(gen_bytes as u64));
    g.bench_function(format!("generated-{n}/1-thread"), |b| {
        b.iter(|| {
            one.install(|| {
                generated.par_iter().for_each(|t| {
                    black_box(ex.extract(t));
                })
            })
        })
    });
    g.bench_function(format!("generated-{n}/all-cores"), |b| {
        b.iter(|| {
            generated.par_iter().for_each(|t| {
                black_box(ex.extract(t));
            })
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
