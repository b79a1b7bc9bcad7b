//! Every public function of `chapters_code` against NumPy/SciPy at the edges: empty arrays,
//! 1×1, transposed and negative-stride views, NaN and ±inf, extreme integers, out-of-range
//! arguments. The answers are committed test data (`python/outputs/edge-cases/*.json`,
//! written by `python/edge_cases.py`; see its docstring for the format), so no Python runs.
//!
//! One module per family, in `tests/edge_cases/`, owned by the chapter's editor. Each reads
//! its file with [`Family::load`], runs every case, and fails with the list of every case that
//! differs. A case whose function is not handled is a failure too, so new data cannot be
//! skipped silently.

mod support;

#[path = "edge_cases/harness.rs"]
mod harness;

#[path = "edge_cases/allocation.rs"]
mod allocation;
#[path = "edge_cases/broadcasting.rs"]
mod broadcasting;
#[path = "edge_cases/convolution.rs"]
mod convolution;
#[path = "edge_cases/knn.rs"]
mod knn;
#[path = "edge_cases/life.rs"]
mod life;
#[path = "edge_cases/memory.rs"]
mod memory;
#[path = "edge_cases/meshgrid.rs"]
mod meshgrid;
#[path = "edge_cases/ndarray_notes.rs"]
mod ndarray_notes;
#[path = "edge_cases/newaxis.rs"]
mod newaxis;
#[path = "edge_cases/printing.rs"]
mod printing;
#[path = "edge_cases/products.rs"]
mod products;
#[path = "edge_cases/random.rs"]
mod random;
#[path = "edge_cases/speed.rs"]
mod speed;
#[path = "edge_cases/statistics.rs"]
mod statistics;

/// The arithmetic this run's build of the crate has: `"checked"` (integer overflow panics and
/// debug assertions are on, as in `cargo test`'s dev profile), `"wrapping"` (neither, as in a
/// release build), or `"mixed"`.
fn arithmetic() -> &'static str {
    let overflow_panics = std::panic::catch_unwind(|| {
        std::hint::black_box(u8::MAX) + std::hint::black_box(1)
    })
    .is_err();
    match (overflow_panics, cfg!(debug_assertions)) {
        (true, true) => "checked",
        (false, false) => "wrapping",
        _ => "mixed",
    }
}

/// `./test.sh` runs these cases twice, with the dev profile's checked arithmetic and, through
/// `scripts/edge-cases-release-arithmetic.sh`, with a release build's wrapping one, and each
/// says which it asked for in `BOOK_EDGE_ARITHMETIC`. A cargo configuration file, which test.sh
/// cannot drop as it drops environment variables (`[profile.dev] overflow-checks = false` in
/// `~/.cargo/config.toml` or in a `.cargo/config.toml` of a folder above the checkout), made
/// both runs wrap and pass; it fails here instead. A plain `cargo test` asks for nothing.
#[test]
fn the_run_has_the_arithmetic_its_script_asked_for() {
    if let Some(asked) = std::env::var_os("BOOK_EDGE_ARITHMETIC") {
        assert_eq!(
            arithmetic(),
            asked,
            "BOOK_EDGE_ARITHMETIC={asked:?}, but this build's arithmetic is another: is \
             overflow-checks or debug-assertions set in a cargo config file (cargo reads \
             ~/.cargo/config.toml and .cargo/config.toml in every folder above this one)?"
        );
    }
}
