//! A posted form's fields, and the checks every form passes first: the
//! session's CSRF token.

use crate::class::game::folder::same_code;

/// A form's fields in the order sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    /// The first value of a field.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// A field's value trimmed, or empty.
    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().trim().to_string()
    }

    /// Whether the form carries the session's CSRF token (compared in
    /// constant time).
    pub fn carries(&self, csrf: &str) -> bool {
        self.get("csrf")
            .is_some_and(|given| !csrf.is_empty() && same_code(given, csrf))
    }
}
