//! Chapter 2's generated markdown: the timing tables and the ratios the text rests on, from
//! the committed benchmark results.

use crate::benchmarks::{creation, distances, reciprocals, Side, Workload};
use crate::error::Result;
use crate::results::{format_duration, Ratio, Results};

/// Which machine the chapter's timings come from.
pub fn machine_note() -> Result<String> {
    Ok(Results::committed()?.machine_sentence() + "\n")
}

/// The reciprocals timing table (markdown).
pub fn reciprocals_table() -> Result<String> {
    Ok(Results::committed()?.table(&reciprocals::GROUP))
}

/// The array-creation timing table (markdown).
pub fn creation_table() -> Result<String> {
    Ok(Results::committed()?.table(&creation::GROUP))
}

/// The distances timing table (markdown).
pub fn distances_table() -> Result<String> {
    Ok(Results::committed()?.table(&distances::GROUP))
}

/// The measured ratios the chapter's explanation rests on, as a markdown list.
pub fn findings() -> Result<String> {
    use reciprocals::{
        BOXED_LIST, COPY_FLOOR, INTO_REUSED_BUFFER, PUSH_LOOP, RECIPROCALS,
    };
    use Side::{Python, Rust, RustHugePages as Thp};

    let r = Results::committed()?;
    let t = |workload: Workload, side: Side| r.time(&workload, side);
    // "how B compares with A": "2.5× faster" when B takes less time, "1.3× slower" otherwise.
    let ratio =
        |a: Option<f64>, b: Option<f64>| Ratio::describe(b, a, "not measured");
    let time = |t: Option<f64>| {
        t.map(format_duration)
            .unwrap_or_else(|| "not measured".into())
    };
    let numpy = t(reciprocals::NUMPY, Python);
    let numpy_distances = t(distances::NUMPY_BROADCAST, Python);
    let lines = [
        format!(
            "- `reciprocals` against NumPy's `1 / numpy_nums` ({}): {} with glibc's allocator as configured, {} with huge pages.",
            time(numpy),
            ratio(numpy, t(RECIPROCALS, Rust)),
            ratio(numpy, t(RECIPROCALS, Thp)),
        ),
        format!(
            "- Huge pages for a fresh 80 MB result: NumPy with them turned off is {}; Rust with them turned on is {}.",
            ratio(numpy, t(reciprocals::NUMPY_NO_HUGEPAGES, Python)),
            ratio(t(RECIPROCALS, Rust), t(RECIPROCALS, Thp)),
        ),
        format!(
            "- `reciprocals` against the floor, a plain copy of the same bytes into a new array ({} as configured, {} with huge pages): {} and {}.",
            time(t(COPY_FLOOR, Rust)),
            time(t(COPY_FLOOR, Thp)),
            ratio(t(COPY_FLOOR, Rust), t(RECIPROCALS, Rust)),
            ratio(t(COPY_FLOOR, Thp), t(RECIPROCALS, Thp)),
        ),
        format!(
            "- Writing into a reused buffer (`reciprocals_into`, {}) instead of a new array: {}.",
            time(t(INTO_REUSED_BUFFER, Rust)),
            ratio(t(RECIPROCALS, Rust), t(INTO_REUSED_BUFFER, Rust)),
        ),
        format!(
            "- A Rust `for` loop with `push` against Python's: {}; Python-like boxes make Rust {} than `reciprocals`.",
            ratio(t(reciprocals::PYTHON_FOR_LOOP, Python), t(PUSH_LOOP, Rust)),
            ratio(t(RECIPROCALS, Rust), t(BOXED_LIST, Rust)),
        ),
        format!(
            "- `distances_to` against NumPy's broadcasting expression: {} as configured, {} with huge pages; the literal ndarray translation is {} than `distances_to`.",
            ratio(numpy_distances, t(distances::DISTANCES_TO, Rust)),
            ratio(numpy_distances, t(distances::DISTANCES_TO, Thp)),
            ratio(t(distances::DISTANCES_TO, Rust), t(distances::BROADCAST_LITERAL, Rust)),
        ),
    ];
    Ok(lines.join("\n") + "\n")
}
