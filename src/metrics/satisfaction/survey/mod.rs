//! Survey-item analysis: SERVQUAL gaps, the satisfaction index, importance-performance, drivers and Kano.
