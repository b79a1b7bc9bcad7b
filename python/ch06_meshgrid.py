"""Chapter 6, "meshgrid": the tutorial's NumPy code, its outputs, and reference values.

Run from the repository root:  python3 python/ch06_meshgrid.py
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
xx, yy = np.meshgrid(x, y, sparse=True)
print("dense: ", dense_x.shape, dense_y.shape, dense_x.nbytes + dense_y.nbytes, "bytes")
print("sparse:", xx.shape, yy.shape, xx.nbytes + yy.nbytes, "bytes")
# ANCHOR_END: dense_vs_sparse
out.end()

out.begin("is_zero_on_the_grid")
# ANCHOR: is_zero_on_the_grid
print("len(x):", len(x), " x[800]:", repr(float(x[800])), " 0.0 in x:", bool((x == 0).any()))
print("step NumPy really used:", repr(float(x[1] - x[0])))
# ANCHOR_END: is_zero_on_the_grid
out.end()

out.begin("z_function")
# ANCHOR: z_function
z = np.sin(xx**2 + yy**2) / (xx**2 + yy**2)
print("shape:", z.shape, " NaN values:", int(np.isnan(z).sum()), " max:", z.max())
for i, j in [(0, 0), (800, 800), (123, 456), (1599, 1599)]:
    print(f"z[{i}, {j}] = {float(z[i, j])!r}")
# ANCHOR_END: z_function
out.end()
