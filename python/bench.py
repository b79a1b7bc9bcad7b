"""Times the tutorial's Python and NumPy workloads, for comparison with the Rust benchmarks.

Run through ./bench.sh, which asks the Rust registry (chapters-code/src/benchmarks.rs) what to
measure, writes that plan, runs this script with it, and merges the results:
    python3 python/bench.py OUT.csv --plan PLAN.txt   PLAN: lines "group variant size" (size "-": none)
    python3 python/bench.py --facts                   Python, NumPy (its SIMD, its BLAS), SciPy
    python3 python/bench.py --page-faults             NumPy's page faults for a fresh 80 MB result
    python3 python/bench.py --measure < PLAN          (internal) one group, in this process
OUT.csv gets one row per (group, variant, size): the median time of one call in seconds, its
quartiles, min and max, and the number of samples, measured like criterion does (see `measure`).
Single-threaded: BLAS threads are pinned to 1 before NumPy is imported.
"""
import gc
import os
import statistics
import subprocess
import sys
import time
import timeit
from pathlib import Path

# The default configuration, as ./bench.sh measures the Rust side: settings inherited from the
# environment that change NumPy's kernels, allocator or threads are dropped (OPENBLAS_CORETYPE,
# set on some machines for older builds, pins a newer processor to an older one's kernels).
for var in list(os.environ):
    if var.startswith(("OPENBLAS_", "GOTO_", "OMP_", "MKL_", "NPY_", "MALLOC_")) or var in (
        "GLIBC_TUNABLES",
        "PYTHONMALLOC",
    ):
        del os.environ[var]
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import numpy as np  # noqa: E402

from life import iterate  # noqa: E402  (the tutorial's function, as it is)

try:
    from numpy._core.multiarray import _get_madvise_hugepage, _set_madvise_hugepage
except ImportError:  # NumPy < 2
    from numpy.core.multiarray import _get_madvise_hugepage, _set_madvise_hugepage

HEADER = "group,variant,size,median_seconds,q1_seconds,q3_seconds,min_seconds,max_seconds,samples"

# (group, variant) -> (setup, sized). `setup()` (or `setup(n)` for a size sweep) builds the
# inputs and returns a function that runs the workload once.
BENCHMARKS = {}


def benchmark(group, variant):
    """Registers a workload at its timing table's size: `setup()` returns the function to time."""

    def register(setup):
        BENCHMARKS[(group, variant)] = (setup, False)
        return setup

    return register


def sweep(group, variant):
    """Registers a size sweep's workload: `setup(n)` returns the function to time at size n.
    The sizes come from the Rust registry, through the plan."""

    def register(setup):
        BENCHMARKS[(group, variant)] = (setup, True)
        return setup

    return register


def measure(fn, samples=30, sample_seconds=0.01, warmup_seconds=0.5, budget_seconds=3.0):
    """Times `fn()` the way criterion does. Warm up (the first call pays page faults and cold
    caches), doubling the number of calls per sample until one sample lasts at least
    `sample_seconds` (so that timer resolution and loop overhead vanish); then take `samples`
    samples — fewer when calls are slow, so that one workload stays near `budget_seconds`, but
    never fewer than 10 (criterion's minimum). Returns the per-call median, quartiles
    (statistics.quantiles, inclusive method: the Rust side computes them the same way from
    criterion's samples), min, max and the number of samples."""
    timer = timeit.Timer(fn)  # timeit turns the garbage collector off while it times
    number = 1
    end = time.perf_counter() + warmup_seconds
    while True:
        elapsed = timer.timeit(number)
        if elapsed < sample_seconds:
            number *= 2
        elif time.perf_counter() >= end:
            break
    count = max(10, min(samples, int(budget_seconds / elapsed)))
    per_call = sorted(t / number for t in timer.repeat(repeat=count, number=number))
    q1, median, q3 = statistics.quantiles(per_call, n=4, method="inclusive")
    gc.collect()
    return median, q1, q3, per_call[0], per_call[-1], count


# ---- Chapter 2: reciprocals -------------------------------------------------------------
N_END = 10000000


@benchmark("reciprocals", "python_for_loop")
def _():
    nums_list = list(range(1, N_END))

    def run():
        reciprocal_list = []
        for num in nums_list:
            reciprocal_list.append(1 / num)

    return run


@benchmark("reciprocals", "python_list_comprehension")
def _():
    nums_list = list(range(1, N_END))
    return lambda: [1 / num for num in nums_list]


@benchmark("reciprocals", "numpy")
def _():
    numpy_nums = np.arange(1, N_END)
    return lambda: 1 / numpy_nums


@benchmark("reciprocals", "numpy_no_hugepages")
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


@benchmark("reciprocals", "numpy_copy")
def _():
    numpy_nums = np.arange(1, N_END)
    return lambda: numpy_nums.copy()


# ---- Chapter 2: creating the inputs -----------------------------------------------------
@benchmark("creation", "python_list_range")
def _():
    return lambda: list(range(1, N_END))


@benchmark("creation", "numpy_array_from_list")
def _():
    nums_list = list(range(1, N_END))
    return lambda: np.array(nums_list)


@benchmark("creation", "numpy_array_from_range")
def _():
    return lambda: np.array(range(1, N_END))


@benchmark("creation", "numpy_arange")
def _():
    return lambda: np.arange(1, N_END)


# ---- Chapter 2: distances ---------------------------------------------------------------
@benchmark("distances", "python_list_comprehension")
def _():
    point = [1.0, 1.0]
    other_points = list([float(x), x + 1.0] for x in range(N_END))
    return lambda: [((point[0] - op[0]) ** 2 + (point[1] - op[1]) ** 2) ** 0.5 for op in other_points]


@benchmark("distances", "numpy_broadcast")
def _():
    np_point = np.ones(2)
    np_other_points = np.vstack([np.arange(0.0, float(N_END)), np.arange(1.0, float(N_END + 1))]).T
    return lambda: np.sum((np_point - np_other_points) ** 2, axis=1) ** 0.5


# ---- Chapter 5: matrix products, 512 x 512 and 2048 x 2048 -----------------------------
def matmul_operands(n):
    """The operands of chapter 5's `bench_matrices(n)`: small integers as float64."""
    i, j = np.indices((n, n))
    a = ((i * 7 + j * 3) % 11).astype(np.float64) - 5.0
    b = ((i * 5 + j * 2) % 13).astype(np.float64) - 6.0
    return a, b


def matmul_all_cores(n):
    """`a @ b` with OpenBLAS on every core (this script pins it to 1 thread otherwise)."""
    from threadpoolctl import ThreadpoolController

    a, b = matmul_operands(n)
    controller = ThreadpoolController()  # found once: limit() below only sets the count

    def run():
        with controller.limit(limits=os.cpu_count(), user_api="blas"):
            a @ b

    return run


@benchmark("matmul", "numpy_matmul")
def _():
    a, b = matmul_operands(512)
    return lambda: a @ b


@benchmark("matmul", "numpy_matmul_all_cores")
def _():
    return matmul_all_cores(512)


@benchmark("matmul_2048", "numpy_matmul")
def _():
    a, b = matmul_operands(2048)
    return lambda: a @ b


@benchmark("matmul_2048", "numpy_matmul_all_cores")
def _():
    return matmul_all_cores(2048)


# ---- Chapter 6: a function on a 1600 x 1600 grid ----------------------------------------
@benchmark("sinc", "numpy_sparse")
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


@benchmark("knn_distances", "numpy_broadcast")
def _():
    X = knn_points()
    return lambda: np.sum((X[:, np.newaxis, :] - X[np.newaxis, :, :]) ** 2, axis=-1)


@benchmark("knn_argsort", "numpy_argsort")
def _():
    dist_sq = knn_dist_sq()
    return lambda: np.argsort(dist_sq, axis=1)


@benchmark("knn_argsort", "numpy_argsort_stable")
def _():
    dist_sq = knn_dist_sq()
    return lambda: np.argsort(dist_sq, axis=1, kind="stable")


@benchmark("knn_argpartition", "numpy_argpartition")
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


@benchmark("life", "numpy_iterate")
def _():
    return life_run(np.int64)


@benchmark("life", "numpy_iterate_uint8")
def _():
    return life_run(np.uint8)


@benchmark("convolution", "scipy_convolve2d")
def _():
    from scipy import signal

    image = np.random.RandomState(42).rand(1000, 1000)
    kernel = np.array([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]])
    return lambda: signal.convolve2d(image, kernel, mode="same")


# ---- Size sweeps (chapters 2, 7, 8, 9): time against size; the sizes come from the plan ----
@sweep("reciprocals_sweep", "numpy")
def _(n):
    numpy_nums = np.arange(1, n + 1)
    return lambda: 1 / numpy_nums


@sweep("knn_distances_sweep", "numpy_broadcast")
def _(n):
    X = np.random.RandomState(42).rand(n, 2)
    return lambda: np.sum((X[:, np.newaxis, :] - X[np.newaxis, :, :]) ** 2, axis=-1)


@sweep("life_sweep", "numpy_iterate_uint8")
def _(n):
    board = np.random.RandomState(42).choice([0, 1], size=(n, n)).astype(np.uint8)

    def run():
        Z = board.copy()
        for _ in range(10):
            Z = iterate(Z)

    return run


@sweep("convolution_sweep", "scipy_convolve2d")
def _(n):
    from scipy import signal

    image = np.random.RandomState(42).rand(n, n)
    kernel = np.array([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]])
    return lambda: signal.convolve2d(image, kernel, mode="same")


def page_fault_report():
    """Minor page faults of NumPy's `1 / numpy_nums` with and without huge pages."""
    import resource

    numpy_nums = np.arange(1, N_END)
    lines = []
    # The keys of chapters_code::speed::page_fault_key, which the book's table reads.
    for side, hugepages in (("python", True), ("python+no-thp", False)):
        previous = _get_madvise_hugepage()
        _set_madvise_hugepage(hugepages)
        try:
            1 / numpy_nums  # warm up
            before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
            1 / numpy_nums
            after = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        finally:
            _set_madvise_hugepage(previous)
        lines.append(f"page faults per call, {side}, reciprocals: {after - before}")
    return "\n".join(lines)


def is_numpys_blas(info):
    """Whether a threadpoolctl entry is NumPy's own BLAS, not SciPy's or another library's
    (each wheel bundles its own, and the order threadpoolctl lists them in varies)."""
    if info.get("user_api") != "blas":
        return False
    home = Path(np.__file__).resolve().parent
    path = Path(info.get("filepath") or "").resolve()
    return home in path.parents or (home.parent / "numpy.libs") in path.parents


def describe_blas(info):
    """'openblas 0.3.31.188.0 (SkylakeX)', leaving out what threadpoolctl does not know."""
    text = " ".join(str(info[k]) for k in ("internal_api", "version") if info.get(k))
    if info.get("architecture"):
        text += f" ({info['architecture']})"
    return text or "unknown"


def facts():
    """The versions the NumPy side ran with, NumPy's SIMD extensions and its BLAS."""
    import platform

    import scipy

    lines = [f"python: {platform.python_version()}", f"numpy: {np.__version__}"]
    try:
        from numpy._core._multiarray_umath import (
            __cpu_baseline__,
            __cpu_dispatch__,
            __cpu_features__,
        )

        found = [f for f in __cpu_dispatch__ if __cpu_features__.get(f)]
        lines.append(f"numpy simd: baseline {' '.join(__cpu_baseline__)}; found {' '.join(found)}")
    except ImportError:
        pass
    try:
        from threadpoolctl import threadpool_info

        blas = [describe_blas(i) for i in threadpool_info() if is_numpys_blas(i)]
        if blas:
            lines.append(f"numpy blas: {', '.join(blas)}")
    except ImportError:
        pass
    lines.append(f"scipy: {scipy.__version__}")
    return "\n".join(lines)


def read_plan(path):
    """The plan's (group, variant, size) triples; every one must be registered here."""
    return parse_plan(Path(path).read_text(), path)


def parse_plan(text, path):
    """The (group, variant, size) triples of a plan's text, read from `path`."""
    plan = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split()
        if len(fields) != 3:
            sys.exit(f"{path}: line {number}: expected \"group variant size\", got {line!r}")
        group, variant, size = fields
        if size != "-" and not (size.isascii() and size.isdigit() and int(size) > 0):
            sys.exit(f"{path}: line {number}: size {size!r} is neither a positive whole number nor \"-\"")
        if (group, variant) not in BENCHMARKS:
            sys.exit(f"{path}: line {number}: python/bench.py has no workload {group}/{variant}")
        sized = BENCHMARKS[(group, variant)][1]
        if sized != (size != "-"):
            sys.exit(f"{path}: line {number}: {group}/{variant} is {'a sweep' if sized else 'not a sweep'}")
        plan.append((group, variant, None if size == "-" else int(size)))
    return plan


def measure_plan(plan):
    """Measures every (group, variant, size) of `plan` in this process; prints one CSV row per
    workload on stdout and the progress on stderr."""
    for group, variant, size in plan:
        setup = BENCHMARKS[(group, variant)][0]
        run = setup(size) if size is not None else setup()
        median, q1, q3, low, high, count = measure(run)
        del run
        gc.collect()
        print(
            f"{group},{variant},{'' if size is None else size},"
            f"{median:.9e},{q1:.9e},{q3:.9e},{low:.9e},{high:.9e},{count}",
            flush=True,
        )
        where = f"{group}/{variant}" + ("" if size is None else f"/{size}")
        print(
            f"{where}: median {median * 1e3:.4g} ms, IQR {q1 * 1e3:.4g}-{q3 * 1e3:.4g} ms, {count} samples",
            file=sys.stderr,
            flush=True,
        )


def main(out, plan):
    """Measures each group of `plan` in a fresh Python process (the Rust side runs each
    chapter's benchmarks, and each sweep, in a process of its own): after a program frees a
    large block, glibc serves blocks up to its size from the heap and trims the heap less
    (mallopt(3), M_MMAP_THRESHOLD and M_TRIM_THRESHOLD), so a group measured after another
    could pay fewer page faults than in a process of its own."""
    lines = [HEADER]
    groups = []
    for entry in plan:
        if not groups or groups[-1][0][0] != entry[0]:
            groups.append([])
        groups[-1].append(entry)
    for entries in groups:
        text = "".join(f"{g} {v} {'-' if n is None else n}\n" for g, v, n in entries)
        child = subprocess.run(
            [sys.executable, __file__, "--measure"],
            input=text,
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            sys.exit(f"python/bench.py: measuring {entries[0][0]} failed (exit {child.returncode})")
        rows = child.stdout.splitlines()
        if len(rows) != len(entries):
            sys.exit(f"python/bench.py: {entries[0][0]}: {len(rows)} results for {len(entries)} workloads")
        lines.extend(rows)
    # Written whole or not at all: a temporary file, then a rename.
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    temporary.write_text("\n".join(lines) + "\n")
    temporary.replace(out)
    print(f"wrote {out}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args == ["--facts"]:
        print(facts())
    elif args == ["--page-faults"]:
        print(page_fault_report())
    elif len(args) == 3 and args[1] == "--plan":
        main(Path(args[0]), read_plan(args[2]))
    elif args == ["--measure"]:
        # One group, in a process of its own (see `main`): the plan's lines on stdin.
        measure_plan(parse_plan(sys.stdin.read(), "stdin"))
    elif args in (["-h"], ["--help"]):
        print(__doc__)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
