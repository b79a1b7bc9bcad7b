//! Chapter 8, "Conway's Game of Life": plain loops first, then the tutorial's
//! `iterate` with slices, a fused version, and the animation the tutorial shows
//! in a notebook, as a GIF.
//!
//! Cells hold 0 (dead) or 1 (alive). A board with other values is not a Life
//! board, but every function here still gives NumPy's answer for a `uint8`
//! board: neighbour counts are `u8` sums that wrap around past 255, in every
//! build profile, as NumPy's `uint8` arithmetic does. (The tutorial's boards
//! are `int64`, which does not wrap: from cells of 32 on a neighbour count can
//! differ, eight 32s making 256, which wraps to 0; the next board only from 33
//! on, where seven 33s and a 28 make 259, which wraps to 3, a birth.)

// `s![0..-2, ..]` counts negative ends from the end of the axis, like NumPy;
// clippy reads `0..-2` as an empty Rust range.
#![allow(clippy::reversed_empty_ranges)]

mod figures;
mod numpy_table;
mod tables;

use ndarray::prelude::*;
use ndarray::Zip;

use crate::allocation::{ensure_allocatable, ensure_allocatable_together};
use crate::chapter::{samples, Chapter, Figure, Table};
use crate::random::RandomState;

pub use figures::{
    render_animation, render_generations, render_windows,
    ANIMATION_GENERATIONS, PANEL_GENERATIONS,
};
pub use tables::{life_allocations, life_table, loops_vs_numpy};

/// What chapter 8 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch08-life",
    samples: samples![
        blinker,
        glider,
        views_and_copies,
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
    tables: &[
        Table::text("numpy-table.md", numpy_table::render),
        Table::text("life-table.md", life_table),
        Table::text("loops-vs-numpy.md", loops_vs_numpy),
        Table::measured("allocations.md", |measure| Ok(life_allocations(measure))),
    ],
};

/// The seed of the book's random boards (`np.random.RandomState(LIFE_SEED)`).
pub const LIFE_SEED: u32 = 42;

/// The book's 100 × 100 board: `np.random.RandomState(42).choice([0, 1],
/// size=(100, 100))`.
pub fn seeded_board() -> Array2<u8> {
    RandomState::new(LIFE_SEED).choice_binary(100, 100)
}

// ANCHOR: iterate_loops
/// One generation of the Game of Life with plain loops, cell by cell. Cells
/// hold 0 (dead) or 1 (alive); the border cells are always dead.
pub fn iterate_loops(z: &mut Array2<u8>) {
    let (rows, cols) = z.dim();
    if rows < 3 || cols < 3 {
        z.fill(0); // no interior (and no loop over 2^40 rows of nothing)
        return;
    }
    let old = z.clone(); // every cell changes at once: read the old board
    z.fill(0);
    for i in 1..rows - 1 {
        for j in 1..cols - 1 {
            // Count neighbours: the 3 × 3 block around the cell, minus the
            // cell.
            let mut n = 0u8;
            for r in i - 1..=i + 1 {
                for c in j - 1..=j + 1 {
                    n = n.wrapping_add(old[[r, c]]); // u8 wraps, like uint8
                }
            }
            let alive = old[[i, j]];
            n = n.wrapping_sub(alive);
            // Apply rules
            let birth = n == 3 && alive == 0;
            let survive = (n == 2 || n == 3) && alive == 1;
            z[[i, j]] = u8::from(birth || survive);
        }
    }
}
// ANCHOR_END: iterate_loops

// ANCHOR: iterate
/// One generation of the Game of Life, computed as the tutorial's NumPy
/// `iterate` computes it: the neighbour count of every interior cell at once,
/// as the sum of eight shifted windows. Cells hold 0 or 1; the border cells are
/// always dead.
///
/// # Panics
/// When the neighbour count and the two masks, held at once beside the
/// board, cannot be allocated (NumPy: `MemoryError`).
pub fn iterate(z: &mut Array2<u8>) {
    let (rows, cols) = z.dim();
    if rows < 3 || cols < 3 {
        z.fill(0); // no interior: Z[...] = 0 kills every cell
        return;
    }
    // Three arrays of the interior's size (a byte a cell) are held at once.
    let interior: &[usize] = &[rows - 2, cols - 2];
    ensure_allocatable_together::<u8>("iterate", &[interior; 3]);
    // Count neighbours: the sum of the eight shifted windows.
    let windows = [
        z.slice(s![0..-2, 0..-2]),
        z.slice(s![0..-2, 1..-1]),
        z.slice(s![0..-2, 2..]),
        z.slice(s![1..-1, 0..-2]),
        z.slice(s![1..-1, 2..]),
        z.slice(s![2.., 0..-2]),
        z.slice(s![2.., 1..-1]),
        z.slice(s![2.., 2..]),
    ];
    let mut n = Array2::<u8>::zeros((rows - 2, cols - 2));
    for window in &windows {
        n.zip_mut_with(window, |n, &c| *n = n.wrapping_add(c)); // like uint8
    }
    // Apply rules
    let interior = z.slice(s![1..-1, 1..-1]);
    let birth = Zip::from(&n)
        .and(&interior)
        .map_collect(|&n, &z| n == 3 && z == 0);
    let survive = Zip::from(&n)
        .and(&interior)
        .map_collect(|&n, &z| (n == 2 || n == 3) && z == 1);
    // Z[...] = 0
    z.fill(0);
    // Z[1:-1, 1:-1][birth | survive] = 1
    Zip::from(z.slice_mut(s![1..-1, 1..-1]))
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
/// The same rules in one pass with no temporary arrays: two boards that swap
/// roles, and for each row a buffer of column sums (the three cells above, at
/// and below), so that a cell's neighbour count is two additions and a
/// subtraction. The inner loops run over plain byte slices with no branches.
#[derive(Debug, Clone)]
pub struct FastLife {
    current: Array2<u8>,
    next: Array2<u8>,
    column_sums: Vec<u8>,
}

impl FastLife {
    /// Starts from a board of 0s and 1s, in any memory layout.
    pub fn new(board: Array2<u8>) -> FastLife {
        let (rows, cols) = board.dim();
        let next = Array2::zeros((rows, cols));
        // One sum per column, only for a board with an interior: then it is a
        // third of the board at most. (A board with no rows can claim 2^40
        // columns, and NumPy steps it.)
        let column_sums = vec![0; if rows >= 3 { cols } else { 0 }];
        // Row-major boards are taken as they are; others are copied once.
        let current = if board.is_standard_layout() {
            board
        } else {
            board.as_standard_layout().into_owned()
        };
        FastLife {
            current,
            next,
            column_sums,
        }
    }

    /// The current board.
    pub fn board(&self) -> &Array2<u8> {
        &self.current
    }

    /// Advances one generation; the same result as [`iterate`], for every
    /// board.
    ///
    /// # Panics
    /// Never: both boards are row-major, each one slice.
    pub fn step(&mut self) {
        let (rows, cols) = self.current.dim();
        self.next.fill(0);
        if rows >= 3 && cols >= 3 {
            let src = self.current.as_slice().expect("standard layout");
            let dst = self.next.as_slice_mut().expect("standard layout");
            for i in 1..rows - 1 {
                let above = &src[(i - 1) * cols..i * cols];
                let middle = &src[i * cols..(i + 1) * cols];
                let below = &src[(i + 1) * cols..(i + 2) * cols];
                let sums = self.column_sums.iter_mut();
                for (sum, ((&a, &m), &b)) in
                    sums.zip(above.iter().zip(middle).zip(below))
                {
                    *sum = a.wrapping_add(m).wrapping_add(b);
                }
                let out = &mut dst[i * cols + 1..(i + 1) * cols - 1];
                let windows = self.column_sums.windows(3);
                let cells = middle[1..cols - 1].iter();
                for ((cell, s), &alive) in
                    out.iter_mut().zip(windows).zip(cells)
                {
                    let n = s[0].wrapping_add(s[1]).wrapping_add(s[2]);
                    let n = n.wrapping_sub(alive);
                    // birth: n == 3 && alive == 0;
                    // survive: (n == 2 || n == 3) && alive == 1

                    *cell = u8::from(alive <= 1)
                        & (u8::from(n == 3) | (u8::from(n == 2) & alive));
                }
            }
        }
        std::mem::swap(&mut self.current, &mut self.next);
    }
}
// ANCHOR_END: fast

/// A 0/1 board as text: `#` for alive, `.` for dead.
///
/// # Panics
/// When the text cannot be allocated (a board with no columns can still
/// claim 2^40 rows, each a line).
pub fn board_text(z: &Array2<u8>) -> String {
    let (rows, cols) = z.dim();
    // A byte a cell and a newline a row, asked for once: a text collected
    // row by row grows by doubling, up to twice the size checked here.
    ensure_allocatable::<u8>("board_text", &[rows, cols + 1]);
    let mut text = String::with_capacity(rows * (cols + 1));
    for row in z.rows() {
        text.extend(row.iter().map(|&c| if c == 1 { '#' } else { '.' }));
        text.push('\n');
    }
    text
}

// ANCHOR: blinker
/// A blinker: three cells in a row turn into three in a column, and back.
///
/// # Panics
/// If one of its checks fails.
pub fn blinker() {
    let mut z = Array2::<u8>::zeros((5, 5));
    z.slice_mut(s![2, 1..4]).fill(1);
    let start = z.clone();
    iterate_loops(&mut z);
    println!("{z}");
    assert_eq!(z.column(2), array![0, 1, 1, 1, 0]);
    iterate_loops(&mut z);
    assert_eq!(z, start); // period 2
}
// ANCHOR_END: blinker

// ANCHOR: glider
/// A glider moves one cell down and one to the right every four generations.
///
/// # Panics
/// If one of its checks fails.
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

// ANCHOR: views_and_copies
/// A slice is a view: writing through it changes the board. A copy does not.
///
/// # Panics
/// If one of its checks fails.
pub fn views_and_copies() {
    let mut z = Array2::<u8>::zeros((4, 4));
    z.slice_mut(s![1..-1, 1..-1]).fill(1); // Z[1:-1, 1:-1][...] = 1
    let mut copy = z.slice(s![1..-1, 1..-1]).to_owned(); // .copy()
    copy.fill(7); // changes the copy only
    println!("{z}");
    assert_eq!(z.iter().filter(|&&c| c == 1).count(), 4);
    assert!(z.iter().all(|&c| c != 7));
}
// ANCHOR_END: views_and_copies

// ANCHOR: random_board
/// `Z = np.random.RandomState(42).choice([0, 1], size=(100, 100))` and 100
/// generations, with the loops and with the slices.
///
/// # Panics
/// If one of its checks fails.
pub fn random_board() {
    let mut z = RandomState::new(42).choice_binary(100, 100);
    let alive = |z: &Array2<u8>| z.iter().filter(|&&c| c == 1).count();
    let dtype = std::any::type_name_of_val(&z[[0, 0]]);
    print!("{dtype} board, alive at the start: {}", alive(&z));
    let mut with_loops = z.clone();
    for _ in 0..100 {
        iterate(&mut z);
        iterate_loops(&mut with_loops);
    }
    println!(", after 100 generations: {}", alive(&z));
    assert_eq!(z, with_loops);
}
// ANCHOR_END: random_board

// ANCHOR: fast_equals_slices
/// The fused version and the slice version agree, generation after generation.
///
/// # Panics
/// If one of its checks fails.
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
///
/// # Panics
/// If one of its checks fails.
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
/// Exercise: the population of the seeded board over 50 generations, with
/// `FastLife`.
///
/// # Panics
/// If one of its checks fails.
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

    /// How many random boards each property test below tries.
    const PROPERTY_BOARDS: u32 = 256;
    /// The longest side of the random 0/1 boards, and the widest board of
    /// random bytes.
    const SIDE_MAX: usize = 11;
    /// How many random bytes a board of bytes holds at most.
    const BYTES_MAX: usize = 143;
    /// How many generations the three versions run on random 0/1 boards.
    const GENERATIONS: usize = 4;

    /// The chapter states the property tests' sizes: they must be the code's.
    #[test]
    fn the_prose_states_the_sizes_the_tests_use() {
        let chapter = crate::chapter::page_text("ch08-life.md");
        let words = ["zero", "one", "two", "three", "four", "five", "six"];
        let (n, side) = (PROPERTY_BOARDS, SIDE_MAX);
        for said in [
            format!(
                "over {} generations on {n} random 0/1 boards of shapes from 1 × 1 to {side} × {side}",
                words[GENERATIONS]
            ),
            format!("on {n} boards of up to {BYTES_MAX} random bytes, 1 to {side} columns wide"),
        ] {
            assert!(chapter.contains(&said), "src/ch08-life.md: {said:?}");
        }
    }

    /// One generation by each of the three versions; they must agree.
    fn all_three(start: &Array2<u8>) -> Array2<u8> {
        all_three_in(start, Layout::Standard, 1)
    }

    /// `generations` generations by each of the three versions, each from a
    /// copy of `start` laid out as `layout`: after every generation the three
    /// boards must agree, cell for cell. Returns the last board.
    fn all_three_in(
        start: &Array2<u8>,
        layout: Layout,
        generations: usize,
    ) -> Array2<u8> {
        let mut loops = laid_out(start, layout);
        let mut slices = laid_out(start, layout);
        let mut fast = FastLife::new(laid_out(start, layout));
        for g in 1..=generations {
            iterate_loops(&mut loops);
            iterate(&mut slices);
            fast.step();
            let on = || format!("generation {g}, {layout:?}, from {start}");
            assert_eq!(slices, loops, "slices vs loops, {}", on());
            assert_eq!(fast.board(), &loops, "FastLife vs loops, {}", on());
        }
        loops
    }

    /// The memory layouts an owned board can have.
    #[derive(Clone, Copy, Debug)]
    enum Layout {
        Standard,
        /// NumPy's `order='F'`.
        ColumnMajor,
        InvertedRows,
        InvertedColumns,
        InvertedBoth,
        ColumnMajorInvertedRows,
        /// Every other column of a wider array: owned, not contiguous.
        SteppedColumns,
        /// Standard, starting one row into its storage.
        Offset,
    }

    const LAYOUTS: [Layout; 8] = [
        Layout::Standard,
        Layout::ColumnMajor,
        Layout::InvertedRows,
        Layout::InvertedColumns,
        Layout::InvertedBoth,
        Layout::ColumnMajorInvertedRows,
        Layout::SteppedColumns,
        Layout::Offset,
    ];

    /// An owned copy of `z`, its memory arranged as `layout`.
    fn laid_out(z: &Array2<u8>, layout: Layout) -> Array2<u8> {
        fn standard(z: ArrayView2<u8>) -> Array2<u8> {
            z.as_standard_layout().into_owned()
        }
        fn column_major(z: ArrayView2<u8>) -> Array2<u8> {
            z.t().as_standard_layout().into_owned().reversed_axes()
        }
        // Stored by `store` with `axes` reversed, seen the right way round.
        type Store = fn(ArrayView2<u8>) -> Array2<u8>;
        let inverted = |axes: &[usize], store: Store| {
            let mut flipped = z.view();
            axes.iter().for_each(|&axis| flipped.invert_axis(Axis(axis)));
            let mut a = store(flipped);
            axes.iter().for_each(|&axis| a.invert_axis(Axis(axis)));
            a
        };
        let (rows, cols) = z.dim();
        let a = match layout {
            Layout::Standard => standard(z.view()),
            Layout::ColumnMajor => column_major(z.view()),
            Layout::InvertedRows => inverted(&[0], standard),
            Layout::InvertedColumns => inverted(&[1], standard),
            Layout::InvertedBoth => inverted(&[0, 1], standard),
            Layout::ColumnMajorInvertedRows => inverted(&[0], column_major),
            Layout::SteppedColumns => {
                let mut wide = Array2::from_elem((rows, 2 * cols), 77);
                wide.slice_mut(s![.., ..;2]).assign(z);
                wide.slice_move(s![.., ..;2])
            }
            Layout::Offset => {
                let mut tall = Array2::from_elem((rows + 1, cols), 77);
                tall.slice_mut(s![1.., ..]).assign(z);
                tall.slice_move(s![1.., ..])
            }
        };
        assert_eq!(&a, z, "{layout:?}");
        a
    }

    fn layouts() -> impl Strategy<Value = Layout> {
        prop::sample::select(LAYOUTS.to_vec())
    }

    /// Boards of every kind of shape (no rows or no columns, thin, wide, up
    /// to 16 × 16), of 0s and 1s, of any byte, or of values whose neighbour
    /// sums pass 255 and wrap (two 128s add nothing in `u8`).
    fn hostile_boards() -> impl Strategy<Value = Array2<u8>> {
        let shape = prop_oneof![
            (0usize..=16, 0usize..=16),
            (0usize..=3, 0usize..=64),
            (0usize..=64, 0usize..=3),
        ];
        let values = prop_oneof![
            Just(vec![0u8, 1]),
            Just((0..=255).collect::<Vec<u8>>()),
            Just(vec![0u8, 0, 0, 0, 1, 1, 1, 2, 128, 128, 254, 255]),
        ];
        (shape, values).prop_flat_map(|((rows, cols), values)| {
            prop::collection::vec(prop::sample::select(values), rows * cols)
                .prop_map(move |cells| {
                    Array2::from_shape_vec((rows, cols), cells)
                        .expect("rows * cols cells")
                })
        })
    }

    /// `FastLife::new` takes a row-major board as it is (no copy), and copies
    /// any other layout into row-major order.
    #[test]
    fn fast_life_keeps_a_row_major_board_and_copies_others() {
        let board = Array2::<u8>::from_shape_fn((5, 7), |(i, j)| ((i + j) % 2) as u8);
        let given = board.clone();
        let pointer = given.as_ptr();
        let life = FastLife::new(given);
        assert_eq!(life.board().as_ptr(), pointer);
        let transposed = board.t().as_standard_layout().into_owned().reversed_axes();
        assert!(!transposed.is_standard_layout());
        let life = FastLife::new(transposed.clone());
        assert!(life.board().is_standard_layout());
        assert_eq!(life.board(), &transposed);
    }

    #[test]
    fn the_layouts_are_what_they_say() {
        let z = Array2::from_shape_fn((4, 5), |(i, j)| (5 * i + j) as u8);
        let strides: Vec<[isize; 2]> = LAYOUTS
            .iter()
            .map(|&layout| {
                let a = laid_out(&z, layout);
                [a.strides()[0], a.strides()[1]]
            })
            .collect();
        assert_eq!(
            strides,
            [[5, 1], [1, 4], [-5, 1], [5, -1], [-5, -1], [-1, 4], [10, 2], [5, 1]]
        );
    }

    /// Each implementation, run for a number of generations from a copy of a board.
    type Run = fn(&Array2<u8>, usize) -> Array2<u8>;
    const IMPLEMENTATIONS: [(&str, Run); 3] = [
        ("iterate_loops", |z, n| {
            let mut z = z.clone();
            (0..n).for_each(|_| iterate_loops(&mut z));
            z
        }),
        ("iterate", |z, n| {
            let mut z = z.clone();
            (0..n).for_each(|_| iterate(&mut z));
            z
        }),
        ("FastLife::step", |z, n| {
            let mut life = FastLife::new(z.clone());
            (0..n).for_each(|_| life.step());
            life.board().clone()
        }),
    ];

    /// Live cells of patterns, as (row, column) from their top-left corner.
    const BLOCK: &[(usize, usize)] = &[(0, 0), (0, 1), (1, 0), (1, 1)];
    const BLINKER: &[(usize, usize)] = &[(1, 0), (1, 1), (1, 2)];
    const BLINKER_VERTICAL: &[(usize, usize)] = &[(0, 1), (1, 1), (2, 1)];
    /// The glider that travels down and to the right.
    const GLIDER: &[(usize, usize)] =
        &[(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)];

    /// A `rows` × `cols` board with `pattern` at (`r`, `c`).
    fn board_with(
        rows: usize,
        cols: usize,
        r: usize,
        c: usize,
        pattern: &[(usize, usize)],
    ) -> Array2<u8> {
        let mut z = Array2::zeros((rows, cols));
        for &(i, j) in pattern {
            z[[r + i, c + j]] = 1;
        }
        z
    }

    /// A board size and a place for a pattern of side `side` that may travel `periods`
    /// cells down and right (1 to 3), with at least two dead cells between it and the
    /// border, on every side, all the way: `(rows, cols, r, c, periods)`.
    fn placement(
        side: usize,
    ) -> impl Strategy<Value = (usize, usize, usize, usize, usize)> {
        (2usize..9, 2usize..9, 1usize..=3, 2usize..7, 2usize..7).prop_map(
            move |(r, c, periods, below, right)| {
                (r + side + periods + below, c + side + periods + right, r, c, periods)
            },
        )
    }

    /// The numbers of a printed array or sentence, NumPy's or ndarray's.
    fn numbers(text: &str) -> Vec<u64> {
        text.split(|c: char| !c.is_ascii_digit())
            .filter_map(|token| token.parse().ok())
            .collect()
    }

    fn cells(z: &Array2<u8>) -> Vec<u64> {
        z.iter().map(|&c| u64::from(c)).collect()
    }

    macro_rules! numpy {
        ($name:literal) => {
            numbers(include_str!(concat!(
                "../../../python/outputs/ch08-life/",
                $name,
                ".txt"
            )))
        };
    }

    #[test]
    fn the_rust_samples_compute_what_numpy_printed() {
        let mut z = Array2::<u8>::zeros((5, 5));
        z.slice_mut(s![2, 1..4]).fill(1);
        iterate_loops(&mut z);
        assert_eq!(numpy!("blinker"), cells(&z));

        let mut z = Array2::<u8>::zeros((4, 4));
        z.slice_mut(s![1..-1, 1..-1]).fill(1);
        assert_eq!(numpy!("views_and_copies"), cells(&z));

        let mut z = seeded_board();
        let start = z.iter().filter(|&&c| c == 1).count() as u64;
        (0..100).for_each(|_| iterate(&mut z));
        let end = z.iter().filter(|&&c| c == 1).count() as u64;
        // "int64 board, alive at the start: 4987, after 100 generations: 668"
        assert_eq!(numpy!("random_board"), [64, start, 100, end]);
    }

    #[test]
    fn block_is_still() {
        let mut z = Array2::<u8>::zeros((4, 4));
        z.slice_mut(s![1..3, 1..3]).fill(1);
        assert_eq!(all_three(&z), z);
    }

    #[test]
    fn tiny_boards_die() {
        for (r, c) in [(1, 1), (2, 2), (1, 5), (2, 7), (0, 0), (0, 4), (4, 0)] {
            let z = all_three(&Array2::<u8>::ones((r, c)));
            assert!(z.iter().all(|&v| v == 0), "{r}×{c}");
        }
    }

    #[test]
    fn three_by_three_keeps_only_the_centre_rule() {
        let z = array![[1, 1, 0], [0, 0, 0], [1, 0, 0]];
        // birth with 3 neighbours
        assert_eq!(all_three(&z), array![[0, 0, 0], [0, 1, 0], [0, 0, 0]]);
    }

    #[test]
    fn a_cell_holding_2_is_neither_born_nor_survives() {
        // NumPy: birth needs Z == 0 and survival Z == 1. FastLife used to give
        // a birth.
        let mut z = Array2::<u8>::zeros((5, 5));
        z[[1, 1]] = 1;
        z[[1, 2]] = 1;
        z[[2, 2]] = 1;
        z[[2, 1]] = 2; // three live neighbours
        assert_eq!(all_three(&z)[[2, 1]], 0);
    }

    #[test]
    fn large_cell_values_wrap_like_numpy_uint8_in_every_profile() {
        // 128 + 128 + 1 + 1 + 1 wraps to 3 in uint8: NumPy gives a birth.
        let mut z = Array2::<u8>::zeros((5, 5));
        z[[1, 1]] = 128;
        z[[1, 2]] = 128;
        z[[1, 3]] = 1;
        z[[3, 1]] = 1;
        z[[3, 3]] = 1;
        assert_eq!(all_three(&z)[[2, 2]], 1);
        // A 3 × 3 block of 255s: counts wrap, nothing lives.
        let mut z = Array2::<u8>::zeros((5, 5));
        z.slice_mut(s![1..4, 1..4]).fill(255);
        assert!(all_three(&z).iter().all(|&v| v == 0));
    }

    proptest! {
        // The chapter says how many random boards (a test checks it).
        #![proptest_config(ProptestConfig::with_cases(PROPERTY_BOARDS))]
        #[test]
        fn loops_slices_and_fast_agree_on_life_boards(
            seed in 0u32..10_000, rows in 1..=SIDE_MAX, cols in 1..=SIDE_MAX,
            layout in layouts(),
        ) {
            let z = RandomState::new(seed).choice_binary(rows, cols);
            all_three_in(&z, layout, GENERATIONS);
        }

        // Known patterns, placed anywhere at least two cells from the border (whose
        // cells are always dead), behave as on an infinite plane, in each implementation:
        // oracles of their own, not a comparison of the three with each other.
        #[test]
        fn a_block_is_still_life(
            (rows, cols, r, c, _) in placement(2),
        ) {
            let start = board_with(rows, cols, r, c, BLOCK);
            for (name, run) in IMPLEMENTATIONS {
                for generations in 1..=3 {
                    prop_assert_eq!(&run(&start, generations), &start, "{} after {}", name, generations);
                }
            }
        }

        #[test]
        fn a_blinker_has_period_two(
            (rows, cols, r, c, _) in placement(3),
        ) {
            let horizontal = board_with(rows, cols, r, c, BLINKER);
            let vertical = board_with(rows, cols, r, c, BLINKER_VERTICAL);
            for (name, run) in IMPLEMENTATIONS {
                prop_assert_eq!(&run(&horizontal, 1), &vertical, "{}", name);
                prop_assert_eq!(&run(&horizontal, 2), &horizontal, "{}", name);
                prop_assert_eq!(&run(&vertical, 5), &horizontal, "{}", name);
            }
        }

        #[test]
        fn a_glider_moves_one_cell_diagonally_every_four_generations(
            (rows, cols, r, c, periods) in placement(3),
        ) {
            let start = board_with(rows, cols, r, c, GLIDER);
            for (name, run) in IMPLEMENTATIONS {
                for p in 1..=periods {
                    let moved = board_with(rows, cols, r + p, c + p, GLIDER);
                    prop_assert_eq!(&run(&start, 4 * p), &moved, "{} after {} generations", name, 4 * p);
                }
                // In every phase in between, it keeps its five cells.
                for generations in 1..4 * periods {
                    let alive = run(&start, generations).iter().filter(|&&v| v == 1).count();
                    prop_assert_eq!(alive, 5, "{} after {} generations", name, generations);
                }
            }
        }

        // One generation: after it, every cell is 0 or 1, as the chapter says.
        #[test]
        fn loops_slices_and_fast_agree_on_any_bytes(
            cells in prop::collection::vec(any::<u8>(), 0..=BYTES_MAX),
            cols in 1..=SIDE_MAX,
            layout in layouts(),
        ) {
            let rows = cells.len() / cols;
            let z = Array2::from_shape_vec(
                (rows, cols), cells[..rows * cols].to_vec(),
            ).expect("rows * cols cells");
            let next = all_three_in(&z, layout, 1);
            prop_assert!(next.iter().all(|&cell| cell <= 1), "{next}");
        }

        // Hostile boards (see `hostile_boards`) in every memory layout, for 1
        // to 10 generations.
        #[test]
        fn loops_slices_and_fast_agree_on_hostile_boards_in_every_layout(
            z in hostile_boards(), layout in layouts(), generations in 1usize..=10,
        ) {
            all_three_in(&z, layout, generations);
        }
    }
}
