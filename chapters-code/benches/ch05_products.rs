//! Chapter 5: the matrix product of two 512 × 512 `f64` matrices, one thread.

// `./bench.sh` measures the tuned rows with the allocator chapter 2 recommends.
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static GLOBAL: chapters_code::speed::FastAlloc =
    chapters_code::speed::FastAlloc;

use std::hint::black_box;

use chapters_code::benchmarks::matmul;
use chapters_code::products::bench_matrices;
use criterion::{criterion_group, criterion_main, Criterion};
use ndarray::linalg::general_mat_mul;
use ndarray::Array2;

fn matmul_benches(c: &mut Criterion) {
    let (a, b) = bench_matrices(512);
    let mut out = Array2::<f64>::zeros((512, 512));
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
    group.finish();
}

criterion_group!(benches, matmul_benches);
criterion_main!(benches);
