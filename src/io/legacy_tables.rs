//! Decoding tables for the two legacy 8-bit Vietnamese encodings still found in government
//! files: TCVN3 (ABC, the "VN3" set of TCVN 5712:1993, fonts `.VnTime`, `.VnArial`…) and
//! VNI-Windows (fonts `VNI-Times`, `VNI-Helve`…).
//!
//! Neither encoding declares itself and both read as plausible Windows-1252 ("Ñaõ tieâm" for
//! "Đã tiêm"), so the detector in `decode.rs` cannot get them right on its own. These tables let
//! the decoder convert such files to Unicode. They hold data only; the decoding and the choice
//! among encodings live in [`super::legacy`], called from [`super::decode`].
//!
//! Sources, cross-checked entry by entry when these tables were written:
//! - UniKey's converter (VnConv, Pham Kim Long): `ukengine/data.cpp` in `vn-input/ibus-unikey`,
//!   the same tables as `ukengine/tables/singlebyte/tcvn3.cpp` and
//!   `ukengine/tables/doublebytes/vni_win.cpp` in `hoangduytran/ibus-unikey`;
//! - xvnkb (Dao Hai Lam): `tcvn.h` and `vni.h` in `lamdao/xvnkb`;
//! - `src/charsets.ts` in `duydev/vietnamese-conversion` (npm `vietnamese-conversion`);
//! - TCVN3 only: `ConvertVNI/XtraForm1.cs` in `backupvietsoft/HRM`, and glibc's
//!   `iconv/tcvn5712-1.c` (the full VN1 set, see below).
//!
//! They agree on every letter in both tables; they differ only on what TCVN3 lacks (toned
//! capitals) and on bytes that are not letters, as described below.
//!
//! # TCVN3
//!
//! One byte per character. 0x00–0x7F is plain ASCII: TCVN3 remaps nothing there, so
//! [`TCVN3_LOW`] is empty. (VN1, the larger set of the same standard that glibc and libiconv
//! call "TCVN", also puts 12 toned capitals at 0x01–0x17, e.g. 0x01 = Ú; no TCVN3 font has them
//! and UniKey does not map them.) The only capitals are Ă Â Ê Ô Ơ Ư Đ at 0xA1–0xA7; toned
//! capitals (À, Ấ, Ề, Ữ…) do not exist. Capitals in TCVN3 documents are set in the "H" fonts
//! (`.VnTimeH`), which draw the lower-case codes as capitals, so a decoder reads them as
//! lower case; the font is not in the bytes.
//!
//! [`TCVN3`] maps the 74 letters UniKey maps. 0x80–0x9F are read as the Windows-1252 symbols
//! (curly quotes, dashes, ellipsis), as UniKey does: TCVN3 files are Windows "ANSI" text, where
//! those bytes are typed as these symbols (UniKey maps 0x82 to U+20A1 "₡", a slip for U+201A
//! "‚"; this table follows Windows-1252). 0xA0 is a no-break space. The other 21 bytes are
//! unassigned in TCVN3 and map to U+FFFD; VN1 puts toned capitals (and at 0xB0–0xB4 combining
//! tone marks) there and in 0x80–0x9F, which the comments on each entry give.
//!
//! # VNI-Windows
//!
//! ASCII plus two kinds of bytes in 0x80–0xFF: [`VNI_SINGLE`], 18 letters that take one byte (Đ
//! đ, Ơ ơ, Ư ư, the toned i's and Ỵ ỵ), and mark bytes that follow a base letter. Every
//! composed letter in [`VNI_PAIRS`] is exactly two bytes: an ASCII base letter, or the
//! single-byte Ơ ơ Ư ư, followed by one mark byte that carries the tone and, for â ă ê ô,
//! the circumflex or breve as well (`b"a\xE1"` is "ấ"). Upper-case letters use their own mark
//! bytes (`b"A\xD9"` is "Á", `b"a\xF9"` is "á"). So a decoder must try a pair before a single
//! byte (`b"\xF4\xF9"` is "ớ", not "ơ" and a stray mark). No single-letter byte is ever a mark
//! byte. Bytes that are neither are Windows-1252 as far as UniKey goes.

/// TCVN3 (ABC) bytes 0x80..=0xFF to Unicode: index `byte - 0x80`. U+FFFD where TCVN3 assigns
/// nothing. Bytes below 0x80 are ASCII (see [`TCVN3_LOW`]).
pub const TCVN3: [char; 128] = [
    '\u{20AC}', // 0x80 € euro sign (Windows-1252; VN1: À)
    '\u{FFFD}', // 0x81 unassigned in Windows-1252 (VN1: Ả)
    '\u{201A}', // 0x82 ‚ single low-9 quotation mark (Windows-1252; VN1: Ã)
    '\u{0192}', // 0x83 ƒ latin small letter f with hook (Windows-1252; VN1: Á)
    '\u{201E}', // 0x84 „ double low-9 quotation mark (Windows-1252; VN1: Ạ)
    '\u{2026}', // 0x85 … horizontal ellipsis (Windows-1252; VN1: Ặ)
    '\u{2020}', // 0x86 † dagger (Windows-1252; VN1: Ậ)
    '\u{2021}', // 0x87 ‡ double dagger (Windows-1252; VN1: È)
    '\u{02C6}', // 0x88 ˆ modifier letter circumflex accent (Windows-1252; VN1: Ẻ)
    '\u{2030}', // 0x89 ‰ per mille sign (Windows-1252; VN1: Ẽ)
    '\u{0160}', // 0x8A Š latin capital letter s with caron (Windows-1252; VN1: É)
    '\u{2039}', // 0x8B ‹ single left-pointing angle quotation mark (Windows-1252; VN1: Ẹ)
    '\u{0152}', // 0x8C Œ latin capital ligature oe (Windows-1252; VN1: Ệ)
    '\u{FFFD}', // 0x8D unassigned in Windows-1252 (VN1: Ì)
    '\u{017D}', // 0x8E Ž latin capital letter z with caron (Windows-1252; VN1: Ỉ)
    '\u{FFFD}', // 0x8F unassigned in Windows-1252 (VN1: Ĩ)
    '\u{FFFD}', // 0x90 unassigned in Windows-1252 (VN1: Í)
    '\u{2018}', // 0x91 ‘ left single quotation mark (Windows-1252; VN1: Ị)
    '\u{2019}', // 0x92 ’ right single quotation mark (Windows-1252; VN1: Ò)
    '\u{201C}', // 0x93 “ left double quotation mark (Windows-1252; VN1: Ỏ)
    '\u{201D}', // 0x94 ” right double quotation mark (Windows-1252; VN1: Õ)
    '\u{2022}', // 0x95 • bullet (Windows-1252; VN1: Ó)
    '\u{2013}', // 0x96 – en dash (Windows-1252; VN1: Ọ)
    '\u{2014}', // 0x97 — em dash (Windows-1252; VN1: Ộ)
    '\u{02DC}', // 0x98 ˜ small tilde (Windows-1252; VN1: Ờ)
    '\u{2122}', // 0x99 ™ trade mark sign (Windows-1252; VN1: Ở)
    '\u{0161}', // 0x9A š latin small letter s with caron (Windows-1252; VN1: Ỡ)
    '\u{203A}', // 0x9B › single right-pointing angle quotation mark (Windows-1252; VN1: Ớ)
    '\u{0153}', // 0x9C œ latin small ligature oe (Windows-1252; VN1: Ợ)
    '\u{FFFD}', // 0x9D unassigned in Windows-1252 (VN1: Ù)
    '\u{017E}', // 0x9E ž latin small letter z with caron (Windows-1252; VN1: Ủ)
    '\u{0178}', // 0x9F Ÿ latin capital letter y with diaeresis (Windows-1252; VN1: Ũ)
    '\u{00A0}', // 0xA0 no-break space
    '\u{0102}', // 0xA1 Ă
    '\u{00C2}', // 0xA2 Â
    '\u{00CA}', // 0xA3 Ê
    '\u{00D4}', // 0xA4 Ô
    '\u{01A0}', // 0xA5 Ơ
    '\u{01AF}', // 0xA6 Ư
    '\u{0110}', // 0xA7 Đ
    '\u{0103}', // 0xA8 ă
    '\u{00E2}', // 0xA9 â
    '\u{00EA}', // 0xAA ê
    '\u{00F4}', // 0xAB ô
    '\u{01A1}', // 0xAC ơ
    '\u{01B0}', // 0xAD ư
    '\u{0111}', // 0xAE đ
    '\u{FFFD}', // 0xAF unassigned (VN1: Ằ)
    '\u{FFFD}', // 0xB0 unassigned (VN1: combining grave accent)
    '\u{FFFD}', // 0xB1 unassigned (VN1: combining hook above)
    '\u{FFFD}', // 0xB2 unassigned (VN1: combining tilde)
    '\u{FFFD}', // 0xB3 unassigned (VN1: combining acute accent)
    '\u{FFFD}', // 0xB4 unassigned (VN1: combining dot below)
    '\u{00E0}', // 0xB5 à
    '\u{1EA3}', // 0xB6 ả
    '\u{00E3}', // 0xB7 ã
    '\u{00E1}', // 0xB8 á
    '\u{1EA1}', // 0xB9 ạ
    '\u{FFFD}', // 0xBA unassigned (VN1: Ẳ)
    '\u{1EB1}', // 0xBB ằ
    '\u{1EB3}', // 0xBC ẳ
    '\u{1EB5}', // 0xBD ẵ
    '\u{1EAF}', // 0xBE ắ
    '\u{FFFD}', // 0xBF unassigned (VN1: Ẵ)
    '\u{FFFD}', // 0xC0 unassigned (VN1: Ắ)
    '\u{FFFD}', // 0xC1 unassigned (VN1: Ầ)
    '\u{FFFD}', // 0xC2 unassigned (VN1: Ẩ)
    '\u{FFFD}', // 0xC3 unassigned (VN1: Ẫ)
    '\u{FFFD}', // 0xC4 unassigned (VN1: Ấ)
    '\u{FFFD}', // 0xC5 unassigned (VN1: Ề)
    '\u{1EB7}', // 0xC6 ặ
    '\u{1EA7}', // 0xC7 ầ
    '\u{1EA9}', // 0xC8 ẩ
    '\u{1EAB}', // 0xC9 ẫ
    '\u{1EA5}', // 0xCA ấ
    '\u{1EAD}', // 0xCB ậ
    '\u{00E8}', // 0xCC è
    '\u{FFFD}', // 0xCD unassigned (VN1: Ể)
    '\u{1EBB}', // 0xCE ẻ
    '\u{1EBD}', // 0xCF ẽ
    '\u{00E9}', // 0xD0 é
    '\u{1EB9}', // 0xD1 ẹ
    '\u{1EC1}', // 0xD2 ề
    '\u{1EC3}', // 0xD3 ể
    '\u{1EC5}', // 0xD4 ễ
    '\u{1EBF}', // 0xD5 ế
    '\u{1EC7}', // 0xD6 ệ
    '\u{00EC}', // 0xD7 ì
    '\u{1EC9}', // 0xD8 ỉ
    '\u{FFFD}', // 0xD9 unassigned (VN1: Ễ)
    '\u{FFFD}', // 0xDA unassigned (VN1: Ế)
    '\u{FFFD}', // 0xDB unassigned (VN1: Ồ)
    '\u{0129}', // 0xDC ĩ
    '\u{00ED}', // 0xDD í
    '\u{1ECB}', // 0xDE ị
    '\u{00F2}', // 0xDF ò
    '\u{FFFD}', // 0xE0 unassigned (VN1: Ổ)
    '\u{1ECF}', // 0xE1 ỏ
    '\u{00F5}', // 0xE2 õ
    '\u{00F3}', // 0xE3 ó
    '\u{1ECD}', // 0xE4 ọ
    '\u{1ED3}', // 0xE5 ồ
    '\u{1ED5}', // 0xE6 ổ
    '\u{1ED7}', // 0xE7 ỗ
    '\u{1ED1}', // 0xE8 ố
    '\u{1ED9}', // 0xE9 ộ
    '\u{1EDD}', // 0xEA ờ
    '\u{1EDF}', // 0xEB ở
    '\u{1EE1}', // 0xEC ỡ
    '\u{1EDB}', // 0xED ớ
    '\u{1EE3}', // 0xEE ợ
    '\u{00F9}', // 0xEF ù
    '\u{FFFD}', // 0xF0 unassigned (VN1: Ỗ)
    '\u{1EE7}', // 0xF1 ủ
    '\u{0169}', // 0xF2 ũ
    '\u{00FA}', // 0xF3 ú
    '\u{1EE5}', // 0xF4 ụ
    '\u{1EEB}', // 0xF5 ừ
    '\u{1EED}', // 0xF6 ử
    '\u{1EEF}', // 0xF7 ữ
    '\u{1EE9}', // 0xF8 ứ
    '\u{1EF1}', // 0xF9 ự
    '\u{1EF3}', // 0xFA ỳ
    '\u{1EF7}', // 0xFB ỷ
    '\u{1EF9}', // 0xFC ỹ
    '\u{00FD}', // 0xFD ý
    '\u{1EF5}', // 0xFE ỵ
    '\u{FFFD}', // 0xFF unassigned (VN1: Ố)
];

/// Bytes below 0x80 that TCVN3 maps to something other than ASCII: none. (The VN1 set of the
/// same standard puts toned capitals at 0x01–0x17; TCVN3 fonts and converters do not.)
pub const TCVN3_LOW: &[(u8, char)] = &[];

/// VNI-Windows bytes that are a letter on their own. A decoder must first try [`VNI_PAIRS`]:
/// Ơ ơ Ư ư (0xD4 0xF4 0xD6 0xF6) also start two-byte toned letters.
pub const VNI_SINGLE: &[(u8, char)] = &[
    (0xC6, '\u{1EC8}'), // Ỉ
    (0xCC, '\u{00CC}'), // Ì
    (0xCD, '\u{00CD}'), // Í
    (0xCE, '\u{1EF4}'), // Ỵ
    (0xD1, '\u{0110}'), // Đ
    (0xD2, '\u{1ECA}'), // Ị
    (0xD3, '\u{0128}'), // Ĩ
    (0xD4, '\u{01A0}'), // Ơ
    (0xD6, '\u{01AF}'), // Ư
    (0xE6, '\u{1EC9}'), // ỉ
    (0xEC, '\u{00EC}'), // ì
    (0xED, '\u{00ED}'), // í
    (0xEE, '\u{1EF5}'), // ỵ
    (0xF1, '\u{0111}'), // đ
    (0xF2, '\u{1ECB}'), // ị
    (0xF3, '\u{0129}'), // ĩ
    (0xF4, '\u{01A1}'), // ơ
    (0xF6, '\u{01B0}'), // ư
];

/// VNI-Windows two-byte letters: base letter byte, then one mark byte, to the precomposed
/// (NFC) Unicode letter. All lower- and upper-case vowels with each of the five tones, with and
/// without circumflex, breve or horn (the toned i's and ỵ Ỵ are in [`VNI_SINGLE`]).
pub const VNI_PAIRS: &[(&[u8], char)] = &[
    // a: á à ả ã ạ
    (b"a\xF9", 'á'),
    (b"a\xF8", 'à'),
    (b"a\xFB", 'ả'),
    (b"a\xF5", 'ã'),
    (b"a\xEF", 'ạ'),
    // A: Á À Ả Ã Ạ
    (b"A\xD9", 'Á'),
    (b"A\xD8", 'À'),
    (b"A\xDB", 'Ả'),
    (b"A\xD5", 'Ã'),
    (b"A\xCF", 'Ạ'),
    // â: â ấ ầ ẩ ẫ ậ
    (b"a\xE2", 'â'),
    (b"a\xE1", 'ấ'),
    (b"a\xE0", 'ầ'),
    (b"a\xE5", 'ẩ'),
    (b"a\xE3", 'ẫ'),
    (b"a\xE4", 'ậ'),
    // Â: Â Ấ Ầ Ẩ Ẫ Ậ
    (b"A\xC2", 'Â'),
    (b"A\xC1", 'Ấ'),
    (b"A\xC0", 'Ầ'),
    (b"A\xC5", 'Ẩ'),
    (b"A\xC3", 'Ẫ'),
    (b"A\xC4", 'Ậ'),
    // ă: ă ắ ằ ẳ ẵ ặ
    (b"a\xEA", 'ă'),
    (b"a\xE9", 'ắ'),
    (b"a\xE8", 'ằ'),
    (b"a\xFA", 'ẳ'),
    (b"a\xFC", 'ẵ'),
    (b"a\xEB", 'ặ'),
    // Ă: Ă Ắ Ằ Ẳ Ẵ Ặ
    (b"A\xCA", 'Ă'),
    (b"A\xC9", 'Ắ'),
    (b"A\xC8", 'Ằ'),
    (b"A\xDA", 'Ẳ'),
    (b"A\xDC", 'Ẵ'),
    (b"A\xCB", 'Ặ'),
    // e: é è ẻ ẽ ẹ
    (b"e\xF9", 'é'),
    (b"e\xF8", 'è'),
    (b"e\xFB", 'ẻ'),
    (b"e\xF5", 'ẽ'),
    (b"e\xEF", 'ẹ'),
    // E: É È Ẻ Ẽ Ẹ
    (b"E\xD9", 'É'),
    (b"E\xD8", 'È'),
    (b"E\xDB", 'Ẻ'),
    (b"E\xD5", 'Ẽ'),
    (b"E\xCF", 'Ẹ'),
    // ê: ê ế ề ể ễ ệ
    (b"e\xE2", 'ê'),
    (b"e\xE1", 'ế'),
    (b"e\xE0", 'ề'),
    (b"e\xE5", 'ể'),
    (b"e\xE3", 'ễ'),
    (b"e\xE4", 'ệ'),
    // Ê: Ê Ế Ề Ể Ễ Ệ
    (b"E\xC2", 'Ê'),
    (b"E\xC1", 'Ế'),
    (b"E\xC0", 'Ề'),
    (b"E\xC5", 'Ể'),
    (b"E\xC3", 'Ễ'),
    (b"E\xC4", 'Ệ'),
    // o: ó ò ỏ õ ọ
    (b"o\xF9", 'ó'),
    (b"o\xF8", 'ò'),
    (b"o\xFB", 'ỏ'),
    (b"o\xF5", 'õ'),
    (b"o\xEF", 'ọ'),
    // O: Ó Ò Ỏ Õ Ọ
    (b"O\xD9", 'Ó'),
    (b"O\xD8", 'Ò'),
    (b"O\xDB", 'Ỏ'),
    (b"O\xD5", 'Õ'),
    (b"O\xCF", 'Ọ'),
    // ô: ô ố ồ ổ ỗ ộ
    (b"o\xE2", 'ô'),
    (b"o\xE1", 'ố'),
    (b"o\xE0", 'ồ'),
    (b"o\xE5", 'ổ'),
    (b"o\xE3", 'ỗ'),
    (b"o\xE4", 'ộ'),
    // Ô: Ô Ố Ồ Ổ Ỗ Ộ
    (b"O\xC2", 'Ô'),
    (b"O\xC1", 'Ố'),
    (b"O\xC0", 'Ồ'),
    (b"O\xC5", 'Ổ'),
    (b"O\xC3", 'Ỗ'),
    (b"O\xC4", 'Ộ'),
    // ơ: ớ ờ ở ỡ ợ
    (b"\xF4\xF9", 'ớ'),
    (b"\xF4\xF8", 'ờ'),
    (b"\xF4\xFB", 'ở'),
    (b"\xF4\xF5", 'ỡ'),
    (b"\xF4\xEF", 'ợ'),
    // Ơ: Ớ Ờ Ở Ỡ Ợ
    (b"\xD4\xD9", 'Ớ'),
    (b"\xD4\xD8", 'Ờ'),
    (b"\xD4\xDB", 'Ở'),
    (b"\xD4\xD5", 'Ỡ'),
    (b"\xD4\xCF", 'Ợ'),
    // u: ú ù ủ ũ ụ
    (b"u\xF9", 'ú'),
    (b"u\xF8", 'ù'),
    (b"u\xFB", 'ủ'),
    (b"u\xF5", 'ũ'),
    (b"u\xEF", 'ụ'),
    // U: Ú Ù Ủ Ũ Ụ
    (b"U\xD9", 'Ú'),
    (b"U\xD8", 'Ù'),
    (b"U\xDB", 'Ủ'),
    (b"U\xD5", 'Ũ'),
    (b"U\xCF", 'Ụ'),
    // ư: ứ ừ ử ữ ự
    (b"\xF6\xF9", 'ứ'),
    (b"\xF6\xF8", 'ừ'),
    (b"\xF6\xFB", 'ử'),
    (b"\xF6\xF5", 'ữ'),
    (b"\xF6\xEF", 'ự'),
    // Ư: Ứ Ừ Ử Ữ Ự
    (b"\xD6\xD9", 'Ứ'),
    (b"\xD6\xD8", 'Ừ'),
    (b"\xD6\xDB", 'Ử'),
    (b"\xD6\xD5", 'Ữ'),
    (b"\xD6\xCF", 'Ự'),
    // y: ý ỳ ỷ ỹ
    (b"y\xF9", 'ý'),
    (b"y\xF8", 'ỳ'),
    (b"y\xFB", 'ỷ'),
    (b"y\xF5", 'ỹ'),
    // Y: Ý Ỳ Ỷ Ỹ
    (b"Y\xD9", 'Ý'),
    (b"Y\xD8", 'Ỳ'),
    (b"Y\xDB", 'Ỷ'),
    (b"Y\xD5", 'Ỹ'),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn tcvn3(byte: u8) -> char {
        TCVN3[usize::from(byte - 0x80)]
    }

    fn vni_pair(bytes: &[u8]) -> Option<char> {
        VNI_PAIRS.iter().find(|p| p.0 == bytes).map(|p| p.1)
    }

    fn vni_single(byte: u8) -> Option<char> {
        VNI_SINGLE.iter().find(|p| p.0 == byte).map(|p| p.1)
    }

    #[test]
    fn tcvn3_well_known_bytes() {
        assert_eq!(tcvn3(0xAD), 'ư');
        assert_eq!(tcvn3(0xAE), 'đ');
        assert_eq!(tcvn3(0xA7), 'Đ');
        assert_eq!(tcvn3(0xD5), 'ế');
        assert_eq!(tcvn3(0xB8), 'á');
        assert_eq!(tcvn3(0xF9), 'ự');
        assert_eq!(tcvn3(0x93), '“');
        assert_eq!(tcvn3(0xC0), '\u{FFFD}');
        // No character is the decoding of two bytes, apart from U+FFFD.
        for (i, c) in TCVN3.iter().enumerate() {
            if *c != '\u{FFFD}' {
                assert!(!TCVN3[i + 1..].contains(c), "{c} twice");
            }
        }
    }

    #[test]
    fn vni_well_known_sequences() {
        assert_eq!(vni_pair(b"a\xF9"), Some('á'));
        assert_eq!(vni_pair(b"A\xD9"), Some('Á'));
        assert_eq!(vni_pair(b"e\xE1"), Some('ế'));
        assert_eq!(vni_pair(b"a\xEA"), Some('ă'));
        assert_eq!(vni_pair(b"\xF6\xF9"), Some('ứ'));
        assert_eq!(vni_pair(b"O\xC2"), Some('Ô'));
        assert_eq!(vni_single(0xF1), Some('đ'));
        assert_eq!(vni_single(0xD1), Some('Đ'));
        assert_eq!(vni_single(0xF6), Some('ư'));
        assert_eq!(vni_single(0xEE), Some('ỵ'));
        // Every pair is base + one mark, and no single-letter byte doubles as a mark.
        for (bytes, c) in VNI_PAIRS {
            assert_eq!(bytes.len(), 2, "{c}");
            assert!(vni_single(bytes[1]).is_none(), "{c}");
        }
    }
}
