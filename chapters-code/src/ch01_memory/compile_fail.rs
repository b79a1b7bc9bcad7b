//! Code that must NOT compile, shown by chapter 1's `compile_fail` blocks.
//!
//! No `mod` declares this file: cargo never builds it. The book includes each
//! anchor into a ```` ```rust,compile_fail,E…```` block, and `mdbook test`
//! (rustdoc) checks that it fails to compile with exactly that error.

// ANCHOR: no_promotion
let m = array![[1.0, 2.0], [3.0, 4.0]];
let shifted = &m + 2; // does not compile: error[E0277]
let halves = &array![1_i64, 2] + 0.5; // nor this: error[E0277]
// ANCHOR_END: no_promotion

// ANCHOR: moved_by_insert_axis
let x = array![1.0, 2.0, 3.0];
// error[E0382]: use of moved value: `x`
let d = &x.insert_axis(Axis(1)) - &x.insert_axis(Axis(0));
// ANCHOR_END: moved_by_insert_axis

// ANCHOR: view_outlives_write
let mut a = Array2::<f64>::zeros((3, 4));
let row = a.row(1); // borrows `a` for as long as `row` is used
// does not compile (E0502): `row`, used below, still borrows `a`
a.slice_mut(s![1.., ..]).fill(1.0);
println!("{row}");
// ANCHOR_END: view_outlives_write
