//! Chapter 6, "meshgrid": coordinate grids, dense and sparse, and pictures of functions.

use std::path::Path;

use ndarray::prelude::*;
use ndarray::{MeshIndex, Zip};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::figures::grid::palette;
use crate::figures::{register_fonts, Figure, FigureError, FONT};
use crate::results::committed_table;
use crate::samples::{GeneratedOutput, Sample};

/// The samples of chapter 6, in reading order.
pub const SAMPLES: &[Sample] = &[
    Sample {
        chapter: "ch06-meshgrid",
        name: "grid_5x5",
        run: grid_5x5,
    },
    Sample {
        chapter: "ch06-meshgrid",
        name: "dense_vs_sparse",
        run: dense_vs_sparse,
    },
    Sample {
        chapter: "ch06-meshgrid",
        name: "zero_on_the_grid",
        run: zero_on_the_grid,
    },
    Sample {
        chapter: "ch06-meshgrid",
        name: "z_values",
        run: z_values,
    },
    Sample {
        chapter: "ch06-meshgrid",
        name: "exercise_ij",
        run: exercise_ij,
    },
    Sample {
        chapter: "ch06-meshgrid",
        name: "exercise_saddle",
        run: exercise_saddle,
    },
];

/// The figures of chapter 6.
pub const FIGURES: &[Figure] = &[
    Figure {
        file: "ch06-meshgrid-points.png",
        render: render_grid_points,
    },
    Figure {
        file: "ch06-meshgrid-contourf.png",
        render: render_contourf,
    },
    Figure {
        file: "ch06-meshgrid-surface.png",
        render: render_surface,
    },
];

/// The chapter's benchmark table, from the committed results.
pub const GENERATED: &[GeneratedOutput] = &[GeneratedOutput {
    path: "src/outputs/ch06-meshgrid/sinc-table.md",
    render: sinc_table,
}];

// ANCHOR: numpy_arange
/// `np.arange(start, stop, step)` for floats, value for value.
///
/// NumPy computes the length as `ceil((stop - start) / step)`, then fills the array as
/// `start + i * delta`, where `delta` is *not* `step` but `(start + step) - start` — the step
/// as it survives one floating-point addition. ndarray's `Array::range` multiplies by `step`
/// itself, so the two can differ in the last bits.
pub fn numpy_arange(start: f64, stop: f64, step: f64) -> Array1<f64> {
    let len = ((stop - start) / step).ceil().max(0.0) as usize;
    let delta = (start + step) - start;
    Array::from_iter((0..len).map(|i| match i {
        0 => start,
        1 => start + step,
        _ => start + i as f64 * delta,
    }))
}
// ANCHOR_END: numpy_arange

// ANCHOR: grid_5x5
/// The tutorial's 5×5 grid of points.
pub fn grid_5x5() {
    let xvalues = numpy_arange(-1.0, 1.05, 0.5); // np.arange(-1, 1.05, 0.5)
    let yvalues = numpy_arange(-1.0, 1.05, 0.5);
    let (xx, yy) = ndarray::meshgrid((&xvalues, &yvalues), MeshIndex::XY);
    println!("{xx}\n\n{yy}");

    // xx repeats x along the rows, yy repeats y down the columns: point (i, j) is
    // (xx[i][j], yy[i][j]) = (x[j], y[i]).
    assert_eq!(xx.row(3), xvalues);
    assert_eq!(yy.column(3), yvalues);
    // ndarray's meshgrid returns views with a stride of 0 on the repeated axis: no copies.
    assert_eq!(xx.strides(), &[0, 1]);
    assert_eq!(yy.strides(), &[1, 0]);
}
// ANCHOR_END: grid_5x5

// ANCHOR: dense_vs_sparse
/// What a 1600 × 1600 grid costs: NumPy's dense and sparse grids, and ndarray's views.
pub fn dense_vs_sparse() {
    let x = numpy_arange(-8.0, 8.0, 0.01);
    let y = numpy_arange(-8.0, 8.0, 0.01);
    let f64_bytes = size_of::<f64>();

    // Like NumPy's default: two full 1600 × 1600 arrays.
    let (xx, yy) = ndarray::meshgrid((&x, &y), MeshIndex::XY);
    let (dense_x, dense_y) = (xx.to_owned(), yy.to_owned());
    let dense = (dense_x.len() + dense_y.len()) * f64_bytes;
    println!(
        "dense, owned:  {:?} {:?} {dense} bytes",
        dense_x.shape(),
        dense_y.shape()
    );

    // Like sparse=True: a row and a column, which broadcasting stretches when needed.
    let (sx, sy) = (x.slice(s![NewAxis, ..]), y.slice(s![.., NewAxis]));
    let sparse = (sx.len() + sy.len()) * f64_bytes;
    println!(
        "sparse views:  {:?} {:?} {sparse} bytes",
        sx.shape(),
        sy.shape()
    );

    // ndarray's meshgrid: dense-looking views, stride 0, no bytes beyond x and y.
    println!(
        "meshgrid views: {:?} {:?} strides {:?} {:?}",
        xx.shape(),
        yy.shape(),
        xx.strides(),
        yy.strides()
    );
    assert_eq!(dense, 40_960_000);
    assert_eq!(sparse, 25_600);
    assert_eq!(xx.as_ptr(), x.as_ptr());
}
// ANCHOR_END: dense_vs_sparse

// ANCHOR: zero_on_the_grid
/// Does the grid contain 0.0, where sin(r²)/r² is 0/0? With NumPy's arange, no.
pub fn zero_on_the_grid() {
    let x = numpy_arange(-8.0, 8.0, 0.01);
    println!(
        "len: {}, x[800] = {:e}, 0.0 in x: {}",
        x.len(),
        x[800],
        x.iter().any(|&v| v == 0.0)
    );
    println!("the step NumPy really used: {:?}", x[1] - x[0]);

    // ndarray's Array::range multiplies by 0.01 itself and does land on 0.0:
    let r = Array::range(-8.0, 8.0, 0.01);
    println!(
        "Array::range: x[800] = {:e}, 0.0 in x: {}",
        r[800],
        r.iter().any(|&v| v == 0.0)
    );
    assert_eq!(x[800], -1.7053025658242404e-13);
    assert_eq!(r[800], 0.0);
}
// ANCHOR_END: zero_on_the_grid

// ANCHOR: sinc_broadcast
/// `z = np.sin(xx**2 + yy**2) / (xx**2 + yy**2)` on sparse grids, word for word:
/// two temporaries of the full size (the sum and the sine) before the division.
pub fn sinc_broadcast(x: ArrayView1<f64>, y: ArrayView1<f64>) -> Array2<f64> {
    let xx = x.slice(s![NewAxis, ..]);
    let yy = y.slice(s![.., NewAxis]);
    let r2 = &xx.mapv(|v| v * v) + &yy.mapv(|v| v * v);
    r2.mapv(f64::sin) / &r2
}
// ANCHOR_END: sinc_broadcast

// ANCHOR: sinc
/// The same function in one pass: the squares are computed once per row and column, and
/// each output element is written once, with no temporary array.
pub fn sinc(x: ArrayView1<f64>, y: ArrayView1<f64>) -> Array2<f64> {
    let x2 = x.mapv(|v| v * v);
    let y2 = y.mapv(|v| v * v).insert_axis(Axis(1));
    let shape = (y.len(), x.len());
    let (Some(xx2), Some(yy2)) = (x2.broadcast(shape), y2.broadcast(shape)) else {
        unreachable!("a row and a column always broadcast to (rows, columns)");
    };
    Zip::from(xx2).and(yy2).map_collect(|&a, &b| {
        let r2 = a + b;
        r2.sin() / r2
    })
}
// ANCHOR_END: sinc

// ANCHOR: z_values
/// The function on the tutorial's grid, checked against values NumPy printed.
pub fn z_values() {
    let x = numpy_arange(-8.0, 8.0, 0.01);
    let z = sinc(x.view(), x.view());
    let nans = z.iter().filter(|v| v.is_nan()).count();
    let max = z.iter().copied().fold(f64::MIN, f64::max);
    println!("shape: {:?}, NaN values: {nans}, max: {max}", z.shape());
    for (i, j) in [(0, 0), (800, 800), (123, 456), (1599, 1599)] {
        println!("z[{i}, {j}] = {:?}", z[[i, j]]);
    }
    // From python/outputs/ch06-meshgrid/z_function.txt:
    assert_eq!(z[[0, 0]], 0.005633107113294778);
    assert_eq!(z[[123, 456]], 0.015592308724284432);
    assert_eq!(z[[800, 800]], 1.0);
    assert_eq!(nans, 0);
    assert_eq!(z, sinc_broadcast(x.view(), x.view()));
}
// ANCHOR_END: z_values

/// The sinc benchmark table (markdown).
pub fn sinc_table() -> Result<String, String> {
    committed_table(
        "sinc",
        "numpy_sparse",
        &[
            (
                "python",
                "numpy_sparse",
                "NumPy, sparse grids (the tutorial)",
            ),
            (
                "rust",
                "sinc_broadcast",
                "Rust `sinc_broadcast` (word for word)",
            ),
            ("rust", "sinc", "Rust `sinc` (one pass)"),
            ("rust+thp", "sinc", "Rust `sinc`, huge pages"),
        ],
    )
}

/// A colormap given by evenly spaced key colours, linearly interpolated.
pub struct Colormap(pub &'static [(u8, u8, u8)]);

impl Colormap {
    /// The colour at `t` in `[0, 1]` (clamped).
    pub fn at(&self, t: f64) -> RGBColor {
        let keys = self.0;
        let t = t.clamp(0.0, 1.0) * (keys.len() - 1) as f64;
        let i = (t.floor() as usize).min(keys.len() - 2);
        let f = t - i as f64;
        let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
        let (a, b) = (keys[i], keys[i + 1]);
        RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }
}

/// ColorBrewer's PuBu, reversed (matplotlib's `PuBu_r`): dark blue for low values, white for high.
pub const PUBU_R: Colormap = Colormap(&[
    (0x02, 0x38, 0x58),
    (0x04, 0x5a, 0x8d),
    (0x05, 0x70, 0xb0),
    (0x36, 0x90, 0xc0),
    (0x74, 0xa9, 0xcf),
    (0xa6, 0xbd, 0xdb),
    (0xd0, 0xd1, 0xe6),
    (0xec, 0xe7, 0xf2),
    (0xff, 0xf7, 0xfb),
]);

/// Kenneth Moreland's cool-warm diverging map (matplotlib's `coolwarm`), by five key colours.
pub const COOLWARM: Colormap = Colormap(&[
    (0x3b, 0x4c, 0xc0),
    (0x8d, 0xb0, 0xfe),
    (0xdd, 0xdd, 0xdd),
    (0xf4, 0x9a, 0x7b),
    (0xb4, 0x04, 0x26),
]);

/// The 5×5 grid of points, `plt.plot(xx, yy, marker='.', linestyle='none')`.
pub fn render_grid_points(path: &Path) -> Result<(), FigureError> {
    register_fonts();
    let values = numpy_arange(-1.0, 1.05, 0.5);
    let (xx, yy) = ndarray::meshgrid((&values, &values), MeshIndex::XY);
    let root = BitMapBackend::new(path, (480, 480)).into_drawing_area();
    root.fill(&palette::PAPER)?;
    let mut chart = ChartBuilder::on(&root)
        .caption("np.meshgrid(xvalues, yvalues)", (FONT, 20))
        .margin(16)
        .x_label_area_size(36)
        .y_label_area_size(44)
        .build_cartesian_2d(-1.25..1.25, -1.25..1.25)?;
    chart.configure_mesh().label_style((FONT, 14)).draw()?;
    chart.draw_series(
        Zip::from(&xx)
            .and(&yy)
            .map_collect(|&x, &y| Circle::new((x, y), 5, palette::INK.filled())),
    )?;
    root.present()?;
    Ok(())
}

/// The band boundaries of the filled contour plot: matplotlib's automatic levels for this
/// function's range (-0.217… to 1), steps of 0.15.
pub const CONTOUR_LEVELS: [f64; 10] = [-0.3, -0.15, 0.0, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1.05];

/// The index of the band `value` falls in (values outside the levels go to the end bands).
fn band_of(value: f64) -> usize {
    CONTOUR_LEVELS[1..CONTOUR_LEVELS.len() - 1]
        .iter()
        .take_while(|&&level| value >= level)
        .count()
}

/// The colour of band `band`, evenly spread over the colormap.
fn band_color(band: usize) -> RGBColor {
    PUBU_R.at(band as f64 / (CONTOUR_LEVELS.len() - 2) as f64)
}

/// `plt.contourf(x, y, z, cmap=cm.PuBu_r)` with a colour bar.
///
/// Each pixel of the plot area is one grid point (every second one of the 1600 × 1600 grid),
/// coloured by the band its value falls in, which is exactly what a filled contour plot shows;
/// the band boundaries are then drawn as isolines computed by marching squares (the `contour`
/// crate), which gives them sub-pixel positions.
pub fn render_contourf(path: &Path) -> Result<(), FigureError> {
    register_fonts();
    let x = numpy_arange(-8.0, 8.0, 0.01);
    let z = sinc(x.view(), x.view());
    let (plot, bar, margin) = (800i32, 110i32, 60i32);
    let size = (margin + plot + bar + 20, margin + plot + 50);
    let root = BitMapBackend::new(path, (size.0 as u32, size.1 as u32)).into_drawing_area();
    root.fill(&palette::PAPER)?;
    let font = |s: f64| (FONT, s).into_font().color(&palette::INK);

    // Filled bands: row 0 of z is y = -8, drawn at the bottom.
    let step = z.nrows() / plot as usize;
    for py in 0..plot {
        for px in 0..plot {
            let row = z.nrows() - 1 - py as usize * step;
            let value = z[[row, px as usize * step]];
            root.draw_pixel((margin + px, 20 + py), &band_color(band_of(value)))?;
        }
    }
    // Isolines on a coarser grid (400 × 400), smoothed, in plot coordinates.
    let coarse = z.slice(s![..;4, ..;4]);
    let (h, w) = coarse.dim();
    let values: Vec<f64> = coarse.iter().copied().collect();
    let lines = contour::ContourBuilder::new(w, h, true)
        .lines(&values, &CONTOUR_LEVELS[1..CONTOUR_LEVELS.len() - 1])
        .map_err(|e| format!("contour: {e:?}"))?;
    let to_pixel = |gx: f64, gy: f64| {
        let fx = gx / (w - 1) as f64 * f64::from(plot);
        let fy = f64::from(plot) - gy / (h - 1) as f64 * f64::from(plot);
        (margin + fx.round() as i32, 20 + fy.round() as i32)
    };
    for line in &lines {
        for string in line.geometry().0.iter() {
            let points: Vec<(i32, i32)> = string.0.iter().map(|c| to_pixel(c.x, c.y)).collect();
            root.draw(&PathElement::new(
                points,
                palette::INK.mix(0.35).stroke_width(1),
            ))?;
        }
    }
    // Axes: ticks every 2 units from -8 to 8.
    root.draw(&Rectangle::new(
        [(margin, 20), (margin + plot, 20 + plot)],
        palette::BORDER.stroke_width(1),
    ))?;
    for tick in (-8..=8).step_by(2) {
        let offset = ((f64::from(tick) + 8.0) / 16.0 * f64::from(plot)).round() as i32;
        let centered = Pos::new(HPos::Center, VPos::Top);
        root.draw(&Text::new(
            tick.to_string(),
            (margin + offset, 28 + plot),
            font(14.0).pos(centered),
        ))?;
        let right = Pos::new(HPos::Right, VPos::Center);
        root.draw(&Text::new(
            tick.to_string(),
            (margin - 8, 20 + plot - offset),
            font(14.0).pos(right),
        ))?;
    }
    // Colour bar: one box per band, labelled with the levels.
    let bar_x = margin + plot + 30;
    let bands = CONTOUR_LEVELS.len() - 1;
    let band_height = plot / bands as i32;
    for band in 0..bands {
        let top = 20 + plot - (band as i32 + 1) * band_height;
        root.draw(&Rectangle::new(
            [(bar_x, top), (bar_x + 24, top + band_height)],
            band_color(band).filled(),
        ))?;
    }
    for (i, level) in CONTOUR_LEVELS.iter().enumerate() {
        let y = 20 + plot - i as i32 * band_height;
        let left = Pos::new(HPos::Left, VPos::Center);
        root.draw(&Text::new(
            format!("{level:.2}"),
            (bar_x + 30, y),
            font(14.0).pos(left),
        ))?;
    }
    root.draw(&Rectangle::new(
        [
            (bar_x, 20 + plot - bands as i32 * band_height),
            (bar_x + 24, 20 + plot),
        ],
        palette::BORDER.stroke_width(1),
    ))?;
    root.present()?;
    Ok(())
}

/// `ax.plot_surface(X, Y, sin(sqrt(X² + Y²)), cmap=cm.coolwarm)` seen from elevation 60°,
/// azimuth 35°, on `np.arange(-5, 5, 0.25)`.
pub fn render_surface(path: &Path) -> Result<(), FigureError> {
    register_fonts();
    let axis = numpy_arange(-5.0, 5.0, 0.25);
    let root = BitMapBackend::new(path, (800, 640)).into_drawing_area();
    root.fill(&palette::PAPER)?;
    let mut chart =
        ChartBuilder::on(&root)
            .margin(20)
            .build_cartesian_3d(-5.0..5.0, -1.0..1.0, -5.0..5.0)?;
    chart.with_projection(|mut p| {
        p.pitch = 60f64.to_radians(); // matplotlib's elev
        p.yaw = 35f64.to_radians(); // matplotlib's azim
        p.scale = 0.75;
        p.into_matrix()
    });
    chart
        .configure_axes()
        .label_style((FONT, 13))
        .light_grid_style(palette::BORDER.mix(0.15))
        .max_light_lines(3)
        .draw()?;
    let height = |x: f64, y: f64| (x * x + y * y).sqrt().sin();
    chart.draw_series(
        SurfaceSeries::xoz(axis.iter().copied(), axis.iter().copied(), height)
            .style_func(&|&z: &f64| COOLWARM.at((z + 1.0) / 2.0).filled()),
    )?;
    root.present()?;
    Ok(())
}

// ANCHOR: exercise_ij
/// Exercise: matrix (IJ) indexing gives shape (len(x), len(y)) instead of (len(y), len(x)).
pub fn exercise_ij() {
    let x = array![1, 2];
    let y = array![3, 4, 5];
    let (xx, yy) = ndarray::meshgrid((&x, &y), MeshIndex::IJ);
    println!("{xx}\n{yy}");
    assert_eq!(xx.shape(), &[2, 3]);
    assert_eq!(yy.row(0), y);
}
// ANCHOR_END: exercise_ij

// ANCHOR: exercise_saddle
/// Exercise: the minimum of x² − y² on a 201 × 201 grid of [−1, 1]², and where it is.
pub fn exercise_saddle() {
    let axis = Array::linspace(-1.0, 1.0, 201);
    let (xx, yy) = ndarray::meshgrid((&axis, &axis), MeshIndex::XY);
    let z = Zip::from(xx).and(yy).map_collect(|&x, &y| x * x - y * y);
    let (at, min) =
        z.indexed_iter().fold(
            ((0, 0), f64::MAX),
            |best, (ij, &v)| if v < best.1 { (ij, v) } else { best },
        );
    println!("min {min} at x = {}, y = {}", axis[at.1], axis[at.0]);
    assert_eq!(min, -1.0);
    assert_eq!(axis[at.1], 0.0);
}
// ANCHOR_END: exercise_saddle

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_arange_matches_numpy() {
        // Values printed by NumPy 2.4 (python/outputs/ch06-meshgrid/is_zero_on_the_grid.txt).
        let x = numpy_arange(-8.0, 8.0, 0.01);
        assert_eq!(x.len(), 1600);
        assert_eq!(x[800], -1.7053025658242404e-13);
        assert_eq!(x[1] - x[0], 0.009999999999999787);
        assert_eq!(x[1599], 7.989999999999659);
        assert_eq!(
            numpy_arange(-1.0, 1.05, 0.5),
            array![-1.0, -0.5, 0.0, 0.5, 1.0]
        );
        assert_eq!(numpy_arange(-5.0, 5.0, 0.25).len(), 40);
        assert_eq!(numpy_arange(1.0, 0.0, 1.0).len(), 0);
    }

    #[test]
    fn bands_cover_the_levels() {
        assert_eq!(band_of(-0.2), 0);
        assert_eq!(band_of(0.0), 2);
        assert_eq!(band_of(1.0), 8);
        assert_eq!(PUBU_R.at(0.0), RGBColor(0x02, 0x38, 0x58));
        assert_eq!(PUBU_R.at(1.0), RGBColor(0xff, 0xf7, 0xfb));
    }
}
