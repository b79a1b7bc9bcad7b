//! Chapter 7's `NumPy → ndarray` table. Each function runs the ndarray side of
//! one row and checks it; the table in the book is generated from this code.

use ndarray::prelude::*;
use ndarray_rand::rand_distr::Uniform;
use ndarray_rand::RandomExt;
use rand::SeedableRng;
use rand_pcg::Pcg64;

use super::{
    argpartition_rows, argsort_rows, argsort_rows_unstable, cmp_nan_last,
    pairwise_sq_distances,
};
use crate::chapter::{numpy_row, numpy_rows, numpy_table, RowResult};
use crate::error::Result;
use crate::random::RandomState;

/// The table's markdown, built by running every row.
pub fn render() -> Result<String> {
    numpy_table(numpy_rows![
        numpy_random,
        idiomatic_random,
        differences,
        diagonal,
        argsort,
        argsort_stable,
        argpartition,
        sort_copy,
    ])
}

/// The tutorial's ten points and their distances.
fn points() -> (Array2<f64>, Array2<f64>) {
    let x = RandomState::new(42).rand(10, 2);
    let d = pairwise_sq_distances(x.view());
    (x, d)
}

fn numpy_random() -> RowResult {
    let x = numpy_row!(
        "`np.random.RandomState(42).rand(10, 2)`",
        RandomState::new(42).rand(10, 2),
        "this book's; bit for bit"
    );
    assert_eq!(x[[0, 0]], 0.3745401188473625);
    Ok(())
}

fn idiomatic_random() -> RowResult {
    let x = numpy_row!(
        "`np.random.default_rng(42).random((10, 2))`",
        Array2::random_using(
            (10, 2),
            Uniform::new(0., 1.)?,
            &mut Pcg64::seed_from_u64(42)
        ),
        "ndarray-rand; other numbers"
    );
    assert_eq!(x.dim(), (10, 2));
    Ok(())
}

fn differences() -> RowResult {
    let (x, _) = points();
    let diff = numpy_row!(
        "`X[:, np.newaxis, :] - X[np.newaxis, :, :]`",
        &x.slice(s![.., NewAxis, ..]) - &x.slice(s![NewAxis, .., ..]),
        "a new (n, n, d) array"
    );
    assert_eq!(diff.shape(), &[10, 10, 2]);
    Ok(())
}

fn diagonal() -> RowResult {
    let (_, d) = points();
    let diag = numpy_row!("`d.diagonal()`", d.diag(), "a view");
    assert!(diag.iter().all(|&v| v == 0.0));
    Ok(())
}

fn argsort() -> RowResult {
    let (_, d) = points();
    let order = numpy_row!(
        "`np.argsort(d, axis=1)`",
        argsort_rows_unstable(d.view()),
        "this book's; NaN last; ties in index order (NumPy's may differ)"
    );
    assert_eq!(order.column(0), Array::from_iter(0..10));
    assert_eq!(order, argsort_rows(d.view())); // the stable order
    Ok(())
}

fn argsort_stable() -> RowResult {
    let (_, d) = points();
    let order = numpy_row!(
        "`np.argsort(d, axis=1, kind='stable')`",
        argsort_rows(d.view()),
        "this book's"
    );
    assert_eq!(order, argsort_rows_unstable(d.view()));
    Ok(())
}

fn argpartition() -> RowResult {
    let (_, d) = points();
    let k = 3;
    let part = numpy_row!(
        "`np.argpartition(d, k, axis=1)`",
        argpartition_rows(d.view(), k)?,
        "this book's; an error if `k >= ncols` (unless the array is empty, as in NumPy); \
         NumPy's negative `kth` counts from the end: its `-m` is `ncols - m` here"
    );
    assert_eq!(part.dim(), (10, 10));
    assert!(argpartition_rows(d.view(), 10).is_err());
    // NumPy's kth=-1 is kth=ncols-1: the farthest point of each row last.
    let last = argpartition_rows(d.view(), d.ncols() - 1)?;
    for (row, order) in d.rows().into_iter().zip(last.rows()) {
        let farthest = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert_eq!(row[order[9]], farthest);
    }
    let empty = Array2::<f64>::zeros((3, 0));
    assert_eq!(argpartition_rows(empty.view(), 1)?.dim(), (3, 0));
    Ok(())
}

fn sort_copy() -> RowResult {
    let (_, d) = points();
    let row = d.row(1);
    let sorted = numpy_row!(
        "`np.sort(row)`",
        {
            let mut v = row.to_vec();
            v.sort_by(|a, b| cmp_nan_last(*a, *b));
            v
        },
        "this book's `cmp_nan_last`; a sorted copy, NaN last; a stable \
         sort: -0.0 and 0.0 keep their order (NumPy's default sort is not \
         stable and may swap them)"
    );
    assert_eq!(sorted[0], 0.0);
    assert!(sorted.is_sorted());
    // Equal keys keep their order: the zeros' signs come out as they went in.
    let mut zeros = [0.0, -0.0, 0.0, f64::NAN, -0.0];
    zeros.sort_by(|a, b| cmp_nan_last(*a, *b));
    let signs = zeros.iter().map(|v| v.is_sign_negative()).collect::<Vec<_>>();
    assert_eq!(signs[..4], [false, true, false, true]);
    assert!(zeros[4].is_nan());
    Ok(())
}
