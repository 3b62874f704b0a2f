//! The one error type of the core. Row-level problems are not errors: they are
//! [`crate::input::RowIssue`]s in the report, so one bad row never stops an analysis.

use thiserror::Error;

/// Why a whole file (or the whole analysis) could not be used.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum Error {
    /// The file is empty. Fix: export again; check the file was saved completely.
    #[error("{file}: the file is empty")]
    EmptyFile { file: String },

    /// The bytes are not text in a supported encoding.
    /// Fix: save the file as UTF-8 (or UTF-16 with a byte-order mark).
    #[error("{file}: row {row}: the text is not valid {encoding} (byte offset {offset})")]
    Encoding { file: String, encoding: &'static str, row: usize, offset: usize },

    /// A column the analysis needs was not found in the header.
    /// Fix: rename the column to one of the accepted names, listed in the message.
    #[error("{file}: no column for {field} in the header (found: {found}); accepted names: {accepted}")]
    MissingColumn { file: String, field: &'static str, found: String, accepted: String },

    /// The CSV structure itself is broken (for example an unterminated quote).
    #[error("{file}: row {row}: {message}")]
    Csv { file: String, row: usize, message: String },

    /// No orders file was given, or it had no usable row.
    #[error("{0}")]
    NoUsableData(String),

    /// An option is out of range (for example an unparseable analysis date).
    #[error("invalid option {option}: {message}")]
    InvalidOption { option: &'static str, message: String },

    /// The bytes are not text at all (an image, a PDF, a zip that is not a workbook ...).
    /// Fix: export the data again as CSV, JSON or .xlsx.
    #[error("{file}: {detail}")]
    NotText { file: String, detail: String },

    /// The file has a header but no data row. Fix: check the export's filters (date range, shop).
    #[error("{file}: the file has a header row but no data rows")]
    NoRows { file: String },

    /// The file holds another kind of data than the one it was given as (reviews dropped as orders).
    /// Fix: give it as the kind named in the message.
    #[error("{file}: this looks like a {found} file, not a {expected} file (columns: {columns})")]
    WrongKind { file: String, expected: &'static str, found: &'static str, columns: String },

    /// A JSON, NDJSON or .xlsx file whose structure cannot be read.
    #[error("{file}: {message}")]
    Format { file: String, message: String },

    /// An .xlsx workbook or a legacy-encoded text (GBK, Big5, Windows-1252, ...) in a build
    /// without their readers (the page's main module): the browser worker then has the file read
    /// by the second module that holds them, and only reports this when that module cannot be
    /// loaded. Natively, where those readers are built in, this never occurs.
    #[cfg(not(all(feature = "legacy", feature = "xlsx")))]
    #[error("{file}: this {what} needs the reader for workbooks and legacy encodings, a second module that only the widget's worker loads and that could not be loaded here (is pkg/convert_bg.wasm served beside the widget?); save the file as UTF-8 CSV")]
    NeedsConverter { file: String, what: &'static str },
}
