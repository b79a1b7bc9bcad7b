//! Chapter 2's figures: the measured timings, as log-scale bar charts.

use std::path::Path;

use super::TUTORIAL_END;
use crate::benchmarks::{distances, reciprocals};
use crate::error::Result;
use crate::figures::bars::draw_timing_chart;
use crate::results::format_size;

/// The reciprocals timings, log scale: the tutorial's `range(1, 10000000)`,
/// the size the benchmarks measure.
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`](crate::results::Results::committed)), or the PNG
/// file cannot be drawn or written.
pub fn render_reciprocals_chart(path: &Path) -> Result<()> {
    let integers = format_size(TUTORIAL_END as u64 - 1);
    draw_timing_chart(
        path,
        &format!("Reciprocals of {integers} integers"),
        &reciprocals::GROUP,
    )
}

/// The distances timings, log scale: the benchmarks' points, one per
/// integer of `range(0, 10000000)`.
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`](crate::results::Results::committed)), or the PNG
/// file cannot be drawn or written.
pub fn render_distances_chart(path: &Path) -> Result<()> {
    let points = format_size(TUTORIAL_END as u64);
    draw_timing_chart(
        path,
        &format!("Distances from a point to {points} points"),
        &distances::GROUP,
    )
}
