//! `sample-shop`: writes the deterministic sample shop (orders, reviews, tickets, survey) as CSV
//! files, the product's demo and benchmark data.
//!
//! ```text
//! sample-shop [--seed N] [--customers N | --orders N] [--start DATE] [--end DATE] [--out DIR]
//! ```

use clap::Parser;
use loyalty_scorecard::sample::{write_files, SampleConfig};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Writes a realistic, deterministic sample web shop (orders.csv, reviews.csv, tickets.csv,
/// survey.csv). The same options always give byte-identical files.
#[derive(Parser, Debug)]
#[command(name = "sample-shop", version, about)]
struct Args {
    /// Seed of the random stream.
    #[arg(long, default_value_t = 2024)]
    seed: u64,
    /// Number of customers (default 1500).
    #[arg(long, conflicts_with = "orders")]
    customers: Option<usize>,
    /// Approximate number of orders instead of a customer count (e.g. 10000, 100000, 1000000).
    #[arg(long)]
    orders: Option<usize>,
    /// First order date (YYYY-MM-DD; default 2024-01-01).
    #[arg(long)]
    start: Option<chrono::NaiveDate>,
    /// Last order date, inclusive, and "today" of the data set (YYYY-MM-DD; default 2025-06-30).
    #[arg(long)]
    end: Option<chrono::NaiveDate>,
    /// Output directory (created if missing).
    #[arg(long, default_value = "www/sample")]
    out: PathBuf,
}

fn create(dir: &Path, name: &str) -> Result<BufWriter<File>, String> {
    let path = dir.join(name);
    File::create(&path).map(|f| BufWriter::with_capacity(1 << 20, f)).map_err(|e| format!("cannot create {}: {e}", path.display()))
}

fn run(args: Args) -> Result<(), String> {
    let mut cfg = match args.orders {
        Some(n) => SampleConfig::for_orders(n, args.seed),
        None => SampleConfig { seed: args.seed, ..SampleConfig::default() },
    };
    if let Some(c) = args.customers {
        cfg.customers = c;
    }
    if let Some(d) = args.start {
        cfg.start = d;
    }
    if let Some(d) = args.end {
        cfg.end = d;
    }
    if cfg.end < cfg.start {
        return Err(format!("--end {} is before --start {}", cfg.end, cfg.start));
    }
    std::fs::create_dir_all(&args.out).map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;
    let names = ["orders.csv", "reviews.csv", "tickets.csv", "survey.csv"];
    let mut o = create(&args.out, names[0])?;
    let mut r = create(&args.out, names[1])?;
    let mut t = create(&args.out, names[2])?;
    let mut s = create(&args.out, names[3])?;
    let write_error = |e: std::io::Error| format!("cannot write to {}: {e}", args.out.display());
    let counts = write_files(&cfg, &mut o, &mut r, &mut t, &mut s).map_err(write_error)?;
    for w in [&mut o, &mut r, &mut t, &mut s] {
        w.flush().map_err(write_error)?;
    }
    let rows = [counts.orders, counts.reviews, counts.tickets, counts.responses];
    for (name, n) in names.iter().zip(rows) {
        println!("{}: {n} rows", args.out.join(name).display());
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sample-shop: {e}");
            ExitCode::FAILURE
        }
    }
}
