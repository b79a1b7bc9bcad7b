//! The results file: read strictly, merged without loss, written atomically, shown as
//! "not measured yet" where a timing is missing.

use super::collect::{quartiles, PYTHON_HEADER};
use super::*;
use crate::benchmarks::{Group, Workload};

const PY: Side = Side::Python;
const RS: Side = Side::Rust;

const fn series(
    group: &'static str,
    side: Side,
    variant: &'static str,
) -> Series {
    Series {
        group,
        side,
        variant,
        size: None,
    }
}

/// The series the test files may hold, in file order.
const KNOWN: &[Series] = &[
    series("g", PY, "numpy"),
    series("g", RS, "fast"),
    series("g", RS, "slow"),
    series("h", PY, "numpy"),
    series("h", RS, "fast"),
    Series {
        group: "s",
        side: RS,
        variant: "fast",
        size: Some(10),
    },
];

const NUMPY: Workload = Workload::python("g", "numpy", &[(PY, "NumPy")]);
const FAST: Workload = Workload::rust("g", "fast", &[(RS, "fast")]);
const SLOW: Workload = Workload::rust("g", "slow", &[(RS, "slow")]);
const GROUP_G: Group = Group {
    name: "g",
    chapter: "ch00",
    baseline: NUMPY,
    workloads: &[NUMPY, FAST, SLOW],
    summary: &[],
    python_loop: None,
};

fn sample() -> String {
    [
        TITLE,
        "# Each timing names the run that measured it (last column); each run's machine facts are below.",
        "# run 1: date: 2026-01-01",
        "# run 1: cpu: Test CPU",
        "# run 1: cores: 2",
        "# run 1: cpu features: avx2 avx512f",
        "# run 1: numpy: 2.4.6",
        "# run 2: date: 2026-02-02",
        "# run 2: cpu: Test CPU",
        "# run 2: cores: 2",
        "# run 2: cpu features: avx2 avx512f",
        HEADER,
        "g,python,numpy,,0.030000000000,0.029000000000,0.031000000000,0.028000000000,0.040000000000,30,1",
        "g,rust,fast,,0.010000000000,,,,,,2",
        "g,rust,slow,,0.060000000000,0.059000000000,0.061000000000,0.058000000000,0.070000000000,10,1",
        "h,python,numpy,,0.001000000000,,,,,,1",
        "s,rust,fast,10,0.000000025000,0.000000024000,0.000000026000,0.000000023000,0.000000040000,20,2",
        "# end: 5 timings",
        "",
    ]
    .join("\n")
}

fn parse(text: &str) -> Result<Results> {
    Results::parse_with(text, KNOWN)
}

fn error_of(text: &str) -> String {
    parse(text).expect_err("an invalid file").to_string()
}

#[test]
fn parses_and_round_trips_byte_for_byte() {
    let text = sample();
    let r = parse(&text).expect("valid");
    assert_eq!(r.runs.len(), 2);
    assert_eq!(r.run(1).and_then(|run| run.fact("cpu")), Some("Test CPU"));
    assert_eq!(r.get("g", "rust", "fast"), Some(0.01));
    let numpy = r.timing(&KNOWN[0]).expect("measured");
    assert_eq!(numpy.samples, Some(30));
    assert_eq!(numpy.spread.map(|s| s.q3), Some(0.031));
    assert_eq!(r.timing(&KNOWN[5]).map(|t| t.median_seconds), Some(25e-9));
    assert_eq!(r.to_csv(), text);
}

#[test]
fn a_missing_header_is_an_error_naming_the_line() {
    let text = sample().replace(&format!("{HEADER}\n"), "");
    let err = error_of(&text);
    assert!(err.contains("line 12: expected the header"), "{err}");
    assert!(error_of("# only a comment\n").contains("no header line"));
}

#[test]
fn a_truncated_file_is_an_error() {
    let text = sample();
    // Cut in the middle of a line: the last line has no end.
    let cut = text.find("0.060000000000").expect("in the sample") + 5;
    let err = error_of(&text[..cut]);
    assert!(err.contains("line 15: cut short"), "{err}");
    // Cut at the end of a line: the closing line is missing.
    let cut = text.find("h,python").expect("in the sample");
    let err = error_of(&text[..cut]);
    assert!(
        err.contains("closing `# end: N timings` line is missing"),
        "{err}"
    );
    // Cut before its first line: an empty file is no file of no timings.
    let err = error_of("");
    assert!(
        err.starts_with("line 1: the file is empty")
            && err.contains("cut short"),
        "{err}"
    );
    // A line lost from the middle: the count does not match.
    let text = sample().replace("h,python,numpy,,0.001000000000,,,,,,1\n", "");
    assert!(error_of(&text).contains("says 5 timings, the file has 4"));
}

#[test]
fn bad_numbers_are_errors_naming_the_line() {
    for (bad, what) in [
        ("NaN", "is not a positive, finite time"),
        ("inf", "is not a positive, finite time"),
        ("0.000000000000", "is not a positive, finite time"),
        ("-0.010000000000", "is not a positive, finite time"),
        ("zz", "is not a number"),
    ] {
        let text = sample().replace(
            "g,rust,fast,,0.010000000000,",
            &format!("g,rust,fast,,{bad},"),
        );
        let err = error_of(&text);
        assert!(err.contains("line 14: median_seconds"), "{bad}: {err}");
        assert!(err.contains(what), "{bad}: {err}");
    }
    let text = sample().replace("0.059000000000", "0.065000000000");
    assert!(error_of(&text).contains("line 15: expected min <= q1 <= median"));
    let text = sample().replace("0.070000000000,10,1", "0.070000000000,0,1");
    assert!(error_of(&text).contains("samples \"0\""));
}

#[test]
fn unknown_groups_sides_variants_and_runs_are_errors() {
    for (from, to, what) in [
        ("g,rust,fast,", "x,rust,fast,", "unknown workload x/fast"),
        ("g,rust,fast,", "g,rust,quick,", "unknown workload g/quick"),
        ("g,rust,fast,", "g,ruby,fast,", "unknown side \"ruby\""),
        (
            "g,rust,fast,",
            "g,rust+thp,fast,",
            "unknown workload g/fast on side rust+thp",
        ),
        (
            "0.010000000000,,,,,,2",
            "0.010000000000,,,,,,7",
            "run 7 has no",
        ),
    ] {
        let text = sample().replacen(from, to, 1);
        let err = error_of(&text);
        assert!(err.contains("line 14: "), "{to}: {err}");
        assert!(err.contains(what), "{to}: {err}");
    }
    let doubled = sample().replace(
        "h,python,numpy,",
        "g,rust,fast,,0.010000000000,,,,,,2\nh,python,numpy,",
    );
    assert!(error_of(&doubled).contains("a second timing of g/rust/fast"));
}

fn fresh(timings: &[(Series, f64)], facts: &[(&str, &str)]) -> Results {
    Results {
        runs: vec![Run {
            id: 0,
            facts: facts
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }],
        timings: timings
            .iter()
            .map(|&(series, median_seconds)| Timing {
                series,
                median_seconds,
                spread: None,
                samples: Some(10),
                run: 0,
            })
            .collect(),
    }
}

#[test]
fn a_partial_run_replaces_only_what_it_measured() {
    let old_text = sample();
    let old = parse(&old_text).expect("valid");
    let facts = [("date", "2026-03-03"), ("cpu", "Test CPU"), ("cores", "2")];
    let merged = old
        .clone()
        .merge(fresh(&[(KNOWN[4], 0.0005)], &facts), KNOWN);
    let new_text = merged.to_csv();
    assert!(parse(&new_text).is_ok());
    // The new run is numbered after the others, and only its line changed.
    assert_eq!(
        merged.runs.iter().map(|r| r.id).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    let old_lines: Vec<&str> = old_text.lines().collect();
    let new_lines: Vec<&str> = new_text.lines().collect();
    for line in &old_lines {
        if !line.starts_with("# end") {
            assert!(new_lines.contains(line), "lost: {line}");
        }
    }
    assert!(new_text.contains("# run 3: date: 2026-03-03\n"));
    assert!(new_text.contains("\nh,rust,fast,,0.000500000000,,,,,10,3\n"));
    assert!(new_text.ends_with("# end: 6 timings\n"));

    // Re-measuring everything of run 2 drops run 2 and its facts.
    let both = [(KNOWN[1], 0.011), (KNOWN[5], 2.6e-8)];
    let merged = old.merge(fresh(&both, &facts), KNOWN);
    assert_eq!(merged.runs.iter().map(|r| r.id).collect::<Vec<_>>(), [1, 3]);
    assert!(!merged.to_csv().contains("2026-02-02"));
}

#[test]
fn a_merge_after_the_largest_run_number_renumbers_the_runs_first() {
    let mut old = parse(&sample()).expect("valid");
    // A hand-edited file: its runs numbered 0 and u32::MAX (0 first, so that a
    // renumbering in place would move its timings twice).
    let last = old.runs.iter().map(|r| r.id).max().expect("runs");
    for run in &mut old.runs {
        let id = if run.id == last { u32::MAX } else { 0 };
        for timing in old.timings.iter_mut().filter(|t| t.run == run.id) {
            timing.run = id;
        }
        run.id = id;
    }
    let series_of = |results: &Results, run: u32| -> Vec<Series> {
        let mut series: Vec<Series> = results
            .timings
            .iter()
            .filter(|t| t.run == run && t.series != KNOWN[4])
            .map(|t| t.series)
            .collect();
        series.sort_by_key(|s| format!("{s:?}"));
        series
    };
    let (from_zero, from_last) =
        (series_of(&old, 0), series_of(&old, u32::MAX));
    assert!(!from_zero.is_empty() && !from_last.is_empty());
    let facts = [("date", "2026-05-05"), ("cpu", "New CPU")];
    let merged = old.merge(fresh(&[(KNOWN[4], 0.0005)], &facts), KNOWN);
    assert_eq!(
        merged.runs.iter().map(|r| r.id).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(merged.fact("cpu"), "New CPU");
    assert!(parse(&merged.to_csv()).is_ok());
    // Every timing still names the run it came from, now numbered 1 and 2.
    assert_eq!(series_of(&merged, 1), from_zero);
    assert_eq!(series_of(&merged, 2), from_last);
}

#[test]
fn a_run_without_numpy_keeps_the_numpy_rows_of_their_own_run() {
    let old = parse(&sample()).expect("valid");
    let merged = old.merge(
        fresh(
            &[(KNOWN[1], 0.02), (KNOWN[2], 0.05)],
            &[("date", "2026-04-04")],
        ),
        KNOWN,
    );
    let numpy = merged.timing(&KNOWN[0]).expect("kept");
    assert_eq!((numpy.run, numpy.median_seconds), (1, 0.03));
    assert!(merged
        .run(1)
        .is_some_and(|r| r.fact("numpy") == Some("2.4.6")));
    assert_eq!(merged.run(3).and_then(|r| r.fact("numpy")), None);
}

#[test]
fn a_missing_file_reads_as_nothing_measured() {
    let path = std::env::temp_dir()
        .join(format!("no-such-results-{}.csv", std::process::id()));
    let r = Results::load(&path).expect("a missing file is no error");
    assert!(r.timings.is_empty());
    let table = r.table(&GROUP_G);
    assert_eq!(table.matches("| not measured yet | | – |").count(), 3);
    assert!(r.machine_note(&r.timings).starts_with("Not measured yet"));
}

#[test]
fn the_results_file_is_read_at_run_time_not_compiled_in() {
    // `include_str!` of the results file stopped the crate compiling without it.
    let src = crate::chapter::repo_root()
        .join("chapters-code")
        .join("src");
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("readable");
                let needle = ["include_str!(", "\"../../../results/"].concat();
                assert!(
                    !text.replace(' ', "").contains(&needle)
                        && !text.contains(
                            &["include_", "bytes!(\"../../../results"].concat()
                        ),
                    "{} compiles the results file in",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn tables_show_every_declared_row_and_mark_mixed_runs() {
    let r = parse(&sample()).expect("valid");
    let table = r.table(&GROUP_G);
    assert!(table.contains("| NumPy¹ | 30.0\u{a0}ms | 29.0–\u{2060}31.0\u{a0}ms | 1× (baseline) |"), "{table}");
    assert!(
        table.contains("| fast² | 10.0\u{a0}ms | – | **3.0×\u{a0}faster** |"),
        "{table}"
    );
    assert!(table.contains("| slow¹ | 60.0\u{a0}ms | 59.0–\u{2060}61.0\u{a0}ms | 2.0×\u{a0}slower |"), "{table}");
    let note = r.groups_note(&[&GROUP_G]);
    assert!(note.contains("in 2 runs: ¹ on 2026-01-01, on Test CPU (2 cores; SIMD: AVX2, AVX512F)"), "{note}");
    assert!(note.contains("NumPy 2.4.6; ² on 2026-02-02"), "{note}");
    // The note of the sample with `facts` (lines "# run N: key: value") added.
    let note_with = |facts: &str| {
        let text = sample().replace(HEADER, &format!("{facts}\n{HEADER}"));
        parse(&text).expect("valid").groups_note(&[&GROUP_G])
    };
    // The kernel's huge-page setting is part of the machine: chapter 2's faults depend on it.
    let note =
        note_with("# run 1: transparent hugepages: always [madvise] never");
    assert!(
        note.contains(
            "(2 cores; SIMD: AVX2, AVX512F; transparent huge pages: madvise)"
        ),
        "{note}"
    );
    // One core is "1 core"; a machine with none of the SIMD features looked for says so.
    let text = sample()
        .replace("# run 1: cores: 2", "# run 1: cores: 1")
        .replace(
            "# run 1: cpu features: avx2 avx512f",
            "# run 1: cpu features: ",
        );
    let note = parse(&text).expect("valid").groups_note(&[&GROUP_G]);
    assert!(
        note.contains("on Test CPU (1 core; SIMD: none detected)"),
        "{note}"
    );
    // What bench.sh writes where it cannot tell (nproc failed; an architecture whose
    // features `machine` does not look for): said in words, not shouted or misread.
    let text = sample()
        .replace("# run 1: cores: 2", "# run 1: cores: unknown")
        .replace(
            "# run 1: cpu features: avx2 avx512f",
            "# run 1: cpu features: unknown",
        );
    let note = parse(&text).expect("valid").groups_note(&[&GROUP_G]);
    assert!(
        note.contains("on Test CPU (cores unknown; SIMD: unknown)"),
        "{note}"
    );
    // The code measured: bench.sh records the commit.
    let note = note_with("# run 1: source commit: 0123456789ab-dirty");
    assert!(
        note.contains(
            "¹ on 2026-01-01 (source commit 0123456789ab-dirty), on Test CPU"
        ),
        "{note}"
    );
    // A second run on the same machine and software is not described twice, but keeps
    // its own date and commit.
    let note = note_with(
        "# run 2: numpy: 2.4.6\n# run 1: source commit: aaaa\n# run 2: source commit: bbbb-dirty",
    );
    assert!(
        note.contains(
            "NumPy 2.4.6; ² on 2026-02-02 (source commit bbbb-dirty), another run on the same machine and software as ¹. "
        ),
        "{note}"
    );
    // Without the slow row's timing, it is "not measured yet", not left out.
    let text = sample()
        .replace("g,rust,slow,,0.060000000000,0.059000000000,0.061000000000,0.058000000000,0.070000000000,10,1\n", "")
        .replace("# end: 5", "# end: 4");
    let table = parse(&text).expect("valid").table(&GROUP_G);
    assert!(
        table.contains("| slow | not measured yet | | – |"),
        "{table}"
    );
    // Timings from another machine are not compared.
    let text =
        sample().replace("# run 2: cpu: Test CPU", "# run 2: cpu: Other CPU");
    let table = parse(&text).expect("valid").table(&GROUP_G);
    assert!(
        table.contains("| fast² | 10.0\u{a0}ms | – | – |"),
        "{table}"
    );
}

#[test]
fn a_single_run_gets_one_sentence() {
    // Run 2's timings moved to run 1, and its facts dropped with them.
    let text: String = sample()
        .replace(",2\n", ",1\n")
        .replace(",2\ns,", ",1\ns,")
        .split_inclusive('\n')
        .filter(|line| !line.starts_with("# run 2: "))
        .collect();
    let r = parse(&text).expect("valid");
    let note = r.machine_sentence();
    assert!(
        note.starts_with("Measured by `./bench.sh` on 2026-01-01, on Test CPU"),
        "{note}"
    );
    assert!(!r.table(&GROUP_G).contains('¹'));
}

/// Runs are compared only on one machine: the same CPU, cores and CPU features
/// (MACHINE_FACTS); another date or software is no other machine.
#[test]
fn runs_are_on_one_machine_only_if_cpu_cores_and_features_agree() {
    let run = |facts: &[(&str, &str)]| Run {
        id: 1,
        facts: facts
            .iter()
            .map(|&(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    let facts = [
        ("cpu", "X"),
        ("cores", "8"),
        ("cpu features", "avx2"),
        ("date", "2026-11-27"),
        ("numpy", "2.4.6"),
    ];
    let first = run(&facts);
    let mut later = facts;
    later[3].1 = "2026-11-28";
    later[4].1 = "2.4.7";
    assert!(first.same_machine(&run(&later)));
    for (i, key) in MACHINE_FACTS.iter().enumerate() {
        assert_eq!(facts[i].0, *key);
        let mut other = facts;
        other[i].1 = "another";
        assert!(!first.same_machine(&run(&other)), "another {key}");
        assert!(!first.same_machine(&run(&facts[..i])), "no {key}");
    }
}

#[test]
fn overlapping_spreads_are_a_tie_whatever_the_medians_say() {
    let series = Series {
        group: "g",
        side: Side::Rust,
        variant: "v",
        size: None,
    };
    let timing = |median: f64, q1: f64, q3: f64| {
        super::test_timing(series, median, (q1, q3), 1)
    };
    let numpy = timing(0.0323, 0.0319, 0.0325);
    // sinc in the 2026-11-27 run: a median 1.1× faster, but an IQR that contains NumPy's.
    let noisy = Ratio::of_timings(&timing(0.0293, 0.0280, 0.0330), &numpy);
    assert!(noisy.is_tie() && noisy.faster);
    assert_eq!(noisy.emphasized(), "1.1×\u{a0}faster<br>IQRs\u{a0}overlap");
    assert_eq!(noisy.to_string(), "1.1×\u{a0}faster with overlapping IQRs");
    assert_eq!(
        noisy.than("NumPy"),
        "level with NumPy within the spread of the timings (the medians say 1.1×\u{a0}faster)"
    );
    // Separate spreads: the medians decide, and a speed-up is in bold.
    let clear = Ratio::of_timings(&timing(0.0262, 0.0258, 0.0267), &numpy);
    assert!(!clear.is_tie());
    assert_eq!(clear.emphasized(), "**1.2×\u{a0}faster**");
    // Touching quartiles overlap; a timing without a spread is compared by its median.
    assert!(
        Ratio::of_timings(&timing(0.03, 0.029, 0.0319), &numpy).within_spread
    );
    let bare = Timing {
        spread: None,
        ..timing(0.0262, 0.0, 1.0)
    };
    assert!(!Ratio::of_timings(&bare, &numpy).within_spread);
}

#[test]
fn ratios_and_durations_never_break_across_lines() {
    assert_eq!(Ratio::of(0.01, 0.03).to_string(), "3.0×\u{a0}faster");
    assert_eq!(Ratio::of(0.06, 0.03).emphasized(), "2.0×\u{a0}slower");
    // A tie is not a win: no bold until the rounded ratio says faster.
    assert_eq!(Ratio::of(0.01, 0.01).emphasized(), "1.0×\u{a0}(a\u{a0}tie)");
    assert_eq!(
        Ratio::of(0.0102, 0.01).to_string(),
        "1.0×\u{a0}(a\u{a0}tie)"
    );
    assert_eq!(Ratio::of(0.0106, 0.01).to_string(), "1.1×\u{a0}slower");
    assert_eq!(Ratio::of(0.01, 0.011).emphasized(), "**1.1×\u{a0}faster**");
    assert_eq!(Ratio::of(0.01, 0.011).cell(false), "1.1×\u{a0}faster");
    assert_eq!(Ratio::describe(None, Some(1.0), "–"), "–");
    // After "is": a tie reads "level with", never "1.0× (a tie) than".
    assert_eq!(Ratio::of(0.0102, 0.01).than("NumPy"), "level with NumPy");
    assert_eq!(
        Ratio::of(0.02, 0.01).than("NumPy"),
        "2.0×\u{a0}slower than NumPy"
    );
    assert_eq!(format_duration(2.5), "2.50\u{a0}s");
    assert_eq!(format_duration(0.0123), "12.3\u{a0}ms");
    assert_eq!(format_duration(0.0000123), "12.3\u{a0}µs");
    assert_eq!(format_duration(0.000000012000), "12\u{a0}ns");
    // Rounding up to the next unit shows the next unit.
    assert_eq!(format_duration(0.99996), "1.00\u{a0}s");
    // Seconds have no larger unit: fewer decimals instead, decided by the
    // printed value ("100.00 s" had five digits).
    assert_eq!(format_duration(12.34), "12.3\u{a0}s");
    assert_eq!(format_duration(9.996), "10.0\u{a0}s");
    assert_eq!(format_duration(99.96), "100\u{a0}s");
    assert_eq!(format_duration(123.4), "123\u{a0}s");
    assert_eq!(format_duration(9.994), "9.99\u{a0}s");
    assert_eq!(format_duration(9.9996e-4), "1.0\u{a0}ms");
    assert_eq!(format_duration(9.99996e-7), "1.0\u{a0}µs");
    assert_eq!(format_duration(0.9949), "994.9\u{a0}ms");
    // Just under a unit stays in it, as printed.
    assert_eq!(format_duration(9.5e-4), "950.0\u{a0}µs");
    assert_eq!(format_duration(9.6e-4), "960.0\u{a0}µs");
    assert_eq!(format_duration(0.995), "995.0\u{a0}ms");
    assert_eq!(format_duration(9.5e-7), "950\u{a0}ns");
    // Below a nanosecond, picoseconds (the results file holds times down to 1 ps).
    assert_eq!(format_duration(1e-10), "100\u{a0}ps");
    assert_eq!(format_duration(1e-12), "1\u{a0}ps");
    assert_eq!(format_duration(0.5e-9), "500\u{a0}ps");
    assert_eq!(format_duration(0.9996e-9), "1\u{a0}ns");
    let spread = Spread {
        q1: 9.4e-4,
        q3: 9.7e-4,
        min: 9e-4,
        max: 1e-3,
    };
    assert_eq!(
        format_spread(&spread, 9.5e-4),
        "940.0–\u{2060}970.0\u{a0}µs"
    );
    let spread = Spread {
        q1: 0.0405,
        q3: 0.0423,
        min: 0.04,
        max: 0.05,
    };
    assert_eq!(format_spread(&spread, 0.0415), "40.5–\u{2060}42.3\u{a0}ms");
}

#[test]
fn quartiles_match_pythons_inclusive_method() {
    // Python's own answers, for 32 samples, are committed edge cases
    // (tests/edge_cases/statistics.rs compares them bit for bit).
    assert_eq!(quartiles(&[1.0, 2.0, 3.0, 4.0]), Some((1.75, 2.5, 3.25)));
    assert_eq!(quartiles(&[1.0, 2.0, 3.0, 4.0, 5.0]), Some((2.0, 3.0, 4.0)));
    assert_eq!(quartiles(&[7.0]), Some((7.0, 7.0, 7.0)));
    assert_eq!(quartiles(&[]), None);
}

#[test]
fn writing_atomically_replaces_the_file_or_leaves_it_whole() {
    let dir = empty_folder("atomic-results");
    let file = dir.join("benchmarks.csv");
    std::fs::write(&file, "old").expect("writable");
    write_atomically(&file, b"new").expect("written");
    assert_eq!(std::fs::read_to_string(&file).ok().as_deref(), Some("new"));
    // A write that cannot finish (here: the target is a folder) leaves everything as it
    // was, and no temporary file behind.
    let folder = dir.join("a-folder");
    std::fs::create_dir_all(folder.join("inside")).expect("a folder");
    assert!(write_atomically(&folder, b"x").is_err());
    assert!(folder.join("inside").is_dir());
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Replacing a file through a temporary one must not reset its mode to the umask's (a
/// read-only or private results file stays so).
#[cfg(unix)]
#[test]
fn writing_atomically_keeps_the_replaced_files_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = empty_folder("atomic-permissions");
    let mode = |path: &Path| {
        std::fs::metadata(path)
            .expect("written")
            .permissions()
            .mode()
            & 0o777
    };
    for kept in [0o600, 0o444, 0o751] {
        let file = dir.join(format!("facts-{kept:o}.txt"));
        std::fs::write(&file, "old").expect("writable");
        let permissions = std::fs::Permissions::from_mode(kept);
        std::fs::set_permissions(&file, permissions).expect("chmod");
        write_atomically(&file, b"new").expect("written");
        assert_eq!(std::fs::read(&file).expect("readable"), b"new");
        assert_eq!(mode(&file), kept, "{}", file.display());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Writing through a symbolic link replaces the file it points to and keeps the link.
#[cfg(unix)]
#[test]
fn writing_atomically_through_a_link_keeps_the_link() {
    let dir = empty_folder("atomic-link");
    std::fs::create_dir_all(dir.join("real")).expect("a temporary folder");
    let target = dir.join("real").join("facts.txt");
    std::fs::write(&target, "old").expect("writable");
    let link = dir.join("facts.txt");
    std::os::unix::fs::symlink(&target, &link).expect("a link");
    write_atomically(&link, b"new").expect("written");
    let meta = std::fs::symlink_metadata(&link).expect("still there");
    assert!(
        meta.file_type().is_symlink(),
        "the link became a plain file"
    );
    assert_eq!(std::fs::read(&target).expect("readable"), b"new");
    // A link to nothing is an error naming it, and writes nothing.
    let dangling = dir.join("dangling.txt");
    std::os::unix::fs::symlink(dir.join("missing"), &dangling).expect("a link");
    let error =
        write_atomically(&dangling, b"x").expect_err("nothing to follow");
    assert!(
        error.to_string().contains("cannot follow the link"),
        "{error}"
    );
    assert!(!dir.join("missing").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn threads_writing_one_path_atomically_never_share_a_temporary_file() {
    let dir = empty_folder("atomic-threads");
    let file = dir.join("plan.txt");
    // Each thread writes a long text of its own letter: with a shared temporary name, two
    // writers could interleave and the rename would publish a mix (or fail).
    let texts: Vec<Vec<u8>> =
        (b'a'..=b'h').map(|letter| vec![letter; 1 << 16]).collect();
    std::thread::scope(|scope| {
        for text in &texts {
            let file = &file;
            scope.spawn(move || {
                for _ in 0..10 {
                    write_atomically(file, text).expect("written");
                }
            });
        }
    });
    let last = std::fs::read(&file).expect("the file is there");
    assert!(texts.contains(&last), "a mix of writers' texts");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "temporary files left behind: {left:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn collect_reads_criterion_samples_python_timings_and_facts() {
    let dir = run_folder("test", MACHINE, GOOD_PYTHON);
    // Four samples of 2, 2, 4 and 4 calls: 10, 12, 14 and 16 ms per call.
    write_criterion_sample(
        &dir,
        "life",
        "iterate",
        r#"{"sampling_mode": "Linear", "iters": [2.0, 2.0, 4.0, 4.0], "times": [2e7, 2.4e7, 5.6e7, 6.4e7]}"#,
    );
    let results = Results::collect(&dir).expect("collects");
    assert_eq!(results.runs[0].fact("cores"), Some("2"));
    let iterate = results
        .timing_of(&crate::benchmarks::life::ITERATE, Side::Rust)
        .expect("measured");
    assert!((iterate.median_seconds - 0.013).abs() < 1e-12);
    let spread = iterate.spread.expect("spread");
    assert!(
        (spread.q1 - 0.0115).abs() < 1e-12
            && (spread.max - 0.016).abs() < 1e-12
    );
    assert_eq!(iterate.samples, Some(4));
    assert_eq!(
        results.get("life", "python", "numpy_iterate_uint8"),
        Some(0.03)
    );
    assert_eq!(results.timings.len(), 2);

    // A benchmark the registry does not declare is an error, not a silent row.
    let one = r#"{"iters": [1.0], "times": [1.0]}"#;
    write_criterion_sample(&dir, "life", "nope", one);
    let err = Results::collect(&dir).expect_err("undeclared").to_string();
    assert!(err.contains("life/nope on side rust"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(Results::collect(&dir).is_err()); // no machine.txt
}

/// A `machine.txt` with the facts every run must state ([`MACHINE_FACTS`]).
const MACHINE: &str = "cpu: Test CPU\ncores: 2\ncpu features: avx2\n";

#[test]
fn collect_refuses_a_run_without_the_facts_that_tell_machines_apart() {
    for (name, machine, missing) in [
        ("empty", "", "no \"cpu\", \"cores\", \"cpu features\" fact"),
        (
            "date",
            "date: 2030-01-01\n",
            "no \"cpu\", \"cores\", \"cpu features\" fact",
        ),
        ("features", "cpu: A\ncores: 2\n", "no \"cpu features\" fact"),
    ] {
        let err = collect_error(name, machine, GOOD_PYTHON);
        assert!(
            err.contains("machine.txt: ") && err.contains(missing),
            "{name}: {err}"
        );
    }
    // An empty value is still a fact, as ./bench.sh may write it.
    let dir =
        run_folder("stated", "cpu: \ncores: 2\ncpu features: \n", GOOD_PYTHON);
    assert!(Results::collect(&dir).is_ok());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn collect_names_the_file_of_a_time_the_results_file_cannot_hold() {
    // Criterion: a sample of 0 ns, a negative one, one of a femtosecond per call.
    for (name, times) in [
        ("zero", "[0, 2e7, 4e7]"),
        ("negative", "[-3e7, 2e7, 4e7]"),
        ("femto", "[1e-6, 1e-6, 1e-6]"),
    ] {
        let dir = run_folder(name, MACHINE, GOOD_PYTHON);
        let sample =
            format!(r#"{{"iters": [1.0, 1.0, 1.0], "times": {times}}}"#);
        write_criterion_sample(&dir, "life", "iterate", &sample);
        let err = Results::collect(&dir).expect_err(name).to_string();
        assert!(
            err.contains("iterate/new: sample.json: a sample of")
                && err.contains("1e-12 s and up"),
            "{name}: {err}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
    // NumPy: a median below a picosecond (written, it would read 0.000000000000).
    let tiny = GOOD_PYTHON.replace(",0.03,0.029,", ",0.03,1e-13,");
    let err = collect_error("tiny", MACHINE, &tiny);
    assert!(
        err.contains("python.csv: line 2:")
            && err.contains("\"1e-13\" is not a positive time"),
        "{err}"
    );
}

/// A run folder with one good Python timing and the given `machine.txt`.
/// The error `Results::collect` gives for a run folder of `machine` facts and `python`
/// timings ([`run_folder`]), which it then removes.
/// A new, empty folder for one test, named after it, this process and a count: tests run
/// in parallel, and two that chose the same name ("twice" was used by two) would share it.
fn empty_folder(name: &str) -> std::path::PathBuf {
    static MADE: std::sync::atomic::AtomicUsize =
        std::sync::atomic::AtomicUsize::new(0);
    let n = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir =
        std::env::temp_dir().join(format!("{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

fn collect_error(name: &str, machine: &str, python: &str) -> String {
    let dir = run_folder(name, machine, python);
    let err = Results::collect(&dir).expect_err(name).to_string();
    let _ = std::fs::remove_dir_all(&dir);
    err
}

fn run_folder(name: &str, machine: &str, python: &str) -> std::path::PathBuf {
    let dir = empty_folder(&format!("collect-{name}"));
    std::fs::write(dir.join("machine.txt"), machine).expect("writable");
    std::fs::write(
        dir.join("python.csv"),
        format!(
            "{PYTHON_HEADER}
{python}"
        ),
    )
    .expect("writable");
    dir
}

/// Writes one criterion benchmark into a run folder, as criterion leaves it:
/// `criterion-rust/GROUP/FUNCTION/new/` with its `benchmark.json` and the
/// given `sample.json`.
fn write_criterion_sample(
    dir: &Path,
    group: &str,
    function: &str,
    sample: &str,
) {
    let new = dir
        .join("criterion-rust")
        .join(group)
        .join(function)
        .join("new");
    std::fs::create_dir_all(&new).expect("a folder");
    let id = format!(
        r#"{{"group_id": "{group}", "function_id": "{function}", "value_str": null}}"#
    );
    std::fs::write(new.join("benchmark.json"), id).expect("writable");
    std::fs::write(new.join("sample.json"), sample).expect("writable");
}

const GOOD_PYTHON: &str =
    "life,numpy_iterate_uint8,,0.03,0.029,0.031,0.028,0.04,30\n";

#[test]
fn collect_names_the_machine_txt_line_that_is_not_a_fact() {
    // Blank lines are allowed; the facts around them are kept.
    let dir = run_folder(
        "blank",
        "cpu: Test CPU\n\ncores: 2\ncpu features: avx2\n",
        GOOD_PYTHON,
    );
    let results = Results::collect(&dir).expect("collects");
    assert_eq!(results.runs[0].fact("cpu"), Some("Test CPU"));
    assert_eq!(results.runs[0].fact("cores"), Some("2"));
    let _ = std::fs::remove_dir_all(&dir);

    let dir = run_folder("nofact", "cpu: Test CPU\ncores 2\n", GOOD_PYTHON);
    let err = Results::collect(&dir)
        .expect_err("a line without ': '")
        .to_string();
    assert!(
        err.contains("machine.txt: line 2:") && err.contains("\"cores 2\""),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);

    let err = collect_error("twice", "cpu: A\ncores: 2\ncpu: B\n", GOOD_PYTHON);
    assert!(
        err.contains("machine.txt: line 3: a second \"cpu\""),
        "{err}"
    );
}

#[test]
fn parse_refuses_a_fact_stated_twice_and_names_any_lone_cr_line_end() {
    let text = sample();
    let first_fact = text
        .lines()
        .find(|l| l.starts_with("# run "))
        .expect("a fact");
    let twice =
        text.replacen(first_fact, &format!("{first_fact}\n{first_fact}"), 1);
    let err = parse(&twice).expect_err("twice").to_string();
    assert!(err.contains("a second time"), "{err}");

    // Lone CR line ends: the short message naming the line, whether the file ends
    // in the CR, in a final LF, or is a CRLF file with one lone CR on line 3.
    let lone = text.replace('\n', "\r");
    let crlf = text.replace('\n', "\r\n");
    let third_end = crlf
        .match_indices("\r\n")
        .nth(2)
        .map(|(at, _)| at)
        .expect("three lines");
    let mixed = format!("{}\r{}", &crlf[..third_end], &crlf[third_end + 2..]);
    for (what, file, line) in [
        ("lone CRs", lone.clone(), 1),
        ("lone CRs, then an LF", format!("{lone}\n"), 1),
        ("one lone CR in CRLF", mixed, 3),
    ] {
        let err = parse(&file).expect_err(what).to_string();
        assert!(
            err.starts_with(&format!("line {line}: a lone CR (\\r)")),
            "{what}: {err}"
        );
        assert!(err.len() < 200, "the message quotes no whole file: {err}");
    }
    // CRLF alone is read, and a CRLF file cut after its last CR is cut short.
    assert_eq!(parse(&crlf).expect("CRLF reads").to_csv(), text);
    let err = parse(crlf.trim_end_matches('\n'))
        .expect_err("cut")
        .to_string();
    assert!(err.contains("the file is truncated"), "{err}");

    let cut = text.trim_end_matches('\n');
    let err = parse(cut).expect_err("cut").to_string();
    assert!(err.contains("the file is truncated"), "{err}");
    assert!(err.len() < 200, "{err}");
}

/// machine.txt and python.csv name a lone CR's line too: read with `lines()`, a
/// machine.txt of lone CRs was one fact whose value swallowed the others.
#[test]
fn collect_names_the_line_of_a_lone_cr_in_machine_txt_and_python_csv() {
    let lone = |err: &str, file: &str, line: usize| {
        err.contains(&format!("{file}: line {line}: a lone CR (\\r)"))
            && err.len() < 300
    };
    for (name, machine, line) in [
        ("cr", "cpu: A\rcores: 2\r", 1),
        ("cr-lf", "cpu: A\rcores: 2\r\n", 1),
        ("crlf-cr", "date: today\r\ncpu: A\rcores: 2\r\n", 2),
        // A CR that ends the file: no truncation check would catch it, and the
        // last fact's value would end in '\r'.
        ("final-cr", "date: today\ncores: 2\r", 2),
    ] {
        let err = collect_error(name, machine, GOOD_PYTHON);
        assert!(lone(&err, "machine.txt", line), "{name}: {err}");
    }
    let row = GOOD_PYTHON.trim_end();
    for (name, python, line) in [
        ("py-cr", format!("{row}\r{row}\r"), 2),
        ("py-cr-lf", format!("{row}\r{row}\n"), 2),
        ("py-crlf-cr", format!("{row}\r\n{row}\r{row}\r\n"), 3),
        ("py-final-cr", format!("{row}\n{row}\r"), 3),
    ] {
        let err = collect_error(name, MACHINE, &python);
        assert!(lone(&err, "python.csv", line), "{name}: {err}");
    }
}

#[test]
fn collect_names_the_python_csv_line_of_a_bad_spread_or_a_second_timing() {
    // q1 (0.032) above the median (0.03).
    let dir = run_folder(
        "order",
        MACHINE,
        "life,numpy_iterate_uint8,,0.03,0.032,0.033,0.028,0.04,30\n",
    );
    let err = Results::collect(&dir)
        .expect_err("out of order")
        .to_string();
    assert!(
        err.contains("python.csv: line 2:") && err.contains("min <= q1"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);

    let dir =
        run_folder("twice", MACHINE, &format!("{GOOD_PYTHON}{GOOD_PYTHON}"));
    let err = Results::collect(&dir)
        .expect_err("a second timing")
        .to_string();
    assert!(
        err.contains("python.csv: line 3:")
            && err.contains("a second timing of life/numpy_iterate_uint8"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A python.csv line naming a workload the registry does not declare: the error named
/// neither the file nor the line (review G), as the other refusals of the file do.
#[test]
fn collect_names_the_python_csv_line_of_an_undeclared_workload() {
    let undeclared = GOOD_PYTHON.replace("numpy_iterate_uint8", "nope");
    let err = collect_error("undeclared", MACHINE, &undeclared);
    assert!(
        err.contains("python.csv: line 2:") && err.contains("life/nope"),
        "{err}"
    );
}

#[test]
fn collect_reads_crlf_python_lines_and_refuses_zero_samples_on_their_line() {
    let crlf = GOOD_PYTHON.replace('\n', "\r\n") + "\r\n";
    let dir = run_folder("crlf", MACHINE, &crlf);
    let results = Results::collect(&dir).expect("CRLF and a blank line read");
    assert_eq!(results.timings.len(), 1);
    assert_eq!(results.timings[0].samples, Some(30));
    let _ = std::fs::remove_dir_all(&dir);

    let zero = GOOD_PYTHON.replace(",30\n", ",0\n");
    let err = collect_error("zero", MACHINE, &zero);
    assert!(
        err.contains("python.csv: line 2:")
            && err.contains("samples \"0\" is not a positive whole number"),
        "{err}"
    );
}

#[test]
fn collect_fails_on_criterion_output_it_cannot_read() {
    // A side's folder that is missing was not measured: fine.
    let dir = run_folder("absent", MACHINE, GOOD_PYTHON);
    assert_eq!(Results::collect(&dir).expect("collects").timings.len(), 1);
    // One that is there but cannot be read (here: a file, not a folder) is an error, not
    // a side dropped without a word.
    std::fs::write(dir.join("criterion-rust"), "").expect("writable");
    let err = Results::collect(&dir).expect_err("unreadable").to_string();
    assert!(
        err.contains("cannot read") && err.contains("criterion-rust"),
        "{err}"
    );
    std::fs::remove_file(dir.join("criterion-rust")).expect("removable");
    // So is a benchmark.json that cannot be read (here: a folder).
    let new = dir
        .join("criterion-rust")
        .join("life")
        .join("iterate")
        .join("new");
    std::fs::create_dir_all(new.join("benchmark.json")).expect("a folder");
    std::fs::write(
        new.join("sample.json"),
        r#"{"iters": [1.0], "times": [1.0]}"#,
    )
    .expect("writable");
    let err = Results::collect(&dir).expect_err("unreadable").to_string();
    assert!(err.contains("benchmark.json"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_committed_results_read_cleanly() {
    let results = Results::committed().expect("results/benchmarks.csv reads");
    // Declared workloads may lack a timing ("not measured yet"); every timing is of a
    // declared workload (checked when the file is read).
    for timing in &results.timings {
        assert!(results.run_of(timing).is_some());
    }
    // In the form `./bench.sh` writes (so that its next partial run changes only what it
    // measures).
    let path = crate::chapter::repo_root().join(BENCHMARKS_PATH);
    if let Ok(text) = std::fs::read_to_string(path) {
        assert_eq!(results.to_csv(), text);
    }
}

#[test]
fn facts_the_file_cannot_hold_are_refused_and_errors_name_lines_not_files() {
    let known = measured_series();
    let results = Results::committed().expect("the committed results");
    assert!(results.to_checked_csv(&known).is_ok());
    let id = results.runs[0].id;
    let with = |fact: (&str, &str)| {
        let mut changed = results.clone();
        changed.runs[0].facts.push((fact.0.into(), fact.1.into()));
        changed
            .to_checked_csv(&known)
            .map(|_| ())
            .unwrap_err()
            .to_string()
    };
    let key = with(("a: b", "c"));
    assert!(key.contains(&format!("run {id}'s fact \"a: b\"")), "{key}");
    let value = with(("cpu", "line1\nline2"));
    assert!(value.contains("do not read back: line"), "{value}");
    // Text has no file name: the caller (load, collect) adds the path.
    let error = Results::parse("# x\nnot a header\n")
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("line 2: "), "{error}");
}

/// The machine notes read facts that `./bench.sh` must write under these names.
#[test]
fn bench_sh_records_the_facts_the_notes_read() {
    super::assert_bench_sh_records(&[
        "source commit",
        "transparent hugepages",
        "date",
        "cpu",
        "cores",
        "rustc",
    ]);
}

/// A file that is not UTF-8, or starts with a byte-order mark, is an error naming its file
/// and line: `read_to_string` said only "stream did not contain valid UTF-8", and a BOM
/// made the first line an unexplained "expected the header".
#[test]
fn non_utf8_bytes_and_a_byte_order_mark_are_errors_naming_the_line() {
    let dir = empty_folder("utf8");
    let file = dir.join("benchmarks.csv");
    let mut bytes = sample().into_bytes();
    let third_line = 1 + bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .nth(1)
        .map(|(at, _)| at)
        .expect("three lines");
    bytes.insert(third_line + 4, 0xff);
    std::fs::write(&file, &bytes).expect("writable");
    let err = Results::load(&file).expect_err("not UTF-8").to_string();
    assert_eq!(
        err,
        format!(
            "{}: line 3: byte 5 of the line (0xff) is not UTF-8: save the file as UTF-8",
            file.display()
        )
    );
    let _ = std::fs::remove_dir_all(&dir);

    let bom = "the file starts with a byte-order mark (U+FEFF)";
    let err = error_of(&format!("\u{feff}{}", sample()));
    assert!(err.starts_with(&format!("line 1: {bom}")), "{err}");
    let with_bom = format!("\u{feff}{MACHINE}");
    let err = collect_error("bom-machine", &with_bom, GOOD_PYTHON);
    assert!(
        err.contains(&format!("machine.txt: line 1: {bom}")),
        "{err}"
    );
    let dir = run_folder("bom-python", MACHINE, GOOD_PYTHON);
    let python = dir.join("python.csv");
    let text = std::fs::read_to_string(&python).expect("written");
    std::fs::write(&python, format!("\u{feff}{text}")).expect("writable");
    let err = Results::collect(&dir).expect_err("a BOM").to_string();
    assert!(err.contains(&format!("python.csv: line 1: {bom}")), "{err}");
    let mut bytes = text.into_bytes();
    bytes.push(0xc3); // a two-byte character cut after its first byte
    std::fs::write(&python, &bytes).expect("writable");
    let err = Results::collect(&dir).expect_err("not UTF-8").to_string();
    assert!(
        err.contains(
            "python.csv: line 3: byte 1 of the line (0xc3) is not UTF-8"
        ),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A second timing of a sweep point names its size: "a second timing of s/rust/fast" did
/// not say which of the sweep's lines was doubled.
#[test]
fn a_second_timing_of_a_sweep_point_names_its_size() {
    let text = sample();
    let row = text
        .lines()
        .find(|line| line.starts_with("s,rust,fast,10,"))
        .expect("a sweep row");
    let doubled = text.replace(&format!("{row}\n"), &format!("{row}\n{row}\n"));
    let err = error_of(&doubled);
    assert!(
        err.starts_with("line 18: a second timing of s/rust/fast/10"),
        "{err}"
    );
}

/// A count too large for the file is said to be too large, not "not a positive whole
/// number", which it is: the results file's samples and size, python.csv's samples and size
/// and criterion's size said so of 4294967296 samples or a size of 2^64.
#[test]
fn a_count_too_large_for_the_file_is_said_to_be_too_large() {
    let text = sample();
    let row = "g,rust,slow,,0.060000000000,0.059000000000,0.061000000000,0.058000000000,0.070000000000,10,1";
    for (field, value, max) in [
        ("samples", "4294967296", "4294967295"),
        (
            "samples",
            "99999999999999999999999999999999999999999",
            "4294967295",
        ),
    ] {
        let err = error_of(
            &text.replace(row, &row.replace(",10,1", &format!(",{value},1"))),
        );
        assert_eq!(
            err,
            format!(
                "line 15: {field} \"{value}\" is larger than the file can hold (at most {max})"
            )
        );
    }
    let sweep = "s,rust,fast,10,";
    let err =
        error_of(&text.replace(sweep, "s,rust,fast,18446744073709551616,"));
    assert!(
        err.starts_with(
            "line 17: size \"18446744073709551616\" is larger than the file can hold \
             (at most 18446744073709551615)"
        ),
        "{err}"
    );
    for (wrong, why) in [
        ("0", "not a positive"),
        ("-1", "not a positive"),
        ("x", "not a positive"),
    ] {
        let err = error_of(
            &text.replace(row, &row.replace(",10,1", &format!(",{wrong},1"))),
        );
        assert!(err.contains(why), "{wrong}: {err}");
    }
    let python = GOOD_PYTHON.replace(",30\n", ",4294967296\n");
    let err = collect_error("huge-samples", MACHINE, &python);
    assert!(
        err.contains("python.csv: line 2: samples \"4294967296\" is larger than the file can hold"),
        "{err}"
    );
}

/// The latest run is the one with the largest number, wherever the file lists its facts:
/// [`Results::fact`] took the last run in the file's order, so a hand-edited file with
/// run 2's facts above run 1's gave run 1's facts as the latest.
#[test]
fn the_latest_run_is_the_largest_number_whatever_the_order_of_the_facts() {
    let text = sample();
    let run1: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("# run 1: "))
        .collect();
    let swapped = text
        .lines()
        .filter(|l| !l.starts_with("# run 1: "))
        .flat_map(|l| {
            let mut out = vec![l];
            if l.starts_with("# run 2: cpu features") {
                out.extend(&run1);
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    assert!(swapped.find("# run 2: ") < swapped.find("# run 1: "));
    let mut results = parse(&swapped).expect("reads");
    assert_eq!(results.fact("date"), "2026-02-02");
    // Built by hand in another order (the field is public), run 2 is still the latest.
    results.runs.reverse();
    assert_eq!(results.fact("date"), "2026-02-02");
    results.runs.reverse();
    assert_eq!(
        results.runs.iter().map(|r| r.id).collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(results.to_csv(), text, "written back by run number");
}

/// A fact's value is read without the spaces around it (`cpu:   Test CPU  `), so that two
/// runs of one machine name the same CPU whatever the spacing of `machine.txt`.
#[test]
fn collect_trims_the_spaces_around_a_facts_value() {
    let spaced = "cpu:   Test CPU  \ncores: 2 \ncpu features:  avx2\n";
    let dir = run_folder("spaced", spaced, GOOD_PYTHON);
    let results = Results::collect(&dir).expect("collects");
    let run = &results.runs[0];
    assert_eq!(run.fact("cpu"), Some("Test CPU"));
    assert_eq!(run.fact("cores"), Some("2"));
    assert_eq!(run.fact("cpu features"), Some("avx2"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `get` names one timing of the default size: a sweep's point of the same group and
/// variant (its size named) is another series, never its answer.
#[test]
fn get_skips_the_points_of_a_size_sweep() {
    let timing = |size, median_seconds| Timing {
        series: Series {
            group: "reciprocals",
            side: Side::Rust,
            variant: "reciprocals",
            size,
        },
        median_seconds,
        spread: None,
        samples: Some(10),
        run: 1,
    };
    let mut results = Results {
        runs: vec![Run {
            id: 1,
            facts: vec![("cpu".into(), "X".into())],
        }],
        timings: vec![timing(Some(10), 1e-8)],
    };
    assert_eq!(results.get("reciprocals", "rust", "reciprocals"), None);
    results.timings.push(timing(None, 0.04));
    assert_eq!(
        results.get("reciprocals", "rust", "reciprocals"),
        Some(0.04)
    );
}

#[test]
fn large_ratios_group_their_thousands_as_sizes_do() {
    // A tiny sweep point against NumPy's fixed cost, or a 1 ns timing against 100 s.
    assert_eq!(Ratio::of(1e-9, 1.25e-6).to_string(), "1,250.0×\u{a0}faster");
    assert_eq!(
        Ratio::of(100.0, 1e-9).to_string(),
        "100,000,000,000.0×\u{a0}slower"
    );
    assert_eq!(Ratio::of(9.995e-4, 1e-6).by_medians(), "999.5×\u{a0}slower");
    assert_eq!(
        Ratio::of(1e-6, 9.9996e-4).by_medians(),
        "1,000.0×\u{a0}faster"
    );
    assert_eq!(Ratio::of(1.0, 2.5).to_string(), "2.5×\u{a0}faster");
}
