//! The appendices: a NumPy → ndarray cheat sheet gathered from every chapter's table, and a
//! performance summary of every workload, both generated so that they never drift.

mod performance;
mod tables;

use crate::chapter::{Chapter, Table};

pub use performance::{
    numpy_faster, numpy_faster_list, performance_summary, performance_table,
    tuned_summary, tuned_table,
};
pub use tables::{cheatsheet, table_rows, TABLE_HEADING};

/// What the appendices contribute to the book: the cheat sheet and the performance summary
/// (its headline table, its tuned table and the list of workloads where NumPy is faster).
pub const CHAPTER: Chapter = Chapter {
    slug: "appendix",
    samples: &[],
    figures: &[],
    tables: &[
        Table::text("cheatsheet.md", cheatsheet),
        Table::text("performance.md", performance_summary),
        Table::text("performance-tuned.md", tuned_summary),
        Table::text("numpy-faster.md", numpy_faster),
    ],
};
