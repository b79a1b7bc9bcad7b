"""Chapter 5 (dot versus *): the tutorial's NumPy code and its output.

Run from the repository root:  python3 python/ch05_products.py
"""
import textwrap

import numpy as np

from book_outputs import Outputs

out = Outputs("ch05-products")

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
    print("ValueError:", textwrap.fill(str(e), 66))  # wrapped for the page
# ANCHOR_END: mismatch
out.end()

# Not shown: the sign of a zero product, which the chapter's prose states. np.dot of two
# vectors (or a 1 x 1 product) keeps the sign of a single -0.0 term; @, like BLAS's gemm and
# ndarray's dot, adds it to 0.0. Each line: a single product 0.0 * -1.0, as vectors, 1 x 1
# matrices, and a 1 x 1 matrix times a vector.
out.begin("dot_zero_sign")
a, b = np.array([0.0]), np.array([-1.0])
for name, product in [("np.dot", np.dot), ("@", np.matmul)]:
    print(name, product(a, b), product(a[np.newaxis], b[:, np.newaxis]), product(a[np.newaxis], b))
out.end()

# Not shown: np.dot and @ can add in different orders, which the chapter's prose states. On a
# strided view that BLAS cannot take, @ runs NumPy's own loop, where np.dot copies the view and
# calls BLAS (whose kernels fuse products into sums): the last bits of a sum can differ. Each
# line: np.dot, @, and @ on a contiguous copy of the view.
out.begin("dot_rounding")
A = np.array([[0.5, 0.0, 1.0], [0.1, 0.0, 0.9]])[:, ::2]  # [[0.5, 1.0], [0.1, 0.9]], a view
v = np.array([0.3, 0.4])
print("np.dot", np.dot(A, v).tolist())
print("@", (A @ v).tolist())
print("@ on a copy", (A.copy() @ v).tolist())
out.end()
