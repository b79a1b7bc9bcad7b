//! Chapter 5, "`dot` versus `*`": the elementwise product and the matrix product.

mod tables;

use std::fmt;

use ndarray::linalg::general_mat_mul;
use ndarray::prelude::*;

use crate::chapter::{samples, Chapter, Table};

pub use tables::matmul_table;

/// What chapter 5 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch05-products",
    samples: samples![
        elementwise,
        star_versus_dot,
        mismatch_panics => panics,
        mismatch_checked,
        gemm,
        exercise_quadratic_form,
        exercise_transpose_rule,
    ],
    figures: &[],
    tables: &[Table::text("matmul-table.md", matmul_table)],
};

// ANCHOR: elementwise
/// `A * B` multiplies matching elements, like every other arithmetic operator.
pub fn elementwise() {
    let a = Array2::<i64>::from_elem((2, 2), 2); // np.full((2, 2), 2)
    let b = Array2::<i64>::from_elem((2, 2), 3); // np.full((2, 2), 3)
    println!("A * B:\n{}", &a * &b);
    assert_eq!(&a * &b, Array2::from_elem((2, 2), 6));
}
// ANCHOR_END: elementwise

// ANCHOR: star_versus_dot
/// The tutorial's trap: with a vector `B`, `A * B` broadcasts and `A @ B` is a matrix-vector
/// product. Both compile, both run, and they give different answers.
pub fn star_versus_dot() {
    let a = Array::from_iter(1..10)
        .into_shape_with_order((3, 3))
        .expect("9 elements make 3×3"); // np.arange(1, 10).reshape(3, 3)
    let b = Array1::from_elem(3, 3); // np.full((3,), 3)

    let star = &a * &b; // each row of A times B, elementwise
    let dot = a.dot(&b); // NumPy: A @ B
    println!("A * B:\n{star}\nA.dot(&B):\n{dot}");
    assert_eq!(star.shape(), &[3, 3]);
    assert_eq!(dot, array![18, 45, 72]); // row sums of A, times 3
}
// ANCHOR_END: star_versus_dot

// ANCHOR: dot_error
/// Matrices whose inner dimensions differ cannot be multiplied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotShapeError {
    /// The shape of the left operand.
    pub left: (usize, usize),
    /// The shape of the right operand.
    pub right: (usize, usize),
}

impl fmt::Display for DotShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "matmul: inner dimensions differ: {}×{} times {}×{} ({} columns on the left, {} rows on the right)",
            self.left.0, self.left.1, self.right.0, self.right.1, self.left.1, self.right.0
        )
    }
}

impl std::error::Error for DotShapeError {}

/// `a.dot(b)` for matrices, returning an error instead of panicking on a shape mismatch.
pub fn checked_dot(
    a: ArrayView2<'_, f64>,
    b: ArrayView2<'_, f64>,
) -> Result<Array2<f64>, DotShapeError> {
    if a.ncols() != b.nrows() {
        return Err(DotShapeError {
            left: a.dim(),
            right: b.dim(),
        });
    }
    Ok(a.dot(&b))
}
// ANCHOR_END: dot_error

// ANCHOR: mismatch_panics
/// ndarray's `dot` panics when the inner dimensions differ.
pub fn mismatch_panics() {
    let a = Array2::<f64>::ones((2, 3));
    let b = Array2::<f64>::ones((2, 2));
    let _ = a.dot(&b); // panics: 2×3 times 2×2
}
// ANCHOR_END: mismatch_panics

// ANCHOR: mismatch_checked
/// The same mistake, checked first.
pub fn mismatch_checked() {
    let a = Array2::<f64>::ones((2, 3));
    let b = Array2::<f64>::ones((2, 2));
    match checked_dot(a.view(), b.view()) {
        Ok(c) => println!("{c}"),
        Err(e) => println!("error: {e}"),
    }
    assert!(checked_dot(a.view(), b.view()).is_err());
    assert_eq!(checked_dot(a.t(), b.view()).map(|c| c.dim()), Ok((3, 2)));
}
// ANCHOR_END: mismatch_checked

// ANCHOR: gemm
/// `C = alpha * A·B + beta * C` in place: the BLAS "gemm" operation, no new allocation.
pub fn gemm() {
    let a = array![[1.0, 2.0], [3.0, 4.0]];
    let b = array![[5.0, 6.0], [7.0, 8.0]];
    let mut c = Array2::<f64>::eye(2);
    general_mat_mul(1.0, &a, &b, 10.0, &mut c); // c = a·b + 10·c
    println!("{c}");
    assert_eq!(c, array![[29.0, 22.0], [43.0, 60.0]]);
}
// ANCHOR_END: gemm

/// The matrices of the product benchmark: `n × n`, filled with a simple deterministic pattern.
pub fn bench_matrices(n: usize) -> (Array2<f64>, Array2<f64>) {
    let a = Array2::from_shape_fn((n, n), |(i, j)| ((i * 7 + j * 3) % 11) as f64 - 5.0);
    let b = Array2::from_shape_fn((n, n), |(i, j)| ((i * 5 + j * 2) % 13) as f64 - 6.0);
    (a, b)
}

// ANCHOR: exercise_quadratic_form
/// Exercise: the quadratic form xᵀ·A·x, with `dot`, checked with loops.
pub fn exercise_quadratic_form() {
    let a = array![[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]];
    let x = array![1.0, -1.0, 2.0];
    let q = x.dot(&a.dot(&x));
    let mut by_loops = 0.0;
    for i in 0..3 {
        for j in 0..3 {
            by_loops += x[i] * a[[i, j]] * x[j];
        }
    }
    println!("{q}");
    assert_eq!(q, by_loops);
}
// ANCHOR_END: exercise_quadratic_form

// ANCHOR: exercise_transpose_rule
/// Exercise: (A·B)ᵀ = Bᵀ·Aᵀ, on integer matrices so that the equality is exact.
pub fn exercise_transpose_rule() {
    let a = Array::from_iter(0..6)
        .into_shape_with_order((2, 3))
        .expect("2×3");
    let b = Array::from_iter(0..12)
        .into_shape_with_order((3, 4))
        .expect("3×4");
    let left = a.dot(&b).reversed_axes();
    let right = b.t().dot(&a.t());
    println!("{left}");
    assert_eq!(left, right);
}
// ANCHOR_END: exercise_transpose_rule

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic]
    fn dot_panics_on_mismatch() {
        mismatch_panics();
    }

    #[test]
    fn dot_agrees_with_the_formula() {
        let (a, b) = bench_matrices(17);
        let c = a.dot(&b);
        for i in 0..17 {
            for j in 0..17 {
                let sum: f64 = (0..17).map(|k| a[[i, k]] * b[[k, j]]).sum();
                assert_eq!(c[[i, j]], sum);
            }
        }
    }

    #[test]
    fn error_message_names_both_shapes() {
        let e = checked_dot(Array2::zeros((2, 3)).view(), Array2::zeros((2, 2)).view())
            .expect_err("mismatch");
        assert_eq!(
            e.to_string(),
            "matmul: inner dimensions differ: 2×3 times 2×2 (3 columns on the left, 2 rows on the right)"
        );
    }
}
