//! Chapter 10's figure: the cells `np.where` keeps.

use std::path::Path;

use ndarray::array;

use crate::error::Result;
use crate::figures::grid::{draw_grid, CellStyle};
use crate::figures::{hidpi, palette, register_fonts};

/// The array of the chapter, the cells the mask keeps highlighted.
pub fn render_mask(path: &Path) -> Result<()> {
    register_fonts();
    let a = array![[-1, 2], [3, -4]];
    // 200 × 200 as shown; the PNG has twice the pixels, for sharp screens.
    let root = hidpi::canvas(path, (200, 200));
    root.fill(&palette::PAPER)?;
    let text = |r: usize, c: usize| a[[r, c]].to_string();
    let style = |r: usize, c: usize| {
        if a[[r, c]] > 0 {
            CellStyle::HIGHLIGHT
        } else {
            CellStyle::PLAIN
        }
    };
    draw_grid(&root, (40, 40), 60, 2, 2, text, style)?;
    root.present()?;
    Ok(())
}
