//! Chapter 3, "Broadcasting": NumPy's three rules as code, and what ndarray does with them.

mod figures;
mod numpy_table;
mod tables;

use std::fmt;

use ndarray::prelude::*;
use ndarray::{Data, Dimension, Zip};

use crate::allocation::ensure_allocatable;
use crate::chapter::{samples, Chapter, Figure, Table};
use crate::random::RandomState;

pub use figures::render_broadcasting_diagrams;

/// What chapter 3 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch03-broadcasting",
    samples: samples![
        matrix_plus_scalar,
        matrix_plus_vector,
        column_plus_row,
        centring,
        two_d_function,
        knn_step_by_step,
        rules_step_by_step,
        both_stretched,
        incompatible_panics => panics,
        incompatible_checked,
        fix_with_new_axis,
        stride_zero_views,
        exercise_predict_shape,
        exercise_times_table,
    ],
    figures: &[Figure::new("diagrams.png", render_broadcasting_diagrams)],
    tables: &[
        Table::measured("knn-memory.md", |measure| {
            Ok(tables::knn_memory_table(measure))
        }),
        Table::text("numpy-table.md", numpy_table::render),
    ],
};

// ANCHOR: broadcast_error_full
// ANCHOR: broadcast_error
/// Why shapes cannot be broadcast together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BroadcastError {
    /// Rule 3: on one axis of the result, sizes differ and none is 1.
    Mismatch {
        /// All the shapes that were to be broadcast, as given.
        shapes: Vec<Vec<usize>>,
        /// The axis of the result where they disagree, from the left.
        axis: usize,
        /// The disagreeing sizes found on that axis (none of them 1).
        sizes: Vec<usize>,
    },
    /// A shape is larger than any array can be: more elements than
    /// `isize::MAX`, or, for a result, more bytes (NumPy counts the sizes
    /// other than 0 even when one is 0).
    TooLarge {
        /// All the shapes that were to be broadcast, as given.
        shapes: Vec<Vec<usize>>,
        /// The shape that is too large: one of them, or their result.
        shape: Vec<usize>,
    },
}
// ANCHOR_END: broadcast_error

/// Formats a shape the way NumPy's broadcasting error messages do: `(3,2)`,
/// `(3,)`, `()`. (A printed tuple has a space: `(3, 2)`.) The sizes are not
/// checked: NumPy refuses sizes above `isize::MAX` before it prints one.
pub fn numpy_shape(shape: &[usize]) -> String {
    match shape {
        [one] => format!("({one},)"),
        _ => {
            let parts: Vec<String> =
                shape.iter().map(usize::to_string).collect();
            format!("({})", parts.join(","))
        }
    }
}

impl fmt::Display for BroadcastError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |shapes: &[Vec<usize>]| {
            let texts: Vec<String> =
                shapes.iter().map(|s| numpy_shape(s)).collect();
            texts.join(" ")
        };
        match self {
            BroadcastError::Mismatch {
                shapes,
                axis,
                sizes,
            } => {
                let words: Vec<String> =
                    sizes.iter().map(usize::to_string).collect();
                let sizes = match words.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} and {last}", rest.join(", "))
                    }
                    _ => words.concat(),
                };
                write!(
                    f,
                    "shapes {} do not broadcast: on axis {axis} the sizes \
                     are {sizes}",
                    list(shapes),
                )
            }
            BroadcastError::TooLarge { shapes, shape } => write!(
                f,
                "shapes {}: {} is too large for an array",
                list(shapes),
                numpy_shape(shape)
            ),
        }
    }
}

impl std::error::Error for BroadcastError {}
// ANCHOR_END: broadcast_error_full

// ANCHOR: broadcast_shapes
/// The shape that NumPy's broadcasting gives to any number of shapes
/// (`np.broadcast_shapes`), or the reason there is none.
///
/// A size of 0 is an ordinary size: 1 stretches to 0, but 0 and 3 differ.
/// No shapes at all broadcast to the empty shape `()`. Sizes are limited
/// as NumPy limits them: see [`numpy_size_fits`].
///
/// # Errors
/// [`BroadcastError::Mismatch`] where sizes on an axis differ and none is
/// 1; [`BroadcastError::TooLarge`] where a shape or the result is larger
/// than any array can be.
pub fn broadcast_shapes(
    shapes: &[&[usize]],
) -> Result<Vec<usize>, BroadcastError> {
    let given = || shapes.iter().map(|s| s.to_vec()).collect();
    let too_large = |shape: &[usize]| BroadcastError::TooLarge {
        shapes: given(),
        shape: shape.to_vec(),
    };
    // Like NumPy, refuse a size above isize::MAX before the rules.
    let too_big = |s: &&&[usize]| s.iter().any(|&n| n > isize::MAX as usize);
    if let Some(shape) = shapes.iter().find(too_big) {
        return Err(too_large(shape));
    }
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut result = vec![1; ndim];
    for (axis, size) in result.iter_mut().enumerate() {
        // Rule 1: a shorter shape is padded with 1s on the left, so axis
        // `axis` of the result is axis `axis - pad` of that shape.
        let sizes_here = shapes.iter().filter_map(|s| {
            let pad = ndim - s.len();
            axis.checked_sub(pad).map(|i| s[i])
        });
        // Rule 2: sizes of 1 stretch to the others, which must agree.
        let mut others: Vec<usize> = sizes_here.filter(|&n| n != 1).collect();
        others.sort_unstable();
        others.dedup();
        *size = match others[..] {
            [] => 1,
            [only] => only,
            _ => {
                let (shapes, sizes) = (given(), others); // rule 3
                return Err(BroadcastError::Mismatch { shapes, axis, sizes });
            }
        };
    }
    if !numpy_size_fits(&result) {
        return Err(too_large(&result));
    }
    Ok(result)
}

/// NumPy's limit on a broadcast result: its element count, multiplied out
/// from the left, stays within `isize::MAX`. NumPy stops at the first 0
/// (everything after it multiplies to 0), so `(0, 2**62, 4)` passes and
/// `(2**62, 4, 0)` does not.
pub fn numpy_size_fits(shape: &[usize]) -> bool {
    let mut before_zero = shape.iter().take_while(|&&n| n != 0);
    let product = before_zero.try_fold(1usize, |p, &n| p.checked_mul(n));
    product.is_some_and(|p| p <= isize::MAX as usize)
}
// ANCHOR_END: broadcast_shapes

// ANCHOR: fits_in_an_array
/// Whether an ndarray array can have this shape: its sizes other than 0
/// multiply to at most `isize::MAX`. (NumPy's rule for its arrays counts
/// bytes: the same product times the element's size.)
pub fn fits_in_an_array(shape: &[usize]) -> bool {
    let mut nonzero = shape.iter().filter(|&&n| n != 0);
    let product = nonzero.try_fold(1usize, |p, &n| p.checked_mul(n));
    product.is_some_and(|p| p <= isize::MAX as usize)
}
// ANCHOR_END: fits_in_an_array

// ANCHOR: checked_add
/// `&a + &b`, but returning a [`BroadcastError`] instead of panicking when
/// the shapes do not broadcast, or when NumPy's `+` refuses the result as
/// too large: "array is too big" (its sizes other than 0 take more than
/// `isize::MAX` bytes, even in an empty result) or "iterator is too large"
/// (its sizes, multiplied from the left, pass `isize::MAX` before a 0; see
/// [`numpy_size_fits`]). Integers wrap around on overflow, as in NumPy, in
/// debug and release builds alike (see [`NumpyAdd`]). NumPy 2.4.6 also
/// refuses an empty `uint8` result of shape `(0, 2**63 - 1)` from `(0, 1) +
/// (1, 2**63 - 1)` (an internal error of its iterator); this returns it.
///
/// # Errors
/// As [`broadcast_shapes`] for the two shapes.
///
/// # Panics
/// When the result cannot be allocated (NumPy: `MemoryError`), with a
/// message: `(n, 1) + (1, n)` asks for n² elements.
pub fn checked_add<A, S1, S2, D1, D2>(
    a: &ArrayBase<S1, D1>,
    b: &ArrayBase<S2, D2>,
) -> Result<ArrayD<A>, BroadcastError>
where
    A: NumpyAdd,
    S1: Data<Elem = A>,
    S2: Data<Elem = A>,
    D1: Dimension,
    D2: Dimension,
{
    let shape = broadcast_shapes(&[a.shape(), b.shape()])?;
    // The rules accept the shape (a 0 can hide the other sizes), but NumPy
    // makes no array whose sizes other than 0 take more than isize::MAX
    // bytes: "array is too big", here TooLarge. In bytes, as NumPy counts:
    // an empty f64 result of shape (0, 2**60) is refused, a u8 one is not.
    let mut nonzero = shape.iter().filter(|&&n| n != 0);
    let bytes = nonzero.try_fold(size_of::<A>(), |p, &n| p.checked_mul(n));
    if bytes.is_none_or(|bytes| bytes > isize::MAX as usize) {
        let shapes = vec![a.shape().to_vec(), b.shape().to_vec()];
        return Err(BroadcastError::TooLarge { shapes, shape });
    }
    ensure_allocatable::<A>("checked_add", &shape);
    let dim = IxDyn(&shape);
    // Both succeed: `shape` is what the rules stretch both to.
    let (Some(a), Some(b)) = (a.broadcast(dim.clone()), b.broadcast(dim))
    else {
        unreachable!("broadcast_shapes agreed to {shape:?}");
    };
    Ok(Zip::from(&a).and(&b).map_collect(|&x, &y| x.numpy_add(y)))
}
// ANCHOR_END: checked_add

// ANCHOR: numpy_add
/// `+` on one element type as NumPy computes it. NumPy keeps an integer
/// array's type and wraps around on overflow (`255 + 1` is `0` in `uint8`);
/// Rust's `+` panics on overflow in debug builds and wraps in release
/// builds, so integers use `wrapping_add` to give one answer in both.
pub trait NumpyAdd: Copy {
    /// `self + other`, the NumPy way.
    fn numpy_add(self, other: Self) -> Self;
}

macro_rules! wrapping_numpy_add {
    ($($int:ty),*) => {$(
        impl NumpyAdd for $int {
            fn numpy_add(self, other: Self) -> Self {
                self.wrapping_add(other)
            }
        }
    )*};
}
wrapping_numpy_add!(i8, i16, i32, i64, i128, isize);
wrapping_numpy_add!(u8, u16, u32, u64, u128, usize);

impl NumpyAdd for f32 {
    fn numpy_add(self, other: Self) -> Self {
        self + other
    }
}

impl NumpyAdd for f64 {
    fn numpy_add(self, other: Self) -> Self {
        self + other
    }
}
// ANCHOR_END: numpy_add

// ANCHOR: matrix_plus_scalar
/// The simplest case: a scalar is added to every element.
///
/// # Panics
/// If one of its checks fails.
pub fn matrix_plus_scalar() {
    let m = Array2::<f64>::ones((3, 3));
    let scalar = 2.0;
    let m_added = &m + scalar; // NumPy: M + scalar
    println!("M + {scalar}:\n{m_added:.1}"); // .1: print 3.0, not 3
    assert_eq!(m_added, Array2::from_elem((3, 3), 3.0));
}
// ANCHOR_END: matrix_plus_scalar

// ANCHOR: matrix_plus_vector
/// A vector is added to every row.
///
/// # Panics
/// If one of its checks fails.
pub fn matrix_plus_vector() {
    let m = Array2::<f64>::ones((3, 3));
    let v = array![0.0, 1.0, 2.0];
    let m_added = &m + &v; // NumPy: M + v
    println!("{m_added:.1}");
    assert_eq!(m_added.row(2), array![1.0, 2.0, 3.0]);
}
// ANCHOR_END: matrix_plus_vector

// ANCHOR: column_plus_row
/// Both operands are stretched: a column (3, 1) plus a row (3,) is a
/// (3, 3) table.
///
/// # Panics
/// If one of its checks fails.
pub fn column_plus_row() {
    let a = Array::from_iter(0..3); // np.arange(3)
    // np.arange(3)[:, np.newaxis]; `insert_axis` takes the new array by
    // value and gives it back with one more axis: nothing is copied.
    let b = Array::from_iter(0..3).insert_axis(Axis(1));
    println!("a: {a}\nb:\n{b}");
    let summed = &a + &b;
    println!("summed:\n{summed}");
    assert_eq!(summed, array![[0, 1, 2], [1, 2, 3], [2, 3, 4]]);
}
// ANCHOR_END: column_plus_row

// ANCHOR: centring
/// Centring data: subtract each column's mean, (10, 3) - (3,) -> (10, 3).
///
/// # Panics
/// If one of its checks fails.
pub fn centring() {
    let x = RandomState::new(0).rand(10, 3); // 10 samples, 3 features
    let mean = x.mean_axis(Axis(0)).expect("x has rows"); // X.mean(0)
    let centred = &x - &mean; // X - X.mean(0)
    println!("X: {:?}, mean: {:?}", x.shape(), mean.shape());
    println!("centred: {:?}", centred.shape());
    println!("mean = {mean:.4}");

    // Every column of the centred data has mean 0, up to rounding.
    let means = centred.mean_axis(Axis(0)).expect("rows");
    let largest = means.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    println!("largest column mean after centring < 1e-15: {}", largest < 1e-15);
    assert!(largest < 1e-15);
}
// ANCHOR_END: centring

// ANCHOR: two_d_function
/// A function of two variables from two 1-D axes:
/// z = sin(x)¹⁰ + cos(10 + y·x)·cos(x), with (50,) and (50, 1) -> (50, 50).
///
/// # Panics
/// If one of its checks fails.
pub fn two_d_function() {
    let x = Array1::<f64>::linspace(0.0, 5.0, 50); // np.linspace(0, 5, 50)
    let y = x.view().insert_axis(Axis(1)); // x[:, np.newaxis]
    let z = x.mapv(|v| v.sin().powi(10))
        + (&y * &x + 10.0).mapv(f64::cos) * x.mapv(f64::cos);
    println!("x: {:?}, y: {:?}, z: {:?}", x.shape(), y.shape(), z.shape());
    println!("z[0, 0] = {:.4}, z[0, 49] = {:.4}", z[[0, 0]], z[[0, 49]]);
    println!("z[49, 0] = {:.4}, z[49, 49] = {:.4}", z[[49, 0]], z[[49, 49]]);
    assert_eq!(z.shape(), &[50, 50]);
}
// ANCHOR_END: two_d_function

// ANCHOR: knn_step_by_step
/// Chapter 7's distance expression, one broadcasting step at a time:
/// `np.sum((X[:, np.newaxis, :] - X[np.newaxis, :, :]) ** 2, axis=-1)`.
///
/// # Panics
/// If one of its checks fails.
pub fn knn_step_by_step() {
    let x = RandomState::new(42).rand(10, 2); // 10 points in 2-D
    let rows = x.slice(s![.., NewAxis, ..]); // X[:, np.newaxis, :]
    let cols = x.slice(s![NewAxis, .., ..]); // X[np.newaxis, :, :]
    let differences = &rows - &cols; // every point minus every point
    let squared = differences.mapv(|d| d * d); // ** 2
    let dist_sq = squared.sum_axis(Axis(2)); // .sum(axis=-1)
    println!("X                  {:?}", x.shape());
    println!("X[:, newaxis, :]   {:?}", rows.shape());
    println!("X[newaxis, :, :]   {:?}", cols.shape());
    println!("differences        {:?}", differences.shape());
    println!("squared            {:?}", squared.shape());
    println!("summed: dist_sq    {:?}", dist_sq.shape());
    println!("dist_sq[0, :4] = {:.4}", dist_sq.slice(s![0, ..4]));
    assert_eq!(rows.strides(), &[2, 0, 1]); // the new axis: a view, stride 0
    assert_eq!(differences.shape(), &[10, 10, 2]);
    assert!(dist_sq.diag().iter().all(|&d| d == 0.0)); // each to itself
    assert_eq!(dist_sq, dist_sq.t()); // i to j is j to i
}
// ANCHOR_END: knn_step_by_step

// ANCHOR: sq_distances
/// The expression of [`knn_step_by_step`] as a function: its (n, n, d)
/// differences are a temporary array, and so are their squares.
fn sq_distances_broadcast(x: ArrayView2<f64>) -> Array2<f64> {
    let rows = x.slice(s![.., NewAxis, ..]); // (n, 1, d)
    let cols = x.slice(s![NewAxis, .., ..]); // (1, n, d)
    let differences = &rows - &cols; // (n, n, d)
    differences.mapv(|d| d * d).sum_axis(Axis(2))
}

/// The same with NumPy's trick, spelled out: `mapv_into` squares the
/// differences in their own buffer (NumPy reuses a temporary that nothing
/// else holds, its "temporary elision").
fn sq_distances_in_place(x: ArrayView2<f64>) -> Array2<f64> {
    let rows = x.slice(s![.., NewAxis, ..]);
    let cols = x.slice(s![NewAxis, .., ..]);
    let differences = &rows - &cols;
    differences.mapv_into(|d| d * d).sum_axis(Axis(2))
}

/// The same with a loop: each distance is summed where it is stored, so the
/// (n, n) result is the only array allocated.
fn sq_distances_loop(x: ArrayView2<f64>) -> Array2<f64> {
    let n = x.nrows();
    Array2::from_shape_fn((n, n), |(i, j)| {
        let pairs = x.row(i).into_iter().zip(x.row(j));
        pairs.map(|(a, b)| (a - b) * (a - b)).sum()
    })
}
// ANCHOR_END: sq_distances

// ANCHOR: rules_step_by_step
/// (2, 3) + (3,), rule by rule, with the rules as code.
///
/// # Panics
/// If one of its checks fails.
pub fn rules_step_by_step() {
    let m = Array2::<f64>::ones((2, 3));
    let a = Array::range(0.0, 3.0, 1.0);
    println!("M: {:?}, a: {:?}", m.shape(), a.shape());

    // Rule 1 pads a's shape on the left: (3,) -> (1, 3).
    // Rule 2 stretches its 1 to 2.
    let shape = broadcast_shapes(&[m.shape(), a.shape()]).expect("they fit");
    println!("broadcast shape: {shape:?}");
    println!("M + a =\n{:.1}", &m + &a);
    assert_eq!(shape, vec![2, 3]);
}
// ANCHOR_END: rules_step_by_step

// ANCHOR: both_stretched
/// (3, 1) + (3,): the row is padded to (1, 3), then both are stretched to
/// (3, 3).
///
/// # Panics
/// If one of its checks fails.
pub fn both_stretched() {
    let a = Array::from_iter(0..3)
        .into_shape_with_order((3, 1)) // np.arange(3).reshape((3, 1))
        .expect("3 elements make a 3×1 array");
    let b = Array::from_iter(0..3);
    let shape = broadcast_shapes(&[a.shape(), b.shape()]).expect("they fit");
    println!("{:?} + {:?} -> {shape:?}", a.shape(), b.shape());
    println!("{}", &a + &b);
    assert_eq!(shape, vec![3, 3]);
}
// ANCHOR_END: both_stretched

// ANCHOR: incompatible_panics
/// ndarray's `+` on incompatible shapes panics, where NumPy raises a
/// `ValueError`.
///
/// # Panics
/// Always: that is what it shows.
pub fn incompatible_panics() {
    let m = Array2::<f64>::ones((3, 2));
    let a = Array::range(0.0, 3.0, 1.0);
    let _ = &m + &a; // panics: (3, 2) and (3,) do not broadcast
}
// ANCHOR_END: incompatible_panics

// ANCHOR: incompatible_checked
/// Checking first turns the panic into an error value with a useful message.
///
/// # Panics
/// If one of its checks fails.
pub fn incompatible_checked() {
    let m = Array2::<f64>::ones((3, 2));
    let a = Array::range(0.0, 3.0, 1.0);
    match checked_add(&m, &a) {
        Ok(sum) => println!("{sum}"),
        Err(e) => println!("error: {e}"),
    }
    assert!(checked_add(&m, &a).is_err());
    assert!(m.broadcast((3, 3)).is_none()); // ndarray's own check: no view
}
// ANCHOR_END: incompatible_checked

// ANCHOR: fix_with_new_axis
/// The fix: make `a` a column, so rule 1 has nothing to pad and rule 2
/// stretches it.
///
/// # Panics
/// If one of its checks fails.
pub fn fix_with_new_axis() {
    let m = Array2::<f64>::ones((3, 2));
    let a = Array::range(0.0, 3.0, 1.0);
    let a = a.slice(s![.., NewAxis]); // NumPy: a[:, np.newaxis]
    println!("a: {:?}", a.shape());
    let sum = &m + &a;
    println!("M + a =\n{sum:.1}");
    assert_eq!(sum, array![[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]);
}
// ANCHOR_END: fix_with_new_axis

// ANCHOR: stride_zero_views
/// "No real expansion is performed": a broadcast view repeats data with a
/// stride of 0.
///
/// # Panics
/// If one of its checks fails.
pub fn stride_zero_views() {
    let v = array![0.0, 1.0, 2.0];
    let stretched = v.broadcast((4, 3)).expect("(3,) broadcasts to (4, 3)");
    println!("v: shape {:?}, strides {:?}", v.shape(), v.strides());
    println!(
        "stretched: shape {:?}, strides {:?}",
        stretched.shape(),
        stretched.strides()
    );
    println!("{stretched:.1}");

    // A step down a row moves 0 elements in memory: every row is v.
    assert_eq!(stretched.strides(), &[0, 1]);
    assert_eq!(stretched.as_ptr(), v.as_ptr()); // the same memory, no copy
    assert_eq!(stretched.len(), 12); // 12 elements seen through 3 stored
}
// ANCHOR_END: stride_zero_views

// ANCHOR: exercise_predict_shape
/// Exercise: predict the broadcast shape of (8, 1, 6, 1) and (7, 1, 5),
/// then check it.
///
/// # Panics
/// If one of its checks fails.
pub fn exercise_predict_shape() {
    // Rule 1: (7, 1, 5) -> (1, 7, 1, 5). Rule 2, axis by axis:
    // 8|1, 1|7, 6|1, 1|5.
    let shape = broadcast_shapes(&[&[8, 1, 6, 1], &[7, 1, 5]]).expect("fit");
    println!("{shape:?}");
    assert_eq!(shape, vec![8, 7, 6, 5]);
}
// ANCHOR_END: exercise_predict_shape

// ANCHOR: exercise_times_table
/// Exercise: a 5 × 5 multiplication table from one range, by broadcasting
/// it against a column view of itself.
///
/// # Panics
/// If one of its checks fails.
pub fn exercise_times_table() {
    let row = Array::from_iter(1..=5);
    let column = row.view().insert_axis(Axis(1));
    let table = &column * &row; // (5, 1) * (5,) -> (5, 5)
    println!("{table}");
    assert_eq!(table[[2, 3]], 3 * 4);
}
// ANCHOR_END: exercise_times_table

#[cfg(test)]
mod tests {
    use super::*;

    /// The chapter gives the size of the differences that NumPy's temporary
    /// elision acts on: the (N, N, 2) array of the memory table's N points,
    /// and that N twice in words.
    #[test]
    fn the_prose_gives_the_size_of_the_differences() {
        let n = tables::KNN_POINTS;
        let megabytes = (n * n * 2 * std::mem::size_of::<f64>()) as f64 / 1e6;
        let chapter = crate::chapter::page_text("ch03-broadcasting.md");
        for said in [
            format!("the differences here are {megabytes} MB"),
            format!("For chapter 7's {n} points in 2-D"),
            format!("on the same {n} points:"),
            format!("A Python loop over the {} pairs", in_words(n * n)),
        ] {
            assert!(chapter.contains(&said), "src/ch03-broadcasting.md: {said:?}");
        }
        // "chapter 7's" points: the ones its benchmark draws.
        let bench = include_str!("../../benches/ch07_knn.rs");
        assert!(bench.contains(&format!("RandomState::new(42).rand({n}, 2)")));
    }

    /// A whole number of millions up to ten, in words ("four million"), as the
    /// prose writes the number of pairs of points.
    fn in_words(count: usize) -> String {
        const WORDS: [&str; 11] = [
            "zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten",
        ];
        let millions = count / 1_000_000;
        assert!(
            count.is_multiple_of(1_000_000) && millions < WORDS.len(),
            "{count} pairs: say the number in src/ch03-broadcasting.md another way"
        );
        format!("{} million", WORDS[millions])
    }

    fn ok(shapes: &[&[usize]]) -> Vec<usize> {
        broadcast_shapes(shapes).expect("compatible")
    }

    #[test]
    fn numpy_documented_cases() {
        // From the NumPy broadcasting documentation and np.broadcast_shapes examples.
        assert_eq!(ok(&[&[256, 256, 3], &[3]]), vec![256, 256, 3]);
        assert_eq!(ok(&[&[8, 1, 6, 1], &[7, 1, 5]]), vec![8, 7, 6, 5]);
        assert_eq!(ok(&[&[5, 4], &[1]]), vec![5, 4]);
        assert_eq!(ok(&[&[5, 4], &[4]]), vec![5, 4]);
        assert_eq!(ok(&[&[15, 3, 5], &[15, 1, 5]]), vec![15, 3, 5]);
        assert_eq!(ok(&[&[15, 3, 5], &[3, 5]]), vec![15, 3, 5]);
        assert_eq!(ok(&[&[15, 3, 5], &[3, 1]]), vec![15, 3, 5]);
        assert_eq!(ok(&[&[1, 2], &[3, 1], &[3, 2]]), vec![3, 2]);
        assert_eq!(ok(&[&[6, 7], &[5, 6, 1], &[7], &[5, 1, 7]]), vec![5, 6, 7]);
        assert!(broadcast_shapes(&[&[3], &[4]]).is_err());
        assert!(broadcast_shapes(&[&[2, 1], &[8, 4, 3]]).is_err());
    }

    #[test]
    fn empty_shapes_and_scalars() {
        assert_eq!(ok(&[]), Vec::<usize>::new()); // np.broadcast_shapes() == ()
        assert_eq!(ok(&[&[]]), Vec::<usize>::new());
        assert_eq!(ok(&[&[], &[3, 2]]), vec![3, 2]); // a scalar broadcasts to anything
    }

    #[test]
    fn zero_size_axes() {
        // np.broadcast_shapes((0,), (1,)) == (0,); ((0, 3), (3,)) == (0, 3)
        assert_eq!(ok(&[&[0], &[1]]), vec![0]);
        assert_eq!(ok(&[&[0, 3], &[3]]), vec![0, 3]);
        assert_eq!(ok(&[&[0], &[0]]), vec![0]);
        assert_eq!(ok(&[&[2, 0], &[1, 1]]), vec![2, 0]);
        // np.broadcast_shapes((0,), (3,)) raises ValueError
        let err = broadcast_shapes(&[&[0], &[3]]).expect_err("0 and 3");
        assert!(matches!(err, BroadcastError::Mismatch { sizes, .. }
            if sizes == vec![0, 3]));
    }

    #[test]
    fn the_error_names_shapes_and_axis() {
        let err = broadcast_shapes(&[&[3, 2], &[3]]).expect_err("mismatch");
        assert!(matches!(err, BroadcastError::Mismatch { axis: 1, .. }));
        assert_eq!(
            err.to_string(),
            "shapes (3,2) (3,) do not broadcast: on axis 1 the sizes are \
             2 and 3"
        );
        let three = broadcast_shapes(&[&[8, 4, 3], &[2, 1], &[5, 3]]);
        assert_eq!(
            three.expect_err("three sizes").to_string(),
            "shapes (8,4,3) (2,1) (5,3) do not broadcast: on axis 1 the \
             sizes are 2, 4 and 5"
        );
        let err: Box<dyn std::error::Error> = Box::new(err);
        assert!(err.to_string().starts_with("shapes (3,2)"));
    }

    #[test]
    fn results_too_large_for_an_array_are_errors_like_numpy() {
        // NumPy: "broadcast dimensions too large." / "Maximum allowed
        // dimension exceeded". These used to be Ok.
        const HALF: usize = 1 << 32;
        let cases: [[&[usize]; 2]; 6] = [
            [&[HALF, 1], &[1, HALF]],
            [&[1 << 62, 4], &[1, 1]],
            [&[1 << 63], &[1]],
            [&[usize::MAX], &[usize::MAX - 1]],
            [&[0, 1 << 63], &[1]],
            [&[1, 1], &[1 << 40, 1 << 40]],
        ];
        for shapes in cases {
            let err = broadcast_shapes(&shapes).expect_err("too large");
            assert!(matches!(err, BroadcastError::TooLarge { .. }), "{err}");
        }
        assert_eq!(
            broadcast_shapes(&[&[HALF, 1], &[1, HALF]])
                .expect_err("2^64 elements")
                .to_string(),
            "shapes (4294967296,1) (1,4294967296): (4294967296,4294967296) \
             is too large for an array"
        );
        // The largest shapes an array can have are fine, as in NumPy.
        assert_eq!(ok(&[&[isize::MAX as usize], &[1]]), [isize::MAX as usize]);
        assert_eq!(ok(&[&[1 << 62], &[1]]), [1 << 62]);
        // NumPy's product stops at the first zero, from the left.
        assert_eq!(ok(&[&[0, 1 << 62], &[1]]), [0, 1 << 62]);
        assert_eq!(ok(&[&[0, 1 << 62, 4]]), [0, 1 << 62, 4]);
        assert_eq!(ok(&[&[1 << 62, 4], &[0, 1, 1]]), [0, 1 << 62, 4]);
        assert_eq!(ok(&[&[1 << 62, 0, 4]]), [1 << 62, 0, 4]);
        for shape in [[1 << 62, 4, 0], [4, 1 << 62, 0]] {
            let err = broadcast_shapes(&[&shape]).expect_err("overflows first");
            assert!(matches!(err, BroadcastError::TooLarge { .. }), "{err}");
        }
        // NumPy's broadcasting accepts the shape (4, 0, 2**62), but no array can
        // have it, in NumPy ("array is too big") or in ndarray.
        let (a, b) = (Array2::<u8>::zeros((0, 1 << 62)), Array3::<u8>::zeros((4, 1, 1)));
        let err = checked_add(&a, &b).expect_err("ndarray's limit");
        assert!(matches!(err, BroadcastError::TooLarge { .. }), "{err}");
    }

    #[test]
    fn more_axes_than_numpy_allows_are_fine_in_ndarray() {
        // NumPy stops at 64 axes (np.broadcast_shapes at 32); ndarray's
        // IxDyn has no limit, and neither does broadcast_shapes.
        let many = vec![1; 65];
        assert_eq!(ok(&[&many, &[3]]).len(), 65);
    }

    #[test]
    fn numpy_shape_formatting() {
        assert_eq!(numpy_shape(&[]), "()");
        assert_eq!(numpy_shape(&[3]), "(3,)");
        assert_eq!(numpy_shape(&[3, 2]), "(3,2)");
        assert_eq!(numpy_shape(&[1 << 40, 0]), "(1099511627776,0)");
    }

    #[test]
    fn checked_add_wraps_integers_like_numpy_in_every_profile() {
        // Used to panic with "attempt to add with overflow" in debug builds
        // and wrap in release builds; NumPy wraps.
        let a = array![[i64::MAX, i64::MIN, -1]];
        let b = array![[1, -1, i64::MIN]];
        let sum = checked_add(&a, &b).expect("same shape");
        assert_eq!(sum, array![[i64::MIN, i64::MAX, i64::MAX]].into_dyn());
        let bytes = checked_add(&array![[255u8, 200, 0]], &array![[1u8, 100, 0]]);
        assert_eq!(bytes.expect("same shape"), array![[0u8, 44, 0]].into_dyn());
        let floats = checked_add(&array![f64::INFINITY], &array![-f64::INFINITY]);
        assert!(floats.expect("same shape")[0].is_nan());
    }

    #[test]
    fn checked_add_broadcasts_views_in_any_layout() {
        let a = Array::from_iter(0..12_i64).into_shape_with_order((3, 4));
        let a = a.expect("12 elements");
        let row = array![10_i64, 20, 30, 40];
        let want = &a.slice(s![..;-1, ..]) + &row.slice(s![..;-1]);
        let got = checked_add(&a.slice(s![..;-1, ..]), &row.slice(s![..;-1]));
        assert_eq!(got.expect("(3, 4) + (4,)"), want.into_dyn());
        let empty = checked_add(&Array2::<f64>::zeros((0, 3)), &array![1.0, 2.0, 3.0]);
        assert_eq!(empty.expect("(0, 3)").shape(), &[0, 3]);
        assert!(checked_add(&Array1::<f64>::zeros(0), &Array1::zeros(3)).is_err());
    }

    #[test]
    fn the_memory_functions_agree() {
        let x = RandomState::new(7).rand(9, 3);
        let want = sq_distances_broadcast(x.view());
        assert_eq!(sq_distances_in_place(x.view()), want);
        let looped = sq_distances_loop(x.view());
        for (a, b) in looped.iter().zip(&want) {
            assert!((a - b).abs() <= 1e-15, "{a} {b}");
        }
    }

    #[test]
    #[should_panic]
    fn ndarray_panics_on_incompatible_shapes() {
        incompatible_panics();
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        fn shape() -> impl Strategy<Value = Vec<usize>> {
            prop::collection::vec(prop_oneof![Just(1usize), Just(0), 2usize..4], 0..4)
        }

        /// Shapes at the size limits: products of their sizes overflow `usize`
        /// or pass `isize::MAX`, and single sizes pass it, beside 0s and 1s.
        fn shape_at_the_limits() -> impl Strategy<Value = Vec<usize>> {
            const MAX: usize = isize::MAX as usize;
            let size = prop_oneof![
                Just(1usize),
                Just(0),
                2usize..4,
                prop::sample::select(vec![1 << 31, 1 << 32, 1 << 62, MAX, MAX + 1, usize::MAX]),
            ];
            prop::collection::vec(size, 0..4)
        }

        proptest! {
            #[test]
            fn agrees_with_what_ndarray_arithmetic_accepts(a in shape(), b in shape()) {
                let x = ArrayD::<i32>::zeros(IxDyn(&a));
                let y = ArrayD::<i32>::zeros(IxDyn(&b));
                let ours = broadcast_shapes(&[&a, &b]);
                let theirs = std::panic::catch_unwind(|| (&x + &y).shape().to_vec());
                match (ours, theirs) {
                    (Ok(shape), Ok(sum_shape)) => prop_assert_eq!(shape, sum_shape),
                    (Err(_), Err(_)) => {}
                    (ours, theirs) => prop_assert!(false, "ours {:?}, ndarray {:?}", ours, theirs.is_ok()),
                }
            }

            /// At the size limits, against NumPy's rules worked out in `u128`: the
            /// properties here draw sizes below 4, so `TooLarge` never came up.
            #[test]
            fn follows_numpy_at_the_size_limits(a in shape_at_the_limits(), b in shape_at_the_limits()) {
                const MAX: u128 = isize::MAX as u128;
                let ndim = a.len().max(b.len());
                let padded = |s: &[usize]| {
                    let mut p = vec![1usize; ndim - s.len()];
                    p.extend_from_slice(s);
                    p
                };
                let (pa, pb) = (padded(&a), padded(&b));
                let huge = a.iter().chain(&b).any(|&n| n as u128 > MAX);
                let clash = (0..ndim).find(|&i| pa[i] != pb[i] && pa[i] != 1 && pb[i] != 1);
                let rules: Vec<usize> = (0..ndim).map(|i| if pa[i] == 1 { pb[i] } else { pa[i] }).collect();
                // Multiplied from the left, stopping at the first 0, saturating.
                let left = rules.iter().take_while(|&&n| n != 0).fold(1u128, |p, &n| (p * n as u128).min(MAX + 1));
                match broadcast_shapes(&[&a, &b]) {
                    Ok(shape) => {
                        prop_assert!(!huge && clash.is_none() && left <= MAX);
                        prop_assert_eq!(shape, rules);
                    }
                    Err(BroadcastError::Mismatch { axis, sizes, .. }) => {
                        prop_assert!(!huge);
                        prop_assert_eq!(clash, Some(axis));
                        let mut want = vec![pa[axis], pb[axis]];
                        want.sort_unstable();
                        prop_assert_eq!(sizes, want);
                    }
                    Err(BroadcastError::TooLarge { shape, .. }) => {
                        if huge {
                            // The first shape with a size above isize::MAX.
                            let a_huge = a.iter().any(|&n| n as u128 > MAX);
                            prop_assert_eq!(shape, if a_huge { a } else { b });
                        } else {
                            prop_assert!(clash.is_none() && left > MAX);
                            prop_assert_eq!(shape, rules);
                        }
                    }
                }
            }

            #[test]
            fn is_symmetric_and_every_operand_broadcasts_to_it(a in shape(), b in shape(), c in shape()) {
                let abc = broadcast_shapes(&[&a, &b, &c]);
                let cba = broadcast_shapes(&[&c, &b, &a]);
                prop_assert_eq!(abc.as_ref().ok(), cba.as_ref().ok());
                if let Ok(shape) = abc {
                    for s in [&a, &b, &c] {
                        let x = ArrayD::<i32>::zeros(IxDyn(s));
                        prop_assert!(x.broadcast(IxDyn(&shape)).is_some());
                    }
                }
            }

            /// `checked_add` against a naive broadcast that works out each
            /// operand's index by hand (padded on the left with 1s, index 0
            /// along a size of 1), on `u8` values that wrap as NumPy's do: the
            /// shapes are small, so the answer is a sum exactly where the rules
            /// agree.
            #[test]
            fn checked_add_is_a_naive_broadcast_sum(
                a in shape(),
                b in shape(),
                seed in any::<u32>(),
            ) {
                let mut random = RandomState::new(seed);
                let mut values = |s: &[usize]| {
                    let len = s.iter().product::<usize>();
                    let v = random.randint(0, 256, 1, len).mapv(|v| v as u8);
                    ArrayD::from_shape_vec(IxDyn(s), v.into_raw_vec_and_offset().0)
                        .expect("len values")
                };
                let (x, y) = (values(&a), values(&b));
                let ndim = a.len().max(b.len());
                let padded = |s: &[usize]| [vec![1; ndim - s.len()], s.to_vec()].concat();
                let (pa, pb) = (padded(&a), padded(&b));
                let clash = (0..ndim).any(|i| pa[i] != pb[i] && pa[i] != 1 && pb[i] != 1);
                match checked_add(&x, &y) {
                    Err(BroadcastError::Mismatch { .. }) => prop_assert!(clash),
                    Err(e) => prop_assert!(false, "small shapes fit: {}", e),
                    Ok(sum) => {
                        prop_assert!(!clash);
                        let shape: Vec<usize> =
                            (0..ndim).map(|i| if pa[i] == 1 { pb[i] } else { pa[i] }).collect();
                        prop_assert_eq!(sum.shape(), &shape[..]);
                        let x = x.to_shape(IxDyn(&pa)).expect("padded");
                        let y = y.to_shape(IxDyn(&pb)).expect("padded");
                        let at = |p: &[usize], index: &[usize]| -> Vec<usize> {
                            index.iter().zip(p).map(|(&i, &n)| if n == 1 { 0 } else { i }).collect()
                        };
                        for (index, &got) in sum.indexed_iter() {
                            let index = index.slice().to_vec();
                            let want = x[IxDyn(&at(&pa, &index))]
                                .wrapping_add(y[IxDyn(&at(&pb, &index))]);
                            prop_assert_eq!(got, want, "at {:?}", index);
                        }
                    }
                }
            }
        }
    }
}
