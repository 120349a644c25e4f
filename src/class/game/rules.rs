//! What a class may be: its teams' names, how they are dealt into markets,
//! and what a hand-in's text must hold.

use crate::class::ClassError;
use crate::files::replay::parse_plans;
use crate::sim::{MAX_BRANDS, Scenario, WeekPlan};
use std::path::Path;

/// The largest plan file a team may hand in.
pub const MAX_PLAN_BYTES: usize = 64 * 1024;

/// Most teams a class holds.
pub const MAX_TEAMS: usize = 300;

/// Longest team name.
pub const MAX_TEAM_NAME: usize = 40;

/// A one-week plans file's text as a plan.
pub(crate) fn plan_of_text(name: &str, text: &str) -> Result<WeekPlan, ClassError> {
    if text.len() > MAX_PLAN_BYTES {
        return Err(ClassError::Refused(format!(
            "the plan is too large: {} bytes, at most {MAX_PLAN_BYTES}",
            text.len()
        )));
    }
    let mut weeks = parse_plans(name, text).map_err(|e| ClassError::Refused(e.to_string()))?;
    if weeks.len() != 1 {
        return Err(ClassError::Refused(format!(
            "{name}: a hand-in is one week's plan (a list of one week); this one has {} weeks",
            weeks.len()
        )));
    }
    Ok(weeks.remove(0))
}

/// Team names trimmed, each given, not too long, none twice.
pub(super) fn check_team_names(teams: &[String]) -> Result<Vec<String>, ClassError> {
    if teams.is_empty() || teams.len() > MAX_TEAMS {
        return Err(ClassError::Refused(format!(
            "a class has 1 to {MAX_TEAMS} teams; {} given",
            teams.len()
        )));
    }
    let mut names: Vec<String> = Vec::with_capacity(teams.len());
    for team in teams {
        let name = team.trim();
        if name.is_empty() {
            return Err(ClassError::Refused("a team needs a name".into()));
        }
        if name.chars().count() > MAX_TEAM_NAME || name.chars().any(char::is_control) {
            return Err(ClassError::Refused(format!(
                "team `{name}`: a name is at most {MAX_TEAM_NAME} characters, with no control characters"
            )));
        }
        if names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            return Err(ClassError::Refused(format!("two teams are called `{name}`")));
        }
        names.push(name.to_string());
    }
    Ok(names)
}

/// Teams a market holds: at most what the scenario's rivals leave room for.
pub(super) fn check_per_market(scenario: &Scenario, per_market: Option<usize>) -> Result<usize, ClassError> {
    let rivals = scenario.market.rivals.len();
    let room = MAX_BRANDS.saturating_sub(rivals);
    if room == 0 {
        return Err(ClassError::Refused(format!(
            "`{}` has {rivals} computer rivals: a market of {MAX_BRANDS} brands leaves no room for a team",
            scenario.id
        )));
    }
    match per_market {
        None => Ok(room),
        Some(n) if n >= 1 && n <= room => Ok(n),
        Some(n) => Err(ClassError::Refused(format!(
            "--per-market {n}: a market holds {MAX_BRANDS} brands and `{}` has {}, so 1 to {room} teams a market",
            scenario.id,
            match rivals {
                0 => "no computer rival".to_string(),
                1 => "1 computer rival".to_string(),
                n => format!("{n} computer rivals"),
            }
        ))),
    }
}

/// `teams` dealt in order into as few markets of at most `per_market` as
/// will hold them, as even as possible (the first markets one larger).
pub fn market_sizes(teams: usize, per_market: usize) -> Vec<usize> {
    let markets = teams.div_ceil(per_market.max(1)).max(1);
    (0..markets)
        .map(|m| teams / markets + usize::from(m < teams % markets))
        .collect()
}

/// The class's name: its folder's.
pub(super) fn class_name(dir: &Path) -> String {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    absolute
        .file_name()
        .map_or_else(|| "class".to_string(), |n| n.to_string_lossy().into_owned())
}

pub(super) fn teams_count(n: usize) -> String {
    if n == 1 {
        "1 team".into()
    } else {
        format!("{n} teams")
    }
}

pub(super) fn markets_count(n: usize) -> String {
    if n == 1 {
        "1 market".into()
    } else {
        format!("{n} markets")
    }
}
