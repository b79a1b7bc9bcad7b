//! The drawing helpers of the book's figures: the palette, colormaps, grids of cells, bar
//! charts and log–log line charts. The figures themselves belong to the chapters (each
//! chapter's `figures.rs`).
//!
//! Text is drawn with the DejaVu Sans font embedded in the binary (the `dejavu` crate), never
//! with a system font: the pictures are the same on every machine, with or without fontconfig.

pub mod bars;
pub mod colormap;
pub mod grid;
pub mod palette;
pub mod sweep;

use std::sync::Once;

use plotters::style::{register_font, FontStyle};

/// The error type of figure rendering: the crate's error type.
pub type FigureError = crate::error::Error;

/// The font family name the figures use; it is bound to the embedded DejaVu Sans.
pub const FONT: &str = "sans-serif";

/// Registers the embedded fonts with plotters (idempotent; every figure calls it first).
pub fn register_fonts() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // The bytes come from the `dejavu` crate and are valid TrueType; a failure here is a
        // bug in the build, not a user error, so it is reported loudly.
        for (style, bytes) in [
            (FontStyle::Normal, dejavu::sans::regular()),
            (FontStyle::Bold, dejavu::sans::bold()),
            (FontStyle::Italic, dejavu::sans::oblique()),
            (FontStyle::Oblique, dejavu::sans::oblique()),
        ] {
            if register_font(FONT, style, bytes).is_err() {
                panic!("the embedded DejaVu Sans font could not be registered");
            }
        }
    });
}
