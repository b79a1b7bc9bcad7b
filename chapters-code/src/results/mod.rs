//! The benchmark results the book quotes: `results/benchmarks.csv`, written by `./bench.sh`.
//!
//! Nothing here measures anything: timings depend on the machine, so they are measured by
//! `./bench.sh` (criterion for Rust, `python/bench.py` for Python and NumPy), committed with
//! the facts of the machine they ran on, and turned into the book's tables and charts by code.

mod collect;

use std::fmt::{self, Write as _};

use crate::benchmarks::{Group, Side, Workload};
use crate::error::{Error, Result};

/// One row of a timing table: (side, variant, label).
pub use crate::benchmarks::Row;

/// The committed results file, compiled in so that tables and charts always match it.
pub const BENCHMARKS_CSV: &str =
    include_str!("../../../results/benchmarks.csv");

/// Where `./bench.sh` writes the results, relative to the repository root.
pub const BENCHMARKS_PATH: &str = "results/benchmarks.csv";

/// One measured median.
#[derive(Debug, Clone, PartialEq)]
pub struct Timing {
    /// The workload, e.g. `reciprocals`.
    pub group: String,
    /// Who ran it: `python`, `rust` (glibc's allocator as configured by default) or
    /// `rust+thp` (with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`).
    pub side: String,
    /// The variant, e.g. `map_collect` or `numpy`.
    pub variant: String,
    /// The median time of one run, in seconds.
    pub median_seconds: f64,
}

/// An error in the results file: the crate's error type.
pub type ResultsError = Error;

/// The parsed results: the machine facts (`# key: value` lines) and the timings.
#[derive(Debug, Clone, Default)]
pub struct Results {
    /// Facts about the machine and the software versions, in file order.
    pub machine: Vec<(String, String)>,
    /// Every measured median.
    pub timings: Vec<Timing>,
}

impl Results {
    /// Parses the CSV format written by [`Results::to_csv`].
    pub fn parse(text: &str) -> Result<Results> {
        let mut results = Results::default();
        let mut saw_header = false;
        for (number, line) in text.lines().enumerate() {
            if let Some(fact) = line.strip_prefix("# ") {
                if let Some((key, value)) = fact.split_once(": ") {
                    results.machine.push((key.to_string(), value.to_string()));
                }
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            if !saw_header {
                saw_header = true;
                continue;
            }
            let fields: Vec<&str> = line.split(',').collect();
            let line_error = |what: String| {
                Error::msg(format!(
                    "{BENCHMARKS_PATH}: line {}: {what}",
                    number + 1
                ))
            };
            let [group, side, variant, seconds] = fields[..] else {
                return Err(line_error("expected 4 fields".into()));
            };
            let median_seconds = seconds.parse().map_err(|_| {
                line_error(format!("{seconds:?} is not a number"))
            })?;
            results.timings.push(Timing {
                group: group.into(),
                side: side.into(),
                variant: variant.into(),
                median_seconds,
            });
        }
        Ok(results)
    }

    /// The committed results.
    pub fn committed() -> Result<Results> {
        Results::parse(BENCHMARKS_CSV)
    }

    /// Writes the results in the committed CSV format.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "# Benchmark results of \"NumPy Tricks in Rust\", written by ./bench.sh; do not edit.\n",
        );
        for (key, value) in &self.machine {
            let _ = writeln!(out, "# {key}: {value}");
        }
        out += "group,side,variant,median_seconds\n";
        for t in &self.timings {
            let _ = writeln!(
                out,
                "{},{},{},{:.9}",
                t.group, t.side, t.variant, t.median_seconds
            );
        }
        out
    }

    /// The median of one workload on one side, if it was measured.
    pub fn time(&self, workload: &Workload, side: Side) -> Option<f64> {
        self.get(workload.group, side.name(), workload.variant)
    }

    /// The median of one variant, if it was measured.
    pub fn get(&self, group: &str, side: &str, variant: &str) -> Option<f64> {
        self.timings
            .iter()
            .find(|t| {
                t.group == group && t.side == side && t.variant == variant
            })
            .map(|t| t.median_seconds)
    }

    /// A machine fact, or `"unknown"`.
    pub fn fact(&self, key: &str) -> &str {
        self.machine
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or("unknown")
    }

    /// One sentence naming the machine and software the results were measured with.
    pub fn machine_sentence(&self) -> String {
        format!(
            "Measured on {} ({} cores, {}) on {}, with {}, Python {}, NumPy {}, SciPy {}, by `./bench.sh`.",
            self.fact("cpu"),
            self.fact("cores"),
            self.fact("os"),
            self.fact("date"),
            self.fact("rustc"),
            self.fact("python"),
            self.fact("numpy"),
            self.fact("scipy"),
        )
    }

    /// A markdown table of `rows` (side, variant, label), each with its median and its speed
    /// relative to `baseline` (side, variant). Rows that were not measured are left out.
    pub fn markdown_table(
        &self,
        group: &str,
        baseline: (&str, &str),
        rows: &[Row<'_>],
    ) -> String {
        let base = self.get(group, baseline.0, baseline.1);
        let mut out =
            String::from("| Variant | Median time | Relative to NumPy |\n| --- | ---: | ---: |\n");
        for &(side, variant, label) in rows {
            let Some(seconds) = self.get(group, side, variant) else {
                continue;
            };
            let relative = match base {
                Some(_) if (side, variant) == baseline => {
                    "1× (baseline)".to_string()
                }
                Some(b) => Ratio::of(seconds, b).emphasized(),
                None => "–".to_string(),
            };
            let _ = writeln!(
                out,
                "| {label} | {} | {relative} |",
                format_duration(seconds)
            );
        }
        out
    }
}

impl Results {
    /// The timing table of a benchmark group, its rows as the registry declares them.
    pub fn table(&self, group: &Group) -> String {
        self.markdown_table(
            group.name,
            ("python", group.baseline.variant),
            &group.rows(),
        )
    }
}

/// The committed results' table for `group`, relative to the NumPy/SciPy variant `baseline`,
/// followed by the sentence naming the machine it was measured on.
pub fn committed_table(
    group: &str,
    baseline: &str,
    rows: &[Row<'_>],
) -> Result<String> {
    let results = Results::committed()?;
    Ok(results.markdown_table(group, ("python", baseline), rows)
        + "\n"
        + &results.machine_sentence()
        + "\n")
}

/// A benchmark group's table from the committed results, with the machine it was measured on.
pub fn timing_table(group: &Group) -> Result<String> {
    committed_table(group.name, group.baseline.variant, &group.rows())
}

/// How one time compares with a reference time: "2.5× faster" or "1.3× slower".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ratio {
    /// How many times faster or slower, at least 1.
    pub factor: f64,
    /// Takes no more time than the reference.
    pub faster: bool,
}

impl Ratio {
    /// How `seconds` compares with `reference`.
    pub fn of(seconds: f64, reference: f64) -> Ratio {
        if seconds <= reference {
            Ratio {
                factor: reference / seconds,
                faster: true,
            }
        } else {
            Ratio {
                factor: seconds / reference,
                faster: false,
            }
        }
    }

    /// How `seconds` compares with `reference`, or `missing` if either was not measured.
    pub fn describe(
        seconds: Option<f64>,
        reference: Option<f64>,
        missing: &str,
    ) -> String {
        match (seconds, reference) {
            (Some(s), Some(r)) => Ratio::of(s, r).to_string(),
            _ => missing.to_string(),
        }
    }

    /// The ratio for a table: in bold when it is a speed-up.
    pub fn emphasized(&self) -> String {
        if self.faster {
            format!("**{self}**")
        } else {
            self.to_string()
        }
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = if self.faster { "faster" } else { "slower" };
        write!(f, "{:.1}× {how}", self.factor)
    }
}

/// Formats a duration in seconds with a unit that keeps three significant digits.
pub fn format_duration(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else if seconds >= 1e-3 {
        format!("{:.1} ms", seconds * 1e3)
    } else if seconds >= 1e-6 {
        format!("{:.1} µs", seconds * 1e6)
    } else {
        format!("{:.0} ns", seconds * 1e9)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    const SAMPLE: &str =
        "# header\n# cpu: Test CPU\n# cores: 2\ngroup,side,variant,median_seconds\n\
        g,python,numpy,0.030000000\ng,rust,fast,0.010000000\ng,rust,slow,0.060000000\n";

    #[test]
    fn parses_and_round_trips() {
        let r = Results::parse(SAMPLE).expect("valid");
        assert_eq!(r.fact("cpu"), "Test CPU");
        assert_eq!(r.fact("nope"), "unknown");
        assert_eq!(r.get("g", "rust", "fast"), Some(0.01));
        let again = Results::parse(&r.to_csv()).expect("valid");
        assert_eq!(again.timings, r.timings);
        assert_eq!(again.machine, r.machine);
    }

    #[test]
    fn table_states_ratios_against_the_baseline() {
        let r = Results::parse(SAMPLE).expect("valid");
        let table = r.markdown_table(
            "g",
            ("python", "numpy"),
            &[
                ("python", "numpy", "NumPy"),
                ("rust", "fast", "fast"),
                ("rust", "slow", "slow"),
                ("rust", "missing", "x"),
            ],
        );
        assert!(
            table.contains("| NumPy | 30.0 ms | 1× (baseline) |"),
            "{table}"
        );
        assert!(
            table.contains("| fast | 10.0 ms | **3.0× faster** |"),
            "{table}"
        );
        assert!(
            table.contains("| slow | 60.0 ms | 2.0× slower |"),
            "{table}"
        );
        assert!(!table.contains("| x |"));
    }

    #[test]
    fn bad_lines_are_clear_errors() {
        let err = Results::parse("h\na,b\n").expect_err("two fields");
        assert!(err.to_string().contains("line 2: expected 4 fields"));
        let err = Results::parse("h\na,b,c,zz\n").expect_err("not a number");
        assert!(err.to_string().contains("\"zz\" is not a number"));
    }

    #[test]
    fn ratios_say_faster_or_slower() {
        assert_eq!(Ratio::of(0.01, 0.03).to_string(), "3.0× faster");
        assert_eq!(Ratio::of(0.06, 0.03).emphasized(), "2.0× slower");
        assert_eq!(Ratio::of(0.01, 0.01).emphasized(), "**1.0× faster**");
        assert_eq!(Ratio::describe(None, Some(1.0), "–"), "–");
    }

    #[test]
    fn durations_have_sensible_units() {
        assert_eq!(format_duration(2.5), "2.50 s");
        assert_eq!(format_duration(0.0123), "12.3 ms");
        assert_eq!(format_duration(0.0000123), "12.3 µs");
        assert_eq!(format_duration(0.000000012), "12 ns");
    }

    #[test]
    fn committed_results_parse() {
        assert!(Results::committed().is_ok());
    }

    #[test]
    fn the_committed_results_measure_exactly_the_declared_workloads() {
        let results = Results::committed().expect("the results file parses");
        let measured: BTreeSet<(String, String, String)> = results
            .timings
            .iter()
            .map(|t| (t.group.clone(), t.side.clone(), t.variant.clone()))
            .collect();
        let declared: BTreeSet<(String, String, String)> =
            crate::benchmarks::measured_series()
                .into_iter()
                .map(|(g, side, v)| (g.into(), side.name().into(), v.into()))
                .collect();
        let missing: Vec<_> = declared.difference(&measured).collect();
        let undeclared: Vec<_> = measured.difference(&declared).collect();
        assert!(missing.is_empty(), "declared but not measured: {missing:?}");
        assert!(
            undeclared.is_empty(),
            "measured but not declared: {undeclared:?}"
        );
    }
}
