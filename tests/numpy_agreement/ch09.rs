//! ch09: the SciPy outputs the chapter shows, against the Rust outputs beside
//! them (see `tests/numpy_agreement.rs` for the helpers).

use super::{assert_outputs_agree, numpy_output, rust_output};

const SLUG: &str = "ch09-convolution";

#[test]
fn the_neighbour_count_is_a_convolution() {
    let numpy = numpy_output(SLUG, "neighbours_by_convolution");
    let rust = rust_output(SLUG, "neighbours_by_convolution");
    assert_eq!(numpy.trim_end().lines().last(), Some("True"));
    assert_eq!(rust.trim_end().lines().last(), Some("true"));
}

#[test]
fn three_modes_and_the_flip() {
    // Full, Same and Valid; then convolve2d and correlate2d in Full and
    // Same mode.
    assert_outputs_agree(SLUG, "three_modes", "three_modes");
    assert_outputs_agree(SLUG, "flip_or_not", "flip_or_not");
}
