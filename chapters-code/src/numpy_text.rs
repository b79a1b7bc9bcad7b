//! Reading arrays back from printed text, so that a test can check that a Rust sample and the
//! NumPy script print the same numbers without running Python: both outputs are committed,
//! and this module finds the arrays in each.
//!
//! NumPy prints `[[1. 2.]\n [3. 4.]]` and ndarray prints `[[1, 2],\n [3, 4]]`; both are read
//! as the same [`PrintedArray`]: its shape, from the nesting of the brackets, and its values
//! in reading order. Scalars and text around the arrays are ignored by [`arrays`];
//! [`numbers`] reads every number of a text, bracketed or not.
//!
//! An empty array's text does not hold its shape: NumPy prints every empty array as `[]`
//! (`np.zeros((0, 3))` too), and ndarray prints every empty array of n axes as n pairs of
//! brackets (`[[]]` for any empty 2-D array). So an empty [`PrintedArray`] reports the shape
//! its brackets show, read as NumPy reads a nested list (`[]` is `[0]`, `[[]]` is `[1, 0]`,
//! `[[], []]` is `[2, 0]`), and [`PrintedArray::shape_is_known`] says it is only that; the
//! repr `array([], shape=(0, 3), dtype=float64)` names its shape, which is then read. An empty
//! array is never the same as a non-empty one, and two empty arrays are the same unless both
//! shapes are known and differ: a test that must check an empty result's shape compares the
//! shapes the two samples print (`.shape`, `.dim()`).
//!
//! An agreement test checks with [`PrintedArray::agrees_with`] or [`numbers_agree`], which
//! refuse to pass on nothing: two outputs that print no value (an empty array on each side,
//! or a line missing from both) would agree on every value. An empty result is compared
//! only when the caller says it expects one ([`Expect::Empty`]).

use std::fmt;

use crate::allocation::checked_bytes;
use crate::error::{Error, Result};

/// An array as it was printed: its shape and its values, in reading (row-major) order.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedArray {
    // The fields are private: `integers` must stay beside `values`, one for one, and the
    // comparisons trust it over `values` (a public `values` changed to [5, 2] was still
    // "the same as" a printed [1 2], and one value longer panicked out of bounds).
    /// The length of each axis, outermost first (see [`PrintedArray::shape`]).
    shape: Vec<usize>,
    /// The values in reading order.
    values: Vec<f64>,
    /// Each value printed as an integer (no `.` or exponent), exactly: an `f64` cannot tell
    /// 2^53 + 1 from 2^53, and int64 outputs go that high. One for each of `values`.
    integers: Vec<Option<i128>>,
    /// Whether `shape` is the array's: always for an array with values; for an empty one,
    /// only when NumPy's repr printed it (`array([], shape=(0, 3), …)`, or `array([], …)`
    /// for shape `(0,)`).
    shape_known: bool,
}

impl PrintedArray {
    /// The length of each axis, outermost first. For an empty array whose shape is not
    /// printed ([`PrintedArray::shape_is_known`]), the shape its brackets show as a nested
    /// list: `[]` is `[0]`, `[[]]` is `[1, 0]`, whatever the array's real shape.
    ///
    /// ```
    /// let read = chapters_code::numpy_text::array("[[1. 2. 3.]\n [4. 5. 6.]]")?;
    /// assert_eq!(read.shape(), [2, 3]);
    /// # Ok::<(), chapters_code::Error>(())
    /// ```
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// The values in reading (row-major) order. They are read-only: the comparisons also
    /// use the exact integer each value was printed as, so a changed value would no
    /// longer be the one compared.
    ///
    /// ```
    /// let read = chapters_code::numpy_text::array("[1 2]")?;
    /// assert_eq!(read.values(), [1.0, 2.0]);
    /// # Ok::<(), chapters_code::Error>(())
    /// ```
    ///
    /// ```compile_fail
    /// let mut read = chapters_code::numpy_text::array("[1 2]")?;
    /// read.values[0] = 5.0; // private: `values()` is a slice to read
    /// # Ok::<(), chapters_code::Error>(())
    /// ```
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Whether the array holds no values.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Whether [`PrintedArray::shape`] is the printed array's real shape: true for every
    /// array with values, false for an empty array printed as bare brackets (NumPy prints
    /// `np.zeros((0, 3))` as `[]`), true for NumPy's repr of an empty array, which names its
    /// shape.
    pub fn shape_is_known(&self) -> bool {
        self.shape_known
    }

    /// Whether the two could be the same array as far as their shapes go: never when one is
    /// empty and the other not; two empty arrays unless both shapes are known and differ
    /// (see the [module docs](self)); otherwise equal shapes.
    fn same_shape(&self, other: &PrintedArray) -> bool {
        if self.is_empty() != other.is_empty() {
            return false;
        }
        if self.is_empty() && !(self.shape_known && other.shape_known) {
            return true;
        }
        self.shape == other.shape
    }

    /// Whether both have the same shape and the same values, where NaN equals NaN and every
    /// other value must be equal (`0.0 == -0.0`): the two libraries print the same numbers
    /// with different digits (`1.` and `1`), so this compares numbers, not text. A value
    /// printed as an integer is compared exactly, beyond what an `f64` holds: with another
    /// integer, or with the float the other side printed (`9007199254740993` is not
    /// `9007199254740992.0`, though both round to the same `f64`). An empty array
    /// is the same as another empty array unless both print their shapes and these differ
    /// (the text of `[]` has no shape; see the [module docs](self)), never as a non-empty one.
    pub fn same_as(&self, other: &PrintedArray) -> bool {
        self.same_shape(other)
            && self.values.len() == other.values.len()
            && (0..self.values.len()).all(|i| {
                let (a, b) = (self.values[i], other.values[i]);
                match exact_difference(
                    (self.integers[i], a),
                    (other.integers[i], b),
                ) {
                    Some(difference) => difference == 0,
                    None => a == b || (a.is_nan() && b.is_nan()),
                }
            })
    }

    /// Whether both have the same shape and values within `tolerance` (absolute), NaN
    /// matching NaN and infinities matching exactly (whatever the tolerance). A value
    /// printed as an integer differs from the other by their exact difference, as in
    /// [`PrintedArray::same_as`], not by that of their nearest `f64`s. Empty arrays compare
    /// as in [`PrintedArray::same_as`].
    pub fn close_to(&self, other: &PrintedArray, tolerance: f64) -> bool {
        self.same_shape(other)
            && self.values.len() == other.values.len()
            && (0..self.values.len()).all(|i| {
                let (a, b) = (self.values[i], other.values[i]);
                if let Some(difference) = exact_difference(
                    (self.integers[i], a),
                    (other.integers[i], b),
                ) {
                    // i128 differences of i64-sized prints are exact; as f64 they
                    // round only beyond 2^53, far above any useful tolerance. Equal
                    // values are close whatever the tolerance (NaN, negative), as
                    // equal floats are below.
                    return difference == 0 || difference as f64 <= tolerance;
                }
                if a.is_infinite() || b.is_infinite() {
                    return a == b;
                }
                a == b
                    || (a.is_nan() && b.is_nan())
                    || (a - b).abs() <= tolerance
            })
    }
}

/// The exact distance between two printed values, each as (its integer, if printed as one;
/// its `f64`), when one is printed as an integer and the other is an integer too or a whole
/// float: `None` otherwise (two floats, a fraction, an infinity or NaN), for an `f64`
/// comparison. The `f64` nearest an integer beyond 2^53 is another integer, so comparing
/// the `f64`s would call `9007199254740993` and `9007199254740992.0` equal.
fn exact_difference(
    (x, a): (Option<i128>, f64),
    (y, b): (Option<i128>, f64),
) -> Option<u128> {
    // A whole float in i128's range, as an integer (2^127 is the first float beyond it).
    let whole = |f: f64| {
        (f.is_finite() && f.fract() == 0.0 && f.abs() < 2f64.powi(127))
            .then_some(f as i128)
    };
    match (x, y) {
        (Some(x), Some(y)) => Some(x.abs_diff(y)),
        (Some(x), None) => whole(b).map(|y| x.abs_diff(y)),
        (None, Some(y)) => whole(a).map(|x| x.abs_diff(y)),
        (None, None) => None,
    }
}

/// What an agreement check expects both outputs to print, said by the caller: two
/// outputs that print no value agree on every value, so an empty array passes only when
/// it is the expected result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Values on both sides: an empty array on either side is an error.
    Values,
    /// An empty array on both sides (`[]`, ndarray's `[[]]`, NumPy's
    /// `array([], shape=(0, 3), …)`), with the same shape when both shapes are known.
    Empty,
}

impl PrintedArray {
    /// Checks that `self`, NumPy's array, and `rust` hold what `expect` says and are the
    /// same array ([`PrintedArray::same_as`]); the error shows both.
    ///
    /// # Errors
    ///
    /// When either array does not hold what `expect` says, or the two differ in shape or value.
    pub fn agrees_with(
        &self,
        rust: &PrintedArray,
        expect: Expect,
    ) -> Result<()> {
        self.agreement(rust, expect, self.same_as(rust))
    }

    /// Checks as [`PrintedArray::agrees_with`] does, with the values compared within
    /// `tolerance` ([`PrintedArray::close_to`]).
    ///
    /// # Errors
    ///
    /// As [`PrintedArray::agrees_with`], with values further apart than `tolerance`.
    pub fn agrees_within(
        &self,
        rust: &PrintedArray,
        tolerance: f64,
        expect: Expect,
    ) -> Result<()> {
        self.agreement(rust, expect, self.close_to(rust, tolerance))
    }

    /// The verdict of an agreement check whose comparison said `same`.
    fn agreement(
        &self,
        rust: &PrintedArray,
        expect: Expect,
        same: bool,
    ) -> Result<()> {
        let both = format!("NumPy {self}, Rust {rust}");
        match expect {
            Expect::Values if self.is_empty() || rust.is_empty() => {
                Err(Error::msg(format!(
                    "an empty array where values were expected ({both}): \
                     empty arrays agree on nothing; expect Expect::Empty if an \
                     empty result is right"
                )))
            }
            Expect::Empty if !(self.is_empty() && rust.is_empty()) => {
                Err(Error::msg(format!("expected two empty arrays ({both})")))
            }
            _ if !same => Err(Error::msg(format!("the arrays differ: {both}"))),
            _ => Ok(()),
        }
    }
}

impl fmt::Display for PrintedArray {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "shape {:?}: {:?}", self.shape, self.values)
    }
}

/// Parses one number as NumPy or ndarray prints it: `3`, `-3.`, `0.25`, `1e-05`, `nan`,
/// `NaN`, `inf`, `-inf`, and the `+1.`, `+nan`, `+inf` of `np.set_printoptions(sign='+')`.
/// One trailing `.` after a digit is NumPy's way to print a whole
/// float; `1..` is not a number. Neither library prints `.5`, `infinity` or a literal
/// beyond the range of `f64`, too large (`1e400`) or too small (`1e-400`, below the smallest
/// subnormal), so these are not numbers, with or without a sign: read as one (infinity or
/// zero), they would hide a corrupted output. One exception: with fewer digits than its
/// default 8 (`np.set_printoptions(precision=1)`), NumPy rounds the largest `f64` up and
/// prints `1.8e+308`; a literal that is `f64::MAX` (or its negative) rounded to the digits
/// printed is read as that value.
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
        "nan" | "-nan" | "+nan" => return Some(f64::NAN),
        "inf" | "+inf" => return Some(f64::INFINITY),
        "-inf" => return Some(f64::NEG_INFINITY),
        _ => {}
    }
    // The first character after the sign must be a digit, signed or not.
    let unsigned = token.strip_prefix(['-', '+']).unwrap_or(token);
    if !unsigned.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // Only the spellings above are infinite: `1e400` overflowing to inf is refused. A
    // literal with a non-zero digit that rounds to zero (`1e-400`) underflowed: refused too.
    let mantissa = unsigned.split(['e', 'E']).next().unwrap_or(unsigned);
    let nonzero = mantissa.contains(|c: char| matches!(c, '1'..='9'));
    let value = token.parse::<f64>().ok()?;
    if value.is_infinite() {
        return largest_rounded(unsigned).then(|| f64::MAX.copysign(value));
    }
    (value != 0.0 || !nonzero).then_some(value)
}

/// Whether an unsigned literal in scientific notation (`1.8e+308`, `2.e+308`) is `f64::MAX`
/// rounded to the literal's fractional digits, as NumPy prints it with a reduced precision.
fn largest_rounded(unsigned: &str) -> bool {
    let Some((mantissa, exponent)) = unsigned.split_once(['e', 'E']) else {
        return false;
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let (Ok(exponent), true) = (exponent.parse::<i32>(), whole.len() == 1)
    else {
        return false;
    };
    // Rust prints `f64::MAX` with that many fractional digits as `1.8e308`.
    let largest = format!("{:.*e}", fraction.len(), f64::MAX);
    let literal = match fraction {
        "" => format!("{whole}e{exponent}"),
        _ => format!("{whole}.{fraction}e{exponent}"),
    };
    largest == literal
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

/// Checks that NumPy's and Rust's lists of [`numbers`] are the same, in order (NaN equal
/// to NaN, `0.0` to `-0.0`); the error names the first difference. Two empty lists are an
/// error too: [`numbers`] reads nothing from `[]` or from a line that is not there, so
/// they would agree vacuously (an empty array is checked with [`PrintedArray::agrees_with`]
/// and [`Expect::Empty`]). The numbers are `f64`s: two integers beyond 2^53 that round to
/// the same `f64` (`9007199254740993` and `9007199254740992`) agree here; compare such
/// integers in an array ([`PrintedArray::same_as`] compares them exactly) or as text.
///
/// # Errors
///
/// When the lists differ in length or in a number, or both are empty.
pub fn numbers_agree(numpy: &[f64], rust: &[f64]) -> Result<()> {
    if numpy.is_empty() && rust.is_empty() {
        return Err(Error::msg(
            "neither output holds a number: nothing was compared (an empty or \
             missing array?)",
        ));
    }
    if numpy.len() != rust.len() {
        return Err(Error::msg(format!(
            "NumPy prints {} numbers, Rust {}: {numpy:?} / {rust:?}",
            numpy.len(),
            rust.len()
        )));
    }
    let same = |(a, b): &(&f64, &f64)| a == b || (a.is_nan() && b.is_nan());
    match numpy.iter().zip(rust).position(|pair| !same(&pair)) {
        Some(i) => Err(Error::msg(format!(
            "number {} differs: NumPy {}, Rust {} (NumPy {numpy:?} / Rust \
             {rust:?})",
            i + 1,
            numpy[i],
            rust[i]
        ))),
        None => Ok(()),
    }
}

/// Every bracketed array in `text`, in order. An array starts at a `[` outside any other
/// array and ends at its matching `]`; its shape comes from the brackets (every row of an
/// axis must have the same length), or, for an empty array in NumPy's repr, from the
/// `shape=(…)` after it. A malformed array (ragged, an empty element as in `[1,,2]`, a word)
/// is an error naming the array, its line in `text` and what is wrong.
///
/// # Errors
///
/// For a malformed array, naming it and its line.
pub fn arrays(text: &str) -> Result<Vec<PrintedArray>> {
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
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
                        "an unmatched `]` on line {} (byte {at})",
                        line_of(at)
                    )));
                }
                depth -= 1;
                if depth == 0 {
                    if let Some(begin) = start.take() {
                        let one = one_array(&text[begin..=at])
                            .and_then(|array| {
                                repr_shape(
                                    array,
                                    &text[..begin],
                                    &text[at + 1..],
                                )
                                .map_err(|e| (0, e))
                            })
                            .map_err(|(lines, e)| {
                                e.context(format!(
                                    "array {} (line {}, byte {begin})",
                                    found.len() + 1,
                                    line_of(begin) + lines
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

/// The shape NumPy's repr prints after an empty array, `array([], shape=(0, 3), …)`; a repr
/// without one (`array([], dtype=float64)`) is 1-D. An array outside a repr is kept as read.
fn repr_shape(
    mut array: PrintedArray,
    before: &str,
    after: &str,
) -> Result<PrintedArray> {
    if !before.ends_with("array(") {
        return Ok(array);
    }
    // NumPy writes `, shape=(`; spaced otherwise, or named after another argument, the
    // shape is still read (or refused), never taken for the 1-D shape of a repr without one.
    let arguments = after.trim_start().strip_prefix(',').map(str::trim_start);
    let named = arguments
        .and_then(|a| a.strip_prefix("shape"))
        .and_then(|a| a.trim_start().strip_prefix('='));
    let Some(rest) = named else {
        let until_close = after.split(')').next().unwrap_or(after);
        if until_close.contains("shape") {
            return Err(Error::msg(format!(
                "shape= is not the repr's second argument: {:?}",
                until_close.trim()
            )));
        }
        array.shape_known = true;
        return Ok(array);
    };
    let rest = rest
        .trim_start()
        .strip_prefix('(')
        .ok_or_else(|| Error::msg("shape= is not followed by `(`"))?;
    let tuple = rest
        .split_once(')')
        .map(|(tuple, _)| tuple)
        .ok_or_else(|| Error::msg("shape=(… has no closing `)`"))?;
    let shape = tuple
        .split(',')
        .map(str::trim)
        .filter(|axis| !axis.is_empty())
        .map(|axis| {
            axis.parse::<usize>().map_err(|_| {
                Error::msg(format!("shape=({tuple}): {axis:?} is not a length"))
            })
        })
        .collect::<Result<Vec<usize>>>()?;
    // Sizes whose product (of those other than 0) is beyond `isize::MAX` are no array's
    // shape: an error, not an overflow panic in a debug build and, in a release one, a
    // product that wraps (to 0 for (2**32, 2**32, 0)) and passes.
    let size = checked_bytes::<u8>(&shape).map(|(elements, _)| elements);
    if size != Some(array.values.len())
        || (!array.is_empty() && shape != array.shape)
    {
        return Err(Error::msg(format!(
            "shape=({tuple}) is not the shape of {:?}",
            array.shape
        )));
    }
    array.shape = shape;
    array.shape_known = true;
    Ok(array)
}

/// The one array in `text`; an error if there is none or more than one.
///
/// # Errors
///
/// When `text` holds no array or more than one, or a malformed one ([`arrays`]).
pub fn array(text: &str) -> Result<PrintedArray> {
    let mut all = arrays(text)?;
    match all.len() {
        1 => Ok(all.remove(0)),
        n => Err(Error::msg(format!("expected one array, found {n}"))),
    }
}

/// The array printed after the first line that contains `label` (on the same line or the
/// lines below it), e.g. `array_after(text, "A * B:")`.
///
/// # Errors
///
/// When no line contains `label`, no array follows it, or the array is malformed.
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

/// Reads one bracketed array: `[[1, 2], [3, 4]]` or `[[1 2]\n [3 4]]`. An error comes with
/// the number of line breaks before the character where it was found.
fn one_array(text: &str) -> std::result::Result<PrintedArray, (usize, Error)> {
    let mut reader = ArrayReader::default();
    let mut lines = 0;
    for c in text.chars() {
        match c {
            '[' => reader.open(),
            ']' => reader.close(),
            ',' => reader.comma(),
            c if c.is_whitespace() => reader.end_token(),
            c => {
                reader.token.push(c);
                Ok(())
            }
        }
        .map_err(|e| (lines, e))?;
        if c == '\n' {
            lines += 1;
        }
    }
    reader.finish().map_err(|e| (lines, e))
}

/// What [`ArrayReader`] read last, to tell `[1, 2]` from `[1,,2]`, `[,1]` and `[1,]`.
#[derive(Default, Clone, Copy, PartialEq)]
enum Last {
    /// A `[` (or nothing yet).
    #[default]
    Open,
    /// A number, or a row's `]`.
    Item,
    /// A `,`.
    Comma,
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
    /// What was read last (a number being read is not ended yet).
    last: Last,
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
        self.last = Last::Item;
        Ok(())
    }

    /// `,`: ends the number being read; something must come before it and after it.
    fn comma(&mut self) -> Result<()> {
        self.end_token()?;
        match self.last {
            Last::Item => {
                self.last = Last::Comma;
                Ok(())
            }
            Last::Open => Err(Error::msg(
                "an empty element: a `,` right after `[` (`[,`)",
            )),
            Last::Comma => {
                Err(Error::msg("an empty element between two commas (`,,`)"))
            }
        }
    }

    /// `[`: a row of the enclosing bracket begins.
    fn open(&mut self) -> Result<()> {
        self.end_token()?;
        self.count_item(true)?;
        self.counts.push(0);
        if self.shape.len() < self.counts.len() {
            self.shape.push(None);
        }
        self.last = Last::Open;
        Ok(())
    }

    /// `]`: the row ends; its length must be its depth's.
    fn close(&mut self) -> Result<()> {
        self.end_token()?;
        if self.last == Last::Comma {
            return Err(Error::msg(
                "an empty element: a `,` right before `]` (`,]`)",
            ));
        }
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
        self.last = Last::Item;
        Ok(())
    }

    /// The array read: its shape must hold exactly the values read (an empty innermost
    /// axis, `[]`, holds none). The shape of an empty array is only what its brackets show.
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
            shape_known: !self.values.is_empty(),
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
    fn signed_and_unsigned_spellings_agree_and_overflowing_literals_are_refused(
    ) {
        for token in [
            ".5",
            "-.5",
            "+.5",
            "infinity",
            "-infinity",
            "+-inf",
            "1e400",
        ] {
            assert_eq!(parse_number(token), None, "{token}");
        }
        assert_eq!(parse_number("-1e400"), None);
        assert_eq!(parse_number("-0.5"), Some(-0.5));
        assert_eq!(parse_number("+2"), Some(2.0));
        assert_eq!(parse_number("-inf"), Some(f64::NEG_INFINITY));
        // np.set_printoptions(sign='+') prints `[+nan +inf -inf  +1.  +0.  -0.]`.
        let plus = array("[+nan +inf -inf  +1.  +0.  -0.]").expect("sign='+'");
        assert!(plus.values[0].is_nan());
        assert_eq!(
            plus.values[1..],
            [f64::INFINITY, f64::NEG_INFINITY, 1.0, 0.0, -0.0]
        );
        assert_eq!(parse_number("++1"), None);
        // f64::MAX rounded up to the digits printed (np.set_printoptions(precision=1) prints
        // `1.8e+308`; python/outputs/edge-cases/printing.json has the cases) is f64::MAX;
        // other literals beyond it are still refused.
        for (token, value) in [
            ("1.8e+308", f64::MAX),
            ("-1.80e308", f64::MIN),
            ("2.e+308", f64::MAX),
            ("1.7977e+308", f64::MAX),
        ] {
            assert_eq!(parse_number(token), Some(value), "{token}");
        }
        for token in
            ["1.9e+308", "1.8e+309", "18e+307", "1.7978e+308", "2e308.5"]
        {
            assert_eq!(parse_number(token), None, "{token}");
        }
        assert_eq!(parse_number("5e-324"), Some(5e-324));
        // Underflow: a non-zero literal below the smallest subnormal is no number either,
        // while every spelling of zero still is.
        for token in ["1e-400", "-1e-400", "1e-324", "2.4703282292062327e-324"]
        {
            assert_eq!(parse_number(token), None, "{token}");
        }
        assert_eq!(parse_number("3e-324"), Some(5e-324), "rounds up to 5e-324");
        for zero in ["0", "-0.", "0.000", "0e-400", "0.0e5", "-0E3"] {
            assert_eq!(parse_number(zero), Some(0.0), "{zero}");
        }
        assert!(array("[1e-400]").is_err());
        assert!(numbers("x 1e-400 y").is_empty());
    }

    #[test]
    fn close_to_compares_printed_integers_exactly() {
        let a = array("[9007199254740993]").expect("2^53 + 1");
        let b = array("[9007199254740992]").expect("2^53");
        assert!(!a.same_as(&b));
        assert!(!a.close_to(&b, 0.0), "the f64s are equal, the integers not");
        assert!(a.close_to(&b, 1.0));
        // Equal values are close even for a tolerance that admits nothing, integers as
        // floats are.
        for tolerance in [f64::NAN, -1.0] {
            assert!(a.close_to(&a, tolerance), "{tolerance}");
            let float = array("[1.5]").expect("1.5");
            assert!(float.close_to(&float, tolerance), "{tolerance}");
        }
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
        assert!(
            error.starts_with("array 2 (line 1, byte 4): ragged"),
            "{error}"
        );
    }

    #[test]
    fn empty_elements_are_errors_naming_the_array_and_line() {
        let error = |text: &str| array(text).expect_err(text).to_string();
        let between = "array 1 (line 1, byte 0): an empty element between two \
                       commas (`,,`)";
        assert_eq!(error("[1,,2]"), between);
        assert_eq!(error("[1, , 2]"), between);
        assert_eq!(error("[[1],,[2]]"), between);
        assert_eq!(
            error("[,1]"),
            "array 1 (line 1, byte 0): an empty element: a `,` right after \
             `[` (`[,`)"
        );
        assert_eq!(
            error("[1,]"),
            "array 1 (line 1, byte 0): an empty element: a `,` right before \
             `]` (`,]`)"
        );
        assert!(error("[[1, 2],\n [3, 4],]").contains("`,]`"));
        // The line is the text's, where the fault is: the second array's second row.
        let text = "a:\n[1, 2]\nb:\n[[1, 2],\n [3,, 4]]\n";
        let message = arrays(text).expect_err("3,,").to_string();
        assert!(
            message.starts_with("array 2 (line 5, byte 13): an empty element"),
            "{message}"
        );
        // Commas between numbers and between rows, as ndarray prints them, still read.
        let ndarray = array("[[1, 2],\n [3, 4]]").expect("ndarray");
        assert_eq!(
            (ndarray.shape, ndarray.values),
            (vec![2, 2], vec![1., 2., 3., 4.])
        );
    }

    #[test]
    fn empty_arrays_report_their_brackets_and_no_shape() {
        let read = |text: &str| array(text).expect(text);
        for (text, shape) in [
            ("[]", vec![0]),
            ("[[]]", vec![1, 0]),
            ("[[], []]", vec![2, 0]),
            ("[[[]], [[]]]", vec![2, 1, 0]),
        ] {
            let empty = read(text);
            assert_eq!(empty.shape, shape, "{text}");
            assert!(empty.is_empty() && empty.values.is_empty(), "{text}");
            assert!(!empty.shape_is_known(), "{text}");
        }
        for ragged in ["[[], [1]]", "[[1], []]", "[[[]], []]", "[[], [[]]]"] {
            assert!(array(ragged).is_err(), "{ragged}");
        }
        // NumPy prints np.zeros((0, 3)) as `[]`, ndarray prints it as `[[]]`: the same.
        assert!(read("[]").same_as(&read("[[]]")));
        assert!(read("[[]]").close_to(&read("[]"), 0.0));
        // An empty array is never the same as one with values, whatever the tolerance.
        for (empty, full) in [
            ("[]", "[0]"),
            ("[[]]", "[[0]]"),
            ("[]", "[[1, 2]]"),
            ("[[]]", "[]x[1]"),
        ] {
            let (empty, full) = (read(empty), arrays(full).expect(full));
            let full = full.last().expect("an array");
            assert!(!empty.same_as(full) && !full.same_as(&empty), "{full}");
            assert!(!empty.close_to(full, f64::INFINITY), "{full}");
            assert!(!full.close_to(&empty, f64::INFINITY), "{full}");
            assert!(full.shape_is_known());
        }
    }

    #[test]
    fn numpy_repr_names_the_shape_of_an_empty_array() {
        let read = |text: &str| array(text).expect(text);
        let rows = read("array([], shape=(0, 3), dtype=float64)");
        assert_eq!(rows.shape, [0, 3]);
        assert!(rows.is_empty() && rows.shape_is_known());
        let columns = read("array([], shape=(3, 0), dtype=float64)");
        assert_eq!(columns.shape, [3, 0]);
        assert!(!rows.same_as(&columns), "both shapes known, and different");
        assert!(rows.same_as(&read("[[]]")), "ndarray's [[]] has no shape");
        let flat = read("array([], dtype=float64)");
        assert_eq!(flat.shape, [0]);
        assert!(flat.shape_is_known() && !flat.same_as(&rows));
        let full = read("array([[1., 2.],\n       [3., 4.]])");
        assert_eq!(full.shape, [2, 2]);
        assert!(full.same_as(&read("[[1 2]\n [3 4]]")));
        // Spaced otherwise than NumPy spaces it, the shape is still the repr's.
        for spaced in [
            "array([],shape=(0, 3))",
            "array([] , shape = (0, 3))",
            "array([],\n      shape=(0,3))",
        ] {
            let read = read(spaced);
            assert_eq!((read.shape, read.shape_known), (vec![0, 3], true));
        }
        // No array has a shape whose sizes multiply beyond a usize (NumPy prints
        // none): an error in every build, not an overflow panic in a debug build
        // and, in a release one, a product that wraps to 0 and passes.
        for wrong in [
            "array([], shape=(4294967296, 4294967296, 0), dtype=float64)",
            "array([], shape=(2, 9223372036854775808, 0), dtype=float64)",
            "array([], shape=(0, 4294967296, 4294967296), dtype=float64)",
            "array([], shape=(2, 3), dtype=float64)",
            "array([], dtype=float64, shape=(0, 3))",
            "array([], shape=0)",
            "array([], shape=(0, x), dtype=float64)",
            "array([], shape=(0, 3",
        ] {
            let message = array(wrong).expect_err(wrong).to_string();
            assert!(
                message.starts_with("array 1 (line 1, byte 6): shape="),
                "{message}"
            );
        }
    }

    #[test]
    fn an_integer_and_a_float_compare_exactly_too() {
        let big = array("[9007199254740993]").expect("2^53 + 1");
        for float in [
            "[9007199254740992.0]",
            "[9007199254740992.]",
            "[9.007199254740992e15]",
        ] {
            let float = array(float).expect(float);
            assert!(!big.same_as(&float) && !float.same_as(&big), "{float}");
            assert!(!big.close_to(&float, 0.5) && !float.close_to(&big, 0.5));
            assert!(big.close_to(&float, 1.0) && float.close_to(&big, 1.0));
        }
        let max = array("[18446744073709551615]").expect("u64::MAX");
        assert!(!max.same_as(&array("[1.8446744073709552e19]").expect("2^64")));
        // Whole floats within an f64's exact range, and zeros, still agree with integers.
        for (integer, float) in [("[3, -0]", "[3.0, -0.0]"), ("[-7]", "[-7.]")]
        {
            let (integer, float) = (array(integer), array(float));
            let (integer, float) =
                (integer.expect("int"), float.expect("float"));
            assert!(integer.same_as(&float) && float.close_to(&integer, 0.0));
        }
        // A fraction, an infinity or NaN is never an integer.
        let three = array("[3]").expect("3");
        assert!(!three.same_as(&array("[3.5]").expect("3.5")));
        assert!(three.close_to(&array("[3.5]").expect("3.5"), 0.5));
        assert!(!three.close_to(&array("[inf]").expect("inf"), f64::INFINITY));
        assert!(!three.same_as(&array("[nan]").expect("nan")));
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
    fn agreement_on_nothing_is_refused_unless_an_empty_array_is_expected() {
        let read = |text: &str| array(text).expect(text);
        // numbers() reads nothing from `[]` or from a missing line: no agreement.
        let none = numbers("x = []");
        assert!(none.is_empty());
        let err = numbers_agree(&none, &numbers("")).expect_err("nothing");
        assert!(err.to_string().contains("nothing was compared"), "{err}");
        assert!(numbers_agree(&[1.0, f64::NAN], &[1.0, f64::NAN]).is_ok());
        assert!(numbers_agree(&[0.0], &[-0.0]).is_ok());
        let err = numbers_agree(&[1.0, 2.0], &[1.0, 3.0]).expect_err("3");
        assert!(err.to_string().starts_with("number 2 differs"), "{err}");
        assert!(numbers_agree(&[1.0], &[]).is_err());
        assert!(numbers_agree(&[1.0], &[1.0, 1.0]).is_err());
        // Two empty arrays are the same array, but agree only when expected empty.
        let (numpy, rust) = (read("[]"), read("[[]]"));
        assert!(numpy.same_as(&rust));
        let err = numpy.agrees_with(&rust, Expect::Values).expect_err("empty");
        assert!(err.to_string().starts_with("an empty array"), "{err}");
        assert!(numpy.agrees_within(&rust, 1.0, Expect::Values).is_err());
        assert!(numpy.agrees_with(&rust, Expect::Empty).is_ok());
        // An expected empty array is still compared: known shapes must agree, and a
        // non-empty array is no empty one.
        let rows = read("array([], shape=(0, 3), dtype=float64)");
        let columns = read("array([], shape=(3, 0), dtype=float64)");
        assert!(rows.agrees_with(&columns, Expect::Empty).is_err());
        assert!(rows.agrees_with(&rust, Expect::Empty).is_ok());
        assert!(read("[1]").agrees_with(&numpy, Expect::Empty).is_err());
        assert!(read("[1]")
            .agrees_with(&read("[1]"), Expect::Empty)
            .is_err());
        // Values agree as same_as and close_to say.
        let (a, b) = (read("[1. 2.]"), read("[1, 2.00001]"));
        assert!(a.agrees_with(&a, Expect::Values).is_ok());
        assert!(a.agrees_with(&b, Expect::Values).is_err());
        assert!(a.agrees_within(&b, 1e-4, Expect::Values).is_ok());
    }

    #[test]
    fn numbers_agree_on_f64s_so_integers_beyond_2_53_need_an_array() {
        let (a, b) = ("[9007199254740993]", "[9007199254740992]");
        // As its doc comment says: read as f64s, the two agree …
        assert!(numbers_agree(&numbers(a), &numbers(b)).is_ok());
        // … and compared as arrays, they do not.
        let (a, b) = (array(a).expect("a"), array(b).expect("b"));
        assert!(a.agrees_with(&b, Expect::Values).is_err());
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
