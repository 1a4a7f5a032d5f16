//! UI frame cost at 100,000 facts: the app's own ui functions (`ui::root_ui`) run headless on
//! an egui `Context`, followed by tessellation (the CPU part of painting; the GPU draw is not
//! included). Three screens, each with the facts table scrolled to its middle row and the
//! pointer moving over the window so hover work happens every frame:
//! - the reader on a long article (40 bulletins in one file, about 170 KB and 330 facts);
//! - the district dashboard (all provinces);
//! - the charts.
//!
//! Also the frame after the dataset changes (an edit, a reload), when the cached table view,
//! filter choices and dashboard are rebuilt, and the first frame after a folder has loaded
//! (the only work of opening done on the UI thread: the window is never frozen longer).
//! `cargo bench --bench ui_frame` (see BENCHMARKS.md).

// A bench that cannot set up has nothing to measure: failing loudly is right here.
#![allow(clippy::expect_used)]

mod common;

use baocao::dataset::Dataset;
use baocao::ui::{self, Central, Command, UiState, View};
use baocao::workspace::{Source, Workspace};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const W: f32 = 1400.0;
const H: f32 = 900.0;

/// The big dataset plus one long article (the reader's worst case), last in the folder.
fn dataset(ex: &baocao::extract::Extractor) -> (Dataset, usize) {
    let facts = common::facts();
    let mut files = baocao::generate::texts(&ex.gazetteer, facts / 8 + 1, common::SEED);
    // Bodies only: a related-links trailer would end the article after the first one.
    let long: String = baocao::generate::texts(&ex.gazetteer, 40, common::SEED + 1)
        .into_iter()
        .map(|(_, t)| match t.find("\nTin liên quan:") {
            Some(i) => t[..i].to_owned(),
            None => t,
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    files.push(("zz-long.txt".to_owned(), long));
    let results = baocao::pipeline::extract_texts(files, ex);
    let ds = Dataset::new("generated".into(), results, Vec::new());
    let long = ds.articles.len() - 1;
    (ds, long)
}

struct Screen {
    ctx: egui::Context,
    st: UiState,
    frame: u64,
}

impl Screen {
    fn new(ws: &Workspace, central: Central, article: usize) -> Screen {
        let ctx = egui::Context::default();
        ui::fonts::install(&ctx);
        let mut st = UiState {
            central,
            article: Some(article),
            ..UiState::default()
        };
        let rows = st.table_rows(ws);
        st.fact = ws.ref_of(rows[rows.len() / 2]);
        st.scroll_table = true;
        Screen { ctx, st, frame: 0 }
    }

    /// One frame: input, the app's ui, tessellation. Returns the commands the UI emitted.
    fn frame(&mut self, v: &View<'_>) -> Vec<Command> {
        self.frame += 1;
        // The pointer sweeps the window, as when the user moves the mouse.
        let x = (self.frame * 37 % W as u64) as f32;
        let y = (self.frame * 23 % H as u64) as f32;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(W, H),
            )),
            time: Some(self.frame as f64 / 60.0),
            events: vec![egui::Event::PointerMoved(egui::pos2(x, y))],
            ..Default::default()
        };
        let mut out = Vec::new();
        let st = &mut self.st;
        let full = self
            .ctx
            .run_ui(input, |ui| ui::root_ui(ui, v, st, &mut out));
        black_box(self.ctx.tessellate(full.shapes, full.pixels_per_point));
        out
    }
}

fn bench(c: &mut Criterion) {
    let ex = common::extractor();
    let (ds, long) = dataset(&ex);
    let ws = Workspace::new(
        ds,
        Source {
            root: "generated".into(),
            files: None,
        },
    );
    eprintln!(
        "ui_frame: {} facts in {} articles; long article {} KB with {} facts",
        ws.dataset.rows.len(),
        ws.dataset.articles.len(),
        ws.dataset.articles[long].text.len() / 1024,
        ws.dataset.rows_of_article(long).count()
    );
    let view = View {
        ws: Some(&ws),
        lang: ui::i18n::Lang::Vi,
        catalogue: &ex.catalogue,
        gazetteer: &ex.gazetteer,
        busy: None,
        recent_folders: &[],
        recent_sessions: &[],
        notice: None,
        theme: ui::ThemePref::Light,
        version: "bench",
    };
    let mut g = c.benchmark_group("ui_frame");
    for (name, central) in [
        ("reader-long-article", Central::Reader),
        ("dashboard", Central::Dashboard),
        ("charts", Central::Charts),
    ] {
        let mut s = Screen::new(&ws, central, long);
        // Warm up: caches fill, the table scrolls to the selected row, fonts are laid out.
        for _ in 0..5 {
            s.frame(&view);
        }
        g.bench_function(name, |b| b.iter(|| s.frame(&view)));
    }
    // The frame after an edit: the table's view, the filter choices and the dashboard are
    // rebuilt from the 100,000 rows (the caches are keyed by the dataset's generation).
    let mut s = Screen::new(&ws, Central::Dashboard, long);
    for _ in 0..5 {
        s.frame(&view);
    }
    g.sample_size(20);
    g.bench_function("frame-after-change", |b| {
        b.iter(|| {
            s.st.cache = Default::default();
            s.frame(&view)
        })
    });
    // The first frame once a folder has loaded: the UI thread's whole share of opening (the
    // loader thread did the reading and extraction). Fresh UI state, as `on_loaded` makes it,
    // on the reader; the context (fonts) is warm, as it is after the start screen.
    g.bench_function("first-frame-after-load", |b| {
        b.iter(|| {
            s.st = UiState {
                article: Some(0),
                ..UiState::default()
            };
            s.frame(&view)
        })
    });
    g.finish();

    // The parts of that frame, to see which one to make faster.
    let mut g = c.benchmark_group("after_change");
    g.sample_size(20);
    g.bench_function("table-view", |b| {
        b.iter(|| ws.dataset.view(&Default::default(), Default::default()))
    });
    g.bench_function("filter-choices", |b| {
        b.iter(|| {
            let mut st = UiState::default();
            st.facets(&ws)
        })
    });
    let count = |p: &str| {
        let g = &ex.gazetteer;
        g.province_by_name(p)
            .map(|pi| g.districts_of(pi).filter(|d| !d.former).count())
    };
    g.bench_function("dashboard-all-provinces", |b| {
        b.iter(|| baocao::dashboard::build(&ws.dataset, &ex.catalogue, None, &count))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
