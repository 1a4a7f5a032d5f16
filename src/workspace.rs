//! The work open in the app: a corpus with its machine facts, the reviewer's overlay, the undo
//! history and where the work is saved.
//!
//! Why it lives in the core and not in the app: every review action is a function from the
//! current state to an [`Edit`], and those functions (accept, correct from a form, apply to
//! identical spans, accept above a threshold, add a missed fact from a selection) are the
//! product's rules. Keeping them free of egui lets unit tests check them directly and keeps
//! the UI a thin layer that sends commands.

use crate::dataset::{Dataset, Origin};
use crate::extract::Extractor;
use crate::extract::catalogue::Catalogue;
use crate::model::{PartialDate, Place, Value};
use crate::review::{ArticleNote, Edit, FactKey, History, ManualFact, Overlay, Review, Status};
use crate::session::{ArticleRef, SessionFile, ViewState, corpus_ref};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Which fact: a machine fact by key, or a manual one by id. Survives re-extraction and the
/// rebuilding of rows, unlike a row index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FactRef {
    Machine(FactKey),
    Manual(u64),
}

impl fmt::Display for FactRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactRef::Machine(k) => write!(f, "{k}"),
            FactRef::Manual(id) => write!(f, "manual:{id}"),
        }
    }
}

impl std::str::FromStr for FactRef {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.strip_prefix("manual:") {
            Some(n) => n
                .parse()
                .map(FactRef::Manual)
                .map_err(|_| format!("not a manual fact id: `{s}`")),
            None => s.parse().map(FactRef::Machine),
        }
    }
}

/// Where the reports come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The corpus folder.
    pub root: PathBuf,
    /// Chosen files of the folder, when the user opened files rather than a folder.
    pub files: Option<Vec<String>>,
}

/// What changed in the corpus since a session was saved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionReport {
    /// Reports whose text differs from the saved hash (their reviews are re-anchored).
    pub changed: Vec<String>,
    /// Reviews and hand-added facts of changed reports that found their evidence again.
    pub reanchored: usize,
    /// Those that did not (report path, what it was): kept in the session, unattached.
    pub orphans: Vec<(String, crate::review::Orphan)>,
    /// Reports the session knew that are no longer in the folder.
    pub missing: Vec<String>,
}

/// The desired state of a fact, as a review form holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct FactPatch {
    pub metric: String,
    pub value: Value,
    pub place: Place,
    pub as_of: Option<PartialDate>,
    pub note: String,
    pub tags: Vec<String>,
    /// New status, or keep the current one.
    pub status: Option<Status>,
}

/// The open work.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub dataset: Dataset,
    pub overlay: Overlay,
    pub history: History,
    pub source: Source,
    /// The session file, once saved or opened.
    pub session_path: Option<PathBuf>,
    saved_generation: u64,
    /// Unsaved until saved, whatever the history says: restored from a recovery file, or
    /// reviews moved to a changed report's new text.
    restored: bool,
    /// Reports the session knew that are not in the folder now: saved back as they were, so
    /// that their reviews, notes and hand-added facts stay traceable to a file.
    missing: Vec<ArticleRef>,
    /// Reviews of changed reports that found no place in the new text (report path, what it
    /// was), listed for the reviewer; they stay in the overlay.
    pub orphans: Vec<(String, crate::review::Orphan)>,
}

impl Workspace {
    /// A workspace on a freshly read corpus, with no reviews.
    pub fn new(dataset: Dataset, source: Source) -> Workspace {
        Workspace {
            dataset,
            overlay: Overlay::default(),
            history: History::default(),
            source,
            session_path: None,
            saved_generation: 0,
            restored: false,
            missing: Vec::new(),
            orphans: Vec::new(),
        }
    }

    /// A workspace from a session and the corpus it names, read again. Reviews attach by key;
    /// those of changed reports stay in the overlay (and are saved back), unattached.
    pub fn from_session(
        mut dataset: Dataset,
        source: Source,
        session: &SessionFile,
        session_path: Option<PathBuf>,
    ) -> (Workspace, SessionReport) {
        let mut report = SessionReport::default();
        let by_rel: HashMap<&str, usize> = dataset
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.rel.as_str(), i))
            .collect();
        let mut missing = Vec::new();
        let mut overlay = session.overlay.clone();
        let mut moved_any = false;
        for r in &session.articles {
            match by_rel.get(r.path.as_str()) {
                None => {
                    report.missing.push(r.path.clone());
                    missing.push(r.clone());
                }
                Some(&i) if dataset.articles[i].id != r.hash => {
                    report.changed.push(r.path.clone());
                    // The text changed: reviews follow their evidence into the new text.
                    let moved = reanchor_article(&mut overlay, &r.hash, &dataset.articles[i]);
                    moved_any |= moved.changed();
                    report.reanchored += moved.moved;
                    report
                        .orphans
                        .extend(moved.orphans.into_iter().map(|o| (r.path.clone(), o)));
                }
                Some(_) => {}
            }
        }
        dataset.resolve(&overlay);
        let ws = Workspace {
            dataset,
            overlay,
            history: History::default(),
            source,
            session_path,
            saved_generation: 0,
            // Re-anchored reviews are a change to save.
            restored: session.recovery_of.is_some() || moved_any,
            missing,
            orphans: report.orphans.clone(),
        };
        (ws, report)
    }

    /// Unsaved changes exist.
    pub fn is_dirty(&self) -> bool {
        self.restored || self.history.generation != self.saved_generation
    }

    /// Records that the state of `generation` was saved at `path`.
    pub fn mark_saved(&mut self, path: PathBuf, generation: u64) {
        self.session_path = Some(path);
        self.saved_generation = generation;
        self.restored = false;
    }

    /// The name shown in the title bar: the session file's name, else the folder's.
    pub fn name(&self) -> String {
        let p = self.session_path.as_deref().unwrap_or(&self.source.root);
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    }

    /// Applies an edit, records it for undo and refreshes the rows. False when it changed
    /// nothing.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let mut touched = Vec::new();
        edit.articles(&mut touched);
        let changed = self.history.apply(edit, &mut self.overlay);
        if changed {
            self.dataset.resolve_articles(&self.overlay, &touched);
        }
        changed
    }

    /// Undoes the last edit; returns the first fact it touched, to select it.
    pub fn undo(&mut self) -> Option<Option<FactRef>> {
        let mut touched = Vec::new();
        let target = self.history.undo(&mut self.overlay).map(|e| {
            e.articles(&mut touched);
            first_fact(e)
        })?;
        self.dataset.resolve_articles(&self.overlay, &touched);
        Some(target)
    }

    /// Redoes the last undone edit; returns the first fact it touched.
    pub fn redo(&mut self) -> Option<Option<FactRef>> {
        let mut touched = Vec::new();
        let target = self.history.redo(&mut self.overlay).map(|e| {
            e.articles(&mut touched);
            first_fact(e)
        })?;
        self.dataset.resolve_articles(&self.overlay, &touched);
        Some(target)
    }

    /// Replaces the machine output (after re-extraction); reviews attach again by key.
    ///
    /// A report whose text changed on disk keeps its reviews: they follow their evidence into
    /// the new text (see [`Overlay::reanchor`]); those that find no place join
    /// [`Workspace::orphans`]. Returns how many moved.
    pub fn replace_dataset(&mut self, mut dataset: Dataset) -> usize {
        let new_ids: HashMap<&str, &crate::review::ArticleId> = dataset
            .articles
            .iter()
            .map(|a| (a.rel.as_str(), &a.id))
            .collect();
        // Reports gone from the folder stay known to the session (see `missing`).
        for a in &self.dataset.articles {
            if !new_ids.contains_key(a.rel.as_str())
                && !self.missing.iter().any(|m| m.path == a.rel)
            {
                self.missing.push(ArticleRef {
                    path: a.rel.clone(),
                    hash: a.id.clone(),
                });
            }
        }
        self.missing
            .retain(|m| !new_ids.contains_key(m.path.as_str()));
        let old: HashMap<&str, &crate::review::ArticleId> = self
            .dataset
            .articles
            .iter()
            .map(|a| (a.rel.as_str(), &a.id))
            .collect();
        let mut moved = 0;
        let mut changed = false;
        for a in &dataset.articles {
            if let Some(&old_id) = old.get(a.rel.as_str())
                && *old_id != a.id
            {
                let r = reanchor_article(&mut self.overlay, old_id, a);
                moved += r.moved;
                changed |= r.changed();
                self.orphans
                    .extend(r.orphans.into_iter().map(|o| (a.rel.clone(), o)));
            }
        }
        if changed {
            // Moved reviews and notes are a change to save (not an undoable edit).
            self.restored = true;
        }
        dataset.resolve(&self.overlay);
        self.dataset = dataset;
        moved
    }

    /// The row of a fact.
    pub fn row_of(&self, f: &FactRef) -> Option<usize> {
        match f {
            FactRef::Machine(k) => self.dataset.row_of_key(k),
            FactRef::Manual(id) => self.dataset.row_of_manual(*id),
        }
    }

    /// The identity of a row.
    pub fn ref_of(&self, row: usize) -> Option<FactRef> {
        let r = self.dataset.rows.get(row)?;
        match r.origin {
            Origin::Machine(_) => self.dataset.key_of(row).cloned().map(FactRef::Machine),
            Origin::Manual(id) => Some(FactRef::Manual(id)),
        }
    }

    /// The edit that sets a fact's status (keeping its corrections, note and tags).
    pub fn status_edit(&self, row: usize, status: Status) -> Option<Edit> {
        self.modify(row, |r| r.status = status, |m| m.status = status)
    }

    /// The edit that makes a fact what a review form says.
    pub fn patch_edit(&self, row: usize, patch: &FactPatch, catalogue: &Catalogue) -> Option<Edit> {
        let r = self.dataset.rows.get(row)?;
        match r.origin {
            Origin::Machine(fi) => {
                let key = self.dataset.key_of(row)?.clone();
                let f = &self.dataset.articles[r.article].extraction.facts[fi];
                let mut rv = self.overlay.reviews.get(&key).cloned().unwrap_or_default();
                if let Some(s) = patch.status {
                    rv.status = s;
                }
                rv.metric = (patch.metric != f.metric).then(|| patch.metric.clone());
                rv.unit = match &rv.metric {
                    Some(m) => catalogue
                        .metric(m)
                        .map(|d| d.unit.clone())
                        .filter(|u| *u != f.unit),
                    None => None,
                };
                rv.value = (patch.value != f.value).then_some(patch.value);
                rv.place = (patch.place != f.place).then(|| patch.place.clone());
                rv.as_of = (patch.as_of != f.as_of).then_some(patch.as_of);
                rv.note = patch.note.clone();
                rv.tags = patch.tags.clone();
                rv.evidence = r.evidence(&self.dataset).to_owned();
                Some(Edit::review(&self.overlay, key, rv))
            }
            Origin::Manual(id) => {
                let mut m = self.overlay.manual.get(&id)?.clone();
                if let Some(s) = patch.status {
                    m.status = s;
                }
                if m.metric != patch.metric {
                    m.unit = catalogue
                        .metric(&patch.metric)
                        .map(|d| d.unit.clone())
                        .unwrap_or_default();
                }
                m.metric = patch.metric.clone();
                m.value = patch.value;
                m.place = patch.place.clone();
                m.as_of = patch.as_of;
                m.note = patch.note.clone();
                m.tags = patch.tags.clone();
                Some(Edit::manual(&self.overlay, id, Some(m)))
            }
        }
    }

    /// Drops a machine fact's corrections (keeps status, note and tags).
    pub fn reset_edit(&self, row: usize) -> Option<Edit> {
        self.modify(
            row,
            |r| {
                r.metric = None;
                r.unit = None;
                r.value = None;
                r.place = None;
                r.as_of = None;
            },
            |_| {},
        )
    }

    /// The edit that gives every fact whose evidence is the same text as this one's (in any
    /// report) this fact's review: status, corrections, note and tags. One undo step.
    pub fn identical_edit(&self, row: usize) -> Option<Edit> {
        let r = self.dataset.rows.get(row)?;
        let key = self.dataset.key_of(row)?;
        let src = self.overlay.reviews.get(key).cloned().unwrap_or_default();
        let evidence = r.evidence(&self.dataset);
        let mut edits = Vec::new();
        for i in self.identical_rows(row) {
            if i == row {
                continue;
            }
            let Some(k) = self.dataset.key_of(i) else {
                continue;
            };
            let mut rv = src.clone();
            rv.evidence = evidence.to_owned();
            edits.push(Edit::review(&self.overlay, k.clone(), rv));
        }
        let e = Edit::Batch(edits);
        (!e.is_noop()).then_some(e)
    }

    /// Machine rows whose evidence text is the same as this row's, this one included.
    pub fn identical_rows(&self, row: usize) -> Vec<usize> {
        let Some(r) = self.dataset.rows.get(row) else {
            return Vec::new();
        };
        let ev = r.evidence(&self.dataset);
        if ev.is_empty() || !matches!(r.origin, Origin::Machine(_)) {
            return Vec::new();
        }
        (0..self.dataset.rows.len())
            .filter(|&i| {
                let o = &self.dataset.rows[i];
                matches!(o.origin, Origin::Machine(_)) && o.evidence(&self.dataset) == ev
            })
            .collect()
    }

    /// The edit that accepts every pending fact among `rows` whose confidence is at least
    /// `threshold`. One undo step.
    pub fn accept_above_edit(&self, rows: &[usize], threshold: f32) -> Option<Edit> {
        let edits: Vec<Edit> = rows
            .iter()
            .filter(|&&i| {
                let r = &self.dataset.rows[i];
                r.status == Status::Pending && r.confidence >= threshold
            })
            .filter_map(|&i| self.status_edit(i, Status::Accepted))
            .collect();
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }

    /// The edit that adds a fact by hand.
    pub fn add_edit(&self, mut fact: ManualFact) -> Edit {
        fact.id = self.overlay.next_manual_id();
        Edit::manual(&self.overlay, fact.id, Some(fact))
    }

    /// The edit that deletes a fact added by hand.
    pub fn delete_edit(&self, id: u64) -> Option<Edit> {
        self.overlay
            .manual
            .contains_key(&id)
            .then(|| Edit::manual(&self.overlay, id, None))
    }

    /// The edit that sets an article's note and tags.
    pub fn article_note_edit(&self, article: usize, note: ArticleNote) -> Option<Edit> {
        let a = self.dataset.articles.get(article)?;
        let e = Edit::article(&self.overlay, a.id.clone(), note);
        (!e.is_noop()).then_some(e)
    }

    /// An article's note and tags.
    pub fn article_note(&self, article: usize) -> ArticleNote {
        self.dataset
            .articles
            .get(article)
            .and_then(|a| self.overlay.articles.get(&a.id))
            .cloned()
            .unwrap_or_default()
    }

    /// A fact to add, pre-filled from a selection `start..end` of an article's text: metric,
    /// value and unit from the extractor run on the selection, place and date from the
    /// nearest fact before it (else the article's place and publication date).
    pub fn draft_from_selection(
        &self,
        article: usize,
        start: usize,
        end: usize,
        extractor: &Extractor,
    ) -> Option<ManualFact> {
        let a = self.dataset.articles.get(article)?;
        let sel = a.text.get(start..end)?;
        if sel.trim().is_empty() {
            return None;
        }
        let ex = extractor.extract(sel);
        let first = ex.facts.first();
        let (metric, value, unit) = match first {
            Some(f) => (f.metric.clone(), f.value, f.unit.clone()),
            None => {
                let v = sel
                    .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
                    .find_map(|w| {
                        crate::extract::numbers::parse_vn(w.trim_end_matches(['.', ',']))
                    });
                (
                    "other".to_owned(),
                    Value::Exact(v.unwrap_or(0.0)),
                    String::new(),
                )
            }
        };
        let near = self
            .dataset
            .rows_of_article(article)
            .rfind(|&i| self.dataset.rows[i].span.is_some_and(|s| s.0 <= start))
            .map(|i| &self.dataset.rows[i]);
        let meta = &a.extraction.meta;
        let place = match near {
            Some(r) if !r.place.is_empty() => r.place.clone(),
            _ => meta.place.clone(),
        };
        let as_of = near
            .and_then(|r| r.as_of)
            .or_else(|| meta.published.map(PartialDate::from));
        Some(ManualFact {
            id: 0,
            article: a.id.clone(),
            metric,
            value,
            unit,
            place,
            as_of,
            span: Some((start, end)),
            evidence: sel.to_owned(),
            status: Status::Accepted,
            note: String::new(),
            tags: Vec::new(),
        })
    }

    /// The session file for this work, to be saved at `path`.
    pub fn to_session(&self, path: &Path, view: ViewState) -> SessionFile {
        let mut s = SessionFile::new(&self.source.root, path);
        s.corpus = corpus_ref(&self.source.root, path);
        s.files = self.source.files.clone();
        s.articles = self
            .dataset
            .articles
            .iter()
            .map(|a| ArticleRef {
                path: a.rel.clone(),
                hash: a.id.clone(),
            })
            .collect();
        // Reports missing since the session was opened stay in it (unless one came back).
        for m in &self.missing {
            if !s.articles.iter().any(|a| a.path == m.path) {
                s.articles.push(m.clone());
            }
        }
        s.articles.sort_by(|a, b| a.path.cmp(&b.path));
        s.overlay = self.overlay.clone();
        s.view = view;
        s
    }

    /// A recovery snapshot: the corpus as an absolute path (the recovery file lives elsewhere)
    /// and the session it belongs to.
    pub fn to_recovery(&self, view: ViewState) -> SessionFile {
        let root = crate::session::normalize(&self.source.root);
        let mut s = self.to_session(&root.join("recovery.ron"), view);
        s.corpus = root.to_string_lossy().into_owned();
        s.recovery_of = Some(
            self.session_path
                .as_ref()
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        s
    }

    /// Sets the state of a machine fact's review or a manual fact through two closures.
    fn modify(
        &self,
        row: usize,
        on_review: impl FnOnce(&mut Review),
        on_manual: impl FnOnce(&mut ManualFact),
    ) -> Option<Edit> {
        let r = self.dataset.rows.get(row)?;
        let e = match r.origin {
            Origin::Machine(_) => {
                let key = self.dataset.key_of(row)?.clone();
                let mut rv = self.overlay.reviews.get(&key).cloned().unwrap_or_default();
                rv.evidence = r.evidence(&self.dataset).to_owned();
                on_review(&mut rv);
                Edit::review(&self.overlay, key, rv)
            }
            Origin::Manual(id) => {
                let mut m = self.overlay.manual.get(&id)?.clone();
                on_manual(&mut m);
                Edit::manual(&self.overlay, id, Some(m))
            }
        };
        (!e.is_noop()).then_some(e)
    }
}

/// The first fact an edit touches.
fn first_fact(e: &Edit) -> Option<FactRef> {
    match e {
        Edit::Review { key, .. } => Some(FactRef::Machine(key.clone())),
        Edit::Manual { id, after, before } => after
            .as_ref()
            .or(before.as_ref())
            .map(|_| FactRef::Manual(*id)),
        Edit::Article { .. } => None,
        Edit::Batch(v) => v.iter().find_map(first_fact),
    }
}

/// Moves what the overlay says about an article's old text (`old`) to its new text.
fn reanchor_article(
    overlay: &mut Overlay,
    old: &crate::review::ArticleId,
    a: &crate::dataset::Article,
) -> crate::review::Reanchored {
    let facts: Vec<(FactKey, &crate::model::Fact)> = a
        .keys
        .iter()
        .cloned()
        .zip(a.extraction.facts.iter())
        .collect();
    overlay.reanchor(old, &a.id, &a.text, &facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace_of(files: &[(&str, &str)]) -> (Workspace, Extractor) {
        let (ds, ex) = crate::test_support::dataset(files);
        let src = Source {
            root: PathBuf::from("/corpus"),
            files: None,
        };
        (Workspace::new(ds, src), ex)
    }

    fn workspace() -> (Workspace, Extractor) {
        workspace_of(crate::sample::FILES)
    }

    #[test]
    fn fact_refs_print_and_parse() {
        for s in [
            "manual:7",
            "0123456789abcdef:10-13",
            "0123456789abcdef:10-13#2",
        ] {
            assert_eq!(s.parse::<FactRef>().unwrap().to_string(), s);
        }
        assert!("manual:x".parse::<FactRef>().is_err());
    }

    #[test]
    fn a_patch_stores_only_what_differs_from_the_machine() {
        let (mut ws, ex) = workspace();
        let row = 0;
        let r = ws.dataset.rows[row].clone();
        let patch = FactPatch {
            metric: r.metric.clone(),
            value: Value::Exact(999.0),
            place: r.place.clone(),
            as_of: r.as_of,
            note: "xem lại".into(),
            tags: vec!["sửa".into()],
            status: Some(Status::Accepted),
        };
        let e = ws.patch_edit(row, &patch, &ex.catalogue).unwrap();
        assert!(ws.apply(e));
        let key = ws.dataset.key_of(row).unwrap().clone();
        let rv = &ws.overlay.reviews[&key];
        assert_eq!(rv.value, Some(Value::Exact(999.0)));
        assert!(rv.metric.is_none() && rv.place.is_none() && rv.as_of.is_none());
        assert_eq!(ws.dataset.rows[row].value, Value::Exact(999.0));
        assert_eq!(ws.dataset.rows[row].machine_value, Some(r.value));
        assert!(ws.is_dirty());
        // Undo restores the machine's value and selects the fact again.
        assert_eq!(ws.undo(), Some(Some(FactRef::Machine(key.clone()))));
        assert_eq!(ws.dataset.rows[row].value, r.value);
        assert!(ws.overlay.reviews.is_empty());
        ws.redo();
        assert_eq!(ws.dataset.rows[row].value, Value::Exact(999.0));
    }

    #[test]
    fn a_corrected_metric_takes_its_unit_from_the_catalogue() {
        let (mut ws, ex) = workspace();
        let row = ws
            .dataset
            .rows
            .iter()
            .position(|r| r.unit == "cases")
            .unwrap();
        let r = ws.dataset.rows[row].clone();
        let patch = FactPatch {
            metric: "vaccine_doses_total".into(),
            value: r.value,
            place: r.place.clone(),
            as_of: r.as_of,
            note: String::new(),
            tags: Vec::new(),
            status: None,
        };
        let e = ws.patch_edit(row, &patch, &ex.catalogue).unwrap();
        ws.apply(e);
        let unit = &ex.catalogue.metric("vaccine_doses_total").unwrap().unit;
        assert_eq!(&ws.dataset.rows[row].unit, unit);
        assert_eq!(ws.dataset.rows[row].metric, "vaccine_doses_total");
    }

    #[test]
    fn bulk_actions_are_one_undo_step() {
        let (mut ws, _) = workspace();
        let all: Vec<usize> = (0..ws.dataset.rows.len()).collect();
        let e = ws.accept_above_edit(&all, 0.0).unwrap();
        ws.apply(e);
        assert!(ws.dataset.rows.iter().all(|r| r.status == Status::Accepted));
        ws.undo();
        assert!(ws.dataset.rows.iter().all(|r| r.status == Status::Pending));
        assert!(ws.overlay.is_empty());
        // A threshold above every confidence accepts nothing.
        assert!(ws.accept_above_edit(&all, 1.01).is_none());
    }

    #[test]
    fn identical_spans_share_a_review() {
        // Two bulletins with the same sentence: its figure is one decision, not two.
        let (mut ws, _) = workspace_of(&[
            (
                "a.txt",
                "Bản tin sáng 24/9/2021\n\nĐến ngày 23/9, quận Ô Môn, TP Cần Thơ có 433 ca COVID-19.\n",
            ),
            (
                "b.txt",
                "Bản tin chiều 24/9/2021\n\nĐến ngày 23/9, quận Ô Môn, TP Cần Thơ có 433 ca COVID-19.\n",
            ),
        ]);
        let row = ws
            .dataset
            .rows
            .iter()
            .position(|r| r.value == Value::Exact(433.0))
            .unwrap();
        assert_eq!(ws.identical_rows(row).len(), 2);
        let e = ws.status_edit(row, Status::Rejected).unwrap();
        ws.apply(e);
        let e = ws.identical_edit(row).unwrap();
        ws.apply(e);
        for i in ws.identical_rows(row) {
            assert_eq!(ws.dataset.rows[i].status, Status::Rejected);
        }
        // One undo step takes the bulk action back, leaving the first decision.
        ws.undo();
        let others: Vec<usize> = ws
            .identical_rows(row)
            .into_iter()
            .filter(|&i| i != row)
            .collect();
        assert!(
            others
                .iter()
                .all(|&i| ws.dataset.rows[i].status == Status::Pending)
        );
        assert_eq!(ws.dataset.rows[row].status, Status::Rejected);
    }

    #[test]
    fn a_selection_drafts_a_fact() {
        let (ws, ex) = workspace();
        let a = &ws.dataset.articles[0];
        let needle = "433 ca";
        let Some(start) = a.text.find(needle) else {
            panic!("sample 0 should contain {needle}");
        };
        let m = ws
            .draft_from_selection(0, start, start + needle.len(), &ex)
            .unwrap();
        assert_eq!(m.value, Value::Exact(433.0));
        assert_eq!(m.evidence, needle);
        assert_eq!(m.span, Some((start, start + needle.len())));
        assert_eq!(m.place.province.as_deref(), Some("Cần Thơ"));
        assert!(ws.draft_from_selection(0, start, start, &ex).is_none());
    }

    #[test]
    fn sessions_carry_the_overlay_and_report_changed_reports() {
        let (mut ws, _) = workspace();
        let e = ws.status_edit(1, Status::Accepted).unwrap();
        ws.apply(e);
        let path = PathBuf::from("/work/review.ron");
        let mut s = ws.to_session(&path, ViewState::default());
        assert_eq!(s.corpus, "../corpus");
        assert_eq!(s.articles.len(), 5);
        s.articles[0].hash = crate::review::ArticleId("ffffffffffffffff".into());
        s.articles.push(ArticleRef {
            path: "gone.txt".into(),
            hash: crate::review::ArticleId("0000000000000000".into()),
        });
        let (ws2, report) =
            Workspace::from_session(ws.dataset.clone(), ws.source.clone(), &s, Some(path));
        assert_eq!(report.changed, vec![s.articles[0].path.clone()]);
        assert_eq!(report.missing, vec!["gone.txt".to_owned()]);
        assert_eq!(ws2.dataset.rows[1].status, Status::Accepted);
        assert!(!ws2.is_dirty());
        let rec = ws2.to_recovery(ViewState::default());
        assert_eq!(rec.corpus, "/corpus");
        assert_eq!(rec.recovery_of.as_deref(), Some("/work/review.ron"));
        // Saved again, the session still knows the missing report (and its hash), so its
        // reviews stay traceable; the next open reports it missing again.
        let again = ws2.to_session(Path::new("/work/review.ron"), ViewState::default());
        assert!(again.articles.iter().any(|a| a.path == "gone.txt"
            && a.hash == crate::review::ArticleId("0000000000000000".into())));
        assert_eq!(again.articles.len(), 6);
        assert_eq!(again.overlay, s.overlay);
    }

    #[test]
    fn reviews_of_a_changed_report_follow_their_evidence_or_are_kept_as_orphans() {
        let old = "Bản tin\n\nĐến ngày 23/9, quận Ô Môn có 433 ca COVID-19. Quận đã tiêm được 22.248 liều vắc xin.\n";
        let (mut ws, _) = workspace_of(&[("a.txt", old)]);
        let row_of = |ws: &Workspace, needle: &str| {
            (0..ws.dataset.rows.len())
                .find(|&r| ws.dataset.rows[r].evidence(&ws.dataset).contains(needle))
                .unwrap()
        };
        for (needle, status) in [("433", Status::Accepted), ("22.248", Status::Rejected)] {
            let e = ws.status_edit(row_of(&ws, needle), status).unwrap();
            ws.apply(e);
        }
        let path = PathBuf::from("/work/review.ron");
        let session = ws.to_session(&path, ViewState::default());
        // The report is edited: a line is added above, the vaccine sentence is gone.
        let new =
            "Bản tin\n\nCập nhật lúc 18 giờ.\n\nĐến ngày 23/9, quận Ô Môn có 433 ca COVID-19.\n";
        let (ds, _) = crate::test_support::dataset(&[("a.txt", new)]);
        let (ws2, report) = Workspace::from_session(ds, ws.source.clone(), &session, Some(path));
        assert_eq!(report.changed, vec!["a.txt".to_owned()]);
        assert_eq!(report.reanchored, 1);
        assert_eq!(report.orphans.len(), 1);
        assert!(report.orphans[0].1.evidence.contains("22.248"));
        // The accepted review sits on the same figure in the new text; the orphan is kept.
        let r = row_of(&ws2, "433");
        assert_eq!(ws2.dataset.rows[r].status, Status::Accepted);
        assert_eq!(ws2.overlay.reviews.len(), 2);
        assert!(ws2.is_dirty(), "moved reviews are a change to save");
    }
}
