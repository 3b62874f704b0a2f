//! Typed records, linked by customer and order id. Produced by [`crate::input`], read by
//! [`crate::metrics`].

use chrono::NaiveDate;
use serde::Serialize;

/// An id, code or short name read from a file: kept inline up to 24 bytes.
pub type Text = compact_str::CompactString;

/// What happened to an order after it was placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// A normal, paid order.
    #[default]
    Completed,
    /// Cancelled before fulfilment: not a purchase.
    Cancelled,
    /// Fully refunded: kept apart from revenue.
    Refunded,
}

/// One order (one purchase event) of one customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Order {
    /// The shop's order id, when the file has one.
    pub order_id: Option<Text>,
    pub customer_id: Text,
    pub date: NaiveDate,
    /// Amount paid, in the file's currency.
    pub total: f64,
    pub currency: Option<Text>,
    pub discount_code: Option<Text>,
    /// Promised delivery time in days, when known.
    pub promised_days: Option<f64>,
    /// Date the order was delivered (received), when known.
    pub delivered: Option<NaiveDate>,
    /// Product, category or channel, when the file has one (the first line item's).
    pub product: Option<Text>,
    pub status: OrderStatus,
    /// Row number in the source file (header = row 1).
    pub row: usize,
}

impl Order {
    /// A completed order with only the three required fields (the rest empty).
    pub fn new(customer_id: &str, date: NaiveDate, total: f64) -> Order {
        Order {
            order_id: None,
            customer_id: customer_id.into(),
            date,
            total,
            currency: None,
            discount_code: None,
            promised_days: None,
            delivered: None,
            product: None,
            status: OrderStatus::Completed,
            row: 0,
        }
    }

    /// Days from order to delivery, when delivered.
    pub fn delivery_days(&self) -> Option<f64> {
        self.delivered.map(|d| (d - self.date).num_days() as f64)
    }
}

/// One rating (1-5), per order or per product, with optional text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub review_id: Option<Text>,
    pub order_id: Option<Text>,
    pub customer_id: Option<Text>,
    pub product: Option<Text>,
    /// 1 to 5 (other scales are converted by the reader and noted in its account).
    pub rating: f64,
    pub date: Option<NaiveDate>,
    pub text: Option<String>,
    pub row: usize,
}

/// What a survey column measures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// Likelihood to recommend, 0-10.
    Nps,
    /// Satisfaction, 1-5.
    Csat,
    /// Customer effort, 1-7 (higher = easier).
    Ces,
    /// Overall satisfaction on the item scale (the index's dependent variable).
    Overall,
    /// Importance of an item.
    Importance { item: String },
    /// Perceived performance of an item.
    Performance { item: String },
    /// Expected performance of an item (SERVQUAL expectation).
    Expectation { item: String },
    /// Kano functional question ("if the feature is present ..."), answers 1-5
    /// (1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike).
    KanoFunctional { feature: String },
    /// Kano dysfunctional question ("if the feature is absent ...").
    KanoDysfunctional { feature: String },
    /// Not used by any metric.
    Other,
}

/// One survey column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// Header text.
    pub name: String,
    pub kind: QuestionKind,
    /// Scale bounds (inclusive).
    pub min: f64,
    pub max: f64,
}

/// One respondent's answers; `answers[i]` answers `Survey::questions[i]` (None = blank).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyResponse {
    pub respondent_id: Option<Text>,
    pub customer_id: Option<Text>,
    pub date: Option<NaiveDate>,
    pub answers: Vec<Option<f64>>,
    pub row: usize,
}

/// Survey answers: the questions and one response per respondent.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Survey {
    pub questions: Vec<Question>,
    pub responses: Vec<SurveyResponse>,
}

/// One support ticket / complaint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ticket {
    pub ticket_id: Option<Text>,
    pub customer_id: Option<Text>,
    pub order_id: Option<Text>,
    pub opened: NaiveDate,
    pub resolved: Option<NaiveDate>,
    pub category: Option<Text>,
    /// Hours to the first response, when known.
    pub first_response_hours: Option<f64>,
    /// Hours from opening to resolution, when both cells give a time of day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution_hours: Option<f64>,
    pub row: usize,
}

/// Everything the analysis was given, after reading.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// The orders, as columns.
    pub orders: crate::model::Orders,
    /// The reviews, as columns.
    pub reviews: crate::model::Reviews,
    pub survey: Survey,
    pub tickets: Vec<Ticket>,
}
