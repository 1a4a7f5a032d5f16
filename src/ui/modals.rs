//! Dialogs over the window: shortcuts, about, skipped files, unsaved changes, recovery, the
//! path field (where no native dialog can be shown) and errors.

use super::i18n::{K, fill};
use super::{Command, Modal, Purpose, UiState, UnsavedChoice, View, tokens};

/// Every shortcut and what it does (the help overlay lists exactly these).
pub const SHORTCUTS: &[(&str, K)] = &[
    ("J / K", K::KeyNextPrev),
    ("A", K::KeyAccept),
    ("R", K::KeyReject),
    ("E", K::KeyEdit),
    ("N", K::KeyNote),
    ("Ctrl+Z", K::KeyUndo),
    ("Ctrl+Shift+Z / Ctrl+Y", K::KeyRedo),
    ("Ctrl+S", K::KeySave),
    ("Ctrl+O", K::KeyOpen),
    ("F5", K::Reload),
    ("F1 / ?", K::KeyHelp),
    ("Esc", K::KeyEscape),
];

/// Shows the open modal, if any.
pub fn modal_ui(ui: &mut egui::Ui, v: &View<'_>, st: &mut UiState, out: &mut Vec<Command>) {
    let Some(modal) = st.modal.as_mut() else {
        return;
    };
    let ctx = ui.ctx().clone();
    let id = egui::Id::unique(("modal", std::mem::discriminant(modal)));
    let resp = egui::Modal::new(id).show(&ctx, |ui| {
        ui.set_max_width(560.0);
        match modal {
            Modal::Help => {
                ui.heading(v.t(K::HelpTitle));
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (keys, k) in SHORTCUTS {
                        ui.monospace(*keys);
                        ui.label(v.t(*k));
                        ui.end_row();
                    }
                });
                close_button(ui, v, out);
            }
            Modal::About => {
                ui.heading("baocao");
                ui.label(fill(v.t(K::VersionX), &[("v", v.version)]));
                ui.label(v.t(K::AboutBody));
                ui.weak(v.t(K::FontLicense));
                close_button(ui, v, out);
            }
            Modal::Skipped => {
                ui.heading(v.t(K::SkippedTitle));
                if let Some(ws) = v.ws {
                    list_grid(ui, "skipped", &[v.t(K::File), v.t(K::Reason)], |ui| {
                        for s in &ws.dataset.skipped {
                            ui.label(&s.rel);
                            ui.label(&s.reason);
                            ui.end_row();
                        }
                        for (rel, first) in ws.dataset.duplicates() {
                            ui.label(rel);
                            ui.label(fill(v.t(K::SameTextAs), &[("file", first)]));
                            ui.end_row();
                        }
                    });
                }
                close_button(ui, v, out);
            }
            Modal::Orphans => {
                ui.heading(v.t(K::OrphansTitle));
                ui.label(v.t(K::OrphansBody));
                if let Some(ws) = v.ws {
                    let head = [v.t(K::File), v.t(K::Evidence), v.t(K::Note)];
                    list_grid(ui, "orphans", &head, |ui| {
                        for (path, o) in &ws.orphans {
                            ui.label(path);
                            ui.label(&o.evidence);
                            ui.label(&o.note);
                            ui.end_row();
                        }
                    });
                }
                close_button(ui, v, out);
            }
            Modal::Unsaved => {
                ui.heading(v.t(K::UnsavedTitle));
                let name = v.ws.map(|w| w.name()).unwrap_or_default();
                ui.label(fill(v.t(K::UnsavedBody), &[("name", &name)]));
                ui.add_space(tokens::GAP);
                ui.horizontal(|ui| {
                    if ui.button(v.t(K::Save)).clicked() {
                        out.push(Command::Unsaved(UnsavedChoice::Save));
                    }
                    if ui.button(v.t(K::Discard)).clicked() {
                        out.push(Command::Unsaved(UnsavedChoice::Discard));
                    }
                    if ui.button(v.t(K::Cancel)).clicked() {
                        out.push(Command::Unsaved(UnsavedChoice::Cancel));
                    }
                });
            }
            Modal::Recovery { saved_at, name } => {
                ui.heading(v.t(K::RecoveryTitle));
                ui.label(fill(
                    v.t(K::RecoveryBody),
                    &[("time", saved_at.as_str()), ("name", name.as_str())],
                ));
                ui.add_space(tokens::GAP);
                ui.horizontal(|ui| {
                    if ui.button(v.t(K::Restore)).clicked() {
                        out.push(Command::RestoreRecovery);
                    }
                    if ui.button(v.t(K::Discard)).clicked() {
                        out.push(Command::DiscardRecovery);
                    }
                });
            }
            Modal::PathInput {
                purpose,
                text,
                no_dialog,
            } => {
                ui.heading(v.t(purpose_title(*purpose)));
                if *no_dialog {
                    ui.colored_label(tokens::WARN, v.t(K::NoDialog));
                }
                let l = ui.label(v.t(K::PathLabel));
                let r = ui
                    .add(
                        egui::TextEdit::singleline(text)
                            .desired_width(520.0)
                            .hint_text(hint(*purpose)),
                    )
                    .labelled_by(l.id);
                if !r.has_focus() && text.is_empty() {
                    r.request_focus();
                }
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    let label = if matches!(
                        purpose,
                        Purpose::SaveAs | Purpose::Export | Purpose::ChartPng
                    ) {
                        v.t(K::Save)
                    } else {
                        v.t(K::Open)
                    };
                    let go = ui
                        .add_enabled(!text.trim().is_empty(), egui::Button::new(label))
                        .clicked();
                    if (go || enter) && !text.trim().is_empty() {
                        let p = expand_home(text.trim());
                        out.push(Command::CloseModal);
                        out.push(match purpose {
                            Purpose::SaveAs => Command::SaveTo(p),
                            Purpose::Catalogue => Command::UseCatalogue(p),
                            Purpose::LocateCorpus => Command::LocateCorpus(p),
                            Purpose::Export => Command::ExportTo(p),
                            Purpose::ChartPng => Command::SaveChart(p),
                            Purpose::OpenFolder | Purpose::OpenSession => Command::Open(p),
                        });
                    }
                    if ui.button(v.t(K::Cancel)).clicked() {
                        out.push(Command::CloseModal);
                    }
                });
            }
            Modal::Export {
                format,
                only_reviewed,
            } => {
                ui.heading(v.t(K::ExportTitle));
                ui.label(v.t(K::ExportFormatLabel));
                for f in crate::export::ExportFormat::ALL {
                    ui.radio_value(format, f, format!("{} (.{})", f.name(), f.extension()));
                }
                ui.checkbox(only_reviewed, v.t(K::OnlyReviewed));
                ui.add_space(tokens::GAP);
                ui.horizontal(|ui| {
                    if ui.button(v.t(K::ExportButton)).clicked() {
                        out.push(Command::CloseModal);
                        out.push(Command::Export {
                            format: *format,
                            only_reviewed: *only_reviewed,
                        });
                    }
                    if ui.button(v.t(K::Cancel)).clicked() {
                        out.push(Command::CloseModal);
                    }
                });
            }
            Modal::Error { title, body } => {
                ui.heading(title.as_str());
                ui.label(body.as_str());
                close_button(ui, v, out);
            }
        }
    });
    // Esc or a click outside closes the informative ones; questions need an answer.
    if resp.should_close()
        && matches!(
            st.modal,
            Some(
                Modal::Help
                    | Modal::About
                    | Modal::Skipped
                    | Modal::Orphans
                    | Modal::Error { .. }
                    | Modal::PathInput { .. }
            )
        )
    {
        out.push(Command::CloseModal);
    }
}

/// A scrolling, striped list with a header row; `rows` adds the rows.
fn list_grid(ui: &mut egui::Ui, id: &str, header: &[&str], rows: impl FnOnce(&mut egui::Ui)) {
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            egui::Grid::new(id)
                .striped(true)
                .num_columns(header.len())
                .show(ui, |ui| {
                    for h in header {
                        ui.strong(*h);
                    }
                    ui.end_row();
                    rows(ui);
                });
        });
}

fn close_button(ui: &mut egui::Ui, v: &View<'_>, out: &mut Vec<Command>) {
    ui.add_space(tokens::GAP);
    if ui.button(v.t(K::Close)).clicked() {
        out.push(Command::CloseModal);
    }
}

fn purpose_title(p: Purpose) -> K {
    match p {
        Purpose::OpenFolder => K::OpenFolder,
        Purpose::OpenSession => K::OpenSession,
        Purpose::SaveAs => K::SaveAs,
        Purpose::Catalogue => K::UseCatalogue,
        Purpose::LocateCorpus => K::LocateCorpus,
        Purpose::Export => K::ExportTitle,
        Purpose::ChartPng => K::SavePng,
    }
}

fn hint(p: Purpose) -> &'static str {
    match p {
        Purpose::OpenFolder | Purpose::LocateCorpus => "/home/…/bao-cao",
        Purpose::OpenSession => "/home/…/phien.ron",
        Purpose::SaveAs => "/home/…/phien.ron",
        Purpose::Catalogue => "/home/…/metrics.ron",
        Purpose::Export => "/home/…/so-lieu.xlsx",
        Purpose::ChartPng => "/home/…/bieu-do.png",
    }
}

/// "~/x" → the home folder's x.
fn expand_home(s: &str) -> std::path::PathBuf {
    if let Some(rest) = s.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))
    {
        return std::path::PathBuf::from(home).join(rest);
    }
    std::path::PathBuf::from(s)
}
