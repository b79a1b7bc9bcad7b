"""Chapter 9 (convolution): the tutorial's NumPy code and its outputs.

Run from the repository root:  python3 python/ch09_convolution.py
"""
import textwrap

import numpy as np
from scipy import signal

from book_outputs import Outputs

out = Outputs("ch09-convolution")

out.begin("neighbours_by_convolution")
# ANCHOR: neighbours_by_convolution
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
# ANCHOR_END: neighbours_by_convolution
out.end()

out.begin("three_modes")
# ANCHOR: three_modes
a = np.arange(1, 21).reshape(4, 5)
k = np.array([[1, 2], [3, 4], [5, 6]])
for mode in ["full", "same", "valid"]:
    result = signal.convolve2d(a, k, mode=mode)
    print(mode, result.shape)
    print(result)
try:
    signal.convolve2d(np.ones((2, 5)), np.ones((3, 2)), mode="valid")
except ValueError as e:
    print("ValueError:", textwrap.fill(str(e), 60))
# ANCHOR_END: three_modes
out.end()

out.begin("flip_or_not")
# ANCHOR: flip_or_not
image = np.array([[0, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0]])
kernel = np.array([[1, 2], [3, 4]])
print("convolve2d, full:")
print(signal.convolve2d(image, kernel))
print("correlate2d, full:")
print(signal.correlate2d(image, kernel))
print("convolve2d, same:")
print(signal.convolve2d(image, kernel, mode="same"))
print("correlate2d, same:")
print(signal.correlate2d(image, kernel, mode="same"))
# ANCHOR_END: flip_or_not
out.end()
