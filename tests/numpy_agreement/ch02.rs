//! ch02: the NumPy outputs the chapter shows, against the Rust outputs beside them (owned by
//! the chapter's editor; see `tests/numpy_agreement.rs` for the helpers).

use chapters_code::numpy_text::{array_after, numbers, Expect};

use super::{arrays_of, numpy_output, rust_output};

const SLUG: &str = "ch02-speed";

/// NumPy prints 8 significant decimals, the Rust sample prints every digit (or 8 decimals):
/// the same numbers within the rounding of the shorter one.
const PRINTED: f64 = 5e-9;

#[test]
fn the_first_reciprocals() {
    let numpy = arrays_of(&numpy_output(SLUG, "reciprocals"), "NumPy");
    let rust =
        arrays_of(&rust_output(SLUG, "reciprocal_variants"), "reciprocals");
    assert_eq!((numpy.len(), rust.len()), (1, 1));
    numpy[0]
        .agrees_within(&rust[0], PRINTED, Expect::Values)
        .unwrap_or_else(|e| panic!("reciprocals: {e}"));
}

#[test]
fn the_created_range() {
    // The length, the first and the last element.
    let numpy = numbers(&numpy_output(SLUG, "creation"));
    let rust = numbers(&rust_output(SLUG, "creation_variants"));
    assert_eq!(numpy[..3], rust[..3]);
}

#[test]
fn the_first_distances() {
    // NumPy's list holds the full digits (printed in three pieces), its array and Rust's
    // (2, 5) array 8 decimals.
    let numpy = arrays_of(&numpy_output(SLUG, "distances"), "NumPy");
    let rust = rust_output(SLUG, "distance_variants");
    let dists = array_after(&rust, "dists[:10] =").expect("dists[:10]");
    assert_eq!(dists.shape(), [2, 5]);
    assert_eq!(numpy.len(), 4, "the list's three pieces and the array");
    let list: Vec<f64> = numpy[..3]
        .iter()
        .flat_map(|a| a.values().iter().copied())
        .collect();
    for values in [&list[..], numpy[3].values()] {
        assert_eq!(values.len(), 10);
        for (a, b) in values.iter().zip(dists.values()) {
            assert!((a - b).abs() <= PRINTED, "{values:?} / {dists}");
        }
    }
}

#[test]
fn numpy_peaks_like_the_in_place_version() {
    // NumPy's peak for the expression equals the two-array Rust version's: its temporary
    // elision, as the chapter says.
    let numpy_text = numpy_output(SLUG, "temporaries");
    assert!(numpy_text.starts_with("1,000,000 points"), "{numpy_text}");
    let numpy = numbers(&numpy_text);
    let rust = rust_output(SLUG, "temporaries");
    let line = rust
        .lines()
        .find(|l| l.starts_with("distances_broadcast_in_place"))
        .expect("the in-place line");
    let rust = numbers(line);
    // "1,000,000 points: peak 24.0 MB = differences 16 MB + sum 8 MB"
    let peak = numbers(numpy_text.split("peak").nth(1).expect("a peak"));
    assert_eq!(peak.first(), rust.last(), "peak MB: {numpy:?} / {rust:?}");
    assert_eq!(peak[1..], [16.0, 8.0], "the two arrays: {numpy_text}");
    assert_eq!(rust[0], 2.0, "two allocations");
}

/// The prose: "the Rust points are stored row after row (strides `[2, 1]` in elements, printed
/// above), while the tutorial's `np.vstack([...]).T` [...] so NumPy's points are stored column
/// after column and its sum over axis 1 adds two contiguous columns". NumPy's side is the
/// committed output `distances_layout.txt` (not shown): the points and the squared differences
/// the sum reads are column-major, their strides the reverse of the Rust points'.
#[test]
fn numpy_points_and_squares_are_column_major_the_rust_points_row_major() {
    let numpy = numpy_output(SLUG, "distances_layout");
    let lines: Vec<&str> = numpy.lines().collect();
    assert_eq!(
        lines,
        [
            "np_other_points: strides [1, 10], column-major: True",
            "(np_point - np_other_points)**2: strides [1, 10], column-major: True",
        ]
    );
    let rust = rust_output(SLUG, "distance_variants");
    assert!(rust.contains("strides of the points: [2, 1]\n"), "{rust}");
    let chapter = super::support::words_of_repo_file("src/ch02-speed.md");
    for said in [
        "the Rust points are stored row after row (strides `[2, 1]` in elements",
        "so NumPy's points are stored column after column and its sum over axis 1 adds two \
         contiguous columns",
    ] {
        assert!(chapter.contains(said), "src/ch02-speed.md: {said:?}");
    }
}
