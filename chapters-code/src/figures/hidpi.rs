//! Figures with twice the pixels they are shown at, for screens with two device pixels per
//! CSS pixel (most laptops and phones): a 1× picture is stretched there and looks blurred.
//!
//! Each figure's code draws in the size it is shown at, as before; [`canvas`] hands it a
//! [`Scaled`] backend that draws every line, shape and letter [`SCALE`] times larger on the
//! bitmap below. Text is rasterised from the embedded font at the larger size, so letters are
//! sharp rather than enlarged. The book shows each image at its 1× size (the `<img>`'s
//! `width` and `height`, checked by the book's guard).

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::FontDesc;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle,
    DrawingErrorKind,
};

/// Device pixels per figure pixel, in each direction.
pub const SCALE: u32 = 2;

/// How many levels of glyph coverage text is drawn with (plus none): enough for smooth
/// letters at twice the pixels, few enough that most figures fit a 256-colour palette.
const COVERAGE_LEVELS: f64 = 6.0;

/// A drawing area of `size` figure pixels, backed by a PNG at `path` of `SCALE` times as
/// many pixels in each direction.
pub fn canvas(
    path: &Path,
    (width, height): (u32, u32),
) -> DrawingArea<Scaled<Coverage<BitMapBackend<'_>>>, Shift> {
    with_polygon_edges(path, (width, height), Edges::Smooth)
}

/// How the edges of filled polygons (and thick lines, which plotters fills as polygons) are
/// drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edges {
    /// Anti-aliased, with a few levels of coverage.
    Smooth,
    /// Without anti-aliasing: for pictures made of many small polygons of neighbouring
    /// colours (a shaded surface), whose blended edges would add hundreds of colours and
    /// nothing the eye can see at twice the pixels.
    Hard,
}

/// [`canvas`], with polygon edges drawn as `edges` says (text stays smooth).
pub fn with_polygon_edges(
    path: &Path,
    (width, height): (u32, u32),
    edges: Edges,
) -> DrawingArea<Scaled<Coverage<BitMapBackend<'_>>>, Shift> {
    let bitmap = BitMapBackend::new(path, (width * SCALE, height * SCALE));
    let inner = Coverage {
        inner: bitmap,
        edges,
        filling: false,
    };
    Scaled { inner }.into_drawing_area()
}

/// A backend that draws on `inner` at [`SCALE`] times the size: it reports `1 / SCALE` of
/// the inner size and multiplies every coordinate, stroke width, radius and font size.
pub struct Scaled<B> {
    inner: B,
}

// By hand: plotters' backends (the bitmap one among them) do not implement `Debug`.
impl<B> std::fmt::Debug for Scaled<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scaled")
            .field("scale", &SCALE)
            .finish_non_exhaustive()
    }
}

/// A stroke or fill `SCALE` times as wide.
struct Wider<'a, S> {
    style: &'a S,
}

impl<S: BackendStyle> BackendStyle for Wider<'_, S> {
    fn color(&self) -> BackendColor {
        self.style.color()
    }
    fn stroke_width(&self) -> u32 {
        self.style.stroke_width() * SCALE
    }
}

const S: i32 = SCALE as i32;

/// Rounds a partial coverage (an anti-aliased edge's opacity) to one of
/// [`COVERAGE_LEVELS`] levels.
fn round_coverage(alpha: f64) -> f64 {
    (alpha * COVERAGE_LEVELS).round() / COVERAGE_LEVELS
}

/// A backend that draws the anti-aliased edges of lines, circles and polygons with their
/// coverage rounded to a few levels (`round_coverage`), so that a figure keeps few enough
/// colours for a palette PNG. Solid fills and straight lines pass through unchanged.
pub struct Coverage<B> {
    inner: B,
    /// How polygon edges are drawn.
    edges: Edges,
    /// Whether a polygon is being filled now (its edge pixels are drawn as `edges` says).
    filling: bool,
}

impl<B> std::fmt::Debug for Coverage<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coverage")
            .field("edges", &self.edges)
            .finish_non_exhaustive()
    }
}

impl<B: DrawingBackend> DrawingBackend for Coverage<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(
        &mut self,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let alpha = match (self.filling, self.edges) {
            (true, Edges::Hard) => color.alpha.round(),
            _ => round_coverage(color.alpha),
        };
        if alpha <= 0.0 {
            return Ok(());
        }
        let alpha = alpha.min(1.0);
        self.inner
            .draw_pixel(point, BackendColor { alpha, ..color })
    }

    fn draw_line<St: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &St,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let straight = from.0 == to.0 || from.1 == to.1;
        if straight && style.stroke_width() == 1 {
            return self.inner.draw_line(from, to, style);
        }
        plotters_backend::rasterizer::draw_line(self, from, to, style)
    }

    fn draw_rect<St: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &St,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if fill {
            return self.inner.draw_rect(upper_left, bottom_right, style, true);
        }
        plotters_backend::rasterizer::draw_rect(
            self,
            upper_left,
            bottom_right,
            style,
            fill,
        )
    }

    fn draw_circle<St: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &St,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        plotters_backend::rasterizer::draw_circle(
            self, center, radius, style, fill,
        )
    }

    fn fill_polygon<St: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &St,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let vertices: Vec<BackendCoord> = vert.into_iter().collect();
        self.filling = true;
        let filled =
            plotters_backend::rasterizer::fill_polygon(self, &vertices, style);
        self.filling = false;
        filled
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }
}

/// Draws `text` in the embedded font of `style` at `size` pixels, handing
/// `put` each pixel a glyph covers (x, y from the top left of the text's
/// layout box, and the coverage).
///
/// Each glyph is placed at the pen position plus its own left side bearing,
/// at the pen's fractional position. plotters 0.3.7 (`ab_glyph` feature)
/// puts the ink of every glyph at the pen position truncated to a whole
/// pixel, without its bearing, which spaces letters unevenly: narrow ones
/// such as "i" and "t" get a gap on one side and none on the other. The
/// vertical placement is plotters': the top of a glyph's ink at half the size
/// plus its (negative) height above the baseline.
fn draw_glyphs<E>(
    style: plotters::style::FontStyle,
    size: f32,
    text: &str,
    mut put: impl FnMut(i32, i32, f32) -> Result<(), DrawingErrorKind<E>>,
) -> Result<(), DrawingErrorKind<E>>
where
    E: std::error::Error + Send + Sync,
{
    use ab_glyph::{Font, ScaleFont};
    let font = ab_glyph::FontRef::try_from_slice(super::font_bytes(style))
        .map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
    let scaled = font.as_scaled(size);
    let mut pen = 0f32;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(previous) = previous {
            pen += scaled.kern(previous, id);
        }
        previous = Some(id);
        let glyph = id.with_scale_and_position(size, ab_glyph::point(pen, 0.0));
        pen += scaled.h_advance(id);
        let Some(outline) = font.outline_glyph(glyph) else {
            continue; // a space: nothing to draw
        };
        let bounds = outline.px_bounds();
        let (left, top) =
            (bounds.min.x as i32, (size / 2.0 + bounds.min.y) as i32);
        let mut drawn = Ok(());
        outline.draw(|x, y, coverage| {
            if drawn.is_ok() {
                drawn = put(left + x as i32, top + y as i32, coverage);
            }
        });
        drawn?;
    }
    Ok(())
}

/// The top left device pixel of a figure pixel.
fn corner((x, y): BackendCoord) -> BackendCoord {
    (x * S, y * S)
}

/// The middle of a figure pixel, in device pixels: where lines and circles are centred.
fn centre((x, y): BackendCoord) -> BackendCoord {
    (x * S + S / 2, y * S + S / 2)
}

impl<B: DrawingBackend> DrawingBackend for Scaled<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        let (w, h) = self.inner.get_size();
        (w / SCALE, h / SCALE)
    }

    fn ensure_prepared(
        &mut self,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        // Pixels with partial coverage come from plotters' own anti-aliasing.
        let alpha = round_coverage(color.alpha);
        if alpha == 0.0 {
            return Ok(());
        }
        let (x, y) = corner(point);
        let color = BackendColor { alpha, ..color };
        self.inner.draw_rect((x, y), (x + S, y + S), &color, true)
    }

    fn draw_line<St: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &St,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let straight = from.0 == to.0 || from.1 == to.1;
        if straight && style.stroke_width() == 1 {
            // Exactly the pixels the 1× line covers, each as an S × S block.
            let (left, top) = (from.0.min(to.0), from.1.min(to.1));
            let (right, bottom) = (from.0.max(to.0), from.1.max(to.1));
            let end = corner((right + 1, bottom + 1));
            return self.inner.draw_rect(
                corner((left, top)),
                end,
                &style.color(),
                true,
            );
        }
        self.inner
            .draw_line(centre(from), centre(to), &Wider { style })
    }

    fn draw_rect<St: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &St,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if fill {
            let end = corner(bottom_right);
            return self.inner.draw_rect(
                corner(upper_left),
                end,
                &style.color(),
                true,
            );
        }
        let ((l, t), (r, b)) = (upper_left, bottom_right);
        for (from, to) in [
            ((l, t), (r, t)),
            ((r, t), (r, b)),
            ((l, b), (r, b)),
            ((l, t), (l, b)),
        ] {
            self.draw_line(from, to, style)?;
        }
        Ok(())
    }

    fn draw_path<St: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &St,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let points: Vec<BackendCoord> = path.into_iter().map(centre).collect();
        self.inner.draw_path(points, &Wider { style })
    }

    fn draw_circle<St: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &St,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(
            centre(center),
            radius * SCALE,
            &Wider { style },
            fill,
        )
    }

    fn fill_polygon<St: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &St,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let points: Vec<BackendCoord> = vert.into_iter().map(corner).collect();
        self.inner.fill_polygon(points, style)
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let font = FontDesc::new(
            style.family(),
            style.size() * f64::from(SCALE),
            style.style(),
        )
        .transform(style.transform());
        let larger = TextStyle {
            font,
            color,
            pos: style.anchor(),
        };
        // The text at the larger size, with the glyphs' coverage rounded to a
        // few levels: smooth edges at twice the pixels, and few enough colours
        // for a palette PNG. The layout box is plotters' (the sum of the
        // advances), so that anchors place text as plotters would.
        let ((min_x, min_y), (max_x, max_y)) =
            BackendTextStyle::layout_box(&larger, text)
                .map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
        let (width, height) = (max_x - min_x, max_y - min_y);
        let anchor = BackendTextStyle::anchor(&larger);
        let dx = match anchor.h_pos {
            HPos::Left => 0,
            HPos::Right => -width,
            HPos::Center => -width / 2,
        };
        let dy = match anchor.v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };
        let transform = BackendTextStyle::transform(&larger);
        let (w, h) = self.inner.get_size();
        let origin = corner(pos);
        let inner = &mut self.inner;
        let size = (style.size() * f64::from(SCALE)) as f32;
        draw_glyphs(style.style(), size, text, |x, y, coverage| {
            let (x, y) = transform.transform(x + dx - min_x, y + dy - min_y);
            let (x, y) = (origin.0 + x, origin.1 + y);
            let alpha = round_coverage(f64::from(coverage) * color.alpha);
            if alpha == 0.0 || x < 0 || y < 0 || x >= w as i32 || y >= h as i32
            {
                return Ok(());
            }
            inner.draw_pixel((x, y), BackendColor { alpha, ..color })
        })
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        // Layout happens in figure pixels, at the 1× size: the same as before scaling.
        self.inner.estimate_text_size(text, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (width, height): (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        // Each RGB pixel becomes an S × S block.
        let scale = SCALE as usize;
        let (w, h) = (width as usize, height as usize);
        let mut larger = Vec::with_capacity(src.len() * scale * scale);
        for row in src.chunks_exact(3 * w).take(h) {
            let mut wide = Vec::with_capacity(row.len() * scale);
            for rgb in row.chunks_exact(3) {
                for _ in 0..scale {
                    wide.extend_from_slice(rgb);
                }
            }
            for _ in 0..scale {
                larger.extend_from_slice(&wide);
            }
        }
        self.inner.blit_bitmap(
            corner(pos),
            (width * SCALE, height * SCALE),
            &larger,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Draws with `draw` on a 40 × 30 figure (80 × 60 pixels) and returns its colours.
    fn colours(
        draw: impl Fn(&DrawingArea<Scaled<Coverage<BitMapBackend>>, Shift>),
    ) -> BTreeSet<[u8; 3]> {
        let mut buffer = vec![255u8; 80 * 60 * 3];
        {
            let bitmap = BitMapBackend::with_buffer(&mut buffer, (80, 60));
            let inner = Coverage {
                inner: bitmap,
                edges: Edges::Smooth,
                filling: false,
            };
            let area = Scaled { inner }.into_drawing_area();
            assert_eq!(area.dim_in_pixel(), (40, 30));
            draw(&area);
            area.present().expect("presents");
        }
        buffer.chunks_exact(3).map(|p| [p[0], p[1], p[2]]).collect()
    }

    /// The columns where `text`, drawn by [`draw_glyphs`] at 40 pixels, has
    /// ink (coverage over a half).
    fn inked_columns(text: &str) -> Vec<i32> {
        let mut columns = BTreeSet::new();
        draw_glyphs::<std::io::Error>(
            plotters::style::FontStyle::Normal,
            40.0,
            text,
            |x, _, coverage| {
                if coverage > 0.5 {
                    columns.insert(x);
                }
                Ok(())
            },
        )
        .expect("the embedded font draws");
        columns.into_iter().collect()
    }

    #[test]
    fn glyphs_keep_their_side_bearings() {
        use ab_glyph::{Font, ScaleFont};
        let font = ab_glyph::FontRef::try_from_slice(super::super::font_bytes(
            plotters::style::FontStyle::Normal,
        ))
        .expect("valid");
        let i = font.as_scaled(40.0);
        let id = i.glyph_id('i');
        let (bearing, advance) = (i.h_side_bearing(id), i.h_advance(id));
        // The ink of "i" starts after its left side bearing (plotters drew it
        // from 0), and the second "i" of "ii" one advance later.
        assert!(bearing > 3.0, "{bearing}");
        let one = inked_columns("i");
        assert_eq!(one[0], bearing.round() as i32, "{one:?}");
        let two = inked_columns("ii");
        let second = two.iter().find(|&&x| x > one[one.len() - 1] + 1);
        let expected = (advance + bearing).round() as i32;
        assert_eq!(second, Some(&expected), "{two:?}, advance {advance}");
    }

    #[test]
    fn edges_have_few_levels_of_coverage() {
        let blue = RGBColor(77, 119, 207);
        let line = colours(|area| {
            let path = PathElement::new(
                vec![(2, 3), (37, 20)],
                Color::stroke_width(&blue, 3),
            );
            area.draw(&path).expect("draws");
        });
        assert!(line.len() <= 2 + COVERAGE_LEVELS as usize, "{line:?}");
        let dot = colours(|area| {
            area.draw(&Circle::new((20, 15), 6, blue.filled()))
                .expect("draws");
        });
        assert!(dot.len() <= 2 + COVERAGE_LEVELS as usize, "{dot:?}");
    }
}
