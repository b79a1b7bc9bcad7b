//! `products::checked_dot` and `fast_matmul` against NumPy's `a @ b`, and
//! `bench_matrices` against `python/bench.py`'s matrices.

use chapters_code::products::{bench_matrices, checked_dot, fast_matmul};
use ndarray::prelude::*;

use crate::harness::{close_array, same_array, Case, Family, Input};

/// Cases that still differ from NumPy: none.
const KNOWN: &[&str] = &[];

/// The tolerance for sums of non-integer products (the cases whose note says
/// "compare in ulps"): the products are added in another order than
/// OpenBLAS adds them, which moves the last bits.
const TOLERANCE: f64 = 1e-13;

#[test]
fn products_match_numpy() {
    let family = Family::load("products");
    family.covers(&["products::checked_dot", "products::bench_matrices"]);
    family.check(KNOWN, |case| match case.function.as_str() {
        "products::checked_dot" => {
            check_product(case, "checked_dot", |a, b| {
                checked_dot(a, b).map_err(|e| e.to_string())
            })?;
            check_product(case, "fast_matmul", |a, b| {
                std::panic::catch_unwind(|| fast_matmul(a, b))
                    .map_err(|_| "panicked".to_string())
            })
        }
        "products::bench_matrices" => check_bench(case),
        other => Err(format!("no check for {other}")),
    });
}

fn check_product(
    case: &Case,
    name: &str,
    product: impl Fn(
        ArrayView2<f64>,
        ArrayView2<f64>,
    ) -> Result<Array2<f64>, String>,
) -> Result<(), String> {
    let a = Input::<f64>::decode(&case.args["a"]).view().to_owned();
    let b = Input::<f64>::decode(&case.args["b"]).view().to_owned();
    let a = a.into_dimensionality::<Ix2>().map_err(|e| e.to_string())?;
    let b = b.into_dimensionality::<Ix2>().map_err(|e| e.to_string())?;
    let in_ulps = case.raw["note"]
        .as_str()
        .is_some_and(|n| n.contains("ulps"));
    let got = product(a.view(), b.view());
    let outcome = match (&case.expect, got) {
        // The documented difference of fast_matmul: 1e308·10 + 1e308·(-10)
        // overflows in each product; OpenBLAS and matrixmultiply fuse the
        // second product into the sum (FMA) and give inf, faer adds two
        // infinities and gives NaN. The exact answer, 0, is neither.
        (Ok(_), Ok(got))
            if name == "fast_matmul" && case.id == "checked_dot/overflow" =>
        {
            if got.iter().all(|x| x.is_nan()) {
                Ok(())
            } else {
                Err(format!("{got:?}: the documented NaN changed"))
            }
        }
        (Ok(want), Ok(got)) if in_ulps => close_array(&got, want, TOLERANCE),
        (Ok(want), Ok(got)) => same_array(&got, want),
        (Ok(_), Err(e)) => Err(format!("{e}; NumPy answered")),
        (Err((_, message)), Ok(got)) => {
            Err(format!("returned {got:?}; NumPy raised: {message}"))
        }
        (Err((_, message)), Err(_)) if message.contains("mismatch") => Ok(()),
        (Err((_, message)), Err(e)) => Err(format!("{e}; NumPy: {message}")),
    };
    outcome.map_err(|why| format!("{name}: {why}"))
}

fn check_bench(case: &Case) -> Result<(), String> {
    let n = case.args["n"].as_u64().expect("n") as usize;
    let (a, b) = bench_matrices(n);
    let want = case.expect.as_ref().map_err(|e| format!("{e:?}"))?;
    same_array(&a, &want[0])?;
    same_array(&b, &want[1])
}
