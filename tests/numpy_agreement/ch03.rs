//! ch03: the NumPy outputs the chapter shows, against the Rust outputs beside them (owned by
//! the chapter's editor; see `tests/numpy_agreement.rs` for the helpers).

use super::assert_outputs_agree;

const SLUG: &str = "ch03-broadcasting";

#[test]
fn the_three_examples() {
    for name in [
        "matrix_plus_scalar",
        "matrix_plus_vector",
        "column_plus_row",
    ] {
        assert_outputs_agree(SLUG, name, name);
    }
}
