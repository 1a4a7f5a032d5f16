//! Shared set-up of the benches: corpus size from the environment, the bundled extractor.
//!
//! `BAOCAO_BENCH_REPORTS` sets how many generated reports the scale benches use (default
//! 10,000, as issue 5 asks); a smaller number gives a quick check while editing.

#![allow(dead_code, clippy::expect_used)]

use baocao::extract::Extractor;

/// Number of generated reports for the scale benches.
pub fn reports() -> usize {
    std::env::var("BAOCAO_BENCH_REPORTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000)
}

/// The extractor the app uses.
pub fn extractor() -> Extractor {
    Extractor::bundled().expect("the bundled catalogue and gazetteer load")
}

/// The seed every bench uses, so that figures compare across runs.
pub const SEED: u64 = 1;

/// Peak resident memory of this process so far, in MB (Linux; `None` elsewhere).
pub fn peak_rss_mb() -> Option<f64> {
    baocao::cli::peak_rss_mb()
}

/// Facts wanted in the big dataset (`BAOCAO_BENCH_FACTS`, default 100,000).
pub fn facts() -> usize {
    std::env::var("BAOCAO_BENCH_FACTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000)
}

/// A dataset with at least `facts` facts from generated reports (about 8.3 per report).
pub fn big_dataset(ex: &Extractor, facts: usize) -> baocao::dataset::Dataset {
    let mut n = facts / 8 + 1;
    loop {
        let ds = baocao::generate::dataset(ex, n, SEED);
        if ds.rows.len() >= facts {
            return ds;
        }
        n += n / 10 + 1;
    }
}

/// A reviewer's day of work on `ws`, `n` reviews spread evenly over the rows: accepted,
/// rejected, corrected values, notes and tags, as the app's edits would leave them.
pub fn review_rows(ws: &mut baocao::workspace::Workspace, n: usize) {
    use baocao::dataset::Origin;
    use baocao::model::Value;
    use baocao::review::{Review, Status};
    let rows = ws.dataset.rows.len();
    let step = (rows / n.max(1)).max(1);
    let mut made = 0;
    let mut row = 0;
    while made < n && row < rows {
        let r = &ws.dataset.rows[row];
        if let (Origin::Machine(_), Some(key)) = (r.origin, ws.dataset.key_of(row)) {
            let mut rv = Review {
                status: Status::Accepted,
                evidence: r.evidence(&ws.dataset).to_owned(),
                ..Review::default()
            };
            match made % 20 {
                0..=2 => rv.status = Status::Rejected,
                3..=5 => rv.value = Some(Value::Exact(r.value.representative() + 1.0)),
                6 => {
                    rv.note = format!("Kiểm tra lại với báo cáo của quận, lần {made}");
                    rv.tags = vec!["cần-xem".to_owned(), "nguồn-2".to_owned()];
                }
                _ => {}
            }
            ws.overlay.reviews.insert(key.clone(), rv);
            made += 1;
        }
        row += step;
    }
    ws.dataset.resolve(&ws.overlay);
}
