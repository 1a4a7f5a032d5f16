//! Charts with egui_plot: one metric across the districts of a province (bars), one metric
//! over time for chosen places (lines, real dates on the axis), and related metrics side by
//! side (grouped bars). Legends, hover values, zoom and pan come from egui_plot; a click on a
//! bar or a point jumps to the fact's evidence. Charts read the dashboard's numbers, so a
//! correction shows at once.

use super::i18n::{K, fill};
use super::{Central, Command, Purpose, UiState, View, tokens};
use crate::dashboard::{self, Table};
use crate::input::format_date;
use crate::model::{PartialDate, Ymd, format_number};
use crate::review::Status;
use crate::workspace::Workspace;
use egui_plot::{Bar, BarChart, Corner, HoverPosition, Legend, Line, Plot, PlotPoints, Points};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Which chart is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChartKind {
    #[default]
    Bars,
    Lines,
    Grouped,
}

/// The charts tab's choices.
#[derive(Clone, Debug, Default)]
pub struct ChartState {
    pub kind: ChartKind,
    pub province: Option<String>,
    pub metric: Option<String>,
    /// Places of the line chart: (province, district).
    pub places: BTreeSet<(String, Option<String>)>,
    pub group: Option<String>,
    /// The group was picked by the app (and may change with the province), not by the user.
    pub group_auto: bool,
    /// Where the plot was drawn last frame (for saving it as a PNG).
    pub plot_rect: Option<egui::Rect>,
    /// The line chart's choices, rebuilt when the dataset changes.
    lines: Option<Arc<LinesIndex>>,
    /// The line chart's series, for (generation, metric, places).
    series_key: Option<(u64, String, BTreeSet<PlaceKey>)>,
    series: Arc<Vec<(String, Vec<dashboard::Point>)>>,
}

/// A place of the line chart: (province, district).
type PlaceKey = (String, Option<String>);

/// A place of the line chart and its number of dated figures.
type PlaceCount = (PlaceKey, usize);

/// What the line chart can show, from one pass over the rows: metrics with dated figures (in
/// catalogue order) and, for each, the places with dated figures, most points first.
#[derive(Debug, Default)]
struct LinesIndex {
    generation: u64,
    metrics: Vec<String>,
    places: std::collections::HashMap<String, Vec<PlaceCount>>,
}

impl LinesIndex {
    fn build(ws: &Workspace, v: &View<'_>) -> LinesIndex {
        let ds = &ws.dataset;
        let mut counts: std::collections::HashMap<
            &str,
            std::collections::BTreeMap<(String, Option<String>), usize>,
        > = Default::default();
        for (i, r) in ds.rows.iter().enumerate() {
            if r.metric == "other" || r.status == Status::Rejected {
                continue;
            }
            let Some(p) = r.place.province.as_deref() else {
                continue;
            };
            if dashboard::row_date(ds, i).and_then(|d| d.ymd()).is_some() {
                *counts
                    .entry(r.metric.as_str())
                    .or_default()
                    .entry((p.to_owned(), r.place.district.clone()))
                    .or_default() += 1;
            }
        }
        let mut metrics: Vec<String> = counts.keys().map(|m| (*m).to_owned()).collect();
        metrics.sort_by_key(|m| (v.catalogue.metric_index(m).unwrap_or(usize::MAX), m.clone()));
        let places = counts
            .into_iter()
            .map(|(m, c)| {
                let mut v: Vec<PlaceCount> = c.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                (m.to_owned(), v)
            })
            .collect();
        LinesIndex {
            generation: ds.generation,
            metrics,
            places,
        }
    }
}

/// A colour per series of the line chart.
fn series_color(i: usize) -> egui::Color32 {
    const IDS: [&str; 8] = [
        "cases_cumulative",
        "cases_new",
        "recovered",
        "deaths",
        "vaccine_doses_total",
        "lockdown_points",
        "tests_samples",
        "vaccine_doses_full",
    ];
    tokens::metric_color(IDS[i % IDS.len()])
}

/// The dashboard table of a province, cached.
fn table_of(ws: &Workspace, v: &View<'_>, st: &mut UiState, province: &str) -> Arc<Table> {
    let key = (ws.dataset.generation, Some(province.to_owned()));
    if st.cache.chart_key.as_ref() != Some(&key) {
        let g = v.gazetteer;
        let count = |p: &str| {
            g.province_by_name(p)
                .map(|pi| g.districts_of(pi).filter(|d| !d.former).count())
        };
        st.cache.chart = Arc::new(dashboard::build(
            &ws.dataset,
            v.catalogue,
            Some(province),
            &count,
        ));
        st.cache.chart_key = Some(key);
    }
    Arc::clone(&st.cache.chart)
}

fn metric_combo(ui: &mut egui::Ui, v: &View<'_>, metrics: &[String], value: &mut Option<String>) {
    let shown = value
        .as_deref()
        .map_or_else(|| v.t(K::AllMetrics).to_owned(), |m| v.metric_label(m));
    let r = egui::ComboBox::from_id_salt("chart-metric")
        .selected_text(shown)
        .width(240.0)
        .show_ui(ui, |ui| {
            for m in metrics {
                ui.selectable_value(value, Some(m.clone()), v.metric_label(m));
            }
        });
    super::name_widget(&r.response, egui::Role::ComboBox, v.t(K::ColMetric));
}

/// The charts tab.
pub fn charts_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    st: &mut UiState,
    out: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        for (k, label) in [
            (ChartKind::Bars, K::ChartBars),
            (ChartKind::Lines, K::ChartLines),
            (ChartKind::Grouped, K::ChartGrouped),
        ] {
            ui.selectable_value(&mut st.charts.kind, k, v.t(label));
        }
        ui.separator();
        if ui
            .add_enabled(
                st.charts.plot_rect.is_some(),
                egui::Button::new(v.t(K::SavePng)),
            )
            .clicked()
        {
            out.push(Command::Dialog(Purpose::ChartPng));
        }
    });
    // A province to start with: the one with the most facts.
    if st.charts.province.is_none() {
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for r in &ws.dataset.rows {
            if let Some(p) = r.place.province.as_deref() {
                *counts.entry(p).or_default() += 1;
            }
        }
        st.charts.province = counts
            .iter()
            .max_by_key(|(p, n)| (**n, std::cmp::Reverse(**p)))
            .map(|(p, _)| (*p).to_owned());
    }
    match st.charts.kind {
        ChartKind::Bars => bars_ui(ui, v, ws, st, out),
        ChartKind::Lines => lines_ui(ui, v, ws, st, out),
        ChartKind::Grouped => grouped_ui(ui, v, ws, st, out),
    }
}

fn province_row(ui: &mut egui::Ui, v: &View<'_>, ws: &Workspace, st: &mut UiState) {
    ui.label(v.t(K::ColProvince));
    let mut p = st.charts.province.clone();
    let facets = st.facets(ws);
    super::dashboard::province_combo(ui, v, &facets.provinces, &mut p, "chart-province", false);
    st.charts.province = p;
}

/// The x-axis of a chart whose bars stand for districts: the district's name under each bar.
fn name_axis(
    names: Vec<String>,
) -> impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String {
    move |mark, _| {
        let x = mark.value;
        if (x - x.round()).abs() > 1e-6 || x < 0.0 {
            return String::new();
        }
        names.get(x.round() as usize).cloned().unwrap_or_default()
    }
}

fn bars_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    st: &mut UiState,
    out: &mut Vec<Command>,
) {
    let Some(province) = st.charts.province.clone() else {
        ui.weak(v.t(K::NoFactsHere));
        return;
    };
    let t = table_of(ws, v, st, &province);
    let metrics: Vec<String> = t
        .metrics
        .iter()
        .filter(|m| !dashboard::bars(&t, &province, m).is_empty())
        .cloned()
        .collect();
    if st
        .charts
        .metric
        .as_ref()
        .is_none_or(|m| !metrics.contains(m))
    {
        st.charts.metric = metrics.first().cloned();
    }
    ui.horizontal(|ui| {
        province_row(ui, v, ws, st);
        ui.label(v.t(K::ColMetric));
        let mut m = st.charts.metric.clone();
        metric_combo(ui, v, &metrics, &mut m);
        st.charts.metric = m;
    });
    let Some(metric) = st.charts.metric.clone() else {
        ui.weak(v.t(K::NoFactsHere));
        return;
    };
    let data = dashboard::bars(&t, &province, &metric);
    let color = tokens::metric_color(&metric);
    let unit = v
        .unit_label(v.catalogue.metric(&metric).map_or("", |m| m.unit.as_str()))
        .to_owned();
    let bars: Vec<Bar> = data
        .iter()
        .enumerate()
        .map(|(i, (d, val, _))| Bar::new(i as f64, *val).name(d).fill(color).width(0.7))
        .collect();
    let names: Vec<String> = data.iter().map(|d| d.0.clone()).collect();
    let label = v.metric_label(&metric);
    let chart = BarChart::new(label.clone(), bars)
        .color(color)
        .element_formatter(Box::new(move |b, _| {
            format!("{}\n{} {unit}", b.name, format_number(b.value))
        }));
    let n = data.len() as f64;
    let title = format!("{} — {province}", v.metric_label(&metric));
    let scoped = ui.scope(|ui| {
        ui.vertical_centered(|ui| ui.strong(&title));
        Plot::new(("bars", &province, &metric))
            .legend(Legend::default().position(Corner::RightTop))
            .include_x(-0.6)
            .include_x((n - 0.4).max(2.4))
            .include_y(0.0)
            .x_axis_formatter(name_axis(names))
            .y_axis_formatter(|m, _| format_number(m.value))
            .x_axis_label(fill(v.t(K::DistrictsOf), &[("p", &province)]))
            .y_axis_label(label)
            .allow_scroll(false)
            .show(ui, |p| {
                p.bar_chart(chart);
                p.pointer_coordinate()
            })
    });
    // The saved image takes the title and the axes too.
    st.charts.plot_rect = Some(scoped.response.rect);
    let resp = scoped.inner;
    if resp.response.clicked()
        && let Some(pc) = resp.inner
    {
        let i = pc.x.round();
        if i >= 0.0
            && let Some((_, _, row)) = data.get(i as usize)
            && let Some(f) = ws.ref_of(*row)
        {
            out.push(Command::SelectFact(f));
            out.push(Command::ShowCentral(Central::Reader));
        }
    }
}

fn date_label(x: f64) -> String {
    let d = Ymd::from_days_since_epoch(x.round() as i64);
    format_date(&PartialDate::from(d))
}

fn lines_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    st: &mut UiState,
    out: &mut Vec<Command>,
) {
    let ds = &ws.dataset;
    let index = match &st.charts.lines {
        Some(ix) if ix.generation == ds.generation => Arc::clone(ix),
        _ => {
            let ix = Arc::new(LinesIndex::build(ws, v));
            st.charts.lines = Some(Arc::clone(&ix));
            ix
        }
    };
    let metrics = &index.metrics;
    if st
        .charts
        .metric
        .as_ref()
        .is_none_or(|m| !metrics.contains(m))
    {
        st.charts.metric = metrics.first().cloned();
        st.charts.places.clear();
    }
    let Some(metric) = st.charts.metric.clone() else {
        ui.weak(v.t(K::NoFactsHere));
        return;
    };
    let candidates: &[PlaceCount] = index.places.get(&metric).map_or(&[], Vec::as_slice);
    if st.charts.places.is_empty()
        || st
            .charts
            .places
            .iter()
            .all(|p| !candidates.iter().any(|c| &c.0 == p))
    {
        st.charts.places = candidates.iter().take(3).map(|c| c.0.clone()).collect();
    }
    ui.horizontal(|ui| {
        ui.label(v.t(K::ColMetric));
        let mut m = st.charts.metric.clone();
        metric_combo(ui, v, metrics, &mut m);
        if m != st.charts.metric {
            st.charts.places.clear();
        }
        st.charts.metric = m;
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(v.t(K::Places));
        for ((p, d), n) in candidates.iter().take(24) {
            let key = (p.clone(), d.clone());
            let mut on = st.charts.places.contains(&key);
            let name = match d {
                Some(d) => format!("{d} ({p}) · {n}"),
                None => format!("{p} · {n}"),
            };
            if ui.checkbox(&mut on, name).changed() {
                if on {
                    st.charts.places.insert(key);
                } else {
                    st.charts.places.remove(&key);
                }
            }
        }
    });
    let key = (ds.generation, metric.clone(), st.charts.places.clone());
    if st.charts.series_key.as_ref() != Some(&key) {
        st.charts.series = Arc::new(
            st.charts
                .places
                .iter()
                .map(|(p, d)| {
                    let name = d.clone().unwrap_or_else(|| p.clone());
                    (name, dashboard::series(ds, &metric, p, d.as_deref()))
                })
                .filter(|(_, s)| !s.is_empty())
                .collect(),
        );
        st.charts.series_key = Some(key);
    }
    let series = Arc::clone(&st.charts.series);
    let label = v.metric_label(&metric);
    let unit = v
        .unit_label(v.catalogue.metric(&metric).map_or("", |m| m.unit.as_str()))
        .to_owned();
    let title = v.metric_label(&metric);
    let scoped = ui.scope(|ui| {
        ui.vertical_centered(|ui| ui.strong(&title));
        Plot::new(("lines", &metric))
            .legend(Legend::default().position(Corner::RightBottom))
            .include_y(0.0)
            .x_axis_formatter(|m, _| date_label(m.value))
            .y_axis_formatter(|m, _| format_number(m.value))
            .x_axis_label(v.t(K::AsOf))
            .y_axis_label(label)
            .label_formatter(move |hp: &HoverPosition<'_>| match hp {
                HoverPosition::NearDataPoint {
                    plot_name,
                    position,
                    ..
                } => Some(format!(
                    "{plot_name}\n{}: {} {unit}",
                    date_label(position.x),
                    format_number(position.y)
                )),
                HoverPosition::Elsewhere { .. } => None,
            })
            .allow_scroll(false)
            .show(ui, |p| {
                for (i, (name, pts)) in series.iter().enumerate() {
                    let xy: Vec<[f64; 2]> = pts
                        .iter()
                        .map(|q| [q.date.days_since_epoch() as f64, q.value])
                        .collect();
                    let c = series_color(i);
                    p.line(
                        Line::new(name.clone(), PlotPoints::new(xy.clone()))
                            .color(c)
                            .width(2.0),
                    );
                    p.points(
                        Points::new(name.clone(), PlotPoints::new(xy))
                            .color(c)
                            .radius(4.0)
                            .filled(true),
                    );
                }
                p.pointer_coordinate()
            })
    });
    // The saved image takes the title and the axes too.
    st.charts.plot_rect = Some(scoped.response.rect);
    let resp = scoped.inner;
    // A click on a point opens the article it came from.
    if resp.response.clicked()
        && let Some(pos) = resp.response.interact_pointer_pos()
    {
        let mut best: Option<(f32, usize)> = None;
        for (_, pts) in series.iter() {
            for q in pts {
                let sp = resp
                    .transform
                    .position_from_point(&egui_plot::PlotPoint::new(
                        q.date.days_since_epoch() as f64,
                        q.value,
                    ));
                let d = sp.distance(pos);
                if d < 12.0 && best.is_none_or(|b| d < b.0) {
                    best = Some((d, q.row));
                }
            }
        }
        if let Some((_, row)) = best
            && let Some(f) = ws.ref_of(row)
        {
            out.push(Command::SelectFact(f));
            out.push(Command::ShowCentral(Central::Reader));
        }
    }
}

fn grouped_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    st: &mut UiState,
    out: &mut Vec<Command>,
) {
    let groups = &v.catalogue.source.groups;
    if st
        .charts
        .group
        .as_ref()
        .is_none_or(|g| !groups.iter().any(|x| &x.id == g))
    {
        st.charts.group = groups.first().map(|g| g.id.clone());
        st.charts.group_auto = true;
    }
    let Some(province) = st.charts.province.clone() else {
        ui.weak(v.t(K::NoFactsHere));
        return;
    };
    let label_of = |g: &crate::extract::catalogue_schema::GroupDef| match v.lang {
        super::i18n::Lang::Vi => g.label_vi.clone(),
        super::i18n::Lang::En => g.label_en.clone(),
    };
    ui.horizontal(|ui| {
        province_row(ui, v, ws, st);
        ui.label(v.t(K::MetricGroup));
        let shown = st
            .charts
            .group
            .as_ref()
            .and_then(|id| groups.iter().find(|g| &g.id == id))
            .map(label_of)
            .unwrap_or_default();
        let r = egui::ComboBox::from_id_salt("chart-group")
            .selected_text(shown)
            .width(260.0)
            .show_ui(ui, |ui| {
                for g in groups {
                    if ui
                        .selectable_value(&mut st.charts.group, Some(g.id.clone()), label_of(g))
                        .clicked()
                    {
                        // The user chose: keep the choice even where it has no figures.
                        st.charts.group_auto = false;
                    }
                }
            });
        super::name_widget(&r.response, egui::Role::ComboBox, v.t(K::MetricGroup));
    });
    let t = table_of(ws, v, st, &province);
    let has_data = |g: &crate::extract::catalogue_schema::GroupDef| {
        t.blocks
            .iter()
            .flat_map(|b| b.rows.iter())
            .any(|r| r.district.is_some() && g.metrics.iter().any(|m| r.cells.contains_key(m)))
    };
    // A group without figures in this province gives way to one with figures.
    if !st
        .charts
        .group
        .as_ref()
        .and_then(|id| groups.iter().find(|g| &g.id == id))
        .is_some_and(&has_data)
        && let Some(g) = groups.iter().find(|g| has_data(g))
        && st.charts.group_auto
    {
        st.charts.group = Some(g.id.clone());
    }
    let Some(group) = st
        .charts
        .group
        .as_ref()
        .and_then(|id| groups.iter().find(|g| &g.id == id))
        .cloned()
    else {
        return;
    };
    // Districts with a figure for any metric of the group.
    let mut districts: Vec<String> = t
        .blocks
        .iter()
        .flat_map(|b| b.rows.iter())
        .filter(|r| group.metrics.iter().any(|m| r.cells.contains_key(m)))
        .filter_map(|r| r.district.clone())
        .collect();
    districts.sort();
    districts.dedup();
    if districts.is_empty() {
        ui.weak(fill(v.t(K::NoGroupData), &[("p", &province)]));
        st.charts.plot_rect = None;
        return;
    }
    let n = group.metrics.len() as f64;
    let width = 0.8 / n;
    let mut rows_at: Vec<(f64, usize)> = Vec::new();
    let charts: Vec<BarChart> = group
        .metrics
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let color = tokens::metric_color(m);
            let unit = v
                .unit_label(v.catalogue.metric(m).map_or("", |d| d.unit.as_str()))
                .to_owned();
            let bars: Vec<Bar> = districts
                .iter()
                .enumerate()
                .filter_map(|(i, d)| {
                    let c = t.cell(&province, Some(d), m)?;
                    let x = i as f64 - 0.4 + width * (k as f64 + 0.5);
                    rows_at.push((x, c.rows[0]));
                    Some(
                        Bar::new(x, c.value.representative())
                            .name(d)
                            .width(width * 0.95)
                            .fill(color),
                    )
                })
                .collect();
            BarChart::new(v.metric_label(m), bars)
                .color(color)
                .element_formatter(Box::new(move |b, c| {
                    let metric = egui_plot::PlotItem::name(c);
                    format!("{}\n{metric}: {} {unit}", b.name, format_number(b.value))
                }))
        })
        .collect();
    let nd = districts.len() as f64;
    let title = format!("{} — {province}", label_of(&group));
    let scoped = ui.scope(|ui| {
        ui.vertical_centered(|ui| ui.strong(&title));
        Plot::new(("grouped", &province, &group.id))
            .legend(Legend::default().position(Corner::RightTop))
            .include_x(-0.6)
            .include_x((nd - 0.4).max(2.4))
            .include_y(0.0)
            .x_axis_formatter(name_axis(districts.clone()))
            .y_axis_formatter(|m, _| format_number(m.value))
            .x_axis_label(fill(v.t(K::DistrictsOf), &[("p", &province)]))
            .allow_scroll(false)
            .show(ui, |p| {
                for c in charts {
                    p.bar_chart(c);
                }
                p.pointer_coordinate()
            })
    });
    // The saved image takes the title and the axes too.
    st.charts.plot_rect = Some(scoped.response.rect);
    let resp = scoped.inner;
    if resp.response.clicked()
        && let Some(pc) = resp.inner
        && let Some(&(_, row)) = rows_at
            .iter()
            .filter(|(x, _)| (x - pc.x).abs() <= width / 2.0)
            .min_by(|a, b| {
                (a.0 - pc.x)
                    .abs()
                    .partial_cmp(&(b.0 - pc.x).abs())
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
        && let Some(f) = ws.ref_of(row)
    {
        out.push(Command::SelectFact(f));
        out.push(Command::ShowCentral(Central::Reader));
    }
}
