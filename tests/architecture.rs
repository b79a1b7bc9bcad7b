//! The companion crate's import graph, read from its source: the lower modules (machinery)
//! never use a chapter or the catalog, no chapter uses the catalog, and neither the modules
//! nor the files import each other in a circle.
//!
//! An import is a `crate::…`, `super::…` or `self::…` path, in a `use` or in code. A folder's
//! `mod.rs` naming its own submodules (`mod figures;`, `figures::render_kernel` in its
//! `CHAPTER`) declares its parts and is not an import.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use support::*;

/// The machinery every chapter may use.
const LOWER: &[&str] = &[
    "allocation",
    "benchmarks",
    "chapter",
    "error",
    "figures",
    "numpy_text",
    "random",
    "results",
];
/// The top: the catalog of chapters, and the book's prelude.
const TOP: &[&str] = &["book", "prelude"];

/// A source file of the library, with its module path (`["ch06_meshgrid", "figures"]`).
struct Source {
    path: PathBuf,
    module: Vec<String>,
    text: String,
}

fn library_sources() -> Vec<Source> {
    let src = repo_root().join("chapters-code").join("src");
    files_with_suffix(&src, ".rs")
        .into_iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(&src).ok()?.to_path_buf();
            // The binary and the file only the programs include are not part of the library.
            if relative == Path::new("main.rs")
                || relative == Path::new("counting_allocator.rs")
            {
                return None;
            }
            let mut module: Vec<String> = relative
                .with_extension("")
                .iter()
                .map(|p| p.to_string_lossy().to_string())
                .collect();
            if module.last().is_some_and(|m| m == "mod" || m == "lib") {
                module.pop();
            }
            let text = strip_comments_and_strings(
                &std::fs::read_to_string(&path).ok()?,
            );
            Some(Source {
                path: relative,
                module,
                text,
            })
        })
        .collect()
}

/// The code without comments, string literals and char literals, so that braces and paths
/// in text are not read as code.
fn strip_comments_and_strings(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        if rest.starts_with(&['/', '/']) {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if rest.starts_with(&['r', '#', '"'])
            || rest.starts_with(&['r', '"'])
        {
            let hashes = rest[1..].iter().take_while(|&&c| c == '#').count();
            i += 2 + hashes;
            let end: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while i < chars.len() && !chars[i..].starts_with(&end) {
                i += 1;
            }
            i += end.len();
            out.push_str("\"\"");
        } else if chars[i] == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if chars[i] == '\''
            && (rest.get(2) == Some(&'\'')
                || (rest.get(1) == Some(&'\\') && rest.get(3) == Some(&'\'')))
        {
            i += if rest.get(1) == Some(&'\\') { 4 } else { 3 };
            out.push_str("' '");
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Every path of a `use` item, with its groups expanded: `use crate::{a::X, b::*};` gives
/// `crate::a::X` and `crate::b::*`.
fn expand_use(tree: &str) -> Vec<String> {
    // White space matters only around `as` (`use crate::x as y;` names `crate::x`): mark
    // the renaming with `@` before dropping it.
    let words: Vec<&str> = tree.split_whitespace().collect();
    let tree = words.join(" ").replace(" as ", "@").replace(' ', "");
    let Some(open) = tree.find('{') else {
        return vec![tree.split('@').next().unwrap_or_default().to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand_use(&format!("{prefix}{p}")))
        .collect()
}

/// The inline modules of a source (`mod tests { … }`): each one's name and the byte range
/// of its body, so that a path inside it is resolved from it.
fn inline_modules(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut modules = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("mod ") {
        let at = from + found;
        from = at + 4;
        if text[..at]
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        let after = &text[at + 4..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let rest = after[name.len()..].trim_start();
        if name.is_empty() || !rest.starts_with('{') {
            continue; // `mod name;`: a module of its own file
        }
        let open = text.len() - rest.len();
        let mut depth = 0;
        let close = text[open..]
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map_or(text.len(), |(i, _)| open + i);
        modules.push((name, open..close));
    }
    modules
}

/// The paths a source imports, each as the module path it names (`["figures", "bars",
/// "draw_bars"]`), resolved from `crate::`, `super::` and `self::` as Rust resolves them
/// where they stand: `super::` at the top of `ch03_broadcasting/mod.rs` is the crate, in
/// `ch03_broadcasting/tables.rs` the chapter, inside a file's inline `mod tests` the file
/// itself, and each further `super::` goes one module up.
fn imports(source: &Source) -> Vec<Vec<String>> {
    let text = &source.text;
    let mut paths: Vec<(usize, String)> = Vec::new();
    // `use` items, their groups expanded.
    let mut from = 0;
    while let Some(found) = text[from..].find("use ") {
        let at = from + found;
        let before = text[..at].chars().last();
        let after = &text[at + 4..];
        let end = after.find(';').unwrap_or(after.len());
        if before.is_none_or(|c| !c.is_alphanumeric() && c != '_') {
            paths
                .extend(expand_use(&after[..end]).into_iter().map(|p| (at, p)));
        }
        from = at + 4 + end;
    }
    // Paths in code: `crate::x::y`, `super::x`.
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(found) = text[from..].find(start) {
            let at = from + found;
            let before = text[..at].chars().last();
            let path: String = text[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            if before
                .is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != ':')
            {
                paths.push((at, path.clone()));
            }
            from = at + path.len().max(1);
        }
    }
    let inline = inline_modules(text);
    paths
        .into_iter()
        .filter_map(|(at, path)| {
            let segments: Vec<&str> =
                path.split("::").filter(|s| !s.is_empty()).collect();
            // The module the path stands in: the file's, and the inline modules around it.
            let mut resolved: Vec<String> = match segments.first() {
                Some(&"crate") => Vec::new(),
                Some(&"super" | &"self") => {
                    let mut here = source.module.clone();
                    here.extend(
                        inline
                            .iter()
                            .filter(|(_, body)| body.contains(&at))
                            .map(|(name, _)| name.clone()),
                    );
                    here
                }
                _ => return None,
            };
            let mut rest = &segments[..];
            if rest.first() != Some(&"crate") {
                if rest.first() == Some(&"self") {
                    rest = &rest[1..];
                }
                while rest.first() == Some(&"super") {
                    resolved.pop()?; // beyond the crate: not a path of this crate
                    rest = &rest[1..];
                }
            } else {
                rest = &rest[1..];
            }
            resolved.extend(rest.iter().map(|s| s.to_string()));
            Some(resolved)
        })
        .collect()
}

/// The public names of the chapter modules, from lib.rs's catalog (`ch05_products as
/// products,`) or a `pub use ch05_products as products;`.
fn aliases(sources: &[Source]) -> BTreeMap<String, String> {
    let lib = sources
        .iter()
        .find(|s| s.module.is_empty())
        .expect("lib.rs");
    lib.text
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            let inner = line
                .strip_prefix("pub use ")
                .and_then(|l| l.strip_suffix(';'))
                .or_else(|| line.strip_suffix(','))?;
            let (target, alias) = inner.split_once(" as ")?;
            Some((alias.trim().to_string(), target.trim().to_string()))
        })
        .collect()
}

/// The file of the deepest module a path names.
fn file_of(
    files: &BTreeMap<Vec<String>, PathBuf>,
    path: &[String],
) -> Option<PathBuf> {
    (0..=path.len())
        .rev()
        .find_map(|n| files.get(&path[..n]).cloned())
}

/// A circle in a directed graph, if there is one.
fn find_circle<N: Ord + Clone>(
    edges: &BTreeMap<N, BTreeSet<N>>,
) -> Option<Vec<N>> {
    fn visit<N: Ord + Clone>(
        node: &N,
        edges: &BTreeMap<N, BTreeSet<N>>,
        done: &mut BTreeSet<N>,
        stack: &mut Vec<N>,
    ) -> Option<Vec<N>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            return Some(stack[at..].to_vec());
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, done, stack) {
                return Some(circle);
            }
        }
        stack.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut done, &mut Vec::new()))
}

struct Graph {
    /// Top-level module -> the top-level modules it imports.
    modules: BTreeMap<String, BTreeSet<String>>,
    /// File -> the files it imports.
    files: BTreeMap<PathBuf, BTreeSet<PathBuf>>,
}

fn graph() -> Graph {
    let sources = library_sources();
    let aliases = aliases(&sources);
    let files: BTreeMap<Vec<String>, PathBuf> = sources
        .iter()
        .map(|s| (s.module.clone(), s.path.clone()))
        .collect();
    let mut graph = Graph {
        modules: BTreeMap::new(),
        files: BTreeMap::new(),
    };
    for source in &sources {
        let from = source
            .module
            .first()
            .cloned()
            .unwrap_or_else(|| "lib".into());
        graph.modules.entry(from.clone()).or_default();
        graph.files.entry(source.path.clone()).or_default();
        for mut path in imports(source) {
            if let Some(first) = path.first_mut() {
                if let Some(target) = aliases.get(first.as_str()) {
                    *first = target.clone();
                }
            }
            let Some(to) = path.first().cloned() else {
                continue;
            };
            if !files.keys().any(|m| m.first() == Some(&to)) {
                continue; // not a module of this crate (a re-exported item of lib.rs)
            }
            if to != from {
                graph.modules.entry(from.clone()).or_default().insert(to);
            }
            if let Some(file) = file_of(&files, &path) {
                if file != source.path {
                    graph
                        .files
                        .entry(source.path.clone())
                        .or_default()
                        .insert(file);
                }
            }
        }
    }
    graph
}

#[test]
fn lower_modules_use_no_chapter_and_chapters_do_not_use_the_catalog() {
    let graph = graph();
    let is_chapter =
        |m: &str| !LOWER.contains(&m) && !TOP.contains(&m) && m != "lib";
    assert!(
        graph.modules.keys().filter(|m| is_chapter(m)).count() >= 11,
        "the chapters were not found: {:?}",
        graph.modules.keys()
    );
    let mut problems = Vec::new();
    for (from, targets) in &graph.modules {
        for to in targets {
            if LOWER.contains(&from.as_str()) && !LOWER.contains(&to.as_str()) {
                problems.push(format!("lower module {from} uses {to}"));
            }
            if is_chapter(from) && TOP.contains(&to.as_str()) {
                problems.push(format!("chapter {from} uses {to}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_import_circle_between_modules_or_files() {
    let graph = graph();
    assert_eq!(find_circle(&graph.modules), None, "modules in a circle");
    let files = graph.files.values().map(BTreeSet::len).sum::<usize>();
    assert!(files > 40, "only {files} imports between files were found");
    let aliases = aliases(&library_sources());
    assert_eq!(
        aliases.get("products").map(String::as_str),
        Some("ch05_products")
    );
    assert_eq!(find_circle(&graph.files), None, "files in a circle");
}

#[test]
fn the_reader_sees_what_the_checker_sees() {
    assert_eq!(
        expand_use("crate::{a::X, b::{c, d::*}}"),
        vec!["crate::a::X", "crate::b::c", "crate::b::d::*"]
    );
    assert_eq!(
        strip_comments_and_strings(
            "f(\"crate::x\"); // crate::y\nlet c = '{';"
        ),
        "f(\"\"); \nlet c = ' ';"
    );
    assert_eq!(
        expand_use("crate::ch05_products as p"),
        vec!["crate::ch05_products"]
    );
    assert_eq!(
        expand_use("crate::{a as b, c::{d as e, f}}"),
        vec!["crate::a", "crate::c::d", "crate::c::f"]
    );
    // `super::` where it stands: in a chapter's mod.rs the crate, in its child file the
    // chapter, in an inline module the module around it; `self::` here.
    let source = |module: &[&str], text: &str| Source {
        path: PathBuf::from("probe.rs"),
        module: module.iter().map(|m| m.to_string()).collect(),
        text: text.to_string(),
    };
    // A `use` path is also read as a path in code: the graph keeps each edge once.
    let paths = |source: &Source| -> BTreeSet<String> {
        imports(source).iter().map(|p| p.join("::")).collect()
    };
    let chapter = source(
        &["ch03_broadcasting"],
        "use super::ch04_newaxis::expand_dims;\n\
         mod tests {\n    use super::*;\n    \
         fn f() { super::super::x::y(); self::g(); }\n}\n\
         fn h() { super::ch05_products::dot(); }",
    );
    assert_eq!(
        paths(&chapter),
        BTreeSet::from([
            "ch04_newaxis::expand_dims".to_string(),
            "ch03_broadcasting::*".into(),
            "ch03_broadcasting".into(), // `super::*` in code: the glob's module
            "x::y".into(),
            "ch05_products::dot".into(),
            "ch03_broadcasting::tests::g".into(),
        ])
    );
    let child = source(
        &["ch03_broadcasting", "tables"],
        "use super::super::ch04_newaxis::f;\nuse super::g;\n\
         use crate::ch05_products as p;\nuse super::super::super::outside;",
    );
    assert_eq!(
        paths(&child),
        BTreeSet::from([
            "ch04_newaxis::f".to_string(),
            "ch03_broadcasting::g".into(),
            "ch05_products".into(),
        ])
    );
    let mut edges = BTreeMap::new();
    edges.insert(1, BTreeSet::from([2]));
    edges.insert(2, BTreeSet::from([3]));
    assert_eq!(find_circle(&edges), None);
    edges.insert(3, BTreeSet::from([1]));
    assert_eq!(find_circle(&edges), Some(vec![1, 2, 3]));
}
