//! Turning a file's bytes into the text the reader shows.
//!
//! UTF-8 (with or without BOM) and UTF-16 (with BOM) are read as declared; anything else is
//! detected (chardetng, with Vietnamese as the expected language, against the legacy
//! Vietnamese encodings TCVN3 and VNI: see [`super::legacy`]) and converted, so Windows-1258,
//! TCVN3 and VNI files read right. The result is normalised to NFC with '\n' line
//! ends: every span baocao reports points into that text.

use super::legacy;
use crate::text::nfc_owned;

/// Why bytes could not be made into text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file looks binary (it contains {0} NUL bytes), not text")]
    Binary(usize),
    #[error(
        "the file declares UTF-8 with a byte-order mark but is not valid UTF-8 (first bad byte at offset {0})"
    )]
    BadUtf8(usize),
}

/// Decoded text and how it was decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Name of the encoding ("UTF-8", "UTF-16LE", "windows-1258"...).
    pub encoding: String,
    /// Something worth telling the user ("some bytes were not valid … and were replaced").
    pub note: Option<String>,
}

/// Decodes bytes to NFC text with '\n' line ends.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let (text, encoding, note) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        match std::str::from_utf8(rest) {
            Ok(s) => (s.to_owned(), "UTF-8 (BOM)".to_owned(), None),
            Err(e) => return Err(DecodeError::BadUtf8(e.valid_up_to() + 3)),
        }
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (cow, _, had_errors) = enc.decode(bytes);
        let note = had_errors
            .then(|| format!("some bytes were not valid {} and were replaced", enc.name()));
        (cow.into_owned(), enc.name().to_owned(), note)
    } else {
        let nuls = bytes.iter().filter(|&&b| b == 0).count();
        if nuls > 0 {
            return Err(DecodeError::Binary(nuls));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_owned(), "UTF-8".to_owned(), None),
            Err(_) => legacy_or_detected(bytes),
        }
    };
    if looks_binary(&text) {
        let controls = text
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            .count();
        return Err(DecodeError::Binary(controls));
    }
    let text = normalise_newlines(text);
    Ok(Decoded {
        text: nfc_owned(text),
        encoding,
        note,
    })
}

/// Bytes that are not UTF-8: the detector's guess, Windows-1258, TCVN3 and VNI are each
/// decoded, and the one that reads most like Vietnamese wins (the guess on a tie).
fn legacy_or_detected(bytes: &[u8]) -> (String, String, Option<String>) {
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let guess = det.guess(Some(b"vn"), true);
    let mut cands: Vec<(String, String, bool)> = Vec::new();
    for enc in [guess, encoding_rs::WINDOWS_1258] {
        if cands.iter().any(|c| c.1 == enc.name()) {
            continue;
        }
        let (cow, _, had_errors) = enc.decode(bytes);
        cands.push((
            nfc_owned(cow.into_owned()),
            enc.name().to_owned(),
            had_errors,
        ));
    }
    for (text, name) in [
        (legacy::decode_tcvn3(bytes), "TCVN3 (ABC)"),
        (legacy::decode_vni(bytes), "VNI"),
    ] {
        // Bytes the encoding leaves unassigned became U+FFFD.
        let replaced = text.contains('\u{FFFD}');
        cands.push((text, name.to_owned(), replaced));
    }
    let mut best = 0;
    let mut best_score = i64::MIN;
    for (k, c) in cands.iter().enumerate() {
        let s = legacy::vietnamese_score(&c.0);
        if s > best_score {
            (best, best_score) = (k, s);
        }
    }
    let (text, name, had_errors) = cands.swap_remove(best);
    let note = if had_errors {
        format!("not UTF-8; read as {name} (detected), with some bytes replaced")
    } else {
        format!("not UTF-8; read as {name} (detected)")
    };
    (text, name, Some(note))
}

fn looks_binary(text: &str) -> bool {
    // Text without control bytes and without U+FFFD (EF BF BD) is text: checked on bytes.
    let head = &text.as_bytes()[..text.len().min(256 * 1024)];
    if !head.iter().any(|&b| {
        (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) || b == 0x7f || b == 0xEF
    }) {
        return false;
    }
    let mut n = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(64 * 1024) {
        n += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || c == '\u{fffd}' {
            bad += 1;
        }
    }
    n > 0 && bad * 10 > n
}

fn normalise_newlines(s: String) -> String {
    if !s.as_bytes().contains(&b'\r') {
        return s;
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Hà Nội".as_bytes()).unwrap().text, "Hà Nội");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Hà Nội\r\n".as_bytes());
        assert_eq!(decode(&b).unwrap().text, "Hà Nội\n");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "Cần Thơ".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, "Cần Thơ");
        let mut be = vec![0xFE, 0xFF];
        for u in "Cần Thơ".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().text, "Cần Thơ");
    }

    #[test]
    fn windows_1258_is_detected_and_composed() {
        let src = "Đến ngày 23/9, quận Ô Môn có 433 ca COVID-19, đứng thứ 5 trong 9 quận, huyện ở Cần Thơ. Đã tiêm được 22.248 liều vắc xin.";
        // Windows-1258 stores letters with their vowel marks (â, ơ, ư) and the tone as a
        // combining character: decompose tones only.
        let mut decomposed = String::new();
        for ch in src.chars() {
            let mut base = String::new();
            let mut tone = None;
            for d in ch.to_string().nfd() {
                if matches!(d, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}') {
                    tone = Some(d);
                } else {
                    base.push(d);
                }
            }
            decomposed.extend(base.nfc());
            decomposed.extend(tone);
        }
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&decomposed);
        assert!(!unmappable);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, src);
        assert!(d.encoding.contains("1258"), "{}", d.encoding);
    }

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = "Thừa Thiên Huế".nfd().collect();
        assert_eq!(decode(nfd.as_bytes()).unwrap().text, "Thừa Thiên Huế");
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert!(matches!(
            decode(b"\x7fELF\x02\x01\x01\x00\x00\x00"),
            Err(DecodeError::Binary(_))
        ));
    }
}
