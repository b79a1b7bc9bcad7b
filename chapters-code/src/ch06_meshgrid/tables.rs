//! Chapter 6's generated markdown: the sinc timings.

use crate::benchmarks::sinc;
use crate::error::Result;
use crate::results::timing_table;

/// The sinc benchmark table (markdown).
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn sinc_table() -> Result<String> {
    timing_table(&sinc::GROUP)
}
