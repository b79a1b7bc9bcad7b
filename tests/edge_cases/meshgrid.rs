//! `meshgrid::numpy_arange`, `arange_length`, `sinc` and `sinc_broadcast`
//! against NumPy 2.4.6: zero, NaN, infinite and tiny steps, bounds that
//! overflow, lengths that underflow, specials, empty inputs and reversed or
//! strided views; and ndarray's `Array::linspace` against `np.linspace`,
//! which differ where chapter 6's table says.

use chapters_code::meshgrid::{
    arange_length, numpy_arange, sinc, sinc_broadcast, ArangeError,
};
use ndarray::Array;
use proptest::prelude::*;

use crate::harness::{float, same_array, Case, Family, Input};

#[test]
fn meshgrid_matches_numpy() {
    let family = Family::load("meshgrid");
    family.covers(&[
        "meshgrid::numpy_arange",
        "meshgrid::sinc",
        "meshgrid::sinc_broadcast",
        "ndarray::Array::linspace",
    ]);
    family.check(&[], |case| match case.function.as_str() {
        "meshgrid::numpy_arange" => check_arange(case),
        "meshgrid::sinc" | "meshgrid::sinc_broadcast" => check_sinc(case),
        "ndarray::Array::linspace" => check_linspace(case),
        other => Err(format!("no check for {other}")),
    });
}

fn check_arange(case: &Case) -> Result<(), String> {
    let args = &case.args;
    let (start, stop, step) = (
        float(&args["start"]),
        float(&args["stop"]),
        float(&args["step"]),
    );
    if let Some(why) = case.raw["numpy_is_wrong"].as_str() {
        // NumPy's answer is its own bug: the right answer is an error.
        return match numpy_arange(start, stop, step) {
            Err(ArangeError::TooLarge { .. }) => Ok(()),
            other => Err(format!("{other:?}, not TooLarge ({why})")),
        };
    }
    if let Err((kind, message)) = &case.expect {
        if kind == "MemoryError" {
            // "Unable to allocate … with shape (N,) …": NumPy computed N and
            // found no memory for it. Only a request that no 64-bit address
            // space holds fails on every machine (whether a smaller one
            // does depends on overcommit), so the length is compared and
            // nothing is allocated; `no_address_space_is_a_typed_error`
            // checks the error itself.
            let n: usize = message
                .split_once("shape (")
                .and_then(|(_, rest)| rest.split_once(',')?.0.parse().ok())
                .ok_or_else(|| format!("no shape in {message:?}"))?;
            let length = arange_length(start, stop, step);
            return if length == Ok(n) {
                Ok(())
            } else {
                Err(format!("length {length:?}, NumPy {n}"))
            };
        }
    }
    match (&case.expect, numpy_arange(start, stop, step)) {
        (Ok(want), Ok(got)) => same_array(&got, want),
        (Err((kind, message)), Err(e)) => {
            let agrees = match (e, kind.as_str()) {
                (ArangeError::ZeroStep, "ZeroDivisionError") => true,
                (ArangeError::CannotComputeLength, "ValueError") => {
                    message == "arange: cannot compute length"
                }
                (ArangeError::TooLarge { .. }, "ValueError") => {
                    message == "Maximum allowed size exceeded"
                        || message.starts_with("array is too big")
                }
                _ => false,
            };
            if agrees {
                Ok(())
            } else {
                Err(format!("error {e:?}; NumPy raised {kind}: {message}"))
            }
        }
        (Ok(_), Err(e)) => Err(format!("error {e}; NumPy answered")),
        (Err((kind, message)), Ok(got)) => Err(format!(
            "returned {} elements; NumPy raised {kind}: {message}",
            got.len()
        )),
    }
}

fn check_sinc(case: &Case) -> Result<(), String> {
    let x = Input::<f64>::decode(&case.args["x"]);
    let y = Input::<f64>::decode(&case.args["y"]);
    let z = match case.function.as_str() {
        "meshgrid::sinc" => sinc(x.view1(), y.view1()),
        _ => sinc_broadcast(x.view1(), y.view1()),
    };
    match &case.expect {
        Ok(want) => same_array(&z, want),
        Err((kind, message)) => {
            Err(format!("returned {z:?}; NumPy raised {kind}: {message}"))
        }
    }
}

/// The linspace row of chapter 6's table: NumPy sets the last value to `stop`
/// (ndarray computes it); one point is `start + 0 × (stop - start)` in NumPy,
/// NaN when that span is not finite, and `start` in ndarray. Every other value
/// is the same `start + i × step` in both.
fn check_linspace(case: &Case) -> Result<(), String> {
    let (start, stop) = (float(&case.args["start"]), float(&case.args["stop"]));
    let num = case.args["num"].as_u64().ok_or("no num")? as usize;
    let want = match &case.expect {
        Ok(want) => Input::<f64>::decode(want)
            .logical()
            .iter()
            .copied()
            .collect::<Vec<f64>>(),
        Err((kind, message)) => {
            return Err(format!("NumPy raised {kind}: {message}"))
        }
    };
    let got = Array::linspace(start, stop, num);
    // Bit for bit: the sign of a zero is compared too.
    let same = |a: f64, b: f64| {
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
    };
    if got.len() != want.len() {
        return Err(format!("{} values; NumPy {}", got.len(), want.len()));
    }
    // ndarray's one point, and the value it repeats, is `start + 0`: `start`,
    // but 0.0 for -0.0 (the table says so).
    let ndarray_start = start + 0.0;
    if num == 1 {
        // NumPy's one point is start + 0 × (stop - start): NaN exactly where
        // that span is not finite, and -0.0 for a start of -0.0 above stop.
        let numpy_one = start + 0.0 * (stop - start);
        let nan_as_the_table_says =
            want[0].is_nan() != (stop - start).is_finite();
        return if same(want[0], numpy_one)
            && nan_as_the_table_says
            && same(got[0], ndarray_start)
        {
            Ok(())
        } else {
            Err(format!(
                "{got}, NumPy {want:?}; the table says NumPy \
                 [a + 0 × (b - a)], ndarray [a + 0]"
            ))
        };
    }
    if num >= 2 && !same(want[num - 1], stop) {
        return Err(format!(
            "NumPy's last value {} is not stop",
            want[num - 1]
        ));
    }
    let span = stop - start;
    if num >= 2 && span != 0.0 && span / (num - 1) as f64 == 0.0 {
        // The step rounds to 0: NumPy scales [0, ..., 1] by the span, ndarray
        // repeats start (the table's last clause).
        let scaled = |i: usize| start + i as f64 / (num - 1) as f64 * span;
        return match (0..num - 1).find(|&i| !same(want[i], scaled(i))) {
            Some(i) => Err(format!("NumPy [{i}] {} is not scaled", want[i])),
            None if got.iter().all(|&v| same(v, ndarray_start))
                && want != got.to_vec() =>
            {
                Ok(())
            }
            None => Err(format!(
                "{:?}; the table says ndarray repeats start",
                got.to_vec()
            )),
        };
    }
    let compared = if num >= 2 { num - 1 } else { num };
    match (0..compared).find(|&i| !same(got[i], want[i])) {
        None => Ok(()),
        Some(i) => Err(format!("[{i}] {}; NumPy {}", got[i], want[i])),
    }
}

/// Lengths whose memory error would depend on the machine are not
/// allocated by the data test; these are: 2^59 elements (2^62 bytes) fit the
/// length rule but no address space.
#[test]
fn no_address_space_is_a_typed_error() {
    assert_eq!(
        numpy_arange(0.0, 2f64.powi(59), 1.0),
        Err(ArangeError::OutOfMemory { length: 1 << 59 })
    );
    assert_eq!(
        numpy_arange(0.0, 1e18, 1.0),
        Err(ArangeError::OutOfMemory {
            length: 1_000_000_000_000_000_000
        })
    );
}

/// The limits of the rule (NumPy's answers at them are the committed cases
/// numpy_arange/37 to /41, its own bug at a length of exactly 2^63 among them:
/// `np.arange(0, 2.0**63, 1.0)` returns `[]`).
#[test]
fn lengths_at_the_limits() {
    let two_63 = 2f64.powi(63);
    assert!(matches!(
        numpy_arange(0.0, two_63, 1.0),
        Err(ArangeError::TooLarge { length }) if length == two_63
    ));
    // Accepted at -2^63 (an empty range), as NumPy does, but not less.
    assert_eq!(arange_length(0.0, -two_63, 1.0), Ok(0));
    assert!(arange_length(0.0, -1e19, 1.0).is_err());
    // 2^60 elements of 8 bytes are more than isize::MAX bytes ("array is
    // too big").
    assert!(matches!(
        arange_length(0.0, 2f64.powi(60), 1.0),
        Err(ArangeError::TooLarge { .. })
    ));
    assert_eq!(arange_length(0.0, 1.0, f64::INFINITY), Ok(1));
    assert_eq!(arange_length(0.0, 1.0, -0.0), Err(ArangeError::ZeroStep));
    assert_eq!(
        arange_length(f64::INFINITY, f64::INFINITY, 1.0),
        Err(ArangeError::CannotComputeLength)
    );
}

/// Any float, drawn three ways: from all bit patterns (where NaN and the
/// infinities are 1 in 2,048 and almost every ratio of two is astronomically
/// large or small), from the special values themselves, and from ordinary
/// values, three of which make an array of a few to a few thousand elements.
fn any_float() -> impl Strategy<Value = f64> {
    let specials = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.0,
        -0.0,
        5e-324,
        f64::MIN_POSITIVE,
        f64::MAX,
        -1.0,
        1.0,
    ];
    prop_oneof![
        any::<u64>().prop_map(f64::from_bits),
        prop::sample::select(specials.to_vec()),
        -100.0..100.0_f64,
    ]
}

proptest! {
    /// Any three floats, NaN and infinities included: a length or an
    /// error, never a panic; and an array of exactly that length.
    #[test]
    fn arange_never_panics(start in any_float(), stop in any_float(), step in any_float()) {
        if let Ok(len) = arange_length(start, stop, step) {
            if len <= 1 << 16 {
                let array = numpy_arange(start, stop, step);
                prop_assert_eq!(array.map(|a| a.len()), Ok(len));
            }
        }
    }

    /// Ordinary arguments: the length is ceil((stop - start) / step).
    #[test]
    fn arange_ordinary_lengths(
        start in -1e3..1e3_f64,
        span in 0.0..1e3_f64,
        step in 1e-2..10.0_f64,
    ) {
        let stop = start + span;
        let want = ((stop - start) / step).ceil() as usize;
        prop_assert_eq!(arange_length(start, stop, step), Ok(want));
    }
}
