//! Chapter 9, "Convolution": a teaching `convolve2d` with SciPy's semantics, built on
//! ndarray's windows, checked against SciPy and against the `ndarray-conv` crate.

// `s![0..-2, ..]` counts negative ends from the end of the axis, like NumPy; clippy reads
// `0..-2` as an empty Rust range. And `&a + &b` keeps the NumPy shape of the neighbour sum.
#![allow(clippy::reversed_empty_ranges, clippy::op_ref)]

mod figures;
mod numpy_table;
mod tables;

use std::fmt;

use ndarray::prelude::*;
use ndarray::{LinalgScalar, Zip};

use crate::allocation::{ensure_allocatable, ensure_allocatable_together};
use crate::chapter::{samples, Chapter, Figure, Table};
use crate::random::RandomState;

pub use figures::render_kernel;
pub use tables::convolution_table;

/// What chapter 9 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch09-convolution",
    samples: samples![
        neighbours_by_convolution,
        three_modes,
        flip_or_not,
        with_ndarray_conv,
        ndarray_conv_vs_scipy,
        exercise_box_blur,
        exercise_commutative,
    ],
    figures: &[Figure::new("kernel.png", render_kernel)],
    tables: &[
        Table::text("convolution-table.md", convolution_table),
        Table::text("numpy-table.md", numpy_table::render),
    ],
};

// ANCHOR: mode
/// Which part of the full convolution to return, as in
/// `scipy.signal.convolve2d`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every position where input and kernel overlap:
    /// `(M + P - 1) × (N + Q - 1)`.
    Full,
    /// The size of the input, cut from the full result as SciPy cuts it.
    Same,
    /// Only positions where the kernel lies entirely inside the input:
    /// `(M - P + 1) × (N - Q + 1)`; for a kernel larger than the input,
    /// which SciPy swaps with it, `(P - M + 1) × (Q - N + 1)`.
    Valid,
}
// ANCHOR_END: mode

// ANCHOR: conv_scalar
/// The element types `convolve2d` accepts, and how they multiply and add.
/// Integers wrap on overflow, as SciPy's `int64` and `uint8` do, in every
/// build profile; floats use the plain operators.
pub trait ConvScalar: LinalgScalar {
    /// `acc + x · k`.
    fn mul_add(acc: Self, x: Self, k: Self) -> Self;
}

macro_rules! wrapping_conv_scalar {
    ($($t:ty),*) => {$(
        impl ConvScalar for $t {
            fn mul_add(acc: $t, x: $t, k: $t) -> $t {
                acc.wrapping_add(x.wrapping_mul(k))
            }
        }
    )*};
}
wrapping_conv_scalar!(i8, i16, i32, i64, i128, isize);
wrapping_conv_scalar!(u8, u16, u32, u64, u128, usize);

impl ConvScalar for f32 {
    fn mul_add(acc: f32, x: f32, k: f32) -> f32 {
        acc + x * k
    }
}

impl ConvScalar for f64 {
    fn mul_add(acc: f64, x: f64, k: f64) -> f64 {
        acc + x * k
    }
}
// ANCHOR_END: conv_scalar

// ANCHOR: conv_error
/// Why a convolution cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConvError {
    /// An operand has no elements. SciPy 1.17 does not check this: it returns
    /// arrays of odd shapes, of zeros (a 3×3 one for 0×0 with 2×2 in `valid`
    /// mode) or, in `full` mode, of NaN when the kernel holds a NaN or an
    /// infinity; or it raises "negative dimensions are not allowed".
    Empty {
        /// The shape of the input.
        input: (usize, usize),
        /// The shape of the kernel.
        kernel: (usize, usize),
    },
    /// `Valid` needs one operand to be at least as large as the other in
    /// every dimension.
    ValidNeedsContainment {
        /// The shape of the input.
        input: (usize, usize),
        /// The shape of the kernel.
        kernel: (usize, usize),
    },
}

/// The shapes `mode` cannot convolve, as SciPy refuses them (and empty ones).
///
/// # Errors
/// [`ConvError::Empty`] when a shape has no elements;
/// [`ConvError::ValidNeedsContainment`] in `Valid` mode when neither shape
/// is at least as large as the other in both dimensions.
pub fn check_shapes(
    input: (usize, usize),
    kernel: (usize, usize),
    mode: Mode,
) -> Result<(), ConvError> {
    let ((m, n), (p, q)) = (input, kernel);
    if m == 0 || n == 0 || p == 0 || q == 0 {
        return Err(ConvError::Empty { input, kernel });
    }
    let contained = (m >= p && n >= q) || (p >= m && q >= n);
    if mode == Mode::Valid && !contained {
        return Err(ConvError::ValidNeedsContainment { input, kernel });
    }
    Ok(())
}

impl fmt::Display for ConvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConvError::Empty { input, kernel } => write!(
                f,
                "input {}×{} and kernel {}×{} must both be non-empty",
                input.0, input.1, kernel.0, kernel.1
            ),
            ConvError::ValidNeedsContainment { input, kernel } => write!(
                f,
                "Valid mode: neither {}×{} (input) nor {}×{} (kernel) \
                 contains the other",
                input.0, input.1, kernel.0, kernel.1
            ),
        }
    }
}

impl std::error::Error for ConvError {}
// ANCHOR_END: conv_error

// ANCHOR: convolve2d
/// Two-dimensional convolution with `scipy.signal.convolve2d`'s semantics
/// (`boundary='fill'`, `fillvalue=0`):
/// `out[i][j] = Σ input[k][l] · kernel[i - k][j - l]`.
///
/// Each sum is added in one order, the input's window row by row, whatever
/// the arrays' layouts (in `Valid` mode with a kernel larger than the input,
/// where the two swap roles as in SciPy, the kernel's window). SciPy's order
/// depends on the shapes, so float results can differ from it by rounding,
/// and more where a sum overflows or cancels: `[[1, 1e308, -1e308]]` with a
/// kernel of three ones gives 0 here and 1 in SciPy (the exact sum),
/// `[[1e308, 1e308, -1e308]]` gives inf here and 1e308 there.
///
/// # Errors
/// [`ConvError::Empty`] when an operand has no elements, in every mode;
/// [`ConvError::ValidNeedsContainment`] in `Valid` mode when neither
/// operand is at least as large as the other in both dimensions (see
/// [`check_shapes`]).
///
/// # Panics
/// When the result, or the zero-padded input of `Full` and `Same` (alone or
/// together with the full result, which is held beside it), cannot be
/// allocated (NumPy: "array is too big" above `isize::MAX` bytes, else
/// `MemoryError`); the message names
/// [`convolve_valid`] or [`convolve_full`], which allocate them.
pub fn convolve2d<T: ConvScalar>(
    input: ArrayView2<T>,
    kernel: ArrayView2<T>,
    mode: Mode,
) -> Result<Array2<T>, ConvError> {
    check_shapes(input.dim(), kernel.dim(), mode)?;
    let ((m, n), (p, q)) = (input.dim(), kernel.dim());
    Ok(match mode {
        Mode::Full => convolve_full(input, kernel),
        // SciPy's centring: start at row (P - 1) / 2, column (Q - 1) / 2.
        Mode::Same => cut_window(
            convolve_full(input, kernel),
            ((p - 1) / 2, (q - 1) / 2),
            (m, n),
        ),
        Mode::Valid if m >= p && n >= q => convolve_valid(input, kernel),
        // Convolution is commutative: SciPy swaps the operands when the
        // kernel is the larger.
        Mode::Valid => convolve_valid(kernel, input),
    })
}
// ANCHOR_END: convolve2d

// ANCHOR: full_valid_cut
/// The `Full` convolution: the `Valid` one of the input padded with P - 1
/// rows and Q - 1 columns of zeros on every side. An empty input gives
/// the full shape, `(M + P - 1) × (N + Q - 1)`, filled as SciPy fills it:
/// each element sums the kernel times zeros, which is 0, or NaN for a float
/// kernel holding a NaN or an infinity.
///
/// # Panics
/// If the kernel is empty ([`convolve2d`] returns an error instead), or
/// when the result, the padded input, or both together (they are held at
/// once) cannot be allocated (NumPy: "array is too big", or `MemoryError`).
pub fn convolve_full<T: ConvScalar>(
    input: ArrayView2<T>,
    kernel: ArrayView2<T>,
) -> Array2<T> {
    let ((m, n), (p, q)) = (input.dim(), kernel.dim());
    assert!(p > 0 && q > 0, "convolve_full: the kernel is empty");
    // The result is what SciPy allocates, so a shape too big is named by
    // it, not by the padded input SciPy never makes. (No side exceeds
    // isize::MAX, so the sums cannot wrap.)
    let shape = [m + p - 1, n + q - 1];
    ensure_allocatable::<T>("convolve_full", &shape);
    if m == 0 || n == 0 {
        // Only padding under the kernel: every element is the sum of 0 · k
        // over the whole kernel, 0 unless a NaN or an infinity makes it NaN
        // (SciPy's answer). Summed once, and only when the result has
        // elements: then the kernel has at most four times as many. (Padded,
        // a 0-row input has fewer rows than a 1-row kernel, which
        // `convolve_valid` refuses.)
        if shape.contains(&0) {
            return Array2::zeros(shape);
        }
        let zero = T::zero();
        let sum = kernel.iter().fold(zero, |sum, &k| T::mul_add(sum, zero, k));
        return Array2::from_elem(shape, sum);
    }
    // Checked: a huge (broadcast) kernel must not wrap the size around.
    let [Some(rows), Some(cols)] =
        [m.checked_add(2 * (p - 1)), n.checked_add(2 * (q - 1))]
    else {
        panic!("convolve_full: the padded input is too big for memory");
    };
    let padded_shape = [rows, cols];
    // Held at once: the padded input and the result computed from it.
    ensure_allocatable_together::<T>("convolve_full", &[&padded_shape, &shape]);
    let mut padded = Array2::zeros(padded_shape);
    padded
        .slice_mut(s![p - 1..p - 1 + m, q - 1..q - 1 + n])
        .assign(&input);
    convolve_valid(padded.view(), kernel)
}

/// Every window of the input (at least as large as the kernel) times the
/// flipped kernel, summed row by row, left to right, whatever the arrays'
/// layouts.
///
/// # Panics
/// If the kernel is empty or larger than the input in either axis
/// ([`convolve2d`] returns an error or swaps the operands instead), or when
/// the result cannot be allocated (NumPy: "array is too big", or
/// `MemoryError`).
pub fn convolve_valid<T: ConvScalar>(
    input: ArrayView2<T>,
    kernel: ArrayView2<T>,
) -> Array2<T> {
    let ((m, n), (p, q)) = (input.dim(), kernel.dim());
    assert!(
        p > 0 && q > 0 && p <= m && q <= n,
        "convolve_valid: a {p}×{q} kernel does not fit a {m}×{n} input"
    );
    ensure_allocatable::<T>("convolve_valid", &[m - p + 1, n - q + 1]);
    let flipped = kernel.slice(s![..;-1, ..;-1]);
    Zip::from(input.windows(kernel.dim())).map_collect(|window| {
        // Row by row, left to right, whatever the layouts: a `Zip` of the
        // two would follow their memory order, and floats summed in another
        // order can round (or overflow) differently.
        let mut sum = T::zero();
        for (row, kernel_row) in window.rows().into_iter().zip(flipped.rows()) {
            for (&x, &k) in row.iter().zip(kernel_row) {
                sum = T::mul_add(sum, x, k);
            }
        }
        sum
    })
}

/// The `(m, n)` part of `full` whose top left corner is `(top, left)`.
///
/// # Panics
/// If that part does not lie inside `full`.
pub fn cut_window<T: Clone>(
    full: Array2<T>,
    (top, left): (usize, usize),
    (m, n): (usize, usize),
) -> Array2<T> {
    let (rows, cols) = full.dim();
    let (bottom, right) = (top.checked_add(m), left.checked_add(n));
    assert!(
        bottom.is_some_and(|b| b <= rows) && right.is_some_and(|r| r <= cols),
        "cut_window: a {m}×{n} window at ({top}, {left}) is not inside \
         {rows}×{cols}"
    );
    full.slice(s![top..top + m, left..left + n]).to_owned()
}
// ANCHOR_END: full_valid_cut

// ANCHOR: correlate2d
/// Cross-correlation, `scipy.signal.correlate2d`: the same sliding sums
/// without flipping the kernel. This is what "convolution" layers of
/// neural-network libraries compute.
///
/// # Errors
/// As [`convolve2d`]: [`ConvError::Empty`], and in `Valid` mode
/// [`ConvError::ValidNeedsContainment`].
///
/// # Panics
/// As [`convolve2d`].
pub fn correlate2d<T: ConvScalar>(
    input: ArrayView2<T>,
    kernel: ArrayView2<T>,
    mode: Mode,
) -> Result<Array2<T>, ConvError> {
    let flipped = kernel.slice(s![..;-1, ..;-1]);
    if mode != Mode::Same {
        return convolve2d(input, flipped, mode);
    }
    // SciPy cuts the Same window of a correlation at row P / 2, column Q / 2
    // of the full result: one place further than a convolution's when the
    // kernel's size is even.
    let ((m, n), (p, q)) = (input.dim(), kernel.dim());
    let full = convolve2d(input, flipped, Mode::Full)?;
    Ok(cut_window(full, (p / 2, q / 2), (m, n)))
}
// ANCHOR_END: correlate2d

// ANCHOR: neighbours_by_convolution
/// The Game of Life's neighbour count is a convolution: N1 == N2, as the
/// tutorial checks.
///
/// # Panics
/// If one of its checks fails.
pub fn neighbours_by_convolution() {
    let filters = array![[1, 1, 1], [1, 0, 1], [1, 1, 1]];
    // np.random.RandomState(42).choice([0, 1], size=(10, 10))
    let z = RandomState::new(42).randint(0, 2, 10, 10);

    let n1 = &z.slice(s![0..-2, 0..-2])
        + &z.slice(s![0..-2, 1..-1])
        + &z.slice(s![0..-2, 2..])
        + &z.slice(s![1..-1, 0..-2])
        + &z.slice(s![1..-1, 2..])
        + &z.slice(s![2.., 0..-2])
        + &z.slice(s![2.., 1..-1])
        + &z.slice(s![2.., 2..]);
    let n2 = convolve2d(z.view(), filters.view(), Mode::Valid)
        .expect("10×10 contains 3×3");

    println!("Are N1 and N2 identical?\n{}", n1 == n2);
    assert_eq!(n1, n2);
}
// ANCHOR_END: neighbours_by_convolution

// ANCHOR: three_modes
/// Full, Same and Valid on a 4×5 input with an asymmetric 3×2 kernel.
///
/// # Panics
/// If one of its checks fails.
pub fn three_modes() {
    let a = Array::from_iter(1..21)
        .into_shape_with_order((4, 5))
        .expect("20 = 4×5");
    let k = array![[1, 2], [3, 4], [5, 6]];
    for mode in [Mode::Full, Mode::Same, Mode::Valid] {
        let out = convolve2d(a.view(), k.view(), mode).expect("4×5 and 3×2");
        println!("{mode:?} {:?}\n{out}", out.dim());
    }
    let (ones_2x5, ones_3x2) =
        (Array2::<i64>::ones((2, 5)), Array2::ones((3, 2)));
    let err = convolve2d(ones_2x5.view(), ones_3x2.view(), Mode::Valid);
    println!("{}", err.expect_err("neither contains the other"));
}
// ANCHOR_END: three_modes

// ANCHOR: flip_or_not
/// Convolution flips the kernel; cross-correlation does not. Only an
/// asymmetric kernel shows it, and its Same window differs.
///
/// # Panics
/// If one of its checks fails.
pub fn flip_or_not() {
    let image = array![[0, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0]];
    let kernel = array![[1, 2], [3, 4]];
    for mode in [Mode::Full, Mode::Same] {
        let conv = convolve2d(image.view(), kernel.view(), mode);
        let corr = correlate2d(image.view(), kernel.view(), mode);
        let (conv, corr) = (conv.expect("non-empty"), corr.expect("non-empty"));
        println!("convolve2d, {mode:?}:\n{conv}");
        println!("correlate2d, {mode:?}:\n{corr}");
        if mode == Mode::Full {
            // The kernel stamped at the 1, as it is, or flipped:
            assert_eq!(conv.slice(s![1..3, 1..3]), kernel);
            let flipped = kernel.slice(s![..;-1, ..;-1]);
            assert_eq!(corr.slice(s![1..3, 1..3]), flipped);
        }
    }
}
// ANCHOR_END: flip_or_not

// ANCHOR: with_ndarray_conv
/// What to use in practice: the `ndarray-conv` crate (direct and FFT
/// convolution, one to six dimensions, several padding modes). On
/// integers it agrees with `convolve2d` (on floats, a NaN or an infinity
/// under a weight of 0 drops out of its sums).
///
/// # Panics
/// If one of its checks fails.
pub fn with_ndarray_conv() {
    use ndarray_conv::{ConvExt, ConvMode, PaddingMode};

    let z = RandomState::new(42).randint(0, 2, 10, 10);
    let filters = array![[1, 1, 1], [1, 0, 1], [1, 1, 1]];
    let theirs = z
        .conv(&filters, ConvMode::Valid, PaddingMode::Zeros)
        .expect("valid shapes");
    let ours = convolve2d(z.view(), filters.view(), Mode::Valid)
        .expect("valid shapes");
    println!(
        "ndarray-conv: {:?}, equal to convolve2d: {}",
        theirs.dim(),
        theirs == ours
    );
    assert_eq!(theirs, ours);
}
// ANCHOR_END: with_ndarray_conv

/// ndarray-conv takes no dynamic-dimension arrays (the chapter's "one to six
/// dimensions"): its traits need `RemoveAxis` on `Dim<[Ix; N]>`, which `IxDyn`
/// is not, so this does not compile.
///
/// ```compile_fail
/// use ndarray::{ArrayD, IxDyn};
/// use ndarray_conv::{ConvExt, ConvMode, PaddingMode};
///
/// let image = ArrayD::<i64>::zeros(IxDyn(&[4, 4]));
/// let kernel = ArrayD::<i64>::ones(IxDyn(&[2, 2]));
/// let _ = image.conv(&kernel, ConvMode::Full, PaddingMode::Zeros);
/// ```
///
/// The same lines with `Array2` compile and run:
///
/// ```
/// use ndarray::Array2;
/// use ndarray_conv::{ConvExt, ConvMode, PaddingMode};
///
/// let image = Array2::<i64>::zeros((4, 4));
/// let kernel = Array2::<i64>::ones((2, 2));
/// let full = image.conv(&kernel, ConvMode::Full, PaddingMode::Zeros).unwrap();
/// assert_eq!(full.dim(), (5, 5));
/// ```
#[allow(dead_code)] // it exists for its doc tests (rustdoc runs those of private items too)
const NDARRAY_CONV_TAKES_NO_IXDYN: () = ();

// ANCHOR: ndarray_conv_vs_scipy
/// Two of the places where `ndarray-conv` differs from SciPy: Valid mode
/// with a kernel larger than the input, and the Same window of a
/// correlation (`no_reverse`) with an even kernel.
///
/// # Panics
/// If one of its checks fails.
pub fn ndarray_conv_vs_scipy() {
    use ndarray_conv::{ConvExt, ConvMode, PaddingMode, ReverseKernel};

    let small = array![[1, 2], [3, 4]];
    let big = Array2::<i64>::ones((3, 3));
    let ours = convolve2d(small.view(), big.view(), Mode::Valid)
        .expect("SciPy swaps the operands");
    let theirs = small.conv(&big, ConvMode::Valid, PaddingMode::Zeros);
    println!("2×2 with a 3×3 kernel, Valid, convolve2d (like SciPy):");
    println!("{ours}\nndarray-conv returns an error: {}", theirs.is_err());
    assert!(theirs.is_err());

    let image = array![[0, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0]];
    let kernel = array![[1, 2], [3, 4]];
    let ours = correlate2d(image.view(), kernel.view(), Mode::Same)
        .expect("non-empty");
    let theirs = image
        .conv(kernel.no_reverse(), ConvMode::Same, PaddingMode::Zeros)
        .expect("same shapes");
    println!("correlation, Same: correlate2d (SciPy's)\n{ours}");
    println!("ndarray-conv, no_reverse:\n{theirs}");
    assert_ne!(theirs, ours);
}
// ANCHOR_END: ndarray_conv_vs_scipy

// ANCHOR: exercise_box_blur
/// Exercise: a 3 × 3 box blur in Same mode replaces each pixel by the mean
/// of its neighbourhood.
///
/// # Panics
/// If one of its checks fails.
pub fn exercise_box_blur() {
    let image = RandomState::new(3).rand(5, 5);
    let kernel = Array2::from_elem((3, 3), 1.0 / 9.0);
    let blurred =
        convolve2d(image.view(), kernel.view(), Mode::Same).expect("non-empty");
    let mean = image.slice(s![1..4, 1..4]).mean().unwrap_or(f64::NAN);
    println!("{:.6} {:.6}", blurred[[2, 2]], mean);
    assert!((blurred[[2, 2]] - mean).abs() < 1e-12);
}
// ANCHOR_END: exercise_box_blur

// ANCHOR: exercise_commutative
/// Exercise: in Full mode, convolution is commutative.
///
/// # Panics
/// If one of its checks fails.
pub fn exercise_commutative() {
    let a = Array::from_iter(1..13)
        .into_shape_with_order((3, 4))
        .expect("3×4");
    let k = array![[1, -1], [2, 0]];
    let ak = convolve2d(a.view(), k.view(), Mode::Full).expect("non-empty");
    let ka = convolve2d(k.view(), a.view(), Mode::Full).expect("non-empty");
    println!("{ak}");
    assert_eq!(ak, ka);
}
// ANCHOR_END: exercise_commutative

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentences under chapter 9's timing table: the benchmarks' kernel
    /// (`benchmarks::convolution::KERNEL`, which `python/bench.py` types
    /// for SciPy, in the table's benchmark and the size sweep) has four zero
    /// weights, and `ndarray-conv`'s `conv` leaves them out (a NaN under each
    /// of them drops out of its sum, not of `convolve2d`'s), so it computes
    /// five products per pixel where SciPy and `convolve2d` compute nine.
    #[test]
    fn the_benchmark_kernel_gives_ndarray_conv_less_work() {
        use crate::benchmarks::convolution::KERNEL;
        use ndarray_conv::{ConvExt, ConvMode, PaddingMode};
        let rows = KERNEL.map(|r| format!("[{:?}, {:?}, {:?}]", r[0], r[1], r[2]));
        let numpy = format!("kernel = np.array([{}])", rows.join(", "));
        let bench = std::fs::read_to_string(crate::chapter::repo_root().join("python/bench.py"))
            .expect("python/bench.py");
        assert_eq!(bench.matches(&numpy).count(), 2, "python/bench.py: {numpy}");
        let kernel = arr2(&KERNEL);
        let zeros = kernel.iter().filter(|&&w| w == 0.0).count();
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
        // NaN where the weights are 0, 1.0 elsewhere: one window.
        let image = kernel.mapv(|w| if w == 0.0 { f64::NAN } else { 1.0 });
        let theirs = image
            .conv(&kernel, ConvMode::Valid, PaddingMode::Zeros)
            .expect("valid shapes");
        let ours = convolve2d(image.view(), kernel.view(), Mode::Valid).expect("valid shapes");
        assert_eq!(theirs, array![[0.0]]); // 1 + 1 - 4 + 1 + 1
        assert!(ours[[0, 0]].is_nan());
        let shown = KERNEL.map(|r| format!("[{}, {}, {}]", r[0], r[1], r[2]));
        let chapter = crate::chapter::page_text("ch09-convolution.md");
        for said in [
            format!("the Laplacian `[{}]`,", shown.join(", ")),
            format!(
                "leaves out the kernel's {} zero weights, so it computes {} products per pixel, \
                 where SciPy and `convolve2d` compute {}",
                words[zeros],
                words[kernel.len() - zeros],
                words[kernel.len()]
            ),
        ] {
            assert!(chapter.contains(&said), "src/ch09-convolution.md: {said:?}");
        }
        let appendix = crate::chapter::page_text("appendix-performance.md");
        let said = format!("leaves out the benchmark kernel's {} zero weights", words[zeros]);
        assert!(appendix.contains(&said), "src/appendix-performance.md: {said:?}");
    }

    // SciPy's answers on the examples these tests once typed by hand
    // (np.arange(1, 21).reshape(4, 5) with even, odd and larger kernels, in
    // every mode; floats that round) are committed edge cases, which
    // tests/edge_cases/convolution.rs checks (ids arange-* and float-2x3-k2x2).

    #[test]
    fn a_window_outside_the_array_panics_in_every_profile() {
        let full = Array2::from_shape_fn((3, 3), |(i, j)| (3 * i + j) as i64);
        assert_eq!(cut_window(full.clone(), (1, 1), (2, 2)), array![[4, 5], [7, 8]]);
        assert_eq!(cut_window(full.clone(), (3, 0), (0, 3)).dim(), (0, 3));
        // Sizes that wrapped around (or overflowed) used to cut the wrong rows.
        for (corner, size) in [
            ((0, 0), (usize::MAX, 3)),
            ((usize::MAX - 1, 0), (1, 3)),
            ((usize::MAX, 0), (1, 1)),
            ((2, 0), (usize::MAX - 1, 1)),
            ((1 << 63, 0), (0, 1)),
            ((2, 2), (2, 1)),
        ] {
            let full = full.clone();
            let cut = std::panic::catch_unwind(|| cut_window(full, corner, size));
            let message = cut.expect_err("outside").downcast::<String>();
            assert!(
                message.is_ok_and(|m| m.starts_with("cut_window: a ")),
                "{corner:?} {size:?}"
            );
        }
    }

    #[test]
    fn errors_are_clear() {
        let e = convolve2d(
            Array2::<f64>::ones((2, 5)).view(),
            Array2::ones((3, 2)).view(),
            Mode::Valid,
        );
        assert_eq!(
            e,
            Err(ConvError::ValidNeedsContainment {
                input: (2, 5),
                kernel: (3, 2)
            })
        );
        let e = convolve2d(
            Array2::<f64>::ones((0, 5)).view(),
            Array2::ones((3, 2)).view(),
            Mode::Full,
        );
        assert!(matches!(e, Err(ConvError::Empty { .. })));
        let message = ConvError::ValidNeedsContainment {
            input: (2, 5),
            kernel: (3, 2),
        }
        .to_string();
        assert!(message.contains("nor 3×2 (kernel) contains the other"));
    }

    /// "One to six dimensions", as the chapter says: ndarray-conv's traits are
    /// implemented for `Dim<[Ix; N]>` with `RemoveAxis`, which ndarray has for
    /// `Ix1` to `Ix6` only (so not for `IxDyn`, checked by the `compile_fail`
    /// example on [`NDARRAY_CONV_TAKES_NO_IXDYN`]). The ends of the range work,
    /// and agree with a sum written out by hand.
    #[test]
    fn ndarray_conv_takes_one_to_six_dimensions() {
        use ndarray::{Array1, Array6};
        use ndarray_conv::{ConvExt, ConvMode, PaddingMode};

        let signal = Array1::from(vec![1_i64, 2, 3]);
        let kernel = Array1::from(vec![1_i64, 10]);
        let full = signal
            .conv(&kernel, ConvMode::Full, PaddingMode::Zeros)
            .expect("1-D shapes");
        assert_eq!(full.to_vec(), vec![1, 12, 23, 30]);

        let cube = Array6::from_shape_fn((2, 2, 2, 2, 2, 2), |(a, b, c, d, e, f)| {
            (a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f) as i64
        });
        let ones = Array6::<i64>::ones((2, 2, 2, 2, 2, 2));
        let valid = cube
            .conv(&ones, ConvMode::Valid, PaddingMode::Zeros)
            .expect("6-D shapes");
        assert_eq!(valid.shape(), &[1; 6]);
        assert_eq!(valid[[0; 6]], cube.sum());

        // The page says so in words that page_text joins across lines.
        let page = crate::chapter::page_text("ch09-convolution.md");
        let said = "convolves arrays of one to six dimensions (ndarray's `Ix1` to `Ix6`, \
                    not the dynamic `IxDyn`)";
        assert!(page.contains(said), "src/ch09-convolution.md: {said:?}");
    }

    /// The chapter's first difference from SciPy: ndarray-conv refuses an
    /// empty operand with an error, as `convolve2d` does, where SciPy returns
    /// arrays of odd shapes or raises another error (the convolution edge
    /// data): in every mode, directly and through the FFT.
    #[test]
    fn ndarray_conv_refuses_empty_operands_like_convolve2d() {
        use ndarray_conv::{ConvExt, ConvFFTExt, ConvMode, PaddingMode};

        let shapes = [
            ((0, 3), (2, 2)),
            ((3, 0), (2, 2)),
            ((0, 0), (2, 2)),
            ((2, 2), (0, 3)),
            ((2, 2), (2, 0)),
            ((0, 3), (0, 3)),
        ];
        let modes = [
            (Mode::Full, ConvMode::Full),
            (Mode::Same, ConvMode::Same),
            (Mode::Valid, ConvMode::Valid),
        ];
        for (input, kernel) in shapes {
            let (a, k) = (Array2::<f64>::ones(input), Array2::<f64>::ones(kernel));
            for (mode, theirs) in modes {
                let what = format!("{input:?} with {kernel:?}, {mode:?}");
                assert!(
                    matches!(
                        convolve2d(a.view(), k.view(), mode),
                        Err(ConvError::Empty { .. })
                    ),
                    "convolve2d, {what}"
                );
                let direct = a.conv(&k, theirs, PaddingMode::Zeros);
                assert!(direct.is_err(), "conv, {what}: {direct:?}");
                let fft = a.conv_fft(&k, theirs, PaddingMode::Zeros);
                assert!(fft.is_err(), "conv_fft, {what}: {fft:?}");
            }
        }
    }

    /// The chapter's second difference from SciPy: ndarray-conv adds with the
    /// plain `+`, which panics on overflow in a build with overflow checks
    /// (debug builds, and so these tests), where `convolve2d` wraps.
    #[test]
    #[cfg(debug_assertions)]
    fn ndarray_conv_panics_on_integer_overflow_where_convolve2d_wraps() {
        use ndarray_conv::{ConvExt, ConvMode, PaddingMode};

        let image = array![[i64::MAX, 1]];
        let kernel = array![[1_i64, 1]];
        let ours = convolve2d(image.view(), kernel.view(), Mode::Valid)
            .expect("the image contains the kernel");
        assert_eq!(ours, array![[i64::MIN]]); // wraps, like SciPy
        let theirs = std::panic::catch_unwind(|| {
            image.conv(&kernel, ConvMode::Valid, PaddingMode::Zeros)
        });
        assert!(theirs.is_err(), "ndarray-conv no longer panics: {theirs:?}");
    }

    #[test]
    fn sums_run_row_by_row_as_documented() {
        let ones = array![[1.0, 1.0, 1.0]];
        let cancels = array![[1.0, 1e308, -1e308]];
        let overflows = array![[1e308, 1e308, -1e308]];
        let valid = |a: &Array2<f64>| {
            convolve2d(a.view(), ones.view(), Mode::Valid).expect("same shape")
        };
        assert_eq!(valid(&cancels), array![[0.0]]); // SciPy: 1.0
        assert_eq!(valid(&overflows), array![[f64::INFINITY]]); // SciPy: 1e308
        // The hostile review's case: the same values, stored by columns.
        let a = array![[1e308, 1e308], [-1e308, 0.0]];
        let a_f = a.t().as_standard_layout().into_owned();
        let k = Array2::<f64>::ones((2, 2));
        let c = convolve2d(a.view(), k.view(), Mode::Valid).expect("fits");
        let c_f = convolve2d(a_f.t(), k.view(), Mode::Valid).expect("fits");
        assert_eq!(c.mapv(f64::to_bits), c_f.mapv(f64::to_bits));
    }

    mod properties {
        use super::super::*;
        use ndarray_conv::{ConvExt, ConvMode, PaddingMode, ReverseKernel};
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn agrees_with_ndarray_conv(seed in 0u32..5000, m in 1usize..9, n in 1usize..9, p in 1usize..5, q in 1usize..5) {
                let mut rng = RandomState::new(seed);
                let input = rng.randint(-9, 10, m, n);
                let kernel = rng.randint(-9, 10, p, q);
                let full = convolve2d(input.view(), kernel.view(), Mode::Full).expect("non-empty");
                let theirs = input.conv(&kernel, ConvMode::Full, PaddingMode::Zeros).expect("full");
                prop_assert_eq!(&full, &theirs);
                // Same, even kernels and kernels larger than the input included.
                let same = convolve2d(input.view(), kernel.view(), Mode::Same).expect("non-empty");
                let theirs = input.conv(&kernel, ConvMode::Same, PaddingMode::Zeros).expect("same");
                prop_assert_eq!(&same, &theirs);
                let corr = correlate2d(input.view(), kernel.view(), Mode::Full).expect("non-empty");
                let theirs = input.conv(kernel.no_reverse(), ConvMode::Full, PaddingMode::Zeros).expect("full");
                prop_assert_eq!(&corr, &theirs);
                if m >= p && n >= q {
                    let valid = convolve2d(input.view(), kernel.view(), Mode::Valid).expect("contains");
                    let theirs = input.conv(&kernel, ConvMode::Valid, PaddingMode::Zeros).expect("valid");
                    prop_assert_eq!(valid, theirs);
                }
            }

            #[test]
            fn float_results_do_not_depend_on_layout(seed in 0u32..5000, m in 1usize..7, n in 1usize..7, p in 1usize..5, q in 1usize..5) {
                let mut rng = RandomState::new(seed);
                let input = rng.rand(m, n) - 0.5;
                let kernel = rng.rand(p, q) - 0.5;
                // The same values, stored column by column.
                let column_major = |a: &Array2<f64>| a.t().as_standard_layout().into_owned();
                let (input_f, kernel_f) = (column_major(&input), column_major(&kernel));
                for mode in [Mode::Full, Mode::Same, Mode::Valid] {
                    if mode == Mode::Valid && (p > m || q > n) && (m > p || n > q) {
                        continue; // neither contains the other
                    }
                    let c = convolve2d(input.view(), kernel.view(), mode).expect("valid shapes");
                    let c_f = convolve2d(input_f.t(), kernel_f.t(), mode).expect("valid shapes");
                    prop_assert_eq!(c.mapv(f64::to_bits), c_f.mapv(f64::to_bits));
                    let r = correlate2d(input.view(), kernel.view(), mode).expect("valid shapes");
                    let r_f = correlate2d(input_f.t(), kernel_f.t(), mode).expect("valid shapes");
                    prop_assert_eq!(r.mapv(f64::to_bits), r_f.mapv(f64::to_bits));
                }
            }

            /// Operands with no rows or no columns (and small ones around
            /// them): an error for an empty one, in every mode of both
            /// functions; otherwise an answer of the documented shape, or
            /// the Valid mode's error when neither contains the other.
            #[test]
            fn empty_operands_are_an_error_and_shapes_are_scipys(m in 0usize..4, n in 0usize..4, p in 0usize..4, q in 0usize..4) {
                let (input, kernel) = (Array2::<i64>::ones((m, n)), Array2::<i64>::ones((p, q)));
                let shapes = ((m, n), (p, q));
                for mode in [Mode::Full, Mode::Same, Mode::Valid] {
                    for (name, got) in [
                        ("convolve2d", convolve2d(input.view(), kernel.view(), mode)),
                        ("correlate2d", correlate2d(input.view(), kernel.view(), mode)),
                    ] {
                        let contained = (m >= p && n >= q) || (p >= m && q >= n);
                        let want = if m * n * p * q == 0 {
                            Err(ConvError::Empty { input: shapes.0, kernel: shapes.1 })
                        } else if mode == Mode::Valid && !contained {
                            Err(ConvError::ValidNeedsContainment { input: shapes.0, kernel: shapes.1 })
                        } else {
                            Ok(match mode {
                                Mode::Full => (m + p - 1, n + q - 1),
                                Mode::Same => (m, n),
                                Mode::Valid => (m.abs_diff(p) + 1, n.abs_diff(q) + 1),
                            })
                        };
                        prop_assert_eq!(got.map(|a| a.dim()), want, "{} {:?}", name, mode);
                    }
                }
            }

            /// ±0.0, ±inf, NaN and sums that overflow, stored by rows or by
            /// columns: every window is added in the same order, so the
            /// same values come out (any NaN for a NaN: its sign bit is
            /// not specified).
            #[test]
            fn special_floats_do_not_depend_on_layout(
                seed in 0u32..5000, m in 1usize..6, n in 1usize..6, p in 1usize..4, q in 1usize..4,
            ) {
                const SPECIAL: [f64; 8] = [0.0, -0.0, 1.5, -2.0, 1e308, f64::INFINITY, f64::NEG_INFINITY, f64::NAN];
                let mut rng = RandomState::new(seed);
                let pick = |a: Array2<i64>| a.mapv(|i| SPECIAL[i as usize]);
                let input = pick(rng.randint(0, 8, m, n));
                let kernel = pick(rng.randint(0, 8, p, q));
                let column_major = |a: &Array2<f64>| a.t().as_standard_layout().into_owned();
                let (input_f, kernel_f) = (column_major(&input), column_major(&kernel));
                let same = |a: &Array2<f64>, b: &Array2<f64>| {
                    a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()))
                };
                for mode in [Mode::Full, Mode::Same, Mode::Valid] {
                    if mode == Mode::Valid && (p > m || q > n) && (m > p || n > q) {
                        continue; // neither contains the other
                    }
                    let c = convolve2d(input.view(), kernel.view(), mode).expect("valid shapes");
                    let c_f = convolve2d(input_f.t(), kernel_f.t(), mode).expect("valid shapes");
                    prop_assert!(same(&c, &c_f), "{:?}: {} and {}", mode, c, c_f);
                    let r = correlate2d(input.view(), kernel.view(), mode).expect("valid shapes");
                    let r_f = correlate2d(input_f.t(), kernel_f.t(), mode).expect("valid shapes");
                    prop_assert!(same(&r, &r_f), "{:?}: {} and {}", mode, r, r_f);
                }
            }

            #[test]
            fn full_is_the_defining_sum(seed in 0u32..5000, m in 1usize..6, n in 1usize..6, p in 1usize..4, q in 1usize..4) {
                let mut rng = RandomState::new(seed);
                let input = rng.randint(-9, 10, m, n);
                let kernel = rng.randint(-9, 10, p, q);
                let full = convolve2d(input.view(), kernel.view(), Mode::Full).expect("non-empty");
                for ((i, j), &value) in full.indexed_iter() {
                    let mut sum = 0;
                    for k in 0..m { for l in 0..n {
                        if i >= k && j >= l && i - k < p && j - l < q {
                            sum += input[[k, l]] * kernel[[i - k, j - l]];
                        }
                    }}
                    prop_assert_eq!(value, sum);
                }
            }
        }
    }
}
