//! Which place and which date each figure belongs to.
//!
//! Place, in order: the place that owns a list item or table row; the nearest place before the
//! figure in its clause ("huyện Trảng Bom xử phạt 204 trường hợp"); a place the figure is
//! located at after it ("4 tấn gạo cho 2 khu cách ly tại thị xã Kỳ Anh"); the topic of the
//! sentence or paragraph; the article's main place. Generic words ("toàn huyện", "của tỉnh",
//! "thành phố") stand for the place in focus. Places people come from ("đến từ TP. Hồ Chí
//! Minh") and places inside other names ("Trường Đại học An Giang") never own a figure.
//!
//! Date, in order: a date or a "now" in the figure's clause ("Đến ngày 23/9, … 433 ca";
//! "đến nay đã có 598 bệnh nhân khỏi bệnh"), then earlier in its sentence and paragraph, the
//! date of the total a list breaks down, and the day the article reports on.

use super::classify::Classified;
use super::dates::DateRole;
use super::doc::Doc;
use super::gazetteer::{Gazetteer, UnitKind, UnitRef};
use super::numbers::Quantity;
use super::places::{GenericLevel, PlaceRole, Places};
use crate::model::{PartialDate, Ymd};

/// A resolved place: province and district indexes into the gazetteer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Att {
    pub province: Option<usize>,
    pub district: Option<usize>,
}

/// Where an attribution came from (it lowers confidence as it gets less direct).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttSource {
    Item,
    Clause,
    Forward,
    Sentence,
    Paragraph,
    Article,
    None,
}

/// The article's main place.
#[derive(Clone, Copy, Debug, Default)]
pub struct MainPlace {
    pub province: Option<usize>,
    pub district: Option<usize>,
}

fn att_of(g: &Gazetteer, u: UnitRef) -> Att {
    Att {
        province: Some(g.province_of(u)),
        district: g.district_of(u),
    }
}

/// A place reference usable for attribution: a named mention or a generic word.
#[derive(Clone, Copy, Debug)]
enum Ref {
    Named(usize),
    Generic(usize),
}

fn ref_pos(p: &Places, r: Ref) -> (usize, usize) {
    match r {
        Ref::Named(i) => (p.mentions[i].tok_start, p.mentions[i].tok_end),
        Ref::Generic(i) => (p.generics[i].tok, p.generics[i].tok_end),
    }
}

/// Attributes places to figures.
pub struct Attributor<'a> {
    doc: &'a Doc<'a>,
    g: &'a Gazetteer,
    places: &'a Places,
    main: MainPlace,
    refs: Vec<Ref>,
}

const LOCATIVES: &[&str] = &[
    "tại",
    "ở",
    "về",
    "đến",
    "thuộc",
    "hỗ trợ",
    "chi viện",
    "chi viện cho",
    "địa bàn",
    "trên địa bàn",
];

impl<'a> Attributor<'a> {
    pub fn new(doc: &'a Doc<'a>, g: &'a Gazetteer, places: &'a Places, main: MainPlace) -> Self {
        let mut refs: Vec<Ref> = Vec::new();
        for (i, m) in places.mentions.iter().enumerate() {
            if m.role == PlaceRole::Governing && m.resolved.is_some() {
                refs.push(Ref::Named(i));
            }
        }
        for i in 0..places.generics.len() {
            refs.push(Ref::Generic(i));
        }
        refs.sort_by_key(|r| ref_pos(places, *r).0);
        Attributor {
            doc,
            g,
            places,
            main,
            refs,
        }
    }

    fn named_att(&self, mi: usize) -> Option<Att> {
        let m = &self.places.mentions[mi];
        // A province in apposition ("TP. Biên Hòa (Đồng Nai)") stands for the district before it.
        if let Some(d) = m.apposition_of
            && let Some(u) = self.places.mentions[d].resolved
        {
            return Some(att_of(self.g, u));
        }
        m.resolved.map(|u| att_of(self.g, u))
    }

    /// What a generic word stands for at its position.
    fn generic_att(&self, gi: usize) -> Option<Att> {
        let gr = &self.places.generics[gi];
        let line = gr.line;
        let g = self.g;
        let before = |pred: &dyn Fn(UnitRef) -> bool, same_line: bool| -> Option<UnitRef> {
            self.places
                .mentions
                .iter()
                .rev()
                .filter(|m| {
                    m.tok_end <= gr.tok
                        && m.role == PlaceRole::Governing
                        && m.apposition_of.is_none()
                })
                .filter(|m| !same_line || m.line == line)
                .filter(|m| !self.doc.layout.in_trailer(m.line))
                .find_map(|m| m.resolved.filter(|u| pred(*u)))
        };
        match gr.level {
            GenericLevel::Nation => Some(Att::default()),
            GenericLevel::Province => {
                let p = before(&|_| true, true)
                    .map(|u| g.province_of(u))
                    .or(self.main.province);
                p.map(|p| Att {
                    province: Some(p),
                    district: None,
                })
            }
            GenericLevel::City => {
                let main_is_muni = self
                    .main
                    .province
                    .is_some_and(|p| g.provinces[p].kind == UnitKind::Municipality);
                let is_city = |u: UnitRef| matches!(u, UnitRef::District(d) if g.districts[d].kind == UnitKind::City);
                if let Some(u) = before(&is_city, true) {
                    return Some(att_of(g, u));
                }
                if let Some(d) = self.main.district
                    && g.districts[d].kind == UnitKind::City
                {
                    return Some(Att {
                        province: Some(g.districts[d].province),
                        district: Some(d),
                    });
                }
                if main_is_muni {
                    return Some(Att {
                        province: self.main.province,
                        district: None,
                    });
                }
                before(&is_city, false).map(|u| att_of(g, u))
            }
            GenericLevel::District(kind) => {
                let same =
                    |u: UnitRef| matches!(u, UnitRef::District(d) if g.districts[d].kind == kind);
                if let Some(u) = before(&same, true) {
                    return Some(att_of(g, u));
                }
                if let Some(d) = self.main.district
                    && g.districts[d].kind == kind
                {
                    return Some(Att {
                        province: Some(g.districts[d].province),
                        district: Some(d),
                    });
                }
                if let Some(u) = before(&same, false) {
                    return Some(att_of(g, u));
                }
                self.main.district.map(|d| Att {
                    province: Some(g.districts[d].province),
                    district: Some(d),
                })
            }
        }
    }

    fn ref_att(&self, r: Ref) -> Option<Att> {
        match r {
            Ref::Named(i) => self.named_att(i),
            Ref::Generic(i) => self.generic_att(i),
        }
    }

    fn is_strong(&self, r: Ref) -> bool {
        match r {
            Ref::Named(_) => true,
            Ref::Generic(i) => self.places.generics[i].strong,
        }
    }

    /// Nearest reference before raw token `at` and not before `from`. A reference inside a
    /// bracket closed before `at` ("(Tiên Phước 27 ca, … Quế Sơn 1 ca) và 54 ca") owns only
    /// what is inside the bracket.
    fn nearest_before(&self, from: usize, at: usize) -> Option<Ref> {
        let t = &self.doc.tokens;
        // References are sorted by start: only those starting in [from, at) can lie within.
        let hi = self
            .refs
            .partition_point(|r| ref_pos(self.places, *r).0 < at);
        self.refs[..hi]
            .iter()
            .rev()
            .take_while(|r| ref_pos(self.places, **r).0 >= from)
            .find(|r| {
                let (_, e) = ref_pos(self.places, **r);
                if e > at {
                    return false;
                }
                let mut depth = 0i32;
                for k in e..at {
                    match t.key(k) {
                        "(" => depth += 1,
                        ")" => {
                            depth -= 1;
                            if depth < 0 {
                                return false;
                            }
                        }
                        _ => {}
                    }
                }
                true
            })
            .copied()
    }

    /// A named place after the figure introduced by "tại", "ở", "về", "hỗ trợ"… in `[from, to)`,
    /// not part of a coordination ("tại huyện X và huyện Y" names no single place).
    fn forward_locative(&self, from: usize, to: usize) -> Option<usize> {
        let doc = self.doc;
        for (mi, m) in self.places.mentions.iter().enumerate() {
            if m.tok_start < from
                || m.tok_end > to
                || m.role != PlaceRole::Governing
                || m.resolved.is_none()
            {
                continue;
            }
            let c = doc.content_from[m.tok_start] as usize;
            let loc = (1..=3).any(|b| {
                c >= b && {
                    let ph: Vec<&str> = (c - b..c).map(|x| doc.content_key(x)).collect();
                    crate::key_in!(&ph.join(" "), LOCATIVES)
                }
            });
            if !loc {
                continue;
            }
            let next = self.places.mentions.get(mi + 1);
            let coordinated = next.is_some_and(|n| {
                n.line == m.line
                    && n.tok_start >= m.tok_end
                    && (m.tok_end..n.tok_start).all(|k| {
                        crate::key_in!(doc.tokens.key(k), ["và"]) || doc.tokens.key(k) == ","
                    })
                    && n.tok_start > m.tok_end
                    && n.apposition_of.is_none()
            });
            if coordinated {
                return None;
            }
            return Some(mi);
        }
        None
    }

    /// The topic of a sentence: its first strong reference (skipping list sentences).
    fn sentence_topic(
        &self,
        s_from: usize,
        s_to: usize,
        cls: &[Classified],
        qs: &[Quantity],
    ) -> Option<Att> {
        let fig = figures_in(qs, s_from, s_to);
        let first_q = qs
            .get(fig.start)
            .filter(|_| !fig.is_empty())
            .map(|q| q.qual_start);
        let items = fig.filter(|&k| cls[k].item_place.is_some()).count();
        let lo = self
            .refs
            .partition_point(|r| ref_pos(self.places, *r).0 < s_from);
        for r in &self.refs[lo..] {
            let (s, e) = ref_pos(self.places, *r);
            if s >= s_to {
                break;
            }
            if e <= s_to && self.is_strong(*r) {
                // A list of places is no topic, unless a place stands before its first figure
                // ("Tại Đức Trọng, 40 ca mới: … xã Đà Loan 11 ca, thị trấn Liên Nghĩa 10 ca").
                if items >= 2 && first_q.is_none_or(|f| e > f) {
                    return None;
                }
                return self.ref_att(*r);
            }
        }
        None
    }

    /// For "Cờ Đỏ và Ô Môn, mỗi nơi 1 ca": the places the figure holds for, in text order.
    pub fn distributive_places(&self, q: &Quantity) -> Vec<Att> {
        let doc = self.doc;
        let t = &doc.tokens;
        // Back from "mỗi nơi" over ',' to the last place, then over ',' / "và" to the others.
        let Some(qc) = doc.content_at(q.qual_start) else {
            return Vec::new();
        };
        // The marker starts one word before the figure ("đều") or two ("mỗi nơi").
        let back = if qc >= 1 && crate::key_in!(doc.content_key(qc - 1), ["đều"]) {
            1
        } else {
            2
        };
        let Some(each) = qc.checked_sub(back).map(|c| doc.content[c] as usize) else {
            return Vec::new();
        };
        let mut out: Vec<Att> = Vec::new();
        let mut bound = each;
        for m in self.places.mentions.iter().rev() {
            if m.tok_end > bound {
                continue;
            }
            let gap_ok =
                (m.tok_end..bound).all(|k| t.key(k) == "," || crate::key_in!(t.key(k), ["và"]));
            if !gap_ok || m.role != PlaceRole::Governing {
                break;
            }
            if let Some(u) = m.resolved {
                out.push(att_of(self.g, u));
            }
            bound = m.tok_start;
        }
        out.reverse();
        out
    }

    /// Place of quantity `qi`, and where it came from.
    pub fn place(&self, qs: &[Quantity], cls: &[Classified], qi: usize) -> (Att, AttSource) {
        let doc = self.doc;
        let q = &qs[qi];
        let c = &cls[qi];
        let lay = &doc.layout;
        let line = lay.line_of_token(q.tok).unwrap_or(0);
        let trailer = lay.in_trailer(line);
        if let Some(mi) = c.item_place
            && let Some(a) = self.named_att(mi)
        {
            return (a, AttSource::Item);
        }
        if c.total_row {
            return (
                Att {
                    province: self.main.province,
                    district: None,
                },
                AttSource::Item,
            );
        }
        let sent = lay.sentence_of[q.tok];
        let (s_start, s_end) = if sent == u32::MAX {
            (q.tok, q.tok_end)
        } else {
            let s = lay.sentences[sent as usize];
            (s.tok_start, s.tok_end)
        };
        let mut cl_start = s_start;
        for k in (s_start..q.qual_start).rev() {
            if doc.tokens.key(k) == ";" {
                cl_start = k + 1;
                break;
            }
        }
        let mut cl_end = s_end;
        for k in q.tok_end..s_end {
            if doc.tokens.key(k) == ";" {
                cl_end = k;
                break;
            }
        }
        let next_q = qs
            .get(qi + 1)
            .map_or(cl_end, |n| n.qual_start.min(cl_end))
            .max(q.tok_end);
        // In the clause, before the figure.
        if let Some(r) = self.nearest_before(cl_start, q.qual_start) {
            let weak = !self.is_strong(r);
            let weak_province = matches!(r, Ref::Generic(i) if matches!(self.places.generics[i].level, GenericLevel::Province | GenericLevel::City))
                || matches!(r, Ref::Named(i) if self.places.mentions[i].resolved.is_some_and(|u| self.g.kind(u).is_province()) && self.places.mentions[i].apposition_of.is_none());
            let bound = if weak { cl_end } else { next_q };
            if (weak || weak_province)
                && let Some(mi) = self.forward_locative(q.tok_end, bound)
                && let Some(a) = self.named_att(mi)
                && a.district.is_some()
                && (weak || self.ref_att(r).is_some_and(|b| b.province == a.province))
            {
                return (a, AttSource::Forward);
            }
            // "Huyện Thuận Thành vẫn là ổ dịch lớn nhất tỉnh với 114 ca": a weak generic word
            // does not displace the place the clause is about.
            if weak
                && let Some(named) = self
                    .nearest_before(cl_start, ref_pos(self.places, r).0)
                    .filter(|n| matches!(n, Ref::Named(_)))
                && let Some(a) = self.ref_att(named)
            {
                return (a, AttSource::Clause);
            }
            if let Some(a) = self.ref_att(r) {
                return (a, AttSource::Clause);
            }
        }
        // After the figure: "tại thị xã Kỳ Anh", "về hỗ trợ huyện Ea H'leo".
        if let Some(mi) = self.forward_locative(q.tok_end, next_q)
            && let Some(a) = self.named_att(mi)
        {
            return (a, AttSource::Forward);
        }
        if trailer {
            return (Att::default(), AttSource::None);
        }
        // Earlier clauses of the sentence: a place before its clause's first figure (the clause's
        // subject), not a place trailing another figure ("48 ca … ở H.Trần Đề, TX.Vĩnh Châu; …").
        if cl_start > s_start {
            let mut end = cl_start.saturating_sub(1);
            while end > s_start {
                let mut start = s_start;
                for k in (s_start..end).rev() {
                    if doc.tokens.key(k) == ";" {
                        start = k + 1;
                        break;
                    }
                }
                let fig = figures_in(qs, start, end);
                let first_q = qs
                    .get(fig.start)
                    .filter(|_| !fig.is_empty())
                    .map_or(end, |x| x.qual_start);
                if let Some(r) = self.nearest_before(start, first_q)
                    && let Some(a) = self.ref_att(r)
                {
                    return (a, AttSource::Sentence);
                }
                end = start.saturating_sub(1);
            }
        }
        // Earlier sentences of the paragraph.
        if sent != u32::MAX {
            let mut si = sent as usize;
            while si > 0 {
                si -= 1;
                let s = lay.sentences[si];
                if s.line != line {
                    break;
                }
                if let Some(a) = self.sentence_topic(s.tok_start, s.tok_end, cls, qs) {
                    return (a, AttSource::Paragraph);
                }
            }
        }
        if self.main.province.is_some() {
            return (
                Att {
                    province: self.main.province,
                    district: self.main.district,
                },
                AttSource::Article,
            );
        }
        (Att::default(), AttSource::None)
    }
}

/// A temporal cue in the text.
#[derive(Clone, Copy, Debug)]
enum Cue {
    /// A date the text reports at.
    At(PartialDate),
    /// "đến nay", "hiện nay": the figure is current, no date.
    Now,
    /// "cùng ngày", "trong ngày": the day last mentioned.
    Same,
}

/// Relative temporal phrases by first word: (folded words, true for "now" / false for "same day").
type RelativeCues = rustc_hash::FxHashMap<String, Vec<(Vec<String>, bool)>>;

/// Dates figures refer to.
pub struct Dater {
    cues: Vec<(usize, Cue)>,
}

/// How to complete dates written without a year.
#[derive(Clone, Copy, Debug)]
pub struct YearGuess {
    pub published: Option<Ymd>,
    /// A year written in the article, for articles without a publication date.
    pub fallback: Option<i32>,
}

impl YearGuess {
    /// Completes a date: the year of publication (or the one before, for a December date in an
    /// article of January), else the year written in the article.
    pub fn complete(&self, d: PartialDate) -> PartialDate {
        if d.year.is_some() {
            return d;
        }
        if let Some(p) = self.published {
            let mut y = p.year;
            if let Some(x) = Ymd::new(y, d.month, d.day)
                && x.days_since_epoch() > p.days_since_epoch() + 45
            {
                y -= 1;
            }
            return PartialDate { year: Some(y), ..d };
        }
        PartialDate {
            year: self.fallback,
            ..d
        }
    }
}

const NOW_CUES: &[&str] = &[
    "đến nay",
    "tới nay",
    "hiện nay",
    "hiện tại",
    "hiện",
    "từ đầu năm",
    "thời gian qua",
    "gần đây",
    "trở lại đây",
    "ngày qua",
    "tuần qua",
    "tháng qua",
    "giờ qua",
    "đến thời điểm này",
    "thời điểm hiện tại",
    "vừa qua",
];
const SAME_CUES: &[&str] = &[
    "cùng ngày",
    "trong ngày",
    "cùng thời điểm",
    "cùng thời gian",
    "dịp này",
    "thời điểm trên",
    "cùng thời điểm trên",
];

impl Dater {
    pub fn new(doc: &Doc, year: YearGuess, published: Option<Ymd>) -> Dater {
        let mut cues: Vec<(usize, Cue)> = Vec::new();
        for d in &doc.dates {
            if doc
                .layout
                .line_of_token(d.tok_start)
                .is_some_and(|l| doc.layout.datelines.contains(&l))
            {
                continue;
            }
            let date = year.complete(d.date);
            match d.role {
                DateRole::Point | DateRole::End => cues.push((d.tok_start, Cue::At(date))),
                DateRole::Deadline => {
                    // A limit that has passed by publication dates what is counted up to it.
                    let passed = match (date.ymd(), published) {
                        (Some(x), Some(p)) => x <= p,
                        _ => true,
                    };
                    if passed {
                        cues.push((d.tok_start, Cue::At(date)));
                    }
                }
                DateRole::Start | DateRole::Document => {}
            }
        }
        // "sáng nay", "hôm nay" (the day of publication), "hôm qua" (the day before), when no date
        // is written right after them.
        if let Some(pubd) = published {
            let today = PartialDate {
                year: Some(pubd.year),
                month: pubd.month,
                day: pubd.day,
            };
            let y = Ymd::from_days_since_epoch(pubd.days_since_epoch() - 1);
            let yesterday = PartialDate {
                year: Some(y.year),
                month: y.month,
                day: y.day,
            };
            for c in 1..doc.content.len() {
                let k = doc.content_key(c);
                // Folded keys: "nay" and "qua" carry no tone mark.
                if !matches!(k, "nay" | "qua") {
                    continue;
                }
                let prev = doc.content_key(c - 1);
                let dated = doc
                    .content
                    .get(c + 1)
                    .is_some_and(|&r| doc.in_date[r as usize])
                    || doc.content.get(c + 2).is_some_and(|&r| {
                        doc.in_date[r as usize] && crate::key_in!(doc.content_key(c + 1), ["ngày"])
                    });
                if dated {
                    continue;
                }
                let raw = doc.content[c - 1] as usize;
                if crate::key_in!(k, ["nay"])
                    && crate::key_in!(prev, ["sáng", "trưa", "chiều", "tối", "hôm", "đêm"])
                {
                    cues.push((raw, Cue::At(today)));
                } else if crate::key_in!(k, ["qua"])
                    && crate::key_in!(prev, ["hôm", "chiều", "tối", "sáng", "đêm"])
                {
                    cues.push((raw, Cue::At(yesterday)));
                }
            }
        }
        // Relative cues, folded and split once: (words, cue), by first word.
        static RELATIVE: std::sync::LazyLock<RelativeCues> = std::sync::LazyLock::new(|| {
            let mut m: RelativeCues = RelativeCues::default();
            for (list, now) in [(NOW_CUES, true), (SAME_CUES, false)] {
                for p in list {
                    let words: Vec<String> = crate::text::fold_phrase(p)
                        .split(' ')
                        .map(str::to_owned)
                        .collect();
                    m.entry(words[0].clone()).or_default().push((words, now));
                }
            }
            m
        });
        // Their first words: a bit test on the first byte and the length turns most words away
        // before the table is searched.
        static FIRST: std::sync::LazyLock<crate::text::Lexicon> = std::sync::LazyLock::new(|| {
            let words: Vec<&str> = RELATIVE.keys().map(String::as_str).collect();
            crate::text::Lexicon::new(&words)
        });
        let (relative, first) = (&*RELATIVE, &*FIRST);
        let nc = doc.content.len();
        for c in 0..nc {
            let key = doc.content_key(c);
            if !first.contains(key) {
                continue;
            }
            let Some(cands) = relative.get(key) else {
                continue;
            };
            let raw = doc.content[c] as usize;
            for (words, now) in cands {
                if c + words.len() > nc
                    || !words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| doc.content_key(c + k) == w)
                {
                    continue;
                }
                // "trong ngày 15/9" is a date, not "the same day".
                let dated = doc
                    .content
                    .get(c + words.len())
                    .is_some_and(|&r| doc.in_date[r as usize]);
                // "hiện" means "now" only on its own, not in "thực hiện", "phát hiện", "xuất hiện".
                if words.len() == 1
                    && crate::key_in!(&words[0], ["hiện"])
                    && c > 0
                    && crate::key_in!(
                        doc.content_key(c - 1),
                        ["thực", "xuất", "phát", "thể", "biểu", "hiển"]
                    )
                {
                    continue;
                }
                if !dated {
                    cues.push((raw, if *now { Cue::Now } else { Cue::Same }));
                }
            }
        }
        cues.sort_by_key(|c| c.0);
        Dater { cues }
    }

    /// The cues found, for `baocao debug`.
    pub fn cue_summary(&self) -> Vec<String> {
        self.cues
            .iter()
            .map(|(p, c)| match c {
                Cue::At(d) => format!("{p}:{}", d.iso()),
                Cue::Now => format!("{p}:now"),
                Cue::Same => format!("{p}:same"),
            })
            .collect()
    }

    fn last_at_before(&self, pos: usize) -> Option<PartialDate> {
        self.cues
            .iter()
            .rev()
            .filter(|(p, _)| *p < pos)
            .find_map(|(_, c)| match c {
                Cue::At(d) => Some(*d),
                _ => None,
            })
    }

    fn resolve(&self, cue: Cue, pos: usize) -> Option<PartialDate> {
        match cue {
            Cue::At(d) => Some(d),
            Cue::Now => None,
            Cue::Same => self.last_at_before(pos),
        }
    }

    /// The date quantity `qi` refers to.
    pub fn as_of(
        &self,
        doc: &Doc,
        qs: &[Quantity],
        cls: &[Classified],
        qi: usize,
        resolved: &[Option<PartialDate>],
    ) -> Option<PartialDate> {
        let q = &qs[qi];
        let lay = &doc.layout;
        let sent = lay.sentence_of[q.tok];
        if sent == u32::MAX {
            return None;
        }
        let s = lay.sentences[sent as usize];
        let line = s.line;
        let mut cl_start = s.tok_start;
        for k in (s.tok_start..q.qual_start).rev() {
            if doc.tokens.key(k) == ";" {
                cl_start = k + 1;
                break;
            }
        }
        let mut cl_end = s.tok_end;
        for k in q.tok_end..s.tok_end {
            if doc.tokens.key(k) == ";" {
                cl_end = k;
                break;
            }
        }
        // Cues are sorted by position: the ones in [a, b) by two binary searches.
        let in_range = |a: usize, b: usize| {
            let lo = self.cues.partition_point(|(p, _)| *p < a);
            let hi = self.cues.partition_point(|(p, _)| *p < b).max(lo);
            self.cues[lo..hi].iter()
        };
        // The clause, before the figure, then after it (dates only).
        if let Some((p, c)) = in_range(cl_start, q.qual_start).next_back() {
            return self.resolve(*c, *p);
        }
        if let Some((p, c)) = in_range(q.tok_end, cl_end).find(|(_, c)| matches!(c, Cue::At(_))) {
            return self.resolve(*c, *p);
        }
        // The total this figure breaks down.
        if let Some(h) = cls[qi].head_quantity
            && h < qi
        {
            return resolved[h];
        }
        // "Trong số 18 ca mắc mới": the same figure given earlier, with its date.
        let qc = doc.content_from[q.qual_start] as usize;
        let back_ref = (2..=3).any(|b| {
            qc >= b && {
                let ph: Vec<&str> = (qc - b..qc).map(|x| doc.content_key(x)).collect();
                let j = ph.join(" ");
                crate::key_in!(&j, ["trong số", "trong tổng số"])
            }
        });
        if back_ref
            && let Some(k) = (0..qi)
                .rev()
                .find(|&k| qs[k].value == q.value && cls[k].metric == cls[qi].metric)
        {
            return resolved[k];
        }
        // Earlier in the sentence and the paragraph.
        let para_start = lay.lines[line].tok_start;
        if let Some((p, c)) = in_range(para_start, cl_start).next_back() {
            return self.resolve(*c, *p);
        }
        // The figure before, in the same paragraph, carries its date to this one.
        if let Some(k) = (0..qi)
            .rev()
            .find(|&k| lay.line_of_token(qs[k].tok) == Some(line))
            && resolved[k].is_some()
        {
            return resolved[k];
        }
        if lay.in_trailer(line) {
            return None;
        }
        // The day the article reports on.
        if line >= lay.body_start {
            return self.last_at_before(para_start);
        }
        None
    }
}

/// Indexes of the figures whose number starts in tokens `[from, to)`: figures are in text
/// order, so two binary searches find them (a scan per figure would be quadratic in a file
/// without line breaks).
fn figures_in(qs: &[Quantity], from: usize, to: usize) -> std::ops::Range<usize> {
    let lo = qs.partition_point(|q| q.tok < from);
    let hi = qs.partition_point(|q| q.tok < to).max(lo);
    lo..hi
}
