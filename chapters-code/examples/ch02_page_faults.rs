//! Chapter 2's page-fault measurements with the system allocator (glibc's
//! `malloc` on Linux). `./bench.sh` runs it twice, as configured and with
//! `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, and stores what it prints in
//! the machine facts of `results/benchmarks.csv`:
//!
//! ```text
//! cargo run --release --example ch02_page_faults -- rust
//! GLIBC_TUNABLES=glibc.malloc.hugetlb=1 BOOK_EXPECT_HUGE_PAGES=1 \
//!     cargo run --release --example ch02_page_faults -- rust+thp
//! ```
//!
//! With `BOOK_EXPECT_HUGE_PAGES=1` it exits with code 75, printing nothing
//! on standard output, when glibc did not get huge pages (with glibc 2.36 the tunable works in
//! some processes only); `./bench.sh` then runs it again. When no process
//! gets them, `./bench.sh` runs it with `rust+thp --not-available`, which
//! prints each key as `not available`.

use chapters_code::speed::{
    exit_unless_huge_pages_as_expected, page_fault_report,
    page_fault_report_not_available, PageFaultSide,
};

/// The configurations this program measures: the system allocator as configured, which
/// `./bench.sh` runs with and without glibc's huge-page tunable. FastAlloc has its own
/// example (the allocator is chosen at compile time), and NumPy is `python/bench.py`'s.
const SIDES: [PageFaultSide; 2] =
    [PageFaultSide::Rust, PageFaultSide::RustHugePages];

fn main() -> std::process::ExitCode {
    // In `./bench.sh`'s "huge pages" run: stop unless glibc got them.
    exit_unless_huge_pages_as_expected();
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--not-available`: the run could not measure this side.
    let (name, not_available) = match args.as_slice() {
        [] => (PageFaultSide::Rust.name(), false),
        [side] => (side.as_str(), false),
        [side, flag] if flag == "--not-available" => (side.as_str(), true),
        _ => {
            eprintln!(
                "usage: ch02_page_faults [rust | rust+thp] [--not-available]"
            );
            return std::process::ExitCode::from(2);
        }
    };
    // Any other side would be recorded under a key that no table reads, or would
    // claim an allocator this program does not use: refuse it.
    match PageFaultSide::from_name(name).filter(|side| SIDES.contains(side)) {
        Some(side) => {
            if not_available {
                print!("{}", page_fault_report_not_available(side));
            } else {
                print!("{}", page_fault_report(side));
            }
            std::process::ExitCode::SUCCESS
        }
        None => {
            let known: Vec<&str> = SIDES.iter().map(|s| s.name()).collect();
            eprintln!(
                "error: side {name:?}: this program measures {} (rust+fastalloc: the example ch02_page_faults_fast_alloc)",
                known.join(" or ")
            );
            std::process::ExitCode::from(2)
        }
    }
}
