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

    /// The same look, faded to `opacity` (0 invisible, 1 opaque). The fill fades that
    /// far; the border and the text no further than [`LEAST_INK`], so that they keep a
    /// contrast of at least 3:1 with the faded fill.
    pub fn faded(self, opacity: f64) -> CellStyle {
        CellStyle { opacity, ..self }
    }
}

/// The least opacity of a faded cell's border and text: with it, text on the faded fill keeps
/// a contrast ratio of 3:1 (WCAG's minimum for graphics and large text).
pub const LEAST_INK: f64 = 0.6;

/// Draws a `rows × cols` grid of labelled cells with its top-left corner at `origin`.
///
/// `label(r, c)` gives the text of a cell and `style(r, c)` its look.
///
/// # Errors
///
/// When the backend fails to draw a cell or its text.
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
                palette::BORDER
                    .mix(look.opacity.max(LEAST_INK))
                    .stroke_width(2),
            ))?;
            let font = (FONT, text_size)
                .into_font()
                .color(&palette::INK.mix(look.opacity.max(LEAST_INK)))
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
///
/// # Errors
///
/// When the backend fails to draw the text.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `top` at `opacity` over `bottom`, as the bitmap blends it.
    fn over(top: RGBColor, opacity: f64, bottom: RGBColor) -> RGBColor {
        let mix = |t: u8, b: u8| {
            (f64::from(t) * opacity + f64::from(b) * (1.0 - opacity)).round()
                as u8
        };
        RGBColor(
            mix(top.0, bottom.0),
            mix(top.1, bottom.1),
            mix(top.2, bottom.2),
        )
    }

    /// WCAG 2's contrast ratio of two colours.
    fn contrast(a: RGBColor, b: RGBColor) -> f64 {
        let luminance = |c: RGBColor| {
            let channel = |v: u8| {
                let v = f64::from(v) / 255.0;
                if v <= 0.03928 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * channel(c.0)
                + 0.7152 * channel(c.1)
                + 0.0722 * channel(c.2)
        };
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn faded_cells_keep_three_to_one_contrast() {
        // The faintest cells the book draws: chapter 3's stretched cells (0.3), the output
        // cells chapter 9's figure does not highlight (0.45), and anything fainter.
        for opacity in [0.05, 0.3, 0.45] {
            for fill in [palette::CELL, palette::HIGHLIGHT, palette::RESULT] {
                let background = over(fill, opacity, palette::PAPER);
                let ink =
                    over(palette::INK, opacity.max(LEAST_INK), background);
                let border = over(
                    palette::BORDER,
                    opacity.max(LEAST_INK),
                    palette::PAPER,
                );
                assert!(
                    contrast(ink, background) >= 3.0,
                    "text at {opacity} on {fill:?}"
                );
                assert!(
                    contrast(border, palette::PAPER) >= 3.0,
                    "border at {opacity}"
                );
            }
        }
        // What the book had before: 0.35 gave about 2:1.
        let background = over(palette::CELL, 0.3, palette::PAPER);
        assert!(
            contrast(over(palette::INK, 0.35, background), background) < 2.5
        );
    }
}
