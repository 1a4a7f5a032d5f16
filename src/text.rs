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
    if surely_nfc(s)
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return s.to_owned();
    }
    s.nfc().collect()
}

/// [`nfc`] of an owned string: no copy when it is already NFC, as nearly every text is.
pub fn nfc_owned(s: String) -> String {
    if surely_nfc(&s)
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return s;
    }
    s.nfc().collect()
}

/// A quick check for the characters Vietnamese text is made of: everything below U+0300, the
/// precomposed Vietnamese letters (U+1E00–U+1EFF) and most general punctuation
/// (U+2002–U+206F) are their own NFC form.
fn surely_nfc(s: &str) -> bool {
    s.chars().all(|c| {
        let u = c as u32;
        u < 0x300 || (0x1E00..=0x1EFF).contains(&u) || (0x2002..=0x206F).contains(&u)
    })
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

/// Characters below this code point have precomputed properties (Latin, Vietnamese, the
/// common punctuation): the tokenizer and the folder ask about every character, and the
/// general Unicode tables are slow for the non-ASCII letters Vietnamese is full of.
const TABLE_END: u32 = 0x2000;

struct CharTable {
    /// One entry per code point: what the tokenizer needs to know about a character in a
    /// single lookup.
    chars: Vec<CharInfo>,
    alpha: Vec<u64>,
    upper: Vec<u64>,
    alnum: Vec<u64>,
}

/// A character's fold and classes (see [`CharTable`]).
#[derive(Clone, Copy)]
struct CharInfo {
    /// Lower-case letter without its tone; `'\0'` marks a character whose lower case is
    /// several characters (folded the slow way).
    base: char,
    /// Tone index + 1 (0: none).
    tone: u8,
    /// `F_ALPHA`, `F_UPPER`, `F_WORD`.
    flags: u8,
}

const F_ALPHA: u8 = 1;
const F_UPPER: u8 = 2;
/// Letters, digits and combining marks: what a word is made of.
const F_WORD: u8 = 4;

static TABLE: std::sync::LazyLock<CharTable> = std::sync::LazyLock::new(|| {
    let n = TABLE_END as usize;
    let blank = CharInfo {
        base: '\0',
        tone: 0,
        flags: 0,
    };
    let mut t = CharTable {
        chars: vec![blank; n],
        alpha: vec![0; n / 64],
        upper: vec![0; n / 64],
        alnum: vec![0; n / 64],
    };
    for u in 0..TABLE_END {
        let Some(c) = char::from_u32(u) else { continue };
        let i = u as usize;
        let set = |v: &mut Vec<u64>| v[i / 64] |= 1 << (i % 64);
        let e = &mut t.chars[i];
        if c.is_alphabetic() {
            set(&mut t.alpha);
            e.flags |= F_ALPHA;
        }
        if c.is_uppercase() {
            set(&mut t.upper);
            e.flags |= F_UPPER;
        }
        if c.is_alphanumeric() {
            set(&mut t.alnum);
            e.flags |= F_WORD;
        }
        if is_combining(c) {
            e.flags |= F_WORD;
        }
        let mut lower = c.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next()) {
            let (b, tone) = split_tone(l);
            e.base = b;
            e.tone = tone.map_or(0, |x| x as u8 + 1);
        }
    }
    t
});

fn bit(v: &[u64], c: char) -> bool {
    let i = c as usize;
    v[i / 64] & (1 << (i % 64)) != 0
}

/// `char::is_alphabetic`, fast for Latin and Vietnamese.
#[inline]
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if (c as u32) < TABLE_END {
        bit(&TABLE.alpha, c)
    } else {
        c.is_alphabetic()
    }
}

/// `char::is_alphanumeric`, fast for Latin and Vietnamese.
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if (c as u32) < TABLE_END {
        bit(&TABLE.alnum, c)
    } else {
        c.is_alphanumeric()
    }
}

/// `char::is_uppercase`, fast for Latin and Vietnamese.
#[inline]
fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else if (c as u32) < TABLE_END {
        bit(&TABLE.upper, c)
    } else {
        c.is_uppercase()
    }
}

/// Appends the folded form of `word` to `out`: lower case, tone removed from its letter and
/// written once at the end. "Thủy" and "Thuỷ" both give `thuy3`; "Hòa" gives `hoa1` and
/// "Hóa" `hoa2`. Characters that are not letters are copied in lower case.
pub fn fold_into(word: &str, out: &mut String) {
    let mut tone = None;
    for ch in word.chars() {
        if ch.is_ascii() {
            if ch != '\'' {
                out.push(ch.to_ascii_lowercase());
            }
            continue;
        }
        if is_apostrophe(ch) {
            continue;
        }
        if (ch as u32) < TABLE_END {
            let CharInfo {
                base: b, tone: t, ..
            } = TABLE.chars[ch as usize];
            if b != '\0' {
                if t > 0 && tone.is_none() {
                    tone = Some(t as usize - 1);
                }
                out.push(b);
                continue;
            }
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
///
/// Why byte by byte: this runs over every character of every report; ASCII bytes (most of
/// any Vietnamese text: spaces, digits, punctuation, unaccented letters) are classified
/// without decoding, and only the bytes of accented letters are decoded into characters.
pub fn tokenize(text: &str) -> Tokens {
    let b = text.as_bytes();
    let n = b.len();
    let mut toks = Vec::with_capacity(n / 4);
    let mut keys = String::with_capacity(n);
    let table: &CharTable = &TABLE;
    let mut prev_end: usize = usize::MAX;
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c < 0x80 {
            match ASCII_CLASS[c as usize] {
                A_SPACE => {
                    i += 1;
                    continue;
                }
                A_NEWLINE => {
                    push_token(
                        &mut toks,
                        &mut keys,
                        TokKind::Newline,
                        "\n",
                        i,
                        i + 1,
                        prev_end,
                    );
                    prev_end = usize::MAX;
                    i += 1;
                    continue;
                }
                A_DIGIT => {
                    let (end, word) = scan_number(text, i);
                    if word {
                        // "5K", "18h", "F0": a word that starts with digits, ending where
                        // `scan_number` says.
                        word_token(&mut toks, &mut keys, table, text, i, end, prev_end);
                    } else {
                        push_token(
                            &mut toks,
                            &mut keys,
                            TokKind::Number,
                            &text[i..end],
                            i,
                            end,
                            prev_end,
                        );
                    }
                    prev_end = end;
                    i = end;
                }
                A_LOWER | A_UPPER => {
                    let end = word_token(&mut toks, &mut keys, table, text, i, n, prev_end);
                    prev_end = end;
                    i = end;
                }
                _ => {
                    push_token(
                        &mut toks,
                        &mut keys,
                        TokKind::Punct,
                        &text[i..=i],
                        i,
                        i + 1,
                        prev_end,
                    );
                    prev_end = i + 1;
                    i += 1;
                }
            }
            continue;
        }
        let (cp, len) = decode(b, i);
        let ch = char::from_u32(cp).unwrap_or('\0');
        if ch.is_whitespace() || ch == '\u{feff}' {
            i += len;
            continue;
        }
        if is_alpha(ch) {
            let end = word_token(&mut toks, &mut keys, table, text, i, n, prev_end);
            prev_end = end;
            i = end;
            continue;
        }
        let mut buf = [0u8; 4];
        let key = punct_key(ch).encode_utf8(&mut buf);
        push_token(
            &mut toks,
            &mut keys,
            TokKind::Punct,
            key,
            i,
            i + len,
            prev_end,
        );
        prev_end = i + len;
        i += len;
    }
    Tokens { toks, keys }
}

/// Classes of ASCII bytes for the tokenizer's dispatch.
const A_OTHER: u8 = 0;
const A_SPACE: u8 = 1;
const A_NEWLINE: u8 = 2;
const A_DIGIT: u8 = 3;
const A_LOWER: u8 = 4;
const A_UPPER: u8 = 5;

static ASCII_CLASS: [u8; 128] = {
    let mut t = [A_OTHER; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if b == b'\n' {
            A_NEWLINE
        } else if b.is_ascii_whitespace() || b == 0x0B {
            A_SPACE
        } else if b.is_ascii_digit() {
            A_DIGIT
        } else if b.is_ascii_lowercase() {
            A_LOWER
        } else if b.is_ascii_uppercase() {
            A_UPPER
        } else {
            A_OTHER
        };
        c += 1;
    }
    t
};

/// The code point starting at byte `i` of valid UTF-8 and its length in bytes.
#[inline]
fn decode(b: &[u8], i: usize) -> (u32, usize) {
    let c0 = u32::from(b[i]);
    let cont = |k: usize| u32::from(b.get(i + k).copied().unwrap_or(0x80) & 0x3F);
    if c0 < 0x80 {
        (c0, 1)
    } else if c0 < 0xE0 {
        (((c0 & 0x1F) << 6) | cont(1), 2)
    } else if c0 < 0xF0 {
        (((c0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            ((c0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    }
}

/// Scans the word starting at byte `start` and appends its token: one pass that finds the
/// end, the flags and the folded key together (see [`fold_into`] for the key). A word is
/// letters, digits and combining marks, with an apostrophe kept between letters ("H'leo"); it
/// ends at `limit` at the latest. Returns the end.
fn word_token(
    toks: &mut Vec<Token>,
    keys: &mut String,
    table: &CharTable,
    text: &str,
    start: usize,
    limit: usize,
    prev_end: usize,
) -> usize {
    let b = text.as_bytes();
    let n = limit.min(b.len());
    let key_start = keys.len();
    let (mut letters, mut upper) = (0u32, 0u32);
    let (mut has_digit, mut ascii, mut ascii_bytes) = (false, true, true);
    let mut tone: u8 = 0;
    let mut i = start;
    while i < n {
        let c = b[i];
        if c < 0x80 {
            match ASCII_CLASS[c as usize] {
                A_LOWER => {
                    letters += 1;
                    keys.push(char::from(c));
                }
                A_UPPER => {
                    letters += 1;
                    upper += 1;
                    keys.push(char::from(c.to_ascii_lowercase()));
                }
                A_DIGIT => {
                    has_digit = true;
                    ascii = false;
                    keys.push(char::from(c));
                }
                // "H'leo": the apostrophe stays in the word, not in its key.
                _ if c == b'\'' && i > start && i + 1 < n && starts_alpha(text, i + 1) => {}
                _ => break,
            }
            i += 1;
            continue;
        }
        let (cp, len) = decode(b, i);
        if cp == u32::from('’') {
            if starts_alpha(text, i + len) {
                ascii_bytes = false;
                i += len;
                continue;
            }
            break;
        }
        let info = if cp < TABLE_END {
            table.chars[cp as usize]
        } else {
            let ch = char::from_u32(cp).unwrap_or('\0');
            if !ch.is_alphanumeric() {
                break;
            }
            CharInfo {
                base: '\0',
                tone: 0,
                flags: F_WORD
                    | (u8::from(ch.is_alphabetic()) * F_ALPHA)
                    | (u8::from(ch.is_uppercase()) * F_UPPER),
            }
        };
        if info.flags & F_WORD == 0 {
            break;
        }
        ascii = false;
        ascii_bytes = false;
        if info.flags & F_ALPHA != 0 {
            letters += 1;
            upper += u32::from(info.flags & F_UPPER != 0);
        }
        if info.base != '\0' {
            if tone == 0 {
                tone = info.tone;
            }
            keys.push(info.base);
        } else {
            let ch = char::from_u32(cp).unwrap_or('\0');
            for lc in ch.to_lowercase() {
                let (bc, t) = split_tone(lc);
                if let Some(t) = t
                    && tone == 0
                {
                    tone = t as u8 + 1;
                }
                keys.push(bc);
            }
        }
        i += len;
    }
    if ascii_bytes && i - start <= 5 {
        // "COVID", "Covid" and "nCoV" name the same disease: one key.
        let s = &b[start..i];
        if s.eq_ignore_ascii_case(b"covid") || s.eq_ignore_ascii_case(b"ncov") {
            keys.truncate(key_start);
            keys.push_str("covid");
        }
    }
    if tone > 0 {
        keys.push(TONE_TAGS[tone as usize - 1]);
    }
    toks.push(Token {
        kind: TokKind::Word,
        start: start as u32,
        end: i as u32,
        glued_left: prev_end == start,
        capital: first_is_upper(table, b, start),
        all_caps: letters >= 2 && upper == letters,
        has_digit,
        ascii,
        key_start: key_start as u32,
        key_end: keys.len() as u32,
    });
    i
}

/// The first character of the word at `start` is upper case.
fn first_is_upper(table: &CharTable, b: &[u8], start: usize) -> bool {
    let (cp, _) = decode(b, start);
    if cp < TABLE_END {
        table.chars[cp as usize].flags & F_UPPER != 0
    } else {
        char::from_u32(cp).is_some_and(char::is_uppercase)
    }
}

/// The character starting at byte `i` (a char boundary).
#[inline]
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

fn starts_alpha(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(&c) if c < 0x80 => c.is_ascii_alphabetic(),
        Some(_) => is_alpha(char_at(text, i)),
        None => false,
    }
}

/// A number starting at byte `i`: digits with '.' or ',' between digits ("2.008", "100,13").
/// Letters glued after plain digits make a word ("5K", "18h", "F0" is a word already); a
/// lower-case unit glued after a number ("862ca", "500m2") is left as its own word. Returns
/// the end and whether the token is a word.
fn scan_number(text: &str, i: usize) -> (usize, bool) {
    let b = text.as_bytes();
    let n = b.len();
    let mut end = i + 1;
    let mut has_sep = false;
    while end < n {
        let c = b[end];
        if c.is_ascii_digit() {
            end += 1;
        } else if (c == b'.' || c == b',') && end + 1 < n && b[end + 1].is_ascii_digit() {
            has_sep = true;
            end += 2;
        } else {
            break;
        }
    }
    if has_sep || end >= n {
        return (end, false);
    }
    let rest = &text[end..];
    let tail_len = rest
        .char_indices()
        .find(|&(_, c)| !is_alnum(c))
        .map_or(rest.len(), |(j, _)| j);
    if tail_len == 0 {
        return (end, false);
    }
    let tail = &rest[..tail_len];
    let glued_unit = tail
        .chars()
        .next()
        .is_some_and(|c| is_alpha(c) && !is_upper(c))
        && tail.chars().filter(|&c| is_alpha(c)).count() >= 2
        && !(tail.starts_with('h') && tail[1..].chars().all(|c| c.is_ascii_digit()));
    if glued_unit {
        (end, false)
    } else {
        (end + tail_len, true)
    }
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

/// Appends one token that is not a word (a number, a punctuation mark, a line break) with
/// its key; words go through [`word_token`].
fn push_token(
    toks: &mut Vec<Token>,
    keys: &mut String,
    kind: TokKind,
    key: &str,
    start: usize,
    end: usize,
    prev_end: usize,
) {
    let key_start = keys.len();
    keys.push_str(key);
    toks.push(Token {
        kind,
        start: start as u32,
        end: end as u32,
        glued_left: prev_end == start,
        capital: false,
        all_caps: false,
        has_digit: false,
        ascii: false,
        key_start: key_start as u32,
        key_end: keys.len() as u32,
    });
}

/// The key of a punctuation mark: typographic variants fold to one key.
fn punct_key(c: char) -> char {
    match c {
        '–' | '—' | '−' => '-',
        '“' | '”' | '„' | '«' | '»' => '"',
        '‘' | '’' => '\'',
        '…' => '.',
        other => other,
    }
}

/// The first tokenizer, written for clarity over chars: kept for tests, which check that the
/// byte-level tokenizer above gives exactly the same tokens.
#[cfg(test)]
mod reference {
    use super::*;

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
                let has_sep = bytes[i..end].iter().any(|&b| b == b'.' || b == b',');
                let mut wend = end;
                let rest = &text[end..];
                let tail_len = rest
                    .char_indices()
                    .find(|&(_, c)| !is_alnum(c))
                    .map_or(rest.len(), |(j, _)| j);
                let tail = &rest[..tail_len];
                // "862ca", "500m2": a number with its unit glued on. "18h", "17h30", "5K", "1A" stay codes.
                let glued_unit = !tail.is_empty()
                    && tail
                        .chars()
                        .next()
                        .is_some_and(|c| is_alpha(c) && !is_upper(c))
                    && tail.chars().filter(|&c| is_alpha(c)).count() >= 2
                    && !(tail.starts_with('h') && tail[1..].chars().all(|c| c.is_ascii_digit()));
                if !has_sep && !glued_unit {
                    wend = end + tail_len;
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
            if is_alpha(c) {
                let mut end = i + c.len_utf8();
                loop {
                    let rest = &text[end..];
                    let mut it = rest.chars();
                    match it.next() {
                        Some(ch) if is_alnum(ch) || is_combining(ch) => end += ch.len_utf8(),
                        Some(ch) if is_apostrophe(ch) => {
                            // Keep "H'leo", "M'gar": an apostrophe between letters.
                            match it.next() {
                                Some(n) if is_alpha(n) => end += ch.len_utf8(),
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
                    if is_alpha(ch) {
                        letters += 1;
                        if is_upper(ch) {
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
                // "COVID", "Covid" and "nCoV" name the same disease: one key.
                if s.eq_ignore_ascii_case("covid") || s.eq_ignore_ascii_case("ncov") {
                    keys.push_str("covid");
                } else {
                    fold_into(s, keys);
                }
            }
            TokKind::Number => keys.push_str(s),
            TokKind::Punct => keys.push(punct_key(s.chars().next().unwrap_or(' '))),
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_tokens(text: &str) {
        let a = tokenize(text);
        let b = reference::tokenize(text);
        assert_eq!(a.toks.len(), b.toks.len(), "{text:?}");
        for i in 0..a.toks.len() {
            let (x, y) = (&a.toks[i], &b.toks[i]);
            assert_eq!(
                (
                    x.kind,
                    x.start,
                    x.end,
                    x.glued_left,
                    x.capital,
                    x.all_caps,
                    x.has_digit,
                    x.ascii
                ),
                (
                    y.kind,
                    y.start,
                    y.end,
                    y.glued_left,
                    y.capital,
                    y.all_caps,
                    y.has_digit,
                    y.ascii
                ),
                "token {i} of {text:?}"
            );
            assert_eq!(a.key(i), b.key(i), "key {i} of {text:?}");
        }
    }

    #[test]
    fn the_byte_tokenizer_gives_the_reference_tokens() {
        for (_, t) in crate::sample::FILES {
            same_tokens(t);
        }
        for t in [
            "",
            "a",
            "862ca 500m2 18h 17h30 5K 1A F0 2.008 100,13 1,2,3 3.",
            "H'leo M’gar Ê Đê 'quoted' x'",
            "Thủy\u{00a0}Thuỷ\u{2003}Hoà\r\nHòa\t\u{feff}COVID-19 nCoV Covid",
            "Hoa\u{300} combining, “quotes” – dash … ½ ² Ⅻ 中文 😀 ß İ ǅ",
            "12ĐẮK 3ngày 4Ngày 5đ 6ĐT",
        ] {
            same_tokens(t);
        }
        // Arbitrary strings from a seeded generator over a mixed alphabet.
        let alphabet: Vec<char> = "aĐđêÊhH0123456789.,'’ \n\t\u{300}ủỦ-–“x😀"
            .chars()
            .collect();
        let mut state = 7u64;
        for _ in 0..2000 {
            let mut s = String::new();
            for _ in 0..(state % 40) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(alphabet[(state >> 33) as usize % alphabet.len()]);
            }
            same_tokens(&s);
        }
    }

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
    entries: rustc_hash::FxHashSet<String>,
    /// First bytes and byte lengths of the entries: most keys are turned away by these two
    /// bit tests without hashing.
    first: [u64; 4],
    lens: u64,
    /// The longest entry in words.
    pub max_words: usize,
}

impl Lexicon {
    /// Folds every entry of `list` (see [`fold_phrase`]).
    pub fn new(list: &[&str]) -> Lexicon {
        let entries: rustc_hash::FxHashSet<String> = list
            .iter()
            .map(|w| fold_phrase(w))
            .filter(|w| !w.is_empty())
            .collect();
        let max_words = entries
            .iter()
            .map(|e| e.split(' ').count())
            .max()
            .unwrap_or(0);
        let mut first = [0u64; 4];
        let mut lens = 0u64;
        for e in &entries {
            let b = e.as_bytes()[0] as usize;
            first[b / 64] |= 1 << (b % 64);
            lens |= 1 << e.len().min(63);
        }
        Lexicon {
            entries,
            first,
            lens,
            max_words,
        }
    }

    /// True when the folded word or phrase (words joined by single spaces) is in the set.
    #[inline]
    pub fn contains(&self, folded: &str) -> bool {
        let Some(&b) = folded.as_bytes().first() else {
            return false;
        };
        let b = b as usize;
        if self.first[b / 64] & (1 << (b % 64)) == 0 || self.lens & (1 << folded.len().min(63)) == 0
        {
            return false;
        }
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
