//! Asking for memory without risking an abort.
//!
//! When the allocator refuses, `Vec::with_capacity`, `Array::zeros`, `collect` and every
//! other allocating method of Rust abort the whole process ("memory allocation of … bytes
//! failed"): there is no `MemoryError` to catch, and a test harness dies with it. NumPy raises
//! `MemoryError` for `np.zeros(2**40)`. (Both are about a refusal: Linux, by default, refuses
//! a request far larger than its memory at once; set to always overcommit,
//! `vm.overcommit_memory=1`, it grants it and kills the process when it runs out, in NumPy
//! and Rust alike.) So every function of the book whose result is larger
//! than the data it was given — a length, a shape, an outer product, a full convolution —
//! first asks with [`ensure_allocatable`], which uses Rust's fallible `try_reserve_exact`,
//! and panics with a message a caller or a test can catch. Functions whose result is no
//! larger than their input (a reciprocal per number, a Life board's next generation) do not
//! ask first: the input's memory already exists, so their result fits wherever memory is not
//! capped per process. Under a limit that holds the input but not a second array of its size
//! (`ulimit -v`), their allocation is refused and aborts, as any Rust allocation does.
//!
//! Where this differs from NumPy: a view can describe far more elements than memory holds
//! (a broadcast view, whose strides are 0). A function that maps such a view to a new array
//! of the same shape, like `speed::reciprocals`, asks the allocator for it directly, and a
//! refusal aborts, as it would anywhere in Rust; NumPy raises `MemoryError`. (A view whose
//! result would pass `isize::MAX` bytes, which NumPy cannot even make, is not asked for: Rust
//! panics with "capacity overflow".) Check with [`ensure_allocatable`] first if your views can
//! be like that.
//!
//! What this catches is a refusal. A request the system accepts but cannot back is not one:
//! Linux overcommits memory, and ends the process (the OOM killer) when the pages are first
//! written, whatever the language.

use std::any::type_name;

/// The number of elements of an array of `shape`, and its size in bytes for elements of
/// type `T`, or `None` if no array can have that shape: ndarray's rule, the sizes other
/// than 0 multiply to at most `isize::MAX`, and the bytes fit an allocation (`isize::MAX`
/// bytes). NumPy refuses the same shapes with "Maximum allowed dimension exceeded" when one
/// size alone is above `isize::MAX`, else with "array is too big". It is stricter in one
/// corner: it counts the bytes of the sizes other than 0 even for an empty array, so it
/// refuses `np.empty((0, 2**63 - 1))` of float64, which ndarray (and this function) accept
/// as an empty array.
pub fn checked_bytes<T>(shape: &[usize]) -> Option<(usize, usize)> {
    let mut nonzero = shape.iter().filter(|&&d| d != 0);
    let sizes = nonzero.try_fold(1usize, |n, &d| n.checked_mul(d))?;
    if sizes > isize::MAX as usize {
        return None;
    }
    let elements = shape.iter().try_fold(1usize, |n, &d| n.checked_mul(d))?;
    let bytes = elements.checked_mul(size_of::<T>())?;
    (bytes <= isize::MAX as usize).then_some((elements, bytes))
}

/// An empty vector with room for exactly `len` elements.
///
/// # Panics
/// With a message naming `function` and the size, if the memory cannot be had (where
/// `Vec::with_capacity` would abort the process).
pub fn vec_with_capacity<T>(function: &str, len: usize) -> Vec<T> {
    let mut values = Vec::new();
    if let Err(error) = values.try_reserve_exact(len) {
        panic!(
            "{function}: cannot allocate {len} elements of {}: {error} (NumPy: MemoryError)",
            type_name::<T>()
        );
    }
    values
}

/// Checks as [`ensure_allocatable`] does, and also refuses what NumPy's `np.empty` refuses
/// for an empty shape: NumPy counts the bytes of the sizes other than 0 even when another
/// size is 0, so `np.empty((0, 2**60))` of float64 is "array is too big" (NumPy 2.4.6),
/// where [`checked_bytes`] and ndarray accept an empty array. For functions that promise
/// NumPy's errors for every shape, such as `random::RandomState::rand`.
///
/// # Panics
/// As [`ensure_allocatable`] does, with NumPy's error for such an empty shape too.
pub fn ensure_allocatable_like_numpy<T>(function: &str, shape: &[usize]) {
    ensure_shape_like_numpy::<T>(function, shape);
    ensure_allocatable::<T>(function, shape);
}

/// Refuses what NumPy's `np.empty` refuses for `shape` with elements of type `T` (see
/// [`ensure_allocatable_like_numpy`]: the bytes of the sizes other than 0 too), without
/// asking for any memory: for a function whose NumPy counterpart builds an array of `T`
/// where it builds a smaller one (`random::RandomState::choice_binary`: NumPy's int64
/// indices, its bytes), which then asks for its own array with [`ensure_allocatable`].
///
/// # Panics
/// With a message naming `function`, the shape and NumPy's error, as
/// [`ensure_allocatable`] does for a shape no array can have.
pub fn ensure_shape_like_numpy<T>(function: &str, shape: &[usize]) {
    // checked_bytes of the shape with each 0 taken as 1, without a vector for it: the
    // check itself allocates nothing.
    let fits = shape
        .iter()
        .try_fold(1usize, |n, &d| n.checked_mul(d.max(1)))
        .filter(|&n| n <= isize::MAX as usize)
        .and_then(|n| n.checked_mul(size_of::<T>()))
        .is_some_and(|bytes| bytes <= isize::MAX as usize);
    if !fits {
        refuse_shape::<T>(function, shape);
    }
}

/// Panics for a shape no array can have, naming `function` and NumPy's error for it.
fn refuse_shape<T>(function: &str, shape: &[usize]) -> ! {
    let numpy = if shape.iter().any(|&d| d > isize::MAX as usize) {
        "Maximum allowed dimension exceeded"
    } else {
        "array is too big"
    };
    panic!(
        "{function}: an array of shape {shape:?} of {} is too big for memory \
         (NumPy: \"{numpy}\")",
        type_name::<T>()
    );
}

/// Requests from this size up are tried before they are made: see [`ensure_allocatable`].
pub const PROBE_BYTES: usize = 1 << 30;

/// Checks that an array of `shape` with elements of type `T` can be allocated right now.
///
/// From [`PROBE_BYTES`] (1 GiB) up it allocates the array's bytes, without touching its
/// pages, and gives them back. Smaller requests are not tried: a machine that can run the
/// book refuses them only when it is out of memory altogether, where any allocation of any
/// Rust program aborts; and the allocation counts the book measures (one allocation for
/// `distances_to`) stay what they are.
///
/// # Panics
/// With a message naming `function`, the shape and NumPy's error for it: if no array can
/// have that shape ([`checked_bytes`]; NumPy: "array is too big", or "Maximum allowed
/// dimension exceeded" for a size above `isize::MAX`), or if the allocator refuses (NumPy:
/// `MemoryError`).
pub fn ensure_allocatable<T>(function: &str, shape: &[usize]) {
    let Some((elements, bytes)) = checked_bytes::<T>(shape) else {
        refuse_shape::<T>(function, shape);
    };
    if bytes >= PROBE_BYTES {
        let probe: Vec<T> = vec_with_capacity(function, elements);
        drop(probe);
    }
}

/// Checks, as [`ensure_allocatable`] does for one array, that the arrays of `shapes`,
/// which a function holds at the same time (its result and the temporaries beside it),
/// can be allocated together. Asking for the result alone is not enough: under a memory
/// limit that holds one array but not two (`ulimit -v`, strict overcommit), the second
/// allocation would abort the process. Each shape is checked on its own first, so that a
/// refusal of one names an array the function builds; then all their elements are tried as
/// one request, from [`PROBE_BYTES`] up.
///
/// # Panics
/// As [`ensure_allocatable`] does for any one of the arrays; and when they cannot be had
/// together: "cannot allocate N elements of T" for all of them at once (NumPy:
/// `MemoryError`, for whichever temporary it cannot get).
pub fn ensure_allocatable_together<T>(function: &str, shapes: &[&[usize]]) {
    let mut elements = 0_usize;
    for shape in shapes {
        ensure_allocatable::<T>(function, shape);
        let each = checked_bytes::<T>(shape).map_or(usize::MAX, |(n, _)| n);
        elements = elements.saturating_add(each);
    }
    match checked_bytes::<T>(&[elements]) {
        Some((_, bytes)) if bytes < PROBE_BYTES => {}
        // Beyond isize::MAX bytes too: the allocator refuses what no array can be.
        _ => drop(vec_with_capacity::<T>(function, elements)),
    }
}

// ANCHOR: advise_huge_pages
/// Arrays from this size up get huge-page advice from
/// [`advise_huge_pages`]: NumPy's threshold (4 MiB). Any range that long
/// contains at least one whole, aligned 2 MiB page; a shorter one may
/// contain none.
pub const HUGE_PAGE_ADVICE_BYTES: usize = 1 << 22;

/// Asks the kernel to back the memory of `values` with transparent huge
/// pages (2 MiB on x86-64), as NumPy does for each array of
/// [`HUGE_PAGE_ADVICE_BYTES`] or more: Linux's `madvise(MADV_HUGEPAGE)`
/// on the whole 4 KiB pages inside `values` (a kernel with larger base
/// pages, 16 or 64 KiB on some ARM systems, refuses a start not aligned to
/// them, and then nothing is advised).
///
/// It is advice, for memory not written yet: the pages faulted in
/// afterwards can be huge (where the kernel's setting,
/// `/sys/kernel/mm/transparent_hugepage/enabled`, is `madvise` or
/// `always`, and a free 2 MiB page is found), so a fresh array takes a few
/// faults instead of one per 4 KiB page, and the processor needs far fewer
/// address translations to reach it. Pages already written are not
/// changed now (the kernel's `khugepaged` may merge them into huge pages
/// later). It never changes a value, does nothing for smaller slices and off
/// Linux, and ignores a refusal by the kernel, as NumPy does.
pub fn advise_huge_pages<T>(values: &[T]) {
    let bytes = size_of_val(values);
    if bytes >= HUGE_PAGE_ADVICE_BYTES {
        kevy_madvise::advise_hugepage(values.as_ptr().cast(), bytes);
    }
}
// ANCHOR_END: advise_huge_pages

/// The length of `start..end` for `i64` bounds (0 when `end <= start`), as a `usize`.
///
/// # Panics
/// If the length does not fit a `usize` (only on targets narrower than 64 bits).
pub fn range_len(start: i64, end: i64) -> usize {
    let len = i128::from(end) - i128::from(start);
    usize::try_from(len.max(0))
        .expect("range_len: the length does not fit a usize")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::{catch_unwind, UnwindSafe};

    /// The message `f` panics with; `why` says why it must panic.
    fn panic_message(why: &str, f: impl FnOnce() + UnwindSafe) -> String {
        *catch_unwind(f)
            .expect_err(why)
            .downcast::<String>()
            .expect("a message")
    }

    #[test]
    fn sizes_are_checked_for_overflow() {
        assert_eq!(checked_bytes::<f64>(&[3, 4]), Some((12, 96)));
        assert_eq!(checked_bytes::<f64>(&[]), Some((1, 8)));
        assert_eq!(checked_bytes::<f64>(&[0, 1 << 62]), Some((0, 0)));
        assert_eq!(checked_bytes::<f64>(&[0, usize::MAX]), None); // ndarray's limit

        // Empty, so no bytes: accepted (NumPy refuses this one, see the doc comment).
        assert_eq!(
            checked_bytes::<f64>(&[0, isize::MAX as usize]),
            Some((0, 0))
        );
        assert_eq!(checked_bytes::<f64>(&[1 << 32, 1 << 32]), None);
        assert_eq!(
            checked_bytes::<u8>(&[isize::MAX as usize]),
            Some((isize::MAX as usize, isize::MAX as usize))
        );
        assert_eq!(checked_bytes::<u16>(&[isize::MAX as usize]), None);
    }

    /// Arrays held together: each is checked on its own, so a refusal names
    /// the array's own shape; then all their elements are one request.
    #[test]
    fn arrays_held_together_are_asked_for_together() {
        ensure_allocatable_together::<f64>(
            "test",
            &[&[3, 4], &[3], &[0, 1 << 62]],
        );
        // One array no allocator can give: its own shape is named.
        let one = panic_message("2^65 bytes", || {
            ensure_allocatable_together::<f64>("test", &[&[2], &[1 << 62]])
        });
        assert!(
            one.starts_with(
                "test: an array of shape [4611686018427387904] of f64"
            ),
            "{one}"
        );
        // Arrays each of which fits but not all together are refused only
        // under a memory limit: tests/edge_cases/allocation.rs sets one
        // (temporaries_are_asked_for_with_the_result).
    }

    #[test]
    fn a_refused_allocation_panics_instead_of_aborting() {
        // 2^44 f64s (128 TiB) and 2^60 bytes: more than a process's addresses hold on
        // x86-64 Linux, so refused even where the kernel overcommits memory.
        let message = panic_message("128 TiB", || {
            ensure_allocatable::<f64>("test", &[1 << 22, 1 << 22])
        });
        assert!(
            message.starts_with(
                "test: cannot allocate 17592186044416 elements of f64"
            ),
            "{message}"
        );
        let message = panic_message("2^65 bytes", || {
            ensure_allocatable::<f64>("test", &[1 << 62])
        });
        assert!(message.contains("too big for memory"), "{message}");
        assert!(
            message.ends_with("(NumPy: \"array is too big\")"),
            "{message}"
        );
        // One size above isize::MAX: NumPy names the dimension, even for an empty array.
        let message = panic_message("a size above isize::MAX", || {
            ensure_allocatable::<f64>("test", &[0, usize::MAX])
        });
        assert!(
            message
                .ends_with("(NumPy: \"Maximum allowed dimension exceeded\")"),
            "{message}"
        );
        // A size of isize::MAX itself is not above it: the bytes are too many.
        let message = panic_message("2^66 bytes", || {
            ensure_allocatable::<f64>("test", &[isize::MAX as usize])
        });
        assert!(
            message.ends_with("(NumPy: \"array is too big\")"),
            "{message}"
        );
        let vec = catch_unwind(|| vec_with_capacity::<u8>("vec", 1 << 60));
        assert!(vec.is_err());
        ensure_allocatable::<f64>("small", &[1000, 1000]);
        assert_eq!(vec_with_capacity::<f64>("small", 10).capacity(), 10);
    }

    #[test]
    fn range_lengths() {
        assert_eq!(range_len(1, 10), 9);
        assert_eq!(range_len(1, 1), 0);
        assert_eq!(range_len(1, -5), 0);
        assert_eq!(range_len(1, i64::MIN), 0);
        assert_eq!(range_len(i64::MIN, i64::MAX), usize::MAX);
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        const MAX: u128 = isize::MAX as u128;

        /// Sizes at the limits beside small ones and 0.
        fn shape() -> impl Strategy<Value = Vec<usize>> {
            let size = prop_oneof![
                Just(0usize),
                1usize..4,
                prop::sample::select(vec![
                    1 << 31,
                    1 << 32,
                    1 << 59,
                    (1 << 60) + 1,
                    1 << 62,
                    isize::MAX as usize,
                    isize::MAX as usize + 1,
                    usize::MAX,
                ]),
            ];
            prop::collection::vec(size, 0..4)
        }

        /// The product of `sizes`, saturating above `isize::MAX` (no `u128`
        /// overflow: each factor is below 2^64 and the running product at
        /// most 2^63).
        fn product(sizes: impl Iterator<Item = usize>) -> u128 {
            sizes.fold(1, |p, n| (p * n as u128).min(MAX + 1))
        }

        proptest! {
            /// `checked_bytes` against its rule worked out in `u128`: the sizes
            /// other than 0 multiply to at most `isize::MAX`, and so do the bytes.
            #[test]
            fn checked_bytes_follows_its_rule(shape in shape()) {
                let nonzero = product(shape.iter().copied().filter(|&n| n != 0));
                let elements = product(shape.iter().copied());
                let bytes = (elements * 8).min(MAX + 1);
                let fits = nonzero <= MAX && bytes <= MAX;
                let want = fits.then_some((elements as usize, bytes as usize));
                prop_assert_eq!(checked_bytes::<f64>(&shape), want);
            }

            /// `ensure_shape_like_numpy` refuses exactly what NumPy's `np.empty`
            /// refuses: the bytes of the sizes other than 0 past `isize::MAX`,
            /// with "Maximum allowed dimension exceeded" for a size above it.
            #[test]
            fn shapes_are_refused_as_numpy_refuses_them(shape in shape()) {
                let nonzero = product(shape.iter().copied().filter(|&n| n != 0));
                let refused = (nonzero * 8).min(MAX + 1) > MAX;
                let got = std::panic::catch_unwind(|| {
                    ensure_shape_like_numpy::<f64>("test", &shape)
                });
                prop_assert_eq!(got.is_err(), refused);
                if let Err(panic) = got {
                    let message = panic.downcast::<String>().expect("a message");
                    let dimension = shape.iter().any(|&n| n as u128 > MAX);
                    let numpy = if dimension {
                        "Maximum allowed dimension exceeded"
                    } else {
                        "array is too big"
                    };
                    prop_assert!(message.contains(numpy), "{}", message);
                }
            }
        }
    }
}
