//! Layout of an article: lines, the header (title, datelines, bylines), the body, the trailer
//! (related links, comments, footers), sentences and clauses.
//!
//! Why: the title and main place come from the header, the publication date from a dateline,
//! and figures after the article proper ("Tin liên quan", "./.", an author line followed by
//! nothing but links) must not be attributed to the article's place. Sentences and clauses
//! bound the windows in which cues, places and dates are looked for.

use crate::text::{TokKind, Tokens, fold_phrase};

/// One non-empty line of text: its tokens `[tok_start, tok_end)` and byte range.
#[derive(Clone, Copy, Debug)]
pub struct Line {
    pub tok_start: usize,
    pub tok_end: usize,
    pub start: usize,
    pub end: usize,
}

/// A sentence: tokens `[tok_start, tok_end)` of one line.
#[derive(Clone, Copy, Debug)]
pub struct Sentence {
    pub tok_start: usize,
    pub tok_end: usize,
    /// Index of its line in [`Layout::lines`].
    pub line: usize,
}

/// Where the parts of the article are.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub lines: Vec<Line>,
    pub sentences: Vec<Sentence>,
    /// For each token, the index of its sentence (or `u32::MAX` for newlines).
    pub sentence_of: Vec<u32>,
    /// Index of the title line, if any.
    pub title: Option<usize>,
    /// Lines before this index (other than the title) are header: datelines, bylines, kickers.
    pub body_start: usize,
    /// Lines from this index on are trailer.
    pub trailer_start: usize,
    /// Lines that are datelines, with the line index.
    pub datelines: Vec<usize>,
    /// Lines that start a related-links or comments block: datelines after them do not count.
    pub related_start: usize,
}

/// Headings that open what follows the article: related links, comments, sharing.
const TRAILER_HEADINGS: &[&str] = &[
    "tin liên quan",
    "bài liên quan",
    "xem thêm",
    "tin cùng chuyên mục",
    "tin đọc nhiều",
    "ý kiến của bạn",
    "ý kiến bạn đọc",
    "bình luận",
    "chia sẻ bài viết",
    "tin khác",
    "các tin khác",
    "tin mới",
    "tin mới nhất",
    "đọc thêm",
    "có thể bạn quan tâm",
    "bài viết liên quan",
    "tin nổi bật",
    "từ khóa",
    "tags",
    "tag",
    "tin tức liên quan",
    "cùng chuyên mục",
    "các bài viết khác",
    "tin cùng loại",
    "gửi bình luận",
    "tin bài liên quan",
    "tin đã đưa",
    "đọc nhiều",
    "xem nhiều",
    "tin xem nhiều",
    "bài đọc nhiều",
    "bài viết khác",
    "tin bài khác",
    "bài cùng chuyên mục",
    "tin tiêu điểm",
    "video liên quan",
    "chuyên mục",
    "tin cùng sự kiện",
    "các tin đã đưa",
    "in bài viết",
    "gửi bài viết",
    "bạn đọc bình luận",
];

/// Words a dateline may contain besides dates, times and punctuation.
const DATELINE_WORDS: &[&str] = &[
    "thứ",
    "hai",
    "ba",
    "tư",
    "năm",
    "sáu",
    "bảy",
    "chủ",
    "nhật",
    "cn",
    "cập",
    "lúc",
    "ngày",
    "đăng",
    "gmt",
    "pm",
    "am",
    "chia",
    "sẻ",
    "giờ",
    "xuất",
    "bản",
    "thời",
    "gian",
    "posted",
    "updated",
    "published",
    "sa",
    "ch",
    "h",
    "ngay",
    "luc",
    "cap",
    "nhat",
    "dang",
    "ict",
    "utc",
    "tháng",
    "zalo",
    "facebook",
    "in",
];

impl Layout {
    /// Line index of a token.
    pub fn line_of_token(&self, tok: usize) -> Option<usize> {
        let s = *self.sentence_of.get(tok)?;
        if s == u32::MAX {
            return None;
        }
        Some(self.sentences[s as usize].line)
    }

    /// True when the line is part of the trailer.
    pub fn in_trailer(&self, line: usize) -> bool {
        line >= self.trailer_start
    }
}

/// Bounds on a line and a sentence, in tokens: far above what reports write (a long paragraph
/// is a few hundred tokens), they keep text without line breaks or full stops linear to read.
const MAX_LINE_TOKENS: usize = 4000;
const MAX_SENTENCE_TOKENS: usize = 400;

/// Computes lines, sentences and zones.
pub fn layout(text: &str, t: &Tokens) -> Layout {
    let mut lines = Vec::new();
    let mut start = 0;
    for i in 0..=t.len() {
        let at_end = i == t.len() || t.toks[i].kind == TokKind::Newline;
        // A line of a whole book (a file without line breaks) is cut after a full stop, so
        // that no stage's per-figure look around its line grows with the file.
        let too_long = !at_end
            && i - start >= MAX_LINE_TOKENS
            && (t.key(i - 1) == "." || i - start >= MAX_LINE_TOKENS + 1000);
        if at_end || too_long {
            if i > start {
                lines.push(Line {
                    tok_start: start,
                    tok_end: i,
                    start: t.toks[start].start as usize,
                    end: t.toks[i - 1].end as usize,
                });
            }
            start = if at_end { i + 1 } else { i };
        }
    }
    let mut sentences = Vec::new();
    let mut sentence_of = vec![u32::MAX; t.len()];
    for (li, l) in lines.iter().enumerate() {
        let mut s = l.tok_start;
        let mut i = l.tok_start;
        while i < l.tok_end {
            // Likewise a sentence that never ends is cut after a comma or a semicolon.
            let too_long = i - s >= MAX_SENTENCE_TOKENS
                && (matches!(t.key(i), "," | ";") || i - s >= MAX_SENTENCE_TOKENS + 200);
            if too_long {
                sentences.push(Sentence {
                    tok_start: s,
                    tok_end: i + 1,
                    line: li,
                });
                s = i + 1;
                i += 1;
                continue;
            }
            if is_sentence_end(text, t, i, l.tok_end) {
                // Swallow closing quotes and brackets glued to the full stop.
                let mut e = i + 1;
                while e < l.tok_end
                    && t.toks[e].glued_left
                    && matches!(t.key(e), "\"" | ")" | "'" | "/" | ".")
                {
                    e += 1;
                }
                sentences.push(Sentence {
                    tok_start: s,
                    tok_end: e,
                    line: li,
                });
                s = e;
                i = e;
                continue;
            }
            i += 1;
        }
        if s < l.tok_end {
            sentences.push(Sentence {
                tok_start: s,
                tok_end: l.tok_end,
                line: li,
            });
        }
    }
    for (si, s) in sentences.iter().enumerate() {
        sentence_of[s.tok_start..s.tok_end].fill(si as u32);
    }
    let mut lay = Layout {
        lines,
        sentences,
        sentence_of,
        ..Layout::default()
    };
    zones(text, t, &mut lay);
    lay
}

fn is_abbreviation(text: &str, t: &Tokens, i: usize) -> bool {
    if t.toks[i].kind != TokKind::Word {
        return false;
    }
    let w = &text[t.toks[i].range()];
    let n = w.chars().count();
    // Initials ("N.V.T."), type abbreviations ("TP.", "Q.", "TX."), titles ("ThS.", "TS.").
    (n == 1 && w.chars().all(char::is_uppercase))
        || matches!(
            w,
            "TP" | "Tp"
                | "tp"
                | "TX"
                | "Tx"
                | "tx"
                | "Q"
                | "H"
                | "P"
                | "TT"
                | "ThS"
                | "TS"
                | "BS"
                | "PGS"
                | "GS"
                | "KS"
                | "CN"
                | "Th"
                | "St"
                | "Mr"
                | "Dr"
                | "Ths"
                | "Ts"
                | "Bs"
                | "v.v"
                | "TS.BS"
                | "BSCKII"
                | "BSCKI"
                | "Đ/c"
                | "đ/c"
        )
}

fn is_sentence_end(text: &str, t: &Tokens, i: usize, line_end: usize) -> bool {
    let tok = &t.toks[i];
    if tok.kind != TokKind::Punct {
        return false;
    }
    let c = t.key(i);
    if !matches!(c, "." | "!" | "?") {
        return false;
    }
    if c == "." {
        // "TP.HCM", "N.V.T." and "2.8" are not sentence ends.
        if i > 0 && t.toks[i].glued_left && is_abbreviation(text, t, i - 1) {
            return false;
        }
        if i + 1 < line_end && t.toks[i + 1].glued_left && t.toks[i + 1].kind != TokKind::Punct {
            return false;
        }
        // An ellipsis continues when the next word is lower case.
        if i + 1 < line_end && t.key(i + 1) == "." {
            return false;
        }
    }
    // The next token must start a new sentence: end of line, or an upper-case letter, a digit,
    // a quote or a dash.
    let mut j = i + 1;
    while j < line_end && matches!(t.key(j), "\"" | ")" | "'" | "/" | ".") && t.toks[j].glued_left {
        j += 1;
    }
    if j >= line_end {
        return true;
    }
    let n = &t.toks[j];
    match n.kind {
        TokKind::Word => n.capital,
        TokKind::Number => true,
        TokKind::Punct => matches!(t.key(j), "\"" | "-" | "(" | "'"),
        TokKind::Newline => true,
    }
}

fn line_text<'a>(text: &'a str, l: &Line) -> &'a str {
    &text[l.start..l.end]
}

/// True when the line is only a trailer heading ("Tin liên quan:", "Xem thêm").
fn is_trailer_heading(text: &str, l: &Line) -> bool {
    // Headings are short: a paragraph is turned away by its length in bytes (at most four
    // per character) before its characters are counted.
    if l.end - l.start > 4 * 60 + 16 {
        return false;
    }
    let raw = line_text(text, l)
        .trim()
        .trim_end_matches([':', '.', '-', '|'])
        .trim();
    if raw.chars().count() > 60 {
        return false;
    }
    static HEADINGS: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| TRAILER_HEADINGS.iter().map(|h| fold_phrase(h)).collect());
    let f = fold_phrase(raw);
    HEADINGS
        .iter()
        .any(|hf| f == *hf || (f.starts_with(hf.as_str()) && f.len() <= hf.len() + 12))
}

/// True when a line is only a date and time with dateline words ("23/09/2021 - 16:29",
/// "- Thứ Tư, 11/08/2021, 10:02 - Chia sẻ", "Cập nhật lúc: 07:45 ngày 24/08/2021").
pub fn is_dateline(text: &str, t: &Tokens, l: &Line) -> bool {
    if l.end - l.start > 90 {
        return false;
    }
    let mut has_year_date = false;
    let mut i = l.tok_start;
    while i < l.tok_end {
        let tok = &t.toks[i];
        match tok.kind {
            TokKind::Number => {
                // d/m/yyyy, d-m-yyyy or d.m.yyyy
                if let Some((_, _, Some(_), end)) = super::dates::date_chain(text, t, i, l.tok_end)
                {
                    has_year_date = true;
                    i = end;
                    continue;
                }
                // times and bare numbers (weekday "Thứ 2", "GMT+7")
                i += 1;
                continue;
            }
            TokKind::Word => {
                let k = t.key(i);
                let w = &text[tok.range()];
                let is_time = w
                    .trim_end_matches(['h', 'H'])
                    .chars()
                    .all(|c| c.is_ascii_digit())
                    && tok.has_digit;
                if !(crate::key_in!(k, DATELINE_WORDS) || is_time) {
                    return false;
                }
            }
            TokKind::Punct => {
                if !matches!(
                    t.key(i),
                    "-" | "|" | "," | ":" | "(" | ")" | "/" | "." | "+" | "•" | "·"
                ) {
                    return false;
                }
            }
            TokKind::Newline => {}
        }
        i += 1;
    }
    has_year_date
}

/// A short line that looks like a person's name: an author or photographer credit.
fn is_byline(text: &str, t: &Tokens, l: &Line) -> bool {
    let n_words = (l.tok_start..l.tok_end)
        .filter(|&i| t.toks[i].kind == TokKind::Word)
        .count();
    if n_words == 0 || n_words > 6 || l.end - l.start > 50 {
        return false;
    }
    (l.tok_start..l.tok_end).all(|i| {
        let tok = &t.toks[i];
        match tok.kind {
            TokKind::Word => (tok.capital || tok.all_caps) && !tok.has_digit,
            TokKind::Punct => matches!(t.key(i), "-" | "," | "." | "&" | "(" | ")"),
            _ => false,
        }
    }) && !line_text(text, l).trim_end().ends_with(':')
}

/// A line of a related-links list: a headline ending with a date in brackets, or a bullet.
fn is_link_line(text: &str, l: &Line) -> bool {
    let s = line_text(text, l).trim();

    s.ends_with(')')
        && s.rfind('(').is_some_and(|p| {
            let inner = &s[p + 1..s.len() - 1];
            !inner.is_empty()
                && inner
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '/' || c == '-' || c == '.')
        })
}

fn zones(text: &str, t: &Tokens, lay: &mut Layout) {
    let n = lay.lines.len();
    lay.trailer_start = n;
    lay.related_start = n;
    for (i, l) in lay.lines.iter().enumerate() {
        if is_dateline(text, t, l) {
            lay.datelines.push(i);
        }
    }
    // Title: the first line that is not a dateline, not a kicker ending with ':' followed by
    // another line, and not a bare bullet.
    let mut title = None;
    for (i, l) in lay.lines.iter().enumerate().take(8) {
        if lay.datelines.contains(&i) {
            continue;
        }
        let s = line_text(text, l).trim();
        if s.chars().filter(|c| c.is_alphabetic()).count() < 3 {
            continue;
        }
        if s.ends_with(':') && i + 1 < n {
            continue;
        }
        title = Some(i);
        break;
    }
    lay.title = title;
    // Body: the first long paragraph after the title.
    let after_title = title.map_or(0, |x| x + 1);
    lay.body_start = (after_title..n)
        .find(|&i| {
            let l = &lay.lines[i];
            !lay.datelines.contains(&i)
                && (l.end - l.start >= 80 || (l.tok_end - l.tok_start) >= 16)
        })
        .unwrap_or(after_title.min(n));
    // Trailer: a heading, a "./." end mark, or a run of related links.
    let mut trailer = n;
    for i in lay.body_start..n {
        let l = &lay.lines[i];
        if is_trailer_heading(text, l) {
            trailer = i;
            lay.related_start = i;
            break;
        }
        let s = line_text(text, l).trim_end();
        if s.ends_with("./.") {
            trailer = i + 1;
            lay.related_start = i + 1;
            break;
        }
        if is_link_line(text, l) && i > lay.body_start {
            trailer = i;
            lay.related_start = i;
            break;
        }
    }
    // An author line followed only by short lines, datelines, headings or links ends the
    // article before it.
    for i in (lay.body_start + 1..trailer).rev() {
        let l = &lay.lines[i];
        if !is_byline(text, t, l) {
            continue;
        }
        let rest_is_trailer = (i + 1..n).all(|k| {
            let lk = &lay.lines[k];
            k >= trailer
                || lay.datelines.contains(&k)
                || is_trailer_heading(text, lk)
                || is_link_line(text, lk)
                || (lk.end - lk.start) < 40
        });
        if rest_is_trailer {
            trailer = i;
            break;
        }
    }
    lay.trailer_start = trailer;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn lay(text: &str) -> (Tokens, Layout) {
        let t = tokenize(text);
        let l = layout(text, &t);
        (t, l)
    }

    #[test]
    fn datelines_in_every_seed_layout() {
        for s in [
            "23/09/2021 - 16:29",
            "03:26 PM 24/09/2021",
            "- Thứ Tư, 11/08/2021, 10:02 - Chia sẻ",
            "Cập nhật lúc: 07:45 ngày 24/08/2021",
            "Thứ Sáu, 20/08/2021, 14:27 (GMT+7)",
            "21/11/2021 20:30 GMT+7",
            "Chủ nhật, 05/12/2021 | 19:02",
        ] {
            let (t, l) = lay(s);
            assert!(is_dateline(s, &t, &l.lines[0]), "{s}");
        }
        for s in [
            "Cải cách thủ tục hành chính (28/08/2022)",
            "Ngày 30-7-2021, Quận ủy Ba Đình ban hành công văn",
        ] {
            let (t, l) = lay(s);
            assert!(!is_dateline(s, &t, &l.lines[0]), "{s}");
        }
    }

    #[test]
    fn sentences_split_at_full_stops_not_abbreviations() {
        let text = "Theo UBND TP. Biên Hòa, có 12 ca. Tại TP.HCM có 2.008 hộ. Xong";
        let (t, l) = lay(text);
        let s: Vec<&str> = l
            .sentences
            .iter()
            .map(|s| &text[t.toks[s.tok_start].start as usize..t.toks[s.tok_end - 1].end as usize])
            .collect();
        assert_eq!(
            s,
            vec![
                "Theo UBND TP. Biên Hòa, có 12 ca.",
                "Tại TP.HCM có 2.008 hộ.",
                "Xong"
            ]
        );
    }

    #[test]
    fn trailer_starts_at_heading_author_or_end_mark() {
        let text = "Tiêu đề bài viết\n\nĐoạn thân bài đủ dài để được coi là thân bài của bài báo này, với nhiều chữ và số liệu 12 ca.\n\nThanh Hương\n\nTin liên quan:\n- Bến Tre: Thêm 47 ca mắc mới (11/10/2021)\n";
        let (_, l) = lay(text);
        assert_eq!(l.title, Some(0));
        assert_eq!(l.body_start, 1);
        assert_eq!(l.trailer_start, 2);
        let text2 = "Tiêu đề\nThân bài rất dài, rất dài, rất dài, rất dài, rất dài, rất dài, rất dài, rất dài./.\nCải cách thủ tục (28/08/2022)\n";
        let (_, l2) = lay(text2);
        assert_eq!(l2.trailer_start, 2);
    }
}
