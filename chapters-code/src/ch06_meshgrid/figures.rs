//! Chapter 6's figures: the grid of points, and pictures of functions on a grid.

use std::path::Path;

use ndarray::prelude::*;
use ndarray::{MeshIndex, Zip};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{numpy_arange, sinc};
use crate::error::{Context, Result};
use crate::figures::colormap::{COOLWARM, PUBU_R};
use crate::figures::{hidpi, palette, register_fonts, FONT};

/// Figure 6-1's coordinates: `np.arange(-1, 1.05, 0.5)`'s start, stop, step.
const GRID_RANGE: [f64; 3] = [-1.0, 1.05, 0.5];

/// The 5×5 grid of points, `plt.plot(xx, yy, marker='.', color='k', linestyle='none')`:
/// black ([`palette::INK`]) points.
///
/// # Errors
/// When the PNG file cannot be drawn or written.
pub fn render_grid_points(path: &Path) -> Result<()> {
    register_fonts();
    let [start, stop, step] = GRID_RANGE;
    let values = numpy_arange(start, stop, step)?;
    let (xx, yy) = ndarray::meshgrid((&values, &values), MeshIndex::XY);
    let root = crate::figures::hidpi::canvas(path, (480, 480));
    root.fill(&palette::PAPER)?;
    let mut chart = ChartBuilder::on(&root)
        .caption("np.meshgrid(xvalues, yvalues)", (FONT, 20))
        .margin(16)
        .x_label_area_size(36)
        .y_label_area_size(44)
        .build_cartesian_2d(-1.25..1.25, -1.25..1.25)?;
    chart.configure_mesh().label_style((FONT, 14)).draw()?;
    chart.draw_series(
        Zip::from(&xx).and(&yy).map_collect(|&x, &y| {
            Circle::new((x, y), 5, palette::INK.filled())
        }),
    )?;
    root.present()?;
    Ok(())
}

/// The band boundaries of the filled contour plot: the levels matplotlib 3.11
/// picks for the tutorial's `plt.contourf(x, y, z, cmap=cm.PuBu_r)`
/// (`python/outputs/ch06-meshgrid/contour_levels.txt`): seven bands from
/// -0.4 to 1.0, steps of 0.2.
pub const CONTOUR_LEVELS: [f64; 8] = [-0.4, -0.2, 0.0, 0.2, 0.4, 0.6, 0.8, 1.0];

/// The index of the band `value` falls in (values outside the levels go to the
/// end bands).
fn band_of(value: f64) -> usize {
    CONTOUR_LEVELS[1..CONTOUR_LEVELS.len() - 1]
        .iter()
        .take_while(|&&level| value >= level)
        .count()
}

/// The colour of band `band`, as matplotlib colours it: the colormap at the
/// band's middle value, the levels' range mapped onto the colormap.
fn band_color(band: usize) -> RGBColor {
    let bands = CONTOUR_LEVELS.len() - 1;
    PUBU_R.at((band as f64 + 0.5) / bands as f64)
}

/// Where Figure 6-2's plot sits in its picture, before the hidpi scale: its left margin,
/// its top margin and its side, in pixels (a pixel shows one grid point of every 2 × 2).
const CONTOUR_LEFT: i32 = 60;
const CONTOUR_TOP: i32 = 20;
const CONTOUR_SIDE: i32 = 800;

/// `plt.contourf(x, y, z, cmap=cm.PuBu_r)` with a colour bar.
///
/// Each pixel of the plot area is one grid point (every second one of the 1600 × 1600 grid),
/// coloured by the band its value falls in, which is exactly what a filled contour plot shows;
/// the band boundaries are then drawn as isolines computed by marching squares (the `contour`
/// crate), which gives them sub-pixel positions.
///
/// # Errors
/// When the PNG file cannot be drawn or written, or the `contour` crate
/// cannot trace the isolines.
pub fn render_contourf(path: &Path) -> Result<()> {
    register_fonts();
    let x = numpy_arange(-8.0, 8.0, 0.01)?;
    let z = sinc(x.view(), x.view());
    let (plot, bar, margin) = (CONTOUR_SIDE, 110i32, CONTOUR_LEFT);
    let size = (margin + plot + bar + 20, margin + plot + 50);
    let size = (size.0 as u32, size.1 as u32);
    let root = hidpi::with_polygon_edges(path, size, hidpi::Edges::Hard);
    root.fill(&palette::PAPER)?;
    let font = |s: f64| (FONT, s).into_font().color(&palette::INK);

    // Filled bands: row 0 of z is y = -8, drawn at the bottom. A pixel covers
    // `step` grid points each way and shows the one at its middle, in x as in
    // y, so that the picture is as symmetric as z (the point at a pixel's
    // left edge shifted the bands half a pixel right of the isolines).
    let step = z.nrows() / plot as usize;
    let middle = |p: i32| p as usize * step + step / 2;
    for py in 0..plot {
        for px in 0..plot {
            let row = middle(plot - 1 - py);
            let value = z[[row, middle(px)]];
            root.draw_pixel(
                (margin + px, CONTOUR_TOP + py),
                &band_color(band_of(value)),
            )?;
        }
    }
    // Isolines on a coarser grid, every fourth point from the third (400 ×
    // 400), smoothed. The `contour` crate puts grid point k at k + 0.5 (each
    // point is the middle of a unit cell) and closes every line along the
    // grid's border, at 0 and at 400: starting at index 2 (x = -7.98, then
    // steps of 0.04) makes those cells span the axes, -8 to 8, exactly.
    let coarse = z.slice(s![2..;4, 2..;4]);
    let (h, w) = coarse.dim();
    let values: Vec<f64> = coarse.iter().copied().collect();
    let lines = contour::ContourBuilder::new(w, h, true)
        .lines(&values, &CONTOUR_LEVELS[1..CONTOUR_LEVELS.len() - 1])
        .context("contour")?;
    let (w, h) = (w as f64, h as f64);
    // A point of a line, in the pixels the bands fill (0 to plot - 1: the
    // frame is drawn at plot, and a line's end there would stick out of it).
    let to_pixel = |c: &contour::Pt| {
        let inside = |v: f64| (v.round() as i32).clamp(0, plot - 1);
        let fx = c.x / w * f64::from(plot);
        let fy = f64::from(plot) - c.y / h * f64::from(plot);
        (margin + inside(fx), CONTOUR_TOP + inside(fy))
    };
    // The pieces of a line that run along the grid's border are not
    // isolines (the crate adds them to close the line): they are left out.
    let along_border = |a: &contour::Pt, b: &contour::Pt| {
        (a.x == b.x && (a.x == 0.0 || a.x == w))
            || (a.y == b.y && (a.y == 0.0 || a.y == h))
    };
    let ink = palette::INK.mix(0.35).stroke_width(1);
    for line in &lines {
        for string in line.geometry().0.iter() {
            let mut piece: Vec<(i32, i32)> = Vec::new();
            for pair in string.0.windows(2) {
                if along_border(&pair[0], &pair[1]) {
                    if piece.len() > 1 {
                        root.draw(&PathElement::new(piece.clone(), ink))?;
                    }
                    piece.clear();
                    continue;
                }
                if piece.is_empty() {
                    piece.push(to_pixel(&pair[0]));
                }
                piece.push(to_pixel(&pair[1]));
            }
            if piece.len() > 1 {
                root.draw(&PathElement::new(piece, ink))?;
            }
        }
    }
    // Axes: ticks every 2 units from -8 to 8.
    root.draw(&Rectangle::new(
        [(margin, CONTOUR_TOP), (margin + plot, CONTOUR_TOP + plot)],
        palette::BORDER.stroke_width(1),
    ))?;
    for tick in (-8..=8).step_by(2) {
        let offset =
            ((f64::from(tick) + 8.0) / 16.0 * f64::from(plot)).round() as i32;
        let centered = Pos::new(HPos::Center, VPos::Top);
        root.draw(&Text::new(
            tick.to_string(),
            (margin + offset, 28 + plot),
            font(14.0).pos(centered),
        ))?;
        let right = Pos::new(HPos::Right, VPos::Center);
        root.draw(&Text::new(
            tick.to_string(),
            (margin - 8, CONTOUR_TOP + plot - offset),
            font(14.0).pos(right),
        ))?;
    }
    // Axis names, and the colour bar's: z = sin(x² + y²) / (x² + y²).
    let top = Pos::new(HPos::Center, VPos::Top);
    let names = [
        ("x", (margin + plot / 2, 52 + plot)),
        ("y", (margin - 44, 10 + plot / 2)),
        ("z", (margin + plot + 42, 28 + plot)),
    ];
    for (name, at) in names {
        root.draw(&Text::new(name, at, font(18.0).pos(top)))?;
    }
    // Colour bar: one box per band, labelled with the levels, as tall as the
    // plot (a whole number of pixels a band, 800 / 7, left it 2 px short).
    let bar_x = margin + plot + 30;
    let bands = CONTOUR_LEVELS.len() - 1;
    let level_y =
        |i: usize| CONTOUR_TOP + plot - (i as i32 * plot) / bands as i32;
    for band in 0..bands {
        root.draw(&Rectangle::new(
            [(bar_x, level_y(band + 1)), (bar_x + 24, level_y(band))],
            band_color(band).filled(),
        ))?;
    }
    for (i, level) in CONTOUR_LEVELS.iter().enumerate() {
        let y = level_y(i);
        let left = Pos::new(HPos::Left, VPos::Center);
        root.draw(&Text::new(
            format!("{level:.1}"),
            (bar_x + 30, y),
            font(14.0).pos(left),
        ))?;
    }
    root.draw(&Rectangle::new(
        [(bar_x, level_y(bands)), (bar_x + 24, level_y(0))],
        palette::BORDER.stroke_width(1),
    ))?;
    root.present()?;
    Ok(())
}

/// How many shades of the colormap the surface uses: smooth to the eye, and few enough that
/// the picture, drawn at twice its size for sharp screens, fits a palette PNG.
const SURFACE_SHADES: f64 = 40.0;

/// The colormap position of height `z` in [-1, 1], rounded to one of the surface's shades.
fn shade(z: f64) -> f64 {
    ((z + 1.0) / 2.0 * SURFACE_SHADES).round() / SURFACE_SHADES
}

/// The tutorial's view of its surface, `ax.view_init(60, 35)`: matplotlib's elevation and
/// azimuth, in degrees.
const SURFACE_VIEW: [f64; 2] = [60.0, 35.0];
/// The surface's coordinates: `np.arange(-5, 5, 0.25)`'s start, stop, step.
const SURFACE_RANGE: [f64; 3] = [-5.0, 5.0, 0.25];

/// `ax.plot_surface(X, Y, sin(sqrt(X² + Y²)), cmap=cm.coolwarm)` seen from elevation 60°,
/// azimuth 35° (`SURFACE_VIEW`), on `np.arange(-5, 5, 0.25)` (`SURFACE_RANGE`).
///
/// # Errors
/// When the PNG file cannot be drawn or written.
pub fn render_surface(path: &Path) -> Result<()> {
    register_fonts();
    let [start, stop, step] = SURFACE_RANGE;
    let axis = numpy_arange(start, stop, step)?;
    let root = hidpi::with_polygon_edges(path, (800, 640), hidpi::Edges::Hard);
    root.fill(&palette::PAPER)?;
    let mut chart = ChartBuilder::on(&root).margin(20).build_cartesian_3d(
        start..stop,
        -1.0..1.0,
        start..stop,
    )?;
    chart.with_projection(|mut p| {
        let [elevation, azimuth] = SURFACE_VIEW;
        p.pitch = elevation.to_radians(); // matplotlib's elev
        p.yaw = azimuth.to_radians(); // matplotlib's azim
        // At plotters' default scale, 1, the rotated box, its peak and its tick
        // labels run off the picture's edges.
        p.scale = 0.75;
        p.into_matrix()
    });
    chart
        .configure_axes()
        .label_style((FONT, 13))
        .light_grid_style(palette::BORDER.mix(0.15))
        .max_light_lines(3)
        .draw()?;
    // Axis names beyond the tick labels: plotters' 3-D axes have none.
    let name = |text: &'static str, at: (f64, f64, f64)| {
        Text::new(text, at, (FONT, 18).into_font().color(&palette::INK))
    };
    chart.draw_series([
        name("x", (0.0, 1.0, -7.0)),
        name("y", (-7.0, 1.0, 0.0)),
        name("z", (-5.0, 0.0, 7.0)),
    ])?;
    let height = |x: f64, y: f64| (x * x + y * y).sqrt().sin();
    chart.draw_series(
        SurfaceSeries::xoz(axis.iter().copied(), axis.iter().copied(), height)
            .style_func(&|&z: &f64| COOLWARM.at(shade(z)).filled()),
    )?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_cover_the_levels() {
        assert_eq!(band_of(-0.3), 0);
        assert_eq!(band_of(-0.2), 1);
        assert_eq!(band_of(0.0), 2);
        assert_eq!(band_of(1.0), 6);
        assert_eq!(band_color(0), PUBU_R.at(0.5 / 7.0));
    }

    #[test]
    fn levels_are_matplotlibs() {
        let text = include_str!(
            "../../../python/outputs/ch06-meshgrid/contour_levels.txt"
        );
        let (_, levels) = text.split_once("levels: [").expect("levels");
        let printed: Vec<f64> = levels
            .trim_end()
            .trim_end_matches(']')
            .split_whitespace()
            .map(|v| v.parse().expect("a number"))
            .collect();
        assert_eq!(printed, CONTOUR_LEVELS);
    }

    /// Figure 6-1's alt text counts the points the code draws and gives their
    /// range.
    #[test]
    fn the_points_alt_text_counts_the_grid() {
        let [start, stop, step] = GRID_RANGE;
        let values = numpy_arange(start, stop, step).expect("a range");
        let (n, first, last) = (values.len(), values[0], values[values.len() - 1]);
        let alt = format!(
            "alt=\"The {} points of the {n} × {n} grid from {first} to {last}\"",
            n * n
        );
        crate::chapter::assert_page_says("ch06-meshgrid.md", &alt);
    }

    /// Figure 6-1's caption is the tutorial's call, `color='k'` included: without it matplotlib
    /// draws each of the five columns in another colour, and the figure's points are black
    /// ([`palette::INK`]). The caption once left `color='k'` out.
    #[test]
    fn the_points_caption_names_the_colour_drawn() {
        let RGBColor(r, g, b) = palette::INK;
        assert!(r.max(g).max(b) < 0x40, "INK is not black: {:?}", palette::INK);
        let caption = "<code>plt.plot(xx, yy, marker='.', color='k', linestyle='none')</code>";
        crate::chapter::assert_page_says("ch06-meshgrid.md", caption);
    }

    /// The page says how Figure 6-2's pixels show the grid: the plot is narrower than the
    /// grid, so a pixel shows one grid point of each square block of them. It once said
    /// "every pixel of the plot is one grid point", as if there were one pixel a point.
    #[test]
    fn the_page_says_how_many_grid_points_a_pixel_shows() {
        let points = numpy_arange(-8.0, 8.0, 0.01).expect("a range").len();
        let side = CONTOUR_SIDE as usize;
        assert_eq!(points % side, 0, "{points} points on {side} pixels");
        let step = points / side;
        let said = format!(
            "one of every {step} × {step}, as the {points} × {points} grid is drawn {side} pixels wide"
        );
        crate::chapter::assert_page_says("ch06-meshgrid.md", &said);
    }

    /// The page says the surface's colormap is matplotlib's `coolwarm` through a few of its
    /// colours: between its keys it can differ. matplotlib 3.11.2's `cm.coolwarm(0.875)` is
    /// (221, 95, 75), this map's (212, 79, 81): 16 units of 255 in green. The page once said
    /// only "coloured with matplotlib's `coolwarm`".
    #[test]
    fn the_page_says_the_surface_colormap_is_an_approximation() {
        let keys = match COOLWARM.0.len() {
            5 => "five",
            other => panic!("the page says five colours, not {other}"),
        };
        assert_eq!(COOLWARM.at(0.875), RGBColor(212, 79, 81));
        let said = format!("runs in straight lines through {keys} of its colours");
        crate::chapter::assert_page_says("ch06-meshgrid.md", &said);
    }

    /// The page names the surface's view and coordinates, which the figure code uses.
    #[test]
    fn the_page_states_the_surface_view_and_grid() {
        let [elevation, azimuth] = SURFACE_VIEW;
        let [start, stop, step] = SURFACE_RANGE;
        let said = format!(
            "on `np.arange({start}, {stop}, {step})`, seen from an elevation of {elevation}° and an azimuth of {azimuth}°"
        );
        crate::chapter::assert_page_says("ch06-meshgrid.md", &said);
    }

    /// Figure 6-2's alt text counts the bands and names the colour bar's
    /// ends, which come from matplotlib's levels.
    #[test]
    fn the_alt_text_states_the_levels() {
        let bands = match CONTOUR_LEVELS.len() - 1 {
            7 => "seven",
            other => panic!("the alt text says seven bands, not {other}"),
        };
        let (low, high) =
            (CONTOUR_LEVELS[0], CONTOUR_LEVELS[CONTOUR_LEVELS.len() - 1]);
        let alt = format!(
            "{bands} bands, colour bar from {low:.1} to {high:.1}\""
        );
        crate::chapter::assert_page_says("ch06-meshgrid.md", &alt);
    }

    /// z is symmetric in x and in y, and so are the filled bands: every pixel
    /// of a band colour mirrors one of the same colour, left to right and top
    /// to bottom (the isolines, drawn at rounded pixels, are left out). When a
    /// pixel showed the grid point at its left edge, this counted 7,850
    /// differences (3,925 pixel pairs, all left to right).
    #[test]
    fn the_filled_bands_are_as_symmetric_as_z() {
        let path = std::env::temp_dir()
            .join(format!("contourf-symmetry-{}.png", std::process::id()));
        render_contourf(&path).expect("drawn");
        let file = std::fs::File::open(&path).expect("written");
        let _ = std::fs::remove_file(&path);
        let mut decoder = png::Decoder::new(file);
        decoder
            .set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder.read_info().expect("a PNG");
        let mut bytes = vec![0; reader.output_buffer_size()];
        let frame = reader.next_frame(&mut bytes).expect("one frame");
        let channels = frame.color_type.samples();
        let pixel = |x: usize, y: usize| {
            let at = (y * frame.width as usize + x) * channels;
            RGBColor(bytes[at], bytes[at + 1], bytes[at + 2])
        };
        let bands: Vec<RGBColor> =
            (0..CONTOUR_LEVELS.len() - 1).map(band_color).collect();
        // The plot's pixels, where render_contourf places them, at the PNG's
        // scale.
        let scale = crate::figures::hidpi::SCALE as usize;
        let [left, top, side] = [CONTOUR_LEFT, CONTOUR_TOP, CONTOUR_SIDE]
            .map(|px| px as usize * scale);
        let (mut compared, mut differ) = (0, 0);
        for y in top..top + side {
            for x in left..left + side {
                let (mx, my) =
                    (2 * left + side - 1 - x, 2 * top + side - 1 - y);
                let here = pixel(x, y);
                for there in [pixel(mx, y), pixel(x, my)] {
                    if bands.contains(&here) && bands.contains(&there) {
                        compared += 1;
                        differ += usize::from(here != there);
                    }
                }
            }
        }
        assert!(compared > side * side, "{compared} pixels compared");
        assert_eq!(differ, 0, "of {compared}");
    }
}
