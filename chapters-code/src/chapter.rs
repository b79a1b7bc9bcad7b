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
    /// Its code samples, in reading order (built with the crate's `samples!` macro).
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
    /// The sample panics on purpose, to show what a reader would see: its output is what it
    /// printed followed by the panic message, and running without a panic is an error. The
    /// book marks its block `should_panic`.
    pub panics: bool,
}

/// Lists sample functions as [`Sample`]s, each named after its function:
/// `samples![first_array, matrix_product]`. A sample that panics on purpose is marked
/// `=> panics`: `samples![checked, unchecked => panics]`.
macro_rules! samples {
    ($($function:ident $(=> $panics:ident)?),* $(,)?) => {
        &[$($crate::chapter::Sample {
            name: stringify!($function),
            run: $function,
            panics: $crate::chapter::samples!(@panics $($panics)?),
        }),*]
    };
    (@panics) => {
        false
    };
    (@panics panics) => {
        true
    };
}
pub(crate) use samples;

/// The line a panicking sample's output shows before the panic message when it panics on
/// its main thread: what Rust prints, without the thread's id and the source location
/// (which would change with every run, and every edit of the file).
pub const PANIC_HEADER: &str = "thread 'main' panicked:";

/// Turns what a sample that panicked wrote to stderr into the lines the book shows: the
/// [`PANIC_HEADER`] (naming the thread that panicked, if not the main one: a rayon worker
/// is `'<unnamed>'`) and the message, without the location and the backtrace note. `None`
/// when `stderr` holds no panic.
pub fn panic_report(stderr: &str) -> Option<String> {
    let start = stderr.find("panicked at ")?;
    let line = &stderr[stderr[..start].rfind('\n').map_or(0, |i| i + 1)..start];
    let header = match line
        .strip_prefix("thread '")
        .and_then(|rest| rest.split_once('\''))
    {
        Some((thread, _)) => format!("thread '{thread}' panicked:"),
        None => PANIC_HEADER.to_string(),
    };
    let after = &stderr[start..];
    let (_, message) = after.split_once('\n')?;
    let message: Vec<&str> = message
        .lines()
        .take_while(|line| !line.starts_with("note: run with `RUST_BACKTRACE"))
        .collect();
    Some(format!("{header}\n{}\n", message.join("\n").trim_end()))
}

/// One row of a chapter's `NumPy → ndarray` table: the NumPy idiom, the ndarray code that
/// does the same (the very text that was compiled and run, see the crate's `numpy_row!`
/// macro), and a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumpyRow {
    /// The NumPy side, as markdown (usually code in backticks).
    pub numpy: &'static str,
    /// The ndarray side: the source of each alternative, as compiled.
    pub ndarray: Vec<String>,
    /// A short note, as markdown (may be empty).
    pub notes: &'static str,
}

/// What a table-row function returns: `?` works on any error inside it.
pub type RowResult = std::result::Result<(), Box<dyn std::error::Error>>;

/// A table-row function with its name (see the crate's `numpy_rows!` macro).
pub type NamedRow = (&'static str, fn() -> RowResult);

thread_local! {
    static RECORDED_ROWS: std::cell::RefCell<Vec<NumpyRow>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Records a row while a table-row function runs; used by [`numpy_row!`].
#[doc(hidden)]
pub fn record_row(numpy: &'static str, ndarray: &[&str], notes: &'static str) {
    let ndarray = ndarray
        .iter()
        .map(|code| code.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    RECORDED_ROWS.with(|rows| {
        rows.borrow_mut().push(NumpyRow {
            numpy,
            ndarray,
            notes,
        })
    });
}

/// A row of a chapter's `NumPy → ndarray` table, written where its ndarray code runs:
/// `numpy_row!("`a.T`", a.t(), "a view")` evaluates `a.t()` (and returns it, so the
/// function can assert on it) and records the row with the expression's source text, so the
/// table shows exactly what was compiled. `numpy_row!("…", first, or second, "…")` records two
/// alternatives and returns both as a pair.
macro_rules! numpy_row {
    ($numpy:literal, $cell:expr, or $alternative:expr, $notes:literal $(,)?) => {{
        $crate::chapter::record_row(
            $numpy,
            &[stringify!($cell), stringify!($alternative)],
            $notes,
        );
        ($cell, $alternative)
    }};
    ($numpy:literal, $cell:expr, $notes:literal $(,)?) => {{
        $crate::chapter::record_row($numpy, &[stringify!($cell)], $notes);
        $cell
    }};
}
pub(crate) use numpy_row;

/// Runs each table-row function (each asserts what its row claims) and returns the rows they
/// recorded, in order.
///
/// # Errors
///
/// The first row function that fails (its assertion did not hold), named; or a function that
/// records no row (it forgot `numpy_row!`).
pub fn collect_numpy_rows(rows: &[NamedRow]) -> Result<Vec<NumpyRow>> {
    let mut all = Vec::new();
    for &(name, row) in rows {
        RECORDED_ROWS.with(|r| r.borrow_mut().clear());
        row().map_err(|e| {
            crate::error::Error::msg(format!("table row {name}: {e}"))
        })?;
        let recorded =
            RECORDED_ROWS.with(|r| std::mem::take(&mut *r.borrow_mut()));
        if recorded.is_empty() {
            return Err(crate::error::Error::msg(format!(
                "table row {name} records no row: call numpy_row! in it"
            )));
        }
        all.extend(recorded);
    }
    Ok(all)
}

/// Lists table-row functions with their names: `numpy_rows![transpose, new_axis]`.
macro_rules! numpy_rows {
    ($($function:ident),* $(,)?) => {
        &[$((stringify!($function), $function as fn() -> $crate::chapter::RowResult)),*]
    };
}
pub(crate) use numpy_rows;

/// Escapes text for a markdown table cell: a `|` would end the cell, even inside code.
fn table_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The markdown of a `NumPy → ndarray` table (header and rows) from table-row functions.
///
/// # Errors
///
/// As [`collect_numpy_rows`]: a row whose assertion fails, or a function that records no row.
pub fn numpy_table(rows: &[NamedRow]) -> Result<String> {
    let mut out =
        String::from("| NumPy | ndarray | Notes |\n| --- | --- | --- |\n");
    for row in collect_numpy_rows(rows)? {
        let code: Vec<String> = row
            .ndarray
            .iter()
            .map(|c| format!("`{}`", table_cell(c)))
            .collect();
        out += &format!(
            "| {} | {} | {} |\n",
            table_cell(row.numpy),
            code.join(" or "),
            table_cell(row.notes)
        );
    }
    Ok(out)
}

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
    Measured(fn(Measure<'_>) -> Result<String>),
    /// From runs of the book's program (given) in fresh processes of their own, for
    /// measurements that other work in the same process would disturb, such as the growth
    /// of its resident memory.
    Processes(fn(&Path) -> Result<String>),
}

/// Whether an environment variable tunes the C library's or mimalloc's allocator.
pub fn is_allocator_setting(name: &str) -> bool {
    name.starts_with("MALLOC_")
        || name.starts_with("MIMALLOC_")
        || name == "GLIBC_TUNABLES"
}

/// A command that runs `program` (the book's) in a fresh process without the caller's
/// allocator settings ([`is_allocator_setting`]), for a sample or a [`Render::Processes`]
/// table: what they print must not depend on the shell that wrote the outputs. Chapter 1's
/// heap table reads resident memory, and with `MALLOC_MMAP_THRESHOLD_=1000000000` its `Vec`
/// grown by `push` occupied 16 bytes per element instead of 8: `cargo run --release` wrote
/// that, and `cargo test` failed, in such a shell.
pub fn fresh_process(program: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(program);
    for (name, _) in std::env::vars_os() {
        if is_allocator_setting(&name.to_string_lossy()) {
            command.env_remove(name);
        }
    }
    command
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

    /// A table built by running the book's program in fresh processes.
    pub const fn processes(
        name: &'static str,
        render: fn(&Path) -> Result<String>,
    ) -> Table {
        Table {
            name,
            render: Render::Processes(render),
        }
    }

    /// A table built from heap measurements.
    pub const fn measured(
        name: &'static str,
        render: fn(Measure<'_>) -> Result<String>,
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

/// The text of the book's page `src/{page}` with every run of whitespace made
/// one space, so that a test finds a sentence wherever the markdown's lines
/// break. For the tests that check a number the prose states against the code.
#[cfg(test)]
pub(crate) fn page_text(page: &str) -> String {
    let path = repo_root().join("src").join(page);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Panics unless the page `src/{page}` says `said` (compared as by [`page_text`], however
/// the lines are wrapped): how a test ties a sentence to the value it computes.
#[cfg(test)]
#[track_caller]
pub(crate) fn assert_page_says(page: &str, said: &str) {
    assert!(page_text(page).contains(said), "src/{page}: {said:?}");
}

/// The words of every doc comment (`///` line) of a source file, joined by one space:
/// a test finds a sentence of a doc wherever its lines break. Pass the file with
/// `include_str!("mod.rs")`, so that the test reads the source it was compiled from.
#[cfg(test)]
pub(crate) fn doc_text(source: &str) -> String {
    source
        .lines()
        .filter_map(|line| line.trim().strip_prefix("///"))
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one() {}
    fn two() {}
    fn three() {}

    fn transpose_row() -> RowResult {
        let a = ndarray::array![[1, 2], [3, 4]];
        let t = numpy_row!("`a.T`", a.t(), "a view | no copy");
        assert_eq!(t[[0, 1]], 3);
        Ok(())
    }

    fn alternatives_row() -> RowResult {
        let a = ndarray::array![1.0_f64, 4.0];
        let (x, y) = numpy_row!(
            "`np.sqrt(a)`",
            a.mapv(f64::sqrt),
            or a.mapv(|v| v.sqrt()),
            ""
        );
        assert_eq!(x, y);
        Ok(())
    }

    fn silent_row() -> RowResult {
        Ok(())
    }

    fn failing_row() -> RowResult {
        Err("no".into())
    }

    #[test]
    fn a_table_shows_the_code_that_ran() {
        let table = numpy_table(numpy_rows![transpose_row, alternatives_row])
            .expect("rows run");
        assert_eq!(
            table,
            "| NumPy | ndarray | Notes |\n| --- | --- | --- |\n\
             | `a.T` | `a.t()` | a view \\| no copy |\n\
             | `np.sqrt(a)` | `a.mapv(f64::sqrt)` or `a.mapv(\\|v\\| v.sqrt())` |  |\n"
        );
        assert!(numpy_table(numpy_rows![silent_row]).is_err());
        assert!(numpy_table(numpy_rows![failing_row]).is_err());
    }

    #[test]
    fn a_sample_marked_panics_is_known_to_panic() {
        const SAMPLES: &[Sample] = samples![one, two => panics, three];
        let panics: Vec<bool> = SAMPLES.iter().map(|s| s.panics).collect();
        assert_eq!(panics, [false, true, false]);
    }

    #[test]
    fn the_panic_report_keeps_the_message_not_the_place() {
        let stderr = "\nthread 'main' panicked at chapters-code/src/x.rs:12:5:\n\
                      called `Result::unwrap()` on an `Err` value: boom\n\
                      second line\n\
                      note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n";
        assert_eq!(
            panic_report(stderr).as_deref(),
            Some(
                "thread 'main' panicked:\n\
                 called `Result::unwrap()` on an `Err` value: boom\n\
                 second line\n"
            )
        );
        assert_eq!(panic_report("error: no panic here"), None);
        // Rust 1.95 prints the thread's id; a panic off the main thread is not said to
        // be on it.
        for (stderr, header) in [
            (
                "thread 'main' (4242) panicked at x.rs:1:1:\nboom\n",
                "thread 'main'",
            ),
            (
                "\nthread '<unnamed>' (4243) panicked at x.rs:1:1:\nboom\n",
                "thread '<unnamed>'",
            ),
        ] {
            assert_eq!(
                panic_report(stderr),
                Some(format!("{header} panicked:\nboom\n"))
            );
        }
    }

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
