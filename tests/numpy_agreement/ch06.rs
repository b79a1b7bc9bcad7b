//! ch06: the NumPy outputs the chapter shows, against the Rust outputs beside them (owned by
//! the chapter's editor; see `tests/numpy_agreement.rs` for the helpers).
