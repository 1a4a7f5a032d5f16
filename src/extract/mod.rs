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
pub mod trie;

use crate::model::{ArticleMeta, Fact, Mention, MentionKind, Place, Section, Value};
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
        let mut as_ofs: Vec<Option<crate::model::PartialDate>> = vec![None; qs.len()];
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
            // Figures after the article (related links, footers) belong to other articles.
            if doc.layout.in_trailer(line) {
                continue;
            }
            let section = Section::Body;
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
                    confidence: ((base * place_factor) * 100.0).round() / 100.0,
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
        // Months without a day ("tháng 7"), outside the dates already found.
        let covered =
            |a: usize, b: usize| doc.dates.iter().any(|d| d.tok_start < b && a < d.tok_end);
        for (a, b, y, month) in dates::months(text, &doc.tokens, 0, doc.tokens.toks.len()) {
            if doc.in_url[a] || covered(a, b) {
                continue;
            }
            let s = doc.tokens.toks[a].start as usize;
            let e = doc.tokens.toks[b - 1].end as usize;
            mentions.push(Mention {
                kind: MentionKind::Month { year: y, month },
                start: s,
                end: e,
                text: text[s..e].to_owned(),
            });
        }
        for m in &places.mentions {
            // Part of another name ("Trường Đại học Cần Thơ"), or the end of an office's name
            // ("Sở Y tế Quảng Trị", "Quận ủy Ninh Kiều"): not a place mention.
            if m.role == PlaceRole::Inside
                || m.committee
                || places::ends_org_name(&doc, m.tok_start)
            {
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
    let published = meta::published(&doc);
    let year = YearGuess {
        published,
        fallback: meta::fallback_year(&doc),
    };
    let dater = Dater::new(&doc, year, published);
    let mut as_ofs: Vec<Option<crate::model::PartialDate>> = vec![None; qs.len()];
    for qi in 0..qs.len() {
        as_ofs[qi] = dater.as_of(&doc, &qs, &cls, qi, &as_ofs);
    }
    let _ = writeln!(s, "cues {:?}", dater.cue_summary());
    for (qi, (q, c)) in qs.iter().zip(&cls).enumerate() {
        let _ = write!(s, "as_of={:?} ", as_ofs[qi].map(|d| d.iso()));
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static EX: LazyLock<Extractor> = LazyLock::new(|| Extractor::bundled().unwrap());

    fn facts(text: &str) -> Vec<Fact> {
        EX.extract(text).facts
    }

    fn find<'a>(fs: &'a [Fact], metric: &str, value: f64) -> &'a Fact {
        fs.iter()
            .find(|f| f.metric == metric && f.value.representative() == value)
            .unwrap_or_else(|| {
                panic!(
                    "no {metric} {value} in {:#?}",
                    fs.iter()
                        .map(|f| (&f.metric, f.value, &f.evidence))
                        .collect::<Vec<_>>()
                )
            })
    }

    fn place(f: &Fact) -> (Option<&str>, Option<&str>) {
        (f.place.district.as_deref(), f.place.province.as_deref())
    }

    const HEAD: &str = "Tình hình dịch bệnh\n\n12/10/2021 08:15\n\n";

    #[test]
    fn enumerations_give_each_place_its_own_fact() {
        let t = format!(
            "{HEAD}Theo Sở Y tế tỉnh Trà Vinh, số ca mắc mới phân bố tại các địa phương như sau: huyện Càng Long: 12 ca; huyện Cầu Kè: 5 ca; thị xã Duyên Hải: 3 ca.\n"
        );
        let fs = facts(&t);
        assert_eq!(
            place(find(&fs, "cases_new", 12.0)),
            (Some("Càng Long"), Some("Trà Vinh"))
        );
        assert_eq!(
            place(find(&fs, "cases_new", 5.0)),
            (Some("Cầu Kè"), Some("Trà Vinh"))
        );
        assert_eq!(
            place(find(&fs, "cases_new", 3.0)),
            (Some("Duyên Hải"), Some("Trà Vinh"))
        );
    }

    #[test]
    fn daily_province_lists() {
        let t = format!(
            "{HEAD}Bộ Y tế cho biết trong 24 giờ qua cả nước ghi nhận 14.839 ca mắc mới. Các địa phương ghi nhận số ca mắc mới cao gồm: Hà Nội (1.646), Cà Mau (1.193), TP. Hồ Chí Minh (1.068).\n"
        );
        let fs = facts(&t);
        assert_eq!(
            place(find(&fs, "cases_new", 1646.0)),
            (None, Some("Hà Nội"))
        );
        assert_eq!(
            place(find(&fs, "cases_new", 1193.0)),
            (None, Some("Cà Mau"))
        );
        assert_eq!(
            place(find(&fs, "cases_new", 1068.0)),
            (None, Some("Hồ Chí Minh"))
        );
        assert_eq!(
            place(find(&fs, "cases_new", 14839.0)),
            (None, None),
            "cả nước is national"
        );
    }

    #[test]
    fn table_rows_written_as_text() {
        let t = format!(
            "{HEAD}Tỉnh Thái Bình ghi nhận thêm ca mắc mới trong ngày.\n\nĐịa phương | Ca mới | Cộng dồn\nĐông Hưng | 25 | 310\nTP. Thái Bình | 7 | 96\nTổng cộng | 32 | 406\n"
        );
        let fs = facts(&t);
        assert_eq!(
            place(find(&fs, "cases_new", 25.0)),
            (Some("Đông Hưng"), Some("Thái Bình"))
        );
        assert_eq!(
            place(find(&fs, "cases_cumulative", 310.0)),
            (Some("Đông Hưng"), Some("Thái Bình"))
        );
        assert_eq!(
            place(find(&fs, "cases_new", 7.0)),
            (Some("Thái Bình"), Some("Thái Bình"))
        );
        assert_eq!(
            place(find(&fs, "cases_cumulative", 406.0)),
            (None, Some("Thái Bình"))
        );
        // A header-less table: rows still own their figures, the metric comes from the line before.
        let t2 = format!("{HEAD}Số ca mắc mới theo địa phương:\nĐông Hưng | 25\nKiến Xương | 4\n");
        let fs2 = facts(&t2);
        assert_eq!(
            place(find(&fs2, "cases_new", 4.0)),
            (Some("Kiến Xương"), Some("Thái Bình"))
        );
    }

    #[test]
    fn attribution_order_sentence_paragraph_article() {
        let t = "Quận Ô Môn: công tác phòng dịch\n\n24/09/2021\n\nQuận đã thành lập 3 khu cách ly y tế tập trung. Công tác tiêm vắc xin được thực hiện an toàn, đến nay đã tiêm được 22.248 liều.\n\nTại huyện Cờ Đỏ, lực lượng chức năng đã xử phạt 12 trường hợp. Tổng số tiền phạt là 24 triệu đồng.\n\nNgười dân được hỗ trợ 155.250 kg gạo.\n";
        let fs = facts(t);
        let m = EX.extract(t).meta;
        assert_eq!(
            (m.place.district.as_deref(), m.place.province.as_deref()),
            (Some("Ô Môn"), Some("Cần Thơ"))
        );
        assert_eq!(
            place(find(&fs, "quarantine_facilities", 3.0)),
            (Some("Ô Môn"), Some("Cần Thơ"))
        );
        assert_eq!(
            place(find(&fs, "vaccine_doses_total", 22248.0)),
            (Some("Ô Môn"), Some("Cần Thơ")),
            "paragraph"
        );
        assert_eq!(
            place(find(&fs, "violations_fined", 12.0)),
            (Some("Cờ Đỏ"), Some("Cần Thơ")),
            "sentence"
        );
        assert_eq!(
            place(find(&fs, "fines_amount_vnd", 24_000_000.0)),
            (Some("Cờ Đỏ"), Some("Cần Thơ")),
            "paragraph"
        );
        assert_eq!(
            place(find(&fs, "aid_rice_kg", 155_250.0)),
            (Some("Ô Môn"), Some("Cần Thơ")),
            "article"
        );
    }

    #[test]
    fn numbers_multipliers_ranges_and_qualifiers() {
        let t = format!(
            "{HEAD}Huyện Châu Thành (Bến Tre) đã xử phạt 186 trường hợp với tổng số tiền 2,275 tỷ đồng. Mỗi ngày huyện chỉ ghi nhận 3-5 ca. Huyện vận động được hơn 4,2 tỷ đồng, trao 86,5 tấn gạo. Tăng trưởng kinh tế ước đạt 5,2%; thu ngân sách đạt 102,71% kế hoạch. Quy mô 1.900 đến 2.000 giường.\n"
        );
        let fs = facts(&t);
        assert_eq!(
            find(&fs, "fines_amount_vnd", 2_275_000_000.0).value,
            Value::Exact(2_275_000_000.0)
        );
        let r = fs.iter().find(|f| f.metric == "cases_new").unwrap();
        assert_eq!(r.value, Value::Range { min: 3.0, max: 5.0 });
        let aid = find(&fs, "aid_amount_vnd", 4_200_000_000.0);
        assert!(aid.approximate);
        assert_eq!(find(&fs, "aid_rice_kg", 86_500.0).unit, "kg");
        assert_eq!(find(&fs, "growth_percent", 5.2).unit, "percent");
        find(&fs, "plan_fulfilment_percent", 102.71);
        assert_eq!(
            fs.iter()
                .find(|f| f.metric == "hospital_beds")
                .unwrap()
                .value,
            Value::Range {
                min: 1900.0,
                max: 2000.0
            }
        );
    }

    #[test]
    fn what_is_not_a_fact() {
        let t = format!(
            "{HEAD}Ngày 23/9/2021, theo Chỉ thị 16/CT-TTg và Nghị quyết số 68/NQ-CP ngày 1/7/2021, công văn số 414-CV/QU, \
             huyện đứng thứ 5 trong tỉnh, lớp 10, mũi 1 của người dân, thông điệp 5K, phương châm “4 tại chỗ”, “3 trước”, \
             trực 24/24 và 24/7, 7 ngày/tuần; F0, F1; năm 2021; 9 tháng đầu năm; giai đoạn 2006 - 2016; \
             bệnh nhân (SN 1948, 78 tuổi); đường dây nóng 0275.3860.115, tổng đài 1900 9095; lúc 16:29 và 18h; \
             xem https://hanoi.gov.vn/image/z2674986482728_53ff.jpg?t=1628596519758 và COVID-19, SARS-CoV-2.\n"
        );
        let fs = facts(&t);
        let scored: Vec<_> = fs
            .iter()
            .filter(|f| f.metric != "other")
            .map(|f| (&f.metric, f.value, &f.evidence))
            .collect();
        assert!(scored.is_empty(), "{scored:#?}");
        let any: Vec<_> = fs.iter().map(|f| (&f.evidence, f.value)).collect();
        assert!(any.is_empty(), "not even as other: {any:#?}");
    }

    #[test]
    fn as_of_comes_from_the_sentence_or_the_paragraph() {
        let t = "Bản tin\n\n24/09/2021 10:00\n\nĐến ngày 23/9, quận Ô Môn có 433 ca COVID-19. Từ ngày 14/7/2021 đến nay, quận đã ban hành quyết định phong tỏa 99 điểm. Hôm qua (16/9) có 600 sinh viên tình nguyện đến hỗ trợ.\n";
        let fs = facts(t);
        assert_eq!(
            find(&fs, "cases_cumulative", 433.0)
                .as_of
                .map(|d| d.to_string())
                .as_deref(),
            Some("2021-09-23")
        );
        assert_eq!(
            find(&fs, "lockdown_points", 99.0).as_of,
            None,
            "đến nay: current, no date"
        );
        assert_eq!(
            find(&fs, "volunteers", 600.0)
                .as_of
                .map(|d| d.to_string())
                .as_deref(),
            Some("2021-09-16")
        );
    }

    #[test]
    fn first_and_full_doses_side_by_side() {
        let t = "Bản tin\n\n23/09/2021\n\nQuận Ô Môn, TP Cần Thơ đã có 20.150 người tiêm mũi 1 và 2.098 người tiêm đủ 2 mũi.\n";
        let f = EX.extract(t).facts;
        let got: Vec<(&str, f64)> = f
            .iter()
            .map(|x| (x.metric.as_str(), x.value.representative()))
            .collect();
        assert_eq!(
            got,
            [
                ("vaccine_doses_first", 20_150.0),
                ("vaccine_doses_full", 2_098.0)
            ]
        );
    }

    fn mention_texts(text: &str) -> Vec<(String, String)> {
        EX.extract(text)
            .mentions
            .into_iter()
            .map(|m| {
                let kind = match m.kind {
                    MentionKind::Date(_) | MentionKind::Month { .. } => "date",
                    MentionKind::Place(_) => "place",
                };
                (kind.to_owned(), m.text)
            })
            .collect()
    }

    #[test]
    fn place_mentions_leave_out_names_of_offices() {
        let m = mention_texts(
            "Sáng 17/8, Sở Y tế tỉnh Quảng Nam cho biết bệnh nhân điều trị tại Bệnh viện Chợ Rẫy (TP. HCM) đã khỏi.\n",
        );
        let places: Vec<&str> = m
            .iter()
            .filter(|x| x.0 == "place")
            .map(|x| x.1.as_str())
            .collect();
        assert_eq!(places, ["TP. HCM"]);
        let m = mention_texts(
            "Công văn gửi UBND huyện Quảng Uyên và huyện Trùng Khánh của tỉnh Cao Bằng.\n",
        );
        let places: Vec<&str> = m
            .iter()
            .filter(|x| x.0 == "place")
            .map(|x| x.1.as_str())
            .collect();
        assert_eq!(places, ["huyện Trùng Khánh", "tỉnh Cao Bằng"]);
        // A place after a hospital's or a street's name is where it is.
        let m = mention_texts(
            "Bệnh nhân ở ngõ 165 Cầu Giấy, phường Dịch Vọng, quận Cầu Giấy, Hà Nội từ tháng 7.\n",
        );
        assert_eq!(
            m,
            [
                ("place".to_owned(), "phường Dịch Vọng".to_owned()),
                ("place".to_owned(), "quận Cầu Giấy".to_owned()),
                ("place".to_owned(), "Hà Nội".to_owned()),
                ("date".to_owned(), "tháng 7".to_owned()),
            ]
        );
    }

    #[test]
    fn spans_slice_the_text_and_extraction_is_deterministic() {
        let text = include_str!("../../assets/sample/000_10dc9f409678ff5e.txt");
        let a = EX.extract(text);
        let b = EX.extract(text);
        assert_eq!(a, b);
        for f in &a.facts {
            assert_eq!(&text[f.start..f.end], f.evidence);
            assert!(f.start <= f.number_start && f.number_end <= f.end);
        }
        for m in &a.mentions {
            assert_eq!(&text[m.start..m.end], m.text);
        }
    }
}
