"""Chapter 3 (broadcasting): the tutorial's NumPy code and its output.

Run from the repository root:  python3 python/ch03_broadcasting.py
"""
import numpy as np

from book_outputs import Outputs

out = Outputs("ch03-broadcasting")

out.begin("matrix_plus_scalar")
# ANCHOR: matrix_plus_scalar
M = np.ones((3, 3))
scalar = 2
M_added = M + scalar
print("M +", scalar, ":")
print(M_added)
# ANCHOR_END: matrix_plus_scalar
out.end()

out.begin("matrix_plus_vector")
# ANCHOR: matrix_plus_vector
M = np.ones((3, 3))
v = np.array([0, 1, 2])
M_added = M + v
print(M_added)
# ANCHOR_END: matrix_plus_vector
out.end()

out.begin("column_plus_row")
# ANCHOR: column_plus_row
a = np.arange(3)
b = np.arange(3)[:, np.newaxis]
print("a:", a)
print("b:\n", b)
summed = a + b
print("\nSummed:")
print(summed)
# ANCHOR_END: column_plus_row
out.end()

out.begin("centring")
# ANCHOR: centring
X = np.random.RandomState(0).rand(10, 3)  # 10 samples, 3 features
X_mean = X.mean(0)
X_centred = X - X_mean
print("X:", X.shape, "mean:", X_mean.shape)
print("centred:", X_centred.shape)
print("mean =", X_mean.round(4))
largest = np.abs(X_centred.mean(0)).max()
print("largest column mean after centring < 1e-15:", largest < 1e-15)
# ANCHOR_END: centring
out.end()

out.begin("two_d_function")
# ANCHOR: two_d_function
x = np.linspace(0, 5, 50)
y = x[:, np.newaxis]
z = np.sin(x) ** 10 + np.cos(10 + y * x) * np.cos(x)
print("x:", x.shape, "y:", y.shape, "z:", z.shape)
print(f"z[0, 0] = {z[0, 0]:.4f}, z[0, 49] = {z[0, 49]:.4f}")
print(f"z[49, 0] = {z[49, 0]:.4f}, z[49, 49] = {z[49, 49]:.4f}")
# ANCHOR_END: two_d_function
out.end()

out.begin("knn_step_by_step")
# ANCHOR: knn_step_by_step
X = np.random.RandomState(42).rand(10, 2)  # 10 points in 2-D
rows = X[:, np.newaxis, :]
cols = X[np.newaxis, :, :]
differences = rows - cols
squared = differences ** 2
dist_sq = squared.sum(axis=-1)
print("X                 ", X.shape)
print("X[:, newaxis, :]  ", rows.shape)
print("X[newaxis, :, :]  ", cols.shape)
print("differences       ", differences.shape)
print("squared           ", squared.shape)
print("summed: dist_sq   ", dist_sq.shape)
print("dist_sq[0, :4] =", dist_sq[0, :4].round(4))
# ANCHOR_END: knn_step_by_step
out.end()

out.begin("knn_memory")
# ANCHOR: knn_memory
import tracemalloc

X = np.random.RandomState(42).rand(2000, 2)
tracemalloc.start()  # NumPy reports its buffers to tracemalloc
dist_sq = np.sum((X[:, np.newaxis, :] - X[np.newaxis, :, :]) ** 2, axis=-1)
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(f"2000 points in 2-D: peak {peak / 1e6:.1f} MB,",
      f"result {dist_sq.nbytes / 1e6:.1f} MB")
# ANCHOR_END: knn_memory
out.end()

out.begin("rules_step_by_step")
# ANCHOR: rules_step_by_step
M = np.ones((2, 3))
a = np.arange(3)
print("M:", M.shape, " a:", a.shape)
print("broadcast shape:", np.broadcast_shapes(M.shape, a.shape))
print(M + a)
# ANCHOR_END: rules_step_by_step
out.end()

out.begin("both_stretched")
# ANCHOR: both_stretched
a = np.arange(3).reshape((3, 1))
b = np.arange(3)
print(a.shape, "+", b.shape, "->", np.broadcast_shapes(a.shape, b.shape))
print(a + b)
# ANCHOR_END: both_stretched
out.end()

out.begin("incompatible")
# ANCHOR: incompatible
M = np.ones((3, 2))
a = np.arange(3)
try:
    M + a
except ValueError as e:
    print("ValueError:", e)
# ANCHOR_END: incompatible
out.end()

out.begin("fix_with_new_axis")
# ANCHOR: fix_with_new_axis
a = a[:, np.newaxis]
print("a:", a.shape)
print(M + a)
# ANCHOR_END: fix_with_new_axis
out.end()

out.begin("stride_zero")
# ANCHOR: stride_zero
v = np.array([0.0, 1.0, 2.0])
stretched = np.broadcast_to(v, (4, 3))
print("strides in bytes:", v.strides, stretched.strides)
print("shares memory:", np.shares_memory(v, stretched))
# ANCHOR_END: stride_zero
out.end()

# Not shown: the prose's "SciPy's cdist(X, X, 'sqeuclidean'), which writes only the result":
# its peak under tracemalloc for the same 2000 points, against the (2000, 2000) result, and
# that it gives the broadcasting expression's numbers.
out.begin("cdist_peak")


def cdist_peak():
    import tracemalloc
    from scipy.spatial.distance import cdist
    points = np.random.RandomState(42).rand(2000, 2)
    tracemalloc.start()
    d = cdist(points, points, "sqeuclidean")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    broadcast = np.sum((points[:, np.newaxis, :] - points[np.newaxis, :, :]) ** 2, axis=-1)
    print(f"cdist: peak {peak} bytes, result {d.nbytes} bytes,",
          f"close to the expression: {np.allclose(d, broadcast, rtol=1e-12, atol=0)}")


cdist_peak()
out.end()

# Not shown: the prose's "NumPy does this only for arrays of at least 256 KiB". The peak
# under tracemalloc of `(a - b) ** 2`, in arrays of its result, for float64 arrays one element
# below and at 256 KiB: 2 where the square is a new array, 1 where NumPy squares its temporary
# in place.
out.begin("elision_threshold")


def elision_threshold():
    import tracemalloc

    def arrays_at_peak(n):
        a, b = np.ones(n), np.ones(n)
        tracemalloc.start()
        squares = (a - b) ** 2
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return round(peak / squares.nbytes)

    for n in (32767, 32768):
        print(f"{n * 8} bytes: {arrays_at_peak(n)} arrays at the peak")


elision_threshold()
out.end()
