//! `advise_huge_pages`, and `fast_matmul` through it, ask the kernel for huge pages as NumPy
//! does: the advice shows in `/proc/self/smaps` as `hg` among a mapping's `VmFlags`. Whether
//! the kernel then grants huge pages depends on its settings and on its free memory at that
//! moment, so these tests check the advice, which is ours, not the grant. So does
//! `reciprocals_thp_map`, with memmap2's advice; and a benchmark that `./bench.sh` runs as
//! "huge pages" ends itself when it did not get them (`exit_unless_huge_pages_as_expected`).
//! On 4 KiB pages, the page faults the book counts are checked too: one per page of a fresh
//! result, whether `fast_matmul`'s or those of chapter 2's `page_fault_report`.
#![cfg(target_os = "linux")]

mod support;

use chapters_code::allocation::{advise_huge_pages, HUGE_PAGE_ADVICE_BYTES};
use chapters_code::products::{bench_matrices, fast_matmul};
use memmap2::MmapMut;

const PAGE: usize = 4096;

/// Whether this kernel has transparent huge pages at all (without them, `madvise` refuses
/// the advice and the flag never shows).
fn kernel_has_huge_pages() -> bool {
    let present =
        std::path::Path::new("/sys/kernel/mm/transparent_hugepage/enabled")
            .exists();
    if !present {
        eprintln!("skipped: this kernel has no transparent huge pages");
    }
    // kevy-madvise rounds to 4 KiB pages; where the base page is larger (16 or 64 KiB on
    // some ARM kernels) the kernel refuses the unaligned advice, which is ignored.
    let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap_or_default();
    let four_kib = smaps
        .lines()
        .find_map(|line| line.strip_prefix("KernelPageSize:"))
        .is_some_and(|size| size.trim() == "4 kB");
    if !four_kib {
        eprintln!("skipped: this kernel's pages are not 4 KiB");
    }
    present && four_kib
}

/// The `VmFlags` of the mapping that holds `address`, from `/proc/self/smaps`.
fn vm_flags_at(address: usize) -> Vec<String> {
    let smaps = std::fs::read_to_string("/proc/self/smaps")
        .expect("/proc/self/smaps is readable on Linux");
    let mut inside = false;
    for line in smaps.lines() {
        if let Some(flags) = line.strip_prefix("VmFlags:") {
            if inside {
                return flags.split_whitespace().map(String::from).collect();
            }
        } else if let Some((range, _)) = line.split_once(' ') {
            if let Some((start, end)) = range.split_once('-') {
                let bound = |hex| usize::from_str_radix(hex, 16);
                if let (Ok(start), Ok(end)) = (bound(start), bound(end)) {
                    inside = (start..end).contains(&address);
                }
            }
        }
    }
    panic!("no mapping holds {address:#x}");
}

/// Whether the mapping holding the first whole page of `values` is advised huge pages.
fn advised<T>(values: &[T]) -> bool {
    let first_page = (values.as_ptr() as usize).next_multiple_of(PAGE);
    vm_flags_at(first_page).iter().any(|flag| flag == "hg")
}

#[test]
fn advice_starts_at_numpys_threshold_of_4_mib() {
    assert_eq!(HUGE_PAGE_ADVICE_BYTES, 4 << 20);
    if !kernel_has_huge_pages() {
        return;
    }
    // Separate maps, each a mapping of its own: the advice of one cannot show in the other.
    let smaller =
        MmapMut::map_anon(HUGE_PAGE_ADVICE_BYTES - PAGE).expect("map");
    advise_huge_pages(&smaller[..]);
    assert!(!advised(&smaller[..]), "a slice under 4 MiB was advised");

    let large = MmapMut::map_anon(HUGE_PAGE_ADVICE_BYTES).expect("map");
    advise_huge_pages(&large[..]);
    assert!(advised(&large[..]), "a 4 MiB slice was not advised");
    assert!(
        large.iter().all(|&byte| byte == 0),
        "advice changed the values"
    );
}

#[test]
fn fast_matmul_advises_its_result() {
    let (a, b) = bench_matrices(768); // a 4.5 MiB result
    let product = fast_matmul(a.view(), b.view());
    assert_eq!(product, a.dot(&b)); // small integers: exact
    if kernel_has_huge_pages() {
        let values = product.as_slice().expect("a new array is contiguous");
        assert!(advised(values), "fast_matmul's result was not advised");
    }
}

/// `reciprocals_thp_map` maps its memory and advises huge pages before the first write, as
/// its documentation says (chapter 2's page-fault table counts what the advice saves).
#[test]
fn reciprocals_thp_map_advises_its_map() {
    if !kernel_has_huge_pages() {
        return;
    }
    let nums: Vec<i64> = (1..=1 << 19).collect(); // 4 MiB of results
    let map = chapters_code::speed::reciprocals_thp_map(&nums).expect("a map");
    assert!(
        advised(&map[..]),
        "reciprocals_thp_map's map was not advised"
    );
    let values: &[f64] = bytemuck::cast_slice(&map[..]);
    assert_eq!((values[0], values[1], values.len()), (1.0, 0.5, 1 << 19));
}

/// Set in the child processes that
/// [`a_process_expecting_huge_pages_without_them_exits`] starts: the test then only runs
/// the check, which ends the process or returns.
const CHILD: &str = "BOOK_HUGE_PAGES_CHECK_CHILD";

/// `exit_unless_huge_pages_as_expected` in a process that `./bench.sh` runs as "huge
/// pages" (`BOOK_EXPECT_HUGE_PAGES=1`) but that did not get them (no `GLIBC_TUNABLES`, a
/// kernel that gives huge pages only when asked): it ends the process with
/// `NO_HUGE_PAGES_EXIT_CODE` and the message `bench.sh` looks for, and with any other value
/// of the variable it returns.
#[test]
fn a_process_expecting_huge_pages_without_them_exits() {
    use chapters_code::speed::{
        exit_unless_huge_pages_as_expected, EXPECT_HUGE_PAGES,
        NO_HUGE_PAGES_EXIT_CODE, NO_HUGE_PAGES_MESSAGE,
    };
    if std::env::var_os(CHILD).is_some() {
        exit_unless_huge_pages_as_expected();
        return;
    }
    let setting =
        std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled");
    if !setting.is_ok_and(|s| !s.contains("[always]")) {
        eprintln!("skipped: this kernel may give huge pages unasked");
        return;
    }
    let run = |expect: &str| {
        support::rerun_in_child(
            "a_process_expecting_huge_pages_without_them_exits",
            &[(CHILD, "1"), (EXPECT_HUGE_PAGES, expect)],
            &["GLIBC_TUNABLES"],
        )
    };
    let expecting = run("1");
    let stderr = String::from_utf8_lossy(&expecting.stderr);
    assert_eq!(
        expecting.status.code(),
        Some(NO_HUGE_PAGES_EXIT_CODE),
        "{stderr}"
    );
    assert!(stderr.contains(NO_HUGE_PAGES_MESSAGE), "{stderr}");
    let not_expecting = run("0");
    assert!(not_expecting.status.success(), "{not_expecting:?}");
}

/// Set in the child process that
/// [`fast_matmul_writes_its_result_without_reading_it`] starts.
const FAULTS_CHILD: &str = "BOOK_MATMUL_FAULTS_CHILD";

/// `fast_matmul` has faer write its new array without reading it first (`Accum::Replace`):
/// reading fresh zeroed memory maps the shared page of zeros, and the first write then
/// faults again, so a product that read its result would take two page faults per 4 KiB page
/// instead of one (chapter 5 counts one). Measured on a 704 × 704 product (3.8 MiB, below
/// the 4 MiB of huge-page advice, so on 4 KiB pages), after a first product of the same
/// size has faulted in faer's code, in a child process of its own: page faults are counted
/// per process, and other tests would add theirs.
#[test]
fn fast_matmul_writes_its_result_without_reading_it() {
    const N: usize = 704;
    if std::env::var_os(FAULTS_CHILD).is_some() {
        let (a, b) = bench_matrices(N);
        drop(std::hint::black_box(fast_matmul(a.view(), b.view())));
        let faults = chapters_code::speed::page_faults_of(|| {
            drop(std::hint::black_box(fast_matmul(a.view(), b.view())));
        })
        .expect("Linux counts page faults");
        let pages = (N * N * size_of::<f64>()).div_ceil(PAGE) as u64;
        eprintln!("{faults} page faults for {pages} pages");
        assert!(
            faults < pages + pages / 2,
            "{faults} faults for {pages} pages"
        );
        return;
    }
    let output = support::rerun_in_child(
        "fast_matmul_writes_its_result_without_reading_it",
        &[(FAULTS_CHILD, "1")],
        &[],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    eprintln!("{stderr}");
}

/// `page_fault_report`'s counts per call, in a child process of their own (faults are
/// counted per process): where the kernel gives huge pages only when asked, a fresh
/// 80 MB result of `reciprocals` takes one fault per 4 KiB page (glibc maps it afresh each
/// time), writing into a reused buffer takes none, and a small result reuses the heap.
#[test]
fn the_page_fault_report_counts_per_call() {
    use chapters_code::speed::{
        page_fault_report, PageFaultSide, TUTORIAL_END,
    };
    let name = "the_page_fault_report_counts_per_call";
    if std::env::var_os(FAULTS_CHILD).is_some() {
        let report = page_fault_report(PageFaultSide::Rust);
        eprintln!("{report}");
        let per_call = |variant: &str| -> f64 {
            let key = PageFaultSide::Rust.key(variant);
            report
                .lines()
                .find_map(|line| line.strip_prefix(&format!("{key}: ")))
                .and_then(|value| value.parse().ok())
                .unwrap_or_else(|| panic!("no count for {variant} in {report}"))
        };
        let bytes = (TUTORIAL_END as usize - 1) * size_of::<f64>();
        let pages = bytes.div_ceil(PAGE) as f64;
        let fresh = per_call("reciprocals");
        assert!(
            (0.9 * pages..=1.1 * pages).contains(&fresh),
            "{fresh} faults per call for {pages} pages"
        );
        assert!(per_call("into_reused_buffer") < 1.0, "{report}");
        assert!(per_call("small") < 1.0, "{report}");
        return;
    }
    let setting =
        std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled");
    if !setting.is_ok_and(|s| !s.contains("[always]"))
        || !kernel_has_huge_pages()
    {
        eprintln!("skipped: huge pages unasked, or pages other than 4 KiB");
        return;
    }
    let output = support::rerun_in_child(
        name,
        &[(FAULTS_CHILD, "1")],
        &["GLIBC_TUNABLES"],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
}
