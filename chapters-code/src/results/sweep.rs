//! A size sweep in words and numbers: the table under its chart (every point of every
//! line), and one sentence per Rust line saying where it is faster than NumPy.

use std::fmt::Write as _;

use super::table::{format_duration, format_size, Ratio, NOT_MEASURED};
use super::{Results, Timing};
use crate::benchmarks::{Series, Side, Sweep, Workload};

impl Results {
    fn sweep_timing(
        &self,
        sweep: &Sweep,
        workload: &Workload,
        side: Side,
        size: u64,
    ) -> Option<&Timing> {
        self.timing(&Series {
            group: sweep.group,
            side,
            variant: workload.variant,
            size: Some(size),
        })
    }

    /// The sweep's numbers as a markdown table: one row per size, one column per line of
    /// the chart (its label), each the median time of one call.
    pub fn sweep_table(&self, sweep: &Sweep) -> String {
        let lines: Vec<(&Workload, Side, &str)> = sweep
            .workloads
            .iter()
            .flat_map(|w| {
                w.rows.iter().map(move |&(side, label)| (w, side, label))
            })
            .collect();
        let mut out = format!("| {} |", sweep.size_label);
        for (_, _, label) in &lines {
            let _ = write!(out, " {label} |");
        }
        out += "\n| ---: |";
        out += &" ---: |".repeat(lines.len());
        out += "\n";
        for &size in sweep.sizes {
            let _ = write!(out, "| {} |", format_size(size));
            for &(workload, side, _) in &lines {
                let cell = self
                    .sweep_timing(sweep, workload, side, size)
                    .map(|t| format_duration(t.median_seconds))
                    .unwrap_or_else(|| NOT_MEASURED.into());
                let _ = write!(out, " {cell} |");
            }
            out += "\n";
        }
        out
    }

    /// One sentence per Rust line of the sweep: at which sizes its median is faster than the
    /// first Python line's (NumPy's, or SciPy's: where the lines cross on the chart), at
    /// which sizes the two are level (a tie: a ratio that rounds to 1.0×, or IQRs that
    /// overlap), and by how much at both ends.
    pub fn sweep_findings(&self, sweep: &Sweep) -> String {
        let Some(numpy) = sweep.workloads.iter().find(|w| w.python) else {
            return String::new();
        };
        let library = numpy.library();
        let mut out = String::new();
        for workload in sweep.workloads.iter().filter(|w| !w.python) {
            for &(side, label) in workload.rows {
                let ratios: Vec<(u64, Ratio)> = sweep
                    .sizes
                    .iter()
                    .filter_map(|&n| {
                        let rust =
                            self.sweep_timing(sweep, workload, side, n)?;
                        let reference =
                            self.sweep_timing(sweep, numpy, Side::Python, n);
                        Some((n, self.compare(rust, reference)?))
                    })
                    .collect();
                let (Some(first), Some(last)) = (ratios.first(), ratios.last())
                else {
                    // Both sides measured at some size, on different machines: measured,
                    // but not next to each other.
                    let clause = sweep
                        .sizes
                        .iter()
                        .map(|&n| {
                            self.same_machine_clause(
                                self.sweep_timing(sweep, workload, side, n),
                                self.sweep_timing(
                                    sweep,
                                    numpy,
                                    Side::Python,
                                    n,
                                ),
                            )
                        })
                        .find(|clause| !clause.is_empty())
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "- {label}: {NOT_MEASURED} next to {library}{clause}."
                    );
                    continue;
                };
                let at = |(n, r): &(u64, Ratio)| {
                    let size = format_size(*n);
                    if r.same_to_one_decimal() {
                        format!("{r} at {size}") // "1.0× (a tie) at 1,000"
                    } else if r.within_spread {
                        format!(
                            "{} at {size} with overlapping IQRs",
                            r.by_medians()
                        )
                    } else {
                        format!("{} at {size}", r.by_medians())
                    }
                };
                // Every size is in exactly one list: a tie is "level", never also
                // "faster" or "slower" by a median that the samples do not support.
                let sizes_where = |keep: &dyn Fn(&Ratio) -> bool| -> Vec<u64> {
                    ratios
                        .iter()
                        .filter(|(_, r)| keep(r))
                        .map(|(n, _)| *n)
                        .collect()
                };
                let level = sizes_where(&|r| r.is_tie());
                let faster = sizes_where(&|r| !r.is_tie() && r.faster);
                let slower = sizes_where(&|r| !r.is_tie() && !r.faster);
                // The sizes where one side has no timing (on the same machine): "every
                // size measured" would take in a size only one side measured.
                let uncompared: Vec<u64> = sweep
                    .sizes
                    .iter()
                    .copied()
                    .filter(|&n| {
                        let measured = self
                            .sweep_timing(sweep, workload, side, n)
                            .is_some()
                            || self
                                .sweep_timing(sweep, numpy, Side::Python, n)
                                .is_some();
                        measured && !ratios.iter().any(|&(m, _)| m == n)
                    })
                    .collect();
                let every = if uncompared.is_empty() {
                    "at every size measured"
                } else {
                    "at every size compared"
                };
                let how = if level.len() == ratios.len() {
                    format!("level with {library} {every}")
                } else if faster.len() == ratios.len() {
                    format!("faster than {library} {every}")
                } else if slower.len() == ratios.len() {
                    format!("slower than {library} {every}")
                } else if level.is_empty() {
                    // The sizes are in increasing order: one crossing, either way, reads as
                    // "up to … from …"; anything else names both lists, so that a size where
                    // Rust is slower is never left unsaid.
                    let crosses_once = |first: &[u64]| {
                        ratios
                            .iter()
                            .take(first.len())
                            .map(|(n, _)| *n)
                            .eq(first.iter().copied())
                    };
                    if crosses_once(&faster) {
                        format!(
                            "faster than {library} up to {} and slower from {}",
                            format_size(faster[faster.len() - 1]),
                            format_size(slower[0])
                        )
                    } else if crosses_once(&slower) {
                        format!(
                            "slower than {library} up to {} and faster from {}",
                            format_size(slower[slower.len() - 1]),
                            format_size(faster[0])
                        )
                    } else {
                        format!(
                            "faster than {library} at {}, slower at {}",
                            size_list(&faster),
                            size_list(&slower)
                        )
                    }
                } else {
                    // Some ties: name each list that has sizes, in the order faster,
                    // slower, level ("level with NumPy at" when nothing else is named).
                    let mut parts = Vec::new();
                    if !faster.is_empty() {
                        parts.push(format!(
                            "faster than {library} at {}",
                            size_list(&faster)
                        ));
                    }
                    if !slower.is_empty() {
                        let than = if parts.is_empty() {
                            format!(" than {library}")
                        } else {
                            String::new()
                        };
                        parts.push(format!(
                            "slower{than} at {}",
                            size_list(&slower)
                        ));
                    }
                    parts.push(format!("level at {}", size_list(&level)));
                    parts.join(", ")
                };
                let ends = if ratios.len() > 1 {
                    format!("{}; {}", at(first), at(last))
                } else {
                    at(first)
                };
                let not_compared = if uncompared.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; not compared at {}, where one side has no timing of the same \
                         machine",
                        size_list(&uncompared)
                    )
                };
                let _ =
                    writeln!(out, "- {label}: {how} ({ends}){not_compared}.");
            }
        }
        out
    }
}

/// Sizes as words: "10", "10 and 30", "10, 30 and 100".
fn size_list(sizes: &[u64]) -> String {
    let words: Vec<String> = sizes.iter().map(|&n| format_size(n)).collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::benchmarks::sweeps::RECIPROCALS;
    use crate::results::Run;

    fn results(points: &[(Side, &'static str, u64, f64)]) -> Results {
        Results {
            runs: vec![Run {
                id: 1,
                facts: vec![("cpu".into(), "X".into())],
            }],
            timings: points
                .iter()
                .map(|&(side, variant, size, median_seconds)| Timing {
                    series: Series {
                        group: RECIPROCALS.group,
                        side,
                        variant,
                        size: Some(size),
                    },
                    median_seconds,
                    spread: None,
                    samples: None,
                    run: 1,
                })
                .collect(),
        }
    }

    /// Gives every timing a spread: none (q1 = q3 = the median) but at `size`, where the
    /// IQR reaches `fraction` of the median on either side, on both sides of the comparison.
    fn widen_spreads_at(r: &mut Results, size: u64, fraction: f64) {
        for t in &mut r.timings {
            let m = t.median_seconds;
            let f = if t.series.size == Some(size) {
                fraction
            } else {
                0.0
            };
            let (q1, q3) = ((1.0 - f) * m, (1.0 + f) * m);
            t.spread = Some(crate::results::Spread {
                q1,
                q3,
                min: q1,
                max: q3,
            });
        }
    }

    #[test]
    fn a_sweep_measured_on_two_machines_says_so() {
        let mut r = results(&[
            (Side::Python, "numpy", 10, 1e-6),
            (Side::Python, "numpy", 1_000, 2e-6),
            (Side::Rust, "reciprocals", 10, 2.5e-8),
            (Side::Rust, "reciprocals", 1_000, 1e-6),
            (Side::RustFastAlloc, "reciprocals", 100, 2.5e-8),
        ]);
        r.runs.push(Run {
            id: 2,
            facts: vec![("cpu".into(), "Y".into())],
        });
        for t in &mut r.timings {
            if t.series.side == Side::Python {
                t.run = 2;
            }
        }
        assert_eq!(
            r.sweep_findings(&RECIPROCALS),
            "- Rust reciprocals: not measured yet next to NumPy on the same machine.\n\
             - Rust reciprocals, with FastAlloc: not measured yet next to NumPy.\n"
        );
    }

    #[test]
    fn sizes_one_side_lacks_are_named_not_counted() {
        // NumPy has no 100; Rust has no 9,999,999 (it has 1,000,000, NumPy does not).
        let r = results(&[
            (Side::Python, "numpy", 10, 1e-6),
            (Side::Python, "numpy", 1_000, 2e-6),
            (Side::Python, "numpy", 9_999_999, 0.030),
            (Side::Rust, "reciprocals", 10, 2.5e-8),
            (Side::Rust, "reciprocals", 100, 1e-7),
            (Side::Rust, "reciprocals", 1_000, 1e-6),
            (Side::Rust, "reciprocals", 1_000_000, 1e-3),
        ]);
        let text = r.sweep_findings(&RECIPROCALS);
        assert!(
            text.starts_with(
                "- Rust reciprocals: faster than NumPy at every size compared (40.0×\u{a0}faster \
                 at 10; 2.0×\u{a0}faster at 1,000); not compared at 100, 1,000,000 and \
                 9,999,999, where one side has no timing of the same machine.\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn findings_say_where_the_lines_cross() {
        let r = results(&[
            (Side::Python, "numpy", 10, 1e-6),
            (Side::Python, "numpy", 1_000, 2e-6),
            (Side::Python, "numpy", 9_999_999, 0.030),
            (Side::Rust, "reciprocals", 10, 2.5e-8),
            (Side::Rust, "reciprocals", 1_000, 1e-6),
            (Side::Rust, "reciprocals", 9_999_999, 0.045),
            (Side::RustFastAlloc, "reciprocals", 10, 2.5e-8),
            (Side::RustFastAlloc, "reciprocals", 9_999_999, 0.015),
        ]);
        let text = r.sweep_findings(&RECIPROCALS);
        assert_eq!(
            text,
            "- Rust reciprocals: faster than NumPy up to 1,000 and slower from 9,999,999 (40.0×\u{a0}faster at 10; 1.5×\u{a0}slower at 9,999,999).\n\
             - Rust reciprocals, with FastAlloc: faster than NumPy at every size compared (40.0×\u{a0}faster at 10; 2.0×\u{a0}faster at 9,999,999); not compared at 1,000, where one side has no timing of the same machine.\n"
        );
        let table = r.sweep_table(&RECIPROCALS);
        assert!(table.starts_with("| n, elements | NumPy 1 / numpy_nums | Rust reciprocals | Rust reciprocals, with FastAlloc |\n| ---: | ---: | ---: | ---: |\n| 10 | 1.0\u{a0}µs | 25\u{a0}ns | 25\u{a0}ns |\n| 100 | not measured yet |"), "{table}");
        let empty = Results::default().sweep_findings(&RECIPROCALS);
        assert!(empty
            .contains("- Rust reciprocals: not measured yet next to NumPy."));
    }

    /// A sweep measured at one size names its ratio once.
    #[test]
    fn findings_of_one_size_name_it_once() {
        let r = results(&[
            (Side::Python, "numpy", 10, 1e-6),
            (Side::Rust, "reciprocals", 10, 2.5e-8),
        ]);
        let text = r.sweep_findings(&RECIPROCALS);
        assert!(
            text.starts_with(
                "- Rust reciprocals: faster than NumPy at every size measured (40.0×\u{a0}faster at 10).\n"
            ),
            "{text}"
        );
    }

    /// Rust's medians at 10, 1,000 and 9,999,999 against NumPy's 1 µs, 2 µs and 30 ms:
    /// a slow start that turns faster, a fast start that turns slower after one size, and
    /// a slower size between two faster ones, each named.
    #[test]
    fn findings_name_every_slower_size_wherever_the_lines_cross() {
        for (rust, said) in [
            (
                [4e-6, 1e-6, 0.015],
                "slower than NumPy up to 10 and faster from 1,000 (",
            ),
            (
                [2.5e-8, 4e-6, 0.015],
                "faster than NumPy at 10 and 9,999,999, slower at 1,000 (",
            ),
            // One crossing with two sizes after it: the sentence names the first.
            (
                [2.5e-8, 4e-6, 0.045],
                "faster than NumPy up to 10 and slower from 1,000 (",
            ),
            // And with two sizes before it: the last of them.
            (
                [4e-6, 4e-6, 0.015],
                "slower than NumPy up to 1,000 and faster from 9,999,999 (",
            ),
        ] {
            let r = results(&[
                (Side::Python, "numpy", 10, 1e-6),
                (Side::Python, "numpy", 1_000, 2e-6),
                (Side::Python, "numpy", 9_999_999, 0.030),
                (Side::Rust, "reciprocals", 10, rust[0]),
                (Side::Rust, "reciprocals", 1_000, rust[1]),
                (Side::Rust, "reciprocals", 9_999_999, rust[2]),
            ]);
            let text = r.sweep_findings(&RECIPROCALS);
            assert!(
                text.starts_with(&format!("- Rust reciprocals: {said}")),
                "{text}"
            );
        }
    }

    #[test]
    fn findings_say_where_the_spreads_do_not_separate_the_lines() {
        let mut r = results(&[
            (Side::Python, "numpy", 10, 1e-6),
            (Side::Python, "numpy", 9_999_999, 0.030),
            (Side::Rust, "reciprocals", 10, 2.5e-8),
            (Side::Rust, "reciprocals", 9_999_999, 0.027),
        ]);
        // The last Rust point's IQR reaches into NumPy's.
        widen_spreads_at(&mut r, 9_999_999, 0.2);
        let text = r.sweep_findings(&RECIPROCALS);
        assert!(
            text.starts_with(
                "- Rust reciprocals: faster than NumPy at 10, level at 9,999,999 \
                 (40.0×\u{a0}faster at 10; 1.1×\u{a0}faster at 9,999,999 with \
                 overlapping IQRs).\n"
            ),
            "{text}"
        );
    }

    /// A ratio that rounds to 1.0× is a tie even where the IQRs are apart, and the
    /// sentence says "level", not "within the spread"; a SciPy sweep names SciPy.
    #[test]
    fn findings_call_a_rounded_tie_level_and_name_the_library() {
        use crate::benchmarks::sweeps::CONVOLUTION;
        let numpy = CONVOLUTION.workloads.iter().find(|w| w.python).unwrap();
        let windows = CONVOLUTION.workloads.iter().find(|w| !w.python).unwrap();
        let sizes = CONVOLUTION.sizes;
        let mut r = Results {
            runs: vec![Run {
                id: 1,
                facts: vec![("cpu".into(), "X".into())],
            }],
            timings: Vec::new(),
        };
        for (i, &n) in sizes.iter().enumerate() {
            // Rust twice as fast at every size but the last, where it is 3% slower.
            let last = i + 1 == sizes.len();
            let scipy = 1e-3 * (i + 1) as f64;
            let rust = if last { scipy * 1.03 } else { scipy / 2.0 };
            for (workload, side, m) in [
                (numpy, Side::Python, scipy),
                (windows, windows.rows[0].0, rust),
            ] {
                r.timings.push(Timing {
                    series: Series {
                        group: CONVOLUTION.group,
                        side,
                        variant: workload.variant,
                        size: Some(n),
                    },
                    median_seconds: m,
                    // Narrow IQRs: the two never overlap.
                    spread: Some(crate::results::Spread {
                        q1: m * 0.999,
                        q3: m * 1.001,
                        min: m * 0.99,
                        max: m * 1.01,
                    }),
                    samples: Some(10),
                    run: 1,
                });
            }
        }
        let text = r.sweep_findings(&CONVOLUTION);
        let last = format_size(sizes[sizes.len() - 1]);
        let expected = format!(
            "- {}: faster than SciPy at {}, level at {last} (2.0×\u{a0}faster at {}; \
             1.0×\u{a0}(a\u{a0}tie) at {last}).\n",
            windows.rows[0].1,
            size_list(&sizes[..sizes.len() - 1]),
            format_size(sizes[0]),
        );
        assert!(text.starts_with(&expected), "{text}\nexpected {expected}");
        assert!(!text.contains("NumPy"), "{text}");
    }

    /// A size where the two are level is named once, as level: run 15's kNN sweep
    /// said "faster than NumPy at 10, 30, 100 and 2,000, slower at 300 and 1,000, by
    /// the medians; level at 300 and 2,000", naming 2,000 as both faster and level.
    #[test]
    fn findings_name_a_level_size_only_as_level() {
        let mut r = results(&[
            (Side::Python, "numpy", 10, 1e-6),
            (Side::Python, "numpy", 100, 2e-6),
            (Side::Python, "numpy", 1_000, 4e-6),
            (Side::Python, "numpy", 9_999_999, 0.030),
            (Side::Rust, "reciprocals", 10, 2.5e-8),
            (Side::Rust, "reciprocals", 100, 2.1e-6),
            (Side::Rust, "reciprocals", 1_000, 8e-6),
            (Side::Rust, "reciprocals", 9_999_999, 0.0299),
        ]);
        // At 100 Rust is 5% slower, but its IQR reaches into NumPy's: level.
        widen_spreads_at(&mut r, 100, 0.1);
        let text = r.sweep_findings(&RECIPROCALS);
        assert!(
            text.starts_with(
                "- Rust reciprocals: faster than NumPy at 10, slower at 1,000, \
                 level at 100 and 9,999,999 ("
            ),
            "{text}"
        );
        // Only ties and slower sizes: the sentence names the library once.
        for t in &mut r.timings {
            if t.series.side == Side::Rust && t.series.size == Some(10) {
                t.median_seconds = 4e-6;
            }
        }
        let text = r.sweep_findings(&RECIPROCALS);
        assert!(
            text.starts_with(
                "- Rust reciprocals: slower than NumPy at 10 and 1,000, \
                 level at 100 and 9,999,999 ("
            ),
            "{text}"
        );
    }

    #[test]
    fn size_lists_read_as_words() {
        assert_eq!(size_list(&[]), "");
        assert_eq!(size_list(&[10]), "10");
        assert_eq!(size_list(&[10, 1_000]), "10 and 1,000");
        assert_eq!(size_list(&[10, 30, 100_000]), "10, 30 and 100,000");
    }
}
