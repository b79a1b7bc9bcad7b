//! Everything the book's code blocks use, in one import: each block starts with the two hidden
//! lines `# extern crate chapters_code;` and `# use chapters_code::prelude::*;`.
//!
//! It brings `ndarray` itself (so `ndarray::…` paths work without a second `extern crate`) and
//! its prelude, the few other names the samples use, and every public item of every chapter.
//!
//! Where NumPy's `np.sin` and `np.sqrt` take an integer array (and pick a float type from its
//! width: chapter 6's and chapter 1's tables), ndarray's `sin` and `sqrt` take floats only, so
//! an integer array is converted first; without `mapv`, the same lines do not compile:
//!
//! ```
//! use chapters_code::prelude::*;
//! let ints = Array1::<i64>::from(vec![1, 4, 9]);
//! assert_eq!(ints.mapv(|v| v as f64).sqrt(), array![1.0, 2.0, 3.0]);
//! ```
//!
//! ```compile_fail
//! use chapters_code::prelude::*;
//! let ints = Array1::<i64>::from(vec![1, 4, 9]);
//! assert_eq!(ints.sqrt(), array![1.0, 2.0, 3.0]);
//! ```

pub use ndarray;
pub use ndarray::linalg::general_mat_mul;
pub use ndarray::prelude::*;
pub use ndarray::{Data, IntoDimension, LinalgScalar, MeshIndex, Zip};
pub use ndarray_conv;
pub use ndarray_rand;
pub use rand;
pub use rand_mt::{self, Mt};
pub use rand_pcg;
pub use std::cmp::Ordering;
pub use std::fmt;

pub use crate::allocation::{
    advise_huge_pages, checked_bytes, ensure_allocatable,
    ensure_allocatable_like_numpy, ensure_allocatable_together,
    ensure_shape_like_numpy, range_len, vec_with_capacity,
};
pub use crate::random::RandomState;

// Every public item of every chapter (lib.rs's catalog gathers them).
pub use crate::chapter_items::*;

/// Chapter 2's points; chapter 7's sample of the same name is defined in its own block.
pub use crate::speed::tutorial_points;
