//! introduction: the NumPy outputs the chapter shows, against the Rust outputs
//! beside them (owned by the chapter's editor; see `tests/numpy_agreement.rs`
//! for the helpers).

use chapters_code::numpy_text::{array_after, numbers, numbers_agree, Expect};

use super::{assert_outputs_agree, numpy_output, rust_output};

const SLUG: &str = "introduction";

/// The last line of an output.
fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or_default()
}

#[test]
fn first_array_prints_the_same_array_shape_and_bytes() {
    let numpy = numpy_output(SLUG, "first_array");
    let rust = rust_output(SLUG, "first_array");
    let (n, r) = (array_after(&numpy, "a ="), array_after(&rust, "a ="));
    let (n, r) = (n.expect("NumPy's a"), r.expect("Rust's a"));
    n.agrees_with(&r, Expect::Values)
        .unwrap_or_else(|e| panic!("a =: {e}"));
    // shape: (3, 3) … bytes: 72 and shape: [3, 3] … bytes: 72
    let (n, r) = (numbers(last_line(&numpy)), numbers(last_line(&rust)));
    numbers_agree(&n, &r).unwrap_or_else(|e| panic!("the last line: {e}"));
    assert_eq!(n, [3.0, 3.0, 72.0]);
}

#[test]
fn matrix_product_prints_the_same_two_products() {
    assert_outputs_agree(SLUG, "matrix_product", "matrix_product");
}
