//! Input: bytes -> typed records, with an exact account of every row.
//!
//! Every reader returns its records together with an [`InputAccount`], for which
//!
//! **rows_read = rows_used + rows_merged + rows_rejected**
//!
//! holds: every non-blank data row either became one record (used), was folded into an earlier
//! record (merged: further line items of the same order, or an exact duplicate of an earlier
//! row of the same order), or was rejected with a reason (listed, up to [`MAX_LISTED_ISSUES`],
//! with its row number and column; totalled per reason with up to [`MAX_EXAMPLES`] examples).
//! Row numbers are the ones a spreadsheet shows: the header is row 1, the first data row is row
//! 2 (see [`table`] for JSON, NDJSON and headerless files). Blank rows are skipped and not read.
//!
//! The single entry point is [`read_input`]; [`ReadOptions`] overrides encoding, delimiter,
//! header, sheet, kind, day/month order, the column mapping and survey question kinds.

pub mod columns;
pub mod convert;
pub mod evidence;
pub mod fields;
pub mod orders;
pub mod read;
pub mod reviews;
pub mod summary;
pub mod surveys;
pub mod table;
pub mod text;
pub mod tickets;

pub use fields::DateOrder;
pub use read::{check_size, detect_kind, file_headers, kind_fields, read_input, Parsed, ReadOptions, Records};

use serde::Serialize;

/// At most this many rejected rows are listed one by one per file; all are counted, and the
/// reasons are totalled in [`InputAccount::reasons`].
pub const MAX_LISTED_ISSUES: usize = 500;

/// At most this many example rows are kept per rejection reason in [`ReasonCount::examples`].
pub const MAX_EXAMPLES: usize = 20;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Orders,
    Reviews,
    Surveys,
    Tickets,
    /// A per-customer or grouped customer summary (made where the orders are, e.g. by `sql/`),
    /// read instead of orders for the lifetime-value models and the headline figures.
    Summary,
}

/// One file handed to the analysis: its name (used in every message), its kind, its bytes and
/// how to read it (encoding, column mapping, ...; defaults detect everything).
#[derive(Debug, Clone)]
pub struct InputFile<'a> {
    pub name: String,
    pub kind: InputKind,
    pub bytes: &'a [u8],
    pub options: ReadOptions,
    /// Set when `bytes` are what the browser's second module made of the file (see
    /// [`convert`]): the text as UTF-8, or nothing for a workbook's sheet.
    pub converted: Option<&'a convert::Converted>,
}

impl<'a> InputFile<'a> {
    /// An orders export.
    pub fn orders(name: &str, bytes: &'a [u8]) -> Self {
        Self::new(name, InputKind::Orders, bytes)
    }
    /// Any kind of file.
    pub fn new(name: &str, kind: InputKind, bytes: &'a [u8]) -> Self {
        InputFile { name: name.to_string(), kind, bytes, options: ReadOptions::default(), converted: None }
    }
    /// The same file with reading options (encoding, mapping, sheet, ...).
    pub fn with_options(mut self, options: ReadOptions) -> Self {
        self.options = options;
        self
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
    /// An order date before 1995 or after 2099: a placeholder (9999-12-31, 1900-01-01,
    /// 1970-01-01 from a zero timestamp) or a typo, which would stretch every window.
    ImplausibleDate { value: String },
    /// A money cell could not be read as a number.
    BadNumber { value: String },
    /// An order total below zero (refunds are not orders).
    NegativeTotal { value: String },
    /// The order id was already used by an earlier row (with a different customer, date or total).
    DuplicateOrderId { value: String, first_row: usize },
    /// The row has more cells than the header (a delimiter inside an unquoted cell, usually).
    TooManyFields { expected: usize, found: usize },
    /// The row could not be read at all (an NDJSON line that is not a JSON object, ...).
    BadRow { message: String },
    /// A number outside the column's scale (a rating of 6 on a 1-5 scale, an NPS of 11).
    OutOfRange { value: String, min: f64, max: f64 },
    /// A survey row without a single answer.
    NoAnswers,
}

impl RejectReason {
    /// Short code used to total reasons and to translate them in the widget.
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::MissingValue => "missing_value",
            RejectReason::BadDate { .. } => "bad_date",
            RejectReason::ImplausibleDate { .. } => "implausible_date",
            RejectReason::BadNumber { .. } => "bad_number",
            RejectReason::NegativeTotal { .. } => "negative_total",
            RejectReason::DuplicateOrderId { .. } => "duplicate_order_id",
            RejectReason::TooManyFields { .. } => "too_many_fields",
            RejectReason::BadRow { .. } => "bad_row",
            RejectReason::OutOfRange { .. } => "out_of_range",
            RejectReason::NoAnswers => "no_answers",
        }
    }

    /// The reason in plain English.
    pub fn message(&self) -> String {
        match self {
            RejectReason::MissingValue => "the cell is empty".to_string(),
            RejectReason::BadDate { value } => format!("'{value}' is not a date (use YYYY-MM-DD)"),
            RejectReason::ImplausibleDate { value } => {
                format!("'{value}' is before 1995 or after 2099: a placeholder date, not when the order was placed")
            }
            RejectReason::BadNumber { value } => format!("'{value}' is not a number"),
            RejectReason::NegativeTotal { value } => {
                format!("the total '{value}' is negative (refunds are not counted as orders)")
            }
            RejectReason::DuplicateOrderId { value, first_row } => {
                format!("order id '{value}' was already used on row {first_row}")
            }
            RejectReason::TooManyFields { expected, found } => format!("the row has {found} cells but the header has {expected} (an unquoted delimiter inside a cell?)"),
            RejectReason::BadRow { message } => message.clone(),
            RejectReason::OutOfRange { value, min, max } => format!("'{value}' is outside the scale {min} to {max}"),
            RejectReason::NoAnswers => "the respondent answered no question".to_string(),
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
    /// 1.0 = given by the mapping option; about 0.95 = exact header name; 0.6 = header contains
    /// an accepted name; 0.5 or less = guessed from the values.
    pub confidence: f64,
    /// `mapping`, `header`, `header (partial)` or `values`.
    pub how: &'static str,
}

/// A column that matched a field by its header but was not taken for it, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassedOver {
    pub field: &'static str,
    pub column: String,
    /// The reason, typed (its `code` and figures).
    pub why: evidence::Why,
    /// The reason in English.
    pub reason: String,
}

/// Count of rejected rows per reason code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReasonCount {
    pub code: &'static str,
    pub rows: usize,
    /// The first [`MAX_EXAMPLES`] rows rejected for this reason.
    pub examples: Vec<RowIssue>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn is_zero_amount(x: &f64) -> bool {
    *x == 0.0
}

/// The account of one file: nothing is lost silently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputAccount {
    pub file: String,
    pub kind: InputKind,
    pub encoding: &'static str,
    pub delimiter: String,
    /// Every column of the file, in order (the header names; `1`, `2`, ... without a header).
    pub headers: Vec<String>,
    pub columns: Vec<ColumnUse>,
    /// Columns whose header named a field but whose values did not fit it (or that lost to a
    /// better-fitting column), with the reason.
    pub passed_over: Vec<PassedOver>,
    /// Fields the mapping option switched off (`null`).
    pub fields_off: Vec<&'static str>,
    /// Orders (rows used) with no customer key at all (no e-mail, id, phone or name): counted in
    /// the orders and the revenue, left out of every customer-level figure.
    #[serde(skip_serializing_if = "is_zero")]
    pub orders_without_customer: usize,
    /// Fields the file has no column for although figures need them (an orders file without
    /// money: `total`); the file is read, and those figures are not computed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields_missing: Vec<&'static str>,
    /// Data rows read (header and blank lines excluded).
    pub rows_read: usize,
    /// Rows that became a record (an order, a review, a respondent, a ticket).
    pub rows_used: usize,
    pub rows_rejected: usize,
    /// Rows folded into an earlier record: `merged_line_items + merged_duplicates`.
    /// rows_read = rows_used + rows_merged + rows_rejected.
    pub rows_merged: usize,
    /// Further line-item rows of an order already read (Shopify: rows sharing `Name`).
    pub merged_line_items: usize,
    /// Rows identical to an earlier row of the same order id.
    pub merged_duplicates: usize,
    /// Orders read with status cancelled / refunded (part of rows_used, kept apart from revenue).
    pub cancelled: usize,
    pub refunded: usize,
    /// Completed orders partly refunded (a refund column, or an adjusted total, below the
    /// order's total): counted at their total less the refund.
    #[serde(skip_serializing_if = "is_zero")]
    pub partly_refunded: usize,
    /// What was taken off those orders' totals, in all.
    #[serde(skip_serializing_if = "is_zero_amount")]
    pub refunds_taken_off: f64,
    /// Cells of optional columns that could not be read and were left empty (row kept).
    pub cells_ignored: usize,
    /// `csv`, `whitespace`, `json`, `ndjson` or `xlsx`.
    pub format: &'static str,
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// The day/month order used for dates like 05/01/2024, when the file has such dates.
    pub date_order: Option<fields::DateOrder>,
    /// How row numbers are counted in this file.
    pub row_numbers: &'static str,
    /// Things to check (ambiguous dates, converted scales, ignored cells, guessed columns).
    pub warnings: crate::messages::Notes,
    pub reasons: Vec<ReasonCount>,
    /// The first [`MAX_LISTED_ISSUES`] rejected rows.
    pub issues: Vec<RowIssue>,
    /// Notes about the file that are not row rejections (how it was read).
    pub notes: crate::messages::Notes,
}

impl InputAccount {
    pub(crate) fn new(file: &str, kind: InputKind, source: &table::Source<'_>) -> Self {
        use table::Format;
        InputAccount {
            file: file.to_string(),
            kind,
            encoding: source.encoding,
            delimiter: source.format.delimiter_name().to_string(),
            headers: Vec::new(),
            columns: Vec::new(),
            fields_off: Vec::new(),
            fields_missing: Vec::new(),
            orders_without_customer: 0,
            passed_over: Vec::new(),
            rows_read: 0,
            rows_used: 0,
            rows_rejected: 0,
            rows_merged: 0,
            merged_line_items: 0,
            merged_duplicates: 0,
            cancelled: 0,
            refunded: 0,
            partly_refunded: 0,
            refunds_taken_off: 0.0,
            cells_ignored: 0,
            format: source.format.name(),
            sheet: source.sheet.clone(),
            date_order: None,
            row_numbers: match source.format {
                Format::Delimited(_) if source.header => "line number (header = row 1)",
                Format::Delimited(_) | Format::Whitespace => "line number",
                Format::Json | Format::Ndjson => "object number + 1 (header = row 1)",
                Format::Xlsx => "sheet row number",
            },
            warnings: crate::messages::Notes::new(),
            reasons: Vec::new(),
            issues: Vec::new(),
            notes: crate::messages::Notes::new(),
        }
    }

    pub(crate) fn reject(&mut self, row: usize, column: &str, reason: RejectReason) {
        self.rows_rejected += 1;
        let code = reason.code();
        let idx = match self.reasons.iter().position(|r| r.code == code) {
            Some(i) => i,
            None => {
                self.reasons.push(ReasonCount { code, rows: 0, examples: Vec::new() });
                self.reasons.len() - 1
            }
        };
        let r = &mut self.reasons[idx];
        r.rows += 1;
        let listed = self.issues.len() < MAX_LISTED_ISSUES;
        if r.examples.len() < MAX_EXAMPLES || listed {
            let message = reason.message();
            let issue = RowIssue { row, column: column.to_string(), reason, message };
            if r.examples.len() < MAX_EXAMPLES {
                r.examples.push(issue.clone());
            }
            if listed {
                self.issues.push(issue);
            }
        }
    }

    /// rows_read = rows_used + rows_merged + rows_rejected.
    pub fn balanced(&self) -> bool {
        self.rows_read == self.rows_used + self.rows_merged + self.rows_rejected && self.rows_merged == self.merged_line_items + self.merged_duplicates
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
    guess_kind_of(&InputFile::new(name, InputKind::Orders, bytes))
}

/// [`guess_kind`] of a file that may have been converted ([`InputFile::converted`]).
pub(crate) fn guess_kind_of(file: &InputFile<'_>) -> InputKind {
    if let Some(kind) = read::detect_kind_of(file, &ReadOptions::default()) {
        return kind;
    }
    let (name, bytes) = (file.name.as_str(), file.bytes);
    let head = &bytes[..bytes.len().min(4096)];
    let first_line = String::from_utf8_lossy(head).lines().next().unwrap_or("").to_string();
    let header: Vec<String> = first_line.split([',', ';', '\t', '|']).map(|h| h.trim().to_string()).collect();
    if summary::is_summary_header(&header) {
        return InputKind::Summary;
    }
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
