//! What the cheat sheet's notes say about ndarray itself at the edges, where it
//! differs from NumPy: checked here so that a note cannot outlive the behaviour.
//! Integer overflow panics where ndarray was built with overflow checks (a debug
//! build) and wraps where it was not. In a debug build of these tests (the
//! workspace's dev profile checks overflow in every package) a panic is required;
//! where this crate's own debug assertions are off (a release build, or
//! `scripts/edge-cases-release-arithmetic.sh`, which turns them off for this
//! crate only, not for ndarray), a panic or NumPy's wrapped answer.

use std::panic::{catch_unwind, UnwindSafe};

use ndarray::prelude::*;

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

/// NumPy's mean of integers is a float; ndarray's divides integers.
#[test]
fn the_mean_of_integers_is_an_integer_division() {
    let x = array![[1_i64, 2], [2, 3]];
    assert_eq!(x.mean_axis(Axis(0)), Some(array![1, 2]));
}

/// `np.sum` of `uint8` rows is `uint64` (300); ndarray keeps `u8`.
#[test]
fn sum_axis_keeps_the_element_type() {
    let bytes = array![[200_u8, 100]];
    match answer(|| bytes.sum_axis(Axis(1))) {
        None => {} // overflow checked
        Some(wrapped) => {
            let debug = cfg!(debug_assertions);
            assert!(!debug, "a debug build panics");
            assert_eq!(wrapped, array![44_u8]);
        }
    }
    assert_eq!(bytes.mapv(u64::from).sum_axis(Axis(1)), array![300_u64]);
}

/// NumPy's `a @ b` and `a * b` wrap integer overflow silently (`[[0]]` here).
#[test]
fn integer_products_panic_or_wrap_like_numpy() {
    let a = array![[1_i64 << 62]];
    let b = array![[4_i64]];
    // A panic (overflow checked) is one of the two outcomes; a wrapped
    // answer must be NumPy's.
    let products = [answer(|| a.dot(&b)), answer(|| &a * &b)];
    if cfg!(debug_assertions) {
        assert!(products.iter().all(Option::is_none), "a debug build panics");
    }
    for wrapped in products.into_iter().flatten() {
        assert_eq!(wrapped, array![[0_i64]]);
    }
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

/// The "Where next" page: `max_skipnan` is `np.nanmax` (NaN when every value
/// is NaN, as NumPy's `nan`), except on an empty array, where NumPy raises
/// ("zero-size array to reduction operation fmax which has no identity") and
/// `max_skipnan` returns NaN; `max` returns `EmptyInput` there.
#[test]
fn max_skipnan_of_an_empty_array_is_nan_where_numpy_raises() {
    use ndarray_stats::{errors::MinMaxError, QuantileExt};

    let empty = Array1::<f64>::zeros(0);
    assert!(empty.max_skipnan().is_nan());
    assert_eq!(empty.max(), Err(MinMaxError::EmptyInput));
    assert!(array![f64::NAN, f64::NAN].max_skipnan().is_nan());
    assert_eq!(*array![1.0, f64::NAN, 3.0].max_skipnan(), 3.0);
}
