//! ch06: the NumPy outputs the chapter shows, against the Rust outputs beside
//! them (see `tests/numpy_agreement.rs` for the helpers).

use chapters_code::numpy_text::{numbers, numbers_agree};

use super::{assert_outputs_agree, numpy_output, rust_output};

const SLUG: &str = "ch06-meshgrid";

/// Asserts that two lists of numbers are equal, bit for bit (NaN equal to
/// NaN), naming `what`; two empty lists compare nothing and fail.
fn assert_same_numbers(numpy: &[f64], rust: &[f64], what: &str) {
    numbers_agree(numpy, rust).unwrap_or_else(|e| panic!("{what}: {e}"));
    let same = numpy.len() == rust.len()
        && numpy.iter().zip(rust).all(|(a, b)| {
            a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
        });
    assert!(same, "{what}: NumPy {numpy:?}, Rust {rust:?}");
}

#[test]
fn the_5x5_grid() {
    assert_outputs_agree(SLUG, "grid_5x5", "grid_5x5");
}

#[test]
fn dense_sparse_and_views_cost_the_same() {
    let numpy = numbers(&numpy_output(SLUG, "dense_vs_sparse"));
    let rust = numbers(&rust_output(SLUG, "dense_vs_sparse"));
    // Shapes, bytes and strides: 4 + 1, 4 + 1, 4 + 4.
    assert_eq!(numpy.len(), 18);
    assert_same_numbers(&numpy, &rust, "dense_vs_sparse");
}

#[test]
fn the_grid_misses_zero_as_numpy_does() {
    let numpy = numpy_output(SLUG, "zero_on_the_grid");
    let rust = rust_output(SLUG, "zero_on_the_grid");
    // NumPy's three lines are the first three of Rust's, which then goes on
    // with ndarray's Array::range.
    let first_three: Vec<&str> = rust.lines().take(3).collect();
    let first_three = first_three.join("\n");
    assert_same_numbers(
        &numbers(&numpy),
        &numbers(&first_three),
        "zero_on_the_grid",
    );
    // 1600, 800, x[800], the 0.0 of "0.0 in x", the step.
    assert_eq!(numbers(&numpy).len(), 5);
    assert!(numpy.contains("0.0 in x: False"));
    assert!(first_three.contains("0.0 in x: false"));
}

#[test]
fn linspace_differs_from_numpy_only_at_its_end() {
    // The value after the `=` of each line.
    let values = |text: &str| -> Vec<f64> {
        text.lines()
            .filter_map(|l| l.rsplit_once('=')?.1.trim().parse().ok())
            .collect()
    };
    let numpy = values(&numpy_output(SLUG, "linspace_pitfalls"));
    let rust = values(&rust_output(SLUG, "linspace_pitfalls"));
    assert_eq!(numpy.len(), 5);
    assert_same_numbers(&numpy[1..], &rust[1..], "linspace_pitfalls");
    // NumPy sets the last value to `stop`; ndarray's is 1 ulp below it.
    assert_eq!(numpy[0], 0.9);
    assert_eq!(rust[0], f64::from_bits(0.9_f64.to_bits() - 1));
}

#[test]
fn the_function_has_numpys_bits() {
    let numpy = numpy_output(SLUG, "z_values");
    let rust = rust_output(SLUG, "z_values");
    let (numpy_values, numpy_sum) = split_checksum(&numpy);
    let (rust_values, rust_sum) = split_checksum(&rust);
    // Shape (2), the word NaN (read as a number), the NaN count, max, and
    // four (i, j, z) lines.
    assert_eq!(numbers(numpy_values).len(), 5 + 4 * 3);
    assert_same_numbers(
        &numbers(numpy_values),
        &numbers(rust_values),
        "z_values",
    );
    assert_eq!(numpy_sum, rust_sum);
}

/// Exercise 2's saddle: the minimum and the first grid point reaching it,
/// NumPy's `np.unravel_index(np.argmin(z), z.shape)` against the Rust fold
/// (the page says they agree). x = 0 with y = 1 reaches it too, later.
#[test]
fn the_saddle_minimum_is_numpys_first() {
    let numpy = numbers(&numpy_output(SLUG, "exercise_saddle"));
    let rust = numbers(&rust_output(SLUG, "exercise_saddle"));
    assert_eq!(numpy.len(), 3, "the minimum, x and y: {numpy:?}");
    assert_same_numbers(&numpy, &rust, "exercise_saddle");
}

/// The text before the `bit checksum:` line, and the checksum, read as an
/// integer (as a float it would lose its last digits).
fn split_checksum(text: &str) -> (&str, u64) {
    let (values, sum) = text
        .split_once("bit checksum:")
        .expect("a bit checksum line");
    (values, sum.trim().parse().expect("an integer checksum"))
}
