//! Results too large for memory: a panic with a message, never an abort.
//!
//! Rust's allocating methods abort the process when the allocator refuses; NumPy raises
//! `MemoryError`. Every function of the book whose result can be larger than its input asks
//! first (`chapters_code::allocation::ensure_allocatable`). Each case below asks for at least
//! 128 TiB from inputs of a few tens of megabytes, or none at all (empty axes), and must
//! panic, naming the function. 128 TiB is more than x86-64 Linux gives a process's addresses
//! by default, so even a system set to always overcommit (`vm.overcommit_memory=1`, which
//! grants 8 TiB) refuses it. If a guard goes missing, this test process aborts: that fails too.

use std::panic::{catch_unwind, UnwindSafe};

use chapters_code::convolution::{convolve2d, correlate2d, Mode};
use chapters_code::knn::{
    argpartition_rows, argsort_rows, argsort_rows_unstable, k_nearest,
    pairwise_sq_distances, pairwise_sq_distances_broadcast,
    pairwise_sq_distances_in_place, pairwise_sq_distances_symmetric,
};
use chapters_code::life::{board_text, iterate, FastLife};
use chapters_code::meshgrid::{sinc, sinc_broadcast};
use chapters_code::products::{
    bench_matrices, checked_dot, fast_matmul, fast_matmul_par,
};
use chapters_code::random::RandomState;
use chapters_code::speed::{
    array_from_iter, array_range_f64, distances_broadcast_in_place,
    distances_broadcast_literal, distances_to, distances_to_par, list_range,
    new_array_floor, tutorial_points, tutorial_points_nested,
};
use ndarray::prelude::*;

/// 2^22: a vector of this many `f64`s is 32 MiB, a square of them 128 TiB.
const MEBI: usize = 1 << 22;

/// 2^45: this many `f64`s are 256 TiB.
const HUGE: usize = 1 << 45;

/// Runs `f`, which must panic with a message that starts with `function`.
fn refused<R>(
    function: &str,
    f: impl FnOnce() -> R + UnwindSafe,
) -> Option<String> {
    match catch_unwind(f) {
        Ok(_) => Some(format!("{function}: returned a result")),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let named = message.starts_with(&format!("{function}:"));
            let said = message.contains("cannot allocate")
                || message.contains("too big");
            (!(named && said))
                .then(|| format!("{function}: panicked with {message:?}"))
        }
    }
}

#[test]
fn results_larger_than_memory_panic_instead_of_aborting() {
    let column = Array2::<f64>::zeros((MEBI, 1));
    let row = Array2::<f64>::zeros((1, MEBI));
    let vector = Array1::<f64>::zeros(MEBI);
    let tall_and_empty = Array2::<f64>::zeros((MEBI, 0));
    let wide_and_empty = Array2::<f64>::zeros((0, MEBI));
    let no_columns = Array2::<f64>::zeros((HUGE, 0)); // 2^45 rows, no numbers
    let no_point = Array1::<f64>::zeros(0);
    let (one, one_byte) =
        (Array2::<f64>::ones((1, 1)), Array2::<u8>::ones((1, 1)));
    let tallest = (isize::MAX as usize, 1);
    let huge_kernel = one.broadcast(tallest).expect("a broadcast view");
    let everywhere = one
        .broadcast((1 << 31, 1 << 31))
        .expect("2^62 elements fit isize");
    let huge_byte_kernel =
        one_byte.broadcast(tallest).expect("a broadcast view");
    let (five_rows, five_bytes) =
        (Array2::<f64>::ones((5, 1)), Array2::<u8>::ones((5, 1)));
    let (one_value, wide_point) =
        (Array1::<f64>::ones(1), Array1::<f64>::zeros(1 << 17));
    let endless = one_value.broadcast(HUGE).expect("a broadcast view");
    let wide_row = Array2::<f64>::zeros((1, 1 << 17));
    let wide_points = wide_row
        .broadcast((1 << 27, 1 << 17))
        .expect("a broadcast view");
    let problems: Vec<String> = [
        refused("checked_add", || {
            chapters_code::broadcasting::checked_add(&column, &row)
        }),
        refused("checked_dot", || {
            checked_dot(tall_and_empty.view(), wide_and_empty.view())
        }),
        refused("fast_matmul", || {
            fast_matmul(tall_and_empty.view(), wide_and_empty.view())
        }),
        // Found by the hostile sweep: the two share their code, and the parallel one's
        // refusal named fast_matmul.
        refused("fast_matmul_par", || {
            fast_matmul_par(tall_and_empty.view(), wide_and_empty.view())
        }),
        refused("sinc", || sinc(vector.view(), vector.view())),
        // Found by the hostile sweep: an empty result beside a broadcast view longer than
        // memory; the squares of the view were allocated first, and the refusal aborted.
        refused("sinc", || sinc(endless, no_point.view())),
        refused("sinc", || sinc(no_point.view(), endless)),
        refused("sinc_broadcast", || {
            sinc_broadcast(endless, no_point.view())
        }),
        refused("sinc_broadcast", || {
            sinc_broadcast(no_point.view(), endless)
        }),
        // 2^27 distances (1 GiB) can be had; the (2^27, 2^17) differences cannot, and
        // aborted.
        refused("distances_broadcast_literal", || {
            distances_broadcast_literal(wide_point.view(), wide_points)
        }),
        refused("distances_broadcast_in_place", || {
            distances_broadcast_in_place(wide_point.view(), wide_points)
        }),
        refused("sinc_broadcast", || {
            sinc_broadcast(vector.view(), vector.view())
        }),
        refused("pairwise_sq_distances", || {
            pairwise_sq_distances(tall_and_empty.view())
        }),
        refused("pairwise_sq_distances_symmetric", || {
            pairwise_sq_distances_symmetric(tall_and_empty.view())
        }),
        refused("pairwise_sq_distances_broadcast", || {
            pairwise_sq_distances_broadcast(tall_and_empty.view())
        }),
        refused("pairwise_sq_distances_in_place", || {
            pairwise_sq_distances_in_place(tall_and_empty.view())
        }),
        refused("distances_to", || {
            distances_to(no_point.view(), no_columns.view())
        }),
        refused("distances_to_par", || {
            distances_to_par(no_point.view(), no_columns.view())
        }),
        refused("distances_broadcast_literal", || {
            distances_broadcast_literal(no_point.view(), no_columns.view())
        }),
        refused("distances_broadcast_in_place", || {
            distances_broadcast_in_place(no_point.view(), no_columns.view())
        }),
        refused("convolve_full", || {
            convolve2d(column.view(), row.view(), Mode::Full)
        }),
        refused("convolve_full", || {
            convolve2d(column.view(), row.view(), Mode::Same)
        }),
        refused("convolve_full", || {
            correlate2d(column.view(), row.view(), Mode::Full)
        }),
        // A broadcast kernel of isize::MAX rows: the padded size would wrap around usize,
        // and in Valid mode (the operands swapped) the result is as tall as the kernel.
        refused("convolve_full", || {
            convolve2d(five_rows.view(), huge_kernel, Mode::Full)
        }),
        refused("convolve_full", || {
            convolve2d(five_rows.view(), huge_kernel, Mode::Same)
        }),
        refused("convolve_full", || {
            correlate2d(five_rows.view(), huge_kernel, Mode::Same)
        }),
        refused("convolve_valid", || {
            convolve2d(five_rows.view(), huge_kernel, Mode::Valid)
        }),
        refused("convolve_valid", || {
            convolve2d(five_bytes.view(), huge_byte_kernel, Mode::Valid)
        }),
        // Sorts of a broadcast view with 2^62 elements: results no allocator can give.
        refused("argsort_rows", || argsort_rows(everywhere)),
        refused("argsort_rows_unstable", || {
            argsort_rows_unstable(everywhere)
        }),
        refused("argpartition_rows", || argpartition_rows(everywhere, 2)),
        refused("k_nearest", || k_nearest(everywhere, 2)),
        refused("rand", || RandomState::new(0).rand(MEBI, MEBI)),
        refused("randint", || RandomState::new(0).randint(0, 10, MEBI, MEBI)),
        refused("choice_binary", || {
            RandomState::new(0).choice_binary(MEBI, MEBI)
        }),
        refused("bench_matrices", || bench_matrices(MEBI)),
        refused("new_array_floor", || new_array_floor(1 << 45)),
        refused("list_range", || list_range(1 << 45)),
        refused("array_from_iter", || array_from_iter(1 << 45)),
        refused("array_range_f64", || array_range_f64(1 << 45)),
        refused("tutorial_points", || tutorial_points(HUGE)),
        refused("tutorial_points_nested", || tutorial_points_nested(HUGE)),
        refused("board_text", || board_text(&Array2::zeros((1 << 48, 0)))),
        // Sizes whose bytes overflow what any allocation can be.
        refused("array_from_iter", || array_from_iter(i64::MAX)),
        refused("rand", || RandomState::new(0).rand(usize::MAX, 2)),
        refused("rand", || RandomState::new(0).rand(0, usize::MAX)),
        refused("randint", || {
            RandomState::new(0).randint(5, 3, 0, usize::MAX)
        }),
        refused("tutorial_points", || tutorial_points(usize::MAX)),
        refused("new_array_floor", || new_array_floor(usize::MAX)),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The guards refuse only what cannot be had: the same functions still answer on the
/// empty and small inputs at the edges of what they accept.
#[test]
fn the_guards_let_ordinary_sizes_through() {
    let empty = Array2::<f64>::zeros((0, 3));
    assert_eq!(pairwise_sq_distances(empty.view()).dim(), (0, 0));
    assert_eq!(
        checked_dot(empty.t(), empty.view()).map(|c| c.dim()),
        Ok((3, 3))
    );
    assert_eq!(
        sinc(Array1::zeros(0).view(), Array1::ones(4).view()).dim(),
        (4, 0)
    );
    // 2^62 bytes of the other size: NumPy makes the empty array (committed
    // case rand/sizes/0x576460752303423488; 2^63 it refuses).
    assert_eq!(RandomState::new(0).rand(0, 1 << 59).dim(), (0, 1 << 59));
    assert_eq!(array_from_iter(i64::MIN).len(), 0);
    assert_eq!(list_range(4), vec![1, 2, 3]);
    // Empty arrays with a huge other axis hold nothing, and sorting them
    // allocates nothing (NumPy's empty answer: case argsort_rows/0x1099511627776/c).
    let wide_and_empty = Array2::<f64>::zeros((0, 1 << 40));
    let sorted = chapters_code::knn::argsort_rows(wide_and_empty.view());
    assert_eq!(sorted.dim(), (0, 1 << 40));
    let unstable =
        chapters_code::knn::argsort_rows_unstable(wide_and_empty.view());
    assert_eq!(unstable.dim(), (0, 1 << 40));
    let parted =
        chapters_code::knn::argpartition_rows(wide_and_empty.view(), 3);
    assert_eq!(parted.map(|p| p.dim()), Ok((0, 1 << 40)));
    let tall_and_empty = Array2::<f64>::zeros((1 << 40, 0));
    let product = fast_matmul(wide_and_empty.view(), tall_and_empty.view());
    assert_eq!(product.dim(), (0, 0));
    let product = checked_dot(wide_and_empty.view(), tall_and_empty.view());
    assert_eq!(product.map(|p| p.dim()), Ok((0, 0)));
    // A Life board with no rows and 2^48 columns (NumPy steps it: the life
    // cases */0x281474976710656/g1/c): FastLife
    // needs its column buffer only for a board with an interior.
    let mut life = FastLife::new(Array2::zeros((0, 1 << 48)));
    life.step();
    assert_eq!(life.board().dim(), (0, 1 << 48));
}

/// `board_text` makes its text in the memory it asked for, no more: collected
/// row by row, the text grew by doubling to up to twice its size, and under a
/// memory limit that held the text (1,152,000,000 cells, `prlimit --as` of
/// the process plus 1.25 texts) it aborted ("memory allocation of 2304000000
/// bytes failed"). A text of 10^6 bytes had a capacity of 1,022,976.
#[test]
fn board_text_takes_the_memory_it_asked_for() {
    for (rows, cols) in [(1000, 999), (3, 0), (1, 1), (0, 5)] {
        let text = board_text(&Array2::zeros((rows, cols)));
        assert_eq!(text.len(), rows * (cols + 1));
        assert_eq!(text.capacity(), text.len(), "{rows} × {cols}");
    }
}

/// A full convolution too big for memory is refused by its result, the array SciPy
/// allocates, (M + P - 1) × (N + Q - 1), not by the input padded on every side, which SciPy
/// never makes: a 1 × 1 input and a 2^31 × 2^31 kernel name 2^62 elements, not
/// (2^32 - 1)^2.
#[test]
fn a_full_convolution_is_refused_by_its_result() {
    let one_byte = Array2::<u8>::ones((1, 1));
    let kernel = one_byte
        .broadcast((1 << 31, 1 << 31))
        .expect("2^62 elements fit isize");
    for mode in [Mode::Full, Mode::Same] {
        let panic = catch_unwind(|| convolve2d(one_byte.view(), kernel, mode))
            .expect_err("2^62 bytes cannot be allocated");
        let message =
            panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(
            message.starts_with("convolve_full:")
                && message.contains(&(1u64 << 62).to_string())
                && !message.contains("4294967295"),
            "{mode:?}: {message}"
        );
    }
}

/// Set in the child process that
/// [`temporaries_are_asked_for_with_the_result`] starts.
const CHILD: &str = "BOOK_EDGE_CASES_MEMORY_LIMIT_CHILD";

/// Bytes of one full-size array in the test below: 144,000,000 `f64`s.
const ARRAY_BYTES: usize = 1_152_000_000;

/// A function that holds a full-size temporary beside its result must ask for
/// both: under a memory limit that holds one such array but not two, it
/// panics, where asking for the result alone let the second allocation abort
/// the process (`sinc_broadcast`'s sum and sine, `distances_broadcast_literal`'s
/// differences and squares, `distances_broadcast_in_place`'s squares and sums,
/// `sinc`'s squares of a long `x` or `y` beside a result of one row or column,
/// `tutorial_points_nested`'s points beside their headers,
/// `pairwise_sq_distances_broadcast`'s differences, squares and sums,
/// `pairwise_sq_distances_in_place`'s squares and sums, `bench_matrices`'s two
/// matrices, `k_nearest`'s partition and neighbours, `convolve_full`'s padded
/// input and result;
/// `argpartition_rows`'s working memory for one row beside its result;
/// `iterate`'s neighbour count and two masks).
/// The limit is set on a child process of this test binary by `prlimit`
/// (util-linux): its address space may grow by 1.25 arrays.
#[test]
fn temporaries_are_asked_for_with_the_result() {
    if std::env::var_os(CHILD).is_some() {
        return under_a_memory_limit();
    }
    let output = crate::support::rerun_in_child(
        "allocation::temporaries_are_asked_for_with_the_result",
        &[(CHILD, "1"), ("RUST_BACKTRACE", "0")],
        &[],
    );
    let text = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{:?}:\n{text}", output.status);
    assert!(text.contains("1 passed"), "{text}");
}

/// The child's side: limit this process's address space to what it uses now
/// plus 1.25 arrays, then call each function on views whose arrays take
/// [`ARRAY_BYTES`] each.
fn under_a_memory_limit() {
    // A Life board of half an array's bytes: `iterate`'s neighbour count and
    // two masks are as large, 1.5 arrays held at once.
    let mut life_board = Array2::<u8>::zeros((24_000, 24_000));
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux");
    let kib: usize = status
        .lines()
        .find_map(|line| line.strip_prefix("VmSize:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
        .expect("a VmSize line");
    let limit = kib * 1024 + ARRAY_BYTES + ARRAY_BYTES / 4;
    let limited = std::process::Command::new("prlimit")
        .arg(format!("--pid={}", std::process::id()))
        .arg(format!("--as={limit}"))
        .status()
        .expect("prlimit (util-linux) runs");
    assert!(limited.success(), "prlimit failed: {limited}");
    // Quiet panics: printing one must not need memory the limit refuses.
    std::panic::set_hook(Box::new(|_| {}));
    let half = array![0.5];
    let side = half.broadcast(12_000).expect("a view"); // 12,000² f64s
    let pair = array![[1.0, 2.0]];
    let rows = pair.broadcast((72_000_000, 2)).expect("a view"); // (n, 2) f64s
    let origin = array![0.0, 0.0];
    let long = half.broadcast(ARRAY_BYTES / 8).expect("a view");
    // 12,000 points of one coordinate: (n, n, 1) and (n, n) are one array each.
    let points = array![[0.5]];
    let points = points.broadcast((12_000, 1)).expect("a view");
    // 1,125,000 points of 128 coordinates: the (n, d) differences and their
    // squares are one array each, the (n,) sums and roots under 1% of one.
    let (wide_origin, wide_row) = (Array1::zeros(128), Array2::zeros((1, 128)));
    let wide_rows = wide_row.broadcast((1_125_000, 128)).expect("a view");
    // 54,000,000 points of one coordinate: each of the four arrays of the
    // literal translation is 3/8 of one array here; three fit the limit.
    let (one_origin, one_row) = (array![0.0], array![[0.5]]);
    let narrow_rows = one_row.broadcast((54_000_000, 1)).expect("a view");
    // A distance matrix of 12,000² (the partition and the 11,999 neighbours
    // of each point are one array each), and one row of one array's length.
    let square = half.broadcast((12_000, 12_000)).expect("a view");
    let row = half.broadcast((1, ARRAY_BYTES / 8)).expect("a view");
    // 11,000² f64s, under the 1 GiB from which every request is tried on its
    // own (PROBE_BYTES): only asking for both at once sees the limit.
    let image = half.broadcast((11_000, 11_000)).expect("a view");
    let one = array![[1.0]];
    let problems: Vec<String> = [
        refused("sinc_broadcast", || sinc_broadcast(side, side)),
        // A (1, x) result beside squares of x as large as it, and a (y, 1)
        // result beside squares of y.
        refused("sinc", || sinc(long, half.view())),
        refused("sinc", || sinc(half.view(), long)),
        // Headers of one array's size, and a block of two f64s per point.
        refused("tutorial_points_nested", || {
            tutorial_points_nested(ARRAY_BYTES / 24)
        }),
        refused("distances_broadcast_literal", || {
            distances_broadcast_literal(origin.view(), rows)
        }),
        // Its two (n, d) arrays: with two columns the (n,) sums and roots are
        // half an array each, so asking for one (n, d) array passed above.
        refused("distances_broadcast_literal", || {
            distances_broadcast_literal(wide_origin.view(), wide_rows)
        }),
        // And its two (n,) arrays, the sums and the roots, as large here.
        refused("distances_broadcast_literal", || {
            distances_broadcast_literal(one_origin.view(), narrow_rows)
        }),
        refused("distances_broadcast_in_place", || {
            distances_broadcast_in_place(origin.view(), rows)
        }),
        refused("pairwise_sq_distances_broadcast", || {
            pairwise_sq_distances_broadcast(points)
        }),
        refused("pairwise_sq_distances_in_place", || {
            pairwise_sq_distances_in_place(points)
        }),
        // Two 12,000 × 12,000 matrices, one array each.
        refused("bench_matrices", || bench_matrices(12_000)),
        refused("k_nearest", || k_nearest(square, 11_999)),
        // Both of its paths: a row's indices to select from (kth of 16 or
        // more), or a copy of a row that is not contiguous (a smaller kth).
        refused("argpartition_rows (working memory)", || {
            argpartition_rows(row, 20)
        }),
        refused("argpartition_rows (working memory)", || {
            argpartition_rows(row, 3)
        }),
        refused("convolve_full", || {
            convolve2d(image, one.view(), Mode::Full)
        }),
        refused("convolve_full", || {
            convolve2d(image, one.view(), Mode::Same)
        }),
        refused("convolve_full", || {
            correlate2d(image, one.view(), Mode::Same)
        }),
        refused("iterate", move || iterate(&mut life_board)),
    ]
    .into_iter()
    .flatten()
    .collect();
    // Every refusal is over and its memory freed: a failure below must say why.
    drop(std::panic::take_hook());
    assert!(problems.is_empty(), "{problems:#?}");
    // With the Life board gone, 1.75 arrays are free. `sinc_broadcast` of a
    // one-row y holds the squares of x beside the sum, then the sum beside
    // the sine: 1.5 arrays here; asking for all three at once (2.25) refused it.
    let wide = half.broadcast(ARRAY_BYTES * 3 / 4 / 8).expect("a view");
    assert_eq!(
        sinc_broadcast(wide, half.view()).len() * 32,
        ARRAY_BYTES * 3
    );
    // The one-pass versions hold one full-size array, which the limit allows.
    assert_eq!(sinc(side, side).len() * 8, ARRAY_BYTES);
    assert_eq!(distances_to(origin.view(), rows).len() * 16, ARRAY_BYTES);
    assert_eq!(pairwise_sq_distances(points).len() * 8, ARRAY_BYTES);
}
