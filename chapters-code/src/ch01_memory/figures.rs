//! Chapter 1's figure: bytes per element, NumPy/CPython and Rust side by side.

use std::path::Path;

use crate::error::{Context, Result};
use crate::figures::bars::{draw_bars, Bar, BarChart};
use crate::figures::palette;

/// The NumPy/CPython facts measured by `python/ch01_memory.py`, as committed.
const PYTHON_FACTS: &str = include_str!("../../../python/outputs/ch01-memory/facts.txt");

/// Looks up one number of [`PYTHON_FACTS`].
fn python_fact(key: &str) -> Result<f64> {
    PYTHON_FACTS
        .lines()
        .filter_map(|line| line.split_once(' '))
        .find(|(k, _)| *k == key)
        .and_then(|(_, v)| v.trim().parse().ok())
        .context(format!(
            "python/outputs/ch01-memory/facts.txt has no number {key:?}"
        ))
}

/// Bytes per element of each representation, NumPy/CPython and Rust side by side.
pub fn render_bytes_per_element(path: &Path) -> Result<()> {
    let n = python_fact("elements")?;
    let (python, numpy, rust) = (palette::CPYTHON, palette::NUMPY, palette::RUST);
    let bars = vec![
        Bar::new(
            "Python list of int (all counted)",
            python_fact("list_traced_bytes")? / n,
            python,
        ),
        Bar::new(
            "Python list, sys.getsizeof only",
            python_fact("list_getsizeof_bytes")? / n,
            python,
        ),
        Bar::new("NumPy int64 array", python_fact("array_nbytes")? / n, numpy),
        Bar::new(
            "Rust Vec<Box<i64>>",
            (size_of::<Box<i64>>() + size_of::<i64>()) as f64,
            rust,
        ),
        Bar::new("Rust Vec<i64> / Array1<i64>", size_of::<i64>() as f64, rust),
        Bar::new(
            "NumPy \"mixed\" array <U21",
            python_fact("mixed_nbytes")? / n,
            numpy,
        ),
        Bar::new("NumPy strings <U6", python_fact("str_nbytes")? / n, numpy),
        Bar::new("Rust Array1<[u8; 6]>", size_of::<[u8; 6]>() as f64, rust),
    ];
    draw_bars(
        path,
        &BarChart {
            title: "Bytes per element, one million elements",
            axis_label: "bytes per element",
            log_scale: false,
            value_format: |v| format!("{v:.1}"),
            legend: &[("CPython", python), ("NumPy", numpy), ("Rust", rust)],
        },
        &bars,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_facts_are_complete() {
        for key in [
            "elements",
            "list_traced_bytes",
            "list_getsizeof_bytes",
            "array_nbytes",
        ] {
            assert!(python_fact(key).is_ok(), "{key}");
        }
        assert!(python_fact("nope").is_err());
    }
}
