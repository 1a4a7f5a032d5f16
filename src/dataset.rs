//! The resolved view: every fact as the reviewer should see it, machine output with the review
//! overlay applied, plus facts added by hand. Tables, the reader, charts and exports all read
//! this one view, so they always agree.
//!
//! Why rows are rebuilt on change and not per frame: a corpus can hold 100,000 facts; the UI
//! must not do work proportional to that on every frame. The view is rebuilt when the overlay
//! or the corpus changes (only the touched articles' rows, for an edit), and filtered/sorted
//! index lists are cached by the caller. Reloading a folder re-extracts only the files that
//! changed.

use crate::extract::{Extraction, Extractor};
use crate::io::corpus::{self, FileStamp, Reader, Skipped};
use crate::model::{PartialDate, Place, Value};
use crate::pipeline::{ArticleResult, Progress};
use crate::review::{ArticleId, FactKey, Overlay, Status};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// An article of the open corpus, with its immutable machine output.
#[derive(Clone, Debug)]
pub struct Article {
    pub id: ArticleId,
    /// Path relative to the corpus folder, '/' separated.
    pub rel: String,
    pub text: Arc<str>,
    pub extraction: Arc<Extraction>,
    /// Key of each machine fact, parallel to `extraction.facts`.
    pub keys: Vec<FactKey>,
    pub encoding: String,
    /// A decoding note ("read as windows-1258").
    pub note: Option<String>,
    /// Another article with the same text, shown once (the first in folder order).
    pub duplicate_of: Option<usize>,
    /// The file's size and modification time when read (`None` for texts not from disk).
    pub stamp: Option<FileStamp>,
}

impl Article {
    /// Builds an article from a file read and extracted.
    pub fn from_result(r: ArticleResult) -> Article {
        let id = ArticleId::of_text(&r.file.text);
        let keys = keys_of(&id, &r.extraction);
        Article {
            id,
            rel: r.file.rel,
            text: Arc::from(r.file.text.as_str()),
            extraction: Arc::new(r.extraction),
            keys,
            encoding: r.file.encoding,
            note: r.file.note,
            duplicate_of: None,
            stamp: r.file.stamp,
        }
    }
}

/// Keys of an extraction's facts: the span of the number, and an ordinal for a figure spread
/// over several places.
pub fn keys_of(id: &ArticleId, ex: &Extraction) -> Vec<FactKey> {
    let mut seen: HashMap<(usize, usize), u8> = HashMap::new();
    ex.facts
        .iter()
        .map(|f| {
            let n = seen.entry((f.number_start, f.number_end)).or_insert(0);
            let k = FactKey::of(id, f, *n);
            *n = n.saturating_add(1);
            k
        })
        .collect()
}

/// Where a row comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Fact `index` of the article's machine extraction.
    Machine(usize),
    /// A fact added by hand.
    Manual(u64),
}

/// A fact as shown: the machine's with the review applied, or one added by hand.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Index into [`Dataset::articles`].
    pub article: usize,
    pub origin: Origin,
    pub status: Status,
    pub metric: String,
    pub value: Value,
    /// The machine's value, when the reviewer corrected it.
    pub machine_value: Option<Value>,
    pub unit: String,
    pub place: Place,
    pub as_of: Option<PartialDate>,
    /// Evidence span in the article text.
    pub span: Option<(usize, usize)>,
    pub confidence: f32,
    /// A field was corrected by the reviewer.
    pub corrected: bool,
    pub note: String,
    pub tags: Vec<String>,
    pub rule: String,
}

impl Row {
    /// The evidence text.
    pub fn evidence<'a>(&self, ds: &'a Dataset) -> &'a str {
        match self.span {
            Some((s, e)) => ds.articles[self.article].text.get(s..e).unwrap_or(""),
            None => "",
        }
    }
}

/// Per-article counts for the article list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArticleStats {
    pub facts: usize,
    pub reviewed: usize,
}

/// What a [`Dataset::reload`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReloadReport {
    /// Files not touched since they were read (kept without reading them).
    pub unchanged: usize,
    /// Files touched but with the same text (kept without extracting them).
    pub same_text: usize,
    /// Files whose text changed, extracted again.
    pub changed: Vec<String>,
    /// New files, extracted.
    pub added: Vec<String>,
    /// Files no longer there (or no longer readable).
    pub removed: Vec<String>,
    pub cancelled: bool,
}

/// The distinct strings of `it`, sorted. Borrowed while counting: 100,000 rows hold a few
/// hundred distinct names, and only those are copied.
fn distinct<'a>(it: impl Iterator<Item = &'a str>) -> Vec<String> {
    let set: rustc_hash::FxHashSet<&str> = it.collect();
    let mut v: Vec<String> = set.into_iter().map(str::to_owned).collect();
    v.sort();
    v
}

fn stats_of(rows: &[Row]) -> ArticleStats {
    ArticleStats {
        facts: rows.len(),
        reviewed: rows.iter().filter(|r| r.status != Status::Pending).count(),
    }
}

/// The open corpus and its resolved facts.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    /// The corpus folder.
    pub root: PathBuf,
    pub articles: Vec<Article>,
    /// Files that were not read, with the reason.
    pub skipped: Vec<Skipped>,
    pub rows: Vec<Row>,
    pub stats: Vec<ArticleStats>,
    row_of_key: HashMap<FactKey, usize>,
    row_of_manual: HashMap<u64, usize>,
    article_of_id: HashMap<ArticleId, usize>,
    /// Bumped on every change of rows: lets callers cache derived views.
    pub generation: u64,
    /// Articles shown (duplicates left out) and rows reviewed, kept by [`Dataset::resolve`]
    /// so that the status bar does not count 100,000 rows every frame.
    pub shown_articles: usize,
    pub reviewed: usize,
}

impl Dataset {
    /// Articles shown once because another has the same text: (this one, the one shown).
    pub fn duplicates(&self) -> impl Iterator<Item = (&str, &str)> {
        self.articles.iter().filter_map(|a| {
            let f = a.duplicate_of?;
            Some((a.rel.as_str(), self.articles.get(f)?.rel.as_str()))
        })
    }

    /// A dataset of freshly read articles (machine facts only until [`Dataset::resolve`]).
    pub fn new(root: PathBuf, results: Vec<ArticleResult>, skipped: Vec<Skipped>) -> Dataset {
        let articles: Vec<Article> = results.into_iter().map(Article::from_result).collect();
        Dataset::from_articles(root, articles, skipped)
    }

    /// A dataset from articles already built.
    pub fn from_articles(
        root: PathBuf,
        mut articles: Vec<Article>,
        skipped: Vec<Skipped>,
    ) -> Dataset {
        let mut first: HashMap<ArticleId, usize> = HashMap::new();
        for (i, a) in articles.iter_mut().enumerate() {
            match first.get(&a.id) {
                Some(&f) => a.duplicate_of = Some(f),
                None => {
                    first.insert(a.id.clone(), i);
                }
            }
        }
        let mut ds = Dataset {
            root,
            articles,
            skipped,
            ..Dataset::default()
        };
        ds.article_of_id = first;
        ds.resolve(&Overlay::default());
        ds
    }

    /// Runs extraction again on the same texts (after the catalogue changed). Reviews are not
    /// touched: they attach to the new facts by key. Takes the articles, not a dataset, so that
    /// the UI thread hands them over without copying 100,000 rows.
    pub fn reextract(
        root: PathBuf,
        old: &[Article],
        skipped: Vec<Skipped>,
        extractor: &Extractor,
    ) -> Dataset {
        let articles: Vec<Article> = old
            .par_iter()
            .map(|a| {
                let ex = extractor.extract(&a.text);
                let keys = keys_of(&a.id, &ex);
                Article {
                    extraction: Arc::new(ex),
                    keys,
                    ..a.clone()
                }
            })
            .collect();
        Dataset::from_articles(root, articles, skipped)
    }

    /// Reads the folder again and re-extracts only what changed: a file whose size and
    /// modification time are those it had when read is kept as it is; a file whose stamp
    /// changed but whose text did not (touched, or copied back) keeps its extraction; only new
    /// and edited files are extracted. Files are read in parallel, with progress and cancel.
    /// `files` limits the reload to the chosen files of a session, as when it was opened.
    pub fn reload(
        root: &Path,
        old: &[Article],
        files: Option<&[String]>,
        extractor: &Extractor,
        readers: &[Box<dyn Reader>],
        progress: &(dyn Fn(Progress) + Sync),
        cancel: &AtomicBool,
    ) -> (Dataset, ReloadReport) {
        let (found, mut skipped) = match files {
            Some(rels) => crate::pipeline::find_files(root, rels),
            None => corpus::walk(root, readers),
        };
        let by_rel: HashMap<&str, &Article> = old.iter().map(|a| (a.rel.as_str(), a)).collect();
        let by_id: HashMap<&ArticleId, &Article> = old.iter().map(|a| (&a.id, a)).collect();
        let total = found.len();
        let done = AtomicUsize::new(0);
        enum Got {
            Kept(Box<Article>),
            SameText(Box<Article>),
            Extracted(Box<Article>),
            Skipped(Skipped),
        }
        let got: Vec<Option<Got>> = found
            .par_iter()
            .map(|f| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let old = by_rel.get(f.rel.as_str());
                let stamp = FileStamp::of(&f.path);
                let g = match old {
                    Some(o) if stamp.is_some() && o.stamp == stamp => {
                        Got::Kept(Box::new(Article {
                            duplicate_of: None,
                            ..(*o).clone()
                        }))
                    }
                    _ => match corpus::load(f, readers) {
                        Err(s) => Got::Skipped(s),
                        Ok(file) => {
                            let id = ArticleId::of_text(&file.text);
                            match by_id.get(&id) {
                                Some(o) => Got::SameText(Box::new(Article {
                                    id,
                                    rel: file.rel,
                                    text: Arc::clone(&o.text),
                                    extraction: Arc::clone(&o.extraction),
                                    keys: o.keys.clone(),
                                    encoding: file.encoding,
                                    note: file.note,
                                    duplicate_of: None,
                                    stamp: file.stamp,
                                })),
                                None => {
                                    let extraction = extractor.extract(&file.text);
                                    Got::Extracted(Box::new(Article::from_result(ArticleResult {
                                        file,
                                        extraction,
                                    })))
                                }
                            }
                        }
                    },
                };
                let d = done.fetch_add(1, Ordering::Relaxed) + 1;
                progress(Progress {
                    done: d,
                    total,
                    current: f.rel.clone(),
                });
                Some(g)
            })
            .collect();
        let mut report = ReloadReport {
            cancelled: cancel.load(Ordering::Relaxed),
            ..ReloadReport::default()
        };
        let mut articles = Vec::with_capacity(got.len());
        for g in got.into_iter().flatten() {
            match g {
                Got::Kept(a) => {
                    report.unchanged += 1;
                    articles.push(*a);
                }
                Got::SameText(a) => {
                    report.same_text += 1;
                    articles.push(*a);
                }
                Got::Extracted(a) => {
                    if by_rel.contains_key(a.rel.as_str()) {
                        report.changed.push(a.rel.clone());
                    } else {
                        report.added.push(a.rel.clone());
                    }
                    articles.push(*a);
                }
                Got::Skipped(s) => skipped.push(s),
            }
        }
        let now: std::collections::HashSet<&str> =
            articles.iter().map(|a| a.rel.as_str()).collect();
        report.removed = old
            .iter()
            .filter(|a| !now.contains(a.rel.as_str()))
            .map(|a| a.rel.clone())
            .collect();
        skipped.sort_by(|a, b| a.rel.cmp(&b.rel));
        let ds = Dataset::from_articles(root.to_path_buf(), articles, skipped);
        (ds, report)
    }

    /// Index of the article with this id.
    pub fn article_index(&self, id: &ArticleId) -> Option<usize> {
        self.article_of_id.get(id).copied()
    }

    /// Row of a machine fact.
    pub fn row_of_key(&self, k: &FactKey) -> Option<usize> {
        self.row_of_key.get(k).copied()
    }

    /// Row of a manual fact.
    pub fn row_of_manual(&self, id: u64) -> Option<usize> {
        self.row_of_manual.get(&id).copied()
    }

    /// The key of a row's machine fact.
    pub fn key_of(&self, row: usize) -> Option<&FactKey> {
        let r = self.rows.get(row)?;
        match r.origin {
            Origin::Machine(i) => self.articles[r.article].keys.get(i),
            Origin::Manual(_) => None,
        }
    }

    /// Rebuilds every row from the machine facts and the overlay.
    pub fn resolve(&mut self, ov: &Overlay) {
        let mut rows =
            Vec::with_capacity(self.articles.iter().map(|a| a.extraction.facts.len()).sum());
        let mut stats = vec![ArticleStats::default(); self.articles.len()];
        let mut manual_by_article: HashMap<&ArticleId, Vec<&crate::review::ManualFact>> =
            HashMap::new();
        for m in ov.manual.values() {
            manual_by_article.entry(&m.article).or_default().push(m);
        }
        for (ai, a) in self.articles.iter().enumerate() {
            if a.duplicate_of.is_some() {
                continue;
            }
            let manual = manual_by_article.get(&a.id).map_or(&[][..], Vec::as_slice);
            let article_rows = self.article_rows(ai, ov, manual);
            stats[ai] = stats_of(&article_rows);
            rows.extend(article_rows);
        }
        self.row_of_key.clear();
        self.row_of_manual.clear();
        self.rows = rows;
        self.index_rows(0..self.rows.len());
        self.stats = stats;
        self.shown_articles = self
            .articles
            .iter()
            .filter(|a| a.duplicate_of.is_none())
            .count();
        self.reviewed = self.stats.iter().map(|s| s.reviewed).sum();
        self.generation += 1;
    }

    /// Rebuilds the rows of the articles an edit touched, in place: the common edit (accept,
    /// reject, correct one fact) then costs the article's rows, not the whole dataset's. When
    /// an article's number of rows changes (a fact added or deleted by hand) the rows after it
    /// move, and everything is rebuilt.
    pub fn resolve_articles(&mut self, ov: &Overlay, ids: &[ArticleId]) {
        let mut touched: Vec<usize> = ids
            .iter()
            .filter_map(|id| self.article_index(id))
            .filter(|&ai| self.articles[ai].duplicate_of.is_none())
            .collect();
        touched.sort_unstable();
        touched.dedup();
        // A bulk edit over much of the corpus: one pass is simpler and as fast.
        if touched.len() * 8 > self.articles.len().max(8) {
            self.resolve(ov);
            return;
        }
        let mut fresh = Vec::with_capacity(touched.len());
        for &ai in &touched {
            let id = &self.articles[ai].id;
            let manual: Vec<&crate::review::ManualFact> =
                ov.manual.values().filter(|m| &m.article == id).collect();
            let rows = self.article_rows(ai, ov, &manual);
            let range = self.rows_of_article(ai);
            if rows.len() != range.len() {
                self.resolve(ov);
                return;
            }
            fresh.push((ai, range, rows));
        }
        for (ai, range, rows) in fresh {
            let st = stats_of(&rows);
            self.reviewed = self.reviewed - self.stats[ai].reviewed + st.reviewed;
            self.stats[ai] = st;
            for (slot, row) in self.rows[range.clone()].iter_mut().zip(rows) {
                if let Origin::Manual(id) = slot.origin {
                    self.row_of_manual.remove(&id);
                }
                *slot = row;
            }
            self.index_rows(range);
        }
        self.generation += 1;
    }

    /// Records where the rows of `range` are, by key and by manual id.
    fn index_rows(&mut self, range: std::ops::Range<usize>) {
        for i in range {
            let r = &self.rows[i];
            match r.origin {
                Origin::Machine(fi) => {
                    self.row_of_key
                        .insert(self.articles[r.article].keys[fi].clone(), i);
                }
                Origin::Manual(id) => {
                    self.row_of_manual.insert(id, i);
                }
            }
        }
    }

    /// The rows of one article: its machine facts with their reviews, then its manual facts,
    /// in text order.
    fn article_rows(
        &self,
        ai: usize,
        ov: &Overlay,
        manual: &[&crate::review::ManualFact],
    ) -> Vec<Row> {
        let a = &self.articles[ai];
        let mut article_rows: Vec<Row> =
            Vec::with_capacity(a.extraction.facts.len() + manual.len());
        for (fi, f) in a.extraction.facts.iter().enumerate() {
            let rv = ov.reviews.get(&a.keys[fi]);
            let mut row = Row {
                article: ai,
                origin: Origin::Machine(fi),
                status: Status::Pending,
                metric: f.metric.clone(),
                value: f.value,
                machine_value: None,
                unit: f.unit.clone(),
                place: f.place.clone(),
                as_of: f.as_of,
                span: Some((f.start, f.end)),
                confidence: f.confidence,
                corrected: false,
                note: String::new(),
                tags: Vec::new(),
                rule: f.rule.clone(),
            };
            if let Some(r) = rv {
                row.status = r.status;
                if let Some(m) = &r.metric {
                    row.metric = m.clone();
                }
                if let Some(v) = r.value {
                    row.machine_value = Some(f.value);
                    row.value = v;
                }
                if let Some(u) = &r.unit {
                    row.unit = u.clone();
                }
                if let Some(p) = &r.place {
                    row.place = p.clone();
                }
                if let Some(d) = r.as_of {
                    row.as_of = d;
                }
                row.corrected = r.corrects();
                row.note = r.note.clone();
                row.tags = r.tags.clone();
            }
            article_rows.push(row);
        }
        for m in manual {
            article_rows.push(Row {
                article: ai,
                origin: Origin::Manual(m.id),
                status: m.status,
                metric: m.metric.clone(),
                value: m.value,
                machine_value: None,
                unit: m.unit.clone(),
                place: m.place.clone(),
                as_of: m.as_of,
                span: m.span,
                confidence: 1.0,
                corrected: false,
                note: m.note.clone(),
                tags: m.tags.clone(),
                rule: "manual".to_owned(),
            });
        }
        article_rows.sort_by_key(|r| r.span.map_or(usize::MAX, |s| s.0));
        article_rows
    }

    /// Rows of one article, in text order.
    pub fn rows_of_article(&self, article: usize) -> std::ops::Range<usize> {
        // Rows are grouped by article: find the group by binary search.
        let start = self.rows.partition_point(|r| r.article < article);
        let end = self.rows.partition_point(|r| r.article <= article);
        start..end
    }

    /// Sorted, de-duplicated province names present in the rows.
    pub fn provinces(&self) -> Vec<String> {
        distinct(self.rows.iter().filter_map(|r| r.place.province.as_deref()))
    }

    /// Sorted district names present in the rows (of one province, if given).
    pub fn districts(&self, province: Option<&str>) -> Vec<String> {
        distinct(
            self.rows
                .iter()
                .filter(|r| province.is_none_or(|p| r.place.province.as_deref() == Some(p)))
                .filter_map(|r| r.place.district.as_deref()),
        )
    }

    /// Sorted metric ids present in the rows.
    pub fn metrics(&self) -> Vec<String> {
        distinct(self.rows.iter().map(|r| r.metric.as_str()))
    }

    /// Indexes of the rows passing `filter`, in `sort` order.
    pub fn view(&self, filter: &Filter, sort: Sort) -> Vec<usize> {
        let text = filter.folded_text();
        let mut idx: Vec<usize> = (0..self.rows.len())
            .filter(|&i| filter.accepts(self, i, &text))
            .collect();
        let rows = &self.rows;
        let cmp_f = |a: f64, b: f64| a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal);
        idx.sort_by(|&a, &b| {
            let (ra, rb) = (&rows[a], &rows[b]);
            let o = match sort.column {
                SortColumn::Position => {
                    (ra.article, ra.span.map(|s| s.0)).cmp(&(rb.article, rb.span.map(|s| s.0)))
                }
                SortColumn::Status => ra.status.cmp(&rb.status),
                SortColumn::Metric => ra.metric.cmp(&rb.metric),
                SortColumn::Value => cmp_f(ra.value.representative(), rb.value.representative()),
                SortColumn::Unit => ra.unit.cmp(&rb.unit),
                SortColumn::District => ra.place.district.cmp(&rb.place.district),
                SortColumn::Province => ra.place.province.cmp(&rb.place.province),
                SortColumn::AsOf => ra.as_of.cmp(&rb.as_of),
                SortColumn::Evidence => ra.evidence(self).cmp(rb.evidence(self)),
                SortColumn::Confidence => cmp_f(f64::from(ra.confidence), f64::from(rb.confidence)),
                SortColumn::Article => self.articles[ra.article]
                    .rel
                    .cmp(&self.articles[rb.article].rel),
            };
            let o = if sort.descending { o.reverse() } else { o };
            o.then(a.cmp(&b))
        });
        idx
    }
}

/// Which rows the table shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default)]
    pub metric: Option<String>,
    #[serde(default)]
    pub status: Option<Status>,
    /// Rows below this confidence are hidden.
    #[serde(default)]
    pub min_confidence: f32,
    /// Free text, matched against evidence, metric, places, note and tags (case and tone
    /// placement ignored).
    #[serde(default)]
    pub text: String,
    /// Only this article (its relative path).
    #[serde(default)]
    pub article: Option<String>,
    /// Hide the quantities the extractor could not classify (`other`).
    #[serde(default)]
    pub hide_other: bool,
}

impl Filter {
    fn accepts(&self, ds: &Dataset, i: usize, folded_text: &str) -> bool {
        let r = &ds.rows[i];
        if self
            .province
            .as_ref()
            .is_some_and(|p| r.place.province.as_ref() != Some(p))
        {
            return false;
        }
        if self
            .district
            .as_ref()
            .is_some_and(|d| r.place.district.as_ref() != Some(d))
        {
            return false;
        }
        if self.metric.as_ref().is_some_and(|m| &r.metric != m) {
            return false;
        }
        if self.status.is_some_and(|s| r.status != s) {
            return false;
        }
        if r.confidence < self.min_confidence {
            return false;
        }
        if self.hide_other && r.metric == "other" {
            return false;
        }
        if self
            .article
            .as_ref()
            .is_some_and(|a| &ds.articles[r.article].rel != a)
        {
            return false;
        }
        if !folded_text.is_empty() {
            let hay = self.fold_like_query(&format!(
                "{} {} {} {} {} {} {}",
                r.evidence(ds),
                r.metric,
                r.place.district.as_deref().unwrap_or(""),
                r.place.province.as_deref().unwrap_or(""),
                r.note,
                r.tags.join(" "),
                ds.articles[r.article].extraction.meta.title
            ));
            if !hay.contains(folded_text) {
                return false;
            }
        }
        true
    }

    /// The query folded for matching: typed without diacritics ("phong toa"), it matches text
    /// with them ("phong tỏa"); with diacritics, case and tone placement are ignored.
    pub fn folded_text(&self) -> String {
        self.fold_like_query(self.text.trim())
    }

    fn fold_like_query(&self, s: &str) -> String {
        if self.text.is_ascii() {
            crate::text::ascii_fold(s)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            crate::text::fold_phrase(s)
        }
    }

    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// Columns the table sorts by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortColumn {
    /// Article, then position in the text.
    #[default]
    Position,
    Status,
    Metric,
    Value,
    Unit,
    District,
    Province,
    AsOf,
    Evidence,
    Confidence,
    Article,
}

/// A sort order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    pub column: SortColumn,
    pub descending: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{Edit, History, ManualFact, Review};

    fn sample() -> Dataset {
        let ex = Extractor::bundled().unwrap();
        let texts = [
            (
                "000.txt",
                include_str!("../assets/sample/000_10dc9f409678ff5e.txt"),
            ),
            (
                "002.txt",
                include_str!("../assets/sample/002_fb5d0e228b1c466e.txt"),
            ),
        ];
        let results = crate::test_support::results(&texts, &ex);
        Dataset::new(PathBuf::from("/corpus"), results, Vec::new())
    }

    #[test]
    fn reviews_overlay_machine_facts_and_survive_reextraction() {
        let mut ds = sample();
        let mut ov = Overlay::default();
        let mut h = History::default();
        let i = ds
            .rows
            .iter()
            .position(|r| r.value == Value::Exact(433.0))
            .unwrap();
        let key = ds.key_of(i).unwrap().clone();
        let rv = Review {
            status: Status::Accepted,
            value: Some(Value::Exact(434.0)),
            note: "sửa".into(),
            ..Review::default()
        };
        h.apply(Edit::review(&ov, key.clone(), rv), &mut ov);
        ds.resolve(&ov);
        let row = &ds.rows[ds.row_of_key(&key).unwrap()];
        assert_eq!(row.value, Value::Exact(434.0));
        assert_eq!(row.machine_value, Some(Value::Exact(433.0)));
        assert!(row.corrected && row.status == Status::Accepted);
        // Re-extraction keeps the review: same text, same key.
        let ex = Extractor::bundled().unwrap();
        let mut ds2 = Dataset::reextract(ds.root.clone(), &ds.articles, ds.skipped.clone(), &ex);
        ds2.resolve(&ov);
        assert_eq!(
            ds2.rows[ds2.row_of_key(&key).unwrap()].value,
            Value::Exact(434.0)
        );
    }

    #[test]
    fn rebuilding_only_touched_articles_matches_a_full_rebuild() {
        let mut ds = sample();
        let mut ov = Overlay::default();
        let mut h = History::default();
        let gen0 = ds.generation;
        // Reviews on facts of two articles, as the app makes them, one edit at a time.
        for (n, i) in [0, 3, ds.rows.len() - 1].into_iter().enumerate() {
            let key = ds.key_of(i).unwrap().clone();
            let rv = Review {
                status: if n == 1 {
                    Status::Rejected
                } else {
                    Status::Accepted
                },
                value: (n == 2).then_some(Value::Exact(1.0)),
                ..Review::default()
            };
            let edit = Edit::review(&ov, key, rv);
            let mut touched = Vec::new();
            edit.articles(&mut touched);
            h.apply(edit, &mut ov);
            ds.resolve_articles(&ov, &touched);
            let mut full = ds.clone();
            full.resolve(&ov);
            assert_eq!(ds.rows, full.rows);
            assert_eq!(ds.reviewed, full.reviewed);
            assert_eq!(ds.stats.len(), full.stats.len());
            for (a, b) in ds.stats.iter().zip(&full.stats) {
                assert_eq!((a.facts, a.reviewed), (b.facts, b.reviewed));
            }
            for r in 0..ds.rows.len() {
                if let Some(k) = ds.key_of(r) {
                    assert_eq!(ds.row_of_key(k), Some(r));
                }
            }
        }
        assert_eq!(ds.reviewed, 3);
        assert!(ds.generation > gen0);
        // A fact added by hand changes the article's row count: a full rebuild, same result.
        let m = ManualFact {
            id: ov.next_manual_id(),
            article: ds.articles[1].id.clone(),
            metric: "cases_new".into(),
            value: Value::Exact(7.0),
            unit: "cases".into(),
            place: Place::default(),
            as_of: None,
            span: Some((0, 4)),
            evidence: String::new(),
            status: Status::Accepted,
            note: String::new(),
            tags: Vec::new(),
        };
        let edit = Edit::manual(&ov, m.id, Some(m));
        let mut touched = Vec::new();
        edit.articles(&mut touched);
        h.apply(edit, &mut ov);
        ds.resolve_articles(&ov, &touched);
        let mut full = ds.clone();
        full.resolve(&ov);
        assert_eq!(ds.rows, full.rows);
        assert_eq!(ds.row_of_manual(1), full.row_of_manual(1));
        assert_eq!(ds.reviewed, 4);
    }

    #[test]
    fn reload_re_extracts_only_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let a = include_str!("../assets/sample/000_10dc9f409678ff5e.txt");
        let b = include_str!("../assets/sample/002_fb5d0e228b1c466e.txt");
        let c = include_str!("../assets/sample/004_c3f9a9c50758b3e9.txt");
        std::fs::write(root.join("a.txt"), a).unwrap();
        std::fs::write(root.join("b.txt"), b).unwrap();
        std::fs::write(root.join("gone.txt"), c).unwrap();
        std::fs::write(root.join("touched.txt"), c.replace("COVID", "Covid")).unwrap();
        let ex = Extractor::bundled().unwrap();
        let readers = crate::pipeline::readers();
        let cancel = AtomicBool::new(false);
        let r = crate::pipeline::extract_folder(root, &ex, &readers, &|_| {}, &cancel);
        let ds = Dataset::new(root.to_path_buf(), r.articles, r.skipped);
        assert_eq!(ds.articles.len(), 4);
        // b.txt edited, gone.txt deleted, new.txt added, touched.txt rewritten as it was.
        std::fs::write(root.join("b.txt"), format!("{b}\nCập nhật thêm.\n")).unwrap();
        std::fs::remove_file(root.join("gone.txt")).unwrap();
        std::fs::write(root.join("new.txt"), format!("{c}\nBài mới.\n")).unwrap();
        let touched = std::fs::read(root.join("touched.txt")).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(
            root.join("touched.txt"),
            format!("{}\n", c.replace("COVID", "Covid")),
        )
        .unwrap();
        std::fs::write(root.join("touched.txt"), &touched).unwrap();
        let seen = AtomicUsize::new(0);
        let progress = |_: Progress| {
            seen.fetch_add(1, Ordering::Relaxed);
        };
        let (re, report) =
            Dataset::reload(root, &ds.articles, None, &ex, &readers, &progress, &cancel);
        assert_eq!(report.unchanged, 1, "{report:?}");
        assert_eq!(report.same_text, 1, "{report:?}");
        assert_eq!(report.changed, vec!["b.txt".to_owned()]);
        assert_eq!(report.added, vec!["new.txt".to_owned()]);
        assert_eq!(report.removed, vec!["gone.txt".to_owned()]);
        assert_eq!(seen.load(Ordering::Relaxed), 4);
        // Kept articles share the old extraction: nothing was extracted for them.
        let old = |rel: &str| &ds.articles[ds.articles.iter().position(|a| a.rel == rel).unwrap()];
        let new = |rel: &str| &re.articles[re.articles.iter().position(|a| a.rel == rel).unwrap()];
        assert!(Arc::ptr_eq(
            &old("a.txt").extraction,
            &new("a.txt").extraction
        ));
        assert!(Arc::ptr_eq(
            &old("touched.txt").extraction,
            &new("touched.txt").extraction
        ));
        assert!(!Arc::ptr_eq(
            &old("b.txt").extraction,
            &new("b.txt").extraction
        ));
        // The result is what opening the folder afresh gives.
        let fresh = crate::pipeline::extract_folder(root, &ex, &readers, &|_| {}, &cancel);
        let fresh = Dataset::new(root.to_path_buf(), fresh.articles, fresh.skipped);
        assert_eq!(re.rows, fresh.rows);
        let rels = |d: &Dataset| d.articles.iter().map(|a| a.rel.clone()).collect::<Vec<_>>();
        assert_eq!(rels(&re), rels(&fresh));
    }

    #[test]
    fn manual_facts_join_their_article_in_text_order() {
        let mut ds = sample();
        let mut ov = Overlay::default();
        let a = ds.articles[0].id.clone();
        let m = ManualFact {
            id: ov.next_manual_id(),
            article: a,
            metric: "cases_new".into(),
            value: Value::Exact(7.0),
            unit: "cases".into(),
            place: Place {
                district: Some("Ô Môn".into()),
                province: Some("Cần Thơ".into()),
            },
            as_of: None,
            span: Some((0, 9)),
            evidence: "Quận Ô Môn".into(),
            status: Status::Accepted,
            note: String::new(),
            tags: Vec::new(),
        };
        let edit = Edit::manual(&ov, m.id, Some(m));
        edit.apply(&mut ov);
        ds.resolve(&ov);
        let first = ds.rows_of_article(0).next().unwrap();
        assert_eq!(ds.rows[first].origin, Origin::Manual(1));
        assert_eq!(ds.stats[0].reviewed, 1);
    }

    #[test]
    fn filters_and_sorts() {
        let ds = sample();
        let f = Filter {
            province: Some("Hà Nội".into()),
            hide_other: true,
            ..Filter::default()
        };
        let v = ds.view(
            &f,
            Sort {
                column: SortColumn::Value,
                descending: true,
            },
        );
        assert!(!v.is_empty());
        assert!(
            v.iter()
                .all(|&i| ds.rows[i].place.province.as_deref() == Some("Hà Nội"))
        );
        assert!(
            v.windows(2)
                .all(|w| ds.rows[w[0]].value.representative()
                    >= ds.rows[w[1]].value.representative())
        );
        let t = Filter {
            text: "phong toa".into(),
            ..Filter::default()
        };
        let hits = ds.view(&t, Sort::default());
        assert!(!hits.is_empty(), "typed without diacritics");
        assert!(
            hits.iter()
                .any(|&i| crate::text::ascii_fold(ds.rows[i].evidence(&ds)).contains("phong toa"))
        );
        let tone = Filter {
            text: "phong toả".into(),
            ..Filter::default()
        };
        assert!(
            !ds.view(&tone, Sort::default()).is_empty(),
            "tone placement does not matter"
        );
    }

    #[test]
    fn duplicate_articles_are_shown_once() {
        let ex = Extractor::bundled().unwrap();
        let t = include_str!("../assets/sample/004_c3f9a9c50758b3e9.txt");
        let results = crate::test_support::results(&[("a.txt", t), ("copy/a.txt", t)], &ex);
        let ds = Dataset::new("/c".into(), results, Vec::new());
        assert_eq!(ds.articles[1].duplicate_of, Some(0));
        assert!(ds.rows.iter().all(|r| r.article == 0));
    }
}
