//! Reviews reader: one rating (1-5, other scales converted) per row, with optional text, order
//! id, customer, product and date. Judge.me / Shopify Product Reviews / Chinese marketplace
//! headers.

use super::columns;
use super::read::{self, cell_opt, opt, opt_date, req, FieldDef, Ignored, Parsed, Pattern, Progress, ReadOptions, Records};
use super::table::Cells;
use super::table::RowProblem;
use super::{InputAccount, InputFile, InputKind, RejectReason};
use crate::model::ReviewRef;
use crate::Error;

pub(crate) const FIELDS: &[FieldDef] = &[
    req(&columns::RATING, Pattern::None),
    opt(&columns::REVIEW_ID),
    opt(&columns::LINK_ORDER_ID),
    opt(&columns::REVIEW_CUSTOMER),
    opt(&columns::REVIEW_PRODUCT),
    opt(&columns::REVIEW_DATE),
    opt(&columns::REVIEW_TITLE),
    opt(&columns::REVIEW_TEXT),
];
const RATING: usize = 0;
const ID: usize = 1;
const ORDER: usize = 2;
const CUSTOMER: usize = 3;
const PRODUCT: usize = 4;
const DATE: usize = 5;
const TITLE: usize = 6;
const TEXT: usize = 7;

/// A rating cell: the value and, when written as `x/y`, its scale.
///
/// Accepted: `4`, `4.5`, `4/5`, `8/10`, `★★★★☆`, `4 stars`, `4星`, `4 星`, and Taobao's `好评` / `中评` /
/// `差评` (5, 3 and 1 of 5).
pub fn parse_rating(cell: &str) -> Option<(f64, Option<f64>)> {
    let s = cell.trim();
    let stars = s.chars().filter(|&c| c == '★' || c == '⭐').count();
    if stars > 0 && s.chars().all(|c| matches!(c, '★' | '☆' | '⭐' | ' ')) {
        return Some((stars as f64, Some(5.0)));
    }
    if let Some((a, b)) = s.split_once('/') {
        let (a, b): (f64, f64) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
        return (b > 0.0 && a >= 0.0 && a <= b).then_some((a, Some(b)));
    }
    // Taobao / Tmall rate an order 好评 / 中评 / 差评 (good, neutral, poor): 5, 3 and 1 stars.
    match s {
        "好评" | "好評" => return Some((5.0, Some(5.0))),
        "中评" | "中評" => return Some((3.0, Some(5.0))),
        "差评" | "差評" => return Some((1.0, Some(5.0))),
        _ => {}
    }
    super::text::with_lowercase(s, |lower| {
        let num = lower.trim_end_matches("stars").trim_end_matches("star").trim_end_matches('星').trim();
        let parsed = match num.contains(',') {
            true => num.replace(',', ".").parse::<f64>(),
            false => num.parse::<f64>(),
        };
        parsed.ok().filter(|v| v.is_finite()).map(|v| (v, None))
    })
}

/// A rating cell on 1-5: plain numbers from 1 to 5, or `x/y`, stars and the like converted.
pub(crate) fn rating_on_five(cell: &str) -> Option<f64> {
    match parse_rating(cell)? {
        (v, Some(scale)) => Some(to_five(v, if scale == 5.0 { 1.0 } else { 0.0 }, scale)),
        (v, None) => Some(v),
    }
    .filter(|v| (1.0..=5.0).contains(v))
}

/// Converts a rating on `[lo, hi]` to 1-5.
fn to_five(v: f64, lo: f64, hi: f64) -> f64 {
    if hi == 5.0 && lo >= 1.0 {
        v
    } else {
        1.0 + (v - lo) * 4.0 / (hi - lo)
    }
}

/// Text a marketplace writes in place of a review the buyer did not write (Taobao's
/// 此用户没有填写评价。, a default praise given when the buyer did not rate in time): not the
/// customer's words.
fn platform_filler(text: &str) -> bool {
    let t = text.trim();
    // Every filler is Chinese: ASCII text is never one (checked at the speed of a scan).
    !t.is_ascii()
        && ["没有填写评价", "沒有填寫評價", "未填写评价", "未填寫評價", "系统默认好评", "系統默認好評", "系统默认评价", "系統默認評價", "未及时做出评价", "未及時做出評價"]
            .iter()
            .any(|w| t.contains(w))
}

pub(crate) fn read(file: &InputFile<'_>, opts: &ReadOptions, progress: &mut Progress<'_>) -> Result<Parsed, Error> {
    let mut o = read::open(file, opts, InputKind::Reviews)?;
    let cols = read::resolve(&mut o, FIELDS, opts)?;
    let date_orders = read::date_orders(&mut o, &[cols[DATE]], opts, progress)?;
    let name = o.account.file.clone();
    let headers = o.headers.clone();
    let rc = cols[RATING].expect("required");
    // The scale of plain numbers, from the whole column.
    let mut max_plain: f64 = 0.0;
    let mut min_plain = f64::INFINITY;
    {
        let mut t = o.source.table()?;
        let mut cells = Cells::new();
        while let Some(ev) = t.next_row(&name, &mut cells)? {
            if ev.problem.is_none() {
                if let Some((v, None)) = cell_opt(&cells, Some(rc)).and_then(parse_rating) {
                    max_plain = max_plain.max(v);
                    min_plain = min_plain.min(v);
                }
            }
        }
    }
    let (lo, hi) = if max_plain <= 5.0 {
        (1.0, 5.0)
    } else if max_plain <= 10.0 {
        (if min_plain < 1.0 { 0.0 } else { 1.0 }, 10.0)
    } else if max_plain <= 100.0 {
        (0.0, 100.0)
    } else {
        (1.0, 5.0)
    };
    let mut account = std::mem::replace(&mut o.account, InputAccount::new(&name, InputKind::Reviews, &o.source));
    if hi != 5.0 {
        account.warnings.push(crate::messages::Note::RatingScale { column: headers[rc].clone(), lo, hi });
    }
    let mut ignored = Ignored::default();
    let mut reviews = crate::model::Reviews::new();
    let mut table = o.source.table()?;
    let mut cells = Cells::new();
    while let Some(ev) = table.next_row(&name, &mut cells)? {
        progress.at(table.fraction());
        let row = ev.row;
        account.rows_read += 1;
        match ev.problem {
            Some(RowProblem::TooManyFields { expected, found }) => {
                account.reject(row, "", RejectReason::TooManyFields { expected, found });
                continue;
            }
            Some(RowProblem::Unreadable { message }) => {
                account.reject(row, "", RejectReason::BadRow { message });
                continue;
            }
            None => {}
        }
        let get = |f: usize| cell_opt(&cells, cols[f]);
        let Some(raw) = cell_opt(&cells, Some(rc)) else {
            account.reject(row, &headers[rc], RejectReason::MissingValue);
            continue;
        };
        let rating = match parse_rating(raw) {
            None => {
                account.reject(row, &headers[rc], RejectReason::BadNumber { value: raw.to_string() });
                continue;
            }
            Some((v, Some(scale))) => to_five(v, if scale == 5.0 { 1.0 } else { 0.0 }, scale),
            Some((v, None)) => {
                if v < lo || v > hi {
                    account.reject(row, &headers[rc], RejectReason::OutOfRange { value: raw.to_string(), min: lo, max: hi });
                    continue;
                }
                to_five(v, lo, hi)
            }
        };
        if !(1.0..=5.0).contains(&rating) {
            account.reject(row, &headers[rc], RejectReason::OutOfRange { value: raw.to_string(), min: 1.0, max: 5.0 });
            continue;
        }
        let joined;
        let text = match (get(TITLE), get(TEXT).filter(|b| !platform_filler(b))) {
            (Some(t), Some(b)) => {
                joined = format!("{t}\n{b}");
                Some(joined.as_str())
            }
            (t, b) => b.or(t),
        };
        let review_id = get(ID);
        // The same review listed again (the file given twice, an export of its edits): one
        // review, counted as merged.
        if let Some(id) = review_id {
            if reviews.has_review_id(id) {
                account.rows_merged += 1;
                account.merged_duplicates += 1;
                continue;
            }
        }
        let date = opt_date(&cells, cols[DATE], &date_orders, &headers, row, &mut ignored);
        reviews.push_ref(ReviewRef { review_id, order_id: get(ORDER), customer_id: get(CUSTOMER), product: get(PRODUCT), rating, date, text, row });
        account.rows_used += 1;
    }
    ignored.finish(&mut account);
    reviews.shrink_to_fit();
    Ok(Parsed { records: Records::Reviews(reviews), account, reviews: None, tickets: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings() {
        assert_eq!(parse_rating("4"), Some((4.0, None)));
        assert_eq!(parse_rating("★★★★☆"), Some((4.0, Some(5.0))));
        assert_eq!(parse_rating("8/10"), Some((8.0, Some(10.0))));
        assert_eq!(parse_rating("中评"), Some((3.0, Some(5.0))));
        assert_eq!(rating_on_five("差评"), Some(1.0));
        assert_eq!(parse_rating("4 stars"), Some((4.0, None)));
        assert_eq!(parse_rating("5星"), Some((5.0, None)));
        assert_eq!(parse_rating("good"), None);
        assert_eq!(to_five(10.0, 0.0, 10.0), 5.0);
        assert_eq!(to_five(0.0, 0.0, 10.0), 1.0);
    }
}
