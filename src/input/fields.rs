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
    let s = cell.trim();
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

/// Reads a money amount: `1234.5`, `1,234.50`, `€ 12.30`, `¥88`, `12,30` (decimal comma),
/// `1.234,50`, `(12.00)` (accounting negative) and `-12`.
///
/// ```
/// use loyalty_scorecard::input::fields::parse_money;
/// assert_eq!(parse_money("$1,234.50"), Some(1234.5));
/// assert_eq!(parse_money("1.234,50 €"), Some(1234.5));
/// assert_eq!(parse_money("12,30"), Some(12.3));
/// assert_eq!(parse_money("(7.00)"), Some(-7.0));
/// assert_eq!(parse_money("n/a"), None);
/// ```
pub fn parse_money(cell: &str) -> Option<f64> {
    let mut s = cell.trim();
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = &s[1..s.len() - 1];
    }
    let is_symbol = |c: char| {
        matches!(c, '$' | '€' | '£' | '¥' | '￥' | '元' | '円' | ' ' | '\u{a0}') || c.is_ascii_alphabetic()
    };
    s = s.trim_matches(is_symbol);
    if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        s = rest.trim_start_matches(is_symbol);
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
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
            if s.matches('.').count() > 1 { None } else { Some('.') }
        }
        (None, Some(c)) => {
            // "1,234" (three digits after a single comma) is grouping; "12,30" is decimal.
            if s.matches(',').count() > 1 || s.len() - c - 1 == 3 { None } else { Some(',') }
        }
        (None, None) => None,
    };
    let mut clean = String::with_capacity(s.len());
    for ch in s.chars() {
        if Some(ch) == decimal {
            clean.push('.');
        } else if ch.is_ascii_digit() {
            clean.push(ch);
        }
    }
    let v: f64 = clean.parse().ok()?;
    Some(if negative { -v } else { v })
}

#[cfg(test)]
mod tests {
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
    }
}
