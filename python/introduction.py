"""The NumPy side of the introduction.

Run from the repository root:  python3 python/introduction.py
It rewrites python/outputs/introduction/*.txt, which the book includes.
"""
import numpy as np

from book_outputs import Outputs

out = Outputs("introduction")

out.begin("first_array")
# ANCHOR: first_array
a = np.arange(1, 10).reshape(3, 3)
print("a =")
print(a)
print(f"shape: {a.shape}, dtype: {a.dtype}, bytes: {a.nbytes}")
# ANCHOR_END: first_array
out.end()

out.begin("matrix_product")
# ANCHOR: matrix_product
a = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
b = np.array([[1, 0, 2], [0, 1, 0], [2, 0, 1]])
elementwise = a * b
product = a @ b  # or np.dot(a, b)
print("a * b =")
print(elementwise)
print()
print("a @ b =")
print(product)
# ANCHOR_END: matrix_product
out.end()
