//! The RON files of the game. Every kind goes through one path: read with a
//! size limit, parse into `Raw*` serde structs (syntax errors carry
//! `path:line:col`), then validate into the model's own types (meaning errors
//! name the field). The window and the command line share these loaders.
//!
//! The submodules are public because each is a namespace callers need: one
//! per kind of file (`scenario`, `strategy`, `replay`, `save`, `roster`, the
//! player's `settings`), whose functions read as `replay::verify`,
//! `save::resume`; plus `builtin` (the compiled-in files) and `atomic` (the
//! one writer). `actions`, the catalog
//! a scenario overrides, is read only through `scenario`. What every loader
//! shares (`load`) and the reader of any kind (`any`) are private; the
//! `pub use` lines below are the one public path of what callers use of them.

mod actions;
mod any;
pub mod atomic;
pub mod builtin;
mod load;
pub mod replay;
pub mod roster;
pub mod save;
pub mod scenario;
pub mod settings;
pub mod strategy;

pub use any::{AnyFile, load_any, parse_any};
pub use load::{LoadError, read_limited};
