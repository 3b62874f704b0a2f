//! Tables written for spreadsheets: CSV cells that are safe to open in Excel, LibreOffice or
//! Numbers.

/// One CSV cell (RFC 4180): quoted when it holds a comma, quote, or line break. Text that a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage return first, and not a
/// plain number) gets a leading `'`, the usual defence against formula injection from data.
///
/// ```
/// use loyalty_scorecard::export::csv_cell;
/// assert_eq!(csv_cell("plain"), "plain");
/// assert_eq!(csv_cell("a,b"), "\"a,b\"");
/// assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
/// assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
/// assert_eq!(csv_cell("-12.5"), "-12.5");
/// assert_eq!(csv_cell("+7%"), "+7%");
/// ```
pub fn csv_cell(text: &str) -> String {
    let numeric = {
        let t = text.trim_end_matches('%').replace(',', "");
        !t.is_empty() && t.parse::<f64>().is_ok()
    };
    let risky = !numeric && text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let cell = if risky { format!("'{text}") } else { text.to_string() };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}
