//! `cargo run --release`: regenerates every figure in `images/` and every printed output in
//! `src/outputs/`. Run with `--help` for the other commands.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use chapters_code::ch01_memory::{heap_report, HeapUse, HEAP_REPORT_PATH};
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
        let path = root.join(sample.output_path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, &output.stdout)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("output  {}", display_relative(&path));
    }
    let path = root.join(HEAP_REPORT_PATH);
    std::fs::write(&path, heap_report(measure))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("output  {HEAP_REPORT_PATH}");
    Ok(())
}

fn run_sample(key: &str) -> Result<(), String> {
    let sample = samples::find(key)
        .ok_or_else(|| format!("no sample named {key:?}; `cargo run -- list` shows them all"))?;
    (sample.run)();
    Ok(())
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
