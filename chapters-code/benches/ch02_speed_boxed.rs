//! Chapter 2's Python-like variants: ten million boxed numbers, or ten million little vectors.
//! They run in a process of their own; see `ch02_speed.rs` for why.

// `./bench.sh` measures the tuned rows with the allocator chapter 2 recommends.
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static GLOBAL: chapters_code::speed::FastAlloc =
    chapters_code::speed::FastAlloc;

use std::hint::black_box;
use std::time::Duration;

use chapters_code::benchmarks::{distances, reciprocals};
use chapters_code::speed::*;
use criterion::{criterion_group, Criterion};

fn boxed_benches(c: &mut Criterion) {
    let nums = tutorial_nums();
    let boxed: Vec<Box<i64>> = nums.iter().copied().map(Box::new).collect();
    let mut group = c.benchmark_group(reciprocals::GROUP.name);
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    group.bench_function(reciprocals::BOXED_LIST.variant, |b| {
        b.iter(|| reciprocals_boxed(black_box(&boxed)))
    });
    group.finish();
    drop(boxed);

    let nested = tutorial_points_nested(TUTORIAL_END as usize);
    let mut group = c.benchmark_group(distances::GROUP.name);
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    group.bench_function(distances::NESTED_VECS.variant, |b| {
        b.iter(|| distances_nested(black_box(&[1.0, 1.0]), &nested))
    });
    group.finish();
}

criterion_group!(benches, boxed_benches);
fn main() {
    // In `./bench.sh`'s "huge pages" runs: stop unless glibc got them.
    chapters_code::speed::exit_unless_huge_pages_as_expected();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
