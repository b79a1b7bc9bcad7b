//! Chapter 5's generated markdown: the matrix product timings.

use crate::benchmarks::matmul;
use crate::error::Result;
use crate::results::timing_table;

/// The 512 × 512 matrix product timings (markdown).
pub fn matmul_table() -> Result<String> {
    timing_table(&matmul::GROUP)
}
