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
