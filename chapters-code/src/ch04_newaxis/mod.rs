//! Chapter 4, "newaxis": adding axes of length 1, and reshaping with an inferred axis.

mod numpy_table;

use std::fmt;

use ndarray::prelude::*;

use crate::ch03_broadcasting::numpy_shape;
use crate::chapter::{samples, Chapter, Table};

/// What chapter 4 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch04-newaxis",
    samples: samples![
        row_and_column,
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
/// `arr[np.newaxis, :]` and `arr[:, np.newaxis]`: a row vector and a column vector.
pub fn row_and_column() {
    let arr = Array::from_iter(0..3); // np.arange(3)
    println!("arr.shape = {}", numpy_shape(arr.shape()));

    let row_vec = arr.slice(s![NewAxis, ..]); // arr[np.newaxis, :]
    println!(
        "row_vec.shape = {}\n{row_vec}",
        numpy_shape(row_vec.shape())
    );

    let col_vec = arr.slice(s![.., NewAxis]); // arr[:, np.newaxis]
    println!(
        "col_vec.shape = {}\n{col_vec}",
        numpy_shape(col_vec.shape())
    );

    // insert_axis does the same without a slice; both are views of arr's data.
    assert_eq!(arr.view().insert_axis(Axis(0)), row_vec);
    assert_eq!(arr.view().insert_axis(Axis(1)), col_vec);
    assert_eq!(col_vec.as_ptr(), arr.as_ptr());
}
// ANCHOR_END: row_and_column

// ANCHOR: expand_dims
/// Inserts axes of length 1 at the given positions of the *result* (like `np.expand_dims`),
/// for arrays of any number of dimensions. Positions are applied in increasing order.
///
/// # Panics
/// If a position is larger than the number of axes of the result minus one.
pub fn expand_dims<'a, A, D: Dimension>(
    view: ArrayView<'a, A, D>,
    positions: &[usize],
) -> ArrayViewD<'a, A> {
    let mut sorted = positions.to_vec();
    sorted.sort_unstable();
    sorted
        .into_iter()
        .fold(view.into_dyn(), |v, position| v.insert_axis(Axis(position)))
}
// ANCHOR_END: expand_dims

// ANCHOR: many_new_axes
/// `M[np.newaxis, :, :, np.newaxis, np.newaxis]`, and the `...` form.
pub fn many_new_axes() {
    let m = Array2::<f64>::ones((5, 5));

    // Every axis spelled out, like the NumPy original:
    let a = m.slice(s![NewAxis, .., .., NewAxis, NewAxis]);
    println!(
        "s![NewAxis, .., .., NewAxis, NewAxis] -> {}",
        numpy_shape(a.shape())
    );

    // `s![]` has no `...`: for "whatever the dimensions are", insert the axes by position.
    let b = expand_dims(m.view(), &[0, 3, 4]);
    println!(
        "expand_dims(m, &[0, 3, 4])           -> {}",
        numpy_shape(b.shape())
    );

    assert_eq!(a.shape(), &[1, 5, 5, 1, 1]);
    assert_eq!(a.into_dyn(), b);
}
// ANCHOR_END: many_new_axes

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
    /// The sizes do not multiply to the number of elements.
    SizeMismatch {
        /// The number of elements of the array.
        len: usize,
        /// The shape as requested.
        requested: Vec<isize>,
    },
}

impl fmt::Display for ReshapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |r: &[isize]| {
            let parts: Vec<String> = r.iter().map(isize::to_string).collect();
            format!("({})", parts.join(", "))
        };
        match self {
            ReshapeError::MoreThanOneUnknown { requested } => {
                write!(
                    f,
                    "can only specify one unknown dimension, got {}",
                    show(requested)
                )
            }
            ReshapeError::NegativeSize { requested } => {
                write!(f, "sizes must be -1 or at least 0, got {}", show(requested))
            }
            ReshapeError::SizeMismatch { len, requested } => {
                write!(
                    f,
                    "cannot reshape array of size {len} into shape {}",
                    show(requested)
                )
            }
        }
    }
}

impl std::error::Error for ReshapeError {}
// ANCHOR_END: reshape_error

// ANCHOR: infer_shape
/// NumPy's `reshape` shape with at most one `-1`: returns the shape with the unknown axis
/// worked out, for an array of `len` elements.
pub fn infer_shape(len: usize, requested: &[isize]) -> Result<Vec<usize>, ReshapeError> {
    let unknowns = requested.iter().filter(|&&n| n == -1).count();
    if unknowns > 1 {
        return Err(ReshapeError::MoreThanOneUnknown {
            requested: requested.to_vec(),
        });
    }
    if requested.iter().any(|&n| n < -1) {
        return Err(ReshapeError::NegativeSize {
            requested: requested.to_vec(),
        });
    }
    let known: usize = requested
        .iter()
        .filter(|&&n| n >= 0)
        .map(|&n| n as usize)
        .product();
    let mismatch = || ReshapeError::SizeMismatch {
        len,
        requested: requested.to_vec(),
    };
    let inferred = match (unknowns, known) {
        (0, k) if k == len => 0,
        (0, _) => return Err(mismatch()),
        (_, 0) => return Err(mismatch()), // -1 next to a 0: any size would do, NumPy refuses
        (_, k) if len.is_multiple_of(k) => len / k,
        _ => return Err(mismatch()),
    };
    Ok(requested
        .iter()
        .map(|&n| if n == -1 { inferred } else { n as usize })
        .collect())
}
// ANCHOR_END: infer_shape

// ANCHOR: reshape_with_inferred_axis
/// `reshape(-1, 1)`, `reshape(1, -1)`, and the tutorial's failing `reshape(1, -1, -1, 1, 1)`.
pub fn reshape_with_inferred_axis() {
    let arr = Array::from_iter(0..3);
    let column = arr
        .to_shape(infer_shape(arr.len(), &[-1, 1]).expect("fits"))
        .expect("fits");
    let row = arr
        .to_shape(infer_shape(arr.len(), &[1, -1]).expect("fits"))
        .expect("fits");
    println!(
        "reshape(-1, 1) -> {}, reshape(1, -1) -> {}",
        numpy_shape(column.shape()),
        numpy_shape(row.shape())
    );

    let m = Array2::<f64>::ones((5, 5));
    match infer_shape(m.len(), &[1, -1, -1, 1, 1]) {
        Ok(shape) => println!("{shape:?}"),
        Err(e) => println!("M.reshape(1, -1, -1, 1, 1): error: {e}"),
    }
    // The clumsy but working NumPy form, M.reshape(1, *M.shape, 1, 1):
    let shape = [&[1][..], m.shape(), &[1, 1]].concat();
    let reshaped = m.to_shape(shape).expect("same number of elements");
    println!(
        "M.reshape(1, *M.shape, 1, 1) -> {}",
        numpy_shape(reshaped.shape())
    );

    assert_eq!(infer_shape(25, &[1, 5, 1, -1]), Ok(vec![1, 5, 1, 5]));
    assert!(infer_shape(25, &[1, -1, -1, 1, 1]).is_err());
}
// ANCHOR_END: reshape_with_inferred_axis

// ANCHOR: image_for_a_cnn
/// A single 28×28 grey image, shaped as a CNN library wants its input:
/// minibatch × channels × height × width.
pub fn image_for_a_cnn() {
    let image = Array2::<f32>::zeros((28, 28));
    let batch = image.view().insert_axis(Axis(0)).insert_axis(Axis(0));
    println!(
        "{} -> {}",
        numpy_shape(image.shape()),
        numpy_shape(batch.shape())
    );
    assert_eq!(batch.shape(), &[1, 1, 28, 28]);
    assert_eq!(batch.as_ptr(), image.as_ptr()); // still the same pixels, no copy
}
// ANCHOR_END: image_for_a_cnn

// ANCHOR: exercise_channel_axis
/// Exercise: give a batch of three 28 × 28 images a channel axis, without copying.
pub fn exercise_channel_axis() {
    let batch = Array3::<f32>::zeros((3, 28, 28));
    let with_channel = batch.view().insert_axis(Axis(1));
    println!("{}", numpy_shape(with_channel.shape()));
    assert_eq!(with_channel.shape(), &[3, 1, 28, 28]);
    assert_eq!(with_channel.as_ptr(), batch.as_ptr());
}
// ANCHOR_END: exercise_channel_axis

// ANCHOR: exercise_infer
/// Exercise: which shapes can 12 elements take?
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
    fn expand_dims_matches_numpy_positions() {
        let m = Array2::<u8>::zeros((2, 3));
        assert_eq!(expand_dims(m.view(), &[0]).shape(), &[1, 2, 3]);
        assert_eq!(expand_dims(m.view(), &[2]).shape(), &[2, 3, 1]);
        assert_eq!(expand_dims(m.view(), &[3, 0]).shape(), &[1, 2, 3, 1]);
    }
}
