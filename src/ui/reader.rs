//! The reader: the article's text with every fact highlighted in its metric's colour and
//! marked by review status, dates and places underlined, a tooltip on hover, selection by
//! click, and "add a fact from the selection".
//!
//! Why a read-only `TextEdit` with a layouter: it gives text selection, the character under
//! the pointer and the position of any character for free, and the layouter paints the
//! highlights as part of the text, so they wrap with it. The layout job is rebuilt only when
//! the article, the facts (dataset generation), the selection or the theme change.

use super::i18n::{K, fill};
use super::{Command, NoteForm, ReaderLayout, UiState, View, tokens};
use crate::dataset::Origin;
use crate::input::{format_date, parse_tags};
use crate::model::MentionKind;
use crate::review::{ArticleNote, Status};
use crate::workspace::{FactRef, Workspace};
use egui::text::{ByteIndex, LayoutJob, LayoutSection, TextFormat};
use egui::{Color32, Stroke};
use std::sync::Arc;

/// A fact's number span in the text, and its row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub row: usize,
}

type CacheKey = (usize, u64, Option<FactRef>, bool, u32);

/// The cached layout job of the article on screen.
#[derive(Clone, Debug, Default)]
pub struct Cache {
    key: Option<CacheKey>,
    job: Option<Arc<LayoutJob>>,
    byte_of_char: Arc<Vec<usize>>,
    spans: Arc<Vec<Span>>,
}

/// The number span of each row of an article (a manual fact's whole span).
pub fn spans_of(ws: &Workspace, article: usize) -> Vec<Span> {
    let ds = &ws.dataset;
    let a = &ds.articles[article];
    let mut v: Vec<Span> = ds
        .rows_of_article(article)
        .filter_map(|row| {
            let r = &ds.rows[row];
            let (start, end) = match r.origin {
                Origin::Machine(fi) => {
                    let f = &a.extraction.facts[fi];
                    (f.number_start, f.number_end)
                }
                Origin::Manual(_) => r.span?,
            };
            Some(Span { start, end, row })
        })
        .collect();
    v.sort_by_key(|s| (s.start, s.end));
    v
}

/// Builds the highlighted text.
fn build_job(
    ws: &Workspace,
    article: usize,
    selected: Option<usize>,
    spans: &[Span],
    style: &egui::Style,
) -> LayoutJob {
    let ds = &ws.dataset;
    let a = &ds.articles[article];
    let text: &str = &a.text;
    let font = egui::TextStyle::Body.resolve(style);
    let font = egui::FontId::new(font.size + 1.0, font.family);
    let text_color = style.visuals.text_color();
    let weak = style.visuals.weak_text_color();
    let sel_evidence = selected
        .and_then(|r| ds.rows.get(r))
        .filter(|r| r.article == article)
        .and_then(|r| r.span);

    let mut cuts: Vec<usize> = vec![0, text.len()];
    for s in spans {
        cuts.push(s.start);
        cuts.push(s.end);
    }
    if let Some((s, e)) = sel_evidence {
        cuts.push(s);
        cuts.push(e);
    }
    for m in &a.extraction.mentions {
        cuts.push(m.start);
        cuts.push(m.end);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();

    let mut job = LayoutJob {
        text: text.to_owned(),
        ..LayoutJob::default()
    };
    for w in cuts.windows(2) {
        let (a0, b0) = (w[0], w[1]);
        if a0 == b0 {
            continue;
        }
        let mut f = TextFormat {
            font_id: font.clone(),
            color: text_color,
            ..TextFormat::default()
        };
        if let Some((s, e)) = sel_evidence
            && s <= a0
            && b0 <= e
        {
            let c = ds.rows[selected.unwrap_or_default()].metric.as_str();
            f.background = tokens::with_alpha(tokens::metric_color(c), 40);
        }
        for m in &a.extraction.mentions {
            if m.start <= a0 && b0 <= m.end {
                let c = match m.kind {
                    MentionKind::Date(_) | MentionKind::Month { .. } => tokens::MENTION_DATE,
                    MentionKind::Place(_) => tokens::MENTION_PLACE,
                };
                f.underline = Stroke::new(1.0, c);
            }
        }
        // The fact covering this piece: the selected one if it does, else the first.
        let cover = spans
            .iter()
            .filter(|s| s.start <= a0 && b0 <= s.end)
            .min_by_key(|s| (Some(s.row) != selected, s.start));
        if let Some(s) = cover {
            let r = &ds.rows[s.row];
            let is_sel = Some(s.row) == selected;
            let alpha = if is_sel {
                tokens::SELECTED_ALPHA
            } else {
                tokens::HIGHLIGHT_ALPHA
            };
            f.background = tokens::with_alpha(tokens::metric_color(&r.metric), alpha);
            match r.status {
                Status::Accepted => f.underline = Stroke::new(2.0, tokens::ACCEPTED),
                Status::Rejected => {
                    f.strikethrough = Stroke::new(1.5, tokens::REJECTED);
                    f.color = weak;
                }
                Status::Pending => {}
            }
        }
        job.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: ByteIndex(a0)..ByteIndex(b0),
            format: f,
        });
    }
    job
}

/// The screen rectangles a byte range covers, one per wrapped row.
pub fn range_rects(layout: &ReaderLayout, start: usize, end: usize) -> Vec<egui::Rect> {
    let (cs, ce) = (layout.char_of_byte(start), layout.char_of_byte(end));
    let mut out = Vec::new();
    let mut row_start = 0usize;
    for pr in &layout.galley.rows {
        let n = pr.row.char_count_excluding_newline().0;
        let total = pr.char_count_including_newline().0;
        let (rs, re) = (row_start, row_start + n);
        if ce > rs && cs < re.max(rs + 1) {
            let c0 = cs.max(rs) - rs;
            let c1 = ce.min(re) - rs;
            let x0 = pr.pos.x + pr.row.x_offset(egui::text::CharIndex(c0));
            let x1 = pr.pos.x + pr.row.x_offset(egui::text::CharIndex(c1));
            let r = egui::Rect::from_min_max(
                egui::pos2(x0, pr.pos.y),
                egui::pos2(x1, pr.pos.y + pr.row.size.y),
            );
            out.push(r.translate(layout.galley_pos.to_vec2()));
        }
        row_start += total;
        if row_start > ce {
            break;
        }
    }
    out
}

/// The central panel.
pub fn reader_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    st: &mut UiState,
    out: &mut Vec<Command>,
) {
    let Some(article) = st.article.filter(|&a| a < ws.dataset.articles.len()) else {
        ui.centered_and_justified(|ui| ui.weak(v.t(K::NoArticle)));
        st.reader_layout = None;
        return;
    };
    let ds = &ws.dataset;
    let a = &ds.articles[article];
    let meta = &a.extraction.meta;

    // Header: title, date, place, file; article note and tags.
    ui.add_space(tokens::GAP / 2.0);
    ui.heading(if meta.title.is_empty() {
        &a.rel
    } else {
        &meta.title
    });
    ui.horizontal_wrapped(|ui| {
        let date = meta
            .published
            .map_or_else(|| v.t(K::NoDate).to_owned(), |d| format_date(&d.into()));
        ui.label(format!("{}: {date}", v.t(K::Published)));
        ui.separator();
        ui.label(format!("{}: {}", v.t(K::Place), meta.place.label()));
        ui.separator();
        ui.weak(&a.rel)
            .on_hover_text(ds.root.join(&a.rel).display().to_string());
        if let Some(n) = &a.note {
            ui.separator();
            ui.colored_label(tokens::WARN, n);
        }
    });
    note_ui(ui, v, ws, article, st, out);
    ui.horizontal(|ui| {
        let sel = st.reader_selection.filter(|&(s, e)| e > s);
        let b = ui
            .add_enabled(sel.is_some(), egui::Button::new(v.t(K::AddFromSelection)))
            .on_disabled_hover_text(v.t(K::SelectToAdd));
        if b.clicked()
            && let Some((start, end)) = sel
        {
            out.push(Command::DraftFromSelection {
                article,
                start,
                end,
            });
        }
        legend_ui(ui, v);
    });
    ui.separator();

    // The text.
    let selected = st.selected_row(ws);
    let dark = ui.visuals().dark_mode;
    let key: CacheKey = (
        article,
        ds.generation,
        st.fact.clone(),
        dark,
        ui.style().text_styles.len() as u32,
    );
    if st.reader_cache.key.as_ref() != Some(&key) {
        let spans = spans_of(ws, article);
        let job = build_job(ws, article, selected, &spans, ui.style());
        let mut boc: Vec<usize> = a.text.char_indices().map(|(b, _)| b).collect();
        boc.push(a.text.len());
        st.reader_cache = Cache {
            key: Some(key),
            job: Some(Arc::new(job)),
            byte_of_char: Arc::new(boc),
            spans: Arc::new(spans),
        };
    }
    let Some(job) = st.reader_cache.job.clone() else {
        return;
    };
    let spans = Arc::clone(&st.reader_cache.spans);
    let boc = Arc::clone(&st.reader_cache.byte_of_char);
    let mut layouter = |ui: &egui::Ui, _buf: &dyn egui::TextBuffer, wrap: f32| {
        let mut j = (*job).clone();
        j.wrap.max_width = wrap;
        ui.fonts_mut(|f| f.layout_job(j))
    };
    let scroll = egui::ScrollArea::vertical()
        .id_salt(("reader-scroll", article))
        .auto_shrink([false, false]);
    scroll.show(ui, |ui| {
        let mut text: &str = &a.text;
        let output = egui::TextEdit::multiline(&mut text)
            .id_salt(("reader", article))
            .layouter(&mut layouter)
            .desired_width(f32::INFINITY)
            .frame(egui::Frame::NONE)
            .show(ui);
        let layout = ReaderLayout {
            article,
            galley: Arc::clone(&output.galley),
            galley_pos: output.galley_pos,
            byte_of_char: Arc::clone(&boc),
        };
        st.reader_id = Some(output.response.id);

        // Selection → byte range.
        st.reader_selection = output.cursor_range.and_then(|r| {
            let cr = r.as_sorted_char_range();
            (cr.end.0 > cr.start.0).then(|| {
                let b = |c: usize| boc.get(c).copied().unwrap_or(a.text.len());
                (b(cr.start.0), b(cr.end.0))
            })
        });

        // Outline of the selected fact.
        if let Some(sel) = selected
            && let Some(s) = spans.iter().find(|s| s.row == sel)
        {
            let c = tokens::metric_color(&ds.rows[sel].metric);
            for r in range_rects(&layout, s.start, s.end) {
                ui.painter().rect_stroke(
                    r.expand(1.5),
                    2.0,
                    Stroke::new(2.0, c),
                    egui::StrokeKind::Outside,
                );
            }
            if st.scroll_reader
                && let Some(first) = range_rects(&layout, s.start, s.end).first()
            {
                ui.scroll_to_rect(first.expand(24.0), Some(egui::Align::Center));
            }
        }
        st.scroll_reader = false;

        // Hover tooltip and click to select.
        let at = |pos: egui::Pos2| -> Option<Span> {
            let c = output
                .galley
                .cursor_from_pos(pos - output.galley_pos)
                .index
                .0;
            let b = boc.get(c).copied()?;
            spans
                .iter()
                .filter(|s| s.start <= b && b < s.end.max(s.start + 1))
                .min_by_key(|s| s.end - s.start)
                .copied()
        };
        let resp = output.response.response.clone();
        if let Some(pos) = resp.hover_pos()
            && let Some(s) = at(pos)
        {
            let r = &ds.rows[s.row];
            resp.clone()
                .on_hover_ui_at_pointer(|ui| fact_tooltip_ui(ui, v, ws, s.row, r));
        }
        if resp.clicked()
            && st.reader_selection.is_none()
            && let Some(pos) = resp.interact_pointer_pos()
            && let Some(s) = at(pos)
            && let Some(f) = ws.ref_of(s.row)
        {
            out.push(Command::SelectFact(f));
        }
        st.reader_layout = Some(layout);
    });
}

/// Metric, value, place, date and confidence of a fact.
fn fact_tooltip_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    row: usize,
    r: &crate::dataset::Row,
) {
    ui.strong(v.metric_label(&r.metric));
    egui::Grid::new(("tip", row)).num_columns(2).show(ui, |ui| {
        ui.label(v.t(K::Value));
        ui.label(format!("{} {}", r.value, v.unit_label(&r.unit)));
        ui.end_row();
        ui.label(v.t(K::Place));
        ui.label(r.place.label());
        ui.end_row();
        ui.label(v.t(K::AsOf));
        ui.label(r.as_of.map_or_else(|| "—".to_owned(), |d| format_date(&d)));
        ui.end_row();
        ui.label(v.t(K::Confidence));
        ui.label(format!("{:.2}", r.confidence));
        ui.end_row();
        ui.label(v.t(K::ColStatus));
        ui.label(v.status_label(r.status));
        ui.end_row();
    });
    if !r.note.is_empty() {
        ui.label(format!("{}: {}", v.t(K::Note), r.note));
    }
    if let Some(mv) = r.machine_value {
        ui.weak(fill(v.t(K::MachineSaid), &[("x", &mv.to_string())]));
    }
    let _ = ws;
}

/// What the marks in the text mean.
fn legend_ui(ui: &mut egui::Ui, v: &View<'_>) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        let mark = |ui: &mut egui::Ui, text: &str, c: Color32, strike: bool| {
            let mut job = LayoutJob::default();
            let f = TextFormat {
                font_id: egui::TextStyle::Small.resolve(ui.style()),
                color: ui.visuals().text_color(),
                underline: if strike {
                    Stroke::NONE
                } else {
                    Stroke::new(2.0, c)
                },
                strikethrough: if strike {
                    Stroke::new(1.5, c)
                } else {
                    Stroke::NONE
                },
                ..TextFormat::default()
            };
            job.append(text, 0.0, f);
            ui.label(job);
        };
        mark(ui, v.t(K::Rejected), tokens::REJECTED, true);
        mark(ui, v.t(K::Accepted), tokens::ACCEPTED, false);
        mark(ui, v.t(K::LegendPlace), tokens::MENTION_PLACE, false);
        mark(ui, v.t(K::LegendDate), tokens::MENTION_DATE, false);
    });
}

/// The article's note and tags; committed when the field loses focus.
fn note_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    article: usize,
    st: &mut UiState,
    out: &mut Vec<Command>,
) {
    let target = (article, ws.dataset.generation);
    if st.note.target != Some(target) {
        let n = ws.article_note(article);
        st.note = NoteForm {
            target: Some(target),
            note: n.note,
            tags: n.tags.join(", "),
        };
    }
    let mut commit = false;
    ui.horizontal(|ui| {
        let l = ui.label(v.t(K::ArticleNote));
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut st.note.note)
                    .desired_width((ui.available_width() * 0.55).max(120.0)),
            )
            .labelled_by(l.id);
        commit |= r.lost_focus();
        let l = ui.label(v.t(K::ArticleTags));
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut st.note.tags)
                    .hint_text(v.t(K::TagsHint))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        commit |= r.lost_focus();
    });
    if commit {
        let note = ArticleNote {
            note: crate::text::nfc(st.note.note.trim()),
            tags: parse_tags(&st.note.tags),
        };
        if note != ws.article_note(article) {
            out.push(Command::ArticleNote { article, note });
        }
    }
}
