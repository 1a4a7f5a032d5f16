//! Title, publication date and main place of an article.
//!
//! The date comes only from a dateline (a line that is nothing but a date, a time and words
//! such as "Thứ Tư", "Cập nhật lúc", "GMT+7"), never from the body or from related links. The
//! main place is the first place of the title ("Quận Ô Môn: …", "Trà Vinh: Thêm 312 ca…"), or,
//! for titles without one, the district the body keeps returning to, in the province with the
//! most evidence.

use super::attribution::MainPlace;
use super::dates::date_chain;
use super::doc::Doc;
use super::gazetteer::{Gazetteer, UnitRef};
use super::places::{PlaceRole, Places};
use crate::model::Ymd;
use crate::text::TokKind;
use std::collections::HashMap;

/// The headline: the title line, trimmed.
///
/// A text without line breaks has its whole first paragraph as "title": past 300 characters
/// the title is its first words, cut at a space, with an ellipsis (lists and exports show it).
pub fn title(doc: &Doc) -> String {
    const LONG: usize = 300;
    const KEEP: usize = 120;
    match doc.layout.title {
        Some(i) => {
            let l = &doc.layout.lines[i];
            let t = doc.text[l.start..l.end].trim();
            if t.chars().count() <= LONG {
                return t.to_owned();
            }
            let mut cut = t.char_indices().nth(KEEP).map_or(t.len(), |(i, _)| i);
            if let Some(sp) = t[..cut].rfind(' ') {
                cut = sp;
            }
            format!("{}…", t[..cut].trim_end())
        }
        None => String::new(),
    }
}

/// The publication date: from a dateline (never from the body or from related links).
///
/// Pages saved from portals often carry two: the day the page was saved, in the site's header,
/// and the article's own, right after its title (which the page repeats below the menus). The
/// one following the last occurrence of the title wins; then one whose year the body also
/// mentions; then the first.
pub fn published(doc: &Doc) -> Option<Ymd> {
    let lay = &doc.layout;
    let mut cands: Vec<(usize, Ymd)> = Vec::new();
    for &li in &lay.datelines {
        if li >= lay.related_start {
            break;
        }
        let l = &lay.lines[li];
        for i in l.tok_start..l.tok_end {
            if doc.tokens.toks[i].kind == TokKind::Number
                && let Some((d, m, Some(y), _)) = date_chain(doc.text, &doc.tokens, i, l.tok_end)
                && let Some(ymd) = Ymd::new(y, m as u8, d as u8)
            {
                cands.push((li, ymd));
                break;
            }
        }
    }
    if cands.len() <= 1 {
        return cands.first().map(|c| c.1);
    }
    let title_text = title(doc);
    let title_lines: Vec<usize> = lay
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !title_text.is_empty() && doc.text[l.start..l.end].trim() == title_text)
        .map(|(i, _)| i)
        .collect();
    if let Some(&last_title) = title_lines.last()
        && title_lines.len() > 1
        && let Some(c) = cands
            .iter()
            .find(|(li, _)| *li > last_title && *li <= last_title + 3)
    {
        return Some(c.1);
    }
    let body_years: Vec<i32> = doc
        .dates
        .iter()
        .filter(|d| {
            !lay.datelines
                .contains(&lay.line_of_token(d.tok_start).unwrap_or(usize::MAX))
        })
        .filter_map(|d| d.date.year)
        .collect();
    if !body_years.is_empty()
        && let Some(c) = cands.iter().find(|(_, y)| body_years.contains(&y.year))
    {
        return Some(c.1);
    }
    cands.first().map(|c| c.1)
}

/// A year written in full in the title or body, for completing dates of articles without a
/// dateline: the first such year (page furniture, usually at the end, comes later).
pub fn fallback_year(doc: &Doc) -> Option<i32> {
    doc.dates
        .iter()
        .filter(|d| {
            let line = doc.layout.line_of_token(d.tok_start);
            !line.is_some_and(|l| doc.layout.in_trailer(l) || doc.layout.datelines.contains(&l))
        })
        .find_map(|d| d.date.year)
}

/// The article's main place.
pub fn main_place(doc: &Doc, g: &Gazetteer, places: &Places) -> MainPlace {
    let lay = &doc.layout;
    let from_unit = |u: UnitRef| -> MainPlace {
        match u {
            UnitRef::Province(p) => MainPlace {
                province: Some(p),
                district: None,
            },
            UnitRef::District(d) => MainPlace {
                province: Some(g.districts[d].province),
                district: Some(d),
            },
            UnitRef::Ward(w) => {
                let d = g.wards[w].district;
                MainPlace {
                    province: Some(g.districts[d].province),
                    district: Some(d),
                }
            }
        }
    };
    if let Some(tl) = lay.title
        && let Some(m) = places.mentions.iter().find(|m| {
            m.line == tl
                && m.role == PlaceRole::Governing
                && m.resolved.is_some()
                && m.apposition_of.is_none()
        })
        && let Some(u) = m.resolved
    {
        let mut mp = from_unit(u);
        // "Quận Ô Môn" with Cần Thơ nowhere in the title: the province still comes from the unit.
        if mp.province.is_none() {
            mp.province = best_province(places);
        }
        return mp;
    }
    // No place in the title: the district the body is about.
    let province = best_province(places);
    let mut counts: HashMap<usize, f32> = HashMap::new();
    for m in &places.mentions {
        if lay.in_trailer(m.line)
            || m.role != PlaceRole::Governing
            || m.line < lay.body_start && Some(m.line) != lay.title
        {
            continue;
        }
        let Some(u) = m.resolved else { continue };
        let (d, w) = match u {
            UnitRef::District(d) => (d, 1.0),
            UnitRef::Ward(w) => (g.wards[w].district, 0.5),
            UnitRef::Province(_) => continue,
        };
        if province.is_some_and(|p| g.districts[d].province != p) {
            continue;
        }
        *counts.entry(d).or_default() += w;
    }
    let total: f32 = counts.values().sum();
    let mut best: Vec<(usize, f32)> = counts.into_iter().collect();
    best.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    let district = best
        .first()
        .filter(|(_, c)| *c >= 2.0 && *c >= 0.6 * total)
        .map(|(d, _)| *d);
    let province = district.map(|d| g.districts[d].province).or(province);
    MainPlace { province, district }
}

fn best_province(places: &Places) -> Option<usize> {
    places
        .province_scores
        .iter()
        .max_by(|a, b| {
            a.1.partial_cmp(b.1)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.0.cmp(a.0))
        })
        .filter(|(_, s)| **s > 0.0)
        .map(|(p, _)| *p)
}
