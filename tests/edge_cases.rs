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
#[path = "edge_cases/products.rs"]
mod products;
#[path = "edge_cases/random.rs"]
mod random;
#[path = "edge_cases/speed.rs"]
mod speed;
