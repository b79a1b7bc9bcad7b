//! Chapter 1's heap table: what each layout *requests* from the allocator (counted by a
//! counting allocator) next to what it really *occupies* (the growth of the resident memory
//! of a fresh process), one fresh process per layout.
//!
//! The book's program measures one layout with `chapters-code heap LAYOUT` and prints one
//! line ([`HeapRecord::to_line`]); [`heap_report`] runs it once per layout and builds the
//! table. Resident memory is read from Linux's `/proc/self/smaps_rollup` (exact: the kernel
//! walks the page tables) and the peak from `VmHWM` in `/proc/self/status`.

use std::hint::black_box;
use std::path::Path;

use ndarray::prelude::*;

use super::fixed_width;
use crate::chapter::{fresh_process, HeapUse, Measure};
use crate::error::{Context, Error, Result};

/// The number of elements of every layout of the table.
const N: usize = super::N;

/// The elements of the warm-up build [`held`] drops before it measures: its largest block
/// (8 KB) is far below glibc's 128 KiB mmap threshold.
const WARM_UP: usize = 1_000;

/// One way of holding a million numbers (or their text), a row of the heap table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeapLayout {
    /// `(0..n).collect::<Vec<i64>>()`.
    Collected,
    /// `Array::from_iter(0..n)`.
    FromIter,
    /// A `Vec<i64>` grown one `push` at a time.
    Pushed,
    /// `Vec<Box<i64>>`: a Python-like list of pointers.
    Boxed,
    /// `Vec<String>` from `i64::to_string`.
    Strings,
    /// `Array1<[u8; 6]>`: fixed-width ASCII text.
    FixedBytes,
}

impl HeapLayout {
    /// Every layout, in the order of the table.
    pub const ALL: [HeapLayout; 6] = [
        HeapLayout::Collected,
        HeapLayout::FromIter,
        HeapLayout::Pushed,
        HeapLayout::Boxed,
        HeapLayout::Strings,
        HeapLayout::FixedBytes,
    ];

    /// Its name on the command line (`chapters-code heap KEY`).
    pub fn key(self) -> &'static str {
        match self {
            HeapLayout::Collected => "collected",
            HeapLayout::FromIter => "from-iter",
            HeapLayout::Pushed => "pushed",
            HeapLayout::Boxed => "boxed",
            HeapLayout::Strings => "strings",
            HeapLayout::FixedBytes => "fixed-bytes",
        }
    }

    /// The layout with that command-line name.
    ///
    /// # Errors
    /// When `key` names no layout (the message lists the keys).
    pub fn from_key(key: &str) -> Result<HeapLayout> {
        HeapLayout::ALL
            .into_iter()
            .find(|l| l.key() == key)
            .ok_or_else(|| {
                let keys: Vec<&str> =
                    HeapLayout::ALL.iter().map(|l| l.key()).collect();
                Error::msg(format!(
                    "no layout {key:?}; one of: {}",
                    keys.join(", ")
                ))
            })
    }

    /// Its name in the table.
    pub fn label(self) -> &'static str {
        match self {
            HeapLayout::Collected => "Vec<i64>, collected",
            HeapLayout::FromIter => "Array1<i64>, from_iter",
            HeapLayout::Pushed => "Vec<i64>, grown by push",
            HeapLayout::Boxed => "Vec<Box<i64>>",
            HeapLayout::Strings => "Vec<String>",
            HeapLayout::FixedBytes => "Array1<[u8; 6]>",
        }
    }

    /// Builds the layout with [`N`](super::N) elements under `measure` and measures it, keeping it
    /// alive until the resident memory has been read. Meant for a fresh process: anything
    /// else the process does meanwhile counts too.
    ///
    /// # Errors
    /// When the resident memory cannot be read (`/proc/self/smaps_rollup` and
    /// `/proc/self/status`: Linux only).
    pub fn measure(self, measure: Measure<'_>) -> Result<HeapRecord> {
        match self {
            HeapLayout::Collected => {
                held(measure, |n| (0..n as i64).collect::<Vec<i64>>())
            }
            HeapLayout::FromIter => {
                held(measure, |n| Array::from_iter(0..n as i64))
            }
            HeapLayout::Pushed => held(measure, |n| {
                let mut v = Vec::new();
                for i in 0..n as i64 {
                    v.push(i);
                }
                v
            }),
            HeapLayout::Boxed => held(measure, |n| {
                (0..n as i64).map(Box::new).collect::<Vec<Box<i64>>>()
            }),
            HeapLayout::Strings => held(measure, |n| {
                (0..n as i64).map(|i| i.to_string()).collect::<Vec<String>>()
            }),
            HeapLayout::FixedBytes => held(measure, |n| {
                (0..n).map(fixed_width::<6>).collect::<Array1<[u8; 6]>>()
            }),
        }
    }
}

/// What one layout costs: counted requests and measured resident memory, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeapRecord {
    /// What the counting allocator saw: allocations and the most bytes requested at once.
    pub requested: HeapUse,
    /// By how much the process's resident memory grew while the layout was held.
    pub resident: u64,
    /// By how much the process's peak resident memory exceeded its resident memory before.
    pub resident_peak: u64,
}

impl HeapRecord {
    /// The one line `chapters-code heap LAYOUT` prints.
    pub fn to_line(&self) -> String {
        format!(
            "allocations {} requested {} resident {} resident_peak {}\n",
            self.requested.allocations,
            self.requested.peak_bytes,
            self.resident,
            self.resident_peak
        )
    }

    /// Reads what [`HeapRecord::to_line`] wrote.
    ///
    /// # Errors
    /// When one of its four numbers is missing or not a `u64`.
    pub fn parse(line: &str) -> Result<HeapRecord> {
        let words: Vec<&str> = line.split_whitespace().collect();
        let value = |key: &str| -> Result<u64> {
            let at = words.iter().position(|w| *w == key);
            at.and_then(|i| words.get(i + 1))
                .and_then(|v| v.parse().ok())
                .context(format!("no number {key:?} in {line:?}"))
        };
        Ok(HeapRecord {
            requested: HeapUse {
                allocations: value("allocations")?,
                peak_bytes: value("requested")?,
            },
            resident: value("resident")?,
            resident_peak: value("resident_peak")?,
        })
    }
}

/// Builds a value of [`N`](super::N) elements under `measure`, keeps it, and measures the
/// resident memory around it. A small build of the same layout runs first and is dropped:
/// it brings in the program's code and the allocator's first heap, which would otherwise
/// count as the layout's (up to a byte per element, from run to run); its blocks are all
/// below glibc's mmap threshold, so the allocator's thresholds stay a fresh process's.
fn held<T>(measure: Measure<'_>, build: impl Fn(usize) -> T) -> Result<HeapRecord> {
    drop(black_box(build(WARM_UP)));
    Resident::read()?;
    let before = Resident::read()?;
    let mut kept = None;
    let requested = measure(&mut || kept = Some(black_box(build(N))));
    let after = Resident::read()?;
    drop(black_box(kept));
    Ok(HeapRecord {
        requested,
        resident: after.rss.saturating_sub(before.rss),
        resident_peak: after.peak.saturating_sub(before.rss),
    })
}

/// The resident memory of this process, in bytes.
struct Resident {
    /// Resident now (`Rss:` of `/proc/self/smaps_rollup`).
    rss: u64,
    /// The most it has been (`VmHWM:` of `/proc/self/status`).
    peak: u64,
}

impl Resident {
    fn read() -> Result<Resident> {
        Ok(Resident {
            rss: kib_field("/proc/self/smaps_rollup", "Rss:")?,
            peak: kib_field("/proc/self/status", "VmHWM:")?,
        })
    }
}

/// The value of a `Name:   1234 kB` line of a Linux `/proc` file, in bytes.
fn kib_field(path: &str, name: &str) -> Result<u64> {
    let text = std::fs::read_to_string(path).context(format!(
        "cannot read {path} (resident memory is measured on Linux only)"
    ))?;
    text.lines()
        .find_map(|line| line.strip_prefix(name))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse::<u64>().ok())
        .map(|kib| kib * 1024)
        .context(format!("no {name} line in {path}"))
}

/// The allocator and platform the table was measured with: the numbers are glibc's.
pub fn allocator_name() -> &'static str {
    if cfg!(all(target_os = "linux", target_env = "gnu")) {
        "glibc's malloc (Rust's default on -gnu Linux targets)"
    } else if cfg!(all(target_os = "linux", target_env = "musl")) {
        "musl's malloc"
    } else {
        "the system allocator"
    }
}

/// Runs `program heap LAYOUT` for every layout, each in a fresh process, and returns the
/// book's heap table: allocations and requested bytes (counting allocator) next to resident
/// bytes (the process's resident memory), per element.
///
/// # Errors
/// When `program` cannot be run, fails for a layout, or prints no
/// [`HeapRecord`] line.
pub fn heap_report(program: &Path) -> Result<String> {
    let mut rows = Vec::new();
    for layout in HeapLayout::ALL {
        let run = fresh_process(program)
            .args(["heap", layout.key()])
            .output()
            .context(format!("cannot run {} heap", program.display()))?;
        let stdout = String::from_utf8_lossy(&run.stdout);
        if !run.status.success() {
            return Err(Error::msg(format!(
                "`heap {}` failed: {}",
                layout.key(),
                String::from_utf8_lossy(&run.stderr)
            )));
        }
        rows.push((layout, HeapRecord::parse(&stdout)?));
    }
    Ok(format_table(&rows))
}

/// Bytes per element as a whole number: rounded down, once a tenth of a byte is added.
/// Resident memory counts whole pages and a little of the allocator's bookkeeping (a few
/// tenths of a byte per element more), and a layout may reuse the few kilobytes the warm-up
/// build of [`HeapLayout::measure`] freed (a few hundredths less): 39.97 reads 40, 8.5 reads 8.
pub fn whole_bytes_per_element(bytes: u64) -> u64 {
    // Saturating: near u64::MAX the sum would wrap; saturation moves it by less than a
    // tenth of N, which cannot cross a multiple of N up there, so the floor is the same.
    bytes.saturating_add(N as u64 / 10) / N as u64
}

/// The table, from measured rows.
fn format_table(rows: &[(HeapLayout, HeapRecord)]) -> String {
    let mut out = format!(
        "{:<24} {:>11} {:>10} {:>9} {:>9}\n",
        "one million elements", "allocations", "requested", "resident", "peak"
    );
    out += &format!(
        "{:<24} {:>11} {:>30}\n",
        "",
        "",
        "(bytes per element)"
    );
    for (layout, record) in rows {
        out += &format!(
            "{:<24} {:>11} {:>10.1} {:>9} {:>9}\n",
            layout.label(),
            record.requested.allocations,
            record.requested.peak_bytes as f64 / N as f64,
            whole_bytes_per_element(record.resident),
            whole_bytes_per_element(record.resident_peak),
        );
    }
    out += &format!(
        "requested: the most bytes held at once, by a counting allocator\n\
         resident, peak: growth of a fresh process's resident memory,\n\
         in whole bytes\n\
         allocator: {}, {} {}\n",
        allocator_name(),
        std::env::consts::ARCH,
        std::env::consts::OS,
    );
    out
}

/// The requested bytes per element of a row of a committed heap table, by its
/// label.
pub(super) fn requested_per_element(
    table: &str,
    layout: HeapLayout,
) -> Result<f64> {
    table
        .lines()
        .find_map(|line| line.strip_prefix(layout.label()))
        .and_then(|rest| rest.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .context(format!("the heap table has no row {:?}", layout.label()))
}

/// The resident bytes per element of a row of a committed heap table, by its label.
///
/// # Errors
/// When `table` has no row for `layout`, or its resident column is not a
/// whole number.
pub fn resident_per_element(table: &str, layout: HeapLayout) -> Result<u64> {
    table
        .lines()
        .find_map(|line| line.strip_prefix(layout.label()))
        .and_then(|rest| rest.split_whitespace().nth(2))
        .and_then(|v| v.parse().ok())
        .context(format!("the heap table has no row {:?}", layout.label()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_bytes_round_a_tenth_below_up_and_never_wrap() {
        assert_eq!(whole_bytes_per_element(39_970_000), 40);
        assert_eq!(whole_bytes_per_element(8_500_000), 8);
        // A tenth exactly: 39.9 bytes read 40, a byte fewer in all reads 39.
        assert_eq!(whole_bytes_per_element(39_900_000), 40);
        assert_eq!(whole_bytes_per_element(39_899_999), 39);
        assert_eq!(whole_bytes_per_element(u64::MAX), u64::MAX / N as u64);
    }

    fn record(allocations: u64, requested: u64, resident: u64) -> HeapRecord {
        HeapRecord {
            requested: HeapUse {
                allocations,
                peak_bytes: requested,
            },
            resident,
            resident_peak: resident,
        }
    }

    #[test]
    fn a_record_survives_its_line() {
        let r = record(1_000_001, 16_000_000, 40_005_632);
        assert_eq!(HeapRecord::parse(&r.to_line()).ok(), Some(r));
        assert!(HeapRecord::parse("allocations 1").is_err());
    }

    #[test]
    fn layouts_have_unique_keys() {
        for layout in HeapLayout::ALL {
            assert_eq!(HeapLayout::from_key(layout.key()).ok(), Some(layout));
        }
        assert!(HeapLayout::from_key("nope").is_err());
    }

    /// The heap paragraph of chapter 1 repeats numbers of the committed heap
    /// table in words (allocations, requested and resident bytes per
    /// element): each must be the table's, so that a table measured again
    /// elsewhere cannot leave the prose behind.
    #[test]
    fn the_prose_states_the_committed_tables_numbers() {
        let path = crate::chapter::repo_root()
            .join("src/outputs/ch01-memory/heap_report.txt");
        let table = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // allocations, requested, resident, peak
        let row = |layout: HeapLayout| -> (u64, f64, u64, u64) {
            let rest = table
                .lines()
                .find_map(|line| line.strip_prefix(layout.label()))
                .unwrap_or_else(|| panic!("no row {:?}", layout.label()));
            let cells: Vec<&str> = rest.split_whitespace().collect();
            let number = |i: usize| -> f64 {
                cells[i].parse().unwrap_or_else(|e| panic!("{rest:?}: {e}"))
            };
            (number(0) as u64, number(1), number(2) as u64, number(3) as u64)
        };
        let collected = row(HeapLayout::Collected);
        let from_iter = row(HeapLayout::FromIter);
        let (allocations, requested, _, peak) = row(HeapLayout::Pushed);
        let boxed = row(HeapLayout::Boxed);
        let strings = row(HeapLayout::Strings);
        for (allocations, requested, ..) in [collected, from_iter] {
            assert_eq!((allocations, requested * N as f64), (1, 8_000_000.0));
        }
        assert_eq!(boxed.0, N as u64 + 1); // "a million and one"
        let said = [
            "is **one** allocation of exactly 8,000,000&nbsp;bytes".to_owned(),
            format!("Growing by `push` took {allocations} allocations."),
            format!("they peak at {requested:.1}&nbsp;bytes per element"),
            format!("stays at {peak} per element even so"),
            format!(
                "makes a million and one allocations; it requests \
                 {:.0}&nbsp;bytes per element and occupies {}.",
                boxed.1, boxed.2
            ),
            format!(
                "`Vec<String>` requests {:.0}&nbsp;bytes per element",
                strings.1
            ),
            format!("and occupies {}, because each 19-byte request", strings.2),
        ];
        let chapter = crate::chapter::page_text("ch01-memory.md");
        for said in said {
            assert!(chapter.contains(&said), "src/ch01-memory.md: {said:?}");
        }
    }

    #[test]
    fn the_table_rounds_resident_bytes_and_can_be_read_back() {
        let rows = [
            (HeapLayout::Collected, record(1, 8_000_000, 8_003_584)),
            (HeapLayout::Boxed, record(1_000_001, 16_000_000, 40_431_616)),
        ];
        let table = format_table(&rows);
        let resident = |layout| resident_per_element(&table, layout).ok();
        assert_eq!(resident(HeapLayout::Collected), Some(8));
        assert_eq!(resident(HeapLayout::Boxed), Some(40));
        let requested = requested_per_element(&table, HeapLayout::Boxed).ok();
        assert_eq!(requested, Some(16.0));
        assert!(resident_per_element(&table, HeapLayout::Strings).is_err());
        assert!(table.lines().all(|l| l.chars().count() <= 80), "{table}");
    }
}
