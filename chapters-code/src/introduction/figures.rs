//! The introduction's figure: the matrix product, cell by cell.

use std::path::Path;

use super::product_operands;
use crate::error::Result;
use crate::figures::grid::{draw_caption, draw_grid, palette, CellStyle};
use crate::figures::register_fonts;

/// The highlighted row of `a`, column of `b` and cell of `a·b` in the figure.
const HIGHLIGHT: (usize, usize) = (1, 2);

/// Draws `a · b = c` as three grids, highlighting row 1 of `a`, column 2 of `b` and `c[1][2]`.
///
/// # Errors
/// When the PNG file cannot be drawn or written.
pub fn render_matrix_product(path: &Path) -> Result<()> {
    register_fonts();
    let (a, b) = product_operands();
    let c = a.dot(&b);
    let (hi_row, hi_col) = HIGHLIGHT;

    let cell = 60;
    let top = 50;
    let lefts = [40, 340, 640];
    // As wide as the grids, with the same margin right as left (a 900 px
    // canvas left 80 px on the right, 40 on the left).
    let width = lefts[2] + 3 * cell + lefts[0];
    let root = crate::figures::hidpi::canvas(path, (width as u32, 300));
    root.fill(&palette::PAPER)?;
    let (plain, highlight, result) =
        (CellStyle::PLAIN, CellStyle::HIGHLIGHT, CellStyle::RESULT);

    draw_grid(
        &root,
        (lefts[0], top),
        cell,
        3,
        3,
        |r, c| a[[r, c]].to_string(),
        |r, _| if r == hi_row { highlight } else { plain },
    )?;
    draw_grid(
        &root,
        (lefts[1], top),
        cell,
        3,
        3,
        |r, c| b[[r, c]].to_string(),
        |_, c| if c == hi_col { highlight } else { plain },
    )?;
    draw_grid(
        &root,
        (lefts[2], top),
        cell,
        3,
        3,
        |r, col| c[[r, col]].to_string(),
        |r, c| {
            if (r, c) == (hi_row, hi_col) {
                result
            } else {
                plain
            }
        },
    )?;

    let mid = top + cell * 3 / 2;
    draw_caption(&root, "·", (lefts[0] + 3 * cell + 60, mid), 48.0)?;
    draw_caption(&root, "=", (lefts[1] + 3 * cell + 60, mid), 40.0)?;
    for (left, name) in lefts.iter().zip(["a", "b", "a.dot(&b)"]) {
        draw_caption(&root, name, (left + 3 * cell / 2, top - 25), 24.0)?;
    }
    let terms: Vec<String> = (0..3)
        .map(|k| format!("{}·{}", a[[hi_row, k]], b[[k, hi_col]]))
        .collect();
    let explanation = format!(
        "c[{hi_row}][{hi_col}] = {} = {}",
        terms.join(" + "),
        c[[hi_row, hi_col]]
    );
    draw_caption(&root, &explanation, (width / 2, top + 3 * cell + 45), 26.0)?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Figure 0-1's alt text and caption name the row, column and cell the
    /// figure highlights, and the cell's value; the prose names the same cell
    /// as the formula counts.
    #[test]
    fn the_caption_names_the_highlighted_cell() {
        let (a, b) = product_operands();
        let (row, col) = HIGHLIGHT;
        let value = a.dot(&b)[[row, col]];
        let page = crate::chapter::page_text("introduction.md");
        let alt = format!(
            "alt=\"The matrix product a·b: row {row} of a times column {col} \
             of b, summed, gives c[{row}][{col}] = {value}\""
        );
        assert!(page.contains(&alt), "{alt}");
        let caption = format!(
            "row {row} of <code>a</code> times column {col} of <code>b</code>, \
             summed, gives <code>c[{row}][{col}]</code>."
        );
        assert!(page.contains(&caption), "{caption}");
        // The prose translates the cell into the formula's counting from 1.
        let ordinal = |k: usize| ["first", "second", "third", "fourth"][k];
        let formula = format!(
            "`c[{row}][{col}]` is the formula's $c_{{{}{}}}$, the {} row's \
             {} entry",
            row + 1,
            col + 1,
            ordinal(row),
            ordinal(col)
        );
        let words = page.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains(&formula), "{formula}");
    }
}
