//! Chapter 1's figure: bytes per element, NumPy/CPython and Rust side by side.

use std::path::Path;

use super::heap::requested_per_element;
use super::{resident_per_element, HeapLayout};
use crate::chapter::repo_root;
use crate::error::{Context, Result};
use ndarray::prelude::*;

use crate::figures::bars::{draw_bars, Bar, BarChart};
use crate::figures::grid::{draw_caption, draw_grid, CellStyle};
use crate::figures::{palette, register_fonts};

/// The NumPy/CPython facts measured by `python/ch01_memory.py`, as committed.
const PYTHON_FACTS: &str =
    include_str!("../../../python/outputs/ch01-memory/facts.txt");

/// Looks up one number of [`PYTHON_FACTS`].
fn python_fact(key: &str) -> Result<f64> {
    PYTHON_FACTS
        .lines()
        .filter_map(|line| line.split_once(' '))
        .find(|(k, _)| *k == key)
        .and_then(|(_, v)| v.trim().parse().ok())
        .context(format!(
            "python/outputs/ch01-memory/facts.txt has no number {key:?}"
        ))
}

/// The heap table the chapter shows, as committed (written by the same run
/// of `cargo run --release` just before the figures).
fn committed_heap_table() -> Result<String> {
    let path = repo_root().join("src/outputs/ch01-memory/heap_report.txt");
    std::fs::read_to_string(&path)
        .context(format!("cannot read {}", path.display()))
}

/// Bytes per element of each representation, NumPy/CPython and Rust side by
/// side: what each really occupies (resident memory) where it was measured.
///
/// # Errors
/// When the committed heap table (`src/outputs/ch01-memory/heap_report.txt`)
/// cannot be read or lacks a row, the committed Python facts lack a number,
/// or the PNG file cannot be drawn or written.
///
/// # Panics
/// If the committed measurements contradict the figure's alt text: the list
/// of ints and the boxes more than 10% apart, or not at least twice what
/// `sys.getsizeof` counts and Rust requests.
pub fn render_bytes_per_element(path: &Path) -> Result<()> {
    let n = python_fact("elements")?;
    let heap = committed_heap_table()?;
    let resident = |layout| -> Result<f64> {
        Ok(resident_per_element(&heap, layout)? as f64)
    };
    let requested = |layout| requested_per_element(&heap, layout);
    let list = python_fact("list_resident_bytes")? / n;
    let list_counted = python_fact("list_getsizeof_bytes")? / n;
    let boxes = resident(HeapLayout::Boxed)?;
    let boxes_requested = requested(HeapLayout::Boxed)?;
    // What the figure's alt text says: the list of ints and the boxes occupy
    // about the same (within 10%), far more (at least twice) than getsizeof
    // counts or Rust requests.
    assert!((list - boxes).abs() <= 0.1 * boxes, "{list} vs {boxes}");
    assert!(
        2.0 * list_counted.max(boxes_requested) <= list.min(boxes),
        "{list_counted} and {boxes_requested} against {list} and {boxes}"
    );
    let (python, numpy, rust) =
        (palette::CPYTHON, palette::NUMPY, palette::RUST);
    let bars = vec![
        Bar::new("Python list of int, resident", list, python),
        Bar::new("Python list, sys.getsizeof only", list_counted, python),
        Bar::new("Rust Vec<Box<i64>>, resident", boxes, rust),
        Bar::new("Rust Vec<Box<i64>>, requested only", boxes_requested, rust),
        Bar::new("NumPy int64 array", python_fact("array_nbytes")? / n, numpy),
        Bar::new(
            "Rust Vec<i64> / Array1<i64>",
            resident(HeapLayout::Collected)?,
            rust,
        ),
        Bar::new(
            "NumPy \"mixed\" array <U21",
            python_fact("mixed_nbytes")? / n,
            numpy,
        ),
        Bar::new(
            "Python list of str, resident",
            python_fact("str_list_resident_bytes")? / n,
            python,
        ),
        Bar::new(
            "Rust Vec<String>, resident",
            resident(HeapLayout::Strings)?,
            rust,
        ),
        Bar::new(
            "Rust Vec<String>, requested only",
            requested(HeapLayout::Strings)?,
            rust,
        ),
        Bar::new("NumPy strings <U6", python_fact("str_nbytes")? / n, numpy),
        Bar::new(
            "NumPy StringDType",
            python_fact("string_dtype_nbytes")? / n,
            numpy,
        ),
        Bar::new(
            "Rust Array1<[u8; 6]>",
            resident(HeapLayout::FixedBytes)?,
            rust,
        ),
    ];
    draw_bars(
        path,
        &BarChart {
            title: "Bytes per element, one million elements",
            axis_label: "bytes per element",
            log_scale: false,
            value_format: |v| format!("{v:.1}"),
            legend: &[("CPython", python), ("NumPy", numpy), ("Rust", rust)],
        },
        &bars,
    )
}

/// The arrays of Figure 1-2, as the chapter's listing of them (`anatomy`)
/// builds them: a test checks them against that listing's committed output.
fn anatomy_views(a: &Array2<i64>) -> [(&'static str, ArrayView2<'_, i64>); 5] {
    [
        ("a", a.view()),
        ("a.t()", a.t()),
        ("a.slice(s![1.., 1..3])", a.slice(s![1.., 1..3])),
        ("a.slice(s![.., ..;2])", a.slice(s![.., ..;2])),
        ("a.slice(s![..;-1, ..])", a.slice(s![..;-1, ..])),
    ]
}

/// Figure 1-2's array: the numbers 0 to 11 in a 3 × 4 buffer of their own.
fn anatomy_buffer() -> Array2<i64> {
    Array::from_iter(0..12)
        .into_shape_with_order((3, 4))
        .expect("12 elements fill a 3×4 array")
}

/// The anatomy of an array (after Rougier's "Anatomy of an array"): one buffer
/// of 12 numbers and five arrays over it, each drawn as the cells of the
/// buffer it uses (its first element marked) next to the array it shows.
///
/// # Errors
/// When the PNG file cannot be drawn or written.
pub fn render_anatomy(path: &Path) -> Result<()> {
    register_fonts();
    let a = anatomy_buffer();
    let start = a.as_ptr().addr();
    let index = |x: &i64| ((x as *const i64).addr() - start) / size_of::<i64>();
    let views = anatomy_views(&a);

    let (row_height, top, buffer_left, cell) = (132, 70, 30, 40);
    let grid_left = buffer_left + 12 * cell + 70;
    let small = 30;
    // Row k's buffer strip is at y(k) + 26; its array is centred beside it.
    let y = |k: usize| top + row_height * k as i32;
    let strip_middle = |k: usize| y(k) + 26 + cell / 2;
    // The canvas ends 30 px right of the widest array, as the buffer starts
    // 30 px from the left, and 20 px below the lowest cell (a 900 px canvas
    // left 200 px empty on the right, and 51 px below).
    let widest = views.iter().map(|(_, v)| v.ncols()).max().unwrap_or(0);
    let width = grid_left + widest as i32 * small + buffer_left;
    let bottom = (0..views.len())
        .map(|k| {
            let array_end =
                strip_middle(k) + views[k].1.nrows() as i32 * small / 2;
            array_end.max(y(k) + 26 + cell)
        })
        .max()
        .unwrap_or(top);
    let root = crate::figures::hidpi::canvas(
        path,
        (width as u32, (bottom + 20) as u32),
    );
    root.fill(&palette::PAPER)?;
    let heading = 22.0;
    let buffer_middle = buffer_left + 6 * cell;
    draw_caption(&root, "the buffer: 12 × i64", (buffer_middle, 28), heading)?;
    // Over the arrays, which start at grid_left: centred on the widest.
    let grid_middle = grid_left + widest as i32 * small / 2;
    draw_caption(&root, "the array", (grid_middle, 28), heading)?;

    for (k, (name, view)) in views.iter().enumerate() {
        let y = y(k);
        let used: Vec<usize> = view.iter().map(index).collect();
        let first = index(&view[[0, 0]]);
        let text = format!(
            "{name}: offset {first}, shape {:?}, strides {:?}",
            view.shape(),
            view.strides()
        );
        draw_caption(&root, &text, (buffer_middle, y + 8), 19.0)?;
        draw_grid(
            &root,
            (buffer_left, y + 26),
            cell,
            1,
            12,
            |_, c| c.to_string(),
            |_, c| match c {
                c if c == first => CellStyle::RESULT,
                c if used.contains(&c) => CellStyle::HIGHLIGHT,
                _ => CellStyle::PLAIN,
            },
        )?;
        // The array is centred beside its buffer strip: a tall one (the
        // transpose) then keeps clear of the next row's array.
        let (rows, cols) = view.dim();
        draw_grid(
            &root,
            (grid_left, strip_middle(k) - rows as i32 * small / 2),
            small,
            rows,
            cols,
            |r, c| view[[r, c]].to_string(),
            |r, c| {
                if (r, c) == (0, 0) {
                    CellStyle::RESULT
                } else {
                    CellStyle::HIGHLIGHT
                }
            },
        )?;
    }
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_facts_are_complete() {
        for key in [
            "elements",
            "list_traced_bytes",
            "list_getsizeof_bytes",
            "array_nbytes",
            "list_resident_bytes",
            "str_list_resident_bytes",
            "mixed_nbytes",
            "str_nbytes",
            "string_dtype_nbytes",
        ] {
            assert!(python_fact(key).is_ok(), "{key}");
        }
        assert!(python_fact("nope").is_err());
    }

    /// Figure 1-2 draws the arrays the listing prints: the same names,
    /// offsets, shapes and strides, in the same order (the listing is a book
    /// block that cannot call this module, so both spell the slices out).
    #[test]
    fn anatomy_views_are_the_listings() {
        let a = anatomy_buffer();
        let start = a.as_ptr().addr();
        let drawn: Vec<String> = anatomy_views(&a)
            .iter()
            .map(|(name, view)| {
                let offset = ((&view[[0, 0]] as *const i64).addr() - start)
                    / size_of::<i64>();
                format!(
                    "{name} offset {offset}, shape {:?}, strides {:?}",
                    view.shape(),
                    view.strides()
                )
            })
            .collect();
        let path = repo_root().join("src/outputs/ch01-memory/anatomy.txt");
        let printed = std::fs::read_to_string(&path).expect("anatomy.txt");
        let printed: Vec<String> = printed
            .lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(drawn, printed);
    }

    /// Figure 1-2's alt text counts the arrays drawn and the buffer's numbers,
    /// and Figure 1-1's the elements chapter 1 measures.
    #[test]
    fn the_alt_texts_count_what_is_drawn() {
        let word = |n: usize| match n {
            5 => "Five",
            12 => "twelve",
            1_000_000 => "one million",
            other => panic!("the alt texts have no word for {other}"),
        };
        let a = anatomy_buffer();
        let page = crate::chapter::page_text("ch01-memory.md");
        for text in [
            format!(
                "alt=\"{} arrays over the same buffer of {} numbers:",
                word(anatomy_views(&a).len()),
                word(a.len())
            ),
            format!("of each layout of {} elements,", word(super::super::N)),
        ] {
            assert!(page.contains(&text), "{text}");
        }
    }
}
