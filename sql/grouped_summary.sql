-- Grouped summary for very large customer bases: the input kind `summary` (grouped) of
-- loyalty-scorecard. Two kinds of rows, told apart by `part`:
--   part = 'purchases': customers sharing (frequency, recency, T), with `count` customers, the sum
--     of their monetary values (monetary_value_sum, for the total CLV), orders and revenue;
--     enough for BG/NBD, MBG/NBD and Pareto/NBD, whose likelihoods depend on (x, t_x, T) only.
--   part = 'spend': repeat buyers sharing (frequency, monetary_value), with `count`; the
--     Gamma-Gamma likelihood of a customer depends on frequency and mean spend jointly, so
--     these groups are kept apart (monetary values are exact sums of 0.0001 units over
--     frequency, so equal means group exactly).
-- Input, parameters, dialect and definitions: as sql/customer_summary.sql (the same CTEs).
-- monetary_value_sum is a floating-point sum (engine order); it feeds only the total CLV.
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
),
per_customer_summary AS (
  SELECT frequency, recency_days, t_days, orders, revenue_units, repeat_units,
         CASE WHEN frequency = 0 THEN CAST(0 AS DOUBLE)
              ELSE CAST(repeat_units AS DOUBLE) / (CAST(frequency AS DOUBLE) * CAST(10000 AS DOUBLE)) END AS monetary_value
  FROM summary
)
SELECT 'purchases' AS part,
       frequency,
       CAST(recency_days AS DOUBLE) / CAST(${unit_days} AS DOUBLE) AS recency,
       CAST(t_days AS DOUBLE) / CAST(${unit_days} AS DOUBLE) AS T,
       CAST(NULL AS DOUBLE) AS monetary_value,
       COUNT(*) AS count,
       SUM(monetary_value) AS monetary_value_sum,
       SUM(orders) AS orders,
       CAST(SUM(revenue_units) AS DOUBLE) / CAST(10000 AS DOUBLE) AS revenue,
       DATE '${calibration_end}' AS calibration_end,
       '${time_unit}' AS time_unit
FROM per_customer_summary
GROUP BY frequency, recency_days, t_days
UNION ALL
SELECT 'spend' AS part,
       frequency,
       CAST(NULL AS DOUBLE) AS recency,
       CAST(NULL AS DOUBLE) AS T,
       CAST(repeat_units AS DOUBLE) / (CAST(frequency AS DOUBLE) * CAST(10000 AS DOUBLE)) AS monetary_value,
       COUNT(*) AS count,
       CAST(NULL AS DOUBLE) AS monetary_value_sum,
       CAST(NULL AS BIGINT) AS orders,
       CAST(NULL AS DOUBLE) AS revenue,
       DATE '${calibration_end}' AS calibration_end,
       '${time_unit}' AS time_unit
FROM per_customer_summary
WHERE frequency > 0
GROUP BY frequency, repeat_units
ORDER BY part, frequency, recency, T, monetary_value
