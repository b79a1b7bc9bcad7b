//! Reading arrays back from printed text, so that a test can check that a Rust sample and the
//! NumPy script print the same numbers without running Python: both outputs are committed,
//! and this module finds the arrays in each.
//!
//! NumPy prints `[[1. 2.]\n [3. 4.]]` and ndarray prints `[[1, 2],\n [3, 4]]`; both are read
//! as the same [`PrintedArray`]: its shape, from the nesting of the brackets, and its values
//! in reading order. Scalars and text around the arrays are ignored by [`arrays`];
//! [`numbers`] reads every number of a text, bracketed or not.

use std::fmt;

use crate::error::{Error, Result};

/// An array as it was printed: its shape and its values, in reading (row-major) order.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedArray {
    /// The length of each axis, outermost first.
    pub shape: Vec<usize>,
    /// The values in reading order.
    pub values: Vec<f64>,
}

impl PrintedArray {
    /// Whether both have the same shape and the same values, where NaN equals NaN and every
    /// other value must be equal (`0.0 == -0.0`): the two libraries print the same numbers
    /// with different digits (`1.` and `1`), so this compares numbers, not text.
    pub fn same_as(&self, other: &PrintedArray) -> bool {
        self.shape == other.shape
            && self.values.len() == other.values.len()
            && self
                .values
                .iter()
                .zip(&other.values)
                .all(|(a, b)| a == b || (a.is_nan() && b.is_nan()))
    }

    /// Whether both have the same shape and values within `tolerance` (absolute), NaN
    /// matching NaN and infinities matching exactly.
    pub fn close_to(&self, other: &PrintedArray, tolerance: f64) -> bool {
        self.shape == other.shape
            && self.values.len() == other.values.len()
            && self.values.iter().zip(&other.values).all(|(a, b)| {
                a == b
                    || (a.is_nan() && b.is_nan())
                    || (a - b).abs() <= tolerance
            })
    }
}

impl fmt::Display for PrintedArray {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "shape {:?}: {:?}", self.shape, self.values)
    }
}

/// Parses one number as NumPy or ndarray prints it: `3`, `-3.`, `0.25`, `1e-05`, `nan`,
/// `NaN`, `inf`, `-inf`.
pub fn parse_number(token: &str) -> Option<f64> {
    let token = token.trim_end_matches('.');
    if token.is_empty() {
        return None;
    }
    match token.to_ascii_lowercase().as_str() {
        "nan" | "-nan" => return Some(f64::NAN),
        "inf" => return Some(f64::INFINITY),
        "-inf" => return Some(f64::NEG_INFINITY),
        _ => {}
    }
    let first = token.chars().next()?;
    if !(first.is_ascii_digit() || first == '-' || first == '+') {
        return None;
    }
    token.parse().ok()
}

/// Every number in `text`, in order, whether inside brackets or not. Words, punctuation and
/// NumPy's elision `...` are skipped; a number is a whitespace-, comma- or bracket-separated
/// token that parses (see [`parse_number`]).
pub fn numbers(text: &str) -> Vec<f64> {
    text.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '[' | ']' | '(' | ')')
    })
    .filter_map(parse_number)
    .collect()
}

/// Every bracketed array in `text`, in order. An array starts at a `[` outside any other
/// array and ends at its matching `]`; its shape comes from the brackets (every row of an
/// axis must have the same length, or it is an error naming the array).
pub fn arrays(text: &str) -> Result<Vec<PrintedArray>> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut start = None;
    for (at, c) in text.char_indices() {
        match c {
            '[' => {
                if depth == 0 {
                    start = Some(at);
                }
                depth += 1;
            }
            ']' => {
                if depth == 0 {
                    return Err(Error::msg(format!(
                        "an unmatched `]` at byte {at}"
                    )));
                }
                depth -= 1;
                if depth == 0 {
                    if let Some(begin) = start.take() {
                        found.push(one_array(&text[begin..=at])?);
                    }
                }
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err(Error::msg("an array is not closed: a `]` is missing"));
    }
    Ok(found)
}

/// The one array in `text`; an error if there is none or more than one.
pub fn array(text: &str) -> Result<PrintedArray> {
    let mut all = arrays(text)?;
    match all.len() {
        1 => Ok(all.remove(0)),
        n => Err(Error::msg(format!("expected one array, found {n}"))),
    }
}

/// The array printed after the first line that contains `label` (on the same line or the
/// lines below it), e.g. `array_after(text, "A * B:")`.
pub fn array_after(text: &str, label: &str) -> Result<PrintedArray> {
    let at = text
        .find(label)
        .ok_or_else(|| Error::msg(format!("no {label:?} in the text")))?;
    let rest = &text[at + label.len()..];
    let first = arrays(rest)?
        .into_iter()
        .next()
        .ok_or_else(|| Error::msg(format!("no array after {label:?}")))?;
    Ok(first)
}

/// Reads one bracketed array: `[[1, 2], [3, 4]]` or `[[1 2]\n [3 4]]`.
fn one_array(text: &str) -> Result<PrintedArray> {
    // The length of each axis, as seen by the first row of each depth; every later row at
    // the same depth must agree.
    let mut shape: Vec<Option<usize>> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    let mut values = Vec::new();
    let mut token = String::new();
    let flush = |token: &mut String,
                 counts: &mut Vec<usize>,
                 values: &mut Vec<f64>|
     -> Result<()> {
        if token.is_empty() {
            return Ok(());
        }
        if token.as_str() == "..." {
            return Err(Error::msg(
                "the array is elided (`...`): print it in full to compare it",
            ));
        }
        let value = parse_number(token).ok_or_else(|| {
            Error::msg(format!("{token:?} in an array is not a number"))
        })?;
        values.push(value);
        if let Some(last) = counts.last_mut() {
            *last += 1;
        }
        token.clear();
        Ok(())
    };
    for c in text.chars() {
        match c {
            '[' => {
                flush(&mut token, &mut counts, &mut values)?;
                if let Some(last) = counts.last_mut() {
                    *last += 1;
                }
                counts.push(0);
                if shape.len() < counts.len() {
                    shape.push(None);
                }
            }
            ']' => {
                flush(&mut token, &mut counts, &mut values)?;
                let depth = counts.len() - 1;
                let count = counts.pop().unwrap_or(0);
                match shape[depth] {
                    None => shape[depth] = Some(count),
                    Some(known) if known == count => {}
                    Some(known) => {
                        return Err(Error::msg(format!(
                            "ragged array: rows of {known} and of {count} at depth {depth}"
                        )))
                    }
                }
            }
            c if c.is_whitespace() || c == ',' => {
                flush(&mut token, &mut counts, &mut values)?;
            }
            c => token.push(c),
        }
    }
    let shape: Vec<usize> = shape.into_iter().map(|n| n.unwrap_or(0)).collect();
    // An empty innermost axis (`[]`) has no values; the product must match what was read.
    let expected: usize = shape.iter().product();
    if expected != values.len() {
        return Err(Error::msg(format!(
            "shape {shape:?} does not hold {} values",
            values.len()
        )));
    }
    Ok(PrintedArray { shape, values })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_and_ndarray_print_the_same_array_differently() {
        let numpy = array("[[1. 2. 3.]\n [4. 5. 6.]]").expect("numpy");
        let ndarray = array("[[1, 2, 3],\n [4, 5, 6]]").expect("ndarray");
        assert_eq!(numpy.shape, [2, 3]);
        assert_eq!(numpy.values, [1., 2., 3., 4., 5., 6.]);
        assert!(numpy.same_as(&ndarray));
        let other = array("[[1, 2, 3],\n [4, 5, 7]]").expect("other");
        assert!(!numpy.same_as(&other));
        let transposed = array("[[1, 4], [2, 5], [3, 6]]").expect("t");
        assert!(!numpy.same_as(&transposed), "same values, other shape");
    }

    #[test]
    fn specials_and_exponents() {
        let a = array("[nan -inf 1e-05 -0. 3]").expect("parses");
        assert_eq!(a.shape, [5]);
        assert!(a.values[0].is_nan());
        assert_eq!(a.values[1], f64::NEG_INFINITY);
        assert_eq!(a.values[2], 1e-5);
        assert!(a.same_as(&array("[NaN, -inf, 0.00001, 0, 3]").expect("b")));
    }

    #[test]
    fn several_arrays_and_labels() {
        let text = "A * B:\n[[6 6]\n [6 6]]\nA.dot(&B):\n[18, 45, 72]\n";
        assert_eq!(arrays(text).expect("two").len(), 2);
        let dot = array_after(text, "A.dot(&B):").expect("found");
        assert_eq!(dot.values, [18., 45., 72.]);
        assert!(array_after(text, "nothing").is_err());
        assert_eq!(numbers("shape (3, 2), 6 elements"), [3., 2., 6.]);
    }

    #[test]
    fn malformed_arrays_are_errors() {
        assert!(array("[[1, 2], [3]]").is_err(), "ragged");
        assert!(array("[[1, 2], [3, 4]").is_err(), "not closed");
        assert!(array("[1, x]").is_err(), "not a number");
        assert!(array("[0, 1, ..., 9]").is_err(), "elided");
        assert!(array("no array").is_err());
        assert_eq!(array("[[]]").expect("empty").shape, [1, 0]);
    }
}
