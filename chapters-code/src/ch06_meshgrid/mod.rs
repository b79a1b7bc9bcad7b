//! Chapter 6, "meshgrid": coordinate grids, dense and sparse, and pictures of functions.

mod figures;
mod numpy_table;
mod tables;

use std::fmt;

use ndarray::prelude::*;
use ndarray::{MeshIndex, Zip};

use crate::allocation::ensure_allocatable_together;
use crate::chapter::{samples, Chapter, Figure, Table};

pub use crate::figures::colormap::{Colormap, COOLWARM, PUBU_R};
pub use figures::{
    render_contourf, render_grid_points, render_surface, CONTOUR_LEVELS,
};
pub use tables::sinc_table;

/// What chapter 6 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch06-meshgrid",
    samples: samples![
        grid_5x5,
        dense_vs_sparse,
        zero_on_the_grid,
        linspace_pitfalls,
        z_values,
        arange_errors,
        exercise_ij,
        exercise_saddle,
    ],
    figures: &[
        Figure::new("points.png", render_grid_points),
        Figure::new("contourf.png", render_contourf),
        Figure::new("surface.png", render_surface),
    ],
    tables: &[
        Table::text("sinc-table.md", sinc_table),
        Table::text("numpy-table.md", numpy_table::render),
    ],
};

// ANCHOR: numpy_arange
/// `np.arange(start, stop, step)` for floats, value for value.
///
/// NumPy computes the length as `ceil((stop - start) / step)`, then fills the
/// array as `start + i * delta`, where `delta` is *not* `step` but
/// `(start + step) - start`: the step as it survives one floating-point
/// addition. ndarray's `Array::range` multiplies by `step` itself, so the two
/// differ: on the chapter's `(-8, 8, 0.01)` by less than 4e-13, which near 0
/// is up to about 10^5 ulps of the values, and at 0, which `range` hits
/// exactly, NumPy is off by about 1.7e-13.
///
/// # Errors
/// An [`ArangeError`] where NumPy raises: those of [`arange_length`], and
/// [`ArangeError::OutOfMemory`] when the values cannot be allocated.
pub fn numpy_arange(
    start: f64,
    stop: f64,
    step: f64,
) -> Result<Array1<f64>, ArangeError> {
    let len = arange_length(start, stop, step)?;
    let mut values = Vec::new();
    values
        .try_reserve_exact(len)
        .map_err(|_| ArangeError::OutOfMemory { length: len })?;
    let delta = (start + step) - start;
    values.extend((0..len).map(|i| match i {
        0 => start,
        1 => start + step,
        _ => start + i as f64 * delta,
    }));
    Ok(Array1::from(values))
}
// ANCHOR_END: numpy_arange

// ANCHOR: arange_length
/// Why [`numpy_arange`] cannot make an array. NumPy raises for each of these.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ArangeError {
    /// `step` is 0 or -0.0 (NumPy: `ZeroDivisionError`).
    ZeroStep,
    /// `(stop - start) / step` is NaN: a NaN argument, `inf - inf` or
    /// `inf / inf` (NumPy: "arange: cannot compute length").
    CannotComputeLength,
    /// The length is outside what an array can hold: an infinite bound, a
    /// tiny step (NumPy: "Maximum allowed size exceeded", "array is too big").
    /// A length below -2^63 is refused too, as NumPy refuses it, although a
    /// negative length means an empty array: `(1, 0, 1e-300)` is an error.
    /// So is a length of exactly 2^63, where NumPy 2.4 returns an empty
    /// array (its bug: the length does not fit its index).
    TooLarge {
        /// `ceil((stop - start) / step)`, which can be negative.
        length: f64,
    },
    /// There is not enough memory for `length` elements (NumPy: `MemoryError`).
    OutOfMemory {
        /// The number of elements asked for.
        length: usize,
    },
}

/// The length of `np.arange(start, stop, step)`, by NumPy's rule.
///
/// # Errors
/// [`ArangeError::ZeroStep`], [`ArangeError::CannotComputeLength`] or
/// [`ArangeError::TooLarge`], where NumPy raises; never `OutOfMemory`, as
/// nothing is allocated.
pub fn arange_length(
    start: f64,
    stop: f64,
    step: f64,
) -> Result<usize, ArangeError> {
    /// 2^63: NumPy's length must fit its signed 64-bit index.
    const INDEX_LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if step == 0.0 {
        return Err(ArangeError::ZeroStep);
    }
    let (delta, ratio) = (stop - start, (stop - start) / step);
    if ratio.is_nan() {
        return Err(ArangeError::CannotComputeLength);
    }
    if ratio == 0.0 && delta != 0.0 {
        // The ratio underflowed: one element if it is +0, none if -0.
        return Ok(usize::from(ratio.is_sign_positive()));
    }
    let length = ratio.ceil();
    // NumPy checks that the length fits its signed 64-bit index before it
    // notices that a negative one means an empty array (and NumPy 2.4
    // returns [] for exactly 2^63: a bug); then that the bytes fit too.
    if !(-INDEX_LIMIT..INDEX_LIMIT).contains(&length) {
        return Err(ArangeError::TooLarge { length });
    }
    let elements = length.max(0.0) as usize;
    match elements.checked_mul(size_of::<f64>()) {
        Some(bytes) if bytes <= isize::MAX as usize => Ok(elements),
        _ => Err(ArangeError::TooLarge { length }),
    }
}

impl fmt::Display for ArangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArangeError::ZeroStep => write!(f, "arange: the step is zero"),
            ArangeError::CannotComputeLength => {
                write!(f, "arange: cannot compute the length (NaN)")
            }
            ArangeError::TooLarge { length } if *length < 0.0 => write!(
                f,
                "arange: the length {length:.1e} is below -2^63, which NumPy \
                 refuses (not an empty array)"
            ),
            ArangeError::TooLarge { length } => write!(
                f,
                "arange: {length:.1e} elements are more than an array holds"
            ),
            ArangeError::OutOfMemory { length } => {
                write!(f, "arange: no memory for {length} elements")
            }
        }
    }
}

impl std::error::Error for ArangeError {}
// ANCHOR_END: arange_length

// ANCHOR: grid_5x5
/// The tutorial's 5×5 grid of points.
///
/// # Panics
/// If one of its `assert`s fails (its `expect`s hold for these values).
pub fn grid_5x5() {
    // np.arange(-1, 1.05, 0.5)
    let xvalues = numpy_arange(-1.0, 1.05, 0.5).expect("a valid range");
    let yvalues = numpy_arange(-1.0, 1.05, 0.5).expect("a valid range");
    let (xx, yy) = ndarray::meshgrid((&xvalues, &yvalues), MeshIndex::XY);
    println!("{xx}\n\n{yy}");

    // xx repeats x along the rows, yy repeats y down the columns: point
    // (i, j) is (xx[i][j], yy[i][j]) = (x[j], y[i]).
    assert_eq!(xx.row(3), xvalues);
    assert_eq!(yy.column(3), yvalues);
    // Views with a stride of 0 on the repeated axis: no copies.
    assert_eq!(xx.strides(), &[0, 1]);
    assert_eq!(yy.strides(), &[1, 0]);
}
// ANCHOR_END: grid_5x5

// ANCHOR: dense_vs_sparse
/// What a 1600 × 1600 grid costs: dense and sparse grids, and views.
///
/// # Panics
/// If one of its `assert`s fails (its `expect`s hold for these values).
pub fn dense_vs_sparse() {
    let x = numpy_arange(-8.0, 8.0, 0.01).expect("a valid range");
    let y = numpy_arange(-8.0, 8.0, 0.01).expect("a valid range");
    let f64_bytes = size_of::<f64>();

    // Like NumPy's default: two full 1600 × 1600 arrays.
    let (xx, yy) = ndarray::meshgrid((&x, &y), MeshIndex::XY);
    let (dense_x, dense_y) = (xx.to_owned(), yy.to_owned());
    let dense = (dense_x.len() + dense_y.len()) * f64_bytes;
    let (dx, dy) = (dense_x.shape(), dense_y.shape());
    println!("dense:  {dx:?} {dy:?} {dense} bytes");

    // Like sparse=True: a row and a column; broadcasting stretches them.
    let (sx, sy) = (x.slice(s![NewAxis, ..]), y.slice(s![.., NewAxis]));
    let sparse = (sx.len() + sy.len()) * f64_bytes;
    println!("sparse: {:?} {:?} {sparse} bytes", sx.shape(), sy.shape());

    // Like copy=False: dense-looking views of x and y, stride 0, no bytes.
    let bytes = |v: &[isize]| {
        v.iter().map(|s| s * f64_bytes as isize).collect::<Vec<_>>()
    };
    println!(
        "views:  {:?} {:?} strides (bytes) {:?} {:?}",
        xx.shape(),
        yy.shape(),
        bytes(xx.strides()),
        bytes(yy.strides())
    );
    assert_eq!(dense, 40_960_000);
    assert_eq!(sparse, 25_600);
    assert_eq!((xx.as_ptr(), yy.as_ptr()), (x.as_ptr(), y.as_ptr()));
}
// ANCHOR_END: dense_vs_sparse

// ANCHOR: zero_on_the_grid
/// Does the grid contain 0.0, where sin(r²)/r² is 0/0? With NumPy's arange,
/// no; with ndarray's `Array::range`, yes.
///
/// # Panics
/// If one of its `assert`s fails (its `expect`s hold for these values).
pub fn zero_on_the_grid() {
    let x = numpy_arange(-8.0, 8.0, 0.01).expect("a valid range");
    let has_zero = |a: &Array1<f64>| a.iter().any(|&v| v == 0.0);
    println!("len: {}, x[800]: {:?}", x.len(), x[800]);
    println!("0.0 in x: {}", has_zero(&x));
    println!("step NumPy really used: {:?}", x[1] - x[0]);

    // Array::range multiplies by 0.01 itself, and lands on 0.0:
    let r = Array::range(-8.0, 8.0, 0.01);
    println!("Array::range: x[800] = {:?}", r[800]);
    println!("0.0 in x: {}", has_zero(&r));
    // So sin(r²)/r² (the function `sinc` below) has a NaN there.
    let nans = sinc(r.view(), r.view())
        .iter()
        .filter(|v| v.is_nan())
        .count();
    println!("NaN values of sin(r²)/r² on it: {nans}");
    // How far apart the two grids are, element by element:
    let (differ, most) = Zip::from(&x)
        .and(&r)
        .fold((0, 0.0_f64), |(n, most), &a, &b| {
            (n + usize::from(a != b), most.max((a - b).abs()))
        });
    println!("elements that differ: {differ} of 1600, by up to {most:.1e}");
    assert_eq!(x[800], -1.7053025658242404e-13);
    assert_eq!((r[800], nans), (0.0, 1));
    assert!(differ > 1500 && most < 4e-13);
}
// ANCHOR_END: zero_on_the_grid

// ANCHOR: linspace_pitfalls
/// `linspace` is not an exact grid either, and it differs from NumPy's at the
/// end; a grid of integers divided once hits 0 and the integers exactly.
///
/// # Panics
/// If one of its `assert`s fails.
pub fn linspace_pitfalls() {
    let a = Array::linspace(0.0, 0.9, 4);
    println!("linspace(0, 0.9, 4)[3]       = {:?}", a[3]);
    let b = Array::linspace(-0.9, 0.9, 7);
    println!("linspace(-0.9, 0.9, 7)[3]    = {:?}", b[3]);
    let c = Array::linspace(-8.0, 8.0, 1601);
    println!("linspace(-8, 8, 1601)[800]   = {:?}", c[800]);

    // np.arange(-800, 801) / 100: each element is one correctly rounded
    // division, and the middle one is 0 / 100 = 0 exactly.
    let grid = Array::from_iter((-800..=800).map(|i| f64::from(i) / 100.0));
    println!("((-800..=800) / 100)[800]    = {:?}", grid[800]);
    println!("((-800..=800) / 100)[1600]   = {:?}", grid[1600]);
    assert_eq!(a[3], 0.8999999999999999); // NumPy: 0.9, its `stop`
    assert_eq!(b[3], -1.1102230246251565e-16); // not 0.0
    assert_eq!((c[800], grid[800], grid[1600]), (0.0, 0.0, 8.0));
}
// ANCHOR_END: linspace_pitfalls

// ANCHOR: sinc_broadcast
/// `z = np.sin(xx**2 + yy**2) / (xx**2 + yy**2)` on sparse grids, step by
/// step, except that the sum is computed once (NumPy computes it twice): one
/// temporary of the full size, the sum; the quotient is written into the
/// sine's buffer, which becomes the result.
///
/// # Panics
/// Like [`sinc`], when the result, the sum held beside it, or the squares
/// cannot be allocated.
pub fn sinc_broadcast(x: ArrayView1<f64>, y: ArrayView1<f64>) -> Array2<f64> {
    // Held at once: first the squares of x and y beside their sum, then the
    // sum beside the sine's buffer (the quotient is written into it).
    let full = [y.len(), x.len()];
    let name = "sinc_broadcast";
    ensure_allocatable_together::<f64>(name, &[&full, &[x.len()], &[y.len()]]);
    ensure_allocatable_together::<f64>(name, &[&full, &full]);
    let xx = x.slice(s![NewAxis, ..]);
    let yy = y.slice(s![.., NewAxis]);
    let r2 = &xx.mapv(|v| v * v) + &yy.mapv(|v| v * v);
    r2.mapv(f64::sin) / &r2
}
// ANCHOR_END: sinc_broadcast

// ANCHOR: sinc
/// The same function in one pass: the squares are computed once per row and
/// column, and each output element is written once, with no full-size
/// temporary.
///
/// # Panics
/// When the `(y.len(), x.len())` result and the squares of `x` and `y`,
/// which it holds at once, cannot be allocated (NumPy: `MemoryError`, or
/// "array is too big" past `isize::MAX` bytes): a broadcast view can be
/// longer than memory, even beside an empty one.
pub fn sinc(x: ArrayView1<f64>, y: ArrayView1<f64>) -> Array2<f64> {
    // Held at once: the result and the squares of x and y.
    let (full, xs, ys) = ([y.len(), x.len()], [x.len()], [y.len()]);
    ensure_allocatable_together::<f64>("sinc", &[&full, &xs, &ys]);
    let x2 = x.mapv(|v| v * v);
    let y2 = y.mapv(|v| v * v).insert_axis(Axis(1));
    let shape = (y.len(), x.len());
    let (Some(xx2), Some(yy2)) = (x2.broadcast(shape), y2.broadcast(shape))
    else {
        unreachable!("a row and a column always broadcast to (rows, columns)");
    };
    Zip::from(xx2).and(yy2).map_collect(|&a, &b| {
        let r2 = a + b;
        r2.sin() / r2
    })
}
// ANCHOR_END: sinc

// ANCHOR: z_values
/// The function on the tutorial's grid, at the points NumPy printed, and a
/// checksum of every element's bits.
///
/// # Panics
/// If one of its `assert`s fails (its `expect`s hold for these values).
pub fn z_values() {
    let x = numpy_arange(-8.0, 8.0, 0.01).expect("a valid range");
    let z = sinc(x.view(), x.view());
    let nans = z.iter().filter(|v| v.is_nan()).count();
    // f64::max skips a NaN, where np.max returns it: the line above counts
    // them (none on this grid).
    let max = z.iter().copied().fold(f64::MIN, f64::max);
    println!("shape: {:?}, NaN values: {nans}, max: {max}", z.shape());
    for (i, j) in [(0, 0), (800, 800), (123, 456), (1599, 1599)] {
        println!("z[{i}, {j}] = {:?}", z[[i, j]]);
    }
    // The sum of all 2,560,000 bit patterns, wrapping at 2^64, like
    // NumPy's z.view(np.uint64).sum(): equal sums, equal bits (almost surely).
    let bits = z.iter().fold(0_u64, |sum, v| sum.wrapping_add(v.to_bits()));
    println!("bit checksum: {bits}");
    assert_eq!(nans, 0);
    assert_eq!(z, sinc_broadcast(x.view(), x.view()));
}
// ANCHOR_END: z_values

// ANCHOR: arange_errors
/// Where NumPy raises, `numpy_arange` returns an error.
///
/// # Panics
/// If one of its `assert`s fails.
pub fn arange_errors() {
    let cases = [
        (0.0, 1.0, 0.0),           // ZeroDivisionError
        (0.0, f64::NAN, 1.0),      // arange: cannot compute length
        (0.0, f64::INFINITY, 1.0), // Maximum allowed size exceeded
        (0.0, 1.0, 1e-300),        // Maximum allowed size exceeded
        (0.0, 1e18, 1.0),          // MemoryError
    ];
    for (start, stop, step) in cases {
        match numpy_arange(start, stop, step) {
            Ok(a) => println!("({start:?}, {stop:?}, {step:?}): {a}"),
            Err(e) => println!("({start:?}, {stop:?}, {step:?}): {e}"),
        }
    }
    assert_eq!(numpy_arange(0.0, 1.0, -0.0), Err(ArangeError::ZeroStep));
}
// ANCHOR_END: arange_errors

// ANCHOR: exercise_ij
/// Exercise: matrix (IJ) indexing gives shape (len(x), len(y)) instead of
/// (len(y), len(x)).
///
/// # Panics
/// If one of its `assert`s fails.
pub fn exercise_ij() {
    let x = array![1, 2];
    let y = array![3, 4, 5];
    let (xx, yy) = ndarray::meshgrid((&x, &y), MeshIndex::IJ);
    println!("{xx}\n{yy}");
    println!("shapes: {:?} and {:?}", xx.shape(), yy.shape());
    assert_eq!(xx.shape(), &[2, 3]);
    assert_eq!(yy.row(0), y);
}
// ANCHOR_END: exercise_ij

// ANCHOR: exercise_saddle
/// Exercise: the minimum of x² − y² on a 201 × 201 grid of [−1, 1]², and
/// where it is.
///
/// # Panics
/// If one of its `assert`s fails.
pub fn exercise_saddle() {
    let axis = Array::linspace(-1.0, 1.0, 201);
    let (xx, yy) = ndarray::meshgrid((&axis, &axis), MeshIndex::XY);
    let z = Zip::from(xx).and(yy).map_collect(|&x, &y| x * x - y * y);
    let (at, min) =
        z.indexed_iter().fold(((0, 0), f64::MAX), |best, (ij, &v)| {
            if v < best.1 {
                (ij, v)
            } else {
                best
            }
        });
    println!("min {min} at x = {}, y = {}", axis[at.1], axis[at.0]);
    assert_eq!(min, -1.0);
    assert_eq!(axis[at.1], 0.0);
    // Two cells reach the minimum, (0, -1) and (0, 1); the strict `<` keeps
    // the first in row-major order, as np.argmin does. (Not with NaN: np.argmin
    // answers the first NaN's index, and `v < best.1` is false for every NaN.)
    assert_eq!(z.iter().filter(|&&v| v == min).count(), 2);
    assert_eq!(axis[at.0], -1.0);
}
// ANCHOR_END: exercise_saddle

#[cfg(test)]
mod tests {
    use super::*;

    /// The chapter gives the size of one result of the benchmarked `sinc`: the
    /// tutorial's grid of `np.arange(-8, 8, 0.01)` on each axis, in f64.
    #[test]
    fn the_prose_gives_the_size_of_one_result() {
        let side = arange_length(-8.0, 8.0, 0.01).expect("valid");
        let megabytes = (side * side * std::mem::size_of::<f64>()) as f64 / 1e6;
        let said = format!("frees a {:.0}&nbsp;MB result", megabytes);
        crate::chapter::assert_page_says("ch06-meshgrid.md", &said);
    }

    #[test]
    fn numpy_arange_matches_numpy() {
        // Values NumPy 2.4 printed: python/outputs/ch06-meshgrid/ (x[800] and
        // the step) and edge-cases/meshgrid.json (every element, which the
        // edge-case test compares).
        let x = numpy_arange(-8.0, 8.0, 0.01).expect("valid");
        assert_eq!(x.len(), 1600);
        assert_eq!(x[800], -1.7053025658242404e-13);
        assert_eq!(x[1] - x[0], 0.009999999999999787);
        assert_eq!(x[1599], 7.989999999999659);
        assert_eq!(
            numpy_arange(-1.0, 1.05, 0.5),
            Ok(array![-1.0, -0.5, 0.0, 0.5, 1.0])
        );
        assert_eq!(numpy_arange(-5.0, 5.0, 0.25).map(|a| a.len()), Ok(40));
        assert_eq!(numpy_arange(1.0, 0.0, 1.0).map(|a| a.len()), Ok(0));
    }

    /// `numpy_arange`'s doc: on `(-8, 8, 0.01)` it is less than 4e-13 from
    /// `Array::range`, which near 0 is about 10^5 ulps of the values (98,304
    /// at ±0.01, where a value's ulp is 1.7e-18), not "a few hundred".
    #[test]
    fn numpy_arange_and_range_differ_by_many_ulps_near_zero() {
        let x = numpy_arange(-8.0, 8.0, 0.01).expect("valid");
        let r = Array::range(-8.0, 8.0, 0.01);
        // Floats in order as integers: the ulps between two of one sign.
        let ordered = |v: f64| {
            let bits = v.to_bits() as i64;
            if bits < 0 { -(bits & i64::MAX) } else { bits }
        };
        let (mut most_apart, mut most_ulps) = (0.0_f64, 0_u64);
        for (&a, &b) in x.iter().zip(&r).filter(|&(_, &b)| b != 0.0) {
            most_apart = most_apart.max((a - b).abs());
            most_ulps = most_ulps.max(ordered(a).abs_diff(ordered(b)));
        }
        assert!(most_apart < 4e-13, "{most_apart:e}");
        assert!((50_000..200_000).contains(&most_ulps), "{most_ulps}");
    }

    /// `sinc`'s `# Panics` once said NumPy raises `MemoryError` where the
    /// arrays cannot be allocated. For an array past `isize::MAX` bytes NumPy
    /// raises "array is too big" instead (NumPy 2.4.6:
    /// `np.meshgrid(np.broadcast_to(2.0, 2**62), [], sparse=True)` copies x),
    /// as the panic message of both functions says: `sinc`'s doc names it, and
    /// `sinc_broadcast`'s refers to `sinc`'s under its own `# Panics`.
    #[test]
    fn sinc_names_numpys_error_for_an_array_no_memory_can_hold() {
        let two = Array1::from_elem(1, 2.0);
        let x = two.broadcast(1 << 62).expect("a broadcast");
        let y = Array1::<f64>::zeros(0);
        let numpy = "\"array is too big\"";
        for function in [sinc, sinc_broadcast] {
            let payload = std::panic::catch_unwind(|| function(x, y.view()))
                .expect_err("x has no room");
            let message = payload.downcast_ref::<String>().expect("a formatted panic");
            assert!(message.contains(numpy), "{message}");
        }
        let doc = crate::chapter::doc_text(include_str!("mod.rs"));
        let said = format!("(NumPy: `MemoryError`, or {numpy} past `isize::MAX` bytes)");
        assert!(doc.contains(&said), "sinc's doc: {said}");
        let said = "# Panics Like [`sinc`], when the result, the sum held beside it";
        assert!(doc.contains(said), "sinc_broadcast's doc: {said}");
    }

    /// `ArangeError::TooLarge`'s doc listed where NumPy raises, but not the
    /// one length where the crate refuses and NumPy 2.4.6 answers: exactly
    /// 2^63 (`np.arange(0, 2.0**63, 1.0)` and `np.arange(-1.8, -2.0**63, -1.0)`
    /// return empty arrays; the random sweep of review 10 found 28 such cases
    /// and no other difference in 29,246). The doc says so.
    #[test]
    fn too_large_names_the_length_numpy_gets_wrong() {
        let limit = 2f64.powi(63);
        for (start, stop, step) in [(0.0, limit, 1.0), (-1.8, -limit, -1.0)] {
            assert_eq!(
                arange_length(start, stop, step),
                Err(ArangeError::TooLarge { length: limit })
            );
        }
        let doc = crate::chapter::doc_text(include_str!("mod.rs"));
        let said = "So is a length of exactly 2^63, where NumPy 2.4 returns an empty array";
        assert!(doc.contains(said), "TooLarge's doc: {said}");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Any float now and then (NaN, ±inf, subnormals, huge), and the
        /// values whose r² is 0, underflows or overflows.
        fn value() -> impl Strategy<Value = f64> {
            prop_oneof![
                3 => -10.0..10.0_f64,
                1 => any::<f64>(),
                1 => prop::sample::select(vec![
                    0.0, -0.0, 5e-324, 1e-160, -1e-170, 1e154, -1e155,
                    f64::INFINITY, f64::NEG_INFINITY, f64::NAN, f64::MAX,
                ]),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            /// `sinc` and `sinc_broadcast` give, at (i, j), the bits of
            /// sin(r²) / r² with r² = x[j]² + y[i]², NumPy's formula element by
            /// element (NaN for NaN), from reversed and strided views too.
            #[test]
            fn sinc_is_the_formula_element_by_element(
                x in prop::collection::vec(value(), 0..7),
                y in prop::collection::vec(value(), 0..7),
                reversed in any::<bool>(),
            ) {
                let (x, y) = (Array1::from(x), Array1::from(y));
                let (x, y) = if reversed {
                    (x.slice_move(s![..;-1]), y.slice_move(s![..;2]))
                } else {
                    (x, y)
                };
                let want = Array2::from_shape_fn((y.len(), x.len()), |(i, j)| {
                    let r2 = x[j] * x[j] + y[i] * y[i];
                    r2.sin() / r2
                });
                for got in [sinc(x.view(), y.view()), sinc_broadcast(x.view(), y.view())] {
                    prop_assert_eq!(got.dim(), want.dim());
                    for (g, w) in got.iter().zip(&want) {
                        prop_assert!(
                            g.to_bits() == w.to_bits() || (g.is_nan() && w.is_nan()),
                            "{} vs {}", g, w
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn float_maths_methods_match_mapv() {
        // The table's `a.sin()`: ndarray 0.17's method, the same as mapv.
        let a = array![0.0, 1.0, -2.5];
        assert_eq!(a.sin(), a.mapv(f64::sin));
    }
}
