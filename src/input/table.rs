//! The shared table layer: bytes -> (encoding, format) -> header -> rows with row numbers.
//!
//! Every reader goes through it, so every file type gets the same row numbering and the same
//! structural checks:
//!
//! | format | row number of a record |
//! |---|---|
//! | CSV / TSV / `;` / `\|` (sniffed) | line on which the record starts (header = 1); equals the spreadsheet row unless a cell holds a line break |
//! | whitespace-separated (option `delimiter: "whitespace"`) | line number |
//! | JSON array of objects | 1-based index of the object + 1 (the keys act as header row 1) |
//! | NDJSON (one object per line) | 1-based index of the object + 1 (blank lines are skipped, not numbered) |
//! | .xlsx | the sheet's own row number |
//!
//! A delimited file is decoded once into memory and then streamed record by record (never a
//! `Vec` of all records), so reading twice (profile pass, then records) costs no extra memory.

use super::text::{decode_with, sniff_delimiter};
use crate::Error;
use std::borrow::Cow;

/// The layout of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Delimited(u8),
    Whitespace,
    Json,
    Ndjson,
    Xlsx,
}

impl Format {
    /// Short name shown in the account.
    pub fn name(self) -> &'static str {
        match self {
            Format::Delimited(_) => "csv",
            Format::Whitespace => "whitespace",
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Xlsx => "xlsx",
        }
    }
    /// The delimiter as shown in the account.
    pub fn delimiter_name(self) -> &'static str {
        match self {
            Format::Delimited(d) => super::text::delimiter_name(d),
            Format::Whitespace => "whitespace",
            Format::Json | Format::Ndjson | Format::Xlsx => "none",
        }
    }
}

/// How to open the table (a subset of [`super::ReadOptions`]).
#[derive(Debug, Clone, Default)]
pub struct TableOptions {
    pub encoding: Option<String>,
    /// `comma`, `semicolon`, `tab`, `pipe`, `whitespace`, or a single character.
    pub delimiter: Option<String>,
    /// `false`: no header row; columns are named `1`, `2`, ... and data starts on row 1.
    pub header: bool,
    pub sheet: Option<String>,
    /// Most columns a table may have (an error beyond); 0: no bound.
    pub max_columns: usize,
    /// Longest cell, in bytes (its row is rejected beyond); 0: no bound.
    pub max_cell_bytes: usize,
}

/// Why a row could not even be split into cells (counted as a rejected row by the readers).
#[derive(Debug, Clone, PartialEq)]
pub enum RowProblem {
    TooManyFields { expected: usize, found: usize },
    /// Not a row at all (an NDJSON line that is no object), or a cell beyond the bound of its
    /// length: the message says which.
    Unreadable { message: String },
}

/// A file opened for reading: decoded text or (for JSON and .xlsx) cells in memory.
pub struct Source<'a> {
    pub file: String,
    pub encoding: &'static str,
    pub format: Format,
    pub sheet: Option<String>,
    /// Sheet names of a workbook (empty otherwise).
    pub sheets: Vec<String>,
    pub header: bool,
    max_columns: usize,
    max_cell_bytes: usize,
    data: Data<'a>,
}

enum Data<'a> {
    Text(Cow<'a, str>),
    Cells { headers: Vec<String>, rows: Vec<(usize, Vec<String>)> },
}

/// One pass over the rows of a [`Source`].
pub struct Table<'s> {
    pub headers: Vec<String>,
    inner: Inner<'s>,
    total: usize,
    /// Longest cell read (0: no bound), from [`TableOptions::max_cell_bytes`].
    max_cell: usize,
}

enum Inner<'s> {
    /// `first`: the first record, when it is a row (no header), until it is given out.
    Csv { reader: csv::Reader<&'s [u8]>, first: Option<csv::StringRecord>, text: &'s [u8], at: (usize, usize) },
    Whitespace { text: &'s str, pos: usize, line: usize },
    Cells { rows: std::slice::Iter<'s, (usize, Vec<String>)>, done: usize },
}

fn parse_delimiter(d: &str) -> Option<Option<u8>> {
    Some(match d.trim().to_ascii_lowercase().as_str() {
        "" | "auto" => return Some(None),
        "comma" | "," => Some(b','),
        "semicolon" | ";" => Some(b';'),
        "tab" | "\t" | "\\t" => Some(b'\t'),
        "pipe" | "|" => Some(b'|'),
        "whitespace" | "space" | " " => None,
        one if one.len() == 1 => Some(one.as_bytes()[0]),
        _ => return None,
    })
}

impl<'a> Source<'a> {
    /// Opens a file: .xlsx (zip signature), JSON (`[`), NDJSON (`{`) or delimited text.
    ///
    /// # Errors
    /// Empty or binary file, undecodable text, unknown option values, broken JSON or workbook,
    /// or an unterminated quote (the error names the row where the quoted cell starts).
    pub fn open(file: &str, bytes: &'a [u8], opts: &TableOptions) -> Result<Source<'a>, Error> {
        let delimiter = match &opts.delimiter {
            None => None,
            Some(d) => Some(parse_delimiter(d).ok_or_else(|| Error::InvalidOption {
                option: "delimiter",
                message: format!("'{d}' is not a delimiter (comma, semicolon, tab, pipe, whitespace or one character)"),
            })?),
        };
        if bytes.starts_with(b"PK\x03\x04") {
            return open_xlsx(file, bytes, opts);
        }
        let decoded = decode_with(file, bytes, opts.encoding.as_deref())?;
        let encoding = decoded.encoding;
        let first = decoded.text.trim_start().chars().next();
        let mk = |format, data| Source { file: file.to_string(), encoding, format, sheet: None, sheets: Vec::new(), header: opts.header, max_columns: opts.max_columns, max_cell_bytes: opts.max_cell_bytes, data };
        if delimiter.is_none() {
            if first == Some('[') {
                let (headers, rows) = json_array(file, &decoded.text)?;
                return Ok(mk(Format::Json, Data::Cells { headers, rows }));
            }
            if first == Some('{') {
                let (headers, rows) = ndjson(file, &decoded.text)?;
                return Ok(mk(Format::Ndjson, Data::Cells { headers, rows }));
            }
        }
        let format = match delimiter {
            Some(None) => Format::Whitespace,
            Some(Some(d)) => Format::Delimited(d),
            None => Format::Delimited(sniff_delimiter(&decoded.text)),
        };
        if let Format::Delimited(d) = format {
            check_quotes(file, decoded.text.as_bytes(), d)?;
        }
        Ok(mk(format, Data::Text(decoded.text)))
    }

    /// About how many rows the file has (from the line breaks of its first 64 KB), to size
    /// tables before reading: never more than the file has bytes.
    pub fn estimated_rows(&self) -> usize {
        match &self.data {
            Data::Cells { rows, .. } => rows.len(),
            Data::Text(text) => {
                let head = &text.as_bytes()[..text.len().min(1 << 16)];
                let lines = head.iter().filter(|b| **b == b'\n').count().max(1);
                (text.len() as f64 * lines as f64 / head.len().max(1) as f64) as usize
            }
        }
    }

    /// Starts a pass over the rows; reads the header.
    ///
    /// # Errors
    /// [`Error::EmptyFile`] when there is no header; [`Error::Csv`] for broken CSV.
    pub fn table(&self) -> Result<Table<'_>, Error> {
        let mut t = self.table_unchecked()?;
        t.max_cell = self.max_cell_bytes;
        if self.max_columns > 0 && t.headers.len() > self.max_columns {
            return Err(Error::Format {
                file: self.file.clone(),
                message: format!("{} columns; at most {} are read (reading option max_columns)", t.headers.len(), self.max_columns),
            });
        }
        Ok(t)
    }

    fn table_unchecked(&self) -> Result<Table<'_>, Error> {
        match &self.data {
            Data::Cells { headers, rows } => {
                Ok(Table { headers: headers.clone(), inner: Inner::Cells { rows: rows.iter(), done: 0 }, total: rows.len().max(1), max_cell: 0 })
            }
            Data::Text(text) => {
                let total = text.len().max(1);
                match self.format {
                    Format::Whitespace => {
                        let mut inner = Inner::Whitespace { text, pos: 0, line: 0 };
                        let mut headers = Vec::new();
                        if let Inner::Whitespace { text, pos, line } = &mut inner {
                            let mut first: Option<Vec<String>> = None;
                            let save = (*pos, *line);
                            while let Some((l, cells)) = next_ws_line(text, pos, line) {
                                let _ = l;
                                if !cells.is_empty() {
                                    first = Some(cells.iter().map(|c| c.to_string()).collect());
                                    break;
                                }
                            }
                            let first = first.ok_or_else(|| Error::EmptyFile { file: self.file.clone() })?;
                            if self.header {
                                headers = first;
                            } else {
                                headers = (1..=first.len()).map(|i| i.to_string()).collect();
                                (*pos, *line) = save;
                            }
                        }
                        Ok(Table { headers, inner, total, max_cell: 0 })
                    }
                    Format::Delimited(d) => {
                        let mut reader = csv::ReaderBuilder::new()
                            .delimiter(d)
                            .flexible(true)
                            .has_headers(false)
                            .from_reader(text.as_bytes());
                        let mut record = csv::StringRecord::new();
                        // Lines of empty cells before the header (eBay's orders report starts
                        // with a line of bare commas) are skipped: the header is the first line
                        // with a cell.
                        loop {
                            let ok = reader.read_record(&mut record).map_err(|e| csv_error(&self.file, e))?;
                            if !ok {
                                return Err(Error::EmptyFile { file: self.file.clone() });
                            }
                            if !record.iter().all(|c| c.trim().is_empty()) {
                                break;
                            }
                        }
                        let headers: Vec<String> = if self.header {
                            record.iter().map(|s| s.trim().trim_start_matches('\u{feff}').trim().to_string()).collect()
                        } else {
                            (1..=record.len()).map(|i| i.to_string()).collect()
                        };
                        let at = line_at(text.as_bytes(), (0, 1), record.position().map_or(0, |p| p.byte() as usize));
                        let first = (!self.header).then_some(record);
                        Ok(Table { headers, inner: Inner::Csv { reader, first, text: text.as_bytes(), at }, total, max_cell: 0 })
                    }
                    _ => Err(Error::Format { file: self.file.clone(), message: "internal: text source of a cell format".into() }),
                }
            }
        }
    }
}

/// The line number of the record starting at byte `b` (blank lines before it skipped), counted
/// on from the previous (byte, line).
fn line_at(text: &[u8], (from, line): (usize, usize), mut b: usize) -> (usize, usize) {
    b = b.min(text.len());
    let mut line = line + text[from.min(b)..b].iter().filter(|&&c| c == b'\n').count();
    while b < text.len() && (text[b] == b'\n' || text[b] == b'\r') {
        if text[b] == b'\n' {
            line += 1;
        }
        b += 1;
    }
    (b, line)
}

fn csv_error(file: &str, e: csv::Error) -> Error {
    Error::Csv { file: file.to_string(), row: e.position().map(|p| p.line() as usize).unwrap_or(0), message: e.to_string() }
}

fn next_ws_line<'t>(text: &'t str, pos: &mut usize, line: &mut usize) -> Option<(usize, Vec<&'t str>)> {
    if *pos >= text.len() {
        return None;
    }
    let rest = &text[*pos..];
    let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    *pos += end;
    *line += 1;
    Some((*line, rest[..end].split_whitespace().collect()))
}

/// One row of a pass.
#[derive(Debug, Clone, PartialEq)]
pub struct RowEvent {
    /// Row number (see the module documentation).
    pub row: usize,
    /// Set when the row could not be split into cells; the cells are then empty.
    pub problem: Option<RowProblem>,
}

/// The cells of the current row, as many as the header has (a short row's missing cells read as
/// empty). A delimited row stays in the CSV reader's record: its cells are never copied into
/// strings of their own.
#[derive(Debug, Clone, Default)]
pub struct Cells {
    record: csv::StringRecord,
    /// The cells of a row from any other format.
    owned: Vec<String>,
    from_record: bool,
    n: usize,
}

impl Cells {
    /// No row yet.
    pub fn new() -> Cells {
        Cells::default()
    }

    /// How many cells (the header's width; 0 for a row that could not be split).
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Cell `i`, untrimmed; `None` beyond [`Cells::len`].
    #[inline]
    pub fn get(&self, i: usize) -> Option<&str> {
        if i >= self.n {
            None
        } else if self.from_record {
            Some(self.record.get(i).unwrap_or(""))
        } else {
            Some(self.owned[i].as_str())
        }
    }

    /// Every cell, in column order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.n).map(|i| self.get(i).unwrap_or(""))
    }

    /// The cells as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }

    fn clear(&mut self) {
        self.n = 0;
    }

    /// The row is the record's first `n` fields.
    fn use_record(&mut self, n: usize) {
        self.from_record = true;
        self.n = n;
    }

    /// Copies `values` in as exactly `n` cells, reusing the buffers.
    fn fill<'v>(&mut self, values: impl Iterator<Item = &'v str>, n: usize) {
        self.from_record = false;
        self.n = n;
        let cells = &mut self.owned;
        if cells.len() < n {
            cells.resize_with(n, String::new);
        }
        let mut k = 0;
        for v in values.take(n) {
            cells[k].clear();
            cells[k].push_str(v);
            k += 1;
        }
        for c in &mut cells[k..n] {
            c.clear();
        }
    }
}

impl std::ops::Index<usize> for Cells {
    type Output = str;
    /// Cell `i` (panics beyond [`Cells::len`], as slice indexing does).
    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(c) => c,
            None => panic!("cell {i} of a row of {}", self.n),
        }
    }
}

impl<'s> Table<'s> {
    /// Reads the next non-blank row into `cells`.
    ///
    /// # Errors
    /// [`Error::Csv`] when the CSV structure itself is broken.
    pub fn next_row(&mut self, file: &str, cells: &mut Cells) -> Result<Option<RowEvent>, Error> {
        let ev = self.next_row_unchecked(file, cells)?;
        if let Some(e) = &ev {
            if e.problem.is_none() && self.max_cell > 0 {
                let long = cells.iter().map(str::len).enumerate().find(|(_, len)| *len > self.max_cell);
                if let Some((i, len)) = long {
                    let column = self.headers.get(i).cloned().unwrap_or_else(|| (i + 1).to_string());
                    let message = format!("the cell in column '{column}' is {len} bytes long; at most {} are read (reading option max_cell_bytes)", self.max_cell);
                    cells.clear();
                    return Ok(Some(RowEvent { row: e.row, problem: Some(RowProblem::Unreadable { message }) }));
                }
            }
        }
        Ok(ev)
    }

    fn next_row_unchecked(&mut self, file: &str, cells: &mut Cells) -> Result<Option<RowEvent>, Error> {
        let n = self.headers.len();
        loop {
            match &mut self.inner {
                Inner::Csv { reader, first, text, at } => {
                    let record = &mut cells.record;
                    if let Some(f) = first.take() {
                        *record = f;
                    } else if !reader.read_record(record).map_err(|e| csv_error(file, e))? {
                        return Ok(None);
                    }
                    if record.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    *at = line_at(text, *at, record.position().map_or(0, |p| p.byte() as usize));
                    let row = at.1;
                    if record.len() > n && record.iter().skip(n).any(|c| !c.trim().is_empty()) {
                        let found = record.len();
                        cells.clear();
                        return Ok(Some(RowEvent { row, problem: Some(RowProblem::TooManyFields { expected: n, found }) }));
                    }
                    cells.use_record(n);
                    return Ok(Some(RowEvent { row, problem: None }));
                }
                Inner::Whitespace { text, pos, line } => {
                    let Some((row, parts)) = next_ws_line(text, pos, line) else { return Ok(None) };
                    if parts.is_empty() {
                        continue;
                    }
                    if parts.len() > n {
                        cells.clear();
                        return Ok(Some(RowEvent { row, problem: Some(RowProblem::TooManyFields { expected: n, found: parts.len() }) }));
                    }
                    cells.fill(parts.iter().copied(), n);
                    return Ok(Some(RowEvent { row, problem: None }));
                }
                Inner::Cells { rows, done } => {
                    let Some((row, values)) = rows.next() else { return Ok(None) };
                    *done += 1;
                    if values.len() == 1 && values[0].starts_with('\u{0}') {
                        cells.clear();
                        return Ok(Some(RowEvent { row: *row, problem: Some(RowProblem::Unreadable { message: values[0][1..].to_string() }) }));
                    }
                    if values.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    cells.fill(values.iter().map(String::as_str), n);
                    return Ok(Some(RowEvent { row: *row, problem: None }));
                }
            }
        }
    }

    /// Fraction of the input consumed so far (bytes for text, rows for cells).
    pub fn fraction(&self) -> f64 {
        let done = match &self.inner {
            Inner::Csv { reader, .. } => reader.position().byte() as usize,
            Inner::Whitespace { pos, .. } => *pos,
            Inner::Cells { done, .. } => *done,
        };
        (done as f64 / self.total as f64).min(1.0)
    }
}

/// Finds a quoted cell that is never closed (the csv crate would silently run it to the end of
/// the file). Quotes only open a cell at its start, as in RFC 4180.
fn check_quotes(file: &str, text: &[u8], delimiter: u8) -> Result<(), Error> {
    match unclosed_quote(text, delimiter) {
        Some(at) => Err(Error::Csv {
            file: file.to_string(),
            row: 1 + memchr::memchr_iter(b'\n', &text[..at]).count(),
            message: "a quoted cell starts here and its closing quote is missing (the rest of the file would be one cell)".to_string(),
        }),
        None => Ok(()),
    }
}

/// The byte offset of a quote that opens a cell (at the start of a line or after a delimiter)
/// and is never closed, if any. Only the quotes are visited (memchr jumps between them), so a
/// file without quotes costs one fast scan.
fn unclosed_quote(text: &[u8], delimiter: u8) -> Option<usize> {
    let mut open: Option<usize> = None;
    let mut i = 0;
    while let Some(q) = memchr::memchr(b'"', &text[i..]).map(|k| i + k) {
        if open.is_some() {
            if text.get(q + 1) == Some(&b'"') {
                // An escaped quote inside the cell.
                i = q + 2;
                continue;
            }
            open = None;
        } else if q == 0 || matches!(text[q - 1], b'\n' | b'\r') || text[q - 1] == delimiter {
            open = Some(q);
        }
        i = q + 1;
    }
    open
}

fn json_cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Bool(b) => b.to_string(),
        serde_json::Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

type CellRows = (Vec<String>, Vec<(usize, Vec<String>)>);

/// Most different keys the objects of one JSON / NDJSON file may have between them (its
/// columns). Every row is as wide as all the keys seen, so without a bound a file of objects
/// with ever new keys would need memory growing with the square of its size.
pub const MAX_JSON_KEYS: usize = 1_000;

fn push_object(
    file: &str,
    row: usize,
    headers: &mut Vec<String>,
    at: &mut crate::fast::Map<String, usize>,
    obj: &serde_json::Map<String, serde_json::Value>,
) -> Result<Vec<String>, Error> {
    let mut cells = vec![String::new(); headers.len()];
    for (k, v) in obj {
        let i = match at.get(k) {
            Some(&i) => i,
            None => {
                if headers.len() >= MAX_JSON_KEYS {
                    return Err(Error::Format {
                        file: file.to_string(),
                        message: format!("row {row}: the objects have more than {MAX_JSON_KEYS} different keys between them (a table of at most {MAX_JSON_KEYS} columns is read); the key '{k}' is one too many"),
                    });
                }
                at.insert(k.clone(), headers.len());
                headers.push(k.clone());
                cells.push(String::new());
                headers.len() - 1
            }
        };
        cells[i] = json_cell(v);
    }
    Ok(cells)
}

fn json_array(file: &str, text: &str) -> Result<CellRows, Error> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Error::Format { file: file.to_string(), message: format!("not valid JSON: {e}") })?;
    let serde_json::Value::Array(items) = value else {
        return Err(Error::Format { file: file.to_string(), message: "expected a JSON array of objects".into() });
    };
    let mut headers = Vec::new();
    let mut at = crate::fast::Map::default();
    let mut rows = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item {
            serde_json::Value::Object(obj) => {
                let cells = push_object(file, i + 2, &mut headers, &mut at, obj)?;
                rows.push((i + 2, cells));
            }
            other => rows.push((i + 2, vec![format!("\u{0}item {} is not an object but {}", i + 1, kind_of(other))])),
        }
    }
    if headers.is_empty() && rows.is_empty() {
        return Err(Error::NoRows { file: file.to_string() });
    }
    Ok((headers, rows))
}

fn kind_of(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

fn ndjson(file: &str, text: &str) -> Result<CellRows, Error> {
    let mut headers = Vec::new();
    let mut at = crate::fast::Map::default();
    let mut rows = Vec::new();
    let mut index = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        index += 1;
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(obj)) => {
                let cells = push_object(file, index + 1, &mut headers, &mut at, &obj)?;
                rows.push((index + 1, cells));
            }
            Ok(other) => rows.push((index + 1, vec![format!("\u{0}line is {}, not an object", kind_of(&other))])),
            Err(e) => rows.push((index + 1, vec![format!("\u{0}not valid JSON: {e}")])),
        }
    }
    if headers.is_empty() {
        return Err(Error::Format { file: file.to_string(), message: "no line of this NDJSON file is a JSON object".into() });
    }
    Ok((headers, rows))
}

/// Most columns read from an .xlsx sheet (a cell further right is an error naming it).
pub const MAX_XLSX_COLUMNS: usize = 16_384;

/// Most cells read from an .xlsx sheet: filled cells, and rows × columns of the table they
/// make (about 24 bytes each before their text).
pub const MAX_XLSX_CELLS: usize = 50_000_000;

/// Formats an .xlsx cell as the text a CSV export of it would hold (dates as `YYYY-MM-DD`).
fn xlsx_cell(c: &calamine::Data) -> String {
    use calamine::Data;
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            if dt.is_datetime() {
                chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
                    .and_then(|b| b.checked_add_days(chrono::Days::new(serial.max(0.0).floor() as u64)))
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| serial.to_string())
            } else {
                serial.to_string()
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn open_xlsx<'a>(file: &str, bytes: &'a [u8], opts: &TableOptions) -> Result<Source<'a>, Error> {
    use calamine::Reader;
    let bad = |m: String| Error::Format { file: file.to_string(), message: m };
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("not a readable .xlsx workbook ({e}); export the sheet as .xlsx or CSV")))?;
    let sheets = book.sheet_names();
    let sheet = match &opts.sheet {
        Some(want) => sheets
            .iter()
            .find(|s| s.as_str() == want.as_str() || s.trim().eq_ignore_ascii_case(want.trim()))
            .cloned()
            .ok_or_else(|| Error::InvalidOption { option: "sheet", message: format!("no sheet '{want}' in {file} (sheets: {})", sheets.join(", ")) })?,
        None => sheets.first().cloned().ok_or_else(|| bad("the workbook has no sheet".into()))?,
    };
    // The used cells, streamed: never the dense rectangle from the first to the last cell (a
    // sheet with one cell at A1 and one at XFD1048576 would need 1.7e10 of them).
    let mut reader = book.worksheet_cells_reader(&sheet).map_err(|e| bad(format!("sheet '{sheet}' cannot be read: {e}")))?;
    let mut used: Vec<(u32, u32, String)> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|e| bad(format!("sheet '{sheet}' cannot be read: {e}")))? {
        let (r, c) = cell.get_position();
        let text = xlsx_cell(&calamine::Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        if c as usize >= MAX_XLSX_COLUMNS {
            return Err(bad(format!("sheet '{sheet}', row {}: a cell in column {} (at most {MAX_XLSX_COLUMNS} columns are read)", r + 1, c + 1)));
        }
        used.push((r, c, text));
        if used.len() > MAX_XLSX_CELLS {
            return Err(bad(format!("sheet '{sheet}': more than {MAX_XLSX_CELLS} filled cells (export the orders as CSV, or give a customer summary)")));
        }
    }
    drop(reader);
    used.sort_by_key(|(r, c, _)| (*r, *c));
    // Columns from the leftmost filled one, as the sheet's used range starts.
    let first_col = used.iter().map(|(_, c, _)| *c as usize).min().unwrap_or(0);
    let width = used.iter().map(|(_, c, _)| *c as usize + 1 - first_col).max().unwrap_or(0);
    let mut distinct_rows = 0usize;
    let mut last_row = None;
    for (r, _, _) in &used {
        if last_row != Some(*r) {
            distinct_rows += 1;
            last_row = Some(*r);
        }
    }
    if distinct_rows.saturating_mul(width) > MAX_XLSX_CELLS {
        return Err(bad(format!("sheet '{sheet}': {distinct_rows} rows × {width} columns is more than {MAX_XLSX_CELLS} cells (export the orders as CSV)")));
    }
    // Rows of `width` cells (sheet row numbers, 1-based), from the leftmost filled column;
    // empty rows left out (the reader skips them anyway).
    let mut sheet_rows: Vec<(usize, Vec<String>)> = Vec::with_capacity(distinct_rows);
    for (r, c, text) in used {
        if sheet_rows.last().is_none_or(|(row, _)| *row != r as usize + 1) {
            sheet_rows.push((r as usize + 1, vec![String::new(); width]));
        }
        if let Some((_, cells)) = sheet_rows.last_mut() {
            cells[c as usize - first_col] = text;
        }
    }
    let mut rows_iter = sheet_rows.into_iter();
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (row, cells) in rows_iter.by_ref() {
        if headers.is_none() {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if opts.header {
                let mut h: Vec<String> = cells.iter().map(|c| c.trim().to_string()).collect();
                while h.last().is_some_and(|c| c.is_empty()) {
                    h.pop();
                }
                headers = Some(h);
                continue;
            }
            headers = Some((1..=cells.len()).map(|i| i.to_string()).collect());
        }
        rows.push((row, cells));
    }
    let headers = headers.ok_or_else(|| Error::EmptyFile { file: format!("{file} (sheet '{sheet}')") })?;
    let n = headers.len();
    let rows = rows
        .into_iter()
        .map(|(row, mut cells)| {
            if cells.len() > n && cells[n..].iter().all(|c| c.trim().is_empty()) {
                cells.truncate(n);
            }
            if cells.len() > n {
                (row, vec![format!("\u{0}{} cells in a row under {} header cells", cells.len(), n)])
            } else {
                (row, cells)
            }
        })
        .collect();
    Ok(Source {
        file: file.to_string(),
        encoding: "xlsx",
        format: Format::Xlsx,
        sheet: Some(sheet),
        sheets,
        header: opts.header,
        max_columns: opts.max_columns,
        max_cell_bytes: opts.max_cell_bytes,
        data: Data::Cells { headers, rows },
    })
}

#[cfg(test)]
mod tests {
    /// The byte-by-byte rule [`super::unclosed_quote`] implements: a quote opens a cell only at
    /// its start; inside, `""` is a quote and `"` closes it.
    fn unclosed_reference(text: &[u8], delimiter: u8) -> Option<usize> {
        let (mut at_start, mut open, mut i) = (true, None, 0);
        while i < text.len() {
            let b = text[i];
            if open.is_some() {
                if b == b'"' {
                    if text.get(i + 1) == Some(&b'"') {
                        i += 1;
                    } else {
                        open = None;
                    }
                }
            } else {
                if b == b'"' && at_start {
                    open = Some(i);
                }
                at_start = b == delimiter || b == b'\n' || b == b'\r';
            }
            i += 1;
        }
        open
    }

    #[test]
    fn unclosed_quotes_are_found_as_byte_by_byte() {
        // Every string of up to 7 bytes over quote, comma, newline, x: 4^7 cases.
        let alphabet = [b'"', b',', b'\n', b'x'];
        for len in 0..=7u32 {
            for code in 0..4usize.pow(len) {
                let text: Vec<u8> = (0..len).map(|k| alphabet[(code / 4usize.pow(k)) % 4]).collect();
                assert_eq!(super::unclosed_quote(&text, b','), unclosed_reference(&text, b','), "{:?}", String::from_utf8_lossy(&text));
            }
        }
    }

    use super::*;

    fn rows(src: &Source) -> Vec<(usize, Vec<String>)> {
        let mut t = src.table().unwrap();
        let mut out = Vec::new();
        let mut cells = Cells::new();
        while let Some(ev) = t.next_row("f", &mut cells).unwrap() {
            out.push((ev.row, cells.to_vec()));
        }
        out
    }

    fn opts() -> TableOptions {
        TableOptions { header: true, ..Default::default() }
    }

    #[test]
    fn csv_json_ndjson_same_shape() {
        let csv = Source::open("a.csv", b"a,b\n1,x\n\n2,y\n", &opts()).unwrap();
        let json = Source::open("a.json", br#"[{"a":1,"b":"x"},{"a":2,"b":"y"}]"#, &opts()).unwrap();
        let nd = Source::open("a.ndjson", b"{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\"y\"}\n", &opts()).unwrap();
        assert_eq!(csv.table().unwrap().headers, ["a", "b"]);
        assert_eq!(json.table().unwrap().headers, ["a", "b"]);
        let want = |r2: usize| vec![(2, vec!["1".to_string(), "x".into()]), (r2, vec!["2".to_string(), "y".into()])];
        assert_eq!(rows(&csv), want(4));
        assert_eq!(rows(&json), want(3));
        assert_eq!(rows(&nd), want(3));
    }

    #[test]
    fn unterminated_quote_and_too_many_fields() {
        let e = Source::open("q.csv", b"a,b\n1,\"x\n2,y\n", &opts()).err().unwrap();
        assert!(matches!(e, Error::Csv { row: 2, .. }), "{e:?}");
        // A quote inside an unquoted cell is literal.
        assert!(Source::open("q.csv", b"a,b\n1,5\" screen\n", &opts()).is_ok());
        let s = Source::open("m.csv", b"a,b\n1,2,3\n1,2,\n", &opts()).unwrap();
        let mut t = s.table().unwrap();
        let mut c = Cells::new();
        assert_eq!(t.next_row("m", &mut c).unwrap().unwrap().problem, Some(RowProblem::TooManyFields { expected: 2, found: 3 }));
        assert_eq!(t.next_row("m", &mut c).unwrap().unwrap().problem, None);
    }

    #[test]
    fn whitespace_headerless() {
        let o = TableOptions { delimiter: Some("whitespace".into()), header: false, ..Default::default() };
        let s = Source::open("c.txt", b" 00004 0001 19970101  2   29.33\n\n 00004 0001 19970118  2   29.73\n", &o).unwrap();
        assert_eq!(s.table().unwrap().headers, ["1", "2", "3", "4", "5"]);
        let r = rows(&s);
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].0, r[1].0, r[1].1[4].as_str()), (1, 3, "29.73"));
    }
}
