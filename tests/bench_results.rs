//! What `./bench.sh` does to `results/benchmarks.csv`, through the `chapters-code` program it
//! runs (`bench-plan`, then `results DIR FILE`), on copies in a temporary folder: a partial
//! run changes only the lines it measured, a broken file is never overwritten, a missing one
//! is created, a mistyped group stops the run before anything is measured.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PROGRAM: &str = env!("CARGO_BIN_EXE_chapters-code");

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("bench-results-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(PROGRAM)
        .args(args)
        .output()
        .expect("the chapters-code program runs")
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr)
}

/// A run folder as `./bench.sh life` leaves it, `run` in `parent`: the machine's facts and
/// criterion's samples of `life/iterate` (no NumPy side).
fn life_run(parent: &Path) -> PathBuf {
    let dir = parent.join("run");
    std::fs::create_dir_all(&dir).expect("a folder");
    std::fs::write(
        dir.join("machine.txt"),
        "date: 2030-01-01\ncpu: Test CPU\ncores: 2\ncpu features: avx2\n",
    )
    .expect("writable");
    let new = dir
        .join("criterion-rust")
        .join("life")
        .join("iterate")
        .join("new");
    std::fs::create_dir_all(&new).expect("a folder");
    std::fs::write(
        new.join("benchmark.json"),
        r#"{"group_id": "life", "function_id": "iterate", "value_str": null}"#,
    )
    .expect("writable");
    std::fs::write(
        new.join("sample.json"),
        r#"{"sampling_mode": "Flat", "iters": [1.0, 1.0, 1.0], "times": [3e7, 2e7, 4e7]}"#,
    )
    .expect("writable");
    dir
}

fn committed() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("results")
        .join("benchmarks.csv");
    std::fs::read_to_string(path).expect("the committed results")
}

#[test]
fn a_partial_run_leaves_every_other_line_byte_identical() {
    let dir = scratch("partial");
    let file = dir.join("benchmarks.csv");
    let before = committed();
    std::fs::write(&file, &before).expect("writable");
    let measured = life_run(&dir);
    let out = run(&["results", path(&measured), path(&file)]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("no NumPy timings in this run"));
    let after = std::fs::read_to_string(&file).expect("written");
    let changed: Vec<&str> = before
        .lines()
        .filter(|line| !after.lines().any(|l| l == *line))
        .collect();
    // Only the timing it measured (and the closing count, if the line was new) changed.
    for line in &changed {
        assert!(
            line.starts_with("life,rust,iterate,")
                || line.starts_with("# end:"),
            "changed: {line}"
        );
    }
    let new_lines: Vec<&str> = after
        .lines()
        .filter(|line| !before.lines().any(|l| l == *line))
        .collect();
    assert!(
        new_lines.iter().any(|l| l.starts_with("life,rust,iterate,,0.030000000000,0.025000000000,0.035000000000,0.020000000000,0.040000000000,3,")),
        "{new_lines:?}"
    );
    assert!(new_lines.iter().any(|l| l.ends_with(": date: 2030-01-01")));
    let _ = std::fs::remove_dir_all(&dir);
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

#[test]
fn a_broken_results_file_is_never_overwritten() {
    let dir = scratch("broken");
    let measured = life_run(&dir);
    let file = dir.join("benchmarks.csv");
    let whole = committed();
    let header = whole.find("\ngroup,").expect("a header") + 1;
    let first_row = header + whole[header..].find('\n').expect("a row") + 1;
    for (what, broken) in [
        ("cut short", whole[..whole.len() - 3].to_string()),
        ("NaN", {
            let comma = first_row
                + whole[first_row..]
                    .match_indices(',')
                    .nth(3)
                    .expect("fields")
                    .0;
            let end =
                comma + 1 + whole[comma + 1..].find(',').expect("a field");
            format!("{}NaN{}", &whole[..comma + 1], &whole[end..])
        }),
        ("unknown group", whole.replacen("\nlife,", "\nlief,", 1)),
        ("empty", String::new()),
    ] {
        std::fs::write(&file, &broken).expect("writable");
        let out = run(&["results", path(&measured), path(&file)]);
        assert_eq!(out.status.code(), Some(2), "{what}: {}", text(&out));
        assert!(text(&out).contains("line "), "{what}: {}", text(&out));
        let now = std::fs::read_to_string(&file).expect("still there");
        assert_eq!(now, broken, "{what}: the file was touched");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_results_file_is_created() {
    let dir = scratch("missing");
    let measured = life_run(&dir);
    let file = dir.join("results").join("benchmarks.csv");
    let out = run(&["results", path(&measured), path(&file)]);
    assert!(out.status.success(), "{}", text(&out));
    let created = std::fs::read_to_string(&file).expect("created");
    assert!(created.contains("\nlife,rust,iterate,,0.030000000000,"));
    assert!(created.ends_with("# end: 1 timings\n"));
    assert!(
        text(&out).contains("did not exist: created it"),
        "{}",
        text(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A results file that cannot be created is not said to be: the note that the file is
/// being created came before the write, so a link to nothing printed "does not exist yet:
/// creating it" and then failed; an empty FILE argument got "cannot rename ./..N.0.tmp to
/// : No such file or directory".
#[cfg(unix)]
#[test]
fn a_results_file_that_cannot_be_created_is_not_said_to_be() {
    let dir = scratch("uncreatable");
    let measured = life_run(&dir);
    let link = dir.join("benchmarks.csv");
    std::os::unix::fs::symlink(dir.join("missing").join("x.csv"), &link)
        .expect("a link");
    let out = run(&["results", path(&measured), path(&link)]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("cannot follow the link"),
        "{}",
        text(&out)
    );
    assert!(
        !text(&out).contains("creating it")
            && !text(&out).contains("created it"),
        "{}",
        text(&out)
    );
    let out = run(&["results", path(&measured), ""]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("error: the results FILE is an empty path"),
        "{}",
        text(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_mistyped_group_stops_the_run_before_anything_is_measured() {
    let dir = scratch("plan");
    let out = run(&["bench-plan", path(&dir), "life", "reciprocal"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("unknown benchmark group \"reciprocal\""));
    assert_eq!(std::fs::read_dir(&dir).expect("readable").count(), 0);
    let out = run(&["bench-plan", path(&dir), "life"]);
    assert!(out.status.success(), "{}", text(&out));
    let filter =
        std::fs::read_to_string(dir.join("filter-rust.txt")).expect("written");
    // Exactly the group's criterion workloads, in the registry's order.
    let life = chapters_code::benchmarks::GROUPS
        .iter()
        .find(|g| g.name == "life")
        .expect("a life group");
    let ids: Vec<String> = life
        .workloads
        .iter()
        .filter(|w| !w.python)
        .map(|w| format!("life/{}", w.variant))
        .collect();
    assert!(ids.len() >= 2, "{ids:?}");
    assert_eq!(filter, format!("^({})$\n", ids.join("|")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_run_that_measured_nothing_changes_nothing() {
    let dir = scratch("nothing");
    let measured = dir.join("run");
    std::fs::create_dir_all(&measured).expect("a folder");
    std::fs::write(measured.join("machine.txt"), "cpu: Test CPU\n")
        .expect("writable");
    let file = dir.join("benchmarks.csv");
    std::fs::write(&file, committed()).expect("writable");
    let out = run(&["results", path(&measured), path(&file)]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert_eq!(std::fs::read_to_string(&file).ok(), Some(committed()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_python_csv_left_over_from_an_earlier_run_is_not_merged_as_new() {
    let dir = scratch("stale");
    let measured = life_run(&dir);
    // This run planned `life` only (./bench.sh life without NumPy) …
    std::fs::write(measured.join("groups.txt"), "life\n").expect("writable");
    // … but a python.csv of an earlier, full run is still in the folder.
    std::fs::write(
        measured.join("python.csv"),
        "group,variant,size,median_seconds,q1_seconds,q3_seconds,min_seconds,max_seconds,samples\n\
         reciprocals,numpy,,2.0e-2,1.9e-2,2.1e-2,1.8e-2,2.2e-2,10\n",
    )
    .expect("writable");
    let file = dir.join("benchmarks.csv");
    std::fs::write(&file, committed()).expect("writable");
    let out = run(&["results", path(&measured), path(&file)]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains(
            "reciprocals/numpy on side python, a group this run did not plan"
        ),
        "{}",
        text(&out)
    );
    assert_eq!(std::fs::read_to_string(&file).ok(), Some(committed()));
    // Without the stray file the same run merges.
    std::fs::remove_file(measured.join("python.csv")).expect("removable");
    let out = run(&["results", path(&measured), path(&file)]);
    assert!(out.status.success(), "{}", text(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Writes `broken` (a results file that parses) to `file` and merges the run in
/// `measured` into it: the merge must stop (exit status 2) naming line `line` and saying
/// `says`, and leave the file as it was. `what` names the case in a failure.
fn assert_merge_refused(
    measured: &Path,
    file: &Path,
    what: &str,
    broken: &str,
    line: usize,
    says: &str,
) {
    chapters_code::results::Results::parse(broken)
        .unwrap_or_else(|e| panic!("{what}: the file reads ({e})"));
    std::fs::write(file, broken).expect("writable");
    let out = run(&["results", path(measured), path(file)]);
    let said = text(&out);
    assert_eq!(out.status.code(), Some(2), "{what}: {said}");
    assert!(said.contains(&format!("line {line}: ")), "{what}: {said}");
    assert!(said.contains(says), "{what}: {said}");
    let now = std::fs::read_to_string(file).expect("still there");
    assert_eq!(now, broken, "{what}: the file was touched");
}

#[test]
fn a_line_a_merge_would_rewrite_stops_it_before_anything_changes() {
    let dir = scratch("rewrite");
    let measured = life_run(&dir);
    let file = dir.join("benchmarks.csv");
    let whole = committed();
    let title = whole.find('\n').expect("a title") + 1;
    let row = whole.find("\nlife,").expect("a life row") + 1;
    let row_end = row + whole[row..].find('\n').expect("a line end");
    let fields: Vec<&str> = whole[row..row_end].split(',').collect();
    let median: f64 = fields[4].parse().expect("a median");
    // Each parses, and the merge, which writes the file from what it parsed, would
    // round, re-spell or drop it: 13 decimals, an exponent, a comment, a blank line,
    // a CRLF line end.
    let respelled = |median: String| {
        let mut fields = fields.clone();
        fields[4] = &median;
        format!("{}{}{}", &whole[..row], fields.join(","), &whole[row_end..])
    };
    let line_of = |at: usize| whole[..at].matches('\n').count() + 1;
    for (what, broken, line) in [
        (
            "13 decimals",
            respelled(format!("{median:.13}")),
            line_of(row),
        ),
        (
            "an exponent",
            respelled(format!("{median:e}")),
            line_of(row),
        ),
        (
            "a comment",
            format!("{}# by hand\n{}", &whole[..title], &whole[title..]),
            2,
        ),
        (
            "a blank line",
            format!("{}\n{}", &whole[..title], &whole[title..]),
            2,
        ),
        ("CRLF", whole.replace('\n', "\r\n"), 1),
    ] {
        let says = "a merge would change or drop it";
        assert_merge_refused(&measured, &file, what, &broken, line, says);
    }
    // The committed file, as ./bench.sh wrote it, merges.
    std::fs::write(&file, &whole).expect("writable");
    let out = run(&["results", path(&measured), path(&file)]);
    assert!(out.status.success(), "{}", text(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A line the merge would move, drop or add stops it too: the merged file is written in
/// the writer's order, one title, so timings out of the registry's order were put back in
/// it, a second title line vanished and a missing one appeared, though each line of the
/// file was one the writer writes (the check compared the lines as a set).
#[test]
fn a_line_a_merge_would_move_drop_or_add_stops_it_too() {
    let dir = scratch("move");
    let measured = life_run(&dir);
    let file = dir.join("benchmarks.csv");
    let whole = committed();
    let lines: Vec<&str> = whole.split_inclusive('\n').collect();
    let header = lines
        .iter()
        .position(|line| line.starts_with("group,"))
        .expect("a header");
    let mut swapped = lines.clone();
    swapped.swap(header + 1, header + 2);
    let mut twice = lines.clone();
    twice.insert(1, lines[0]);
    // Two runs, the later one's facts first: the merge writes them by run number.
    let facts = lines
        .iter()
        .position(|line| line.starts_with("# run "))
        .expect("a run's facts");
    let mut later_first = lines[..facts].to_vec();
    later_first.push("# run 99: cpu: Another CPU\n");
    later_first.extend(&lines[facts..header + 1]);
    let first_row = lines[header + 1].trim_end();
    let (row, _) = first_row.rsplit_once(',').expect("a run column");
    let moved_row = format!("{row},99\n");
    later_first.push(&moved_row);
    later_first.extend(&lines[header + 2..]);
    // A run whose facts no timing names (the merge would drop them) does not read,
    // so no merge starts: the error names its line.
    let mut orphan = lines[..header].to_vec();
    orphan.push("# run 98: cpu: Another CPU\n");
    orphan.extend(&lines[header..]);
    let refused = chapters_code::results::Results::parse(&orphan.concat())
        .expect_err("a run no timing names")
        .to_string();
    assert!(
        refused.contains(&format!(
            "line {}: run 98 has facts but no timing names it",
            header + 1
        )),
        "{refused}"
    );
    for (what, broken, line, says) in [
        (
            "two timings swapped",
            swapped.concat(),
            header + 2,
            "is out of place",
        ),
        ("the title twice", twice.concat(), 2, "is out of place"),
        (
            "a later run's facts first",
            later_first.concat(),
            facts + 1,
            "is out of place",
        ),
        (
            "no title",
            lines[1..].concat(),
            1,
            "which the file lacks: a merge would add it",
        ),
    ] {
        assert_merge_refused(&measured, &file, what, &broken, line, says);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `./bench.sh`'s cpu fact falls back to `uname -m` where /proc/cpuinfo names no model
/// (aarch64 Linux): a `cmd | cut | sed || uname -m` fallback never ran (the pipeline's
/// status is sed's), and the fact was written empty. Runs the script's own lines with
/// /proc/cpuinfo replaced by a file that does not exist.
#[test]
fn the_cpu_fact_falls_back_to_the_architecture() {
    let script = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join("bench.sh"),
    )
    .expect("bench.sh is readable");
    let lines: Vec<&str> = script
        .lines()
        .map(str::trim)
        .filter(|line| {
            line.starts_with("cpu=") || line.starts_with("echo \"cpu: ")
        })
        .collect();
    assert!(lines.iter().any(|l| l.starts_with("echo")), "{lines:?}");
    let snippet = lines.join("\n").replace("/proc/cpuinfo", "/nonexistent");
    let out = Command::new("bash")
        .args(["-c", &snippet])
        .output()
        .expect("bash runs");
    let arch = Command::new("uname").arg("-m").output().expect("uname");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("cpu: {}", String::from_utf8_lossy(&arch.stdout)),
        "{snippet}"
    );
}
