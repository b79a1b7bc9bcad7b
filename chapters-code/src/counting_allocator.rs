//! The counting allocator of the programs that measure heap use. The `cargo run` program
//! (`src/main.rs`) and the test binaries `tests/generated.rs` and `tests/memory.rs` include this
//! file as a module of their own; the library never does, because linking the
//! `allocation-counter` crate makes it the global allocator of the whole program, which the
//! library, its benchmarks and the book's doctests must not pay for.

use chapters_code::chapter::HeapUse;

// ANCHOR: measure
/// Runs `code` and reports what the counting allocator saw.
/// `allocation_counter` counts per thread, so tests running in parallel do
/// not disturb each other.
pub fn measure(code: &mut dyn FnMut()) -> HeapUse {
    let info = allocation_counter::measure(code);
    HeapUse {
        allocations: info.count_total,
        peak_bytes: info.bytes_max,
    }
}
// ANCHOR_END: measure
