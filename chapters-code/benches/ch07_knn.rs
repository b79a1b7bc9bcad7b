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
use criterion::{criterion_group, criterion_main, Criterion};

fn knn_benches(c: &mut Criterion) {
    let x = RandomState::new(42).rand(2000, 2);
    let dist_sq = pairwise_sq_distances(x.view());
    let mut group = c.benchmark_group(knn_distances::GROUP.name);
    group.sample_size(10);
    group.bench_function(knn_distances::BROADCAST.variant, |b| {
        b.iter(|| pairwise_sq_distances_broadcast(black_box(x.view())))
    });
    group.bench_function(knn_distances::PAIRWISE_SQ_DISTANCES.variant, |b| {
        b.iter(|| pairwise_sq_distances(black_box(x.view())))
    });
    group.finish();
    let mut group = c.benchmark_group(knn_argsort::GROUP.name);
    group.sample_size(10);
    group.bench_function(knn_argsort::ARGSORT_ROWS.variant, |b| {
        b.iter(|| argsort_rows(black_box(dist_sq.view())))
    });
    group.finish();
    let mut group = c.benchmark_group(knn_argpartition::GROUP.name);
    group.sample_size(10);
    group.bench_function(knn_argpartition::ARGPARTITION_ROWS.variant, |b| {
        b.iter(|| argpartition_rows(black_box(dist_sq.view()), 3))
    });
    group.finish();
}

criterion_group!(benches, knn_benches);
criterion_main!(benches);
