//! Chapter 3's figure: the classic broadcasting cases, cell by cell.

use std::path::Path;

use ndarray::prelude::*;

use crate::error::{Context, Result};
use crate::figures::grid::{draw_caption, draw_grid, palette, CellStyle};
use crate::figures::register_fonts;

/// One broadcasting diagram: `left + right = result`, stretched cells drawn faded.
struct Diagram {
    title: &'static str,
    /// The stretched operands, both of the result's shape.
    left: Array2<i32>,
    right: Array2<i32>,
    /// The shapes the operands really have (their top-left cells are the real ones).
    left_real: (usize, usize),
    right_real: (usize, usize),
}

/// The chapter's three broadcasting examples (Listings 3-1 to 3-3), drawn as grids of cells.
///
/// # Errors
/// When the PNG file cannot be drawn or written.
pub fn render_broadcasting_diagrams(path: &Path) -> Result<()> {
    register_fonts();
    let stretch = |a: ArrayView2<i32>, shape: (usize, usize)| {
        a.broadcast(shape)
            .map(|view| view.to_owned())
            .context("cannot stretch")
    };
    let row = Array::from_iter(0..3).insert_axis(Axis(0));
    let column = Array::from_iter(0..3).insert_axis(Axis(1));
    let diagrams = [
        Diagram {
            title: "np.ones((3, 3)) + 2",
            left: Array2::ones((3, 3)),
            left_real: (3, 3),
            right: stretch(array![[2]].view(), (3, 3))?,
            right_real: (1, 1),
        },
        Diagram {
            title: "np.ones((3, 3)) + np.array([0, 1, 2])",
            left: Array2::ones((3, 3)),
            left_real: (3, 3),
            right: stretch(row.view(), (3, 3))?,
            right_real: (1, 3),
        },
        Diagram {
            title: "np.arange(3) + np.arange(3)[:, np.newaxis]",
            left: stretch(row.view(), (3, 3))?,
            left_real: (1, 3),
            right: stretch(column.view(), (3, 3))?,
            right_real: (3, 1),
        },
    ];
    let cell = 44;
    let gap = 80; // from a diagram's grids to the next one's, its title between
    let lefts = [40, 290, 540];
    let first_top = 50; // room for the first title
    // The grids with the same margin right as left, and 20 px below the
    // last one (a 760 px canvas left 88 px on the right, and the height
    // counted a gap after the last diagram: 50 px below it).
    let width = lefts[2] + 3 * cell + lefts[0];
    let grids: i32 =
        diagrams.iter().map(|d| d.left.nrows() as i32 * cell).sum();
    let height = first_top + grids + gap * (diagrams.len() as i32 - 1) + 20;
    let root =
        crate::figures::hidpi::canvas(path, (width as u32, height as u32));
    root.fill(&palette::PAPER)?;
    let mut top = first_top;
    for d in &diagrams {
        let (rows, cols) = d.left.dim();
        draw_caption(&root, d.title, (width / 2, top - 28), 20.0)?;
        let result = &d.left + &d.right;
        let (real, faded) = (CellStyle::PLAIN, CellStyle::PLAIN.faded(0.3));
        for (left, grid, real_shape) in [
            (lefts[0], &d.left, d.left_real),
            (lefts[1], &d.right, d.right_real),
        ] {
            draw_grid(
                &root,
                (left, top),
                cell,
                rows,
                cols,
                |r, c| grid[[r, c]].to_string(),
                |r, c| {
                    if r < real_shape.0 && c < real_shape.1 {
                        real
                    } else {
                        faded
                    }
                },
            )?;
        }
        // The result is stored, cell by cell: drawn unfaded, since the
        // caption says that faded cells are not (it was at 0.85).
        let result_style = CellStyle::RESULT;
        draw_grid(
            &root,
            (lefts[2], top),
            cell,
            rows,
            cols,
            |r, c| result[[r, c]].to_string(),
            |_, _| result_style,
        )?;
        let middle = top + rows as i32 * cell / 2;
        // Each operator halfway between the grids it joins.
        let between =
            |i: usize| (lefts[i] + cols as i32 * cell + lefts[i + 1]) / 2;
        draw_caption(&root, "+", (between(0), middle), 36.0)?;
        draw_caption(&root, "=", (between(1), middle), 36.0)?;
        top += rows as i32 * cell + gap;
    }
    root.present()?;
    Ok(())
}
