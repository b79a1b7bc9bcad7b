//! The companion crate of *NumPy Tricks in Rust*.
//!
//! Every code sample of the book lives in this crate, one module per chapter (`introduction`,
//! `memory`, `speed`, …, in the folders `introduction/`, `ch01_memory/`, `ch02_speed/`, … in
//! reading order), between `// ANCHOR: name` / `// ANCHOR_END: name` comments that the book
//! includes. Each chapter module declares what it contributes to the book as one
//! [`Chapter`](chapter::Chapter) value, and [`CHAPTERS`], the catalog below, lists them: the test suite
//! runs every sample and compares what it prints with the output the book shows, and
//! `mdbook test` compiles and runs the very same lines again as part of the book.
//!
//! The lower modules — [`allocation`], [`error`], [`chapter`], [`figures`], [`numpy_text`], [`results`], [`benchmarks`] and
//! [`random`] — never use a chapter. The binary of this crate (`cargo run --release` at the
//! repository root) regenerates every figure in `images/` and every output in `src/outputs/`.
//!
//! Floating-point results: a NaN's sign bit is not specified (Rust, like IEEE 754, leaves it
//! open). Where two NaNs meet in a sum, the result carries one of them, and which one can change
//! with the optimisation level, so a NaN result may print as `NaN` in a debug build and be
//! `-NaN` in its bits in a release build. Every comparison and sort of the book treats all NaNs
//! alike (`is_nan`, NaN last); `to_bits`, `is_sign_negative` and `total_cmp` can tell them apart.

// The lower modules: machinery that every chapter may use, and that uses no chapter.
pub mod allocation;
pub mod benchmarks;
pub mod chapter;
pub mod error;
pub mod figures;
pub mod numpy_text;
pub mod random;
pub mod results;

// The top: the chapters' catalog and what works on it, and the book's prelude.
pub mod book;
pub mod prelude;

// The README's "Adding a chapter" example, compiled and run as the README shows it (a guard
// test checks that the README shows its three files, mod.rs, figures.rs and numpy_table.rs,
// byte for byte). Not part of the book.
#[cfg(test)]
mod new_chapter_example;

pub use error::{Error, Result};

// The `blas` feature links the system's OpenBLAS for ndarray's `dot` (chapter 5): naming the
// backend crate once is what links it.
#[cfg(feature = "blas")]
extern crate blas_src as _;

/// Declares each chapter's module (and its public name, when the module's is longer), lists
/// the chapters in [`CHAPTERS`] and hands their public items to the [`prelude`], from one line
/// per chapter.
macro_rules! chapters {
    ($($module:ident $(as $public:ident)?),* $(,)?) => {
        $(
            pub mod $module;
            $(pub use $module as $public;)?
        )*

        /// Every chapter of the book, in reading order: the catalog.
        pub const CHAPTERS: &[chapter::Chapter] = &[$($module::CHAPTER),*];

        /// Every public item of every chapter, for the prelude. Each chapter has a `CHAPTER`,
        /// which no code block uses; the prelude picks among other names two chapters share.
        mod chapter_items {
            #[allow(ambiguous_glob_reexports)]
            pub use super::{$($module::*),*};
        }
    };
}

// The catalog: one line per chapter, in reading order. Adding a chapter adds its line here.
chapters! {
    introduction,
    ch01_memory as memory,
    ch02_speed as speed,
    ch03_broadcasting as broadcasting,
    ch04_newaxis as newaxis,
    ch05_products as products,
    ch06_meshgrid as meshgrid,
    ch07_knn as knn,
    ch08_life as life,
    ch09_convolution as convolution,
    where_next,
    appendix,
}

#[cfg(test)]
mod readme_example_tests {
    use super::new_chapter_example::CHAPTER;

    #[test]
    fn the_readme_chapter_runs_its_sample_and_draws_its_figure() {
        assert_eq!(CHAPTER.slug, "ch10-where");
        for sample in CHAPTER.samples {
            (sample.run)();
        }
        // Its NumPy → ndarray table runs its row and shows the code that ran.
        let [table] = CHAPTER.tables else {
            panic!("the README's chapter has one table")
        };
        let crate::chapter::Render::Text(render) = table.render else {
            panic!("{} is made from the sources alone", table.name)
        };
        let markdown = render().expect("every row runs");
        assert!(
            markdown.contains("`np.where(a > 0, a, 0)`")
                && markdown
                    .contains(r"a.mapv(\|x\| if x > 0 { x } else { 0 })"),
            "{markdown}"
        );
        let dir = std::env::temp_dir()
            .join(format!("chapters-code-readme-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        for figure in CHAPTER.figures {
            let path = dir.join(figure.name);
            (figure.render)(&path).expect("the README's figure renders");
            let png = std::fs::read(&path).expect("the figure was written");
            assert!(png.starts_with(b"\x89PNG"), "{}", figure.name);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
