//! Chapter 2's page-fault measurements with the system allocator (glibc's
//! `malloc` on Linux). `./bench.sh` runs it twice, as configured and with
//! `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, and stores what it prints in
//! the machine facts of `results/benchmarks.csv`:
//!
//! ```text
//! cargo run --release --example ch02_page_faults -- rust
//! GLIBC_TUNABLES=glibc.malloc.hugetlb=1 \
//!     cargo run --release --example ch02_page_faults -- rust+thp
//! ```

fn main() {
    let side = std::env::args().nth(1).unwrap_or_else(|| "rust".into());
    print!("{}", chapters_code::speed::page_fault_report(&side));
}
