//! The benchmark binaries time exactly what the registry (`chapters_code::benchmarks`)
//! declares: every bench target (`chapters-code/benches/`), built as `cargo test` builds it,
//! runs in criterion's list mode (`--bench --list`, as `cargo bench -- --list` runs it; with
//! `--bench` the sweeps list every size), and the ids listed must be the registry's criterion
//! ids, each listed by one target only. A workload the benches forget would stay "not
//! measured yet" after `./bench.sh`, and a benchmark the registry does not declare would be
//! timed for nothing (its timing refused by the results file). The targets cargo builds
//! must be the ones `./bench.sh` runs: its `bench_targets` reads the manifest's `[[bench]]`
//! names, and this test runs it.
//!
//! The bench binaries are built by a nested `cargo test --bench '*' --no-run` in the same
//! target folder: after `cargo test --all-targets` (as `./test.sh` runs it) there is nothing
//! left to build, and alone it links the eleven bench targets.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use chapters_code::benchmarks::{measured_series, Side};

/// Where the outer `cargo test` built this test, from its own path
/// `<target>/<profile>/deps/<test>`, or `<target>/<triple>/<profile>/deps/<test>` under
/// `cargo test --target <triple>`: the target folder, and the triple if any. The folder
/// above the profile's is the target folder itself unless its parent is one
/// (`is_target_root`), which a triple's folder has. An exe elsewhere is an error naming it.
fn build_layout(
    exe: &Path,
    is_target_root: impl Fn(&Path) -> bool,
) -> Result<(PathBuf, Option<String>), String> {
    let unexpected = || {
        format!(
            "{} is not in <target>[/<triple>]/<profile>/deps/: cannot tell which \
             target folder cargo built this test in",
            exe.display()
        )
    };
    let deps = exe.parent().filter(|d| d.ends_with("deps"));
    let above_profile = deps
        .and_then(Path::parent)
        .and_then(Path::parent)
        .ok_or_else(unexpected)?;
    match (above_profile.parent(), above_profile.file_name()) {
        (Some(root), Some(triple)) if is_target_root(root) => Ok((
            root.to_path_buf(),
            Some(triple.to_string_lossy().into_owned()),
        )),
        _ if is_target_root(above_profile) => {
            Ok((above_profile.to_path_buf(), None))
        }
        _ => Err(unexpected()),
    }
}

/// Whether `dir` is a cargo target folder: cargo keeps its cache of `rustc -vV` there,
/// `.rustc_info.json`, and tags the folder with `CACHEDIR.TAG` when it creates it (not
/// when it finds the folder made already, as `./test.sh` makes it for its log; a fresh
/// clone's `target/` then has no tag). (`CARGO_TARGET_TMPDIR` cannot say: under
/// `--target` it is `<target>/<triple>/tmp`, as deep as the triple's folder.)
fn is_target_root(dir: &Path) -> bool {
    dir.join(".rustc_info.json").is_file() || dir.join("CACHEDIR.TAG").is_file()
}

/// Every bench target's name and binary, built in test mode (the dev profile).
fn bench_binaries() -> BTreeMap<String, PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    // In the outer build's folder and for its triple, so that it finds its dependencies
    // built.
    let exe = std::env::current_exe().expect("the test's own path");
    let (target_dir, triple) =
        build_layout(&exe, is_target_root).unwrap_or_else(|e| panic!("{e}"));
    let mut nested = Command::new(cargo);
    nested
        .args(["test", "--offline", "--no-run", "--message-format=json"])
        .args(["--bench", "*", "--manifest-path"])
        .arg(&manifest)
        .arg("--target-dir")
        .arg(&target_dir);
    if let Some(triple) = &triple {
        nested.args(["--target", triple]);
    }
    let output = nested.output().expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo test --bench '*' --no-run failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut binaries = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line)
        else {
            continue;
        };
        let target = &message["target"];
        let is_bench = target["kind"]
            .as_array()
            .is_some_and(|kinds| kinds.iter().any(|k| k == "bench"));
        if message["reason"] != "compiler-artifact" || !is_bench {
            continue;
        }
        if let (Some(name), Some(exe)) =
            (target["name"].as_str(), message["executable"].as_str())
        {
            binaries.insert(name.to_string(), PathBuf::from(exe));
        }
    }
    binaries
}

/// The ids one bench binary lists: criterion prints `id: benchmark` lines.
fn listed_ids(name: &str, binary: &Path) -> Vec<String> {
    let output = Command::new(binary)
        .args(["--bench", "--list"])
        .env_remove("CRITERION_HOME")
        .output()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        output.status.success(),
        "{name} --bench --list failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.strip_suffix(": benchmark"))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_bench_target_lists_exactly_the_registrys_criterion_ids() {
    let binaries = bench_binaries();
    assert!(!binaries.is_empty(), "cargo built no bench target");
    // ./bench.sh measures the targets its bench_targets reads from the manifest: they
    // must be the ones cargo builds, or a target goes unmeasured (or bench.sh asks cargo
    // for one it does not have).
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let run: BTreeSet<String> =
        bench_sh_targets(&manifest).into_iter().collect();
    let built: BTreeSet<String> = binaries.keys().cloned().collect();
    let unmeasured: Vec<_> = built.difference(&run).collect();
    let unknown: Vec<_> = run.difference(&built).collect();
    assert!(
        unmeasured.is_empty() && unknown.is_empty(),
        "bench targets cargo builds but ./bench.sh does not run: {unmeasured:?}\n\
         ./bench.sh runs but cargo has no such bench target: {unknown:?}"
    );
    let mut listed_by: BTreeMap<String, &str> = BTreeMap::new();
    for (name, binary) in &binaries {
        let ids = listed_ids(name, binary);
        assert!(!ids.is_empty(), "{name} lists no benchmark");
        for id in ids {
            if let Some(other) = listed_by.insert(id.clone(), name) {
                panic!("{id} is listed by both {other} and {name}");
            }
        }
    }
    // Every side criterion measures runs the same binaries (with other features or
    // environment), so the ids are those of every Rust series.
    let registry: BTreeSet<String> = measured_series()
        .iter()
        .filter(|s| s.side != Side::Python)
        .map(|s| s.criterion_id())
        .collect();
    let listed: BTreeSet<String> = listed_by.keys().cloned().collect();
    let missing: Vec<_> = registry.difference(&listed).collect();
    let undeclared: Vec<_> = listed.difference(&registry).collect();
    assert!(
        missing.is_empty() && undeclared.is_empty(),
        "declared in chapters_code::benchmarks but no bench lists them: \
         {missing:?}\nlisted by a bench but not declared: {undeclared:?}"
    );
    // chapter 5's OpenBLAS rows run `cargo bench --bench ch05_products --features blas`.
    for series in measured_series()
        .iter()
        .filter(|s| s.side == Side::RustBlas)
    {
        let id = series.criterion_id();
        assert_eq!(listed_by.get(&id).copied(), Some("ch05_products"), "{id}");
    }
    // A sweep lists all its sizes with --bench (in test mode only the smallest).
    assert!(listed.contains("life_sweep/fast/1000"), "{listed:?}");
}

/// The nested `cargo test` must build where the outer one did: a path of the form
/// `<target>/<profile>/deps/<test>`, or `<target>/<triple>/<profile>/deps/<test>` under
/// `cargo test --target <triple>` (one more folder); anything else is an error naming it.
#[test]
fn the_target_folder_is_found_with_or_without_a_target_triple() {
    let root = Path::new("/t/target");
    let triple = "x86_64-unknown-linux-gnu";
    // Cargo tags the target folder and each triple's folder in it.
    let tagged = [root.to_path_buf(), root.join(triple)];
    let is_root = |dir: &Path| tagged.iter().any(|t| t == dir);
    let host = Path::new("/t/target/debug/deps/bench_ids-0123");
    assert_eq!(build_layout(host, is_root), Ok((root.to_path_buf(), None)));
    let cross = root.join(triple).join("debug/deps/bench_ids-0123");
    assert_eq!(
        build_layout(&cross, is_root),
        Ok((root.to_path_buf(), Some(triple.to_string())))
    );
    let custom = Path::new("/t/target/profiling/deps/bench_ids-0123");
    assert_eq!(
        build_layout(custom, is_root),
        Ok((root.to_path_buf(), None))
    );
    for stray in ["/t/target/debug/bench_ids", "/elsewhere/deps/bench_ids"] {
        let err = build_layout(Path::new(stray), is_root).expect_err(stray);
        assert!(err.contains(stray), "{err}");
    }
}

/// Writes an executable stand-in program (a shell script) at `path`, for a test to put on
/// PATH in place of a real tool.
fn write_stand_in(path: &Path, script: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, script).expect("writes the stand-in");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .expect("makes it executable");
}

/// The definition of the shell function `name` in bench.sh, `name() {` to the `}` that
/// closes it in the first column.
fn bench_sh_function(name: &str) -> String {
    script_function("bench.sh", name)
}

/// The text of the shell function `name() { … }` that `script` (at the repository's root)
/// defines in the first column, to run on its own with bash.
fn script_function(script: &str, name: &str) -> String {
    let text = std::fs::read_to_string(
        chapters_code::chapter::repo_root().join(script),
    )
    .unwrap_or_else(|e| panic!("{script} reads: {e}"));
    let pattern = format!(r"(?ms)^{}\(\) \{{\n.*?^\}}\n", regex::escape(name));
    regex::Regex::new(&pattern)
        .expect("a regex")
        .find(&text)
        .unwrap_or_else(|| {
            panic!("{script} defines {name}() {{ … }} in the first column")
        })
        .as_str()
        .to_string()
}

/// The names `bench_targets` in bench.sh prints for `manifest`, run with bash.
fn bench_sh_targets(manifest: &Path) -> Vec<String> {
    let function = bench_sh_function("bench_targets");
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!("{function}bench_targets \"$1\""))
        .arg("bench.sh")
        .arg(manifest)
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "bench_targets {} failed:\n{}",
        manifest.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// bench.sh's `registry_groups`, which checks the names a run is given before the release
/// build, finds in the registry's source exactly the names `bench-plan` accepts.
#[test]
fn bench_sh_reads_the_registrys_group_names() {
    let function = bench_sh_function("registry_groups");
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!("{function}registry_groups \"$1\""))
        .arg("bench.sh")
        .arg(
            chapters_code::chapter::repo_root()
                .join("chapters-code/src/benchmarks.rs"),
        )
        .output()
        .expect("bash runs");
    assert!(output.status.success(), "{output:?}");
    let mut found: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    found.sort();
    let mut registry: Vec<String> = chapters_code::benchmarks::group_names()
        .into_iter()
        .map(str::to_string)
        .collect();
    registry.sort();
    assert_eq!(found, registry);
}

/// `./bench.sh` with a mistyped group stops with the names it knows before cargo builds
/// anything (a stand-in `cargo` first on PATH records any call), and a known group passes
/// that check (it reaches the stand-in, which fails the run), with a PYTHON relative to the
/// caller's folder (not the repository's); a PYTHON without NumPy stops it before any build.
#[test]
fn bench_sh_refuses_an_unknown_group_before_building() {
    let dir = std::env::temp_dir()
        .join(format!("bench-sh-groups-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let called = dir.join("cargo-called");
    write_stand_in(
        &dir.join("cargo"),
        &format!("#!/bin/sh\necho \"$@\" >> '{}'\nexit 1\n", called.display()),
    );
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let bench_sh = chapters_code::chapter::repo_root().join("bench.sh");
    // A stand-in Python that imports anything, named relative to `dir`, the caller's folder.
    std::fs::create_dir_all(dir.join("py")).expect("a folder");
    write_stand_in(&dir.join("py/python"), "#!/bin/sh\nexit 0\n");
    let run_with = |python: &str, groups: &[&str]| {
        let _ = std::fs::remove_file(&called);
        let output = Command::new("bash")
            .arg(&bench_sh)
            .args(groups)
            .current_dir(&dir)
            .env("PATH", &path)
            .env("PYTHON", python)
            .output()
            .expect("bash runs");
        (output, called.exists())
    };
    let run = |groups: &[&str]| run_with("py/python", groups);

    let (output, built) = run(&["life", "reciprocal", "x y"]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(!built, "cargo ran for an unknown group");
    assert!(
        said.contains(
            "unknown benchmark group \"reciprocal\", \"x y\"; the groups are: "
        ),
        "{said}"
    );
    for name in chapters_code::benchmarks::group_names() {
        assert!(said.contains(&format!(" {name}")), "{name} missing: {said}");
    }

    let (output, built) = run(&["life", "reciprocals_sweep"]);
    assert!(built, "known groups stopped before cargo: {output:?}");
    assert!(!output.status.success(), "the stand-in cargo fails the run");

    // A PYTHON given by name that cannot import NumPy stops the run before any build, rather
    // than measuring the Rust side alone.
    let (output, built) = run_with("/bin/false", &["life"]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(!built, "cargo ran without the NumPy side asked for");
    assert!(
        said.contains("PYTHON=/bin/false cannot import numpy"),
        "{said}"
    );
    std::fs::remove_dir_all(&dir).expect("removes the temporary folder");
}

/// bench.sh runs the `[[bench]]` targets the manifest declares, by name, and nothing else:
/// not a helper module in `benches/`, and by its name a target whose file is named
/// otherwise.
#[test]
fn bench_sh_reads_the_bench_targets_of_a_manifest() {
    let dir = std::env::temp_dir()
        .join(format!("bench-targets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let manifest = dir.join("Cargo.toml");
    std::fs::write(
        &manifest,
        r#"[package]
name = "p"

[[test]]
name = "not_a_bench"

[[bench]]
name = "first"
harness = false

[[bench]]
harness = false
name = "named_after_harness"
path = "benches/a_file_named_otherwise.rs"

[features]
name = []

[[bench]]
name="tight"
"#,
    )
    .expect("writable");
    let names = bench_sh_targets(&manifest);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(names, ["first", "named_after_harness", "tight"]);
}

/// bench.sh measures the default configuration whatever the caller's environment says:
/// settings that change what is measured (this machine's kind once set OPENBLAS_CORETYPE to
/// an older processor's) are dropped and named, and the rest of the environment is kept.
#[test]
fn bench_sh_drops_tuning_settings_from_the_environment() {
    let dropped = [
        ("OPENBLAS_CORETYPE", "Haswell"),
        ("OPENBLAS_L2_SIZE", "512"),
        ("OMP_NUM_THREADS", "1"),
        ("GOTO_NUM_THREADS", "1"),
        ("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1"),
        ("MALLOC_ARENA_MAX", "1"),
        ("MIMALLOC_ARENA_EAGER_COMMIT", "1"),
        ("RAYON_NUM_THREADS", "1"),
        ("NPY_DISABLE_CPU_FEATURES", "AVX512F"),
        ("PYTHONMALLOC", "malloc"),
        ("RUSTFLAGS", "-Ctarget-cpu=native"),
        ("CARGO_ENCODED_RUSTFLAGS", "-Ctarget-cpu=native"),
        (
            "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS",
            "-Ctarget-cpu=native",
        ),
        ("CARGO_PROFILE_BENCH_LTO", "fat"),
        ("CARGO_BUILD_TARGET", "x86_64-unknown-linux-musl"),
        ("CARGO_INCREMENTAL", "1"),
        ("CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER", "nice"),
        ("BOOK_EXPECT_HUGE_PAGES", "1"),
    ];
    let kept = [
        ("CARGO_TARGET_DIR", "/tmp/elsewhere"),
        ("PYTHON", "/usr/bin/python3"),
        ("BOOK_OTHER", "x"),
    ];
    let said = check_environment_dropping(
        "bench.sh",
        "drop_tuning_environment",
        &dropped,
        &kept,
    );
    // bench.sh names each value too: the reader sees what was measured without.
    for (name, value) in dropped {
        let named = format!("{name}={value}");
        assert!(said.contains(&named), "{named} not named: {said}");
    }
}

/// The settings bench.sh pins to cargo's defaults, so that a cargo config file's
/// `[profile.release]` or `[profile.bench]` cannot change the program measured.
const PINNED_PROFILE_KEYS: [&str; 5] = [
    "opt-level",
    "lto",
    "codegen-units",
    "debug-assertions",
    "overflow-checks",
];

/// bench.sh sets each pinned profile setting in the environment, which outranks cargo
/// config files, for the release and bench profiles; the workspace manifest sets none of
/// them in those profiles, so the pins are its own settings (a package's own settings,
/// such as chapters-code's one codegen unit, outrank them and stay).
#[test]
fn bench_sh_pins_the_profiles_a_cargo_config_could_change() {
    let body = bench_sh_function("pin_default_profiles");
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!("{body}pin_default_profiles\nenv"))
        .env("CARGO_INCREMENTAL", "1")
        .output()
        .expect("bash runs");
    assert!(output.status.success(), "{output:?}");
    let env = String::from_utf8_lossy(&output.stdout);
    let defaults = ["3", "false", "16", "false", "false"]
        .iter()
        .zip(PINNED_PROFILE_KEYS);
    for profile in ["RELEASE", "BENCH"] {
        for (value, key) in defaults.clone() {
            let key = key.replace('-', "_").to_uppercase();
            let line = format!("CARGO_PROFILE_{profile}_{key}={value}");
            assert!(env.lines().any(|l| l == line), "{line} not set");
        }
    }
    assert!(env.lines().any(|l| l == "CARGO_INCREMENTAL=0"), "{env}");

    let manifest = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml"),
    )
    .expect("the workspace manifest");
    let mut section = String::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line.to_string();
        } else if section == "[profile.release]" || section == "[profile.bench]"
        {
            let key = line.split('=').next().unwrap_or_default().trim();
            assert!(
                !PINNED_PROFILE_KEYS.contains(&key),
                "{section} sets {key}: bench.sh's pin would hide it"
            );
        }
    }
    assert!(
        manifest.contains("[profile.release]"),
        "no [profile.release] section: the scan checked nothing"
    );
}

/// bench.sh's `pin_plain_runner` makes cargo run each program as it is, whatever runner a
/// cargo config file names for the host (`[target.'cfg(all())'] runner = …`, which no
/// environment variable drops): here a runner that would fail the run. The crate's folder has
/// a `=` in its name: a runner `env` took the program's path for a variable to set and ran
/// nothing.
#[test]
fn bench_sh_runs_benchmarks_without_a_config_files_runner() {
    let dir = std::env::temp_dir()
        .join(format!("bench-sh-runner={}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("a temporary crate");
    std::fs::create_dir_all(dir.join(".cargo")).expect("a config folder");
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"tiny\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .expect("writes");
    std::fs::write(
        dir.join("src/main.rs"),
        "fn main() {}\n#[test]\nfn ran_as_it_is() {}\n",
    )
    .expect("writes");
    std::fs::write(
        dir.join(".cargo/config.toml"),
        "[target.'cfg(all())']\nrunner = \"false\"\n",
    )
    .expect("writes");
    let function = bench_sh_function("pin_plain_runner");
    let run = |pinned: bool| {
        let pin = if pinned { "pin_plain_runner\n" } else { "" };
        Command::new("bash")
            .arg("-c")
            // cargo test, as cargo bench, gives the runner the program's full path (cargo run
            // gives one relative to the crate's folder).
            .arg(format!("set -euo pipefail\n{function}{pin}cargo test -q"))
            .current_dir(&dir)
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("CARGO_BUILD_TARGET")
            .env_remove("CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER")
            .output()
            .expect("bash runs")
    };
    // The test can fail: the config file's runner does stop the program.
    assert!(!run(false).status.success(), "the runner was not used");
    let pinned = run(true);
    assert!(pinned.status.success(), "{pinned:?}");
    let stdout = String::from_utf8_lossy(&pinned.stdout);
    assert!(stdout.contains("test result: ok. 1 passed"), "{stdout}");
    // Given the triple a cargo config's build.target builds for, the function pins that
    // target's runner (bench.sh does after its first build).
    let other = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -euo pipefail\n{function}pin_plain_runner aarch64-unknown-linux-gnu\n\
             printf '%s' \"$CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER\""
        ))
        .output()
        .expect("bash runs");
    assert_eq!(
        String::from_utf8_lossy(&other.stdout),
        "nice -n 0",
        "{other:?}"
    );
    std::fs::remove_dir_all(&dir).expect("removes the temporary crate");
}

/// bench.sh's `built_executable` finds the program cargo built where cargo put it: in
/// `target/release`, or under a target triple when a cargo config file sets build.target
/// (bench.sh used to run `target/release/chapters-code`, stale or missing there); a name
/// cargo did not build is an error naming it.
#[test]
fn bench_sh_runs_the_program_cargo_built_wherever_it_is() {
    let dir = std::env::temp_dir()
        .join(format!("bench-sh-built-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("a temporary crate");
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"tiny\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .expect("writes");
    std::fs::write(dir.join("src/main.rs"), "fn main() {}\n").expect("writes");
    let rustc = Command::new("rustc").arg("-vV").output().expect("rustc");
    let host = String::from_utf8_lossy(&rustc.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .expect("rustc names its host");
    let function = bench_sh_function("built_executable");
    let run = |name: &str| {
        Command::new("bash")
            .arg("-c")
            .arg(format!(
                "set -euo pipefail\n{function}built_executable {name}"
            ))
            .current_dir(&dir)
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("CARGO_BUILD_TARGET")
            .env_remove("CARGO_BUILD_TARGET_DIR")
            .output()
            .expect("bash runs")
    };
    let path = |output: &std::process::Output| {
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    };
    let plain = path(&run("tiny"));
    assert_eq!(Path::new(&plain), dir.join("target/release/tiny"));
    std::fs::create_dir_all(dir.join(".cargo")).expect("a config folder");
    std::fs::write(
        dir.join(".cargo/config.toml"),
        format!("[build]\ntarget = \"{host}\"\n"),
    )
    .expect("writes");
    let moved = path(&run("tiny"));
    assert_eq!(
        Path::new(&moved),
        dir.join("target").join(&host).join("release/tiny")
    );
    let missing = run("other");
    assert!(!missing.status.success(), "{missing:?}");
    let said = String::from_utf8_lossy(&missing.stderr);
    assert!(said.contains("no executable other"), "{said}");
    std::fs::remove_dir_all(&dir).expect("removes the temporary crate");
}

/// Runs `script`'s shell function `function` with `dropped` and `kept` set, and checks
/// that it leaves every `dropped` setting out of the environment and every `kept` one in;
/// returns what it said on stderr, which names every `dropped` setting. Run again with an
/// empty environment, it says nothing.
fn check_environment_dropping(
    script: &str,
    function: &str,
    dropped: &[(&str, &str)],
    kept: &[(&str, &str)],
) -> String {
    let body = script_function(script, function);
    let mut command = Command::new("bash");
    command.arg("-c").arg(format!("{body}{function}\nenv"));
    for (name, value) in dropped.iter().chain(kept) {
        command.env(name, value);
    }
    let output = command.output().expect("bash runs");
    assert!(output.status.success(), "{output:?}");
    let env = String::from_utf8_lossy(&output.stdout);
    let remaining: BTreeMap<&str, &str> = env
        .lines()
        .filter_map(|line| line.split_once('='))
        .collect();
    for (name, _) in dropped {
        assert!(!remaining.contains_key(name), "{name} was not dropped");
    }
    for (name, value) in kept {
        assert_eq!(remaining.get(name), Some(value), "{name} was not kept");
    }

    // With nothing to drop it says nothing.
    let quiet = Command::new("bash")
        .arg("-c")
        .arg(format!("{body}{function}"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("bash runs");
    assert!(
        quiet.status.success() && quiet.stderr.is_empty(),
        "{quiet:?}"
    );
    // What it dropped, it names.
    let said = String::from_utf8_lossy(&output.stderr).into_owned();
    for (name, _) in dropped {
        assert!(said.contains(name), "{name} not named: {said}");
    }
    said
}

/// bench.sh's `with_huge_pages`, with stand-in commands: a process that says it got no huge
/// pages is started again until one does (its stdout stays stdout, its stderr shows on
/// stderr), another failure is the command's own exit status, and after 20 refusals the run
/// goes on without the configuration.
#[test]
fn bench_sh_with_huge_pages_retries_refusals_and_keeps_the_streams_apart() {
    let dir = std::env::temp_dir()
        .join(format!("with-huge-pages-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let function = bench_sh_function("with_huge_pages");
    let refusal = format!(
        "{}; start it again",
        chapters_code::speed::NO_HUGE_PAGES_MESSAGE
    );
    // Refuses the first `$1` times (counted in a file), then prints to both streams.
    let stand_in = "n=$(cat count 2>/dev/null || echo 0); echo $((n + 1)) > count; \
                    if [ \"$n\" -lt \"$1\" ]; then echo \"$REFUSAL\" >&2; exit 75; fi; \
                    echo \"out $GLIBC_TUNABLES $BOOK_EXPECT_HUGE_PAGES\"; echo progress >&2; exit \"$2\"";
    let run = |refusals: u32, exit: u32| {
        let _ = std::fs::remove_file(dir.join("count"));
        let script = format!(
            "set -euo pipefail\nwork=.\nhuge_pages_available=unknown\n{function}\
             status=0\nwith_huge_pages bash -c '{stand_in}' stand-in {refusals} {exit} || status=$?\n\
             echo \"status=$status available=$huge_pages_available tries=$(cat count)\"\n"
        );
        let output = Command::new("bash")
            .arg("-c")
            .arg(script)
            .current_dir(&dir)
            .env("REFUSAL", &refusal)
            .output()
            .expect("bash runs");
        (
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };

    let (out, err) = run(2, 0);
    assert_eq!(
        out, "out glibc.malloc.hugetlb=1 1\nstatus=0 available=yes tries=3\n",
        "{err}"
    );
    assert!(err.contains("progress") && !err.contains("out "), "{err}");
    assert_eq!(err.matches("(attempt ").count(), 2, "{err}");

    let (out, err) = run(0, 3);
    assert!(
        out.ends_with("status=3 available=unknown tries=1\n"),
        "{out}{err}"
    );

    let (out, err) = run(20, 0);
    assert_eq!(out, "status=0 available=no tries=20\n", "{err}");
    assert!(err.contains("got no huge pages in 20 processes"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// bench.sh's `source_commit`: the commit of this checkout, "-dirty" for changed or new
/// code but not for the results, outputs and images a partial run rewrites, and "unknown"
/// in a copy without its own repository, even inside another one.
#[test]
fn bench_sh_names_the_commit_it_measures() {
    let function = bench_sh_function("source_commit");
    let run = |dir: &Path| {
        let output = Command::new("bash")
            .arg("-c")
            .arg(format!("set -euo pipefail\n{function}source_commit"))
            .current_dir(dir)
            .output()
            .expect("bash runs");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    };
    let git = |dir: &Path, args: &[&str]| {
        let status = Command::new("git")
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(dir)
            .output()
            .expect("git runs");
        assert!(status.status.success(), "git {args:?}: {status:?}");
    };
    let repo = std::env::temp_dir()
        .join(format!("source-commit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&repo);
    std::fs::create_dir_all(repo.join("results")).expect("a temporary folder");
    std::fs::write(repo.join("code.rs"), "fn main() {}\n").expect("writes");
    std::fs::write(repo.join("results/benchmarks.csv"), "old\n")
        .expect("writes");
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "first"]);
    let clean = run(&repo);
    assert!(
        clean.len() == 12 && clean.chars().all(|c| c.is_ascii_hexdigit()),
        "{clean}"
    );
    // A partial run's results do not make the code dirty.
    std::fs::write(repo.join("results/benchmarks.csv"), "new\n")
        .expect("writes");
    assert_eq!(run(&repo), clean);
    // A new source file does.
    std::fs::write(repo.join("more.rs"), "\n").expect("writes");
    assert_eq!(run(&repo), format!("{clean}-dirty"));
    // A copy without its own repository, unpacked inside this one.
    let copy = repo.join("unpacked");
    std::fs::create_dir_all(&copy).expect("a folder");
    assert_eq!(run(&copy), "unknown");
    let _ = std::fs::remove_dir_all(&repo);
}

/// test.sh runs its checks as strict as they are written whatever the caller's environment
/// says: settings that relax a check are dropped and named (PROPTEST_CASES=0 made a failing
/// property pass, a per-target -Coverflow-checks=off made the debug edge run wrap,
/// MDBOOK_BUILD__BUILD_DIR built the book where the link and browser checks do not look),
/// BROWSER_REQUIRE_<RULE> only when it is 0, and the rest is kept.
#[test]
fn test_sh_drops_relaxing_settings_from_the_environment() {
    let dropped = [
        ("PROPTEST_CASES", "0"),
        ("MIMALLOC_PURGE_DELAY", "0"),
        ("RUSTFLAGS", "-Coverflow-checks=off"),
        (
            "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS",
            "-Coverflow-checks=off",
        ),
        ("CARGO_PROFILE_DEV_OVERFLOW_CHECKS", "false"),
        ("CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER", "true"),
        ("CARGO_TERM_QUIET", "true"),
        ("CARGO_TERM_VERBOSE", "true"),
        ("RUSTDOCFLAGS", "-Cdebug-assertions=off"),
        ("RUSTDOC", "/bin/true"),
        ("CARGO_BUILD_RUSTDOC", "/bin/true"),
        ("MDBOOK_BUILD__BUILD_DIR", "/tmp/elsewhere"),
        ("BOOK_TEST", "mdbook"),
        ("BROWSER_REQUIRE_FONTS", "0"),
    ];
    let kept = [
        ("BROWSER_REQUIRE_PAGES", "1"),
        ("CARGO_TARGET_DIR", "/tmp/elsewhere"),
        ("PYTHON", "/usr/bin/python3"),
    ];
    let said = check_environment_dropping(
        "test.sh",
        "drop_relaxing_environment",
        &dropped,
        &kept,
    );
    // And says nothing about what it keeps.
    for (name, _) in kept {
        assert!(!said.contains(name), "{name} named: {said}");
    }
}

/// test.sh's `every_test_program_reported` on its log: each test program cargo ran must
/// report its tests ("test result:", or criterion's "Success" for a benchmark in test mode).
/// A runner that does not run the program it is given (`runner = "true"` in a cargo config
/// file, which no variable can drop) made `cargo test` exit 0 with no test run, and test.sh
/// said every check passed.
#[test]
fn test_sh_fails_when_a_test_program_reports_no_test() {
    let function = script_function("test.sh", "every_test_program_reported");
    let check = |log: &str| {
        let dir = std::env::temp_dir().join(format!(
            "test-log-check-{}-{}",
            std::process::id(),
            log.len()
        ));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let path = dir.join("test-log.txt");
        std::fs::write(&path, log).expect("writes the log");
        let output = Command::new("bash")
            .arg("-c")
            .arg(format!("{function}every_test_program_reported \"$1\""))
            .arg("test.sh")
            .arg(&path)
            .output()
            .expect("bash runs");
        let _ = std::fs::remove_dir_all(&dir);
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let unit = "     Running unittests src/lib.rs (target/debug/deps/chapters_code-1)\n";
    let errors =
        "     Running ../tests/errors.rs (target/debug/deps/errors-2)\n";
    let bench =
        "     Running benches/ch08_life.rs (target/debug/deps/ch08_life-3)\n";
    let doc = "   Doc-tests chapters_code\n";
    let result = "\nrunning 1 test\ntest a ... ok\n\n\
                  test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured\n\n";
    let success = "Testing life/iterate\nSuccess\n\n";
    let run = "     Running `target/debug/book-test`\n";

    // A whole run: every program reported; `cargo run`'s line is no test program.
    let whole = format!(
        "{run}{unit}{result}{errors}{result}{bench}{success}{doc}{result}"
    );
    assert_eq!(check(&whole), (true, String::new()));
    // So is the same run in colour (CARGO_TERM_COLOR=always colours cargo's words).
    let coloured = whole
        .replace("     Running", "\u{1b}[1m\u{1b}[92m     Running\u{1b}[0m");
    assert_eq!(check(&coloured), (true, String::new()));

    // A runner that runs nothing: each silent program is named, the last one too.
    let silent = format!("{unit}{errors}{result}{bench}{doc}");
    let (ok, said) = check(&silent);
    assert!(!ok, "{said}");
    for name in [
        "unittests src/lib.rs",
        "benches/ch08_life.rs",
        "Doc-tests chapters_code",
    ] {
        assert!(said.contains(name), "{name} not named: {said}");
    }
    assert!(!said.contains("errors.rs"), "{said}");
    // A benchmark's "Success" does not stand in for a test program's result.
    let (ok, said) = check(&format!("{errors}{success}"));
    assert!(!ok && said.contains("errors.rs"), "{said}");
    // A log that names no test program: cargo's lines hidden (term.quiet in a cargo config
    // file) or reworded (term.verbose: "Running `true …/errors-2`", a runner that ran nothing).
    let verbose = "     Running `true target/debug/deps/errors-2`\n";
    for log in ["", verbose] {
        let (ok, said) = check(log);
        assert!(!ok && said.contains("no test program"), "{log:?}: {said}");
    }
}

/// scripts/mdbook-build.sh builds into book/, the folder ./build.sh names and the link and
/// browser checks read, whatever the environment says: with MDBOOK_BUILD__BUILD_DIR set,
/// `mdbook build` wrote the book there and ./build.sh said "The book is in book/", an old one.
/// Run with a stand-in `mdbook` that prints its folder and arguments.
#[test]
fn mdbook_build_sh_builds_into_book_whatever_the_environment_says() {
    let stub = std::env::temp_dir()
        .join(format!("mdbook-stand-in-{}", std::process::id()));
    std::fs::create_dir_all(&stub).expect("a temporary folder");
    write_stand_in(
        &stub.join("mdbook"),
        "#!/bin/sh\necho \"in $(pwd -P): mdbook $*\"\n",
    );
    let root = chapters_code::chapter::repo_root();
    let path = format!(
        "{}:{}",
        stub.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new(root.join("scripts/mdbook-build.sh"))
        .current_dir(&stub)
        .env("PATH", path)
        .env("MDBOOK_BUILD__BUILD_DIR", stub.join("elsewhere"))
        .output()
        .expect("the script runs");
    let _ = std::fs::remove_dir_all(&stub);
    assert!(output.status.success(), "{output:?}");
    let root = root.canonicalize().expect("the repository exists");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("in {}: mdbook build --dest-dir book\n", root.display())
    );
}

/// The performance appendix's "Measuring on your machine" and headline paragraphs describe
/// `./bench.sh` and `python/bench.py`: a `$PYTHON` without NumPy stops the run (the page once
/// said that without NumPy it measures the Rust side only, which holds only for a Python it
/// finds by itself: `bench_sh_refuses_an_unknown_group_before_building` runs that case),
/// `python/bench.py` takes at least as many samples as the page says, and pins OpenBLAS to one
/// thread before it imports NumPy.
#[test]
fn the_appendix_describes_bench_sh_and_bench_py_as_they_are() {
    let root = chapters_code::chapter::repo_root();
    let read = |path: &str| {
        std::fs::read_to_string(root.join(path))
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let page = read("src/appendix-performance.md");
    let page = page.split_whitespace().collect::<Vec<_>>().join(" ");
    let bench_sh = read("bench.sh");
    let bench_py = read("python/bench.py");
    // The branch that stops: PYTHON named, numpy and scipy not importable.
    assert!(bench_sh.contains(
        "elif [ -n \"${PYTHON:-}\" ]; then\n    # Asked for by name, the NumPy side is not skipped unseen"
    ));
    // python/bench.py's fewest samples, in words.
    let fewest: usize = bench_py
        .split("count = max(")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|n| n.trim().parse().ok())
        .expect("python/bench.py: count = max(N, …)");
    let words = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten",
    ];
    let fewest = words.get(fewest).expect("a number the page can spell");
    // OpenBLAS's thread count is set before NumPy is imported (it reads it once, on import).
    let pinned = bench_py
        .find("for var in (\"OPENBLAS_NUM_THREADS\", \"OMP_NUM_THREADS\", \"MKL_NUM_THREADS\"):\n    os.environ[var] = \"1\"")
        .expect("python/bench.py sets OPENBLAS_NUM_THREADS to 1");
    let imported = bench_py
        .find("\nimport numpy as np")
        .expect("python/bench.py imports numpy");
    assert!(
        pinned < imported,
        "python/bench.py imports NumPy before it pins OpenBLAS"
    );
    for said in [
        "with `$PYTHON` if it is set (a `$PYTHON` that cannot import NumPy and SciPy stops it \
         before it builds anything)"
            .to_string(),
        "When the Python it finds in those two places has no NumPy and SciPy, it measures the \
         Rust side only"
            .to_string(),
        format!("calibrated batches of calls, at least {fewest} samples,"),
        "(`python/bench.py` sets `OPENBLAS_NUM_THREADS=1` before it imports NumPy,".to_string(),
    ] {
        assert!(page.contains(&said), "src/appendix-performance.md: {said:?}");
    }
}
