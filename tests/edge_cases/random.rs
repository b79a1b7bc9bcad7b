//! The `random` family of python/outputs/edge-cases/: `random::RandomState`
//! against `np.random.RandomState(seed)` — every draw bit for bit, empty
//! sizes, the full `i64` range, `low >= high`, and one generator used for a
//! sequence of different calls.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chapters_code::random::RandomState;
use serde_json::Value;

use crate::harness::{float, same_array, Case, Family};

#[test]
fn random_state_matches_numpy() {
    let family = Family::load("random");
    family.covers(&[
        "random::RandomState::rand",
        "random::RandomState::next_f64",
        "random::RandomState::randint",
        "random::RandomState::choice_binary",
    ]);
    family.check(&[], |case| match case.function.as_str() {
        "random::RandomState::new" => check_new(case),
        "random::RandomState::rand" => check_rand(case),
        "random::RandomState::next_f64" => {
            let (mut rng, _, _) = generator(case);
            expect_ok(case, |want| {
                let want = want.as_array().ok_or("a list")?;
                for (i, w) in want.iter().enumerate() {
                    let (got, w) = (rng.next_f64(), float(w));
                    if got.to_bits() != w.to_bits() {
                        return Err(format!("draw {i}: {got}, NumPy {w}"));
                    }
                }
                Ok(())
            })
        }
        "random::RandomState::randint" => check_randint(case),
        "random::RandomState::choice_binary" => {
            let (mut rng, rows, cols) = generator(case);
            expect_ok(case, |want| {
                same_array(&rng.choice_binary(rows, cols), want)
            })
        }
        "random::RandomState (one generator, calls in sequence)" => {
            check_stream(case)
        }
        other => Err(format!("no check for {other}")),
    });
}

fn number(v: &Value, name: &str) -> i64 {
    v[name].as_i64().unwrap_or_else(|| panic!("{name}: {v}"))
}

/// The seeded generator and the size of a case.
fn generator(case: &Case) -> (RandomState, usize, usize) {
    let seed = u32::try_from(number(&case.args, "seed")).expect("a u32");
    let size = |name| case.args[name].as_u64().map_or(0, |n| n as usize);
    (RandomState::new(seed), size("rows"), size("cols"))
}

fn expect_ok(
    case: &Case,
    check: impl FnOnce(&Value) -> Result<(), String>,
) -> Result<(), String> {
    match &case.expect {
        Ok(want) => check(want),
        Err((_, message)) => Err(format!("NumPy raised {message}")),
    }
}

/// NumPy refuses seeds outside 0..2^32; `RandomState::new` takes a `u32`, so
/// such a seed cannot even be written (a compile-time difference).
fn check_new(case: &Case) -> Result<(), String> {
    let seed = number(&case.args, "seed");
    match (&case.expect, u32::try_from(seed)) {
        (Err(_), Err(_)) => Ok(()),
        (expect, _) => Err(format!("seed {seed}: NumPy {expect:?}")),
    }
}

/// NumPy's draws, or, where NumPy refuses the size ("array is too big": it
/// counts the bytes of the sizes other than 0, even for an empty array), the
/// documented panic with NumPy's words.
fn check_rand(case: &Case) -> Result<(), String> {
    let (mut rng, rows, cols) = generator(case);
    let got = catch_unwind(AssertUnwindSafe(|| rng.rand(rows, cols)));
    match (&case.expect, got) {
        (Ok(want), Ok(got)) => same_array(&got, want),
        (Err((_, message)), Err(panic)) => {
            let text =
                panic.downcast_ref::<String>().cloned().unwrap_or_default();
            let numpy = "array is too big";
            if message.contains(numpy) && text.contains(numpy) {
                Ok(())
            } else {
                Err(format!("panicked {text:?}; NumPy raised {message}"))
            }
        }
        (Ok(_), Err(_)) => Err("panicked; NumPy answered".into()),
        (Err((_, message)), Ok(got)) => {
            Err(format!("returned {:?}; NumPy raised {message}", got.dim()))
        }
    }
}

/// `low >= high` with something to draw is a documented panic, like NumPy's
/// `ValueError`; with an empty size both return an empty array.
fn check_randint(case: &Case) -> Result<(), String> {
    let (mut rng, rows, cols) = generator(case);
    let (low, high) = (number(&case.args, "low"), number(&case.args, "high"));
    let got =
        catch_unwind(AssertUnwindSafe(|| rng.randint(low, high, rows, cols)));
    match (&case.expect, got) {
        (Ok(want), Ok(got)) => same_array(&got, want),
        (Err((_, message)), Err(panic)) => {
            let text =
                panic.downcast_ref::<String>().cloned().unwrap_or_default();
            if message.contains("low >= high") && text.contains("low >= high") {
                Ok(())
            } else {
                Err(format!("panicked {text:?}; NumPy raised {message}"))
            }
        }
        (Ok(_), Err(_)) => Err("panicked; NumPy answered".into()),
        (Err((_, message)), Ok(got)) => {
            Err(format!("returned {got}; NumPy raised {message}"))
        }
    }
}

/// One generator, calls in sequence: each call continues NumPy's stream.
fn check_stream(case: &Case) -> Result<(), String> {
    let (mut rng, _, _) = generator(case);
    let calls = case.args["calls"].as_array().ok_or("calls")?;
    expect_ok(case, |want| {
        let want = want.as_array().ok_or("a list")?;
        for (call, want) in calls.iter().zip(want) {
            let call = call.as_str().ok_or("a call")?;
            let words: Vec<&str> = call.split_whitespace().collect();
            let n = |i: usize| -> i64 { words[i].parse().expect("a number") };
            let size = |i: usize| n(i) as usize;
            let result = match words[0] {
                "rand" => same_array(&rng.rand(size(1), size(2)), want),
                "randint" => {
                    same_array(&rng.randint(n(1), n(2), size(3), size(4)), want)
                }
                "choice_binary" => {
                    same_array(&rng.choice_binary(size(1), size(2)), want)
                }
                other => Err(format!("unknown call {other}")),
            };
            result.map_err(|e| format!("{call}: {e}"))?;
        }
        Ok(())
    })
}
