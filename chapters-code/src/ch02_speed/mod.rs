//! Chapter 2, "Why vectorised code is fast": the tutorial's workloads, from a Python-like
//! layout to single-threaded ndarray versions without temporaries, all returning the same
//! numbers.

mod figures;
mod numpy_table;
mod tables;

use memmap2::MmapMut;
use ndarray::prelude::*;
use ndarray::Zip;

use crate::allocation::{
    ensure_allocatable, ensure_allocatable_together, range_len,
    vec_with_capacity, PROBE_BYTES,
};
use crate::chapter::{samples, Chapter, Figure, HeapUse, Table};

pub use figures::{render_distances_chart, render_reciprocals_chart};
pub use tables::{
    creation_table, distances_table, findings, machine_note, page_faults_markdown,
    page_faults_table, reciprocals_table,
};

/// What chapter 2 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch02-speed",
    samples: samples![
        reciprocal_variants,
        creation_variants,
        distance_variants,
        exercise_squares,
        exercise_mean_distance,
    ],
    figures: &[
        Figure::new("reciprocals.png", render_reciprocals_chart),
        Figure::new("distances.png", render_distances_chart),
    ],
    tables: &[
        Table::text("machine.md", machine_note),
        Table::text("reciprocals-table.md", reciprocals_table),
        Table::text("creation-table.md", creation_table),
        Table::text("distances-table.md", distances_table),
        Table::text("findings.md", findings),
        Table::text("page-faults-table.md", page_faults_table),
        Table::text("numpy-table.md", numpy_table::render),
        Table::measured("temporaries.txt", |measure| {
            Ok(temporaries_report(measure))
        }),
    ],
};

/// The tutorial's size: `range(1, 10000000)` has 9,999,999 elements.
pub const TUTORIAL_END: i64 = 10_000_000;

// ANCHOR: reciprocals_push_loop
/// The tutorial's first loop: start empty, append one result at a time.
/// The arithmetic is NumPy's, not Python's: `1 / 0` is `inf` (Python raises
/// `ZeroDivisionError`), and each number becomes an `f64` before dividing
/// (Python divides integers above 2^53 exactly, then rounds).
pub fn reciprocals_push_loop(nums: &[i64]) -> Vec<f64> {
    let mut reciprocal_list = Vec::new();
    for &num in nums {
        reciprocal_list.push(1.0 / num as f64);
    }
    reciprocal_list
}
// ANCHOR_END: reciprocals_push_loop

// ANCHOR: reciprocals_map_collect
/// The list comprehension's counterpart: an iterator, collected once. The
/// arithmetic is NumPy's, like [`reciprocals_push_loop`]'s.
pub fn reciprocals_map_collect(nums: &[i64]) -> Vec<f64> {
    nums.iter().map(|&num| 1.0 / num as f64).collect()
}
// ANCHOR_END: reciprocals_map_collect

// ANCHOR: reciprocals_boxed
/// A Python-like list: every number boxed on its own, in and out. The
/// arithmetic is NumPy's, like [`reciprocals_push_loop`]'s.
pub fn reciprocals_boxed(nums: &[Box<i64>]) -> Vec<Box<f64>> {
    nums.iter()
        .map(|num| Box::new(1.0 / **num as f64))
        .collect()
}
// ANCHOR_END: reciprocals_boxed

// ANCHOR: reciprocals
/// `1 / numpy_nums`: the reciprocal of every element, into a new array.
///
/// `mapv` walks the input as one contiguous slice when it can and
/// writes each result once into a freshly allocated buffer: no bounds
/// checks, no zero-filling, no temporary.
///
/// It does not ask for the memory first (the `allocation` module says
/// why): a broadcast view can be longer than memory holds, and then the
/// allocator's refusal aborts the process, where NumPy raises
/// `MemoryError`.
///
/// # Panics
/// With "capacity overflow" for a view whose result would pass
/// `isize::MAX` bytes (NumPy cannot make one).
pub fn reciprocals(nums: ArrayView1<i64>) -> Array1<f64> {
    nums.mapv(|num| 1.0 / num as f64)
}
// ANCHOR_END: reciprocals

// ANCHOR: reciprocals_into
/// The same computation into a buffer the caller owns: no allocation, no
/// page faults.
///
/// # Panics
/// If `out` and `nums` differ in length.
pub fn reciprocals_into(nums: ArrayView1<i64>, mut out: ArrayViewMut1<f64>) {
    assert_eq!(
        nums.len(),
        out.len(),
        "reciprocals_into: the output must be as long as the input"
    );
    Zip::from(&mut out)
        .and(&nums)
        .for_each(|o, &num| *o = 1.0 / num as f64);
}
// ANCHOR_END: reciprocals_into

// ANCHOR: reciprocals_par
/// Going further: the same map on all cores, with ndarray's `rayon`
/// feature. Aborts, like [`reciprocals`], on a broadcast view longer than
/// memory holds.
///
/// # Panics
/// Like [`reciprocals`].
pub fn reciprocals_par(nums: ArrayView1<i64>) -> Array1<f64> {
    Zip::from(&nums).par_map_collect(|&num| 1.0 / num as f64)
}
// ANCHOR_END: reciprocals_par

// ANCHOR: floors
/// A reference for every new-array variant: ask for `len` fresh `f64`s
/// and write each one once (a constant, so no input is read and nothing is
/// computed). `vec![1.0; len]` cannot ask the kernel for ready-zeroed
/// memory the way `vec![0.0; len]` can, so every page is touched.
///
/// # Panics
/// When `len` values cannot be allocated.
pub fn new_array_floor(len: usize) -> Array1<f64> {
    ensure_allocatable::<f64>("new_array_floor", &[len]);
    Array1::from_elem(len, 1.0)
}

/// A reference for every reused-buffer variant: copy the input's bytes
/// into a buffer that already exists. Same reads and writes as
/// [`reciprocals_into`], no arithmetic.
///
/// # Panics
/// If `out` and `nums` differ in length.
pub fn reused_buffer_floor(nums: ArrayView1<i64>, mut out: ArrayViewMut1<i64>) {
    assert_eq!(
        nums.len(),
        out.len(),
        "reused_buffer_floor: the output must be as long as the input"
    );
    out.assign(&nums);
}
// ANCHOR_END: floors

/// A copy of the input into a new array (`numpy_nums.copy()`): the
/// new-array reference plus reading the input. Aborts, like
/// [`reciprocals`], on a broadcast view longer than memory holds.
///
/// # Panics
/// Like [`reciprocals`].
pub fn copy_floor(nums: ArrayView1<i64>) -> Array1<i64> {
    nums.to_owned()
}

// ANCHOR: fast_alloc
/// The global allocator chapter 2 recommends: mimalloc, re-exported. It
/// keeps memory it has freed for a while (it gives it back to the kernel
/// after a delay, about a second by default in mimalloc 3) for the next
/// allocation, so a program that makes a large array again and again
/// stops paying page faults for it.
/// The library never installs it: a program opts in with one item,
///
/// ```
/// #[global_allocator]
/// static GLOBAL: chapters_code::speed::FastAlloc =
///     chapters_code::speed::FastAlloc;
/// # fn main() {}
/// ```
pub use mimalloc::MiMalloc as FastAlloc;
// ANCHOR_END: fast_alloc

// ANCHOR: reciprocals_thp_map
/// What NumPy does for a large array, by hand and without `unsafe`: map
/// fresh memory straight from the kernel, advise it to use transparent
/// huge pages (`madvise(MADV_HUGEPAGE)`, on Linux), and write the
/// reciprocals into it, viewed as `f64`s. The result is a memory map,
/// not an `Array1`: `bytemuck::cast_slice::<u8, f64>(&map)` reads it.
///
/// # Errors
/// If the kernel refuses the map or the advice.
pub fn reciprocals_thp_map(nums: &[i64]) -> std::io::Result<MmapMut> {
    let mut map = MmapMut::map_anon(std::mem::size_of_val(nums))?;
    #[cfg(target_os = "linux")]
    map.advise(memmap2::Advice::HugePage)?;
    let out: &mut [f64] = bytemuck::cast_slice_mut(&mut map[..]);
    for (o, &num) in out.iter_mut().zip(nums) {
        *o = 1.0 / num as f64;
    }
    Ok(map)
}
// ANCHOR_END: reciprocals_thp_map

// ANCHOR: page_faults
/// The number of minor page faults this process has taken so far, from
/// `/proc/self/stat` (Linux only; `None` elsewhere). For fresh memory, a
/// minor fault is the kernel handing the process a zeroed page the first
/// time it writes there (a read first maps a shared page of zeros, and the
/// first write then faults again).
pub fn minor_page_faults() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) is in parentheses and may contain
    // spaces: count the fields from the last ')'.
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(7)?.parse().ok()
}

/// Minor page faults taken by `work`, if the platform reports them.
pub fn page_faults_of(work: impl FnOnce()) -> Option<u64> {
    let before = minor_page_faults()?;
    work();
    Some(minor_page_faults()?.saturating_sub(before))
}
// ANCHOR_END: page_faults

/// The size of the array [`allocator_gets_huge_pages`] writes: 40 MiB, above
/// the largest threshold (32 MiB) that glibc moves its `mmap` threshold to
/// when a mapped block is freed, so the probe leaves the threshold where the
/// program's own allocations will find it.
pub const HUGE_PAGE_PROBE_BYTES: usize = 40 << 20;

/// Whether this process's global allocator backs a fresh large array with
/// huge pages: writes a new array of [`HUGE_PAGE_PROBE_BYTES`] and counts
/// its page faults. On base pages that is one fault per page (10,240 of
/// 4 KiB on x86-64); fewer than a quarter of that means most of it was on
/// huge pages. `None` where the platform does not count page faults.
pub fn allocator_gets_huge_pages() -> Option<bool> {
    let len = HUGE_PAGE_PROBE_BYTES / size_of::<f64>();
    let faults = page_faults_of(|| {
        let probe = Array1::from_elem(len, 1.0_f64);
        std::hint::black_box(&probe);
    })?;
    let page = base_page_bytes();
    Some(mostly_huge_pages(faults as f64, HUGE_PAGE_PROBE_BYTES, page))
}

/// Whether `faults` page faults for writing `bytes` of fresh memory mean that most of it
/// was on huge pages: on base pages of `page_bytes` it takes one fault per page, and fewer
/// than a quarter of that cannot be base pages alone.
pub(crate) fn mostly_huge_pages(faults: f64, bytes: usize, page_bytes: usize) -> bool {
    faults < bytes.div_ceil(page_bytes) as f64 / 4.0
}

/// The machine fact that records [`base_page_bytes`] (`chapters-code machine`, which
/// `./bench.sh` runs): chapter 2's page-fault sentences count the pages of the run that
/// counted the faults, not x86-64's.
pub const PAGE_SIZE_FACT: &str = "page size";

/// The machine fact that records [`huge_page_bytes`], next to [`PAGE_SIZE_FACT`].
pub const HUGE_PAGE_SIZE_FACT: &str = "huge page size";

/// The page-size lines of the machine facts, `key: bytes` ([`PAGE_SIZE_FACT`],
/// [`HUGE_PAGE_SIZE_FACT`]; `unknown` for a huge page size this machine does not name).
pub fn page_size_facts() -> String {
    let huge = huge_page_bytes().map_or("unknown".to_string(), |b| b.to_string());
    format!(
        "{PAGE_SIZE_FACT}: {}\n{HUGE_PAGE_SIZE_FACT}: {huge}\n",
        base_page_bytes()
    )
}

/// The size of a transparent huge page, from Linux's
/// `/sys/kernel/mm/transparent_hugepage/hpage_pmd_size`: 2 MiB on x86-64, 512 MiB on an
/// aarch64 kernel with 64 KiB pages. `None` where it cannot be read.
pub fn huge_page_bytes() -> Option<usize> {
    std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size")
        .ok()
        .and_then(|text| text.trim().parse::<usize>().ok())
        .filter(|&bytes| bytes > 0)
}

/// The size of this process's base memory pages, from Linux's `/proc/self/smaps`
/// (`KernelPageSize`): 4 KiB on x86-64, 16 or 64 KiB on some aarch64 kernels, where a
/// count of 4 KiB pages would take 64 KiB pages for huge ones. 4 KiB where it cannot be
/// read.
pub fn base_page_bytes() -> usize {
    let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap_or_default();
    smaps
        .lines()
        .find_map(|line| line.strip_prefix("KernelPageSize:"))
        .and_then(|size| size.trim().strip_suffix("kB"))
        .and_then(|kib| kib.trim().parse::<usize>().ok())
        .filter(|&kib| kib > 0)
        .map_or(4096, |kib| kib * 1024)
}

/// The environment variable with which `./bench.sh` tells a benchmark or
/// example that it runs in the "huge pages" configuration
/// (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`), so that it checks it got them.
pub const EXPECT_HUGE_PAGES: &str = "BOOK_EXPECT_HUGE_PAGES";

/// What [`exit_unless_huge_pages_as_expected`] prints before it ends the
/// process: `./bench.sh` looks for these words to tell this exit from a
/// failure.
pub const NO_HUGE_PAGES_MESSAGE: &str =
    "BOOK_EXPECT_HUGE_PAGES: this process's allocator did not get huge pages";

/// The exit code of a program that [`exit_unless_huge_pages_as_expected`]
/// stopped, so that `./bench.sh` knows to start it again.
pub const NO_HUGE_PAGES_EXIT_CODE: i32 = 75;

/// In a program run with [`EXPECT_HUGE_PAGES`]`=1`: ends the process, with a
/// message and [`NO_HUGE_PAGES_EXIT_CODE`], unless its allocator gets huge
/// pages ([`allocator_gets_huge_pages`]); does nothing otherwise.
///
/// Why: glibc 2.36 (Debian 12's) reads the kernel's huge-page setting into
/// a buffer it does not terminate, so whether `glibc.malloc.hugetlb=1` takes
/// effect depends on one stray byte, and differs from process to process
/// (later releases terminate the buffer). Each of `./bench.sh`'s "huge
/// pages" processes checks, and is started again when it did not get them,
/// so that every timing under that label was measured with huge pages.
pub fn exit_unless_huge_pages_as_expected() {
    if std::env::var_os(EXPECT_HUGE_PAGES).is_none_or(|v| v != "1") {
        return;
    }
    if allocator_gets_huge_pages() != Some(true) {
        eprintln!("{NO_HUGE_PAGES_MESSAGE}; start it again");
        std::process::exit(NO_HUGE_PAGES_EXIT_CODE);
    }
}

/// The number of elements of chapter 2's small allocations: 1,000 `f64`
/// results, 8,000 bytes.
pub const SMALL: usize = 1_000;

/// The machine fact under which [`page_fault_report`] records the page
/// faults per call of `variant` (a criterion variant of the reciprocals
/// or distances group, or `reciprocals_first_call`) measured by a program
/// with the allocator configuration `side` (`rust`, `rust+thp`,
/// `rust+fastalloc`, or `python` for `python/bench.py`). Prefer
/// [`PageFaultSide::key`], which cannot name a side that is never measured.
pub fn page_fault_key(side: &str, variant: &str) -> String {
    format!("page faults per call, {side}, {variant}")
}

/// A configuration whose page faults `./bench.sh` counts, each under its own
/// name in the keys of [`page_fault_key`]. The Rust ones are spelled as their
/// [`Side`](crate::benchmarks::Side) in the results file; NumPy is counted
/// with and without its huge pages, the second of which is no side of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFaultSide {
    /// The example `ch02_page_faults`, with the system allocator.
    Rust,
    /// The same example with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`.
    RustHugePages,
    /// The example `ch02_page_faults_fast_alloc`, with [`FastAlloc`].
    RustFastAlloc,
    /// `python/bench.py --page-faults`, NumPy as configured (huge pages on).
    Python,
    /// `python/bench.py --page-faults`, NumPy with its huge pages turned off.
    PythonNoHugePages,
}

impl PageFaultSide {
    /// Every configuration, in the order of chapter 2's table.
    pub const ALL: [PageFaultSide; 5] = [
        PageFaultSide::Rust,
        PageFaultSide::RustHugePages,
        PageFaultSide::RustFastAlloc,
        PageFaultSide::Python,
        PageFaultSide::PythonNoHugePages,
    ];

    /// Its name in the keys (`rust+thp`, `python+no-thp`).
    pub const fn name(self) -> &'static str {
        use crate::benchmarks::Side;
        match self {
            PageFaultSide::Rust => Side::Rust.name(),
            PageFaultSide::RustHugePages => Side::RustHugePages.name(),
            PageFaultSide::RustFastAlloc => Side::RustFastAlloc.name(),
            PageFaultSide::Python => Side::Python.name(),
            PageFaultSide::PythonNoHugePages => "python+no-thp",
        }
    }

    /// The configuration named `name`, if there is one.
    pub fn from_name(name: &str) -> Option<PageFaultSide> {
        PageFaultSide::ALL.into_iter().find(|side| side.name() == name)
    }

    /// The machine fact of `variant`'s page faults per call in this
    /// configuration ([`page_fault_key`] with this side's name).
    pub fn key(self, variant: &str) -> String {
        page_fault_key(self.name(), variant)
    }
}

/// The variants [`page_fault_report`] measures, in the order it prints them.
pub const PAGE_FAULT_VARIANTS: [&str; 7] = [
    "reciprocals_first_call",
    "reciprocals",
    "into_reused_buffer",
    "thp_map",
    "small",
    "small_thp_map",
    "distances_to",
];

/// [`page_fault_report`]'s lines for a configuration this run could not
/// measure (`./bench.sh` when no process got huge pages), each `not
/// available`: without them, an earlier run's counts would stand in.
pub fn page_fault_report_not_available(side: PageFaultSide) -> String {
    PAGE_FAULT_VARIANTS
        .iter()
        .map(|variant| format!("{}: not available\n", side.key(variant)))
        .collect()
}

/// Measures the page faults per call of chapter 2's allocating workloads
/// in this process, as `key: value` lines for the machine facts of
/// `results/benchmarks.csv` (keys from [`PageFaultSide::key`]). `side` is
/// the allocator configuration of the calling program: `./bench.sh` runs
/// the example `ch02_page_faults` as `rust` and, with the glibc tunable,
/// as `rust+thp`, and `ch02_page_faults_fast_alloc` (which installs
/// [`FastAlloc`]) as `rust+fastalloc`.
///
/// Each workload is called once to warm up, then several times; the
/// average is reported (with one decimal). `reciprocals_first_call` is
/// the very first call of `reciprocals` in the process.
pub fn page_fault_report(side: PageFaultSide) -> String {
    use std::hint::black_box;
    // Slices first, viewed as arrays: the same memory as `tutorial_nums()`,
    // with no "is it contiguous?" to ask.
    let slice: &[i64] = &(1..TUTORIAL_END).collect::<Vec<i64>>();
    let small_slice: &[i64] = &(1..=SMALL as i64).collect::<Vec<i64>>();
    let (nums, small) = (ArrayView1::from(slice), ArrayView1::from(small_slice));
    let points = tutorial_points(TUTORIAL_END as usize);
    let point = Array1::<f64>::ones(2);
    let mut out = Array1::<f64>::zeros(nums.len());
    reciprocals_into(nums, out.view_mut()); // touch `out` once

    let first = page_faults_of(|| drop(black_box(reciprocals(nums))));
    let mut lines = vec![("reciprocals_first_call", first.map(|n| n as f64))];
    let mut per_call = |variant, calls: u32, work: &mut dyn FnMut()| {
        work(); // warm up
        let total = page_faults_of(|| (0..calls).for_each(|_| work()));
        lines.push((variant, total.map(|n| n as f64 / f64::from(calls))));
    };
    per_call("reciprocals", 5, &mut || {
        drop(black_box(reciprocals(black_box(nums))))
    });
    per_call("into_reused_buffer", 5, &mut || {
        reciprocals_into(black_box(nums), out.view_mut())
    });
    per_call("thp_map", 5, &mut || {
        drop(black_box(reciprocals_thp_map(black_box(slice))))
    });
    per_call("small", 10_000, &mut || {
        drop(black_box(reciprocals(black_box(small))))
    });
    per_call("small_thp_map", 10_000, &mut || {
        drop(black_box(reciprocals_thp_map(black_box(small_slice))))
    });
    per_call("distances_to", 5, &mut || {
        drop(black_box(distances_to(
            point.view(),
            black_box(points.view()),
        )))
    });
    lines
        .into_iter()
        .map(|(variant, faults)| {
            let value =
                faults.map_or("not available".into(), |f| format!("{f:.1}"));
            format!("{}: {value}\n", side.key(variant))
        })
        .collect()
}

/// The tutorial's input, `np.arange(1, 10000000)`.
pub fn tutorial_nums() -> Array1<i64> {
    Array::from_iter(1..TUTORIAL_END)
}

// ANCHOR: creation
/// `list(range(1, n))`: a growable vector of the numbers.
///
/// # Panics
/// Like [`array_from_iter`].
pub fn list_range(end: i64) -> Vec<i64> {
    ensure_allocatable::<i64>("list_range", &[range_len(1, end)]);
    (1..end).collect()
}

/// `np.array(nums_list)` when the vector is no longer needed: a move, no
/// copy at all.
pub fn array_from_vec(nums: Vec<i64>) -> Array1<i64> {
    Array1::from_vec(nums)
}

/// `np.array(nums_list)` when the vector is still needed: one copy.
pub fn array_from_slice(nums: &[i64]) -> Array1<i64> {
    ArrayView1::from(nums).to_owned()
}

/// `np.array(range(1, n))` and `np.arange(1, n)`: straight from the
/// iterator, one allocation.
///
/// # Panics
/// Where NumPy raises: when the range cannot be allocated, or is too big
/// for memory at all. Also from `end = 2**63 - 511` up, where NumPy 2.4.6's
/// `np.arange(1, end)` wrongly returns an empty array (its length check,
/// in `float64`, lets a length of 2^63 through).
pub fn array_from_iter(end: i64) -> Array1<i64> {
    ensure_allocatable::<i64>("array_from_iter", &[range_len(1, end)]);
    Array::from_iter(1..end)
}

/// `np.arange(1., n)` for floats: ndarray's `range` (start, end, step).
/// Empty when `end <= 1`, like NumPy's.
///
/// # Panics
/// Like [`array_from_iter`] (NumPy's empty array starts at
/// `end = 2**63 - 512` here).
pub fn array_range_f64(end: i64) -> Array1<f64> {
    if end <= 1 {
        return Array1::zeros(0); // ndarray's range panics for end < 1
    }
    ensure_allocatable::<f64>("array_range_f64", &[range_len(1, end)]);
    Array::range(1.0, end as f64, 1.0)
}
// ANCHOR_END: creation

/// The tutorial's points,
/// `np.vstack([np.arange(0., n), np.arange(1., n + 1)]).T`: row `i` is
/// `(i, i + 1)`. Built directly in row-major order (NumPy's are
/// column-major: the transpose of two stacked rows).
///
/// # Panics
/// Like [`array_from_iter`], when `n` points cannot be allocated.
pub fn tutorial_points(n: usize) -> Array2<f64> {
    ensure_allocatable::<f64>("tutorial_points", &[n, 2]);
    Array2::from_shape_fn((n, 2), |(i, j)| i as f64 + j as f64)
}

/// The tutorial's points as a Python-like list of lists.
///
/// # Panics
/// Like [`array_from_iter`], when `n` points cannot be allocated: a header
/// and two `f64`s each (the allocator's rounding of each small block, 32
/// bytes for 16 in glibc, is not counted).
pub fn tutorial_points_nested(n: usize) -> Vec<Vec<f64>> {
    let name = "tutorial_points_nested";
    ensure_allocatable::<Vec<f64>>(name, &[n]); // the headers
    ensure_allocatable::<[f64; 2]>(name, &[n]); // the points' blocks
    // The headers and every point's own block, all held at once: one
    // request as large as both (refused with "cannot allocate n elements
    // of (Vec<f64>, [f64; 2])", also beyond isize::MAX bytes, where a
    // shape check would name an array this function never builds).
    let each = size_of::<(Vec<f64>, [f64; 2])>();
    if n.saturating_mul(each) >= PROBE_BYTES {
        drop(vec_with_capacity::<(Vec<f64>, [f64; 2])>(name, n));
    }
    (0..n).map(|i| vec![i as f64, i as f64 + 1.0]).collect()
}

// ANCHOR: distances_nested
/// The list comprehension over a list of `[x, y]` lists. The arithmetic is
/// NumPy's `float64`: a square too large for an `f64` is `inf`, where
/// Python's `**` on a float raises `OverflowError`.
///
/// # Panics
/// If `point` or one of `other_points` does not have exactly two
/// coordinates. The tutorial's comprehension indexes `op[0]` and `op[1]`:
/// Python raises `IndexError` for fewer, but silently ignores any further
/// coordinates, a wrong distance this function refuses to give.
pub fn distances_nested(point: &[f64], other_points: &[Vec<f64>]) -> Vec<f64> {
    let &[px, py] = point else {
        panic!("distances_nested: the point must have 2 coordinates");
    };
    let distance = |op: &Vec<f64>| {
        let &[x, y] = &op[..] else {
            panic!("distances_nested: every point must have 2 coordinates");
        };
        ((px - x).powi(2) + (py - y).powi(2)).sqrt()
    };
    other_points.iter().map(distance).collect()
}
// ANCHOR_END: distances_nested

// ANCHOR: distances_broadcast_literal
/// The tutorial's `np.sum((np_point - np_other_points)**2, axis=1)**0.5`,
/// word for word. Every step allocates a new array: (n, 2) for the
/// difference, (n, 2) for the squares, (n,) for the sum and (n,) for the
/// roots.
///
/// # Panics
/// If `point.len()` differs from the number of columns of `points`, or
/// when the four arrays cannot be allocated (`points` can be a broadcast
/// view, larger than memory; NumPy: `MemoryError`).
pub fn distances_broadcast_literal(
    point: ArrayView1<f64>,
    points: ArrayView2<f64>,
) -> Array1<f64> {
    let name = "distances_broadcast_literal";
    check_dimensions(name, point, points);
    // All four are held at the end: the (n, d) differences and squares (as
    // large as `points`, which can be a broadcast view), the (n,) sums, roots.
    let n = [points.nrows()];
    ensure_allocatable_together::<f64>(
        name,
        &[points.shape(), points.shape(), &n, &n],
    );
    let diff = &point - &points; // broadcast (2,) against (n, 2)
    let squared = diff.mapv(|d| d * d);
    let summed = squared.sum_axis(Axis(1));
    summed.mapv(f64::sqrt)
}
// ANCHOR_END: distances_broadcast_literal

// ANCHOR: distances_broadcast_in_place
/// The same expression with NumPy's trick made explicit: `mapv_into`
/// consumes an array it owns and writes the results into the same
/// buffer. Two allocations instead of four, like NumPy's.
///
/// # Panics
/// Like [`distances_broadcast_literal`], when its two arrays cannot be
/// allocated.
pub fn distances_broadcast_in_place(
    point: ArrayView1<f64>,
    points: ArrayView2<f64>,
) -> Array1<f64> {
    let name = "distances_broadcast_in_place";
    check_dimensions(name, point, points);
    // Held at once: the (n, d) squares, as large as `points` (which can be a
    // broadcast view), and the (n,) sums.
    let n = [points.nrows()];
    ensure_allocatable_together::<f64>(name, &[points.shape(), &n]);
    let squared = (&point - &points).mapv_into(|d| d * d);
    squared.sum_axis(Axis(1)).mapv_into(f64::sqrt)
}
// ANCHOR_END: distances_broadcast_in_place

/// Panics with a clear message (naming `function`) if `point` has not
/// one coordinate per column of `points`, or if the result, one distance
/// per row, cannot be allocated. NumPy would broadcast a one-coordinate
/// point; the distance functions of chapter 2 do not.
///
/// # Panics
/// If `point.len()` differs from `points.ncols()`, or when `points.nrows()`
/// distances cannot be allocated (`points` can have no columns, or be a
/// broadcast view, and hold far fewer numbers than it has rows).
pub fn check_dimensions(
    function: &str,
    point: ArrayView1<f64>,
    points: ArrayView2<f64>,
) {
    assert_eq!(
        point.len(),
        points.ncols(),
        "{function}: the point has {} coordinates but the points have {}",
        point.len(),
        points.ncols()
    );
    ensure_allocatable::<f64>(function, &[points.nrows()]);
}

// ANCHOR: distances_to
/// Euclidean distance from `point` to each row of `points`, in one pass
/// and one allocation.
///
/// For the usual case, 2-D points stored row after row, it walks the
/// data as a flat slice of `[x, y]` pairs; any other layout or dimension
/// goes through ndarray's row iterator.
///
/// # Panics
/// If `point.len()` differs from the number of columns of `points`, or
/// when one distance per row cannot be allocated (NumPy: `MemoryError`):
/// `points` with no columns, or a broadcast view, can have far more rows
/// than numbers.
pub fn distances_to(
    point: ArrayView1<f64>,
    points: ArrayView2<f64>,
) -> Array1<f64> {
    check_dimensions("distances_to", point, points);
    if let (Some(flat), 2) = (points.as_slice(), point.len()) {
        let (px, py) = (point[0], point[1]);
        let (pairs, _) = flat.as_chunks::<2>(); // two columns: no rest
        let distance = |&[x, y]: &[f64; 2]| {
            let (dx, dy) = (x - px, y - py);
            (dx * dx + dy * dy).sqrt()
        };
        return pairs.iter().map(distance).collect();
    }
    points
        .rows()
        .into_iter()
        .map(|row| {
            Zip::from(&row)
                .and(&point)
                .fold(0.0, |acc, &a, &b| acc + (a - b) * (a - b))
                .sqrt()
        })
        .collect()
}
// ANCHOR_END: distances_to

// ANCHOR: distances_to_par
/// Going further: one row per task on all cores (ndarray's `rayon` feature).
///
/// # Panics
/// Like [`distances_to`].
pub fn distances_to_par(
    point: ArrayView1<f64>,
    points: ArrayView2<f64>,
) -> Array1<f64> {
    check_dimensions("distances_to_par", point, points);
    Zip::from(points.rows()).par_map_collect(|row| {
        Zip::from(&row)
            .and(&point)
            .fold(0.0, |acc, &a, &b| acc + (a - b) * (a - b))
            .sqrt()
    })
}
// ANCHOR_END: distances_to_par

// ANCHOR: reciprocal_variants
/// Every reciprocal variant gives the same numbers.
///
/// # Panics
/// If one of its checks fails.
pub fn reciprocal_variants() {
    let nums: Array1<i64> = Array::from_iter(1..1_000_001);
    let slice = nums.as_slice().expect("a new array is contiguous");
    let boxed: Vec<Box<i64>> = slice.iter().copied().map(Box::new).collect();

    let fast = reciprocals(nums.view());
    let mut reused = Array1::zeros(nums.len());
    reciprocals_into(nums.view(), reused.view_mut());
    let map = reciprocals_thp_map(slice).expect("the kernel maps memory");

    let same = |v: &[f64]| fast.as_slice() == Some(v);
    assert!(same(&reciprocals_push_loop(slice)));
    assert!(same(&reciprocals_map_collect(slice)));
    assert!(same(bytemuck::cast_slice(&map[..])));
    assert!(reciprocals_boxed(&boxed)
        .iter()
        .zip(&fast)
        .all(|(b, f)| **b == *f));
    assert_eq!(fast, reused);
    assert_eq!(fast, reciprocals_par(nums.view()));
    println!("{} reciprocals, all variants equal", fast.len());
    println!("first five: {}", fast.slice(s![..5]));
}
// ANCHOR_END: reciprocal_variants

// ANCHOR: creation_variants
/// The creation variants agree, and only a move is free.
///
/// # Panics
/// If one of its checks fails.
pub fn creation_variants() {
    let end = 10_000_000;
    let nums_list = list_range(end);
    let buffer = nums_list.as_ptr();

    let copied = array_from_slice(&nums_list);
    let moved = array_from_vec(nums_list); // nums_list is gone now
    assert_eq!(moved.as_ptr(), buffer); // same buffer: nothing was copied
    assert_ne!(copied.as_ptr(), buffer);

    assert_eq!(copied, moved);
    assert_eq!(array_from_iter(end), moved);
    assert_eq!(array_range_f64(end), moved.mapv(|x| x as f64));
    println!(
        "{} elements, from {} to {}",
        moved.len(),
        moved[0],
        moved[moved.len() - 1]
    );
}
// ANCHOR_END: creation_variants

// ANCHOR: distance_variants
/// The distance variants agree with each other and with the tutorial's
/// output.
///
/// # Panics
/// If one of its checks fails.
pub fn distance_variants() {
    let n = 1_000_000;
    let np_point = Array1::<f64>::ones(2);
    let np_other_points = tutorial_points(n);
    let other_points = tutorial_points_nested(n);
    let (p, points) = (np_point.view(), np_other_points.view());

    let fast = distances_to(p, points);
    assert_eq!(fast.to_vec(), distances_nested(&[1.0, 1.0], &other_points));
    assert_eq!(fast, distances_broadcast_literal(p, points));
    assert_eq!(fast, distances_broadcast_in_place(p, points));
    assert_eq!(fast, distances_to_par(p, points));
    println!("strides of the points: {:?}", points.strides());
    // Two rows of five, so that the line fits the page.
    let first_ten = fast.slice(s![..10]);
    let rows = first_ten.to_shape((2, 5)).expect("10 = 2 × 5");
    println!("dists[:10] =\n{rows:.8}");
}
// ANCHOR_END: distance_variants

// ANCHOR: temporaries
/// Counts the allocations of each distance variant for a million points
/// under the `cargo run` program's counting allocator (`measure`), and
/// checks the counts the chapter states.
///
/// # Panics
/// If `measure` counts other than 4, 2 and 1 allocations.
pub fn temporaries_report(
    measure: impl Fn(&mut dyn FnMut()) -> HeapUse,
) -> String {
    let point = Array1::<f64>::ones(2);
    let points = tutorial_points(1_000_000);
    let (p, pts) = (point.view(), points.view());
    let rows = [
        (
            "distances_broadcast_literal",
            measure(&mut || {
                drop(std::hint::black_box(distances_broadcast_literal(p, pts)))
            }),
        ),
        (
            "distances_broadcast_in_place",
            measure(&mut || {
                drop(std::hint::black_box(distances_broadcast_in_place(p, pts)))
            }),
        ),
        (
            "distances_to",
            measure(&mut || drop(std::hint::black_box(distances_to(p, pts)))),
        ),
    ];
    let counts: Vec<u64> = rows.iter().map(|(_, h)| h.allocations).collect();
    assert_eq!(counts, [4, 2, 1]); // what the chapter says
    let mut out = format!(
        "{:<30} {:>11} {:>11}\n",
        "1,000,000 points", "allocations", "peak MB"
    );
    for (name, heap) in rows {
        let mb = heap.peak_bytes as f64 / 1e6;
        out += &format!("{name:<30} {:>11} {mb:>11.1}\n", heap.allocations);
    }
    out
}
// ANCHOR_END: temporaries

// ANCHOR: exercise_squares
/// Exercise: the squares of an array with `mapv`, checked against a loop.
///
/// # Panics
/// If one of its checks fails.
pub fn exercise_squares() {
    let nums = Array::from_iter(1i64..=5);
    let squares = nums.mapv(|x| x * x);
    let mut expected = Vec::new();
    for &x in &nums {
        expected.push(x * x);
    }
    println!("{squares}");
    assert_eq!(squares.to_vec(), expected);
}
// ANCHOR_END: exercise_squares

// ANCHOR: exercise_mean_distance
/// Exercise: the mean distance from `(x, y)` to the rows of `points`, one
/// row at a time, without any new array. No points give NaN, as NumPy's mean
/// of an empty array does.
///
/// # Panics
/// If the rows of `points` do not have two coordinates, like the point.
pub fn mean_distance_from((x, y): (f64, f64), points: ArrayView2<f64>) -> f64 {
    let n = points.ncols(); // a third coordinate would be ignored silently
    assert_eq!(n, 2, "mean_distance_from: points need 2 coordinates, not {n}");
    let total: f64 = points
        .rows()
        .into_iter()
        .map(|p| ((p[0] - x).powi(2) + (p[1] - y).powi(2)).sqrt())
        .sum();
    total / points.nrows() as f64
}

/// Exercise: the mean distance from (1, 1) to the tutorial's points,
/// checked against the mean of [`distances_to`]'s array.
///
/// # Panics
/// If one of its checks fails.
pub fn exercise_mean_distance() {
    let points = tutorial_points(1000);
    let mean = mean_distance_from((1.0, 1.0), points.view());
    println!("{mean:.6}");
    let check = distances_to(array![1.0, 1.0].view(), points.view()).mean();
    assert!((mean - check.unwrap_or(f64::NAN)).abs() < 1e-9);
}
// ANCHOR_END: exercise_mean_distance

#[cfg(test)]
mod tests {
    use super::*;

    /// 40 MiB on 64 KiB base pages takes 640 faults, under a quarter of the 10,240 it
    /// takes on 4 KiB pages: the check must count the machine's own pages.
    #[test]
    fn huge_pages_are_judged_against_the_base_page_size() {
        let bytes = HUGE_PAGE_PROBE_BYTES;
        assert!(!mostly_huge_pages(640.0, bytes, 64 << 10));
        assert!(mostly_huge_pages(640.0, bytes, 4 << 10));
        assert!(!mostly_huge_pages(10_240.0, bytes, 4 << 10));
        assert!(mostly_huge_pages(20.0, bytes, 4 << 10)); // 2 MiB pages
        // Fewer than a quarter of the 10,240: 2,559 faults, not 2,560.
        assert!(mostly_huge_pages(2_559.0, bytes, 4 << 10));
        assert!(!mostly_huge_pages(2_560.0, bytes, 4 << 10));
        if cfg!(all(target_os = "linux", target_arch = "x86_64")) {
            assert_eq!(base_page_bytes(), 4096);
        }
    }

    #[test]
    fn the_not_available_report_names_every_measured_variant() {
        let keys = |report: &str| -> Vec<String> {
            report
                .lines()
                .map(|l| l.rsplit_once(": ").expect("key: value").0.to_owned())
                .collect()
        };
        let measured = page_fault_report(PageFaultSide::RustHugePages);
        let missing = page_fault_report_not_available(PageFaultSide::RustHugePages);
        assert_eq!(keys(&measured), keys(&missing));
        assert!(missing.lines().all(|l| l.ends_with(": not available")));
    }

    #[test]
    fn the_huge_page_probe_sees_4_kib_pages_without_the_tunable() {
        // A test process runs without GLIBC_TUNABLES or FastAlloc: glibc's malloc asks for
        // no huge pages, so where the kernel gives them only when asked ("madvise" or
        // "never"), the probe must report 4 KiB pages, and the check must not end the test.
        let setting =
            std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled");
        let asked_only = setting.is_ok_and(|s| !s.contains("[always]"));
        if cfg!(target_os = "linux") && asked_only {
            assert_eq!(allocator_gets_huge_pages(), Some(false));
        }
        assert!(std::env::var_os(EXPECT_HUGE_PAGES).is_none());
        exit_unless_huge_pages_as_expected(); // returns: the variable is not set
        assert_eq!(HUGE_PAGE_PROBE_BYTES, 40 << 20);
        // bench.sh tells this exit from a failure by these words.
        let bench_sh = include_str!("../../../bench.sh");
        assert!(bench_sh.contains(&format!("grep -q \"{NO_HUGE_PAGES_MESSAGE}\"")));
    }

    /// The sizes the chapter states in words come from the constants the
    /// code measures with, like chapter 3's "64 MB" of differences.
    #[test]
    fn the_prose_gives_the_sizes_the_code_uses() {
        use crate::allocation::{HUGE_PAGE_ADVICE_BYTES, PROBE_BYTES};
        // 9999999 as the prose writes it: "9,999,999".
        let thousands = |n: usize| crate::results::format_size(n as u64);
        let megabytes = |values: usize| {
            format!("{:.0} MB", (values * size_of::<f64>()) as f64 / 1e6)
        };
        let nums = (TUTORIAL_END - 1) as usize; // range(1, 10000000)
        let points = TUTORIAL_END as usize; // np.arange(0.0, 10000000.0)
        let said = [
            format!("on the tutorial's {} numbers", thousands(nums)),
            format!("The output of `reciprocals` is {}", megabytes(nums)),
            format!(
                "is a ({} × 2) array of differences ({})",
                thousands(points),
                megabytes(2 * points)
            ),
            format!("`np.sum(..., axis=1)` an {} vector", megabytes(points)),
            format!("writes a fresh {} MiB array", HUGE_PAGE_PROBE_BYTES >> 20),
            format!(
                "a {}-element result is {} bytes",
                thousands(SMALL),
                thousands(SMALL * size_of::<f64>())
            ),
            format!(
                "for arrays of {}&nbsp;MiB or more",
                HUGE_PAGE_ADVICE_BYTES >> 20
            ),
        ];
        let chapter = crate::chapter::page_text("ch02-speed.md");
        for said in said {
            assert!(chapter.contains(&said), "src/ch02-speed.md: {said:?}");
        }
        assert_eq!(PROBE_BYTES, 1 << 30); // "a gibibyte or more"
        assert!(chapter.contains("tries a request of a gibibyte or more"));
        let life = crate::chapter::page_text("ch08-life.md");
        assert!(life.contains("for temporaries of a gibibyte or more together"));
    }

    #[test]
    fn distances_match_numpy_values() {
        // The exact roots; NumPy's printed distances are compared with the
        // sample's by tests/numpy_agreement/ch02.rs (the_first_distances).
        let d =
            distances_to(array![1.0, 1.0].view(), tutorial_points(4).view());
        let expected = [1.0, 1.0, 5f64.sqrt(), 13f64.sqrt()];
        for (got, want) in d.iter().zip(expected) {
            assert!((got - want).abs() < 1e-15, "{got} vs {want}");
        }
    }

    #[test]
    fn distances_work_for_non_contiguous_and_3d_points() {
        let points = array![[0.0, 0.0, 0.0], [1.0, 2.0, 2.0]];
        let d = distances_to(array![0.0, 0.0, 0.0].view(), points.view());
        assert_eq!(d, array![0.0, 3.0]);
        // A transposed (column-major) view takes the general path and agrees.
        let columns = tutorial_points(5)
            .reversed_axes()
            .as_standard_layout()
            .into_owned();
        let view = columns.t();
        assert!(view.as_slice().is_none());
        assert_eq!(
            distances_to(array![1.0, 1.0].view(), view),
            distances_to(array![1.0, 1.0].view(), tutorial_points(5).view())
        );
        // No points, or points with no coordinates.
        let none = Array2::<f64>::zeros((0, 2));
        assert_eq!(distances_to(array![1.0, 1.0].view(), none.view()).len(), 0);
        let empty = Array2::<f64>::zeros((3, 0));
        let zero = Array1::<f64>::zeros(0);
        assert_eq!(distances_to(zero.view(), empty.view()), array![0., 0., 0.]);
    }

    #[test]
    fn the_fast_path_is_the_general_path_bit_for_bit() {
        let points = tutorial_points(1000).mapv(|x| (x * 0.37).sin() * 1e3);
        let point = array![0.3, -7.25];
        let fast = distances_to(point.view(), points.view());
        let reversed = points.slice(s![..;-1, ..]);
        let general = distances_to(point.view(), reversed);
        assert!(reversed.as_slice().is_none());
        let mut back = general.to_vec();
        back.reverse();
        assert_eq!(fast.to_vec(), back);
        assert_eq!(
            fast,
            distances_broadcast_literal(point.view(), points.view())
        );
    }

    #[test]
    #[should_panic(
        expected = "the point has 3 coordinates but the points have 2"
    )]
    fn mismatched_dimensions_are_a_clear_error() {
        distances_to(array![0.0, 0.0, 0.0].view(), tutorial_points(3).view());
    }

    /// The Panics section of `distances_to` (and `distances_to_par`): 2^40
    /// points without coordinates hold no number, but their 2^40 distances
    /// need 8 TiB, which no allocator grants (NumPy: `MemoryError`).
    #[test]
    #[should_panic(expected = "distances_to: cannot allocate 1099511627776")]
    fn more_distances_than_memory_holds_panic_with_a_message() {
        let none = Array2::<f64>::zeros((1 << 40, 0));
        distances_to(Array1::zeros(0).view(), none.view());
    }

    #[test]
    #[should_panic(expected = "distances_to_par: cannot allocate 1099511627776")]
    fn more_distances_than_memory_holds_panic_on_all_cores_too() {
        let none = Array2::<f64>::zeros((1 << 40, 0));
        distances_to_par(Array1::zeros(0).view(), none.view());
    }

    #[test]
    #[should_panic(expected = "distances_broadcast_literal: the point has 1")]
    fn the_literal_translation_does_not_broadcast_a_one_coordinate_point() {
        distances_broadcast_literal(
            array![2.0].view(),
            tutorial_points(2).view(),
        );
    }

    #[test]
    #[should_panic(expected = "every point must have 2 coordinates")]
    fn nested_points_with_three_coordinates_are_refused() {
        distances_nested(&[1.0, 2.0], &[vec![1.0, 2.0, 4.0]]);
    }

    #[test]
    #[should_panic(expected = "the point must have 2 coordinates")]
    fn a_nested_point_with_one_coordinate_is_refused() {
        distances_nested(&[1.0], &[vec![1.0, 2.0]]);
    }

    #[test]
    fn array_range_f64_is_empty_below_two_like_numpy() {
        for end in [i64::MIN, -5, 0, 1] {
            assert_eq!(array_range_f64(end).len(), 0, "{end}");
        }
        assert_eq!(array_range_f64(2), array![1.0]);
        assert_eq!(array_range_f64(4), array![1.0, 2.0, 3.0]);
        assert_eq!(array_from_iter(0).len(), 0);
        assert_eq!(list_range(-3), Vec::<i64>::new());
    }

    #[test]
    fn the_floors_do_what_they_say() {
        let nums = array![3, -1, 7];
        let mut out = Array1::zeros(3);
        reused_buffer_floor(nums.view(), out.view_mut());
        assert_eq!(out, nums);
        assert_eq!(new_array_floor(4), array![1.0, 1.0, 1.0, 1.0]);
        assert_eq!(copy_floor(nums.view()), nums);
    }

    #[test]
    #[should_panic(expected = "the output must be as long as the input")]
    fn reused_buffer_floor_refuses_a_short_buffer() {
        let mut out = Array1::zeros(1);
        reused_buffer_floor(array![1, 2].view(), out.view_mut());
    }

    #[test]
    fn the_thp_map_holds_the_reciprocals() {
        let nums = [1, 2, 4, -8, 0];
        let map = reciprocals_thp_map(&nums).expect("a map");
        let values: &[f64] = bytemuck::cast_slice(&map[..]);
        assert_eq!(values, [1.0, 0.5, 0.25, -0.125, f64::INFINITY]);
        let empty = reciprocals_thp_map(&[]).expect("an empty map");
        assert!(empty.is_empty());
    }

    #[test]
    fn page_faults_are_counted_on_linux() {
        if cfg!(target_os = "linux") {
            let faults = page_faults_of(|| {
                let v = std::hint::black_box(vec![1u8; 64 << 20]);
                drop(v);
            });
            // 64 MiB of fresh memory is at least 32 huge pages or 16384 small ones.
            assert!(faults.is_some_and(|n| n >= 32), "{faults:?}");
        }
    }

    #[test]
    fn page_fault_keys_name_the_side_and_the_variant() {
        assert_eq!(
            page_fault_key("rust+fastalloc", "reciprocals"),
            "page faults per call, rust+fastalloc, reciprocals"
        );
        assert_eq!(
            PageFaultSide::RustHugePages.key("small"),
            "page faults per call, rust+thp, small"
        );
        let names: Vec<&str> =
            PageFaultSide::ALL.iter().map(|s| s.name()).collect();
        assert_eq!(
            names,
            ["rust", "rust+thp", "rust+fastalloc", "python", "python+no-thp"]
        );
        for side in PageFaultSide::ALL {
            assert_eq!(PageFaultSide::from_name(side.name()), Some(side));
        }
        assert_eq!(PageFaultSide::from_name("rust+blas"), None);
    }

    /// `python/bench.py --page-faults` writes NumPy's keys itself (the tests
    /// never run Python): its format string and side names must be those of
    /// [`PageFaultSide::key`], or chapter 2's table shows "–" without a word.
    #[test]
    fn python_bench_writes_the_page_fault_keys_the_table_reads() {
        let source = include_str!("../../../python/bench.py");
        let key = PageFaultSide::Python.key("reciprocals");
        let format =
            key.replace(PageFaultSide::Python.name(), "{side}") + ": {after - before}";
        assert_eq!(format, "page faults per call, {side}, reciprocals: {after - before}");
        assert!(
            source.contains(&format!("lines.append(f\"{format}\")")),
            "python/bench.py no longer writes {format:?}"
        );
        let sides = format!(
            "for side, hugepages in ((\"{}\", True), (\"{}\", False)):",
            PageFaultSide::Python.name(),
            PageFaultSide::PythonNoHugePages.name()
        );
        assert!(
            source.contains(&sides),
            "python/bench.py no longer loops over {sides:?}"
        );
    }

    /// The exercise's function takes a 2-D point: rows with another number of coordinates
    /// are refused, as `distances_to` refuses them (NumPy's broadcast refuses them too),
    /// where it once ignored a third coordinate and gave the mean of wrong distances.
    #[test]
    #[should_panic(
        expected = "mean_distance_from: points need 2 coordinates, not 3"
    )]
    fn the_mean_distance_refuses_points_of_three_coordinates() {
        let points = array![[1.0, 1.0, 5.0], [4.0, 5.0, 0.0]];
        mean_distance_from((1.0, 1.0), points.view());
    }

    #[test]
    #[should_panic(
        expected = "mean_distance_from: points need 2 coordinates, not 1"
    )]
    fn the_mean_distance_refuses_points_of_one_coordinate() {
        mean_distance_from((1.0, 1.0), array![[1.0], [4.0]].view());
    }

    /// A broadcast view can describe more elements than any array can hold: past
    /// `isize::MAX` bytes of result, no allocator is asked, and Rust panics with "capacity
    /// overflow" (the docs of `reciprocals`, `reciprocals_par` and `copy_floor` say so)
    /// instead of aborting, in debug and release builds alike.
    #[test]
    fn functions_of_a_view_past_isize_max_bytes_panic() {
        type OfAView = fn(ArrayView1<'_, i64>);
        let one = array![1_i64];
        let huge = one.broadcast(1_usize << 62).expect("a broadcast view");
        let functions: [(&str, OfAView); 3] = [
            ("reciprocals", |v| drop(std::hint::black_box(reciprocals(v)))),
            ("reciprocals_par", |v| drop(std::hint::black_box(reciprocals_par(v)))),
            ("copy_floor", |v| drop(std::hint::black_box(copy_floor(v)))),
        ];
        for (name, function) in functions {
            let panic = std::panic::catch_unwind(|| function(huge)).expect_err(name);
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or_default();
            assert!(message.contains("capacity overflow"), "{name}: {message}");
        }
    }

    /// The page compares `reciprocals` with `reciprocals_into` as "the same division
    /// written into a reused buffer (`reciprocals_into`, a `Zip` loop where `reciprocals`
    /// uses `mapv`)": the loops differ, and the page must say how. It once called them "the
    /// same loop" and the difference "what a new array costs", which the committed timings
    /// contradict (with FastAlloc, `reciprocals` beats `reciprocals_into`). "What
    /// separates them is the new array, and the loop that fills it": both divide
    /// alike, and only `reciprocals` returns a new array (`reciprocals_into`
    /// returns nothing and writes into `out`).
    #[test]
    fn the_page_names_the_loops_it_compares() {
        let source = include_str!("mod.rs");
        let body = |anchor: &str| -> &str {
            let start = format!("// ANCHOR: {anchor}\n");
            let at = source.find(&start).expect("the anchor") + start.len();
            let end = source[at..].find("// ANCHOR_END").expect("its end");
            &source[at..at + end]
        };
        assert!(body("reciprocals").contains("nums.mapv("));
        assert!(body("reciprocals_into").contains("Zip::from(&mut out)"));
        let division = "1.0 / num as f64";
        for anchor in ["reciprocals", "reciprocals_into"] {
            let divisions = body(anchor).matches(division).count();
            assert_eq!(divisions, 1, "{anchor}: {division}");
        }
        assert!(body("reciprocals").contains(") -> Array1<f64> {"));
        assert!(body("reciprocals_into").contains("mut out: ArrayViewMut1<f64>) {"));
        let page = crate::chapter::page_text("ch02-speed.md");
        assert!(page.contains(
            "the same division written into a reused buffer (`reciprocals_into`, a `Zip` \
             loop where `reciprocals` uses `mapv`): what separates them is the new array, \
             and the loop that fills it"
        ));
    }

    #[test]
    fn reciprocals_of_small_numbers() {
        assert_eq!(
            reciprocals(array![1, 2, 4, -8].view()),
            array![1.0, 0.5, 0.25, -0.125]
        );
        // 1 / 0 is infinity for floats, as in NumPy (which also warns).
        assert_eq!(reciprocals(array![0].view())[0], f64::INFINITY);
    }

    /// NumPy 2.4.6 computes `np.arange`'s length in `float64` and lets 2^63
    /// through its overflow check (`_arange_safe_ceil_to_intp` compares with
    /// `(double)NPY_MAX_INTP`, which is 2^63), so `np.arange(1, end)` returns
    /// `[]` from `end = 2**63 - 511` up and `np.arange(1., end)` from
    /// `2**63 - 512` (both run: the end below each still raises "array is
    /// too big"). The functions panic there too, and their docs say where
    /// NumPy's answer starts to differ (they did not).
    #[test]
    fn where_numpy_returns_an_empty_arange_the_docs_say_so() {
        let numpy_len_is_2_63 = |end: i64, float_start: bool| {
            let len = if float_start {
                end as f64 - 1.0
            } else {
                (end - 1) as f64
            };
            len.ceil() >= 2f64.powi(63)
        };
        let first = |float_start| {
            (i64::MAX - 2000..=i64::MAX)
                .find(|&end| numpy_len_is_2_63(end, float_start))
                .expect("an end near 2^63")
        };
        let (ints, floats) = (first(false), first(true));
        assert_eq!((i64::MAX - ints, i64::MAX - floats), (510, 511));
        for end in [ints - 1, ints, i64::MAX] {
            let from_iter = std::panic::catch_unwind(|| array_from_iter(end));
            let message = from_iter.expect_err("too big").downcast::<String>();
            assert!(message.expect("a message").contains("too big for memory"));
        }
        for end in [floats - 1, floats, i64::MAX] {
            assert!(std::panic::catch_unwind(|| array_range_f64(end)).is_err());
        }
        let doc = crate::chapter::doc_text(include_str!("mod.rs"));
        for said in [
            "Also from `end = 2**63 - 511` up, where NumPy 2.4.6's `np.arange(1, \
             end)` wrongly returns an empty array",
            "(NumPy's empty array starts at `end = 2**63 - 512` here)",
        ] {
            assert!(doc.contains(said), "the docs: {said}");
        }
    }
}
