//! Chapter 1, "What an array really is": memory layout, measured.

mod figures;

use std::hint::black_box;

use ndarray::prelude::*;

use crate::chapter::{samples, Chapter, Figure, Table};

pub use crate::chapter::HeapUse;
pub use figures::render_bytes_per_element;

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
        exercise_nbytes,
        exercise_mixed_sum,
    ],
    figures: &[Figure::new(
        "bytes-per-element.png",
        render_bytes_per_element,
    )],
    tables: &[Table::measured("heap_report.txt", |measure| {
        heap_report(measure)
    })],
};

/// The number of elements the tutorial uses in this section.
pub const N: usize = 1_000_000;

// ANCHOR: contiguous
/// One million `i64` in a `Vec` and in an ndarray `Array1`: one block of 8 bytes each.
pub fn contiguous() {
    let vec: Vec<i64> = (0..1_000_000).collect();
    let array: Array1<i64> = Array::from_iter(0..1_000_000);

    // ndarray has no `nbytes`; the data is len × size_of::<element>() bytes.
    let vec_bytes = vec.len() * size_of::<i64>();
    let array_bytes = array.len() * size_of::<i64>();
    println!(
        "Vec<i64>    data: {vec_bytes} bytes, header on the stack: {} bytes",
        size_of::<Vec<i64>>()
    );
    println!(
        "Array1<i64> data: {array_bytes} bytes, header on the stack: {} bytes",
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
}
// ANCHOR_END: contiguous

// ANCHOR: list_of_pointers
/// A Python-like list: a vector of pointers, each to its own heap-allocated integer.
pub fn list_of_pointers() {
    let boxed: Vec<Box<i64>> = (0..1_000_000).map(Box::new).collect();

    let pointer_array = boxed.len() * size_of::<Box<i64>>(); // what getsizeof counts
    let objects = boxed.len() * size_of::<i64>(); // what it leaves out
    println!("pointer array: {pointer_array} bytes");
    println!(
        "the integers they point to: {objects} bytes in {} separate allocations",
        boxed.len()
    );
    println!(
        "total: {} bytes, twice the contiguous array",
        pointer_array + objects
    );

    // Reading a value now means following a pointer: *boxed[i].
    let sum: i64 = boxed.iter().map(|b| **b).sum();
    assert_eq!(sum, 499_999_500_000);
    assert_eq!(pointer_array + objects, 2 * 8_000_000);
}
// ANCHOR_END: list_of_pointers

// ANCHOR: grown_by_push
/// A `Vec` grown one `push` at a time over-allocates, exactly like a Python list grown by `append`.
pub fn grown_by_push() {
    let mut grown: Vec<i64> = Vec::new();
    let mut reallocations = 0;
    for i in 0..1_000_000 {
        if grown.len() == grown.capacity() {
            reallocations += 1; // this push must move the data to a larger block
        }
        grown.push(i);
    }
    let used = grown.len() * size_of::<i64>();
    let reserved = grown.capacity() * size_of::<i64>();
    println!("len {}, capacity {}", grown.len(), grown.capacity());
    println!("{used} bytes used, {reserved} bytes reserved, after {reallocations} reallocations");

    // Knowing the size up front avoids both the waste and the copies:
    let exact: Vec<i64> = Vec::with_capacity(1_000_000);
    assert_eq!(exact.capacity() * size_of::<i64>(), 8_000_000);
    assert_eq!(grown.capacity(), 1 << 20); // capacity doubles: the next power of two
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
    use PyValue::*;
    vec![
        Int(1),
        Int(2),
        Int(3),
        Float(4.0),
        Float(5.0),
        Str("abc".into()),
        Str("def".into()),
        Bool(true),
        Bool(false),
    ]
}
// ANCHOR_END: py_value

// ANCHOR: mixed_values
/// The tutorial's mixed list, the Rust way: an enum per element.
pub fn mixed_values() {
    let mixed_list = tutorial_mixed_list();
    let names: Vec<&str> = mixed_list.iter().map(PyValue::type_name).collect();
    println!("{names:?}");

    // Every element is as large as the largest variant, a String (24 bytes). The tag that
    // says which variant it is hides in bit patterns a String's capacity never uses (a
    // "niche"), so it costs nothing extra here.
    println!("size_of::<PyValue>() = {} bytes", size_of::<PyValue>());

    // ndarray happily stores such values (like NumPy's dtype=object) ...
    let as_array: Array1<PyValue> = Array::from_vec(mixed_list);
    assert_eq!(as_array.len(), 9);
    // ... but arithmetic is only defined for numeric element types:
    // `&as_array + 1` does not compile: PyValue does not implement Add.
    assert_eq!(size_of::<PyValue>(), size_of::<String>()); // 24 with rustc 1.95
}
// ANCHOR_END: mixed_values

// ANCHOR: string_width_rule
/// The width NumPy gives the string dtype when it converts an integer type to strings:
/// the number of decimal digits of the largest *unsigned* value of that size, plus one
/// character for a minus sign if the type is signed.
pub fn numpy_str_width(bits: u32, signed: bool) -> usize {
    let largest_unsigned = if bits == 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    };
    largest_unsigned.to_string().len() + usize::from(signed)
}

/// The number of characters the widest value of an integer type really needs.
pub fn widest_integer_text(bits: u32, signed: bool) -> usize {
    if signed {
        // The most negative value, e.g. -128 for 8 bits, is the longest.
        let most_negative = -(1i128 << (bits - 1));
        most_negative.to_string().len()
    } else {
        numpy_str_width(bits, false)
    }
}
// ANCHOR_END: string_width_rule

// ANCHOR: numpy_string_width
/// Why NumPy picks `<U21` for int64: the rule, and where it over-reserves.
pub fn numpy_string_width() {
    for (name, bits, signed) in [
        ("int8", 8, true),
        ("int16", 16, true),
        ("int32", 32, true),
        ("int64", 64, true),
        ("uint8", 8, false),
        ("uint64", 64, false),
    ] {
        let width = numpy_str_width(bits, signed);
        let needed = widest_integer_text(bits, signed);
        println!(
            "{name:>6}: <U{width:<2} = {:>2} bytes per element, widest value needs {needed}",
            4 * width
        );
    }
    assert_eq!(numpy_str_width(64, true), 21); // 18446744073709551615 has 20 digits, +1 sign
    assert_eq!(widest_integer_text(64, true), 20); // -9223372036854775808
}
// ANCHOR_END: numpy_string_width

// ANCHOR: string_arrays
/// The tutorial's one million numbers as text, in four Rust layouts.
pub fn string_arrays() {
    let n: usize = 1_000_000;

    // 1. Owned strings: a 24-byte header per element plus a heap block per string.
    let strings: Vec<String> = (0..n as i64).map(|i| i.to_string()).collect();
    let text_bytes: usize = strings.iter().map(String::len).sum();
    let reserved: usize = strings.iter().map(String::capacity).sum();
    println!(
        "Vec<String>:        {} bytes of headers + {text_bytes} bytes of text in {n} allocations",
        n * size_of::<String>()
    );
    println!("                    but to_string reserved {reserved} bytes for that text");

    // 2. Fixed width, one byte per ASCII digit: what "<U6" holds, at a quarter of the size.
    let fixed: Array1<[u8; 6]> = (0..n).map(fixed_width::<6>).collect();
    println!(
        "Array1<[u8; 6]>:    {} bytes",
        fixed.len() * size_of::<[u8; 6]>()
    );

    // 3. Fixed width, four bytes per character: exactly NumPy's "<U6" (UCS-4) ...
    println!(
        "Array1<[char; 6]>:  {} bytes  (NumPy <U6)",
        n * size_of::<[char; 6]>()
    );
    // 4. ... and NumPy's "<U21" for the "mixed" array.
    println!(
        "Array1<[char; 21]>: {} bytes  (NumPy <U21)",
        n * size_of::<[char; 21]>()
    );

    assert_eq!(&fixed[123_456][..], b"123456");
    assert_eq!(n * size_of::<[char; 21]>(), 84_000_000);
    assert_eq!(n * size_of::<[char; 6]>(), 24_000_000);
    assert_eq!(text_bytes, 5_888_890); // the digits of 0..1_000_000
    assert!(reserved >= text_bytes); // measured, not assumed: see the heap table below
}

/// Writes a number's digits into a zero-padded fixed-width byte array, without allocating
/// (NumPy pads its fixed-width strings with NULs too). Digits that do not fit are cut off.
pub fn fixed_width<const W: usize>(number: usize) -> [u8; W] {
    use std::io::Write;
    let mut out = [0u8; W];
    // Writing into a slice fails only when it is full; the digits that fit are kept.
    let _ = write!(&mut out[..], "{number}");
    out
}
// ANCHOR_END: string_arrays

/// Builds each representation of the chapter under `measure` (a counting allocator) and
/// returns the table the book prints.
///
/// The crate itself does not install an allocator: the caller brings one (the programs that
/// write and check the book's outputs use the `allocation-counter` crate), so that no other
/// program of the book pays for counting.
pub fn heap_report(measure: impl Fn(&mut dyn FnMut()) -> HeapUse) -> String {
    let n = N as i64;
    let rows: Vec<(&str, HeapUse)> = vec![
        (
            "Vec<i64>, collected",
            measure(&mut || drop(black_box((0..n).collect::<Vec<i64>>()))),
        ),
        (
            "Array1<i64>, from_iter",
            measure(&mut || drop(black_box(Array::from_iter(0..n)))),
        ),
        (
            "Vec<i64>, grown by push",
            measure(&mut || {
                let mut v = Vec::new();
                for i in 0..n {
                    v.push(i);
                }
                drop(black_box(v));
            }),
        ),
        (
            "Vec<Box<i64>>",
            measure(&mut || drop(black_box((0..n).map(Box::new).collect::<Vec<_>>()))),
        ),
        (
            "Vec<String>",
            measure(&mut || drop(black_box((0..n).map(|i| i.to_string()).collect::<Vec<_>>()))),
        ),
        (
            "Array1<[u8; 6]>",
            measure(&mut || {
                let a: Array1<[u8; 6]> = (0..N).map(fixed_width::<6>).collect();
                drop(black_box(a));
            }),
        ),
    ];
    let mut out = format!(
        "{:<26} {:>12} {:>14} {:>10}\n",
        "one million elements as", "allocations", "peak bytes", "per elem."
    );
    for (name, used) in rows {
        out += &format!(
            "{:<26} {:>12} {:>14} {:>10.1}\n",
            name,
            used.allocations,
            used.peak_bytes,
            used.peak_bytes as f64 / N as f64
        );
    }
    out
}

// ANCHOR: exercise_nbytes
/// Exercise: the bytes of a (1000, 1000) `f32` array, like NumPy's `nbytes`.
pub fn exercise_nbytes() {
    let a = Array2::<f32>::zeros((1000, 1000));
    let nbytes = a.len() * size_of::<f32>();
    println!("{nbytes} bytes");
    assert_eq!(nbytes, 4_000_000); // np.zeros((1000, 1000), dtype=np.float32).nbytes
}
// ANCHOR_END: exercise_nbytes

// ANCHOR: exercise_mixed_sum
/// Exercise: sum the numbers of the mixed list, counting booleans as 0 and 1 like Python.
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
        assert_eq!(numpy_str_width(8, true), 4);
        assert_eq!(numpy_str_width(16, true), 6);
        assert_eq!(numpy_str_width(32, true), 11);
        assert_eq!(numpy_str_width(64, true), 21);
        assert_eq!(numpy_str_width(8, false), 3);
        assert_eq!(numpy_str_width(64, false), 20);
        assert_eq!(widest_integer_text(8, true), 4);
        assert_eq!(widest_integer_text(32, true), 11);
        assert_eq!(widest_integer_text(64, true), 20);
    }

    #[test]
    fn fixed_width_pads_and_truncates() {
        assert_eq!(fixed_width::<4>(12), *b"12\0\0");
        assert_eq!(fixed_width::<2>(123), *b"12");
    }
}
