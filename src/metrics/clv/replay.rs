//! The lifetime-value stage's expensive results, computed in one place and used in another.
//!
//! In the page the analysis runs in a worker, one thread. A second worker can run the
//! lifetime-value stage (the likelihood fits and the delta-method passes of the aggregates, most
//! of its time) on the same purchases while the first computes the other metrics. The first then
//! builds its own report, deterministically as always, but takes each fit and each set of
//! variances from the second worker's log instead of computing it again.
//!
//! Nothing is trusted blindly: every entry carries a check value, the function's value at the
//! call's first point (the negative log-likelihood at the first start; the aggregates at the
//! estimates), which the replaying side computes itself and compares bit for bit. On the first
//! mismatch (other data, another build) the rest of the log is dropped and everything is
//! computed here, so a log can make the stage faster but never change a figure.
//!
//! Recording and replaying are per thread and off unless [`record`] or [`replay`] is running:
//! the command line and the tests never see either.

use super::fit::FitInfo;
use std::cell::RefCell;
use std::collections::VecDeque;

/// One expensive result and the value that checks it belongs to the same call.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Entry {
    /// A maximum-likelihood fit: the natural parameters and how it went (`None`: no start gave
    /// a finite value).
    Fit { check: f64, result: Option<(Vec<f64>, FitInfo)> },
    /// Delta-method variances of a vector-valued function at the estimates.
    Delta { check: Vec<f64>, variances: Vec<Option<f64>> },
}

/// How a replay went: entries used, and calls computed here (after a mismatch or past the end).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Replayed {
    pub used: usize,
    pub computed: usize,
}

enum Mode {
    Off,
    Record(Vec<Entry>),
    Replay(VecDeque<Entry>, Replayed),
}

thread_local! {
    static MODE: RefCell<Mode> = const { RefCell::new(Mode::Off) };
}

/// Runs `f` and returns the log of its fits and variances, in call order.
pub(crate) fn record<R>(f: impl FnOnce() -> R) -> (R, Vec<Entry>) {
    let before = MODE.with(|m| std::mem::replace(&mut *m.borrow_mut(), Mode::Record(Vec::new())));
    let r = f();
    let log = MODE.with(|m| match std::mem::replace(&mut *m.borrow_mut(), before) {
        Mode::Record(log) => log,
        _ => Vec::new(),
    });
    (r, log)
}

/// Runs `f` taking its fits and variances from `log` where their checks agree.
pub(crate) fn replay<R>(log: Vec<Entry>, f: impl FnOnce() -> R) -> (R, Replayed) {
    let before = MODE.with(|m| std::mem::replace(&mut *m.borrow_mut(), Mode::Replay(log.into(), Replayed::default())));
    let r = f();
    let stats = MODE.with(|m| match std::mem::replace(&mut *m.borrow_mut(), before) {
        Mode::Replay(_, s) => s,
        _ => Replayed::default(),
    });
    (r, stats)
}

/// Whether a log is being recorded or replayed (only then is a check value computed).
pub(crate) fn active() -> bool {
    MODE.with(|m| !matches!(*m.borrow(), Mode::Off))
}

fn same(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

/// The logged fit whose check is `check`, when replaying and the next entry is it.
pub(crate) fn take_fit(check: f64) -> Option<Option<(Vec<f64>, FitInfo)>> {
    take(|e| match e {
        Entry::Fit { check: c, result } if c.to_bits() == check.to_bits() => Some(result),
        _ => None,
    })
}

/// The logged variances whose check is `check`, when replaying and the next entry is them.
pub(crate) fn take_delta(check: &[f64]) -> Option<Vec<Option<f64>>> {
    take(|e| match e {
        Entry::Delta { check: c, variances } if same(&c, check) => Some(variances),
        _ => None,
    })
}

fn take<T>(matches: impl FnOnce(Entry) -> Option<T>) -> Option<T> {
    MODE.with(|m| {
        let mut m = m.borrow_mut();
        let Mode::Replay(log, stats) = &mut *m else { return None };
        match log.pop_front().and_then(matches) {
            Some(t) => {
                stats.used += 1;
                Some(t)
            }
            None => {
                // Another call than the log's: the rest is not this analysis's.
                log.clear();
                stats.computed += 1;
                None
            }
        }
    })
}

/// Logs `entry` when recording.
pub(crate) fn put(entry: impl FnOnce() -> Entry) {
    MODE.with(|m| {
        if let Mode::Record(log) = &mut *m.borrow_mut() {
            log.push(entry());
        }
    });
}

/// The log as numbers (to travel between workers as one `Float64Array`).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn encode(log: &[Entry]) -> Vec<f64> {
    let mut out = Vec::new();
    let opt_vec = |out: &mut Vec<f64>, v: &Option<Vec<f64>>| match v {
        Some(v) => {
            out.push(v.len() as f64);
            out.extend(v);
        }
        None => out.push(-1.0),
    };
    for e in log {
        match e {
            Entry::Fit { check, result } => {
                out.extend([1.0, *check]);
                match result {
                    None => out.push(-1.0),
                    Some((theta, info)) => {
                        out.push(theta.len() as f64);
                        out.extend(theta);
                        out.extend([info.loglik, f64::from(u8::from(info.converged)), info.iterations as f64, info.starts as f64]);
                        opt_vec(&mut out, &info.std_errors);
                        opt_vec(&mut out, &info.covariance);
                    }
                }
            }
            Entry::Delta { check, variances } => {
                out.extend([2.0, check.len() as f64]);
                out.extend(check);
                out.push(variances.len() as f64);
                out.extend(variances.iter().map(|v| v.unwrap_or(f64::NAN)));
            }
        }
    }
    out
}

/// [`encode`]'s numbers read back; `None` when they are not such a log.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn decode(v: &[f64]) -> Option<Vec<Entry>> {
    struct Cursor<'a>(&'a [f64]);
    impl Cursor<'_> {
        fn one(&mut self) -> Option<f64> {
            let (x, rest) = self.0.split_first()?;
            self.0 = rest;
            Some(*x)
        }
        fn len(&mut self) -> Option<Option<usize>> {
            let n = self.one()?;
            match n {
                -1.0 => Some(None),
                n if n >= 0.0 && n.fract() == 0.0 && n <= self.0.len() as f64 => Some(Some(n as usize)),
                _ => None,
            }
        }
        fn many(&mut self, n: usize) -> Option<Vec<f64>> {
            let (a, rest) = (self.0.get(..n)?, self.0.get(n..)?);
            self.0 = rest;
            Some(a.to_vec())
        }
        fn opt_vec(&mut self) -> Option<Option<Vec<f64>>> {
            match self.len()? {
                None => Some(None),
                Some(n) => Some(Some(self.many(n)?)),
            }
        }
    }
    let mut c = Cursor(v);
    let mut log = Vec::new();
    while let Some(tag) = c.one() {
        if tag == 1.0 {
            let check = c.one()?;
            let result = match c.len()? {
                None => None,
                Some(n) => {
                    let theta = c.many(n)?;
                    let (loglik, converged, iterations, starts) = (c.one()?, c.one()?, c.one()?, c.one()?);
                    let info = FitInfo { loglik, converged: converged == 1.0, iterations: iterations as usize, starts: starts as usize, std_errors: c.opt_vec()?, covariance: c.opt_vec()? };
                    Some((theta, info))
                }
            };
            log.push(Entry::Fit { check, result });
        } else if tag == 2.0 {
            let n = c.len()??;
            let check = c.many(n)?;
            let k = c.len()??;
            let variances = c.many(k)?.into_iter().map(|v| (!v.is_nan()).then_some(v)).collect();
            log.push(Entry::Delta { check, variances });
        } else {
            return None;
        }
    }
    Some(log)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_survives_its_numbers() {
        let info = FitInfo { loglik: -12.5, converged: true, iterations: 17, starts: 3, std_errors: Some(vec![0.1, 0.2]), covariance: None };
        let log = vec![
            Entry::Fit { check: 3.25, result: Some((vec![1.5, 2.5], info)) },
            Entry::Fit { check: f64::NAN, result: None },
            Entry::Delta { check: vec![1.0, -0.0], variances: vec![Some(0.5), None] },
        ];
        let back = decode(&encode(&log)).unwrap();
        assert_eq!(format!("{back:?}"), format!("{log:?}"));
        assert!(decode(&[7.0]).is_none() && decode(&[1.0, 2.0, 5.0, 1.0]).is_none());
        assert_eq!(decode(&[]), Some(vec![]));
    }

    #[test]
    fn a_mismatch_drops_the_rest_of_the_log() {
        let log = vec![Entry::Delta { check: vec![1.0], variances: vec![Some(2.0)] }, Entry::Delta { check: vec![3.0], variances: vec![Some(4.0)] }];
        let ((a, b), stats) = replay(log.clone(), || (take_delta(&[1.0]), take_delta(&[3.0])));
        assert_eq!((a, b, stats), (Some(vec![Some(2.0)]), Some(vec![Some(4.0)]), Replayed { used: 2, computed: 0 }));
        let ((a, b), stats) = replay(log, || (take_delta(&[9.0]), take_delta(&[3.0])));
        assert_eq!((a, b, stats), (None, None, Replayed { used: 0, computed: 2 }));
        assert!(!active());
    }

    /// A whole lifetime-value analysis (three models, aggregates, holdout check) replayed from
    /// its own log: the same report, every entry used, nothing computed twice.
    #[test]
    fn a_replayed_analysis_is_the_same_analysis() {
        let bytes = std::fs::read("www/sample/orders.csv").unwrap();
        let (orders, _) = crate::input::orders::read_orders("orders.csv", &bytes).unwrap();
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let opts = crate::metrics::clv::ClvOptions { calibration_end: Some(day("2025-06-30")), holdout_end: Some(day("2025-12-31")), mbgnbd: true, ..Default::default() };
        let (first, log) = record(|| crate::metrics::clv::analyze_clv(&orders, &opts));
        assert!(first.bgnbd.fit.is_some() && first.mbgnbd.fit.is_some() && first.gamma_gamma.fit.is_some());
        let fits = log.iter().filter(|e| matches!(e, Entry::Fit { .. })).count();
        assert!(fits >= 3 && log.len() > fits, "{} entries, {fits} fits", log.len());
        let (again, stats) = replay(decode(&encode(&log)).unwrap(), || crate::metrics::clv::analyze_clv(&orders, &opts));
        assert_eq!(stats, Replayed { used: log.len(), computed: 0 });
        assert_eq!(again, first);
        // Another shop's log (here: the same log for other options) is not used.
        let other = crate::metrics::clv::ClvOptions { horizon: 10.0, ..opts.clone() };
        let (own, _) = record(|| crate::metrics::clv::analyze_clv(&orders, &other));
        let (mixed, stats) = replay(log, || crate::metrics::clv::analyze_clv(&orders, &other));
        assert_eq!(mixed, own);
        assert!(stats.computed > 0);
    }
}
