//! Gathering one run's results from the folder `./bench.sh` measured into: the machine's
//! facts (`machine.txt`), criterion's samples (`criterion-rust/`, `criterion-rust-thp/`,
//! `criterion-rust-fastalloc/`, one `CRITERION_HOME` per side) and the Python timings
//! (`python.csv`). `./bench.sh` starts every run in an empty folder, so nothing measured by
//! an earlier run can be taken for a fresh measurement.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{
    lone_cr_line_or_final_cr, positive_whole, utf8_text, Results, Run, Spread,
    Timing, BOM, LONE_CR, MACHINE_FACTS, SMALLEST_SECONDS,
};
use crate::benchmarks::{measured_series, Series, Side};
use crate::error::{Context, Error, Result};

/// The header `python/bench.py` writes.
pub const PYTHON_HEADER: &str = "group,variant,size,median_seconds,q1_seconds,q3_seconds,min_seconds,max_seconds,samples";

/// How a side is spelled in the names of its files and folders (`rust+thp` → `rust-thp`),
/// the one place that spelling is made: `./bench.sh` runs `bench_side` with it, and
/// [`criterion_folder`] and [`plan_file`] build on it.
pub fn side_slug(side: Side) -> String {
    side.name().replace('+', "-")
}

/// The folder, inside a run's folder, that criterion writes one side's results into.
pub fn criterion_folder(side: Side) -> String {
    format!("criterion-{}", side_slug(side))
}

/// The plan file, inside a run's folder, that holds one criterion side's filter
/// (`filter-rust-thp.txt`; empty when nothing runs on that side).
pub fn plan_file(side: Side) -> String {
    format!("filter-{}.txt", side_slug(side))
}

/// The first quartile, median and third quartile of sorted values, interpolated between
/// neighbours as Python's `statistics.quantiles(data, n=4, method="inclusive")` does (and
/// with its arithmetic, so bit for bit: tests/edge_cases/statistics.rs compares them), so
/// that both sides of the book report the same statistic. One value is its own quartiles,
/// where Python raises `StatisticsError` (`python/bench.py` takes at least ten samples).
pub fn quartiles(sorted: &[f64]) -> Option<(f64, f64, f64)> {
    if sorted.is_empty() {
        return None;
    }
    let m = sorted.len() - 1;
    // Python: j, delta = divmod(i * m, n); (data[j] * (n - delta) + data[j + 1] * delta) / n
    let at = |i: usize| {
        let (j, delta) = ((i * m) / 4, (i * m) % 4);
        let next = sorted.get(j + 1).copied().unwrap_or(sorted[j]);
        (sorted[j] * (4 - delta) as f64 + next * delta as f64) / 4.0
    };
    Some((at(1), at(2), at(3)))
}

/// The timing of one benchmark from its per-call sample times (any order).
fn from_samples(series: Series, mut per_call: Vec<f64>) -> Option<Timing> {
    per_call.sort_by(f64::total_cmp);
    let (q1, median, q3) = quartiles(&per_call)?;
    Some(Timing {
        series,
        median_seconds: median,
        spread: Some(Spread {
            q1,
            q3,
            min: per_call[0],
            max: per_call[per_call.len() - 1],
        }),
        samples: u32::try_from(per_call.len()).ok(),
        run: 0,
    })
}

impl Results {
    /// The results of the run measured into `dir` (one run, numbered 0: [`Results::merge`]
    /// numbers it). Every timing must be of a workload the registry declares.
    ///
    /// # Errors
    ///
    /// When a file of the run cannot be read or is malformed (naming it and the line), or a
    /// timing is of a workload the registry does not declare.
    pub fn collect(dir: &Path) -> Result<Results> {
        let known = measured_series();
        let find = |group: &str,
                    side: Side,
                    variant: &str,
                    size: Option<u64>| {
            known
                .iter()
                .find(|s| {
                    s.group == group
                        && s.side == side
                        && s.variant == variant
                        && s.size == size
                })
                .copied()
                .ok_or_else(|| {
                    Error::msg(format!(
                        "{} measured {group}/{variant}{} on side {}, which the registry (chapters-code/src/benchmarks.rs) does not declare",
                        dir.display(),
                        size.map(|n| format!("/{n}")).unwrap_or_default(),
                        side.name()
                    ))
                })
        };
        let machine_path = dir.join("machine.txt");
        let machine = std::fs::read(&machine_path)
            .context(format!("cannot read {}", machine_path.display()))?;
        let machine = utf8_text(&machine_path, machine)?;
        let facts = parse_facts(&machine, &machine_path)?;
        let mut timings = Vec::new();
        for side in Side::CRITERION {
            for found in criterion_samples(&dir.join(criterion_folder(side)))? {
                let series =
                    find(&found.group, side, &found.function, found.size)?;
                let timing = from_samples(series, found.per_call_seconds)
                    .ok_or_else(|| {
                        Error::msg(format!(
                            "{}: no samples",
                            found.path.display()
                        ))
                    })?;
                timings.push(timing);
            }
        }
        let python = dir.join("python.csv");
        match std::fs::read(&python) {
            Ok(bytes) => {
                let text = utf8_text(&python, bytes)?;
                for timing in parse_python(&text, &python, &find)? {
                    timings.push(timing);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Error::from(e)
                    .context(format!("cannot read {}", python.display())))
            }
        }
        if timings.is_empty() {
            return Err(Error::msg(format!(
                "no benchmark results in {}",
                dir.display()
            )));
        }
        // The plan `./bench.sh` wrote first (`groups.txt`): a timing of any other group
        // was left over from an earlier run, never measured by this one.
        let plan = dir.join("groups.txt");
        match std::fs::read_to_string(&plan) {
            Ok(text) => {
                let planned: Vec<&str> = text.lines().map(str::trim).collect();
                if let Some(stray) =
                    timings.iter().find(|t| !planned.contains(&t.series.group))
                {
                    return Err(Error::msg(format!(
                        "{} holds a timing of {}/{} on side {}, a group this run did not plan ({}): left over from an earlier run; nothing was written",
                        dir.display(),
                        stray.series.group,
                        stray.series.variant,
                        stray.series.side.name(),
                        planned.join(" ")
                    )));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Error::from(e)
                    .context(format!("cannot read {}", plan.display())))
            }
        }
        // Checked last, so that a run that measured nothing, or left a stray timing, is
        // told so first.
        let missing: Vec<&str> = MACHINE_FACTS
            .into_iter()
            .filter(|key| !facts.iter().any(|(k, _)| k == key))
            .collect();
        if !missing.is_empty() {
            return Err(Error::msg(format!(
                "{}: no {} fact (./bench.sh writes each): without it this run would \
                 pass for one of any machine that lacks it too; nothing was written",
                machine_path.display(),
                missing
                    .iter()
                    .map(|key| format!("{key:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let order: BTreeMap<Series, usize> =
            known.iter().enumerate().map(|(i, s)| (*s, i)).collect();
        timings.sort_by_key(|t| order.get(&t.series).copied());
        Ok(Results {
            runs: vec![Run { id: 0, facts }],
            timings,
        })
    }
}

/// The facts of `machine.txt`, one `key: value` a line. A line of another form is an error
/// naming it: dropped quietly, a lost `cpu` or `cores` fact would make
/// [`Run::same_machine`] compare runs of different machines; so is a second line with the
/// same key, of which only one would be read. Blank lines are allowed.
fn parse_facts(text: &str, path: &Path) -> Result<Vec<(String, String)>> {
    if text.starts_with('\u{feff}') {
        return Err(Error::msg(format!("{}: line 1: {BOM}", path.display())));
    }
    if let Some(number) = lone_cr_line_or_final_cr(text) {
        return Err(Error::msg(format!(
            "{}: line {number}: {LONE_CR}",
            path.display()
        )));
    }
    let mut facts = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = line.split_once(": ") else {
            return Err(Error::msg(format!(
                "{}: line {}: expected `key: value`, found {line:?}",
                path.display(),
                index + 1
            )));
        };
        let key = key.trim();
        if facts.iter().any(|(k, _): &(String, String)| k == key) {
            return Err(Error::msg(format!(
                "{}: line {}: a second {key:?} (one value of each fact per run)",
                path.display(),
                index + 1
            )));
        }
        facts.push((key.to_string(), value.trim().to_string()));
    }
    Ok(facts)
}

/// Finds the registry's series for (group, side, variant, size), or says it is undeclared.
type Find<'a> = &'a dyn Fn(&str, Side, &str, Option<u64>) -> Result<Series>;

/// The timings of `python/bench.py`'s CSV file.
fn parse_python(
    text: &str,
    path: &Path,
    find: Find<'_>,
) -> Result<Vec<Timing>> {
    let error = |number: usize, what: String| {
        Error::msg(format!("{}: line {number}: {what}", path.display()))
    };
    if text.starts_with('\u{feff}') {
        return Err(error(1, BOM.into()));
    }
    if let Some(number) = lone_cr_line_or_final_cr(text) {
        return Err(error(number, LONE_CR.into()));
    }
    let mut lines = text.split_inclusive('\n').enumerate();
    match lines.next() {
        Some((_, header)) if header.trim_end() == PYTHON_HEADER => {}
        _ => {
            return Err(error(
                1,
                format!("expected the header {PYTHON_HEADER:?}"),
            ))
        }
    }
    let mut timings = Vec::new();
    for (index, raw) in lines {
        let number = index + 1;
        let Some(line) = raw.strip_suffix('\n') else {
            return Err(error(number, "cut short (no end of line)".into()));
        };
        // CRLF line ends read like LF ones, as in `Results::parse`.
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').collect();
        let [group, variant, size, median, q1, q3, min, max, samples] =
            fields[..]
        else {
            return Err(error(number, format!("expected 9 fields: {line:?}")));
        };
        let number_of = |field: &str| -> Result<f64> {
            field
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v >= SMALLEST_SECONDS)
                .ok_or_else(|| {
                    error(
                        number,
                        format!(
                            "{field:?} is not a positive time the results file \
                             can hold (1e-12 s and up)"
                        ),
                    )
                })
        };
        let size = match size {
            "" => None,
            n => Some(
                positive_whole("size", n, u64::MAX)
                    .map_err(|what| error(number, what))?,
            ),
        };
        let series = find(group, Side::Python, variant, size)
            .map_err(|e| error(number, e.to_string()))?;
        // Checked here, so that the error names this line of python.csv: the read-back of
        // the merged results would catch both too, but name a line of the merged text.
        if timings.iter().any(|t: &Timing| t.series == series) {
            return Err(error(
                number,
                format!(
                    "a second timing of {group}/{variant}{}",
                    size.map(|n| format!("/{n}")).unwrap_or_default()
                ),
            ));
        }
        let median_seconds = number_of(median)?;
        let spread = Spread {
            q1: number_of(q1)?,
            q3: number_of(q3)?,
            min: number_of(min)?,
            max: number_of(max)?,
        };
        if !spread.orders(median_seconds) {
            return Err(error(
                number,
                "expected min <= q1 <= median <= q3 <= max".into(),
            ));
        }
        timings.push(Timing {
            series,
            median_seconds,
            spread: Some(spread),
            samples: Some(
                positive_whole("samples", samples, u32::MAX)
                    .map_err(|what| error(number, what))?,
            ),
            run: 0,
        });
    }
    Ok(timings)
}

/// One benchmark that criterion measured.
struct Found {
    path: PathBuf,
    group: String,
    function: String,
    size: Option<u64>,
    per_call_seconds: Vec<f64>,
}

/// Every `…/new/benchmark.json` under a criterion output folder, with the per-call times
/// of its samples (`sample.json`: each sample's total time in nanoseconds and its number of
/// iterations).
///
/// A missing folder is a side this run did not measure; any other read error fails, so
/// that a side's measurements are never dropped without a word.
fn criterion_samples(folder: &Path) -> Result<Vec<Found>> {
    let mut found = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e)
                if dir == folder
                    && e.kind() == std::io::ErrorKind::NotFound =>
            {
                continue
            }
            Err(e) => {
                return Err(Error::from(e)
                    .context(format!("cannot read {}", dir.display())))
            }
        };
        for entry in entries {
            let path = entry
                .context(format!("cannot read {}", dir.display()))?
                .path();
            if !path.is_dir() {
                continue;
            }
            if path.file_name().is_some_and(|n| n == "new") {
                if let Some(one) = read_benchmark(&path)? {
                    found.push(one);
                }
            } else {
                stack.push(path);
            }
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

/// The benchmark criterion measured into one `new/` folder; `None` if it holds no
/// `benchmark.json` and `sample.json`. A file that is there but cannot be read is an error.
fn read_benchmark(new: &Path) -> Result<Option<Found>> {
    let read = |name: &str| -> Result<Option<serde_json::Value>> {
        let path = new.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text)
                .map(Some)
                .context(path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::from(e)
                .context(format!("cannot read {}", path.display()))),
        }
    };
    let (Some(benchmark), Some(sample)) =
        (read("benchmark.json")?, read("sample.json")?)
    else {
        return Ok(None);
    };
    let text = |key: &str| benchmark[key].as_str().map(str::to_string);
    let bad = |what: &str| Error::msg(format!("{}: {what}", new.display()));
    let group = text("group_id").ok_or_else(|| bad("no group_id"))?;
    let function = text("function_id").ok_or_else(|| bad("no function_id"))?;
    let size = match text("value_str") {
        None => None,
        Some(value) => Some(
            positive_whole("size", &value, u64::MAX)
                .map_err(|what| bad(&what))?,
        ),
    };
    let numbers = |key: &str| -> Result<Vec<f64>> {
        sample[key]
            .as_array()
            .ok_or_else(|| bad(&format!("sample.json has no {key}")))?
            .iter()
            .map(|v| v.as_f64().ok_or_else(|| bad("a sample is not a number")))
            .collect()
    };
    let (iters, times) = (numbers("iters")?, numbers("times")?);
    if iters.len() != times.len() || iters.iter().any(|&n| n <= 0.0) {
        return Err(bad("sample.json: iters and times do not match"));
    }
    let per_call_seconds: Vec<f64> = times
        .iter()
        .zip(&iters)
        .map(|(t, n)| t / n * 1e-9)
        .collect();
    // Named here, in the file it comes from: the read-back of the merged results would
    // refuse it too, but name a line of a text that is never written.
    if let Some(t) = per_call_seconds
        .iter()
        .find(|t| !(t.is_finite() && **t >= SMALLEST_SECONDS))
    {
        return Err(bad(&format!(
            "sample.json: a sample of {t} s per call, not a positive time the results \
             file can hold (1e-12 s and up)"
        )));
    }
    Ok(Some(Found {
        path: new.to_path_buf(),
        group,
        function,
        size,
        per_call_seconds,
    }))
}
