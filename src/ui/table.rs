//! The facts table: every fact of the corpus, filtered and sorted, virtualised so that
//! 100,000 rows scroll smoothly (only the visible rows are laid out; the filtered, sorted
//! index list is cached until the data, the filter or the sort changes).

use super::i18n::{K, fill};
use super::{Command, UiState, View, tokens};
use crate::dataset::{Filter, SortColumn};
use crate::input::format_date;
use crate::review::Status;
use crate::workspace::Workspace;
use egui_extras::{Column, TableBuilder};

/// The status mark of a row: ✓ accepted, ✗ rejected, • pending; ✎ corrected, + added by hand.
pub fn status_mark(status: Status, corrected: bool, manual: bool) -> (String, egui::Color32) {
    let (m, c) = match status {
        Status::Accepted => ("✓", tokens::ACCEPTED),
        Status::Rejected => ("✗", tokens::REJECTED),
        Status::Pending => ("•", tokens::PENDING),
    };
    let mut s = m.to_owned();
    if corrected {
        s.push('✎');
    }
    if manual {
        s.push('+');
    }
    (s, c)
}

/// Filters, then the table.
pub fn facts_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    st: &mut UiState,
    out: &mut Vec<Command>,
) {
    ui.add_space(tokens::GAP / 2.0);
    filters_ui(ui, v, ws, st, out);
    ui.separator();
    table_ui(ui, v, ws, st, out);
}

fn combo(
    ui: &mut egui::Ui,
    id: &str,
    name: &str,
    all: &str,
    value: &mut Option<String>,
    options: &[String],
    label: &dyn Fn(&str) -> String,
) {
    let shown = value.as_deref().map_or_else(|| all.to_owned(), label);
    let r = egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .width(150.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, all);
            for k in options {
                ui.selectable_value(value, Some(k.clone()), label(k));
            }
        });
    super::name_widget(&r.response, egui::Role::ComboBox, name);
}

/// "Filter by province": the accessible name of a filter.
fn filter_name(v: &View<'_>, k: K) -> String {
    fill(v.t(K::FilterBy), &[("x", &v.t(k).to_lowercase())])
}

fn filters_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    st: &mut UiState,
    out: &mut Vec<Command>,
) {
    let ds = &ws.dataset;
    ui.horizontal_wrapped(|ui| {
        // The choices are borrowed from the cache: nothing is copied per frame.
        let facets = st.facets(ws);
        let same = |x: &str| x.to_owned();
        combo(
            ui,
            "f-province",
            &filter_name(v, K::ColProvince),
            v.t(K::AllProvinces),
            &mut st.filter.province,
            &facets.provinces,
            &same,
        );
        combo(
            ui,
            "f-district",
            &filter_name(v, K::ColDistrict),
            v.t(K::AllDistricts),
            &mut st.filter.district,
            &facets.districts,
            &same,
        );
        combo(
            ui,
            "f-metric",
            &filter_name(v, K::ColMetric),
            v.t(K::AllMetrics),
            &mut st.filter.metric,
            &facets.metrics,
            &|m: &str| v.metric_label(m),
        );
        let status_text = st
            .filter
            .status
            .map_or(v.t(K::AllStatuses), |s| v.status_label(s));
        let r = egui::ComboBox::from_id_salt("f-status")
            .selected_text(status_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut st.filter.status, None, v.t(K::AllStatuses));
                for s in [Status::Pending, Status::Accepted, Status::Rejected] {
                    ui.selectable_value(&mut st.filter.status, Some(s), v.status_label(s));
                }
            });
        super::name_widget(
            &r.response,
            egui::Role::ComboBox,
            &filter_name(v, K::ColStatus),
        );
        let l = ui.label(v.t(K::MinConfidence));
        ui.add(egui::Slider::new(&mut st.filter.min_confidence, 0.0..=1.0).fixed_decimals(2))
            .labelled_by(l.id);
        let l = ui.label(v.t(K::Search));
        ui.add(egui::TextEdit::singleline(&mut st.filter.text).desired_width(160.0))
            .labelled_by(l.id);
        ui.checkbox(&mut st.filter.hide_other, v.t(K::HideOther));
        let mut this_only = st.filter.article.is_some();
        if ui
            .checkbox(&mut this_only, v.t(K::ThisArticleOnly))
            .changed()
        {
            st.filter.article = if this_only {
                st.article.map(|a| ds.articles[a].rel.clone())
            } else {
                None
            };
        }
        if ui
            .add_enabled(
                st.filter != Filter::default(),
                egui::Button::new(v.t(K::ClearFilters)),
            )
            .clicked()
        {
            st.filter = Filter::default();
        }
    });
    // Keep "this article only" on the article being read.
    if let (Some(a), Some(_)) = (st.article, &st.filter.article) {
        let rel = &ds.articles[a].rel;
        if st.filter.article.as_ref() != Some(rel) {
            st.filter.article = Some(rel.clone());
        }
    }
    let rows = st.table_rows(ws);
    ui.horizontal(|ui| {
        ui.label(fill(
            v.t(K::ShowingN),
            &[
                ("shown", &rows.len().to_string()),
                ("total", &ds.rows.len().to_string()),
            ],
        ));
        ui.separator();
        let l = ui.label(v.t(K::Threshold));
        ui.add(
            egui::DragValue::new(&mut st.threshold)
                .range(0.0..=1.0)
                .speed(0.01)
                .fixed_decimals(2),
        )
        .labelled_by(l.id);
        let t = format!("{:.2}", st.threshold);
        let eligible = st.eligible(ws, &rows);
        let label = format!("{} ({eligible})", fill(v.t(K::AcceptAbove), &[("t", &t)]));
        if ui
            .add_enabled(eligible > 0 && v.busy.is_none(), egui::Button::new(label))
            .clicked()
        {
            out.push(Command::AcceptAbove(st.threshold));
        }
    });
}

const COLUMNS: [(SortColumn, K); 10] = [
    (SortColumn::Status, K::ColStatus),
    (SortColumn::Metric, K::ColMetric),
    (SortColumn::Value, K::ColValue),
    (SortColumn::Unit, K::ColUnit),
    (SortColumn::District, K::ColDistrict),
    (SortColumn::Province, K::ColProvince),
    (SortColumn::AsOf, K::ColAsOf),
    (SortColumn::Evidence, K::ColEvidence),
    (SortColumn::Confidence, K::ColConfidence),
    (SortColumn::Article, K::ColArticle),
];

fn table_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    st: &mut UiState,
    out: &mut Vec<Command>,
) {
    let ds = &ws.dataset;
    let rows = st.table_rows(ws);
    let selected = st.selected_row(ws);
    // A click anywhere on a row selects it: the cells' text must not take the click for
    // text selection.
    ui.style_mut().interaction.selectable_labels = false;
    let mut table = TableBuilder::new(ui)
        .id_salt("facts-table")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(76.0).at_least(40.0))
        .column(Column::initial(150.0).at_least(60.0).clip(true))
        .column(Column::initial(90.0).at_least(50.0))
        .column(Column::initial(60.0).at_least(40.0).clip(true))
        .column(Column::initial(110.0).at_least(50.0).clip(true))
        .column(Column::initial(100.0).at_least(50.0).clip(true))
        .column(Column::initial(90.0).at_least(50.0))
        .column(Column::initial(320.0).at_least(80.0).clip(true))
        .column(Column::initial(60.0).at_least(40.0))
        .column(Column::remainder().at_least(80.0).clip(true))
        .min_scrolled_height(0.0)
        .auto_shrink([false, false]);
    if st.scroll_table
        && let Some(sel) = selected
        && let Some(pos) = rows.iter().position(|&i| i == sel)
    {
        table = table.scroll_to_row(pos, Some(egui::Align::Center));
    }
    st.scroll_table = false;
    let mut sort = st.sort;
    table
        .header(tokens::ROW_HEIGHT, |mut header| {
            for (col, k) in COLUMNS {
                header.col(|ui| {
                    let arrow = if sort.column == col {
                        if sort.descending { " ▼" } else { " ▲" }
                    } else {
                        ""
                    };
                    let r = ui.add(
                        egui::Button::new(
                            egui::RichText::new(format!("{}{arrow}", v.t(k))).strong(),
                        )
                        .frame(false),
                    );
                    if r.clicked() {
                        if sort.column == col {
                            sort.descending = !sort.descending;
                            if !sort.descending {
                                // Third click: back to reading order.
                                sort.column = SortColumn::Position;
                            }
                        } else {
                            sort.column = col;
                            sort.descending = false;
                        }
                    }
                });
            }
        })
        .body(|body| {
            body.rows(tokens::ROW_HEIGHT, rows.len(), |mut row| {
                let i = rows[row.index()];
                let r = &ds.rows[i];
                row.set_selected(selected == Some(i));
                let manual = matches!(r.origin, crate::dataset::Origin::Manual(_));
                let (mark, color) = status_mark(r.status, r.corrected, manual);
                row.col(|ui| {
                    ui.colored_label(color, mark)
                        .on_hover_text(v.status_label(r.status));
                });
                row.col(|ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                    ui.painter()
                        .rect_filled(rect, 2.0, tokens::metric_color(&r.metric));
                    ui.add(egui::Label::new(v.metric_label(&r.metric)).truncate());
                });
                row.col(|ui| {
                    let t = egui::RichText::new(r.value.to_string());
                    ui.label(if r.machine_value.is_some() {
                        t.color(tokens::CORRECTED)
                    } else {
                        t
                    });
                });
                row.col(|ui| {
                    ui.label(v.unit_label(&r.unit));
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(r.place.district.as_deref().unwrap_or("—")).truncate());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(r.place.province.as_deref().unwrap_or("—")).truncate());
                });
                row.col(|ui| {
                    ui.label(r.as_of.map_or_else(|| "—".to_owned(), |d| format_date(&d)));
                });
                row.col(|ui| {
                    let ev = r.evidence(ds).replace('\n', " ");
                    ui.add(egui::Label::new(ev).truncate());
                });
                row.col(|ui| {
                    ui.label(format!("{:.2}", r.confidence));
                });
                row.col(|ui| {
                    let a = &ds.articles[r.article];
                    ui.add(egui::Label::new(&a.rel).truncate())
                        .on_hover_text(&a.extraction.meta.title);
                });
                if row.response().clicked()
                    && let Some(f) = ws.ref_of(i)
                {
                    out.push(Command::SelectFact(f));
                }
            });
        });
    st.sort = sort;
}
