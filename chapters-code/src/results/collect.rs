//! Gathering a fresh results file from what `./bench.sh` measured: criterion's estimates, the
//! Python timings and the machine's facts.

use std::path::Path;

use super::{Results, Timing};
use crate::benchmarks::Side;
use crate::error::{Context, Result};

impl Results {
    /// Merges the medians criterion measured (under `target/criterion` as configured and
    /// `target/criterion-thp` with huge pages) with the Python timings and the machine facts
    /// that `./bench.sh` gathered in `dir` (`python.csv`, `machine.txt`).
    pub fn collect(dir: &Path, target: &Path) -> Result<Results> {
        let mut results = Results::default();
        let machine_path = dir.join("machine.txt");
        let machine = std::fs::read_to_string(&machine_path)
            .context(format!("cannot read {}", machine_path.display()))?;
        for line in machine.lines() {
            if let Some((key, value)) = line.split_once(": ") {
                results
                    .machine
                    .push((key.trim().into(), value.trim().into()));
            }
        }
        for (side, folder) in [
            (Side::Rust, "criterion"),
            (Side::RustHugePages, "criterion-thp"),
        ] {
            let mut found = criterion_medians(&target.join(folder))?;
            found.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
            for (group, variant, median_seconds) in found {
                results.timings.push(Timing {
                    group,
                    side: side.name().into(),
                    variant,
                    median_seconds,
                });
            }
        }
        let python = dir.join("python.csv");
        if let Ok(text) = std::fs::read_to_string(&python) {
            for line in text.lines().skip(1) {
                let fields: Vec<&str> = line.split(',').collect();
                if let [group, variant, seconds, _repeats] = fields[..] {
                    let median_seconds = seconds.parse().context(format!(
                        "{}: bad number {seconds:?}",
                        python.display()
                    ))?;
                    results.timings.push(Timing {
                        group: group.into(),
                        side: Side::Python.name().into(),
                        variant: variant.into(),
                        median_seconds,
                    });
                }
            }
        }
        Ok(results)
    }
}

/// Reads `<group>/<function>/new/estimates.json` under a criterion output folder and returns
/// (group, function, median seconds) for each.
fn criterion_medians(folder: &Path) -> Result<Vec<(String, String, f64)>> {
    let mut found = Vec::new();
    let Ok(groups) = std::fs::read_dir(folder) else {
        return Ok(found);
    };
    for group in groups.flatten().filter(|e| e.path().is_dir()) {
        let Ok(functions) = std::fs::read_dir(group.path()) else {
            continue;
        };
        for function in functions.flatten() {
            let benchmark = function.path().join("new").join("benchmark.json");
            let estimates = function.path().join("new").join("estimates.json");
            let (Ok(benchmark), Ok(estimates)) = (
                std::fs::read_to_string(&benchmark),
                std::fs::read_to_string(&estimates),
            ) else {
                continue;
            };
            let parse = |text: &str| {
                serde_json::from_str::<serde_json::Value>(text)
                    .context(function.path().display().to_string())
            };
            let benchmark_json = parse(&benchmark)?;
            let estimates_json = parse(&estimates)?;
            let name =
                |key: &str| benchmark_json[key].as_str().map(str::to_string);
            let median_ns = estimates_json["median"]["point_estimate"].as_f64();
            if let (Some(group_id), Some(function_id), Some(ns)) =
                (name("group_id"), name("function_id"), median_ns)
            {
                found.push((group_id, function_id, ns * 1e-9));
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_criterion_python_and_machine_facts() {
        let dir = std::env::temp_dir()
            .join(format!("collect-test-{}", std::process::id()));
        let estimates =
            dir.join("criterion").join("g").join("fast").join("new");
        std::fs::create_dir_all(&estimates).expect("a temporary folder");
        let write = |path: &Path, text: &str| {
            std::fs::write(path, text).expect("writable")
        };
        write(&dir.join("machine.txt"), "cpu: Test CPU\ncores: 2\n");
        write(
            &dir.join("python.csv"),
            "group,variant,median_seconds,repeats\ng,numpy,0.030000000,5\n",
        );
        write(
            &estimates.join("benchmark.json"),
            r#"{"group_id": "g", "function_id": "fast"}"#,
        );
        write(
            &estimates.join("estimates.json"),
            r#"{"median": {"point_estimate": 10000000.0}}"#,
        );
        let results = Results::collect(&dir, &dir).expect("collects");
        assert_eq!(results.fact("cores"), "2");
        assert_eq!(results.get("g", "rust", "fast"), Some(0.01));
        assert_eq!(results.get("g", "python", "numpy"), Some(0.03));
        assert_eq!(results.timings.len(), 2);
        let _ = std::fs::remove_dir_all(&dir);
        assert!(Results::collect(&dir, &dir).is_err()); // no machine.txt
    }
}
