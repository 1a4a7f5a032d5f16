//! The start screen: what a person sees after double-clicking baocao with nothing open.

use super::i18n::K;
use super::{Command, Purpose, View, short_path, tokens};

/// Open folder…, Open session…, the sample, and the recent folders and sessions.
pub fn start_ui(ui: &mut egui::Ui, v: &View<'_>, out: &mut Vec<Command>) {
    let idle = v.busy.is_none();
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.12);
        ui.heading(egui::RichText::new("baocao").size(32.0).strong());
        ui.label(v.t(K::Tagline));
        ui.add_space(tokens::GAP * 3.0);
        ui.label(v.t(K::DropHint));
        ui.add_space(tokens::GAP);
        ui.add_enabled_ui(idle, |ui| {
            let size = egui::vec2(280.0, 32.0);
            if ui
                .add_sized(size, egui::Button::new(v.t(K::OpenFolder)))
                .clicked()
            {
                out.push(Command::Dialog(Purpose::OpenFolder));
            }
            if ui
                .add_sized(size, egui::Button::new(v.t(K::OpenSession)))
                .clicked()
            {
                out.push(Command::Dialog(Purpose::OpenSession));
            }
            if ui
                .add_sized(size, egui::Button::new(v.t(K::OpenSample)))
                .clicked()
            {
                out.push(Command::OpenSample);
            }
            if ui.link(v.t(K::TypeAPath)).clicked() {
                out.push(Command::TypePath(Purpose::OpenFolder));
            }
        });
        ui.add_space(tokens::GAP * 3.0);
        ui.columns(2, |cols| {
            recent_ui(&mut cols[0], v, K::RecentFolders, v.recent_folders, out);
            recent_ui(&mut cols[1], v, K::RecentSessions, v.recent_sessions, out);
        });
    });
}

fn recent_ui(
    ui: &mut egui::Ui,
    v: &View<'_>,
    title: K,
    paths: &[std::path::PathBuf],
    out: &mut Vec<Command>,
) {
    ui.vertical_centered(|ui| {
        ui.strong(v.t(title));
        if paths.is_empty() {
            ui.weak(v.t(K::NoRecent));
        }
        for p in paths {
            let r = ui
                .add_enabled(v.busy.is_none(), egui::Link::new(short_path(p)))
                .on_hover_text(p.display().to_string());
            if r.clicked() {
                out.push(Command::Open(p.clone()));
            }
        }
    });
}
