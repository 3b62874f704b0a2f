//! The five loyalty drivers of 《客户的忠诚受什么影响》 (客户的忠诚受什么影响 / 影响客户忠诚的五个因素): service
//! quality (服务质量), service experience (服务体验), relationship interaction (关系互动), value
//! identification (理念认同) and value-added perception (增值感受).
//!
//! # Definitions
//! * Item score: mean `Performance` answer rescaled to 0-100 on its own scale.
//! * Driver score: mean of its item scores (each item counts once), 0-100.
//! * Respondent driver score: mean of that respondent's 0-100 answers to the driver's items.
//! * Importance against overall satisfaction: Pearson r between respondent driver scores and
//!   the outcome question (Overall, else CSAT, else NPS; see the parent module). With one
//!   predictor a standardized regression coefficient equals r; no multiple regression is done
//!   (driver scores are collinear and samples small).
//! * Importance against repurchase: point-biserial r (Pearson r with the flag as 0/1) between
//!   respondent driver scores and the caller's repurchase flags, plus the mean driver score of
//!   repurchasers and of the others.
//! * Priority: drivers ordered by max(r, 0) × (100 − score) (importance × room to improve),
//!   largest first; drivers without an r come last, by score.
//!
//! Items are tagged by [`SurveyOptions::item_driver`], else by [`Driver::default_for`]; items
//! with no tag are listed in `unassigned`.

use serde::{Deserialize, Serialize};

use super::{correlation, mean, rescale, respondent_means, Column, Correlation, Label, MeanScore, Section, SurveyData, SurveyOptions};

/// One of the five loyalty drivers (《客户的忠诚受什么影响》).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Driver {
    /// 服务质量: product quality, service level and delivery capability.
    ServiceQuality,
    /// 服务体验: how the customer feels while being served, across touch points.
    ServiceExperience,
    /// 关系互动: two-way contact started by either side.
    RelationshipInteraction,
    /// 理念认同: sharing the brand's and service's ideas.
    ValueIdentification,
    /// 增值感受: lasting extra value (tiered rewards, miles).
    ValueAdded,
}

const KEYWORDS: [(Driver, &[&str]); 5] = [
    (Driver::ValueIdentification, &["brand", "identif", "mission", "idea", "philosoph", "culture", "belief", "ethic"]),
    (Driver::ValueAdded, &["reward", "point", "loyalty", "member", "bonus", "perk", "mile", "added", "price", "value"]),
    (Driver::RelationshipInteraction, &["interact", "contact", "communicat", "feedback", "newsletter", "birthday", "relationship", "social"]),
    (Driver::ServiceExperience, &["experience", "website", "site", "app", "ease", "easy", "checkout", "convenien", "journey", "navigat"]),
    (Driver::ServiceQuality, &["quality", "delivery", "shipping", "service", "reliab", "product", "speed", "support"]),
];

impl Driver {
    /// The five drivers in the source's order.
    pub const ALL: [Driver; 5] = [Driver::ServiceQuality, Driver::ServiceExperience, Driver::RelationshipInteraction, Driver::ValueIdentification, Driver::ValueAdded];

    /// Default tag by item name: the first driver with a keyword contained in the lower-case
    /// name, checked in the order value identification (brand, identif, mission, idea,
    /// philosoph, culture, belief, ethic), value-added (reward, point, loyalty, member, bonus,
    /// perk, mile, added, price, value), relationship interaction (interact, contact,
    /// communicat, feedback, newsletter, birthday, relationship, social), service experience
    /// (experience, website, site, app, ease, easy, checkout, convenien, journey, navigat),
    /// service quality (quality, delivery, shipping, service, reliab, product, speed, support).
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::survey::Driver;
    /// assert_eq!(Driver::default_for("perf_delivery"), Some(Driver::ServiceQuality));
    /// assert_eq!(Driver::default_for("service experience"), Some(Driver::ServiceExperience));
    /// assert_eq!(Driver::default_for("price"), Some(Driver::ValueAdded));
    /// assert_eq!(Driver::default_for("colour"), None);
    /// ```
    pub fn default_for(item: &str) -> Option<Driver> {
        super::keyword_match(item, &KEYWORDS)
    }

    /// Name in English and Chinese (the terms of 《客户的忠诚受什么影响》).
    ///
    /// ```
    /// use loyalty_scorecard::metrics::satisfaction::survey::Driver;
    /// assert_eq!(Driver::ValueAdded.label().zh_hans, "增值感受");
    /// assert_eq!(Driver::RelationshipInteraction.label().zh_hant, "關係互動");
    /// ```
    pub fn label(self) -> Label {
        match self {
            Driver::ServiceQuality => Label::new("service quality", "服务质量", "服務質量"),
            Driver::ServiceExperience => Label::new("service experience", "服务体验", "服務體驗"),
            Driver::RelationshipInteraction => Label::new("relationship interaction", "关系互动", "關係互動"),
            Driver::ValueIdentification => Label::new("value identification", "理念认同", "理念認同"),
            Driver::ValueAdded => Label::new("value-added perception", "增值感受", "增值感受"),
        }
    }
}

/// Driver scores split by the repurchase flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepurchaseSplit {
    /// Respondent driver scores of customers who bought again.
    pub repurchasers: Option<MeanScore>,
    /// Respondent driver scores of the others (flag false).
    pub others: Option<MeanScore>,
}

/// One driver.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DriverScore {
    /// Which driver.
    pub driver: Driver,
    /// Its name in English and Chinese.
    pub label: Label,
    /// Items tagged with it.
    pub items: Vec<String>,
    /// Mean of the item scores, 0-100.
    pub score: f64,
    /// Respondents with at least one answer to the driver's items.
    pub n: usize,
    /// Mean and interval of the respondent driver scores (0-100).
    pub respondent_score: MeanScore,
    /// Pearson r of respondent driver scores with the outcome question.
    pub importance_overall: Option<Correlation>,
    /// Point-biserial r with the repurchase flag.
    pub importance_repurchase: Option<Correlation>,
    /// Driver scores of repurchasers and others; `None` without flags.
    pub repurchase_split: Option<RepurchaseSplit>,
}

/// The five drivers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DriverReport {
    /// Drivers with at least one item, in the source's order.
    pub drivers: Vec<DriverScore>,
    /// Lowest score.
    pub weakest: Driver,
    /// Highest importance against the outcome, when any.
    pub strongest_lever: Option<Driver>,
    /// By max(r, 0) × (100 − score), largest first.
    pub priority: Vec<Driver>,
    /// Performance items not tagged with a driver.
    pub unassigned: Vec<String>,
}

pub(crate) fn analyze(data: &SurveyData, repurchase: Option<&[Option<bool>]>, opts: &SurveyOptions) -> Section<DriverReport> {
    let min_n = opts.min_answers.max(2);
    let mut notes = crate::messages::Notes::new();
    let mut groups: Vec<(Driver, Vec<&Column>)> = Driver::ALL.iter().map(|&d| (d, Vec::new())).collect();
    let mut unassigned = Vec::new();
    for (item, col) in &data.performance {
        let n = col.values.iter().flatten().count();
        if n < min_n {
            notes.push(crate::messages::Note::ItemLeftOut { item: item.to_string(), n, min: min_n, what: crate::messages::Answers::Any });
            continue;
        }
        match opts.item_driver.get(item).copied().or_else(|| Driver::default_for(item)) {
            Some(d) => groups[d as usize].1.push(col),
            None => unassigned.push(item.clone()),
        }
    }
    if !unassigned.is_empty() {
        notes.push(crate::messages::Note::NoDriver { items: unassigned.iter().map(|n| n.to_string()).collect() });
    }
    let flags: Option<Vec<Option<f64>>> = repurchase.map(|r| r.iter().map(|f| f.map(|b| if b { 1.0 } else { 0.0 })).collect());
    let mut drivers = Vec::new();
    for (driver, cols) in groups.into_iter().filter(|g| !g.1.is_empty()) {
        let item_scores: Vec<f64> = cols.iter().filter_map(|c| mean(&c.present()).map(|m| rescale(m, c.min, c.max))).collect();
        let Some(score) = mean(&item_scores) else { continue };
        let per_resp = respondent_means(data.n, &cols);
        let present: Vec<f64> = per_resp.iter().flatten().copied().collect();
        let Some(respondent_score) = MeanScore::of(&present) else {
            continue;
        };
        let (importance_repurchase, repurchase_split) = match (&flags, repurchase) {
            (Some(f), Some(r)) => {
                let pick = |want: bool| -> Vec<f64> { per_resp.iter().zip(r).filter_map(|(s, f)| if *f == Some(want) { *s } else { None }).collect() };
                (correlation(&per_resp, f), Some(RepurchaseSplit { repurchasers: MeanScore::of(&pick(true)), others: MeanScore::of(&pick(false)) }))
            }
            _ => (None, None),
        };
        drivers.push(DriverScore {
            driver,
            label: driver.label(),
            items: cols.iter().map(|c| c.key.clone()).collect(),
            score,
            n: present.len(),
            respondent_score,
            importance_overall: data.corr_with_outcome(&per_resp),
            importance_repurchase,
            repurchase_split,
        });
    }
    if drivers.is_empty() {
        let mut s = Section::none(crate::messages::Note::NoDriverItem { min: min_n });
        s.notes.extend(notes);
        return s;
    }
    if data.outcome.is_none() {
        notes.push(crate::messages::Note::NoOverallQuestion);
    }
    let weakest = drivers.iter().min_by(|a, b| a.score.total_cmp(&b.score)).expect("non-empty").driver;
    let strongest_lever = drivers.iter().filter_map(|d| d.importance_overall.map(|c| (d.driver, c.r))).max_by(|a, b| a.1.total_cmp(&b.1)).map(|x| x.0);
    let mut order: Vec<(Driver, Option<f64>, f64)> = drivers.iter().map(|d| (d.driver, d.importance_overall.map(|c| c.r.max(0.0) * (100.0 - d.score)), d.score)).collect();
    crate::fast::sort_stable(&mut order, |a, b| match (a.1, b.1) {
        (Some(x), Some(y)) => y.total_cmp(&x).then(a.0.cmp(&b.0)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)),
    });
    let priority = order.into_iter().map(|o| o.0).collect();
    Section { value: Some(DriverReport { drivers, weakest, strongest_lever, priority, unassigned }), notes }
}
