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
    let (_, figure) = book::figures().next().expect("the book has figures");
    let (a, b) = (dir.join("twice-a.png"), dir.join("twice-b.png"));
    (figure.render)(&a).expect("renders");
    (figure.render)(&b).expect("renders");
    assert_eq!(std::fs::read(a).ok(), std::fs::read(b).ok());
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
