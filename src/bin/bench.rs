//! Native half of `npm run bench`: times each stage of the analysis on a generated shop (a
//! directory with orders.csv and, when present, reviews.csv, tickets.csv and survey.csv, as the
//! sample-shop generator writes them) and prints one JSON object per directory: the median of
//! the repetitions per stage (and of a new date range from the kept records, `new_range`), the
//! bytes read, and the process's peak resident memory. Files are read as the command line reads
//! them: one at a time, each file's bytes let go once its records are in (the read stage times
//! the parsing, not the disk).
//!
//! Usage: bench [--reps N] DIR... (`BENCH_NO_RANGE=1`: no new date range, so a heap profile
//! shows the first analysis's peak; `BENCH_HEAP=1`: at each stage's end, the heap bytes in use
//! and their peak since the previous stage, on standard error)

use loyalty_scorecard::{AnalysisOptions, InputFile, InputKind, Reader};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// The system allocator, counting the bytes in use and their peak: what the records and the
/// analysis hold, apart from the process's code and the allocator's own slack (which the
/// resident-set figure includes).
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            PEAK.fetch_max(LIVE.fetch_add(l.size(), Relaxed) + l.size(), Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            if new > l.size() {
                PEAK.fetch_max(LIVE.fetch_add(new - l.size(), Relaxed) + new - l.size(), Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Peak resident set size of this process in bytes (Linux `VmHWM`), when known.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut reps = 3usize;
    let mut dirs = Vec::new();
    while let Some(a) = args.next() {
        if a == "--reps" {
            reps = args.next().and_then(|v| v.parse().ok()).unwrap_or(3).max(1);
        } else {
            dirs.push(a);
        }
    }
    let start = Instant::now();
    let heap_trace = std::env::var_os("BENCH_HEAP").is_some();
    let now = || {
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        if heap_trace {
            let live = LIVE.load(Relaxed);
            eprintln!("heap {ms:9.1} ms: live {:7.1} MB, peak since last {:7.1} MB", live as f64 / 1e6, PEAK.swap(live, Relaxed) as f64 / 1e6);
        }
        ms
    };
    for dir in dirs {
        let kinds = [("orders.csv", InputKind::Orders), ("reviews.csv", InputKind::Reviews), ("tickets.csv", InputKind::Tickets), ("survey.csv", InputKind::Surveys)];
        let mut present = Vec::new();
        for (name, kind) in kinds {
            let path = format!("{dir}/{name}");
            match std::fs::metadata(&path) {
                Ok(m) => present.push((path, kind, m.len() as usize)),
                Err(_) if kind != InputKind::Orders => {}
                Err(e) => {
                    eprintln!("bench: {path}: {e}");
                    std::process::exit(2);
                }
            }
        }
        let bytes: usize = present.iter().map(|(_, _, n)| n).sum();
        let fail = |e: String| -> ! {
            eprintln!("bench: {e}");
            std::process::exit(1);
        };
        let mut runs: Vec<Vec<(&'static str, f64)>> = Vec::new();
        let mut orders = 0.0;
        let mut peak_analysis = None;
        // Heap bytes of the first repetition: peak while reading, held after reading (the
        // records), peak while analysing, held after (records and the kept analysis).
        let mut heap = [0usize; 4];
        for _ in 0..reps {
            let t0 = now();
            let mut reader = Reader::new();
            let t = now();
            let bytes: Vec<Vec<u8>> = present.iter().map(|(path, ..)| std::fs::read(path).unwrap_or_else(|e| fail(format!("{path}: {e}")))).collect();
            let disk = now() - t;
            let files: Vec<InputFile<'_>> = present.iter().zip(&bytes).map(|((path, kind, _), b)| InputFile::new(path, *kind, b)).collect();
            reader.add_all_timed(&files, &now).unwrap_or_else(|e| fail(e.to_string()));
            drop(files);
            drop(bytes);
            let read_heap = (PEAK.load(Relaxed), LIVE.load(Relaxed));
            PEAK.store(read_heap.1, Relaxed);
            let (mut analysis, stages) = reader.analyze_with_progress(&AnalysisOptions::default(), &now, &mut |_, _| {}).unwrap_or_else(|e| fail(e.to_string()));
            // The total leaves the disk out, as the stages do.
            let t0 = t0 + disk;
            let card = analysis.scorecard();
            let t1 = now();
            let json = serde_json::to_string(card).map(|s| s.len()).unwrap_or(0);
            let t2 = now();
            std::hint::black_box(json);
            orders = card.orders.as_ref().map(|b| b.orders.value).unwrap_or(0.0);
            let mut row: Vec<(&'static str, f64)> = stages.iter().map(|s| (s.stage, s.ms)).collect();
            row.push(("serialize", t2 - t1));
            row.push(("total", t2 - t0));
            // A new date range (the second half of the period) from the kept records, as the
            // page does when the range is changed: no file is read again.
            let half = card.period.as_ref().map(|p| p.first + (p.last - p.first) / 2);
            let range = AnalysisOptions { since: half.map(|d| d.to_string()), ..AnalysisOptions::default() };
            // The process's peak before the first new range: the analysis's own.
            if peak_analysis.is_none() {
                heap = [read_heap.0, read_heap.1, PEAK.load(Relaxed), LIVE.load(Relaxed)];
                peak_analysis = peak_rss();
            }
            if std::env::var_os("BENCH_NO_RANGE").is_some() {
                runs.push(row);
                continue;
            }
            let t3 = now();
            if let Err(e) = analysis.rerun(&range) {
                eprintln!("bench: new date range: {e}");
                std::process::exit(1);
            }
            row.push(("new_range", now() - t3));
            runs.push(row);
        }
        let median = |i: usize| {
            let mut v: Vec<f64> = runs.iter().map(|r| r[i].1).collect();
            v.sort_by(|a, b| a.total_cmp(b));
            v[v.len() / 2]
        };
        let stages: Vec<String> = runs[0].iter().enumerate().map(|(i, (name, _))| format!("\"{name}\":{:.3}", median(i))).collect();
        let bytes_or_null = |b: Option<u64>| b.map_or("null".to_string(), |b| b.to_string());
        // The analysis's peak, and the process's after the new date range (which holds the
        // filtered records beside the kept ones for a moment).
        let (peak, peak_range) = (bytes_or_null(peak_analysis), bytes_or_null(peak_rss()));
        println!("{{\"dir\":{dir:?},\"bytes\":{bytes},\"orders\":{orders},\"reps\":{reps},\"peakRssBytes\":{peak},\"peakRssNewRangeBytes\":{peak_range},\"heap\":{{\"readPeak\":{},\"records\":{},\"analysisPeak\":{},\"kept\":{}}},\"ms\":{{{}}}}}", heap[0], heap[1], heap[2], heap[3], stages.join(","));
    }
}
