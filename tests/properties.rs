//! Property tests: numbers, dates, decoding, readers and extraction on generated input.
//!
//! Extraction and the readers meet text nobody wrote for them; these check, on thousands of
//! generated cases, that nothing panics and that every span still points into the text the
//! reader shows. (Longer runs: `PROPTEST_CASES=20000 cargo test --release --test properties`.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed unwrap is a failed test

use baocao::extract::Extractor;
use baocao::extract::numbers::parse_vn;
use baocao::input::{DateInput, format_date, format_value, parse_date, parse_value};
use baocao::model::{PartialDate, Value, Ymd};
use proptest::prelude::*;
use std::sync::LazyLock;

static EX: LazyLock<Extractor> = LazyLock::new(|| Extractor::bundled().unwrap());

/// Words and marks reports are made of, so that generated text reaches the extractor's rules.
const WORDS: &[&str] = &[
    "Đến",
    "ngày",
    "23/9",
    "quận",
    "Ô",
    "Môn",
    "có",
    "433",
    "ca",
    "COVID-19",
    ",",
    ".",
    "đã",
    "tiêm",
    "được",
    "22.248",
    "liều",
    "vắc",
    "xin",
    "phong",
    "tỏa",
    "99",
    "điểm",
    "với",
    "2.008",
    "hộ",
    "4.435",
    "nhân",
    "khẩu",
    "xử",
    "phạt",
    "992",
    "trường",
    "hợp",
    "số",
    "tiền",
    "2,275",
    "tỷ",
    "đồng",
    "huyện",
    "Phong",
    "Điền",
    "TP",
    "Cần",
    "Thơ",
    "tỉnh",
    "Kiên",
    "Giang",
    "trong",
    "đó",
    "mắc",
    "mới",
    ";",
    ":",
    "(",
    ")",
    "\n",
    "\n\n",
    "\t",
    "khoảng",
    "hơn",
    "1-2",
    "15/10/2021",
    "%",
    "người",
    "Hà",
    "Nội",
    "Hoàng",
    "Mai",
    "tại",
    "và",
    "“",
    "”",
    "-",
    "0",
    "1.000.000",
    "12,5",
    "Tin",
    "liên",
    "quan",
];

fn report_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => prop::sample::select(WORDS).prop_map(str::to_owned),
            1 => "\\PC{1,6}",
            1 => (0u64..10_000_000).prop_map(|n| n.to_string()),
        ],
        0..160,
    )
    .prop_map(|w| w.join(" "))
}

fn check_spans(text: &str) {
    let x = EX.extract(text);
    for f in &x.facts {
        assert_eq!(text.get(f.start..f.end), Some(f.evidence.as_str()), "{f:?}");
        assert!(text.is_char_boundary(f.number_start) && text.is_char_boundary(f.number_end));
        assert!(f.start <= f.number_start && f.number_end <= f.end);
    }
    for m in &x.mentions {
        assert!(text.get(m.start..m.end).is_some(), "{m:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(400)
    ))]

    #[test]
    fn numbers_written_the_vietnamese_way_parse_back(n in 0u64..1_000_000_000_000, frac in prop::option::of(1u32..100)) {
        // Thousands with '.', decimals with ','.
        let digits = n.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push('.');
            }
            grouped.push(c);
        }
        let (text, want) = match frac {
            Some(f) => (format!("{grouped},{f:02}"), n as f64 + f64::from(f) / 100.0),
            None => (grouped, n as f64),
        };
        let got = parse_vn(&text).unwrap();
        prop_assert!((got - want).abs() <= want.abs() * 1e-12, "{text}: {got} != {want}");
    }

    #[test]
    fn typed_values_round_trip(a in 0u32..10_000_000, b in 0u32..10_000_000, range in any::<bool>()) {
        let v = if range && a != b {
            Value::Range { min: f64::from(a.min(b)), max: f64::from(a.max(b)) }
        } else {
            Value::Exact(f64::from(a))
        };
        prop_assert_eq!(parse_value(&format_value(&v)), Some(v));
    }

    #[test]
    fn dates_round_trip_through_days_and_the_form(days in -50_000i64..50_000, with_year in any::<bool>()) {
        let d = Ymd::from_days_since_epoch(days);
        prop_assert_eq!(d.days_since_epoch(), days);
        let p = PartialDate { year: with_year.then_some(d.year), month: d.month, day: d.day };
        // 29/2 without a year is a valid day of some year; the form accepts it.
        prop_assert_eq!(parse_date(&format_date(&p), None), Some(DateInput::Date(p)));
    }

    #[test]
    fn extraction_never_panics_and_spans_slice_to_their_evidence(text in report_text()) {
        check_spans(&baocao::text::nfc(&text));
    }

    #[test]
    fn arbitrary_unicode_is_safe_to_extract(text in "\\PC{0,400}") {
        check_spans(&baocao::text::nfc(&text));
    }

    #[test]
    fn any_bytes_decode_or_get_a_reason(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        for r in baocao::io::corpus::default_readers() {
            if let Ok(t) = r.read(&bytes) {
                prop_assert!(!t.text.contains('\r'));
                check_spans(&t.text);
            }
        }
    }

    #[test]
    fn any_markup_gives_text(page in "(<[a-z/!]{0,6}[^>]{0,12}>|[^<]{0,20}|&[a-z#0-9]{0,6};?){0,60}") {
        let t = baocao::io::html::page_text(&page);
        // Laid out like a pasted report (no carriage returns, a final line break), and safe to
        // extract from.
        prop_assert!(t.ends_with('\n') && !t.contains('\r'));
        check_spans(&t);
    }
}
