//! Chapter 10, "np.where": choosing elements with a mask.

mod figures;
mod numpy_table;

use ndarray::prelude::*;

use crate::chapter::{samples, Chapter, Figure, Table};

/// What chapter 10 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch10-where",
    samples: samples![keep_positive],
    figures: &[Figure::new("mask.png", figures::render_mask)],
    tables: &[Table::text("numpy-table.md", numpy_table::render)],
};

// ANCHOR: keep_positive
/// `np.where(a > 0, a, 0)`: keep the positive elements, zero the others.
pub fn keep_positive() {
    let a = array![[-1, 2], [3, -4]];
    let kept = a.mapv(|x| if x > 0 { x } else { 0 });
    println!("{kept}");
    assert_eq!(kept, array![[0, 2], [3, 0]]);
}
// ANCHOR_END: keep_positive
