"""Times the tutorial's Python and NumPy workloads, for comparison with the Rust benchmarks.

Run through ./bench.sh (which also runs the Rust side and merges both), or alone:
    python3 python/bench.py OUT.csv [GROUP ...]    e.g.  python3 python/bench.py t.csv reciprocals
Writes OUT.csv: one row per (group, variant) with the median time in seconds.
Single-threaded: BLAS threads are pinned to 1 before NumPy is imported.
"""
import os
import sys
import time
from pathlib import Path

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"
# Older OpenBLAS builds need these on some CPUs, but they slow a current NumPy down.
os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)

import numpy as np  # noqa: E402

from life import iterate  # noqa: E402  (the tutorial's function, as it is)

try:
    from numpy._core.multiarray import _get_madvise_hugepage, _set_madvise_hugepage
except ImportError:  # NumPy < 2
    from numpy.core.multiarray import _get_madvise_hugepage, _set_madvise_hugepage

BENCHMARKS = {}


def benchmark(group, variant, repeats):
    """Registers a workload; `setup()` returns the inputs, the returned function times one run."""

    def register(setup):
        BENCHMARKS[(group, variant)] = (setup, repeats)
        return setup

    return register


def median_seconds(run, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]


# ---- Chapter 2: reciprocals -------------------------------------------------------------
N_END = 10000000


@benchmark("reciprocals", "python_for_loop", 3)
def _():
    nums_list = list(range(1, N_END))

    def run():
        reciprocal_list = []
        for num in nums_list:
            reciprocal_list.append(1 / num)

    return run


@benchmark("reciprocals", "python_list_comprehension", 3)
def _():
    nums_list = list(range(1, N_END))
    return lambda: [1 / num for num in nums_list]


@benchmark("reciprocals", "numpy", 15)
def _():
    numpy_nums = np.arange(1, N_END)
    return lambda: 1 / numpy_nums


@benchmark("reciprocals", "numpy_no_hugepages", 15)
def _():
    numpy_nums = np.arange(1, N_END)

    def run():
        previous = _get_madvise_hugepage()
        _set_madvise_hugepage(False)
        try:
            1 / numpy_nums
        finally:
            _set_madvise_hugepage(previous)

    return run


@benchmark("reciprocals", "numpy_copy", 15)
def _():
    numpy_nums = np.arange(1, N_END)
    return lambda: numpy_nums.copy()


# ---- Chapter 2: creating the inputs -----------------------------------------------------
@benchmark("creation", "python_list_range", 5)
def _():
    return lambda: list(range(1, N_END))


@benchmark("creation", "numpy_array_from_list", 5)
def _():
    nums_list = list(range(1, N_END))
    return lambda: np.array(nums_list)


@benchmark("creation", "numpy_array_from_range", 3)
def _():
    return lambda: np.array(range(1, N_END))


@benchmark("creation", "numpy_arange", 15)
def _():
    return lambda: np.arange(1, N_END)


# ---- Chapter 2: distances ---------------------------------------------------------------
@benchmark("distances", "python_list_comprehension", 3)
def _():
    point = [1.0, 1.0]
    other_points = list([float(x), x + 1.0] for x in range(N_END))
    return lambda: [((point[0] - op[0]) ** 2 + (point[1] - op[1]) ** 2) ** 0.5 for op in other_points]


@benchmark("distances", "numpy_broadcast", 7)
def _():
    np_point = np.ones(2)
    np_other_points = np.vstack([np.arange(0.0, float(N_END)), np.arange(1.0, float(N_END + 1))]).T
    return lambda: np.sum((np_point - np_other_points) ** 2, axis=1) ** 0.5


# ---- Chapter 5: matrix product ----------------------------------------------------------
@benchmark("matmul", "numpy_matmul", 20)
def _():
    n = 512
    i, j = np.indices((n, n))
    a = ((i * 7 + j * 3) % 11).astype(np.float64) - 5.0
    b = ((i * 5 + j * 2) % 13).astype(np.float64) - 6.0
    return lambda: a @ b


# ---- Chapter 6: a function on a 1600 x 1600 grid ----------------------------------------
@benchmark("sinc", "numpy_sparse", 15)
def _():
    x = np.arange(-8, 8, 0.01)
    y = np.arange(-8, 8, 0.01)
    xx, yy = np.meshgrid(x, y, sparse=True)
    return lambda: np.sin(xx**2 + yy**2) / (xx**2 + yy**2)


# ---- Chapter 7: k nearest neighbours, n = 2000 ------------------------------------------
def knn_points():
    return np.random.RandomState(42).rand(2000, 2)


def knn_dist_sq():
    X = knn_points()
    return np.sum((X[:, np.newaxis, :] - X[np.newaxis, :, :]) ** 2, axis=-1)


@benchmark("knn_distances", "numpy_broadcast", 7)
def _():
    X = knn_points()
    return lambda: np.sum((X[:, np.newaxis, :] - X[np.newaxis, :, :]) ** 2, axis=-1)


@benchmark("knn_argsort", "numpy_argsort", 9)
def _():
    dist_sq = knn_dist_sq()
    return lambda: np.argsort(dist_sq, axis=1)


@benchmark("knn_argsort", "numpy_argsort_stable", 7)
def _():
    dist_sq = knn_dist_sq()
    return lambda: np.argsort(dist_sq, axis=1, kind="stable")


@benchmark("knn_argpartition", "numpy_argpartition", 9)
def _():
    dist_sq = knn_dist_sq()
    K = 2
    return lambda: np.argpartition(dist_sq, K + 1, axis=1)


# ---- Chapters 8-9: Game of Life and convolution, 1000 x 1000 -----------------------------
def life_run(dtype):
    board = np.random.RandomState(42).choice([0, 1], size=(1000, 1000)).astype(dtype)

    def run():
        Z = board.copy()
        for _ in range(10):
            Z = iterate(Z)

    return run


@benchmark("life", "numpy_iterate", 7)
def _():
    return life_run(np.int64)


@benchmark("life", "numpy_iterate_uint8", 7)
def _():
    return life_run(np.uint8)


@benchmark("convolution", "scipy_convolve2d", 7)
def _():
    from scipy import signal

    image = np.random.RandomState(42).rand(1000, 1000)
    kernel = np.array([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]])
    return lambda: signal.convolve2d(image, kernel, mode="same")


def page_fault_report():
    """Minor page faults of NumPy's `1 / numpy_nums` with and without huge pages."""
    import resource

    numpy_nums = np.arange(1, N_END)
    lines = []
    for label, hugepages in (("numpy", True), ("numpy without huge pages", False)):
        previous = _get_madvise_hugepage()
        _set_madvise_hugepage(hugepages)
        try:
            1 / numpy_nums  # warm up
            before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
            1 / numpy_nums
            after = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        finally:
            _set_madvise_hugepage(previous)
        lines.append(f"page faults, {label} 1 / numpy_nums: {after - before}")
    return "\n".join(lines)


def main(out, groups):
    rows = {}
    if out.exists():  # keep the groups not re-measured this time
        for line in out.read_text().splitlines()[1:]:
            group, variant, seconds, repeats = line.split(",")
            rows[(group, variant)] = (float(seconds), int(repeats))
    for (group, variant), (setup, repeats) in BENCHMARKS.items():
        if groups and group not in groups:
            continue
        run = setup()
        run()  # warm up: first-touch page faults, caches
        seconds = median_seconds(run, repeats)
        rows[(group, variant)] = (seconds, repeats)
        print(f"{group}/{variant}: median {seconds * 1e3:.2f} ms over {repeats} runs", flush=True)
        del run
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = ["group,variant,median_seconds,repeats"]
    lines += [f"{g},{v},{s:.9f},{r}" for (g, v), (s, r) in sorted(rows.items())]
    out.write_text("\n".join(lines) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if sys.argv[1] == "--page-faults":
        print(page_fault_report())
        sys.exit(0)
    main(Path(sys.argv[1]), set(sys.argv[2:]))
