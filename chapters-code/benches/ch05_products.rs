//! Chapter 5: the products of two 512 × 512 and of two 2048 × 2048 `f64`
//! matrices, with ndarray's `dot`, `general_mat_mul`, and faer through
//! `fast_matmul` (one thread) and `fast_matmul_par` (every core).

// `./bench.sh` measures the tuned rows with the allocator chapter 2 recommends.
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static GLOBAL: chapters_code::speed::FastAlloc =
    chapters_code::speed::FastAlloc;

use std::hint::black_box;
use std::time::Duration;

use chapters_code::benchmarks::matmul;
use chapters_code::products::{bench_matrices, fast_matmul, fast_matmul_par};
use criterion::{criterion_group, Criterion, SamplingMode};
use ndarray::linalg::general_mat_mul;
use ndarray::Array2;

/// `cargo test` runs every benchmark once in the unoptimised test profile,
/// where faer is built without optimisation: it multiplies small matrices.
fn size(n: usize) -> usize {
    if cfg!(debug_assertions) {
        64
    } else {
        n
    }
}

fn matmul_benches(c: &mut Criterion) {
    let (a, b) = bench_matrices(size(512));
    let mut out = Array2::<f64>::zeros(a.dim());
    let mut group = c.benchmark_group(matmul::GROUP.name);
    group.sample_size(20);
    group.bench_function(matmul::DOT.variant, |bench| {
        bench.iter(|| black_box(&a).dot(black_box(&b)))
    });
    group.bench_function(matmul::GENERAL_MAT_MUL.variant, |bench| {
        bench.iter(|| {
            general_mat_mul(1.0, black_box(&a), black_box(&b), 0.0, &mut out)
        })
    });
    group.bench_function(matmul::FAST_MATMUL.variant, |bench| {
        bench.iter(|| fast_matmul(black_box(a.view()), black_box(b.view())))
    });
    group.bench_function(matmul::FAST_MATMUL_PAR.variant, |bench| {
        bench.iter(|| fast_matmul_par(black_box(a.view()), black_box(b.view())))
    });
    group.finish();
}

fn matmul_2048_benches(c: &mut Criterion) {
    let (a, b) = bench_matrices(size(2048));
    let mut group = c.benchmark_group(matmul::GROUP_2048.name);
    // One product takes a quarter of a second or more: few, flat samples.
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    group.bench_function(matmul::DOT_2048.variant, |bench| {
        bench.iter(|| black_box(&a).dot(black_box(&b)))
    });
    group.bench_function(matmul::FAST_MATMUL_2048.variant, |bench| {
        bench.iter(|| fast_matmul(black_box(a.view()), black_box(b.view())))
    });
    group.bench_function(matmul::FAST_MATMUL_PAR_2048.variant, |bench| {
        bench.iter(|| fast_matmul_par(black_box(a.view()), black_box(b.view())))
    });
    group.finish();
}

criterion_group!(benches, matmul_benches, matmul_2048_benches);
fn main() {
    // In `./bench.sh`'s "huge pages" runs: stop unless glibc got them.
    chapters_code::speed::exit_unless_huge_pages_as_expected();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
