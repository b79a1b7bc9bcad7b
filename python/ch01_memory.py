"""Chapter 1, "What an array really is": the NumPy side, and the facts the book quotes.

Run from the repository root:  python3 python/ch01_memory.py
It rewrites python/outputs/ch01-memory/*.txt, which the book includes.
"""
import sys
import tracemalloc

import numpy as np

from book_outputs import Outputs

out = Outputs("ch01-memory")

out.begin("list_vs_array")
# ANCHOR: list_vs_array
mb = 1024 * 1024
python_list = list(range(0, 1000000))
numpy_array = np.array(range(0, 1000000))
print("Python list size: {0:.3f} MB".format(sys.getsizeof(python_list) / mb))
print("Numpy array size: {0:.3f} MB".format(numpy_array.nbytes / mb))
print("ArraySize/ListSize ratio: {0:.2f}".format(numpy_array.nbytes / sys.getsizeof(python_list)))
# ANCHOR_END: list_vs_array
out.end()

out.begin("getsizeof_exact")
# ANCHOR: getsizeof_exact
print("getsizeof(list(range(10**6))):", sys.getsizeof(list(range(10**6))))
grown = []
for i in range(10**6):
    grown.append(i)
print("getsizeof(list grown by append):", sys.getsizeof(grown))
print("numpy_array.nbytes:", numpy_array.nbytes)
# ANCHOR_END: getsizeof_exact
out.end()

out.begin("true_cost")
# ANCHOR: true_cost
print("getsizeof(1000):", sys.getsizeof(1000), "bytes for one int object")
tracemalloc.start()
python_list = list(range(0, 1000000))
traced, _peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print("memory really allocated for the list and its ints:", traced, "bytes")
print("ints -5..256 are cached, so", 1000000 - 257, "int objects were created")
print("array/list ratio, all counted: {0:.2f}".format(numpy_array.nbytes / traced))
# ANCHOR_END: true_cost
out.end()

out.begin("mixed_list")
# ANCHOR: mixed_list
mixed_list = [1, 2, 3, 4.0, 5.0, 'abc', 'def', True, False]
print([type(x).__name__ for x in mixed_list])
# ANCHOR_END: mixed_list
out.end()

out.begin("mixed_array")
# ANCHOR: mixed_array
np_array_mixed = np.array([i if i % 2 == 0 else str(i) for i in range(0, 1000000)])
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
print("mixed nbytes:", np_array_mixed.nbytes, "=", len(np_array_mixed), "x", np_array_mixed.itemsize)
print("strings nbytes:", np_array_str.nbytes, "=", len(np_array_str), "x", np_array_str.itemsize)
print("ratio: {0:.2f}".format(np_array_mixed.nbytes / np_array_str.nbytes))
# ANCHOR_END: mixed_exact
out.end()

out.begin("string_widths")
# ANCHOR: string_widths
for dtype in [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint64]:
    info = np.iinfo(dtype)
    widest = max(len(str(info.min)), len(str(info.max)))
    print(f"{dtype.__name__:>6} with a str -> {np.array([dtype(1), 'ab']).dtype}"
          f"   (widest value needs {widest} characters)")
# ANCHOR_END: string_widths
out.end()

# Machine-readable facts for the chapter's figure (not shown in the book as text).
facts = {
    "list_getsizeof_bytes": sys.getsizeof(list(range(10**6))),
    "list_traced_bytes": traced,
    "array_nbytes": numpy_array.nbytes,
    "mixed_nbytes": np_array_mixed.nbytes,
    "str_nbytes": np_array_str.nbytes,
    "elements": 1000000,
}
(out.dir / "facts.txt").write_text("".join(f"{k} {v}\n" for k, v in facts.items()))
