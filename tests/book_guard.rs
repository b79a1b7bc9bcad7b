//! Guards the book against the silent failures of mdBook: an include of a missing file or of a
//! misspelt anchor renders as nothing, a block marked `ignore` is never run, a sample that no
//! chapter shows is dead code, an orphaned snapshot tests nothing.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chapters_code::book;
use support::*;

fn chapters() -> Vec<PathBuf> {
    let root = repo_root();
    files_with_suffix(&root.join("src"), ".md")
        .into_iter()
        .map(|p| {
            p.strip_prefix(&root)
                .expect("inside the repo")
                .to_path_buf()
        })
        // Generated pieces under src/outputs/ are checked as part of the chapter that includes them.
        .filter(|p| !p.starts_with("src/outputs"))
        .collect()
}

fn all_includes() -> Vec<Include> {
    chapters()
        .iter()
        .flat_map(|chapter| includes(chapter, &read_repo_file(chapter)))
        .collect()
}

#[test]
fn every_include_points_at_an_existing_file_and_a_non_empty_anchor() {
    let root = repo_root();
    let mut problems = Vec::new();
    let all = all_includes();
    assert!(
        !all.is_empty(),
        "the book includes nothing: the guard would prove nothing"
    );
    for inc in &all {
        let place =
            format!("{} → {}", inc.chapter.display(), inc.file.display());
        let path = root.join(&inc.file);
        let Ok(source) = std::fs::read_to_string(&path) else {
            problems.push(format!("{place}: the file does not exist"));
            continue;
        };
        match &inc.selector {
            None => {
                if source.trim().is_empty() {
                    problems
                        .push(format!("{place}: the included file is empty"));
                }
            }
            Some(selector) => {
                if selector.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                    problems.push(format!(
                        "{place}: includes by line numbers ({selector}); use a named anchor"
                    ));
                    continue;
                }
                match anchored_lines(&source, selector) {
                    Err(why) => problems
                        .push(format!("{place}: anchor {selector:?}: {why}")),
                    Ok(lines) if lines.iter().all(|l| l.trim().is_empty()) => {
                        problems.push(format!(
                            "{place}: anchor {selector:?} is empty"
                        ))
                    }
                    Ok(_) => {}
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "broken includes:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_rust_block_is_included_from_tested_code_or_runs_in_place() {
    let mut problems = Vec::new();
    for chapter in chapters() {
        for block in code_blocks(&read_repo_file(&chapter)) {
            let lang = block.info.split(',').next().unwrap_or_default().trim();
            if lang != "rust" {
                continue;
            }
            let attributes: Vec<&str> =
                block.info.split(',').skip(1).map(str::trim).collect();
            let place = format!("{}:{}", chapter.display(), block.line);
            if attributes.iter().any(|a| *a == "ignore" || *a == "no_run") {
                let has_reason = block.preceding.starts_with("<!-- not run:")
                    && block.preceding.ends_with("-->");
                if !has_reason {
                    problems.push(format!(
                        "{place}: `{}` block without a reason; put `<!-- not run: why -->` right above it",
                        block.info
                    ));
                }
            }
            let body = block.body.join("\n");
            // A block that shows a sample function must also call it (on a hidden line), or
            // `mdbook test` would compile the sample without running its assertions.
            for inc in includes(&chapter, &body) {
                if let Some(name) = inc.selector.as_deref() {
                    let is_sample =
                        book::samples().any(|(_, s)| s.name == name);
                    if is_sample
                        && !block
                            .body
                            .iter()
                            .any(|l| l.trim() == format!("# {name}();"))
                    {
                        problems.push(format!(
                            "{place}: the block shows sample `{name}` but never runs it; add a hidden `# {name}();` line"
                        ));
                    }
                }
            }
            if !body.contains("{{#include")
                && !body.contains("{{#rustdoc_include")
            {
                // A block tested in place must at least assert something.
                if !body.contains("assert") {
                    problems.push(format!(
                        "{place}: an in-place Rust block must include its code from chapters-code or assert what it shows"
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "untested Rust blocks:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_printed_output_is_generated() {
    // Output blocks (```text) may only include a file that the code writes.
    let mut problems = Vec::new();
    for chapter in chapters() {
        for block in code_blocks(&read_repo_file(&chapter)) {
            if block.info != "text" {
                continue;
            }
            let body: Vec<&String> =
                block.body.iter().filter(|l| !l.trim().is_empty()).collect();
            let generated = body.len() == 1
                && body[0].trim().starts_with("{{#include")
                && (body[0].contains("outputs/")
                    || body[0].contains("results/"));
            if !generated {
                problems.push(format!(
                    "{}:{}: a text block must be exactly one include of a generated output file",
                    chapter.display(),
                    block.line
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "hand-typed outputs:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_sample_and_its_output_are_shown_in_its_chapter() {
    let root = repo_root();
    let included: BTreeSet<(PathBuf, Option<String>)> = all_includes()
        .into_iter()
        .map(|inc| (inc.file, inc.selector))
        .collect();
    let mut problems = Vec::new();
    for (chapter, sample) in book::samples() {
        let key = book::sample_key(chapter, sample);
        if !root.join(chapter.markdown()).exists() {
            problems.push(format!(
                "sample {key}: no chapter {}",
                chapter.markdown().display()
            ));
        }
        let shows_code = included.iter().any(|(file, sel)| {
            file.starts_with("chapters-code")
                && sel.as_deref() == Some(sample.name)
        });
        if !shows_code {
            problems.push(format!("sample {key} is never included"));
        }
        let output = chapter.sample_output(sample);
        if !included.contains(&(output.clone(), None)) {
            problems.push(format!(
                "the output of sample {key} ({}) is never shown",
                output.display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_summary_lists_every_chapter_and_only_existing_ones() {
    let summary = read_repo_file("src/SUMMARY.md");
    let mut listed = BTreeSet::new();
    for piece in summary.split("](").skip(1) {
        let target = piece.split(')').next().unwrap_or_default();
        if !target.is_empty() {
            listed.insert(Path::new("src").join(target));
        }
    }
    let on_disk: BTreeSet<PathBuf> = chapters()
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "SUMMARY.md"))
        .filter(|p| p.parent() == Some(Path::new("src")))
        .collect();
    let missing: Vec<_> = listed.difference(&on_disk).collect();
    let unlisted: Vec<_> = on_disk.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "SUMMARY.md lists missing files: {missing:?}"
    );
    assert!(
        unlisted.is_empty(),
        "chapters not in SUMMARY.md: {unlisted:?}"
    );
}

#[test]
fn the_summary_and_the_catalog_name_the_same_chapters_in_the_same_order() {
    let summary = read_repo_file("src/SUMMARY.md");
    let listed: Vec<&str> = summary
        .split("](")
        .skip(1)
        .filter_map(|piece| piece.split(')').next()?.strip_suffix(".md"))
        .filter(|slug| !slug.starts_with("appendix-"))
        .collect();
    let catalog: Vec<&str> = book::CHAPTERS
        .iter()
        .map(|c| c.slug)
        .filter(|&slug| slug != "appendix")
        .collect();
    assert_eq!(
        listed, catalog,
        "SUMMARY.md and the catalog, chapters_code::CHAPTERS (lib.rs), must list the same chapters"
    );
}

#[test]
fn every_chapter_includes_the_python_and_outputs_named_after_it() {
    // Chapter `ch03-broadcasting` shows `python/ch03_broadcasting.py` (or the shared
    // `python/life.py`) and `python/outputs/ch03-broadcasting/`, `src/outputs/ch03-broadcasting/`.
    let mut problems = Vec::new();
    for chapter in book::CHAPTERS.iter().filter(|c| c.slug != "appendix") {
        let markdown = chapter.markdown();
        let script = Path::new("python")
            .join(format!("{}.py", chapter.slug.replace('-', "_")));
        let python_outputs =
            Path::new("python").join("outputs").join(chapter.slug);
        for inc in includes(&markdown, &read_repo_file(&markdown)) {
            let file = &inc.file;
            let fits = if file.starts_with("python/outputs") {
                file.starts_with(&python_outputs)
            } else if file.starts_with("python") {
                *file == script || file.as_path() == Path::new("python/life.py")
            } else if file.starts_with("src/outputs") {
                file.starts_with(chapter.outputs())
            } else {
                true
            };
            if !fits {
                problems.push(format!(
                    "{}: {}",
                    markdown.display(),
                    file.display()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "includes named after another chapter:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_image_the_book_shows_exists_and_every_figure_is_shown() {
    let root = repo_root();
    let mut shown = BTreeSet::new();
    let mut problems = Vec::new();
    for chapter in chapters() {
        let text = read_repo_file(&chapter);
        for piece in text.split("](images/").skip(1) {
            let file = piece.split(')').next().unwrap_or_default().to_string();
            if !root.join("images").join(&file).exists() {
                problems.push(format!(
                    "{} shows images/{file}, which does not exist",
                    chapter.display()
                ));
            }
            shown.insert(file);
        }
    }
    for (chapter, figure) in book::figures() {
        let path = chapter.figure_path(figure);
        let file = path.strip_prefix("images").unwrap_or(&path);
        if !shown.contains(&file.to_string_lossy().to_string()) {
            problems.push(format!(
                "figure {} is never shown in the book",
                path.display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_snapshot_is_referenced_by_its_test() {
    let root = repo_root();
    let mut problems = Vec::new();
    for snap in files_with_suffix(&root, ".snap") {
        let text = std::fs::read_to_string(&snap).unwrap_or_default();
        let source = text
            .lines()
            .find_map(|l| l.strip_prefix("source: "))
            .map(|s| s.trim().trim_matches('"').to_string());
        let file_name = snap
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let name = file_name
            .rsplit("__")
            .next()
            .unwrap_or_default()
            .to_string();
        let referenced = source
            .map(|s| {
                let candidates =
                    [root.join(&s), root.join("chapters-code").join(&s)];
                candidates.iter().any(|p| {
                    std::fs::read_to_string(p)
                        .is_ok_and(|code| code.contains(&format!("\"{name}\"")))
                })
            })
            .unwrap_or(false);
        if !referenced {
            problems.push(format!(
                "{} is not referenced by any test",
                snap.display()
            ));
        }
    }
    for pending in files_with_suffix(&root, ".snap.new") {
        problems.push(format!(
            "{} is a pending snapshot: review it with `cargo insta review`",
            pending.display()
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_guard_sees_misspelt_anchors_and_missing_anchor_ends() {
    let source =
        "a\n// ANCHOR: one\nx\n// ANCHOR_END: one\n// ANCHOR: two\ny\n";
    assert_eq!(anchored_lines(source, "one"), Ok(vec!["x".to_string()]));
    assert!(anchored_lines(source, "on").is_err());
    assert!(anchored_lines(source, "two").is_err());
    let blocks =
        code_blocks("<!-- not run: slow -->\n```rust,ignore\nfn f() {}\n```\n");
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].info, "rust,ignore");
    assert_eq!(blocks[0].preceding, "<!-- not run: slow -->");
    let found = includes(
        Path::new("src/ch.md"),
        "{{#include ../x/y.rs:z}} {{#rustdoc_include a.rs}}",
    );
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].file, PathBuf::from("x/y.rs"));
    assert_eq!(found[0].selector.as_deref(), Some("z"));
    assert_eq!(found[1].file, PathBuf::from("src/a.rs"));
}

/// mdBook's id for a heading: lower case, spaces to dashes, other punctuation dropped.
fn heading_id(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter_map(|c| match c {
            c if c.is_alphanumeric() || c == '_' || c == '-' => {
                Some(c.to_lowercase().to_string())
            }
            ' ' => Some("-".to_string()),
            _ => None,
        })
        .collect()
}

/// The ids of the headings of a chapter (outside code blocks).
fn heading_ids(markdown: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut in_code = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if !in_code {
            if let Some(title) =
                line.strip_prefix('#').map(|t| t.trim_start_matches('#'))
            {
                ids.push(heading_id(&title.replace('`', "")));
            }
        }
    }
    ids
}

/// Every `](target)` link of a markdown text outside code blocks and `{{#include}}`s.
fn links(markdown: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_code = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        for piece in line.split("](").skip(1) {
            if let Some(end) = piece.find(')') {
                // `[text](target "title")`: the target ends at the first space.
                let target =
                    piece[..end].split_whitespace().next().unwrap_or_default();
                found.push(target.to_string());
            }
        }
    }
    found
}

#[test]
fn internal_links_and_anchors_resolve_and_external_links_are_listed() {
    let root = repo_root();
    let mut problems = Vec::new();
    let mut external = BTreeSet::new();
    for chapter in chapters() {
        let mut text = read_repo_file(&chapter);
        // Included markdown (generated tables) is part of the page, its links relative to it.
        for inc in includes(&chapter, &text.clone()) {
            if inc.file.extension().is_some_and(|e| e == "md") {
                text += &std::fs::read_to_string(root.join(&inc.file))
                    .unwrap_or_default();
            }
        }
        let folder = chapter.parent().unwrap_or(Path::new("src")).to_path_buf();
        for link in links(&text) {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                external.insert(link);
                continue;
            }
            let (file, anchor) = match link.split_once('#') {
                Some((f, a)) => (f.to_string(), Some(a.to_string())),
                None => (link.clone(), None),
            };
            let target = if file.is_empty() {
                chapter.clone()
            } else {
                normalize(&folder.join(&file))
            };
            if !root.join(&target).exists() {
                problems.push(format!(
                    "{}: link to {link}: {} does not exist",
                    chapter.display(),
                    target.display()
                ));
                continue;
            }
            let target_text =
                std::fs::read_to_string(root.join(&target)).unwrap_or_default();
            if let Some(anchor) = anchor {
                if target.extension().is_some_and(|e| e == "md")
                    && !heading_ids(&target_text).contains(&anchor)
                {
                    problems.push(format!(
                        "{}: link to {link}: no heading with id {anchor:?}",
                        chapter.display()
                    ));
                }
            }
        }
    }
    // External links are listed, not fetched (the book must build offline).
    let listing = root.join("target").join("external-links.txt");
    let _ = std::fs::create_dir_all(listing.parent().unwrap_or(&root));
    let _ = std::fs::write(
        &listing,
        external
            .iter()
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
    );
    assert!(
        problems.is_empty(),
        "broken internal links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_link_checker_sees_headings_and_links() {
    assert_eq!(
        heading_id("`dot` versus `*`".replace('`', "").as_str()),
        "dot-versus-"
    );
    assert_eq!(heading_id("The rules, as code"), "the-rules-as-code");
    let md =
        "# Title One\n```\n# not a heading\n[x](in-code.md)\n```\nSee [a](other.md#title-one).";
    assert_eq!(heading_ids(md), vec!["title-one".to_string()]);
    assert_eq!(links(md), vec!["other.md#title-one".to_string()]);
}
