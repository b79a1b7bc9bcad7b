//! Chapter 2's figures: the measured timings, as log-scale bar charts.

use std::path::Path;

use crate::benchmarks::{distances, reciprocals};
use crate::error::Result;
use crate::figures::bars::draw_timing_chart;

/// The reciprocals timings, log scale.
pub fn render_reciprocals_chart(path: &Path) -> Result<()> {
    draw_timing_chart(
        path,
        "Reciprocals of 9,999,999 integers",
        &reciprocals::GROUP,
    )
}

/// The distances timings, log scale.
pub fn render_distances_chart(path: &Path) -> Result<()> {
    draw_timing_chart(
        path,
        "Distances from a point to 10,000,000 points",
        &distances::GROUP,
    )
}
