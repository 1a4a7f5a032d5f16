//! The metric catalogue, loaded from RON and compiled for fast matching.
//!
//! Why compiled: every phrase of every rule is folded once and given an id; a document is then
//! scanned once for all phrases (see [`PhraseIndex::scan`]) and each rule tests its windows
//! against that list of hits. Adding a metric or a cue is an edit of `assets/metrics.ron`; the
//! code knows no metric by name except `other`.

use super::catalogue_schema::{CatalogueFile, KindDef, RuleDef};
use super::trie::WordTrie;
use crate::text::fold_phrase;
use rustc_hash::FxHashMap as HashMap;

/// Bundled catalogue, used when the user has not chosen another file.
pub const BUNDLED: &str = include_str!("../../assets/metrics.ron");

/// Errors while loading a catalogue.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("the catalogue is not valid RON: {0}")]
    Parse(String),
    #[error("the catalogue has problems: {}", .0.join("; "))]
    Invalid(Vec<String>),
}

/// Id of a phrase in the catalogue's phrase table.
pub type PhraseId = u32;

/// A sorted set of phrase ids.
#[derive(Clone, Debug, Default)]
pub struct PhraseSet(Vec<PhraseId>);

impl PhraseSet {
    pub fn contains(&self, id: PhraseId) -> bool {
        self.0.binary_search(&id).is_ok()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The phrases of the set.
    pub fn ids(&self) -> &[PhraseId] {
        &self.0
    }
}

/// Kinds as a bit mask.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Kinds(u8);

impl Kinds {
    pub fn bit(k: KindDef) -> u8 {
        match k {
            KindDef::Count => 1,
            KindDef::Money => 2,
            KindDef::Percent => 4,
            KindDef::Mass => 8,
            KindDef::Bare => 16,
        }
    }
    pub fn allows(&self, k: KindDef) -> bool {
        self.0 == 0 || self.0 & Self::bit(k) != 0
    }
}

/// A compiled rule.
#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub metric: usize,
    pub score: u8,
    pub kinds: Kinds,
    pub unit: PhraseSet,
    pub before: PhraseSet,
    pub near: PhraseSet,
    pub right: PhraseSet,
    pub left: PhraseSet,
    pub clause: PhraseSet,
    pub sentence: PhraseSet,
    pub not_before: PhraseSet,
    pub not_near: PhraseSet,
    pub not_right: PhraseSet,
    pub not_left: PhraseSet,
    pub not_clause: PhraseSet,
    pub not_sentence: PhraseSet,
}

/// A metric as the extractor and the UI see it.
#[derive(Clone, Debug)]
pub struct Metric {
    pub id: String,
    pub label_vi: String,
    pub label_en: String,
    pub unit: String,
    pub additive: bool,
    pub head: PhraseSet,
}

/// Phrase table: folded word sequences, indexed by their first word.
#[derive(Clone, Debug, Default)]
pub struct PhraseIndex {
    phrases: Vec<Vec<String>>,
    ids: HashMap<String, PhraseId>,
    /// Every phrase as a path of folded words: a scan follows the text's own words instead of
    /// comparing every phrase that starts alike.
    trie: WordTrie<Option<PhraseId>>,
}

/// One occurrence of a phrase in a document, in content-token positions `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: u32,
    pub end: u32,
    pub phrase: PhraseId,
}

impl PhraseIndex {
    /// Interns a phrase and returns its id (the same phrase always gets the same id).
    fn intern(&mut self, phrase: &str) -> Option<PhraseId> {
        let folded = fold_phrase(phrase);
        if folded.is_empty() {
            return None;
        }
        if let Some(&id) = self.ids.get(&folded) {
            return Some(id);
        }
        let words: Vec<String> = folded.split(' ').map(str::to_owned).collect();
        let id = self.phrases.len() as PhraseId;
        *self.trie.insert(&words) = Some(id);
        self.phrases.push(words);
        self.ids.insert(folded, id);
        Some(id)
    }

    /// Number of distinct phrases (ids run from 0 to this).
    pub fn count(&self) -> usize {
        self.phrases.len()
    }

    /// Number of words of a phrase.
    pub fn len_of(&self, id: PhraseId) -> usize {
        self.phrases[id as usize].len()
    }

    /// All occurrences of all phrases in a sequence of folded words, sorted by start.
    pub fn scan<'a>(&self, words: impl Fn(usize) -> &'a str, n: usize) -> Vec<Hit> {
        let mut hits = Vec::new();
        let root = self.trie.root();
        for i in 0..n {
            let Some(mut at) = self.trie.next(root, words(i)) else {
                continue;
            };
            let mut k = i + 1;
            loop {
                if let Some(&Some(id)) = self.trie.value(at) {
                    hits.push(Hit {
                        start: i as u32,
                        end: k as u32,
                        phrase: id,
                    });
                }
                if k >= n || !self.trie.continues(at) {
                    break;
                }
                match self.trie.next(at, words(k)) {
                    Some(nx) => {
                        at = nx;
                        k += 1;
                    }
                    None => break,
                }
            }
        }
        hits
    }
}

/// Lexicon sets of the `numbers` section, as phrase sets.
#[derive(Clone, Debug, Default)]
pub struct NumberWords {
    pub multipliers: Vec<(PhraseId, f64)>,
    pub money: PhraseSet,
    pub mass: Vec<(PhraseId, f64)>,
    pub measures: PhraseSet,
    pub approximate: PhraseSet,
    pub not_fact_units: PhraseSet,
    pub label_nouns: PhraseSet,
    pub count_nouns: PhraseSet,
    pub phone_cues: PhraseSet,
    pub year_cues: PhraseSet,
    pub schedule_units: PhraseSet,
}

/// The compiled catalogue.
#[derive(Clone, Debug)]
pub struct Catalogue {
    pub metrics: Vec<Metric>,
    pub rules: Vec<Rule>,
    pub phrases: PhraseIndex,
    pub numbers: NumberWords,
    /// Index of the `other` metric.
    pub other: usize,
    /// Every noun phrase any rule counts (`unit` lists): what an elided noun may be.
    pub all_units: PhraseSet,
    /// Rule indexes by score, highest first, in file order within a score: the first rule
    /// that matches in this order is the one that wins.
    pub rules_by_score: Vec<usize>,
    /// The file it was compiled from (kept for the UI's catalogue editor and for sessions).
    pub source: CatalogueFile,
}

impl Catalogue {
    /// The catalogue shipped with baocao.
    pub fn bundled() -> Result<Catalogue, CatalogueError> {
        Catalogue::from_ron(BUNDLED)
    }

    /// Parses and compiles a catalogue written in RON.
    pub fn from_ron(text: &str) -> Result<Catalogue, CatalogueError> {
        let file: CatalogueFile =
            ron::from_str(text).map_err(|e| CatalogueError::Parse(e.to_string()))?;
        Catalogue::compile(file)
    }

    /// Compiles a parsed catalogue.
    pub fn compile(file: CatalogueFile) -> Result<Catalogue, CatalogueError> {
        let problems = file.validate();
        if !problems.is_empty() {
            return Err(CatalogueError::Invalid(problems));
        }
        let mut phrases = PhraseIndex::default();
        let sets = &file.sets;
        let set_of = |list: &[String], phrases: &mut PhraseIndex| -> PhraseSet {
            let mut ids = Vec::new();
            for p in list {
                if let Some(name) = p.strip_prefix('@') {
                    for q in sets.get(name).map(Vec::as_slice).unwrap_or(&[]) {
                        ids.extend(phrases.intern(q));
                    }
                } else {
                    ids.extend(phrases.intern(p));
                }
            }
            ids.sort_unstable();
            ids.dedup();
            PhraseSet(ids)
        };
        let n = &file.numbers;
        let pairs = |list: &[(String, f64)], phrases: &mut PhraseIndex| -> Vec<(PhraseId, f64)> {
            list.iter()
                .filter_map(|(w, f)| phrases.intern(w).map(|id| (id, *f)))
                .collect()
        };
        let numbers = NumberWords {
            multipliers: pairs(&n.multipliers, &mut phrases),
            mass: pairs(&n.mass, &mut phrases),
            money: set_of(&n.money, &mut phrases),
            measures: set_of(&n.measures, &mut phrases),
            approximate: set_of(&n.approximate, &mut phrases),
            not_fact_units: set_of(&n.not_fact_units, &mut phrases),
            label_nouns: set_of(&n.label_nouns, &mut phrases),
            count_nouns: set_of(&n.count_nouns, &mut phrases),
            phone_cues: set_of(&n.phone_cues, &mut phrases),
            year_cues: set_of(&n.year_cues, &mut phrases),
            schedule_units: set_of(&n.schedule_units, &mut phrases),
        };
        let mut metrics = Vec::new();
        let mut rules = Vec::new();
        let mut other = 0;
        for (mi, m) in file.metrics.iter().enumerate() {
            if m.id == "other" {
                other = mi;
            }
            metrics.push(Metric {
                id: m.id.clone(),
                label_vi: m.label_vi.clone(),
                label_en: m.label_en.clone(),
                unit: m.unit.clone(),
                additive: m.additive,
                head: set_of(&m.head, &mut phrases),
            });
            for r in &m.rules {
                rules.push(compile_rule(r, mi, &mut |l| set_of(l, &mut phrases)));
            }
        }
        let mut units: Vec<PhraseId> = rules
            .iter()
            .flat_map(|r: &Rule| r.unit.0.iter().copied())
            .collect();
        units.sort_unstable();
        units.dedup();
        let mut rules_by_score: Vec<usize> = (0..rules.len()).collect();
        rules_by_score.sort_by_key(|&i| std::cmp::Reverse(rules[i].score));
        Ok(Catalogue {
            metrics,
            rules_by_score,
            rules,
            phrases,
            numbers,
            other,
            all_units: PhraseSet(units),
            source: file,
        })
    }

    /// Index of the metric with this id.
    pub fn metric_index(&self, id: &str) -> Option<usize> {
        self.metrics.iter().position(|m| m.id == id)
    }

    /// The metric with this id.
    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }
}

fn compile_rule(r: &RuleDef, metric: usize, set: &mut dyn FnMut(&[String]) -> PhraseSet) -> Rule {
    let mut kinds = 0u8;
    for k in &r.kind {
        kinds |= Kinds::bit(*k);
    }
    Rule {
        id: r.id.clone(),
        metric,
        score: r.score,
        kinds: Kinds(kinds),
        unit: set(&r.unit),
        before: set(&r.before),
        near: set(&r.near),
        right: set(&r.right),
        left: set(&r.left),
        clause: set(&r.clause),
        sentence: set(&r.sentence),
        not_before: set(&r.not_before),
        not_near: set(&r.not_near),
        not_right: set(&r.not_right),
        not_left: set(&r.not_left),
        not_clause: set(&r.not_clause),
        not_sentence: set(&r.not_sentence),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_by_score_put_the_winner_first() {
        // Classification takes the first matching rule in this order, which must be the old
        // rule of the catalogue: highest score, and on a tie the rule written first.
        let c = Catalogue::bundled().unwrap();
        assert_eq!(c.rules_by_score.len(), c.rules.len());
        for w in c.rules_by_score.windows(2) {
            let (a, b) = (&c.rules[w[0]], &c.rules[w[1]]);
            assert!(a.score > b.score || (a.score == b.score && w[0] < w[1]));
        }
    }

    #[test]
    fn bundled_catalogue_has_every_spec_metric() {
        let c = Catalogue::bundled().unwrap();
        for id in [
            "cases_cumulative",
            "cases_new",
            "cases_community",
            "cases_in_quarantine",
            "deaths",
            "recovered",
            "f1_contacts",
            "tests_samples",
            "vaccine_doses_total",
            "vaccine_doses_first",
            "vaccine_doses_full",
            "vaccinated_people",
            "lockdown_points",
            "lockdown_points_lifted",
            "lockdown_households",
            "lockdown_people",
            "quarantine_facilities",
            "quarantine_capacity",
            "quarantined_people",
            "hospital_beds",
            "checkpoints",
            "community_covid_teams",
            "self_management_groups",
            "inspection_teams",
            "violations_fined",
            "fines_amount_vnd",
            "medical_staff",
            "volunteers",
            "testing_staff",
            "cost_vnd",
            "aid_amount_vnd",
            "aid_rice_kg",
            "aid_packages",
            "jobs_created",
            "labor_export",
            "health_insurance_cards",
            "welfare_recipients",
            "houses_built",
            "growth_percent",
            "plan_fulfilment_percent",
            "other",
        ] {
            assert!(c.metric(id).is_some(), "missing {id}");
        }
        assert_eq!(c.metrics[c.other].id, "other");
    }

    #[test]
    fn phrases_fold_case_and_tone_placement() {
        let c = Catalogue::bundled().unwrap();
        let words: Vec<String> = ["đã", "gỡ", "phong", "toả", "51", "điểm"]
            .iter()
            .map(|w| crate::text::fold(w))
            .collect();
        let hits = c.phrases.scan(|i| words[i].as_str(), words.len());
        let lift = c
            .phrases
            .ids
            .get(&fold_phrase("gỡ phong tỏa"))
            .copied()
            .unwrap();
        assert!(
            hits.iter()
                .any(|h| h.phrase == lift && h.start == 1 && h.end == 4)
        );
    }

    #[test]
    fn invalid_catalogue_reports_every_problem() {
        let bad = BUNDLED.replace("id: \"deaths\"", "id: \"cases_new\"");
        match Catalogue::from_ron(&bad) {
            Err(CatalogueError::Invalid(p)) => assert!(p.iter().any(|x| x.contains("cases_new"))),
            other => panic!("expected invalid, got {other:?}"),
        }
    }
}
