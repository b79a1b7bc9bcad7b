//! Where next: the NumPy output the page shows, against the Rust output beside it.

use super::{assert_same_arrays, numpy_output, rust_output};
use chapters_code::numpy_text::{numbers, numbers_agree};

const SLUG: &str = "where-next";

#[test]
fn quantiles_mean_and_argmin_are_numpys() {
    let numpy = numpy_output(SLUG, "quantiles_and_argmin");
    let rust = rust_output(SLUG, "quantiles_and_argmin");
    assert_same_arrays(&numpy, &rust, "quantiles_and_argmin");
    // The scalars too: mean, then argmin's row and column, then nanmax.
    let line = |text: &str, label: &str| -> Vec<f64> {
        let found = text.lines().find(|l| l.starts_with(label));
        numbers(found.unwrap_or_else(|| panic!("no line {label:?}")))
    };
    for (numpy_label, rust_label) in [
        ("mean:", "mean:"),
        ("argmin:", "argmin:"),
        ("nanmax:", "max_skipnan:"),
    ] {
        numbers_agree(&line(&numpy, numpy_label), &line(&rust, rust_label))
            .unwrap_or_else(|e| panic!("{numpy_label}: {e}"));
    }
}
