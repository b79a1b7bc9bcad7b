//! The book's timing tables, built from the results: one formatter for durations, one for
//! spreads, one for ratios, and the note that says which machine and date each table's
//! numbers come from.
//!
//! Numbers keep their units and ratios their words on one line: the space inside
//! "41.5 ms" and "1.5× faster" is a no-break space (U+00A0), and a range's dash is followed
//! by a word joiner (U+2060).

use std::fmt::{self, Write as _};

use super::{Results, Run, Spread, Timing};
use crate::benchmarks::{Group, Row, Side, Workload};
use crate::error::Result;

/// What a table shows for a declared workload that has no timing yet.
pub const NOT_MEASURED: &str = "not measured yet";

/// The no-break space between a number and its unit, or a ratio and its word.
pub const NBSP: char = '\u{a0}';

/// How one time compares with a reference time: "2.5× faster" or "1.3× slower", or a tie
/// when the two are the same to one decimal or their spreads overlap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ratio {
    /// How many times faster or slower, at least 1.
    pub factor: f64,
    /// Takes no more time than the reference.
    pub faster: bool,
    /// The two interquartile ranges overlap: the middle halves of the two sets of samples
    /// do not separate the times, whatever their medians say.
    pub within_spread: bool,
}

impl Ratio {
    /// How `seconds` compares with `reference` (medians alone, no spread). Both are
    /// positive and finite, as every time the results file holds (its parser refuses
    /// others); a zero gives an infinite or NaN factor.
    pub fn of(seconds: f64, reference: f64) -> Ratio {
        let (factor, faster) = if seconds <= reference {
            (reference / seconds, true)
        } else {
            (seconds / reference, false)
        };
        Ratio {
            factor,
            faster,
            within_spread: false,
        }
    }

    /// How `timing` compares with `reference`: their medians, and whether their
    /// interquartile ranges overlap (when both runs recorded them).
    pub fn of_timings(timing: &Timing, reference: &Timing) -> Ratio {
        let within_spread = match (timing.spread, reference.spread) {
            (Some(a), Some(b)) => a.q1 <= b.q3 && b.q1 <= a.q3,
            _ => false,
        };
        Ratio {
            within_spread,
            ..Ratio::of(timing.median_seconds, reference.median_seconds)
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

    /// "2.0× slower than `what`", or "level with `what`" for a tie (never "1.0× (a tie)
    /// than"): a phrase that follows "is". A tie of overlapping spreads says so, with what
    /// the medians alone would say.
    pub fn than(&self, what: &str) -> String {
        if self.same_to_one_decimal() {
            format!("level with {what}")
        } else if self.within_spread {
            format!(
                "level with {what} within the spread of the timings (the medians say {})",
                self.by_medians()
            )
        } else {
            format!("{self} than {what}")
        }
    }

    /// Whether the measurements do not tell the two times apart: the same to the one
    /// decimal the book shows ("1.0×"), or overlapping interquartile ranges.
    pub fn is_tie(&self) -> bool {
        self.same_to_one_decimal() || self.within_spread
    }

    /// The factor prints as 1.0: a tie whatever the spreads say.
    pub(crate) fn same_to_one_decimal(&self) -> bool {
        format!("{:.1}", self.factor) == "1.0"
    }

    /// What the medians alone say: "1.1× faster", with thousands separators as the
    /// book's sizes have them ("1,250.0× faster", not "1250.0×").
    pub fn by_medians(&self) -> String {
        let how = if self.faster { "faster" } else { "slower" };
        let factor = format!("{:.1}", self.factor);
        // A finite factor of at least 1 prints as digits, a point and one decimal.
        let factor = match factor.split_once('.') {
            Some((whole, tenths)) => match whole.parse::<u64>() {
                Ok(whole) => format!("{}.{tenths}", format_size(whole)),
                Err(_) => factor,
            },
            None => factor,
        };
        format!("{factor}×{NBSP}{how}")
    }

    /// The ratio for a table cell: in bold when it is a speed-up; a tie of overlapping
    /// spreads on a line of its own ("1.1× faster<br>IQRs overlap"), so cells stay narrow.
    pub fn emphasized(&self) -> String {
        self.cell(true)
    }

    /// The ratio for a table cell, as [`Ratio::emphasized`] but in bold only if `bold`
    /// (a NumPy row faster than NumPy's baseline is no win for the Rust code).
    pub fn cell(&self, bold: bool) -> String {
        // A tie is not a win: no bold.
        if bold && self.faster && !self.is_tie() {
            format!("**{self}**")
        } else if self.within_spread && !self.same_to_one_decimal() {
            format!("{}<br>IQRs{NBSP}overlap", self.by_medians())
        } else {
            self.to_string()
        }
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.same_to_one_decimal() {
            return write!(f, "1.0×{NBSP}(a{NBSP}tie)");
        }
        write!(f, "{}", self.by_medians())?;
        if self.within_spread {
            write!(f, " with overlapping IQRs")?;
        }
        Ok(())
    }
}

/// The unit a duration is shown in: (seconds per unit, decimals, unit). It is the largest
/// unit the value reaches, unless the value printed in it would read 1000 or more (0.99996 s
/// in milliseconds is "1000.0"): then the next one up, "1.00 s". Seconds keep about three
/// digits too: "12.3 s", "123 s".
fn unit(seconds: f64) -> (f64, usize, &'static str) {
    // Down to picoseconds: the results file holds times down to 1 ps, and a
    // chart's log axis can reach below a nanosecond ("0 ns" said nothing).
    const UNITS: [(f64, usize, &str); 5] = [
        (1.0, 2, "s"),
        (1e-3, 1, "ms"),
        (1e-6, 1, "µs"),
        (1e-9, 0, "ns"),
        (1e-12, 0, "ps"),
    ];
    let natural = UNITS
        .iter()
        .position(|&(scale, _, _)| seconds >= scale)
        .unwrap_or(UNITS.len() - 1);
    let (scale, decimals, _) = UNITS[natural];
    // Rounded as `format!` rounds, so that the choice and the printed digits agree.
    let printed: f64 = format!("{:.decimals$}", seconds / scale)
        .parse()
        .unwrap_or(0.0);
    let chosen = if printed >= 1000.0 && natural > 0 {
        UNITS[natural - 1]
    } else {
        UNITS[natural]
    };
    match chosen {
        // Seconds have no larger unit to move to: fewer decimals keep about
        // three digits ("12.3 s", "123 s", not "100.00 s"), chosen from the
        // printed value so that 9.996 s reads "10.0 s".
        (1.0, _, name) => {
            let decimals = (0..=2)
                .rev()
                .find(|&decimals| {
                    let printed: f64 =
                        format!("{seconds:.decimals$}").parse().unwrap_or(0.0);
                    printed < 10f64.powi(3 - decimals as i32)
                })
                .unwrap_or(0);
            (1.0, decimals, name)
        }
        other => other,
    }
}

/// Formats a duration in seconds with a unit that keeps about three significant digits:
/// `41.5 ms`, with a no-break space. For a positive, finite duration, as the results file
/// holds (its parser refuses any other): NaN, negative or enormous values print as they
/// are, in picoseconds or seconds, and mean nothing.
pub fn format_duration(seconds: f64) -> String {
    let (scale, decimals, name) = unit(seconds);
    format!("{:.decimals$}{NBSP}{name}", seconds / scale)
}

/// Formats the interquartile range of a timing in the unit of its median:
/// `40.9–42.3 ms`, which never breaks across lines. For positive, finite times, like
/// [`format_duration`].
pub fn format_spread(spread: &Spread, median: f64) -> String {
    let (scale, decimals, name) = unit(median);
    format!(
        "{:.decimals$}–\u{2060}{:.decimals$}{NBSP}{name}",
        spread.q1 / scale,
        spread.q3 / scale
    )
}

/// `10` to the power `exponent`, written with a superscript: "10⁵", "10⁻³" ("1" and "10"
/// for the first two).
pub fn power_of_ten(exponent: i32) -> String {
    const DIGITS: [char; 10] =
        ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    match exponent {
        0 => "1".into(),
        1 => "10".into(),
        _ => {
            let superscript: String = exponent
                .to_string()
                .chars()
                .map(|c| c.to_digit(10).map_or('⁻', |d| DIGITS[d as usize]))
                .collect();
            format!("10{superscript}")
        }
    }
}

/// A size on an axis: `10`, `1,000`, `9,999,999`, and `10⁵` for a large power of ten. For
/// a size from 0 to `u64::MAX`: others are clamped to that range (NaN reads 0).
pub fn format_count(value: f64) -> String {
    let exponent = value.log10().round();
    let power = 10f64.powf(exponent);
    if value >= 1e5 && (value - power).abs() < 1e-9 * power {
        return power_of_ten(exponent as i32);
    }
    format_size(value.round() as u64)
}

/// A size with thousands separators: `9,999,999`.
pub fn format_size(n: u64) -> String {
    let text = n.to_string();
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i > 0 && (text.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Superscript markers for the runs of a table that mixes several.
const MARKERS: [&str; 9] = ["¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"];

fn marker(index: usize) -> String {
    MARKERS
        .get(index)
        .map(|m| m.to_string())
        .unwrap_or_else(|| format!("<sup>{}</sup>", index + 1))
}

/// The markers of the runs behind a table that mixes several (¹, ², … in the order
/// [`Results::machine_note`] lists the runs): a table built from one run marks nothing.
#[derive(Debug, Clone, Default)]
pub struct RunMarkers {
    runs: Vec<u32>,
}

impl RunMarkers {
    /// The marker of the run that measured `timing`: "" when the table has one run.
    pub fn of(&self, timing: &Timing) -> String {
        match self.runs.iter().position(|&id| id == timing.run) {
            Some(i) if self.runs.len() > 1 => marker(i),
            _ => String::new(),
        }
    }
}

impl Results {
    /// The markers for a table of `timings`, matching the note
    /// [`Results::machine_note`] writes for the same timings.
    pub fn run_markers<'a>(
        &'a self,
        timings: impl IntoIterator<Item = &'a Timing>,
    ) -> RunMarkers {
        RunMarkers {
            runs: self.runs_of(timings).iter().map(|run| run.id).collect(),
        }
    }

    /// The timing table of a benchmark group, its rows as the registry declares them.
    pub fn table(&self, group: &Group) -> String {
        // A row the group's summary compares with another NumPy row (a stable sort with
        // NumPy's stable sort) is compared with that row here too, like for like.
        // (A row the summary also compares with the baseline keeps the baseline.)
        let against = |row: &Row| {
            let mut lines = group
                .summary
                .iter()
                .filter(|line| line.rust == row.workload);
            if lines.clone().any(|line| line.against.is_none()) {
                return None;
            }
            lines.next().map(|line| group.against(line))
        };
        self.rows_table(&group.baseline, &group.rows(), &against)
    }

    /// A markdown table of `rows`, each with its median, its interquartile range and its
    /// speed relative to `baseline` (measured by Python). A declared row without a timing
    /// says "not measured yet". When the rows come from several runs, each label gets the
    /// run's marker, and a ratio is given only between runs on the same machine.
    pub fn markdown_table(&self, baseline: &Workload, rows: &[Row]) -> String {
        self.rows_table(baseline, rows, &|_| None)
    }

    /// [`Results::markdown_table`], where `against` may name another NumPy workload for a
    /// row: its ratio is then to that workload, and the cell names it.
    fn rows_table(
        &self,
        baseline: &Workload,
        rows: &[Row],
        against: &dyn Fn(&Row) -> Option<Workload>,
    ) -> String {
        let base = self.timing_of(baseline, Side::Python);
        let timings: Vec<Option<&Timing>> = rows
            .iter()
            .map(|row| self.timing_of(&row.workload, row.side))
            .collect();
        let runs = self.runs_of(timings.iter().flatten().copied());
        // The last column names the library the baseline row measures: SciPy for convolution.
        let baseline_library = baseline.library();
        let mut out = format!(
            "| Variant | Median | IQR | Relative to {baseline_library} |\n| --- | ---: | ---: | ---: |\n",
        );
        for (row, timing) in rows.iter().zip(&timings) {
            let mut label = row.label.to_string();
            if runs.len() > 1 {
                if let Some(i) =
                    timing.and_then(|t| runs.iter().position(|r| r.id == t.run))
                {
                    label += &marker(i);
                }
            }
            let Some(timing) = timing else {
                let _ = writeln!(out, "| {label} | {NOT_MEASURED} | | – |");
                continue;
            };
            let is_baseline =
                row.side == Side::Python && row.workload == *baseline;
            let other = against(row).filter(|w| w != baseline);
            let reference = match other {
                Some(w) => self.timing_of(&w, Side::Python),
                None => base,
            };
            let not_compared = crate::benchmarks::NOT_COMPARED
                .iter()
                .find(|(w, _)| *w == row.workload && row.side != Side::Python);
            let relative = if is_baseline {
                "1× (baseline)".to_string()
            } else if let Some((_, cell)) = not_compared {
                cell.to_string()
            } else {
                let ratio = self
                    .compare(timing, reference)
                    .map(|r| r.cell(row.side != Side::Python))
                    .unwrap_or_else(|| "–".into());
                match other.and_then(|w| w.label(Side::Python)) {
                    Some(name) => format!("{ratio}<br>against {name}"),
                    None => ratio,
                }
            };
            let _ = writeln!(
                out,
                "| {label} | {} | {} | {relative} |",
                format_duration(timing.median_seconds),
                spread_cell(timing)
            );
        }
        out
    }

    /// How `timing` compares with `reference`, if both were measured on the same machine: their
    /// medians, and whether their interquartile ranges overlap ([`Ratio::of_timings`]).
    pub fn compare(
        &self,
        timing: &Timing,
        reference: Option<&Timing>,
    ) -> Option<Ratio> {
        let reference = reference?;
        let comparable = match (self.run_of(timing), self.run_of(reference)) {
            (Some(a), Some(b)) => a.same_machine(b),
            _ => false,
        };
        comparable.then(|| Ratio::of_timings(timing, reference))
    }

    /// What a sentence adds to "not measured" where [`Results::compare`] gives `timing` no
    /// ratio to `reference`: " on the same machine" when both were measured, on different
    /// machines (a reader's `./bench.sh` without NumPy keeps the NumPy rows of an earlier
    /// run), since "not measured yet" alone would then be false; nothing when either was
    /// not measured, or when the two do compare.
    pub fn same_machine_clause(
        &self,
        timing: Option<&Timing>,
        reference: Option<&Timing>,
    ) -> &'static str {
        match timing {
            Some(t)
                if reference.is_some()
                    && self.compare(t, reference).is_none() =>
            {
                " on the same machine"
            }
            _ => "",
        }
    }

    /// How `workload` on `side` compares with `reference` on `reference_side`, when both
    /// were measured on the same machine (else `None`, as [`Results::compare`]).
    pub fn ratio_between(
        &self,
        (workload, side): (&Workload, Side),
        (reference, reference_side): (&Workload, Side),
    ) -> Option<Ratio> {
        let timing = self.timing_of(workload, side)?;
        self.compare(timing, self.timing_of(reference, reference_side))
    }

    /// The runs that measured `timings`, in order of first appearance.
    pub fn runs_of<'a>(
        &'a self,
        timings: impl IntoIterator<Item = &'a Timing>,
    ) -> Vec<&'a Run> {
        let mut runs: Vec<&Run> = Vec::new();
        for timing in timings {
            if let Some(run) = self.run_of(timing) {
                if !runs.iter().any(|r| r.id == run.id) {
                    runs.push(run);
                }
            }
        }
        runs
    }

    /// The note under a table of `timings`: which machine, software and date they were
    /// measured with, and what the median and IQR are. A table mixing several runs gets
    /// one sentence per run, with the markers its labels carry.
    pub fn machine_note<'a>(
        &'a self,
        timings: impl IntoIterator<Item = &'a Timing>,
    ) -> String {
        let runs = self.runs_of(timings);
        let how = "Each time is the median of one call over the run's samples; IQR, the interquartile range, holds the middle half of them. Where the two IQRs overlap, the samples do not separate the times, and the ratio says so. A ratio that rounds to 1.0×, or whose IQRs overlap, is a tie (\"level\"), not a win.";
        match runs.as_slice() {
            [] => format!(
                "Not measured yet: `./bench.sh` measures it and writes `{}`.",
                super::BENCHMARKS_PATH
            ),
            [run] => {
                format!("Measured by `./bench.sh` {}. {how}", describe(run))
            }
            several => {
                // A run on the machine and software of an earlier one is named by its
                // date and that run's marker, not by the same description again.
                let each: Vec<String> = several
                    .iter()
                    .enumerate()
                    .map(|(i, run)| {
                        let twin = several[..i]
                            .iter()
                            .position(|earlier| setup(earlier) == setup(run));
                        match twin {
                            Some(first) => format!(
                                "{} {}, another run on the same machine and software as {}",
                                marker(i),
                                when(run),
                                marker(first)
                            ),
                            None => format!("{} {}", marker(i), describe(run)),
                        }
                    })
                    .collect();
                format!(
                    "Measured by `./bench.sh` in {} runs: {}. Ratios compare timings measured on the same machine only. {how}",
                    several.len(),
                    each.join("; ")
                )
            }
        }
    }

    /// The note for every timing in the file (see [`Results::machine_note`]).
    pub fn machine_sentence(&self) -> String {
        self.machine_note(&self.timings)
    }

    /// The note for the tables of these groups.
    pub fn groups_note(&self, groups: &[&Group]) -> String {
        let timings: Vec<&Timing> = groups
            .iter()
            .flat_map(|g| g.rows())
            .filter_map(|row| self.timing_of(&row.workload, row.side))
            .collect();
        self.machine_note(timings)
    }
}

/// The IQR cell of a timing, empty when its run did not record the spread.
fn spread_cell(timing: &Timing) -> String {
    timing
        .spread
        .map(|s| format_spread(&s, timing.median_seconds))
        .unwrap_or_else(|| "–".into())
}

/// "on 2026-11-27, on AMD EPYC (2 cores; SIMD: AVX2, AVX512F), Debian GNU/Linux 12
/// (bookworm), Linux 6.18.44, rustc 1.95.0, Python 3.11.7, NumPy 2.4.6, SciPy 1.17.1":
/// [`when`] and [`setup`].
fn describe(run: &Run) -> String {
    format!("{}, {}", when(run), setup(run))
}

/// When a run measured, and which code: "on 2026-11-27 (source commit 0123456789ab)".
fn when(run: &Run) -> String {
    let source = run
        .fact("source commit")
        .filter(|c| *c != "unknown")
        .map(|c| format!(" (source commit {c})"))
        .unwrap_or_default();
    format!("on {}{source}", run.fact("date").unwrap_or("unknown"))
}

/// What a run measured on: "on AMD EPYC (2 cores; SIMD: AVX2, AVX512F), Debian …, rustc
/// 1.95.0, Python 3.11.7, NumPy 2.4.6, SciPy 1.17.1".
fn setup(run: &Run) -> String {
    let fact = |key: &str| run.fact(key).unwrap_or("unknown");
    // bench.sh writes "unknown" where nproc failed, and `machine` where it does not know the
    // architecture's features: "cores unknown", not "unknown cores"; not "SIMD: UNKNOWN".
    let mut machine = match fact("cores") {
        "1" => "1 core".to_string(),
        "unknown" => "cores unknown".to_string(),
        cores => format!("{cores} cores"),
    };
    if let Some(features) = run.fact("cpu features") {
        let simd: Vec<String> = features
            .split_whitespace()
            .map(|f| f.to_uppercase())
            .collect();
        // Empty where the processor has none of the features `machine` looks for.
        let simd = if features.trim() == "unknown" {
            "unknown".to_string()
        } else if simd.is_empty() {
            "none detected".to_string()
        } else {
            simd.join(", ")
        };
        let _ = write!(machine, "; SIMD: {simd}");
    }
    // Chapter 2's page faults depend on it: `always` gives every large allocation huge
    // pages, `madvise` only those that ask.
    if let Some(mode) = run
        .fact("transparent hugepages")
        .and_then(crate::results::selected_word)
    {
        let _ = write!(machine, "; transparent huge pages: {mode}");
    }
    let mut text = format!(
        "on {} ({machine}), {}, {}",
        fact("cpu"),
        fact("os"),
        fact("rustc")
    );
    for (key, name) in
        [("python", "Python"), ("numpy", "NumPy"), ("scipy", "SciPy")]
    {
        if let Some(version) = run.fact(key) {
            let _ = write!(text, ", {name} {version}");
        }
    }
    text
}

/// A benchmark group's table from the committed results, with the note naming the machine
/// and date it was measured on.
///
/// # Errors
///
/// When `results/benchmarks.csv` exists but cannot be read or parsed.
pub fn timing_table(group: &Group) -> Result<String> {
    let results = Results::committed()?;
    Ok(results.table(group) + "\n" + &results.groups_note(&[group]) + "\n")
}
