//! Column choice by evidence: a column whose header names a field is taken for it only when its
//! values fit the field (a customer key is not an amount, a date column holds dates, a total
//! holds amounts), and of several order-date columns the earliest is the order date (a
//! shipping or payment date comes after the sale). Judged on the rows sampled at the start of
//! the file.

use super::fields::{parse_date_raw, parse_money, DateOrder};
use chrono::NaiveDate;
use serde::Serialize;

/// Why a column named for a field was not taken for it (shares are of the sampled values).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Why {
    NotDates {
        share: f64,
        example: String,
    },
    NotAmounts {
        share: f64,
        example: String,
    },
    /// A customer column holding amounts.
    Amounts {
        share: f64,
        example: String,
    },
    /// A customer column holding dates.
    Dates {
        example: String,
    },
    /// One value on nearly every row.
    Placeholder {
        value: String,
        share: f64,
    },
    /// A date column later than the order date taken.
    Later {
        than: String,
        share: f64,
    },
    /// A text column (a review's body or title) holding dates, numbers or codes.
    NotText {
        share: f64,
        example: String,
    },
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::NotDates { share, example } => write!(f, "its values are not dates ({} of the sampled values are; e.g. '{example}')", pct(*share)),
            Why::NotAmounts { share, example } => write!(f, "its values are not amounts ({} of the sampled values are; e.g. '{example}')", pct(*share)),
            Why::Amounts { share, example } => write!(f, "its values look like amounts ({} of the sampled values; e.g. '{example}')", pct(*share)),
            Why::Dates { example } => write!(f, "its values are dates, not customers (e.g. '{example}')"),
            Why::Placeholder { value, share } => write!(f, "one value ('{value}') is on {} of the sampled rows: a placeholder, not a customer key", pct(*share)),
            Why::Later { than, share } if *share == 0.0 => write!(f, "on the same days as '{than}' on the sampled rows (the order date is the earliest; both give the same dates)"),
            Why::Later { than, share } => write!(f, "later than '{than}' on {} of the sampled rows (the order date is the earliest)", pct(*share)),
            Why::NotText { share, example } => write!(f, "its values are dates, numbers or codes, not written text ({} of the sampled values; e.g. '{example}')", pct(*share)),
        }
    }
}

/// What a field's values must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    Any,
    Date,
    Money,
    /// A customer key: not amounts, not dates, not one placeholder value on nearly every row.
    Key,
    /// Written text (a review's body or title): not dates, numbers or codes.
    Text,
    /// A code (a discount code): not amounts.
    Code,
}

/// The expectation of a field, by its name.
pub(crate) fn expect(field: &str) -> Expect {
    match field {
        "customer_id" => Expect::Key,
        "order_date" | "delivered_date" | "shipped_date" | "promised_date" | "opened" | "resolved" => Expect::Date,
        "total" | "refunded" | "adjusted_total" => Expect::Money,
        "text" | "title" => Expect::Text,
        "discount_code" => Expect::Code,
        _ => Expect::Any,
    }
}

/// Fewest sampled values a judgement rests on (fewer: the header alone decides).
const MIN_VALUES: usize = 3;

fn values(sample: &[Vec<String>], c: usize) -> Vec<&str> {
    sample.iter().filter_map(|r| r.get(c)).map(|s| s.trim()).filter(|s| !s.is_empty()).collect()
}

/// A cell as a date (day-first when it could be either; good enough to compare columns).
pub(crate) fn date_of(v: &str) -> Option<NaiveDate> {
    let r = parse_date_raw(v)?;
    r.resolve(DateOrder::DayFirst).or_else(|| r.resolve(DateOrder::MonthFirst))
}

fn share(vals: &[&str], ok: impl Fn(&str) -> bool) -> f64 {
    vals.iter().filter(|v| ok(v)).count() as f64 / vals.len().max(1) as f64
}

fn pct(v: f64) -> String {
    format!("{:.0}%", 100.0 * v)
}

/// A cell that reads as money with cents ("128.00", "59,90") or a fraction ("12.5"); not a
/// whole number written with a point ("17850.0", as a spreadsheet may write an integer id).
fn amount_like(v: &str) -> bool {
    let Some(x) = parse_money(v) else { return false };
    let cents = v.rfind(['.', ',']).is_some_and(|i| v.len() - i - 1 == 2 && v[i + 1..].bytes().all(|b| b.is_ascii_digit()));
    cents || (v.contains(['.', ',']) && x.fract() != 0.0)
}

/// `Err(reason)` when the sampled values of column `c` do not fit `expect`.
pub(crate) fn fits(expect: Expect, sample: &[Vec<String>], c: usize) -> Result<(), Why> {
    let vals = values(sample, c);
    if vals.len() < MIN_VALUES {
        return Ok(());
    }
    let example = vals[0].to_string();
    match expect {
        Expect::Any => Ok(()),
        Expect::Text => {
            // A date, a number, or one token with digits and no space (an id, a hash): not
            // text. Chinese text has no spaces but seldom digits only.
            let code = |v: &str| date_of(v).is_some() || parse_money(v).is_some() || (!v.contains(char::is_whitespace) && v.chars().any(|c| c.is_ascii_digit()) && v.is_ascii());
            let s = share(&vals, code);
            if s >= 0.8 {
                Err(Why::NotText { share: s, example })
            } else {
                Ok(())
            }
        }
        Expect::Code => {
            let amounts = share(&vals, amount_like);
            // Numbers only, some of them fractions or percentages: a discount's rate or amount
            // (Superstore's "Discount": 0, 0.2, 0.45), not a code. (Whole numbers alone may be
            // numeric codes.)
            let number = |v: &str| parse_money(v.trim_end_matches('%')).is_some();
            let fraction = |v: &str| v.ends_with('%') || parse_money(v).is_some_and(|x| x.fract() != 0.0);
            if amounts >= 0.8 {
                Err(Why::Amounts { share: amounts, example })
            } else if vals.iter().all(|v| number(v)) && vals.iter().any(|v| fraction(v)) {
                let example = vals.iter().find(|v| fraction(v)).map_or(example, |v| v.to_string());
                Err(Why::Amounts { share: 1.0, example })
            } else {
                Ok(())
            }
        }
        Expect::Date => {
            let s = share(&vals, |v| date_of(v).is_some());
            if s >= 0.5 {
                Ok(())
            } else {
                Err(Why::NotDates { share: s, example })
            }
        }
        Expect::Money => {
            let s = share(&vals, |v| parse_money(v).is_some());
            if s >= 0.5 {
                Ok(())
            } else {
                Err(Why::NotAmounts { share: s, example })
            }
        }
        Expect::Key => {
            let amounts = share(&vals, amount_like);
            if amounts >= 0.8 {
                return Err(Why::Amounts { share: amounts, example });
            }
            let dates = share(&vals, |v| date_of(v).is_some() && !v.bytes().all(|b| b.is_ascii_digit()));
            if dates >= 0.8 {
                return Err(Why::Dates { example });
            }
            // One value on nearly every row (a "0", "guest" or blank-ish placeholder) keys no
            // customer: judged on at least 20 values.
            if vals.len() >= 20 {
                let mut sorted = vals.clone();
                sorted.sort_unstable();
                let (mut best, mut run, mut top) = (0usize, 0usize, sorted[0]);
                for (i, v) in sorted.iter().enumerate() {
                    run = if i > 0 && sorted[i - 1] == *v { run + 1 } else { 1 };
                    if run > best {
                        best = run;
                        top = v;
                    }
                }
                let s = best as f64 / vals.len() as f64;
                if s >= 0.9 {
                    return Err(Why::Placeholder { value: top.to_string(), share: s });
                }
            }
            Ok(())
        }
    }
}

/// Of several date columns, the one that is earliest on most sampled rows (ties: the first
/// listed), and for each other column the share of rows where it is later than the winner.
pub(crate) fn earliest(sample: &[Vec<String>], cols: &[usize]) -> (usize, Vec<(usize, f64)>) {
    let date = |r: &Vec<String>, c: usize| r.get(c).and_then(|v| date_of(v.trim()));
    // Rows on which each column is the earliest of those with a date (ties count for each).
    let mut wins = vec![0usize; cols.len()];
    for r in sample {
        let ds: Vec<Option<NaiveDate>> = cols.iter().map(|&c| date(r, c)).collect();
        let Some(min) = ds.iter().flatten().min().copied() else { continue };
        for (k, d) in ds.iter().enumerate() {
            if *d == Some(min) {
                wins[k] += 1;
            }
        }
    }
    let best = (0..cols.len()).max_by(|a, b| wins[*a].cmp(&wins[*b]).then(b.cmp(a))).unwrap_or(0);
    let later = cols
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != best)
        .map(|(_, &c)| {
            let (mut both, mut after) = (0usize, 0usize);
            for r in sample {
                if let (Some(w), Some(d)) = (date(r, cols[best]), date(r, c)) {
                    both += 1;
                    after += usize::from(d > w);
                }
            }
            (c, after as f64 / both.max(1) as f64)
        })
        .collect();
    (cols[best], later)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect()
    }

    #[test]
    fn a_customer_is_not_an_amount_a_date_or_a_placeholder() {
        let s = sample(&[&["128.00", "a@x.com", "2024-01-05"], &["59.90", "b@x.com", "2024-01-06"], &["12.50", "c@x.com", "2024-01-07"]]);
        assert!(fits(Expect::Key, &s, 0).unwrap_err().to_string().contains("amounts"));
        assert!(fits(Expect::Key, &s, 1).is_ok());
        assert!(fits(Expect::Key, &s, 2).unwrap_err().to_string().contains("dates"));
        let zeros: Vec<Vec<String>> = (0..30).map(|i| vec![if i == 3 { "17".to_string() } else { "0".to_string() }]).collect();
        assert!(fits(Expect::Key, &zeros, 0).unwrap_err().to_string().contains("'0'"));
        // Whole-number ids are keys, also when a spreadsheet wrote them with ".0".
        let ids: Vec<Vec<String>> = (0..30).map(|i| vec![format!("{}", 1000 + i)]).collect();
        assert!(fits(Expect::Key, &ids, 0).is_ok());
        let floats: Vec<Vec<String>> = (0..30).map(|i| vec![format!("{}.0", 17850 + i)]).collect();
        assert!(fits(Expect::Key, &floats, 0).is_ok());
        assert!(fits(Expect::Date, &s, 1).is_err() && fits(Expect::Money, &s, 1).is_err());
        assert!(fits(Expect::Date, &s, 2).is_ok() && fits(Expect::Money, &s, 0).is_ok());
    }

    #[test]
    fn the_order_date_is_the_earliest() {
        // Etsy: Sale Date, then Date Shipped (later, or empty while unshipped).
        let s = sample(&[&["12/03/23", "12/05/23"], &["12/04/23", ""], &["12/06/23", "12/07/23"]]);
        let (c, later) = earliest(&s, &[1, 0]);
        assert_eq!(c, 0);
        assert_eq!(later, vec![(1, 1.0)]);
    }
}
