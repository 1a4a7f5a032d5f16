//! The egui side of the app: panels that read one resolved view and emit [`Command`]s.
//!
//! Why this shape: drawing code that changes state directly is hard to test and easy to get
//! wrong (a click handled twice, an edit that skips undo). Here every `*_ui` function takes
//! the read-only [`View`], its own [`UiState`] (selection, filters, form buffers: things that
//! only matter to the screen) and a list to push commands into; the app applies the commands
//! after the frame is drawn, through the workspace, so that every review action is undoable.
//! No function in this module does I/O or runs extraction.

pub mod articles;
pub mod charts;
pub mod dashboard;
pub mod fonts;
pub mod i18n;
pub mod menu;
pub mod modals;
pub mod reader;
pub mod review;
pub mod start;
pub mod status;
pub mod table;
pub mod tokens;

use crate::dataset::{Filter, Sort};
use crate::extract::catalogue::Catalogue;
use crate::extract::gazetteer::Gazetteer;
use crate::model::Place;
use crate::review::{ArticleNote, ManualFact, Status};
use crate::workspace::{FactPatch, FactRef, Workspace};
use i18n::{K, Lang, tr};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;

/// What the UI asks the app to do. Every review command names its target explicitly, so the
/// order in which commands of one frame are applied does not matter.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show the native dialog (or the path field where there is none).
    Dialog(Purpose),
    /// Show the path field.
    TypePath(Purpose),
    /// Open a folder of reports, a report file or a session file.
    Open(PathBuf),
    /// Open files dropped on the window.
    OpenDropped(Vec<PathBuf>),
    OpenSample,
    Save,
    SaveTo(PathBuf),
    UseCatalogue(PathBuf),
    /// The folder of a session whose corpus was not found where the session said.
    LocateCorpus(PathBuf),
    Reextract,
    /// Read the folder again, extracting only the files that changed.
    Reload,
    CancelTask,
    /// Close the open work (back to the start screen).
    CloseWork,
    Quit,
    Undo,
    Redo,
    SelectArticle(usize),
    SelectFact(FactRef),
    /// Next (+1) or previous (-1) fact of the table's view.
    Step(i32),
    SetStatus {
        fact: FactRef,
        status: Status,
        advance: bool,
    },
    Patch {
        fact: FactRef,
        patch: FactPatch,
        advance: bool,
    },
    ResetFact(FactRef),
    ApplyToIdentical(FactRef),
    AcceptAbove(f32),
    AddManual(ManualFact),
    DeleteManual(u64),
    /// Start the add-a-fact form from the reader's selection.
    DraftFromSelection {
        article: usize,
        start: usize,
        end: usize,
    },
    ArticleNote {
        article: usize,
        note: ArticleNote,
    },
    /// Show the reader, the dashboard or the charts in the centre.
    ShowCentral(Central),
    /// Write the chosen export to this file.
    ExportTo(PathBuf),
    /// Save the chart on screen as a PNG image.
    SaveChart(PathBuf),
    /// Export the dataset (after choosing where).
    Export {
        format: crate::export::ExportFormat,
        only_reviewed: bool,
    },
    SetLang(Lang),
    SetTheme(ThemePref),
    ShowModal(Modal),
    CloseModal,
    /// Answer to the unsaved-changes question.
    Unsaved(UnsavedChoice),
    RestoreRecovery,
    DiscardRecovery,
    DismissNotice,
}

/// What a file dialog or path field is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    OpenFolder,
    OpenSession,
    SaveAs,
    Catalogue,
    /// The folder of a session whose corpus was not found.
    LocateCorpus,
    /// Where to write an export.
    Export,
    /// Where to save the chart as a PNG image.
    ChartPng,
}

/// What the centre of the window shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Central {
    #[default]
    Reader,
    Dashboard,
    Charts,
}

/// Answers to "save the changes first?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    Save,
    Discard,
    Cancel,
}

/// Theme preference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemePref {
    #[default]
    System,
    Light,
    Dark,
}

/// A dialog over the window.
#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    Help,
    About,
    Skipped,
    /// Reviews of changed reports that found no place in the new text.
    Orphans,
    /// Unsaved changes: save, discard or cancel before going on.
    Unsaved,
    /// An autosave from a session that did not end cleanly.
    Recovery {
        saved_at: String,
        name: String,
    },
    /// A path typed by hand.
    PathInput {
        purpose: Purpose,
        text: String,
        /// True when shown because no native dialog could be shown.
        no_dialog: bool,
    },
    /// Something failed: what and why.
    Error {
        title: String,
        body: String,
    },
    /// Export: format and which facts.
    Export {
        format: crate::export::ExportFormat,
        only_reviewed: bool,
    },
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub warning: bool,
}

/// Progress of background work, as the status bar shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct BusyView {
    pub what: K,
    pub done: usize,
    pub total: usize,
    pub current: String,
}

/// Everything a panel reads: the open work and the app's settings, read-only.
pub struct View<'a> {
    pub ws: Option<&'a Workspace>,
    pub lang: Lang,
    pub catalogue: &'a Catalogue,
    pub gazetteer: &'a Gazetteer,
    pub busy: Option<BusyView>,
    pub recent_folders: &'a [PathBuf],
    pub recent_sessions: &'a [PathBuf],
    pub notice: Option<&'a Notice>,
    pub theme: ThemePref,
    pub version: &'a str,
}

impl View<'_> {
    /// A UI string in the current language.
    pub fn t(&self, k: K) -> &'static str {
        tr(self.lang, k)
    }

    /// A metric's label in the current language.
    pub fn metric_label(&self, id: &str) -> String {
        match self.catalogue.metric(id) {
            Some(m) => match self.lang {
                Lang::Vi => m.label_vi.clone(),
                Lang::En => m.label_en.clone(),
            },
            None if id == "other" => self.t(K::Other).to_owned(),
            None => id.to_owned(),
        }
    }

    /// A unit as people write it ("ca", "liều", "đồng"); unknown ids are shown as they are.
    pub fn unit_label<'u>(&self, unit: &'u str) -> &'u str {
        let vi = self.lang == Lang::Vi;
        match unit {
            "cases" => {
                if vi {
                    "ca"
                } else {
                    "cases"
                }
            }
            "people" => {
                if vi {
                    "người"
                } else {
                    "people"
                }
            }
            "doses" => {
                if vi {
                    "liều"
                } else {
                    "doses"
                }
            }
            "households" => {
                if vi {
                    "hộ"
                } else {
                    "households"
                }
            }
            "points" => {
                if vi {
                    "điểm"
                } else {
                    "points"
                }
            }
            "percent" => "%",
            "VND" => {
                if vi {
                    "đồng"
                } else {
                    "VND"
                }
            }
            "beds" => {
                if vi {
                    "giường"
                } else {
                    "beds"
                }
            }
            "facilities" => {
                if vi {
                    "cơ sở"
                } else {
                    "facilities"
                }
            }
            "teams" => {
                if vi {
                    "tổ, đội"
                } else {
                    "teams"
                }
            }
            "count" => {
                if vi {
                    "số lượng"
                } else {
                    "count"
                }
            }
            other => other,
        }
    }

    /// A status in words.
    pub fn status_label(&self, s: Status) -> &'static str {
        match s {
            Status::Pending => self.t(K::Pending),
            Status::Accepted => self.t(K::Accepted),
            Status::Rejected => self.t(K::Rejected),
        }
    }
}

/// How the articles list is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ArticleSort {
    #[default]
    Path,
    Title,
    Date,
    Place,
    Facts,
    Reviewed,
}

/// Which form field should take the keyboard focus on the next frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Value,
    Note,
}

/// The review form's text, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReviewForm {
    /// The fact it was filled from, and the dataset generation then.
    pub target: Option<(FactRef, u64)>,
    pub metric: String,
    pub value: String,
    pub district: String,
    pub province: String,
    pub as_of: String,
    pub note: String,
    pub tags: String,
    pub error: Option<K>,
    /// Where the place suggestions were drawn last frame (a click there must not commit the
    /// half-typed name first).
    pub suggest_rect: Option<egui::Rect>,
}

/// The add-a-fact form.
#[derive(Clone, Debug, PartialEq)]
pub struct AddForm {
    pub draft: ManualFact,
    pub metric: String,
    pub value: String,
    pub district: String,
    pub province: String,
    pub as_of: String,
    pub note: String,
    pub error: Option<K>,
    pub suggest_rect: Option<egui::Rect>,
}

/// The article note's text, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoteForm {
    pub target: Option<(usize, u64)>,
    pub note: String,
    pub tags: String,
}

/// The reader's text as last laid out: where each character is on screen (hit tests, scrolling
/// to a fact, and tests that drag across a word).
#[derive(Clone, Debug)]
pub struct ReaderLayout {
    pub article: usize,
    pub galley: Arc<egui::Galley>,
    pub galley_pos: egui::Pos2,
    /// Byte offset of each character, plus the text length at the end.
    pub byte_of_char: Arc<Vec<usize>>,
}

impl ReaderLayout {
    /// Character index of a byte offset.
    pub fn char_of_byte(&self, b: usize) -> usize {
        self.byte_of_char.partition_point(|&x| x < b)
    }

    /// Screen rectangle of the character at byte `b` (zero width, at its left edge).
    pub fn screen_pos(&self, b: usize) -> egui::Rect {
        let c = self.char_of_byte(b);
        self.galley
            .pos_from_cursor(egui::text::CCursor::new(c))
            .translate(self.galley_pos.to_vec2())
    }
}

/// Cached row lists, rebuilt only when what they depend on changes.
#[derive(Clone, Debug, Default)]
pub struct ViewCache {
    pub table_key: Option<(u64, Filter, Sort)>,
    pub table: Arc<Vec<usize>>,
    pub articles_key: Option<(u64, String, ArticleSort, bool)>,
    pub articles: Arc<Vec<usize>>,
    /// Choices of the filter combos: provinces, districts (of the chosen province), metrics.
    pub facets_key: Option<(u64, Option<String>)>,
    pub facets: Arc<Facets>,
    /// The dashboard's table and the charts' (each for its own province).
    pub dash_key: Option<(u64, Option<String>)>,
    pub dash: Arc<crate::dashboard::Table>,
    pub chart_key: Option<(u64, Option<String>)>,
    pub chart: Arc<crate::dashboard::Table>,
    /// Pending facts of the table's view at or above the threshold, for (generation, filter,
    /// sort, threshold).
    pub eligible_key: Option<(u64, Filter, Sort, u32)>,
    pub eligible: usize,
    /// Facts with the same evidence as a row, for (generation, row).
    pub identical_key: Option<(u64, usize)>,
    pub identical: usize,
}

/// What the filter combos offer.
#[derive(Clone, Debug, Default)]
pub struct Facets {
    pub provinces: Vec<String>,
    pub districts: Vec<String>,
    pub metrics: Vec<String>,
}

/// Screen state: selection, filters, form buffers, the open dialog.
#[derive(Debug, Default)]
pub struct UiState {
    pub article: Option<usize>,
    pub fact: Option<FactRef>,
    pub filter: Filter,
    pub sort: Sort,
    pub article_query: String,
    pub article_sort: ArticleSort,
    pub article_sort_desc: bool,
    /// Scroll the reader / table to the selected fact on the next frame.
    pub scroll_reader: bool,
    pub scroll_table: bool,
    pub form: ReviewForm,
    pub add: Option<AddForm>,
    pub note: NoteForm,
    pub modal: Option<Modal>,
    /// Byte range selected in the reader.
    pub reader_selection: Option<(usize, usize)>,
    pub threshold: f32,
    pub focus: Option<Focus>,
    /// The reader's widget id: keyboard shortcuts stay active while it has focus.
    pub reader_id: Option<egui::Id>,
    pub reader_layout: Option<ReaderLayout>,
    pub reader_cache: reader::Cache,
    pub cache: ViewCache,
    /// The window is being dragged over with files.
    pub drop_hover: bool,
    /// What the centre shows.
    pub central: Central,
    /// The dashboard's province (all when `None`).
    pub dash_province: Option<String>,
    pub charts: charts::ChartState,
}

impl UiState {
    /// The table's rows: filtered and sorted, cached by dataset generation, filter and sort.
    pub fn table_rows(&mut self, ws: &Workspace) -> Arc<Vec<usize>> {
        let key = (ws.dataset.generation, self.filter.clone(), self.sort);
        if self.cache.table_key.as_ref() != Some(&key) {
            self.cache.table = Arc::new(ws.dataset.view(&self.filter, self.sort));
            self.cache.table_key = Some(key);
        }
        Arc::clone(&self.cache.table)
    }

    /// The filter combos' choices, cached by dataset generation and chosen province.
    pub fn facets(&mut self, ws: &Workspace) -> Arc<Facets> {
        let key = (ws.dataset.generation, self.filter.province.clone());
        if self.cache.facets_key.as_ref() != Some(&key) {
            let ds = &ws.dataset;
            self.cache.facets = Arc::new(Facets {
                provinces: ds.provinces(),
                districts: ds.districts(self.filter.province.as_deref()),
                metrics: ds.metrics(),
            });
            self.cache.facets_key = Some(key);
        }
        Arc::clone(&self.cache.facets)
    }

    /// How many pending facts of the table's view `rows` reach the threshold (the bulk-accept
    /// button's count), cached: counting 100,000 rows every frame would cost milliseconds.
    pub fn eligible(&mut self, ws: &Workspace, rows: &[usize]) -> usize {
        let key = (
            ws.dataset.generation,
            self.filter.clone(),
            self.sort,
            self.threshold.to_bits(),
        );
        if self.cache.eligible_key.as_ref() != Some(&key) {
            let t = self.threshold;
            self.cache.eligible = rows
                .iter()
                .filter(|&&i| {
                    let r = &ws.dataset.rows[i];
                    r.status == crate::review::Status::Pending && r.confidence >= t
                })
                .count();
            self.cache.eligible_key = Some(key);
        }
        self.cache.eligible
    }

    /// How many machine facts share this row's evidence (itself included), cached per
    /// (generation, row).
    pub fn identical_count(&mut self, ws: &Workspace, row: usize) -> usize {
        let key = (ws.dataset.generation, row);
        if self.cache.identical_key != Some(key) {
            self.cache.identical = ws.identical_rows(row).len();
            self.cache.identical_key = Some(key);
        }
        self.cache.identical
    }

    /// The selected fact's row.
    pub fn selected_row(&self, ws: &Workspace) -> Option<usize> {
        self.fact.as_ref().and_then(|f| ws.row_of(f))
    }
}

/// A place picked from the gazetteer: suggestions for what was typed in a district field.
pub fn place_suggestions(gaz: &Gazetteer, typed: &str, province: &str, max: usize) -> Vec<Place> {
    let q = crate::text::ascii_fold(typed.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let pq = crate::text::ascii_fold(province.trim());
    let mut starts = Vec::new();
    let mut contains = Vec::new();
    for d in &gaz.districts {
        let name = crate::text::ascii_fold(&d.name);
        let prov = &gaz.provinces[d.province].name;
        let hit_start = name.starts_with(&q);
        if !hit_start && !name.contains(&q) {
            continue;
        }
        let place = Place {
            district: Some(d.name.clone()),
            province: Some(prov.clone()),
        };
        if place.district.as_deref() == Some(typed.trim()) && prov.as_str() == province.trim() {
            // Already exactly this: nothing to suggest.
            return Vec::new();
        }
        // Districts of the province already typed come first.
        let in_prov = !pq.is_empty() && crate::text::ascii_fold(prov) == pq;
        let bucket = if hit_start {
            &mut starts
        } else {
            &mut contains
        };
        bucket.push((!in_prov, d.former, place));
    }
    starts.sort_by(|a, b| (a.0, a.1, &a.2.district).cmp(&(b.0, b.1, &b.2.district)));
    contains.sort_by(|a, b| (a.0, a.1, &a.2.district).cmp(&(b.0, b.1, &b.2.district)));
    let mut out: Vec<Place> = starts.into_iter().chain(contains).map(|x| x.2).collect();
    out.dedup();
    out.truncate(max);
    out
}

/// Province names matching what was typed.
pub fn province_suggestions(gaz: &Gazetteer, typed: &str, max: usize) -> Vec<String> {
    let q = crate::text::ascii_fold(typed.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let mut v: Vec<String> = gaz
        .provinces
        .iter()
        .filter(|p| crate::text::ascii_fold(&p.name).contains(&q) && p.name != typed.trim())
        .map(|p| p.name.clone())
        .collect();
    v.sort();
    v.truncate(max);
    v
}

/// The whole window: menu, status bar, then the start screen or the three linked views.
pub fn root_ui(ui: &mut egui::Ui, v: &View<'_>, st: &mut UiState, out: &mut Vec<Command>) {
    egui::Panel::top("menu").show(ui, |ui| menu::menu_bar_ui(ui, v, out));
    egui::Panel::bottom("status").show(ui, |ui| status::status_bar_ui(ui, v, out));
    match v.ws {
        None => {
            egui::CentralPanel::default().show(ui, |ui| start::start_ui(ui, v, out));
        }
        Some(ws) => {
            egui::Panel::bottom("facts")
                .resizable(true)
                .default_size(tokens::TABLE_HEIGHT)
                .min_size(120.0)
                .show(ui, |ui| table::facts_ui(ui, v, ws, st, out));
            egui::Panel::left("articles")
                .resizable(true)
                .default_size(tokens::ARTICLES_WIDTH)
                .min_size(160.0)
                .show(ui, |ui| articles::articles_ui(ui, v, ws, st, out));
            egui::Panel::right("review")
                .resizable(true)
                .default_size(tokens::REVIEW_WIDTH)
                .min_size(240.0)
                .show(ui, |ui| review::review_ui(ui, v, ws, st, out));
            egui::CentralPanel::default().show(ui, |ui| {
                ui.horizontal(|ui| {
                    for (c, k) in [
                        (Central::Reader, K::TabReader),
                        (Central::Dashboard, K::TabDashboard),
                        (Central::Charts, K::TabCharts),
                    ] {
                        if ui.selectable_label(st.central == c, v.t(k)).clicked() {
                            out.push(Command::ShowCentral(c));
                        }
                    }
                });
                ui.separator();
                match st.central {
                    Central::Reader => reader::reader_ui(ui, v, ws, st, out),
                    Central::Dashboard => dashboard::dashboard_ui(ui, v, ws, st, out),
                    Central::Charts => charts::charts_ui(ui, v, ws, st, out),
                }
            });
        }
    }
    modals::modal_ui(ui, v, st, out);
    if st.drop_hover {
        drop_overlay_ui(ui, v);
    }
}

/// A veil over the window while files are dragged over it.
fn drop_overlay_ui(ui: &mut egui::Ui, v: &View<'_>) {
    let rect = ui.ctx().content_rect();
    let painter = ui.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop-overlay"),
    ));
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        v.t(K::DropToOpen),
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}

/// Gives a widget without a visible label its accessible name (screen readers, tests).
pub fn name_widget(resp: &egui::Response, role: egui::Role, name: &str) {
    resp.widget_info(|| egui::WidgetInfo::labeled(role, resp.enabled(), name));
}

/// Short form of a path for lists: the last two components.
pub fn short_path(p: &std::path::Path) -> String {
    let comps: Vec<String> = p
        .components()
        .rev()
        .take(2)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    comps.into_iter().rev().collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn district_suggestions_fold_diacritics_and_prefer_the_province() {
        let gaz = Gazetteer::bundled().unwrap();
        let s = place_suggestions(&gaz, "o mon", "", 5);
        assert_eq!(s[0].district.as_deref(), Some("Ô Môn"));
        assert_eq!(s[0].province.as_deref(), Some("Cần Thơ"));
        let s = place_suggestions(&gaz, "chau thanh", "Hậu Giang", 5);
        assert_eq!(s[0].province.as_deref(), Some("Hậu Giang"));
        assert!(s.len() > 1);
        assert!(place_suggestions(&gaz, "", "", 5).is_empty());
        assert!(place_suggestions(&gaz, "Ô Môn", "Cần Thơ", 5).is_empty());
        assert_eq!(
            province_suggestions(&gaz, "can tho", 3),
            vec!["Cần Thơ".to_owned()]
        );
    }

    #[test]
    fn short_paths_keep_two_components() {
        assert_eq!(short_path(std::path::Path::new("/a/b/c/d.ron")), "c/d.ron");
    }
}
