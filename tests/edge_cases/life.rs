//! The `life` family of python/outputs/edge-cases/: `life::iterate`,
//! `life::iterate_loops` and `life::FastLife` against python/life.py's
//! `iterate` on a `uint8` board, including cells other than 0 and 1, whose
//! neighbour sums wrap around as NumPy's `uint8` does — in every build
//! profile (`wrapping_add`, never a profile-dependent `+`). Each board is
//! built in the memory layout its case names (row-major, column-major,
//! inverted axes), as NumPy's was.

use std::collections::BTreeSet;

use chapters_code::life::{iterate, iterate_loops, FastLife};
use ndarray::prelude::*;

use crate::harness::{same_array, sizes, Family, Input};

const FUNCTIONS: [&str; 3] = [
    "life::iterate",
    "life::iterate_loops",
    "life::FastLife::step",
];

#[test]
fn life_matches_numpy_uint8() {
    let family = Family::load("life");
    family.covers(&FUNCTIONS);
    family.check(&[], |case| {
        let board = Input::<u8>::decode(&case.args["board"]);
        let generations = case.args["generations"].as_u64().expect("g");
        let Ok(want) = &case.expect else {
            return Err("NumPy raised".into());
        };
        let got = match case.function.as_str() {
            "life::iterate" => {
                let mut z = board.owned2();
                (0..generations).for_each(|_| iterate(&mut z));
                z
            }
            "life::iterate_loops" => {
                let mut z = board.owned2();
                (0..generations).for_each(|_| iterate_loops(&mut z));
                z
            }
            "life::FastLife::step" => {
                let mut life = FastLife::new(board.owned2());
                (0..generations).for_each(|_| life.step());
                life.board().clone()
            }
            other => return Err(format!("no check for {other}")),
        };
        same_array(&got, want)
    });
}

/// The data keeps what the sweep of chapter 8 checked: every function on
/// row-major and column-major boards, with no rows, one, two and three rows
/// (and columns), for 1, 2 and 10 generations, and on bytes whose neighbour
/// sums wrap (where NumPy's `int64` board gives another answer).
#[test]
fn life_cases_cover_layouts_shapes_generations_and_wrapping() {
    let family = Family::load("life");
    let mut wanted: Vec<String> = Vec::new();
    for layout in ["c", "f"] {
        for generations in [1, 2, 10] {
            wanted.push(format!("{layout}, {generations} generations"));
        }
        wanted.push(format!("{layout}, where int64 differs"));
    }
    for n in 0..=3 {
        wanted.push(format!("{n} rows"));
        wanted.push(format!("{n} columns"));
    }
    for function in FUNCTIONS {
        let mut seen = BTreeSet::new();
        for case in family.cases.iter().filter(|c| c.function == function) {
            let board = &case.args["board"];
            let layout = board["layout"].as_str().unwrap_or("c");
            let generations = &case.args["generations"];
            let shape = sizes(&board["shape"]);
            seen.insert(format!("{layout}, {generations} generations"));
            seen.insert(format!("{} rows", shape[0]));
            seen.insert(format!("{} columns", shape[1]));
            let note = case.raw["note"].as_str().unwrap_or("");
            if note.contains("int64") {
                seen.insert(format!("{layout}, where int64 differs"));
            }
        }
        let missing: Vec<&String> =
            wanted.iter().filter(|w| !seen.contains(*w)).collect();
        assert!(missing.is_empty(), "{function}: no case with {missing:?}");
    }
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

/// A board with no columns can claim 2^40 rows, and NumPy steps it (the cases
/// */1099511627776x0/g1/c check the answer; this test, the time).
/// `iterate_loops` used to walk all its rows, each with no cells (a quarter
/// of an hour in a debug build); every version must return at once.
#[test]
fn a_board_of_2_to_the_40_rows_and_no_columns_steps_at_once() {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut loops = Array2::<u8>::zeros((1 << 40, 0));
        iterate_loops(&mut loops);
        let mut slices = Array2::<u8>::zeros((1 << 40, 0));
        iterate(&mut slices);
        let mut fast = FastLife::new(Array2::zeros((1 << 40, 0)));
        fast.step();
        // Ignored if the test already gave up waiting.
        let _ = done.send([loops.dim(), slices.dim(), fast.board().dim()]);
    });
    let dims = finished
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("one generation of an empty board takes no time");
    assert_eq!(dims, [(1 << 40, 0); 3]);
}

/// The chapter's module doc says where the tutorial's `int64` board and a
/// `uint8` one part: a cell of 33 or more is needed (seven 33s and a 28 sum
/// to 259, which wraps to 3), cells of 32 are not enough (at most 256, which
/// wraps to 0). NumPy's answers hold it: each case whose `int64` board gives
/// another answer (its note says so) has a cell of 33 or more, and the
/// smallest such board is a case.
#[test]
fn int64_and_uint8_boards_part_only_from_cells_of_33() {
    let family = Family::load("life");
    let mut parted = BTreeSet::new();
    for case in &family.cases {
        let note = case.raw["note"].as_str().unwrap_or("");
        if note.contains("int64") {
            let board = Input::<u8>::decode(&case.args["board"]);
            let largest = board.view2().iter().copied().max().unwrap_or(0);
            assert!(
                largest >= 33,
                "{}: int64 differs with cells <= {largest}",
                case.id
            );
            parted.insert(case.id.split('/').nth(1).unwrap_or("").to_owned());
        }
    }
    assert!(
        parted.contains("values-33-neighbour-sum-wraps-to-3"),
        "{parted:?}"
    );
    let doc = include_str!("../../chapters-code/src/ch08_life/mod.rs");
    let words = doc.split_whitespace().filter(|&w| w != "//!");
    let doc = words.collect::<Vec<_>>().join(" ");
    assert!(
        doc.contains("the next board only from 33 on"),
        "the module doc"
    );
}
