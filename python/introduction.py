"""The NumPy side of the introduction. Run: python3 python/introduction.py"""
import numpy as np

# ANCHOR: first_array
a = np.arange(1, 10).reshape(3, 3)
print("a =")
print(a)
print(f"shape: {a.shape}, dtype: {a.dtype}, bytes: {a.nbytes}")
# ANCHOR_END: first_array

# ANCHOR: matrix_product
a = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
b = np.array([[1, 0, 2], [0, 1, 0], [2, 0, 1]])
print("a * b =")
print(a * b)
print()
print("a @ b =")
print(a @ b)
# ANCHOR_END: matrix_product
