"""Chapter 3 (broadcasting): the tutorial's NumPy code and its output.

Run from the repository root:  python3 python/ch03_broadcasting.py
"""
import numpy as np

from book_outputs import Outputs

out = Outputs("ch03-broadcasting")

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
