//! Helpers for unit tests: articles extracted from texts in memory, without touching disk.

use crate::dataset::Dataset;
use crate::extract::Extractor;
use crate::pipeline::ArticleResult;
use std::path::PathBuf;

/// Extracts each (file name, text) as if read from a folder `/corpus`.
pub fn results(files: &[(&str, &str)], ex: &Extractor) -> Vec<ArticleResult> {
    let owned = files
        .iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect();
    crate::pipeline::extract_texts(owned, ex)
}

/// A dataset of those texts, and the bundled extractor.
pub fn dataset(files: &[(&str, &str)]) -> (Dataset, Extractor) {
    let ex = Extractor::bundled().expect("the bundled catalogue and gazetteer load");
    let ds = Dataset::new(PathBuf::from("/corpus"), results(files, &ex), Vec::new());
    (ds, ex)
}
