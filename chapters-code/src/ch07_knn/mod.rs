//! Chapter 7, "k nearest neighbours": all pairwise distances with broadcasting, then
//! `argsort` and `argpartition`, which ndarray does not have, written once and tested.

mod figures;
mod tables;

use std::cmp::Ordering;
use std::fmt;

use ndarray::prelude::*;
use ndarray::Zip;

use crate::chapter::{samples, Chapter, Figure, Table};
use crate::random::RandomState;

pub use figures::render_neighbours;
pub use tables::knn_table;

/// What chapter 7 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch07-knn",
    samples: samples![
        tutorial_points,
        distance_matrix,
        sorted_neighbours,
        k_nearest_partition,
        idiomatic_random,
        exercise_single_nearest,
        exercise_randint,
    ],
    figures: &[Figure::new("neighbours.png", render_neighbours)],
    tables: &[Table::text("knn-table.md", knn_table)],
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
            KnnError::KthOutOfBounds { kth, ncols } => {
                write!(f, "kth(={kth}) out of bounds: rows have {ncols} elements")
            }
            KnnError::TooFewPoints { k, points } => {
                write!(
                    f,
                    "cannot find {k} neighbours among {points} points (each point has {} others)",
                    points.saturating_sub(1)
                )
            }
        }
    }
}

impl std::error::Error for KnnError {}
// ANCHOR_END: knn_error

// ANCHOR: pairwise_broadcast
/// `np.sum((X[:, np.newaxis, :] - X[np.newaxis, :, :]) ** 2, axis=-1)`, word for word.
/// The difference is an (n, n, d) temporary: 64 MB for 2000 points in 2-D.
pub fn pairwise_sq_distances_broadcast(points: ArrayView2<f64>) -> Array2<f64> {
    let rows = points.insert_axis(Axis(1)); // (n, 1, d)
    let cols = points.insert_axis(Axis(0)); // (1, n, d)
    let differences = &rows - &cols; // (n, n, d)
    differences.mapv(|v| v * v).sum_axis(Axis(2))
}
// ANCHOR_END: pairwise_broadcast

// ANCHOR: pairwise_sq_distances
/// All squared Euclidean distances between the rows of `points`, (n, d) -> (n, n), with no
/// temporary: each distance is summed in the same order as the broadcast version (so the
/// results are identical), computed once for the pair (i, j) and mirrored to (j, i).
pub fn pairwise_sq_distances(points: ArrayView2<f64>) -> Array2<f64> {
    let n = points.nrows();
    let mut dist_sq = Array2::<f64>::zeros((n, n));
    for i in 0..n {
        let pi = points.row(i);
        for j in (i + 1)..n {
            let d = Zip::from(&pi)
                .and(points.row(j))
                .fold(0.0, |acc, &a, &b| acc + (a - b) * (a - b));
            dist_sq[[i, j]] = d;
            dist_sq[[j, i]] = d;
        }
    }
    dist_sq
}
// ANCHOR_END: pairwise_sq_distances

// ANCHOR: nan_last
/// NumPy's sort order for floats: ascending, NaN after everything, -0.0 equal to 0.0.
pub fn cmp_nan_last(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// A `u64` whose unsigned order is [`cmp_nan_last`]'s order, for radix sorting.
fn sort_key(v: f64) -> u64 {
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
/// `np.argsort(a, axis=1, kind='stable')`: for each row, the column indices that sort it,
/// ascending, ties in their original order, NaN last.
///
/// Each row is sorted by an LSD radix sort on 8-bit digits of an order-preserving integer
/// key: eight linear passes (fewer when a digit is the same everywhere), stable by
/// construction, with no comparisons at all.
pub fn argsort_rows(a: ArrayView2<f64>) -> Array2<usize> {
    let n = a.ncols();
    let mut out = Array2::<usize>::zeros(a.dim());
    let (mut keys, mut keys_tmp) = (Vec::with_capacity(n), vec![0u64; n]);
    let (mut index, mut index_tmp) = (Vec::with_capacity(n), vec![0u32; n]);
    for (row, mut sorted) in a.rows().into_iter().zip(out.rows_mut()) {
        keys.clear();
        match row.as_slice() {
            Some(values) => keys.extend(values.iter().map(|&v| sort_key(v))),
            None => keys.extend(row.iter().map(|&v| sort_key(v))),
        }
        index.clear();
        index.extend(0..n as u32);
        radix_sort_pairs(&mut keys, &mut index, &mut keys_tmp, &mut index_tmp);
        if let Some(slots) = sorted.as_slice_mut() {
            for (slot, &i) in slots.iter_mut().zip(&index) {
                *slot = i as usize;
            }
        } else {
            for (slot, &i) in sorted.iter_mut().zip(&index) {
                *slot = i as usize;
            }
        }
    }
    out
}

/// Sorts `keys` ascending, moving `index` along, stably (LSD radix, 8-bit digits).
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

// ANCHOR: argpartition_rows
/// `np.argpartition(a, kth, axis=1)`: for each row, column indices arranged so that position
/// `kth` holds the index of the element that would be there if the row were sorted, every
/// index before it points to an element no larger, every index after it to one no smaller.
/// NaN counts as larger than everything, as in NumPy. O(n) per row.
///
/// Beyond position `kth` the order is unspecified (NumPy's is different again): only the
/// partition property is promised, by both.
pub fn argpartition_rows(a: ArrayView2<f64>, kth: usize) -> Result<Array2<usize>, KnnError> {
    let ncols = a.ncols();
    if kth >= ncols {
        return Err(KnnError::KthOutOfBounds { kth, ncols });
    }
    let mut out = Array2::<usize>::zeros(a.dim());
    let mut index: Vec<usize> = Vec::with_capacity(ncols);
    let mut best: Vec<usize> = Vec::with_capacity(SMALL_KTH + 1);
    for (row, mut arranged) in a.rows().into_iter().zip(out.rows_mut()) {
        if kth < SMALL_KTH {
            match row.as_slice() {
                Some(values) => select_smallest(values, kth + 1, &mut best),
                None => select_smallest(&row.to_vec(), kth + 1, &mut best),
            }
            // Every index in order, then the kth + 1 smallest swapped to the front, in order.
            if let Some(slots) = arranged.as_slice_mut() {
                for (slot, i) in slots.iter_mut().zip(0..) {
                    *slot = i;
                }
            } else {
                for (slot, i) in arranged.iter_mut().zip(0..) {
                    *slot = i;
                }
            }
            for (front, &b) in best.iter().enumerate() {
                // `b` is still at position `b` unless an earlier swap moved it, which can
                // only have happened inside the front part or onto an earlier best's place.
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
            index
                .select_nth_unstable_by(kth, |&i, &j| cmp_nan_last(row[i], row[j]).then(i.cmp(&j)));
            for (slot, &i) in arranged.iter_mut().zip(&index) {
                *slot = i;
            }
        }
    }
    Ok(out)
}

/// Below this `kth`, [`argpartition_rows`] keeps the `kth + 1` smallest in a small sorted
/// buffer during one pass instead of running a general selection.
const SMALL_KTH: usize = 16;

/// Puts into `best` the indices of the `count` smallest elements of `row`, sorted (ties by
/// index, NaN last), in one pass: an element is compared with the worst of the current `count`
/// best, and only the rare ones that beat it are inserted.
fn select_smallest(row: &[f64], count: usize, best: &mut Vec<usize>) {
    best.clear();
    let mut worst = f64::NAN;
    for (i, &v) in row.iter().enumerate() {
        if best.len() == count {
            // Skip unless v is strictly smaller than the worst kept (any number beats NaN).
            let beats = v < worst || (worst.is_nan() && !v.is_nan());
            if !beats {
                continue;
            }
            best.pop();
        }
        // Insert after every element that is no larger: ties stay in index order.
        let at = best.partition_point(|&b| cmp_nan_last(row[b], v) != Ordering::Greater);
        best.insert(at, i);
        if let Some(&last) = best.last() {
            worst = row[last];
        }
    }
}
// ANCHOR_END: argpartition_rows

// ANCHOR: k_nearest
/// The `k` nearest neighbours of every point, nearest first, from a squared-distance matrix
/// (each point itself, at distance 0, is left out).
pub fn k_nearest(dist_sq: ArrayView2<f64>, k: usize) -> Result<Array2<usize>, KnnError> {
    let points = dist_sq.nrows();
    if k >= points {
        return Err(KnnError::TooFewPoints { k, points });
    }
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
        first.sort_by(|&a, &b| cmp_nan_last(dist_sq[[i, a]], dist_sq[[i, b]]).then(a.cmp(&b)));
        for (slot, j) in row.iter_mut().zip(first) {
            *slot = j;
        }
    }
    Ok(nearest)
}
// ANCHOR_END: k_nearest

// ANCHOR: tutorial_points
/// `rand = np.random.RandomState(42); X = rand.rand(10, 2)`: the very points of the tutorial.
pub fn tutorial_points() {
    let mut rand = RandomState::new(42);
    let x = rand.rand(10, 2);
    println!("{x:.8}");
    assert_eq!(x[[0, 0]], 0.3745401188473625); // NumPy prints 0.37454012
}
// ANCHOR_END: tutorial_points

// ANCHOR: distance_matrix
/// All squared distances, by broadcasting and without the temporary; the diagonal is zero.
pub fn distance_matrix() {
    let x = RandomState::new(42).rand(10, 2);
    let dist_sq = pairwise_sq_distances_broadcast(x.view());
    println!("dist_sq.diag() = {}", dist_sq.diag());
    assert!(dist_sq.diag().iter().all(|&d| d == 0.0));
    assert_eq!(dist_sq, pairwise_sq_distances(x.view()));
    assert_eq!(dist_sq, dist_sq.t()); // symmetric
}
// ANCHOR_END: distance_matrix

// ANCHOR: sorted_neighbours
/// `np.argsort(dist_sq, axis=1)`: each row lists the points from nearest to farthest.
pub fn sorted_neighbours() {
    let x = RandomState::new(42).rand(10, 2);
    let dist_sq = pairwise_sq_distances(x.view());
    let nearests = argsort_rows(dist_sq.view());
    println!("{nearests}");
    assert_eq!(nearests.column(0), Array::from_iter(0..10)); // each point is nearest to itself
}
// ANCHOR_END: sorted_neighbours

// ANCHOR: k_nearest_partition
/// `np.argpartition(dist_sq, K + 1, axis=1)[:, :K+1]`: the K+1 nearest (self included),
/// not sorted; here sorted by distance for a readable, stable printout.
pub fn k_nearest_partition() {
    const K: usize = 2;
    let x = RandomState::new(42).rand(10, 2);
    let dist_sq = pairwise_sq_distances(x.view());
    let partition = argpartition_rows(dist_sq.view(), K + 1).expect("K + 1 < 10 points");
    let mut first = partition.slice(s![.., ..K + 1]).to_owned();
    for (i, mut row) in first.rows_mut().into_iter().enumerate() {
        row.as_slice_mut()
            .expect("a row of a new array is contiguous")
            .sort_by(|&a, &b| cmp_nan_last(dist_sq[[i, a]], dist_sq[[i, b]]));
    }
    println!("{first}");
    // The same points as the first K+1 columns of the full argsort:
    assert_eq!(first, argsort_rows(dist_sq.view()).slice(s![.., ..K + 1]));
    assert_eq!(
        argpartition_rows(dist_sq.view(), 10),
        Err(KnnError::KthOutOfBounds { kth: 10, ncols: 10 })
    );
}
// ANCHOR_END: k_nearest_partition

// ANCHOR: idiomatic_random
/// Without the need for NumPy's exact numbers: ndarray-rand with a seeded, portable generator.
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
    use proptest::prelude::*;

    #[test]
    fn argsort_matches_numpy_on_the_tutorial_points() {
        // np.argsort(dist_sq, axis=1) for RandomState(42).rand(10, 2), rows 0 and 9.
        let x = RandomState::new(42).rand(10, 2);
        let sorted = argsort_rows(pairwise_sq_distances(x.view()).view());
        assert_eq!(sorted.row(0), array![0, 3, 4, 5, 8, 1, 9, 7, 2, 6]);
        assert_eq!(sorted.row(9), array![9, 8, 7, 2, 6, 1, 4, 0, 3, 5]);
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
        // NumPy (stable): [6, 4, 5, 2, 0, 3, 1, 7]
        assert_eq!(argsort_rows(a.view()), array![[6, 4, 5, 2, 0, 3, 1, 7]]);
    }

    #[test]
    fn argpartition_errors_and_empty_rows() {
        let a = Array2::<f64>::zeros((3, 0));
        assert_eq!(
            argpartition_rows(a.view(), 0),
            Err(KnnError::KthOutOfBounds { kth: 0, ncols: 0 })
        );
        let e = KnnError::KthOutOfBounds { kth: 5, ncols: 5 };
        assert_eq!(e.to_string(), "kth(=5) out of bounds: rows have 5 elements");
        assert_eq!(
            argsort_rows(Array2::<f64>::zeros((0, 4)).view()).dim(),
            (0, 4)
        );
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

    fn row_strategy() -> impl Strategy<Value = Vec<f64>> {
        prop::collection::vec(
            prop_oneof![4 => -5i32..5i32, 1 => Just(i32::MIN)].prop_map(|v| {
                if v == i32::MIN {
                    f64::NAN
                } else {
                    f64::from(v) / 2.0
                }
            }),
            1..40,
        )
    }

    proptest! {
        #[test]
        fn argsort_agrees_with_a_stable_comparison_sort(row in row_strategy()) {
            let a = Array2::from_shape_vec((1, row.len()), row.clone()).expect("one row");
            let mut expected: Vec<usize> = (0..row.len()).collect();
            expected.sort_by(|&i, &j| cmp_nan_last(row[i], row[j]));
            prop_assert_eq!(argsort_rows(a.view()).row(0).to_vec(), expected);
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
        fn fast_distances_equal_the_broadcast_ones(seed in 0u32..1000, n in 0usize..12, d in 1usize..4) {
            let x = RandomState::new(seed).rand(n, d);
            prop_assert_eq!(pairwise_sq_distances(x.view()), pairwise_sq_distances_broadcast(x.view()));
        }
    }
}
