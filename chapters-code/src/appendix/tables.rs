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
/// (`{{#include outputs/<slug>/numpy-table.md}}`), which is read from `src/`. An include
/// that cannot be read is an error, not an empty table: the chapter's rows would silently go
/// missing from the cheat sheet.
///
/// # Errors
///
/// When the table is included from a file that cannot be read.
pub fn table_rows(markdown: &str) -> Result<Vec<String>> {
    let Some(start) = markdown.find(TABLE_HEADING) else {
        return Ok(Vec::new());
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
                let path = path.trim();
                text += &std::fs::read_to_string(book_src().join(path))
                    .context(format!("src/{path}, included under {TABLE_HEADING:?}"))?;
            }
            None => {
                text += line;
                text.push('\n');
            }
        }
    }
    Ok(text
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // header and separator
        .map(str::to_string)
        .collect())
}

/// One table of every chapter's NumPy → ndarray rows, each linked to its chapter (by number,
/// to keep the table narrow; the link's title is the chapter's name).
///
/// # Errors
///
/// When `src/SUMMARY.md` or a chapter's page (or the table it includes) cannot be read.
pub fn cheatsheet() -> Result<String> {
    let mut out = String::from("| NumPy | ndarray | Notes | Ch. |\n| --- | --- | --- | --- |\n");
    let numbered = summary_chapters()?
        .into_iter()
        .filter(|(_, file)| file.starts_with("ch"));
    for (number, (title, file)) in numbered.enumerate() {
        // A chapter SUMMARY.md lists but whose file cannot be read is an error: skipping it
        // would drop its rows and renumber every chapter after it.
        let text = std::fs::read_to_string(book_src().join(&file))
            .context(format!("src/{file}, listed in SUMMARY.md"))?;
        let title = title.replace('`', "").replace('"', "'");
        for row in table_rows(&text).context(format!("src/{file}"))? {
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
            table_rows(md).expect("no include to read"),
            vec![
                "| `a` | `b` | c |".to_string(),
                "| `d` | `e` | |".to_string()
            ]
        );
        assert!(table_rows("no table").expect("nothing to read").is_empty());
    }

    #[test]
    fn an_included_table_that_cannot_be_read_is_an_error() {
        let md = "## NumPy → ndarray

{{#include outputs/no-such-chapter/numpy-table.md}}
";
        let error = table_rows(md).expect_err("the include is missing").to_string();
        assert!(
            error.starts_with("src/outputs/no-such-chapter/numpy-table.md, included under"),
            "{error}"
        );
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

    /// The public functions and types of the chapters (and of `random.rs`): the book's
    /// own code, which the cheat sheet marks "this book's".
    fn books_own_names() -> std::collections::BTreeSet<String> {
        let item = regex::Regex::new(
            r"(?m)^\s*pub (?:fn|struct|enum|trait|type) ([A-Za-z_]\w*)",
        )
        .expect("a valid regex");
        let code = repo_root().join("chapters-code/src");
        let mut files = vec![code.join("random.rs")];
        for entry in std::fs::read_dir(&code).expect("chapters-code/src") {
            let dir = entry.expect("a directory entry").path();
            let is_chapter = dir
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("ch"));
            if is_chapter && dir.is_dir() {
                files.push(dir.join("mod.rs"));
            }
        }
        files
            .iter()
            .flat_map(|file| {
                let text = std::fs::read_to_string(file).expect("a chapter's module");
                item.captures_iter(&text)
                    .map(|c| c[1].to_string())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn every_row_that_uses_the_books_own_code_says_this_books() {
        let own = books_own_names();
        assert!(own.contains("expand_dims") && own.contains("RandomState"));
        // A name that starts a path or a call: not a method (`.rand`) and not an item of
        // another crate's path (`Uniform::new`, `ndarray::meshgrid`).
        let leading = regex::Regex::new(r"(?:^|[^\w.:])([A-Za-z_]\w*)").expect("a valid regex");
        let sheet = cheatsheet().expect("the book's sources are readable");
        let mut unmarked = Vec::new();
        for row in sheet.lines().skip(2) {
            // A `\|` inside a cell is code (a closure), not a cell's end.
            let unescaped = row.replace("\\|", "¦");
            let cells: Vec<&str> = unescaped.split('|').map(str::trim).collect();
            let (ndarray, notes) = (cells[2], cells[3]);
            let named: Vec<&str> = leading
                .captures_iter(ndarray)
                .map(|c| c.get(1).expect("a name").as_str())
                .filter(|name| own.contains(*name))
                .collect();
            if !named.is_empty() && !notes.contains("this book's") {
                unmarked.push(format!("{named:?}: {row}"));
            }
        }
        assert!(unmarked.is_empty(), "not marked \"this book's\":\n{}", unmarked.join("\n"));
    }
}
