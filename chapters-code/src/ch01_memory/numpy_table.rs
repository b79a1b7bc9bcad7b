//! Chapter 1's `NumPy → ndarray` table. Each function runs the ndarray side
//! of one row and checks it; the table in the book is generated from the
//! very code below.

use ndarray::prelude::*;
use ndarray::ShapeError;

use super::{fixed_width, tutorial_mixed_list, PyValue};
use crate::chapter::{numpy_row, numpy_rows, numpy_table, RowResult};
use crate::error::Result;

/// The table's markdown, built by running every row.
pub fn render() -> Result<String> {
    numpy_table(numpy_rows![
        from_range,
        arange,
        nbytes,
        itemsize,
        strides,
        contiguous,
        transpose,
        slice_step,
        reverse,
        write_through,
        reshape,
        astype,
        sqrt,
        new_axis,
        object_dtype,
        fixed_width_text,
        string_dtype,
    ])
}

/// The 3×4 array `np.arange(12).reshape(3, 4)` the rows work on.
fn twelve() -> std::result::Result<Array2<i64>, ShapeError> {
    Array::from_iter(0..12).into_shape_with_order((3, 4))
}

fn from_range() -> RowResult {
    let n = 1_000_i64;
    let a = numpy_row!(
        "`np.array(range(n))`",
        Array::from_iter(0..n),
        "one allocation: the length is known; `int64` for `n: i64`"
    );
    assert_eq!(a.len(), 1_000);
    assert_eq!(a[999] - 1_000, -1_i64); // signed, as in NumPy
    Ok(())
}

fn arange() -> RowResult {
    let n = 5_i64;
    let (ints, floats) = numpy_row!(
        "`np.arange(n)`",
        Array::from_iter(0..n),
        or Array::range(0., n as f64, 1.),
        "`range` makes floats, and panics for `n < 0` (NumPy: `[]`)"
    );
    assert_eq!(ints.mapv(|x| x as f64), floats);
    Ok(())
}

fn nbytes() -> RowResult {
    let a = Array2::<f32>::zeros((1000, 1000));
    let bytes = numpy_row!(
        "`a.nbytes`",
        a.len() * size_of::<f32>(),
        "ndarray has no `nbytes`: name the element type (`a` holds `f32` here)"
    );
    assert_eq!(bytes, 4_000_000);
    Ok(())
}

fn itemsize() -> RowResult {
    let size = numpy_row!(
        "`a.itemsize`",
        size_of::<f32>(),
        "a constant of the element type (`f32` here)"
    );
    assert_eq!(size, 4);
    Ok(())
}

fn strides() -> RowResult {
    let a = twelve()?;
    let strides = numpy_row!(
        "`a.strides`",
        a.strides(),
        "in elements, NumPy's in bytes"
    );
    assert_eq!(strides, &[4, 1]);
    Ok(())
}

fn contiguous() -> RowResult {
    let a = twelve()?;
    let c = numpy_row!(
        "`a.flags.c_contiguous`",
        a.is_standard_layout(),
        "row-major, no gaps"
    );
    assert!(c);
    assert!(!a.t().is_standard_layout());
    Ok(())
}

fn transpose() -> RowResult {
    let a = twelve()?;
    let t = numpy_row!("`a.T`", a.t(), "a view");
    assert_eq!((t.shape(), t.strides()), (&[4, 3][..], &[1, 4][..]));
    Ok(())
}

fn slice_step() -> RowResult {
    let a = twelve()?;
    let v = numpy_row!(
        "`a[1:3, ::2]`",
        a.slice(s![1..3, ..;2]),
        "a view; a bound outside the axis panics, at either end (NumPy clips it)"
    );
    assert_eq!(v, array![[4, 6], [8, 10]]);
    Ok(())
}

fn reverse() -> RowResult {
    let a = Array::from_iter(0..4);
    let v = numpy_row!(
        "`a[::-1]`",
        a.slice(s![..;-1]),
        "a view, negative stride; for a 1-D `a` (2-D: `s![..;-1, ..]`)"
    );
    assert_eq!(v, array![3, 2, 1, 0]);
    let m = twelve()?; // 2-D: one slice per axis
    assert_eq!(m.slice(s![..;-1, ..]).row(0), m.row(2));
    Ok(())
}

fn write_through() -> RowResult {
    let mut a = twelve()?;
    numpy_row!(
        "`a[1:] = 0`",
        a.slice_mut(s![1.., ..]).fill(0),
        "writes into `a` (2-D; one `..` per axis)"
    );
    assert_eq!(a.sum(), 6);
    Ok(())
}

fn reshape() -> RowResult {
    let a = twelve()?;
    let flat = numpy_row!(
        "`a.reshape(12)`",
        a.to_shape(12)?,
        "a view if it can (`CowArray`)"
    );
    assert!(flat.is_view());
    assert!(!a.t().to_shape((12, ndarray::Order::RowMajor))?.is_view());
    Ok(())
}

fn astype() -> RowResult {
    let a = array![1, 2, 3];
    let f = numpy_row!(
        "`a.astype(float)`",
        a.mapv(|x| x as f64),
        "no implicit promotion; for a boolean mask (`as` does not turn `bool` \
         into a float): `mask.mapv(f64::from)`"
    );
    assert_eq!(f, array![1.0, 2.0, 3.0]);
    let mask = array![true, false];
    assert_eq!(mask.mapv(f64::from), array![1.0, 0.0]);
    Ok(())
}

fn sqrt() -> RowResult {
    let a = array![1.0, 4.0, 9.0];
    let (r, m) = numpy_row!(
        "`np.sqrt(a)`",
        a.sqrt(),
        or a.mapv(f64::sqrt),
        "a new array; floats only (NumPy also takes integers: `int64` gives \
         `float64`, `int8` only `float16`): convert first with `mapv`"
    );
    assert_eq!(r, m);
    assert_eq!(r, array![1.0, 2.0, 3.0]);
    Ok(())
}

fn new_axis() -> RowResult {
    let x = array![1.0, 2.0, 3.0];
    let c = numpy_row!(
        "`x[:, np.newaxis]`",
        x.view().insert_axis(Axis(1)),
        "`x.insert_axis(..)` moves `x`"
    );
    assert_eq!(c.shape(), &[3, 1]);
    assert_eq!(x.len(), 3); // x is still here
    Ok(())
}

fn object_dtype() -> RowResult {
    let values: Vec<PyValue> = tutorial_mixed_list();
    let a = numpy_row!(
        "`dtype=object`",
        Array1::<PyValue>::from_vec(values),
        "this book's `PyValue` enum: no arithmetic"
    );
    assert_eq!(a.len(), 9);
    Ok(())
}

fn fixed_width_text() -> RowResult {
    let n = 1_000;
    let a = numpy_row!(
        "`<U6` strings",
        (0..n).map(fixed_width::<6>).collect::<Array1<[u8; 6]>>(),
        "this book's `fixed_width`; ASCII; `[char; 6]` is `<U6`"
    );
    assert_eq!(&a[123], b"123\0\0\0");
    Ok(())
}

fn string_dtype() -> RowResult {
    let n = 1_000;
    let v = numpy_row!(
        "`StringDType()`",
        (0..n).map(|i| i.to_string()).collect::<Vec<String>>(),
        "a `String` per element, each its own heap block (StringDType keeps strings of up to 15 bytes inside its 16-byte element, with no allocation)"
    );
    assert_eq!(v[42], "42");
    Ok(())
}

#[cfg(test)]
mod tests {
    use ndarray::prelude::*;

    /// The `a[1:3, ::2]` row's note: NumPy's `a[1:100]` clips to the rows there
    /// are; ndarray panics.
    #[test]
    #[should_panic] // ndarray's message differs between debug and release builds
    fn a_slice_bound_past_the_end_panics() {
        let a = Array2::<i64>::zeros((3, 4));
        let _ = a.slice(s![1..100, ..]);
    }

    /// The same row, and chapter 1's "A bound outside the axis panics, at
    /// either end": a negative bound before the start (NumPy's `a[:-100]` is
    /// empty, `a[-100:]` all ten) panics too, as an end or as a start.
    #[test]
    #[should_panic] // ndarray's message differs between debug and release builds
    fn a_slice_end_before_the_start_panics() {
        let a = Array1::<i64>::zeros(10);
        let _ = a.slice(s![..-100]);
    }

    #[test]
    #[should_panic] // ndarray's message differs between debug and release builds
    fn a_slice_start_before_the_start_panics() {
        let a = Array1::<i64>::zeros(10);
        let _ = a.slice(s![-100..]);
    }

    /// Chapter 1: `s![1..-1]` panics on an axis of no elements, where NumPy's
    /// `a[1:-1]` is empty.
    #[test]
    #[should_panic] // ndarray's message differs between debug and release builds
    #[allow(clippy::reversed_empty_ranges)]
    fn an_inner_slice_of_an_empty_axis_panics() {
        let a = Array1::<i64>::zeros(0);
        let _ = a.slice(s![1..-1]);
    }
}
