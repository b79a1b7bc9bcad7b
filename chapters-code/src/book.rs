//! The book: its chapters in reading order ([`CHAPTERS`]), and the one mechanism that writes
//! and checks every file they generate.
//!
//! Every generated file — what each sample prints, each table, each figure — is produced by
//! [`sync`]. In [`Mode::Check`] (the tests) it compares each with the committed file and lists
//! every difference; in [`Mode::Update`] (`cargo run --release`, or `UPDATE=1 cargo test`) it
//! writes the files that differ and removes the generated files that nothing produces any more.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::chapter::{
    fresh_process, panic_report, repo_root, Chapter, Figure, Measure, Render,
    Sample, Table,
};
use crate::error::{Context, Error, Result};
use crate::results::write_atomically;

/// The catalog: every chapter, in reading order (declared in `lib.rs`, one line each).
pub use crate::CHAPTERS;

/// Every sample of the book, in reading order, with its chapter.
pub fn samples() -> impl Iterator<Item = (&'static Chapter, &'static Sample)> {
    CHAPTERS
        .iter()
        .flat_map(|c| c.samples.iter().map(move |s| (c, s)))
}

/// Every figure of the book, in reading order, with its chapter.
pub fn figures() -> impl Iterator<Item = (&'static Chapter, &'static Figure)> {
    CHAPTERS
        .iter()
        .flat_map(|c| c.figures.iter().map(move |f| (c, f)))
}

/// Every generated table of the book, with its chapter.
pub fn tables() -> impl Iterator<Item = (&'static Chapter, &'static Table)> {
    CHAPTERS
        .iter()
        .flat_map(|c| c.tables.iter().map(move |t| (c, t)))
}

/// A sample's key on the command line: `chapter/name`.
pub fn sample_key(chapter: &Chapter, sample: &Sample) -> String {
    format!("{}/{}", chapter.slug, sample.name)
}

/// Finds a sample by its `chapter/name` or, when unambiguous, by its plain `name`.
pub fn find_sample(key: &str) -> Option<(&'static Chapter, &'static Sample)> {
    if let Some((slug, name)) = key.split_once('/') {
        return samples().find(|(c, s)| c.slug == slug && s.name == name);
    }
    let mut matches = samples().filter(|(_, s)| s.name == key);
    match (matches.next(), matches.next()) {
        (Some(found), None) => Some(found),
        _ => None,
    }
}

/// The two kinds of generated files, each in a folder of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Printed outputs and tables, in `src/outputs/`.
    Output,
    /// Figures, in `images/`.
    Figure,
}

impl Kind {
    /// The folder that holds this kind of file, and nothing else.
    pub fn folder(self) -> PathBuf {
        match self {
            Kind::Output => Path::new("src").join("outputs"),
            Kind::Figure => PathBuf::from("images"),
        }
    }
}

/// Whether [`sync`] compares or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Compare every generated file with the committed one; change nothing.
    Check,
    /// Write every file that differs, and remove generated files that nothing produces.
    Update,
}

/// The environment variable that turns the tests into writers: `UPDATE=1 cargo test`.
pub const UPDATE_VARIABLE: &str = "UPDATE";

impl Mode {
    /// [`Mode::Update`] when `UPDATE=1` is set, else [`Mode::Check`].
    ///
    /// # Errors
    ///
    /// When `UPDATE` is set to anything but empty, `0` or `1` (a typo must not turn a check
    /// into a rewrite, or the other way round).
    pub fn from_env() -> Result<Mode> {
        Mode::from_setting(std::env::var(UPDATE_VARIABLE).ok().as_deref())
    }

    /// The mode `UPDATE` set to `setting` asks for (`None`: not set, or not UTF-8).
    fn from_setting(setting: Option<&str>) -> Result<Mode> {
        match setting {
            None | Some("" | "0") => Ok(Mode::Check),
            Some("1") => Ok(Mode::Update),
            Some(other) => Err(Error::msg(format!(
                "{UPDATE_VARIABLE}={other:?}: set it to 1 to rewrite the generated files, or leave it unset"
            ))),
        }
    }
}

/// What a program brings to [`sync`]: itself, to run each sample in a process of its own (so
/// that exactly what the sample prints is captured), and its counting allocator.
pub struct Host<'a> {
    /// The `chapters-code` program, which runs a sample with `sample CHAPTER/NAME`.
    pub program: &'a Path,
    /// Measures heap use under the program's counting allocator.
    pub measure: Measure<'a>,
}

// By hand: the measuring function has no `Debug` of its own.
impl std::fmt::Debug for Host<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Host")
            .field("program", &self.program)
            .finish_non_exhaustive()
    }
}

/// What [`sync`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// How many generated files it produced and compared.
    pub checked: usize,
    /// One line per file written or removed (none in [`Mode::Check`]).
    pub changes: Vec<String>,
}

/// Produces every generated file of the given kinds and compares it with the committed one,
/// or writes it (see [`Mode`]). In [`Mode::Check`], any difference is an error that lists
/// them all.
///
/// # Errors
///
/// Every problem at once, in one error: in [`Mode::Check`], each generated file that differs
/// from the committed one or is missing, and each file in its folder that nothing writes;
/// in either mode, each sample, table or figure that fails to produce its file, and each
/// file that cannot be read or written.
pub fn sync(host: &Host<'_>, mode: Mode, kinds: &[Kind]) -> Result<Report> {
    let root = repo_root();
    let mut expected = BTreeSet::new();
    let mut problems = Vec::new();
    let mut done = Vec::new();
    let mut compare = |path: PathBuf, produced: Result<Vec<u8>>| {
        expected.insert(path.clone());
        compare_file(&root, &path, produced, mode, &mut problems, &mut done);
    };
    if kinds.contains(&Kind::Output) {
        for (chapter, sample) in samples() {
            compare(
                chapter.sample_output(sample),
                run_sample(host, chapter, sample),
            );
        }
        for (chapter, table) in tables() {
            let text = match table.render {
                Render::Text(render) => render(),
                Render::Measured(render) => render(host.measure),
                Render::Processes(render) => render(host.program),
            };
            compare(chapter.table_path(table), text.map(String::into_bytes));
        }
    }
    if kinds.contains(&Kind::Figure) {
        let temp = std::env::temp_dir();
        remove_abandoned_scratch(&temp);
        let scratch =
            temp.join(format!("{SCRATCH_PREFIX}{}", std::process::id()));
        for (chapter, figure) in figures() {
            let path = chapter.figure_path(figure);
            compare(path, render_figure(figure, &scratch));
        }
        let _ = std::fs::remove_dir_all(&scratch);
    }
    remove_stale(&root, kinds, &expected, mode, &mut problems, &mut done);
    if problems.is_empty() {
        Ok(Report {
            checked: expected.len(),
            changes: done,
        })
    } else {
        let how = match mode {
            Mode::Check => format!(
                "\n\nRegenerate with `cargo run --release` (or `{UPDATE_VARIABLE}=1 cargo test`), then review `git diff`."
            ),
            Mode::Update => String::new(),
        };
        Err(Error::msg(problems.join("\n\n") + &how))
    }
}

/// Compares one produced file, `path` below `root`, with the committed one: in
/// [`Mode::Check`] a difference (or a missing file) is a problem that shows both; in
/// [`Mode::Update`] the file is written. A file that could not be produced or read is a
/// problem in both modes.
fn compare_file(
    root: &Path,
    path: &Path,
    produced: Result<Vec<u8>>,
    mode: Mode,
    problems: &mut Vec<String>,
    done: &mut Vec<String>,
) {
    let now = match produced {
        Ok(bytes) => bytes,
        Err(e) => {
            problems.push(format!("{}: {e}", path.display()));
            return;
        }
    };
    let full = root.join(path);
    let committed = match read_committed(&full) {
        Ok(committed) => committed,
        Err(e) => {
            problems.push(e.to_string());
            return;
        }
    };
    if committed.as_deref() != Some(now.as_slice()) {
        match mode {
            // Through a temporary file and a rename: an interrupted run leaves the
            // committed file whole, never truncated.
            Mode::Update => match write_atomically(&full, &now) {
                Ok(()) => done.push(format!("wrote   {}", path.display())),
                Err(e) => problems.push(e.to_string()),
            },
            Mode::Check => {
                problems.push(difference(path, committed.as_deref(), &now))
            }
        }
    }
}

/// The scratch folder of a figure render is this prefix and the process's id.
const SCRATCH_PREFIX: &str = "chapters-code-";

/// Removes the scratch folders that renders ended before their cleanup (Ctrl-C, a kill)
/// left in `temp`: those named for a process that no longer runs. Where `/proc` does not
/// say which processes run, none is removed.
fn remove_abandoned_scratch(temp: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let pid = name
            .to_str()
            .and_then(|n| n.strip_prefix(SCRATCH_PREFIX))
            .filter(|pid| pid.parse::<u32>().is_ok());
        if let Some(pid) = pid {
            if !proc.join(pid).exists() {
                // Another render may remove it at the same time: nothing to report.
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// The committed file's bytes, or `None` when there is none. Any other read error (no
/// permission, a folder in its place) is an error, not a "missing" file to overwrite.
fn read_committed(full: &Path) -> Result<Option<Vec<u8>>> {
    match std::fs::read(full) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => {
            Err(Error::from(e)
                .context(format!("cannot read {}", full.display())))
        }
    }
}

/// Deals with the files of `kinds`' folders that nothing produced (not in `expected`):
/// [`Mode::Check`] reports each; [`Mode::Update`] removes them, but only when every file
/// was produced and written. After a failure, a file nothing produced may be one whose
/// producer just failed, so it is kept and named instead.
fn remove_stale(
    root: &Path,
    kinds: &[Kind],
    expected: &BTreeSet<PathBuf>,
    mode: Mode,
    problems: &mut Vec<String>,
    done: &mut Vec<String>,
) {
    let mut stale = Vec::new();
    for kind in kinds {
        let files = files_below(root, &kind.folder(), problems);
        stale.extend(files.into_iter().filter(|path| !expected.contains(path)));
    }
    if stale.is_empty() {
        return;
    }
    match mode {
        Mode::Check => problems.extend(stale.iter().map(|path| {
            format!(
                "{}: no sample, table or figure of the book writes it",
                path.display()
            )
        })),
        Mode::Update if !problems.is_empty() => problems.push(format!(
            "kept, since not every file was written: {} (nothing produces them; they are removed by a run without problems)",
            stale
                .iter()
                .map(|path| path.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Mode::Update => {
            for path in stale {
                match std::fs::remove_file(root.join(&path)) {
                    Ok(()) => done.push(format!("removed {}", path.display())),
                    Err(e) => problems
                        .push(format!("cannot remove {}: {e}", path.display())),
                }
            }
        }
    }
}

/// Runs one sample in a process of its own and returns what it printed; for a sample that
/// panics on purpose, what it printed and then its panic message.
fn run_sample(
    host: &Host<'_>,
    chapter: &Chapter,
    sample: &Sample,
) -> Result<Vec<u8>> {
    let key = sample_key(chapter, sample);
    let run = fresh_process(host.program)
        .args(["sample", &key])
        .env("RUST_BACKTRACE", "0")
        .output()
        .context(format!("cannot run sample {key}"))?;
    let stderr = String::from_utf8_lossy(&run.stderr);
    match (sample.panics, run.status.success()) {
        (false, true) => Ok(run.stdout),
        (false, false) => {
            Err(Error::msg(format!("sample {key} failed:\n{stderr}")))
        }
        (true, true) => Err(Error::msg(format!(
            "sample {key} is marked `=> panics` but ran to the end"
        ))),
        (true, false) => {
            let report = panic_report(&stderr).ok_or_else(|| {
                Error::msg(format!(
                    "sample {key} failed without a panic message:\n{stderr}"
                ))
            })?;
            let mut output = run.stdout;
            output.extend_from_slice(report.as_bytes());
            Ok(output)
        }
    }
}

/// Draws a figure into a scratch folder and returns the file's bytes.
fn render_figure(figure: &Figure, scratch: &Path) -> Result<Vec<u8>> {
    std::fs::create_dir_all(scratch)
        .context(format!("cannot create {}", scratch.display()))?;
    let path = scratch.join(figure.name);
    // A file left there (by an earlier figure of the same name, or a crashed run whose
    // process id this one reuses) must not pass for this figure if its render writes none.
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(Error::from(e)
                .context(format!("cannot remove {}", path.display())));
        }
        _ => {}
    }
    (figure.render)(&path)?;
    let bytes = std::fs::read(&path)
        .context(format!("cannot read {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "png") {
        return smallest_png(&bytes).map_err(|e| {
            Error::msg(format!("cannot re-encode {}: {e}", path.display()))
        });
    }
    Ok(bytes)
}

/// Re-encodes a PNG losslessly as small as this crate can: with a palette when the picture
/// has at most 256 colours (most of the book's figures: flat fills and a few text shades),
/// else as RGB, in both cases with the best compression and adaptive filtering. plotters
/// writes plain 24-bit RGB, several times larger than needed, and every page of the book
/// must stay light. The pixels are exactly the same; the palette is in order of first
/// appearance, so the bytes are reproducible.
fn smallest_png(bytes: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let error = |e: &dyn std::fmt::Display| e.to_string();
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().map_err(|e| error(&e))?;
    let mut pixels = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut pixels).map_err(|e| error(&e))?;
    if frame.color_type != png::ColorType::Rgb
        || frame.bit_depth != png::BitDepth::Eight
    {
        return Ok(bytes.to_vec()); // not what plotters writes: leave it alone
    }
    let pixels = &pixels[..frame.buffer_size()];
    let (width, height) = (frame.width, frame.height);

    let mut palette: Vec<[u8; 3]> = Vec::new();
    let mut index_of = std::collections::HashMap::new();
    let mut indices = Vec::with_capacity(pixels.len() / 3);
    for rgb in pixels.chunks_exact(3) {
        let colour = [rgb[0], rgb[1], rgb[2]];
        let index = *index_of.entry(colour).or_insert_with(|| {
            palette.push(colour);
            palette.len() - 1
        });
        if palette.len() > 256 {
            break;
        }
        indices.push(index as u8);
    }

    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Best);
    encoder.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
    let data: &[u8] = if palette.len() <= 256 {
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_palette(palette.concat());
        // Indexed rows compress best unfiltered.
        encoder.set_adaptive_filter(png::AdaptiveFilterType::NonAdaptive);
        encoder.set_filter(png::FilterType::NoFilter);
        &indices
    } else {
        encoder.set_color(png::ColorType::Rgb);
        pixels
    };
    let mut writer = encoder.write_header().map_err(|e| error(&e))?;
    writer.write_image_data(data).map_err(|e| error(&e))?;
    writer.finish().map_err(|e| error(&e))?;
    Ok(out)
}

/// Says how a generated file differs from the committed one; text is shown in full.
fn difference(path: &Path, committed: Option<&[u8]>, now: &[u8]) -> String {
    let Some(committed) = committed else {
        return format!("{} is missing", path.display());
    };
    match (std::str::from_utf8(committed), std::str::from_utf8(now)) {
        (Ok(before), Ok(after)) => format!(
            "{} differs from what the code makes now.\n--- committed\n{before}\n--- now\n{after}",
            path.display()
        ),
        _ => format!(
            "{} differs from what the code makes now ({} bytes committed, {} now)",
            path.display(),
            committed.len(),
            now.len()
        ),
    }
}

/// Every file below `folder` (relative to `root`), as paths relative to `root`.
/// A folder or entry that cannot be read is a problem, named: a stale file in
/// it would otherwise go unreported. A missing `folder` holds nothing.
fn files_below(
    root: &Path,
    folder: &Path,
    problems: &mut Vec<String>,
) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(root.join(&dir)) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                problems.push(format!("cannot list {}: {e}", dir.display()));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    problems
                        .push(format!("cannot list {}: {e}", dir.display()));
                    continue;
                }
            };
            let path = dir.join(entry.file_name());
            if entry.path().is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// An RGB PNG of `width` × `height` whose pixel `(x, y)` is `colour(x, y)`.
    fn rgb_png(
        width: u32,
        height: u32,
        colour: impl Fn(u32, u32) -> [u8; 3],
    ) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("a header");
        let pixels: Vec<u8> = (0..height)
            .flat_map(|y| (0..width).map(move |x| (x, y)))
            .flat_map(|(x, y)| colour(x, y))
            .collect();
        writer.write_image_data(&pixels).expect("pixels");
        writer.finish().expect("finished");
        out
    }

    /// The pixels of a PNG as RGB, whatever its encoding.
    fn rgb_pixels(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().expect("a PNG");
        let mut pixels = vec![0; reader.output_buffer_size()];
        let frame = reader.next_frame(&mut pixels).expect("a frame");
        pixels.truncate(frame.buffer_size());
        (frame.width, frame.height, pixels)
    }

    #[test]
    fn figures_are_re_encoded_losslessly_and_smaller() {
        // Few colours (a chart): a palette, the same pixels, far fewer bytes.
        let chart = rgb_png(300, 200, |x, y| {
            [(x / 30 * 20) as u8, 255, (y / 50) as u8]
        });
        let small = smallest_png(&chart).expect("re-encoded");
        assert_eq!(rgb_pixels(&small), rgb_pixels(&chart));
        assert!(
            small.len() * 2 < chart.len(),
            "{} vs {}",
            small.len(),
            chart.len()
        );
        assert_eq!(smallest_png(&chart), Ok(small), "reproducible bytes");
        // Many colours (a gradient): RGB again, still the same pixels.
        let gradient =
            rgb_png(300, 200, |x, y| [x as u8, y as u8, (x + y) as u8]);
        let again = smallest_png(&gradient).expect("re-encoded");
        assert_eq!(rgb_pixels(&again), rgb_pixels(&gradient));
        // Not a PNG: an error, not a panic.
        assert!(smallest_png(b"not a png").is_err());
    }

    #[test]
    fn a_figure_that_writes_nothing_is_an_error_not_the_file_left_there() {
        let root = scratch_root("render", &["left.svg"]); // a stale file
        let scratch = root.join("images");
        let silent = Figure::new("left.svg", |_| Ok(()));
        let err = render_figure(&silent, &scratch).expect_err("nothing drawn");
        assert!(err.to_string().starts_with("cannot read"), "{err}");
        let drawn =
            Figure::new("left.svg", |path| Ok(std::fs::write(path, b"new")?));
        assert_eq!(render_figure(&drawn, &scratch).expect("drawn"), b"new");
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn every_generated_file_has_one_producer() {
        let mut seen = HashSet::new();
        for (chapter, sample) in samples() {
            assert!(
                seen.insert(chapter.sample_output(sample)),
                "{}",
                sample.name
            );
        }
        for (chapter, table) in tables() {
            assert!(seen.insert(chapter.table_path(table)), "{}", table.name);
        }
        for (chapter, figure) in figures() {
            assert!(
                seen.insert(chapter.figure_path(figure)),
                "{}",
                figure.name
            );
        }
        let slugs: HashSet<&str> = CHAPTERS.iter().map(|c| c.slug).collect();
        assert_eq!(slugs.len(), CHAPTERS.len());
    }

    #[test]
    fn every_benchmark_group_names_a_chapter_of_the_book() {
        // The performance appendix links each group's lines to `{chapter}.md`.
        let slugs: HashSet<&str> = CHAPTERS.iter().map(|c| c.slug).collect();
        for group in crate::benchmarks::GROUPS {
            assert!(
                slugs.contains(group.chapter),
                "group {} names chapter {:?}, which the book does not have ({slugs:?})",
                group.name,
                group.chapter
            );
        }
    }

    /// A scratch folder with `images/` holding the given files.
    fn scratch_root(name: &str, files: &[&str]) -> PathBuf {
        let root = std::env::temp_dir()
            .join(format!("book-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for file in files {
            let path = root.join("images").join(file);
            std::fs::create_dir_all(path.parent().expect("a folder"))
                .expect("a folder");
            std::fs::write(&path, b"x").expect("writable");
        }
        root
    }

    #[test]
    fn a_folder_that_cannot_be_listed_is_a_problem_and_a_missing_one_is_empty()
    {
        let root = scratch_root("unlistable", &[]);
        std::fs::create_dir_all(&root).expect("a folder");
        let mut problems = Vec::new();
        let none = files_below(&root, Path::new("images"), &mut problems);
        assert!(none.is_empty() && problems.is_empty(), "{problems:?}");
        // A file where the folder should be: read_dir fails, and says so.
        std::fs::write(root.join("images"), b"x").expect("writable");
        let none = files_below(&root, Path::new("images"), &mut problems);
        assert!(none.is_empty());
        assert!(
            problems.len() == 1
                && problems[0].starts_with("cannot list images"),
            "{problems:?}"
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn stale_files_are_removed_only_after_a_run_without_problems() {
        let expected = BTreeSet::from([Path::new("images").join("kept.png")]);
        let stale = Path::new("images").join("old.svg");
        let root = scratch_root("stale", &["kept.png", "old.svg"]);
        // One pass over the figures, after a run that met `problems`.
        let run = |mode, problems: &[&str]| {
            let mut problems: Vec<String> =
                problems.iter().map(|p| p.to_string()).collect();
            let mut done = Vec::new();
            remove_stale(
                &root,
                &[Kind::Figure],
                &expected,
                mode,
                &mut problems,
                &mut done,
            );
            (problems, done)
        };

        // Check: reported, not removed.
        let (problems, done) = run(Mode::Check, &[]);
        assert_eq!(
            problems,
            [format!(
                "{}: no sample, table or figure of the book writes it",
                stale.display()
            )]
        );
        assert!(done.is_empty());
        assert!(root.join(&stale).exists());

        // Update after a failure: kept, and named.
        let (problems, done) = run(Mode::Update, &["figure failed"]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[1].starts_with("kept") && problems[1].contains("old.svg")
        );
        assert!(done.is_empty());
        assert!(root.join(&stale).exists());

        // Update without problems: removed; the expected file stays.
        let (problems, done) = run(Mode::Update, &[]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(done, [format!("removed {}", stale.display())]);
        assert!(!root.join(&stale).exists());
        assert!(root.join("images").join("kept.png").exists());
        let _ = std::fs::remove_dir_all(&root);
    }

    /// The check the whole suite leans on: a generated file that differs from the
    /// committed one by a byte, or is missing, is a problem in `Check` mode (never
    /// written), and is written in `Update` mode; an identical one is neither.
    #[test]
    fn a_changed_or_missing_file_is_reported_in_check_mode_and_written_in_update_mode(
    ) {
        let root = scratch_root("compare", &["same.txt", "old.txt"]);
        let path = |name: &str| Path::new("images").join(name);
        let run = |name: &str, now: &[u8], mode| {
            let (mut problems, mut done) = (Vec::new(), Vec::new());
            let produced = Ok(now.to_vec());
            compare_file(
                &root,
                &path(name),
                produced,
                mode,
                &mut problems,
                &mut done,
            );
            (problems, done)
        };
        let read = |name: &str| std::fs::read(root.join(path(name))).ok();

        // scratch_root wrote "x" into each file.
        assert_eq!(run("same.txt", b"x", Mode::Check), (vec![], vec![]));
        let (problems, done) = run("old.txt", b"y", Mode::Check);
        let shown = format!(
            "{} differs from what the code makes now.\n--- committed\nx\n--- now\ny",
            path("old.txt").display()
        );
        assert_eq!((problems, done), (vec![shown], vec![]));
        assert_eq!(read("old.txt"), Some(b"x".to_vec()));
        let (problems, done) = run("new.txt", b"y", Mode::Check);
        let missing = format!("{} is missing", path("new.txt").display());
        assert_eq!((problems, done), (vec![missing], vec![]));
        assert_eq!(read("new.txt"), None);

        let (problems, done) = run("old.txt", b"y", Mode::Update);
        let wrote = format!("wrote   {}", path("old.txt").display());
        assert_eq!((problems, done), (vec![], vec![wrote]));
        assert_eq!(read("old.txt"), Some(b"y".to_vec()));
        assert_eq!(run("same.txt", b"x", Mode::Update), (vec![], vec![]));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn update_is_1_to_write_and_unset_empty_or_0_to_check() {
        for setting in [None, Some(""), Some("0")] {
            let mode = Mode::from_setting(setting).expect("a mode");
            assert_eq!(mode, Mode::Check, "{setting:?}");
        }
        let mode = Mode::from_setting(Some("1")).expect("a mode");
        assert_eq!(mode, Mode::Update);
        let err = Mode::from_setting(Some("yes")).expect_err("not a mode");
        assert_eq!(
            err.to_string(),
            "UPDATE=\"yes\": set it to 1 to rewrite the generated files, or leave it unset"
        );
    }

    #[test]
    fn an_unreadable_committed_file_is_an_error_not_a_missing_one() {
        let root = scratch_root("read", &["a.png", "folder/inside.png"]);
        let images = root.join("images");
        assert_eq!(
            read_committed(&images.join("a.png")).expect("read"),
            Some(b"x".to_vec())
        );
        assert_eq!(
            read_committed(&images.join("none.png")).expect("read"),
            None
        );
        // A folder where the file should be cannot be read: an error naming it.
        let err = read_committed(&images.join("folder"))
            .expect_err("a folder")
            .to_string();
        assert!(
            err.starts_with("cannot read") && err.contains("folder"),
            "{err}"
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn find_accepts_qualified_and_plain_names() {
        let (chapter, first) = samples().next().expect("the book has samples");
        let key = sample_key(chapter, first);
        assert_eq!(find_sample(&key).map(|(_, s)| s.name), Some(first.name));
        assert_eq!(
            find_sample(first.name).map(|(c, _)| c.slug),
            Some(chapter.slug)
        );
        assert!(find_sample("no-such-sample").is_none());
    }

    /// An interrupted render's scratch folder goes at the next render: one named for a
    /// process that no longer runs; this process's own, and other names, stay.
    #[test]
    fn abandoned_scratch_folders_are_removed() {
        let temp = std::env::temp_dir()
            .join(format!("scratch-cleanup-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&temp);
        // Above any Linux pid_max (2^22): no process has this id.
        let dead = temp.join(format!("{SCRATCH_PREFIX}99999999"));
        let own = temp.join(format!("{SCRATCH_PREFIX}{}", std::process::id()));
        let other = temp.join(format!("{SCRATCH_PREFIX}readme-1"));
        for dir in [&dead, &own, &other] {
            std::fs::create_dir_all(dir.join("figures")).expect("a folder");
        }
        remove_abandoned_scratch(&temp);
        if Path::new("/proc/self").exists() {
            assert!(!dead.exists(), "the dead render's folder stays");
        }
        assert!(own.exists() && other.exists());
        std::fs::remove_dir_all(&temp).expect("removes the test's folder");
    }
}
