//! Command-line twin of the `<loyalty-scorecard>` element: the same scorecard, as JSON or text,
//! and the per-customer table (RFM, value tier, lifetime value) as CSV.
//!
//! Exit codes: 0 done; 1 the analysis failed (the message says why); 2 a file could not be read
//! or written, or a bad command line (clap's errors).

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use loyalty_scorecard::export::{customer_table_header, lifetime_row};
use loyalty_scorecard::input::{read_input, ReadOptions, Records};
use loyalty_scorecard::metrics::clv::{ClvOptions, TimeUnit};
use loyalty_scorecard::metrics::expectation::factors::Stage;
use loyalty_scorecard::{Analysis, AnalysisOptions, InputFile, InputKind, Reader, Scorecard};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "loyalty-scorecard", version, about = "Satisfaction -> trust -> loyalty scorecard from a shop's own exports")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Text,
}

/// Time unit of the lifetime-value models.
#[derive(Clone, Copy, ValueEnum)]
enum Period {
    Day,
    Week,
    Month,
}

/// Which purchase models to fit.
#[derive(Clone, Copy, ValueEnum)]
enum Models {
    /// BG/NBD and MBG/NBD (the scorecard's default; the slow Pareto/NBD is left out).
    Default,
    /// BG/NBD, MBG/NBD and Pareto/NBD.
    All,
    /// BG/NBD only.
    Bgnbd,
}

#[derive(clap::Args)]
struct AnalyzeArgs {
    /// Orders export (CSV/TSV/JSON/xlsx with a header: customer, order date, order total).
    #[arg(long, value_name = "FILE")]
    orders: Vec<PathBuf>,
    /// Reviews / ratings export.
    #[arg(long, value_name = "FILE")]
    reviews: Vec<PathBuf>,
    /// Survey answers.
    #[arg(long, value_name = "FILE")]
    surveys: Vec<PathBuf>,
    /// Support tickets / complaints.
    #[arg(long, value_name = "FILE")]
    tickets: Vec<PathBuf>,
    /// A customer summary (per customer or grouped; README, "Large shops"), e.g. made by the SQL
    /// in sql/, read instead of orders. A summary given with --orders is recognised too.
    #[arg(long, value_name = "FILE")]
    summary: Vec<PathBuf>,
    /// Write the per-customer summary of the orders (the format of sql/customer_summary.sql) at
    /// the calibration end (default: the analysis date), in the time unit of --period.
    #[arg(long, value_name = "FILE.csv")]
    summary_out: Option<PathBuf>,
    /// Analysis date (YYYY-MM-DD); default: the latest order date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    /// Start of the date range (YYYY-MM-DD): orders, reviews, tickets and survey answers before
    /// it are left out; the figures describe the range only.
    #[arg(long, value_name = "YYYY-MM-DD")]
    since: Option<String>,
    /// Only the orders (and reviews) of this product, category or channel (exact text).
    #[arg(long, value_name = "NAME")]
    product: Option<String>,
    /// Only the orders in this currency (e.g. USD). Default: with several currencies and no
    /// exchange rates, the currency of most orders (the others are left out, with a warning).
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
    /// Convert every order into one currency: the value of one unit of each currency in the
    /// currency given the rate 1, e.g. EUR=1,USD=0.92,GBP=1.17.
    #[arg(long, value_name = "CODE=RATE,...")]
    exchange_rates: Option<String>,
    /// Days without an order after which a customer counts as lost (default: the 90th
    /// percentile of the days between orders).
    #[arg(long, value_name = "DAYS")]
    churn_window: Option<u32>,
    /// What-if: share of lost customers kept (0-1; default 0.05).
    #[arg(long, value_name = "SHARE")]
    retention_uplift: Option<f64>,
    /// What-if: profit margin (0-1; default 0.30).
    #[arg(long, value_name = "SHARE")]
    margin: Option<f64>,
    /// Lifetime value: last day of the calibration period (default: the analysis date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    calibration_end: Option<NaiveDate>,
    /// Lifetime value: last day of the holdout period; the models are validated on the orders
    /// after the calibration end up to it (needs --calibration-end). Without it the scorecard
    /// validates every fitted model on the last third of the history (at most 39 weeks) and its
    /// figures use the one that predicted it best.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "calibration_end")]
    holdout_end: Option<NaiveDate>,
    /// Lifetime value: time unit of recency, T, the horizon and the rate parameters [default: week].
    #[arg(long, value_enum, value_name = "UNIT")]
    period: Option<Period>,
    /// Lifetime value: prediction horizon, in periods (see --period) [default: 39].
    #[arg(long, value_name = "N", value_parser = parse_horizon)]
    horizon: Option<f64>,
    /// Lifetime value: purchase models to fit [default: default].
    #[arg(long, value_enum, value_name = "SET")]
    models: Option<Models>,
    /// Expectation calculator: customer stage of the expected level [default: first-time].
    #[arg(long, value_enum, value_name = "STAGE")]
    stage: Option<StageArg>,
    /// Expectation calculator: share of orders lost per extra day promised, k in
    /// exp(-k·(days − 1)) [default: 0.10].
    #[arg(long, value_name = "K", value_parser = parse_non_negative)]
    attractiveness_k: Option<f64>,
    /// Expectation calculator: what-if share by which delivery times are cut (0-0.9) [default: 0.2].
    #[arg(long, value_name = "SHARE", value_parser = parse_non_negative)]
    speed_up: Option<f64>,
    /// Expectation calculator: also recommend a promise per product / category.
    #[arg(long)]
    by_segment: bool,
    /// Write one row per customer (RFM segment, value tier, P(alive), expected purchases, CLV,
    /// trust layer)
    /// to this CSV file.
    #[arg(long, value_name = "FILE.csv")]
    customers_out: Option<PathBuf>,
    /// Analysis options as a JSON `AnalysisOptions` object (camelCase keys, e.g.
    /// {"asOf": "2024-06-30", "clv": {"horizon": 52}}); the flags above take precedence.
    #[arg(long, value_name = "FILE.json")]
    options: Option<PathBuf>,
    /// How to read one file: NAME=JSON, NAME the file's path or name, JSON a ReadOptions object,
    /// e.g. 'orders.csv={"encoding":"gbk","mapping":{"customer_id":"买家"}}'. Repeatable.
    #[arg(long, value_name = "NAME=JSON", value_parser = parse_read_options)]
    read_options: Vec<(String, ReadOptions)>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Language of the text report: en (the default), zh-CN or zh-TW. The text is the page's
    /// scorecard (the same sections, figures and notes, in that language) written for a
    /// terminal.
    #[arg(long, value_name = "TAG")]
    lang: Option<String>,
}

/// Customer stage of the expectation calculator (《影响客户期望的因素》).
#[derive(Clone, Copy, ValueEnum)]
enum StageArg {
    /// Never bought: word of mouth > advertising > own judgement.
    Prospect,
    /// First-time customer: first impression > word of mouth > advertising.
    FirstTime,
    /// Long-term customer: experience > own judgement > word of mouth.
    LongTerm,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse shop exports and print the scorecard.
    Analyze(Box<AnalyzeArgs>),
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| format!("'{s}' is not a date in the form YYYY-MM-DD"))
}

fn parse_horizon(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(h) if h.is_finite() && h > 0.0 => Ok(h),
        _ => Err(format!("'{s}' is not a positive number of periods")),
    }
}

fn parse_non_negative(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("'{s}' is not a number of 0 or more")),
    }
}

fn parse_read_options(s: &str) -> Result<(String, ReadOptions), String> {
    // Split at the '=' that starts the JSON object (a file name may itself contain '=').
    let at = s.find("={").or_else(|| s.find('=')).ok_or_else(|| format!("'{s}' is not NAME=JSON"))?;
    let (name, json) = (s[..at].trim(), s[at + 1..].trim());
    if name.is_empty() {
        return Err(format!("'{s}': the file name before '=' is empty"));
    }
    let opts: ReadOptions = serde_json::from_str(json).map_err(|e| format!("read options for {name}: {e}"))?;
    Ok((name.to_string(), opts))
}

/// Whether `--read-options NAME=...` is meant for `path`: the same path, or the same file name.
fn names_file(name: &str, path: &Path) -> bool {
    let n = Path::new(name);
    n == path || path.to_str() == Some(name) || (n.components().count() == 1 && path.file_name().is_some_and(|f| f == n.as_os_str()))
}

/// A failure with its exit code.
struct Fail(u8, String);

fn main() -> ExitCode {
    let Command::Analyze(args) = Cli::parse().command;
    match run(*args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(code, msg)) => {
            // The message may quote a cell of a file: printed without its control characters.
            eprintln!("error: {}", loyalty_scorecard::view::plain::printable(&msg));
            ExitCode::from(code)
        }
    }
}

fn options_of(args: &AnalyzeArgs) -> Result<AnalysisOptions, Fail> {
    let mut options = match &args.options {
        None => AnalysisOptions::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Fail(2, format!("{}: {e}", path.display())))?;
            serde_json::from_str(&text).map_err(|e| Fail(2, format!("{}: not an AnalysisOptions JSON object: {e}", path.display())))?
        }
    };
    if args.since.is_some() {
        options.since = args.since.clone();
    }
    if args.product.is_some() {
        options.product = args.product.clone();
    }
    if args.currency.is_some() {
        options.currency = args.currency.clone();
    }
    if let Some(list) = &args.exchange_rates {
        let mut rates = std::collections::BTreeMap::new();
        for pair in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (code, rate) = pair.split_once('=').ok_or_else(|| Fail(2, format!("--exchange-rates: '{pair}' is not CODE=RATE")))?;
            let rate: f64 = rate.trim().parse().map_err(|_| Fail(2, format!("--exchange-rates: '{}' is not a number", rate.trim())))?;
            rates.insert(code.trim().to_string(), rate);
        }
        options.exchange_rates = Some(rates);
    }
    if args.as_of.is_some() {
        options.as_of = args.as_of.clone();
    }
    if args.churn_window.is_some() {
        options.loyalty.churn_window_days = args.churn_window;
    }
    if let Some(u) = args.retention_uplift {
        options.loyalty.retention_uplift = u;
    }
    if let Some(m) = args.margin {
        options.loyalty.margin = m;
    }
    let exp = &mut options.expectation;
    if let Some(st) = args.stage {
        exp.stage = match st {
            StageArg::Prospect => Stage::Prospect,
            StageArg::FirstTime => Stage::FirstTime,
            StageArg::LongTerm => Stage::LongTerm,
        };
    }
    if let Some(k) = args.attractiveness_k {
        exp.attractiveness_k = k;
    }
    if let Some(x) = args.speed_up {
        exp.speed_up = x;
    }
    if args.by_segment {
        exp.by_segment = true;
    }
    let clv = &mut options.clv;
    if args.calibration_end.is_some() {
        clv.calibration_end = args.calibration_end;
    }
    if args.holdout_end.is_some() {
        clv.holdout_end = args.holdout_end;
    }
    if let Some(p) = args.period {
        clv.unit = match p {
            Period::Day => TimeUnit::Day,
            Period::Week => TimeUnit::Week,
            Period::Month => TimeUnit::Month,
        };
    }
    if let Some(h) = args.horizon {
        clv.horizon = h;
    }
    if let Some(m) = args.models {
        (clv.pareto_nbd, clv.mbgnbd) = match m {
            Models::Default => (false, true),
            Models::All => (true, true),
            Models::Bgnbd => (false, false),
        };
    }
    Ok(options)
}

fn run(args: AnalyzeArgs) -> Result<(), Fail> {
    let options = options_of(&args)?;
    let mut inputs: Vec<(PathBuf, InputKind, ReadOptions)> = Vec::new();
    let mut used = vec![false; args.read_options.len()];
    for (kind, paths) in
        [(InputKind::Orders, &args.orders), (InputKind::Reviews, &args.reviews), (InputKind::Surveys, &args.surveys), (InputKind::Tickets, &args.tickets), (InputKind::Summary, &args.summary)]
    {
        for path in paths {
            // Every path is checked before the first file is read.
            let meta = std::fs::metadata(path).map_err(|e| Fail(2, format!("{}: {e}", path.display())))?;
            // The last matching --read-options wins.
            let mut opts = ReadOptions::default();
            for (k, (name, o)) in args.read_options.iter().enumerate() {
                if names_file(name, path) {
                    opts = o.clone();
                    used[k] = true;
                }
            }
            // A file above its size bound is refused before it is loaded.
            loyalty_scorecard::input::check_size(&path.display().to_string(), meta.len(), &opts).map_err(|e| Fail(1, e.to_string()))?;
            inputs.push((path.clone(), kind, opts));
        }
    }
    if let Some(k) = used.iter().position(|u| !u) {
        return Err(Fail(2, format!("--read-options {}: no input file has this path or name", args.read_options[k].0)));
    }
    // Every file's bytes at once, so that the files are read side by side (two threads); the
    // bytes are let go once the records are made.
    let load = |(p, kind, o): &(PathBuf, InputKind, ReadOptions)| -> Result<(String, InputKind, Vec<u8>, ReadOptions), Fail> {
        let bytes = std::fs::read(p).map_err(|e| Fail(2, format!("{}: {e}", p.display())))?;
        Ok((p.display().to_string(), *kind, bytes, o.clone()))
    };
    let loaded = inputs.iter().map(load).collect::<Result<Vec<_>, Fail>>()?;
    let files: Vec<InputFile<'_>> = loaded.iter().map(|(name, kind, bytes, o)| InputFile::new(name, *kind, bytes).with_options(o.clone())).collect();
    let mut reader = Reader::new();
    reader.add_all(&files).map_err(|e| Fail(1, e.to_string()))?;
    drop(files);
    drop(loaded);
    // One analysis, kept: the exports below reuse its records instead of reading the files again.
    let analysis = reader.analyze(&options).map_err(|e| Fail(1, e.to_string()))?;
    let card = analysis.scorecard();
    if let Some(out) = &args.summary_out {
        let csv = summary_out(&analysis, &options)?;
        std::fs::write(out, csv).map_err(|e| Fail(2, format!("{}: {e}", out.display())))?;
    }
    if let Some(out) = &args.customers_out {
        let csv = if card.summary_input.is_some() {
            // The summary's own rows: its file is read again (a summary is small).
            let name = card.summary_input.as_ref().map(|s| s.file.clone()).unwrap_or_default();
            let input = inputs.iter().find(|(p, _, _)| p.display().to_string() == name).ok_or_else(|| Fail(1, format!("{name}: not among the inputs")))?;
            let (name, kind, bytes, o) = load(input)?;
            summary_customers_csv(&[InputFile::new(&name, kind, &bytes).with_options(o)], &options, card)?
        } else {
            analysis.customers_csv().map_err(|e| Fail(1, e.to_string()))?
        };
        std::fs::write(out, csv).map_err(|e| Fail(2, format!("{}: {e}", out.display())))?;
    }
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(card).expect("scorecard serializes")),
        Format::Text => {
            let names: Vec<String> = inputs.iter().map(|(p, _, _)| p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())).collect();
            let source = loyalty_scorecard::view::render::Source::Files(names.join(", "));
            let lang = loyalty_scorecard::view::Lang::from_tag(args.lang.as_deref().unwrap_or("en"));
            print!("{}", loyalty_scorecard::view::plain::report(lang, card, &source));
        }
    }
    Ok(())
}

/// --summary-out: the per-customer summary of the analysis's orders (the same records as the
/// scorecard: after the date range and the product filter) at the calibration end.
fn summary_out(analysis: &Analysis, options: &AnalysisOptions) -> Result<String, Fail> {
    let card = analysis.scorecard();
    if card.summary_input.is_some() {
        return Err(Fail(2, "--summary-out needs orders files (the input is already a summary)".into()));
    }
    let as_of = card.as_of.ok_or_else(|| Fail(1, "no analysis date: the summary needs dated orders".into()))?;
    let cal = options.clv.calibration_end.unwrap_or(as_of);
    Ok(loyalty_scorecard::input::summary::summary_csv(&analysis.dataset().orders, cal, options.clv.unit))
}

/// --customers-out for a per-customer summary: the lifetime-value rows (no RFM segment or value
/// tier: they need the orders).
fn summary_customers_csv(files: &[InputFile<'_>], options: &AnalysisOptions, card: &Scorecard) -> Result<Vec<u8>, Fail> {
    let name = card.summary_input.as_ref().map(|s| s.file.clone()).unwrap_or_default();
    let f = files.iter().find(|f| f.name == name).ok_or_else(|| Fail(1, format!("{name}: not among the inputs")))?;
    let parsed = read_input(f, &f.options, &mut |_| {}).map_err(|e| Fail(1, e.to_string()))?;
    let Records::Summary(s) = parsed.records else { return Err(Fail(1, format!("{name}: not a customer summary"))) };
    if s.grouped {
        return Err(Fail(2, format!("{name}: a grouped summary has no customers; --customers-out needs a per-customer summary")));
    }
    let opts = ClvOptions { customer_rows: true, ..options.clv.clone() };
    let clv = loyalty_scorecard::metrics::clv::analyze_clv_summary(&s.summary(), &opts);
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let io = |e: csv::Error| Fail(2, format!("writing the customer table: {e}"));
    // The summary's own time unit names the columns.
    w.write_record(customer_table_header(&ClvOptions { unit: s.unit, ..opts.clone() })).map_err(io)?;
    for c in &clv.customer_rows {
        // Ids a spreadsheet would run as formulas get a leading quote, as in every CSV written.
        w.write_record(lifetime_row(loyalty_scorecard::export::formula_safe(&c.customer_id).into_owned(), c, "").into_iter().chain(loyalty_scorecard::export::owner_cells(Some(c)))).map_err(io)?;
    }
    w.into_inner().map_err(|e| Fail(2, format!("writing the customer table: {e}")))
}
