//! The player's settings, kept between games: `settings.ron` beside the
//! autosave. Today the UI scale alone. Read like every other file (size
//! limit, `path:line:col` on a syntax error, the field named on a meaning
//! error) and written atomically; a missing file is the defaults.

use super::atomic::write_atomic;
use super::load::{Check, FORMAT_VERSION, LoadError, check_version, parse_ron, read_limited};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The UI scales the player can choose, in per cent.
pub const UI_SCALE_PERCENT: std::ops::RangeInclusive<u32> = 80..=200;

/// Largest settings file read (a few lines in practice).
const MAX_BYTES: u64 = 16 * 1024;

/// The settings as written in the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Settings", deny_unknown_fields)]
pub struct RawSettings {
    pub version: u32,
    /// How large the window draws everything, in per cent (80 to 200).
    pub ui_scale_percent: u32,
}

/// The player's settings, checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    pub ui_scale_percent: u32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            ui_scale_percent: 100,
        }
    }
}

/// Where the settings live: beside the autosave.
pub fn settings_path() -> PathBuf {
    super::save::data_dir().join("settings.ron")
}

/// Checks what was read.
pub fn validate(path: &str, raw: &RawSettings) -> Result<Settings, LoadError> {
    let check = Check { path };
    check_version(&check, raw.version)?;
    if !UI_SCALE_PERCENT.contains(&raw.ui_scale_percent) {
        return check.fail(
            "ui_scale_percent",
            format!(
                "{} is not a UI scale the game offers ({} to {} per cent)",
                raw.ui_scale_percent,
                UI_SCALE_PERCENT.start(),
                UI_SCALE_PERCENT.end()
            ),
        );
    }
    Ok(Settings {
        ui_scale_percent: raw.ui_scale_percent,
    })
}

/// Reads the settings at `path`: the defaults when there is no file yet.
pub fn load(path: &Path) -> Result<Settings, LoadError> {
    if !path.exists() {
        return Ok(Settings::default());
    }
    let display = path.display().to_string();
    let text = read_limited(path, MAX_BYTES)?;
    let raw: RawSettings = parse_ron(&display, &text)?;
    validate(&display, &raw)
}

/// The settings as the file's text.
pub fn to_text(settings: &Settings) -> String {
    let raw = RawSettings {
        version: FORMAT_VERSION,
        ui_scale_percent: settings.ui_scale_percent,
    };
    let body = ron::ser::to_string_pretty(&raw, ron::ser::PrettyConfig::default().struct_names(true))
        .unwrap_or_default();
    format!("// Reach & Rapport: the player's settings, kept between games.\n{body}\n")
}

/// Writes the settings atomically (a crash leaves the old file or the new).
pub fn write(path: &Path, settings: &Settings) -> std::io::Result<()> {
    write_atomic(path, to_text(settings).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("rapport-settings-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("settings.ron")
    }

    #[test]
    fn settings_are_written_and_read_back_and_missing_ones_are_the_defaults() {
        let path = temp("round_trip");
        assert_eq!(load(&path).unwrap(), Settings::default());
        let settings = Settings {
            ui_scale_percent: 150,
        };
        write(&path, &settings).unwrap();
        assert_eq!(load(&path).unwrap(), settings);
        assert!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().all(|e| !e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp"))
        );
    }

    #[test]
    fn a_bad_file_is_refused_with_where_and_what() {
        let path = temp("bad");
        std::fs::write(&path, "Settings(version: 1, ui_scale_percent: 500)").unwrap();
        let error = load(&path).unwrap_err().to_string();
        assert!(
            error.contains("ui_scale_percent") && error.contains("80 to 200"),
            "{error}"
        );
        std::fs::write(&path, "Settings(version: 1,\n ui_scale: 100)").unwrap();
        let error = load(&path).unwrap_err().to_string();
        assert!(error.contains(":2:"), "{error}");
        std::fs::write(&path, "Settings(version: 9, ui_scale_percent: 100)").unwrap();
        let error = load(&path).unwrap_err().to_string();
        assert!(error.contains("version"), "{error}");
    }
}
