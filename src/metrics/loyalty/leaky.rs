//! The leaky bucket: customers lost each month against the active base, the new customers
//! needed just to stand still, and what keeping a few more would be worth.

use super::interpurchase::{gaps_of, Gaps};
use super::prepared::{date_of, month_bounds, month_key, month_label, prepare, quantile_sorted, Prepared};
use crate::model::{AsOrders, Orders};
use chrono::NaiveDate;
use serde::Serialize;

/// Churn window used when none is configured and there are too few gaps to derive one.
pub const DEFAULT_CHURN_WINDOW_DAYS: u32 = 180;
/// Fewest gaps between purchases from which the window is derived (90th percentile).
pub const MIN_GAPS_FOR_DERIVED_WINDOW: u64 = 20;
/// Default retention uplift of the what-if: 5% of the lost customers kept, the step in
/// Reichheld & Sasser (1990), "Zero Defections: Quality Comes to Services", HBR 68(5).
pub const DEFAULT_RETENTION_UPLIFT: f64 = 0.05;
/// Default profit margin of the what-if: 30% of revenue. A placeholder, not a benchmark: set
/// the shop's own contribution margin.
pub const DEFAULT_MARGIN: f64 = 0.30;
/// Length of the what-if window: the 365 days ending on `as_of`.
pub const WHAT_IF_WINDOW_DAYS: u32 = 365;

/// The cost claim quoted in 《電子商務下顧客滿意度及忠誠度的培養》, reported as an assumption.
pub const ACQUISITION_COST_ASSUMPTION: &str = "Keeping a customer is commonly said to cost 3-5x less than winning a new one \
(as quoted in 《電子商務下顧客滿意度及忠誠度的培養》). This is an assumption quoted for context, not computed from this data.";
/// The profit claim quoted in 《電子商務下顧客滿意度及忠誠度的培養》, reported as an assumption.
pub const PROFIT_CLAIM_ASSUMPTION: &str = "Reichheld & Sasser (1990) and Reichheld (1996) report that 5% more retained \
customers raise profit by 25% to 90% (as quoted in 《電子商務下顧客滿意度及忠誠度的培養》): their figure includes spend growing with tenure, lower serving \
costs, referrals and price premiums, which this one-year estimate leaves out.";

/// Where the churn window came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowSource {
    /// Given in the options.
    Configured,
    /// The 90th percentile of the days between purchases, rounded up.
    P90Gap,
    /// [`DEFAULT_CHURN_WINDOW_DAYS`], for lack of enough gaps.
    Default,
}

/// A customer counts as lost once their last purchase is more than `days` days old.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChurnWindow {
    /// Window length in days.
    pub days: u32,
    /// Where the length came from.
    pub source: WindowSource,
}

/// One month of the leaky bucket.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeakyMonth {
    /// "YYYY-MM".
    pub month: String,
    /// First day of the month.
    pub start: NaiveDate,
    /// Last day of the month, or `as_of` for its (partial) month.
    pub end: NaiveDate,
    /// False for the month of `as_of` unless `as_of` is its last day.
    pub complete: bool,
    /// Active customers at the start of the month (= `active_end` of the month before).
    pub active_start: u64,
    /// Customers whose first purchase is in the month.
    pub new_customers: u64,
    /// Customers who had been lost and bought again in the month (won back).
    pub reactivated_customers: u64,
    /// Customers whose last purchase passed the churn window in the month (on or before `end`).
    pub lost_customers: u64,
    /// active_start + new + reactivated − lost.
    pub active_end: u64,
    /// New customers needed to keep the active base level: max(0, lost − reactivated).
    pub new_needed_to_stay_level: u64,
}

/// What keeping more of the lost customers would be worth, over the last 365 days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    /// The window: the 365 days ending on `as_of` (earlier than the first purchase is allowed;
    /// `window_days_with_data` says how much of it has data).
    pub window_start: NaiveDate,
    /// Last day of the window (`as_of`).
    pub window_end: NaiveDate,
    /// Days of the window on or after the first purchase.
    pub window_days_with_data: u32,
    /// Customers lost in the window.
    pub lost_customers: u64,
    /// Input: share of those lost who are kept.
    pub retention_uplift: f64,
    /// lost × uplift (a fraction of a customer is an expected value).
    pub retained_customers: f64,
    /// Customers who bought in the window, and their revenue there.
    pub buyers: u64,
    /// Revenue of the window.
    pub revenue: f64,
    /// revenue ÷ buyers; `None` when nobody bought in the window.
    pub revenue_per_buyer: Option<f64>,
    /// Input: profit ÷ revenue.
    pub margin: f64,
    /// retained × revenue per buyer.
    pub extra_revenue: Option<f64>,
    /// extra revenue × margin.
    pub extra_profit: Option<f64>,
    /// extra profit ÷ (revenue × margin) = extra revenue ÷ revenue; `None` when revenue is 0.
    pub extra_profit_share: Option<f64>,
    /// Every assumption behind the numbers, in words.
    pub assumptions: Vec<String>,
}

/// The leaky bucket.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeakyBucket {
    /// The churn window used.
    pub churn_window: ChurnWindow,
    /// From the month of the first purchase to the month of `as_of`.
    pub months: Vec<LeakyMonth>,
    /// Customers whose last purchase is at most the window before `as_of`.
    pub active_at_as_of: u64,
    /// Lapses up to `as_of` (a customer lost twice counts twice).
    pub lost_total: u64,
    /// Returns after a lapse up to `as_of`.
    pub reactivated_total: u64,
    /// `None` when there are no purchases.
    pub what_if: Option<WhatIf>,
}

/// The churn window: `configured` when given (at least 1 day), else the 90th percentile of the
/// days between purchase days ([`super::interpurchase`]) rounded up, when there are at least
/// [`MIN_GAPS_FOR_DERIVED_WINDOW`] gaps, else [`DEFAULT_CHURN_WINDOW_DAYS`].
///
/// Rationale: 9 in 10 observed returns come within the 90th-percentile gap, so a customer
/// silent for longer is unlikely to be between purchases. The gaps seen are right-censored
/// (long gaps still open at `as_of` are not seen), so this window tends to be short.
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::Order;
/// use loyalty_scorecard::metrics::loyalty::leaky::{churn_window, WindowSource};
/// let d = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
/// assert_eq!(churn_window(&[], d, Some(60)).days, 60);
/// let w = churn_window(&[Order::new("a", d, 1.0)], d, None);
/// assert_eq!((w.days, w.source), (180, WindowSource::Default));
/// ```
pub fn churn_window(orders: &(impl AsOrders + ?Sized), as_of: NaiveDate, configured: Option<u32>) -> ChurnWindow {
    let orders = orders.as_orders();
    let orders: &Orders = &orders;
    churn_window_of(&gaps_of(&prepare(orders, as_of)), configured)
}

pub(crate) fn churn_window_of(gaps: &Gaps, configured: Option<u32>) -> ChurnWindow {
    if let Some(days) = configured {
        return ChurnWindow { days: days.max(1), source: WindowSource::Configured };
    }
    if (gaps.sorted.len() as u64) < MIN_GAPS_FOR_DERIVED_WINDOW {
        return ChurnWindow { days: DEFAULT_CHURN_WINDOW_DAYS, source: WindowSource::Default };
    }
    let v: Vec<f64> = gaps.sorted.iter().map(|&x| x as f64).collect();
    let p90 = quantile_sorted(&v, 0.9).unwrap_or(DEFAULT_CHURN_WINDOW_DAYS as f64);
    ChurnWindow { days: (p90.ceil() as u32).max(1), source: WindowSource::P90Gap }
}

/// The leaky bucket at `as_of` with a churn window of `churn_window_days` (or derived, see
/// [`churn_window`]) and the what-if inputs `retention_uplift` and `margin` (each clamped to
/// [0, 1]; non-finite values become [`DEFAULT_RETENTION_UPLIFT`] / [`DEFAULT_MARGIN`]).
///
/// Definitions: with churn window W days, a customer is *active* from a purchase until W days
/// after their latest purchase; on day last + W + 1 they are *lost* (counted in that month,
/// only when that day is on or before `as_of`). A purchase after being lost *reactivates* them
/// (won back) and a later lapse counts again. Hence each month
/// active_end = active_start + new + reactivated − lost, and the new customers needed just to
/// keep the base level are lost − reactivated (the leak the shop must refill, 《電子商務下顧客滿意度及忠誠度的培養》).
///
/// What-if over the 365 days ending on `as_of`: kept = lost in that window × uplift; each kept
/// customer is assumed to spend what an average buyer of the window spent there; extra profit =
/// extra revenue × margin. The 3-5x acquisition-cost claim and the +25..90% profit claim
/// are listed as assumptions, not computed.
///
/// # Edge cases
/// No purchases: no months, zeros, `what_if: None`. Nobody has lapsed yet: every `lost` is 0.
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::Order;
/// use loyalty_scorecard::metrics::loyalty::leaky::leaky_bucket;
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// // Window 30 days: b (last 2024-01-10) is lost on 2024-02-10; a bought 2024-02-20 and is active.
/// let o = [Order::new("a", d("2024-01-05"), 10.0), Order::new("b", d("2024-01-10"), 10.0),
///          Order::new("a", d("2024-02-20"), 10.0)];
/// let b = leaky_bucket(&o, d("2024-02-29"), Some(30), 0.5, 0.4);
/// let feb = &b.months[1];
/// // a's gap of 46 days also lapsed (on 2024-02-05) and was won back on 2024-02-20.
/// assert_eq!((feb.active_start, feb.lost_customers, feb.reactivated_customers, feb.active_end), (2, 2, 1, 1));
/// assert_eq!((b.active_at_as_of, feb.new_needed_to_stay_level), (1, 1));
/// let w = b.what_if.unwrap(); // 2 lost × 0.5 = 1 kept × (30 / 2 buyers) = 15 revenue, 6 profit
/// assert_eq!((w.retained_customers, w.extra_revenue, w.extra_profit), (1.0, Some(15.0), Some(6.0)));
/// ```
pub fn leaky_bucket(orders: &(impl AsOrders + ?Sized), as_of: NaiveDate, churn_window_days: Option<u32>, retention_uplift: f64, margin: f64) -> LeakyBucket {
    let orders = orders.as_orders();
    let p = prepare(&orders, as_of);
    let window = churn_window_of(&gaps_of(&p), churn_window_days);
    leaky_of(&p, window, retention_uplift, margin)
}

pub(crate) fn leaky_of(p: &Prepared, window: ChurnWindow, retention_uplift: f64, margin: f64) -> LeakyBucket {
    let Some(first_day) = p.customers.iter().map(|c| c.first).min() else {
        return LeakyBucket { churn_window: window, months: Vec::new(), active_at_as_of: 0, lost_total: 0, reactivated_total: 0, what_if: None };
    };
    let w = window.days as i32;
    let first_key = month_key(date_of(first_day));
    let last_key = month_key(p.as_of);
    let n = (last_key - first_key + 1) as usize;
    let idx = |day: i32| (month_key(date_of(day)) - first_key) as usize;
    let (mut new, mut react, mut lost) = (vec![0u64; n], vec![0u64; n], vec![0u64; n]);
    let what_if_start = p.as_of_day - (WHAT_IF_WINDOW_DAYS as i32 - 1);
    let mut lost_in_window = 0u64;
    let mut lapse = |day: i32, lost: &mut Vec<u64>| {
        if day <= p.as_of_day {
            lost[idx(day)] += 1;
            if day >= what_if_start {
                lost_in_window += 1;
            }
        }
    };
    let (mut buyers, mut window_revenue) = (0u64, 0.0);
    for (c, cu) in p.customers.iter().enumerate() {
        new[idx(cu.first)] += 1;
        let mut prev: Option<i32> = None;
        for day in p.days_of(c) {
            if let Some(q) = prev {
                if day - q > w {
                    lapse(q + w + 1, &mut lost);
                    react[idx(day)] += 1;
                }
            }
            prev = Some(day);
        }
        lapse(cu.last + w + 1, &mut lost);
        let mut bought = false;
        for x in p.purchases_of(c).iter().filter(|x| x.day >= what_if_start) {
            bought = true;
            window_revenue += x.total;
        }
        buyers += bought as u64;
    }
    let mut months = Vec::with_capacity(n);
    let mut active = 0u64;
    for i in 0..n {
        let (start, end) = month_bounds(first_key + i as i32);
        let active_end = active + new[i] + react[i] - lost[i];
        months.push(LeakyMonth {
            month: month_label(first_key + i as i32),
            start,
            end: end.min(p.as_of),
            complete: end <= p.as_of,
            active_start: active,
            new_customers: new[i],
            reactivated_customers: react[i],
            lost_customers: lost[i],
            active_end,
            new_needed_to_stay_level: lost[i].saturating_sub(react[i]),
        });
        active = active_end;
    }

    let fix = |x: f64, default: f64| if x.is_finite() { x.clamp(0.0, 1.0) } else { default };
    let (uplift, margin) = (fix(retention_uplift, DEFAULT_RETENTION_UPLIFT), fix(margin, DEFAULT_MARGIN));
    let retained = lost_in_window as f64 * uplift;
    let per_buyer = (buyers > 0).then(|| window_revenue / buyers as f64);
    let extra_revenue = per_buyer.map(|r| retained * r);
    let window_start = date_of(what_if_start);
    let what_if = WhatIf {
        window_start,
        window_end: p.as_of,
        window_days_with_data: (p.as_of_day - what_if_start.max(first_day) + 1) as u32,
        lost_customers: lost_in_window,
        retention_uplift: uplift,
        retained_customers: retained,
        buyers,
        revenue: window_revenue,
        revenue_per_buyer: per_buyer,
        margin,
        extra_revenue,
        extra_profit: extra_revenue.map(|r| r * margin),
        extra_profit_share: extra_revenue.filter(|_| window_revenue > 0.0).map(|r| r / window_revenue),
        assumptions: vec![
            format!(
                "Retention uplift {:.1}%: that share of the {lost_in_window} customers lost between {window_start} and {} \
                 is kept (input; default 5%, the step studied by Reichheld & Sasser 1990).",
                uplift * 100.0,
                p.as_of
            ),
            "Each kept customer spends what an average customer who bought in the same 365 days spent there (input \
             data; one year only, no growth with tenure)."
                .to_string(),
            format!("Margin {:.1}%: profit per unit of revenue (input; the default 30% is a placeholder, not a benchmark).", margin * 100.0),
            ACQUISITION_COST_ASSUMPTION.to_string(),
            PROFIT_CLAIM_ASSUMPTION.to_string(),
        ],
    };
    LeakyBucket { churn_window: window, active_at_as_of: active, lost_total: lost.iter().sum(), reactivated_total: react.iter().sum(), months, what_if: Some(what_if) }
}
