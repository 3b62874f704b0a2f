//! Notes, warnings and verdicts that metrics return as typed values (a variant with its
//! figures), written in the reader's language by the views: English, simplified and
//! traditional Chinese. In the JSON a note is its English sentence, so the scorecard's schema
//! keeps `messages: string[]`.
//!
//! Metrics still write some notes as English sentences ([`Note::Text`]); they move to typed
//! variants one at a time, and the test of the Chinese page (tests/zh_prose.rs) fails on any
//! that reaches the sample shop's page.
//!
//! ```
//! use loyalty_scorecard::messages::Note;
//! use loyalty_scorecard::view::Lang;
//! let n = Note::ModelOff { model: "Pareto/NBD" };
//! assert_eq!(n.en(), "Pareto/NBD: not fitted (turned off in the options)");
//! assert_eq!(n.text(Lang::ZhCn), "Pareto/NBD：未拟合（已在选项中关闭）");
//! assert_eq!(serde_json::to_string(&n).unwrap(), "\"Pareto/NBD: not fitted (turned off in the options)\"");
//! ```

use crate::view::Lang;
use serde::{Serialize, Serializer};

/// A satisfaction figure without its data ([`Note::Absent`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Absent {
    NoReviews,
    NoSurveyAnswers,
    NoSurveyScores,
    NoDelivery,
    NoResponseTimes,
    NoOrders,
    NoTickets,
    NoReviewText,
}

/// A part of the survey analysis a note is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Gaps,
    Kano,
    Ipa,
    Index,
    Drivers,
}

impl Part {
    fn name(self, lang: Lang) -> &'static str {
        let [en, cn, tw] = match self {
            Part::Gaps => ["gaps", "期望差距", "期望差距"],
            Part::Kano => ["Kano", "Kano 分类", "Kano 分類"],
            Part::Ipa => ["importance-performance", "重要性-表现分析", "重要性-表現分析"],
            Part::Index => ["index", "满意度指数", "滿意度指數"],
            Part::Drivers => ["drivers", "忠诚驱动因素", "忠誠驅動因素"],
        };
        lang.pick(en, cn, tw)
    }

    /// The part's name in the English notes (as the JSON has always written it).
    pub fn key(self) -> &'static str {
        match self {
            Part::Gaps => "gaps",
            Part::Kano => "kano",
            Part::Ipa => "ipa",
            Part::Index => "index",
            Part::Drivers => "drivers",
        }
    }
}

/// One note.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// A note about one part of the survey analysis.
    In { part: Part, note: Box<Note> },
    /// A part that could not be computed, and why.
    NotEnoughData(Box<Note>),
    /// Expectation gaps need items asked both ways, with `min_n` answer pairs.
    GapsNeedPairs { min_n: usize },
    /// A purchase model the options turned off.
    ModelOff { model: &'static str },
    /// BG/NBD's P(alive) of one-time buyers is 1 by construction.
    BgNbdOneTimeBuyers,
    /// A figure resting on fewer customers than the shop-level figures need.
    FewCustomers { n: u64 },
    /// A figure resting on fewer than `min` observations of a kind.
    SmallSample { n: u64, what: crate::metrics::satisfaction::Counted, min: u64 },
    /// A figure resting on one observation.
    Anecdote { what: crate::metrics::satisfaction::Counted },
    /// The orders have no money column.
    NoMoney,
    /// Orders in several currencies (each with its order count): the figures use `kept`'s
    /// `kept_orders` orders; `left_orders` in the `left` currencies are left out.
    CurrenciesKept { counts: Vec<(String, usize)>, kept: String, kept_orders: usize, left_orders: usize, left: Vec<String> },
    /// Orders in several currencies, every total converted into `base` at `rates`.
    CurrenciesConverted { counts: Vec<(String, usize)>, base: String, rates: Vec<(String, f64)> },
    /// Orders without a customer key left out of a multi-currency analysis.
    UnkeyedLeftOut { n: usize },
    /// A note about one input file (`file`: its name).
    OfFile { file: String, note: Box<Note> },
    /// Rows of a file that could not be used.
    RowsRejected { rejected: usize, read: usize },
    /// Rows whose customer cell is a placeholder (0, guest …).
    PlaceholderCustomers { rows: usize, column: String },
    /// Orders with no customer key at all, and their share of the rows used (%).
    OrdersWithoutCustomer { n: usize, percent: f64 },
    /// Many orders and not one customer with two: the customer column names each order (Olist's
    /// `customer_id`), not the customer.
    OneOrderPerCustomer { orders: usize, column: String },
    /// Customer ids that look rounded by a spreadsheet.
    RoundedIds { n: usize, column: String, example: String },
    /// Rows identical to an earlier row, kept (no order id to merge them by).
    IdenticalRows { n: usize },
    /// A column taken for a field from its values alone.
    ColumnFromValues { column: String, field: &'static str },
    /// Two columns of one name: the 1-based column read for `field`, and the other.
    SameName { name: String, field: &'static str, read: usize, other: usize },
    /// Cells of an optional column that could not be read (left empty, rows kept): how many,
    /// the first rows, one example value and what was expected.
    CellsIgnored { column: String, n: usize, rows: Vec<usize>, value: String, want: CellWant },
    /// Ratings on another scale, converted to 1-5.
    RatingScale { column: String, lo: f64, hi: f64 },
    /// Survey answers (`kind`: CSAT or CES) running beyond the usual scale.
    AnswerScale { column: String, kind: &'static str, max: f64, lo: f64, hi: f64 },
    /// Every date of a column could be day-first or month-first: read day-first.
    DatesAmbiguous { column: String, n: usize },
    /// Dates valid only day-first and others only month-first: the majority's order read.
    DatesMixed { column: String, day_first: usize, month_first: usize, month_first_read: bool },
    /// Orders before the start of the date range, left out.
    RangeLeftOut { n: usize, day: chrono::NaiveDate },
    /// Only the orders of one product, category or channel.
    ProductOnly { product: String, n: usize, of: usize },
    /// Orders after the analysis date, left out.
    LaterLeftOut { n: usize, day: chrono::NaiveDate },
    /// Orders dated far after the rest, kept out of the analysis date.
    FarFuture { n: usize, cut: chrono::NaiveDate },
    /// Cancelled or refunded orders left out of the loyalty figures.
    NotPurchases { n: u64 },
    /// Orders after the analysis date left out of the loyalty figures.
    AfterAnalysisDate { n: u64, day: chrono::NaiveDate },
    /// Orders with a negative or unreadable total left out.
    BadTotals { n: u64 },
    /// No completed order on or before the analysis date.
    NothingToMeasure { day: chrono::NaiveDate },
    /// Too few customers for rankings to mean much.
    FewToRank { n: usize },
    /// Every purchase on one day.
    OneDay,
    /// No customer bought on two different days.
    NoSecondDay,
    /// No money column: no revenue figures in the loyalty section.
    NoTotals,
    /// Revenue adds up to 0.
    ZeroRevenue,
    /// Too few gaps between purchases to derive the churn window: the default is used.
    DefaultChurnWindow { min_gaps: u64, days: u32 },
    /// The cohort averages cover fewer months than asked.
    CohortMonths { covered: u32, asked: u32 },
    /// No acquisition month complete yet.
    NoCompleteCohort,
    /// The trust ladder's "still active" by the churn window: no BG/NBD for P(alive).
    NoBgNbdForActive,
    /// Ratings, answers or tickets naming no customer with an order.
    OrphanAttitudes { n: u64 },
    /// No customer with an order has any attitude data.
    NoAttitudeData,
    /// No discount codes: earned against bought loyalty cannot be told apart.
    NoDiscountCodes,
    /// None of a kind to compute from.
    NoneOf { what: crate::metrics::satisfaction::Counted },
    /// A purchase model with too few customers.
    TooFewCustomers { model: &'static str, customers: usize, needed: usize },
    /// A purchase model with too few repeat buyers.
    TooFewRepeat { model: &'static str, repeat: usize, needed: usize },
    /// The spend model with too few repeat buyers of positive spend.
    SpendTooFew { customers: usize, needed: usize },
    /// No money column, so no spend model.
    SpendNoMoney,
    /// No spend model (why), so no CLV.
    NoSpendModel(Box<Note>),
    /// No purchase model could be fitted.
    NoPurchaseModel,
    /// The prediction horizon is not a positive number (`unit`: day, week or month).
    HorizonNotPositive { horizon: f64, unit: &'static str },
    /// Repeat buyers with a mean spend of 0 left out of the spend model's fit.
    ZeroSpendLeftOut { n: usize },
    /// A model's optimiser stopped before its convergence criterion.
    NotConverged { model: &'static str },
    /// A holdout end was given without a calibration end.
    HoldoutNeedsCalibration,
    /// The holdout check could not be made: its end is not after the calibration end.
    HoldoutNotAfter { calibration_end: chrono::NaiveDate, holdout_end: chrono::NaiveDate },
    /// The holdout check could not be made: nobody bought before the calibration end.
    NothingToValidate,
    /// No completed order, so no lifetime-value model.
    NoPurchaseHistory,
    /// Records dated after the analysis date, left out of the satisfaction figures.
    DatedAfter { n: usize, what: crate::metrics::satisfaction::Counted, day: chrono::NaiveDate },
    /// Cancelled orders left out of the satisfaction figures.
    CancelledLeftOut { n: usize },
    /// Ratings outside the 1–5 scale left out.
    RatingsOutOfScale { n: usize },
    /// Repurchase flags given for another number of survey responses: not used.
    RepurchaseFlagsIgnored { flags: usize, responses: usize },
    /// A survey question whose scale is not a range: not used.
    QuestionScaleInvalid { question: String, min: f64, max: f64 },
    /// A survey question's answers outside its scale, read as blanks.
    AnswersOutOfScale { question: String, n: usize, min: f64, max: f64 },
    /// A survey question for an item that already has a question of its kind: not used.
    QuestionRepeatsItem { question: String, item: String },
    /// A satisfaction figure without its data.
    Absent(Absent),
    /// A grouped summary without spend sums: no total CLV.
    NoSpendSums,
    /// No delivery times to set a promise from.
    NoDeliveries,
    /// A survey item left out for too few answers of a kind.
    ItemLeftOut { item: String, n: usize, min: usize, what: Answers },
    /// A Kano feature with too few answer pairs.
    KanoFewPairs { feature: String, n: usize, min: usize },
    /// A Kano feature missing its functional (or dysfunctional) question.
    KanoNoQuestion { feature: String, functional: bool },
    /// Kano answer pairs not coded 1-5, ignored.
    KanoBadPairs { feature: String, bad: usize },
    /// No Kano feature with both questions and enough answer pairs.
    KanoNoPair,
    /// No performance item with `min` answers (the satisfaction index).
    NoPerformanceItem { min: usize },
    /// No survey item with a score.
    NoItemScore,
    /// Importance-performance analysis needs two items with both; `found` had them.
    IpaFewItems { found: usize },
    /// No performance item with `min` answers tagged with a loyalty driver.
    NoDriverItem { min: usize },
    /// Fewer than `min` respondents with an expectation gap.
    FewGapRespondents { min: usize },
    /// Survey items that no loyalty driver takes.
    NoDriver { items: Vec<String> },
    /// No overall question: no importance against overall satisfaction.
    NoOverallQuestion,
    /// Derived index weights need an overall question: the given weights are used.
    GivenWeights,
    /// Items not placed in the index tree, scored under "other".
    UnplacedItems { items: Vec<String> },
    /// An item asked about expectation only.
    ExpectationOnly { item: String },
    /// Account of a file: a file given as orders whose header makes it a customer summary.
    SummaryFromHeader,
    /// Account of a file: read as the kind the options give (orders, reviews, survey, tickets,
    /// summary).
    KindFromOption { kind: &'static str },
    /// Account of a file: a Qualtrics export's three header lines.
    QualtricsHeaders,
    /// Account of a file: a SurveyMonkey export's two header lines.
    SurveyMonkeyHeaders,
    /// Account of a file: a survey column read as NPS, CSAT or CES (`typed`: a type column said
    /// so; else its values did).
    QuestionKindRead { column: String, kind: &'static str, typed: bool },
    /// Account of a file: a survey tool's own column, not a question.
    ToolColumn { column: String },
    /// Account of a file: a survey column switched off by the option question_kinds.
    ColumnOff { column: String },
    /// Account of a file: a survey column of text, not scores.
    TextColumn { column: String },
    /// Account of a file: numeric answers of no known kind.
    UnknownQuestion { column: String, min: f64, max: f64 },
    /// Account of a file: a customer summary's form.
    SummaryForm { grouped: bool, calibration_end: chrono::NaiveDate, unit: &'static str },
    /// Account of a file: cancelled and refunded orders counted as read, apart from revenue.
    KeptApart { cancelled: usize, refunded: usize },
    /// Account of a file: a shipped date, not a delivery date.
    ShippedNotDelivered,
    /// Account of a file: no money column.
    NoTotalColumn,
    /// Account of a file: each row an order line worth `amount` (a column), or `quantity` ×
    /// `price`, added up per order id.
    OrderLines { amount: Option<String>, quantity: String, price: String },
    /// Account of a file: how customers are keyed (column and share of orders for the customer
    /// column, the phone and the name, when used).
    KeyedBy { customer: Option<(String, f64)>, phone: Option<(String, f64)>, name: Option<(String, Option<String>, f64)> },
    /// Account of a file: partial refunds taken off totals, orders refunded in full.
    Refunds { column: String, partly: usize, taken_off: f64, in_full: usize },
    /// Account of a file: a total column of each line's amount; `n` further lines added.
    PerLineTotals { column: String, product: String, n: usize },
    /// Account of a file: line-item rows merged into their orders.
    LinesMerged { n: usize },
    /// Account of a file: exact repeats merged.
    RepeatsMerged { n: usize },
    /// Account of a file: the reviews a wide orders file's rating column gave.
    WideReviews { column: String, n: usize, text: Option<String> },
    /// Account of a file: the complaints a wide orders file's complaint column gave.
    WideComplaints { column: String, n: usize, resolved: Option<String> },
    /// An option that is not a number: its default was used.
    OptionNotNumber { option: &'static str },
    /// An option outside 0..1: clamped.
    OptionClamped { option: &'static str, value: f64 },
    /// churn_window_days 0: one day was used.
    ChurnWindowZero,
    /// A survey item placed by an option on a node the tree does not have.
    NodeNotInTree { item: String, node: String },
    /// An index node whose parts do not correlate positively with the outcome.
    NoPositiveCorrelation { node: String },
    /// Importance-performance items without the importance asked for.
    ItemsWithoutImportance { n: usize, stated: bool },
    /// A gap dimension with too few respondents.
    DimensionFewGaps { dimension: crate::metrics::satisfaction::survey::Label, min: usize },
    /// A second survey file with other questions.
    SurveyQuestionsDiffer { file: String },
    /// A customer summary and a date range or product filter.
    SummaryFixedRange,
    /// A customer summary given with orders files.
    SummaryNotCombined { file: String },
    /// A currency column of free text (over 64 values): revenue adds the amounts as they are.
    ManyCurrencies { currencies: Vec<String> },
    /// A second customer summary, not used.
    OnlyOneSummary { file: String, used: String },
    /// A customer summary's calibration end is its analysis date.
    SummaryAsOf { file: String, calibration_end: chrono::NaiveDate, asked: chrono::NaiveDate },
    /// A customer summary's calibration end is the calibration end.
    SummaryCalibrationEnd { file: String, calibration_end: chrono::NaiveDate, asked: chrono::NaiveDate },
    /// A customer summary's time unit is the unit.
    SummaryUnit { file: String, unit: &'static str, asked: &'static str },
    /// What a scorecard from a customer summary cannot have.
    FromSummary { file: String, grouped: bool, calibration_end: chrono::NaiveDate, absent: Vec<SummaryAbsent> },
    /// A summary's recency or T not in whole days of its unit.
    NotWholeDays { n: usize, unit: &'static str },
    /// A purchase model without observation time (every T = 0).
    ModelNoTime { model: &'static str },
    /// A purchase model given an invalid summary row.
    ModelBadRow { model: &'static str, row: usize },
    /// A purchase model's parameters not finite and positive.
    ModelBadParameters { model: &'static str },
    /// A purchase model whose likelihood could not be evaluated.
    ModelFitFailed { model: &'static str },
    /// A purchase model's parameter running off.
    ModelDegenerate { model: &'static str, parameter: &'static str, value: f64 },
    /// Spend that depends on frequency (Gamma-Gamma's assumption fails).
    SpendDependsOnFrequency { correlation: f64 },
    /// No spread in mean spend.
    SpendNoSpread,
    /// Gamma-Gamma parameters not valid.
    SpendBadParameters,
    /// The Gamma-Gamma fit without a finite optimum.
    SpendFitFailed { detail: String },
    /// A refund column in a file of order lines or parts, not applied.
    RefundsNotApplied { column: String },
    /// No NPS answers to measure.
    NoNpsAnswers,
    /// No resolved tickets to measure.
    NoResolvedTickets,
    /// An index node with negative or non-finite weights (set to 0).
    NegativeWeights { node: String },
    /// An index node whose weights are all 0 (equal weights used).
    ZeroWeights { node: String },
    /// Entered delivery times that cannot be used, and why (one of the calculator's reasons).
    BadDelays { reason: &'static str },
    /// A note still written as an English sentence.
    Text(String),
}

/// What a scorecard from a customer summary does not have ([`Note::FromSummary`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryAbsent {
    /// A grouped summary counts customers in groups, not orders.
    GroupedOrders,
    /// A per-customer summary without orders and revenue columns.
    NoOrderColumns,
    Cohorts,
    OrderFigures,
    Delivery,
    Holdout,
    Ratings,
}

impl Serialize for SummaryAbsent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text(Lang::En))
    }
}

impl SummaryAbsent {
    /// What is absent, in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let [en, cn, tw] = match self {
            SummaryAbsent::GroupedOrders => [
                "orders, revenue per order and the repeat-purchase rate by orders (a grouped summary counts customers in groups; the share of customers with a repeat purchase day is given instead)",
                "订单数、每单销售额和按订单计的复购率（分组汇总按组计顾客；改为给出有重复购买日的顾客占比）",
                "訂單數、每單銷售額和按訂單計的回購率（分組彙總按組計顧客；改為給出有重複購買日的顧客占比）",
            ],
            SummaryAbsent::NoOrderColumns => [
                "the headline orders, revenue and repeat-purchase rate (the summary has no orders and revenue columns)",
                "总订单数、销售额和复购率（汇总没有订单数和销售额列）",
                "總訂單數、銷售額和回購率（彙總沒有訂單數和銷售額欄）",
            ],
            SummaryAbsent::Cohorts => [
                "returning and new customers per month, and cohort retention by month of first purchase (they need each order's date)",
                "每月新老顾客和按首购月份的同期群留存（需要每笔订单的日期）",
                "每月新舊顧客和按首購月份的同期群留存（需要每筆訂單的日期）",
            ],
            SummaryAbsent::OrderFigures => [
                "RFM segments, revenue concentration (top 20%, Gini, value tiers), the leaky bucket and the churn window, time between orders (they need the orders)",
                "RFM 分群、销售额集中度（前 20%、基尼系数、价值层级）、漏桶和流失判定期、订单间隔（需要订单）",
                "RFM 分群、銷售額集中度（前 20%、吉尼係數、價值層級）、漏桶和流失判定期、訂單間隔（需要訂單）",
            ],
            SummaryAbsent::Delivery => [
                "delivery against the promised day and the cost of lateness in stars (they need each order's delivery)",
                "相对承诺日期的送达情况和延迟造成的评分损失（需要每笔订单的送达信息）",
                "相對承諾日期的送達情況和延遲造成的評分損失（需要每筆訂單的送達資訊）",
            ],
            SummaryAbsent::Holdout => [
                "the holdout check of the lifetime-value model (it needs the orders after the calibration end)",
                "顾客终身价值模型的留出期检验（需要校准截止日之后的订单）",
                "顧客終身價值模型的留出期檢驗（需要校準截止日之後的訂單）",
            ],
            SummaryAbsent::Ratings => ["ratings (no reviews file and no ratings columns)", "评分（没有评价文件，也没有评分列）", "評分（沒有評價檔案，也沒有評分欄）"],
        };
        lang.pick(en, cn, tw)
    }
}

/// A time unit's name in `lang` ("week", "周", "週").
fn unit_name(unit: &str, lang: Lang) -> &str {
    match (unit, lang) {
        (u, Lang::En) => u,
        ("day", _) => "天",
        ("week", Lang::ZhCn) => "周",
        ("week", _) => "週",
        _ => "月",
    }
}

/// What a survey item had too few of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answers {
    /// Answers.
    Any,
    /// Performance answers.
    Performance,
    /// Perceived/expected pairs.
    Pairs,
}

/// What a cell of an optional column should have held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellWant {
    Days,
    DeliveryDays,
    Rating,
    PlausibleDate,
    Date,
    NotBeforeOpening,
    Hours,
    PromisedDate,
    Amount,
}

impl CellWant {
    fn text(self, lang: Lang) -> &'static str {
        let [en, cn, tw] = match self {
            CellWant::Days => ["a number of days", "天数", "天數"],
            CellWant::DeliveryDays => ["a number of days (0 to 365)", "天数（0 至 365）", "天數（0 至 365）"],
            CellWant::Rating => ["a rating from 1 to 5", "1 至 5 的评分", "1 至 5 的評分"],
            CellWant::PlausibleDate => ["a date from 1995 to 2099", "1995 至 2099 年的日期", "1995 至 2099 年的日期"],
            CellWant::Date => ["a date", "日期", "日期"],
            CellWant::NotBeforeOpening => ["on or after the opening date", "不早于开单日期的日期", "不早於開單日期的日期"],
            CellWant::Hours => ["a number of hours", "小时数", "小時數"],
            CellWant::PromisedDate => ["a date 0 to 365 days after the order date", "下单日期之后 0 至 365 天内的日期", "下單日期之後 0 至 365 天內的日期"],
            CellWant::Amount => ["an amount of money, not above the order's total", "不超过订单金额的金额", "不超過訂單金額的金額"],
        };
        lang.pick(en, cn, tw)
    }
}

impl Note {
    /// The note in English.
    pub fn en(&self) -> String {
        self.text(Lang::En)
    }

    /// The note in `lang` (a [`Note::Text`] stays as written).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Note::In { part, note } => {
                let name = if lang == Lang::En { part.key() } else { part.name(lang) };
                lang.pick(format!("{name}: {}", note.text(lang)), format!("{name}：{}", note.text(lang)), format!("{name}：{}", note.text(lang)))
            }
            Note::NotEnoughData(why) => lang.pick(
                format!("not enough data: {}", why.text(lang)),
                format!("数据不足：{}", why.text(lang)),
                format!("資料不足：{}", why.text(lang)),
            ),
            Note::GapsNeedPairs { min_n } => lang.pick(
                format!("gaps need items with both a Performance and an Expectation question and {min_n}+ answer pairs"),
                format!("需要同时有“表现”和“期望”两道题、且至少 {min_n} 组成对回答的项目"),
                format!("需要同時有「表現」和「期望」兩道題、且至少 {min_n} 組成對回答的項目"),
            ),
            Note::ModelOff { model } => lang.pick(
                format!("{model}: not fitted (turned off in the options)"),
                format!("{model}：未拟合（已在选项中关闭）"),
                format!("{model}：未擬合（已在選項中關閉）"),
            ),
            Note::BgNbdOneTimeBuyers => lang.pick(
                "BG/NBD gives P(alive) = 1 to one-time buyers by construction (it only lets customers drop out after a repeat purchase); \
                 it does not mean they are active. See the Pareto/NBD or MBG/NBD for a P(alive) of one-time buyers."
                    .to_string(),
                "BG/NBD 模型按其设定给只购买一次的顾客 P(alive) = 1（它只允许顾客在重复购买之后流失），这并不表示他们仍然活跃。一次性顾客的 P(alive) 请看 Pareto/NBD 或 MBG/NBD。".to_string(),
                "BG/NBD 模型按其設定給只購買一次的顧客 P(alive) = 1（它只允許顧客在重複購買之後流失），這並不表示他們仍然活躍。一次性顧客的 P(alive) 請看 Pareto/NBD 或 MBG/NBD。".to_string(),
            ),
            Note::FewCustomers { n } => lang.pick(
                format!("only {n} customers: read this figure as a rough indication"),
                format!("只有 {n} 位顾客：此数字仅供粗略参考"),
                format!("只有 {n} 位顧客：此數字僅供粗略參考"),
            ),
            Note::SmallSample { n, what, min } => lang.pick(
                format!("only {n} {} (fewer than {min}): read this figure as a rough indication", what.word(Lang::En)),
                format!("只有 {n} {}（少于 {min}）：此数字仅供粗略参考", what.word(Lang::ZhCn)),
                format!("只有 {n} {}（少於 {min}）：此數字僅供粗略參考", what.word(Lang::ZhTw)),
            ),
            Note::Anecdote { what } => lang.pick(
                format!("only 1 of the {}: read this as an anecdote, not a figure", what.word(Lang::En)),
                format!("只有 1 {}：只能当作个例，不是统计数字", what.word(Lang::ZhCn)),
                format!("只有 1 {}：只能當作個例，不是統計數字", what.word(Lang::ZhTw)),
            ),
            Note::CurrenciesKept { counts, kept, kept_orders, left_orders, left } => {
                let list = currency_counts(counts);
                let (kept_n, left_n, left) = (crate::report::group(*kept_orders as u64), crate::report::group(*left_orders as u64), left.join(", "));
                lang.pick(
                    format!("orders in several currencies ({list}): the figures are in {kept}, from its {kept_n} orders; {left_n} orders in {left} are left out, so that no figure adds up different currencies (give exchange_rates to convert them, or choose the currency)"),
                    format!("订单涉及多种币种（{list}）：各项数字以 {kept} 计算，来自其 {kept_n} 笔订单；{left} 的 {left_n} 笔订单未计入，以免把不同币种相加（可提供汇率 exchange_rates 换算，或选择币种）"),
                    format!("訂單涉及多種幣別（{list}）：各項數字以 {kept} 計算，來自其 {kept_n} 筆訂單；{left} 的 {left_n} 筆訂單未計入，以免把不同幣別相加（可提供匯率 exchange_rates 換算，或選擇幣別）"),
                )
            }
            Note::CurrenciesConverted { counts, base, rates } => {
                let list = currency_counts(counts);
                let used = rates.iter().map(|(c, r)| format!("1 {c} = {r} {base}")).collect::<Vec<_>>().join(", ");
                lang.pick(
                    format!("orders in several currencies ({list}): every total is converted into {base} at the rates given ({used})"),
                    format!("订单涉及多种币种（{list}）：所有金额按所给汇率换算为 {base}（{used}）"),
                    format!("訂單涉及多種幣別（{list}）：所有金額按所給匯率換算為 {base}（{used}）"),
                )
            }
            Note::UnkeyedLeftOut { n } => lang.pick(
                format!("{n} orders without a customer key are left out: with orders in several currencies their currency is not kept"),
                format!("{n} 笔无顾客标识的订单未计入：订单涉及多种币种时，这些订单的币种未保留"),
                format!("{n} 筆無顧客標識的訂單未計入：訂單涉及多種幣別時，這些訂單的幣別未保留"),
            ),
            Note::NoMoney => lang.pick(
                "no money column in the orders: revenue is not known".to_string(),
                "订单文件没有金额列：销售额未知".to_string(),
                "訂單檔案沒有金額欄：銷售額未知".to_string(),
            ),
            Note::OfFile { file, note } => lang.pick(format!("{file}: {}", note.text(lang)), format!("{file}：{}", note.text(lang)), format!("{file}：{}", note.text(lang))),
            Note::RowsRejected { rejected, read } => lang.pick(
                format!("{rejected} of {read} rows could not be used (see the input account)"),
                format!("{read} 行中有 {rejected} 行无法使用（见输入文件说明）"),
                format!("{read} 列中有 {rejected} 列無法使用（見輸入檔案說明）"),
            ),
            Note::PlaceholderCustomers { rows, column } => lang.pick(
                format!("{rows} rows have a placeholder in '{column}' (0, guest, anonymous …): those orders are keyed by their phone or name when they have one, else counted without a customer, never as one customer"),
                format!("{rows} 行的「{column}」是占位值（0、guest、游客、匿名 …）：这些订单改用电话或姓名识别顾客，没有的则计为无顾客订单，绝不当作同一位顾客"),
                format!("{rows} 列的「{column}」是佔位值（0、guest、訪客、匿名 …）：這些訂單改用電話或姓名識別顧客，沒有的則計為無顧客訂單，絕不當作同一位顧客"),
            ),
            Note::OrdersWithoutCustomer { n, percent } => lang.pick(
                format!("{n} orders ({percent:.1}%) have no customer key (no e-mail, customer id, phone or name): they count in the orders and the revenue, not in the customer figures"),
                format!("{n} 笔订单（{percent:.1}%）没有顾客标识（无电子邮件、顾客编号、电话或姓名）：计入订单数和销售额，不计入顾客层面的数字"),
                format!("{n} 筆訂單（{percent:.1}%）沒有顧客標識（無電子郵件、顧客編號、電話或姓名）：計入訂單數和銷售額，不計入顧客層面的數字"),
            ),
            Note::OneOrderPerCustomer { orders, column } => lang.pick(
                format!("each of the {orders} orders has a customer of its own in '{column}': no customer ordered twice, which real shops of this size do not show; if this column is a key per order (a marketplace's order-level customer id), map the column that names the person (a unique customer id, the e-mail) or the repeat figures read 0"),
                format!("「{column}」中 {orders} 笔订单各有一位不同的顾客：没有任何顾客下过第二单，这种规模的真实店铺不会如此；如果这一列是每笔订单各自的编号（平台按订单生成的顾客编号），请改为映射标识顾客本人的列（唯一顾客编号、电子邮件），否则复购数字都会是 0"),
                format!("「{column}」中 {orders} 筆訂單各有一位不同的顧客：沒有任何顧客下過第二單，這種規模的真實商店不會如此；如果這一欄是每筆訂單各自的編號（平台按訂單產生的顧客編號），請改為對應標識顧客本人的欄（唯一顧客編號、電子郵件），否則回購數字都會是 0"),
            ),
            Note::RoundedIds { n, column, example } => lang.pick(
                format!("{n} customer ids in '{column}' look like numbers a spreadsheet rounded (e.g. {example}): customers whose ids were rounded to the same value count as one customer; export the ids as text"),
                format!("「{column}」中有 {n} 个顾客编号像是被电子表格四舍五入的数字（例如 {example}）：编号被舍入成同一值的顾客会被算作一位；请把编号导出为文本"),
                format!("「{column}」中有 {n} 個顧客編號像是被試算表四捨五入的數字（例如 {example}）：編號被捨入成同一值的顧客會被算作一位；請把編號匯出為文字"),
            ),
            Note::IdenticalRows { n } => lang.pick(
                format!("{n} rows are identical to an earlier row; without an order id they are kept as separate orders"),
                format!("{n} 行与前面某行完全相同；因没有订单编号，仍作为不同订单保留"),
                format!("{n} 列與前面某列完全相同；因沒有訂單編號，仍作為不同訂單保留"),
            ),
            Note::ColumnFromValues { column, field } => lang.pick(
                format!("column '{column}' was taken as {field} from its values (no header name matched); check it or give the mapping"),
                format!("列「{column}」是根据其值被当作 {field} 的（没有列名相符）；请核对，或指定列的对应"),
                format!("欄「{column}」是根據其值被當作 {field} 的（沒有欄名相符）；請核對，或指定欄的對應"),
            ),
            Note::SameName { name, field, read, other } => lang.pick(
                format!("two columns are named '{name}': {field} is read from column {read}, column {other} is not used (rename one, or give the mapping)"),
                format!("有两列都叫「{name}」：{field} 取自第 {read} 列，第 {other} 列未使用（请改名其中一列，或指定列的对应）"),
                format!("有兩欄都叫「{name}」：{field} 取自第 {read} 欄，第 {other} 欄未使用（請改名其中一欄，或指定欄的對應）"),
            ),
            Note::CellsIgnored { column, n, rows, value, want } => {
                let listed = rows.iter().map(usize::to_string).collect::<Vec<_>>().join(", ");
                let more = if *n > rows.len() { ", ..." } else { "" };
                let w = want.text(lang);
                lang.pick(
                    format!("column '{column}': {n} cells could not be read and were left empty, rows kept (rows {listed}{more}; e.g. '{value}' is not {w})"),
                    format!("列「{column}」：{n} 个单元格无法读取，已留空，行仍保留（第 {listed}{more} 行；例如「{value}」不是{w}）"),
                    format!("欄「{column}」：{n} 個儲存格無法讀取，已留空，列仍保留（第 {listed}{more} 列；例如「{value}」不是{w}）"),
                )
            }
            Note::RatingScale { column, lo, hi } => lang.pick(
                format!("column '{column}': ratings are on a {lo}-{hi} scale and were converted to 1-5 (1 + (x - {lo}) * 4 / {})", hi - lo),
                format!("列「{column}」：评分是 {lo}-{hi} 分制，已换算为 1-5 分（1 + (x - {lo}) * 4 / {}）", hi - lo),
                format!("欄「{column}」：評分是 {lo}-{hi} 分制，已換算為 1-5 分（1 + (x - {lo}) * 4 / {}）", hi - lo),
            ),
            Note::AnswerScale { column, kind, max, lo, hi } => lang.pick(
                format!("column '{column}': {kind} answers run to {max} so the scale is taken as {lo}-{hi}"),
                format!("列「{column}」：{kind} 回答最高到 {max}，因此按 {lo}-{hi} 分制计算"),
                format!("欄「{column}」：{kind} 回答最高到 {max}，因此按 {lo}-{hi} 分制計算"),
            ),
            Note::DatesAmbiguous { column, n } => lang.pick(
                format!("column '{column}': all {n} dates like 05/01/2024 could be day-first or month-first; read as day-first (5 January). Set date_order to month_first if that is wrong"),
                format!("列「{column}」：全部 {n} 个日期（如 05/01/2024）既可按日/月也可按月/日理解；已按日在前读取（1 月 5 日）。如不对，请把 date_order 设为 month_first"),
                format!("欄「{column}」：全部 {n} 個日期（如 05/01/2024）既可按日/月也可按月/日理解；已按日在前讀取（1 月 5 日）。如不對，請把 date_order 設為 month_first"),
            ),
            Note::DatesMixed { column, day_first, month_first, month_first_read } => {
                let [en, cn, tw] = if *month_first_read { ["month-first", "月在前", "月在前"] } else { ["day-first", "日在前", "日在前"] };
                lang.pick(
                    format!("column '{column}': {day_first} dates are only valid day-first and {month_first} only month-first; read as {en} (the other rows are rejected)"),
                    format!("列「{column}」：{day_first} 个日期只能按日在前理解，{month_first} 个只能按月在前理解；已按{cn}读取（其余行被拒绝）"),
                    format!("欄「{column}」：{day_first} 個日期只能按日在前理解，{month_first} 個只能按月在前理解；已按{tw}讀取（其餘列被拒絕）"),
                )
            }
            Note::RangeLeftOut { n, day } => lang.pick(
                format!("{n} orders dated before the start of the range {day} are left out; the figures describe the range only"),
                format!("{n} 笔早于日期范围起点 {day} 的订单未计入；各项数字只描述该范围"),
                format!("{n} 筆早於日期範圍起點 {day} 的訂單未計入；各項數字只描述該範圍"),
            ),
            Note::ProductOnly { product, n, of } => lang.pick(
                format!("only the orders of '{product}': {n} of {of} orders"),
                format!("只看「{product}」的订单：{of} 笔中的 {n} 笔"),
                format!("只看「{product}」的訂單：{of} 筆中的 {n} 筆"),
            ),
            Note::LaterLeftOut { n, day } => lang.pick(
                format!("{n} orders dated after the analysis date {day} are left out"),
                format!("{n} 笔晚于分析日期 {day} 的订单未计入"),
                format!("{n} 筆晚於分析日期 {day} 的訂單未計入"),
            ),
            Note::FarFuture { n, cut } => lang.pick(
                format!("{n} orders are dated more than a year after 99% of the orders (after {cut}): placeholder or mistyped dates? They are kept out of the analysis date; set the analysis date to include them"),
                format!("{n} 笔订单的日期比 99% 的订单晚一年以上（晚于 {cut}）：是占位或输错的日期吗？分析日期不按它们确定；如要包含它们，请设置分析日期"),
                format!("{n} 筆訂單的日期比 99% 的訂單晚一年以上（晚於 {cut}）：是佔位或輸錯的日期嗎？分析日期不按它們確定；如要包含它們，請設定分析日期"),
            ),
            Note::NotPurchases { n } => lang.pick(
                format!("{n} cancelled or refunded orders are not purchases and were left out"),
                format!("{n} 笔已取消或已退款的订单不算购买，未计入"),
                format!("{n} 筆已取消或已退款的訂單不算購買，未計入"),
            ),
            Note::AfterAnalysisDate { n, day } => lang.pick(
                format!("{n} orders dated after the analysis date {day} were left out"),
                format!("{n} 笔晚于分析日期 {day} 的订单未计入"),
                format!("{n} 筆晚於分析日期 {day} 的訂單未計入"),
            ),
            Note::BadTotals { n } => lang.pick(
                format!("{n} orders with a negative or non-numeric total were left out"),
                format!("{n} 笔金额为负数或无法读取的订单未计入"),
                format!("{n} 筆金額為負數或無法讀取的訂單未計入"),
            ),
            Note::NothingToMeasure { day } => lang.pick(
                format!("no completed orders on or before {day}: there is nothing to measure loyalty on"),
                format!("{day} 及之前没有已完成的订单：无从衡量忠诚度"),
                format!("{day} 及之前沒有已完成的訂單：無從衡量忠誠度"),
            ),
            Note::FewToRank { n } => lang.pick(
                format!("only {n} customers: RFM scores, tiers and top shares rank customers against each other and say little"),
                format!("只有 {n} 位顾客：RFM 评分、价值分层和头部占比都是顾客之间的相互排名，参考意义有限"),
                format!("只有 {n} 位顧客：RFM 評分、價值分層和頭部佔比都是顧客之間的相互排名，參考意義有限"),
            ),
            Note::OneDay => lang.pick(
                "all purchases are on one day: there is no time between purchases, no retention yet".to_string(),
                "所有购买都在同一天：还没有购买间隔，也还谈不上留存".to_string(),
                "所有購買都在同一天：還沒有購買間隔，也還談不上留存".to_string(),
            ),
            Note::NoSecondDay => lang.pick(
                "no customer bought on two different days: no time between purchases".to_string(),
                "没有顾客在两个不同的日子购买：没有购买间隔".to_string(),
                "沒有顧客在兩個不同的日子購買：沒有購買間隔".to_string(),
            ),
            Note::NoTotals => lang.pick(
                "the orders have no totals (no money column): revenue, spend, value tiers and revenue shares are not computed".to_string(),
                "订单没有金额（没有金额列）：不计算销售额、消费、价值分层和销售额占比".to_string(),
                "訂單沒有金額（沒有金額欄）：不計算銷售額、消費、價值分層和銷售額佔比".to_string(),
            ),
            Note::ZeroRevenue => lang.pick(
                "total revenue is 0: revenue shares, Gini and the Lorenz curve are undefined".to_string(),
                "总销售额为 0：销售额占比、基尼系数和洛伦兹曲线无从定义".to_string(),
                "總銷售額為 0：銷售額佔比、吉尼係數和羅倫茲曲線無從定義".to_string(),
            ),
            Note::DefaultChurnWindow { min_gaps, days } => lang.pick(
                format!("fewer than {min_gaps} gaps between purchases: the churn window is the default {days} days"),
                format!("购买间隔少于 {min_gaps} 个：流失判定期采用默认的 {days} 天"),
                format!("購買間隔少於 {min_gaps} 個：流失判定期採用預設的 {days} 天"),
            ),
            Note::CohortMonths { covered, asked } => lang.pick(
                format!("cohort averages cover months 0 to {covered} after acquisition: no cohort has a complete month {asked} yet"),
                format!("同期群平均值只涵盖获客后第 0 至第 {covered} 个月：还没有同期群完整经历第 {asked} 个月"),
                format!("同期群平均值只涵蓋獲客後第 0 至第 {covered} 個月：還沒有同期群完整經歷第 {asked} 個月"),
            ),
            Note::NoCompleteCohort => lang.pick(
                "no acquisition month is complete yet: cohort averages need at least one full month".to_string(),
                "还没有完整的获客月份：同期群平均值至少需要一个完整月份".to_string(),
                "還沒有完整的獲客月份：同期群平均值至少需要一個完整月份".to_string(),
            ),
            Note::NoBgNbdForActive => lang.pick(
                "P(alive) was asked for but no BG/NBD was fitted: \"still active\" uses the churn window".to_string(),
                "设定了按 P(alive) 判断，但没有拟合出 BG/NBD 模型：“仍活跃”改用流失判定期".to_string(),
                "設定了按 P(alive) 判斷，但沒有擬合出 BG/NBD 模型：「仍活躍」改用流失判定期".to_string(),
            ),
            Note::OrphanAttitudes { n } => lang.pick(
                format!("{n} ratings, survey answers or tickets name no customer with an order: left off the ladder"),
                format!("{n} 条评分、问卷回答或投诉对应不到有订单的顾客：未列入信任阶梯"),
                format!("{n} 筆評分、問卷回答或投訴對應不到有訂單的顧客：未列入信任階梯"),
            ),
            Note::NoAttitudeData => lang.pick(
                "no customer with an order has a rating, survey answer or complaint: the ladder has no attitude data".to_string(),
                "有订单的顾客都没有评分、问卷回答或投诉：信任阶梯没有态度数据".to_string(),
                "有訂單的顧客都沒有評分、問卷回答或投訴：信任階梯沒有態度資料".to_string(),
            ),
            Note::NoDiscountCodes => lang.pick(
                "earned against bought loyalty: no order has a discount code".to_string(),
                "赢得的与买来的忠诚：没有订单使用优惠码".to_string(),
                "贏得的與買來的忠誠：沒有訂單使用優惠碼".to_string(),
            ),
            Note::NoneOf { what } => lang.pick(format!("no {}", what.word(Lang::En)), format!("没有{}", what.word(Lang::ZhCn)), format!("沒有{}", what.word(Lang::ZhTw))),
            Note::TooFewCustomers { model, customers, needed } => lang.pick(
                format!("{model} needs at least {needed} customers, the data have {customers}; report the simple repeat-purchase rate instead"),
                format!("{model} 至少需要 {needed} 位顾客，数据中只有 {customers} 位；请改看简单的复购率"),
                format!("{model} 至少需要 {needed} 位顧客，資料中只有 {customers} 位；請改看簡單的回購率"),
            ),
            Note::TooFewRepeat { model, repeat, needed } => lang.pick(
                format!("{model} needs at least {needed} repeat buyers, the data have {repeat}; with (almost) only one-time buyers no repeat-purchase model can be estimated: report the repeat-purchase rate and average order value instead"),
                format!("{model} 至少需要 {needed} 位复购顾客，数据中只有 {repeat} 位；几乎都是一次性顾客时无法估计复购模型：请改看复购率和平均客单价"),
                format!("{model} 至少需要 {needed} 位回購顧客，資料中只有 {repeat} 位；幾乎都是一次性顧客時無法估計回購模型：請改看回購率和平均客單價"),
            ),
            Note::SpendTooFew { customers, needed } => lang.pick(
                format!("Gamma-Gamma needs at least {needed} repeat buyers with positive spend, the data have {customers}; use the plain average order value instead"),
                format!("Gamma-Gamma 至少需要 {needed} 位消费为正的复购顾客，数据中只有 {customers} 位；请改用平均客单价"),
                format!("Gamma-Gamma 至少需要 {needed} 位消費為正的回購顧客，資料中只有 {customers} 位；請改用平均客單價"),
            ),
            Note::SpendNoMoney => lang.pick(
                "the orders have no totals (no money column in the file): no spend model and no CLV".to_string(),
                "订单没有金额（文件中没有金额列）：没有消费模型，也没有顾客终身价值".to_string(),
                "訂單沒有金額（檔案中沒有金額欄）：沒有消費模型，也沒有顧客終身價值".to_string(),
            ),
            Note::NoSpendModel(why) => lang.pick(
                format!("no spend model: {}; CLV is not computed", why.text(lang)),
                format!("没有消费模型：{}；不计算顾客终身价值", why.text(lang)),
                format!("沒有消費模型：{}；不計算顧客終身價值", why.text(lang)),
            ),
            Note::HorizonNotPositive { horizon, unit } => {
                let u = match (lang, *unit) {
                    (Lang::En, u) => u.to_string(),
                    (_, "day") => "天".into(),
                    (_, "month") => "月".into(),
                    (Lang::ZhTw, _) => "週".into(),
                    _ => "周".into(),
                };
                lang.pick(
                    format!("horizon {horizon} is not a positive number of {u}s; expected purchases are over 0"),
                    format!("预测期 {horizon} {u}不是正数；预计购买次数按 0 计"),
                    format!("預測期 {horizon} {u}不是正數；預計購買次數按 0 計"),
                )
            }
            Note::ZeroSpendLeftOut { n } => lang.pick(
                format!("spend model: {n} repeat buyers with a mean spend of 0 (free orders, full discounts, gift cards) are left out of its fit; they still get an expected spend (pulled towards the average) and a CLV"),
                format!("消费模型：{n} 位平均消费为 0 的回头客（免费订单、全额折扣、礼品卡）未参与拟合；他们仍有预计单次消费（向平均值收缩）和终身价值"),
                format!("消費模型：{n} 位平均消費為 0 的回頭客（免費訂單、全額折扣、禮品卡）未參與擬合；他們仍有預計單次消費（向平均值收縮）和終身價值"),
            ),
            Note::NotConverged { model } => lang.pick(
                format!("{model}: the optimiser stopped before its convergence criterion; read its figures with care"),
                format!("{model}：优化在达到收敛标准前停止；请谨慎解读其数字"),
                format!("{model}：最佳化在達到收斂標準前停止；請謹慎解讀其數字"),
            ),
            Note::HoldoutNeedsCalibration => lang.pick(
                "a holdout end needs an explicit calibration end; no validation".to_string(),
                "检验期结束日需要同时给出拟合期结束日；未做检验".to_string(),
                "檢驗期結束日需要同時給出擬合期結束日；未做檢驗".to_string(),
            ),
            Note::HoldoutNotAfter { calibration_end, holdout_end } => lang.pick(
                format!("no validation: the holdout end {holdout_end} must be after the calibration end {calibration_end}"),
                format!("未做检验：检验期结束日 {holdout_end} 必须晚于拟合期结束日 {calibration_end}"),
                format!("未做檢驗：檢驗期結束日 {holdout_end} 必須晚於擬合期結束日 {calibration_end}"),
            ),
            Note::NothingToValidate => lang.pick(
                "no validation: no customers bought before the calibration end".to_string(),
                "未做检验：拟合期结束前没有顾客购买".to_string(),
                "未做檢驗：擬合期結束前沒有顧客購買".to_string(),
            ),
            Note::DatedAfter { n, what, day } => {
                use crate::metrics::satisfaction::Counted;
                let (en, cn, tw) = match what {
                    Counted::Tickets => ("tickets opened after", "张晚于", "張晚於"),
                    Counted::Answers => ("survey answers dated after", "份晚于", "份晚於"),
                    Counted::Reviews => ("reviews dated after", "条晚于", "則晚於"),
                    _ => ("orders dated after", "笔晚于", "筆晚於"),
                };
                let (noun_cn, noun_tw) = match what {
                    Counted::Tickets => ("开立的工单", "開立的工單"),
                    Counted::Answers => ("的问卷回答", "的問卷回答"),
                    Counted::Reviews => ("的评价", "的評價"),
                    _ => ("的订单", "的訂單"),
                };
                lang.pick(
                    format!("{n} {en} {day} left out"),
                    format!("{n} {cn} {day}{noun_cn}未计入"),
                    format!("{n} {tw} {day}{noun_tw}未計入"),
                )
            }
            Note::CancelledLeftOut { n } => lang.pick(
                format!("{n} cancelled orders left out (not purchases)"),
                format!("{n} 笔已取消的订单未计入（不算购买）"),
                format!("{n} 筆已取消的訂單未計入（不算購買）"),
            ),
            Note::RepurchaseFlagsIgnored { flags, responses } => lang.pick(
                format!("drivers: repurchase flags ignored: {flags} flags for {responses} responses"),
                format!("驱动因素：复购标记未使用：{flags} 个标记对应 {responses} 份答卷"),
                format!("驅動因素：回購標記未使用：{flags} 個標記對應 {responses} 份答卷"),
            ),
            Note::QuestionScaleInvalid { question, min, max } => lang.pick(
                format!("question '{question}' ignored: scale [{min}, {max}] is not a range"),
                format!("题目「{question}」未使用：量表 [{min}, {max}] 不是有效范围"),
                format!("題目「{question}」未使用：量表 [{min}, {max}] 不是有效範圍"),
            ),
            Note::AnswersOutOfScale { question, n, min, max } => lang.pick(
                format!("question '{question}': {n} answers outside [{min}, {max}] treated as blank"),
                format!("题目「{question}」：{n} 个超出 [{min}, {max}] 的回答按未作答处理"),
                format!("題目「{question}」：{n} 個超出 [{min}, {max}] 的回答按未作答處理"),
            ),
            Note::QuestionRepeatsItem { question, item } => lang.pick(
                format!("question '{question}' ignored: item '{item}' already has a question of this kind"),
                format!("题目「{question}」未使用：项目「{item}」已有同类题目"),
                format!("題目「{question}」未使用：項目「{item}」已有同類題目"),
            ),
            Note::RatingsOutOfScale { n } => lang.pick(
                format!("ratings: {n} ratings outside 1-5 left out"),
                format!("评分：{n} 个超出 1–5 的评分未计入"),
                format!("評分：{n} 個超出 1–5 的評分未計入"),
            ),
            Note::Absent(a) => {
                let [en, cn, tw] = match a {
                    Absent::NoReviews => ["ratings: no reviews", "评分：没有评价", "評分：沒有評價"],
                    Absent::NoSurveyAnswers => ["survey: no survey answers", "问卷：没有问卷回答", "問卷：沒有問卷回答"],
                    Absent::NoSurveyScores => ["survey: no NPS, CSAT or CES question", "问卷：没有净推荐值、满意度或费力度问题", "問卷：沒有淨推薦值、滿意度或費力度問題"],
                    Absent::NoDelivery => ["delivery: no delivered order with a promised delivery time", "配送：没有带承诺送达时间的已送达订单", "配送：沒有帶承諾送達時間的已送達訂單"],
                    Absent::NoResponseTimes => ["response time: no ticket with a first-response time", "响应时间：没有带首次响应时间的工单", "回應時間：沒有帶首次回應時間的工單"],
                    Absent::NoOrders => ["complaints: no orders", "投诉：没有订单", "投訴：沒有訂單"],
                    Absent::NoTickets => ["complaints: no tickets", "投诉：没有工单", "投訴：沒有工單"],
                    Absent::NoReviewText => ["review text: no review has text", "评价文字：没有带文字的评价", "評價文字：沒有帶文字的評價"],
                };
                lang.pick(en.to_string(), cn.to_string(), tw.to_string())
            }
            Note::NoPurchaseHistory => lang.pick(
                "no completed orders: lifetime-value models need purchase history".to_string(),
                "没有已完成的订单：终身价值模型需要购买记录".to_string(),
                "沒有已完成的訂單：終身價值模型需要購買記錄".to_string(),
            ),
            Note::NoSpendSums => lang.pick(
                "the grouped summary has no monetary_value_sum per purchase group: the total CLV is not computed".to_string(),
                "分组汇总没有每组的消费总额：无法计算终身价值总额".to_string(),
                "分組彙總沒有每組的消費總額：無法計算終身價值總額".to_string(),
            ),
            Note::NoPurchaseModel => lang.pick(
                "no purchase model could be fitted: report the repeat-purchase rate and average order value instead".to_string(),
                "无法拟合任何购买模型：请改看复购率和平均客单价".to_string(),
                "無法擬合任何購買模型：請改看回購率和平均客單價".to_string(),
            ),
            Note::NoDeliveries => lang.pick(
                "no delivered order with a delivery date; enter a typical and a worst-case delivery time".to_string(),
                "没有带收货日期的已送达订单；请输入一般和最坏情况下的送达时间".to_string(),
                "沒有帶收貨日期的已送達訂單；請輸入一般和最壞情況下的送達時間".to_string(),
            ),
            Note::ItemLeftOut { item, n, min, what } => {
                let [en, cn, tw] = match what {
                    Answers::Any => ["answers", "个回答", "個回答"],
                    Answers::Performance => ["performance answers", "个表现题回答", "個表現題回答"],
                    Answers::Pairs => ["perceived/expected pairs", "组感知/期望成对回答", "組感知/期望成對回答"],
                };
                lang.pick(
                    format!("item '{item}' left out: {n} {en} (need {min})"),
                    format!("项目「{item}」未计入：只有 {n} {cn}（需要 {min}）"),
                    format!("項目「{item}」未計入：只有 {n} {tw}（需要 {min}）"),
                )
            }
            Note::KanoFewPairs { feature, n, min } => lang.pick(
                format!("not enough data: feature '{feature}' has {n} answer pairs (need {min})"),
                format!("数据不足：功能「{feature}」只有 {n} 组成对回答（需要 {min}）"),
                format!("資料不足：功能「{feature}」只有 {n} 組成對回答（需要 {min}）"),
            ),
            Note::KanoNoQuestion { feature, functional } => {
                let [en, cn, tw] = if *functional { ["functional", "正向", "正向"] } else { ["dysfunctional", "反向", "反向"] };
                lang.pick(
                    format!("feature '{feature}' has no {en} question"),
                    format!("功能「{feature}」没有{cn}问题"),
                    format!("功能「{feature}」沒有{tw}問題"),
                )
            }
            Note::KanoNoPair => lang.pick(
                "no feature has a functional and a dysfunctional question with enough answers".to_string(),
                "没有任何功能同时具备正向和反向问题且回答足够".to_string(),
                "沒有任何功能同時具備正向和反向問題且回答足夠".to_string(),
            ),
            Note::NoPerformanceItem { min } => lang.pick(
                format!("no performance item has {min} or more answers"),
                format!("没有任何表现项目有 {min} 个以上回答"),
                format!("沒有任何表現項目有 {min} 個以上回答"),
            ),
            Note::NoItemScore => lang.pick("no item has a score".to_string(), "没有任何项目有得分".to_string(), "沒有任何項目有得分".to_string()),
            Note::IpaFewItems { found } => lang.pick(
                format!("IPA needs 2 or more items with performance and importance; found {found}"),
                format!("重要性-表现分析需要至少 2 个同时有表现和重要性的项目；只有 {found} 个"),
                format!("重要性-表現分析需要至少 2 個同時有表現和重要性的項目；只有 {found} 個"),
            ),
            Note::NoDriverItem { min } => lang.pick(
                format!("no performance item with {min}+ answers is tagged with a driver"),
                format!("没有任何有 {min} 个以上回答的表现项目归入驱动因素"),
                format!("沒有任何有 {min} 個以上回答的表現項目歸入驅動因素"),
            ),
            Note::FewGapRespondents { min } => lang.pick(
                format!("fewer than {min} respondents with a gap"),
                format!("有差距数据的受访者少于 {min} 位"),
                format!("有差距資料的受訪者少於 {min} 位"),
            ),
            Note::KanoBadPairs { feature, bad } => lang.pick(
                format!("feature '{feature}': {bad} answer pairs not coded 1-5 ignored"),
                format!("功能「{feature}」：{bad} 组不是 1-5 编码的成对回答已忽略"),
                format!("功能「{feature}」：{bad} 組不是 1-5 編碼的成對回答已忽略"),
            ),
            Note::NoDriver { items } => lang.pick(
                format!("items without a driver: {}", items.join(", ")),
                format!("没有对应驱动因素的项目：{}", items.join("、")),
                format!("沒有對應驅動因素的項目：{}", items.join("、")),
            ),
            Note::NoOverallQuestion => lang.pick(
                "no Overall, CSAT or NPS question: no importance against overall satisfaction".to_string(),
                "没有总体满意度、CSAT 或 NPS 问题：无法计算相对总体满意度的重要性".to_string(),
                "沒有總體滿意度、CSAT 或 NPS 問題：無法計算相對總體滿意度的重要性".to_string(),
            ),
            Note::GivenWeights => lang.pick(
                "derived weights need an Overall, CSAT or NPS question; using given weights".to_string(),
                "推导权重需要总体满意度、CSAT 或 NPS 问题；改用给定的权重".to_string(),
                "推導權重需要總體滿意度、CSAT 或 NPS 問題；改用給定的權重".to_string(),
            ),
            Note::UnplacedItems { items } => lang.pick(
                format!("items not placed in the tree, scored under 'other': {}", items.join(", ")),
                format!("未归入指标树的项目，计入「其他」：{}", items.join("、")),
                format!("未歸入指標樹的項目，計入「其他」：{}", items.join("、")),
            ),
            Note::ExpectationOnly { item } => lang.pick(
                format!("item '{item}' has an expectation but no performance question"),
                format!("项目「{item}」只有期望问题，没有表现问题"),
                format!("項目「{item}」只有期望問題，沒有表現問題"),
            ),
            Note::SummaryFromHeader => lang.pick(
                "given as orders; its header (frequency, recency, T) makes it a customer summary, read as one".to_string(),
                "按订单文件提供，但其表头（frequency、recency、T）表明是顾客汇总，已按顾客汇总读取".to_string(),
                "按訂單檔案提供，但其表頭（frequency、recency、T）表明是顧客彙總，已按顧客彙總讀取".to_string(),
            ),
            Note::KindFromOption { kind } => {
                let [cn, tw] = match *kind {
                    "orders" => ["订单", "訂單"],
                    "reviews" => ["评价", "評價"],
                    "survey" => ["问卷", "問卷"],
                    "tickets" => ["投诉工单", "投訴工單"],
                    _ => ["顾客汇总", "顧客彙總"],
                };
                lang.pick(format!("read as {kind} (option kind)"), format!("按{cn}读取（选项 kind）"), format!("按{tw}讀取（選項 kind）"))
            }
            Note::QualtricsHeaders => lang.pick(
                "a Qualtrics export: its second header line (the question texts) names the columns; its third (import ids) is not an answer".to_string(),
                "Qualtrics 导出文件：第二行表头（问题文字）作为列名，第三行（导入编号）不是答案".to_string(),
                "Qualtrics 匯出檔案：第二列表頭（問題文字）作為欄名，第三列（匯入編號）不是答案".to_string(),
            ),
            Note::SurveyMonkeyHeaders => lang.pick(
                "a SurveyMonkey export: its second header line (Response, the matrix rows and choices) is read into the column names".to_string(),
                "SurveyMonkey 导出文件：第二行表头（Response、矩阵题的行和选项）并入列名".to_string(),
                "SurveyMonkey 匯出檔案：第二列表頭（Response、矩陣題的列和選項）併入欄名".to_string(),
            ),
            Note::QuestionKindRead { column, kind, typed } => lang.pick(
                format!("column '{column}' is read as {kind} ({})", if *typed { "the survey type column says so" } else { "from its values" }),
                format!("「{column}」列按 {kind} 读取（{}）", if *typed { "问卷类型列如此标明" } else { "根据其数值判断" }),
                format!("「{column}」欄按 {kind} 讀取（{}）", if *typed { "問卷類型欄如此標明" } else { "根據其數值判斷" }),
            ),
            Note::ToolColumn { column } => lang.pick(
                format!("column '{column}' is the survey tool's own (not a question)"),
                format!("「{column}」列是问卷工具自带的（不是问题）"),
                format!("「{column}」欄是問卷工具自帶的（不是問題）"),
            ),
            Note::ColumnOff { column } => lang.pick(
                format!("column '{column}' is ignored (option question_kinds)"),
                format!("「{column}」列已忽略（选项 question_kinds）"),
                format!("「{column}」欄已忽略（選項 question_kinds）"),
            ),
            Note::TextColumn { column } => lang.pick(
                format!("column '{column}' holds text, not scores: not used as a question"),
                format!("「{column}」列是文字而不是分数：不作为问题使用"),
                format!("「{column}」欄是文字而不是分數：不作為問題使用"),
            ),
            Note::UnknownQuestion { column, min, max } => lang.pick(
                format!("column '{column}': numeric answers of no known kind (read as 'other', scale {min}-{max}; set question_kinds to use it)"),
                format!("「{column}」列：数值答案，类型未知（按「其他」读取，量表 {min}-{max}；如需使用请设置 question_kinds）"),
                format!("「{column}」欄：數值答案，類型未知（按「其他」讀取，量表 {min}-{max}；如需使用請設定 question_kinds）"),
            ),
            Note::SummaryForm { grouped, calibration_end, unit } => {
                let [cn, tw] = match *unit {
                    "day" => ["天", "天"],
                    "week" => ["周", "週"],
                    _ => ["月", "月"],
                };
                lang.pick(
                    format!("{} customer summary at the calibration end {calibration_end}, times in {unit}s", if *grouped { "grouped" } else { "per-customer" }),
                    format!("{}顾客汇总，校准截止日 {calibration_end}，时间以{cn}为单位", if *grouped { "分组的" } else { "逐位顾客的" }),
                    format!("{}顧客彙總，校準截止日 {calibration_end}，時間以{tw}為單位", if *grouped { "分組的" } else { "逐位顧客的" }),
                )
            }
            Note::KeptApart { cancelled, refunded } => lang.pick(
                format!("{cancelled} cancelled and {refunded} refunded orders are counted as read but kept apart from the orders and revenue"),
                format!("已取消 {cancelled} 笔、已退款 {refunded} 笔订单计入已读行，但不计入订单数和销售额"),
                format!("已取消 {cancelled} 筆、已退款 {refunded} 筆訂單計入已讀列，但不計入訂單數和銷售額"),
            ),
            Note::ShippedNotDelivered => lang.pick(
                "the shipped / fulfilled date is not a delivery date: delivery times are not computed from it".to_string(),
                "发货日期不是送达日期：不据此计算送达时间".to_string(),
                "出貨日期不是送達日期：不據此計算送達時間".to_string(),
            ),
            Note::NoTotalColumn => lang.pick(
                "no order-total column (and no quantity and unit price): orders, customers, repeat purchases, cohorts, RFM's recency and frequency and P(alive) are computed; revenue, order values, spend and lifetime value are not".to_string(),
                "没有订单金额列（也没有数量和单价）：订单数、顾客数、复购、同期群、RFM 的最近一次消费和频率以及 P(alive) 照常计算；销售额、订单金额、消费和顾客终身价值不计算".to_string(),
                "沒有訂單金額欄（也沒有數量和單價）：訂單數、顧客數、回購、同期群、RFM 的最近一次消費和頻率以及 P(alive) 照常計算；銷售額、訂單金額、消費和顧客終身價值不計算".to_string(),
            ),
            Note::OrderLines { amount, quantity, price } => {
                let (en, zh) = match amount {
                    Some(a) => (format!("'{a}'"), format!("「{a}」")),
                    None => (format!("'{quantity}' × '{price}'"), format!("「{quantity}」×「{price}」")),
                };
                lang.pick(
                    format!("no order-total column: each row is an order line worth {en}, and the lines of one order id are added up"),
                    format!("没有订单金额列：每行是一条订单明细，金额为{zh}，同一订单号的明细相加"),
                    format!("沒有訂單金額欄：每列是一條訂單明細，金額為{zh}，同一訂單號的明細相加"),
                )
            }
            Note::KeyedBy { customer, phone, name } => {
                let pct = |x: &f64| format!("{x:.1}%");
                let (mut en, mut cn, mut tw) = (Vec::new(), Vec::new(), Vec::new());
                if let Some((c, x)) = customer {
                    en.push(format!("'{c}' on {} of the orders", pct(x)));
                    cn.push(format!("「{c}」（{} 的订单）", pct(x)));
                    tw.push(format!("「{c}」（{} 的訂單）", pct(x)));
                }
                if let Some((c, x)) = phone {
                    en.push(format!("the phone ('{c}') on {}", pct(x)));
                    cn.push(format!("电话「{c}」（{}）", pct(x)));
                    tw.push(format!("電話「{c}」（{}）", pct(x)));
                }
                if let Some((c, zip, x)) = name {
                    let zip_en = zip.as_ref().map(|z| format!(" and '{z}'")).unwrap_or_default();
                    let zip_zh = zip.as_ref().map(|z| format!("和「{z}」")).unwrap_or_default();
                    en.push(format!("the name ('{c}'{zip_en}) on {}", pct(x)));
                    cn.push(format!("姓名「{c}」{zip_zh}（{}）", pct(x)));
                    tw.push(format!("姓名「{c}」{zip_zh}（{}）", pct(x)));
                }
                lang.pick(format!("customers are keyed by {}", en.join(", ")), format!("顾客识别依据：{}", cn.join("，")), format!("顧客識別依據：{}", tw.join("，")))
            }
            Note::Refunds { column, partly, taken_off, in_full } => {
                let money = crate::report::money(*taken_off);
                let mut en = Vec::new();
                let (mut cn, mut tw) = (Vec::new(), Vec::new());
                if *partly > 0 {
                    en.push(format!("{partly} partly refunded orders are counted at their total less the refund ({money} taken off in all)"));
                    cn.push(format!("部分退款订单 {partly} 笔按订单金额减去退款计入（共扣除 {money}）"));
                    tw.push(format!("部分退款訂單 {partly} 筆按訂單金額減去退款計入（共扣除 {money}）"));
                }
                if *in_full > 0 {
                    en.push(format!("{in_full} orders refunded in full are counted as refunded"));
                    cn.push(format!("全额退款订单 {in_full} 笔计为已退款"));
                    tw.push(format!("全額退款訂單 {in_full} 筆計為已退款"));
                }
                lang.pick(format!("'{column}': {}", en.join("; ")), format!("「{column}」：{}", cn.join("；")), format!("「{column}」：{}", tw.join("；")))
            }
            Note::PerLineTotals { column, product, n } => lang.pick(
                format!("'{column}' is each line's amount (on the sampled rows, the lines of an order with other products ('{product}') have amounts of their own): {n} further rows of an order id were taken as its lines and their amounts added to the order's total"),
                format!("「{column}」是每条明细的金额（抽样行中，含不同商品（「{product}」）的订单，各明细金额不同）：同一订单号的另外 {n} 行作为其明细，金额计入订单金额"),
                format!("「{column}」是每條明細的金額（抽樣列中，含不同商品（「{product}」）的訂單，各明細金額不同）：同一訂單號的另外 {n} 列作為其明細，金額計入訂單金額"),
            ),
            Note::LinesMerged { n } => lang.pick(
                format!("{n} line-item rows were merged into their orders (one order per order id)"),
                format!("{n} 行商品明细已合并到所属订单（每个订单号一笔订单）"),
                format!("{n} 列商品明細已合併到所屬訂單（每個訂單號一筆訂單）"),
            ),
            Note::RepeatsMerged { n } => lang.pick(
                format!("{n} rows repeating an earlier row exactly were merged"),
                format!("{n} 行与之前某行完全相同，已合并"),
                format!("{n} 列與之前某列完全相同，已合併"),
            ),
            Note::WideReviews { column, n, text } => lang.pick(
                format!(
                    "the rating column '{column}' gave {n} reviews, one per rated order{}: they are analysed as a reviews file would be",
                    text.as_ref().map(|t| format!(", with the text of '{t}'")).unwrap_or_default()
                ),
                format!("评分列「{column}」给出 {n} 条评价（每笔有评分的订单一条{}）：按评价文件分析", text.as_ref().map(|t| format!("，文字取自「{t}」")).unwrap_or_default()),
                format!("評分欄「{column}」給出 {n} 則評價（每筆有評分的訂單一則{}）：按評價檔案分析", text.as_ref().map(|t| format!("，文字取自「{t}」")).unwrap_or_default()),
            ),
            Note::WideComplaints { column, n, resolved } => lang.pick(
                format!(
                    "the complaint column '{column}' gave {n} complaints, opened on their order's date{}",
                    resolved.as_ref().map(|r| format!(" and resolved on the date in '{r}'")).unwrap_or_default()
                ),
                format!("投诉列「{column}」给出 {n} 条投诉，以订单日期为投诉日期{}", resolved.as_ref().map(|r| format!("，解决日期取自「{r}」")).unwrap_or_default()),
                format!("投訴欄「{column}」給出 {n} 則投訴，以訂單日期為投訴日期{}", resolved.as_ref().map(|r| format!("，解決日期取自「{r}」")).unwrap_or_default()),
            ),
            Note::OptionNotNumber { option } => lang.pick(
                format!("{option} is not a number: the default was used (made valid)"),
                format!("{option} 不是数字：已改用默认值"),
                format!("{option} 不是數字：已改用預設值"),
            ),
            Note::OptionClamped { option, value } => lang.pick(
                format!("{option} {value} is outside 0..1 and was clamped (made valid)"),
                format!("{option} {value} 超出 0..1，已截断到范围内"),
                format!("{option} {value} 超出 0..1，已截斷到範圍內"),
            ),
            Note::ChurnWindowZero => lang.pick(
                "churn_window_days 0 is shorter than a day: 1 day was used (made valid)".to_string(),
                "churn_window_days 为 0，不足一天：改用 1 天".to_string(),
                "churn_window_days 為 0，不足一天：改用 1 天".to_string(),
            ),
            Note::NodeNotInTree { item, node } => lang.pick(
                format!("item '{item}': node '{node}' is not in the tree; placed by keywords"),
                format!("项目「{item}」：节点「{node}」不在指标树中；按关键词归类"),
                format!("項目「{item}」：節點「{node}」不在指標樹中；按關鍵詞歸類"),
            ),
            Note::NoPositiveCorrelation { node } => lang.pick(
                format!("node '{node}': no positive correlation with the outcome; equal weights"),
                format!("节点「{node}」：与结果没有正相关；采用相同权重"),
                format!("節點「{node}」：與結果沒有正相關；採用相同權重"),
            ),
            Note::ItemsWithoutImportance { n, stated } => lang.pick(
                format!("{n} items left out: no {} importance", if *stated { "stated" } else { "derived (needs an outcome question and 3+ varying answer pairs)" }),
                format!("{n} 个项目未列入：没有{}重要性", if *stated { "自述的" } else { "推导的（需要结果问题和 3 对以上有变化的答案）" }),
                format!("{n} 個項目未列入：沒有{}重要性", if *stated { "自述的" } else { "推導的（需要結果問題和 3 對以上有變化的答案）" }),
            ),
            Note::DimensionFewGaps { dimension, min } => lang.pick(
                format!("dimension '{}': fewer than {min} respondents with a gap", dimension.en),
                format!("维度「{}」：有差距数据的受访者少于 {min} 位", dimension.zh_hans),
                format!("維度「{}」：有差距資料的受訪者少於 {min} 位", dimension.zh_hant),
            ),
            Note::SurveyQuestionsDiffer { file } => lang.pick(
                format!("{file}: its questions differ from the first survey file's; it is read but not analysed"),
                format!("{file}：问题与第一个问卷文件不同；已读取但不分析"),
                format!("{file}：問題與第一個問卷檔案不同；已讀取但不分析"),
            ),
            Note::SummaryFixedRange => lang.pick(
                "a customer summary is fixed at its calibration end: the date range start and the product filter are not used".to_string(),
                "顾客汇总固定在其校准截止日：不使用日期范围的起点和商品筛选".to_string(),
                "顧客彙總固定在其校準截止日：不使用日期範圍的起點和商品篩選".to_string(),
            ),
            Note::SummaryNotCombined { file } => lang.pick(
                format!("{file}: a customer summary is not combined with orders files; it is read (see its account) but the scorecard is computed from the orders"),
                format!("{file}：顾客汇总不与订单文件合并；已读取（见其说明），记分卡按订单计算"),
                format!("{file}：顧客彙總不與訂單檔案合併；已讀取（見其說明），記分卡按訂單計算"),
            ),
            Note::ManyCurrencies { currencies } => lang.pick(
                format!("orders are in several currencies ({}): revenue adds them as they are", currencies.join(", ")),
                format!("订单涉及多种货币（{}）：销售额按原数相加", currencies.join("、")),
                format!("訂單涉及多種貨幣（{}）：銷售額按原數相加", currencies.join("、")),
            ),
            Note::OnlyOneSummary { file, used } => lang.pick(
                format!("{file}: only one customer summary is analysed ({used}); this one is read but not used"),
                format!("{file}：只分析一个顾客汇总（{used}）；此文件已读取但不使用"),
                format!("{file}：只分析一個顧客彙總（{used}）；此檔案已讀取但不使用"),
            ),
            Note::SummaryAsOf { file, calibration_end, asked } => lang.pick(
                format!("{file}: the analysis date is the summary's calibration end {calibration_end} (as-of {asked} is not used: a summary is fixed at its calibration end)"),
                format!("{file}：分析日期为汇总的校准截止日 {calibration_end}（不使用 as-of {asked}：汇总固定在其校准截止日）"),
                format!("{file}：分析日期為彙總的校準截止日 {calibration_end}（不使用 as-of {asked}：彙總固定在其校準截止日）"),
            ),
            Note::SummaryCalibrationEnd { file, calibration_end, asked } => lang.pick(
                format!("{file}: the calibration end is the summary's, {calibration_end} (the option {asked} is not used)"),
                format!("{file}：校准截止日采用汇总的 {calibration_end}（不使用选项中的 {asked}）"),
                format!("{file}：校準截止日採用彙總的 {calibration_end}（不使用選項中的 {asked}）"),
            ),
            Note::SummaryUnit { file, unit, asked } => lang.pick(
                format!("{file}: times are in the summary's unit, {unit}s (the option {asked}s is not used)"),
                format!("{file}：时间采用汇总的单位（{}）（不使用选项中的{}）", unit_name(unit, lang), unit_name(asked, lang)),
                format!("{file}：時間採用彙總的單位（{}）（不使用選項中的{}）", unit_name(unit, lang), unit_name(asked, lang)),
            ),
            Note::FromSummary { file, grouped, calibration_end, absent } => {
                let list = |sep: &str| absent.iter().map(|a| a.text(lang)).collect::<Vec<_>>().join(sep);
                lang.pick(
                    format!("{file}: computed from a {} customer summary at {calibration_end}, not from orders; absent here: {}", if *grouped { "grouped" } else { "per-customer" }, list("; ")),
                    format!("{file}：按 {calibration_end} 的{}顾客汇总计算，而不是订单；此处没有：{}", if *grouped { "分组" } else { "逐位顾客" }, list("；")),
                    format!("{file}：按 {calibration_end} 的{}顧客彙總計算，而不是訂單；此處沒有：{}", if *grouped { "分組" } else { "逐位顧客" }, list("；")),
                )
            }
            Note::NotWholeDays { n, unit } => lang.pick(
                format!("{n} groups have a recency or T that is not a whole number of days in {unit}s; used as written"),
                format!("{n} 个组的 recency 或 T 换算为天数不是整数（单位：{}）；按原值使用", unit_name(unit, lang)),
                format!("{n} 個組的 recency 或 T 換算為天數不是整數（單位：{}）；按原值使用", unit_name(unit, lang)),
            ),
            Note::ModelNoTime { model } => lang.pick(
                format!("{model}: every customer first bought on the calibration end, so there is no time over which purchases were observed; choose a later calibration end"),
                format!("{model}：所有顾客都在校准截止日首次购买，没有可观察购买的时间；请选择更晚的校准截止日"),
                format!("{model}：所有顧客都在校準截止日首次購買，沒有可觀察購買的時間；請選擇更晚的校準截止日"),
            ),
            Note::ModelBadRow { model, row } => lang.pick(
                format!("{model}: customer summary row {row} is invalid (recency must lie in [0, T])"),
                format!("{model}：顾客汇总第 {row} 行无效（recency 必须在 [0, T] 之间）"),
                format!("{model}：顧客彙總第 {row} 列無效（recency 必須在 [0, T] 之間）"),
            ),
            Note::ModelBadParameters { model } => lang.pick(
                format!("{model}: parameters must be finite and positive"),
                format!("{model}：参数必须是有限的正数"),
                format!("{model}：參數必須是有限的正數"),
            ),
            Note::ModelFitFailed { model } => lang.pick(
                format!("{model}: the likelihood could not be evaluated at any starting point; the data do not fit this model, use the BG/NBD or the simple repeat-purchase rate"),
                format!("{model}：在任何初始值下都无法计算似然；数据不适合此模型，请用 BG/NBD 或简单复购率"),
                format!("{model}：在任何初始值下都無法計算似然；資料不適合此模型，請用 BG/NBD 或簡單回購率"),
            ),
            Note::ModelDegenerate { model, parameter, value } => lang.pick(
                format!("{model}: parameter {parameter} ran off to {value:e}; the data do not identify this model (too little repeat buying or too short a history), use the simple repeat-purchase rate or a longer history"),
                format!("{model}：参数 {parameter} 趋于 {value:e}；数据无法识别此模型（复购太少或历史太短），请用简单复购率或更长的历史"),
                format!("{model}：參數 {parameter} 趨於 {value:e}；資料無法識別此模型（回購太少或歷史太短），請用簡單回購率或更長的歷史"),
            ),
            Note::SpendDependsOnFrequency { correlation } => lang.pick(
                format!("spend per order depends on how often customers buy (correlation {correlation:.2}); the Gamma-Gamma model assumes it does not: use the average order value per frequency group instead"),
                format!("每单消费与购买频率相关（相关系数 {correlation:.2}）；Gamma-Gamma 模型假定二者无关：请改用按频率分组的平均订单金额"),
                format!("每單消費與購買頻率相關（相關係數 {correlation:.2}）；Gamma-Gamma 模型假定二者無關：請改用按頻率分組的平均訂單金額"),
            ),
            Note::SpendNoSpread => lang.pick(
                "all repeat buyers have the same mean spend; there is no variation to model: use that value directly".to_string(),
                "所有复购顾客的平均消费都相同；没有可建模的差异：直接使用该值".to_string(),
                "所有回購顧客的平均消費都相同；沒有可建模的差異：直接使用該值".to_string(),
            ),
            Note::SpendBadParameters => lang.pick(
                "Gamma-Gamma parameters must be finite and positive with q > 1".to_string(),
                "Gamma-Gamma 参数必须是有限的正数，且 q > 1".to_string(),
                "Gamma-Gamma 參數必須是有限的正數，且 q > 1".to_string(),
            ),
            Note::SpendFitFailed { detail } => lang.pick(
                format!("Gamma-Gamma: the fit did not reach a finite optimum ({detail}); use the plain average order value"),
                "Gamma-Gamma：拟合未达到有限的最优解；请用简单的平均订单金额".to_string(),
                "Gamma-Gamma：擬合未達到有限的最優解；請用簡單的平均訂單金額".to_string(),
            ),
            Note::RefundsNotApplied { column } => lang.pick(
                format!("'{column}' is not taken off: in a file of order lines or parts a row's amount is a line's, not the order's"),
                format!("「{column}」未扣除：在订单明细或子订单文件中，每行金额只是一条明细的金额，而不是整笔订单的金额"),
                format!("「{column}」未扣除：在訂單明細或子訂單檔案中，每列金額只是一條明細的金額，而不是整筆訂單的金額"),
            ),
            Note::NoNpsAnswers => lang.pick("no NPS answers".to_string(), "没有 NPS 答案".to_string(), "沒有 NPS 答案".to_string()),
            Note::NoResolvedTickets => lang.pick("no resolved tickets".to_string(), "没有已解决的工单".to_string(), "沒有已解決的工單".to_string()),
            Note::NegativeWeights { node } => lang.pick(
                format!("node '{node}': negative or non-finite weights set to 0"),
                format!("节点「{node}」：负的或无效的权重已设为 0"),
                format!("節點「{node}」：負的或無效的權重已設為 0"),
            ),
            Note::ZeroWeights { node } => lang.pick(
                format!("node '{node}': all weights are 0; equal weights"),
                format!("节点「{node}」：所有权重都是 0；采用相同权重"),
                format!("節點「{node}」：所有權重都是 0；採用相同權重"),
            ),
            Note::BadDelays { reason } => {
                let [cn, tw] = match *reason {
                    r if r.contains("worst") => ["最坏情况的送达时间不能短于通常的送达时间", "最壞情況的送達時間不能短於通常的送達時間"],
                    r if r.contains("typical") => ["通常的送达时间必须是大于 0 的数字", "通常的送達時間必須是大於 0 的數字"],
                    _ => ["输入的送达时间无法使用", "輸入的送達時間無法使用"],
                };
                lang.pick(reason.to_string(), cn.to_string(), tw.to_string())
            }
            Note::Text(s) => s.clone(),
        }
    }

    /// Whether the English note starts with `s`.
    pub fn starts_with(&self, s: &str) -> bool {
        self.en().starts_with(s)
    }

    /// Whether the English note contains `s`.
    pub fn contains(&self, s: &str) -> bool {
        self.en().contains(s)
    }
}

impl From<String> for Note {
    fn from(s: String) -> Note {
        Note::Text(s)
    }
}

impl From<&str> for Note {
    fn from(s: &str) -> Note {
        Note::Text(s.to_string())
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

impl Serialize for Note {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.en())
    }
}

/// "EUR 2,900, USD 148".
pub(crate) fn currency_counts(counts: &[(String, usize)]) -> String {
    counts.iter().map(|(c, n)| format!("{c} {}", crate::report::group(*n as u64))).collect::<Vec<_>>().join(", ")
}

/// A report's notes: pushed as typed [`Note`]s or (still) as English sentences.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(transparent)]
pub struct Notes(pub Vec<Note>);

impl Notes {
    pub fn new() -> Notes {
        Notes(Vec::new())
    }

    pub fn push(&mut self, n: impl Into<Note>) {
        self.0.push(n.into());
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Note> {
        self.0.iter()
    }
}

impl<N: Into<Note>> Extend<N> for Notes {
    fn extend<I: IntoIterator<Item = N>>(&mut self, iter: I) {
        self.0.extend(iter.into_iter().map(Into::into));
    }
}

impl From<Vec<String>> for Notes {
    fn from(v: Vec<String>) -> Notes {
        Notes(v.into_iter().map(Note::Text).collect())
    }
}

impl IntoIterator for Notes {
    type Item = Note;
    type IntoIter = std::vec::IntoIter<Note>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Notes {
    type Item = &'a Note;
    type IntoIter = std::slice::Iter<'a, Note>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant in every language: no placeholder left, Chinese forms differ from the
    /// English and from each other where the scripts do.
    #[test]
    fn every_note_in_every_language() {
        let all = [
            Note::In { part: Part::Gaps, note: Box::new(Note::NotEnoughData(Box::new(Note::GapsNeedPairs { min_n: 2 }))) },
            Note::In { part: Part::Kano, note: Box::new(Note::NotEnoughData(Box::new(Note::GapsNeedPairs { min_n: 3 }))) },
            Note::In { part: Part::Ipa, note: Box::new(Note::ModelOff { model: "X" }) },
            Note::In { part: Part::Index, note: Box::new(Note::BgNbdOneTimeBuyers) },
            Note::In { part: Part::Drivers, note: Box::new(Note::BgNbdOneTimeBuyers) },
            Note::ModelOff { model: "Pareto/NBD" },
            Note::BgNbdOneTimeBuyers,
            Note::FewCustomers { n: 3 },
            Note::NoMoney,
            Note::CurrenciesKept { counts: vec![("EUR".into(), 4), ("USD".into(), 2)], kept: "EUR".into(), kept_orders: 4, left_orders: 2, left: vec!["USD".into()] },
            Note::CurrenciesConverted { counts: vec![("EUR".into(), 4), ("USD".into(), 2)], base: "EUR".into(), rates: vec![("USD".into(), 0.9)] },
            Note::UnkeyedLeftOut { n: 3 },
            Note::OfFile { file: "orders.csv".into(), note: Box::new(Note::RowsRejected { rejected: 2, read: 10 }) },
            Note::RefundsNotApplied { column: "退款金额".into() },
            Note::NoNpsAnswers,
            Note::NoResolvedTickets,
            Note::NegativeWeights { node: "服务".into() },
            Note::ZeroWeights { node: "服务".into() },
            Note::BadDelays { reason: "the typical delivery time must be a number above 0" },
            Note::BadDelays { reason: "the worst-case delivery time must not be shorter than the typical one" },
            Note::OptionNotNumber { option: "margin" },
            Note::OptionClamped { option: "margin", value: 1.5 },
            Note::ChurnWindowZero,
            Note::NodeNotInTree { item: "物流".into(), node: "速度".into() },
            Note::NoPositiveCorrelation { node: "服务".into() },
            Note::ItemsWithoutImportance { n: 2, stated: true },
            Note::ItemsWithoutImportance { n: 2, stated: false },
            Note::DimensionFewGaps { dimension: crate::metrics::satisfaction::survey::Label::new("reliability", "可靠性", "可靠性"), min: 5 },
            Note::SurveyQuestionsDiffer { file: "问卷2.csv".into() },
            Note::SummaryFixedRange,
            Note::SummaryNotCombined { file: "汇总.csv".into() },
            Note::ManyCurrencies { currencies: vec!["人民币".into(), "港币".into()] },
            Note::OnlyOneSummary { file: "汇总2.csv".into(), used: "汇总.csv".into() },
            Note::SummaryAsOf { file: "汇总.csv".into(), calibration_end: chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(), asked: chrono::NaiveDate::from_ymd_opt(2024, 7, 31).unwrap() },
            Note::SummaryCalibrationEnd {
                file: "汇总.csv".into(),
                calibration_end: chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(),
                asked: chrono::NaiveDate::from_ymd_opt(2024, 3, 31).unwrap(),
            },
            Note::SummaryUnit { file: "汇总.csv".into(), unit: "week", asked: "day" },
            Note::FromSummary {
                file: "汇总.csv".into(),
                grouped: true,
                calibration_end: chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(),
                absent: vec![
                    SummaryAbsent::GroupedOrders,
                    SummaryAbsent::NoOrderColumns,
                    SummaryAbsent::Cohorts,
                    SummaryAbsent::OrderFigures,
                    SummaryAbsent::Delivery,
                    SummaryAbsent::Holdout,
                    SummaryAbsent::Ratings,
                ],
            },
            Note::NotWholeDays { n: 3, unit: "month" },
            Note::ModelNoTime { model: "BG/NBD" },
            Note::ModelBadRow { model: "BG/NBD", row: 4 },
            Note::ModelBadParameters { model: "Pareto/NBD" },
            Note::ModelFitFailed { model: "MBG/NBD" },
            Note::ModelDegenerate { model: "Pareto/NBD", parameter: "s", value: 1e9 },
            Note::SpendDependsOnFrequency { correlation: 0.4 },
            Note::SpendNoSpread,
            Note::SpendBadParameters,
            Note::SpendFitFailed { detail: "q <= 1".into() },
            Note::SummaryFromHeader,
            Note::KindFromOption { kind: "tickets" },
            Note::QualtricsHeaders,
            Note::SurveyMonkeyHeaders,
            Note::QuestionKindRead { column: "推荐意愿".into(), kind: "NPS", typed: true },
            Note::QuestionKindRead { column: "满意度".into(), kind: "CSAT", typed: false },
            Note::ToolColumn { column: "IP 地址".into() },
            Note::ColumnOff { column: "满意度".into() },
            Note::TextColumn { column: "建议".into() },
            Note::UnknownQuestion { column: "评分".into(), min: 1.0, max: 10.0 },
            Note::SummaryForm { grouped: true, calibration_end: chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(), unit: "week" },
            Note::SummaryForm { grouped: false, calibration_end: chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(), unit: "day" },
            Note::KeptApart { cancelled: 2, refunded: 1 },
            Note::ShippedNotDelivered,
            Note::NoTotalColumn,
            Note::OrderLines { amount: Some("商品总价".into()), quantity: String::new(), price: String::new() },
            Note::OrderLines { amount: None, quantity: "数量".into(), price: "单价".into() },
            Note::KeyedBy { customer: Some(("买家".into(), 80.0)), phone: Some(("电话".into(), 15.0)), name: Some(("收货人".into(), Some("邮编".into()), 5.0)) },
            Note::KeyedBy { customer: None, phone: None, name: Some(("收货人".into(), None, 100.0)) },
            Note::Refunds { column: "退款金额".into(), partly: 2, taken_off: 32.5, in_full: 1 },
            Note::Refunds { column: "退款金额".into(), partly: 0, taken_off: 0.0, in_full: 1 },
            Note::PerLineTotals { column: "金额".into(), product: "商品".into(), n: 3 },
            Note::LinesMerged { n: 4 },
            Note::RepeatsMerged { n: 2 },
            Note::WideReviews { column: "评分".into(), n: 5, text: Some("评价".into()) },
            Note::WideReviews { column: "评分".into(), n: 5, text: None },
            Note::WideComplaints { column: "投诉".into(), n: 2, resolved: Some("解决时间".into()) },
            Note::WideComplaints { column: "投诉".into(), n: 2, resolved: None },
            Note::PlaceholderCustomers { rows: 4, column: "客户".into() },
            Note::OrdersWithoutCustomer { n: 3, percent: 12.5 },
            Note::RoundedIds { n: 2, column: "客户".into(), example: "1.23457E+11".into() },
            Note::OneOrderPerCustomer { orders: 5000, column: "顾客编号".into() },
            Note::IdenticalRows { n: 2 },
            Note::ColumnFromValues { column: "金额".into(), field: "total" },
            Note::SameName { name: "金额".into(), field: "total", read: 3, other: 5 },
            Note::RatingScale { column: "评分".into(), lo: 0.0, hi: 10.0 },
            Note::AnswerScale { column: "满意".into(), kind: "CSAT", max: 7.0, lo: 1.0, hi: 7.0 },
            Note::DatesAmbiguous { column: "日期".into(), n: 4 },
            Note::DatesMixed { column: "日期".into(), day_first: 3, month_first: 1, month_first_read: false },
            Note::RangeLeftOut { n: 3, day: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() },
            Note::LaterLeftOut { n: 3, day: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() },
            Note::ProductOnly { product: "茶叶".into(), n: 3, of: 9 },
            Note::NotPurchases { n: 2 },
            Note::AfterAnalysisDate { n: 3, day: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() },
            Note::BadTotals { n: 1 },
            Note::NothingToMeasure { day: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() },
            Note::FewToRank { n: 4 },
            Note::OneDay,
            Note::NoSecondDay,
            Note::NoTotals,
            Note::ZeroRevenue,
            Note::DefaultChurnWindow { min_gaps: 20, days: 180 },
            Note::CohortMonths { covered: 2, asked: 6 },
            Note::NoCompleteCohort,
            Note::NoBgNbdForActive,
            Note::OrphanAttitudes { n: 3 },
            Note::NoAttitudeData,
            Note::NoDiscountCodes,
            Note::NoneOf { what: crate::metrics::satisfaction::Counted::Customers },
            Note::TooFewCustomers { model: "BG/NBD", customers: 2, needed: 20 },
            Note::TooFewRepeat { model: "MBG/NBD", repeat: 2, needed: 10 },
            Note::SpendTooFew { customers: 0, needed: 10 },
            Note::NoSpendModel(Box::new(Note::SpendTooFew { customers: 0, needed: 10 })),
            Note::NoPurchaseModel,
            Note::HorizonNotPositive { horizon: -3.0, unit: "week" },
            Note::HorizonNotPositive { horizon: 0.0, unit: "month" },
            Note::ZeroSpendLeftOut { n: 2 },
            Note::NotConverged { model: "Pareto/NBD" },
            Note::HoldoutNeedsCalibration,
            Note::HoldoutNotAfter { calibration_end: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), holdout_end: chrono::NaiveDate::from_ymd_opt(2023, 6, 1).unwrap() },
            Note::NothingToValidate,
            Note::NoPurchaseHistory,
            Note::NoSpendSums,
            Note::CancelledLeftOut { n: 2 },
            Note::RatingsOutOfScale { n: 2 },
            Note::RepurchaseFlagsIgnored { flags: 3, responses: 5 },
            Note::QuestionScaleInvalid { question: "满意度".into(), min: 5.0, max: 1.0 },
            Note::AnswersOutOfScale { question: "满意度".into(), n: 2, min: 1.0, max: 5.0 },
            Note::QuestionRepeatsItem { question: "满意度 2".into(), item: "服务".into() },
            Note::Absent(Absent::NoReviews),
            Note::Absent(Absent::NoSurveyAnswers),
            Note::Absent(Absent::NoSurveyScores),
            Note::Absent(Absent::NoDelivery),
            Note::Absent(Absent::NoResponseTimes),
            Note::Absent(Absent::NoOrders),
            Note::Absent(Absent::NoTickets),
            Note::Absent(Absent::NoReviewText),
            Note::SpendNoMoney,
            Note::ItemLeftOut { item: "配送".into(), n: 3, min: 5, what: Answers::Any },
            Note::ItemLeftOut { item: "配送".into(), n: 3, min: 5, what: Answers::Performance },
            Note::ItemLeftOut { item: "配送".into(), n: 3, min: 5, what: Answers::Pairs },
            Note::KanoFewPairs { feature: "包装".into(), n: 2, min: 5 },
            Note::KanoNoQuestion { feature: "包装".into(), functional: true },
            Note::KanoNoQuestion { feature: "包装".into(), functional: false },
            Note::KanoBadPairs { feature: "包装".into(), bad: 2 },
            Note::KanoNoPair,
            Note::NoPerformanceItem { min: 5 },
            Note::NoItemScore,
            Note::IpaFewItems { found: 1 },
            Note::NoDriverItem { min: 5 },
            Note::FewGapRespondents { min: 2 },
            Note::NoDriver { items: vec!["配送".into(), "价格".into()] },
            Note::NoOverallQuestion,
            Note::GivenWeights,
            Note::UnplacedItems { items: vec!["配送".into()] },
            Note::ExpectationOnly { item: "配送".into() },
            Note::NotEnoughData(Box::new(Note::NoDeliveries)),
            Note::FarFuture { n: 3, cut: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() },
        ];
        let wants = [CellWant::Days, CellWant::DeliveryDays, CellWant::Rating, CellWant::PlausibleDate, CellWant::Date, CellWant::NotBeforeOpening, CellWant::Hours, CellWant::PromisedDate];
        let all: Vec<Note> = all.into_iter().chain(wants.iter().map(|&want| Note::CellsIgnored { column: "送达".into(), n: 7, rows: vec![2, 3], value: "x".into(), want })).collect();
        use crate::metrics::satisfaction::Counted;
        let counted = [Counted::Reviews, Counted::Answers, Counted::Orders, Counted::Customers, Counted::Tickets];
        let all: Vec<Note> = all
            .into_iter()
            .chain(
                counted
                    .iter()
                    .flat_map(|&what| [Note::SmallSample { n: 5, what, min: 30 }, Note::Anecdote { what }, Note::DatedAfter { n: 3, what, day: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() }]),
            )
            .collect();
        // (Model names, P(alive) and the option name exchange_rates are the same in every language.)
        for n in &all {
            let (en, cn, tw) = (n.text(Lang::En), n.text(Lang::ZhCn), n.text(Lang::ZhTw));
            assert!(!en.contains('{') && !cn.contains('{') && !tw.contains('{'));
            assert_ne!(en, cn);
            let english = |s: &str| {
                s.split(|c: char| !c.is_ascii_alphabetic())
                    .filter(|w| {
                        w.len() > 3
                            && ![
                                "Kano",
                                "Pareto",
                                "alive",
                                "exchange",
                                "rates",
                                "CSAT",
                                "total",
                                "date_order",
                                "month_first",
                                "date",
                                "order",
                                "month",
                                "first",
                                "guest",
                                "orders",
                                "RFM",
                                "Gamma",
                                "frequency",
                                "recency",
                                "Qualtrics",
                                "SurveyMonkey",
                                "Response",
                                "kind",
                                "question",
                                "kinds",
                                "churn",
                                "window",
                                "days",
                                "margin",
                            ]
                            .contains(w)
                    })
                    .count()
            };
            assert_eq!((english(&cn), english(&tw)), (0, 0), "{cn} / {tw}");
        }
        assert_ne!(all[0].text(Lang::ZhCn), all[0].text(Lang::ZhTw));
        assert_eq!(all[0].en(), "gaps: not enough data: gaps need items with both a Performance and an Expectation question and 2+ answer pairs");
    }
}
