//! Log–log line charts: time (or memory) against size, one line per implementation, with a
//! labelled tick and a gridline at every power of ten on both axes and lighter gridlines
//! between them. Timings carry their interquartile range as error bars.
//!
//! [`draw_sweep`] draws a size sweep of the registry ([`crate::benchmarks::SWEEPS`]) from
//! the committed results; [`draw_log_log`] draws any set of lines (chapter 7's memory chart).

use std::path::Path;

use plotters::prelude::*;

use super::bars::tick_label;
use super::{draw_not_measured, palette, register_fonts, FONT};
use crate::benchmarks::{Series, Side, Sweep};
use crate::error::{Error, Result};
use crate::results::{format_duration, power_of_ten, Results};

/// One point of a line, with an optional range drawn as an error bar (a timing's
/// quartiles).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// The size.
    pub x: f64,
    /// The value at that size.
    pub y: f64,
    /// The range around `y`, if known.
    pub spread: Option<(f64, f64)>,
}

/// One line of a chart.
#[derive(Debug, Clone)]
pub struct Line {
    /// Its legend entry.
    pub label: String,
    /// Its colour.
    pub color: RGBColor,
    /// Drawn dashed (a tuned configuration).
    pub dashed: bool,
    /// Its points, smallest size first (none: the legend says "not measured yet").
    pub points: Vec<Point>,
}

/// The text of a log–log chart.
#[derive(Debug, Clone, Copy)]
pub struct LogLogChart<'a> {
    /// Title above the chart.
    pub title: &'a str,
    /// The x axis' name.
    pub x_label: &'a str,
    /// The y axis' name.
    pub y_label: &'a str,
    /// How a y value is written at its tick.
    pub y_format: fn(f64) -> String,
}

const WIDTH: u32 = 960;
const HEIGHT: u32 = 600;

/// Bytes with a decimal unit: `720 kB`, `24 MB`.
pub fn format_bytes(bytes: f64) -> String {
    let (scale, unit) = if bytes >= 1e9 {
        (1e9, "GB")
    } else if bytes >= 1e6 {
        (1e6, "MB")
    } else if bytes >= 1e3 {
        (1e3, "kB")
    } else {
        (1.0, "B")
    };
    let v = bytes / scale;
    let digits = if v >= 100.0 || v == v.round() { 0 } else { 1 };
    format!("{v:.digits$}\u{a0}{unit}")
}

/// The powers of ten around `[low, high]`, as an axis range.
fn decades(low: f64, high: f64) -> (f64, f64) {
    let low = 10f64.powf(low.log10().floor());
    let high = 10f64.powf(high.log10().ceil());
    (low, if high > low { high } else { low * 10.0 })
}

/// The factor kept between a point and the frame on both log axes: at this
/// chart's scale it leaves room for a point's marker and an error bar's cap
/// (on the frame they were cut in half).
const EDGE: f64 = 1.25;

/// `range` (whole decades around `[min, max]`) widened so that `min` and `max`
/// lie at least [`EDGE`] inside it.
fn widened(range: (f64, f64), min: f64, max: f64) -> (f64, f64) {
    (range.0.min(min / EDGE), range.1.max(max * EDGE))
}

/// A size on a log axis, always in the same style: 1, 10, 10², 10³, … (a table says
/// "1,000"; an axis that mixed "10,000" with "10⁵" would read unevenly).
fn decade_label(value: f64) -> String {
    power_of_ten(value.log10().round() as i32)
}

/// The gridlines of a log axis from `start` to `end`: a labelled one at every
/// power of ten (bold) and lighter ones at 2 to 9 times each (light).
///
/// plotters finds a log axis' first power of ten as `10^ceil(ln(start) / ln(10))`,
/// which rounds up past `start` when `start` is itself one of 1e-9, 1e-6, 1e-4,
/// 1e-3, 1e-2 or 0.1 (`ln(1e-6) / ln(10)` is -5.999…): an axis starting at 1 µs
/// lost its "1 µs" label and the light gridlines of its first decade (run 10's
/// Life sweep drew it so). Exact powers from `powi`, with the ends themselves
/// where a power lies within rounding of them, keep every one.
fn log_gridlines(start: f64, end: f64) -> (Vec<f64>, Vec<f64>) {
    let near = |a: f64, b: f64| (a / b - 1.0).abs() < 1e-9;
    let (first, last) =
        (start.log10().floor() as i32, end.log10().ceil() as i32);
    let mut bold = Vec::new();
    let mut light = Vec::new();
    for exponent in first..=last {
        let base = 10f64.powi(exponent);
        if near(base, start) {
            bold.push(start);
        } else if near(base, end) {
            bold.push(end);
        } else if start < base && base < end {
            bold.push(base);
        }
        light.extend(
            (2..10)
                .map(|k| f64::from(k) * base)
                .filter(|&v| start < v && v < end),
        );
    }
    (bold, light)
}

fn tick(format: fn(f64) -> String, value: f64) -> String {
    // Only powers of ten are labelled; the lines between them stay unlabelled.
    let exponent = value.log10();
    if (exponent - exponent.round()).abs() > 1e-9 {
        return String::new();
    }
    // "1.0 ms" reads "1 ms" at a tick, as on the bar charts' axes.
    tick_label(&format(value))
}

/// Draws a log–log chart of `lines` into a PNG file; without any point it says "not
/// measured yet".
///
/// # Errors
///
/// When the PNG file cannot be drawn or written.
pub fn draw_log_log(
    path: &Path,
    chart: &LogLogChart<'_>,
    lines: &[Line],
) -> Result<()> {
    register_fonts();
    let points: Vec<&Point> = lines.iter().flat_map(|l| &l.points).collect();
    let values = || {
        points.iter().flat_map(|p| {
            let (a, b) = p.spread.unwrap_or((p.y, p.y));
            [p.y, a, b]
        })
    };
    if points.is_empty() {
        return draw_not_measured(path, WIDTH, chart.title);
    }
    if points.iter().any(|p| !(p.x > 0.0 && p.x.is_finite()))
        || values().any(|v| !(v > 0.0 && v.is_finite()))
    {
        return Err(Error::msg(
            "a log–log chart needs positive, finite values",
        ));
    }
    // The x axis runs from a little before the smallest size to a little after the
    // largest (whole decades would leave most of the chart empty), so that the first and
    // last points and their error bars' caps are drawn whole.
    let x_min = points.iter().map(|p| p.x).fold(f64::MAX, f64::min);
    let x_max = points.iter().map(|p| p.x).fold(f64::MIN, f64::max);
    let (x_low, _) = decades(x_min, x_max);
    let x_high = (x_max * EDGE).max(x_low * 10.0);
    let x_start = x_low.min(x_min / EDGE);
    // The y axis spans whole decades, widened the same way where a value lies
    // within EDGE of its ends: a point or an error bar's cap on a power of ten
    // was drawn on the frame, cut in half (and a lone point at exactly 100 µs
    // lost the axis' label there).
    let y_min = values().fold(f64::MAX, f64::min);
    let y_max = values().fold(f64::MIN, f64::max);
    let (y_low, y_high) = decades(y_min, y_max);
    let (y_start, y_end) = widened((y_low, y_high), y_min, y_max);
    let (x_bold, x_light) = log_gridlines(x_start, x_high);
    let (y_bold, y_light) = log_gridlines(y_start, y_end);

    let root = crate::figures::hidpi::canvas(path, (WIDTH, HEIGHT));
    root.fill(&palette::PAPER)?;
    let mut plot = ChartBuilder::on(&root)
        .caption(chart.title, (FONT, 22.0).into_font().color(&palette::INK))
        .margin(18)
        .margin_right(36)
        .x_label_area_size(58)
        .y_label_area_size(96)
        .build_cartesian_2d(
            (x_start..x_high)
                .log_scale()
                .with_key_points(x_bold)
                .with_light_points(x_light),
            (y_start..y_end)
                .log_scale()
                .with_key_points(y_bold)
                .with_light_points(y_light),
        )?;
    let y_format = chart.y_format;
    plot.configure_mesh()
        .x_label_formatter(&|v| tick(decade_label, *v))
        .y_label_formatter(&|v| tick(y_format, *v))
        .x_desc(chart.x_label)
        .y_desc(chart.y_label)
        .label_style((FONT, 15.0).into_font().color(&palette::INK))
        .axis_desc_style((FONT, 16.0).into_font().color(&palette::INK))
        .axis_style(palette::BORDER.stroke_width(1))
        .bold_line_style(palette::GRID.stroke_width(1))
        .light_line_style(palette::GRID_MINOR.stroke_width(1))
        .draw()?;

    for line in lines {
        let color = line.color;
        let data: Vec<(f64, f64)> =
            line.points.iter().map(|p| (p.x, p.y)).collect();
        let label = if line.points.is_empty() {
            format!("{} (not measured yet)", line.label)
        } else {
            line.label.clone()
        };
        let style = color.stroke_width(3);
        let drawn = if line.dashed {
            plot.draw_series(DashedLineSeries::new(data.clone(), 10, 6, style))?
        } else {
            plot.draw_series(LineSeries::new(data.clone(), style))?
        };
        // The legend's sample is dashed like its line: two strokes with a gap, or one
        // unbroken stroke drawn in two halves.
        let (first_end, second_start) =
            if line.dashed { (10, 16) } else { (12, 12) };
        drawn.label(label).legend(move |(x, y)| {
            EmptyElement::at((x, y))
                + PathElement::new(
                    vec![(0, 0), (first_end, 0)],
                    color.stroke_width(3),
                )
                + PathElement::new(
                    vec![(second_start, 0), (26, 0)],
                    color.stroke_width(3),
                )
        });
        plot.draw_series(
            data.iter().map(|&p| Circle::new(p, 4, color.filled())),
        )?;
        // Error bars from the first to the third quartile, with caps of a fixed width on
        // the log axis (×/÷ 1.08 around the size).
        for p in &line.points {
            let Some((low, high)) = p.spread else {
                continue;
            };
            let bar = color.stroke_width(2);
            let (left, right) = (p.x / 1.08, p.x * 1.08);
            plot.draw_series([
                PathElement::new(vec![(p.x, low), (p.x, high)], bar),
                PathElement::new(vec![(left, low), (right, low)], bar),
                PathElement::new(vec![(left, high), (right, high)], bar),
            ])?;
        }
    }
    plot.configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(palette::PAPER.mix(0.9))
        .border_style(palette::BORDER)
        .label_font((FONT, 15.0).into_font().color(&palette::INK))
        .draw()?;
    root.present()?;
    Ok(())
}

/// The colour and dash of a sweep's line: NumPy blue, Rust teal (a second Rust version
/// purple), tuned Rust dark and dashed.
fn line_style(side: Side, rust_index: usize) -> (RGBColor, bool) {
    match side {
        Side::Python => (palette::NUMPY, false),
        Side::Rust if rust_index == 0 => (palette::RUST, false),
        Side::Rust => (palette::RUST_SECOND, false),
        Side::RustFastAlloc | Side::RustHugePages | Side::RustBlas => {
            (palette::RUST_TUNED, true)
        }
    }
}

/// The lines of a sweep from `results`: one per workload and side its rows name.
pub fn sweep_lines(sweep: &Sweep, results: &Results) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut rust_index = 0;
    for workload in sweep.workloads {
        for &(side, label) in workload.rows {
            let (color, dashed) = line_style(side, rust_index);
            let points = sweep
                .sizes
                .iter()
                .filter_map(|&n| {
                    let t = results.timing(&Series {
                        group: sweep.group,
                        side,
                        variant: workload.variant,
                        size: Some(n),
                    })?;
                    Some(Point {
                        x: n as f64,
                        y: t.median_seconds,
                        spread: t.spread.map(|s| (s.q1, s.q3)),
                    })
                })
                .collect();
            lines.push(Line {
                label: label.to_string(),
                color,
                dashed,
                points,
            });
        }
        if !workload.python {
            rust_index += 1;
        }
    }
    lines
}

/// A sweep's chart from `results`.
///
/// # Errors
///
/// When the PNG file cannot be drawn or written.
pub fn sweep_chart(
    path: &Path,
    sweep: &Sweep,
    results: &Results,
) -> Result<()> {
    draw_log_log(
        path,
        &LogLogChart {
            title: sweep.title,
            x_label: sweep.size_label,
            y_label: "median time per call (log scale)",
            y_format: format_duration,
        },
        &sweep_lines(sweep, results),
    )
}

/// A sweep's chart from the committed results.
///
/// # Errors
///
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`]), or the PNG file cannot be drawn or written.
pub fn draw_sweep(path: &Path, sweep: &Sweep) -> Result<()> {
    sweep_chart(path, sweep, &Results::committed()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{format_count, format_duration};

    #[test]
    fn axes_are_whole_powers_of_ten() {
        assert_eq!(decades(24e-9, 0.05), (1e-8, 0.1));
        assert_eq!(decades(10.0, 9_999_999.0), (10.0, 1e7));
        assert_eq!(decades(100.0, 100.0), (100.0, 1000.0));
        // A value on a power of ten, or close to one, is kept off the frame;
        // the others leave the whole decades as they are.
        assert_eq!(widened(decades(1e-4, 1e-4), 1e-4, 1e-4), (8e-5, 1e-3));
        assert_eq!(
            widened(decades(110e-9, 0.07), 110e-9, 0.07),
            (110e-9 / EDGE, 0.1)
        );
        assert_eq!(widened(decades(2e-8, 0.05), 2e-8, 0.05), (1e-8, 0.1));
        assert_eq!(widened(decades(2e-8, 0.09), 2e-8, 0.09).1, 0.09 * EDGE);
        assert_eq!(tick(format_duration, 1e-3), "1\u{a0}ms");
        assert_eq!(tick(format_duration, 2e-3), "");
        assert_eq!(tick(format_count, 1e7), "10⁷");
        let ticks: Vec<String> = [1.0, 10.0, 100.0, 1e4, 1e7, 2e3]
            .iter()
            .map(|&v| tick(decade_label, v))
            .collect();
        assert_eq!(ticks, ["1", "10", "10²", "10⁴", "10⁷", ""]);
    }

    #[test]
    fn log_axes_keep_every_power_of_ten() {
        // plotters' own key points lost the first power of ten of an axis
        // starting at 1e-9, 1e-6, 1e-4, 1e-3, 1e-2 or 0.1 (run 10's Life
        // sweep had no 1 µs label); every start keeps it here.
        for exponent in -12..4 {
            let start = 10f64.powf(f64::from(exponent));
            let end = start * 100.0;
            let (bold, light) = log_gridlines(start, end);
            assert_eq!(bold.len(), 3, "{start:e}");
            assert_eq!(bold[0], start);
            assert_eq!(light.len(), 16, "{start:e}");
            assert!(light.iter().all(|&v| start < v && v < end));
        }
        // An axis from 8 to 1.25e7 (a sweep from 10 to 10⁷): 9 is a light
        // line, 10 to 10⁷ are labelled.
        let (bold, light) = log_gridlines(8.0, 1.25e7);
        assert_eq!(bold, [10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7]);
        assert_eq!(light[0], 9.0);
        assert_eq!(light.last(), Some(&9e6));
    }

    #[test]
    fn counts_and_bytes_read_well() {
        assert_eq!(format_count(10.0), "10");
        assert_eq!(format_count(1000.0), "1,000");
        assert_eq!(format_count(10_000.0), "10,000");
        // 10⁵ is the first power of ten written as one; 99,999 is not a power.
        assert_eq!(format_count(99_999.0), "99,999");
        assert_eq!(format_count(1e5), "10⁵");
        assert_eq!(format_count(1e6), "10⁶");
        assert_eq!(format_count(9_999_999.0), "9,999,999");
        assert_eq!(format_bytes(720_000.0), "720\u{a0}kB");
        assert_eq!(format_bytes(24_000_000.0), "24\u{a0}MB");
        assert_eq!(format_bytes(6_400.0), "6.4\u{a0}kB");
        assert_eq!(format_bytes(800.0), "800\u{a0}B");
    }

    #[test]
    fn a_sweep_without_results_draws_a_placeholder() {
        let dir = std::env::temp_dir();
        let path = dir.join(format!("sweep-empty-{}.png", std::process::id()));
        let sweep = crate::benchmarks::sweeps::LIFE;
        let lines = sweep_lines(&sweep, &Results::default());
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| l.points.is_empty()));
        sweep_chart(&path, &sweep, &Results::default()).expect("drawn");
        assert!(std::fs::metadata(&path).is_ok_and(|m| m.len() > 0));
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn a_measured_sweep_draws_every_line() {
        use crate::benchmarks::sweeps::RECIPROCALS;
        use crate::results::{Run, Spread, Timing};
        let mut timings = Vec::new();
        for (side, variant, per_element, fixed) in [
            (Side::Python, "numpy", 3e-9, 1e-6),
            (Side::Rust, "reciprocals", 5e-9, 2e-8),
            (Side::RustFastAlloc, "reciprocals", 1.5e-9, 2e-8),
        ] {
            for &n in RECIPROCALS.sizes {
                let t = fixed + per_element * n as f64;
                timings.push(Timing {
                    series: Series {
                        group: RECIPROCALS.group,
                        side,
                        variant,
                        size: Some(n),
                    },
                    median_seconds: t,
                    spread: Some(Spread {
                        q1: t * 0.9,
                        q3: t * 1.1,
                        min: t * 0.8,
                        max: t * 1.3,
                    }),
                    samples: Some(20),
                    run: 1,
                });
            }
        }
        let results = Results {
            runs: vec![Run {
                id: 1,
                facts: vec![("cpu".into(), "X".into())],
            }],
            timings,
        };
        let lines = sweep_lines(&RECIPROCALS, &results);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| l.points.len() == 7));
        let path = std::env::temp_dir()
            .join(format!("sweep-measured-{}.png", std::process::id()));
        sweep_chart(&path, &RECIPROCALS, &results).expect("drawn");
        assert!(std::fs::metadata(&path).is_ok_and(|m| m.len() > 10_000));
        if std::env::var_os("KEEP_SWEEP_CHART").is_none() {
            let _ = std::fs::remove_file(&path);
        }
    }
}
