//! App preferences kept between runs through eframe's storage: recent folders and sessions,
//! theme, language, the last folder a dialog was in. (The window size is kept by eframe.)

use crate::ui::ThemePref;
use crate::ui::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The storage key.
pub const KEY: &str = "baocao-prefs";
/// How many recent entries each list keeps.
pub const RECENT_MAX: usize = 8;

/// Preferences. New fields get `#[serde(default)]` so older stored values still load.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub recent_folders: Vec<PathBuf>,
    pub recent_sessions: Vec<PathBuf>,
    pub theme: ThemePref,
    pub lang: Lang,
    pub last_dir: Option<PathBuf>,
}

impl Prefs {
    /// Puts a folder first in the recent list.
    pub fn add_folder(&mut self, p: &Path) {
        push_front(&mut self.recent_folders, p);
        self.last_dir = Some(p.to_path_buf());
    }

    /// Puts a session first in the recent list.
    pub fn add_session(&mut self, p: &Path) {
        push_front(&mut self.recent_sessions, p);
        self.last_dir = p.parent().map(Path::to_path_buf);
    }

    /// Forgets a path that could not be opened.
    pub fn forget(&mut self, p: &Path) {
        self.recent_folders.retain(|x| x != p);
        self.recent_sessions.retain(|x| x != p);
    }
}

fn push_front(list: &mut Vec<PathBuf>, p: &Path) {
    list.retain(|x| x != p);
    list.insert(0, p.to_path_buf());
    list.truncate(RECENT_MAX);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_lists_are_most_recent_first_without_repeats() {
        let mut p = Prefs::default();
        for i in 0..10 {
            p.add_folder(Path::new(&format!("/r/{i}")));
        }
        p.add_folder(Path::new("/r/5"));
        assert_eq!(p.recent_folders.len(), RECENT_MAX);
        assert_eq!(p.recent_folders[0], Path::new("/r/5"));
        assert_eq!(
            p.recent_folders
                .iter()
                .filter(|x| *x == Path::new("/r/5"))
                .count(),
            1
        );
        p.forget(Path::new("/r/5"));
        assert!(!p.recent_folders.contains(&PathBuf::from("/r/5")));
        // Older stored values (missing fields) still load.
        let old: Prefs = ron::from_str("(recent_folders: [\"/a\"])").unwrap();
        assert_eq!(old.recent_folders, vec![PathBuf::from("/a")]);
    }
}
