//! The ladder as a funnel, where it leaks, and the headline: satisfied customers who did not
//! come back.
//!
//! * Steps (cumulative, customers with an order): all customers → rated (any attitude data) →
//!   satisfied → emotionally trusting → behaviourally trusting. Counts never increase down the
//!   steps. Conversion = customers at a step ÷ customers at the step before, Wilson 95%.
//! * Largest leak: among the three trust steps (rated → satisfied, satisfied → emotional,
//!   emotional → behavioural; the first step, customers → rated, measures data coverage, not
//!   trust), the one with the lowest conversion rate.
//! * Headline: satisfied customers whose first dated positive experience is at least the
//!   follow-up window W before the analysis date; not back = no order on a day after that
//!   experience and within W days of it. Wilson 95%. Shown against a published claim (《如何从顾客满意到顾客信任》:
//!   Bain & Company as quoted, "65-85% of customers who say they are satisfied still switch, only
//!   30-40% buy again") — a comparison with a claim made about other shops and other
//!   definitions, not a target.

use super::{followed, ordered_within, share, Layer, Prepared};
use crate::metrics::satisfaction::Measure;
use serde::Serialize;

/// Customers at one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelStep {
    /// `customers`, `rated`, `satisfied`, `emotional`, `behavioural`.
    pub step: &'static str,
    pub customers: u64,
}

/// From one step to the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conversion {
    pub from: &'static str,
    pub to: &'static str,
    /// customers at `to` ÷ customers at `from`, Wilson.
    pub rate: Measure,
}

/// The funnel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funnel {
    pub steps: Vec<FunnelStep>,
    /// One per consecutive pair of steps.
    pub conversions: Vec<Conversion>,
    /// The `to` step of the trust conversion with the lowest rate; `None` when none has data.
    pub largest_leak: Option<&'static str>,
}

/// A claim from the literature shown for comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedClaim {
    pub low: f64,
    pub high: f64,
    /// What is claimed and where it comes from.
    pub source: &'static str,
}

/// The claim quoted in 《如何从顾客满意到顾客信任》.
pub const SWITCH_CLAIM: PublishedClaim = PublishedClaim {
    low: 0.65,
    high: 0.85,
    source: "Bain & Company survey as quoted in 《如何从顾客满意到顾客信任》: of customers who say they are satisfied or very \
satisfied, 65-85% switch and only 30-40% buy the same product again. A published claim about other shops, with \
other definitions; not a target.",
};

/// Satisfied customers who did not come back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    /// Share of followed satisfied customers with no order within the window, Wilson.
    pub not_back: Measure,
    /// Followed satisfied customers who ordered again within the window.
    pub came_back: u64,
    /// Satisfied customers followed long enough.
    pub followed: u64,
    /// Satisfied customers not followed long enough (or with no dated positive experience).
    pub not_followed: u64,
    /// The window W in days.
    pub window_days: u32,
    /// The published comparison.
    pub claim: PublishedClaim,
    /// `below`, `above` or `overlaps`: this shop's interval against the claimed range
    /// (`None` without a value).
    pub against_claim: Option<&'static str>,
}

/// Steps of the funnel and the lowest layer that counts for each.
pub const STEPS: [(&str, Layer); 5] =
    [("customers", Layer::NotRated), ("rated", Layer::RatedNotSatisfied), ("satisfied", Layer::Satisfied), ("emotional", Layer::Emotional), ("behavioural", Layer::Behavioural)];

pub(crate) fn funnel_of(p: &Prepared) -> Funnel {
    let steps: Vec<FunnelStep> = STEPS.iter().map(|(step, min)| FunnelStep { step, customers: p.customers.iter().filter(|h| h.trust.layer >= *min).count() as u64 }).collect();
    let conversions: Vec<Conversion> = steps.windows(2).map(|w| Conversion { from: w[0].step, to: w[1].step, rate: share(w[1].customers, w[0].customers) }).collect();
    let largest_leak = conversions.iter().skip(1).filter_map(|c| c.rate.value.map(|v| (c.to, v))).min_by(|a, b| a.1.total_cmp(&b.1)).map(|(to, _)| to);
    Funnel { steps, conversions, largest_leak }
}

pub(crate) fn headline_of(p: &Prepared) -> Headline {
    let (mut followed_n, mut back, mut not_followed) = (0u64, 0u64, 0u64);
    for h in p.customers.iter().filter(|h| h.trust.layer >= Layer::Satisfied) {
        match h.trust.first_positive.filter(|d| followed(*d, p.as_of, p.window)) {
            Some(d) => {
                followed_n += 1;
                if ordered_within(h, d, p.window) {
                    back += 1;
                }
            }
            None => not_followed += 1,
        }
    }
    let not_back = share(followed_n - back, followed_n);
    let against_claim = not_back.interval.as_ref().map(|i| {
        if i.upper < SWITCH_CLAIM.low {
            "below"
        } else if i.lower > SWITCH_CLAIM.high {
            "above"
        } else {
            "overlaps"
        }
    });
    Headline { not_back, came_back: back, followed: followed_n, not_followed, window_days: p.window, claim: SWITCH_CLAIM, against_claim }
}
