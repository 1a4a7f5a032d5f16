//! The resolved view: every fact as the reviewer should see it, machine output with the review
//! overlay applied, plus facts added by hand. Tables, the reader, charts and exports all read
//! this one view, so they always agree.
//!
//! Why rows are rebuilt on change and not per frame: a corpus can hold 100,000 facts; the UI
//! must not do work proportional to that on every frame. The view is rebuilt when the overlay
//! or the corpus changes, and filtered/sorted index lists are cached by the caller.

use crate::extract::{Extraction, Extractor};
use crate::io::corpus::Skipped;
use crate::model::{PartialDate, Place, Value};
use crate::pipeline::ArticleResult;
use crate::review::{ArticleId, FactKey, Overlay, Status};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

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
}

impl Dataset {
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
    /// touched: they attach to the new facts by key.
    pub fn reextract(&self, extractor: &Extractor) -> Dataset {
        let articles: Vec<Article> = self
            .articles
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
        Dataset::from_articles(self.root.clone(), articles, self.skipped.clone())
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
            let mut article_rows: Vec<Row> = Vec::with_capacity(a.extraction.facts.len());
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
            for m in manual_by_article.get(&a.id).into_iter().flatten() {
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
            stats[ai].facts = article_rows.len();
            stats[ai].reviewed = article_rows
                .iter()
                .filter(|r| r.status != Status::Pending)
                .count();
            rows.extend(article_rows);
        }
        self.row_of_key.clear();
        self.row_of_manual.clear();
        for (i, r) in rows.iter().enumerate() {
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
        self.rows = rows;
        self.stats = stats;
        self.generation += 1;
    }

    /// Rows of one article, in text order.
    pub fn rows_of_article(&self, article: usize) -> impl Iterator<Item = usize> + '_ {
        // Rows are grouped by article: find the group by binary search.
        let start = self.rows.partition_point(|r| r.article < article);
        let end = self.rows.partition_point(|r| r.article <= article);
        start..end
    }

    /// Sorted, de-duplicated province names present in the rows.
    pub fn provinces(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .rows
            .iter()
            .filter_map(|r| r.place.province.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Sorted district names present in the rows (of one province, if given).
    pub fn districts(&self, province: Option<&str>) -> Vec<String> {
        let mut v: Vec<String> = self
            .rows
            .iter()
            .filter(|r| province.is_none_or(|p| r.place.province.as_deref() == Some(p)))
            .filter_map(|r| r.place.district.clone())
            .collect();
        v.sort();
        v.dedup();
        v
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
    use crate::io::corpus::LoadedFile;
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
        let results = texts
            .iter()
            .map(|(rel, t)| ArticleResult {
                file: LoadedFile {
                    rel: (*rel).to_owned(),
                    path: PathBuf::from(rel),
                    text: (*t).to_owned(),
                    encoding: "UTF-8".into(),
                    note: None,
                    bytes: t.len() as u64,
                },
                extraction: ex.extract(t),
            })
            .collect();
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
        let mut ds2 = ds.reextract(&ex);
        ds2.resolve(&ov);
        assert_eq!(
            ds2.rows[ds2.row_of_key(&key).unwrap()].value,
            Value::Exact(434.0)
        );
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
        let mk = |rel: &str| ArticleResult {
            file: LoadedFile {
                rel: rel.into(),
                path: rel.into(),
                text: t.into(),
                encoding: "UTF-8".into(),
                note: None,
                bytes: 1,
            },
            extraction: ex.extract(t),
        };
        let ds = Dataset::new("/c".into(), vec![mk("a.txt"), mk("copy/a.txt")], Vec::new());
        assert_eq!(ds.articles[1].duplicate_of, Some(0));
        assert!(ds.rows.iter().all(|r| r.article == 0));
    }
}
