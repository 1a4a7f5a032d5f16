//! One article under analysis: its tokens, layout, content words, phrase hits and dates.
//!
//! Why one struct: every stage (numbers, places, classification, attribution) asks the same
//! questions ("which phrases end right before this number?", "where does this sentence
//! start?"), so they are answered once, here, with indexes built in linear time.

use super::catalogue::{Catalogue, Hit};
use super::dates::{self, DateMention};
use super::layout::{self, Layout};
use crate::text::{TokKind, Tokens, tokenize};

/// The analysed article.
pub struct Doc<'a> {
    pub text: &'a str,
    pub tokens: Tokens,
    pub layout: Layout,
    /// Raw token index of each content token (words and numbers outside URLs and codes).
    pub content: Vec<u32>,
    /// For each raw token, the index of the first content token at or after it.
    pub content_from: Vec<u32>,
    /// Phrase hits over content tokens, sorted by start.
    pub hits: Vec<Hit>,
    hit_by_start: Vec<u32>,
    hits_by_end: Vec<u32>,
    hit_by_end: Vec<u32>,
    /// Tokens inside a date.
    pub in_date: Vec<bool>,
    /// Tokens inside a URL.
    pub in_url: Vec<bool>,
    /// For tokens inside a short quotation ("4 tại chỗ"), true.
    in_quote: Vec<bool>,
    pub dates: Vec<DateMention>,
    /// The text is written without Vietnamese diacritics (almost every word is plain ASCII):
    /// only then are names matched without their accents ("Ha Noi").
    pub plain_ascii: bool,
}

impl<'a> Doc<'a> {
    /// Tokenizes and indexes `text`.
    pub fn new(text: &'a str, cat: &Catalogue) -> Doc<'a> {
        let tokens = tokenize(text);
        let layout = layout::layout(text, &tokens);
        let n = tokens.len();
        let in_url = urls(text, &tokens);
        let mut dates_all = Vec::new();
        for l in &layout.lines {
            dates_all.extend(dates::scan(text, &tokens, l.tok_start, l.tok_end));
        }
        let mut in_date = vec![false; n];
        for d in &dates_all {
            in_date[d.tok_start..d.tok_end].fill(true);
        }
        let mut content = Vec::with_capacity(n / 2);
        let mut content_from = vec![0u32; n + 1];
        for (i, tk) in tokens.toks.iter().enumerate() {
            let is_content = match tk.kind {
                TokKind::Word => !in_url[i],
                TokKind::Number => {
                    // "COVID-19", "SARS-CoV-2": the digits belong to the name.
                    let code = tk.glued_left
                        && i >= 2
                        && tokens.toks[i - 1].kind == TokKind::Punct
                        && tokens.key(i - 1) == "-"
                        && tokens.toks[i - 2].kind == TokKind::Word
                        && tokens.toks[i - 1].glued_left;
                    !in_url[i] && !code
                }
                _ => false,
            };
            if is_content {
                content.push(i as u32);
            }
        }
        {
            let mut c = content.len();
            for i in (0..n).rev() {
                if c > 0 && content[c - 1] as usize == i {
                    c -= 1;
                }
                content_from[i] = c as u32;
            }
            content_from[n] = content.len() as u32;
        }
        let nc = content.len();
        let hits = cat.phrases.scan(|k| tokens.key(content[k] as usize), nc);
        // Phrases must not run across line breaks.
        let hits: Vec<Hit> = hits
            .into_iter()
            .filter(|h| {
                let a = content[h.start as usize] as usize;
                let b = content[h.end as usize - 1] as usize;
                !(a..b).any(|k| tokens.toks[k].kind == TokKind::Newline)
            })
            .collect();
        let mut hit_by_start = vec![0u32; nc + 1];
        {
            let mut h = hits.len();
            for k in (0..=nc).rev() {
                while h > 0 && hits[h - 1].start as usize >= k {
                    h -= 1;
                }
                hit_by_start[k] = h as u32;
            }
        }
        let mut hits_by_end: Vec<u32> = (0..hits.len() as u32).collect();
        hits_by_end.sort_by_key(|&h| hits[h as usize].end);
        let mut hit_by_end = vec![0u32; nc + 2];
        {
            let mut h = hits_by_end.len();
            for k in (0..=nc + 1).rev() {
                while h > 0 && hits[hits_by_end[h - 1] as usize].end as usize >= k {
                    h -= 1;
                }
                hit_by_end[k] = h as u32;
            }
        }
        let in_quote = quotes(text, &tokens, &layout);
        let (words, accented) = tokens
            .toks
            .iter()
            .filter(|t| t.kind == TokKind::Word)
            .fold((0usize, 0usize), |(w, a), t| {
                (w + 1, a + usize::from(!t.ascii))
            });
        let plain_ascii = accented * 20 < words;
        Doc {
            text,
            tokens,
            layout,
            content,
            content_from,
            hits,
            hit_by_start,
            hits_by_end,
            hit_by_end,
            in_date,
            in_url,
            in_quote,
            dates: dates_all,
            plain_ascii,
        }
    }

    /// Index of the first content token at or after raw token `raw`.
    pub fn content_at(&self, raw: usize) -> Option<usize> {
        let c = *self.content_from.get(raw)? as usize;
        (c < self.content.len()).then_some(c)
    }

    /// Folded key of content token `c`.
    pub fn content_key(&self, c: usize) -> &str {
        match self.content.get(c) {
            Some(&r) => self.tokens.key(r as usize),
            None => "",
        }
    }

    /// Text of content token `c`.
    pub fn content_text(&self, c: usize) -> &'a str {
        match self.content.get(c) {
            Some(&r) => &self.text[self.tokens.toks[r as usize].range()],
            None => "",
        }
    }

    /// Hits starting at content index `c`.
    pub fn hits_starting_at(&self, c: usize) -> impl Iterator<Item = Hit> + '_ {
        let from = self
            .hit_by_start
            .get(c)
            .copied()
            .unwrap_or(self.hits.len() as u32) as usize;
        self.hits[from..]
            .iter()
            .take_while(move |h| h.start as usize == c)
            .copied()
    }

    /// Hits whose last token is `c - 1` (they end right before `c`).
    pub fn hits_ending_at(&self, c: usize) -> impl Iterator<Item = Hit> + '_ {
        let from = self
            .hit_by_end
            .get(c)
            .copied()
            .unwrap_or(self.hits_by_end.len() as u32) as usize;
        self.hits_by_end[from..]
            .iter()
            .map(|&h| self.hits[h as usize])
            .take_while(move |h| h.end as usize == c)
    }

    /// Hits lying entirely within content range `[a, b)`.
    pub fn hits_within(&self, a: usize, b: usize) -> impl Iterator<Item = Hit> + '_ {
        let from = self
            .hit_by_start
            .get(a)
            .copied()
            .unwrap_or(self.hits.len() as u32) as usize;
        self.hits[from..]
            .iter()
            .take_while(move |h| (h.start as usize) < b)
            .filter(move |h| h.end as usize <= b)
            .copied()
    }

    /// Content index where the sentence of raw token `raw` starts.
    pub fn sentence_content_start(&self, raw: usize) -> usize {
        match self.layout.sentence_of.get(raw) {
            Some(&s) if s != u32::MAX => {
                self.content_from[self.layout.sentences[s as usize].tok_start] as usize
            }
            _ => self.content_from[raw] as usize,
        }
    }

    /// True inside a short quotation (a slogan or a name in quotes).
    pub fn in_short_quote(&self, raw: usize) -> bool {
        self.in_quote.get(raw).copied().unwrap_or(false)
    }

    /// "mỗi người", "mỗi trường hợp" in the few words before content token `c` (but not "mỗi
    /// ngày", which makes a daily count, not a rate per unit).
    pub fn left_has_each(&self, c: usize) -> bool {
        let raw = self.content.get(c).copied().unwrap_or(0) as usize;
        let lo = self.sentence_content_start(raw).max(c.saturating_sub(8));
        for k in (lo..c).rev() {
            let r = self.content[k] as usize;
            // Stop at a clause boundary.
            if (r + 1..self.content[k + 1] as usize)
                .any(|x| matches!(self.tokens.key(x), ";" | ":"))
            {
                break;
            }
            if crate::key_in!(self.content_key(k), ["mỗi"]) {
                let next = self.content_key(k + 1);
                let time = crate::key_in!(
                    next,
                    ["ngày", "tuần", "tháng", "năm", "giờ", "đợt", "lần", "ca"]
                );
                return !time;
            }
        }
        false
    }

    /// Text between two raw tokens (inclusive of both).
    pub fn span_text(&self, a: usize, b_incl: usize) -> &'a str {
        &self.text[self.tokens.toks[a].start as usize..self.tokens.toks[b_incl].end as usize]
    }
}

fn urls(text: &str, t: &Tokens) -> Vec<bool> {
    let mut in_url = vec![false; t.len()];
    let mut ranges = Vec::new();
    // One vectorised search per pattern: this runs over every byte of every report.
    for pat in ["http://", "https://", "www."] {
        let mut from = 0;
        while let Some(p) = memchr::memmem::find(&text.as_bytes()[from..], pat.as_bytes()) {
            let s = from + p;
            let e = text[s..]
                .find(char::is_whitespace)
                .map_or(text.len(), |x| s + x);
            ranges.push((s, e));
            from = e.max(s + 1);
        }
    }
    if ranges.is_empty() {
        return in_url;
    }
    for (i, tk) in t.toks.iter().enumerate() {
        let s = tk.start as usize;
        if ranges.iter().any(|&(a, b)| s >= a && s < b) {
            in_url[i] = true;
        }
    }
    in_url
}

/// Marks tokens inside short quotations (at most 10 tokens between the marks).
fn quotes(text: &str, t: &Tokens, lay: &Layout) -> Vec<bool> {
    let mut q = vec![false; t.len()];
    for l in &lay.lines {
        let mut open: Option<usize> = None;
        for i in l.tok_start..l.tok_end {
            if t.toks[i].kind != TokKind::Punct {
                continue;
            }
            let c = &text[t.toks[i].range()];
            let is_open = c == "“" || c == "«" || (c == "\"" && open.is_none());
            let is_close = c == "”" || c == "»" || (c == "\"" && open.is_some());
            if is_close && let Some(o) = open {
                if i - o <= 11 {
                    q[o..=i].fill(true);
                }
                open = None;
            } else if is_open {
                open = Some(i);
            }
        }
    }
    q
}
