//! Extraction: article text in, metadata, facts and mentions out.
//!
//! [`Extractor::extract`] is a pure function of the text, the catalogue and the gazetteer: no
//! global state, no I/O. It can run on many files at once (the extractor is `Sync`) and again
//! after a catalogue edit with identical results for identical inputs.
//!
//! Stages: tokens and layout (`doc`, `layout`) → dates (`dates`) → quantities (`numbers`) →
//! places (`places`) → metadata (`meta`) → metric of each quantity (`classify`) → place and
//! date of each figure (`attribution`) → facts with evidence spans.

pub mod attribution;
pub mod catalogue;
pub mod catalogue_schema;
pub mod classify;
pub mod dates;
pub mod doc;
pub mod gazetteer;
pub mod gazetteer_data;
pub mod layout;
pub mod meta;
pub mod numbers;
pub mod places;

use crate::model::{ArticleMeta, Fact, Mention, MentionKind, Place, Section, Value, Ymd};
use attribution::{Att, AttSource, Attributor, Dater, YearGuess};
use catalogue::Catalogue;
use catalogue_schema::KindDef;
use classify::Via;
use doc::Doc;
use gazetteer::Gazetteer;
use places::PlaceRole;
use std::sync::Arc;

/// Everything extracted from one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    pub meta: ArticleMeta,
    pub facts: Vec<Fact>,
    pub mentions: Vec<Mention>,
}

/// Extracts facts with a given catalogue and gazetteer.
#[derive(Clone)]
pub struct Extractor {
    pub catalogue: Arc<Catalogue>,
    pub gazetteer: Arc<Gazetteer>,
}

/// Errors when building an extractor from bundled or user assets.
#[derive(Debug, thiserror::Error)]
pub enum ExtractorError {
    #[error(transparent)]
    Catalogue(#[from] catalogue::CatalogueError),
    #[error(transparent)]
    Gazetteer(#[from] gazetteer::GazetteerError),
}

impl Extractor {
    /// An extractor with the bundled catalogue and gazetteer.
    pub fn bundled() -> Result<Extractor, ExtractorError> {
        Ok(Extractor {
            catalogue: Arc::new(Catalogue::bundled()?),
            gazetteer: Arc::new(Gazetteer::bundled()?),
        })
    }

    /// Same gazetteer, another catalogue (after the user edits it).
    pub fn with_catalogue(&self, catalogue: Catalogue) -> Extractor {
        Extractor {
            catalogue: Arc::new(catalogue),
            gazetteer: self.gazetteer.clone(),
        }
    }

    /// Extracts metadata, facts and mentions from an article's text (already decoded, NFC).
    pub fn extract(&self, text: &str) -> Extraction {
        let cat = &*self.catalogue;
        let g = &*self.gazetteer;
        let doc = Doc::new(text, cat);
        let qs = numbers::quantities(&doc, cat);
        let places = places::find(&doc, g);
        let published = meta::published(&doc);
        let main = meta::main_place(&doc, g, &places);
        let cls = classify::classify(&doc, cat, &qs, &places);
        let year = YearGuess {
            published,
            fallback: meta::fallback_year(&doc),
        };
        let att = Attributor::new(&doc, g, &places, main);
        let dater = Dater::new(&doc, year, published);

        let title = meta::title(&doc);
        let chars = text.chars().count();
        let meta = ArticleMeta {
            title,
            published,
            place: Place {
                district: main.district.map(|d| g.districts[d].name.clone()),
                province: main.province.map(|p| g.provinces[p].name.clone()),
            },
            chars,
        };

        let mut facts = Vec::new();
        let mut as_ofs: Vec<Option<Ymd>> = vec![None; qs.len()];
        for qi in 0..qs.len() {
            as_ofs[qi] = dater.as_of(&doc, &qs, &cls, qi, &as_ofs);
        }
        for (qi, q) in qs.iter().enumerate() {
            let c = &cls[qi];
            // Bare figures with no list or table to explain them are not facts.
            if q.kind == KindDef::Bare
                && c.via != Via::ListHead
                && c.via != Via::Table
                && c.via != Via::Inherited
            {
                continue;
            }
            let line = doc.layout.line_of_token(q.tok).unwrap_or(0);
            let section = if doc.layout.in_trailer(line) {
                Section::Trailer
            } else {
                Section::Body
            };
            let (a, source) = att.place(&qs, &cls, qi);
            let spread = if q.distributive {
                att.distributive_places(q)
            } else {
                Vec::new()
            };
            let places_for: Vec<(Att, AttSource)> = if spread.len() >= 2 {
                spread.into_iter().map(|a| (a, AttSource::Item)).collect()
            } else {
                vec![(a, source)]
            };
            let metric = &cat.metrics[c.metric];
            let is_other = c.metric == cat.other;
            let unit = if is_other {
                match (q.kind, &q.measure) {
                    (_, Some(m)) => m.clone(),
                    (KindDef::Money, _) => "VND".to_owned(),
                    (KindDef::Percent, _) => "percent".to_owned(),
                    (KindDef::Mass, _) => "kg".to_owned(),
                    _ => "count".to_owned(),
                }
            } else {
                metric.unit.clone()
            };
            let (start, end) = evidence_span(&doc, cat, &qs, &cls, qi, &places);
            let base = if is_other {
                0.3
            } else {
                (0.5 + 0.05 * f32::from(c.score.max(5))).min(0.97)
            };
            let section_factor = if section == Section::Trailer {
                0.5
            } else {
                1.0
            };
            let rule = match (c.rule, c.via) {
                (Some(ri), _) => format!("{}/{}", metric.id, cat.rules[ri].id),
                (None, Via::ListHead) => format!("{}/list-head", metric.id),
                (None, Via::Table) => format!("{}/table-column", metric.id),
                (None, Via::Inherited) => format!("{}/list-total", metric.id),
                (None, _) if q.per_unit => "other/per-unit".to_owned(),
                (None, _) => "other/quantity".to_owned(),
            };
            let value = match q.of_total {
                Some(_) => q.value,
                None => q.value,
            };
            for (pa, psrc) in &places_for {
                let place_factor = match psrc {
                    AttSource::Item | AttSource::Clause => 1.0,
                    AttSource::Forward | AttSource::Sentence => 0.95,
                    AttSource::Paragraph => 0.92,
                    AttSource::Article => 0.9,
                    AttSource::None => 0.7,
                };
                facts.push(Fact {
                    metric: metric.id.clone(),
                    value: round_value(value),
                    unit: unit.clone(),
                    approximate: q.approximate,
                    place: att_place(g, *pa),
                    as_of: as_ofs[qi],
                    evidence: text[start..end].to_owned(),
                    start,
                    end,
                    number_start: doc.tokens.toks[q.tok].start as usize,
                    number_end: doc.tokens.toks[q.num_last].end as usize,
                    confidence: ((base * place_factor * section_factor) * 100.0).round() / 100.0,
                    rule: rule.clone(),
                    section,
                });
            }
        }

        // An approximate headline figure ("hơn 6.000 bệnh nhân", "trên 2 tỷ đồng") restating an
        // exact one of the body (same metric and place, within 20%) is dropped: the body's is the fact.
        if let Some(tl) = doc.layout.title {
            let title_span = doc.layout.lines[tl].start..doc.layout.lines[tl].end;
            let restated: Vec<bool> = facts
                .iter()
                .map(|f| {
                    title_span.contains(&f.start)
                        && f.approximate
                        && facts.iter().any(|b| {
                            !title_span.contains(&b.start)
                                && b.metric == f.metric
                                && b.place == f.place
                                && (b.value.representative() - f.value.representative()).abs()
                                    <= 0.2 * b.value.representative().abs()
                        })
                })
                .collect();
            let mut k = 0;
            facts.retain(|_| {
                k += 1;
                !restated[k - 1]
            });
        }
        // A headline figure repeats one of the body: same metric, value and place, same date.
        if let Some(tl) = doc.layout.title {
            let title_span = doc.layout.lines[tl].start..doc.layout.lines[tl].end;
            for i in 0..facts.len() {
                if !title_span.contains(&facts[i].start) || facts[i].as_of.is_some() {
                    continue;
                }
                let twin = facts.iter().find(|f| {
                    !title_span.contains(&f.start)
                        && f.metric == facts[i].metric
                        && f.value == facts[i].value
                        && f.place == facts[i].place
                        && f.as_of.is_some()
                });
                if let Some(tw) = twin.map(|f| f.as_of) {
                    facts[i].as_of = tw;
                }
            }
        }

        let mut mentions = Vec::new();
        for d in &doc.dates {
            if doc.in_url[d.tok_start] {
                continue;
            }
            let s = doc.tokens.toks[d.tok_start].start as usize;
            let e = doc.tokens.toks[d.tok_end - 1].end as usize;
            mentions.push(Mention {
                kind: MentionKind::Date(year.complete(d.date)),
                start: s,
                end: e,
                text: text[s..e].to_owned(),
            });
        }
        for m in &places.mentions {
            if m.role == PlaceRole::Inside {
                continue;
            }
            let Some(u) = m.resolved else { continue };
            // "Quận ủy Ninh Kiều": the place is the name; "quận Ô Môn": type word and name.
            let from = if m.committee {
                m.name_start
            } else {
                m.tok_start
            };
            let s = doc.tokens.toks[from].start as usize;
            let e = doc.tokens.toks[m.tok_end - 1].end as usize;
            let a = Att {
                province: Some(g.province_of(u)),
                district: g.district_of(u),
            };
            mentions.push(Mention {
                kind: MentionKind::Place(att_place(g, a)),
                start: s,
                end: e,
                text: text[s..e].to_owned(),
            });
        }
        mentions.sort_by_key(|m| (m.start, m.end));
        Extraction {
            meta,
            facts,
            mentions,
        }
    }
}

fn att_place(g: &Gazetteer, a: Att) -> Place {
    Place {
        district: a.district.map(|d| g.districts[d].name.clone()),
        province: a.province.map(|p| g.provinces[p].name.clone()),
    }
}

/// Rounds away binary noise from multiplications (2,275 × 10⁹ = 2 275 000 000 exactly).
fn round_value(v: Value) -> Value {
    let r = |x: f64| {
        if x.abs() >= 1000.0 {
            x.round()
        } else {
            (x * 1e6).round() / 1e6
        }
    };
    match v {
        Value::Exact(x) => Value::Exact(r(x)),
        Value::Range { min, max } => Value::Range {
            min: r(min),
            max: r(max),
        },
    }
}

/// The evidence: from the cue or list place just before the number (when close) to the end of
/// its unit and the cue right after it.
fn evidence_span(
    doc: &Doc,
    cat: &Catalogue,
    qs: &[numbers::Quantity],
    cls: &[classify::Classified],
    qi: usize,
    places: &places::Places,
) -> (usize, usize) {
    let q = &qs[qi];
    let c = &cls[qi];
    let t = &doc.tokens;
    let mut start_tok = q.qual_start;
    let mut end_tok = q.tok_end.saturating_sub(1).max(q.num_last);
    let w = classify::windows(doc, qs, qi);
    if let Some(mi) = c.item_place {
        let m = &places.mentions[mi];
        if m.tok_start < start_tok
            && m.line == doc.layout.line_of_token(q.tok).unwrap_or(usize::MAX)
        {
            start_tok = m.tok_start;
        }
    } else if let Some(ri) = c.rule {
        let r = &cat.rules[ri];
        // A left cue ending within three words of the number.
        let qc = w.before_end;
        let left_hit = doc
            .hits_within(w.left.0, w.left.1)
            .filter(|h| {
                (r.left.contains(h.phrase) || r.before.contains(h.phrase))
                    && h.end as usize + 3 >= qc
            })
            .min_by_key(|h| h.start);
        if let Some(h) = left_hit {
            start_tok = start_tok.min(doc.content[h.start as usize] as usize);
        }
    }
    // The unit phrase, then a near cue of the winning rule.
    if let Some(h) = q.head {
        if let Some(hit) = doc
            .hits_starting_at(h)
            .filter(|x| cat.phrases.len_of(x.phrase) <= 4)
            .max_by_key(|x| x.end)
        {
            end_tok = end_tok.max(doc.content[hit.end as usize - 1] as usize);
        } else {
            end_tok = end_tok.max(doc.content[h] as usize);
        }
    }
    if let Some(ri) = c.rule {
        let r = &cat.rules[ri];
        if let Some(hit) = doc
            .hits_within(w.near.0, w.near.1)
            .filter(|x| r.near.contains(x.phrase))
            .max_by_key(|x| x.end)
        {
            end_tok = end_tok.max(doc.content[hit.end as usize - 1] as usize);
        }
    }
    let s = t.toks[start_tok].start as usize;
    let e = t.toks[end_tok].end as usize;
    (s, e)
}

/// A human-readable trace of every stage, for `baocao debug FILE` (rule authors' tool).
pub fn trace(ex: &Extractor, text: &str) -> String {
    use std::fmt::Write as _;
    let cat = &*ex.catalogue;
    let g = &*ex.gazetteer;
    let doc = Doc::new(text, cat);
    let mut s = String::new();
    let lay = &doc.layout;
    let _ = writeln!(
        s,
        "title line {:?}, body from line {}, trailer from line {}, datelines {:?}",
        lay.title, lay.body_start, lay.trailer_start, lay.datelines
    );
    for d in &doc.dates {
        let _ = writeln!(
            s,
            "date  {:?} {:?} '{}'",
            d.role,
            d.date,
            doc.span_text(d.tok_start, d.tok_end - 1)
        );
    }
    let qs = numbers::quantities(&doc, cat);
    let places = places::find(&doc, g);
    for m in &places.mentions {
        let r = m.resolved.map(|u| {
            format!(
                "{} ({})",
                g.unit_name(u),
                g.provinces[g.province_of(u)].name
            )
        });
        let _ = writeln!(
            s,
            "place '{}' {:?} {:?} -> {:?} appos={:?}",
            doc.span_text(m.tok_start, m.tok_end - 1),
            m.role,
            m.typed,
            r,
            m.apposition_of
        );
    }
    for gr in &places.generics {
        let _ = writeln!(
            s,
            "generic '{}' {:?} strong={}",
            doc.span_text(gr.tok, gr.tok_end - 1),
            gr.level,
            gr.strong
        );
    }
    let cls = classify::classify(&doc, cat, &qs, &places);
    for (q, c) in qs.iter().zip(&cls) {
        let rule = c.rule.map(|r| cat.rules[r].id.clone()).unwrap_or_default();
        let _ = writeln!(
            s,
            "qty '{}' {:?} {:?} head={:?} per_unit={} -> {} {} score={} via={:?} item={:?}",
            doc.span_text(q.qual_start, q.tok_end.saturating_sub(1).max(q.num_last)),
            q.value,
            q.kind,
            q.head.map(|h| doc.content_text(h)),
            q.per_unit,
            cat.metrics[c.metric].id,
            rule,
            c.score,
            c.via,
            c.item_place
        );
    }
    s
}
