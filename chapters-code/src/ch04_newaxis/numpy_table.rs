//! Chapter 4's `NumPy → ndarray` table. Each function runs the ndarray side of one row and
//! checks it; the table in the book is generated from the very code below.

use ndarray::prelude::*;

use super::{expand_dims, infer_shape};
use crate::chapter::{numpy_row, numpy_rows, numpy_table, RowResult};
use crate::error::Result;

/// The table's markdown, built by running every row.
pub fn render() -> Result<String> {
    numpy_table(numpy_rows![
        row_vector,
        column_vector,
        axes_around,
        one_axis,
        reshape_inferred,
        reshape,
        squeeze,
    ])
}

fn row_vector() -> RowResult {
    let a = array![1, 2, 3];
    let row = numpy_row!("`a[np.newaxis, :]`", a.slice(s![NewAxis, ..]), "a view");
    assert_eq!(row.shape(), &[1, 3]);
    Ok(())
}

fn column_vector() -> RowResult {
    let a = array![1, 2, 3];
    let (x, y) = numpy_row!(
        "`a[:, np.newaxis]`",
        a.slice(s![.., NewAxis]),
        or a.view().insert_axis(Axis(1)),
        "a view"
    );
    assert_eq!(x.shape(), &[3, 1]);
    assert_eq!(x, y);
    Ok(())
}

fn axes_around() -> RowResult {
    let m = Array2::<f64>::zeros((2, 3));
    let e = numpy_row!(
        "`M[np.newaxis, ..., np.newaxis]`",
        expand_dims(m.view(), &[0, m.ndim() + 1])?,
        "this book's; `s![]` has no `...`"
    );
    assert_eq!(e.shape(), &[1, 2, 3, 1]);
    Ok(())
}

fn one_axis() -> RowResult {
    let a = array![1, 2, 3];
    let axis = 0;
    let e = numpy_row!(
        "`np.expand_dims(a, axis)`",
        a.view().insert_axis(Axis(axis)),
        "one axis at a time; `axis` from 0 to `a.ndim()` (NumPy's `-1` is `Axis(a.ndim())`)"
    );
    assert_eq!(e.shape(), &[1, 3]);
    // np.expand_dims(a, -1) is (3, 1): the last position of the result.
    assert_eq!(a.view().insert_axis(Axis(a.ndim())).shape(), &[3, 1]);
    Ok(())
}

fn reshape_inferred() -> RowResult {
    let a = array![1, 2, 3, 4];
    let column = numpy_row!(
        "`a.reshape(-1, 1)`",
        a.to_shape(infer_shape(a.len(), &[-1, 1])?)?,
        "this book's `infer_shape`"
    );
    assert_eq!(column.shape(), &[4, 1]);
    Ok(())
}

fn reshape() -> RowResult {
    let a = Array::from_iter(0..6);
    let view = numpy_row!(
        "`a.reshape(2, 3)`",
        a.to_shape((2, 3))?,
        "a view if the layout allows, else a copy"
    );
    assert!(view.is_view());
    let expected = view.to_owned();
    let moved = numpy_row!(
        "`a.reshape(2, 3)`, `a` no longer needed",
        a.into_shape_with_order((2, 3))?,
        "takes `a` by value, never copies; an error unless `a` is contiguous row-major (`to_shape` may still give a view)"
    );
    assert_eq!(moved, expected);
    // A column-major array cannot be read row by row without a copy: an error.
    let column_major = Array2::<i64>::zeros((3, 2)).reversed_axes();
    assert!(column_major.into_shape_with_order(6).is_err());
    // A matrix's column as (n, 1): NumPy's reshape and to_shape give a view,
    // into_shape_with_order an error (the column is not contiguous). NumPy's
    // side is the committed edge case notes/reshape/column-of-3x4/3x1.
    let m = Array2::<i64>::zeros((3, 4));
    assert!(m.column(0).to_shape((3, 1))?.is_view());
    assert!(m.column(0).into_shape_with_order((3, 1)).is_err());
    Ok(())
}

fn squeeze() -> RowResult {
    let a = Array2::<f64>::zeros((1, 3));
    let axis = 0;
    let s = numpy_row!(
        "`np.squeeze(a, axis)`",
        a.index_axis(Axis(axis), 0),
        "unlike NumPy, silently takes the first element of a longer axis (and \
         panics on an empty one)"
    );
    assert_eq!(s.shape(), &[3]);
    let longer = array![[1.0, 2.0], [3.0, 4.0]];
    assert_eq!(longer.index_axis(Axis(axis), 0), array![1.0, 2.0]);
    Ok(())
}
