//! Descriptive loyalty from orders: repeat and returning rates, time between orders, cohorts, RFM, value concentration and tiers, the leaky bucket.
