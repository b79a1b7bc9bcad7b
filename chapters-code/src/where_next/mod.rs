//! Where next: the crates a reader goes on to, each with a tested sample where it fits the
//! book's stack (std, ndarray and the crates the companion crate already builds).

use ndarray::prelude::*;
use ndarray::Zip;

use crate::chapter::{samples, Chapter};

/// What the "Where next" page contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "where-next",
    samples: samples![quantiles_and_argmin, all_cores],
    figures: &[],
    tables: &[],
};

// ANCHOR: quantiles_and_argmin
/// `np.quantile`, `np.argmin` and `np.max` with ndarray-stats.
///
/// # Panics
/// If one of its `assert`s fails (its `expect`s hold for these values).
pub fn quantiles_and_argmin() {
    use ndarray_stats::{interpolate::Linear, QuantileExt};
    use noisy_float::types::n64;

    let mut data = array![[4.0, 1.0, 9.0, 7.0], [2.0, 8.0, 3.0, 5.0]];
    let mean = data.mean().expect("not empty");
    println!("mean: {mean}");

    // np.nanquantile(data, q, axis=1), the default "linear" method; with
    // no NaN in the data it is np.quantile. (`quantile_axis_mut` wants an
    // `Ord` element, which f64 is not.) `_mut`: each row is reordered in
    // place, as np.partition would do.
    let q25 = data
        .quantile_axis_skipnan_mut(Axis(1), n64(0.25), &Linear)
        .expect("q is in [0, 1] and the rows are not empty");
    let median = data
        .quantile_axis_skipnan_mut(Axis(1), n64(0.5), &Linear)
        .expect("q is in [0, 1] and the rows are not empty");
    println!("25th percentiles: {q25}");
    println!("medians: {median}");

    // np.unravel_index(np.argmin(data), data.shape): ndarray-stats
    // returns the index pattern at once.
    let data = array![[4.0, 1.0, 9.0, 7.0], [2.0, 8.0, 3.0, 5.0]];
    let (row, column) = data.argmin().expect("no NaN, not empty");
    println!("argmin: ({row}, {column})");

    // np.max gives nan when a NaN is present; ndarray-stats says why it
    // cannot answer, and `max_skipnan` is np.nanmax.
    let with_nan = array![1.0, f64::NAN, 3.0];
    println!("max: {:?}", with_nan.max());
    println!("max_skipnan: {}", with_nan.max_skipnan());

    assert_eq!(median, array![5.5, 4.0]);
    assert_eq!((row, column), (0, 1));
    assert!(with_nan.max().is_err());
}
// ANCHOR_END: quantiles_and_argmin

// ANCHOR: all_cores
/// The length of every row of a large matrix, on one core and on all of
/// them with ndarray's `rayon` feature (`par_for_each`).
///
/// # Panics
/// If one of its `assert`s fails.
pub fn all_cores() {
    let points = Array::from_shape_fn((200_000, 3), |(i, j)| {
        ((i * 3 + j) % 17) as f64
    });
    let one_core: Array1<f64> =
        points.map_axis(Axis(1), |row| row.dot(&row).sqrt());

    let mut all_cores = Array1::<f64>::zeros(points.nrows());
    Zip::from(&mut all_cores)
        .and(points.rows())
        .par_for_each(|length, row| *length = row.dot(&row).sqrt());

    println!("first lengths: {}", all_cores.slice(s![..3]));
    // Each row is computed the same way on either path: identical bits
    // (`==` on floats would take -0.0 for 0.0).
    assert_eq!(one_core.mapv(f64::to_bits), all_cores.mapv(f64::to_bits));
}
// ANCHOR_END: all_cores

#[cfg(test)]
mod tests {
    /// The page states the number of rows Listing 10-2 builds: read from the
    /// listing's own source, since the listing shows the literal.
    #[test]
    fn the_prose_states_the_rows_of_the_all_cores_listing() {
        let source = include_str!("mod.rs");
        let rows: u64 = source
            .split("Array::from_shape_fn((")
            .nth(1)
            .and_then(|rest| rest.split(',').next())
            .and_then(|digits| digits.replace('_', "").parse().ok())
            .expect("all_cores builds its points with from_shape_fn((ROWS, …");
        let said = format!(
            "Listing 10-2 computes the length of {} rows",
            crate::results::format_size(rows)
        );
        crate::chapter::assert_page_says("where-next.md", &said);
    }

    /// The page said `max_skipnan` is `np.nanmax` except on an empty array;
    /// the sign of a zero maximum can differ too. ndarray-stats keeps the last
    /// of equal values (`Ord::max`): `[-0.0, 0.0]` gives 0.0, where NumPy 2.4.6's
    /// `np.nanmax(np.array([-0.0, 0.0]))` gives -0.0 (and `np.nanmax` of the
    /// same Python list 0.0: its answer depends on the path it takes).
    #[test]
    fn max_skipnan_signs_a_tied_zero_its_own_way() {
        use ndarray::array;
        use ndarray_stats::QuantileExt;
        let max = *array![-0.0, 0.0_f64].max_skipnan();
        assert!(max == 0.0 && max.is_sign_positive(), "{max:?}");
        let said = "and in the sign of a zero maximum where 0.0 and -0.0 tie";
        let text = crate::chapter::page_text("where-next.md");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(said), "src/where-next.md: {said:?}");
    }

    /// Where ndarray's `dot` calls BLAS: the page once said "for all but the smallest
    /// products", leaving out the layouts BLAS cannot take, which chapter 5 names (and
    /// which fall back to matrixmultiply). Both pages now state the same two exceptions.
    #[test]
    fn the_blas_exceptions_are_chapter_5s() {
        let said = "except in the smallest products and for layouts BLAS cannot take";
        for page in ["where-next.md", "ch05-products.md"] {
            let text = crate::chapter::page_text(page);
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(text.contains(said), "src/{page}: {said:?}");
        }
    }
}
