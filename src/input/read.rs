//! The single entry point [`read_input`], its options, and what the readers share: column
//! mapping (header names, then value patterns, or the mapping option), kind detection, the
//! whole-column day/month decision and progress reporting.

use super::columns::{self, FieldSpec};
use super::evidence::{self, Expect};
use super::fields::{parse_date_raw, parse_money, DateOrder, DateVotes, RawDate};
use super::table::Cells;
use super::table::{Source, Table, TableOptions};
use super::{ColumnUse, InputAccount, InputFile, InputKind, PassedOver};
use crate::dataset::{Survey, Ticket};
use crate::Error;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How to read one file. Every field is optional; the same JSON object is accepted by the
/// command line (`--options file.json`), the widget and the JS API, e.g.
/// `{"encoding": "gbk", "mapping": {"customer_id": "Buyer Nick"}, "date_order": "month_first"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReadOptions {
    /// Encoding label (`utf-8`, `utf-16le`, `gbk`, `gb18030`, `big5`, `windows-1252`, ...).
    /// Default: detected.
    pub encoding: Option<String>,
    /// Field -> column (header text, or 1-based column number for headerless files). A `null`
    /// value switches a field off. Fields not named are mapped automatically.
    pub mapping: Option<BTreeMap<String, Option<String>>>,
    /// Workbook sheet to read. Default: the first.
    pub sheet: Option<String>,
    /// Read the file as this kind, whatever the [`InputFile`] says.
    pub kind: Option<InputKind>,
    /// Day/month order of dates like 05/01/2024. Default: decided from the whole column.
    pub date_order: Option<DateOrder>,
    /// `comma`, `semicolon`, `tab`, `pipe`, `whitespace` or one character. Default: sniffed
    /// (and JSON / NDJSON / xlsx recognised).
    pub delimiter: Option<String>,
    /// `false`: the file has no header row (columns are then named `1`, `2`, ...; give the
    /// mapping). Default: true.
    pub header: Option<bool>,
    /// Survey column -> question kind: `nps`, `csat`, `ces`, `overall`, `importance:ITEM`,
    /// `performance:ITEM`, `expectation:ITEM`, `kano_functional:FEATURE`,
    /// `kano_dysfunctional:FEATURE`, `other` or `ignore`.
    pub question_kinds: Option<BTreeMap<String, String>>,
    /// Largest file read, in megabytes (an error names the file beyond). Default 1024.
    pub max_file_mb: Option<f64>,
    /// Most columns a file may have, and most different keys the objects of a JSON / NDJSON
    /// file may have between them (an error names the file beyond). Default 1000, 1 to 100000.
    pub max_columns: Option<usize>,
    /// Longest cell, in bytes: a row with a longer one is rejected, naming the column.
    /// Default 1000000, 1 to 100000000.
    pub max_cell_bytes: Option<usize>,
    /// Most filled cells (rows × columns, empty cells not counted) read from an .xlsx sheet or a
    /// JSON / NDJSON file, counted while they are read (an error names the file beyond; a CSV
    /// file is read row by row and needs no such bound). Default 50000000, 1 to 500000000.
    pub max_cells: Option<usize>,
    /// Deepest nesting of arrays and objects in a JSON / NDJSON file (an error names the file
    /// and line beyond). Default 32, 1 to 128 (the JSON parser's own bound).
    pub max_json_depth: Option<usize>,
}

/// Default of [`ReadOptions::max_json_depth`]: an export of records nests 2 or 3 deep (an
/// array of objects, a line item list).
pub const DEFAULT_MAX_JSON_DEPTH: usize = 32;

/// Default of [`ReadOptions::max_file_mb`].
pub const DEFAULT_MAX_FILE_MB: f64 = 1024.0;
/// Default of [`ReadOptions::max_columns`].
pub const DEFAULT_MAX_COLUMNS: usize = 1000;
/// Default of [`ReadOptions::max_cell_bytes`].
pub const DEFAULT_MAX_CELL_BYTES: usize = 1_000_000;

impl ReadOptions {
    pub(crate) fn table_options(&self) -> TableOptions {
        TableOptions {
            encoding: self.encoding.clone(),
            delimiter: self.delimiter.clone(),
            header: self.header.unwrap_or(true),
            sheet: self.sheet.clone(),
            max_columns: self.max_columns.unwrap_or(DEFAULT_MAX_COLUMNS),
            max_cell_bytes: self.max_cell_bytes.unwrap_or(DEFAULT_MAX_CELL_BYTES),
            max_cells: self.max_cells.unwrap_or(super::table::MAX_CELLS),
            max_json_depth: self.max_json_depth.unwrap_or(DEFAULT_MAX_JSON_DEPTH),
        }
    }

    /// Checks the bounds: each in its range, else an error naming the option and the range
    /// (0 is no bound, which a file's reader may not ask for).
    pub fn check_bounds(&self) -> Result<(), Error> {
        let bounds: [(&'static str, Option<usize>, usize); 4] = [
            ("max_columns", self.max_columns, 100_000),
            ("max_cell_bytes", self.max_cell_bytes, 100_000_000),
            ("max_cells", self.max_cells, 500_000_000),
            ("max_json_depth", self.max_json_depth, 128),
        ];
        for (option, value, max) in bounds {
            if let Some(v) = value.filter(|v| !(1..=max).contains(v)) {
                return Err(Error::InvalidOption { option, message: format!("{v} is outside the allowed range 1 to {max}") });
            }
        }
        Ok(())
    }
}

/// The records of one file, by kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "records", rename_all = "snake_case")]
pub enum Records {
    Orders(crate::model::Orders),
    Reviews(crate::model::Reviews),
    Survey(Survey),
    Tickets(Vec<Ticket>),
    /// A customer summary (per customer or grouped).
    Summary(Box<super::summary::SummaryData>),
}

/// One file read: its records and its account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parsed {
    pub records: Records,
    pub account: InputAccount,
    /// Reviews carried by the same file: an orders file with a rating column (one wide file,
    /// as small shops keep it), each rated order one review.
    pub reviews: Option<crate::model::Reviews>,
    /// Complaints carried by the same file (an orders file with a complaint column).
    pub tickets: Option<Vec<crate::dataset::Ticket>>,
}

/// Refuses a file of `len` bytes above the reading option `max_file_mb` (default
/// [`DEFAULT_MAX_FILE_MB`]) with an error naming the file. The command line and the page check
/// the size before they load the file, so a file too large is never held in memory.
///
/// ```
/// use loyalty_scorecard::input::{check_size, ReadOptions};
/// let one_mb = ReadOptions { max_file_mb: Some(1.0), ..ReadOptions::default() };
/// assert!(check_size("big.csv", 2_000_000, &one_mb).unwrap_err().to_string().contains("big.csv"));
/// assert!(check_size("small.csv", 999_999, &one_mb).is_ok());
/// ```
pub fn check_size(name: &str, len: u64, opts: &ReadOptions) -> Result<(), Error> {
    opts.check_bounds()?;
    let max_mb = opts.max_file_mb.unwrap_or(DEFAULT_MAX_FILE_MB);
    if !(max_mb.is_finite() && max_mb > 0.0 && max_mb <= 1e6) {
        return Err(Error::InvalidOption { option: "max_file_mb", message: format!("{max_mb} is outside the allowed range above 0 to 1000000 (megabytes)") });
    }
    let mb = len as f64 / 1e6;
    if mb > max_mb {
        return Err(Error::Format {
            file: name.to_string(),
            message: format!(
                "the file is {mb:.0} MB; at most {max_mb} MB are read (reading option max_file_mb). For a shop this large, summarise the orders with the SQL in sql/ and give the customer summary"
            ),
        });
    }
    Ok(())
}

/// Reads one file of any kind.
///
/// The kind is `opts.kind`, else `file.kind`. `progress` is called with the fraction of the
/// file processed (0 to 1), at most about every 1%, and with 1.0 at the end.
///
/// # Errors
/// The file as a whole cannot be used: empty, header only, not text, undecodable, wrong kind,
/// a required column missing (the message lists the columns found and the accepted names),
/// broken CSV quoting, broken JSON or workbook, or an invalid option. Single bad rows are not
/// errors: they are counted and listed in the account.
///
/// ```
/// use loyalty_scorecard::input::{read_input, InputFile, InputKind, ReadOptions, Records};
/// let csv = "rating,body,reviewer_email\n5,great,a@x.com\nfive,?,b@x.com\n";
/// let p = read_input(&InputFile::new("r.csv", InputKind::Reviews, csv.as_bytes()), &ReadOptions::default(), &mut |_| {}).unwrap();
/// let Records::Reviews(r) = &p.records else { panic!() };
/// assert_eq!((r.len(), p.account.rows_read, p.account.rows_rejected), (1, 2, 1));
/// ```
pub fn read_input(file: &InputFile<'_>, opts: &ReadOptions, progress: &mut dyn FnMut(f64)) -> Result<Parsed, Error> {
    // A converted file's size was checked before it was converted (its UTF-8 text can be longer).
    if file.converted.is_none() {
        check_size(&file.name, file.bytes.len() as u64, opts)?;
    }
    let mut kind = opts.kind.unwrap_or(file.kind);
    // A summary handed over as orders (CLI --orders, a dropped file) is read as a summary.
    let mut as_summary = false;
    if kind == InputKind::Orders && opts.kind.is_none() && looks_like_summary(file, opts) {
        kind = InputKind::Summary;
        as_summary = true;
    }
    let mut progress = Progress::new(progress);
    let parsed = match kind {
        InputKind::Orders => super::orders::read(file, opts, &mut progress)?,
        InputKind::Reviews => super::reviews::read(file, opts, &mut progress)?,
        InputKind::Surveys => super::surveys::read(file, opts, &mut progress)?,
        InputKind::Tickets => super::tickets::read(file, opts, &mut progress)?,
        InputKind::Summary => super::summary::read(file, opts, &mut progress)?,
    };
    let mut parsed = parsed;
    if as_summary {
        parsed.account.notes.push(crate::messages::Note::SummaryFromHeader);
    }
    progress.done();
    debug_assert!(parsed.account.balanced());
    Ok(parsed)
}

fn looks_like_summary(file: &InputFile<'_>, opts: &ReadOptions) -> bool {
    let Ok(source) = open_source(file, opts) else { return false };
    source.table().is_ok_and(|t| super::summary::is_summary_header(&t.headers))
}

/// The source of `file` read with `opts`: the file's bytes, or what the second module made of
/// them ([`InputFile::converted`]).
pub(crate) fn open_source<'a>(file: &InputFile<'a>, opts: &ReadOptions) -> Result<Source<'a>, Error> {
    match file.converted {
        Some(c) => Source::open_converted(&file.name, file.bytes, c, &opts.table_options()),
        None => Source::open(&file.name, file.bytes, &opts.table_options()),
    }
}

/// The kind of a file from its header (and, failing that, its name): `None` when neither says.
pub fn detect_kind(name: &str, bytes: &[u8], opts: &ReadOptions) -> Option<InputKind> {
    detect_kind_of(&InputFile::new(name, InputKind::Orders, bytes), opts)
}

/// [`detect_kind`] of a file that may have been converted.
pub(crate) fn detect_kind_of(file: &InputFile<'_>, opts: &ReadOptions) -> Option<InputKind> {
    let source = open_source(file, opts).ok()?;
    let table = source.table().ok()?;
    if super::summary::is_summary_header(&table.headers) {
        return Some(InputKind::Summary);
    }
    // A file naming a customer, an order date and a total is an orders file, whatever else it
    // carries (ratings, complaints: one wide file).
    if has_all_order_fields(&table.headers) {
        return Some(InputKind::Orders);
    }
    let (best, score) = kind_scores(&table.headers).into_iter().max_by_key(|(_, s)| *s)?;
    (score > 0).then_some(best)
}

/// How many headers point at each kind.
pub(crate) fn kind_scores(headers: &[String]) -> [(InputKind, usize); 5] {
    let norm: Vec<String> = headers.iter().map(|h| columns::normalize(h)).collect();
    let count = |contains: &[&str], exact: &[&str], prefix: &[&str]| {
        norm.iter().filter(|h| contains.iter().any(|w| h.contains(w)) || exact.contains(&h.as_str()) || prefix.iter().any(|p| h.starts_with(p))).count()
    };
    // Orders: distinctive of an order export.
    let orders = count(
        &[
            "total",
            "amount",
            "金额",
            "金額",
            "revenue",
            "lineitem",
            "financialstatus",
            "实付",
            "實付",
            "coupon",
            "purchasedate",
            "purchasedon",
            "itemprice",
            "gtpurchased",
            "orderstatus",
            "orderdate",
            "invoice",
            "unitprice",
            "auftrag",
            "einzelpreis",
            "zahlungsart",
            "stukprijs",
            "totaal",
            "betaalstatus",
            "montant",
            "importe",
            "totale",
        ],
        &["sales", "price"],
        &[],
    );
    let reviews = count(&["rating", "stars", "评分", "評分", "评价", "評價", "星级", "review", "sterne", "bewertung", "étoiles", "valutazione", "beoordeling", "recensione", "reseña"], &["body"], &[]);
    let surveys = count(
        &["nps", "csat", "recommend", "推荐", "推薦", "respondent", "问卷", "問卷", "kano", "effort", "importance", "expectation", "满意度", "滿意度", "surveytype", "responseid"],
        &["ces", "overall"],
        &["imp", "perf", "exp"],
    );
    let tickets = count(
        &[
            "ticket",
            "工单",
            "工單",
            "投诉",
            "投訴",
            "complaint",
            "resolved",
            "solved",
            "firstresponse",
            "firstreply",
            "解决时间",
            "解決時間",
            "conversation",
            "closedat",
            "contactreason",
            "requester",
            "mailbox",
        ],
        &[],
        &[],
    );
    let summary = count(&["frequency", "recency", "monetaryvalue", "calibrationend", "timeunit"], &["t"], &[]);
    [(InputKind::Orders, orders), (InputKind::Reviews, reviews), (InputKind::Surveys, surveys), (InputKind::Tickets, tickets), (InputKind::Summary, summary)]
}

pub(crate) fn kind_name(k: InputKind) -> &'static str {
    match k {
        InputKind::Orders => "orders",
        InputKind::Reviews => "reviews",
        InputKind::Surveys => "survey",
        InputKind::Tickets => "tickets",
        InputKind::Summary => "summary",
    }
}

/// Progress reporting, rate-limited to about every 1%.
pub(crate) struct Progress<'p> {
    f: &'p mut dyn FnMut(f64),
    last: f64,
    lo: f64,
    hi: f64,
}

impl<'p> Progress<'p> {
    fn new(f: &'p mut dyn FnMut(f64)) -> Self {
        Progress { f, last: -1.0, lo: 0.0, hi: 1.0 }
    }
    /// The next passes report within [lo, hi].
    pub(crate) fn span(&mut self, lo: f64, hi: f64) {
        self.lo = lo;
        self.hi = hi;
    }
    pub(crate) fn at(&mut self, fraction: f64) {
        let v = self.lo + (self.hi - self.lo) * fraction.clamp(0.0, 1.0);
        if v - self.last >= 0.01 {
            self.last = v;
            (self.f)(v);
        }
    }
    fn done(&mut self) {
        if self.last < 1.0 {
            self.last = 1.0;
            (self.f)(1.0);
        }
    }
}

/// Whether and how a field may be found.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Pattern {
    None,
    Date,
    Money,
    Email,
}

pub(crate) struct FieldDef {
    pub spec: &'static FieldSpec,
    pub required: bool,
    pub pattern: Pattern,
    /// Sets of fields that together stand in for this one when no column is named for it (a
    /// line's amount; or its quantity and unit price, for the order total); a set keeps its
    /// columns only when all of its fields have one.
    pub instead: &'static [&'static [&'static str]],
    /// Looked for as a required field (by header, then by values), but a file without it is
    /// still read: the figures that need it are not computed (an orders file without money).
    pub may_lack: bool,
}

pub(crate) const fn req(spec: &'static FieldSpec, pattern: Pattern) -> FieldDef {
    FieldDef { spec, required: true, pattern, instead: &[], may_lack: false }
}
pub(crate) const fn opt(spec: &'static FieldSpec) -> FieldDef {
    FieldDef { spec, required: false, pattern: Pattern::None, instead: &[], may_lack: false }
}
/// [`req`], unless every field of one set of `instead` has a column.
pub(crate) const fn req_or(spec: &'static FieldSpec, pattern: Pattern, instead: &'static [&'static [&'static str]]) -> FieldDef {
    FieldDef { spec, required: true, pattern, instead, may_lack: false }
}
/// [`req_or`], and a file with neither is read without it ([`FieldDef::may_lack`]).
pub(crate) const fn wanted_or(spec: &'static FieldSpec, pattern: Pattern, instead: &'static [&'static [&'static str]]) -> FieldDef {
    FieldDef { spec, required: true, pattern, instead, may_lack: true }
}

/// A file opened for one kind: its source, header, the first rows, and the account so far.
pub(crate) struct Opened<'a> {
    pub source: Source<'a>,
    pub headers: Vec<String>,
    pub sample: Vec<Vec<String>>,
    pub account: InputAccount,
}

const SAMPLE_ROWS: usize = 200;

pub(crate) fn open<'a>(file: &InputFile<'a>, opts: &ReadOptions, kind: InputKind) -> Result<Opened<'a>, Error> {
    let source = open_source(file, opts)?;
    let mut table = source.table()?;
    let headers = table.headers.clone();
    if headers.iter().all(|h| h.is_empty()) {
        return Err(Error::EmptyFile { file: file.name.clone() });
    }
    let mut sample = Vec::new();
    let mut cells = Cells::new();
    let mut any = false;
    while let Some(ev) = table.next_row(&file.name, &mut cells)? {
        any = true;
        if ev.problem.is_none() {
            sample.push(cells.to_vec());
        }
        if sample.len() >= SAMPLE_ROWS {
            break;
        }
    }
    if !any {
        return Err(Error::NoRows { file: file.name.clone() });
    }
    let mut account = InputAccount::new(&file.name, kind, &source);
    account.headers = headers.clone();
    if let Some(k) = opts.kind.filter(|k| *k != file.kind) {
        account.notes.push(crate::messages::Note::KindFromOption { kind: kind_name(k) });
    }
    // Wrong kind: nothing points at the requested kind, something points at another. Only with
    // a header, and not when the mapping names the columns.
    if source.header && opts.mapping.is_none() {
        let scores = kind_scores(&headers);
        let own = scores.iter().find(|(k, _)| *k == kind).map_or(0, |s| s.1);
        if let Some((other, n)) = scores.iter().filter(|(k, _)| *k != kind).max_by_key(|(_, s)| *s) {
            if own == 0 && *n > 0 && !(kind == InputKind::Orders && has_all_order_fields(&headers)) {
                return Err(Error::WrongKind { file: file.name.clone(), expected: kind_name(kind), found: kind_name(*other), columns: headers.join(", ") });
            }
        }
    }
    Ok(Opened { source, headers, sample, account })
}

fn has_all_order_fields(headers: &[String]) -> bool {
    [&columns::CUSTOMER, &columns::ORDER_DATE, &columns::TOTAL].iter().all(|s| headers.iter().any(|h| columns::score(h, s) >= 0.9))
}

/// Finds the column named by a mapping value: exact text, then case/space-insensitive, then a
/// 1-based column number.
fn find_mapped(headers: &[String], want: &str) -> Option<usize> {
    let w = want.trim();
    headers
        .iter()
        .position(|h| h == w)
        .or_else(|| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(w)))
        .or_else(|| headers.iter().position(|h| columns::normalize(h) == columns::normalize(w) && !columns::normalize(w).is_empty()))
        .or_else(|| {
            let n: usize = w.trim_start_matches('#').trim_start_matches("column").trim().parse().ok()?;
            (1..=headers.len()).contains(&n).then(|| n - 1)
        })
}

fn pattern_share(sample: &[Vec<String>], col: usize, p: Pattern) -> f64 {
    let vals: Vec<&str> = sample.iter().filter_map(|r| r.get(col)).map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if vals.len() < 2 {
        return 0.0;
    }
    let ok = vals
        .iter()
        .filter(|v| match p {
            Pattern::Date => parse_date_raw(v).is_some() && !v.bytes().all(|b| b.is_ascii_digit()) || (v.len() == 8 && parse_date_raw(v).is_some()),
            Pattern::Money => parse_money(v).is_some() && v.contains(['.', ',']),
            Pattern::Email => v.contains('@') && v.contains('.'),
            Pattern::None => false,
        })
        .count();
    ok as f64 / vals.len() as f64
}

/// Maps fields to columns; records the choice in the account.
///
/// # Errors
/// A mapping naming an unknown field or a column not in the file; a required field without a
/// column ([`Error::MissingColumn`], listing the columns found and the accepted names).
pub(crate) fn resolve(o: &mut Opened<'_>, defs: &[FieldDef], opts: &ReadOptions) -> Result<Vec<Option<usize>>, Error> {
    let file = o.account.file.clone();
    let headers = &o.headers;
    let mut chosen: Vec<Option<(usize, f64, &'static str)>> = vec![None; defs.len()];
    let mut off = vec![false; defs.len()];
    let mut used = vec![false; headers.len()];
    if let Some(map) = &opts.mapping {
        for (field, col) in map {
            let Some(i) = defs.iter().position(|d| d.spec.field == field.trim()) else {
                // Fields of other kinds are ignored (one mapping object may serve several files).
                if all_fields().contains(&field.trim()) {
                    continue;
                }
                return Err(Error::InvalidOption { option: "mapping", message: format!("unknown field '{field}' (fields: {})", defs.iter().map(|d| d.spec.field).collect::<Vec<_>>().join(", ")) });
            };
            match col {
                None => off[i] = true,
                Some(c) if c.trim().is_empty() => off[i] = true,
                Some(c) => {
                    let idx = find_mapped(headers, c)
                        .ok_or_else(|| Error::InvalidOption { option: "mapping", message: format!("{file}: {field} -> '{c}': no such column (found: {})", headers.join(", ")) })?;
                    chosen[i] = Some((idx, 1.0, "mapping"));
                    used[idx] = true;
                }
            }
        }
    }
    // Header names: best score first, each column used once.
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    for (d, def) in defs.iter().enumerate() {
        if chosen[d].is_some() || off[d] {
            continue;
        }
        for (c, h) in headers.iter().enumerate() {
            let s = columns::score(h, def.spec);
            if s > 0.0 {
                cands.push((s, d, c));
            }
        }
    }
    crate::fast::sort_stable(&mut cands, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    // Columns named for a field whose values do not fit it, or that lost to a better one.
    let mut passed: Vec<(usize, usize, evidence::Why)> = Vec::new();
    let round = |s: f64| (s * 100.0).round() / 100.0;
    // The order date: of the columns named for it that hold dates, the earliest (a payment or
    // shipping date comes after the sale).
    if let Some(d) = defs.iter().position(|x| x.spec.field == "order_date").filter(|d| chosen[*d].is_none() && !off[*d]) {
        let mut dated: Vec<(f64, usize)> = cands.iter().filter(|x| x.1 == d && !used[x.2] && evidence::fits(Expect::Date, &o.sample, x.2).is_ok()).map(|x| (x.0, x.2)).collect();
        // Columns named exactly for the order date before those that only contain a name (a
        // customer's account creation, customer.created_at, is earlier than any order).
        if dated.iter().any(|x| x.0 >= 0.9) {
            dated.retain(|x| x.0 >= 0.9 || !headers[x.1].contains('.'));
        }
        if dated.len() > 1 {
            let cols: Vec<usize> = dated.iter().map(|x| x.1).collect();
            let (best, later) = evidence::earliest(&o.sample, &cols);
            let s = dated.iter().find(|x| x.1 == best).map_or(0.6, |x| x.0);
            chosen[d] = Some((best, round(s), "header (earliest date)"));
            used[best] = true;
            for (c, share) in later {
                passed.push((d, c, evidence::Why::Later { than: headers[best].clone(), share }));
            }
        }
    }
    for (s, d, c) in cands {
        if chosen[d].is_none() && !used[c] {
            // A column named exactly for a date or amount field is kept even when many of its
            // values do not read (those rows are rejected one by one, with the reason); a
            // partial name must be borne out by the values. A customer key never is an amount,
            // a date or one placeholder on every row, whatever its name; nor is a discount code
            // an amount or a rate (Superstore's "Discount": 0, 0.2, 0.45).
            let expect = evidence::expect(defs[d].spec.field);
            if matches!(expect, Expect::Key | Expect::Code) || s < 0.9 {
                if let Err(why) = evidence::fits(expect, &o.sample, c) {
                    passed.push((d, c, why));
                    continue;
                }
            }
            chosen[d] = Some((c, round(s), if s >= 0.9 { "header" } else { "header (partial)" }));
            used[c] = true;
        }
    }
    // A field with stand-ins and no column of its own: the stand-ins keep their columns when
    // all have one (the field is then not missing); otherwise they give them back, and the
    // field is looked for by its values as any other.
    let position = |field: &str| defs.iter().position(|x| x.spec.field == field);
    let mut stood_in = vec![false; defs.len()];
    for (d, def) in defs.iter().enumerate() {
        if def.instead.is_empty() || chosen[d].is_some() || off[d] {
            continue;
        }
        let complete = |set: &[&str]| set.iter().all(|f| position(f).is_some_and(|i| chosen[i].is_some()));
        if def.instead.iter().any(|set| complete(set)) {
            stood_in[d] = true;
        } else {
            for i in def.instead.iter().flat_map(|set| set.iter()).filter_map(|f| position(f)) {
                if let Some((c, _, how)) = chosen[i] {
                    if how != "mapping" {
                        used[c] = false;
                        chosen[i] = None;
                    }
                }
            }
        }
    }
    // Value patterns for required fields still missing.
    for (d, def) in defs.iter().enumerate() {
        if chosen[d].is_some() || off[d] || !def.required || def.pattern == Pattern::None || stood_in[d] {
            continue;
        }
        let fitting: Vec<(usize, f64)> = (0..headers.len())
            .filter(|c| !used[*c])
            .map(|c| (c, pattern_share(&o.sample, c, def.pattern)))
            .filter(|(c, share)| *share >= 0.8 && evidence::fits(evidence::expect(def.spec.field), &o.sample, *c).is_ok())
            .collect();
        // Of several date columns the earliest; otherwise the best share (ties: the first).
        let best = if def.pattern == Pattern::Date && fitting.len() > 1 {
            let (c, _) = evidence::earliest(&o.sample, &fitting.iter().map(|x| x.0).collect::<Vec<_>>());
            fitting.iter().copied().find(|x| x.0 == c)
        } else {
            fitting.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        };
        if let Some((c, share)) = best {
            chosen[d] = Some((c, (share * 50.0).round() / 100.0, "values"));
            used[c] = true;
            o.account.warnings.push(crate::messages::Note::ColumnFromValues { column: headers[c].clone(), field: def.spec.field });
        }
    }
    // A column chosen for a field while another column has the same name (two "Total"
    // columns, an export pasted beside another): say which one is read.
    for (d, chosen_col) in chosen.iter().enumerate() {
        let Some((c, _, how)) = chosen_col else { continue };
        let name = headers[*c].trim();
        if name.is_empty() || *how == "mapping" {
            continue;
        }
        if let Some(other) = headers.iter().enumerate().position(|(k, h)| k != *c && !used[k] && h.trim().eq_ignore_ascii_case(name)) {
            o.account.warnings.push(crate::messages::Note::SameName { name: name.to_string(), field: defs[d].spec.field, read: c + 1, other: other + 1 });
        }
    }
    for (d, c, reason) in &passed {
        o.account.passed_over.push(PassedOver { field: defs[*d].spec.field, column: headers[*c].clone(), why: reason.clone(), reason: reason.to_string() });
    }
    for (d, def) in defs.iter().enumerate() {
        if def.required && def.may_lack && chosen[d].is_none() && !stood_in[d] {
            o.account.fields_missing.push(def.spec.field);
        } else if def.required && chosen[d].is_none() && !stood_in[d] {
            let why: Vec<String> = passed.iter().filter(|p| p.0 == d).map(|(_, c, r)| format!("'{}' was not taken: {r}", headers[*c])).collect();
            return Err(Error::MissingColumn {
                file,
                field: def.spec.field,
                found: if why.is_empty() { headers.join(", ") } else { format!("{}; {}", headers.join(", "), why.join("; ")) },
                accepted: if def.spec.field == "customer_id" {
                    // An order report without buyers (Amazon's All Orders report, since Amazon
                    // stopped giving sellers the buyer's e-mail): say what the file lacks.
                    format!(
                        "{}; no phone or name column either: this report does not say who bought, and the scorecard measures customers (export a report that names the buyer, or name the column with the mapping option)",
                        columns::accepted(def.spec)
                    )
                } else {
                    format!("{} (or name the column with the mapping option)", columns::accepted(def.spec))
                },
            });
        }
        if off[d] {
            o.account.fields_off.push(def.spec.field);
        }
        if let Some((c, confidence, how)) = chosen[d] {
            o.account.columns.push(ColumnUse { field: def.spec.field, column: headers[c].clone(), confidence, how });
        }
    }
    Ok(chosen.into_iter().map(|c| c.map(|x| x.0)).collect())
}

/// The fields a kind of file can map, with whether each is required (surveys: the respondent,
/// customer and date columns; question columns are mapped by `question_kinds`; a customer
/// summary has fixed column names and nothing to map).
pub fn kind_fields(kind: InputKind) -> Vec<(&'static str, bool)> {
    let defs = match kind {
        InputKind::Orders => super::orders::FIELDS,
        InputKind::Reviews => super::reviews::FIELDS,
        InputKind::Surveys => super::surveys::FIELDS,
        InputKind::Tickets => super::tickets::FIELDS,
        InputKind::Summary => &[],
    };
    defs.iter().map(|d| (d.spec.field, d.required && !d.may_lack)).collect()
}

/// The column names of a file as it would be read with `opts` (the header row, or `1`, `2`, ...
/// without one), for a form that lets the user pick the columns.
///
/// # Errors
/// As [`read_input`] for a file that cannot be opened as a table.
pub fn file_headers(file: &InputFile<'_>, opts: &ReadOptions) -> Result<Vec<String>, Error> {
    let source = open_source(file, opts)?;
    Ok(source.table()?.headers)
}

fn all_fields() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Vec::new();
    for defs in [super::orders::FIELDS, super::reviews::FIELDS, super::surveys::FIELDS, super::tickets::FIELDS] {
        v.extend(defs.iter().map(|d| d.spec.field));
    }
    v
}

/// Decides the day/month order of each date column from the whole column. Reads the file once
/// more only when the first rows hold dates like 05/01/2024.
pub(crate) fn date_orders(o: &mut Opened<'_>, cols: &[Option<usize>], opts: &ReadOptions, progress: &mut Progress<'_>) -> Result<Vec<DateOrder>, Error> {
    let idx: Vec<usize> = cols.iter().flatten().copied().collect();
    let has_pairs = |c: usize| o.sample.iter().any(|r| r.get(c).and_then(|v| parse_date_raw(v)).is_some_and(|d| matches!(d, RawDate::Pair { .. })));
    let scan: Vec<usize> = idx.iter().copied().filter(|&c| has_pairs(c)).collect();
    let mut votes = vec![DateVotes::default(); o.headers.len()];
    if !scan.is_empty() {
        progress.span(0.0, 0.3);
        let mut t: Table<'_> = o.source.table()?;
        let mut cells = Cells::new();
        while let Some(ev) = t.next_row(&o.account.file, &mut cells)? {
            if ev.problem.is_none() {
                for &c in &scan {
                    if let Some(raw) = parse_date_raw(&cells[c]) {
                        votes[c].add(raw);
                    }
                }
            }
            progress.at(t.fraction());
        }
        progress.span(0.3, 1.0);
    }
    let mut out = vec![opts.date_order.unwrap_or(DateOrder::DayFirst); o.headers.len()];
    for &c in &scan {
        let (order, warning) = votes[c].decide(&o.headers[c], opts.date_order);
        out[c] = order;
        o.account.date_order.get_or_insert(order);
        if let Some(w) = warning {
            o.account.warnings.push(w);
        }
    }
    if opts.date_order.is_some() && o.account.date_order.is_none() {
        o.account.date_order = opts.date_order;
    }
    Ok(out)
}

/// Optional cells that could not be read: counted, and summarised as warnings at the end.
#[derive(Default)]
pub(crate) struct Ignored {
    by_column: BTreeMap<String, (usize, Vec<usize>, String, crate::messages::CellWant)>,
}

impl Ignored {
    pub(crate) fn add(&mut self, column: &str, row: usize, value: &str, want: crate::messages::CellWant) {
        let e = self.by_column.entry(column.to_string()).or_insert_with(|| (0, Vec::new(), value.to_string(), want));
        e.0 += 1;
        if e.1.len() < 5 {
            e.1.push(row);
        }
    }
    pub(crate) fn finish(self, account: &mut InputAccount) {
        for (column, (n, rows, value, want)) in self.by_column {
            account.cells_ignored += n;
            account.warnings.push(crate::messages::Note::CellsIgnored { column, n, rows, value, want });
        }
    }
}

/// A trimmed cell, or `None` when blank.
pub(crate) fn cell_opt(cells: &Cells, col: Option<usize>) -> Option<&str> {
    col.and_then(|c| cells.get(c)).map(super::text::trim).filter(|s| !s.is_empty())
}

/// Reads an optional date cell; unreadable cells are ignored (and counted).
pub(crate) fn opt_date(cells: &Cells, col: Option<usize>, orders: &[DateOrder], headers: &[String], row: usize, ignored: &mut Ignored) -> Option<chrono::NaiveDate> {
    let c = col?;
    let v = cell_opt(cells, Some(c))?;
    // A placeholder date (1900-01-01, 9999-12-31) is no date: as an order date is, it is read
    // only from 1995 to 2099.
    match parse_date_raw(v).and_then(|r| r.resolve(orders[c])) {
        Some(d) if super::fields::plausible_order_date(d) => Some(d),
        Some(_) => {
            ignored.add(&headers[c], row, v, crate::messages::CellWant::PlausibleDate);
            None
        }
        None => {
            ignored.add(&headers[c], row, v, crate::messages::CellWant::Date);
            None
        }
    }
}
