//! The book's colours: the cells of array diagrams and the sides of timing charts.

use plotters::style::RGBColor;

/// Background of an ordinary cell.
pub const CELL: RGBColor = RGBColor(0xE8, 0xF0, 0xFA);
/// Background of a highlighted cell.
pub const HIGHLIGHT: RGBColor = RGBColor(0xF4, 0xA2, 0x61);
/// Background of the result cell(s).
pub const RESULT: RGBColor = RGBColor(0x2A, 0x9D, 0x8F);
/// Cell borders.
pub const BORDER: RGBColor = RGBColor(0x26, 0x46, 0x53);
/// Text.
pub const INK: RGBColor = RGBColor(0x1D, 0x1D, 0x1F);
/// Figure background.
pub const PAPER: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// Plain CPython in charts (the highlight colour).
pub const CPYTHON: RGBColor = HIGHLIGHT;
/// NumPy and SciPy in charts.
pub const NUMPY: RGBColor = RGBColor(0x4D, 0x77, 0xCF);
/// Rust in charts (the result colour).
pub const RUST: RGBColor = RESULT;
/// A second Rust version in a line chart.
pub const RUST_SECOND: RGBColor = RGBColor(0x7B, 0x3F, 0xA0);
/// Rust in a tuned configuration (FastAlloc, huge pages, all cores) in charts.
pub const RUST_TUNED: RGBColor = RGBColor(0x1B, 0x5E, 0x56);
/// Gridlines at the labelled ticks of a chart's axis.
pub const GRID: RGBColor = RGBColor(0xB8, 0xC2, 0xCC);
/// Gridlines between the labelled ticks.
pub const GRID_MINOR: RGBColor = RGBColor(0xE3, 0xE8, 0xED);
