//! The district dashboard: one row per district, one column per metric, each cell the latest
//! reviewed figure. Hover a cell for every fact behind it; click to jump to the evidence.

use super::i18n::{K, fill};
use super::{Central, Command, UiState, View, tokens};
use crate::dashboard::{Cell, Table};
use crate::input::format_date;
use crate::model::format_number;
use crate::workspace::Workspace;
use egui_extras::{Column, TableBuilder};
use std::sync::Arc;

/// The dashboard's table, cached by dataset generation and province.
pub fn table(ws: &Workspace, v: &View<'_>, st: &mut UiState) -> Arc<Table> {
    let key = (ws.dataset.generation, st.dash_province.clone());
    if st.cache.dash_key.as_ref() != Some(&key) {
        let g = v.gazetteer;
        let count = |p: &str| {
            g.province_by_name(p)
                .map(|pi| g.districts_of(pi).filter(|d| !d.former).count())
        };
        st.cache.dash = Arc::new(crate::dashboard::build(
            &ws.dataset,
            v.catalogue,
            st.dash_province.as_deref(),
            &count,
        ));
        st.cache.dash_key = Some(key);
    }
    Arc::clone(&st.cache.dash)
}

/// A province picker: all, or one of those with facts.
pub fn province_combo(
    ui: &mut egui::Ui,
    v: &View<'_>,
    provinces: &[String],
    st_value: &mut Option<String>,
    id: &str,
    allow_all: bool,
) {
    let shown = st_value
        .clone()
        .unwrap_or_else(|| v.t(K::AllProvinces).to_owned());
    let r = egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .width(180.0)
        .show_ui(ui, |ui| {
            if allow_all {
                ui.selectable_value(st_value, None, v.t(K::AllProvinces));
            }
            for p in provinces {
                ui.selectable_value(st_value, Some(p.clone()), p);
            }
        });
    super::name_widget(&r.response, egui::Role::ComboBox, v.t(K::ColProvince));
}

/// The dashboard tab.
pub fn dashboard_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    st: &mut UiState,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.label(v.t(K::ColProvince));
        let mut p = st.dash_province.clone();
        let facets = st.facets(ws);
        province_combo(ui, v, &facets.provinces, &mut p, "dash-province", true);
        st.dash_province = p;
        ui.weak(v.t(K::DashboardHint));
    });
    ui.separator();
    let t = table(ws, v, st);
    if t.metrics.is_empty() {
        ui.weak(v.t(K::NoFactsHere));
        return;
    }
    egui::ScrollArea::horizontal()
        .id_salt("dash-h")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.style_mut().interaction.selectable_labels = false;
            let mut b = TableBuilder::new(ui)
                .id_salt("dash-table")
                .striped(true)
                .resizable(true)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::initial(170.0).at_least(100.0).clip(true));
            for _ in &t.metrics {
                b = b.column(Column::initial(120.0).at_least(70.0).clip(true));
            }
            b.auto_shrink([false, false])
                .header(tokens::ROW_HEIGHT * 3.0, |mut h| {
                    h.col(|ui| {
                        ui.strong(v.t(K::ColDistrict));
                    });
                    for m in &t.metrics {
                        h.col(|ui| {
                            let (rect, _) = ui
                                .allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                            ui.painter().rect_filled(rect, 2.0, tokens::metric_color(m));
                            ui.add(
                                egui::Label::new(egui::RichText::new(v.metric_label(m)).strong())
                                    .wrap(),
                            )
                            .on_hover_text(m.as_str());
                        });
                    }
                })
                .body(|body| {
                    // Only the rows on screen are laid out: all provinces of a national
                    // archive make 700 district rows.
                    let lines = lines_of(&t);
                    let heights = lines.iter().map(|l| match l {
                        Line::District(..) => tokens::ROW_HEIGHT * 1.8,
                        Line::Total(_) => tokens::ROW_HEIGHT,
                    });
                    body.heterogeneous_rows(heights, |mut r| {
                        let Some(line) = lines.get(r.index()) else {
                            return;
                        };
                        match *line {
                            Line::District(b, i) => {
                                let block = &t.blocks[b];
                                let row = &block.rows[i];
                                let prov = block.province.as_deref().unwrap_or_default();
                                r.col(|ui| {
                                    let name = match &row.district {
                                        Some(d) => format!("{d} · {prov}"),
                                        None => format!("{prov} ({})", v.t(K::ProvinceLevel)),
                                    };
                                    ui.label(
                                        egui::RichText::new(name)
                                            .color(ui.visuals().strong_text_color()),
                                    );
                                });
                                for m in &t.metrics {
                                    r.col(|ui| {
                                        if let Some(c) = row.cells.get(m) {
                                            let place = row.district.as_deref().unwrap_or(prov);
                                            cell_ui(ui, v, ws, place, m, c, out);
                                        }
                                    });
                                }
                            }
                            Line::Total(b) => {
                                let block = &t.blocks[b];
                                let prov = block.province.as_deref().unwrap_or_default();
                                r.col(|ui| {
                                    ui.strong(fill(v.t(K::TotalOf), &[("p", prov)]));
                                });
                                for m in &t.metrics {
                                    r.col(|ui| {
                                        if let Some(tot) = block.totals.get(m) {
                                            let text = format!(
                                                "{} ({}/{})",
                                                format_number(tot.sum),
                                                tot.reporting,
                                                tot.of
                                            );
                                            ui.strong(text).on_hover_text(fill(
                                                v.t(K::Coverage),
                                                &[
                                                    ("n", &tot.reporting.to_string()),
                                                    ("of", &tot.of.to_string()),
                                                ],
                                            ));
                                        }
                                    });
                                }
                            }
                        }
                    });
                });
        });
}

/// A line of the dashboard table: a district row (block, row) or a province's total (block).
#[derive(Clone, Copy)]
enum Line {
    District(usize, usize),
    Total(usize),
}

fn lines_of(t: &Table) -> Vec<Line> {
    let mut v = Vec::new();
    for (b, block) in t.blocks.iter().enumerate() {
        v.extend((0..block.rows.len()).map(|i| Line::District(b, i)));
        if !block.totals.is_empty() {
            v.push(Line::Total(b));
        }
    }
    v
}

fn cell_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    place: &str,
    metric: &str,
    c: &Cell,
    out: &mut Vec<Command>,
) {
    let ds = &ws.dataset;
    let mut text = egui::RichText::new(c.value.to_string());
    if c.conflict {
        text = egui::RichText::new(format!("⚠ {}", c.value)).color(tokens::WARN);
    }
    let date = c.date.map_or_else(|| "—".to_owned(), |d| format_date(&d));
    let r = ui
        .vertical(|ui| {
            ui.spacing_mut().item_spacing.y = 0.0;
            let r = ui.add(egui::Label::new(text.strong()).sense(egui::Sense::click()));
            ui.label(egui::RichText::new(&date).small().weak());
            r
        })
        .inner;
    // Accessible name: place, metric and value (screen readers, tests).
    super::name_widget(
        &r,
        egui::Role::Button,
        &format!("{place} · {}: {} ({date})", v.metric_label(metric), c.value),
    );
    let r = r.on_hover_ui(|ui| {
        ui.strong(format!("{place} · {}", v.metric_label(metric)));
        if c.conflict {
            ui.colored_label(tokens::WARN, v.t(K::SourcesDisagree));
        }
        egui::Grid::new(("cell-facts", place, metric))
            .striped(true)
            .show(ui, |ui| {
                for &i in &c.rows {
                    let f = &ds.rows[i];
                    let a = &ds.articles[f.article];
                    ui.label(format!("{} {}", f.value, v.unit_label(&f.unit)));
                    ui.label(
                        crate::dashboard::row_date(ds, i)
                            .map_or_else(|| "—".to_owned(), |d| format_date(&d)),
                    );
                    let title = if a.extraction.meta.title.is_empty() {
                        a.rel.as_str()
                    } else {
                        a.extraction.meta.title.as_str()
                    };
                    ui.label(title);
                    ui.end_row();
                }
            });
        ui.weak(v.t(K::ClickToSource));
    });
    if r.clicked()
        && let Some(&first) = c.rows.first()
        && let Some(f) = ws.ref_of(first)
    {
        out.push(Command::SelectFact(f));
        out.push(Command::ShowCentral(Central::Reader));
    }
}
