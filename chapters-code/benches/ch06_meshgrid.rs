//! Chapter 6: sin(x² + y²) / (x² + y²) on the tutorial's 1600 × 1600 grid, one thread.

// `./bench.sh` measures the tuned rows with the allocator chapter 2 recommends.
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static GLOBAL: chapters_code::speed::FastAlloc =
    chapters_code::speed::FastAlloc;

use std::hint::black_box;

use chapters_code::benchmarks::sinc as workloads;
use chapters_code::meshgrid::{numpy_arange, sinc, sinc_broadcast};
use criterion::{criterion_group, Criterion};

fn sinc_benches(c: &mut Criterion) {
    let x = numpy_arange(-8.0, 8.0, 0.01).expect("a valid range");
    let mut group = c.benchmark_group(workloads::GROUP.name);
    group.sample_size(20);
    group.bench_function(workloads::SINC_BROADCAST.variant, |b| {
        b.iter(|| sinc_broadcast(black_box(x.view()), x.view()))
    });
    group.bench_function(workloads::SINC.variant, |b| {
        b.iter(|| sinc(black_box(x.view()), x.view()))
    });
    group.finish();
}

criterion_group!(benches, sinc_benches);
fn main() {
    // In `./bench.sh`'s "huge pages" runs: stop unless glibc got them.
    chapters_code::speed::exit_unless_huge_pages_as_expected();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
