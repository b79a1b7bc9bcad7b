//! The cheat sheet appendix: gathered from every chapter's `NumPy → ndarray` table.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::chapter::repo_root;
use crate::error::{Context, Result};

/// The heading under which each chapter keeps its `NumPy | ndarray | Notes` table.
pub const TABLE_HEADING: &str = "## NumPy → ndarray";

fn book_src() -> PathBuf {
    repo_root().join("src")
}

/// The chapters listed in `SUMMARY.md`, in order: (title, file name).
fn summary_chapters() -> Result<Vec<(String, String)>> {
    let summary = std::fs::read_to_string(book_src().join("SUMMARY.md")).context("SUMMARY.md")?;
    Ok(summary
        .lines()
        .filter_map(|line| {
            let open = line.find('[')?;
            let close = line[open..].find("](")? + open;
            let end = line[close..].find(')')? + close;
            Some((
                line[open + 1..close].to_string(),
                line[close + 2..end].to_string(),
            ))
        })
        .collect())
}

/// The body rows of a chapter's `NumPy → ndarray` table. The table is either written under
/// the heading or, as the chapters do, included from the file their code generates
/// (`{{#include outputs/<slug>/numpy-table.md}}`), which is read from `src/`.
pub fn table_rows(markdown: &str) -> Vec<String> {
    let Some(start) = markdown.find(TABLE_HEADING) else {
        return Vec::new();
    };
    let section = &markdown[start + TABLE_HEADING.len()..];
    let section = section.split("\n## ").next().unwrap_or(section);
    let mut text = String::new();
    for line in section.lines() {
        let included = line
            .trim()
            .strip_prefix("{{#include ")
            .and_then(|rest| rest.strip_suffix("}}"));
        match included {
            Some(path) => {
                text += &std::fs::read_to_string(book_src().join(path.trim()))
                    .unwrap_or_default();
            }
            None => {
                text += line;
                text.push('\n');
            }
        }
    }
    text.lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // header and separator
        .map(str::to_string)
        .collect()
}

/// One table of every chapter's NumPy → ndarray rows, each linked to its chapter (by number,
/// to keep the table narrow; the link's title is the chapter's name).
pub fn cheatsheet() -> Result<String> {
    let mut out = String::from("| NumPy | ndarray | Notes | Ch. |\n| --- | --- | --- | --- |\n");
    let numbered = summary_chapters()?
        .into_iter()
        .filter(|(_, file)| file.starts_with("ch"));
    for (number, (title, file)) in numbered.enumerate() {
        let Ok(text) = std::fs::read_to_string(book_src().join(&file)) else {
            continue;
        };
        let title = title.replace('`', "").replace('"', "'");
        for row in table_rows(&text) {
            let cells = row.trim_end().trim_end_matches('|');
            let _ = writeln!(out, "{cells}| [{}]({file} \"{title}\") |", number + 1);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_are_found_under_the_heading() {
        let md = "# C\n\ntext\n\n## NumPy → ndarray\n\n| NumPy | ndarray | Notes |\n| --- | --- | --- |\n| `a` | `b` | c |\n| `d` | `e` | |\n\n## Exercises\n| x |\n";
        assert_eq!(
            table_rows(md),
            vec![
                "| `a` | `b` | c |".to_string(),
                "| `d` | `e` | |".to_string()
            ]
        );
        assert!(table_rows("no table").is_empty());
    }

    #[test]
    fn every_chapter_contributes_to_the_cheatsheet() {
        let sheet = cheatsheet().expect("the book's sources are readable");
        for (_, file) in summary_chapters().expect("SUMMARY.md") {
            if file.starts_with("ch") {
                assert!(
                    sheet.contains(&format!("]({file} ")),
                    "{file} has no NumPy → ndarray table"
                );
            }
        }
    }
}
