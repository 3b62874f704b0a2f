//! Importance-performance analysis (IPA).
//!
//! Source: Martilla & James (1977), "Importance-Performance Analysis", Journal of Marketing
//! 41(1): each attribute is a point (importance, performance); cross-hairs split the grid into
//! "Concentrate here" (important, performing below par), "Keep up the good work", "Low
//! priority" and "Possible overkill" (unimportant, performing above par). 《如何从顾客满意到顾客信任》 asks the
//! index analysis for exactly this: the focus areas (焦点领域) and weak links (薄弱环节).
//!
//! # Axes
//! * Performance: the item's mean `Performance` answer, rescaled to 0-100 on its own scale
//!   ((x̄ − min) / (max − min) · 100) so items on different scales share one grid. With one
//!   common scale the quadrants are the same as on raw means.
//! * Importance ([`ImportanceSource`]): stated = mean `Importance` answer rescaled to 0-100;
//!   derived = Pearson r of the item's performance answers with the outcome question (see the
//!   parent module). `Auto` takes stated when every item has a stated importance, else derived.
//!   The report says which was used.
//! * Cross-hairs: the mean over the plotted items of each axis (data-centred grid). A point
//!   exactly on a cross-hair counts as high.
//!
//! # Where to work first
//! priority = importance weight × max(0, P̄ − P), where P̄ − P is the distance below the
//! performance cross-hair in 0-100 points and the importance weight is stated importance / 100
//! or max(r, 0). `work_first` lists the items with priority > 0: "Concentrate here" items
//! first, then the rest, each group by priority (largest first, ties by name).

use serde::{Deserialize, Serialize};

use super::{rescale, Correlation, Label, MeanScore, Section, SurveyData, SurveyOptions};

/// Which importance places the items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ImportanceSource {
    /// Stated when every item has an `Importance` question with enough answers, else derived.
    #[default]
    Auto,
    /// Mean of the `Importance` answers (items without one are left out).
    Stated,
    /// Correlation of the item's performance with the outcome question.
    Derived,
}

/// An IPA quadrant (Martilla & James 1977).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// High importance, low performance.
    ConcentrateHere,
    /// High importance, high performance.
    KeepUpTheGoodWork,
    /// Low importance, low performance.
    LowPriority,
    /// Low importance, high performance.
    PossibleOverkill,
}

impl Quadrant {
    /// The quadrant of a point given the cross-hairs (on a cross-hair counts as high).
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::survey::Quadrant;
    /// assert_eq!(Quadrant::of(80.0, 40.0, 50.0, 60.0), Quadrant::ConcentrateHere);
    /// assert_eq!(Quadrant::of(20.0, 90.0, 50.0, 60.0), Quadrant::PossibleOverkill);
    /// assert_eq!(Quadrant::of(50.0, 60.0, 50.0, 60.0), Quadrant::KeepUpTheGoodWork);
    /// ```
    pub fn of(importance: f64, performance: f64, importance_cross: f64, performance_cross: f64) -> Quadrant {
        match (importance >= importance_cross, performance >= performance_cross) {
            (true, false) => Quadrant::ConcentrateHere,
            (true, true) => Quadrant::KeepUpTheGoodWork,
            (false, false) => Quadrant::LowPriority,
            (false, true) => Quadrant::PossibleOverkill,
        }
    }

    /// Name in English and Chinese.
    pub fn label(self) -> Label {
        match self {
            Quadrant::ConcentrateHere => Label::new("Concentrate here", "重点改进", "重點改進"),
            Quadrant::KeepUpTheGoodWork => Label::new("Keep up the good work", "继续保持", "繼續保持"),
            Quadrant::LowPriority => Label::new("Low priority", "低优先级", "低優先級"),
            Quadrant::PossibleOverkill => Label::new("Possible overkill", "可能过度投入", "可能過度投入"),
        }
    }
}

/// One plotted item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IpaItem {
    /// Item name.
    pub item: String,
    /// Mean performance answer on its own scale.
    pub performance: MeanScore,
    /// Performance rescaled to 0-100 (the y position).
    pub performance_score: f64,
    /// Mean stated importance on its own scale, when asked.
    pub stated_importance: Option<MeanScore>,
    /// Stated importance rescaled to 0-100, when asked.
    pub stated_importance_score: Option<f64>,
    /// Correlation with the outcome, when computable.
    pub derived_importance: Option<Correlation>,
    /// The x position: stated 0-100 or derived r, per `IpaReport::importance_source`.
    pub importance: f64,
    /// Its quadrant.
    pub quadrant: Quadrant,
    /// The quadrant's name in English and Chinese.
    pub quadrant_label: Label,
    /// importance weight × max(0, performance cross-hair − performance_score).
    pub priority: f64,
}

/// The IPA grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IpaReport {
    /// `Stated` or `Derived`: the one used.
    pub importance_source: ImportanceSource,
    /// Mean importance of the plotted items.
    pub importance_crosshair: f64,
    /// Mean performance score (0-100) of the plotted items.
    pub performance_crosshair: f64,
    /// Every plotted item, by name.
    pub items: Vec<IpaItem>,
    /// Items to work on first (see the module docs for the rule).
    pub work_first: Vec<String>,
}

impl IpaReport {
    /// [`IpaReport::work_first`] in its two parts, as a reader needs them: the "Concentrate
    /// here" items (important and below par), then the items below par that matter less (the
    /// "Low priority" quadrant), each in the list's order. Shown apart, so that an item the grid
    /// calls low priority is never presented as the first thing to fix.
    pub fn focus(&self) -> (Vec<&str>, Vec<&str>) {
        let concentrate = |name: &str| self.items.iter().any(|i| i.item == name && i.quadrant == Quadrant::ConcentrateHere);
        self.work_first.iter().map(String::as_str).partition(|n| concentrate(n))
    }
}

/// Places items on a grid given (name, importance, performance, importance weight) and returns
/// the cross-hairs, quadrants and work-first list. `None` with fewer than two items.
///
/// ```
/// use loyalty_scorecard::metrics::satisfaction::survey::ipa::grid;
/// use loyalty_scorecard::metrics::satisfaction::survey::Quadrant;
/// let g = grid(&[("a", 80.0, 40.0, 0.8), ("b", 40.0, 80.0, 0.4)]).unwrap();
/// assert_eq!((g.0, g.1), (60.0, 60.0));
/// assert_eq!(g.2, vec![Quadrant::ConcentrateHere, Quadrant::PossibleOverkill]);
/// assert_eq!(g.3, vec![0.8 * 20.0, 0.0]);
/// ```
pub fn grid(points: &[(&str, f64, f64, f64)]) -> Option<(f64, f64, Vec<Quadrant>, Vec<f64>)> {
    if points.len() < 2 {
        return None;
    }
    let n = points.len() as f64;
    let ic = points.iter().map(|p| p.1).sum::<f64>() / n;
    let pc = points.iter().map(|p| p.2).sum::<f64>() / n;
    let quadrants = points.iter().map(|p| Quadrant::of(p.1, p.2, ic, pc)).collect();
    let priority = points.iter().map(|p| p.3 * (pc - p.2).max(0.0)).collect();
    Some((ic, pc, quadrants, priority))
}

pub(crate) fn analyze(data: &SurveyData, opts: &SurveyOptions) -> Section<IpaReport> {
    let min_n = opts.min_answers.max(2);
    let mut notes = crate::messages::Notes::new();
    struct Row {
        item: String,
        perf: MeanScore,
        perf_score: f64,
        stated: Option<(MeanScore, f64)>,
        derived: Option<Correlation>,
    }
    let mut rows = Vec::new();
    for (item, col) in &data.performance {
        let present = col.present();
        if present.len() < min_n {
            notes.push(crate::messages::Note::ItemLeftOut { item: item.to_string(), n: present.len(), min: min_n, what: crate::messages::Answers::Performance });
            continue;
        }
        let perf = MeanScore::of(&present).expect("non-empty");
        let stated = data.importance.get(item).and_then(|c| {
            let v = c.present();
            (v.len() >= min_n).then(|| {
                let m = MeanScore::of(&v).expect("non-empty");
                let s = rescale(m.mean, c.min, c.max);
                (m, s)
            })
        });
        rows.push(Row { item: item.clone(), perf_score: rescale(perf.mean, col.min, col.max), perf, stated, derived: data.corr_with_outcome(&col.values) });
    }
    let source = match opts.ipa_importance {
        ImportanceSource::Auto if !rows.is_empty() && rows.iter().all(|r| r.stated.is_some()) => ImportanceSource::Stated,
        ImportanceSource::Auto => ImportanceSource::Derived,
        s => s,
    };
    let before = rows.len();
    rows.retain(|r| match source {
        ImportanceSource::Stated => r.stated.is_some(),
        _ => r.derived.is_some(),
    });
    if rows.len() < before {
        notes.push(crate::messages::Note::ItemsWithoutImportance { n: before - rows.len(), stated: source == ImportanceSource::Stated });
    }
    let names: Vec<String> = rows.iter().map(|r| r.item.clone()).collect();
    let points: Vec<(&str, f64, f64, f64)> = rows
        .iter()
        .zip(&names)
        .map(|(r, name)| match source {
            ImportanceSource::Stated => {
                let s = r.stated.as_ref().expect("retained").1;
                (name.as_str(), s, r.perf_score, s / 100.0)
            }
            _ => {
                let c = r.derived.expect("retained").r;
                (name.as_str(), c, r.perf_score, c.max(0.0))
            }
        })
        .collect();
    let importance: Vec<f64> = points.iter().map(|p| p.1).collect();
    let Some((ic, pc, quadrants, priority)) = grid(&points) else {
        let mut s = Section::none(crate::messages::Note::IpaFewItems { found: points.len() });
        s.notes.extend(notes);
        return s;
    };
    let items: Vec<IpaItem> = rows
        .into_iter()
        .zip(importance)
        .zip(quadrants.iter().zip(&priority))
        .map(|((r, imp), (&q, &pr))| IpaItem {
            item: r.item,
            performance: r.perf,
            performance_score: r.perf_score,
            stated_importance_score: r.stated.as_ref().map(|s| s.1),
            stated_importance: r.stated.map(|s| s.0),
            derived_importance: r.derived,
            importance: imp,
            quadrant: q,
            quadrant_label: q.label(),
            priority: pr,
        })
        .collect();
    let mut order: Vec<&IpaItem> = items.iter().filter(|i| i.priority > 0.0).collect();
    crate::fast::sort_stable(&mut order, |a, b| {
        (a.quadrant != Quadrant::ConcentrateHere).cmp(&(b.quadrant != Quadrant::ConcentrateHere)).then(b.priority.total_cmp(&a.priority)).then_with(|| a.item.cmp(&b.item))
    });
    let work_first = order.iter().map(|i| i.item.clone()).collect();
    Section { value: Some(IpaReport { importance_source: source, importance_crosshair: ic, performance_crosshair: pc, items, work_first }), notes }
}
