//! Prints the kind each file would be read as when dropped on the page (the same detection):
//!   cargo run --release --example kind -- FILE...
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let kind = loyalty_scorecard::input::detect_kind(&path, &bytes, &loyalty_scorecard::input::ReadOptions::default());
        println!("{path}\t{}", kind.map_or("?".to_string(), |k| format!("{k:?}")));
    }
}
