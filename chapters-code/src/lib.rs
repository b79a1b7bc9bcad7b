//! The companion crate of *NumPy Tricks in Rust*.
//!
//! Every code sample of the book lives in this crate, one module per chapter, between
//! `// ANCHOR: name` / `// ANCHOR_END: name` comments that the book includes. Each sample is a
//! plain function registered in [`samples::all`]: the test suite runs every one of them and
//! compares what it prints with the output the book shows, and `mdbook test` compiles and runs
//! the very same lines again as part of the book.
//!
//! The binary of this crate (`cargo run --release` at the repository root) regenerates every
//! figure in `images/` and every printed output in `src/outputs/`.

pub mod appendix;
pub mod benchmarks;
pub mod broadcasting;
pub mod chapter;
pub mod convolution;
pub mod error;
pub mod figures;
pub mod introduction;
pub mod knn;
pub mod life;
pub mod memory;
pub mod meshgrid;
pub mod newaxis;
pub mod products;
pub mod random;
pub mod results;
pub mod samples;
pub mod speed;
