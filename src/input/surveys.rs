//! Survey answers: one row per respondent, one column per question. Question kinds come from
//! the header (or the `question_kinds` option), scales from the kind and the values.
//!
//! | header | kind | scale |
//! |---|---|---|
//! | `nps`, `likely to recommend`, `推荐` | NPS | 0-10 |
//! | `csat`, `satisfaction`, `满意` | CSAT | 1-5 (1-7 / 1-10 when the values say so) |
//! | `ces`, `effort`, `费力` | CES | 1-7 (1-5 when the values say so) |
//! | `overall`, `总体`, `整体` | overall | from the values |
//! | `imp_X`, `importance: X`, `X (importance)`, `重要性_X` | importance of X | from the values |
//! | `perf_X`, `performance: X`, `X (performance)`, `表现_X` | performance of X | from the values |
//! | `exp_X`, `expectation: X`, `X (expectation)`, `期望_X` | expectation of X | from the values |
//! | `kano_f_X` / `kano_d_X`, `X (functional)` / `X (dysfunctional)` | Kano pair | 1-5 (or answer words) |
//! | any other numeric column | other | from the values |
//!
//! Text columns (more than a fifth of the cells not numbers) are not questions; they are noted.

use super::columns;
use super::read::{self, cell_opt, opt, opt_date, FieldDef, Ignored, Parsed, Progress, ReadOptions, Records};
use super::table::Cells;
use super::table::RowProblem;
use super::{InputAccount, InputFile, InputKind, RejectReason};
use crate::dataset::Text;
use crate::dataset::{Question, QuestionKind, Survey, SurveyResponse};
use crate::Error;

pub(crate) const FIELDS: &[FieldDef] = &[opt(&columns::RESPONDENT), opt(&columns::SURVEY_CUSTOMER), opt(&columns::SURVEY_DATE)];

fn item_name(s: &str) -> String {
    s.trim().trim_matches(|c: char| matches!(c, ':' | '-' | '_' | '：' | ' ')).to_lowercase().replace(['_', '-'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The kind a header names, if any.
pub fn kind_from_header(header: &str) -> Option<QuestionKind> {
    let h = header.trim();
    let l = h.to_lowercase();
    let n = columns::normalize(h);
    let item = |rest: &str| item_name(rest);
    /// Header forms of one kind of question, and the question they make of an item name.
    type Rule = (&'static [&'static str], fn(String) -> QuestionKind);
    // Prefix forms: imp_X, importance: X, 重要性_X
    let prefixes: [Rule; 5] = [
        (&["kano_f_", "kano_functional_", "kano f "], |i| QuestionKind::KanoFunctional { feature: i }),
        (&["kano_d_", "kano_dysfunctional_", "kano d "], |i| QuestionKind::KanoDysfunctional { feature: i }),
        (&["imp_", "importance:", "importance -", "importance_", "importance of ", "重要性_", "重要性:", "重要性："], |i| QuestionKind::Importance { item: i }),
        (&["perf_", "performance:", "performance -", "performance_", "performance of ", "表现_", "表现:", "表现：", "表現_"], |i| QuestionKind::Performance { item: i }),
        (&["exp_", "expectation:", "expectation -", "expectation_", "expectation of ", "期望_", "期望:", "期望："], |i| QuestionKind::Expectation { item: i }),
    ];
    for (ps, make) in prefixes {
        for p in ps {
            if let Some(rest) = l.strip_prefix(p) {
                if !item(rest).is_empty() {
                    return Some(make(item(rest)));
                }
            }
        }
    }
    // Suffix forms: X (importance), X importance, X重要性
    let suffixes: [Rule; 5] = [
        (&["(functional)", "(kano functional)", "functional"], |i| QuestionKind::KanoFunctional { feature: i }),
        (&["(dysfunctional)", "(kano dysfunctional)", "dysfunctional"], |i| QuestionKind::KanoDysfunctional { feature: i }),
        (&["(importance)", " importance", "重要性"], |i| QuestionKind::Importance { item: i }),
        (&["(performance)", " performance", "表现", "表現"], |i| QuestionKind::Performance { item: i }),
        (&["(expectation)", " expectation", "期望"], |i| QuestionKind::Expectation { item: i }),
    ];
    for (ss, make) in suffixes {
        for s in ss {
            if let Some(rest) = l.strip_suffix(s) {
                if !item(rest).is_empty() && (*s != "functional" || !rest.ends_with("dys")) {
                    return Some(make(item(rest)));
                }
            }
        }
    }
    let has = |ws: &[&str]| ws.iter().any(|w| n.contains(w));
    if n == "nps" || has(&["npsscore", "likelytorecommend", "recommend", "推荐", "推薦", "净推荐"]) {
        return Some(QuestionKind::Nps);
    }
    // A question asking how satisfied the customer was with the order is CSAT, even when it
    // says "overall" (survey tools export the question's wording as the header).
    if has(&["howsatisfied", "satisfiedwith", "rateyourorder", "rateyourpurchase", "满意吗", "滿意嗎", "是否满意", "是否滿意", "满意程度", "滿意程度"]) {
        return Some(QuestionKind::Csat);
    }
    // Satisfaction with this purchase or order (您对本次购物的总体满意度) is CSAT too.
    if has(&["满意", "滿意"]) && has(&["本次", "这次", "這次", "此次", "订单", "訂單", "购物", "購物"]) {
        return Some(QuestionKind::Csat);
    }
    if n == "overall" || has(&["overallsatisfaction", "overall", "总体满意", "整体满意", "總體滿意", "整體滿意", "总体", "整体"]) {
        return Some(QuestionKind::Overall);
    }
    if n == "ces" || has(&["customereffort", "effort", "madeiteasy", "easyto", "howeasy", "easyfor", "费力", "省力", "費力", "容易", "方便地"]) {
        return Some(QuestionKind::Ces);
    }
    if n == "csat" || has(&["csat", "satisfaction", "satisfied", "满意", "滿意"]) {
        return Some(QuestionKind::Csat);
    }
    None
}

/// Parses a `question_kinds` option value.
fn kind_from_option(v: &str) -> Result<Option<QuestionKind>, String> {
    let (k, arg) = v.split_once(':').map_or((v, ""), |(a, b)| (a, b));
    let arg = item_name(arg);
    let need = |arg: String, make: fn(String) -> QuestionKind| if arg.is_empty() { Err(format!("'{v}' needs an item after ':'")) } else { Ok(Some(make(arg))) };
    match k.trim().to_lowercase().as_str() {
        "nps" => Ok(Some(QuestionKind::Nps)),
        "csat" => Ok(Some(QuestionKind::Csat)),
        "ces" => Ok(Some(QuestionKind::Ces)),
        "overall" => Ok(Some(QuestionKind::Overall)),
        "other" => Ok(Some(QuestionKind::Other)),
        "ignore" => Ok(None),
        "importance" => need(arg, |i| QuestionKind::Importance { item: i }),
        "performance" => need(arg, |i| QuestionKind::Performance { item: i }),
        "expectation" => need(arg, |i| QuestionKind::Expectation { item: i }),
        "kano_functional" => need(arg, |i| QuestionKind::KanoFunctional { feature: i }),
        "kano_dysfunctional" => need(arg, |i| QuestionKind::KanoDysfunctional { feature: i }),
        _ => Err(format!(
            "unknown question kind '{v}' (nps, csat, ces, overall, importance:ITEM, performance:ITEM, expectation:ITEM, kano_functional:FEATURE, kano_dysfunctional:FEATURE, other, ignore)"
        )),
    }
}

fn is_blank_answer(s: &str) -> bool {
    super::text::with_lowercase(s.trim(), |l| {
        matches!(
            l,
            "" | "n/a"
                | "na"
                | "-"
                | "none"
                | "don't know"
                | "dont know"
                | "skipped"
                | "(skipped)"
                | "不适用"
                | "不知道"
                | "無"
                | "(跳过)"
                | "跳过"
                | "(跳過)"
                | "跳過"
                | "(空)"
                | "（跳过）"
                | "（空）"
        )
    })
}

/// An answer: a number (also `9 - very likely`), or a Kano answer in words for Kano questions.
pub fn parse_answer(s: &str, kano: bool) -> Option<f64> {
    let t = s.trim();
    let end = t.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' && t.starts_with('-'))).unwrap_or(t.len());
    if end > 0 {
        let rest = t[end..].trim_start();
        if rest.is_empty() || rest.starts_with(['-', '(', ' ', '=', ':', '分']) || !rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            if let Ok(v) = t[..end].parse::<f64>() {
                return Some(v);
            }
        }
    }
    if kano {
        let l = t.to_lowercase();
        let table: [(&[&str], f64); 5] = [
            (&["i like", "like it", "喜欢", "喜歡"], 1.0),
            (&["i expect", "must be", "must-be", "理所当然", "理所當然", "必须"], 2.0),
            (&["neutral", "无所谓", "無所謂", "中立"], 3.0),
            (&["live with", "tolerate", "能忍受", "可以忍受"], 4.0),
            (&["dislike", "不喜欢", "不喜歡"], 5.0),
        ];
        for (words, v) in table {
            if words.iter().any(|w| l.contains(w)) && !(v == 1.0 && l.contains("dislike")) {
                return Some(v);
            }
        }
    }
    None
}

/// A satisfaction answer in words, as survey tools export a labelled 1-5 scale (SurveyMonkey's
/// "Very satisfied" … "Very dissatisfied", 问卷星's 非常满意 … 非常不满意): its point on 1-5.
pub fn satisfaction_label(s: &str) -> Option<f64> {
    super::text::with_lowercase(s.trim(), |l| {
        let l = l.trim_end_matches(['.', '!', '。']);
        Some(match l {
            "very satisfied" | "extremely satisfied" | "completely satisfied" | "非常满意" | "很满意" | "非常滿意" | "很滿意" => 5.0,
            "satisfied" | "somewhat satisfied" | "mostly satisfied" | "fairly satisfied" | "满意" | "比较满意" | "滿意" | "比較滿意" => 4.0,
            "neither satisfied nor dissatisfied" | "neither satisfied or dissatisfied" | "neutral" | "一般" | "中立" | "还行" | "還行" => 3.0,
            "dissatisfied" | "somewhat dissatisfied" | "unsatisfied" | "fairly dissatisfied" | "不满意" | "不太满意" | "比较不满意" | "不滿意" | "不太滿意" | "比較不滿意" => {
                2.0
            }
            "very dissatisfied" | "extremely dissatisfied" | "very unsatisfied" | "completely dissatisfied" | "非常不满意" | "很不满意" | "非常不滿意" | "很不滿意" => 1.0,
            _ => return None,
        })
    })
}

/// An answer to a question of `kind`: a number, a Kano answer in words for a Kano question, a
/// satisfaction label for a CSAT or overall-satisfaction question.
fn answer_of(v: &str, kind: Option<&QuestionKind>) -> Option<f64> {
    let kano = matches!(kind, Some(QuestionKind::KanoFunctional { .. } | QuestionKind::KanoDysfunctional { .. }));
    parse_answer(v, kano).or_else(|| matches!(kind, Some(QuestionKind::Csat | QuestionKind::Overall)).then(|| satisfaction_label(v)).flatten())
}

#[derive(Clone)]
struct Profile {
    numbers: usize,
    texts: usize,
    min: f64,
    max: f64,
}

/// A survey tool's further header lines, read into the header: Qualtrics writes the question
/// codes, then the question texts, then a line of `{"ImportId": …}`; SurveyMonkey writes the
/// questions, then a line naming each column's answer (`Response`, `Open-Ended Response`, a
/// matrix row or a choice). Gives how many data lines were header lines.
fn survey_tool_header(o: &mut read::Opened<'_>) -> usize {
    let import_ids = |row: &[String]| row.iter().filter(|c| c.trim_start().starts_with("{\"ImportId\"")).count();
    if o.sample.len() >= 2 && import_ids(&o.sample[1]) * 2 >= o.sample[1].len().max(1) {
        let texts = o.sample[0].clone();
        for (h, t) in o.headers.iter_mut().zip(&texts) {
            if !t.trim().is_empty() {
                *h = t.trim().to_string();
            }
        }
        o.sample.drain(0..2);
        o.account.headers = o.headers.clone();
        o.account.notes.push(crate::messages::Note::QualtricsHeaders);
        return 2;
    }
    let sub_label = |c: &str| matches!(c.trim().to_lowercase().as_str(), "response" | "open-ended response" | "other (please specify)");
    if let Some(first) = o.sample.first().cloned() {
        let numbers = first.iter().filter(|c| c.trim().parse::<f64>().is_ok()).count();
        if numbers == 0 && first.iter().any(|c| sub_label(c)) {
            let mut carry = String::new();
            for (h, sub) in o.headers.iter_mut().zip(&first) {
                if h.trim().is_empty() {
                    h.clone_from(&carry);
                } else {
                    carry = h.trim().to_string();
                }
                let sub = sub.trim();
                if !sub.is_empty() && !sub_label(sub) {
                    *h = if h.is_empty() { sub.to_string() } else { format!("{h} - {sub}") };
                }
            }
            o.sample.drain(0..1);
            o.account.headers = o.headers.clone();
            o.account.notes.push(crate::messages::Note::SurveyMonkeyHeaders);
            return 1;
        }
    }
    0
}

/// A survey tool's own column (when, from where, how far), not a question.
fn tool_metadata(header: &str) -> bool {
    const META: [&str; 24] = [
        "collectorid",
        "startdate",
        "enddate",
        "ipaddress",
        "firstname",
        "lastname",
        "status",
        "progress",
        "durationinseconds",
        "duration",
        "finished",
        "recordeddate",
        "responseid",
        "responsetype",
        "externalreference",
        "externaldatareference",
        "locationlatitude",
        "locationlongitude",
        "distributionchannel",
        "userlanguage",
        "submittedat",
        "networkid",
        "token",
        "startdateutc",
    ];
    let n = super::columns::normalize(header);
    META.contains(&n.as_str()) || n.starts_with("customdata") || n.starts_with("recipient") && !n.contains("email")
}

pub(crate) fn read(file: &InputFile<'_>, opts: &ReadOptions, progress: &mut Progress<'_>) -> Result<Parsed, Error> {
    let mut o = read::open(file, opts, InputKind::Surveys)?;
    let header_rows = survey_tool_header(&mut o);
    let cols = read::resolve(&mut o, FIELDS, opts)?;
    let date_orders = read::date_orders(&mut o, &[cols[2]], opts, progress)?;
    let name = o.account.file.clone();
    let headers = o.headers.clone();
    let meta: Vec<usize> = cols.iter().flatten().copied().collect();
    // Kinds from headers and the option.
    let mut kinds: Vec<Option<QuestionKind>> = headers.iter().map(|h| kind_from_header(h).or(Some(QuestionKind::Other))).collect();
    let mut forced = vec![false; headers.len()];
    if let Some(map) = &opts.question_kinds {
        for (col, spec) in map {
            let c = headers
                .iter()
                .position(|h| h == col || h.trim().eq_ignore_ascii_case(col.trim()))
                .ok_or_else(|| Error::InvalidOption { option: "question_kinds", message: format!("{name}: no column '{col}' (found: {})", headers.join(", ")) })?;
            kinds[c] = kind_from_option(spec).map_err(|message| Error::InvalidOption { option: "question_kinds", message })?;
            forced[c] = true;
        }
    }
    // Profile every candidate column over the whole file.
    let mut prof = vec![Profile { numbers: 0, texts: 0, min: f64::INFINITY, max: f64::NEG_INFINITY }; headers.len()];
    {
        let mut t = o.source.table()?;
        let mut cells = Cells::new();
        let mut skip = header_rows;
        while let Some(ev) = t.next_row(&name, &mut cells)? {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if ev.problem.is_some() {
                continue;
            }
            for (c, p) in prof.iter_mut().enumerate() {
                let v = &cells[c];
                if meta.contains(&c) || is_blank_answer(v) {
                    continue;
                }
                match answer_of(v, kinds[c].as_ref()) {
                    Some(x) => {
                        p.numbers += 1;
                        p.min = p.min.min(x);
                        p.max = p.max.max(x);
                    }
                    None => p.texts += 1,
                }
            }
        }
    }
    // One bare "Score" (Delighted) or "Answer" (AskNicely) column: its kind from the file's "Survey type"
    // column when it has one, else from the values (0 or above 7: NPS's 0-10; 1-5: CSAT).
    let survey_type = headers.iter().position(|h| columns::normalize(h) == "surveytype");
    for (c, h) in headers.iter().enumerate() {
        if forced[c] || !matches!(kinds[c], Some(QuestionKind::Other)) || !matches!(columns::normalize(h).as_str(), "score" | "answer") || prof[c].numbers == 0 {
            continue;
        }
        let p = &prof[c];
        let typed = survey_type.and_then(|t| o.sample.iter().find_map(|r| r.get(t).map(|v| v.trim().to_lowercase()).filter(|v| !v.is_empty())));
        let kind = match typed.as_deref() {
            Some("nps") => QuestionKind::Nps,
            Some("csat") => QuestionKind::Csat,
            Some("ces") => QuestionKind::Ces,
            _ if p.min >= 0.0 && p.max <= 10.0 && (p.min < 1.0 || p.max > 7.0) => QuestionKind::Nps,
            _ if p.min >= 1.0 && p.max <= 5.0 => QuestionKind::Csat,
            _ => continue,
        };
        let what = match kind {
            QuestionKind::Nps => "NPS",
            QuestionKind::Csat => "CSAT",
            _ => "CES",
        };
        o.account.notes.push(crate::messages::Note::QuestionKindRead { column: h.to_string(), kind: what, typed: typed.is_some() });
        kinds[c] = Some(kind);
    }
    let mut account = std::mem::replace(&mut o.account, InputAccount::new(&name, InputKind::Surveys, &o.source));
    let mut questions: Vec<(usize, Question)> = Vec::new();
    for (c, h) in headers.iter().enumerate() {
        if meta.contains(&c) {
            continue;
        }
        if tool_metadata(h) && !forced[c] {
            account.notes.push(crate::messages::Note::ToolColumn { column: h.to_string() });
            continue;
        }
        let Some(kind) = kinds[c].clone() else {
            account.notes.push(crate::messages::Note::ColumnOff { column: h.to_string() });
            continue;
        };
        let p = &prof[c];
        if p.numbers == 0 || (p.texts * 5 > p.numbers + p.texts && !forced[c] && matches!(kind, QuestionKind::Other)) {
            account.notes.push(crate::messages::Note::TextColumn { column: h.to_string() });
            continue;
        }
        let observed = |lo_default: f64| -> (f64, f64) {
            let lo = if p.min < 1.0 { p.min.min(0.0) } else { lo_default };
            let hi = if p.max <= 5.0 {
                5.0
            } else if p.max <= 7.0 {
                7.0
            } else if p.max <= 10.0 {
                10.0
            } else {
                p.max
            };
            (lo, hi)
        };
        let (min, max) = match &kind {
            QuestionKind::Nps => (0.0, 10.0),
            QuestionKind::Csat => {
                let (lo, hi) = observed(1.0);
                if hi != 5.0 || lo != 1.0 {
                    account.warnings.push(crate::messages::Note::AnswerScale { column: h.to_string(), kind: "CSAT", max: p.max, lo, hi });
                }
                (lo, hi)
            }
            QuestionKind::Ces => {
                let (lo, hi) = observed(1.0);
                let hi = if hi <= 5.0 { 5.0 } else { hi.max(7.0) };
                if hi != 7.0 {
                    account.warnings.push(crate::messages::Note::AnswerScale { column: h.to_string(), kind: "CES", max: p.max, lo, hi });
                }
                (lo, hi)
            }
            QuestionKind::KanoFunctional { .. } | QuestionKind::KanoDysfunctional { .. } => (1.0, 5.0),
            _ => observed(1.0),
        };
        if matches!(kind, QuestionKind::Other) && !forced[c] {
            account.notes.push(crate::messages::Note::UnknownQuestion { column: h.to_string(), min, max });
        }
        questions.push((c, Question { name: h.clone(), kind, min, max }));
    }
    if questions.is_empty() {
        return Err(Error::MissingColumn {
            file: name,
            field: "survey question",
            found: headers.join(", "),
            accepted: "columns of scores such as nps, csat, ces, overall, imp_X / perf_X / exp_X, kano_f_X / kano_d_X".into(),
        });
    }
    let mut ignored = Ignored::default();
    let mut responses = Vec::new();
    // The response of each (respondent id, date) seen (a response listed twice is merged).
    let mut seen: crate::fast::Map<(String, Option<chrono::NaiveDate>), usize> = crate::fast::Map::default();
    let mut table = o.source.table()?;
    let mut cells = Cells::new();
    let mut skip = header_rows;
    'rows: while let Some(ev) = table.next_row(&name, &mut cells)? {
        progress.at(table.fraction());
        if skip > 0 {
            skip -= 1;
            continue;
        }
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
        let mut answers = Vec::with_capacity(questions.len());
        for (c, q) in &questions {
            let v = &cells[*c];
            if is_blank_answer(v) {
                answers.push(None);
                continue;
            }
            match answer_of(v, Some(&q.kind)) {
                None => {
                    account.reject(row, &headers[*c], RejectReason::BadNumber { value: v.trim().to_string() });
                    continue 'rows;
                }
                Some(x) if x < q.min || x > q.max => {
                    account.reject(row, &headers[*c], RejectReason::OutOfRange { value: v.trim().to_string(), min: q.min, max: q.max });
                    continue 'rows;
                }
                Some(x) => answers.push(Some(x)),
            }
        }
        if answers.iter().all(Option::is_none) {
            account.reject(row, "", RejectReason::NoAnswers);
            continue;
        }
        let respondent_id = cell_opt(&cells, cols[0]);
        let date = opt_date(&cells, cols[2], &date_orders, &headers, row, &mut ignored);
        // The same response listed again (the export given twice, a response re-exported after
        // an edit: the same respondent id on the same day) is one response: the later row fills
        // the answers the first left blank, and is counted as merged. The same id on another
        // day is another response (a survey repeated each quarter).
        let key = respondent_id.map(|id| (id.to_string(), date));
        if let Some(&first) = key.as_ref().and_then(|k| seen.get(k)) {
            let r: &mut SurveyResponse = &mut responses[first];
            for (kept, new) in r.answers.iter_mut().zip(&answers) {
                if kept.is_none() {
                    *kept = *new;
                }
            }
            account.rows_merged += 1;
            account.merged_duplicates += 1;
            continue;
        }
        if let Some(k) = key {
            seen.insert(k, responses.len());
        }
        responses.push(SurveyResponse { respondent_id: respondent_id.map(Text::from), customer_id: cell_opt(&cells, cols[1]).map(Text::from), date, answers, row });
        account.rows_used += 1;
    }
    ignored.finish(&mut account);
    let survey = Survey { questions: questions.into_iter().map(|(_, q)| q).collect(), responses };
    Ok(Parsed { records: Records::Survey(survey), account, reviews: None, tickets: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_kinds() {
        let k = |h| kind_from_header(h);
        assert_eq!(k("nps"), Some(QuestionKind::Nps));
        assert_eq!(k("How likely are you to recommend us?"), Some(QuestionKind::Nps));
        assert_eq!(k("您向朋友推荐我们的可能性"), Some(QuestionKind::Nps));
        assert_eq!(k("imp_quality"), Some(QuestionKind::Importance { item: "quality".into() }));
        assert_eq!(k("Importance: Delivery speed"), Some(QuestionKind::Importance { item: "delivery speed".into() }));
        assert_eq!(k("perf_delivery_speed"), Some(QuestionKind::Performance { item: "delivery speed".into() }));
        assert_eq!(k("Gift wrap (dysfunctional)"), Some(QuestionKind::KanoDysfunctional { feature: "gift wrap".into() }));
        assert_eq!(k("Gift wrap (functional)"), Some(QuestionKind::KanoFunctional { feature: "gift wrap".into() }));
        assert_eq!(k("kano_f_gift_wrap"), Some(QuestionKind::KanoFunctional { feature: "gift wrap".into() }));
        assert_eq!(k("Overall satisfaction"), Some(QuestionKind::Overall));
        assert_eq!(k("csat"), Some(QuestionKind::Csat));
        assert_eq!(k("ces"), Some(QuestionKind::Ces));
        assert_eq!(k("comment"), None);
        // Survey tools write the question as the header, with its scale.
        assert_eq!(k("Overall, how satisfied were you with your order? (1-5)"), Some(QuestionKind::Csat));
        assert_eq!(k("The shop made it easy for me to handle my issue (1-7)"), Some(QuestionKind::Ces));
        assert_eq!(k("How easy was it to find what you were looking for?"), Some(QuestionKind::Ces));
        assert_eq!(k("您对本次购物满意吗？（1-5）"), Some(QuestionKind::Csat));
        assert_eq!(k("处理您的问题是否容易？"), Some(QuestionKind::Ces));
        assert_eq!(k("How likely are you to recommend us to a friend? (0-10)"), Some(QuestionKind::Nps));
        assert_eq!(parse_answer("9 - very likely", false), Some(9.0));
        assert_eq!(parse_answer("I dislike it that way", true), Some(5.0));
        assert_eq!(parse_answer("I like it that way", true), Some(1.0));
    }
}
