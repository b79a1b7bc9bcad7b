//! Chapter 7's figure: each point and its nearest neighbours.

use std::path::Path;

use plotters::prelude::*;

use super::{argpartition_rows, pairwise_sq_distances};
use crate::error::Result;
use crate::figures::{palette, register_fonts, FONT};
use crate::random::RandomState;

/// The tutorial's number of random points (`rand(10, 2)`).
const POINTS: usize = 10;
/// The tutorial's K: each point is joined to this many nearest neighbours.
const K: usize = 2;

/// The tutorial's scatter plot with lines from each point to its K = 2 nearest
/// neighbours, coloured with viridis.
///
/// # Errors
/// When the PNG file cannot be drawn or written.
pub fn render_neighbours(path: &Path) -> Result<()> {
    register_fonts();
    let x = RandomState::new(42).rand(POINTS, 2);
    let dist_sq = pairwise_sq_distances(x.view());
    let partition = argpartition_rows(dist_sq.view(), K + 1)?;
    let last = (POINTS - 1) as f64;
    let colors: Vec<RGBColor> = (0..POINTS)
        .map(|i| ViridisRGB::get_color(i as f64 / last))
        .collect();

    let root = crate::figures::hidpi::canvas(path, (640, 560));
    root.fill(&palette::PAPER)?;
    let title = format!("Each point and its {} nearest neighbours", word(K));
    let mut chart = ChartBuilder::on(&root)
        .caption(title, (FONT, 20))
        .margin(16)
        .x_label_area_size(36)
        .y_label_area_size(44)
        .build_cartesian_2d(0.0..1.0, 0.0..1.05)?;
    chart
        .configure_mesh()
        .label_style((FONT, 14))
        .light_line_style(palette::BORDER.mix(0.08))
        .draw()?;
    for i in 0..POINTS {
        for &j in partition.row(i).iter().take(K + 1) {
            let line = vec![(x[[j, 0]], x[[j, 1]]), (x[[i, 0]], x[[i, 1]])];
            chart.draw_series(std::iter::once(PathElement::new(
                line,
                colors[i].stroke_width(2),
            )))?;
        }
    }
    chart.draw_series(
        (0..POINTS).map(|i| {
            Circle::new((x[[i, 0]], x[[i, 1]]), 9, colors[i].filled())
        }),
    )?;
    root.present()?;
    Ok(())
}

/// A count as the figure's title and the page write it.
///
/// # Panics
/// For a count other than [`POINTS`] or [`K`] (the page has no other).
fn word(n: usize) -> &'static str {
    match n {
        2 => "two",
        10 => "ten",
        other => panic!("the figure has no word for {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Figure 7-1's alt text, caption and introduction count the points and
    /// the neighbours the code draws (the figure's own title takes K from the
    /// code).
    #[test]
    fn the_alt_text_counts_what_is_drawn() {
        let (points, k) = (word(POINTS), word(K));
        let capitalised = points[..1].to_uppercase() + &points[1..];
        for said in [
            format!(
                "alt=\"{capitalised} random points, each joined by lines to its {k} \
                 nearest neighbours, coloured with viridis\""
            ),
            format!("Figure 7-1 is the result for K = {K}:"),
            format!(
                "Figure 7-1: Each of the tutorial's {points} points and its {k} \
                 nearest neighbours"
            ),
        ] {
            crate::chapter::assert_page_says("ch07-knn.md", &said);
        }
    }
}
