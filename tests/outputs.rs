//! Every sample of the book runs, and prints exactly the output the book shows under it.
//!
//! Each sample runs in its own process (`chapters-code sample NAME`), so that what is compared
//! is what the program really prints. On a difference, regenerate the outputs with
//! `cargo run --release -- outputs` and review the diff with git before committing.

mod support;

use std::collections::BTreeSet;
use std::process::Command;

use support::*;

#[test]
fn every_sample_prints_its_committed_output() {
    let root = repo_root();
    let exe = env!("CARGO_BIN_EXE_chapters-code");
    let mut problems = Vec::new();
    let samples = chapters_code::samples::all();
    assert!(!samples.is_empty());
    for sample in &samples {
        let key = format!("{}/{}", sample.chapter, sample.name);
        let run = Command::new(exe)
            .args(["sample", &key])
            .output()
            .expect("the chapters-code binary runs");
        if !run.status.success() {
            problems.push(format!(
                "sample {key} failed:\n{}",
                String::from_utf8_lossy(&run.stderr)
            ));
            continue;
        }
        let path = root.join(sample.output_path());
        let committed = std::fs::read(&path).unwrap_or_default();
        if committed != run.stdout {
            problems.push(format!(
                "sample {key}: {} differs from what the code prints now.\n--- committed\n{}\n--- printed now\n{}",
                sample.output_path().display(),
                String::from_utf8_lossy(&committed),
                String::from_utf8_lossy(&run.stdout)
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\nRun `cargo run --release -- outputs` to regenerate, then review `git diff`.",
        problems.join("\n\n")
    );
}

#[test]
fn every_generated_output_is_what_the_code_generates_now() {
    let mut problems = Vec::new();
    for generated in chapters_code::samples::generated_outputs() {
        let now = (generated.render)().expect("renders");
        let committed =
            std::fs::read_to_string(repo_root().join(generated.path)).unwrap_or_default();
        if committed != now {
            problems.push(format!("{} is stale", generated.path));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\nRun `cargo run --release -- outputs` to regenerate.",
        problems.join("\n")
    );
}

#[test]
fn no_output_file_is_left_without_its_sample() {
    let root = repo_root();
    let mut expected: BTreeSet<_> = chapters_code::samples::all()
        .iter()
        .map(|s| root.join(s.output_path()))
        .collect();
    expected.extend(
        chapters_code::samples::other_generated_outputs()
            .into_iter()
            .map(|p| root.join(p)),
    );
    let stale: Vec<_> = files_with_suffix(&root.join("src").join("outputs"), "")
        .into_iter()
        .filter(|p| !expected.contains(p))
        .collect();
    assert!(
        stale.is_empty(),
        "output files that no sample writes: {stale:?}"
    );
}

#[test]
fn an_unknown_command_is_a_clear_error() {
    let run = Command::new(env!("CARGO_BIN_EXE_chapters-code"))
        .arg("--frobnicate")
        .output()
        .expect("the chapters-code binary runs");
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("unknown arguments: --frobnicate"),
        "{stderr}"
    );
    assert!(stderr.contains("Usage:"), "{stderr}");
}
