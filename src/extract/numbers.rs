//! Numbers as Vietnamese writes them, and which of them are quantities.
//!
//! '.' groups thousands and ',' marks decimals ("2.008" = 2008, "2,275" = 2.275); multipliers
//! follow the number ("2,275 tỷ đồng"); ranges are "1-2", "1.900 đến 2.000", "từ 5 đến 7";
//! qualifiers ("khoảng", "hơn", "lên đến") make a figure approximate. Most numbers in a report
//! are not facts: dates, times, years, phone numbers, document codes ("16/CT-TTg"), labels
//! ("mũi 1", "Khu 1", "lớp 10", "số 2"), slogans in quotes ("4 tại chỗ"), ages and durations.
//! This module sorts them; the words it relies on are data in the catalogue.

use super::catalogue::{Catalogue, Hit, PhraseSet};
use super::catalogue_schema::KindDef;
use super::doc::Doc;
use crate::model::Value;
use crate::text::TokKind;

/// A quantity found in the text, before classification.
#[derive(Clone, Debug)]
pub struct Quantity {
    /// First raw token of the number (the first number of a range).
    pub tok: usize,
    /// One past the last raw token of the number expression (multiplier and unit included).
    pub tok_end: usize,
    /// Raw token where the expression starts, qualifier ("hơn", "từ") included.
    pub qual_start: usize,
    /// Last raw token of the number itself (the second number of a range).
    pub num_last: usize,
    pub value: Value,
    pub kind: KindDef,
    /// Measure unit ("m2", "ha") when the number measures an area or a length.
    pub measure: Option<String>,
    /// Content index of the noun right after the number, for `Count`.
    pub head: Option<usize>,
    pub approximate: bool,
    /// "mỗi người 2 triệu đồng", "150.000 đồng/ngày": a rate, not a total.
    pub per_unit: bool,
    /// "58/58 trường": the total after the slash.
    pub of_total: Option<f64>,
    /// The noun is not written after the number: "trong đó có 07 trong cộng đồng" (the noun of
    /// the figure before is meant), "số người tiêm mũi 2 là 4.162" (the noun is before).
    pub elided: bool,
    /// "Cờ Đỏ và Ô Môn, mỗi nơi 1 ca": the figure holds for each of the places before it.
    pub distributive: bool,
}

/// Parses a number token written the Vietnamese way. Returns `None` when the grouping is not
/// that of a number (a phone number, a date).
pub fn parse_vn(s: &str) -> Option<f64> {
    let (int, frac) = match s.split_once(',') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    if let Some(f) = frac
        && (f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let groups: Vec<&str> = int.split('.').collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let digits: String = groups.concat();
    let mut v: f64 = digits.parse().ok()?;
    if let Some(f) = frac {
        let fv: f64 = format!("0.{f}").parse().ok()?;
        v += fv;
    }
    Some(v)
}

fn ends_with_hit(doc: &Doc, set: &PhraseSet, at: usize) -> Option<Hit> {
    // A phrase of `set` whose last content token is `at - 1`.
    doc.hits_ending_at(at).find(|h| set.contains(h.phrase))
}

fn starts_with_hit(doc: &Doc, set: &PhraseSet, at: usize) -> Option<Hit> {
    doc.hits_starting_at(at)
        .filter(|h| set.contains(h.phrase))
        .max_by_key(|h| h.end)
}

/// Finds the quantities of `doc`.
pub fn quantities(doc: &Doc, cat: &Catalogue) -> Vec<Quantity> {
    let t = &doc.tokens;
    let text = doc.text;
    let nw = &cat.numbers;
    let mut out = Vec::new();
    let mut i = 0;
    let n = t.len();
    while i < n {
        let tok = &t.toks[i];
        if tok.kind != TokKind::Number || doc.in_date[i] || doc.in_url[i] {
            i += 1;
            continue;
        }
        let s = &text[tok.range()];
        // Glued to a word before: "COVID-19", "BN-12", "SARS-CoV-2".
        if tok.glued_left && i > 0 {
            let p = &t.toks[i - 1];
            let glued_word = p.kind == TokKind::Word
                || (p.kind == TokKind::Punct
                    && p.glued_left
                    && i > 1
                    && t.toks[i - 2].kind == TokKind::Word
                    && matches!(t.key(i - 1), "-" | "/" | "."));
            if glued_word {
                i += 1;
                continue;
            }
        }
        // "COVID -19", "COVID - 19", "SARS-CoV - 2": written with spaces, still the name.
        if i >= 2
            && t.key(i - 1) == "-"
            && t.toks[i - 2].kind == TokKind::Word
            && crate::key_in!(t.key(i - 2), ["covid", "cov", "sars", "ncov"])
        {
            i += 1;
            continue;
        }
        // Chains glued with ':' (times), or with '/' '-' into codes ("16/CT-TTg").
        let next_glued = |k: usize| k < n && t.toks[k].glued_left;
        if next_glued(i + 1)
            && t.key(i + 1) == ":"
            && next_glued(i + 2)
            && t.toks[i + 2].kind == TokKind::Number
        {
            i += 3;
            continue;
        }
        if next_glued(i + 1)
            && matches!(t.key(i + 1), "/" | "-")
            && next_glued(i + 2)
            && t.toks[i + 2].kind == TokKind::Word
        {
            // A document code: skip the whole chain.
            let mut k = i + 1;
            while k < n && t.toks[k].glued_left && t.toks[k].kind != TokKind::Newline {
                k += 1;
            }
            i = k;
            continue;
        }
        let Some(mut v) = parse_vn(s) else {
            i += 1;
            continue;
        };
        let digits = s.chars().filter(char::is_ascii_digit).count();
        // Phone numbers and long codes.
        if (s.starts_with('0') && digits >= 4) || digits >= 9 && !s.contains(['.', ',']) {
            i += 1;
            continue;
        }
        let ci = doc.content_at(i);
        let Some(ci) = ci else {
            i += 1;
            continue;
        };
        let sentence_start = doc.sentence_content_start(i);
        if (sentence_start..ci).rev().take(6).any(|k| {
            doc.hits_starting_at(k)
                .any(|h| nw.phone_cues.contains(h.phrase))
        }) {
            i += 1;
            continue;
        }
        // Slogans and names in quotes: "4 tại chỗ", "Siêu thị 0 đồng".
        if doc.in_short_quote(i) {
            i += 1;
            continue;
        }
        let mut num_last = i;
        let mut end = i + 1;
        let mut value = Value::Exact(v);
        let mut of_total = None;
        let mut qual_start = i;
        // Glued range "1-2", fraction "58/58", round the clock "24/24".
        if next_glued(i + 1) && next_glued(i + 2) && t.toks[i + 2].kind == TokKind::Number {
            let sep = t.key(i + 1).to_owned();
            let s2 = &text[t.toks[i + 2].range()];
            if let Some(v2) = parse_vn(s2) {
                if sep == "-" {
                    if is_year(v, s) && is_year(v2, s2) {
                        i += 3;
                        continue;
                    }
                    if v2 > v {
                        value = Value::Range { min: v, max: v2 };
                        num_last = i + 2;
                        end = i + 3;
                    }
                } else if sep == "/" {
                    if v == 24.0 && (v2 == 24.0 || v2 == 7.0) {
                        i += 3;
                        continue;
                    }
                    of_total = Some(v2);
                    num_last = i + 2;
                    end = i + 3;
                } else {
                    i += 3;
                    continue;
                }
            }
        }
        // Years: "năm 2021", "(SN 1948)", "2020 - 2021".
        if of_total.is_none() && matches!(value, Value::Exact(_)) && is_year(v, s) {
            let after_is_count = doc.content_at(end).is_some_and(|k| {
                doc.hits_starting_at(k)
                    .any(|h| nw.count_nouns.contains(h.phrase))
            });
            let after_dash_year = end + 1 < n
                && matches!(t.key(end), "-" | "đến")
                && t.toks[end + 1].kind == TokKind::Number
                && is_year(
                    parse_vn(&text[t.toks[end + 1].range()]).unwrap_or(0.0),
                    &text[t.toks[end + 1].range()],
                );
            let before_year_cue = ends_with_hit(doc, &nw.year_cues, ci).is_some();
            if before_year_cue || after_dash_year || !after_is_count {
                i = if after_dash_year { end + 2 } else { end };
                continue;
            }
        }
        // Ranges written with words: "từ 2 đến 4 ca", "1.900 đến 2.000m2", "1 - 2".
        if matches!(value, Value::Exact(_)) && of_total.is_none() && end + 1 < n {
            let sep = t.key(end);
            let is_sep = sep == "-" || crate::key_in!(sep, ["đến", "tới"]);
            if is_sep && t.toks[end + 1].kind == TokKind::Number && !doc.in_date[end + 1] {
                let s2 = &text[t.toks[end + 1].range()];
                if let Some(v2) = parse_vn(s2)
                    && v2 > v
                    && !(is_year(v, s) && is_year(v2, s2))
                {
                    value = Value::Range { min: v, max: v2 };
                    num_last = end + 1;
                    end += 2;
                }
            }
        }
        // Qualifiers before: "khoảng", "hơn", "lên đến"; "từ" opening a range.
        let mut approximate = false;
        let mut q = ci;
        loop {
            if let Some(h) = ends_with_hit(doc, &nw.approximate, q) {
                approximate = true;
                q = h.start as usize;
                continue;
            }
            break;
        }
        if matches!(value, Value::Range { .. })
            && q > 0
            && crate::key_in!(doc.content_key(q - 1), ["từ"])
        {
            q -= 1;
        }
        if q < ci {
            qual_start = doc.content[q] as usize;
        }
        // Labels: "mũi 1", "Khu 1", "lớp 10", "số 2", unless a count noun follows ("Quyết
        // định 99 điểm phong tỏa"). "tổng số 1.850 giường" is a total, not a label.
        let label = ends_with_hit(doc, &nw.label_nouns, q);
        // "Thanh Chương: 2", "Tân Kỳ: 152": a name ending in a label word, with a colon between.
        let label = label.filter(|h| {
            let last = doc.content[h.end as usize - 1] as usize;
            let first = doc.content[h.start as usize] as usize;
            let touching = (last + 1..qual_start.max(i))
                .all(|k| t.toks[k].kind != TokKind::Punct || t.key(k) == ".");
            let in_name = t.toks[first].capital
                && first > 0
                && t.toks[first - 1].kind == TokKind::Word
                && t.toks[first - 1].capital;
            touching && !in_name
        });
        if let Some(h) = label {
            let is_total = crate::key_in!(doc.content_key(h.start as usize), ["số"])
                && h.start > 0
                && crate::key_in!(doc.content_key(h.start as usize - 1), ["tổng"]);
            let count_follows = doc.content_at(end).is_some_and(|k| {
                starts_with_hit(doc, &nw.count_nouns, k).is_some()
                    && !t.toks[doc.content[k] as usize].capital
            });
            if !is_total && !count_follows {
                i = end;
                continue;
            }
        }
        // Multipliers: "2,275 tỷ", "1 tỷ 200 triệu".
        let mut k = doc.content_at(end);
        if let Some(kk) = k
            && let Some((h, f)) = multiplier_at(doc, cat, kk)
        {
            value = value.scaled(f);
            v *= f;
            end = doc.content[h.end as usize - 1] as usize + 1;
            k = doc.content_at(end);
            // "1 tỷ 200 triệu": a smaller amount follows.
            if let Some(kk) = k
                && t.toks[doc.content[kk] as usize].kind == TokKind::Number
                && let Some(v2) = parse_vn(doc.content_text(kk))
                && let Some((h2, f2)) = multiplier_at(doc, cat, kk + 1)
                && f2 < f
            {
                value = Value::Exact(v + v2 * f2);
                end = doc.content[h2.end as usize - 1] as usize + 1;
                k = doc.content_at(end);
            }
        }
        // The unit.
        let mut kind = KindDef::Bare;
        let mut measure = None;
        let mut head = None;
        let mut elided = false;
        if end < n && t.key(end) == "%" {
            kind = KindDef::Percent;
            end += 1;
        } else if let Some(kk) = k
            && doc.content[kk] as usize == end
        {
            let unit_tok = doc.content[kk] as usize;
            if let Some(h) = starts_with_hit(doc, &nw.money, kk) {
                kind = KindDef::Money;
                end = doc.content[h.end as usize - 1] as usize + 1;
            } else if let Some((h, f)) = nw
                .mass
                .iter()
                .filter_map(|(id, f)| {
                    doc.hits_starting_at(kk)
                        .find(|h| h.phrase == *id)
                        .map(|h| (h, *f))
                })
                .max_by_key(|(h, _)| h.end)
            {
                kind = KindDef::Mass;
                value = value.scaled(f);
                end = doc.content[h.end as usize - 1] as usize + 1;
            } else if let Some(h) = starts_with_hit(doc, &nw.measures, kk) {
                kind = KindDef::Count;
                measure = Some(doc.content_text(kk).to_owned());
                end = doc.content[h.end as usize - 1] as usize + 1;
            } else if starts_with_hit(doc, &nw.schedule_units, kk).is_some()
                && matches!(value, Value::Exact(x) if x <= 4.0)
            {
                // "tiêm đủ 2 mũi", "ít nhất 1 mũi": a schedule, not a count.
                i = end.max(i + 1);
                continue;
            } else if starts_with_hit(doc, &nw.not_fact_units, kk).is_some() {
                // Ages, durations, times: "78 tuổi", "15 ngày", "gấp 3 lần", "18h".
                i = end.max(i + 1);
                continue;
            } else if t.toks[unit_tok].kind == TokKind::Word {
                let w = doc.content_text(kk);
                if w.eq_ignore_ascii_case("phần")
                    && crate::key_in!(doc.content_key(kk + 1), ["trăm"])
                {
                    kind = KindDef::Percent;
                    end = doc.content[kk + 1] as usize + 1;
                } else if t.toks[unit_tok].glued_left && t.toks[unit_tok].has_digit {
                    // "3K", glued codes.
                    i = end;
                    continue;
                } else if crate::key_in!(
                    doc.content_key(kk),
                    [
                        "trong", "tại", "ở", "là", "được", "đã", "và", "với", "của", "cho", "thì",
                        "có", "đều", "chưa", "không", "so", "trên", "từ", "đến", "khi", "nhưng",
                        "còn", "vẫn", "đang"
                    ]
                ) {
                    // "07 trong cộng đồng": the noun is understood.
                    kind = KindDef::Count;
                    elided = true;
                } else {
                    kind = KindDef::Count;
                    head = Some(kk);
                }
            }
        }
        // "số người tiêm mũi 2 là 4.162": a bare figure after "là" names the count of the noun
        // written after "số" before it.
        if kind == KindDef::Bare
            && end <= n
            && crate::key_in!(doc.content_key(ci.saturating_sub(1)), ["là", "gồm"])
            && ci > 0
        {
            kind = KindDef::Count;
            elided = true;
        }
        if kind == KindDef::Count
            && let Some(h) = head
            && t.toks[doc.content[h] as usize].glued_left
            && t.toks[doc.content[h] as usize].has_digit
        {
            // A letter glued right after the digits ("18h" is one token; "2.000m2" is handled
            // as a measure above): anything else glued is a code.
            if measure.is_none() {
                i = end;
                continue;
            }
        }
        // Rates: "mỗi người 2 triệu đồng", "150.000 đồng/ngày", "10 mẫu/ống".
        let slash_after = |k: usize| k < n && t.key(k) == "/" && t.toks[k].glued_left;
        let head_end = head.and_then(|h| {
            doc.hits_starting_at(h)
                .map(|x| x.end as usize)
                .max()
                .or(Some(h + 1))
        });
        // "mỗi nơi 1 ca", "mỗi huyện 2 ca": each of the places named before.
        let distributive = (ci >= 2
            && crate::key_in!(doc.content_key(ci - 2), ["mỗi"])
            && crate::key_in!(
                doc.content_key(ci - 1),
                [
                    "nơi",
                    "địa phương",
                    "huyện",
                    "quận",
                    "xã",
                    "phường",
                    "tỉnh",
                    "đơn vị",
                    "thị xã",
                    "thành phố"
                ]
            ))
            || (ci >= 1 && crate::key_in!(doc.content_key(ci - 1), ["đều"]));
        let per_unit = !distributive && doc.left_has_each(ci)
            || slash_after(end)
            || head_end.is_some_and(|he| he > 0 && slash_after(doc.content[he - 1] as usize + 1));
        out.push(Quantity {
            tok: i,
            tok_end: end,
            qual_start,
            num_last,
            value,
            kind,
            measure,
            head,
            approximate,
            per_unit,
            of_total,
            elided,
            distributive,
        });
        i = (num_last + 1).max(i + 1);
    }
    out
}

fn is_year(v: f64, s: &str) -> bool {
    !s.contains(['.', ',']) && s.len() == 4 && (1900.0..=2100.0).contains(&v)
}

fn multiplier_at(doc: &Doc, cat: &Catalogue, k: usize) -> Option<(Hit, f64)> {
    cat.numbers
        .multipliers
        .iter()
        .filter_map(|(id, f)| {
            doc.hits_starting_at(k)
                .find(|h| h.phrase == *id)
                .map(|h| (h, *f))
        })
        .max_by_key(|(h, _)| h.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_grouping() {
        assert_eq!(parse_vn("2.008"), Some(2008.0));
        assert_eq!(parse_vn("48.321"), Some(48321.0));
        assert_eq!(parse_vn("1.187.402"), Some(1_187_402.0));
        assert_eq!(parse_vn("2,275"), Some(2.275));
        assert_eq!(parse_vn("100,13"), Some(100.13));
        assert_eq!(parse_vn("03"), Some(3.0));
        assert_eq!(parse_vn("0275.3860.115"), None);
        assert_eq!(parse_vn("24.7"), None);
        assert_eq!(parse_vn("1.2345"), None);
    }
}
