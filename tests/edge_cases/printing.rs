//! The `printing` family of python/outputs/edge-cases/: what NumPy prints for arrays of every
//! kind (str and repr, under the print options a script could set), read back by
//! `numpy_text`, which every agreement test relies on. A text whose values are all printed is
//! read as an array of the printed shape, each value within the printed precision; a text that
//! does not hold every value (summarised with `...`), or holds no numbers NumPy's way
//! (booleans, complex numbers, a 0-d array's bare scalar), is an error, never an array.

use chapters_code::numpy_text::{array, numbers, PrintedArray};
use serde_json::Value;

use crate::harness::{Case, Family};

#[test]
fn numpy_text_reads_every_array_numpy_prints() {
    let family = Family::load("printing");
    family.covers(&["numpy_text::array"]);
    for refused in ["summarised", "bool", "0-d", "c128"] {
        assert!(
            family
                .cases
                .iter()
                .any(|c| c.id.contains(refused) && c.expect.is_err()),
            "no case NumPy prints unreadably: {refused}"
        );
    }
    family.check(&[], |case| match case.function.as_str() {
        "numpy_text::array" => check_printed(case),
        other => Err(format!("no check for {other}")),
    });
}

fn check_printed(case: &Case) -> Result<(), String> {
    let text = case.args["text"].as_str().expect("text");
    let read = array(text);
    let want = match (&case.expect, read) {
        (Err(_), Err(_)) => return Ok(()),
        (Err((_, why)), Ok(read)) => {
            return Err(format!("read {read:?} from {text:?}, which is {why}"))
        }
        (Ok(_), Err(e)) => return Err(format!("refused {text:?}: {e:#}")),
        (Ok(want), Ok(read)) => (want, read),
    };
    let (want, read) = want;
    let shape: Vec<usize> = want["shape"]
        .as_array()
        .expect("shape")
        .iter()
        .map(|n| n.as_u64().expect("a length") as usize)
        .collect();
    let values: Vec<f64> = want["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(value)
        .collect();
    check_shape(case, &read, &shape)?;
    let precision = case.args["precision"].as_i64().expect("precision") as i32;
    let printed = 0.5 * 10f64.powi(-precision);
    if read.values().len() != values.len() {
        return Err(format!(
            "{} values read, {} printed",
            read.values().len(),
            values.len()
        ));
    }
    // NumPy prints every value of an array in one mode: scientific digits are relative to
    // the value, positional ones absolute (`precision` digits after the point, however many
    // come before it: -1754.72430635). A float32 is printed as its shortest repr among
    // float32s when that is shorter: half a float32 ulp away, relative to the value.
    let scientific = text.contains("e+") || text.contains("e-");
    for (i, (&got, &x)) in read.values().iter().zip(&values).enumerate() {
        // The digits printed, and half an f64 ulp for reading them back.
        let digits = if scientific {
            printed * x.abs()
        } else {
            printed
        };
        let tolerance = match want["dtype"].as_str() {
            Some("f64") => digits + x.abs() * f64::EPSILON / 2.0,
            Some("f32") => digits.max(x.abs() * f64::from(f32::EPSILON) / 2.0),
            _ => 0.0,
        };
        if !within(got, x, tolerance) {
            return Err(format!(
                "value {i}: read {got:e}, NumPy's array holds {x:e}"
            ));
        }
    }
    // `numbers` reads a str form's values too (a repr's `shape=(0, 3)` holds numbers that
    // are no values, so only str forms).
    if case.args["form"] == "str" {
        let loose = numbers(text);
        let same = loose.len() == read.values().len()
            && loose
                .iter()
                .zip(read.values())
                .all(|(a, b)| a.to_bits() == b.to_bits());
        if !same {
            return Err(format!(
                "numbers() read {loose:?}, array() {:?}",
                read.values()
            ));
        }
    }
    Ok(())
}

/// An empty array's str is bare brackets, which do not hold its shape; its repr names it.
fn check_shape(
    case: &Case,
    read: &PrintedArray,
    shape: &[usize],
) -> Result<(), String> {
    let empty = shape.contains(&0);
    let known = read.shape_is_known();
    let shape_ok = if empty && !known {
        read.is_empty()
    } else {
        read.shape() == shape
    };
    if !shape_ok || (case.args["form"] == "repr" && !known) {
        return Err(format!(
            "shape {:?} (known: {known}), NumPy's is {shape:?}",
            read.shape()
        ));
    }
    Ok(())
}

/// A float is encoded as its repr string, an integer as a JSON integer.
fn value(v: &Value) -> f64 {
    match v {
        Value::String(s) => s.parse().expect("a float's repr"),
        other => other
            .as_i64()
            .map(|i| i as f64)
            .or_else(|| other.as_u64().map(|u| u as f64))
            .expect("an integer"),
    }
}

/// NaN is NaN; an infinity and a zero's sign are exact; any other value is within
/// `tolerance` of the array's value.
fn within(read: f64, value: f64, tolerance: f64) -> bool {
    if value.is_nan() || read.is_nan() {
        return value.is_nan() && read.is_nan();
    }
    if value.is_infinite() || read.is_infinite() {
        return read == value;
    }
    if read == 0.0 && read.is_sign_negative() != value.is_sign_negative() {
        return false;
    }
    (read - value).abs() <= tolerance * (1.0 + 1e-9)
}
