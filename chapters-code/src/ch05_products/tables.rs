//! Chapter 5's generated markdown: the matrix product timings, and the
//! comparisons its prose quotes, from `results/benchmarks.csv`.

use crate::benchmarks::{matmul, Side, Workload};
use crate::error::Result;
use crate::results::{timing_table, Ratio, Results};

/// The 512 × 512 matrix product timings (markdown).
pub fn matmul_table() -> Result<String> {
    timing_table(&matmul::GROUP)
}

/// The 2048 × 2048 matrix product timings (markdown).
pub fn matmul_2048_table() -> Result<String> {
    timing_table(&matmul::GROUP_2048)
}

/// How `workload` compares with `reference` in the committed results:
/// "1.2× slower", or "not measured yet". A phrase for a sentence: no
/// trailing newline.
fn compare(workload: &Workload, reference: &Workload) -> Result<String> {
    let results = Results::committed()?;
    let time = |w: &Workload| {
        let side = if w.python { Side::Python } else { Side::Rust };
        results.time(w, side)
    };
    Ok(Ratio::describe(
        time(workload),
        time(reference),
        "not measured yet",
    ))
}

/// `fast_matmul` against NumPy, one thread each, 2048 × 2048.
pub fn fast_vs_numpy() -> Result<String> {
    compare(&matmul::FAST_MATMUL_2048, &matmul::NUMPY_MATMUL_2048)
}

/// ndarray's `dot` against NumPy, one thread each, 2048 × 2048.
pub fn dot_vs_numpy() -> Result<String> {
    compare(&matmul::DOT_2048, &matmul::NUMPY_MATMUL_2048)
}

/// `fast_matmul` against ndarray's `dot`, 2048 × 2048.
pub fn fast_vs_dot() -> Result<String> {
    compare(&matmul::FAST_MATMUL_2048, &matmul::DOT_2048)
}

/// `fast_matmul` against NumPy, one thread each, 512 × 512.
pub fn fast_vs_numpy_512() -> Result<String> {
    compare(&matmul::FAST_MATMUL, &matmul::NUMPY_MATMUL)
}

/// `fast_matmul_par` against NumPy on all cores, 2048 × 2048.
pub fn par_vs_numpy_all_cores() -> Result<String> {
    compare(
        &matmul::FAST_MATMUL_PAR_2048,
        &matmul::NUMPY_MATMUL_ALL_CORES_2048,
    )
}

/// `fast_matmul_par` against NumPy on one thread, 2048 × 2048.
pub fn par_vs_numpy() -> Result<String> {
    compare(&matmul::FAST_MATMUL_PAR_2048, &matmul::NUMPY_MATMUL_2048)
}
