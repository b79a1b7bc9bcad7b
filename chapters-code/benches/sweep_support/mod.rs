//! What the size-sweep benchmarks share: the sizes to time, and a criterion group set up
//! for them. Each sweep is a benchmark target of its own, so that each runs in a fresh
//! process: glibc's `malloc` adapts to the blocks a process has freed (see
//! `sweep_reciprocals.rs`), and one sweep must not change what the next one measures.

use std::time::Duration;

// `./bench.sh` measures the tuned rows with the allocator chapter 2 recommends.
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static GLOBAL: chapters_code::speed::FastAlloc =
    chapters_code::speed::FastAlloc;

use chapters_code::benchmarks::Sweep;
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode};

/// The sizes to time: all of them with `--bench`, the smallest in test mode.
pub fn sizes(sweep: &Sweep) -> Vec<usize> {
    let all = sweep.sizes.iter().map(|&n| n as usize);
    if std::env::args().any(|a| a == "--bench") {
        all.collect()
    } else {
        all.take(1).collect()
    }
}

/// The sweep's criterion group: flat sampling (every sample the same number of calls), 20
/// samples, half a second of warm-up and a second and a half of measurement per point.
pub fn group<'a>(
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
