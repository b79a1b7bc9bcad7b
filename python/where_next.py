"""The NumPy side of "Where next". Run: python3 python/where_next.py"""
import numpy as np

from book_outputs import Outputs

out = Outputs("where-next")

out.begin("quantiles_and_argmin")
# ANCHOR: quantiles_and_argmin
data = np.array([[4.0, 1.0, 9.0, 7.0], [2.0, 8.0, 3.0, 5.0]])
print("mean:", data.mean())
print("25th percentiles:", np.quantile(data, 0.25, axis=1))
print("medians:", np.quantile(data, 0.5, axis=1))
row, column = np.unravel_index(np.argmin(data), data.shape)
print(f"argmin: ({row}, {column})")

with_nan = np.array([1.0, np.nan, 3.0])
print("max:", np.max(with_nan))
print("nanmax:", np.nanmax(with_nan))
# ANCHOR_END: quantiles_and_argmin
out.end()
