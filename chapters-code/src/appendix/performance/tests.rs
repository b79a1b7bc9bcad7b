//! The appendix says what the chapters say.

use super::*;

/// The cells of a markdown table's body rows.
fn cells(table: &str) -> Vec<Vec<String>> {
    table
        .lines()
        .filter(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            // Split on every `|`: a row that is not measured yet has an
            // empty IQR cell (`| |`).
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn each_appendix_ratio_is_the_chapter_tables_ratio() {
    let results = Results::committed().expect("the results file reads");
    let appendix = cells(&performance_table(&results));
    let mut checked = 0;
    for (row, (group, line)) in appendix.iter().zip(lines()) {
        assert_eq!(row[0], workload_cell(group, line));
        let chapter = cells(&results.table(group));
        let rust_label = line.rust.label(Side::Rust).expect("a Rust row");
        let rust_row = chapter
            .iter()
            .find(|r| r[0].trim_end_matches(['¹', '²', '³']) == rust_label)
            .expect("the chapter's table has the Rust row");
        // Rust's median is the chapter's (the appendix may mark its run).
        let unmarked = |cell: &str| cell.replace(['¹', '²', '³'], "");
        assert_eq!(unmarked(&row[3]).replace("not measured yet", "–"), {
            let m = &rust_row[1];
            if m == "not measured yet" { "–".to_string() } else { m.clone() }
        });
        let numpy = group.against(line);
        let numpy_label = numpy.label(Side::Python).expect("a NumPy row");
        let numpy_row = chapter
            .iter()
            .find(|r| r[0].trim_end_matches(['¹', '²', '³']) == numpy_label)
            .expect("the chapter's table has the NumPy row");
        let numpy_time = match line.numpy_all_cores {
            Some(_) => row[2].strip_suffix("<br>1 thread").expect("marked"),
            None => &row[2],
        };
        assert_eq!(unmarked(numpy_time), numpy_row[1], "{}", line.what);
        if numpy == group.baseline {
            assert_eq!(row[4], rust_row[3], "{}: the chapter's ratio", line.what);
            checked += 1;
        }
    }
    assert!(checked >= GROUPS.len(), "{checked} ratios compared");
}

#[test]
fn the_headline_is_the_default_configuration() {
    // Made-up results where the tuned configurations win and the default loses: the
    // headline must say "slower", and the tuned table and the list must say both.
    use crate::benchmarks::reciprocals::{NUMPY, RAYON, RECIPROCALS};
    let known = crate::benchmarks::measured_series();
    let facts = "# run 1: date: 2026-01-01\n# run 1: cpu: X\n# run 1: cores: 2\n";
    let line = |workload: &crate::benchmarks::Workload, side: Side, s: &str| {
        format!("reciprocals,{},{},,{s},,,,,,1\n", side.name(), workload.variant)
    };
    let text = format!(
        "{facts}{}\n{}{}{}{}{}# end: 5 timings\n",
        crate::results::HEADER,
        line(&NUMPY, Side::Python, "0.030000000000"),
        line(&RECIPROCALS, Side::Rust, "0.045000000000"),
        line(&RECIPROCALS, Side::RustHugePages, "0.020000000000"),
        line(&RECIPROCALS, Side::RustFastAlloc, "0.015000000000"),
        line(&RAYON, Side::Rust, "0.010000000000"),
    );
    let results = Results::parse_with(&text, &known).expect("valid");
    let headline = performance_table(&results);
    let first = &cells(&headline)[0];
    assert_eq!(first[4], "1.5×\u{a0}slower", "{headline}");
    let tuned = cells(&tuned_table(&results));
    assert_eq!(tuned[0][2], "15.0\u{a0}ms<br>**2.0×\u{a0}faster**");
    assert_eq!(tuned[0][3], "20.0\u{a0}ms<br>**1.5×\u{a0}faster**");
    assert_eq!(tuned[0][4], "10.0\u{a0}ms<br>**3.0×\u{a0}faster**");
    let list = numpy_faster_list(&results);
    assert!(list.starts_with("- [1 / x for 9,999,999 integers](ch02-speed.md): `reciprocals`: Rust is 1.5×\u{a0}slower than NumPy's 30.0\u{a0}ms; with FastAlloc, 2.0×\u{a0}faster."), "{list}");
    assert_eq!(list.lines().count(), 1);
}

#[test]
fn matrix_products_say_numpy_runs_on_one_thread_and_compare_all_cores_with_all_cores() {
    // Made-up results where NumPy on one thread is slower than the Rust version on all cores
    // but NumPy on all cores is faster: the tuned table must compare with the latter, and the
    // list must name the product.
    use crate::benchmarks::matmul::{
        FAST_MATMUL_2048, FAST_MATMUL_PAR_2048, NUMPY_MATMUL_2048,
        NUMPY_MATMUL_ALL_CORES_2048,
    };
    let known = crate::benchmarks::measured_series();
    let facts = "# run 1: date: 2026-01-01\n# run 1: cpu: X\n# run 1: cores: 2\n";
    let line = |workload: &crate::benchmarks::Workload, side: Side, s: &str| {
        format!("matmul_2048,{},{},,{s},,,,,,1\n", side.name(), workload.variant)
    };
    let text = format!(
        "{facts}{}\n{}{}{}{}# end: 4 timings\n",
        crate::results::HEADER,
        line(&NUMPY_MATMUL_2048, Side::Python, "0.300000000000"),
        line(&FAST_MATMUL_2048, Side::Rust, "0.250000000000"),
        line(&NUMPY_MATMUL_ALL_CORES_2048, Side::Python, "0.100000000000"),
        line(&FAST_MATMUL_PAR_2048, Side::Rust, "0.150000000000"),
    );
    let results = Results::parse_with(&text, &known).expect("valid");
    let row = |table: &str| {
        cells(table)
            .into_iter()
            .find(|r| r[0].starts_with("[2048 × 2048 matrix product]"))
            .expect("the 2048 × 2048 line")
    };
    let headline = row(&performance_table(&results));
    assert_eq!(headline[2], "300.0\u{a0}ms<br>1 thread");
    assert_eq!(headline[4], "**1.2×\u{a0}faster**");
    let tuned = row(&tuned_table(&results));
    assert_eq!(
        tuned[4],
        "150.0\u{a0}ms<br>1.5×\u{a0}slower<br>vs NumPy on all cores"
    );
    let list = numpy_faster_list(&results);
    assert_eq!(
        list,
        "- [2048 × 2048 matrix product](ch05-products.md): `fast_matmul` (faer): Rust is \
         1.2×\u{a0}faster than NumPy's 300.0\u{a0}ms on 1 thread; on all cores, \
         1.5×\u{a0}slower than NumPy's 100.0\u{a0}ms on all cores.\n"
    );
}

#[test]
fn life_is_compared_like_for_like_and_names_its_dtypes() {
    use crate::benchmarks::life;
    let results = Results::committed().expect("the results file reads");
    let table = performance_table(&results);
    assert!(!table.contains("(iterate) (`iterate`)"));
    let life_rows: Vec<Vec<String>> = cells(&table)
        .into_iter()
        .filter(|r| r[0].contains("(ch08-life.md)"))
        .collect();
    assert_eq!(life_rows.len(), 4);
    assert!(life_rows[0][0].contains("u8 / uint8"));
    assert!(life_rows[3][0].contains("int64"));
    assert_eq!(life::GROUP.baseline, life::NUMPY_ITERATE_UINT8);
}

#[test]
fn cells_from_different_runs_carry_their_runs_marker() {
    // Two runs: the NumPy time from run 1, the Rust time from run 2. The note lists both, so
    // each cell must say which run measured it.
    use crate::benchmarks::reciprocals::{NUMPY, RECIPROCALS};
    let known = crate::benchmarks::measured_series();
    let facts = "# run 1: cpu: X\n# run 1: cores: 2\n# run 2: cpu: X\n# run 2: cores: 2\n";
    let text = format!(
        "{facts}{}\nreciprocals,python,{},,0.030000000000,,,,,,1\nreciprocals,rust,{},,0.045000000000,,,,,,2\n# end: 2 timings\n",
        crate::results::HEADER,
        NUMPY.variant,
        RECIPROCALS.variant,
    );
    let results = Results::parse_with(&text, &known).expect("valid");
    let first = &cells(&performance_table(&results))[0];
    assert_eq!(first[2], "30.0\u{a0}ms¹");
    assert_eq!(first[3], "45.0\u{a0}ms²");
    let tuned = &cells(&tuned_table(&results))[0];
    assert!(tuned[1].starts_with("45.0\u{a0}ms²<br>"), "{tuned:?}");
    // One run: no markers (run 2's facts go with its timings).
    let one: String = text
        .replace(",,,,,,2\n", ",,,,,,1\n")
        .split_inclusive('\n')
        .filter(|line| !line.starts_with("# run 2: "))
        .collect();
    let results = Results::parse_with(&one, &known).expect("valid");
    assert_eq!(cells(&performance_table(&results))[0][3], "45.0\u{a0}ms");
}

#[test]
fn fast_alloc_costs_lists_each_slower_workload_once() {
    use crate::benchmarks::life::ITERATE;
    use crate::benchmarks::reciprocals::RECIPROCALS;
    let known = crate::benchmarks::measured_series();
    // One run: `rows` are its CSV lines.
    let results = |rows: String| {
        let text = format!(
            "# run 1: cpu: X\n{}\n{rows}# end: {} timings\n",
            crate::results::HEADER,
            rows.lines().count()
        );
        Results::parse_with(&text, &known).expect("valid")
    };
    // Life's iterate is in two summary lines (two NumPy boards): 20% slower with FastAlloc,
    // beyond both spreads. Reciprocals: slower by the medians, but the spreads overlap.
    let text = fast_alloc_costs(&results(format!(
        "reciprocals,rust,{r},,0.045,0.040,0.050,0.04,0.05,10,1\n\
         reciprocals,rust+fastalloc,{r},,0.048,0.045,0.051,0.04,0.052,10,1\n\
         life,rust,{i},,0.030,0.0299,0.0301,0.029,0.031,10,1\n\
         life,rust+fastalloc,{i},,0.036,0.0359,0.0361,0.035,0.037,10,1\n",
        r = RECIPROCALS.variant,
        i = ITERATE.variant,
    )));
    assert_eq!(text.matches("`iterate`").count(), 1, "{text}");
    assert!(
        text.starts_with("This workload measured slower with FastAlloc"),
        "one workload, in the singular: {text}"
    );
    assert!(text.contains("so this row also holds"), "{text}");
    assert!(text.contains("not a measure of what the allocator costs"), "{text}");
    assert!(text.contains("board, 1.2×\u{a0}slower. The spread"), "{text}");
    assert!(!text.contains("reciprocals"), "a tie is not a cost: {text}");
    // Two slower workloads: the plural.
    let two = fast_alloc_costs(&results(format!(
        "life,rust,{i},,0.030,0.0299,0.0301,0.029,0.031,10,1\n\
         life,rust+fastalloc,{i},,0.036,0.0359,0.0361,0.035,0.037,10,1\n\
         life,rust,{f},,0.002,0.0019,0.0021,0.0018,0.0022,10,1\n\
         life,rust+fastalloc,{f},,0.003,0.0029,0.0031,0.0028,0.0032,10,1\n",
        i = ITERATE.variant,
        f = crate::benchmarks::life::FAST.variant,
    )));
    assert!(two.starts_with("These workloads measured slower"), "{two}");
    assert!(two.contains("so these rows also hold"), "{two}");
    // Only a tie (reciprocals' spreads overlap): none is slower, and the sentence says
    // by how much a difference must exceed to count.
    let none = fast_alloc_costs(&results(format!(
        "reciprocals,rust,{r},,0.045,0.040,0.050,0.04,0.05,10,1\n\
         reciprocals,rust+fastalloc,{r},,0.048,0.045,0.051,0.04,0.052,10,1\n",
        r = RECIPROCALS.variant,
    )));
    assert_eq!(
        none,
        "With FastAlloc, no workload measured slower than in the default configuration by \
         more than a tie.\n"
    );
    // 3% slower with IQRs apart rounds to 1.0×: a tie too, by the book's rule.
    let rounded = fast_alloc_costs(&results(format!(
        "life,rust,{i},,0.0300,0.02999,0.03001,0.029,0.031,10,1\n\
         life,rust+fastalloc,{i},,0.0309,0.03089,0.03091,0.030,0.032,10,1\n",
        i = ITERATE.variant,
    )));
    assert_eq!(rounded, none);
    // Nothing measured: no sentence about measurements.
    let nothing = fast_alloc_costs(&Results::default());
    assert!(nothing.starts_with("No workload has been measured"), "{nothing}");
}

#[test]
fn the_numpy_faster_list_names_scipy_for_convolution_and_ties_are_not_listed() {
    use crate::benchmarks::convolution::{CONVOLVE2D, SCIPY_CONVOLVE2D};
    let known = crate::benchmarks::measured_series();
    let results = |rust: &str, q1: &str, q3: &str| {
        let text = format!(
            "# run 1: cpu: X\n{}\n\
             convolution,python,{},,0.01,0.00999,0.01001,0.0099,0.0101,10,1\n\
             convolution,rust,{},,{rust},{q1},{q3},{q1},{q3},10,1\n# end: 2 timings\n",
            crate::results::HEADER,
            SCIPY_CONVOLVE2D.variant,
            CONVOLVE2D.variant,
        );
        Results::parse_with(&text, &known).expect("valid")
    };
    // 1.5× slower than SciPy, beyond the spreads: listed, against SciPy.
    let list = numpy_faster_list(&results("0.015", "0.01499", "0.01501"));
    assert!(list.contains("Rust is 1.5×\u{a0}slower than SciPy's 10.0\u{a0}ms"), "{list}");
    assert!(!list.contains("NumPy's"), "{list}");
    // 3% slower with the spreads apart rounds to 1.0×: a tie, not listed.
    let tie = numpy_faster_list(&results("0.0103", "0.01029", "0.01031"));
    assert_eq!(
        tie,
        "- None: in the default configuration, no Rust version measured is slower than \
         NumPy (or SciPy) by more than a tie.\n"
    );
}

#[test]
fn the_numpy_faster_list_says_none_only_where_something_was_compared() {
    use crate::benchmarks::convolution::{CONVOLVE2D, SCIPY_CONVOLVE2D};
    let known = crate::benchmarks::measured_series();
    // 1.5× slower than SciPy, but measured on another machine (a reader's run beside
    // the committed SciPy rows): nothing compares, so "None" would claim too much.
    let text = format!(
        "# run 1: cpu: X\n# run 2: cpu: Y\n{}\n\
         convolution,python,{},,0.01,0.00999,0.01001,0.0099,0.0101,10,1\n\
         convolution,rust,{},,0.015,0.01499,0.01501,0.0149,0.0151,10,2\n# end: 2 timings\n",
        crate::results::HEADER,
        SCIPY_CONVOLVE2D.variant,
        CONVOLVE2D.variant,
    );
    let none_compared = "- None compared yet: no workload has its Rust and NumPy (or SciPy) \
                         timings from the same machine.\n";
    let two_machines = Results::parse_with(&text, &known).expect("valid");
    assert_eq!(numpy_faster_list(&two_machines), none_compared);
    assert_eq!(numpy_faster_list(&Results::default()), none_compared);
}

/// The tuned table's "Huge pages" item names the chapters whose appendix lines are measured
/// with huge pages, and the sweeps paragraph names the groups `./bench.sh GROUP` takes for the
/// sweeps: both typed in the page, both read here from the registry, so that a line given
/// huge pages in another chapter, or a sweep added or renamed, changes what the test expects.
#[test]
fn the_page_names_the_huge_pages_chapters_and_the_sweep_groups_of_the_registry() {
    let mut chapters: Vec<u32> = lines()
        .filter(|(_, line)| line.rust.sides().contains(&Side::RustHugePages))
        .map(|(group, _)| {
            let number = group.chapter.trim_start_matches("ch");
            number[..2].parse().expect("a chapter slug chNN-…")
        })
        .collect();
    chapters.dedup();
    let listed = |items: &[String]| match items {
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    };
    let numbers: Vec<String> = chapters.iter().map(u32::to_string).collect();
    let huge_pages = format!("measured for chapters {} only", listed(&numbers));
    let sweeps: Vec<String> = crate::benchmarks::SWEEPS
        .iter()
        .map(|sweep| format!("`{}`", sweep.group))
        .collect();
    let sweep_groups = format!("measures one sweep: {}).", sweeps.join(", "));
    let page = crate::chapter::page_text("appendix-performance.md");
    let page = page.split_whitespace().collect::<Vec<_>>().join(" ");
    for said in [huge_pages, sweep_groups] {
        assert!(page.contains(&said), "src/appendix-performance.md: {said:?}");
    }
}
