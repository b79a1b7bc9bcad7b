//! Chapter 3's generated markdown: the memory the kNN distance expression
//! allocates, measured by the counting allocator of the program that writes
//! the book.

use std::fmt::Write as _;
use std::hint::black_box;

use ndarray::prelude::*;

use crate::chapter::{HeapUse, Measure};
use crate::random::RandomState;

use super::{sq_distances_broadcast, sq_distances_in_place, sq_distances_loop};

/// The number of points of the measurement: chapter 7's benchmark size.
pub const KNN_POINTS: usize = 2000;

/// Allocations and peak heap of the three ways to compute all squared
/// distances between 2000 points in 2-D (markdown). Asserts the sizes the
/// chapter explains: the (N, N, 2) differences and the (N, N) result.
pub fn knn_memory_table(measure: Measure<'_>) -> String {
    let n = KNN_POINTS;
    let x = RandomState::new(42).rand(n, 2);
    let run = |f: fn(ArrayView2<f64>) -> Array2<f64>| -> HeapUse {
        measure(&mut || drop(black_box(f(x.view()))))
    };
    let rows = [
        ("`sq_distances_broadcast`", run(sq_distances_broadcast)),
        ("`sq_distances_in_place`", run(sq_distances_in_place)),
        ("`sq_distances_loop`", run(sq_distances_loop)),
    ];
    let result = (8 * n * n) as u64; // the (N, N) f64 result
    let temporary = 2 * result; // the (N, N, 2) differences
    assert_eq!(rows[0].1.peak_bytes, 2 * temporary + result);
    assert_eq!(rows[1].1.peak_bytes, temporary + result);
    assert_eq!(rows[2].1.allocations, 1);
    assert_eq!(rows[2].1.peak_bytes, result);

    let mut out = format!(
        "| {n} points in 2-D | Allocations | Peak heap |\n| --- | ---: | ---: |\n"
    );
    for (name, used) in rows {
        let megabytes = used.peak_bytes as f64 / 1e6;
        let _ = writeln!(
            out,
            "| {name} | {} | {megabytes:.1}&nbsp;MB |",
            used.allocations
        );
    }
    out
}
