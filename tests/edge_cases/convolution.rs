//! `convolution::convolve2d` and `correlate2d` against `scipy.signal.convolve2d`
//! and `scipy.signal.correlate2d`, in every mode, for `i64`, `u8` and `f64`:
//! even and odd kernels, kernels larger than the input, NaN, ±inf, -0.0,
//! integers that overflow (both wrap, as SciPy's `int64` and `uint8` do) and
//! every layout of the inputs.
//!
//! One documented difference: an empty operand is `ConvError::Empty`, where
//! SciPy 1.17.1 returns arrays of zeros of odd shapes or raises "negative
//! dimensions are not allowed".

use chapters_code::convolution::{
    convolve2d, correlate2d, ConvError, ConvScalar, Mode,
};
use ndarray::prelude::*;

use crate::harness::{close_array, same_array, Case, Elem, Family, Input};

#[test]
fn convolution_matches_scipy() {
    let family = Family::load("convolution");
    family.covers(&["convolution::convolve2d", "convolution::correlate2d"]);
    family.check(&[], |case| match case.args["input"]["dtype"].as_str() {
        Some("i64") => check::<i64>(case),
        Some("u8") => check::<u8>(case),
        Some("f64") => check::<f64>(case),
        other => Err(format!("unknown dtype {other:?}")),
    });
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
    let got: Result<Array2<T>, ConvError> = match case.function.as_str() {
        "convolution::convolve2d" => {
            convolve2d(input.view2(), kernel.view2(), mode)
        }
        "convolution::correlate2d" => {
            correlate2d(input.view2(), kernel.view2(), mode)
        }
        other => return Err(format!("no check for {other}")),
    };
    let in_ulps = case.raw["note"]
        .as_str()
        .is_some_and(|n| n.contains("ulps"));
    let empty = input.view2().is_empty() || kernel.view2().is_empty();
    match (&case.expect, got) {
        (_, Err(ConvError::Empty { .. })) if empty => Ok(()),
        (_, Ok(got)) if empty => Err(format!("returned {got:?} for an empty")),
        (Ok(want), Ok(got)) if in_ulps => {
            let got = got.mapv(Elem::to_f64);
            close_array(&got, want, 1e-13)
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
