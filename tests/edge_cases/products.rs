//! `products::checked_dot`, `fast_matmul` and `fast_matmul_par` against NumPy's
//! `a @ b`, and `bench_matrices` against `python/bench.py`'s matrices.

use chapters_code::products::{
    bench_matrices, checked_dot, fast_matmul, fast_matmul_par,
};
use ndarray::prelude::*;

use serde_json::Value;

use crate::harness::{close_array, compare, same_array, Case, Family, Input};

/// Cases that still differ from NumPy: none.
const KNOWN: &[&str] = &[];

/// The tolerance for sums of non-integer products (the cases whose note says
/// "compare in ulps"): the products are added in another order than
/// OpenBLAS adds them, which moves the last bits.
const TOLERANCE: f64 = 1e-13;

#[test]
fn products_match_numpy() {
    let family = Family::load("products");
    family.covers(&[
        "products::checked_dot",
        "products::checked_dot_broadcast",
        "products::bench_matrices",
    ]);
    family.check(KNOWN, |case| match case.function.as_str() {
        "products::checked_dot" if case.args.get("a_shape").is_some() => {
            check_empty_huge(case)
        }
        "products::checked_dot" => {
            check_product(case, "checked_dot", |a, b| {
                checked_dot(a, b).map_err(|e| e.to_string())
            })?;
            check_product(case, "fast_matmul", |a, b| {
                std::panic::catch_unwind(|| fast_matmul(a, b))
                    .map_err(|_| "panicked".to_string())
            })?;
            check_product(case, "fast_matmul_par", |a, b| {
                std::panic::catch_unwind(|| fast_matmul_par(a, b))
                    .map_err(|_| "panicked".to_string())
            })
        }
        "products::checked_dot_broadcast" => check_broadcast_product(case),
        "products::bench_matrices" => check_bench(case),
        other => Err(format!("no check for {other}")),
    });
}

/// An empty product whose other size is huge, from two broadcast zeros: where
/// NumPy answers, the same empty shape; where it refuses ("array is too big":
/// it counts the bytes of the sizes other than 0), the difference that
/// `checked_dot`'s doc states, an empty array of that shape, from each of the
/// three products.
fn check_empty_huge(case: &Case) -> Result<(), String> {
    let shape = |name: &str| -> Result<(usize, usize), String> {
        match case.args[name].as_array().map(|s| s.as_slice()) {
            Some([rows, cols]) => Ok((
                rows.as_u64().ok_or("a size")? as usize,
                cols.as_u64().ok_or("a size")? as usize,
            )),
            _ => Err(format!("{name}: two sizes")),
        }
    };
    let (a_shape, b_shape) = (shape("a_shape")?, shape("b_shape")?);
    let zero = ndarray::arr0(0.0);
    let view = |s: (usize, usize)| zero.broadcast(s).ok_or("a broadcast");
    let (a, b) = (view(a_shape)?, view(b_shape)?);
    let (m, n) = (a_shape.0, b_shape.1);
    match &case.expect {
        Ok(want) if want == &serde_json::json!([m, n]) => {}
        Err((_, message)) if message.contains("array is too big") => {}
        other => return Err(format!("NumPy's answer {other:?}")),
    }
    let dims = [
        checked_dot(a, b)
            .map(|c| c.dim())
            .map_err(|e| e.to_string())?,
        fast_matmul(a, b).dim(),
        fast_matmul_par(a, b).dim(),
    ];
    match dims.iter().find(|&&d| d != (m, n)) {
        Some(d) => Err(format!("{d:?}, not the empty {m} x {n}")),
        None => Ok(()),
    }
}

fn check_product(
    case: &Case,
    name: &str,
    product: impl Fn(
        ArrayView2<f64>,
        ArrayView2<f64>,
    ) -> Result<Array2<f64>, String>,
) -> Result<(), String> {
    // The views themselves, in the case's layout, not copies.
    let (a, b) = (
        Input::<f64>::decode(&case.args["a"]),
        Input::<f64>::decode(&case.args["b"]),
    );
    let a = a
        .view()
        .into_dimensionality::<Ix2>()
        .map_err(|e| e.to_string())?;
    let b = b
        .view()
        .into_dimensionality::<Ix2>()
        .map_err(|e| e.to_string())?;
    let note = case.raw["note"].as_str().unwrap_or("");
    let in_ulps = note.contains("ulps");
    let fma_decides = note.contains("FMA decides");
    let kernel_signs_zero = note.contains("the kernel decides the sign");
    let got = product(a.view(), b.view());
    let outcome = match (&case.expect, got) {
        (Ok(want), Ok(got)) if fma_decides => inf_or_nan(&got, want),
        (Ok(want), Ok(got)) if kernel_signs_zero => {
            zero_of_either_sign(&got, want)
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

/// For a case where overflowing products meet (`1e308·10 + 1e308·(-10)`, see
/// `fast_matmul`'s doc): a kernel that fuses the second product into the sum
/// (FMA) gives inf, one that rounds both products first gives inf + (-inf) =
/// NaN, so both the recorded NumPy answer and ours may be either, on each
/// machine. Anything else (a finite number, -inf, another shape) is wrong.
fn inf_or_nan(got: &Array2<f64>, want: &Value) -> Result<(), String> {
    let want = Input::<f64>::decode(want);
    let want = want.logical();
    let allowed = |x: &f64| x.is_nan() || *x == f64::INFINITY;
    if got.shape() != want.shape() {
        Err(format!("shape {:?}, NumPy {:?}", got.shape(), want.shape()))
    } else if !want.iter().all(allowed) {
        Err(format!("NumPy's recorded {want} is neither inf nor NaN"))
    } else if !got.iter().all(allowed) {
        Err(format!("{got}: neither inf nor NaN"))
    } else {
        Ok(())
    }
}

/// For a case whose products underflow (`1e-200 · -1e-200` rounds to -0.0):
/// NumPy's kernel decides the sign of a zero sum (0.0 where it starts from
/// or ends by adding +0.0, -0.0 where it keeps the products' own sum, as
/// OpenBLAS's AVX-512 kernels do for every shape here and its Haswell
/// kernels for some), so the recorded answer may hold either, by machine and
/// by shape; ours must equal it as numbers, with every zero +0.0, as
/// `checked_dot` and `fast_matmul` promise on every machine.
fn zero_of_either_sign(got: &Array2<f64>, want: &Value) -> Result<(), String> {
    compare(got, want, |g: f64, w| {
        g == w && !(g == 0.0 && g.is_sign_negative())
    })
}

#[test]
fn zero_of_either_sign_still_rejects_a_wrong_answer() {
    let json = |x: &str| serde_json::json!({"dtype": "f64", "shape": [1, 1], "layout": "c", "data": [x]});
    for numpy in ["0.0", "-0.0"] {
        assert!(zero_of_either_sign(&array![[0.0]], &json(numpy)).is_ok());
        // -0.0 is what the functions promise never to answer.
        assert!(zero_of_either_sign(&array![[-0.0]], &json(numpy)).is_err());
        for wrong in [5e-324, -5e-324, f64::NAN] {
            assert!(
                zero_of_either_sign(&array![[wrong]], &json(numpy)).is_err()
            );
        }
    }
    assert!(zero_of_either_sign(&array![[1.5e-323]], &json("1.5e-323")).is_ok());
    assert!(zero_of_either_sign(&array![[0.0, 0.0]], &json("0.0")).is_err());
}

#[test]
fn inf_or_nan_still_rejects_a_wrong_answer() {
    let want = serde_json::json!({
        "dtype": "f64", "shape": [1, 1], "layout": "c", "data": ["inf"]
    });
    assert!(inf_or_nan(&array![[f64::INFINITY]], &want).is_ok());
    assert!(inf_or_nan(&array![[f64::NAN]], &want).is_ok());
    for wrong in [0.0, 1e308, f64::NEG_INFINITY] {
        assert!(inf_or_nan(&array![[wrong]], &want).is_err(), "{wrong}");
    }
    assert!(inf_or_nan(&array![[f64::NAN, f64::NAN]], &want).is_err());
    let zero = serde_json::json!({
        "dtype": "f64", "shape": [1, 1], "layout": "c", "data": ["0.0"]
    });
    assert!(inf_or_nan(&array![[f64::NAN]], &zero).is_err());
}

fn check_bench(case: &Case) -> Result<(), String> {
    let n = case.args["n"].as_u64().expect("n") as usize;
    let (a, b) = bench_matrices(n);
    let want = case.expect.as_ref().map_err(|e| format!("{e:?}"))?;
    same_array(&a, &want[0])?;
    same_array(&b, &want[1])
}

/// `np.broadcast_to(value, (rows, k)) @ np.zeros((k, 0))`: an empty product
/// of a broadcast view, up to 2^40 rows, far more than memory holds. NumPy's
/// answer is the shape of an empty array; every product must give it.
fn check_broadcast_product(case: &Case) -> Result<(), String> {
    let size = |key: &str| case.args[key].as_u64().map(|n| n as usize);
    let (Some(rows), Some(k), Some(value)) =
        (size("rows"), size("k"), case.args["value"].as_f64())
    else {
        return Err("rows, k and value".into());
    };
    let want = case.expect.as_ref().map_err(|e| format!("{e:?}"))?;
    let want: Vec<usize> = serde_json::from_value(want["shape"].clone())
        .map_err(|e| e.to_string())?;
    let one = array![[value]];
    let tall = one.broadcast((rows, k)).ok_or("a broadcast view")?;
    let none = Array2::<f64>::zeros((k, 0));
    let shapes = [
        checked_dot(tall, none.view())
            .map_err(|e| e.to_string())?
            .shape()
            .to_vec(),
        fast_matmul(tall, none.view()).shape().to_vec(),
        fast_matmul_par(tall, none.view()).shape().to_vec(),
    ];
    match shapes.iter().find(|&shape| *shape != want) {
        Some(shape) => Err(format!("shape {shape:?}; NumPy: {want:?}")),
        None => Ok(()),
    }
}

/// An empty product of a long view (NumPy's answer, an empty (2**40, 0)
/// array, is the committed case `checked_dot/broadcast-1099511627776x3-3x0`).
/// `checked_dot` used to let `dot` walk the 2^40 rows (about 7 minutes in a
/// debug build, 1 µs in release); every product must return at once.
#[test]
fn an_empty_product_of_2_to_the_40_rows_returns_at_once() {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let one = array![[1.5]];
        let tall = one.broadcast((1 << 40, 3)).expect("a broadcast view");
        let none = Array2::<f64>::zeros((3, 0));
        let dims = [
            checked_dot(tall, none.view()).expect("3 = 3").dim(),
            fast_matmul(tall, none.view()).dim(),
            fast_matmul_par(tall, none.view()).dim(),
        ];
        // Ignored if the test already gave up waiting.
        let _ = done.send(dims);
    });
    let dims = finished
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("an empty product takes no time");
    assert_eq!(dims, [(1 << 40, 0); 3]);
}
