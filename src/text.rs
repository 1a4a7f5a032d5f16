//! Text primitives shared by every layer: Unicode normalisation, Vietnamese folding and the
//! tokenizer.
//!
//! Why a module of its own: spans must point into the text exactly as the reader shows it
//! (NFC), while matching must ignore case and the two ways of placing a tone mark ("Thủy" /
//! "Thuỷ", "Hòa" / "Hoà"). Tones themselves are kept: "Hòa" and "Hóa" are different names
//! (Thanh Hòa is a person in one report, Thanh Hóa a province). Everything here is pure and
//! allocation-light so that extraction can run on many files at once.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{compose, decompose_canonical};

/// Returns `s` in Unicode NFC, the form every span and every displayed string uses.
pub fn nfc(s: &str) -> String {
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_owned();
    }
    s.nfc().collect()
}

/// The five Vietnamese tone marks as combining characters, in a fixed order.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];
/// Printed after a folded syllable to carry its tone; cannot occur in words.
const TONE_TAGS: [char; 5] = ['1', '2', '3', '4', '5'];

/// Splits one lower-case character into its letter (with circumflex, breve or horn kept) and
/// its tone index, if any.
fn split_tone(c: char) -> (char, Option<usize>) {
    if c.is_ascii() {
        return (c, None);
    }
    let mut base: Option<char> = None;
    let mut marks: [char; 3] = ['\0'; 3];
    let mut n_marks = 0;
    let mut tone = None;
    decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        } else if let Some(t) = TONES.iter().position(|&m| m == d) {
            tone = Some(t);
        } else if n_marks < marks.len() {
            marks[n_marks] = d;
            n_marks += 1;
        }
    });
    let mut out = base.unwrap_or(c);
    for &m in &marks[..n_marks] {
        out = compose(out, m).unwrap_or(out);
    }
    (out, tone)
}

/// Appends the folded form of `word` to `out`: lower case, tone removed from its letter and
/// written once at the end. "Thủy" and "Thuỷ" both give `thuy3`; "Hòa" gives `hoa1` and
/// "Hóa" `hoa2`. Characters that are not letters are copied in lower case.
pub fn fold_into(word: &str, out: &mut String) {
    let mut tone = None;
    for ch in word.chars() {
        if is_apostrophe(ch) {
            continue;
        }
        for lc in ch.to_lowercase() {
            let (b, t) = split_tone(lc);
            if t.is_some() && tone.is_none() {
                tone = t;
            }
            out.push(b);
        }
    }
    if let Some(t) = tone {
        out.push(TONE_TAGS[t]);
    }
}

/// Folds one word (see [`fold_into`]).
pub fn fold(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    fold_into(word, &mut s);
    s
}

/// Folds a phrase word by word, joining the folded words with single spaces. Punctuation
/// between words is dropped, so "y, bác sĩ" and "y bác sĩ" fold alike.
pub fn fold_phrase(phrase: &str) -> String {
    let mut out = String::new();
    // "H' Drai" (as GSO writes it) is one word, "H'Drai".
    let joined = phrase.replace("' ", "'").replace("’ ", "’");
    for w in joined.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        let w = w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'));
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        fold_into(w, &mut out);
    }
    out
}

/// Strips every diacritic and maps đ to d: the form in which people type names on keyboards
/// without Vietnamese input ("Ha Noi", "Can Tho").
pub fn ascii_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        for lc in ch.to_lowercase() {
            if lc == 'đ' {
                out.push('d');
                continue;
            }
            let mut first = None;
            decompose_canonical(lc, |d| {
                if first.is_none() {
                    first = Some(d);
                }
            });
            out.push(first.unwrap_or(lc));
        }
    }
    out
}

/// What a token is, as far as the tokenizer can tell without context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (with internal apostrophes: "H'leo"), possibly with digits ("F0", "5K", "m2").
    Word,
    /// Digits with internal '.' or ',' between digits ("2.008", "100,13", "23").
    Number,
    /// One punctuation or symbol character.
    Punct,
    /// A line break: paragraphs and table rows end here.
    Newline,
}

/// One token: its kind, its byte span in the text and its folded key.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub kind: TokKind,
    pub start: u32,
    pub end: u32,
    /// No whitespace between this token and the previous one.
    pub glued_left: bool,
    /// The first character is upper case.
    pub capital: bool,
    /// Every letter is upper case (and there are at least two).
    pub all_caps: bool,
    /// The word has a digit in it (for `Word`) .
    pub has_digit: bool,
    /// The word is pure ASCII letters.
    pub ascii: bool,
    key_start: u32,
    key_end: u32,
}

impl Token {
    /// Byte range of the token in the text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A tokenized text: the tokens and the buffer their folded keys live in.
#[derive(Debug, Default)]
pub struct Tokens {
    pub toks: Vec<Token>,
    keys: String,
}

impl Tokens {
    /// The folded key of token `i`.
    pub fn key(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.keys[t.key_start as usize..t.key_end as usize]
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into tokens. Whitespace is dropped (but line breaks become `Newline`
/// tokens); every other character belongs to exactly one token.
pub fn tokenize(text: &str) -> Tokens {
    let mut toks = Vec::with_capacity(text.len() / 4);
    let mut keys = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    let mut prev_end: usize = usize::MAX;
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            push(
                &mut toks,
                &mut keys,
                text,
                TokKind::Newline,
                i,
                i + 1,
                prev_end,
            );
            prev_end = usize::MAX;
            continue;
        }
        if c.is_whitespace() || c == '\u{feff}' {
            continue;
        }
        if c.is_ascii_digit() {
            // Digits, with '.' or ',' kept inside when a digit follows.
            let mut end = i + 1;
            while end < bytes.len() {
                let b = bytes[end];
                if b.is_ascii_digit() {
                    end += 1;
                } else if (b == b'.' || b == b',')
                    && end + 1 < bytes.len()
                    && bytes[end + 1].is_ascii_digit()
                {
                    end += 2;
                } else {
                    break;
                }
            }
            // Letters glued after digits make a word: "5K", "18h", "2.000m2" stays a number
            // followed by the word "m2" only when the digits carry a separator.
            let has_sep = text[i..end].contains(['.', ',']);
            let mut wend = end;
            let tail: String = text[end..]
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            // "862ca", "500m2": a number with its unit glued on. "18h", "17h30", "5K", "1A" stay codes.
            let glued_unit = tail.chars().next().is_some_and(char::is_lowercase)
                && tail.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !(tail.starts_with('h') && tail[1..].chars().all(|c| c.is_ascii_digit()));
            if !has_sep && !glued_unit {
                let rest = &text[end..];
                let it = rest.char_indices();
                for (j, ch) in it {
                    if ch.is_alphanumeric() {
                        wend = end + j + ch.len_utf8();
                    } else {
                        break;
                    }
                }
            }
            while chars.peek().is_some_and(|&(j, _)| j < wend.max(end)) {
                chars.next();
            }
            if wend > end {
                push(&mut toks, &mut keys, text, TokKind::Word, i, wend, prev_end);
                prev_end = wend;
            } else {
                push(
                    &mut toks,
                    &mut keys,
                    text,
                    TokKind::Number,
                    i,
                    end,
                    prev_end,
                );
                prev_end = end;
            }
            continue;
        }
        if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            loop {
                let rest = &text[end..];
                let mut it = rest.chars();
                match it.next() {
                    Some(ch) if ch.is_alphanumeric() || is_combining(ch) => end += ch.len_utf8(),
                    Some(ch) if is_apostrophe(ch) => {
                        // Keep "H'leo", "M'gar": an apostrophe between letters.
                        match it.next() {
                            Some(n) if n.is_alphabetic() => end += ch.len_utf8(),
                            _ => break,
                        }
                    }
                    _ => break,
                }
            }
            while chars.peek().is_some_and(|&(j, _)| j < end) {
                chars.next();
            }
            push(&mut toks, &mut keys, text, TokKind::Word, i, end, prev_end);
            prev_end = end;
            continue;
        }
        let end = i + c.len_utf8();
        push(&mut toks, &mut keys, text, TokKind::Punct, i, end, prev_end);
        prev_end = end;
    }
    Tokens { toks, keys }
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

fn push(
    toks: &mut Vec<Token>,
    keys: &mut String,
    text: &str,
    kind: TokKind,
    start: usize,
    end: usize,
    prev_end: usize,
) {
    let s = &text[start..end];
    let key_start = keys.len();
    let (mut capital, mut all_caps, mut has_digit, mut ascii) = (false, false, false, false);
    match kind {
        TokKind::Word => {
            let mut first = true;
            let mut letters = 0;
            let mut upper = 0;
            ascii = true;
            for ch in s.chars() {
                if ch.is_alphabetic() {
                    letters += 1;
                    if ch.is_uppercase() {
                        upper += 1;
                        if first {
                            capital = true;
                        }
                    }
                    if !ch.is_ascii() {
                        ascii = false;
                    }
                } else if ch.is_ascii_digit() {
                    has_digit = true;
                    ascii = false;
                } else if !is_apostrophe(ch) {
                    ascii = false;
                }
                first = false;
            }
            all_caps = letters >= 2 && upper == letters;
            let lower = s.to_lowercase();
            // "COVID", "Covid" and "nCoV" name the same disease: one key.
            if lower == "covid" || lower == "ncov" {
                keys.push_str("covid");
            } else {
                fold_into(s, keys);
            }
        }
        TokKind::Number => keys.push_str(s),
        TokKind::Punct => {
            // Typographic variants fold to one key.
            let c = s.chars().next().unwrap_or(' ');
            let k = match c {
                '–' | '—' | '−' => '-',
                '“' | '”' | '„' | '«' | '»' => '"',
                '‘' | '’' => '\'',
                '…' => '.',
                other => other,
            };
            keys.push(k);
        }
        TokKind::Newline => keys.push('\n'),
    }
    toks.push(Token {
        kind,
        start: start as u32,
        end: end as u32,
        glued_left: prev_end == start,
        capital,
        all_caps,
        has_digit,
        ascii,
        key_start: key_start as u32,
        key_end: keys.len() as u32,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_placement_folds_alike_but_tones_differ() {
        assert_eq!(fold("Thủy"), fold("Thuỷ"));
        assert_eq!(fold("Hòa"), fold("Hoà"));
        assert_eq!(
            fold("Khánh Hoà".split(' ').nth(1).unwrap_or("")),
            fold("Hòa")
        );
        assert_ne!(fold("Hòa"), fold("Hóa"));
        assert_eq!(fold("ĐẮK"), fold("Đắk"));
        assert_eq!(fold("Ô"), "ô");
        assert_eq!(fold("Môn"), "môn");
        assert_eq!(fold("Ninh"), "ninh");
    }

    #[test]
    fn ascii_fold_strips_everything() {
        assert_eq!(ascii_fold("Đồng Tháp"), "dong thap");
        assert_eq!(ascii_fold("Hà Nội"), "ha noi");
    }

    #[test]
    fn nfc_composes_decomposed_text() {
        let nfd: String = "Hoà Bình".nfd().collect();
        assert_ne!(nfd, "Hoà Bình");
        assert_eq!(nfc(&nfd), "Hoà Bình");
    }

    #[test]
    fn tokenizer_keeps_numbers_and_words_with_spans() {
        let text = "Đến ngày 23/9, quận Ô Môn có 2.008 hộ; 100,13% và F0, 5K, H'leo.";
        let t = tokenize(text);
        let texts: Vec<&str> = t.toks.iter().map(|x| &text[x.range()]).collect();
        assert_eq!(
            texts,
            vec![
                "Đến", "ngày", "23", "/", "9", ",", "quận", "Ô", "Môn", "có", "2.008", "hộ", ";",
                "100,13", "%", "và", "F0", ",", "5K", ",", "H'leo", "."
            ]
        );
        assert!(t.toks[3].glued_left && t.toks[4].glued_left);
        assert_eq!(t.toks[10].kind, TokKind::Number);
        assert_eq!(t.toks[16].kind, TokKind::Word);
        assert!(t.toks[16].has_digit);
        assert_eq!(t.key(6), "quân5");
    }

    #[test]
    fn tokenizer_handles_decimal_then_unit_and_sentence_dot() {
        let text = "1.900 đến 2.000m2 sàn. Có 433 ca.";
        let t = tokenize(text);
        let texts: Vec<&str> = t.toks.iter().map(|x| &text[x.range()]).collect();
        assert_eq!(
            texts,
            vec![
                "1.900", "đến", "2.000", "m2", "sàn", ".", "Có", "433", "ca", "."
            ]
        );
        assert!(t.toks[3].glued_left);
    }
}

/// A set of folded words or phrases, built once from a constant list (see [`lexicon!`]).
///
/// Why: rules compare token keys with fixed Vietnamese words ("đến", "từ", "ngày") millions
/// of times; folding those words once keeps the comparison a hash lookup.
#[derive(Debug, Default)]
pub struct Lexicon {
    entries: std::collections::HashSet<String>,
    /// The longest entry in words.
    pub max_words: usize,
}

impl Lexicon {
    /// Folds every entry of `list` (see [`fold_phrase`]).
    pub fn new(list: &[&str]) -> Lexicon {
        let entries: std::collections::HashSet<String> = list
            .iter()
            .map(|w| fold_phrase(w))
            .filter(|w| !w.is_empty())
            .collect();
        let max_words = entries
            .iter()
            .map(|e| e.split(' ').count())
            .max()
            .unwrap_or(0);
        Lexicon { entries, max_words }
    }

    /// True when the folded word or phrase (words joined by single spaces) is in the set.
    pub fn contains(&self, folded: &str) -> bool {
        self.entries.contains(folded)
    }
}

/// Declares a lazily built, immutable [`Lexicon`]: `lexicon!(NAME, ["từ", "kể từ"]);`.
#[macro_export]
macro_rules! lexicon {
    ($(#[$m:meta])* $vis:vis $name:ident, [$($w:expr),* $(,)?]) => {
        $(#[$m])*
        $vis static $name: std::sync::LazyLock<$crate::text::Lexicon> =
            std::sync::LazyLock::new(|| $crate::text::Lexicon::new(&[$($w),*]));
    };
}

/// True when a folded key is one of the listed words or phrases; the list is folded once, where
/// the macro is written: `key_in!(t.key(i), ["đến", "tới"])` or `key_in!(key, SOME_CONST)`.
#[macro_export]
macro_rules! key_in {
    ($key:expr, [$($w:expr),* $(,)?]) => {{
        static L: std::sync::LazyLock<$crate::text::Lexicon> =
            std::sync::LazyLock::new(|| $crate::text::Lexicon::new(&[$($w),*]));
        L.contains($key)
    }};
    ($key:expr, $list:path) => {{
        static L: std::sync::LazyLock<$crate::text::Lexicon> =
            std::sync::LazyLock::new(|| $crate::text::Lexicon::new($list));
        L.contains($key)
    }};
}
