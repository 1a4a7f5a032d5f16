//! Dates as Vietnamese news writes them, and the role each date plays.
//!
//! Forms: "23/9", "23/9/2021", "24.7", "2.8.2021", "23-9-2021", "ngày 9-10", "15 - 9" (spaced,
//! after a day word), "ngày 5 tháng 8 năm 2021", day ranges "10-12/10" and "từ ngày 14 đến hết
//! ngày 20/9/2021". Roles matter for `as_of`: "Đến ngày 23/9" dates a figure, "từ ngày 14/7"
//! only starts a period, "Nghị quyết số 68/NQ-CP ngày 1/7/2021" dates a document, "đến hết
//! ngày 31/8" may be a deadline in the future.

use crate::model::PartialDate;
use crate::text::{TokKind, Tokens};

/// What a date does in its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateRole {
    /// A point the text reports at ("Đến ngày 23/9", "Sáng 16/2", "ngày 13/9").
    Point,
    /// The start of a period ("từ ngày 14/7/2021", "kể từ ngày 25/7").
    Start,
    /// The end of a period ("đến ngày 31/8", "đến 18h ngày 21/11").
    End,
    /// A limit that may lie in the future ("đến hết ngày 31/8", "trước ngày 15/10").
    Deadline,
    /// The date of a document ("Nghị quyết 68/NQ-CP ngày 1/7/2021").
    Document,
}

/// A date written in the text.
#[derive(Clone, Copy, Debug)]
pub struct DateMention {
    /// Raw tokens `[tok_start, tok_end)` of the bare date ("23/9", not "ngày 23/9").
    pub tok_start: usize,
    pub tok_end: usize,
    pub date: PartialDate,
    /// For a day range ("10-12/10", "từ ngày 8 đến 10-8"), the first day.
    pub range_from: Option<PartialDate>,
    pub role: DateRole,
}

/// Words that announce a date right before it.
const DAY_WORDS: &[&str] = &[
    "ngày", "hôm", "sáng", "trưa", "chiều", "tối", "đêm", "khuya", "rạng", "qua", "nay", "mai",
];

fn num(text: &str, t: &Tokens, i: usize) -> Option<u32> {
    let tok = t.toks.get(i)?;
    if tok.kind != TokKind::Number {
        return None;
    }
    let s = &text[tok.range()];
    if !s.chars().all(|c| c.is_ascii_digit()) || s.len() > 4 {
        return None;
    }
    s.parse().ok()
}

fn glued_punct(t: &Tokens, i: usize, p: &str, end: usize) -> bool {
    i < end && t.toks[i].kind == TokKind::Punct && t.toks[i].glued_left && t.key(i) == p
}

fn year_of(y: u32, digits: usize) -> Option<i32> {
    match digits {
        4 if (1990..=2100).contains(&y) => Some(y as i32),
        2 => Some(2000 + y as i32),
        _ => None,
    }
}

fn valid_dm(d: u32, m: u32) -> bool {
    (1..=31).contains(&d) && (1..=12).contains(&m)
}

/// Reads a date starting at token `i` written with '/', '-' or '.' and no spaces: returns
/// (day, month, year, end token). Used for datelines and as the core of [`scan`].
pub fn date_chain(
    text: &str,
    t: &Tokens,
    i: usize,
    end: usize,
) -> Option<(u32, u32, Option<i32>, usize)> {
    let tok = t.toks.get(i)?;
    if tok.kind != TokKind::Number {
        return None;
    }
    let s = &text[tok.range()];
    // "24.7", "2.8.2021": one number token with dots.
    if s.contains('.') && !s.contains(',') {
        let parts: Vec<&str> = s.split('.').collect();
        if (parts.len() == 2 || parts.len() == 3) && parts[0].len() <= 2 && parts[1].len() <= 2 {
            let d: u32 = parts[0].parse().ok()?;
            let m: u32 = parts[1].parse().ok()?;
            let y = if parts.len() == 3 {
                Some(year_of(parts[2].parse().ok()?, parts[2].len())?)
            } else {
                None
            };
            if valid_dm(d, m) {
                return Some((d, m, y, i + 1));
            }
        }
        return None;
    }
    let d = num(text, t, i)?;
    for sep in ["/", "-"] {
        if glued_punct(t, i + 1, sep, end) && t.toks.get(i + 2).is_some_and(|x| x.glued_left) {
            let Some(m) = num(text, t, i + 2) else {
                continue;
            };
            if !valid_dm(d, m) || text[t.toks[i + 2].range()].len() > 2 {
                continue;
            }
            if glued_punct(t, i + 3, sep, end) && t.toks.get(i + 4).is_some_and(|x| x.glued_left) {
                if let Some(y) = num(text, t, i + 4)
                    && let Some(y) = year_of(y, text[t.toks[i + 4].range()].len())
                {
                    return Some((d, m, Some(y), i + 5));
                }
                return None;
            }
            return Some((d, m, None, i + 3));
        }
    }
    None
}

/// Finds every date in `[from, to)` of the token stream, with its role.
pub fn scan(text: &str, t: &Tokens, from: usize, to: usize) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    let mut i = from;
    while i < to {
        if t.toks[i].kind != TokKind::Number {
            i += 1;
            continue;
        }
        // Numbers glued to a word or a document code are not dates ("COVID-19", "16/CT-TTg").
        if i > from && t.toks[i].glued_left && t.toks[i - 1].kind == TokKind::Word {
            i += 1;
            continue;
        }
        if let Some(list) = bare_day_list(text, t, i, to) {
            i = list.last().map_or(i + 1, |m| m.tok_end);
            out.extend(list);
            continue;
        }
        if let Some(m) = read_date(text, t, i, to) {
            let next = m.tok_end;
            out.push(m);
            i = next;
            continue;
        }
        i += 1;
    }
    for k in 0..out.len() {
        out[k].role = role(text, t, &out, k, from);
    }
    out
}

fn preceded_by_day_word(t: &Tokens, i: usize) -> bool {
    i > 0 && crate::key_in!(t.key(i - 1), DAY_WORDS)
}

/// Words that put a time point after them: "từ 13 - 7 đến 24 - 7", "đến 28 - 7".
fn preceded_by_time_preposition(t: &Tokens, i: usize) -> bool {
    i > 0
        && crate::key_in!(
            t.key(i - 1),
            [
                "từ", "đến", "tới", "trước", "sau", "hết", "đầu", "cuối", "giữa"
            ]
        )
}

/// Units only a count takes: "mỗi ngày 3 - 5 ca", "từ 1 - 2 liều".
const UNIT_WORDS: &[&str] = &[
    "ca",
    "người",
    "trường",
    "mẫu",
    "liều",
    "hộ",
    "điểm",
    "lần",
    "tuổi",
    "triệu",
    "tỷ",
    "tỉ",
    "nghìn",
    "ngàn",
    "%",
    "f0",
    "f1",
    "mũi",
    "suất",
    "giường",
    "đồng",
    "tấn",
    "kg",
];

/// Nouns that also follow counts but can start the clause after a date ("Ngày 15 - 9 bệnh
/// nhân…"), so they only rule out a date where the date is not announced by a day word.
const COUNT_NOUNS: &[&str] = &[
    "bệnh",
    "ngày",
    "km",
    "giờ",
    "phút",
    "tháng",
    "năm",
    "đơn",
    "xã",
    "phường",
    "huyện",
    "quận",
    "tỉnh",
    "cơ",
    "đội",
    "tổ",
    "chốt",
    "khu",
    "f2",
    "trăm",
    "chục",
    "nhân",
    "học",
    "thôn",
    "ấp",
    "lít",
    "m",
    "ha",
    "phần",
    "gói",
    "túi",
    "bao",
    "chiếc",
    "xe",
    "con",
    "căn",
    "phòng",
    "máy",
    "bộ",
    "usd",
    "vnd",
    "đợt",
];

/// A unit word right after "D - M": a count, not a date (see [`UNIT_WORDS`]).
fn followed_by_unit(t: &Tokens, e: usize, end: usize) -> bool {
    e < end && crate::key_in!(t.key(e), UNIT_WORDS)
}

/// A number, a unit or a count noun right after "D - M" ("từ 5 - 7 ca", "1 - 2 trường hợp").
fn followed_by_count(t: &Tokens, e: usize, end: usize) -> bool {
    if e >= end {
        return false;
    }
    match t.toks[e].kind {
        TokKind::Number => true,
        TokKind::Word => followed_by_unit(t, e, end) || crate::key_in!(t.key(e), COUNT_NOUNS),
        _ => false,
    }
}

/// "ngày 16, 17 và 18 - 8", "ngày 9 và 10 - 4", "từ ngày 8 đến 10 - 8", "ngày 21 - 22/7":
/// bare days after a day word that take the month (and year) of the date closing the list.
/// Returns the bare days and the closing date, in order.
fn bare_day_list(text: &str, t: &Tokens, i: usize, end: usize) -> Option<Vec<DateMention>> {
    if !preceded_by_day_word(t, i) || date_chain(text, t, i, end).is_some() {
        return None;
    }
    let d0 = num(text, t, i)?;
    if !(1..=31).contains(&d0) || text[t.toks[i].range()].len() > 2 {
        return None;
    }
    let mut days = vec![(i, d0)];
    let mut k = i + 1;
    let mut connectors = 0;
    while k < end && k < i + 20 {
        let tok = &t.toks[k];
        let key = t.key(k);
        let connector = match tok.kind {
            TokKind::Punct => key == "," || (key == "-" && !tok.glued_left),
            TokKind::Word => crate::key_in!(key, ["và", "đến", "tới", "hết", "ngày"]),
            _ => false,
        };
        if connector {
            connectors += 1;
            k += 1;
            continue;
        }
        if tok.kind != TokKind::Number || connectors == 0 {
            return None;
        }
        // The closing date: written in full, or spaced after a connector ("10 - 8").
        let closing = read_date(text, t, k, end)
            .or_else(|| {
                // In a list of days, "10-4" is the closing date even without a day word.
                date_chain(text, t, k, end).map(|(d, m, y, e)| DateMention {
                    tok_start: k,
                    tok_end: e,
                    date: PartialDate {
                        year: y,
                        month: m as u8,
                        day: d as u8,
                    },
                    range_from: None,
                    role: DateRole::Point,
                })
            })
            .or_else(|| spaced_date(text, t, k, end));
        if let Some(last) = closing {
            let ok = days.windows(2).all(|w| w[0].1 < w[1].1)
                && days
                    .last()
                    .is_some_and(|&(_, d)| d < u32::from(last.date.day));
            if !ok {
                return None;
            }
            let mut out: Vec<DateMention> = days
                .iter()
                .map(|&(tok, d)| DateMention {
                    tok_start: tok,
                    tok_end: tok + 1,
                    date: PartialDate {
                        year: last.date.year,
                        month: last.date.month,
                        day: d as u8,
                    },
                    range_from: None,
                    role: DateRole::Point,
                })
                .collect();
            out.push(last);
            return Some(out);
        }
        let d = num(text, t, k)?;
        if !(1..=31).contains(&d) || text[tok.range()].len() > 2 {
            return None;
        }
        days.push((k, d));
        connectors = 0;
        k += 1;
    }
    None
}

/// "10 - 8", "26 - 7 - 2021": a date written with spaced dashes.
fn spaced_date(text: &str, t: &Tokens, i: usize, end: usize) -> Option<DateMention> {
    let d = num(text, t, i)?;
    if !(i + 2 < end
        && t.key(i + 1) == "-"
        && !t.toks[i + 1].glued_left
        && text[t.toks[i].range()].len() <= 2)
    {
        return None;
    }
    let m = num(text, t, i + 2)?;
    if !valid_dm(d, m) || text[t.toks[i + 2].range()].len() > 2 {
        return None;
    }
    let mut e = i + 3;
    let mut y = None;
    if e + 1 < end
        && t.key(e) == "-"
        && let Some(yy) = num(text, t, e + 1)
    {
        y = year_of(yy, text[t.toks[e + 1].range()].len());
        if y.is_some() {
            e += 2;
        }
    }
    Some(DateMention {
        tok_start: i,
        tok_end: e,
        date: PartialDate {
            year: y,
            month: m as u8,
            day: d as u8,
        },
        range_from: None,
        role: DateRole::Point,
    })
}

fn is_doc_code(text: &str, t: &Tokens, i: usize, end: usize) -> bool {
    // "16/CT-TTg", "414-CV/QU": a number glued to '/' or '-' and an upper-case code.
    let mut k = i + 1;
    while k < end && t.toks[k].glued_left && k < i + 6 {
        if t.toks[k].kind == TokKind::Word {
            let w = &text[t.toks[k].range()];
            if w.chars().next().is_some_and(char::is_uppercase) {
                return true;
            }
        }
        k += 1;
    }
    false
}

fn read_date(text: &str, t: &Tokens, i: usize, end: usize) -> Option<DateMention> {
    if is_doc_code(text, t, i, end) {
        return None;
    }
    let day_word = preceded_by_day_word(t, i);
    // After "từ", "đến"… a dashed day-month is a date unless a count noun follows.
    let time_prep = !day_word && preceded_by_time_preposition(t, i);
    // Day range glued: "10-12/10", "10-12/10/2021".
    if let (Some(d1), true) = (num(text, t, i), glued_punct(t, i + 1, "-", end))
        && let Some((d2, m, y, e)) = date_chain(text, t, i + 2, end)
        && t.toks[i + 2].glued_left
        && text[t.toks[i + 2].range()].len() <= 2
        && e > i + 3
        && t.key(i + 3) == "/"
        && (1..=31).contains(&d1)
        && d1 < d2
    {
        return Some(DateMention {
            tok_start: i,
            tok_end: e,
            date: PartialDate {
                year: y,
                month: m as u8,
                day: d2 as u8,
            },
            range_from: Some(PartialDate {
                year: y,
                month: m as u8,
                day: d1 as u8,
            }),
            role: DateRole::Point,
        });
    }
    if let Some((d, m, y, e)) = date_chain(text, t, i, end) {
        let s = &text[t.toks[i].start as usize..t.toks[e - 1].end as usize];
        let uses_dash = s.contains('-');
        let uses_slash = s.contains('/');
        // "1-2 trường hợp" is a range, "ngày 9-10" a date, "từ 13-7" a date unless a count
        // noun follows; "24/7" and "24/24" round the clock.
        let dated = day_word || (time_prep && !followed_by_count(t, e, end));
        if uses_dash && y.is_none() && !dated {
            return None;
        }
        if uses_slash
            && y.is_none()
            && !day_word
            && ((d == 24 && (m == 7 || m == 24)) || looks_like_fraction(text, t, e, end))
        {
            return None;
        }
        return Some(DateMention {
            tok_start: i,
            tok_end: e,
            date: PartialDate {
                year: y,
                month: m as u8,
                day: d as u8,
            },
            range_from: None,
            role: DateRole::Point,
        });
    }
    let d = num(text, t, i)?;
    // Spaced forms after a day word: "ngày 15 - 9", "đêm 26 - 7 - 2021"; after "từ", "đến"
    // when no count noun follows ("từ 13 - 7 đến 24 - 7", not "từ 5 - 7 ca").
    if (day_word || time_prep)
        && let Some(m) = spaced_date(text, t, i, end)
        && (m.date.year.is_some()
            || if day_word {
                !followed_by_unit(t, m.tok_end, end)
            } else {
                !followed_by_count(t, m.tok_end, end)
            })
    {
        return Some(m);
    }
    // "ngày 5 tháng 8 năm 2021", "5 tháng 8".
    if i + 2 < end
        && crate::key_in!(t.key(i + 1), ["tháng"])
        && let Some(m) = num(text, t, i + 2)
        && valid_dm(d, m)
        && (day_word || (i + 4 < end && crate::key_in!(t.key(i + 3), ["năm"])))
    {
        let mut e = i + 3;
        let mut y = None;
        if e + 1 < end
            && crate::key_in!(t.key(e), ["năm"])
            && let Some(yy) = num(text, t, e + 1)
        {
            y = year_of(yy, text[t.toks[e + 1].range()].len());
            if y.is_some() {
                e += 2;
            }
        }
        return Some(DateMention {
            tok_start: i,
            tok_end: e,
            date: PartialDate {
                year: y,
                month: m as u8,
                day: d as u8,
            },
            range_from: None,
            role: DateRole::Point,
        });
    }
    // "ngày 14 đến hết ngày 20/9/2021", "ngày 8 đến 10 - 8": a bare day that borrows its month.
    if day_word && (1..=31).contains(&d) {
        let mut k = i + 1;
        let mut steps = 0;
        while k < end
            && steps < 4
            && t.toks[k].kind == TokKind::Word
            && crate::key_in!(t.key(k), ["đến", "tới", "hết", "ngày"])
        {
            k += 1;
            steps += 1;
        }
        if steps > 0
            && k < end
            && let Some(next) = read_date(text, t, k, end)
            && next.date.day as u32 > d
        {
            return Some(DateMention {
                tok_start: i,
                tok_end: i + 1,
                date: PartialDate {
                    year: next.date.year,
                    month: next.date.month,
                    day: d as u8,
                },
                range_from: None,
                role: DateRole::Point,
            });
        }
    }
    None
}

/// A month written without a day: "tháng 7", "tháng 12/2019", "tháng 8 - 2020", "tháng 3 năm
/// 2021". Returns (first token, end token, year, month). A number before "tháng" makes it a
/// duration ("3 tháng"), not a month.
pub fn months(
    text: &str,
    t: &Tokens,
    from: usize,
    to: usize,
) -> Vec<(usize, usize, Option<i32>, u8)> {
    let mut out = Vec::new();
    let mut i = from;
    while i + 1 < to {
        // Only words count; the byte test on "thang" turns almost every word away cheaply.
        if t.toks[i].kind != TokKind::Word
            || !t.key(i).starts_with("thang")
            || !crate::key_in!(t.key(i), ["tháng"])
        {
            i += 1;
            continue;
        }
        let after_number = i > from && t.toks[i - 1].kind == TokKind::Number;
        let Some(m) = num(text, t, i + 1).filter(|m| (1..=12).contains(m)) else {
            i += 1;
            continue;
        };
        if after_number || text[t.toks[i + 1].range()].len() > 2 {
            i += 2;
            continue;
        }
        let mut e = i + 2;
        let mut y = None;
        // "tháng 12/2019", "tháng 8-2020", "tháng 8 - 2020", "tháng 3 năm 2021".
        let sep =
            e + 1 < to && (matches!(t.key(e), "/" | "-") || crate::key_in!(t.key(e), ["năm"]));
        if sep
            && let Some(yy) = num(text, t, e + 1)
            && let Some(yv) = year_of(yy, text[t.toks[e + 1].range()].len())
            && text[t.toks[e + 1].range()].len() == 4
        {
            y = Some(yv);
            e += 2;
        }
        // "tháng 7 có 300 ca" is a month; "tháng 7 ca" is not a thing, but "tháng 1, 2 ca" might
        // be a list of counts: a count noun right after the month number rules it out.
        if y.is_none() && followed_by_count(t, e, to) {
            i = e;
            continue;
        }
        out.push((i, e, y, m as u8));
        i = e;
    }
    out
}

/// "58/58 trường", "10/10 xã": a count over a total, not a date.
fn looks_like_fraction(text: &str, t: &Tokens, e: usize, end: usize) -> bool {
    if e >= end || t.toks[e].kind != TokKind::Word {
        return false;
    }
    let w = &text[t.toks[e].range()];
    if w.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    const FUNCTION: &[&str] = &[
        "và",
        "đến",
        "tới",
        "của",
        "lúc",
        "vừa",
        "qua",
        "đã",
        "là",
        "có",
        "thì",
        "mà",
        "được",
        "tại",
        "ở",
        "với",
        "cho",
        "khi",
        "sau",
        "trước",
        "rồi",
        "mới",
        "cũng",
        "nay",
        "hôm",
        "này",
        "năm",
        "đêm",
        "sáng",
        "tối",
        "chiều",
        "trưa",
        "ghi",
        "tỉnh",
        "thành",
        "huyện",
        "quận",
        "toàn",
        "cả",
        "các",
        "theo",
        "bộ",
        "ban",
        "ubnd",
        "sở",
        "trong",
        "vào",
        "thì",
        "để",
        "nên",
        "do",
        "bệnh",
        "ca",
        "số",
        "người",
        "chỉ",
        "đồng",
        "lãnh",
        "tp",
        "thị",
        "xã",
        "phường",
    ];
    !crate::key_in!(t.key(e), FUNCTION)
}

fn role(text: &str, t: &Tokens, all: &[DateMention], k: usize, from: usize) -> DateRole {
    let m = &all[k];
    // Look back over time-of-day words and day words for the word that gives the role.
    let mut j = m.tok_start;
    let mut steps = 0;
    while j > from && steps < 6 {
        j -= 1;
        steps += 1;
        let tok = &t.toks[j];
        let w = t.key(j);
        let is_time = (tok.kind == TokKind::Word && tok.has_digit && w.ends_with('h'))
            || tok.kind == TokKind::Number
            || matches!(w, ":" | "(" | ",")
            || crate::key_in!(
                t.key(j),
                [
                    "giờ", "ngày", "sáng", "trưa", "chiều", "tối", "đêm", "khuya", "rạng", "cùng",
                    "phút", "h", "lúc", "vào", "hôm", "qua",
                ]
            );
        if crate::key_in!(t.key(j), ["hết"]) {
            // "tính đến hết ngày 18/5": the figures stop there.
            if j >= 2
                && crate::key_in!(t.key(j - 1), ["đến", "tới"])
                && crate::key_in!(t.key(j - 2), ["tính"])
            {
                return DateRole::End;
            }
            return DateRole::Deadline;
        }
        if crate::key_in!(t.key(j), ["trước"])
            && j + 1 < t.len()
            && crate::key_in!(t.key(j + 1), ["ngày"])
        {
            return DateRole::Deadline;
        }
        if crate::key_in!(t.key(j), ["từ", "bắt"]) {
            return DateRole::Start;
        }
        if crate::key_in!(t.key(j), ["đến", "tới"]) {
            return DateRole::End;
        }
        if !is_time {
            break;
        }
    }
    // "Nghị quyết số 68/NQ-CP ngày 1/7/2021", "Chỉ thị số 16-CT/TTg, ngày 31-3-2020": a code
    // within the few tokens before.
    let lo = m.tok_start.saturating_sub(8).max(from);
    for q in lo..m.tok_start {
        if t.toks[q].kind == TokKind::Number && is_doc_code(text, t, q, m.tok_start) {
            return DateRole::Document;
        }
    }
    // "ban hành ngày", "ký ngày".
    if m.tok_start >= 2
        && crate::key_in!(t.key(m.tok_start - 1), ["ngày"])
        && crate::key_in!(t.key(m.tok_start - 2), ["hành", "ký", "kí"])
    {
        return DateRole::Document;
    }
    // "(ngày 24/6/2021) đến nay", "ngày 13/9 đến 15/9": a date opening a range starts it.
    let mut k = m.tok_end;
    while k < t.len()
        && k < m.tok_end + 4
        && (matches!(t.key(k), ")" | ",")
            || crate::key_in!(t.key(k), ["giờ", "ngày"])
            || t.toks[k].has_digit)
    {
        k += 1;
    }
    if k < t.len() && crate::key_in!(t.key(k), ["đến", "tới"]) {
        return DateRole::Start;
    }
    let _ = all;
    DateRole::Point
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn dates(text: &str) -> Vec<(String, String, DateRole)> {
        let t = tokenize(text);
        scan(text, &t, 0, t.len())
            .into_iter()
            .map(|m| {
                (
                    text[t.toks[m.tok_start].start as usize..t.toks[m.tok_end - 1].end as usize]
                        .to_owned(),
                    m.date.iso(),
                    m.role,
                )
            })
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        dates(text).into_iter().map(|d| d.0).collect()
    }

    #[test]
    fn lists_of_days_and_dates_after_time_prepositions() {
        assert_eq!(
            texts("Ngày 16 , 17 và 18 - 8 , bệnh nhân"),
            ["16", "17", "18 - 8"]
        );
        let d = dates("Ngày 16 , 17 và 18 - 8 , bệnh nhân");
        assert_eq!(d[0].1, "--08-16");
        assert_eq!(texts("Ngày 9 và 10-4, Trung tâm"), ["9", "10-4"]);
        assert_eq!(texts("Ngày 21 - 22/7 , bệnh nhân chuyển"), ["21", "22/7"]);
        assert_eq!(
            texts("từ 13 - 7 đến 24 - 7 , bệnh nhân"),
            ["13 - 7", "24 - 7"]
        );
        assert_eq!(texts("Đến 28 - 7 , sau nhiều ngày"), ["28 - 7"]);
        assert_eq!(texts("đến 9/3 mới vào viện"), ["9/3"]);
        // Counts stay counts.
        assert!(texts("tăng từ 5 - 7 ca mỗi ngày").is_empty());
        assert!(texts("ngày 3 - 5 ca").is_empty());
        assert!(texts("mỗi ngày 1 - 2 trường hợp").is_empty());
    }

    #[test]
    fn months_without_a_day() {
        let text = "Trong tháng 7 , từ cuối tháng 12/2019 và tháng 8 - 2020 ; sau 3 tháng 5 ngày";
        let t = tokenize(text);
        let m: Vec<(String, Option<i32>, u8)> = months(text, &t, 0, t.len())
            .into_iter()
            .map(|(a, b, y, m)| {
                (
                    text[t.toks[a].start as usize..t.toks[b - 1].end as usize].to_owned(),
                    y,
                    m,
                )
            })
            .collect();
        assert_eq!(
            m,
            vec![
                ("tháng 7".to_owned(), None, 7),
                ("tháng 12/2019".to_owned(), Some(2019), 12),
                ("tháng 8 - 2020".to_owned(), Some(2020), 8),
            ]
        );
    }

    #[test]
    fn every_written_form() {
        assert_eq!(
            dates("Đến ngày 23/9, quận"),
            vec![("23/9".into(), "--09-23".into(), DateRole::End)]
        );
        assert_eq!(
            dates("tính từ ngày 24.7 đến nay"),
            vec![("24.7".into(), "--07-24".into(), DateRole::Start)]
        );
        assert_eq!(
            dates("kích hoạt từ ngày 2.8.2021)"),
            vec![("2.8.2021".into(), "2021-08-02".into(), DateRole::Start)]
        );
        assert_eq!(
            dates("Ngày 23-9-2021, đồng chí"),
            vec![("23-9-2021".into(), "2021-09-23".into(), DateRole::Point)]
        );
        assert_eq!(
            dates("Hôm qua (16/9) đã có"),
            vec![("16/9".into(), "--09-16".into(), DateRole::Point)]
        );
        assert_eq!(
            dates("bắt đầu từ ngày 14 đến hết ngày 20/9/2021."),
            vec![
                ("14".into(), "2021-09-14".into(), DateRole::Start),
                ("20/9/2021".into(), "2021-09-20".into(), DateRole::Deadline)
            ]
        );
        assert_eq!(
            dates("Ngày 5 tháng 8 năm 2020, Ban"),
            vec![(
                "5 tháng 8 năm 2020".into(),
                "2020-08-05".into(),
                DateRole::Point
            )]
        );
        assert_eq!(
            dates("Trong các ngày 10-12/10, ngành"),
            vec![("10-12/10".into(), "--10-12".into(), DateRole::Point)]
        );
        assert_eq!(
            dates("Ngày 29 - 7, anh"),
            vec![("29 - 7".into(), "--07-29".into(), DateRole::Point)]
        );
        assert_eq!(
            dates("trong ngày 9-10-2021, toàn tỉnh"),
            vec![("9-10-2021".into(), "2021-10-09".into(), DateRole::Point)]
        );
    }

    #[test]
    fn not_dates() {
        assert!(dates("mỗi ngày quận chỉ phát hiện 1-2 trường hợp").is_empty());
        assert!(dates("giữ liên lạc 24/24. Thường trực 24/7.").is_empty());
        assert!(dates("100% (58/58 trường) mầm non").is_empty());
        assert!(dates("theo Chỉ thị 16/CT-TTg của Thủ tướng").is_empty());
        assert!(dates("với 2.008 hộ").is_empty());
    }

    #[test]
    fn document_dates() {
        let d = dates("Nghị quyết số 68/NQ-CP ngày 1/7/2021 của Chính phủ");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].2, DateRole::Document);
    }
}
