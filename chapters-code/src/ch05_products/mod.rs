//! Chapter 5, "`dot` versus `*`": the elementwise product and the matrix product.

mod numpy_table;
mod tables;

use std::fmt;

use ndarray::linalg::general_mat_mul;
use ndarray::prelude::*;

use crate::allocation::{
    advise_huge_pages, ensure_allocatable, ensure_allocatable_together,
};
use crate::chapter::{samples, Chapter, Table};
use crate::random::RandomState;

pub use tables::matmul_table;

/// What chapter 5 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch05-products",
    samples: samples![
        elementwise,
        star_versus_dot,
        mismatch_panics => panics,
        mismatch_checked,
        gemm,
        fast_matmul_agrees,
        exercise_quadratic_form,
        exercise_transpose_rule,
    ],
    figures: &[],
    tables: &[
        Table::text("matmul-table.md", matmul_table),
        Table::text("matmul-2048-table.md", tables::matmul_2048_table),
        Table::text("fast-vs-numpy.md", tables::fast_vs_numpy),
        Table::text("fast-vs-numpy-512.md", tables::fast_vs_numpy_512),
        Table::text("dot-vs-numpy.md", tables::dot_vs_numpy),
        Table::text("fast-vs-dot.md", tables::fast_vs_dot),
        Table::text("par-vs-numpy.md", tables::par_vs_numpy),
        Table::text("par-vs-all-cores.md", tables::par_vs_numpy_all_cores),
        Table::text("blas-finding.md", tables::blas_finding),
        Table::text("numpy-table.md", numpy_table::render),
    ],
};

// ANCHOR: elementwise
/// `A * B` multiplies matching elements, like every other arithmetic operator.
///
/// # Panics
/// If one of its `assert`s fails.
pub fn elementwise() {
    let a = Array2::<i64>::from_elem((2, 2), 2); // np.full((2, 2), 2)
    let b = Array2::<i64>::from_elem((2, 2), 3); // np.full((2, 2), 3)
    println!("A * B:\n{}", &a * &b);
    assert_eq!(&a * &b, Array2::from_elem((2, 2), 6));
}
// ANCHOR_END: elementwise

// ANCHOR: star_versus_dot
/// The tutorial's trap: with a vector `B`, `A * B` broadcasts and `A @ B`
/// is a matrix-vector product. Both compile, both run, and they give
/// different answers.
///
/// # Panics
/// If one of its `assert`s fails (its `expect`s hold for these values).
pub fn star_versus_dot() {
    let a = Array::from_iter(1..10_i64)
        .into_shape_with_order((3, 3)) // np.arange(1, 10).reshape(3, 3)
        .expect("9 elements make 3×3");
    let b = Array1::from_elem(3, 3); // np.full((3,), 3)

    let star = &a * &b; // each row of A times B, elementwise
    let dot = a.dot(&b); // NumPy: A @ B
    println!("A * B:\n{star}\nA.dot(&B):\n{dot}");
    assert_eq!(star.shape(), &[3, 3]);
    assert_eq!(dot, array![18, 45, 72]); // row sums of A, times 3
}
// ANCHOR_END: star_versus_dot

#[cfg(any())] // never compiled here: the book shows it as `compile_fail`
// ANCHOR: star_is_not_dot
fn star_is_not_dot() {
    let a = Array::from_iter(1..10_i64)
        .into_shape_with_order((3, 3))
        .expect("9 elements make 3×3");
    let b = Array1::from_elem(3, 3);
    let row_sums: Array1<i64> = &a * &b; // error[E0308]: mismatched types
}
// ANCHOR_END: star_is_not_dot

// ANCHOR: dot_error_full
// ANCHOR: dot_error
/// Matrices whose inner dimensions differ cannot be multiplied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotShapeError {
    /// The shape of the left operand.
    pub left: (usize, usize),
    /// The shape of the right operand.
    pub right: (usize, usize),
}
// ANCHOR_END: dot_error

impl fmt::Display for DotShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ((m, k), (k2, n)) = (self.left, self.right);
        write!(f, "matmul: inner dimensions differ: {m}×{k} times {k2}×{n}")
    }
}

impl std::error::Error for DotShapeError {}
// ANCHOR_END: dot_error_full

// ANCHOR: checked_dot
/// `a.dot(b)` for matrices, returning an error instead of panicking when
/// the inner dimensions differ. Equal to NumPy's `a @ b` up to rounding:
/// ndarray and NumPy's OpenBLAS add the products in different orders, so
/// where products or sums overflow they can even disagree on the answer
/// (inf, -inf or NaN; see [`fast_matmul`]). A sum is never -0.0 here:
/// products that underflow (`1e-200 * -1e-200`) round to -0.0, and a kernel
/// that adds them to 0.0 answers 0.0, but one that fuses each product into
/// its sum (FMA) and stores that sum as it is can end at -0.0: `dot` with
/// matrixmultiply's AVX-512 kernel (its AVX2 kernel, with FMA too, adds the
/// sum to 0.0 as it stores it, and answers 0.0), and NumPy's OpenBLAS in
/// some shapes, by the kernels it chose for the processor. The sign of that
/// zero in `dot` and in NumPy depends on the machine; here it does not.
///
/// # Errors
/// A [`DotShapeError`] naming both shapes when `a`'s columns are not `b`'s
/// rows (NumPy: `ValueError`).
///
/// # Panics
/// When the `m × n` result cannot be allocated (NumPy: `MemoryError`, or
/// "array is too big" past `isize::MAX` bytes): two empty matrices, `m × 0`
/// and `0 × n`, ask for `m·n` zeros. An empty
/// result is returned even where NumPy counts bytes of sizes other than 0
/// and raises "array is too big" (`(0, 3) @ (3, 2**60)`), as ndarray and
/// `allocation::checked_bytes` accept it.
pub fn checked_dot(
    a: ArrayView2<'_, f64>,
    b: ArrayView2<'_, f64>,
) -> Result<Array2<f64>, DotShapeError> {
    if a.ncols() != b.nrows() {
        return Err(DotShapeError {
            left: a.dim(),
            right: b.dim(),
        });
    }
    ensure_allocatable::<f64>("checked_dot", &[a.nrows(), b.ncols()]);
    if a.nrows() == 0 || b.ncols() == 0 {
        // Nothing to compute, as in NumPy. `dot` walks the rows even then:
        // a 2^40 × 3 view times a 3 × 0 matrix took minutes in a debug build.
        return Ok(Array2::zeros((a.nrows(), b.ncols())));
    }
    // -0.0 + 0.0 is 0.0; x + 0.0 is x for every other x.
    Ok(a.dot(&b).mapv_into(|x| x + 0.0))
}
// ANCHOR_END: checked_dot

// ANCHOR: mismatch_panics
/// ndarray's `dot` panics when the inner dimensions differ.
///
/// # Panics
/// Always: the panic is what it shows.
pub fn mismatch_panics() {
    let a = Array2::<f64>::ones((2, 3));
    let b = Array2::<f64>::ones((2, 2));
    let _ = a.dot(&b); // panics: 2×3 times 2×2
}
// ANCHOR_END: mismatch_panics

// ANCHOR: mismatch_checked
/// The same mistake, checked first.
///
/// # Panics
/// If one of its `assert`s fails.
pub fn mismatch_checked() {
    let a = Array2::<f64>::ones((2, 3));
    let b = Array2::<f64>::ones((2, 2));
    match checked_dot(a.view(), b.view()) {
        Ok(c) => println!("{c}"),
        Err(e) => println!("error: {e}"),
    }
    assert!(checked_dot(a.view(), b.view()).is_err());
    assert_eq!(checked_dot(a.t(), b.view()).map(|c| c.dim()), Ok((3, 2)));
}
// ANCHOR_END: mismatch_checked

// ANCHOR: gemm
/// `C = alpha * A·B + beta * C` in place: the BLAS "gemm" operation, no new
/// result (matrixmultiply still allocates a buffer for packing the operands).
///
/// # Panics
/// If one of its `assert`s fails.
pub fn gemm() {
    let a = array![[1.0, 2.0], [3.0, 4.0]];
    let b = array![[5.0, 6.0], [7.0, 8.0]];
    let mut c = Array2::<f64>::eye(2);
    general_mat_mul(1.0, &a, &b, 10.0, &mut c); // c = a·b + 10·c
    println!("{c}");
    assert_eq!(c, array![[29.0, 22.0], [43.0, 60.0]]);
}
// ANCHOR_END: gemm

// ANCHOR: fast_matmul
/// The matrix product `a · b`, computed by faer's optimised kernels on
/// one thread. It reads `a` and `b` in place, whatever their layout
/// (transposed, sliced, reversed), and writes a new row-major array.
/// Equal to `a.dot(&b)` up to rounding: faer adds the products in another
/// order (exactly equal when every partial sum is exact, as with small
/// integers). A sum of zeros is 0.0, never -0.0, as in NumPy's `a @ b` and
/// [`checked_dot`]: faer's result keeps the sign of a single -0.0 term
/// (`[[0.0]]·[[-1.0]]`, or a row of -0.0), so a last pass adds 0.0 to every
/// element, which turns -0.0 into 0.0 and leaves every other value as it is.
/// Where products overflow, the answer depends on the kernel, and so on the
/// processor: in `1e308·10 + 1e308·(-10)` both products
/// overflow; a kernel that fuses the second product into the running sum
/// (FMA) gives inf, one that rounds each product first adds inf and -inf
/// and gives NaN. So `dot` and NumPy give inf on some machines and NaN on
/// others, and faer may disagree with them; the exact sum, 0, is neither.
/// Sums that overflow one way and then the other can even end at infinities
/// of opposite signs in two libraries.
///
/// # Panics
/// If `a.ncols() != b.nrows()`, like `dot`; [`checked_dot`] returns an
/// error instead. When the result cannot be allocated, like
/// [`checked_dot`].
pub fn fast_matmul(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    matmul_with("fast_matmul", a, b, faer::Par::Seq)
}

fn matmul_with(
    function: &str, // named when the result cannot be allocated
    a: ArrayView2<f64>,
    b: ArrayView2<f64>,
    par: faer::Par,
) -> Array2<f64> {
    use faer_ext::IntoFaer; // `into_faer()` on ndarray views
    if a.ncols() != b.nrows() {
        let error = DotShapeError {
            left: a.dim(),
            right: b.dim(),
        };
        panic!("{error}");
    }
    ensure_allocatable::<f64>(function, &[a.nrows(), b.ncols()]);
    let mut product = Array2::zeros((a.nrows(), b.ncols()));
    // NumPy's trick (chapter 2), before the first write: on huge pages the
    // kernel takes a few faults instead of one per 4 KiB, and the blocks of
    // the product that faer revisits stay within reach of the TLB.
    if let Some(values) = product.as_slice_memory_order() {
        advise_huge_pages(values);
    }
    faer::linalg::matmul::matmul(
        product.view_mut().into_faer(), // faer-ext: views, no copies
        faer::Accum::Replace, // write, never read, the new array
        a.into_faer(),
        b.into_faer(),
        1.0,
        par,
    );
    // -0.0 + 0.0 is 0.0, NumPy's sum of zeros; x + 0.0 is x for every other x.
    match par {
        faer::Par::Seq => product.mapv_inplace(|x| x + 0.0),
        _ => product.par_mapv_inplace(|x| x + 0.0),
    }
    product
}
// ANCHOR_END: fast_matmul

/// [`fast_matmul`] on every core (rayon's global thread pool).
///
/// # Panics
/// If `a.ncols() != b.nrows()`, or when the result cannot be allocated,
/// like [`fast_matmul`].
pub fn fast_matmul_par(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    matmul_with("fast_matmul_par", a, b, faer::Par::rayon(0))
}

// ANCHOR: fast_matmul_agrees
/// `fast_matmul` gives `dot`'s numbers, exactly on small integers and up to
/// rounding on other values, from views in any layout.
///
/// # Panics
/// If one of its `assert`s fails.
pub fn fast_matmul_agrees() {
    let (a, b) = bench_matrices(200); // small integers: every sum is exact
    assert_eq!(fast_matmul(a.view(), b.view()), a.dot(&b));
    assert_eq!(fast_matmul(a.t(), b.view()), a.t().dot(&b)); // a view of aᵀ

    let x = RandomState::new(0).rand(200, 200); // uniform in [0, 1)
    let difference = fast_matmul(x.view(), x.view()) - x.dot(&x);
    let largest = difference.fold(0.0, |m: f64, d| m.max(d.abs()));
    println!("integers: equal to dot");
    println!("uniform values: within 1e-12 of dot: {}", largest < 1e-12);
    assert!(largest < 1e-12);
}
// ANCHOR_END: fast_matmul_agrees

/// The matrices of the product benchmark: `n × n`, filled with a simple
/// deterministic pattern of small integers (from -6 to 6), so that every
/// sum of their products is exact.
///
/// # Panics
/// If two `n × n` matrices cannot be allocated, or have more elements than
/// an array can hold.
pub fn bench_matrices(n: usize) -> (Array2<f64>, Array2<f64>) {
    ensure_allocatable_together::<f64>("bench_matrices", &[&[n, n], &[n, n]]);
    let a = Array2::from_shape_fn((n, n), |(i, j)| {
        ((i * 7 + j * 3) % 11) as f64 - 5.0
    });
    let b = Array2::from_shape_fn((n, n), |(i, j)| {
        ((i * 5 + j * 2) % 13) as f64 - 6.0
    });
    (a, b)
}

// ANCHOR: exercise_quadratic_form
/// Exercise: the quadratic form xᵀ·A·x, with `dot`, checked with loops.
///
/// # Panics
/// If one of its `assert`s fails.
pub fn exercise_quadratic_form() {
    let a = array![[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]];
    let x = array![1.0, -1.0, 2.0];
    let q = x.dot(&a.dot(&x));
    let mut by_loops = 0.0;
    for i in 0..3 {
        for j in 0..3 {
            by_loops += x[i] * a[[i, j]] * x[j];
        }
    }
    println!("{q}");
    // Small integers: every sum is exact, so the two orders of addition
    // agree exactly. With other values, compare within a tolerance.
    assert_eq!(q, by_loops);
}
// ANCHOR_END: exercise_quadratic_form

// ANCHOR: exercise_transpose_rule
/// Exercise: (A·B)ᵀ = Bᵀ·Aᵀ, on integer matrices so that the equality is
/// exact.
///
/// # Panics
/// If one of its `assert`s fails (its `expect`s hold for these values).
pub fn exercise_transpose_rule() {
    let a = Array::from_iter(0..6)
        .into_shape_with_order((2, 3))
        .expect("2×3");
    let b = Array::from_iter(0..12)
        .into_shape_with_order((3, 4))
        .expect("3×4");
    let left = a.dot(&b).reversed_axes();
    let right = b.t().dot(&a.t());
    println!("{left}");
    assert_eq!(left, right);
}
// ANCHOR_END: exercise_transpose_rule

#[cfg(test)]
mod tests {
    use super::*;

    /// The quadratic-form exercise's comment: its `==` holds for small
    /// integers, not in general. On random values the two calls to `dot` and
    /// the nested loops add in different orders, and some answers differ in
    /// their last bits (so a reader's correct answer would fail an `==`
    /// check), all within a few ulps of the sum of the terms' sizes.
    #[test]
    fn quadratic_form_needs_a_tolerance_beyond_small_integers() {
        let mut differ = 0;
        for seed in 0..50 {
            let r = RandomState::new(seed).rand(4, 3);
            let (a, x) = (r.slice(s![..3, ..]), r.row(3));
            let q = x.dot(&a.dot(&x));
            let (mut by_loops, mut size) = (0.0, 0.0);
            for i in 0..3 {
                for j in 0..3 {
                    by_loops += x[i] * a[[i, j]] * x[j];
                    size += (x[i] * a[[i, j]] * x[j]).abs();
                }
            }
            differ += usize::from(q != by_loops);
            assert!((q - by_loops).abs() <= 8.0 * f64::EPSILON * size);
        }
        assert!(differ > 0, "no random case differs");
    }

    /// The sizes the huge-page paragraph states, computed: the 2048 × 2048
    /// product of the benchmarks (`bench_matrices(2048)`), NumPy's 4 MiB
    /// threshold ([`crate::allocation::HUGE_PAGE_ADVICE_BYTES`]), 4 KiB pages
    /// and x86-64's 2 MiB huge pages.
    #[test]
    fn the_prose_states_the_sizes_of_the_2048_product() {
        const N: usize = 2048;
        const PAGE: usize = 4 << 10;
        const HUGE_PAGE: usize = 2 << 20;
        let mib = |bytes: usize| bytes >> 20;
        let product = N * N * std::mem::size_of::<f64>();
        let row = N * std::mem::size_of::<f64>();
        let threshold = crate::allocation::HUGE_PAGE_ADVICE_BYTES;
        let chapter = crate::chapter::page_text("ch05-products.md");
        for said in [
            format!("on every array of {} MiB or more", mib(threshold)),
            format!("A {N} × {N} product is {} MiB", mib(product)),
            format!(
                "on {} KiB pages it takes {} page faults",
                PAGE >> 10,
                crate::results::format_size((product / PAGE) as u64)
            ),
            format!(
                "a row is {} KiB, where a {} MiB page holds {} rows",
                row >> 10,
                mib(HUGE_PAGE),
                HUGE_PAGE / row
            ),
        ] {
            assert!(chapter.contains(&said), "src/ch05-products.md: {said:?}");
        }
    }

    /// `checked_dot`'s doc: the sign of a sum of products that underflow is
    /// the kernel's. matrixmultiply's AVX-512 kernel stores its fused sums as
    /// they are (-0.0); its AVX2 kernel, with FMA too, and its AVX one add them
    /// to 0.0 as they store them (0.0). The doc once said `dot` ends at -0.0
    /// "where the processor has FMA": on an AMD EPYC with FMA and AVX2 but no
    /// AVX-512, every product below was 0.0.
    #[test]
    #[cfg(target_arch = "x86_64")]
    fn dot_signs_an_underflowing_zero_by_its_kernel() {
        let avx512 = std::arch::is_x86_feature_detected!("avx512f");
        for (m, k, n) in [(1, 1, 1), (1, 2, 1), (3, 5, 4), (16, 50, 16)] {
            let a = Array2::<f64>::from_elem((m, k), 1e-200);
            let b = Array2::<f64>::from_elem((k, n), -1e-200);
            let product = a.dot(&b);
            assert!(
                product.iter().all(|&x| x == 0.0 && x.is_sign_negative() == avx512),
                "{m}×{k}×{n}, AVX-512: {avx512}: {product}"
            );
            let checked = checked_dot(a.view(), b.view()).expect("same inner size");
            assert!(checked.iter().all(|&x| x.to_bits() == 0), "{checked}");
        }
        let doc = crate::chapter::doc_text(include_str!("mod.rs"));
        let said = "`dot` with matrixmultiply's AVX-512 kernel (its AVX2 kernel, with FMA too, \
                    adds the sum to 0.0 as it stores it, and answers 0.0)";
        assert!(doc.contains(said), "checked_dot's doc: {said:?}");
    }

    /// The page says Listing 5-11 checks "200 × 200 products": the sizes the
    /// listing's code passes, read from its source (no output prints them).
    #[test]
    fn the_prose_states_the_size_listing_5_11_checks() {
        let source = include_str!("mod.rs");
        // Split, so that mdbook does not take these lines for the anchor's.
        let (start, end) = (concat!("// ANCH", "OR: "), concat!("// ANCH", "OR_END: "));
        let start = source.find(&format!("{start}fast_matmul_agrees")).expect("the anchor");
        let end = source.find(&format!("{end}fast_matmul_agrees")).expect("its end");
        let listing = &source[start..end];
        let size = |call: &str| -> usize {
            let at = listing.find(call).unwrap_or_else(|| panic!("no {call:?} in the listing"));
            let digits: String = listing[at + call.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().expect("a size")
        };
        let n = size("bench_matrices(");
        assert_eq!(size(".rand("), n, "the two products of the listing differ in size");
        let said = format!("Listing 5-11 checks {n} × {n} products");
        crate::chapter::assert_page_says("ch05-products.md", &said);
    }

    /// The `# Panics` section of `function`'s doc comment in this file, as
    /// one line of words.
    fn panics_doc(function: &str) -> String {
        let source = include_str!("mod.rs");
        let at = source
            .find(&format!("pub fn {function}("))
            .unwrap_or_else(|| panic!("no pub fn {function}"));
        let doc: Vec<&str> = source[..at]
            .lines()
            .rev()
            .map_while(|line| line.trim().strip_prefix("///"))
            .collect();
        let doc: Vec<&str> = doc.iter().rev().flat_map(|l| l.split_whitespace()).collect();
        let doc = doc.join(" ");
        doc.split_once("# Panics").map(|(_, p)| p.to_owned()).unwrap_or_default()
    }

    /// `checked_dot`'s `# Panics` once said NumPy raises `MemoryError` where
    /// the result cannot be allocated. Past `isize::MAX` bytes NumPy raises
    /// "array is too big" instead (NumPy 2.4.6:
    /// `np.broadcast_to(2.0, (2**40, 0)) @ np.broadcast_to(2.0, (0, 2**20))`),
    /// as the panic message says: the doc names it too.
    #[test]
    fn checked_dot_names_numpys_error_for_a_result_no_array_can_hold() {
        let one = Array2::from_elem((1, 1), 2.0);
        let a = one.broadcast((1 << 40, 0)).expect("an empty broadcast");
        let b = one.broadcast((0, 1 << 20)).expect("an empty broadcast");
        let payload = std::panic::catch_unwind(|| checked_dot(a, b)).expect_err("too big");
        let message = payload.downcast_ref::<String>().expect("a formatted panic");
        let numpy = "\"array is too big\"";
        assert!(message.contains(numpy), "{message}");
        let doc = panics_doc("checked_dot");
        assert!(doc.contains(&format!("{numpy} past `isize::MAX` bytes")), "{doc}");
        assert!(doc.contains("(NumPy: `MemoryError`"), "{doc}");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A matrix of small integers and -0.0 (every sum of products is
        /// exact), of 0 to 5 rows and columns.
        fn matrix(rows: usize, cols: usize) -> impl Strategy<Value = Array2<f64>> {
            let value = prop_oneof![4 => (-3i8..=3).prop_map(f64::from), 1 => Just(-0.0)];
            prop::collection::vec(value, rows * cols).prop_map(move |v| {
                Array2::from_shape_vec((rows, cols), v).expect("rows × cols values")
            })
        }

        /// Two matrices whose inner dimensions agree.
        fn operands() -> impl Strategy<Value = (Array2<f64>, Array2<f64>)> {
            (0usize..6, 0usize..6, 0usize..6)
                .prop_flat_map(|(m, k, n)| (matrix(m, k), matrix(k, n)))
        }

        /// `a`'s values in one of four layouts: as it is, column-major,
        /// negative strides, or (layout 3) every second element of a larger
        /// array, whose view `s![..;2, ..;2]` holds them.
        fn in_layout(a: &Array2<f64>, layout: u8) -> Array2<f64> {
            match layout {
                0 => a.clone(),
                1 => a.t().as_standard_layout().into_owned().reversed_axes(),
                2 => {
                    let mut r = a.slice(s![..;-1, ..;-1]).to_owned();
                    r.invert_axis(Axis(0));
                    r.invert_axis(Axis(1));
                    r
                }
                _ => {
                    let (m, n) = a.dim();
                    let mut big = Array2::from_elem((2 * m, 2 * n), f64::NAN);
                    big.slice_mut(s![..;2, ..;2]).assign(a);
                    big
                }
            }
        }

        /// The view of [`in_layout`]'s array that holds `a`'s values.
        fn view(h: &Array2<f64>, layout: u8) -> ArrayView2<'_, f64> {
            match layout {
                3 => h.slice(s![..;2, ..;2]),
                _ => h.view(),
            }
        }

        /// The naive product, summed from 0.0 as NumPy's BLAS does.
        fn naive(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
            Array2::from_shape_fn((a.nrows(), b.ncols()), |(i, j)| {
                (0..a.ncols()).fold(0.0, |sum, k| sum + a[[i, k]] * b[[k, j]])
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            /// `checked_dot`, `fast_matmul` and `fast_matmul_par` give the
            /// naive product's bits (0.0, never -0.0, for a sum of zeros), for
            /// every shape with a 0 or not, in every layout.
            #[test]
            fn products_equal_the_naive_sum_bit_for_bit(
                (a, b) in operands(), la in 0u8..4, lb in 0u8..4,
            ) {
                let (ha, hb) = (in_layout(&a, la), in_layout(&b, lb));
                let (va, vb) = (view(&ha, la), view(&hb, lb));
                prop_assert_eq!(va, a.view());
                prop_assert_eq!(vb, b.view());
                let bits = |c: &Array2<f64>| c.mapv(f64::to_bits);
                let want = bits(&naive(a.view(), b.view()));
                let checked = checked_dot(va, vb).expect("inner sizes agree");
                prop_assert_eq!(bits(&checked), want.clone());
                prop_assert_eq!(bits(&fast_matmul(va, vb)), want.clone());
                prop_assert_eq!(bits(&fast_matmul_par(va, vb)), want);
            }

            /// Inner dimensions that differ: an error naming both shapes.
            #[test]
            fn checked_dot_refuses_every_mismatch(
                m in 0usize..4, k in 0usize..4, k2 in 0usize..4, n in 0usize..4,
            ) {
                prop_assume!(k != k2);
                let (a, b) = (Array2::<f64>::zeros((m, k)), Array2::<f64>::zeros((k2, n)));
                let error = DotShapeError { left: (m, k), right: (k2, n) };
                prop_assert_eq!(checked_dot(a.view(), b.view()), Err(error));
            }
        }
    }

    #[test]
    #[should_panic]
    fn dot_panics_on_mismatch() {
        mismatch_panics();
    }

    #[test]
    fn dot_agrees_with_the_formula() {
        let (a, b) = bench_matrices(17);
        let c = a.dot(&b);
        for i in 0..17 {
            for j in 0..17 {
                let sum: f64 = (0..17).map(|k| a[[i, k]] * b[[k, j]]).sum();
                assert_eq!(c[[i, j]], sum);
            }
        }
    }

    fn max_abs_diff(a: &Array2<f64>, b: &Array2<f64>) -> f64 {
        assert_eq!(a.dim(), b.dim());
        a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f64::max)
    }

    /// The tolerance of the tests below: values in [0, 1), inner dimension
    /// at most 53, so every entry is below 53, and summing in another order
    /// moves it by rounding error, about 53·ε (1.2e-14, a couple of ulps of
    /// 53) at these sizes. The error grows with the inner dimension: this
    /// tolerance is for these tests only.
    const TOLERANCE: f64 = 1e-13;
    /// The inner dimension of the tests below, the largest the prose names.
    const INNER: usize = 53;

    #[test]
    fn the_prose_states_the_tolerance_and_sizes_the_tests_use() {
        let exponent = TOLERANCE.log10().round();
        assert_eq!(TOLERANCE, 10f64.powf(exponent));
        let said = format!(
            "within $10^{{{exponent}}}$ on values in $[0, 1)$ with inner dimensions up to {INNER},"
        );
        crate::chapter::assert_page_says("ch05-products.md", &said);
    }

    #[test]
    fn fast_matmul_agrees_with_dot_in_every_layout() {
        let a = RandomState::new(1).rand(37, INNER);
        let b = RandomState::new(2).rand(INNER, 29);
        let want = a.dot(&b);
        for product in [fast_matmul, fast_matmul_par] {
            assert!(max_abs_diff(&product(a.view(), b.view()), &want) <= TOLERANCE);
            // Column-major views of the same values.
            let at = a.t().as_standard_layout().into_owned();
            let bt = b.t().as_standard_layout().into_owned();
            assert!(max_abs_diff(&product(at.t(), bt.t()), &want) <= TOLERANCE);
            // Negative and non-unit strides.
            // Every second column of a and row of b: INNER of them again.
            let big_a = RandomState::new(3).rand(74, 2 * INNER);
            let big_b = RandomState::new(4).rand(2 * INNER, 58);
            let av = big_a.slice(s![..;-2, ..;2]);
            let bv = big_b.slice(s![..;2, ..;-2]);
            let c = product(av, bv);
            assert!(c.is_standard_layout());
            assert!(max_abs_diff(&c, &av.dot(&bv)) <= TOLERANCE);
            // Small integers: every partial sum is exact, so equal.
            let (m, n) = bench_matrices(64);
            assert_eq!(product(m.view(), n.view()), m.dot(&n));
        }
    }

    #[test]
    fn fast_matmul_handles_empty_dimensions_like_dot() {
        for (m, k, n) in [(0, 3, 4), (3, 0, 4), (3, 4, 0), (0, 0, 0), (1, 1, 1)] {
            let a = Array2::<f64>::ones((m, k));
            let b = Array2::<f64>::ones((k, n));
            assert_eq!(fast_matmul(a.view(), b.view()), a.dot(&b));
            assert_eq!(fast_matmul_par(a.view(), b.view()), a.dot(&b));
        }
    }

    #[test]
    fn fast_matmul_propagates_nan_and_infinity_like_dot() {
        let a = array![[f64::NAN, 1.0], [f64::INFINITY, 0.0], [-0.0, 2.0]];
        let b = array![[1.0, 0.0], [3.0, f64::NEG_INFINITY]];
        let want = a.dot(&b);
        for got in [fast_matmul(a.view(), b.view()), fast_matmul_par(a.view(), b.view())] {
            for (g, w) in got.iter().zip(&want) {
                assert!(g == w || (g.is_nan() && w.is_nan()), "{got} vs {want}");
            }
        }
    }

    #[test]
    #[should_panic(expected = "inner dimensions differ: 2×3 times 2×2")]
    fn fast_matmul_panics_on_mismatch() {
        let (a, b) = (Array2::<f64>::ones((2, 3)), Array2::<f64>::ones((2, 2)));
        fast_matmul(a.view(), b.view());
    }

    #[test]
    #[should_panic(expected = "inner dimensions differ: 2×3 times 2×2")]
    fn fast_matmul_par_panics_on_mismatch() {
        let (a, b) = (Array2::<f64>::ones((2, 3)), Array2::<f64>::ones((2, 2)));
        fast_matmul_par(a.view(), b.view());
    }

    #[test]
    fn error_message_names_both_shapes() {
        let e = checked_dot(Array2::zeros((2, 3)).view(), Array2::zeros((2, 2)).view())
            .expect_err("mismatch");
        assert_eq!(
            e.to_string(),
            "matmul: inner dimensions differ: 2×3 times 2×2"
        );
    }
}
