//! Chapter 3's `NumPy → ndarray` table. Each function runs the ndarray side
//! of one row and checks it; the table in the book is generated from the
//! very code below.

use ndarray::prelude::*;

use super::{broadcast_shapes, checked_add};
use crate::chapter::{numpy_row, numpy_rows, numpy_table, RowResult};
use crate::error::Result;

/// The table's markdown, built by running every row.
pub fn render() -> Result<String> {
    numpy_table(numpy_rows![
        plus_scalar,
        plus_vector,
        centre,
        broadcast_to,
        shapes,
        mismatch,
        strides,
    ])
}

fn plus_scalar() -> RowResult {
    let m = Array2::<f64>::ones((2, 3));
    let (right, left) = numpy_row!("`M + 2`", &m + 2.0, or 2.0 + &m, "");
    assert_eq!(right, left);
    assert_eq!(right, Array2::from_elem((2, 3), 3.0));
    Ok(())
}

fn plus_vector() -> RowResult {
    let m = Array2::<f64>::ones((2, 3));
    let v = array![0.0, 1.0, 2.0];
    let sum = numpy_row!("`M + v`", &m + &v, "`v` is added to every row");
    assert_eq!(sum.row(1), array![1.0, 2.0, 3.0]);
    Ok(())
}

fn centre() -> RowResult {
    let x = array![[1.0, 10.0], [3.0, 30.0]];
    let centred = numpy_row!(
        "`X - X.mean(0)`",
        &x - &x.mean_axis(Axis(0)).ok_or("no rows")?,
        "`None` when `x` has no rows; on integers the mean is an integer, \
         summed in the element type (which can overflow) and rounded toward 0 \
         (NumPy's is `float64`), and a row count the type cannot hold (128 \
         rows of `i8`) panics even if the sum fits: convert first with \
         `x.mapv(|v| v as f64)`"
    );
    assert_eq!(centred, array![[-1.0, -10.0], [1.0, 10.0]]);
    // NumPy's mean of [[1, 2], [2, 3]] is [1.5, 2.5] (notes/mean_axis/i64);
    // ndarray's divides integers.
    let ints = array![[1_i64, 2], [2, 3]];
    assert_eq!(ints.mean_axis(Axis(0)), Some(array![1, 2]));
    // Toward 0, not down: the mean of -1 and -2 is -1 (NumPy's -1.5 is the
    // committed edge case notes/mean_axis/i64-negative).
    assert_eq!(array![[-1_i64], [-2]].mean_axis(Axis(0)), Some(array![-1]));
    assert!(Array2::<f64>::zeros((0, 2)).mean_axis(Axis(0)).is_none());
    Ok(())
}

fn broadcast_to() -> RowResult {
    let v = array![0.0, 1.0, 2.0];
    let view = numpy_row!(
        "`np.broadcast_to(v, (4, 3))`",
        v.broadcast((4, 3)).ok_or("does not fit")?,
        "`None`, not an error"
    );
    assert_eq!(view.strides(), &[0, 1]);
    assert!(v.broadcast((4, 2)).is_none());
    Ok(())
}

fn shapes() -> RowResult {
    let (s1, s2) = ([8, 1, 6], [7, 1]);
    let shape = numpy_row!(
        "`np.broadcast_shapes(s1, s2)`",
        broadcast_shapes(&[&s1, &s2])?,
        "this book's; ndarray has none"
    );
    assert_eq!(shape, vec![8, 7, 6]);
    Ok(())
}

fn mismatch() -> RowResult {
    let m = Array2::<f64>::ones((3, 2));
    let a = array![0.0, 1.0, 2.0];
    let sum = numpy_row!(
        "`M + a` raising `ValueError`",
        checked_add(&m, &a),
        "this book's; `&m + &a` panics"
    );
    assert!(sum.is_err());
    Ok(())
}

fn strides() -> RowResult {
    let a = Array2::<f64>::zeros((2, 3));
    let strides = numpy_row!(
        "`a.strides` (bytes)",
        a.strides(),
        "in elements; 0 on a stretched axis"
    );
    assert_eq!(strides, &[3, 1]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use ndarray::prelude::*;

    /// The `X - X.mean(0)` row's "summed in the element type (which can
    /// overflow)": 200 + 100 does not fit a `u8`, so ndarray's mean of the
    /// column is a panic (overflow checks) or a wrapped sum halved, never
    /// NumPy's 150; converting first gives it.
    #[test]
    fn an_integer_mean_sums_in_the_element_type() {
        let bytes = array![[200_u8], [100]];
        let mean = std::panic::catch_unwind(|| bytes.mean_axis(Axis(0)));
        // A panic where overflow is checked, else (200 + 100) mod 256 = 44,
        // halved: 22.
        if let Ok(wrapped) = mean {
            assert_eq!(wrapped, Some(array![22_u8]));
        }
        let floats = bytes.mapv(f64::from).mean_axis(Axis(0));
        assert_eq!(floats, Some(array![150.0]));
    }

    /// The row's "a row count the type cannot hold panics even if the sum
    /// fits": ndarray divides by the row count converted to the element
    /// type, and 128 does not fit an `i8`, so 128 zeros (sum 0) panic in
    /// every build, where NumPy's mean is 0.0. 127 rows still work.
    #[test]
    fn an_integer_mean_panics_when_the_row_count_does_not_fit() {
        let zeros = Array2::<i8>::zeros((128, 1));
        let mean = std::panic::catch_unwind(|| zeros.mean_axis(Axis(0)));
        let message = mean.expect_err("128 does not fit an i8");
        // `expect` panics with a formatted message: a String.
        let text = message.downcast_ref::<String>().map(String::as_str);
        let expected = "Converting axis length to `A` must not fail.";
        assert_eq!(text, Some(expected));
        let fewer = Array2::<i8>::zeros((127, 1)).mean_axis(Axis(0));
        assert_eq!(fewer, Some(array![0_i8]));
        let floats = zeros.mapv(f64::from).mean_axis(Axis(0));
        assert_eq!(floats, Some(array![0.0]));
    }
}
