//! The companion crate of *NumPy Tricks in Rust*.
//!
//! Every code sample of the book lives in this crate, one module per chapter (`introduction`,
//! `memory`, `speed`, …, in the folders `introduction/`, `ch01_memory/`, `ch02_speed/`, … in
//! reading order), between `// ANCHOR: name` / `// ANCHOR_END: name` comments that the book
//! includes. Each chapter module declares what it contributes to the book as one
//! [`Chapter`](chapter::Chapter) value, and [`book::CHAPTERS`] lists them: the test suite
//! runs every sample and compares what it prints with the output the book shows, and
//! `mdbook test` compiles and runs the very same lines again as part of the book.
//!
//! The lower modules — [`error`], [`chapter`], [`figures`], [`results`], [`benchmarks`] and
//! [`random`] — never use a chapter. The binary of this crate (`cargo run --release` at the
//! repository root) regenerates every figure in `images/` and every output in `src/outputs/`.

// The lower modules: machinery that every chapter may use, and that uses no chapter.
pub mod benchmarks;
pub mod chapter;
pub mod error;
pub mod figures;
pub mod random;
pub mod results;

// The chapters (`book::CHAPTERS` lists them in reading order).
pub mod appendix;
pub mod ch01_memory;
pub mod ch02_speed;
pub mod ch03_broadcasting;
pub mod ch04_newaxis;
pub mod ch05_products;
pub mod ch06_meshgrid;
pub mod ch07_knn;
pub mod ch08_life;
pub mod ch09_convolution;
pub mod introduction;

// The top: the catalog of chapters, and the one import of the book's code blocks.
pub mod book;
pub mod prelude;

// Each chapter's public name, the one the book and its readers use.
pub use ch01_memory as memory;
pub use ch02_speed as speed;
pub use ch03_broadcasting as broadcasting;
pub use ch04_newaxis as newaxis;
pub use ch05_products as products;
pub use ch06_meshgrid as meshgrid;
pub use ch07_knn as knn;
pub use ch08_life as life;
pub use ch09_convolution as convolution;

pub use error::{Error, Result};
