//! Offenders of the newer guard rules that were in the book when each rule landed.
//!
//! To be fixed by the chapter editors; every list must be empty. Each entry is
//! `(chapter, what, reason)`: the list's doc comment says what `what` is matched against. An
//! entry that no longer matches anything fails the test too, so the lists can only shrink:
//! when you fix an offender, delete its line here. New offenders are never added here.

#[allow(dead_code)] // every hand-typed timing is fixed; kept for the record
const TIMING: &str = "a timing typed by hand: include a generated fragment";
const RATIO: &str = "a ratio typed by hand: generate it or assert it";
const PERCENTAGE: &str = "a percentage typed by hand: generate it or assert it";
const RANKING: &str = "a ranking typed by hand: compute it from the results";
const WIDE: &str = "wider than 80 columns";
const NO_LABEL: &str = "no **NumPy** / **Rust** / **Output** label above it";
const NO_LISTING: &str = "not in a numbered listing yet";
const NO_FIGURE: &str = "no <figure> and caption yet";

/// Hand-typed timings, speed-ups, ratios and rankings in prose (issue 12): `what` is a piece of
/// the sentence that contains the claim.
#[rustfmt::skip]
pub const MEASURED_CLAIMS: &[(&str, &str, &str)] = &[
    // src/ch01-memory.md
    ("src/ch01-memory.md", "it an 11% gain. Here", PERCENTAGE),
    ("src/ch01-memory.md", "printed a ratio of 0.89 and called", RATIO),
    ("src/ch01-memory.md", "Here the ratio is 1.00: no gain", RATIO),
    ("src/ch01-memory.md", "keeps about 6% spare room,", PERCENTAGE),
    ("src/ch01-memory.md", "where an 11% can come", PERCENTAGE),
    ("src/ch01-memory.md", "really is five times smaller than the", RATIO),
    ("src/ch01-memory.md", "the same: twice the memory, a", RATIO),
    ("src/ch01-memory.md", "but no faster than a list,", RANKING),
    ("src/ch01-memory.md", "megabytes as “four times more space”. The", RATIO),
    // src/ch02-speed.md
    ("src/ch02-speed.md", "looked much faster than they are", RANKING),
    ("src/ch02-speed.md", "shows, the fastest single-threaded version", RANKING),
    ("src/ch02-speed.md", "or two orders of magnitude slower than", RATIO),
    ("src/ch02-speed.md", "of magnitude slower than either —", RANKING),
    ("src/ch02-speed.md", "the two are level. Everything NumPy", RANKING),
    ("src/ch02-speed.md", "translation is slower than NumPy: it", RANKING),
];

/// Code lines the reader sees that are wider than 80 columns: `what` is the line.
#[rustfmt::skip]
pub const LONG_CODE_LINES: &[(&str, &str, &str)] = &[
    // src/ch01-memory.md
    ("src/ch01-memory.md", "print(\"ArraySize/ListSize ratio: {0:.2f}\".format(numpy_array.nbytes / sys.getsizeof(python_list)))", WIDE),
    ("src/ch01-memory.md", "print(\"array/list ratio, all counted: {0:.2f}\".format(numpy_array.nbytes / traced))", WIDE),
    ("src/ch01-memory.md", "/// One million `i64` in a `Vec` and in an ndarray `Array1`: one block of 8 bytes each.", WIDE),
    ("src/ch01-memory.md", "/// A Python-like list: a vector of pointers, each to its own heap-allocated integer.", WIDE),
    ("src/ch01-memory.md", "    let pointer_array = boxed.len() * size_of::<Box<i64>>(); // what getsizeof counts", WIDE),
    ("src/ch01-memory.md", "        \"the integers they point to: {objects} bytes in {} separate allocations\",", WIDE),
    ("src/ch01-memory.md", "/// A `Vec` grown one `push` at a time over-allocates, exactly like a Python list grown by `append`.", WIDE),
    ("src/ch01-memory.md", "            reallocations += 1; // this push must move the data to a larger block", WIDE),
    ("src/ch01-memory.md", "    println!(\"{used} bytes used, {reserved} bytes reserved, after {reallocations} reallocations\");", WIDE),
    ("src/ch01-memory.md", "    assert_eq!(grown.capacity(), 1 << 20); // capacity doubles: the next power of two", WIDE),
    ("src/ch01-memory.md", "/// Runs `code` and reports what the counting allocator saw. `allocation_counter` counts per", WIDE),
    ("src/ch01-memory.md", "    // Every element is as large as the largest variant, a String (24 bytes). The tag that", WIDE),
    ("src/ch01-memory.md", "    // says which variant it is hides in bit patterns a String's capacity never uses (a", WIDE),
    ("src/ch01-memory.md", "np_array_mixed = np.array([i if i % 2 == 0 else str(i) for i in range(0, 1000000)])", WIDE),
    ("src/ch01-memory.md", "print(\"mixed nbytes:\", np_array_mixed.nbytes, \"=\", len(np_array_mixed), \"x\", np_array_mixed.itemsize)", WIDE),
    ("src/ch01-memory.md", "print(\"strings nbytes:\", np_array_str.nbytes, \"=\", len(np_array_str), \"x\", np_array_str.itemsize)", WIDE),
    ("src/ch01-memory.md", "    print(f\"{dtype.__name__:>6} with a str -> {np.array([dtype(1), 'ab']).dtype}\"", WIDE),
    ("src/ch01-memory.md", "/// The width NumPy gives the string dtype when it converts an integer type to strings:", WIDE),
    ("src/ch01-memory.md", "/// the number of decimal digits of the largest *unsigned* value of that size, plus one", WIDE),
    ("src/ch01-memory.md", "            \"{name:>6}: <U{width:<2} = {:>2} bytes per element, widest value needs {needed}\",", WIDE),
    ("src/ch01-memory.md", "    assert_eq!(numpy_str_width(64, true), 21); // 18446744073709551615 has 20 digits, +1 sign", WIDE),
    ("src/ch01-memory.md", "    // 1. Owned strings: a 24-byte header per element plus a heap block per string.", WIDE),
    ("src/ch01-memory.md", "        \"Vec<String>:        {} bytes of headers + {text_bytes} bytes of text in {n} allocations\",", WIDE),
    ("src/ch01-memory.md", "    println!(\"                    but to_string reserved {reserved} bytes for that text\");", WIDE),
    ("src/ch01-memory.md", "    // 2. Fixed width, one byte per ASCII digit: what \"<U6\" holds, at a quarter of the size.", WIDE),
    ("src/ch01-memory.md", "    // 3. Fixed width, four bytes per character: exactly NumPy's \"<U6\" (UCS-4) ...", WIDE),
    ("src/ch01-memory.md", "    assert!(reserved >= text_bytes); // measured, not assumed: see the heap table below", WIDE),
    ("src/ch01-memory.md", "/// Writes a number's digits into a zero-padded fixed-width byte array, without allocating", WIDE),
    ("src/ch01-memory.md", "/// (NumPy pads its fixed-width strings with NULs too). Digits that do not fit are cut off.", WIDE),
    ("src/ch01-memory.md", "    // Writing into a slice fails only when it is full; the digits that fit are kept.", WIDE),
    ("src/ch01-memory.md", "Vec<String>:        24000000 bytes of headers + 5888890 bytes of text in 1000000 allocations", WIDE),
    ("src/ch01-memory.md", "    assert_eq!(nbytes, 4_000_000); // np.zeros((1000, 1000), dtype=np.float32).nbytes", WIDE),
    ("src/ch01-memory.md", "/// Exercise: sum the numbers of the mixed list, counting booleans as 0 and 1 like Python.", WIDE),
    // src/ch02-speed.md
    ("src/ch02-speed.md", "/// `mapv` walks the input as one contiguous slice when it can and writes each result once", WIDE),
    ("src/ch02-speed.md", "/// into a freshly allocated, uninitialised buffer: no bounds checks, no zero-filling, no", WIDE),
    ("src/ch02-speed.md", "/// temporary. This is the fastest single-threaded version the chapter finds for a *new*", WIDE),
    ("src/ch02-speed.md", "/// The same computation into a buffer the caller owns: no allocation, no page faults.", WIDE),
    ("src/ch02-speed.md", "/// `np.array(nums_list)` when the vector is no longer needed: a move, no copy at all.", WIDE),
    ("src/ch02-speed.md", "/// `np.array(nums_list)` when the vector is still needed: one copy of the buffer.", WIDE),
    ("src/ch02-speed.md", "/// `np.array(range(1, n))` and `np.arange(1, n)`: straight from the iterator, one allocation.", WIDE),
    ("src/ch02-speed.md", "dists = [((point[0] - op[0])**2 + (point[1] - op[1])**2)**0.5 for op in other_points]", WIDE),
    ("src/ch02-speed.md", "np_other_points = np.vstack([np.arange(0.0, 10000000.0), np.arange(1.0, 10000001.0)]).T", WIDE),
    ("src/ch02-speed.md", "[1.0, 1.0, 2.23606797749979, 3.605551275463989, 5.0, 6.4031242374328485, 7.810249675906654, 9.219544457292887, 10.63014581273465, 12.041594578792296]", WIDE),
    ("src/ch02-speed.md", "/// The tutorial's `np.sum((np_point - np_other_points)**2, axis=1)**0.5`, word for word.", WIDE),
    ("src/ch02-speed.md", "/// Every step allocates a new array: (n, 2) for the difference, (n, 2) for the squares, then", WIDE),
    ("src/ch02-speed.md", "pub fn distances_broadcast_literal(point: ArrayView1<f64>, points: ArrayView2<f64>) -> Array1<f64> {", WIDE),
    ("src/ch02-speed.md", "/// Euclidean distance from `point` to each row of `points`, in one pass and one allocation.", WIDE),
    ("src/ch02-speed.md", "/// For the usual case, 2-D points stored row after row, it walks the data as a flat slice of", WIDE),
    ("src/ch02-speed.md", "/// `[x, y]` pairs; any other layout or dimension goes through ndarray's row iterator.", WIDE),
    ("src/ch02-speed.md", "pub fn distances_to(point: ArrayView1<f64>, points: ArrayView2<f64>) -> Array1<f64> {", WIDE),
    ("src/ch02-speed.md", "    if let (Some(flat), [px, py]) = (points.as_slice(), point.to_vec().as_slice()) {", WIDE),
    ("src/ch02-speed.md", "            .map(|xy| ((xy[0] - px) * (xy[0] - px) + (xy[1] - py) * (xy[1] - py)).sqrt())", WIDE),
    ("src/ch02-speed.md", "        .map(|op| ((point[0] - op[0]).powi(2) + (point[1] - op[1]).powi(2)).sqrt())", WIDE),
    ("src/ch02-speed.md", "pub fn distances_to_par(point: ArrayView1<f64>, points: ArrayView2<f64>) -> Array1<f64> {", WIDE),
    ("src/ch02-speed.md", "dists[:10] = [1.00000000, 1.00000000, 2.23606798, 3.60555128, 5.00000000, 6.40312424, 7.81024968, 9.21954446, 10.63014581, 12.04159458]", WIDE),
    ("src/ch02-speed.md", "/// Exercise: the mean distance from (1, 1) to the tutorial's points, without any new array.", WIDE),
    // src/ch03-broadcasting.md
    ("src/ch03-broadcasting.md", "called `Result::unwrap()` on an `Err` value: ShapeError/IncompatibleShape: incompatible shapes", "ndarray's own panic message, shown verbatim"),
    // src/ch07-knn.md
    // src/ch08-life.md
    // src/introduction.md
    ("src/introduction.md", "    // The product's c[1][2] is row 1 of a times column 2 of b, summed: 4*2 + 5*0 + 6*1.", WIDE),
    ("src/introduction.md", "$ ./test.sh     # runs every test: formatting, lints, every sample, mdbook test, the browser check", WIDE),
];

/// Images outside a captioned `<figure>`: `what` is the image's path.
#[rustfmt::skip]
pub const IMAGES_WITHOUT_FIGURE: &[(&str, &str, &str)] = &[
    // src/ch01-memory.md
    ("src/ch01-memory.md", "images/ch01-memory-bytes-per-element.png", NO_FIGURE),
    // src/ch02-speed.md
    ("src/ch02-speed.md", "images/ch02-speed-reciprocals.png", NO_FIGURE),
    ("src/ch02-speed.md", "images/ch02-speed-distances.png", NO_FIGURE),
    // src/ch07-knn.md
    // src/ch08-life.md
    // src/introduction.md
    ("src/introduction.md", "images/introduction-matrix-product.png", NO_FIGURE),
];

/// Rust blocks outside a numbered `<figure class="listing">`: `what` is the block's key (the
/// anchor it includes, or its first visible line).
#[rustfmt::skip]
pub const RUST_BLOCKS_WITHOUT_LISTING: &[(&str, &str, &str)] = &[
    // src/ch01-memory.md
    ("src/ch01-memory.md", "contiguous", NO_LISTING),
    ("src/ch01-memory.md", "list_of_pointers", NO_LISTING),
    ("src/ch01-memory.md", "grown_by_push", NO_LISTING),
    ("src/ch01-memory.md", "measure", NO_LISTING),
    ("src/ch01-memory.md", "py_value", NO_LISTING),
    ("src/ch01-memory.md", "mixed_values", NO_LISTING),
    ("src/ch01-memory.md", "string_width_rule", NO_LISTING),
    ("src/ch01-memory.md", "numpy_string_width", NO_LISTING),
    ("src/ch01-memory.md", "string_arrays", NO_LISTING),
    ("src/ch01-memory.md", "exercise_nbytes", NO_LISTING),
    ("src/ch01-memory.md", "exercise_mixed_sum", NO_LISTING),
    // src/ch02-speed.md
    ("src/ch02-speed.md", "reciprocals_push_loop", NO_LISTING),
    ("src/ch02-speed.md", "reciprocals_map_collect", NO_LISTING),
    ("src/ch02-speed.md", "reciprocals_boxed", NO_LISTING),
    ("src/ch02-speed.md", "reciprocals", NO_LISTING),
    ("src/ch02-speed.md", "reciprocal_variants", NO_LISTING),
    ("src/ch02-speed.md", "reciprocals_into", NO_LISTING),
    ("src/ch02-speed.md", "reciprocals_par", NO_LISTING),
    ("src/ch02-speed.md", "creation", NO_LISTING),
    ("src/ch02-speed.md", "creation_variants", NO_LISTING),
    ("src/ch02-speed.md", "distances_broadcast_literal", NO_LISTING),
    ("src/ch02-speed.md", "distances_to", NO_LISTING),
    ("src/ch02-speed.md", "distances_nested", NO_LISTING),
    ("src/ch02-speed.md", "distances_to_par", NO_LISTING),
    ("src/ch02-speed.md", "distance_variants", NO_LISTING),
    ("src/ch02-speed.md", "exercise_squares", NO_LISTING),
    ("src/ch02-speed.md", "exercise_mean_distance", NO_LISTING),
    // src/ch07-knn.md
    // src/ch08-life.md
    // src/introduction.md
    ("src/introduction.md", "first_array", NO_LISTING),
    ("src/introduction.md", "matrix_product", NO_LISTING),
];

/// NumPy / Rust / Output blocks without their label paragraph: `what` is the block's key.
#[rustfmt::skip]
pub const UNLABELLED_BLOCKS: &[(&str, &str, &str)] = &[
    // src/ch01-memory.md
    ("src/ch01-memory.md", "python/outputs/ch01-memory/list_vs_array.txt", NO_LABEL),
    ("src/ch01-memory.md", "getsizeof_exact", NO_LABEL),
    ("src/ch01-memory.md", "python/outputs/ch01-memory/getsizeof_exact.txt", NO_LABEL),
    ("src/ch01-memory.md", "true_cost", NO_LABEL),
    ("src/ch01-memory.md", "python/outputs/ch01-memory/true_cost.txt", NO_LABEL),
    ("src/ch01-memory.md", "contiguous", NO_LABEL),
    ("src/ch01-memory.md", "src/outputs/ch01-memory/contiguous.txt", NO_LABEL),
    ("src/ch01-memory.md", "list_of_pointers", NO_LABEL),
    ("src/ch01-memory.md", "src/outputs/ch01-memory/list_of_pointers.txt", NO_LABEL),
    ("src/ch01-memory.md", "grown_by_push", NO_LABEL),
    ("src/ch01-memory.md", "src/outputs/ch01-memory/grown_by_push.txt", NO_LABEL),
    ("src/ch01-memory.md", "measure", NO_LABEL),
    ("src/ch01-memory.md", "src/outputs/ch01-memory/heap_report.txt", NO_LABEL),
    ("src/ch01-memory.md", "mixed_list", NO_LABEL),
    ("src/ch01-memory.md", "python/outputs/ch01-memory/mixed_list.txt", NO_LABEL),
    ("src/ch01-memory.md", "py_value", NO_LABEL),
    ("src/ch01-memory.md", "mixed_values", NO_LABEL),
    ("src/ch01-memory.md", "src/outputs/ch01-memory/mixed_values.txt", NO_LABEL),
    ("src/ch01-memory.md", "mixed_array", NO_LABEL),
    ("src/ch01-memory.md", "python/outputs/ch01-memory/mixed_array.txt", NO_LABEL),
    ("src/ch01-memory.md", "mixed_exact", NO_LABEL),
    ("src/ch01-memory.md", "python/outputs/ch01-memory/mixed_exact.txt", NO_LABEL),
    ("src/ch01-memory.md", "string_widths", NO_LABEL),
    ("src/ch01-memory.md", "python/outputs/ch01-memory/string_widths.txt", NO_LABEL),
    ("src/ch01-memory.md", "string_width_rule", NO_LABEL),
    ("src/ch01-memory.md", "numpy_string_width", NO_LABEL),
    ("src/ch01-memory.md", "src/outputs/ch01-memory/numpy_string_width.txt", NO_LABEL),
    ("src/ch01-memory.md", "string_arrays", NO_LABEL),
    ("src/ch01-memory.md", "src/outputs/ch01-memory/string_arrays.txt", NO_LABEL),
    ("src/ch01-memory.md", "exercise_nbytes", NO_LABEL),
    ("src/ch01-memory.md", "src/outputs/ch01-memory/exercise_nbytes.txt", NO_LABEL),
    ("src/ch01-memory.md", "exercise_mixed_sum", NO_LABEL),
    ("src/ch01-memory.md", "src/outputs/ch01-memory/exercise_mixed_sum.txt", NO_LABEL),
    // src/ch02-speed.md
    ("src/ch02-speed.md", "reciprocals", NO_LABEL),
    ("src/ch02-speed.md", "python/outputs/ch02-speed/reciprocals.txt", NO_LABEL),
    ("src/ch02-speed.md", "reciprocals_push_loop", NO_LABEL),
    ("src/ch02-speed.md", "reciprocals_map_collect", NO_LABEL),
    ("src/ch02-speed.md", "reciprocals_boxed", NO_LABEL),
    ("src/ch02-speed.md", "reciprocal_variants", NO_LABEL),
    ("src/ch02-speed.md", "src/outputs/ch02-speed/reciprocal_variants.txt", NO_LABEL),
    ("src/ch02-speed.md", "reciprocals_into", NO_LABEL),
    ("src/ch02-speed.md", "reciprocals_par", NO_LABEL),
    ("src/ch02-speed.md", "creation", NO_LABEL),
    ("src/ch02-speed.md", "python/outputs/ch02-speed/creation.txt", NO_LABEL),
    ("src/ch02-speed.md", "creation_variants", NO_LABEL),
    ("src/ch02-speed.md", "src/outputs/ch02-speed/creation_variants.txt", NO_LABEL),
    ("src/ch02-speed.md", "distances", NO_LABEL),
    ("src/ch02-speed.md", "python/outputs/ch02-speed/distances.txt", NO_LABEL),
    ("src/ch02-speed.md", "distances_broadcast_literal", NO_LABEL),
    ("src/ch02-speed.md", "distances_to", NO_LABEL),
    ("src/ch02-speed.md", "distances_nested", NO_LABEL),
    ("src/ch02-speed.md", "distances_to_par", NO_LABEL),
    ("src/ch02-speed.md", "distance_variants", NO_LABEL),
    ("src/ch02-speed.md", "src/outputs/ch02-speed/distance_variants.txt", NO_LABEL),
    ("src/ch02-speed.md", "exercise_squares", NO_LABEL),
    ("src/ch02-speed.md", "src/outputs/ch02-speed/exercise_squares.txt", NO_LABEL),
    ("src/ch02-speed.md", "exercise_mean_distance", NO_LABEL),
    ("src/ch02-speed.md", "src/outputs/ch02-speed/exercise_mean_distance.txt", NO_LABEL),
    // src/ch03-broadcasting.md
    ("src/ch03-broadcasting.md", "broadcast_allocates_nothing", "its `<!-- not run: -->` comment must be right above the fence, where the label would go"),
    // src/ch07-knn.md
    // src/ch08-life.md
    // src/introduction.md
    ("src/introduction.md", "first_array", NO_LABEL),
    ("src/introduction.md", "matrix_product", NO_LABEL),
];
