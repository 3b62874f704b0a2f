"""The peer of `npm run bench`: what an analyst would do in a notebook with pandas and lifetimes
on the same orders file, timed step by step. Prints one JSON object.

Steps (the work the scorecard's loyalty and lifetime-value sections do): read the CSV and parse
its dates; the per-customer summary (lifetimes' summary_data_from_transaction_data, weeks as
7 days, as the scorecard); BG/NBD and Gamma-Gamma fits; per customer P(alive), expected
purchases over 39 weeks and the 12-month CLV (1% a month); RFM quintile scores; monthly
cohort retention.

Usage: .venv/bin/python scripts/peer_lifetimes.py DIR   (DIR holds orders.csv)
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import summary_data_from_transaction_data


def main(directory):
    steps = {}
    t = time.perf_counter()

    def lap(name):
        nonlocal t
        now = time.perf_counter()
        steps[name] = now - t
        t = now

    orders = pd.read_csv(f"{directory}/orders.csv", dtype={"customer_id": str, "order_id": str})
    orders["order_date"] = pd.to_datetime(orders["order_date"], format="%Y-%m-%d")
    if "status" in orders:
        orders = orders[orders["status"].fillna("completed").str.lower().isin(["completed", "paid", ""])]
    end = orders["order_date"].max()
    lap("read")

    summary = summary_data_from_transaction_data(
        orders, "customer_id", "order_date", monetary_value_col="total",
        observation_period_end=end, freq="D", freq_multiplier=7,
    )
    lap("summary")

    bg = BetaGeoFitter(penalizer_coef=0.0)
    bg.fit(summary["frequency"], summary["recency"], summary["T"])
    repeat = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    gg = GammaGammaFitter(penalizer_coef=0.0)
    gg.fit(repeat["frequency"], repeat["monetary_value"])
    lap("fits")

    f, r, T = summary["frequency"], summary["recency"], summary["T"]
    summary["p_alive"] = bg.conditional_probability_alive(f, r, T)
    summary["expected_39"] = bg.conditional_expected_number_of_purchases_up_to_time(39, f, r, T)
    summary["clv_12"] = gg.customer_lifetime_value(
        bg, f, r, T, summary["monetary_value"], time=12, freq="W", discount_rate=0.01,
    )
    lap("per_customer")

    per = orders.groupby("customer_id").agg(last=("order_date", "max"), n=("order_date", "size"), m=("total", "sum"))
    per["recency_days"] = (end - per["last"]).dt.days
    per["r"] = pd.qcut(per["recency_days"].rank(method="first"), 5, labels=[5, 4, 3, 2, 1])
    per["f"] = pd.qcut(per["n"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5])
    per["m_score"] = pd.qcut(per["m"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5])
    lap("rfm")

    month = orders["order_date"].dt.to_period("M")
    first = orders.groupby("customer_id")["order_date"].transform("min").dt.to_period("M")
    age = (month - first).apply(lambda p: p.n)
    cohorts = orders.assign(cohort=first, age=age).groupby(["cohort", "age"])["customer_id"].nunique().unstack(fill_value=0)
    retention = cohorts.div(cohorts[0], axis=0)
    lap("cohorts")

    print(json.dumps({
        "orders": int(len(orders)),
        "customers": int(len(summary)),
        "seconds": {k: round(v, 3) for k, v in steps.items()},
        "total": round(sum(steps.values()), 3),
        "bgnbd": {k: float(v) for k, v in bg.params_.items()},
        "clv_sum": float(np.nansum(summary["clv_12"])),
        "cohorts": int(retention.shape[0]),
    }))


if __name__ == "__main__":
    main(sys.argv[1])
