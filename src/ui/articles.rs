//! The articles list: title, date, place, facts and how many are reviewed; filter and sort.

use super::i18n::{K, fill};
use super::{ArticleSort, Command, UiState, View, tokens};
use crate::workspace::Workspace;
use std::sync::Arc;

/// The list's rows (article indexes), cached by dataset generation, query and sort.
fn rows(ws: &Workspace, st: &mut UiState) -> Arc<Vec<usize>> {
    let key = (
        ws.dataset.generation,
        st.article_query.clone(),
        st.article_sort,
        st.article_sort_desc,
    );
    if st.cache.articles_key.as_ref() == Some(&key) {
        return Arc::clone(&st.cache.articles);
    }
    let ds = &ws.dataset;
    let q = crate::text::ascii_fold(st.article_query.trim());
    let mut idx: Vec<usize> = (0..ds.articles.len())
        .filter(|&i| ds.articles[i].duplicate_of.is_none())
        .filter(|&i| {
            if q.is_empty() {
                return true;
            }
            let a = &ds.articles[i];
            let m = &a.extraction.meta;
            let hay = crate::text::ascii_fold(&format!(
                "{} {} {} {}",
                m.title,
                a.rel,
                m.place.label(),
                ws.article_note(i).note
            ));
            hay.contains(&q)
        })
        .collect();
    idx.sort_by(|&a, &b| {
        let (x, y) = (&ds.articles[a], &ds.articles[b]);
        let o = match st.article_sort {
            ArticleSort::Path => x.rel.cmp(&y.rel),
            ArticleSort::Title => x.extraction.meta.title.cmp(&y.extraction.meta.title),
            ArticleSort::Date => x
                .extraction
                .meta
                .published
                .cmp(&y.extraction.meta.published),
            ArticleSort::Place => x
                .extraction
                .meta
                .place
                .label()
                .cmp(&y.extraction.meta.place.label()),
            ArticleSort::Facts => ds.stats[a].facts.cmp(&ds.stats[b].facts),
            ArticleSort::Reviewed => ds.stats[a].reviewed.cmp(&ds.stats[b].reviewed),
        };
        let o = if st.article_sort_desc { o.reverse() } else { o };
        o.then(a.cmp(&b))
    });
    st.cache.articles = Arc::new(idx);
    st.cache.articles_key = Some(key);
    Arc::clone(&st.cache.articles)
}

/// The left panel.
pub fn articles_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    st: &mut UiState,
    out: &mut Vec<Command>,
) {
    ui.add_space(tokens::GAP / 2.0);
    ui.strong(v.t(K::Articles));
    let label = ui.label(v.t(K::FilterArticles));
    ui.add(
        egui::TextEdit::singleline(&mut st.article_query)
            .hint_text(v.t(K::FilterArticles))
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.horizontal(|ui| {
        let l = ui.label(v.t(K::SortBy));
        let r = egui::ComboBox::from_id_salt("article-sort")
            .selected_text(v.t(sort_key(st.article_sort)))
            .show_ui(ui, |ui| {
                for s in [
                    ArticleSort::Path,
                    ArticleSort::Title,
                    ArticleSort::Date,
                    ArticleSort::Place,
                    ArticleSort::Facts,
                    ArticleSort::Reviewed,
                ] {
                    ui.selectable_value(&mut st.article_sort, s, v.t(sort_key(s)));
                }
            });
        r.response.labelled_by(l.id);
        let arrow = if st.article_sort_desc { "▼" } else { "▲" };
        if ui.small_button(arrow).clicked() {
            st.article_sort_desc = !st.article_sort_desc;
        }
    });
    ui.separator();
    let list = rows(ws, st);
    let row_h = ui.text_style_height(&egui::TextStyle::Body) * 2.0
        + ui.text_style_height(&egui::TextStyle::Small)
        + ui.spacing().item_spacing.y * 3.0;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("articles-list")
        .auto_shrink([false, false]);
    if st.scroll_reader
        && let Some(sel) = st.article
        && let Some(pos) = list.iter().position(|&i| i == sel)
    {
        // Bring the selected article into view when the selection came from elsewhere.
        let top = pos as f32 * (row_h + ui.spacing().item_spacing.y);
        area = area.vertical_scroll_offset((top - 2.0 * row_h).max(0.0));
    }
    area.show_rows(ui, row_h, list.len(), |ui, range| {
        for &i in &list[range] {
            article_row_ui(ui, v, ws, i, st.article == Some(i), row_h, out);
        }
    });
}

fn sort_key(s: ArticleSort) -> K {
    match s {
        ArticleSort::Path => K::SortFile,
        ArticleSort::Title => K::SortTitle,
        ArticleSort::Date => K::SortDate,
        ArticleSort::Place => K::SortPlace,
        ArticleSort::Facts => K::SortFacts,
        ArticleSort::Reviewed => K::SortReviewed,
    }
}

fn article_row_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    i: usize,
    selected: bool,
    row_h: f32,
    out: &mut Vec<Command>,
) {
    let ds = &ws.dataset;
    let a = &ds.articles[i];
    let m = &a.extraction.meta;
    let stats = ds.stats[i];
    let title = if m.title.is_empty() {
        a.rel.as_str()
    } else {
        m.title.as_str()
    };
    let date = m.published.map_or_else(
        || v.t(K::NoDate).to_owned(),
        |d| crate::input::format_date(&d.into()),
    );
    let counts = format!(
        "{} · {}",
        fill(v.t(K::FactsN), &[("n", &stats.facts.to_string())]),
        fill(v.t(K::ReviewedN), &[("n", &stats.reviewed.to_string())])
    );
    let (rect, resp) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), row_h),
        egui::Sense::click(),
    );
    let resp = resp.on_hover_text(format!("{}\n{}", m.title, a.rel));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&resp, selected);
        if selected || resp.hovered() {
            ui.painter().rect_filled(rect, 3.0, visuals.weak_bg_fill);
        }
        let mut child = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(rect.shrink2(egui::vec2(4.0, 2.0)))
                .layout(egui::Layout::top_down(egui::Align::Min)),
        );
        child.add(egui::Label::new(egui::RichText::new(title).strong()).truncate());
        child.add(egui::Label::new(format!("{date} · {}", m.place.label())).truncate());
        let done = stats.facts > 0 && stats.reviewed == stats.facts;
        let c = egui::RichText::new(counts).small();
        child.label(if done {
            c.color(tokens::ACCEPTED)
        } else {
            c.weak()
        });
    }
    // Accessible name: the title, so tests and screen readers find the row.
    resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, title));
    if resp.clicked() {
        out.push(Command::SelectArticle(i));
    }
}
