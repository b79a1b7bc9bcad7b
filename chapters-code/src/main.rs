//! `cargo run --release`: regenerates every figure in `images/` and every printed output in
//! `src/outputs/`. Run with `--help` for the other commands.

mod counting_allocator;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chapters_code::book::{self, Host, Kind, Mode};
use chapters_code::chapter::repo_root;
use chapters_code::error::{Context, Error, Result};
use chapters_code::results::{Results, BENCHMARKS_PATH};

const USAGE: &str = "\
Regenerates the book's figures and printed outputs.

Usage: cargo run --release [-- COMMAND]

Commands:
  all            render every figure into images/ and every output into src/outputs/ (default)
  figures        render every figure into images/
  outputs        run every sample and write what it prints into src/outputs/
  check          compare every figure and output with what the code makes now; write nothing
  sample NAME    run one sample (NAME or CHAPTER/NAME) and print its output
  results DIR    merge criterion's results (target/criterion, target/criterion-thp) with the
                 Python timings and machine facts in DIR into results/benchmarks.csv
                 (./bench.sh runs the benchmarks and then this)
  page-faults L  count the page faults of chapter 2's reciprocals (L labels the lines)
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
        ["results", dir] => collect_results(Path::new(dir)),
        ["page-faults", label] => {
            print!("{}", chapters_code::speed::page_fault_report(label));
            Ok(())
        }
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
        "{} generated files checked, {} changed",
        report.checked,
        report.changes.len()
    );
    Ok(())
}

fn run_sample(key: &str) -> Result<()> {
    let (_, sample) = book::find_sample(key).context(format!(
        "no sample named {key:?}; `cargo run -- list` shows them all"
    ))?;
    (sample.run)();
    Ok(())
}

/// Merges what `./bench.sh` measured into `results/benchmarks.csv`.
fn collect_results(dir: &Path) -> Result<()> {
    let root = repo_root();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let results = Results::collect(dir, &target)?;
    if !results.timings.iter().any(|t| t.side == "python") {
        println!(
            "note: no Python timings in {} (NumPy side not measured)",
            dir.join("python.csv").display()
        );
    }
    if results.timings.is_empty() {
        return Err(Error::msg("no benchmark results found: run ./bench.sh"));
    }
    let path = root.join(BENCHMARKS_PATH);
    std::fs::write(&path, results.to_csv())
        .context(format!("cannot write {}", path.display()))?;
    println!(
        "results {BENCHMARKS_PATH}: {} timings",
        results.timings.len()
    );
    Ok(())
}

fn list() {
    for (chapter, sample) in book::samples() {
        println!("sample  {}", book::sample_key(chapter, sample));
    }
    for (chapter, figure) in book::figures() {
        println!("figure  {}", chapter.figure_path(figure).display());
    }
}
