//! `rapport class serve`: the class game engine as an HTTP JSON service.
//!
//! STUB written before the work is split: the server helper fills it in.

use super::ClassError;
use std::path::Path;

/// Serves the class game in `dir` on `addr` (e.g. `127.0.0.1:7070`) until
/// the process is stopped.
pub fn serve(dir: &Path, addr: &str) -> Result<(), ClassError> {
    let _ = (dir, addr);
    Err(ClassError::Broken("the class server is not built yet".into()))
}
