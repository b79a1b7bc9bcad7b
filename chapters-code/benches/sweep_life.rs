//! Chapter 8's size sweep: ten generations of the Game of Life, from a 10 × 10 board up to
//! the benchmark's 1000 × 1000, with slices and with `FastLife` (see `sweep_reciprocals.rs`
//! for how the sweeps are run).

// The shared sizes and group setup, and (with `fast-alloc`) the global allocator.
#[path = "sweep_support/mod.rs"]
mod sweep_support;

use chapters_code::benchmarks::sweeps;
use chapters_code::life::{iterate, FastLife};
use chapters_code::random::RandomState;
use criterion::{criterion_group, BatchSize, BenchmarkId, Criterion};
use sweep_support::{group, sizes};

fn life_sweep(c: &mut Criterion) {
    let sweep = sweeps::LIFE;
    let (slices, fast) = (sweeps::life::ITERATE, sweeps::life::FAST);
    let mut group = group(c, &sweep);
    for n in sizes(&sweep) {
        let board = RandomState::new(42).choice_binary(n, n);
        group.bench_with_input(
            BenchmarkId::new(slices.variant, n),
            &board,
            |b, board| {
                b.iter_batched_ref(
                    || board.clone(),
                    |z| {
                        for _ in 0..10 {
                            iterate(z);
                        }
                    },
                    BatchSize::LargeInput,
                )
            },
        );
        group.bench_with_input(
            BenchmarkId::new(fast.variant, n),
            &board,
            |b, board| {
                b.iter_batched_ref(
                    || FastLife::new(board.clone()),
                    |life| {
                        for _ in 0..10 {
                            life.step();
                        }
                    },
                    BatchSize::LargeInput,
                )
            },
        );
    }
    group.finish();
}

criterion_group!(benches, life_sweep);
fn main() {
    // In `./bench.sh`'s "huge pages" runs: stop unless glibc got them.
    chapters_code::speed::exit_unless_huge_pages_as_expected();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
