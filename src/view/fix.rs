//! The "correct how this file is read" form: the kind of a file and the column used for each
//! field, chosen by the user when the automatic choice is wrong (or found nothing). The widget
//! turns the user's choice into the same [`crate::input::ReadOptions`] (`kind`, `mapping`) that
//! the command line and the JS API take, and asks the worker to read the files again.
//!
//! The form's controls carry `data-role` attributes the widget reads:
//! `fix-kind` (a select of the four kinds), `fix-col` (one select per field, `data-field`), and
//! `fix-apply` (the button). A column select's value is [`AUTO`] (leave the choice to the
//! reader), [`OFF`] (do not use this field) or a column name.

use super::i18n::Lang;
use super::node::Node;
use crate::input::{kind_fields, ColumnUse, InputKind};

/// Select value: let the reader choose the column.
pub const AUTO: &str = "";
/// Select value: switch the field off (`null` in the mapping).
pub const OFF: &str = "\u{1}off";

/// What the form needs to know about one file.
#[derive(Debug, Clone)]
pub struct FileForm<'a> {
    /// Position of the file in the analysed list (the widget sends it back).
    pub index: usize,
    pub name: &'a str,
    pub kind: InputKind,
    /// The file's columns; empty when the file could not be opened as a table.
    pub headers: &'a [String],
    /// The columns the reader chose (with how: `mapping` = set by the user).
    pub columns: &'a [ColumnUse],
    /// Fields the user switched off.
    pub fields_off: &'a [&'static str],
    /// Whether `columns` is the reader's full choice (after a successful read) or only the
    /// user's own mapping (after a failure, when the automatic choice is unknown).
    pub read: bool,
}

fn tr(lang: Lang, [en, cn, tw]: [&'static str; 3]) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::ZhCn => cn,
        Lang::ZhTw => tw,
    }
}

/// The field's name for people.
pub fn field_label(lang: Lang, field: &str) -> &'static str {
    tr(
        lang,
        match field {
            "order_id" => ["Order id", "订单号", "訂單號"],
            "customer_id" => ["Customer (id or e-mail)", "顾客（ID 或邮箱）", "顧客（ID 或電郵）"],
            "order_date" => ["Order date", "下单时间", "下單時間"],
            "total" => ["Order total", "实付金额", "實付金額"],
            "currency" => ["Currency", "币种", "幣別"],
            "discount_code" => ["Discount code", "优惠券", "優惠券"],
            "promised_days" => ["Promised delivery days", "承诺天数", "承諾天數"],
            "promised_date" => ["Promised (estimated) delivery date", "预计送达日期", "預計送達日期"],
            "delivered_date" => ["Delivered (received) date", "收货时间", "收貨時間"],
            "shipped_date" => ["Shipped date", "发货时间", "發貨時間"],
            "product" => ["Product", "商品", "商品"],
            "category" => ["Category", "类目", "類別"],
            "channel" => ["Channel", "渠道", "通路"],
            "status" => ["Order status", "订单状态", "訂單狀態"],
            "cancelled_at" => ["Cancelled at", "取消时间", "取消時間"],
            "refunded" => ["Amount refunded", "退款金额", "退款金額"],
            "adjusted_total" => ["Total after refunds", "退款后金额", "退款後金額"],
            "rating" => ["Rating", "评分", "評分"],
            "review_id" => ["Review id", "评价 ID", "評價 ID"],
            "title" => ["Review title", "评价标题", "評價標題"],
            "text" => ["Review text", "评价内容", "評價內容"],
            "respondent_id" => ["Respondent id", "答卷人 ID", "答卷人 ID"],
            "date" => ["Date", "日期", "日期"],
            "ticket_id" => ["Ticket id", "工单号", "工單號"],
            "opened" => ["Opened", "投诉时间", "投訴時間"],
            "resolved" => ["Resolved", "解决时间", "解決時間"],
            "first_response_hours" => ["First response (hours)", "首次响应（小时）", "首次回應（小時）"],
            "quantity" => ["Quantity", "数量", "數量"],
            "unit_price" => ["Unit price", "单价", "單價"],
            "line_total" => ["Line total", "商品小计", "商品小計"],
            "phone" => ["Phone", "电话", "電話"],
            "billing_name" => ["Billing name", "收件人姓名", "收件人姓名"],
            "postcode" => ["Postcode", "邮编", "郵遞區號"],
            "sub_order_id" => ["Sub-order id", "子订单编号", "子訂單編號"],
            "payment_status" => ["Payment status", "支付状态", "支付狀態"],
            "fulfillment_status" => ["Delivery status", "发货状态", "發貨狀態"],
            _ => ["", "", ""],
        },
    )
}

fn kind_name(lang: Lang, kind: InputKind) -> &'static str {
    tr(
        lang,
        match kind {
            InputKind::Orders => ["Orders", "订单", "訂單"],
            InputKind::Reviews => ["Reviews", "评价", "評價"],
            InputKind::Surveys => ["Survey answers", "问卷答案", "問卷答案"],
            InputKind::Tickets => ["Complaint tickets", "投诉工单", "投訴工單"],
            InputKind::Summary => ["Customer summary", "顾客汇总", "顧客彙總"],
        },
    )
}

fn kind_value(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Orders => "orders",
        InputKind::Reviews => "reviews",
        InputKind::Surveys => "surveys",
        InputKind::Tickets => "tickets",
        InputKind::Summary => "summary",
    }
}

/// Below this confidence an automatic column choice is a guess the owner should check: a
/// column named only partly for its field, or chosen from its values alone.
pub const LOW_CONFIDENCE: f64 = 0.8;

/// Whether the reader chose the column itself with low confidence.
pub fn guessed(c: &ColumnUse) -> bool {
    c.how != "mapping" && c.confidence < LOW_CONFIDENCE
}

/// The warning beside a guessed column: how it was chosen and how sure the reader is.
pub fn guess_text(lang: Lang, c: &ColumnUse) -> String {
    let pc = format!("{:.0}%", 100.0 * c.confidence);
    let values = c.how == "values";
    match lang {
        Lang::En if values => format!("guessed from its values ({pc} sure): check it"),
        Lang::En => format!("its name only partly matches ({pc} sure): check it"),
        Lang::ZhCn if values => format!("根据列中的值推测（把握 {pc}）：请核对"),
        Lang::ZhCn => format!("列名只部分相符（把握 {pc}）：请核对"),
        Lang::ZhTw if values => format!("根據欄中的值推測（把握 {pc}）：請核對"),
        Lang::ZhTw => format!("欄名只部分相符（把握 {pc}）：請核對"),
    }
}

/// The form for one file, inside a disclosure (`open` when the file needs fixing, or when a
/// column was only guessed: the guess is marked beside its field).
pub fn form(lang: Lang, f: &FileForm<'_>, open: bool) -> Node {
    let open = open || f.columns.iter().any(guessed);
    let id = |what: &str| format!("ls-fix-{}-{what}", f.index);
    let kinds = [InputKind::Orders, InputKind::Reviews, InputKind::Surveys, InputKind::Tickets, InputKind::Summary];
    let kind_select = Node::el("select").attr("id", &id("kind")).attr("data-role", "fix-kind").children(kinds.map(|k| {
        let o = Node::el("option").attr("value", kind_value(k)).text(kind_name(lang, k));
        if k == f.kind {
            o.attr("selected", "")
        } else {
            o
        }
    }));
    let mut body = vec![Node::el("p").class("fix-kind").children([Node::el("label").attr("for", &id("kind")).text(tr(lang, ["This file holds", "此文件内容", "此檔案內容"])), kind_select])];
    if f.headers.is_empty() {
        body.push(
            Node::el("p").text(tr(lang, ["Its columns could not be read; check the file's format and encoding.", "无法读取其列，请检查文件格式和编码。", "無法讀取其欄位，請檢查檔案格式和編碼。"])),
        );
    } else {
        let rows = kind_fields(f.kind).into_iter().filter(|(field, _)| !field_label(lang, field).is_empty()).enumerate().map(|(i, (field, required))| {
            let chosen = f.columns.iter().find(|c| c.field == field);
            let auto_text = match chosen.filter(|c| c.how != "mapping") {
                Some(c) => format!("{} ({})", tr(lang, ["automatic", "自动", "自動"]), c.column),
                None if f.read => tr(lang, ["automatic (none found)", "自动（未找到）", "自動（未找到）"]).to_string(),
                None => tr(lang, ["automatic", "自动", "自動"]).to_string(),
            };
            let by_user = chosen.filter(|c| c.how == "mapping").map(|c| c.column.as_str());
            let off = f.fields_off.contains(&field);
            let mut select = Node::el("select").attr("id", &id(&format!("f{i}"))).attr("data-role", "fix-col").attr("data-field", field);
            let auto = Node::el("option").attr("value", AUTO).text(&auto_text);
            select = select.child(if by_user.is_none() && !off { auto.attr("selected", "") } else { auto });
            if !required {
                let o = Node::el("option").attr("value", OFF).text(tr(lang, ["not used", "不使用", "不使用"]));
                select = select.child(if off { o.attr("selected", "") } else { o });
            }
            for h in f.headers.iter().filter(|h| !h.trim().is_empty()) {
                let o = Node::el("option").attr("value", h).text(h);
                select = select.child(if by_user == Some(h.as_str()) { o.attr("selected", "") } else { o });
            }
            let mut label = field_label(lang, field).to_string();
            if required {
                label.push_str(tr(lang, [" (needed)", "（必需）", "（必需）"]));
            }
            let guess = chosen.filter(|c| guessed(c) && by_user.is_none() && !off);
            let mut cell = Node::el("td").child(select);
            if let Some(c) = guess {
                cell = cell.child(Node::el("span").class("fix-guess").attr("data-role", "fix-guess").text(&format!("⚠ {}", guess_text(lang, c))));
            }
            Node::el("tr").children([Node::el("th").attr("scope", "row").child(Node::el("label").attr("for", &id(&format!("f{i}"))).text(&label)), cell])
        });
        body.push(Node::el("table").class("fix-columns").children([
            Node::el("thead").child(Node::el("tr").children([
                Node::el("th").attr("scope", "col").text(tr(lang, ["Field", "字段", "欄位"])),
                Node::el("th").attr("scope", "col").text(tr(lang, ["Column of the file", "文件中的列", "檔案中的欄"])),
            ])),
            Node::el("tbody").children(rows),
        ]));
    }
    body.push(Node::el("p").class("fix-note").text(tr(
        lang,
        ["After changing what the file holds, read it again first, then choose its columns.", "更改文件类型后，请先重新读取，再选择列。", "更改檔案類型後，請先重新讀取，再選擇欄位。"],
    )));
    body.push(Node::el("button").attr("type", "button").attr("data-role", "fix-apply").text(tr(lang, ["Read again", "重新读取", "重新讀取"])));
    let mut details = Node::el("details").class("fix").attr("data-fix-file", &f.index.to_string()).attr("data-file", f.name).children([Node::el("summary").text(&format!(
        "{} — {}",
        tr(lang, ["Correct how this file is read", "更正此文件的读取方式", "更正此檔案的讀取方式"]),
        f.name
    ))]);
    if open {
        details = details.attr("open", "");
    }
    details.children(body)
}

/// Shown when the analysis failed on the user's files (the message itself is in the widget's
/// alert): for each file, the form (open), so a file whose columns were not recognised can be
/// fixed on the spot.
pub fn failed(lang: Lang, files: &[FileForm<'_>]) -> Node {
    Node::el("section")
        .class("panel fix-panel")
        .attr("data-section", "fix")
        .attr("aria-labelledby", "ls-h-fix")
        .children([
            Node::el("h3").attr("id", "ls-h-fix").text(tr(lang, ["These files could not be analysed yet", "这些文件暂时无法分析", "這些檔案暫時無法分析"])),
            Node::el("p").text(tr(
                lang,
                [
                    "Tell the reader what each file holds and which column is which, then read again. Nothing leaves this page.",
                    "请说明每个文件的内容以及各列的含义，然后重新读取。数据不会离开此页面。",
                    "請說明每個檔案的內容以及各欄的含義，然後重新讀取。資料不會離開此頁面。",
                ],
            )),
        ])
        .children(files.iter().map(|f| form(lang, f, true)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_offers_every_column_and_marks_the_users_choice() {
        let headers = vec!["buyer".to_string(), "when".to_string(), "paid".to_string(), "<b>x</b>".to_string()];
        let cols = vec![ColumnUse { field: "customer_id", column: "buyer".into(), confidence: 1.0, how: "mapping" }];
        let f = FileForm { index: 2, name: "o.csv", kind: InputKind::Orders, headers: &headers, columns: &cols, fields_off: &["discount_code"], read: true };
        let n = form(Lang::En, &f, false);
        let cust = n.find("data-field", "customer_id").unwrap();
        assert!(cust.children.iter().any(|o| o.text.as_deref() == Some("buyer") && o.attrs.iter().any(|(k, _)| k == "selected")));
        // A required field cannot be switched off; an optional one can, and shows the choice.
        assert!(!cust.children.iter().any(|o| o.attrs.iter().any(|(k, v)| k == "value" && v == OFF)));
        let disc = n.find("data-field", "discount_code").unwrap();
        assert!(disc.children.iter().any(|o| o.attrs.iter().any(|(k, v)| k == "value" && v == OFF) && o.attrs.iter().any(|(k, _)| k == "selected")));
        // Markup in a header stays text.
        assert!(n.text_content().contains("<b>x</b>"));
        assert_eq!(n.find("data-fix-file", "2").map(|d| d.tag.as_str()), Some("details"));
        let zh = form(Lang::ZhCn, &f, true);
        assert!(zh.text_content().contains("下单时间（必需）"));
        let failed = failed(Lang::En, &[FileForm { read: false, ..f }]);
        assert!(failed.text_content().contains("automatic"));
        assert!(!failed.text_content().contains("none found"));
    }

    #[test]
    fn a_guessed_column_is_marked_and_opens_the_form() {
        let headers = vec!["wer".to_string(), "wann".to_string(), "wieviel".to_string()];
        let cols =
            vec![ColumnUse { field: "customer_id", column: "wer".into(), confidence: 1.0, how: "header" }, ColumnUse { field: "total", column: "wieviel".into(), confidence: 0.5, how: "values" }];
        let f = FileForm { index: 0, name: "o.csv", kind: InputKind::Orders, headers: &headers, columns: &cols, fields_off: &[], read: true };
        for (lang, want) in [(Lang::En, "guessed from its values (50% sure)"), (Lang::ZhCn, "根据列中的值推测（把握 50%）"), (Lang::ZhTw, "根據欄中的值推測（把握 50%）")] {
            let n = form(lang, &f, false);
            assert!(n.attrs.iter().any(|(k, _)| k == "open"), "{lang:?}: the form stays closed");
            let marks: Vec<String> = n.find_all("data-role", "fix-guess").iter().map(|m| m.text_content()).collect();
            assert_eq!(marks.len(), 1, "{marks:?}");
            assert!(marks[0].contains(want), "{marks:?}");
        }
        // Named by its header: no mark, the form stays closed.
        let sure = [cols[0].clone()];
        let n = form(Lang::En, &FileForm { columns: &sure, ..f }, false);
        assert!(n.find("data-role", "fix-guess").is_none() && !n.attrs.iter().any(|(k, _)| k == "open"));
    }
}
