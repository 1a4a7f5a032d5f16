//! The five founding reports, embedded in the binary so that "Open the sample reports" works
//! from any directory, offline, on first run.

use std::path::{Path, PathBuf};

/// (file name, text) of each sample report.
pub const FILES: &[(&str, &str)] = &[
    (
        "000_10dc9f409678ff5e.txt",
        include_str!("../assets/sample/000_10dc9f409678ff5e.txt"),
    ),
    (
        "001_b400d9b96e41cb27.txt",
        include_str!("../assets/sample/001_b400d9b96e41cb27.txt"),
    ),
    (
        "002_fb5d0e228b1c466e.txt",
        include_str!("../assets/sample/002_fb5d0e228b1c466e.txt"),
    ),
    (
        "003_66afc7125638a01b.txt",
        include_str!("../assets/sample/003_66afc7125638a01b.txt"),
    ),
    (
        "004_c3f9a9c50758b3e9.txt",
        include_str!("../assets/sample/004_c3f9a9c50758b3e9.txt"),
    ),
];

/// Writes the sample into `dir/sample` (only files that are missing or differ) and returns the
/// folder, so that sessions made on the sample can refer to a real folder.
pub fn materialize(dir: &Path) -> std::io::Result<PathBuf> {
    let out = dir.join("sample");
    std::fs::create_dir_all(&out)?;
    for (name, text) in FILES {
        let p = out.join(name);
        if std::fs::read_to_string(&p).ok().as_deref() != Some(*text) {
            std::fs::write(&p, text)?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn materializes_the_five_reports() {
        let dir = tempfile::tempdir().unwrap();
        let p = super::materialize(dir.path()).unwrap();
        assert_eq!(std::fs::read_dir(&p).unwrap().count(), 5);
        // Idempotent.
        super::materialize(dir.path()).unwrap();
    }
}
