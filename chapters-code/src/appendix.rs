//! The appendices: a NumPy → ndarray cheat sheet gathered from every chapter's table, and a
//! performance summary of every workload, both generated so that they never drift.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::results::{format_duration, Results};
use crate::samples::GeneratedOutput;

/// The generated appendix tables.
pub const GENERATED: &[GeneratedOutput] = &[
    GeneratedOutput {
        path: "src/outputs/appendix/cheatsheet.md",
        render: cheatsheet,
    },
    GeneratedOutput {
        path: "src/outputs/appendix/performance.md",
        render: performance_summary,
    },
];

/// The heading under which each chapter keeps its `NumPy | ndarray | Notes` table.
pub const TABLE_HEADING: &str = "## NumPy → ndarray";

fn book_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("src")
}

/// The chapters listed in `SUMMARY.md`, in order: (title, file name).
fn summary_chapters() -> Result<Vec<(String, String)>, String> {
    let summary = std::fs::read_to_string(book_src().join("SUMMARY.md"))
        .map_err(|e| format!("SUMMARY.md: {e}"))?;
    Ok(summary
        .lines()
        .filter_map(|line| {
            let open = line.find('[')?;
            let close = line[open..].find("](")? + open;
            let end = line[close..].find(')')? + close;
            Some((
                line[open + 1..close].to_string(),
                line[close + 2..end].to_string(),
            ))
        })
        .collect())
}

/// The body rows of a chapter's `NumPy → ndarray` table.
pub fn table_rows(markdown: &str) -> Vec<String> {
    let Some(start) = markdown.find(TABLE_HEADING) else {
        return Vec::new();
    };
    markdown[start..]
        .lines()
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // header and separator
        .map(str::to_string)
        .collect()
}

/// One table of every chapter's NumPy → ndarray rows, each linked to its chapter (by number,
/// to keep the table narrow; the link's title is the chapter's name).
pub fn cheatsheet() -> Result<String, String> {
    let mut out = String::from("| NumPy | ndarray | Notes | Ch. |\n| --- | --- | --- | --- |\n");
    let numbered = summary_chapters()?
        .into_iter()
        .filter(|(_, file)| file.starts_with("ch"));
    for (number, (title, file)) in numbered.enumerate() {
        let Ok(text) = std::fs::read_to_string(book_src().join(&file)) else {
            continue;
        };
        let title = title.replace('`', "").replace('"', "'");
        for row in table_rows(&text) {
            let cells = row.trim_end().trim_end_matches('|');
            let _ = writeln!(out, "{cells}| [{}]({file} \"{title}\") |", number + 1);
        }
    }
    Ok(out)
}

/// (group, what it computes, chapter file, NumPy baseline, Python loop, Rust answer)
type Workload = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
);

/// Every workload of the book, with the chapter's recommended Rust version.
pub const WORKLOADS: &[Workload] = &[
    (
        "reciprocals",
        "1 / x for 9,999,999 integers",
        "ch02-speed.md",
        "numpy",
        Some("python_for_loop"),
        "reciprocals",
    ),
    (
        "creation",
        "the integers 1 to 9,999,999",
        "ch02-speed.md",
        "numpy_arange",
        Some("python_list_range"),
        "array_from_iter",
    ),
    (
        "distances",
        "distances from a point to 10⁷ points",
        "ch02-speed.md",
        "numpy_broadcast",
        Some("python_list_comprehension"),
        "distances_to",
    ),
    (
        "matmul",
        "512 × 512 matrix product",
        "ch05-dot.md",
        "numpy_matmul",
        None,
        "dot",
    ),
    (
        "sinc",
        "sin(r²)/r² on a 1600 × 1600 grid",
        "ch06-meshgrid.md",
        "numpy_sparse",
        None,
        "sinc",
    ),
    (
        "knn_distances",
        "pairwise distances of 2000 points",
        "ch07-knn.md",
        "numpy_broadcast",
        None,
        "pairwise_sq_distances",
    ),
    (
        "knn_argsort",
        "argsort of 2000 rows of 2000",
        "ch07-knn.md",
        "numpy_argsort",
        None,
        "argsort_rows",
    ),
    (
        "knn_argpartition",
        "argpartition of 2000 rows, kth = 3",
        "ch07-knn.md",
        "numpy_argpartition",
        None,
        "argpartition_rows",
    ),
    (
        "life",
        "10 Life generations, 1000 × 1000 (iterate)",
        "ch08-life.md",
        "numpy_iterate",
        None,
        "iterate",
    ),
    (
        "life",
        "10 Life generations, 1000 × 1000 (one pass)",
        "ch08-life.md",
        "numpy_iterate",
        None,
        "fast",
    ),
    (
        "convolution",
        "3 × 3 convolution of 1000 × 1000, Same",
        "ch09-convolution.md",
        "scipy_convolve2d",
        None,
        "convolve2d",
    ),
    (
        "convolution",
        "the same with the ndarray-conv crate",
        "ch09-convolution.md",
        "scipy_convolve2d",
        None,
        "ndarray_conv",
    ),
];

/// One table of every workload: Python, NumPy/SciPy and Rust side by side, with the ratio.
pub fn performance_summary() -> Result<String, String> {
    let r = Results::committed().map_err(|e| e.to_string())?;
    let time = |t: Option<f64>| t.map(format_duration).unwrap_or_else(|| "–".into());
    let mut out = String::from(
        "| Workload | Python | NumPy / SciPy | Rust | Rust, huge pages | Rust vs NumPy |\n| --- | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for &(group, what, file, numpy, python, rust) in WORKLOADS {
        let numpy_t = r.get(group, "python", numpy);
        let python_t = python.and_then(|v| r.get(group, "python", v));
        let rust_t = r.get(group, "rust", rust);
        let rust_thp = r.get(group, "rust+thp", rust);
        let best = match (rust_t, rust_thp) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let ratio = match (numpy_t, best) {
            (Some(n), Some(b)) if b <= n => format!("**{:.1}× faster**", n / b),
            (Some(n), Some(b)) => format!("{:.1}× slower", b / n),
            _ => "–".into(),
        };
        let _ = writeln!(
            out,
            "| [{what}]({file}) (`{rust}`) | {} | {} | {} | {} | {ratio} |",
            time(python_t),
            time(numpy_t),
            time(rust_t),
            time(rust_thp)
        );
    }
    Ok(out + "\n" + &r.machine_sentence() + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_are_found_under_the_heading() {
        let md = "# C\n\ntext\n\n## NumPy → ndarray\n\n| NumPy | ndarray | Notes |\n| --- | --- | --- |\n| `a` | `b` | c |\n| `d` | `e` | |\n\n## Exercises\n| x |\n";
        assert_eq!(
            table_rows(md),
            vec![
                "| `a` | `b` | c |".to_string(),
                "| `d` | `e` | |".to_string()
            ]
        );
        assert!(table_rows("no table").is_empty());
    }

    #[test]
    fn every_chapter_contributes_to_the_cheatsheet() {
        let sheet = cheatsheet().expect("the book's sources are readable");
        for (_, file) in summary_chapters().expect("SUMMARY.md") {
            if file.starts_with("ch") {
                assert!(
                    sheet.contains(&format!("]({file} ")),
                    "{file} has no NumPy → ndarray table"
                );
            }
        }
    }
}
