//! What `rapport sweep` asks of a claim checker (the checker's own
//! `Evaluation` of one scenario under one draw, behind a trait so that the
//! sweep's unit tests can use a fake), the sweep's own record of everything
//! its five files are made from (what a shard writes into its part and
//! `sweep merge` reads back), and one claim's record over the whole sweep.

pub use crate::claims::Evaluation;
use crate::sim::Scenario;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A claim holding in fewer draws than this share is not shown (CLAIMS.md).
pub const ROBUST_SHARE: f64 = 0.8;

/// Plays a scenario over seeds and judges the claims on those games.
pub trait Evaluator: Sync {
    fn evaluate(&self, scenario: Arc<Scenario>, seeds: &[u64]) -> Evaluation;
}

/// What a sweep was asked to do, as its files and printout state it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// The command that reproduces the sweep (without where it wrote, the
    /// threads and the shard).
    pub command: String,
    /// `params`, `scenario` or `both`.
    pub vary: String,
    pub draws: usize,
    pub seeds: usize,
    pub sample_seed: u64,
    pub agents: Option<u32>,
    /// The claims asked for with `--claim` (empty: every claim).
    pub claims: Vec<String>,
}

/// A scenario as the sweep plays it at draw 0.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioInfo {
    pub id: String,
    pub agents: u32,
    pub first_seed: u64,
    /// Per column of the draws: whether the drawn number acts in this
    /// scenario (a platform figure of an archetype it has no platform of
    /// does not), so that only those are correlated with its effects.
    pub acts: Vec<bool>,
}

/// A column of `draws.csv`: one drawn number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    /// An ordered number that a rank correlation means something for (not
    /// a unit draw that picks a platform or an event's fate).
    pub ranked: bool,
}

/// One run of one arm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub arm: String,
    pub seed: u64,
    /// Every KPI, in the order of [`Results::kpis`].
    #[serde(with = "exact::list")]
    pub kpis: Vec<f64>,
    pub state_hash: String,
}

/// What checking a claim found, as the sweep keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub holds: bool,
    /// A signed margin, above zero exactly when the claim holds (NaN when
    /// the checker could not measure one).
    #[serde(with = "exact")]
    pub effect: f64,
    pub summary: String,
}

/// One claim judged in one scenario under one draw: `Err` with the reason
/// when it does not apply there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Judged {
    pub id: String,
    pub title: String,
    pub outcome: Result<Verdict, String>,
}

/// One scenario played under one draw.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Played {
    pub runs: Vec<Run>,
    pub findings: Vec<Judged>,
}

impl From<Evaluation> for Played {
    fn from(evaluation: Evaluation) -> Played {
        Played {
            runs: evaluation
                .runs
                .into_iter()
                .map(|run| Run {
                    arm: run.arm,
                    seed: run.seed,
                    kpis: run.kpis.numeric().iter().map(|(_, value)| *value).collect(),
                    state_hash: run.kpis.state_hash,
                })
                .collect(),
            findings: evaluation
                .findings
                .into_iter()
                .map(|finding| Judged {
                    id: finding.id.to_string(),
                    title: finding.title.to_string(),
                    outcome: finding
                        .outcome
                        .map(|r| Verdict {
                            holds: r.holds,
                            effect: r.effect,
                            summary: r.summary,
                        })
                        .map_err(str::to_string),
                })
                .collect(),
        }
    }
}

/// One draw: its numbers (`None` for draw 0, every scenario as shipped) and
/// every scenario played under it, in scenario order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draw {
    pub draw: usize,
    #[serde(with = "exact::draw")]
    pub values: Option<Vec<f64>>,
    pub played: Vec<Played>,
}

/// Everything the five files of a sweep are made from: what was asked, the
/// scenarios, the drawn numbers' names, the KPIs' names and the draws in
/// draw order. A shard's part holds its share of the draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub header: Header,
    pub scenarios: Vec<ScenarioInfo>,
    pub columns: Vec<Column>,
    pub kpis: Vec<String>,
    pub draws: Vec<Draw>,
}

/// One claim in one scenario over the whole sweep.
#[derive(Clone, Debug)]
pub struct ClaimSummary {
    pub id: String,
    pub title: String,
    pub scenario: String,
    /// At draw 0; `Err(reason)` when it does not apply there.
    pub at_defaults: Option<Result<Verdict, String>>,
    /// Draws 1..=N in which the claim applies, and in which it holds.
    pub applies: usize,
    pub holds: usize,
    /// The drawn numbers with the largest |Spearman ρ| against the effect.
    pub depends_on: Vec<(String, f64)>,
}

impl ClaimSummary {
    /// Share of applying draws in which the claim holds.
    pub fn share(&self) -> Option<f64> {
        (self.applies > 0).then(|| self.holds as f64 / self.applies as f64)
    }

    /// Holds in fewer than 80% of the draws where it applies.
    pub fn below_robust(&self) -> bool {
        self.share().is_some_and(|share| share < ROBUST_SHARE)
    }
}

/// Floats written so that they read back to the very same number: as the
/// shortest decimal that does (Rust's own formatting), in a string, so that
/// a NaN effect and an infinity survive a part file too (JSON has neither).
mod exact {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&value.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).map_err(D::Error::custom)
    }

    fn parse(text: &str) -> Result<f64, String> {
        text.parse().map_err(|_| format!("`{text}` is not a number"))
    }

    /// A list of floats.
    pub mod list {
        use serde::{Deserialize, Deserializer, Serializer, de::Error};

        pub fn serialize<S: Serializer>(values: &[f64], serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(values.iter().map(f64::to_string))
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<f64>, D::Error> {
            let texts = Vec::<String>::deserialize(deserializer)?;
            texts
                .iter()
                .map(|text| super::parse(text))
                .collect::<Result<_, _>>()
                .map_err(D::Error::custom)
        }
    }

    /// A draw's numbers, `null` for draw 0.
    pub mod draw {
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(values: &Option<Vec<f64>>, serializer: S) -> Result<S::Ok, S::Error> {
            match values {
                Some(values) => super::list::serialize(values, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<f64>>, D::Error> {
            #[derive(Deserialize)]
            struct Values(#[serde(with = "super::list")] Vec<f64>);
            Ok(Option::<Values>::deserialize(deserializer)?.map(|values| values.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draw_reads_back_to_the_same_bits_nan_and_infinities_included() {
        let values = vec![
            0.1 + 0.2,
            1e-300,
            -0.0,
            f64::MAX,
            f64::MIN_POSITIVE / 3.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            2.0_f64.sqrt(),
        ];
        let draw = Draw {
            draw: 3,
            values: Some(values.clone()),
            played: vec![Played {
                runs: vec![Run {
                    arm: "a".into(),
                    seed: u64::MAX,
                    kpis: values.clone(),
                    state_hash: "00ff".into(),
                }],
                findings: vec![Judged {
                    id: "C1".into(),
                    title: "t".into(),
                    outcome: Ok(Verdict {
                        holds: false,
                        effect: f64::NAN,
                        summary: "s".into(),
                    }),
                }],
            }],
        };
        let text = serde_json::to_string(&draw).unwrap();
        let back: Draw = serde_json::from_str(&text).unwrap();
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(back.values.as_ref().unwrap()), bits(&values));
        assert_eq!(bits(&back.played[0].runs[0].kpis), bits(&values));
        assert!(matches!(&back.played[0].findings[0].outcome, Ok(v) if v.effect.is_nan()));
        assert_eq!(back.played[0].runs[0].seed, u64::MAX);
        let zero: Draw =
            serde_json::from_str(&serde_json::to_string(&Draw { values: None, ..draw }).unwrap()).unwrap();
        assert_eq!(zero.values, None);
    }
}
