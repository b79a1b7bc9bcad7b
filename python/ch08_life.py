"""Chapter 8 (Game of Life): the tutorial's NumPy code and its output.

Run from the repository root:  python3 python/ch08_life.py
"""
import numpy as np

from book_outputs import Outputs
from life import iterate

out = Outputs("ch08-life")

out.begin("random_board")
# ANCHOR: random_board
Z = np.random.RandomState(42).choice([0, 1], size=(100, 100))
print("alive at the start:", Z.sum(), end="")
for _ in range(100):
    Z = iterate(Z)
print(", after 100 generations:", Z.sum())
# ANCHOR_END: random_board
out.end()
