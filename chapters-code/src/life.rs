//! Chapter 8, "Conway's Game of Life": the tutorial's `iterate` with slices, a fused version,
//! and the animation the tutorial shows in a notebook, as a GIF.

// `s![0..-2, ..]` counts negative ends from the end of the axis, like NumPy; clippy reads
// `0..-2` as an empty Rust range. And `&a + &b` keeps the NumPy shape of the neighbour sum.
#![allow(clippy::reversed_empty_ranges, clippy::op_ref)]

use std::borrow::Cow;
use std::fs::File;
use std::path::Path;

use ndarray::prelude::*;
use ndarray::Zip;
use plotters::prelude::*;

use crate::figures::grid::{draw_caption, palette};
use crate::figures::{register_fonts, Figure, FigureError};
use crate::random::RandomState;
use crate::results::committed_table;
use crate::samples::{GeneratedOutput, Sample};

/// The samples of chapter 8, in reading order.
pub const SAMPLES: &[Sample] = &[
    Sample {
        chapter: "ch08-life",
        name: "blinker",
        run: blinker,
    },
    Sample {
        chapter: "ch08-life",
        name: "glider",
        run: glider,
    },
    Sample {
        chapter: "ch08-life",
        name: "random_board",
        run: random_board,
    },
    Sample {
        chapter: "ch08-life",
        name: "fast_equals_slices",
        run: fast_equals_slices,
    },
    Sample {
        chapter: "ch08-life",
        name: "exercise_toad",
        run: exercise_toad,
    },
    Sample {
        chapter: "ch08-life",
        name: "exercise_population",
        run: exercise_population,
    },
];

/// The figures of chapter 8.
pub const FIGURES: &[Figure] = &[
    Figure {
        file: "ch08-life-windows.png",
        render: render_windows,
    },
    Figure {
        file: "ch08-life-generations.png",
        render: render_generations,
    },
    Figure {
        file: "ch08-life.gif",
        render: render_animation,
    },
];

/// The chapter's benchmark table, from the committed results.
pub const GENERATED: &[GeneratedOutput] = &[GeneratedOutput {
    path: "src/outputs/ch08-life/life-table.md",
    render: life_table,
}];

/// The seed of the book's random boards (`np.random.RandomState(LIFE_SEED)`).
pub const LIFE_SEED: u32 = 42;

/// The book's 100 × 100 board: `np.random.RandomState(42).choice([0, 1], size=(100, 100))`.
pub fn seeded_board() -> Array2<u8> {
    RandomState::new(LIFE_SEED).choice_binary(100, 100)
}

// ANCHOR: iterate
/// One generation of the Game of Life, exactly as the tutorial's NumPy `iterate` computes it:
/// cells hold 0 (dead) or 1 (alive), and the border cells are always dead.
pub fn iterate(z: &mut Array2<u8>) {
    let (rows, cols) = z.dim();
    if rows < 3 || cols < 3 {
        z.fill(0); // no interior: NumPy's slices are empty and Z[...] = 0 kills every cell
        return;
    }
    // Count neighbours: the sum of the eight shifted windows.
    let n = &z.slice(s![0..-2, 0..-2]) + &z.slice(s![0..-2, 1..-1]) + &z.slice(s![0..-2, 2..])
        + &z.slice(s![1..-1, 0..-2]) /*       the cell itself       */ + &z.slice(s![1..-1, 2..])
        + &z.slice(s![2.., 0..-2]) + &z.slice(s![2.., 1..-1]) + &z.slice(s![2.., 2..]);

    // Apply rules
    let interior = z.slice(s![1..-1, 1..-1]);
    let birth = Zip::from(&n)
        .and(&interior)
        .map_collect(|&n, &z| n == 3 && z == 0);
    let survive = Zip::from(&n)
        .and(&interior)
        .map_collect(|&n, &z| (n == 2 || n == 3) && z == 1);
    z.fill(0); // Z[...] = 0
    Zip::from(z.slice_mut(s![1..-1, 1..-1])) // Z[1:-1,1:-1][birth | survive] = 1
        .and(&birth)
        .and(&survive)
        .for_each(|cell, &born, &survived| {
            if born || survived {
                *cell = 1;
            }
        });
}
// ANCHOR_END: iterate

// ANCHOR: fast
/// The same rules in one pass with no temporary arrays: two boards that swap roles, and for
/// each row a buffer of column sums (the three cells above, at and below), so that a cell's
/// neighbour count is three additions and a subtraction. The inner loops run over plain byte
/// slices, which the compiler turns into SIMD instructions.
pub struct FastLife {
    current: Array2<u8>,
    next: Array2<u8>,
    column_sums: Vec<u8>,
}

impl FastLife {
    /// Starts from a board of 0s and 1s.
    pub fn new(board: Array2<u8>) -> FastLife {
        let next = Array2::zeros(board.dim());
        let column_sums = vec![0; board.ncols()];
        FastLife {
            current: board.as_standard_layout().into_owned(),
            next,
            column_sums,
        }
    }

    /// The current board.
    pub fn board(&self) -> &Array2<u8> {
        &self.current
    }

    /// Advances one generation; same result as [`iterate`].
    pub fn step(&mut self) {
        let (rows, cols) = self.current.dim();
        self.next.fill(0);
        if rows >= 3 && cols >= 3 {
            let (Some(src), Some(dst)) = (self.current.as_slice(), self.next.as_slice_mut()) else {
                unreachable!("both boards are in standard layout");
            };
            for i in 1..rows - 1 {
                let above = &src[(i - 1) * cols..i * cols];
                let middle = &src[i * cols..(i + 1) * cols];
                let below = &src[(i + 1) * cols..(i + 2) * cols];
                for (sum, ((&a, &m), &b)) in self
                    .column_sums
                    .iter_mut()
                    .zip(above.iter().zip(middle).zip(below))
                {
                    *sum = a + m + b;
                }
                let out = &mut dst[i * cols + 1..(i + 1) * cols - 1];
                let windows = self.column_sums.windows(3);
                for ((cell, sums), &alive) in out.iter_mut().zip(windows).zip(&middle[1..cols - 1])
                {
                    let neighbours = sums[0] + sums[1] + sums[2] - alive;
                    *cell = u8::from(neighbours == 3) | (u8::from(neighbours == 2) & alive);
                }
            }
        }
        std::mem::swap(&mut self.current, &mut self.next);
    }
}
// ANCHOR_END: fast

/// A 0/1 board as text: `#` for alive, `.` for dead.
pub fn board_text(z: &Array2<u8>) -> String {
    z.rows()
        .into_iter()
        .map(|row| {
            row.iter()
                .map(|&c| if c == 1 { '#' } else { '.' })
                .collect::<String>()
                + "\n"
        })
        .collect()
}

// ANCHOR: blinker
/// A blinker: three cells in a row turn into three in a column, and back.
pub fn blinker() {
    let mut z = Array2::<u8>::zeros((5, 5));
    z.slice_mut(s![2, 1..4]).fill(1);
    let start = z.clone();
    println!("{}", board_text(&z));
    iterate(&mut z);
    print!("{}", board_text(&z));
    assert_eq!(z.column(2).to_vec(), vec![0, 1, 1, 1, 0]);
    iterate(&mut z);
    assert_eq!(z, start); // period 2
}
// ANCHOR_END: blinker

// ANCHOR: glider
/// A glider moves one cell down and one to the right every four generations.
pub fn glider() {
    let mut z = Array2::<u8>::zeros((8, 8));
    for (r, c) in [(1, 2), (2, 3), (3, 1), (3, 2), (3, 3)] {
        z[[r, c]] = 1;
    }
    let start = z.clone();
    for _ in 0..4 {
        iterate(&mut z);
    }
    print!("{}", board_text(&z));
    assert_eq!(z.slice(s![1.., 1..]), start.slice(s![..-1, ..-1]));
}
// ANCHOR_END: glider

// ANCHOR: random_board
/// `Z = np.random.choice([0, 1], size=(100, 100))`, seeded, and a few generations.
pub fn random_board() {
    let mut z = RandomState::new(42).choice_binary(100, 100);
    print!(
        "alive at the start: {}",
        z.iter().filter(|&&c| c == 1).count()
    );
    for _ in 0..100 {
        iterate(&mut z);
    }
    println!(
        ", after 100 generations: {}",
        z.iter().filter(|&&c| c == 1).count()
    );
    assert!(z.row(0).iter().all(|&c| c == 0)); // the border stays dead
}
// ANCHOR_END: random_board

// ANCHOR: fast_equals_slices
/// The fused version and the slice version agree, generation after generation.
pub fn fast_equals_slices() {
    let start = RandomState::new(42).choice_binary(100, 100);
    let mut z = start.clone();
    let mut fast = FastLife::new(start);
    for _ in 0..200 {
        iterate(&mut z);
        fast.step();
        assert_eq!(&z, fast.board());
    }
    println!("200 generations, identical boards");
}
// ANCHOR_END: fast_equals_slices

/// The Game of Life benchmark table (markdown).
pub fn life_table() -> Result<String, String> {
    committed_table(
        "life",
        "numpy_iterate",
        &[
            (
                "python",
                "numpy_iterate",
                "NumPy `iterate` (the tutorial's), int64 board",
            ),
            (
                "python",
                "numpy_iterate_uint8",
                "NumPy `iterate`, uint8 board",
            ),
            ("rust", "iterate", "Rust `iterate` (slices)"),
            ("rust", "fast", "Rust `FastLife::step` (one pass)"),
        ],
    )
}

/// Draws a 0/1 board into `area` with `cell` pixels per cell, alive cells dark.
fn draw_board<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    z: &Array2<u8>,
    origin: (i32, i32),
    cell: i32,
) -> Result<(), FigureError>
where
    DB::ErrorType: 'static,
{
    for ((r, c), &alive) in z.indexed_iter() {
        if alive == 1 {
            let (x, y) = (origin.0 + c as i32 * cell, origin.1 + r as i32 * cell);
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

/// The eight shifted windows of `iterate`, on a 6 × 6 board.
pub fn render_windows(path: &Path) -> Result<(), FigureError> {
    register_fonts();
    let (cell, size) = (22i32, 6usize);
    let panel = cell * size as i32 + 60;
    let root = BitMapBackend::new(path, (3 * panel as u32 + 20, 3 * panel as u32 + 40))
        .into_drawing_area();
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
            draw_caption(&root, &title, (x0 + cell * size as i32 / 2, y0 - 14), 15.0)?;
            for r in 0..size {
                for c in 0..size {
                    let inside = r >= dr && r < dr + size - 2 && c >= dc && c < dc + size - 2;
                    let fill = match (inside, centre) {
                        (true, true) => palette::RESULT,
                        (true, false) => palette::HIGHLIGHT,
                        _ => palette::CELL,
                    };
                    let (x, y) = (x0 + c as i32 * cell, y0 + r as i32 * cell);
                    root.draw(&Rectangle::new(
                        [(x, y), (x + cell, y + cell)],
                        fill.filled(),
                    ))?;
                    root.draw(&Rectangle::new(
                        [(x, y), (x + cell, y + cell)],
                        palette::BORDER.stroke_width(1),
                    ))?;
                }
            }
        }
    }
    root.present()?;
    Ok(())
}

/// The generations shown in the still panel.
pub const PANEL_GENERATIONS: [usize; 6] = [0, 1, 2, 10, 50, 200];

/// Selected generations of the seeded 100 × 100 board.
pub fn render_generations(path: &Path) -> Result<(), FigureError> {
    register_fonts();
    let (cell, size) = (3, 100);
    let panel_w = cell * size + 30;
    let panel_h = cell * size + 50;
    let root = BitMapBackend::new(path, (3 * panel_w as u32 + 10, 2 * panel_h as u32 + 10))
        .into_drawing_area();
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

/// Generations in the animation, and the delay between frames in hundredths of a second.
pub const ANIMATION_GENERATIONS: usize = 300;
const FRAME_DELAY: u16 = 8;

/// The tutorial's notebook animation as a GIF: the seeded 100 × 100 board, 3 pixels a cell.
/// Written with the `gif` crate directly, with a two-colour palette, so that it stays small.
pub fn render_animation(path: &Path) -> Result<(), FigureError> {
    let scale = 3usize;
    let board = seeded_board();
    let (rows, cols) = board.dim();
    let (width, height) = ((cols * scale) as u16, (rows * scale) as u16);
    let palette_bytes = [0xFF, 0xFF, 0xFF, 0x1D, 0x1D, 0x1F]; // white, ink
    let mut encoder = gif::Encoder::new(File::create(path)?, width, height, &palette_bytes)?;
    encoder.set_repeat(gif::Repeat::Infinite)?;
    let mut life = FastLife::new(board);
    let mut pixels = vec![0u8; usize::from(width) * usize::from(height)];
    for _ in 0..ANIMATION_GENERATIONS {
        for ((r, c), &alive) in life.board().indexed_iter() {
            for dy in 0..scale {
                let start = (r * scale + dy) * usize::from(width) + c * scale;
                pixels[start..start + scale].fill(alive);
            }
        }
        let frame = gif::Frame {
            width,
            height,
            delay: FRAME_DELAY,
            buffer: Cow::Borrowed(&pixels),
            ..gif::Frame::default()
        };
        encoder.write_frame(&frame)?;
        life.step();
    }
    Ok(())
}

// ANCHOR: exercise_toad
/// Exercise: the "toad" oscillates with period 2.
pub fn exercise_toad() {
    let mut z = Array2::<u8>::zeros((6, 6));
    z.slice_mut(s![2, 2..5]).fill(1);
    z.slice_mut(s![3, 1..4]).fill(1);
    let start = z.clone();
    iterate(&mut z);
    print!("{}", board_text(&z));
    assert_ne!(z, start);
    iterate(&mut z);
    assert_eq!(z, start);
}
// ANCHOR_END: exercise_toad

// ANCHOR: exercise_population
/// Exercise: the population of the seeded board over 50 generations, with `FastLife`.
pub fn exercise_population() {
    let board = seeded_board();
    let mut life = FastLife::new(board.clone());
    let mut z = board;
    let mut counts = Vec::new();
    for _ in 0..50 {
        life.step();
        iterate(&mut z);
        counts.push(life.board().iter().filter(|&&c| c == 1).count());
    }
    println!(
        "after 1, 10, 50 generations: {}, {}, {}",
        counts[0], counts[9], counts[49]
    );
    assert_eq!(counts[49], z.iter().filter(|&&c| c == 1).count());
}
// ANCHOR_END: exercise_population

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// An independent, cell-by-cell implementation of the tutorial's rules.
    fn naive_step(z: &Array2<u8>) -> Array2<u8> {
        let (rows, cols) = z.dim();
        let mut next = Array2::zeros((rows, cols));
        for i in 1..rows.saturating_sub(1) {
            for j in 1..cols.saturating_sub(1) {
                let mut n = 0;
                for di in [-1i32, 0, 1] {
                    for dj in [-1i32, 0, 1] {
                        if (di, dj) != (0, 0) {
                            n += z[[(i as i32 + di) as usize, (j as i32 + dj) as usize]];
                        }
                    }
                }
                let alive = z[[i, j]] == 1;
                next[[i, j]] = u8::from(n == 3 || (alive && n == 2));
            }
        }
        next
    }

    #[test]
    fn block_is_still() {
        let mut z = Array2::<u8>::zeros((4, 4));
        z.slice_mut(s![1..3, 1..3]).fill(1);
        let start = z.clone();
        iterate(&mut z);
        assert_eq!(z, start);
    }

    #[test]
    fn tiny_boards_die() {
        for (r, c) in [(1, 1), (2, 2), (1, 5), (2, 7), (0, 0)] {
            let mut z = Array2::<u8>::ones((r, c));
            iterate(&mut z);
            assert!(z.iter().all(|&v| v == 0), "{r}×{c}");
            let mut fast = FastLife::new(Array2::ones((r, c)));
            fast.step();
            assert!(fast.board().iter().all(|&v| v == 0));
        }
    }

    #[test]
    fn three_by_three_keeps_only_the_centre_rule() {
        let mut z = array![[1, 1, 0], [0, 0, 0], [1, 0, 0]];
        iterate(&mut z);
        assert_eq!(z, array![[0, 0, 0], [0, 1, 0], [0, 0, 0]]); // birth with 3 neighbours
    }

    proptest! {
        #[test]
        fn slices_fast_and_naive_agree(seed in 0u32..10_000, rows in 1usize..12, cols in 1usize..12) {
            let start = RandomState::new(seed).choice_binary(rows, cols);
            let mut z = start.clone();
            let mut fast = FastLife::new(start.clone());
            let mut naive = start;
            for _ in 0..4 {
                iterate(&mut z);
                fast.step();
                naive = naive_step(&naive);
                prop_assert_eq!(&z, &naive);
                prop_assert_eq!(fast.board(), &naive);
            }
        }
    }
}
