//! Chapter 7's size sweep: the pairwise squared distances of N points, from 10 points up to
//! the benchmark's 2000, broadcast and without the temporary (see `sweep_reciprocals.rs`
//! for how the sweeps are run).

// The shared sizes and group setup, and (with `fast-alloc`) the global allocator.
#[path = "sweep_support/mod.rs"]
mod sweep_support;

use std::hint::black_box;

use chapters_code::benchmarks::sweeps;
use chapters_code::knn::{
    pairwise_sq_distances, pairwise_sq_distances_broadcast,
};
use chapters_code::random::RandomState;
use criterion::{criterion_group, BenchmarkId, Criterion};
use sweep_support::{group, sizes};

fn knn_distances_sweep(c: &mut Criterion) {
    let sweep = sweeps::KNN_DISTANCES;
    let (broadcast, pairwise) = (
        sweeps::knn_distances::BROADCAST,
        sweeps::knn_distances::PAIRWISE_SQ_DISTANCES,
    );
    let mut group = group(c, &sweep);
    for n in sizes(&sweep) {
        let x = RandomState::new(42).rand(n, 2);
        group.bench_with_input(
            BenchmarkId::new(broadcast.variant, n),
            &x,
            |b, x| {
                b.iter(|| pairwise_sq_distances_broadcast(black_box(x.view())))
            },
        );
        group.bench_with_input(
            BenchmarkId::new(pairwise.variant, n),
            &x,
            |b, x| b.iter(|| pairwise_sq_distances(black_box(x.view()))),
        );
    }
    group.finish();
}

criterion_group!(benches, knn_distances_sweep);
fn main() {
    // In `./bench.sh`'s "huge pages" runs: stop unless glibc got them.
    chapters_code::speed::exit_unless_huge_pages_as_expected();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
