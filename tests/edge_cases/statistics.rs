//! The `statistics` family of python/outputs/edge-cases/: the quartiles `python/bench.py`
//! reports for its samples (`statistics.quantiles(…, n=4, method="inclusive")`), which
//! `results::quartiles` computes for criterion's, so that every timing table's IQR column is
//! one statistic on both sides: compared bit for bit.

use chapters_code::results::quartiles;
use serde_json::Value;

use crate::harness::{Case, Family};

#[test]
fn quartiles_are_pythons_bit_for_bit() {
    let family = Family::load("statistics");
    family.covers(&["results::quartiles"]);
    family.check(&[], |case| match case.function.as_str() {
        "results::quartiles" => check_quartiles(case),
        other => Err(format!("no check for {other}")),
    });
}

fn float(v: &Value) -> f64 {
    v.as_str()
        .expect("a float's repr")
        .parse()
        .expect("a float")
}

fn check_quartiles(case: &Case) -> Result<(), String> {
    let sorted: Vec<f64> = case.args["sorted"]
        .as_array()
        .expect("sorted")
        .iter()
        .map(float)
        .collect();
    let got = quartiles(&sorted).ok_or("no quartiles")?;
    match &case.expect {
        Ok(want) => {
            let want: Vec<f64> =
                want.as_array().expect("three").iter().map(float).collect();
            let got = [got.0, got.1, got.2];
            let same = got
                .iter()
                .zip(&want)
                .all(|(a, b)| a.to_bits() == b.to_bits());
            if same && want.len() == 3 {
                Ok(())
            } else {
                Err(format!("{got:?}, Python {want:?}"))
            }
        }
        // Documented: one value is its own quartiles; Python needs two.
        Err(_)
            if sorted.len() == 1
                && got == (sorted[0], sorted[0], sorted[0]) =>
        {
            Ok(())
        }
        Err((_, message)) => Err(format!("{got:?}; Python raised {message}")),
    }
}
