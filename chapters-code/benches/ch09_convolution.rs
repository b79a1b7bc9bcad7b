//! Chapter 9: a 3 × 3 convolution of a 1000 × 1000 image, Same mode, one thread.

// `./bench.sh` measures the tuned rows with the allocator chapter 2 recommends.
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static GLOBAL: chapters_code::speed::FastAlloc =
    chapters_code::speed::FastAlloc;

use std::hint::black_box;

use chapters_code::benchmarks::convolution as workloads;
use chapters_code::convolution::{convolve2d, Mode};
use chapters_code::random::RandomState;
use criterion::{criterion_group, Criterion};
use ndarray::prelude::*;
use ndarray_conv::{ConvExt, ConvFFTExt, ConvMode, PaddingMode};

fn convolution_benches(c: &mut Criterion) {
    let image = RandomState::new(42).rand(1000, 1000);
    let kernel = arr2(&workloads::KERNEL);
    let mut group = c.benchmark_group(workloads::GROUP.name);
    group.sample_size(10);
    group.bench_function(workloads::CONVOLVE2D.variant, |b| {
        b.iter(|| {
            convolve2d(black_box(image.view()), kernel.view(), Mode::Same)
        })
    });
    group.bench_function(workloads::NDARRAY_CONV.variant, |b| {
        b.iter(|| {
            black_box(&image).conv(&kernel, ConvMode::Same, PaddingMode::Zeros)
        })
    });
    group.bench_function(workloads::NDARRAY_CONV_FFT.variant, |b| {
        b.iter(|| {
            black_box(&image).conv_fft(
                &kernel,
                ConvMode::Same,
                PaddingMode::Zeros,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, convolution_benches);
fn main() {
    // In `./bench.sh`'s "huge pages" runs: stop unless glibc got them.
    chapters_code::speed::exit_unless_huge_pages_as_expected();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
