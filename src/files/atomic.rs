//! Writing files so that a crash never leaves half of one. Every file the
//! game writes (saves, replays, CSV, PNG, Markdown) goes through here: the
//! bytes go to a temporary file beside the target, are flushed to the disk,
//! and the temporary file is renamed over the target. A reader, or the game
//! after a crash, sees the old file or the new one, never a mix.
//!
//! A writer killed mid-write leaves its temporary file behind, named
//! `.NAME.PID-N.tmp`. No loader reads such a name (they are hidden and end
//! in `.tmp`), and the next process that writes into the same folder
//! removes the ones whose writer is gone, unless it writes with
//! [`write_atomic_shared`] (a folder that other machines write into too).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Temporary files written by this process so far (keeps two threads that
/// write the same target from sharing a temporary file).
static WRITES: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` atomically, creating the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with_mode(path, bytes, None)
}

/// The same for a file only its owner may read (mode 0600 on Unix): a
/// class's join codes, its secret, the roster's codes. The file is created
/// private, so it is never readable by others, not even for a moment.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with_mode(path, bytes, Some(0o600))
}

fn write_with_mode(path: &Path, bytes: &[u8], mode: Option<u32>) -> std::io::Result<()> {
    let dir = folder_of(path);
    std::fs::create_dir_all(dir)?;
    // Once a folder per process: `batch` writes thousands of files into one.
    if first_write_into(dir) {
        remove_stale_temporaries(dir);
    }
    write_through_temporary(path, bytes, mode)
}

/// Writes `bytes` to `path` atomically into a folder that processes on
/// other machines may be writing into at the same moment (the shards of a
/// sweep on a cluster's shared disk): as [`write_atomic`], but it leaves
/// every other temporary file alone, since a process id from another
/// machine says nothing about whether its writer is alive.
pub fn write_atomic_shared(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(folder_of(path))?;
    write_through_temporary(path, bytes, None)
}

fn write_through_temporary(path: &Path, bytes: &[u8], mode: Option<u32>) -> std::io::Result<()> {
    let dir = folder_of(path);
    let tmp = temporary_path(path);
    let result = (|| {
        let mut file = create(&tmp, mode)?;
        file.write_all(bytes)?;
        // On the disk before the rename, or a power cut could leave the
        // new name pointing at an empty file.
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return result;
    }
    sync_folder(dir);
    Ok(())
}

/// A new file, with `mode` where the system has modes.
fn create(path: &Path, mode: Option<u32>) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if let Some(mode) = mode {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    options.open(path)
}

/// Whether this process writes into `dir` for the first time.
fn first_write_into(dir: &Path) -> bool {
    static CLEANED: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());
    let mut cleaned = CLEANED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    cleaned.insert(dir.to_path_buf())
}

/// The folder a file is written in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `.NAME.PID-N.tmp` beside the target.
fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string());
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    folder_of(path).join(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// Whether a file name is one of our temporary files; gives its writer's
/// process id.
pub fn temporary_writer(file_name: &str) -> Option<u32> {
    let inner = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, id) = inner.rsplit_once('.')?;
    let pid = id.split_once('-').map_or(id, |(pid, _)| pid);
    pid.parse().ok()
}

/// Removes the temporary files in `dir` left by writers that are gone (a
/// crash or a kill), and says how many. Those of running processes, this
/// one included, stay.
pub fn remove_stale_temporaries(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temporary_writer) else {
            continue;
        };
        if pid != std::process::id()
            && !process_alive(pid, &entry)
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(unix)]
fn process_alive(pid: u32, _entry: &std::fs::DirEntry) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only asks whether the process exists.
    let answer = unsafe { libc::kill(pid, 0) };
    answer == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Without a cheap way to ask, a temporary file untouched for an hour is
/// taken as abandoned: no write takes that long.
#[cfg(not(unix))]
fn process_alive(_pid: u32, entry: &std::fs::DirEntry) -> bool {
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|modified| modified.elapsed().ok())
        .is_none_or(|age| age.as_secs() < 3600)
}

/// Makes the rename itself durable (where the system allows it).
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_recognised() {
        let tmp = temporary_path(Path::new("some/dir/autosave.ron"));
        let name = tmp.file_name().unwrap().to_str().unwrap();
        assert!(
            name.starts_with(".autosave.ron.") && name.ends_with(".tmp"),
            "{name}"
        );
        assert_eq!(temporary_writer(name), Some(std::process::id()));
        // The names of earlier versions of the game, too.
        assert_eq!(temporary_writer(".week.csv.4242.tmp"), Some(4242));
        for other in ["autosave.ron", ".autosave.ron", "x.tmp", ".a.b.tmp", ".a.-1.tmp"] {
            assert_eq!(temporary_writer(other), None, "{other}");
        }
    }

    #[test]
    fn a_shared_folder_keeps_the_temporary_files_of_other_machines() {
        let dir = std::env::temp_dir().join(format!("rapport-atomic-shared-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // A writer on another machine, whose process id is not alive here.
        let foreign = dir.join(".part-2-of-4.json.4194304-0.tmp");
        std::fs::write(&foreign, b"half").unwrap();
        write_atomic_shared(&dir.join("part-1-of-4.json"), b"{}").unwrap();
        assert_eq!(std::fs::read(dir.join("part-1-of-4.json")).unwrap(), b"{}");
        assert!(
            foreign.exists(),
            "another machine's write in progress is left alone"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
