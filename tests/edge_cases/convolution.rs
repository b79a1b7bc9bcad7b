//! `convolution::convolve2d` and `correlate2d` against `scipy.signal.convolve2d`
//! and `scipy.signal.correlate2d`, in every mode, for `i64`, `u8`, `f64` and `f32`:
//! even and odd kernels, kernels larger than the input, NaN, ±inf, -0.0,
//! integers that overflow (both wrap, as SciPy's `int64` and `uint8` do) and
//! every layout of the inputs.
//!
//! `convolve_full` on its own is checked on empty inputs, where it gives
//! SciPy's answer of the full shape: zeros, or NaN for a float kernel with a
//! NaN or an infinity (SciPy multiplies it by the zeros it pads with).
//!
//! Documented differences: an empty operand is `ConvError::Empty`, where
//! SciPy 1.17.1 returns arrays of odd shapes (zeros, or NaN in full mode from
//! a kernel's NaN or infinity) or raises "negative dimensions are not
//! allowed"; and each window is summed row by row in the
//! input's order, where SciPy's convolve2d adds in another order, so a sum
//! that cancels or overflows can differ (the examples of `convolve2d`'s docs
//! are cases here, with SciPy's answers).

use chapters_code::convolution::{
    convolve2d, convolve_full, correlate2d, ConvError, ConvScalar, Mode,
};
use ndarray::prelude::*;

use crate::harness::{close_array, same_array, Case, Elem, Family, Input};

/// How far, relative to the larger magnitude, `convolve2d` may be from SciPy
/// on the random non-integer floats (SciPy may sum in another order).
const RELATIVE: f64 = 1e-13;

/// Chapter 9 states that tolerance: it must be the one the test uses. It
/// also says that the float32 cases are held to another rule, the summation
/// bound of [`within_summation_bound`] (twice gamma_(PQ+1) times the sum of
/// magnitudes), not the relative tolerance.
#[test]
fn the_chapter_states_the_tolerance_used() {
    let exponent = RELATIVE.log10().round();
    assert_eq!(RELATIVE, 10f64.powf(exponent));
    let said = format!("test compares within a relative $10^{{{exponent}}}$");
    let page = crate::support::words_of_repo_file("src/ch09-convolution.md");
    assert!(page.contains(&said), "src/ch09-convolution.md: {said:?}");
    let float32 =
        "the float32 cases, which SciPy also adds in float32 and the \
         test compares within the error bound of a float32 sum of that \
         many terms, doubled";
    assert!(
        page.contains(float32),
        "src/ch09-convolution.md: {float32:?}"
    );
}

#[test]
fn convolution_matches_scipy() {
    let family = Family::load("convolution");
    family.covers(&[
        "convolution::convolve2d",
        "convolution::correlate2d",
        "convolution::convolve_full",
    ]);
    family.check(&[], |case| match case.args["input"]["dtype"].as_str() {
        Some("i64") => check::<i64>(case),
        Some("u8") => check::<u8>(case),
        Some("f64") => check::<f64>(case),
        Some("f32") => check::<f32>(case),
        other => Err(format!("unknown dtype {other:?}")),
    });
}

/// `convolve2d` or `correlate2d`, whichever the case names, of `input` and `kernel`.
fn the_case_function<S: ConvScalar>(
    case: &Case,
    input: ArrayView2<S>,
    kernel: ArrayView2<S>,
    mode: Mode,
) -> Result<Result<Array2<S>, ConvError>, String> {
    match case.function.as_str() {
        "convolution::convolve2d" => Ok(convolve2d(input, kernel, mode)),
        "convolution::correlate2d" => Ok(correlate2d(input, kernel, mode)),
        other => Err(format!("no check for {other}")),
    }
}

fn check<T: Elem + ConvScalar>(case: &Case) -> Result<(), String> {
    let input = Input::<T>::decode(&case.args["input"]);
    let kernel = Input::<T>::decode(&case.args["kernel"]);
    let mode = match case.args["mode"].as_str() {
        Some("Full") => Mode::Full,
        Some("Same") => Mode::Same,
        Some("Valid") => Mode::Valid,
        other => return Err(format!("unknown mode {other:?}")),
    };
    if case.function == "convolution::convolve_full" {
        // No `ConvError` here: an empty input gives SciPy's answer of the
        // full shape (zeros, or NaN from a kernel's NaN or infinity).
        let Ok(want) = &case.expect else {
            return Err("SciPy raised".into());
        };
        return same_array(&convolve_full(input.view2(), kernel.view2()), want);
    }
    let got = the_case_function(case, input.view2(), kernel.view2(), mode)?;
    let note = case.raw["note"].as_str().unwrap_or("");
    let in_ulps = note.contains("ulps");
    let empty = input.view2().is_empty() || kernel.view2().is_empty();
    if note.starts_with("float32 summation bound") {
        return within_summation_bound(case, &input, &kernel, mode, got);
    }
    if note.starts_with("summation order") {
        return summed_row_by_row(case, &input, &kernel, got);
    }
    match (&case.expect, got) {
        (_, Err(ConvError::Empty { .. })) if empty => Ok(()),
        (_, Ok(got)) if empty => Err(format!("returned {got:?} for an empty")),
        (Ok(want), Ok(got)) if in_ulps => {
            let got = got.mapv(Elem::to_f64);
            close_array(&got, want, RELATIVE)
        }
        (Ok(want), Ok(got)) => same_array(&got, want),
        (Ok(_), Err(e)) => Err(format!("error {e}; SciPy answered")),
        (Err((kind, message)), Ok(got)) => {
            Err(format!("returned {got:?}; SciPy raised {kind}: {message}"))
        }
        (Err((_, message)), Err(e)) => match e {
            ConvError::ValidNeedsContainment { .. }
                if message.contains("valid") =>
            {
                Ok(())
            }
            _ => Err(format!("error {e}; SciPy: {message}")),
        },
    }
}

/// A "summation order" case (Valid mode, f64): the Rust answer is the window's
/// sum added in the input's order, row by row — an independent loop here —
/// whatever SciPy answered. When the kernel is the larger, the two swap roles
/// (as in SciPy), and the window is the kernel's.
fn summed_row_by_row<T: Elem>(
    case: &Case,
    input: &Input<T>,
    kernel: &Input<T>,
    got: Result<Array2<T>, ConvError>,
) -> Result<(), String> {
    let got = got.map_err(|e| format!("error {e}"))?.mapv(Elem::to_f64);
    let a = input.view2().mapv(Elem::to_f64);
    let mut k = kernel.view2().mapv(Elem::to_f64);
    if case.function == "convolution::correlate2d" {
        k.invert_axis(Axis(0)); // correlation is convolution with the
        k.invert_axis(Axis(1)); // kernel turned around
    }
    let swapped = k.nrows() > a.nrows() || k.ncols() > a.ncols();
    let (a, k) = if swapped { (k, a) } else { (a, k) };
    let (p, q) = k.dim();
    let want = Array2::from_shape_fn(
        (a.nrows() + 1 - p, a.ncols() + 1 - q),
        |(i, j)| {
            let mut sum = 0.0;
            for r in 0..p {
                for c in 0..q {
                    sum += a[[i + r, j + c]] * k[[p - 1 - r, q - 1 - c]];
                }
            }
            sum
        },
    );
    if got.mapv(f64::to_bits) == want.mapv(f64::to_bits) {
        Ok(())
    } else {
        Err(format!("got {got:?}, row-by-row sum {want:?}"))
    }
}

/// A float32 case: SciPy adds each window in float32 too, in another order,
/// so the two answers can differ by more than their last bits. Each is within
/// γ · Σ|x·k| of the exact sum, where γ = t · u / (1 - t · u) for t terms
/// (P · Q) and u = 2^-24, float32's unit roundoff (Higham, "Accuracy and
/// Stability of Numerical Algorithms", §4.2, recursive summation; the
/// products' own rounding adds one u, taken as a t + 1 in γ here), plus a
/// last rounding to float32 when the result is stored: so they differ by at
/// most twice that. Σ|x·k| is the convolution of |input| and |kernel| in f64.
fn within_summation_bound<T: Elem + ConvScalar>(
    case: &Case,
    input: &Input<T>,
    kernel: &Input<T>,
    mode: Mode,
    got: Result<Array2<T>, ConvError>,
) -> Result<(), String> {
    let got = got.map_err(|e| format!("error {e}"))?.mapv(Elem::to_f64);
    let Ok(want) = &case.expect else {
        return Err("SciPy raised".into());
    };
    let want = Input::<f64>::decode(want);
    let want = want.logical();
    let abs_input = input.view2().mapv(|v| v.to_f64().abs());
    let abs_kernel = kernel.view2().mapv(|v| v.to_f64().abs());
    let magnitude =
        the_case_function(case, abs_input.view(), abs_kernel.view(), mode)?
            .map_err(|e| format!("error {e}"))?;
    let (p, q) = kernel.view2().dim();
    let unit = f64::from(f32::EPSILON) / 2.0; // 2^-24
    let terms = (p * q + 1) as f64;
    let gamma = terms * unit / (1.0 - terms * unit);
    if got.shape() != want.shape() {
        return Err(format!(
            "shape {:?}, SciPy {:?}",
            got.shape(),
            want.shape()
        ));
    }
    for ((&g, &w), &sum_abs) in got.iter().zip(want.iter()).zip(&magnitude) {
        let bound = 2.0 * (gamma * sum_abs + unit * g.abs().max(w.abs()));
        if (g - w).abs() > bound {
            return Err(format!(
                "{g} and SciPy's {w} differ by more than {bound}"
            ));
        }
    }
    Ok(())
}

/// The float32 cases are there to show a difference of order: SciPy's sum of
/// `[[1, 1e8, -1e8]]` under three ones is 1 (it adds from the right), the
/// Rust one 0 (from the left), both in float32; and the bound above holds.
#[test]
fn a_float32_sum_differs_from_scipy_by_its_order() {
    let family = Family::load("convolution");
    let case = family
        .cases
        .iter()
        .find(|c| c.id == "convolve2d/float32-cancels/valid")
        .expect("the float32 case");
    let want = case.expect.as_ref().expect("SciPy answered");
    same_array(&array![[1.0f32], [0.5]], want).expect("SciPy's answer");
    let input = Input::<f32>::decode(&case.args["input"]);
    let kernel = Input::<f32>::decode(&case.args["kernel"]);
    let got = convolve2d(input.view2(), kernel.view2(), Mode::Valid)
        .expect("the input contains the kernel");
    assert_eq!(got, array![[0.0f32], [0.0]]);
    // The bound allows the difference (about 96 for a window whose terms
    // add up to 2e8 in magnitude) but not a wrong sum: the check can fail.
    let bound =
        |got| within_summation_bound(case, &input, &kernel, Mode::Valid, got);
    assert!(bound(Ok(got)).is_ok());
    assert!(bound(Ok(array![[1000.0f32], [0.5]])).is_err());
}

/// The examples `convolve2d`'s docs give, with SciPy's answers as the committed
/// data holds them: `[[1, 1e308, -1e308]]` and `[[1e308, 1e308, -1e308]]` with a
/// kernel of three ones, Valid: 0 and inf here, 1 and 1e308 in SciPy; and
/// three ones with the larger kernel `[[1, 1e308, -1e308, 0]]`, whose window
/// is summed: [0, 0] here, [1, 0] in SciPy (the input's order gives [1, 0]).
#[test]
fn the_documented_summation_order_examples_hold() {
    let family = Family::load("convolution");
    for (id, ours, scipy) in [
        ("convolve2d/float-order-cancels/valid", vec![0.0], vec![1.0]),
        (
            "convolve2d/float-order-overflows/valid",
            vec![f64::INFINITY],
            vec![1e308],
        ),
        (
            "convolve2d/float-order-larger-kernel/valid",
            vec![0.0, 0.0],
            vec![1.0, 0.0],
        ),
    ] {
        let (ours, scipy) = (
            Array2::from_shape_vec((1, ours.len()), ours).expect("one row"),
            Array2::from_shape_vec((1, scipy.len()), scipy).expect("one row"),
        );
        let case = family
            .cases
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no case {id}"));
        let want = case.expect.as_ref().expect("SciPy answered");
        same_array(&scipy, want)
            .unwrap_or_else(|e| panic!("{id}: SciPy's answer: {e}"));
        let input = Input::<f64>::decode(&case.args["input"]);
        let kernel = Input::<f64>::decode(&case.args["kernel"]);
        let got = convolve2d(input.view2(), kernel.view2(), Mode::Valid)
            .expect("the input contains the kernel");
        assert_eq!(got, ours, "{id}: ours");
    }
}

/// How `ndarray-conv`'s direct `conv` answered a case of the SciPy data, when
/// it answered like SciPy but for a difference chapter 9 lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ConvCrate {
    /// SciPy's answer (bitwise; within [`RELATIVE`] for random floats).
    LikeScipy,
    /// An empty operand, or Valid mode with a kernel larger than the input:
    /// an error.
    Refused,
    /// A NaN or an infinity met a weight of 0 and dropped out of the sum:
    /// finite where SciPy's product, and so its sum, is NaN.
    SkippedZeroWeight,
    /// A "summation order" case: `convolve2d`'s answer, added in its order,
    /// not SciPy's.
    ConvolveOrder,
}

/// `ndarray-conv`'s `conv` (or its `no_reverse` correlation) of a case's
/// operands in the case's mode; `None` when it returns an error.
macro_rules! ndarray_conv_answer {
    ($t:ty, $case:expr, $mode:expr) => {{
        use ndarray_conv::{ConvExt, ConvMode, PaddingMode, ReverseKernel};
        let input = Input::<$t>::decode(&$case.args["input"]);
        let kernel = Input::<$t>::decode(&$case.args["kernel"]);
        // The case's layouts (transposed, reversed, strided views).
        let (input, kernel) = (input.view2(), kernel.view2());
        let mode = match $mode {
            Mode::Full => ConvMode::Full,
            Mode::Same => ConvMode::Same,
            Mode::Valid => ConvMode::Valid,
        };
        let answer = if $case.function == "convolution::correlate2d" {
            input.conv((&kernel).no_reverse(), mode, PaddingMode::Zeros)
        } else {
            input.conv(&kernel, mode, PaddingMode::Zeros)
        };
        let (input, kernel) = (input.to_owned(), kernel.to_owned());
        (input, kernel, answer.ok())
    }};
}

/// The operands `ndarray-conv` refuses, as chapter 9 says: an empty one, or in
/// Valid mode a kernel larger than the input (SciPy swaps the two).
fn refused<T>(input: ArrayView2<T>, kernel: ArrayView2<T>, mode: Mode) -> bool {
    let larger =
        kernel.nrows() > input.nrows() || kernel.ncols() > input.ncols();
    input.is_empty() || kernel.is_empty() || (mode == Mode::Valid && larger)
}

/// Sorts one case's `ndarray-conv` answer into [`ConvCrate`], or says how it
/// differs from SciPy in a way chapter 9 does not list.
fn ndarray_conv_outcome(case: &Case, mode: Mode) -> Result<ConvCrate, String> {
    let note = case.raw["note"].as_str().unwrap_or("");
    let Ok(want) = &case.expect else {
        let answered = match case.args["input"]["dtype"].as_str() {
            Some("f64") => ndarray_conv_answer!(f64, case, mode).2.is_some(),
            _ => ndarray_conv_answer!(i64, case, mode).2.is_some(),
        };
        return if answered {
            Err("an answer where SciPy raised".into())
        } else {
            Ok(ConvCrate::Refused)
        };
    };
    if case.args["input"]["dtype"].as_str() == Some("i64") {
        let (input, kernel, got) = ndarray_conv_answer!(i64, case, mode);
        return match got {
            None if refused(input.view(), kernel.view(), mode) => {
                Ok(ConvCrate::Refused)
            }
            None => Err("an error where SciPy answered".into()),
            Some(got) => same_array(&got, want).map(|()| ConvCrate::LikeScipy),
        };
    }
    let (input, kernel, got) = ndarray_conv_answer!(f64, case, mode);
    let Some(got) = got else {
        return if refused(input.view(), kernel.view(), mode) {
            Ok(ConvCrate::Refused)
        } else {
            Err("an error where SciPy answered".into())
        };
    };
    if note.starts_with("summation order") {
        if same_array(&got, want).is_ok() {
            return Err("SciPy's answer, where the order differs".into());
        }
        let ours = convolve2d(input.view(), kernel.view(), mode)
            .map_err(|e| format!("convolve2d: {e}"))?;
        return if ours.mapv(f64::to_bits) == got.mapv(f64::to_bits) {
            Ok(ConvCrate::ConvolveOrder)
        } else {
            Err(format!("{got:?}, convolve2d {ours:?}"))
        };
    }
    let tolerance = if note.contains("ulps") { RELATIVE } else { 0.0 };
    if close_array(&got, want, tolerance).is_ok() {
        return Ok(ConvCrate::LikeScipy);
    }
    // Only a NaN or an infinity under a weight of 0 may differ, and only
    // where SciPy's answer is NaN: that weight left out, ours is not.
    let zero_weight = kernel.iter().any(|&w| w == 0.0);
    let non_finite = input.iter().any(|v| !v.is_finite());
    let scipy = Input::<f64>::decode(want);
    let differ_where_scipy_is_nan = got.shape() == scipy.logical().shape()
        && got
            .iter()
            .zip(scipy.logical())
            .all(|(&g, &w)| g.same(w) || (w.is_nan() && !g.is_nan()));
    let correlate = case.function == "convolution::correlate2d";
    if zero_weight
        && non_finite
        && differ_where_scipy_is_nan
        && is_a_window_of_the_sum_without_zero_weights(
            &got, &input, &kernel, correlate,
        )
    {
        Ok(ConvCrate::SkippedZeroWeight)
    } else {
        close_array(&got, want, tolerance).map(|()| ConvCrate::LikeScipy)
    }
}

/// Whether `got` is, at some offset, a window of the full convolution (or, with
/// `correlate`, cross-correlation) of `input` and `kernel` summed as `ndarray-conv`
/// does by chapter 9's account: each output the sum of its products with the
/// non-zero weights only. Computed here directly, independently of both
/// libraries (and of where each mode's window starts: every offset is tried).
fn is_a_window_of_the_sum_without_zero_weights(
    got: &Array2<f64>,
    input: &Array2<f64>,
    kernel: &Array2<f64>,
    correlate: bool,
) -> bool {
    let (kh, kw) = kernel.dim();
    let (full_h, full_w) = (input.nrows() + kh - 1, input.ncols() + kw - 1);
    let mut full = Array2::<f64>::zeros((full_h, full_w));
    for ((i, j), &a) in input.indexed_iter() {
        for ((k, l), &w) in kernel.indexed_iter() {
            let (k, l) = if correlate {
                (kh - 1 - k, kw - 1 - l)
            } else {
                (k, l)
            };
            if w != 0.0 {
                full[[i + k, j + l]] += a * w;
            }
        }
    }
    let (h, w) = got.dim();
    if h > full_h || w > full_w {
        return false;
    }
    (0..=full_h - h).any(|r| {
        (0..=full_w - w).any(|c| {
            let window = full.slice(s![r..r + h, c..c + w]);
            window.iter().zip(got).all(|(&x, &g)| {
                (x.is_nan() && g.is_nan())
                    || x == g
                    || (x - g).abs() <= RELATIVE * x.abs().max(g.abs())
            })
        })
    })
}

/// Chapter 9's list of where `ndarray-conv` differs from SciPy, checked on
/// the SciPy data: its `conv` on every int64 and float64 `convolve2d` case,
/// in every mode, and its `no_reverse` correlation on the Full
/// `correlate2d` cases (the chapter says its Same window differs) answer as
/// SciPy did, but for the differences the chapter names. Overflowing
/// integers are left out (a debug build panics there, as the chapter says and
/// a unit test checks), and so is float32, which the chapter does not time.
/// Each named difference must occur in the data, so the test fails if
/// `ndarray-conv` stops skipping zero weights as well as if it starts to
/// differ in another way; and the chapter's sentences are read.
#[test]
fn ndarray_conv_differs_from_scipy_only_where_chapter_9_says() {
    use std::collections::BTreeMap;
    let family = Family::load("convolution");
    let mut seen = BTreeMap::<ConvCrate, usize>::new();
    let mut problems = Vec::new();
    for case in &family.cases {
        let dtype = case.args["input"]["dtype"].as_str();
        let note = case.raw["note"].as_str().unwrap_or("");
        let mode = match case.args["mode"].as_str() {
            Some("Full") => Mode::Full,
            Some("Same") => Mode::Same,
            _ => Mode::Valid,
        };
        let compared = match case.function.as_str() {
            "convolution::convolve2d" => true,
            "convolution::correlate2d" => mode == Mode::Full,
            _ => false,
        };
        if !compared
            || !matches!(dtype, Some("i64" | "f64"))
            || note.contains("wrap")
        {
            continue;
        }
        match ndarray_conv_outcome(case, mode) {
            Ok(kind) => *seen.entry(kind).or_default() += 1,
            Err(why) => problems.push(format!("{}: {why}", case.id)),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for kind in [
        ConvCrate::LikeScipy,
        ConvCrate::Refused,
        ConvCrate::SkippedZeroWeight,
        ConvCrate::ConvolveOrder,
    ] {
        assert!(
            seen.get(&kind).is_some_and(|&n| n > 0),
            "no {kind:?}: {seen:?}"
        );
    }
    let page = crate::support::words_of_repo_file("src/ch09-convolution.md");
    for said in [
        "It differs from SciPy in five places, besides the order of its additions",
        "It leaves out the kernel's zero weights:",
        "where SciPy and `convolve2d` multiply it and answer NaN",
    ] {
        assert!(page.contains(said), "src/ch09-convolution.md: {said:?}");
    }
}

/// Chapter 9 says what SciPy answers for an empty operand, which
/// `convolve2d` refuses: arrays of zeros, or in Full mode of NaN when the
/// kernel holds a NaN or an infinity. SciPy's answers are committed (the
/// `convolve_full` cases: Full mode of an empty input).
#[test]
fn scipy_answers_an_empty_input_as_the_chapter_says() {
    let family = Family::load("convolution");
    let answer = |id: &str| {
        let case = family.cases.iter().find(|c| c.id == id).expect(id);
        case.expect.clone().expect("SciPy answered")
    };
    let zeros = Input::<i64>::decode(&answer("convolve_full/empty-0x3-k2x2"));
    assert!(zeros.logical().iter().all(|&v| v == 0));
    for kernel in ["nan-2x2", "inf-3x2"] {
        let id = format!("convolve_full/empty-0x3-f64-{kernel}");
        let nan = Input::<f64>::decode(&answer(&id));
        assert!(nan.logical().iter().all(|v| v.is_nan()), "{id}");
        assert!(!nan.logical().is_empty(), "{id}");
    }
    let said = "(of zeros, or in Full mode of NaN when the kernel holds a NaN \
                or an infinity, which it multiplies by the zeros it pads with)";
    let page = crate::support::words_of_repo_file("src/ch09-convolution.md");
    assert!(page.contains(said), "src/ch09-convolution.md: {said:?}");
}
