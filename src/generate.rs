//! A scale corpus: realistic district reports written by recombining the sentence patterns of
//! real bulletins with provinces and districts from the gazetteer, varied numbers, dates and
//! layouts, together with the known answer for every figure.
//!
//! Why: speed must be measured on tens of thousands of reports, and accuracy at that scale
//! needs answers nobody has to write by hand. Each report is deterministic in (seed, index), so
//! a benchmark and an accuracy run see the same corpus. The patterns are classes of phrasing
//! ("Tính đến ngày …, quận X có N ca", lists "huyện A (12), huyện B (5)", lockdowns with
//! households and people, fines in millions of đồng) plus sentences without figures and
//! numbers that are not facts (hotlines, document numbers, times, years), and a trailer of
//! related links that must not change the article's date or place.

use crate::extract::gazetteer::{Gazetteer, UnitKind};
use crate::model::{Ymd, format_number};
use serde::Serialize;
use std::fmt::Write as _;

/// A small, fast, deterministic generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next_u64() % v.len() as u64) as usize]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.range(1, 100) <= percent
    }
}

/// A known answer: one fact of a generated report, in the gold format of `score.py`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GoldFact {
    pub kind: &'static str,
    pub file: String,
    pub metric: &'static str,
    pub value: f64,
    pub unit: &'static str,
    pub district: Option<String>,
    pub province: Option<String>,
    pub as_of: Option<String>,
    pub evidence: String,
    pub optional: bool,
}

/// A known article record.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GoldArticle {
    pub kind: &'static str,
    pub file: String,
    pub title: String,
    pub published: Option<String>,
    pub district: Option<String>,
    pub province: Option<String>,
}

/// One generated report.
#[derive(Clone, Debug)]
pub struct Report {
    pub file: String,
    pub text: String,
    pub article: GoldArticle,
    pub facts: Vec<GoldFact>,
}

/// A district as written in a report.
#[derive(Clone, Debug)]
struct Unit {
    /// As written with its type word ("huyện Châu Thành", "Quận 1").
    written: String,
    /// The gazetteer's name ("Châu Thành", "Quận 1").
    name: String,
}

fn type_word(k: UnitKind) -> &'static str {
    match k {
        UnitKind::Quan => "quận",
        UnitKind::ThiXa => "thị xã",
        UnitKind::City => "thành phố",
        _ => "huyện",
    }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A number as Vietnamese bulletins write it ("2.008").
fn vn(n: u64) -> String {
    format_number(n as f64)
}

fn dm(d: Ymd) -> String {
    format!("{}/{}", d.day, d.month)
}

const FILLER: &[&str] = &[
    "Công tác phòng, chống dịch tiếp tục được triển khai quyết liệt, đồng bộ với tinh thần \"chống dịch như chống giặc\", không để dịch bệnh lây lan ra cộng đồng.",
    "Ban Chỉ đạo yêu cầu các địa phương tăng cường kiểm tra, giám sát việc thực hiện các biện pháp phòng dịch tại chợ, siêu thị, cơ sở sản xuất kinh doanh.",
    "Người dân được khuyến cáo thực hiện nghiêm thông điệp 5K của Bộ Y tế, hạn chế ra khỏi nhà khi không thật sự cần thiết.",
    "Lực lượng y tế cơ sở, tổ COVID cộng đồng đã chủ động rà soát, nắm danh sách người từ vùng dịch trở về địa phương để theo dõi sức khỏe.",
    "Các trường hợp có biểu hiện sốt, ho, khó thở cần liên hệ ngay với trạm y tế gần nhất để được hướng dẫn, không tự ý đi khám.",
    "Lãnh đạo địa phương cho biết sẽ tiếp tục duy trì các chốt kiểm soát, đồng thời bảo đảm lưu thông hàng hóa thiết yếu phục vụ đời sống nhân dân.",
    "Công tác hỗ trợ người dân gặp khó khăn do ảnh hưởng của dịch bệnh được thực hiện kịp thời, đúng đối tượng, công khai, minh bạch.",
    "Trong thời gian tới, ngành y tế tiếp tục đẩy nhanh tiến độ tiêm chủng, ưu tiên người cao tuổi và người có bệnh nền.",
    "Theo đánh giá của cơ quan chuyên môn, tình hình dịch bệnh trên địa bàn cơ bản được kiểm soát nhưng nguy cơ lây nhiễm vẫn còn cao.",
    "Các đoàn kiểm tra liên ngành đã đến từng khu dân cư để kiểm tra việc thực hiện giãn cách xã hội và nhắc nhở người dân.",
    "Đường dây nóng của Sở Y tế hoạt động 24/24 giờ để tiếp nhận thông tin phản ánh của người dân.",
    "Mọi thông tin chi tiết xin liên hệ số điện thoại 0292.3820.123 hoặc đường dây nóng 1900 9095.",
    "Thực hiện Chỉ thị số 16/CT-TTg và Công văn số 1234/UBND-VX, địa phương đã điều chỉnh kịch bản ứng phó phù hợp với tình hình mới.",
    "Cuộc họp trực tuyến diễn ra lúc 17h30 với sự tham dự của đại diện các sở, ngành và lãnh đạo các địa phương.",
    "Năm 2021 là năm có nhiều khó khăn, thách thức, nhưng địa phương vẫn nỗ lực thực hiện mục tiêu kép vừa chống dịch vừa phát triển kinh tế.",
];

const HEADLINES: &[&str] = &[
    "tăng cường các biện pháp phòng, chống dịch COVID-19",
    "kiểm soát chặt chẽ tình hình dịch bệnh",
    "nỗ lực đưa cuộc sống trở lại trạng thái bình thường mới",
    "đẩy nhanh tiến độ tiêm vắc xin phòng COVID-19",
    "siết chặt giãn cách xã hội, truy vết các ca bệnh",
];

/// Writes one report with its answers. `index` names the file and, with `seed`, fixes the
/// content.
pub fn report(g: &Gazetteer, seed: u64, index: usize) -> Report {
    let mut r = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(index as u64));
    let file = format!("r{index:05}.txt");
    // A province with at least three current districts.
    let provinces: Vec<usize> = (0..g.provinces.len())
        .filter(|&p| g.districts_of(p).filter(|d| !d.former).count() >= 3)
        .collect();
    let pi = *r.pick(&provinces);
    let prov = &g.provinces[pi];
    let prov_written = match prov.kind {
        UnitKind::Municipality => format!("TP {}", prov.name),
        _ => format!("tỉnh {}", prov.name),
    };
    let units: Vec<Unit> = g
        .districts_of(pi)
        .filter(|d| !d.former)
        .map(|d| {
            let numbered = d.name.starts_with("Quận ")
                || d.name.chars().next().is_some_and(|c| c.is_ascii_digit());
            Unit {
                written: if numbered {
                    d.name.clone()
                } else {
                    format!("{} {}", type_word(d.kind), d.name)
                },
                name: d.name.clone(),
            }
        })
        .collect();
    let published = Ymd::from_days_since_epoch(
        Ymd::new(2020, 4, 1).map_or(0, Ymd::days_since_epoch) + r.range(0, 800) as i64,
    );
    let yesterday = Ymd::from_days_since_epoch(published.days_since_epoch() - 1);
    // The article is about one district or about the province.
    let about_district = r.chance(60);
    let main = about_district.then(|| r.pick(&units).clone());
    let (place_title, place_district) = match &main {
        Some(u) => (cap(&u.written), Some(u.name.clone())),
        None => (prov.name.clone(), None),
    };
    let title = format!("{place_title}: {}", r.pick(HEADLINES));
    let mut facts: Vec<GoldFact> = Vec::new();
    let fact = |facts: &mut Vec<GoldFact>,
                metric: &'static str,
                value: f64,
                unit: &'static str,
                district: Option<&str>,
                as_of: Option<Ymd>,
                evidence: String| {
        facts.push(GoldFact {
            kind: "fact",
            file: file.clone(),
            metric,
            value,
            unit,
            district: district.map(str::to_owned),
            province: Some(prov.name.clone()),
            as_of: as_of.map(|d| d.to_string()),
            evidence,
            optional: false,
        });
    };

    let mut body: Vec<String> = Vec::new();
    // The subject of the article's sentences.
    let subject = main
        .as_ref()
        .map_or(prov_written.clone(), |u| u.written.clone());
    let subject_district = main.as_ref().map(|u| u.name.as_str());
    let n_paragraphs = r.range(4, 9);
    let mut used: Vec<u8> = Vec::new();
    for _ in 0..n_paragraphs {
        let kind = r.range(0, 9) as u8;
        if used.contains(&kind) && kind < 8 {
            // One paragraph of each kind with figures; fillers may repeat.
            body.push((*r.pick(FILLER)).to_owned());
            continue;
        }
        used.push(kind);
        match kind {
            0 => {
                let n = r.range(20, 9000);
                let ev = format!("{subject} có {} ca", vn(n));
                fact(
                    &mut facts,
                    "cases_cumulative",
                    n as f64,
                    "cases",
                    subject_district,
                    Some(yesterday),
                    ev.clone(),
                );
                body.push(format!(
                    "Tính đến ngày {}, {ev} mắc COVID-19. {}",
                    dm(yesterday),
                    r.pick(FILLER)
                ));
            }
            1 => {
                let a = r.range(0, 60);
                let b = r.range(1, 120);
                let n = a + b;
                let day = dm(published);
                let ev_n = format!("{} ca mắc mới", vn(n));
                let ev_a = format!("{} ca trong cộng đồng", vn(a));
                let ev_b = format!("{} ca trong khu cách ly", vn(b));
                fact(
                    &mut facts,
                    "cases_new",
                    n as f64,
                    "cases",
                    subject_district,
                    Some(published),
                    ev_n.clone(),
                );
                fact(
                    &mut facts,
                    "cases_community",
                    a as f64,
                    "cases",
                    subject_district,
                    Some(published),
                    ev_a.clone(),
                );
                fact(
                    &mut facts,
                    "cases_in_quarantine",
                    b as f64,
                    "cases",
                    subject_district,
                    Some(published),
                    ev_b.clone(),
                );
                body.push(format!(
                    "Trong ngày {day}, {subject} ghi nhận {ev_n}, trong đó {ev_a} và {ev_b}."
                ));
            }
            2 if main.is_none() => {
                // A list of districts with their new cases.
                let k = r.range(3, units.len().min(7) as u64) as usize;
                let mut picked: Vec<&Unit> = Vec::new();
                while picked.len() < k {
                    let u = r.pick(&units);
                    if !picked.iter().any(|p| p.name == u.name) {
                        picked.push(u);
                    }
                }
                let mut items = Vec::new();
                for u in picked {
                    let n = r.range(1, 400);
                    let item = format!("{} ({})", u.written, vn(n));
                    fact(
                        &mut facts,
                        "cases_new",
                        n as f64,
                        "cases",
                        Some(&u.name),
                        Some(published),
                        item.clone(),
                    );
                    items.push(item);
                }
                body.push(format!(
                    "Các ca mắc mới trong ngày {} phân bố tại: {}.",
                    dm(published),
                    items.join(", ")
                ));
            }
            3 => {
                let total = r.range(5_000, 900_000);
                let first = total * r.range(55, 80) / 100;
                let full = total - first;
                let ev_t = format!("{} liều vắc xin", vn(total));
                let ev_f = format!("{} người tiêm mũi 1", vn(first));
                let ev_2 = format!("{} người tiêm đủ 2 mũi", vn(full));
                fact(
                    &mut facts,
                    "vaccine_doses_total",
                    total as f64,
                    "doses",
                    subject_district,
                    None,
                    ev_t.clone(),
                );
                fact(
                    &mut facts,
                    "vaccine_doses_first",
                    first as f64,
                    "doses",
                    subject_district,
                    None,
                    ev_f.clone(),
                );
                fact(
                    &mut facts,
                    "vaccine_doses_full",
                    full as f64,
                    "doses",
                    subject_district,
                    None,
                    ev_2.clone(),
                );
                body.push(format!(
                    "Về tiêm chủng, đến nay {subject} đã tiêm được {ev_t}, trong đó có {ev_f} và {ev_2}."
                ));
            }
            4 => {
                let p = r.range(2, 150);
                let h = p * r.range(8, 40);
                let k = h * r.range(3, 5);
                let ev_p = format!("{} điểm", vn(p));
                let ev_h = format!("{} hộ", vn(h));
                let ev_k = format!("{} nhân khẩu", vn(k));
                fact(
                    &mut facts,
                    "lockdown_points",
                    p as f64,
                    "points",
                    subject_district,
                    None,
                    ev_p.clone(),
                );
                fact(
                    &mut facts,
                    "lockdown_households",
                    h as f64,
                    "households",
                    subject_district,
                    None,
                    ev_h.clone(),
                );
                fact(
                    &mut facts,
                    "lockdown_people",
                    k as f64,
                    "people",
                    subject_district,
                    None,
                    ev_k.clone(),
                );
                body.push(format!(
                    "Hiện {subject} đang phong tỏa {ev_p}, với {ev_h}, {ev_k}. {}",
                    r.pick(FILLER)
                ));
            }
            5 => {
                let v = r.range(3, 900);
                let millions = r.range(4, 2500);
                let ev_v = format!("{} trường hợp", vn(v));
                let (ev_m, amount) = if millions >= 1000 && millions.is_multiple_of(5) {
                    let t = millions as f64 / 1000.0;
                    (format!("{} tỷ đồng", format_number(t)), t * 1e9)
                } else {
                    (
                        format!("{} triệu đồng", vn(millions)),
                        millions as f64 * 1e6,
                    )
                };
                fact(
                    &mut facts,
                    "violations_fined",
                    v as f64,
                    "cases",
                    subject_district,
                    None,
                    ev_v.clone(),
                );
                fact(
                    &mut facts,
                    "fines_amount_vnd",
                    amount,
                    "VND",
                    subject_district,
                    None,
                    ev_m.clone(),
                );
                body.push(format!(
                    "Qua kiểm tra, lực lượng chức năng {subject} đã xử phạt {ev_v} vi phạm quy định phòng, chống dịch, với số tiền {ev_m}."
                ));
            }
            6 => {
                let rec = r.range(5, 3000);
                let dead = r.range(0, 40);
                let ev_r = format!("{} bệnh nhân được điều trị khỏi", vn(rec));
                fact(
                    &mut facts,
                    "recovered",
                    rec as f64,
                    "cases",
                    subject_district,
                    None,
                    ev_r.clone(),
                );
                let mut s = format!("Cũng theo báo cáo, có {ev_r}, xuất viện");
                if dead > 0 {
                    let ev_d = format!("{} ca tử vong", vn(dead));
                    fact(
                        &mut facts,
                        "deaths",
                        dead as f64,
                        "cases",
                        subject_district,
                        None,
                        ev_d.clone(),
                    );
                    let _ = write!(s, "; ghi nhận {ev_d}");
                }
                s.push('.');
                body.push(s);
            }
            7 => {
                let samples = r.range(200, 250_000);
                let ev = format!("{} mẫu xét nghiệm", vn(samples));
                fact(
                    &mut facts,
                    "tests_samples",
                    samples as f64,
                    "samples",
                    subject_district,
                    None,
                    ev.clone(),
                );
                body.push(format!(
                    "Ngành y tế đã lấy {ev} để tầm soát trong cộng đồng. {}",
                    r.pick(FILLER)
                ));
            }
            _ => body.push((*r.pick(FILLER)).to_owned()),
        }
    }

    // Layout: a dateline before the title, after it, in a share line, or none.
    let hh = r.range(6, 21);
    let mm = r.range(0, 59);
    let layout = r.range(0, 3);
    let mut text = String::new();
    match layout {
        0 => {
            let _ = write!(
                text,
                "{:02}/{:02}/{} - {hh:02}:{mm:02}\n\n{title}\n\n",
                published.day, published.month, published.year
            );
        }
        1 => {
            let ampm = if hh >= 12 { "PM" } else { "AM" };
            let h12 = if hh > 12 { hh - 12 } else { hh };
            let _ = write!(
                text,
                "{title}\n\n{h12:02}:{mm:02} {ampm} {:02}/{:02}/{}\n\n",
                published.day, published.month, published.year
            );
        }
        2 => {
            let wd = [
                "Thứ Hai",
                "Thứ Ba",
                "Thứ Tư",
                "Thứ Năm",
                "Thứ Sáu",
                "Thứ Bảy",
                "Chủ Nhật",
            ];
            let w = wd[(published.days_since_epoch() + 3).rem_euclid(7) as usize];
            let _ = write!(
                text,
                "{title}\n\n- {w}, {:02}/{:02}/{}, {hh:02}:{mm:02} - Chia sẻ\n\n",
                published.day, published.month, published.year
            );
        }
        _ => {
            let _ = write!(text, "{title}\n\n");
        }
    }
    // Real articles carry a lot of text around their figures: quotes, instructions, context.
    text.push_str(&format!(
        "Chiều {}, Ban Chỉ đạo phòng, chống dịch COVID-19 {} đã có báo cáo nhanh về tình hình dịch bệnh và kết quả thực hiện các biện pháp phòng, chống dịch trên địa bàn. {} {}\n\n",
        dm(published),
        prov_written,
        r.pick(FILLER),
        r.pick(FILLER)
    ));
    for p in &body {
        text.push_str(p);
        for _ in 0..r.range(1, 3) {
            let f = *r.pick(FILLER);
            text.push(' ');
            text.push_str(f);
        }
        text.push_str("\n\n");
    }
    text.push_str(&format!(
        "Phóng viên {}\n\n",
        r.pick(&["Minh Anh", "Thanh Tùng", "Hoàng Long", "Ngọc Hân"])
    ));
    // Related links after the article: other dates, other places, their own figures.
    text.push_str("Tin liên quan:\n");
    for _ in 0..r.range(2, 4) {
        let other = r.pick(&g.provinces);
        let y = published.year + i32::from(r.chance(50));
        let _ = writeln!(
            text,
            "{}: {} ca mắc mới trong ngày ({:02}/{:02}/{y})",
            other.name,
            vn(r.range(5, 900)),
            r.range(1, 28),
            r.range(1, 12)
        );
    }
    let published_known = layout < 3;
    Report {
        article: GoldArticle {
            kind: "article",
            file: file.clone(),
            title,
            published: published_known.then(|| published.to_string()),
            district: place_district,
            province: Some(prov.name.clone()),
        },
        facts: if published_known {
            facts
        } else {
            // Without a dateline the year is unknown: dates stay month-day, so drop them from
            // the answers rather than guess.
            facts
                .into_iter()
                .map(|mut f| {
                    f.as_of = None;
                    f
                })
                .collect()
        },
        file,
        text,
    }
}

/// Writes `n` reports to `dir` and their answers to `dir/../NAME.gold.jsonl`-style `gold`.
pub fn write_corpus(
    g: &Gazetteer,
    dir: &std::path::Path,
    gold: &std::path::Path,
    n: usize,
    seed: u64,
) -> std::io::Result<(usize, usize)> {
    use std::io::Write;
    std::fs::create_dir_all(dir)?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(gold)?);
    let mut bytes = 0;
    let mut facts = 0;
    for i in 0..n {
        let rep = report(g, seed, i);
        std::fs::write(dir.join(&rep.file), &rep.text)?;
        bytes += rep.text.len();
        serde_json::to_writer(&mut out, &rep.article)?;
        out.write_all(b"\n")?;
        for f in &rep.facts {
            serde_json::to_writer(&mut out, f)?;
            out.write_all(b"\n")?;
            facts += 1;
        }
    }
    out.flush()?;
    Ok((bytes, facts))
}

/// `n` reports as (file name, text), generated on all cores: the benchmarks' corpus, in memory.
pub fn texts(g: &Gazetteer, n: usize, seed: u64) -> Vec<(String, String)> {
    use rayon::prelude::*;
    (0..n)
        .into_par_iter()
        .map(|i| {
            let r = report(g, seed, i);
            (r.file, r.text)
        })
        .collect()
}

/// A dataset of `n` generated reports, extracted in memory (about 8.3 facts per report), as
/// the app would hold it after opening their folder.
pub fn dataset(
    extractor: &crate::extract::Extractor,
    n: usize,
    seed: u64,
) -> crate::dataset::Dataset {
    let files = texts(&extractor.gazetteer, n, seed);
    let results = crate::pipeline::extract_texts(files, extractor);
    crate::dataset::Dataset::new(std::path::PathBuf::from("generated"), results, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_deterministic_and_varied() {
        let g = Gazetteer::bundled().unwrap();
        let a = report(&g, 7, 3);
        let b = report(&g, 7, 3);
        assert_eq!(a.text, b.text);
        assert_eq!(a.facts, b.facts);
        let c = report(&g, 8, 3);
        assert_ne!(a.text, c.text);
        // Every answer's evidence is in the text.
        for i in 0..50 {
            let r = report(&g, 1, i);
            for f in &r.facts {
                assert!(r.text.contains(&f.evidence), "{}: {}", r.file, f.evidence);
            }
            assert!(r.text.len() > 300);
        }
    }
}
