//! Chapter 2's page-fault measurements in a program that opts in to the
//! allocator the chapter recommends. `./bench.sh` runs it and stores what
//! it prints in the machine facts of `results/benchmarks.csv`:
//!
//! ```text
//! cargo run --release --example ch02_page_faults_fast_alloc
//! ```

// ANCHOR: opt_in
#[global_allocator]
static GLOBAL: chapters_code::speed::FastAlloc =
    chapters_code::speed::FastAlloc;
// ANCHOR_END: opt_in

use chapters_code::speed::{page_fault_report, PageFaultSide};

fn main() -> std::process::ExitCode {
    // It takes no arguments, as `ch02_page_faults` refuses those it does not
    // know: `--help` measured and printed the report.
    if std::env::args().len() > 1 {
        eprintln!("usage: ch02_page_faults_fast_alloc   (no arguments)");
        return std::process::ExitCode::from(2);
    }
    print!("{}", page_fault_report(PageFaultSide::RustFastAlloc));
    std::process::ExitCode::SUCCESS
}
