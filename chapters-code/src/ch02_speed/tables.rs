//! Chapter 2's generated markdown: the timing tables and the ratios the text rests on, from
//! the committed benchmark results.

use crate::benchmarks::{creation, distances, reciprocals, Side, Workload};
use crate::error::Result;
use crate::results::{format_count, format_duration, Results, Timing};
use crate::speed::{
    mostly_huge_pages, PageFaultSide, HUGE_PAGE_SIZE_FACT, PAGE_SIZE_FACT, TUTORIAL_END,
};

/// Which machine the chapter's timings come from, in which runs: only the runs its
/// own tables use.
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`]).
pub fn machine_note() -> Result<String> {
    let groups = [&reciprocals::GROUP, &creation::GROUP, &distances::GROUP];
    Ok(Results::committed()?.groups_note(&groups) + "\n")
}

/// The reciprocals timing table (markdown).
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`]).
pub fn reciprocals_table() -> Result<String> {
    Ok(Results::committed()?.table(&reciprocals::GROUP))
}

/// The array-creation timing table (markdown).
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`]).
pub fn creation_table() -> Result<String> {
    Ok(Results::committed()?.table(&creation::GROUP))
}

/// The distances timing table (markdown).
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`]).
pub fn distances_table() -> Result<String> {
    Ok(Results::committed()?.table(&distances::GROUP))
}

/// The measured ratios the chapter's explanation rests on, as a markdown list.
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`]).
pub fn findings() -> Result<String> {
    Ok(findings_in(&Results::committed()?))
}

/// [`findings`]' list, from the timings of `r`.
fn findings_in(r: &Results) -> String {
    use reciprocals::{
        BOXED_LIST, COPY_FLOOR, INTO_REUSED_BUFFER, PUSH_LOOP, RECIPROCALS,
    };
    use Side::{Python, Rust, RustFastAlloc as Fast, RustHugePages as Thp};

    let t = |workload: Workload, side: Side| r.timing_of(&workload, side);
    // "how B compares with A": "2.5× faster" when B takes less time, "1.3× slower" otherwise;
    // only timings of one machine are compared, as in the tables. Where both were measured
    // on different machines, "not measured" says "on the same machine".
    let compare = |a: Option<&Timing>, b: Option<&Timing>| {
        b.and_then(|b| r.compare(b, a))
    };
    let ratio = |a, b| {
        compare(a, b).map_or_else(
            || format!("not measured{}", r.same_machine_clause(b, a)),
            |x| x.to_string(),
        )
    };
    // The same, as a phrase that follows "is" and names A: "2.5× faster than A".
    let than = |a, b, what: &str| {
        compare(a, b).map_or_else(
            || format!("not measured against {what}{}", r.same_machine_clause(b, a)),
            |x| x.than(what),
        )
    };
    let time = |t: Option<&Timing>| {
        t.map(|t| format_duration(t.median_seconds))
            .unwrap_or_else(|| "not measured".into())
    };
    let numpy = t(reciprocals::NUMPY, Python);
    let numpy_distances = t(distances::NUMPY_BROADCAST, Python);
    let lines = [
        format!(
            "- `reciprocals` against NumPy's `1 / numpy_nums` ({}): with glibc's allocator in the default configuration, {}; with huge pages, {}.",
            time(numpy),
            ratio(numpy, t(RECIPROCALS, Rust)),
            ratio(numpy, t(RECIPROCALS, Thp)),
        ),
        format!(
            "- Huge pages for a fresh 80 MB result: NumPy with its huge-page advice turned off is {}; Rust with the glibc tunable is {}.",
            than(numpy, t(reciprocals::NUMPY_NO_HUGEPAGES, Python), "NumPy with it"),
            than(t(RECIPROCALS, Rust), t(RECIPROCALS, Thp), "Rust without it"),
        ),
        format!(
            "- In a program with FastAlloc (the next section): `reciprocals` is {}, `distances_to` {}.",
            than(numpy, t(RECIPROCALS, Fast), "NumPy"),
            ratio(numpy_distances, t(distances::DISTANCES_TO, Fast)),
        ),
        format!(
            "- `reciprocals` against `copy_floor`, a plain copy of the input into a new array ({} by default, {} with huge pages): by default, {}; with huge pages, {}.",
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
            "- A Rust `for` loop with `push` against Python's: {}; with Python-like boxes, Rust is {}.",
            ratio(t(reciprocals::PYTHON_FOR_LOOP, Python), t(PUSH_LOOP, Rust)),
            than(t(RECIPROCALS, Rust), t(BOXED_LIST, Rust), "`reciprocals`"),
        ),
        format!(
            "- `distances_to` against NumPy's broadcasting expression: by default, {}; with huge pages, {}; the literal ndarray translation is {}.",
            ratio(numpy_distances, t(distances::DISTANCES_TO, Rust)),
            ratio(numpy_distances, t(distances::DISTANCES_TO, Thp)),
            than(
                t(distances::DISTANCES_TO, Rust),
                t(distances::BROADCAST_LITERAL, Rust),
                "`distances_to`",
            ),
        ),
        format!(
            "- The same expression with NumPy's two new arrays instead of four (`distances_broadcast_in_place`): {}, {}.",
            than(
                t(distances::BROADCAST_LITERAL, Rust),
                t(distances::BROADCAST_IN_PLACE, Rust),
                "the literal translation",
            ),
            than(
                numpy_distances,
                t(distances::BROADCAST_IN_PLACE, Rust),
                "NumPy's expression",
            ),
        ),
    ];
    lines.join("\n") + "\n"
}

/// The page faults per call of chapter 2's allocating work, for each allocator, from the
/// machine facts `./bench.sh` records (keys from [`PageFaultSide::key`]): the table that shows
/// where the time of a fresh 80 MB result goes. A count not measured yet reads "–".
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed (see
/// [`Results::committed`]).
pub fn page_faults_table() -> Result<String> {
    Ok(page_faults_markdown(&Results::committed()?))
}

/// [`page_faults_table`] for the given results.
pub fn page_faults_markdown(results: &Results) -> String {
    let count = |side: PageFaultSide, variant: &str| {
        let fact = results.fact(&side.key(variant));
        fact.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map_or_else(|| "–".to_string(), |n| format_count(n.round()))
    };
    let rows: [(&str, &str, bool); 7] = [
        ("`reciprocals`, 80 MB, first call", "reciprocals_first_call", false),
        ("`reciprocals`, 80 MB, later calls", "reciprocals", true),
        ("`distances_to`, 80 MB", "distances_to", false),
        ("`reciprocals`, 8 KB (1,000 values)", "small", false),
        ("`reciprocals_into` a reused buffer", "into_reused_buffer", false),
        ("a `memmap2` map advised huge pages, 80 MB", "thp_map", false),
        ("a `memmap2` map, 8 KB", "small_thp_map", false),
    ];
    let mut out = String::from(
        "| Work, per call | System allocator | Huge pages (glibc tunable) | FastAlloc | NumPy |\n\
         | --- | ---: | ---: | ---: | ---: |\n",
    );
    for (label, variant, numpy) in rows {
        let numpy = if numpy {
            format!(
                "{}<br>({} with huge pages off)",
                count(PageFaultSide::Python, variant),
                count(PageFaultSide::PythonNoHugePages, variant)
            )
        } else {
            "–".to_string()
        };
        out += &format!(
            "| {label} | {} | {} | {} | {numpy} |\n",
            count(PageFaultSide::Rust, variant),
            count(PageFaultSide::RustHugePages, variant),
            count(PageFaultSide::RustFastAlloc, variant),
        );
    }
    out + &huge_pages_granted(results)
}

/// Whether the glibc tunable got huge pages in the run the table shows, as a sentence under
/// it. `./bench.sh` runs the example only in a process whose allocator passed
/// [`exit_unless_huge_pages_as_expected`](crate::speed::exit_unless_huge_pages_as_expected)'s
/// check, but the kernel may still refuse huge pages for one array; and a kernel whose
/// setting is `always` gives them to the system allocator too, unasked.
fn huge_pages_granted(results: &Results) -> String {
    let key = |side: PageFaultSide| side.key("reciprocals");
    // Whole faults: the counts are averages over calls.
    let faults = |side: PageFaultSide| {
        results
            .fact(&key(side))
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(f64::round)
    };
    // The setting of the run that counted the system allocator's faults, not the latest.
    let mode = results
        .runs
        .iter()
        .rev()
        .find(|run| run.fact(&key(PageFaultSide::Rust)).is_some())
        .and_then(|run| run.fact("transparent hugepages"))
        .and_then(crate::results::selected_word)
        .unwrap_or("unknown");
    // The page sizes of the run that counted the faults (`./bench.sh` records them with
    // the machine facts); a run that did not record them was measured on x86-64's 4 KiB
    // base pages and 2 MiB huge pages. One huge page takes one fault where base pages take
    // (huge / base), so it saves one fewer than that.
    let size_fact = |fact: &str, unrecorded: usize| {
        results
            .runs
            .iter()
            .rev()
            .find(|run| run.fact(&key(PageFaultSide::Rust)).is_some())
            .and_then(|run| run.fact(fact))
            .and_then(|bytes| bytes.parse::<usize>().ok())
            .filter(|&bytes| bytes > 0)
            .unwrap_or(unrecorded)
    };
    let base_page_bytes = size_fact(PAGE_SIZE_FACT, 4 << 10);
    let huge_page_bytes = size_fact(HUGE_PAGE_SIZE_FACT, 2 << 20);
    let saved_by_one_huge_page =
        (huge_page_bytes / base_page_bytes).saturating_sub(1) as f64;
    let small_pages = RESULT_BYTES.div_ceil(base_page_bytes) as f64;
    match (
        faults(PageFaultSide::Rust),
        faults(PageFaultSide::RustHugePages),
    ) {
        (Some(plain), _)
            if mostly_huge_pages(plain, RESULT_BYTES, base_page_bytes) =>
        {
            let why = if mode == "always" {
                "this kernel gives huge pages to large allocations unasked (its \
                 transparent huge page setting is `always`), so the columns compare huge \
                 pages with huge pages"
                    .to_string()
            } else {
                format!(
                    "it got huge pages without the tunable (the kernel's transparent huge \
                     page setting: `{mode}`)"
                )
            };
            format!(
                "\nIn this run even the system allocator's 80 MB result took only {} page \
                 faults per call, not one per {} KiB page ({}): {why}.\n",
                format_count(plain),
                base_page_bytes >> 10,
                format_count(small_pages),
            )
        }
        (Some(plain), Some(huge)) if huge < plain / 4.0 => format!(
            "\nWith the glibc tunable, the 80 MB result took {} page faults per call \
             instead of {}: glibc asked for huge pages and the kernel granted them.\n",
            format_count(huge),
            format_count(plain)
        ),
        (Some(plain), Some(huge)) if plain - huge >= saved_by_one_huge_page => format!(
            "\nWith the glibc tunable, the 80 MB result took {} page faults per call \
             instead of {}: glibc asked for huge pages and the kernel granted only some \
             of them at that moment.\n",
            format_count(huge),
            format_count(plain)
        ),
        (Some(plain), Some(huge)) => {
            let counts = if huge == plain {
                format!("{} per call in both columns", format_count(plain))
            } else {
                format!(
                    "{} per call against {} without it",
                    format_count(huge),
                    format_count(plain)
                )
            };
            format!(
                "\nIn this run the glibc tunable got no huge pages in the page-fault \
                 example ({counts}), although the example runs only in a process whose \
                 allocator got huge pages for a fresh 40 MiB array just before: the kernel \
                 did not grant them for this array at that moment.\n"
            )
        }
        _ => String::new(),
    }
}

/// The size of the page-fault example's 80 MB result: one `f64` for each of the tutorial's
/// integers 1 to 9,999,999.
const RESULT_BYTES: usize = (TUTORIAL_END as usize - 1) * size_of::<f64>();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_tell_timings_of_two_machines_from_missing_ones() {
        // NumPy measured in run 2 (CPU Y), Rust in run 1 (CPU X): both measured, never
        // compared; the huge-page row is not measured at all.
        let text = format!(
            "# run 1: cpu: X\n# run 2: cpu: Y\n{}\n\
             reciprocals,python,numpy,,0.01,,,,,,2\n\
             reciprocals,rust,reciprocals,,0.04,,,,,,1\n\
             reciprocals,rust+fastalloc,reciprocals,,0.005,,,,,,1\n# end: 3 timings\n",
            crate::results::HEADER
        );
        let findings = findings_in(&Results::parse(&text).expect("valid results"));
        let lines: Vec<&str> = findings.lines().collect();
        assert_eq!(
            lines[0],
            "- `reciprocals` against NumPy's `1 / numpy_nums` (10.0\u{a0}ms): with glibc's \
             allocator in the default configuration, not measured on the same machine; with \
             huge pages, not measured."
        );
        assert_eq!(
            lines[2],
            "- In a program with FastAlloc (the next section): `reciprocals` is not measured \
             against NumPy on the same machine, `distances_to` not measured."
        );
        // One machine: the same timings compare.
        let one_machine = text.replace("# run 2: cpu: Y\n", "").replace(",2\n", ",1\n");
        let findings = findings_in(&Results::parse(&one_machine).expect("valid results"));
        assert!(
            findings.contains("in the default configuration, 4.0×\u{a0}slower; with huge pages, not measured."),
            "{findings}"
        );
    }

    #[test]
    fn the_page_fault_table_reads_every_allocator_and_marks_the_missing() {
        let header = crate::results::HEADER;
        let text = format!(
            "# run 1: date: 2026-11-26\n\
             # run 1: page faults per call, rust, reciprocals: 19532.0\n\
             # run 1: page faults per call, rust+thp, reciprocals: 625.0\n\
             # run 1: page faults per call, rust+fastalloc, reciprocals: 4.2\n\
             # run 1: page faults per call, python, reciprocals: 625\n\
             # run 1: page faults per call, python+no-thp, reciprocals: 19532\n\
             # run 1: page faults per call, rust, small: not available\n\
             {header}\nreciprocals,rust,reciprocals,,0.04,,,,,,1\n# end: 1 timings\n"
        );
        let results = Results::parse(&text).expect("valid results");
        let table = page_faults_markdown(&results);
        assert!(
            table.contains(
                "| `reciprocals`, 80 MB, later calls | 19,532 | 625 | 4 | 625<br>(19,532 with huge pages off) |"
            ),
            "{table}"
        );
        assert!(table.contains("| `reciprocals`, 8 KB (1,000 values) | – | – | – | – |"), "{table}");
        // The labels' sizes are those the page-fault example measures.
        use crate::ch02_speed::{SMALL, TUTORIAL_END};
        let megabytes = |values: i64| format!("{:.0} MB", (values * 8) as f64 / 1e6);
        for values in [TUTORIAL_END - 1, TUTORIAL_END] {
            // tutorial_nums() and tutorial_points(TUTORIAL_END)
            assert!(table.contains(&megabytes(values)), "{table}");
        }
        assert_eq!((SMALL, SMALL * size_of::<f64>()), (1_000, 8_000)); // "8 KB (1,000 values)"
        assert!(
            table.ends_with(
                "took 625 page faults per call instead of 19,532: glibc asked for huge \
                 pages and the kernel granted them.\n"
            ),
            "{table}"
        );
        // A later run that could not get huge pages says so (bench.sh): its "not
        // available" hides the earlier run's count instead of standing in for it.
        let later = text.replace(
            header,
            &format!(
                "# run 2: date: 2026-11-27\n\
                 # run 2: page faults per call, rust, reciprocals: 19000.0\n\
                 # run 2: page faults per call, rust+thp, reciprocals: not available\n\
                 {header}"
            ),
        )
        // Run 2 measured a timing too, as every run does.
        .replace(
            "# end: 1 timings",
            "reciprocals,rust,map_collect,,0.04,,,,,,2\n# end: 2 timings",
        );
        let table = page_faults_markdown(
            &Results::parse(&later).expect("valid results"),
        );
        assert!(table.contains("| 19,000 | – |"), "{table}");
        assert!(!table.contains("granted"), "{table}");
        // The tunable's count against the system allocator's 19,532: none saved (equal,
        // more, or less than a huge page's worth), or only some.
        let table_of =
            |text: &str| page_faults_markdown(&Results::parse(text).expect("valid results"));
        for (tunable, said) in [
            ("19532.0", "got no huge pages in the page-fault example (19,532 per call in both columns)"),
            ("20000.0", "example (20,000 per call against 19,532 without it)"),
            ("19531.2", "example (19,531 per call against 19,532 without it)"),
            (
                "19000.0",
                "took 19,000 page faults per call instead of 19,532: glibc asked for huge \
                 pages and the kernel granted only some of them",
            ),
        ] {
            let table = table_of(&text.replace(
                "rust+thp, reciprocals: 625.0",
                &format!("rust+thp, reciprocals: {tunable}"),
            ));
            assert!(table.contains(said), "{tunable}: {table}");
        }
        // A kernel set to `always`: the system allocator got huge pages unasked.
        let always = text
            .replace(
                "rust, reciprocals: 19532.0",
                "rust, reciprocals: 114.0\n# run 1: transparent hugepages: [always] madvise never",
            )
            .replace("rust+thp, reciprocals: 625.0", "rust+thp, reciprocals: 114.0");
        let table = table_of(&always);
        assert!(
            table.contains(
                "took only 114 page faults per call, not one per 4 KiB page (19,532): this \
                 kernel gives huge pages to large allocations unasked (its transparent huge \
                 page setting is `always`)"
            ),
            "{table}"
        );
        assert!(!table.contains("granted"), "{table}");
        // The same counts under `madvise`: huge pages, but not "unasked"; and the setting is
        // the one of the run that counted the faults, not of a later run.
        let later_madvise = always
            .replace(
                header,
                &format!(
                    "# run 2: date: 2026-11-27\n\
                     # run 2: transparent hugepages: always [madvise] never\n{header}"
                ),
            )
            .replace(
                "# end: 1 timings",
                "reciprocals,rust,map_collect,,0.04,,,,,,2\n# end: 2 timings",
            );
        let table = table_of(&later_madvise);
        assert!(table.contains("setting is `always`"), "{table}");
        let madvise = always.replace("[always] madvise", "always [madvise]");
        let table = table_of(&madvise);
        assert!(
            table.contains(
                "it got huge pages without the tunable (the kernel's transparent huge \
                 page setting: `madvise`)"
            ),
            "{table}"
        );
        assert!(!table.contains("unasked"), "{table}");
    }

    /// The sentence under the page-fault table counts the pages of the run that counted the
    /// faults: on 64 KiB pages the 80 MB result takes 1,221 faults, which on 4 KiB pages
    /// (19,532) would read as huge pages the system allocator got without the tunable.
    #[test]
    fn the_page_fault_sentence_counts_the_runs_own_pages() {
        let header = crate::results::HEADER;
        let run = |sizes: &str, plain: &str, tunable: &str| {
            let text = format!(
                "# run 1: date: 2026-11-26\n{sizes}\
                 # run 1: transparent hugepages: always [madvise] never\n\
                 # run 1: page faults per call, rust, reciprocals: {plain}\n\
                 # run 1: page faults per call, rust+thp, reciprocals: {tunable}\n\
                 {header}\nreciprocals,rust,reciprocals,,0.04,,,,,,1\n# end: 1 timings\n"
            );
            page_faults_markdown(&Results::parse(&text).expect("valid results"))
        };
        // 64 KiB pages, 512 MiB huge pages: an 80 MB array gets no huge page at all.
        let big_pages = "# run 1: page size: 65536\n# run 1: huge page size: 536870912\n";
        let table = run(big_pages, "1221.0", "1221.0");
        assert!(
            table.contains("got no huge pages in the page-fault example (1,221 per call in both columns)"),
            "{table}"
        );
        assert!(!table.contains("without the tunable"), "{table}");
        // 16 KiB pages, 32 MiB huge pages: two huge pages save 2 × 2,047 faults.
        let sixteen = "# run 1: page size: 16384\n# run 1: huge page size: 33554432\n";
        let table = run(sixteen, "4883.0", "789.0");
        assert!(table.contains("took 789 page faults per call instead of 4,883"), "{table}");
        let table = run(sixteen, "30.0", "30.0");
        assert!(table.contains("not one per 16 KiB page (4,883)"), "{table}");
        // A huge page's worth of saved faults is the run's own: 2,047 on 16 KiB pages, so
        // 600 fewer faults than 4,883 is not 'some' huge pages (it is on 4 KiB pages).
        let table = run(sixteen, "4883.0", "4283.0");
        assert!(table.contains("got no huge pages"), "{table}");
        // A run that recorded no page sizes was measured on x86-64's 4 KiB and 2 MiB.
        let table = run("", "19532.0", "18932.0");
        assert!(table.contains("granted only some"), "{table}");
        // The machine facts name both sizes, as read on this machine.
        let facts = crate::speed::page_size_facts();
        let page = crate::speed::base_page_bytes();
        assert!(facts.starts_with(&format!("{PAGE_SIZE_FACT}: {page}\n")), "{facts}");
        assert!(facts.contains(&format!("\n{HUGE_PAGE_SIZE_FACT}: ")), "{facts}");
    }

    #[test]
    fn the_selected_word_is_the_one_in_brackets() {
        use crate::results::selected_word;
        assert_eq!(selected_word("always [madvise] never"), Some("madvise"));
        assert_eq!(selected_word("[always] madvise never"), Some("always"));
        assert_eq!(selected_word("always madvise never"), None);
        assert_eq!(selected_word("[] never"), None);
        assert_eq!(selected_word("unknown"), None);
    }
}
