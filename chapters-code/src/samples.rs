//! The registry of the book's code samples.
//!
//! A *sample* is a function whose body (between its anchors) is shown in the book. It prints
//! what the reader sees in the output block under it, and it asserts what the text claims, so
//! a wrong claim fails the tests.

use std::path::{Path, PathBuf};

/// One code sample of the book.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// The chapter's file name in `src/`, without `.md` (e.g. `introduction`).
    pub chapter: &'static str,
    /// The anchor name of the sample in its module, also the name of its output file.
    pub name: &'static str,
    /// Runs the sample: prints its output to stdout and panics if an assertion fails.
    pub run: fn(),
}

impl Sample {
    /// Where the book includes this sample's printed output from, relative to the repository root.
    pub fn output_path(&self) -> PathBuf {
        Path::new("src")
            .join("outputs")
            .join(self.chapter)
            .join(format!("{}.txt", self.name))
    }
}

/// Every sample of the book, in reading order.
pub fn all() -> Vec<Sample> {
    [
        crate::introduction::SAMPLES,
        crate::memory::SAMPLES,
        crate::speed::SAMPLES,
        crate::broadcasting::SAMPLES,
        crate::newaxis::SAMPLES,
        crate::products::SAMPLES,
        crate::meshgrid::SAMPLES,
        crate::knn::SAMPLES,
        crate::life::SAMPLES,
        crate::convolution::SAMPLES,
    ]
    .concat()
}

/// A generated piece of the book that is not a sample's printed output: a table built from
/// the committed benchmark results, for example.
#[derive(Debug, Clone, Copy)]
pub struct GeneratedOutput {
    /// The file, relative to the repository root.
    pub path: &'static str,
    /// Produces the file's content.
    pub render: fn() -> Result<String, String>,
}

/// Every [`GeneratedOutput`] of the book.
pub fn generated_outputs() -> Vec<GeneratedOutput> {
    [
        crate::speed::GENERATED,
        crate::products::GENERATED,
        crate::meshgrid::GENERATED,
        crate::knn::GENERATED,
        crate::life::GENERATED,
        crate::convolution::GENERATED,
        crate::appendix::GENERATED,
    ]
    .concat()
}

/// Every output file of the book that is not a sample's printed output, relative to the
/// repository root: the [`generated_outputs`] and chapter 1's heap measurements (which need a
/// counting allocator, so `tests/memory.rs` checks them).
pub fn other_generated_outputs() -> Vec<&'static str> {
    let mut paths: Vec<&str> = generated_outputs().iter().map(|g| g.path).collect();
    paths.push(crate::memory::HEAP_REPORT_PATH);
    paths
}

/// Finds a sample by its `chapter/name` or, when unambiguous, by its plain `name`.
pub fn find(key: &str) -> Option<Sample> {
    let all = all();
    if let Some((chapter, name)) = key.split_once('/') {
        return all
            .into_iter()
            .find(|s| s.chapter == chapter && s.name == name);
    }
    let mut matches = all.into_iter().filter(|s| s.name == key);
    match (matches.next(), matches.next()) {
        (Some(sample), None) => Some(sample),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn sample_keys_are_unique() {
        let mut seen = HashSet::new();
        for s in all() {
            assert!(
                seen.insert((s.chapter, s.name)),
                "duplicate sample {}/{}",
                s.chapter,
                s.name
            );
        }
    }

    #[test]
    fn find_accepts_qualified_and_plain_names() {
        let first = all()[0];
        let qualified = format!("{}/{}", first.chapter, first.name);
        assert_eq!(find(&qualified).map(|s| s.name), Some(first.name));
        assert_eq!(find(first.name).map(|s| s.chapter), Some(first.chapter));
        assert!(find("no-such-sample").is_none());
    }
}
