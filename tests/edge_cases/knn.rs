//! The `knn` family of python/outputs/edge-cases/: `knn::*` against NumPy's
//! `np.sort` order, `np.argsort(kind='stable')`, `np.argpartition`, the
//! broadcast distance expression and the neighbours without the point itself.
//! Every variant of a function (the unstable argsort, the four distance
//! versions) is checked against the same case.

use std::cmp::Ordering;

use chapters_code::knn::{
    argpartition_rows, argsort_rows, argsort_rows_unstable, cmp_nan_last,
    k_nearest, pairwise_sq_distances, pairwise_sq_distances_broadcast,
    pairwise_sq_distances_in_place, pairwise_sq_distances_symmetric,
    sq_distance, KnnError,
};
use ndarray::prelude::*;

use crate::harness::{close_array, float, same_array, Case, Family, Input};

#[test]
fn knn_matches_numpy() {
    let family = Family::load("knn");
    family.covers(&[
        "knn::cmp_nan_last",
        "knn::argsort_rows",
        "knn::argpartition_rows",
        "knn::pairwise_sq_distances",
        "knn::pairwise_sq_distances_broadcast",
        "knn::k_nearest",
    ]);
    family.check(&[], |case| match case.function.as_str() {
        "knn::cmp_nan_last" => check_cmp(case),
        "knn::argsort_rows" => check_argsort(case),
        "knn::argpartition_rows" => check_argpartition(case),
        "knn::pairwise_sq_distances"
        | "knn::pairwise_sq_distances_broadcast" => check_pairwise(case),
        "knn::k_nearest" => check_k_nearest(case),
        other => Err(format!("no check for {other}")),
    });
}

fn check_cmp(case: &Case) -> Result<(), String> {
    let value = |name: &str| {
        let v = float(&case.args[name]);
        let negative = case.args[format!("{name}_is_negative_nan")]
            .as_bool()
            .unwrap_or(false);
        if negative {
            -f64::NAN
        } else {
            v
        }
    };
    let got = match cmp_nan_last(value("a"), value("b")) {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    };
    match &case.expect {
        Ok(want) if want.as_i64() == Some(got) => Ok(()),
        other => Err(format!("{got}, NumPy {other:?}")),
    }
}

fn check_argsort(case: &Case) -> Result<(), String> {
    let a = Input::<f64>::decode(&case.args["a"]);
    let Ok(want) = &case.expect else {
        return Err("NumPy raised".into());
    };
    same_array(&argsort_rows(a.view2()), want)
        .map_err(|e| format!("argsort_rows: {e}"))?;
    // Every (key, index) pair is distinct: the unstable one gives the stable
    // order too.
    same_array(&argsort_rows_unstable(a.view2()), want)
        .map_err(|e| format!("argsort_rows_unstable: {e}"))
}

/// Only the partition property is promised (by NumPy too): a permutation of
/// each row, the value a sort puts at `kth`, nothing larger before it and
/// nothing smaller after it.
fn check_argpartition(case: &Case) -> Result<(), String> {
    let a = Input::<f64>::decode(&case.args["a"]);
    let kth = case.args["kth"].as_u64().expect("kth") as usize;
    let got = argpartition_rows(a.view2(), kth);
    let want = match (&case.expect, got) {
        (Err(_), Err(KnnError::KthOutOfBounds { .. })) => return Ok(()),
        (Err((_, message)), got) => {
            return Err(format!("{got:?}; NumPy raised {message}"))
        }
        (Ok(_), Err(e)) => return Err(format!("error {e}; NumPy answered")),
        (Ok(want), Ok(got)) => (want, got),
    };
    let (want, got) = want;
    let sorted = Input::<f64>::decode(&want["sorted"]);
    let sorted = sorted.view2();
    let a = a.view2();
    if got.dim() != a.dim() {
        return Err(format!("shape {:?}, NumPy {:?}", got.dim(), a.dim()));
    }
    if a.is_empty() {
        return Ok(()); // nothing to partition, whatever kth (as NumPy)
    }
    for (r, indices) in got.rows().into_iter().enumerate() {
        let mut seen = indices.to_vec();
        seen.sort_unstable();
        if seen != (0..a.ncols()).collect::<Vec<_>>() {
            return Err(format!("row {r}: {indices} is not a permutation"));
        }
        let value = |p: usize| a[[r, indices[p]]];
        let at = value(kth);
        if cmp_nan_last(at, sorted[[r, kth]]) != Ordering::Equal {
            return Err(format!(
                "row {r}: {at} at kth, NumPy's sort has {}",
                sorted[[r, kth]]
            ));
        }
        let before = (0..kth).all(|p| cmp_nan_last(value(p), at).is_le());
        let after =
            (kth + 1..a.ncols()).all(|p| cmp_nan_last(value(p), at).is_ge());
        if !(before && after) {
            return Err(format!("row {r}: {indices} is not partitioned"));
        }
    }
    Ok(())
}

/// From eight coordinates on, the sums are added in another order than
/// NumPy's pairwise summation: the last bits may differ (documented).
fn check_pairwise(case: &Case) -> Result<(), String> {
    let points = Input::<f64>::decode(&case.args["points"]);
    let Ok(want) = &case.expect else {
        return Err("NumPy raised".into());
    };
    let x = points.view2();
    let versions = [
        ("pairwise_sq_distances", pairwise_sq_distances(x)),
        ("_broadcast", pairwise_sq_distances_broadcast(x)),
        ("_in_place", pairwise_sq_distances_in_place(x)),
        ("_symmetric", pairwise_sq_distances_symmetric(x)),
    ];
    for (name, got) in versions {
        let tolerance = if x.ncols() >= 8 { 1e-13 } else { 0.0 };
        close_array(&got, want, tolerance)
            .map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}

/// The neighbours without the point itself, ties by index; NumPy's errors
/// (too few points for `k`, `kth` out of bounds) as typed errors.
fn check_k_nearest(case: &Case) -> Result<(), String> {
    let dist_sq = Input::<f64>::decode(&case.args["dist_sq"]);
    let k = case.args["k"].as_u64().expect("k") as usize;
    match (&case.expect, k_nearest(dist_sq.view2(), k)) {
        (Ok(want), Ok(got)) => same_array(&got, want),
        (Ok(_), Err(e)) => Err(format!("error {e}; NumPy answered")),
        (Err((_, message)), Err(e)) => {
            let same_kind = match e {
                KnnError::TooFewPoints { .. } => message.contains("needs"),
                KnnError::KthOutOfBounds { .. } => {
                    message.contains("out of bounds")
                }
            };
            if same_kind {
                Ok(())
            } else {
                Err(format!("error {e}; NumPy raised {message}"))
            }
        }
        (Err((_, message)), Ok(got)) => {
            Err(format!("returned {got}; NumPy raised {message}"))
        }
    }
}

/// The errors say what went wrong, with the numbers NumPy's messages name.
#[test]
fn knn_errors_name_the_numbers() {
    let a = Array2::<f64>::zeros((2, 3));
    let e = argpartition_rows(a.view(), 3).unwrap_err();
    assert_eq!(e, KnnError::KthOutOfBounds { kth: 3, ncols: 3 });
    let e = k_nearest(a.view(), 2).unwrap_err();
    assert_eq!(e, KnnError::TooFewPoints { k: 2, points: 2 });
}

/// Points of different lengths: `sq_distance`'s documented panic, with one
/// message in every profile (ndarray's `Zip` said "Producer dimension
/// mismatch" with debug assertions and "assertion failed:
/// part.equal_dim(dimension)" without).
#[test]
fn sq_distance_of_points_of_different_lengths_panics_clearly() {
    let (a, b) = (array![1.0, 2.0], array![1.0]);
    let panic = std::panic::catch_unwind(|| sq_distance(a.view(), b.view()));
    let payload = panic.expect_err("different lengths");
    let message = payload.downcast_ref::<String>().map(String::as_str);
    assert_eq!(message, Some("sq_distance: points of 2 and 1 coordinates"));
}

/// No neighbours of the 2^40 points of a matrix with no columns: NumPy
/// answers with an empty (2^40, 0) array (case k_nearest/1099511627776x0/k0/c),
/// and `k_nearest` must answer at once (it used to walk all the rows, for hours).
#[test]
fn zero_neighbours_of_2_to_the_40_points_come_at_once() {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let dist_sq = Array2::<f64>::zeros((1 << 40, 0));
        // Ignored if the test already gave up waiting.
        let _ = done.send(k_nearest(dist_sq.view(), 0).map(|a| a.dim()));
    });
    let nearest = finished
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("no neighbours to find takes no time");
    assert_eq!(nearest, Ok((1 << 40, 0)));
}

/// Chapter 7 says that the tutorial's `np.argsort(d, axis=1)[:, 1:K + 1]`
/// can list a point among its own neighbours when another point is at
/// distance 0 from it (column 0 then holds the other one) or its own distance
/// is NaN. The `k_nearest` cases' notes hold NumPy's answer of that expression
/// (with the stable argsort): it is `argsort_rows`'s, and for duplicate
/// points, points 1e-200 apart and a NaN row it lists a point itself, which
/// `k_nearest` never does.
#[test]
fn the_tutorial_formula_lists_a_duplicate_as_its_own_neighbour() {
    let family = Family::load("knn");
    let prefix = "tutorial formula gives: ";
    let (mut compared, mut itself) = (0, Vec::new());
    // Points whose own distance is NaN that the formula does not list:
    // the point "can land" among its neighbours, not always.
    let mut nan_not_listed = Vec::new();
    for case in &family.cases {
        let note = case.raw["note"].as_str().unwrap_or("");
        let Some(numpy) = note.strip_prefix(prefix) else {
            continue;
        };
        let numpy: serde_json::Value =
            serde_json::from_str(numpy).expect("a JSON answer");
        let Some(numpy) = numpy.get("ok") else {
            continue; // NumPy raised: nothing listed
        };
        let dist_sq = Input::<f64>::decode(&case.args["dist_sq"]);
        let k = case.args["k"].as_u64().expect("k") as usize;
        let sorted = argsort_rows(dist_sq.view2());
        // [:, 1:k + 1], clipped to the columns as NumPy clips it.
        let end = (k + 1).min(sorted.ncols());
        let formula = sorted.slice(s![.., 1.min(end)..end]);
        if let Err(e) = same_array(&formula, numpy) {
            panic!("{}: {e}", case.id);
        }
        compared += 1;
        for (i, row) in formula.rows().into_iter().enumerate() {
            if row.iter().any(|&j| j == i) {
                itself.push(format!("{}: point {i}", case.id));
            } else if dist_sq.view2().get([i, i]).is_some_and(|d| d.is_nan()) {
                nan_not_listed.push(format!("{}: point {i}", case.id));
            }
        }
    }
    assert!(compared > 10, "only {compared} notes compared");
    // Chapter 7 names the three ways: a duplicate, a squared distance that
    // underflows to 0, and a NaN distance of the point to itself.
    for kind in ["duplicates", "underflow", "nan"] {
        let prefix = format!("k_nearest/{kind}/");
        assert!(
            itself.iter().any(|s| s.starts_with(&prefix)),
            "no {kind} point listed itself: {itself:?}"
        );
    }
    let page = crate::support::words_of_repo_file("src/ch07-knn.md");
    let said = "That holds unless another point is at distance 0 from it — \
                at the same place, or so close that the square of their \
                distance underflows to 0, as for points 1e-200 apart — or its \
                own distance is NaN: then column 0 can hold another point, \
                and the point itself can land in the next K columns";
    assert!(page.contains(said), "src/ch07-knn.md: {said:?}");
    // "can land": with a small K, a point whose own distance is NaN (it sorts
    // last among numbers) is not always in the next K columns.
    assert!(
        nan_not_listed
            .iter()
            .any(|s| s.starts_with("k_nearest/nan/")),
        "every NaN point listed itself: say \"lands\" {nan_not_listed:?}"
    );
}
