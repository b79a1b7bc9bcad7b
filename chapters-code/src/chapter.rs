//! What a chapter contributes to the book, declared once in its module as one [`Chapter`]
//! value: its samples, its figures and its generated tables. The catalog in `lib.rs`,
//! [`CHAPTERS`](crate::CHAPTERS), lists the chapters.
//!
//! Every name follows from the chapter's slug, the name of its markdown file: chapter
//! `ch02-speed` is `src/ch02-speed.md`, its outputs are in `src/outputs/ch02-speed/` and its
//! figures are `images/ch02-speed-*.png`.

use std::path::{Path, PathBuf};

use crate::error::Result;

/// One chapter of the book and everything it generates.
#[derive(Debug, Clone, Copy)]
pub struct Chapter {
    /// The chapter's markdown file in `src/`, without `.md` (e.g. `ch02-speed`); `appendix`
    /// for the generated tables of the appendices.
    pub slug: &'static str,
    /// Its code samples, in reading order (see [`samples!`](crate::chapter::samples)).
    pub samples: &'static [Sample],
    /// Its figures, in reading order.
    pub figures: &'static [Figure],
    /// Its generated tables and other text that is not a sample's printed output.
    pub tables: &'static [Table],
}

/// One code sample: a function whose body (between its anchors) the book shows. It prints what
/// the reader sees in the output block under it, and asserts what the text claims.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// The function's name: its anchor, and the name of its output file.
    pub name: &'static str,
    /// Runs the sample: prints its output to stdout and panics if an assertion fails.
    pub run: fn(),
}

/// Lists sample functions as [`Sample`]s, each named after its function:
/// `samples![first_array, matrix_product]`.
macro_rules! samples {
    ($($function:ident),* $(,)?) => {
        &[$($crate::chapter::Sample { name: stringify!($function), run: $function }),*]
    };
}
pub(crate) use samples;

/// One figure, drawn by code into `images/`.
#[derive(Debug, Clone, Copy)]
pub struct Figure {
    /// The file name after the chapter's slug: `reciprocals.png` is
    /// `images/ch02-speed-reciprocals.png`.
    pub name: &'static str,
    /// Draws the figure into the given file.
    pub render: fn(&Path) -> Result<()>,
}

/// A generated piece of a chapter that is not a sample's printed output: a timing table, the
/// findings drawn from the measurements, the heap measurements of chapter 1.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// The file name in the chapter's outputs folder, e.g. `reciprocals-table.md`.
    pub name: &'static str,
    /// Produces the file's content.
    pub render: Render,
}

/// How a [`Table`] is produced.
#[derive(Debug, Clone, Copy)]
pub enum Render {
    /// From the committed sources alone (benchmark results, the chapters' markdown).
    Text(fn() -> Result<String>),
    /// From measurements of the heap, made by the program's counting allocator (the library
    /// has none: only the programs that generate and check the book install one).
    Measured(fn(Measure<'_>) -> String),
}

/// Runs some code under a counting allocator and says what it saw.
pub type Measure<'a> = &'a dyn Fn(&mut dyn FnMut()) -> HeapUse;

/// What a counting allocator saw while some code ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeapUse {
    /// Number of allocations made.
    pub allocations: u64,
    /// The most bytes held at one time.
    pub peak_bytes: u64,
}

impl Figure {
    /// A figure named `name` (after the slug), drawn by `render`.
    pub const fn new(
        name: &'static str,
        render: fn(&Path) -> Result<()>,
    ) -> Figure {
        Figure { name, render }
    }
}

impl Table {
    /// A table built from the committed sources.
    pub const fn text(
        name: &'static str,
        render: fn() -> Result<String>,
    ) -> Table {
        Table {
            name,
            render: Render::Text(render),
        }
    }

    /// A table built from heap measurements.
    pub const fn measured(
        name: &'static str,
        render: fn(Measure<'_>) -> String,
    ) -> Table {
        Table {
            name,
            render: Render::Measured(render),
        }
    }
}

impl Chapter {
    /// The chapter's markdown file, relative to the repository root.
    pub fn markdown(&self) -> PathBuf {
        Path::new("src").join(format!("{}.md", self.slug))
    }

    /// The folder of its generated outputs, relative to the repository root.
    pub fn outputs(&self) -> PathBuf {
        Path::new("src").join("outputs").join(self.slug)
    }

    /// Where the book includes a sample's printed output from.
    pub fn sample_output(&self, sample: &Sample) -> PathBuf {
        self.outputs().join(format!("{}.txt", sample.name))
    }

    /// Where a table is written.
    pub fn table_path(&self, table: &Table) -> PathBuf {
        self.outputs().join(table.name)
    }

    /// Where a figure is written.
    pub fn figure_path(&self, figure: &Figure) -> PathBuf {
        Path::new("images").join(format!("{}-{}", self.slug, figure.name))
    }
}

/// The repository root (the parent of this crate's folder), which every path of a
/// [`Chapter`] is relative to.
pub fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one() {}
    fn two() {}

    #[test]
    fn names_follow_from_the_slug_and_the_function() {
        const CHAPTER: Chapter = Chapter {
            slug: "ch02-speed",
            samples: samples![one, two],
            figures: &[Figure::new("reciprocals.png", |_| Ok(()))],
            tables: &[Table::text("machine.md", || Ok(String::new()))],
        };
        let chapter = CHAPTER;
        assert_eq!(chapter.samples[1].name, "two");
        assert_eq!(
            chapter.sample_output(&chapter.samples[0]),
            Path::new("src/outputs/ch02-speed/one.txt")
        );
        assert_eq!(
            chapter.figure_path(&chapter.figures[0]),
            Path::new("images/ch02-speed-reciprocals.png")
        );
        assert_eq!(
            chapter.table_path(&chapter.tables[0]),
            Path::new("src/outputs/ch02-speed/machine.md")
        );
        assert_eq!(chapter.markdown(), Path::new("src/ch02-speed.md"));
        assert!(repo_root().join("src").join("SUMMARY.md").exists());
    }
}
