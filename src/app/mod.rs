//! The desktop application: owns the workspace, applies the UI's commands, runs slow work on
//! named background threads and keeps the user's work safe (unsaved-changes questions,
//! autosave to a recovery file, atomic saves).
//!
//! Why commands and messages: the UI only reads and asks ([`crate::ui::Command`]); this module
//! is the one place where state changes, so every review action goes through the workspace's
//! undo history. Background threads (`baocao-loader`, `baocao-extract`, `baocao-save`,
//! `baocao-autosave`, `baocao-dialog`) never touch the state: they send a [`Msg`] and ask egui
//! to repaint, and the message is applied at the start of the next frame. The window stays
//! responsive whatever the size of the folder.

pub mod prefs;

use crate::dataset::Dataset;
use crate::extract::Extractor;
use crate::extract::catalogue::Catalogue;
use crate::pipeline::{self, Progress};
use crate::review::Status;
use crate::session::{SessionFile, ViewState};
use crate::ui::i18n::{K, Lang, fill, tr};
use crate::ui::{
    self, BusyView, Command, Focus, Modal, Notice, Purpose, ThemePref, UiState, UnsavedChoice,
    View, menu, review::add_form_of,
};
use crate::workspace::{FactRef, Source, Workspace};
use prefs::Prefs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A dialog that returns nothing faster than this could not be shown (rfd without a portal or
/// zenity returns at once); a person takes longer to cancel one.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(300);

/// How the app starts.
#[derive(Clone, Debug)]
pub struct AppOptions {
    /// A folder, report or session to open at once.
    pub open: Option<PathBuf>,
    /// Where the recovery file and the materialised sample live (eframe's storage folder).
    pub storage_dir: Option<PathBuf>,
    /// Use the system's file dialogs; when false, a path field is shown instead.
    pub native_dialogs: bool,
    /// The UI language, overriding the stored preference.
    pub lang: Option<Lang>,
    /// How often unsaved work is written to the recovery file.
    pub autosave: Duration,
    /// With nothing to open and nothing opened before (no recent folder or session), open
    /// the bundled sample so that a first run shows what baocao does.
    pub sample_on_first_run: bool,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions {
            open: None,
            storage_dir: eframe::storage_dir("baocao"),
            native_dialogs: true,
            lang: None,
            autosave: Duration::from_secs(30),
            sample_on_first_run: true,
        }
    }
}

/// What background threads report.
enum Msg {
    Loaded(Box<Loaded>),
    Failed {
        title: String,
        body: String,
    },
    MissingCorpus {
        session: Box<SessionFile>,
        session_path: Option<PathBuf>,
        corpus: PathBuf,
    },
    Reextracted(Box<Dataset>),
    Reloaded(Box<(Dataset, crate::dataset::ReloadReport)>),
    Saved {
        path: PathBuf,
        generation: u64,
        error: Option<String>,
    },
    Autosaved {
        error: Option<String>,
    },
    Dialog {
        purpose: Purpose,
        path: Option<PathBuf>,
        instant: bool,
    },
    Exported {
        path: PathBuf,
        result: Result<crate::export::Summary, String>,
    },
    ChartSaved {
        path: PathBuf,
        error: Option<String>,
    },
}

struct Loaded {
    source: Source,
    dataset: Dataset,
    session: Option<(SessionFile, Option<PathBuf>)>,
    cancelled: bool,
    /// The bundled sample: not added to the recent folders.
    sample: bool,
}

/// Work waiting on the answer to "save the changes first?".
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    Open(PathBuf),
    OpenDropped(Vec<PathBuf>),
    OpenSample,
    /// Back to the start screen.
    Close,
    Quit,
}

/// What to read on the loader thread.
enum LoadRequest {
    Folder {
        root: PathBuf,
        files: Option<Vec<String>>,
        sample: bool,
    },
    Session {
        path: PathBuf,
        recovery: bool,
    },
    SessionWithCorpus {
        session: Box<SessionFile>,
        session_path: Option<PathBuf>,
        root: PathBuf,
    },
}

struct Busy {
    what: K,
    progress: Arc<Mutex<Progress>>,
    cancel: Arc<AtomicBool>,
}

/// Progress shared with a worker thread: the worker writes it and asks for a repaint.
fn report_to(progress: &Mutex<Progress>, ctx: &egui::Context, p: Progress) {
    if let Ok(mut g) = progress.lock() {
        *g = p;
    }
    ctx.request_repaint();
}

/// The baocao window.
pub struct BaocaoApp {
    opts: AppOptions,
    extractor: Arc<Extractor>,
    catalogue_path: Option<PathBuf>,
    ws: Option<Workspace>,
    ui: UiState,
    prefs: Prefs,
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
    ctx: egui::Context,
    busy: Option<Busy>,
    dialog_open: bool,
    notice: Option<Notice>,
    pending: Option<Pending>,
    after_save: Option<Pending>,
    allow_close: bool,
    last_autosave: Instant,
    autosaved_generation: Option<u64>,
    missing_corpus: Option<(Box<SessionFile>, Option<PathBuf>)>,
    title: String,
    commands: Vec<Command>,
    /// The export chosen in the Export dialog, waiting for a file name.
    pending_export: Option<(crate::export::ExportFormat, bool)>,
}

/// Runs the app in a native window.
pub fn run(opts: AppOptions) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("baocao")
        .with_app_id("baocao")
        .with_inner_size([1400.0, 900.0])
        .with_min_inner_size([900.0, 560.0])
        .with_drag_and_drop(true);
    match eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(e) => log::warn!("app icon: {e}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "baocao",
        options,
        Box::new(move |cc| Ok(Box::new(BaocaoApp::new(cc, opts)?))),
    )
}

impl BaocaoApp {
    /// Builds the app: fonts, preferences, the extractor; offers a recovery file; starts
    /// opening `opts.open`.
    ///
    /// # Errors
    /// When the bundled catalogue or gazetteer does not load (build.rs checks both, so only a
    /// broken build can fail here).
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        opts: AppOptions,
    ) -> Result<BaocaoApp, crate::extract::ExtractorError> {
        ui::fonts::install(&cc.egui_ctx);
        let mut prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, prefs::KEY))
            .unwrap_or_default();
        if let Some(l) = opts.lang {
            prefs.lang = l;
        }
        apply_theme(&cc.egui_ctx, prefs.theme);
        let (tx, rx) = channel();
        let extractor = Arc::new(Extractor::bundled()?);
        let mut app = BaocaoApp {
            opts: opts.clone(),
            extractor,
            catalogue_path: None,
            ws: None,
            ui: UiState {
                threshold: 0.9,
                ..UiState::default()
            },
            prefs,
            tx,
            rx,
            ctx: cc.egui_ctx.clone(),
            busy: None,
            dialog_open: false,
            notice: None,
            pending: None,
            after_save: None,
            allow_close: false,
            last_autosave: Instant::now(),
            autosaved_generation: None,
            missing_corpus: None,
            title: String::new(),
            commands: Vec::new(),
            pending_export: None,
        };
        app.offer_recovery();
        let first_run = app.prefs.recent_folders.is_empty() && app.prefs.recent_sessions.is_empty();
        match opts.open {
            Some(p) => app.run_pending(Pending::Open(p)),
            None if opts.sample_on_first_run && first_run && app.ui.modal.is_none() => {
                app.run_pending(Pending::OpenSample);
            }
            None => {}
        }
        Ok(app)
    }

    /// The open work (tests read it).
    pub fn workspace(&self) -> Option<&Workspace> {
        self.ws.as_ref()
    }

    /// The screen state (tests read it).
    pub fn ui_state(&self) -> &UiState {
        &self.ui
    }

    /// True while background work runs.
    pub fn is_busy(&self) -> bool {
        self.busy.is_some() || self.dialog_open
    }

    /// The message in the status bar.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|n| n.text.as_str())
    }

    /// The modal on screen.
    pub fn modal(&self) -> Option<&Modal> {
        self.ui.modal.as_ref()
    }

    /// The recovery file's path.
    pub fn recovery_path(&self) -> Option<PathBuf> {
        self.opts
            .storage_dir
            .as_ref()
            .map(|d| d.join("recovery.ron"))
    }

    fn t(&self, k: K) -> &'static str {
        tr(self.prefs.lang, k)
    }

    fn say(&mut self, text: String) {
        self.notice = Some(Notice {
            text,
            warning: false,
        });
    }

    fn warn(&mut self, text: String) {
        log::warn!("{text}");
        self.notice = Some(Notice {
            text,
            warning: true,
        });
    }

    fn error(&mut self, title: String, body: String) {
        log::error!("{title}: {body}");
        self.ui.modal = Some(Modal::Error { title, body });
    }

    fn open_failed(&mut self, path: &Path, reason: &str) {
        let body = fill(
            self.t(K::OpenFailed),
            &[("path", &path.display().to_string()), ("reason", reason)],
        );
        self.error(self.t(K::OpenFailedTitle).to_owned(), body);
    }

    // ----- Recovery -------------------------------------------------------------------------

    fn offer_recovery(&mut self) {
        let Some(path) = self.recovery_path() else {
            return;
        };
        if !path.exists() {
            return;
        }
        match SessionFile::load(&path) {
            Ok(s) => {
                let saved_at = std::fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .map(format_time)
                    .unwrap_or_default();
                let name = s
                    .recovery_of
                    .as_deref()
                    .filter(|p| !p.is_empty())
                    .map(|p| display_name(Path::new(p)))
                    .unwrap_or_else(|| display_name(Path::new(&s.corpus)));
                self.ui.modal = Some(Modal::Recovery { saved_at, name });
            }
            Err(e) => {
                // Keep the damaged file aside rather than deleting what may be someone's work.
                let aside = path.with_file_name(format!(
                    "recovery-damaged-{}.ron",
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.as_secs())
                        .unwrap_or_default()
                ));
                let _ = std::fs::rename(&path, &aside);
                self.error(
                    self.t(K::RecoveryTitle).to_owned(),
                    fill(
                        self.t(K::RecoveryDamaged),
                        &[
                            ("reason", &e.to_string()),
                            ("path", &aside.display().to_string()),
                        ],
                    ),
                );
            }
        }
    }

    fn remove_recovery(&mut self) {
        if let Some(p) = self.recovery_path()
            && p.exists()
            && let Err(e) = std::fs::remove_file(&p)
        {
            log::warn!("{}: {e}", p.display());
        }
        self.autosaved_generation = None;
    }

    fn autosave(&mut self) {
        let Some(ws) = &self.ws else {
            return;
        };
        if !ws.is_dirty() {
            return;
        }
        self.ctx.request_repaint_after(self.opts.autosave);
        let generation = ws.history.generation;
        if self.autosaved_generation == Some(generation)
            || self.last_autosave.elapsed() < self.opts.autosave
        {
            return;
        }
        let Some(path) = self.recovery_path() else {
            return;
        };
        self.last_autosave = Instant::now();
        self.autosaved_generation = Some(generation);
        let session = ws.to_recovery(self.view_state());
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        spawn("baocao-autosave", move || {
            let error = path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .map_err(|e| e.to_string())
                .and_then(|()| session.save(&path).map_err(|e| e.to_string()))
                .err();
            let _ = tx.send(Msg::Autosaved { error });
            ctx.request_repaint();
        });
    }

    // ----- Opening --------------------------------------------------------------------------

    fn guarded(&mut self, p: Pending) {
        if self.ws.as_ref().is_some_and(Workspace::is_dirty) {
            self.pending = Some(p);
            self.ui.modal = Some(Modal::Unsaved);
        } else {
            self.run_pending(p);
        }
    }

    fn run_pending(&mut self, p: Pending) {
        match p {
            Pending::Open(path) => self.open_path(path),
            Pending::OpenDropped(paths) => self.open_dropped(paths),
            Pending::OpenSample => self.open_sample(),
            Pending::Close => {
                self.remove_stale_recovery_on_switch();
                self.ws = None;
                self.ui = UiState {
                    threshold: self.ui.threshold,
                    ..UiState::default()
                };
            }
            Pending::Quit => {
                self.allow_close = true;
                self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn open_path(&mut self, path: PathBuf) {
        let is_session = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        if is_session && path.is_file() {
            self.load(LoadRequest::Session {
                path,
                recovery: false,
            });
        } else if path.is_dir() {
            self.load(LoadRequest::Folder {
                root: path,
                files: None,
                sample: false,
            });
        } else if path.is_file() {
            let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            self.load(LoadRequest::Folder {
                root,
                files: Some(vec![name]),
                sample: false,
            });
        } else {
            self.prefs.forget(&path);
            let reason = self.t(K::NotFound).to_owned();
            self.open_failed(&path, &reason);
        }
    }

    fn open_dropped(&mut self, paths: Vec<PathBuf>) {
        match paths.as_slice() {
            [] => {}
            [one] => self.open_path(one.clone()),
            many => {
                if let Some(dir) = many.iter().find(|p| p.is_dir()) {
                    if many.len() > 1 {
                        self.warn(self.t(K::OnlyFirstFolder).to_owned());
                    }
                    self.open_path(dir.clone());
                    return;
                }
                if let Some(s) = many
                    .iter()
                    .find(|p| p.extension().is_some_and(|e| e == "ron"))
                {
                    self.open_path(s.clone());
                    return;
                }
                // Reports from one folder: open exactly those.
                let root = many[0].parent().map(Path::to_path_buf).unwrap_or_default();
                let files: Vec<String> = many
                    .iter()
                    .filter(|p| p.parent() == Some(root.as_path()))
                    .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .collect();
                if files.len() < many.len() {
                    self.warn(self.t(K::OnlyOneFolder).to_owned());
                }
                self.load(LoadRequest::Folder {
                    root,
                    files: Some(files),
                    sample: false,
                });
            }
        }
    }

    fn open_sample(&mut self) {
        let dir = self
            .opts
            .storage_dir
            .clone()
            .unwrap_or_else(|| std::env::temp_dir().join("baocao"));
        match crate::sample::materialize(&dir) {
            Ok(root) => self.load(LoadRequest::Folder {
                root,
                files: None,
                sample: true,
            }),
            Err(e) => self.open_failed(&dir.join("sample"), &e.to_string()),
        }
    }

    fn load(&mut self, req: LoadRequest) {
        if self.busy.is_some() {
            return;
        }
        let (progress, cancel) = self.start_busy(K::Reading, 0);
        let extractor = Arc::clone(&self.extractor);
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        let lang = self.prefs.lang;
        spawn("baocao-loader", move || {
            let msg = load_on_thread(req, &extractor, &progress, &cancel, &ctx, lang);
            let _ = tx.send(msg);
            ctx.request_repaint();
        });
    }

    /// Marks the app busy with `what` and returns the progress and cancel flag to hand to the
    /// worker thread.
    fn start_busy(&mut self, what: K, total: usize) -> (Arc<Mutex<Progress>>, Arc<AtomicBool>) {
        let progress = Arc::new(Mutex::new(Progress {
            done: 0,
            total,
            current: String::new(),
        }));
        let cancel = Arc::new(AtomicBool::new(false));
        self.busy = Some(Busy {
            what,
            progress: Arc::clone(&progress),
            cancel: Arc::clone(&cancel),
        });
        (progress, cancel)
    }

    fn on_loaded(&mut self, l: Loaded) {
        if l.cancelled {
            self.warn(self.t(K::Cancelled).to_owned());
            return;
        }
        if l.dataset.articles.is_empty() {
            let mut body = fill(
                self.t(K::NoReports),
                &[("path", &l.source.root.display().to_string())],
            );
            for s in l.dataset.skipped.iter().take(8) {
                body.push_str(&format!("\n• {}: {}", s.rel, s.reason));
            }
            self.error(self.t(K::OpenFailedTitle).to_owned(), body);
            return;
        }
        self.remove_stale_recovery_on_switch();
        let mut st = UiState {
            threshold: self.ui.threshold,
            ..UiState::default()
        };
        let ws = match l.session {
            Some((session, session_path)) => {
                let (ws, report) =
                    Workspace::from_session(l.dataset, l.source, &session, session_path.clone());
                if let Some(p) = &session_path
                    && session.recovery_of.is_none()
                {
                    self.prefs.add_session(p);
                }
                st.filter = session.view.filter.clone();
                st.sort = session.view.sort;
                st.article = session
                    .view
                    .article
                    .as_ref()
                    .and_then(|rel| ws.dataset.articles.iter().position(|a| &a.rel == rel));
                st.fact = session
                    .view
                    .fact
                    .as_ref()
                    .and_then(|f| f.parse::<FactRef>().ok())
                    .filter(|f| ws.row_of(f).is_some());
                let mut notes = Vec::new();
                if !report.changed.is_empty() {
                    notes.push(fill(
                        self.t(K::ArticlesChanged),
                        &[("n", &report.changed.len().to_string())],
                    ));
                    notes.push(fill(
                        self.t(K::Reanchored),
                        &[
                            ("moved", &report.reanchored.to_string()),
                            ("orphans", &report.orphans.len().to_string()),
                        ],
                    ));
                }
                if !report.missing.is_empty() {
                    notes.push(fill(
                        self.t(K::ArticlesMissing),
                        &[("n", &report.missing.len().to_string())],
                    ));
                }
                if notes.is_empty() {
                    self.notice = None;
                } else {
                    self.warn(notes.join(" "));
                }
                ws
            }
            None => {
                if !l.sample {
                    self.prefs.add_folder(&l.source.root);
                }
                self.notice = None;
                Workspace::new(l.dataset, l.source)
            }
        };
        if st.article.is_none() {
            st.article = (0..ws.dataset.articles.len())
                .filter(|&i| ws.dataset.articles[i].duplicate_of.is_none())
                .min_by(|&a, &b| ws.dataset.articles[a].rel.cmp(&ws.dataset.articles[b].rel));
        }
        st.scroll_reader = st.fact.is_some();
        st.scroll_table = st.fact.is_some();
        self.ui = st;
        self.ws = Some(ws);
        self.last_autosave = Instant::now();
        self.autosaved_generation = None;
    }

    /// Opening other work after the user answered "discard" or saved: the old recovery file
    /// belongs to work that is now closed.
    fn remove_stale_recovery_on_switch(&mut self) {
        if self.ws.is_some() {
            self.remove_recovery();
        }
    }

    // ----- Saving ---------------------------------------------------------------------------

    fn view_state(&self) -> ViewState {
        let ws = self.ws.as_ref();
        ViewState {
            filter: self.ui.filter.clone(),
            sort: self.ui.sort,
            article: self
                .ui
                .article
                .and_then(|a| ws.and_then(|w| w.dataset.articles.get(a)))
                .map(|a| a.rel.clone()),
            fact: self.ui.fact.as_ref().map(ToString::to_string),
        }
    }

    fn save(&mut self) {
        let Some(path) = self.ws.as_ref().and_then(|w| w.session_path.clone()) else {
            self.dialog(Purpose::SaveAs);
            return;
        };
        self.save_to(path);
    }

    fn save_to(&mut self, mut path: PathBuf) {
        if !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
        {
            path.set_extension("ron");
        }
        let view = self.view_state();
        let Some(ws) = &self.ws else {
            return;
        };
        let session = ws.to_session(&path, view);
        let generation = ws.history.generation;
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        spawn("baocao-save", move || {
            let error = session.save(&path).err().map(|e| e.to_string());
            let _ = tx.send(Msg::Saved {
                path,
                generation,
                error,
            });
            ctx.request_repaint();
        });
    }

    // ----- Dialogs --------------------------------------------------------------------------

    fn dialog(&mut self, purpose: Purpose) {
        if !self.opts.native_dialogs {
            self.ui.modal = Some(Modal::PathInput {
                purpose,
                text: self.suggested_path(purpose),
                no_dialog: false,
            });
            return;
        }
        if self.dialog_open {
            return;
        }
        self.dialog_open = true;
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        let dir = self.prefs.last_dir.clone();
        let title = match purpose {
            Purpose::OpenFolder => self.t(K::OpenFolder),
            Purpose::OpenSession => self.t(K::OpenSession),
            Purpose::SaveAs => self.t(K::SaveAs),
            Purpose::Catalogue => self.t(K::UseCatalogue),
            Purpose::LocateCorpus => self.t(K::LocateCorpus),
            Purpose::Export => self.t(K::ExportTitle),
            Purpose::ChartPng => self.t(K::SavePng),
        }
        .trim_end_matches('…')
        .to_owned();
        let stem = self
            .ws
            .as_ref()
            .map(|w| {
                let n = w.name();
                n.strip_suffix(".ron").map(str::to_owned).unwrap_or(n)
            })
            .unwrap_or_else(|| "baocao".to_owned());
        let file_name = match purpose {
            Purpose::Export => {
                let ext = self.pending_export.map_or("csv", |(f, _)| f.extension());
                Some(format!("{stem}.{ext}"))
            }
            Purpose::ChartPng => Some(format!("{stem}.png")),
            _ => self.ws.as_ref().map(|_| format!("{stem}.ron")),
        };
        let export_ext = self.pending_export.map(|(f, _)| f.extension());
        spawn("baocao-dialog", move || {
            let start = Instant::now();
            let mut d = rfd::FileDialog::new().set_title(&title);
            if let Some(dir) = dir.filter(|d| d.is_dir()) {
                d = d.set_directory(dir);
            }
            let path = match purpose {
                Purpose::OpenFolder | Purpose::LocateCorpus => d.pick_folder(),
                Purpose::OpenSession => d.add_filter("baocao", &["ron"]).pick_file(),
                Purpose::Catalogue => d.add_filter("RON", &["ron"]).pick_file(),
                Purpose::SaveAs | Purpose::Export | Purpose::ChartPng => {
                    let d = match purpose {
                        Purpose::SaveAs => d.add_filter("baocao", &["ron"]),
                        Purpose::ChartPng => d.add_filter("PNG", &["png"]),
                        _ => {
                            let ext = export_ext.unwrap_or("csv");
                            let last = ext.rsplit('.').next().unwrap_or(ext);
                            d.add_filter(ext, &[last])
                        }
                    };
                    match file_name {
                        Some(n) => d.set_file_name(n).save_file(),
                        None => d.save_file(),
                    }
                }
            };
            let instant = path.is_none() && start.elapsed() < NO_DIALOG_WITHIN;
            let _ = tx.send(Msg::Dialog {
                purpose,
                path,
                instant,
            });
            ctx.request_repaint();
        });
    }

    fn suggested_path(&self, purpose: Purpose) -> String {
        let beside = |ext: &str| {
            self.ws
                .as_ref()
                .map(|w| {
                    let base = w
                        .session_path
                        .clone()
                        .unwrap_or_else(|| w.source.root.clone());
                    let stem = base
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "baocao".into());
                    base.with_file_name(format!("{stem}.{ext}"))
                        .display()
                        .to_string()
                })
                .unwrap_or_default()
        };
        match purpose {
            Purpose::Export => beside(self.pending_export.map_or("csv", |(f, _)| f.extension())),
            Purpose::ChartPng => beside("png"),
            Purpose::SaveAs => self
                .ws
                .as_ref()
                .map(|w| {
                    w.session_path
                        .clone()
                        .unwrap_or_else(|| w.source.root.with_extension("ron"))
                        .display()
                        .to_string()
                })
                .unwrap_or_default(),
            _ => String::new(),
        }
    }

    fn on_dialog(&mut self, purpose: Purpose, path: Option<PathBuf>, instant: bool) {
        self.dialog_open = false;
        match path {
            Some(p) => match purpose {
                Purpose::OpenFolder | Purpose::OpenSession => self.guarded(Pending::Open(p)),
                Purpose::SaveAs => self.save_to(p),
                Purpose::Catalogue => self.use_catalogue(&p),
                Purpose::LocateCorpus => self.locate_corpus(p),
                Purpose::Export => self.export_to(p),
                Purpose::ChartPng => self.save_chart(p),
            },
            None if instant => {
                self.ui.modal = Some(Modal::PathInput {
                    purpose,
                    text: self.suggested_path(purpose),
                    no_dialog: true,
                });
            }
            None => {
                // Cancelled by the user: a pending "save first" is cancelled too.
                self.after_save = None;
            }
        }
    }

    fn locate_corpus(&mut self, root: PathBuf) {
        if let Some((session, session_path)) = self.missing_corpus.take() {
            self.load(LoadRequest::SessionWithCorpus {
                session,
                session_path,
                root,
            });
        } else {
            self.guarded(Pending::Open(root));
        }
    }

    // ----- Export ---------------------------------------------------------------------------

    fn export_to(&mut self, mut path: PathBuf) {
        let Some((format, only_reviewed)) = self.pending_export else {
            return;
        };
        let Some(ws) = &self.ws else {
            return;
        };
        if path.extension().is_none() {
            path.set_extension(format.extension());
        }
        if self.busy.is_some() {
            return;
        }
        let dataset = ws.dataset.clone();
        let overlay = ws.overlay.clone();
        let extractor = Arc::clone(&self.extractor);
        let total = dataset.rows.len();
        self.busy = Some(Busy {
            what: K::Exporting,
            progress: Arc::new(Mutex::new(Progress {
                done: 0,
                total,
                current: path.display().to_string(),
            })),
            cancel: Arc::new(AtomicBool::new(false)),
        });
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        spawn("baocao-export", move || {
            let result =
                crate::export::export(&dataset, &overlay, &extractor, format, only_reviewed, &path)
                    .map_err(|e| e.to_string());
            let _ = tx.send(Msg::Exported { path, result });
            ctx.request_repaint();
        });
    }

    /// Saves the chart on screen: a screenshot of the window, cut to the plot.
    fn save_chart(&mut self, mut path: PathBuf) {
        let Some(rect) = self.ui.charts.plot_rect else {
            return;
        };
        if !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("png"))
        {
            path.set_extension("png");
        }
        let ppp = self.ctx.pixels_per_point();
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        self.ctx.request_screenshot(move |image| {
            spawn("baocao-save", move || {
                let error = png_of(&image.region(&rect, Some(ppp)))
                    .and_then(|bytes| {
                        crate::session::save_atomic(&path, &bytes, |_| Ok(()))
                            .map_err(|e| e.to_string())
                    })
                    .err();
                let _ = tx.send(Msg::ChartSaved { path, error });
                ctx.request_repaint();
            });
        });
        self.ctx.request_repaint();
    }

    // ----- Extraction -----------------------------------------------------------------------

    fn use_catalogue(&mut self, path: &Path) {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => return self.open_failed(path, &e.to_string()),
        };
        match Catalogue::from_ron(&text) {
            Ok(cat) => {
                self.extractor = Arc::new(self.extractor.with_catalogue(cat));
                self.catalogue_path = Some(path.to_path_buf());
                self.reextract();
            }
            Err(e) => self.open_failed(path, &e.to_string()),
        }
    }

    fn reextract(&mut self) {
        if self.busy.is_some() {
            return;
        }
        // Read the catalogue file again: the point of re-extracting is usually that it changed.
        if let Some(p) = self.catalogue_path.clone() {
            match std::fs::read_to_string(&p)
                .map_err(|e| e.to_string())
                .and_then(|t| Catalogue::from_ron(&t).map_err(|e| e.to_string()))
            {
                Ok(cat) => self.extractor = Arc::new(self.extractor.with_catalogue(cat)),
                Err(e) => return self.open_failed(&p, &e),
            }
        }
        let Some(ws) = &self.ws else {
            return;
        };
        // Articles only (texts and extractions are shared, not copied): cheap on this thread.
        let articles = ws.dataset.articles.clone();
        let skipped = ws.dataset.skipped.clone();
        let root = ws.dataset.root.clone();
        self.start_busy(K::Reextracting, articles.len());
        let extractor = Arc::clone(&self.extractor);
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        spawn("baocao-extract", move || {
            let ds = Dataset::reextract(root, &articles, skipped, &extractor);
            let _ = tx.send(Msg::Reextracted(Box::new(ds)));
            ctx.request_repaint();
        });
    }

    /// Reads the folder again on the loader thread; only changed and new files are extracted.
    fn reload(&mut self) {
        if self.busy.is_some() {
            return;
        }
        let Some(ws) = &self.ws else {
            return;
        };
        // Articles only (texts and extractions are shared, not copied): cheap on this thread.
        let old = ws.dataset.articles.clone();
        let root = ws.source.root.clone();
        let files = ws.source.files.clone();
        let (progress, cancel) = self.start_busy(K::Reloading, old.len());
        let extractor = Arc::clone(&self.extractor);
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        spawn("baocao-loader", move || {
            let report = |p: Progress| report_to(&progress, &ctx, p);
            let readers = pipeline::readers();
            let r = Dataset::reload(
                &root,
                &old,
                files.as_deref(),
                &extractor,
                &readers,
                &report,
                &cancel,
            );
            let _ = tx.send(Msg::Reloaded(Box::new(r)));
            ctx.request_repaint();
        });
    }

    /// A message after the machine output changed, saying how many reviews no longer find
    /// their fact (their report changed): they stay in the session, and are saved with it.
    fn say_with_unattached(&mut self, mut text: String) {
        let Some(ws) = &self.ws else {
            return;
        };
        let unattached = ws
            .overlay
            .reviews
            .keys()
            .filter(|k| ws.dataset.row_of_key(k).is_none())
            .count();
        if unattached > 0 {
            text.push(' ');
            text.push_str(&fill(
                self.t(K::ReviewsUnattached),
                &[("n", &unattached.to_string())],
            ));
        }
        self.say(text);
    }

    // ----- Messages -------------------------------------------------------------------------

    fn drain_messages(&mut self) {
        while let Ok(msg) = self.rx.try_recv() {
            match msg {
                Msg::Loaded(l) => {
                    self.busy = None;
                    self.on_loaded(*l);
                }
                Msg::Failed { title, body } => {
                    self.busy = None;
                    self.error(title, body);
                }
                Msg::MissingCorpus {
                    session,
                    session_path,
                    corpus,
                } => {
                    self.busy = None;
                    self.missing_corpus = Some((session, session_path));
                    let body = fill(
                        self.t(K::CorpusMissing),
                        &[("path", &corpus.display().to_string())],
                    );
                    self.error(self.t(K::OpenFailedTitle).to_owned(), body);
                    self.commands.push(Command::Dialog(Purpose::LocateCorpus));
                }
                Msg::Reextracted(ds) => {
                    self.busy = None;
                    if let Some(ws) = &mut self.ws {
                        ws.replace_dataset(*ds);
                        let text = self.t(K::Reextracted).to_owned();
                        self.say_with_unattached(text);
                    }
                }
                Msg::Reloaded(r) => {
                    self.busy = None;
                    let (ds, report) = *r;
                    if report.cancelled {
                        self.warn(self.t(K::Cancelled).to_owned());
                        continue;
                    }
                    if let Some(ws) = &mut self.ws {
                        // Articles may have come or gone: keep the reader on the same file.
                        let rel = self
                            .ui
                            .article
                            .and_then(|a| ws.dataset.articles.get(a))
                            .map(|a| a.rel.clone());
                        ws.replace_dataset(ds);
                        self.ui.article = rel
                            .and_then(|rel| ws.dataset.articles.iter().position(|a| a.rel == rel));
                        if self
                            .ui
                            .fact
                            .as_ref()
                            .is_some_and(|f| ws.row_of(f).is_none())
                        {
                            self.ui.fact = None;
                        }
                        let n = |v: usize| v.to_string();
                        let text = fill(
                            self.t(K::Reloaded),
                            &[
                                ("changed", &n(report.changed.len())),
                                ("added", &n(report.added.len())),
                                ("removed", &n(report.removed.len())),
                                ("unchanged", &n(report.unchanged + report.same_text)),
                            ],
                        );
                        self.say_with_unattached(text);
                    }
                }
                Msg::Saved {
                    path,
                    generation,
                    error,
                } => match error {
                    None => {
                        if let Some(ws) = &mut self.ws {
                            ws.mark_saved(path.clone(), generation);
                        }
                        self.prefs.add_session(&path);
                        if !self.ws.as_ref().is_some_and(Workspace::is_dirty) {
                            self.remove_recovery();
                        }
                        self.say(fill(
                            self.t(K::SavedTo),
                            &[("path", &path.display().to_string())],
                        ));
                        if let Some(p) = self.after_save.take() {
                            self.run_pending(p);
                        }
                    }
                    Some(e) => {
                        self.after_save = None;
                        let body = fill(self.t(K::SaveFailed), &[("reason", &e)]);
                        self.error(self.t(K::SaveFailedTitle).to_owned(), body);
                    }
                },
                Msg::Autosaved { error } => {
                    if let Some(e) = error {
                        self.warn(fill(self.t(K::AutosaveFailed), &[("reason", &e)]));
                    }
                }
                Msg::Dialog {
                    purpose,
                    path,
                    instant,
                } => self.on_dialog(purpose, path, instant),
                Msg::Exported { path, result } => {
                    self.busy = None;
                    match result {
                        Ok(sum) => self.say(fill(
                            self.t(K::ExportedN),
                            &[
                                ("n", &sum.facts.to_string()),
                                ("path", &path.display().to_string()),
                            ],
                        )),
                        Err(e) => self.error(self.t(K::ExportFailed).to_owned(), e),
                    }
                }
                Msg::ChartSaved { path, error } => match error {
                    None => self.say(fill(
                        self.t(K::ChartSaved),
                        &[("path", &path.display().to_string())],
                    )),
                    Some(e) => self.error(
                        self.t(K::SaveFailedTitle).to_owned(),
                        format!("{}: {e}", path.display()),
                    ),
                },
            }
        }
    }

    // ----- Commands -------------------------------------------------------------------------

    /// Applies a command (the UI's, or a keyboard shortcut's).
    pub fn apply(&mut self, cmd: Command) {
        match cmd {
            Command::Dialog(p) => self.dialog(p),
            Command::TypePath(purpose) => {
                self.ui.modal = Some(Modal::PathInput {
                    purpose,
                    text: self.suggested_path(purpose),
                    no_dialog: false,
                });
            }
            Command::Open(p) => self.guarded(Pending::Open(p)),
            Command::OpenDropped(v) => self.guarded(Pending::OpenDropped(v)),
            Command::OpenSample => self.guarded(Pending::OpenSample),
            Command::Save => {
                if self.ws.is_some() && self.busy.is_none() {
                    self.save();
                }
            }
            Command::SaveTo(p) => self.save_to(p),
            Command::UseCatalogue(p) => self.use_catalogue(&p),
            Command::LocateCorpus(p) => self.locate_corpus(p),
            Command::Reextract => self.reextract(),
            Command::Reload => self.reload(),
            Command::CancelTask => {
                if let Some(b) = &self.busy {
                    b.cancel.store(true, Ordering::Relaxed);
                }
            }
            Command::Quit => self.guarded(Pending::Quit),
            Command::CloseWork => self.guarded(Pending::Close),
            Command::Undo => {
                if let Some(ws) = &mut self.ws
                    && let Some(target) = ws.undo()
                {
                    self.select_after_history(target);
                }
            }
            Command::Redo => {
                if let Some(ws) = &mut self.ws
                    && let Some(target) = ws.redo()
                {
                    self.select_after_history(target);
                }
            }
            Command::SelectArticle(i) => {
                if self.ui.article != Some(i) {
                    self.ui.article = Some(i);
                    self.ui.reader_selection = None;
                    if self
                        .ui
                        .fact
                        .as_ref()
                        .and_then(|f| self.ws.as_ref()?.row_of(f))
                        .is_some_and(|r| {
                            self.ws
                                .as_ref()
                                .is_some_and(|w| w.dataset.rows[r].article != i)
                        })
                    {
                        self.ui.fact = None;
                    }
                }
            }
            Command::SelectFact(f) => self.select(f),
            Command::Step(d) => self.step(d),
            Command::SetStatus {
                fact,
                status,
                advance,
            } => self.edit_fact(&fact, advance, |ws, row| ws.status_edit(row, status)),
            Command::Patch {
                fact,
                patch,
                advance,
            } => {
                let cat = Arc::clone(&self.extractor.catalogue);
                self.edit_fact(&fact, advance, |ws, row| ws.patch_edit(row, &patch, &cat));
            }
            Command::ResetFact(fact) => {
                let edit = self
                    .ws
                    .as_ref()
                    .and_then(|ws| ws.row_of(&fact).and_then(|row| ws.reset_edit(row)));
                self.apply_edit(edit);
            }
            Command::ApplyToIdentical(fact) => {
                let edit = self
                    .ws
                    .as_ref()
                    .and_then(|ws| ws.row_of(&fact).and_then(|row| ws.identical_edit(row)));
                let n = match &edit {
                    Some(crate::review::Edit::Batch(v)) => v.len(),
                    _ => 0,
                };
                self.apply_edit(edit);
                self.say(fill(self.t(K::AppliedToN), &[("n", &n.to_string())]));
            }
            Command::AcceptAbove(t) => {
                let Some(ws) = &self.ws else {
                    return;
                };
                let rows = self.ui.table_rows(ws);
                let edit = ws.accept_above_edit(&rows, t);
                let n = match &edit {
                    Some(crate::review::Edit::Batch(v)) => v.len(),
                    _ => 0,
                };
                self.apply_edit(edit);
                self.say(fill(self.t(K::AcceptedN), &[("n", &n.to_string())]));
            }
            Command::AddManual(m) => {
                if let Some(ws) = &mut self.ws {
                    let id = ws.overlay.next_manual_id();
                    let e = ws.add_edit(m);
                    ws.apply(e);
                    self.select(FactRef::Manual(id));
                }
            }
            Command::DeleteManual(id) => {
                let edit = self.ws.as_ref().and_then(|ws| ws.delete_edit(id));
                self.apply_edit(edit);
                self.ui.fact = None;
            }
            Command::DraftFromSelection {
                article,
                start,
                end,
            } => {
                let draft = self
                    .ws
                    .as_ref()
                    .and_then(|ws| ws.draft_from_selection(article, start, end, &self.extractor));
                match draft {
                    Some(d) => self.ui.add = Some(add_form_of(d)),
                    None => self.warn(self.t(K::SelectToAdd).to_owned()),
                }
            }
            Command::ArticleNote { article, note } => {
                let edit = self
                    .ws
                    .as_ref()
                    .and_then(|ws| ws.article_note_edit(article, note));
                self.apply_edit(edit);
            }
            Command::ShowCentral(c) => self.ui.central = c,
            Command::Export {
                format,
                only_reviewed,
            } => {
                self.pending_export = Some((format, only_reviewed));
                self.dialog(Purpose::Export);
            }
            Command::ExportTo(p) => self.export_to(p),
            Command::SaveChart(p) => self.save_chart(p),
            Command::SetLang(l) => self.prefs.lang = l,
            Command::SetTheme(t) => {
                self.prefs.theme = t;
                apply_theme(&self.ctx, t);
            }
            Command::ShowModal(m) => self.ui.modal = Some(m),
            Command::CloseModal => self.ui.modal = None,
            Command::Unsaved(choice) => {
                self.ui.modal = None;
                match choice {
                    UnsavedChoice::Save => {
                        self.after_save = self.pending.take();
                        self.save();
                    }
                    UnsavedChoice::Discard => {
                        self.remove_recovery();
                        if let Some(p) = self.pending.take() {
                            if p != Pending::Quit {
                                // The old work is gone from the screen from here on.
                                self.ws = None;
                            }
                            self.run_pending(p);
                        }
                    }
                    UnsavedChoice::Cancel => self.pending = None,
                }
            }
            Command::RestoreRecovery => {
                self.ui.modal = None;
                if let Some(path) = self.recovery_path() {
                    self.ws = None;
                    self.load(LoadRequest::Session {
                        path,
                        recovery: true,
                    });
                }
            }
            Command::DiscardRecovery => {
                self.ui.modal = None;
                self.remove_recovery();
            }
            Command::DismissNotice => self.notice = None,
        }
    }

    /// Applies the edit `make` builds for a fact; with `advance`, selects the next fact of the
    /// table (found before the edit, which may filter this one out).
    fn edit_fact(
        &mut self,
        fact: &FactRef,
        advance: bool,
        make: impl FnOnce(&Workspace, usize) -> Option<crate::review::Edit>,
    ) {
        let next = if advance {
            self.neighbour(fact, 1)
        } else {
            None
        };
        let edit = self
            .ws
            .as_ref()
            .and_then(|ws| ws.row_of(fact).and_then(|row| make(ws, row)));
        self.apply_edit(edit);
        if let Some(n) = next {
            self.select(n);
        }
    }

    fn apply_edit(&mut self, edit: Option<crate::review::Edit>) {
        if let (Some(ws), Some(e)) = (&mut self.ws, edit) {
            ws.apply(e);
        }
    }

    fn select(&mut self, f: FactRef) {
        let Some(ws) = &self.ws else {
            return;
        };
        let Some(row) = ws.row_of(&f) else {
            return;
        };
        self.ui.article = Some(ws.dataset.rows[row].article);
        self.ui.fact = Some(f);
        self.ui.add = None;
        self.ui.scroll_reader = true;
        self.ui.scroll_table = true;
    }

    fn select_after_history(&mut self, target: Option<FactRef>) {
        if let Some(f) = target {
            self.select(f);
        }
    }

    /// The fact `d` places away from `f` in the table's order.
    fn neighbour(&mut self, f: &FactRef, d: i32) -> Option<FactRef> {
        let ws = self.ws.as_ref()?;
        let rows = self.ui.table_rows(ws);
        let row = ws.row_of(f)?;
        let pos = rows.iter().position(|&i| i == row)?;
        let next = pos.checked_add_signed(d as isize)?;
        rows.get(next).and_then(|&i| ws.ref_of(i))
    }

    fn step(&mut self, d: i32) {
        let Some(ws) = &self.ws else {
            return;
        };
        let rows = self.ui.table_rows(ws);
        if rows.is_empty() {
            return;
        }
        let current = self
            .ui
            .selected_row(ws)
            .and_then(|r| rows.iter().position(|&i| i == r));
        let pos = match current {
            Some(p) => p.saturating_add_signed(d as isize).min(rows.len() - 1),
            // Nothing selected: J starts at the first fact of the article being read.
            None => {
                let first_here = self
                    .ui
                    .article
                    .and_then(|a| rows.iter().position(|&i| ws.dataset.rows[i].article == a));
                match (first_here, d >= 0) {
                    (Some(p), _) => p,
                    (None, true) => 0,
                    (None, false) => rows.len() - 1,
                }
            }
        };
        if let Some(f) = ws.ref_of(rows[pos]) {
            self.select(f);
        }
    }

    // ----- Input ----------------------------------------------------------------------------

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let focused = ctx.memory(|m| m.focused());
        let typing = ctx.text_edit_focused() && focused != self.ui.reader_id;
        let modal = self.ui.modal.is_some();
        let mut cmds = Vec::new();
        ctx.input_mut(|i| {
            if i.consume_shortcut(&menu::SAVE_AS) {
                cmds.push(Command::Dialog(Purpose::SaveAs));
            }
            if i.consume_shortcut(&menu::SAVE) {
                cmds.push(Command::Save);
            }
            if i.consume_shortcut(&menu::OPEN) {
                cmds.push(Command::Dialog(Purpose::OpenFolder));
            }
            if i.consume_shortcut(&menu::QUIT) {
                cmds.push(Command::Quit);
            }
            if modal {
                return;
            }
            if !typing {
                if i.consume_shortcut(&menu::REDO) || i.consume_shortcut(&menu::REDO_Y) {
                    cmds.push(Command::Redo);
                }
                if i.consume_shortcut(&menu::UNDO) {
                    cmds.push(Command::Undo);
                }
            }
            if i.consume_shortcut(&menu::RELOAD) {
                cmds.push(Command::Reload);
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::F1) {
                cmds.push(Command::ShowModal(Modal::Help));
            }
            if typing || i.modifiers.command || i.modifiers.alt {
                return;
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::Questionmark) {
                cmds.push(Command::ShowModal(Modal::Help));
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::J) {
                cmds.push(Command::Step(1));
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::K) {
                cmds.push(Command::Step(-1));
            }
            let fact = self.ui.fact.clone();
            if let Some(f) = fact {
                if i.consume_key(egui::Modifiers::NONE, egui::Key::A) {
                    cmds.push(Command::SetStatus {
                        fact: f.clone(),
                        status: Status::Accepted,
                        advance: true,
                    });
                }
                if i.consume_key(egui::Modifiers::NONE, egui::Key::R) {
                    cmds.push(Command::SetStatus {
                        fact: f.clone(),
                        status: Status::Rejected,
                        advance: true,
                    });
                }
                if i.consume_key(egui::Modifiers::NONE, egui::Key::E) {
                    self.ui.focus = Some(Focus::Value);
                }
                if i.consume_key(egui::Modifiers::NONE, egui::Key::N) {
                    self.ui.focus = Some(Focus::Note);
                }
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::Escape) {
                self.ui.add = None;
            }
        });
        self.commands.extend(cmds);
    }

    fn drops(&mut self, ctx: &egui::Context) {
        let (hover, dropped) = ctx.input(|i| {
            (
                !i.raw.hovered_files.is_empty(),
                i.raw
                    .dropped_files
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .collect::<Vec<_>>(),
            )
        });
        self.ui.drop_hover = hover;
        if !dropped.is_empty() && self.busy.is_none() {
            self.commands.push(Command::OpenDropped(dropped));
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.ws {
            Some(ws) => format!(
                "{}{} — baocao",
                ws.name(),
                if ws.is_dirty() { " •" } else { "" }
            ),
            None => "baocao".to_owned(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn close_requested(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        let dirty = self.ws.as_ref().is_some_and(Workspace::is_dirty);
        if dirty && !self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Quit);
            self.ui.modal = Some(Modal::Unsaved);
        } else if !dirty {
            // A clean exit: nothing to recover.
            self.remove_recovery();
        }
    }

    fn busy_view(&self) -> Option<BusyView> {
        let b = self.busy.as_ref()?;
        let p = b.progress.lock().map(|p| p.clone()).ok()?;
        Some(BusyView {
            what: b.what,
            done: p.done,
            total: p.total,
            current: p.current,
        })
    }
}

impl eframe::App for BaocaoApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.drain_messages();
        self.close_requested(ctx);
        self.autosave();
        if self.busy.is_some() {
            // Keep the progress bar moving even if a worker's repaint request was coalesced.
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.shortcuts(&ctx);
        self.drops(&ctx);
        let busy = self.busy_view();
        let view = View {
            ws: self.ws.as_ref(),
            lang: self.prefs.lang,
            catalogue: &self.extractor.catalogue,
            gazetteer: &self.extractor.gazetteer,
            busy,
            recent_folders: &self.prefs.recent_folders,
            recent_sessions: &self.prefs.recent_sessions,
            notice: self.notice.as_ref(),
            theme: self.prefs.theme,
            version: crate::version(),
        };
        let mut out = std::mem::take(&mut self.commands);
        ui::root_ui(ui, &view, &mut self.ui, &mut out);
        for c in out {
            self.apply(c);
        }
        self.update_title(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::KEY, &self.prefs);
    }
}

fn apply_theme(ctx: &egui::Context, t: ThemePref) {
    ctx.set_theme(match t {
        ThemePref::System => egui::ThemePreference::System,
        ThemePref::Light => egui::ThemePreference::Light,
        ThemePref::Dark => egui::ThemePreference::Dark,
    });
}

fn spawn(name: &str, f: impl FnOnce() + Send + 'static) {
    if let Err(e) = std::thread::Builder::new().name(name.to_owned()).spawn(f) {
        log::error!("cannot start thread {name}: {e}");
    }
}

/// Encodes an image as PNG.
fn png_of(img: &egui::ColorImage) -> Result<Vec<u8>, String> {
    let [w, h] = img.size;
    let raw: Vec<u8> = img
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    let buf = image::RgbaImage::from_raw(w as u32, h as u32, raw)
        .ok_or_else(|| "the screenshot has an unexpected size".to_owned())?;
    let mut out = std::io::Cursor::new(Vec::new());
    buf.write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

fn display_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// Local-ish time of a file for messages: "2026-11-22 14:05" (UTC; no time-zone database is
/// bundled).
fn format_time(t: std::time::SystemTime) -> String {
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let days = i64::try_from(secs / 86_400).unwrap_or_default();
    let d = crate::model::Ymd::from_days_since_epoch(days);
    let rem = secs % 86_400;
    format!("{d} {:02}:{:02} UTC", rem / 3600, (rem % 3600) / 60)
}

/// The loader thread's work.
fn load_on_thread(
    req: LoadRequest,
    extractor: &Extractor,
    progress: &Arc<Mutex<Progress>>,
    cancel: &AtomicBool,
    ctx: &egui::Context,
    lang: Lang,
) -> Msg {
    let report = |p: Progress| report_to(progress, ctx, p);
    let readers = pipeline::readers();
    let read = |root: &Path, files: &Option<Vec<String>>| match files {
        Some(f) => pipeline::extract_files(root, f, extractor, &readers, &report, cancel),
        None => pipeline::extract_folder(root, extractor, &readers, &report, cancel),
    };
    let (session, session_path, root) = match req {
        LoadRequest::Folder {
            root,
            files,
            sample,
        } => {
            let r = read(&root, &files);
            let source = Source {
                root: root.clone(),
                files,
            };
            return Msg::Loaded(Box::new(Loaded {
                dataset: Dataset::new(root, r.articles, r.skipped),
                source,
                session: None,
                cancelled: r.cancelled,
                sample,
            }));
        }
        LoadRequest::Session { path, recovery } => {
            let s = match SessionFile::load(&path) {
                Ok(s) => s,
                Err(e) => {
                    return Msg::Failed {
                        title: tr(lang, K::OpenFailedTitle).to_owned(),
                        body: e.to_string(),
                    };
                }
            };
            let (root, session_path) = if recovery {
                let of = s
                    .recovery_of
                    .as_deref()
                    .filter(|p| !p.is_empty())
                    .map(PathBuf::from);
                (PathBuf::from(&s.corpus), of)
            } else {
                (s.corpus_path(&path), Some(path))
            };
            if !root.is_dir() {
                return Msg::MissingCorpus {
                    session: Box::new(s),
                    session_path,
                    corpus: root,
                };
            }
            (s, session_path, root)
        }
        LoadRequest::SessionWithCorpus {
            session,
            session_path,
            root,
        } => (*session, session_path, root),
    };
    let r = read(&root, &session.files);
    Msg::Loaded(Box::new(Loaded {
        dataset: Dataset::new(root.clone(), r.articles, r.skipped),
        source: Source {
            root,
            files: session.files.clone(),
        },
        session: Some((session, session_path)),
        cancelled: r.cancelled,
        sample: false,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_encode_as_png() {
        let img = egui::ColorImage::new([3, 2], vec![egui::Color32::from_rgb(200, 30, 40); 6]);
        let bytes = png_of(&img).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let back = image::load_from_memory(&bytes).unwrap().to_rgba8();
        assert_eq!(back.dimensions(), (3, 2));
        assert_eq!(back.get_pixel(2, 1).0, [200, 30, 40, 255]);
    }
}
