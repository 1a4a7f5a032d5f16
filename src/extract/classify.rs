//! Which metric each quantity measures.
//!
//! Every rule of the catalogue is tested against windows around the number (see the header of
//! `assets/metrics.ron`); the best score wins. Figures in lists ("TP. Cà Mau 352 ca, huyện Trần
//! Văn Thời 187 ca", "Hà Nội (1.428), Cà Mau (1.137)") and tables ("TP. Cao Lãnh | 21 | 412")
//! carry no cue of their own: they take the metric named by the list's head ("Số ca mắc mới
//! phân bố tại:"), by their column header ("Ca mới", "Cộng dồn"), or of the total they break
//! down ("…ghi nhận 46 ca mắc mới. Cụ thể: huyện Châu Thành A: 16 ca").

use super::catalogue::{Catalogue, PhraseId, PhraseSet, Rule};
use super::catalogue_schema::KindDef;
use super::doc::Doc;
use super::numbers::Quantity;
use super::places::{PlaceRole, Places};
use crate::text::TokKind;

/// The classification of one quantity.
#[derive(Clone, Debug)]
pub struct Classified {
    /// Index into `Catalogue::metrics`.
    pub metric: usize,
    /// Index into `Catalogue::rules` of the rule that fired, if one did.
    pub rule: Option<usize>,
    pub score: u8,
    /// How the metric was obtained when no rule fired directly.
    pub via: Via,
    /// The quantity whose metric (and date) this one inherited.
    pub head_quantity: Option<usize>,
    /// For a list item or a table cell: the place mention that owns it.
    pub item_place: Option<usize>,
    /// A table total row ("Tổng cộng", "Toàn tỉnh"): province level.
    pub total_row: bool,
}

/// How a metric was assigned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Rule,
    ListHead,
    Table,
    Inherited,
    Unclassified,
}

/// Content-index windows around a quantity.
#[derive(Clone, Copy, Debug)]
pub struct Windows {
    pub before_end: usize,
    pub left: (usize, usize),
    pub near: (usize, usize),
    pub right: (usize, usize),
    pub clause: (usize, usize),
    pub sentence: (usize, usize),
}

fn is_boundary(doc: &Doc, raw: usize, hard: &[&str]) -> bool {
    let t = &doc.tokens;
    t.toks[raw].kind == TokKind::Newline
        || (t.toks[raw].kind == TokKind::Punct && hard.contains(&t.key(raw)))
}

/// Computes the windows of quantity `qi`.
pub fn windows(doc: &Doc, qs: &[Quantity], qi: usize) -> Windows {
    let q = &qs[qi];
    let t = &doc.tokens;
    let sent = doc.layout.sentence_of[q.tok];
    let (s_start, s_end) = if sent == u32::MAX {
        (q.tok, q.tok_end)
    } else {
        let s = doc.layout.sentences[sent as usize];
        (s.tok_start, s.tok_end)
    };
    let c = |raw: usize| doc.content_from[raw.min(t.len())] as usize;
    // Clause: between semicolons.
    let mut cl_start = s_start;
    for k in (s_start..q.tok).rev() {
        if is_boundary(doc, k, &[";"]) {
            cl_start = k + 1;
            break;
        }
    }
    let mut cl_end = s_end;
    for k in q.tok_end..s_end {
        if is_boundary(doc, k, &[";"]) {
            cl_end = k;
            break;
        }
    }
    let prev_end = if qi > 0 && qs[qi - 1].tok_end <= q.qual_start && qs[qi - 1].tok_end > cl_start
    {
        qs[qi - 1].tok_end
    } else {
        cl_start
    };
    let next_start = if qi + 1 < qs.len() && qs[qi + 1].qual_start >= q.tok_end {
        qs[qi + 1].qual_start.min(cl_end)
    } else {
        cl_end
    };
    let qc = c(q.qual_start);
    let left_lo = c(prev_end).max(qc.saturating_sub(12));
    let after = c(q.num_last + 1);
    let mut near_end = next_start;
    for k in (q.num_last + 1)..next_start {
        if is_boundary(doc, k, &[",", ";", ".", ":", "(", ")", "|", "\t"])
            || crate::key_in!(t.key(k), ["và", "là"])
        {
            near_end = k;
            break;
        }
    }
    let mut right_end = next_start;
    for k in (q.num_last + 1)..next_start {
        if is_boundary(doc, k, &[";", ".", ":", "|", "\t", ")"]) {
            right_end = k;
            break;
        }
    }
    let near_c = c(near_end).min(after + 12);
    let right_c = c(right_end).min(after + 14);
    Windows {
        before_end: qc,
        left: (left_lo, qc),
        near: (after, near_c.max(after)),
        right: (after, right_c.max(after)),
        clause: (c(cl_start), c(cl_end)),
        sentence: (c(s_start), c(s_end)),
    }
}

/// The phrases present in each of a quantity's five windows (near, right, left, clause,
/// sentence), one bit per phrase id.
///
/// Why bits: every rule asks "is one of these phrases in that window?" and there are over a
/// hundred rules per figure. Walking the window's hits once per figure and then testing each
/// rule's few phrases costs a few instructions per phrase instead of a search per hit.
struct WindowPhrases {
    words: usize,
    bits: Vec<u64>,
}

impl WindowPhrases {
    const NEAR: usize = 0;
    const RIGHT: usize = 1;
    const LEFT: usize = 2;
    const CLAUSE: usize = 3;
    const SENTENCE: usize = 4;
    /// Phrases starting at the figure's noun.
    const UNIT: usize = 5;
    /// Phrases ending right before the figure.
    const BEFORE: usize = 6;

    fn new(phrases: usize) -> WindowPhrases {
        let words = phrases.div_ceil(64).max(1);
        WindowPhrases {
            words,
            bits: vec![0; words * 7],
        }
    }

    fn set(&mut self, slot: usize, p: PhraseId) {
        let p = p as usize;
        if let Some(x) = self.bits.get_mut(slot * self.words + p / 64) {
            *x |= 1 << (p % 64);
        }
    }

    fn fill(&mut self, doc: &Doc, w: &Windows, head: Option<usize>) {
        self.bits.fill(0);
        if let Some(h) = head {
            for x in doc.hits_starting_at(h) {
                self.set(Self::UNIT, x.phrase);
            }
        }
        for x in doc.hits_ending_at(w.before_end) {
            self.set(Self::BEFORE, x.phrase);
        }
        for (slot, (a, b)) in [
            (Self::NEAR, w.near),
            (Self::RIGHT, w.right),
            (Self::LEFT, w.left),
            (Self::CLAUSE, w.clause),
            (Self::SENTENCE, w.sentence),
        ] {
            if a >= b {
                continue;
            }
            for h in doc.hits_within(a, b) {
                self.set(slot, h.phrase);
            }
        }
    }

    /// True when a phrase of `set` is in window `slot`.
    fn any(&self, set: &PhraseSet, slot: usize) -> bool {
        let base = slot * self.words;
        set.ids().iter().any(|&p| {
            let p = p as usize;
            self.bits
                .get(base + p / 64)
                .is_some_and(|x| x & (1 << (p % 64)) != 0)
        })
    }
}

/// The noun a figure counts: the one after it, or for an elided noun the one after "số" before
/// it ("số người … là 4.162") or the noun of the figure before it in the sentence ("13 ca,
/// trong đó có 07 trong cộng đồng").
pub fn effective_head(
    doc: &Doc,
    cat: &Catalogue,
    qs: &[Quantity],
    qi: usize,
    w: &Windows,
) -> Option<usize> {
    let q = &qs[qi];
    if q.head.is_some() || !q.elided {
        return q.head;
    }
    for c in (w.left.0..w.left.1).rev() {
        if crate::key_in!(doc.content_key(c), ["số"]) && c + 1 < w.left.1 {
            let r = doc.content[c + 1] as usize;
            if doc.tokens.toks[r].kind == TokKind::Word {
                return Some(c + 1);
            }
        }
    }
    let sent = doc.layout.sentence_of[q.tok];
    if let Some(h) = (0..qi)
        .rev()
        .take_while(|&k| doc.layout.sentence_of[qs[k].tok] == sent)
        .find_map(|k| qs[k].head)
    {
        return Some(h);
    }
    // "người dân trên 18 tuổi đã tiêm ít nhất 1 mũi là 1.000.737": the first counted noun before.
    doc.hits_within(w.left.0, w.left.1)
        .find(|h| cat.all_units.contains(h.phrase))
        .map(|h| h.start as usize)
}

fn rule_matches(r: &Rule, q: &Quantity, head: Option<usize>, present: &WindowPhrases) -> bool {
    if !r.kinds.allows(q.kind) {
        return false;
    }
    if !r.unit.is_empty() && (head.is_none() || !present.any(&r.unit, WindowPhrases::UNIT)) {
        return false;
    }
    if !r.before.is_empty() && !present.any(&r.before, WindowPhrases::BEFORE) {
        return false;
    }
    if present.any(&r.not_before, WindowPhrases::BEFORE) {
        return false;
    }
    for (set, slot) in [
        (&r.near, WindowPhrases::NEAR),
        (&r.right, WindowPhrases::RIGHT),
        (&r.left, WindowPhrases::LEFT),
        (&r.clause, WindowPhrases::CLAUSE),
        (&r.sentence, WindowPhrases::SENTENCE),
    ] {
        if !set.is_empty() && !present.any(set, slot) {
            return false;
        }
    }
    for (set, slot) in [
        (&r.not_near, WindowPhrases::NEAR),
        (&r.not_right, WindowPhrases::RIGHT),
        (&r.not_left, WindowPhrases::LEFT),
        (&r.not_clause, WindowPhrases::CLAUSE),
        (&r.not_sentence, WindowPhrases::SENTENCE),
    ] {
        if present.any(set, slot) {
            return false;
        }
    }
    true
}

/// Classifies every quantity.
pub fn classify(doc: &Doc, cat: &Catalogue, qs: &[Quantity], places: &Places) -> Vec<Classified> {
    let mut out: Vec<Classified> = Vec::with_capacity(qs.len());
    let wins: Vec<Windows> = (0..qs.len()).map(|i| windows(doc, qs, i)).collect();
    let mut present = WindowPhrases::new(cat.phrases.count());
    for (qi, q) in qs.iter().enumerate() {
        let w = &wins[qi];
        let mut best: Option<(usize, u8)> = None;
        let head = effective_head(doc, cat, qs, qi, w);
        if !(q.per_unit || q.measure.is_some() || q.kind == KindDef::Bare) {
            present.fill(doc, w, head);
            // By score, highest first: the first rule that matches wins.
            for &ri in &cat.rules_by_score {
                let r = &cat.rules[ri];
                if rule_matches(r, q, head, &present) {
                    best = Some((ri, r.score));
                    break;
                }
            }
        }
        let (metric, rule, score, via) = match best {
            Some((ri, s)) => (cat.rules[ri].metric, Some(ri), s, Via::Rule),
            None => (cat.other, None, 0, Via::Unclassified),
        };
        out.push(Classified {
            metric,
            rule,
            score,
            via,
            head_quantity: None,
            item_place: None,
            total_row: false,
        });
    }
    lists(doc, cat, qs, places, &wins, &mut out);
    tables(doc, cat, qs, places, &mut out);
    out
}

/// The place that owns a figure in a list: written right before it ("TP. Cà Mau 352", "Hà Nội
/// (1.428)", "huyện Châu Thành A: 16 ca"), before it with a short verb ("huyện Ea H'leo ghi
/// nhận 22 trường hợp", the place opening its clause), or right after its noun ("9 ca bệnh tại
/// Đại Lộc", "51 trường hợp ghi nhận tại TP. Bạc Liêu", the figure opening its clause).
fn item_place(
    doc: &Doc,
    g_is_district: &dyn Fn(usize) -> bool,
    places: &Places,
    q: &Quantity,
) -> Option<(usize, bool)> {
    let t = &doc.tokens;
    let line = doc.layout.line_of_token(q.tok);
    let usable =
        |m: &super::places::PlaceMention| m.role == PlaceRole::Governing && m.resolved.is_some();
    // Before the figure: the nearest place on the same line.
    // Mentions are in text order; only those of the figure's line can be the one.
    let ends_before = places
        .mentions
        .partition_point(|m| m.tok_end <= q.qual_start);
    if let Some((mi, m)) = places.mentions[..ends_before]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, m)| Some(m.line) == line)
        .find(|(_, m)| usable(m))
    {
        let between = m.tok_end..q.qual_start;
        let punct_only = between
            .clone()
            .all(|k| t.toks[k].kind == TokKind::Punct && matches!(t.key(k), ":" | "(" | "|" | "-"));
        if punct_only
            || (q.distributive
                && between
                    .clone()
                    .filter(|&k| t.toks[k].kind != TokKind::Punct)
                    .count()
                    <= 2)
        {
            return Some((mi, false));
        }
        let words: Vec<&str> = between
            .clone()
            .filter(|&k| t.toks[k].kind != TokKind::Punct)
            .map(|k| t.key(k))
            .collect();
        let verb = !words.is_empty()
            && words.len() <= 3
            && between
                .clone()
                .all(|k| !matches!(t.key(k), "," | ";" | "." | ":"))
            && crate::key_in!(
                &words.join(" "),
                [
                    "ghi nhận",
                    "ghi nhận thêm",
                    "có",
                    "có thêm",
                    "phát hiện",
                    "phát hiện thêm",
                    "thêm",
                    "xuất hiện",
                    "tăng",
                    "có tổng cộng",
                    "ghi nhận tổng cộng"
                ]
            );
        // The place opens its clause: at most two words before it ("Tại", "Cụ thể, huyện").
        let opens = {
            let mut k = m.tok_start;
            let mut n_words = 0;
            // (Three words settle it: no need to walk further back.)
            while k > 0 && n_words <= 2 {
                k -= 1;
                if matches!(t.key(k), "," | ";" | ":" | ".") || t.toks[k].kind == TokKind::Newline {
                    break;
                }
                if t.toks[k].kind != TokKind::Punct {
                    n_words += 1;
                }
            }
            n_words <= 2
        };
        if verb && opens && g_is_district(mi) {
            return Some((mi, true));
        }
    }
    // After the noun.
    let h = q.head?;
    let unit_end = doc
        .hits_starting_at(h)
        .map(|x| x.end as usize)
        .max()
        .unwrap_or(h + 1);
    let starts_after = places.mentions.partition_point(|m| m.tok_start < q.tok_end);
    let (mi, m) = places.mentions[starts_after..]
        .iter()
        .enumerate()
        .take_while(|(_, m)| Some(m.line) == line)
        .find(|(_, m)| usable(m))
        .map(|(k, m)| (starts_after + k, m))?;
    let c = doc.content_from[m.tok_start] as usize;
    if c > unit_end + 3 || c < 1 || !crate::key_in!(doc.content_key(c - 1), ["tại", "ở"]) {
        return None;
    }
    // Not "tại huyện X và huyện Y".
    let coordinated = places.mentions.get(mi + 1).is_some_and(|n| {
        n.line == m.line
            && n.tok_start > m.tok_end
            && (m.tok_end..n.tok_start).all(|k| crate::key_in!(t.key(k), ["và"]) || t.key(k) == ",")
    });
    let sent = doc.layout.sentence_of[q.tok];
    let opens = sent != u32::MAX && {
        let s = doc.layout.sentences[sent as usize];
        let first_c = doc.content_from[s.tok_start] as usize;
        let qc = doc.content_from[q.qual_start] as usize;
        qc <= first_c + 2
            || (s.tok_start..q.qual_start)
                .rev()
                .take(3)
                .any(|k| matches!(t.key(k), "," | ":" | ";") || crate::key_in!(t.key(k), ["và"]))
    };
    (!coordinated && opens).then_some((mi, false))
}

fn head_metric_in(doc: &Doc, cat: &Catalogue, (a, b): (usize, usize)) -> Option<usize> {
    // The metric whose head phrase ends last in the range (closest to the list).
    let mut best: Option<(u32, u32, usize)> = None;
    for h in doc.hits_within(a, b) {
        for (mi, m) in cat.metrics.iter().enumerate() {
            if m.head.contains(h.phrase) {
                let len = h.end - h.start;
                if best.is_none_or(|(e, l, _)| h.end > e || (h.end == e && len > l)) {
                    best = Some((h.end, len, mi));
                }
            }
        }
    }
    best.map(|(_, _, m)| m)
}

fn compatible(doc: &Doc, cat: &Catalogue, metric: usize, q: &Quantity) -> bool {
    match q.kind {
        KindDef::Bare => true,
        KindDef::Count if q.elided && q.head.is_none() => true,
        KindDef::Count => {
            let Some(h) = q.head else { return false };
            cat.rules
                .iter()
                .filter(|r| r.metric == metric)
                .any(|r| doc.hits_starting_at(h).any(|x| r.unit.contains(x.phrase)))
        }
        k => cat
            .rules
            .iter()
            .filter(|r| r.metric == metric)
            .any(|r| r.kinds.allows(k) && r.unit.is_empty()),
    }
}

fn lists(
    doc: &Doc,
    cat: &Catalogue,
    qs: &[Quantity],
    places: &Places,
    wins: &[Windows],
    out: &mut [Classified],
) {
    for qi in 0..qs.len() {
        let q = &qs[qi];
        let is_district = |mi: usize| {
            places.mentions[mi]
                .resolved
                .is_some_and(|u| !matches!(u, super::gazetteer::UnitRef::Province(_)))
        };
        let Some((mi, verb_item)) = item_place(doc, &is_district, places, q) else {
            continue;
        };
        out[qi].item_place = Some(mi);
        // Figures with a very strong cue of their own keep it ("TP. X 3 ca tử vong"); a district's
        // total in a list takes the list's metric even when a weaker cue describes it ("có 11
        // trường hợp đều ở trong khu cách ly").
        // A place with a verb ("huyện X ghi nhận 13 trường hợp") is a list item only when the
        // figure has no cue of its own; otherwise it states its own fact.
        if out[qi].score >= 9 || (verb_item && out[qi].score >= 5) {
            continue;
        }
        let w = &wins[qi];
        let m = &places.mentions[mi];
        let place_c = doc.content_from[m.tok_start] as usize;
        // 1. A head phrase before the first item of the sentence.
        let first_item_c = (0..qi)
            .rev()
            .take_while(|&k| doc.layout.sentence_of[qs[k].tok] == doc.layout.sentence_of[q.tok])
            .filter_map(|k| {
                out[k]
                    .item_place
                    .map(|p| doc.content_from[places.mentions[p].tok_start] as usize)
            })
            .last()
            .unwrap_or(place_c);
        let head_q = (0..qi)
            .rev()
            .take_while(|&k| doc.layout.sentence_of[qs[k].tok] == doc.layout.sentence_of[q.tok])
            .find(|&k| {
                (doc.content_from[qs[k].tok] as usize) < first_item_c && out[k].item_place.is_none()
            });
        // A head on the line before, ending with ':' ("Số ca mắc mới theo địa phương:").
        let line_head = || -> Option<usize> {
            let li = doc.layout.line_of_token(q.tok)?;
            let l = &doc.layout.lines[li];
            // Only when the list's first item opens its line.
            let line_start = doc.content_from[l.tok_start] as usize;
            if line_start != first_item_c && line_start != doc.content_from[q.qual_start] as usize {
                return None;
            }
            (li.saturating_sub(3)..li).rev().find_map(|pl| {
                let p = &doc.layout.lines[pl];
                if !doc.text[p.start..p.end].trim_end().ends_with(':') {
                    return None;
                }
                head_metric_in(
                    doc,
                    cat,
                    (
                        doc.content_from[p.tok_start] as usize,
                        doc.content_from[p.tok_end] as usize,
                    ),
                )
            })
        };
        let mut chosen: Option<(usize, Option<usize>, Via)> =
            head_metric_in(doc, cat, (w.sentence.0, first_item_c))
                .or_else(line_head)
                .filter(|&m| compatible(doc, cat, m, q))
                .map(|m| (m, head_q.filter(|&k| out[k].metric == m), Via::ListHead));
        // 2. A figure of the same sentence before the items ("Trong số 18 ca mắc mới, TP. Chí Linh 8 ca").
        if chosen.is_none() {
            for k in (0..qi).rev() {
                if doc.layout.sentence_of[qs[k].tok] != doc.layout.sentence_of[q.tok] {
                    break;
                }
                if out[k].via == Via::Rule
                    && out[k].metric != cat.other
                    && out[k].item_place.is_none_or(|_| true)
                {
                    if compatible(doc, cat, out[k].metric, q) && qs[k].tok < q.tok {
                        chosen = Some((out[k].metric, Some(k), Via::Inherited));
                    }
                    break;
                }
            }
        }
        // 3. The total being broken down. Walking back sentence by sentence (at most eight): a
        //    paragraph that opens with a list item is part of the same list, so its first item's
        //    metric carries on ("Thành phố Trà Vinh 87 ca… / Huyện Trà Cú 59 ca…"); otherwise the
        //    first figure of the sentence that is not itself a "trong đó" breakdown is the total.
        if chosen.is_none() {
            let my_sent = doc.layout.sentence_of[q.tok];
            let my_line = doc.layout.line_of_token(q.tok);
            // Figures are in text order, so lines are too: a binary search finds the first.
            let first_of_line = |line: Option<usize>| {
                let j = qs.partition_point(|x| doc.layout.line_of_token(x.tok) < line);
                (j < qs.len() && doc.layout.line_of_token(qs[j].tok) == line).then_some(j)
            };
            let mut seen = 0;
            let mut last_sent = my_sent;
            let mut k = qi;
            while k > 0 && seen <= 8 {
                k -= 1;
                let ks = doc.layout.sentence_of[qs[k].tok];
                if ks == my_sent || ks == last_sent {
                    continue;
                }
                seen += 1;
                last_sent = ks;
                let line = doc.layout.line_of_token(qs[k].tok);
                if line != my_line
                    && let Some(j) = first_of_line(line)
                    && out[j].item_place.is_some()
                {
                    // An item that kept a cue of its own says nothing of the list's metric.
                    if out[j].via == Via::Rule {
                        continue;
                    }
                    if out[j].metric != cat.other && compatible(doc, cat, out[j].metric, q) {
                        chosen = Some((out[j].metric, Some(j), Via::Inherited));
                    }
                    break;
                }
                let in_sentence: Vec<usize> = (0..=k)
                    .rev()
                    .take_while(|&j| doc.layout.sentence_of[qs[j].tok] == ks)
                    .collect();
                let first = in_sentence
                    .iter()
                    .rev()
                    .copied()
                    .find(|&j| !is_breakdown(doc, &qs[j]));
                if let Some(j) = first {
                    if out[j].metric != cat.other && compatible(doc, cat, out[j].metric, q) {
                        chosen = Some((out[j].metric, Some(j), Via::Inherited));
                        break;
                    }
                    if out[j].item_place.is_some() {
                        break;
                    }
                }
            }
        }
        if let Some((metric, head, via)) = chosen {
            out[qi].metric = metric;
            out[qi].rule = None;
            out[qi].score = 5;
            out[qi].via = via;
            out[qi].head_quantity = head;
        }
    }
}

fn tables(doc: &Doc, cat: &Catalogue, qs: &[Quantity], places: &Places, out: &mut [Classified]) {
    let t = &doc.tokens;
    let lines = &doc.layout.lines;
    // Cells of a line: token ranges between '|' or tab separators.
    let cells = |li: usize| -> Option<Vec<(usize, usize)>> {
        let l = &lines[li];
        let line = &doc.text[l.start..l.end];
        let sep = if line.contains('|') {
            "|"
        } else if line.contains('\t') {
            "\t"
        } else {
            return None;
        };
        let mut v = Vec::new();
        if sep == "|" {
            let mut s = l.tok_start;
            for k in l.tok_start..l.tok_end {
                if t.key(k) == "|" {
                    v.push((s, k));
                    s = k + 1;
                }
            }
            v.push((s, l.tok_end));
        } else {
            // Tabs are whitespace to the tokenizer: split by byte positions.
            let mut bounds = vec![l.start];
            for (off, ch) in line.char_indices() {
                if ch == '\t' {
                    bounds.push(l.start + off);
                }
            }
            bounds.push(l.end + 1);
            for w in bounds.windows(2) {
                let a = (l.tok_start..l.tok_end)
                    .find(|&k| t.toks[k].start as usize >= w[0])
                    .unwrap_or(l.tok_end);
                let b = (l.tok_start..l.tok_end)
                    .find(|&k| t.toks[k].start as usize >= w[1])
                    .unwrap_or(l.tok_end);
                v.push((a, b));
            }
        }
        (v.len() >= 2).then_some(v)
    };
    let mut li = 0;
    while li < lines.len() {
        let Some(header) = cells(li) else {
            li += 1;
            continue;
        };
        // A header row: no figures in it.
        let has_number =
            (header.iter().flat_map(|&(a, b)| a..b)).any(|k| t.toks[k].kind == TokKind::Number);
        if has_number {
            li += 1;
            continue;
        }
        let col_metric: Vec<Option<usize>> = header
            .iter()
            .map(|&(a, b)| {
                head_metric_in(
                    doc,
                    cat,
                    (doc.content_from[a] as usize, doc.content_from[b] as usize),
                )
            })
            .collect();
        let index_col: Vec<bool> = header
            .iter()
            .map(|&(a, b)| {
                let s = cell_text(doc, a, b).trim().to_lowercase();
                matches!(s.as_str(), "stt" | "tt" | "số tt" | "số thứ tự")
            })
            .collect();
        let mut r = li + 1;
        while r < lines.len() {
            let Some(row) = cells(r) else { break };
            let place = places.mentions.iter().position(|m| {
                m.line == r
                    && m.role == PlaceRole::Governing
                    && m.resolved.is_some()
                    && row.iter().any(|&(a, b)| m.tok_start >= a && m.tok_end <= b)
            });
            let first_text = row
                .iter()
                .map(|&(a, b)| cell_text(doc, a, b).trim().to_owned())
                .find(|s| !s.is_empty() && !s.chars().all(|c| c.is_ascii_digit()))
                .unwrap_or_default();
            let total = crate::key_in!(
                &crate::text::fold_phrase(&first_text),
                [
                    "tổng cộng",
                    "toàn tỉnh",
                    "tổng",
                    "cộng",
                    "toàn thành phố",
                    "tổng số",
                    "cả tỉnh",
                    "toàn quận",
                    "toàn huyện"
                ]
            );
            for (ci, &(a, b)) in row.iter().enumerate() {
                if index_col.get(ci).copied().unwrap_or(false) {
                    continue;
                }
                let Some(metric) = col_metric.get(ci).copied().flatten() else {
                    continue;
                };
                for (qi, q) in qs.iter().enumerate() {
                    if q.tok >= a && q.tok < b && q.kind == KindDef::Bare {
                        out[qi].metric = metric;
                        out[qi].rule = None;
                        out[qi].score = 6;
                        out[qi].via = Via::Table;
                        out[qi].item_place = place;
                        out[qi].total_row = total && place.is_none();
                    }
                }
            }
            r += 1;
        }
        li = r;
    }
}

/// Text of the cell made of raw tokens `[a, b)`; empty for an empty cell.
fn cell_text<'a>(doc: &Doc<'a>, a: usize, b: usize) -> &'a str {
    let t = &doc.tokens;
    if a >= b || b > t.len() {
        return "";
    }
    &doc.text[t.toks[a].start as usize..t.toks[b - 1].end as usize]
}

/// A figure inside a breakdown ("trong đó có 220 ca cộng đồng"): part of a total, not a total.
fn is_breakdown(doc: &Doc, q: &Quantity) -> bool {
    let sent = doc.layout.sentence_of[q.tok];
    if sent == u32::MAX {
        return false;
    }
    let s = doc.layout.sentences[sent as usize];
    let from = doc.content_from[s.tok_start] as usize;
    let to = doc.content_from[q.qual_start] as usize;
    (from..to).any(|c| {
        crate::key_in!(doc.content_key(c), ["trong"])
            && crate::key_in!(doc.content_key(c + 1), ["đó", "số"])
    })
}
