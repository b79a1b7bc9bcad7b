"""Chapter 1, "What an array really is": the NumPy side, and the facts the
book quotes.

Run from the repository root:  python3 python/ch01_memory.py
It rewrites python/outputs/ch01-memory/*.txt, which the book includes.
"""
import subprocess
import sys
import tracemalloc

import numpy as np

from book_outputs import Outputs, record, write_atomically

out = Outputs("ch01-memory")

out.begin("list_vs_array")
# ANCHOR: list_vs_array
mb = 1024 * 1024
python_list = list(range(0, 1000000))
numpy_array = np.array(range(0, 1000000))
print("Python list size: {0:.3f} MB".format(sys.getsizeof(python_list) / mb))
print("Numpy array size: {0:.3f} MB".format(numpy_array.nbytes / mb))
print("ArraySize/ListSize ratio: {0:.2f}".format(
    numpy_array.nbytes / sys.getsizeof(python_list)))
# ANCHOR_END: list_vs_array
out.end()

out.begin("getsizeof_exact")
# ANCHOR: getsizeof_exact
header = sys.getsizeof([])  # the list object itself, no slots yet
exact = list(range(10**6))
print("getsizeof(list(range(10**6))):", sys.getsizeof(exact))
grown = []
for i in range(10**6):
    grown.append(i)
slots = (sys.getsizeof(grown) - header) // 8
print("getsizeof(list grown by append):", sys.getsizeof(grown),
      f"= {header} + 8 * {slots} slots")
spare = 100 * (slots - len(grown)) / len(grown)
print(f"the grown list has {spare:.1f}% more slots than elements")
print("numpy_array.nbytes:", numpy_array.nbytes)
# ANCHOR_END: getsizeof_exact
out.end()
append_spare = f"{spare:.1f}%"

out.begin("list_resize_history")
# ANCHOR: list_resize_history
n = 10**6
# Python <= 3.7: list(range(n)) sized its buffer with the rule of append,
# n + n/8 + 6 slots, even though the length was known (fixed in 3.8).
old_slots = n + (n >> 3) + 6
old_size = 64 + 8 * old_slots  # 3.7: 40-byte list object + 24-byte GC head
print(f"Python 3.7, list(range(n)): {old_slots} slots, {old_size} bytes")
print(f"ArraySize/ListSize ratio: {8 * n / old_size:.2f}")
gain = 1 - 8 * n / old_size
print(f"the tutorial's gain: {gain:.0%}")  # it printed "11% of gain"
# The rule of append today (3.9+), checked against getsizeof at every resize
grown, resizes = [], 0
for i in range(n):
    size = sys.getsizeof(grown)
    grown.append(i)
    if sys.getsizeof(grown) != size:
        m = len(grown)
        rule = (m + (m >> 3) + 6) & ~3
        assert sys.getsizeof(grown) == header + 8 * rule
        resizes += 1
print(f"append: (m + m/8 + 6) rounded down to a multiple of 4,"
      f" checked at {resizes} resizes")
# ANCHOR_END: list_resize_history
out.end()

out.begin("true_cost")
# ANCHOR: true_cost
print("getsizeof(1000):", sys.getsizeof(1000), "bytes for one int object")
tracemalloc.start()
python_list = list(range(0, 1000000))
traced, _peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
created = 1000000 - 257  # ints -5..256 are cached and shared
print("memory really allocated for the list and its ints:", traced, "bytes")
per_int = (traced - sys.getsizeof(python_list)) / created
print(f"{created} int objects were created, {per_int:.1f} bytes each")
print(f"{traced / 1000000:.1f} bytes per element, all counted")
print("array/list ratio, all counted: {0:.2f}".format(
    numpy_array.nbytes / traced))
# ANCHOR_END: true_cost
out.end()
list_over_array = f"{traced / numpy_array.nbytes:.1f}"

out.begin("resident")
# ANCHOR: resident
def resident_growth(statement):
    """By how many bytes a fresh Python's resident memory grows while it
    keeps what `statement` makes (Linux: /proc/self/smaps_rollup)."""
    code = (
        "def rss():\n"
        "    for line in open('/proc/self/smaps_rollup'):\n"
        "        if line.startswith('Rss:'):\n"
        "            return int(line.split()[1]) * 1024\n"
        f"before = rss()\nkept = {statement}\nprint(rss() - before)"
    )
    run = subprocess.run([sys.executable, "-c", code],
                         capture_output=True, text=True, check=True)
    return int(run.stdout)

for what, statement in [
    ("list of a million ints", "list(range(1000000))"),
    ("list of a million strs", "[str(i) for i in range(1000000)]"),
]:
    # Whole bytes: the growth varies by a few pages from run to run.
    print(f"{what}: {resident_growth(statement) / 1e6:.0f} bytes per element")
# ANCHOR_END: resident
out.end()
# Rounded as the output above prints them, to whole bytes per element: the
# growth varies by a few pages (16 KiB here) from run to run, and the committed
# facts must not. Tenths of a byte were not enough: 72,548,352 bytes for the
# strs sit 1.6 KB from 72.55 MB, and runs printed 72.5 or 72.6.
list_resident = round(resident_growth("list(range(1000000))") / 1e6) * 1_000_000
str_list_resident = round(
    resident_growth("[str(i) for i in range(1000000)]") / 1e6) * 1_000_000

out.begin("mixed_list")
# ANCHOR: mixed_list
mixed_list = [1, 2, 3, 4.0, 5.0, 'abc', 'def', True, False]
print([type(x).__name__ for x in mixed_list])
# ANCHOR_END: mixed_list
out.end()

out.begin("mixed_array")
# ANCHOR: mixed_array
np_array_mixed = np.array(
    [i if i % 2 == 0 else str(i) for i in range(0, 1000000)])
np_array_mixed_size = np_array_mixed.nbytes
print("Mixed numpy array size:", np_array_mixed_size / mb, "MB")
np_array_str = np.array([str(i) for i in range(0, 1000000)])
np_array_str_size = np_array_str.nbytes
print("Strings-only numpy array size:", np_array_str_size / mb, "MB")
print('String array contains type:', np_array_str.dtype)
print('"Mixed" array contains type:', np_array_mixed.dtype)
print('"Mixed" array elements:', np_array_mixed[:6])
# ANCHOR_END: mixed_array
out.end()

out.begin("mixed_exact")
# ANCHOR: mixed_exact
print("mixed nbytes:", np_array_mixed.nbytes, "=",
      len(np_array_mixed), "x", np_array_mixed.itemsize)
print("strings nbytes:", np_array_str.nbytes, "=",
      len(np_array_str), "x", np_array_str.itemsize)
print("ratio: {0:.2f}".format(np_array_mixed.nbytes / np_array_str.nbytes))
# ANCHOR_END: mixed_exact
out.end()

out.begin("string_dtype")
# ANCHOR: string_dtype
from numpy.dtypes import StringDType  # NumPy 2: variable-width strings

np_array_sdt = np.array([str(i) for i in range(0, 1000000)],
                        dtype=StringDType())
print("StringDType array:", np_array_sdt.nbytes, "bytes =",
      len(np_array_sdt), "x", np_array_sdt.itemsize)
mixed_sdt = np.array([i if i % 2 == 0 else str(i) for i in range(6)],
                     dtype=StringDType())
print('"Mixed" as StringDType:', mixed_sdt,
      "itemsize", mixed_sdt.itemsize)
# ANCHOR_END: string_dtype
out.end()

out.begin("string_widths")
# ANCHOR: string_widths
for dtype in [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint64]:
    info = np.iinfo(dtype)
    widest = max(len(str(info.min)), len(str(info.max)))
    mixed = np.array([dtype(1), 'ab'])
    print(f"{dtype.__name__:>6} with a str -> {mixed.dtype}"
          f"   (widest value needs {widest} characters)")
# ANCHOR_END: string_widths
out.end()

out.begin("anatomy")
# ANCHOR: anatomy
a = np.arange(12).reshape(3, 4)
start = a.__array_interface__["data"][0]  # the address of a's first element
for name, view in [("a", a), ("a.T", a.T), ("a[1:, 1:3]", a[1:, 1:3]),
                   ("a[:, ::2]", a[:, ::2]), ("a[::-1, :]", a[::-1, :])]:
    offset = (view.__array_interface__["data"][0] - start) // a.itemsize
    strides = tuple(s // a.itemsize for s in view.strides)  # in elements
    print(f"{name:<12} offset {offset}, shape {view.shape}, strides {strides},"
          f" shares memory: {np.shares_memory(a, view)}")
# ANCHOR_END: anatomy
out.end()

out.begin("owned_and_views")
# ANCHOR: owned_and_views
a = np.arange(12).reshape(3, 4)
row = a[1]  # a view
print("row 1:", row, "its sum:", row.sum())
bottom = a[1:, :]
bottom[...] = 0  # writes through to a
print("a after bottom[...] = 0:")
print(a)
print("a.reshape(12) is a view:", np.shares_memory(a, a.reshape(12)))
print("a.T.reshape(12) is a view:", np.shares_memory(a, a.T.reshape(12)))
copy = a.T.copy()  # an explicit copy
# ANCHOR_END: owned_and_views
out.end()

out.begin("operators_and_types")
# ANCHOR: operators_and_types
a = np.array([1.0, 4.0, 9.0])
b = np.array([10.0, 20.0, 30.0])
print("a + b =", a + b, " b * 2 =", b * 2)  # 2 is promoted to 2.0
ints = np.array([1, 2, 3])
print("ints.astype(float) =", ints.astype(float))
print("ints + 0.5 =", ints + 0.5, "(int64 promoted to float64)")
print("np.sqrt(a) =", np.sqrt(a))
print("np.sin(a) =", np.round(np.sin(a), 3))
squares = a.copy()
np.multiply(squares, squares, out=squares)  # in place
print("squares =", squares)
# ANCHOR_END: operators_and_types
out.end()

out.begin("consuming_methods")
# ANCHOR: consuming_methods
x = np.array([1.0, 2.0, 3.0])
column = x[:, np.newaxis]  # views: x stays usable
row = x[np.newaxis, :]
differences = column - row
print("x[:, newaxis] - x[newaxis, :] =")
print(differences)
# ANCHOR_END: consuming_methods
out.end()

out.begin("zip_and_slices")
# ANCHOR: zip_and_slices
a = np.arange(10)
print("a[2:8:2]  =", a[2:8:2])
print("a[::-1]   =", a[::-1])
print("a[7:1:-2] =", a[7:1:-2])
m = np.arange(12).reshape(3, 4)
print("m[1:, ::2] =")
print(m[1:, ::2])
x = np.array([1.0, 2.0, 3.0])
y = np.array([4.0, 5.0, 6.0])
result = x * y + 1  # a temporary for x * y, then a new array
result += x
print("result =", result)
# ANCHOR_END: zip_and_slices
out.end()

out.begin("exercise_nbytes")
# ANCHOR: exercise_nbytes
a = np.zeros((1000, 1000), dtype=np.float32)
print(a.nbytes, "bytes")
# ANCHOR_END: exercise_nbytes
out.end()

# Machine-readable facts for the chapter's figure (not shown as text).
facts = {
    "list_getsizeof_bytes": sys.getsizeof(list(range(10**6))),
    "list_traced_bytes": traced,
    "array_nbytes": numpy_array.nbytes,
    "mixed_nbytes": np_array_mixed.nbytes,
    "str_nbytes": np_array_str.nbytes,
    "string_dtype_nbytes": np_array_sdt.nbytes,
    "list_resident_bytes": list_resident,
    "str_list_resident_bytes": str_list_resident,
    "elements": 1000000,
}
# Through a temporary file and a rename, as every output: an interrupted run leaves it whole.
write_atomically(out.dir / "facts.txt", "".join(f"{k} {v}\n" for k, v in facts.items()))
record(out.dir / "facts.txt")

# Short phrases the chapter includes in its sentences (no trailing newline).
for name, phrase in [
    ("append_spare", append_spare),
    ("list_over_array", list_over_array),
]:
    write_atomically(out.dir / f"{name}.txt", phrase)
    record(out.dir / f"{name}.txt")

# Not shown: the NumPy → ndarray table's "StringDType keeps strings of up to 15 bytes inside
# its 16-byte element, with no allocation". What NumPy holds besides the elements
# (tracemalloc, which NumPy reports its buffers to) for 100,000 strings of each length.
out.begin("stringdtype_inline")


def stringdtype_inline():
    import tracemalloc
    from numpy.dtypes import StringDType
    n = 100_000
    for length in (15, 16):
        texts = ["x" * length] * n
        tracemalloc.start()
        a = np.array(texts, dtype=StringDType())
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        print(f"{length}-byte strings: itemsize {a.itemsize},",
              f"{(held - a.nbytes) // n} bytes per string besides the elements")


stringdtype_inline()
out.end()
