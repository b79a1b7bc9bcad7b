//! Colormaps for pictures of functions, by key colours.

use plotters::style::RGBColor;

/// A colormap given by evenly spaced key colours, linearly interpolated.
pub struct Colormap(pub &'static [(u8, u8, u8)]);

impl Colormap {
    /// The colour at `t` in `[0, 1]` (clamped).
    pub fn at(&self, t: f64) -> RGBColor {
        let keys = self.0;
        let t = t.clamp(0.0, 1.0) * (keys.len() - 1) as f64;
        let i = (t.floor() as usize).min(keys.len() - 2);
        let f = t - i as f64;
        let mix = |a: u8, b: u8| {
            (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8
        };
        let (a, b) = (keys[i], keys[i + 1]);
        RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }
}

/// ColorBrewer's PuBu, reversed (matplotlib's `PuBu_r`): dark blue for low values, white for high.
pub const PUBU_R: Colormap = Colormap(&[
    (0x02, 0x38, 0x58),
    (0x04, 0x5a, 0x8d),
    (0x05, 0x70, 0xb0),
    (0x36, 0x90, 0xc0),
    (0x74, 0xa9, 0xcf),
    (0xa6, 0xbd, 0xdb),
    (0xd0, 0xd1, 0xe6),
    (0xec, 0xe7, 0xf2),
    (0xff, 0xf7, 0xfb),
]);

/// Kenneth Moreland's cool-warm diverging map (matplotlib's `coolwarm`), by five key colours.
pub const COOLWARM: Colormap = Colormap(&[
    (0x3b, 0x4c, 0xc0),
    (0x8d, 0xb0, 0xfe),
    (0xdd, 0xdd, 0xdd),
    (0xf4, 0x9a, 0x7b),
    (0xb4, 0x04, 0x26),
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_are_the_key_colours() {
        assert_eq!(PUBU_R.at(0.0), RGBColor(0x02, 0x38, 0x58));
        assert_eq!(PUBU_R.at(1.0), RGBColor(0xff, 0xf7, 0xfb));
        assert_eq!(COOLWARM.at(2.0), RGBColor(0xb4, 0x04, 0x26)); // clamped
    }
}
