//! `cargo run --release`: regenerates every figure in `images/` and every printed output in
//! `src/outputs/`. Run with `--help` for the other commands.

mod counting_allocator;

use std::path::Path;
use std::process::ExitCode;

use chapters_code::benchmarks::{measured_series, Side};
use chapters_code::book::{self, Host, Kind, Mode};
use chapters_code::chapter::repo_root;
use chapters_code::error::{Context, Error, Result};
use chapters_code::results::{
    utf8_text, write_atomically, BenchPlan, Results, BENCHMARKS_PATH,
};

const USAGE: &str = "\
Regenerates the book's figures and printed outputs.

Usage: cargo run --release [-- COMMAND]

Commands:
  all            render every figure into images/ and every output into src/outputs/ (default)
  figures        render every figure into images/
  outputs        run every sample and write what it prints into src/outputs/
  check          compare every figure and output with what the code makes now; write nothing
  sample NAME    run one sample (NAME or CHAPTER/NAME) and print its output
  bench-plan DIR [GROUP...]
                 check the group names (all groups when none) and write what ./bench.sh
                 measures into DIR: criterion filters per side, the Python plan
  machine        print the machine facts this program detects (the CPU's SIMD features,
                 the base and huge page sizes)
  results DIR [FILE]
                 merge the run measured into DIR (criterion-*/, python.csv, machine.txt)
                 into FILE (default results/benchmarks.csv, created if missing): the
                 timings it measured are replaced, every other line is kept
                 (./bench.sh runs the benchmarks and then this)
  heap LAYOUT    build one layout of chapter 1's heap table in this fresh process and
                 print what it requested and how much resident memory it took
  list           list the samples and figures
  help           show this message";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let all = [Kind::Output, Kind::Figure];
    let result = match args.as_slice() {
        [] | ["all"] => sync(Mode::Update, &all),
        ["figures"] => sync(Mode::Update, &[Kind::Figure]),
        ["outputs"] => sync(Mode::Update, &[Kind::Output]),
        ["check"] => sync(Mode::Check, &all),
        ["sample", name] => run_sample(name),
        ["results", dir] => collect_results(Path::new(dir), None),
        ["results", dir, file] => {
            collect_results(Path::new(dir), Some(Path::new(file)))
        }
        ["bench-plan", dir, groups @ ..] => bench_plan(Path::new(dir), groups),
        ["machine"] => {
            println!("cpu features: {}", cpu_features());
            // Chapter 2's page-fault sentences count the run's own pages.
            print!("{}", chapters_code::speed::page_size_facts());
            Ok(())
        }
        ["heap", layout] => heap(layout),
        ["list"] => {
            list();
            Ok(())
        }
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(Error::msg(format!(
            "unknown arguments: {}\n\n{USAGE}",
            args.join(" ")
        ))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

/// Writes (or checks) the generated files of the given kinds, running each sample in a
/// process of its own (this program, `sample NAME`).
fn sync(mode: Mode, kinds: &[Kind]) -> Result<()> {
    // A results file that does not read cleanly stops everything before a file is written.
    Results::committed()?;
    let program =
        std::env::current_exe().context("cannot find this program")?;
    let host = Host {
        program: &program,
        measure: &counting_allocator::measure,
    };
    let report = book::sync(&host, mode, kinds)?;
    for line in &report.changes {
        println!("{line}");
    }
    println!(
        "{} checked, {} changed",
        count(report.checked, "generated file"),
        report.changes.len()
    );
    Ok(())
}

fn run_sample(key: &str) -> Result<()> {
    let (_, sample) = book::find_sample(key).context(format!(
        "no sample named {key:?} (a name two chapters share needs its CHAPTER/); \
         `cargo run -- list` shows them all"
    ))?;
    (sample.run)();
    Ok(())
}

/// Measures one layout of chapter 1's heap table; this process must be fresh.
fn heap(key: &str) -> Result<()> {
    let layout = chapters_code::memory::HeapLayout::from_key(key)?;
    let record = layout.measure(&counting_allocator::measure)?;
    print!("{}", record.to_line());
    Ok(())
}

/// Merges the run `./bench.sh` measured into `dir` into the results file.
fn collect_results(dir: &Path, file: Option<&Path>) -> Result<()> {
    if file.is_some_and(|file| file.as_os_str().is_empty()) {
        return Err(Error::msg(
            "the results FILE is an empty path: name a file, or leave it out for \
             results/benchmarks.csv",
        ));
    }
    let path = file
        .map(Path::to_path_buf)
        .unwrap_or_else(|| repo_root().join(BENCHMARKS_PATH));
    let known = measured_series();
    let mut creating = false;
    let old = match std::fs::read(&path) {
        Ok(bytes) => utf8_text(&path, bytes).and_then(|text| {
            Results::parse_with(&text, &known)
                .and_then(|old| kept_as_written(&text, &old).map(|()| old))
                .map_err(|e| e.context(path.display().to_string()))
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            creating = true;
            Results::default()
        }
        Err(e) => {
            return Err(Error::from(e)
                .context(format!("cannot read {}", path.display())))
        }
    };
    let fresh = Results::collect(dir)?;
    let python = fresh
        .timings
        .iter()
        .filter(|t| t.series.side == Side::Python);
    if python.count() == 0 {
        println!(
            "note: no NumPy timings in this run; the NumPy rows keep the runs that measured them"
        );
    }
    let measured = fresh.timings.len();
    let merged = old.merge(fresh, &known);
    let text = merged
        .to_checked_csv(&known)
        .context("the merged results")?;
    write_atomically(&path, text.as_bytes())?;
    // Said only once the file is written: a run that cannot be read, or a write that fails
    // (a link to nothing, a read-only folder), creates nothing.
    if creating {
        println!("note: {} did not exist: created it", path.display());
    }
    println!(
        "results {}: {} measured now, {} in all, from {}",
        path.display(),
        count(measured, "timing"),
        merged.timings.len(),
        count(merged.runs.len(), "run")
    );
    Ok(())
}

/// Checks that merging into `old`, read from `text`, would keep each of its lines byte for
/// byte and in its place: the merged file is written from the parsed results, so a line the
/// parser reads but the writer would spell otherwise (a comment or a blank line, a CRLF end,
/// a time with more or fewer than 12 decimals, which would be rounded: `0.0009086321874`), a
/// line out of the writer's order (timings out of the registry's order, runs out of
/// number order) or one written twice (the title) would silently change, move or vanish in a
/// partial run, which promises to touch only what it measured. The text must be what the
/// writer writes for `old`; the error names the first line where it is not.
fn kept_as_written(text: &str, old: &Results) -> Result<()> {
    // As the merge writes it: the parser lists the runs by number and the timings in the
    // registry's order, as the merge does, whatever order the file has (and refuses a run
    // no timing names, which the merge would drop).
    let written = old.to_csv();
    if text == written {
        return Ok(());
    }
    // Compared with their `\n`s, so that a CR before one is a difference.
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let expected: Vec<&str> = written.split_inclusive('\n').collect();
    let index = lines
        .iter()
        .zip(&expected)
        .position(|(line, expected)| line != expected)
        .unwrap_or(lines.len().min(expected.len()));
    let number = index + 1;
    let shown =
        |line: &str| line.strip_suffix('\n').unwrap_or(line).to_string();
    let problem = match (lines.get(index), expected.get(index)) {
        (Some(line), _) if !expected.contains(line) => format!(
            "{:?} is not written as ./bench.sh writes its lines (a comment, a blank \
             line, a CR before the line end, or a number spelled otherwise, such as a \
             time without exactly 12 decimals): a merge would change or drop it; \
             restore it as ./bench.sh wrote it, or delete it",
            shown(line)
        ),
        (_, Some(missing)) if !lines.contains(missing) => format!(
            "./bench.sh writes {:?} here, which the file lacks: a merge would add it; \
             restore it",
            shown(missing)
        ),
        (Some(line), _) => format!(
            "{:?} is out of place (./bench.sh writes the runs' facts by run number and \
             the timings in the registry's order, each line once): a merge would move \
             or drop it; put it back where ./bench.sh wrote it, or delete it",
            shown(line)
        ),
        (None, _) => "the file ends before ./bench.sh's last line".to_string(),
    };
    Err(Error::msg(format!("line {number}: {problem}")))
}

/// Checks the group names and writes the plan of a `./bench.sh` run into `dir`.
fn bench_plan(dir: &Path, groups: &[&str]) -> Result<()> {
    let plan = BenchPlan::new(groups)?;
    plan.write(dir)?;
    println!(
        "plan: {} in {}: {}",
        count(plan.series.len(), "benchmark"),
        count(plan.groups.len(), "group"),
        plan.groups.join(" ")
    );
    Ok(())
}

/// The SIMD features of this CPU that matter for the book's workloads, as detected at run
/// time (lower case, as `/proc/cpuinfo` spells them).
fn cpu_features() -> String {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    {
        let mut found = Vec::new();
        macro_rules! detect {
            ($($feature:tt),*) => {
                $(if std::arch::is_x86_feature_detected!($feature) {
                    found.push($feature);
                })*
            };
        }
        detect!(
            "sse4.2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512cd",
            "avx512bw", "avx512vl"
        );
        found.join(" ")
    }
    #[cfg(target_arch = "aarch64")]
    {
        if std::arch::is_aarch64_feature_detected!("sve") {
            "neon sve".to_string()
        } else {
            "neon".to_string()
        }
    }
    #[cfg(not(any(
        target_arch = "x86",
        target_arch = "x86_64",
        target_arch = "aarch64"
    )))]
    {
        "unknown".to_string()
    }
}

/// "1 group", "2 groups": a count and its noun, so that a run of one reads right.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn list() {
    for (chapter, sample) in book::samples() {
        println!("sample  {}", book::sample_key(chapter, sample));
    }
    for (chapter, figure) in book::figures() {
        println!("figure  {}", chapter.figure_path(figure).display());
    }
}
