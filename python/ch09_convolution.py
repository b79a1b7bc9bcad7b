"""Chapter 9 (convolution): the tutorial's NumPy code and its outputs.

Run from the repository root:  python3 python/ch09_convolution.py
"""
import numpy as np
from scipy import signal

from book_outputs import Outputs

out = Outputs("ch09-convolution")

out.begin("convolution")
# ANCHOR: convolution
filters = np.array([[1, 1, 1],
                    [1, 0, 1],
                    [1, 1, 1]])
Z = np.random.RandomState(42).choice([0, 1], size=(10, 10))
N1 = (Z[0:-2, 0:-2] + Z[0:-2, 1:-1] + Z[0:-2, 2:] +
      Z[1:-1, 0:-2] + Z[1:-1, 2:] +
      Z[2:, 0:-2] + Z[2:, 1:-1] + Z[2:, 2:])
N2 = signal.convolve2d(Z, filters, mode='valid')
print("Are N1 and N2 identical?")
print(np.array_equal(N1, N2))
# ANCHOR_END: convolution
out.end()

out.begin("modes")
# ANCHOR: modes
a = np.arange(1, 21).reshape(4, 5)
k = np.array([[1, 2], [3, 4], [5, 6]])
for mode in ["full", "same", "valid"]:
    print(mode, signal.convolve2d(a, k, mode=mode).shape)
print(signal.convolve2d(a, k, mode="valid"))
try:
    signal.convolve2d(np.ones((2, 5)), np.ones((3, 2)), mode="valid")
except ValueError as e:
    print("ValueError:", e)
# ANCHOR_END: modes
out.end()
