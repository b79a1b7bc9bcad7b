"""Chapters 3-5 (broadcasting, newaxis, dot versus *): the tutorial's NumPy code and its output.

Run from the repository root:  python3 python/ch03_05_broadcasting.py
"""
import numpy as np

from book_outputs import Outputs

out = Outputs("ch03-05")

out.begin("matrix_plus_scalar")
# ANCHOR: matrix_plus_scalar
M = np.ones((3, 3))
scalar = 2
M_added = M + scalar
print("M +", scalar, ":")
print(M_added)
# ANCHOR_END: matrix_plus_scalar
out.end()

out.begin("matrix_plus_vector")
# ANCHOR: matrix_plus_vector
M = np.ones((3, 3))
v = np.array([0, 1, 2])
M_added = M + v
print(M_added)
# ANCHOR_END: matrix_plus_vector
out.end()

out.begin("column_plus_row")
# ANCHOR: column_plus_row
a = np.arange(3)
b = np.arange(3)[:, np.newaxis]
print("a:", a)
print("b:\n", b)
summed = a + b
print("\nSummed:")
print(summed)
# ANCHOR_END: column_plus_row
out.end()

out.begin("rules_step_by_step")
# ANCHOR: rules_step_by_step
M = np.ones((2, 3))
a = np.arange(3)
print("M:", M.shape, " a:", a.shape)
print("broadcast shape:", np.broadcast_shapes(M.shape, a.shape))
print(M + a)
# ANCHOR_END: rules_step_by_step
out.end()

out.begin("both_stretched")
# ANCHOR: both_stretched
a = np.arange(3).reshape((3, 1))
b = np.arange(3)
print(a.shape, "+", b.shape, "->", np.broadcast_shapes(a.shape, b.shape))
print(a + b)
# ANCHOR_END: both_stretched
out.end()

out.begin("incompatible")
# ANCHOR: incompatible
M = np.ones((3, 2))
a = np.arange(3)
try:
    M + a
except ValueError as e:
    print("ValueError:", e)
# ANCHOR_END: incompatible
out.end()

out.begin("fix_with_new_axis")
# ANCHOR: fix_with_new_axis
a = a[:, np.newaxis]
print("a:", a.shape)
print(M + a)
# ANCHOR_END: fix_with_new_axis
out.end()

out.begin("stride_zero")
# ANCHOR: stride_zero
v = np.array([0.0, 1.0, 2.0])
stretched = np.broadcast_to(v, (4, 3))
print("strides in bytes:", v.strides, stretched.strides)
print("shares memory:", np.shares_memory(v, stretched))
# ANCHOR_END: stride_zero
out.end()

out.begin("newaxis")
# ANCHOR: newaxis
print(np.newaxis is None)
arr = np.arange(3)
row_vec = arr[np.newaxis, :]
print(row_vec.shape)
print(row_vec)
col_vec = arr[:, np.newaxis]
print(col_vec.shape)
print(col_vec)
# ANCHOR_END: newaxis
out.end()

out.begin("many_new_axes")
# ANCHOR: many_new_axes
M = np.ones((5, 5))
print(M[np.newaxis, :, :, np.newaxis, np.newaxis].shape)
print(M[np.newaxis, ..., np.newaxis, np.newaxis].shape)
try:
    M.reshape(1, -1, -1, 1, 1).shape
except ValueError as e:
    print("ValueError:", e)
print(M.reshape(1, *M.shape, 1, 1).shape)
# ANCHOR_END: many_new_axes
out.end()

out.begin("elementwise")
# ANCHOR: elementwise
A = np.full((2, 2), 2)
B = np.full((2, 2), 3)
print("A*B:")
print(A * B)
# ANCHOR_END: elementwise
out.end()

out.begin("star_versus_dot")
# ANCHOR: star_versus_dot
A = np.arange(1, 10).reshape(3, 3)
B = np.full((3,), 3)
print("A*B:")
print(A * B)
print("A@B:")
print(A @ B)
# ANCHOR_END: star_versus_dot
out.end()

out.begin("mismatch")
# ANCHOR: mismatch
try:
    np.ones((2, 3)) @ np.ones((2, 2))
except ValueError as e:
    print("ValueError:", e)
# ANCHOR_END: mismatch
out.end()
