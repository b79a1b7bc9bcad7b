//! The appendices: a NumPy → ndarray cheat sheet gathered from every chapter's table, and a
//! performance summary of every workload, both generated so that they never drift.

mod performance;
mod sweeps;
mod tables;

use crate::chapter::{Chapter, Figure, Table};

pub use performance::{
    numpy_faster, numpy_faster_list, performance_summary, performance_table,
    tuned_summary, tuned_table,
};
pub use sweeps::{
    broadcast_temporary_bytes, convolution_sweep, knn_distances_sweep,
    knn_memory, life_sweep, memory_sizes, numpy_broadcast_peaks, reciprocals_sweep,
    render_convolution_sweep, render_knn_distances_sweep, render_knn_memory,
    render_life_sweep, render_reciprocals_sweep, result_bytes,
};
pub use tables::{cheatsheet, table_rows, TABLE_HEADING};

/// What the appendices contribute to the book: the cheat sheet and the performance summary
/// (its headline table, its tuned table, the list of workloads where NumPy is faster, and
/// how cost grows with size: one log–log chart and table per size sweep, and kNN's memory).
pub const CHAPTER: Chapter = Chapter {
    slug: "appendix",
    samples: &[],
    figures: &[
        Figure::new("sweep-reciprocals.png", render_reciprocals_sweep),
        Figure::new("sweep-knn-distances.png", render_knn_distances_sweep),
        Figure::new("knn-memory.png", render_knn_memory),
        Figure::new("sweep-life.png", render_life_sweep),
        Figure::new("sweep-convolution.png", render_convolution_sweep),
    ],
    tables: &[
        Table::text("cheatsheet.md", cheatsheet),
        Table::text("performance.md", performance_summary),
        Table::text("performance-tuned.md", tuned_summary),
        Table::text("numpy-faster.md", numpy_faster),
        Table::text("sweep-reciprocals.md", reciprocals_sweep),
        Table::text("sweep-knn-distances.md", knn_distances_sweep),
        Table::measured("knn-memory.md", |measure| knn_memory(measure)),
        Table::text("sweep-life.md", life_sweep),
        Table::text("sweep-convolution.md", convolution_sweep),
    ],
};
