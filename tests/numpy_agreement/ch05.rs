//! ch05: the NumPy outputs the chapter shows, against the Rust outputs beside them (owned by
//! the chapter's editor; see `tests/numpy_agreement.rs` for the helpers).

use ndarray::prelude::*;

use super::{assert_outputs_agree, numpy_output};

const SLUG: &str = "ch05-products";

#[test]
fn elementwise_product() {
    assert_outputs_agree(SLUG, "elementwise", "elementwise");
}

#[test]
fn star_versus_dot() {
    assert_outputs_agree(SLUG, "star_versus_dot", "star_versus_dot");
}

/// The prose: `np.dot` and `@` differ in the sign of a zero: of two one-element operands,
/// `np.dot` keeps the sign of their product (-0.0) and `@` answers 0.0, as ndarray's `dot`
/// does for 0.0 and -1.0: as vectors, 1 × 1 matrices, and a 1 × 1 matrix times a vector.
/// (Not for every pair: its AVX-512 kernel gives -0.0 for [[1e-200]]·[[-1e-200]], which
/// `checked_dot`'s doc explains.)
#[test]
fn np_dot_keeps_the_sign_of_a_zero_that_at_and_dot_drop() {
    let numpy = numpy_output(SLUG, "dot_zero_sign");
    let lines: Vec<&str> = numpy.lines().collect();
    assert_eq!(lines, ["np.dot -0.0 [[-0.]] [-0.]", "@ 0.0 [[0.]] [0.]"]);
    let (a, b): (Array1<f64>, Array1<f64>) = (array![0.0], array![-1.0]);
    let (row, column) =
        (a.view().insert_axis(Axis(0)), b.view().insert_axis(Axis(1)));
    for product in [a.dot(&b), row.dot(&column)[[0, 0]], row.dot(&b)[0]] {
        assert_eq!(product.to_bits(), 0.0_f64.to_bits(), "{product:?}");
    }
    let chapter = super::support::words_of_repo_file("src/ch05-products.md");
    for said in [
        "(`np.dot([0.0], [-1.0])` is `-0.0`, and so is `np.dot([[0.0]], [[-1.0]])`)",
        "where `@` answers `0.0`",
        "with the operands above it answers `0.0`, as `@` does",
    ] {
        assert!(chapter.contains(said), "src/ch05-products.md: {said:?}");
    }
}

/// The prose: `np.dot` and `@` agree on 1-D and 2-D arrays only up to rounding (it once said
/// "except for the sign of a zero"). On a strided view, `@` runs NumPy's own loop where `np.dot`
/// copies the view and calls BLAS; the committed output shows a sum that differs in its last
/// bits, and `@` on a contiguous copy of the view answers as `np.dot` does. The page quotes it.
#[test]
fn np_dot_and_at_can_round_differently_on_a_view() {
    let numpy = numpy_output(SLUG, "dot_rounding");
    let values = |name: &str| -> Vec<f64> {
        let line = numpy
            .lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(" ["))
            .unwrap_or_else(|| {
                panic!("dot_rounding: no {name:?} line in {numpy:?}")
            });
        let list = line.strip_suffix(']').expect("a list");
        list.split(", ")
            .map(|x| x.parse().expect("a number"))
            .collect()
    };
    let (dot, at, copy) =
        (values("np.dot"), values("@"), values("@ on a copy"));
    assert_eq!(dot.len(), 2);
    assert_eq!(dot[0], at[0]);
    assert_ne!(
        dot[1], at[1],
        "np.dot and @ agree: the page's example needs another case"
    );
    assert_eq!(dot, copy);
    let chapter = super::support::words_of_repo_file("src/ch05-products.md");
    for said in [
        "the same for 1-D and 2-D arrays up to rounding and the sign of a zero"
            .to_string(),
        format!("`@` answers `{:?}` and `np.dot` `{:?}`", at[1], dot[1]),
    ] {
        assert!(chapter.contains(&said), "src/ch05-products.md: {said:?}");
    }
}
