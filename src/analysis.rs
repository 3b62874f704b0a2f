//! A kept analysis: the records read from the files and the scorecard made from them, held
//! together so that exports (the per-customer table, the customer summary) and a new date
//! range, product or assumption ([`Analysis::rerun`]) reuse them instead of reading every file
//! again. The CLI and the browser worker each keep one.
//!
//! ```
//! use loyalty_scorecard::{Analysis, AnalysisOptions, InputFile};
//! let csv = "customer_id,order_date,total\nA,2024-01-05,10.00\nA,2024-02-01,30.00\nB,2024-01-09,20.00\n";
//! let a = Analysis::run(&[InputFile::orders("orders.csv", csv.as_bytes())], &AnalysisOptions::default()).unwrap();
//! assert_eq!(a.scorecard().orders.as_ref().unwrap().orders.value, 3.0);
//! let table = String::from_utf8(a.customers_csv().unwrap()).unwrap();
//! assert!(table.starts_with("customer_id,frequency,") && table.lines().count() == 3);
//! // A date range from the kept records: no file is read again.
//! let mut a = a;
//! a.rerun(&AnalysisOptions { since: Some("2024-01-06".into()), ..AnalysisOptions::default() }).unwrap();
//! assert_eq!(a.scorecard().orders.as_ref().unwrap().orders.value, 2.0);
//! ```

use crate::dataset::Dataset;
use crate::input::InputFile;
use crate::report::Read;
use crate::report::{AnalysisOptions, Scorecard, StageTime};
use crate::Error;
use std::borrow::Cow;

/// The records an analysis read and its scorecard.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Everything the files gave, before the options' date range, product and analysis date.
    read: Read,
    scorecard: Scorecard,
    options: AnalysisOptions,
}

/// Files read one at a time, for a caller that holds one file's bytes at a time (the command
/// line reads a file, adds it and lets its bytes go before the next): add each file, then
/// [`Reader::analyze`]. The same analysis as [`Analysis::run`] on all the files at once.
///
/// ```
/// use loyalty_scorecard::{AnalysisOptions, InputFile, Reader};
/// let mut reader = Reader::new();
/// for (name, csv) in [("a.csv", "customer_id,order_date,total\nA,2024-01-05,10\n"), ("b.csv", "customer_id,order_date,total\nB,2024-02-01,5\n")] {
///     let bytes = csv.as_bytes().to_vec();
///     reader.add(&InputFile::orders(name, &bytes)).unwrap();
/// } // each file's bytes are dropped here
/// let analysis = reader.analyze(&AnalysisOptions::default()).unwrap();
/// assert_eq!(analysis.scorecard().orders.as_ref().unwrap().orders.value, 2.0);
/// ```
#[derive(Default)]
pub struct Reader {
    read: Read,
    ms: f64,
}

impl Reader {
    /// No file yet.
    pub fn new() -> Reader {
        Reader::default()
    }

    /// Reads one file (with its own reading options).
    ///
    /// # Errors
    /// As [`crate::input::read_input`]: the file as a whole cannot be used.
    pub fn add(&mut self, file: &InputFile<'_>) -> Result<(), Error> {
        self.add_timed(file, &|| 0.0)
    }

    /// Reads several files (natively side by side on two threads), as [`Reader::add`] for each
    /// in turn would: the records and the accounts are in the files' order.
    ///
    /// # Errors
    /// As [`Reader::add`], for the first file (in order) that cannot be used.
    pub fn add_all(&mut self, files: &[InputFile<'_>]) -> Result<(), Error> {
        self.add_all_timed(files, &|| 0.0)
    }

    /// [`Reader::add_all`], adding the time `now` measures (ms) to the read stage's.
    ///
    /// # Errors
    /// As [`Reader::add_all`].
    pub fn add_all_timed(&mut self, files: &[InputFile<'_>], now: &dyn Fn() -> f64) -> Result<(), Error> {
        let t = now();
        self.read.add_all(files, &mut |_, _| {})?;
        self.ms += now() - t;
        Ok(())
    }

    /// [`Reader::add`], adding the time `now` measures (ms) to the read stage's.
    ///
    /// # Errors
    /// As [`Reader::add`].
    pub fn add_timed(&mut self, file: &InputFile<'_>, now: &dyn Fn() -> f64) -> Result<(), Error> {
        let t = now();
        self.read.add(file, 0, file.bytes.len(), file.bytes.len(), &mut |_, _| {})?;
        self.ms += now() - t;
        Ok(())
    }

    /// The analysis of the files added.
    ///
    /// # Errors
    /// As [`Analysis::run`].
    pub fn analyze(self, options: &AnalysisOptions) -> Result<Analysis, Error> {
        self.analyze_with_progress(options, &|| 0.0, &mut |_, _| {}).map(|(a, _)| a)
    }

    /// [`Reader::analyze`] with the clock and progress of [`Analysis::run_with_progress`]; the
    /// read stage's time is what [`Reader::add_timed`] measured.
    ///
    /// # Errors
    /// As [`Analysis::run`].
    pub fn analyze_with_progress(mut self, options: &AnalysisOptions, now: &dyn Fn() -> f64, progress: &mut dyn FnMut(&str, f64)) -> Result<(Analysis, Vec<StageTime>), Error> {
        self.read.finish();
        Analysis::from_read(self.read, self.ms, options, now, progress)
    }
}

impl Analysis {
    /// Reads `files` once and makes the scorecard (as [`crate::analyze`]), keeping the records.
    ///
    /// # Errors
    /// As [`crate::analyze`].
    pub fn run(files: &[InputFile<'_>], options: &AnalysisOptions) -> Result<Analysis, Error> {
        Analysis::run_with_progress(files, options, &|| 0.0, &mut |_, _| {}).map(|(a, _)| a)
    }

    /// [`Analysis::run`] with the caller's clock and a progress callback, as
    /// [`crate::report::analyze_with_progress`].
    ///
    /// # Errors
    /// As [`crate::analyze`].
    pub fn run_with_progress(files: &[InputFile<'_>], options: &AnalysisOptions, now: &dyn Fn() -> f64, progress: &mut dyn FnMut(&str, f64)) -> Result<(Analysis, Vec<StageTime>), Error> {
        let (scorecard, read, times) = crate::report::run(files, options, now, progress)?;
        Ok((Analysis { read, scorecard, options: options.clone() }, times))
    }

    /// The analysis of records read by the caller file by file (the browser worker and
    /// [`Reader`], which hold one file's bytes at a time), in `read_ms`.
    pub(crate) fn from_read(read: Read, read_ms: f64, options: &AnalysisOptions, now: &dyn Fn() -> f64, progress: &mut dyn FnMut(&str, f64)) -> Result<(Analysis, Vec<StageTime>), Error> {
        let (scorecard, read, times) = crate::report::run_read(read, read_ms, options, now, progress)?;
        Ok((Analysis { read, scorecard, options: options.clone() }, times))
    }

    /// An analysis from its parts (the records read and their scorecard under `options`).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn from_parts(read: Read, scorecard: Scorecard, options: &AnalysisOptions) -> Analysis {
        Analysis { read, scorecard, options: options.clone() }
    }

    /// The records read (the scorecard is dropped).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn into_read(self) -> Read {
        self.read
    }

    /// The scorecard again under other `options` (a date range, a product, an assumption) from
    /// the kept records: no file is read. On an error the analysis is left as it was.
    ///
    /// # Errors
    /// As [`crate::analyze`] (no completed order in the range, an invalid option), and a
    /// scorecard from a customer summary (whose records are not kept: analyse the files again).
    pub fn rerun(&mut self, options: &AnalysisOptions) -> Result<(), Error> {
        self.rerun_with_progress(options, &|| 0.0, &mut |_, _| {}).map(|_| ())
    }

    /// [`Analysis::rerun`] with the caller's clock and a progress callback.
    ///
    /// # Errors
    /// As [`Analysis::rerun`].
    pub fn rerun_with_progress(&mut self, options: &AnalysisOptions, now: &dyn Fn() -> f64, progress: &mut dyn FnMut(&str, f64)) -> Result<Vec<StageTime>, Error> {
        if self.scorecard.summary_input.is_some() {
            return Err(Error::NoUsableData("the scorecard comes from a customer summary: read its file again to change the options".into()));
        }
        let (scorecard, times) = crate::report::scorecard_of(&self.read, options, now, progress)?;
        self.scorecard = scorecard;
        self.options = options.clone();
        Ok(times)
    }

    /// The scorecard.
    pub fn scorecard(&self) -> &Scorecard {
        &self.scorecard
    }

    /// The scorecard alone (the records are dropped).
    pub fn into_scorecard(self) -> Scorecard {
        self.scorecard
    }

    /// The scorecard, for a caller that needs to change it (an adjusted assumption).
    pub fn scorecard_mut(&mut self) -> &mut Scorecard {
        &mut self.scorecard
    }

    /// The records the scorecard was made from: after the date range and the product filter,
    /// orders dated on or before the analysis date (borrowed from the kept records when nothing
    /// is left out). Empty for a scorecard from a customer summary.
    pub fn dataset(&self) -> Cow<'_, Dataset> {
        // The options were checked when the scorecard was made: their range start reads again.
        let since = crate::report::option_days(&self.options).ok().and_then(|(_, since)| since);
        crate::report::filtered(&self.read.data, crate::report::Money::of(&self.options), since, self.options.product.as_deref(), self.scorecard.as_of, &mut crate::messages::Notes::new())
            .map_or_else(|_| Cow::Owned(Dataset::default()), |(d, _)| d)
    }

    /// The options the analysis ran with.
    pub fn options(&self) -> &AnalysisOptions {
        &self.options
    }

    /// The per-customer table (the CLI's `--customers-out`, the page's customers CSV) from the
    /// kept records: no file is read again.
    ///
    /// # Errors
    /// No analysis date (no dated orders), or a scorecard from a customer summary (whose
    /// table comes from the summary file).
    pub fn customers_csv(&self) -> Result<Vec<u8>, Error> {
        if self.scorecard.summary_input.is_some() {
            return Err(Error::NoUsableData("the scorecard comes from a customer summary: its per-customer table comes from the summary file".into()));
        }
        crate::export::customers_csv_of(&self.dataset(), &self.options, &self.scorecard)
    }
}
