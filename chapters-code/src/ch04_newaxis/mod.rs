//! Chapter 4, "newaxis": adding axes of length 1, and reshaping with an inferred axis.

mod numpy_table;

use std::fmt;

use ndarray::prelude::*;

use crate::ch03_broadcasting::fits_in_an_array;
use crate::chapter::{samples, Chapter, Table};

/// What chapter 4 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch04-newaxis",
    samples: samples![
        row_and_column,
        insert_axis_kinds,
        many_new_axes,
        reshape_with_inferred_axis,
        image_for_a_cnn,
        exercise_channel_axis,
        exercise_infer,
    ],
    figures: &[],
    tables: &[Table::text("numpy-table.md", numpy_table::render)],
};

// ANCHOR: row_and_column
/// `arr[np.newaxis, :]` and `arr[:, np.newaxis]`: a row vector and a column
/// vector.
///
/// # Panics
/// If one of its checks fails.
pub fn row_and_column() {
    let arr = Array::from_iter(0..3); // np.arange(3)
    println!("arr.shape() = {:?}", arr.shape());

    let row_vec = arr.slice(s![NewAxis, ..]); // arr[np.newaxis, :]
    println!("row_vec.shape() = {:?}\n{row_vec}", row_vec.shape());

    let col_vec = arr.slice(s![.., NewAxis]); // arr[:, np.newaxis]
    println!("col_vec.shape() = {:?}\n{col_vec}", col_vec.shape());

    // insert_axis on a view does the same; all of them are views of arr.
    assert_eq!(arr.view().insert_axis(Axis(0)), row_vec);
    assert_eq!(arr.view().insert_axis(Axis(1)), col_vec);
    assert_eq!(col_vec.as_ptr(), arr.as_ptr());
}
// ANCHOR_END: row_and_column

// ANCHOR: insert_axis_kinds
/// `insert_axis` takes the array by value and returns the same kind: a view
/// from a view, an owned array (moved, not copied) from an owned array.
///
/// # Panics
/// If one of its checks fails.
pub fn insert_axis_kinds() {
    let x = Array::from_iter(0..3);
    let column = x.view().insert_axis(Axis(1)); // a view: x stays usable
    let row = x.view().insert_axis(Axis(0));
    let table = &column - &row; // (3, 1) - (1, 3) -> (3, 3)
    println!("{table}");
    let owned: Array2<i32> = x.insert_axis(Axis(1)); // x moves into it
    println!("{:?}", owned.shape());
    assert_eq!(table.column(0), owned.column(0));
}
// ANCHOR_END: insert_axis_kinds

#[cfg(any())] // never compiled here: the book shows it as `compile_fail`
// ANCHOR: insert_axis_moves
fn insert_axis_moves() {
    let x = Array::from_iter(0..3);
    let column = x.insert_axis(Axis(1)); // x moves into `column`
    let row = x.insert_axis(Axis(0)); // error[E0382]: use of moved value
    println!("{}", &column - &row);
}
// ANCHOR_END: insert_axis_moves

// ANCHOR: expand_dims
/// Inserts axes of length 1 at the given positions of the *result*, like
/// `np.expand_dims`, into an array of any number of dimensions. NumPy stops
/// at 64 axes; ndarray's `IxDyn` has no such limit, and neither has this.
///
/// # Errors
/// [`ExpandDimsError::OutOfBounds`] for a position that is no axis of the
/// result (NumPy's `AxisError`), [`ExpandDimsError::Repeated`] for one
/// given twice (NumPy: "repeated axis").
pub fn expand_dims<'a, A, D: Dimension>(
    view: ArrayView<'a, A, D>,
    positions: &[usize],
) -> Result<ArrayViewD<'a, A>, ExpandDimsError> {
    let ndim = view.ndim() + positions.len(); // of the result
    if let Some(&position) = positions.iter().find(|&&p| p >= ndim) {
        return Err(ExpandDimsError::OutOfBounds { position, ndim });
    }
    let mut sorted = positions.to_vec();
    sorted.sort_unstable();
    if let Some(pair) = sorted.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(ExpandDimsError::Repeated { position: pair[0] });
    }
    // In increasing order, each position is an axis of the array so far.
    let insert = |v: ArrayViewD<'a, A>, p: usize| v.insert_axis(Axis(p));
    Ok(sorted.into_iter().fold(view.into_dyn(), insert))
}

// ANCHOR: expand_dims_error_full
/// Why axes cannot be inserted at the positions asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpandDimsError {
    /// A position is not an axis of the result (NumPy's `AxisError`).
    OutOfBounds {
        /// The position asked for.
        position: usize,
        /// The number of axes of the result.
        ndim: usize,
    },
    /// A position was given twice (NumPy: "repeated axis").
    Repeated {
        /// The position given twice.
        position: usize,
    },
}
// ANCHOR_END: expand_dims

impl fmt::Display for ExpandDimsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExpandDimsError::OutOfBounds { position, ndim } => write!(
                f,
                "axis {position} is out of bounds for array of dimension \
                 {ndim}"
            ),
            ExpandDimsError::Repeated { position } => {
                write!(f, "repeated axis {position}")
            }
        }
    }
}

impl std::error::Error for ExpandDimsError {}
// ANCHOR_END: expand_dims_error_full

// ANCHOR: many_new_axes
/// `M[np.newaxis, :, :, np.newaxis, np.newaxis]`, and the `...` form.
///
/// # Panics
/// If one of its checks fails.
pub fn many_new_axes() {
    let m = Array2::<f64>::ones((5, 5));

    // Every axis spelled out, like the NumPy original:
    let a = m.slice(s![NewAxis, .., .., NewAxis, NewAxis]);
    println!("s![NewAxis, .., .., NewAxis, NewAxis] -> {:?}", a.shape());

    // `s![]` has no `...`: for "whatever the dimensions are", insert the
    // axes by position.
    let b = expand_dims(m.view(), &[0, 3, 4]).expect("5 axes");
    println!("expand_dims(m, &[0, 3, 4])           -> {:?}", b.shape());

    assert_eq!(a.shape(), &[1, 5, 5, 1, 1]);
    assert_eq!(a.into_dyn(), b);
}
// ANCHOR_END: many_new_axes

// ANCHOR: reshape_error_full
// ANCHOR: reshape_error
/// Why a requested shape does not fit an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReshapeError {
    /// More than one axis was left to infer (`-1`).
    MoreThanOneUnknown {
        /// The shape as requested.
        requested: Vec<isize>,
    },
    /// A size below -1 was given.
    NegativeSize {
        /// The shape as requested.
        requested: Vec<isize>,
    },
    /// The shape, or the array itself (`len` above `isize::MAX`), has more
    /// elements than an array can hold.
    TooLarge {
        /// The number of elements of the array.
        len: usize,
        /// The shape as requested.
        requested: Vec<isize>,
    },
    /// The sizes do not multiply to the number of elements.
    SizeMismatch {
        /// The number of elements of the array.
        len: usize,
        /// The shape as requested.
        requested: Vec<isize>,
    },
}
// ANCHOR_END: reshape_error

impl fmt::Display for ReshapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MAX_LEN: usize = isize::MAX as usize;
        let show = |r: &[isize]| {
            let parts: Vec<String> = r.iter().map(isize::to_string).collect();
            format!("({})", parts.join(", "))
        };
        match self {
            ReshapeError::MoreThanOneUnknown { requested } => write!(
                f,
                "can only specify one unknown dimension, got {}",
                show(requested)
            ),
            ReshapeError::NegativeSize { requested } => write!(
                f,
                "sizes must be -1 or at least 0, got {}",
                show(requested)
            ),
            // Too many elements for the array itself: no shape can fit.
            ReshapeError::TooLarge { len, .. } if *len > MAX_LEN => {
                write!(f, "no array has {len} elements, more than isize::MAX")
            }
            ReshapeError::TooLarge { requested, .. } => write!(
                f,
                "shape {} has more elements than an array can hold",
                show(requested)
            ),
            ReshapeError::SizeMismatch { len, requested } => write!(
                f,
                "cannot reshape array of size {len} into shape {}",
                show(requested)
            ),
        }
    }
}

impl std::error::Error for ReshapeError {}
// ANCHOR_END: reshape_error_full

// ANCHOR: infer_shape
/// NumPy's `reshape` shape with at most one `-1`: returns the shape with the
/// unknown axis worked out, for an array of `len` elements. NumPy 2.4 also
/// takes other negative sizes as unknown; here they are an error. NumPy
/// also refuses more than 64 axes; ndarray's `IxDyn` has no such limit.
/// The limit here counts elements (no element type is given); NumPy's
/// counts bytes, so it is stricter for wider types: it reshapes `np.zeros(0,
/// np.uint8)` to `(0, 2**60)` but raises "array is too big" for float64.
///
/// # Errors
/// A [`ReshapeError`]: [`MoreThanOneUnknown`](ReshapeError::MoreThanOneUnknown)
/// for two `-1`s, [`NegativeSize`](ReshapeError::NegativeSize) below `-1`,
/// [`TooLarge`](ReshapeError::TooLarge) beyond what an array holds, and
/// [`SizeMismatch`](ReshapeError::SizeMismatch) when the sizes cannot make
/// `len` elements.
pub fn infer_shape(
    len: usize,
    requested: &[isize],
) -> Result<Vec<usize>, ReshapeError> {
    let requested_vec = || requested.to_vec();
    let unknowns = requested.iter().filter(|&&n| n == -1).count();
    if unknowns > 1 {
        let requested = requested_vec();
        return Err(ReshapeError::MoreThanOneUnknown { requested });
    }
    if requested.iter().any(|&n| n < -1) {
        let requested = requested_vec();
        return Err(ReshapeError::NegativeSize { requested });
    }
    let known: Vec<usize> = requested
        .iter()
        .filter_map(|&n| usize::try_from(n).ok()) // all but the -1
        .collect();
    // Checked before multiplying: the product must not overflow, and no
    // array holds more than isize::MAX elements (not even beside a 0).
    if !fits_in_an_array(&known) || !fits_in_an_array(&[len]) {
        let requested = requested_vec();
        return Err(ReshapeError::TooLarge { len, requested });
    }
    let product: usize = known.iter().product();
    let mismatch = || ReshapeError::SizeMismatch {
        len,
        requested: requested_vec(),
    };
    let inferred = match (unknowns, product) {
        (0, k) if k == len => 0,
        (0, _) => return Err(mismatch()),
        (_, 0) => return Err(mismatch()), // -1 next to a 0: NumPy refuses
        (_, k) if len.is_multiple_of(k) => len / k,
        _ => return Err(mismatch()),
    };
    Ok(requested
        .iter()
        .map(|&n| usize::try_from(n).unwrap_or(inferred))
        .collect())
}
// ANCHOR_END: infer_shape

// ANCHOR: reshape_with_inferred_axis
/// `reshape(-1, 1)`, `reshape(1, -1)`, and the tutorial's failing
/// `reshape(1, -1, -1, 1, 1)`.
///
/// # Panics
/// If one of its checks fails.
pub fn reshape_with_inferred_axis() {
    let arr = Array::from_iter(0..3);
    let column_shape = infer_shape(arr.len(), &[-1, 1]).expect("fits");
    let column = arr.to_shape(column_shape).expect("fits");
    let row_shape = infer_shape(arr.len(), &[1, -1]).expect("fits");
    let row = arr.to_shape(row_shape).expect("fits");
    println!("reshape(-1, 1) -> {:?}", column.shape());
    println!("reshape(1, -1) -> {:?}", row.shape());

    let m = Array2::<f64>::ones((5, 5));
    match infer_shape(m.len(), &[1, -1, -1, 1, 1]) {
        Ok(shape) => println!("{shape:?}"),
        Err(e) => println!("M.reshape(1, -1, -1, 1, 1): error:\n  {e}"),
    }
    // The clumsy but working NumPy form, M.reshape(1, *M.shape, 1, 1):
    let shape = [&[1][..], m.shape(), &[1, 1]].concat();
    let reshaped = m.to_shape(shape).expect("same number of elements");
    println!("M.reshape(1, *M.shape, 1, 1) -> {:?}", reshaped.shape());

    assert_eq!(infer_shape(25, &[1, 5, 1, -1]), Ok(vec![1, 5, 1, 5]));
    assert!(infer_shape(25, &[1, -1, -1, 1, 1]).is_err());
}
// ANCHOR_END: reshape_with_inferred_axis

// ANCHOR: image_for_a_cnn
/// A single 28×28 grey image, shaped as PyTorch, burn and candle want a
/// convolution's input: minibatch × channels × height × width.
///
/// # Panics
/// If one of its checks fails.
pub fn image_for_a_cnn() {
    let image = Array2::<f32>::zeros((28, 28));
    let batch = image.view().insert_axis(Axis(0)).insert_axis(Axis(0));
    println!("{:?} -> {:?}", image.shape(), batch.shape());
    assert_eq!(batch.shape(), &[1, 1, 28, 28]);
    assert_eq!(batch.as_ptr(), image.as_ptr()); // the same pixels, no copy
}
// ANCHOR_END: image_for_a_cnn

// ANCHOR: exercise_channel_axis
/// Exercise: give a batch of three 28 × 28 images a channel axis, without
/// copying.
///
/// # Panics
/// If one of its checks fails.
pub fn exercise_channel_axis() {
    let batch = Array3::<f32>::zeros((3, 28, 28));
    let with_channel = batch.view().insert_axis(Axis(1));
    println!("{:?}", with_channel.shape());
    assert_eq!(with_channel.shape(), &[3, 1, 28, 28]);
    assert_eq!(with_channel.as_ptr(), batch.as_ptr());
}
// ANCHOR_END: exercise_channel_axis

// ANCHOR: exercise_infer
/// Exercise: which shapes can 12 elements take?
///
/// # Panics
/// If one of its checks fails.
pub fn exercise_infer() {
    println!("{:?}", infer_shape(12, &[2, -1, 3]));
    println!("{:?}", infer_shape(12, &[5, -1]));
    assert_eq!(infer_shape(12, &[2, -1, 3]), Ok(vec![2, 2, 3]));
    assert!(matches!(
        infer_shape(12, &[5, -1]),
        Err(ReshapeError::SizeMismatch { .. })
    ));
}
// ANCHOR_END: exercise_infer

#[cfg(test)]
mod tests {
    use super::*;

    /// The `np.squeeze` row's note: `index_axis` panics on an empty axis, where NumPy raises
    /// "cannot select an axis to squeeze out which has size not equal to one" (the committed
    /// edge case notes/squeeze/0x3/0, which tests/edge_cases/ndarray_notes.rs checks).
    #[test]
    #[should_panic]
    fn index_axis_panics_on_an_empty_axis() {
        let _ = Array2::<f64>::zeros((0, 3)).index_axis(Axis(0), 0);
    }

    #[test]
    fn infer_shape_follows_numpy() {
        assert_eq!(infer_shape(6, &[2, -1]), Ok(vec![2, 3]));
        assert_eq!(infer_shape(6, &[-1]), Ok(vec![6]));
        assert_eq!(infer_shape(6, &[3, 2]), Ok(vec![3, 2]));
        assert_eq!(infer_shape(0, &[0, 3]), Ok(vec![0, 3]));
        assert_eq!(infer_shape(0, &[-1, 3]), Ok(vec![0, 3]));
        // np.arange(6).reshape(4, -1): "cannot reshape array of size 6 into shape (4,newaxis)"
        assert!(matches!(
            infer_shape(6, &[4, -1]),
            Err(ReshapeError::SizeMismatch { len: 6, .. })
        ));
        assert!(matches!(
            infer_shape(6, &[-1, -1]),
            Err(ReshapeError::MoreThanOneUnknown { .. })
        ));
        assert!(matches!(
            infer_shape(6, &[-2, -3]),
            Err(ReshapeError::NegativeSize { .. })
        ));
        assert!(infer_shape(0, &[0, -1]).is_err());
        assert_eq!(
            infer_shape(25, &[1, -1, -1, 1, 1])
                .expect_err("two unknowns")
                .to_string(),
            "can only specify one unknown dimension, got (1, -1, -1, 1, 1)"
        );
    }

    #[test]
    fn the_overflowing_shape_is_as_the_page_says() {
        // "`(4294967296, 4294967296)` has 2⁶⁴ elements, one more than the
        // largest `usize`, and a plain product of its sizes panics in a debug
        // build and wraps to 0 in a release build."
        let side: usize = 4_294_967_296;
        let exact = u128::from(side as u64) * u128::from(side as u64);
        assert_eq!(exact, 1 << 64);
        assert_eq!(exact, u128::from(usize::MAX as u64) + 1);
        assert_eq!(side.checked_mul(side), None); // what overflow checks panic on
        assert_eq!(side.wrapping_mul(side), 0);
        let said = "`(4294967296, 4294967296)` has 2⁶⁴ elements, one more than \
                    the largest `usize`, and a plain product of its sizes panics \
                    in a debug build and wraps to 0 in a release build";
        crate::chapter::assert_page_says("ch04-newaxis.md", said);
        assert!(infer_shape(0, &[4_294_967_296, 4_294_967_296]).is_err());
    }

    #[test]
    fn infer_shape_refuses_shapes_too_large_for_an_array() {
        // Each of these used to panic in debug builds ("attempt to multiply
        // with overflow") or give a wrong Ok in release builds, e.g.
        // Ok([4294967296, 4294967296]) for 0 elements. NumPy raises.
        let too_large = |len, shape: &[isize]| {
            matches!(
                infer_shape(len, shape),
                Err(ReshapeError::TooLarge { .. })
            )
        };
        assert!(too_large(0, &[1 << 32, 1 << 32]));
        assert!(too_large(0, &[1 << 62, 4]));
        assert!(too_large(0, &[1 << 32, 1 << 32, 0])); // a 0 hides nothing
        assert!(too_large(0, &[0, 1 << 32, 1 << 32]));
        assert!(too_large(0, &[isize::MAX, 2, 0]));
        assert!(too_large(0, &[1 << 33, 1 << 31, -1]));
        assert!(too_large(4, &[1 << 62, 1 << 62, 1 << 62, -1]));
        assert!(too_large(usize::MAX, &[-1]));
        // There the array is too large, not the shape: the message says so.
        for (len, shape) in [(usize::MAX, &[][..]), (1 << 63, &[2, -1])] {
            assert_eq!(
                infer_shape(len, shape).expect_err("too large").to_string(),
                format!("no array has {len} elements, more than isize::MAX")
            );
        }
        // An array of isize::MAX elements exists: there the shape is too large.
        assert_eq!(
            infer_shape(isize::MAX as usize, &[1 << 32, 1 << 32])
                .expect_err("too large")
                .to_string(),
            "shape (4294967296, 4294967296) has more elements than an array \
             can hold"
        );
        // The largest shapes an array can have still work, as in NumPy.
        assert_eq!(
            infer_shape(1 << 62, &[1 << 31, -1]),
            Ok(vec![1 << 31, 1 << 31])
        );
        let max = isize::MAX as usize;
        assert_eq!(infer_shape(max, &[-1, 1]), Ok(vec![max, 1]));
        assert_eq!(infer_shape(0, &[-1, isize::MAX]), Ok(vec![0, max]));
        assert!(infer_shape(0, &[0, -1, isize::MAX]).is_err());
        assert_eq!(
            infer_shape(0, &[1 << 32, 1 << 32])
                .expect_err("too large")
                .to_string(),
            "shape (4294967296, 4294967296) has more elements than an array \
             can hold"
        );
    }

    #[test]
    fn expand_dims_matches_numpy_positions() {
        let m = Array2::<u8>::zeros((2, 3));
        let shape = |p: &[usize]| expand_dims(m.view(), p).map(|v| v.shape().to_vec());
        assert_eq!(shape(&[0]), Ok(vec![1, 2, 3]));
        assert_eq!(shape(&[2]), Ok(vec![2, 3, 1]));
        assert_eq!(shape(&[3, 0]), Ok(vec![1, 2, 3, 1]));
        assert_eq!(shape(&[]), Ok(vec![2, 3]));
        assert_eq!(shape(&[0, 1, 2, 3, 4]), Ok(vec![1, 1, 1, 1, 1, 2, 3]));
        let scalar = ndarray::arr0(1.0);
        assert_eq!(expand_dims(scalar.view(), &[0, 1]).map(|v| v.ndim()), Ok(2));
    }

    #[test]
    fn expand_dims_refuses_repeated_and_out_of_range_positions_like_numpy() {
        // Repeated positions used to give a wrong shape: Ok([1, 1, 2, 3]).
        let m = Array2::<u8>::zeros((2, 3));
        assert_eq!(
            expand_dims(m.view(), &[0, 0]).map(|v| v.ndim()),
            Err(ExpandDimsError::Repeated { position: 0 })
        );
        assert_eq!(
            expand_dims(m.view(), &[1, 1]).map(|v| v.ndim()),
            Err(ExpandDimsError::Repeated { position: 1 })
        );
        // Out of range used to panic inside ndarray's insert_axis.
        let e = expand_dims(m.view(), &[3]).expect_err("3 axes");
        assert_eq!(e, ExpandDimsError::OutOfBounds { position: 3, ndim: 3 });
        assert_eq!(
            e.to_string(),
            "axis 3 is out of bounds for array of dimension 3"
        );
        let v = Array1::<u8>::zeros(5);
        let e = expand_dims(v.view(), &[0, 4]).expect_err("3 axes");
        assert_eq!(e, ExpandDimsError::OutOfBounds { position: 4, ndim: 3 });
        // NumPy checks the bounds first, then repetition.
        let e = expand_dims(m.view(), &[7, 7]).expect_err("both");
        assert_eq!(e, ExpandDimsError::OutOfBounds { position: 7, ndim: 4 });
        assert_eq!(
            ExpandDimsError::Repeated { position: 1 }.to_string(),
            "repeated axis 1"
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Requested shapes: mostly small sizes, some -1s, now and then a -2 or a 0.
        fn requested() -> impl Strategy<Value = Vec<isize>> {
            let size = prop_oneof![4 => 1isize..5, 2 => Just(-1), 1 => Just(0), 1 => Just(-2)];
            prop::collection::vec(size, 0..5)
        }

        /// A shape whose product is its array's length, and one of its axes to leave
        /// unknown (any index: it is taken modulo the number of axes).
        fn shape_and_axis() -> impl Strategy<Value = (Vec<usize>, usize)> {
            (prop::collection::vec(0usize..5, 1..5), any::<usize>())
        }

        /// Sizes at the limits of an array's element count: products of them
        /// overflow `usize` or pass `isize::MAX`, beside -1s, 0s and small sizes.
        fn size_at_the_limits() -> impl Strategy<Value = isize> {
            prop_oneof![
                Just(-1),
                Just(0),
                1isize..4,
                prop::sample::select(vec![1 << 31, 1 << 32, 3 << 30, 1 << 62, isize::MAX]),
                1isize..=isize::MAX,
            ]
        }

        /// Lengths at the same limits, `isize::MAX + 1` and `usize::MAX` included.
        fn len_at_the_limits() -> impl Strategy<Value = usize> {
            const MAX: usize = isize::MAX as usize;
            prop_oneof![
                prop::sample::select(vec![0, 1, 6, 1 << 32, 1 << 62, 3 << 61, MAX, MAX + 1, usize::MAX]),
                any::<usize>(),
            ]
        }

        proptest! {
            #[test]
            fn infer_shape_fills_in_only_the_unknown_axis(
                len in 0usize..70, requested in requested(),
            ) {
                let unknowns = requested.iter().filter(|&&n| n == -1).count();
                let known: usize = requested.iter().filter(|&&n| n >= 0).map(|&n| n as usize).product();
                match infer_shape(len, &requested) {
                    Ok(shape) => {
                        prop_assert_eq!(shape.iter().product::<usize>(), len);
                        prop_assert_eq!(shape.len(), requested.len());
                        prop_assert!(unknowns <= 1);
                        for (&got, &asked) in shape.iter().zip(&requested) {
                            if asked != -1 {
                                prop_assert_eq!(got as isize, asked);
                            }
                        }
                    }
                    Err(ReshapeError::MoreThanOneUnknown { .. }) => prop_assert!(unknowns > 1),
                    Err(ReshapeError::NegativeSize { .. }) => {
                        prop_assert!(unknowns <= 1 && requested.iter().any(|&n| n < -1));
                    }
                    Err(ReshapeError::TooLarge { .. }) => {
                        prop_assert!(false, "small shapes fit: {:?}", requested);
                    }
                    Err(ReshapeError::SizeMismatch { .. }) if unknowns == 0 => {
                        prop_assert_ne!(known, len);
                    }
                    Err(ReshapeError::SizeMismatch { .. }) => {
                        // No size in place of the -1 makes the shape fit, except beside a
                        // 0 in an empty array, where any would and NumPy refuses all the
                        // same.
                        if known != 0 || len != 0 {
                            prop_assert!((0..=len).all(|v| known * v != len));
                        }
                    }
                }
            }

            /// At the size limits, against the rules worked out in `u128`, where
            /// no product of two sizes overflows: the properties above draw
            /// sizes below 5, so `TooLarge` and the overflow checks never ran.
            #[test]
            fn infer_shape_at_the_size_limits(
                len in len_at_the_limits(),
                requested in prop::collection::vec(size_at_the_limits(), 0..5),
            ) {
                const MAX: u128 = isize::MAX as u128;
                let unknowns = requested.iter().filter(|&&n| n == -1).count();
                // The product of the known sizes other than 0, saturating above
                // isize::MAX (every size is at most isize::MAX, so no u128 overflow).
                let nonzero = requested.iter().filter(|&&n| n > 0).fold(1u128, |p, &n| {
                    (p * n as u128).min(MAX + 1)
                });
                let has_zero = requested.contains(&0);
                let known = if has_zero { 0 } else { nonzero };
                let len128 = len as u128;
                match infer_shape(len, &requested) {
                    Ok(shape) => {
                        prop_assert!(unknowns <= 1 && nonzero <= MAX && len128 <= MAX);
                        let product = shape.iter().try_fold(1u128, |p, &n| Some(p * n as u128).filter(|&p| p <= MAX + 1));
                        prop_assert_eq!(product, Some(len128));
                        for (&got, &asked) in shape.iter().zip(&requested) {
                            if asked != -1 {
                                prop_assert_eq!(got as isize, asked);
                            }
                        }
                    }
                    Err(ReshapeError::MoreThanOneUnknown { .. }) => prop_assert!(unknowns > 1),
                    Err(ReshapeError::NegativeSize { .. }) => prop_assert!(false, "no size below -1 drawn"),
                    Err(ReshapeError::TooLarge { len: said, requested: asked }) => {
                        prop_assert_eq!(said, len);
                        prop_assert_eq!(&asked, &requested);
                        prop_assert!(unknowns <= 1);
                        prop_assert!(nonzero > MAX || len128 > MAX, "{:?} fits", requested);
                    }
                    Err(ReshapeError::SizeMismatch { .. }) => {
                        prop_assert!(unknowns <= 1 && nonzero <= MAX && len128 <= MAX);
                        if unknowns == 0 {
                            prop_assert_ne!(known, len128);
                        } else {
                            // No size in place of the -1 gives `len`; beside a 0, NumPy
                            // refuses whatever the length.
                            prop_assert!(known == 0 || !len128.is_multiple_of(known));
                        }
                    }
                }
            }

            #[test]
            fn infer_shape_finds_the_axis_that_was_left_out(
                (shape, axis) in shape_and_axis(),
            ) {
                let len: usize = shape.iter().product();
                let axis = axis % shape.len();
                let mut requested: Vec<isize> = shape.iter().map(|&n| n as isize).collect();
                requested[axis] = -1;
                let others_hold_a_zero =
                    shape.iter().enumerate().any(|(i, &n)| i != axis && n == 0);
                if others_hold_a_zero {
                    // The -1 beside a 0: NumPy refuses, whatever the length.
                    let refused = matches!(infer_shape(len, &requested), Err(ReshapeError::SizeMismatch { .. }));
                    prop_assert!(refused);
                } else {
                    prop_assert_eq!(infer_shape(len, &requested), Ok(shape));
                }
            }

            #[test]
            fn expand_dims_inserts_ones_exactly_where_asked(
                shape in prop::collection::vec(0usize..4, 0..4),
                positions in prop::collection::vec(0usize..8, 0..4),
            ) {
                let input = ArrayD::<u8>::zeros(IxDyn(&shape));
                let ndim = shape.len() + positions.len();
                let distinct: std::collections::BTreeSet<usize> = positions.iter().copied().collect();
                match expand_dims(input.view(), &positions) {
                    Ok(view) => {
                        prop_assert_eq!(view.ndim(), ndim);
                        prop_assert_eq!(distinct.len(), positions.len());
                        for &p in &positions {
                            prop_assert_eq!(view.shape()[p], 1);
                        }
                        let without: Vec<usize> = view
                            .shape()
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| !distinct.contains(i))
                            .map(|(_, &n)| n)
                            .collect();
                        prop_assert_eq!(without, shape);
                    }
                    Err(ExpandDimsError::OutOfBounds { position, ndim: said }) => {
                        prop_assert_eq!(said, ndim);
                        prop_assert!(position >= ndim);
                        // The first one out of bounds, in the order given.
                        prop_assert_eq!(positions.iter().find(|&&p| p >= ndim), Some(&position));
                    }
                    Err(ExpandDimsError::Repeated { position }) => {
                        prop_assert!(positions.iter().all(|&p| p < ndim));
                        prop_assert!(positions.iter().filter(|&&p| p == position).count() > 1);
                    }
                }
            }
        }
    }
}
