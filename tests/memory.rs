//! The heap measurements the chapters state (chapters 1, 2, 3, 5, 6 and 8), made with a
//! counting allocator in a test binary of their own (a global allocator applies to a whole
//! program). The heap table chapter 1 prints is checked with the other generated files, by
//! `tests/generated.rs`.

#[path = "../chapters-code/src/counting_allocator.rs"]
mod counting_allocator;

use chapters_code::memory::HeapUse;
use counting_allocator::measure;

#[test]
fn contiguous_data_is_one_allocation_of_exactly_n_times_8_bytes() {
    let n = 1_000_000i64;
    let vec = measure(&mut || {
        drop(std::hint::black_box((0..n).collect::<Vec<i64>>()))
    });
    assert_eq!(
        vec,
        HeapUse {
            allocations: 1,
            peak_bytes: 8_000_000
        }
    );
    let array = measure(&mut || {
        drop(std::hint::black_box(ndarray::Array::from_iter(0..n)))
    });
    assert_eq!(
        array,
        HeapUse {
            allocations: 1,
            peak_bytes: 8_000_000
        }
    );
}

#[test]
fn boxed_list_makes_one_allocation_per_element_plus_the_pointer_array() {
    let n = 1_000_000i64;
    let boxed = measure(&mut || {
        drop(std::hint::black_box(
            (0..n).map(Box::new).collect::<Vec<_>>(),
        ));
    });
    assert_eq!(boxed.allocations, 1_000_001);
    assert_eq!(boxed.peak_bytes, 16_000_000);
}

// ANCHOR: broadcast_allocates_nothing
#[test]
fn broadcast_allocates_nothing() {
    let v = ndarray::array![0.0, 1.0, 2.0];
    let used = measure(&mut || {
        let stretched =
            v.broadcast((1_000_000, 3)).expect("(3,) fits (1000000, 3)");
        assert_eq!(stretched.len(), 3_000_000);
        std::hint::black_box(stretched);
    });
    assert_eq!(
        used,
        HeapUse {
            allocations: 0,
            peak_bytes: 0
        }
    );
}
// ANCHOR_END: broadcast_allocates_nothing

/// Runs `chapters-code heap LAYOUT` in a fresh process and reads its line.
fn heap_in_fresh_process(
    layout: chapters_code::memory::HeapLayout,
) -> chapters_code::memory::HeapRecord {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_chapters-code"))
        .args(["heap", layout.key()])
        .output()
        .expect("the chapters-code program runs");
    assert!(run.status.success(), "{run:?}");
    let line = String::from_utf8_lossy(&run.stdout);
    chapters_code::memory::HeapRecord::parse(&line).expect("one record")
}

#[test]
fn a_box_requests_8_bytes_but_occupies_a_32_byte_block() {
    use chapters_code::memory::{whole_bytes_per_element, HeapLayout};
    let boxed = heap_in_fresh_process(HeapLayout::Boxed);
    assert_eq!(boxed.requested.allocations, 1_000_001);
    assert_eq!(boxed.requested.peak_bytes, 16_000_000);
    let strings = heap_in_fresh_process(HeapLayout::Strings);
    assert_eq!(strings.requested.peak_bytes, 43_000_000); // 24 + 19
    let contiguous = heap_in_fresh_process(HeapLayout::Collected);
    let resident = [&boxed, &strings, &contiguous]
        .map(|r| whole_bytes_per_element(r.resident));
    if cfg!(all(
        target_os = "linux",
        target_env = "gnu",
        target_arch = "x86_64"
    )) {
        // 8 bytes of pointer (24 of String) + one 32-byte block; 8 bytes.
        assert_eq!(resident, [40, 56, 8]);
    } else {
        assert!(resident[0] >= 16 && resident[1] >= 43 && resident[2] >= 8);
    }
}

/// Chapter 1 says of its heap table that this file "asserts each of these numbers": every
/// row in a fresh process, as the table measures it. The requests (allocations, most bytes
/// held) on every platform; what is occupied (resident, peak, in whole bytes per element) on
/// the platform the committed table names, glibc's malloc on x86-64 Linux. Before, the
/// `Array1<[u8; 6]>` row, `from_iter`'s occupied bytes, the strings' allocation count and
/// every peak but one were asserted nowhere.
#[test]
fn every_cell_of_the_heap_table_is_asserted() {
    use chapters_code::memory::{whole_bytes_per_element, HeapLayout};
    let mib = 1 << 20;
    // (layout, allocations, requested bytes, resident and peak bytes per element)
    let table = [
        (HeapLayout::Collected, 1, 8_000_000, 8, 8),
        (HeapLayout::FromIter, 1, 8_000_000, 8, 8),
        (HeapLayout::Pushed, 19, 12 * mib, 8, 8),
        (HeapLayout::Boxed, 1_000_001, 16_000_000, 40, 40),
        (HeapLayout::Strings, 1_000_001, 43_000_000, 56, 56),
        (HeapLayout::FixedBytes, 1, 6_000_000, 6, 6),
    ];
    assert_eq!(table.map(|row| row.0), HeapLayout::ALL);
    let glibc_x86_64 = cfg!(all(
        target_os = "linux",
        target_env = "gnu",
        target_arch = "x86_64"
    ));
    for (layout, allocations, requested, resident, peak) in table {
        let record = heap_in_fresh_process(layout);
        let label = layout.label();
        assert_eq!(record.requested.allocations, allocations, "{label}");
        assert_eq!(record.requested.peak_bytes, requested, "{label}");
        if glibc_x86_64 {
            let occupied = [record.resident, record.resident_peak]
                .map(whole_bytes_per_element);
            assert_eq!(occupied, [resident, peak], "{label}");
        }
    }
}

#[test]
fn growing_by_push_peaks_only_under_the_counting_allocator() {
    use chapters_code::memory::{whole_bytes_per_element, HeapLayout};
    let pushed = heap_in_fresh_process(HeapLayout::Pushed);
    // 18 doublings from 4 elements to 2^20, each a new block under the
    // counting allocator: 4 MiB + 8 MiB held at once at the last one.
    assert_eq!(pushed.requested.allocations, 19);
    assert_eq!(pushed.requested.peak_bytes, (4 + 8) << 20);
    if cfg!(all(
        target_os = "linux",
        target_env = "gnu",
        target_arch = "x86_64"
    )) {
        // The counting allocator's realloc copies, but only the pages the old buffer filled:
        // old 4 MiB + the new buffer's first 4 MiB, no more than the final 8 MiB.
        assert_eq!(whole_bytes_per_element(pushed.resident_peak), 8);
    }
}

/// Chapter 2's Exercise 2 ('A mean without temporaries', Listing 2-18):
/// `mean_distance_from` walks the rows and allocates nothing, where the
/// broadcast expression it replaces makes an array of differences, squares,
/// sums and distances. The answer is `distances_to`'s mean; no points give
/// NaN, as NumPy's mean of an empty array.
#[test]
fn the_mean_distance_exercise_allocates_nothing() {
    use chapters_code::speed::{distances_to, mean_distance_from};
    let points = chapters_code::speed::tutorial_points(1000);
    let mut mean = f64::NAN;
    let used = measure(&mut || {
        mean = std::hint::black_box(mean_distance_from(
            (1.0, 1.0),
            std::hint::black_box(points.view()),
        ));
    });
    assert_eq!(
        used,
        HeapUse {
            allocations: 0,
            peak_bytes: 0
        }
    );
    let point = ndarray::array![1.0, 1.0];
    let check = distances_to(point.view(), points.view()).mean();
    assert!((mean - check.expect("1000 points")).abs() < 1e-9);
    let none = ndarray::Array2::<f64>::zeros((0, 2));
    assert!(mean_distance_from((1.0, 1.0), none.view()).is_nan());
}

/// Chapter 6: the step-by-step `sinc_broadcast` holds two full-size arrays at
/// its peak, the sum and its sine (whose buffer becomes the result), so one
/// full-size temporary more than the one-pass `sinc`; both also allocate the
/// two small arrays of squares.
#[test]
fn sinc_broadcast_holds_one_full_size_temporary_more_than_sinc() {
    use chapters_code::meshgrid::{sinc, sinc_broadcast};
    let x = ndarray::Array::linspace(-8.0, 8.0, 300);
    let y = ndarray::Array::linspace(-8.0, 8.0, 200);
    let (full, squares) = (200 * 300 * 8, (300 + 200) * 8);
    let broadcast = measure(&mut || {
        drop(std::hint::black_box(sinc_broadcast(x.view(), y.view())))
    });
    assert_eq!(
        broadcast,
        HeapUse {
            allocations: 4,
            peak_bytes: 2 * full
        }
    );
    let one_pass =
        measure(&mut || drop(std::hint::black_box(sinc(x.view(), y.view()))));
    assert_eq!(
        one_pass,
        HeapUse {
            allocations: 3,
            peak_bytes: full + squares
        }
    );
}

/// Chapter 5's `np.matmul(A, B, out=C)` row and Listing 5-8: `general_mat_mul`
/// makes no new result, but on floats matrixmultiply packs the operands into a
/// buffer it allocates on every call (256 bytes for 2 × 2, 1,179,648 for
/// 512 × 512); on integers ndarray's plain loop allocates nothing.
/// (With the book's `blas` feature, OpenBLAS computes the larger products.)
#[test]
fn general_mat_mul_allocates_only_a_packing_buffer_for_floats() {
    use ndarray::prelude::*;
    for n in [2, 64, 512] {
        let a = Array2::<f64>::ones((n, n));
        let mut c = Array2::<f64>::zeros((n, n));
        let floats = measure(&mut || {
            ndarray::linalg::general_mat_mul(1.0, &a, &a, 0.0, &mut c)
        });
        // With the `blas` feature, products above 7 × 7 go to BLAS instead.
        let packing = u64::from(!cfg!(feature = "blas") || n <= 7);
        assert_eq!(floats.allocations, packing, "{n} × {n} f64");
        let ints = Array2::<i64>::ones((n, n));
        let mut c = Array2::<i64>::zeros((n, n));
        let integers = measure(&mut || {
            ndarray::linalg::general_mat_mul(1, &ints, &ints, 0, &mut c)
        });
        let nothing = HeapUse {
            allocations: 0,
            peak_bytes: 0,
        };
        assert_eq!(integers, nothing, "{n} × {n} i64");
    }
}

/// Chapter 8's random boards hold nothing beside themselves: `choice_binary` makes its
/// `u8` board and nothing else. It made an `i64` array of `randint`'s draws first and
/// mapped it, so it held eight bytes per cell beside the board's one: under a memory limit
/// that fits the `i64` array but not both, the second allocation aborted the process
/// ("memory allocation of 134217728 bytes failed" for a 16,384 × 8,192 board), where its
/// documentation promises a panic.
#[test]
fn choice_binary_allocates_its_board_alone() {
    use chapters_code::random::RandomState;
    let mut random = RandomState::new(42);
    let used = measure(&mut || {
        drop(std::hint::black_box(random.choice_binary(100, 300)));
    });
    assert_eq!(
        used,
        HeapUse {
            allocations: 1,
            peak_bytes: 30_000
        }
    );
}

/// Chapter 5's `np.matmul(A, B, out=C)` row said matrixmultiply allocates a packing buffer
/// "on each call": not when a dimension is 0, where it returns before packing (matrixmultiply
/// 0.3's `gemm_loop`), so a call with an empty dimension allocates nothing. The row now says
/// "on each call with no empty dimension"; this test measures both and reads the row.
#[test]
fn general_mat_mul_packs_nothing_when_a_dimension_is_empty() {
    use ndarray::prelude::*;
    for (m, k, n) in [(2, 0, 2), (0, 2, 2), (2, 2, 0), (2, 2, 2)] {
        let (a, b) = (Array2::<f64>::ones((m, k)), Array2::<f64>::ones((k, n)));
        let mut c = Array2::<f64>::zeros((m, n));
        let used = measure(&mut || {
            ndarray::linalg::general_mat_mul(1.0, &a, &b, 0.0, &mut c)
        });
        let empty = m == 0 || k == 0 || n == 0;
        assert_eq!(used.allocations, u64::from(!empty), "{m}×{k}×{n}");
    }
    let row = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../src/outputs/ch05-products/numpy-table.md"
    ))
    .expect("chapter 5's table");
    let said =
        "allocates a packing buffer on each call with no empty dimension";
    assert!(row.contains(said), "chapter 5's table: {said:?}");
}
