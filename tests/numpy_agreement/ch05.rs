//! ch05: the NumPy outputs the chapter shows, against the Rust outputs beside them (owned by
//! the chapter's editor; see `tests/numpy_agreement.rs` for the helpers).

use super::assert_outputs_agree;

const SLUG: &str = "ch05-products";

#[test]
fn elementwise_product() {
    assert_outputs_agree(SLUG, "elementwise", "elementwise");
}

#[test]
fn star_versus_dot() {
    assert_outputs_agree(SLUG, "star_versus_dot", "star_versus_dot");
}
