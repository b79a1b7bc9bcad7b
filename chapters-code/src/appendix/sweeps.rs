//! "How cost grows with size": the size sweeps of the registry
//! ([`crate::benchmarks::SWEEPS`]) as log–log charts and tables from the results file, and
//! the memory the tutorial's broadcast kNN needs against N.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use crate::benchmarks::{sweeps, Sweep};
use crate::chapter::HeapUse;
use crate::error::{Context, Error, Result};
use crate::figures::palette;
use crate::figures::sweep::{
    draw_log_log, draw_sweep, format_bytes, sweep_lines, Line, LogLogChart,
    Point,
};
use crate::ch07_knn::{
    pairwise_sq_distances, pairwise_sq_distances_broadcast,
};
use crate::random::RandomState;
use crate::results::{format_size, Results, Timing};

/// The sweep's table (every point of every line), what it shows in words, and the machine
/// it was measured on.
fn sweep_text(sweep: &Sweep) -> Result<String> {
    let results = Results::committed()?;
    let timings: Vec<&Timing> = results
        .timings
        .iter()
        .filter(|t| t.series.group == sweep.group)
        .collect();
    Ok(format!(
        "{}\n{}\n{}\n",
        results.sweep_table(sweep),
        results.sweep_findings(sweep),
        results.machine_note(timings)
    ))
}

/// Chapter 2's reciprocals against n: the table.
///
/// # Errors
///
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn reciprocals_sweep() -> Result<String> {
    sweep_text(&sweeps::RECIPROCALS)
}

/// Chapter 7's pairwise distances against N: the table.
///
/// # Errors
///
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn knn_distances_sweep() -> Result<String> {
    sweep_text(&sweeps::KNN_DISTANCES)
}

/// Chapter 8's Life against the board's side: the table.
///
/// # Errors
///
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn life_sweep() -> Result<String> {
    sweep_text(&sweeps::LIFE)
}

/// Chapter 9's convolution against the image's side: the table.
///
/// # Errors
///
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn convolution_sweep() -> Result<String> {
    sweep_text(&sweeps::CONVOLUTION)
}

/// Chapter 2's reciprocals against n: the chart.
///
/// # Errors
///
/// When `results/benchmarks.csv` exists but cannot be read or parsed, or the PNG file
/// cannot be drawn or written.
pub fn render_reciprocals_sweep(path: &Path) -> Result<()> {
    draw_sweep(path, &sweeps::RECIPROCALS)
}

/// Chapter 7's pairwise distances against N: the chart.
///
/// # Errors
///
/// When `results/benchmarks.csv` exists but cannot be read or parsed, or the PNG file
/// cannot be drawn or written.
pub fn render_knn_distances_sweep(path: &Path) -> Result<()> {
    draw_sweep(path, &sweeps::KNN_DISTANCES)
}

/// Chapter 8's Life against the board's side: the chart.
///
/// # Errors
///
/// When `results/benchmarks.csv` exists but cannot be read or parsed, or the PNG file
/// cannot be drawn or written.
pub fn render_life_sweep(path: &Path) -> Result<()> {
    draw_sweep(path, &sweeps::LIFE)
}

/// Chapter 9's convolution against the image's side: the chart.
///
/// # Errors
///
/// When `results/benchmarks.csv` exists but cannot be read or parsed, or the PNG file
/// cannot be drawn or written.
pub fn render_convolution_sweep(path: &Path) -> Result<()> {
    draw_sweep(path, &sweeps::CONVOLUTION)
}

/// The numbers of points the memory chart and table show: the kNN sweep's sizes.
pub fn memory_sizes() -> &'static [u64] {
    sweeps::KNN_DISTANCES.sizes
}

/// Bytes of an `f64` array whose shape is `shape`.
///
/// # Panics
/// If the count overflows `u64` (no array that large exists; NumPy: "array is too big").
fn f64_bytes(function: &str, shape: &[u64]) -> u64 {
    shape
        .iter()
        .try_fold(size_of::<f64>() as u64, |bytes, &n| bytes.checked_mul(n))
        .unwrap_or_else(|| panic!("{function}: {shape:?} f64s are more bytes than a u64 counts"))
}

/// The tutorial's `(N, N, d)` temporary, `X[:, np.newaxis, :] - X[np.newaxis, :, :]`, for
/// N points in the plane (d = 2): its size in bytes follows from its shape.
///
/// # Panics
/// If the size overflows `u64` (N ≥ 2^30), in every build profile.
pub fn broadcast_temporary_bytes(n: u64) -> u64 {
    f64_bytes("broadcast_temporary_bytes", &[n, n, 2])
}

/// The `(N, N)` result every version returns.
///
/// # Panics
/// If the size overflows `u64` (N ≥ 2^30.5), in every build profile.
pub fn result_bytes(n: u64) -> u64 {
    f64_bytes("result_bytes", &[n, n])
}

/// Where `python/ch07_knn.py` writes the peak heap of the tutorial's broadcast expression for
/// each N of the memory chart, measured with tracemalloc: "N peak_bytes" per line.
pub const NUMPY_PEAKS_PATH: &str =
    "python/outputs/ch07-knn/broadcast_memory_sweep.txt";

const NUMPY_PEAKS: &str =
    include_str!("../../../python/outputs/ch07-knn/broadcast_memory_sweep.txt");

/// NumPy's peak heap for the tutorial's broadcast expression, `(N, peak bytes)` for each N of
/// [`memory_sizes`], as `python/ch07_knn.py` measured it (`NUMPY_PEAKS_PATH`).
///
/// # Errors
/// A line that is not two whole numbers, or sizes other than [`memory_sizes`]: the error
/// names the file and the line.
pub fn numpy_broadcast_peaks() -> Result<Vec<(u64, u64)>> {
    parse_peaks(NUMPY_PEAKS)
}

fn parse_peaks(text: &str) -> Result<Vec<(u64, u64)>> {
    let mut peaks = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let parsed = match fields.as_slice() {
            [n, peak] => n.parse::<u64>().ok().zip(peak.parse::<u64>().ok()),
            _ => None,
        };
        let Some(pair) = parsed else {
            return Err(Error::msg(format!(
                "{NUMPY_PEAKS_PATH} line {}: expected `N peak_bytes`, found {line:?}",
                i + 1
            )));
        };
        peaks.push(pair);
    }
    let sizes: Vec<u64> = peaks.iter().map(|&(n, _)| n).collect();
    if sizes != memory_sizes() {
        return Err(Error::msg(format!(
            "{NUMPY_PEAKS_PATH}: sizes {sizes:?}, but the chart's are {:?} (run \
             scripts/numpy-outputs.sh ch07)",
            memory_sizes()
        )));
    }
    Ok(peaks)
}

/// The memory of all pairwise squared distances for each N, as a table: NumPy's peak heap
/// for the tutorial's broadcast expression (measured by tracemalloc) and its `(N, N, 2)`
/// temporary, next to the peak heap of chapter 7's two Rust versions, measured: the
/// broadcast translation holds the differences, their squares and the result at once; the
/// loop allocates the result and nothing else.
///
/// # Errors
///
/// If NumPy's measurements do not read ([`numpy_broadcast_peaks`]).
///
/// # Panics
///
/// If a measured Rust peak stops matching its formula (the chart draws these formulas), so
/// that a change to chapter 7's code cannot leave the chart and table wrong.
pub fn knn_memory(measure: impl Fn(&mut dyn FnMut()) -> HeapUse) -> Result<String> {
    let numpy = numpy_broadcast_peaks()?;
    let mut out = String::from(
        "| N, points | NumPy broadcast, peak heap | its (N, N, 2) temporary | Rust broadcast, peak heap | Rust `pairwise_sq_distances`, peak heap |\n| ---: | ---: | ---: | ---: | ---: |\n",
    );
    for (&n, &(_, numpy_peak)) in memory_sizes().iter().zip(&numpy) {
        let points = RandomState::new(42).rand(n as usize, 2);
        let broadcast = measure(&mut || {
            drop(black_box(pairwise_sq_distances_broadcast(points.view())))
        });
        let looped = measure(&mut || {
            drop(black_box(pairwise_sq_distances(points.view())))
        });
        let temporary = broadcast_temporary_bytes(n);
        assert_eq!(
            broadcast.peak_bytes,
            2 * temporary + result_bytes(n),
            "N = {n}: the broadcast version holds the differences, their squares and the result"
        );
        assert_eq!(
            looped.peak_bytes,
            result_bytes(n),
            "N = {n}: pairwise_sq_distances allocates its result only"
        );
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            format_size(n),
            format_bytes(numpy_peak as f64),
            format_bytes(temporary as f64),
            format_bytes(broadcast.peak_bytes as f64),
            format_bytes(looped.peak_bytes as f64),
        );
    }
    Ok(out)
}

/// Memory against N, on log–log axes: NumPy's peak heap for the tutorial's broadcast
/// expression (measured) and its `(N, N, 2)` temporary, the peak heap of chapter 7's
/// broadcast translation, and of `pairwise_sq_distances`, which allocates only its result
/// (both measured and asserted by [`knn_memory`]).
///
/// # Errors
///
/// If NumPy's measurements do not read ([`numpy_broadcast_peaks`]), or the PNG file cannot
/// be drawn or written.
pub fn render_knn_memory(path: &Path) -> Result<()> {
    // (N, bytes) for every N of the chart: NumPy's measured, the rest by formula.
    let each = |bytes: fn(u64) -> u64| -> Vec<(u64, u64)> {
        memory_sizes().iter().map(|&n| (n, bytes(n))).collect()
    };
    let line = |label: &str, color, dashed, values: Vec<(u64, u64)>| Line {
        label: label.to_string(),
        color,
        dashed,
        points: values
            .into_iter()
            .map(|(n, bytes)| Point {
                x: n as f64,
                y: bytes as f64,
                spread: None,
            })
            .collect(),
    };
    // The two Rust functions keep the colours of their lines in the timing
    // sweep (Figure B-2), and are solid like them: dashed lines there are
    // tuned configurations.
    let timing = sweep_lines(&sweeps::KNN_DISTANCES, &Results::default());
    let sweep_colour = |label: &str| {
        timing
            .iter()
            .find(|l| l.label == label)
            .map(|l| l.color)
            .context(format!("the pairwise distances sweep has no line {label:?}"))
    };
    draw_log_log(
        path,
        &LogLogChart {
            title: "Memory of all pairwise squared distances of N points",
            x_label: "N, points",
            y_label: "bytes (log scale)",
            y_format: format_bytes,
        },
        &[
            line(
                "NumPy, the tutorial's broadcast, peak heap (tracemalloc)",
                palette::NUMPY,
                false,
                numpy_broadcast_peaks()?,
            ),
            line(
                "its (N, N, 2) temporary",
                palette::NUMPY,
                true,
                each(broadcast_temporary_bytes),
            ),
            line(
                "Rust pairwise_sq_distances_broadcast, peak heap",
                sweep_colour("Rust pairwise_sq_distances_broadcast")?,
                false,
                each(|n| 2 * broadcast_temporary_bytes(n) + result_bytes(n)),
            ),
            line(
                "Rust pairwise_sq_distances, peak heap = the (N, N) result",
                sweep_colour("Rust pairwise_sq_distances")?,
                false,
                each(result_bytes),
            ),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_formulas_follow_the_shapes() {
        assert_eq!(broadcast_temporary_bytes(2000), 64_000_000);
        assert_eq!(result_bytes(2000), 32_000_000);
        assert_eq!(memory_sizes().last(), Some(&2000));
        // The largest N whose bytes a u64 counts, and the first it cannot: a panic in every
        // build profile (release used to wrap around to 0).
        assert_eq!(broadcast_temporary_bytes((1 << 30) - 1), 16 * ((1u64 << 30) - 1).pow(2));
        for too_many in [1 << 30, 1 << 32, 3_037_000_500] {
            assert!(std::panic::catch_unwind(|| broadcast_temporary_bytes(too_many)).is_err());
            assert!(std::panic::catch_unwind(|| result_bytes(too_many * 2)).is_err());
        }
    }

    #[test]
    fn numpy_peaks_read_with_the_chart_sizes_or_say_which_line_is_wrong() {
        let peaks = numpy_broadcast_peaks().expect("the committed file reads");
        assert_eq!(peaks.len(), memory_sizes().len());
        let error = parse_peaks("10 6296\n30 4.5e4\n").unwrap_err().to_string();
        assert!(error.contains("broadcast_memory_sweep.txt line 2"), "{error}");
        let error = parse_peaks("10 6296\n").unwrap_err().to_string();
        assert!(error.contains("sizes [10]"), "{error}");
    }

    #[test]
    fn a_sweep_without_timings_says_not_measured_yet() {
        let results = Results::default();
        let table = results.sweep_table(&sweeps::LIFE);
        assert!(table.contains("| 1,000 | not measured yet |"), "{table}");
    }

    /// The captions of Figures B-1, B-2, B-4 and B-5 name the first and last
    /// sizes their sweeps measure (typed in the page, checked here).
    #[test]
    fn the_sweep_captions_name_the_sweeps_sizes() {
        let ends = |sweep: &Sweep| {
            let first = sweep.sizes.first().expect("a size");
            let last = sweep.sizes.last().expect("a size");
            (*first, *last)
        };
        let (f, l) = ends(&sweeps::RECIPROCALS);
        let b1 = format!("from {f} integers to the tutorial's {}.", format_size(l));
        let (f, l) = ends(&sweeps::KNN_DISTANCES);
        let b2 = format!("from the tutorial's {f} points to the benchmark's {l}.");
        let (f, l) = ends(&sweeps::LIFE);
        let b4 = format!("from a {f} × {f} board to the benchmark's {l} × {l}");
        let (f, l) = ends(&sweeps::CONVOLUTION);
        let b5 = format!("from a {f} × {f} image");
        let b5_end = format!("to the benchmark's {l} × {l}.");
        let page = crate::chapter::page_text("appendix-performance.md");
        for (figure, words) in [
            ("B-1", b1),
            ("B-2", b2),
            ("B-4", b4),
            ("B-5", b5),
            ("B-5", b5_end),
        ] {
            let caption = page
                .split(&format!("<figcaption>Figure {figure}:"))
                .nth(1)
                .and_then(|rest| rest.split("</figcaption>").next())
                .unwrap_or_else(|| panic!("no caption of Figure {figure}"));
            assert!(caption.contains(&words), "Figure {figure}: {words:?} in {caption:?}");
        }
    }
}
