//! Drawing arrays as grids of cells: the building block of the book's array diagrams.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::FONT;
use crate::error::Result;

/// The book's palette (kept here too, where array diagrams first used it).
pub use super::palette;

/// How one cell of a grid is drawn.
#[derive(Debug, Clone, Copy)]
pub struct CellStyle {
    /// Fill colour of the cell.
    pub fill: RGBColor,
    /// Opacity of the fill and the text, from 0 (invisible) to 1.
    pub opacity: f64,
}

impl CellStyle {
    /// The book's three cell looks: plain, highlighted (an operand's part in play) and result.
    pub const PLAIN: CellStyle = CellStyle {
        fill: palette::CELL,
        opacity: 1.0,
    };
    /// A highlighted cell.
    pub const HIGHLIGHT: CellStyle = CellStyle {
        fill: palette::HIGHLIGHT,
        opacity: 1.0,
    };
    /// A result cell.
    pub const RESULT: CellStyle = CellStyle {
        fill: palette::RESULT,
        opacity: 1.0,
    };

    /// The same look, faded to `opacity` (0 invisible, 1 opaque).
    pub fn faded(self, opacity: f64) -> CellStyle {
        CellStyle { opacity, ..self }
    }
}

/// Draws a `rows × cols` grid of labelled cells with its top-left corner at `origin`.
///
/// `label(r, c)` gives the text of a cell and `style(r, c)` its look.
#[allow(clippy::too_many_arguments)]
pub fn draw_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    origin: (i32, i32),
    cell: i32,
    rows: usize,
    cols: usize,
    label: impl Fn(usize, usize) -> String,
    style: impl Fn(usize, usize) -> CellStyle,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    let text_size = f64::from(cell) * 0.38;
    for r in 0..rows {
        for c in 0..cols {
            let (x0, y0) =
                (origin.0 + c as i32 * cell, origin.1 + r as i32 * cell);
            let look = style(r, c);
            area.draw(&Rectangle::new(
                [(x0, y0), (x0 + cell, y0 + cell)],
                look.fill.mix(look.opacity).filled(),
            ))?;
            area.draw(&Rectangle::new(
                [(x0, y0), (x0 + cell, y0 + cell)],
                palette::BORDER.mix(look.opacity.max(0.35)).stroke_width(2),
            ))?;
            let font = (FONT, text_size)
                .into_font()
                .color(&palette::INK.mix(look.opacity.max(0.35)))
                .pos(Pos::new(HPos::Center, VPos::Center));
            area.draw(&Text::new(
                label(r, c),
                (x0 + cell / 2, y0 + cell / 2),
                font,
            ))?;
        }
    }
    Ok(())
}

/// Draws a line of text centred at `at`.
pub fn draw_caption<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    at: (i32, i32),
    size: f64,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    let font = (FONT, size)
        .into_font()
        .color(&palette::INK)
        .pos(Pos::new(HPos::Center, VPos::Center));
    area.draw(&Text::new(text.to_string(), at, font))?;
    Ok(())
}
