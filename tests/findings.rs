//! "At a glance": the findings on shops whose figures are worked out by hand here, and on the
//! sample shop against its own sections.

use loyalty_scorecard::findings::Fact;
use loyalty_scorecard::{analyze, AnalysisOptions, InputFile, InputKind};

/// Ten customers with one order each from 1 to 10 March 2024: c01 spends 500, c02 100, the
/// other eight 50 (revenue 1,000); three complaint tickets.
fn hand_shop() -> loyalty_scorecard::Scorecard {
    let mut orders = String::from("order_id,customer_id,order_date,total\n");
    for i in 1..=10 {
        let total = match i {
            1 => 500,
            2 => 100,
            _ => 50,
        };
        orders.push_str(&format!("#{i},c{i:02},2024-03-{i:02},{total}\n"));
    }
    let tickets = "ticket_id,customer_id,order_id,opened,resolved,category\nT1,c01,#1,2024-03-02,2024-03-03,delivery\nT2,c02,#2,2024-03-03,,refund\nT3,c03,#3,2024-03-04,2024-03-04,other\n";
    let files = [InputFile::orders("orders.csv", orders.as_bytes()), InputFile::new("tickets.csv", InputKind::Tickets, tickets.as_bytes())];
    analyze(&files, &AnalysisOptions::default()).unwrap()
}

#[test]
fn a_hand_checked_shop() {
    let card = hand_shop();
    let f = &card.findings;
    // By hand: the year's revenue is 1,000 over 10 days of data, 36,500 a year.
    // Complaints: 3 tickets / 10 orders = 0.3 against the target 0.1; Wilson 95% interval
    // 0.1078-0.6032, so above the target. effect = min(0.3 / 0.1 / 2, 1) = 1; certainty =
    // 1 - (0.6032 - 0.1078) / 2 / 0.3 = 0.1743; at stake 0.3 × 36,500 = 10,950, a share of
    // 0.3: score 0.0523.
    // Concentration: the top 2 of 10 customers bring 600 of 1,000 = 0.6; effect (0.6 - 0.2) /
    // 0.8 = 0.5; certainty 10 / 100 customers = 0.1; at stake 0.6 × 36,500 = 21,900: score 0.03.
    // Nobody is lost yet (every customer bought within the churn window), no reviews, no model
    // check (10 days of data): no other finding.
    let kinds: Vec<&str> = f
        .iter()
        .map(|x| match x.fact {
            Fact::Complaints { .. } => "complaints",
            Fact::Concentration { .. } => "concentration",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["complaints", "concentration"], "{f:#?}");
    let close = |a: f64, b: f64, tol: f64| assert!((a - b).abs() <= tol, "{a} vs {b}");
    // Tolerance: the hand figures are rounded to 4 decimals.
    close(f[0].effect, 1.0, 1e-12);
    close(f[0].certainty, 0.1743, 1e-4);
    close(f[0].at_stake, 10_950.0, 1e-6);
    close(f[0].score, 0.0523, 1e-4);
    let Fact::Complaints { rate, target, .. } = f[0].fact else { unreachable!() };
    close(rate, 0.3, 1e-12);
    close(target, 0.1, 1e-12);
    close(f[1].effect, 0.5, 1e-12);
    close(f[1].certainty, 0.1, 1e-12);
    close(f[1].at_stake, 21_900.0, 1e-6);
    close(f[1].score, 0.03, 1e-12);
    assert_eq!((f[0].section, f[1].section), ("ls-h-complaints", "ls-h-loyalty"));
    let text = loyalty_scorecard::view::plain::report(loyalty_scorecard::view::Lang::En, &card, &loyalty_scorecard::view::render::Source::Files("shop".into()));
    let head: Vec<&str> = text.lines().skip_while(|l| *l != "At a glance").skip(3).take(3).collect();
    // Wrapped at the report's width (100 columns).
    assert_eq!(head[0], "1. Complaints: 30.0% of orders (95% CI 10.8%–60.3%), above the target of 10.0%; 66.7% of tickets are");
    assert_eq!(head[1], "   resolved.");
    assert_eq!(head[2], "2. The top 20% of customers bring 60.0% of revenue (10 customers): keeping them matters most.");
    // The repeat rate and orders per customer share their small-sample warning: printed once.
    assert_eq!(text.matches("! only 10 customers: read").count(), 1, "{text}");
}

#[test]
fn the_sample_shop_heads_with_its_own_figures() {
    let kinds = [("orders.csv", InputKind::Orders), ("reviews.csv", InputKind::Reviews), ("tickets.csv", InputKind::Tickets), ("survey.csv", InputKind::Surveys)];
    let bytes: Vec<(String, InputKind, Vec<u8>)> = kinds.iter().map(|(n, k)| (n.to_string(), *k, std::fs::read(format!("www/sample/{n}")).unwrap())).collect();
    let files: Vec<InputFile> = bytes.iter().map(|(name, kind, b)| InputFile::new(name, *kind, b)).collect();
    let card = analyze(&files, &AnalysisOptions::default()).unwrap();
    let f = &card.findings;
    assert!(f.len() >= 3 && f.len() <= loyalty_scorecard::findings::SHOWN, "{f:#?}");
    assert!(f.windows(2).all(|w| w[0].score >= w[1].score));
    for x in f {
        assert!(x.score > 0.0 && x.score <= x.effect * x.certainty + 1e-12, "{x:?}");
        match &x.fact {
            Fact::SatisfiedNotBack { share, .. } => assert_eq!(Some(*share), card.trust.as_ref().unwrap().satisfied_not_back.not_back.value),
            Fact::Concentration { top_20_share, .. } => assert_eq!(Some(*top_20_share), card.loyalty.as_ref().unwrap().concentration.as_ref().unwrap().top_20_share),
            Fact::ModelMisses { relative_error, .. } => assert_eq!(Some(*relative_error), card.clv.as_ref().unwrap().validation[0].total_relative_error),
            Fact::LostCustomers { lost, .. } => assert_eq!(*lost, card.loyalty.as_ref().unwrap().leaky_bucket.what_if.as_ref().unwrap().lost_customers),
            Fact::LateDayCost { points_per_day, .. } => assert_eq!(-*points_per_day, card.satisfaction.as_ref().unwrap().delivery.as_ref().unwrap().rating_model.as_ref().unwrap().per_day_late),
            Fact::Complaints { rate, .. } => assert_eq!(Some(*rate), card.satisfaction.as_ref().unwrap().complaints.as_ref().unwrap().rate_per_order.value),
        }
    }
    let json = serde_json::to_value(&card).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), f.len());
    for (i, x) in f.iter().enumerate() {
        assert_eq!(json["findings"][i]["kind"], x.fact.kind());
        assert_eq!(json["findings"][i]["section"], x.section);
    }
}

/// The sample shop with its orders' total column taken out: the findings that need no money are
/// still there, ranked by effect × certainty (said so), and none that speaks of revenue.
#[test]
fn without_money_the_findings_are_not_weighed_by_revenue() {
    let orders = std::fs::read_to_string("www/sample/orders.csv").unwrap();
    // Drop the fourth column (total) of every line; no cell of this file holds a comma.
    let no_total: String = orders
        .lines()
        .map(|l| {
            let mut cells: Vec<&str> = l.split(',').collect();
            cells.remove(3);
            cells.join(",") + "\n"
        })
        .collect();
    assert!(no_total.starts_with("order_id,customer_id,order_date,currency,"));
    let others = [("reviews.csv", InputKind::Reviews), ("tickets.csv", InputKind::Tickets), ("survey.csv", InputKind::Surveys)];
    let bytes: Vec<(String, InputKind, Vec<u8>)> = others.iter().map(|(n, k)| (n.to_string(), *k, std::fs::read(format!("www/sample/{n}")).unwrap())).collect();
    let mut files = vec![InputFile::orders("orders.csv", no_total.as_bytes())];
    files.extend(bytes.iter().map(|(name, kind, b)| InputFile::new(name, *kind, b)));
    let card = analyze(&files, &AnalysisOptions::default()).unwrap();
    let f = &card.findings;
    assert!(!f.is_empty(), "findings without money");
    for x in f {
        assert!(!matches!(x.fact, Fact::Concentration { .. } | Fact::LostCustomers { .. }), "{x:?}");
        // Not weighed by revenue: the score is effect × certainty.
        assert!((x.score - x.effect * x.certainty).abs() < 1e-12, "{x:?}");
    }
    let text = loyalty_scorecard::view::plain::report(loyalty_scorecard::view::Lang::En, &card, &loyalty_scorecard::view::render::Source::Files("shop".into()));
    assert!(text.contains("the orders have no money column"), "{text}");
}
