//! What reading every kind of file shares: the size limit, RON parsing
//! whose syntax errors carry `path:line:col`, the checks of meaning that name
//! the field, and the one error all of them give.

use std::path::Path;

/// Largest scenario or strategy file we read.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The version every current file carries.
pub const FORMAT_VERSION: u32 = 1;

/// Why a file was not read. Every message is one line (a line of `check`'s
/// output): text quoted from the file has its control characters escaped.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read: {message}")]
    Io { path: String, message: String },
    #[error("{path}: file is {bytes} bytes; the limit is {limit} bytes")]
    TooLarge { path: String, bytes: u64, limit: u64 },
    #[error("{path}:{line}:{col}: {}", one_line(.message))]
    Syntax {
        path: String,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{path}: field `{}`: {}", one_line(.field), one_line(.message))]
    Invalid {
        path: String,
        field: String,
        message: String,
    },
    #[error(
        "{path}:1:1: expected a file starting with Scenario(, Strategy(, Replay( or Save(, found `{}`",
        one_line(.found)
    )]
    UnknownKind { path: String, found: String },
    #[error(
        "`{}` is neither a file nor a built-in id (built-in: {})",
        one_line(.name),
        .known.join(", ")
    )]
    NotFound { name: String, known: Vec<String> },
}

/// Text from a file, fit to be quoted in a one-line message: control
/// characters (a newline in a name, say) are written as escapes.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(char::is_control) {
        text.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// Collects the first meaning error found while validating, with the path
/// of the field.
pub struct Check<'a> {
    pub path: &'a str,
}

impl Check<'_> {
    pub fn fail<T>(&self, field: impl Into<String>, message: impl Into<String>) -> Result<T, LoadError> {
        Err(LoadError::Invalid {
            path: self.path.to_string(),
            field: field.into(),
            message: message.into(),
        })
    }

    /// A finite number within [min, max].
    pub fn range(&self, field: impl Into<String>, value: f64, min: f64, max: f64) -> Result<(), LoadError> {
        if !value.is_finite() || value < min || value > max {
            return self.fail(field, format!("{value} is out of range; expected {min} to {max}"));
        }
        Ok(())
    }

    pub fn text(&self, field: impl Into<String>, value: &str, max_chars: usize) -> Result<(), LoadError> {
        let field = field.into();
        if value.trim().is_empty() {
            return self.fail(field, "must not be empty");
        }
        if value.chars().count() > max_chars {
            return self.fail(field, format!("is longer than {max_chars} characters"));
        }
        Ok(())
    }

    pub fn id(&self, field: impl Into<String>, value: &str) -> Result<(), LoadError> {
        let field = field.into();
        if value.is_empty()
            || value.len() > 64
            || !value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        {
            return self.fail(
                field,
                format!("`{value}` is not a valid id (1 to 64 of a-z, 0-9, _ and -)"),
            );
        }
        Ok(())
    }

    pub fn count(
        &self,
        field: impl Into<String>,
        len: usize,
        min: usize,
        max: usize,
    ) -> Result<(), LoadError> {
        if len < min || len > max {
            return self.fail(field, format!("has {len} entries; expected {min} to {max}"));
        }
        Ok(())
    }
}

/// Reads a text file with a size limit, never allocating more than that.
pub fn read_limited(path: &Path, limit: u64) -> Result<String, LoadError> {
    use std::io::Read;
    let display = path.display().to_string();
    let io = |e: std::io::Error| LoadError::Io {
        path: display.clone(),
        message: e.to_string(),
    };
    // Asked first, without opening: opening a named pipe would wait for a
    // writer, and a device or a folder has no text to give.
    let kind = std::fs::metadata(path).map_err(io)?;
    if !kind.is_file() {
        return Err(LoadError::Io {
            path: display,
            message: "not a regular file".to_string(),
        });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let bytes = file.metadata().map_err(io)?.len();
    if bytes > limit {
        return Err(LoadError::TooLarge {
            path: display,
            bytes,
            limit,
        });
    }
    let mut text = String::new();
    file.take(limit + 1)
        .read_to_string(&mut text)
        .map_err(|e| LoadError::Io {
            path: display.clone(),
            message: if e.kind() == std::io::ErrorKind::InvalidData {
                "the file is not UTF-8 text".to_string()
            } else {
                e.to_string()
            },
        })?;
    if text.len() as u64 > limit {
        return Err(LoadError::TooLarge {
            path: display,
            bytes: text.len() as u64,
            limit,
        });
    }
    // Some editors start UTF-8 files with a byte-order mark; RON does not
    // expect one.
    if text.starts_with('\u{feff}') {
        text.replace_range(..'\u{feff}'.len_utf8(), "");
    }
    Ok(text)
}

/// Parses RON text into a raw struct; syntax errors become `path:line:col`.
pub fn parse_ron<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, LoadError> {
    let options = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    options.from_str(text).map_err(|error| LoadError::Syntax {
        path: path.to_string(),
        line: error.span.start.line,
        col: error.span.start.col,
        message: error.code.to_string(),
    })
}

/// Checks the `version` field shared by every file.
pub fn check_version(check: &Check, version: u32) -> Result<(), LoadError> {
    if version != FORMAT_VERSION {
        return check.fail(
            "version",
            format!("version {version} is not supported; this game reads version {FORMAT_VERSION}"),
        );
    }
    Ok(())
}

/// Checks a hash written as 16 hexadecimal digits (as the game writes them).
pub fn check_hash(check: &Check, field: impl Into<String>, value: &str) -> Result<(), LoadError> {
    if value.len() != 16 || !value.chars().all(|c| c.is_ascii_hexdigit()) {
        return check.fail(field, format!("`{value}` is not a hash of 16 hexadecimal digits"));
    }
    Ok(())
}
