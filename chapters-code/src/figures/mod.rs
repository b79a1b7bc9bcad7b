//! Rendering the book's figures.
//!
//! Every figure is a plain function that draws into a file; [`all`] lists them, and the
//! crate's binary (`cargo run --release`) renders each into `images/`. A test renders them all
//! again into a temporary folder and checks that the committed files are byte-for-byte equal,
//! so a figure can never drift from the code that draws it.
//!
//! Text is drawn with the DejaVu Sans font embedded in the binary (the `dejavu` crate), never
//! with a system font: the pictures are the same on every machine, with or without fontconfig.

pub mod bars;
pub mod colormap;
pub mod grid;
pub mod palette;

use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Once;

use plotters::style::{register_font, FontStyle};

/// The error type of figure rendering: any drawing or I/O error, with its message.
pub type FigureError = Box<dyn Error + Send + Sync>;

/// One figure of the book.
#[derive(Debug, Clone, Copy)]
pub struct Figure {
    /// File name inside `images/`, e.g. `introduction-matrix-product.png`.
    pub file: &'static str,
    /// Draws the figure into the given file.
    pub render: fn(&Path) -> Result<(), FigureError>,
}

/// Every figure of the book, in reading order.
pub fn all() -> Vec<Figure> {
    [
        crate::introduction::FIGURES,
        crate::memory::FIGURES,
        crate::speed::FIGURES,
        crate::broadcasting::FIGURES,
        crate::meshgrid::FIGURES,
        crate::knn::FIGURES,
        crate::life::FIGURES,
        crate::convolution::FIGURES,
    ]
    .concat()
}

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

/// Renders every figure into `dir` and returns the paths written.
pub fn render_all(dir: &Path) -> Result<Vec<PathBuf>, FigureError> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for figure in all() {
        let path = dir.join(figure.file);
        (figure.render)(&path).map_err(|e| format!("figure {}: {e}", figure.file))?;
        written.push(path);
    }
    Ok(written)
}
