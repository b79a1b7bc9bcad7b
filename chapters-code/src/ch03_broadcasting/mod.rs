//! Chapter 3, "Broadcasting": NumPy's three rules as code, and what ndarray does with them.

mod figures;

use std::fmt;

use ndarray::prelude::*;
use ndarray::{Dimension, IntoDimension};

use crate::chapter::{samples, Chapter, Figure};

pub use figures::render_broadcasting_diagrams;

/// What chapter 3 contributes to the book.
pub const CHAPTER: Chapter = Chapter {
    slug: "ch03-broadcasting",
    samples: samples![
        matrix_plus_scalar,
        matrix_plus_vector,
        column_plus_row,
        rules_step_by_step,
        both_stretched,
        incompatible_panics => panics,
        incompatible_checked,
        fix_with_new_axis,
        stride_zero_views,
        exercise_predict_shape,
        exercise_times_table,
    ],
    figures: &[Figure::new("diagrams.png", render_broadcasting_diagrams)],
    tables: &[],
};

// ANCHOR: broadcast_error
/// Shapes that cannot be broadcast together (NumPy's rule 3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BroadcastError {
    /// All the shapes that were to be broadcast, as given.
    pub shapes: Vec<Vec<usize>>,
    /// The axis of the result where they disagree, counted from the left.
    pub axis: usize,
    /// The disagreeing sizes found on that axis (none of them 1).
    pub sizes: Vec<usize>,
}

/// Formats a shape the way NumPy prints it: `(3,)`, `(3,2)`, `()`.
pub fn numpy_shape(shape: &[usize]) -> String {
    match shape {
        [one] => format!("({one},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(usize::to_string).collect();
            format!("({})", parts.join(","))
        }
    }
}

impl fmt::Display for BroadcastError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shapes: Vec<String> = self.shapes.iter().map(|s| numpy_shape(s)).collect();
        let sizes: Vec<String> = self.sizes.iter().map(usize::to_string).collect();
        write!(
            f,
            "operands could not be broadcast together with shapes {}: \
             on axis {} of the result the sizes {} differ and none of them is 1",
            shapes.join(" "),
            self.axis,
            sizes.join(" and ")
        )
    }
}

impl std::error::Error for BroadcastError {}
// ANCHOR_END: broadcast_error

// ANCHOR: broadcast_shapes
/// The shape that NumPy's broadcasting gives to any number of shapes
/// (`np.broadcast_shapes`), or the reason there is none.
///
/// Rule 1: shapes with fewer axes are padded with 1s on the left.
/// Rule 2: on each axis, a size of 1 is stretched to the other size.
/// Rule 3: on each axis, any two sizes that differ and are not 1 are an error.
///
/// A size of 0 is an ordinary size: 1 stretches to 0, but 0 and 3 do not match.
/// No shapes at all broadcast to the empty shape `()`, like `np.broadcast_shapes()`.
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Result<Vec<usize>, BroadcastError> {
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut result = vec![1; ndim];
    for (axis, size) in result.iter_mut().enumerate() {
        // Rule 1: axis `axis` of the result is axis `axis - (ndim - len)` of a shorter shape,
        // and the padded (missing) axes count as size 1.
        let sizes_here = shapes.iter().filter_map(|s| {
            let pad = ndim - s.len();
            axis.checked_sub(pad).map(|i| s[i])
        });
        let mut stretched: Vec<usize> = sizes_here.filter(|&n| n != 1).collect(); // rule 2
        stretched.sort_unstable();
        stretched.dedup();
        match stretched.as_slice() {
            [] => *size = 1,
            [only] => *size = *only,
            _ => {
                return Err(BroadcastError {
                    shapes: shapes.iter().map(|s| s.to_vec()).collect(),
                    axis,
                    sizes: stretched,
                })
            }
        }
    }
    Ok(result)
}
// ANCHOR_END: broadcast_shapes

// ANCHOR: checked_add
/// `&a + &b`, but returning a [`BroadcastError`] instead of panicking when the shapes are
/// incompatible.
pub fn checked_add<A, S1, S2, D1, D2>(
    a: &ArrayBase<S1, D1>,
    b: &ArrayBase<S2, D2>,
) -> Result<ArrayD<A>, BroadcastError>
where
    A: Clone + std::ops::Add<Output = A>,
    S1: ndarray::Data<Elem = A>,
    S2: ndarray::Data<Elem = A>,
    D1: Dimension,
    D2: Dimension,
{
    let shape = broadcast_shapes(&[a.shape(), b.shape()])?;
    let dim = shape.clone().into_dimension();
    // Both broadcasts succeed: `shape` is what the rules say both stretch to.
    let (Some(a), Some(b)) = (a.broadcast(dim.clone()), b.broadcast(dim)) else {
        unreachable!("broadcast_shapes agreed to {shape:?}");
    };
    Ok(&a + &b)
}
// ANCHOR_END: checked_add

// ANCHOR: matrix_plus_scalar
/// The simplest case: a scalar is added to every element.
pub fn matrix_plus_scalar() {
    let m = Array2::<f64>::ones((3, 3));
    let scalar = 2.0;
    let m_added = &m + scalar; // NumPy: M + scalar
    println!("M + {scalar}:\n{m_added}");
    assert_eq!(m_added, Array2::from_elem((3, 3), 3.0));
}
// ANCHOR_END: matrix_plus_scalar

// ANCHOR: matrix_plus_vector
/// A vector is added to every row.
pub fn matrix_plus_vector() {
    let m = Array2::<f64>::ones((3, 3));
    let v = array![0.0, 1.0, 2.0];
    let m_added = &m + &v; // NumPy: M + v
    println!("{m_added}");
    assert_eq!(m_added.row(2), array![1.0, 2.0, 3.0]);
}
// ANCHOR_END: matrix_plus_vector

// ANCHOR: column_plus_row
/// Both operands are stretched: a column (3, 1) plus a row (3,) is a (3, 3) table.
pub fn column_plus_row() {
    let a = Array::from_iter(0..3); // np.arange(3)
    let b = Array::from_iter(0..3).insert_axis(Axis(1)); // np.arange(3)[:, np.newaxis]
    println!("a: {a}\nb:\n{b}");
    let summed = &a + &b;
    println!("summed:\n{summed}");
    assert_eq!(summed, array![[0, 1, 2], [1, 2, 3], [2, 3, 4]]);
}
// ANCHOR_END: column_plus_row

// ANCHOR: rules_step_by_step
/// (2, 3) + (3,), rule by rule, with the rules as code.
pub fn rules_step_by_step() {
    let m = Array2::<f64>::ones((2, 3));
    let a = Array::range(0.0, 3.0, 1.0);
    println!(
        "M.shape = {}, a.shape = {}",
        numpy_shape(m.shape()),
        numpy_shape(a.shape())
    );

    // Rule 1 pads a's shape on the left: (3,) -> (1, 3). Rule 2 stretches 1 -> 2.
    let shape = broadcast_shapes(&[m.shape(), a.shape()]).expect("compatible");
    println!("broadcast shape = {}", numpy_shape(&shape));
    println!("M + a =\n{}", &m + &a);
    assert_eq!(shape, vec![2, 3]);
}
// ANCHOR_END: rules_step_by_step

// ANCHOR: both_stretched
/// (3, 1) + (3,): the row is padded to (1, 3), then both are stretched to (3, 3).
pub fn both_stretched() {
    let a = Array::from_iter(0..3)
        .into_shape_with_order((3, 1))
        .expect("3 elements make a 3×1 array"); // np.arange(3).reshape((3, 1))
    let b = Array::from_iter(0..3);
    let shape = broadcast_shapes(&[a.shape(), b.shape()]).expect("compatible");
    println!(
        "{} + {} -> {}",
        numpy_shape(a.shape()),
        numpy_shape(b.shape()),
        numpy_shape(&shape)
    );
    println!("{}", &a + &b);
    assert_eq!(shape, vec![3, 3]);
}
// ANCHOR_END: both_stretched

// ANCHOR: incompatible_panics
/// ndarray's `+` on incompatible shapes panics, like NumPy raises a `ValueError`.
pub fn incompatible_panics() {
    let m = Array2::<f64>::ones((3, 2));
    let a = Array::range(0.0, 3.0, 1.0);
    let _ = &m + &a; // panics: (3, 2) and (3,) do not broadcast
}
// ANCHOR_END: incompatible_panics

// ANCHOR: incompatible_checked
/// Checking first turns the panic into an error value with a useful message.
pub fn incompatible_checked() {
    let m = Array2::<f64>::ones((3, 2));
    let a = Array::range(0.0, 3.0, 1.0);
    match checked_add(&m, &a) {
        Ok(sum) => println!("{sum}"),
        Err(e) => println!("error: {e}"),
    }
    assert!(checked_add(&m, &a).is_err());
    assert!(m.broadcast((3, 3)).is_none()); // ndarray's own check: no view possible
}
// ANCHOR_END: incompatible_checked

// ANCHOR: fix_with_new_axis
/// The fix: make `a` a column, so rule 1 has nothing to pad and rule 2 stretches it.
pub fn fix_with_new_axis() {
    let m = Array2::<f64>::ones((3, 2));
    let a = Array::range(0.0, 3.0, 1.0);
    let a = a.slice(s![.., NewAxis]); // NumPy: a[:, np.newaxis]
    println!("a.shape = {}", numpy_shape(a.shape()));
    let sum = &m + &a;
    println!("M + a =\n{sum}");
    assert_eq!(sum, array![[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]);
}
// ANCHOR_END: fix_with_new_axis

// ANCHOR: stride_zero_views
/// "No real expansion is performed": a broadcast view repeats data with a stride of 0.
pub fn stride_zero_views() {
    let v = array![0.0, 1.0, 2.0];
    let stretched = v.broadcast((4, 3)).expect("(3,) broadcasts to (4, 3)");
    println!("v: shape {:?}, strides {:?}", v.shape(), v.strides());
    println!(
        "stretched: shape {:?}, strides {:?}",
        stretched.shape(),
        stretched.strides()
    );
    println!("{stretched}");

    // Moving down a row moves 0 elements in memory: every row is the same 3 numbers.
    assert_eq!(stretched.strides(), &[0, 1]);
    assert_eq!(stretched.as_ptr(), v.as_ptr()); // the same memory, not a copy
    assert_eq!(stretched.len(), 12); // 12 elements seen through 3 stored
}
// ANCHOR_END: stride_zero_views

// ANCHOR: exercise_predict_shape
/// Exercise: predict the broadcast shape of (8, 1, 6, 1) and (7, 1, 5), then check it.
pub fn exercise_predict_shape() {
    // Rule 1: (7, 1, 5) -> (1, 7, 1, 5). Rule 2, axis by axis: 8|1, 1|7, 6|1, 1|5.
    let shape = broadcast_shapes(&[&[8, 1, 6, 1], &[7, 1, 5]]).expect("compatible");
    println!("{}", numpy_shape(&shape));
    assert_eq!(shape, vec![8, 7, 6, 5]);
}
// ANCHOR_END: exercise_predict_shape

// ANCHOR: exercise_times_table
/// Exercise: a 5 × 5 multiplication table from two ranges, by broadcasting.
pub fn exercise_times_table() {
    let row = Array::from_iter(1..=5);
    let column = row.view().insert_axis(Axis(1));
    let table = &column * &row; // (5, 1) * (5,) -> (5, 5)
    println!("{table}");
    assert_eq!(table[[2, 3]], 3 * 4);
}
// ANCHOR_END: exercise_times_table

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(shapes: &[&[usize]]) -> Vec<usize> {
        broadcast_shapes(shapes).expect("compatible")
    }

    #[test]
    fn numpy_documented_cases() {
        // From the NumPy broadcasting documentation and np.broadcast_shapes examples.
        assert_eq!(ok(&[&[256, 256, 3], &[3]]), vec![256, 256, 3]);
        assert_eq!(ok(&[&[8, 1, 6, 1], &[7, 1, 5]]), vec![8, 7, 6, 5]);
        assert_eq!(ok(&[&[5, 4], &[1]]), vec![5, 4]);
        assert_eq!(ok(&[&[5, 4], &[4]]), vec![5, 4]);
        assert_eq!(ok(&[&[15, 3, 5], &[15, 1, 5]]), vec![15, 3, 5]);
        assert_eq!(ok(&[&[15, 3, 5], &[3, 5]]), vec![15, 3, 5]);
        assert_eq!(ok(&[&[15, 3, 5], &[3, 1]]), vec![15, 3, 5]);
        assert_eq!(ok(&[&[1, 2], &[3, 1], &[3, 2]]), vec![3, 2]);
        assert_eq!(ok(&[&[6, 7], &[5, 6, 1], &[7], &[5, 1, 7]]), vec![5, 6, 7]);
        assert!(broadcast_shapes(&[&[3], &[4]]).is_err());
        assert!(broadcast_shapes(&[&[2, 1], &[8, 4, 3]]).is_err());
    }

    #[test]
    fn empty_shapes_and_scalars() {
        assert_eq!(ok(&[]), Vec::<usize>::new()); // np.broadcast_shapes() == ()
        assert_eq!(ok(&[&[]]), Vec::<usize>::new());
        assert_eq!(ok(&[&[], &[3, 2]]), vec![3, 2]); // a scalar broadcasts to anything
    }

    #[test]
    fn zero_size_axes() {
        // np.broadcast_shapes((0,), (1,)) == (0,); ((0, 3), (3,)) == (0, 3)
        assert_eq!(ok(&[&[0], &[1]]), vec![0]);
        assert_eq!(ok(&[&[0, 3], &[3]]), vec![0, 3]);
        assert_eq!(ok(&[&[0], &[0]]), vec![0]);
        assert_eq!(ok(&[&[2, 0], &[1, 1]]), vec![2, 0]);
        // np.broadcast_shapes((0,), (3,)) raises ValueError
        let err = broadcast_shapes(&[&[0], &[3]]).expect_err("0 and 3");
        assert_eq!(err.sizes, vec![0, 3]);
    }

    #[test]
    fn the_error_names_shapes_and_axis() {
        let err = broadcast_shapes(&[&[3, 2], &[3]]).expect_err("incompatible");
        assert_eq!(err.axis, 1);
        assert_eq!(
            err.to_string(),
            "operands could not be broadcast together with shapes (3,2) (3,): \
             on axis 1 of the result the sizes 2 and 3 differ and none of them is 1"
        );
        let err: Box<dyn std::error::Error> = Box::new(err);
        assert!(err
            .to_string()
            .starts_with("operands could not be broadcast"));
    }

    #[test]
    fn numpy_shape_formatting() {
        assert_eq!(numpy_shape(&[]), "()");
        assert_eq!(numpy_shape(&[3]), "(3,)");
        assert_eq!(numpy_shape(&[3, 2]), "(3,2)");
    }

    #[test]
    #[should_panic]
    fn ndarray_panics_on_incompatible_shapes() {
        incompatible_panics();
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        fn shape() -> impl Strategy<Value = Vec<usize>> {
            prop::collection::vec(prop_oneof![Just(1usize), Just(0), 2usize..4], 0..4)
        }

        proptest! {
            #[test]
            fn agrees_with_what_ndarray_arithmetic_accepts(a in shape(), b in shape()) {
                let x = ArrayD::<i32>::zeros(IxDyn(&a));
                let y = ArrayD::<i32>::zeros(IxDyn(&b));
                let ours = broadcast_shapes(&[&a, &b]);
                let theirs = std::panic::catch_unwind(|| (&x + &y).shape().to_vec());
                match (ours, theirs) {
                    (Ok(shape), Ok(sum_shape)) => prop_assert_eq!(shape, sum_shape),
                    (Err(_), Err(_)) => {}
                    (ours, theirs) => prop_assert!(false, "ours {:?}, ndarray {:?}", ours, theirs.is_ok()),
                }
            }

            #[test]
            fn is_symmetric_and_every_operand_broadcasts_to_it(a in shape(), b in shape(), c in shape()) {
                let abc = broadcast_shapes(&[&a, &b, &c]);
                let cba = broadcast_shapes(&[&c, &b, &a]);
                prop_assert_eq!(abc.as_ref().ok(), cba.as_ref().ok());
                if let Ok(shape) = abc {
                    for s in [&a, &b, &c] {
                        let x = ArrayD::<i32>::zeros(IxDyn(s));
                        prop_assert!(x.broadcast(IxDyn(&shape)).is_some());
                    }
                }
            }
        }
    }
}
