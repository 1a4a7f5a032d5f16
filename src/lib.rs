//! baocao: turns folders of Vietnamese district reports into facts per district, each with the
//! exact span of text it came from, for review, charts and export.
//!
//! Layers (see ARCHITECTURE.md): [`model`] holds pure data types; [`text`] the Unicode and
//! tokenizing primitives; [`extract`] turns text into facts with the catalogue and gazetteer
//! from `assets/`; [`io`] reads folders and writes records; [`pipeline`] runs extraction over a
//! folder in parallel; [`review`], [`dataset`], [`workspace`] and [`session`] hold the human
//! review overlay, the resolved view, undoable actions and session files; [`cli`] is the
//! command line. None of these import egui. [`app`] (state, commands, background threads) and
//! [`ui`] (egui panels) make the desktop app on top.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod dashboard;
pub mod dataset;
pub mod export;
pub mod extract;
pub mod generate;
pub mod input;
pub mod io;
pub mod model;
pub mod pipeline;
pub mod review;
pub mod sample;
pub mod session;
#[cfg(test)]
mod test_support;
pub mod text;
#[cfg(feature = "gui")]
pub mod ui;
pub mod workspace;

/// Version string with the git commit it was built from ("0.1.0 (3f2c1ab)").
pub fn version() -> &'static str {
    concat!(
        env!("CARGO_PKG_VERSION"),
        " (",
        env!("BAOCAO_GIT_COMMIT"),
        ")"
    )
}
