//! Chapter 7 at n = 2000 points (`RandomState(42).rand(2000, 2)`), one thread.

// `./bench.sh` measures the tuned rows with the allocator chapter 2 recommends.
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static GLOBAL: chapters_code::speed::FastAlloc =
    chapters_code::speed::FastAlloc;

use std::hint::black_box;

use chapters_code::benchmarks::{knn_argpartition, knn_argsort, knn_distances};
use chapters_code::knn::*;
use chapters_code::random::RandomState;
use criterion::{criterion_group, Criterion};
use ndarray::{Array2, ArrayView2};

/// The general selection on every row at the same `kth` as `argpartition_rows`'s
/// small buffer: `argpartition_rows`'s own path for a large `kth`.
fn select_nth_rows(a: ArrayView2<f64>, kth: usize) -> Array2<usize> {
    let mut out = Array2::<usize>::zeros(a.dim());
    let mut index: Vec<usize> = Vec::with_capacity(a.ncols());
    for (row, mut arranged) in a.rows().into_iter().zip(out.rows_mut()) {
        index.clear();
        index.extend(0..row.len());
        index.select_nth_unstable_by(kth, |&i, &j| {
            cmp_nan_last(row[i], row[j]).then(i.cmp(&j))
        });
        for (slot, &i) in arranged.iter_mut().zip(&index) {
            *slot = i;
        }
    }
    out
}

/// One way to compute every squared distance.
type Distances = fn(ArrayView2<f64>) -> Array2<f64>;

fn knn_benches(c: &mut Criterion) {
    let x = RandomState::new(42).rand(2000, 2);
    let dist_sq = pairwise_sq_distances(x.view());
    let mut group = c.benchmark_group(knn_distances::GROUP.name);
    group.sample_size(10);
    let distances: [(&str, Distances); 4] = [
        (
            knn_distances::BROADCAST.variant,
            pairwise_sq_distances_broadcast,
        ),
        (
            knn_distances::IN_PLACE.variant,
            pairwise_sq_distances_in_place,
        ),
        (
            knn_distances::PAIRWISE_SQ_DISTANCES.variant,
            pairwise_sq_distances,
        ),
        (
            knn_distances::SYMMETRIC.variant,
            pairwise_sq_distances_symmetric,
        ),
    ];
    for (variant, distances) in distances {
        group.bench_function(variant, |b| {
            b.iter(|| distances(black_box(x.view())))
        });
    }
    group.finish();

    let mut group = c.benchmark_group(knn_argsort::GROUP.name);
    group.sample_size(10);
    group.bench_function(knn_argsort::ARGSORT_ROWS_UNSTABLE.variant, |b| {
        b.iter(|| argsort_rows_unstable(black_box(dist_sq.view())))
    });
    group.bench_function(knn_argsort::ARGSORT_ROWS.variant, |b| {
        b.iter(|| argsort_rows(black_box(dist_sq.view())))
    });
    group.finish();

    let mut group = c.benchmark_group(knn_argpartition::GROUP.name);
    group.sample_size(10);
    group.bench_function(knn_argpartition::ARGPARTITION_ROWS.variant, |b| {
        b.iter(|| argpartition_rows(black_box(dist_sq.view()), 3))
    });
    group.bench_function(knn_argpartition::SELECT_NTH.variant, |b| {
        b.iter(|| select_nth_rows(black_box(dist_sq.view()), 3))
    });
    group.finish();
}

criterion_group!(benches, knn_benches);
fn main() {
    // In `./bench.sh`'s "huge pages" runs: stop unless glibc got them.
    chapters_code::speed::exit_unless_huge_pages_as_expected();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
