//! The trust section of the text report: the ladder, the headline, the levers, earned against
//! bought loyalty and the first stuck customers of each step.

use super::{measure_row, money, note, pct, row, wrap};
use crate::metrics::satisfaction::compare::Verdict;
use crate::metrics::trust::levers::Difference;
use crate::metrics::trust::{Layer, TrustReport};
use crate::report::group;
use std::fmt::Write;

/// Stuck customers listed per step in the text (the report keeps 50, the CSV export all).
const TEXT_STUCK: usize = 5;

fn diff(d: &Difference) -> String {
    match (d.value, &d.interval) {
        (Some(v), Some(i)) => format!(
            "difference {:+.1} points (95% CI {:+.1} to {:+.1}), {}",
            100.0 * v,
            100.0 * i.lower,
            100.0 * i.upper,
            d.verdict.text()
        ),
        _ => format!("difference: {}", Verdict::NotEnoughData.text()),
    }
}

fn step_name(step: &str) -> &'static str {
    match step {
        "customers" => "Customers",
        "rated" => "Rated (any attitude data)",
        "satisfied" => "Satisfied (cognitive)",
        "emotional" => "Emotional trust",
        "behavioural" => "Behavioural trust",
        "rated_not_satisfied" => "Rated, never satisfied",
        "repeat_without_stated_satisfaction" => "Repeat buyers, not rated",
        _ => "?",
    }
}

/// Row labels of the lever groups (at most 24 characters).
fn group_label(group: &str) -> &'static str {
    match group {
        "on_time" => "  First order on time",
        "late" => "  First order late",
        "resolved" => "  Complaint resolved",
        "unresolved" => "  Complaint unresolved",
        "positive" => "  First rating positive",
        "not_positive" => "  First rating lower",
        "no_discount" => "  First order, no code",
        "discount" => "  First order with code",
        _ => "  ?",
    }
}

pub(super) fn trust_text(out: &mut String, r: &TrustReport, cur: &str) {
    let _ = writeln!(out, "\nFrom satisfaction to trust");
    let o = &r.options;
    let active = if r.active_rule_used == "p_alive" {
        format!("P(alive) >= {} under the BG/NBD fit", o.p_alive_min)
    } else {
        format!("last order within the churn window of {} days", r.churn_window_days)
    };
    wrap(
        out,
        "  Rules: ",
        "    ",
        &format!(
            "satisfied = a rating >= {} of 5, survey CSAT >= {} (on 1-5) or NPS >= {}; emotional = {}+ positive experiences and no \
unresolved complaint since the last; behavioural = emotional, {}+ orders over {}+ days and still active ({active}). Layers are \
cumulative; customers with no rating, survey answer or complaint are \"not rated\", not unsatisfied.",
            o.rating_positive, o.csat_positive, o.nps_promoter, o.min_positive_experiences, o.min_orders, o.min_tenure_days
        ),
    );
    for (i, s) in r.funnel.steps.iter().enumerate() {
        let conv = if i == 0 { None } else { r.funnel.conversions.get(i - 1) };
        match conv {
            Some(c) => measure_row(out, step_name(s.step), &c.rate, &format!("{} customers, from the step before", group(s.customers))),
            None => row(out, step_name(s.step), group(s.customers), String::new()),
        }
    }
    let count = |l: Layer| r.layers.iter().find(|c| c.layer == l).map_or(0, |c| c.customers);
    row(out, "Not rated", group(count(Layer::NotRated)), "no rating, survey answer or complaint: kept apart".into());
    row(
        out,
        "Repeat buyers, not rated",
        group(r.repeat_without_stated_satisfaction),
        "meet every behavioural rule but never stated satisfaction: not counted as trusting".into(),
    );
    if let Some(to) = r.funnel.largest_leak {
        note(out, "->", &format!("the ladder leaks most on the step to: {}", step_name(to)));
    }
    if count(Layer::NotRated) == r.funnel.steps.first().map_or(0, |s| s.customers) {
        note(out, "!", "not enough data: no rating, survey answer or complaint of a customer with an order");
    }
    let h = &r.satisfied_not_back;
    measure_row(
        out,
        "Satisfied, not back",
        &h.not_back,
        &format!("no order within {} days of the first positive experience; {} came back", h.window_days, group(h.came_back)),
    );
    let against = match h.against_claim {
        Some("below") => " This shop's interval lies below that range.",
        Some("above") => " This shop's interval lies above that range.",
        Some(_) => " This shop's interval overlaps that range.",
        None => "",
    };
    wrap(out, "    compare: ", "      ", &format!("{}{against}", h.claim.source));

    let _ = writeln!(out, "  What moves customers up (followed {}+ days; observational, not proof of cause):", r.levers.window_days);
    for l in &r.levers.levers {
        for (g, rep, up) in [(l.group_a, &l.repurchase_a, &l.step_up_a), (l.group_b, &l.repurchase_b, &l.step_up_b)] {
            let up = up.value.map(|v| format!("{} reached emotional trust", pct(v))).unwrap_or_default();
            measure_row(out, group_label(g), rep, &up);
        }
        note(out, "=", &format!("bought again: {}", diff(&l.repurchase_difference)));
    }
    wrap(out, "  ", "    ", &r.levers.summary);

    match &r.bought {
        Some(b) => {
            let _ = writeln!(out, "  Earned or bought loyalty:");
            measure_row(out, "Repeat orders with code", &b.repeat_orders_with_discount, "");
            measure_row(out, "Return only on discount", &b.discount_only_returners, &format!("{} of {} repeat customers", group(b.discount_only_customers), group(b.repeat_customers)));
            measure_row(out, "Bought-loyalty index", &b.bought_loyalty_index, &format!("{} repeat orders of discount-only returners", group(b.discount_dependent_repeat_orders)));
            row(
                out,
                "Discount-dependent rev.",
                format!("{} {cur}", money(b.discount_dependent_repeat_revenue)).trim_end().to_string(),
                format!("{} of repeat revenue", b.discount_dependent_revenue_share.map(pct).unwrap_or_else(|| "-".into())),
            );
            let a = &b.acquisition;
            measure_row(out, "  Acquired w/ code: 2+", &a.repeat_rate_discount, "");
            measure_row(out, "  Acquired w/o code: 2+", &a.repeat_rate_no_discount, "");
            note(out, "=", &diff(&a.repeat_difference));
            measure_row(out, "  W/ code: back in window", &a.retention_discount, "");
            measure_row(out, "  W/o code: back in window", &a.retention_no_discount, "");
            note(out, "=", &diff(&a.retention_difference));
            note(out, "note:", b.note);
        }
        None => row(out, "Earned or bought loyalty", String::new(), "not enough data: no order has a discount code".into()),
    }
    for s in &r.stuck {
        if s.customers == 0 {
            continue;
        }
        let first: Vec<String> = s
            .listed
            .iter()
            .take(TEXT_STUCK)
            .map(|c| {
                format!(
                    "{} ({} order{}, last {}, rating {}{})",
                    c.customer_id,
                    c.orders,
                    if c.orders == 1 { "" } else { "s" },
                    c.last_order,
                    c.last_rating.map(|x| format!("{x:.0}")).unwrap_or_else(|| "-".into()),
                    if c.open_complaint { ", open complaint" } else { "" }
                )
            })
            .collect();
        wrap(out, &format!("  Stuck: {} ({}): ", step_name(s.step), group(s.customers)), "    ", &first.join("; "));
    }
    note(out, "note:", "all customers and their layer: --customers-out (column trust_layer)");
    for m in &r.messages {
        note(out, "note:", &m.en());
    }
}
