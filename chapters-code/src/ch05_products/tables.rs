//! Chapter 5's generated markdown: the matrix product timings, and the
//! comparisons its prose quotes, from `results/benchmarks.csv`.

use crate::benchmarks::{matmul, Side, Workload};
use crate::error::Result;
use crate::results::{format_duration, timing_table, Results, Run};

/// The 512 × 512 matrix product timings (markdown).
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn matmul_table() -> Result<String> {
    timing_table(&matmul::GROUP)
}

/// The 2048 × 2048 matrix product timings (markdown).
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn matmul_2048_table() -> Result<String> {
    timing_table(&matmul::GROUP_2048)
}

/// How `workload` compares with `reference` in the committed results, as a
/// phrase that follows "is": "1.2× slower than NumPy" (`than` names the
/// reference), "level with NumPy", "not measured yet against NumPy", or, when
/// the two were measured on different machines, "not measured yet against NumPy
/// on the same machine". No trailing newline.
fn compare(workload: &Workload, reference: &Workload, than: &str) -> Result<String> {
    Ok(compare_in(&Results::committed()?, workload, reference, than))
}

/// [`compare`]'s phrase, from the timings of `results`.
fn compare_in(results: &Results, workload: &Workload, reference: &Workload, than: &str) -> String {
    let side = |w: &Workload| if w.python { Side::Python } else { Side::Rust };
    let timing = results.timing_of(workload, side(workload));
    let reference = results.timing_of(reference, side(reference));
    timing
        .and_then(|t| results.compare(t, reference))
        .map(|ratio| ratio.than(than))
        .unwrap_or_else(|| {
            let clause = results.same_machine_clause(timing, reference);
            format!("not measured yet against {than}{clause}")
        })
}

/// `fast_matmul` against NumPy, one thread each, 2048 × 2048.
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn fast_vs_numpy() -> Result<String> {
    compare(&matmul::FAST_MATMUL_2048, &matmul::NUMPY_MATMUL_2048, "NumPy")
}

/// ndarray's `dot` against NumPy, one thread each, 2048 × 2048.
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn dot_vs_numpy() -> Result<String> {
    compare(&matmul::DOT_2048, &matmul::NUMPY_MATMUL_2048, "NumPy")
}

/// `fast_matmul` against ndarray's `dot`, 2048 × 2048.
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn fast_vs_dot() -> Result<String> {
    compare(&matmul::FAST_MATMUL_2048, &matmul::DOT_2048, "ndarray's `dot`")
}

/// `fast_matmul` against NumPy, one thread each, 512 × 512.
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn fast_vs_numpy_512() -> Result<String> {
    compare(&matmul::FAST_MATMUL, &matmul::NUMPY_MATMUL, "NumPy")
}

/// `fast_matmul_par` against NumPy on all cores, 2048 × 2048.
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn par_vs_numpy_all_cores() -> Result<String> {
    compare(
        &matmul::FAST_MATMUL_PAR_2048,
        &matmul::NUMPY_MATMUL_ALL_CORES_2048,
        "NumPy on all cores",
    )
}

/// `fast_matmul_par` against NumPy on one thread, 2048 × 2048.
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn par_vs_numpy() -> Result<String> {
    compare(
        &matmul::FAST_MATMUL_PAR_2048,
        &matmul::NUMPY_MATMUL_2048,
        "NumPy on one thread",
    )
}

/// What the `blas` rows found, as whole sentences: how ndarray's `dot` with
/// the `blas` feature (the system's OpenBLAS, one thread) compares with
/// NumPy at 2048 × 2048, and which kernels OpenBLAS chose (what it prints
/// as "Core:" with `OPENBLAS_VERBOSE=2`), or that they are not measured yet.
///
/// # Errors
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn blas_finding() -> Result<String> {
    Ok(blas_finding_in(&Results::committed()?))
}

fn blas_finding_in(results: &Results) -> String {
    let Some(blas) = results.timing_of(&matmul::DOT_2048, Side::RustBlas) else {
        return "They are not measured yet: `./bench.sh` measures them on a \
                machine that has OpenBLAS to link."
            .to_string();
    };
    let numpy = results.timing_of(&matmul::NUMPY_MATMUL_2048, Side::Python);
    let comparison = match results.compare(blas, numpy) {
        Some(ratio) => ratio.than("NumPy"),
        None => format!(
            "{} (NumPy not measured yet on the same machine)",
            format_duration(blas.median_seconds)
        ),
    };
    // bench.sh writes "unknown" when OpenBLAS did not say (a build for one
    // fixed processor prints no "Core:").
    let fact = |run: Option<&Run>, key: &str| {
        run.and_then(|run| run.fact(key))
            .filter(|value| !value.trim().is_empty() && *value != "unknown")
            .map(str::to_string)
    };
    let blas_run = results.run_of(blas);
    let core = fact(blas_run, OPENBLAS_CORE_FACT);
    let kernels = match &core {
        Some(core) => format!("its “{core}” kernels"),
        None => "kernels it did not name".to_string(),
    };
    let release = fact(blas_run, OPENBLAS_RELEASE_FACT)
        .map(|release| format!(" {release}"))
        .unwrap_or_default();
    let numpy_run = numpy.and_then(|t| results.run_of(t));
    let numpy_kernels = match fact(numpy_run, "numpy blas") {
        None => String::new(),
        Some(described) => {
            let (library, version, numpy_core) = parse_blas(&described);
            let same_machine = match (blas_run, numpy_run) {
                (Some(b), Some(n)) => b.same_machine(n),
                _ => false,
            };
            match (library, numpy_core, &core) {
                (Some("openblas"), Some(numpy_core), Some(core)) => {
                    let build = version
                        .map(|v| format!("NumPy's own build of OpenBLAS ({v})"))
                        .unwrap_or_else(|| "NumPy's own build of OpenBLAS".into());
                    let verdict = if !same_machine {
                        " on another machine"
                    } else if numpy_core.eq_ignore_ascii_case(core) {
                        // The two names come from two programs' reports; a core's
                        // name is the same core whatever its case.
                        ": the same kernels"
                    } else {
                        ": another core's kernels"
                    };
                    format!("; {build} chose “{numpy_core}”{verdict}")
                }
                (Some(library), numpy_core, _) => {
                    let version = version.map(|v| format!(" {v}")).unwrap_or_default();
                    let core = numpy_core.map(|c| format!(" (“{c}”)")).unwrap_or_default();
                    format!("; NumPy's BLAS is {library}{version}{core}")
                }
                (None, _, _) => format!("; NumPy's BLAS: {described}"),
            }
        }
    };
    format!(
        "At 2048 × 2048, `dot` with the system's OpenBLAS was {comparison}; \
         that OpenBLAS{release} chose {kernels}{numpy_kernels}."
    )
}

/// The parts of `python/bench.py`'s description of NumPy's BLAS, "openblas 0.3.31.188.0
/// (SkylakeX)": the library, its version and the core its kernels are for, each `None` when
/// missing (or written "None" by an older bench.py). Only the first library listed counts.
fn parse_blas(described: &str) -> (Option<&str>, Option<&str>, Option<&str>) {
    fn known(part: &str) -> Option<&str> {
        let part = part.trim();
        (!part.is_empty() && part != "None").then_some(part)
    }
    let first = described.split(", ").next().unwrap_or_default();
    let (names, core) = match first.split_once(" (") {
        Some((names, rest)) => (names, rest.strip_suffix(')').and_then(known)),
        None => (first, None),
    };
    let mut words = names.split_whitespace();
    (words.next().and_then(known), words.next().and_then(known), core)
}

/// The machine fact in which `./bench.sh` records the kernels OpenBLAS chose.
const OPENBLAS_CORE_FACT: &str = "openblas core";
/// The machine fact in which `./bench.sh` records the system OpenBLAS's release.
const OPENBLAS_RELEASE_FACT: &str = "openblas release";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_sh_records_the_fact_the_chapter_reads() {
        crate::results::assert_bench_sh_records(&[
            OPENBLAS_CORE_FACT,
            OPENBLAS_RELEASE_FACT,
        ]);
    }

    #[test]
    fn timings_of_two_machines_are_measured_but_not_compared() {
        let known = crate::benchmarks::measured_series();
        // fast_matmul in run 1 (on CPU X); NumPy in `numpy_run` (run 2 is on CPU Y), if any.
        let results = |numpy_run: Option<u32>| {
            let (runs, numpy, count) = match numpy_run {
                Some(2) => (
                    "# run 1: cpu: X\n# run 2: cpu: Y\n",
                    "matmul_2048,python,numpy_matmul,,0.3,,,,,,2\n",
                    2,
                ),
                Some(_) => (
                    "# run 1: cpu: X\n",
                    "matmul_2048,python,numpy_matmul,,0.3,,,,,,1\n",
                    2,
                ),
                None => ("# run 1: cpu: X\n", "", 1),
            };
            let text = format!(
                "{runs}{}\n{numpy}matmul_2048,rust,fast_matmul,,0.6,,,,,,1\n\
                 # end: {count} timings\n",
                crate::results::HEADER
            );
            Results::parse_with(&text, &known).expect("valid results")
        };
        let phrase = |r: &Results| {
            compare_in(r, &matmul::FAST_MATMUL_2048, &matmul::NUMPY_MATMUL_2048, "NumPy")
        };
        assert_eq!(phrase(&results(Some(1))), "2.0×\u{a0}slower than NumPy");
        assert_eq!(
            phrase(&results(Some(2))),
            "not measured yet against NumPy on the same machine"
        );
        assert_eq!(phrase(&results(None)), "not measured yet against NumPy");
    }

    #[test]
    fn the_finding_names_the_core_of_the_run_that_measured_the_blas_rows() {
        let known = crate::benchmarks::measured_series();
        let text = format!(
            "# run 1: cpu: X\n# run 1: numpy blas: openblas 0.3.31 (SkylakeX)\n\
             # run 1: openblas core: Haswell\n\
             # run 2: cpu: X\n# run 2: openblas core: Prescott\n\
             # run 2: openblas release: 0.3.21\n{}\n\
             matmul_2048,python,numpy_matmul,,0.3,,,,,,1\n\
             matmul_2048,rust+blas,dot,,0.6,,,,,,2\n# end: 2 timings\n",
            crate::results::HEADER
        );
        let parse = |text: &str| Results::parse_with(text, &known).expect("valid");
        assert_eq!(
            blas_finding_in(&parse(&text)),
            "At 2048 × 2048, `dot` with the system's OpenBLAS was 2.0×\u{a0}slower \
             than NumPy; that OpenBLAS 0.3.21 chose its “Prescott” kernels; NumPy's own \
             build of OpenBLAS (0.3.31) chose “SkylakeX”: another core's kernels."
        );
        // Another machine: no ratio across machines, as in the tables.
        let elsewhere = text.replace("# run 2: cpu: X", "# run 2: cpu: Y");
        assert_eq!(
            blas_finding_in(&parse(&elsewhere)),
            "At 2048 × 2048, `dot` with the system's OpenBLAS was 600.0\u{a0}ms \
             (NumPy not measured yet on the same machine); that OpenBLAS 0.3.21 \
             chose its “Prescott” kernels; NumPy's own build of OpenBLAS (0.3.31) chose \
             “SkylakeX” on another machine."
        );
        // What an older bench.py wrote for a BLAS that does not say, or another library.
        for (fact, said) in [
            ("openblas None (None)", "NumPy's BLAS is openblas."),
            ("mkl 2024.2 (None)", "NumPy's BLAS is mkl 2024.2."),
            ("mkl 2024.2", "NumPy's BLAS is mkl 2024.2."),
            ("", "chose its “Prescott” kernels."),
        ] {
            let other = text.replace("openblas 0.3.31 (SkylakeX)", fact);
            let finding = blas_finding_in(&parse(&other));
            assert!(finding.ends_with(said), "{fact}: {finding}");
        }
        // OpenBLAS did not say which kernels.
        let unknown = text
            .replace("core: Prescott", "core: unknown")
            .replace("release: 0.3.21", "release: unknown");
        let finding = blas_finding_in(&parse(&unknown));
        assert!(finding.contains("that OpenBLAS chose kernels it did not name; NumPy's BLAS is openblas 0.3.31 (“SkylakeX”)."), "{finding}");
        // The same core in both builds.
        let same = text.replace("core: Prescott", "core: SkylakeX");
        let finding = blas_finding_in(&parse(&same));
        assert!(finding.ends_with("chose “SkylakeX”: the same kernels."), "{finding}");
        // One core, whatever the case each report writes it in.
        let same = text.replace("core: Prescott", "core: SKYLAKEX");
        let finding = blas_finding_in(&parse(&same));
        assert!(finding.ends_with("chose “SkylakeX”: the same kernels."), "{finding}");
        // Without the run 2 that measured them (a file holds no run without a timing).
        let unmeasured: String = text
            .replace("matmul_2048,rust+blas,dot,,0.6,,,,,,2\n", "")
            .replace("# end: 2", "# end: 1")
            .split_inclusive('\n')
            .filter(|line| !line.starts_with("# run 2: "))
            .collect();
        assert!(blas_finding_in(&parse(&unmeasured)).starts_with("They are not measured yet"));
    }
}
