//! From satisfaction to trust (《让顾客从满意到信任》): the trust ladder per customer, the
//! funnel and where it leaks, what moves customers up, and loyalty earned against loyalty bought
//! with discounts. It joins attitude (ratings, survey answers, complaints) to behaviour (orders)
//! per customer id.
//!
//! # Inputs
//! Completed orders dated on or before `as_of`; reviews, survey answers and tickets dated on or
//! before `as_of` (undated reviews and answers are kept). A review's customer is its
//! `customer_id`, else the customer of its `order_id`; its date is its review date, else the
//! date of its order. Survey answers need a `customer_id`. Only customers with at least one
//! order are on the ladder (attitude records of other ids are counted in `messages`).
//!
//! # Experiences
//! * A **positive experience** is a rating ≥ [`TrustOptions::rating_positive`] (default 4 of
//!   5), a survey CSAT answer that, put on 1-5 as 1 + 4·(x − min)/(max − min), is ≥
//!   [`TrustOptions::csat_positive`] (default 4), or an NPS answer ≥
//!   [`TrustOptions::nps_promoter`] (default 9, a promoter). Positive reviews of the same order
//!   count as one experience; each survey response with a positive answer counts as one.
//! * **Attitude data** is any valid rating (1-5), any CSAT or NPS answer, or any complaint
//!   ticket. A customer with none is *not rated*: kept apart, never counted as unsatisfied.
//!
//! # The ladder (layers are cumulative: each needs the ones below)
//! 1. **Satisfied — cognitive trust (认知信任)**: at least one positive experience.
//! 2. **Emotionally trusting (情感信任)**: satisfied, with at least
//!    [`TrustOptions::min_positive_experiences`] (default 2) positive experiences — two positively
//!    rated orders, or a promoter answer and one positive rating — and no *unresolved* complaint
//!    opened on or after the date of the last positive experience (when no positive experience
//!    is dated, any unresolved complaint blocks this step). Unresolved = no resolved date on or
//!    before `as_of`.
//! 3. **Behaviourally trusting (行为信任)**: emotionally trusting, with at least
//!    [`TrustOptions::min_orders`] (default 3) completed orders, a tenure (first to last order)
//!    of at least [`TrustOptions::min_tenure_days`] (default 180) days, and still active.
//!    *Active* is, by [`ActiveRule`]: the last order at most the churn window before `as_of`
//!    (the loyalty module's window), or P(alive) ≥ [`TrustOptions::p_alive_min`] (default 0.5)
//!    under the scorecard's BG/NBD fit. The default `auto` uses P(alive) when the BG/NBD was
//!    fitted and the churn window otherwise; the report says which was used
//!    ([`TrustReport::active_rule_used`]).
//!
//! Why cumulative: the source's point is that trust is built *on* satisfaction. A customer who buys
//! often but never said anything is not shown as behaviourally trusting (we do not know that
//! they are satisfied); such customers — not rated, but meeting every behavioural rule — are
//! counted apart as *repeat buyers without stated satisfaction*. Customers who rated but were
//! never positive are *rated, not satisfied*.
//!
//! # Figures
//! See [`funnel`], [`levers`] and [`bought`] for the funnel, the levers and earned against
//! bought loyalty. Every proportion has a Wilson 95% interval ([`crate::metrics::stats::wilson95`]);
//! every difference Newcombe's hybrid score interval
//! ([`crate::metrics::satisfaction::compare::compare_proportions`]). All of it is observational:
//! groups differ in more than the split, so a difference is a lead to check, not an effect.

pub mod bought;
pub mod funnel;
pub mod levers;

use crate::dataset::{Dataset, OrderStatus, QuestionKind};
use crate::fast::Set;
use crate::metrics::clv::{BgNbd, ClvReport, PurchaseModel, TimeUnit};
use crate::metrics::satisfaction::ratings::star;
use crate::metrics::satisfaction::Measure;
use crate::model::Picked;
use crate::model::{CustomerIndex, Keys};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Follow-up window used when neither the options nor the loyalty module give one.
pub const DEFAULT_FOLLOWUP_DAYS: u32 = 180;
/// How many stuck customers per step the report keeps (the CLI export has all).
pub const STUCK_LISTED: usize = 50;

/// How "still active" is decided for behavioural trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ActiveRule {
    /// P(alive) when the scorecard fitted a BG/NBD, else recency.
    #[default]
    Auto,
    /// Last order at most the churn window before the analysis date.
    Recency,
    /// P(alive) ≥ `p_alive_min` under the BG/NBD fit (recency when there is no fit).
    #[serde(alias = "pAlive")]
    PAlive,
}

/// Thresholds of the trust ladder. Every field has a default; a partial object deserializes.
/// Keys are camelCase (`minOrders`); the snake_case of the sibling option sections
/// (`min_orders`) is accepted too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct TrustOptions {
    /// A rating at or above this (1-5) is positive; default 4.
    #[serde(alias = "rating_positive")]
    pub rating_positive: f64,
    /// A survey CSAT answer at or above this, on 1-5, is positive; default 4.
    #[serde(alias = "csat_positive")]
    pub csat_positive: f64,
    /// An NPS answer (0-10) at or above this is a promoter; default 9.
    #[serde(alias = "nps_promoter")]
    pub nps_promoter: f64,
    /// Positive experiences needed for emotional trust; default 2.
    #[serde(alias = "min_positive_experiences")]
    pub min_positive_experiences: u32,
    /// Completed orders needed for behavioural trust; default 3.
    #[serde(alias = "min_orders")]
    pub min_orders: u32,
    /// Days from first to last order needed for behavioural trust; default 180.
    #[serde(alias = "min_tenure_days")]
    pub min_tenure_days: u32,
    /// How "still active" is decided; default `auto`.
    #[serde(alias = "active_rule")]
    pub active_rule: ActiveRule,
    /// P(alive) at or above this counts as active; default 0.5.
    #[serde(alias = "p_alive_min")]
    pub p_alive_min: f64,
    /// Days a customer is followed after a (satisfied / first) experience; `None` (default) = the
    /// loyalty module's churn window, else 180.
    #[serde(alias = "followup_days")]
    pub followup_days: Option<u32>,
}

impl Default for TrustOptions {
    fn default() -> Self {
        TrustOptions {
            rating_positive: 4.0,
            csat_positive: 4.0,
            nps_promoter: 9.0,
            min_positive_experiences: 2,
            min_orders: 3,
            min_tenure_days: 180,
            active_rule: ActiveRule::Auto,
            p_alive_min: 0.5,
            followup_days: None,
        }
    }
}

/// The highest layer a customer reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// No rating, survey answer or complaint at all.
    NotRated,
    /// Rated (or complained) but never positively.
    RatedNotSatisfied,
    /// Cognitive trust: positive at least once.
    Satisfied,
    /// Emotional trust: satisfaction that persisted.
    Emotional,
    /// Behavioural trust: emotional trust and a continuing relationship.
    Behavioural,
}

impl Layer {
    /// snake_case key, as in the JSON report and the CLI export.
    pub fn key(self) -> &'static str {
        match self {
            Layer::NotRated => "not_rated",
            Layer::RatedNotSatisfied => "rated_not_satisfied",
            Layer::Satisfied => "satisfied",
            Layer::Emotional => "emotional",
            Layer::Behavioural => "behavioural",
        }
    }
}

/// What the ladder needs from the rest of the scorecard.
#[derive(Debug, Clone, Default)]
pub struct TrustContext {
    /// The loyalty module's churn window in days.
    pub churn_window_days: Option<u32>,
    /// The BG/NBD fit that gives each customer's P(alive), when there is one.
    pub p_alive: Option<PAliveModel>,
}

/// A fitted BG/NBD and the calibration end and time unit of its fit: P(alive) of a customer is
/// computed from their purchases on or before that end (same-day purchases are one).
#[derive(Debug, Clone)]
pub struct PAliveModel {
    pub model: BgNbd,
    pub calibration_end: NaiveDate,
    pub unit: TimeUnit,
}

impl PAliveModel {
    /// P(alive) of a customer from their purchases sorted by date; `None` when none is on or
    /// before the calibration end, or the value is not finite.
    pub fn of(&self, purchases: Picked<'_>) -> Option<f64> {
        let mut days = purchases.dates().filter(|d| *d <= self.calibration_end);
        let first = days.next()?;
        let (mut x, mut last) = (0u32, first);
        for d in days {
            if d != last {
                x += 1;
                last = d;
            }
        }
        let p = self.model.p_alive(x as f64, self.unit.between(first, last), self.unit.between(first, self.calibration_end));
        p.is_finite().then_some(p)
    }
}

/// One customer on the ladder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerTrust {
    pub customer_id: String,
    /// Highest layer reached.
    pub layer: Layer,
    /// Not rated, yet meeting every behavioural rule (orders, tenure, active).
    pub repeat_without_stated_satisfaction: bool,
    /// Completed orders.
    pub orders: u32,
    /// Sum of their totals.
    pub spend: f64,
    pub first_order: NaiveDate,
    pub last_order: NaiveDate,
    /// The latest rating (by date; undated last), when any.
    pub last_rating: Option<f64>,
    /// An unresolved complaint at the analysis date.
    pub open_complaint: bool,
    /// Positive experiences counted for emotional trust.
    pub positive_experiences: u32,
    /// Date of the first dated positive experience.
    pub first_positive: Option<NaiveDate>,
    /// Whether the customer counts as active under the rule used.
    pub active: bool,
}

/// Customers stuck on one step, the most valuable first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StuckList {
    /// `rated_not_satisfied`, `satisfied`, `emotional` or `repeat_without_stated_satisfaction`.
    pub step: &'static str,
    /// How many customers are on it.
    pub customers: u64,
    /// The first [`STUCK_LISTED`] by spend (descending, then id).
    pub listed: Vec<CustomerTrust>,
}

/// The whole trust section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrustReport {
    pub as_of: NaiveDate,
    /// The thresholds used.
    pub options: TrustOptions,
    /// "recency" or "p_alive": what decided "still active".
    pub active_rule_used: &'static str,
    /// The churn window (days) for the recency rule.
    pub churn_window_days: u32,
    /// The follow-up window (days) of the headline and the levers.
    pub followup_days: u32,
    /// Customers per highest layer (`not_rated`, `rated_not_satisfied`, `satisfied`,
    /// `emotional`, `behavioural`), every layer listed.
    pub layers: Vec<LayerCount>,
    /// Not rated but meeting every behavioural rule.
    pub repeat_without_stated_satisfaction: u64,
    /// Counts at each step and conversion between steps.
    pub funnel: funnel::Funnel,
    /// Of satisfied customers followed long enough, the share who did not order again.
    pub satisfied_not_back: funnel::Headline,
    /// Repurchase and step-up by first-order delivery, complaint handling, first rating, discount.
    pub levers: levers::Levers,
    /// Earned against bought loyalty; `None` when no order has a discount code.
    pub bought: Option<bought::BoughtLoyalty>,
    /// Stuck customers per step.
    pub stuck: Vec<StuckList>,
    /// What was left out and why.
    pub messages: crate::messages::Notes,
}

/// Customers whose highest layer is `layer`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerCount {
    pub layer: Layer,
    pub customers: u64,
}

/// One customer's records, gathered once. Ratings and tickets are in [`Prepared`]'s grouped
/// lists, at the customer's ladder position `ix` (one allocation per list, not one per
/// customer and list).
#[derive(Debug, Clone)]
pub(crate) struct History<'a> {
    pub id: &'a str,
    /// Position on the ladder (in `Prepared::customers`).
    pub ix: u32,
    /// Completed orders by date.
    pub orders: Picked<'a>,
    /// Any survey answer (CSAT or NPS).
    pub answered: bool,
    pub trust: Standing,
}

/// A customer's place on the ladder while the figures are computed: [`CustomerTrust`] without
/// the id's copy (the history holds it borrowed), so half a million customers take about 100
/// bytes each, not 130.
#[derive(Debug, Clone)]
pub(crate) struct Standing {
    pub layer: Layer,
    pub repeat_without_stated_satisfaction: bool,
    pub open_complaint: bool,
    pub active: bool,
    pub orders: u32,
    pub positive_experiences: u32,
    pub spend: f64,
    pub first_order: NaiveDate,
    pub last_order: NaiveDate,
    pub first_positive: Option<NaiveDate>,
    pub last_rating: Option<f64>,
}

impl Standing {
    /// As the report lists it, with the customer's id.
    fn listed(&self, id: &str) -> CustomerTrust {
        CustomerTrust {
            customer_id: id.to_string(),
            layer: self.layer,
            repeat_without_stated_satisfaction: self.repeat_without_stated_satisfaction,
            orders: self.orders,
            spend: self.spend,
            first_order: self.first_order,
            last_order: self.last_order,
            last_rating: self.last_rating,
            open_complaint: self.open_complaint,
            positive_experiences: self.positive_experiences,
            first_positive: self.first_positive,
            active: self.active,
        }
    }
}

/// Items grouped by ladder position, in the order they were added within a position.
pub(crate) struct Grouped<T> {
    offsets: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy> Grouped<T> {
    /// Groups `(position, item)` pairs over `n` positions (positions below `n`), each
    /// position's items in the order they were added: a counting sort (count per position,
    /// then each item put at its position's next free place), no comparison.
    fn new(n: usize, pairs: Vec<(u32, T)>) -> Grouped<T> {
        let mut offsets = vec![0u32; n + 1];
        for (c, _) in &pairs {
            offsets[*c as usize + 1] += 1;
        }
        for c in 0..n {
            offsets[c + 1] += offsets[c];
        }
        let Some(&(_, first)) = pairs.first() else { return Grouped { offsets, items: Vec::new() } };
        let mut items = vec![first; pairs.len()];
        let mut next: Vec<u32> = offsets[..n].to_vec();
        for (c, item) in pairs {
            let at = &mut next[c as usize];
            items[*at as usize] = item;
            *at += 1;
        }
        Grouped { offsets, items }
    }

    /// The items of ladder position `c`.
    pub fn of(&self, c: u32) -> &[T] {
        &self.items[self.offsets[c as usize] as usize..self.offsets[c as usize + 1] as usize]
    }
}

/// Everything computed once and shared by the figures.
pub(crate) struct Prepared<'a> {
    pub as_of: NaiveDate,
    pub window: u32,
    pub customers: Vec<History<'a>>,
    /// (date, rating, review number) of each customer's valid ratings (the review's order id
    /// is read from `reviews` when needed: 16 bytes a rating, not 32).
    pub ratings: Grouped<(Option<NaiveDate>, f64, u32)>,
    pub reviews: &'a crate::model::Reviews,
    /// (opened, resolved by as_of) of each customer's tickets.
    pub tickets: Grouped<(NaiveDate, bool)>,
    pub messages: crate::messages::Notes,
    pub rule: &'static str,
    pub churn: u32,
    /// The positive rating threshold.
    pub positive_rating: f64,
}

fn rescale_csat(x: f64, min: f64, max: f64) -> Option<f64> {
    (x.is_finite() && max > min && (min..=max).contains(&x)).then(|| 1.0 + 4.0 * (x - min) / (max - min))
}

/// The scorecard's BG/NBD fit for P(alive) (`None` without one).
pub fn p_alive_of(clv: &ClvReport) -> Option<PAliveModel> {
    let fit = clv.bgnbd.fit.as_ref()?;
    let p = |n: &str| fit.params.iter().find(|q| q.name == n).map(|q| q.value);
    let model = BgNbd::new(p("r")?, p("alpha")?, p("a")?, p("b")?).ok()?;
    Some(PAliveModel { model, calibration_end: clv.calibration_end?, unit: clv.unit })
}

pub(crate) fn prepare<'a>(data: &'a Dataset, keys: &Keys<'a>, index: &'a CustomerIndex, as_of: NaiveDate, ctx: &TrustContext, opts: &TrustOptions) -> Prepared<'a> {
    let mut messages = crate::messages::Notes::new();
    let churn = ctx.churn_window_days.filter(|d| *d > 0).unwrap_or(DEFAULT_FOLLOWUP_DAYS);
    let window = opts.followup_days.filter(|d| *d > 0).unwrap_or(churn);
    let use_p_alive = match opts.active_rule {
        ActiveRule::Recency => false,
        ActiveRule::Auto | ActiveRule::PAlive => ctx.p_alive.is_some(),
    };
    if opts.active_rule == ActiveRule::PAlive && ctx.p_alive.is_none() {
        messages.push(crate::messages::Note::NoBgNbdForActive);
    }
    let rule = if use_p_alive { "p_alive" } else { "recency" };

    // Ladder position of each customer number (u32::MAX: no purchase, not on the ladder).
    let mut at = vec![u32::MAX; keys.customers()];
    let mut hist: Vec<History> = Vec::with_capacity(index.with_orders().count());
    for c in index.with_orders() {
        at[c as usize] = hist.len() as u32;
        let orders = Picked::new(&data.orders, index.of(c));
        let dates = data.orders.dates();
        let first = dates[orders.positions()[0] as usize];
        let last = dates[orders.positions()[orders.len() - 1] as usize];
        hist.push(History {
            id: keys.name(c),
            ix: hist.len() as u32,
            trust: Standing {
                layer: Layer::NotRated,
                repeat_without_stated_satisfaction: false,
                orders: orders.len() as u32,
                spend: orders.positions().iter().map(|p| data.orders.totals()[*p as usize]).filter(|t| t.is_finite()).sum(),
                first_order: first,
                last_order: last,
                last_rating: None,
                open_complaint: false,
                positive_experiences: 0,
                first_positive: None,
                active: false,
            },
            orders,
            answered: false,
        });
    }
    // Ladder position of a customer number, when the customer has a purchase.
    let on_ladder = |c: Option<u32>| c.map(|c| at[c as usize]).filter(|p| *p != u32::MAX).map(|p| p as usize);
    // The order at a position, when it is a purchase (completed, on or before as_of).
    // (Its date.)
    let (status, dates) = (data.orders.statuses(), data.orders.dates());
    let purchase = |pos: usize| (status[pos] == OrderStatus::Completed && dates[pos] <= as_of).then(|| dates[pos]);

    let mut orphan = 0u64;
    // Sized once (one entry per review at most): growing by doubling held two buffers.
    let mut ratings = Vec::with_capacity(data.reviews.len());
    let mut positives = Vec::with_capacity(data.reviews.len() + data.survey.responses.len());
    let mut tickets = Vec::with_capacity(data.tickets.len());
    // Reviews: positive reviews of one order are one experience (an order id no order has is
    // told apart by its text).
    // (ladder position, order position) in one number: 8 bytes a key, not 16.
    let mut positive_orders: Set<u64> = Set::default();
    let mut positive_unknown: Set<(usize, &str)> = Set::default();
    let reviews = &data.reviews;
    for (i, (&rating, &review_date)) in reviews.ratings().iter().zip(reviews.dates()).enumerate() {
        if star(rating).is_none() {
            continue;
        }
        let order_id = reviews.order_id_at(i);
        let pos = keys.review_order_where(i, order_id, |p| purchase(p).is_some());
        let linked = pos.and_then(purchase);
        let date = review_date.or(linked);
        if date.is_some_and(|d| d > as_of) {
            continue;
        }
        let cust = if reviews.customer_id_at(i).is_some() { keys.review_customer(i) } else { linked.and(pos).map(|p| keys.customer_of(p)) };
        let Some(c) = on_ladder(cust) else {
            orphan += 1;
            continue;
        };
        ratings.push((c as u32, (date, rating, i as u32)));
        if rating >= opts.rating_positive {
            let repeated = match (order_id, pos) {
                (Some(_), Some(p)) => !positive_orders.insert((c as u64) << 32 | p as u64),
                (Some(id), None) => !positive_unknown.insert((c, id)),
                (None, _) => false,
            };
            if !repeated {
                positives.push((c as u32, date));
            }
        }
    }
    // Survey answers: CSAT and NPS.
    let col = |kind: &QuestionKind| data.survey.questions.iter().position(|q| &q.kind == kind);
    let (csat, nps) = (col(&QuestionKind::Csat), col(&QuestionKind::Nps));
    if csat.is_some() || nps.is_some() {
        for (r_i, resp) in data.survey.responses.iter().enumerate() {
            if resp.date.is_some_and(|d| d > as_of) {
                continue;
            }
            let answer = |i: Option<usize>| i.and_then(|i| resp.answers.get(i).copied().flatten().map(|a| (a, &data.survey.questions[i])));
            let c_ans = answer(csat).and_then(|(a, q)| rescale_csat(a, q.min, q.max));
            let n_ans = answer(nps).map(|(a, _)| a).filter(|a| a.is_finite() && (0.0..=10.0).contains(a));
            if c_ans.is_none() && n_ans.is_none() {
                continue;
            }
            let Some(c) = on_ladder(keys.response_customer(r_i)) else {
                orphan += 1;
                continue;
            };
            let h = &mut hist[c];
            h.answered = true;
            if c_ans.is_some_and(|x| x >= opts.csat_positive) || n_ans.is_some_and(|x| x >= opts.nps_promoter) {
                positives.push((c as u32, resp.date));
            }
        }
    }
    // Tickets.
    for (i, t) in data.tickets.iter().enumerate().filter(|(_, t)| t.opened <= as_of) {
        let cust = if t.customer_id.is_some() { keys.ticket_customer(i) } else { keys.ticket_order_where(i, t.order_id.as_deref(), |p| purchase(p).is_some()).map(|p| keys.customer_of(p)) };
        let Some(c) = on_ladder(cust) else {
            orphan += 1;
            continue;
        };
        tickets.push((c as u32, (t.opened, t.resolved.is_some_and(|r| r <= as_of))));
    }
    if orphan > 0 {
        messages.push(crate::messages::Note::OrphanAttitudes { n: orphan });
    }

    let n = hist.len();
    let (ratings, positives, tickets) = (Grouped::new(n, ratings), Grouped::new(n, positives), Grouped::new(n, tickets));
    for h in &mut hist {
        let t = &mut h.trust;
        let (h_ratings, h_positives, h_tickets) = (ratings.of(h.ix), positives.of(h.ix), tickets.of(h.ix));
        // The latest dated rating (of those on the latest day, the last listed); when none is
        // dated, the last listed. One pass, no copy.
        let mut latest: Option<(NaiveDate, f64)> = None;
        for r in h_ratings {
            if let Some(d) = r.0 {
                if latest.is_none_or(|(l, _)| d >= l) {
                    latest = Some((d, r.1));
                }
            }
        }
        t.last_rating = latest.map(|l| l.1).or(h_ratings.last().map(|r| r.1));
        t.open_complaint = h_tickets.iter().any(|x| !x.1);
        t.positive_experiences = h_positives.len() as u32;
        t.first_positive = h_positives.iter().flatten().min().copied();
        t.active = if use_p_alive { ctx.p_alive.as_ref().and_then(|m| m.of(h.orders)).is_some_and(|p| p >= opts.p_alive_min) } else { (as_of - t.last_order).num_days() <= churn as i64 };
        let behaviour = t.orders >= opts.min_orders && (t.last_order - t.first_order).num_days() >= opts.min_tenure_days as i64 && t.active;
        let has_attitude = !h_ratings.is_empty() || h.answered || !h_tickets.is_empty();
        t.layer = if !has_attitude {
            t.repeat_without_stated_satisfaction = behaviour;
            Layer::NotRated
        } else if h_positives.is_empty() {
            Layer::RatedNotSatisfied
        } else {
            let last_pos = h_positives.iter().flatten().max().copied();
            let blocked = h_tickets.iter().any(|(opened, resolved)| !resolved && last_pos.is_none_or(|d| *opened >= d));
            if t.positive_experiences < opts.min_positive_experiences.max(1) || blocked {
                Layer::Satisfied
            } else if behaviour {
                Layer::Behavioural
            } else {
                Layer::Emotional
            }
        };
    }
    Prepared { as_of, window, customers: hist, ratings, reviews: &data.reviews, tickets, messages, rule, churn, positive_rating: opts.rating_positive }
}

/// Every customer with an order, on the ladder, sorted by id (the CLI's `trust_layer` column).
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::{Dataset, Order, Review};
/// use loyalty_scorecard::metrics::trust::{trust_layers, Layer, TrustContext, TrustOptions};
/// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
/// let review = |rating| Review { review_id: None, order_id: None, customer_id: Some("A".into()), product: None,
///     rating, date: Some(d(1, 9)), text: None, row: 0 };
/// let data = Dataset { orders: vec![Order::new("A", d(1, 2), 10.0), Order::new("B", d(1, 3), 10.0)].into(),
///     reviews: vec![review(5.0)].into(), ..Dataset::default() };
/// let rows = trust_layers(&data, d(6, 30), &TrustContext::default(), &TrustOptions::default());
/// assert_eq!((rows[0].layer, rows[1].layer), (Layer::Satisfied, Layer::NotRated));
/// ```
pub fn trust_layers(data: &Dataset, as_of: NaiveDate, ctx: &TrustContext, opts: &TrustOptions) -> Vec<CustomerTrust> {
    let keys = Keys::new(data);
    trust_layers_keyed(data, &keys, &CustomerIndex::purchases(data, &keys, as_of), as_of, ctx, opts)
}

/// [`trust_layers`] with the analysis's [`Keys`] and customer index of purchases (completed
/// orders on or before `as_of`).
pub(crate) fn trust_layers_keyed<'a>(data: &'a Dataset, keys: &Keys<'a>, purchases: &CustomerIndex, as_of: NaiveDate, ctx: &TrustContext, opts: &TrustOptions) -> Vec<CustomerTrust> {
    prepare(data, keys, purchases, as_of, ctx, opts).customers.iter().map(|h| h.trust.listed(h.id)).collect()
}

/// The trust section. `None` when there is no completed order on or before `as_of`.
///
/// # Edge cases
/// No reviews, survey answers or tickets: every customer is "not rated", and every figure that
/// starts from satisfied customers is "not enough data" (never NaN). One customer: figures
/// with n = 1 and the small-sample warning.
pub fn analyze_trust(data: &Dataset, as_of: NaiveDate, ctx: &TrustContext, opts: &TrustOptions) -> Option<TrustReport> {
    let keys = Keys::new(data);
    analyze_trust_keyed(data, &keys, &CustomerIndex::purchases(data, &keys, as_of), as_of, ctx, opts)
}

/// [`analyze_trust`] with the analysis's [`Keys`] and customer index of purchases (completed
/// orders on or before `as_of`).
pub(crate) fn analyze_trust_keyed<'a>(data: &'a Dataset, keys: &Keys<'a>, purchases: &CustomerIndex, as_of: NaiveDate, ctx: &TrustContext, opts: &TrustOptions) -> Option<TrustReport> {
    let p = prepare(data, keys, purchases, as_of, ctx, opts);
    if p.customers.is_empty() {
        return None;
    }
    let mut messages = p.messages.clone();
    let count = |l: Layer| p.customers.iter().filter(|h| h.trust.layer == l).count() as u64;
    let layers: Vec<LayerCount> =
        [Layer::NotRated, Layer::RatedNotSatisfied, Layer::Satisfied, Layer::Emotional, Layer::Behavioural].into_iter().map(|layer| LayerCount { layer, customers: count(layer) }).collect();
    if count(Layer::NotRated) == p.customers.len() as u64 {
        messages.push(crate::messages::Note::NoAttitudeData);
    }
    let repeat_without = p.customers.iter().filter(|h| h.trust.repeat_without_stated_satisfaction).count() as u64;
    let stuck = stuck_lists(&p);
    Some(TrustReport {
        as_of,
        options: opts.clone(),
        active_rule_used: p.rule,
        churn_window_days: p.churn,
        followup_days: p.window,
        funnel: funnel::funnel_of(&p),
        satisfied_not_back: funnel::headline_of(&p),
        levers: levers::levers_of(&p),
        bought: bought::bought_of(&p, &mut messages),
        layers,
        repeat_without_stated_satisfaction: repeat_without,
        stuck,
        messages,
    })
}

fn stuck_lists(p: &Prepared) -> Vec<StuckList> {
    let pick = |step: &'static str, f: &dyn Fn(&Standing) -> bool| {
        let mut all: Vec<&History> = p.customers.iter().filter(|h| f(&h.trust)).collect();
        let n = all.len() as u64;
        let order = |a: &&History, b: &&History| b.trust.spend.total_cmp(&a.trust.spend).then_with(|| a.id.cmp(b.id));
        // Only the first STUCK_LISTED are listed: select them (linear), then sort just those.
        if all.len() > STUCK_LISTED {
            all.select_nth_unstable_by(STUCK_LISTED - 1, order);
            all.truncate(STUCK_LISTED);
        }
        crate::fast::sort_stable(&mut all, order);
        StuckList { step, customers: n, listed: all.into_iter().map(|h| h.trust.listed(h.id)).collect() }
    };
    vec![
        pick("rated_not_satisfied", &|t| t.layer == Layer::RatedNotSatisfied),
        pick("satisfied", &|t| t.layer == Layer::Satisfied),
        pick("emotional", &|t| t.layer == Layer::Emotional),
        pick("repeat_without_stated_satisfaction", &|t| t.repeat_without_stated_satisfaction),
    ]
}

/// Whether the customer ordered on a day after `after` and at most `window` days after it.
pub(crate) fn ordered_within(h: &History, after: NaiveDate, window: u32) -> bool {
    h.orders.dates().any(|d| d > after && (d - after).num_days() <= window as i64)
}

/// Whether `d` is at least `window` days before `as_of` (followed long enough).
pub(crate) fn followed(d: NaiveDate, as_of: NaiveDate, window: u32) -> bool {
    (as_of - d).num_days() >= window as i64
}

/// The first order's miss against its promise, when delivered with one.
pub(crate) fn first_miss(h: &History) -> Option<i64> {
    let first = *h.orders.positions().first()?;
    crate::metrics::satisfaction::delivery::miss_days_at(h.orders.table(), first as usize)
}

/// A proportion of customers (Wilson).
pub(crate) fn share(k: u64, n: u64) -> Measure {
    Measure::proportion(k, n, crate::metrics::satisfaction::Counted::Customers)
}

/// The trust section as the scorecard computes it: the loyalty module's churn window and, when
/// the scorecard fitted a BG/NBD, P(alive) from that fit.
pub fn scorecard_trust(data: &Dataset, as_of: NaiveDate, loyalty: Option<&crate::metrics::loyalty::LoyaltyReport>, clv: Option<&ClvReport>, opts: &TrustOptions) -> Option<TrustReport> {
    let keys = Keys::new(data);
    scorecard_trust_keyed(data, &keys, &CustomerIndex::purchases(data, &keys, as_of), as_of, loyalty, clv.and_then(p_alive_of), opts)
}

/// [`scorecard_trust`] with the analysis's [`Keys`] and the P(alive) model [`context_of`] would
/// take from the lifetime-value report (given apart, so the ladder need not wait for the rest of
/// that report).
pub(crate) fn scorecard_trust_keyed<'a>(
    data: &'a Dataset,
    keys: &Keys<'a>,
    purchases: &CustomerIndex,
    as_of: NaiveDate,
    loyalty: Option<&crate::metrics::loyalty::LoyaltyReport>,
    p_alive: Option<PAliveModel>,
    opts: &TrustOptions,
) -> Option<TrustReport> {
    let ctx = context_with(loyalty, p_alive, opts);
    analyze_trust_keyed(data, keys, purchases, as_of, &ctx, opts)
}

/// The [`TrustContext`] of the scorecard (P(alive) is only computed when the rule may use it).
pub fn context_of(_data: &Dataset, loyalty: Option<&crate::metrics::loyalty::LoyaltyReport>, clv: Option<&ClvReport>, opts: &TrustOptions) -> TrustContext {
    context_with(loyalty, clv.and_then(p_alive_of), opts)
}

/// [`context_of`] with the P(alive) model given.
fn context_with(loyalty: Option<&crate::metrics::loyalty::LoyaltyReport>, p_alive: Option<PAliveModel>, opts: &TrustOptions) -> TrustContext {
    TrustContext { churn_window_days: loyalty.map(|l| l.leaky_bucket.churn_window.days), p_alive: if opts.active_rule == ActiveRule::Recency { None } else { p_alive } }
}
