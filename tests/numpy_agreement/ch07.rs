//! ch07: the NumPy outputs the chapter shows, against the Rust outputs beside them (owned by
//! the chapter's editor; see `tests/numpy_agreement.rs` for the helpers).

use chapters_code::numpy_text::{numbers, numbers_agree, Expect};

use super::{arrays_of, assert_outputs_agree, numpy_output, rust_output};

const SLUG: &str = "ch07-knn";

/// NumPy's `RandomState` numbers, the neighbour tables and the integers of
/// exercise 2: the same arrays, value for value.
#[test]
fn random_numbers_and_neighbours() {
    for name in [
        "tutorial_points",
        "sorted_neighbours",
        "k_nearest_partition",
        "exercise_randint",
    ] {
        assert_outputs_agree(SLUG, name, name);
    }
}

/// The diagonal (exact) and the first row of distances: NumPy prints eight
/// decimals, the Rust sample four (to fit the page), so the row agrees to the
/// fourth decimal.
#[test]
fn distance_matrix() {
    let numpy = arrays_of(&numpy_output(SLUG, "distance_matrix"), "NumPy");
    let rust = arrays_of(&rust_output(SLUG, "distance_matrix"), "Rust");
    assert_eq!((numpy.len(), rust.len()), (2, 2));
    numpy[0]
        .agrees_with(&rust[0], Expect::Values)
        .unwrap_or_else(|e| panic!("the diagonal: {e}"));
    numpy[1]
        .agrees_within(&rust[1], 5e-5, Expect::Values)
        .unwrap_or_else(|e| panic!("the first row: {e}"));
    assert!(!numpy[1].same_as(&rust[1]), "Rust prints four decimals");
}

/// The NumPy output the chapter shows as the bad `kth` names the same `kth`
/// and column count as the Rust error.
#[test]
fn kth_out_of_bounds() {
    let numpy = numbers(&numpy_output(SLUG, "kth_out_of_bounds"));
    let rust = numbers(&rust_output(SLUG, "kth_out_of_bounds"));
    numbers_agree(&numpy, &rust)
        .unwrap_or_else(|e| panic!("kth_out_of_bounds: {e}"));
}

/// The smallest temporary NumPy squares in place (its temporary elision): the committed
/// peaks below are checked against it, and four pages state it in words.
const ELISION_BYTES: u64 = 256 * 1024;

/// The pages that state the elision threshold: `{}` is where the threshold stands.
const ELISION_SAID: &[(&str, &str)] = &[
    (
        "ch02-speed",
        "It does so only for temporaries of {} or more",
    ),
    (
        "ch03-broadcasting",
        "NumPy does this only for arrays of at least {}, and only",
    ),
    ("ch07-knn", "if the array has at least {} and the platform"),
    (
        "appendix-performance",
        "while the differences take less than {} (tracemalloc",
    ),
];

/// Each page says the threshold the measurements are checked against: a page typing 512 KiB
/// passed every test.
#[test]
fn the_pages_state_the_elision_threshold_the_peaks_are_checked_with() {
    let threshold = format!("{} KiB", ELISION_BYTES / 1024);
    for (page, said) in ELISION_SAID {
        let prose =
            super::read(&format!("src/{page}.md")).replace("&nbsp;", " ");
        let prose = prose.split_whitespace().collect::<Vec<_>>().join(" ");
        let said = said.replace("{}", &threshold);
        assert!(
            prose.contains(&said),
            "src/{page}.md no longer says {said:?}"
        );
    }
}

/// NumPy's peak heap for the broadcast expression against N (Figure B-3): below 256 KiB of
/// differences NumPy does not elide the temporary, and peaks with the differences and their
/// squares; from there on it squares in place and peaks with one temporary and the result,
/// plus a little bookkeeping (tracemalloc counts Python's objects too).
#[test]
fn numpy_elides_the_squares_only_for_large_temporaries() {
    use chapters_code::appendix::{
        broadcast_temporary_bytes, numpy_broadcast_peaks, result_bytes,
    };
    let mut seen_both = (false, false);
    for (n, peak) in numpy_broadcast_peaks().expect("the committed file reads")
    {
        let temporary = broadcast_temporary_bytes(n);
        if temporary >= ELISION_BYTES {
            let held = temporary + result_bytes(n);
            assert!((held..held + 4096).contains(&peak), "N = {n}: {peak}");
            seen_both.1 = true;
        } else {
            assert!(peak >= 2 * temporary, "N = {n}: {peak}");
            seen_both.0 = true;
        }
    }
    assert_eq!(seen_both, (true, true));
}
