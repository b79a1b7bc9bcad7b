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

    /// The same error, said as part of `context`.
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

/// Adds what was being done to an error, or turns a missing value into one.
pub trait Context<T> {
    /// On failure, an [`Error`] that says `context` first.
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
}
