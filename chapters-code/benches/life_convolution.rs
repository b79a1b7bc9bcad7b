//! Chapters 8 and 9: ten Life generations of a 1000 × 1000 board, and a 3 × 3 convolution
//! of a 1000 × 1000 image, one thread.

use std::hint::black_box;

use chapters_code::convolution::{convolve2d, Mode};
use chapters_code::life::{iterate, FastLife};
use chapters_code::random::RandomState;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use ndarray::prelude::*;
use ndarray_conv::{ConvExt, ConvFFTExt, ConvMode, PaddingMode};

fn life_benches(c: &mut Criterion) {
    let board = RandomState::new(42).choice_binary(1000, 1000);
    let mut group = c.benchmark_group("life");
    group.sample_size(10);
    group.bench_function("iterate", |b| {
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
    group.bench_function("fast", |b| {
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

fn convolution_benches(c: &mut Criterion) {
    let image = RandomState::new(42).rand(1000, 1000);
    let kernel = array![[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]];
    let mut group = c.benchmark_group("convolution");
    group.sample_size(10);
    group.bench_function("convolve2d", |b| {
        b.iter(|| convolve2d(black_box(image.view()), kernel.view(), Mode::Same))
    });
    group.bench_function("ndarray_conv", |b| {
        b.iter(|| black_box(&image).conv(&kernel, ConvMode::Same, PaddingMode::Zeros))
    });
    group.bench_function("ndarray_conv_fft", |b| {
        b.iter(|| black_box(&image).conv_fft(&kernel, ConvMode::Same, PaddingMode::Zeros))
    });
    group.finish();
}

criterion_group!(benches, life_benches, convolution_benches);
criterion_main!(benches);
