//! Helpers shared by the integration tests (included with `mod support;`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub use chapters_code::chapter::repo_root;

/// Reads a file relative to the repository root, with a helpful panic message.
pub fn read_repo_file(relative: impl AsRef<Path>) -> String {
    let path = repo_root().join(relative.as_ref());
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// All files below `dir` (recursively) whose name ends with `suffix`, sorted.
pub fn files_with_suffix(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            if path.is_dir() {
                if name != "target"
                    && name != "book"
                    && !name.starts_with('.')
                    && name != "images"
                {
                    stack.push(path);
                }
            } else if name.ends_with(suffix) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// A fenced code block of a markdown file.
#[derive(Debug)]
pub struct CodeBlock {
    /// 1-based line of the opening fence.
    pub line: usize,
    /// The info string (`rust`, `rust,ignore`, `text`, …).
    pub info: String,
    /// The lines between the fences.
    pub body: Vec<String>,
    /// The nearest non-blank line before the opening fence.
    pub preceding: String,
}

/// Splits markdown into its fenced code blocks (``` or ~~~ fences).
pub fn code_blocks(markdown: &str) -> Vec<CodeBlock> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, CodeBlock)> = None;
    let mut last_text = String::new();
    for (i, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        match &mut current {
            Some((fence, block)) => {
                if trimmed.starts_with(fence.as_str())
                    && trimmed.trim() == fence.as_str()
                {
                    let (_, done) = current.take().expect("inside a block");
                    blocks.push(done);
                } else {
                    block.body.push(line.to_string());
                }
            }
            None => {
                let fence_len = trimmed
                    .chars()
                    .take_while(|&c| c == '`' || c == '~')
                    .count();
                if fence_len >= 3 {
                    let fence: String =
                        trimmed.chars().take(fence_len).collect();
                    let info = trimmed[fence_len..].trim().to_string();
                    current = Some((
                        fence,
                        CodeBlock {
                            line: i + 1,
                            info,
                            body: Vec::new(),
                            preceding: last_text.clone(),
                        },
                    ));
                } else if !trimmed.is_empty() {
                    last_text = trimmed.to_string();
                }
            }
        }
    }
    blocks
}

/// An `{{#include …}}` or `{{#rustdoc_include …}}` directive found in a chapter.
#[derive(Debug, Clone)]
pub struct Include {
    /// The chapter it was found in, relative to the repository root.
    pub chapter: PathBuf,
    /// `include` or `rustdoc_include`.
    pub kind: String,
    /// The included file, resolved against the chapter's folder.
    pub file: PathBuf,
    /// The part after the first `:`, if any (an anchor name or line numbers).
    pub selector: Option<String>,
}

/// Every include directive of a markdown file.
pub fn includes(chapter: &Path, markdown: &str) -> Vec<Include> {
    let mut found = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find("{{#") {
        let escaped = rest[..start].ends_with('\\');
        let after = &rest[start + 3..];
        let Some(end) = after.find("}}") else { break };
        let directive = after[..end].trim();
        rest = &after[end + 2..];
        if escaped {
            continue; // `\{{#include …}}` is shown as text by mdBook
        }
        let mut parts = directive.splitn(2, char::is_whitespace);
        let kind = parts.next().unwrap_or_default().to_string();
        if kind != "include" && kind != "rustdoc_include" {
            continue;
        }
        let target = parts.next().unwrap_or_default().trim();
        let (file, selector) = match target.split_once(':') {
            Some((f, s)) => (f, Some(s.to_string())),
            None => (target, None),
        };
        let folder = chapter.parent().unwrap_or(Path::new(""));
        found.push(Include {
            chapter: chapter.to_path_buf(),
            kind,
            file: normalize(&folder.join(file)),
            selector,
        });
    }
    found
}

/// Resolves `.` and `..` components without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The lines strictly between `ANCHOR: name` and `ANCHOR_END: name` in `source`, or an error
/// describing what is wrong with the anchor.
pub fn anchored_lines(source: &str, name: &str) -> Result<Vec<String>, String> {
    let is_marker = |line: &str, marker: &str| {
        line.find(marker)
            .map(|at| line[at + marker.len()..].trim() == name)
            .unwrap_or(false)
    };
    let lines: Vec<&str> = source.lines().collect();
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| is_marker(lines[i], "ANCHOR:"))
        .collect();
    let ends: Vec<usize> = (0..lines.len())
        .filter(|&i| is_marker(lines[i], "ANCHOR_END:"))
        .collect();
    match (starts.as_slice(), ends.as_slice()) {
        ([], _) => Err(format!("no `ANCHOR: {name}`")),
        ([_, _, ..], _) => Err(format!("`ANCHOR: {name}` appears more than once")),
        (_, []) => Err(format!(
            "no `ANCHOR_END: {name}` (mdBook would include to the end of the file)"
        )),
        (_, [_, _, ..]) => Err(format!("`ANCHOR_END: {name}` appears more than once")),
        ([s], [e]) if e <= s => Err(format!("`ANCHOR_END: {name}` comes before its `ANCHOR`")),
        ([s], [e]) => Ok(lines[s + 1..*e]
            .iter()
            .filter(|l| !l.contains("ANCHOR:") && !l.contains("ANCHOR_END:"))
            .map(|l| l.to_string())
            .collect()),
    }
}
