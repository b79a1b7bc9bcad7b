//! Horizontal bar charts with labels on the left: sizes and timings.
//!
//! On a log scale the axis has a labelled tick and a gridline at every power of ten and
//! lighter gridlines at 2, 3, … 9 times it, so that a bar twice as long is visibly not twice
//! the value. A timing's bar carries its interquartile range as a whisker.

use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{draw_not_measured, palette, register_fonts, FONT};
use crate::benchmarks::{Group, Side};
use crate::error::{Error, Result};
use crate::results::{format_duration, Results};

/// One bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// The label left of the bar.
    pub label: String,
    /// The value (must be positive for a log scale); `None` draws no bar but says
    /// "not measured yet".
    pub value: Option<f64>,
    /// The bar's colour.
    pub color: RGBColor,
    /// A range drawn as a whisker across the bar's end (a timing's quartiles).
    pub spread: Option<(f64, f64)>,
}

impl Bar {
    /// A bar with a label, a value and a colour.
    pub fn new(label: impl Into<String>, value: f64, color: RGBColor) -> Bar {
        Bar {
            label: label.into(),
            value: Some(value),
            color,
            spread: None,
        }
    }

    /// A row with a label and no value yet: it says "not measured yet".
    pub fn missing(label: impl Into<String>) -> Bar {
        Bar {
            label: label.into(),
            value: None,
            color: palette::INK,
            spread: None,
        }
    }

    /// The same bar with a whisker from `low` to `high`.
    pub fn with_spread(self, low: f64, high: f64) -> Bar {
        Bar {
            spread: Some((low, high)),
            ..self
        }
    }
}

/// The look of a bar chart.
#[derive(Debug, Clone, Copy)]
pub struct BarChart<'a> {
    /// Title above the chart.
    pub title: &'a str,
    /// What the values measure, written under the axis.
    pub axis_label: &'a str,
    /// Draw the bar lengths on a log10 scale (for timings spanning orders of magnitude),
    /// with a tick and a gridline at every power of ten.
    pub log_scale: bool,
    /// How a value is printed at the end of its bar, and at the axis's ticks.
    pub value_format: fn(f64) -> String,
    /// Legend entries: a name and its colour.
    pub legend: &'a [(&'a str, RGBColor)],
}

const WIDTH: u32 = 960;
const LABEL_WIDTH: i32 = 340;
const ROW: i32 = 38;
const TOP: i32 = 90;
/// The least room left between any text and the canvas' edge.
const EDGE_MARGIN: i32 = 8;
const X0: i32 = LABEL_WIDTH + 12;
/// The width of the bars' area: a log axis leaves more room on the right for the
/// whiskers and their values (a linear axis keeps the layout it always had).
const fn bar_space(log: bool) -> i32 {
    WIDTH as i32 - LABEL_WIDTH - if log { 150 } else { 130 }
}

/// The horizontal axis: where a value goes, and its ticks.
struct Axis {
    log: bool,
    min: f64,
    max: f64,
}

impl Axis {
    fn new(log: bool, values: &[f64]) -> Axis {
        let scaled = values.iter().map(|&v| if log { v.log10() } else { v });
        let max = scaled.clone().fold(f64::MIN, f64::max);
        if log {
            // Whole powers of ten at both ends, at least one decade apart, and the shortest
            // bar at least 0.3 decade long.
            let min = (scaled.fold(f64::MAX, f64::min) - 0.3).floor();
            let max = max.ceil().max(min + 1.0);
            Axis { log, min, max }
        } else {
            Axis {
                log,
                min: 0.0,
                max: max.max(f64::EPSILON),
            }
        }
    }

    /// The x pixel of a value.
    fn x(&self, value: f64) -> i32 {
        let v = if self.log { value.log10() } else { value };
        let fraction = ((v - self.min) / (self.max - self.min)).clamp(0.0, 1.0);
        X0 + (fraction * f64::from(bar_space(self.log))).round() as i32
    }

    /// How many powers of ten apart the labelled ticks are: 1, or 2 on an axis
    /// of more than six decades (so that the labels do not run together).
    fn decades_per_label(&self) -> i32 {
        if self.max - self.min > 6.0 {
            2
        } else {
            1
        }
    }

    /// What the axis label adds on a log scale: the factor between labelled
    /// gridlines, ×100 when every other power of ten is labelled.
    fn scale_note(&self) -> String {
        if !self.log {
            return String::new();
        }
        let factor = 10u32.pow(self.decades_per_label().unsigned_abs());
        format!(" (log scale: ×{factor} between labelled gridlines)")
    }

    /// The labelled ticks (every power of ten, or every other one when there are many)
    /// and the unlabelled ones (2 to 9 times each power of ten).
    fn ticks(&self) -> (Vec<f64>, Vec<f64>) {
        if !self.log {
            return (Vec::new(), Vec::new());
        }
        let (first, last) = (self.min as i32, self.max as i32);
        let every = self.decades_per_label();
        let mut major = Vec::new();
        let mut minor = Vec::new();
        for decade in first..=last {
            let base = 10f64.powi(decade);
            if (decade - first) % every == 0 {
                major.push(base);
            } else {
                minor.push(base);
            }
            if decade < last {
                minor.extend((2..10).map(|k| f64::from(k) * base));
            }
        }
        (major, minor)
    }
}

/// A tick label: the value's usual format without trailing zeros ("1.00 s" is "1 s").
/// The bar charts and the log–log charts label their axes with it.
pub(super) fn tick_label(formatted: &str) -> String {
    let split = formatted
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(formatted.len());
    let (number, unit) = formatted.split_at(split);
    let number = if number.contains('.') {
        number.trim_end_matches('0').trim_end_matches('.')
    } else {
        number
    };
    format!("{number}{unit}")
}

/// Draws `bars` top to bottom into a PNG file.
///
/// # Errors
///
/// When the PNG file cannot be drawn or written.
pub fn draw_bars(
    path: &Path,
    chart: &BarChart<'_>,
    bars: &[Bar],
) -> Result<()> {
    register_fonts();
    let values: Vec<f64> = bars
        .iter()
        .filter_map(|b| b.value)
        .chain(
            bars.iter()
                .filter_map(|b| b.spread)
                .flat_map(|(a, b)| [a, b]),
        )
        .collect();
    if values.is_empty() {
        // Nothing measured yet (no results file): say so instead of failing.
        return draw_not_measured(path, WIDTH, chart.title);
    }
    if values
        .iter()
        .any(|v| !v.is_finite() || (chart.log_scale && *v <= 0.0))
    {
        return Err(Error::msg(
            "a bar chart needs finite values, positive on a log scale",
        ));
    }
    let axis = Axis::new(chart.log_scale, &values);
    let (major, minor) = axis.ticks();
    let axis_y = TOP + ROW * bars.len() as i32 + 8;
    let height = (axis_y + if major.is_empty() { 52 } else { 74 }) as u32;
    let root = crate::figures::hidpi::canvas(path, (WIDTH, height));
    root.fill(&palette::PAPER)?;

    let text = |size: f64, h: HPos| {
        (FONT, size)
            .into_font()
            .color(&palette::INK)
            .pos(Pos::new(h, VPos::Center))
    };
    root.draw(&Text::new(
        chart.title.to_string(),
        (WIDTH as i32 / 2, 24),
        text(22.0, HPos::Center),
    ))?;

    // The legend is centred under the title: each entry is a swatch, its
    // text, and a fixed gap before the next, measured in the font (a width
    // guessed from the count of characters left gaps of 16 to 28 px in
    // Figure 2-1).
    let mut entry_widths = Vec::with_capacity(chart.legend.len());
    for (name, _) in chart.legend {
        let (text_width, _) =
            root.estimate_text_size(name, &text(16.0, HPos::Left))?;
        entry_widths.push(26 + text_width as i32);
    }
    let gaps = 28 * (entry_widths.len() as i32 - 1).max(0);
    let legend_width = entry_widths.iter().sum::<i32>() + gaps;
    // Text beyond the canvas would be cut off without a word: refuse it.
    if legend_width > WIDTH as i32 - 2 * EDGE_MARGIN {
        return Err(Error::msg(format!(
            "{}: the legend is {legend_width} px wide, more than the chart's {} px",
            chart.title,
            WIDTH as i32 - 2 * EDGE_MARGIN
        )));
    }
    for bar in bars {
        let (label_width, _) =
            root.estimate_text_size(&bar.label, &text(16.0, HPos::Right))?;
        if label_width as i32 > LABEL_WIDTH - EDGE_MARGIN {
            return Err(Error::msg(format!(
                "{}: the label {:?} is {label_width} px wide, more than the {} px left of the bars",
                chart.title,
                bar.label,
                LABEL_WIDTH - EDGE_MARGIN
            )));
        }
    }
    let mut legend_x = (WIDTH as i32 - legend_width) / 2;
    for ((name, color), width) in chart.legend.iter().zip(entry_widths) {
        root.draw(&Rectangle::new(
            [(legend_x, 50), (legend_x + 18, 66)],
            color.filled(),
        ))?;
        root.draw(&Text::new(
            name.to_string(),
            (legend_x + 26, 58),
            text(16.0, HPos::Left),
        ))?;
        legend_x += width + 28;
    }

    // Gridlines first, so that the bars lie on top of them.
    for (ticks, color) in
        [(&minor, palette::GRID_MINOR), (&major, palette::GRID)]
    {
        for &tick in ticks {
            let x = axis.x(tick);
            root.draw(&PathElement::new(
                vec![(x, TOP - 4), (x, axis_y)],
                color.stroke_width(1),
            ))?;
        }
    }

    for (i, bar) in bars.iter().enumerate() {
        let y = TOP + ROW * i as i32;
        root.draw(&Text::new(
            bar.label.clone(),
            (LABEL_WIDTH, y + ROW / 2),
            text(16.0, HPos::Right),
        ))?;
        let Some(value) = bar.value else {
            root.draw(&Text::new(
                "not measured yet".to_string(),
                (X0 + 8, y + ROW / 2),
                text(15.0, HPos::Left),
            ))?;
            continue;
        };
        let end = axis.x(value).max(X0 + 2);
        root.draw(&Rectangle::new(
            [(X0, y + 6), (end, y + ROW - 6)],
            bar.color.filled(),
        ))?;
        let mut text_x = end;
        if let Some((low, high)) = bar.spread {
            let (a, b) = (axis.x(low), axis.x(high));
            let middle = y + ROW / 2;
            let ink = palette::INK.stroke_width(2);
            root.draw(&PathElement::new(vec![(a, middle), (b, middle)], ink))?;
            for x in [a, b] {
                root.draw(&PathElement::new(
                    vec![(x, middle - 6), (x, middle + 6)],
                    ink,
                ))?;
            }
            text_x = text_x.max(b);
        }
        root.draw(&Text::new(
            (chart.value_format)(value),
            (text_x + 8, y + ROW / 2),
            text(15.0, HPos::Left),
        ))?;
    }
    root.draw(&PathElement::new(
        vec![(X0, axis_y), (X0 + bar_space(axis.log), axis_y)],
        palette::BORDER.stroke_width(1),
    ))?;
    for &tick in &major {
        let x = axis.x(tick);
        root.draw(&PathElement::new(
            vec![(x, axis_y), (x, axis_y + 6)],
            palette::BORDER.stroke_width(1),
        ))?;
        root.draw(&Text::new(
            tick_label(&(chart.value_format)(tick)),
            (x, axis_y + 18),
            text(14.0, HPos::Center),
        ))?;
    }
    let scale_note = axis.scale_note();
    let label_y = axis_y + if major.is_empty() { 24 } else { 46 };
    root.draw(&Text::new(
        format!("{}{scale_note}", chart.axis_label),
        (X0 + bar_space(axis.log) / 2, label_y),
        text(16.0, HPos::Center),
    ))?;
    root.present()?;
    Ok(())
}

/// The colour of a timing's bar: who ran it, and how.
pub fn side_color(side: Side, variant: &str) -> RGBColor {
    match side {
        Side::Python if variant.starts_with("python") => palette::CPYTHON,
        Side::Python => palette::NUMPY,
        Side::Rust => palette::RUST,
        Side::RustHugePages | Side::RustFastAlloc | Side::RustBlas => {
            palette::RUST_TUNED
        }
    }
}

/// A log-scale chart of a benchmark group's rows from the committed results, coloured by
/// who ran them (CPython, NumPy, Rust, tuned Rust), each with its interquartile range.
///
/// # Errors
///
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`]), or the PNG file cannot be drawn or written.
pub fn draw_timing_chart(
    path: &Path,
    title: &str,
    group: &Group,
) -> Result<()> {
    let results = Results::committed()?;
    timing_chart(path, title, group, &results)
}

/// [`draw_timing_chart`] from the given results.
///
/// # Errors
///
/// When the PNG file cannot be drawn or written.
pub fn timing_chart(
    path: &Path,
    title: &str,
    group: &Group,
    results: &Results,
) -> Result<()> {
    let bars: Vec<Bar> = group
        .rows()
        .into_iter()
        .map(|row| {
            let label = row.label.replace('`', "");
            match results.timing_of(&row.workload, row.side) {
                None => Bar::missing(label),
                Some(t) => {
                    let color = side_color(row.side, row.workload.variant);
                    let bar = Bar::new(label, t.median_seconds * 1e3, color);
                    match t.spread {
                        Some(s) => bar.with_spread(s.q1 * 1e3, s.q3 * 1e3),
                        None => bar,
                    }
                }
            }
        })
        .collect();
    draw_bars(
        path,
        &BarChart {
            title,
            axis_label: "median time per call, shorter is faster",
            log_scale: true,
            value_format: |ms| format_duration(ms * 1e-3),
            legend: &[
                ("CPython", palette::CPYTHON),
                ("NumPy", palette::NUMPY),
                ("Rust", palette::RUST),
                ("Rust, tuned", palette::RUST_TUNED),
            ],
        },
        &bars,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_axes_tick_every_power_of_ten() {
        // 11 ms and 472 ms: the axis runs from 1 ms to 1 s, with a labelled gridline at
        // 1, 10, 100 and 1000 ms that shows the bars are 1.6 decades apart, not 1 : 4.
        let axis = Axis::new(true, &[11.0, 472.0]);
        assert_eq!((axis.min, axis.max), (0.0, 3.0));
        let (major, minor) = axis.ticks();
        assert_eq!(major, [1.0, 10.0, 100.0, 1000.0]);
        assert_eq!(minor.len(), 24);
        assert!(minor.contains(&20.0) && minor.contains(&900.0));
        let decade = |a: f64, b: f64| axis.x(b) - axis.x(a);
        assert!((decade(10.0, 100.0) - decade(100.0, 1000.0)).abs() <= 1);
        assert_eq!(
            axis.scale_note(),
            " (log scale: ×10 between labelled gridlines)"
        );
        let wide = Axis::new(true, &[1e-9, 10.0]);
        assert_eq!(wide.ticks().0.len(), 6); // every other of 11 powers of ten

        // The axis label says so: it said ×10 on every log axis.
        assert_eq!(
            wide.scale_note(),
            " (log scale: ×100 between labelled gridlines)"
        );
        // Six decades are all labelled, seven every other one.
        let six = Axis::new(true, &[2e-3, 500.0]);
        assert_eq!((six.min, six.max), (-3.0, 3.0));
        assert!(six.scale_note().contains("×10 "));
        let seven = Axis::new(true, &[2e-3, 5000.0]);
        assert_eq!((seven.min, seven.max), (-3.0, 4.0));
        assert!(seven.scale_note().contains("×100"));
        assert!(Axis::new(false, &[3.0]).ticks().0.is_empty());
        assert!(Axis::new(false, &[3.0]).scale_note().is_empty());
    }

    #[test]
    fn a_timing_chart_renders_whatever_is_not_measured_yet() {
        use crate::benchmarks::reciprocals::GROUP;
        use crate::benchmarks::Series;
        use crate::results::{Run, Timing};
        let path = std::env::temp_dir()
            .join(format!("bars-not-measured-{}.png", std::process::id()));
        let height = || {
            let bytes = std::fs::read(&path).expect("the chart is written");
            u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]])
        };
        // No results at all: the strip that says so.
        timing_chart(&path, "t", &GROUP, &Results::default()).expect("drawn");
        assert_eq!(height(), 120 * crate::figures::hidpi::SCALE);
        // One row measured: every row is drawn, the others say "not
        // measured yet".
        let rows = GROUP.rows();
        let first = &rows[0];
        let results = Results {
            runs: vec![Run {
                id: 1,
                facts: vec![("cpu".into(), "X".into())],
            }],
            timings: vec![Timing {
                series: Series {
                    group: first.workload.group,
                    side: first.side,
                    variant: first.workload.variant,
                    size: None,
                },
                median_seconds: 0.01,
                spread: None,
                samples: Some(20),
                run: 1,
            }],
        };
        timing_chart(&path, "t", &GROUP, &results).expect("drawn");
        let rows_height = TOP + ROW * rows.len() as i32 + 8 + 74;
        assert_eq!(height(), rows_height as u32 * crate::figures::hidpi::SCALE);
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn text_wider_than_its_room_is_refused_not_cut_off() {
        let path = std::env::temp_dir()
            .join(format!("bars-too-wide-{}.png", std::process::id()));
        let ink = palette::INK;
        fn chart<'a>(legend: &'a [(&'a str, RGBColor)]) -> BarChart<'a> {
            BarChart {
                title: "t",
                axis_label: "a",
                log_scale: true,
                value_format: crate::results::format_duration,
                legend,
            }
        }
        // The longest label of the book's charts fits; one of twice its
        // length would be cut off at the canvas' left edge.
        let longest = "Rust reciprocals_par (all cores), huge pages";
        let fits = [Bar::new(longest, 1e-3, ink)];
        assert!(draw_bars(&path, &chart(&[("NumPy", ink)]), &fits).is_ok());
        let long = format!("{longest}, {longest}");
        let too_long = [Bar::new(long.clone(), 1e-3, ink)];
        let error = draw_bars(&path, &chart(&[]), &too_long)
            .expect_err("a label wider than its room");
        assert!(error.to_string().contains(&long), "{error}");
        // Eight legend entries of the book's longest run past both edges.
        let entry = ("Rust, tuned, huge pages", ink);
        let error = draw_bars(&path, &chart(&[entry; 8]), &fits)
            .expect_err("a legend wider than the chart");
        assert!(error.to_string().contains("legend"), "{error}");
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn tick_labels_drop_trailing_zeros() {
        assert_eq!(tick_label("1.00\u{a0}s"), "1\u{a0}s");
        assert_eq!(tick_label("10.0\u{a0}ms"), "10\u{a0}ms");
        assert_eq!(tick_label("2.5\u{a0}µs"), "2.5\u{a0}µs");
        assert_eq!(tick_label("100\u{a0}ns"), "100\u{a0}ns");
        assert_eq!(tick_label("100\u{a0}ps"), "100\u{a0}ps");
    }
}
