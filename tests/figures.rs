//! Every figure in `images/` is exactly what the code draws now, and nothing else is there.
//!
//! On a difference, regenerate with `cargo run --release -- figures` and look at the picture.

mod support;

use std::collections::BTreeSet;

use support::*;

#[test]
fn committed_figures_are_byte_for_byte_what_the_code_renders() {
    let fresh_dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("figures-check");
    let _ = std::fs::remove_dir_all(&fresh_dir);
    let written = chapters_code::figures::render_all(&fresh_dir).expect("every figure renders");
    assert!(!written.is_empty());
    let mut problems = Vec::new();
    for fresh in &written {
        let name = fresh.file_name().expect("a file name");
        let committed = repo_root().join("images").join(name);
        let fresh_bytes = std::fs::read(fresh).expect("just written");
        match std::fs::read(&committed) {
            Err(_) => problems.push(format!("images/{} is missing", name.to_string_lossy())),
            Ok(bytes) if bytes != fresh_bytes => problems.push(format!(
                "images/{} differs from what the code renders now",
                name.to_string_lossy()
            )),
            Ok(_) => {}
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\nRun `cargo run --release -- figures` and review the pictures.",
        problems.join("\n")
    );
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let figure = chapters_code::figures::all()[0];
    let (a, b) = (dir.join("twice-a.png"), dir.join("twice-b.png"));
    (figure.render)(&a).expect("renders");
    (figure.render)(&b).expect("renders");
    assert_eq!(std::fs::read(a).ok(), std::fs::read(b).ok());
}

#[test]
fn images_holds_only_figures_the_code_draws() {
    let expected: BTreeSet<String> = chapters_code::figures::all()
        .iter()
        .map(|f| f.file.to_string())
        .collect();
    let on_disk: BTreeSet<String> = std::fs::read_dir(repo_root().join("images"))
        .expect("images/ exists")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    let extra: Vec<_> = on_disk.difference(&expected).collect();
    assert!(
        extra.is_empty(),
        "files in images/ that no code draws: {extra:?}"
    );
}
