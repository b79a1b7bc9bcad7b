//! Chapter 6's `NumPy → ndarray` table. Each function runs the ndarray side
//! of one row and checks it; the table in the book is generated from the very
//! code below.

use ndarray::prelude::*;
use ndarray::MeshIndex;

use super::numpy_arange;
use crate::chapter::{numpy_row, numpy_rows, numpy_table, RowResult};
use crate::error::Result;

/// The table's markdown, built by running every row.
///
/// # Errors
/// When a row's check fails, or a row function records no row (see
/// `chapter::numpy_table`).
pub fn render() -> Result<String> {
    numpy_table(numpy_rows![
        views,
        copies,
        matrix_indexing,
        sparse,
        arange_like_numpy,
        arange_ndarray,
        linspace,
        integer_grid,
        sine,
    ])
}

fn views() -> RowResult {
    let (x, y) = (array![1.0, 2.0, 3.0], array![4.0, 5.0]);
    let (xx, yy) = numpy_row!(
        "`np.meshgrid(x, y, copy=False)`",
        ndarray::meshgrid((&x, &y), MeshIndex::XY),
        "views, stride 0"
    );
    assert_eq!((xx.shape(), yy.shape()), (&[2, 3][..], &[2, 3][..]));
    assert_eq!((xx.strides(), yy.strides()), (&[0, 1][..], &[1, 0][..]));
    Ok(())
}

fn copies() -> RowResult {
    let (x, y) = (array![1.0, 2.0, 3.0], array![4.0, 5.0]);
    let (xx, yy) = ndarray::meshgrid((&x, &y), MeshIndex::XY);
    let (dense_x, dense_y) = numpy_row!(
        "`np.meshgrid(x, y)`",
        (xx.to_owned(), yy.to_owned()),
        "two full copies"
    );
    assert!(dense_x.is_standard_layout() && dense_y.is_standard_layout());
    assert_eq!(dense_y.column(2), y);
    Ok(())
}

fn matrix_indexing() -> RowResult {
    let (x, y) = (array![1, 2], array![3, 4, 5]);
    let (xx, _) = numpy_row!(
        "`np.meshgrid(x, y, indexing='ij')`",
        ndarray::meshgrid((&x, &y), MeshIndex::IJ),
        "views"
    );
    assert_eq!(xx.shape(), &[2, 3]);
    Ok(())
}

fn sparse() -> RowResult {
    let (x, y) = (array![1.0, 2.0, 3.0], array![4.0, 5.0]);
    let (xs, ys) = numpy_row!(
        "`np.meshgrid(x, y, sparse=True)`",
        (x.slice(s![NewAxis, ..]), y.slice(s![.., NewAxis])),
        "broadcasting does the rest"
    );
    assert_eq!((xs.shape(), ys.shape()), (&[1, 3][..], &[2, 1][..]));
    Ok(())
}

fn arange_like_numpy() -> RowResult {
    let x = numpy_row!(
        "`np.arange(-8, 8, 0.01)`",
        numpy_arange(-8., 8., 0.01)?,
        "this book's: NumPy's values, errors where NumPy raises"
    );
    assert_eq!(x[800], -1.7053025658242404e-13);
    Ok(())
}

fn arange_ndarray() -> RowResult {
    let r = numpy_row!(
        "`np.arange(-8, 8, 0.01)`",
        Array::range(-8., 8., 0.01),
        "values differ by less than 4e-13"
    );
    let x = numpy_arange(-8., 8., 0.01)?;
    assert_eq!(r.len(), x.len());
    let most = (&r - &x).mapv(f64::abs).fold(0.0, |a: f64, &b| a.max(b));
    assert!(most > 0.0 && most < 4e-13);
    Ok(())
}

fn linspace() -> RowResult {
    let (a, b, n) = (0.0, 0.9_f64, 4);
    let l = numpy_row!(
        "`np.linspace(a, b, n)`",
        Array::linspace(a, b, n),
        "NumPy sets the last value to `b`; ndarray computes it, so it can miss \
         `b` by rounding error, by many ulps when `b` is much nearer 0 than `a`; \
         one point where `b - a` is infinite or NaN (an infinite or NaN end, \
         or finite ends as far apart as `-1e308` and `1e308`): NumPy `[nan]` \
         (`a + 0 × (b - a)`), ndarray `[a]`; a span so small that its step \
         rounds to 0: NumPy scales `[0, …, 1]` by `b - a`, ndarray repeats `a`; \
         ndarray's `a` is `a + 0`, so 0.0 for `a = -0.0`, where NumPy's one \
         point is -0.0 for `b < 0`"
    );
    // ndarray's one point is a + 0 × 0, NumPy's a + 0 × (b - a): for a = -0.0
    // and b < 0, 0.0 and -0.0 (NumPy's is committed with the cases above).
    let one = Array::linspace(-0.0_f64, -1.0, 1);
    assert_eq!(one[0].to_bits(), 0.0_f64.to_bits());
    let repeated = Array::linspace(-0.0_f64, 5e-324, 3);
    assert!(repeated.iter().all(|v| v.to_bits() == 0.0_f64.to_bits()));
    assert_eq!(l[3], f64::from_bits(b.to_bits() - 1)); // 1 ulp below 0.9
    // NumPy's [nan] is committed data: the linspace cases of
    // python/outputs/edge-cases/meshgrid.json, checked by tests/edge_cases.
    assert_eq!(Array::linspace(0.0, f64::INFINITY, 1).to_vec(), [0.0]);
    assert_eq!(Array::linspace(f64::INFINITY, 0.0, 1).to_vec(), [f64::INFINITY]);
    // Finite ends whose difference overflows (NumPy: [nan], committed too).
    assert!((-1e308_f64 - 1e308).is_infinite());
    assert_eq!(Array::linspace(-1e308, 1e308, 1).to_vec(), [-1e308]);
    // A subnormal span: the step 5e-324 / 3 rounds to 0, and every value is a
    // (NumPy: [0, 0, 5e-324, 5e-324], committed with the cases above).
    assert_eq!(Array::linspace(0.0, 5e-324, 4).to_vec(), [0.0; 4]);
    // The error is relative to b - a: here the end misses 0.001 by over 10⁴ ulps.
    let far = Array::linspace(-1000.0, 0.001_f64, 3);
    assert!(0.001_f64.to_bits() - far[2].to_bits() > 10_000);
    Ok(())
}

fn integer_grid() -> RowResult {
    let grid = numpy_row!(
        "`np.arange(-800, 801) / 100`",
        Array::from_iter((-800..=800).map(f64::from)) / 100.0,
        "each value one correctly rounded division; 0 and the integers exact"
    );
    for (i, k) in (0..=1600).step_by(100).zip(-8..=8) {
        assert_eq!(grid[i], f64::from(k)); // the integers, exact
    }
    Ok(())
}

fn sine() -> RowResult {
    let a = array![0.0, 1.0, -2.5];
    let (s, m) = numpy_row!(
        "`np.sin(a)`",
        a.sin(),
        or a.mapv(f64::sin),
        "a new array; floats only (NumPy also takes integers: `int64` gives \
         `float64`, `int8` only `float16`): convert first with `mapv`"
    );
    assert_eq!(s, m);
    Ok(())
}
