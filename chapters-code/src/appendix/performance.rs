//! The performance summary appendix: every workload's headline comparison (the default
//! configuration: system allocator, one thread), the tuned configurations in a table of
//! their own, and the list of workloads where NumPy is faster — all from the results file,
//! with the same ratios as the chapters' tables.

use std::fmt::Write as _;

use crate::benchmarks::{Group, Side, Summary, GROUPS};
use crate::error::Result;
use crate::results::{format_duration, Ratio, Results, RunMarkers, Timing};

/// A timing's median, or "not measured yet".
fn time_cell(timing: Option<&Timing>) -> String {
    timing
        .map(|t| format_duration(t.median_seconds))
        .unwrap_or_else(|| "not measured yet".into())
}

/// A timing's cell in a table: its median with the marker of its run (when the appendix's
/// timings come from several runs), or "not measured yet".
fn marked_cell(timing: Option<&Timing>, markers: &RunMarkers) -> String {
    match timing {
        Some(t) => format_duration(t.median_seconds) + &markers.of(t),
        None => time_cell(None),
    }
}

/// "[what](chapter.md): `code`": the task, linked to its chapter, and the Rust code that
/// does it (its row's label without the leading "Rust ").
fn workload_cell(group: &Group, line: &Summary) -> String {
    let code = line
        .rust
        .label(Side::Rust)
        .unwrap_or(line.rust.variant)
        .trim_start_matches("Rust ");
    format!("[{}]({}.md): {code}", line.what, group.chapter)
}

/// The comparison of a Rust timing with NumPy's, as in the chapters' tables: "**2.0×
/// faster**", "1.3× slower", or "–" when either is missing (or they were measured on
/// different machines).
fn ratio_cell(
    results: &Results,
    rust: Option<&Timing>,
    numpy: Option<&Timing>,
) -> String {
    rust.and_then(|t| results.compare(t, numpy))
        .map(|r| r.emphasized())
        .unwrap_or_else(|| "–".into())
}

/// The NumPy timing's cell: its median, marked "1 thread" where NumPy's default is every
/// core (the matrix products, which are compared one thread with one thread).
fn numpy_cell(
    line: &Summary,
    numpy: Option<&Timing>,
    markers: &RunMarkers,
) -> String {
    let time = marked_cell(numpy, markers);
    match line.numpy_all_cores {
        Some(_) if numpy.is_some() => format!("{time}<br>1 thread"),
        _ => time,
    }
}

/// The all-cores version's timing and what it is compared with: NumPy on all cores where
/// NumPy has such a run, else the line's NumPy timing.
fn all_cores<'r>(
    results: &'r Results,
    group: &Group,
    line: &Summary,
) -> (Option<&'r Timing>, Option<&'r Timing>) {
    let parallel = line.parallel.and_then(|w| results.timing_of(&w, Side::Rust));
    let numpy = line.numpy_all_cores.unwrap_or(group.against(line));
    (parallel, results.timing_of(&numpy, Side::Python))
}

/// Every appendix line with its group.
fn lines() -> impl Iterator<Item = (&'static Group, &'static Summary)> {
    GROUPS
        .iter()
        .flat_map(|g| g.summary.iter().map(move |line| (g, line)))
}

/// The headline table: the default configuration (the system allocator, one thread), Python
/// and NumPy/SciPy next to the Rust version each chapter arrives at.
pub fn performance_table(results: &Results) -> String {
    let mut out = String::from(
        "| Workload | Python | NumPy / SciPy | Rust | Rust vs NumPy / SciPy |\n| --- | ---: | ---: | ---: | ---: |\n",
    );
    let markers = results.run_markers(shown(results));
    for (group, line) in lines() {
        let numpy = results.timing_of(&group.against(line), Side::Python);
        let rust = results.timing_of(&line.rust, Side::Rust);
        let python = match group.python_loop {
            Some(w) => {
                marked_cell(results.timing_of(&w, Side::Python), &markers)
            }
            None => "–".into(),
        };
        let _ = writeln!(
            out,
            "| {} | {python} | {} | {} | {} |",
            workload_cell(group, line),
            numpy_cell(line, numpy, &markers),
            marked_cell(rust, &markers),
            ratio_cell(results, rust, numpy),
        );
    }
    out
}

/// The tuned configurations: with FastAlloc as the global allocator, with glibc's huge
/// pages (chapter 2's lesson, measured for its workloads), on all cores; each with its
/// ratio to NumPy (on all cores, to NumPy's all-cores run where it has one, which the cell
/// names).
pub fn tuned_table(results: &Results) -> String {
    let mut out = String::from(
        "| Workload | Rust, default | With FastAlloc | Huge pages | All cores |\n| --- | ---: | ---: | ---: | ---: |\n",
    );
    let markers = results.run_markers(shown(results));
    for (group, line) in lines() {
        let numpy = results.timing_of(&group.against(line), Side::Python);
        let cell = |timing: Option<&Timing>, numpy, measured: bool| match timing {
            Some(t) => format!(
                "{}<br>{}",
                marked_cell(Some(t), &markers),
                ratio_cell(results, Some(t), numpy)
            ),
            None if measured => "not measured yet".into(),
            None => "–".into(),
        };
        let huge_pages = line.rust.sides().contains(&Side::RustHugePages);
        let (parallel, numpy_parallel) = all_cores(results, group, line);
        let mut all_cores_cell =
            cell(parallel, numpy_parallel, line.parallel.is_some());
        if parallel.is_some() && line.numpy_all_cores.is_some() {
            all_cores_cell += "<br>vs NumPy on all cores";
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {all_cores_cell} |",
            workload_cell(group, line),
            cell(results.timing_of(&line.rust, Side::Rust), numpy, true),
            cell(
                results.timing_of(&line.rust, Side::RustFastAlloc),
                numpy,
                true
            ),
            cell(
                results.timing_of(&line.rust, Side::RustHugePages),
                numpy,
                huge_pages
            ),
        );
    }
    out + "\n" + &fast_alloc_costs(results)
}

/// The workloads where NumPy (or SciPy) is faster than the Rust version in the default
/// configuration, or, where NumPy has an all-cores run (its default there), faster on all
/// cores than the Rust version on all cores; as a markdown list, with what the tuned
/// configurations do there.
pub fn numpy_faster_list(results: &Results) -> String {
    let mut out = String::new();
    let mut compared = 0;
    for (group, line) in lines() {
        let numpy = results.timing_of(&group.against(line), Side::Python);
        let rust = results.timing_of(&line.rust, Side::Rust);
        let Some(ratio) = rust.and_then(|t| results.compare(t, numpy)) else {
            continue;
        };
        compared += 1;
        let (parallel, numpy_parallel) = all_cores(results, group, line);
        let on_all_cores = match line.numpy_all_cores {
            Some(_) => parallel.and_then(|t| results.compare(t, numpy_parallel)),
            None => None,
        };
        // A tie ("1.0×") is not NumPy being faster.
        let at_least_level = |r: &Ratio| r.faster || r.is_tie();
        if at_least_level(&ratio) && on_all_cores.as_ref().is_none_or(at_least_level) {
            continue;
        }
        let tuned = results.timing_of(&line.rust, Side::RustFastAlloc);
        let tuned = match tuned.and_then(|t| results.compare(t, numpy)) {
            Some(r) => format!("; with FastAlloc, {r}"),
            None => String::new(),
        };
        let (one_thread, on_all_cores) = match on_all_cores {
            Some(r) => (
                " on 1 thread",
                format!(
                    "; on all cores, {}",
                    r.than(&format!("NumPy's {} on all cores", time_cell(numpy_parallel)))
                ),
            ),
            None => ("", String::new()),
        };
        let library = group.against(line).library();
        let _ = writeln!(
            out,
            "- {}: Rust is {}{tuned}{on_all_cores}.",
            workload_cell(group, line),
            ratio.than(&format!("{library}'s {}{one_thread}", time_cell(numpy))),
        );
    }
    // "None" only where something was compared: with no pair of one machine (a Rust run
    // beside the NumPy rows of another machine's run), it would claim what nothing measured.
    if compared == 0 {
        out = "- None compared yet: no workload has its Rust and NumPy (or SciPy) timings from the same machine.\n".into();
    } else if out.is_empty() {
        out = "- None: in the default configuration, no Rust version measured is slower than NumPy (or SciPy) by more than a tie.\n".into();
    }
    out
}

/// Every timing the appendix shows, for its machine note.
fn shown(results: &Results) -> Vec<&Timing> {
    let mut timings = Vec::new();
    for (group, line) in lines() {
        let mut add = |workload, side| {
            if let Some(t) = results.timing_of(workload, side) {
                timings.push(t);
            }
        };
        let against = group.against(line);
        add(&against, Side::Python);
        if let Some(w) = &group.python_loop {
            add(w, Side::Python);
        }
        for side in [Side::Rust, Side::RustFastAlloc, Side::RustHugePages] {
            add(&line.rust, side);
        }
        for w in [&line.parallel, &line.numpy_all_cores].into_iter().flatten() {
            add(w, if w.python { Side::Python } else { Side::Rust });
        }
    }
    timings
}

/// The appendix's headline table from the committed results, with its machine note.
///
/// # Errors
///
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn performance_summary() -> Result<String> {
    let results = Results::committed()?;
    Ok(performance_table(&results)
        + "\n"
        + &results.machine_note(shown(&results))
        + "\n")
}

/// The appendix's tuned table from the committed results.
///
/// # Errors
///
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn tuned_summary() -> Result<String> {
    Ok(tuned_table(&Results::committed()?))
}

/// Where a workload measured slower with FastAlloc than in the default configuration (by
/// more than a tie: a ratio above 1.0× with IQRs apart), as a sentence that says what such
/// a gap can and cannot show: the two are separate runs, so it may be drift between them.
/// Says so when no workload has both timings yet.
pub fn fast_alloc_costs(results: &Results) -> String {
    let mut seen = Vec::new();
    let mut compared = 0;
    let slower: Vec<String> = lines()
        .filter_map(|(group, line)| {
            // Two lines may compare one Rust version with two NumPy ones: list it once.
            if seen.contains(&line.rust) {
                return None;
            }
            seen.push(line.rust);
            let default = results.timing_of(&line.rust, Side::Rust)?;
            let tuned = results.timing_of(&line.rust, Side::RustFastAlloc)?;
            let ratio = results.compare(tuned, Some(default))?;
            compared += 1;
            (!ratio.faster && !ratio.is_tie()).then(|| {
                format!("{}, {ratio}", workload_cell(group, line))
            })
        })
        .collect();
    if compared == 0 {
        "No workload has been measured both with FastAlloc and in the default configuration \
         yet: `./bench.sh` measures both.\n"
            .to_string()
    } else if slower.is_empty() {
        "With FastAlloc, no workload measured slower than in the default configuration by \
         more than a tie.\n"
            .to_string()
    } else {
        let (these, rows, hold, they) = if slower.len() == 1 {
            ("This workload", "this row", "holds", "it is")
        } else {
            ("These workloads", "these rows", "hold", "they are")
        };
        format!(
            "{these} measured slower with FastAlloc than in the default configuration, \
             by more than a tie: {}. The spread is that of one run's \
             samples, and the two configurations are separate builds measured one after \
             the other, so {rows} also {hold} whatever changed between the two runs, such \
             as the speed of a shared machine: {they} a reason to time your own program \
             both ways, not a measure of what the allocator costs.\n",
            slower.join("; ")
        )
    }
}

/// The appendix's "where NumPy is faster" list from the committed results.
///
/// # Errors
///
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn numpy_faster() -> Result<String> {
    Ok(numpy_faster_list(&Results::committed()?))
}

#[cfg(test)]
mod tests;
