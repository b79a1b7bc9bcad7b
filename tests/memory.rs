//! Chapter 1's heap measurements, made with a counting allocator in a test binary of their
//! own (a global allocator applies to a whole program). The heap table the chapter prints is
//! checked with the other generated files, by `tests/generated.rs`.

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
