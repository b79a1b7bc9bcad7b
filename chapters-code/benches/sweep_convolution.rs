//! Chapter 9's size sweep: a 3 × 3 convolution, Same mode, from a 10 × 10 image up to the
//! benchmark's 1000 × 1000, with `convolve2d` and with ndarray-conv (see
//! `sweep_reciprocals.rs` for how the sweeps are run).

// The shared sizes and group setup, and (with `fast-alloc`) the global allocator.
#[path = "sweep_support/mod.rs"]
mod sweep_support;

use std::hint::black_box;

use chapters_code::benchmarks::sweeps;
use chapters_code::convolution::{convolve2d, Mode};
use chapters_code::random::RandomState;
use criterion::{criterion_group, BenchmarkId, Criterion};
use ndarray::prelude::*;
use ndarray_conv::{ConvExt, ConvMode, PaddingMode};
use sweep_support::{group, sizes};

fn convolution_sweep(c: &mut Criterion) {
    let sweep = sweeps::CONVOLUTION;
    let (windows, crate_conv) = (
        sweeps::convolution::CONVOLVE2D,
        sweeps::convolution::NDARRAY_CONV,
    );
    let kernel = arr2(&chapters_code::benchmarks::convolution::KERNEL);
    let mut group = group(c, &sweep);
    for n in sizes(&sweep) {
        let image = RandomState::new(42).rand(n, n);
        group.bench_with_input(
            BenchmarkId::new(windows.variant, n),
            &image,
            |b, image| {
                b.iter(|| {
                    convolve2d(
                        black_box(image.view()),
                        kernel.view(),
                        Mode::Same,
                    )
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new(crate_conv.variant, n),
            &image,
            |b, image| {
                b.iter(|| {
                    black_box(image).conv(
                        &kernel,
                        ConvMode::Same,
                        PaddingMode::Zeros,
                    )
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, convolution_sweep);
fn main() {
    // In `./bench.sh`'s "huge pages" runs: stop unless glibc got them.
    chapters_code::speed::exit_unless_huge_pages_as_expected();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
