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
    /// Of three forms (English, simplified, traditional Chinese), this language's.
    pub fn pick<T>(self, en: T, cn: T, tw: T) -> T {
        match self {
            Lang::En => en,
            Lang::ZhCn => cn,
            Lang::ZhTw => tw,
        }
    }

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
            "Drop your exports here: orders (customer, order date, total), and if you have them reviews, survey answers and complaint tickets — CSV, TSV, JSON or Excel",
            "将导出文件拖放到此处：订单（顾客、下单时间、金额），以及评价、问卷和投诉工单（如有）——CSV、TSV、JSON 或 Excel",
            "將匯出檔案拖放到此處：訂單（顧客、下單時間、金額），以及評價、問卷和投訴工單（如有）——CSV、TSV、JSON 或 Excel",
        ],
        "choose" => ["Choose files…", "选择文件…", "選擇檔案…"],
        "language" => ["Language", "语言", "語言"],
        "analysing" => ["Analysing…", "正在分析…", "正在分析…"],
        "cancel" => ["Cancel", "取消", "取消"],
        "export_json" => ["Export JSON", "导出 JSON", "匯出 JSON"],
        "export_customers" => ["Customers CSV", "顾客明细 CSV", "顧客明細 CSV"],
        "range" => ["Date range", "日期范围", "日期範圍"],
        "range_from" => ["from", "从", "從"],
        "range_to" => ["to", "到", "到"],
        "range_apply" => ["Apply", "应用", "套用"],
        "cancelled" => ["Analysis cancelled", "已取消分析", "已取消分析"],
        "worker_stopped" => [
            "The analysis stopped unexpectedly while working on {files} and has been restarted. Drop the files again; if it stops again, the files may be too large for this browser tab: use the command line, or a customer summary made with the SQL.",
            "分析在处理 {files} 时意外中止，已重新启动。请重新拖入文件；如果再次中止，文件可能超出本浏览器标签页的处理能力：请使用命令行，或用 SQL 生成的客户汇总。",
            "分析在處理 {files} 時意外中止，已重新啟動。請重新拖入檔案；如果再次中止，檔案可能超出本瀏覽器分頁的處理能力：請使用命令列，或用 SQL 產生的客戶彙總。",
        ],
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
        "orders_unkeyed" => ["incl. {0} without a customer key (not in the customer figures)", "含 {0} 笔无顾客标识的订单（不计入顾客指标）", "含 {0} 筆無顧客標識的訂單（不計入顧客指標）"],
        "no_money" => ["No money column in the orders: revenue is not known", "订单文件没有金额列：销售额未知", "訂單檔案沒有金額欄：銷售額未知"],
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
        "rows_merged" => ["merged", "已合并", "已合併"],
        "kept_apart" => ["kept apart from the orders and revenue: {0} cancelled, {1} refunded", "未计入订单和销售额：已取消 {0} 笔，已退款 {1} 笔", "未計入訂單和銷售額：已取消 {0} 筆，已退款 {1} 筆"],
        "partly_refunded" => ["{0} partly refunded orders counted at their total less the refund ({1} taken off)", "部分退款订单 {0} 笔，按订单金额减去退款计入（共扣除 {1}）", "部分退款訂單 {0} 筆，按訂單金額減去退款計入（共扣除 {1}）"],
        "columns_used" => ["Columns used", "使用的列", "使用的欄位"],
        "rejected_rows" => ["Rejected rows", "被拒绝的行", "被拒絕的列"],
        "row" => ["Row", "行", "列"],
        "column" => ["Column", "列", "欄"],
        "reason" => ["Reason", "原因", "原因"],
        "more_rejected" => ["more rejected rows not listed", "行被拒绝的数据未列出", "列被拒絕的資料未列出"],
        "warnings" => ["Read with care", "请注意", "請注意"],
        "error" => ["Could not analyse", "无法分析", "無法分析"],
        "orders_kind" => ["orders", "订单", "訂單"],
        "reviews_kind" => ["reviews", "评价", "評價"],
        "surveys_kind" => ["survey answers", "问卷", "問卷"],
        "tickets_kind" => ["tickets", "投诉工单", "投訴工單"],
        "summary_input" => ["From a customer summary", "来自客户汇总", "來自客戶彙總"],
        "repeat_buyers" => ["Repeat buyers (2+ purchase days)", "复购顾客（2 个以上购买日）", "回購顧客（2 個以上購買日）"],
        "absent_from_summary" => ["Needs the orders themselves, so not shown", "需要原始订单，因此未显示", "需要原始訂單，因此未顯示"],
        "summary_kind" => ["customer summary", "客户汇总", "客戶彙總"],
        "missing_value" => ["the cell is empty", "单元格为空", "儲存格為空"],
        "bad_date" => ["is not a date (use YYYY-MM-DD)", "不是日期（请使用 YYYY-MM-DD）", "不是日期（請使用 YYYY-MM-DD）"],
        "implausible_date" => [
            "is before 1995 or after 2099 (a placeholder date)",
            "早于 1995 年或晚于 2099 年（占位日期）",
            "早於 1995 年或晚於 2099 年（佔位日期）",
        ],
        "bad_number" => ["is not a number", "不是数字", "不是數字"],
        "no_answers" => ["the respondent answered no question", "该答卷人没有回答任何问题", "該答卷人沒有回答任何問題"],
        "kano_better" => ["Better", "满意增加系数", "滿意增加係數"],
        "kano_worse" => ["Worse", "不满意消除系数", "不滿意消除係數"],
        "negative_total" => ["negative total (refunds are not orders)", "金额为负（退款不计为订单）", "金額為負（退款不計為訂單）"],
        "duplicate_order_id" => ["order id already used on row", "订单号已在此行使用：", "訂單號已在此列使用："],
        "loyalty_title" => ["Loyalty: who comes back", "顾客忠诚：谁会再次购买", "顧客忠誠：誰會再次購買"],
        "loyalty_lede" => [
            "Loyalty, not satisfaction, is the goal: repeat purchases, the few customers who bring most of the revenue, and the customers leaking away.",
            "忠诚而非满意才是目标：重复购买、贡献大部分收入的少数顾客，以及正在流失的顾客。",
            "忠誠而非滿意才是目標：重複購買、貢獻大部分收入的少數顧客，以及正在流失的顧客。",
        ],
        "returning_rate" => ["Returning-customer rate", "回头客占比", "回頭客占比"],
        "returning_of" => ["{0} of {1} buyers in {2} had bought before", "{2} 的 {1} 位购买者中有 {0} 位是老顾客", "{2} 的 {1} 位購買者中有 {0} 位是老顧客"],
        "few_customers" => ["fewer than 30 buyers: a rough indication", "购买者少于 30 位：仅供参考", "購買者少於 30 位：僅供參考"],
        "median_gap" => ["Median time between orders", "复购间隔中位数", "回購間隔中位數"],
        "days" => ["days", "天", "天"],
        "gap_detail" => ["quartiles {0}–{1} days · {2} repeat gaps", "四分位数 {0}–{1} 天 · {2} 次复购间隔", "四分位數 {0}–{1} 天 · {2} 次回購間隔"],
        "top20_share" => ["Revenue from the top 20% of customers", "前 20% 顾客贡献的销售额", "前 20% 顧客貢獻的銷售額"],
        "top10_vs_next" => ["top 10% spend {0}× the next 10%", "前 10% 顾客的消费是其后 10% 的 {0} 倍", "前 10% 顧客的消費是其後 10% 的 {0} 倍"],
        "active_customers" => ["Active customers", "活跃顾客", "活躍顧客"],
        "churn_window" => [
            "a customer counts as lost after {0} days without an order",
            "超过 {0} 天未下单即视为流失",
            "超過 {0} 天未下單即視為流失",
        ],
        "monthly_title" => ["New and returning customers per month", "每月新顾客与老顾客", "每月新顧客與老顧客"],
        "monthly_desc" => ["Line chart: new and returning customers per month.", "折线图：每月新顾客与老顾客人数。", "折線圖：每月新顧客與老顧客人數。"],
        "partial_month" => ["* the last month is not complete.", "* 最后一个月尚未结束。", "* 最後一個月尚未結束。"],
        "month" => ["Month", "月份", "月份"],
        "new_customers" => ["New customers", "新顾客", "新顧客"],
        "returning_customers" => ["Returning customers", "老顾客", "老顧客"],
        "rfm_title" => ["RFM segments", "RFM 顾客分群", "RFM 顧客分群"],
        "rfm_desc" => ["Bar chart: customers in each RFM segment.", "条形图：各 RFM 分群的顾客人数。", "條形圖：各 RFM 分群的顧客人數。"],
        "rfm_note" => [
            "Recency, frequency and monetary value scored 1–5 by quintile (most recent = 5); segment rules in the README.",
            "按五分位对最近购买时间、购买频次和消费金额评分 1–5（最近 = 5）；分群规则见 README。",
            "按五分位對最近購買時間、購買頻次和消費金額評分 1–5（最近 = 5）；分群規則見 README。",
        ],
        "segment" => ["Segment", "分群", "分群"],
        "revenue_share" => ["Share of revenue", "销售额占比", "銷售額占比"],
        "lorenz_title" => ["Value concentration (80/20)", "价值集中度（二八法则）", "價值集中度（二八法則）"],
        "lorenz_desc" => [
            "Lorenz curve: the share of revenue from the x% of customers who spend least, against the line of equal spend; the further below the line, the more revenue rests on a few customers.",
            "洛伦兹曲线：消费最少的 x% 顾客贡献的销售额占比，与平均分配线对比；曲线越低于该线，销售额越集中于少数顾客。",
            "羅倫茲曲線：消費最少的 x% 顧客貢獻的銷售額占比，與平均分配線對比；曲線越低於該線，銷售額越集中於少數顧客。",
        ],
        "lorenz_curve" => ["Revenue share", "销售额占比", "銷售額占比"],
        "equality" => ["Equal spend", "平均分配", "平均分配"],
        "customer_share" => ["Share of customers", "顾客占比", "顧客占比"],
        "tier" => ["Value tier", "价值层级", "價值層級"],
        "tier_high" => ["High value", "高价值", "高價值"],
        "tier_medium" => ["Medium value", "中价值", "中價值"],
        "tier_low" => ["Low value", "低价值", "低價值"],
        "tier_note" => ["tiers: top 20% of customers by spend = high, next 30% = medium", "层级：消费前 20% 为高价值，其后 30% 为中价值", "層級：消費前 20% 為高價值，其後 30% 為中價值"],
        "spend_range" => ["Spend per customer", "每位顾客消费", "每位顧客消費"],
        "cohort_title" => ["Cohort retention", "同期群留存", "同期群留存"],
        "cohort_desc" => [
            "Bar chart: share of each acquisition month's customers buying again k months later (pooled over cohorts).",
            "柱状图：各获客月份的顾客在 k 个月后再次购买的比例（合并各同期群）。",
            "長條圖：各獲客月份的顧客在 k 個月後再次購買的比例（合併各同期群）。",
        ],
        "cohort" => ["Cohort", "同期群", "同期群"],
        "months_after" => ["months after the first order", "首单后第几个月", "首單後第幾個月"],
        "cohort_note" => [
            "Averages use the {0} cohorts that have fully reached month {1}; * marks a month not yet complete.",
            "平均值仅使用已完整经历第 {1} 个月的 {0} 个同期群；* 表示该月尚未结束。",
            "平均值僅使用已完整經歷第 {1} 個月的 {0} 個同期群；* 表示該月尚未結束。",
        ],
        "leaky_title" => ["The leaky bucket: customers lost and won", "漏桶：流失与新增的顾客", "漏桶：流失與新增的顧客"],
        "leaky_desc" => ["Line chart: customers lost and new customers per month.", "折线图：每月流失顾客与新顾客人数。", "折線圖：每月流失顧客與新顧客人數。"],
        "lost_customers" => ["Lost customers", "流失顾客", "流失顧客"],
        "active_start" => ["Active at start", "月初活跃", "月初活躍"],
        "new_needed" => ["New needed to stay level", "维持规模所需新顾客", "維持規模所需新顧客"],
        "what_if" => [
            "What if {0} of the {1} customers lost in the last 12 months had stayed: about {2} more customers, {3} more revenue and {4} more profit a year (at a {5} margin).",
            "如果最近 12 个月流失的 {1} 位顾客中有 {0} 留下：约多 {2} 位顾客，每年多 {3} 销售额、{4} 利润（按 {5} 利润率）。",
            "如果最近 12 個月流失的 {1} 位顧客中有 {0} 留下：約多 {2} 位顧客，每年多 {3} 銷售額、{4} 利潤（按 {5} 利潤率）。",
        ],
        "assumptions" => ["Assumptions", "假设", "假設"],
        "sat_title" => ["Satisfaction: what customers got against what they expected", "顾客满意：实际感受与期望的比较", "顧客滿意：實際感受與期望的比較"],
        "sat_lede" => [
            "Satisfaction is performance measured against expectation: ratings and survey scores, and whether deliveries kept their promise.",
            "满意度是实际表现与期望的比较：评分与问卷得分，以及交付是否兑现承诺。",
            "滿意度是實際表現與期望的比較：評分與問卷得分，以及交付是否兌現承諾。",
        ],
        "average_rating" => ["Average rating", "平均评分", "平均評分"],
        "csat_reviews" => ["Satisfied (4–5★)", "满意率（4–5 星）", "滿意率（4–5 星）"],
        "nps" => ["Net Promoter Score", "净推荐值（NPS）", "淨推薦值（NPS）"],
        "csat_survey" => ["CSAT (survey, top-2)", "顾客满意度（问卷，前两档）", "顧客滿意度（問卷，前兩檔）"],
        "ces_easy" => ["Found it easy (CES 5–7)", "觉得容易（CES 5–7）", "覺得容易（CES 5–7）"],
        "on_time" => ["Delivered on the promised day", "按承诺日期送达", "按承諾日期送達"],
        "late" => ["Delivered late", "延迟送达", "延遲送達"],
        "stars" => ["Stars", "星级", "星級"],
        "reviews" => ["Reviews", "评价数", "評價數"],
        "rating_dist" => ["Ratings", "评分分布", "評分分佈"],
        "rating_dist_desc" => ["Bar chart: number of reviews per star rating.", "柱状图：各星级的评价数量。", "長條圖：各星級的評價數量。"],
        "csat_trend" => ["Satisfied share per month", "每月满意率", "每月滿意率"],
        "csat_trend_desc" => ["Line chart: share of 4–5 star reviews per month.", "折线图：每月 4–5 星评价的比例。", "折線圖：每月 4–5 星評價的比例。"],
        "more_than_noise" => ["more than noise", "超出随机波动", "超出隨機波動"],
        "within_noise" => ["within noise", "在随机波动范围内", "在隨機波動範圍內"],
        "not_enough_data" => ["not enough data", "数据不足", "資料不足"],
        "measure" => ["Measure", "指标", "指標"],
        "verdict" => ["Verdict", "结论", "結論"],
        "compare_title" => ["Measure, improve, measure again: this period against the last", "测量、改进、再测量：本期与上期对比", "測量、改進、再測量：本期與上期對比"],
        "compare_note" => ["A change counts as more than noise when p < 0.05.", "p < 0.05 时视为超出随机波动。", "p < 0.05 時視為超出隨機波動。"],
        "mean_rating" => ["mean rating", "平均评分", "平均評分"],
        "miss_days" => ["Days late (+) or early (−)", "延迟（+）或提前（−）天数", "延遲（+）或提前（−）天數"],
        "delivery_title" => ["Delivery against promise", "交付与承诺的差距", "交付與承諾的差距"],
        "delivery_desc" => ["Bar chart: orders by days delivered after (+) or before (−) the promised day.", "柱状图：按实际送达比承诺晚（+）或早（−）的天数统计订单。", "長條圖：按實際送達比承諾晚（+）或早（−）的天數統計訂單。"],
        "delivery_note" => ["0 = delivered on the promised day.", "0 = 在承诺当天送达。", "0 = 在承諾當天送達。"],
        "rating_model" => [
            "Ratings fall as deliveries run late: an on-time order is rated {0}★ on average, and each day late costs {1}★ (± {2}), fitted on {3} rated orders.",
            "延迟送达会拉低评分：准时订单平均 {0} 星，每晚一天降低 {1} 星（± {2}），基于 {3} 笔有评分的订单拟合。",
            "延遲送達會拉低評分：準時訂單平均 {0} 星，每晚一天降低 {1} 星（± {2}），基於 {3} 筆有評分的訂單擬合。",
        ],
        "voice_title" => ["In customers' words", "顾客的原话", "顧客的原話"],
        "lowest_rated" => ["The lowest-rated reviews:", "评分最低的评价：", "評分最低的評價："],
        "low_terms" => ["Words of low ratings: ", "低评分常见词：", "低評分常見詞："],
        "high_terms" => ["Words of high ratings: ", "高评分常见词：", "高評分常見詞："],
        "below_target" => ["below the target of", "低于目标", "低於目標"],
        "above_target" => ["above the target of", "高于目标", "高於目標"],
        "near_target" => ["not clearly below the target of", "未明显低于目标", "未明顯低於目標"],
        "complaints_title" => ["Complaints and service recovery", "投诉与服务补救", "投訴與服務補救"],
        "complaints_lede" => [
            "One complaint stands for many silent unhappy customers; a complaint handled well can win trust back.",
            "一位投诉的顾客背后有许多沉默的不满顾客；妥善处理投诉可以重新赢得信任。",
            "一位投訴的顧客背後有許多沉默的不滿顧客；妥善處理投訴可以重新贏得信任。",
        ],
        "complaint_rate" => ["Complaints per order", "订单投诉率", "訂單投訴率"],
        "complaint_customers" => ["Customers who complained", "投诉顾客占比", "投訴顧客占比"],
        "resolution_rate" => ["Complaints resolved", "投诉解决率", "投訴解決率"],
        "resolution_days" => ["Median days to resolve", "解决天数中位数", "解決天數中位數"],
        "resolution_hours" => ["Median hours to resolve", "解决时长中位数（小时）", "解決時長中位數（小時）"],
        "hours_unit" => ["hours", "小时", "小時"],
        "category" => ["Category", "类别", "類別"],
        "tickets" => ["Tickets", "工单数", "工單數"],
        "categories" => ["What customers complain about", "投诉类别", "投訴類別"],
        "categories_desc" => ["Bar chart: complaints per category.", "条形图：各类别的投诉数量。", "條形圖：各類別的投訴數量。"],
        "iceberg_title" => ["The complaint iceberg", "投诉冰山", "投訴冰山"],
        "iceberg" => [
            "{0} customers complained. At {3} silent unhappy customers per complaint, about {1} more were unhappy without saying so, and at {4} people told per unhappy customer, word of mouth may have reached about {2} people.",
            "{0} 位顾客投诉。按每位投诉者背后 {3} 位沉默的不满顾客估算，另有约 {1} 位顾客不满但未表达；按每位不满顾客告诉 {4} 人估算，负面口碑可能传到约 {2} 人。",
            "{0} 位顧客投訴。按每位投訴者背後 {3} 位沉默的不滿顧客估算，另有約 {1} 位顧客不滿但未表達；按每位不滿顧客告訴 {4} 人估算，負面口碑可能傳到約 {2} 人。",
        ],
        "group" => ["Group", "组别", "組別"],
        "silent_per_complaint" => ["Silent unhappy customers per complaint", "每位投诉者背后沉默的不满顾客", "每位投訴者背後沉默的不滿顧客"],
        "told_per_unhappy" => ["People told per unhappy customer", "每位不满顾客告诉的人数", "每位不滿顧客告訴的人數"],
        "repurchase_rate" => ["Bought again", "再次购买比例", "再次購買比例"],
        "resolved" => ["Complaint resolved", "投诉已解决", "投訴已解決"],
        "unresolved" => ["Complaint not resolved", "投诉未解决", "投訴未解決"],
        "no_ticket" => ["No complaint", "未投诉", "未投訴"],
        "recovery_title" => ["Service recovery: who buys again", "服务补救：谁会再次购买", "服務補救：誰會再次購買"],
        "recovery_note" => [
            "Customers followed for at least 60 days; a comparison of groups, not proof of cause.",
            "仅包含至少有 60 天跟踪期的顾客；这是组间比较，不代表因果关系。",
            "僅包含至少有 60 天追蹤期的顧客；這是組間比較，不代表因果關係。",
        ],
        "survey_title" => ["Survey: the satisfaction index and where to work first", "问卷：满意度指数与优先改进方向", "問卷：滿意度指數與優先改進方向"],
        "survey_lede" => ["{0} respondents; importance is derived against “{1}”.", "{0} 位受访者；重要性根据“{1}”推导。", "{0} 位受訪者；重要性根據「{1}」推導。"],
        "sat_index" => ["Satisfaction index", "满意度指数", "滿意度指數"],
        "weight" => ["weight", "权重", "權重"],
        "weakest_links" => ["Weakest links (points lost from the index)", "薄弱环节（指数失分）", "薄弱環節（指數失分）"],
        "item" => ["Item", "项目", "項目"],
        "items" => ["Items", "项目", "項目"],
        "indicator" => ["Indicator", "指标", "指標"],
        "score" => ["Score (0–100)", "得分（0–100）", "得分（0–100）"],
        "points_lost" => ["Points lost", "失分", "失分"],
        "importance" => ["Importance", "重要性", "重要性"],
        "performance" => ["Performance", "表现", "表現"],
        "quadrant" => ["Quadrant", "象限", "象限"],
        "ipa_title" => ["Importance against performance", "重要性-表现分析", "重要性-表現分析"],
        "ipa_desc" => [
            "Scatter chart: each survey item by importance (across) and performance (up), with cross-hairs at the means.",
            "散点图：各问卷项目的重要性（横轴）与表现（纵轴），十字线为平均值。",
            "散點圖：各問卷項目的重要性（橫軸）與表現（縱軸），十字線為平均值。",
        ],
        "q_concentrate" => ["Concentrate here", "重点改进", "重點改進"],
        "q_keep_up" => ["Keep up the good work", "继续保持", "繼續保持"],
        "q_low_priority" => ["Low priority", "低优先级", "低優先級"],
        "q_overkill" => ["Possible overkill", "可能过度投入", "可能過度投入"],
        "work_first" => ["Work first on (important, below par): {0}", "优先改进（重要且低于平均）：{0}", "優先改進（重要且低於平均）：{0}"],
        "below_par_later" => ["Below par but less important, after that: {0}", "低于平均但较不重要，其次：{0}", "低於平均但較不重要，其次：{0}"],
        "nothing_important_below_par" => ["No important item is below par", "没有重要项目低于平均", "沒有重要項目低於平均"],
        "nothing_below_par" => ["No item is below par", "没有项目低于平均", "沒有項目低於平均"],
        "drivers_title" => ["The five drivers of loyalty", "顾客忠诚的五大驱动因素", "顧客忠誠的五大驅動因素"],
        "driver" => ["Driver", "驱动因素", "驅動因素"],
        "r_overall" => ["r with satisfaction", "与满意度的相关", "與滿意度的相關"],
        "r_repurchase" => ["r with buying again", "与再次购买的相关", "與再次購買的相關"],
        "gaps_title" => ["Expectation gaps (perceived − expected)", "期望差距（感知 − 期望）", "期望差距（感知 − 期望）"],
        "dimension" => ["Dimension", "维度", "維度"],
        "gap" => ["Gap", "差距", "差距"],
        "kano_title" => ["Kano: basic, performance and excitement quality", "卡诺模型：基本、绩效与激励质量", "卡諾模型：基本、績效與激勵質量"],
        "feature" => ["Feature", "功能", "功能"],
        "kano_class" => ["Class", "类别", "類別"],
        "clv_title" => ["Lifetime value: what customers are likely to buy next", "顾客终身价值：顾客接下来可能购买多少", "顧客終身價值：顧客接下來可能購買多少"],
        "clv_lede" => [
            "{0} fitted on the orders up to {1}; predictions for the next {2} {3}.",
            "基于截至 {1} 的订单拟合 {0}；预测未来 {2} {3}。",
            "基於截至 {1} 的訂單擬合 {0}；預測未來 {2} {3}。",
        ],
        "unit_day" => ["days", "天", "天"],
        "unit_week" => ["weeks", "周", "週"],
        "unit_month" => ["months", "个月", "個月"],
        "expected_purchases" => ["Expected repeat purchases", "预计重复购买次数", "預計重複購買次數"],
        "next_n_units" => ["next {0} {1}", "未来 {0} {1}", "未來 {0} {1}"],
        "total_clv" => ["Customer lifetime value (all customers)", "顾客终身价值（全部顾客）", "顧客終身價值（全部顧客）"],
        "clv_terms" => ["{0} months, {1} monthly discount", "{0} 个月，月折现率 {1}", "{0} 個月，月折現率 {1}"],
        "mean_p_alive" => ["Average chance a customer is still active", "顾客仍活跃的平均概率", "顧客仍活躍的平均機率"],
        "new_customer_purchases" => ["Repeat purchases of a new customer", "新顾客的预计重复购买", "新顧客的預計重複購買"],
        "trust_good" => ["Good enough to plan with", "可用于规划", "可用於規劃"],
        "trust_fair" => ["Rough planning only", "仅供粗略规划", "僅供粗略規劃"],
        "trust_poor" => ["Do not rely on it", "不宜依赖", "不宜依賴"],
        "holdout_title" => ["Does {0} predict this shop? Fitted to {1}, checked to {2}", "{0} 能预测本店吗？拟合至 {1}，检验至 {2}", "{0} 能預測本店嗎？擬合至 {1}，檢驗至 {2}"],
        "holdout_desc" => [
            "Line chart: cumulative repeat purchases in the holdout period, actual against predicted.",
            "折线图：检验期内累计重复购买次数，实际与预测对比。",
            "折線圖：檢驗期內累計重複購買次數，實際與預測對比。",
        ],
        "actual" => ["Actual", "实际", "實際"],
        "predicted" => ["Predicted", "预测", "預測"],
        "repeat_purchases_before" => ["Repeat purchases before", "此前重复购买次数", "此前重複購買次數"],
        "models_title" => ["Models", "模型", "模型"],
        "contact_title" => ["Customers worth a message now", "现在值得联系的顾客", "現在值得聯繫的顧客"],
        "contact_rule" => [
            "{0} customers are slipping away: a 30–70% chance they are still active, and no order for longer than the usual gap between orders ({2} days). These are the {1} who have spent the most. Above 70% customers are still buying; below 30% they are probably gone.",
            "{0} 位顾客正在流失：仍活跃的概率为 30%–70%，且距上次下单已超过通常的复购间隔（{2} 天）。这里列出其中消费最多的 {1} 位。高于 70% 的仍在购买，低于 30% 的多半已经流失。",
            "{0} 位顧客正在流失：仍活躍的機率為 30%–70%，且距上次下單已超過通常的回購間隔（{2} 天）。這裡列出其中消費最多的 {1} 位。高於 70% 的仍在購買，低於 30% 的多半已經流失。",
        ],
        "contact_rule_orders" => [
            "{0} customers are slipping away: a 30–70% chance they are still active, and no order for longer than the usual gap between orders ({2} days). These are the {1} with the most orders. Above 70% customers are still buying; below 30% they are probably gone.",
            "{0} 位顾客正在流失：仍活跃的概率为 30%–70%，且距上次下单已超过通常的复购间隔（{2} 天）。这里列出其中订单最多的 {1} 位。高于 70% 的仍在购买，低于 30% 的多半已经流失。",
            "{0} 位顧客正在流失：仍活躍的機率為 30%–70%，且距上次下單已超過通常的回購間隔（{2} 天）。這裡列出其中訂單最多的 {1} 位。高於 70% 的仍在購買，低於 30% 的多半已經流失。",
        ],
        "contact_customer" => ["Customer", "顾客", "顧客"],
        "contact_orders" => ["Orders", "订单数", "訂單數"],
        "contact_last" => ["Last order", "最近下单", "最近下單"],
        "contact_spent" => ["Spent", "消费金额", "消費金額"],
        "contact_alive" => ["Still active", "仍活跃概率", "仍活躍機率"],
        "contact_next90" => ["Chance of an order in 90 days", "90 天内下单概率", "90 天內下單機率"],
        "models_compare_title" => ["The models on the holdout: which one to use", "各模型在检验期的表现：该用哪一个", "各模型在檢驗期的表現：該用哪一個"],
        "compare_error" => ["Error", "误差", "誤差"],
        "first_order_all" => ["All customers", "全部顾客", "全部顧客"],
        "first_order_no_code" => ["No code", "未使用优惠码", "未使用優惠碼"],
        "first_order_no_product" => ["No product given", "未注明商品", "未註明商品"],
        "first_order_code" => ["First order's discount code", "首单优惠码", "首單優惠碼"],
        "first_order_product" => ["First order's product", "首单商品", "首單商品"],
        "first_order_title_code" => [
            "Which first orders bring customers who stay: value per customer by the first order's discount code",
            "哪种首单带来留得住的顾客：按首单优惠码计的每位顾客价值",
            "哪種首單帶來留得住的顧客：按首單優惠碼計的每位顧客價值",
        ],
        "first_order_title_product" => [
            "Which first orders bring customers who stay: value per customer by the first order's product",
            "哪种首单带来留得住的顾客：按首单商品计的每位顾客价值",
            "哪種首單帶來留得住的顧客：按首單商品計的每位顧客價值",
        ],
        "first_order_desc" => [
            "Cumulative revenue per customer ({0}) by months since the first order, for all customers and for the largest groups by first order",
            "按距首单月数计的每位顾客累计收入（{0}），全部顾客及按首单分组的最大几组",
            "按距首單月數計的每位顧客累計收入（{0}），全部顧客及按首單分組的最大幾組",
        ],
        "first_order_note_code" => [
            "Revenue in each customer's first 12 months from the first order: what they have spent so far, and for the months not reached yet what {0} and the Gamma-Gamma spend model expect (undiscounted). All customers: {1} {2} each. Groups of at least 20 customers. Observational: customers who chose a code may differ in other ways too.",
            "每位顾客自首单起前 12 个月的收入：已发生的按实际消费计，尚未到达的月份按 {0} 与 Gamma-Gamma 消费模型的预期计（不折现）。全部顾客：每位 {1} {2}。仅列出不少于 20 位顾客的分组。此为观察性比较：使用优惠码的顾客在其他方面也可能不同。",
            "每位顧客自首單起前 12 個月的收入：已發生的按實際消費計，尚未到達的月份按 {0} 與 Gamma-Gamma 消費模型的預期計（不折現）。全部顧客：每位 {1} {2}。僅列出不少於 20 位顧客的分組。此為觀察性比較：使用優惠碼的顧客在其他方面也可能不同。",
        ],
        "first_order_note_product" => [
            "Revenue in each customer's first 12 months from the first order: what they have spent so far, and for the months not reached yet what {0} and the Gamma-Gamma spend model expect (undiscounted). All customers: {1} {2} each. Groups of at least 20 customers. Observational: customers who first bought a product may differ in other ways too.",
            "每位顾客自首单起前 12 个月的收入：已发生的按实际消费计，尚未到达的月份按 {0} 与 Gamma-Gamma 消费模型的预期计（不折现）。全部顾客：每位 {1} {2}。仅列出不少于 20 位顾客的分组。此为观察性比较：首单购买某商品的顾客在其他方面也可能不同。",
            "每位顧客自首單起前 12 個月的收入：已發生的按實際消費計，尚未到達的月份按 {0} 與 Gamma-Gamma 消費模型的預期計（不折現）。全部顧客：每位 {1} {2}。僅列出不少於 20 位顧客的分組。此為觀察性比較：首單購買某商品的顧客在其他方面也可能不同。",
        ],
        "months_since_first" => ["{0} mo", "{0}个月", "{0}個月"],
        "first_year_value" => ["First-year value per customer", "首年每位顾客价值", "首年每位顧客價值"],
        "predicted_share" => ["Predicted share", "预测占比", "預測佔比"],
        "after_months" => ["{0} months", "{0} 个月", "{0} 個月"],
        "after_one_month" => ["1 month", "1 个月", "1 個月"],
        "cohort_value_title" => [
            "Value per customer by acquisition month ({0}, cumulative)",
            "按获客月份计的每位顾客价值（{0}，累计）",
            "按獲客月份計的每位顧客價值（{0}，累計）",
        ],
        "cohort_value_note" => [
            "Revenue per customer from the first order on, after 1, 3, 6 and 12 months. A * marks a figure that includes months the cohort has not reached yet, filled by what {0} and the Gamma-Gamma expect of its customers.",
            "自首单起每位顾客的累计收入，分别计至 1、3、6、12 个月。标 * 的数字包含该同期群尚未到达的月份，按 {0} 与 Gamma-Gamma 对其顾客的预期填补。",
            "自首單起每位顧客的累計收入，分別計至 1、3、6、12 個月。標 * 的數字包含該同期群尚未到達的月份，按 {0} 與 Gamma-Gamma 對其顧客的預期填補。",
        ],
        "compare_used" => ["Used here", "本页采用", "本頁採用"],
        "compare_yes" => ["✓ used", "✓ 采用", "✓ 採用"],
        "primary_best" => [
            "The figures above use {0}: of the models fitted before the holdout, it came closest to the repeat purchases that followed ({1}).",
            "上面的数字采用 {0}：在检验期之前拟合的模型中，它对其后重复购买的预测最接近实际（{1}）。",
            "上面的數字採用 {0}：在檢驗期之前擬合的模型中，它對其後重複購買的預測最接近實際（{1}）。",
        ],
        "primary_none" => [
            "No model predicted the holdout well enough (closest: {1}, {2}); the figures above use {0} and their totals are rough. Still usable: the ranking of customers by the chance they are still active (who to contact first), and the history figures — repeat rate, cohorts, RFM — which rest on no model.",
            "没有模型能足够准确地预测检验期（最接近的是 {1}，{2}）；上面的数字采用 {0}，其总量只能作粗略参考。仍然可用的：按顾客仍活跃概率排出的先后（先联系谁），以及不依赖任何模型的历史数字——复购率、同期群、RFM。",
            "沒有模型能足夠準確地預測檢驗期（最接近的是 {1}，{2}）；上面的數字採用 {0}，其總量只能作粗略參考。仍然可用的：按顧客仍活躍機率排出的先後（先聯繫誰），以及不依賴任何模型的歷史數字——回購率、同期群、RFM。",
        ],
        "primary_other" => [
            "The figures above use {0}, as set in the options (or the only model fitted on all the history); {1} came closer on the holdout ({2}).",
            "上面的数字采用 {0}（按选项设定，或它是在全部历史上唯一拟合成功的模型）；{1} 在检验期的预测更接近实际（{2}）。",
            "上面的數字採用 {0}（按選項設定，或它是在全部歷史上唯一擬合成功的模型）；{1} 在檢驗期的預測更接近實際（{2}）。",
        ],
        "primary_none_nobest" => [
            "The holdout had too few repeat purchases to judge the models; the figures above use {0}.",
            "检验期内的重复购买太少，无法判断各模型；上面的数字采用 {0}。",
            "檢驗期內的重複購買太少，無法判斷各模型；上面的數字採用 {0}。",
        ],
        "model" => ["Model", "模型", "模型"],
        "parameters" => ["Parameters (± standard error)", "参数（± 标准误）", "參數（± 標準誤）"],
        "loglik" => ["Log-likelihood", "对数似然", "對數似然"],
        "clv_note" => [
            "Maximum likelihood; intervals cover parameter uncertainty only. CLV = expected spend × expected purchases per month, discounted monthly (the lifetimes convention).",
            "最大似然估计；区间仅反映参数不确定性。终身价值 = 预计客单价 × 每月预计购买次数，按月折现（lifetimes 惯例）。",
            "最大概似估計；區間僅反映參數不確定性。終身價值 = 預計客單價 × 每月預計購買次數，按月折現（lifetimes 慣例）。",
        ],
        _ => match super::i18n_trust::texts(key) { Some(x) => x, None => return "?" },
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
