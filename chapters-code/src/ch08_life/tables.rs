//! Chapter 8's generated markdown: the Game of Life timings.

use crate::benchmarks::life;
use crate::error::Result;
use crate::results::timing_table;

/// The Game of Life benchmark table (markdown).
pub fn life_table() -> Result<String> {
    timing_table(&life::GROUP)
}
