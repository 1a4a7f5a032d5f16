//! The menu bar, and the keyboard shortcuts it shows (the app consumes the same ones).

use super::i18n::{K, Lang};
use super::{Command, Modal, Purpose, ThemePref, View, short_path};
use egui::{Key, KeyboardShortcut, Modifiers};

pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
pub const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
pub const RELOAD: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);

fn item(
    ui: &mut egui::Ui,
    label: &str,
    shortcut: Option<&KeyboardShortcut>,
    enabled: bool,
) -> bool {
    let mut b = egui::Button::new(label);
    if let Some(s) = shortcut {
        b = b.shortcut_text(ui.ctx().format_shortcut(s));
    }
    let clicked = ui.add_enabled(enabled, b).clicked();
    if clicked {
        ui.close();
    }
    clicked
}

/// File, Edit, View and Help menus.
pub fn menu_bar_ui(ui: &mut egui::Ui, v: &View<'_>, out: &mut Vec<Command>) {
    let has_ws = v.ws.is_some();
    let idle = v.busy.is_none();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(v.t(K::MenuFile), |ui| {
            if item(ui, v.t(K::OpenFolder), Some(&OPEN), idle) {
                out.push(Command::Dialog(Purpose::OpenFolder));
            }
            if item(ui, v.t(K::OpenSession), None, idle) {
                out.push(Command::Dialog(Purpose::OpenSession));
            }
            if item(ui, v.t(K::TypeAPath), None, idle) {
                out.push(Command::TypePath(Purpose::OpenFolder));
            }
            if item(ui, v.t(K::OpenSample), None, idle) {
                out.push(Command::OpenSample);
            }
            ui.add_enabled_ui(idle, |ui| {
                ui.menu_button(v.t(K::Recent), |ui| {
                    if v.recent_folders.is_empty() && v.recent_sessions.is_empty() {
                        ui.label(v.t(K::NoRecent));
                    }
                    for p in v.recent_sessions.iter().chain(v.recent_folders) {
                        if ui
                            .button(short_path(p))
                            .on_hover_text(p.display().to_string())
                            .clicked()
                        {
                            out.push(Command::Open(p.clone()));
                            ui.close();
                        }
                    }
                });
            });
            ui.separator();
            if item(ui, v.t(K::Save), Some(&SAVE), has_ws && idle) {
                out.push(Command::Save);
            }
            if item(ui, v.t(K::SaveAs), Some(&SAVE_AS), has_ws && idle) {
                out.push(Command::Dialog(Purpose::SaveAs));
            }
            if item(ui, v.t(K::ExportMenu), None, has_ws && idle) {
                out.push(Command::ShowModal(Modal::Export {
                    format: crate::export::ExportFormat::Xlsx,
                    only_reviewed: false,
                }));
            }
            ui.separator();
            if item(ui, v.t(K::Reload), Some(&RELOAD), has_ws && idle) {
                out.push(Command::Reload);
            }
            if item(ui, v.t(K::Reextract), None, has_ws && idle) {
                out.push(Command::Reextract);
            }
            if item(ui, v.t(K::UseCatalogue), None, has_ws && idle) {
                out.push(Command::Dialog(Purpose::Catalogue));
            }
            if item(ui, v.t(K::CloseWork), None, has_ws && idle) {
                out.push(Command::CloseWork);
            }
            ui.separator();
            if item(ui, v.t(K::Quit), Some(&QUIT), true) {
                out.push(Command::Quit);
            }
        });
        ui.menu_button(v.t(K::MenuEdit), |ui| {
            let (can_undo, can_redo) = v.ws.map_or((false, false), |w| {
                (w.history.can_undo(), w.history.can_redo())
            });
            if item(ui, v.t(K::Undo), Some(&UNDO), can_undo) {
                out.push(Command::Undo);
            }
            if item(ui, v.t(K::Redo), Some(&REDO), can_redo) {
                out.push(Command::Redo);
            }
        });
        ui.menu_button(v.t(K::MenuView), |ui| {
            ui.menu_button(v.t(K::Theme), |ui| {
                for (t, k) in [
                    (ThemePref::System, K::ThemeSystem),
                    (ThemePref::Light, K::ThemeLight),
                    (ThemePref::Dark, K::ThemeDark),
                ] {
                    if ui.radio(v.theme == t, v.t(k)).clicked() {
                        out.push(Command::SetTheme(t));
                        ui.close();
                    }
                }
            });
            ui.menu_button(v.t(K::Language), |ui| {
                for (l, k) in [(Lang::Vi, K::Vietnamese), (Lang::En, K::English)] {
                    if ui.radio(v.lang == l, v.t(k)).clicked() {
                        out.push(Command::SetLang(l));
                        ui.close();
                    }
                }
            });
            let skipped = v.ws.map_or(0, |w| {
                w.dataset.skipped.len() + w.dataset.duplicates().count()
            });
            if item(ui, v.t(K::SkippedTitle), None, skipped > 0) {
                out.push(Command::ShowModal(Modal::Skipped));
            }
        });
        ui.menu_button(v.t(K::MenuHelp), |ui| {
            let f1 = KeyboardShortcut::new(Modifiers::NONE, Key::F1);
            if item(ui, v.t(K::Shortcuts), Some(&f1), true) {
                out.push(Command::ShowModal(Modal::Help));
            }
            if item(ui, v.t(K::About), None, true) {
                out.push(Command::ShowModal(Modal::About));
            }
        });
    });
}
