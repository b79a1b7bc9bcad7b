//! Chapter 2's size sweep: `reciprocals` from 10 numbers up to the tutorial's 9,999,999, for
//! the log–log chart "How cost grows with size". The sizes and ids come from
//! `chapters_code::benchmarks::sweeps`; each id is `group/variant/size`.
//!
//! Every sample times the same number of calls (`SamplingMode::Flat`): the largest sizes take
//! tens of milliseconds a call, the smallest a few nanoseconds. In test mode (`cargo test`,
//! no `--bench`) each benchmark runs once at the smallest size only, to keep tests fast.
//!
//! Each sweep is a target of its own, run in a fresh process. glibc's `malloc` gives a
//! large block fresh memory from the kernel (page faults on first touch), but after a
//! program frees such a block of up to 32 MiB it serves blocks up to that size from its
//! heap and trims the heap less (mallopt(3), `M_MMAP_THRESHOLD`, `M_TRIM_THRESHOLD`). So a
//! sweep that ran after another would measure a process the other has changed.

// The shared sizes and group setup, and (with `fast-alloc`) the global allocator.
#[path = "sweep_support/mod.rs"]
mod sweep_support;

use std::hint::black_box;

use chapters_code::benchmarks::sweeps;
use chapters_code::speed::reciprocals;
use criterion::{criterion_group, BenchmarkId, Criterion};
use ndarray::prelude::*;
use sweep_support::{group, sizes};

fn reciprocals_sweep(c: &mut Criterion) {
    let sweep = sweeps::RECIPROCALS;
    let rust = sweeps::reciprocals::RECIPROCALS;
    let mut group = group(c, &sweep);
    for n in sizes(&sweep) {
        let nums = Array1::from_iter(1..=n as i64);
        group.bench_with_input(
            BenchmarkId::new(rust.variant, n),
            &nums,
            |b, nums| b.iter(|| reciprocals(black_box(nums.view()))),
        );
    }
    group.finish();
}

criterion_group!(benches, reciprocals_sweep);
fn main() {
    // In `./bench.sh`'s "huge pages" runs: stop unless glibc got them.
    chapters_code::speed::exit_unless_huge_pages_as_expected();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
