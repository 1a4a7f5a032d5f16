//! Any bytes as a report file of every kind (text in any encoding, web page, Word document,
//! PDF): each reader gives text or a reason, never a panic or a hang.
//!
//! The PDF library panics on some damaged files; the PDF reader catches that and names the
//! file as unreadable. libFuzzer's panic hook would abort even on a caught panic, so it is
//! replaced by a silent one: a panic that escapes a reader still fails the run (libfuzzer-sys
//! aborts when the target unwinds).
#![no_main]

use baocao::io::corpus::default_readers;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static READERS: LazyLock<Vec<Box<dyn baocao::io::corpus::Reader>>> = LazyLock::new(default_readers);

static QUIET_CAUGHT_PANICS: std::sync::Once = std::sync::Once::new();

fuzz_target!(|data: &[u8]| {
    QUIET_CAUGHT_PANICS.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    for r in READERS.iter() {
        if let Ok(t) = r.read(data) {
            assert!(
                !t.text.contains('\r'),
                "{}: line ends are normalised",
                r.name()
            );
        }
    }
});
