//! Chapter 5's `NumPy → ndarray` table. Each function runs the ndarray side
//! of one row and checks it; the table in the book is generated from the
//! very code below.

use ndarray::linalg::general_mat_mul;
use ndarray::prelude::*;

use super::{checked_dot, fast_matmul};
use crate::chapter::{numpy_row, numpy_rows, numpy_table, RowResult};
use crate::error::Result;

/// The table's markdown, built by running every row.
///
/// # Errors
/// When a row's check fails, or a row function records no row (see
/// `chapter::numpy_table`).
pub fn render() -> Result<String> {
    numpy_table(numpy_rows![
        elementwise,
        dot,
        fast,
        into_existing,
        checked,
        eye,
        transpose,
    ])
}

fn elementwise() -> RowResult {
    let (a, b) = (array![[1.0, 2.0], [3.0, 4.0]], array![10.0, 100.0]);
    let p = numpy_row!(
        "`A * B`",
        &a * &b,
        "elementwise; broadcasts; integer overflow panics in a debug build"
    );
    assert_eq!(p, array![[10.0, 200.0], [30.0, 400.0]]);
    Ok(())
}

fn dot() -> RowResult {
    let (a, b) = (array![[1.0, 2.0], [3.0, 4.0]], array![[0.0, 1.0], [1.0, 0.0]]);
    let p = numpy_row!(
        "`A @ B`, `np.dot(A, B)`",
        a.dot(&b),
        "matrices and vectors; integer overflow panics in a debug build"
    );
    assert_eq!(p, array![[2.0, 1.0], [4.0, 3.0]]);
    Ok(())
}

fn fast() -> RowResult {
    let (a, b) = (array![[1.0, 2.0], [3.0, 4.0]], array![[0.0, 1.0], [1.0, 0.0]]);
    let p = numpy_row!(
        "`A @ B`, `float64`",
        fast_matmul(a.view(), b.view()),
        "this book's, with faer: measure it against `dot` at your sizes"
    );
    assert_eq!(p, a.dot(&b));
    Ok(())
}

fn into_existing() -> RowResult {
    let (a, b) = (array![[1.0, 2.0], [3.0, 4.0]], Array2::<f64>::eye(2));
    let mut c = Array2::<f64>::zeros((2, 2));
    numpy_row!(
        "`np.matmul(A, B, out=C)`",
        general_mat_mul(1.0, &a, &b, 0.0, &mut c),
        "writes into `c`: no new array, though on floats matrixmultiply \
         allocates a packing buffer on each call with no empty dimension"
    );
    assert_eq!(c, a);
    Ok(())
}

fn checked() -> RowResult {
    let (a, b) = (Array2::<f64>::ones((2, 3)), Array2::<f64>::ones((2, 2)));
    let p = numpy_row!(
        "`A @ B` raising `ValueError`",
        checked_dot(a.view(), b.view()),
        "this book's; `dot` panics"
    );
    assert!(p.is_err());
    Ok(())
}

fn eye() -> RowResult {
    let n = 3;
    let i = numpy_row!("`np.eye(n)`", Array2::<f64>::eye(n), "");
    assert_eq!(i.diag().sum(), 3.0);
    Ok(())
}

fn transpose() -> RowResult {
    let a = array![[1.0, 2.0, 3.0]];
    let t = numpy_row!("`A.T`", a.t(), "a view");
    assert_eq!(t.shape(), &[3, 1]);
    Ok(())
}
