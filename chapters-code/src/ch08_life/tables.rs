//! Chapter 8's generated markdown: the Game of Life timings, and what one
//! generation allocates.

use std::hint::black_box;

use super::{iterate, iterate_loops, FastLife};
use crate::benchmarks::life;
use crate::benchmarks::Side;
use crate::chapter::Measure;
use crate::error::Result;
use crate::random::RandomState;
use crate::results::{timing_table, Results};

/// The Game of Life benchmark table (markdown).
pub fn life_table() -> Result<String> {
    timing_table(&life::GROUP)
}

/// The loops against NumPy on a board of the same element type, as a sentence: when the
/// loops are slower, it says so as the chapter's lesson ("compiled is not the same as fast").
pub fn loops_vs_numpy() -> Result<String> {
    let results = Results::committed()?;
    let (what, than) = (
        "`iterate_loops` on a `u8` board",
        "NumPy's `iterate` on a `uint8` board",
    );
    // Only timings of one machine are compared, as in the tables.
    Ok(match results.ratio_between(
        (&life::ITERATE_LOOPS, Side::Rust),
        (&life::NUMPY_ITERATE_UINT8, Side::Python),
    ) {
        Some(ratio) if !ratio.faster && !ratio.is_tie() => format!(
            "{what} is {}: compiled is not the same as fast.",
            ratio.than(than)
        ),
        Some(ratio) => format!("{what} is {}.", ratio.than(than)),
        None => format!("{what} against {than}: not measured yet."),
    })
}

/// What one generation of a 1000 × 1000 board allocates, for each version,
/// measured with `measure` (a counting allocator).
pub fn life_allocations(measure: Measure<'_>) -> String {
    let board = RandomState::new(42).choice_binary(1000, 1000);
    let mut z = board.clone();
    let loops = measure(&mut || iterate_loops(black_box(&mut z)));
    let mut z = board.clone();
    let slices = measure(&mut || iterate(black_box(&mut z)));
    let mut fast = FastLife::new(board);
    fast.step(); // the first step allocates nothing either; measure a later one
    let one_pass = measure(&mut || black_box(&mut fast).step());
    // What the chapter says: a copy of the board; the neighbour count and two
    // masks; nothing.
    assert_eq!([loops, slices, one_pass].map(|u| u.allocations), [1, 3, 0]);
    let mut out = String::from(
        "| One generation, 1000 × 1000 | Allocations | Peak heap |\n\
         | --- | ---: | ---: |\n",
    );
    for (label, used) in [
        ("`iterate_loops` (loops)", loops),
        ("`iterate` (slices)", slices),
        ("`FastLife::step` (one pass)", one_pass),
    ] {
        out += &format!(
            "| {label} | {} | {:.2}\u{a0}MB |\n",
            used.allocations,
            used.peak_bytes as f64 / 1e6
        );
    }
    out
}
