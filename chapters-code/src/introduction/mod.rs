//! Introduction: a first ndarray sample, the matrix product, and the figure
//! that draws it.

mod figures;

use ndarray::prelude::*;

use crate::chapter::{samples, Chapter, Figure};

pub use figures::render_matrix_product;

/// What the introduction contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "introduction",
    samples: samples![first_array, matrix_product],
    figures: &[Figure::new("matrix-product.png", render_matrix_product)],
    tables: &[],
};

// ANCHOR: first_array
/// A first array: `np.arange(1, 10).reshape(3, 3)` in ndarray.
///
/// # Panics
/// If one of its checks fails.
pub fn first_array() {
    // NumPy: a = np.arange(1, 10).reshape(3, 3)
    let a = Array::from_iter(1i64..10)
        .into_shape_with_order((3, 3))
        .expect("9 elements fill a 3×3 array");
    println!("a =\n{a}");

    // ndarray has no `nbytes`: it is the length times the size of one element.
    let nbytes = a.len() * std::mem::size_of::<i64>();
    println!("shape: {:?}, element type: i64, bytes: {nbytes}", a.shape());

    assert_eq!(a.shape(), &[3, 3]);
    assert_eq!(nbytes, 72); // the same 72 bytes as NumPy's a.nbytes
    assert_eq!(a[[1, 2]], 6); // row 1, column 2, both counted from 0
}
// ANCHOR_END: first_array

// ANCHOR: matrix_product
/// Elementwise `*` versus the matrix product `dot`.
///
/// # Panics
/// If one of its checks fails.
pub fn matrix_product() {
    // i64, as NumPy's default integer (`array!` alone would give i32).
    let a: Array2<i64> = array![[1, 2, 3], [4, 5, 6], [7, 8, 9]];
    let b: Array2<i64> = array![[1, 0, 2], [0, 1, 0], [2, 0, 1]];

    let elementwise = &a * &b; // NumPy: a * b
    let product = a.dot(&b); // NumPy: a @ b, or np.dot(a, b)
    println!("a * b =\n{elementwise}\n");
    println!("a.dot(&b) =\n{product}");

    // `*` only multiplies matching cells: a[1][2] * b[1][2] = 6 * 0.
    assert_eq!(elementwise[[1, 2]], 0);

    // The product's c[1][2] is row 1 of a times column 2 of b, summed:
    // 4*2 + 5*0 + 6*1.
    let c_12: i64 = (0..3).map(|k| a[[1, k]] * b[[k, 2]]).sum();
    assert_eq!(product[[1, 2]], c_12);
    assert_eq!(c_12, 14);
}
// ANCHOR_END: matrix_product

/// The two matrices of the introduction's figure (the same as in
/// [`matrix_product`]).
pub fn product_operands() -> (Array2<i64>, Array2<i64>) {
    let a = array![[1, 2, 3], [4, 5, 6], [7, 8, 9]];
    let b = array![[1, 0, 2], [0, 1, 0], [2, 0, 1]];
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_matches_numpy() {
        // np.arange(1, 10).reshape(3, 3) @ [[1, 0, 2], [0, 1, 0], [2, 0, 1]];
        // tests/numpy_agreement/introduction.rs compares the printed products.
        let (a, b) = product_operands();
        assert_eq!(a.dot(&b), array![[7, 2, 5], [16, 5, 14], [25, 8, 23]]);
    }

    /// "Every Rust block in this book is compiled and run": not the blocks
    /// marked `compile_fail`, which the opening sentence must then except
    /// (it once promised every block runs, with five such blocks in the book).
    #[test]
    fn the_opening_promise_excepts_the_blocks_that_do_not_compile() {
        let pages = std::fs::read_dir(crate::chapter::repo_root().join("src"))
            .expect("src/")
            .map(|entry| entry.expect("src/ entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "md"));
        let not_compiling = pages
            .map(|path| std::fs::read_to_string(path).expect("a page"))
            .map(|text| {
                let fences = text.lines().filter(|l| {
                    l.starts_with("```rust") && l.contains("compile_fail")
                });
                fences.count()
            })
            .sum::<usize>();
        let page = crate::chapter::page_text("introduction.md");
        let promise = "Every Rust block in this book is compiled and run by the \
                       test suite";
        let sentence = page
            .split_once(promise)
            .map(|(_, rest)| rest.split(". ").next().unwrap_or(rest))
            .expect("the introduction's promise");
        if not_compiling > 0 {
            assert!(
                sentence.contains("not to compile"),
                "{not_compiling} compile_fail blocks, and the promise says: \
                 {promise}{sentence}"
            );
        }
    }

    /// The page: "the Rust side asks for `i64` explicitly (`1..10` alone would
    /// give `i32`)", and "`array!` alone would give `i32`" in Listing 0-2.
    #[test]
    fn integers_without_a_type_are_i32() {
        fn element_type<A>(_: &Array<A, impl Dimension>) -> &'static str {
            std::any::type_name::<A>()
        }
        assert_eq!(element_type(&Array::from_iter(1..10)), "i32");
        assert_eq!(element_type(&array![[1, 2], [3, 4]]), "i32");
    }
}
