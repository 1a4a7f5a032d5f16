//! The on-disk shape of the metric catalogue (`assets/metrics.ron`).
//!
//! This file is compiled twice: into the library and, through `#[path]`, into `build.rs`, which
//! parses the bundled catalogue with these very types and fails the build on any mistake. It
//! may therefore depend on `serde` only.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The whole catalogue file.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct CatalogueFile {
    /// Format version of this file; bumped when the shape changes.
    pub version: u32,
    /// Named phrase lists, referenced from rules as `"@NAME"` so a class of nouns is written once.
    #[serde(default)]
    pub sets: BTreeMap<String, Vec<String>>,
    /// How numbers are read: multipliers, units, qualifiers, and what is not a fact.
    pub numbers: NumberLexicon,
    /// The metrics, in priority order: on equal scores the earlier metric wins.
    pub metrics: Vec<MetricDef>,
    /// Related metrics that charts show side by side (cases in the community vs in
    /// quarantine; first vs full doses).
    #[serde(default)]
    pub groups: Vec<GroupDef>,
}

/// Metrics compared side by side.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct GroupDef {
    pub id: String,
    pub label_vi: String,
    pub label_en: String,
    /// Metric ids, in the order the bars are drawn.
    pub metrics: Vec<String>,
}

/// Words that shape how a number is read.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct NumberLexicon {
    /// Words multiplying the number before them ("triệu" = 1e6).
    pub multipliers: Vec<(String, f64)>,
    /// Words naming Vietnamese money ("đồng", "đ", "VNĐ").
    pub money: Vec<String>,
    /// Mass units with their value in kilograms ("tấn" = 1000).
    pub mass: Vec<(String, f64)>,
    /// Area and length units kept as they are ("m2", "ha", "km").
    #[serde(default)]
    pub measures: Vec<String>,
    /// Words before a number that make it approximate ("khoảng", "hơn", "lên đến").
    pub approximate: Vec<String>,
    /// Nouns after a number that make it a duration, an age or a count of times: not a fact.
    pub not_fact_units: Vec<String>,
    /// Nouns before a number that make it a label, a rank or a document number ("mũi 1",
    /// "Khu 1", "lớp 10", "số 2") unless a count noun follows it.
    pub label_nouns: Vec<String>,
    /// Count nouns strong enough to make "Quyết định 99 điểm" a quantity despite the label noun.
    pub count_nouns: Vec<String>,
    /// Nouns that, after a number of at most 4, describe a schedule rather than count things
    /// ("tiêm đủ 2 mũi", "ít nhất 1 mũi").
    #[serde(default)]
    pub schedule_units: Vec<String>,
    /// Words before a number that introduce a phone number or hotline.
    pub phone_cues: Vec<String>,
    /// Words after which a four-digit number is a year ("năm 2021", "SN 1985").
    pub year_cues: Vec<String>,
}

/// One metric of the catalogue.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct MetricDef {
    /// Stable id shared with sessions, exports and the scorer ("cases_new").
    pub id: String,
    /// Label shown in the Vietnamese UI.
    pub label_vi: String,
    /// Label shown in the English UI.
    pub label_en: String,
    /// Unit of the value ("cases", "VND", "kg", "percent").
    pub unit: String,
    /// True when values of several districts can be summed into a province total.
    #[serde(default)]
    pub additive: bool,
    /// Phrases that, in the head of a list or in a table header ("Số ca mắc mới phân bố
    /// tại:", "Cộng dồn"), make the bare figures under them this metric.
    #[serde(default)]
    pub head: Vec<String>,
    /// Cues that make a quantity this metric.
    #[serde(default)]
    pub rules: Vec<RuleDef>,
}

/// What kind of quantity a rule applies to.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub enum KindDef {
    /// A number followed by a noun ("433 ca").
    Count,
    /// An amount of money ("2,275 tỷ đồng").
    Money,
    /// A percentage ("102,71%").
    Percent,
    /// A mass ("86,5 tấn gạo").
    Mass,
    /// A number with no noun after it (list items "Hà Nội (1.428)", table cells).
    Bare,
}

/// One cue: every positive list that is given must have a hit, no negative list may have one.
/// Phrases are written in plain Vietnamese; case and tone placement do not matter.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct RuleDef {
    /// Short id, reported as `metric/id` in every fact it produces.
    pub id: String,
    /// Strength of the cue; the highest score over all metrics wins.
    pub score: u8,
    /// Kinds of quantity the rule applies to (any when empty).
    #[serde(default)]
    pub kind: Vec<KindDef>,
    /// Noun phrases one of which must start right after the number.
    #[serde(default)]
    pub unit: Vec<String>,
    /// Phrases that must end right before the number (qualifiers such as "hơn" skipped).
    #[serde(default)]
    pub before: Vec<String>,
    /// Phrases looked for after the number, up to the next comma.
    #[serde(default)]
    pub near: Vec<String>,
    /// Phrases looked for after the number, up to the end of the clause.
    #[serde(default)]
    pub right: Vec<String>,
    /// Phrases looked for before the number, back to the previous figure or clause start.
    #[serde(default)]
    pub left: Vec<String>,
    /// Phrases looked for anywhere in the clause (between semicolons).
    #[serde(default)]
    pub clause: Vec<String>,
    /// Phrases looked for anywhere in the sentence.
    #[serde(default)]
    pub sentence: Vec<String>,
    /// Phrases that must not stand right before the number (up to three words).
    #[serde(default)]
    pub not_before: Vec<String>,
    /// Negative counterparts of the lists above.
    #[serde(default)]
    pub not_near: Vec<String>,
    #[serde(default)]
    pub not_right: Vec<String>,
    #[serde(default)]
    pub not_left: Vec<String>,
    #[serde(default)]
    pub not_clause: Vec<String>,
    #[serde(default)]
    pub not_sentence: Vec<String>,
}

impl CatalogueFile {
    /// Checks what serde cannot: ids unique and well formed, set references defined, scores
    /// in range, every rule with at least one positive cue. Returns every problem found.
    pub fn validate(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        let mut has_other = false;
        let ids: std::collections::BTreeSet<&str> =
            self.metrics.iter().map(|m| m.id.as_str()).collect();
        for g in &self.groups {
            if g.metrics.len() < 2 {
                problems.push(format!("group `{}` needs at least two metrics", g.id));
            }
            for m in &g.metrics {
                if !ids.contains(m.as_str()) {
                    problems.push(format!("group `{}` names unknown metric `{m}`", g.id));
                }
            }
        }
        for m in &self.metrics {
            if !seen.insert(m.id.as_str()) {
                problems.push(format!("metric `{}` is defined twice", m.id));
            }
            if m.id.is_empty()
                || !m
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                problems.push(format!(
                    "metric id `{}` must be lower-case ASCII, digits and '_'",
                    m.id
                ));
            }
            if m.id == "other" {
                has_other = true;
            }
            if m.label_vi.trim().is_empty()
                || m.label_en.trim().is_empty()
                || m.unit.trim().is_empty()
            {
                problems.push(format!(
                    "metric `{}` needs label_vi, label_en and unit",
                    m.id
                ));
            }
            for p in &m.head {
                if let Some(name) = p.strip_prefix('@')
                    && !self.sets.contains_key(name)
                {
                    problems.push(format!(
                        "metric `{}` head uses undefined set `@{}`",
                        m.id, name
                    ));
                }
            }
            let mut rule_ids = std::collections::BTreeSet::new();
            for r in &m.rules {
                if !rule_ids.insert(r.id.as_str()) {
                    problems.push(format!(
                        "metric `{}`: rule `{}` is defined twice",
                        m.id, r.id
                    ));
                }
                if r.score == 0 || r.score > 20 {
                    problems.push(format!(
                        "metric `{}` rule `{}`: score must be 1..=20",
                        m.id, r.id
                    ));
                }
                let positives = r.unit.len()
                    + r.before.len()
                    + r.near.len()
                    + r.right.len()
                    + r.left.len()
                    + r.clause.len()
                    + r.sentence.len();
                if positives == 0 && r.kind.is_empty() {
                    problems.push(format!(
                        "metric `{}` rule `{}` has no positive cue",
                        m.id, r.id
                    ));
                }
                for list in [
                    &r.unit,
                    &r.before,
                    &r.near,
                    &r.right,
                    &r.left,
                    &r.clause,
                    &r.sentence,
                    &r.not_before,
                    &r.not_near,
                    &r.not_right,
                    &r.not_left,
                    &r.not_clause,
                    &r.not_sentence,
                ] {
                    for p in list {
                        if let Some(name) = p.strip_prefix('@') {
                            if !self.sets.contains_key(name) {
                                problems.push(format!(
                                    "metric `{}` rule `{}` uses undefined set `@{}`",
                                    m.id, r.id, name
                                ));
                            }
                        } else if p.trim().is_empty() {
                            problems.push(format!(
                                "metric `{}` rule `{}` has an empty phrase",
                                m.id, r.id
                            ));
                        }
                    }
                }
            }
        }
        if !has_other {
            problems.push("the catalogue must define the metric `other`".to_owned());
        }
        for (name, list) in &self.sets {
            if list.is_empty() {
                problems.push(format!("set `{name}` is empty"));
            }
        }
        for (w, f) in &self.numbers.multipliers {
            if f.is_nan() || *f <= 1.0 || w.trim().is_empty() {
                problems.push(format!(
                    "multiplier `{w}` must be a word with a factor above 1"
                ));
            }
        }
        problems
    }
}
