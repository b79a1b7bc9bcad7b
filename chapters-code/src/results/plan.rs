//! What one `./bench.sh` run measures, from the registry: which groups, which criterion
//! benchmarks on each Rust side (as a filter for `cargo bench`), which Python workloads at
//! which sizes. `./bench.sh` asks for the plan (`cargo run -- bench-plan DIR GROUP…`)
//! before it measures anything, so a mistyped group name stops it at once.

use std::fmt::Write as _;
use std::path::Path;

use super::collect::plan_file;
use super::write_atomically;
use crate::benchmarks::{group_names, measured_series, Series, Side};
use crate::error::{Error, Result};

/// The files [`BenchPlan::write`] puts in a run's folder: the groups, one criterion filter
/// per Rust side (empty: nothing to run on that side), and the Python plan.
///
/// The filter files' names are built from [`Side::CRITERION`] when they are written; a
/// unit test checks that this list names the same files.
pub const PLAN_FILES: [&str; 6] = [
    "groups.txt",
    "filter-rust.txt",
    "filter-rust-thp.txt",
    "filter-rust-fastalloc.txt",
    "filter-rust-blas.txt",
    "python-plan.txt",
];

/// The plan file that lists the run's groups, one a line (`./bench.sh` and
/// [`super::Results::collect`] read it).
const GROUPS_FILE: &str = "groups.txt";

/// The plan file of the Python workloads ([`BenchPlan::python_plan`]).
const PYTHON_PLAN_FILE: &str = "python-plan.txt";

/// The plan of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchPlan {
    /// The groups and sweeps it measures, in registry order.
    pub groups: Vec<&'static str>,
    /// Every series it measures.
    pub series: Vec<Series>,
}

impl BenchPlan {
    /// The plan for these group names (all groups when empty). An unknown name is an
    /// error that lists the known ones.
    ///
    /// # Errors
    ///
    /// For a name that is not a group's, listing the known ones.
    pub fn new(names: &[&str]) -> Result<BenchPlan> {
        let known = group_names();
        let unknown: Vec<&str> = names
            .iter()
            .copied()
            .filter(|name| !known.contains(name))
            .collect();
        if !unknown.is_empty() {
            return Err(Error::msg(format!(
                "unknown benchmark group {}; the groups are: {}",
                unknown
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                known.join(" ")
            )));
        }
        let groups: Vec<&'static str> = known
            .into_iter()
            .filter(|g| names.is_empty() || names.contains(g))
            .collect();
        let series = measured_series()
            .into_iter()
            .filter(|s| groups.contains(&s.group))
            .collect();
        Ok(BenchPlan { groups, series })
    }

    /// The criterion filter (a regular expression over benchmark ids
    /// `group/variant[/size]`) that runs exactly this plan's benchmarks on `side`, or
    /// `None` when there are none.
    pub fn criterion_filter(&self, side: Side) -> Option<String> {
        let ids: Vec<String> = self
            .series
            .iter()
            .filter(|s| s.side == side)
            .map(Series::criterion_id)
            .collect();
        (!ids.is_empty()).then(|| format!("^({})$", ids.join("|")))
    }

    /// The Python workloads, one per line: `group variant size` (`-` for no size).
    pub fn python_plan(&self) -> String {
        let mut out = String::new();
        for s in self.series.iter().filter(|s| s.side == Side::Python) {
            let size = s.size.map(|n| n.to_string()).unwrap_or("-".into());
            let _ = writeln!(out, "{} {} {size}", s.group, s.variant);
        }
        out
    }

    /// Writes the plan's files ([`PLAN_FILES`]) into `dir`.
    ///
    /// # Errors
    ///
    /// When a file cannot be written ([`write_atomically`](super::write_atomically)).
    pub fn write(&self, dir: &Path) -> Result<()> {
        // Each file is named by what it holds, never by its position in a list.
        let mut files =
            vec![(GROUPS_FILE.to_string(), self.groups.join("\n") + "\n")];
        for side in Side::CRITERION {
            let filter = self
                .criterion_filter(side)
                .map(|f| f + "\n")
                .unwrap_or_default();
            files.push((plan_file(side), filter));
        }
        files.push((PYTHON_PLAN_FILE.to_string(), self.python_plan()));
        for (name, text) in files {
            write_atomically(&dir.join(name), text.as_bytes())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::collect::{criterion_folder, side_slug};
    use super::*;

    #[test]
    fn plan_files_lists_the_files_that_write_puts_in_a_run_folder() {
        let mut expected = vec![GROUPS_FILE.to_string()];
        expected.extend(Side::CRITERION.map(plan_file));
        expected.push(PYTHON_PLAN_FILE.to_string());
        assert_eq!(PLAN_FILES.to_vec(), expected);
        assert_eq!(plan_file(Side::RustHugePages), "filter-rust-thp.txt");
        assert_eq!(
            criterion_folder(Side::RustFastAlloc),
            "criterion-rust-fastalloc"
        );

        let dir = std::env::temp_dir()
            .join(format!("plan-files-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        BenchPlan::new(&["life"])
            .expect("a group")
            .write(&dir)
            .expect("written");
        let mut written: Vec<String> = std::fs::read_dir(&dir)
            .expect("readable")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        written.sort();
        let mut listed: Vec<String> = PLAN_FILES.map(String::from).to_vec();
        listed.sort();
        assert_eq!(written, listed);
        let rust = std::fs::read_to_string(dir.join(plan_file(Side::Rust)))
            .expect("written");
        assert!(rust.contains("life/iterate"), "{rust}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// `./bench.sh` spells the sides in shell: every criterion side must be measured into
    /// the folder `collect` reads and with the filter file `write` writes, or a multi-hour
    /// run loses that side's timings.
    #[test]
    fn bench_sh_measures_every_criterion_side_where_collect_looks() {
        let path = crate::chapter::repo_root().join("bench.sh");
        let script = std::fs::read_to_string(&path).expect("bench.sh reads");
        // bench_side builds both names from its first argument.
        assert!(
            script.contains(r#"filter="$(cat "$work/filter-$side.txt")""#),
            "bench.sh no longer reads filter-$side.txt"
        );
        assert!(
            script.contains(r#"CRITERION_HOME="$work/criterion-$side""#),
            "bench.sh no longer measures into criterion-$side"
        );
        for side in Side::CRITERION {
            let slug = side_slug(side);
            assert_eq!(format!("criterion-{slug}"), criterion_folder(side));
            assert_eq!(format!("filter-{slug}.txt"), plan_file(side));
            let call =
                regex::Regex::new(&format!(r"(?m)^\s*bench_side {slug} "))
                    .expect("a regex");
            assert!(
                call.is_match(&script),
                "bench.sh does not run `bench_side {slug}`"
            );
        }
        // Every filter file bench.sh names by hand is one that `write` writes.
        let filters =
            regex::Regex::new(r"filter-[a-z0-9-]+\.txt").expect("a regex");
        let written = Side::CRITERION.map(plan_file);
        for found in filters.find_iter(&script) {
            assert!(
                written.iter().any(|w| w == found.as_str()),
                "bench.sh names {}, which bench-plan does not write",
                found.as_str()
            );
        }
    }

    #[test]
    fn a_mistyped_group_is_an_error_naming_it() {
        let err = BenchPlan::new(&["life", "reciprocal"]).expect_err("typo");
        let text = err.to_string();
        assert!(
            text.contains("unknown benchmark group \"reciprocal\""),
            "{text}"
        );
        assert!(text.contains("reciprocals"), "{text}");
    }

    #[test]
    fn one_group_plans_only_its_own_benchmarks() {
        let plan = BenchPlan::new(&["life"]).expect("a group");
        assert_eq!(plan.groups, ["life"]);
        assert_eq!(
            plan.criterion_filter(Side::Rust).as_deref(),
            Some("^(life/iterate_loops|life/iterate|life/fast)$")
        );
        assert_eq!(plan.criterion_filter(Side::RustHugePages), None);
        assert_eq!(
            plan.python_plan(),
            "life numpy_iterate -\nlife numpy_iterate_uint8 -\n"
        );
        let all = BenchPlan::new(&[]).expect("every group");
        assert_eq!(all.groups, group_names());
        let sweep = BenchPlan::new(&["reciprocals_sweep"]).expect("a sweep");
        assert!(
            sweep.criterion_filter(Side::RustFastAlloc).is_some_and(
                |f| f.contains("|reciprocals_sweep/reciprocals/100|")
            )
        );
        assert!(sweep
            .python_plan()
            .starts_with("reciprocals_sweep numpy 10\n"));
    }

    #[test]
    fn only_the_matrix_products_dot_runs_with_openblas() {
        let products =
            BenchPlan::new(&["matmul", "matmul_2048"]).expect("groups");
        assert_eq!(
            products.criterion_filter(Side::RustBlas).as_deref(),
            Some("^(matmul/dot|matmul_2048/dot)$")
        );
        let all = BenchPlan::new(&[]).expect("every group");
        assert_eq!(
            all.criterion_filter(Side::RustBlas),
            products.criterion_filter(Side::RustBlas)
        );
    }
}
