//! The real UI driven through egui_kittest: open the sample, select a fact, accept it, edit a
//! value, undo and redo, add a fact from a selection in the reader, write a note, save the
//! session, open it in a fresh app and find every change; re-extract and keep the reviews.
//!
//! Every harness installs the bundled fonts, so a character without a glyph fails the test
//! (kittest panics on missing glyphs): the UI is checked for tofu in both languages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use baocao::app::{AppOptions, BaocaoApp};
use baocao::model::Value;
use baocao::review::Status;
use baocao::ui::Modal;
use baocao::ui::i18n::Lang;
use baocao::workspace::FactRef;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[path = "common/messy.rs"]
mod messy;

struct Env {
    _dir: tempfile::TempDir,
    corpus: PathBuf,
    storage: PathBuf,
    root: PathBuf,
}

/// A copy of the sample reports in a temporary folder, and a storage folder.
fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let corpus = root.join("reports");
    std::fs::create_dir_all(&corpus).unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    for e in std::fs::read_dir(sample).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), corpus.join(e.file_name())).unwrap();
    }
    let storage = root.join("storage");
    Env {
        _dir: dir,
        corpus,
        storage,
        root,
    }
}

fn options(env: &Env, open: Option<PathBuf>, lang: Lang) -> AppOptions {
    AppOptions {
        open,
        storage_dir: Some(env.storage.clone()),
        native_dialogs: false,
        lang: Some(lang),
        autosave: Duration::from_secs(3600),
        sample_on_first_run: false,
    }
}

fn harness(opts: AppOptions) -> Harness<'static, BaocaoApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(baocao::ui::fonts::install)
        .build_eframe(move |cc| BaocaoApp::new(cc, opts).unwrap())
}

/// Steps until background work is done (loading, extracting, saving).
fn settle(h: &mut Harness<'_, BaocaoApp>) {
    for _ in 0..1500 {
        h.step();
        if !h.state().is_busy() {
            for _ in 0..4 {
                h.step();
            }
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the app stayed busy");
}

/// Steps a few frames (a save runs on a thread: wait for its message too).
fn frames(h: &mut Harness<'_, BaocaoApp>, n: usize) {
    for _ in 0..n {
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// J then A: selects the next fact and accepts it; returns it.
fn accept_next(h: &mut Harness<'_, BaocaoApp>) -> FactRef {
    h.key_press(Key::J);
    frames(h, 2);
    let fact = h.state().ui_state().fact.clone().unwrap();
    h.key_press(Key::A);
    frames(h, 2);
    fact
}

/// Ctrl+S with no native dialog: the path field, the path, Save; then waits for the save.
fn save_as(h: &mut Harness<'_, BaocaoApp>, path: &Path) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    frames(h, 2);
    assert!(matches!(h.state().modal(), Some(Modal::PathInput { .. })));
    clear_and_type(h, "Path", &path.display().to_string());
    h.get_by_label("Save").click();
    for _ in 0..200 {
        frames(h, 1);
        if !h.state().workspace().unwrap().is_dirty() {
            break;
        }
    }
}

fn selected_row(h: &Harness<'_, BaocaoApp>) -> usize {
    let app = h.state();
    let ws = app.workspace().unwrap();
    app.ui_state().selected_row(ws).expect("a fact is selected")
}

/// Drags the mouse across `needle` in the reader (the first occurrence after `after`).
fn select_in_reader(h: &mut Harness<'_, BaocaoApp>, needle: &str) -> (usize, usize) {
    let (start, end, a, b) = {
        let app = h.state();
        let ws = app.workspace().unwrap();
        let st = app.ui_state();
        let layout = st.reader_layout.as_ref().expect("the reader is drawn");
        let text = &ws.dataset.articles[layout.article].text;
        let start = text.find(needle).expect("needle in the article");
        let end = start + needle.len();
        let a = layout.screen_pos(start).left_center();
        let b = layout.screen_pos(end).left_center();
        (start, end, a, b)
    };
    h.hover_at(a);
    h.step();
    h.drag_at(a);
    h.step();
    h.hover_at(b);
    h.step();
    h.drop_at(b);
    frames(h, 3);
    (start, end)
}

/// The text field labelled `label` (a table header or a button may carry the same words).
fn field<'a>(h: &'a Harness<'_, BaocaoApp>, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_by(move |n| {
        n.label().as_deref() == Some(label)
            && matches!(n.role(), Role::TextInput | Role::MultilineTextInput)
    })
}

/// A choice in an open combo box (table cells may hold the same words as labels).
fn option<'a>(h: &'a Harness<'_, BaocaoApp>, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_by(move |n| n.label().as_deref() == Some(label) && n.role() != Role::Label)
}

fn clear_and_type(h: &mut Harness<'_, BaocaoApp>, label: &str, text: &str) {
    field(h, label).click();
    h.step();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.step();
    field(h, label).type_text(text);
    h.step();
}

#[test]
fn review_save_and_reopen_keeps_every_change() {
    let env = env();
    let mut h = harness(options(&env, Some(env.corpus.clone()), Lang::En));
    settle(&mut h);
    assert_eq!(h.state().workspace().unwrap().dataset.articles.len(), 5);
    // The first report (by file name) is selected in the list and shown in the reader.
    let title = "Quận Ô Môn: Bước đầu thành công vừa chống dịch vừa ổn định kinh tế";
    assert!(h.get_all_by_label(title).count() >= 2);

    // Select a fact by clicking its row in the table.
    h.get_by_label("quận Ô Môn có 433 ca").click();
    frames(&mut h, 2);
    let row = selected_row(&h);
    let fact433 = h.state().ui_state().fact.clone().unwrap();
    assert_eq!(
        h.state().workspace().unwrap().dataset.rows[row].value,
        Value::Exact(433.0)
    );

    // Accept it: the selection moves on to the next fact.
    h.get_by_label("Accept (A)").click();
    frames(&mut h, 2);
    {
        let ws = h.state().workspace().unwrap();
        let r = ws.row_of(&fact433).unwrap();
        assert_eq!(ws.dataset.rows[r].status, Status::Accepted);
        assert_ne!(h.state().ui_state().fact.as_ref(), Some(&fact433));
        assert!(ws.is_dirty());
    }

    // Back to it with K, then edit the value (E focuses the value field).
    h.key_press(Key::K);
    frames(&mut h, 2);
    assert_eq!(h.state().ui_state().fact.as_ref(), Some(&fact433));
    clear_and_type(&mut h, "Value", "434");
    h.key_press(Key::Enter);
    frames(&mut h, 2);
    let value_of = |h: &Harness<'_, BaocaoApp>, f: &FactRef| {
        let ws = h.state().workspace().unwrap();
        ws.dataset.rows[ws.row_of(f).unwrap()].value
    };
    assert_eq!(value_of(&h, &fact433), Value::Exact(434.0));

    // Undo and redo, from the keyboard.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    frames(&mut h, 2);
    assert_eq!(value_of(&h, &fact433), Value::Exact(433.0));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    frames(&mut h, 2);
    assert_eq!(value_of(&h, &fact433), Value::Exact(434.0));

    // A note on the fact, through the note field and the save button.
    h.key_press(Key::N);
    frames(&mut h, 2);
    field(&h, "Note").type_text("checked against the bulletin");
    h.step();
    h.get_by_label("Save changes (Enter)").click();
    frames(&mut h, 2);
    {
        let ws = h.state().workspace().unwrap();
        let r = &ws.dataset.rows[ws.row_of(&fact433).unwrap()];
        assert_eq!(r.note, "checked against the bulletin");
        assert_eq!(r.value, Value::Exact(434.0));
        assert_eq!(r.status, Status::Accepted);
    }

    // Add a missed fact from a selection in the reader.
    let (start, end) = select_in_reader(&mut h, "đứng thứ 5 trong 9 quận");
    assert_eq!(h.state().ui_state().reader_selection, Some((start, end)));
    h.get_by_label("Add a fact from the selection").click();
    frames(&mut h, 2);
    assert!(h.state().ui_state().add.is_some());
    clear_and_type(&mut h, "Value", "5");
    h.get_by_label("Add").click();
    frames(&mut h, 2);
    let manual = {
        let ws = h.state().workspace().unwrap();
        assert_eq!(ws.overlay.manual.len(), 1);
        let m = ws.overlay.manual.values().next().unwrap().clone();
        assert_eq!(m.span, Some((start, end)));
        assert_eq!(m.evidence, "đứng thứ 5 trong 9 quận");
        assert_eq!(m.value, Value::Exact(5.0));
        assert_eq!(m.place.district.as_deref(), Some("Ô Môn"));
        m
    };

    // A note on the article.
    field(&h, "Article note").click();
    h.step();
    field(&h, "Article note").type_text("phỏng vấn lãnh đạo quận");
    h.step();
    h.key_press(Key::Enter);
    frames(&mut h, 2);
    assert_eq!(
        h.state().workspace().unwrap().article_note(0).note,
        "phỏng vấn lãnh đạo quận"
    );

    // Save (Ctrl+S): no native dialog in tests, so the path field appears.
    let session = env.root.join("work").join("review.ron");
    std::fs::create_dir_all(session.parent().unwrap()).unwrap();
    save_as(&mut h, &session);
    assert!(!h.state().workspace().unwrap().is_dirty(), "saved");
    let text = std::fs::read_to_string(&session).unwrap();
    assert!(text.contains("corpus: \"../reports\""), "{text}");
    assert!(text.contains("checked against the bulletin"));

    // A fresh app on the session finds every change.
    drop(h);
    let mut h = harness(options(&env, Some(session.clone()), Lang::Vi));
    settle(&mut h);
    let app = h.state();
    let ws = app.workspace().unwrap();
    assert_eq!(ws.session_path.as_deref(), Some(session.as_path()));
    let r = &ws.dataset.rows[ws.row_of(&fact433).unwrap()];
    assert_eq!(r.status, Status::Accepted);
    assert_eq!(r.value, Value::Exact(434.0));
    assert_eq!(r.machine_value, Some(Value::Exact(433.0)));
    assert_eq!(r.note, "checked against the bulletin");
    let m = &ws.dataset.rows[ws.row_of(&FactRef::Manual(manual.id)).unwrap()];
    assert_eq!(m.value, Value::Exact(5.0));
    assert_eq!(m.span, Some((start, end)));
    assert_eq!(ws.article_note(0).note, "phỏng vấn lãnh đạo quận");
    assert!(!ws.is_dirty());
    // The view state came back too: the manual fact was the last one selected.
    assert_eq!(app.ui_state().fact, Some(FactRef::Manual(manual.id)));
    // And the UI shows it, in Vietnamese.
    h.get_by_label("Duyệt số liệu");
    h.get_by_label("Ghi chú bài báo");
}

#[test]
fn reloading_reads_only_changed_files_and_keeps_reviews() {
    let env = env();
    let mut h = harness(options(&env, Some(env.corpus.clone()), Lang::En));
    settle(&mut h);
    let accepted = accept_next(&mut h);
    let (reader_rel, articles_before) = {
        let app = h.state();
        let ws = app.workspace().unwrap();
        let a = app.ui_state().article.unwrap();
        (
            ws.dataset.articles[a].rel.clone(),
            ws.dataset.articles.len(),
        )
    };
    // Another report is edited on disk and a new one arrives.
    let other = std::fs::read_dir(&env.corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| !p.ends_with(&reader_rel) && p.extension().is_some_and(|x| x == "txt"))
        .unwrap();
    let text = std::fs::read_to_string(&other).unwrap();
    std::fs::write(
        &other,
        format!("{text}\nĐến ngày 1/10, huyện Phong Điền có 12 ca mắc mới.\n"),
    )
    .unwrap();
    std::fs::write(
        env.corpus.join("zz-new.txt"),
        "Đến ngày 2/10/2021, quận Cái Răng, TP Cần Thơ ghi nhận 58 ca COVID-19.\n",
    )
    .unwrap();
    // F5 reloads; the reader stays on its report and the review stays on its fact.
    h.key_press(Key::F5);
    settle(&mut h);
    let app = h.state();
    let ws = app.workspace().unwrap();
    assert_eq!(ws.dataset.articles.len(), articles_before + 1);
    let notice = app.notice().unwrap();
    assert!(notice.contains("1 changed, 1 new, 0 gone"), "{notice}");
    assert_eq!(
        ws.dataset.rows[ws.row_of(&accepted).unwrap()].status,
        Status::Accepted
    );
    let a = app.ui_state().article.unwrap();
    assert_eq!(ws.dataset.articles[a].rel, reader_rel);
    assert!(
        ws.dataset
            .rows
            .iter()
            .any(|r| r.value == Value::Exact(58.0))
    );
}

#[test]
fn reextraction_keeps_every_review() {
    let env = env();
    let mut h = harness(options(&env, Some(env.corpus.clone()), Lang::En));
    settle(&mut h);
    // J selects the first fact of the report on screen; A accepts it and moves on; R rejects.
    let first = accept_next(&mut h);
    let second = h.state().ui_state().fact.clone().unwrap();
    assert_ne!(first, second);
    h.key_press(Key::R);
    frames(&mut h, 2);
    let reviews_before = h.state().workspace().unwrap().overlay.clone();
    assert_eq!(reviews_before.reviews.len(), 2);

    h.get_by_label("File").click();
    frames(&mut h, 2);
    h.get_by_label("Re-extract").click();
    settle(&mut h);
    {
        let app = h.state();
        let ws = app.workspace().unwrap();
        assert_eq!(ws.overlay, reviews_before);
        assert_eq!(
            ws.dataset.rows[ws.row_of(&first).unwrap()].status,
            Status::Accepted
        );
        assert_eq!(
            ws.dataset.rows[ws.row_of(&second).unwrap()].status,
            Status::Rejected
        );
        assert!(app.notice().unwrap().contains("every review was kept"));
    }
    // Undo still works after re-extraction.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    frames(&mut h, 2);
    let ws = h.state().workspace().unwrap();
    assert_eq!(
        ws.dataset.rows[ws.row_of(&second).unwrap()].status,
        Status::Pending
    );
}

#[test]
fn start_screen_opens_the_embedded_sample_and_the_path_field() {
    let env = env();
    let mut h = harness(options(&env, None, Lang::Vi));
    h.step();
    h.get_by_label("Mở các bài báo mẫu").click();
    settle(&mut h);
    let ws = h.state().workspace().unwrap();
    assert_eq!(ws.dataset.articles.len(), 5);
    assert!(ws.source.root.starts_with(&env.storage));

    // Ctrl+O with no native dialog: the path field; a folder that does not exist gets a
    // message naming it.
    let mut h = harness(options(&env, None, Lang::En));
    h.step();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    frames(&mut h, 2);
    let missing = env.root.join("nowhere");
    field(&h, "Path").type_text(&missing.display().to_string());
    h.step();
    h.get_by_label("Open").click();
    frames(&mut h, 3);
    match h.state().modal() {
        Some(Modal::Error { body, .. }) => {
            assert!(body.contains("nowhere"), "{body}");
            assert!(body.contains("does not exist"), "{body}");
        }
        other => panic!("expected an error, got {other:?}"),
    }
    h.get_by_label("Close").click();
    frames(&mut h, 2);
    assert!(h.state().modal().is_none());
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_files_opens_them_and_closing_asks_about_unsaved_work() {
    let env = env();
    let mut h = harness(options(&env, None, Lang::En));
    h.step();
    let files: Vec<PathBuf> = std::fs::read_dir(&env.corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .take(2)
        .collect();
    for f in &files {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(f.clone())));
    }
    settle(&mut h);
    let ws = h.state().workspace().unwrap();
    assert_eq!(ws.dataset.articles.len(), 2);
    assert_eq!(ws.source.files.as_ref().map(Vec::len), Some(2));

    // Make a change, then ask to close the window: the app vetoes and asks.
    h.key_press(Key::J);
    h.step();
    h.key_press(Key::A);
    frames(&mut h, 2);
    assert!(h.state().workspace().unwrap().is_dirty());
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    frames(&mut h, 2);
    assert_eq!(h.state().modal(), Some(&Modal::Unsaved));
    h.get_by_label("Cancel").click();
    frames(&mut h, 2);
    assert!(h.state().modal().is_none());
    assert!(
        h.state().workspace().unwrap().is_dirty(),
        "nothing was lost"
    );
}

#[test]
fn help_lists_every_shortcut_and_the_language_switches_at_run_time() {
    let env = env();
    let mut h = harness(options(&env, Some(env.corpus.clone()), Lang::En));
    settle(&mut h);
    h.get_by_label("View").click();
    frames(&mut h, 2);
    h.get_by_label_contains("Language").hover();
    frames(&mut h, 2);
    h.get_by_label_contains("Language").click();
    frames(&mut h, 2);
    h.get_by_label("Tiếng Việt").click();
    frames(&mut h, 2);
    h.get_by_label("Duyệt số liệu");
    field(&h, "Lọc bài báo");

    h.key_press(Key::F1);
    frames(&mut h, 2);
    h.get_by_label("Phím tắt");
    for (keys, _) in baocao::ui::modals::SHORTCUTS {
        h.get_by_label(keys);
    }
    h.get_by_label("Đóng").hover();
    frames(&mut h, 2);
    h.get_by_label("Đóng").click();
    frames(&mut h, 12);
    assert!(h.state().modal().is_none());
}

#[test]
fn every_ui_string_renders_with_the_bundled_font() {
    // kittest panics on a glyph the fonts lack: lay out every string of both languages.
    for lang in [Lang::Vi, Lang::En] {
        let mut h = Harness::builder()
            .with_size(egui::vec2(1200.0, 4000.0))
            .with_context_setup(baocao::ui::fonts::install)
            .build_ui(move |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for &k in baocao::ui::i18n::ALL {
                        ui.label(baocao::ui::i18n::tr(lang, k));
                    }
                    ui.label("✓ ✗ • ✎ + ⬆ ⬇ ▲ ▼ “ ” — · …");
                });
            });
        h.run();
        h.get_by_label(baocao::ui::i18n::tr(lang, baocao::ui::i18n::K::OpenSample));
    }
}

#[test]
fn unsaved_work_is_autosaved_and_offered_back_after_a_crash() {
    let env = env();
    let mut opts = options(&env, Some(env.corpus.clone()), Lang::En);
    opts.autosave = Duration::ZERO;
    let mut h = harness(opts.clone());
    settle(&mut h);
    h.key_press(Key::J);
    h.step();
    let fact = h.state().ui_state().fact.clone().unwrap();
    h.key_press(Key::R);
    frames(&mut h, 2);
    let recovery = h.state().recovery_path().unwrap();
    for _ in 0..300 {
        if recovery.exists() {
            break;
        }
        frames(&mut h, 1);
    }
    assert!(recovery.exists(), "autosaved to {}", recovery.display());
    // The process dies here: no save, no clean close.
    drop(h);

    opts.open = None;
    let mut h = harness(opts);
    frames(&mut h, 2);
    assert!(matches!(h.state().modal(), Some(Modal::Recovery { .. })));
    h.get_by_label("Restore").click();
    settle(&mut h);
    let ws = h.state().workspace().unwrap();
    assert_eq!(
        ws.dataset.rows[ws.row_of(&fact).unwrap()].status,
        Status::Rejected
    );
    assert!(ws.is_dirty(), "restored work is unsaved until saved");
    assert_eq!(ws.source.root, env.corpus);
}

#[test]
fn loading_can_be_cancelled_and_the_window_stays_responsive() {
    let env = env();
    // A folder big enough that loading is still running when Cancel is clicked.
    let big = env.root.join("big");
    std::fs::create_dir_all(&big).unwrap();
    let texts: Vec<(String, String)> = std::fs::read_dir(&env.corpus)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    for i in 0..400 {
        for (name, text) in &texts {
            std::fs::write(big.join(format!("{i:03}-{name}")), format!("{text}\n{i}")).unwrap();
        }
    }
    let mut h = harness(options(&env, Some(big), Lang::En));
    h.step();
    assert!(h.state().is_busy());
    // The status bar shows progress and a Cancel button while the loader runs.
    h.get_by_label("Cancel").click();
    settle(&mut h);
    assert!(h.state().workspace().is_none());
    assert_eq!(h.state().notice(), Some("Loading was cancelled."));
}

#[test]
fn a_first_run_opens_the_sample_and_closing_returns_to_the_start_screen() {
    let env = env();
    let mut opts = options(&env, None, Lang::En);
    opts.sample_on_first_run = true;
    let mut h = harness(opts);
    settle(&mut h);
    assert_eq!(h.state().workspace().unwrap().dataset.articles.len(), 5);
    h.get_by_label("File").click();
    frames(&mut h, 2);
    h.get_by_label("Close this work").click();
    frames(&mut h, 2);
    assert!(h.state().workspace().is_none());
    h.get_by_label("Open the sample reports");
    h.get_by_label("Open folder…");
}

#[test]
fn hovering_a_figure_in_the_reader_explains_it_and_a_click_selects_it() {
    let env = env();
    let mut h = harness(options(&env, Some(env.corpus.clone()), Lang::En));
    settle(&mut h);
    let (pos, fact) = {
        let app = h.state();
        let ws = app.workspace().unwrap();
        let layout = app.ui_state().reader_layout.as_ref().unwrap();
        let text = &ws.dataset.articles[layout.article].text;
        let b = text.find("433 ca").unwrap();
        let row = ws
            .dataset
            .rows_of_article(layout.article)
            .find(|&r| ws.dataset.rows[r].value == Value::Exact(433.0))
            .unwrap();
        let p = layout.screen_pos(b + 1).center();
        (p, ws.ref_of(row).unwrap())
    };
    h.hover_at(pos);
    for _ in 0..60 {
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    // The tooltip: metric, value, place, date, confidence (the table shows some of the same
    // words, so those are counted: once in the table, once in the tooltip).
    let before = |h: &Harness<'_, BaocaoApp>, l: &str| h.get_all_by_label(l).count();
    h.get_by_label("433 cases");
    h.get_by_label("Ô Môn, Cần Thơ");
    assert!(before(&h, "Cumulative cases") >= 2);
    assert!(before(&h, "0.75") >= 2);
    assert!(before(&h, "Confidence") >= 2);
    h.drag_at(pos);
    h.step();
    h.drop_at(pos);
    frames(&mut h, 3);
    assert_eq!(h.state().ui_state().fact.as_ref(), Some(&fact));
}

#[test]
fn the_dashboard_shows_each_districts_latest_figures_and_follows_corrections() {
    let env = env();
    let mut h = harness(options(&env, Some(env.corpus.clone()), Lang::En));
    settle(&mut h);
    h.get_by_label("Districts").click();
    frames(&mut h, 2);
    // Choose Cần Thơ.
    h.get_by_role_and_label(Role::ComboBox, "Province").click();
    frames(&mut h, 3);
    option(&h, "Cần Thơ").click();
    frames(&mut h, 3);
    h.get_by_label("Ô Môn · Cumulative cases: 433 (23/09/2021)");
    h.get_by_label("Ô Môn · Vaccine doses given: 22.248 (24/09/2021)");
    // Clicking the cell opens the evidence in the reader.
    h.get_by_label("Ô Môn · Cumulative cases: 433 (23/09/2021)")
        .click();
    frames(&mut h, 3);
    let fact = h.state().ui_state().fact.clone().unwrap();
    {
        let ws = h.state().workspace().unwrap();
        assert_eq!(
            ws.dataset.rows[ws.row_of(&fact).unwrap()].value,
            Value::Exact(433.0)
        );
        assert_eq!(h.state().ui_state().central, baocao::ui::Central::Reader);
    }
    // A correction shows in the dashboard at once.
    clear_and_type(&mut h, "Value", "434");
    h.key_press(Key::Enter);
    frames(&mut h, 2);
    h.get_by_label("Districts").click();
    frames(&mut h, 3);
    h.get_by_label("Ô Môn · Cumulative cases: 434 (23/09/2021)");
    // Hà Nội: Hoàng Mai and Ba Đình.
    h.get_by_role_and_label(Role::ComboBox, "Province").click();
    frames(&mut h, 3);
    option(&h, "Hà Nội").click();
    frames(&mut h, 3);
    assert!(h.query_all_by_label_contains("Hoàng Mai · ").count() > 0);
    assert!(h.query_all_by_label_contains("Ba Đình · ").count() > 0);
    h.get_by_label("Hoàng Mai · Cumulative cases: 112 (11/08/2021)");
}

#[test]
fn charts_draw_every_kind_and_a_click_on_a_bar_opens_its_fact() {
    let env = env();
    let timeline = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/timeline");
    let mut h = harness(options(&env, Some(timeline), Lang::En));
    settle(&mut h);
    h.get_by_label("Charts").click();
    frames(&mut h, 3);
    assert!(h.state().ui_state().charts.plot_rect.is_some());
    for kind in ["Lines over time", "Grouped bars", "Bars across districts"] {
        h.get_by_label(kind).click();
        frames(&mut h, 3);
        assert!(h.state().ui_state().charts.plot_rect.is_some(), "{kind}");
    }
    // The bars are sorted: the first (tallest) bar is Ninh Kiều's cumulative cases.
    let rect = h.state().ui_state().charts.plot_rect.unwrap();
    let metric = h.state().ui_state().charts.metric.clone().unwrap();
    assert_eq!(metric, "cases_cumulative");
    // egui_plot adds margins; the first bar sits left of the plot's centre, low enough to be
    // inside even a short bar.
    let x = rect.left() + rect.width() * 0.22;
    let y = rect.bottom() - rect.height() * 0.2;
    h.hover_at(egui::pos2(x, y));
    h.step();
    h.drag_at(egui::pos2(x, y));
    h.step();
    h.drop_at(egui::pos2(x, y));
    frames(&mut h, 3);
    let app = h.state();
    let f = app.ui_state().fact.clone().expect("a bar was clicked");
    let ws = app.workspace().unwrap();
    let r = &ws.dataset.rows[ws.row_of(&f).unwrap()];
    assert_eq!(r.metric, "cases_cumulative");
    assert_eq!(r.place.district.as_deref(), Some("Ninh Kiều"));
    assert_eq!(r.value, Value::Exact(1117.0));
}

#[test]
fn exporting_from_the_app_writes_the_chosen_format() {
    let env = env();
    let mut h = harness(options(&env, Some(env.corpus.clone()), Lang::En));
    settle(&mut h);
    h.get_by_label("File").click();
    frames(&mut h, 2);
    h.get_by_label("Export…").click();
    frames(&mut h, 4);
    h.get_by_label("CSV (.csv)").click();
    h.step();
    h.get_by_label("Export…").click();
    frames(&mut h, 4);
    let out = env.root.join("facts.csv");
    clear_and_type(&mut h, "Path", &out.display().to_string());
    h.get_by_label("Save").click();
    settle(&mut h);
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("quận Ô Môn có 433 ca"));
    assert!(h.state().notice().unwrap().contains("facts.csv"));
}

#[test]
fn a_messy_folder_opens_with_what_can_be_read_and_every_skipped_file_listed() {
    let env = env();
    let m = messy::messy();
    let mut h = harness(options(&env, Some(m.root.clone()), Lang::En));
    settle(&mut h);
    {
        let app = h.state();
        let ws = app.workspace().expect("the folder opened");
        let ds = &ws.dataset;
        let mut rels: Vec<&str> = ds
            .articles
            .iter()
            .filter(|a| a.duplicate_of.is_none())
            .map(|a| a.rel.as_str())
            .collect();
        rels.sort_unstable();
        let mut want: Vec<&str> = messy::READ.iter().map(|(r, _)| *r).collect();
        want.sort_unstable();
        assert_eq!(rels, want);
        for (rel, word) in messy::READ {
            let a = ds.articles.iter().find(|a| a.rel == *rel).unwrap();
            assert!(
                a.text.contains(word),
                "{rel} reads as {:?}",
                &a.text[..200.min(a.text.len())]
            );
        }
        for (rel, why) in messy::SKIPPED.iter().chain(&messy::platform_skipped()) {
            if let Some((_, first)) = ds.duplicates().find(|(d, _)| d == rel) {
                assert!(why.contains(first), "{rel} repeats {first}");
                continue;
            }
            let s = ds
                .skipped
                .iter()
                .find(|s| s.rel.starts_with(rel))
                .unwrap_or_else(|| panic!("{rel} is not listed"));
            assert!(s.reason.contains(why), "{rel}: {}", s.reason);
        }
    }
    // The list is one click away, in the status bar.
    let n = messy::SKIPPED.len() + messy::platform_skipped().len();
    h.get_by_label(&format!("{n} files skipped")).click();
    frames(&mut h, 6);
    assert_eq!(h.state().modal(), Some(&Modal::Skipped));
    h.get_by_value("photo.jpg");
    h.get_by_value("the file is empty");
}

#[test]
fn a_session_whose_folder_moved_asks_where_it_is_and_keeps_its_reviews() {
    let env = env();
    let mut h = harness(options(&env, Some(env.corpus.clone()), Lang::En));
    settle(&mut h);
    let accepted = accept_next(&mut h);
    let session = env.root.join("work").join("review.ron");
    std::fs::create_dir_all(session.parent().unwrap()).unwrap();
    save_as(&mut h, &session);
    assert!(session.exists());
    drop(h);

    // The reports folder moves; the session file stays.
    let moved = env.root.join("moved reports");
    std::fs::rename(&env.corpus, &moved).unwrap();
    let before = std::fs::read(&session).unwrap();
    let mut h = harness(options(&env, Some(session.clone()), Lang::En));
    settle(&mut h);
    assert!(h.state().workspace().is_none());
    // No native dialog in tests: the question is a path field (after the message).
    for _ in 0..5 {
        if matches!(h.state().modal(), Some(Modal::PathInput { .. })) {
            break;
        }
        if matches!(h.state().modal(), Some(Modal::Error { .. })) {
            h.get_by_label("OK").click();
        }
        frames(&mut h, 2);
    }
    assert!(
        matches!(h.state().modal(), Some(Modal::PathInput { .. })),
        "{:?}",
        h.state().modal()
    );
    assert_eq!(
        std::fs::read(&session).unwrap(),
        before,
        "nothing was written"
    );
    clear_and_type(&mut h, "Path", &moved.display().to_string());
    h.get_by_label("Open").click();
    settle(&mut h);
    let app = h.state();
    let ws = app
        .workspace()
        .expect("the session opened on the moved folder");
    assert_eq!(ws.dataset.articles.len(), 5);
    assert_eq!(
        ws.dataset.rows[ws.row_of(&accepted).unwrap()].status,
        Status::Accepted
    );
}

#[test]
fn reviews_of_an_edited_report_follow_their_evidence_and_the_rest_are_listed() {
    let env = env();
    let mut h = harness(options(&env, Some(env.corpus.clone()), Lang::En));
    settle(&mut h);
    // Accept the first two facts of the report in the reader.
    let mut accepted = Vec::new();
    for _ in 0..2 {
        accepted.push(accept_next(&mut h));
    }
    let (rel, evidence) = {
        let app = h.state();
        let ws = app.workspace().unwrap();
        let row = ws.row_of(&accepted[1]).unwrap();
        let r = &ws.dataset.rows[row];
        (
            ws.dataset.articles[r.article].rel.clone(),
            r.evidence(&ws.dataset).to_owned(),
        )
    };
    let session = env.root.join("review.ron");
    save_as(&mut h, &session);
    drop(h);
    // The report is edited on disk: a line above everything, and the second fact's evidence
    // reworded away.
    let path = env.corpus.join(&rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(&evidence));
    let edited = format!(
        "Cập nhật lúc 18 giờ.\n\n{}",
        text.replacen(&evidence, "(số liệu đang được xác minh)", 1)
    );
    std::fs::write(&path, edited).unwrap();

    let mut h = harness(options(&env, Some(session), Lang::En));
    settle(&mut h);
    {
        let app = h.state();
        let ws = app.workspace().unwrap();
        assert_eq!(ws.orphans.len(), 1, "{:?}", ws.orphans);
        assert_eq!(ws.orphans[0].0, rel);
        assert_eq!(ws.orphans[0].1.evidence, evidence);
        let accepted_now = ws
            .dataset
            .rows
            .iter()
            .filter(|r| r.status == Status::Accepted)
            .count();
        assert_eq!(
            accepted_now, 1,
            "the first review found its fact in the new text"
        );
        assert!(ws.is_dirty());
        assert!(
            app.notice().unwrap().contains("1 did not"),
            "{:?}",
            app.notice()
        );
    }
    let shown = |h: &Harness<'_, BaocaoApp>| h.query_all_by_value(&evidence).count();
    let before = shown(&h);
    h.get_by_label("1 unattached reviews").click();
    frames(&mut h, 6);
    assert_eq!(h.state().modal(), Some(&Modal::Orphans));
    assert!(shown(&h) > before, "the list shows the orphan's evidence");
}
