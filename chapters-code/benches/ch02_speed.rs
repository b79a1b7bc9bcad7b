//! Chapter 2's workloads at the tutorial's size (10^7), one benchmark id per variant.
//!
//! The Python-like variants (ten million boxes) are in `ch02_speed_boxed.rs`, a process of their
//! own: once glibc's heap has held and freed millions of small blocks, later large allocations
//! can be served from that already-mapped memory, and the array variants would no longer pay
//! the page faults a fresh allocation costs in a real program.
//!
//! `cargo bench --bench ch02_speed` measures them; `./bench.sh` runs this together with the NumPy
//! script and writes `results/benchmarks.csv`, from which the book's tables and charts come.

// `./bench.sh` measures the tuned rows with the allocator chapter 2 recommends.
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static GLOBAL: chapters_code::speed::FastAlloc =
    chapters_code::speed::FastAlloc;

use std::hint::black_box;
use std::time::Duration;

use chapters_code::benchmarks::{creation, distances, reciprocals};
use chapters_code::speed::*;
use criterion::{criterion_group, BatchSize, Criterion};
use ndarray::prelude::*;

fn reciprocal_benches(c: &mut Criterion) {
    let nums = tutorial_nums();
    let slice = nums.as_slice().expect("contiguous").to_vec();
    let mut out = Array1::<f64>::zeros(nums.len());

    let mut group = c.benchmark_group(reciprocals::GROUP.name);
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4));
    group.bench_function(reciprocals::PUSH_LOOP.variant, |b| {
        b.iter(|| reciprocals_push_loop(black_box(&slice)))
    });
    group.bench_function(reciprocals::MAP_COLLECT.variant, |b| {
        b.iter(|| reciprocals_map_collect(black_box(&slice)))
    });
    group.bench_function(reciprocals::RECIPROCALS.variant, |b| {
        b.iter(|| reciprocals(black_box(nums.view())))
    });
    group.bench_function(reciprocals::INTO_REUSED_BUFFER.variant, |b| {
        b.iter(|| reciprocals_into(black_box(nums.view()), out.view_mut()))
    });
    group.bench_function(reciprocals::COPY_FLOOR.variant, |b| {
        b.iter(|| copy_floor(black_box(nums.view())))
    });
    group.bench_function(reciprocals::RAYON.variant, |b| {
        b.iter(|| reciprocals_par(black_box(nums.view())))
    });
    group.finish();
}

fn creation_benches(c: &mut Criterion) {
    let nums_list = list_range(TUTORIAL_END);
    let mut group = c.benchmark_group(creation::GROUP.name);
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    group.bench_function(creation::LIST_RANGE.variant, |b| {
        b.iter(|| list_range(black_box(TUTORIAL_END)))
    });
    group.bench_function(creation::ARRAY_FROM_SLICE.variant, |b| {
        b.iter(|| array_from_slice(black_box(&nums_list)))
    });
    group.bench_function(creation::ARRAY_FROM_VEC.variant, |b| {
        b.iter_batched(
            || nums_list.clone(),
            array_from_vec,
            BatchSize::PerIteration,
        )
    });
    group.bench_function(creation::ARRAY_FROM_ITER.variant, |b| {
        b.iter(|| array_from_iter(black_box(TUTORIAL_END)))
    });
    group.bench_function(creation::ARRAY_RANGE_F64.variant, |b| {
        b.iter(|| array_range_f64(black_box(TUTORIAL_END)))
    });
    group.finish();
}

fn distance_benches(c: &mut Criterion) {
    let n = (TUTORIAL_END) as usize;
    let point = Array1::<f64>::ones(2);
    let points = tutorial_points(n);
    let mut group = c.benchmark_group(distances::GROUP.name);
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4));
    group.bench_function(distances::BROADCAST_LITERAL.variant, |b| {
        b.iter(|| {
            distances_broadcast_literal(point.view(), black_box(points.view()))
        })
    });
    group.bench_function(distances::BROADCAST_IN_PLACE.variant, |b| {
        b.iter(|| {
            distances_broadcast_in_place(point.view(), black_box(points.view()))
        })
    });
    group.bench_function(distances::DISTANCES_TO.variant, |b| {
        b.iter(|| distances_to(point.view(), black_box(points.view())))
    });
    group.bench_function(distances::RAYON.variant, |b| {
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
fn main() {
    // In `./bench.sh`'s "huge pages" runs: stop unless glibc got them.
    chapters_code::speed::exit_unless_huge_pages_as_expected();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
