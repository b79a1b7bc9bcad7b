//! ch04: the NumPy outputs the chapter shows, against the Rust outputs beside them (owned by
//! the chapter's editor; see `tests/numpy_agreement.rs` for the helpers).

use chapters_code::numpy_text::{numbers, numbers_agree};

use super::{assert_same_arrays, numpy_output, rust_output};

const SLUG: &str = "ch04-newaxis";

/// The shapes (and arrays) both sides print, in order. NumPy prints
/// `(1, 3)`, ndarray `[1, 3]`: compared as numbers.
fn same_numbers(numpy: &str, rust: &str) {
    let n = numbers(&numpy_output(SLUG, numpy));
    let r = numbers(&rust_output(SLUG, rust));
    numbers_agree(&n, &r).unwrap_or_else(|e| {
        panic!("NumPy {numpy}.txt vs Rust {rust}.txt: {e}")
    });
}

#[test]
fn row_and_column() {
    same_numbers("row_and_column", "row_and_column");
    // And the two arrays themselves, with their shapes.
    let numpy = numpy_output(SLUG, "row_and_column");
    let rust = rust_output(SLUG, "row_and_column");
    let arrays = |text: &str| -> String {
        text.lines()
            .filter(|l| !l.contains("shape"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_same_arrays(&arrays(&numpy), &arrays(&rust), "row_and_column");
}

/// The shape after each `->`, line by line: the same on both sides.
fn shapes_after_arrows(text: &str) -> Vec<Vec<f64>> {
    text.lines()
        .filter_map(|l| l.split_once("->"))
        .map(|(_, shape)| numbers(shape))
        .collect()
}

#[test]
fn shapes_with_new_axes() {
    for name in ["reshape_with_inferred_axis", "image_for_a_cnn"] {
        let n = shapes_after_arrows(&numpy_output(SLUG, name));
        let r = shapes_after_arrows(&rust_output(SLUG, name));
        assert!(!n.is_empty(), "{name}: no `->` line");
        assert_eq!(n.len(), r.len(), "{name}: the `->` lines");
        for (n, r) in n.iter().zip(&r) {
            numbers_agree(n, r).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    // NumPy prints the shape three ways, Rust two: one shape.
    let n = numpy_output(SLUG, "many_new_axes");
    let r = shapes_after_arrows(&rust_output(SLUG, "many_new_axes"));
    assert_eq!(r.len(), 2);
    for line in n.lines() {
        numbers_agree(&numbers(line), &r[0])
            .unwrap_or_else(|e| panic!("many_new_axes {line:?}: {e}"));
    }
    numbers_agree(&r[0], &r[1])
        .unwrap_or_else(|e| panic!("many_new_axes: {e}"));
}
