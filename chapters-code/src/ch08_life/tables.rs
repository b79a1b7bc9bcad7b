//! Chapter 8's generated markdown: the Game of Life timings, and what one
//! generation allocates.

use std::hint::black_box;

use super::{iterate, iterate_loops, FastLife};
use crate::benchmarks::life;
use crate::benchmarks::Side;
use crate::chapter::Measure;
use crate::error::Result;
use crate::random::RandomState;
use crate::results::{timing_table, Results};

/// The Game of Life benchmark table (markdown).
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`]).
pub fn life_table() -> Result<String> {
    timing_table(&life::GROUP)
}

/// The loops against NumPy on a board of the same element type, as a sentence: when the
/// loops are slower, it says so as the chapter's lesson ("compiled is not the same as fast").
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`]).
pub fn loops_vs_numpy() -> Result<String> {
    Ok(loops_vs_numpy_in(&Results::committed()?))
}

/// [`loops_vs_numpy`]'s sentence, from the timings of `results`.
fn loops_vs_numpy_in(results: &Results) -> String {
    let (what, than) = (
        "`iterate_loops` on a `u8` board",
        "NumPy's `iterate` on a `uint8` board",
    );
    let loops = results.timing_of(&life::ITERATE_LOOPS, Side::Rust);
    let numpy = results.timing_of(&life::NUMPY_ITERATE_UINT8, Side::Python);
    // Only timings of one machine are compared, as in the tables.
    match loops.and_then(|t| results.compare(t, numpy)) {
        Some(ratio) if !ratio.faster && !ratio.is_tie() => format!(
            "{what} is {}: compiled is not the same as fast.",
            ratio.than(than)
        ),
        Some(ratio) => format!("{what} is {}.", ratio.than(than)),
        None => format!(
            "{what} against {than}: not measured yet{}.",
            results.same_machine_clause(loops, numpy)
        ),
    }
}

/// What one generation of a 1000 × 1000 board allocates, for each version,
/// measured with `measure` (a counting allocator).
///
/// # Panics
/// If the allocation counts stop being what the chapter says: 1 for the
/// loops (a copy of the board), 3 for the slices (the neighbour count and
/// two masks), 0 for `FastLife::step`.
pub fn life_allocations(measure: Measure<'_>) -> String {
    let board = RandomState::new(42).choice_binary(1000, 1000);
    let mut z = board.clone();
    let loops = measure(&mut || iterate_loops(black_box(&mut z)));
    let mut z = board.clone();
    let slices = measure(&mut || iterate(black_box(&mut z)));
    let mut fast = FastLife::new(board);
    fast.step(); // the first step allocates nothing either; measure a later one
    let one_pass = measure(&mut || black_box(&mut fast).step());
    // What the chapter says: a copy of the board; the neighbour count and two
    // masks; nothing.
    assert_eq!([loops, slices, one_pass].map(|u| u.allocations), [1, 3, 0]);
    let mut out = String::from(
        "| One generation, 1000 × 1000 | Allocations | Peak heap |\n\
         | --- | ---: | ---: |\n",
    );
    for (label, used) in [
        ("`iterate_loops` (loops)", loops),
        ("`iterate` (slices)", slices),
        ("`FastLife::step` (one pass)", one_pass),
    ] {
        out += &format!(
            "| {label} | {} | {:.2}\u{a0}MB |\n",
            used.allocations,
            used.peak_bytes as f64 / 1e6
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::benchmarks::{Series, Workload};
    use crate::results::{Run, Timing};

    const LOOPS: &str = "`iterate_loops` on a `u8` board";
    const NUMPY: &str = "NumPy's `iterate` on a `uint8` board";

    /// A timing of `workload` on `side` in `run`, its median with quartiles 1 % either
    /// side, or `iqr` (q1, q3) when given.
    fn timing(
        workload: &Workload,
        side: Side,
        median: f64,
        iqr: Option<(f64, f64)>,
        run: u32,
    ) -> Timing {
        let series = Series {
            group: workload.group,
            side,
            variant: workload.variant,
            size: None,
        };
        let iqr = iqr.unwrap_or((median * 0.99, median * 1.01));
        crate::results::test_timing(series, median, iqr, run)
    }

    fn run(id: u32, cpu: &str) -> Run {
        Run {
            id,
            facts: vec![
                ("cpu".to_string(), cpu.to_string()),
                ("cores".to_string(), "2".to_string()),
                ("cpu features".to_string(), "avx2".to_string()),
            ],
        }
    }

    /// The sentence for the loops' timing against NumPy's, in results whose runs 1 and 2
    /// were measured on two different machines.
    fn sentence(loops: Timing, numpy: Timing) -> String {
        loops_vs_numpy_in(&Results {
            runs: vec![run(1, "Test CPU"), run(2, "Another CPU")],
            timings: vec![loops, numpy],
        })
    }

    fn loops(median: f64, iqr: Option<(f64, f64)>) -> Timing {
        timing(&life::ITERATE_LOOPS, Side::Rust, median, iqr, 1)
    }

    fn numpy(median: f64, iqr: Option<(f64, f64)>) -> Timing {
        timing(&life::NUMPY_ITERATE_UINT8, Side::Python, median, iqr, 1)
    }

    /// "How fast?" says which row is the tutorial's own `int64` board and
    /// what the `FastLife` row includes: the table must put them there.
    #[test]
    fn the_prose_names_the_rows_of_the_life_table() {
        let table = life_table().expect("the committed timings");
        let rows: Vec<&str> = table.lines().skip(2).take_while(|l| l.starts_with('|')).collect();
        assert!(rows[0].contains("(the tutorial's), `int64` board"), "{}", rows[0]);
        let fast: Vec<&&str> = rows.iter().filter(|r| r.contains("FastLife")).collect();
        assert_eq!(fast.len(), 1, "the page says the `FastLife` row: {fast:?}");
        for said in [
            "The tutorial's own `int64` board is the first row.",
            "the `FastLife` row also includes `FastLife::new`",
        ] {
            crate::chapter::assert_page_says("ch08-life.md", said);
        }
    }

    #[test]
    fn slower_loops_teach_the_lesson() {
        assert_eq!(
            sentence(loops(0.31, None), numpy(0.1, None)),
            format!(
                "{LOOPS} is 3.1×\u{a0}slower than {NUMPY}: compiled is not the \
                 same as fast."
            )
        );
    }

    #[test]
    fn faster_loops_say_so_without_the_lesson() {
        assert_eq!(
            sentence(loops(0.05, None), numpy(0.1, None)),
            format!("{LOOPS} is 2.0×\u{a0}faster than {NUMPY}.")
        );
    }

    #[test]
    fn a_tie_to_one_decimal_is_level() {
        // 1.04× slower by the medians, with IQRs that do not overlap: a tie as printed.
        assert_eq!(
            sentence(
                loops(0.104, Some((0.1035, 0.1045))),
                numpy(0.1, Some((0.0995, 0.1005)))
            ),
            format!("{LOOPS} is level with {NUMPY}.")
        );
    }

    #[test]
    fn overlapping_spreads_are_level_with_what_the_medians_say() {
        // 1.2× slower by the medians, but the middle halves of the samples overlap.
        assert_eq!(
            sentence(
                loops(0.12, Some((0.09, 0.13))),
                numpy(0.1, Some((0.08, 0.125)))
            ),
            format!(
                "{LOOPS} is level with {NUMPY} within the spread of the timings \
                 (the medians say 1.2×\u{a0}slower)."
            )
        );
    }

    #[test]
    fn missing_or_incomparable_timings_are_not_measured_yet() {
        let not_yet = format!("{LOOPS} against {NUMPY}: not measured yet.");
        assert_eq!(loops_vs_numpy_in(&Results::default()), not_yet);
        // Both measured, on two machines: measured, but not against each other.
        let other_machine =
            timing(&life::NUMPY_ITERATE_UINT8, Side::Python, 0.1, None, 2);
        assert_eq!(
            sentence(loops(0.31, None), other_machine),
            format!("{LOOPS} against {NUMPY}: not measured yet on the same machine.")
        );
        // One side alone, whatever machine measured it: not measured yet.
        let loops_alone = Results {
            runs: vec![run(1, "Test CPU")],
            timings: vec![loops(0.31, None)],
        };
        assert_eq!(loops_vs_numpy_in(&loops_alone), not_yet);
    }
}
