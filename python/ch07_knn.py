"""Chapter 7, "k nearest neighbours": the tutorial's NumPy code and its outputs.

Run from the repository root:  python3 python/ch07_knn.py
"""
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
print(nearest_partition[:, :K+1])
# ANCHOR_END: k_nearest_partition
out.end()
