//! `cargo run --release`: regenerates every figure in `images/` and every printed output in
//! `src/outputs/`. Run with `--help` for the other commands.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use chapters_code::memory::{heap_report, HeapUse, HEAP_REPORT_PATH};
use chapters_code::{figures, samples};

/// Measures the heap use of some code with the `allocation-counter` crate, which is this
/// program's global allocator.
fn measure(code: &mut dyn FnMut()) -> HeapUse {
    let info = allocation_counter::measure(code);
    HeapUse {
        allocations: info.count_total,
        peak_bytes: info.bytes_max,
    }
}

const USAGE: &str = "\
Regenerates the book's figures and printed outputs.

Usage: cargo run --release [-- COMMAND]

Commands:
  all            render every figure into images/ and every output into src/outputs/ (default)
  figures        render every figure into images/
  outputs        run every sample and write what it prints into src/outputs/
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
    let result = match args.as_slice() {
        [] | ["all"] => write_figures().and_then(|()| write_outputs()),
        ["figures"] => write_figures(),
        ["outputs"] => write_outputs(),
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
        _ => Err(format!(
            "unknown arguments: {}\n\n{USAGE}",
            if args.is_empty() {
                String::new()
            } else {
                args.join(" ")
            }
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// The repository root: the parent of this crate's manifest directory.
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn write_figures() -> Result<(), String> {
    let dir = repo_root().join("images");
    let written = figures::render_all(&dir).map_err(|e| e.to_string())?;
    for path in written {
        println!("figure  {}", display_relative(&path));
    }
    Ok(())
}

/// Runs every sample in its own process (this binary, `sample NAME`) so that exactly what it
/// prints is captured, and writes it to the sample's output file.
fn write_outputs() -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let root = repo_root();
    for sample in samples::all() {
        let key = format!("{}/{}", sample.chapter, sample.name);
        let output = Command::new(&exe)
            .args(["sample", &key])
            .output()
            .map_err(|e| format!("cannot run sample {key}: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "sample {key} failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        write_output(&root.join(sample.output_path()), &output.stdout)?;
    }
    for generated in samples::generated_outputs() {
        write_output(&root.join(generated.path), (generated.render)()?.as_bytes())?;
    }
    write_output(
        &root.join(HEAP_REPORT_PATH),
        heap_report(measure).as_bytes(),
    )?;
    Ok(())
}

/// Writes one output file (creating its folder) and reports it.
fn write_output(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("output  {}", display_relative(path));
    Ok(())
}

fn run_sample(key: &str) -> Result<(), String> {
    let sample = samples::find(key)
        .ok_or_else(|| format!("no sample named {key:?}; `cargo run -- list` shows them all"))?;
    (sample.run)();
    Ok(())
}

/// Merges the medians criterion measured with the Python timings and the machine facts that
/// `./bench.sh` gathered in `dir` (`python.csv`, `machine.txt`) into `results/benchmarks.csv`.
fn collect_results(dir: &Path) -> Result<(), String> {
    use chapters_code::results::{Results, Timing, BENCHMARKS_PATH};

    let root = repo_root();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let mut results = Results::default();
    let machine = std::fs::read_to_string(dir.join("machine.txt"))
        .map_err(|e| format!("cannot read {}: {e}", dir.join("machine.txt").display()))?;
    for line in machine.lines() {
        if let Some((key, value)) = line.split_once(": ") {
            results
                .machine
                .push((key.trim().into(), value.trim().into()));
        }
    }
    for (side, folder) in [("rust", "criterion"), ("rust+thp", "criterion-thp")] {
        let mut found = criterion_medians(&target.join(folder))?;
        found.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        for (group, variant, median_seconds) in found {
            results.timings.push(Timing {
                group,
                side: side.into(),
                variant,
                median_seconds,
            });
        }
    }
    let python = dir.join("python.csv");
    if let Ok(text) = std::fs::read_to_string(&python) {
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            if let [group, variant, seconds, _repeats] = fields[..] {
                let median_seconds = seconds
                    .parse()
                    .map_err(|_| format!("{}: bad number {seconds:?}", python.display()))?;
                results.timings.push(Timing {
                    group: group.into(),
                    side: "python".into(),
                    variant: variant.into(),
                    median_seconds,
                });
            }
        }
    } else {
        println!(
            "note: no Python timings in {} (NumPy side not measured)",
            python.display()
        );
    }
    if results.timings.is_empty() {
        return Err("no benchmark results found: run ./bench.sh".into());
    }
    let path = root.join(BENCHMARKS_PATH);
    std::fs::write(&path, results.to_csv())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!(
        "results {BENCHMARKS_PATH}: {} timings",
        results.timings.len()
    );
    Ok(())
}

/// Reads `<group>/<function>/new/estimates.json` under a criterion output folder and returns
/// (group, function, median seconds) for each.
fn criterion_medians(folder: &Path) -> Result<Vec<(String, String, f64)>, String> {
    let mut found = Vec::new();
    let Ok(groups) = std::fs::read_dir(folder) else {
        return Ok(found);
    };
    for group in groups.flatten().filter(|e| e.path().is_dir()) {
        let Ok(functions) = std::fs::read_dir(group.path()) else {
            continue;
        };
        for function in functions.flatten() {
            let benchmark = function.path().join("new").join("benchmark.json");
            let estimates = function.path().join("new").join("estimates.json");
            let (Ok(benchmark), Ok(estimates)) = (
                std::fs::read_to_string(&benchmark),
                std::fs::read_to_string(&estimates),
            ) else {
                continue;
            };
            let parse = |text: &str, path: &Path| {
                serde_json::from_str::<serde_json::Value>(text)
                    .map_err(|e| format!("{}: {e}", path.display()))
            };
            let benchmark_json = parse(&benchmark, &function.path())?;
            let estimates_json = parse(&estimates, &function.path())?;
            let name = |key: &str| benchmark_json[key].as_str().map(str::to_string);
            let median_ns = estimates_json["median"]["point_estimate"].as_f64();
            if let (Some(group_id), Some(function_id), Some(ns)) =
                (name("group_id"), name("function_id"), median_ns)
            {
                found.push((group_id, function_id, ns * 1e-9));
            }
        }
    }
    Ok(found)
}

fn list() {
    for sample in samples::all() {
        println!("sample  {}/{}", sample.chapter, sample.name);
    }
    for figure in figures::all() {
        println!("figure  images/{}", figure.file);
    }
}

fn display_relative(path: &Path) -> String {
    let root = repo_root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}
