//! ch03: the NumPy outputs the chapter shows, against the Rust outputs beside them (owned by
//! the chapter's editor; see `tests/numpy_agreement.rs` for the helpers).

use chapters_code::numpy_text::{numbers, numbers_agree};

use super::{assert_outputs_agree, numpy_output, rust_output};

const SLUG: &str = "ch03-broadcasting";

#[test]
fn the_three_examples() {
    for name in [
        "matrix_plus_scalar",
        "matrix_plus_vector",
        "column_plus_row",
    ] {
        assert_outputs_agree(SLUG, name, name);
    }
}

/// Both print the same numbers in the same order: shapes (NumPy's tuples,
/// ndarray's slices), values rounded alike, and the arrays.
pub fn assert_same_numbers(slug: &str, numpy: &str, rust: &str) {
    let n = numbers(&numpy_output(slug, numpy));
    let r = numbers(&rust_output(slug, rust));
    numbers_agree(&n, &r).unwrap_or_else(|e| {
        panic!("{slug}: NumPy {numpy}.txt vs Rust {rust}.txt: {e}")
    });
}

#[test]
fn broadcasting_in_practice() {
    // Centring, the 2-D function and the kNN steps: the same shapes and the
    // same values (both sides draw from RandomState with the same seed).
    for name in ["centring", "two_d_function", "knn_step_by_step"] {
        assert_same_numbers(SLUG, name, name);
    }
}

#[test]
fn the_rules_step_by_step() {
    for name in ["rules_step_by_step", "both_stretched", "fix_with_new_axis"] {
        assert_same_numbers(SLUG, name, name);
    }
}

/// "NumPy's peak is the in-place version's": the megabytes NumPy's
/// tracemalloc reports equal the peak of `sq_distances_in_place` in the
/// generated table.
#[test]
fn numpy_peak_is_the_in_place_peak() {
    let numpy = numbers(&numpy_output(SLUG, "knn_memory"));
    // "2000 points in 2-D: peak 96.0 MB, result 32.0 MB" ("2-D" is no number)
    let [points, numpy_peak, numpy_result] = numpy[..] else {
        panic!("knn_memory.txt: {numpy:?}");
    };
    let table = std::fs::read_to_string(
        super::support::repo_root()
            .join("src/outputs")
            .join(SLUG)
            .join("knn-memory.md"),
    )
    .expect("knn-memory.md");
    let row = |name: &str| {
        let line = table
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no row {name}"));
        numbers(&line.replace("&nbsp;", " "))
    };
    assert!(table.starts_with(&format!("| {points} points")));
    let in_place = row("sq_distances_in_place");
    let looped = row("sq_distances_loop");
    assert_eq!(in_place.last(), Some(&numpy_peak));
    assert_eq!(looped.last(), Some(&numpy_result));
}

/// "NumPy does the same (its strides count bytes, so 8 per `f64`)": the byte
/// strides NumPy prints for `v` and its broadcast view are Rust's element
/// strides times 8, the stretched axis 0 on both sides.
#[test]
fn broadcast_views_have_numpys_strides() {
    let numpy = numpy_output(SLUG, "stride_zero");
    let bytes = numpy
        .lines()
        .find_map(|l| l.strip_prefix("strides in bytes:"))
        .map(numbers)
        .expect("stride_zero.txt: a 'strides in bytes:' line");
    let rust = rust_output(SLUG, "stride_zero_views");
    let elements: Vec<f64> = rust
        .lines()
        .filter_map(|l| l.split_once("strides ").map(|(_, s)| numbers(s)))
        .flatten()
        .collect();
    assert_eq!(elements, [1.0, 0.0, 1.0], "{rust}");
    let f64_size = std::mem::size_of::<f64>() as f64;
    let in_bytes: Vec<f64> = elements.iter().map(|s| s * f64_size).collect();
    assert_eq!(bytes, in_bytes, "{numpy}");
}

/// The prose: "SciPy's `cdist(X, X, 'sqeuclidean')`, which writes only the result". The
/// committed output `cdist_peak.txt` (not shown) holds its peak under tracemalloc for the
/// chapter's points: the (N, N) result of the `knn_memory` block and less than a page more,
/// with the broadcasting expression's numbers.
#[test]
fn cdist_holds_only_its_result() {
    let text = numpy_output(SLUG, "cdist_peak");
    assert!(text.ends_with("close to the expression: True\n"), "{text}");
    let [peak, result] = numbers(&text)[..] else {
        panic!("cdist_peak: {text}");
    };
    assert!(result <= peak && peak < result + 4096.0, "{text}");
    let knn = numbers(&numpy_output(SLUG, "knn_memory"));
    assert_eq!(knn.last(), Some(&(result / 1e6)), "the same (N, N) result");
    let chapter =
        super::support::words_of_repo_file("src/ch03-broadcasting.md");
    let said =
        "SciPy's `cdist(X, X, 'sqeuclidean')`, which writes only the result";
    assert!(chapter.contains(said), "src/ch03-broadcasting.md: {said:?}");
}

/// The prose: "NumPy does this only for arrays of at least 256 KiB". The committed output
/// `elision_threshold.txt` (not shown) holds the peak of `(a - b) ** 2` under tracemalloc, in
/// arrays of its result, one element below the threshold and at it: 2 there (the square is a
/// new array), 1 here (NumPy squared its temporary in place).
#[test]
fn numpy_elides_temporaries_from_the_size_the_page_gives() {
    let text = numpy_output(SLUG, "elision_threshold");
    let [below, copied, at, in_place] = numbers(&text)[..] else {
        panic!("elision_threshold: {text}");
    };
    assert_eq!((copied, in_place), (2.0, 1.0), "{text}");
    assert_eq!(at - below, 8.0, "one float64 apart: {text}");
    let kib = at / 1024.0;
    assert_eq!(kib.fract(), 0.0, "{text}");
    let chapter =
        super::support::words_of_repo_file("src/ch03-broadcasting.md");
    let said = format!("NumPy does this only for arrays of at least {kib} KiB");
    assert!(
        chapter.contains(&said),
        "src/ch03-broadcasting.md: {said:?}"
    );
}
