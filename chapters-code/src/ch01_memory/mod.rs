//! Chapter 1, "What an array really is": memory layout, measured.
//!
//! What the chapter says does not compile, checked. Stable rustdoc checks only
//! that each block fails to compile, not why, so the passing block at the end
//! builds the same arrays and adds the scalars of their own types: what fails
//! below is the operator. Arithmetic on an array of Python-like values, whose
//! element type has no `+`,
//!
//! ```compile_fail
//! use chapters_code::prelude::*;
//! let as_array: Array1<PyValue> = Array::from_vec(vec![PyValue::Int(1)]);
//! let shifted = &as_array + 1;
//! ```
//!
//! and adding `0.5` to an integer array (Listing 1-14 shows it too), which
//! NumPy would promote to `float64`,
//!
//! ```compile_fail
//! use chapters_code::prelude::*;
//! let halves = &array![1_i64, 2] + 0.5;
//! ```
//!
//! or the integer `2` to a float array (the other line of Listing 1-14, which
//! fails to compile as a whole even if only one of its lines does),
//!
//! ```compile_fail
//! use chapters_code::prelude::*;
//! let shifted = &array![[1.0, 2.0], [3.0, 4.0]] + 2;
//! ```
//!
//! while the same with a scalar of the array's own type compiles:
//!
//! ```
//! use chapters_code::prelude::*;
//! let values: Array1<PyValue> = Array::from_vec(vec![PyValue::Int(1)]);
//! assert_eq!(values.len(), 1);
//! let as_array: Array1<i64> = Array::from_vec(vec![1]);
//! let shifted = &as_array + 1;
//! assert_eq!(shifted, array![2]);
//! assert_eq!(&array![1_i64, 2] + 1, array![2, 3]);
//! let m = array![[1.0, 2.0], [3.0, 4.0]];
//! assert_eq!(&m + 2.0, array![[3.0, 4.0], [5.0, 6.0]]);
//! ```

mod figures;
mod heap;
mod numpy_table;

use ndarray::prelude::*;
use ndarray::Zip;

use crate::chapter::{samples, Chapter, Figure, Table};

pub use crate::chapter::HeapUse;
pub use figures::{render_anatomy, render_bytes_per_element};
pub use heap::{
    allocator_name, heap_report, resident_per_element,
    whole_bytes_per_element, HeapRecord, HeapLayout,
};

/// What chapter 1 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch01-memory",
    samples: samples![
        contiguous,
        list_of_pointers,
        grown_by_push,
        mixed_values,
        numpy_string_width,
        string_arrays,
        anatomy,
        owned_and_views,
        operators_and_types,
        consuming_methods,
        zip_and_slices,
        exercise_nbytes,
        exercise_mixed_sum,
    ],
    figures: &[
        Figure::new("bytes-per-element.png", render_bytes_per_element),
        Figure::new("anatomy.png", render_anatomy),
    ],
    tables: &[
        Table::processes("heap_report.txt", heap_report),
        Table::text("numpy-table.md", numpy_table::render),
    ],
};

/// The number of elements the tutorial uses in this section.
pub const N: usize = 1_000_000;

// ANCHOR: contiguous
/// One million `i64` in a `Vec` and in an ndarray `Array1`: one block of
/// 8 bytes each.
///
/// # Panics
/// If one of its checks fails.
pub fn contiguous() {
    let vec: Vec<i64> = (0..1_000_000).collect();
    let array: Array1<i64> = Array::from_iter(0..1_000_000);

    // ndarray has no `nbytes`; the data is len × size_of::<element>() bytes.
    let vec_bytes = vec.len() * size_of::<i64>();
    let array_bytes = array.len() * size_of::<i64>();
    println!(
        "Vec<i64>    data: {vec_bytes} bytes, header: {} bytes",
        size_of::<Vec<i64>>()
    );
    println!(
        "Array1<i64> data: {array_bytes} bytes, header: {} bytes",
        size_of::<Array1<i64>>()
    );

    // Contiguous: element i+1 sits exactly 8 bytes after element i.
    assert_eq!(array.strides(), &[1]); // strides count elements, not bytes
    assert!(array.is_standard_layout());
    assert_eq!(
        array.as_slice().map(|s| s.as_ptr()),
        Some(&array[0] as *const i64)
    );
    assert_eq!(vec_bytes, 8_000_000);
    assert_eq!(array_bytes, vec_bytes);
    assert_eq!(size_of::<Vec<i64>>(), 24); // pointer, length, capacity
    assert_eq!(size_of::<Array1<i64>>(), 48); // + data pointer, shape, stride
    assert_eq!(size_of::<ArrayView1<i64>>(), 24); // a view: no buffer
}
// ANCHOR_END: contiguous

// ANCHOR: list_of_pointers
/// A Python-like list: a vector of pointers, each to its own heap-allocated
/// integer — and where the allocator really puts those integers.
///
/// # Panics
/// If one of its checks fails.
pub fn list_of_pointers() {
    let boxed: Vec<Box<i64>> = (0..1_000_000).map(Box::new).collect();

    let pointers = boxed.len() * size_of::<Box<i64>>(); // what getsizeof counts
    let requested = boxed.len() * size_of::<i64>(); // 8 bytes per box
    println!("pointer array: {pointers} bytes");
    let boxes = boxed.len();
    println!("the integers: {requested} bytes requested in {boxes} boxes");

    // The distance from each box to the next: what one box really occupies.
    let address = |x: &i64| (x as *const i64).addr();
    let mut gaps: Vec<usize> = boxed
        .windows(2)
        .map(|w| address(&w[0]).abs_diff(address(&w[1])))
        .collect();
    gaps.sort_unstable();
    let gap = gaps[gaps.len() / 2]; // the median distance
    println!("but consecutive boxes lie {gap} bytes apart:");
    let per_element = size_of::<Box<i64>>() + gap;
    println!("{per_element} bytes per element, pointer and block");

    // Reading a value now means following a pointer: *boxed[i].
    let sum: i64 = boxed.iter().map(|b| **b).sum();
    assert_eq!(sum, 499_999_500_000);
    assert_eq!(pointers + requested, 2 * 8_000_000);
    // glibc's smallest block on x86-64 is 32 bytes: 8 of header, 24 usable.
    if cfg!(all(target_env = "gnu", target_arch = "x86_64")) {
        assert_eq!(per_element, 5 * size_of::<i64>()); // 40
    }
}
// ANCHOR_END: list_of_pointers

// ANCHOR: grown_by_push
/// A `Vec` grown one `push` at a time over-allocates, like a Python list
/// grown by `append` — but it doubles where CPython adds an eighth.
///
/// # Panics
/// If one of its checks fails.
pub fn grown_by_push() {
    let mut grown: Vec<i64> = Vec::new();
    let mut reallocations = 0;
    for i in 0..1_000_000 {
        if grown.len() == grown.capacity() {
            reallocations += 1; // a first block, or a move to a larger one
        }
        grown.push(i);
    }
    let used = grown.len() * size_of::<i64>();
    let reserved = grown.capacity() * size_of::<i64>();
    println!("len {}, capacity {}", grown.len(), grown.capacity());
    println!("{used} bytes used, {reserved} bytes reserved");
    println!("after {reallocations} allocations and reallocations");

    // Knowing the size up front avoids both the waste and the moves:
    let exact: Vec<i64> = Vec::with_capacity(1_000_000);
    assert_eq!(exact.capacity() * size_of::<i64>(), 8_000_000);
    assert_eq!(grown.capacity(), 1 << 20); // doubles: the next power of two
    assert!(reserved > used);
}
// ANCHOR_END: grown_by_push

// ANCHOR: py_value
/// One value of a Python-like list: the type travels with every element.
#[derive(Debug, Clone, PartialEq)]
pub enum PyValue {
    /// A Python `int` (here limited to 64 bits).
    Int(i64),
    /// A Python `float`.
    Float(f64),
    /// A Python `str`.
    Str(String),
    /// A Python `bool`.
    Bool(bool),
}

impl PyValue {
    /// The Python name of the value's type.
    pub fn type_name(&self) -> &'static str {
        match self {
            PyValue::Int(_) => "int",
            PyValue::Float(_) => "float",
            PyValue::Str(_) => "str",
            PyValue::Bool(_) => "bool",
        }
    }
}

/// The tutorial's `[1, 2, 3, 4.0, 5.0, 'abc', 'def', True, False]`.
pub fn tutorial_mixed_list() -> Vec<PyValue> {
    vec![
        PyValue::Int(1),
        PyValue::Int(2),
        PyValue::Int(3),
        PyValue::Float(4.0),
        PyValue::Float(5.0),
        PyValue::Str("abc".into()),
        PyValue::Str("def".into()),
        PyValue::Bool(true),
        PyValue::Bool(false),
    ]
}
// ANCHOR_END: py_value

// ANCHOR: mixed_values
/// The tutorial's mixed list, the Rust way: an enum per element.
///
/// # Panics
/// If one of its checks fails.
pub fn mixed_values() {
    let mixed_list = tutorial_mixed_list();
    let names: Vec<&str> = mixed_list.iter().map(PyValue::type_name).collect();
    println!("{names:?}");

    // Every element is as large as the largest variant, a String (24 bytes).
    // The tag that says which variant it is hides in bit patterns a String's
    // capacity never uses (a "niche"), so it costs nothing extra here.
    println!("size_of::<PyValue>() = {} bytes", size_of::<PyValue>());

    // ndarray happily stores such values (like NumPy's dtype=object) ...
    let as_array: Array1<PyValue> = Array::from_vec(mixed_list);
    assert_eq!(as_array.len(), 9);
    // ... but arithmetic is only defined for numeric element types:
    // `&as_array + 1` does not compile: PyValue does not implement Add.
    assert_eq!(size_of::<PyValue>(), size_of::<String>()); // 24 with rustc 1.95
}
// ANCHOR_END: mixed_values

/// The integer types NumPy has (`np.int8` … `np.uint64`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntType {
    /// `np.int8`, Rust's `i8`.
    I8,
    /// `np.int16`, Rust's `i16`.
    I16,
    /// `np.int32`, Rust's `i32`.
    I32,
    /// `np.int64`, Rust's `i64`.
    I64,
    /// `np.uint8`, Rust's `u8`.
    U8,
    /// `np.uint16`, Rust's `u16`.
    U16,
    /// `np.uint32`, Rust's `u32`.
    U32,
    /// `np.uint64`, Rust's `u64`.
    U64,
}

impl IntType {
    /// Its size in bits.
    pub fn bits(self) -> u32 {
        use IntType::*;
        match self {
            I8 | U8 => 8,
            I16 | U16 => 16,
            I32 | U32 => 32,
            I64 | U64 => 64,
        }
    }

    /// Whether it has a sign.
    pub fn signed(self) -> bool {
        matches!(self, IntType::I8 | IntType::I16 | IntType::I32 | IntType::I64)
    }
}

// ANCHOR: string_width_rule
/// The width NumPy gives the string dtype when it converts an integer type
/// to strings: the number of decimal digits of the largest *unsigned* value
/// of that size, plus one character for a minus sign if the type is signed.
pub fn numpy_str_width(int: IntType) -> usize {
    let largest_unsigned = u64::MAX >> (64 - int.bits());
    largest_unsigned.to_string().len() + usize::from(int.signed())
}

/// The number of characters the widest value of an integer type needs.
pub fn widest_integer_text(int: IntType) -> usize {
    let bits = int.bits();
    if int.signed() {
        // The most negative value, e.g. -128 for 8 bits, is the longest.
        let most_negative = i64::MIN >> (64 - bits);
        most_negative.to_string().len()
    } else {
        (u64::MAX >> (64 - bits)).to_string().len()
    }
}
// ANCHOR_END: string_width_rule

/// NumPy has no integer type of this size: `np.dtype("int7")` raises
/// `TypeError: data type 'int7' not understood`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoSuchIntType {
    /// The size asked for.
    pub bits: u32,
    /// Whether a signed type was asked for.
    pub signed: bool,
}

impl std::fmt::Display for NoSuchIntType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.signed { "" } else { "u" };
        write!(f, "NumPy has no integer type {sign}int{}", self.bits)
    }
}

impl std::error::Error for NoSuchIntType {}

impl IntType {
    /// The type of `bits` bits, signed or not: 8, 16, 32 or 64 bits, like
    /// NumPy's `np.dtype(f"int{bits}")`.
    ///
    /// # Errors
    /// [`NoSuchIntType`] for any other size (NumPy: `TypeError`).
    pub fn new(bits: u32, signed: bool) -> Result<IntType, NoSuchIntType> {
        use IntType::*;
        Ok(match (bits, signed) {
            (8, true) => I8,
            (16, true) => I16,
            (32, true) => I32,
            (64, true) => I64,
            (8, false) => U8,
            (16, false) => U16,
            (32, false) => U32,
            (64, false) => U64,
            _ => return Err(NoSuchIntType { bits, signed }),
        })
    }

    /// NumPy's name of the type: `int8` … `uint64`.
    pub fn name(self) -> String {
        let sign = if self.signed() { "" } else { "u" };
        format!("{sign}int{}", self.bits())
    }
}

// ANCHOR: numpy_string_width
/// Why NumPy picks `<U21` for int64: the rule, and where it over-reserves.
///
/// # Panics
/// If one of its checks fails.
pub fn numpy_string_width() {
    use IntType::*;
    for int in [I8, I16, I32, I64, U8, U64] {
        let width = numpy_str_width(int);
        let needed = widest_integer_text(int);
        let bytes = 4 * width;
        let name = int.name();
        let dtype = format!("<U{width}");
        println!("{name:>6}: {dtype:<4} {bytes:>2} bytes; widest: {needed}");
    }
    // 18446744073709551615 has 20 digits, +1 sign
    assert_eq!(numpy_str_width(I64), 21);
    assert_eq!(widest_integer_text(I64), 20); // -9223372036854775808
}
// ANCHOR_END: numpy_string_width

// ANCHOR: string_arrays
/// The tutorial's one million numbers as text, in four Rust layouts.
///
/// # Panics
/// If one of its checks fails.
pub fn string_arrays() {
    let n: usize = 1_000_000;

    // 1. Owned strings: a 24-byte header each, plus a heap block per string.
    let strings: Vec<String> = (0..n as i64).map(|i| i.to_string()).collect();
    let text: usize = strings.iter().map(String::len).sum();
    let reserved: usize = strings.iter().map(String::capacity).sum();
    let mut gaps: Vec<usize> = strings
        .windows(2)
        .map(|w| w[0].as_ptr().addr().abs_diff(w[1].as_ptr().addr()))
        .collect();
    gaps.sort_unstable();
    let gap = gaps[n / 2]; // the median distance between two texts
    let headers = n * size_of::<String>();
    println!("Vec<String>:        {headers} bytes of headers, {text} of text,");
    let indent = " ".repeat(20);
    println!("{indent}{reserved} reserved, texts {gap} bytes apart");

    // 2. Fixed width, one byte per ASCII digit: "<U6" at a quarter of the size.
    let fixed: Array1<[u8; 6]> = (0..n).map(fixed_width::<6>).collect();
    let fixed_bytes = fixed.len() * size_of::<[u8; 6]>();
    println!("Array1<[u8; 6]>:    {fixed_bytes} bytes");

    // 3. Four bytes per character: exactly NumPy's "<U6" (UCS-4) ...
    let ucs4: Array1<[char; 6]> =
        (0..n).map(|i| fixed_width::<6>(i).map(char::from)).collect();
    let ucs4_bytes = ucs4.len() * size_of::<[char; 6]>();
    println!("Array1<[char; 6]>:  {ucs4_bytes} bytes  (NumPy <U6)");
    // 4. ... and NumPy's "<U21" for the "mixed" array.
    let ucs4_21: Array1<[char; 21]> =
        (0..n).map(|i| fixed_width::<21>(i).map(char::from)).collect();
    let ucs4_21_bytes = ucs4_21.len() * size_of::<[char; 21]>();
    println!("Array1<[char; 21]>: {ucs4_21_bytes} bytes  (NumPy <U21)");

    assert_eq!(&fixed[123_456][..], b"123456");
    assert_eq!(ucs4[123_456], ['1', '2', '3', '4', '5', '6']);
    assert_eq!(ucs4_21[7][..2], ['7', '\0']); // padded with NULs, like NumPy
    assert_eq!((ucs4_21_bytes, ucs4_bytes), (84_000_000, 24_000_000));
    assert_eq!(text, 5_888_890); // the digits of 0..1_000_000
    // Since Rust 1.89, `to_string` reserves room for the widest i64:
    // 19 bytes when i >= 0 (the crate's rust-version is 1.89 for this).
    assert_eq!(reserved, 19 * n);
    if cfg!(all(target_env = "gnu", target_arch = "x86_64")) {
        assert_eq!(gap, 32); // a 19-byte request takes a 32-byte block
    }
}

/// Writes a number's digits into a zero-padded fixed-width byte array,
/// without allocating (NumPy pads its fixed-width strings with NULs too).
/// Digits that do not fit are cut off, like NumPy's `astype("<U3")`.
/// A width of 0 does not compile: NumPy's `<U0` means "choose the width
/// for me" (for integers, the width of the rule above: `<U21`), which a
/// fixed-size array cannot do.
pub fn fixed_width<const W: usize>(number: usize) -> [u8; W] {
    use std::io::Write;
    const { assert!(W > 0, "a fixed width of 0 holds no digit") };
    let mut out = [0u8; W];
    // Writing into a slice fails only when it is full; what fits is kept.
    let _ = write!(&mut out[..], "{number}");
    out
}
// ANCHOR_END: string_arrays

// ANCHOR: anatomy
/// One buffer, five arrays: where each starts in the buffer (its offset),
/// its shape and its strides, all counted in elements.
///
/// # Panics
/// If one of its checks fails.
pub fn anatomy() {
    let a: Array2<i64> = Array::from_iter(0..12)
        .into_shape_with_order((3, 4))
        .expect("12 elements fill a 3×4 array");
    let views: [(&str, ArrayView2<i64>); 5] = [
        ("a", a.view()),
        ("a.t()", a.t()),
        ("a.slice(s![1.., 1..3])", a.slice(s![1.., 1..3])),
        ("a.slice(s![.., ..;2])", a.slice(s![.., ..;2])),
        ("a.slice(s![..;-1, ..])", a.slice(s![..;-1, ..])),
    ];
    let start = a.as_ptr().addr();
    let byte_of = |x: &i64| (x as *const i64).addr() - start;
    for (name, view) in &views {
        let offset = byte_of(&view[[0, 0]]) / size_of::<i64>();
        let shape = view.shape();
        let strides = view.strides();
        let facts = format!("shape {shape:?}, strides {strides:?}");
        println!("{name:<22} offset {offset}, {facts}");
        // Every element of every view lies in a's one buffer of 12 numbers.
        assert!(view.iter().all(|x| byte_of(x) < 12 * size_of::<i64>()));
    }
    assert_eq!(views[1].1.strides(), &[1, 4]); // a.t(): strides swapped
    assert_eq!(views[2].1[[0, 0]], 5); // starts at offset 5
    assert_eq!(views[4].1.strides(), &[-4, 1]); // a negative stride
}
// ANCHOR_END: anatomy

// ANCHOR: owned_and_views
/// Who owns the numbers: `Array` owns them, `ArrayView` reads them,
/// `ArrayViewMut` writes them, `CowArray` is a view or an owned array.
///
/// # Panics
/// If one of its checks fails.
pub fn owned_and_views() {
    let mut a: Array2<i64> = Array::from_iter(0..12)
        .into_shape_with_order((3, 4))
        .expect("12 elements fill a 3×4 array");

    let row: ArrayView1<i64> = a.row(1); // reads a's buffer, copies nothing
    println!("row 1: {row}, its sum: {}", row.sum());

    // Writes through to a, like NumPy's `b = a[1:]; b[...] = 0`:
    let mut bottom: ArrayViewMut2<i64> = a.slice_mut(s![1.., ..]);
    bottom.fill(0);
    println!("a after a.slice_mut(s![1.., ..]).fill(0):\n{a}");

    // A reshape borrows when the layout allows it, else it copies:
    let flat: CowArray<i64, Ix1> = a.to_shape(12).expect("12 elements");
    let t = a.t();
    let row_major = (12, ndarray::Order::RowMajor);
    let flat_t = t.to_shape(row_major).expect("12 elements");
    println!("a.to_shape(12) is a view: {}", flat.is_view());
    println!("a.t().to_shape(12) is a view: {}", flat_t.is_view());

    let copy: Array2<i64> = a.t().to_owned(); // an explicit copy
    assert_ne!(copy.as_ptr(), a.as_ptr());
    assert_eq!(flat.as_ptr(), a.as_ptr()); // the same buffer
    assert_eq!(a.sum(), 6); // 0 + 1 + 2 + 3, the only row left
}
// ANCHOR_END: owned_and_views

// ANCHOR: operators_and_types
/// Operators on references, conversions spelled out, and functions applied
/// element by element.
///
/// # Panics
/// If one of its checks fails.
pub fn operators_and_types() {
    let a = array![1.0, 4.0, 9.0];
    let b = array![10.0, 20.0, 30.0];

    let sum = &a + &b; // borrows both: a and b stay usable
    let copy = a.clone();
    let copy_buffer = copy.as_ptr();
    let reused = copy + &b; // consumes copy: its buffer holds the result
    let scaled = &b * 2.0; // a scalar of the element type: 2.0, not 2
    println!("&a + &b = {sum:.1}, &b * 2.0 = {scaled:.1}");

    let ints = array![1, 2, 3];
    let floats = ints.mapv(|x| x as f64); // NumPy: ints.astype(float)
    println!("ints.mapv(|x| x as f64) = {floats:.1}");

    let roots = a.sqrt(); // NumPy: np.sqrt(a), a new array
    let sines = a.mapv(f64::sin); // any function of one element
    let mut squares = a.clone();
    squares.mapv_inplace(|x| x * x); // in place, no new array
    println!("a.sqrt() = {roots:.1}");
    println!("a.mapv(f64::sin) = {sines:.3}");
    println!("squares = {squares:.1}");

    assert_eq!(roots, array![1.0, 2.0, 3.0]);
    assert_eq!(sum, reused);
    assert_eq!(reused.as_ptr(), copy_buffer); // no new array
}
// ANCHOR_END: operators_and_types

// ANCHOR: consuming_methods
/// `insert_axis` takes its array by value: call it on a view to keep the
/// array.
///
/// # Panics
/// If one of its checks fails.
pub fn consuming_methods() {
    let x = array![1.0, 2.0, 3.0];

    // On views, x stays usable: (3, 1) - (1, 3) broadcasts to (3, 3).
    let column = x.view().insert_axis(Axis(1));
    let row = x.view().insert_axis(Axis(0));
    let differences = &column - &row;
    println!("x[:, newaxis] - x[newaxis, :] =\n{differences:.1}");

    // On the owned array it moves x: no copy, the same buffer, but x is gone.
    let buffer = x.as_ptr();
    let owned_column: Array2<f64> = x.insert_axis(Axis(1));
    assert_eq!(owned_column.as_ptr(), buffer);
    println!("shape {:?}, same buffer", owned_column.shape());

    // into_shape_with_order and reversed_axes take `self` too.
    let back = owned_column.reversed_axes();
    assert_eq!(back.shape(), &[1, 3]);
    assert_eq!(differences[[2, 0]], 2.0);
}
// ANCHOR_END: consuming_methods

// ANCHOR: zip_and_slices
/// Slices with ranges and steps, and `Zip` to walk arrays in lock-step.
///
/// # Panics
/// If one of its checks fails.
pub fn zip_and_slices() {
    let a = Array::from_iter(0..10);
    println!("a.slice(s![2..8;2])  = {}", a.slice(s![2..8;2])); // a[2:8:2]
    println!("a.slice(s![..;-1])   = {}", a.slice(s![..;-1])); // a[::-1]
    println!("a.slice(s![2..8;-2]) = {}", a.slice(s![2..8;-2])); // a[7:1:-2]

    let m = Array::from_iter(0..12)
        .into_shape_with_order((3, 4))
        .expect("12 elements fill a 3×4 array");
    println!("m.slice(s![1.., ..;2]) =\n{}", m.slice(s![1.., ..;2]));

    let x = array![1.0, 2.0, 3.0];
    let y = array![4.0, 5.0, 6.0];
    let mut result = Array1::<f64>::zeros(3);
    // One pass over three arrays, no temporary (NumPy: result = x * y + 1)
    Zip::from(&mut result)
        .and(&x)
        .and(&y)
        .for_each(|o, &x, &y| *o = x * y + 1.0);
    azip!((o in &mut result, &x in &x) *o += x); // the macro form: adds x
    println!("result = {result:.1}");

    assert_eq!(result, array![6.0, 13.0, 22.0]);
    assert_eq!(a.slice(s![2..8;-2]), array![7, 5, 3]);
}
// ANCHOR_END: zip_and_slices

// ANCHOR: exercise_nbytes
/// Exercise: the bytes of a (1000, 1000) `f32` array, like NumPy's `nbytes`.
///
/// # Panics
/// If one of its checks fails.
pub fn exercise_nbytes() {
    let a = Array2::<f32>::zeros((1000, 1000));
    let nbytes = a.len() * size_of::<f32>();
    println!("{nbytes} bytes");
    // the 4,000,000 that NumPy's nbytes prints (shown with the solution)
    assert_eq!(nbytes, 4_000_000);
}
// ANCHOR_END: exercise_nbytes

// ANCHOR: exercise_mixed_sum
/// Exercise: sum the numbers of the mixed list, counting booleans as 0 and 1
/// like Python.
///
/// # Panics
/// If one of its checks fails.
pub fn exercise_mixed_sum() {
    use PyValue::*;
    let mixed: Array1<PyValue> = Array::from_vec(tutorial_mixed_list());
    let total: f64 = mixed
        .iter()
        .map(|v| match v {
            Int(i) => *i as f64,
            Float(f) => *f,
            Bool(b) => f64::from(u8::from(*b)),
            Str(_) => 0.0, // Python would raise a TypeError; we skip text
        })
        .sum();
    println!("{total}");
    assert_eq!(total, 16.0);
}
// ANCHOR_END: exercise_mixed_sum

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_string_widths_match_numpy() {
        // From python/outputs/ch01-memory/string_widths.txt (NumPy 2.4).
        use IntType::*;
        let widths = [I8, I16, I32, I64, U8, U64].map(numpy_str_width);
        assert_eq!(widths, [4, 6, 11, 21, 3, 20]);
        let widest = [I8, I16, I32, I64, U8, U64].map(widest_integer_text);
        assert_eq!(widest, [4, 6, 11, 20, 3, 20]);
        // NumPy's: the committed edge cases numpy_str_width/uint16 and /uint32.
        assert_eq!([U16, U32].map(numpy_str_width), [5, 10]);
    }

    #[test]
    fn only_numpys_integer_sizes_exist() {
        for bits in [0, 1, 7, 65, 127, 128, 129, 200, u32::MAX] {
            for signed in [true, false] {
                let error = IntType::new(bits, signed);
                assert_eq!(error, Err(NoSuchIntType { bits, signed }));
            }
        }
        let u64_name = IntType::new(64, false).map(IntType::name);
        assert_eq!(u64_name.as_deref(), Ok("uint64"));
        assert_eq!(
            NoSuchIntType { bits: 7, signed: true }.to_string(),
            "NumPy has no integer type int7"
        );
        for bits in [8, 16, 32, 64] {
            for signed in [true, false] {
                let int = IntType::new(bits, signed).expect("NumPy has it");
                assert_eq!((int.bits(), int.signed()), (bits, signed));
            }
        }
    }

    /// The `np.arange(n)` row (and chapter 2's `np.arange(0., n, 1.)`):
    /// ndarray's `range` panics for `n < 0`, where NumPy returns `[]`.
    #[test]
    #[should_panic(expected = "Converting the length to `usize` must not fail")]
    fn array_range_panics_below_its_start() {
        let _ = Array::range(0., -1., 1.);
    }

    #[test]
    fn array_range_is_empty_at_its_start() {
        assert_eq!(Array::range(0., 0., 1.), Array1::<f64>::zeros(0));
    }

    /// "An owned operand, `a` in `a + &b` (or `b` in `&a + b`), is consumed
    /// instead: when the result has its shape, its buffer holds the result
    /// [...]; when the owned operand itself must be stretched (a column plus
    /// a row), a new array is allocated all the same." Listing 1-13 asserts
    /// only `copy + &b`.
    #[test]
    fn an_owned_operand_holds_the_result_unless_it_is_stretched() {
        let a = array![1.0, 4.0, 9.0];
        let b = array![10.0, 20.0, 30.0];
        let buffer = b.as_ptr();
        let sum = &a + b; // the owned operand on the right
        assert_eq!(sum.as_ptr(), buffer);
        assert_eq!(sum, array![11.0, 24.0, 39.0]);

        // A (3,) row stretched against an owned (3, 3) table: the table's buffer.
        let table = Array2::<f64>::ones((3, 3));
        let buffer = table.as_ptr();
        assert_eq!((table + &a).as_ptr(), buffer);

        // An owned column plus a row is (3, 3): the column cannot hold it.
        let column = array![[1.0], [2.0], [3.0]];
        let buffer = column.as_ptr();
        let stretched = column + &a;
        assert_eq!(stretched.shape(), &[3, 3]);
        assert_ne!(stretched.as_ptr(), buffer);
        let row = a.clone().insert_axis(Axis(0));
        let buffer = row.as_ptr();
        let stretched = &array![[1.0], [2.0], [3.0]] + row;
        assert_eq!(stretched.shape(), &[3, 3]);
        assert_ne!(stretched.as_ptr(), buffer);
    }

    #[test]
    fn fixed_width_pads_and_truncates() {
        assert_eq!(fixed_width::<4>(12), *b"12\0\0");
        assert_eq!(fixed_width::<2>(123), *b"12");
    }
}
