//! The expected service level from the six factors of 《影响客户期望的因素》, weighted by the
//! customer's stage.
//!
//! The six factors (影响客户期望的因素): word of mouth (公司的口碑), the company's promises and
//! advertising (公司的承诺, 广告暗示), the customer's view of their own role (客户角色感知:
//! “上帝” or “购买者”), past experience (过去的经验), personal needs (个人需要) and price (价格).
//! Each is scored by the user from 0 (pushes expectations down) to 10 (pushes them up).
//!
//! **Default weights.** The seed names, per stage, three influences in order:
//! * never used (从未使用过): word of mouth > advertising hints > own judgement;
//! * first-time (初次使用): first-use impression > word of mouth > advertising hints;
//! * long-term (长期使用): long-term experience > own judgement > word of mouth.
//!
//! First-use impression and long-term experience are past experience. Own judgement
//! (自己的主观判断) is the customer's own view: role perception and personal needs, which share
//! its points equally. Every factor gets a base of ½ point (the seed lists all six as shaping
//! expectations), the stage's first, second and third influence get 3, 2 and 1 more (Borda rank
//! points); weight = points ÷ 9 (the points always sum to 6·½ + 3 + 2 + 1 = 9). The base is
//! below 1 so that own judgement, shared by two factors, never outranks an influence the seed
//! puts before it (2·½ + 1 = 2 < ½ + 2). Price is named in no ordering: base only. Any other
//! weights can be given; they are normalised to sum to 1.
//!
//! Expected level = Σ wᵢ·xᵢ (0-10); contribution of factor i = wᵢ·xᵢ.

use serde::{Deserialize, Serialize};

/// The six factors, in the source's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    WordOfMouth,
    Promises,
    RolePerception,
    PastExperience,
    PersonalNeeds,
    Price,
}

impl Factor {
    pub const ALL: [Factor; 6] = [Factor::WordOfMouth, Factor::Promises, Factor::RolePerception, Factor::PastExperience, Factor::PersonalNeeds, Factor::Price];

    /// Stable key (JSON, data attributes, translations).
    pub fn key(self) -> &'static str {
        match self {
            Factor::WordOfMouth => "word_of_mouth",
            Factor::Promises => "promises",
            Factor::RolePerception => "role_perception",
            Factor::PastExperience => "past_experience",
            Factor::PersonalNeeds => "personal_needs",
            Factor::Price => "price",
        }
    }
}

/// Where the customer stands with the shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Never bought (从未使用过).
    Prospect,
    /// First-time customer (初次使用).
    #[default]
    FirstTime,
    /// Long-term customer (长期使用).
    LongTerm,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Prospect, Stage::FirstTime, Stage::LongTerm];

    pub fn key(self) -> &'static str {
        match self {
            Stage::Prospect => "prospect",
            Stage::FirstTime => "first_time",
            Stage::LongTerm => "long_term",
        }
    }

    /// From a key ("prospect", "first_time", "long_term"); `None` otherwise.
    pub fn from_key(key: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// One value per factor, in the order of [`Factor::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FactorValues {
    pub word_of_mouth: f64,
    pub promises: f64,
    pub role_perception: f64,
    pub past_experience: f64,
    pub personal_needs: f64,
    pub price: f64,
}

impl FactorValues {
    pub fn splat(v: f64) -> FactorValues {
        FactorValues::from_array([v; 6])
    }
    pub fn from_array(a: [f64; 6]) -> FactorValues {
        FactorValues { word_of_mouth: a[0], promises: a[1], role_perception: a[2], past_experience: a[3], personal_needs: a[4], price: a[5] }
    }
    pub fn to_array(self) -> [f64; 6] {
        [self.word_of_mouth, self.promises, self.role_perception, self.past_experience, self.personal_needs, self.price]
    }
    pub fn get(&self, f: Factor) -> f64 {
        self.to_array()[Factor::ALL.iter().position(|x| *x == f).unwrap_or(0)]
    }
}

impl Default for FactorValues {
    /// The middle of the scale, 5, for every factor.
    fn default() -> Self {
        FactorValues::splat(5.0)
    }
}

/// The rank points of a stage (before the ½ base), see the module docs.
fn rank_points(stage: Stage) -> [f64; 6] {
    // word of mouth, promises, role, past experience, needs, price
    match stage {
        Stage::Prospect => [3.0, 2.0, 0.5, 0.0, 0.5, 0.0],
        Stage::FirstTime => [2.0, 1.0, 0.0, 3.0, 0.0, 0.0],
        Stage::LongTerm => [1.0, 0.0, 1.0, 3.0, 1.0, 0.0],
    }
}

/// The default weights of `stage` (sum 1).
///
/// ```
/// use loyalty_scorecard::metrics::expectation::factors::{default_weights, Stage};
/// let w = default_weights(Stage::Prospect).to_array();
/// // word of mouth (½ + 3)/9, advertising (½ + 2)/9, role and needs (½ + ½)/9, past and price ½/9
/// assert!((w[0] - 3.5 / 9.0).abs() < 1e-15 && (w[1] - 2.5 / 9.0).abs() < 1e-15 && (w[5] - 0.5 / 9.0).abs() < 1e-15);
/// ```
pub fn default_weights(stage: Stage) -> FactorValues {
    let p = rank_points(stage);
    FactorValues::from_array(p.map(|x| (0.5 + x) / 9.0))
}

/// Weights normalised to sum 1; negative or non-finite entries count as 0. `None` when nothing
/// positive is left.
pub fn normalise(w: FactorValues) -> Option<FactorValues> {
    let a = w.to_array().map(|x| if x.is_finite() && x > 0.0 { x } else { 0.0 });
    let s: f64 = a.iter().sum();
    (s > 0.0 && s.is_finite()).then(|| FactorValues::from_array(a.map(|x| x / s)))
}

/// Where the expected level sits (《影响客户期望的因素》: 期望值不能太低也不能太高).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelBand {
    /// Below 4: expectations too low to attract (期望过低，难以吸引客户).
    Low,
    /// 4 to 7: room to meet and exceed them.
    Balanced,
    /// Above 7: hard to satisfy (期望过高，难以使客户满意).
    High,
}

/// Band limits on the 0-10 scale (a rule of thumb: the middle third-and-a-bit is "balanced").
pub const LOW_BELOW: f64 = 4.0;
pub const HIGH_ABOVE: f64 = 7.0;

/// One factor's part in the expected level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    pub factor: Factor,
    /// The user's score, 0-10 (clamped).
    pub score: f64,
    /// Weight used (sum over factors = 1).
    pub weight: f64,
    /// weight × score, points of the expected level.
    pub points: f64,
}

/// The expected service level and what drives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpectedLevel {
    pub stage: Stage,
    /// Σ weight × score, 0-10.
    pub value: f64,
    pub band: LevelBand,
    /// Whether the weights are the stage's defaults.
    pub default_weights: bool,
    /// Per factor, largest contribution first.
    pub contributions: Vec<Contribution>,
}

/// The expected level from the factor scores (clamped to 0-10; non-finite → 5) and the weights
/// (`None` or unusable → the stage's defaults).
///
/// ```
/// use loyalty_scorecard::metrics::expectation::factors::{expected_level, FactorValues, Stage};
/// let e = expected_level(Stage::LongTerm, &FactorValues::splat(8.0), None);
/// assert!((e.value - 8.0).abs() < 1e-12); // equal scores give that score, whatever the weights
/// assert_eq!(e.contributions[0].factor.key(), "past_experience"); // long-term: experience first
/// ```
pub fn expected_level(stage: Stage, scores: &FactorValues, weights: Option<&FactorValues>) -> ExpectedLevel {
    let custom = weights.and_then(|w| normalise(*w));
    let w = custom.unwrap_or_else(|| default_weights(stage)).to_array();
    let x = scores.to_array().map(|v| if v.is_finite() { v.clamp(0.0, 10.0) } else { 5.0 });
    let mut contributions: Vec<Contribution> = Factor::ALL.iter().enumerate().map(|(i, &factor)| Contribution { factor, score: x[i], weight: w[i], points: w[i] * x[i] }).collect();
    let value = contributions.iter().map(|c| c.points).sum::<f64>().clamp(0.0, 10.0);
    // Largest first; ties keep the source's order (stable sort).
    crate::fast::sort_stable(&mut contributions, |a, b| b.points.total_cmp(&a.points));
    let band = if value < LOW_BELOW {
        LevelBand::Low
    } else if value > HIGH_ABOVE {
        LevelBand::High
    } else {
        LevelBand::Balanced
    };
    ExpectedLevel { stage, value, band, default_weights: custom.is_none(), contributions }
}
