//! Any bytes as a session file: loading either gives a session or a typed error, never a
//! panic; a loaded session saves and loads back to itself.
#![no_main]

use baocao::session::SessionFile;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("/nonexistent/fuzz.ron");
    if let Ok(s) = SessionFile::from_ron(text, path) {
        let again = SessionFile::from_ron(&s.to_ron(), path).expect("a saved session loads");
        assert_eq!(again, s);
    }
});
