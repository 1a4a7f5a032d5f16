//! Places written in the text, and which unit of the gazetteer each one is.
//!
//! A place is a name from the gazetteer, written bare ("Cần Thơ", "Hà Nội (1.646)") or with a
//! type word ("quận Ô Môn", "TP. Biên Hòa", "thị xã Duyên Hải", "Q.8"), inside a committee
//! ("Quận ủy Ninh Kiều", "UBND quận Ô Môn"), or a ward that points to its district ("phường
//! Tân Phong"). Generic references ("toàn huyện", "của tỉnh", "thành phố") point to the place
//! in focus. Not every name is a place: "Lăng Chủ tịch Hồ Chí Minh", "Trường Đại học Y dược
//! Cần Thơ", "đường Đồng Khởi", "Nguyễn Thái Bình" are a person, a school, a street, a person.

use super::doc::Doc;
use super::gazetteer::{Gazetteer, UnitKind, UnitRef};
use crate::text::{TokKind, fold};
use std::collections::HashMap;

/// How a place name acts in its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceRole {
    /// The place a statement is about (subject, "tại X", list item, committee).
    Governing,
    /// A place people or goods come from or border on ("đến từ TP. Hồ Chí Minh", "giáp tỉnh Tây Ninh").
    Origin,
    /// Part of the name of something else ("Trường Đại học An Giang", "đường Hà Nội").
    Inside,
}

/// A place name found in the text.
#[derive(Clone, Debug)]
pub struct PlaceMention {
    /// Raw tokens `[tok_start, tok_end)`, type word included.
    pub tok_start: usize,
    pub tok_end: usize,
    /// Raw token where the name itself starts.
    pub name_start: usize,
    /// Kind given by the type word in the text.
    pub typed: Option<UnitKind>,
    /// Written inside a committee or office ("Quận ủy Ninh Kiều", "UBND quận Ô Môn").
    pub committee: bool,
    pub candidates: Vec<UnitRef>,
    pub role: PlaceRole,
    /// For a province written right after a district ("TP. Biên Hòa (Đồng Nai)"), the index of
    /// that district's mention.
    pub apposition_of: Option<usize>,
    /// The unit chosen after context is taken into account.
    pub resolved: Option<UnitRef>,
    /// Line index.
    pub line: usize,
}

impl PlaceMention {
    /// True when the mention can own the figures around it.
    pub fn governs(&self) -> bool {
        self.role == PlaceRole::Governing && self.resolved.is_some()
    }
}

/// Level a generic reference points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenericLevel {
    /// "tỉnh", "toàn tỉnh", "Tỉnh ủy".
    Province,
    /// "thành phố", "TP": a centrally-run city or a provincial city, depending on the article.
    City,
    /// "quận", "huyện", "thị xã".
    District(UnitKind),
    /// "cả nước", "toàn quốc".
    Nation,
}

/// A type word standing for the place in focus ("toàn huyện ghi nhận", "của tỉnh").
#[derive(Clone, Copy, Debug)]
pub struct GenericRef {
    pub tok: usize,
    pub tok_end: usize,
    pub level: GenericLevel,
    /// Subject-like ("toàn tỉnh", "của tỉnh", sentence start) rather than part of an office's
    /// name ("Hội Chữ thập đỏ tỉnh").
    pub strong: bool,
    pub line: usize,
}

/// All places and generic references of an article.
#[derive(Clone, Debug, Default)]
pub struct Places {
    pub mentions: Vec<PlaceMention>,
    pub generics: Vec<GenericRef>,
    /// Score of each province as the article's province (title and body evidence).
    pub province_scores: HashMap<usize, f32>,
}

/// Words before a bare name that make it part of another name.
const INSIDE_WORDS: &[&str] = &[
    "đại học",
    "trường",
    "học viện",
    "bệnh viện",
    "cao đẳng",
    "công ty",
    "tập đoàn",
    "ngân hàng",
    "báo",
    "tạp chí",
    "đài",
    "sân bay",
    "cảng",
    "bến xe",
    "ga",
    "chợ",
    "siêu thị",
    "khách sạn",
    "nhà máy",
    "khu công nghiệp",
    "kcn",
    "khu đô thị",
    "cung",
    "sân vận động",
    "đường",
    "phố",
    "cầu",
    "ngõ",
    "hẻm",
    "quốc lộ",
    "tỉnh lộ",
    "đại lộ",
    "nhà hát",
    "lăng",
    "đền",
    "chùa",
    "nhà thờ",
    "bảo tàng",
    "công viên",
    "hồ",
    "sông",
    "núi",
    "đèo",
    "vịnh",
    "xí nghiệp",
    "hợp tác xã",
    "nhà văn hóa",
    "thpt",
    "thcs",
    "đhqg",
    "viện",
    "khoa",
    "trung tâm",
    "vườn quốc gia",
    "tuyến",
    "cửa khẩu",
    "phà",
    "bến",
    "bến phà",
    "kênh",
    "rạch",
    "đảo",
    "bãi biển",
    "đội bóng",
    "câu lạc bộ",
    "clb",
];

/// Titles before a person's name.
const PERSON_TITLES: &[&str] = &[
    "ông",
    "bà",
    "anh",
    "chị",
    "em",
    "cô",
    "chú",
    "bác",
    "đồng chí",
    "chủ tịch",
    "bí thư",
    "giám đốc",
    "thủ tướng",
    "bộ trưởng",
    "thứ trưởng",
    "tổng bí thư",
    "phó",
    "trưởng",
    "thượng tá",
    "đại tá",
    "trung tá",
    "thiếu tá",
    "trung tướng",
    "thiếu tướng",
    "đại tướng",
    "nhà báo",
    "pv",
    "phóng viên",
    "cháu",
    "cụ",
    "tư tưởng",
    "bs",
    "ths",
    "ts",
    "pgs",
    "gs",
    "bệnh nhân",
    "họa sĩ",
    "nhà thơ",
    "nghệ sĩ",
    "liệt sĩ",
    "anh hùng",
];

/// Common family names: a capitalized run starting with one is likely a person.
const SURNAMES: &[&str] = &[
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
    "hồ", "ngô", "dương", "lý", "đinh", "trương", "đoàn", "lâm", "lưu", "tạ", "cao", "mai",
    "trịnh", "lương", "tô", "hà", "châu", "quách", "thái", "vương", "kiều", "triệu", "lại", "khúc",
    "từ", "chu", "văn", "thị",
];

/// Words before a place name that make it an origin or a border.
const ORIGIN_WORDS: &[&str] = &[
    "từ",
    "giáp",
    "giáp ranh",
    "sang",
    "khỏi",
    "giáp với",
    "liền kề",
];

/// Folded forms of the single words the place finder compares with, built once.
struct Keys {
    thi: String,
    xa: String,
    tran: String,
    thanh: String,
    pho: String,
    quan: String,
    huyen: String,
    tinh: String,
    phuong: String,
    uy: String,
    uy2: String,
    ca: String,
    nuoc: String,
    toan: String,
    quoc: String,
    va: String,
    cua: String,
    thuoc: String,
}

static K: std::sync::LazyLock<Keys> = std::sync::LazyLock::new(|| Keys {
    thi: fold("thị"),
    xa: fold("xã"),
    tran: fold("trấn"),
    thanh: fold("thành"),
    pho: fold("phố"),
    quan: fold("quận"),
    huyen: fold("huyện"),
    tinh: fold("tỉnh"),
    phuong: fold("phường"),
    uy: fold("ủy"),
    uy2: fold("uỷ"),
    ca: fold("cả"),
    nuoc: fold("nước"),
    toan: fold("toàn"),
    quoc: fold("quốc"),
    va: fold("và"),
    cua: fold("của"),
    thuoc: fold("thuộc"),
});

static INSIDE_F: std::sync::LazyLock<Vec<(String, usize)>> = std::sync::LazyLock::new(|| {
    INSIDE_WORDS
        .iter()
        .map(|w| {
            let f = crate::text::fold_phrase(w);
            let n = f.split(' ').count();
            (f, n)
        })
        .collect()
});

/// Type word at raw token `i`: (kind or None for "thành phố"/TP, tokens used, committee).
fn type_word(doc: &Doc, i: usize) -> Option<(Option<UnitKind>, usize, bool)> {
    let t = &doc.tokens;
    let n = t.len();
    if t.toks[i].kind != TokKind::Word {
        return None;
    }
    let raw = &doc.text[t.toks[i].range()];
    let k = t.key(i);
    let kw: &Keys = &K;
    let next_key = |j: usize| if j < n { t.key(j) } else { "" };
    let (kind, mut used, abbrev): (Option<UnitKind>, usize, bool) =
        if k == kw.thi && next_key(i + 1) == kw.xa {
            (Some(UnitKind::ThiXa), 2, false)
        } else if k == kw.thi && next_key(i + 1) == kw.tran {
            (Some(UnitKind::ThiTran), 2, false)
        } else if k == kw.thanh && next_key(i + 1) == kw.pho {
            (None, 2, false)
        } else if k == kw.quan {
            (Some(UnitKind::Quan), 1, false)
        } else if k == kw.huyen {
            (Some(UnitKind::Huyen), 1, false)
        } else if k == kw.tinh {
            (Some(UnitKind::Province), 1, false)
        } else if k == kw.phuong {
            (Some(UnitKind::Phuong), 1, false)
        } else if k == kw.xa {
            (Some(UnitKind::Xa), 1, false)
        } else if matches!(raw, "TP" | "Tp" | "tp" | "T.P") {
            (None, 1, true)
        } else if matches!(raw, "TX" | "Tx" | "tx") {
            (Some(UnitKind::ThiXa), 1, true)
        } else if matches!(raw, "Q" | "H" | "P" | "TT")
            && i + 1 < n
            && t.key(i + 1) == "."
            && t.toks[i + 1].glued_left
        {
            let kind = match raw {
                "Q" => UnitKind::Quan,
                "H" => UnitKind::Huyen,
                "P" => UnitKind::Phuong,
                _ => UnitKind::ThiTran,
            };
            (Some(kind), 1, true)
        } else {
            return None;
        };
    // Optional full stop after an abbreviation.
    if abbrev && i + used < n && t.key(i + used) == "." && t.toks[i + used].glued_left {
        used += 1;
    }
    // A descriptor between the type word and the name: "huyện miền núi Phước Sơn", "huyện
    // đảo Lý Sơn", "xã biên giới Tân Hòa".
    if !abbrev && kind.is_some_and(|k| k != UnitKind::Province) {
        let w1 = next_key(i + used);
        let w2 = next_key(i + used + 1);
        let two = crate::key_in!(w1, ["miền", "vùng", "biên", "ven", "ngoại"])
            && crate::key_in!(w2, ["núi", "cao", "giới", "biển", "thành", "sâu"]);
        if two && i + used + 2 < n && t.toks[i + used + 2].capital {
            used += 2;
        } else if crate::key_in!(w1, ["đảo"]) && i + used + 1 < n && t.toks[i + used + 1].capital
        {
            used += 1;
        }
    }
    // Committees: "Quận ủy X", "Thành ủy X", "Tỉnh ủy X".
    let mut committee = false;
    if !abbrev && i + used < n && (t.key(i + used) == kw.uy || t.key(i + used) == kw.uy2) {
        committee = true;
        used += 1;
    }
    Some((kind, used, committee))
}

/// Matches a gazetteer name starting at raw token `j`; returns (end raw token, entry ids).
fn match_name(
    doc: &Doc,
    g: &Gazetteer,
    j: usize,
    allow_lower: bool,
    line_end: usize,
) -> Option<(usize, Vec<u32>)> {
    let t = &doc.tokens;
    let tok = &t.toks[j];
    if !matches!(tok.kind, TokKind::Word | TokKind::Number) {
        return None;
    }
    // A bare name starts with a capital: most words are not even looked up.
    if tok.kind == TokKind::Word && !allow_lower && !(tok.capital || tok.all_caps) {
        return None;
    }
    // Walk the name trie token by token; the longest name that ends wins.
    let mut best: Option<(usize, Vec<u32>)> = None;
    let mut at = g.trie_root();
    let mut k = j;
    loop {
        if k >= line_end || !matches!(t.toks[k].kind, TokKind::Word | TokKind::Number) {
            break;
        }
        let tk = &t.toks[k];
        if tk.kind == TokKind::Word && !allow_lower && !(tk.capital || tk.all_caps) {
            break;
        }
        let Some(next) = g.trie_next(at, t.key(k)) else {
            break;
        };
        at = next;
        k += 1;
        let ends = g.trie_ends(at);
        if !ends.is_empty() {
            best = Some((k, ends.to_vec()));
        }
        // Skip a hyphen inside a name ("Bà Rịa - Vũng Tàu") and a glued full stop ("Q.8"),
        // when a name goes on after it.
        let mut k2 = k;
        while k2 < line_end && t.toks[k2].kind == TokKind::Punct && matches!(t.key(k2), "-" | ".") {
            k2 += 1;
        }
        if k2 > k {
            if k2 < line_end && g.trie_next(at, t.key(k2)).is_some() {
                k = k2;
            } else {
                break;
            }
        }
    }
    if best.is_none()
        && doc.plain_ascii
        && tok.ascii
        && tok.kind == TokKind::Word
        && (tok.capital || allow_lower)
    {
        // Names typed without diacritics: "Ha Noi", "Can Tho" (in texts typed that way).
        let first = doc.text[tok.range()].to_ascii_lowercase();
        for (id, words, _) in g.starting_with_ascii(&first) {
            let mut k = j;
            let mut ok = true;
            for w in words {
                if k >= line_end
                    || t.toks[k].kind != TokKind::Word
                    || !t.toks[k].ascii
                    || !doc.text[t.toks[k].range()].eq_ignore_ascii_case(w)
                {
                    ok = false;
                    break;
                }
                k += 1;
            }
            if ok && k > j {
                match &mut best {
                    Some((end, ids)) if *end == k => ids.push(id),
                    Some((end, _)) if *end > k => {}
                    _ => best = Some((k, vec![id])),
                }
            }
        }
    }
    best
}

/// Keeps the candidates compatible with the type word written in the text.
fn filter_by_kind(
    g: &Gazetteer,
    ids: &[u32],
    typed: Option<UnitKind>,
    has_type_word: bool,
) -> Vec<UnitRef> {
    let entries: Vec<_> = ids.iter().map(|&id| g.name(id)).collect();
    let kind_of = |e: &super::gazetteer::NameEntry| e.own_kind.unwrap_or(g.kind(e.unit));
    let pick = |f: &dyn Fn(UnitKind) -> bool| -> Vec<UnitRef> {
        let mut v: Vec<UnitRef> = entries
            .iter()
            .filter(|e| f(kind_of(e)))
            .map(|e| e.unit)
            .collect();
        v.dedup();
        v
    };
    if !has_type_word {
        // A numbered name carries its own type ("Quận 8"): keep it.
        let numbered = pick(&|k: UnitKind| k.is_ward() || k.is_district());
        let own = entries.iter().any(|e| e.own_kind.is_some());
        let prov = pick(&|k: UnitKind| k.is_province());
        if !prov.is_empty() {
            return prov;
        }
        let dist = pick(&|k: UnitKind| k.is_district());
        if !dist.is_empty() {
            return dist;
        }
        return if own { numbered } else { Vec::new() };
    }
    match typed {
        None => {
            // "TP", "thành phố": a centrally-run city, else a provincial city.
            let muni = pick(&|k| k == UnitKind::Municipality);
            if !muni.is_empty() {
                return muni;
            }
            let city = pick(&|k| k == UnitKind::City);
            if !city.is_empty() {
                return city;
            }
            pick(&|k: UnitKind| k.is_district())
        }
        Some(UnitKind::Province) => pick(&|k: UnitKind| k.is_province()),
        Some(k) if k.is_district() => {
            let exact = pick(&|x| x == k);
            if !exact.is_empty() {
                return exact;
            }
            // The unit changed type since (huyện → thị xã → thành phố): still the same unit.
            pick(&|x: UnitKind| x.is_district())
        }
        Some(k) => {
            let exact = pick(&|x| x == k);
            if !exact.is_empty() {
                return exact;
            }
            pick(&|x: UnitKind| x.is_ward())
        }
    }
}

/// Heads of the names of offices and organisations that end with the place they serve:
/// "Sở Y tế Quảng Trị", "Trung tâm Kiểm soát bệnh tật tỉnh Hải Dương", "UBND huyện Quảng
/// Uyên", "Công an phường Đông Ngạc", "Ban chỉ đạo phòng chống Covid-19 Quảng Trị".
const ORG_HEADS: &[&str] = &[
    "sở",
    "trung tâm",
    "cdc",
    "hcdc",
    "ban",
    "bệnh viện",
    "ubnd",
    "ủy ban",
    "uỷ ban",
    "công an",
    "bộ chỉ huy",
    "hội đồng",
    "hđnd",
    "mặt trận",
    "viện",
    "cục",
    "chi cục",
    "phòng",
    "trạm",
    "văn phòng",
    "thanh tra",
    "kho bạc",
    "đảng bộ",
    "liên đoàn",
    "hội",
    "đoàn",
    "bộ đội biên phòng",
    "công ty",
    "trường",
    "đài",
    "báo",
];

/// True when the place starting at raw token `start` ends the name of an office or an
/// organisation. News NER (and readers) count such a name as the organisation's, not as a
/// place mention; attribution still uses it ("Trung tâm Y tế huyện Cẩm Giàng" speaks for
/// Cẩm Giàng).
pub fn ends_org_name(doc: &Doc, start: usize) -> bool {
    let t = &doc.tokens;
    const STOP: &[&str] = &[
        "tại", "ở", "của", "cho", "với", "đến", "từ", "thuộc", "trên", "trong", "về", "là", "có",
        "theo", "gửi", "được", "đã", "sẽ", "vào", "khi", "nay", "người", "quê", "trú", "nhân",
    ];
    let mut i = start;
    let mut steps = 0;
    let mut depth = 0usize;
    while i > 0 && steps < 12 {
        i -= 1;
        steps += 1;
        let tok = &t.toks[i];
        match tok.kind {
            TokKind::Punct => match t.key(i) {
                // Hyphens and parenthesised acronyms belong to names: "Covid - 19", "( CDC )".
                "-" => continue,
                ")" => {
                    depth += 1;
                    continue;
                }
                // "Bệnh viện Chợ Rẫy (TP. HCM)": in brackets after a name, the place is where
                // that thing is.
                "(" if depth > 0 => {
                    depth -= 1;
                    continue;
                }
                _ => return false,
            },
            TokKind::Number => continue,
            TokKind::Word => {}
            _ => return false,
        }
        if crate::key_in!(t.key(i), STOP) {
            return false;
        }
        // "UBND huyện A và huyện B": the second is an item of a list, not part of a name.
        if i + 1 == start && crate::key_in!(t.key(i), ["và", "hoặc"]) {
            return false;
        }
        // Names of offices are capitalised ("Trung tâm Y tế"); "cách trung tâm TP Huế" is not one.
        if !(tok.capital || tok.all_caps) {
            continue;
        }
        for len in [3usize, 2, 1] {
            if i + len > start {
                continue;
            }
            let phrase: Vec<&str> = (i..i + len).map(|x| t.key(x)).collect();
            let phrase = phrase.join(" ");
            if crate::key_in!(&phrase, ORG_HEADS) {
                return true;
            }
        }
    }
    false
}

/// Finds places and generic references in the whole document.
pub fn find(doc: &Doc, g: &Gazetteer) -> Places {
    let t = &doc.tokens;
    let mut p = Places::default();
    for (li, l) in doc.layout.lines.iter().enumerate() {
        let mut i = l.tok_start;
        while i < l.tok_end {
            if t.toks[i].kind != TokKind::Word && !(t.toks[i].kind == TokKind::Number) {
                i += 1;
                continue;
            }
            // Every type word ("quận", "TP", "thị xã"…) and "cả nước" / "toàn quốc" start with
            // one of these letters: most words are not looked at further.
            let may_type = matches!(
                t.key(i).as_bytes().first(),
                Some(b't' | b'q' | b'h' | b'p' | b'x' | b'c')
            );
            // Typed: "quận Ô Môn", "TP. Hồ Chí Minh", "Quận ủy Ninh Kiều", "Q.8".
            if may_type && let Some((kind, used, committee)) = type_word(doc, i) {
                let j = i + used;
                // "Q.8", "quận 8", "P.1", "phường 1".
                if j < l.tok_end
                    && t.toks[j].kind == TokKind::Number
                    && let Some(k) = kind
                    && !(j + 1 < l.tok_end
                        && t.toks[j + 1].glued_left
                        && t.toks[j + 1].kind == TokKind::Number)
                {
                    let cands = g.numbered(k, &doc.text[t.toks[j].range()]);
                    if !cands.is_empty() {
                        p.mentions.push(PlaceMention {
                            tok_start: i,
                            tok_end: j + 1,
                            name_start: i,
                            typed: Some(k),
                            committee,
                            candidates: cands,
                            role: PlaceRole::Governing,
                            apposition_of: None,
                            resolved: None,
                            line: li,
                        });
                        i = j + 1;
                        continue;
                    }
                }
                // "Quận 8", "Phường 1": the name includes the type word.
                let numbered = (j < l.tok_end && t.toks[j].kind == TokKind::Number)
                    .then(|| match_name(doc, g, i, true, l.tok_end))
                    .flatten();
                let found = numbered.map(|(e, ids)| (e, ids, i)).or_else(|| {
                    (j < l.tok_end)
                        .then(|| match_name(doc, g, j, true, l.tok_end))
                        .flatten()
                        .map(|(e, ids)| (e, ids, j))
                });
                if let Some((end, ids, name_start)) = found {
                    let cands = filter_by_kind(g, &ids, kind, true);
                    if !cands.is_empty() {
                        p.mentions.push(PlaceMention {
                            tok_start: i,
                            tok_end: end,
                            name_start,
                            typed: kind
                                .or(Some(UnitKind::City))
                                .filter(|_| kind.is_some())
                                .or(None),
                            committee,
                            candidates: cands,
                            role: PlaceRole::Governing,
                            apposition_of: None,
                            resolved: None,
                            line: li,
                        });
                        if kind.is_none() {
                            // Remember that a "TP" type word was written (city or municipality).
                            if let Some(m) = p.mentions.last_mut() {
                                m.typed = None;
                            }
                        }
                        i = end;
                        continue;
                    }
                }
                // No name: a generic reference.
                if let Some(gr) = generic(doc, i, used, kind, committee, li, l.tok_end) {
                    p.generics.push(gr);
                }
                i += used;
                continue;
            }
            if may_type && let Some(gr) = nation(doc, i, li) {
                p.generics.push(gr);
                i = gr.tok_end;
                continue;
            }
            // Bare names: capitalized words.
            let tk = &t.toks[i];
            if tk.kind == TokKind::Word
                && (tk.capital || tk.all_caps)
                && let Some((end, ids)) = match_name(doc, g, i, false, l.tok_end)
            {
                let cands = filter_by_kind(g, &ids, None, false);
                if !cands.is_empty() && !is_person(doc, i, end, l.tok_start, l.tok_end) {
                    p.mentions.push(PlaceMention {
                        tok_start: i,
                        tok_end: end,
                        name_start: i,
                        typed: None,
                        committee: false,
                        candidates: cands,
                        role: PlaceRole::Governing,
                        apposition_of: None,
                        resolved: None,
                        line: li,
                    });
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
    }
    mark_roles(doc, g, &mut p);
    resolve(doc, g, &mut p);
    p
}

fn generic(
    doc: &Doc,
    i: usize,
    used: usize,
    kind: Option<UnitKind>,
    committee: bool,
    line: usize,
    line_end: usize,
) -> Option<GenericRef> {
    let t = &doc.tokens;
    let raw = &doc.text[t.toks[i].range()];
    // Abbreviations alone are not references.
    if matches!(
        raw,
        "TP" | "Tp" | "tp" | "TX" | "Tx" | "tx" | "Q" | "H" | "P" | "TT"
    ) {
        return None;
    }
    let level = match kind {
        None => GenericLevel::City,
        Some(UnitKind::Province) => GenericLevel::Province,
        Some(k) if k.is_district() => GenericLevel::District(k),
        _ => return None,
    };
    let prev = doc.content_at(i).and_then(|c| c.checked_sub(1));
    let prev_key = prev.map(|c| doc.content_key(c)).unwrap_or("");
    let prev_raw = prev.map(|c| doc.content[c] as usize);
    // Plurals and levels: "các huyện", "tuyến tỉnh", "cấp huyện", "9 quận, huyện".
    if crate::key_in!(
        prev_key,
        [
            "các", "những", "tuyến", "cấp", "mỗi", "liên", "nhiều", "hai", "ba", "bốn", "năm",
            "từng", "mọi", "giữa",
        ]
    ) || prev_raw.is_some_and(|r| t.toks[r].kind == TokKind::Number && r + 1 == i)
    {
        return None;
    }
    if crate::key_in!(
        prev_key,
        ["quận", "huyện", "xã", "phường", "tỉnh", "phố", "trấn"]
    ) && prev_raw.is_some_and(|r| (r + 1..i).all(|x| matches!(t.key(x), "," | "/")) && r + 1 < i)
    {
        return None;
    }
    let after = i + used;
    if after < line_end && t.key(after) == "," && after + 1 < line_end {
        let nk = t.key(after + 1);
        if crate::key_in!(
            nk,
            ["quận", "huyện", "thị", "thành", "tỉnh", "xã", "phường"]
        ) {
            return None;
        }
    }
    if after < line_end && (t.key(after) == "/" || t.key(after) == "-") && t.toks[after].glued_left
    {
        return None;
    }
    // "thành phố" followed by a lower-case noun phrase can be an adjective ("thành phố lớn").
    let strong_prev = crate::key_in!(
        prev_key,
        ["toàn", "cả", "của", "trong", "bàn", "khắp", "tại", "ở"]
    );
    let sent_start = doc.sentence_content_start(i);
    let c_here = doc.content_at(i).unwrap_or(0);
    let at_start = c_here == sent_start
        || prev_raw.is_some_and(|r| (r + 1..i).any(|x| t.key(x) == ","))
        || (c_here <= sent_start + 1 && prev_key.len() <= 8 && doc.tokens.toks[i].capital);
    Some(GenericRef {
        tok: i,
        tok_end: after,
        level,
        strong: !committee && (strong_prev || at_start),
        line,
    })
}

fn nation(doc: &Doc, i: usize, line: usize) -> Option<GenericRef> {
    let t = &doc.tokens;
    let k = t.key(i);
    if (k == K.ca && i + 1 < t.len() && t.key(i + 1) == K.nuoc)
        || (k == K.toan && i + 1 < t.len() && t.key(i + 1) == K.quoc)
    {
        return Some(GenericRef {
            tok: i,
            tok_end: i + 2,
            level: GenericLevel::Nation,
            strong: true,
            line,
        });
    }
    None
}

/// A bare name inside a person's name ("Nguyễn Thái Bình", "Chủ tịch Hồ Chí Minh").
fn is_person(doc: &Doc, i: usize, end: usize, line_start: usize, line_end: usize) -> bool {
    let t = &doc.tokens;
    let cap = |k: usize| {
        t.toks[k].kind == TokKind::Word
            && (t.toks[k].capital || t.toks[k].all_caps)
            && !t.toks[k].has_digit
    };
    // Capitalized words glued to the left of the match: a surname before means a person.
    if i > line_start && cap(i - 1) {
        let k = t.key(i - 1);
        if crate::key_in!(k, SURNAMES) {
            return true;
        }
    }
    // Title before: "Chủ tịch Hồ Chí Minh", "ông Trần Văn Thời".
    if let Some(c) = doc.content_at(i) {
        for back in 1..=3usize {
            if c < back {
                break;
            }
            let phrase: Vec<&str> = (c - back..c).map(|x| doc.content_key(x)).collect();
            let joined = phrase.join(" ");
            if crate::key_in!(&joined, PERSON_TITLES) {
                return true;
            }
        }
    }
    // A longer capitalized run to the right that is not another place: "Hồng Lĩnh Nguyễn"…
    if end < line_end && cap(end) {
        let k = t.key(end);
        // "Hà Nội Đinh Tiến Dũng": the place, then a person.
        if !crate::key_in!(k, SURNAMES) {
            // Three-word runs starting with a surname are names ("Trần Văn Thời" as a person
            // needs context; as a district it is usually typed).
            return true;
        }
    }
    false
}

fn mark_roles(doc: &Doc, g: &Gazetteer, p: &mut Places) {
    let t = &doc.tokens;
    let n = p.mentions.len();
    for mi in 0..n {
        let (start, name_start, typed_word) = {
            let m = &p.mentions[mi];
            (
                m.tok_start,
                m.name_start,
                m.tok_start != m.name_start || m.typed.is_some(),
            )
        };
        let c = doc.content_at(start).unwrap_or(0);
        let line_start_c = doc
            .content_at(doc.layout.lines[p.mentions[mi].line].tok_start)
            .unwrap_or(0);
        let prev_phrase = |back: usize| -> Option<String> {
            if c < line_start_c + back {
                return None;
            }
            Some(
                (c - back..c)
                    .map(|x| doc.content_key(x))
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        };
        // Inside another name: a school, a hospital, a street. Typed places inside offices
        // ("Trung tâm Y tế huyện Cẩm Giàng") still count.
        if !typed_word {
            let mut inside = false;
            const STOP: &[&str] = &[
                "tại", "ở", "của", "và", "cho", "với", "đến", "từ", "thuộc", "trên", "trong", "về",
                "là", "có",
            ];
            for back in 1..=5usize {
                let Some(ph) = prev_phrase(back) else { break };
                let Some((_, wlen)) = INSIDE_F.iter().find(|(wf, _)| {
                    ph == *wf
                        || (ph.starts_with(wf.as_str())
                            && ph.as_bytes().get(wf.len()) == Some(&b' '))
                }) else {
                    continue;
                };
                let wlen = *wlen;
                let first_raw = doc.content[c - back] as usize;
                let no_punct =
                    (first_raw..start).all(|x| t.toks[x].kind != TokKind::Punct || t.key(x) == "-");
                let no_stop =
                    (c - back + wlen..c).all(|x| !crate::key_in!(doc.content_key(x), STOP));
                if no_punct && no_stop {
                    inside = true;
                    break;
                }
            }
            if inside {
                p.mentions[mi].role = PlaceRole::Inside;
                continue;
            }
        }
        let _ = name_start;
        // Demonyms: "9 người Hà Nội bị phạt", "bà con Bến Tre": people, not a location.
        if !typed_word
            && prev_phrase(1).is_some_and(|ph| crate::key_in!(&ph, ["người", "dân", "con"]))
        {
            p.mentions[mi].role = PlaceRole::Origin;
            continue;
        }
        // Origins and borders: "đến từ TP. Hồ Chí Minh", "giáp tỉnh Tây Ninh".
        let origin =
            (1..=2).any(|b| prev_phrase(b).is_some_and(|ph| crate::key_in!(&ph, ORIGIN_WORDS)));
        if origin {
            p.mentions[mi].role = PlaceRole::Origin;
            continue;
        }
        // Enumerations continue an origin: "từ TP. Hồ Chí Minh, Bình Dương, Đồng Nai". (Not a
        // name inside another: in "Bệnh viện dã chiến Củ Chi, TP. HCM" and "ngõ 165 Cầu Giấy,
        // phường Dịch Vọng" what follows the comma is where that thing is.)
        if mi > 0 {
            let prev = &p.mentions[mi - 1];
            if prev.line == p.mentions[mi].line
                && prev.role == PlaceRole::Origin
                && prev.tok_end <= start
            {
                let gap: Vec<&str> = (prev.tok_end..start).map(|x| t.key(x)).collect();
                if !gap.is_empty() && gap.iter().all(|k| *k == "," || *k == K.va) {
                    p.mentions[mi].role = prev.role;
                }
            }
        }
    }
    // Enumerations after a typed district inherit its type: "các huyện Yên Thành, Diễn Châu".
    for mi in 1..n {
        let (prev_kind, prev_end, prev_line) = {
            let prev = &p.mentions[mi - 1];
            (prev.typed, prev.tok_end, prev.line)
        };
        let m = &p.mentions[mi];
        if m.typed.is_some() || m.tok_start != m.name_start || m.line != prev_line {
            continue;
        }
        let Some(k) = prev_kind else { continue };
        if !k.is_district() {
            continue;
        }
        let gap: Vec<&str> = (prev_end..m.tok_start).map(|x| t.key(x)).collect();
        if !gap.is_empty() && gap.iter().all(|x| *x == "," || *x == K.va) {
            let m = &mut p.mentions[mi];
            let narrowed: Vec<UnitRef> = m
                .candidates
                .iter()
                .copied()
                .filter(|u| g.kind(*u).is_district())
                .collect();
            if !narrowed.is_empty() {
                m.candidates = narrowed;
            }
        }
    }
    // Appositions: "TP. Biên Hòa (Đồng Nai)", "huyện Đức Hoà, tỉnh Long An", "quận Ô Môn, TP Cần Thơ".
    for mi in 1..n {
        let (prev_end, prev_line, prev_is_local) = {
            let prev = &p.mentions[mi - 1];
            (
                prev.tok_end,
                prev.line,
                prev.candidates.iter().any(|u| !g.kind(*u).is_province()),
            )
        };
        let m = &p.mentions[mi];
        if m.line != prev_line
            || !prev_is_local
            || !m.candidates.iter().all(|u| g.kind(*u).is_province())
        {
            continue;
        }
        let gap: Vec<&str> = (prev_end..m.tok_start).map(|x| t.key(x)).collect();
        let ok = gap.len() <= 2
            && gap
                .iter()
                .all(|k| matches!(*k, "(" | "," | "-") || *k == K.cua || *k == K.thuoc);
        if ok && !gap.is_empty() {
            p.mentions[mi].apposition_of = Some(mi - 1);
        }
    }
}

fn resolve(doc: &Doc, g: &Gazetteer, p: &mut Places) {
    let lay = &doc.layout;
    let in_body = |line: usize| !lay.in_trailer(line);
    // Province evidence from unambiguous mentions.
    let mut scores: HashMap<usize, f32> = HashMap::new();
    for m in &p.mentions {
        if !in_body(m.line) || m.role == PlaceRole::Inside {
            continue;
        }
        let provs: Vec<usize> = {
            let mut v: Vec<usize> = m.candidates.iter().map(|u| g.province_of(*u)).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        if provs.len() == 1 {
            let title = Some(m.line) == lay.title;
            let is_prov = m.candidates.iter().all(|u| g.kind(*u).is_province());
            let w = match (is_prov, title) {
                (true, true) => 4.0,
                (true, false) => 2.0,
                (false, true) => 2.0,
                (false, false) => 1.0,
            } * if m.role == PlaceRole::Origin {
                0.25
            } else {
                1.0
            };
            *scores.entry(provs[0]).or_default() += w;
        }
    }
    // Ambiguous districts vote with a fraction for each province (ties broken by others).
    for m in &p.mentions {
        if !in_body(m.line) || m.role == PlaceRole::Inside || m.candidates.len() < 2 {
            continue;
        }
        let mut provs: Vec<usize> = m.candidates.iter().map(|u| g.province_of(*u)).collect();
        provs.sort_unstable();
        provs.dedup();
        for pv in &provs {
            if scores.contains_key(pv) {
                *scores.entry(*pv).or_default() += 0.1;
            }
        }
    }
    p.province_scores = scores.clone();
    let best_of = |cands: &[UnitRef], scores: &HashMap<usize, f32>| -> Option<UnitRef> {
        cands.iter().copied().max_by(|a, b| {
            let sa = scores.get(&g.province_of(*a)).copied().unwrap_or(0.0);
            let sb = scores.get(&g.province_of(*b)).copied().unwrap_or(0.0);
            sa.partial_cmp(&sb)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| {
                    // Prefer current units, then the first listed.
                    let fa = matches!(a, UnitRef::District(i) if g.districts[*i].former);
                    let fb = matches!(b, UnitRef::District(i) if g.districts[*i].former);
                    fb.cmp(&fa)
                })
        })
    };
    let n = p.mentions.len();
    // Apposition provinces first: they pin the district before them.
    for mi in 0..n {
        if p.mentions[mi].candidates.len() == 1 {
            p.mentions[mi].resolved = Some(p.mentions[mi].candidates[0]);
        }
    }
    for mi in 0..n {
        if let Some(d) = p.mentions[mi].apposition_of
            && let Some(UnitRef::Province(pv)) = p.mentions[mi].resolved
        {
            let narrowed: Vec<UnitRef> = p.mentions[d]
                .candidates
                .iter()
                .copied()
                .filter(|u| g.province_of(*u) == pv)
                .collect();
            if !narrowed.is_empty() {
                p.mentions[d].candidates = narrowed;
                if p.mentions[d].candidates.len() == 1 {
                    p.mentions[d].resolved = Some(p.mentions[d].candidates[0]);
                }
            }
        }
    }
    // Then each ambiguous mention, by the nearest province context before it on its line, then
    // by the article's province evidence.
    for mi in 0..n {
        if p.mentions[mi].resolved.is_some() {
            continue;
        }
        let line = p.mentions[mi].line;
        let mut local: Option<usize> = None;
        for k in (0..mi).rev() {
            let o = &p.mentions[k];
            if o.line != line {
                break;
            }
            if let Some(u) = o.resolved
                && o.role != PlaceRole::Inside
            {
                local = Some(g.province_of(u));
                break;
            }
        }
        let cands = p.mentions[mi].candidates.clone();
        let pick = local
            .and_then(|pv| {
                let v: Vec<UnitRef> = cands
                    .iter()
                    .copied()
                    .filter(|u| g.province_of(*u) == pv)
                    .collect();
                best_of(&v, &scores)
            })
            .or_else(|| {
                // Without evidence for any candidate's province, leave unresolved rather than guess.
                let any = cands
                    .iter()
                    .any(|u| scores.get(&g.province_of(*u)).copied().unwrap_or(0.0) > 0.0);
                if any
                    || cands
                        .iter()
                        .map(|u| g.province_of(*u))
                        .collect::<std::collections::HashSet<_>>()
                        .len()
                        == 1
                {
                    best_of(&cands, &scores)
                } else {
                    None
                }
            });
        p.mentions[mi].resolved = pick;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::catalogue::Catalogue;

    fn places(text: &str) -> Vec<(String, Option<String>, PlaceRole)> {
        let cat = Catalogue::bundled().unwrap();
        let g = Gazetteer::bundled().unwrap();
        let doc = Doc::new(text, &cat);
        let p = find(&doc, &g);
        p.mentions
            .iter()
            .map(|m| {
                let s = doc.span_text(m.tok_start, m.tok_end - 1).to_owned();
                let r = m.resolved.map(|u| {
                    let d = g.district_of(u).map(|d| g.districts[d].name.clone());
                    let pv = g.provinces[g.province_of(u)].name.clone();
                    match d {
                        Some(d) => format!("{d}/{pv}"),
                        None => pv,
                    }
                });
                (s, r, m.role)
            })
            .collect()
    }

    #[test]
    fn typed_bare_and_committee_forms() {
        let v = places(
            "Ông Lê Việt Sĩ - Chủ tịch UBND quận Ô Môn (Cần Thơ) làm việc với Quận ủy Ninh Kiều và TP.HCM.",
        );
        assert_eq!(v[0].0, "quận Ô Môn");
        assert_eq!(v[0].1.as_deref(), Some("Ô Môn/Cần Thơ"));
        assert_eq!(v[1].1.as_deref(), Some("Cần Thơ"));
        assert_eq!(v[2].0, "Quận ủy Ninh Kiều");
        assert_eq!(v[2].1.as_deref(), Some("Ninh Kiều/Cần Thơ"));
        assert_eq!(v[3].1.as_deref(), Some("Hồ Chí Minh"));
    }

    #[test]
    fn shared_names_resolve_by_context_and_type_word() {
        let v = places(
            "Tại tỉnh Trà Vinh, huyện Châu Thành: 44 ca; huyện Duyên Hải: 15 ca; thị xã Duyên Hải: 60 ca.",
        );
        assert_eq!(v[1].1.as_deref(), Some("Châu Thành/Trà Vinh"));
        assert_eq!(v[2].1.as_deref(), Some("Duyên Hải/Trà Vinh"));
        assert_eq!(v[3].1.as_deref(), Some("Duyên Hải/Trà Vinh"));
    }

    #[test]
    fn wards_point_to_their_district() {
        let v =
            places("Theo UBND tỉnh Đồng Nai, phường Quang Vinh, phường Tân Phong có thêm ca mắc.");
        assert!(
            v.iter()
                .any(|x| x.0 == "phường Tân Phong" && x.1.as_deref() == Some("Biên Hòa/Đồng Nai")),
            "{v:?}"
        );
    }

    #[test]
    fn names_inside_other_names_and_people_are_not_governing() {
        let v = places(
            "Đã có 600 sinh viên trường Đại học Y dược Cần Thơ đến từ Thành đoàn Cần Thơ về Kiên Giang; Lăng Chủ tịch Hồ Chí Minh.",
        );
        assert_eq!(v[0].2, PlaceRole::Inside);
        assert_eq!(v.iter().filter(|x| x.0 == "Hồ Chí Minh").count(), 0);
        assert!(
            v.iter()
                .any(|x| x.0 == "Kiên Giang" && x.2 == PlaceRole::Governing)
        );
    }

    #[test]
    fn former_units_stay_findable() {
        let v = places("Tại TP. Hồ Chí Minh, quận 9 và Quận 2 có nhiều ca; TP. Thủ Đức 25.460 ca.");
        assert!(
            v.iter()
                .any(|x| x.1.as_deref() == Some("Quận 9/Hồ Chí Minh")),
            "{v:?}"
        );
        assert!(
            v.iter()
                .any(|x| x.1.as_deref() == Some("Quận 2/Hồ Chí Minh")),
            "{v:?}"
        );
        assert!(
            v.iter()
                .any(|x| x.1.as_deref() == Some("Thủ Đức/Hồ Chí Minh")),
            "{v:?}"
        );
    }
}
