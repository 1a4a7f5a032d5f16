//! A messy folder of reports for the bad-file tests: the committed fixtures
//! (`tests/fixtures/messy`, made by its `make.py`) plus what is too big or too odd for git.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

/// The folder and what the tests expect of it.
pub struct Messy {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

/// Files that must be read (relative paths), and a word of their text.
pub const READ: &[(&str, &str)] = &[
    ("report (copy).txt", "Hoàng Mai"),
    ("saved page.html", "Ô Môn"),
    ("word document.docx", "Kiên Giang"),
    ("printed.pdf", "Hoàng Mai"),
    ("utf-16.txt", "Ba Đình"),
    ("tcvn3.txt", "Ô Môn"),
    ("vni.txt", "Kiên Giang"),
    ("decomposed (NFD).txt", "Phong Điền"),
    ("windows-1258.txt", "Thốt Nốt"),
    ("mixed line endings.txt", "Cờ Đỏ"),
    ("sub/deeper/in a subfolder.txt", "Cái Răng"),
    ("one long line.txt", "Ô Môn"),
    ("huge.txt", "Vị Thanh"),
];

/// Files that must be skipped, and a word of the reason given.
pub const SKIPPED: &[(&str, &str)] = &[
    ("README", "without extension"),
    ("photo.jpg", ".jpg"),
    ("empty.txt", "empty"),
    ("binary renamed.txt", "binary"),
    ("not really.docx", "not a Word document"),
    ("zip bomb.docx", "zip bomb"),
    ("cut short.pdf", "could not be read"),
    ("no text (scan).pdf", "no text layer"),
    ("report.txt", "same text as report (copy).txt"),
];

/// Copies the fixtures and adds a 51 MB report (read in part), a 2 MB report on one line,
/// folders 70 levels deep, and on Unix a symbolic-link loop and a dangling link.
pub fn messy() -> Messy {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("reports");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/messy"),
        &root,
    );
    std::fs::remove_file(root.join("make.py")).unwrap();
    let sentence =
        "Đến ngày 8/10/2021, quận Ô Môn có 433 ca COVID-19, đã tiêm được 22.248 liều vắc xin, ";
    std::fs::write(
        root.join("one long line.txt"),
        sentence.repeat(2_000_000 / sentence.len()),
    )
    .unwrap();
    let mut huge = String::from(
        "Bản tin ngày 9/10/2021\n\nThành phố Vị Thanh, tỉnh Hậu Giang có 14 ca mắc mới.\n",
    );
    huge.push_str(&" ".repeat(51 * 1024 * 1024));
    huge.push_str("\nCuối tệp: 999 ca không được đọc.\n");
    std::fs::write(root.join("huge.txt"), huge).unwrap();
    let mut deep = root.join("deep");
    for k in 0..70 {
        deep = deep.join(format!("level {k}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("too deep.txt"), "Quận Ninh Kiều có 5 ca.\n").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&root, root.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("gone.txt")).unwrap();
    }
    Messy { _dir: dir, root }
}

/// Skipped entries that depend on the platform: (path, word of the reason).
pub fn platform_skipped() -> Vec<(&'static str, &'static str)> {
    let mut v = vec![("deep/level 0/level 1", "deeper than 64")];
    if cfg!(unix) {
        v.push(("sub/loop", "loop"));
        v.push(("gone.txt", "cannot be read"));
    }
    v
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}
