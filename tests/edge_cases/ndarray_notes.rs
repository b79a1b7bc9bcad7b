//! What the cheat sheet's notes say about ndarray itself at the edges, where it
//! differs from NumPy: checked here so that a note cannot outlive the behaviour.
//! Integer overflow panics where ndarray was built with overflow checks (a debug
//! build) and wraps where it was not. In a debug build of these tests (the
//! workspace's dev profile checks overflow in every package) a panic is required;
//! where this crate's own debug assertions are off (a release build, or
//! `scripts/edge-cases-release-arithmetic.sh`, which turns them off for this
//! crate only, not for ndarray), a panic or NumPy's wrapped answer.
//!
//! NumPy's side of each note is committed data, `python/outputs/edge-cases/notes.json`
//! (written by `python/edge_cases.py`), so no note states a NumPy answer nobody recorded.

use std::panic::{catch_unwind, UnwindSafe};

use ndarray::prelude::*;
use ndarray::Zip;
use ndarray_stats::{errors::MinMaxError, QuantileExt};

use crate::harness::{float, Case, Family, Input};

/// The answer of `f`, or `None` if it panicked.
fn answer<T>(f: impl FnOnce() -> T + UnwindSafe) -> Option<T> {
    catch_unwind(f).ok()
}

/// `np.arange(0., -3., 1.)` is `[]`; ndarray's `range` panics.
#[test]
fn range_with_the_end_before_the_start_panics() {
    assert!(answer(|| Array::<f64, _>::range(0., -3., 1.)).is_none());
    assert!(answer(|| Array::<f64, _>::range(5., 0., 1.)).is_none());
}

/// The "Where next" page: `n64(q)` checks for NaN with a debug assertion only
/// (noisy_float's, so it depends on how noisy_float was built, not this crate).
/// Without it, the NaN reaches the quantile, which rejects it as out of range;
/// `N64::try_new` checks in every build.
#[test]
fn a_nan_quantile_panics_or_is_rejected_as_out_of_range() {
    use ndarray_stats::{
        errors::QuantileError, interpolate::Linear, QuantileExt,
    };
    use noisy_float::types::{n64, N64};

    assert_eq!(N64::try_new(f64::NAN), None);
    let mut data = array![[4.0, 1.0, 9.0, 7.0]];
    let quantile = answer(move || {
        data.quantile_axis_skipnan_mut(Axis(1), n64(f64::NAN), &Linear)
    });
    match quantile {
        None => {} // noisy_float's debug assertion
        Some(result) => {
            let debug = cfg!(debug_assertions);
            assert!(!debug, "a debug build panics");
            assert!(
                matches!(result, Err(QuantileError::InvalidQuantile(q)) if q.raw().is_nan())
            );
        }
    }
}

/// Each note against NumPy's recorded answer:
/// - `np.sum` of `uint8` rows is `uint64` (300), and of the other integer
///   types narrower than 64 bits `int64` or `uint64`; ndarray's `sum_axis`
///   keeps the type (a panic, or a wrapped sum such as 44), and widening first
///   with `mapv` gives NumPy's sums;
/// - NumPy's mean of integers is a float; ndarray's `mean_axis` divides integers,
///   rounding toward 0 (-1 for NumPy's -1.5); with no rows NumPy returns `nan`
///   with a warning, `mean_axis` `None`;
/// - NumPy's `a @ b` and `a * b` wrap integer overflow silently (`[[0]]`);
/// - chapter 9's `sliding_window_view` row: `windows` gives no windows where
///   NumPy raises (a window larger than the array), panics for a window with a
///   side of 0 (NumPy: empty windows), and otherwise gives NumPy's windows;
/// - chapter 1's slicing paragraph: a bound outside the axis panics, at either
///   end, where NumPy clips it (`a[:100]`, `a[:-100]`, `a[100:]`, `a[-100:]` of
///   ten elements, `a[1:-1]` of none); `s![2..8;-2]` is `a[7:1:-2]`, and
///   `a[2:8:-2]` is empty;
/// - chapter 4's `np.squeeze(a, axis)` row: `index_axis` is NumPy's answer for
///   an axis of size 1, takes the first element of a longer one (NumPy raises)
///   and panics on an empty one; its reshape rows: `to_shape` gives a view
///   where NumPy's `reshape` does (a column as (n, 1)), a copy where it copies
///   (a transpose read row by row), and `into_shape_with_order` refuses both;
/// - chapter 9's `x[3:0:-1]` row: `s![1..4;-1]` is NumPy's `x[3:0:-1]`, and
///   panics where `x` has fewer than 4 elements (NumPy clips); `x[1:4:-1]` is
///   empty;
/// - chapter 8's window rows: `s![1..-1, 0..-2]` panics on a board with no
///   rows or fewer than 2 columns, `s![2.., 1..-1]` on one of fewer than 2
///   rows or with no columns, and the interior `s![1..-1, 1..-1]` (the mask
///   and copy rows) on one with no rows or no columns (NumPy: an empty view);
///   every other board gives NumPy's shape;
/// - chapter 6's `np.sin` row and chapter 1's `np.sqrt` row: NumPy gives
///   an integer array a float type by the integer's width (`int8` `float16`,
///   `int64` `float64`); ndarray's `sin` and `sqrt` take floats;
/// - chapter 9's `fftconvolve` row: `conv_fft` returns an error for an empty
///   operand, where SciPy returns an empty array;
/// - chapter 8's mask rows: `Zip::and` panics on operands of different shapes,
///   where NumPy broadcasts `(N == 3) & (Z == 0)` (`and_broadcast` gives its
///   answer) and refuses a boolean mask of another shape (`IndexError`);
/// - the "Where next" page: where `np.max` answers `nan` for a NaN, ndarray-stats'
///   `max` returns `UndefinedOrder`; on an empty array NumPy raises and `max`
///   returns `EmptyInput`; `max_skipnan` is `np.nanmax` (NaN when every value
///   is NaN), except on an empty array, where NumPy raises and it returns NaN;
/// - chapter 7, `np.sort(row)`: `sort_by(cmp_nan_last)` is stable, so -0.0 and
///   0.0 keep their order, where NumPy's default sort swaps some of them.
#[test]
fn the_notes_on_ndarray_against_numpy() {
    let family = Family::load("notes");
    family.covers(&[
        "ndarray::ArrayBase::sum_axis",
        "ndarray::ArrayBase::mean_axis",
        "ndarray::ArrayBase::dot",
        "ndarray::ArrayBase::mul",
        "ndarray_stats::QuantileExt::max",
        "ndarray_stats::QuantileExt::max_skipnan",
        "ndarray::ArrayBase::windows",
        "ndarray::s",
        "ndarray::Zip::and",
        "ndarray_conv::ConvFFTExt::conv_fft",
        "ndarray::ArrayBase::sin",
        "ndarray::ArrayBase::index_axis",
        "ndarray::ArrayBase::to_shape",
        "ndarray_stats::QuantileExt::quantile_axis_skipnan_mut",
        "knn::cmp_nan_last/sort_by",
    ]);
    family.check(&[], |case| match case.function.as_str() {
        "ndarray::ArrayBase::sum_axis" => check_sum_axis(case),
        "ndarray::ArrayBase::mean_axis" => check_mean_axis(case),
        "ndarray::ArrayBase::dot" | "ndarray::ArrayBase::mul" => {
            check_wrapping_product(case)
        }
        "ndarray_stats::QuantileExt::max"
        | "ndarray_stats::QuantileExt::max_skipnan" => check_max(case),
        "ndarray::ArrayBase::windows" => check_windows(case),
        "ndarray::s" => check_slice(case),
        "ndarray::Zip::and" => check_zip(case),
        "ndarray_conv::ConvFFTExt::conv_fft" => check_conv_fft(case),
        "knn::cmp_nan_last/sort_by" => check_sort_signed_zeros(case),
        "ndarray::ArrayBase::sin" => check_float_method(case),
        "ndarray::ArrayBase::index_axis" => check_squeeze(case),
        "ndarray::ArrayBase::to_shape" => check_reshape(case),
        "ndarray_stats::QuantileExt::quantile_axis_skipnan_mut" => {
            check_quantile(case)
        }
        other => Err(format!("no check for {other}")),
    });
}

/// NumPy's answer, which these notes all expect to be a value.
fn numpy_value(case: &Case) -> Result<&serde_json::Value, String> {
    case.expect
        .as_ref()
        .map_err(|(kind, message)| format!("NumPy raised {kind}: {message}"))
}

fn check_sum_axis(case: &Case) -> Result<(), String> {
    match case.id.as_str() {
        "sum_axis/u8-rows" => check_sum_axis_u8(case),
        _ => check_sum_axis_narrow(case),
    }
}

fn check_sum_axis_u8(case: &Case) -> Result<(), String> {
    let want = numpy_value(case)?;
    if want["dtype"] != "uint64" || want["data"] != serde_json::json!([300]) {
        return Err(format!("NumPy answered {want}; the note says uint64 300"));
    }
    let bytes = array![[200_u8, 100]];
    match answer(|| bytes.sum_axis(Axis(1))) {
        None => {} // overflow checked
        Some(_) if cfg!(debug_assertions) => {
            return Err("a debug build panics".into())
        }
        Some(wrapped) if wrapped != array![44_u8] => {
            return Err(format!("wrapped to {wrapped}, not 44"))
        }
        Some(_) => {} // wrapped, as NumPy's uint8 would
    }
    let widened = bytes.mapv(u64::from).sum_axis(Axis(1));
    (widened == array![300_u64])
        .then_some(())
        .ok_or(format!("widened sum {widened}"))
}

/// Not only `uint8`: NumPy sums every integer type narrower than 64 bits in
/// a 64-bit one (`int64` or `uint64`), so a row of `[MAX, 1]` sums to
/// `MAX + 1`, where `sum_axis` keeps the type: a panic with overflow checks,
/// else the type's minimum. Widening first with `mapv` gives NumPy's sum.
fn check_sum_axis_narrow(case: &Case) -> Result<(), String> {
    // (wide type, MAX + 1, what sum_axis did, the widened sum)
    macro_rules! sums {
        ($narrow:ty, $wide:literal, $to:ty) => {{
            let row = array![[<$narrow>::MAX, 1]];
            let kept = answer(|| row.sum_axis(Axis(1))[0]);
            let widened = row.mapv(<$to>::from).sum_axis(Axis(1))[0];
            let wrapped = kept.map(|sum| sum == <$narrow>::MIN);
            let max_plus_one = i64::from(<$narrow>::MAX) + 1;
            ($wide, max_plus_one, wrapped, i64::try_from(widened).ok())
        }};
    }
    let (wide, sum, wrapped, widened) = match case.args["dtype"].as_str() {
        Some("int8") => sums!(i8, "int64", i64),
        Some("int16") => sums!(i16, "int64", i64),
        Some("int32") => sums!(i32, "int64", i64),
        Some("uint16") => sums!(u16, "uint64", u64),
        Some("uint32") => sums!(u32, "uint64", u64),
        other => return Err(format!("no sum_axis check for {other:?}")),
    };
    let want = numpy_value(case)?;
    if want["dtype"] != wide || want["data"] != serde_json::json!([sum]) {
        return Err(format!(
            "NumPy answered {want}; the note says {wide} {sum}"
        ));
    }
    match wrapped {
        None => {} // overflow checked
        Some(_) if cfg!(debug_assertions) => {
            return Err("a debug build panics".into())
        }
        Some(false) => return Err("wrapped, but not to the minimum".into()),
        Some(true) => {} // wrapped, where NumPy's 64-bit sum did not
    }
    (widened == Some(sum))
        .then_some(())
        .ok_or(format!("widened sum {widened:?}, not {sum}"))
}

fn check_mean_axis(case: &Case) -> Result<(), String> {
    match case.id.as_str() {
        "mean_axis/i64-negative" => return check_mean_toward_zero(case),
        "mean_axis/no-rows" => return check_mean_of_no_rows(case),
        _ => {}
    }
    let want = Input::<f64>::decode(numpy_value(case)?);
    let x = array![[1_i64, 2], [2, 3]];
    if x.mean_axis(Axis(0)) != Some(array![1, 2]) {
        return Err("ndarray's integer mean is not [1, 2]".into());
    }
    let floats = x.mapv(|v| v as f64).mean_axis(Axis(0));
    if floats.map(|m| m.into_dyn()).as_ref() != Some(want.logical()) {
        return Err(format!(
            "NumPy's mean {} is not the float mean",
            want.logical()
        ));
    }
    if want.logical().iter().all(|v| v.fract() == 0.0) {
        return Err("NumPy's mean is whole: the note would show nothing".into());
    }
    Ok(())
}

fn check_wrapping_product(case: &Case) -> Result<(), String> {
    let want = Input::<i64>::decode(numpy_value(case)?);
    let (a, b) = (array![[1_i64 << 62]], array![[4_i64]]);
    // NumPy wraps: 2^62 · 4 is 2^64, 0 in i64, whatever this build does.
    let wrapped = array![[(1_i64 << 62).wrapping_mul(4)]].into_dyn();
    if *want.logical() != wrapped {
        return Err(format!(
            "NumPy answered {}, not {wrapped}",
            want.logical()
        ));
    }
    let product = if case.function.ends_with("dot") {
        answer(|| a.dot(&b))
    } else {
        answer(|| &a * &b)
    };
    match product {
        None => Ok(()), // overflow checked
        Some(_) if cfg!(debug_assertions) => Err("a debug build panics".into()),
        Some(wrapped) => {
            let wrapped = wrapped.into_dyn();
            (wrapped == *want.logical()).then_some(()).ok_or(format!(
                "wrapped to {wrapped}, NumPy {}",
                want.logical()
            ))
        }
    }
}

/// How far apart two finite floats of the same sign are, in units in the last
/// place (ulps).
fn ulps_apart(a: f64, b: f64) -> u64 {
    assert_eq!(a.is_sign_negative(), b.is_sign_negative(), "{a} / {b}");
    a.to_bits().abs_diff(b.to_bits())
}

/// The "Where next" page: `Linear` is NumPy's default method, "though the two
/// formulas can differ in the last few bits", as the cases show: ndarray-stats'
/// quantile is NumPy's within a tolerance, and this many ulps from it.
const QUANTILE_ULPS: [(&str, u64); 5] = [
    ("quantile/5-values-0.9", 6), // the example the page gives
    ("quantile/4-values-0.5", 2),
    ("quantile/2-values-0.75", 1),
    ("quantile/listing-row-0-0.25", 0), // Listing 10-1's rows agree
    ("quantile/listing-row-1-0.5", 0),
];

fn check_quantile(case: &Case) -> Result<(), String> {
    use ndarray_stats::interpolate::Linear;
    use noisy_float::types::n64;
    let x = Input::<f64>::decode(&case.args["x"]);
    let mut x = x.view1().to_owned();
    let q = float(&case.args["q"]);
    let want = float(numpy_value(case)?);
    let got = x
        .quantile_axis_skipnan_mut(Axis(0), n64(q), &Linear)
        .map_err(|e| format!("{e:?}"))?
        .into_scalar();
    let ulps = ulps_apart(got, want);
    let expected = QUANTILE_ULPS.iter().find(|(id, _)| *id == case.id);
    if expected.map(|&(_, u)| u) != Some(ulps) {
        return Err(format!("{got}: {ulps} ulps from NumPy's {want}"));
    }
    // A tolerance relative to the data, as the page advises.
    let scale = x.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    ((got - want).abs() <= 8.0 * f64::EPSILON * scale)
        .then_some(())
        .ok_or(format!("{got}: not within the tolerance of NumPy's {want}"))
}

/// The page's example and its "last few bits": one case differs by more than
/// one ulp, so "the last bit" would understate it.
#[test]
fn the_page_states_the_quantile_example_the_cases_hold() {
    assert!(QUANTILE_ULPS.iter().any(|&(_, ulps)| ulps > 1));
    let text = crate::support::words_of_repo_file("src/where-next.md");
    for said in [
        "the two formulas can differ in the last few bits",
        "(`np.quantile([-6.3, 4.7, -5.7, -7.3, -3.5], 0.9)` is \
         `1.4200000000000013`, ndarray-stats says `1.42`)",
    ] {
        assert!(text.contains(said), "src/where-next.md: {said:?}");
    }
    let family = Family::load("notes");
    let case = family
        .cases
        .iter()
        .find(|c| c.id == QUANTILE_ULPS[0].0)
        .expect("the page's case");
    assert_eq!(case.expect, Ok("1.4200000000000013".into()));
    assert_eq!(case.args["x"]["data"][0], "-6.3");
}

fn check_max(case: &Case) -> Result<(), String> {
    let x = Input::<f64>::decode(&case.args["x"]);
    let x = x.view1();
    let skip_nan = case.function.ends_with("max_skipnan");
    if x.is_empty() && case.expect.is_ok() {
        return Err(
            "NumPy answered for an empty array; the page says it raises".into(),
        );
    }
    match (&case.expect, skip_nan) {
        // NumPy raises for an empty array: "zero-size array to reduction …".
        (Err((kind, message)), _)
            if kind != "ValueError" || !message.starts_with("zero-size") =>
        {
            Err(format!("NumPy raised {kind}: {message}"))
        }
        (Err(_), false) => (x.max() == Err(MinMaxError::EmptyInput))
            .then_some(())
            .ok_or(format!("max: {:?}", x.max())),
        (Err(_), true) => x
            .max_skipnan()
            .is_nan()
            .then_some(())
            .ok_or("not NaN".into()),
        (Ok(want), false) => {
            let want = float(want);
            match x.max() {
                Err(MinMaxError::UndefinedOrder) if want.is_nan() => Ok(()),
                Ok(&got) if got == want => Ok(()),
                other => Err(format!("max: {other:?}; NumPy {want}")),
            }
        }
        (Ok(want), true) => {
            let (want, got) = (float(want), *x.max_skipnan());
            (got == want || got.is_nan() && want.is_nan())
                .then_some(())
                .ok_or(format!("max_skipnan: {got}; NumPy {want}"))
        }
    }
}

/// The length of an array dimension of the case's arguments.
fn size(case: &Case, key: &str) -> Result<usize, String> {
    case.args[key]
        .as_u64()
        .map(|n| n as usize)
        .ok_or(format!("no {key}"))
}

/// A shape NumPy answered.
fn shape(value: &serde_json::Value) -> Result<Vec<usize>, String> {
    value
        .as_array()
        .and_then(|sides| {
            sides.iter().map(|n| Some(n.as_u64()? as usize)).collect()
        })
        .ok_or(format!("not a shape: {value}"))
}

/// The float type NumPy's `np.sin` and `np.sqrt` give an integer array, by
/// the integer's width: 8 bits or fewer (and `bool`) `float16`, 16 bits
/// `float32`, wider `float64`.
fn numpy_float_of(dtype: &str) -> &'static str {
    match dtype {
        "bool" | "int8" | "uint8" => "float16",
        "int16" | "uint16" => "float32",
        _ => "float64",
    }
}

/// Chapter 6's `np.sin` row (and chapter 1's `np.sqrt` row, the same words):
/// NumPy takes integers and picks a float type from their width, as the row
/// says for `int64` and `int8`. (ndarray's `sin` and `sqrt` take floats only:
/// that side is the compiler's, shown by the `compile_fail` example on
/// `chapters_code::prelude`.)
fn check_float_method(case: &Case) -> Result<(), String> {
    let dtype = case.args["dtype"].as_str().ok_or("no dtype")?;
    let numpy = numpy_value(case)?.as_str().ok_or("not a dtype name")?;
    if numpy == numpy_float_of(dtype) {
        Ok(())
    } else {
        Err(format!("NumPy {numpy}, the rule {}", numpy_float_of(dtype)))
    }
}

/// The rows state the rule for `int64` and `int8`; the data holds NumPy's
/// answers for every integer type.
#[test]
fn the_float_method_rows_state_numpys_types() {
    let said = format!(
        "`int64` gives `{}`, `int8` only `{}`",
        numpy_float_of("int64"),
        numpy_float_of("int8")
    );
    for table in [
        "src/outputs/ch06-meshgrid/numpy-table.md",
        "src/outputs/ch01-memory/numpy-table.md",
    ] {
        let text = crate::support::read_repo_file(table);
        assert!(text.contains(&said), "{table}: {said:?}");
    }
}

/// Chapter 9's `fftconvolve` row: `conv_fft` returns an error for an empty
/// operand, where SciPy's `fftconvolve` returns an empty array.
fn check_conv_fft(case: &Case) -> Result<(), String> {
    use ndarray_conv::{ConvFFTExt, ConvMode, PaddingMode};
    let sides = shape(&case.args["shape"])?;
    let numpy = shape(numpy_value(case)?)?;
    if !numpy.contains(&0) {
        return Err(format!("SciPy's answer {numpy:?} is not empty"));
    }
    let empty = Array2::<f64>::zeros((sides[0], sides[1]));
    let kernel = Array2::<f64>::ones((2, 2));
    match empty.conv_fft(&kernel, ConvMode::Full, PaddingMode::Zeros) {
        Err(_) => Ok(()),
        Ok(got) => Err(format!("returned {got:?}, not an error")),
    }
}

/// Chapter 7's `np.sort(row)` row: `sort_by(cmp_nan_last)` is stable, so
/// -0.0 and 0.0, equal, keep their order; NumPy's default sort is not stable:
/// its answer (committed) is sorted, with the zeros' signs in another order.
fn check_sort_signed_zeros(case: &Case) -> Result<(), String> {
    let a = Input::<f64>::decode(&case.args["a"]);
    let input = a.logical().iter().copied().collect::<Vec<_>>();
    let mut ours = input.clone();
    ours.sort_by(|x, y| chapters_code::knn::cmp_nan_last(*x, *y));
    let numpy = Input::<f64>::decode(numpy_value(case)?);
    let numpy = numpy.logical().iter().copied().collect::<Vec<_>>();
    let signs = |v: &[f64]| v.iter().map(|x| x.is_sign_negative()).collect();
    let (kept, ours_signs): (Vec<bool>, Vec<bool>) =
        (signs(&input), signs(&ours));
    if ours_signs != kept {
        return Err("sort_by(cmp_nan_last) moved equal zeros".into());
    }
    if numpy.len() != ours.len() || numpy.iter().any(|&x| x != 0.0) {
        return Err(format!(
            "NumPy's answer {numpy:?} is not the sorted zeros"
        ));
    }
    if signs(&numpy) == ours_signs {
        return Err("NumPy's sort kept the zeros' order: the note's 'may swap them' has no example".into());
    }
    let page =
        crate::support::read_repo_file("src/outputs/ch07-knn/numpy-table.md");
    let said = "NumPy's default sort is not stable and may swap them";
    page.contains(said)
        .then_some(())
        .ok_or(format!("numpy-table.md: {said:?}"))
}

fn check_windows(case: &Case) -> Result<(), String> {
    let (a, w) = (shape(&case.args["shape"])?, shape(&case.args["window"])?);
    let array = Array2::<f64>::ones((a[0], a[1]));
    let count = answer(|| array.windows((w[0], w[1])).into_iter().count());
    match (&case.expect, count) {
        (Err((_, message)), Some(0))
            if message.contains("cannot be larger") =>
        {
            Ok(())
        }
        (Ok(numpy), None) if w.contains(&0) => {
            let numpy = shape(numpy)?;
            // NumPy's windows are empty: a 0 among the window's sides.
            (numpy[2..].contains(&0))
                .then_some(())
                .ok_or(format!("NumPy {numpy:?}"))
        }
        (Ok(numpy), Some(count)) if !w.contains(&0) => {
            let numpy = shape(numpy)?;
            let same = numpy[2..] == w[..] && numpy[0] * numpy[1] == count;
            same.then_some(())
                .ok_or(format!("{count} windows; NumPy {numpy:?}"))
        }
        (expect, count) => Err(format!("{count:?} windows; NumPy {expect:?}")),
    }
}

#[allow(clippy::reversed_empty_ranges)] // NumPy's negative ends, as in chapter 8
fn check_slice(case: &Case) -> Result<(), String> {
    let numpy = numpy_value(case)?;
    if case.id.starts_with("slice/a[") {
        return check_chapter_1_slice(case, numpy);
    }
    if case.id.starts_with("slice/x[") {
        let n = size(case, "n")?;
        let want = Input::<i64>::decode(numpy);
        let x = Array1::from_iter(0..n as i64);
        if case.id.starts_with("slice/x[1:4:-1]") {
            return want
                .logical()
                .is_empty()
                .then_some(())
                .ok_or("not empty".into());
        }
        return match answer(|| x.slice(s![1..4;-1]).to_owned().into_dyn()) {
            None if n < 4 && want.logical().len() < 3 => Ok(()), // NumPy clips
            Some(got) if got == *want.logical() => Ok(()),
            got => Err(format!("{got:?}; NumPy {}", want.logical())),
        };
    }
    let (rows, cols) = (size(case, "rows")?, size(case, "cols")?);
    let numpy = shape(numpy)?;
    let z = Array2::<u8>::zeros((rows, cols));
    let (got, panics) = if case.id.starts_with("slice/Z[1:-1, 0:-2]") {
        (
            answer(|| z.slice(s![1..-1, 0..-2]).dim()),
            rows == 0 || cols < 2,
        )
    } else if case.id.starts_with("slice/Z[1:-1, 1:-1]") {
        (
            answer(|| z.slice(s![1..-1, 1..-1]).dim()),
            rows == 0 || cols == 0,
        )
    } else {
        (
            answer(|| z.slice(s![2.., 1..-1]).dim()),
            rows < 2 || cols == 0,
        )
    };
    let empty = numpy.contains(&0);
    match got {
        None if panics && empty => Ok(()),
        Some((r, c)) if !panics && [r, c] == numpy[..] => Ok(()),
        got => Err(format!("{got:?}; NumPy {numpy:?}")),
    }
}

/// Chapter 1's slicing paragraph on `np.arange(n)`: where NumPy clips a bound
/// outside the axis (`a[:100]`, `a[:-100]`, `a[100:]`, `a[-100:]` of ten
/// elements, `a[1:-1]` of none), ndarray's `s![]` panics; otherwise it gives
/// NumPy's elements. `s![2..8;-2]` is NumPy's `a[7:1:-2]`, and `a[2:8:-2]`,
/// which it is not, is empty.
#[allow(clippy::reversed_empty_ranges)] // NumPy's negative ends
fn check_chapter_1_slice(
    case: &Case,
    numpy: &serde_json::Value,
) -> Result<(), String> {
    let n = size(case, "n")?;
    let want = Input::<i64>::decode(numpy);
    let want = want.logical();
    let a = Array1::from_iter(0..n as i64);
    let expr = case.id.split('/').nth(1).unwrap_or_default();
    if expr == "a[2:8:-2]" {
        return want
            .is_empty()
            .then_some(())
            .ok_or(format!("NumPy {want}, not empty"));
    }
    let (got, clipped) = match expr {
        "a[:100]" => (answer(|| a.slice(s![..100]).to_owned()), n < 100),
        "a[:-100]" => (answer(|| a.slice(s![..-100]).to_owned()), n < 100),
        "a[100:]" => (answer(|| a.slice(s![100..]).to_owned()), n < 100),
        "a[-100:]" => (answer(|| a.slice(s![-100..]).to_owned()), n < 100),
        "a[1:-1]" => (answer(|| a.slice(s![1..-1]).to_owned()), n == 0),
        "a[7:1:-2]" => (answer(|| a.slice(s![2..8;-2]).to_owned()), n < 8),
        other => return Err(format!("no ndarray slice for {other}")),
    };
    match got {
        None if clipped => Ok(()),
        Some(got) if !clipped && got.view().into_dyn() == want => Ok(()),
        got => Err(format!("{got:?} (clipped: {clipped}); NumPy {want}")),
    }
}

/// Chapter 3's table: ndarray's integer mean is "rounded toward 0" (the mean of
/// -1 and -2 is -1, not -2), where NumPy's is the float -1.5.
fn check_mean_toward_zero(case: &Case) -> Result<(), String> {
    let want = Input::<f64>::decode(numpy_value(case)?);
    let ints = array![[-1_i64], [-2]];
    let floats = ints.mapv(|v| v as f64).mean_axis(Axis(0));
    if floats.map(|m| m.into_dyn()).as_ref() != Some(want.logical()) {
        return Err(format!("NumPy {} is not the float mean", want.logical()));
    }
    let exact = want.logical()[[0]];
    let integer = ints.mean_axis(Axis(0)).map(|m| m[0]);
    (integer == Some(exact.trunc() as i64) && exact.floor() != exact.trunc())
        .then_some(())
        .ok_or(format!("{integer:?}: not {exact} rounded toward 0"))
}

/// Chapter 3: `mean_axis` "returns an `Option`, which is `None` when the axis
/// has length 0 (NumPy returns `nan` with a warning)".
fn check_mean_of_no_rows(case: &Case) -> Result<(), String> {
    let numpy = numpy_value(case)?;
    let mean = Input::<f64>::decode(&numpy["mean"]);
    if mean.logical().len() != 2 || !mean.logical().iter().all(|v| v.is_nan()) {
        return Err(format!("NumPy's mean {} is not nan", mean.logical()));
    }
    let warned = numpy["warnings"].as_array().is_some_and(|w| {
        w.iter()
            .any(|w| w.as_str() == Some("RuntimeWarning: Mean of empty slice"))
    });
    if !warned {
        return Err(format!("NumPy did not warn: {}", numpy["warnings"]));
    }
    match Array2::<f64>::zeros((0, 2)).mean_axis(Axis(0)) {
        None => Ok(()),
        Some(mean) => Err(format!("mean_axis gave {mean}, not None")),
    }
}

/// Chapter 4's `np.squeeze(a, axis)` row: `index_axis(Axis(0), 0)` is NumPy's
/// answer for an axis of size 1; where NumPy raises (any other size) it takes
/// the first element of a longer axis and panics on an empty one.
fn check_squeeze(case: &Case) -> Result<(), String> {
    let rows = size(case, "rows")?;
    let a = Array::from_iter(0..3 * rows as i64)
        .into_shape_with_order((rows, 3))
        .map_err(|e| e.to_string())?;
    let got = answer(|| a.index_axis(Axis(0), 0).to_owned());
    match (&case.expect, got) {
        (Ok(numpy), Some(got)) if rows == 1 => {
            let want = Input::<i64>::decode(numpy);
            (got.into_dyn() == *want.logical())
                .then_some(())
                .ok_or(format!("not NumPy's {}", want.logical()))
        }
        (Err(_), Some(got)) if rows > 1 => (got == a.row(0))
            .then_some(())
            .ok_or(format!("{got}: not the first row")),
        (Err(_), None) if rows == 0 => Ok(()),
        (numpy, got) => Err(format!("{got:?}; NumPy {numpy:?}")),
    }
}

/// Chapter 4's reshape rows: `to_shape` gives a view exactly where NumPy's
/// `reshape` does (a matrix's column as (3, 1), not a transpose read row by
/// row), and `into_shape_with_order` refuses both: neither is contiguous
/// row-major.
fn check_reshape(case: &Case) -> Result<(), String> {
    let numpy_view = numpy_value(case)?
        .as_bool()
        .ok_or("NumPy's answer is not a boolean")?;
    let m = Array2::<i64>::zeros((3, 4));
    let t = Array2::<i64>::zeros((3, 2)).reversed_axes();
    let (view, shape) = match case.id.as_str() {
        "reshape/column-of-3x4/3x1" => (m.column(0).into_dyn(), vec![3, 1]),
        "reshape/transpose-of-3x2/6" => (t.view().into_dyn(), vec![6]),
        other => return Err(format!("no array for {other}")),
    };
    let to_shape = view.to_shape(shape.clone()).map_err(|e| e.to_string())?;
    if to_shape.is_view() != numpy_view {
        return Err(format!("to_shape view: {}", to_shape.is_view()));
    }
    match view.into_shape_with_order(shape) {
        Err(_) => Ok(()),
        Ok(v) => Err(format!("into_shape_with_order gave {v}")),
    }
}

#[allow(clippy::reversed_empty_ranges)] // NumPy's negative ends, as in chapter 8
fn check_zip(case: &Case) -> Result<(), String> {
    if case.id.starts_with("zip/(N == 3) & (Z == 0)") {
        let numpy = numpy_value(case)?;
        let (n, z) = (
            Array2::<u8>::from_elem((3, 3), 3),
            Array2::<u8>::zeros((1, 3)),
        );
        let birth = |n: &u8, z: &u8| *n == 3 && *z == 0;
        if answer(|| Zip::from(&n).and(&z).map_collect(birth)).is_some() {
            return Err("Zip::and accepted a (1, 3) beside a (3, 3)".into());
        }
        let stretched = Zip::from(&n).and_broadcast(&z).map_collect(birth);
        let got = serde_json::json!({
            "shape": stretched.shape(),
            "data": stretched.iter().collect::<Vec<_>>(),
        });
        return (got == *numpy)
            .then_some(())
            .ok_or(format!("and_broadcast gave {got}; NumPy {numpy}"));
    }
    let Err((kind, _)) = &case.expect else {
        return Err(format!(
            "NumPy answered {:?}; the note says it raises",
            case.expect
        ));
    };
    let mut z = Array2::<u8>::zeros((6, 6));
    let mask = Array2::from_elem((3, 3), true);
    let written = answer(move || {
        Zip::from(z.slice_mut(s![1..-1, 1..-1]))
            .and(&mask)
            .for_each(|c, &m| {
                if m {
                    *c = 1
                }
            })
    });
    match (kind.as_str(), written) {
        ("IndexError", None) => Ok(()),
        (kind, written) => Err(format!("Zip: {written:?}; NumPy {kind}")),
    }
}
