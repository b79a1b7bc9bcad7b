//! What `scripts/numpy-outputs.sh` does, without Python or NumPy: the script runs on a copy
//! of the repository's layout in a temporary folder (its `python/` holds empty stand-ins for
//! the real scripts), with a stub interpreter, a small shell script that records the folder
//! it runs in and its arguments, and writes one output file. The tests check which
//! interpreter the script uses (`PYTHON`, relative or on `PATH`, else `.venv/bin/python`),
//! which scripts it runs in which order, what it prints about the files written, and that
//! it stops with an error when the interpreter has no NumPy or a chapter script fails.
#![cfg(unix)]

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The stub interpreter: appends `folder|arguments` to `$STUB_LOG`, and the value of
/// `OPENBLAS_CORETYPE`, `PYTHONMALLOC` and `PYTHONOPTIMIZE` it was given (or `unset`) to `$STUB_LOG.env`; fails the NumPy check
/// when `$STUB_NO_NUMPY` is set and the script named `$STUB_FAIL`; running a `ch01_`
/// script writes `outputs/ch01-memory/stub.txt`, as a chapter script writes its outputs.
const STUB: &str = r#"#!/bin/sh
printf '%s|%s\n' "$PWD" "$*" >> "$STUB_LOG"
printf '%s %s %s\n' "${OPENBLAS_CORETYPE-unset}" "${PYTHONMALLOC-unset}" "${PYTHONOPTIMIZE-unset}" >> "$STUB_LOG.env"
case "$*" in
    "-c import numpy, scipy")
        if [ -n "${STUB_NO_NUMPY:-}" ]; then exit 1; fi ;;
    "${STUB_FAIL:-none}")
        echo "Traceback: the stub fails $1" >&2; exit 3 ;;
    ch01_*)
        mkdir -p outputs/ch01-memory && echo stub > outputs/ch01-memory/stub.txt ;;
esac
exit 0
"#;

/// A repository layout for the script: `scripts/numpy-outputs.sh` (the real one, with the
/// `scripts/python-path.sh` it sources), and
/// `python/` with an empty file for each of the repository's `python/*.py` and each
/// `python/outputs/edge-cases/*.json`, in a git repository (the script ends with
/// `git status`); the stub interpreter is written to `bin/stubpython`.
struct Layout {
    root: PathBuf,
    log: PathBuf,
}

impl Layout {
    fn new(name: &str) -> Layout {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("numpy-outputs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let repo = support::repo_root();
        for folder in ["scripts", "python/outputs/edge-cases", "bin"] {
            std::fs::create_dir_all(root.join(folder)).expect("a folder");
        }
        // The script and the helper it sources.
        for script in ["scripts/numpy-outputs.sh", "scripts/python-path.sh"] {
            std::fs::copy(repo.join(script), root.join(script))
                .expect("the script copies");
        }
        for name in python_scripts() {
            write(&root.join("python").join(name), "");
        }
        for name in edge_case_files() {
            write(&root.join("python/outputs/edge-cases").join(name), "{}\n");
        }
        write(&root.join("bin/stubpython"), STUB);
        let layout = Layout {
            log: root.join("stub.log"),
            root,
        };
        layout.git(&["init", "--quiet"]);
        layout.git(&["add", "."]);
        layout.git(&[
            "-c",
            "user.name=test",
            "-c",
            "user.email=test@example.com",
            "commit",
            "--quiet",
            "--no-gpg-sign",
            "-m",
            "layout",
        ]);
        layout
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .args(args)
            .current_dir(&self.root)
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    fn stub(&self) -> PathBuf {
        self.root.join("bin/stubpython")
    }

    /// Runs the script from the layout's root, as the README says, with `args` and the
    /// environment `env` (`PYTHON` unset unless `env` sets it).
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        self.run_from(&self.root, "scripts/numpy-outputs.sh", args, env)
    }

    /// Runs the script as `bash SCRIPT ARGS` from `cwd` (`script` relative to `cwd`).
    fn run_from(
        &self,
        cwd: &Path,
        script: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Output {
        let mut command = Command::new("bash");
        command
            .arg(script)
            .args(args)
            .current_dir(cwd)
            .env_remove("PYTHON")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .env("STUB_LOG", &self.log);
        // The script drops (and names) NumPy's tuning variables: the caller's ones
        // would add that note to every run's output.
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy();
            let tuning =
                ["OPENBLAS_", "GOTO_", "OMP_", "MKL_", "NPY_", "MALLOC_"];
            if tuning.iter().any(|prefix| key.starts_with(prefix))
                || key == "GLIBC_TUNABLES"
                || key == "PYTHONMALLOC"
            {
                command.env_remove(key.as_ref());
            }
        }
        for (key, value) in env {
            command.env(key, value);
        }
        command.output().expect("the script runs")
    }

    /// The stub's calls: (folder relative to the layout, arguments).
    fn calls(&self) -> Vec<(String, String)> {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let root = self.root.display().to_string();
        log.lines()
            .map(|line| {
                let (folder, args) = line.split_once('|').expect("folder|args");
                let folder = folder.strip_prefix(&root).unwrap_or(folder);
                (folder.to_string(), args.to_string())
            })
            .collect()
    }
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if text.starts_with("#!") {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
            .expect("executable");
    }
}

/// The names of the repository's files in `folder` ending with `suffix`, sorted.
fn names_in(folder: &str, suffix: &str) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(support::repo_root().join(folder))
            .unwrap_or_else(|e| panic!("{folder}: {e}"))
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().to_string())
            .filter(|name| name.ends_with(suffix))
            .collect();
    names.sort();
    names
}

fn python_scripts() -> Vec<String> {
    names_in("python", ".py")
}

fn edge_case_files() -> Vec<String> {
    names_in("python/outputs/edge-cases", ".json")
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr)
}

/// The calls a run makes from `python/` after the NumPy check, for `only` ("" for all).
fn expected_runs(only: &str) -> Vec<String> {
    let mut runs: Vec<String> = python_scripts()
        .into_iter()
        .filter(|name| {
            name == "introduction.py"
                || name == "where_next.py"
                || (name.starts_with("ch")
                    && name[2..].starts_with(|c: char| c.is_ascii_digit()))
        })
        .filter(|name| name.starts_with(only))
        .collect();
    // The glob lists introduction.py first and where_next.py last.
    runs.sort_by_key(|name| match name.as_str() {
        "introduction.py" => 0,
        "where_next.py" => 2,
        _ => 1,
    });
    if only.is_empty() || only == "edge" {
        runs.push("edge_cases.py".to_string());
        let jsons: Vec<String> = edge_case_files()
            .iter()
            .map(|name| format!("outputs/edge-cases/{name}"))
            .collect();
        runs.push(format!("book_outputs.py --record {}", jsons.join(" ")));
    }
    runs.push("book_outputs.py --prune".to_string());
    runs
}

#[test]
fn a_full_run_runs_every_chapter_script_then_the_edge_cases_then_prunes() {
    let layout = Layout::new("full");
    let stub = layout.stub().display().to_string();
    let output = layout.run(&[], &[("PYTHON", &stub)]);
    let said = text(&output);
    assert!(output.status.success(), "{said}");
    let calls = layout.calls();
    assert_eq!(
        calls[0],
        ("".to_string(), "-c import numpy, scipy".to_string())
    );
    let runs: Vec<&str> = calls[1..]
        .iter()
        .map(|(folder, args)| {
            assert_eq!(folder, "/python", "{args} runs in python/");
            args.as_str()
        })
        .collect();
    let expected = expected_runs("");
    assert_eq!(runs, expected);
    // Every chapter of the book has its script, and the list is the repository's.
    assert!(expected.len() >= 14, "{expected:?}");
    assert!(runs.contains(&"ch08_life.py") && runs.contains(&"where_next.py"));
    // What the run wrote is listed at the end, by git status.
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout
            .trim_end()
            .ends_with("?? python/outputs/ch01-memory/"),
        "{said}"
    );
    assert!(said.contains("==> ch03_broadcasting.py\n"), "{said}");
}

/// Outside a git checkout (a tarball) the run succeeds: it ends with `git status` only
/// in a checkout (it failed with git's "not a git repository" after writing every output).
#[test]
fn outside_a_git_checkout_the_run_succeeds() {
    let layout = Layout::new("no-git");
    std::fs::remove_dir_all(layout.root.join(".git")).expect("removes .git");
    let stub = layout.stub().display().to_string();
    // The layout lies inside the repository's target/: git must not look above it.
    let above = layout
        .root
        .parent()
        .expect("a parent")
        .display()
        .to_string();
    let output = layout.run(
        &["ch03"],
        &[("PYTHON", &stub), ("GIT_CEILING_DIRECTORIES", &above)],
    );
    let said = text(&output);
    assert!(output.status.success(), "{said}");
    assert!(said.contains("==> ch03_broadcasting.py\n"), "{said}");
    assert!(!said.contains("not a git repository"), "{said}");
}

/// Outputs are default NumPy's: OpenBLAS's kernel choice, NumPy's SIMD switches and Python's
/// allocator from the caller's environment never reach Python, and the script names what it
/// dropped.
#[test]
fn numpys_tuning_variables_are_dropped_and_named() {
    let layout = Layout::new("tuning");
    let stub = layout.stub().display().to_string();
    let env = [
        ("PYTHON", stub.as_str()),
        ("OPENBLAS_CORETYPE", "Haswell"),
        ("NPY_DISABLE_CPU_FEATURES", "AVX512F"),
        ("PYTHONMALLOC", "malloc"),
        ("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1"),
        ("PYTHONOPTIMIZE", "1"),
    ];
    let output = layout.run(&["ch01"], &env);
    let said = text(&output);
    assert!(output.status.success(), "{said}");
    let seen = std::fs::read_to_string(layout.log.with_extension("log.env"))
        .expect("the stub ran");
    assert!(seen.lines().count() >= 2, "{seen}");
    assert!(
        seen.lines().all(|line| line == "unset unset unset"),
        "{seen}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    for dropped in [
        "OPENBLAS_CORETYPE=Haswell",
        "NPY_DISABLE_CPU_FEATURES=AVX512F",
        "PYTHONMALLOC=malloc",
        "GLIBC_TUNABLES=glibc.malloc.hugetlb=1",
        "PYTHONOPTIMIZE=1",
    ] {
        assert!(stderr.contains(dropped), "{stderr}");
    }
}

#[test]
fn a_chapter_prefix_runs_only_that_chapter_and_edge_only_the_edge_cases() {
    let layout = Layout::new("only");
    let stub = layout.stub().display().to_string();
    for only in ["ch03", "edge"] {
        let _ = std::fs::remove_file(&layout.log);
        let output = layout.run(&[only], &[("PYTHON", &stub)]);
        assert!(output.status.success(), "{only}: {}", text(&output));
        let calls = layout.calls();
        let runs: Vec<&str> =
            calls[1..].iter().map(|(_, args)| args.as_str()).collect();
        assert_eq!(runs, expected_runs(only), "{only}");
    }
    assert_eq!(expected_runs("ch03")[0], "ch03_broadcasting.py");
    assert_eq!(expected_runs("ch03").len(), 2, "ch03, then --prune");
}

#[test]
fn without_python_set_the_repository_venv_is_used_from_any_folder() {
    let layout = Layout::new("venv");
    // Called from bin/: the default interpreter is the script's repository's .venv.
    let elsewhere = layout.root.join("bin");
    let script = "../scripts/numpy-outputs.sh";
    let output = layout.run_from(&elsewhere, script, &["ch03"], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output),
        "error: ../scripts/../.venv/bin/python: no such folder; run \
         scripts/python-venv.sh first, or set PYTHON=…\n"
    );
    assert!(layout.calls().is_empty());
    // Called by its full path, the default is an absolute path: a missing .venv is said to
    // be missing (it was reported as a Python without NumPy).
    let full = layout.root.join("scripts/numpy-outputs.sh");
    let output = layout.run_from(
        &elsewhere,
        &full.display().to_string(),
        &["ch03"],
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output),
        format!(
            "error: {}/scripts/../.venv/bin/python: not found; run \
             scripts/python-venv.sh first, or set PYTHON=…\n",
            layout.root.display()
        )
    );
    assert!(layout.calls().is_empty());

    std::fs::create_dir_all(layout.root.join(".venv/bin")).expect("a folder");
    write(&layout.root.join(".venv/bin/python"), STUB);
    let output = layout.run_from(&elsewhere, script, &["ch03"], &[]);
    assert!(output.status.success(), "{}", text(&output));
    let calls = layout.calls();
    assert_eq!(calls[0], (String::new(), "-c import numpy, scipy".into()));
    let runs: Vec<String> = calls.into_iter().map(|(_, args)| args).collect();
    assert_eq!(runs[1..], expected_runs("ch03"));
}

#[test]
fn a_relative_python_is_the_callers_and_a_bare_name_is_found_on_path() {
    let layout = Layout::new("paths");
    // Relative to the folder the script is called from, not to python/.
    let output = layout.run(&["ch03"], &[("PYTHON", "bin/stubpython")]);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(layout.calls().len(), 3, "the check, ch03, --prune");

    let _ = std::fs::remove_file(&layout.log);
    let path = format!(
        "{}:{}",
        layout.root.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output =
        layout.run(&["ch03"], &[("PYTHON", "stubpython"), ("PATH", &path)]);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(layout.calls().len(), 3, "the check, ch03, --prune");

    let output = layout.run(&["ch03"], &[("PYTHON", "no/such/python")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).starts_with(
            "error: no/such/python: no such folder; run scripts/python-venv.sh first, or set PYTHON=…"
        ),
        "{}",
        text(&output)
    );
}

#[test]
fn an_interpreter_without_numpy_stops_before_any_script() {
    let layout = Layout::new("no-numpy");
    let stub = layout.stub().display().to_string();
    let output = layout.run(&[], &[("PYTHON", &stub), ("STUB_NO_NUMPY", "1")]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output),
        format!(
            "error: {stub} has no NumPy/SciPy; run scripts/python-venv.sh first, or set PYTHON=…\n"
        )
    );
    assert_eq!(layout.calls().len(), 1, "only the check ran");
}

#[test]
fn a_failing_chapter_script_stops_the_run_and_fails_it() {
    let layout = Layout::new("fails");
    let stub = layout.stub().display().to_string();
    let output =
        layout.run(&[], &[("PYTHON", &stub), ("STUB_FAIL", "ch02_speed.py")]);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(3), "{said}");
    assert!(said.contains("==> ch02_speed.py\n"), "{said}");
    assert!(
        said.contains("Traceback: the stub fails ch02_speed.py"),
        "{said}"
    );
    let runs: Vec<String> =
        layout.calls().into_iter().map(|(_, args)| args).collect();
    // The run stops at the failing script: nothing after it, no --prune.
    assert_eq!(runs.last().map(String::as_str), Some("ch02_speed.py"));
    assert!(!runs.iter().any(|args| args.contains("--prune")));
    assert!(!said.contains("==> ch03"), "{said}");
}

#[test]
fn a_prefix_that_names_no_chapter_script_stops_before_python_runs() {
    let layout = Layout::new("typo");
    let stub = layout.stub().display().to_string();
    // "ch3" (for ch03) and "life" (a helper module, not a chapter script) name none.
    for only in ["ch3", "life"] {
        let output = layout.run(&[only], &[("PYTHON", &stub)]);
        assert_eq!(output.status.code(), Some(2), "{only}: {}", text(&output));
        assert!(
            text(&output).starts_with(&format!(
                "error: no chapter script in python/ starts with \"{only}\""
            )),
            "{}",
            text(&output)
        );
    }
    for args in [&["--frobnicate"][..], &["ch03", "ch04"]] {
        let output = layout.run(args, &[("PYTHON", &stub)]);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(text(&output).starts_with("usage: "), "{}", text(&output));
    }
    let output = layout.run(&["--help"], &[("PYTHON", &stub)]);
    assert!(output.status.success());
    assert!(text(&output).contains("scripts/numpy-outputs.sh edge"));
    assert!(layout.calls().is_empty(), "{:?}", layout.calls());
}

#[test]
fn an_exported_cdpath_does_not_move_the_script() {
    let layout = Layout::new("cdpath");
    // A decoy holding the folders the script reaches by relative names (scripts/.., python):
    // with CDPATH exported, cd went there (and printed the folder) before the script unset it.
    let decoy = layout.root.join("decoy");
    for folder in ["scripts", "python"] {
        std::fs::create_dir_all(decoy.join(folder)).expect("a folder");
    }
    let stub = layout.stub().display().to_string();
    let cdpath = decoy.display().to_string();
    let output = layout
        .run(&["ch03"], &[("PYTHON", &stub), ("CDPATH", cdpath.as_str())]);
    assert!(output.status.success(), "{}", text(&output));
    let folders: Vec<String> = layout
        .calls()
        .into_iter()
        .map(|(folder, _)| folder)
        .collect();
    assert_eq!(folders, ["", "/python", "/python"], "check, ch03, --prune");
}
