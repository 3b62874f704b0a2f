-- Customer summary: one row per customer, the input kind `summary` of loyalty-scorecard.
--
-- Reads a relation named `orders` with the columns
--   customer_id STRING, order_date DATE, amount DOUBLE, status STRING (NULL = completed)
-- (map a warehouse table onto it with a view; sql/run.py does that for a CSV file).
-- Parameters, replaced as text before running (sql/run.py does it):
--   ${calibration_end}  last day of the calibration period, YYYY-MM-DD (inclusive)
--   ${time_unit}        day | week | month
--   ${unit_days}        1 | 7 | 30.436875 (the unit's length in days)
-- Dialect: runs unchanged on Spark SQL (3.1 or later) and on DuckDB after one line that gives
-- DuckDB Spark's unix_date():
--   CREATE MACRO unix_date(d) AS CAST(CAST(d AS DATE) - DATE '1970-01-01' AS BIGINT);
--
-- Definitions (as src/metrics/clv/summary.rs and the Python package lifetimes):
-- - a purchase is a completed order (status not cancelled / refunded, by the same words as the
--   orders reader) with a non-negative amount, dated on or before the calibration end;
-- - all purchases of a customer on one day are one transaction, their amounts summed;
-- - money is summed exactly as integers in units of 0.0001 (ROUND(amount * 10000)), and every
--   mean is one division, so the result is bit-identical to the Rust summary;
-- - frequency = purchase days - 1; recency = last - first purchase day; T = calibration end -
--   first purchase day, both in days / ${unit_days};
-- - monetary_value = sum of the repeat purchase days' totals / frequency (0 when frequency = 0);
--   repeat_spend = that sum; orders = completed orders; revenue = their total.
WITH completed AS (
  SELECT TRIM(CAST(customer_id AS STRING)) AS customer_id,
         CAST(order_date AS DATE) AS order_day,
         unix_date(CAST(order_date AS DATE)) AS day,
         CAST(ROUND(CAST(amount AS DOUBLE) * 10000) AS BIGINT) AS units
  FROM orders
  WHERE customer_id IS NOT NULL
    AND TRIM(CAST(customer_id AS STRING)) <> ''
    AND order_date IS NOT NULL
    AND amount IS NOT NULL
    AND CAST(amount AS DOUBLE) >= 0
    AND unix_date(CAST(order_date AS DATE)) <= unix_date(DATE '${calibration_end}')
    AND (status IS NULL
         OR LOWER(status) LIKE '%partial%' OR status LIKE '%部分%'
         OR NOT (LOWER(status) LIKE '%refund%' OR LOWER(status) LIKE '%returned%'
                 OR status LIKE '%退款%' OR status LIKE '%已退%'
                 OR LOWER(status) LIKE '%cancel%' OR LOWER(status) LIKE '%failed%'
                 OR LOWER(status) LIKE '%void%' OR LOWER(status) LIKE '%trash%'
                 OR status LIKE '%取消%' OR status LIKE '%关闭%' OR status LIKE '%關閉%'
                 OR status LIKE '%失败%'))
),
purchase_days AS (
  SELECT customer_id, day, MIN(order_day) AS order_day, SUM(units) AS units, COUNT(*) AS orders
  FROM completed
  GROUP BY customer_id, day
),
per_customer AS (
  SELECT customer_id,
         MIN(day) AS first_day,
         MAX(day) AS last_day,
         MIN(order_day) AS first_purchase,
         MAX(order_day) AS last_purchase,
         COUNT(*) - 1 AS frequency,
         SUM(orders) AS orders,
         SUM(units) AS revenue_units
  FROM purchase_days
  GROUP BY customer_id
),
summary AS (
  SELECT c.customer_id, c.first_purchase, c.last_purchase, c.frequency, c.orders, c.revenue_units,
         c.last_day - c.first_day AS recency_days,
         unix_date(DATE '${calibration_end}') - c.first_day AS t_days,
         c.revenue_units - d.units AS repeat_units
  FROM per_customer c
  JOIN purchase_days d ON d.customer_id = c.customer_id AND d.day = c.first_day
)
SELECT customer_id,
       first_purchase,
       last_purchase,
       frequency,
       CAST(recency_days AS DOUBLE) / CAST(${unit_days} AS DOUBLE) AS recency,
       CAST(t_days AS DOUBLE) / CAST(${unit_days} AS DOUBLE) AS T,
       CASE WHEN frequency = 0 THEN CAST(0 AS DOUBLE)
            ELSE CAST(repeat_units AS DOUBLE) / (CAST(frequency AS DOUBLE) * CAST(10000 AS DOUBLE)) END AS monetary_value,
       CAST(repeat_units AS DOUBLE) / CAST(10000 AS DOUBLE) AS repeat_spend,
       orders,
       CAST(revenue_units AS DOUBLE) / CAST(10000 AS DOUBLE) AS revenue,
       DATE '${calibration_end}' AS calibration_end,
       '${time_unit}' AS time_unit
FROM summary
ORDER BY customer_id
