//! The drawing helpers of the book's figures: the palette, colormaps, grids of cells, bar
//! charts and log–log line charts. The figures themselves belong to the chapters (each
//! chapter's `figures.rs`).
//!
//! Text is drawn with the DejaVu Sans font embedded in the binary (the `dejavu` crate), never
//! with a system font: the pictures are the same on every machine, with or without fontconfig.
//! Every figure is drawn at twice the pixels it is shown at ([`hidpi`]), so that it is sharp
//! on screens with two device pixels per CSS pixel; the book shows each with `srcset="… 2x"`.

pub mod bars;
pub mod colormap;
pub mod grid;
pub mod hidpi;
pub mod palette;
pub mod sweep;

use std::path::Path;
use std::sync::Once;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{register_font, FontStyle};

/// The error type of figure rendering: the crate's error type.
pub type FigureError = crate::error::Error;

/// The font family name the figures use; it is bound to the embedded DejaVu Sans.
pub const FONT: &str = "sans-serif";

/// The embedded DejaVu Sans face of `style` (DejaVu Sans has no italic: its
/// oblique serves for both).
pub fn font_bytes(style: FontStyle) -> &'static [u8] {
    match style {
        FontStyle::Normal => dejavu::sans::regular(),
        FontStyle::Bold => dejavu::sans::bold(),
        FontStyle::Italic | FontStyle::Oblique => dejavu::sans::oblique(),
    }
}

/// Registers the embedded fonts with plotters (idempotent; every figure calls it first).
///
/// # Panics
///
/// Only if plotters refuses the font bytes embedded from the `dejavu` crate, which are valid
/// TrueType: the function takes no input, and every figure test would fail first.
pub fn register_fonts() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // The bytes come from the `dejavu` crate and are valid TrueType; a failure here is a
        // bug in the build, not a user error, so it is reported loudly.
        for style in [
            FontStyle::Normal,
            FontStyle::Bold,
            FontStyle::Italic,
            FontStyle::Oblique,
        ] {
            if register_font(FONT, style, font_bytes(style)).is_err() {
                panic!("the embedded DejaVu Sans font could not be registered");
            }
        }
    });
}

/// A chart with nothing measured yet (no results file, or no timing for its rows): a strip
/// `width` pixels wide that says so, instead of an error. Bar charts and log–log charts use it.
///
/// # Errors
///
/// When the PNG file cannot be drawn or written.
pub fn draw_not_measured(
    path: &Path,
    width: u32,
    title: &str,
) -> crate::error::Result<()> {
    register_fonts();
    let root = hidpi::canvas(path, (width, 120));
    root.fill(&palette::PAPER)?;
    let font = (FONT, 20.0)
        .into_font()
        .color(&palette::INK)
        .pos(Pos::new(HPos::Center, VPos::Center));
    let message = format!("{title}: not measured yet (run ./bench.sh)");
    root.draw(&Text::new(message, (width as i32 / 2, 60), font))?;
    root.present()?;
    Ok(())
}
