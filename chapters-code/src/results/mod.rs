//! The benchmark results the book quotes: `results/benchmarks.csv`, written by `./bench.sh`.
//!
//! Nothing here measures anything: timings depend on the machine, so they are measured by
//! `./bench.sh` (criterion for Rust, `python/bench.py` for Python and NumPy), committed with
//! the facts of the machine they ran on, and turned into the book's tables and charts by code.
//!
//! The file is read at run time (never compiled in): without it the crate still builds, every
//! table says "not measured yet", and `./bench.sh` writes it afresh. Each timing names the
//! *run* that measured it, and each run keeps its own machine facts and date, so a partial
//! `./bench.sh GROUP` replaces exactly the timings it measured and leaves every other line of
//! the file as it was. The file is checked whenever it is read — header, every field, every
//! number, every workload against the registry ([`crate::benchmarks`]), and the closing line
//! that proves it is complete — and any problem is an error naming its line.

mod collect;
mod plan;
mod sweep;
mod table;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::benchmarks::{measured_series, Series, Side, Workload};
use crate::chapter::repo_root;
use crate::error::{Context, Error, Result};

pub use crate::benchmarks::Row;
pub use collect::quartiles;
pub use plan::{BenchPlan, PLAN_FILES};
pub use table::{
    format_count, format_duration, format_size, format_spread, power_of_ten,
    timing_table, Ratio, RunMarkers, NBSP, NOT_MEASURED,
};

/// Where `./bench.sh` writes the results, relative to the repository root.
pub const BENCHMARKS_PATH: &str = "results/benchmarks.csv";

/// The first line of the file.
pub const TITLE: &str = "# Benchmark results of \"NumPy Tricks in Rust\", written by ./bench.sh; do not edit.";

/// The header of the timings, after the runs' facts.
pub const HEADER: &str = "group,side,variant,size,median_seconds,q1_seconds,q3_seconds,min_seconds,max_seconds,samples,run";

/// The start of the closing line, `# end: N timings`: a file without it was cut short.
const END: &str = "# end: ";

/// How the per-call times of one benchmark were spread around their median.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// The first quartile: a quarter of the samples were faster.
    pub q1: f64,
    /// The third quartile: a quarter of the samples were slower.
    pub q3: f64,
    /// The fastest sample.
    pub min: f64,
    /// The slowest sample.
    pub max: f64,
}

impl Spread {
    /// Whether the spread lies around `median` in order, min ≤ q1 ≤ median ≤ q3 ≤ max: the
    /// rule both the results file and a run's `python.csv` are read with.
    pub fn orders(&self, median: f64) -> bool {
        self.min <= self.q1
            && self.q1 <= median
            && median <= self.q3
            && self.q3 <= self.max
    }
}

/// One measured timing: the median time of one call, in seconds, with its spread.
#[derive(Debug, Clone, PartialEq)]
pub struct Timing {
    /// What was measured: group, side, variant and (in a sweep) size.
    pub series: Series,
    /// The median time of one call, in seconds.
    pub median_seconds: f64,
    /// The quartiles and extremes of the samples, when the run recorded them.
    pub spread: Option<Spread>,
    /// How many samples the median is taken over, when the run recorded it.
    pub samples: Option<u32>,
    /// The run that measured it (see [`Run`]).
    pub run: u32,
}

/// One `./bench.sh` run: its number in the file and the facts of the machine it ran on
/// (`date`, `cpu`, `cpu features`, `cores`, `os`, `rustc`, `python`, `numpy`, …).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    /// Its number, unique in the file; a later run gets a larger one.
    pub id: u32,
    /// The facts, in the order the run recorded them.
    pub facts: Vec<(String, String)>,
}

impl Run {
    /// One fact, if the run recorded it.
    pub fn fact(&self, key: &str) -> Option<&str> {
        self.facts
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Whether two runs measured on the same machine (CPU, cores and CPU features:
    /// [`MACHINE_FACTS`]), so that their timings may be compared.
    pub fn same_machine(&self, other: &Run) -> bool {
        MACHINE_FACTS
            .iter()
            .all(|key| self.fact(key) == other.fact(key))
    }
}

/// The facts that tell one machine from another ([`Run::same_machine`]): every run that
/// [`Results::collect`] gathers states them, since two runs that both lacked one would pass
/// for runs of the same machine.
pub const MACHINE_FACTS: [&str; 3] = ["cpu", "cores", "cpu features"];

/// An error in the results file: the crate's error type.
pub type ResultsError = Error;

/// The parsed results: the runs, with their machine facts, and the timings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Every run a timing names, by number.
    pub runs: Vec<Run>,
    /// Every timing, in the order of the registry.
    pub timings: Vec<Timing>,
}

impl Results {
    /// Reads the results file at `path`, checked against the registry. A missing file is no
    /// error: nothing has been measured yet. An empty one is: it was cut short.
    ///
    /// # Errors
    ///
    /// When the file exists but cannot be read, is empty, is not UTF-8, or does not parse
    /// ([`Results::parse`]).
    pub fn load(path: &Path) -> Result<Results> {
        match std::fs::read(path) {
            Ok(bytes) => Results::parse(&utf8_text(path, bytes)?)
                .map_err(|e| e.context(path.display().to_string())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(Results::default())
            }
            Err(e) => Err(Error::from(e)
                .context(format!("cannot read {}", path.display()))),
        }
    }

    /// The committed results, `results/benchmarks.csv` (empty if it does not exist).
    ///
    /// # Errors
    ///
    /// As [`Results::load`].
    pub fn committed() -> Result<Results> {
        Results::load(&repo_root().join(BENCHMARKS_PATH))
    }

    /// Parses the results file's text, checked against the registry: every timing must be
    /// of a declared workload, and every run (its `# run N: …` facts) named by a timing.
    ///
    /// # Errors
    ///
    /// As [`Results::parse_with`], against the registry's series.
    pub fn parse(text: &str) -> Result<Results> {
        Results::parse_with(text, &measured_series())
    }

    /// Parses the results file's text, checked against `known`, the series it may hold (in
    /// the order the file lists them).
    ///
    /// # Errors
    ///
    /// For a line that does not parse (the error names it), a timing of a series not in
    /// `known`, or runs and timings that do not match as [`Results::parse`] says.
    pub fn parse_with(text: &str, known: &[Series]) -> Result<Results> {
        parse(text, known)
    }

    /// The results in the file's format, checked: the text must parse back against `known`
    /// with the same runs and facts. A fact key containing ": ", or a key or value with a
    /// line break, cannot be written in the file's `# run N: key: value` lines.
    ///
    /// # Errors
    /// If the text does not read back, or reads back with other runs or facts.
    pub fn to_checked_csv(&self, known: &[Series]) -> Result<String> {
        let text = self.to_csv();
        let back = Results::parse_with(&text, known)
            .map_err(|e| e.context("the results do not read back"))?;
        if back.runs != self.runs {
            let differs = self
                .runs
                .iter()
                .flat_map(|run| {
                    run.facts.iter().map(move |fact| (run.id, fact))
                })
                .find(|(id, (key, value))| {
                    !back.runs.iter().any(|r| {
                        r.id == *id
                            && r.facts
                                .iter()
                                .any(|(k, v)| k == key && v == value)
                    })
                });
            return Err(Error::msg(match differs {
                Some((id, (key, value))) => format!(
                    "run {id}'s fact {key:?}: {value:?} cannot be written (a key with \": \", \
                     or a line break)"
                ),
                None => "the runs do not read back as written".to_string(),
            }));
        }
        Ok(text)
    }

    /// Writes the results in the file's format (see [`Results::to_checked_csv`] for what a
    /// fact may hold).
    pub fn to_csv(&self) -> String {
        let mut out = format!("{TITLE}\n");
        out += "# Each timing names the run that measured it (last column); each run's machine facts are below.\n";
        for run in &self.runs {
            for (key, value) in &run.facts {
                let _ = writeln!(out, "# run {}: {key}: {value}", run.id);
            }
        }
        out += HEADER;
        out += "\n";
        for t in &self.timings {
            let s = &t.series;
            let size = s.size.map(|n| n.to_string()).unwrap_or_default();
            let spread = match t.spread {
                Some(p) => [p.q1, p.q3, p.min, p.max].map(seconds).join(","),
                None => ",,,".to_string(),
            };
            let samples = t.samples.map(|n| n.to_string()).unwrap_or_default();
            let _ = writeln!(
                out,
                "{},{},{},{size},{},{spread},{samples},{}",
                s.group,
                s.side.name(),
                s.variant,
                seconds(t.median_seconds),
                t.run
            );
        }
        let _ = writeln!(out, "{END}{} timings", self.timings.len());
        out
    }

    /// The timing of one series, if it was measured.
    pub fn timing(&self, series: &Series) -> Option<&Timing> {
        self.timings.iter().find(|t| t.series == *series)
    }

    /// The timing of a table's workload (not a sweep point) on one side, if it was measured.
    pub fn timing_of(
        &self,
        workload: &Workload,
        side: Side,
    ) -> Option<&Timing> {
        self.timing(&Series {
            group: workload.group,
            side,
            variant: workload.variant,
            size: None,
        })
    }

    /// The median of a table's workload (not a sweep point) on one side, if it was measured.
    pub fn time(&self, workload: &Workload, side: Side) -> Option<f64> {
        self.timing_of(workload, side).map(|t| t.median_seconds)
    }

    /// The median of one variant, named as in the file, if it was measured.
    pub fn get(&self, group: &str, side: &str, variant: &str) -> Option<f64> {
        self.timings
            .iter()
            .find(|t| {
                t.series.group == group
                    && t.series.side.name() == side
                    && t.series.variant == variant
                    && t.series.size.is_none()
            })
            .map(|t| t.median_seconds)
    }

    /// The run numbered `id`.
    pub fn run(&self, id: u32) -> Option<&Run> {
        self.runs.iter().find(|r| r.id == id)
    }

    /// The run that measured a timing.
    pub fn run_of(&self, timing: &Timing) -> Option<&Run> {
        self.run(timing.run)
    }

    /// A fact of the latest run that recorded it (the largest number), or `"unknown"`.
    /// The runs' order in [`Results::runs`] does not matter: the parser lists them by
    /// number, but the field is public and a `Results` built by hand may not.
    pub fn fact(&self, key: &str) -> &str {
        self.runs
            .iter()
            .filter_map(|run| Some((run.id, run.fact(key)?)))
            .max_by_key(|&(id, _)| id)
            .map_or("unknown", |(_, value)| value)
    }

    /// These results with `fresh` (one new run's timings, gathered by
    /// [`Results::collect`]) merged in: every series `fresh` measured is replaced and
    /// names the new run, numbered after every run in the file; every other timing keeps its
    /// line and its run. Runs no timing names any more are dropped. The timings are listed
    /// in the order of `known`. If the file's runs already use the largest number (a
    /// hand-edited file), they are first renumbered 1, 2, … in their order, so that the new
    /// run is still numbered after every other.
    ///
    /// It takes the results and gives back the merged ones: a call whose answer is not
    /// used loses both, which the compiler points out (`#[must_use]`).
    #[must_use = "the merged results are returned; the ones merged into are consumed"]
    pub fn merge(mut self, fresh: Results, known: &[Series]) -> Results {
        let last = self.runs.iter().map(|r| r.id).max().unwrap_or(0);
        let id = match last.checked_add(1) {
            Some(id) => id,
            None => self.renumber_runs() + 1,
        };
        self.timings.retain(|t| fresh.timing(&t.series).is_none());
        for run in fresh.runs.into_iter().take(1) {
            self.runs.push(Run { id, ..run });
        }
        self.timings
            .extend(fresh.timings.into_iter().map(|t| Timing { run: id, ..t }));
        let order: BTreeMap<&Series, usize> =
            known.iter().enumerate().map(|(i, s)| (s, i)).collect();
        self.timings.sort_by_key(|t| {
            order.get(&t.series).copied().unwrap_or(usize::MAX)
        });
        let used: Vec<u32> = self.timings.iter().map(|t| t.run).collect();
        self.runs.retain(|r| used.contains(&r.id));
        self.runs.sort_by_key(|r| r.id);
        self
    }
}

impl Results {
    /// Numbers the runs 1, 2, … in their order, and the timings with them; returns the
    /// last number.
    fn renumber_runs(&mut self) -> u32 {
        self.runs.sort_by_key(|r| r.id);
        // Old number to new, applied once: renumbering in place could move one run's
        // timings twice (run 0 to 1, then with the old run 1 to 2).
        let new_ids: BTreeMap<u32, u32> =
            self.runs.iter().map(|r| r.id).zip(1..).collect();
        for timing in &mut self.timings {
            if let Some(&id) = new_ids.get(&timing.run) {
                timing.run = id;
            }
        }
        for run in &mut self.runs {
            run.id = new_ids[&run.id];
        }
        new_ids.values().copied().max().unwrap_or(0)
    }
}

/// Asserts that `./bench.sh` writes each of `facts` as a machine fact (`echo "key: …"`):
/// the generators that read a fact and the script that writes it must agree on its name.
#[cfg(test)]
pub(crate) fn assert_bench_sh_records(facts: &[&str]) {
    let script = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../bench.sh"
    ))
    .expect("bench.sh is readable");
    for fact in facts {
        assert!(
            script.contains(&format!("echo \"{fact}: ")),
            "bench.sh writes no {fact:?}"
        );
    }
}

/// The word in brackets of a Linux setting as the kernel prints it, the one in effect:
/// `always [madvise] never` → `madvise`. `None` when there is no bracketed word.
pub fn selected_word(setting: &str) -> Option<&str> {
    let (_, after) = setting.split_once('[')?;
    let (word, _) = after.split_once(']')?;
    Some(word).filter(|w| !w.is_empty())
}

/// The smallest time the file can hold: [`seconds`] writes twelve decimals, so a shorter
/// one would be written as `0.000000000000`, which the file refuses.
const SMALLEST_SECONDS: f64 = 1e-12;

/// Seconds with twelve decimals (picoseconds: three significant digits even for the
/// 20-nanosecond calls of the smallest sweeps), as the file stores them.
fn seconds(value: f64) -> String {
    format!("{value:.12}")
}

/// The text of the file at `path`, read as `bytes`: UTF-8, or an error naming the file, the
/// line and the byte that is not (`std::fs::read_to_string` names neither:
/// "stream did not contain valid UTF-8"). For the results file and a run's `machine.txt`
/// and `python.csv`.
///
/// # Errors
///
/// When `bytes` are not UTF-8, naming the file, the line and the byte.
pub fn utf8_text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|error| {
        let bytes = error.as_bytes();
        let at = error.utf8_error().valid_up_to();
        let before = &bytes[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |newline| newline + 1);
        Error::msg(format!(
            "{}: line {line}: byte {} of the line (0x{:02x}) is not UTF-8: save the \
             file as UTF-8",
            path.display(),
            at - line_start + 1,
            bytes[at]
        ))
    })
}

/// What the readers of the results file, `machine.txt` and `python.csv` say of a text that
/// starts with a byte-order mark (U+FEFF, which some Windows editors write): read as text,
/// it is part of the first line, whose error (a header not found) would not say why.
const BOM: &str =
    "the file starts with a byte-order mark (U+FEFF): save it as UTF-8 without one";

/// What the readers of the results file, `machine.txt` and `python.csv` say of a lone CR
/// (a `\r` not followed by `\n`, the line end of classic Mac OS): read line by line, such
/// a file is one long line, and the error it would get instead (a header not found, a field
/// count, or none at all for a `key: value` line) would not say why.
const LONE_CR: &str =
    "a lone CR (\\r), not followed by LF: save the file with LF or CRLF \
     line ends";

/// The first line of `text` holding a lone CR, counted from 1 by `\n`s as the readers
/// count lines, if any. A CR that ends a file without a final `\n` is left to the readers'
/// truncation check: that file is a CRLF file cut short.
fn lone_cr_line(text: &str) -> Option<usize> {
    text.split_inclusive('\n')
        .position(|raw| {
            let content = match raw.strip_suffix('\n') {
                Some(line) => line.strip_suffix('\r').unwrap_or(line),
                None => raw.strip_suffix('\r').unwrap_or(raw),
            };
            content.contains('\r')
        })
        .map(|index| index + 1)
}

/// [`lone_cr_line`], and for a file with no truncation check of its own (`machine.txt`,
/// `python.csv`) also a CR that ends the text without a `\n`: the last line's number.
fn lone_cr_line_or_final_cr(text: &str) -> Option<usize> {
    lone_cr_line(text)
        .or_else(|| text.ends_with('\r').then(|| text.split('\n').count()))
}

/// The positive whole number a field holds, or what is wrong with it, said of `name`: a
/// number above `max`, the largest `T`, is said to be too large (it is a positive whole number, just
/// not one the file holds), anything else not to be a positive whole number.
fn positive_whole<T>(
    name: &str,
    field: &str,
    max: T,
) -> std::result::Result<T, String>
where
    T: TryFrom<u128> + std::fmt::Display,
{
    let too_large = || {
        format!(
            "{name} {field:?} is larger than the file can hold (at most {max})"
        )
    };
    match field.parse::<u128>() {
        Ok(n) if n > 0 => T::try_from(n).map_err(|_| too_large()),
        Err(e) if *e.kind() == std::num::IntErrorKind::PosOverflow => {
            Err(too_large())
        }
        _ => Err(format!("{name} {field:?} is not a positive whole number")),
    }
}

/// A series as the file names it: group, side, variant, size.
type Key<'a> = (&'a str, &'a str, &'a str, Option<u64>);

fn parse(text: &str, known: &[Series]) -> Result<Results> {
    let line_error = |number: usize, what: String| {
        // The caller names the file (`load`, `collect_results`): text has no name.
        Error::msg(format!("line {number}: {what}"))
    };
    let order: BTreeMap<Key<'_>, (usize, Series)> = known
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.group, s.side.name(), s.variant, s.size), (i, *s)))
        .collect();
    if text.starts_with('\u{feff}') {
        return Err(line_error(1, BOM.into()));
    }
    if let Some(number) = lone_cr_line(text) {
        return Err(line_error(number, LONE_CR.into()));
    }
    // Cut short before its first line, not a file of no timings: the writer always writes
    // the title, the header and the closing line. (A missing file is what means "nothing
    // measured yet".)
    if text.is_empty() {
        return Err(line_error(
            1,
            format!(
                "the file is empty: its closing `{END}N timings` line is missing, so it \
                 was cut short (delete it if nothing has been measured yet)"
            ),
        ));
    }
    let mut results = Results::default();
    let mut positions = Vec::new();
    let mut saw_header = false;
    let mut end: Option<(usize, usize)> = None;
    // Each run's first line, for an error about the run.
    let mut run_lines: Vec<(u32, usize)> = Vec::new();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (index, raw) in lines.iter().enumerate() {
        let number = index + 1;
        let Some(line) = raw.strip_suffix('\n') else {
            // Quote the start only: a cut line can be most of the file.
            let start: String = raw.chars().take(80).collect();
            return Err(line_error(
                number,
                format!(
                    "cut short: {start:?}{} has no end of line (the file is \
                     truncated)",
                    if start.len() < raw.len() { "…" } else { "" }
                ),
            ));
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        if end.is_some() {
            return Err(line_error(
                number,
                format!("{line:?} after the closing `{END}` line"),
            ));
        }
        if let Some(rest) = line.strip_prefix(END) {
            let count = rest
                .strip_suffix(" timings")
                .and_then(|n| n.parse::<usize>().ok())
                .ok_or_else(|| {
                    line_error(
                        number,
                        format!("{line:?} is not `{END}N timings`"),
                    )
                })?;
            end = Some((number, count));
            continue;
        }
        if let Some(fact) = line.strip_prefix("# run ") {
            let parsed = fact.split_once(": ").and_then(|(id, fact)| {
                let (key, value) = fact.split_once(": ")?;
                Some((id.parse::<u32>().ok()?, key, value))
            });
            let Some((id, key, value)) = parsed else {
                return Err(line_error(
                    number,
                    format!("{line:?} is not `# run N: key: value`"),
                ));
            };
            if saw_header {
                return Err(line_error(
                    number,
                    "a run's fact after the header".into(),
                ));
            }
            match results.runs.iter_mut().find(|r| r.id == id) {
                Some(run) if run.fact(key).is_some() => {
                    return Err(line_error(
                        number,
                        format!(
                            "run {id} states {key:?} a second time (the file \
                             holds one value of each fact per run)"
                        ),
                    ));
                }
                Some(run) => run.facts.push((key.into(), value.into())),
                None => {
                    run_lines.push((id, number));
                    results.runs.push(Run {
                        id,
                        facts: vec![(key.into(), value.into())],
                    });
                }
            }
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !saw_header {
            if line != HEADER {
                return Err(line_error(
                    number,
                    format!("expected the header {HEADER:?}, found {line:?}"),
                ));
            }
            saw_header = true;
            continue;
        }
        let fields: Vec<&str> = line.split(',').collect();
        let [group, side, variant, size, median, q1, q3, min, max, samples, run] =
            fields[..]
        else {
            return Err(line_error(
                number,
                format!("expected 11 fields, found {}: {line:?}", fields.len()),
            ));
        };
        let side_value = Side::from_name(side).ok_or_else(|| {
            line_error(number, format!("unknown side {side:?}"))
        })?;
        let size = match size {
            "" => None,
            n => Some(
                positive_whole("size", n, u64::MAX)
                    .map_err(|what| line_error(number, what))?,
            ),
        };
        let time = |name: &str, field: &str| -> Result<f64> {
            let value: f64 = field.parse().map_err(|_| {
                line_error(number, format!("{name} {field:?} is not a number"))
            })?;
            if value.is_finite() && value > 0.0 {
                Ok(value)
            } else {
                Err(line_error(
                    number,
                    format!("{name} {field:?} is not a positive, finite time"),
                ))
            }
        };
        let median_seconds = time("median_seconds", median)?;
        let spread = match [q1, q3, min, max] {
            ["", "", "", ""] => None,
            _ => {
                let spread = Spread {
                    q1: time("q1_seconds", q1)?,
                    q3: time("q3_seconds", q3)?,
                    min: time("min_seconds", min)?,
                    max: time("max_seconds", max)?,
                };
                if !spread.orders(median_seconds) {
                    return Err(line_error(
                        number,
                        "expected min <= q1 <= median <= q3 <= max".into(),
                    ));
                }
                Some(spread)
            }
        };
        let samples = match samples {
            "" => None,
            n => Some(
                positive_whole("samples", n, u32::MAX)
                    .map_err(|what| line_error(number, what))?,
            ),
        };
        let run = run.parse::<u32>().map_err(|_| {
            line_error(number, format!("run {run:?} is not a run number"))
        })?;
        if results.run(run).is_none() {
            return Err(line_error(
                number,
                format!(
                    "run {run} has no `# run {run}: …` facts above the header"
                ),
            ));
        }
        let Some(&(position, series)) =
            order.get(&(group, side_value.name(), variant, size))
        else {
            let what = match size {
                Some(n) => format!("{group}/{variant}/{n} on side {side}"),
                None => format!("{group}/{variant} on side {side}"),
            };
            return Err(line_error(
                number,
                format!(
                    "unknown workload {what}: the registry (chapters-code/src/benchmarks.rs) does not declare it; delete the line (a renamed workload) or declare the workload"
                ),
            ));
        };
        if results.timing(&series).is_some() {
            return Err(line_error(
                number,
                match size {
                    Some(n) => {
                        format!(
                            "a second timing of {group}/{side}/{variant}/{n}"
                        )
                    }
                    None => {
                        format!("a second timing of {group}/{side}/{variant}")
                    }
                },
            ));
        }
        positions.push(position);
        results.timings.push(Timing {
            series,
            median_seconds,
            spread,
            samples,
            run,
        });
    }
    if !saw_header {
        return Err(line_error(
            lines.len(),
            format!("no header line {HEADER:?}"),
        ));
    }
    match end {
        None => {
            return Err(line_error(
                lines.len(),
                format!("the closing `{END}N timings` line is missing: the file is truncated"),
            ))
        }
        Some((number, count))
            if count != results.timings.len() =>
        {
            return Err(line_error(
                number,
                format!(
                    "says {count} timings, the file has {}",
                    results.timings.len()
                ),
            ))
        }
        _ => {}
    }
    // A merge drops the runs no timing names: one here was added by hand, or a
    // timing of it deleted, and its facts would describe nothing measured.
    if let Some(&(id, number)) = run_lines
        .iter()
        .find(|(id, _)| !results.timings.iter().any(|t| t.run == *id))
    {
        return Err(line_error(
            number,
            format!(
                "run {id} has facts but no timing names it (./bench.sh writes a run's \
                 facts only with its timings; a merge would drop them): delete its \
                 `# run {id}: …` lines"
            ),
        ));
    }
    // By number, as the merge writes them, so that the last run is the latest
    // ([`Results::fact`]) whatever order a hand-edited file lists them in.
    results.runs.sort_by_key(|run| run.id);
    let mut indexed: Vec<(usize, Timing)> =
        positions.into_iter().zip(results.timings).collect();
    indexed.sort_by_key(|(i, _)| *i);
    results.timings = indexed.into_iter().map(|(_, t)| t).collect();
    Ok(results)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so
/// that an interrupted write (Ctrl-C, a crash, a full disk) leaves the old file whole.
///
/// The temporary file is synced to disk before the rename: otherwise the filesystem may
/// record the rename before the data, and a power loss can leave an empty file behind.
/// After the rename the folder is synced too (on Unix), so that the rename itself
/// survives a power loss. A file that is replaced keeps its permissions; a new one gets
/// the process's defaults. A `path` that is a symbolic link writes the file it points to.
///
/// # Errors
///
/// When the temporary file cannot be created, written, synced or renamed over `path`
/// (the old file is then left as it was).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    use std::sync::atomic::{AtomicU64, Ordering};

    // Makes the temporary name unique per call, not just per process, so two threads that
    // write the same path never share a temporary file.
    static CALLS: AtomicU64 = AtomicU64::new(0);

    // A symlink stays a symlink: the file it points to is the one replaced (a rename onto
    // the link itself would put a plain file in its place).
    let resolved = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            Some(std::fs::canonicalize(path).context(format!(
                "cannot follow the link {}",
                path.display()
            ))?)
        }
        _ => None,
    };
    let path = resolved.as_deref().unwrap_or(path);
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)
        .context(format!("cannot create {}", folder.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let call = CALLS.fetch_add(1, Ordering::Relaxed);
    let temporary =
        folder.join(format!(".{name}.{}.{call}.tmp", std::process::id()));
    let written = std::fs::File::create(&temporary)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            if let Ok(old) = std::fs::metadata(path) {
                file.set_permissions(old.permissions())?;
            }
            file.sync_all()
        })
        .context(format!("cannot write {}", temporary.display()))
        .and_then(|()| {
            std::fs::rename(&temporary, path).context(format!(
                "cannot rename {} to {}",
                temporary.display(),
                path.display()
            ))
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    } else {
        sync_folder(folder);
    }
    written
}

/// Asks the filesystem to record `folder`'s entries (a rename) on disk. Best effort: the
/// new file is already in place and whole, so a folder that cannot be synced (some
/// filesystems refuse) is no reason to report the write as failed.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(folder) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder; // Windows cannot open a folder as a file; NTFS logs renames
}

/// A test timing of `series` in `run`: its median, its quartiles, and the quartiles as the
/// extremes too (tests of verdicts and wording need no more).
#[cfg(test)]
pub(crate) fn test_timing(
    series: Series,
    median: f64,
    (q1, q3): (f64, f64),
    run: u32,
) -> Timing {
    Timing {
        series,
        median_seconds: median,
        spread: Some(Spread {
            q1,
            q3,
            min: q1,
            max: q3,
        }),
        samples: Some(10),
        run,
    }
}

#[cfg(test)]
mod tests;
