//! Chapter 8, "Conway's Game of Life": the tutorial's `iterate` with slices, a fused version,
//! and the animation the tutorial shows in a notebook, as a GIF.

// `s![0..-2, ..]` counts negative ends from the end of the axis, like NumPy; clippy reads
// `0..-2` as an empty Rust range. And `&a + &b` keeps the NumPy shape of the neighbour sum.
#![allow(clippy::reversed_empty_ranges, clippy::op_ref)]

mod figures;
mod tables;

use ndarray::prelude::*;
use ndarray::Zip;

use crate::chapter::{samples, Chapter, Figure, Table};
use crate::random::RandomState;

pub use figures::{
    render_animation, render_generations, render_windows, ANIMATION_GENERATIONS, PANEL_GENERATIONS,
};
pub use tables::life_table;

/// What chapter 8 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch08-life",
    samples: samples![
        blinker,
        glider,
        random_board,
        fast_equals_slices,
        exercise_toad,
        exercise_population,
    ],
    figures: &[
        Figure::new("windows.png", render_windows),
        Figure::new("generations.png", render_generations),
        Figure::new("animation.gif", render_animation),
    ],
    tables: &[Table::text("life-table.md", life_table)],
};

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
