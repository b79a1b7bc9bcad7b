//! `newaxis::infer_shape` and `expand_dims` against NumPy's `reshape` (with a
//! `-1`) and `np.expand_dims`.

use chapters_code::newaxis::{
    expand_dims, infer_shape, ExpandDimsError, ReshapeError,
};
use ndarray::{ArrayD, IxDyn};

use crate::harness::{sizes, Case, Family};

/// Cases that still differ from NumPy: none.
const KNOWN: &[&str] = &[];

#[test]
fn newaxis_matches_numpy() {
    let family = Family::load("newaxis");
    family.covers(&["newaxis::infer_shape", "newaxis::expand_dims"]);
    family.check(KNOWN, |case| match case.function.as_str() {
        "newaxis::infer_shape" => check_infer(case),
        "newaxis::expand_dims" => check_expand(case),
        other => Err(format!("no check for {other}")),
    });
}

fn check_infer(case: &Case) -> Result<(), String> {
    let len = case.args["len"].as_u64().expect("len") as usize;
    let requested: Vec<isize> = case.args["requested"]
        .as_array()
        .expect("requested")
        .iter()
        .map(|n| n.as_i64().expect("a size") as isize)
        .collect();
    let got = infer_shape(len, &requested);
    let other_negative = requested.iter().any(|&n| n < -1);
    match (&case.expect, got) {
        (Ok(want), Ok(got)) if got == sizes(want) => Ok(()),
        // The documented difference: NumPy 2.4 takes any negative size as
        // unknown; infer_shape accepts only -1, as NumPy documents.
        (Ok(_), Err(ReshapeError::NegativeSize { .. })) if other_negative => {
            Ok(())
        }
        (Ok(want), got) => Err(format!("{got:?}; NumPy {want}")),
        // The documented difference: infer_shape is given no element type
        // and counts elements, where NumPy counts the bytes of the sizes
        // other than 0 (an empty float64 (0, 2**60) is "array is too big").
        (Err((_, message)), Ok(got))
            if message.contains("array is too big")
                && case.args["dtype"] == "f64"
                && !fits_in_bytes::<f64>(&got) =>
        {
            Ok(())
        }
        (Err((_, message)), Ok(got)) => {
            Err(format!("Ok({got:?}); NumPy raised: {message}"))
        }
        (Err((_, message)), Err(e)) => {
            let agrees = match e {
                ReshapeError::MoreThanOneUnknown { .. } => {
                    message.contains("only specify one unknown")
                }
                ReshapeError::NegativeSize { .. } => other_negative,
                ReshapeError::TooLarge { .. } => {
                    message.contains("too big")
                        || message.contains("Maximum allowed")
                        || message.contains("cannot reshape")
                }
                ReshapeError::SizeMismatch { .. } => {
                    message.contains("cannot reshape")
                }
            };
            if agrees {
                Ok(())
            } else {
                Err(format!("error {e:?}; NumPy raised: {message}"))
            }
        }
    }
}

/// Whether NumPy makes an array of `shape` with elements of `T`: its sizes
/// other than 0 take at most `isize::MAX` bytes.
fn fits_in_bytes<T>(shape: &[usize]) -> bool {
    let mut nonzero = shape.iter().filter(|&&n| n != 0);
    let bytes = nonzero.try_fold(size_of::<T>(), |p, &n| p.checked_mul(n));
    bytes.is_some_and(|bytes| bytes <= isize::MAX as usize)
}

fn check_expand(case: &Case) -> Result<(), String> {
    let shape = sizes(&case.args["shape"]);
    let positions = sizes(&case.args["positions"]);
    let array = ArrayD::<f64>::zeros(IxDyn(&shape));
    let got = expand_dims(array.view(), &positions).map(|v| v.shape().to_vec());
    match (&case.expect, got) {
        (Ok(want), Ok(got)) if got == sizes(want) => Ok(()),
        (Ok(want), got) => Err(format!("{got:?}; NumPy {want}")),
        (Err((_, message)), Ok(got)) => {
            Err(format!("Ok({got:?}); NumPy raised: {message}"))
        }
        // The same message as NumPy's, word for word.
        (Err((_, message)), Err(e)) => {
            let same = match &e {
                ExpandDimsError::OutOfBounds { .. } => {
                    *message == e.to_string()
                }
                ExpandDimsError::Repeated { .. } => message == "repeated axis",
            };
            if same {
                Ok(())
            } else {
                Err(format!("error {e}; NumPy raised: {message}"))
            }
        }
    }
}
