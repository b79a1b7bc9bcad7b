//! The `speed` family of python/outputs/edge-cases/: chapter 2's reciprocals, array
//! creation and distances against NumPy's `1 / nums`, `np.arange`, `np.array` and the
//! broadcast distance expression, in every layout the data has (views with negative and
//! non-unit strides, transposed points), with empty arrays, zeros, extremes, NaN and ±inf.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chapters_code::speed::{
    array_from_iter, array_from_slice, array_from_vec, array_range_f64,
    copy_floor, distances_broadcast_in_place, distances_broadcast_literal,
    distances_nested, distances_to, distances_to_par, list_range, reciprocals,
    reciprocals_boxed, reciprocals_into, reciprocals_map_collect,
    reciprocals_par, reciprocals_push_loop, tutorial_points,
    tutorial_points_nested,
};
use ndarray::prelude::*;

use crate::harness::{close_array, same_array, Case, Family, Input};

/// Deliberate: `np.arange(1, 2**63 - 1)` returns an empty array (its length
/// overflows), a wrong answer; the Rust functions panic ("too big for
/// memory", under their `# Panics`), the same in every profile.
const NUMPY_IS_WRONG: &[&str] = &[
    "array_from_iter/9223372036854775807",
    "array_range_f64/9223372036854775807",
];

#[test]
fn speed_matches_numpy() {
    let family = Family::load("speed");
    family.covers(&[
        "speed::reciprocals_push_loop",
        "speed::reciprocals_map_collect",
        "speed::reciprocals_boxed",
        "speed::reciprocals",
        "speed::reciprocals_into",
        "speed::reciprocals_par",
        "speed::copy_floor",
        "speed::list_range",
        "speed::array_from_iter",
        "speed::array_range_f64",
        "speed::array_from_vec",
        "speed::array_from_slice",
        "speed::tutorial_points",
        "speed::tutorial_points_nested",
        "speed::distances_nested",
        "speed::distances_broadcast_literal",
        "speed::distances_broadcast_in_place",
        "speed::distances_to",
        "speed::distances_to_par",
    ]);
    family.check(&[], |case| {
        if NUMPY_IS_WRONG.contains(&case.id.as_str()) {
            let end = case.args["end"].as_i64().expect("end");
            let panicked = |f: fn(i64)| catch_unwind(move || f(end)).is_err();
            return match (
                panicked(|end| drop(array_from_iter(end))),
                panicked(|end| drop(array_range_f64(end))),
            ) {
                (true, true) => Ok(()),
                other => Err(format!("did not panic: {other:?}")),
            };
        }
        let function = case.function.trim_start_matches("speed::");
        match function {
            "reciprocals_into" => check_reciprocals_into(case),
            _ if function.starts_with("reciprocals") => {
                check_reciprocals(case, function)
            }
            "copy_floor" => {
                let nums = Input::<i64>::decode(&case.args["nums"]);
                answer(case, &copy_floor(nums.view1()))
            }
            "list_range" | "array_from_iter" | "array_range_f64" => {
                check_range(case, function)
            }
            "array_from_vec" | "array_from_slice" => check_from(case, function),
            "tutorial_points" | "tutorial_points_nested" => {
                check_points(case, function)
            }
            _ if function.starts_with("distances") => {
                check_distances(case, function)
            }
            other => Err(format!("no check for {other}")),
        }
    });
}

/// NumPy's answer, or, where NumPy raised, a panic (each function documents it).
fn answer<T, D>(case: &Case, got: &ArrayBase<T, D>) -> Result<(), String>
where
    T: ndarray::Data,
    T::Elem: crate::harness::Elem,
    D: Dimension,
{
    match &case.expect {
        Ok(want) => same_array(got, want),
        Err((_, message)) => Err(format!("answered; NumPy raised {message}")),
    }
}

/// Runs `f`: NumPy's answer is checked by `check`; where NumPy raised, `f` must panic.
fn panics_where_numpy_raises<R>(
    case: &Case,
    f: impl FnOnce() -> R,
    check: impl FnOnce(&Case, R) -> Result<(), String>,
) -> Result<(), String> {
    match (catch_unwind(AssertUnwindSafe(f)), &case.expect) {
        (Ok(got), _) => check(case, got),
        (Err(_), Err(_)) => Ok(()),
        (Err(_), Ok(_)) => Err("panicked; NumPy answered".into()),
    }
}

fn check_reciprocals(case: &Case, function: &str) -> Result<(), String> {
    let nums = Input::<i64>::decode(&case.args["nums"]);
    let view = nums.view1();
    let slice: Vec<i64> = view.to_vec();
    let got: Array1<f64> = match function {
        "reciprocals" => reciprocals(view),
        "reciprocals_par" => reciprocals_par(view),
        "reciprocals_push_loop" => reciprocals_push_loop(&slice).into(),
        "reciprocals_map_collect" => reciprocals_map_collect(&slice).into(),
        "reciprocals_boxed" => {
            let boxed: Vec<Box<i64>> =
                slice.into_iter().map(Box::new).collect();
            reciprocals_boxed(&boxed).into_iter().map(|b| *b).collect()
        }
        other => return Err(format!("no check for {other}")),
    };
    answer(case, &got)
}

fn check_reciprocals_into(case: &Case) -> Result<(), String> {
    let nums = Input::<i64>::decode(&case.args["nums"]);
    let len = case.args["out_len"]
        .as_u64()
        .map_or(nums.view().len(), |n| n as usize);
    panics_where_numpy_raises(
        case,
        || {
            let mut out = Array1::from_elem(len, f64::NAN);
            reciprocals_into(nums.view1(), out.view_mut());
            out
        },
        |case, out| answer(case, &out),
    )
}

fn check_range(case: &Case, function: &str) -> Result<(), String> {
    let end = case.args["end"].as_i64().expect("end");
    // Where NumPy raises (MemoryError, "array is too big"), the functions
    // panic with a message: the process must not abort.
    match function {
        "list_range" => panics_where_numpy_raises(
            case,
            || Array1::from(list_range(end)),
            |case, got| answer(case, &got),
        ),
        "array_from_iter" => panics_where_numpy_raises(
            case,
            || array_from_iter(end),
            |case, got| answer(case, &got),
        ),
        _ => panics_where_numpy_raises(
            case,
            || array_range_f64(end),
            |case, got| answer(case, &got),
        ),
    }
}

fn check_from(case: &Case, function: &str) -> Result<(), String> {
    let nums: Vec<i64> = case.args["nums"]
        .as_array()
        .expect("nums")
        .iter()
        .map(|n| n.as_i64().expect("an i64"))
        .collect();
    if function == "array_from_vec" {
        answer(case, &array_from_vec(nums))
    } else {
        answer(case, &array_from_slice(&nums))
    }
}

fn check_points(case: &Case, function: &str) -> Result<(), String> {
    let n = case.args["n"].as_u64().expect("n") as usize;
    if function == "tutorial_points" {
        return panics_where_numpy_raises(
            case,
            || tutorial_points(n),
            |case, got| answer(case, &got),
        );
    }
    let nested = tutorial_points_nested(n);
    let flat: Vec<f64> = nested.concat();
    let rows = Array2::from_shape_vec((nested.len(), 2), flat)
        .map_err(|e| format!("not n rows of 2: {e}"))?;
    answer(case, &rows)
}

/// Sums of more than two squares may be added in another order than NumPy's
/// pairwise summation, so from three coordinates on the distances agree within
/// the rounding bound of d coordinates: each order's sum of d squares (none
/// negative) is within (d - 1)·ε/2 of the exact sum, relatively, and a square
/// root halves that and adds ε/2, so the roots differ by at most d·ε, relatively
/// (ε = `f64::EPSILON`; for squares that neither overflow nor underflow). A fixed
/// 1e-15 was not enough: `d100-rounding`'s one-by-one sum is 10 ulps (2.2e-15)
/// above NumPy's.
fn check_distances(case: &Case, function: &str) -> Result<(), String> {
    let point = Input::<f64>::decode(&case.args["point"]);
    let points = Input::<f64>::decode(&case.args["points"]);
    let (point, points) = (point.view1(), points.view2());
    let d = points.ncols();
    let tolerance = if d > 2 { d as f64 * f64::EPSILON } else { 0.0 };
    let run = || -> Array1<f64> {
        match function {
            "distances_to" => distances_to(point, points),
            "distances_to_par" => distances_to_par(point, points),
            "distances_broadcast_literal" => {
                distances_broadcast_literal(point, points)
            }
            "distances_broadcast_in_place" => {
                distances_broadcast_in_place(point, points)
            }
            _ => {
                let others: Vec<Vec<f64>> =
                    points.rows().into_iter().map(|r| r.to_vec()).collect();
                distances_nested(&point.to_vec(), &others).into()
            }
        }
    };
    // Deliberate: NumPy broadcasts a one-coordinate point against wider points;
    // the distance functions panic instead (`check_dimensions` documents it).
    let broadcast_one = point.len() == 1 && points.ncols() != 1;
    match catch_unwind(AssertUnwindSafe(run)) {
        Err(_) if broadcast_one || case.expect.is_err() => Ok(()),
        Err(_) => Err("panicked; NumPy answered".into()),
        Ok(got) if broadcast_one => {
            Err(format!("{got}; the docs say it panics"))
        }
        Ok(got) => match &case.expect {
            Ok(want) => close_array(&got, want, tolerance),
            Err((_, message)) => Err(format!("{got}; NumPy raised {message}")),
        },
    }
}

/// A distance function of chapter 2.
type Distances = fn(ArrayView1<f64>, ArrayView2<f64>) -> Array1<f64>;

/// A view of 2^60 points without coordinates holds no numbers, but its
/// 2^60 distances take 2^63 bytes: every distance function panics with its
/// name (as its documentation says), where NumPy raises "array is too big".
#[test]
fn distances_too_big_for_memory_panic_with_the_function_name() {
    let none = Array2::<f64>::zeros((1, 0));
    let points = none.broadcast((1 << 60, 0)).expect("a broadcast view");
    let point = Array1::<f64>::zeros(0);
    let functions: [(&str, Distances); 4] = [
        ("distances_to", distances_to),
        ("distances_to_par", distances_to_par),
        ("distances_broadcast_literal", distances_broadcast_literal),
        ("distances_broadcast_in_place", distances_broadcast_in_place),
    ];
    for (name, function) in functions {
        let panic = catch_unwind(|| function(point.view(), points))
            .expect_err("2^63 bytes of distances");
        let message = panic.downcast_ref::<String>().expect("a message");
        assert!(
            message.starts_with(&format!("{name}: "))
                && message.contains("too big for memory"),
            "{message}"
        );
    }
}
