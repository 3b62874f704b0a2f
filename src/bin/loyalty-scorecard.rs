//! Command-line twin of the `<loyalty-scorecard>` element: the same scorecard, as JSON or text.

use clap::{Parser, Subcommand, ValueEnum};
use loyalty_scorecard::{analyze, report::to_text, AnalysisOptions, InputFile, InputKind};
use std::path::PathBuf;
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

#[derive(Subcommand)]
enum Command {
    /// Analyse shop exports and print the scorecard.
    Analyze {
        /// Orders export (CSV/TSV with a header: customer, order date, order total).
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
        /// Analysis date (YYYY-MM-DD); default: the latest order date.
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
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
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

fn main() -> ExitCode {
    let Command::Analyze { orders, reviews, surveys, tickets, as_of, churn_window, retention_uplift, margin, format } = Cli::parse().command;
    let mut options = AnalysisOptions { as_of, ..Default::default() };
    options.loyalty.churn_window_days = churn_window;
    if let Some(u) = retention_uplift {
        options.loyalty.retention_uplift = u;
    }
    if let Some(m) = margin {
        options.loyalty.margin = m;
    }
    let mut owned = Vec::new();
    for (kind, paths) in [
        (InputKind::Orders, orders),
        (InputKind::Reviews, reviews),
        (InputKind::Surveys, surveys),
        (InputKind::Tickets, tickets),
    ] {
        for path in paths {
            match std::fs::read(&path) {
                Ok(bytes) => owned.push((path.display().to_string(), kind, bytes)),
                Err(e) => {
                    eprintln!("error: {}: {e}", path.display());
                    return ExitCode::from(2);
                }
            }
        }
    }
    let files: Vec<InputFile> = owned.iter().map(|(name, kind, bytes)| InputFile::new(name, *kind, bytes)).collect();
    match analyze(&files, &options) {
        Ok(card) => {
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&card).expect("scorecard serializes")),
                Format::Text => print!("{}", to_text(&card)),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
