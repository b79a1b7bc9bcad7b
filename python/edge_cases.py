"""Edge cases of every public function of `chapters_code` that takes user input, answered by
NumPy/SciPy, for the Rust tests to compare against (they never run Python).

Regenerate every file, and the SHA256SUMS that the tests pin them with, from the repository
root (NumPy and SciPy of python/requirements.txt):

    scripts/numpy-outputs.sh edge

(Running this script alone rewrites the JSON files but not their SHA256SUMS, which
`cargo test --test book_guard` then reports as changed by hand.)

It writes one JSON file per function family to python/outputs/edge-cases/ (`broadcasting`,
`newaxis`, `products`, `meshgrid`, `knn`, `random`, `life`, `convolution`, `speed`,
`memory`, `notes`: NumPy's side of the book's notes on ndarray itself, `printing`: NumPy's
printed arrays, which `numpy_text` reads back, and `statistics`: the quartiles of a timing). The output is deterministic: fixed seeds, sorted keys, one case per line; two runs
on one machine give byte-identical files. Across machines, `products.json` can differ: `a @ b`
calls OpenBLAS, whose kernel (chosen for the processor, or forced by OPENBLAS_CORETYPE) changes
the last bits of the random products, whether the overflow case is inf or NaN, and the sign of a
zero that underflowing products sum to; the tests accept either (the cases' notes say "compare in
ulps", "FMA decides" and "the kernel decides the sign").

Format of a file:

    {"family": ..., "numpy": "2.4.6", "scipy": "1.17.1", "generator": "python/edge_cases.py",
     "encoding": ..., "cases": [case, case, ...]}

    case = {"id": unique name, "function": the Rust function (path inside chapters_code, or
            "ndarray::…", "ndarray_stats::…" for a function of those crates that a table or
            note of the book compares with NumPy),
            "numpy": the NumPy/SciPy expression that answered, "args": {...},
            "expect": {"ok": value} or {"error": {"type": "ValueError", "message": "..."}},
            "note": optional explanation}

Values are encoded so that a Rust test can read them exactly with serde_json alone:

- integers are JSON integers (i64 or u64 range);
- every float is a *string*, Python's shortest round-trip repr ("0.1", "-0.0", "nan", "inf",
  "-inf", "5e-324"), which Rust's `str::parse::<f64>` reads back bit for bit (serde_json's own
  float parsing is not exact without its `float_roundtrip` feature);
- an array is {"dtype": "f64"|"f32"|"i64"|"u8"|"usize", "shape": [...], "data": [row-major values],
  "layout": L}; `data` always lists the *logical* values in row-major order, and `layout` says
  how the memory behind the view is arranged, so that the Rust test builds the same kind of
  view NumPy computed on:
    "c"         standard (row-major, contiguous)
    "f"         column-major: Rust builds the transpose in standard layout and takes `.t()`
    "neg_rows"  rows stored in reverse order, viewed through `s![..;-1, ..]`
    "neg_cols"  columns stored in reverse order, viewed through `s![.., ..;-1]`
    "neg_both"  both reversed, viewed through `s![..;-1, ..;-1]`
    "step2"     stored in a twice-as-wide array whose odd columns hold a sentinel
                (777 / "777.0"), viewed through `s![.., ..;2]` (1-D: `s![..;2]`)
    "neg"       (1-D) stored reversed, viewed through `s![..;-1]`
  For functions that take an owned array (Life), "f" means an owned column-major array and
  "neg_rows"/"neg_both" an owned array with inverted axes (`invert_axis`).
"""
import json
import math
import sys
import warnings
from pathlib import Path

from book_outputs import refuse_tuned_numpy, write_atomically

refuse_tuned_numpy()  # before NumPy loads OpenBLAS, which reads its variables then

import numpy as np  # noqa: E402
import scipy  # noqa: E402
from scipy import signal

# The tutorial's Game of Life step, the one copy the chapter script and bench.py use too.
from life import iterate

OUT_DIR = Path(__file__).resolve().parent / "outputs" / "edge-cases"
SENTINEL_INT = 777
SENTINEL_FLOAT = 777.0

I64_MAX = 2**63 - 1
I64_MIN = -(2**63)

warnings.simplefilter("ignore")  # 0/0, overflow, ... are what we test; NumPy's answers stand


# ---- encoding ---------------------------------------------------------------------------

def f(x):
    """A float as its exact, round-trip string."""
    return repr(float(x))


DTYPES = {"f64": np.float64, "f32": np.float32, "i64": np.int64, "u8": np.uint8, "usize": np.int64}


def enc_value(x, dtype):
    if dtype in ("f64", "f32"):  # a float32 as the float64 of the same value: exact
        return f(x)
    return int(x)


def arr(a, dtype, layout="c"):
    """Encode a NumPy array (its logical values) with the layout the Rust test must rebuild."""
    a = np.asarray(a)
    return {
        "dtype": dtype,
        "shape": list(a.shape),
        "layout": layout,
        "data": [enc_value(v, dtype) for v in a.reshape(-1).tolist()],
    }


def view(a, layout):
    """The same logical values as `a`, in memory arranged as `layout` describes (see top)."""
    a = np.array(a)
    if layout == "c":
        return np.ascontiguousarray(a)
    if layout == "f":
        return np.ascontiguousarray(a.T).T
    if layout == "neg_rows":
        return np.ascontiguousarray(a[::-1])[::-1]
    if layout == "neg_cols":
        return np.ascontiguousarray(a[:, ::-1])[:, ::-1]
    if layout == "neg_both":
        return np.ascontiguousarray(a[::-1, ::-1])[::-1, ::-1]
    if layout == "neg":
        return np.ascontiguousarray(a[::-1])[::-1]
    if layout == "step2":
        sentinel = SENTINEL_FLOAT if a.dtype.kind == "f" else SENTINEL_INT
        if a.ndim == 1:
            wide = np.full(2 * a.shape[0], sentinel, dtype=a.dtype)
            wide[::2] = a
            return wide[::2]
        wide = np.full((a.shape[0], 2 * a.shape[1]), sentinel, dtype=a.dtype)
        wide[:, ::2] = a
        return wide[:, ::2]
    raise ValueError(layout)


def error(e):
    return {"error": {"type": type(e).__name__, "message": str(e)}}


def run(thunk, encode):
    """{"ok": encode(result)} or {"error": ...} if NumPy/SciPy raises."""
    try:
        result = thunk()
    except Exception as e:  # noqa: BLE001 - every exception is an answer here
        return error(e)
    return {"ok": encode(result)}


class Family:
    def __init__(self, name):
        self.name = name
        self.cases = []
        self.ids = set()

    def add(self, id_, function, numpy, args, expect, note=None, numpy_is_wrong=None):
        assert id_ not in self.ids, id_
        self.ids.add(id_)
        case = {"id": id_, "function": function, "numpy": numpy, "args": args, "expect": expect}
        if note:
            case["note"] = note
        if numpy_is_wrong:
            # NumPy's answer is a NumPy bug: the Rust test must not copy it (see the reason).
            case["numpy_is_wrong"] = numpy_is_wrong
        self.cases.append(case)

    def write(self):
        header = {
            "family": self.name,
            "generator": "python/edge_cases.py",
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "encoding": "see the docstring of python/edge_cases.py",
        }
        head = json.dumps(header, sort_keys=True, ensure_ascii=False)[:-1]
        lines = [json.dumps(c, sort_keys=True, ensure_ascii=False, allow_nan=False) for c in self.cases]
        text = head + ', "cases": [\n' + ",\n".join(lines) + "\n]}\n"
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        write_atomically(OUT_DIR / f"{self.name}.json", text)
        return len(self.cases)


# Values that break things.
SPECIAL_FLOATS = [0.0, -0.0, 1.0, -1.0, math.nan, math.inf, -math.inf, 5e-324, -5e-324,
                  2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308,
                  1e-160, 1e160, 1e200, 0.1, 2.0**53, 2.0**53 + 2]
LAYOUTS_2D = ["c", "f", "neg_rows", "neg_cols", "neg_both", "step2"]
LAYOUTS_1D = ["c", "neg", "step2"]


def rng(seed):
    return np.random.RandomState(seed)


# ---- chapter 3: broadcasting ------------------------------------------------------------

def broadcast_note(shapes):
    ndim = max((len(s) for s in shapes), default=0)
    if ndim > 64:
        return "NumPy arrays have at most 64 axes (NPY_MAXDIMS)"
    if ndim > 32:
        return ("np.broadcast_shapes itself stops at 32 axes (a limit of np.broadcast); NumPy arrays "
                "and ufunc broadcasting go up to 64")
    if any(d > I64_MAX for s in shapes for d in s):
        return "NumPy sizes stop at isize::MAX"
    if any(d >= 2**31 for s in shapes for d in s):
        return ("NumPy refuses a result whose element count, multiplied out from the left, "
                "overflows isize; it stops at the first 0")
    return None


def broadcasting():
    fam = Family("broadcasting")
    shape_lists = [
        [], [[]], [[], []], [[3]], [[], [3, 2]], [[1], [0]], [[0], [1]], [[0], [3]], [[0], [0]],
        [[0, 3], [3]], [[2, 0], [1, 1]], [[3, 0], [0]], [[1, 0], [5, 1]], [[256, 256, 3], [3]],
        [[8, 1, 6, 1], [7, 1, 5]], [[3, 2], [3]], [[2, 1], [8, 4, 3]], [[1, 1, 1], [1]],
        [[1], [1], [1]], [[6, 7], [5, 6, 1], [7], [5, 1, 7]], [[1, 2], [3, 1], [3, 2]],
        [[2, 3], [3, 2]], [[1] * 64], [[1] * 65], [[1] * 64, [1] * 65], [[2] * 33, [2] * 32],
        [[2**32, 1], [1, 2**32]], [[2**62], [1]], [[2**62, 4], [1, 1]], [[2**63 - 1], [1]],
        [[2**63], [1]], [[2**64 - 1], [1]], [[2**64 - 1], [2**64 - 2]], [[0, 2**63], [1]],
        [[0, 2**64 - 1], [5, 1]], [[1, 1], [2**40, 2**40]],
        # NumPy multiplies the result's sizes from the left and stops at a 0.
        [[0, 2**62, 4]], [[2**62, 4], [0, 1, 1]], [[2**62, 0, 4]], [[2**62, 4, 0]],
        [[4, 2**62, 0]], [[2**63 - 1, 0, 2]], [[2**31, 2**31], [2, 1, 1]],
    ]
    for i, shapes in enumerate(shape_lists):
        fam.add(f"broadcast_shapes/{i:02}", "broadcasting::broadcast_shapes",
                "np.broadcast_shapes(*shapes)", {"shapes": shapes},
                run(lambda: np.broadcast_shapes(*[tuple(s) for s in shapes]), list),
                note=broadcast_note(shapes))

    # numpy_shape: the shape text NumPy puts in its broadcasting error messages.
    for i, shape in enumerate([[], [0], [3], [1], [3, 2], [0, 0], [1, 0, 3], [2, 3, 4, 5],
                               [2**40, 0], [18446744073709551615, 0]]):
        def shape_text(shape=shape):
            x = np.empty(shape, dtype=np.uint8)
            try:
                np.add(np.empty(tuple(shape) + (2,), dtype=np.uint8), 0, out=x)
            except ValueError as e:
                # "operands could not be broadcast together with shapes S+(2,) () S " (the last
                # shape is the output operand's) or "non-broadcastable output operand with
                # shape S doesn't match the broadcast shape S+(2,)"
                message = str(e)
                if "with shapes " in message:
                    return message.split("with shapes ")[1].split()[-1]
                return message.split("with shape ")[1].split()[0]
            raise AssertionError("expected an error")
        fam.add(f"numpy_shape/{i:02}", "broadcasting::numpy_shape",
                "shape text of NumPy's broadcasting error messages", {"shape": shape},
                run(shape_text, str))

    # checked_add: a + b with broadcasting, for i64, u8, f32 and f64, every layout.
    def add_case(id_, a, b, dtype, la="c", lb="c", note=None):
        npt = DTYPES[dtype] if dtype != "u8" else np.uint8
        a = np.array(a, dtype=npt)
        b = np.array(b, dtype=npt)
        va, vb = view(a, la), view(b, lb)
        fam.add(id_, "broadcasting::checked_add", "a + b",
                {"a": arr(a, dtype, la), "b": arr(b, dtype, lb)},
                run(lambda: va + vb, lambda r: arr(r, dtype)), note)

    add_case("checked_add/i64-overflow", [[I64_MAX, I64_MIN, -1]], [[1, -1, I64_MIN]], "i64",
             note="NumPy wraps on integer overflow")
    add_case("checked_add/i64-column-row", [[1], [2], [3]], [[10, 20]], "i64")
    add_case("checked_add/u8-overflow", [[255, 200, 0]], [[1, 100, 0]], "u8",
             note="NumPy's uint8 + uint8 wraps")
    add_case("checked_add/f64-specials", [[math.nan, math.inf, -math.inf, -0.0, -0.0, 1e308]],
             [[1.0, -math.inf, -math.inf, -0.0, 0.0, 1e308]], "f64")
    add_case("checked_add/empty-rows", np.zeros((0, 3)), [1.0, 2.0, 3.0], "f64")
    add_case("checked_add/empty-cols", np.zeros((3, 0)), np.zeros((3, 1)), "f64")
    add_case("checked_add/empty-0x0", np.zeros((0, 0)), np.zeros((1, 1)), "f64")
    add_case("checked_add/0-vs-3", np.zeros((0,)), np.zeros((3,)), "f64")
    add_case("checked_add/1x1", [[5]], [[7]], "i64")
    add_case("checked_add/incompatible", np.zeros((3, 2)), np.zeros((3,)), "f64")
    # float32 sums rounded to float32: 2**24 + 1 ties to 2**24, 3e38 + 3e38 overflows to inf,
    # and 0.1 + 0.2 rounds to another float32 than 0.3 does; a column plus a row, broadcast.
    add_case("checked_add/f32-rounding", [[16777216.0, 3e38, 0.1, 1.0, -0.0, math.nan]],
             [[1.0, 3e38, 0.2, 1e-8, 0.0, 1.0]], "f32", note="float32 arithmetic")
    add_case("checked_add/f32-column-row", [[0.1], [-2.5], [1e30]], [[0.7, 1e-7]], "f32")
    r = rng(3)
    for la in LAYOUTS_2D:
        for lb in ["c", "neg", "step2"]:
            a = r.randint(-9, 10, size=(3, 4))
            b = r.randint(-9, 10, size=4)
            add_case(f"checked_add/layout-{la}-{lb}", a, b, "i64", la, lb)

    # checked_add on an empty result whose other sizes are huge: NumPy refuses a result whose
    # sizes other than 0 take more than isize::MAX bytes ("array is too big"), so the limit
    # depends on the element type. The inputs are shapes, not data: `zeros` is np.zeros of
    # that shape, `broadcast` a zero broadcast to that shape (up to 2**62 elements, none stored).
    for i, (dtype, zeros, broadcast) in enumerate([
        ("u8", [0, 1], [1, 2**62]), ("u8", [0, 1, 1], [2**31, 2**31]),
        ("i16", [0, 1], [1, 2**61]), ("i16", [0, 1], [1, 2**62]),
        ("f64", [0, 1], [1, 2**59 + 1]), ("f64", [0, 1], [1, 2**60]),
        ("f64", [0, 1, 1], [2**31, 2**31]), ("f32", [1, 0, 1], [2**61, 1, 1]),
        ("f32", [1, 0, 1], [2**60, 1, 2]),
        # Exactly isize::MAX bytes of uint8: NumPy makes the empty (2**63 - 1, 0, 1) array.
        ("u8", [1, 0, 1], [2**63 - 1, 1, 1]),
        # A result (2**62, 4, 0) whose sizes, multiplied from the left, pass isize::MAX
        # before the 0: NumPy's iterator refuses it ("iterator is too large"), not the array.
        ("u8", [4, 0], [2**62, 1, 1]),
        # An empty (0, 2**63 - 1) uint8 result, isize::MAX bytes of sizes other than 0, where
        # the (0, 1) operand is stretched along the 2**63 - 1 axis: NumPy 2.4.6's iterator
        # raises "automatically allocated output array specified with an inconsistent axis
        # mapping" (an internal error; one size less passes), where checked_add returns the
        # empty array.
        ("u8", [0, 1], [1, 2**63 - 1]),
        ("u8", [0, 1], [1, 2**63 - 2]),
    ]):
        npt = {"u8": np.uint8, "i16": np.int16, "f32": np.float32, "f64": np.float64}[dtype]
        fam.add(f"checked_add/empty-huge/{i:02}", "broadcasting::checked_add",
                "np.zeros(zeros, dtype) + np.broadcast_to(dtype(0), broadcast)",
                {"dtype": dtype, "zeros": zeros, "broadcast": broadcast},
                run(lambda: (np.zeros(zeros, npt)
                             + np.broadcast_to(npt(0), tuple(broadcast))).shape, list),
                note="an empty result: NumPy counts the bytes of its other sizes")
    return fam


# ---- chapter 4: newaxis -----------------------------------------------------------------

def newaxis():
    fam = Family("newaxis")

    def reshape(length, requested):
        # A zero-stride view has any number of elements without allocating them.
        base = np.broadcast_to(np.uint8(0), (length,))
        return base.reshape(tuple(requested)).shape

    cases = [
        (6, [2, -1]), (6, [-1]), (6, [3, 2]), (0, [0, 3]), (0, [-1, 3]), (6, [4, -1]),
        (6, [-1, -1]), (6, [-2, -3]), (6, [-2, 3]), (6, [-5]), (6, [3, -7]), (0, [0, -1]),
        (0, [-1, 0]), (0, [-1]), (0, []), (1, []), (1, [-1]), (1, [1, 1, -1, 1]), (5, [0, -1]),
        (12, [2, -1, 3]), (12, [5, -1]), (25, [1, -1, -1, 1, 1]), (0, [2**32, 2**32]),
        (0, [2**32, 2**32, 0]), (0, [0, 2**32, 2**32]), (0, [2**33, 2**31, -1]),
        (2**62, [2**31, -1]), (2**62, [3, -1]), (2**62, [2**62, 2, -1]),
        (2**63 - 1, [-1, 1]), (0, [2**62, 4]), (0, [2**63 - 1, 2, 0]), (0, [-1, 2**63 - 1]),
        (2**62, [2**61, 2, 1, 1, -1]), (4, [2**62, 2**62, 2**62, -1]), (0, [0, -1, 2**63 - 1]),
    ]
    for i, (length, requested) in enumerate(cases):
        fam.add(f"infer_shape/{i:02}", "newaxis::infer_shape",
                "np.broadcast_to(np.uint8(0), (len,)).reshape(requested).shape",
                {"len": length, "requested": requested},
                run(lambda: reshape(length, requested), list))

    # infer_shape counts elements (it is given no element type); NumPy counts bytes, so an
    # empty array reshaped to (0, 2**60) is fine for uint8 and "array is too big" for float64
    # (infer_shape's documentation says so).
    for dtype, npt, length, requested in [("u8", np.uint8, 0, [0, 2**60]),
                                          ("f64", np.float64, 0, [0, 2**60])]:
        fam.add(f"infer_shape/bytes-{dtype}", "newaxis::infer_shape",
                "np.broadcast_to(dtype(0), (len,)).reshape(requested).shape",
                {"dtype": dtype, "len": length, "requested": requested},
                run(lambda: np.broadcast_to(npt(0), (length,)).reshape(tuple(requested)).shape,
                    list),
                note="NumPy's limit counts bytes; infer_shape's counts elements")

    for i, (shape, positions) in enumerate([
        ([2, 3], [0]), ([2, 3], [2]), ([2, 3], [3, 0]), ([2, 3], [0, 0]), ([2, 3], [3]),
        ([2, 3], [1, 1]), ([], [0]), ([], [0, 1]), ([], [1]), ([0], [0, 2]), ([5], [1, 2]),
        ([5], [0, 4]), ([5], [2, 3]), ([2, 3], []), ([2, 3], [0, 1, 2, 3, 4]), ([5, 5], [0, 3, 4]),
    ]):
        fam.add(f"expand_dims/{i:02}", "newaxis::expand_dims",
                "np.expand_dims(np.zeros(shape), tuple(positions)).shape",
                {"shape": shape, "positions": positions},
                run(lambda: np.expand_dims(np.zeros(shape), tuple(positions)).shape, list))
    return fam


# ---- chapter 5: products ----------------------------------------------------------------

def products():
    fam = Family("products")

    def dot_case(id_, a, b, la="c", lb="c", note=None):
        a = np.array(a, dtype=np.float64)
        b = np.array(b, dtype=np.float64)
        va, vb = view(a, la), view(b, lb)
        fam.add(id_, "products::checked_dot", "a @ b",
                {"a": arr(a, "f64", la), "b": arr(b, "f64", lb)},
                run(lambda: va @ vb, lambda r: arr(r, "f64")), note)

    dot_case("checked_dot/0x3-3x2", np.zeros((0, 3)), np.ones((3, 2)))
    dot_case("checked_dot/2x0-0x3", np.zeros((2, 0)), np.zeros((0, 3)),
             note="an empty inner dimension: a 2x3 matrix of zeros")
    dot_case("checked_dot/0x0-0x0", np.zeros((0, 0)), np.zeros((0, 0)))
    dot_case("checked_dot/3x2-2x0", np.ones((3, 2)), np.zeros((2, 0)))
    dot_case("checked_dot/1x1", [[3.0]], [[-2.5]])
    dot_case("checked_dot/mismatch", np.ones((2, 3)), np.ones((2, 2)))
    dot_case("checked_dot/mismatch-empty", np.ones((2, 0)), np.ones((1, 2)))
    # An empty product whose other size is huge, shapes as inputs (a zero broadcast stores
    # nothing): NumPy refuses (0, 3) @ (3, 2**60) ("array is too big"; its count of bytes
    # takes the inner size too, so (3, 2**59) on the right is refused as well), where
    # checked_dot and fast_matmul return the empty array, as their docs say.
    for a_shape, b_shape in [((0, 3), (3, 2**60)), ((2**60, 3), (3, 0)), ((0, 3), (3, 2**59))]:
        fam.add(f"checked_dot/empty-huge/{a_shape[0]}x3-3x{b_shape[1]}", "products::checked_dot",
                "np.broadcast_to(0.0, a_shape) @ np.broadcast_to(0.0, b_shape)",
                {"a_shape": list(a_shape), "b_shape": list(b_shape)},
                run(lambda: (np.broadcast_to(0.0, a_shape) @ np.broadcast_to(0.0, b_shape)).shape,
                    list),
                note="an empty result, which NumPy refuses by bytes, the inner size counted "
                     "too: (0, 3) @ (3, 2**59) is refused, np.empty((0, 2**59)) is not")
    dot_case("checked_dot/inf-times-zero", [[math.inf, 0.0]], [[0.0], [1.0]],
             note="inf * 0 is NaN, even where the other term is finite")
    dot_case("checked_dot/nan", [[math.nan, 1.0], [1.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]])
    dot_case("checked_dot/inf-minus-inf", [[math.inf, -math.inf]], [[1.0], [1.0]])
    dot_case("checked_dot/overflow", [[1e308, 1e308]], [[10.0], [-10.0]],
             note="both products overflow: inf where the kernel fuses the second into the sum, "
                  "NaN where it rounds each product first (FMA decides: the tests accept either)")
    dot_case("checked_dot/neg-zero", [[-0.0]], [[0.0]])
    dot_case("checked_dot/neg-zero-sum", [[-0.0, -0.0]], [[1.0], [1.0]],
             note="a sum of -0.0 terms; BLAS/matrixmultiply may start from +0.0")
    # Sums of zeros, found by the hostile sweep: NumPy's BLAS (and ndarray's dot) add the
    # products to 0.0, so a sum of -0.0 terms is 0.0; faer's own result keeps a single -0.0
    # term's sign (k = 1, an outer product) and the sign of every all--0.0 sum, in each of its
    # kernels (matrix-vector, small, blocked), and fast_matmul's last `+ 0.0` pass turns them
    # into 0.0.
    sum_of_zeros = "a sum of zeros is 0.0 in NumPy, never -0.0 (the hostile sweep's finding)"
    dot_case("checked_dot/outer-zero-times-negative", [[0.0], [1.0], [-0.0]], [[-1.0, 2.0, 0.0]],
             note=sum_of_zeros)
    dot_case("checked_dot/outer-neg-zero-row", [[-0.0, 3.0]], [[1.0, 0.0, 2.0], [0.0, 0.0, -0.0]],
             note=sum_of_zeros)
    for m, k, n in [(3, 2, 4), (1, 5, 7), (9, 17, 1), (20, 33, 20), (70, 3, 70)]:
        dot_case(f"checked_dot/all-neg-zero-{m}x{k}x{n}", np.full((m, k), -0.0),
                 np.arange(k * n, dtype=np.float64).reshape(k, n) % 5 + 1, note=sum_of_zeros)
    # Products that underflow: 1e-200 * -1e-200 rounds to -0.0. Whether a sum of them is 0.0
    # or -0.0 depends on the kernel and on the shape: a kernel that starts from (or ends by
    # adding) +0.0 answers 0.0, one that keeps the products' own sum ends at -0.0. Seen with
    # NumPy 2.4.6: OpenBLAS's SkylakeX kernels (an AVX-512 machine) gave -0.0 for every shape
    # below; its Haswell kernels (an AVX2-only machine) gave -0.0 for some shapes and 0.0 for
    # others, so regenerating this file on another machine can change these answers. ndarray's
    # dot: -0.0 only with matrixmultiply's AVX-512 kernel (its AVX2 kernel ends with + 0.0).
    # checked_dot and fast_matmul answer 0.0 on every machine (the second hostile sweep).
    underflow = ("products that underflow to -0.0: the kernel decides the sign of NumPy's zero "
                 "(0.0, or -0.0 where it fuses each product into the sum); the Rust functions "
                 "answer 0.0")
    for m, k, n in [(1, 1, 1), (1, 2, 1), (3, 5, 4), (16, 50, 16)]:
        dot_case(f"checked_dot/underflow-{m}x{k}x{n}", np.full((m, k), 1e-200),
                 np.full((k, n), -1e-200), note=underflow)
    dot_case("checked_dot/underflow-subnormal", [[5e-324, 5e-324], [1.0, 0.0]], [[-0.4, 1.0], [-0.4, 2.0]],
             note=underflow)
    # An empty product of a broadcast view far larger than memory: NumPy answers an empty
    # (rows, 0) array (tests/edge_cases/products.rs also checks the Rust side takes no time).
    for rows, k in [(2**40, 3), (2**40, 0), (5, 3)]:
        fam.add(f"checked_dot/broadcast-{rows}x{k}-{k}x0", "products::checked_dot_broadcast",
                "np.broadcast_to(value, (rows, k)) @ np.zeros((k, 0))",
                {"value": 1.5, "rows": rows, "k": k},
                run(lambda: np.broadcast_to(1.5, (rows, k)) @ np.zeros((k, 0)),
                    lambda r: {"shape": list(r.shape)}))
    r = rng(5)
    for la in LAYOUTS_2D:
        for lb in ["c", "f", "neg_both", "step2"]:
            a = r.randint(-9, 10, size=(4, 3)).astype(np.float64)
            b = r.randint(-9, 10, size=(3, 5)).astype(np.float64)
            dot_case(f"checked_dot/layout-{la}-{lb}", a, b, la, lb,
                     note="integer-valued floats: the product is exact")
    for n in [1, 7, 20]:
        a = r.uniform(-1, 1, size=(n, n))
        b = r.uniform(-1, 1, size=(n, n))
        dot_case(f"checked_dot/random-{n}", a, b,
                 note="non-integer floats: summation order may change the last bits (compare in ulps)")

    for n in [0, 1, 3, 12]:
        def mats(n=n):
            i, j = np.indices((n, n))
            a = ((i * 7 + j * 3) % 11).astype(np.float64) - 5.0
            b = ((i * 5 + j * 2) % 13).astype(np.float64) - 6.0
            return [arr(a, "f64"), arr(b, "f64")]
        fam.add(f"bench_matrices/{n}", "products::bench_matrices",
                "the matrices of python/bench.py's matmul benchmark", {"n": n}, run(mats, lambda x: x))
    return fam


# ---- chapter 6: meshgrid ----------------------------------------------------------------

def meshgrid():
    fam = Family("meshgrid")
    cases = [
        (-8.0, 8.0, 0.01), (-1.0, 1.05, 0.5), (-5.0, 5.0, 0.25), (1.0, 0.0, 1.0), (0.0, 1.0, 0.1),
        (1.0, 0.0, -0.5), (0.0, 1.0, -1.0), (-0.0, 1.0, 1.0), (0.0, 0.0, 1.0), (0.0, 1.0, 2.0),
        (0.0, 1.0, 0.0), (0.0, 1.0, -0.0), (0.0, math.inf, 1.0), (0.0, -math.inf, 1.0),
        (math.inf, 1.0, 1.0), (-math.inf, 0.0, 1.0), (0.0, math.nan, 1.0),
        (math.nan, 1.0, 1.0), (0.0, 1.0, math.nan), (0.0, 1.0, math.inf), (0.0, -1.0, math.inf),
        (0.0, 10.0, -math.inf), (0.0, 1e-300, 1e300), (0.0, 1.0, 1e-300), (0.0, 1.0, 5e-324),
        (0.0, 1.0, 1e-14), (0.0, 1e18, 1.0), (-1e308, 1e308, 1e308), (0.0, 1.5e-323, 5e-324),
        (1e16, 1e16 + 10.0, 1.0), (2.0**53, 2.0**53 + 5.0, 1.0), (0.0, 3.0, 1.0000000000000002),
        (0.1, 0.4, 0.1), (1.0, 1.3, 0.1),
        # (stop - start) / step is NaN without a NaN argument: inf / inf, inf - inf.
        (0.0, math.inf, math.inf), (0.0, -math.inf, math.inf), (math.inf, math.inf, 1.0),
    ]
    for i, (start, stop, step) in enumerate(cases):
        big = (step != 0 and not math.isnan(step) and not math.isnan(stop - start)
               and abs((stop - start) / step) > 1e6)
        fam.add(f"numpy_arange/{i:02}", "meshgrid::numpy_arange", "np.arange(start, stop, step)",
                {"start": f(start), "stop": f(stop), "step": f(step)},
                run(lambda: np.arange(start, stop, step), lambda r: arr(r, "f64")),
                note="NumPy refuses before allocating; in Rust this may abort the process: run it "
                     "in a child process" if big else None)
    # Lengths at the limits: 2**63 (NumPy's own bug: an empty array), -2**63 (an empty range
    # NumPy accepts) and just beyond (refused), and lengths whose bytes pass isize::MAX.
    limits = [(0.0, 2.0**63, 1.0), (0.0, -2.0**63, 1.0), (0.0, -1e19, 1.0), (0.0, 2.0**60, 1.0),
              (0.0, 2.0**63 - 1024, 1.0)]
    for i, (start, stop, step) in enumerate(limits, start=len(cases)):
        fam.add(f"numpy_arange/{i:02}", "meshgrid::numpy_arange", "np.arange(start, stop, step)",
                {"start": f(start), "stop": f(stop), "step": f(step)},
                run(lambda: np.arange(start, stop, step), lambda r: arr(r, "f64")),
                numpy_is_wrong="NumPy 2.4.6 returns an empty array: its length, 2**63, overflows a "
                "signed 64-bit count (np.arange(0, 2.0**63 - 1024, 1.0) raises 'array is too big'); "
                "the right answer is an error" if stop == 2.0**63 else None)

    # np.linspace itself, for chapter 6's table, whose row says where ndarray's Array::linspace
    # differs: NumPy sets the last value to `stop`, one point is start + 0 * (stop - start),
    # NaN when that span is not finite (ndarray answers [start + 0]), and a step that rounds to 0
    # makes NumPy scale [0, ..., 1] by the span (ndarray repeats start + 0). start + 0 is start,
    # except for -0.0: 0.0, where NumPy's one point is -0.0 if stop is below start.
    linspace_cases = [
        (0.0, 0.9, 4), (-0.9, 0.9, 7), (-1000.0, 0.001, 3), (-8.0, 8.0, 17), (1.0, 0.0, 5),
        (0.0, 1.0, 0), (2.5, 7.0, 1), (0.0, 1.0, 2), (0.0, math.inf, 1), (0.0, -math.inf, 1),
        (0.0, math.nan, 1), (math.inf, 0.0, 1), (-1e308, 1e308, 1), (0.0, math.inf, 3),
        (1e308, -1e308, 3),
        # Subnormal spans whose step rounds to 0: NumPy scales [0, ..., 1] by the span.
        (0.0, 5e-324, 4), (-5e-324, 5e-324, 5),
        # A start of -0.0: one point (NumPy -0.0 below it, 0.0 above), a span rounding to 0.
        (-0.0, -1.0, 1), (-0.0, 1.0, 1), (-0.0, -math.inf, 1), (-0.0, 5e-324, 3),
        (-0.0, -1.0, 3),
    ]
    for i, (start, stop, num) in enumerate(linspace_cases):
        fam.add(f"linspace/{i:02}", "ndarray::Array::linspace", "np.linspace(start, stop, num)",
                {"start": f(start), "stop": f(stop), "num": num},
                run(lambda: np.linspace(start, stop, num), lambda r: arr(r, "f64")),
                note="ndarray's own function: the test checks the differences chapter 6's "
                     "table names, not equality")

    def sinc_np(x, y):
        xx, yy = np.meshgrid(x, y, sparse=True)
        return np.sin(xx**2 + yy**2) / (xx**2 + yy**2)

    specials = np.array(SPECIAL_FLOATS)
    inputs = [
        ("empty-x", np.array([]), np.array([1.0, 2.0])),
        ("empty-y", np.array([1.0, 2.0]), np.array([])),
        ("empty-both", np.array([]), np.array([])),
        ("one", np.array([0.5]), np.array([-0.25])),
        ("zero", np.array([0.0, -0.0]), np.array([0.0, -0.0, 1.0])),
        ("specials", specials, specials),
        ("tutorial-corners", np.arange(-8, 8, 0.01)[[0, 1, 799, 800, 801, 1599]],
         np.arange(-8, 8, 0.01)[[0, 123, 456, 800, 1599]]),
        ("random", rng(6).uniform(-8, 8, 37), rng(7).uniform(-8, 8, 23)),
    ]
    for name, x, y in inputs:
        for fn in ["sinc", "sinc_broadcast"]:
            layouts = LAYOUTS_1D if name == "random" else ["c"]
            for lx in layouts:
                vx, vy = view(x, lx), view(y, "neg" if lx == "step2" else lx)
                ly = "neg" if lx == "step2" else lx
                fam.add(f"{fn}/{name}/{lx}", f"meshgrid::{fn}",
                        "xx, yy = np.meshgrid(x, y, sparse=True); np.sin(xx**2 + yy**2) / (xx**2 + yy**2)",
                        {"x": arr(x, "f64", lx), "y": arr(y, "f64", ly)},
                        run(lambda: sinc_np(vx, vy), lambda r: arr(r, "f64")))
    return fam


# ---- chapter 7: k nearest neighbours ----------------------------------------------------

def stable_argsort(a):
    return np.argsort(a, axis=1, kind="stable")


def numpy_order(a, b):
    """-1, 0 or 1: how np.sort orders a and b (stable sort of [a, b] and of [b, a])."""
    ab = np.argsort(np.array([a, b]), kind="stable").tolist()
    ba = np.argsort(np.array([b, a]), kind="stable").tolist()
    if ab == [0, 1] and ba == [0, 1]:
        return 0
    if ab == [0, 1]:
        return -1
    return 1


def knn():
    fam = Family("knn")
    r = rng(11)
    specials = [-math.inf, -1.0, -5e-324, -0.0, 0.0, 5e-324, 1.0, math.inf, math.nan,
                -math.nan, 1e308]
    for i, a in enumerate(specials):
        for j, b in enumerate(specials):
            fam.add(f"cmp_nan_last/{i:02}-{j:02}", "knn::cmp_nan_last",
                    "order of a and b in np.sort([a, b]) (-1 Less, 0 Equal, 1 Greater)",
                    {"a": f(a), "b": f(b), "b_is_negative_nan": math.isnan(b) and math.copysign(1, b) < 0,
                     "a_is_negative_nan": math.isnan(a) and math.copysign(1, a) < 0},
                    {"ok": numpy_order(a, b)},
                    note="-nan: build it as -f64::NAN (sign bit set)" if
                    (math.isnan(a) and math.copysign(1, a) < 0) or (math.isnan(b) and math.copysign(1, b) < 0) else None)

    matrices = [
        ("0x0", np.zeros((0, 0))), ("0x3", np.zeros((0, 3))), ("3x0", np.zeros((3, 0))),
        ("1x1", np.array([[2.5]])), ("1x1-nan", np.array([[math.nan]])),
        ("specials", np.array([[math.nan, 1.0, -0.0, 0.0, -math.inf, math.inf, -math.nan, 0.0, -1.0, 5e-324]])),
        # ch07's unit test of the stable order (ties, ±0.0, NaN and -NaN last).
        ("nan-last-ties", np.array([[2.0, math.nan, 1.0, 2.0, -0.0, 0.0, -math.inf, -math.nan]])),
        ("ties", np.array([[1.0, 1.0, 0.0, 1.0, 0.0, 2.0, 2.0, 0.0]] * 2)),
        ("all-nan", np.full((2, 5), math.nan)),
        ("random", r.uniform(-1, 1, (4, 9))),
        ("random-ties-nan", np.where(r.rand(6, 40) < 0.2, math.nan, r.randint(0, 6, (6, 40)).astype(float))),
        ("wide", r.randint(0, 50, (2, 60)).astype(float)),
    ]
    for name, m in matrices:
        for layout in (LAYOUTS_2D if name in ("random", "random-ties-nan") else ["c"]):
            vm = view(m, layout)
            fam.add(f"argsort_rows/{name}/{layout}", "knn::argsort_rows",
                    "np.argsort(a, axis=1, kind='stable')", {"a": arr(m, "f64", layout)},
                    run(lambda: stable_argsort(vm), lambda x: arr(x, "usize")))
        kths = sorted({0, 1, 2, 15, 16, 17, m.shape[1] - 1, m.shape[1]} - {-1})
        for kth in kths:
            if kth > m.shape[1] + 1:
                continue
            for layout in (["c", "f", "neg_cols"] if name == "random" else ["c", "f"] if name == "random-ties-nan" else ["c"]):
                vm = view(m, layout)
                fam.add(f"argpartition_rows/{name}/{layout}/kth{kth}", "knn::argpartition_rows",
                        "np.argpartition(a, kth, axis=1); sorted: np.sort(a, axis=1)",
                        {"a": arr(m, "f64", layout), "kth": kth},
                        run(lambda: (np.argpartition(vm, kth, axis=1), np.sort(vm, axis=1)),
                            lambda x: {"numpy_indices": arr(x[0], "usize"), "sorted": arr(x[1], "f64")}),
                        note="only the partition property is promised: compare the value at kth "
                             "(with `sorted`) and that nothing before is larger / after is smaller"
                        + ("; NumPy skips the kth check when the array has no elements" if m.size == 0 else ""))

    def pts_case(name, x, layouts=("c",)):
        for layout in layouts:
            vx = view(x, layout)
            for fn in ["pairwise_sq_distances", "pairwise_sq_distances_broadcast"]:
                fam.add(f"{fn}/{name}/{layout}", f"knn::{fn}",
                        "np.sum((X[:, np.newaxis, :] - X[np.newaxis, :, :]) ** 2, axis=-1)",
                        {"points": arr(x, "f64", layout)},
                        run(lambda: np.sum((vx[:, np.newaxis, :] - vx[np.newaxis, :, :]) ** 2, axis=-1),
                            lambda d: arr(d, "f64")))

    pts_case("0x2", np.zeros((0, 2)))
    pts_case("3x0", np.zeros((3, 0)))
    pts_case("1x2", np.array([[1.0, 2.0]]))
    pts_case("nan-point", np.array([[math.nan, 0.0], [1.0, 1.0], [0.0, 0.0]]))
    pts_case("inf-point", np.array([[math.inf, 0.0], [1.0, 1.0], [-math.inf, 0.0]]))
    pts_case("overflow", np.array([[1e200, 0.0], [-1e200, 0.0], [0.0, 0.0]]))
    pts_case("duplicates", np.array([[1.0, 1.0], [0.0, 0.0], [1.0, 1.0], [0.0, 0.0]]))
    pts_case("tutorial", rng(42).rand(10, 2), LAYOUTS_2D)
    for d in [1, 3, 9, 17, 130]:
        pts_case(f"random-d{d}", r.uniform(-1, 1, (5, d)), ("c", "f"))

    def nearest_reference(dist, k):
        # Rust's documented contract: for each row i, the k smallest d[i, j] with j != i,
        # ordered by (distance, index) with NaN last -- a stable argsort with i removed.
        n = dist.shape[0]
        if 0 < k and k >= n:  # k = 0 asks for nothing, even of no points
            raise ValueError(f"k={k} needs at least {k + 1} points, got {n}")
        out = np.zeros((n, k), dtype=np.int64)
        for i in range(n):
            order = [j for j in np.argsort(dist[i], kind="stable").tolist() if j != i]
            if len(order) < k:
                raise ValueError(f"kth(={k}) out of bounds ({dist.shape[1]})")
            out[i] = order[:k]
        return out

    tutorial = rng(42).rand(10, 2)
    tut_d = np.sum((tutorial[:, None, :] - tutorial[None, :, :]) ** 2, axis=-1)
    dup = np.array([[1.0, 1.0], [0.0, 0.0], [1.0, 1.0], [0.0, 0.0], [3.0, 0.0]])
    dup_d = np.sum((dup[:, None, :] - dup[None, :, :]) ** 2, axis=-1)
    # Two distinct points 1e-200 apart: their squared distance underflows to 0, a tie with
    # the point's own distance, as for duplicates.
    tiny = np.array([[0.0, 0.0], [1e-200, 0.0], [3.0, 0.0]])
    tiny_d = np.sum((tiny[:, None, :] - tiny[None, :, :]) ** 2, axis=-1)
    nan_d = tut_d.copy()
    nan_d[2, :] = math.nan
    nan_d[:, 5] = math.nan
    # 25 points on a 5 x 5 grid: many equal distances, and k from 16 on, where
    # argpartition_rows selects by a general selection instead of its small sorted buffer;
    # for most points the kth distance is tied, so which tied points are kept shows.
    grid = np.array([[i, j] for i in range(5) for j in range(5)], dtype=float)
    grid_d = np.sum((grid[:, None, :] - grid[None, :, :]) ** 2, axis=-1)
    for name, d, ks in [("grid-5x5", grid_d, [16, 20]), ("tutorial", tut_d, [0, 1, 2, 9, 10]), ("duplicates", dup_d, [1, 2, 4]),
                        ("underflow", tiny_d, [1]),
                        ("nan", nan_d, [1, 3, 9]), ("0x0", np.zeros((0, 0)), [0, 1]),
                        ("1x1", np.zeros((1, 1)), [0, 1]), ("non-square-3x5", r.rand(3, 5), [1, 2]),
                        ("non-square-5x2", r.rand(5, 2), [1, 2])]:
        for k in ks:
            layouts = ["c", "f", "neg_both"] if name == "tutorial" and k == 2 else ["c"]
            for layout in layouts:
                tutorial_expr = run(lambda: stable_argsort(d)[:, 1:k + 1], lambda x: arr(x, "usize"))
                fam.add(f"k_nearest/{name}/k{k}/{layout}", "knn::k_nearest",
                        "reference: each row's stable argsort with the point itself removed, "
                        "first k (the tutorial: np.argsort(dist_sq, axis=1)[:, 1:k+1])",
                        {"dist_sq": arr(d, "f64", layout), "k": k},
                        run(lambda: nearest_reference(d, k), lambda x: arr(x, "usize")),
                        note="tutorial formula gives: " + json.dumps(tutorial_expr, sort_keys=True))

    # Rows long enough for argsort_rows_unstable's bucket path (64 to 16,384 finite values), and
    # just too short or too long for it (63, 16,385): ties, ±0.0, one outlier among values
    # crowded into one bucket, and values that differ only in their last bits, which its packed
    # keys drop (decreasing, they once made its insertion sort quadratic). Each row with its
    # reverse below it. Its own generator, so that the cases above keep their values.
    r = rng(12)

    def last_bits(n):
        one = np.array([1.0]).view(np.uint64)[0]
        return (np.arange(n, dtype=np.uint64) + one).view(np.float64)

    for n in (63, 64, 65):
        crowded = 1.0 + r.randint(0, 500, n) * 1e-9
        crowded[n // 2] = 1e6
        rows = [("last-bits-decreasing", last_bits(n)[::-1]),
                ("last-bits-shuffled", r.permutation(last_bits(n))),
                ("signed-zeros", np.where(r.rand(n) < 0.5, -0.0, 0.0)),
                ("ties", r.randint(0, 3, n).astype(float)),
                ("crowded-outlier", crowded)]
        for name, row in rows:
            m = np.stack([row, row[::-1]])
            for layout in ("c", "f"):
                vm = view(m, layout)
                fam.add(f"argsort_rows/long-{n}-{name}/{layout}", "knn::argsort_rows",
                        "np.argsort(a, axis=1, kind='stable')", {"a": arr(m, "f64", layout)},
                        run(lambda: stable_argsort(vm), lambda x: arr(x, "usize")))
    for n, name, row in [(16384, "last-bits-decreasing", last_bits(16384)[::-1]),
                         (16385, "ties", r.randint(0, 100, 16385).astype(float))]:
        m = row[None, :]
        fam.add(f"argsort_rows/long-{n}-{name}/c", "knn::argsort_rows",
                "np.argsort(a, axis=1, kind='stable')", {"a": arr(m, "f64")},
                run(lambda: stable_argsort(m), lambda x: arr(x, "usize")))
    # Empty matrices with a huge other side hold nothing: NumPy answers with the empty result
    # (the Rust tests also check these take no time).
    wide_and_empty = np.zeros((0, 2**40))
    fam.add("argsort_rows/0x1099511627776/c", "knn::argsort_rows",
            "np.argsort(a, axis=1, kind='stable')", {"a": arr(wide_and_empty, "f64")},
            run(lambda: stable_argsort(wide_and_empty), lambda x: arr(x, "usize")))
    tall_and_empty = np.zeros((2**40, 0))
    fam.add("k_nearest/1099511627776x0/k0/c", "knn::k_nearest",
            "the tutorial's np.argsort(dist_sq, axis=1)[:, 1:k+1] for k = 0",
            {"dist_sq": arr(tall_and_empty, "f64"), "k": 0},
            run(lambda: stable_argsort(tall_and_empty)[:, 1:1], lambda x: arr(x, "usize")))
    return fam


# ---- chapter 7: RandomState -------------------------------------------------------------

def random():
    fam = Family("random")
    for seed in [0, 1, 42, 2**31, 2**32 - 1]:
        for shape in [(0, 0), (0, 3), (3, 0), (1, 1), (2, 3)]:
            fam.add(f"rand/seed{seed}/{shape[0]}x{shape[1]}", "random::RandomState::rand",
                    "np.random.RandomState(seed).rand(rows, cols)",
                    {"seed": seed, "rows": shape[0], "cols": shape[1]},
                    run(lambda: rng(seed).rand(*shape), lambda x: arr(x, "f64")))
        fam.add(f"next_f64/seed{seed}", "random::RandomState::next_f64",
                "np.random.RandomState(seed).random_sample() x 4",
                {"seed": seed, "count": 4},
                run(lambda: [f(v) for v in rng(seed).random_sample(4)], lambda x: x))
    for seed in [2**32, -1]:
        fam.add(f"new/seed{seed}", "random::RandomState::new", "np.random.RandomState(seed)",
                {"seed": seed}, run(lambda: rng(seed).rand(), f),
                note="Rust takes a u32: this seed cannot be passed at all (a compile-time difference)")
    ranges = [
        (0, 10), (0, 2), (5, 6), (-5, 5), (3, 3), (5, 3), (0, 1), (-1, 0), (0, 2**32 - 1),
        (0, 2**32), (0, 2**32 + 1), (-2**31, 2**31), (0, 2**40), (0, 2**63 - 1), (-2**63, 2**63 - 1),
        (-2**63, 0), (-2**63, -2**63 + 1), (2**63 - 2, 2**63 - 1), (-10**12, 10**12), (0, 3),
        (0, 2**31 + 1),
    ]
    for seed in [0, 123, 2**32 - 1]:
        for low, high in ranges:
            for shape in ([(2, 3)] if seed != 0 else [(2, 3), (0, 4), (3, 0)]):
                fam.add(f"randint/seed{seed}/{low}..{high}/{shape[0]}x{shape[1]}",
                        "random::RandomState::randint",
                        "np.random.RandomState(seed).randint(low, high, size=(rows, cols))",
                        {"seed": seed, "low": low, "high": high, "rows": shape[0], "cols": shape[1]},
                        run(lambda: rng(seed).randint(low, high, size=shape), lambda x: arr(x, "i64")),
                        note="NumPy checks low < high only when the size is not 0"
                        if low >= high and 0 in shape else None)
    for seed in [0, 42, 2**32 - 1]:
        for shape in [(0, 5), (1, 1), (3, 5), (10, 10)]:
            fam.add(f"choice_binary/seed{seed}/{shape[0]}x{shape[1]}", "random::RandomState::choice_binary",
                    "np.random.RandomState(seed).choice([0, 1], size=(rows, cols))",
                    {"seed": seed, "rows": shape[0], "cols": shape[1]},
                    run(lambda: rng(seed).choice([0, 1], size=shape), lambda x: arr(x, "u8")))

    # Sizes no array holds, and empty ones: NumPy's refusal and its order. randint returns
    # np.empty(size) when the product of the sizes (an int64 that wraps, or a float beyond
    # int64) is 0, then checks low >= high, then allocates; np.empty counts the bytes of the
    # sizes other than 0 even for an empty shape.
    for low, high, shape in [
        (5, 5, (2**22, 2**22)), (5, 5, (2**40, 2**40)), (5, 3, (2**31, 2**31)),
        (5, 3, (3, 2**62)), (5, 3, (2**32 + 1, 2**32 - 1)), (5, 3, (2**32, 2**32)),
        (5, 3, (2**33, 2**31)), (5, 3, (2**63, 2)), (5, 3, (4, 2**63)),
        (5, 3, (2**63, 2**62)), (5, 3, (2**63, 0)), (5, 3, (0, 2**63)),
        (0, 10, (2**60, 0)), (5, 3, (0, 2**60)), (5, 3, (0, 2**59)),
    ]:
        fam.add(f"randint/sizes/{low}..{high}/{shape[0]}x{shape[1]}",
                "random::RandomState::randint",
                "np.random.RandomState(seed).randint(low, high, size=(rows, cols))",
                {"seed": 1, "low": low, "high": high, "rows": shape[0], "cols": shape[1]},
                run(lambda: rng(1).randint(low, high, size=shape), lambda x: arr(x, "i64")))
    for shape in [(0, 2**60), (2**60, 0), (2**59, 0), (0, 2**59), (2**63, 0)]:
        fam.add(f"rand/sizes/{shape[0]}x{shape[1]}", "random::RandomState::rand",
                "np.random.RandomState(seed).rand(rows, cols)",
                {"seed": 1, "rows": shape[0], "cols": shape[1]},
                run(lambda: rng(1).rand(*shape), lambda x: arr(x, "f64")))
    for shape in [(0, 2**60), (0, 2**59), (2**30, 2**30), (2**60 + 1, 1)]:
        fam.add(f"choice_binary/sizes/{shape[0]}x{shape[1]}", "random::RandomState::choice_binary",
                "np.random.RandomState(seed).choice([0, 1], size=(rows, cols))",
                {"seed": 1, "rows": shape[0], "cols": shape[1]},
                run(lambda: rng(1).choice([0, 1], size=shape), lambda x: arr(x, "u8")))

    def stream(seed):
        s = rng(seed)
        return [arr(s.rand(2, 2), "f64"), arr(s.randint(0, 10, size=(1, 3)), "i64"),
                arr(s.randint(0, 2**40, size=(1, 2)), "i64"), arr(s.rand(1, 3), "f64"),
                arr(s.choice([0, 1], size=(2, 2)), "u8"), arr(s.randint(7, 8, size=(1, 2)), "i64"),
                arr(s.rand(1, 1), "f64")]
    fam.add("stream/seed7", "random::RandomState (one generator, calls in sequence)",
            "s = RandomState(7); s.rand(2,2); s.randint(0,10,(1,3)); s.randint(0,2**40,(1,2)); "
            "s.rand(1,3); s.choice([0,1],(2,2)); s.randint(7,8,(1,2)); s.rand(1,1)",
            {"seed": 7, "calls": ["rand 2 2", "randint 0 10 1 3", "randint 0 1099511627776 1 2",
                                  "rand 1 3", "choice_binary 2 2", "randint 7 8 1 2", "rand 1 1"]},
            run(lambda: stream(7), lambda x: x))
    return fam


# ---- chapter 8: Game of Life ------------------------------------------------------------

LIFE_FUNCTIONS = ["life::iterate", "life::iterate_loops", "life::FastLife::step"]


def life_numpy(board, generations, dtype, layout="c"):
    """python/life.py's iterate, `generations` times, on a copy of `board` of type `dtype` whose
    memory is arranged as `layout` (see `view`): NumPy computes on the array the Rust test
    builds."""
    Z = view(np.asarray(board, dtype=dtype), layout)
    for _ in range(generations):
        Z = iterate(Z)
    return Z


def life_cases(fam, name, board, generations_list, layouts):
    """One case per function, number of generations and layout, all answered by NumPy's iterate
    on a uint8 board; a note where the tutorial's int64 board would give another answer."""
    board = np.asarray(board)
    for generations in generations_list:
        i64 = life_numpy(board, generations, np.int64)
        for layout in layouts:
            u8 = life_numpy(board, generations, np.uint8, layout)
            note = None
            if not np.array_equal(u8, i64):
                note = ("the tutorial's board is int64 (np.random.choice): with these values it "
                        "gives " + json.dumps(arr(i64, "i64")["data"]))
            for fn in LIFE_FUNCTIONS:
                fam.add(f"{fn.split('::', 1)[1]}/{name}/g{generations}/{layout}", fn,
                        "python/life.py's iterate(Z) on a uint8 board (Rust's element type), "
                        "`generations` times",
                        {"board": arr(board, "u8", layout), "generations": generations},
                        {"ok": arr(u8, "u8")}, note)


# Mostly 0s and 1s, and values whose neighbour sums pass 255 and can wrap around to 2 or 3:
# two 128s among a cell's neighbours add nothing in uint8 (128 + 128 + 1 + 1 is 2), and
# 255 + 2 + 1 + 1 is 3.
LIFE_WRAPPING_VALUES = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 128, 128, 255, 2]


def life():
    fam = Family("life")
    r = rng(8)
    boards = [
        ("0x0", np.zeros((0, 0))), ("0x5", np.zeros((0, 5))), ("5x0", np.zeros((5, 0))),
        ("1x1", np.ones((1, 1))), ("2x2", np.ones((2, 2))), ("1x7", np.ones((1, 7))),
        ("3x3-birth", np.array([[1, 1, 0], [0, 0, 0], [1, 0, 0]])),
        ("3x3-full", np.ones((3, 3))),
        ("blinker", np.pad(np.array([[0, 0, 0], [1, 1, 1], [0, 0, 0]]), 1)),
        ("random-7x9", r.randint(0, 2, (7, 9))), ("random-4x13", r.randint(0, 2, (4, 13))),
        ("values-2", np.array([[0, 0, 0, 0], [0, 2, 1, 0], [0, 1, 1, 0], [0, 0, 0, 0]])),
        ("values-2-birth", np.array([[0, 0, 0, 0, 0], [0, 1, 1, 0, 0], [0, 2, 1, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]])),
        ("values-32", np.pad(np.full((3, 3), 32), 1)),
        ("values-86", np.pad(np.full((3, 3), 86), 1)),
        ("values-255", np.pad(np.full((3, 3), 255), 1)),
        ("values-random", np.pad(r.randint(0, 256, (4, 5)), 1)),
        ("values-3-neighbour-sum-wraps-to-3", np.array([[0, 0, 0, 0, 0], [0, 128, 128, 0, 0], [0, 3, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]])),
        # Boards with no cells but a huge other side: NumPy steps them at once (the Rust tests
        # also check the time).
        ("1099511627776x0", np.zeros((2**40, 0))), ("0x281474976710656", np.zeros((0, 2**48))),
    ]
    for name, board in boards:
        layouts = ["c", "f", "neg_rows", "neg_both"] if name.startswith("random") or name == "values-random" else ["c"]
        life_cases(fam, name, board, [1, 4] if name.startswith(("random", "blinker")) else [1], layouts)
    # A live cell whose neighbours sum to 258, which wraps to 2 in uint8: it survives, where
    # int64 kills it.
    life_cases(fam, "values-survives-neighbour-sum-wraps-to-2",
               np.array([[0, 0, 0, 0, 0], [0, 128, 128, 2, 0], [0, 0, 1, 0, 0], [0, 0, 0, 0, 0]]),
               [1], ["c", "f"])
    # The smallest cells that change the next board: seven 33s and a 28 around a dead cell sum
    # to 259, which wraps to 3 in uint8, a birth that int64 does not give (cells of 32 make at
    # most 256, which wraps to 0, neither 2 nor 3).
    board = np.zeros((5, 5), dtype=np.int64)
    board[1:4, 1:4] = 33
    board[2, 2], board[3, 3] = 0, 28
    life_cases(fam, "values-33-neighbour-sum-wraps-to-3", board, [1], ["c"])
    # A sweep: seeded random boards of every kind of shape (no rows, one or two rows or columns,
    # the smallest interior, thin, wide, square), of 0s and 1s, of any byte, and of values whose
    # neighbour sums wrap; 1, 2 and 10 generations; row-major and column-major.
    s = rng(88)
    sweep = [((0, 9), "bytes"), ((9, 0), "bytes"), ((1, 12), "bytes"), ((12, 1), "wrapping"),
             ((2, 11), "bits"), ((11, 2), "bytes"), ((3, 3), "wrapping"), ((3, 13), "bits"),
             ((13, 3), "wrapping"), ((4, 4), "bytes"), ((5, 14), "wrapping"), ((14, 5), "bits"),
             ((8, 8), "wrapping"), ((11, 10), "bits"), ((9, 12), "bytes")]
    for shape, kind in sweep:
        if kind == "bits":
            board = s.randint(0, 2, shape)
        elif kind == "bytes":
            board = s.randint(0, 256, shape)
        else:
            board = s.choice(LIFE_WRAPPING_VALUES, shape)
        life_cases(fam, f"sweep-{kind}-{shape[0]}x{shape[1]}", board, [1, 2, 10], ["c", "f"])
    return fam


# ---- chapter 9: convolution -------------------------------------------------------------

def convolution():
    fam = Family("convolution")
    scipy_fn = {"convolve2d": signal.convolve2d, "correlate2d": signal.correlate2d}

    def conv_case(id_, a, k, dtype, la="c", lk="c", modes=("full", "same", "valid"), note=None):
        npt = {"f64": np.float64, "f32": np.float32, "i64": np.int64, "u8": np.uint8}[dtype]
        a = np.array(a, dtype=npt)
        k = np.array(k, dtype=npt)
        va, vk = view(a, la), view(k, lk)
        for fn in ["convolve2d", "correlate2d"]:
            for mode in modes:
                fam.add(f"{fn}/{id_}/{mode}", f"convolution::{fn}",
                        f"scipy.signal.{fn}(input, kernel, mode='{mode}')",
                        {"input": arr(a, dtype, la), "kernel": arr(k, dtype, lk),
                         "mode": mode.capitalize()},
                        run(lambda: scipy_fn[fn](va, vk, mode=mode), lambda x: arr(x, dtype)), note)

    # The example, and every parity of kernel against image.
    conv_case("issue-13-example", [[9, -7]], [[2, 7]], "i64")
    r = rng(9)
    count = 0
    for p_even in (False, True):
        for q_even in (False, True):
            for bigger in ("none", "rows", "cols", "both"):
                for _ in range(6):
                    p = int(r.choice([2, 4, 6] if p_even else [1, 3, 5]))
                    q = int(r.choice([2, 4, 6] if q_even else [1, 3, 5]))
                    m = int(r.randint(1, p + 1)) if bigger in ("rows", "both") and p > 1 else int(r.randint(p, p + 4))
                    n = int(r.randint(1, q + 1)) if bigger in ("cols", "both") and q > 1 else int(r.randint(q, q + 4))
                    a = r.randint(-9, 10, (m, n))
                    k = r.randint(-9, 10, (p, q))
                    conv_case(f"int-{count:03}-{m}x{n}-k{p}x{q}", a, k, "i64")
                    count += 1
    # 1x1 and empty operands (SciPy 1.17.1 returns odd shapes for these rather than raising).
    conv_case("1x1", [[3]], [[-2]], "i64")
    conv_case("1x1-kernel", [[1, 2], [3, 4]], [[5]], "i64")
    # The examples of chapter 9's unit tests: np.arange(1, 21).reshape(4, 5) with an even
    # 3 x 2 kernel (and swapped, the kernel larger), a 3 x 3 and a 2 x 2 one; a 2 x 3 input
    # with a larger 4 x 4 kernel; and floats that round.
    arange_4x5 = np.arange(1, 21).reshape(4, 5)
    k3x2 = [[1, 2], [3, 4], [5, 6]]
    conv_case("arange-4x5-k3x2", arange_4x5, k3x2, "i64")
    conv_case("arange-3x2-k4x5", k3x2, arange_4x5, "i64")
    conv_case("arange-4x5-k3x3", arange_4x5, [[0, 1, 0], [2, 3, 4], [0, 5, 0]], "i64")
    conv_case("arange-4x5-k2x2", arange_4x5, [[1, -1], [2, 0]], "i64")
    conv_case("arange-2x3-k4x4", np.arange(1, 7).reshape(2, 3), np.arange(1, 17).reshape(4, 4), "i64")
    conv_case("float-2x3-k2x2", [[0.5, -1.25, 2.0], [1.5, 0.25, -0.75]], [[0.1, 0.2], [-0.3, 0.4]], "f64",
              note="non-integer floats: SciPy's summation order may differ in the last bits (compare in ulps)")
    for a_shape in [(0, 3), (3, 0), (0, 0), (2, 2)]:
        for k_shape in [(0, 3), (2, 0), (0, 0), (2, 2)]:
            if a_shape == (2, 2) and k_shape == (2, 2):
                continue
            conv_case(f"empty-{a_shape[0]}x{a_shape[1]}-k{k_shape[0]}x{k_shape[1]}",
                      np.ones(a_shape), np.ones(k_shape), "f64",
                      note="scipy.signal.convolve2d does not reject empty operands; np.convolve raises "
                           "'v cannot be empty'")
    # Layouts.
    for la in LAYOUTS_2D:
        for lk in ["c", "f", "neg_both", "step2"]:
            a = r.randint(-9, 10, (4, 5))
            k = r.randint(-9, 10, (2, 3))
            conv_case(f"layout-{la}-{lk}", a, k, "i64", la, lk)
    # Floats: specials and rounding.
    conv_case("float-inf-kernel", [[1.0]], [[math.inf, 1.0]], "f64",
              note="the zero padding times inf is NaN in SciPy too")
    conv_case("float-nan", [[math.nan, 1.0, 2.0], [0.0, 1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]], "f64")
    conv_case("float-neg-zero", [[-0.0]], [[1.0]], "f64")
    conv_case("float-neg-zero-2", [[-0.0, -0.0], [-0.0, -0.0]], [[1.0, 1.0], [1.0, 1.0]], "f64")
    conv_case("float-overflow", [[1e308, 1e308]], [[10.0, 10.0]], "f64")
    conv_case("float-inf-minus-inf", [[math.inf, -math.inf]], [[1.0, 1.0]], "f64")
    for i in range(6):
        m, n, p, q = (int(v) for v in r.randint(1, 7, 4))
        conv_case(f"float-random-{i}-{m}x{n}-k{p}x{q}", r.uniform(-1, 1, (m, n)), r.uniform(-1, 1, (p, q)), "f64",
                  note="non-integer floats: SciPy's summation order may differ in the last bits (compare in ulps)")
    # Summation order, the examples of convolve2d's docs: convolve2d adds each window row by
    # row, in the input's order; SciPy's convolve2d adds these the other way round (its
    # correlate2d as convolve2d does), so a sum that cancels or overflows can differ.
    order = "summation order: the Rust functions add each window row by row, in the input's order"
    conv_case("float-order-cancels", [[1.0, 1e308, -1e308]], [[1.0, 1.0, 1.0]], "f64",
              modes=("valid",), note=order)
    conv_case("float-order-overflows", [[1e308, 1e308, -1e308]], [[1.0, 1.0, 1.0]], "f64",
              modes=("valid",), note=order)
    # A kernel larger than the input: the two swap roles, and the kernel's window is summed.
    conv_case("float-order-larger-kernel", [[1.0, 1.0, 1.0]], [[1.0, 1e308, -1e308, 0.0]], "f64",
              modes=("valid",), note=order + " (the kernel's, when it is the larger)")
    # In two dimensions: row by row, the kernel's window gives inf (1e308 + 1e308 first), column
    # by column it would give 0.
    conv_case("float-order-larger-kernel-rows", [[1.0, 1.0], [1.0, 1.0]],
              [[1e308, 1e308, 0.0], [-1e308, -1e308, 0.0]], "f64",
              modes=("valid",), note=order + " (the kernel's, when it is the larger: by rows)")
    # Integer overflow: SciPy wraps (int64 and uint8 arithmetic).
    conv_case("i64-overflow", [[I64_MAX, 2**62]], [[2, 1]], "i64", note="SciPy wraps int64 overflow")
    conv_case("i64-min", [[I64_MIN, -1]], [[-1, 1]], "i64", note="-i64::MIN wraps to i64::MIN")
    conv_case("u8-overflow", [[255, 255], [128, 2]], [[1, 1], [2, 3]], "u8", note="SciPy keeps uint8 and wraps")
    conv_case("u8-life-neighbours", np.pad(np.full((3, 3), 40), 1), [[1, 1, 1], [1, 0, 1], [1, 1, 1]], "u8",
              modes=("valid",), note="Life neighbour counts of cells holding 40 wrap at 256")
    # float32: SciPy adds in float32 too, in another order, so the last bits differ and a
    # sum that cancels can differ by much more ([[1, 1e8, -1e8]] with three ones: 1 in SciPy's
    # convolve2d, 0 in Rust's). Compared within the bound of two summation orders (see
    # tests/edge_cases/convolution.rs). Their own generator, so that the cases above keep
    # their values.
    r32 = rng(13)
    f32_note = "float32 summation bound: both add in float32, in different orders"
    for i, (m, n, p, q) in enumerate([(5, 6, 3, 4), (4, 4, 4, 4), (2, 3, 4, 5)]):
        conv_case(f"float32-random-{i}-{m}x{n}-k{p}x{q}", r32.uniform(-1, 1, (m, n)),
                  r32.uniform(-1, 1, (p, q)), "f32", note=f32_note)
    conv_case("float32-cancels", [[1.0, 1e8, -1e8], [0.5, -3e7, 3e7]], [[1.0, 1.0, 1.0]], "f32",
              note=f32_note)
    # convolve_full on its own, with an empty input: SciPy's zeros of the full shape,
    # (M + P - 1) x (N + Q - 1), which has no rows (or columns) when the kernel has one. (It
    # once panicked in convolve_valid for those, with a message about a kernel that does not fit.)
    for a_shape in [(0, 3), (3, 0), (0, 0)]:
        for k_shape in [(1, 1), (1, 2), (2, 1), (2, 2), (3, 3)]:
            a, k = np.zeros(a_shape, dtype=np.int64), np.ones(k_shape, dtype=np.int64)
            fam.add(f"convolve_full/empty-{a_shape[0]}x{a_shape[1]}-k{k_shape[0]}x{k_shape[1]}",
                    "convolution::convolve_full", "scipy.signal.convolve2d(input, kernel, mode='full')",
                    {"input": arr(a, "i64"), "kernel": arr(k, "i64"), "mode": "Full"},
                    run(lambda: signal.convolve2d(a, k, mode="full"), lambda x: arr(x, "i64")),
                    note="an empty input: zeros of the full shape")
    # A float kernel holding a NaN or an infinity: SciPy multiplies it by the zeros it pads
    # with, so every element of the full shape is NaN (0 * inf is NaN); a kernel of negative
    # weights still gives 0.0, not -0.0.
    nan_22 = [[1.0, 2.0], [math.nan, 3.0]]
    inf_32 = [[1.0, 1.0], [1.0, 1.0], [1.0, math.inf]]
    for a_shape in [(0, 3), (3, 0), (0, 0)]:
        for name, k in [("nan-2x2", nan_22), ("inf-3x2", inf_32), ("minus-inf-1x3", [[1.0, -math.inf, 1.0]]),
                        ("negative-2x2", [[-1.0, -2.0], [-0.0, -3.0]])]:
            a, k = np.zeros(a_shape), np.array(k)
            fam.add(f"convolve_full/empty-{a_shape[0]}x{a_shape[1]}-f64-{name}",
                    "convolution::convolve_full", "scipy.signal.convolve2d(input, kernel, mode='full')",
                    {"input": arr(a, "f64"), "kernel": arr(k, "f64"), "mode": "Full"},
                    run(lambda: signal.convolve2d(a, k, mode="full"), lambda x: arr(x, "f64")),
                    note="an empty input: 0 * k summed over the kernel, NaN with a NaN or inf in it")
    return fam


# ---- chapter 2: speed -------------------------------------------------------------------

def speed():
    fam = Family("speed")
    nums_cases = [
        ("empty", []), ("one", [1]), ("zero", [0]), ("signs", [-1, 1, -2, 2, 3, -3]),
        ("extremes", [I64_MAX, I64_MIN, I64_MIN + 1, 2**53 + 1, -(2**53) - 1, 10**18]),
        ("tutorial-head", list(range(1, 21))),
    ]
    fns = ["reciprocals_push_loop", "reciprocals_map_collect", "reciprocals_boxed", "reciprocals",
           "reciprocals_into", "reciprocals_par"]
    for name, nums in nums_cases:
        a = np.array(nums, dtype=np.int64)
        for fn in fns:
            layouts = ["c", "neg", "step2"] if fn in ("reciprocals", "reciprocals_into", "reciprocals_par") and name in ("signs", "extremes") else ["c"]
            for layout in layouts:
                va = view(a, layout) if a.size else a
                fam.add(f"{fn}/{name}/{layout}", f"speed::{fn}", "1 / nums (np.int64 array)",
                        {"nums": arr(a, "i64", layout)},
                        run(lambda: 1 / va, lambda x: arr(x, "f64")))
        if name != "empty":
            fam.add(f"copy_floor/{name}", "speed::copy_floor", "nums.copy()",
                    {"nums": arr(a, "i64", "neg")}, run(lambda: view(a, "neg").copy(), lambda x: arr(x, "i64")))
    fam.add("reciprocals_into/length-mismatch", "speed::reciprocals_into",
            "np.divide(1, nums, out=np.empty(2))", {"nums": arr(np.arange(1, 4), "i64"), "out_len": 2},
            run(lambda: np.divide(1, np.arange(1, 4), out=np.empty(2)), lambda x: arr(x, "f64")),
            note="Rust documents a panic")

    for end in [-5, 0, 1, 2, 3, 11]:
        for fn, expr, dtype in [("list_range", "list(range(1, end))", "i64"),
                                ("array_from_iter", "np.arange(1, end)", "i64"),
                                ("array_range_f64", "np.arange(1., end)", "f64")]:
            thunk = (lambda: np.array(list(range(1, end)), dtype=np.int64)) if fn == "list_range" else \
                (lambda: np.arange(1, end)) if fn == "array_from_iter" else (lambda: np.arange(1.0, end))
            fam.add(f"{fn}/{end}", f"speed::{fn}", expr, {"end": end}, run(thunk, lambda x: arr(x, dtype)))
    # 2**45 int64s are 256 TiB: more than a process's addresses hold on x86-64 Linux, so even a
    # system that always overcommits refuses them (it would grant 8 TiB, and then run out).
    for end in [2**45, 2**62, I64_MAX]:
        for fn, thunk, dtype in [("array_from_iter", lambda: np.arange(1, end), "i64"),
                                 ("array_range_f64", lambda: np.arange(1.0, end), "f64")]:
            fam.add(f"{fn}/{end}", f"speed::{fn}", "np.arange(1, end)", {"end": end},
                    run(thunk, lambda x: arr(x, dtype)),
                    note="NumPy refuses before allocating; in Rust this may abort: run it in a child process",
                    numpy_is_wrong="NumPy 2.4.6 returns an empty array: its length computation overflows "
                    "(np.arange(1, 2**62) raises 'array is too big'); the right answer is an error"
                    if end == I64_MAX else None)
    for vec in [[], [5], [I64_MIN, I64_MAX]]:
        for fn in ["array_from_vec", "array_from_slice"]:
            fam.add(f"{fn}/{len(vec)}", f"speed::{fn}", "np.array(nums)", {"nums": vec},
                    run(lambda: np.array(vec, dtype=np.int64), lambda x: arr(x, "i64")))

    for n in [0, 1, 3]:
        fam.add(f"tutorial_points/{n}", "speed::tutorial_points",
                "np.vstack([np.arange(0., n), np.arange(1., n + 1)]).T", {"n": n},
                run(lambda: np.vstack([np.arange(0.0, n), np.arange(1.0, n + 1)]).T, lambda x: arr(x, "f64")))
        fam.add(f"tutorial_points_nested/{n}", "speed::tutorial_points_nested",
                "np.vstack([np.arange(0., n), np.arange(1., n + 1)]).T.tolist()", {"n": n},
                run(lambda: np.vstack([np.arange(0.0, n), np.arange(1.0, n + 1)]).T, lambda x: arr(x, "f64")))
    fam.add("tutorial_points/2**44", "speed::tutorial_points",
            "np.vstack([np.arange(0., n), np.arange(1., n + 1)]).T", {"n": 2**44},
            run(lambda: np.empty((2**44, 2)), lambda x: arr(x, "f64")),
            note="NumPy raises MemoryError before allocating; in Rust this may abort: child process")

    def dist_np(p, pts):
        return np.sum((p - pts) ** 2, axis=1) ** 0.5

    dist_cases = [
        ("no-points", [1.0, 1.0], np.zeros((0, 2))),
        ("one", [1.0, 1.0], np.array([[4.0, 5.0]])),
        ("specials", [0.0, 0.0], np.array([[math.nan, 0.0], [math.inf, 0.0], [-math.inf, 1.0],
                                            [1e200, 0.0], [1e-200, 1e-200], [-0.0, -0.0], [3.0, 4.0]])),
        ("inf-point", [math.inf, 0.0], np.array([[math.inf, 0.0], [0.0, 0.0]])),
        ("tutorial", [1.0, 1.0], np.vstack([np.arange(0.0, 8.0), np.arange(1.0, 9.0)]).T),
        ("random", list(rng(12).uniform(-5, 5, 2)), rng(13).uniform(-5, 5, (9, 2))),
        ("d1", [0.5], np.array([[1.0], [-2.0]])),
        ("d3", [1.0, 2.0, 3.0], np.array([[1.0, 2.0, 4.0], [0.0, 0.0, 0.0]])),
        ("d0", [], np.zeros((3, 0))),
        ("d9", list(rng(14).uniform(-1, 1, 9)), rng(15).uniform(-1, 1, (4, 9))),
        ("d33", list(rng(16).uniform(-1, 1, 33)), rng(17).uniform(-1, 1, (3, 33))),
        # One square of 1 beside 99 squares of about 0.75 ulp(1): added one by one, each
        # rounds the running sum up by a whole ulp (1 + 99 ulps); NumPy's pairwise sum rounds
        # far less (1 + 78 ulps), so the roots differ by 10 ulps, 2.2e-15.
        ("d100-rounding", [0.0] * 100,
         np.array([[1.0] + [math.sqrt(0.75) * 2.0**-26] * 99])),
        ("broadcast-1", [2.0], np.array([[1.0, 2.0], [3.0, 4.0]])),
        ("mismatch", [1.0, 2.0, 3.0], np.array([[1.0, 2.0]])),
    ]
    for name, p, pts in dist_cases:
        p = np.array(p, dtype=np.float64)
        for fn in ["distances_broadcast_literal", "distances_broadcast_in_place", "distances_to",
                   "distances_to_par", "distances_nested"]:
            layouts = LAYOUTS_2D if name in ("random", "d9") and fn != "distances_nested" else ["c"]
            for layout in layouts:
                vpts = view(pts, layout)
                if fn == "distances_nested":
                    def nested(p=p, pts=pts):
                        # Unpacked, [x, y] refuses other sizes, as the Rust function panics; the
                        # tutorial's comprehension indexes op[0] and op[1] instead, which raises
                        # IndexError for fewer coordinates and ignores any beyond the second.
                        (x0, y0) = p
                        return np.array([((x0 - x1) ** 2 + (y0 - y1) ** 2) ** 0.5 for (x1, y1) in pts.tolist()])
                    thunk, expr = nested, "[((x0 - x1)**2 + (y0 - y1)**2)**0.5 for (x1, y1) in other_points]"
                else:
                    thunk, expr = (lambda: dist_np(p, vpts)), "np.sum((np_point - np_other_points)**2, axis=1)**0.5"
                fam.add(f"{fn}/{name}/{layout}", f"speed::{fn}", expr,
                        {"point": arr(p, "f64"), "points": arr(pts, "f64", layout)},
                        run(thunk, lambda x: arr(x, "f64")))
    return fam


# ---- chapter 1: memory ------------------------------------------------------------------

def memory():
    fam = Family("memory")
    for bits in [0, 1, 7, 8, 16, 32, 64, 65, 127, 128, 129, 200]:
        for signed in (True, False):
            name = ("int" if signed else "uint") + str(bits)

            def width(name=name):
                return np.array([0], dtype=np.dtype(name)).astype(str).dtype.itemsize // 4

            def widest(name=name, signed=signed):
                info = np.iinfo(np.dtype(name))
                return len(str(info.min if signed else info.max))
            fam.add(f"numpy_str_width/{name}", "memory::numpy_str_width",
                    f"np.array([0], dtype='{name}').astype(str) width (<UN)",
                    {"bits": bits, "signed": signed}, run(width, int),
                    note="NumPy has no such integer type" if bits not in (8, 16, 32, 64) else None)
            fam.add(f"widest_integer_text/{name}", "memory::widest_integer_text",
                    f"len(str(np.iinfo('{name}').{'min' if signed else 'max'}))",
                    {"bits": bits, "signed": signed}, run(widest, int),
                    note="NumPy has no such integer type" if bits not in (8, 16, 32, 64) else None)
    for width in [0, 1, 3, 6, 21]:
        for number in [0, 7, 123456, 2**64 - 1]:
            def text(width=width, number=number):
                return str(np.array([number], dtype=np.uint64).astype(f"<U{width}")[0])
            fam.add(f"fixed_width/{width}/{number}", "memory::fixed_width",
                    f"str(np.array([number], dtype=np.uint64).astype('<U{width}')[0]), NUL-padded",
                    {"width": width, "number": number},
                    run(text, lambda s: s),
                    note="'<U0' is NumPy's unsized string type: astype sizes it from the data" if width == 0
                    else "Rust pads with NUL bytes up to the width; compare the bytes before the first NUL")
    return fam


# ---- NumPy's printed arrays, read back by numpy_text (tests/edge_cases/printing.rs) -------

def printing():
    """What NumPy prints for arrays of every kind the agreement tests read (str and repr, under
    the print options a script could set), and the values printed: `numpy_text::array` must
    read each text as an array of that shape whose values are within the printed precision,
    or refuse it (a summarised array with '...', booleans, a 0-d array's bare scalar)."""
    fam = Family("printing")
    r = rng(7)
    arrays = [
        ("f64/halves", np.array([0.5, -1.25, 3.0]), "f64"),
        ("f64/thirds", np.array([1 / 3, 2 / 3, -1 / 3]), "f64"),
        ("f64/scientific", np.array([1e-5, 1.0, 12345.678]), "f64"),
        ("f64/specials", np.array([math.nan, math.inf, -math.inf, -0.0, 0.0, 5e-324]), "f64"),
        ("f64/extremes", np.array([1.7976931348623157e308, -2.2250738585072014e-308, 1e-300]), "f64"),
        ("f64/2x3", r.normal(size=(2, 3)), "f64"),
        ("f64/wrapped-row", np.linspace(0, 1, 30), "f64"),
        ("f64/3x4x2", r.normal(size=(3, 4, 2)) * 1e3, "f64"),
        ("f32/normal", r.normal(size=(5,)).astype(np.float32), "f32"),
        ("f32/specials", np.array([math.nan, -math.inf, 1e-45, 3.4028235e38], dtype=np.float32), "f32"),
        ("i64/limits", np.array([I64_MAX, I64_MIN, 0, 2**53 + 1]), "i64"),
        ("u8/2x2", np.array([[0, 255], [1, 2]], dtype=np.uint8), "u8"),
        ("i64/2x2x2x2", np.arange(-8, 8).reshape(2, 2, 2, 2), "i64"),
        ("f64/wide-3d", np.arange(2 * 2 * 25, dtype=np.float64).reshape(2, 2, 25) / 7, "f64"),
        ("f64/empty-0x3", np.zeros((0, 3)), "f64"),
        ("f64/empty-0", np.zeros((0,)), "f64"),
        ("i64/empty-2x0", np.zeros((2, 0), dtype=np.int64), "i64"),
    ]
    refused = [
        ("f64/summarised", np.arange(2000.0), "summarised with '...': not every value is printed"),
        ("f64/summarised-2d", np.arange(40000.0).reshape(200, 200), "summarised with '...'"),
        ("bool", np.array([True, False]), "booleans are words, not numbers"),
        ("f64/0-d", np.array(1.5), "a 0-d array prints a bare scalar, no brackets"),
        ("c128", np.array([1 + 2j]), "complex numbers are not read"),
    ]
    options = [("default", {}, 8), ("sign+", {"sign": "+"}, 8), ("sign-space", {"sign": " "}, 8),
               ("precision3", {"precision": 3}, 3), ("precision0", {"precision": 0}, 0),
               ("unique", {"floatmode": "unique"}, 17),
               ("suppress", {"suppress": True}, 8), ("linewidth20", {"linewidth": 20}, 8)]
    for name, a, dtype in arrays + [(n, a, None) for n, a, _ in refused]:
        why = next((w for n, _, w in refused if n == name), None)
        for option, opts, precision in options:
            with np.printoptions(**opts):
                texts = [("str", str(a)), ("repr", repr(a))]
            for form, text in texts:
                args = {"text": text, "form": form, "options": opts, "precision": precision}
                expect = ({"error": {"type": "unreadable", "message": why}} if why
                          else {"ok": arr(a, dtype)})
                fam.add(f"{name}/{option}/{form}", "numpy_text::array",
                        f"{form}(a) under np.printoptions(**{opts})", args, expect,
                        note="a value read is within 0.5 * 10**-precision * max(1, |x|) of x "
                        "(a float32 also within half its ulp: NumPy prints its shortest repr), "
                        "NaN is NaN, infinities and signed zeros exact")
    return fam


# ---- the statistics of a timing (tests/edge_cases/statistics.rs) --------------------------

def statistics_family():
    """The quartiles python/bench.py reports for its samples (statistics.quantiles, inclusive
    method), which `results::quartiles` computes for criterion's: the same statistic on both
    sides of every timing table."""
    import statistics
    fam = Family("statistics")
    samples = []
    for n in list(range(1, 26)) + [50, 100, 101]:
        samples.append((f"uniform/{n}", rng(n).uniform(1e-3, 1e-1, n)))
    samples += [
        ("decades", [10.0**k for k in range(-9, 4)]),
        ("ties", [0.25] * 5 + [0.5] * 3),
        ("ulps", [1.0, 1.0000000000000002, 1.0000000000000004, 1.0000000000000007]),
        ("thirds", [1 / 3, 2 / 3, 1.0, 4 / 3, 5 / 3, 2.0, 7 / 3]),
    ]
    for name, data in samples:
        data = sorted(float(v) for v in data)
        fam.add(f"quartiles/{name}", "results::quartiles",
                "statistics.quantiles(sorted(data), n=4, method='inclusive')",
                {"sorted": [f(v) for v in data]},
                run(lambda: statistics.quantiles(data, n=4, method="inclusive"),
                    lambda q: [f(v) for v in q]),
                note="one value: Python raises StatisticsError, the Rust side returns it three "
                "times (bench.py takes at least ten samples)" if len(data) == 1 else None)
    return fam


# ---- the notes on ndarray itself (tests/edge_cases/ndarray_notes.rs) ---------------------

def notes():
    """NumPy's side of what the book's notes say ndarray (or ndarray-stats) does differently:
    each case names the Rust function the note is about; the test checks both sides."""
    fam = Family("notes")
    u64_row = lambda r: {"dtype": str(r.dtype), "data": [int(v) for v in r.reshape(-1)]}
    fam.add("sum_axis/u8-rows", "ndarray::ArrayBase::sum_axis",
            "np.array([[200, 100]], dtype=np.uint8).sum(axis=1)", {},
            run(lambda: np.array([[200, 100]], dtype=np.uint8).sum(axis=1), u64_row),
            note="NumPy sums uint8 in uint64; ndarray keeps u8 (a panic or 44)")
    for name in ["int8", "int16", "int32", "uint16", "uint32"]:
        def max_plus_one(name=name):
            return np.array([[np.iinfo(name).max, 1]], dtype=name).sum(axis=1)
        wide = "uint64" if name.startswith("u") else "int64"
        fam.add(f"sum_axis/{name}-rows", "ndarray::ArrayBase::sum_axis",
                f"np.array([[np.iinfo('{name}').max, 1]], dtype='{name}').sum(axis=1)",
                {"dtype": name}, run(max_plus_one, u64_row),
                note=f"NumPy sums {name} in {wide}; ndarray keeps the type (a panic or its minimum)")
    fam.add("mean_axis/i64", "ndarray::ArrayBase::mean_axis",
            "np.array([[1, 2], [2, 3]]).mean(axis=0)", {},
            run(lambda: np.array([[1, 2], [2, 3]]).mean(axis=0), lambda r: arr(r, "f64")),
            note="NumPy's mean of integers is float64; ndarray divides integers ([1, 2])")
    fam.add("mean_axis/i64-negative", "ndarray::ArrayBase::mean_axis",
            "np.array([[-1], [-2]]).mean(axis=0)", {},
            run(lambda: np.array([[-1], [-2]]).mean(axis=0), lambda r: arr(r, "f64")),
            note="NumPy's -1.5; ndarray's integer mean rounds toward 0 (-1), not down (-2)")

    def mean_of_no_rows():
        # Chapter 3: "NumPy returns nan with a warning" where mean_axis returns None.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            mean = np.zeros((0, 2)).mean(axis=0)
        return mean, [f"{w.category.__name__}: {w.message}" for w in caught]
    fam.add("mean_axis/no-rows", "ndarray::ArrayBase::mean_axis", "np.zeros((0, 2)).mean(axis=0)",
            {}, run(mean_of_no_rows, lambda r: {"mean": arr(r[0], "f64"), "warnings": r[1]}),
            note="NumPy returns nan with a warning; ndarray's mean_axis returns None")
    for op, thunk in [("matmul", lambda: np.array([[2**62]]) @ np.array([[4]])),
                      ("multiply", lambda: np.array([[2**62]]) * np.array([[4]]))]:
        fam.add(f"{op}/i64-overflow", "ndarray::ArrayBase::dot" if op == "matmul"
                else "ndarray::ArrayBase::mul", f"np.array([[2**62]]) {'@' if op == 'matmul' else '*'} "
                "np.array([[4]])", {}, run(thunk, lambda r: arr(r, "i64")),
                note="NumPy wraps silently; ndarray panics with overflow checks, else wraps")
    values = [("nan-inside", [1.0, math.nan, 3.0]), ("all-nan", [math.nan, math.nan]),
              ("empty", [])]
    for name, data in values:
        x = np.array(data, dtype=np.float64)
        fam.add(f"max/{name}", "ndarray_stats::QuantileExt::max", "np.max(x)",
                {"x": arr(x, "f64")}, run(lambda: np.max(x), lambda r: f(r)),
                note="ndarray-stats: UndefinedOrder with a NaN, EmptyInput when empty")
        fam.add(f"max_skipnan/{name}", "ndarray_stats::QuantileExt::max_skipnan", "np.nanmax(x)",
                {"x": arr(x, "f64")}, run(lambda: np.nanmax(x), lambda r: f(r)),
                note="max_skipnan returns NaN where NumPy raises (an empty array)")
    # The "Where next" page: ndarray-stats' Linear quantile is NumPy's default method, but
    # the formulas differ (both take the index (n - 1) * q; from a weight t of 0.5 on NumPy
    # interpolates back from the upper value, b - (b - a) * (1 - t), where ndarray-stats
    # always computes a + t * (b - a)), so the last bits can differ: the first three cases
    # by 6, 2 and 1 ulps here, the Listing 10-1 rows not at all.
    for name, data, q in [("5-values-0.9", [-6.3, 4.7, -5.7, -7.3, -3.5], 0.9),
                          ("4-values-0.5", [9.59, -2.81, -0.38, 3.77], 0.5),
                          ("2-values-0.75", [-3.0, -0.6], 0.75),
                          ("listing-row-0-0.25", [4.0, 1.0, 9.0, 7.0], 0.25),
                          ("listing-row-1-0.5", [2.0, 8.0, 3.0, 5.0], 0.5)]:
        x = np.array(data, dtype=np.float64)
        fam.add(f"quantile/{name}", "ndarray_stats::QuantileExt::quantile_axis_skipnan_mut",
                "np.quantile(x, q)", {"x": arr(x, "f64"), "q": f(q)},
                run(lambda: np.quantile(x, q), lambda r: f(r)),
                note="Linear is NumPy's default method; the last bits can differ")
    from numpy.lib.stride_tricks import sliding_window_view
    for shape, window in [((4, 5), (3, 3)), ((4, 5), (5, 1)), ((2, 2), (3, 3)), ((4, 5), (0, 3)),
                          ((4, 5), (4, 0)), ((4, 5), (4, 5))]:
        fam.add(f"windows/{shape[0]}x{shape[1]}/{window[0]}x{window[1]}",
                "ndarray::ArrayBase::windows", "sliding_window_view(np.ones(shape), window).shape",
                {"shape": list(shape), "window": list(window)},
                run(lambda: sliding_window_view(np.ones(shape), window).shape, list),
                note="ndarray: no windows where NumPy raises, a panic for a side of 0")
    # Chapter 6's np.sin row (and chapter 1's np.sqrt row): NumPy takes integers and
    # picks the float type from their width; ndarray's sin takes floats only.
    for name in ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]:
        for ufunc in ["sin", "sqrt"]:
            fam.add(f"float_method/{ufunc}/{name}", "ndarray::ArrayBase::sin",
                    f"np.{ufunc}(np.array([1], dtype='{name}')).dtype", {"dtype": name},
                    run(lambda: str(getattr(np, ufunc)(np.array([1], dtype=name)).dtype), str),
                    note="ndarray's sin and sqrt take floats: convert integers first with mapv")
    # Chapter 7's np.sort row: equal values (-0.0 and 0.0) keep their order in the stable
    # Rust sort; NumPy's default sort is not stable (its order of equal values depends on the
    # algorithm its CPU gets: x86-simd-sort with AVX2 or AVX-512, introsort otherwise).
    zeros = np.array([0.0, -0.0] * 40)
    fam.add("sort/signed-zeros-80", "knn::cmp_nan_last/sort_by",
            "np.sort(np.array([0.0, -0.0] * 40))", {"a": arr(zeros, "f64")},
            run(lambda: np.sort(zeros), lambda r: arr(r, "f64")),
            note="not stable: the signs of the equal zeros need not come out in their order")
    from scipy import signal
    for shape in [(0, 3), (3, 0), (0, 0)]:
        fam.add(f"fftconvolve/empty/{shape[0]}x{shape[1]}", "ndarray_conv::ConvFFTExt::conv_fft",
                "signal.fftconvolve(np.zeros(shape), np.ones((2, 2))).shape",
                {"shape": list(shape)},
                run(lambda: signal.fftconvolve(np.zeros(shape), np.ones((2, 2))).shape, list),
                note="ndarray-conv's conv_fft: an error for an empty operand; SciPy: an empty array")
    for n in range(7):
        for expr, thunk in [("x[3:0:-1]", lambda: np.arange(n)[3:0:-1]),
                            ("x[1:4:-1]", lambda: np.arange(n)[1:4:-1])]:
            fam.add(f"slice/{expr}/{n}", "ndarray::s", f"np.arange(n){expr[1:]}", {"n": n},
                    run(thunk, lambda r: arr(r, "i64")),
                    note="s![1..4;-1] is [3, 2, 1] of x, and panics for fewer than 4 elements")
    # Chapter 1's slicing paragraph: NumPy clips a bound outside the axis (of ten elements
    # a[:100] is all ten, a[:-100] and a[100:] are empty, and a[1:-1] of nothing is empty),
    # where ndarray panics; and a negative step walks a[7:1:-2], while a[2:8:-2] is empty.
    clips = "chapter 1: ndarray panics where NumPy clips a bound outside the axis"
    walks = "chapter 1: s![2..8;-2] is a[7:1:-2], not a[2:8:-2] (empty)"
    for expr, sizes, thunk, note in [
            ("a[:100]", [10], lambda a: a[:100], clips),
            ("a[:-100]", [10], lambda a: a[:-100], clips),
            ("a[100:]", [10], lambda a: a[100:], clips),
            ("a[-100:]", [10], lambda a: a[-100:], clips),
            ("a[1:-1]", range(4), lambda a: a[1:-1], clips),
            ("a[2:8:-2]", [10], lambda a: a[2:8:-2], walks),
            ("a[7:1:-2]", [10], lambda a: a[7:1:-2], walks)]:
        for n in sizes:
            fam.add(f"slice/{expr}/{n}", "ndarray::s", f"np.arange(n){expr[1:]}", {"n": n},
                    run(lambda: thunk(np.arange(n)), lambda r: arr(r, "i64")), note=note)
    for expr, rows_cols in [("Z[1:-1, 0:-2]", lambda z: z[1:-1, 0:-2]),
                            ("Z[2:, 1:-1]", lambda z: z[2:, 1:-1]),
                            ("Z[1:-1, 1:-1]", lambda z: z[1:-1, 1:-1])]:
        for rows in range(5):
            for cols in range(5):
                fam.add(f"slice/{expr}/{rows}x{cols}", "ndarray::s",
                        f"np.zeros((rows, cols)){expr[1:]}.shape", {"rows": rows, "cols": cols},
                        run(lambda: rows_cols(np.zeros((rows, cols))).shape, list),
                        note="chapter 8's windows: ndarray panics on the boards the table names")
    # Chapter 4's table: np.squeeze(a, axis) takes out an axis of size 1 and raises for any
    # other size, where index_axis(Axis(axis), 0) takes the first element of a longer axis
    # (and panics on an empty one).
    for rows in [1, 2, 0]:
        fam.add(f"squeeze/{rows}x3/0", "ndarray::ArrayBase::index_axis",
                "np.squeeze(np.arange(rows * 3).reshape(rows, 3), 0)", {"rows": rows},
                run(lambda: np.squeeze(np.arange(rows * 3).reshape(rows, 3), 0),
                    lambda r: arr(r, "i64")),
                note="index_axis takes the first element of a longer axis, where NumPy raises")
    # Chapter 4's table: NumPy's reshape gives a view of a matrix's column as (n, 1), and a
    # copy of a transposed array read row by row; to_shape does the same, while
    # into_shape_with_order refuses both.
    m = np.zeros((3, 4), dtype=np.int64)
    t = np.zeros((3, 2), dtype=np.int64).T
    for name, a, shape in [("column-of-3x4/3x1", m[:, 0], (3, 1)),
                           ("transpose-of-3x2/6", t, (6,))]:
        fam.add(f"reshape/{name}", "ndarray::ArrayBase::to_shape",
                "np.shares_memory(a, a.reshape(shape))", {"shape": list(shape)},
                run(lambda: bool(np.shares_memory(a, a.reshape(shape))), lambda r: r),
                note="to_shape gives a view where NumPy's reshape does; into_shape_with_order "
                     "refuses an array that is not contiguous row-major")
    # Chapter 8's mask rows with operands of different shapes: NumPy broadcasts `&`, and
    # refuses a boolean mask of another shape; `Zip::and` panics on both.
    n, z = np.full((3, 3), 3), np.zeros((1, 3), dtype=np.uint8)
    fam.add("zip/(N == 3) & (Z == 0)/3x3-1x3", "ndarray::Zip::and",
            "(np.full((3, 3), 3) == 3) & (np.zeros((1, 3)) == 0)", {},
            run(lambda: (n == 3) & (z == 0),
                lambda r: {"shape": list(r.shape), "data": [bool(v) for v in r.reshape(-1)]}),
            note="Zip needs equal shapes: a panic where NumPy broadcasts (and_broadcast stretches)")

    def masked_assignment():
        board = np.zeros((6, 6), dtype=np.uint8)
        board[1:-1, 1:-1][np.ones((3, 3), dtype=bool)] = 1
        return board
    fam.add("zip/Z[1:-1, 1:-1][mask] = 1/4x4-3x3", "ndarray::Zip::and",
            "Z[1:-1, 1:-1][np.ones((3, 3), dtype=bool)] = 1 on a 6 x 6 Z", {},
            run(masked_assignment, lambda r: arr(r, "u8")),
            note="a mask of another shape: NumPy raises IndexError, Zip panics")
    return fam


FAMILIES = [broadcasting, newaxis, products, meshgrid, knn, random, life, convolution, speed, memory,
            notes, printing, statistics_family]


def main():
    total = 0
    for make in FAMILIES:
        fam = make()
        n = fam.write()
        total += n
        print(f"{fam.name:14} {n:5} cases -> {OUT_DIR / (fam.name + '.json')}")
    print(f"{total} cases, NumPy {np.__version__}, SciPy {scipy.__version__}", file=sys.stderr)


if __name__ == "__main__":
    main()
