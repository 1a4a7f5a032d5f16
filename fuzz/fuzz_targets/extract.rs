//! Any text through extraction: no panic, and every fact's spans lie on character boundaries
//! and slice the text to the fact's evidence.
#![no_main]

use baocao::extract::Extractor;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static EX: LazyLock<Extractor> = LazyLock::new(|| Extractor::bundled().expect("bundled assets"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = baocao::text::nfc(text);
    let x = EX.extract(&text);
    for f in &x.facts {
        assert_eq!(text.get(f.start..f.end), Some(f.evidence.as_str()));
        assert!(text.is_char_boundary(f.number_start) && text.is_char_boundary(f.number_end));
        assert!(f.start <= f.number_start && f.number_end <= f.end);
    }
});
