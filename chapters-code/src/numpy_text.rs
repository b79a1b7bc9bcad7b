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
    /// Each value printed as an integer (no `.` or exponent), exactly: an `f64` cannot tell
    /// 2^53 + 1 from 2^53, and int64 outputs go that high.
    integers: Vec<Option<i128>>,
}

impl PrintedArray {
    /// Whether both have the same shape and the same values, where NaN equals NaN and every
    /// other value must be equal (`0.0 == -0.0`): the two libraries print the same numbers
    /// with different digits (`1.` and `1`), so this compares numbers, not text. Two values
    /// printed as integers are compared exactly, beyond what an `f64` holds.
    pub fn same_as(&self, other: &PrintedArray) -> bool {
        self.shape == other.shape
            && self.values.len() == other.values.len()
            && (0..self.values.len()).all(|i| {
                let (a, b) = (self.values[i], other.values[i]);
                match (self.integers[i], other.integers[i]) {
                    (Some(x), Some(y)) => x == y,
                    _ => a == b || (a.is_nan() && b.is_nan()),
                }
            })
    }

    /// Whether both have the same shape and values within `tolerance` (absolute), NaN
    /// matching NaN and infinities matching exactly (whatever the tolerance).
    pub fn close_to(&self, other: &PrintedArray, tolerance: f64) -> bool {
        self.shape == other.shape
            && self.values.len() == other.values.len()
            && self.values.iter().zip(&other.values).all(|(a, b)| {
                if a.is_infinite() || b.is_infinite() {
                    return a == b;
                }
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
/// `NaN`, `inf`, `-inf`. One trailing `.` after a digit is NumPy's way to print a whole
/// float; `1..` is not a number.
pub fn parse_number(token: &str) -> Option<f64> {
    let token = match token.strip_suffix('.') {
        Some(whole)
            if whole.ends_with(|c: char| c.is_ascii_digit())
                && !whole.contains(['.', 'e', 'E']) =>
        {
            whole
        }
        Some(_) => return None,
        None => token,
    };
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
/// NumPy's elision `...` are skipped; a number is a token between whitespace, commas,
/// brackets or parentheses that parses (see [`parse_number`]), once a label's or a
/// sentence's punctuation is taken off its end: `3.5` in `mean: 3.5;` and in `was 3.5.`.
/// A colon inside a token is part of it, so slices such as `a[2:8]` give no numbers.
pub fn numbers(text: &str) -> Vec<f64> {
    text.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '[' | ']' | '(' | ')')
    })
    .filter_map(|token| {
        parse_number(token).or_else(|| {
            // Punctuation that ends a clause, then a number NumPy prints whole ("3.").
            let trimmed = token.strip_suffix([':', ';', '.'])?;
            parse_number(trimmed)
                .or_else(|| parse_number(trimmed.strip_suffix('.')?))
        })
    })
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
                        let one =
                            one_array(&text[begin..=at]).map_err(|e| {
                                e.context(format!(
                                    "array {} (at byte {begin})",
                                    found.len() + 1
                                ))
                            })?;
                        found.push(one);
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
    let mut reader = ArrayReader::default();
    for c in text.chars() {
        match c {
            '[' => reader.open()?,
            ']' => reader.close()?,
            c if c.is_whitespace() || c == ',' => reader.end_token()?,
            c => reader.token.push(c),
        }
    }
    reader.finish()
}

/// The state of [`one_array`] as it reads one character after another.
#[derive(Default)]
struct ArrayReader {
    /// The length of each axis, as seen by the first row of each depth; every later row at
    /// the same depth must agree.
    shape: Vec<Option<usize>>,
    /// What each depth holds, numbers (`false`) or rows (`true`): a depth that holds both
    /// (`[[1], 2]`) is not an array NumPy can print.
    holds_rows: Vec<Option<bool>>,
    /// How many items each open bracket holds so far, outermost first.
    counts: Vec<usize>,
    values: Vec<f64>,
    integers: Vec<Option<i128>>,
    /// The number being read.
    token: String,
}

impl ArrayReader {
    /// Counts one item (a number, or a row when `row`) at the innermost open bracket.
    fn count_item(&mut self, row: bool) -> Result<()> {
        let Some(depth) = self.counts.len().checked_sub(1) else {
            return Ok(());
        };
        if self.holds_rows.len() <= depth {
            self.holds_rows.resize(depth + 1, None);
        }
        if self.holds_rows[depth]
            .replace(row)
            .is_some_and(|was| was != row)
        {
            return Err(Error::msg(format!(
                "ragged array: numbers and rows side by side at depth {depth}"
            )));
        }
        self.counts[depth] += 1;
        Ok(())
    }

    /// Ends the number being read, if any.
    fn end_token(&mut self) -> Result<()> {
        if self.token.is_empty() {
            return Ok(());
        }
        if self.token == "..." {
            return Err(Error::msg(
                "the array is elided (`...`): print it in full to compare it",
            ));
        }
        let token = std::mem::take(&mut self.token);
        let value = parse_number(&token).ok_or_else(|| {
            Error::msg(format!("{token:?} in an array is not a number"))
        })?;
        self.count_item(false)?;
        self.values.push(value);
        self.integers.push(token.parse::<i128>().ok());
        Ok(())
    }

    /// `[`: a row of the enclosing bracket begins.
    fn open(&mut self) -> Result<()> {
        self.end_token()?;
        self.count_item(true)?;
        self.counts.push(0);
        if self.shape.len() < self.counts.len() {
            self.shape.push(None);
        }
        Ok(())
    }

    /// `]`: the row ends; its length must be its depth's.
    fn close(&mut self) -> Result<()> {
        self.end_token()?;
        let depth = self.counts.len().saturating_sub(1);
        let count = self.counts.pop().unwrap_or(0);
        match self.shape.get(depth).copied().flatten() {
            None => {
                if let Some(axis) = self.shape.get_mut(depth) {
                    *axis = Some(count);
                }
            }
            Some(known) if known == count => {}
            Some(known) => {
                return Err(Error::msg(format!(
                "ragged array: rows of {known} and of {count} at depth {depth}"
            )))
            }
        }
        Ok(())
    }

    /// The array read: its shape must hold exactly the values read (an empty innermost
    /// axis, `[]`, holds none).
    fn finish(self) -> Result<PrintedArray> {
        let shape: Vec<usize> =
            self.shape.into_iter().map(|n| n.unwrap_or(0)).collect();
        let expected: usize = shape.iter().product();
        if expected != self.values.len() {
            return Err(Error::msg(format!(
                "shape {shape:?} does not hold {} values",
                self.values.len()
            )));
        }
        Ok(PrintedArray {
            shape,
            values: self.values,
            integers: self.integers,
        })
    }
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
        // Numbers beside rows: NumPy refuses such an array ("inhomogeneous shape").
        for mixed in ["[[1], 2]", "[1, [2]]", "[[1], 2, 3]", "[[[1]], [2]]"] {
            assert!(array(mixed).is_err(), "{mixed}");
        }
        let error = arrays("[1] [[1], 2]").expect_err("mixed").to_string();
        assert!(error.starts_with("array 2 (at byte 4): ragged"), "{error}");
    }

    #[test]
    fn integers_compare_exactly_and_infinities_never_come_close() {
        let (big, next) =
            (array("[9007199254740993]"), array("[9007199254740992]"));
        let (big, next) = (big.expect("parses"), next.expect("parses"));
        assert!(!big.same_as(&next), "2^53 + 1 is not 2^53");
        assert!(big.same_as(&array("[9007199254740993]").expect("again")));
        assert!(array("[1]")
            .expect("1")
            .same_as(&array("[1.]").expect("1.")));
        let (inf, minus) =
            (array("[inf]").expect("inf"), array("[-inf]").expect("-inf"));
        assert!(!inf.close_to(&minus, f64::INFINITY));
        assert!(!inf.close_to(&array("[1e308]").expect("big"), f64::INFINITY));
        assert!(inf.close_to(&inf, 0.0));
    }

    #[test]
    fn tokens_are_numbers_only_when_whole() {
        assert_eq!(parse_number("1."), Some(1.0));
        assert_eq!(parse_number("-3."), Some(-3.0));
        assert_eq!(parse_number("1.."), None);
        assert_eq!(parse_number("1.5."), None);
        assert_eq!(parse_number("."), None);
        assert_eq!(numbers("mean: 3.5; max: 7"), [3.5, 7.0]);
        assert_eq!(numbers("Mean: 3.5. Then 2.. and 1.:"), [3.5, 2.0, 1.0]);
        assert_eq!(numbers("dist_sq[0, :4] = [1, 2]"), [0.0, 1.0, 2.0]);
        assert_eq!(numbers("a[2:8:2] = [2 4 6]"), [2.0, 4.0, 6.0]);
    }
}
