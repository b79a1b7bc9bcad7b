//! Every generated file of the book — what each sample prints, each table, each figure — is
//! exactly what the code makes now, and `src/outputs/` and `images/` hold nothing else.
//!
//! The tests and `cargo run --release` share one mechanism, `chapters_code::book::sync`: here
//! it compares; with `UPDATE=1 cargo test --test generated` it rewrites the files that differ
//! (and removes those nothing writes any more), exactly as `cargo run --release` does. Each
//! sample runs in a process of its own (`chapters-code sample NAME`), so that what is compared
//! is what the program really prints.

#[path = "../chapters-code/src/counting_allocator.rs"]
mod counting_allocator;

use std::path::Path;
use std::process::Command;

use chapters_code::book::{self, Host, Kind, Mode};
use chapters_code::chapter::Figure;

fn sync(kind: Kind) {
    let host = Host {
        program: Path::new(env!("CARGO_BIN_EXE_chapters-code")),
        measure: &counting_allocator::measure,
    };
    let mode = Mode::from_env().expect("UPDATE is 1 or unset");
    match book::sync(&host, mode, &[kind]) {
        Ok(report) => {
            assert!(
                report.checked > 0,
                "no {kind:?} files: the check would prove nothing"
            );
            for line in report.changes {
                println!("{line}");
            }
        }
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn every_output_is_what_the_code_prints_now() {
    sync(Kind::Output);
}

#[test]
fn every_figure_is_byte_for_byte_what_the_code_draws_now() {
    sync(Kind::Figure);
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    // The first figure of each kind the book has (PNG and the GIF animation today; an SVG
    // figure would be tried too), and the first sweep chart: each encoder and drawing path
    // must be deterministic, not only the first figure's.
    let figures: Vec<&Figure> = book::figures().map(|(_, f)| f).collect();
    let kind =
        |f: &Figure| f.name.rsplit('.').next().unwrap_or_default().to_string();
    let mut chosen: Vec<&Figure> = Vec::new();
    for &figure in &figures {
        if !chosen.iter().any(|c| kind(c) == kind(figure)) {
            chosen.push(figure);
        }
    }
    let kinds: Vec<String> = chosen.iter().map(|f| kind(f)).collect();
    assert!(
        kinds.contains(&"png".into()) && kinds.contains(&"gif".into()),
        "{kinds:?}"
    );
    chosen.extend(figures.iter().find(|f| f.name.starts_with("sweep-")));
    for figure in chosen {
        let (a, b) = (
            dir.join(format!("twice-a-{}", figure.name)),
            dir.join(format!("twice-b-{}", figure.name)),
        );
        (figure.render)(&a).expect("renders");
        (figure.render)(&b).expect("renders");
        let first = std::fs::read(&a).expect("written");
        let second = std::fs::read(&b).expect("written");
        assert!(!first.is_empty(), "{}: empty", figure.name);
        assert!(first == second, "{}: two renderings differ", figure.name);
    }
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

/// The samples run without the caller's allocator settings: `check` in a shell with
/// `MALLOC_MMAP_THRESHOLD_` set (which moves chapter 1's resident memory) and
/// `GLIBC_TUNABLES` still finds every output as committed.
#[test]
fn outputs_do_not_depend_on_the_callers_allocator_settings() {
    assert!(chapters_code::chapter::is_allocator_setting(
        "MALLOC_TOP_PAD_"
    ));
    assert!(chapters_code::chapter::is_allocator_setting(
        "GLIBC_TUNABLES"
    ));
    assert!(!chapters_code::chapter::is_allocator_setting(
        "RUST_BACKTRACE"
    ));
    if matches!(Mode::from_env(), Ok(Mode::Update)) {
        return; // the other tests are rewriting the files this one reads
    }
    let run = Command::new(env!("CARGO_BIN_EXE_chapters-code"))
        .arg("check")
        .env("MALLOC_MMAP_THRESHOLD_", "1000000000")
        .env("GLIBC_TUNABLES", "glibc.malloc.tcache_count=0")
        .output()
        .expect("the chapters-code binary runs");
    assert!(
        run.status.success(),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}
