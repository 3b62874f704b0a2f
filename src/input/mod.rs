//! Input: bytes -> typed records, with an exact account of every row.
//!
//! Every reader returns its records together with an [`InputAccount`]: rows read = rows used +
//! rows rejected, and every rejected row is listed (up to [`MAX_LISTED_ISSUES`]) with its row
//! number, column and reason. Row numbers are the ones a spreadsheet shows: the header is row 1,
//! the first data row is row 2.

pub mod columns;
pub mod fields;
pub mod orders;
pub mod text;

use serde::Serialize;

/// At most this many rejected rows are listed one by one per file; all are counted, and the
/// reasons are totalled in [`InputAccount::reasons`].
pub const MAX_LISTED_ISSUES: usize = 500;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Orders,
    Reviews,
    Surveys,
    Tickets,
}

/// One file handed to the analysis: its name (used in every message), its kind and its bytes.
#[derive(Debug, Clone)]
pub struct InputFile<'a> {
    pub name: String,
    pub kind: InputKind,
    pub bytes: &'a [u8],
}

impl<'a> InputFile<'a> {
    /// An orders export.
    pub fn orders(name: &str, bytes: &'a [u8]) -> Self {
        InputFile { name: name.to_string(), kind: InputKind::Orders, bytes }
    }
    /// Any kind of file.
    pub fn new(name: &str, kind: InputKind, bytes: &'a [u8]) -> Self {
        InputFile { name: name.to_string(), kind, bytes }
    }
}

/// Why a row was not used.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RejectReason {
    /// A required cell is empty.
    MissingValue,
    /// A date cell could not be read as a date.
    BadDate { value: String },
    /// A money cell could not be read as a number.
    BadNumber { value: String },
    /// An order total below zero (refunds are not orders).
    NegativeTotal { value: String },
    /// The order id was already used by an earlier row.
    DuplicateOrderId { value: String, first_row: usize },
}

impl RejectReason {
    /// Short code used to total reasons and to translate them in the widget.
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::MissingValue => "missing_value",
            RejectReason::BadDate { .. } => "bad_date",
            RejectReason::BadNumber { .. } => "bad_number",
            RejectReason::NegativeTotal { .. } => "negative_total",
            RejectReason::DuplicateOrderId { .. } => "duplicate_order_id",
        }
    }

    /// The reason in plain English.
    pub fn message(&self) -> String {
        match self {
            RejectReason::MissingValue => "the cell is empty".to_string(),
            RejectReason::BadDate { value } => format!("'{value}' is not a date (use YYYY-MM-DD)"),
            RejectReason::BadNumber { value } => format!("'{value}' is not a number"),
            RejectReason::NegativeTotal { value } => {
                format!("the total '{value}' is negative (refunds are not counted as orders)")
            }
            RejectReason::DuplicateOrderId { value, first_row } => {
                format!("order id '{value}' was already used on row {first_row}")
            }
        }
    }
}

/// One rejected row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowIssue {
    /// Row number as a spreadsheet shows it (header = 1).
    pub row: usize,
    /// Header name of the offending column.
    pub column: String,
    pub reason: RejectReason,
    /// The reason in plain English.
    pub message: String,
}

/// Which header column was used for which field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnUse {
    pub field: &'static str,
    pub column: String,
}

/// Count of rejected rows per reason code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReasonCount {
    pub code: &'static str,
    pub rows: usize,
}

/// The account of one file: nothing is lost silently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputAccount {
    pub file: String,
    pub kind: InputKind,
    pub encoding: &'static str,
    pub delimiter: String,
    pub columns: Vec<ColumnUse>,
    /// Data rows read (header and blank lines excluded).
    pub rows_read: usize,
    pub rows_used: usize,
    pub rows_rejected: usize,
    pub reasons: Vec<ReasonCount>,
    /// The first [`MAX_LISTED_ISSUES`] rejected rows.
    pub issues: Vec<RowIssue>,
    /// Notes about the file that are not row rejections.
    pub notes: Vec<String>,
}

impl InputAccount {
    pub(crate) fn new(file: &str, kind: InputKind, encoding: &'static str, delimiter: u8) -> Self {
        InputAccount {
            file: file.to_string(),
            kind,
            encoding,
            delimiter: text::delimiter_name(delimiter).to_string(),
            columns: Vec::new(),
            rows_read: 0,
            rows_used: 0,
            rows_rejected: 0,
            reasons: Vec::new(),
            issues: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub(crate) fn reject(&mut self, row: usize, column: &str, reason: RejectReason) {
        self.rows_rejected += 1;
        let code = reason.code();
        match self.reasons.iter_mut().find(|r| r.code == code) {
            Some(r) => r.rows += 1,
            None => self.reasons.push(ReasonCount { code, rows: 1 }),
        }
        if self.issues.len() < MAX_LISTED_ISSUES {
            let message = reason.message();
            self.issues.push(RowIssue { row, column: column.to_string(), reason, message });
        }
    }
}

/// Guesses what a file holds from its name and its header line, for files dropped without a
/// kind. Header words win over the file name; orders is the default.
///
/// ```
/// use loyalty_scorecard::input::{guess_kind, InputKind};
/// assert_eq!(guess_kind("export.csv", b"review_id,order_id,rating,text\n"), InputKind::Reviews);
/// assert_eq!(guess_kind("tickets.csv", b"id,customer\n"), InputKind::Tickets);
/// assert_eq!(guess_kind("x.csv", b"customer,date,total\n"), InputKind::Orders);
/// ```
pub fn guess_kind(name: &str, bytes: &[u8]) -> InputKind {
    let head = &bytes[..bytes.len().min(4096)];
    let first_line = String::from_utf8_lossy(head).lines().next().unwrap_or("").to_string();
    let header: Vec<String> = first_line.split([',', ';', '\t', '|']).map(columns::normalize).collect();
    let has = |words: &[&str]| header.iter().any(|h| words.iter().any(|w| h.contains(w)));
    if has(&["nps", "csat", "ces", "respondent", "问卷"]) {
        return InputKind::Surveys;
    }
    if has(&["ticket", "complaint", "工单", "投诉"]) {
        return InputKind::Tickets;
    }
    if has(&["rating", "review", "stars", "评分", "评价", "評分"]) && !has(&["total", "amount", "金额"]) {
        return InputKind::Reviews;
    }
    let lower = name.to_lowercase();
    if ["survey", "nps", "问卷"].iter().any(|w| lower.contains(w)) {
        InputKind::Surveys
    } else if ["ticket", "complaint", "投诉", "工单"].iter().any(|w| lower.contains(w)) {
        InputKind::Tickets
    } else if ["review", "rating", "评价"].iter().any(|w| lower.contains(w)) {
        InputKind::Reviews
    } else {
        InputKind::Orders
    }
}
