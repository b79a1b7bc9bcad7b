"""Chapter 2, "Why vectorised code is fast": the tutorial's code, run once, printing its results.

The timings are measured by python/bench.py (run by ./bench.sh); this script shows the code and
what it computes. Run from the repository root:  python3 python/ch02_speed.py
"""
import numpy as np

from book_outputs import Outputs

out = Outputs("ch02-speed")

out.begin("reciprocals")
# ANCHOR: reciprocals
nums_list = list(range(1, 10000000))
numpy_nums = np.array(nums_list)

reciprocal_list = []
for num in nums_list:
    reciprocal_list.append(1 / num)

reciprocal_list = [1 / num for num in nums_list]

reciprocal_array = 1 / numpy_nums
print(reciprocal_array[:5])
# ANCHOR_END: reciprocals
out.end()

out.begin("creation")
# ANCHOR: creation
nums_list = list(range(1, 10000000))
numpy_nums = np.array(nums_list)
numpy_nums = np.array(range(1, 10000000))
numpy_nums = np.arange(1, 10000000)
print(len(numpy_nums), numpy_nums[0], numpy_nums[-1], numpy_nums.dtype)
# ANCHOR_END: creation
out.end()

out.begin("distances")
# ANCHOR: distances
point = [1.0, 1.0]
other_points = list([float(x), x + 1.0] for x in range(10000000))
dists = [((point[0] - op[0])**2 + (point[1] - op[1])**2)**0.5
         for op in other_points]
# The tutorial shows dists[:10]; in three lines, they fit the page.
print(dists[:4])
print(dists[4:7])
print(dists[7:10])

np_point = np.ones(2)
np_other_points = np.vstack([np.arange(0.0, 10000000.0),
                             np.arange(1.0, 10000001.0)]).T
np_dists = np.sum((np_point - np_other_points)**2, axis=1)**0.5
print(np_dists[:10])
# ANCHOR_END: distances
out.end()

out.begin("temporaries")
# ANCHOR: temporaries
import tracemalloc

n = 1_000_000
np_other_points = np.vstack([np.arange(0.0, n), np.arange(1.0, n + 1)]).T
tracemalloc.start()  # NumPy reports its buffers to tracemalloc
np_dists = np.sum((np_point - np_other_points)**2, axis=1)**0.5
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
differences, sums = 2 * 8 * n, 8 * n  # bytes: the (n, 2) and (n,) float64s
assert abs(peak - (differences + sums)) < 64 * 1024  # those two, nothing else
print(f"{n:,} points: peak {peak / 1e6:.1f} MB", end=" ")
print(f"= differences {differences / 1e6:.0f} MB + sum {sums / 1e6:.0f} MB")
# ANCHOR_END: temporaries
out.end()

# Not shown: the layout the chapter's prose states. The tutorial's np.vstack([...]).T is
# stored column after column, and so are the differences and their squares, whose sum over
# axis 1 adds two contiguous columns. Strides in elements, as the Rust sample prints them.
out.begin("distances_layout")


def distances_layout():
    stacked = np.vstack([np.arange(0.0, 10.0), np.arange(1.0, 11.0)]).T
    squares = (np.ones(2) - stacked)**2
    for name, a in [("np_other_points", stacked), ("(np_point - np_other_points)**2", squares)]:
        strides = [s // a.itemsize for s in a.strides]
        print(f"{name}: strides {strides}, column-major: {a.flags.f_contiguous}")


distances_layout()
out.end()
