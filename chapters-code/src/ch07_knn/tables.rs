//! Chapter 7's generated markdown: the timings of the three k-NN steps.

use crate::benchmarks::{knn_argpartition, knn_argsort, knn_distances};
use crate::error::Result;
use crate::results::Results;

/// The k-NN benchmark tables (markdown): distances, argsort, argpartition.
pub fn knn_table() -> Result<String> {
    let results = Results::committed()?;
    let mut out = String::new();
    for group in [
        &knn_distances::GROUP,
        &knn_argsort::GROUP,
        &knn_argpartition::GROUP,
    ] {
        out += &results.table(group);
        out += "\n";
    }
    Ok(out + &results.machine_sentence() + "\n")
}
