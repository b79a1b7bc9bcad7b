//! Chapter 8's figures: the windows `iterate` adds up, generations of the
//! seeded board, and the tutorial's animation.

use std::borrow::Cow;
use std::fs::File;
use std::path::Path;

use ndarray::prelude::*;
use plotters::prelude::*;

use super::{seeded_board, FastLife};
use crate::error::Result;
use crate::figures::grid::{draw_caption, draw_grid, CellStyle};
use crate::figures::{palette, register_fonts};

/// Draws a 0/1 board into `area` with `cell` pixels per cell, alive cells dark.
fn draw_board<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    z: &Array2<u8>,
    origin: (i32, i32),
    cell: i32,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    for ((r, c), &alive) in z.indexed_iter() {
        if alive == 1 {
            let (x, y) =
                (origin.0 + c as i32 * cell, origin.1 + r as i32 * cell);
            area.draw(&Rectangle::new(
                [(x, y), (x + cell, y + cell)],
                palette::INK.filled(),
            ))?;
        }
    }
    let (rows, cols) = z.dim();
    let corner = (origin.0 + cols as i32 * cell, origin.1 + rows as i32 * cell);
    area.draw(&Rectangle::new(
        [origin, corner],
        palette::BORDER.stroke_width(1),
    ))?;
    Ok(())
}

/// The side of Figure 8-1's boards.
const WINDOWS_BOARD_SIDE: usize = 6;

/// The nine shifted windows of `iterate` on a 6 × 6 board (the middle one is
/// the cells themselves).
///
/// # Errors
/// When the PNG file cannot be drawn or written.
pub fn render_windows(path: &Path) -> Result<()> {
    register_fonts();
    let (cell, size) = (22i32, WINDOWS_BOARD_SIDE);
    let grid = cell * size as i32;
    let panel = grid + 60; // a grid and the gap to the next one's
    // Margins: 20 px left and right, 40 px above (for the titles), 20 below.
    let (width, height) =
        (20 + 2 * panel + grid + 20, 40 + 2 * panel + grid + 20);
    let root =
        crate::figures::hidpi::canvas(path, (width as u32, height as u32));
    root.fill(&palette::PAPER)?;
    let names = [["0:-2", "1:-1", "2:"], ["0:-2", "1:-1", "2:"]];
    for dr in 0..3 {
        for dc in 0..3 {
            let x0 = 20 + dc as i32 * panel;
            let y0 = 40 + dr as i32 * panel;
            let centre = dr == 1 && dc == 1;
            let title = if centre {
                "the cells: Z[1:-1, 1:-1]".to_string()
            } else {
                format!("Z[{}, {}]", names[0][dr], names[1][dc])
            };
            draw_caption(
                &root,
                &title,
                (x0 + cell * size as i32 / 2, y0 - 14),
                15.0,
            )?;
            // The shared cell grid, as in the book's other array diagrams:
            // its 2 px borders and cell looks (its own 1 px borders made
            // this figure's cells look thinner than theirs).
            draw_grid(
                &root,
                (x0, y0),
                cell,
                size,
                size,
                |_, _| String::new(),
                |r, c| {
                    let inside = r >= dr
                        && r < dr + size - 2
                        && c >= dc
                        && c < dc + size - 2;
                    match (inside, centre) {
                        (true, true) => CellStyle::RESULT,
                        (true, false) => CellStyle::HIGHLIGHT,
                        _ => CellStyle::PLAIN,
                    }
                },
            )?;
        }
    }
    root.present()?;
    Ok(())
}

/// The generations shown in the still panel.
pub const PANEL_GENERATIONS: [usize; 6] = [0, 1, 2, 10, 50, 200];

/// Selected generations of the seeded 100 × 100 board.
///
/// # Errors
/// When the PNG file cannot be drawn or written.
pub fn render_generations(path: &Path) -> Result<()> {
    register_fonts();
    let (cell, size) = (3, 100);
    let panel_w = cell * size + 30;
    let panel_h = cell * size + 50;
    let root = crate::figures::hidpi::canvas(
        path,
        (3 * panel_w as u32 + 10, 2 * panel_h as u32 + 10),
    );
    root.fill(&palette::PAPER)?;
    let mut life = FastLife::new(seeded_board());
    let mut generation = 0;
    for (i, &wanted) in PANEL_GENERATIONS.iter().enumerate() {
        while generation < wanted {
            life.step();
            generation += 1;
        }
        let x0 = 20 + (i % 3) as i32 * panel_w;
        let y0 = 36 + (i / 3) as i32 * panel_h;
        draw_caption(
            &root,
            &format!("generation {wanted}"),
            (x0 + cell * size / 2, y0 - 16),
            16.0,
        )?;
        draw_board(&root, life.board(), (x0, y0), cell)?;
    }
    root.present()?;
    Ok(())
}

/// Generations in the animation, the delay between frames and the pause on
/// the last frame before the animation starts again, in hundredths of a
/// second.
pub const ANIMATION_GENERATIONS: usize = 200;
const FRAME_DELAY: u16 = 8;
const LOOP_PAUSE: u16 = 200;

/// The tutorial's notebook animation as a GIF: the seeded 100 × 100 board, one
/// pixel a cell (the page scales it up, pixelated). Written with the `gif`
/// crate directly, so that it stays small: a two-colour palette, and after the
/// first frame each frame holds only the rectangle of cells that changed, with
/// the cells that did not change transparent. The last frame stays two seconds
/// before the animation starts again.
///
/// # Errors
/// When the GIF file cannot be created or written.
pub fn render_animation(path: &Path) -> Result<()> {
    const TRANSPARENT: u8 = 2;
    let scale = 1usize;
    let board = seeded_board();
    let (rows, cols) = board.dim();
    let (width, height) = ((cols * scale) as u16, (rows * scale) as u16);
    // The figures' paper and ink (a dead cell is 0, a live one 1), and two
    // unused entries (one of them the transparent index).
    let (paper, ink) = (palette::PAPER, palette::INK);
    let palette_bytes = [
        paper.0, paper.1, paper.2, ink.0, ink.1, ink.2, 0, 0, 0, 0, 0, 0,
    ];
    let mut encoder =
        gif::Encoder::new(File::create(path)?, width, height, &palette_bytes)?;
    encoder.set_repeat(gif::Repeat::Infinite)?;
    let mut life = FastLife::new(board);
    let mut shown: Option<Array2<u8>> = None;
    for generation in 0..ANIMATION_GENERATIONS {
        let now = life.board();
        // The cells that changed since the last frame (all of them in the
        // first).
        let changed = |r: usize, c: usize| {
            shown
                .as_ref()
                .is_none_or(|before| before[[r, c]] != now[[r, c]])
        };
        let cells: Vec<(usize, usize)> = (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (r, c)))
            .filter(|&(r, c)| changed(r, c))
            .collect();
        let (top, left, bottom, right) =
            cells
                .iter()
                .fold((rows, cols, 0, 0), |(t, l, b, rt), &(r, c)| {
                    (t.min(r), l.min(c), b.max(r + 1), rt.max(c + 1))
                });
        let (top, left, bottom, right) = if cells.is_empty() {
            // Nothing changed: one transparent cell keeps the timing.
            (0, 0, 1, 1)
        } else {
            (top, left, bottom, right)
        };
        let (w, h) = ((right - left) * scale, (bottom - top) * scale);
        let mut pixels = vec![TRANSPARENT; w * h];
        for r in top..bottom {
            for c in left..right {
                if !changed(r, c) {
                    continue;
                }
                for dy in 0..scale {
                    let start =
                        ((r - top) * scale + dy) * w + (c - left) * scale;
                    pixels[start..start + scale].fill(now[[r, c]]);
                }
            }
        }
        let frame = gif::Frame {
            left: (left * scale) as u16,
            top: (top * scale) as u16,
            width: w as u16,
            height: h as u16,
            delay: if generation + 1 == ANIMATION_GENERATIONS {
                LOOP_PAUSE
            } else {
                FRAME_DELAY
            },
            dispose: gif::DisposalMethod::Keep,
            transparent: Some(TRANSPARENT),
            buffer: Cow::Borrowed(&pixels),
            ..gif::Frame::default()
        };
        encoder.write_frame(&frame)?;
        shown = Some(now.clone());
        life.step();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Figure 8-3's alt text names the generations the panel draws, for a
    /// reader who cannot see them.
    #[test]
    fn the_alt_text_names_the_panels_generations() {
        let page = crate::chapter::page_text("ch08-life.md");
        let (last, first) =
            PANEL_GENERATIONS.split_last().expect("some generations");
        let first: Vec<String> = first.iter().map(|g| g.to_string()).collect();
        let listed = format!("at generations {} and {last}", first.join(", "));
        let (rows, cols) = seeded_board().dim();
        let alt = format!(
            "alt=\"Six snapshots of the seeded {rows} × {cols} board, {listed}, \
             fewer cells alive in each\""
        );
        assert_eq!(PANEL_GENERATIONS.len(), 6, "the alt text says six");
        assert!(page.contains(&alt), "{alt}");
        // Fewer cells alive in each panel than in the one before.
        let mut life = FastLife::new(seeded_board());
        let mut alive: Vec<usize> = Vec::new();
        let mut generation = 0;
        for &wanted in &PANEL_GENERATIONS {
            while generation < wanted {
                life.step();
                generation += 1;
            }
            alive.push(life.board().iter().map(|&c| usize::from(c)).sum());
        }
        assert!(alive.windows(2).all(|w| w[1] < w[0]), "{alive:?}");
    }

    /// Figure 8-2's alt text gives the seeded board's size, and the page
    /// shows the one-pixel-a-cell animation at three pixels a cell.
    #[test]
    fn the_animation_alt_text_gives_the_board_size() {
        let page = crate::chapter::page_text("ch08-life.md");
        let (rows, cols) = seeded_board().dim();
        let alt = format!(
            "alt=\"The Game of Life on the seeded {rows} × {cols} board, \
             animated\" width=\"{}\" height=\"{}\"",
            3 * cols,
            3 * rows
        );
        assert!(page.contains(&alt), "{alt}");
    }

    /// Figure 8-1's alt text gives the sizes of the boards and windows drawn.
    #[test]
    fn the_windows_alt_text_gives_the_sizes_drawn() {
        let page = crate::chapter::page_text("ch08-life.md");
        let (n, w) = (WINDOWS_BOARD_SIDE, WINDOWS_BOARD_SIDE - 2);
        for text in [
            format!("alt=\"Nine {n} × {n} boards in a 3 × 3 square:"),
            format!("each of the eight around it the {w} × {w} window"),
        ] {
            assert!(page.contains(&text), "{text}");
        }
    }
}
