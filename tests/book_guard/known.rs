//! Offenders of the newer guard rules that were in the book when each rule landed.
//!
//! To be fixed by the chapter editors; every list must be empty. Each entry is
//! `(chapter, what, reason)`: the list's doc comment says what `what` is matched against. An
//! entry that no longer matches anything fails the test too, so the lists can only shrink:
//! when you fix an offender, delete its line here. New offenders are never added here.

#[allow(dead_code)] // every hand-typed timing is fixed; kept for the record
const TIMING: &str = "a timing typed by hand: include a generated fragment";
#[allow(dead_code)] // no offender left; kept for the other lists
const RATIO: &str = "a ratio typed by hand: generate it or assert it";
#[allow(dead_code)] // no offender left; kept for the other lists
const PERCENTAGE: &str = "a percentage typed by hand: generate it or assert it";
#[allow(dead_code)] // no offender left; kept for the other lists
const RANKING: &str = "a ranking typed by hand: compute it from the results";
#[allow(dead_code)] // no offender left; kept for the other lists
const WIDE: &str = "wider than 80 columns";
#[allow(dead_code)] // no offender left; kept for the other lists
const NO_LABEL: &str = "no **NumPy** / **Rust** / **Output** label above it";
#[allow(dead_code)] // no offender left; kept for the other lists
const NO_LISTING: &str = "not in a numbered listing yet";
#[allow(dead_code)] // no offender left; kept for the other lists
const NO_FIGURE: &str = "no <figure> and caption yet";

/// Hand-typed timings, speed-ups, ratios and rankings in prose (issue 12): `what` is a piece of
/// the sentence that contains the claim.
#[rustfmt::skip]
pub const MEASURED_CLAIMS: &[(&str, &str, &str)] = &[
];

/// Code lines the reader sees that are wider than 80 columns: `what` is the line.
#[rustfmt::skip]
pub const LONG_CODE_LINES: &[(&str, &str, &str)] = &[
    // src/ch03-broadcasting.md
    ("src/ch03-broadcasting.md", "called `Result::unwrap()` on an `Err` value: ShapeError/IncompatibleShape: incompatible shapes", "ndarray's own panic message, shown verbatim"),
    // src/ch07-knn.md
    // src/ch08-life.md
];

/// Images outside a captioned `<figure>`: `what` is the image's path.
#[rustfmt::skip]
pub const IMAGES_WITHOUT_FIGURE: &[(&str, &str, &str)] = &[
    // src/ch07-knn.md
    // src/ch08-life.md
];

/// Rust blocks outside a numbered `<figure class="listing">`: `what` is the block's key (the
/// anchor it includes, or its first visible line).
#[rustfmt::skip]
pub const RUST_BLOCKS_WITHOUT_LISTING: &[(&str, &str, &str)] = &[
    // src/ch07-knn.md
    // src/ch08-life.md
];

/// NumPy / Rust / Output blocks without their label paragraph: `what` is the block's key.
#[rustfmt::skip]
pub const UNLABELLED_BLOCKS: &[(&str, &str, &str)] = &[
    // src/ch01-memory.md
    // src/ch03-broadcasting.md
    // src/ch07-knn.md
    // src/ch08-life.md
];
