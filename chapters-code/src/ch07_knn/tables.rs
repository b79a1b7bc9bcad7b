//! Chapter 7's generated markdown: the timings of the three k-NN steps, and the
//! heap the pairwise distances need.

use std::hint::black_box;

use ndarray::{Array2, ArrayView2};

use super::{
    pairwise_sq_distances, pairwise_sq_distances_broadcast,
    pairwise_sq_distances_in_place,
};
use crate::benchmarks::{knn_argpartition, knn_argsort, knn_distances};
use crate::benchmarks::{Side, Workload};
use crate::chapter::Measure;
use crate::error::{Error, Result};
use crate::random::RandomState;
use crate::results::Results;

/// The k-NN benchmark tables (markdown): distances, argsort, argpartition.
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`]).
pub fn knn_table() -> Result<String> {
    let results = Results::committed()?;
    let mut out = String::new();
    let groups = [
        &knn_distances::GROUP,
        &knn_argsort::GROUP,
        &knn_argpartition::GROUP,
    ];
    for group in groups {
        out += &results.table(group);
        out += "\n";
    }
    Ok(out + &results.groups_note(&groups) + "\n")
}

/// What the book says when a comparison has not been measured yet.
const NOT_MEASURED: &str = "not measured yet";

/// "`a` is 2.5× faster than `b`" (or "level with `b`") from the committed
/// timings, or "`a` against `b`: not measured yet" (with "on the same machine" when
/// both were measured, on different machines). The names are markdown.
pub(crate) fn compare(
    results: &Results,
    (a, a_name): (&Workload, &str),
    (b, b_name): (&Workload, &str),
) -> String {
    let side = |w: &Workload| if w.python { Side::Python } else { Side::Rust };
    let (a_timing, b_timing) = (results.timing_of(a, side(a)), results.timing_of(b, side(b)));
    // Only timings of one machine are compared, as in the tables.
    match a_timing.and_then(|t| results.compare(t, b_timing)) {
        Some(ratio) => format!("{a_name} is {}", ratio.than(b_name)),
        None => format!(
            "{a_name} against {b_name}: {NOT_MEASURED}{}",
            results.same_machine_clause(a_timing, b_timing)
        ),
    }
}

/// How dropping the temporary changes the time (the no-temporary loop against
/// the word-for-word broadcast), as a clause.
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`]).
pub fn temporary_effect() -> Result<String> {
    use knn_distances::{BROADCAST, PAIRWISE_SQ_DISTANCES};
    Ok(compare(
        &Results::committed()?,
        (&PAIRWISE_SQ_DISTANCES, "`pairwise_sq_distances`"),
        (&BROADCAST, "`pairwise_sq_distances_broadcast`"),
    ))
}

/// How computing each pair once changes the time, as a clause.
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`]).
pub fn symmetry_effect() -> Result<String> {
    use knn_distances::{PAIRWISE_SQ_DISTANCES, SYMMETRIC};
    Ok(compare(
        &Results::committed()?,
        (&SYMMETRIC, "`pairwise_sq_distances_symmetric`"),
        (&PAIRWISE_SQ_DISTANCES, "`pairwise_sq_distances`"),
    ))
}

/// What the k-NN timings show, as a list: the two argsorts against NumPy's, and
/// the argpartition a k-NN user should call.
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`]).
pub fn knn_findings() -> Result<String> {
    use knn_argpartition::{ARGPARTITION_ROWS, NUMPY_ARGPARTITION, SELECT_NTH};
    use knn_argsort::{
        ARGSORT_ROWS, ARGSORT_ROWS_UNSTABLE, NUMPY_ARGSORT,
        NUMPY_ARGSORT_STABLE,
    };
    let r = Results::committed()?;
    let lines = [
        compare(
            &r,
            (&ARGSORT_ROWS_UNSTABLE, "`argsort_rows_unstable`"),
            (&NUMPY_ARGSORT, "NumPy's default `np.argsort`"),
        ),
        compare(
            &r,
            (&ARGSORT_ROWS, "`argsort_rows`"),
            (&NUMPY_ARGSORT_STABLE, "NumPy's stable argsort"),
        ),
        compare(
            &r,
            (&ARGPARTITION_ROWS, "`argpartition_rows`"),
            (&NUMPY_ARGSORT, "NumPy's full `np.argsort`"),
        ),
        compare(
            &r,
            (&ARGPARTITION_ROWS, "`argpartition_rows`"),
            (&NUMPY_ARGPARTITION, "NumPy's `np.argpartition`"),
        ),
        compare(
            &r,
            (&ARGPARTITION_ROWS, "Its one pass with a small buffer"),
            (
                &SELECT_NTH,
                "Rust's general selection, `select_nth_unstable_by`, on each row",
            ),
        ),
    ];
    Ok(lines.iter().map(|l| format!("- {l}.\n")).collect())
}

/// What `python/ch07_knn.py` printed for the NumPy expression's heap
/// (tracemalloc): "result 32.0 MB, peak 96.0 MB".
const NUMPY_MEMORY: &str =
    include_str!("../../../python/outputs/ch07-knn/broadcast_memory.txt");

/// Megabytes, as the book prints them (a no-break space before the unit).
fn megabytes(bytes: u64) -> String {
    format!("{:.1}\u{a0}MB", bytes as f64 / 1e6)
}

/// The peak heap of each way to compute the distances of the 2000 points of the
/// benchmarks, measured with `measure` (a counting allocator), next to NumPy's.
///
/// # Errors
/// If NumPy's committed output does not name its peak in megabytes.
///
/// # Panics
/// If a measurement stops matching what the chapter says of it: more heap
/// for the word-for-word broadcast than NumPy's peak, and 3, 2 and 1
/// allocations for the three versions.
pub fn broadcast_memory(measure: Measure<'_>) -> Result<String> {
    let x = RandomState::new(42).rand(2000, 2);
    type Version = fn(ArrayView2<f64>) -> Array2<f64>;
    let versions: [(&str, Version); 3] = [
        (
            "Rust `pairwise_sq_distances_broadcast` (word for word)",
            pairwise_sq_distances_broadcast,
        ),
        (
            "Rust `pairwise_sq_distances_in_place` (`mapv_into`)",
            pairwise_sq_distances_in_place,
        ),
        (
            "Rust `pairwise_sq_distances` (no temporary)",
            pairwise_sq_distances,
        ),
    ];
    let numpy_peak = NUMPY_MEMORY
        .split("peak ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|mb| mb.parse::<f64>().ok())
        .ok_or_else(|| {
            Error::msg(format!(
                "python/outputs/ch07-knn/broadcast_memory.txt line 1: expected \
                 `result … MB, peak … MB`, found {:?}",
                NUMPY_MEMORY.lines().next().unwrap_or("")
            ))
        })?;
    let mut out = String::from(
        "| 2000 points in 2-D | Allocations | Peak heap |\n| --- | ---: | ---: |\n",
    );
    out += &format!(
        "| NumPy `np.sum((X[:, np.newaxis, :] - X[np.newaxis, :, :]) ** 2, \
         axis=-1)` | | {numpy_peak:.1}\u{a0}MB |\n"
    );
    let mut allocations = Vec::new();
    for (label, version) in versions {
        let used =
            measure(&mut || drop(black_box(version(black_box(x.view())))));
        allocations.push(used.allocations);
        if label.contains("word for word") {
            // What the chapter says: more than NumPy, which squares in place.
            assert!(used.peak_bytes as f64 / 1e6 > numpy_peak);
        }
        out += &format!(
            "| {label} | {} | {} |\n",
            used.allocations,
            megabytes(used.peak_bytes)
        );
    }
    // The chapter says: two temporaries and the result; one and the result; the
    // result alone.
    assert_eq!(allocations, [3, 2, 1]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `argsort_rows_unstable` (0.02 s) in run 1 on CPU X, and NumPy's argsort (0.03 s)
    /// in `numpy_run` (run 2 is on CPU Y), if any.
    fn results(numpy_run: Option<u32>) -> Results {
        let (runs, numpy, count) = match numpy_run {
            Some(2) => (
                "# run 1: cpu: X\n# run 2: cpu: Y\n",
                "knn_argsort,python,numpy_argsort,,0.03,,,,,,2\n",
                2,
            ),
            Some(_) => (
                "# run 1: cpu: X\n",
                "knn_argsort,python,numpy_argsort,,0.03,,,,,,1\n",
                2,
            ),
            None => ("# run 1: cpu: X\n", "", 1),
        };
        let text = format!(
            "{runs}{}\n{numpy}knn_argsort,rust,argsort_rows_unstable,,0.02,,,,,,1\n\
             # end: {count} timings\n",
            crate::results::HEADER
        );
        Results::parse(&text).expect("valid results")
    }

    #[test]
    fn timings_of_two_machines_are_measured_but_not_compared() {
        let sentence = |r: &Results| {
            compare(
                r,
                (&knn_argsort::ARGSORT_ROWS_UNSTABLE, "`a`"),
                (&knn_argsort::NUMPY_ARGSORT, "`b`"),
            )
        };
        assert_eq!(sentence(&results(Some(1))), "`a` is 1.5×\u{a0}faster than `b`");
        assert_eq!(
            sentence(&results(Some(2))),
            "`a` against `b`: not measured yet on the same machine"
        );
        assert_eq!(sentence(&results(None)), "`a` against `b`: not measured yet");
    }
}
