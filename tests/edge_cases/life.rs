//! The `life` family of python/outputs/edge-cases/: `life::iterate`,
//! `life::iterate_loops` and `life::FastLife` against python/life.py's
//! `iterate` on a `uint8` board, including cells other than 0 and 1, whose
//! neighbour sums wrap around as NumPy's `uint8` does — in every build
//! profile (`wrapping_add`, never a profile-dependent `+`).

use chapters_code::life::{iterate, iterate_loops, FastLife};
use ndarray::prelude::*;

use crate::harness::{same_array, Case, Family, Input};

#[test]
fn life_matches_numpy_uint8() {
    let family = Family::load("life");
    family.covers(&["life::iterate", "life::FastLife::step"]);
    family.check(&[], |case| {
        let board = Input::<u8>::decode(&case.args["board"]);
        let generations = case.args["generations"].as_u64().expect("g");
        let Ok(want) = &case.expect else {
            return Err("NumPy raised".into());
        };
        match case.function.as_str() {
            "life::iterate" => {
                let mut z = board.owned2();
                for _ in 0..generations {
                    iterate(&mut z);
                }
                same_array(&z, want).map_err(|e| format!("iterate: {e}"))?;
                let mut z = board.owned2();
                for _ in 0..generations {
                    iterate_loops(&mut z);
                }
                same_array(&z, want).map_err(|e| format!("loops: {e}"))
            }
            "life::FastLife::step" => check_fast(case, &board, generations),
            other => Err(format!("no check for {other}")),
        }
    });
}

fn check_fast(case: &Case, board: &Input<u8>, g: u64) -> Result<(), String> {
    let Ok(want) = &case.expect else {
        return Err("NumPy raised".into());
    };
    let mut life = FastLife::new(board.owned2());
    for _ in 0..g {
        life.step();
    }
    same_array(life.board(), want)
}

/// The case the edge sweep found: 128 + 128 + 3 wraps to 3 in `u8` (and in
/// NumPy's `uint8`), so a cell is born where an `int64` board has none.
#[test]
fn a_neighbour_sum_that_wraps_gives_a_birth_in_every_profile() {
    let mut z = Array2::<u8>::zeros((5, 5));
    z[[1, 1]] = 128;
    z[[1, 2]] = 128;
    z[[1, 3]] = 3;
    let mut fast = FastLife::new(z.clone());
    let mut loops = z.clone();
    iterate(&mut z);
    iterate_loops(&mut loops);
    fast.step();
    assert_eq!(z[[2, 2]], 1, "born: the sum wrapped to 3");
    assert_eq!(z, loops);
    assert_eq!(&z, fast.board());
}
