//! The one error of the command line: a message for the user, printed as
//! `error: ...` with exit status 2. Any error of the layers below converts
//! into it by its message.

/// A failure the user should read: printed as `error: ...`, exit status 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl<E: std::fmt::Display> From<E> for CliError {
    fn from(error: E) -> Self {
        CliError(error.to_string())
    }
}
