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
        if temporary >= 256 * 1024 {
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
