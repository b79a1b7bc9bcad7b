"""Chapter 4 (newaxis): the tutorial's NumPy code and its output.

Run from the repository root:  python3 python/ch04_newaxis.py
"""
import numpy as np

from book_outputs import Outputs

out = Outputs("ch04-newaxis")

out.begin("row_and_column")
# ANCHOR: row_and_column
print(np.newaxis is None)
arr = np.arange(3)
print("arr.shape =", arr.shape)
row_vec = arr[np.newaxis, :]
print("row_vec.shape =", row_vec.shape)
print(row_vec)
col_vec = arr[:, np.newaxis]
print("col_vec.shape =", col_vec.shape)
print(col_vec)
# ANCHOR_END: row_and_column
out.end()

out.begin("many_new_axes")
# ANCHOR: many_new_axes
M = np.ones((5, 5))
print(M[np.newaxis, :, :, np.newaxis, np.newaxis].shape)
print(M[np.newaxis, ..., np.newaxis, np.newaxis].shape)
print(np.expand_dims(M, (0, 3, 4)).shape)
# ANCHOR_END: many_new_axes
out.end()

out.begin("reshape_with_inferred_axis")
# ANCHOR: reshape_with_inferred_axis
arr = np.arange(3)
print("reshape(-1, 1) ->", arr.reshape(-1, 1).shape)
print("reshape(1, -1) ->", arr.reshape(1, -1).shape)
M = np.ones((5, 5))
try:
    M.reshape(1, -1, -1, 1, 1)
except ValueError as e:
    print("M.reshape(1, -1, -1, 1, 1): ValueError:\n ", e)
print("M.reshape(1, *M.shape, 1, 1) ->", M.reshape(1, *M.shape, 1, 1).shape)
# ANCHOR_END: reshape_with_inferred_axis
out.end()

out.begin("image_for_a_cnn")
# ANCHOR: image_for_a_cnn
image = np.zeros((28, 28), dtype=np.float32)
batch = image[np.newaxis, np.newaxis]
print(image.shape, "->", batch.shape)
print("shares memory:", np.shares_memory(image, batch))
# ANCHOR_END: image_for_a_cnn
out.end()
