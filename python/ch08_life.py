"""Chapter 8 (Game of Life): the tutorial's NumPy code and its output.

Run from the repository root:  python3 python/ch08_life.py
"""
import numpy as np

from book_outputs import Outputs
from life import iterate

out = Outputs("ch08-life")

out.begin("blinker")
# ANCHOR: blinker
Z = np.zeros((5, 5), dtype=np.uint8)
Z[2, 1:4] = 1
print(iterate(Z))
# ANCHOR_END: blinker
out.end()

out.begin("views_and_copies")
# ANCHOR: views_and_copies
Z = np.zeros((4, 4), dtype=np.uint8)
Z[1:-1, 1:-1][...] = 1     # a basic slice is a view: writes into Z
copy = Z[1:-1, 1:-1].copy()
copy[...] = 7              # changes the copy only
Z[Z == 1][...] = 7         # reading with a boolean index copies: Z is unchanged
print(Z)
# ANCHOR_END: views_and_copies
out.end()

out.begin("random_board")
# ANCHOR: random_board
Z = np.random.RandomState(42).choice([0, 1], size=(100, 100))
print(Z.dtype, "board, alive at the start:", Z.sum(), end="")
for _ in range(100):
    Z = iterate(Z)
print(", after 100 generations:", Z.sum())
# ANCHOR_END: random_board
out.end()
