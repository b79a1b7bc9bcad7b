//! Chapter 8: ten Life generations of a 1000 × 1000 board, one thread.

// `./bench.sh` measures the tuned rows with the allocator chapter 2 recommends.
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static GLOBAL: chapters_code::speed::FastAlloc =
    chapters_code::speed::FastAlloc;

use chapters_code::benchmarks::life as workloads;
use chapters_code::life::{iterate, FastLife};
use chapters_code::random::RandomState;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

fn life_benches(c: &mut Criterion) {
    let board = RandomState::new(42).choice_binary(1000, 1000);
    let mut group = c.benchmark_group(workloads::GROUP.name);
    group.sample_size(10);
    group.bench_function(workloads::ITERATE.variant, |b| {
        b.iter_batched_ref(
            || board.clone(),
            |z| {
                for _ in 0..10 {
                    iterate(z);
                }
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function(workloads::FAST.variant, |b| {
        b.iter_batched_ref(
            || FastLife::new(board.clone()),
            |life| {
                for _ in 0..10 {
                    life.step();
                }
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, life_benches);
criterion_main!(benches);
