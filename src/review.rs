//! Human review as an overlay on machine facts, and undo/redo of every review action.
//!
//! Why an overlay: the extractor's output is never edited. A reviewer's decision (accept,
//! reject, a corrected value, metric, place or date, a note, tags) is stored beside it, keyed by
//! a stable identity of the fact: the article's content hash and the byte span of the number.
//! Re-running extraction with better rules or an edited catalogue produces facts with the same
//! keys wherever the text is unchanged, so every decision is kept. The effective value of a fact
//! is the review's where it gives one, else the machine's.
//!
//! Every change goes through an [`Edit`] that records the state before and after, so undo and
//! redo are exact, bulk actions included (an [`Edit::Batch`]).

use crate::model::{Fact, PartialDate, Place, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// An article's identity: the first 16 hex digits of the BLAKE3 hash of its text (as shown,
/// after decoding and NFC). Two files with the same text are the same article.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// The identity of a text.
    pub fn of_text(text: &str) -> ArticleId {
        let h = blake3::hash(text.as_bytes());
        ArticleId(h.to_hex()[..16].to_owned())
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A machine fact's identity: article, byte span of the number, and which of the places it was
/// spread over ("Cờ Đỏ và Ô Môn, mỗi nơi 1 ca" gives two facts for one number).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FactKey {
    pub article: ArticleId,
    pub start: usize,
    pub end: usize,
    pub ordinal: u8,
}

impl FactKey {
    /// The key of fact `f` of an article; `ordinal` counts earlier facts with the same number span.
    pub fn of(article: &ArticleId, f: &Fact, ordinal: u8) -> FactKey {
        FactKey {
            article: article.clone(),
            start: f.number_start,
            end: f.number_end,
            ordinal,
        }
    }
}

impl fmt::Display for FactKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}-{}", self.article, self.start, self.end)?;
        if self.ordinal > 0 {
            write!(f, "#{}", self.ordinal)?;
        }
        Ok(())
    }
}

impl std::str::FromStr for FactKey {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("not a fact key: `{s}` (expected HASH:START-END or HASH:START-END#N)");
        let (article, rest) = s.split_once(':').ok_or_else(bad)?;
        let (span, ordinal) = match rest.split_once('#') {
            Some((a, b)) => (a, b.parse::<u8>().map_err(|_| bad())?),
            None => (rest, 0),
        };
        let (a, b) = span.split_once('-').ok_or_else(bad)?;
        Ok(FactKey {
            article: ArticleId(article.to_owned()),
            start: a.parse().map_err(|_| bad())?,
            end: b.parse().map_err(|_| bad())?,
            ordinal,
        })
    }
}

impl Serialize for FactKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FactKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Where a fact stands in review.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Status {
    /// Not looked at yet.
    #[default]
    Pending,
    /// Checked against the text and kept (possibly corrected).
    Accepted,
    /// Not a fact, or wrong beyond correcting.
    Rejected,
}

/// A reviewer's decision on one machine fact. Fields left `None` keep the machine's value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    #[serde(default)]
    pub status: Status,
    /// Corrected metric id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// Corrected value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// The unit that goes with a corrected metric (the catalogue's unit of that metric).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Corrected place (district and province together).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// Corrected date: `Some(None)` removes the machine's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Option<PartialDate>>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The evidence the reviewer saw: lets a review find its fact again if the report's text
    /// changes, and shows what an orphaned review was about.
    #[serde(default)]
    pub evidence: String,
}

impl Review {
    /// True when the review changes nothing and holds nothing (it can be dropped).
    pub fn is_empty(&self) -> bool {
        self.status == Status::Pending
            && self.metric.is_none()
            && self.value.is_none()
            && self.unit.is_none()
            && self.place.is_none()
            && self.as_of.is_none()
            && self.note.is_empty()
            && self.tags.is_empty()
    }

    /// True when the review corrects a field of the machine fact.
    pub fn corrects(&self) -> bool {
        self.metric.is_some()
            || self.value.is_some()
            || self.place.is_some()
            || self.as_of.is_some()
    }
}

/// A fact added by hand ("add what was missed"), optionally anchored on a span of the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManualFact {
    pub id: u64,
    pub article: ArticleId,
    pub metric: String,
    pub value: Value,
    pub unit: String,
    #[serde(default)]
    pub place: Place,
    #[serde(default)]
    pub as_of: Option<PartialDate>,
    /// Byte span in the article text when made from a selection.
    #[serde(default)]
    pub span: Option<(usize, usize)>,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub status: Status,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// A note and tags on a whole article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleNote {
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

impl ArticleNote {
    pub fn is_empty(&self) -> bool {
        self.note.is_empty() && self.tags.is_empty()
    }
}

/// Everything a reviewer made: the overlay on machine facts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Overlay {
    #[serde(default)]
    pub reviews: BTreeMap<FactKey, Review>,
    #[serde(default)]
    pub manual: BTreeMap<u64, ManualFact>,
    #[serde(default)]
    pub articles: BTreeMap<ArticleId, ArticleNote>,
}

impl Overlay {
    /// Id for the next manual fact.
    pub fn next_manual_id(&self) -> u64 {
        self.manual.keys().next_back().map_or(1, |k| k + 1)
    }

    /// True when nothing was made.
    pub fn is_empty(&self) -> bool {
        self.reviews.is_empty() && self.manual.is_empty() && self.articles.is_empty()
    }
}

/// One reversible change of the overlay.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Review {
        key: FactKey,
        before: Option<Review>,
        after: Option<Review>,
    },
    Manual {
        id: u64,
        before: Option<ManualFact>,
        after: Option<ManualFact>,
    },
    Article {
        id: ArticleId,
        before: Option<ArticleNote>,
        after: Option<ArticleNote>,
    },
    /// Several changes undone and redone together (bulk actions).
    Batch(Vec<Edit>),
}

fn put<K: Ord, V>(map: &mut BTreeMap<K, V>, k: K, v: Option<V>) {
    match v {
        Some(v) => {
            map.insert(k, v);
        }
        None => {
            map.remove(&k);
        }
    }
}

impl Edit {
    /// A review change, from the overlay's current state to `after` (an empty review removes it).
    pub fn review(ov: &Overlay, key: FactKey, after: Review) -> Edit {
        let before = ov.reviews.get(&key).cloned();
        let after = (!after.is_empty()).then_some(after);
        Edit::Review { key, before, after }
    }

    /// An article note change.
    pub fn article(ov: &Overlay, id: ArticleId, after: ArticleNote) -> Edit {
        let before = ov.articles.get(&id).cloned();
        let after = (!after.is_empty()).then_some(after);
        Edit::Article { id, before, after }
    }

    /// Adds, changes or removes (`after` = None) a manual fact.
    pub fn manual(ov: &Overlay, id: u64, after: Option<ManualFact>) -> Edit {
        Edit::Manual {
            id,
            before: ov.manual.get(&id).cloned(),
            after,
        }
    }

    /// True when applying the edit changes nothing.
    pub fn is_noop(&self) -> bool {
        match self {
            Edit::Review { before, after, .. } => before == after,
            Edit::Manual { before, after, .. } => before == after,
            Edit::Article { before, after, .. } => before == after,
            Edit::Batch(v) => v.iter().all(Edit::is_noop),
        }
    }

    /// Sets the overlay to the state after the edit.
    pub fn apply(&self, ov: &mut Overlay) {
        match self {
            Edit::Review { key, after, .. } => put(&mut ov.reviews, key.clone(), after.clone()),
            Edit::Manual { id, after, .. } => put(&mut ov.manual, *id, after.clone()),
            Edit::Article { id, after, .. } => put(&mut ov.articles, id.clone(), after.clone()),
            Edit::Batch(v) => v.iter().for_each(|e| e.apply(ov)),
        }
    }

    /// Sets the overlay back to the state before the edit.
    pub fn revert(&self, ov: &mut Overlay) {
        match self {
            Edit::Review { key, before, .. } => put(&mut ov.reviews, key.clone(), before.clone()),
            Edit::Manual { id, before, .. } => put(&mut ov.manual, *id, before.clone()),
            Edit::Article { id, before, .. } => put(&mut ov.articles, id.clone(), before.clone()),
            Edit::Batch(v) => v.iter().rev().for_each(|e| e.revert(ov)),
        }
    }

    /// The articles an edit touches (to refresh only their rows).
    pub fn articles(&self, out: &mut Vec<ArticleId>) {
        match self {
            Edit::Review { key, .. } => out.push(key.article.clone()),
            Edit::Manual { before, after, .. } => {
                out.extend(before.iter().chain(after.iter()).map(|m| m.article.clone()));
            }
            Edit::Article { id, .. } => out.push(id.clone()),
            Edit::Batch(v) => v.iter().for_each(|e| e.articles(out)),
        }
    }
}

/// Undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// Counts applied edits; the session is unsaved when it differs from the saved generation.
    pub generation: u64,
}

impl History {
    /// Applies an edit and records it; a new edit clears the redo stack.
    pub fn apply(&mut self, edit: Edit, ov: &mut Overlay) -> bool {
        if edit.is_noop() {
            return false;
        }
        edit.apply(ov);
        self.undo.push(edit);
        self.redo.clear();
        self.generation += 1;
        true
    }

    /// Undoes the last edit; returns it.
    pub fn undo(&mut self, ov: &mut Overlay) -> Option<&Edit> {
        let e = self.undo.pop()?;
        e.revert(ov);
        self.redo.push(e);
        self.generation += 1;
        self.redo.last()
    }

    /// Redoes the last undone edit; returns it.
    pub fn redo(&mut self, ov: &mut Overlay) -> Option<&Edit> {
        let e = self.redo.pop()?;
        e.apply(ov);
        self.undo.push(e);
        self.generation += 1;
        self.undo.last()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets every edit (after opening another corpus or session).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

/// What re-anchoring did for one changed report (see [`Overlay::reanchor`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reanchored {
    /// Reviews and hand-added facts that found their evidence in the new text.
    pub moved: usize,
    /// Those that did not: kept in the overlay under the old text's key, never dropped.
    pub orphans: Vec<Orphan>,
    /// The report's note moved to the new text.
    pub note_moved: bool,
}

impl Reanchored {
    /// The overlay changed (a change to save).
    pub fn changed(&self) -> bool {
        self.moved > 0 || self.note_moved
    }
}

/// A review or hand-added fact whose evidence is no longer in its report's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Orphan {
    pub evidence: String,
    pub note: String,
}

/// Whitespace runs as one space, lower case: "433  ca\n" and "433 Ca" match.
fn loose(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Similarity of two short texts in [0, 1]: the Dice coefficient of their character pairs.
fn similarity(a: &str, b: &str) -> f64 {
    let pairs = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        let mut v: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
        v.sort_unstable();
        v
    };
    let (x, y) = (pairs(a), pairs(b));
    if x.is_empty() || y.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * common as f64 / (x.len() + y.len()) as f64
}

/// `number` occurs in `text` as a whole number ("433" in "có 433 ca", not in "4330").
fn has_number(text: &str, number: &str) -> bool {
    text.match_indices(number).any(|(i, _)| {
        let glued_before = text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',');
        // A separator after it counts only when a digit follows ("433." ends a sentence).
        let mut rest = text[i + number.len()..].chars();
        let glued_after = match (rest.next(), rest.next()) {
            (Some(c), _) if c.is_ascii_digit() => true,
            (Some('.' | ','), Some(d)) => d.is_ascii_digit(),
            _ => false,
        };
        !glued_before && !glued_after
    })
}

/// Below this similarity an edited evidence is another fact.
const FUZZY_MIN: f64 = 0.8;

impl Overlay {
    /// Moves what was said about a report's old text to its new text: each review to the
    /// machine fact whose evidence is the same (exactly, then loosely: spacing and case, then
    /// fuzzily: 80% alike with the same number), the nearest to its old place when several
    /// are; each hand-added fact to where its evidence now is; the report's note to the new
    /// text (unless the new text has a note already: then it stays under the old text). What
    /// finds no place, or whose place already has a review, stays under the old key,
    /// unattached, and is returned as an orphan: nothing is dropped.
    ///
    /// `facts` are the new text's machine facts with their keys.
    pub fn reanchor(
        &mut self,
        old: &ArticleId,
        new: &ArticleId,
        new_text: &str,
        facts: &[(FactKey, &Fact)],
    ) -> Reanchored {
        let mut out = Reanchored::default();
        if old == new {
            return out;
        }
        // Keys sort by article first: the old text's reviews are one range of the map.
        let from = FactKey {
            article: old.clone(),
            start: 0,
            end: 0,
            ordinal: 0,
        };
        let keys: Vec<FactKey> = self
            .reviews
            .range(from..)
            .map(|(k, _)| k)
            .take_while(|k| &k.article == old)
            .cloned()
            .collect();
        for key in keys {
            let Some(review) = self.reviews.get(&key) else {
                continue;
            };
            let ev = review.evidence.as_str();
            let nearest = |c: &&(FactKey, &Fact)| c.0.start.abs_diff(key.start);
            let exact = facts
                .iter()
                .filter(|(_, f)| !ev.is_empty() && f.evidence == ev)
                .min_by_key(nearest);
            let loosely = || {
                let l = loose(ev);
                facts
                    .iter()
                    .filter(|(_, f)| !l.is_empty() && loose(&f.evidence) == l)
                    .min_by_key(nearest)
            };
            let fuzzily = || {
                let number = |f: &Fact| {
                    new_text
                        .get(f.number_start..f.number_end)
                        .map(str::to_owned)
                };
                facts
                    .iter()
                    .filter(|(_, f)| {
                        number(f).is_some_and(|n| has_number(ev, &n))
                            && similarity(&loose(&f.evidence), &loose(ev)) >= FUZZY_MIN
                    })
                    .min_by_key(nearest)
            };
            let target = exact
                .or_else(loosely)
                .or_else(fuzzily)
                .map(|(k, _)| k.clone());
            match target {
                Some(t) if !self.reviews.contains_key(&t) => {
                    if let Some(r) = self.reviews.remove(&key) {
                        self.reviews.insert(t, r);
                        out.moved += 1;
                    }
                }
                _ => out.orphans.push(Orphan {
                    evidence: review.evidence.clone(),
                    note: review.note.clone(),
                }),
            }
        }
        for m in self.manual.values_mut().filter(|m| &m.article == old) {
            let old_at = m.span.map_or(0, |s| s.0);
            let found = (!m.evidence.is_empty())
                .then(|| {
                    new_text
                        .match_indices(m.evidence.as_str())
                        .map(|(i, _)| i)
                        .min_by_key(|i| i.abs_diff(old_at))
                })
                .flatten();
            match found {
                Some(i) => {
                    m.article = new.clone();
                    m.span = m.span.map(|_| (i, i + m.evidence.len()));
                    out.moved += 1;
                }
                None if m.span.is_none() => {
                    // A fact typed without a selection belongs to the report, not to a span.
                    m.article = new.clone();
                    out.moved += 1;
                }
                None => out.orphans.push(Orphan {
                    evidence: m.evidence.clone(),
                    note: m.note.clone(),
                }),
            }
        }
        if !self.articles.contains_key(new)
            && let Some(note) = self.articles.remove(old)
        {
            self.articles.insert(new.clone(), note);
            out.note_moved = true;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: usize) -> FactKey {
        FactKey {
            article: ArticleId("abcd".into()),
            start: n,
            end: n + 3,
            ordinal: 0,
        }
    }

    #[test]
    fn fact_keys_print_and_parse() {
        let k = FactKey {
            article: ArticleId("0123456789abcdef".into()),
            start: 1234,
            end: 1239,
            ordinal: 1,
        };
        assert_eq!(k.to_string(), "0123456789abcdef:1234-1239#1");
        assert_eq!(k.to_string().parse::<FactKey>().unwrap(), k);
        assert!("nonsense".parse::<FactKey>().is_err());
    }

    #[test]
    fn undo_and_redo_are_exact_including_batches() {
        let mut ov = Overlay::default();
        let mut h = History::default();
        let accept = Review {
            status: Status::Accepted,
            ..Review::default()
        };
        h.apply(Edit::review(&ov, key(1), accept.clone()), &mut ov);
        let fix = Review {
            status: Status::Accepted,
            value: Some(Value::Exact(434.0)),
            ..Review::default()
        };
        h.apply(Edit::review(&ov, key(1), fix.clone()), &mut ov);
        let batch = Edit::Batch(vec![
            Edit::review(&ov, key(2), accept.clone()),
            Edit::review(
                &ov,
                key(3),
                Review {
                    status: Status::Rejected,
                    ..Review::default()
                },
            ),
        ]);
        h.apply(batch, &mut ov);
        assert_eq!(ov.reviews.len(), 3);
        h.undo(&mut ov);
        assert_eq!(ov.reviews.len(), 1);
        assert_eq!(ov.reviews[&key(1)], fix);
        h.undo(&mut ov);
        assert_eq!(ov.reviews[&key(1)], accept);
        h.redo(&mut ov);
        h.redo(&mut ov);
        assert_eq!(ov.reviews.len(), 3);
        h.undo(&mut ov);
        h.undo(&mut ov);
        h.undo(&mut ov);
        assert!(ov.is_empty());
        assert!(!h.can_undo() && h.can_redo());
    }

    #[test]
    fn empty_reviews_are_removed_and_noops_not_recorded() {
        let mut ov = Overlay::default();
        let mut h = History::default();
        assert!(!h.apply(Edit::review(&ov, key(1), Review::default()), &mut ov));
        h.apply(
            Edit::review(
                &ov,
                key(1),
                Review {
                    note: "xem lại".into(),
                    ..Review::default()
                },
            ),
            &mut ov,
        );
        h.apply(Edit::review(&ov, key(1), Review::default()), &mut ov);
        assert!(ov.reviews.is_empty());
    }

    #[test]
    fn article_ids_are_stable_hashes() {
        assert_eq!(ArticleId::of_text("Hà Nội"), ArticleId::of_text("Hà Nội"));
        assert_ne!(ArticleId::of_text("Hà Nội"), ArticleId::of_text("Hà Nam"));
        assert_eq!(ArticleId::of_text("x").0.len(), 16);
    }

    #[test]
    fn loosely_and_fuzzily_equal_evidence_still_matches() {
        assert_eq!(loose("433  ca\nCOVID"), "433 ca covid");
        assert!(similarity("có 433 ca mắc mới", "có 433 ca mắc mới.") >= FUZZY_MIN);
        assert!(similarity("có 433 ca mắc mới", "tiêm 22.248 liều") < FUZZY_MIN);
        assert_eq!(similarity("", ""), 1.0);
        assert!(has_number("có 433 ca.", "433") && has_number("433", "433"));
        assert!(!has_number("có 4330 ca", "433") && !has_number("1.433 ca", "433"));
    }
}
