//! Chapter 10's `NumPy → ndarray` table. Each function runs the ndarray side
//! of one row and checks it; the table in the book is generated from the very
//! code below.

use ndarray::prelude::*;

use crate::chapter::{numpy_row, numpy_rows, numpy_table, RowResult};
use crate::error::Result;

/// The table's markdown, built by running every row.
pub fn render() -> Result<String> {
    numpy_table(numpy_rows![where_positive])
}

fn where_positive() -> RowResult {
    let a = array![[-1, 2], [3, -4]];
    let kept = numpy_row!(
        "`np.where(a > 0, a, 0)`",
        a.mapv(|x| if x > 0 { x } else { 0 }),
        "one pass, one new array"
    );
    assert_eq!(kept, array![[0, 2], [3, 0]]);
    Ok(())
}
