//! NumPy's legacy `RandomState`, bit for bit: the same numbers as
//! `np.random.RandomState(seed).rand(...)` and `.randint(...)`.
//!
//! The generator is the Mersenne Twister MT19937 from the `rand_mt` crate,
//! seeded the way NumPy seeds it from a 32-bit integer; the conversions to
//! floats and bounded integers are NumPy's own (`random_standard_uniform` and
//! the masked rejection sampling of `randint`). Use it when you need NumPy's
//! exact numbers; otherwise `ndarray-rand` with a seeded generator from `rand`
//! is the idiomatic choice.

use ndarray::Array2;
use rand_mt::Mt;

use crate::allocation::{
    ensure_allocatable, ensure_allocatable_like_numpy, ensure_shape_like_numpy,
};

// ANCHOR: random_state
/// NumPy's legacy random number generator, `np.random.RandomState`. A clone
/// goes on with the same draws, as a `copy.deepcopy` of NumPy's does.
#[derive(Debug, Clone)]
pub struct RandomState {
    mt: Mt,
}

impl RandomState {
    /// `np.random.RandomState(seed)`.
    pub fn new(seed: u32) -> RandomState {
        RandomState { mt: Mt::new(seed) }
    }

    /// One double in [0, 1) from 53 random bits, as NumPy makes it from two
    /// 32-bit draws.
    pub fn next_f64(&mut self) -> f64 {
        let a = self.mt.next_u32() >> 5; // 27 bits
        let b = self.mt.next_u32() >> 6; // 26 bits
        (f64::from(a) * 67_108_864.0 + f64::from(b)) / 9_007_199_254_740_992.0
    }

    /// `rand(rows, cols)`: uniform doubles in [0, 1), filled row by row.
    ///
    /// # Panics
    /// When the array cannot be allocated (NumPy: `MemoryError`), or no array
    /// can have its shape (NumPy: `ValueError`).
    pub fn rand(&mut self, rows: usize, cols: usize) -> Array2<f64> {
        ensure_allocatable_like_numpy::<f64>("rand", &[rows, cols]);
        Array2::from_shape_simple_fn((rows, cols), || self.next_f64())
    }

    /// `randint(low, high, size=(rows, cols))`: integers in [low, high),
    /// NumPy's default (legacy) algorithm: draw, mask to the smallest covering
    /// power of two, reject and retry.
    ///
    /// # Panics
    /// If `low >= high` and the array is not empty, like NumPy's `ValueError:
    /// low >= high` (for an empty size NumPy checks only that it could make
    /// the array and returns it, and so does this function). Like
    /// [`RandomState::rand`], when the array cannot be allocated or have its
    /// shape.
    pub fn randint(
        &mut self,
        low: i64,
        high: i64,
        rows: usize,
        cols: usize,
    ) -> Array2<i64> {
        // NumPy's order: it first returns `np.empty(size)` when the product
        // of the sizes is 0 (an empty shape, or one like (2**32, 2**32),
        // which `np.empty` refuses as too big), then checks `low >= high`,
        // then allocates: (2**31, 2**31), whose bytes no array can hold, is
        // still "low >= high". The product is an int64 that wraps, or a
        // float when a size is beyond int64, which is 0 only for a size of 0.
        let empty = rows == 0 || cols == 0;
        let product_is_zero = match (i64::try_from(rows), i64::try_from(cols)) {
            (Ok(rows), Ok(cols)) => rows.wrapping_mul(cols) == 0,
            _ => empty,
        };
        if !product_is_zero {
            assert!(low < high, "randint: low >= high ({low} >= {high})");
        }
        ensure_allocatable_like_numpy::<i64>("randint", &[rows, cols]);
        if empty {
            return Array2::zeros((rows, cols));
        }
        let range = high.abs_diff(low) - 1; // largest offset from `low`
        Array2::from_shape_simple_fn((rows, cols), || {
            low.wrapping_add(self.offset(range) as i64)
        })
    }

    /// `choice([0, 1], size=(rows, cols))` for a two-element population, which
    /// NumPy's legacy `choice` draws as `randint(0, 2)` and then looks up.
    /// The same draws are made here straight into the `u8` result, with no
    /// `i64` array beside it.
    ///
    /// # Panics
    /// For the shapes NumPy refuses for its int64 indices ("array is too
    /// big"), or when the result cannot be allocated (NumPy: `MemoryError`).
    pub fn choice_binary(&mut self, rows: usize, cols: usize) -> Array2<u8> {
        ensure_shape_like_numpy::<i64>(
            "choice_binary (NumPy's int64 indices)",
            &[rows, cols],
        );
        ensure_allocatable::<u8>("choice_binary", &[rows, cols]);
        Array2::from_shape_simple_fn((rows, cols), || self.offset(1) as u8)
    }

    /// One draw in `0..=range`, as NumPy bounds it: masked to the smallest
    /// covering power of two, and rejected until in range.
    fn offset(&mut self, range: u64) -> u64 {
        let mask = u64::MAX >> range.leading_zeros().min(63);
        match range {
            0 => 0,
            r if r == u64::from(u32::MAX) => u64::from(self.mt.next_u32()),
            r if r < u64::from(u32::MAX) => loop {
                let value = u64::from(self.mt.next_u32()) & mask;
                if value <= r {
                    break value;
                }
            },
            r => loop {
                let high_bits = u64::from(self.mt.next_u32());
                let value =
                    ((high_bits << 32) | u64::from(self.mt.next_u32())) & mask;
                if value <= r {
                    break value;
                }
            },
        }
    }
}
// ANCHOR_END: random_state

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    // The expected values were printed by NumPy 2.4.6 (np.random.RandomState);
    // python/outputs/edge-cases/random.json holds NumPy's answers, the sizes it
    // refuses and the order of its checks, which tests/edge_cases/random.rs
    // compares with these functions.

    #[test]
    fn rand_seed_42_matches_the_tutorial() {
        let x = RandomState::new(42).rand(10, 2);
        assert_eq!(x[[0, 0]], 0.3745401188473625);
        assert_eq!(x[[0, 1]], 0.9507143064099162);
        assert_eq!(x[[2, 1]], 0.15599452033620265);
        assert_eq!(x[[5, 0]], 0.020584494295802447);
        assert_eq!(x[[9, 1]], 0.2912291401980419);
    }

    #[test]
    fn consecutive_calls_continue_the_stream() {
        let mut r = RandomState::new(0);
        assert_eq!(
            r.rand(2, 3),
            array![
                [0.5488135039273248, 0.7151893663724195, 0.6027633760716439],
                [0.5448831829968969, 0.4236547993389047, 0.6458941130666561]
            ]
        );
        assert_eq!(r.randint(0, 10, 2, 3), array![[4, 7, 6], [8, 8, 1]]);
        assert_eq!(
            r.rand(1, 2),
            array![[0.7917250380826646, 0.5288949197529045]]
        );
    }

    #[test]
    fn randint_negative_ranges_and_large_seeds() {
        let mut r = RandomState::new(u32::MAX);
        assert_eq!(
            r.randint(-5, 5, 2, 4),
            array![[-2, -3, 2, -1], [-5, 1, 4, -5]]
        );
    }

    #[test]
    fn randint_64_bit_ranges_and_single_values() {
        let mut r = RandomState::new(123);
        assert_eq!(
            r.randint(0, 1 << 40, 1, 3),
            array![[1093983812973, 543006147906, 947860132962]]
        );
        assert_eq!(
            r.randint(-1_000_000_000_000, 1_000_000_000_000, 1, 2),
            array![[-9068794863, -641408374678]]
        );
        assert_eq!(r.randint(5, 6, 1, 2), array![[5, 5]]); // no draw at all
        assert_eq!(r.rand(1, 1), array![[0.42310646012446096]]);
    }

    #[test]
    fn choice_of_zero_and_one_is_randint_0_2() {
        let expected =
            array![[1, 0, 1, 0, 1], [1, 1, 1, 0, 1], [0, 1, 0, 1, 0]];
        assert_eq!(RandomState::new(7).randint(0, 2, 3, 5), expected);
        assert_eq!(
            RandomState::new(7).choice_binary(3, 5),
            expected.mapv(|v| v as u8)
        );
    }

    #[test]
    fn an_empty_size_needs_no_valid_range() {
        // NumPy: randint(3, 3, (0, 4)) and randint(5, 3, (3, 0)) return empty
        // arrays.
        let mut r = RandomState::new(1);
        assert_eq!(r.randint(3, 3, 0, 4).dim(), (0, 4));
        assert_eq!(r.randint(5, 3, 3, 0).dim(), (3, 0));
        // and draw nothing: the stream continues as if they were not called
        assert_eq!(r.rand(1, 1), RandomState::new(1).rand(1, 1));
    }

    #[test]
    #[should_panic(expected = "low >= high")]
    fn empty_range_is_a_clear_error() {
        RandomState::new(1).randint(3, 3, 1, 1);
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// Bounds anywhere in `i64`, at its ends, and around the 32-bit
        /// boundary where `randint` changes from one draw to two.
        fn bound() -> impl Strategy<Value = i64> {
            prop_oneof![
                -5i64..5,
                any::<i64>(),
                prop::sample::select(vec![
                    i64::MIN,
                    i64::MIN + 1,
                    i64::MAX - 1,
                    i64::MAX,
                    (1 << 32) - 1,
                    1 << 32,
                    (1 << 32) + 1,
                ]),
            ]
        }

        proptest! {
            /// Every draw of `randint(low, high)` is in `[low, high)`, whatever
            /// the bounds, and `rand`'s are in `[0, 1)`; a clone goes on with
            /// the same draws.
            #[test]
            fn draws_stay_in_their_range(
                seed in any::<u32>(), a in bound(), b in bound(),
            ) {
                let (low, high) = (a.min(b), a.max(b));
                prop_assume!(low < high);
                let mut r = RandomState::new(seed);
                let mut twin = r.clone();
                let ints = r.randint(low, high, 3, 4);
                prop_assert!(ints.iter().all(|&v| low <= v && v < high), "{}", ints);
                let floats = r.rand(2, 5);
                prop_assert!(floats.iter().all(|&v| (0.0..1.0).contains(&v)));
                prop_assert_eq!(twin.randint(low, high, 3, 4), ints);
                prop_assert_eq!(twin.rand(2, 5), floats);
            }
        }
    }
}
