#!/usr/bin/env python3
"""Runs a summary SQL file of this folder on DuckDB or Spark (local mode) over an orders CSV.

  python sql/run.py --engine duckdb --sql sql/customer_summary.sql --orders orders.csv \\
      --calibration-end 2025-06-30 --time-unit week --out summary.csv

--sql and --out may be repeated (in pairs): every query then runs in one session (one JVM start
on Spark).

The SQL reads a relation `orders(customer_id, order_date, amount, status)`; this script makes it
a view over the CSV (column names chosen with --customer-col, --date-col, --amount-col and
--status-col; without a status column every order is completed) and replaces the parameters
${calibration_end}, ${time_unit} and ${unit_days}. On DuckDB it first defines Spark's
unix_date() (the one-line switch documented in the SQL files). Prints one JSON line per output
file with the rows written and the seconds taken.
"""
import argparse
import csv
import datetime
import json
import re
import sys
import time

UNIT_DAYS = {"day": "1", "week": "7", "month": "30.436875"}
DUCKDB_SWITCH = "CREATE MACRO unix_date(d) AS CAST(CAST(d AS DATE) - DATE '1970-01-01' AS BIGINT)"


def render(sql_text, calibration_end, unit):
    datetime.date.fromisoformat(calibration_end)  # raises on a bad date
    values = {"calibration_end": calibration_end, "time_unit": unit, "unit_days": UNIT_DAYS[unit]}
    out = re.sub(r"\$\{(\w+)\}", lambda m: values[m.group(1)], sql_text)
    # Comments out (a ';' in one would end the statement), then the final ';'.
    out = "\n".join(line.split("--", 1)[0] if not line.lstrip().startswith("--") else "" for line in out.splitlines())
    return out.strip().rstrip(";").strip()


def orders_view(q, args):
    status = f"CAST({q(args.status_col)} AS STRING)" if args.status_col else "CAST(NULL AS STRING)"
    return (
        "CREATE OR REPLACE TEMP VIEW orders AS SELECT "
        f"CAST({q(args.customer_col)} AS STRING) AS customer_id, "
        f"CAST(SUBSTR(CAST({q(args.date_col)} AS STRING), 1, 10) AS DATE) AS order_date, "
        f"CAST({q(args.amount_col)} AS DOUBLE) AS amount, "
        f"{status} AS status FROM orders_raw"
    )


def run_duckdb(args, jobs):
    import duckdb

    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads TO {int(args.threads)}")
    path = args.orders.replace("'", "''")
    con.execute(f"CREATE VIEW orders_raw AS SELECT * FROM read_csv('{path}', header = true, all_varchar = true)")
    con.execute(orders_view(lambda c: '"' + c.replace('"', '""') + '"', args))
    con.execute(DUCKDB_SWITCH)
    for query, out_path, report in jobs:
        start = time.perf_counter()
        out = out_path.replace("'", "''")
        con.execute(f"COPY ({query}) TO '{out}' (FORMAT csv, HEADER true)")
        rows = con.execute(f"SELECT COUNT(*) FROM read_csv('{out}', header = true, all_varchar = true)").fetchone()[0]
        report(rows, time.perf_counter() - start)


def run_spark(args, jobs):
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(f"local[{args.threads or 1}]")
        .appName("loyalty-scorecard-summary")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        spark.read.option("header", True).csv(args.orders).createOrReplaceTempView("orders_raw")
        spark.sql(orders_view(lambda c: "`" + c.replace("`", "``") + "`", args))
        for query, out_path, report in jobs:
            start = time.perf_counter()
            df = spark.sql(query)
            n = 0
            with open(out_path, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(df.columns)
                for row in df.toLocalIterator():
                    # repr: the shortest text that reads back to the same double
                    w.writerow(["" if v is None else repr(v) if isinstance(v, float) else str(v) for v in row])
                    n += 1
            report(n, time.perf_counter() - start)
    finally:
        spark.stop()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--engine", choices=["duckdb", "spark"], required=True)
    p.add_argument("--sql", required=True, action="append", help="sql/customer_summary.sql or sql/grouped_summary.sql (repeatable)")
    p.add_argument("--orders", required=True, help="orders CSV with a header row")
    p.add_argument("--calibration-end", required=True, help="YYYY-MM-DD, inclusive")
    p.add_argument("--time-unit", choices=sorted(UNIT_DAYS), default="week")
    p.add_argument("--out", required=True, action="append", help="CSV to write (one per --sql)")
    p.add_argument("--customer-col", default="customer_id")
    p.add_argument("--date-col", default="order_date")
    p.add_argument("--amount-col", default="total")
    p.add_argument("--status-col", default=None)
    p.add_argument("--threads", type=int, default=None)
    args = p.parse_args()
    if len(args.sql) != len(args.out):
        p.error("give one --out for every --sql")
    jobs = []
    for sql_path, out in zip(args.sql, args.out):
        with open(sql_path, encoding="utf-8") as f:
            query = render(f.read(), args.calibration_end, args.time_unit)

        def report(rows, seconds, sql_path=sql_path, out=out):
            print(json.dumps({"engine": args.engine, "sql": sql_path, "rows": rows, "seconds": round(seconds, 3), "out": out}), flush=True)

        jobs.append((query, out, report))
    (run_duckdb if args.engine == "duckdb" else run_spark)(args, jobs)

if __name__ == "__main__":
    sys.exit(main())
