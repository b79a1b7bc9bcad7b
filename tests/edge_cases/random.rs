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
        "random::RandomState::rand" => {
            let (mut rng, rows, cols) = generator(case);
            let got = catch_unwind(AssertUnwindSafe(|| rng.rand(rows, cols)));
            answered_like_numpy(case, got, same_array)
        }
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
            let got = catch_unwind(AssertUnwindSafe(|| {
                rng.choice_binary(rows, cols)
            }));
            answered_like_numpy(case, got, same_array)
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

/// `low >= high` with something to draw is a documented panic, like NumPy's
/// `ValueError`; with an empty size both return an empty array. A size no
/// array holds is refused in NumPy's order (see [`answered_like_numpy`]).
fn check_randint(case: &Case) -> Result<(), String> {
    let (mut rng, rows, cols) = generator(case);
    let (low, high) = (number(&case.args, "low"), number(&case.args, "high"));
    let got =
        catch_unwind(AssertUnwindSafe(|| rng.randint(low, high, rows, cols)));
    answered_like_numpy(case, got, same_array)
}

/// The same answer as NumPy's, or a panic where NumPy raised, for NumPy's
/// reason: its message up to the first `;` ("low >= high", "array is too
/// big", "Maximum allowed dimension exceeded") must be in the panic's.
fn answered_like_numpy<R: std::fmt::Debug>(
    case: &Case,
    got: std::thread::Result<R>,
    same: impl FnOnce(&R, &Value) -> Result<(), String>,
) -> Result<(), String> {
    let text = |panic: &Box<dyn std::any::Any + Send>| {
        panic.downcast_ref::<String>().cloned().unwrap_or_default()
    };
    match (&case.expect, got) {
        (Ok(want), Ok(got)) => same(&got, want),
        (Err((_, message)), Err(panic)) => {
            let reason = message.split(';').next().unwrap_or(message);
            if text(&panic).contains(reason) {
                Ok(())
            } else {
                Err(format!(
                    "panicked {:?}; NumPy raised {message}",
                    text(&panic)
                ))
            }
        }
        (Ok(_), Err(panic)) => {
            Err(format!("panicked {:?}; NumPy answered", text(&panic)))
        }
        (Err((_, message)), Ok(got)) => {
            Err(format!("returned {got:?}; NumPy raised {message}"))
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
