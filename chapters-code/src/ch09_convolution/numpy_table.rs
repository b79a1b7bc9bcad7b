//! Chapter 9's `NumPy → ndarray` table. Each function runs the ndarray side
//! of one row and checks it; the table in the book is generated from the very
//! code below.

use ndarray::prelude::*;
use ndarray_conv::{ConvExt, ConvFFTExt, ConvMode, PaddingMode, ReverseKernel};

use super::{convolve2d, correlate2d, Mode};
use crate::chapter::{numpy_row, numpy_rows, numpy_table, RowResult};
use crate::error::Result;

/// The table's markdown, built by running every row.
pub fn render() -> Result<String> {
    numpy_table(numpy_rows![
        convolve_valid,
        correlate_same,
        conv_same,
        conv_correlate_full,
        conv_fft,
        windows,
        flip,
        flip_bounded,
    ])
}

/// A 4×5 input and an asymmetric 3×2 kernel, as in Listing 9-5.
fn operands() -> (Array2<i64>, Array2<i64>) {
    let a = Array::from_iter(1..21)
        .into_shape_with_order((4, 5))
        .expect("20 = 4×5");
    (a, array![[1, 2], [3, 4], [5, 6]])
}

fn convolve_valid() -> RowResult {
    let (a, k) = operands();
    let v = numpy_row!(
        "`signal.convolve2d(a, k, mode='valid')`",
        convolve2d(a.view(), k.view(), Mode::Valid)?,
        "this book's; an error where SciPy raises, and for an empty operand, which SciPy does not reject"
    );
    assert_eq!(v, array![[95, 116, 137, 158], [200, 221, 242, 263]]);
    let empty = Array2::<i64>::zeros((0, 0));
    assert!(matches!(
        convolve2d(empty.view(), k.view(), Mode::Valid),
        Err(super::ConvError::Empty { .. })
    ));
    Ok(())
}

fn correlate_same() -> RowResult {
    let (a, k) = (array![[9, -7]], array![[2, 7]]);
    let c = numpy_row!(
        "`signal.correlate2d(a, k, mode='same')`",
        correlate2d(a.view(), k.view(), Mode::Same)?,
        "this book's; SciPy's window"
    );
    assert_eq!(c, array![[-31, -14]]);
    Ok(())
}

fn conv_same() -> RowResult {
    let (a, k) = operands();
    let s = numpy_row!(
        "`signal.convolve2d(a, k, mode='same')`",
        a.conv(&k, ConvMode::Same, PaddingMode::Zeros)?,
        "`ndarray-conv`; an error for an empty operand, as with `convolve2d`; \
         integer overflow panics in a debug build (SciPy wraps); a weight of 0 \
         is skipped: NaN or inf under it adds nothing (SciPy: NaN)"
    );
    assert_eq!(s, convolve2d(a.view(), k.view(), Mode::Same)?);
    let empty = Array2::<i64>::zeros((0, 3));
    assert!(empty.conv(&k, ConvMode::Same, PaddingMode::Zeros).is_err());
    // The Life kernel's 0 meets the infinite cell: convolve2d, like SciPy,
    // multiplies it (0 × inf is NaN); ndarray-conv leaves it out.
    let life = array![[1.0, 1.0, 1.0], [1.0, 0.0, 1.0], [1.0, 1.0, 1.0]];
    let mut board = Array2::<f64>::zeros((3, 3));
    board[[1, 1]] = f64::INFINITY;
    let skipped = board.conv(&life, ConvMode::Same, PaddingMode::Zeros)?;
    let scipy = convolve2d(board.view(), life.view(), Mode::Same)?;
    assert!(scipy[[1, 1]].is_nan() && skipped[[1, 1]] == 0.0);
    assert_eq!(skipped[[0, 0]], f64::INFINITY); // a neighbour: both agree
    Ok(())
}

fn conv_correlate_full() -> RowResult {
    let (a, k) = operands();
    let c = numpy_row!(
        "`signal.correlate2d(a, k, mode='full')`",
        a.conv(k.no_reverse(), ConvMode::Full, PaddingMode::Zeros)?,
        "`ndarray-conv`; in `Same` mode, for a kernel with a side of even length, \
         its window differs from `correlate2d`'s; an error for an empty operand"
    );
    assert_eq!(c, correlate2d(a.view(), k.view(), Mode::Full)?);
    // Same mode: the 3×2 kernel's even side moves the window; an asymmetric
    // kernel of odd sides gives correlate2d's window.
    let same = |k: &Array2<i64>| a.conv(k.no_reverse(), ConvMode::Same, PaddingMode::Zeros);
    assert_ne!(same(&k)?, correlate2d(a.view(), k.view(), Mode::Same)?);
    let odd = array![[1, 2, 0], [3, 4, 5], [0, 6, 7]];
    assert_eq!(same(&odd)?, correlate2d(a.view(), odd.view(), Mode::Same)?);
    let empty = Array2::<i64>::zeros((0, 3));
    assert!(empty.conv(k.no_reverse(), ConvMode::Full, PaddingMode::Zeros).is_err());
    Ok(())
}

fn conv_fft() -> RowResult {
    let (a, k) = operands();
    let (a, k) = (a.mapv(|v| v as f64), k.mapv(|v| v as f64));
    let f = numpy_row!(
        "`signal.fftconvolve(a, k)`",
        a.conv_fft(&k, ConvMode::Full, PaddingMode::Zeros)?,
        "`ndarray-conv`, floats; an error for an empty operand (SciPy: an empty \
         array)"
    );
    let exact = convolve2d(a.view(), k.view(), Mode::Full)?;
    assert!(f.iter().zip(&exact).all(|(x, y)| (x - y).abs() < 1e-9));
    let empty = Array2::<f64>::zeros((0, 3));
    assert!(empty.conv_fft(&k, ConvMode::Full, PaddingMode::Zeros).is_err());
    Ok(())
}

fn windows() -> RowResult {
    let (a, _) = operands();
    let w = numpy_row!(
        "`sliding_window_view(a, (3, 3))`",
        a.windows((3, 3)),
        "2-D views, not one 4-D array; a window larger than `a` gives no windows (NumPy raises); \
         a window with a side of 0 panics (NumPy: empty windows)"
    );
    assert_eq!(w.into_iter().count(), 2 * 3);
    // NumPy: "window shape cannot be larger than input array shape".
    assert_eq!(a.windows((a.nrows() + 1, 1)).into_iter().count(), 0);
    Ok(())
}

fn flip() -> RowResult {
    let (_, k) = operands();
    let f = numpy_row!("`k[::-1, ::-1]`", k.slice(s![..;-1, ..;-1]), "a view");
    assert_eq!(f[[0, 0]], 6);
    Ok(())
}

fn flip_bounded() -> RowResult {
    let x = array![0, 1, 2, 3, 4];
    let r = numpy_row!(
        "`x[3:0:-1]`",
        x.slice(s![1..4;-1]),
        "ndarray takes the range `1..4`, then reverses it; NumPy's `x[1:4:-1]` is \
         empty; panics if `x` has fewer than 4 elements (NumPy clips)"
    );
    assert_eq!(r, array![3, 2, 1]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use ndarray::prelude::*;

    /// The `sliding_window_view` row's note: NumPy's
    /// `sliding_window_view(np.ones((4, 5)), (0, 3))` has shape (5, 3, 0, 3),
    /// fifteen empty windows; ndarray panics.
    #[test]
    #[should_panic] // ndarray's message differs between debug and release builds
    fn a_window_with_a_side_of_zero_panics() {
        let a = Array2::<f64>::ones((4, 5));
        let _ = a.windows((0, 3));
    }

    /// The `x[3:0:-1]` row's note: of two elements NumPy's `x[3:0:-1]` is
    /// `[x[1]]`; ndarray panics.
    #[test]
    #[should_panic] // ndarray's message differs between debug and release builds
    fn a_bounded_reversed_slice_of_a_short_array_panics() {
        let x = array![0, 1];
        let _ = x.slice(s![1..4;-1]);
    }
}
