//! Colormaps for pictures of functions, by key colours.

use plotters::style::RGBColor;

/// A colormap given by evenly spaced key colours, linearly interpolated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colormap(pub &'static [(u8, u8, u8)]);

impl Colormap {
    /// The colour for a value with none, like matplotlib's "bad" colour: `NaN`, or a map
    /// without keys. A grey no map here uses, so that a hole in the data shows as one.
    pub const BAD: RGBColor = RGBColor(0x80, 0x80, 0x80);

    /// The colour at `t` in `[0, 1]`; values outside are clamped (±inf to the ends), `NaN`
    /// gives [`Colormap::BAD`]. A map of one key is that colour everywhere; a map of none
    /// is `BAD` everywhere.
    pub fn at(&self, t: f64) -> RGBColor {
        let keys = self.0;
        match keys {
            [] => return Self::BAD,
            [only] => return RGBColor(only.0, only.1, only.2),
            _ if t.is_nan() => return Self::BAD,
            _ => {}
        }
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
        assert_eq!(COOLWARM.at(f64::INFINITY), COOLWARM.at(1.0));
        assert_eq!(COOLWARM.at(f64::NEG_INFINITY), COOLWARM.at(0.0));
    }

    #[test]
    fn the_edges_have_a_documented_colour() {
        assert_eq!(PUBU_R.at(f64::NAN), Colormap::BAD);
        assert_eq!(Colormap(&[]).at(0.5), Colormap::BAD);
        assert_eq!(Colormap(&[(1, 2, 3)]).at(0.9), RGBColor(1, 2, 3));
        assert_eq!(Colormap(&[(1, 2, 3)]).at(f64::NAN), RGBColor(1, 2, 3));
        // Halfway between two keys, rounded.
        assert_eq!(
            Colormap(&[(0, 0, 0), (255, 101, 10)]).at(0.5),
            RGBColor(128, 51, 5)
        );
        // No map here uses BAD's grey at its ends, so a NaN cannot pass for a value.
        for map in [&PUBU_R, &COOLWARM] {
            assert!(map
                .0
                .iter()
                .all(|&(r, g, b)| RGBColor(r, g, b) != Colormap::BAD));
        }
    }
}
