//! The bundled font. egui's built-in fonts show every letter of U+1EA0–U+1EF9 (ậ, ủ, ệ, ố, ự…)
//! as a box, and system fonts vary by machine: baocao embeds Noto Sans and Noto Sans Mono
//! (SIL Open Font License, `assets/fonts/OFL.txt`), plus a 4 KB cut of Noto Sans Symbols 2 for
//! the status marks, and puts them first in both families.
//! Tests install the same fonts, so a missing glyph fails them.

use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

const SANS: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const MONO: &[u8] = include_bytes!("../../assets/fonts/NotoSansMono-Regular.ttf");
/// Status and arrow marks (✓ ✗ ✎ ▲ ▼ ●…) only: a 4 KB subset of Noto Sans Symbols 2.
const SYMBOLS: &[u8] = include_bytes!("../../assets/fonts/NotoSansSymbols2-subset.ttf");

/// Font definitions with Noto first in the proportional and monospace families.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans".to_owned(),
        Arc::new(FontData::from_static(SANS)),
    );
    fonts.font_data.insert(
        "noto-mono".to_owned(),
        Arc::new(FontData::from_static(MONO)),
    );
    fonts.font_data.insert(
        "noto-symbols".to_owned(),
        Arc::new(FontData::from_static(SYMBOLS)),
    );
    if let Some(f) = fonts.families.get_mut(&FontFamily::Proportional) {
        f.insert(0, "noto-sans".to_owned());
        f.insert(1, "noto-symbols".to_owned());
    }
    if let Some(f) = fonts.families.get_mut(&FontFamily::Monospace) {
        f.insert(0, "noto-mono".to_owned());
        f.insert(1, "noto-sans".to_owned());
        f.insert(2, "noto-symbols".to_owned());
    }
    fonts
}

/// Installs the fonts in a context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
