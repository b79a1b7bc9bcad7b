//! The `memory` family of python/outputs/edge-cases/: chapter 1's string-width rules and
//! `fixed_width` against what NumPy does for every integer size it has (and the sizes it
//! refuses), and `astype("<UW")` at several widths.

use chapters_code::memory::{
    fixed_width, numpy_str_width, widest_integer_text, IntType,
};

use crate::harness::{Case, Family};

#[test]
fn memory_matches_numpy() {
    let family = Family::load("memory");
    family.covers(&[
        "memory::numpy_str_width",
        "memory::widest_integer_text",
        "memory::fixed_width",
    ]);
    family.check(&[], |case| match case.function.as_str() {
        "memory::numpy_str_width" => check_width(case, numpy_str_width),
        "memory::widest_integer_text" => check_width(case, widest_integer_text),
        "memory::fixed_width" => check_fixed(case),
        other => Err(format!("no check for {other}")),
    });
}

/// A size NumPy has no integer type for is `IntType::new`'s error, as NumPy's
/// `TypeError`; the others give NumPy's width.
fn check_width(case: &Case, width: fn(IntType) -> usize) -> Result<(), String> {
    let bits = case.args["bits"].as_u64().expect("bits");
    let signed = case.args["signed"].as_bool().expect("signed");
    let int = u32::try_from(bits)
        .map_err(|e| e.to_string())
        .and_then(|bits| IntType::new(bits, signed).map_err(|e| e.to_string()));
    match (&case.expect, int) {
        (Ok(want), Ok(int)) if want.as_u64() == Some(width(int) as u64) => {
            Ok(())
        }
        (Ok(want), Ok(int)) => Err(format!("{}, NumPy {want}", width(int))),
        (Ok(_), Err(e)) => Err(format!("error {e}; NumPy answered")),
        (Err(_), Err(_)) => Ok(()),
        (Err((_, message)), Ok(int)) => {
            Err(format!("{int:?}; NumPy raised {message}"))
        }
    }
}

/// The bytes before the first NUL are NumPy's string. A width of 0 does not
/// compile (documented on `fixed_width`): NumPy's `<U0` sizes the string from
/// the data instead, which a fixed-size array cannot do.
fn check_fixed(case: &Case) -> Result<(), String> {
    let number = case.args["number"].as_u64().expect("number") as usize;
    let width = case.args["width"].as_u64().expect("width");
    let bytes: Vec<u8> = match width {
        0 => return Ok(()),
        1 => fixed_width::<1>(number).to_vec(),
        3 => fixed_width::<3>(number).to_vec(),
        6 => fixed_width::<6>(number).to_vec(),
        21 => fixed_width::<21>(number).to_vec(),
        other => return Err(format!("no check for width {other}")),
    };
    let text: Vec<u8> = bytes.into_iter().take_while(|&b| b != 0).collect();
    let text = String::from_utf8(text).map_err(|e| e.to_string())?;
    match &case.expect {
        Ok(want) if want.as_str() == Some(text.as_str()) => Ok(()),
        other => Err(format!("{text:?}, NumPy {other:?}")),
    }
}
