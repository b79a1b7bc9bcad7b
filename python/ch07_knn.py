"""Chapter 7, "k nearest neighbours": the tutorial's NumPy code and its outputs.

Run from the repository root:  python3 python/ch07_knn.py
"""
import tracemalloc

import numpy as np

from book_outputs import Outputs

out = Outputs("ch07-knn")
np.set_printoptions(precision=8)

out.begin("tutorial_points")
# ANCHOR: tutorial_points
rand = np.random.RandomState(42)
X = rand.rand(10, 2)
print(X)
# ANCHOR_END: tutorial_points
out.end()

out.begin("distance_matrix")
# ANCHOR: distance_matrix
dist_sq = np.sum((X[:, np.newaxis, :] - X[np.newaxis, :, :]) ** 2, axis=-1)
print(dist_sq.diagonal())
print(dist_sq[0])
# ANCHOR_END: distance_matrix
out.end()

out.begin("sorted_neighbours")
# ANCHOR: sorted_neighbours
nearests = np.argsort(dist_sq, axis=1)
print(nearests)
# ANCHOR_END: sorted_neighbours
out.end()

out.begin("k_nearest_partition")
# ANCHOR: k_nearest_partition
K = 2
nearest_partition = np.argpartition(dist_sq, K + 1, axis=1)
candidates = nearest_partition[:, :K+1]
# The order within the partition is unspecified: sort them by distance.
order = np.argsort(np.take_along_axis(dist_sq, candidates, axis=1), axis=1)
candidates = np.take_along_axis(candidates, order, axis=1)
print(candidates)
# ANCHOR_END: k_nearest_partition
out.end()

out.begin("kth_out_of_bounds")
# ANCHOR: kth_out_of_bounds
try:
    np.argpartition(np.zeros((10, 10)), 10, axis=1)
except ValueError as error:
    print(error)
# ANCHOR_END: kth_out_of_bounds
out.end()

out.begin("exercise_randint")
# ANCHOR: exercise_randint
print(np.random.RandomState(0).randint(0, 100, size=(3, 4)))
# ANCHOR_END: exercise_randint
out.end()

out.begin("broadcast_memory")
# ANCHOR: broadcast_memory
def expression_peak(X):
    """The result's bytes, and the heap's peak while it is computed."""
    tracemalloc.start()
    dist_sq = np.sum((X[:, np.newaxis, :] - X[np.newaxis, :, :]) ** 2, axis=-1)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return dist_sq.nbytes, peak

# In a function: X and dist_sq stay the ten points the other blocks use.
result, peak = expression_peak(np.random.RandomState(42).rand(2000, 2))
print(f"result {result / 1e6:.1f} MB, peak {peak / 1e6:.1f} MB")
# ANCHOR_END: broadcast_memory
out.end()

# The same expression's peak heap for each N of the book's memory chart (Figure B-3; the Rust
# side checks that these are its sizes): "N peak_bytes" per line. NumPy squares the (N, N, 2)
# differences in place only when they take 256 KiB or more (temporary elision), so the small
# sizes peak at two temporaries and the large ones at one temporary and the result.
out.begin("broadcast_memory_sweep")
for n in (10, 30, 100, 300, 1000, 2000):
    X = np.random.RandomState(42).rand(n, 2)
    tracemalloc.start()
    dist_sq = np.sum((X[:, np.newaxis, :] - X[np.newaxis, :, :]) ** 2, axis=-1)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(n, peak)
out.end()
