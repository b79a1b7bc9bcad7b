//! The one-line allocator switch of chapter 2 compiles, runs, and stops a
//! repeated large array from paying page faults. This binary installs
//! `FastAlloc` as its global allocator, so it must never also link the
//! counting allocator (`allocation-counter`), which installs its own.
//!
//! Keep it the only test in this file: the page-fault counter counts the
//! whole process, and tests running in parallel threads would add theirs.

#[global_allocator]
static GLOBAL: chapters_code::speed::FastAlloc =
    chapters_code::speed::FastAlloc;

use chapters_code::speed::{page_faults_of, reciprocals, tutorial_nums, SMALL};
use ndarray::Array;

/// The most page faults the second call may take: chapter 2 states it ("asserts
/// that the second call takes fewer than 1,000 page faults"), checked below.
const FAULT_LIMIT: u64 = 1_000;

#[test]
fn fast_alloc_serves_arrays_and_reuses_memory_for_repeated_large_ones() {
    let nums = tutorial_nums();
    let first = reciprocals(nums.view());
    assert_eq!((first[0], first[1], first[3]), (1.0, 0.5, 0.25));
    assert_eq!(first.len(), 9_999_999);
    drop(first);
    let again = page_faults_of(|| {
        drop(std::hint::black_box(reciprocals(nums.view())));
    });
    if cfg!(target_os = "linux") {
        // 80 MB fresh from the kernel costs about 19,500 faults in 4 KiB
        // pages; mimalloc reuses the memory the first call freed.
        assert!(again.is_some_and(|n| n < FAULT_LIMIT), "{again:?}");
    }
    // Read after the measurement, which counts the whole process's faults.
    let page = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../src/ch02-speed.md");
    let text = std::fs::read_to_string(&page).expect("src/ch02-speed.md");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let limit = chapters_code::results::format_size(FAULT_LIMIT);
    let said = format!(
        "computes the tutorial's reciprocals twice and asserts that the second \
         call takes fewer than {limit} page faults"
    );
    assert!(text.contains(&said), "src/ch02-speed.md: {said:?}");
    // Small arrays, many times, and a growing vector.
    let small = Array::from_iter(1..=SMALL as i64);
    for _ in 0..1_000 {
        assert_eq!(reciprocals(small.view())[1], 0.5);
    }
    let grown: Vec<u64> = (0..1_000_000).collect();
    assert_eq!(grown.iter().sum::<u64>(), 499_999_500_000);
}
