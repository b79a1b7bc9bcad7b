//! Chapter 2's `NumPy → ndarray` table. Each function runs the ndarray side of one row and
//! checks what its notes say; the table in the book is generated from the very code below.

use ndarray::prelude::*;
use ndarray::Zip;

use crate::chapter::{numpy_row, numpy_rows, numpy_table, RowResult};
use crate::error::Result;

/// The table's markdown, built by running every row.
pub fn render() -> Result<String> {
    numpy_table(numpy_rows![
        reciprocals,
        reciprocals_into_a_buffer,
        from_a_list,
        from_a_range,
        float_range,
        sum_of_rows,
        square_roots,
        square_a_temporary,
        on_every_core,
    ])
}

fn reciprocals() -> RowResult {
    let a = array![1_i64, 2, 4];
    let r = numpy_row!(
        "`1 / a`",
        a.mapv(|x| 1.0 / x as f64),
        "the integer-to-float conversion is explicit"
    );
    assert_eq!(r, array![1.0, 0.5, 0.25]);
    Ok(())
}

fn reciprocals_into_a_buffer() -> RowResult {
    let a = array![1_i64, 2, 4];
    let mut b = Array1::<f64>::zeros(3);
    let buffer = b.as_ptr();
    numpy_row!(
        "`np.divide(1, a, out=b)`",
        Zip::from(&mut b).and(&a).for_each(|o, &x| *o = 1.0 / x as f64),
        "reuse a buffer: no allocation"
    );
    assert_eq!(b, array![1.0, 0.5, 0.25]);
    assert_eq!(b.as_ptr(), buffer); // written where it was
    Ok(())
}

fn from_a_list() -> RowResult {
    let vec = vec![3_i64, 1, 2];
    let data = vec.as_ptr();
    let a = numpy_row!(
        "`np.array(list)`",
        Array1::from_vec(vec),
        "a move, not a copy"
    );
    assert_eq!(a.as_ptr(), data); // the vector's own buffer
    Ok(())
}

fn from_a_range() -> RowResult {
    let n = 5_i64;
    let a = numpy_row!(
        "`np.array(range(n))`, `np.arange(n)`",
        Array::from_iter(0..n),
        "no list in between"
    );
    assert_eq!(a, array![0, 1, 2, 3, 4]);
    Ok(())
}

fn float_range() -> RowResult {
    let n = 4_i64;
    let a = numpy_row!(
        "`np.arange(0., n, 1.)`",
        Array::range(0., n as f64, 1.),
        "the end is excluded, as in NumPy; panics for `n < 0` (NumPy: `[]`)"
    );
    assert_eq!(a, array![0., 1., 2., 3.]);
    assert_eq!(Array::range(0., 0., 1.), Array1::<f64>::zeros(0)); // n = 0: []
    Ok(())
}

fn sum_of_rows() -> RowResult {
    let x = array![[1., 2.], [3., 4.]];
    let s = numpy_row!(
        "`np.sum(x, axis=1)`",
        x.sum_axis(Axis(1)),
        "keeps the element type: widen integers narrower than 64 bits first \
         (NumPy sums `int8` to `int32` as `int64`, `uint8` to `uint32` as \
         `uint64`); a 64-bit sum that overflows wraps in NumPy and in a \
         release build, and panics in a debug build (chapter 3)"
    );
    assert_eq!(s, array![3., 7.]);
    let bytes = array![[200_u8, 100]];
    assert_eq!(bytes.mapv(u64::from).sum_axis(Axis(1)), array![300_u64]);
    let ints = array![[i32::MAX, 1]];
    assert_eq!(ints.mapv(i64::from).sum_axis(Axis(1)), array![1_i64 << 31]);
    Ok(())
}

fn square_roots() -> RowResult {
    let x = array![4., 9.];
    let (a, b) =
        numpy_row!("`x ** 0.5`", x.sqrt(), or x.mapv(f64::sqrt), "a new array");
    assert_eq!(a, array![2., 3.]);
    assert_eq!(a, b);
    Ok(())
}

fn square_a_temporary() -> RowResult {
    let t = array![1., -2., 3.] - 1.0; // a temporary, as in `(x - p) ** 2`
    let buffer = t.as_ptr();
    let s = numpy_row!(
        "`t ** 2` on a temporary",
        t.mapv_into(|d| d * d),
        "in place, like NumPy's elision"
    );
    assert_eq!(s, array![0., 9., 4.]);
    assert_eq!(s.as_ptr(), buffer); // no new array
    Ok(())
}

fn on_every_core() -> RowResult {
    let a = array![1_i64, 2, 4];
    let r = numpy_row!(
        "(no multi-threaded ufuncs)",
        Zip::from(&a).par_map_collect(|&x| 1.0 / x as f64),
        "ndarray's `rayon` feature"
    );
    assert_eq!(r, array![1.0, 0.5, 0.25]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use ndarray::prelude::*;

    /// The `np.sum(x, axis=1)` row's note: NumPy wraps an `int64` sum that
    /// passes `i64::MAX` (`np.sum(np.array([[2**63 - 1, 1]]), axis=1)` is
    /// `[-9223372036854775808]`); ndarray's `sum_axis` panics where overflow
    /// is checked (debug builds) and wraps where it is not (release builds).
    #[test]
    fn a_64_bit_sum_that_overflows_panics_in_debug_and_wraps_in_release() {
        let x = array![[i64::MAX, 1]];
        let sum = std::panic::catch_unwind(|| x.sum_axis(Axis(1)));
        if cfg!(debug_assertions) {
            assert!(sum.is_err(), "{sum:?}");
        } else {
            assert_eq!(sum.ok(), Some(array![i64::MIN]));
        }
    }

    /// The `np.arange(0., n, 1.)` row's note: for `n < 0` NumPy returns `[]`;
    /// ndarray panics.
    #[test]
    #[should_panic(expected = "Converting the length to `usize` must not fail")]
    fn a_range_that_ends_below_its_start_panics() {
        let n = -1_i64;
        let _ = Array::range(0., n as f64, 1.);
    }
}
