"""Chapter 4 (newaxis): the tutorial's NumPy code and its output.

Run from the repository root:  python3 python/ch04_newaxis.py
"""
import numpy as np

from book_outputs import Outputs

out = Outputs("ch04-newaxis")

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
