//! `book-test`: the mdBook preprocessor that lets plain `mdbook test` test the book.
//!
//! mdBook 0.5 runs `rustdoc --test` on every chapter, but gives rustdoc only the `-L` folders
//! typed on its command line (never `--extern`), while the book's Rust blocks use the companion
//! crate `chapters-code` and its dependencies. Plain `mdbook test` therefore fails with "can't
//! find crate" on every block. `book.toml` registers this program for the `test` renderer only
//! (`renderers = ["test"]`), so it runs during `mdbook test` and never during `mdbook build` or
//! `mdbook serve`. It
//!
//! 1. builds the companion crate's libraries (`cargo build -p chapters-code --lib --examples`:
//!    the examples make cargo resolve features as `cargo test` does, so the files are the ones
//!    the tests built) and links
//!    exactly the libraries cargo reports for this build into `target/book-libs`, one per crate
//!    (the folder `target/debug/deps` would give rustdoc several candidates, error E0464);
//! 2. runs `rustdoc --test` on each chapter the way mdBook does (the chapter as the earlier
//!    preprocessors left it, the book's edition) plus `-L` with the same libraries (linked into
//!    a folder of this run, `target/book-test/run-PID/`, removed at the end, or by a later run
//!    when this one is interrupted), and prints each chapter's result and the total; a chapter
//!    whose rustdoc prints no `test result:` line fails;
//! 3. exits with an error when any block fails to compile or panics, which fails `mdbook test`;
//! 4. otherwise hands the chapters back to mdBook emptied: they are tested, and mdBook's own
//!    rustdoc pass, which cannot find the crates, has nothing left to compile a second time.
//!
//! `mdbook test -L target/book-libs` works too (the folder is the one step 1 fills), and
//! `BOOK_TEST=mdbook mdbook test -L target/book-libs` makes this preprocessor stop after step 1
//! and leave the chapters untouched, so that mdBook alone compiles the blocks.
//! `mdbook test --chapter NAME` still tests every chapter: mdBook does not tell preprocessors
//! which chapter it was asked for.
//!
//! `book-test libs` does only step 1 (that is `scripts/book-libs.sh`).

use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;
use std::{env, fs, io};

/// What the program takes, for `--help` and for an unknown argument.
const USAGE: &str = "usage: book-test [libs | supports RENDERER] (without arguments it reads \
                     mdBook's preprocessor input on stdin; `mdbook test` runs it so, and \
                     scripts/book-libs.sh runs `book-test libs`)";

/// The package whose libraries the book's blocks link against.
const PACKAGE: &str = "chapters-code";

/// Errors end the run with a message; failing blocks are reported as test failures instead.
type Error = Box<dyn std::error::Error>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        // mdBook asks `book-test supports RENDERER` when book.toml does not list the renderers.
        Some("supports") => {
            return if args.get(1).map(String::as_str) == Some("test") {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        }
        // Like the repository's scripts, --help answers without doing any work (it was an
        // "unknown argument" error).
        Some("-h" | "--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some("libs") if args.len() > 1 => Err(format!(
            "unexpected argument {:?} after libs; usage: book-test libs",
            args[1]
        )
        .into()),
        // The workspace's root, this crate's parent, from any folder: the current folder put
        // book-libs/ in chapters-code/target when run from chapters-code/.
        Some("libs") => {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"))
                .parent()
                .ok_or("book-test's folder has no parent");
            root.map_err(Error::from).and_then(|root| {
                shared_libs(root, &build_libs(root)?).map(|_| true)
            })
        }
        None => preprocess(),
        Some(other) => {
            Err(format!("unknown argument {other:?}; {USAGE}").into())
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("book-test: error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Reads `[context, book]` from stdin, tests every chapter and writes the book back to stdout.
/// Returns `Ok(false)` when a block failed.
fn preprocess() -> Result<bool, Error> {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input)?;
    let input: Value = serde_json::from_str(&input)?;
    let (context, mut book) = match input {
        Value::Array(mut pair) if pair.len() == 2 => {
            let book = pair.pop().unwrap_or(Value::Null);
            (pair.pop().unwrap_or(Value::Null), book)
        }
        _ => return Err(
            "expected mdBook's preprocessor input, [context, book], on stdin"
                .into(),
        ),
    };

    if context["renderer"] != "test" {
        write_book(&book)?;
        return Ok(true);
    }
    let root = PathBuf::from(
        context["root"]
            .as_str()
            .ok_or("mdBook's context has no book root")?,
    );
    let edition = context["config"]["rust"]["edition"].as_str();
    let files = build_libs(&root)?;
    let libs = shared_libs(&root, &files)?;
    if env::var("BOOK_TEST").is_ok_and(|v| v == "mdbook") {
        eprintln!(
            "book-test: BOOK_TEST=mdbook: the Rust blocks are left to mdBook (give it -L {})",
            libs.display()
        );
        write_book(&book)?;
        return Ok(true);
    }

    // This run's own folder, with its own links to the libraries: another `mdbook test` running
    // at the same time (several people share a checkout) then cannot pull files from under it.
    let runs = target_dir(&root).join("book-test");
    remove_interrupted_runs(&runs);
    let work = runs.join(format!("run-{}", std::process::id()));
    let libs = work.join("libs");
    link_libs(&files, &libs)?;
    eprintln!(
        "book-test: rustdoc --test on every chapter (edition {}, -L {})",
        edition.unwrap_or("2015"),
        libs.display()
    );
    let start = Instant::now();
    let mut total = Summary::default();
    let mut failed_chapters = Vec::new();
    // mdBook shows a Run button on Rust blocks unless book.toml turns it off: those blocks are
    // sent to the Rust Playground, which has std and ndarray but not the companion crate.
    let runnable =
        context["config"]["output"]["html"]["playground"]["runnable"] != false;
    let mut playable: Vec<(String, String)> = Vec::new();
    let tested = for_each_chapter(&mut book["items"], &mut |chapter| {
        let Some(path) = chapter["path"].as_str().filter(|p| !p.is_empty())
        else {
            return Ok(()); // a draft chapter: no file, nothing to test
        };
        let content = chapter["content"].as_str().unwrap_or_default();
        if runnable {
            playable.extend(
                playable_blocks(content)
                    .into_iter()
                    .map(|block| (path.to_owned(), block)),
            );
        }
        let summary =
            test_chapter(&work, Path::new(path), content, &libs, edition, &[])?;
        total.add(&summary);
        if summary.failed > 0 {
            failed_chapters.push(path.to_owned());
        }
        // Tested: mdBook's own pass would only fail to find the crates.
        chapter["content"] = Value::String(String::new());
        Ok(())
    });
    let played = match tested {
        Ok(()) if !playable.is_empty() => {
            test_playable(&root, &work, &playable, edition)
        }
        Ok(()) => Ok(Summary::default()),
        Err(error) => Err(error),
    };
    // Failing blocks were printed in full; nothing in the folder is needed any more.
    let _ = fs::remove_dir_all(&work);
    let played = played?;
    total.add(&played);
    if played.failed > 0 {
        failed_chapters.push("(blocks with a Run button)".to_owned());
    }

    let verdict = if failed_chapters.is_empty() {
        "ok"
    } else {
        "FAILED"
    };
    eprintln!(
        "book-test: test result: {verdict}. {} passed; {} failed; {} ignored \
         (every Rust block of the book, {:.1} s)",
        total.passed,
        total.failed,
        total.ignored,
        start.elapsed().as_secs_f64()
    );
    if !failed_chapters.is_empty() {
        eprintln!(
            "book-test: failing chapters: {} (their rustdoc output is above)",
            failed_chapters.join(", ")
        );
        return Ok(false);
    }
    write_book(&book)?;
    Ok(true)
}

/// Writes the book for mdBook on stdout, the only thing this program writes there.
fn write_book(book: &Value) -> Result<(), Error> {
    let mut stdout = io::stdout().lock();
    serde_json::to_writer(&mut stdout, book)?;
    stdout.flush()?;
    Ok(())
}

/// Calls `visit` on every chapter of `items` (a book's `items` or a chapter's `sub_items`),
/// depth first in reading order. Separators and part titles are not chapters.
fn for_each_chapter(
    items: &mut Value,
    visit: &mut dyn FnMut(&mut Value) -> Result<(), Error>,
) -> Result<(), Error> {
    for item in items.as_array_mut().into_iter().flatten() {
        if let Some(chapter) = item.get_mut("Chapter") {
            visit(chapter)?;
            for_each_chapter(&mut chapter["sub_items"], visit)?;
        }
    }
    Ok(())
}

/// The counts of one `test result:` line of rustdoc (or their sum).
#[derive(Debug, Default, PartialEq, Eq)]
struct Summary {
    passed: u64,
    failed: u64,
    ignored: u64,
}

impl Summary {
    fn add(&mut self, other: &Summary) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.ignored += other.ignored;
    }
}

/// Reads the last `test result: ok. 3 passed; 0 failed; 1 ignored; …` line of rustdoc's output.
fn parse_summary(stdout: &str) -> Option<Summary> {
    let line = stdout
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("test result:"))?;
    let mut summary = Summary::default();
    for part in line.split(['.', ';']) {
        let mut words = part.split_whitespace();
        let (Some(count), Some(what)) = (words.next(), words.next()) else {
            continue;
        };
        let Ok(count) = count.parse::<u64>() else {
            continue;
        };
        match what {
            "passed" => summary.passed = count,
            "failed" => summary.failed = count,
            "ignored" => summary.ignored = count,
            _ => {}
        }
    }
    Some(summary)
}

/// A chapter's counts from its rustdoc run: its `test result:` line, with one failure more
/// when rustdoc failed without counting one. A run that printed no `test result:` line tested
/// nothing that can be counted, so it is a failure too: rustdoc prints the line even for a
/// chapter without tests (`ok. 0 passed`), and `RUSTDOC=/bin/true` passed every chapter.
fn chapter_summary(stdout: &str, success: bool) -> Summary {
    match parse_summary(stdout) {
        Some(mut summary) => {
            if !success && summary.failed == 0 {
                summary.failed = 1;
            }
            summary
        }
        None => Summary {
            failed: 1,
            ..Summary::default()
        },
    }
}

/// Runs `rustdoc --test` on one chapter in `work`, prints one line about it (and rustdoc's whole
/// output when something failed) and returns its counts. A chapter that rustdoc cannot test at
/// all counts as one failure.
fn test_chapter(
    work: &Path,
    path: &Path,
    content: &str,
    libs: &Path,
    edition: Option<&str>,
    extra_args: &[&str],
) -> Result<Summary, Error> {
    let file = work.join(path);
    if let Some(parent) = file.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(&file, content)?;

    eprint!("  {:<40}", path.display());
    let start = Instant::now();
    let mut rustdoc = Command::new(
        env::var_os("RUSTDOC").unwrap_or_else(|| "rustdoc".into()),
    );
    rustdoc
        .current_dir(work)
        .arg(path)
        .arg("--test")
        .arg("-L")
        .arg(libs)
        .args(extra_args);
    if let Some(edition) = edition {
        rustdoc.args(["--edition", edition]);
    }
    if names_error_codes(content) {
        // Stable rustdoc accepts `compile_fail,E0382` but only checks that the block fails to
        // compile, for any reason (a typo would do). With RUSTC_BOOTSTRAP it also checks that
        // the error is the one named, as a nightly rustdoc does. Only chapters that name an
        // error code get it, and the guard rejects `#![feature` in the book's blocks.
        rustdoc.env("RUSTC_BOOTSTRAP", "1");
    }
    let output = rustdoc
        .output()
        .map_err(|e| format!("cannot run rustdoc: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let summary = chapter_summary(&stdout, output.status.success());
    let mut line = format!(
        "{:>4} passed  {:>5.1} s",
        summary.passed,
        start.elapsed().as_secs_f64()
    );
    if summary.ignored > 0 {
        line += &format!("  ({} ignored)", summary.ignored);
    }
    if summary.failed > 0 {
        line += &format!("  {} FAILED", summary.failed);
    }
    if parse_summary(&stdout).is_none() {
        line += "  (rustdoc printed no `test result:` line)";
    }
    eprintln!("{line}");
    if summary.failed > 0 {
        eprintln!(
            "--- rustdoc --test {}: stdout\n{stdout}\n--- stderr\n{}",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(summary)
}

/// A fenced code block of a chapter: its info string's tokens and the block as written.
struct Fenced {
    tokens: Vec<String>,
    text: String,
}

/// The fenced code blocks of a chapter (``` or ~~~, at least three, indented less than four
/// spaces), in order. Lines inside a block are never taken for fences.
fn fenced_blocks(content: &str) -> Vec<Fenced> {
    let mut blocks = Vec::new();
    let mut lines = content.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let fence_char = match trimmed.chars().next() {
            Some(c @ ('`' | '~')) if indent < 4 => c,
            _ => continue,
        };
        let fence_len =
            trimmed.chars().take_while(|&c| c == fence_char).count();
        if fence_len < 3 {
            continue;
        }
        let info = trimmed[fence_len..].trim();
        let fence = fence_char.to_string().repeat(fence_len);
        let mut text = format!("{fence}{info}\n");
        for inner in lines.by_ref() {
            let closing = inner.trim();
            if closing.len() >= fence_len
                && closing.chars().all(|c| c == fence_char)
            {
                break;
            }
            text.push_str(inner);
            text.push('\n');
        }
        text.push_str(&fence);
        text.push('\n');
        let tokens = info
            .split([',', ' ', '\t'])
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect();
        blocks.push(Fenced { tokens, text });
    }
    blocks
}

/// The Rust blocks of a chapter that get a Run button: fenced `rust` blocks that are not
/// `noplayground`, `ignore` or `compile_fail`, each returned as a fenced block again.
fn playable_blocks(content: &str) -> Vec<String> {
    let skipped = ["noplayground", "ignore", "compile_fail"];
    fenced_blocks(content)
        .into_iter()
        .filter(|b| {
            b.tokens.first().is_some_and(|t| t == "rust")
                && !b.tokens.iter().any(|t| skipped.contains(&t.as_str()))
        })
        .map(|b| b.text)
        .collect()
}

/// Compiles and runs the blocks with a Run button as the Rust Playground would: with std and
/// ndarray (`--extern ndarray`) and nothing of the companion crate. Returns their counts.
fn test_playable(
    root: &Path,
    work: &Path,
    blocks: &[(String, String)],
    edition: Option<&str>,
) -> Result<Summary, Error> {
    eprintln!(
        "book-test: the {} blocks with a Run button, with only std and ndarray \
         (as on the Rust Playground)",
        blocks.len()
    );
    let files = build_package_libs(root, "ndarray", &[])?;
    let ndarray = files
        .iter()
        .find(|f| {
            f.file_name()
                .and_then(|n| n.to_str())
                // `target/debug/libndarray.rlib` when ndarray is the package built,
                // `deps/libndarray-HASH.rlib` when it is a dependency.
                .is_some_and(|n| {
                    n == "libndarray.rlib" || n.starts_with("libndarray-")
                })
        })
        .ok_or("cargo built no libndarray")?
        .clone();
    let folder = work.join("playground");
    let libs = folder.join("libs");
    link_libs(&files, &libs)?;
    let mut page = String::from("# Blocks with a Run button\n\n");
    for (chapter, block) in blocks {
        page.push_str(&format!("From {chapter}:\n\n{block}\n"));
    }
    let extern_ndarray = format!("ndarray={}", ndarray.display());
    test_chapter(
        &folder,
        Path::new("playground.md"),
        &page,
        &libs,
        edition,
        &["--extern", &extern_ndarray],
    )
}

/// Whether a chapter has a `compile_fail` block that names its error code
/// (`rust,compile_fail,E0382`), which only a nightly-mode rustdoc checks.
fn names_error_codes(content: &str) -> bool {
    fenced_blocks(content).iter().any(|b| {
        b.tokens.iter().any(|t| t == "compile_fail")
            && b.tokens.iter().any(|t| is_error_code(t))
    })
}

/// `E` followed by four digits, as rustc's error codes are written.
fn is_error_code(token: &str) -> bool {
    token.len() == 5
        && token.starts_with('E')
        && token[1..].chars().all(|c| c.is_ascii_digit())
}

/// Cargo's target folder, as the scripts find it: `$CARGO_TARGET_DIR` or `target/`.
fn target_dir(root: &Path) -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// Builds the companion crate's libraries and returns exactly the files cargo reports for this
/// build.
///
/// With its examples: building a target that may use dev-dependencies makes cargo resolve the
/// features of shared dependencies as `cargo test` does (dev-dependencies ask for `either`'s
/// `use_std`, `zerocopy`'s `derive`, …), so the libraries are the very files that
/// `cargo test --workspace --all-targets`, which test.sh runs first, has built. With `--lib`
/// alone the features differed, and ndarray, faer, rayon, rand and twenty more crates were
/// compiled a second time: minutes of a cold test run.
fn build_libs(root: &Path) -> Result<Vec<PathBuf>, Error> {
    build_package_libs(root, PACKAGE, &["--examples"])
}

/// Builds the library of `package` (a workspace member or a dependency), and the `extra`
/// targets, and returns the library files cargo reports for it and its dependencies.
fn build_package_libs(
    root: &Path,
    package: &str,
    extra: &[&str],
) -> Result<Vec<PathBuf>, Error> {
    let command = ["build", "-p", package, "--lib"]
        .iter()
        .chain(extra)
        .copied()
        .collect::<Vec<_>>();
    let shown = command.join(" ");
    eprintln!("book-test: building the libraries of {package} (cargo {shown})");
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root)
        .args(&command)
        // Artifacts as JSON on stdout; progress and compiler messages as usual on stderr.
        .arg("--message-format=json-render-diagnostics")
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!("cargo {shown} failed").into());
    }
    let files = library_files(&String::from_utf8_lossy(&output.stdout));
    if files.is_empty() {
        return Err("cargo reported no libraries".into());
    }
    Ok(files)
}

/// Removes the folders that interrupted runs left in `runs`: Ctrl-C stops a run before it
/// removes its `run-PID` folder, whose links then keep that build's libraries on disk after
/// cargo has replaced them. A folder is removed when no process has its PID and it is over an
/// hour old (a run takes about a minute; the age spares a run of another PID namespace that
/// shares the checkout). Without `/proc` nothing tells which runs are gone: nothing is removed.
fn remove_interrupted_runs(runs: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(runs) else {
        return; // no run yet
    };
    let hour = std::time::Duration::from_secs(3600);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("run-"))
            .filter(|pid| pid.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > hour));
        if old && !proc.join(pid).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Links `files` into `<target>/book-libs`, the folder of `mdbook test -L target/book-libs`,
/// and returns it.
fn shared_libs(root: &Path, files: &[PathBuf]) -> Result<PathBuf, Error> {
    let libs = target_dir(root).join("book-libs");
    link_libs(files, &libs)?;
    eprintln!(
        "book-test: {} libraries of this build in {}",
        files.len(),
        libs.display()
    );
    Ok(libs)
}

/// Makes `dir` hold exactly `files`: hard links where the file system allows, else copies.
fn link_libs(files: &[PathBuf], dir: &Path) -> Result<(), Error> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir)?;
    for file in files {
        let name = file.file_name().ok_or_else(|| {
            format!("cargo reported a library without a name: {file:?}")
        })?;
        let link = dir.join(name);
        if fs::hard_link(file, &link).is_err() {
            fs::copy(file, &link)?;
        }
    }
    Ok(())
}

/// The library files (`.rlib`, and the `.so`/`.dylib` of proc-macros) in cargo's
/// `compiler-artifact` messages, sorted, without repeats.
fn library_files(messages: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = messages
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact")
        .filter_map(|message| message["filenames"].as_array().cloned())
        .flatten()
        .filter_map(|name| name.as_str().map(PathBuf::from))
        .filter(|path| {
            path.extension().is_some_and(|ext| {
                ext == "rlib" || ext == "so" || ext == "dylib"
            })
        })
        .collect();
    files.sort();
    files.dedup();
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn blocks_with_a_run_button_are_rust_blocks_not_marked_otherwise() {
        let chapter = "Text\n\n```rust\nlet a = 1;\n```\n\n\
                       ```rust,noplayground\nx\n```\n\n\
                       ```rust,should_panic\npanic!();\n```\n\n\
                       ```rust,ignore\nx\n```\n\n```text\nout\n```\n\n\
                       ````rust\n```\ninner\n````\n";
        assert_eq!(
            playable_blocks(chapter),
            [
                "```rust\nlet a = 1;\n```\n",
                "```rust,should_panic\npanic!();\n```\n",
                "````rust\n```\ninner\n````\n",
            ]
        );
    }

    #[test]
    fn removes_the_folders_of_interrupted_runs_only() {
        let runs = env::temp_dir()
            .join(format!("book-test-runs-{}", std::process::id()));
        let _ = fs::remove_dir_all(&runs);
        // 4194305 is above Linux's largest PID (PID_MAX_LIMIT, 2^22): no process has it.
        let own = format!("run-{}", std::process::id());
        let names = ["run-4194305", "run-4194306", &own, "run-x", "other"];
        for name in names {
            fs::create_dir_all(runs.join(name).join("libs")).expect("a folder");
        }
        let two_hours_ago =
            std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        for name in ["run-4194305", &own, "run-x", "other"] {
            fs::File::open(runs.join(name))
                .and_then(|folder| folder.set_modified(two_hours_ago))
                .expect("a folder's time can be set");
        }
        remove_interrupted_runs(&runs);
        let mut left: Vec<String> = fs::read_dir(&runs)
            .expect("the folder")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .into_string()
                    .expect("utf-8")
            })
            .collect();
        left.sort();
        let _ = fs::remove_dir_all(&runs);
        // The old run of a gone process is removed; a recent one (4194306), a running one
        // (this test's) and folders not named run-PID stay.
        let mut kept = vec!["other", "run-4194306", own.as_str(), "run-x"];
        kept.sort();
        assert_eq!(left, kept);
    }

    #[test]
    fn finds_compile_fail_blocks_that_name_an_error_code() {
        assert!(names_error_codes(
            "text\n```rust,compile_fail,E0382\nx\n```"
        ));
        assert!(names_error_codes("  ~~~rust, compile_fail, E0308\n"));
        assert!(!names_error_codes("```rust,compile_fail\nx\n```"));
        assert!(!names_error_codes("```rust\n// compile_fail,E0382\n```"));
        assert!(!names_error_codes("```rust,compile_fail,E03\n```"));
        // A fence-like line inside a block is code, not a fence.
        assert!(!names_error_codes(
            "````text\n```rust,compile_fail,E0382\n````\n"
        ));
    }

    /// The reason for RUSTC_BOOTSTRAP: a block that fails with another error than the one it
    /// names must fail the test, and the right one must pass.
    #[test]
    fn a_compile_fail_block_with_the_wrong_error_code_fails() {
        let work = env::temp_dir()
            .join(format!("book-test-codes-{}", std::process::id()));
        fs::create_dir_all(&work).expect("a scratch folder");
        let moved = "let v = vec![1];\nlet w = v;\nlet z = v;\n";
        let libs = work.join("libs");
        fs::create_dir_all(&libs).expect("a libs folder");
        let run = |code: &str| {
            let page =
                format!("# t\n\n```rust,compile_fail,{code}\n{moved}```\n");
            test_chapter(
                &work,
                Path::new("page.md"),
                &page,
                &libs,
                Some("2021"),
                &[],
            )
            .expect("rustdoc runs")
        };
        let right = run("E0382");
        let wrong = run("E0308");
        let _ = fs::remove_dir_all(&work);
        assert_eq!((right.passed, right.failed), (1, 0));
        assert_eq!(wrong.failed, 1);
    }

    #[test]
    fn reads_rustdoc_summaries() {
        let ok = "running 3 tests\n...\ntest result: ok. 2 passed; 0 failed; 1 ignored; \
                  0 measured; 0 filtered out; finished in 1.20s\n";
        assert_eq!(
            parse_summary(ok),
            Some(Summary {
                passed: 2,
                failed: 0,
                ignored: 1
            })
        );
        let failed =
            "test result: FAILED. 10 passed; 1 failed; 0 ignored; 0 measured";
        assert_eq!(
            parse_summary(failed),
            Some(Summary {
                passed: 10,
                failed: 1,
                ignored: 0
            })
        );
        assert_eq!(parse_summary("error: could not compile"), None);
    }

    #[test]
    fn a_chapter_passes_only_with_rustdocs_summary_and_status() {
        let none = "running 0 tests\n\ntest result: ok. 0 passed; 0 failed; 0 ignored\n";
        assert_eq!(chapter_summary(none, true), Summary::default());
        // rustdoc failed (a block did not compile) before it counted anything.
        let failed = chapter_summary("error: could not compile", false);
        assert_eq!((failed.passed, failed.failed), (0, 1));
        let counted = "test result: FAILED. 3 passed; 2 failed; 0 ignored";
        assert_eq!(chapter_summary(counted, false).failed, 2);
        // A program that exits 0 and prints nothing (RUSTDOC=/bin/true) tested nothing.
        assert_eq!(chapter_summary("", true).failed, 1);
    }

    #[test]
    fn keeps_only_the_libraries_of_compiler_artifacts() {
        let messages = [
            json!({"reason": "compiler-artifact", "filenames":
                ["/t/debug/deps/libndarray-1.rlib", "/t/debug/deps/libndarray-1.rmeta"]}),
            json!({"reason": "compiler-artifact", "filenames": ["/t/debug/deps/libserde_derive-2.so"]}),
            json!({"reason": "compiler-artifact", "filenames": ["/t/debug/build/x/build-script-build"]}),
            json!({"reason": "build-script-executed", "filenames": ["/t/debug/deps/libnot-3.rlib"]}),
            json!({"reason": "compiler-artifact", "filenames": ["/t/debug/deps/libndarray-1.rlib"]}),
        ]
        .map(|m| m.to_string())
        .join("\n");
        assert_eq!(
            library_files(&format!("{messages}\nnot json\n")),
            [
                PathBuf::from("/t/debug/deps/libndarray-1.rlib"),
                PathBuf::from("/t/debug/deps/libserde_derive-2.so"),
            ]
        );
    }

    #[test]
    fn finds_nested_chapters_in_reading_order() {
        let chapter = |name: &str, subs: Value| json!({"Chapter": {"name": name, "content": "", "path": format!("{name}.md"), "sub_items": subs}});
        let mut book = json!({"items": [
            chapter("intro", json!([])),
            "Separator",
            {"PartTitle": "Part"},
            chapter("one", json!([chapter("one-a", json!([])), chapter("one-b", json!([]))])),
        ]});
        let mut names = Vec::new();
        for_each_chapter(&mut book["items"], &mut |c| {
            names.push(c["name"].as_str().unwrap_or_default().to_owned());
            Ok(())
        })
        .unwrap();
        assert_eq!(names, ["intro", "one", "one-a", "one-b"]);
    }
}
