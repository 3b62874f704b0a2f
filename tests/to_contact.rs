//! The customers worth a message now, on the sample shop, against a reckoning of its own: each
//! listed customer's orders, last order and spend counted from the orders file's rows, P(alive)
//! from the MBG/NBD's closed form at the reported parameters (Batislam, Denizel & Filiztekin
//! 2007), and the list's rule (medium churn risk, no order for longer than the usual gap, the
//! most spent first) applied to every customer.

use chrono::NaiveDate;
use loyalty_scorecard::{analyze, AnalysisOptions, InputFile, InputKind};
use std::collections::BTreeMap;

#[test]
fn the_customers_to_contact_follow_their_rule() {
    let bytes = std::fs::read("www/sample/orders.csv").unwrap();
    let card = analyze(&[InputFile::new("orders.csv", InputKind::Orders, &bytes)], &AnalysisOptions::default()).unwrap();
    let clv = card.clv.as_ref().unwrap();
    let cal = clv.calibration_end.unwrap();
    let p: Vec<f64> = clv.mbgnbd.fit.as_ref().unwrap().params.iter().map(|q| q.value).collect();
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3]);
    // Every customer's (day, total) up to the calibration end; the sample has no status column.
    let text = String::from_utf8(bytes).unwrap();
    let mut by: BTreeMap<&str, Vec<(NaiveDate, f64)>> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let day = NaiveDate::parse_from_str(cells[2], "%Y-%m-%d").unwrap();
        if day <= cal {
            by.entry(cells[1]).or_default().push((day, cells[3].parse().unwrap()));
        }
    }
    let p_alive = |orders: &[(NaiveDate, f64)]| {
        let mut days: Vec<NaiveDate> = orders.iter().map(|o| o.0).collect();
        days.sort();
        days.dedup();
        let weeks = |d: NaiveDate| (d - days[0]).num_days() as f64 / 7.0;
        let (x, tx, t) = ((days.len() - 1) as f64, weeks(*days.last().unwrap()), weeks(cal));
        1.0 / (1.0 + a / (b + x) * ((alpha + t) / (alpha + tx)).powf(r + x))
    };
    // The usual gap: the median over repeat buyers of (last − first purchase day) / repeat days.
    let days_of = |o: &[(NaiveDate, f64)]| {
        let mut d: Vec<NaiveDate> = o.iter().map(|x| x.0).collect();
        d.sort();
        d.dedup();
        d
    };
    let mut gaps: Vec<f64> = by.values().map(|o| days_of(o)).filter(|d| d.len() > 1).map(|d| (d[d.len() - 1] - d[0]).num_days() as f64 / (d.len() - 1) as f64).collect();
    gaps.sort_by(f64::total_cmp);
    let gap = (gaps[(gaps.len() - 1) / 2] + gaps[gaps.len() / 2]) / 2.0;
    assert!((clv.usual_gap_days.unwrap() - gap).abs() < 1e-9);
    let since = |o: &[(NaiveDate, f64)]| (cal - *days_of(o).last().unwrap()).num_days() as f64;
    let mut slipping: Vec<(f64, &str)> = by.iter().filter(|(_, o)| (0.3..0.7).contains(&p_alive(o)) && since(o) > gap + 1e-9).map(|(id, o)| (o.iter().map(|x| x.1).sum(), *id)).collect();
    slipping.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
    assert_eq!(clv.slipping_customers, Some(slipping.len()));
    assert!(slipping.len() > 20);
    let listed: Vec<&str> = clv.to_contact.iter().map(|c| c.customer_id.as_str()).collect();
    let want: Vec<&str> = slipping.iter().take(20).map(|s| s.1).collect();
    assert_eq!(listed, want);
    for c in &clv.to_contact {
        let o = &by[c.customer_id.as_str()];
        assert_eq!(c.orders, o.len());
        assert_eq!(c.last_order, o.iter().map(|x| x.0).max().unwrap());
        assert!((c.spent.unwrap() - o.iter().map(|x| x.1).sum::<f64>()).abs() < 1e-9);
        assert!((c.p_alive - p_alive(o)).abs() < 1e-12, "{}", c.customer_id);
        assert!(c.p_order_90_days.unwrap() < c.p_alive);
    }
}
