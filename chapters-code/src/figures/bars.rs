//! Horizontal bar charts with labels on the left: sizes and timings.

use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{palette, register_fonts, FONT};
use crate::benchmarks::Group;
use crate::error::{Error, Result};
use crate::results::{format_duration, Results};

/// One bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// The label left of the bar.
    pub label: String,
    /// The value (must be positive for a log scale).
    pub value: f64,
    /// The bar's colour.
    pub color: RGBColor,
}

impl Bar {
    /// A bar with a label, a value and a colour.
    pub fn new(label: impl Into<String>, value: f64, color: RGBColor) -> Bar {
        Bar {
            label: label.into(),
            value,
            color,
        }
    }
}

/// The look of a bar chart.
pub struct BarChart<'a> {
    /// Title above the chart.
    pub title: &'a str,
    /// What the values measure, written under the axis.
    pub axis_label: &'a str,
    /// Draw the bar lengths on a log10 scale (for timings spanning orders of magnitude).
    pub log_scale: bool,
    /// How a value is printed at the end of its bar.
    pub value_format: fn(f64) -> String,
    /// Legend entries: a name and its colour.
    pub legend: &'a [(&'a str, RGBColor)],
}

const WIDTH: u32 = 960;
const LABEL_WIDTH: i32 = 340;
const ROW: i32 = 38;
const TOP: i32 = 90;

/// Draws `bars` top to bottom into a PNG file.
pub fn draw_bars(
    path: &Path,
    chart: &BarChart<'_>,
    bars: &[Bar],
) -> Result<()> {
    register_fonts();
    if bars.is_empty() {
        // Nothing measured yet (a fresh results file): say so instead of failing.
        let root = BitMapBackend::new(path, (WIDTH, 120)).into_drawing_area();
        root.fill(&palette::PAPER)?;
        let font = (FONT, 20.0)
            .into_font()
            .color(&palette::INK)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let message =
            format!("{}: not measured yet (run ./bench.sh)", chart.title);
        root.draw(&Text::new(message, (WIDTH as i32 / 2, 60), font))?;
        root.present()?;
        return Ok(());
    }
    if chart.log_scale && bars.iter().any(|b| b.value <= 0.0) {
        return Err(Error::msg("a log-scale bar chart needs positive values"));
    }
    let height = (TOP + ROW * bars.len() as i32 + 60) as u32;
    let root = BitMapBackend::new(path, (WIDTH, height)).into_drawing_area();
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

    let mut legend_x = LABEL_WIDTH + 20;
    for (name, color) in chart.legend {
        root.draw(&Rectangle::new(
            [(legend_x, 50), (legend_x + 18, 66)],
            color.filled(),
        ))?;
        root.draw(&Text::new(
            name.to_string(),
            (legend_x + 26, 58),
            text(16.0, HPos::Left),
        ))?;
        legend_x += 40 + 10 * name.len() as i32;
    }

    let bar_space = WIDTH as i32 - LABEL_WIDTH - 130;
    let scale = |v: f64| -> f64 {
        if chart.log_scale {
            v.log10()
        } else {
            v
        }
    };
    let max = bars.iter().map(|b| scale(b.value)).fold(f64::MIN, f64::max);
    let min = if chart.log_scale {
        bars.iter()
            .map(|b| scale(b.value))
            .fold(f64::MAX, f64::min)
            .floor()
            - 0.5
    } else {
        0.0
    };
    let span = (max - min).max(f64::EPSILON);
    for (i, bar) in bars.iter().enumerate() {
        let y = TOP + ROW * i as i32;
        root.draw(&Text::new(
            bar.label.clone(),
            (LABEL_WIDTH, y + ROW / 2),
            text(16.0, HPos::Right),
        ))?;
        let length = ((scale(bar.value) - min) / span * f64::from(bar_space))
            .round() as i32;
        let x0 = LABEL_WIDTH + 12;
        root.draw(&Rectangle::new(
            [(x0, y + 6), (x0 + length.max(2), y + ROW - 6)],
            bar.color.filled(),
        ))?;
        root.draw(&Text::new(
            (chart.value_format)(bar.value),
            (x0 + length.max(2) + 8, y + ROW / 2),
            text(15.0, HPos::Left),
        ))?;
    }
    let axis_y = TOP + ROW * bars.len() as i32 + 8;
    root.draw(&PathElement::new(
        vec![
            (LABEL_WIDTH + 12, axis_y),
            (LABEL_WIDTH + 12 + bar_space, axis_y),
        ],
        palette::BORDER.stroke_width(1),
    ))?;
    let scale_note = if chart.log_scale { " (log scale)" } else { "" };
    root.draw(&Text::new(
        format!("{}{scale_note}", chart.axis_label),
        (LABEL_WIDTH + 12 + bar_space / 2, axis_y + 24),
        text(16.0, HPos::Center),
    ))?;
    root.present()?;
    Ok(())
}

/// A log-scale chart of a benchmark group's rows (those measured in the committed results),
/// coloured by who ran them: CPython, NumPy or Rust.
pub fn draw_timing_chart(
    path: &Path,
    title: &str,
    group: &Group,
) -> Result<()> {
    let results = Results::committed()?;
    let bars: Vec<Bar> = group
        .rows()
        .into_iter()
        .filter_map(|(side, variant, label)| {
            let seconds = results.get(group.name, side, variant)?;
            let color = match (side, variant.starts_with("numpy")) {
                ("python", true) => palette::NUMPY,
                ("python", false) => palette::CPYTHON,
                _ => palette::RUST,
            };
            Some(Bar::new(label.replace('`', ""), seconds * 1e3, color))
        })
        .collect();
    draw_bars(
        path,
        &BarChart {
            title,
            axis_label: "median time in milliseconds, shorter is faster",
            log_scale: true,
            value_format: |ms| format_duration(ms * 1e-3),
            legend: &[
                ("CPython", palette::CPYTHON),
                ("NumPy", palette::NUMPY),
                ("Rust", palette::RUST),
            ],
        },
        &bars,
    )
}
