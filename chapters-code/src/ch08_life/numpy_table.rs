//! Chapter 8's `NumPy → ndarray` table. Each function runs the ndarray side of
//! one row and checks it; the table in the book is generated from this code.

// `s![1..-1, ..]` counts negative ends from the end, like NumPy; clippy reads
// `1..-1` as an empty Rust range.
#![allow(clippy::reversed_empty_ranges)]

use ndarray::prelude::*;
use ndarray::Zip;

use crate::chapter::{numpy_row, numpy_rows, numpy_table, RowResult};
use crate::error::Result;
use crate::random::RandomState;

/// The table's markdown, built by running every row.
pub fn render() -> Result<String> {
    numpy_table(numpy_rows![
        left_window,
        lower_window,
        birth_mask,
        clear,
        masked_assignment,
        interior_copy,
        random_board,
    ])
}

/// A glider on a 6 × 6 board.
fn glider() -> Array2<u8> {
    let mut z = Array2::<u8>::zeros((6, 6));
    for (r, c) in [(1, 2), (2, 3), (3, 1), (3, 2), (3, 3)] {
        z[[r, c]] = 1;
    }
    z
}

fn left_window() -> RowResult {
    let z = glider();
    let w = numpy_row!(
        "`Z[1:-1, 0:-2]`",
        z.slice(s![1..-1, 0..-2]),
        "a view; clippy rejects `1..-1`: allow \
         `clippy::reversed_empty_ranges` or write `1..n - 1`; panics on a board \
         with no rows or fewer than 2 columns (NumPy: an empty view)"
    );
    assert_eq!(w, z.slice(s![1..5, 0..4]));
    Ok(())
}

fn lower_window() -> RowResult {
    let z = glider();
    let w = numpy_row!(
        "`Z[2:, 1:-1]`",
        z.slice(s![2.., 1..-1]),
        "a view; panics on a board of fewer than 2 rows or with no columns \
         (NumPy: an empty view)"
    );
    assert_eq!(w.dim(), (4, 4));
    Ok(())
}

fn birth_mask() -> RowResult {
    let z = glider();
    let n = Array2::<u8>::from_elem(z.dim(), 3);
    let birth = numpy_row!(
        "`(N == 3) & (Z == 0)`",
        Zip::from(&n).and(&z).map_collect(|&n, &z| n == 3 && z == 0),
        "a new `bool` array; equal shapes only: `Zip` panics where NumPy \
         broadcasts (`and_broadcast` stretches)"
    );
    assert_eq!(birth.iter().filter(|&&b| b).count(), 36 - 5);
    Ok(())
}

fn clear() -> RowResult {
    let mut z = glider();
    numpy_row!("`Z[...] = 0`", z.fill(0), "in place");
    assert!(z.iter().all(|&c| c == 0));
    Ok(())
}

fn masked_assignment() -> RowResult {
    let mut z = Array2::<u8>::zeros((6, 6));
    let mask = Array2::from_elem((4, 4), true);
    numpy_row!(
        "`Z[1:-1, 1:-1][mask] = 1`",
        Zip::from(z.slice_mut(s![1..-1, 1..-1]))
            .and(&mask)
            .for_each(|c, &m| if m { *c = 1 }),
        "no boolean indexing: `Zip` writes where the mask is true (a mask of \
         another shape: a panic; NumPy: `IndexError`); `s![1..-1, 1..-1]` panics \
         on a board with no rows or no columns (NumPy: an empty view)"
    );
    assert_eq!(z.sum(), 16);
    Ok(())
}

fn interior_copy() -> RowResult {
    let z = glider();
    let mut copy = numpy_row!(
        "`Z[1:-1, 1:-1].copy()`",
        z.slice(s![1..-1, 1..-1]).to_owned(),
        "a copy; `slice_mut` is the view that writes through; panics on a board \
         with no rows or no columns (NumPy: an empty array)"
    );
    copy.fill(7);
    assert_eq!(z, glider());
    Ok(())
}

fn random_board() -> RowResult {
    let seed = 42;
    let z = numpy_row!(
        "`np.random.RandomState(seed).choice([0, 1], size=(100, 100))`",
        RandomState::new(seed).choice_binary(100, 100),
        "this book's; NumPy's numbers as `u8` (NumPy: `int64`)"
    );
    assert_eq!(z.iter().map(|&c| usize::from(c)).sum::<usize>(), 4987);
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::panic::catch_unwind;

    use ndarray::prelude::*;

    /// The window rows' notes and the interior's (`s![1..-1, 1..-1]`, in the
    /// masked assignment and copy rows), on every board up to 4 × 4: a bound
    /// outside its axis panics (`1..-1` fits an axis of 1, as an empty
    /// range; `0..-2` and `2..` need 2), in debug and release builds alike
    /// (only the messages differ); every other board gives NumPy's empty or
    /// smaller view, whose sides are the board's minus 2, or 0.
    #[test]
    #[allow(clippy::reversed_empty_ranges)]
    fn the_window_notes_name_the_boards_that_panic() {
        let numpy_side = |n: usize| n.saturating_sub(2);
        for rows in 0..5 {
            for cols in 0..5 {
                let z = Array2::<u8>::zeros((rows, cols));
                let numpy = (numpy_side(rows), numpy_side(cols));
                // "panics on a board with no rows or fewer than 2 columns"
                let left = catch_unwind(|| z.slice(s![1..-1, 0..-2]).dim());
                let left_panics = rows == 0 || cols < 2;
                assert_eq!(left.ok(), (!left_panics).then_some(numpy), "{rows}×{cols}");
                // "panics on a board of fewer than 2 rows or with no columns"
                let lower = catch_unwind(|| z.slice(s![2.., 1..-1]).dim());
                let lower_panics = rows < 2 || cols == 0;
                assert_eq!(lower.ok(), (!lower_panics).then_some(numpy), "{rows}×{cols}");
                // "panics on a board with no rows or no columns"
                let inner = catch_unwind(|| z.slice(s![1..-1, 1..-1]).dim());
                let inner_panics = rows == 0 || cols == 0;
                assert_eq!(inner.ok(), (!inner_panics).then_some(numpy), "{rows}×{cols}");
            }
        }
    }
}
