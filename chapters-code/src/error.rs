//! The one error type of the book's machinery: drawing figures, building tables, reading
//! benchmark results, running samples and writing or checking the generated files.
//!
//! The errors the chapters teach (`BroadcastError`, `ReshapeError`, `DotShapeError`,
//! `KnnError`, `ConvError`) are lessons of their own and keep their types; when machinery
//! code meets one, `?` turns it into an [`Error`] like any other error.

use std::fmt;

/// The result type of the book's machinery.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, said from the outside in: `figure images/x.png: contour: …`.
///
/// Any standard error converts into it with `?` (so, like `anyhow::Error`, it does not
/// implement `std::error::Error` itself); [`Context::context`] adds what was being done.
/// Like `anyhow::Error` too, it converts into a `Box<dyn std::error::Error>` (with or
/// without `Send + Sync`), so `?` works in a function that returns one:
///
/// ```
/// use std::error::Error as StdError;
///
/// fn values(printed: &str) -> Result<usize, Box<dyn StdError + Send + Sync>> {
///     Ok(chapters_code::numpy_text::array(printed)?.values().len())
/// }
///
/// assert_eq!(values("[[1. 2.]\n [3. 4.]]")?, 4);
/// let refused = values("[1 2] [3]").expect_err("two arrays");
/// assert_eq!(refused.to_string(), "expected one array, found 2");
/// # Ok::<(), Box<dyn StdError + Send + Sync>>(())
/// ```
pub struct Error {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    /// An error with a message of its own.
    pub fn msg(message: impl fmt::Display) -> Error {
        Error {
            message: message.to_string(),
            source: None,
        }
    }

    /// The same error, said as part of `context`. It returns the new error: a call whose
    /// answer is dropped loses the error, which the compiler points out.
    ///
    /// ```compile_fail
    /// #![deny(unused_must_use)]
    /// let error = chapters_code::Error::msg("bad");
    /// error.context("step"); // the error is dropped here
    /// ```
    #[must_use = "the error with its context is returned; the one given is consumed"]
    pub fn context(self, context: impl fmt::Display) -> Error {
        Error {
            message: if self.message.is_empty() {
                context.to_string()
            } else {
                format!("{context}: {}", self.message)
            },
            source: self.source,
        }
    }

    /// The standard error this one came from, if any.
    pub fn source(
        &self,
    ) -> Option<&(dyn std::error::Error + Send + Sync + 'static)> {
        self.source.as_deref()
    }
}

impl<E: std::error::Error + Send + Sync + 'static> From<E> for Error {
    fn from(error: E) -> Error {
        Error {
            message: String::new(),
            source: Some(Box::new(error)),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        let mut source: Option<&(dyn std::error::Error + 'static)> =
            match &self.source {
                Some(boxed) => Some(boxed.as_ref()),
                None => None,
            };
        let mut separator = if self.message.is_empty() { "" } else { ": " };
        while let Some(error) = source {
            write!(f, "{separator}{error}")?;
            separator = ": ";
            source = error.source();
        }
        Ok(())
    }
}

/// Shown as its message, so that `expect` and a failing `main` print a readable line.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// For `?` in a function that returns a boxed standard error. An error converted from a
/// standard one with nothing said around it is that error again (its type, for
/// `downcast_ref`); any other is boxed with its message as its `Display` and what it came
/// from as its `source`, and its `Debug` says the whole chain, as [`Error`]'s does (what a
/// failing `main` prints).
impl From<Error> for Box<dyn std::error::Error + Send + Sync + 'static> {
    fn from(error: Error) -> Self {
        match error.source {
            Some(source) if error.message.is_empty() => source,
            source => Box::new(Boxed {
                message: error.message,
                source,
            }),
        }
    }
}

/// As the `Send + Sync` conversion above, for `Box<dyn std::error::Error>`.
impl From<Error> for Box<dyn std::error::Error + 'static> {
    fn from(error: Error) -> Self {
        Box::<dyn std::error::Error + Send + Sync>::from(error)
    }
}

/// An [`Error`] with a message of its own, as a standard error: the message is its
/// `Display`, the error it came from its `source` (said once each, as the standard
/// library's errors do), and its `Debug` the whole chain.
struct Boxed {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl fmt::Display for Boxed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Debug for Boxed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        let mut source = std::error::Error::source(self);
        while let Some(error) = source {
            write!(f, ": {error}")?;
            source = error.source();
        }
        Ok(())
    }
}

impl std::error::Error for Boxed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.source {
            Some(boxed) => Some(boxed.as_ref()),
            None => None,
        }
    }
}

/// Adds what was being done to an error, or turns a missing value into one.
pub trait Context<T> {
    /// On failure, an [`Error`] that says `context` first.
    ///
    /// # Errors
    ///
    /// When `self` is an error: that error, after `context`; when it is `None`: `context` alone.
    fn context(self, context: impl fmt::Display) -> Result<T>;
}

impl<T, E: Into<Error>> Context<T> for std::result::Result<T, E> {
    fn context(self, context: impl fmt::Display) -> Result<T> {
        self.map_err(|e| e.into().context(context))
    }
}

impl<T> Context<T> for Option<T> {
    fn context(self, context: impl fmt::Display) -> Result<T> {
        self.ok_or_else(|| Error::msg(context))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_from_the_outside_in() {
        let io =
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let e = Err::<(), _>(io)
            .context("cannot read x.csv")
            .context("results")
            .expect_err("an error");
        assert_eq!(e.to_string(), "results: cannot read x.csv: no such file");
        assert!(e.source().is_some());
        let e = None::<u8>.context("nothing there").expect_err("an error");
        assert_eq!(format!("{e:?}"), "nothing there");
        assert_eq!(Error::msg("bad").context("step").to_string(), "step: bad");
    }

    /// `?` into a boxed standard error keeps every message once and the source's type.
    #[test]
    fn converts_into_a_boxed_standard_error() {
        use std::error::Error as StdError;
        let io = || std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        // A plain conversion is the standard error itself.
        let plain: Box<dyn StdError + Send + Sync> = Error::from(io()).into();
        assert_eq!(plain.to_string(), "gone");
        assert!(plain.downcast_ref::<std::io::Error>().is_some());
        // With context: the context is its message, the I/O error its source.
        let read = || Err::<(), _>(io()).context("cannot read x.csv");
        let boxed: Box<dyn StdError + Send + Sync> =
            read().expect_err("an error").into();
        assert_eq!(boxed.to_string(), "cannot read x.csv");
        let source = boxed.source().expect("the I/O error");
        assert_eq!(source.to_string(), "gone");
        assert!(source.downcast_ref::<std::io::Error>().is_some());
        assert_eq!(format!("{boxed:?}"), "cannot read x.csv: gone");
        // A message of its own has no source; without Send + Sync too.
        let own: Box<dyn StdError> = Error::msg("bad").context("step").into();
        assert_eq!(
            (own.to_string(), own.source().is_none()),
            ("step: bad".into(), true)
        );
        // `?` in a function that returns one.
        fn run() -> std::result::Result<(), Box<dyn StdError>> {
            Err(Error::msg("refused"))?;
            Ok(())
        }
        assert_eq!(run().expect_err("refused").to_string(), "refused");
    }
}
