//! Chapter 8: ten Life generations of a 1000 × 1000 board, one thread. Like
//! `python/bench.py`, each timed run starts from a fresh copy of the board.

use std::hint::black_box;

// `./bench.sh` measures the tuned rows with the allocator chapter 2 recommends.
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static GLOBAL: chapters_code::speed::FastAlloc =
    chapters_code::speed::FastAlloc;

use chapters_code::benchmarks::life as workloads;
use chapters_code::life::{iterate, iterate_loops, FastLife};
use chapters_code::random::RandomState;
use criterion::{criterion_group, Criterion};
use ndarray::Array2;

/// One generation, in place.
type Generation = fn(&mut Array2<u8>);

fn life_benches(c: &mut Criterion) {
    let board = RandomState::new(42).choice_binary(1000, 1000);
    let mut group = c.benchmark_group(workloads::GROUP.name);
    group.sample_size(10);
    let versions: [(&str, Generation); 2] = [
        (workloads::ITERATE_LOOPS.variant, iterate_loops),
        (workloads::ITERATE.variant, iterate),
    ];
    for (variant, generation) in versions {
        group.bench_function(variant, |b| {
            b.iter(|| {
                let mut z = board.clone();
                for _ in 0..10 {
                    generation(&mut z);
                }
                black_box(z)
            })
        });
    }
    group.bench_function(workloads::FAST.variant, |b| {
        b.iter(|| {
            let mut life = FastLife::new(board.clone());
            for _ in 0..10 {
                life.step();
            }
            black_box(life)
        })
    });
    group.finish();
}

criterion_group!(benches, life_benches);
fn main() {
    // In `./bench.sh`'s "huge pages" runs: stop unless glibc got them.
    chapters_code::speed::exit_unless_huge_pages_as_expected();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
