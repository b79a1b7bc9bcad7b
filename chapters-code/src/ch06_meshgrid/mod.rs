//! Chapter 6, "meshgrid": coordinate grids, dense and sparse, and pictures of functions.

mod figures;
mod tables;

use ndarray::prelude::*;
use ndarray::{MeshIndex, Zip};

use crate::chapter::{samples, Chapter, Figure, Table};

pub use crate::figures::colormap::{Colormap, COOLWARM, PUBU_R};
pub use figures::{render_contourf, render_grid_points, render_surface, CONTOUR_LEVELS};
pub use tables::sinc_table;

/// What chapter 6 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch06-meshgrid",
    samples: samples![
        grid_5x5,
        dense_vs_sparse,
        zero_on_the_grid,
        z_values,
        exercise_ij,
        exercise_saddle,
    ],
    figures: &[
        Figure::new("points.png", render_grid_points),
        Figure::new("contourf.png", render_contourf),
        Figure::new("surface.png", render_surface),
    ],
    tables: &[Table::text("sinc-table.md", sinc_table)],
};

// ANCHOR: numpy_arange
/// `np.arange(start, stop, step)` for floats, value for value.
///
/// NumPy computes the length as `ceil((stop - start) / step)`, then fills the array as
/// `start + i * delta`, where `delta` is *not* `step` but `(start + step) - start` — the step
/// as it survives one floating-point addition. ndarray's `Array::range` multiplies by `step`
/// itself, so the two can differ in the last bits.
pub fn numpy_arange(start: f64, stop: f64, step: f64) -> Array1<f64> {
    let len = ((stop - start) / step).ceil().max(0.0) as usize;
    let delta = (start + step) - start;
    Array::from_iter((0..len).map(|i| match i {
        0 => start,
        1 => start + step,
        _ => start + i as f64 * delta,
    }))
}
// ANCHOR_END: numpy_arange

// ANCHOR: grid_5x5
/// The tutorial's 5×5 grid of points.
pub fn grid_5x5() {
    let xvalues = numpy_arange(-1.0, 1.05, 0.5); // np.arange(-1, 1.05, 0.5)
    let yvalues = numpy_arange(-1.0, 1.05, 0.5);
    let (xx, yy) = ndarray::meshgrid((&xvalues, &yvalues), MeshIndex::XY);
    println!("{xx}\n\n{yy}");

    // xx repeats x along the rows, yy repeats y down the columns: point (i, j) is
    // (xx[i][j], yy[i][j]) = (x[j], y[i]).
    assert_eq!(xx.row(3), xvalues);
    assert_eq!(yy.column(3), yvalues);
    // ndarray's meshgrid returns views with a stride of 0 on the repeated axis: no copies.
    assert_eq!(xx.strides(), &[0, 1]);
    assert_eq!(yy.strides(), &[1, 0]);
}
// ANCHOR_END: grid_5x5

// ANCHOR: dense_vs_sparse
/// What a 1600 × 1600 grid costs: NumPy's dense and sparse grids, and ndarray's views.
pub fn dense_vs_sparse() {
    let x = numpy_arange(-8.0, 8.0, 0.01);
    let y = numpy_arange(-8.0, 8.0, 0.01);
    let f64_bytes = size_of::<f64>();

    // Like NumPy's default: two full 1600 × 1600 arrays.
    let (xx, yy) = ndarray::meshgrid((&x, &y), MeshIndex::XY);
    let (dense_x, dense_y) = (xx.to_owned(), yy.to_owned());
    let dense = (dense_x.len() + dense_y.len()) * f64_bytes;
    println!(
        "dense, owned:  {:?} {:?} {dense} bytes",
        dense_x.shape(),
        dense_y.shape()
    );

    // Like sparse=True: a row and a column, which broadcasting stretches when needed.
    let (sx, sy) = (x.slice(s![NewAxis, ..]), y.slice(s![.., NewAxis]));
    let sparse = (sx.len() + sy.len()) * f64_bytes;
    println!(
        "sparse views:  {:?} {:?} {sparse} bytes",
        sx.shape(),
        sy.shape()
    );

    // ndarray's meshgrid: dense-looking views, stride 0, no bytes beyond x and y.
    println!(
        "meshgrid views: {:?} {:?} strides {:?} {:?}",
        xx.shape(),
        yy.shape(),
        xx.strides(),
        yy.strides()
    );
    assert_eq!(dense, 40_960_000);
    assert_eq!(sparse, 25_600);
    assert_eq!(xx.as_ptr(), x.as_ptr());
}
// ANCHOR_END: dense_vs_sparse

// ANCHOR: zero_on_the_grid
/// Does the grid contain 0.0, where sin(r²)/r² is 0/0? With NumPy's arange, no.
pub fn zero_on_the_grid() {
    let x = numpy_arange(-8.0, 8.0, 0.01);
    println!(
        "len: {}, x[800] = {:e}, 0.0 in x: {}",
        x.len(),
        x[800],
        x.iter().any(|&v| v == 0.0)
    );
    println!("the step NumPy really used: {:?}", x[1] - x[0]);

    // ndarray's Array::range multiplies by 0.01 itself and does land on 0.0:
    let r = Array::range(-8.0, 8.0, 0.01);
    println!(
        "Array::range: x[800] = {:e}, 0.0 in x: {}",
        r[800],
        r.iter().any(|&v| v == 0.0)
    );
    assert_eq!(x[800], -1.7053025658242404e-13);
    assert_eq!(r[800], 0.0);
}
// ANCHOR_END: zero_on_the_grid

// ANCHOR: sinc_broadcast
/// `z = np.sin(xx**2 + yy**2) / (xx**2 + yy**2)` on sparse grids, word for word:
/// two temporaries of the full size (the sum and the sine) before the division.
pub fn sinc_broadcast(x: ArrayView1<f64>, y: ArrayView1<f64>) -> Array2<f64> {
    let xx = x.slice(s![NewAxis, ..]);
    let yy = y.slice(s![.., NewAxis]);
    let r2 = &xx.mapv(|v| v * v) + &yy.mapv(|v| v * v);
    r2.mapv(f64::sin) / &r2
}
// ANCHOR_END: sinc_broadcast

// ANCHOR: sinc
/// The same function in one pass: the squares are computed once per row and column, and
/// each output element is written once, with no temporary array.
pub fn sinc(x: ArrayView1<f64>, y: ArrayView1<f64>) -> Array2<f64> {
    let x2 = x.mapv(|v| v * v);
    let y2 = y.mapv(|v| v * v).insert_axis(Axis(1));
    let shape = (y.len(), x.len());
    let (Some(xx2), Some(yy2)) = (x2.broadcast(shape), y2.broadcast(shape)) else {
        unreachable!("a row and a column always broadcast to (rows, columns)");
    };
    Zip::from(xx2).and(yy2).map_collect(|&a, &b| {
        let r2 = a + b;
        r2.sin() / r2
    })
}
// ANCHOR_END: sinc

// ANCHOR: z_values
/// The function on the tutorial's grid, checked against values NumPy printed.
pub fn z_values() {
    let x = numpy_arange(-8.0, 8.0, 0.01);
    let z = sinc(x.view(), x.view());
    let nans = z.iter().filter(|v| v.is_nan()).count();
    let max = z.iter().copied().fold(f64::MIN, f64::max);
    println!("shape: {:?}, NaN values: {nans}, max: {max}", z.shape());
    for (i, j) in [(0, 0), (800, 800), (123, 456), (1599, 1599)] {
        println!("z[{i}, {j}] = {:?}", z[[i, j]]);
    }
    // From python/outputs/ch06-meshgrid/z_function.txt:
    assert_eq!(z[[0, 0]], 0.005633107113294778);
    assert_eq!(z[[123, 456]], 0.015592308724284432);
    assert_eq!(z[[800, 800]], 1.0);
    assert_eq!(nans, 0);
    assert_eq!(z, sinc_broadcast(x.view(), x.view()));
}
// ANCHOR_END: z_values

// ANCHOR: exercise_ij
/// Exercise: matrix (IJ) indexing gives shape (len(x), len(y)) instead of (len(y), len(x)).
pub fn exercise_ij() {
    let x = array![1, 2];
    let y = array![3, 4, 5];
    let (xx, yy) = ndarray::meshgrid((&x, &y), MeshIndex::IJ);
    println!("{xx}\n{yy}");
    assert_eq!(xx.shape(), &[2, 3]);
    assert_eq!(yy.row(0), y);
}
// ANCHOR_END: exercise_ij

// ANCHOR: exercise_saddle
/// Exercise: the minimum of x² − y² on a 201 × 201 grid of [−1, 1]², and where it is.
pub fn exercise_saddle() {
    let axis = Array::linspace(-1.0, 1.0, 201);
    let (xx, yy) = ndarray::meshgrid((&axis, &axis), MeshIndex::XY);
    let z = Zip::from(xx).and(yy).map_collect(|&x, &y| x * x - y * y);
    let (at, min) =
        z.indexed_iter().fold(
            ((0, 0), f64::MAX),
            |best, (ij, &v)| if v < best.1 { (ij, v) } else { best },
        );
    println!("min {min} at x = {}, y = {}", axis[at.1], axis[at.0]);
    assert_eq!(min, -1.0);
    assert_eq!(axis[at.1], 0.0);
}
// ANCHOR_END: exercise_saddle

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_arange_matches_numpy() {
        // Values printed by NumPy 2.4 (python/outputs/ch06-meshgrid/is_zero_on_the_grid.txt).
        let x = numpy_arange(-8.0, 8.0, 0.01);
        assert_eq!(x.len(), 1600);
        assert_eq!(x[800], -1.7053025658242404e-13);
        assert_eq!(x[1] - x[0], 0.009999999999999787);
        assert_eq!(x[1599], 7.989999999999659);
        assert_eq!(
            numpy_arange(-1.0, 1.05, 0.5),
            array![-1.0, -0.5, 0.0, 0.5, 1.0]
        );
        assert_eq!(numpy_arange(-5.0, 5.0, 0.25).len(), 40);
        assert_eq!(numpy_arange(1.0, 0.0, 1.0).len(), 0);
    }
}
