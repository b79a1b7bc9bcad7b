//! Introduction: a first ndarray sample, the matrix product, and the figure that draws it.

use std::path::Path;

use ndarray::prelude::*;
use plotters::prelude::*;

use crate::figures::grid::{draw_caption, draw_grid, palette, CellStyle};
use crate::figures::{register_fonts, Figure, FigureError};
use crate::samples::Sample;

/// The samples of the introduction, in reading order.
pub const SAMPLES: &[Sample] = &[
    Sample {
        chapter: "introduction",
        name: "first_array",
        run: first_array,
    },
    Sample {
        chapter: "introduction",
        name: "matrix_product",
        run: matrix_product,
    },
];

/// The figures of the introduction.
pub const FIGURES: &[Figure] = &[Figure {
    file: "introduction-matrix-product.png",
    render: render_matrix_product,
}];

// ANCHOR: first_array
/// A first array: `np.arange(1, 10).reshape(3, 3)` in ndarray.
pub fn first_array() {
    // NumPy: a = np.arange(1, 10).reshape(3, 3)
    let a = Array::from_iter(1i64..10)
        .into_shape_with_order((3, 3))
        .expect("9 elements fill a 3×3 array");
    println!("a =\n{a}");

    // ndarray has no `nbytes`: it is the length times the size of one element.
    let nbytes = a.len() * std::mem::size_of::<i64>();
    println!("shape: {:?}, element type: i64, bytes: {nbytes}", a.shape());

    assert_eq!(a.shape(), &[3, 3]);
    assert_eq!(nbytes, 72); // the same 72 bytes as NumPy's a.nbytes
    assert_eq!(a[[1, 2]], 6); // row 1, column 2, both counted from 0
}
// ANCHOR_END: first_array

// ANCHOR: matrix_product
/// Elementwise `*` versus the matrix product `dot`.
pub fn matrix_product() {
    let a = array![[1, 2, 3], [4, 5, 6], [7, 8, 9]];
    let b = array![[1, 0, 2], [0, 1, 0], [2, 0, 1]];

    let elementwise = &a * &b; // NumPy: a * b
    let product = a.dot(&b); // NumPy: a @ b, or np.dot(a, b)
    println!("a * b =\n{elementwise}\n");
    println!("a.dot(&b) =\n{product}");

    // `*` only multiplies matching cells: a[1][2] * b[1][2] = 6 * 0.
    assert_eq!(elementwise[[1, 2]], 0);

    // The product's c[1][2] is row 1 of a times column 2 of b, summed: 4*2 + 5*0 + 6*1.
    let c_12: i32 = (0..3).map(|k| a[[1, k]] * b[[k, 2]]).sum();
    assert_eq!(product[[1, 2]], c_12);
    assert_eq!(c_12, 14);
}
// ANCHOR_END: matrix_product

/// The two matrices of the introduction's figure (the same as in [`matrix_product`]).
pub fn product_operands() -> (Array2<i32>, Array2<i32>) {
    let a = Array::from_iter(1..10)
        .into_shape_with_order((3, 3))
        .expect("9 elements fill a 3×3 array");
    let b = array![[1, 0, 2], [0, 1, 0], [2, 0, 1]];
    (a, b)
}

/// The highlighted row of `a`, column of `b` and cell of `a·b` in the figure.
const HIGHLIGHT: (usize, usize) = (1, 2);

/// Draws `a · b = c` as three grids, highlighting row 1 of `a`, column 2 of `b` and `c[1][2]`.
pub fn render_matrix_product(path: &Path) -> Result<(), FigureError> {
    register_fonts();
    let (a, b) = product_operands();
    let c = a.dot(&b);
    let (hi_row, hi_col) = HIGHLIGHT;

    let root = BitMapBackend::new(path, (900, 300)).into_drawing_area();
    root.fill(&palette::PAPER)?;

    let cell = 60;
    let top = 50;
    let lefts = [40, 340, 640];
    let (plain, highlight, result) = (CellStyle::PLAIN, CellStyle::HIGHLIGHT, CellStyle::RESULT);

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
    draw_caption(&root, &explanation, (450, top + 3 * cell + 45), 26.0)?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_matches_numpy() {
        // np.arange(1, 10).reshape(3, 3) @ [[1, 0, 2], [0, 1, 0], [2, 0, 1]]
        let (a, b) = product_operands();
        assert_eq!(a.dot(&b), array![[7, 2, 5], [16, 5, 14], [25, 8, 23]]);
    }
}
