//! The review panel: the selected fact's evidence and every field a reviewer can correct,
//! with accept, reject, reset, apply to identical spans; and the add-a-fact form.
//!
//! Fields commit when they lose focus or on Enter, each as one undoable edit. The place field
//! suggests districts from the gazetteer as one types; picking one fills the province too.

use super::i18n::{K, fill};
use super::{AddForm, Command, Focus, ReviewForm, UiState, View, place_suggestions, tokens};
use crate::dataset::{Origin, Row};
use crate::input::{DateInput, format_date, format_value, parse_date, parse_tags, parse_value};
use crate::model::{PartialDate, Place, Value};
use crate::review::{ManualFact, Status};
use crate::workspace::{FactPatch, FactRef, Workspace};

/// The right panel.
pub fn review_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    st: &mut UiState,
    out: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .id_salt("review-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(tokens::GAP / 2.0);
            if st.add.is_some() {
                add_ui(ui, v, ws, st, out);
                return;
            }
            ui.heading(v.t(K::Review));
            let Some(fact) = st.fact.clone() else {
                ui.weak(v.t(K::NoFact));
                return;
            };
            let Some(row) = ws.row_of(&fact) else {
                ui.weak(v.t(K::NoFact));
                return;
            };
            form_ui(ui, v, ws, st, &fact, row, out);
        });
}

fn default_year(ws: &Workspace, r: &Row) -> Option<i32> {
    ws.dataset.articles[r.article]
        .extraction
        .meta
        .published
        .map(|d| d.year)
}

fn load_form(ws: &Workspace, fact: &FactRef, r: &Row) -> ReviewForm {
    ReviewForm {
        target: Some((fact.clone(), ws.dataset.generation)),
        metric: r.metric.clone(),
        value: format_value(&r.value),
        district: r.place.district.clone().unwrap_or_default(),
        province: r.place.province.clone().unwrap_or_default(),
        as_of: r.as_of.map(|d| format_date(&d)).unwrap_or_default(),
        note: r.note.clone(),
        tags: r.tags.join(", "),
        error: None,
        suggest_rect: None,
    }
}

fn place_of(district: &str, province: &str) -> Place {
    let s = |x: &str| {
        let x = crate::text::nfc(x.trim());
        (!x.is_empty()).then_some(x)
    };
    Place {
        district: s(district),
        province: s(province),
    }
}

/// The form as a patch, or the key of what is wrong with it.
fn patch_of(f: &ReviewForm, year: Option<i32>, status: Option<Status>) -> Result<FactPatch, K> {
    let value = parse_value(&f.value).ok_or(K::BadValue)?;
    let as_of = match parse_date(&f.as_of, year).ok_or(K::BadDate)? {
        DateInput::Empty => None,
        DateInput::Date(d) => Some(d),
    };
    Ok(FactPatch {
        metric: f.metric.clone(),
        value,
        place: place_of(&f.district, &f.province),
        as_of,
        note: crate::text::nfc(f.note.trim()),
        tags: parse_tags(&f.tags),
        status,
    })
}

/// True when the patch changes something of the row.
fn differs(p: &FactPatch, r: &Row) -> bool {
    p.metric != r.metric
        || p.value != r.value
        || p.place != r.place
        || p.as_of != r.as_of
        || p.note != r.note
        || p.tags != r.tags
        || p.status.is_some_and(|s| s != r.status)
}

#[allow(clippy::too_many_lines)]
fn form_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    st: &mut UiState,
    fact: &FactRef,
    row: usize,
    out: &mut Vec<Command>,
) {
    let ds = &ws.dataset;
    let r = &ds.rows[row];
    let target = (fact.clone(), ds.generation);
    if st.form.target.as_ref() != Some(&target) {
        st.form = load_form(ws, fact, r);
    }
    let manual_id = match r.origin {
        Origin::Manual(id) => Some(id),
        Origin::Machine(_) => None,
    };
    let year = default_year(ws, r);

    // Evidence and provenance.
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter()
            .rect_filled(rect, 2.0, tokens::metric_color(&r.metric));
        ui.strong(v.metric_label(&r.metric));
    });
    ui.label(egui::RichText::new(format!("“{}”", r.evidence(ds))).italics());
    let (mark, color) = super::table::status_mark(r.status, r.corrected, manual_id.is_some());
    ui.horizontal(|ui| {
        ui.colored_label(color, format!("{mark} {}", v.status_label(r.status)));
        if manual_id.is_some() {
            ui.weak(v.t(K::Manual));
        } else {
            ui.weak(format!("{} {:.2}", v.t(K::Confidence), r.confidence))
                .on_hover_text(format!("{}: {}", v.t(K::Rule), r.rule));
        }
    });
    if let Some(mv) = r.machine_value {
        ui.weak(fill(v.t(K::MachineSaid), &[("x", &mv.to_string())]));
    }
    ui.separator();

    let mut commit = false;
    let mut pick: Option<Place> = None;
    let focus = st.focus.take();
    egui::Grid::new("review-form")
        .num_columns(2)
        .spacing([tokens::GAP, tokens::GAP / 2.0])
        .show(ui, |ui| {
            let l = ui.label(v.t(K::Metric));
            commit |= metric_combo(ui, v, "review-metric", &mut st.form.metric, l.id);
            ui.end_row();

            let l = ui.label(v.t(K::Value));
            let resp = ui
                .add(egui::TextEdit::singleline(&mut st.form.value).desired_width(f32::INFINITY))
                .labelled_by(l.id);
            if focus == Some(Focus::Value) {
                resp.request_focus();
            }
            commit |= resp.lost_focus();
            ui.end_row();

            ui.label(v.t(K::Unit));
            ui.label(if r.unit.is_empty() {
                "—"
            } else {
                v.unit_label(&r.unit)
            });
            ui.end_row();

            let l = ui.label(v.t(K::District));
            let d = ui
                .add(egui::TextEdit::singleline(&mut st.form.district).desired_width(f32::INFINITY))
                .labelled_by(l.id);
            let over_suggestions = st
                .form
                .suggest_rect
                .zip(ui.ctx().pointer_latest_pos())
                .is_some_and(|(rect, p)| rect.contains(p));
            commit |= d.lost_focus() && !over_suggestions;
            ui.end_row();
            let typing_place = d.has_focus() || over_suggestions;

            let l = ui.label(v.t(K::Province));
            let p = ui
                .add(egui::TextEdit::singleline(&mut st.form.province).desired_width(f32::INFINITY))
                .labelled_by(l.id);
            commit |= p.lost_focus();
            ui.end_row();

            if typing_place {
                ui.label("");
                let inner = ui.vertical(|ui| {
                    for s in place_suggestions(v.gazetteer, &st.form.district, &st.form.province, 6)
                    {
                        if ui.button(s.label()).clicked() {
                            pick = Some(s);
                        }
                    }
                });
                st.form.suggest_rect = Some(inner.response.rect);
                ui.end_row();
            } else {
                st.form.suggest_rect = None;
            }

            let l = ui.label(v.t(K::AsOf));
            let a = ui
                .add(
                    egui::TextEdit::singleline(&mut st.form.as_of)
                        .hint_text("23/09/2021")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
            commit |= a.lost_focus();
            ui.end_row();

            let l = ui.label(v.t(K::Note));
            let n = ui
                .add(
                    egui::TextEdit::multiline(&mut st.form.note)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
            if focus == Some(Focus::Note) {
                n.request_focus();
            }
            commit |= n.lost_focus();
            ui.end_row();

            let l = ui.label(v.t(K::Tags));
            let t = ui
                .add(
                    egui::TextEdit::singleline(&mut st.form.tags)
                        .hint_text(v.t(K::TagsHint))
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
            commit |= t.lost_focus();
            ui.end_row();
        });
    if let Some(p) = pick {
        st.form.district = p.district.clone().unwrap_or_default();
        st.form.province = p.province.clone().unwrap_or_default();
        st.form.suggest_rect = None;
        commit = true;
    }
    if let Some(e) = st.form.error {
        ui.colored_label(tokens::ERROR, v.t(e));
    }
    ui.add_space(tokens::GAP);

    let mut send =
        |st: &mut UiState, status: Option<Status>, advance: bool, always: bool| match patch_of(
            &st.form, year, status,
        ) {
            Ok(patch) => {
                st.form.error = None;
                if always || differs(&patch, r) {
                    out.push(Command::Patch {
                        fact: fact.clone(),
                        patch,
                        advance,
                    });
                }
            }
            Err(k) => st.form.error = Some(k),
        };
    if commit {
        send(st, None, false, false);
    }
    ui.horizontal_wrapped(|ui| {
        let accept =
            egui::Button::new(egui::RichText::new(v.t(K::AcceptKey)).color(tokens::ACCEPTED));
        if ui.add(accept).clicked() {
            send(st, Some(Status::Accepted), true, true);
        }
        let reject =
            egui::Button::new(egui::RichText::new(v.t(K::RejectKey)).color(tokens::REJECTED));
        if ui.add(reject).clicked() {
            send(st, Some(Status::Rejected), true, true);
        }
        if ui.button(v.t(K::SaveEdits)).clicked() {
            send(st, None, false, false);
        }
    });
    ui.horizontal_wrapped(|ui| {
        if r.status != Status::Pending && ui.button(v.t(K::MarkPending)).clicked() {
            out.push(Command::SetStatus {
                fact: fact.clone(),
                status: Status::Pending,
                advance: false,
            });
        }
        if manual_id.is_none() && r.corrected && ui.button(v.t(K::ResetToMachine)).clicked() {
            out.push(Command::ResetFact(fact.clone()));
        }
        if let Some(id) = manual_id
            && ui.button(v.t(K::DeleteManual)).clicked()
        {
            out.push(Command::DeleteManual(id));
        }
    });
    if manual_id.is_none() {
        let n = st.identical_count(ws, row);
        if n > 1
            && ui
                .button(fill(v.t(K::ApplyIdentical), &[("n", &(n - 1).to_string())]))
                .on_hover_text(v.t(K::ApplyIdenticalHint))
                .clicked()
        {
            out.push(Command::ApplyToIdentical(fact.clone()));
        }
    }
}

/// A combo box over the catalogue's metrics (and `other`). True when the choice changed.
fn metric_combo(
    ui: &mut egui::Ui,
    v: &View<'_>,
    id: &str,
    metric: &mut String,
    label: egui::Id,
) -> bool {
    let before = metric.clone();
    let r = egui::ComboBox::from_id_salt(id)
        .selected_text(v.metric_label(metric))
        .width(ui.available_width().max(160.0))
        .height(400.0)
        .show_ui(ui, |ui| {
            for m in &v.catalogue.metrics {
                let label = format!("{} · {}", v.metric_label(&m.id), m.id);
                ui.selectable_value(metric, m.id.clone(), label);
            }
            if v.catalogue.metric("other").is_none() {
                ui.selectable_value(metric, "other".to_owned(), v.t(K::Other));
            }
        });
    r.response.labelled_by(label);
    *metric != before
}

/// Starts the add form from a drafted fact.
pub fn add_form_of(draft: ManualFact) -> AddForm {
    AddForm {
        metric: draft.metric.clone(),
        value: if draft.value == Value::Exact(0.0) {
            String::new()
        } else {
            format_value(&draft.value)
        },
        district: draft.place.district.clone().unwrap_or_default(),
        province: draft.place.province.clone().unwrap_or_default(),
        as_of: draft.as_of.map(|d| format_date(&d)).unwrap_or_default(),
        note: String::new(),
        error: None,
        suggest_rect: None,
        draft,
    }
}

fn add_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    ws: &Workspace,
    st: &mut UiState,
    out: &mut Vec<Command>,
) {
    let Some(form) = st.add.as_mut() else {
        return;
    };
    ui.heading(v.t(K::AddFact));
    ui.label(egui::RichText::new(format!("“{}”", form.draft.evidence)).italics());
    ui.separator();
    let mut pick: Option<Place> = None;
    egui::Grid::new("add-form")
        .num_columns(2)
        .spacing([tokens::GAP, tokens::GAP / 2.0])
        .show(ui, |ui| {
            let l = ui.label(v.t(K::Metric));
            metric_combo(ui, v, "add-metric", &mut form.metric, l.id);
            ui.end_row();
            let l = ui.label(v.t(K::Value));
            let r = ui
                .add(egui::TextEdit::singleline(&mut form.value).desired_width(f32::INFINITY))
                .labelled_by(l.id);
            if form.value.is_empty() && !r.has_focus() && form.error.is_none() {
                r.request_focus();
            }
            ui.end_row();
            let l = ui.label(v.t(K::District));
            let d = ui
                .add(egui::TextEdit::singleline(&mut form.district).desired_width(f32::INFINITY))
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(v.t(K::Province));
            ui.add(egui::TextEdit::singleline(&mut form.province).desired_width(f32::INFINITY))
                .labelled_by(l.id);
            ui.end_row();
            let over = form
                .suggest_rect
                .zip(ui.ctx().pointer_latest_pos())
                .is_some_and(|(rect, p)| rect.contains(p));
            if d.has_focus() || over {
                ui.label("");
                let inner = ui.vertical(|ui| {
                    for s in place_suggestions(v.gazetteer, &form.district, &form.province, 6) {
                        if ui.button(s.label()).clicked() {
                            pick = Some(s);
                        }
                    }
                });
                form.suggest_rect = Some(inner.response.rect);
                ui.end_row();
            } else {
                form.suggest_rect = None;
            }
            let l = ui.label(v.t(K::AsOf));
            ui.add(
                egui::TextEdit::singleline(&mut form.as_of)
                    .hint_text("23/09/2021")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(v.t(K::Note));
            ui.add(egui::TextEdit::singleline(&mut form.note).desired_width(f32::INFINITY))
                .labelled_by(l.id);
            ui.end_row();
        });
    if let Some(p) = pick {
        form.district = p.district.unwrap_or_default();
        form.province = p.province.unwrap_or_default();
    }
    if let Some(e) = form.error {
        ui.colored_label(tokens::ERROR, v.t(e));
    }
    let year = ws
        .dataset
        .article_index(&form.draft.article)
        .and_then(|i| ws.dataset.articles[i].extraction.meta.published)
        .map(|d| d.year);
    let mut close = false;
    ui.horizontal(|ui| {
        let enter = ui.input(|i| i.key_pressed(egui::Key::Enter) && !i.modifiers.shift);
        if ui.button(v.t(K::Add)).clicked() || enter {
            match finish_add(form, year, v) {
                Ok(m) => {
                    out.push(Command::AddManual(m));
                    close = true;
                }
                Err(k) => form.error = Some(k),
            }
        }
        if ui.button(v.t(K::Cancel)).clicked() {
            close = true;
        }
    });
    if close {
        st.add = None;
    }
}

fn finish_add(form: &AddForm, year: Option<i32>, v: &View<'_>) -> Result<ManualFact, K> {
    let value = parse_value(&form.value).ok_or(K::BadValue)?;
    let as_of: Option<PartialDate> = match parse_date(&form.as_of, year).ok_or(K::BadDate)? {
        DateInput::Empty => None,
        DateInput::Date(d) => Some(d),
    };
    let mut m = form.draft.clone();
    if m.metric != form.metric {
        m.unit = v
            .catalogue
            .metric(&form.metric)
            .map(|d| d.unit.clone())
            .unwrap_or_default();
    }
    m.metric = form.metric.clone();
    m.value = value;
    m.place = place_of(&form.district, &form.province);
    m.as_of = as_of;
    m.note = crate::text::nfc(form.note.trim());
    m.status = Status::Accepted;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_with_a_bad_value_or_date_says_which() {
        let mut f = ReviewForm {
            metric: "cases_new".into(),
            value: "12".into(),
            ..ReviewForm::default()
        };
        assert!(patch_of(&f, Some(2021), None).is_ok());
        f.value = "mười hai".into();
        assert_eq!(patch_of(&f, Some(2021), None), Err(K::BadValue));
        f.value = "12".into();
        f.as_of = "hôm qua".into();
        assert_eq!(patch_of(&f, Some(2021), None), Err(K::BadDate));
        f.as_of = "23/9".into();
        let p = patch_of(&f, Some(2021), None).unwrap();
        assert_eq!(p.as_of.unwrap().year, Some(2021));
    }
}
