//! Where the book says a Rust sample prints the same numbers as NumPy, this test checks it:
//! it reads the committed NumPy output (`python/outputs/`, written by the chapter's script)
//! and the committed Rust output (`src/outputs/`, checked against the sample by
//! `tests/generated.rs`) and compares the arrays in them, number by number
//! (`chapters_code::numpy_text`). No Python runs: both files are committed.
//!
//! One module per chapter, in `tests/numpy_agreement/`; each pairs a NumPy output with the
//! Rust output that the chapter shows next to it.

mod support;

#[path = "numpy_agreement/ch01.rs"]
mod ch01;
#[path = "numpy_agreement/ch02.rs"]
mod ch02;
#[path = "numpy_agreement/ch03.rs"]
mod ch03;
#[path = "numpy_agreement/ch04.rs"]
mod ch04;
#[path = "numpy_agreement/ch05.rs"]
mod ch05;
#[path = "numpy_agreement/ch06.rs"]
mod ch06;
#[path = "numpy_agreement/ch07.rs"]
mod ch07;
#[path = "numpy_agreement/ch08.rs"]
mod ch08;
#[path = "numpy_agreement/ch09.rs"]
mod ch09;
#[path = "numpy_agreement/introduction.rs"]
mod introduction;
#[path = "numpy_agreement/where_next.rs"]
mod where_next;

use chapters_code::numpy_text::{arrays, Expect, PrintedArray};

/// A committed NumPy output: `python/outputs/<slug>/<name>.txt`.
pub fn numpy_output(slug: &str, name: &str) -> String {
    read(&format!("python/outputs/{slug}/{name}.txt"))
}

/// A committed Rust output: `src/outputs/<slug>/<name>.txt`.
pub fn rust_output(slug: &str, name: &str) -> String {
    read(&format!("src/outputs/{slug}/{name}.txt"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(support::repo_root().join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every array of `text`.
///
/// # Panics
/// If `text` holds a malformed array, naming `what`.
pub fn arrays_of(text: &str, what: &str) -> Vec<PrintedArray> {
    arrays(text).unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// Asserts that the two outputs print the same arrays, in the same order, with the same
/// shapes and values (NaN equals NaN; `1.` equals `1`), none of them empty (two empty
/// arrays agree on nothing).
///
/// # Panics
/// When they do not, naming `what` and the first difference.
pub fn assert_same_arrays(numpy: &str, rust: &str, what: &str) {
    let numpy_arrays = arrays_of(numpy, what);
    let rust_arrays = arrays_of(rust, what);
    assert!(!numpy_arrays.is_empty(), "{what}: NumPy printed no array");
    assert_eq!(
        numpy_arrays.len(),
        rust_arrays.len(),
        "{what}: NumPy printed {} arrays, Rust {}",
        numpy_arrays.len(),
        rust_arrays.len()
    );
    for (i, (n, r)) in numpy_arrays.iter().zip(&rust_arrays).enumerate() {
        n.agrees_with(r, Expect::Values)
            .unwrap_or_else(|e| panic!("{what}: array {i}: {e}"));
    }
}

/// Asserts that the NumPy output `python/outputs/<slug>/<numpy>.txt` and the Rust output
/// `src/outputs/<slug>/<rust>.txt` print the same arrays (see [`assert_same_arrays`]).
pub fn assert_outputs_agree(slug: &str, numpy: &str, rust: &str) {
    assert_same_arrays(
        &numpy_output(slug, numpy),
        &rust_output(slug, rust),
        &format!("{slug}: NumPy {numpy}.txt vs Rust {rust}.txt"),
    );
}

#[test]
fn a_difference_in_one_number_is_caught() {
    let numpy = "[[ 3  6  9]\n [12 15 18]]";
    let same = "[[3, 6, 9],\n [12, 15, 18]]";
    let other = "[[3, 6, 9],\n [12, 15, 19]]";
    assert_same_arrays(numpy, same, "same");
    let caught =
        std::panic::catch_unwind(|| assert_same_arrays(numpy, other, "other"));
    assert!(caught.is_err());
}

/// Two outputs that print no value (an empty array on each side, `[]` and ndarray's
/// `[[]]`, or a value lost from both) compare nothing: that must not pass as agreement.
#[test]
fn empty_arrays_never_agree_vacuously() {
    let refused = |numpy: &'static str, rust: &'static str| {
        std::panic::catch_unwind(|| assert_same_arrays(numpy, rust, "empty"))
            .is_err()
    };
    assert!(refused("x = []", "x = [[]]"), "two empty arrays");
    assert!(
        refused("x = [1]\ny = []", "x = [1]\ny = []"),
        "an empty second"
    );
    assert!(
        refused("x = [1]\ny = [[]]", "x = [1]\ny = [1]"),
        "empty vs not"
    );
}

/// Numbers the prose states in words, each next to the committed output it comes from:
/// if NumPy (or CPython) prints another value, the sentence must change too.
#[test]
fn numbers_in_the_prose_match_the_outputs_they_come_from() {
    let cases = [
        (
            "ch01-memory",
            "56-byte header",
            "ch01-memory",
            "getsizeof_exact",
            "= 56 + 8 *",
        ),
        (
            "ch01-memory",
            "says 28&nbsp;bytes",
            "ch01-memory",
            "true_cost",
            ": 28 bytes",
        ),
        (
            "ch01-memory",
            "of 8, 32&nbsp;bytes",
            "ch01-memory",
            "true_cost",
            "32.0 bytes each",
        ),
        (
            "ch06-meshgrid",
            "\"6.94&nbsp;EiB\"",
            "ch06-meshgrid",
            "arange_errors",
            "6.94 EiB",
        ),
        (
            "ch06-meshgrid",
            "misses 0 by $1.7 \\times 10^{-13}$",
            "ch06-meshgrid",
            "zero_on_the_grid",
            "x[800]: -1.705",
        ),
    ];
    for (chapter, said, slug, output, printed) in cases {
        let prose = read(&format!("src/{chapter}.md"));
        assert!(
            prose.contains(said),
            "src/{chapter}.md no longer says {said:?}"
        );
        let text = numpy_output(slug, output);
        assert!(
            text.contains(printed),
            "{slug}/{output}.txt does not print {printed:?}: {text}"
        );
    }
}
