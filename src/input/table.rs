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

use super::convert::Converted;
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
    /// Most filled cells read from an .xlsx sheet or a JSON / NDJSON file (an error beyond);
    /// 0: no bound.
    pub max_cells: usize,
    /// Deepest nesting of a JSON / NDJSON file (an error beyond); 0: the parser's own (128).
    pub max_json_depth: usize,
}

/// Why a row could not even be split into cells (counted as a rejected row by the readers).
#[derive(Debug, Clone, PartialEq)]
pub enum RowProblem {
    TooManyFields {
        expected: usize,
        found: usize,
    },
    /// Not a row at all (an NDJSON line that is no object), or a cell beyond the bound of its
    /// length: the message says which.
    Unreadable {
        message: String,
    },
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
    /// Rows of JSON objects or of a sheet: each row's filled cells only, with their column (a
    /// row with one key of a thousand is one cell, not a thousand empty ones).
    Cells {
        headers: Vec<String>,
        rows: Vec<(usize, SparseRow)>,
    },
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
    Csv {
        reader: csv::Reader<&'s [u8]>,
        first: Option<csv::StringRecord>,
        text: &'s [u8],
        at: (usize, usize),
    },
    Whitespace {
        text: &'s str,
        pos: usize,
        line: usize,
    },
    Cells {
        rows: std::slice::Iter<'s, (usize, SparseRow)>,
        done: usize,
    },
}

/// The delimiter the reading option names (`None`: detect; `Some(None)`: whitespace).
fn delimiter_option(opts: &TableOptions) -> Result<Option<Option<u8>>, Error> {
    match &opts.delimiter {
        None => Ok(None),
        Some(d) => Ok(Some(
            parse_delimiter(d).ok_or_else(|| Error::InvalidOption { option: "delimiter", message: format!("'{d}' is not a delimiter (comma, semicolon, tab, pipe, whitespace or one character)") })?,
        )),
    }
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
        let delimiter = delimiter_option(opts)?;
        if bytes.starts_with(b"PK\x03\x04") {
            #[cfg(feature = "xlsx")]
            return open_xlsx(file, bytes, opts);
            #[cfg(not(feature = "xlsx"))]
            return Err(Error::NeedsConverter { file: file.to_string(), what: "workbook" });
        }
        let decoded = decode_with(file, bytes, opts.encoding.as_deref())?;
        Self::from_decoded(file, decoded, delimiter, opts)
    }

    /// Opens a file the second module read (see [`super::convert`]): `bytes` is the text as
    /// UTF-8 for [`Converted::Text`], nothing for a sheet. What [`Source::open`] gives for the
    /// original file where both readers are built in.
    ///
    /// # Errors
    /// As [`Source::open`].
    pub fn open_converted(file: &str, bytes: &'a [u8], converted: &Converted, opts: &TableOptions) -> Result<Source<'a>, Error> {
        match converted {
            Converted::Sheet { sheet, sheets, cells } => sheet_source(file, sheet.clone(), sheets.clone(), cells.clone(), opts),
            Converted::Text { encoding } => {
                let delimiter = delimiter_option(opts)?;
                let text = std::str::from_utf8(bytes).map_err(|e| Error::Encoding { file: file.to_string(), encoding: "UTF-8", row: 1, offset: e.valid_up_to() })?;
                Self::from_decoded(file, super::text::Decoded { text: Cow::Borrowed(text), encoding: super::convert::encoding_name(encoding) }, delimiter, opts)
            }
        }
    }

    /// The source of a decoded text: JSON, NDJSON or delimited text.
    fn from_decoded(file: &str, decoded: super::text::Decoded<'a>, delimiter: Option<Option<u8>>, opts: &TableOptions) -> Result<Source<'a>, Error> {
        let encoding = decoded.encoding;
        let start = decoded.text.trim_start();
        let first = start.chars().next();
        if first == Some('<') && is_html(start) {
            return Err(Error::NotText {
                file: file.to_string(),
                detail: "the file is a web page (HTML), not a data export: a sign-in or error page saved instead of the file? Download the export again".into(),
            });
        }
        let mk = |format, data| Source {
            file: file.to_string(),
            encoding,
            format,
            sheet: None,
            sheets: Vec::new(),
            header: opts.header,
            max_columns: opts.max_columns,
            max_cell_bytes: opts.max_cell_bytes,
            data,
        };
        // One JSON value (an array, an API's answer) nesting beyond the bound is refused before
        // it is parsed; NDJSON lines are checked one by one (a deep line is a rejected row).
        let depth_error = |text: &str| {
            too_deep(text, opts.max_json_depth).map(|(depth, line)| Error::Format {
                file: file.to_string(),
                message: format!("line {line}: JSON nested {depth} deep; at most {} levels are read (reading option max_json_depth)", opts.max_json_depth),
            })
        };
        if delimiter.is_none() {
            if first == Some('[') {
                if let Some(e) = depth_error(&decoded.text) {
                    return Err(e);
                }
                let (headers, rows) = json_array(file, opts, &decoded.text)?;
                return Ok(mk(Format::Json, Data::Cells { headers, rows }));
            }
            if first == Some('{') {
                // An API's export: one object whose only member is the array of records
                // ({"orders": [...]}), read as that array.
                if let Some(items) = wrapped_array(&decoded.text) {
                    if let Some(e) = depth_error(&decoded.text) {
                        return Err(e);
                    }
                    let (headers, rows) = json_items(file, opts, &items)?;
                    return Ok(mk(Format::Json, Data::Cells { headers, rows }));
                }
                let (headers, rows) = ndjson(file, opts, &decoded.text)?;
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
            return Err(Error::Format { file: self.file.clone(), message: format!("{} columns; at most {} are read (reading option max_columns)", t.headers.len(), self.max_columns) });
        }
        Ok(t)
    }

    fn table_unchecked(&self) -> Result<Table<'_>, Error> {
        match &self.data {
            Data::Cells { headers, rows } => Ok(Table { headers: headers.clone(), inner: Inner::Cells { rows: rows.iter(), done: 0 }, total: rows.len().max(1), max_cell: 0 }),
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
                        let mut reader = csv::ReaderBuilder::new().delimiter(d).flexible(true).has_headers(false).from_reader(text.as_bytes());
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
                        let headers: Vec<String> =
                            if self.header { record.iter().map(|s| s.trim().trim_start_matches('\u{feff}').trim().to_string()).collect() } else { (1..=record.len()).map(|i| i.to_string()).collect() };
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
    /// The row of `n` cells whose filled ones are `values` (column, text); the rest empty.
    fn fill_sparse(&mut self, values: &[(u32, String)], n: usize) {
        self.from_record = false;
        self.n = n;
        let cells = &mut self.owned;
        if cells.len() < n {
            cells.resize_with(n, String::new);
        }
        for c in &mut cells[..n] {
            c.clear();
        }
        for (c, v) in values {
            if let Some(cell) = cells[..n].get_mut(*c as usize) {
                // A cell listed twice (a sheet may): the later one, as a dense row kept it.
                cell.clear();
                cell.push_str(v);
            }
        }
    }

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
                    if let [(0, only)] = values.as_slice() {
                        if let Some(message) = only.strip_prefix('\u{0}') {
                            cells.clear();
                            return Ok(Some(RowEvent { row: *row, problem: Some(RowProblem::Unreadable { message: message.to_string() }) }));
                        }
                    }
                    if values.iter().all(|c| c.1.trim().is_empty()) {
                        continue;
                    }
                    cells.fill_sparse(values, n);
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

/// The first place where JSON text nests deeper than `max` arrays and objects (the depth and
/// the line), brackets inside strings not counted; `None` within the bound (0: no bound).
fn too_deep(text: &str, max: usize) -> Option<(usize, usize)> {
    if max == 0 {
        return None;
    }
    let (mut depth, mut in_string, mut escaped, mut line) = (0usize, false, false, 1usize);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Some((depth, line));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => line += 1,
            _ => {}
        }
    }
    None
}

/// Whether text starts as a web page does (`<!DOCTYPE html`, `<html`, an XML prolog before
/// `<html`), whatever the letter case.
fn is_html(start: &str) -> bool {
    let head: String = start.chars().take(512).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || (head.starts_with("<?xml") && head.contains("<html"))
}

/// A row's filled cells and their columns; a row that cannot be read is one cell at column 0
/// holding NUL and the reason.
type SparseRow = Vec<(u32, String)>;

type CellRows = (Vec<String>, Vec<(usize, SparseRow)>);

/// A row that cannot be read, with the reason.
fn unreadable(message: String) -> SparseRow {
    vec![(0, format!("\u{0}{message}"))]
}

/// The leaves of `obj` with their dotted paths (objects nested deeper than four levels stay text).
fn flatten<'v>(prefix: &str, obj: &'v serde_json::Map<String, serde_json::Value>, depth: usize, out: &mut Vec<(String, &'v serde_json::Value)>) {
    for (k, v) in obj {
        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        match v {
            serde_json::Value::Object(inner) if depth < 4 && !inner.is_empty() => flatten(&key, inner, depth + 1, out),
            _ => out.push((key, v)),
        }
    }
}

/// One object's filled cells; a key beyond the `max_keys`-th different one of the file is an
/// error (the reading option `max_columns` bounds the columns while they are read).
fn push_object(
    file: &str,
    max_keys: usize,
    row: usize,
    headers: &mut Vec<String>,
    at: &mut crate::fast::Map<String, usize>,
    obj: &serde_json::Map<String, serde_json::Value>,
) -> Result<SparseRow, Error> {
    let mut cells = Vec::with_capacity(obj.len());
    // Nested objects become columns named by their path (Shopify's order JSON has
    // "customer": {"email": …}: the column customer.email); arrays stay one cell of JSON text.
    let mut flat: Vec<(String, &serde_json::Value)> = Vec::with_capacity(obj.len());
    flatten("", obj, 0, &mut flat);
    for (k, v) in &flat {
        let (k, v) = (k, *v);
        let i = match at.get(k) {
            Some(&i) => i,
            None => {
                if max_keys > 0 && headers.len() >= max_keys {
                    return Err(Error::Format {
                        file: file.to_string(),
                        message: format!("row {row}: the objects have more than {max_keys} different keys between them (a table of at most {max_keys} columns is read: reading option max_columns); the key '{k}' is one too many"),
                    });
                }
                at.insert(k.clone(), headers.len());
                headers.push(k.clone());
                headers.len() - 1
            }
        };
        let text = json_cell(v);
        if !text.is_empty() {
            cells.push((i as u32, text));
        }
    }
    Ok(cells)
}

fn json_array(file: &str, opts: &TableOptions, text: &str) -> Result<CellRows, Error> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| Error::Format { file: file.to_string(), message: format!("not valid JSON: {e}") })?;
    let serde_json::Value::Array(items) = value else {
        return Err(Error::Format { file: file.to_string(), message: "expected a JSON array of objects".into() });
    };
    json_items(file, opts, &items)
}

/// The records of a JSON object whose only member is an array holding objects (`{"orders":
/// [...]}`, as APIs answer); `None` for anything else (NDJSON, whose first line is an object,
/// does not parse as one value).
fn wrapped_array(text: &str) -> Option<Vec<serde_json::Value>> {
    let serde_json::Value::Object(m) = serde_json::from_str::<serde_json::Value>(text).ok()? else { return None };
    if m.len() != 1 {
        return None;
    }
    match m.into_iter().next()?.1 {
        serde_json::Value::Array(items) if items.iter().any(serde_json::Value::is_object) => Some(items),
        _ => None,
    }
}

/// Counts a row's filled cells into `filled`; beyond the reading option `max_cells`, an error
/// naming the row.
fn count_cells(file: &str, opts: &TableOptions, row: usize, filled: &mut usize, n: usize) -> Result<(), Error> {
    *filled += n;
    if opts.max_cells > 0 && *filled > opts.max_cells {
        return Err(Error::Format { file: file.to_string(), message: format!("row {row}: more than {} filled cells (reading option max_cells; export the data as CSV)", opts.max_cells) });
    }
    Ok(())
}

/// The table of a JSON array's items (rows numbered as item index + 2).
fn json_items(file: &str, opts: &TableOptions, items: &[serde_json::Value]) -> Result<CellRows, Error> {
    let mut headers = Vec::new();
    let mut at = crate::fast::Map::default();
    let mut rows = Vec::with_capacity(items.len());
    let mut filled = 0usize;
    for (i, item) in items.iter().enumerate() {
        match item {
            serde_json::Value::Object(obj) => {
                let cells = push_object(file, opts.max_columns, i + 2, &mut headers, &mut at, obj)?;
                count_cells(file, opts, i + 2, &mut filled, cells.len())?;
                rows.push((i + 2, cells));
            }
            other => rows.push((i + 2, unreadable(format!("item {} is not an object but {}", i + 1, kind_of(other))))),
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

fn ndjson(file: &str, opts: &TableOptions, text: &str) -> Result<CellRows, Error> {
    let mut headers = Vec::new();
    let mut at = crate::fast::Map::default();
    let mut rows = Vec::new();
    let mut filled = 0usize;
    let mut index = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        index += 1;
        if let Some((depth, _)) = too_deep(line, opts.max_json_depth) {
            rows.push((index + 1, unreadable(format!("nested {depth} deep; at most {} levels are read (reading option max_json_depth)", opts.max_json_depth))));
            continue;
        }
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(obj)) => {
                let cells = push_object(file, opts.max_columns, index + 1, &mut headers, &mut at, &obj)?;
                count_cells(file, opts, index + 1, &mut filled, cells.len())?;
                rows.push((index + 1, cells));
            }
            Ok(other) => rows.push((index + 1, unreadable(format!("line is {}, not an object", kind_of(&other))))),
            Err(e) => rows.push((index + 1, unreadable(format!("not valid JSON: {e}")))),
        }
    }
    if headers.is_empty() {
        return Err(Error::Format { file: file.to_string(), message: "no line of this NDJSON file is a JSON object".into() });
    }
    Ok((headers, rows))
}

/// Most columns read from an .xlsx sheet (a cell further right is an error naming it).
pub const MAX_XLSX_COLUMNS: usize = 16_384;

/// Default of the most filled cells read from an .xlsx sheet or a JSON / NDJSON file (reading
/// option `max_cells`).
pub const MAX_CELLS: usize = 50_000_000;

/// Formats an .xlsx cell as the text a CSV export of it would hold (dates as `YYYY-MM-DD`).
#[cfg(feature = "xlsx")]
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

#[cfg(feature = "xlsx")]
fn open_xlsx<'a>(file: &str, bytes: &'a [u8], opts: &TableOptions) -> Result<Source<'a>, Error> {
    let (sheet, sheets, used) = xlsx_cells(file, bytes, opts)?;
    sheet_source(file, sheet, sheets, used, opts)
}

/// A sheet's filled cells: (row, column, text), 0-based.
pub(crate) type FilledCells = Vec<(u32, u32, String)>;

/// The sheet of a workbook the options name (the first without), its workbook's sheet names, and
/// its filled cells as (row, column, text), 0-based.
#[cfg(feature = "xlsx")]
pub(crate) fn xlsx_cells(file: &str, bytes: &[u8], opts: &TableOptions) -> Result<(String, Vec<String>, FilledCells), Error> {
    use calamine::Reader;
    let bad = |m: String| Error::Format { file: file.to_string(), message: m };
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| bad(format!("not a readable .xlsx workbook ({e}); export the sheet as .xlsx or CSV")))?;
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
        if opts.max_cells > 0 && used.len() > opts.max_cells {
            return Err(bad(format!("sheet '{sheet}': more than {} filled cells (reading option max_cells; export the orders as CSV, or give a customer summary)", opts.max_cells)));
        }
    }
    drop(reader);
    Ok((sheet, sheets, used))
}

/// The source of a sheet from its filled cells ([`xlsx_cells`]).
fn sheet_source<'a>(file: &str, sheet: String, sheets: Vec<String>, mut used: FilledCells, opts: &TableOptions) -> Result<Source<'a>, Error> {
    let bad = |m: String| Error::Format { file: file.to_string(), message: m };
    used.sort_by_key(|(r, c, _)| (*r, *c));
    // Columns from the leftmost filled one, as the sheet's used range starts.
    let first_col = used.iter().map(|(_, c, _)| *c).min().unwrap_or(0);
    let sheet_width = used.iter().map(|(_, c, _)| (c - first_col) as usize + 1).max().unwrap_or(0);
    // The filled cells of each row (sheet row numbers, 1-based); empty rows left out (the
    // reader skips them anyway). Never a dense row: a stray cell far to the right is one cell.
    let mut sheet_rows: Vec<(usize, SparseRow)> = Vec::new();
    for (r, c, text) in used {
        if sheet_rows.last().is_none_or(|(row, _)| *row != r as usize + 1) {
            sheet_rows.push((r as usize + 1, Vec::new()));
        }
        if let Some((_, cells)) = sheet_rows.last_mut() {
            cells.push((c - first_col, text));
        }
    }
    let mut rows_iter = sheet_rows.into_iter();
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (row, cells) in rows_iter.by_ref() {
        if headers.is_none() {
            if cells.iter().all(|c| c.1.trim().is_empty()) {
                continue;
            }
            // The header row's width; without a header, the sheet's (numbered columns).
            let width = if opts.header { cells.iter().filter(|(_, t)| !t.trim().is_empty()).map(|(c, _)| *c as usize + 1).max().unwrap_or(0) } else { sheet_width };
            if opts.max_columns > 0 && width > opts.max_columns {
                return Err(bad(format!("sheet '{sheet}', row {row}: {width} columns; at most {} are read (reading option max_columns)", opts.max_columns)));
            }
            if opts.header {
                let mut h = vec![String::new(); width];
                for (c, text) in cells {
                    // Blank cells right of the last name are not columns.
                    if let Some(slot) = h.get_mut(c as usize) {
                        *slot = text.trim().to_string();
                    }
                }
                while h.last().is_some_and(|c| c.is_empty()) {
                    h.pop();
                }
                headers = Some(h);
                continue;
            }
            headers = Some((1..=width).map(|i| i.to_string()).collect());
        }
        rows.push((row, cells));
    }
    let headers = headers.ok_or_else(|| Error::EmptyFile { file: format!("{file} (sheet '{sheet}')") })?;
    let n = headers.len();
    let rows = rows
        .into_iter()
        .map(|(row, cells)| {
            // A filled cell right of the header's last: the row does not fit the table.
            match cells.iter().filter(|(c, t)| *c as usize >= n && !t.trim().is_empty()).map(|(c, _)| *c as usize + 1).max() {
                Some(width) => (row, unreadable(format!("{width} cells in a row under {n} header cells"))),
                None => (row, cells),
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

    /// Rows of JSON objects keep only their filled cells: one object with a thousand keys and
    /// then narrow ones cost their own cells, not a thousand per row (once 486 MB for a 411 KB
    /// file); a sheet row with a cell far to the right is one cell more, not 16,384.
    #[test]
    fn json_and_sheet_rows_hold_their_filled_cells_only() {
        let mut objs = vec![format!("{{{}}}", (0..1000).map(|k| format!("\"k{k}\": 1")).collect::<Vec<_>>().join(","))];
        objs.extend((0..500).map(|i| format!("{{\"k999\": {i}}}")));
        let text = format!("[{}]", objs.join(","));
        let src = Source::open("w.json", text.as_bytes(), &opts()).unwrap();
        let Data::Cells { headers, rows } = &src.data else { panic!("not cells") };
        assert_eq!(headers.len(), 1000);
        assert_eq!(rows.iter().map(|r| r.1.len()).sum::<usize>(), 1000 + 500);
        // Read back, each row is as wide as the header, with its one value in its column.
        let read = super::tests::rows(&src);
        assert_eq!((read[1].1.len(), read[1].1[999].as_str(), read[1].1[0].as_str()), (1000, "0", ""));
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
