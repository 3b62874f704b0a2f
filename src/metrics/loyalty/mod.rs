//! Descriptive loyalty from orders: repeat and returning rates, time between orders, cohorts, RFM, value concentration and tiers, the leaky bucket.
//!
//! 《電子商務下顧客滿意度及忠誠度的培養》: loyalty, not satisfaction, is the goal; most value comes from a minority of
//! customers; keeping customers is cheaper than winning them; a shop losing customers must win
//! new ones just to stand still. These modules measure that from the orders alone, as pure
//! functions of the orders and an explicit analysis date `as_of` (no clock):
//!
//! - [`periods`]: active, new and returning customers per month or ISO week;
//! - [`interpurchase`]: days between purchases;
//! - [`cohorts`]: monthly acquisition cohorts and retention;
//! - [`rfm`]: recency, frequency, monetary scores and segments;
//! - [`concentration`]: top shares, Lorenz curve, Gini, value tiers;
//! - [`leaky`]: churn window, customers lost per month, retention what-if.
//!
//! [`analyze_loyalty`] runs them all on one preparation of the data. Every function counts as a
//! *purchase* only a completed order ([`OrderStatus::Completed`](crate::dataset::OrderStatus))
//! dated on or before `as_of` with a finite, non-negative total; results do not depend on the
//! order of the input rows. No result is NaN: what cannot be computed is `None` (or empty) and
//! [`LoyaltyReport::messages`] says why.

pub mod cohorts;
pub mod concentration;
pub mod interpurchase;
pub mod leaky;
pub mod periods;
pub(crate) mod prepared;
pub mod rfm;

use crate::model::Orders;
use crate::model::{AsOrders, CustomerIndex, Keys};
use chrono::NaiveDate;
use cohorts::CohortReport;
use concentration::{Concentration, TierThresholds, ValueTier};
use interpurchase::Interpurchase;
use leaky::LeakyBucket;
use periods::{Granularity, PeriodRow};
use prepared::{prepare, Prepared};
use rfm::{Segment, SegmentSummary};
use serde::{Deserialize, Serialize};

/// Fewer customers than this: RFM quintiles and shares come with a message.
pub const MIN_CUSTOMERS_FOR_QUINTILES: usize = 5;

/// Settings of the loyalty analysis. Every field has a documented default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LoyaltyOptions {
    /// Days without a purchase after which a customer counts as lost. `None` (default): derived
    /// as the 90th percentile of the days between purchases, see [`leaky::churn_window`].
    pub churn_window_days: Option<u32>,
    /// Value tier cuts; default top 20% high, next 30% medium, rest low.
    pub tier_thresholds: TierThresholds,
    /// What-if: share of lost customers kept; default 0.05 ([`leaky::DEFAULT_RETENTION_UPLIFT`]).
    pub retention_uplift: f64,
    /// What-if: profit ÷ revenue; default 0.30, a placeholder ([`leaky::DEFAULT_MARGIN`]).
    pub margin: f64,
    /// Cohort averages cover months 0..=this after acquisition; default 6.
    pub cohort_window_months: u32,
    /// Also compute ISO-week periods; default false.
    pub weekly: bool,
    /// Include the per-customer table in the report; default true.
    pub include_customer_table: bool,
}

impl Default for LoyaltyOptions {
    fn default() -> Self {
        LoyaltyOptions {
            churn_window_days: None,
            tier_thresholds: TierThresholds::default(),
            retention_uplift: leaky::DEFAULT_RETENTION_UPLIFT,
            margin: leaky::DEFAULT_MARGIN,
            cohort_window_months: cohorts::DEFAULT_WINDOW_MONTHS,
            weekly: false,
            include_customer_table: true,
        }
    }
}

/// One customer's row of the export table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerRow {
    /// Customer id as in the orders file.
    pub customer_id: String,
    /// Days from the last purchase to `as_of`.
    pub recency_days: u32,
    /// Purchases (order rows).
    pub frequency: u32,
    /// Total spend.
    pub monetary: f64,
    /// Recency score 1-5 (5 = most recent), see [`rfm::rfm`].
    pub r: u8,
    /// Frequency score 1-5, see [`rfm::quintile_scores`].
    pub f: u8,
    /// Monetary score 1-5, see [`rfm::quintile_scores`].
    pub m: u8,
    /// RFM segment, see [`rfm::SEGMENT_GRID`].
    pub segment: Segment,
    /// Value tier, see [`concentration::value_tiers`].
    pub value_tier: ValueTier,
}

fn is_true(b: &bool) -> bool {
    *b
}

/// Everything the loyalty analysis found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoyaltyReport {
    /// The analysis date: nothing after it counts, partial periods end on it.
    pub as_of: NaiveDate,
    /// Purchases used and orders left out (not completed, after `as_of`, unusable total).
    pub orders_used: u64,
    /// Orders left out (their reasons are in `messages`).
    pub orders_ignored: u64,
    /// Distinct customers with at least one purchase.
    pub customers: u64,
    /// Sum of purchase totals.
    pub revenue: f64,
    /// `false` when the orders have no totals (a file without a money column): every money
    /// figure (revenue, spend, value tiers, revenue shares, the what-if's revenue) is then
    /// meaningless and left out or shown as not known. Only written when `false`.
    #[serde(skip_serializing_if = "is_true")]
    pub money: bool,
    /// Calendar months from the first purchase to `as_of`.
    pub monthly: Vec<PeriodRow>,
    /// ISO weeks, when asked for.
    pub weekly: Option<Vec<PeriodRow>>,
    /// `None` when no customer bought on two different days.
    pub interpurchase: Option<Interpurchase>,
    /// Acquisition cohorts, see [`cohorts::cohorts`].
    pub cohorts: CohortReport,
    /// The eleven RFM segments, sizes and revenue.
    pub rfm_segments: Vec<SegmentSummary>,
    /// `None` when there are no purchases.
    pub concentration: Option<Concentration>,
    /// Customers lost and won per month and the retention what-if, see [`leaky::leaky_bucket`].
    pub leaky_bucket: LeakyBucket,
    /// Per customer, sorted by id (empty when not asked for).
    pub customer_table: Vec<CustomerRow>,
    /// Why something is missing or should be read with care.
    pub messages: crate::messages::Notes,
}

/// Runs every loyalty metric on `orders` at `as_of`.
///
/// See the modules for definitions. Options out of range are made valid (uplift and margin
/// clamped to [0, 1], see [`leaky::leaky_bucket`] and [`TierThresholds::sanitized`]).
///
/// # Edge cases
/// Never panics on data and never yields NaN. No purchases, one customer, one order or all
/// orders on one day give a report whose missing parts are `None` or empty, each with a message.
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::Order;
/// use loyalty_scorecard::metrics::loyalty::{analyze_loyalty, LoyaltyOptions};
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let o = [Order::new("a", d("2024-01-05"), 10.0), Order::new("a", d("2024-02-01"), 30.0),
///          Order::new("b", d("2024-01-09"), 20.0)];
/// let r = analyze_loyalty(&o, d("2024-02-29"), &LoyaltyOptions::default());
/// assert_eq!((r.customers, r.revenue, r.monthly.len()), (2, 60.0, 2));
/// assert_eq!(r.interpurchase.as_ref().unwrap().median_days, 27.0);
/// assert_eq!(r.customer_table[0].customer_id, "a");
/// let empty = analyze_loyalty(&[], d("2024-02-29"), &LoyaltyOptions::default());
/// assert!(empty.concentration.is_none() && !empty.messages.is_empty());
/// ```
pub fn analyze_loyalty(orders: &(impl AsOrders + ?Sized), as_of: NaiveDate, opts: &LoyaltyOptions) -> LoyaltyReport {
    let orders = orders.as_orders();
    let orders: &Orders = &orders;
    report_of(prepare(orders, as_of), opts)
}

/// [`analyze_loyalty`] of the analysis's orders, with its [`Keys`] and customer index of
/// purchases (completed orders on or before `as_of`).
pub(crate) fn analyze_loyalty_indexed<'a>(orders: &'a Orders, keys: &Keys<'a>, purchases: &CustomerIndex, as_of: NaiveDate, opts: &LoyaltyOptions) -> LoyaltyReport {
    report_of(prepared::prepare_indexed(orders, keys, purchases, as_of), opts)
}

fn report_of(p: prepared::Prepared<'_>, opts: &LoyaltyOptions) -> LoyaltyReport {
    let as_of = p.as_of;
    let mut messages = p.messages.clone();
    let gaps = interpurchase::gaps_of(&p);
    let n = p.customers.len();
    if n > 0 && n < MIN_CUSTOMERS_FOR_QUINTILES {
        messages.push(crate::messages::Note::FewToRank { n });
    }
    if n > 0 && p.customers.iter().all(|c| c.first == p.customers[0].first && c.last == c.first) {
        messages.push(crate::messages::Note::OneDay);
    } else if n > 0 && gaps.sorted.is_empty() {
        messages.push(crate::messages::Note::NoSecondDay);
    }
    if n > 0 && !p.money {
        messages.push(crate::messages::Note::NoTotals);
    } else if n > 0 && (p.revenue.is_nan() || p.revenue <= 0.0) {
        messages.push(crate::messages::Note::ZeroRevenue);
    }
    for (what, x) in [("retention_uplift", opts.retention_uplift), ("margin", opts.margin)] {
        if !x.is_finite() {
            messages.push(crate::messages::Note::OptionNotNumber { option: what });
        } else if !(0.0..=1.0).contains(&x) {
            messages.push(crate::messages::Note::OptionClamped { option: what, value: x });
        }
    }
    if opts.churn_window_days == Some(0) {
        messages.push(crate::messages::Note::ChurnWindowZero);
    }
    let window = leaky::churn_window_of(&gaps, opts.churn_window_days);
    if n > 0 && window.source == leaky::WindowSource::Default {
        messages.push(crate::messages::Note::DefaultChurnWindow { min_gaps: leaky::MIN_GAPS_FOR_DERIVED_WINDOW, days: window.days });
    }
    let cohorts = cohorts::cohorts_of(&p, opts.cohort_window_months, &mut messages);
    // The per-customer rows (an id copied per customer) only when the table is asked for.
    let (rfm_segments, customer_table) = if opts.include_customer_table {
        let rfm = rfm::rfm_of(&p);
        let table = table_of(&p, &rfm, &opts.tier_thresholds);
        (rfm.segments, table)
    } else {
        (rfm::segments_of(&p), Vec::new())
    };
    let mut monthly = periods::periods_of(&p, Granularity::Month);
    let mut weekly = opts.weekly.then(|| periods::periods_of(&p, Granularity::IsoWeek));
    let mut cohorts = cohorts;
    let mut rfm_segments = rfm_segments;
    if !p.money {
        // Every purchase was counted at 0: the money columns are not known, not zero.
        for m in monthly.iter_mut().chain(weekly.iter_mut().flatten()) {
            (m.revenue, m.new_customer_revenue, m.returning_customer_revenue) = (f64::NAN, f64::NAN, f64::NAN);
        }
        for cell in cohorts.cohorts.iter_mut().flat_map(|c| c.cells.iter_mut()) {
            cell.revenue = f64::NAN;
        }
        if let Some(a) = cohorts.average.as_mut() {
            a.revenue_per_customer.iter_mut().for_each(|v| *v = f64::NAN);
        }
        for s in &mut rfm_segments {
            (s.revenue, s.revenue_share) = (f64::NAN, None);
        }
    }
    LoyaltyReport {
        as_of,
        orders_used: p.purchases.len() as u64,
        orders_ignored: p.ignored,
        customers: n as u64,
        revenue: if p.money { p.revenue } else { f64::NAN },
        money: p.money,
        monthly,
        weekly,
        interpurchase: interpurchase::interpurchase_of(&gaps),
        cohorts,
        rfm_segments,
        concentration: if p.money { concentration::concentration_of(&p, &opts.tier_thresholds) } else { None },
        leaky_bucket: {
            let mut l = leaky::leaky_of(&p, window, opts.retention_uplift, opts.margin);
            if let Some(w) = l.what_if.as_mut().filter(|_| !p.money) {
                (w.revenue, w.revenue_per_buyer, w.extra_revenue, w.extra_profit, w.extra_profit_share) = (f64::NAN, None, None, None, None);
            }
            l
        },
        customer_table,
        messages,
    }
}

fn table_of(p: &Prepared, rfm: &rfm::RfmReport, thresholds: &TierThresholds) -> Vec<CustomerRow> {
    let tiers = concentration::tiers_of(p, thresholds);
    rfm.customers
        .iter()
        .zip(tiers)
        .map(|(c, value_tier)| CustomerRow {
            customer_id: c.customer_id.clone(),
            recency_days: c.recency_days,
            frequency: c.frequency,
            monetary: c.monetary,
            r: c.r,
            f: c.f,
            m: c.m,
            segment: c.segment,
            value_tier,
        })
        .collect()
}

/// The per-customer table (RFM values, scores, segment and value tier), sorted by customer id:
/// the rows of [`LoyaltyReport::customer_table`] without the rest of the analysis.
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::Order;
/// use loyalty_scorecard::metrics::loyalty::{customer_table, concentration::{TierThresholds, ValueTier}};
/// let d = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
/// let rows = customer_table(&[Order::new("x", d, 5.0)], d, &TierThresholds::default());
/// assert_eq!((rows[0].r, rows[0].f, rows[0].m, rows[0].value_tier), (5, 1, 1, ValueTier::High));
/// ```
pub fn customer_table(orders: &(impl AsOrders + ?Sized), as_of: NaiveDate, thresholds: &TierThresholds) -> Vec<CustomerRow> {
    let orders = orders.as_orders();
    let orders: &Orders = &orders;
    let p = prepare(orders, as_of);
    table_of(&p, &rfm::rfm_of(&p), thresholds)
}

/// The per-customer table as CSV (comma-separated, header row, RFC 4180 quoting, "\n" line
/// ends; money with two decimals; segment and tier in snake_case as in the JSON report).
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::dataset::Order;
/// use loyalty_scorecard::metrics::loyalty::{customer_table, customer_table_csv, concentration::TierThresholds};
/// let d = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
/// let csv = customer_table_csv(&customer_table(&[Order::new("Smith, J", d, 5.0)], d, &TierThresholds::default()));
/// assert_eq!(csv, "customer_id,recency_days,frequency,monetary,r,f,m,segment,value_tier\n\"Smith, J\",0,1,5.00,5,1,1,new,high\n");/// // An id a spreadsheet would run as a formula gets a leading quote.
/// let csv = customer_table_csv(&customer_table(&[Order::new("=1+1", d, 5.0)], d, &TierThresholds::default()));
/// assert!(csv.lines().nth(1).unwrap().starts_with("'=1+1,"));
/// ```
pub fn customer_table_csv(rows: &[CustomerRow]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let header = ["customer_id", "recency_days", "frequency", "monetary", "r", "f", "m", "segment", "value_tier"];
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header);
    for c in rows {
        let _ = w.write_record([
            // Ids a spreadsheet would run as formulas get a leading quote.
            crate::export::formula_safe(&c.customer_id).into_owned(),
            c.recency_days.to_string(),
            c.frequency.to_string(),
            format!("{:.2}", c.monetary),
            c.r.to_string(),
            c.f.to_string(),
            c.m.to_string(),
            c.segment.key().to_string(),
            c.value_tier.key().to_string(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
