//! Every error the companion crate can return, with its message: a clear error is part of the
//! API the book teaches, so its wording is pinned by an insta snapshot
//! (`tests/snapshots/errors__error_messages.snap`).

use chapters_code::broadcasting::broadcast_shapes;
use chapters_code::convolution::{convolve2d, correlate2d, Mode};
use chapters_code::knn::{argpartition_rows, k_nearest};
use chapters_code::meshgrid::numpy_arange;
use chapters_code::newaxis::infer_shape;
use chapters_code::products::checked_dot;
use ndarray::Array2;

#[test]
fn error_messages() {
    let mut messages = Vec::new();
    let mut show = |what: &str, message: String| {
        messages.push(format!("{what}\n  {message}"))
    };

    let e = broadcast_shapes(&[&[3, 2], &[3]]).expect_err("(3, 2) and (3,)");
    show("broadcast_shapes((3, 2), (3,))", e.to_string());
    let e = broadcast_shapes(&[&[0], &[3]]).expect_err("(0,) and (3,)");
    show("broadcast_shapes((0,), (3,))", e.to_string());
    let e = broadcast_shapes(&[&[8, 4, 3], &[2, 1], &[5, 3]])
        .expect_err("three shapes");
    show("broadcast_shapes((8, 4, 3), (2, 1), (5, 3))", e.to_string());

    for shape in [&[1, -1, -1, 1, 1][..], &[4, -1], &[-2, 3]] {
        let e = infer_shape(25, shape).expect_err("does not fit 25");
        show(&format!("infer_shape(25, {shape:?})"), e.to_string());
    }

    let e =
        checked_dot(Array2::zeros((2, 3)).view(), Array2::zeros((2, 2)).view())
            .expect_err("2×3 · 2×2");
    show("checked_dot(2×3, 2×2)", e.to_string());

    let d = Array2::<f64>::zeros((4, 4));
    show(
        "argpartition_rows(4×4, 4)",
        argpartition_rows(d.view(), 4)
            .expect_err("kth = 4")
            .to_string(),
    );
    show(
        "argpartition_rows(3×1, 1)",
        argpartition_rows(Array2::<f64>::zeros((3, 1)).view(), 1)
            .expect_err("kth = 1")
            .to_string(),
    );
    show(
        "k_nearest(4 points, 4)",
        k_nearest(d.view(), 4).expect_err("k = 4").to_string(),
    );
    show(
        "k_nearest(1 point, 1)",
        k_nearest(Array2::<f64>::zeros((1, 1)).view(), 1)
            .expect_err("k = 1")
            .to_string(),
    );

    let ones = Array2::<i64>::ones((2, 5));
    let e = convolve2d(ones.view(), Array2::ones((3, 2)).view(), Mode::Valid)
        .expect_err("no containment");
    show("convolve2d(2×5, 3×2, Valid)", e.to_string());
    let e = convolve2d(
        Array2::<i64>::zeros((0, 3)).view(),
        Array2::ones((3, 2)).view(),
        Mode::Same,
    )
    .expect_err("empty");
    show("convolve2d(0×3, 3×2, Same)", e.to_string());
    let e = correlate2d(
        Array2::<i64>::zeros((0, 3)).view(),
        Array2::ones((1, 1)).view(),
        Mode::Full,
    )
    .expect_err("empty");
    show("correlate2d(0×3, 1×1, Full)", e.to_string());

    for (start, stop, step) in [
        (0.0, 1.0, 0.0),
        (0.0, f64::NAN, 1.0),
        (0.0, f64::INFINITY, 1.0),
        (0.0, f64::NEG_INFINITY, 1.0),
        (1.0, 0.0, 1e-300),
        (0.0, 1e18, 1.0),
    ] {
        let e = numpy_arange(start, stop, step).expect_err("NumPy raises");
        show(
            &format!("numpy_arange({start:?}, {stop:?}, {step:?})"),
            e.to_string(),
        );
    }

    insta::assert_snapshot!("error_messages", messages.join("\n\n"));
}
