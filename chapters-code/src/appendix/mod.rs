//! The appendices: a NumPy → ndarray cheat sheet gathered from every chapter's table, and a
//! performance summary of every workload, both generated so that they never drift.

mod tables;

use crate::chapter::{Chapter, Table};

pub use tables::{cheatsheet, performance_summary, table_rows, TABLE_HEADING};

/// What the appendices contribute to the book: two generated tables.
pub const CHAPTER: Chapter = Chapter {
    slug: "appendix",
    samples: &[],
    figures: &[],
    tables: &[
        Table::text("cheatsheet.md", cheatsheet),
        Table::text("performance.md", performance_summary),
    ],
};
