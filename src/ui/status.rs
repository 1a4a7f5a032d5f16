//! The status bar: progress of background work with Cancel, counts, skipped files, messages.

use super::i18n::{K, fill};
use super::{Command, Modal, View, tokens};

/// One line at the bottom of the window.
pub fn status_bar_ui(ui: &mut egui::Ui, v: &View<'_>, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if let Some(b) = &v.busy {
            ui.spinner();
            let frac = if b.total > 0 {
                b.done as f32 / b.total as f32
            } else {
                0.0
            };
            ui.label(format!("{} {}/{}", v.t(b.what), b.done, b.total));
            ui.add(
                egui::ProgressBar::new(frac)
                    .desired_width(180.0)
                    .show_percentage(),
            );
            ui.weak(&b.current);
            if ui.button(v.t(K::Cancel)).clicked() {
                out.push(Command::CancelTask);
            }
        } else if let Some(ws) = v.ws {
            let ds = &ws.dataset;
            let (shown, reviewed) = (ds.shown_articles, ds.reviewed);
            ui.label(fill(v.t(K::ArticlesN), &[("n", &shown.to_string())]));
            ui.separator();
            ui.label(fill(v.t(K::FactsN), &[("n", &ds.rows.len().to_string())]));
            ui.separator();
            ui.label(fill(v.t(K::ReviewedN), &[("n", &reviewed.to_string())]));
            let skipped = ds.skipped.len() + ds.duplicates().count();
            if skipped > 0 {
                ui.separator();
                let t = fill(v.t(K::SkippedN), &[("n", &skipped.to_string())]);
                if ui
                    .link(egui::RichText::new(t).color(tokens::WARN))
                    .clicked()
                {
                    out.push(Command::ShowModal(Modal::Skipped));
                }
            }
            if !ws.orphans.is_empty() {
                ui.separator();
                let t = fill(v.t(K::OrphansN), &[("n", &ws.orphans.len().to_string())]);
                if ui
                    .link(egui::RichText::new(t).color(tokens::WARN))
                    .clicked()
                {
                    out.push(Command::ShowModal(Modal::Orphans));
                }
            }
            if ws.is_dirty() {
                ui.separator();
                ui.label(egui::RichText::new(v.t(K::UnsavedMark)).italics());
            }
        }
        if let Some(n) = v.notice {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.small_button(v.t(K::Dismiss)).clicked() {
                    out.push(Command::DismissNotice);
                }
                let text = egui::RichText::new(&n.text);
                ui.label(if n.warning {
                    text.color(tokens::WARN)
                } else {
                    text
                });
            });
        }
    });
}
