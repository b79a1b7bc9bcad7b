//! Guards the book against the silent failures of mdBook: an include of a missing file or of a
//! misspelt anchor renders as nothing, a block marked `ignore` is never run, a sample that no
//! chapter shows is dead code, an orphaned snapshot tests nothing.

mod support;

#[path = "book_guard/known.rs"]
mod known;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chapters_code::book;
use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};
use support::*;

/// A page made of `markdown`, read as if it were a chapter in `src/`.
fn synthetic(markdown: &str) -> Page {
    Page::from_source(PathBuf::from("src/guard-self-test.md"), markdown.into())
}

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

fn pages() -> Vec<Page> {
    chapters().into_iter().map(Page::load).collect()
}

/// Every include of every chapter, at any depth, as mdBook reads them (`{{ #include x }}` with
/// spaces too).
fn all_includes() -> Vec<Include> {
    pages().into_iter().flat_map(|p| p.includes).collect()
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
                if selector.chars().next().is_some_and(|c| c.is_ascii_digit())
                    || selector.starts_with(':')
                    || selector.is_empty()
                {
                    problems.push(format!(
                        "{place}: includes by line numbers ({selector:?}); use a named anchor"
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
    for page in pages() {
        problems.extend(page.errors.iter().cloned());
        // A helper mdBook does not know stays in the page as raw text.
        for d in directives(&page.source) {
            let known = ["include", "rustdoc_include", "playground", "title"];
            if !d.escaped && !known.contains(&d.kind.as_str()) {
                problems.push(format!(
                    "{}: `{}`: mdBook knows no helper `{}`",
                    page.place(d.range.start),
                    &page.source[d.range.clone()],
                    d.kind
                ));
            }
        }
        // `{{#include` that mdBook's pattern does not match either (`{{#include}}` with no
        // file, a newline inside) is left as raw text.
        let matched: Vec<std::ops::Range<usize>> = directives(&page.source)
            .into_iter()
            .map(|d| d.range)
            .collect();
        for (at, _) in page.source.match_indices("{{") {
            let after = page.source[at + 2..].trim_start();
            let helper = after.starts_with("#include")
                || after.starts_with("#rustdoc_include");
            let escaped = page.source[..at].ends_with('\\');
            if helper && !escaped && !matched.iter().any(|r| r.contains(&at)) {
                problems.push(format!(
                    "{}: a `{{{{#include …}}}}` that mdBook does not expand: {:?}",
                    page.place(at),
                    page.source[at..].lines().next().unwrap_or_default()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "broken includes:\n{}",
        problems.join("\n")
    );
}

/// The languages a fence of the book may name.
const LANGUAGES: &[&str] = &[
    "rust",
    "python",
    "text",
    "console",
    "toml",
    "sh",
    "bash",
    "json",
    "csv",
    "markdown",
    "html",
    "css",
    "javascript",
    "diff",
];

/// What rustdoc and mdBook make of a Rust block's words after `rust`.
fn rust_attribute_known(a: &str) -> bool {
    matches!(
        a,
        "should_panic"
            | "no_run"
            | "ignore"
            | "compile_fail"
            | "noplayground"
            | "noplaypen"
            | "editable"
            | "mdbook-runnable"
    ) || a.starts_with("edition")
        || a.starts_with("ignore-")
        || (a.len() == 5
            && a.starts_with('E')
            && a[1..].chars().all(|c| c.is_ascii_digit()))
}

/// Whether a block of code calls an assertion macro on a line that is not a comment.
fn asserts(body: &str) -> bool {
    body.lines().any(|l| {
        let code = l.trim_start().trim_start_matches("# ");
        !code.starts_with("//")
            && ["assert!", "assert_eq!", "assert_ne!", "assert_matches!"]
                .iter()
                .any(|m| code.contains(m))
    })
}

/// What is wrong with the fences of a page, read the way rustdoc and mdBook read them.
fn fence_problems(page: &Page) -> Vec<String> {
    let mut problems = Vec::new();
    for block in page.code_blocks() {
        let place = page.place(block.offset);
        let info = block.info.trim();
        if !block.fenced {
            problems.push(format!(
                "{place}: an indented code block: rustdoc runs it as Rust, mdBook shows it \
                 without a language; use a fence with a language"
            ));
            continue;
        }
        if info.is_empty() {
            problems.push(format!(
                "{place}: a fence without a language: rustdoc runs it as Rust, mdBook \
                 shows it without highlighting; write ```rust, ```python or ```text"
            ));
            continue;
        }
        let lang = LangString::parse(info);
        let canonical = info.split(',').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-+=".contains(c))
        });
        if !canonical {
            problems.push(format!(
                "{place}: info string `{info}`: rustdoc splits it at spaces and commas \
                 ({:?}{}); write the words separated by commas only, e.g. `rust,ignore`",
                lang.tokens,
                if lang.ignore { ", so it is never run" } else { "" }
            ));
        }
        let first = info
            .split(|c: char| c == ',' || c.is_whitespace())
            .next()
            .unwrap_or_default();
        if !LANGUAGES.contains(&first) {
            let why = if rust_attribute_known(first) || first == "should_panic"
            {
                format!(
                    "rustdoc takes ```{info} for Rust{}; name the language: ```rust,{first}",
                    if lang.runs() { "" } else { " and never runs it" }
                )
            } else if first.to_lowercase().starts_with("rust")
                || first.eq_ignore_ascii_case("rs")
            {
                "it looks like Rust to a reader but rustdoc does not test it; write ```rust"
                    .to_string()
            } else {
                format!(
                    "unknown language `{first}` (known: {})",
                    LANGUAGES.join(", ")
                )
            };
            problems.push(format!("{place}: fence `{info}`: {why}"));
            continue;
        }
        if first != "rust" {
            if lang.rust {
                problems.push(format!(
                    "{place}: fence `{info}`: rustdoc would test it as Rust"
                ));
            }
            continue;
        }
        for attribute in lang.tokens.iter().skip(1) {
            if !rust_attribute_known(attribute) {
                problems.push(format!(
                    "{place}: fence `{info}`: unknown attribute `{attribute}` (rustdoc \
                     ignores it: a typo of should_panic, no_run, ignore, compile_fail?)"
                ));
            }
        }
        let reason = matches!(
            &block.previous,
            Some(Prev::Html(h)) if is_not_run_comment(h)
        );
        if !lang.runs() && !reason {
            problems.push(format!(
                "{place}: `{info}` block is never run by rustdoc; put \
                 `<!-- not run: why -->` right above it"
            ));
        }
        if lang.compile_fail {
            if lang.error_codes.is_empty() {
                problems.push(format!(
                    "{place}: `{info}`: a compile_fail block must name the error it \
                     shows (`rust,compile_fail,E0382`), or any error (a typo, a missing \
                     crate) passes it"
                ));
            }
            if asserts(&block.body) {
                problems.push(format!(
                    "{place}: `{info}`: a compile_fail block never runs, so its assert \
                     proves nothing"
                ));
            }
        } else if !lang.error_codes.is_empty() {
            problems.push(format!(
                "{place}: `{info}`: an error code without compile_fail"
            ));
        }
        if block.body.contains("#![feature(") {
            problems.push(format!(
                "{place}: a block with `#![feature(…)]` needs a nightly compiler"
            ));
        }
    }
    // An HTML block swallows a fence that follows it without a blank line: mdBook then shows
    // the fence as raw text and rustdoc never sees the code.
    for (event, range) in page.events() {
        if let Event::Html(html) = event {
            if html.contains("```") || html.contains("~~~") {
                problems.push(format!(
                    "{}: a fence inside an HTML block: put a blank line between the HTML \
                     and the fence",
                    page.place(range.start)
                ));
            }
        }
    }
    problems
}

#[test]
fn every_fence_is_read_by_rustdoc_and_mdbook_as_intended() {
    let problems: Vec<String> =
        pages().iter().flat_map(fence_problems).collect();
    assert!(
        problems.is_empty(),
        "code fences that rustdoc or mdBook read otherwise than intended:\n{}",
        problems.join("\n")
    );
}

/// What is wrong with the Rust blocks of a page: one that is neither tested code nor asserts.
fn untested_rust_problems(page: &Page) -> Vec<String> {
    let mut problems = Vec::new();
    for block in page.code_blocks() {
        let lang = LangString::parse(&block.info);
        if !lang.rust || block.info.trim().is_empty() {
            continue;
        }
        let place = page.place(block.offset);
        let included = page.includes_within(block.range.clone());
        // A block that shows a sample function must also call it (on a hidden line), or
        // `mdbook test` would compile the sample without running its assertions.
        for inc in &included {
            if let Some(name) = inc.selector.as_deref() {
                let is_sample = book::samples().any(|(_, s)| s.name == name);
                let calls = block
                    .body
                    .lines()
                    .any(|l| l.trim() == format!("# {name}();"));
                if is_sample && !calls {
                    problems.push(format!(
                        "{place}: the block shows sample `{name}` but never runs it; add a hidden `# {name}();` line"
                    ));
                }
            }
        }
        if included.is_empty() {
            // A block tested in place must assert something, in a block that runs.
            let runs = lang.runs() && !lang.compile_fail;
            if !(runs && asserts(&block.body)) {
                problems.push(format!(
                    "{place}: an in-place Rust block must include its code from chapters-code or assert what it shows (in a block rustdoc runs)"
                ));
            }
        }
    }
    problems
}

#[test]
fn every_rust_block_is_included_from_tested_code_or_runs_in_place() {
    let problems: Vec<String> =
        pages().iter().flat_map(untested_rust_problems).collect();
    assert!(
        problems.is_empty(),
        "untested Rust blocks:\n{}",
        problems.join("\n")
    );
}

/// Output blocks (```text) may only include a file that the code writes.
fn hand_typed_output_problems(page: &Page) -> Vec<String> {
    let mut problems = Vec::new();
    for block in page.code_blocks() {
        if block.info.trim() != "text" {
            continue;
        }
        let included = page.includes_within(block.range.clone());
        let own = page.own_text_within(block.range.clone());
        // The chapter's own text in the block is its two fence lines, nothing else.
        let mut lines: Vec<&str> = own.lines().collect();
        if !lines.is_empty() {
            lines.remove(0);
        }
        lines.pop();
        let own_body_blank =
            lines.iter().all(|l| l.trim().is_empty()) && !block.fence_included;
        let generated = included.len() == 1
            && included[0].selector.is_none()
            && ["outputs/", "results/"]
                .iter()
                .any(|d| included[0].file.to_string_lossy().contains(d));
        if !(own_body_blank && generated) {
            problems.push(format!(
                "{}: a text block must be exactly one include of a generated output file",
                page.place(block.offset)
            ));
        }
    }
    problems
}

#[test]
fn every_printed_output_is_generated() {
    let problems: Vec<String> = pages()
        .iter()
        .flat_map(hand_typed_output_problems)
        .collect();
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
    for page in pages() {
        let folder = page.chapter.parent().unwrap_or(Path::new("src"));
        for link in page_links(&page).into_iter().filter(|l| l.image) {
            if is_external(&link.target) {
                problems.push(format!(
                    "{}: image {} is loaded from the network; the book reads offline",
                    page.place(link.offset),
                    link.target
                ));
                continue;
            }
            let file = normalize(&folder.join(&link.target));
            if !root.join(&file).exists() {
                problems.push(format!(
                    "{}: shows {}, which does not exist",
                    page.place(link.offset),
                    file.display()
                ));
            }
            if let Ok(inside) = file.strip_prefix("src/images") {
                shown.insert(inside.to_string_lossy().to_string());
            }
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

/// Figures are drawn at twice the pixels they are shown at (chapters_code::figures::hidpi),
/// so that they are sharp on screens with two device pixels per CSS pixel. Each PNG the book
/// shows says so with `srcset="… 2x"`, which makes the browser show it at half its pixels;
/// a PNG without it would be shown twice too large (or, drawn at 1×, blurred).
#[test]
fn every_figure_is_shown_at_half_its_pixels() {
    let root = repo_root();
    let mut problems = Vec::new();
    for page in pages() {
        let folder = page.chapter.parent().unwrap_or(Path::new("src"));
        for link in page_links(&page).into_iter().filter(|l| l.image) {
            if !link.target.ends_with(".png") || is_external(&link.target) {
                continue;
            }
            let place = page.place(link.offset);
            let srcset = format!("srcset=\"{} 2x\"", link.target);
            if !page.text.contains(&srcset) {
                problems.push(format!(
                    "{place}: show {} as <img src=\"{0}\" {srcset} alt=\"…\">",
                    link.target
                ));
            }
            let file = root.join(normalize(&folder.join(&link.target)));
            match std::fs::read(&file) {
                // A PNG's width and height are the big-endian u32s at bytes 16 and 20.
                Ok(bytes) if bytes.len() >= 24 => {
                    let size = |at: usize| {
                        u32::from_be_bytes([
                            bytes[at],
                            bytes[at + 1],
                            bytes[at + 2],
                            bytes[at + 3],
                        ])
                    };
                    let (width, height) = (size(16), size(20));
                    if width % 2 != 0 || height % 2 != 0 {
                        problems.push(format!(
                            "{place}: {} is {width} × {height} pixels: a figure drawn at 2× has \
                             even sizes",
                            link.target
                        ));
                    }
                }
                _ => problems
                    .push(format!("{place}: cannot read {}", file.display())),
            }
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
    // A label above the comment labels the block.
    let page = synthetic(
        "**Rust**\n\n<!-- not run: slow -->\n```rust,ignore\nfn f() {}\n```\n",
    );
    let blocks = page.code_blocks();
    assert!(labelled(blocks[0].label.as_ref(), "Rust"));
    assert!(fence_problems(&page).is_empty());
    let found = includes(
        Path::new("src/ch.md"),
        "{{#include ../x/y.rs:z}} {{#rustdoc_include a.rs}}",
    );
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].file, PathBuf::from("x/y.rs"));
    assert_eq!(found[0].selector.as_deref(), Some("z"));
    assert_eq!(found[1].file, PathBuf::from("src/a.rs"));
}

/// mdBook 0.5.4's id for a heading (`mdbook-html`'s `id_from_content`).
fn heading_id(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c)
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// The ids a page's HTML will have: headings and definition-list terms (made unique with
/// `-1`, `-2` … as mdBook does), `{#id}` heading attributes and `id="…"` in raw HTML.
fn page_ids(page: &Page) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let events = page.events();
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::Heading { id: Some(id), .. }) => {
                ids.insert(id.to_string());
            }
            Event::Start(Tag::Heading { .. } | Tag::DefinitionListTitle) => {
                let mut text = String::new();
                i += 1;
                while i < events.len()
                    && !matches!(
                        events[i].0,
                        Event::End(
                            TagEnd::Heading(_) | TagEnd::DefinitionListTitle
                        )
                    )
                {
                    if let Event::Text(t) | Event::Code(t) = &events[i].0 {
                        text.push_str(t);
                    }
                    i += 1;
                }
                let id = heading_id(&text);
                let mut unique = id.clone();
                let mut n = 1;
                while !ids.insert(unique.clone()) {
                    unique = format!("{id}-{n}");
                    n += 1;
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                for (name, value) in html_attributes(h) {
                    if name == "id" {
                        ids.insert(value);
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    ids
}

/// `href`, `src` and `id` attributes of a piece of raw HTML (comments left out).
fn html_attributes(html: &str) -> Vec<(String, String)> {
    static RE: std::sync::OnceLock<(regex::Regex, regex::Regex)> =
        std::sync::OnceLock::new();
    let (comment, attribute) = RE.get_or_init(|| {
        (
            regex::Regex::new(r"(?s)<!--.*?-->").expect("regex"),
            regex::Regex::new(
                r#"(?i)\s(href|src|id)\s*=\s*(?:"([^"]*)"|'([^']*)')"#,
            )
            .expect("regex"),
        )
    });
    let html = comment.replace_all(html, "");
    attribute
        .captures_iter(&html)
        .map(|c| {
            let value = c.get(2).or(c.get(3)).map_or("", |m| m.as_str());
            (c[1].to_lowercase(), value.to_string())
        })
        .collect()
}

/// A link or image of a page.
#[derive(Debug)]
struct PageLink {
    target: String,
    offset: usize,
    image: bool,
}

/// Every link and image of a page as mdBook renders it: inline, reference and autolinks,
/// images, and `href` / `src` in raw HTML.
fn page_links(page: &Page) -> Vec<PageLink> {
    let mut found = Vec::new();
    for (event, range) in page.events() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => found.push(PageLink {
                target: dest_url.to_string(),
                offset: range.start,
                image: false,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => found.push(PageLink {
                target: dest_url.to_string(),
                offset: range.start,
                image: true,
            }),
            Event::Html(h) | Event::InlineHtml(h) => {
                for (name, value) in html_attributes(&h) {
                    if name != "id" {
                        found.push(PageLink {
                            target: value,
                            offset: range.start,
                            image: name == "src",
                        });
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// A link with a scheme (`https:`, `mailto:` …).
fn is_external(target: &str) -> bool {
    target.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
            && scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
    })
}

/// What is wrong with the form of an external link (it is listed, never fetched).
fn external_link_problem(link: &str) -> Option<String> {
    if let Some(address) = link.strip_prefix("mailto:") {
        return (!address.contains('@'))
            .then(|| "not an e-mail address".into());
    }
    let Some(rest) = link.strip_prefix("https://") else {
        return Some(if link.starts_with("http://") {
            "use https".into()
        } else {
            "only https: and mailto: links are expected".into()
        });
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:".contains(c));
    if !host_ok {
        return Some(format!("host {host:?} is not a domain name"));
    }
    if link
        .chars()
        .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == '"')
    {
        return Some("a space or a bracket inside the address".into());
    }
    None
}

/// What is wrong with the links of one page: missing files, missing anchors, undefined
/// references, malformed external links (which go into `external`).
fn link_problems(page: &Page, external: &mut BTreeSet<String>) -> Vec<String> {
    let root = repo_root();
    let mut problems = Vec::new();
    let folder = page
        .chapter
        .parent()
        .unwrap_or(Path::new("src"))
        .to_path_buf();
    // `[x][r]` with no `[r]: …` anywhere. Array indexing in prose (`c[1][2]`, `a[i][j]`)
    // parses the same way and is meant as text: only word-like references count.
    for (reference, offset) in page.broken_references() {
        let word = reference.chars().filter(|c| c.is_alphabetic()).count() >= 2;
        if !word {
            continue;
        }
        problems.push(format!(
            "{}: reference link [{reference}] is defined nowhere: mdBook shows it as text",
            page.place(offset)
        ));
    }
    for link in page_links(page) {
        let place = page.place(link.offset);
        if is_external(&link.target) {
            if let Some(why) = external_link_problem(&link.target) {
                problems.push(format!("{place}: link {}: {why}", link.target));
            }
            external.insert(link.target);
            continue;
        }
        if link.target.starts_with('/') {
            problems.push(format!(
                "{place}: link {}: an absolute path breaks when the book is not served \
                 from the site's root; use a relative link",
                link.target
            ));
            continue;
        }
        let (file, anchor) = match link.target.split_once('#') {
            Some((f, a)) => (f.to_string(), Some(a.to_string())),
            None => (link.target.clone(), None),
        };
        let file = file.split('?').next().unwrap_or_default().to_string();
        let target = if file.is_empty() {
            page.chapter.clone()
        } else {
            // mdBook turns `x.md` into `x.html`; a link to `x.html` means the chapter `x.md`.
            let path = normalize(&folder.join(&file));
            match path.extension() {
                Some(e)
                    if e == "html"
                        && root.join(path.with_extension("md")).exists() =>
                {
                    path.with_extension("md")
                }
                _ => path,
            }
        };
        if !root.join(&target).exists() {
            problems.push(format!(
                "{place}: link to {}: {} does not exist",
                link.target,
                target.display()
            ));
            continue;
        }
        if let Some(anchor) = anchor {
            if target.extension().is_some_and(|e| e == "md") {
                let ids = if target == page.chapter {
                    page_ids(page)
                } else {
                    page_ids(&Page::load(&target))
                };
                if !ids.contains(&anchor) {
                    problems.push(format!(
                        "{place}: link to {}: no heading or id {anchor:?} in {}",
                        link.target,
                        target.display()
                    ));
                }
            }
        }
    }
    problems
}

#[test]
fn internal_links_and_anchors_resolve_and_external_links_are_listed() {
    let root = repo_root();
    let mut problems = Vec::new();
    let mut external = BTreeSet::new();
    for page in pages() {
        problems.extend(link_problems(&page, &mut external));
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
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_link_checker_sees_headings_and_links() {
    assert_eq!(heading_id("dot versus *"), "dot-versus-");
    assert_eq!(heading_id("The rules, as code"), "the-rules-as-code");
    let page = synthetic(
        "# Title One\n\n```text\n# not a heading\n[x](in-code.md)\n```\n\n\
         See [a](other.md#title-one), [b][r] and <a href=\"c.md\">c</a>.\n\n\
         ## Title One\n\n<figure id=\"fig-1-1\">\n\n![i](images/x.png)\n\n</figure>\n\n\
         [r]: ref.md\n",
    );
    let ids = page_ids(&page);
    for id in ["title-one", "title-one-1", "fig-1-1"] {
        assert!(ids.contains(id), "{id} in {ids:?}");
    }
    let targets: Vec<String> =
        page_links(&page).into_iter().map(|l| l.target).collect();
    assert_eq!(
        targets,
        ["other.md#title-one", "ref.md", "c.md", "images/x.png"]
    );
}

#[test]
fn the_guard_sees_the_bypasses_of_issue_13() {
    // A space instead of a comma, and a bare `ignore`: rustdoc never runs either.
    for fence in ["```rust ignore", "```ignore", "```rust , ignore", "```rs"] {
        let page = synthetic(&format!("{fence}\nassert!(false);\n```\n"));
        let problems = fence_problems(&page);
        assert!(!problems.is_empty(), "{fence} passes: {problems:?}");
    }
    // compile_fail with an assert in it, and without an error code.
    let page = synthetic("```rust,compile_fail\nassert!(false);\n```\n");
    let problems = fence_problems(&page);
    assert!(problems.iter().any(|p| p.contains("must name the error")));
    assert!(problems.iter().any(|p| p.contains("proves nothing")));
    assert_eq!(untested_rust_problems(&page).len(), 1);
    let page = synthetic("```rust,compile_fail,E0382\nlet v = vec![1];\n```\n");
    assert!(fence_problems(&page).is_empty());
    // `{{ #include … }}` with spaces is an include, and a missing one is an error.
    let page = synthetic(
        "```text\n{{ #include outputs/nothing-here.txt }}\n```\n\n\
         ```rust\n{{ #include ../chapters-code/src/lib.rs:no_such_anchor }}\n```\n",
    );
    assert_eq!(page.includes.len(), 2);
    assert_eq!(page.errors.len(), 1, "{:?}", page.errors);
    assert_eq!(
        anchored_lines(
            &read_repo_file("chapters-code/src/lib.rs"),
            "no_such_anchor"
        )
        .map(|_| ()),
        Err("no `ANCHOR: no_such_anchor`".to_string())
    );
    // Reference links, undefined references and raw HTML links are checked.
    let page = synthetic(
        "See [x][r], [y][nowhere] and <a href=\"missing.md\">z</a>, \
         <img src=\"images/none.png\" alt=\"\">.\n\n[r]: missing.md\n",
    );
    let problems = link_problems(&page, &mut BTreeSet::new());
    assert_eq!(problems.len(), 4, "{problems:#?}");
}

#[test]
fn rustdoc_reads_info_strings_as_the_guard_does() {
    // Every info string of the book, and the tricky ones, through the real rustdoc: which
    // blocks it runs, compiles only, expects to fail, ignores, or does not take for Rust.
    let mut infos: BTreeSet<String> = [
        "rust",
        "rust ignore",
        "ignore",
        "rust,ignore",
        "rust , ignore",
        "rust,no_run",
        "rust,compile_fail,E0382",
        "rust,should_panic",
        "rs",
        "Rust",
        "rust;ignore",
        "rust,ignore-linux",
        "rust,unknown",
        "",
        "text",
        "python",
        "should_panic",
        "rust,edition2021",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for page in pages() {
        for block in page.code_blocks() {
            infos.insert(block.info);
        }
    }
    let infos: Vec<String> = infos.into_iter().collect();
    let mut md = String::from("# Info strings\n\n");
    let mut lines = Vec::new();
    for info in &infos {
        lines.push(md.lines().count() + 1);
        md += &format!("```{info}\nfn main() {{}}\n```\n\n");
    }
    let work = repo_root()
        .join("target")
        .join(format!("guard-rustdoc-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("a scratch folder");
    std::fs::write(work.join("infos.md"), md).expect("written");
    let rustdoc =
        std::env::var_os("RUSTDOC").unwrap_or_else(|| "rustdoc".into());
    let output = std::process::Command::new(rustdoc)
        .current_dir(&work)
        .args(["--test", "infos.md", "--edition", "2021"])
        .env_remove("RUSTC_BOOTSTRAP")
        .output()
        .expect("rustdoc runs");
    let _ = std::fs::remove_dir_all(&work);
    let stdout = String::from_utf8_lossy(&output.stdout);
    for (info, line) in infos.iter().zip(lines) {
        let test = stdout.lines().find(|l| {
            l.starts_with("test ") && l.contains(&format!("(line {line})"))
        });
        let seen = match test {
            None => "not rust",
            Some(t) if t.ends_with("ignored") => "ignored",
            Some(t) if t.contains(" - compile fail ") => "compile_fail",
            Some(t) if t.contains(" - compile ") => "no_run",
            Some(_) => "run",
        };
        let lang = LangString::parse(info);
        // rustdoc 1.95 names a should_panic test like any other: both are "run".
        let expected = if !lang.rust {
            "not rust"
        } else if lang.ignore {
            "ignored"
        } else if lang.compile_fail {
            "compile_fail"
        } else if lang.no_run {
            "no_run"
        } else {
            "run"
        };
        assert_eq!(
            seen, expected,
            "info string {info:?}: rustdoc and the guard disagree\n{stdout}"
        );
    }
}

/// Hex SHA-256 of a file's bytes.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The folders directly inside `dir`, in name order (none when it cannot be read).
fn sorted_subfolders(dir: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    folders.sort();
    folders
}

/// What is wrong with the committed NumPy outputs: a file that differs by one byte from what
/// its script wrote (its folder's SHA256SUMS, written by python/book_outputs.py), a file no
/// script recorded, an entry for a file that is gone, an included output outside the manifests.
fn numpy_output_problems(root: &Path, included: &[PathBuf]) -> Vec<String> {
    const HOW: &str = "regenerate with scripts/numpy-outputs.sh (or `.venv/bin/python \
                       python/chNN_slug.py` for one chapter); never edit python/outputs/ by hand";
    let outputs = root.join("python").join("outputs");
    let mut problems = Vec::new();
    let mut recorded = BTreeSet::new();
    for folder in sorted_subfolders(&outputs) {
        let rel = folder.strip_prefix(root).unwrap_or(&folder).to_path_buf();
        let manifest = folder.join("SHA256SUMS");
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            problems.push(format!("{}: no SHA256SUMS; {HOW}", rel.display()));
            continue;
        };
        let mut listed = BTreeSet::new();
        for (n, line) in text.lines().enumerate() {
            let Some((digest, name)) = line.split_once("  ") else {
                problems.push(format!(
                    "{}/SHA256SUMS:{}: not `<sha256>  <file>`",
                    rel.display(),
                    n + 1
                ));
                continue;
            };
            listed.insert(name.to_string());
            recorded.insert(rel.join(name));
            match std::fs::read(folder.join(name)) {
                Err(_) => problems.push(format!(
                    "{}/{name}: recorded in SHA256SUMS but missing; {HOW}",
                    rel.display()
                )),
                Ok(bytes) if sha256_hex(&bytes) != digest => problems.push(format!(
                    "{}/{name}: differs from what its script wrote (SHA256SUMS); {HOW}",
                    rel.display()
                )),
                Ok(_) => {}
            }
        }
        let mut files: Vec<String> = std::fs::read_dir(&folder)
            .map(|d| {
                d.flatten()
                    .filter(|e| e.path().is_file())
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        for file in files {
            if file != "SHA256SUMS" && !listed.contains(&file) {
                problems.push(format!(
                    "{}/{file}: not recorded in SHA256SUMS; {HOW}",
                    rel.display()
                ));
            }
        }
    }
    for inc in included {
        if inc.starts_with("python/outputs") && !recorded.contains(inc) {
            problems.push(format!(
                "{}: the book shows it but no SHA256SUMS records it; {HOW}",
                inc.display()
            ));
        }
    }
    problems
}

#[test]
fn every_numpy_output_the_book_shows_has_the_bytes_its_script_wrote() {
    let included: Vec<PathBuf> =
        all_includes().into_iter().map(|inc| inc.file).collect();
    assert!(
        included.iter().any(|f| f.starts_with("python/outputs")),
        "the book shows no NumPy output: the guard would prove nothing"
    );
    let problems = numpy_output_problems(&repo_root(), &included);
    assert!(
        problems.is_empty(),
        "NumPy outputs that are not what the scripts wrote:\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_one_byte_change_to_a_numpy_output_fails() {
    // A copy of python/outputs/ with one byte changed, one file added, one removed.
    let root = repo_root()
        .join("target")
        .join(format!("guard-numpy-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let copy = root.join("python").join("outputs");
    let source = repo_root().join("python").join("outputs");
    for file in files_with_suffix(&source, "") {
        let to = copy.join(file.strip_prefix(&source).expect("inside"));
        std::fs::create_dir_all(to.parent().expect("a folder")).expect("mkdir");
        std::fs::copy(&file, &to).expect("copied");
    }
    let included = [PathBuf::from(
        "python/outputs/ch03-broadcasting/stride_zero.txt",
    )];
    assert_eq!(
        numpy_output_problems(&root, &included),
        Vec::<String>::new()
    );
    let target = copy.join("ch03-broadcasting").join("stride_zero.txt");
    let mut bytes = std::fs::read(&target).expect("read");
    bytes[0] ^= 1;
    std::fs::write(&target, bytes).expect("written");
    std::fs::write(copy.join("ch03-broadcasting").join("extra.txt"), "x")
        .expect("written");
    std::fs::remove_file(copy.join("ch05-products").join("versions.txt"))
        .expect("removed");
    let problems = numpy_output_problems(&root, &included);
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

/// One offender of a rule that has an allowlist in `known.rs`.
#[derive(Debug)]
struct Finding {
    /// The chapter (`src/ch02-speed.md`).
    file: String,
    /// What the allowlist matches against (see each list's doc comment).
    key: String,
    /// Where and what, for the failure message.
    message: String,
}

/// Fails with every finding no allowlist entry covers, and with every entry that covers no
/// finding any more (the lists only shrink). `covers(finding, entry)` decides.
fn check_allowlisted(
    rule: &str,
    how_to_fix: &str,
    list: &str,
    findings: &[Finding],
    known: &[(&str, &str, &str)],
    covers: impl Fn(&Finding, &str) -> bool,
) {
    let new: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            !known
                .iter()
                .any(|(file, what, _)| *file == f.file && covers(f, what))
        })
        .collect();
    let stale: Vec<String> = known
        .iter()
        .filter(|(file, what, _)| {
            !findings.iter().any(|f| f.file == *file && covers(f, what))
        })
        .map(|(file, what, _)| format!("    ({file:?}, {what:?}, …)"))
        .collect();
    let mut report = String::new();
    if !new.is_empty() {
        report += &format!("{rule}: {how_to_fix}\n");
        for f in &new {
            report += &format!("  {}\n", f.message);
        }
        report += &format!(
            "(entries in the form of tests/book_guard/known.rs::{list}, for the record:)\n"
        );
        for f in &new {
            report += &format!("    ({:?}, {:?}, \"\"),\n", f.file, f.key);
        }
    }
    if !stale.is_empty() {
        report += &format!(
            "{rule}: fixed, so delete these entries from tests/book_guard/known.rs::{list}:\n{}\n",
            stale.join("\n")
        );
    }
    assert!(report.is_empty(), "{report}");
}

/// The prose of a page, block by block (paragraphs, headings, list items, table cells):
/// `(offset, text)`, leaving out code blocks, inline code and HTML, with the text that an
/// include brings in replaced by `⟨generated⟩`.
fn prose_blocks(page: &Page) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let mut in_code = false;
    for (event, range) in page.events() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) if !in_code => {
                let entry = current.get_or_insert((range.start, String::new()));
                let included = page.pieces.iter().any(|p| {
                    p.include.is_some()
                        && p.range.start < range.end
                        && p.range.end > range.start
                });
                if !included {
                    entry.1.push_str(&t);
                } else {
                    // Own parts as written, included parts as one placeholder each.
                    for p in &page.pieces {
                        let (s, e) = (
                            p.range.start.max(range.start),
                            p.range.end.min(range.end),
                        );
                        if s >= e {
                            continue;
                        }
                        if p.include.is_some() {
                            if !entry.1.ends_with("⟨generated⟩") {
                                entry.1.push_str("⟨generated⟩");
                            }
                        } else {
                            entry.1.push_str(
                                &page.text[s..e].replace("&nbsp;", " "),
                            );
                        }
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(entry) = current.as_mut() {
                    entry.1.push(' ');
                }
            }
            Event::Code(_) => {
                if let Some(entry) = current.as_mut() {
                    entry.1.push_str("`…`");
                }
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            ) => {
                if let Some((at, text)) = current.take() {
                    let text = text
                        .replace(['\u{a0}', '\u{202f}'], " ")
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    blocks.push((at, text));
                }
            }
            _ => {}
        }
    }
    blocks
}

/// The patterns of a hand-typed measurement: (what it is, regex).
fn measured_claim_patterns() -> &'static [(&'static str, regex::Regex)] {
    static RE: std::sync::OnceLock<Vec<(&'static str, regex::Regex)>> =
        std::sync::OnceLock::new();
    RE.get_or_init(|| {
        let n = r"\d+(?:[.,]\d+)*";
        [
            ("a timing", format!(r"\b{n} ?(?:ns|µs|μs|ms)\b")),
            (
                "a timing",
                format!(
                    r"(?i)\b{n} (?:s|secs?|seconds?|milliseconds?|microseconds?|nanoseconds?|mins?|minutes?|hours?)\b"
                ),
            ),
            ("a ratio", format!(r"\b{n} ?×")),
            ("a ratio", format!(r"\b{n}x\b")),
            ("a percentage", format!(r"\b{n} ?%")),
            (
                "a ratio",
                r"(?i)\b(?:twice|thrice|half) (?:as|the)\b".to_string(),
            ),
            (
                "a ratio",
                format!(
                    r"(?i)\b(?:{n}|two|three|four|five|six|seven|eight|nine|ten|a hundred|a thousand) times (?:faster|slower|quicker|more|less|fewer|as|the|larger|smaller|bigger)\b"
                ),
            ),
            ("a ratio", format!(r"(?i)\bratio (?:of|is|was) (?:about )?{n}")),
            ("a ratio", r"(?i)\borders? of magnitude\b".to_string()),
            ("a ranking", r"(?i)\b(?:faster|slower|quicker) (?:than|by)\b".to_string()),
            ("a ranking", r"(?i)\b(?:fastest|slowest|quickest)\b".to_string()),
            ("a ranking", r"(?i)\b(?:level with|are level|is level|on par)\b".to_string()),
            ("a ranking", r"(?i)\bas (?:fast|slow|quick) as\b".to_string()),
            ("a ratio", r"(?i)\bspeed-?ups? of\b".to_string()),
        ]
        .into_iter()
        .map(|(what, re)| (what, regex::Regex::new(&re).expect("regex")))
        .collect()
    })
}

/// The hand-typed measurements in a page's prose: (offset, what, the matched text, a piece
/// of the sentence around it).
fn measured_claims(page: &Page) -> Vec<(usize, &'static str, String, String)> {
    let mut found = Vec::new();
    for (at, text) in prose_blocks(page) {
        for (what, re) in measured_claim_patterns() {
            for m in re.find_iter(&text) {
                // `3 × 3` is a shape, not a ratio.
                let shape = m.as_str().ends_with('×')
                    && text[m.end()..]
                        .trim_start()
                        .starts_with(|c: char| c.is_ascii_digit());
                if shape {
                    continue;
                }
                // Three words before the claim and two after, as they stand in the text.
                let starts: Vec<usize> = text[..m.start()]
                    .match_indices(' ')
                    .map(|(i, _)| i + 1)
                    .collect();
                let from = if starts.len() >= 3 {
                    starts[starts.len() - 3]
                } else {
                    0
                };
                let to = text[m.end()..]
                    .match_indices(' ')
                    .nth(2)
                    .map_or(text.len(), |(i, _)| m.end() + i);
                let context = text[from..to].trim().to_string();
                found.push((at, *what, m.as_str().to_string(), context));
            }
        }
    }
    found
}

#[test]
fn no_hand_typed_timing_speed_up_or_ranking_in_the_prose() {
    let mut findings = Vec::new();
    for page in pages() {
        for (at, what, matched, context) in measured_claims(&page) {
            findings.push(Finding {
                file: page.chapter.display().to_string(),
                key: context.clone(),
                message: format!(
                    "{}: {what}, {matched:?}, in \"…{context}…\"",
                    page.place(at)
                ),
            });
        }
    }
    check_allowlisted(
        "hand-typed measurements in the prose (issue 12)",
        "a timing, speed-up, ratio or ranking must not be typed: include a generated \
         fragment from src/outputs/… (a chapter Table built from results/benchmarks.csv, \
         one phrase, no trailing newline, included mid-sentence) or assert it in the sample \
         the sentence describes",
        "MEASURED_CLAIMS",
        &findings,
        known::MEASURED_CLAIMS,
        |f, what| f.key.contains(what) || what.contains(&f.key),
    );
}

/// The key of a code block for the allowlists: the anchor (or file name) of its first
/// include, else its first visible line.
fn block_key(page: &Page, block: &MdBlock) -> String {
    if let Some(inc) = page.includes_within(block.range.clone()).first() {
        return inc
            .selector
            .clone()
            .unwrap_or_else(|| inc.file.to_string_lossy().to_string());
    }
    block
        .body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("# ") && *l != "#")
        .unwrap_or_default()
        .chars()
        .take(60)
        .collect()
}

/// Whether rustdoc (and mdBook) hide a line of a Rust block (`# ` lines).
fn hidden_rust_line(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("# ") || t == "#"
}

/// Code the reader sees is at most this wide (mdBook's column, rustfmt.toml's max_width).
const MAX_CODE_COLUMNS: usize = 80;

#[test]
fn code_lines_the_reader_sees_fit_in_80_columns() {
    let mut findings = Vec::new();
    for page in pages() {
        for block in page.code_blocks() {
            let rust = LangString::parse(&block.info).rust;
            for line in block.body.lines() {
                let width = line.trim_end().chars().count();
                if width > MAX_CODE_COLUMNS && !(rust && hidden_rust_line(line))
                {
                    findings.push(Finding {
                        file: page.chapter.display().to_string(),
                        key: line.trim_end().to_string(),
                        message: format!(
                            "{}: a {}-column line in the `{}` block {:?}: {:?}",
                            page.place(block.offset),
                            width,
                            block.info,
                            block_key(&page, &block),
                            line.trim_end()
                        ),
                    });
                }
            }
        }
    }
    check_allowlisted(
        "code lines wider than 80 columns",
        "the book's column fits 80: wrap the line (cargo fmt does it for Rust code, \
         max_width = 80; wrap doc comments, string literals and outputs by hand)",
        "LONG_CODE_LINES",
        &findings,
        known::LONG_CODE_LINES,
        |f, what| f.key == what,
    );
}

/// The number mdBook gives a page of `SUMMARY.md`'s numbered list, its place from 1 (the list
/// before the first part heading after it, "# Appendices"), or `None` for a page outside it.
fn summary_place(summary: &str, file: &str) -> Option<usize> {
    let mut place = 0;
    for line in summary.lines().map(str::trim) {
        if line.starts_with("# ") && place > 0 {
            return None; // the appendices: numbered apart
        }
        if let Some(item) = line.strip_prefix("- [") {
            place += 1;
            let target = item.split_once("](")?.1.split(')').next()?;
            if target == file {
                return Some(place);
            }
        }
    }
    None
}

/// The chapter number of a page for its captions: the introduction's is 0, and a page of the
/// numbered list has its place there (chapter 3 is the third item, and "Where next", after
/// chapter 9, is 10: a chapter added before it moves it to 11). The appendices have none:
/// their captions only have to agree with each other.
fn chapter_number(page: &Page) -> Option<String> {
    let file = page.chapter.file_name()?.to_string_lossy().to_string();
    if file == "introduction.md" {
        return Some("0".into());
    }
    summary_place(&read_repo_file("src/SUMMARY.md"), &file)
        .map(|n| n.to_string())
}

#[test]
fn a_page_is_numbered_after_its_place_in_the_summary() {
    let summary = "# Summary\n\n[Introduction](introduction.md)\n\n- [A](ch01-a.md)\n\
                   - [B](ch02-b.md)\n- [Where next](where-next.md)\n\n# Appendices\n\n\
                   - [Cheat sheet](appendix-cheatsheet.md)\n";
    assert_eq!(summary_place(summary, "ch02-b.md"), Some(2));
    assert_eq!(summary_place(summary, "where-next.md"), Some(3));
    assert_eq!(summary_place(summary, "appendix-cheatsheet.md"), None);
    assert_eq!(summary_place(summary, "introduction.md"), None);
    let book = read_repo_file("src/SUMMARY.md");
    assert_eq!(summary_place(&book, "ch09-convolution.md"), Some(9));
    assert_eq!(summary_place(&book, "where-next.md"), Some(10));
}
/// An open `<figure>` while a page is read.
struct OpenFigure {
    offset: usize,
    listing: bool,
    id: Option<String>,
    caption: Option<String>,
    images: usize,
}

/// Captions and figures of a page: `(layout problems, images outside a figure, Rust blocks
/// outside a listing)`. Layout problems (a caption missing or out of order, an id that does
/// not match) have no allowlist: nothing in the book had captions when the rule landed.
fn figure_findings(page: &Page) -> (Vec<String>, Vec<Finding>, Vec<Finding>) {
    static TAG: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let tag = TAG.get_or_init(|| {
        regex::Regex::new(
            r"(?is)<!--.*?-->|<(/?)(figure|figcaption|img)\b([^>]*)>(?:(.*?)</figcaption>)?",
        )
        .expect("regex")
    });
    let chapter = page.chapter.display().to_string();
    let number = chapter_number(page);
    let mut appendix_number: Option<String> = None;
    let (mut layout, mut images, mut listings) =
        (Vec::new(), Vec::new(), Vec::new());
    let mut stack: Vec<OpenFigure> = Vec::new();
    let (mut figures_seen, mut listings_seen) = (0, 0);
    let strip = |s: &str| {
        let mut out = String::new();
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut close = |fig: OpenFigure, layout: &mut Vec<String>| {
        let place = page.place(fig.offset);
        let (word, prefix, seen) = if fig.listing {
            listings_seen += 1;
            ("Listing", "listing", listings_seen)
        } else {
            figures_seen += 1;
            ("Figure", "fig", figures_seen)
        };
        let Some(caption) = fig.caption else {
            layout.push(format!("{place}: a <figure> without <figcaption>{word} N-M: …</figcaption>"));
            return;
        };
        let n = match &number {
            Some(n) => n.clone(),
            None => appendix_number
                .get_or_insert_with(|| {
                    caption
                        .split_whitespace()
                        .nth(1)
                        .and_then(|nm| nm.split('-').next())
                        .unwrap_or("A")
                        .to_string()
                })
                .clone(),
        };
        let label = format!("{word} {n}-{seen}");
        let rest = caption.strip_prefix(&format!("{label}:"));
        if rest.is_none_or(|r| r.trim().len() <= 2) {
            layout.push(format!(
                "{place}: caption {caption:?} should read \"{label}: what it shows\" \
                 ({word}s are numbered in reading order, N = the chapter's number)"
            ));
        }
        let id = format!("{prefix}-{n}-{seen}");
        if fig.id.as_deref() != Some(id.as_str()) {
            layout.push(format!(
                "{place}: {label} needs id=\"{id}\" (found {:?}), so the text can link to it",
                fig.id
            ));
        }
        if !fig.listing && fig.images == 0 {
            layout.push(format!("{place}: {label} shows no image"));
        }
    };
    let events = page.events();
    for (event, range) in &events {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => {
                for c in tag.captures_iter(h) {
                    let (Some(closing), Some(name)) = (c.get(1), c.get(2))
                    else {
                        continue; // a comment
                    };
                    let attrs = c.get(3).map_or("", |m| m.as_str());
                    let attr = |name: &str| {
                        html_attributes(&format!(" {attrs}"))
                            .into_iter()
                            .find(|(n, _)| n == name)
                            .map(|(_, v)| v)
                            .or_else(|| {
                                let re = regex::Regex::new(&format!(
                                    r#"\b{name}\s*=\s*"([^"]*)""#
                                ))
                                .ok()?;
                                re.captures(attrs).map(|c| c[1].to_string())
                            })
                    };
                    match (
                        closing.as_str(),
                        name.as_str().to_lowercase().as_str(),
                    ) {
                        ("", "figure") => stack.push(OpenFigure {
                            offset: range.start,
                            listing: attr("class").is_some_and(|c| {
                                c.split_whitespace().any(|w| w == "listing")
                            }),
                            id: attr("id"),
                            caption: None,
                            images: 0,
                        }),
                        ("/", "figure") => match stack.pop() {
                            Some(fig) => close(fig, &mut layout),
                            None => layout.push(format!(
                                "{}: </figure> without <figure>",
                                page.place(range.start)
                            )),
                        },
                        ("", "figcaption") => {
                            let text =
                                strip(c.get(4).map_or("", |m| m.as_str()));
                            match stack.last_mut() {
                                Some(fig) => fig.caption = Some(text),
                                None => layout.push(format!(
                                    "{}: <figcaption> outside a <figure>",
                                    page.place(range.start)
                                )),
                            }
                        }
                        ("", "img") => {
                            let src = attr("src").unwrap_or_default();
                            image_seen(
                                page,
                                &mut stack,
                                &chapter,
                                &src,
                                range.start,
                                &mut images,
                            );
                        }
                        _ => {}
                    }
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                image_seen(
                    page,
                    &mut stack,
                    &chapter,
                    dest_url,
                    range.start,
                    &mut images,
                );
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let lang = LangString::parse(info);
                let in_listing = stack.iter().any(|f| f.listing);
                if lang.rust && info.starts_with("rust") && !in_listing {
                    let block = page
                        .code_blocks()
                        .into_iter()
                        .find(|b| b.offset == range.start);
                    let key = block
                        .as_ref()
                        .map(|b| block_key(page, b))
                        .unwrap_or_default();
                    listings.push(Finding {
                        file: chapter.clone(),
                        key: key.clone(),
                        message: format!(
                            "{}: Rust block {key:?} is not in a numbered listing",
                            page.place(range.start)
                        ),
                    });
                }
            }
            _ => {}
        }
    }
    for fig in stack {
        layout
            .push(format!("{}: <figure> never closed", page.place(fig.offset)));
    }
    (layout, images, listings)
}

/// Counts an image in the figure around it, or records it as outside any figure.
fn image_seen(
    page: &Page,
    stack: &mut [OpenFigure],
    chapter: &str,
    src: &str,
    offset: usize,
    images: &mut Vec<Finding>,
) {
    match stack.last_mut() {
        Some(fig) if !fig.listing => fig.images += 1,
        _ => images.push(Finding {
            file: chapter.to_string(),
            key: src.to_string(),
            message: format!(
                "{}: image {src} is not in a captioned <figure>",
                page.place(offset)
            ),
        }),
    }
}

#[test]
fn figures_and_listings_are_captioned_and_numbered_in_order() {
    let (mut layout, mut images) = (Vec::new(), Vec::new());
    for page in pages() {
        let (l, i, _) = figure_findings(&page);
        layout.extend(l);
        images.extend(i);
    }
    assert!(
        layout.is_empty(),
        "figures and listings (issue 15: <figure id=\"fig-N-M\"> … \
         <figcaption>Figure N-M: …</figcaption>, <figure class=\"listing\" \
         id=\"listing-N-M\"> … <figcaption>Listing N-M: …</figcaption>):\n{}",
        layout.join("\n")
    );
    check_allowlisted(
        "images outside a figure",
        "wrap each image in <figure id=\"fig-N-M\">, a blank line, ![alt](images/…), a \
         blank line, <figcaption>Figure N-M: …</figcaption>, </figure>",
        "IMAGES_WITHOUT_FIGURE",
        &images,
        known::IMAGES_WITHOUT_FIGURE,
        |f, what| f.key == what,
    );
}

#[test]
fn every_rust_block_is_in_a_numbered_listing() {
    let listings: Vec<Finding> =
        pages().iter().flat_map(|p| figure_findings(p).2).collect();
    check_allowlisted(
        "Rust blocks outside a listing",
        "wrap the labelled Rust block (and its output) in <figure class=\"listing\" \
         id=\"listing-N-M\"> … <figcaption>Listing N-M: what it shows</figcaption></figure>, \
         blank lines around the markdown inside",
        "RUST_BLOCKS_WITHOUT_LISTING",
        &listings,
        known::RUST_BLOCKS_WITHOUT_LISTING,
        |f, what| f.key == what,
    );
}

/// The label a block needs above it: NumPy, Rust or Output.
fn expected_label(info: &str) -> Option<&'static str> {
    match info.split(',').next().unwrap_or_default().trim() {
        "python" => Some("NumPy"),
        "rust" => Some("Rust"),
        "text" => Some("Output"),
        _ => None,
    }
}

/// Whether the block before a code block labels it `label`: a paragraph of only bold text
/// (`**Rust**`), or `<p class="block-label">Output (from …)</p>`.
fn labelled(previous: Option<&Prev>, label: &str) -> bool {
    match previous {
        Some(Prev::Paragraph(Some(text))) => text == label,
        Some(Prev::Html(html)) => {
            let html = html.trim();
            html.starts_with("<p class=\"block-label\">")
                && html["<p class=\"block-label\">".len()..].starts_with(label)
        }
        _ => false,
    }
}

#[test]
fn every_numpy_rust_and_output_block_is_labelled() {
    let mut findings = Vec::new();
    for page in pages() {
        for block in page.code_blocks() {
            let Some(label) = expected_label(&block.info) else {
                continue;
            };
            if !labelled(block.label.as_ref(), label) {
                let key = block_key(&page, &block);
                findings.push(Finding {
                    file: page.chapter.display().to_string(),
                    key: key.clone(),
                    message: format!(
                        "{}: the `{}` block {key:?} needs **{label}** right above it",
                        page.place(block.offset),
                        block.info
                    ),
                });
            }
        }
    }
    check_allowlisted(
        "unlabelled blocks",
        "put a paragraph of only **NumPy**, **Rust** or **Output** right above each \
         python, rust and text block (longer: <p class=\"block-label\">Output (from \
         <code>x</code>)</p>)",
        "UNLABELLED_BLOCKS",
        &findings,
        known::UNLABELLED_BLOCKS,
        |f, what| f.key == what,
    );
}

#[test]
fn the_measurement_guard_sees_typed_timings_and_ratios_only() {
    let claims = |md: &str| -> Vec<String> {
        measured_claims(&synthetic(md))
            .into_iter()
            .map(|(_, _, matched, _)| matched)
            .collect()
    };
    for typed in [
        "It takes 41.5&nbsp;ms.",
        "It takes 11 µs.",
        "About 0.3 s here.",
        "Rust is 1.5× faster.",
        "It is 2x faster.",
        "Twice the memory.",
        "As fast as NumPy.",
        "A 30 % gain.",
        "The fastest variant.",
        "With huge pages the two are level with each other.",
        "Three times faster.",
        "| 41.5 ms | x |\n| --- | --- |\n",
    ] {
        assert_eq!(claims(typed).len(), 1, "{typed}: {:?}", claims(typed));
    }
    for fine in [
        "A 3 × 3 matrix, a 100×100 board, `41.5 ms` in code, 0x1f.",
        "<!-- 41.5 ms -->\n\n```text\n41.5 ms\n```\n",
        "In the 1990s, 8 bytes per element, shape (2, 3).",
    ] {
        assert_eq!(claims(fine), Vec::<String>::new(), "{fine}");
    }
}

/// Whether mdBook shows a Run button on Rust blocks: `[output.html.playground] runnable`,
/// true unless book.toml says otherwise.
fn playground_runnable(book_toml: &str) -> bool {
    let mut section = String::new();
    for line in book_toml.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line.to_string();
        } else if section == "[output.html.playground]" {
            if let Some(value) = line.strip_prefix("runnable") {
                return value.trim_start_matches([' ', '=']).trim() != "false";
            }
        }
    }
    true
}

#[test]
fn a_run_button_is_only_on_blocks_the_playground_can_run() {
    // The Rust Playground has std and ndarray, not the companion crate: a block that needs
    // chapters_code must say `noplayground`, or its Run button would fail for the reader.
    assert!(!playground_runnable(
        "[output.html.playground]\nrunnable = false\n"
    ));
    assert!(playground_runnable("[output.html]\n"));
    if !playground_runnable(&read_repo_file("book.toml")) {
        return;
    }
    let mut problems = Vec::new();
    for page in pages() {
        for block in page.code_blocks() {
            let lang = LangString::parse(&block.info);
            let needs_crate = block.body.contains("chapters_code");
            if lang.rust
                && needs_crate
                && !lang.tokens.iter().any(|t| t == "noplayground")
            {
                problems.push(format!(
                    "{}: the block needs chapters_code, which the playground lacks: \
                     mark it `rust,noplayground`",
                    page.place(block.offset)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_readme_shows_the_example_chapter_the_tests_compile() {
    // "Adding a chapter" shows a chapter's mod.rs, figures.rs and numpy_table.rs; the crate compiles and runs
    // those very files (chapters-code/src/new_chapter_example/, under cfg(test)).
    let readme = read_repo_file("README.md");
    let (_, section) = readme
        .split_once("## Adding a chapter")
        .expect("the README has its 'Adding a chapter' section");
    let blocks: Vec<String> = section
        .split("\n   ```rust\n")
        .skip(1)
        .map(|rest| {
            let (block, _) =
                rest.split_once("\n   ```\n").expect("a closed block");
            block
                .lines()
                .map(|line| line.strip_prefix("   ").unwrap_or(line))
                .map(|line| format!("{line}\n"))
                .collect()
        })
        .collect();
    let files = ["mod.rs", "figures.rs", "numpy_table.rs"].map(|name| {
        read_repo_file(format!("chapters-code/src/new_chapter_example/{name}"))
    });
    assert_eq!(
        blocks.len(),
        files.len(),
        "the README shows three Rust files"
    );
    for (block, file) in blocks.iter().zip(&files) {
        assert_eq!(
            block, file,
            "the README's block differs from the file it shows"
        );
    }
}

/// The value of `NAME="value"` in a shell script of the repository.
fn shell_assignment(script: &str, name: &str) -> String {
    read_repo_file(script)
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{name}=\"")))
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or_else(|| panic!("{script} sets {name}=\"…\""))
        .to_string()
}

#[test]
fn the_readme_names_the_tool_versions_the_scripts_pin() {
    // The README tells a reader which versions the scripts install; a bump in a script must
    // not leave it naming the old ones.
    let readme = read_repo_file("README.md");
    for (tool, script, variable) in [
        ("mdbook", "scripts/tools.sh", "MDBOOK_VERSION"),
        ("mdbook-katex", "scripts/tools.sh", "MDBOOK_KATEX_VERSION"),
        ("hyperlink", "scripts/link-check.sh", "HYPERLINK_VERSION"),
    ] {
        let version = shell_assignment(script, variable);
        assert!(
            version.split('.').count() == 3,
            "{script}: {variable}={version:?}"
        );
        let named = format!("`{tool}` {version}");
        assert!(
            readme.contains(&named),
            "the README does not say {named:?}, the version {script} installs"
        );
    }
}

#[test]
fn a_run_button_runs_something() {
    // A block with a Run button that only defines a function would print nothing on the
    // playground: each one ends with a (hidden) line that calls what it shows.
    let mut problems = Vec::new();
    for page in pages() {
        for block in page.code_blocks() {
            let lang = LangString::parse(&block.info);
            let runnable = lang.rust
                && !(lang.ignore || lang.no_run || lang.compile_fail)
                && !lang.tokens.iter().any(|t| t == "noplayground");
            let calls = block.body.lines().any(|line| {
                line.strip_prefix("# ").is_some_and(|code| {
                    !code.starts_with("extern crate")
                        && !code.starts_with("use ")
                })
            });
            if runnable && !calls {
                problems.push(format!(
                    "{}: the Run button would show nothing: add a hidden line \
                     (`# name();`) that calls the sample",
                    page.place(block.offset)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The characters scripts/subset-text-fonts.py asked the text-font subsets for, beyond ASCII.
fn font_subset_characters(manifest: &str) -> BTreeSet<char> {
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("asked for beyond ASCII: "))
        .expect("theme/fonts/SUBSET.txt has its 'asked for' line")
        .chars()
        .collect()
}

#[test]
fn every_character_of_the_text_is_in_the_font_subsets() {
    // The book ships subsets of mdBook's text fonts (theme/fonts/): a character outside them
    // would be drawn by some other font, a jarring glyph in the middle of a sentence.
    let asked =
        font_subset_characters(&read_repo_file("theme/fonts/SUBSET.txt"));
    assert!(asked.contains(&'×') && !asked.contains(&'a'), "{asked:?}");
    let root = support::repo_root();
    let mut files = files_with_suffix(&root.join("src"), ".md");
    files.extend(files_with_suffix(&root.join("src/outputs"), ".txt"));
    files.extend(files_with_suffix(&root.join("python/outputs"), ".txt"));
    let mut missing = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for c in text.chars() {
            if !c.is_ascii() && !c.is_control() && !asked.contains(&c) {
                missing.insert(format!(
                    "{c:?} (U+{:04X}) in {}",
                    u32::from(c),
                    file.strip_prefix(&root).unwrap_or(file).display()
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "characters the text-font subsets lack (rerun scripts/subset-text-fonts.py after \
         building the book, or add them to its reserve):\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// Tables a page types by hand, as `file:line` (its own source, not what it includes).
fn hand_typed_tables(page: &Page) -> Vec<String> {
    pulldown_cmark::Parser::new_ext(&page.source, mdbook_options())
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Start(Tag::Table(_))))
        .map(|(_, range)| {
            let line = page.source[..range.start].lines().count() + 1;
            format!("{}:{line}", page.chapter.display())
        })
        .collect()
}

#[test]
fn every_table_of_the_book_is_generated() {
    // A table's cells state facts and show code like any other sentence or block, and a
    // typed table is checked by nothing: each table is a generated include (a chapter's
    // NumPy → ndarray table runs every row it shows).
    let typed = synthetic("Text.\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n");
    assert_eq!(hand_typed_tables(&typed), ["src/guard-self-test.md:3"]);
    let mut problems = Vec::new();
    for page in pages() {
        problems.extend(
            hand_typed_tables(&page)
                .into_iter()
                .map(|place| format!("{place}: a table typed by hand")),
        );
        let slug = page.chapter.file_stem().map(|s| s.to_string_lossy());
        let slug = slug.unwrap_or_default();
        let include = format!("{{{{#include outputs/{slug}/numpy-table.md}}}}");
        if page.source.contains("\n## NumPy → ndarray\n")
            && !page.source.contains(&include)
        {
            problems.push(format!(
                "{}: its NumPy → ndarray section does not include {include}",
                page.chapter.display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Lines of `text` where NumPy summarised an array: its elision `...` stands alone between
/// the numbers (`[   0    1 ...  998  999]`, or `...,` on a line of its own in 2-D).
/// `a[...]`, Python's Ellipsis in an index, is not one.
fn summarised_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            line.split_whitespace()
                .any(|token| token.trim_end_matches(',') == "...")
        })
        .map(|(n, _)| n + 1)
        .collect()
}

/// `numpy_text::numbers` skips NumPy's `...`, so a summarised NumPy output would agree with
/// a Rust output that prints only the numbers NumPy showed; every committed output is
/// printed whole instead (the book's scripts print small arrays or summaries of their own).
#[test]
fn no_numpy_output_is_a_summarised_array() {
    let root = support::repo_root();
    let mut found = Vec::new();
    for file in files_with_suffix(&root.join("python/outputs"), ".txt") {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for line in summarised_lines(&text) {
            let name = file.strip_prefix(&root).unwrap_or(&file).display();
            found.push(format!("{name}:{line}"));
        }
    }
    assert!(
        found.is_empty(),
        "NumPy outputs summarised with '...' (print them whole, or compare \
         them another way):\n{}",
        found.join("\n")
    );
    // The rule sees NumPy's summaries and not an index by Ellipsis.
    assert_eq!(summarised_lines("[   0    1    2 ...  997  998  999]"), [1]);
    assert_eq!(summarised_lines("[[0 1]\n ...,\n [8 9]]"), [2]);
    assert!(summarised_lines("a after bottom[...] = 0:").is_empty());
}

/// The names a block of Python code reads before it binds them, and the names it binds at
/// the top level (`x = …`, `a, b = …`, `for x in …`, `def f`, `import m as x`), in that order.
fn python_reads_and_binds(code: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let word = regex::Regex::new(r"[A-Za-z_][A-Za-z_0-9]*").expect("regex");
    let binding = regex::Regex::new(
        r"^(?:(?:for|def|class)\s+([A-Za-z_][A-Za-z_0-9, ]*?)\s*(?:\bin\b|\(|:)|(?:from\s+\S+\s+)?import\s.*\bas\s+([A-Za-z_]\w*)|\(?([A-Za-z_][A-Za-z_0-9, ]*?)\)?\s*=[^=])",
    )
    .expect("regex");
    let (mut reads, mut binds) = (BTreeSet::new(), BTreeSet::new());
    for line in code.lines() {
        let captures = binding.captures(line);
        let bound = captures.as_ref().and_then(|c| {
            (1..=3)
                .find_map(|i| c.get(i))
                .map(|m| (m.as_str(), m.end()))
        });
        // What the line reads: the names after those it binds, but for
        // attributes (`x.dtype`) and keyword arguments (`dtype=…`).
        let rest = bound.map_or(line, |(_, end)| &line[end..]);
        for w in word.find_iter(rest) {
            let attribute = rest[..w.start()].ends_with('.');
            let after = rest[w.end()..].trim_start();
            let keyword = after.starts_with('=') && !after.starts_with("==");
            if !attribute && !keyword && !binds.contains(w.as_str()) {
                reads.insert(w.as_str().to_string());
            }
        }
        if let Some((names, _)) = bound {
            for name in word.find_iter(names) {
                binds.insert(name.as_str().to_string());
            }
        }
    }
    (reads, binds)
}

/// Where a page reads its NumPy blocks in another order than their script runs them, the
/// blocks that a name read by a later block comes from: the page's last earlier block that
/// binds it must be the script's too, or a reader who runs the page's blocks in order gets
/// other values than the outputs shown (chapter 7's 2000-point memory block once rebound the
/// ten points' `X` and `dist_sq` before the page's argsort block, which read them).
/// `page` is (anchor, code) in page order; `script` the anchors in the order the script runs.
fn python_rebinding_problems(
    page: &[(String, String)],
    script: &[String],
) -> Vec<String> {
    let binds: Vec<BTreeSet<String>> = page
        .iter()
        .map(|(_, code)| python_reads_and_binds(code).1)
        .collect();
    let place = |anchor: &str| script.iter().position(|a| a == anchor);
    let mut problems = Vec::new();
    for (i, (anchor, code)) in page.iter().enumerate() {
        let (reads, _) = python_reads_and_binds(code);
        for name in &reads {
            // The last other block to bind `name` before this one: on the page, and in
            // the order the script ran them.
            let binders =
                (0..page.len()).filter(|&b| b != i && binds[b].contains(name));
            let on_page = binders.clone().rfind(|&b| b < i);
            let in_script = binders
                .filter(|&b| place(&page[b].0) < place(anchor))
                .max_by_key(|&b| place(&page[b].0));
            if on_page != in_script {
                let name_of = |b: Option<usize>| b.map(|b| page[b].0.clone());
                problems.push(format!(
                    "block {anchor:?} reads `{name}`: on the page it comes from \
                     {:?}, in the script that printed its output from {:?}",
                    name_of(on_page),
                    name_of(in_script)
                ));
            }
        }
    }
    problems
}

#[test]
fn numpy_blocks_read_in_page_order_give_the_outputs_shown() {
    let root = repo_root();
    let mut problems = Vec::new();
    for page in pages() {
        let mut by_script: Vec<(PathBuf, Vec<(String, String)>)> = Vec::new();
        for block in page.code_blocks() {
            if block.info != "python" {
                continue;
            }
            let includes = page.includes_within(block.range.clone());
            let Some(include) = includes.first() else {
                continue;
            };
            let Some(anchor) = include.selector.clone() else {
                continue;
            };
            let entry = (anchor, block.body.clone());
            match by_script.iter_mut().find(|(f, _)| *f == include.file) {
                Some((_, blocks)) => blocks.push(entry),
                None => by_script.push((include.file.clone(), vec![entry])),
            }
        }
        for (file, blocks) in by_script {
            let script = std::fs::read_to_string(root.join(&file))
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let anchors: Vec<String> = script
                .lines()
                .filter_map(|l| l.trim().strip_prefix("# ANCHOR: "))
                .map(|a| a.trim().to_string())
                .collect();
            for problem in python_rebinding_problems(&blocks, &anchors) {
                problems.push(format!("{}: {problem}", page.chapter.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The check sees chapter 7's old order: the memory block, last in the script, shown before
/// the argsort block and rebinding the names it reads.
#[test]
fn the_guard_sees_a_numpy_block_that_rebinds_what_a_later_one_reads() {
    let block =
        |anchor: &str, code: &str| (anchor.to_string(), code.to_string());
    let page = [
        block("points", "X = rand(10, 2)\n"),
        block("distances", "dist_sq = f(X)\nprint(dist_sq)\n"),
        block("memory", "X = rand(2000, 2)\ndist_sq = f(X)\n"),
        block("argsort", "nearests = np.argsort(dist_sq, axis=1)\n"),
    ];
    let script = ["points", "distances", "argsort", "memory"].map(String::from);
    let problems = python_rebinding_problems(&page, &script);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].contains("reads `dist_sq`"), "{problems:#?}");
    // In the script's order, or with the memory block's names its own, nothing.
    let mut in_order = page.clone();
    in_order.swap(2, 3);
    assert!(python_rebinding_problems(&in_order, &script).is_empty());
    let mut own_names = page.clone();
    own_names[2] =
        block("memory", "def peak(X):\n    d = f(X)\nprint(peak(r))\n");
    assert!(python_rebinding_problems(&own_names, &script).is_empty());
    // Reading and binding: the right side is read, tuples and loops bind.
    let (reads, binds) = python_reads_and_binds(
        "a, b = c + d\nfor i in range(a):\n    print(i)\nfrom m import x as y\n",
    );
    assert_eq!(binds, ["a", "b", "i", "y"].map(String::from).into());
    assert!(
        reads.contains("c") && reads.contains("range") && !reads.contains("a")
    );
}

/// The NumPy scripts write every output through `book_outputs.write_atomically` (a temporary
/// file, then a rename), so an interrupted or failing run leaves each committed file whole:
/// chapter 1's facts.txt, append_spare.txt and list_over_array.txt were written in place with
/// `Path.write_text` after the samples' outputs had moved to write_atomically. Only
/// book_outputs.py itself, and bench.py (its own temporary file and rename), write directly.
#[test]
fn numpy_scripts_write_their_outputs_atomically() {
    let root = repo_root();
    let direct = regex::Regex::new(
        r#"\.write_text\(|\.write_bytes\(|\bopen\([^)]*["'][wax]"#,
    )
    .expect("a regex");
    let mut problems = Vec::new();
    for script in files_with_suffix(&root.join("python"), ".py") {
        let name = script.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if matches!(name, "book_outputs.py" | "bench.py") {
            continue;
        }
        let text = std::fs::read_to_string(&script).expect("reads the script");
        for (number, line) in text.lines().enumerate() {
            if direct.is_match(line) {
                problems.push(format!(
                    "python/{name}:{}: writes in place; use write_atomically: {}",
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every committed NumPy output was written with the NumPy and SciPy that
/// python/requirements.txt pins (the versions scripts/python-venv.sh installs and the book
/// names, "with Python …, NumPy …, SciPy …" in chapter 1): each folder's versions.txt and each
/// edge-case file's header say so. Each chapter can be regenerated on its own
/// (`scripts/numpy-outputs.sh ch04`), and SHA256SUMS records whatever that run wrote, so a run
/// with another NumPy (PYTHON=python3) mixed versions across chapters and every test passed.
#[test]
fn numpy_outputs_come_from_the_pinned_numpy_and_scipy() {
    let root = repo_root();
    let requirements =
        std::fs::read_to_string(root.join("python/requirements.txt"))
            .expect("reads python/requirements.txt");
    let pin = |package: &str| {
        requirements
            .lines()
            .find_map(|l| l.trim().strip_prefix(&format!("{package}==")))
            .unwrap_or_else(|| {
                panic!("python/requirements.txt pins {package}==…")
            })
            .to_string()
    };
    let (numpy, scipy) = (pin("numpy"), pin("scipy"));
    let problems =
        numpy_version_problems(&root.join("python/outputs"), &numpy, &scipy);
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // Checked on a copy: one chapter regenerated with another NumPy is found.
    let copy = std::env::temp_dir()
        .join(format!("numpy-versions-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(copy.join("ch04-newaxis"))
        .expect("a temporary folder");
    std::fs::create_dir_all(copy.join("edge-cases"))
        .expect("a temporary folder");
    std::fs::write(
        copy.join("ch04-newaxis/versions.txt"),
        format!("Python 3.11.7, NumPy {numpy}1, SciPy {scipy}\n"),
    )
    .expect("writes");
    std::fs::write(
        copy.join("edge-cases/knn.json"),
        format!("{{\"numpy\": \"{numpy}\", \"scipy\": \"0.{scipy}\", \"cases\": [\n]}}\n"),
    )
    .expect("writes");
    let found = numpy_version_problems(&copy, &numpy, &scipy);
    let _ = std::fs::remove_dir_all(&copy);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("ch04-newaxis/versions.txt"), "{found:?}");
    assert!(found[1].contains("edge-cases/knn.json"), "{found:?}");
}

/// The versions.txt files and edge-case headers under `outputs` that do not name NumPy
/// `numpy` and SciPy `scipy`; a folder without versions.txt (edge-cases/) is read by its JSON.
fn numpy_version_problems(
    outputs: &Path,
    numpy: &str,
    scipy: &str,
) -> Vec<String> {
    let mut problems = Vec::new();
    let name =
        |p: &Path| p.strip_prefix(outputs).unwrap_or(p).display().to_string();
    for folder in sorted_subfolders(outputs) {
        let versions = folder.join("versions.txt");
        if let Ok(text) = std::fs::read_to_string(&versions) {
            let parts: Vec<&str> = text.trim_end().split(", ").collect();
            let wanted = [format!("NumPy {numpy}"), format!("SciPy {scipy}")];
            if !wanted.iter().all(|w| parts.contains(&w.as_str())) {
                problems.push(format!(
                    "{}: {:?}, not the pinned NumPy {numpy} and SciPy {scipy} of \
                     python/requirements.txt; regenerate with scripts/numpy-outputs.sh in the \
                     .venv of scripts/python-venv.sh",
                    name(&versions),
                    text.trim_end()
                ));
            }
        }
        let mut json = files_with_suffix(&folder, ".json");
        json.sort();
        for file in json {
            let text =
                std::fs::read_to_string(&file).expect("reads the JSON file");
            let head = text.lines().next().unwrap_or("");
            let wanted = [
                format!("\"numpy\": \"{numpy}\""),
                format!("\"scipy\": \"{scipy}\""),
            ];
            if !wanted.iter().all(|w| head.contains(w.as_str())) {
                problems.push(format!(
                    "{}: its header names another NumPy or SciPy than the pinned {numpy} and \
                     {scipy}: {head}",
                    name(&file)
                ));
            }
        }
    }
    problems
}

/// Every place the prose names a listing by number ("Listing 1-9 asserts both"), with what that
/// listing includes: `(chapter, a piece of the sentence, the include's anchor)`, one anchor per
/// listing the piece names ("Listings 5-5 and 5-6": two, in that order). Listings are numbered
/// by their place, so one added before a referenced listing moves the number under the
/// sentence, which then names another listing; the guard checks that the listing of that
/// number still includes the anchor the sentence is about. A new reference needs a line here.
#[rustfmt::skip]
const LISTING_REFERENCES: &[(&str, &str, &str)] = &[
    ("src/introduction.md", "(one, Listing 3-20, in the crate's tests)", "broadcast_allocates_nothing"),
    ("src/ch01-memory.md", "takes a 32-byte block (Listing 1-9 asserts both)", "string_arrays"),
    ("src/ch01-memory.md", "Listing 1-10 makes one buffer of 12 numbers", "anatomy"),
    ("src/ch01-memory.md", "which is why Listing 1-11 may write into `a` after making `row`", "owned_and_views"),
    ("src/ch02-speed.md", "(the counter is shown in Listing 2-6 below;", "page_faults"),
    ("src/ch02-speed.md", "The `memmap2` rows (Listing 2-5 below)", "reciprocals_thp_map"),
    ("src/ch02-speed.md", "which adds the line of Listing 2-4 to them", "opt_in"),
    ("src/ch02-speed.md", "`distances_broadcast_in_place` (Listing 2-13) makes NumPy's two new arrays", "distances_broadcast_in_place"),
    ("src/ch02-speed.md", "under the counting allocator of [Listing 1-4](ch01-memory.md#listing-1-4)", "measure"),
    ("src/ch03-broadcasting.md", "(chapter 1, Listing 1-14)", "no_promotion"),
    ("src/ch05-products.md", "like those of Listings 5-2 and 5-13, run a plain loop", "star_versus_dot exercise_transpose_rule"),
    ("src/ch05-products.md", "`DotShapeError` (Listings 5-5 and 5-6)", "dot_error dot_error_full"),
    ("src/ch05-products.md", "`advise_huge_pages` (Listing 5-10, below)", "advise_huge_pages"),
    ("src/ch05-products.md", "pass of Listing 5-9 calls `par_mapv_inplace`", "fast_matmul"),
    ("src/ch05-products.md", "Listing 5-11 checks 200 × 200", "fast_matmul_agrees"),
    ("src/ch05-products.md", "the two functions of Listing 5-9 and the three pieces", "fast_matmul"),
    ("src/ch06-meshgrid.md", "Listing 6-3 prints them in bytes", "dense_vs_sparse"),
    ("src/ch06-meshgrid.md", "(Listing 6-4 uses `sinc`", "zero_on_the_grid"),
    ("src/ch07-knn.md", "[Listing 3-6](ch03-broadcasting.md#listing-3-6) in the broadcasting chapter", "knn_step_by_step"),
    ("src/ch09-convolution.md", "([Listing 9-11](#listing-9-11))", "ndarray_conv_vs_scipy"),
    ("src/ch09-convolution.md", "show in Listing 9-11: in `Valid` mode", "ndarray_conv_vs_scipy"),
    ("src/where-next.md", "Three differences from NumPy show in Listing 10-1.", "quantiles_and_argmin"),
    ("src/where-next.md", "Listing 10-2 computes the length of", "all_cores"),
];

/// The same for figures: `(chapter, a piece of the sentence, the figure's image file)`.
#[rustfmt::skip]
const FIGURE_REFERENCES: &[(&str, &str, &str)] = &[
    ("src/introduction.md", "Figure 0-1 is drawn by the companion crate", "introduction-matrix-product.png"),
    ("src/ch03-broadcasting.md", "Figure 3-1 draws the three cases.", "ch03-broadcasting-diagrams.png"),
    ("src/ch06-meshgrid.md", "are the 25 points of the grid (Figure 6-1).", "ch06-meshgrid-points.png"),
    ("src/ch07-knn.md", "Figure 7-1 is the result for K = 2", "ch07-knn-neighbours.png"),
    ("src/ch08-life.md", "(Figure 8-1), and their sum is `N`", "ch08-life-windows.png"),
    ("src/ch08-life.md", "Figure 8-2 is the same seeded board", "ch08-life-animation.gif"),
    ("src/ch08-life.md", "before it starts again. Figure 8-3", "ch08-life-generations.png"),
    ("src/ch09-convolution.md", "and the sum is one pixel of the output (Figure 9-1).", "ch09-convolution-kernel.png"),
    ("src/ch09-convolution.md", "or the one in Figure 9-1, there is no difference", "ch09-convolution-kernel.png"),
];

/// The numbers a text gives `word` ("Listing", "Figure"): "Listing 1-9", "Listings 5-5 and
/// 5-6", "[Listing 9-11](…)", "Figure B-3".
fn numbers_named(text: &str, word: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let number = |w: &str| {
        let w = w.trim_start_matches(['(', '[']);
        let end = w
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(w.len());
        let parts: Vec<&str> = w[..end].split('-').collect();
        let numbered = matches!(parts[..], [chapter, n]
            if !chapter.is_empty()
                && chapter.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
                && !n.is_empty()
                && n.chars().all(|c| c.is_ascii_digit()));
        numbered.then(|| w[..end].to_string())
    };
    let plural = format!("{word}s");
    let mut named = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_start_matches(['(', '[']);
        if w == word || w == plural {
            named.extend(words.get(i + 1).and_then(|n| number(n)));
        }
        if w == plural && words.get(i + 2) == Some(&"and") {
            named.extend(words.get(i + 3).and_then(|n| number(n)));
        }
    }
    named
}

/// The chapter's own markdown without its captions (which name their own listing or figure).
fn prose_without_captions(source: &str) -> String {
    let mut out = String::new();
    let mut rest = source;
    while let Some(start) = rest.find("<figcaption>") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .split_once("</figcaption>")
            .map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

/// The markdown of the figure or listing that opens with `open`, in any chapter.
fn figure_source(pages: &[Page], open: &str) -> Option<String> {
    pages.iter().find_map(|p| {
        let body = &p.source[p.source.find(open)?..];
        Some(body[..body.find("</figure>")?].to_string())
    })
}

/// The problems of one kind of reference: `word` ("Listing"), the table, how a numbered
/// element opens (`id` for the number) and what the table's last column must be found as.
fn reference_problems(
    pages: &[Page],
    word: &str,
    table: &[(&str, &str, &str)],
    open: impl Fn(&str) -> String,
    found_as: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut problems = Vec::new();
    for page in pages {
        let chapter = page.chapter.to_string_lossy().into_owned();
        let prose = prose_without_captions(&page.source);
        let flat = prose.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut named = numbers_named(&prose, word);
        let pieces: BTreeSet<&str> = table
            .iter()
            .filter(|(c, ..)| *c == chapter)
            .map(|(_, said, _)| *said)
            .collect();
        let mut listed: Vec<String> = pieces
            .into_iter()
            .flat_map(|said| {
                let times = flat.matches(said).count();
                std::iter::repeat_n(numbers_named(said, word), times).flatten()
            })
            .collect();
        named.sort();
        listed.sort();
        if named != listed {
            problems.push(format!(
                "{chapter}: the prose names {word}s {named:?}, the table finds {listed:?}"
            ));
        }
    }
    for (chapter, said, what) in table {
        let numbers = numbers_named(said, word);
        let whats: Vec<&str> = what.split_whitespace().collect();
        if numbers.len() != whats.len() {
            problems.push(format!(
                "{chapter}: {said:?} names {numbers:?}, for {whats:?}"
            ));
        }
        for (number, what) in numbers.iter().zip(whats) {
            match figure_source(pages, &open(number)) {
                Some(body) if body.contains(&found_as(what)) => {}
                Some(_) => problems.push(format!(
                    "{chapter}: {said:?}: {word} {number} does not show {what}"
                )),
                None => problems.push(format!(
                    "{chapter}: {said:?}: there is no {word} {number}"
                )),
            }
        }
    }
    problems
}

#[test]
fn references_by_number_name_the_listing_or_figure_they_are_about() {
    let pages = pages();
    let mut problems = reference_problems(
        &pages,
        "Listing",
        LISTING_REFERENCES,
        |n| format!("<figure class=\"listing\" id=\"listing-{n}\">"),
        |anchor| format!(":{anchor}}}}}"),
    );
    problems.extend(reference_problems(
        &pages,
        "Figure",
        FIGURE_REFERENCES,
        |n| format!("<figure id=\"fig-{n}\">"),
        |image| format!("images/{image}"),
    ));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_guard_reads_listing_and_figure_numbers_as_the_prose_writes_them() {
    let named = numbers_named(
        "(Listing 1-9 asserts both) [Listing 9-11](#listing-9-11), Listings 5-5 and 5-6; \
         Listing 2-4. a listing, Listing x, Listing 3-, Figure 2-1",
        "Listing",
    );
    assert_eq!(named, ["1-9", "9-11", "5-5", "5-6", "2-4"]);
    let figures = numbers_named(
        "(Figure 6-1). Figure B-3 and Figures 8-2 and 8-3",
        "Figure",
    );
    assert_eq!(figures, ["6-1", "B-3", "8-2", "8-3"]);
    let prose = prose_without_captions(
        "a <figcaption>Listing 1-1: b</figcaption> c Listing 1-2 d",
    );
    assert_eq!(numbers_named(&prose, "Listing"), ["1-2"]);
}

/// Numbers the prose repeats from an output the book shows: `(page, output, pattern, said)`.
/// `pattern` is a regex run on the output file (relative to the repository); its captures
/// are the numbers the sentence `said` states, written `{1}`, `{2}` … where they stand, or
/// `{1*2}` for the product of two, with thousands separators (2,560,000). A sample printed
/// anew (or NumPy, for an output compared with NumPy's) then cannot leave the sentence behind:
/// each of these sentences once passed every test with any number in it.
#[rustfmt::skip]
const NUMBERS_FROM_OUTPUTS: &[(&str, &str, &str, &str)] = &[
    ("src/ch01-memory.md", "src/outputs/ch01-memory/list_of_pointers.txt",
     r"lie (\d+) bytes apart:\n(\d+) bytes per element",
     "plus a {1}-byte block, {2}&nbsp;bytes, as the sample asserts"),
    ("src/ch01-memory.md", "src/outputs/ch01-memory/contiguous.txt",
     r"Vec<i64> +data: \d+ bytes, header: (\d+) bytes\nArray1<i64> +data: \d+ bytes, header: (\d+) bytes",
     "The {1}&nbsp;bytes of a `Vec` are its pointer, length and capacity"),
    ("src/ch01-memory.md", "src/outputs/ch01-memory/contiguous.txt",
     r"Array1<i64> +data: \d+ bytes, header: (\d+) bytes",
     "`slice_collapse`): {1}&nbsp;bytes, once per array"),
    ("src/ch01-memory.md", "src/outputs/ch01-memory/numpy_string_width.txt",
     r"int16: <U6 +(\d+) bytes",
     "**4&nbsp;bytes per character**, {1}&nbsp;bytes per element"),
    ("src/ch01-memory.md", "src/outputs/ch01-memory/numpy_string_width.txt",
     r"int64: <U(\d+) +(\d+) bytes; widest: \d+\n(?:.*\n)*uint64: <U\d+ +\d+ bytes; widest: (\d+)",
     "that is {3} digits (18446744073709551615) + 1 = {1} characters = {2}&nbsp;bytes"),
    ("src/ch02-speed.md", "src/outputs/ch02-speed/temporaries.txt",
     r"distances_broadcast_literal +(\d+) .*\ndistances_broadcast_in_place +(\d+) .*\ndistances_to +(\d+) ",
     "(the sample asserts the counts {1}, {2} and {3})"),
    ("src/ch05-products.md", "src/outputs/ch05-products/fast_matmul_agrees.txt",
     r"within 1e-(\d+) of dot: true",
     "of values in $[0, 1)$ to within $10^{-{1}}$"),
    ("src/ch06-meshgrid.md", "src/outputs/ch06-meshgrid/dense_vs_sparse.txt",
     r"dense: +\[(\d+), (\d+)\]",
     "evaluates a function on a {1} × {2} grid. A dense grid is two full {1} × {2} arrays"),
    ("src/ch06-meshgrid.md", "src/outputs/ch06-meshgrid/z_values.txt",
     r"shape: \[(\d+), (\d+)\]",
     "the sum of the bit patterns of all {1*2} elements"),
    ("src/ch06-meshgrid.md", "src/outputs/ch06-meshgrid/z_values.txt",
     r"shape: \[(\d+), (\d+)\]",
     "That still builds one {1} × {2} temporary"),
    ("src/ch06-meshgrid.md", "src/outputs/ch06-meshgrid/zero_on_the_grid.txt",
     r"x\[(\d+)\]: -1\.7",
     "Element {1} is $-8 + {1} \\times 0.01$"),
    ("src/introduction.md", "src/outputs/introduction/first_array.txt",
     r"bytes: (\d+)",
     "if the book claimed `{1}` bytes and the code computed something else"),
    ("src/ch08-life.md", "src/outputs/ch08-life/random_board.txt",
     r"alive at the start: \d+, after (\d+) generations",
     "the same number of live cells at the start and after {1} generations"),
];

/// `said` with its `{i}` and `{i*j}` filled from `captures` (`captures[1]` is `{1}`).
fn fill_numbers(said: &str, captures: &[String]) -> Result<String, String> {
    let placeholder =
        regex::Regex::new(r"\{(\d+)(?:\*(\d+))?\}").expect("regex");
    let mut problem = None;
    let filled = placeholder.replace_all(said, |c: &regex::Captures| {
        let value = |i: &str| -> Option<&String> {
            i.parse::<usize>().ok().and_then(|i| captures.get(i))
        };
        let Some(first) = value(&c[1]) else {
            problem = Some(format!("{{{}}}: no such capture", &c[1]));
            return String::new();
        };
        match c.get(2) {
            None => first.clone(),
            Some(second) => {
                let product = value(second.as_str()).and_then(|s| {
                    let (a, b) =
                        (first.parse::<u64>().ok()?, s.parse::<u64>().ok()?);
                    a.checked_mul(b)
                });
                product
                    .map(chapters_code::results::format_size)
                    .unwrap_or_else(|| {
                        problem = Some(format!(
                            "{}: not a product of two counts",
                            &c[0]
                        ));
                        String::new()
                    })
            }
        }
    });
    match problem {
        Some(p) => Err(p),
        None => Ok(filled.into_owned()),
    }
}

/// What is wrong with the numbers a page repeats from outputs: `page` is the page's text with
/// its whitespace collapsed, `output` the output's text.
fn repeated_number_problem(
    page: &str,
    (file, output_file, pattern, said): (&str, &str, &str, &str),
    output: &str,
) -> Option<String> {
    let re = regex::Regex::new(pattern).expect("NUMBERS_FROM_OUTPUTS pattern");
    let Some(found) = re.captures(output) else {
        return Some(format!(
            "{output_file} no longer prints {pattern:?}:\n{output}"
        ));
    };
    let captures: Vec<String> = found
        .iter()
        .map(|m| m.map_or(String::new(), |m| m.as_str().to_string()))
        .collect();
    let expected = match fill_numbers(said, &captures) {
        Ok(expected) => expected,
        Err(e) => return Some(format!("{file}: {said:?}: {e}")),
    };
    let expected = expected.split_whitespace().collect::<Vec<_>>().join(" ");
    (!page.contains(&expected)).then(|| {
        format!("{file} does not say {expected:?}, the numbers {output_file} prints")
    })
}

#[test]
fn numbers_the_prose_repeats_are_the_ones_the_outputs_print() {
    let problems: Vec<String> = NUMBERS_FROM_OUTPUTS
        .iter()
        .filter_map(|&tie| {
            let page = read_repo_file(tie.0);
            let page = page.split_whitespace().collect::<Vec<_>>().join(" ");
            repeated_number_problem(&page, tie, &read_repo_file(tie.1))
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The check fails when a sentence states another number than its output, when the output
/// no longer prints the pattern, and fills products with separators.
#[test]
fn the_guard_sees_a_repeated_number_that_differs_from_its_output() {
    let tie = (
        "page.md",
        "out.txt",
        r"shape: \[(\d+), (\d+)\]",
        "all {1*2} elements of the {1} × {2} grid",
    );
    let output = "shape: [1600, 1600], NaN values: 0";
    let good = "the sum of all 2,560,000 elements of the 1600 × 1600 grid";
    assert_eq!(repeated_number_problem(good, tie, output), None);
    let wrong = "the sum of all 2,560,001 elements of the 1600 × 1600 grid";
    assert!(repeated_number_problem(wrong, tie, output).is_some());
    let moved = "shape: [1700, 1600], NaN values: 0";
    assert!(repeated_number_problem(good, tie, moved).is_some());
    assert!(repeated_number_problem(good, tie, "no shape").is_some());
    assert_eq!(chapters_code::results::format_size(999), "999");
    assert_eq!(chapters_code::results::format_size(1000), "1,000");
    assert_eq!(
        fill_numbers("{3}", &["a".into()]),
        Err("{3}: no such capture".into())
    );
}

/// The versions of each crate `Cargo.lock` resolves (a crate can be there twice).
fn locked_versions(lock: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = Some(n.trim_matches('"').to_string());
        } else if let Some(v) = line.strip_prefix("version = ") {
            if let Some(n) = name.take() {
                found.push((n, v.trim_matches('"').to_string()));
            }
        }
    }
    found
}

/// What is wrong with the docs.rs links of a text: each `docs.rs/CRATE/VERSION` must name the
/// release series `Cargo.lock` builds (`ndarray/0.17` for 0.17.2: the same leading parts, at
/// least up to the first that is not 0), or the reader reads the API of another release than
/// the one the book's code compiles against (ndarray's `meshgrid`, say, is new in 0.17).
fn docs_rs_version_problems(
    file: &str,
    text: &str,
    locked: &[(String, String)],
) -> Vec<String> {
    let link = regex::Regex::new(r"docs\.rs/([A-Za-z0-9_-]+)/([^/)\s#]+)")
        .expect("regex");
    let mut problems = Vec::new();
    for c in link.captures_iter(text) {
        let (krate, version) = (&c[1], &c[2]);
        let wanted: Vec<&str> = locked
            .iter()
            .filter(|(name, _)| name == krate)
            .map(|(_, v)| v.as_str())
            .collect();
        let parts: Vec<&str> = version.split('.').collect();
        let matches = |locked: &str| {
            let locked: Vec<&str> = locked.split('.').collect();
            // The release series: up to the first part that is not 0 (0.17, 1).
            let series = locked
                .iter()
                .position(|p| *p != "0")
                .map_or(locked.len(), |i| i + 1);
            parts.len() >= series
                && parts.len() <= locked.len()
                && locked[..parts.len()] == parts[..]
        };
        if !wanted.iter().any(|v| matches(v)) {
            problems.push(format!(
                "{file}: docs.rs/{krate}/{version}: Cargo.lock builds {krate} {}",
                if wanted.is_empty() { "at no version".to_string() } else { wanted.join(", ") }
            ));
        }
    }
    problems
}

#[test]
fn docs_rs_links_name_the_release_the_book_compiles_against() {
    let locked = locked_versions(&read_repo_file("Cargo.lock"));
    let mut problems = Vec::new();
    // The pages, and the generated tables they include (the NumPy → ndarray tables link
    // to ndarray's API too).
    let root = repo_root();
    let generated = files_with_suffix(&root.join("src/outputs"), ".md");
    for page in chapters().into_iter().chain(generated) {
        let text = read_repo_file(&page);
        let file = page
            .strip_prefix(&root)
            .unwrap_or(&page)
            .display()
            .to_string();
        problems.extend(docs_rs_version_problems(&file, &text, &locked));
    }
    problems.extend(docs_rs_version_problems(
        "README.md",
        &read_repo_file("README.md"),
        &locked,
    ));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_guard_sees_a_docs_rs_link_to_another_release() {
    let locked = [
        ("ndarray".to_string(), "0.17.2".to_string()),
        ("rand".to_string(), "0.8.5".to_string()),
        ("rand".to_string(), "0.9.2".to_string()),
        ("mimalloc".to_string(), "1.49.0".to_string()),
    ];
    let ok = "[a](https://docs.rs/ndarray/0.17/ndarray/fn.meshgrid.html) \
              docs.rs/ndarray/0.17.2 docs.rs/rand/0.8 docs.rs/rand/0.9/rand/ docs.rs/mimalloc/1";
    assert_eq!(
        docs_rs_version_problems("p", ok, &locked),
        Vec::<String>::new()
    );
    for wrong in [
        "(https://docs.rs/ndarray/0.16/ndarray/)",
        "docs.rs/ndarray/0",
        "docs.rs/ndarray/0.17.1",
        "docs.rs/ndarray/latest/ndarray",
        "docs.rs/faer/0.24",
        "docs.rs/mimalloc/2",
    ] {
        assert_eq!(
            docs_rs_version_problems("p", wrong, &locked).len(),
            1,
            "{wrong}"
        );
    }
}

/// The generated tables (`Table`s of the catalog: timing tables, findings, machine notes,
/// NumPy → ndarray tables …) that no page includes, given every include of the book.
fn tables_never_shown(included: &BTreeSet<PathBuf>) -> Vec<String> {
    book::tables()
        .map(|(chapter, table)| chapter.outputs().join(table.name))
        .filter(|file| !included.contains(file))
        .map(|file| {
            format!("{} is generated but no page includes it", file.display())
        })
        .collect()
}

/// Every generated table is shown. A sample's output is checked by
/// `every_sample_and_its_output_are_shown_in_its_chapter`, but a table was not: with chapter
/// 2's `{{#include outputs/ch02-speed/findings.md}}` deleted (the sentences that rank its
/// variants) or its timing table's, every test passed, the files were still generated and
/// checked, and the page read "What the measurements say:" over nothing.
#[test]
fn every_generated_table_is_included_by_a_page() {
    let included: BTreeSet<PathBuf> =
        all_includes().into_iter().map(|inc| inc.file).collect();
    let problems = tables_never_shown(&included);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The check sees a table whose include is gone.
    let (chapter, table) = book::tables().next().expect("the book has tables");
    let mut without = included.clone();
    assert!(
        without.remove(&chapter.outputs().join(table.name)),
        "{}",
        table.name
    );
    assert_eq!(tables_never_shown(&without).len(), 1);
}

/// What is wrong with a page's NumPy blocks: each ```python block must be one or more
/// includes of an anchor of a script under `python/` (the code `scripts/numpy-outputs.sh`
/// runs, whose output is committed), and nothing else. A hand-typed line is NumPy code no
/// script runs, an empty block shows the reader nothing above the NumPy output it claims to
/// have printed (the include deleted: every test passed).
fn numpy_block_problems(file: &str, markdown: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for block in code_blocks(markdown) {
        if block.info.split([',', ' ']).next() != Some("python") {
            continue;
        }
        let lines: Vec<&str> = block
            .body
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            problems
                .push(format!("{file}:{}: an empty NumPy block", block.line));
        }
        for line in lines {
            let found = directives(line);
            let anchored = matches!(&found[..], [d] if !d.escaped
                && d.kind == "include"
                && d.range == (0..line.len())
                && d.target.starts_with("../python/")
                && d.target.split_once(".py:").is_some_and(|(_, a)| !a.is_empty()));
            if !anchored {
                problems.push(format!(
                    "{file}:{}: {line:?}: a NumPy block holds only includes of a script's \
                     anchor (`{{{{#include ../python/chNN_topic.py:name}}}}`), the code whose \
                     output is committed",
                    block.line
                ));
            }
        }
    }
    problems
}

/// The anchors of the NumPy scripts the chapters show (`python/*.py` but the tooling) that no
/// page includes: code that runs and whose output is committed, but that the reader never sees.
fn numpy_anchors_never_shown(
    included: &BTreeSet<(PathBuf, Option<String>)>,
) -> Vec<String> {
    let root = repo_root();
    let anchor =
        regex::Regex::new(r"(?m)^\s*# ANCHOR: ([A-Za-z0-9_]+)").expect("regex");
    let mut problems = Vec::new();
    for script in files_with_suffix(&root.join("python"), ".py") {
        let script = script
            .strip_prefix(&root)
            .expect("inside the repo")
            .to_path_buf();
        if script.parent() != Some(Path::new("python"))
            || ["book_outputs.py", "bench.py", "edge_cases.py"]
                .iter()
                .any(|tool| script.ends_with(tool))
        {
            continue;
        }
        for name in anchor.captures_iter(&read_repo_file(&script)) {
            if !included.contains(&(script.clone(), Some(name[1].to_string())))
            {
                problems.push(format!(
                    "{}:{} is never included",
                    script.display(),
                    &name[1]
                ));
            }
        }
    }
    problems
}

#[test]
fn every_numpy_block_includes_a_script_anchor_and_every_anchor_is_shown() {
    let mut problems = Vec::new();
    for page in chapters() {
        let file = page.display().to_string();
        problems.extend(numpy_block_problems(&file, &read_repo_file(&page)));
    }
    let included = all_includes()
        .into_iter()
        .map(|i| (i.file, i.selector))
        .collect();
    problems.extend(numpy_anchors_never_shown(&included));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_guard_sees_hand_typed_and_empty_numpy_blocks() {
    let good =
        "```python\n{{#include ../python/ch02_speed.py:reciprocals}}\n```\n";
    assert_eq!(numpy_block_problems("p", good), Vec::<String>::new());
    for bad in [
        "```python\n```\n",
        "```python\n\n```\n",
        "```python\nprint(np.ones(3))\n```\n",
        "```python\n{{#include ../python/ch02_speed.py:reciprocals}}\nx = 1\n```\n",
        "```python\n{{#include ../python/ch02_speed.py}}\n```\n",
        "```python\n\\{{#include ../python/ch02_speed.py:reciprocals}}\n```\n",
        "```python\n{{#include ../python/outputs/ch02-speed/reciprocals.txt}}\n```\n",
    ] {
        assert_eq!(numpy_block_problems("p", bad).len(), 1, "{bad}");
    }
    // An anchor whose include is gone.
    let mut included: BTreeSet<(PathBuf, Option<String>)> = all_includes()
        .into_iter()
        .map(|i| (i.file, i.selector))
        .collect();
    let shown = (
        PathBuf::from("python/ch02_speed.py"),
        Some("reciprocals".to_string()),
    );
    assert!(included.remove(&shown));
    assert_eq!(numpy_anchors_never_shown(&included).len(), 1);
}

/// The Rust release the prose names as the one a behaviour needs is the workspace's
/// `rust-version` (Cargo.toml says why it is that release: chapter 1's 19 bytes of
/// `i64::to_string`, chapter 5's AVX-512 kernels), and a dependency line the prose types in
/// inline code (`ndarray = { version = "0.17", … }`) names the series Cargo.lock builds:
/// 'since Rust 1.88' or `version = "0.16"` passed every test.
#[test]
fn the_rust_release_and_dependency_lines_the_prose_names_are_the_builds() {
    let manifest = read_repo_file("Cargo.toml");
    let rust_version = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .expect("Cargo.toml sets rust-version")
        .trim_matches('"')
        .to_string();
    let mut problems = Vec::new();
    for (page, said) in [
        (
            "src/ch01-memory.md",
            "a detail of the standard library since Rust {}",
        ),
        (
            "src/ch05-products.md",
            "(it takes effect with rustc {} or later",
        ),
    ] {
        let text = read_repo_file(page)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let said = said.replace("{}", &rust_version);
        if !text.contains(&said) {
            problems.push(format!(
                "{page} does not say {said:?} (Cargo.toml's rust-version)"
            ));
        }
    }
    let locked = locked_versions(&read_repo_file("Cargo.lock"));
    let line =
        regex::Regex::new(r#"`([A-Za-z0-9_-]+) = \{ ?version = "([^"]+)""#)
            .expect("regex");
    for page in chapters() {
        let text = read_repo_file(&page);
        for c in line.captures_iter(&text) {
            // As a docs.rs link of the same series would be read.
            let as_link = format!("docs.rs/{}/{}", &c[1], &c[2]);
            let file = page.display().to_string();
            problems.extend(docs_rs_version_problems(&file, &as_link, &locked));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Whether a size a page names (a regex's captures) is one of `benchmarks::sizes`.
type SizeRule<'a> = Box<dyn Fn(&regex::Captures) -> bool + 'a>;

/// The sizes the benchmarks time, one set of numbers (`benchmarks::sizes`): `python/bench.py`
/// and the Rust benches type them, and a page naming a benchmark's size (its points, its
/// board or image, its matrices, its generations) names them. Before, "2000 points" in the
/// appendix could become 3000, or bench.py time another board than criterion, with every
/// test passing.
fn benchmark_size_problems(
    files: &[(String, String)],
    pages: &[(String, String)],
) -> Vec<String> {
    use chapters_code::benchmarks::convolution::KERNEL;
    use chapters_code::benchmarks::sizes::{
        KNN_POINTS, LIFE_GENERATIONS, MATMUL, SIDE,
    };
    let [small, large] = MATMUL;
    let (p, n, g) = (KNN_POINTS, SIDE, LIFE_GENERATIONS);
    let k = KERNEL.len();
    // (file, what it must hold, at least how many times)
    let typed: Vec<(&str, String, usize)> = vec![
        ("python/bench.py", format!("matmul_operands({small})"), 1),
        ("python/bench.py", format!("matmul_all_cores({small})"), 1),
        ("python/bench.py", format!("matmul_operands({large})"), 1),
        ("python/bench.py", format!(".rand({p}, 2)"), 1),
        ("python/bench.py", format!("size=({n}, {n})"), 1),
        ("python/bench.py", format!("for _ in range({g}):"), 2),
        ("python/bench.py", format!(".rand({n}, {n})"), 1),
        (
            "chapters-code/benches/ch05_products.rs",
            format!("bench_matrices(size({small}))"),
            1,
        ),
        (
            "chapters-code/benches/ch05_products.rs",
            format!("bench_matrices(size({large}))"),
            1,
        ),
        (
            "chapters-code/benches/ch07_knn.rs",
            format!(".rand({p}, 2)"),
            1,
        ),
        (
            "chapters-code/benches/ch08_life.rs",
            format!("choice_binary({n}, {n})"),
            1,
        ),
        (
            "chapters-code/benches/ch08_life.rs",
            format!("for _ in 0..{g} {{"),
            2,
        ),
        (
            "chapters-code/benches/sweep_life.rs",
            format!("for _ in 0..{g} {{"),
            2,
        ),
        (
            "chapters-code/benches/ch09_convolution.rs",
            format!(".rand({n}, {n})"),
            1,
        ),
    ];
    let mut problems = Vec::new();
    for (file, needle, times) in typed {
        let text = files
            .iter()
            .find(|(f, _)| f == file)
            .map_or("", |(_, t)| t.as_str());
        if text.matches(&needle).count() < times {
            problems.push(format!(
                "{file}: expected `{needle}` {times}× (benchmarks::sizes)"
            ));
        }
    }
    let number = |s: &str| s.replace(',', "").parse::<usize>().unwrap_or(0);
    let words = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten",
    ];
    let said_generations = |s: &str| {
        words
            .iter()
            .position(|w| w.eq_ignore_ascii_case(s))
            .unwrap_or_else(|| number(s))
    };
    // A benchmark's size is the one number that large: the tutorial's own sizes (10 points,
    // 100 × 100 boards, 3 × 3 matrices) and the chapters' small examples stay below these
    // (chapter 2's million points, the tutorial's, are far above chapter 7's).
    let rules: [(&str, SizeRule); 5] = [
        (
            r"\b(\d[\d,]*) points",
            Box::new(|c| {
                !(1000..100_000).contains(&number(&c[1])) || number(&c[1]) == p
            }),
        ),
        (
            // Every square of that size: a board or an image (chapters 8, 9) or a matrix
            // (chapter 5), whatever word follows, even past a line break; chapter 6's grid of
            // 1600 × 1600 points is its own (its output is checked where it is shown).
            r"\b(\d[\d,]*) × (\d[\d,]*)\b",
            Box::new(|c| {
                let side = number(&c[1]);
                side != number(&c[2])
                    || !(400..10_000).contains(&side)
                    || side == n
                    || side == 1600
                    || MATMUL.contains(&side)
            }),
        ),
        (
            r"(?i)\b(\w+) (?:Life )?generations of (?:a|an|the benchmark's) (\d[\d,]*) × ",
            Box::new(|c| number(&c[2]) != n || said_generations(&c[1]) == g),
        ),
        (
            r"Median time of (\w+) Life generations",
            Box::new(|c| said_generations(&c[1]) == g),
        ),
        (
            r"a (\d+) × (\d+) convolution of an n × n image",
            Box::new(|c| number(&c[1]) == k && number(&c[2]) == k),
        ),
    ];
    for (pattern, holds) in &rules {
        let re = regex::Regex::new(pattern).expect("benchmark size pattern");
        for (page, text) in pages {
            for c in re.captures_iter(text) {
                if !holds(&c) {
                    problems.push(format!(
                        "{page}: “{}” is not a size of benchmarks::sizes",
                        &c[0]
                    ));
                }
            }
        }
    }
    problems
}

#[test]
fn benchmark_sizes_are_one_set_of_numbers_in_code_scripts_and_pages() {
    let root = repo_root();
    let bench_py = "python/bench.py";
    let mut files = vec![(
        bench_py.to_string(),
        std::fs::read_to_string(root.join(bench_py)).expect("python/bench.py"),
    )];
    for bench in files_with_suffix(&root.join("chapters-code/benches"), ".rs") {
        let name = bench
            .strip_prefix(&root)
            .expect("inside the repo")
            .display()
            .to_string();
        files.push((
            name,
            std::fs::read_to_string(&bench).expect("bench source"),
        ));
    }
    let pages: Vec<(String, String)> = pages()
        .into_iter()
        .map(|p| (p.chapter.display().to_string(), p.text))
        .collect();
    let problems = benchmark_size_problems(&files, &pages);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The rule sees a size typed apart from the others, in a script or on a page.
    let mutate =
        |list: &[(String, String)], file: &str, from: &str, to: &str| {
            let mut list = list.to_vec();
            let (_, text) = list
                .iter_mut()
                .find(|(f, _)| f.ends_with(file))
                .expect(file);
            assert!(text.contains(from), "{file}: {from}");
            *text = text.replacen(from, to, 1);
            list
        };
    for (file, from, to) in [
        ("python/bench.py", ".rand(2000, 2)", ".rand(3000, 2)"),
        ("python/bench.py", "range(10):", "range(20):"),
        (
            "benches/ch08_life.rs",
            "choice_binary(1000, 1000)",
            "choice_binary(1000, 2000)",
        ),
        ("benches/ch05_products.rs", "size(512)", "size(1024)"),
    ] {
        let files = mutate(&files, file, from, to);
        assert!(
            !benchmark_size_problems(&files, &pages).is_empty(),
            "{file}: {to}"
        );
    }
    for (page, from, to) in [
        ("appendix-performance.md", "(2000 points,", "(3000 points,"),
        (
            "appendix-performance.md",
            "512 × 512 and",
            "1024 × 1024 and",
        ),
        (
            "appendix-performance.md",
            "Median time of 10 Life",
            "Median time of 20 Life",
        ),
        (
            "appendix-performance.md",
            "a 3 × 3 convolution",
            "a 5 × 5 convolution",
        ),
        (
            "ch08-life.md",
            "Ten generations of a 1000 × 1000",
            "Twenty generations of a 1000 × 1000",
        ),
        (
            "ch09-convolution.md",
            "A 1000 × 1000 image",
            "A 2000 × 2000 image",
        ),
    ] {
        let pages = mutate(&pages, page, from, to);
        assert!(
            !benchmark_size_problems(&files, &pages).is_empty(),
            "{page}: {to}"
        );
    }
}

/// The tutorial's sentences chapters 1 and 2 quote, verbatim from its text (the tutorial is not
/// part of the repository): its first section's conclusion and the start of its "small deceit".
const TUTORIAL_QUOTED: &str = "11% of gain is something noticeable. But were Python lists \
    implemented so inefficiently? No, actually, they just were implemented differently. While \
    NumPy contains data in a continious area in memory, a Python list stores only pointers to the \
    real data. And yes, not only \"list in Python is more than just list\" but also \"an integer \
    in Python is more than just integer\". To be honest, there was a small deceit.";

/// The words chapters 1 and 2 put in quotation marks as the tutorial's: each quoted phrase of
/// a passage that quotes it (from `start` to `end`) and every `tutorial's "…"`. A quotation is
/// the tutorial's own words; chapter 1 once quoted "a list stores pointers" and "an integer in
/// Python is more than just an integer", which the tutorial never wrote.
fn misquoted_tutorial_words(pages: &[(&str, String)]) -> Vec<String> {
    let passages = [(
        "src/ch01-memory.md",
        "The tutorial's explanation was right",
        "but its",
    )];
    let quoted = regex::Regex::new(r#""([^"]+)""#).expect("regex");
    let owned = regex::Regex::new(r#"tutorial's "([^"]+)""#).expect("regex");
    let mut problems = Vec::new();
    for (file, text) in pages {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut phrases: Vec<String> = owned
            .captures_iter(&text)
            .map(|c| c[1].to_string())
            .collect();
        for (page, start, end) in passages {
            if page != *file {
                continue;
            }
            let Some(at) = text.find(start) else {
                problems.push(format!("{file}: no passage {start:?}"));
                continue;
            };
            let passage = &text[at..];
            let passage =
                &passage[..passage.find(end).unwrap_or(passage.len())];
            phrases.extend(
                quoted.captures_iter(passage).map(|c| c[1].to_string()),
            );
        }
        for phrase in phrases {
            if !TUTORIAL_QUOTED.contains(&phrase) {
                problems.push(format!(
                    "{file}: \"{phrase}\" is not the tutorial's words"
                ));
            }
        }
    }
    problems
}

#[test]
fn chapters_1_and_2_quote_the_tutorials_own_words() {
    let pages: Vec<(&str, String)> =
        ["src/ch01-memory.md", "src/ch02-speed.md"]
            .into_iter()
            .map(|file| (file, read_repo_file(file)))
            .collect();
    let problems = misquoted_tutorial_words(&pages);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // What the check saw and sees: the passage, and the small deceit of chapter 2.
    // Compared as words, so that rewrapping the passage does not move it.
    let words = pages[0].1.split_whitespace().collect::<Vec<_>>().join(" ");
    let old = words.replace(
        "a Python list \"stores only pointers to the real data\", and \"an integer in Python is \
         more than just integer\"",
        "\"a list stores pointers\", \"an integer in Python is more than just an integer\"",
    );
    assert_ne!(old, words, "the passage moved");
    let old_pages = [("src/ch01-memory.md", old), pages[1].clone()];
    assert_eq!(misquoted_tutorial_words(&old_pages).len(), 2);
    let deceit = pages[1]
        .1
        .replace("tutorial's \"small deceit\"", "tutorial's \"big deceit\"");
    assert_ne!(deceit, pages[1].1);
    let deceit_pages = [pages[0].clone(), ("src/ch02-speed.md", deceit)];
    assert_eq!(misquoted_tutorial_words(&deceit_pages).len(), 1);
}
