//! The gazetteer: Vietnam's provinces, districts and wards as they stood before 1 July 2025,
//! with former units of 2019–2024, aliases and an index for finding names in text.
//!
//! Why an index of folded words: names are matched token by token after folding case and tone
//! placement ("Khánh Hoà" = "Khánh Hòa"), and several units may share a name ("Châu Thành"
//! is a district of nine provinces; huyện and thị xã Duyên Hải are both in Trà Vinh). The
//! index returns every candidate; choosing among them is context work done in `places`.

use super::gazetteer_data::{self, GazetteerRows};
use super::trie::WordTrie;
use crate::text::{ascii_fold, fold_phrase};
use rustc_hash::FxHashMap as HashMap;

/// Kind of administrative unit, with the type word that names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// Tỉnh.
    Province,
    /// Thành phố trực thuộc trung ương (Hà Nội, Hồ Chí Minh, Hải Phòng, Đà Nẵng, Cần Thơ).
    Municipality,
    /// Quận (urban district).
    Quan,
    /// Huyện (rural district).
    Huyen,
    /// Thị xã (district-level town).
    ThiXa,
    /// Thành phố thuộc tỉnh (provincial city).
    City,
    /// Phường.
    Phuong,
    /// Xã.
    Xa,
    /// Thị trấn.
    ThiTran,
}

impl UnitKind {
    /// True for the four district-level kinds.
    pub fn is_district(self) -> bool {
        matches!(
            self,
            UnitKind::Quan | UnitKind::Huyen | UnitKind::ThiXa | UnitKind::City
        )
    }
    /// True for provinces and centrally-run cities.
    pub fn is_province(self) -> bool {
        matches!(self, UnitKind::Province | UnitKind::Municipality)
    }
    /// True for wards, communes and townships.
    pub fn is_ward(self) -> bool {
        matches!(self, UnitKind::Phuong | UnitKind::Xa | UnitKind::ThiTran)
    }

    fn from_district(kind: &str) -> UnitKind {
        match kind {
            "quận" => UnitKind::Quan,
            "thị xã" => UnitKind::ThiXa,
            "thành phố" => UnitKind::City,
            _ => UnitKind::Huyen,
        }
    }

    fn from_ward(kind: &str) -> UnitKind {
        match kind {
            "phường" => UnitKind::Phuong,
            "thị trấn" => UnitKind::ThiTran,
            _ => UnitKind::Xa,
        }
    }
}

/// A province.
#[derive(Clone, Debug)]
pub struct Province {
    pub code: u32,
    pub name: String,
    pub kind: UnitKind,
}

/// A district-level unit.
#[derive(Clone, Debug)]
pub struct District {
    pub code: u32,
    /// Index into [`Gazetteer::provinces`].
    pub province: usize,
    pub name: String,
    pub kind: UnitKind,
    pub former: bool,
}

/// A ward, commune or township.
#[derive(Clone, Debug)]
pub struct Ward {
    pub code: u32,
    /// Index into [`Gazetteer::districts`].
    pub district: usize,
    pub name: String,
    pub kind: UnitKind,
    pub former: bool,
}

/// A reference to one unit of the gazetteer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnitRef {
    Province(usize),
    District(usize),
    Ward(usize),
}

/// One way of writing a unit's name.
#[derive(Clone, Debug)]
pub struct NameEntry {
    /// Folded words of the name.
    pub words: Vec<String>,
    pub unit: UnitRef,
    /// When the written form carries its own type word ("Quận 8", "thị xã Từ Sơn"), that kind.
    pub own_kind: Option<UnitKind>,
    /// The form is an alias, not the official name.
    pub alias: bool,
}

/// Errors while loading a gazetteer.
#[derive(Debug, thiserror::Error)]
#[error("the gazetteer is malformed: {0}")]
pub struct GazetteerError(pub String);

/// The loaded gazetteer.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    pub provinces: Vec<Province>,
    pub districts: Vec<District>,
    pub wards: Vec<Ward>,
    names: Vec<NameEntry>,
    by_first: HashMap<String, Vec<u32>>,
    by_first_ascii: HashMap<String, Vec<u32>>,
    ascii_words: Vec<Vec<String>>,
    /// Every name as a path of folded words: matching walks it one token at a time instead of
    /// comparing each name that starts with the same word.
    trie: WordTrie<Vec<u32>>,
    /// Longest name in words (bounds the matcher's look-ahead).
    pub max_words: usize,
}

/// A position in the name trie (see [`Gazetteer::trie_root`]).
pub type TrieAt = super::trie::At;

const PROVINCES: &str = include_str!("../../assets/gazetteer/provinces.tsv");
const DISTRICTS: &str = include_str!("../../assets/gazetteer/districts.tsv");
const WARDS: &str = include_str!("../../assets/gazetteer/wards.tsv");

impl Gazetteer {
    /// The gazetteer shipped with baocao.
    pub fn bundled() -> Result<Gazetteer, GazetteerError> {
        Gazetteer::from_tsv(PROVINCES, DISTRICTS, WARDS)
    }

    /// Loads a gazetteer from the three TSV texts.
    pub fn from_tsv(
        provinces: &str,
        districts: &str,
        wards: &str,
    ) -> Result<Gazetteer, GazetteerError> {
        let rows = gazetteer_data::parse(provinces, districts, wards).map_err(GazetteerError)?;
        Ok(Gazetteer::build(rows))
    }

    fn build(rows: GazetteerRows) -> Gazetteer {
        let mut g = Gazetteer::default();
        let mut pidx = HashMap::default();
        for p in &rows.provinces {
            pidx.insert(p.code, g.provinces.len());
            let kind = if p.kind == "thành phố" {
                UnitKind::Municipality
            } else {
                UnitKind::Province
            };
            let i = g.provinces.len();
            g.provinces.push(Province {
                code: p.code,
                name: p.name.clone(),
                kind,
            });
            g.add_name(&p.name, UnitRef::Province(i), None, false);
            for a in &p.aliases {
                g.add_name(a, UnitRef::Province(i), None, true);
            }
        }
        // Current districts first, so that for equal names the current unit is the first candidate.
        let mut didx: HashMap<u32, usize> = HashMap::default();
        let mut order: Vec<&gazetteer_data::DistrictRow> = rows.districts.iter().collect();
        order.sort_by_key(|d| (d.former, d.code));
        for d in order {
            let Some(&province) = pidx.get(&d.province) else {
                continue;
            };
            let i = g.districts.len();
            if !d.former {
                didx.insert(d.code, i);
            } else {
                didx.entry(d.code).or_insert(i);
            }
            let kind = UnitKind::from_district(&d.kind);
            g.districts.push(District {
                code: d.code,
                province,
                name: d.name.clone(),
                kind,
                former: d.former,
            });
            let numbered = d
                .name
                .split(' ')
                .next_back()
                .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()));
            g.add_name(
                &d.name,
                UnitRef::District(i),
                numbered.then_some(kind),
                false,
            );
            if numbered {
                // "Quận 8" is also written "Q.8", "Q8" and "Q. 8".
                let n = d.name.rsplit(' ').next().unwrap_or("");
                for a in [format!("Q.{n}"), format!("Q{n}")] {
                    g.add_name(&a, UnitRef::District(i), Some(kind), true);
                }
            }
            for a in &d.aliases {
                let (own, bare) = split_kind(a);
                g.add_name(bare, UnitRef::District(i), own, true);
            }
        }
        for w in &rows.wards {
            let Some(&district) = didx.get(&w.district) else {
                continue;
            };
            let i = g.wards.len();
            let kind = UnitKind::from_ward(&w.kind);
            g.wards.push(Ward {
                code: w.code,
                district,
                name: w.name.clone(),
                kind,
                former: w.former,
            });
            let numbered = w
                .name
                .split(' ')
                .next_back()
                .is_some_and(|x| x.chars().all(|c| c.is_ascii_digit()));
            g.add_name(&w.name, UnitRef::Ward(i), numbered.then_some(kind), false);
            for a in &w.aliases {
                g.add_name(a, UnitRef::Ward(i), None, true);
            }
        }
        g
    }

    fn add_name(&mut self, written: &str, unit: UnitRef, own_kind: Option<UnitKind>, alias: bool) {
        let folded = fold_phrase(written);
        if folded.is_empty() {
            return;
        }
        let words: Vec<String> = folded.split(' ').map(str::to_owned).collect();
        // Skip exact duplicates (same words, same unit).
        if let Some(list) = self.by_first.get(&words[0])
            && list.iter().any(|&k| {
                let e = &self.names[k as usize];
                e.unit == unit && e.words == words
            })
        {
            return;
        }
        let id = self.names.len() as u32;
        self.max_words = self.max_words.max(words.len());
        self.by_first.entry(words[0].clone()).or_default().push(id);
        self.trie.insert(&words).push(id);
        let ascii: Vec<String> = ascii_fold(written)
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        if let Some(first) = ascii.first() {
            self.by_first_ascii
                .entry(first.clone())
                .or_default()
                .push(id);
        }
        self.ascii_words.push(ascii);
        self.names.push(NameEntry {
            words,
            unit,
            own_kind,
            alias,
        });
    }

    /// The start of every name in the trie.
    pub fn trie_root(&self) -> TrieAt {
        self.trie.root()
    }

    /// One folded word further along the trie, if some name continues with it.
    pub fn trie_next(&self, at: TrieAt, word: &str) -> Option<TrieAt> {
        self.trie.next(at, word)
    }

    /// Names that end at this point of the trie.
    pub fn trie_ends(&self, at: TrieAt) -> &[u32] {
        self.trie.value(at).map_or(&[], Vec::as_slice)
    }

    /// Name entries whose first folded word is `key`.
    pub fn starting_with(&self, key: &str) -> impl Iterator<Item = (u32, &NameEntry)> {
        self.by_first
            .get(key)
            .into_iter()
            .flatten()
            .map(move |&id| (id, &self.names[id as usize]))
    }

    /// Name entries whose first diacritic-free word is `key` (for text typed without accents).
    pub fn starting_with_ascii(
        &self,
        key: &str,
    ) -> impl Iterator<Item = (u32, &[String], &NameEntry)> {
        self.by_first_ascii
            .get(key)
            .into_iter()
            .flatten()
            .map(move |&id| {
                (
                    id,
                    self.ascii_words[id as usize].as_slice(),
                    &self.names[id as usize],
                )
            })
    }

    /// Numbered units ("Quận 8", "Phường 1"): candidates for a type word and a number.
    pub fn numbered(&self, kind: UnitKind, n: &str) -> Vec<UnitRef> {
        let word = match kind {
            UnitKind::Quan => "quận",
            UnitKind::Phuong => "phường",
            _ => return Vec::new(),
        };
        let key = fold_phrase(&format!("{word} {}", n.trim_start_matches('0')));
        let first = fold_phrase(word);
        self.starting_with(&first)
            .filter(|(_, e)| e.words.join(" ") == key)
            .map(|(_, e)| e.unit)
            .collect()
    }

    /// The name entry with this id.
    pub fn name(&self, id: u32) -> &NameEntry {
        &self.names[id as usize]
    }

    /// Kind of a unit.
    pub fn kind(&self, u: UnitRef) -> UnitKind {
        match u {
            UnitRef::Province(i) => self.provinces[i].kind,
            UnitRef::District(i) => self.districts[i].kind,
            UnitRef::Ward(i) => self.wards[i].kind,
        }
    }

    /// Province index a unit belongs to.
    pub fn province_of(&self, u: UnitRef) -> usize {
        match u {
            UnitRef::Province(i) => i,
            UnitRef::District(i) => self.districts[i].province,
            UnitRef::Ward(i) => self.districts[self.wards[i].district].province,
        }
    }

    /// District index a unit belongs to (none for a province).
    pub fn district_of(&self, u: UnitRef) -> Option<usize> {
        match u {
            UnitRef::Province(_) => None,
            UnitRef::District(i) => Some(i),
            UnitRef::Ward(i) => Some(self.wards[i].district),
        }
    }

    /// Official name of a unit, without its type word.
    pub fn unit_name(&self, u: UnitRef) -> &str {
        match u {
            UnitRef::Province(i) => &self.provinces[i].name,
            UnitRef::District(i) => &self.districts[i].name,
            UnitRef::Ward(i) => &self.wards[i].name,
        }
    }

    /// Province index by name (folded comparison), for callers holding names.
    pub fn province_by_name(&self, name: &str) -> Option<usize> {
        let f = fold_phrase(name);
        self.provinces
            .iter()
            .position(|p| fold_phrase(&p.name) == f)
    }

    /// All district names of a province, for type-ahead in the UI.
    pub fn districts_of(&self, province: usize) -> impl Iterator<Item = &District> {
        self.districts
            .iter()
            .filter(move |d| d.province == province)
    }
}

/// Splits a leading type word off a written alias ("thị xã Từ Sơn" → (ThiXa, "Từ Sơn")).
fn split_kind(s: &str) -> (Option<UnitKind>, &str) {
    for (w, k) in [
        ("thị xã ", UnitKind::ThiXa),
        ("thành phố ", UnitKind::City),
        ("quận ", UnitKind::Quan),
        ("huyện ", UnitKind::Huyen),
    ] {
        if let Some(rest) = s.strip_prefix(w) {
            return (Some(k), rest);
        }
    }
    (None, s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    fn g() -> Gazetteer {
        Gazetteer::bundled().unwrap()
    }

    #[test]
    fn bundled_gazetteer_has_63_provinces_and_former_units() {
        let g = g();
        assert_eq!(g.provinces.len(), 63);
        assert!(g.districts.iter().filter(|d| !d.former).count() >= 696);
        let hcm = g.province_by_name("Hồ Chí Minh").unwrap();
        let names: Vec<&str> = g.districts_of(hcm).map(|d| d.name.as_str()).collect();
        assert!(
            names.contains(&"Quận 2") && names.contains(&"Quận 9") && names.contains(&"Thủ Đức")
        );
        assert!(g.wards.len() > 10_000);
    }

    #[test]
    fn shared_names_return_every_candidate() {
        let g = g();
        let key = fold("Châu");
        let n = g
            .starting_with(&key)
            .filter(|(_, e)| {
                e.words == vec![fold("Châu"), fold("Thành")]
                    && matches!(e.unit, UnitRef::District(_))
            })
            .count();
        assert!(n >= 8, "Châu Thành should be in many provinces, found {n}");
        let tv = g.province_by_name("Trà Vinh").unwrap();
        let dh: Vec<UnitKind> = g
            .districts_of(tv)
            .filter(|d| d.name == "Duyên Hải")
            .map(|d| d.kind)
            .collect();
        assert!(dh.contains(&UnitKind::Huyen) && dh.contains(&UnitKind::ThiXa));
    }

    #[test]
    fn tone_placement_variants_share_an_entry() {
        let g = g();
        let found = g
            .starting_with(&fold("Khánh"))
            .any(|(_, e)| e.words == vec![fold("Khánh"), fold("Hoà")]);
        assert!(found);
    }

    #[test]
    fn malformed_asset_is_rejected_with_line() {
        let bad = DISTRICTS.replacen("huyện", "hamlet", 1);
        let err = Gazetteer::from_tsv(PROVINCES, &bad, WARDS).unwrap_err();
        assert!(err.0.contains("districts.tsv:"), "{}", err.0);
    }
}
