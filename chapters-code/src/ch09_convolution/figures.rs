//! Chapter 9's figure: a kernel sliding over an image.

use std::path::Path;

use ndarray::arr2;

use super::{correlate2d, Mode};
use crate::error::Result;
use crate::figures::grid::{draw_caption, draw_grid, palette, CellStyle};
use crate::figures::register_fonts;
use crate::random::RandomState;

/// The side of the figure's square image.
const IMAGE_SIDE: usize = 6;
/// The figure's kernel: the discrete Laplacian.
const KERNEL: [[i64; 3]; 3] = [[0, 1, 0], [1, -4, 1], [0, 1, 0]];

/// A 3×3 kernel sliding over a 6×6 image: the window under the kernel, the weights, and the
/// output cell their weighted sum fills.
///
/// # Errors
///
/// When the PNG file cannot be drawn or written.
pub fn render_kernel(path: &Path) -> Result<()> {
    register_fonts();
    let image = RandomState::new(7).randint(0, 10, IMAGE_SIDE, IMAGE_SIDE);
    let kernel = arr2(&KERNEL);
    let output = correlate2d(image.view(), kernel.view(), Mode::Valid)?;
    let (wr, wc) = (1, 2); // the window's top-left corner
    let cell = 46;
    let (img_x, ker_x, out_x, top) = (30, 400, 660, 70);
    // As wide as the three grids, with the same margin right as left (a
    // 960 px canvas left 116 px on the right, 30 on the left).
    let width = out_x + 4 * cell + img_x;
    let root = crate::figures::hidpi::canvas(path, (width as u32, 400));
    root.fill(&palette::PAPER)?;
    let (plain, highlight, result) =
        (CellStyle::PLAIN, CellStyle::HIGHLIGHT, CellStyle::RESULT);
    draw_grid(
        &root,
        (img_x, top),
        cell,
        6,
        6,
        |r, c| image[[r, c]].to_string(),
        |r, c| {
            if (wr..wr + 3).contains(&r) && (wc..wc + 3).contains(&c) {
                highlight
            } else {
                plain
            }
        },
    )?;
    draw_grid(
        &root,
        (ker_x, top + cell),
        cell,
        3,
        3,
        |r, c| kernel[[r, c]].to_string(),
        |_, _| highlight,
    )?;
    draw_grid(
        &root,
        (out_x, top + cell / 2),
        cell,
        4,
        4,
        |r, c| output[[r, c]].to_string(),
        |r, c| {
            if (r, c) == (wr, wc) {
                result
            } else {
                plain.faded(0.45)
            }
        },
    )?;
    draw_caption(&root, "image", (img_x + 3 * cell, top - 24), 20.0)?;
    draw_caption(
        &root,
        "kernel",
        (ker_x + 3 * cell / 2, top + cell - 24),
        20.0,
    )?;
    draw_caption(
        &root,
        "output (Valid)",
        (out_x + 2 * cell, top + cell / 2 - 24),
        20.0,
    )?;
    draw_caption(&root, "×", (ker_x - 45, top + 5 * cell / 2), 36.0)?;
    draw_caption(&root, "=", (out_x - 60, top + 5 * cell / 2), 36.0)?;
    // The weighted sum as one writes it: a negative weight is subtracted
    // ("− 4·0", not "+ -4·0").
    let mut sum = String::new();
    let weights = (0..3).flat_map(|r| (0..3).map(move |c| (r, c)));
    for (r, c) in weights.filter(|&(r, c)| kernel[[r, c]] != 0) {
        let (weight, value) = (kernel[[r, c]], image[[wr + r, wc + c]]);
        let sign = match (sum.is_empty(), weight < 0) {
            (true, false) => "",
            (true, true) => "−",
            (false, false) => " + ",
            (false, true) => " − ",
        };
        sum.push_str(&format!("{sign}{}·{value}", weight.abs()));
    }
    sum.push_str(&format!(" = {}", output[[wr, wc]]));
    draw_caption(&root, &sum, (width / 2, top + 6 * cell + 30), 20.0)?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chapter 9: "With a kernel that is its own 180° rotation, like the Life
    /// kernel, or the one in Figure 9-1, there is no difference" between
    /// convolving and correlating: each equals itself rotated by 180°, and the
    /// two agree. The page once said "a symmetric kernel", which a kernel
    /// symmetric about its diagonal is too, and for it the two differ: the
    /// page names the property and that kernel, checked here.
    #[test]
    fn the_figure_kernel_is_its_own_rotation() {
        use crate::convolution::{convolve2d, correlate2d, Mode};
        use ndarray::{array, Array2};
        let figure = Array2::from_shape_fn((3, 3), |(i, j)| KERNEL[i][j]);
        let life = array![[1, 1, 1], [1, 0, 1], [1, 1, 1]];
        let image = Array2::from_shape_fn((5, 6), |(i, j)| (7 * i + j * j) as i64);
        for kernel in [figure, life] {
            let rotated = kernel.slice(ndarray::s![..;-1, ..;-1]);
            assert_eq!(kernel, rotated);
            for mode in [Mode::Full, Mode::Same, Mode::Valid] {
                let conv = convolve2d(image.view(), kernel.view(), mode);
                assert_eq!(conv, correlate2d(image.view(), kernel.view(), mode));
            }
        }
        // Symmetric about its diagonal, not its own rotation: the two differ.
        let diagonal = array![[0, 1], [1, 2]];
        assert_eq!(diagonal, diagonal.t());
        assert_ne!(diagonal, diagonal.slice(ndarray::s![..;-1, ..;-1]));
        let conv = convolve2d(image.view(), diagonal.view(), Mode::Full);
        assert_ne!(conv, correlate2d(image.view(), diagonal.view(), Mode::Full));
        let page = crate::chapter::page_text("ch09-convolution.md");
        let page = page.split_whitespace().collect::<Vec<_>>().join(" ");
        for said in [
            "With a kernel that is its own 180° rotation, like the Life kernel, or the one in \
             Figure 9-1, there is no difference",
            "(a kernel symmetric about its diagonal, such as `[[0, 1], [1, 2]]`, is not enough)",
        ] {
            assert!(page.contains(said), "src/ch09-convolution.md: {said:?}");
        }
    }

    /// Figure 9-1's alt text gives the sizes the code draws.
    #[test]
    fn the_alt_text_gives_the_sizes_drawn() {
        let (k, n) = (KERNEL.len(), IMAGE_SIDE);
        assert!(KERNEL.iter().all(|row| row.len() == k), "a square kernel");
        let alt = format!("alt=\"A {k} × {k} kernel over a {n} × {n} image:");
        crate::chapter::assert_page_says("ch09-convolution.md", &alt);
    }
}
