//! Chapter 7, "k nearest neighbours": all pairwise distances with broadcasting,
//! then `argsort` and `argpartition`, which ndarray does not have, written once
//! and tested.

mod figures;
mod numpy_table;
mod tables;

use std::cmp::Ordering;
use std::fmt;

use ndarray::prelude::*;
use ndarray::Zip;

use crate::allocation::{
    ensure_allocatable, ensure_allocatable_together, vec_with_capacity,
};
use crate::chapter::{samples, Chapter, Figure, Table};
use crate::random::RandomState;

pub use figures::render_neighbours;
pub use tables::{
    broadcast_memory, knn_findings, knn_table, symmetry_effect,
    temporary_effect,
};

/// What chapter 7 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch07-knn",
    samples: samples![
        tutorial_points,
        distance_matrix,
        sorted_neighbours,
        k_nearest_partition,
        kth_out_of_bounds,
        idiomatic_random,
        exercise_single_nearest,
        exercise_randint,
    ],
    figures: &[Figure::new("neighbours.png", render_neighbours)],
    tables: &[
        Table::text("numpy-table.md", numpy_table::render),
        Table::text("knn-table.md", knn_table),
        Table::text("temporary-effect.md", temporary_effect),
        Table::text("symmetry-effect.md", symmetry_effect),
        Table::text("findings.md", knn_findings),
        Table::measured("broadcast-memory.md", broadcast_memory),
    ],
};

// ANCHOR: knn_error
/// Why an argpartition or a neighbour query cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KnnError {
    /// `kth` must be a valid column index (NumPy: "kth(=5) out of bounds (5)").
    KthOutOfBounds {
        /// The requested position.
        kth: usize,
        /// The number of columns.
        ncols: usize,
    },
    /// More neighbours were asked for than there are other points.
    TooFewPoints {
        /// The requested number of neighbours.
        k: usize,
        /// The number of points.
        points: usize,
    },
}

impl fmt::Display for KnnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KnnError::KthOutOfBounds { kth, ncols } => write!(
                f,
                "kth(={kth}) out of bounds: rows have {}",
                count(*ncols, "element")
            ),
            KnnError::TooFewPoints { k, points } => write!(
                f,
                "cannot find {} among {} (each point has {})",
                count(*k, "neighbour"),
                count(*points, "point"),
                count(points.saturating_sub(1), "other")
            ),
        }
    }
}

impl std::error::Error for KnnError {}

/// "1 point", "2 points": a count and its noun.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}
// ANCHOR_END: knn_error

// ANCHOR: pairwise_broadcast
/// `np.sum((X[:, np.newaxis, :] - X[np.newaxis, :, :]) ** 2, axis=-1)`, word
/// for word. It creates two (n, n, d) temporaries: the differences, then their
/// squares, held together with their (n, n) sums. Panics, like
/// [`pairwise_sq_distances`], when they cannot be allocated. NumPy's answer
/// bit for bit up to seven coordinates; from eight on, NumPy's pairwise
/// summation adds in another order, so the last bits may differ (in every
/// version).
pub fn pairwise_sq_distances_broadcast(x: ArrayView2<f64>) -> Array2<f64> {
    let (n, d) = x.dim();
    let name = "pairwise_sq_distances_broadcast";
    // All three are held at the end: the differences, squares and sums.
    let (cube, square) = ([n, n, d], [n, n]);
    ensure_allocatable_together::<f64>(name, &[&cube, &cube, &square]);
    let rows = x.slice(s![.., NewAxis, ..]); // X[:, np.newaxis, :], (n, 1, d)
    let cols = x.slice(s![NewAxis, .., ..]); // X[np.newaxis, :, :], (1, n, d)
    let differences = &rows - &cols; // (n, n, d): a new array
    let squares = differences.mapv(|v| v * v); // and a second one
    squares.sum_axis(Axis(2)) // (n, n)
}
// ANCHOR_END: pairwise_broadcast

// ANCHOR: pairwise_in_place
/// The same expression with the squares computed in place, as NumPy does it:
/// one (n, n, d) temporary instead of two, held with the (n, n) sums. Panics,
/// like [`pairwise_sq_distances`], when they cannot be allocated.
pub fn pairwise_sq_distances_in_place(x: ArrayView2<f64>) -> Array2<f64> {
    let (n, d) = x.dim();
    let name = "pairwise_sq_distances_in_place";
    // Held at once: the (n, n, d) squares and the (n, n) sums.
    ensure_allocatable_together::<f64>(name, &[&[n, n, d], &[n, n]]);
    let differences =
        &x.slice(s![.., NewAxis, ..]) - &x.slice(s![NewAxis, .., ..]);
    differences.mapv_into(|v| v * v).sum_axis(Axis(2))
}
// ANCHOR_END: pairwise_in_place

// ANCHOR: pairwise_sq_distances
/// All squared Euclidean distances between the rows of `x`, (n, d) -> (n, n),
/// with no temporary: each distance is summed where it is stored, coordinate
/// by coordinate (NumPy's order up to seven coordinates; see
/// [`pairwise_sq_distances_broadcast`] for more).
///
/// # Panics
/// When the (n, n) result cannot be allocated (NumPy: `MemoryError`): a
/// million points ask for 8 TB.
pub fn pairwise_sq_distances(x: ArrayView2<f64>) -> Array2<f64> {
    let n = x.nrows();
    ensure_allocatable::<f64>("pairwise_sq_distances", &[n, n]);
    Array2::from_shape_fn((n, n), |(i, j)| sq_distance(x.row(i), x.row(j)))
}

/// The squared distance between two points, summed coordinate by coordinate.
///
/// # Panics
/// If the points have different numbers of coordinates.
pub fn sq_distance(a: ArrayView1<f64>, b: ArrayView1<f64>) -> f64 {
    // Checked here: `Zip`'s own check says something else in each profile.
    let (n, m) = (a.len(), b.len());
    assert!(n == m, "sq_distance: points of {n} and {m} coordinates");
    Zip::from(a)
        .and(b)
        .fold(0.0, |sum, &a, &b| sum + (a - b) * (a - b))
}
// ANCHOR_END: pairwise_sq_distances

// ANCHOR: pairwise_symmetric
/// [`pairwise_sq_distances`] computing each pair once, for (i, j) with i <= j,
/// and mirroring it to (j, i). The result is the same, bit for bit. Panics
/// like [`pairwise_sq_distances`].
pub fn pairwise_sq_distances_symmetric(x: ArrayView2<f64>) -> Array2<f64> {
    let n = x.nrows();
    ensure_allocatable::<f64>("pairwise_sq_distances_symmetric", &[n, n]);
    let mut dist_sq = Array2::<f64>::zeros((n, n));
    for i in 0..n {
        for j in i..n {
            let d = sq_distance(x.row(i), x.row(j));
            dist_sq[[i, j]] = d;
            dist_sq[[j, i]] = d;
        }
    }
    dist_sq
}
// ANCHOR_END: pairwise_symmetric

// ANCHOR: nan_last
/// NumPy's sort order for floats: ascending, NaN after everything, -0.0 equal
/// to 0.0.
pub fn cmp_nan_last(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// A `u64` whose unsigned order is [`cmp_nan_last`]'s order, for radix sorting.
pub fn sort_key(v: f64) -> u64 {
    if v.is_nan() {
        return u64::MAX;
    }
    let bits = (v + 0.0).to_bits(); // + 0.0 turns -0.0 into 0.0
    if bits >> 63 == 1 {
        !bits // negative: larger magnitude sorts first
    } else {
        bits | (1 << 63) // positive: after every negative
    }
}
// ANCHOR_END: nan_last

// ANCHOR: argsort_rows
/// `np.argsort(a, axis=1, kind='stable')`: for each row, the column indices
/// that sort it, ascending, ties in their original order, NaN last.
///
/// Each row is sorted by an LSD radix sort on 8-bit digits of an
/// order-preserving integer key: eight linear passes (fewer when a digit is the
/// same everywhere), stable by construction, with no comparisons at all.
///
/// # Panics
/// If a row has more than `u32::MAX` elements (the sort keeps its indices and
/// counts as `u32`, half the memory of `usize`), or when the result or one
/// row's working memory cannot be allocated (NumPy: `MemoryError`).
pub fn argsort_rows(a: ArrayView2<f64>) -> Array2<usize> {
    let n = a.ncols();
    if a.is_empty() {
        return Array2::zeros(a.dim()); // no rows, or rows of nothing
    }
    assert!(u32::try_from(n).is_ok(), "argsort_rows: a row of {n} elements");
    ensure_allocatable::<usize>("argsort_rows", &[a.nrows(), n]);
    let mut out = Array2::<usize>::zeros(a.dim());
    // One row's working memory: a refusal panics, like the result's.
    let scratch = "argsort_rows (working memory)";
    let (mut keys, mut keys_tmp) =
        (vec_with_capacity(scratch, n), vec_with_capacity(scratch, n));
    let (mut index, mut index_tmp) =
        (vec_with_capacity(scratch, n), vec_with_capacity(scratch, n));
    for (row, mut sorted) in a.rows().into_iter().zip(out.rows_mut()) {
        keys.clear();
        match row.as_slice() {
            Some(values) => keys.extend(values.iter().map(|&v| sort_key(v))),
            None => keys.extend(row.iter().map(|&v| sort_key(v))),
        }
        index.clear();
        index.extend(0..n as u32);
        radix_sort_pairs(&mut keys, &mut index, &mut keys_tmp, &mut index_tmp);
        // `out` is new and row-major: each of its rows is one slice.
        let slots = sorted.as_slice_mut().expect("a row of a new array");
        for (slot, &i) in slots.iter_mut().zip(&index) {
            *slot = i as usize;
        }
    }
    out
}

/// Sorts `keys` ascending, moving `index` along, stably (LSD radix, 8-bit
/// digits).
fn radix_sort_pairs(
    keys: &mut Vec<u64>,
    index: &mut Vec<u32>,
    keys_tmp: &mut Vec<u64>,
    index_tmp: &mut Vec<u32>,
) {
    let n = keys.len();
    keys_tmp.resize(n, 0);
    index_tmp.resize(n, 0);
    let mut counts = [[0u32; 256]; 8];
    for key in keys.iter() {
        for (digit, byte) in key.to_le_bytes().into_iter().enumerate() {
            counts[digit][usize::from(byte)] += 1;
        }
    }
    for (digit, count) in counts.iter_mut().enumerate() {
        if count.iter().any(|&c| c as usize == n) {
            continue; // every key has the same digit here: nothing to do
        }
        let mut total = 0;
        for c in count.iter_mut() {
            (*c, total) = (total, total + *c);
        }
        for (&key, &i) in keys.iter().zip(index.iter()) {
            let bucket = usize::from(key.to_le_bytes()[digit]);
            let position = count[bucket] as usize;
            count[bucket] += 1;
            keys_tmp[position] = key;
            index_tmp[position] = i;
        }
        std::mem::swap(keys, keys_tmp);
        std::mem::swap(index, index_tmp);
    }
}
// ANCHOR_END: argsort_rows

// ANCHOR: argsort_rows_unstable
/// `np.argsort(a, axis=1)`, NumPy's default: for each row, the column indices
/// that sort it, ascending, NaN last, -0.0 equal to 0.0. The algorithm is not
/// stable, but every (value, index) pair it sorts is distinct, so its result is
/// exactly that of the stable [`argsort_rows`] (NumPy's default may order ties
/// differently).
///
/// # Panics
/// Like [`argsort_rows`], if a row has more than `u32::MAX` elements or the
/// result or one row's working memory cannot be allocated.
pub fn argsort_rows_unstable(a: ArrayView2<f64>) -> Array2<usize> {
    let (rows, n) = a.dim();
    if a.is_empty() {
        return Array2::zeros(a.dim()); // no rows, or rows of nothing
    }
    assert!(
        u32::try_from(n).is_ok(),
        "argsort_rows_unstable: a row of {n} elements"
    );
    ensure_allocatable::<usize>("argsort_rows_unstable", &[rows, n]);
    let mut out = Vec::with_capacity(rows * n);
    // One row's working memory: a refusal panics, like the result's.
    let name = "argsort_rows_unstable (working memory)";
    let mut scratch = RowScratch {
        packed: vec_with_capacity(name, n),
        ..RowScratch::default()
    };
    let contiguous = a.row(0).as_slice().is_some(); // the same for every row
    let mut copy = vec_with_capacity(name, if contiguous { 0 } else { n });
    for row in a.rows() {
        let values = match row.as_slice() {
            Some(values) => values,
            None => {
                copy.clear();
                copy.extend(row.iter().copied());
                &copy[..]
            }
        };
        argsort_row_into(values, &mut out, &mut scratch);
    }
    Array2::from_shape_vec((rows, n), out).expect("one index per element")
}

/// The shortest row the bucket path takes; shorter ones go to `sort_unstable`.
const BUCKET_ROW_MIN: usize = 64;
/// The longest row the bucket path takes: with four buckets per value, every
/// bucket number and count fits a `u16`.
const BUCKET_ROW_MAX: usize = 1 << 14;
const _: () = assert!(4 * BUCKET_ROW_MAX - 1 <= u16::MAX as usize);
/// The most values a bucket may hold: the insertion sort's cost grows with the
/// square of a bucket's size, so a row with a fuller one uses `sort_unstable`.
const BUCKET_MAX_VALUES: u16 = 64;

/// Buffers reused from row to row.
#[derive(Default)]
struct RowScratch {
    packed: Vec<u64>,
    bucket: Vec<u16>,
    /// The buckets' `u16` counts, four to a word (see [`prefix_sums`]).
    counts: Vec<u64>,
}

/// Appends to `out` the indices that sort `row`:
/// 1. each value's order-preserving key (its high bits) and its index (the low
///    bits) are packed into one `u64`, and the packed keys are sorted:
/// 2. rows of 64 to 16,384 finite values are distributed into four buckets per
///    element, linearly between the smallest and the largest value (rounding is
///    monotonic, so bucket order is value order), packing each key as it goes
///    into its bucket, and the almost sorted result is finished by an insertion
///    sort. Rows with NaN or infinities, shorter or longer rows, and rows whose
///    values crowd into a few buckets are packed first and use `sort_unstable`
///    instead;
/// 3. the rare neighbours whose kept key bits tie are re-sorted by their full
///    key.
fn argsort_row_into(
    row: &[f64],
    out: &mut Vec<usize>,
    scratch: &mut RowScratch,
) {
    let n = row.len();
    // The low `bits` bits hold an index in 0..n.
    let bits = u64::BITS - (n.saturating_sub(1) as u64).leading_zeros();
    let mask = u64::MAX.checked_shr(u64::BITS - bits).unwrap_or(0);
    let pack = |(&v, i): (&f64, u64)| (sort_key(v) & !mask) | i;
    let mut sorted = false;
    if (BUCKET_ROW_MIN..=BUCKET_ROW_MAX).contains(&n) {
        let (lo, hi, finite) = min_max_finite(row);
        let scale = (4 * n) as f64 / (hi - lo);
        if finite && scale.is_finite() {
            sorted = bucket_sort(row, lo, scale, mask, pack, scratch);
        }
    }
    if !sorted {
        scratch.packed.clear();
        scratch.packed.extend(row.iter().zip(0u64..).map(pack));
        scratch.packed.sort_unstable();
    }
    write_indices(row, &scratch.packed, mask, out);
}

/// The smallest and largest value of `row`, and whether all are finite. Eight
/// running minimums and maximums instead of one let the compiler use SIMD
/// instructions: one running value is a chain where each step waits for the
/// last.
fn min_max_finite(row: &[f64]) -> (f64, f64, bool) {
    let (mut lo, mut hi) = ([f64::INFINITY; 8], [f64::NEG_INFINITY; 8]);
    let mut not_finite = [0.0; 8]; // v * 0.0 is NaN for ±inf and NaN, else 0
    let mut take = |chunk: &[f64]| {
        for (k, &v) in chunk.iter().enumerate() {
            lo[k] = if v < lo[k] { v } else { lo[k] };
            hi[k] = if v > hi[k] { v } else { hi[k] };
            not_finite[k] += v * 0.0;
        }
    };
    let mut chunks = row.chunks_exact(8);
    chunks.by_ref().for_each(&mut take);
    take(chunks.remainder());
    let lo = lo.into_iter().fold(f64::INFINITY, f64::min);
    let hi = hi.into_iter().fold(f64::NEG_INFINITY, f64::max);
    (lo, hi, not_finite.iter().all(|&x| x == 0.0))
}

/// Step 2 of [`argsort_row_into`]: false, with nothing sorted, if values
/// crowd. Otherwise the packed keys, sorted by their kept bits (`!mask`), are
/// in `s.packed`.
fn bucket_sort(
    row: &[f64],
    lo: f64,
    scale: f64,
    mask: u64,
    pack: impl Fn((&f64, u64)) -> u64,
    s: &mut RowScratch,
) -> bool {
    let n = row.len();
    // At most 4 × BUCKET_ROW_MAX buckets and BUCKET_ROW_MAX values: u16 counts
    // and bucket numbers, half the memory (and cache) of u32.
    let last = u16::try_from(4 * n - 1).expect("n <= BUCKET_ROW_MAX");
    s.bucket.clear();
    s.bucket
        .extend(row.iter().map(|&v| (((v - lo) * scale) as u16).min(last)));
    s.counts.clear();
    s.counts.resize(n, 0); // 4n counts, four to a word
    let counts: &mut [u16] = bytemuck::cast_slice_mut(&mut s.counts);
    for &b in &s.bucket {
        counts[usize::from(b)] += 1;
    }
    // `max` looks at every count, with SIMD; `any(|&c| c > …)` would stop at
    // the first crowded bucket but check one count at a time.
    if counts.iter().copied().max() > Some(BUCKET_MAX_VALUES) {
        return false;
    }
    prefix_sums(&mut s.counts); // where each bucket starts
    let starts: &mut [u16] = bytemuck::cast_slice_mut(&mut s.counts);
    s.packed.resize(n, 0);
    for (&b, item) in s.bucket.iter().zip(row.iter().zip(0u64..)) {
        let slot = &mut starts[usize::from(b)];
        s.packed[usize::from(*slot)] = pack(item);
        *slot += 1;
    }
    insertion_sort(&mut s.packed, !mask); // out of order only within a bucket
    true
}

/// Replaces each `u16` count, four to a word in memory order, with the sum of
/// the counts before it. A running total taken count by count is a chain of
/// 4n additions, each waiting for the last; here one multiplication sums a
/// word's four counts in place, so the chain has one addition per word. No sum
/// carries into the next count: all of a row's counts add up to at most
/// `BUCKET_ROW_MAX`, which fits a `u16`.
fn prefix_sums(words: &mut [u64]) {
    const ONES: u64 = 0x0001_0001_0001_0001;
    let mut total = 0; // the counts of all earlier words
    for word in words {
        let counts = u64::from_le(*word); // count k in bits 16k..16k + 16
        let inclusive = counts.wrapping_mul(ONES); // count k: counts 0..=k
        *word = (inclusive - counts + total * ONES).to_le();
        total += inclusive >> 48;
    }
}

/// Insertion sort of the `keep` bits, fast on an almost sorted slice: most
/// values are already after their predecessor and are only compared. Values
/// whose kept bits tie stay where they are: comparing their index bits too
/// would move a value past all its ties, even those of other buckets, which
/// is quadratic for a row whose values differ only in their dropped bits.
fn insertion_sort(v: &mut [u64], keep: u64) {
    for i in 1..v.len() {
        let x = v[i];
        if v[i - 1] & keep <= x & keep {
            continue;
        }
        let mut j = i;
        while j > 0 && v[j - 1] & keep > x & keep {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

/// Step 3 of [`argsort_row_into`]: the indices, in order, appended to `out`.
fn write_indices(row: &[f64], packed: &[u64], mask: u64, out: &mut Vec<usize>) {
    let start = out.len();
    let mut tie = false;
    let mut previous = u64::MAX; // a false tie costs only the fix-up below
    out.extend(packed.iter().map(|&p| {
        tie |= p & !mask == previous;
        previous = p & !mask;
        (p & mask) as usize
    }));
    if !tie {
        return;
    }
    // Runs whose kept bits agree are in index or bucket order: order them by
    // the full key.
    let mut first = 0;
    while first < packed.len() {
        let high = packed[first] & !mask;
        let run = packed[first..]
            .iter()
            .take_while(|&&p| p & !mask == high)
            .count();
        if run > 1 {
            out[start + first..start + first + run]
                .sort_unstable_by_key(|&i| (sort_key(row[i]), i));
        }
        first += run;
    }
}
// ANCHOR_END: argsort_rows_unstable

// ANCHOR: argpartition_rows
/// `np.argpartition(a, kth, axis=1)`: for each row, column indices arranged so
/// that position `kth` holds the index of the element that would be there if
/// the row were sorted, every index before it points to an element no larger,
/// every index after it to one no smaller. NaN counts as larger than
/// everything, as in NumPy. O(n) per row.
///
/// Beyond position `kth` the order is unspecified (NumPy's is different again,
/// and depends on the CPU): only the partition property is promised, by both.
/// An array with no elements gives an empty result whatever `kth`, as in NumPy.
///
/// # Errors
/// [`KnnError::KthOutOfBounds`] when `kth` is not a column of a non-empty
/// `a` (NumPy: `ValueError`).
///
/// # Panics
/// When the result or one row's working memory cannot be allocated
/// (NumPy: `MemoryError`).
pub fn argpartition_rows(
    a: ArrayView2<f64>,
    kth: usize,
) -> Result<Array2<usize>, KnnError> {
    let ncols = a.ncols();
    if a.is_empty() {
        return Ok(Array2::zeros(a.dim()));
    }
    if kth >= ncols {
        return Err(KnnError::KthOutOfBounds { kth, ncols });
    }
    ensure_allocatable::<usize>("argpartition_rows", &[a.nrows(), ncols]);
    let mut out = Array2::<usize>::zeros(a.dim());
    // One row's working memory: a refusal panics, like the result's. The
    // small-kth path needs a copy of a row that is not contiguous, the other
    // path the indices to select from.
    let scratch = "argpartition_rows (working memory)";
    let small = kth < SMALL_KTH;
    let contiguous = a.row(0).as_slice().is_some(); // the same for every row
    let copy_len = if small && !contiguous { ncols } else { 0 };
    let mut copy: Vec<f64> = vec_with_capacity(scratch, copy_len);
    let index_len = if small { 0 } else { ncols };
    let mut index: Vec<usize> = vec_with_capacity(scratch, index_len);
    let mut best: Vec<usize> = Vec::with_capacity(SMALL_KTH + 1);
    for (row, mut arranged) in a.rows().into_iter().zip(out.rows_mut()) {
        if small {
            match row.as_slice() {
                Some(values) => select_smallest(values, kth + 1, &mut best),
                None => {
                    copy.clear();
                    copy.extend(row.iter().copied());
                    select_smallest(&copy, kth + 1, &mut best);
                }
            }
            // Every index in order, then the kth + 1 smallest swapped to the
            // front, in order.
            // `out` is new and row-major: each of its rows is one slice.
            let slots = arranged.as_slice_mut().expect("a row of a new array");
            for (slot, i) in slots.iter_mut().zip(0..) {
                *slot = i;
            }
            for (front, &b) in best.iter().enumerate() {
                // `b` is still at position `b` unless an earlier swap moved it,
                // which can only have happened inside the front part or onto an
                // earlier best's place.
                let at = if arranged[b] == b {
                    b
                } else {
                    (front..ncols).find(|&p| arranged[p] == b).unwrap_or(b)
                };
                arranged.swap(front, at);
            }
        } else {
            index.clear();
            index.extend(0..ncols);
            // Ties broken by index, so that position kth matches a stable sort.
            index.select_nth_unstable_by(kth, |&i, &j| {
                cmp_nan_last(row[i], row[j]).then(i.cmp(&j))
            });
            for (slot, &i) in arranged.iter_mut().zip(&index) {
                *slot = i;
            }
        }
    }
    Ok(out)
}

/// Below this `kth`, [`argpartition_rows`] keeps the `kth + 1` smallest in a
/// small sorted buffer during one pass instead of running a general selection.
const SMALL_KTH: usize = 16;

/// Puts into `best` the indices of the `count` smallest elements of `row`,
/// sorted (ties by index, NaN last), in one pass: an element is compared with
/// the worst of the current `count` best, and only the rare ones that beat it
/// are inserted.
fn select_smallest(row: &[f64], count: usize, best: &mut Vec<usize>) {
    best.clear();
    let mut worst = f64::NAN;
    for (i, &v) in row.iter().enumerate() {
        if best.len() == count {
            // Skip unless v is strictly smaller than the worst kept (any number
            // beats NaN).
            let beats = v < worst || (worst.is_nan() && !v.is_nan());
            if !beats {
                continue;
            }
            best.pop();
        }
        // Insert after every element that is no larger: ties stay in index
        // order.
        let at = best
            .partition_point(|&b| cmp_nan_last(row[b], v) != Ordering::Greater);
        best.insert(at, i);
        if let Some(&last) = best.last() {
            worst = row[last];
        }
    }
}
// ANCHOR_END: argpartition_rows

// ANCHOR: k_nearest
/// The `k` nearest neighbours of every point, nearest first, from a
/// squared-distance matrix (each point itself, at distance 0, is left out).
/// `k = 0` gives `(points, 0)`, even for no points, as the tutorial's
/// `np.argsort(d, axis=1)[:, 1:1]` does.
///
/// # Errors
/// For `k` of 1 or more: [`KnnError::TooFewPoints`] when there are not
/// `k + 1` points, [`KnnError::KthOutOfBounds`] when a row has fewer than
/// `k + 1` columns.
///
/// # Panics
/// When the partition and the (points, k) answer, held together, cannot be
/// allocated (NumPy: `MemoryError`), or as [`argpartition_rows`] does.
pub fn k_nearest(
    dist_sq: ArrayView2<f64>,
    k: usize,
) -> Result<Array2<usize>, KnnError> {
    let points = dist_sq.nrows();
    if k == 0 {
        // Nothing to find: no pass over the rows (an array with no columns
        // can have 2^40 of them).
        return Ok(Array2::zeros((points, 0)));
    }
    if k >= points {
        return Err(KnnError::TooFewPoints { k, points });
    }
    if k >= dist_sq.ncols() {
        // Fewer candidates than neighbours asked for (even none at all).
        let ncols = dist_sq.ncols();
        return Err(KnnError::KthOutOfBounds { kth: k, ncols });
    }
    // Held at once: the partition and the neighbours taken from it.
    let [all, first_k] = [[points, dist_sq.ncols()], [points, k]];
    ensure_allocatable_together::<usize>("k_nearest", &[&all, &first_k]);
    let partition = argpartition_rows(dist_sq, k)?;
    let mut nearest = Array2::<usize>::zeros((points, k));
    for (i, (candidates, mut row)) in partition
        .rows()
        .into_iter()
        .zip(nearest.rows_mut())
        .enumerate()
    {
        let mut first: Vec<usize> = candidates
            .iter()
            .take(k + 1)
            .copied()
            .filter(|&j| j != i)
            .collect();
        first.sort_by(|&a, &b| {
            cmp_nan_last(dist_sq[[i, a]], dist_sq[[i, b]]).then(a.cmp(&b))
        });
        for (slot, j) in row.iter_mut().zip(first) {
            *slot = j;
        }
    }
    Ok(nearest)
}
// ANCHOR_END: k_nearest

// ANCHOR: tutorial_points
/// `rand = np.random.RandomState(42); X = rand.rand(10, 2)`: the tutorial's
/// points.
///
/// # Panics
/// If one of its checks fails.
pub fn tutorial_points() {
    let x = RandomState::new(42).rand(10, 2); // NumPy's numbers, bit for bit
    println!("{x:.8}");
    assert_eq!(x[[0, 0]], 0.3745401188473625); // NumPy prints 0.37454012
}
// ANCHOR_END: tutorial_points

// ANCHOR: distance_matrix
/// All squared distances, three ways; the diagonal is zero.
///
/// # Panics
/// If one of its checks fails.
pub fn distance_matrix() {
    let x = RandomState::new(42).rand(10, 2);
    let dist_sq = pairwise_sq_distances_broadcast(x.view());
    println!("{}", dist_sq.diag());
    println!("{:.4}", dist_sq.row(0));
    assert!(dist_sq.diag().iter().all(|&d| d == 0.0));
    assert_eq!(dist_sq, pairwise_sq_distances_in_place(x.view()));
    assert_eq!(dist_sq, pairwise_sq_distances(x.view()));
    assert_eq!(dist_sq, dist_sq.t()); // symmetric
}
// ANCHOR_END: distance_matrix

// ANCHOR: sorted_neighbours
/// `np.argsort(dist_sq, axis=1)`: each row lists the points, nearest first.
///
/// # Panics
/// If one of its checks fails.
pub fn sorted_neighbours() {
    let x = RandomState::new(42).rand(10, 2);
    let dist_sq = pairwise_sq_distances(x.view());
    let nearests = argsort_rows_unstable(dist_sq.view()); // np.argsort
    println!("{nearests}");
    assert_eq!(nearests, argsort_rows(dist_sq.view())); // kind='stable'
    assert_eq!(nearests.column(0), Array::from_iter(0..10)); // itself first
}
// ANCHOR_END: sorted_neighbours

// ANCHOR: k_nearest_partition
/// `np.argpartition(dist_sq, K + 1, axis=1)[:, :K+1]`: the K + 1 nearest (each
/// point itself included), in no particular order, then sorted by distance.
///
/// # Panics
/// If one of its checks fails.
pub fn k_nearest_partition() {
    const K: usize = 2;
    let x = RandomState::new(42).rand(10, 2);
    let dist_sq = pairwise_sq_distances(x.view());
    let partition = argpartition_rows(dist_sq.view(), K + 1).expect("K+1 < 10");
    let mut candidates = partition.slice(s![.., ..K + 1]).to_owned();
    // The order within the partition is unspecified: sort them by distance.
    for (i, mut row) in candidates.rows_mut().into_iter().enumerate() {
        let row = row.as_slice_mut().expect("a row of a new array");
        row.sort_by(|&a, &b| cmp_nan_last(dist_sq[[i, a]], dist_sq[[i, b]]));
    }
    println!("{candidates}");
    // The first K + 1 columns of the full argsort:
    let sorted = argsort_rows(dist_sq.view());
    assert_eq!(candidates, sorted.slice(s![.., ..K + 1]));
}
// ANCHOR_END: k_nearest_partition

// ANCHOR: kth_out_of_bounds
/// A `kth` that is not a column: an error, not a panic.
///
/// # Panics
/// If one of its checks fails.
pub fn kth_out_of_bounds() {
    let dist_sq = Array2::<f64>::zeros((10, 10));
    let error = argpartition_rows(dist_sq.view(), 10).unwrap_err();
    println!("{error}");
    assert_eq!(error, KnnError::KthOutOfBounds { kth: 10, ncols: 10 });
}
// ANCHOR_END: kth_out_of_bounds

// ANCHOR: idiomatic_random
/// Without the need for NumPy's exact numbers: ndarray-rand with a seeded,
/// portable generator.
///
/// # Panics
/// If one of its checks fails.
pub fn idiomatic_random() {
    use ndarray_rand::rand_distr::Uniform;
    use ndarray_rand::RandomExt;
    use rand::SeedableRng;

    let mut rng = rand_pcg::Pcg64::seed_from_u64(42);
    let uniform = Uniform::new(0.0, 1.0).expect("0 < 1");
    let x = Array2::random_using((10, 2), uniform, &mut rng);
    println!("{:.8}", x.slice(s![..3, ..]));
    assert!(x.iter().all(|&v| (0.0..1.0).contains(&v)));
}
// ANCHOR_END: idiomatic_random

// ANCHOR: exercise_single_nearest
/// Exercise: each point's single nearest neighbour, two ways.
///
/// # Panics
/// If one of its checks fails.
pub fn exercise_single_nearest() {
    let x = RandomState::new(42).rand(10, 2);
    let dist_sq = pairwise_sq_distances(x.view());
    let nearest = k_nearest(dist_sq.view(), 1).expect("1 < 10");
    println!("{}", nearest.column(0));
    assert_eq!(nearest.column(0), argsort_rows(dist_sq.view()).column(1));
}
// ANCHOR_END: exercise_single_nearest

// ANCHOR: exercise_randint
/// Exercise: `np.random.RandomState(0).randint(0, 100, size=(3, 4))`.
///
/// # Panics
/// If one of its checks fails.
pub fn exercise_randint() {
    let r = RandomState::new(0).randint(0, 100, 3, 4);
    println!("{r}");
    assert_eq!(
        r,
        array![[44, 47, 64, 67], [67, 9, 83, 21], [36, 87, 70, 88]]
    ); // NumPy's
}
// ANCHOR_END: exercise_randint

#[cfg(test)]
mod tests {
    use super::*;

    /// How many random rows each property test below tries.
    const PROPERTY_ROWS: u32 = 256;
    /// The longest row of the unstable argsort's property test: long enough to
    /// reach its bucket path.
    const UNSTABLE_PROPERTY_ROW_MAX: usize = 299;

    /// The chapter and the doc comment of `argsort_row_into` state the bucket
    /// path's limits and the property tests' sizes: they must be the code's.
    #[test]
    fn the_prose_states_the_limits_of_the_code() {
        use crate::results::format_size; // 16384 as the prose writes it: "16,384"
        let chapter = crate::chapter::page_text("ch07-knn.md");
        let doc = include_str!("mod.rs").split_whitespace();
        let doc = doc.collect::<Vec<_>>().join(" ");
        let (min, max) = (BUCKET_ROW_MIN, format_size(BUCKET_ROW_MAX as u64));
        for said in [
            format!("stable comparison sort on {PROPERTY_ROWS} random rows"),
            format!("rows of up to {UNSTABLE_PROPERTY_ROW_MAX} values"),
            format!("takes rows of {min} to {max} finite values"),
            format!("shorter than {min} or longer than {max} values"),
        ] {
            assert!(chapter.contains(&said), "src/ch07-knn.md: {said:?}");
        }
        let said = format!("/// 2. rows of {min} to {max} finite values");
        assert!(doc.contains(&said), "argsort_row_into's doc: {said:?}");
    }

    /// Exercise 1 says why its check holds: no other of the ten points is at
    /// distance 0 from a point, and no distance is NaN (the page used to
    /// say only "no two points are at the same place", which misses squares
    /// that underflow to 0 and NaNs).
    #[test]
    fn exercise_one_states_why_its_check_holds() {
        let x = RandomState::new(42).rand(10, 2);
        let d = pairwise_sq_distances(x.view());
        for ((i, j), &v) in d.indexed_iter() {
            assert!(!v.is_nan() && (i == j || v > 0.0), "[{i}, {j}]: {v}");
        }
        let page = crate::chapter::page_text("ch07-knn.md");
        let said = "column 0 of every row is the point itself: no other of the \
                    ten points is at distance 0 from it, and no distance is NaN.";
        assert!(page.contains(said), "src/ch07-knn.md: {said:?}");
    }

    #[test]
    fn duplicate_points_are_each_others_neighbours_never_their_own() {
        // Three points at one place: for these, the stable argsort's
        // `argsort(d)[:, 1:K+1]` lists point 1 among its own neighbours ([1, 2]),
        // as NumPy's does for the duplicates of the committed k_nearest cases
        // (tests/edge_cases/knn.rs checks their notes).
        let x = array![[0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [1.0, 1.0]];
        let dist_sq = pairwise_sq_distances(x.view());
        assert_eq!(argsort_rows(dist_sq.view()).slice(s![1, 1..3]), array![1, 2]);
        let nearest = k_nearest(dist_sq.view(), 2).expect("2 < 4 points");
        assert_eq!(nearest.slice(s![..3, ..]), array![[1, 2], [0, 2], [0, 1]]);
        for (i, row) in nearest.rows().into_iter().enumerate() {
            assert!(!row.iter().any(|&j| j == i), "point {i} is its own neighbour");
        }
        // The last point's two nearest are two of the three, at distance 2.
        assert!(nearest.row(3).iter().all(|&j| dist_sq[[3, j]] == 2.0));
    }
    use proptest::prelude::*;

    /// The numbers of a printed array, NumPy's (`[[0 3]`) or ndarray's (`[[0,
    /// 3],`).
    fn numbers(text: &str) -> Vec<f64> {
        text.split(|c: char| c.is_whitespace() || "[],".contains(c))
            .filter_map(|token| token.parse().ok())
            .collect()
    }

    fn rounded(values: impl IntoIterator<Item = f64>) -> Vec<f64> {
        values
            .into_iter()
            .map(|v| format!("{v:.8}").parse().expect("a number"))
            .collect()
    }

    fn indices(a: &Array2<usize>) -> Vec<f64> {
        a.iter().map(|&i| i as f64).collect()
    }

    macro_rules! numpy {
        ($name:literal) => {
            numbers(include_str!(concat!(
                "../../../python/outputs/ch07-knn/",
                $name,
                ".txt"
            )))
        };
    }

    #[test]
    fn the_rust_samples_compute_what_numpy_printed() {
        let x = RandomState::new(42).rand(10, 2);
        assert_eq!(numpy!("tutorial_points"), rounded(x.iter().copied()));
        let dist_sq = pairwise_sq_distances(x.view());
        let shown = dist_sq.diag().into_iter().chain(dist_sq.row(0));
        assert_eq!(numpy!("distance_matrix"), rounded(shown.copied()));
        let sorted = argsort_rows_unstable(dist_sq.view());
        assert_eq!(numpy!("sorted_neighbours"), indices(&sorted));
        let candidates = sorted.slice(s![.., ..3]).to_owned();
        assert_eq!(numpy!("k_nearest_partition"), indices(&candidates));
        let r = RandomState::new(0).randint(0, 100, 3, 4);
        let r = r.iter().map(|&v| v as f64).collect::<Vec<_>>();
        assert_eq!(numpy!("exercise_randint"), r);
        assert_eq!(numbers("[[0 3]\n [1, 2.5e-1]]"), [0.0, 3.0, 1.0, 0.25]);
    }

    #[test]
    fn argsort_is_stable_and_puts_nan_last() {
        let a = array![[
            2.0,
            f64::NAN,
            1.0,
            2.0,
            -0.0,
            0.0,
            f64::NEG_INFINITY,
            -f64::NAN
        ]];
        // NumPy's answer is the committed edge case argsort_rows/nan-last-ties,
        // which reads -NaN back as NaN: here its sign bit is set.
        let expected = array![[6, 4, 5, 2, 0, 3, 1, 7]];
        assert_eq!(argsort_rows(a.view()), expected);
        assert_eq!(argsort_rows_unstable(a.view()), expected);
    }

    #[test]
    fn argsort_of_empty_and_strided_arrays() {
        for (r, c) in [(0, 4), (3, 0), (0, 0), (2, 1)] {
            let a = Array2::<f64>::zeros((r, c));
            assert_eq!(argsort_rows(a.view()).dim(), (r, c));
            assert_eq!(argsort_rows_unstable(a.view()).dim(), (r, c));
        }
        let x = RandomState::new(3).rand(300, 50); // rows of the transpose
        let by_row = argsort_rows(x.t());
        assert_eq!(argsort_rows_unstable(x.t()), by_row);
        assert_eq!(argsort_rows(x.t().as_standard_layout().view()), by_row);
    }

    /// A deterministic stream of test values (xorshift).
    fn xorshift(seed: u64) -> impl FnMut() -> u64 {
        let mut s = seed;
        move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        }
    }

    fn both_argsorts_agree(row: Vec<f64>) {
        let n = row.len();
        let a = Array2::from_shape_vec((1, n), row).expect("one row");
        assert_eq!(argsort_rows_unstable(a.view()), argsort_rows(a.view()));
    }

    #[test]
    fn unstable_argsort_resolves_ties_in_the_dropped_bits() {
        // Values that differ only in their lowest bits, which packing drops.
        let mut row: Vec<f64> = (0..3000u64)
            .map(|i| f64::from_bits(1.0f64.to_bits() + (i * 7919) % 3001))
            .collect();
        row.extend([f64::NAN, -1e-300, 1e300, f64::INFINITY]);
        both_argsorts_agree(row);
    }

    /// The bucket path's insertion sort moves a value only among the values
    /// of its bucket (at most `BUCKET_MAX_VALUES`), whatever the row. Values whose kept bits
    /// tie across buckets used to be sorted by index too, which moved each
    /// value past all its ties: 16,384 values that differ only in their last
    /// bits, in decreasing order, took 300 times as long as other rows.
    #[test]
    fn unstable_argsort_moves_values_only_within_their_bucket() {
        let n = BUCKET_ROW_MAX as u64; // the longest row the bucket path takes
        let mask = n - 1; // the index bits of a row of 16,384
        let one = 1.0f64.to_bits();
        let mut next = xorshift(7);
        let rows: [Vec<f64>; 3] = [
            (0..n).rev().map(|k| f64::from_bits(one + k)).collect(),
            (0..n).map(|_| f64::from_bits(one + next() % n)).collect(),
            (0..n).map(|_| (next() >> 11) as f64 / 9e15 - 0.5).collect(),
        ];
        for row in rows {
            let (lo, hi, finite) = min_max_finite(&row);
            let scale = (4 * row.len()) as f64 / (hi - lo);
            assert!(finite && scale.is_finite());
            let pack = |(&v, i): (&f64, u64)| (sort_key(v) & !mask) | i;
            let mut s = RowScratch::default();
            assert!(bucket_sort(&row, lo, scale, mask, pack, &mut s), "crowded");
            let bucket_of = |&p: &u64| s.bucket[(p & mask) as usize];
            assert!(s.packed.iter().map(bucket_of).is_sorted());
            both_argsorts_agree(row);
        }
    }

    /// `prefix_sums` against a running total taken count by count, on words
    /// whose counts add up to as much as a row of `BUCKET_ROW_MAX` values can:
    /// a carry from one count into the next would show here.
    #[test]
    fn prefix_sums_match_a_running_total() {
        let mut next = xorshift(11);
        let most = BUCKET_ROW_MAX as u16;
        let cases: [Vec<u16>; 4] = [
            vec![most, 0, 0, 0, 0, 0, 0, 0], // every value in the first bucket
            [vec![0; 4 * 1024 - 1], vec![most]].concat(), // ... in the last
            (0..4 * 4096).map(|_| (next() % 2) as u16).collect(), // ~8,192
            (0..4 * 256).map(|k| [64, 0, 0, 0][k % 4]).collect(), // 16,384 in all
        ];
        for counts in cases {
            let mut words = vec![0u64; counts.len() / 4];
            bytemuck::cast_slice_mut::<u64, u16>(&mut words).copy_from_slice(&counts);
            prefix_sums(&mut words);
            let mut total = 0;
            let expected: Vec<u16> = counts
                .iter()
                .map(|&c| {
                    total += c;
                    total - c
                })
                .collect();
            assert_eq!(bytemuck::cast_slice::<u64, u16>(&words), expected);
        }
    }

    #[test]
    fn unstable_argsort_agrees_on_rows_with_ties_and_any_spread() {
        let mut next = xorshift(99);
        for n in [65usize, 100, 2000, 5000, 20_000] {
            for spread in [1e-300, 1e-12, 1.0, 1e300] {
                let row = (0..n)
                    .map(|_| {
                        let s = next();
                        match s % 8 {
                            0 => -0.0,
                            1 => 0.0,
                            2 => (s % 7) as f64 * spread, // duplicates
                            3 => f64::from_bits(1.0f64.to_bits() + s % 4),
                            _ => ((s >> 11) as f64 / 9e15 - 0.5) * spread,
                        }
                    })
                    .collect();
                both_argsorts_agree(row);
            }
        }
        // Values crowded into one bucket take the fallback.
        let mut row: Vec<f64> =
            (0..3000).map(|i| 1.0 + (i % 500) as f64 * 1e-9).collect();
        row.push(1e6);
        both_argsorts_agree(row);
    }

    #[test]
    fn unstable_argsort_agrees_with_nan_and_signed_zeros() {
        let mut next = xorshift(12345);
        for n in [2usize, 3, 17, 64, 255, 256, 257, 1000, 4097] {
            let row = (0..n)
                .map(|_| {
                    let s = next();
                    match s % 10 {
                        0 => f64::NAN,
                        1 => -0.0,
                        2 => 0.0,
                        3 => (s % 5) as f64,
                        _ => (s >> 11) as f64 / 9e15 - 0.5,
                    }
                })
                .collect();
            both_argsorts_agree(row);
        }
    }

    #[test]
    fn k_nearest_with_no_candidates_is_an_error() {
        // No columns: no row has a neighbour to give (it used to answer 0s).
        let no_columns = Array2::<f64>::zeros((3, 0));
        assert_eq!(
            k_nearest(no_columns.view(), 1),
            Err(KnnError::KthOutOfBounds { kth: 1, ncols: 0 })
        );
        let few = Array2::<f64>::zeros((5, 2));
        assert_eq!(
            k_nearest(few.view(), 2),
            Err(KnnError::KthOutOfBounds { kth: 2, ncols: 2 })
        );
        assert_eq!(k_nearest(no_columns.view(), 0).map(|a| a.dim()), Ok((3, 0)));
        // No neighbours of no points: nothing to find, as in NumPy (it was
        // TooFewPoints, "cannot find 0 neighbours among 0 points").
        let nothing = Array2::<f64>::zeros((0, 0));
        assert_eq!(k_nearest(nothing.view(), 0).map(|a| a.dim()), Ok((0, 0)));
        assert_eq!(
            k_nearest(nothing.view(), 1),
            Err(KnnError::TooFewPoints { k: 1, points: 0 })
        );
    }

    #[test]
    fn argpartition_errors_and_empty_arrays() {
        let a = Array2::<f64>::zeros((3, 4));
        assert_eq!(
            argpartition_rows(a.view(), 4),
            Err(KnnError::KthOutOfBounds { kth: 4, ncols: 4 })
        );
        let e = KnnError::KthOutOfBounds { kth: 5, ncols: 5 };
        assert_eq!(
            e.to_string(),
            "kth(=5) out of bounds: rows have 5 elements"
        );
        // NumPy checks kth only when there are elements to partition.
        for (r, c, kth) in [(3, 0, 0), (3, 0, 1), (0, 3, 3), (0, 0, 0)] {
            let a = Array2::<f64>::zeros((r, c));
            let p = argpartition_rows(a.view(), kth).expect("nothing to do");
            assert_eq!(p.dim(), (r, c));
        }
    }

    #[test]
    fn k_nearest_checks_k() {
        let x = RandomState::new(42).rand(10, 2);
        let d = pairwise_sq_distances(x.view());
        assert_eq!(
            k_nearest(d.view(), 10),
            Err(KnnError::TooFewPoints { k: 10, points: 10 })
        );
        let two = k_nearest(d.view(), 2).expect("2 < 10");
        assert_eq!(two.row(0), array![3, 4]);
    }

    #[test]
    fn argpartition_handles_nan_as_largest() {
        let a = array![[f64::NAN, 3.0, 1.0, f64::NAN, 2.0]];
        let p = argpartition_rows(a.view(), 2).expect("valid");
        assert_eq!(p[[0, 2]], 1); // sorted: 1.0 (2), 2.0 (4), 3.0 (1), NaN, NaN
        let p = argpartition_rows(a.view(), 4).expect("valid");
        assert!(a[[0, p[[0, 4]]]].is_nan());
    }

    /// Equal as NumPy compares in tests: NaN equals NaN, -0.0 is not 0.0.
    fn same_bits(a: &Array2<f64>, b: &Array2<f64>) -> bool {
        a.dim() == b.dim()
            && a.iter().zip(b).all(|(x, y)| {
                x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
            })
    }

    fn all_versions(x: ArrayView2<f64>) -> [Array2<f64>; 4] {
        [
            pairwise_sq_distances_broadcast(x),
            pairwise_sq_distances_in_place(x),
            pairwise_sq_distances(x),
            pairwise_sq_distances_symmetric(x),
        ]
    }

    #[test]
    fn a_nan_or_infinite_point_has_a_nan_distance_to_itself() {
        // NumPy: (x - x) ** 2 is NaN for x = NaN or inf, so the diagonal is
        // NaN.
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let x = array![[bad, 0.0], [1.0, 2.0]];
            for d in all_versions(x.view()) {
                assert!(d[[0, 0]].is_nan(), "{bad}: {d}");
                assert_eq!(d[[1, 1]], 0.0);
                assert!(same_bits(
                    &d,
                    &pairwise_sq_distances_broadcast(x.view())
                ));
            }
        }
    }

    #[test]
    fn up_to_seven_coordinates_every_version_adds_in_the_same_order() {
        // From 8 coordinates on, ndarray's sum_axis adds eight lanes at a time
        // (NumPy uses its pairwise summation): the last bits may differ.
        for d in 1..=7 {
            let x = RandomState::new(d as u32).rand(30, d);
            let [broadcast, rest @ ..] = all_versions(x.view());
            for other in rest {
                assert!(same_bits(&broadcast, &other), "d = {d}");
            }
        }
        let x = RandomState::new(8).rand(30, 9);
        let [broadcast, rest @ ..] = all_versions(x.view());
        assert!(!same_bits(&broadcast, &rest[1]), "d = 9 now agrees: say so");
        for other in rest {
            let close = Zip::from(&broadcast)
                .and(&other)
                .all(|&a, &b| (a - b).abs() <= 1e-15 * a.abs().max(1.0));
            assert!(close);
        }
    }

    /// Short rows of [`element`]s.
    fn row_strategy() -> impl Strategy<Value = Vec<f64>> {
        prop::collection::vec(element(), 1..40)
    }

    /// The reference both argsorts are checked against: a stable comparison
    /// sort of the indices, NaN last.
    fn stable_order(row: &[f64]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..row.len()).collect();
        order.sort_by(|&i, &j| cmp_nan_last(row[i], row[j]));
        order
    }

    /// Whatever `min_max_finite` finds only decides how fast a row is sorted
    /// (a missed extreme lands in an end bucket, and the insertion sort still
    /// orders it), so this checks the answer with one NaN, infinity or
    /// extreme value anywhere; the next test checks `min_max_finite` itself.
    #[test]
    fn unstable_argsort_with_a_special_value_anywhere() {
        for n in [64, 67, 71, 72] {
            let base: Vec<f64> = (0..n).map(|i| f64::from((i * 37) % n)).collect();
            for at in 0..n as usize {
                for special in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1e9, 1e9] {
                    let mut row = base.clone();
                    row[at] = special;
                    let a = Array2::from_shape_vec((1, row.len()), row.clone())
                        .expect("one row");
                    assert_eq!(
                        argsort_rows_unstable(a.view()).row(0).to_vec(),
                        stable_order(&row),
                        "n = {n}, {special} at {at}"
                    );
                }
            }
        }
    }

    /// `min_max_finite` reads eight lanes plus a remainder: a NaN, an
    /// infinity, a new smallest or a new largest value in any of them is
    /// seen.
    #[test]
    fn min_max_finite_sees_every_lane_and_the_remainder() {
        for n in [1, 7, 8, 9, 15, 16, 17, 67] {
            let base: Vec<f64> = (0..n).map(|i| f64::from(i % 5)).collect();
            assert_eq!(min_max_finite(&base), (0.0, f64::from((n - 1).min(4)), true));
            for at in 0..n as usize {
                let with = |value: f64| {
                    let mut row = base.clone();
                    row[at] = value;
                    min_max_finite(&row)
                };
                let (lo, hi, finite) = with(f64::NAN);
                assert!(!finite, "NaN at {at} of {n}");
                assert!(lo <= hi || n == 1, "NaN at {at} of {n}: {lo}, {hi}");
                assert!(!with(f64::INFINITY).2, "inf at {at} of {n}");
                assert!(!with(f64::NEG_INFINITY).2, "-inf at {at} of {n}");
                assert_eq!(with(-7.5).0, -7.5, "new smallest at {at} of {n}");
                assert_eq!(with(9.5).1, 9.5, "new largest at {at} of {n}");
                assert!(with(9.5).2 && with(-7.5).2);
            }
        }
    }

    proptest! {
        // The chapter says how many random rows (a test checks it).
        #![proptest_config(ProptestConfig::with_cases(PROPERTY_ROWS))]

        #[test]
        fn argsort_agrees_with_a_stable_comparison_sort(row in row_strategy()) {
            let a = Array2::from_shape_vec((1, row.len()), row.clone()).expect("one row");
            prop_assert_eq!(argsort_rows(a.view()).row(0).to_vec(), stable_order(&row));
        }

        /// Long enough rows (up to `UNSTABLE_PROPERTY_ROW_MAX`) to reach the
        /// unstable sort's bucket path (`BUCKET_ROW_MIN` or more finite values), with ties and ±0.0; a third of
        /// the rows get no NaN or infinity, the others one or two, which
        /// send them down the comparison-sort path.
        #[test]
        fn unstable_argsort_gives_the_stable_order(
            finite in prop::collection::vec(
                prop_oneof![
                    4 => (-1000i32..1000).prop_map(|v| f64::from(v) / 2.0),
                    1 => Just(-0.0),
                ],
                1..=UNSTABLE_PROPERTY_ROW_MAX,
            ),
            specials in prop::collection::vec(
                (
                    any::<prop::sample::Index>(),
                    prop_oneof![
                        Just(f64::NAN),
                        Just(f64::INFINITY),
                        Just(f64::NEG_INFINITY),
                    ],
                ),
                0..3,
            ),
        ) {
            let mut row = finite;
            for (at, value) in specials {
                let i = at.index(row.len());
                row[i] = value;
            }
            let a = Array2::from_shape_vec((1, row.len()), row.clone()).expect("one row");
            prop_assert_eq!(
                argsort_rows_unstable(a.view()).row(0).to_vec(),
                stable_order(&row)
            );
        }

        #[test]
        fn argpartition_has_numpy_semantics(row in row_strategy(), kth_seed in 0usize..1000) {
            let n = row.len();
            let kth = kth_seed % n;
            let a = Array2::from_shape_vec((1, n), row.clone()).expect("one row");
            let p = argpartition_rows(a.view(), kth).expect("kth < n");
            let p = p.row(0);
            let mut seen = p.to_vec();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..n).collect::<Vec<_>>()); // a permutation
            let sorted = argsort_rows(a.view());
            let pivot = row[p[kth]];
            prop_assert_eq!(cmp_nan_last(pivot, row[sorted[[0, kth]]]), Ordering::Equal);
            for i in 0..kth { prop_assert!(cmp_nan_last(row[p[i]], pivot) != Ordering::Greater); }
            for i in kth + 1..n { prop_assert!(cmp_nan_last(row[p[i]], pivot) != Ordering::Less); }
        }

        #[test]
        fn fast_distances_equal_the_broadcast_ones(
            seed in 0u32..1000, n in 0usize..12, d in 0usize..8,
        ) {
            let x = RandomState::new(seed).rand(n, d);
            let [broadcast, rest @ ..] = all_versions(x.view());
            for other in rest {
                prop_assert!(same_bits(&broadcast, &other));
            }
        }

        #[test]
        fn unstable_argsort_agrees_with_the_stable_one(
            row in row_strategy(), repeat in 1usize..8,
        ) {
            // Repeated rows, up to 49 times: with their NaNs and infinities, and
            // only ten finite values, they mostly take the `sort_unstable` path
            // (`unstable_argsort_gives_the_stable_order` reaches the buckets).
            both_argsorts_agree(row.repeat(repeat * repeat));
        }
    }

    /// Values with ties (halves from -2.5 to 2), ±0.0, ±inf and NaNs, for
    /// rows and whole arrays.
    fn element() -> impl Strategy<Value = f64> {
        prop_oneof![
            8 => (-5i32..5i32).prop_map(|v| f64::from(v) / 2.0),
            1 => Just(-0.0),
            1 => Just(f64::INFINITY),
            1 => Just(f64::NEG_INFINITY),
            2 => Just(f64::NAN),
        ]
    }

    /// Arrays of every kind of shape, rows or columns of none included: up to
    /// 3 rows of up to 70 values (the bucket path starts at 64), or up to 70
    /// rows of up to 3.
    fn arrays() -> impl Strategy<Value = Array2<f64>> {
        let shape = prop_oneof![(0usize..=3, 0usize..=70), (0usize..=70, 0usize..=3)];
        shape.prop_flat_map(|(rows, cols)| {
            prop::collection::vec(element(), rows * cols).prop_map(move |v| {
                Array2::from_shape_vec((rows, cols), v).expect("rows * cols")
            })
        })
    }

    /// An owned copy of `a` whose memory is laid out as `layout` says: 0
    /// row-major, 1 column-major, 2 columns stored in reverse, 3 every other
    /// column of a wider array.
    fn laid_out(a: &Array2<f64>, layout: u8) -> Array2<f64> {
        let (rows, cols) = a.dim();
        let copy = match layout {
            0 => a.clone(),
            1 => a.t().as_standard_layout().into_owned().reversed_axes(),
            2 => {
                let mut flipped = a.view();
                flipped.invert_axis(Axis(1));
                let mut stored = flipped.as_standard_layout().into_owned();
                stored.invert_axis(Axis(1));
                stored
            }
            _ => {
                let mut wide = Array2::from_elem((rows, 2 * cols), 7.0);
                wide.slice_mut(s![.., ..;2]).assign(a);
                wide.slice_move(s![.., ..;2])
            }
        };
        assert!(same_bits(&copy, a), "layout {layout}");
        copy
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(PROPERTY_ROWS))]

        /// Both argsorts of whole arrays, in every layout, empty ones
        /// included: each row in the stable order.
        #[test]
        fn argsorts_of_arrays_in_every_layout(a in arrays(), layout in 0u8..4) {
            let laid = laid_out(&a, layout);
            let stable = argsort_rows(laid.view());
            let unstable = argsort_rows_unstable(laid.view());
            prop_assert_eq!(stable.dim(), a.dim());
            prop_assert_eq!(&unstable, &stable);
            for (row, sorted) in a.rows().into_iter().zip(stable.rows()) {
                prop_assert_eq!(sorted.to_vec(), stable_order(&row.to_vec()));
            }
        }

        /// `argpartition_rows` of whole arrays, in every layout, for any
        /// `kth`: an empty array gives an empty result, a `kth` past the
        /// columns an error, any other the partition of every row.
        #[test]
        fn argpartition_of_arrays_in_every_layout(
            a in arrays(), layout in 0u8..4, kth in 0usize..75,
        ) {
            let ncols = a.ncols();
            let got = argpartition_rows(laid_out(&a, layout).view(), kth);
            if a.is_empty() {
                prop_assert_eq!(got.map(|p| p.dim()), Ok(a.dim()));
                return Ok(());
            }
            if kth >= ncols {
                prop_assert_eq!(got, Err(KnnError::KthOutOfBounds { kth, ncols }));
                return Ok(());
            }
            let got = got.expect("kth < ncols");
            for (row, p) in a.rows().into_iter().zip(got.rows()) {
                let mut seen = p.to_vec();
                seen.sort_unstable();
                prop_assert_eq!(seen, (0..ncols).collect::<Vec<_>>());
                let pivot = row[p[kth]];
                let order = stable_order(&row.to_vec());
                prop_assert_eq!(cmp_nan_last(pivot, row[order[kth]]), Ordering::Equal);
                for &i in p.iter().take(kth) {
                    prop_assert!(cmp_nan_last(row[i], pivot).is_le());
                }
                for &i in p.iter().skip(kth + 1) {
                    prop_assert!(cmp_nan_last(row[i], pivot).is_ge());
                }
            }
        }

        /// `k_nearest` on the distances of up to 9 points of up to 2
        /// coordinates (none included), with duplicate points and NaN
        /// coordinates, for every k: each row's stable order without the
        /// point itself, or the documented error.
        #[test]
        fn k_nearest_is_the_stable_order_without_the_point(
            points in (0usize..=9, 0usize..=2).prop_flat_map(|(n, d)| {
                prop::collection::vec(element(), n * d).prop_map(move |v| {
                    Array2::from_shape_vec((n, d), v).expect("n * d")
                })
            }),
            layout in 0u8..4,
        ) {
            let dist_sq = pairwise_sq_distances(points.view());
            let n = dist_sq.nrows();
            for k in 0..=n + 1 {
                let got = k_nearest(laid_out(&dist_sq, layout).view(), k);
                if k > 0 && k >= n {
                    prop_assert_eq!(got, Err(KnnError::TooFewPoints { k, points: n }));
                    continue;
                }
                let got = got.expect("k < n");
                prop_assert_eq!(got.dim(), (n, k));
                for (i, row) in dist_sq.rows().into_iter().enumerate() {
                    let order = stable_order(&row.to_vec());
                    let want: Vec<usize> =
                        order.into_iter().filter(|&j| j != i).take(k).collect();
                    prop_assert_eq!(got.row(i).to_vec(), want, "k = {}", k);
                }
            }
        }
    }
}
