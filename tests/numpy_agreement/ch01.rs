//! ch01: the NumPy outputs the chapter shows, against the Rust outputs beside
//! them (owned by the chapter's editor; see `tests/numpy_agreement.rs` for the
//! helpers).

use chapters_code::numpy_text::{
    array, numbers, numbers_agree, Expect, PrintedArray,
};

use super::{arrays_of, numpy_output, rust_output};

const SLUG: &str = "ch01-memory";

/// The array printed right after `label`: the rest of its line and the lines
/// below that continue the array (they start with `[`), or a panic naming it.
fn after(text: &str, label: &str) -> PrintedArray {
    let at = text.find(label).unwrap_or_else(|| panic!("no {label:?}"));
    let mut lines = text[at + label.len()..].lines();
    let mut printed = lines.next().unwrap_or_default().to_string();
    for line in lines.take_while(|l| l.trim_start().starts_with('[')) {
        printed += "\n";
        printed += line;
    }
    array(&printed).unwrap_or_else(|e| panic!("{label:?}: {e}"))
}

/// Asserts that the arrays printed after each (NumPy label, Rust label) pair
/// are the same.
fn same_after(numpy: &str, rust: &str, labels: &[(&str, &str)]) {
    for (n_label, r_label) in labels {
        let (n, r) = (after(numpy, n_label), after(rust, r_label));
        n.agrees_with(&r, Expect::Values)
            .unwrap_or_else(|e| panic!("{n_label} / {r_label}: {e}"));
    }
}

/// The lines of `text` that contain `word`, with what follows `word`.
fn lines_after<'a>(text: &'a str, word: &str) -> Vec<&'a str> {
    text.lines()
        .filter_map(|line| line.find(word).map(|at| &line[at + word.len()..]))
        .collect()
}

#[test]
fn anatomy_offsets_shapes_and_strides_agree() {
    let numpy = numpy_output(SLUG, "anatomy");
    let rust = rust_output(SLUG, "anatomy");
    // NumPy: "offset 5, shape (2, 2), strides (4, 1), shares memory: True"
    let facts = |text: &str| -> Vec<Vec<f64>> {
        lines_after(text, "offset")
            .into_iter()
            .map(|rest| numbers(rest.split("shares").next().unwrap_or(rest)))
            .collect()
    };
    let (n, r) = (facts(&numpy), facts(&rust));
    assert_eq!((n.len(), r.len()), (5, 5));
    for (n, r) in n.iter().zip(&r) {
        numbers_agree(n, r).unwrap_or_else(|e| panic!("anatomy: {e}"));
    }
    // Every NumPy view shares a's memory, as the Rust sample asserts.
    assert_eq!(lines_after(&numpy, "shares memory: True").len(), 5);
}

#[test]
fn views_write_through_and_reshape_alike() {
    let numpy = numpy_output(SLUG, "owned_and_views");
    let rust = rust_output(SLUG, "owned_and_views");
    same_after(&numpy, &rust, &[("row 1:", "row 1:"), ("= 0:", "fill(0):")]);
    let sums = |t: &str| numbers(&lines_after(t, "its sum:").concat());
    numbers_agree(&sums(&numpy), &sums(&rust))
        .unwrap_or_else(|e| panic!("its sum: {e}"));
    let views = |t: &str| {
        lines_after(t, "is a view:")
            .iter()
            .map(|v| v.trim().to_lowercase())
            .collect::<Vec<_>>()
    };
    assert_eq!(views(&numpy), views(&rust));
    assert_eq!(views(&rust), ["true", "false"]);
}

#[test]
fn operators_and_functions_give_the_same_arrays() {
    let numpy = numpy_output(SLUG, "operators_and_types");
    let rust = rust_output(SLUG, "operators_and_types");
    let mut n = arrays_of(&numpy, "NumPy operators_and_types");
    let r = arrays_of(&rust, "Rust operators_and_types");
    // NumPy's fourth array is `ints + 0.5`, which Rust refuses to compile.
    assert!(lines_after(&numpy, "ints + 0.5 =").len() == 1);
    n.remove(3);
    assert_eq!(n.len(), r.len());
    for (n, r) in n.iter().zip(&r) {
        n.agrees_with(r, Expect::Values)
            .unwrap_or_else(|e| panic!("operators_and_types: {e}"));
    }
}

#[test]
fn consuming_methods_give_the_same_differences() {
    let numpy = numpy_output(SLUG, "consuming_methods");
    let rust = rust_output(SLUG, "consuming_methods");
    let label = "x[newaxis, :] =";
    same_after(&numpy, &rust, &[(label, label)]);
}

#[test]
fn slices_and_zip_give_the_same_arrays() {
    let numpy = numpy_output(SLUG, "zip_and_slices");
    let rust = rust_output(SLUG, "zip_and_slices");
    same_after(
        &numpy,
        &rust,
        &[
            ("a[2:8:2]  =", "a.slice(s![2..8;2])  ="),
            ("a[::-1]   =", "a.slice(s![..;-1])   ="),
            ("a[7:1:-2] =", "a.slice(s![2..8;-2]) ="),
            ("m[1:, ::2] =", "m.slice(s![1.., ..;2]) ="),
            ("result =", "result ="),
        ],
    );
}

#[test]
fn the_mixed_list_has_the_same_types() {
    let numpy = numpy_output(SLUG, "mixed_list");
    let rust = rust_output(SLUG, "mixed_values");
    let names = |t: &str| {
        t.lines()
            .next()
            .unwrap_or_default()
            .replace(['\'', '"'], "")
    };
    assert_eq!(names(&numpy), names(&rust));
}

#[test]
fn the_string_width_rule_gives_numpys_dtypes() {
    let numpy = numpy_output(SLUG, "string_widths");
    let rust = rust_output(SLUG, "numpy_string_width");
    // (type, dtype, widest value's characters) of every line.
    let rows = |t: &str| -> Vec<(String, String, f64)> {
        t.lines()
            .map(|line| {
                let words: Vec<&str> = line.split_whitespace().collect();
                let name = words[0].trim_end_matches(':').to_string();
                let dtype = words.iter().find(|w| w.starts_with("<U"));
                let dtype = dtype.map(|w| w.to_string()).unwrap_or_default();
                let widest = numbers(line).last().copied().unwrap_or(-1.0);
                (name, dtype, widest)
            })
            .collect()
    };
    let (n, r) = (rows(&numpy), rows(&rust));
    assert_eq!(n.len(), 6);
    assert_eq!(n, r);
}

#[test]
fn fixed_width_text_takes_numpys_bytes() {
    let numpy = numpy_output(SLUG, "mixed_exact");
    let rust = rust_output(SLUG, "string_arrays");
    let nbytes = |label: &str| numbers(&lines_after(&numpy, label).concat());
    let rust_bytes = |dtype: &str| {
        let line = rust.lines().find(|l| l.contains(dtype));
        numbers(line.unwrap_or_default())
            .into_iter()
            .max_by(f64::total_cmp)
    };
    // "mixed nbytes: 84000000 = 1000000 x 84" and "(NumPy <U21)"
    assert_eq!(Some(nbytes("mixed nbytes:")[0]), rust_bytes("(NumPy <U21)"));
    assert_eq!(
        Some(nbytes("strings nbytes:")[0]),
        rust_bytes("(NumPy <U6)")
    );
}

#[test]
fn the_contiguous_array_has_numpys_nbytes() {
    let numpy = numpy_output(SLUG, "getsizeof_exact");
    let rust = rust_output(SLUG, "contiguous");
    let n = numbers(&lines_after(&numpy, "numpy_array.nbytes:").concat());
    let r = numbers(&lines_after(&rust, "Array1<i64> data:").concat());
    assert_eq!(n.first(), r.first());
    assert_eq!(n.first(), Some(&8_000_000.0));
}

/// Exercise 1: NumPy's `nbytes` of a (1000, 1000) float32 array, which the
/// solution shows, is the byte count the Rust solution prints and asserts.
#[test]
fn exercise_nbytes_agrees() {
    let numpy = numbers(&numpy_output(SLUG, "exercise_nbytes"));
    let rust = numbers(&rust_output(SLUG, "exercise_nbytes"));
    assert_eq!(numpy, [4_000_000.0]);
    numbers_agree(&numpy, &rust)
        .unwrap_or_else(|e| panic!("exercise_nbytes: {e}"));
}

/// The NumPy → ndarray table's `StringDType()` row: "StringDType keeps strings of up to 15
/// bytes inside its 16-byte element, with no allocation". The committed output
/// `stringdtype_inline.txt` (not shown) holds what NumPy keeps besides the elements for
/// strings of 15 and 16 bytes: nothing, then a buffer per string.
#[test]
fn stringdtype_keeps_up_to_15_bytes_inside_its_element() {
    let numpy = numpy_output(SLUG, "stringdtype_inline");
    // The whole numbers of each line: the length, the itemsize, the bytes besides.
    let whole = |line: &str| -> Vec<u64> {
        line.split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect()
    };
    let lines: Vec<Vec<u64>> = numpy.lines().map(whole).collect();
    assert_eq!(lines.len(), 2, "{numpy}");
    assert_eq!(lines[0], [15, 16, 0], "{numpy}");
    assert!(lines[1][..2] == [16, 16] && lines[1][2] > 0, "{numpy}");
    let table = super::read("src/outputs/ch01-memory/numpy-table.md");
    let said =
        "StringDType keeps strings of up to 15 bytes inside its 16-byte \
                element, with no allocation";
    assert!(
        table.contains(said),
        "ch01's NumPy → ndarray table: {said:?}"
    );
}

/// The prose: "The old rule gives the tutorial's ratio and its gain, to the percent". The
/// tutorial printed the ratio and wrote "11% of gain is something noticeable" (its ratio,
/// 0.89, is one minus that gain); the committed `list_resize_history.txt` must print both.
#[test]
fn the_old_list_rule_gives_the_tutorials_gain() {
    const TUTORIAL_GAIN_PERCENT: f64 = 11.0; // "11% of gain is something noticeable"
    let numpy = numpy_output(SLUG, "list_resize_history");
    let ratio =
        numbers(&lines_after(&numpy, "ArraySize/ListSize ratio:").concat());
    let gain = lines_after(&numpy, "the tutorial's gain:")
        .concat()
        .replace('%', " ");
    let gain = numbers(&gain);
    assert_eq!(gain, [TUTORIAL_GAIN_PERCENT], "{numpy}");
    assert_eq!(ratio, [(100.0 - TUTORIAL_GAIN_PERCENT) / 100.0], "{numpy}");
    let page = super::support::words_of_repo_file("src/ch01-memory.md");
    let said =
        "The old rule gives the tutorial's ratio and its gain, to the percent";
    assert!(page.contains(said), "src/ch01-memory.md: {said:?}");
}

/// The prose: StringDType's "each element is 16&nbsp;bytes", the itemsize the committed
/// `string_dtype.txt` prints (twice: a million strings, and the "mixed" six).
#[test]
fn the_stringdtype_element_size_is_numpys() {
    let numpy = numpy_output(SLUG, "string_dtype");
    let sizes: Vec<f64> = lines_after(&numpy, "itemsize")
        .iter()
        .chain(&lines_after(&numpy, " x "))
        .flat_map(|rest| numbers(rest))
        .collect();
    assert_eq!(sizes.len(), 2, "{numpy}");
    assert_eq!(sizes[0], sizes[1], "{numpy}");
    let page = super::support::words_of_repo_file("src/ch01-memory.md");
    let said = format!(
        "each element is {}&nbsp;bytes, which hold a short string",
        sizes[0]
    );
    assert!(page.contains(&said), "src/ch01-memory.md: {said:?}");
}

/// The prose compares what the Rust layouts occupy with what the Python lists do, "measured
/// the same way": the boxes' 40 bytes per element are "about what the Python list occupies"
/// (within a tenth, as Figure 1-1's code asserts). The committed `resident.txt` the page shows
/// must state the whole bytes of `facts.txt`, from which the figure draws, and must be about
/// the Rust table's boxes.
#[test]
fn python_resident_memory_is_the_figures_and_about_the_rust_boxes() {
    let shown = numpy_output(SLUG, "resident");
    let per_element = |label: &str| -> f64 {
        let n = numbers(&lines_after(&shown, label).concat());
        assert_eq!(n.len(), 1, "{label}: {shown}");
        n[0]
    };
    let facts = numpy_output(SLUG, "facts");
    let fact = |key: &str| -> f64 {
        facts
            .lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix(' '))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("facts.txt has no {key}"))
    };
    let elements = fact("elements");
    let ints = per_element("list of a million ints:");
    let strs = per_element("list of a million strs:");
    assert_eq!(
        ints,
        fact("list_resident_bytes") / elements,
        "{shown}\n{facts}"
    );
    assert_eq!(
        strs,
        fact("str_list_resident_bytes") / elements,
        "{shown}\n{facts}"
    );
    let heap = super::read("src/outputs/ch01-memory/heap_report.txt");
    let boxes = heap
        .lines()
        .find_map(|l| l.strip_prefix("Vec<Box<i64>>"))
        .map(|rest| numbers(rest)[2])
        .expect("the heap table's boxed row");
    assert!(
        (ints - boxes).abs() <= 0.1 * boxes,
        "Python {ints}, Rust boxes {boxes}"
    );
    let page = super::support::words_of_repo_file("src/ch01-memory.md");
    let said = format!(
        "a 32-byte block, {boxes}&nbsp;bytes, as the sample asserts: about what the Python list occupies"
    );
    assert!(page.contains(&said), "src/ch01-memory.md: {said:?}");
}
