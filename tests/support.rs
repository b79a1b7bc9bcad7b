//! Helpers shared by the integration tests (included with `mod support;`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

pub use chapters_code::chapter::repo_root;

/// Reads a file relative to the repository root, with a helpful panic message.
pub fn read_repo_file(relative: impl AsRef<Path>) -> String {
    let path = repo_root().join(relative.as_ref());
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A file relative to the repository root with every run of whitespace made one space, so
/// that a test finds a sentence of a page however its lines are wrapped.
pub fn words_of_repo_file(relative: impl AsRef<Path>) -> String {
    read_repo_file(relative)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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

/// mdBook 0.5.4's pattern for its `{{#…}}` helpers, copied from
/// `mdbook-driver/src/builtin_preprocessors/links.rs` (`find_links`): spaces are allowed after
/// `{{` and around the target, so `{{ #include file.rs:anchor }}` is an include too.
pub const MDBOOK_LINK_PATTERN: &str = r"(?x)
    \\\{\{\#.*\}\}      # an escaped helper: shown as text
    |
    \{\{\s*                 # opening braces and whitespace
    \#([a-zA-Z0-9_]+)       # helper: include, rustdoc_include, playground, title
    \s+                     # whitespace
    ([^}]+)                 # target and properties
    \}\}";

/// A `{{#…}}` helper as mdBook's link preprocessor finds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Directive {
    /// Byte range of the whole helper in the text.
    pub range: std::ops::Range<usize>,
    /// `include`, `rustdoc_include`, `playground`, `title`, … (empty for an escaped one).
    pub kind: String,
    /// The first whitespace-separated word after the kind: the file (and `:selector`).
    pub target: String,
    /// `\{{#include …}}`: mdBook shows it as text, without the backslash.
    pub escaped: bool,
}

/// Every `{{#…}}` helper of a text, found with mdBook's own regex.
pub fn directives(text: &str) -> Vec<Directive> {
    static LINK: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let link = LINK.get_or_init(|| {
        regex::Regex::new(MDBOOK_LINK_PATTERN).expect("mdBook's regex")
    });
    link.captures_iter(text)
        .filter_map(|cap| {
            let whole = cap.get(0)?;
            match (cap.get(1), cap.get(2)) {
                (Some(kind), Some(rest)) => Some(Directive {
                    range: whole.range(),
                    kind: kind.as_str().to_string(),
                    target: rest
                        .as_str()
                        .split_whitespace()
                        .next()?
                        .to_string(),
                    escaped: false,
                }),
                _ if whole.as_str().starts_with('\\') => Some(Directive {
                    range: whole.range(),
                    kind: String::new(),
                    target: String::new(),
                    escaped: true,
                }),
                _ => None,
            }
        })
        .collect()
}

/// Every include directive of a markdown file (`{{#include}}` and `{{#rustdoc_include}}`, with
/// or without spaces, as mdBook reads them; escaped ones are skipped).
pub fn includes(chapter: &Path, markdown: &str) -> Vec<Include> {
    directives(markdown)
        .into_iter()
        .filter(|d| d.kind == "include" || d.kind == "rustdoc_include")
        .map(|d| include_of(chapter, &d))
        .collect()
}

/// The include a directive found in `chapter` stands for.
fn include_of(chapter: &Path, d: &Directive) -> Include {
    let (file, selector) = match d.target.split_once(':') {
        Some((f, s)) => (f, Some(s.to_string())),
        None => (d.target.as_str(), None),
    };
    let folder = chapter.parent().unwrap_or(Path::new(""));
    Include {
        chapter: chapter.to_path_buf(),
        kind: d.kind.clone(),
        file: normalize(&folder.join(file)),
        selector,
    }
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

/// mdBook's anchor markers (`take_lines.rs`): the name is the word after `ANCHOR:` or
/// `ANCHOR_END:`, anywhere on the line.
fn anchor_regexes() -> &'static (regex::Regex, regex::Regex) {
    static RE: std::sync::OnceLock<(regex::Regex, regex::Regex)> =
        std::sync::OnceLock::new();
    RE.get_or_init(|| {
        (
            regex::Regex::new(r"ANCHOR:\s*(?P<anchor_name>[\w_-]+)")
                .expect("regex"),
            regex::Regex::new(r"ANCHOR_END:\s*(?P<anchor_name>[\w_-]+)")
                .expect("regex"),
        )
    })
}

/// The anchor a line starts (`ANCHOR: x`) or ends (`ANCHOR_END: x`), as mdBook reads it.
fn anchor_name<'a>(re: &regex::Regex, line: &'a str) -> Option<&'a str> {
    re.captures(line)
        .and_then(|c| c.name("anchor_name"))
        .map(|m| m.as_str())
}

/// The lines strictly between `ANCHOR: name` and `ANCHOR_END: name` in `source`, or an error
/// describing what is wrong with the anchor. Stricter than mdBook, which silently includes
/// nothing for a misspelt anchor and everything up to the end of the file for a missing end.
pub fn anchored_lines(source: &str, name: &str) -> Result<Vec<String>, String> {
    let (start_re, end_re) = anchor_regexes();
    let lines: Vec<&str> = source.lines().collect();
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| anchor_name(start_re, lines[i]) == Some(name))
        .collect();
    let ends: Vec<usize> = (0..lines.len())
        .filter(|&i| anchor_name(end_re, lines[i]) == Some(name))
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
            .filter(|l| !start_re.is_match(l) && !end_re.is_match(l))
            .map(|l| l.to_string())
            .collect()),
    }
}

/// mdBook's `take_anchored_lines`: the lines of anchor `name`, joined by newlines.
fn take_anchored_lines(s: &str, anchor: &str) -> String {
    let (start_re, end_re) = anchor_regexes();
    let mut retained = Vec::new();
    let mut found = false;
    for l in s.lines() {
        if found {
            match anchor_name(end_re, l) {
                Some(n) if n == anchor => break,
                Some(_) => {}
                None if !start_re.is_match(l) => retained.push(l),
                None => {}
            }
        } else if anchor_name(start_re, l) == Some(anchor) {
            found = true;
        }
    }
    retained.join("\n")
}

/// mdBook's `take_rustdoc_include_anchored_lines`: the anchor's lines as they are, every other
/// line hidden behind `# `.
fn take_rustdoc_include_anchored_lines(s: &str, anchor: &str) -> String {
    let (start_re, end_re) = anchor_regexes();
    let mut out = String::new();
    let mut within = false;
    for l in s.lines() {
        if within {
            match anchor_name(end_re, l) {
                Some(n) if n == anchor => within = false,
                Some(_) => {}
                None if !start_re.is_match(l) => {
                    out.push_str(l);
                    out.push('\n');
                }
                None => {}
            }
        } else if anchor_name(start_re, l) == Some(anchor) {
            within = true;
        } else if !end_re.is_match(l) {
            out.push_str("# ");
            out.push_str(l);
            out.push('\n');
        }
    }
    out.pop();
    out
}

/// mdBook's `parse_range_or_anchor` and `take_lines` / `take_rustdoc_include_lines`: the text
/// an include with `selector` (the part after the first `:`) brings in.
fn select(source: &str, selector: Option<&str>, rustdoc: bool) -> String {
    let mut parts = selector.unwrap_or("").splitn(3, ':');
    let first = parts.next();
    let start = match first {
        Some(v) if v.parse::<usize>().is_ok() => {
            Some(v.parse::<usize>().unwrap_or(0).saturating_sub(1))
        }
        Some("") | None => None,
        Some(anchor) => {
            return if rustdoc {
                take_rustdoc_include_anchored_lines(source, anchor)
            } else {
                take_anchored_lines(source, anchor)
            };
        }
    };
    let end = parts.next().map(|e| e.parse::<usize>());
    let (from, to) = match (start, end) {
        (Some(s), Some(Ok(e))) => (s, Some(e)),
        (Some(s), Some(Err(_))) => (s, None),
        (Some(s), None) => (s, Some(s + 1)),
        (None, Some(Ok(e))) => (0, Some(e)),
        (None, _) => (0, None),
    };
    let inside = |i: usize| i >= from && to.is_none_or(|t| i < t);
    if rustdoc {
        let mut out = String::new();
        for (i, line) in source.lines().enumerate() {
            if !inside(i) {
                out.push_str("# ");
            }
            out.push_str(line);
            out.push('\n');
        }
        out.pop();
        out
    } else {
        source
            .lines()
            .enumerate()
            .filter(|(i, _)| inside(*i))
            .map(|(_, l)| l)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Where a piece of a page's expanded text comes from.
#[derive(Debug, Clone)]
pub struct Piece {
    /// Byte range in the expanded text.
    pub range: std::ops::Range<usize>,
    /// Offset in the chapter's own source: where this piece starts (own text), or where the
    /// chapter's include directive that brought it in starts.
    pub source_offset: usize,
    /// `None` for the chapter's own text; the chapter's (outermost) include otherwise.
    pub include: Option<Include>,
    /// For included text: the file it was read from (the innermost include).
    pub from_file: Option<PathBuf>,
}

/// A chapter as mdBook's `links` preprocessor hands it to the renderers and to rustdoc: every
/// `{{#include}}` replaced by what it brings in, with a map back to the chapter's lines.
#[derive(Debug)]
pub struct Page {
    /// The chapter, relative to the repository root (`src/ch01-memory.md`).
    pub chapter: PathBuf,
    /// The chapter's own markdown.
    pub source: String,
    /// The markdown after mdBook's link preprocessor.
    pub text: String,
    /// Where each part of `text` comes from, in order.
    pub pieces: Vec<Piece>,
    /// Includes mdBook could not read (it leaves the raw directive in the page and logs an
    /// error).
    pub errors: Vec<String>,
    /// Every include, at any depth (an included markdown file may include too).
    pub includes: Vec<Include>,
}

/// mdBook's nesting limit for includes.
const MAX_INCLUDE_DEPTH: usize = 10;

impl Page {
    /// Reads a chapter (path relative to the repository root) and expands it like mdBook.
    pub fn load(chapter: impl AsRef<Path>) -> Page {
        let chapter = chapter.as_ref().to_path_buf();
        let source = read_repo_file(&chapter);
        Page::from_source(chapter, source)
    }

    /// Expands `source` as if it were the chapter at `chapter` (relative to the repository).
    pub fn from_source(chapter: PathBuf, source: String) -> Page {
        let mut page = Page {
            chapter: chapter.clone(),
            source: source.clone(),
            text: String::new(),
            pieces: Vec::new(),
            errors: Vec::new(),
            includes: Vec::new(),
        };
        let folder = chapter.parent().unwrap_or(Path::new("")).to_path_buf();
        page.expand(&source, &folder, 0, None);
        page
    }

    fn push(
        &mut self,
        text: &str,
        source_offset: usize,
        origin: Option<(&Include, &Path)>,
    ) {
        if text.is_empty() && origin.is_none() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.pieces.push(Piece {
            range: start..self.text.len(),
            source_offset,
            include: origin.map(|(inc, _)| inc.clone()),
            from_file: origin.map(|(_, f)| f.to_path_buf()),
        });
    }

    /// mdBook's `replace_all`, recording where each piece comes from. `outer` is the chapter's
    /// include (and its offset) when expanding included text.
    fn expand(
        &mut self,
        text: &str,
        folder: &Path,
        depth: usize,
        outer: Option<(&Include, usize, &Path)>,
    ) {
        let mut previous = 0;
        for d in directives(text) {
            let own = |at: usize| outer.map_or(at, |(_, o, _)| o);
            let origin = outer.map(|(inc, _, f)| (inc, f));
            self.push(&text[previous..d.range.start], own(previous), origin);
            let here = own(d.range.start);
            if d.escaped {
                self.push(&text[d.range.start + 1..d.range.end], here, origin);
                previous = d.range.end;
                continue;
            }
            let file = normalize(
                &folder.join(d.target.split(':').next().unwrap_or("")),
            );
            let inc = Include {
                chapter: self.chapter.clone(),
                kind: d.kind.clone(),
                file: file.clone(),
                selector: d.target.split_once(':').map(|(_, s)| s.to_string()),
            };
            if inc.kind == "include" || inc.kind == "rustdoc_include" {
                self.includes.push(inc.clone());
            }
            let rendered = match d.kind.as_str() {
                "include" | "rustdoc_include" | "playground" => {
                    match std::fs::read_to_string(repo_root().join(&file)) {
                        Ok(content) => {
                            let selector =
                                d.target.split_once(':').map(|(_, s)| s);
                            Some(match d.kind.as_str() {
                                "include" => select(&content, selector, false),
                                "rustdoc_include" => {
                                    select(&content, selector, true)
                                }
                                _ => format!("```rust\n{content}```\n"),
                            })
                        }
                        Err(e) => {
                            self.errors.push(format!(
                                "{}:{}: `{}`: cannot read {}: {e}",
                                self.chapter.display(),
                                line_at(&self.source, here),
                                &text[d.range.clone()],
                                file.display()
                            ));
                            None
                        }
                    }
                }
                "title" => Some(String::new()),
                _ => None,
            };
            match rendered {
                Some(content) => {
                    let outer_inc =
                        outer.map(|(o, _, _)| o.clone()).unwrap_or(inc);
                    let sub =
                        file.parent().unwrap_or(Path::new("")).to_path_buf();
                    if depth < MAX_INCLUDE_DEPTH {
                        self.expand(
                            &content,
                            &sub,
                            depth + 1,
                            Some((&outer_inc, here, &file)),
                        );
                    } else {
                        self.errors.push(format!(
                            "{}: includes nested deeper than {MAX_INCLUDE_DEPTH}",
                            self.chapter.display()
                        ));
                    }
                    previous = d.range.end;
                }
                // mdBook keeps the raw helper in the page.
                None => previous = d.range.start,
            }
        }
        let own = outer.map_or(previous, |(_, o, _)| o);
        let origin = outer.map(|(inc, _, f)| (inc, f));
        self.push(&text[previous..], own, origin);
    }

    /// The piece that holds byte `offset` of the expanded text.
    pub fn piece_at(&self, offset: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.range.end <= offset);
        self.pieces.get(i).or(self.pieces.last())
    }

    /// The chapter's 1-based source line of byte `offset` of the expanded text (for included
    /// text: the line of the chapter's include).
    pub fn line_of(&self, offset: usize) -> usize {
        let Some(piece) = self.piece_at(offset) else {
            return 1;
        };
        let at = if piece.include.is_some() {
            piece.source_offset
        } else {
            piece.source_offset + offset.saturating_sub(piece.range.start)
        };
        line_at(&self.source, at)
    }

    /// Whether byte `offset` of the expanded text was brought in by an include.
    pub fn is_included(&self, offset: usize) -> bool {
        self.piece_at(offset).is_some_and(|p| p.include.is_some())
    }

    /// The includes that brought in text within `range` (each once, in order).
    pub fn includes_within(
        &self,
        range: std::ops::Range<usize>,
    ) -> Vec<&Include> {
        let mut found: Vec<(&Include, usize)> = Vec::new();
        for p in &self.pieces {
            let inside =
                p.range.start >= range.start && p.range.end <= range.end;
            if let (true, Some(inc)) = (inside, &p.include) {
                if found.last().is_none_or(|l| l.1 != p.source_offset) {
                    found.push((inc, p.source_offset));
                }
            }
        }
        found.into_iter().map(|(inc, _)| inc).collect()
    }

    /// The chapter's own text within `range` (included text left out).
    pub fn own_text_within(&self, range: std::ops::Range<usize>) -> String {
        let mut own = String::new();
        for p in self.pieces.iter().filter(|p| p.include.is_none()) {
            let (s, e) =
                (p.range.start.max(range.start), p.range.end.min(range.end));
            if s < e {
                own.push_str(&self.text[s..e]);
            }
        }
        own
    }

    /// `file:line` of byte `offset`, for messages.
    pub fn place(&self, offset: usize) -> String {
        format!("{}:{}", self.chapter.display(), self.line_of(offset))
    }

    /// The expanded text parsed with pulldown-cmark and mdBook's options
    /// (`mdbook-markdown`'s `new_cmark_parser`), each event with its byte range.
    pub fn events(&self) -> Vec<(Event<'_>, std::ops::Range<usize>)> {
        Parser::new_ext(&self.text, mdbook_options())
            .into_offset_iter()
            .collect()
    }

    /// Reference links (`[x][r]`, `[x][]`) whose reference is defined nowhere: mdBook shows
    /// them as plain text.
    pub fn broken_references(&self) -> Vec<(String, usize)> {
        let mut broken = Vec::new();
        let callback = |link: pulldown_cmark::BrokenLink<'_>| {
            if matches!(
                link.link_type,
                pulldown_cmark::LinkType::Reference
                    | pulldown_cmark::LinkType::Collapsed
            ) {
                broken.push((link.reference.to_string(), link.span.start));
            }
            None
        };
        let parser = Parser::new_with_broken_link_callback(
            &self.text,
            mdbook_options(),
            Some(callback),
        );
        parser.for_each(drop);
        broken
    }

    /// The fenced and indented code blocks of the page, as rustdoc and mdBook see them.
    pub fn code_blocks(&self) -> Vec<MdBlock> {
        let events = self.events();
        let mut blocks = Vec::new();
        let mut previous: Option<Prev> = None;
        // What came before a `<!-- not run: … -->` comment: the label of the block the
        // comment explains sits above the comment.
        let mut before_comment: Option<Prev> = None;
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            match event {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let (info, fenced) = match kind {
                        CodeBlockKind::Fenced(info) => (info.to_string(), true),
                        CodeBlockKind::Indented => (String::new(), false),
                    };
                    let mut body = String::new();
                    let mut body_range = range.end..range.end;
                    let mut first = true;
                    i += 1;
                    while i < events.len() {
                        match &events[i].0 {
                            Event::End(TagEnd::CodeBlock) => break,
                            Event::Text(t) => {
                                if first {
                                    body_range.start = events[i].1.start;
                                    first = false;
                                }
                                body_range.end = events[i].1.end;
                                body.push_str(t);
                            }
                            _ => {}
                        }
                        i += 1;
                    }
                    let end = events.get(i).map_or(range.end, |e| e.1.end);
                    blocks.push(MdBlock {
                        range: range.start..end.max(range.end),
                        offset: range.start,
                        line: self.line_of(range.start),
                        info,
                        fenced,
                        body,
                        body_range,
                        fence_included: self.is_included(range.start),
                        label: match &previous {
                            Some(Prev::Html(h)) if is_not_run_comment(h) => {
                                before_comment.take()
                            }
                            other => other.clone(),
                        },
                        previous: previous.take(),
                    });
                    previous = Some(Prev::Code);
                }
                Event::Start(Tag::Paragraph) => {
                    let start = i;
                    let mut j = i + 1;
                    while j < events.len()
                        && !matches!(events[j].0, Event::End(TagEnd::Paragraph))
                    {
                        j += 1;
                    }
                    previous = Some(Prev::Paragraph(label_of(
                        &events[start + 1..j.min(events.len())],
                    )));
                    i = j;
                }
                Event::Start(Tag::HtmlBlock) => {
                    let mut html = String::new();
                    let mut j = i + 1;
                    while j < events.len()
                        && !matches!(events[j].0, Event::End(TagEnd::HtmlBlock))
                    {
                        if let Event::Html(h) = &events[j].0 {
                            html.push_str(h);
                        }
                        j += 1;
                    }
                    before_comment = previous.take();
                    previous = Some(Prev::Html(html));
                    i = j;
                }
                Event::Start(
                    Tag::Heading { .. }
                    | Tag::Table(_)
                    | Tag::List(_)
                    | Tag::BlockQuote(_),
                )
                | Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_))
                | Event::Rule => previous = Some(Prev::Other),
                _ => {}
            }
            i += 1;
        }
        blocks
    }
}

/// The label a paragraph makes when it is only bold text (`**Rust**`), or `None`.
fn label_of(inner: &[(Event<'_>, std::ops::Range<usize>)]) -> Option<String> {
    match inner {
        [(Event::Start(Tag::Strong), _), rest @ .., (Event::End(TagEnd::Strong), _)] =>
        {
            let mut text = String::new();
            for (e, _) in rest {
                match e {
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => return None,
                }
            }
            Some(text)
        }
        _ => None,
    }
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    let end = (0..=end)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    text[..end].matches('\n').count() + 1
}

/// The block right before a code block, as the guards need it.
#[derive(Debug, Clone, PartialEq)]
pub enum Prev {
    /// A paragraph; `Some(label)` when it is only bold text (`**Rust**`).
    Paragraph(Option<String>),
    /// An HTML block (a comment such as `<!-- not run: … -->`, a `<figure>` …).
    Html(String),
    /// Another code block.
    Code,
    /// A heading, list, table, …
    Other,
}

/// A code block of a page as pulldown-cmark (and so mdBook and rustdoc) reads it.
#[derive(Debug, Clone)]
pub struct MdBlock {
    /// Byte range of the whole block, fences included, in the expanded text.
    pub range: std::ops::Range<usize>,
    /// Byte offset of the block in the page's expanded text.
    pub offset: usize,
    /// The chapter's line of the opening fence (or of the include that brought it in).
    pub line: usize,
    /// The info string, exactly as the parser reads it (``` ```rust ignore``` → `rust ignore`).
    pub info: String,
    /// Fenced (``` or ~~~) rather than indented.
    pub fenced: bool,
    /// The code, after includes.
    pub body: String,
    /// Byte range of the code in the expanded text.
    pub body_range: std::ops::Range<usize>,
    /// The fence itself was brought in by an include.
    pub fence_included: bool,
    /// The block right before it.
    pub previous: Option<Prev>,
    /// The block that labels it: the one right before it, or, when that is a
    /// `<!-- not run: … -->` comment, the one before the comment.
    pub label: Option<Prev>,
}

/// Whether an HTML block is the `<!-- not run: why -->` comment a block that never runs needs.
pub fn is_not_run_comment(html: &str) -> bool {
    html.trim_start().starts_with("<!-- not run:")
        && html.trim_end().ends_with("-->")
}

/// pulldown-cmark options of mdBook 0.5.4 (`mdbook_markdown::new_cmark_parser` with its
/// defaults: smart punctuation, definition lists and admonitions on).
pub fn mdbook_options() -> Options {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    opts.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    opts.insert(Options::ENABLE_SMART_PUNCTUATION);
    opts.insert(Options::ENABLE_DEFINITION_LIST);
    opts.insert(Options::ENABLE_GFM);
    opts
}

/// How rustdoc reads a code block's info string (rustdoc 1.95's `LangString::parse`, checked
/// against `rustdoc --test` by `tests/book_guard.rs`): words split at commas and whitespace.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct LangString {
    /// The words, in order.
    pub tokens: Vec<String>,
    /// rustdoc treats the block as Rust (a doctest).
    pub rust: bool,
    /// `ignore` or `ignore-…`: never run.
    pub ignore: bool,
    /// `no_run`: compiled, not run.
    pub no_run: bool,
    /// `compile_fail`: must not compile.
    pub compile_fail: bool,
    /// `should_panic`.
    pub should_panic: bool,
    /// Error codes (`E0382`).
    pub error_codes: Vec<String>,
    /// Words rustdoc does not know.
    pub unknown: Vec<String>,
}

impl LangString {
    /// Parses an info string like rustdoc does.
    pub fn parse(info: &str) -> LangString {
        let mut data = LangString {
            tokens: info
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
            ..LangString::default()
        };
        let (mut seen_rust, mut seen_other) = (false, false);
        for token in data.tokens.clone() {
            let t = token.as_str();
            let is_code = t.len() == 5
                && t.starts_with('E')
                && t[1..].chars().all(|c| c.is_ascii_digit());
            match t {
                "should_panic" => data.should_panic = true,
                "no_run" => data.no_run = true,
                "ignore" => data.ignore = true,
                "rust" | "test_harness" | "standalone_crate" => {}
                "compile_fail" => data.compile_fail = true,
                _ if t.starts_with("ignore-") => data.ignore = true,
                _ if t.starts_with("edition") => {}
                _ if is_code => data.error_codes.push(token.clone()),
                _ => {
                    seen_other = true;
                    data.unknown.push(token.clone());
                    continue;
                }
            }
            seen_rust = true;
        }
        data.rust = !seen_other || seen_rust;
        data
    }

    /// rustdoc runs the block (compiles it, runs it, checks its panic or compile error).
    pub fn runs(&self) -> bool {
        self.rust && !self.ignore && !self.no_run
    }
}

/// Runs the test `name` of this test binary again, alone, in a child process with the
/// variables of `set` set and those of `unset` removed: for what is measured or limited per
/// process (page faults, an address-space limit), apart from the other tests.
pub fn rerun_in_child(
    name: &str,
    set: &[(&str, &str)],
    unset: &[&str],
) -> std::process::Output {
    let exe = std::env::current_exe().expect("the test binary");
    let mut command = std::process::Command::new(exe);
    command.args(["--exact", name, "--nocapture", "--test-threads=1"]);
    for (variable, value) in set {
        command.env(variable, value);
    }
    for variable in unset {
        command.env_remove(variable);
    }
    command.output().expect("the test binary runs")
}
