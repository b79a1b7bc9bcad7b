//! The size sweeps (chapters 2, 7, 8 and 9): the same work timed from tiny inputs up to the
//! size of its timing table, for the log–log charts "How cost grows with size". The sizes and
//! ids come from `chapters_code::benchmarks::sweeps`; each id is `group/variant/size`.
//!
//! Every sample times the same number of calls (`SamplingMode::Flat`): the largest sizes take
//! tens of milliseconds a call, the smallest a few nanoseconds. In test mode (`cargo test`,
//! no `--bench`) each benchmark runs once at the smallest size only, to keep tests fast.

// `./bench.sh` measures the tuned rows with the allocator chapter 2 recommends.
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static GLOBAL: chapters_code::speed::FastAlloc =
    chapters_code::speed::FastAlloc;

use std::hint::black_box;
use std::time::Duration;

use chapters_code::benchmarks::{sweeps, Sweep};
use chapters_code::convolution::{convolve2d, Mode};
use chapters_code::knn::{
    pairwise_sq_distances, pairwise_sq_distances_broadcast,
};
use chapters_code::life::{iterate, FastLife};
use chapters_code::random::RandomState;
use chapters_code::speed::reciprocals;
use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BatchSize, BenchmarkGroup, BenchmarkId,
    Criterion, SamplingMode,
};
use ndarray::prelude::*;
use ndarray_conv::{ConvExt, ConvMode, PaddingMode};

/// The sizes to time: all of them with `--bench`, the smallest in test mode.
fn sizes(sweep: &Sweep) -> Vec<usize> {
    let all = sweep.sizes.iter().map(|&n| n as usize);
    if std::env::args().any(|a| a == "--bench") {
        all.collect()
    } else {
        all.take(1).collect()
    }
}

fn group<'a>(
    c: &'a mut Criterion,
    sweep: &Sweep,
) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(sweep.group);
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_millis(1500));
    group
}

fn reciprocals_sweep(c: &mut Criterion) {
    let sweep = sweeps::RECIPROCALS;
    let [_, rust] = sweep.workloads else {
        unreachable!("NumPy and Rust")
    };
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

fn knn_distances_sweep(c: &mut Criterion) {
    let sweep = sweeps::KNN_DISTANCES;
    let [_, broadcast, pairwise] = sweep.workloads else {
        unreachable!("NumPy and two Rust versions")
    };
    let mut group = group(c, &sweep);
    for n in sizes(&sweep) {
        let x = RandomState::new(42).rand(n, 2);
        group.bench_with_input(
            BenchmarkId::new(broadcast.variant, n),
            &x,
            |b, x| {
                b.iter(|| pairwise_sq_distances_broadcast(black_box(x.view())))
            },
        );
        group.bench_with_input(
            BenchmarkId::new(pairwise.variant, n),
            &x,
            |b, x| b.iter(|| pairwise_sq_distances(black_box(x.view()))),
        );
    }
    group.finish();
}

fn life_sweep(c: &mut Criterion) {
    let sweep = sweeps::LIFE;
    let [_, slices, fast] = sweep.workloads else {
        unreachable!("NumPy and two Rust versions")
    };
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

fn convolution_sweep(c: &mut Criterion) {
    let sweep = sweeps::CONVOLUTION;
    let [_, windows, crate_conv] = sweep.workloads else {
        unreachable!("SciPy and two Rust versions")
    };
    let kernel = array![[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]];
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

criterion_group!(
    benches,
    reciprocals_sweep,
    knn_distances_sweep,
    life_sweep,
    convolution_sweep
);
criterion_main!(benches);
