"""Chapter 6, "meshgrid": the tutorial's NumPy code, its outputs, and reference values.

Run from the repository root:  python3 python/ch06_meshgrid.py

The contour levels (contour_levels.txt) need matplotlib, which the rest of the book does not:
with `pip install matplotlib==3.11.2` in the environment they are written again, without it the
committed file is kept.
"""
import numpy as np

from book_outputs import Outputs

out = Outputs("ch06-meshgrid")

out.begin("grid_5x5")
# ANCHOR: grid_5x5
xvalues = np.arange(-1, 1.05, 0.5)
yvalues = np.arange(-1, 1.05, 0.5)
xx, yy = np.meshgrid(xvalues, yvalues)
print(xx)
print()
print(yy)
# ANCHOR_END: grid_5x5
out.end()

out.begin("dense_vs_sparse")
# ANCHOR: dense_vs_sparse
x = np.arange(-8, 8, 0.01)
y = np.arange(-8, 8, 0.01)
dense_x, dense_y = np.meshgrid(x, y)
print("dense: ", dense_x.shape, dense_y.shape,
      dense_x.nbytes + dense_y.nbytes, "bytes")
xx, yy = np.meshgrid(x, y, sparse=True)
print("sparse:", xx.shape, yy.shape, xx.nbytes + yy.nbytes, "bytes")
vx, vy = np.meshgrid(x, y, copy=False)
print("views: ", vx.shape, vy.shape, "strides (bytes)",
      vx.strides, vy.strides)
# ANCHOR_END: dense_vs_sparse
out.end()

out.begin("zero_on_the_grid")
# ANCHOR: zero_on_the_grid
print("len(x):", len(x), " x[800]:", repr(float(x[800])))
print("0.0 in x:", bool((x == 0).any()))
print("step NumPy really used:", repr(float(x[1] - x[0])))
# ANCHOR_END: zero_on_the_grid
out.end()

out.begin("linspace_pitfalls")
# ANCHOR: linspace_pitfalls
a = np.linspace(0, 0.9, 4)
print("linspace(0, 0.9, 4)[3]     =", repr(float(a[3])))
b = np.linspace(-0.9, 0.9, 7)
print("linspace(-0.9, 0.9, 7)[3]  =", repr(float(b[3])))
c = np.linspace(-8, 8, 1601)
print("linspace(-8, 8, 1601)[800] =", repr(float(c[800])))
grid = np.arange(-800, 801) / 100  # integers, divided once
print("(arange(-800, 801) / 100)[800]  =", repr(float(grid[800])))
print("(arange(-800, 801) / 100)[1600] =", repr(float(grid[1600])))
# ANCHOR_END: linspace_pitfalls
out.end()

out.begin("z_values")
# ANCHOR: z_values
z = np.sin(xx**2 + yy**2) / (xx**2 + yy**2)
print("shape:", z.shape, " NaN values:", int(np.isnan(z).sum()),
      " max:", z.max())
for i, j in [(0, 0), (800, 800), (123, 456), (1599, 1599)]:
    print(f"z[{i}, {j}] = {float(z[i, j])!r}")
# The sum of all bit patterns, wrapping at 2**64:
print("bit checksum:", int(z.view(np.uint64).sum(dtype=np.uint64)))
# ANCHOR_END: z_values
out.end()

out.begin("arange_errors")
# ANCHOR: arange_errors
for start, stop, step in [(0.0, 1.0, 0.0), (0.0, float("nan"), 1.0),
                          (0.0, float("inf"), 1.0), (0.0, 1.0, 1e-300),
                          (0.0, 1e18, 1.0)]:
    try:
        print((start, stop, step), np.arange(start, stop, step))
    except Exception as e:  # the first clause of the message
        print((start, stop, step), type(e).__name__, str(e).split(" for ")[0])
# ANCHOR_END: arange_errors
out.end()

out.begin("exercise_saddle")
# ANCHOR: exercise_saddle
t = np.linspace(-1, 1, 201)
tx, ty = np.meshgrid(t, t)
saddle = tx**2 - ty**2
row, col = np.unravel_index(np.argmin(saddle), saddle.shape)
print(f"min {saddle[row, col]} at x = {t[col]}, y = {t[row]}")
# ANCHOR_END: exercise_saddle
out.end()

try:
    import matplotlib
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib is not installed: keeping the committed contour_levels.txt")
    raise SystemExit(0)

out.begin("contour_levels")
# ANCHOR: contour_levels
from matplotlib import cm
contours = plt.contourf(x, y, z, cmap=cm.PuBu_r)
print("matplotlib", matplotlib.__version__, "levels:", contours.levels)
# ANCHOR_END: contour_levels
out.end()
