//! Interface text in English, simplified Chinese (zh-CN) and traditional Chinese (zh-TW).
//! Chinese terms follow the source texts (顾客满意度, 顾客信任, 顾客忠诚, 重复购买).

/// Interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    ZhCn,
    ZhTw,
}

impl Lang {
    /// From a BCP 47 tag: zh-TW / zh-HK / zh-Hant -> traditional, other zh -> simplified,
    /// anything else -> English.
    pub fn from_tag(tag: &str) -> Lang {
        let t = tag.trim().to_ascii_lowercase();
        if t.starts_with("zh") {
            if t.contains("tw") || t.contains("hk") || t.contains("mo") || t.contains("hant") {
                Lang::ZhTw
            } else {
                Lang::ZhCn
            }
        } else {
            Lang::En
        }
    }
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
            Lang::ZhTw => "zh-TW",
        }
    }
}

/// [`t`] with `{0}`, `{1}`, ... replaced by `args`.
pub fn tf(lang: Lang, key: &str, args: &[&str]) -> String {
    let mut s = t(lang, key).to_string();
    for (i, a) in args.iter().enumerate() {
        s = s.replace(&format!("{{{i}}}"), a);
    }
    s
}

/// The text for `key` in `lang`; "?" for an unknown key (visible, never blank).
pub fn t(lang: Lang, key: &str) -> &'static str {
    let [en, cn, tw] = match key {
        "title" => ["Loyalty scorecard", "顾客忠诚记分卡", "顧客忠誠記分卡"],
        "tagline" => [
            "Satisfaction → trust → loyalty, computed in this page: your files never leave it.",
            "顾客满意 → 信任 → 忠诚，全部在本页面内计算：您的文件不会离开此页面。",
            "顧客滿意 → 信任 → 忠誠，全部在本頁面內計算：您的檔案不會離開此頁面。",
        ],
        "drop" => [
            "Drop your orders export here (CSV or TSV with customer, order date and order total)",
            "将订单导出文件拖放到此处（CSV 或 TSV，含顾客、下单时间和订单金额）",
            "將訂單匯出檔案拖放到此處（CSV 或 TSV，含顧客、下單時間和訂單金額）",
        ],
        "choose" => ["Choose files…", "选择文件…", "選擇檔案…"],
        "language" => ["Language", "语言", "語言"],
        "analysing" => ["Analysing…", "正在分析…", "正在分析…"],
        "cancel" => ["Cancel", "取消", "取消"],
        "cancelled" => ["Analysis cancelled", "已取消分析", "已取消分析"],
        "stage_read" => ["Reading and analysing the files…", "正在读取并分析文件…", "正在讀取並分析檔案…"],
        "stage_render" => ["Preparing the scorecard…", "正在生成记分卡…", "正在產生記分卡…"],
        "showing" => ["Showing", "当前数据", "目前資料"],
        "sample" => ["sample shop", "示例店铺", "範例商店"],
        "period" => ["Orders from", "订单日期", "訂單日期"],
        "to" => ["to", "至", "至"],
        "as_of" => ["analysis date", "分析日期", "分析日期"],
        "orders" => ["Orders", "订单数", "訂單數"],
        "customers" => ["Customers", "顾客数", "顧客數"],
        "revenue" => ["Revenue", "销售额", "銷售額"],
        "repeat_rate" => ["Repeat-purchase rate", "重复购买率", "重複購買率"],
        "orders_per_customer" => ["Orders per customer", "人均订单数", "人均訂單數"],
        "ci95" => ["95% CI", "95% 置信区间", "95% 信賴區間"],
        "n_customers" => ["customers", "位顾客", "位顧客"],
        "n_orders" => ["orders", "笔订单", "筆訂單"],
        "repeaters_of" => ["{0} of {1} customers bought 2+ times", "{1} 位顾客中 {0} 位购买 2 次以上", "{1} 位顧客中 {0} 位購買 2 次以上"],
        "by_orders_title" => ["Customers by number of orders", "按订单数划分的顾客", "依訂單數劃分的顧客"],
        "by_orders_desc" => [
            "Bar chart: how many customers placed 1, 2, 3, 4 and 5 or more orders.",
            "柱状图：下过 1、2、3、4 及 5 笔以上订单的顾客人数。",
            "長條圖：下過 1、2、3、4 及 5 筆以上訂單的顧客人數。",
        ],
        "orders_placed" => ["Orders placed", "订单笔数", "訂單筆數"],
        "show_table" => ["Table", "数据表", "資料表"],
        "inputs" => ["Input files", "输入文件", "輸入檔案"],
        "file" => ["File", "文件", "檔案"],
        "kind" => ["Kind", "类型", "類型"],
        "encoding" => ["Encoding", "编码", "編碼"],
        "rows_read" => ["Rows read", "读取行数", "讀取列數"],
        "rows_used" => ["used", "已使用", "已使用"],
        "rows_rejected" => ["rejected", "已拒绝", "已拒絕"],
        "columns_used" => ["Columns used", "使用的列", "使用的欄位"],
        "rejected_rows" => ["Rejected rows", "被拒绝的行", "被拒絕的列"],
        "row" => ["Row", "行", "列"],
        "column" => ["Column", "列", "欄"],
        "reason" => ["Reason", "原因", "原因"],
        "more_rejected" => ["more rejected rows not listed", "行被拒绝的数据未列出", "列被拒絕的資料未列出"],
        "not_analysed" => ["not analysed by this version", "此版本暂不分析", "此版本暫不分析"],
        "warnings" => ["Read with care", "请注意", "請注意"],
        "error" => ["Could not analyse", "无法分析", "無法分析"],
        "orders_kind" => ["orders", "订单", "訂單"],
        "reviews_kind" => ["reviews", "评价", "評價"],
        "surveys_kind" => ["survey answers", "问卷", "問卷"],
        "tickets_kind" => ["tickets", "投诉工单", "投訴工單"],
        "missing_value" => ["the cell is empty", "单元格为空", "儲存格為空"],
        "bad_date" => ["is not a date (use YYYY-MM-DD)", "不是日期（请使用 YYYY-MM-DD）", "不是日期（請使用 YYYY-MM-DD）"],
        "bad_number" => ["is not a number", "不是数字", "不是數字"],
        "negative_total" => ["negative total (refunds are not orders)", "金额为负（退款不计为订单）", "金額為負（退款不計為訂單）"],
        "duplicate_order_id" => ["order id already used on row", "订单号已在此行使用：", "訂單號已在此列使用："],
        _ => return "?",
    };
    match lang {
        Lang::En => en,
        Lang::ZhCn => cn,
        Lang::ZhTw => tw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("zh-Hant-TW"), Lang::ZhTw);
        assert_eq!(Lang::from_tag("zh"), Lang::ZhCn);
        assert_eq!(Lang::from_tag("de-CH"), Lang::En);
        assert_eq!(t(Lang::ZhCn, "repeat_rate"), "重复购买率");
        assert_eq!(tf(Lang::ZhCn, "repeaters_of", &["3", "10"]), "10 位顾客中 3 位购买 2 次以上");
    }
}
