//! Chapter 2's workloads at the tutorial's size (10^7), one benchmark id per variant.
//!
//! The Python-like variants (ten million boxes) are in `speed_boxed.rs`, a process of their
//! own: once glibc's heap has held and freed millions of small blocks, later large allocations
//! can be served from that already-mapped memory, and the array variants would no longer pay
//! the page faults a fresh allocation costs in a real program.
//!
//! `cargo bench --bench speed` measures them; `./bench.sh` runs this together with the NumPy
//! script and writes `results/benchmarks.csv`, from which the book's tables and charts come.

use std::hint::black_box;
use std::time::Duration;

use chapters_code::speed::*;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use ndarray::prelude::*;

fn reciprocal_benches(c: &mut Criterion) {
    let nums = tutorial_nums();
    let slice = nums.as_slice().expect("contiguous").to_vec();
    let mut out = Array1::<f64>::zeros(nums.len());

    let mut group = c.benchmark_group("reciprocals");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4));
    group.bench_function("push_loop", |b| {
        b.iter(|| reciprocals_push_loop(black_box(&slice)))
    });
    group.bench_function("map_collect", |b| {
        b.iter(|| reciprocals_map_collect(black_box(&slice)))
    });
    group.bench_function("reciprocals", |b| {
        b.iter(|| reciprocals(black_box(nums.view())))
    });
    group.bench_function("into_reused_buffer", |b| {
        b.iter(|| reciprocals_into(black_box(nums.view()), out.view_mut()))
    });
    group.bench_function("copy_floor", |b| {
        b.iter(|| copy_floor(black_box(nums.view())))
    });
    group.bench_function("rayon", |b| {
        b.iter(|| reciprocals_par(black_box(nums.view())))
    });
    group.finish();
}

fn creation_benches(c: &mut Criterion) {
    let nums_list = list_range(TUTORIAL_END);
    let mut group = c.benchmark_group("creation");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    group.bench_function("list_range", |b| {
        b.iter(|| list_range(black_box(TUTORIAL_END)))
    });
    group.bench_function("array_from_slice", |b| {
        b.iter(|| array_from_slice(black_box(&nums_list)))
    });
    group.bench_function("array_from_vec", |b| {
        b.iter_batched(
            || nums_list.clone(),
            array_from_vec,
            BatchSize::PerIteration,
        )
    });
    group.bench_function("array_from_iter", |b| {
        b.iter(|| array_from_iter(black_box(TUTORIAL_END)))
    });
    group.bench_function("array_range_f64", |b| {
        b.iter(|| array_range_f64(black_box(TUTORIAL_END)))
    });
    group.finish();
}

fn distance_benches(c: &mut Criterion) {
    let n = (TUTORIAL_END) as usize;
    let point = Array1::<f64>::ones(2);
    let points = tutorial_points(n);
    let mut group = c.benchmark_group("distances");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4));
    group.bench_function("broadcast_literal", |b| {
        b.iter(|| distances_broadcast_literal(point.view(), black_box(points.view())))
    });
    group.bench_function("distances_to", |b| {
        b.iter(|| distances_to(point.view(), black_box(points.view())))
    });
    group.bench_function("rayon", |b| {
        b.iter(|| distances_to_par(point.view(), black_box(points.view())))
    });
    group.finish();
}

criterion_group!(
    benches,
    reciprocal_benches,
    creation_benches,
    distance_benches
);
criterion_main!(benches);
