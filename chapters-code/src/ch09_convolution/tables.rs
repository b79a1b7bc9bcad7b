//! Chapter 9's generated markdown: the convolution timings.

use crate::benchmarks::convolution;
use crate::error::Result;
use crate::results::timing_table;

/// The convolution benchmark table (markdown).
///
/// # Errors
///
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn convolution_table() -> Result<String> {
    timing_table(&convolution::GROUP)
}
