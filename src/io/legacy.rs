//! The legacy 8-bit Vietnamese encodings, TCVN3 (ABC) and VNI, and how a file's encoding is
//! chosen when it is not UTF-8.
//!
//! Why a score rather than a detector's guess: TCVN3 and VNI files declare nothing, and their
//! bytes read as plausible Windows-1252 ("§Õn ngµy", "Ñeán ngaøy"), so a general detector
//! cannot tell them from Western text. Each candidate decoding is instead read as Vietnamese
//! would be: a word whose accented letters are all Vietnamese letters and that carries at most
//! one tone counts for it; a word with a foreign letter or two tones, or a replaced byte,
//! counts against it. Misread text fails that test on most of its accented words.

use super::legacy_tables::{TCVN3, VNI_PAIRS, VNI_SINGLE};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Text in TCVN3 (one byte per character).
pub fn decode_tcvn3(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b < 0x80 {
                char::from(b)
            } else {
                TCVN3[usize::from(b - 0x80)]
            }
        })
        .collect()
}

struct VniTable {
    /// Base byte and mark byte → letter.
    pairs: FxHashMap<(u8, u8), char>,
    /// Bytes 0x80..=0xFF on their own: a VNI letter, else the Windows-1252 character.
    single: [char; 128],
}

static VNI: LazyLock<VniTable> = LazyLock::new(|| {
    let mut single = ['\u{FFFD}'; 128];
    for (k, slot) in single.iter_mut().enumerate() {
        let byte = [0x80 + k as u8];
        let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        *slot = s.chars().next().unwrap_or('\u{FFFD}');
    }
    for &(b, c) in VNI_SINGLE {
        if b >= 0x80 {
            single[usize::from(b - 0x80)] = c;
        }
    }
    let pairs = VNI_PAIRS
        .iter()
        .filter_map(|&(seq, c)| match seq {
            [a, m] => Some(((*a, *m), c)),
            _ => None,
        })
        .collect();
    VniTable { pairs, single }
});

/// Text in VNI-Windows (a letter and its marks in one or two bytes).
pub fn decode_vni(bytes: &[u8]) -> String {
    let t = &*VNI;
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if let Some(&next) = bytes.get(i + 1)
            && let Some(&c) = t.pairs.get(&(bytes[i], next))
        {
            out.push(c);
            i += 2;
            continue;
        }
        let b = bytes[i];
        out.push(if b < 0x80 {
            char::from(b)
        } else {
            t.single[usize::from(b - 0x80)]
        });
        i += 1;
    }
    out
}

/// Every accented Vietnamese letter, and whether it carries a tone.
static LETTERS: LazyLock<FxHashMap<char, bool>> = LazyLock::new(|| {
    use unicode_normalization::UnicodeNormalization;
    let mut m = FxHashMap::default();
    for c in VNI_SINGLE
        .iter()
        .map(|&(_, c)| c)
        .chain(VNI_PAIRS.iter().map(|&(_, c)| c))
    {
        let toned = c
            .to_string()
            .nfd()
            .any(|d| matches!(d, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'));
        m.insert(c, toned);
    }
    m
});

/// How much `text` (in NFC) reads as Vietnamese: see the module's doc.
pub fn vietnamese_score(text: &str) -> i64 {
    let letters = &*LETTERS;
    let mut score = 0i64;
    let mut word = Word::default();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            continue;
        }
        if c.is_alphabetic() {
            word.accented = true;
            match letters.get(&c) {
                Some(&toned) => word.tones += u32::from(toned),
                None => word.foreign = true,
            }
            continue;
        }
        score += word.end();
        if c == '\u{FFFD}' || ('\u{80}'..='\u{9F}').contains(&c) {
            score -= 2;
        } else if !c.is_ascii() && !c.is_whitespace() && !is_common_symbol(c) {
            // "§", "µ", "®", "ø" in the middle of words: the marks of a misread file.
            score -= 1;
        }
    }
    score + word.end()
}

/// The accented letters of the word being read.
#[derive(Default)]
struct Word {
    tones: u32,
    accented: bool,
    foreign: bool,
}

impl Word {
    /// The word's part of the score; starts the next word.
    fn end(&mut self) -> i64 {
        let s = if self.foreign {
            -2
        } else if self.accented {
            if self.tones <= 1 { 1 } else { -1 }
        } else {
            0
        };
        *self = Word::default();
        s
    }
}

/// Punctuation Vietnamese text uses.
fn is_common_symbol(c: char) -> bool {
    matches!(
        c,
        '“' | '”'
            | '‘'
            | '’'
            | '–'
            | '—'
            | '…'
            | '•'
            | '°'
            | '«'
            | '»'
            | '·'
            | '€'
            | '№'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str = "Đến ngày 23/9, quận Ô Môn có 433 ca COVID-19, đã tiêm được 22.248 liều vắc xin; Thủ Đức, Hậu Giang.";

    fn encode_tcvn3(s: &str) -> Vec<u8> {
        s.chars()
            .map(|c| {
                if c.is_ascii() {
                    c as u8
                } else {
                    TCVN3
                        .iter()
                        .position(|&t| t == c)
                        .map_or(b'?', |k| 0x80 + k as u8)
                }
            })
            .collect()
    }

    fn encode_vni(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for c in s.chars() {
            if c.is_ascii() {
                out.push(c as u8);
            } else if let Some(&(b, _)) = VNI_SINGLE.iter().find(|(_, x)| *x == c) {
                out.push(b);
            } else if let Some(&(seq, _)) = VNI_PAIRS.iter().find(|(_, x)| *x == c) {
                out.extend_from_slice(seq);
            } else {
                out.push(b'?');
            }
        }
        out
    }

    #[test]
    fn both_legacy_encodings_round_trip_a_report_sentence() {
        assert_eq!(decode_tcvn3(&encode_tcvn3(SENTENCE)), SENTENCE);
        assert_eq!(decode_vni(&encode_vni(SENTENCE)), SENTENCE);
        // Byte values fixed by the standard, not by our own tables: "Đến" is A7 D5 6E in
        // TCVN3 and D1 65 E1 6E in VNI.
        assert_eq!(&encode_tcvn3("Đến")[..], b"\xA7\xD5n");
        assert_eq!(&encode_vni("Đến")[..], b"\xD1e\xE1n");
    }

    #[test]
    fn the_right_reading_scores_highest() {
        let tcvn = encode_tcvn3(SENTENCE);
        let right = vietnamese_score(&decode_tcvn3(&tcvn));
        let (as_1252, _, _) = encoding_rs::WINDOWS_1252.decode(&tcvn);
        assert!(right > vietnamese_score(&as_1252), "{as_1252}");
        assert!(right > vietnamese_score(&decode_vni(&tcvn)));
        let vni = encode_vni(SENTENCE);
        let right = vietnamese_score(&decode_vni(&vni));
        let (as_1252, _, _) = encoding_rs::WINDOWS_1252.decode(&vni);
        assert!(right > vietnamese_score(&as_1252), "{as_1252}");
        assert!(right > vietnamese_score(&decode_tcvn3(&vni)));
    }
}
