//! Chapter 2, "Why vectorised code is fast": the tutorial's workloads, from a Python-like
//! layout to the fastest single-threaded ndarray version, all returning the same numbers.

mod figures;
mod tables;

use ndarray::prelude::*;
use ndarray::Zip;

use crate::chapter::{samples, Chapter, Figure, Table};

pub use figures::{render_distances_chart, render_reciprocals_chart};
pub use tables::{creation_table, distances_table, findings, machine_note, reciprocals_table};

/// What chapter 2 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch02-speed",
    samples: samples![
        reciprocal_variants,
        creation_variants,
        distance_variants,
        exercise_squares,
        exercise_mean_distance,
    ],
    figures: &[
        Figure::new("reciprocals.png", render_reciprocals_chart),
        Figure::new("distances.png", render_distances_chart),
    ],
    tables: &[
        Table::text("machine.md", machine_note),
        Table::text("reciprocals-table.md", reciprocals_table),
        Table::text("creation-table.md", creation_table),
        Table::text("distances-table.md", distances_table),
        Table::text("findings.md", findings),
    ],
};

/// The tutorial's size: `range(1, 10000000)` has 9,999,999 elements.
pub const TUTORIAL_END: i64 = 10_000_000;

// ANCHOR: reciprocals_push_loop
/// The tutorial's first loop: start empty, append one result at a time.
pub fn reciprocals_push_loop(nums: &[i64]) -> Vec<f64> {
    let mut reciprocal_list = Vec::new();
    for &num in nums {
        reciprocal_list.push(1.0 / num as f64);
    }
    reciprocal_list
}
// ANCHOR_END: reciprocals_push_loop

// ANCHOR: reciprocals_map_collect
/// The list comprehension's counterpart: an iterator, collected once.
pub fn reciprocals_map_collect(nums: &[i64]) -> Vec<f64> {
    nums.iter().map(|&num| 1.0 / num as f64).collect()
}
// ANCHOR_END: reciprocals_map_collect

// ANCHOR: reciprocals_boxed
/// A Python-like list: every number boxed on its own, in and out.
pub fn reciprocals_boxed(nums: &[Box<i64>]) -> Vec<Box<f64>> {
    nums.iter()
        .map(|num| Box::new(1.0 / **num as f64))
        .collect()
}
// ANCHOR_END: reciprocals_boxed

// ANCHOR: reciprocals
/// `1 / numpy_nums`: the reciprocal of every element, into a new array.
///
/// `mapv` walks the input as one contiguous slice when it can and writes each result once
/// into a freshly allocated, uninitialised buffer: no bounds checks, no zero-filling, no
/// temporary. This is the fastest single-threaded version the chapter finds for a *new*
/// array; [`reciprocals_into`] is faster still when a buffer can be reused.
pub fn reciprocals(nums: ArrayView1<i64>) -> Array1<f64> {
    nums.mapv(|num| 1.0 / num as f64)
}
// ANCHOR_END: reciprocals

// ANCHOR: reciprocals_into
/// The same computation into a buffer the caller owns: no allocation, no page faults.
///
/// # Panics
/// If `out` and `nums` differ in length.
pub fn reciprocals_into(nums: ArrayView1<i64>, mut out: ArrayViewMut1<f64>) {
    assert_eq!(
        nums.len(),
        out.len(),
        "reciprocals_into: the output must have as many elements as the input"
    );
    Zip::from(&mut out)
        .and(&nums)
        .for_each(|o, &num| *o = 1.0 / num as f64);
}
// ANCHOR_END: reciprocals_into

// ANCHOR: reciprocals_par
/// Going further: the same map on all cores, with ndarray's `rayon` feature.
pub fn reciprocals_par(nums: ArrayView1<i64>) -> Array1<f64> {
    Zip::from(&nums).par_map_collect(|&num| 1.0 / num as f64)
}
// ANCHOR_END: reciprocals_par

/// The memory-bandwidth floor: copying the input's bytes into a new array, with no arithmetic.
pub fn copy_floor(nums: ArrayView1<i64>) -> Array1<i64> {
    nums.to_owned()
}

/// The number of minor page faults this process has taken so far, from `/proc/self/stat`
/// (Linux only; `None` elsewhere). A minor fault is the kernel handing the process a fresh,
/// zeroed page the first time it touches it.
pub fn minor_page_faults() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) is in parentheses and may contain spaces: count from ')'.
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(7)?.parse().ok()
}

/// Minor page faults taken by `work`, if the platform reports them.
pub fn page_faults_of(work: impl FnOnce()) -> Option<u64> {
    let before = minor_page_faults()?;
    work();
    Some(minor_page_faults()?.saturating_sub(before))
}

/// Measures the page faults of computing the tutorial's reciprocals into a new array and into
/// a reused one, as `key: value` lines for `results/benchmarks.csv` (`./bench.sh` runs it).
pub fn page_fault_report(label: &str) -> String {
    let nums = tutorial_nums();
    let mut out = Array1::<f64>::zeros(nums.len());
    reciprocals_into(nums.view(), out.view_mut()); // touch every page of `out` once
    let _ = reciprocals(nums.view()); // warm up, as the benchmarks do
    let fresh = page_faults_of(|| drop(std::hint::black_box(reciprocals(nums.view()))));
    let reused = page_faults_of(|| reciprocals_into(nums.view(), out.view_mut()));
    let show = |n: Option<u64>| n.map_or("not available".to_string(), |n| n.to_string());
    format!(
        "page faults, {label} reciprocals into a new array: {}\npage faults, {label} reciprocals into a reused buffer: {}\n",
        show(fresh),
        show(reused)
    )
}

/// The tutorial's input, `np.arange(1, 10000000)`.
pub fn tutorial_nums() -> Array1<i64> {
    Array::from_iter(1..TUTORIAL_END)
}

// ANCHOR: creation
/// `list(range(1, n))`: a growable vector of the numbers.
pub fn list_range(end: i64) -> Vec<i64> {
    (1..end).collect()
}

/// `np.array(nums_list)` when the vector is no longer needed: a move, no copy at all.
pub fn array_from_vec(nums: Vec<i64>) -> Array1<i64> {
    Array1::from_vec(nums)
}

/// `np.array(nums_list)` when the vector is still needed: one copy of the buffer.
pub fn array_from_slice(nums: &[i64]) -> Array1<i64> {
    ArrayView1::from(nums).to_owned()
}

/// `np.array(range(1, n))` and `np.arange(1, n)`: straight from the iterator, one allocation.
pub fn array_from_iter(end: i64) -> Array1<i64> {
    Array::from_iter(1..end)
}

/// `np.arange(1., n)` for floats: ndarray's `range` (start, end, step).
pub fn array_range_f64(end: i64) -> Array1<f64> {
    Array::range(1.0, end as f64, 1.0)
}
// ANCHOR_END: creation

/// The tutorial's points, `np.vstack([np.arange(0., n), np.arange(1., n + 1)]).T`: row `i`
/// is `(i, i + 1)`. Built directly in row-major order.
pub fn tutorial_points(n: usize) -> Array2<f64> {
    Array2::from_shape_fn((n, 2), |(i, j)| i as f64 + j as f64)
}

/// The tutorial's points as a Python-like list of lists.
pub fn tutorial_points_nested(n: usize) -> Vec<Vec<f64>> {
    (0..n).map(|i| vec![i as f64, i as f64 + 1.0]).collect()
}

// ANCHOR: distances_nested
/// The list comprehension over a list of `[x, y]` lists.
pub fn distances_nested(point: &[f64], other_points: &[Vec<f64>]) -> Vec<f64> {
    other_points
        .iter()
        .map(|op| ((point[0] - op[0]).powi(2) + (point[1] - op[1]).powi(2)).sqrt())
        .collect()
}
// ANCHOR_END: distances_nested

// ANCHOR: distances_broadcast_literal
/// The tutorial's `np.sum((np_point - np_other_points)**2, axis=1)**0.5`, word for word.
/// Every step allocates a new array: (n, 2) for the difference, (n, 2) for the squares, then
/// (n,) for the sum and (n,) for the roots.
pub fn distances_broadcast_literal(point: ArrayView1<f64>, points: ArrayView2<f64>) -> Array1<f64> {
    let diff = &point - &points; // broadcast (2,) against (n, 2)
    let squared = diff.mapv(|d| d * d);
    let summed = squared.sum_axis(Axis(1));
    summed.mapv(f64::sqrt)
}
// ANCHOR_END: distances_broadcast_literal

// ANCHOR: distances_to
/// Euclidean distance from `point` to each row of `points`, in one pass and one allocation.
///
/// For the usual case, 2-D points stored row after row, it walks the data as a flat slice of
/// `[x, y]` pairs; any other layout or dimension goes through ndarray's row iterator.
///
/// # Panics
/// If `point.len()` differs from the number of columns of `points`.
pub fn distances_to(point: ArrayView1<f64>, points: ArrayView2<f64>) -> Array1<f64> {
    assert_eq!(
        point.len(),
        points.ncols(),
        "distances_to: the point has {} coordinates but the points have {}",
        point.len(),
        points.ncols()
    );
    if let (Some(flat), [px, py]) = (points.as_slice(), point.to_vec().as_slice()) {
        let (px, py) = (*px, *py);
        return flat
            .chunks_exact(2)
            .map(|xy| ((xy[0] - px) * (xy[0] - px) + (xy[1] - py) * (xy[1] - py)).sqrt())
            .collect();
    }
    points
        .rows()
        .into_iter()
        .map(|row| {
            Zip::from(&row)
                .and(&point)
                .fold(0.0, |acc, &a, &b| acc + (a - b) * (a - b))
                .sqrt()
        })
        .collect()
}
// ANCHOR_END: distances_to

// ANCHOR: distances_to_par
/// Going further: one row per task on all cores (ndarray's `rayon` feature).
pub fn distances_to_par(point: ArrayView1<f64>, points: ArrayView2<f64>) -> Array1<f64> {
    assert_eq!(
        point.len(),
        points.ncols(),
        "distances_to_par: dimensions differ"
    );
    Zip::from(points.rows()).par_map_collect(|row| {
        Zip::from(&row)
            .and(&point)
            .fold(0.0, |acc, &a, &b| acc + (a - b) * (a - b))
            .sqrt()
    })
}
// ANCHOR_END: distances_to_par

// ANCHOR: reciprocal_variants
/// Every reciprocal variant gives the same numbers.
pub fn reciprocal_variants() {
    let nums: Array1<i64> = Array::from_iter(1..1_000_001);
    let slice = nums.as_slice().expect("a new array is contiguous");
    let boxed: Vec<Box<i64>> = slice.iter().copied().map(Box::new).collect();

    let fast = reciprocals(nums.view());
    let mut reused = Array1::zeros(nums.len());
    reciprocals_into(nums.view(), reused.view_mut());

    assert_eq!(fast.as_slice(), Some(&reciprocals_push_loop(slice)[..]));
    assert_eq!(fast.as_slice(), Some(&reciprocals_map_collect(slice)[..]));
    assert!(reciprocals_boxed(&boxed)
        .iter()
        .zip(&fast)
        .all(|(b, f)| **b == *f));
    assert_eq!(fast, reused);
    assert_eq!(fast, reciprocals_par(nums.view()));
    println!("{} reciprocals, all variants equal", fast.len());
    println!("first five: {}", fast.slice(s![..5]));
}
// ANCHOR_END: reciprocal_variants

// ANCHOR: creation_variants
/// The creation variants agree, and only a move is free.
pub fn creation_variants() {
    let end = 10_000_000;
    let nums_list = list_range(end);
    let buffer = nums_list.as_ptr();

    let copied = array_from_slice(&nums_list);
    let moved = array_from_vec(nums_list); // nums_list is gone now
    assert_eq!(moved.as_ptr(), buffer); // same buffer: nothing was copied
    assert_ne!(copied.as_ptr(), buffer);

    assert_eq!(copied, moved);
    assert_eq!(array_from_iter(end), moved);
    assert_eq!(array_range_f64(end), moved.mapv(|x| x as f64));
    println!(
        "{} elements, from {} to {}",
        moved.len(),
        moved[0],
        moved[moved.len() - 1]
    );
}
// ANCHOR_END: creation_variants

// ANCHOR: distance_variants
/// The distance variants agree with each other and with the tutorial's output.
pub fn distance_variants() {
    let n = 1_000_000;
    let np_point = Array1::<f64>::ones(2);
    let np_other_points = tutorial_points(n);
    let other_points = tutorial_points_nested(n);

    let fast = distances_to(np_point.view(), np_other_points.view());
    assert_eq!(
        fast.as_slice(),
        Some(&distances_nested(&[1.0, 1.0], &other_points)[..])
    );
    assert_eq!(
        fast,
        distances_broadcast_literal(np_point.view(), np_other_points.view())
    );
    assert_eq!(
        fast,
        distances_to_par(np_point.view(), np_other_points.view())
    );
    println!("dists[:10] = {:.8}", fast.slice(s![..10]));
}
// ANCHOR_END: distance_variants

// ANCHOR: exercise_squares
/// Exercise: the squares of an array with `mapv`, checked against a loop.
pub fn exercise_squares() {
    let nums = Array::from_iter(1i64..=5);
    let squares = nums.mapv(|x| x * x);
    let mut expected = Vec::new();
    for &x in &nums {
        expected.push(x * x);
    }
    println!("{squares}");
    assert_eq!(squares.to_vec(), expected);
}
// ANCHOR_END: exercise_squares

// ANCHOR: exercise_mean_distance
/// Exercise: the mean distance from (1, 1) to the tutorial's points, without any new array.
pub fn exercise_mean_distance() {
    let points = tutorial_points(1000);
    let total: f64 = points
        .rows()
        .into_iter()
        .map(|p| ((p[0] - 1.0).powi(2) + (p[1] - 1.0).powi(2)).sqrt())
        .sum();
    let mean = total / points.nrows() as f64;
    println!("{mean:.6}");
    let check = distances_to(array![1.0, 1.0].view(), points.view()).mean();
    assert!((mean - check.unwrap_or(f64::NAN)).abs() < 1e-9);
}
// ANCHOR_END: exercise_mean_distance

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_match_numpy_values() {
        // np_dists[:4] printed by NumPy: [1., 1., 2.23606798, 3.60555128]
        let d = distances_to(array![1.0, 1.0].view(), tutorial_points(4).view());
        let expected = [1.0, 1.0, 5f64.sqrt(), 13f64.sqrt()];
        for (got, want) in d.iter().zip(expected) {
            assert!((got - want).abs() < 1e-15, "{got} vs {want}");
        }
    }

    #[test]
    fn distances_work_for_non_contiguous_and_3d_points() {
        let points = array![[0.0, 0.0, 0.0], [1.0, 2.0, 2.0]];
        let d = distances_to(array![0.0, 0.0, 0.0].view(), points.view());
        assert_eq!(d, array![0.0, 3.0]);
        // A transposed (column-major) view takes the general path and agrees.
        let columns = tutorial_points(5)
            .reversed_axes()
            .as_standard_layout()
            .into_owned();
        let view = columns.t();
        assert!(view.as_slice().is_none());
        assert_eq!(
            distances_to(array![1.0, 1.0].view(), view),
            distances_to(array![1.0, 1.0].view(), tutorial_points(5).view())
        );
    }

    #[test]
    #[should_panic(expected = "the point has 3 coordinates but the points have 2")]
    fn mismatched_dimensions_are_a_clear_error() {
        distances_to(array![0.0, 0.0, 0.0].view(), tutorial_points(3).view());
    }

    #[test]
    fn page_faults_are_counted_on_linux() {
        if cfg!(target_os = "linux") {
            let faults = page_faults_of(|| {
                let v = std::hint::black_box(vec![1u8; 64 << 20]);
                drop(v);
            });
            // 64 MiB of fresh memory is at least 32 huge pages or 16384 small ones.
            assert!(faults.is_some_and(|n| n >= 32), "{faults:?}");
        }
    }

    #[test]
    fn reciprocals_of_small_numbers() {
        assert_eq!(
            reciprocals(array![1, 2, 4, -8].view()),
            array![1.0, 0.5, 0.25, -0.125]
        );
        // 1 / 0 is infinity for floats, as in NumPy (which also warns).
        assert_eq!(reciprocals(array![0].view())[0], f64::INFINITY);
    }
}
