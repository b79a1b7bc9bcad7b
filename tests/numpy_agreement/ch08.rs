//! ch08: the NumPy outputs the chapter shows, against the Rust outputs beside them (owned by
//! the chapter's editor; see `tests/numpy_agreement.rs` for the helpers).

use chapters_code::numpy_text::{numbers, numbers_agree};

use super::{assert_outputs_agree, numpy_output, rust_output};

const SLUG: &str = "ch08-life";

/// The blinker after one generation, and the board written through a view.
#[test]
fn boards() {
    for name in ["blinker", "views_and_copies"] {
        assert_outputs_agree(SLUG, name, name);
    }
}

/// The seeded random board: the same live cells at the start and after 100
/// generations (NumPy's board is int64, the book's u8).
#[test]
fn random_board() {
    let numpy = numbers(&numpy_output(SLUG, "random_board"));
    let rust = numbers(&rust_output(SLUG, "random_board"));
    assert_eq!(numpy, [4987.0, 100.0, 668.0]);
    numbers_agree(&numpy, &rust)
        .unwrap_or_else(|e| panic!("random_board: {e}"));
}
