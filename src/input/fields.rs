//! Cell parsers: dates and money.

use chrono::NaiveDate;

/// Reads the calendar date at the start of a cell.
///
/// Accepted: `2024-01-05`, `2024-01-05T10:30:00Z` / `2024-01-05 10:30:00 +0800` (the date as
/// written; the time and offset are ignored), `2024/1/5`, `2024.1.5`, `20240105` and
/// `2024年1月5日`. Day-first and month-first dates (`05/01/2024`) are ambiguous and not accepted.
///
/// ```
/// use chrono::NaiveDate;
/// use loyalty_scorecard::input::fields::parse_date;
/// let d = NaiveDate::from_ymd_opt(2024, 1, 5).unwrap();
/// assert_eq!(parse_date("2024年1月5日"), Some(d));
/// assert_eq!(parse_date("2024-01-05T23:59:00-05:00"), Some(d));
/// assert_eq!(parse_date("05/01/2024"), None);
/// ```
pub fn parse_date(cell: &str) -> Option<NaiveDate> {
    let s = super::text::trim(cell);
    let bytes = s.as_bytes();
    if bytes.len() >= 8 && bytes[..8].iter().all(u8::is_ascii_digit) && (bytes.len() == 8 || !bytes[8].is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
        return NaiveDate::from_ymd_opt(n(0..4)? as i32, n(4..6)?, n(6..8)?);
    }
    let mut parts = [0u32; 3];
    let mut idx = 0;
    let mut digits = 0;
    let mut end = s.len();
    for (i, ch) in s.char_indices() {
        if ch.is_ascii_digit() {
            if digits == 0 && idx == 3 {
                end = i;
                break;
            }
            parts[idx.min(2)] = parts[idx.min(2)].checked_mul(10)?.checked_add(ch as u32 - '0' as u32)?;
            digits += 1;
        } else if digits > 0 && idx < 3 && matches!(ch, '-' | '/' | '.' | '年' | '月' | '日') {
            // Year must have 4 digits, month and day 1-2.
            if (idx == 0 && digits != 4) || (idx > 0 && digits > 2) {
                return None;
            }
            idx += 1;
            digits = 0;
            if idx == 3 {
                end = i + ch.len_utf8();
                break;
            }
        } else if digits > 0 && idx == 2 {
            if digits > 2 {
                return None;
            }
            idx = 3;
            end = i;
            break;
        } else {
            return None;
        }
    }
    if idx == 2 && digits > 0 && digits <= 2 {
        idx = 3;
    }
    if idx != 3 {
        return None;
    }
    // What follows the date must be a time part, not more date.
    let rest = s[end..].trim_start_matches(['T', ' ', '日']);
    if !rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(parts[0] as i32, parts[1], parts[2])
}

/// The month a month name or abbreviation stands for (1-12), in the languages shops export in:
/// English, German, French, Spanish, Italian, Dutch and Portuguese (lower case, without the
/// abbreviation's dot).
fn month_of_name(w: &str) -> Option<u32> {
    const NAMES: [&[&str]; 12] = [
        &["jan", "january", "januar", "jänner", "janv", "janvier", "ene", "enero", "gen", "gennaio", "januari", "janeiro"],
        &["feb", "february", "februar", "févr", "fevr", "février", "fevrier", "febrero", "febbraio", "februari", "fev", "fevereiro"],
        &["mar", "march", "mär", "mrz", "märz", "maerz", "mars", "marzo", "mrt", "maart", "março", "marco"],
        &["apr", "april", "avr", "avril", "abr", "abril", "aprile"],
        &["may", "mai", "mayo", "mag", "maggio", "mei", "maio"],
        &["jun", "june", "juni", "juin", "junio", "giu", "giugno", "junho"],
        &["jul", "july", "juli", "juil", "juillet", "julio", "lug", "luglio", "julho"],
        &["aug", "august", "août", "aout", "ago", "agosto", "augustus"],
        &["sep", "sept", "september", "septembre", "set", "septiembre", "settembre", "setembro"],
        &["oct", "october", "okt", "oktober", "octobre", "octubre", "ott", "ottobre", "out", "outubro"],
        &["nov", "november", "novembre", "noviembre", "novembro"],
        &["dec", "december", "dez", "dezember", "déc", "décembre", "decembre", "dic", "diciembre", "dicembre", "dezembro"],
    ];
    let w = w.to_lowercase();
    NAMES.iter().position(|names| names.contains(&w.as_str())).map(|m| m as u32 + 1)
}

/// A date written with the month's name: `Oct 7, 2023 14:05:09 PM` (Magento), `Sep-07-26`
/// (eBay: month, day, two-digit year), `7 Oct 2023`, `21. Nov. 2025, 11:26 Uhr`,
/// `12 mars 2024`; a leading weekday (`Mon, Oct 7, 2023`) is skipped. What follows the year
/// must be a time (or nothing), so a product name with a month in it is not a date.
fn parse_month_name_date(s: &str) -> Option<NaiveDate> {
    // Tokens (is a number, text, end offset): runs of digits and runs of letters; anything
    // else separates them. Four at most: a weekday, the month, the day and the year.
    let mut tokens: Vec<(bool, &str, usize)> = Vec::with_capacity(4);
    let mut start: Option<(usize, bool)> = None;
    for (i, ch) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let (digit, letter) = (ch.is_ascii_digit(), ch.is_alphabetic());
        if let Some((b, was_digit)) = start {
            if (was_digit && digit) || (!was_digit && letter) {
                continue;
            }
            tokens.push((was_digit, &s[b..i], i));
            start = None;
            if tokens.len() == 4 {
                break;
            }
        }
        if digit || letter {
            start = Some((i, digit));
        }
    }
    // A leading weekday name.
    if tokens.len() == 4 && !tokens[0].0 && month_of_name(tokens[0].1).is_none() {
        tokens.remove(0);
    }
    let (a, b, c) = (tokens.first()?, tokens.get(1)?, tokens.get(2)?);
    let num = |t: &(bool, &str, usize)| if t.0 && t.1.len() <= 4 { t.1.parse::<u32>().ok() } else { None };
    let (month, day, year_tok) = match (a.0, b.0) {
        (false, true) => (month_of_name(a.1)?, num(b)?, c),
        (true, false) => (month_of_name(b.1)?, num(a)?, c),
        _ => return None,
    };
    let year = match (year_tok.0, year_tok.1.len()) {
        (true, 4) => year_tok.1.parse::<i32>().ok()?,
        // Two digits: 95-99 are the 1990s, the rest this century.
        (true, 2) => {
            let y = year_tok.1.parse::<i32>().ok()?;
            if y >= 90 {
                1900 + y
            } else {
                2000 + y
            }
        }
        _ => return None,
    };
    // After the year: nothing, or a time (digits and a colon), or a clock word.
    let rest = s[year_tok.2..].trim_start_matches([' ', ',', 'T', '.']);
    let time_like = rest.is_empty()
        || rest.split_once(':').is_some_and(|(h, _)| !h.is_empty() && h.len() <= 2 && h.bytes().all(|b| b.is_ascii_digit()))
        || ["uhr", "am", "pm", "utc", "gmt"].iter().any(|w| rest.to_lowercase().starts_with(w));
    if !time_like {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Whether an order date (or a review's, a ticket's, a delivery's) can be real: from 1995 (the
/// first web shops) to the end of 2099.
/// Anything else is a placeholder (9999-12-31, 1900-01-01, 1970-01-01 from a zero timestamp) or
/// a typo, and as the latest order it would become the analysis date and stretch every window.
pub fn plausible_order_date(d: NaiveDate) -> bool {
    NaiveDate::from_ymd_opt(1995, 1, 1).is_some_and(|lo| d >= lo) && NaiveDate::from_ymd_opt(2100, 1, 1).is_some_and(|hi| d < hi)
}

/// The largest amount read as money (a thousand billion): beyond it a cell is a typo or a
/// column of ids, and it would swamp every total.
pub const MAX_MONEY: f64 = 1e12;

/// Letters that may stand beside an amount: a currency's symbol or its code (three capital
/// letters, `USD`), or one of the written forms shops use.
fn currency_word(w: &str) -> bool {
    const WORDS: [&str; 14] = ["US$", "HK$", "NT$", "A$", "C$", "S$", "R$", "RM", "Rs", "Rp", "kr", "zł", "Kč", "lei"];
    (w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase())) || WORDS.contains(&w)
}

/// Reads a money amount: `1234.5`, `1,234.50`, `€ 12.30`, `¥88`, `USD 12`, `12 kr`, `12,30`
/// (decimal comma), `1.234,50`, `(12.00)` and `12.00-` (accounting negatives), `-12` and
/// `−12` (the minus sign). Other letters next
/// to the number (`12abc`) make it no amount, and so do amounts beyond [`MAX_MONEY`].
///
/// ```
/// use loyalty_scorecard::input::fields::parse_money;
/// assert_eq!(parse_money("$1,234.50"), Some(1234.5));
/// assert_eq!(parse_money("1.234,50 €"), Some(1234.5));
/// assert_eq!(parse_money("EUR 12.30"), Some(12.3));
/// assert_eq!(parse_money("12,30"), Some(12.3));
/// assert_eq!(parse_money("(7.00)"), Some(-7.0));
/// assert_eq!(parse_money("7,00-"), Some(-7.0));
/// assert_eq!(parse_money("\u{2212}7"), Some(-7.0));
/// assert_eq!(parse_money("-"), None);
/// assert_eq!(parse_money("n/a"), None);
/// assert_eq!(parse_money("12abc"), None);
/// assert_eq!(parse_money(&"9".repeat(400)), None);
/// ```
pub fn parse_money(cell: &str) -> Option<f64> {
    let mut s = super::text::trim(cell);
    // The usual amount (digits with at most one decimal point, `122.99`) reads as it is: the
    // steps below would leave it unchanged.
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.') && s.bytes().filter(|b| *b == b'.').count() <= 1 {
        return s.parse::<f64>().ok().filter(|v| v.is_finite() && *v <= MAX_MONEY);
    }
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = &s[1..s.len() - 1];
    }
    let is_symbol = |c: char| matches!(c, '$' | '€' | '£' | '¥' | '￥' | '元' | '円' | '₹' | '₩' | '₽' | '₺' | '฿' | '₫' | '₱' | ' ' | '\u{a0}');
    // A currency word at either end (letters, possibly with a '$'): "USD 12", "12 kr".
    let is_word = |c: char| c.is_alphabetic() || c == '$';
    s = s.trim_matches(is_symbol);
    let lead = s.find(|c: char| !is_word(c)).unwrap_or(s.len());
    if lead > 0 && s[..lead].chars().any(char::is_alphabetic) {
        if !currency_word(&s[..lead]) {
            return None;
        }
        s = &s[lead..];
    }
    let tail = s.rfind(|c: char| !is_word(c)).map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    if tail < s.len() && s[tail..].chars().any(char::is_alphabetic) {
        if !currency_word(&s[tail..]) {
            return None;
        }
        s = &s[..tail];
    }
    s = s.trim_matches(is_symbol);
    if let Some(rest) = s.strip_prefix(['-', '\u{2212}']) {
        negative = !negative;
        s = rest.trim_start_matches(is_symbol);
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
    } else if let Some(rest) = s.strip_suffix('-').filter(|r| r.ends_with(|c: char| c.is_ascii_digit())) {
        // A trailing minus, as accounting exports (SAP, DATEV) write credits: "5.00-".
        negative = !negative;
        s = rest.trim_end_matches(is_symbol);
    }
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',' || b == b'\'' || b == b' ') {
        return None;
    }
    let last_dot = s.rfind('.');
    let last_comma = s.rfind(',');
    let decimal = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c { '.' } else { ',' }),
        (Some(_), None) => {
            // "1.234.567" is grouping; "12.5" is decimal.
            if s.matches('.').count() > 1 {
                None
            } else {
                Some('.')
            }
        }
        (None, Some(c)) => {
            // "1,234" (three digits after a single comma) is grouping; "12,30" is decimal.
            if s.matches(',').count() > 1 || s.len() - c - 1 == 3 {
                None
            } else {
                Some(',')
            }
        }
        (None, None) => None,
    };
    // The digits and the decimal point, without grouping marks (s is ASCII here). Amounts fit a
    // stack buffer; a longer cell (hundreds of digits) goes through a string.
    let mut buf = [0u8; 64];
    let mut len = 0;
    let mut long = String::new();
    for b in s.bytes() {
        let out = if Some(b as char) == decimal {
            b'.'
        } else if b.is_ascii_digit() {
            b
        } else {
            continue;
        };
        if len < buf.len() {
            buf[len] = out;
            len += 1;
        } else {
            if long.is_empty() {
                long.push_str(std::str::from_utf8(&buf).ok()?);
            }
            long.push(out as char);
        }
    }
    let clean = if long.is_empty() { std::str::from_utf8(&buf[..len]).ok()? } else { long.as_str() };
    let v: f64 = clean.parse().ok().filter(|v: &f64| v.is_finite() && *v <= MAX_MONEY)?;
    Some(if negative { -v } else { v })
}

/// Order of day and month in dates like `05/01/2024`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `05/01/2024` is 5 January.
    DayFirst,
    /// `05/01/2024` is 1 May.
    MonthFirst,
}

/// A date cell read before the column's day/month order is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawDate {
    /// An unambiguous date (ISO, `YYYY/M/D`, `YYYYMMDD`, Chinese, Excel serial, Unix seconds).
    Date(NaiveDate),
    /// `a/b/year` (or with `.` / `-`): day and month order decided per column.
    Pair { a: u32, b: u32, year: i32 },
}

impl RawDate {
    /// The date under the given order (`None` when it does not exist, e.g. 13/13/2024).
    pub fn resolve(self, order: DateOrder) -> Option<NaiveDate> {
        match self {
            RawDate::Date(d) => Some(d),
            RawDate::Pair { a, b, year } => match order {
                DateOrder::DayFirst => NaiveDate::from_ymd_opt(year, b, a),
                DateOrder::MonthFirst => NaiveDate::from_ymd_opt(year, a, b),
            },
        }
    }
}

/// The time of day in a date-time cell, in hours since midnight: `2024-04-02 21:24`,
/// `2024-04-03T10:33:46+02:00`, `04/03/2024 07:17:37 AM`, `2024/4/5 11:57:06`. `None` without
/// one (a date alone). Zone offsets are not applied (the cells of one file share a zone).
///
/// ```
/// use loyalty_scorecard::input::fields::time_of_day;
/// assert_eq!(time_of_day("2024-04-02 21:24"), Some(21.4));
/// assert_eq!(time_of_day("04/03/2024 07:30:00 PM"), Some(19.5));
/// assert_eq!(time_of_day("2024-04-03T12:00:00+02:00"), Some(12.0));
/// assert_eq!(time_of_day("12/01/2024 12:15 AM"), Some(0.25));
/// assert_eq!(time_of_day("2024-04-02"), None);
/// assert_eq!(time_of_day("2024-04-02 9:15 p.m."), Some(21.25));
/// assert_eq!(time_of_day("2024-04-02 12:30:00 America/Panama"), Some(12.5));
/// assert_eq!(time_of_day("4/3/2024 9:05:00 PM GMT+2"), Some(21.0 + 5.0 / 60.0));
/// assert_eq!(time_of_day("02/04/2024 09:15 p. m."), Some(21.25));
/// ```
pub fn time_of_day(cell: &str) -> Option<f64> {
    let s = cell.trim();
    let b = s.as_bytes();
    // The first h:mm after a space or a T (not the start: a date comes first).
    let colon = (1..b.len()).find(|&i| {
        b[i] == b':' && b.get(i + 1).is_some_and(u8::is_ascii_digit) && b.get(i + 2).is_some_and(u8::is_ascii_digit) && {
            let start = if i >= 2 && b[i - 2].is_ascii_digit() { i - 2 } else { i - 1 };
            b[i - 1].is_ascii_digit() && start > 0 && matches!(b[start - 1], b' ' | b'T' | b',')
        }
    })?;
    let start = if colon >= 2 && b[colon - 2].is_ascii_digit() { colon - 2 } else { colon - 1 };
    let hours: f64 = s[start..colon].parse().ok()?;
    let minutes: f64 = s[colon + 1..colon + 3].parse().ok()?;
    let seconds: f64 = if b.get(colon + 3) == Some(&b':') { s.get(colon + 4..colon + 6).and_then(|v| v.parse().ok()).unwrap_or(0.0) } else { 0.0 };
    if hours > 23.0 || minutes > 59.0 || seconds > 60.0 {
        return None;
    }
    // "AM"/"PM" (also "a.m.", "p. m.") right after the time, not any "am" later in the cell
    // ("America/Panama").
    let rest = s[colon + 3..].trim_start_matches(|c: char| c.is_ascii_digit() || c == ':');
    let mut words = rest.split_whitespace().map(|w| w.trim_end_matches('.').replace('.', "").to_ascii_lowercase());
    let after = match (words.next(), words.next()) {
        (Some(a), Some(m)) if (a == "a" || a == "p") && m == "m" => format!("{a}m"),
        (Some(w), _) => w,
        _ => String::new(),
    };
    let hours = match after.as_str() {
        "pm" if hours < 12.0 => hours + 12.0,
        "am" if hours == 12.0 => 0.0,
        _ => hours,
    };
    Some(hours + minutes / 60.0 + seconds / 3600.0)
}

/// Reads a date cell without deciding day/month order. Besides [`parse_date`]: `05/01/2024`,
/// `5.1.2024`, `05-01-24` (two-digit years are 20xx), each optionally followed by a time; Excel
/// serial day numbers (`45296`, `45296.4375`: 1954-2119) and Unix time (9-10 digits: seconds,
/// 13 digits: milliseconds).
///
/// ```
/// use loyalty_scorecard::input::fields::{parse_date_raw, DateOrder, RawDate};
/// let r = parse_date_raw("05/01/2024 10:00").unwrap();
/// assert_eq!(r.resolve(DateOrder::DayFirst).unwrap().to_string(), "2024-01-05");
/// assert_eq!(r.resolve(DateOrder::MonthFirst).unwrap().to_string(), "2024-05-01");
/// assert_eq!(parse_date_raw("45296"), parse_date_raw("2024-01-05"));
/// assert_eq!(parse_date_raw("1704412800"), parse_date_raw("2024-01-05"));
/// ```
pub fn parse_date_raw(cell: &str) -> Option<RawDate> {
    let s = super::text::trim(cell);
    if s.is_empty() {
        return None;
    }
    // A file's rows are mostly in date order, so a date cell is usually one of the last few
    // read (the order date, the delivery date …): those are looked up instead of parsed again.
    if s.len() <= MEMO_BYTES {
        return DATE_MEMO.with(|m| {
            let mut m = m.borrow_mut();
            if let Some(hit) = m.find(s) {
                return hit;
            }
            let parsed = parse_date_uncached(s);
            m.put(s, parsed);
            parsed
        });
    }
    parse_date_uncached(s)
}

/// Longest date cell remembered by [`parse_date_raw`].
const MEMO_BYTES: usize = 31;

/// The last few date cells parsed on this thread and what they gave (round-robin).
struct DateMemo {
    cells: [([u8; MEMO_BYTES], u8, Option<RawDate>); 4],
    used: usize,
    next: usize,
}

impl DateMemo {
    fn find(&self, s: &str) -> Option<Option<RawDate>> {
        self.cells[..self.used].iter().find(|(b, n, _)| &b[..*n as usize] == s.as_bytes()).map(|c| c.2)
    }

    fn put(&mut self, s: &str, parsed: Option<RawDate>) {
        let slot = &mut self.cells[self.next];
        slot.0[..s.len()].copy_from_slice(s.as_bytes());
        slot.1 = s.len() as u8;
        slot.2 = parsed;
        self.next = (self.next + 1) % self.cells.len();
        self.used = (self.used + 1).min(self.cells.len());
    }
}

thread_local! {
    static DATE_MEMO: std::cell::RefCell<DateMemo> = const { std::cell::RefCell::new(DateMemo { cells: [([0; MEMO_BYTES], 0, None); 4], used: 0, next: 0 }) };
}

/// [`parse_date_raw`] of a trimmed, non-empty cell, without the memo.
fn parse_date_uncached(s: &str) -> Option<RawDate> {
    if let Some(d) = parse_date(s) {
        return Some(RawDate::Date(d));
    }
    if s.as_bytes()[0].is_ascii_alphabetic() || s.contains(|c: char| c.is_alphabetic()) {
        if let Some(d) = parse_month_name_date(s) {
            return Some(RawDate::Date(d));
        }
    }
    let b = s.as_bytes();
    // Plain numbers: Excel serial days or Unix time.
    if b[0].is_ascii_digit() && b.iter().all(|c| c.is_ascii_digit() || *c == b'.') && b.iter().filter(|&&c| c == b'.').count() <= 1 {
        let int_len = b.iter().position(|&c| c == b'.').unwrap_or(b.len());
        let v: f64 = s.parse().ok()?;
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
        return match int_len {
            5 if (20000.0..80000.0).contains(&v) => {
                let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
                base.checked_add_days(chrono::Days::new(v.floor() as u64)).map(RawDate::Date)
            }
            9 | 10 if int_len == b.len() => epoch.checked_add_days(chrono::Days::new((v / 86400.0).floor() as u64)).map(RawDate::Date),
            13 if int_len == b.len() => epoch.checked_add_days(chrono::Days::new((v / 86_400_000.0).floor() as u64)).map(RawDate::Date),
            _ => None,
        };
    }
    // a/b/year
    let mut nums = [0u32; 3];
    let mut lens = [0usize; 3];
    let mut idx = 0;
    let mut sep: Option<char> = None;
    let mut end = s.len();
    for (i, ch) in s.char_indices() {
        if ch.is_ascii_digit() {
            if lens[idx] >= 4 {
                return None;
            }
            nums[idx] = nums[idx] * 10 + (ch as u32 - '0' as u32);
            lens[idx] += 1;
        } else if matches!(ch, '/' | '.' | '-') && idx < 2 && lens[idx] > 0 {
            if sep.is_some_and(|p| p != ch) {
                return None;
            }
            sep = Some(ch);
            idx += 1;
        } else if idx == 2 && lens[2] > 0 && matches!(ch, ' ' | 'T' | ',') {
            end = i;
            break;
        } else {
            return None;
        }
    }
    if idx != 2 || lens[0] > 2 || lens[1] > 2 || !(lens[2] == 2 || lens[2] == 4) {
        return None;
    }
    let rest = s[end..].trim_start_matches([' ', 'T', ',']);
    if !rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let year = if lens[2] == 2 { 2000 + nums[2] as i32 } else { nums[2] as i32 };
    let (a, b) = (nums[0], nums[1]);
    if a == 0 || b == 0 || a > 31 || b > 31 || (a > 12 && b > 12) {
        return None;
    }
    Some(RawDate::Pair { a, b, year })
}

/// Evidence about one date column's day/month order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateVotes {
    /// Cells only valid day-first (first number above 12).
    pub day_first: usize,
    /// Cells only valid month-first (second number above 12).
    pub month_first: usize,
    /// Cells valid both ways (both numbers 12 or less, and different).
    pub ambiguous: usize,
}

impl DateVotes {
    pub fn add(&mut self, raw: RawDate) {
        if let RawDate::Pair { a, b, .. } = raw {
            if a > 12 {
                self.day_first += 1;
            } else if b > 12 {
                self.month_first += 1;
            } else if a != b {
                self.ambiguous += 1;
            }
        }
    }

    /// The order for the column and, when the evidence is not clear-cut, a warning.
    pub fn decide(&self, column: &str, forced: Option<DateOrder>) -> (DateOrder, Option<crate::messages::Note>) {
        if let Some(o) = forced {
            return (o, None);
        }
        match (self.day_first, self.month_first) {
            (0, 0) if self.ambiguous == 0 => (DateOrder::DayFirst, None),
            (0, 0) => (DateOrder::DayFirst, Some(crate::messages::Note::DatesAmbiguous { column: column.to_string(), n: self.ambiguous })),
            (d, 0) => {
                let _ = d;
                (DateOrder::DayFirst, None)
            }
            (0, _) => (DateOrder::MonthFirst, None),
            (d, m) => {
                let order = if m > d { DateOrder::MonthFirst } else { DateOrder::DayFirst };
                (order, Some(crate::messages::Note::DatesMixed { column: column.to_string(), day_first: d, month_first: m, month_first_read: order == DateOrder::MonthFirst }))
            }
        }
    }
}

/// Reads a count or a number of days / hours: `5`, `3.5`, `5 days`, `5天`, `48h`.
pub fn parse_number(cell: &str) -> Option<f64> {
    let s = super::text::trim(cell);
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+' || c == ',')).unwrap_or(s.len());
    let (num, rest) = s.split_at(end);
    let rest = rest.trim();
    const UNITS: [&str; 12] = ["d", "day", "days", "天", "日", "h", "hr", "hrs", "hour", "hours", "小时", "小時"];
    if num.is_empty() || !(rest.is_empty() || UNITS.iter().any(|u| rest.eq_ignore_ascii_case(u))) {
        return None;
    }
    // A decimal comma is read as a point (no allocation for the usual number without one).
    let v = if num.contains(',') { num.replace(',', ".").parse::<f64>() } else { num.parse::<f64>() };
    v.ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_with_month_names() {
        use chrono::NaiveDate;
        let d = |y, m, day| Some(super::RawDate::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap()));
        for (cell, want) in [
            ("Oct 7, 2023 14:05:09 PM", d(2023, 10, 7)),
            ("Jan 15, 2024", d(2024, 1, 15)),
            ("Sep-07-26", d(2026, 9, 7)),
            ("Sep-30-26 23:45:00", d(2026, 9, 30)),
            ("7 Oct 2023", d(2023, 10, 7)),
            ("21. Nov. 2025, 11:26 Uhr", d(2025, 11, 21)),
            ("3. März 2024", d(2024, 3, 3)),
            ("12 mars 2024", d(2024, 3, 12)),
            ("1 août 2024 10:00", d(2024, 8, 1)),
            ("Mon, Oct 7, 2023", d(2023, 10, 7)),
            ("October 31, 2024", d(2024, 10, 31)),
            ("7-Dez-2023", d(2023, 12, 7)),
        ] {
            assert_eq!(super::parse_date_raw(cell), want, "{cell}");
        }
        // Not dates: a month name in other text, an impossible day, no year.
        for cell in ["May 2 pack 2024", "Mug 2 2024", "Feb 30, 2024", "Oct 7", "March madness 2024", "Order 7 of 2024"] {
            assert_eq!(super::parse_date_raw(cell), None, "{cell}");
        }
    }

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2024-01-05"), d(2024, 1, 5));
        assert_eq!(parse_date(" 2024-1-5 "), d(2024, 1, 5));
        assert_eq!(parse_date("2024/1/5 08:30"), d(2024, 1, 5));
        assert_eq!(parse_date("2024-01-05 10:30:00 +0800"), d(2024, 1, 5));
        assert_eq!(parse_date("2024-01-05T10:30:00Z"), d(2024, 1, 5));
        assert_eq!(parse_date("20240105"), d(2024, 1, 5));
        assert_eq!(parse_date("2024.01.05"), d(2024, 1, 5));
        assert_eq!(parse_date("2024年1月5日"), d(2024, 1, 5));
        assert_eq!(parse_date("2024年1月5日 12:00"), d(2024, 1, 5));
        for bad in ["", "2024-13-01", "2024-02-30", "05/01/2024", "1/5/24", "yesterday", "2024-01", "202401051", "24-01-05"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn money() {
        assert_eq!(parse_money("10"), Some(10.0));
        assert_eq!(parse_money("10.5"), Some(10.5));
        assert_eq!(parse_money("1,234"), Some(1234.0));
        assert_eq!(parse_money("1 234,56"), Some(1234.56));
        assert_eq!(parse_money("EUR 99.90"), Some(99.9));
        assert_eq!(parse_money("￥88.00"), Some(88.0));
        assert_eq!(parse_money("-5.25"), Some(-5.25));
        assert_eq!(parse_money("$-5"), Some(-5.0));
        for bad in ["", "abc", "1-2", "--"] {
            assert_eq!(parse_money(bad), None, "{bad}");
        }
        assert_eq!(parse_money("USD 12"), Some(12.0));
        assert_eq!(parse_money("-12.50 EUR"), Some(-12.5));
        // Past the 64-byte stack buffer: the same reading, by way of a string.
        let long = format!("{}1.25", "0".repeat(100));
        assert_eq!(parse_money(&long), Some(1.25));
        assert_eq!(parse_money(&format!("1{}", "0".repeat(400))), None);
        assert_eq!(parse_number("3,5 days"), Some(3.5));
        assert_eq!(parse_number("4 Days"), Some(4.0));
        assert_eq!(parse_number("2 weeks"), None);
    }

    #[test]
    fn raw_dates_and_votes() {
        let p = |s| parse_date_raw(s);
        assert_eq!(p("13/01/2024").unwrap().resolve(DateOrder::DayFirst), d(2024, 1, 13));
        assert_eq!(p("13/01/2024").unwrap().resolve(DateOrder::MonthFirst), None);
        assert_eq!(p("1/5/24").unwrap().resolve(DateOrder::MonthFirst), d(2024, 1, 5));
        assert_eq!(p("45296.5"), Some(RawDate::Date(d(2024, 1, 5).unwrap())));
        assert_eq!(p("1704412800000"), Some(RawDate::Date(d(2024, 1, 5).unwrap())));
        for bad in ["", "13/13/2024", "1/2", "abc", "12345678901", "1/2/345"] {
            assert_eq!(p(bad), None, "{bad}");
        }
        let mut v = DateVotes::default();
        v.add(p("05/01/2024").unwrap());
        assert!(v.decide("d", None).1.is_some());
        v.add(p("01/25/2024").unwrap());
        assert_eq!(v.decide("d", None), (DateOrder::MonthFirst, None));
        assert_eq!(parse_number("5 days"), Some(5.0));
        assert_eq!(parse_number("48h"), Some(48.0));
        assert_eq!(parse_number("x"), None);
    }
}
