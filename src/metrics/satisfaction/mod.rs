//! Satisfaction against expectation: ratings, CSAT, NPS, CES, expectation gaps, the satisfaction index, Kano, drivers and complaints.
pub mod survey;
