"""Spark rows of BENCHMARKS.md: loads `saleskit generate` output into the Spark cluster of
Tests/Warehouse/spark.sh and times the hand-written Spark SQL for RFM, cohort, funnel and the
win model (Newton/IRLS, one SQL aggregate per iteration), through the pyspark Spark Connect client.

    /work/pyenv/bin/python Benchmarks/warehouse/spark_bench.py load DATA_DIR [URL]
    /work/pyenv/bin/python Benchmarks/warehouse/spark_bench.py time [URL [rfm|cohort|funnel|win ...]]

Needs pyspark[connect] (pyspark, grpcio, grpcio-status, protobuf, pandas, pyarrow). Tables:
sk_bench_orders, sk_bench_events, sk_bench_opportunities (parquet, in the cluster's warehouse).
Each query runs three times after one warm-up; the median and the Arrow bytes returned are printed.
"""
import os
import statistics
import sys
import time

import numpy as np
from pyspark.sql import SparkSession


def session(url):
    return SparkSession.builder.remote(url.replace("spark://", "sc://")).getOrCreate()


def load(spark, data):
    data = os.path.abspath(data)
    spark.sql(f"""CREATE OR REPLACE TEMPORARY VIEW o_csv (order_id STRING, customer_id STRING, order_date DATE, amount DOUBLE)
                  USING csv OPTIONS (path '{data}/orders.csv', header 'true')""")
    spark.sql(f"""CREATE OR REPLACE TEMPORARY VIEW e_csv (user_id STRING, event STRING, timestamp TIMESTAMP)
                  USING csv OPTIONS (path '{data}/events.csv', header 'true')""")
    spark.sql(f"""CREATE OR REPLACE TEMPORARY VIEW p_csv USING csv OPTIONS (path '{data}/opportunities.csv', header 'true')""")
    for t in ["sk_bench_orders", "sk_bench_events", "sk_bench_opportunities"]:
        spark.sql(f"DROP TABLE IF EXISTS {t}")
    spark.sql("CREATE TABLE sk_bench_orders USING parquet AS SELECT * FROM o_csv")
    spark.sql("CREATE TABLE sk_bench_events USING parquet AS SELECT * FROM e_csv")
    spark.sql("""CREATE TABLE sk_bench_opportunities USING parquet AS
                 SELECT CAST(is_won AS INT) AS is_won, CAST(amount AS DOUBLE) / 1000 AS amount_k,
                        CAST(num_activities AS INT) AS num_activities, CAST(num_meetings AS INT) AS num_meetings
                 FROM p_csv WHERE is_won IN ('0', '1') AND CAST(amount AS DOUBLE) IS NOT NULL""")
    for t in ["sk_bench_orders", "sk_bench_events", "sk_bench_opportunities"]:
        print(t, spark.sql(f"SELECT count(*) FROM {t}").collect()[0][0])


# The definitions of SalesKit's order plans (line items grouped by order_id, a purchase is an
# order with amount >= 0, refunds netted into monetary and never purchases), as for PostgreSQL and
# ClickHouse in Benchmarks/compare/warehouse.sh.
RFM = """SELECT customer_id, max(CASE WHEN a >= 0 THEN d END) AS last_purchase, sum(CASE WHEN a >= 0 THEN 1 ELSE 0 END) AS purchases,
         round(sum(a), 2) AS monetary
         FROM (SELECT customer_id, min(order_date) AS d, sum(amount) AS a FROM sk_bench_orders
               WHERE order_date <= DATE '2024-12-31' GROUP BY order_id, customer_id) o
         GROUP BY customer_id HAVING sum(CASE WHEN a >= 0 THEN 1 ELSE 0 END) > 0"""

COHORT = """WITH o AS (SELECT customer_id, trunc(min(order_date), 'MM') AS m, sum(amount) AS a FROM sk_bench_orders GROUP BY order_id, customer_id),
  p AS (SELECT customer_id, m, sum(a) AS a, max(CASE WHEN a >= 0 THEN 1 ELSE 0 END) AS bought FROM o GROUP BY customer_id, m),
  c AS (SELECT customer_id, min(m) AS cohort FROM p WHERE bought = 1 GROUP BY customer_id)
  SELECT cohort, m, sum(bought) AS active, round(sum(a), 2) AS revenue FROM p JOIN c USING (customer_id)
  WHERE m >= cohort GROUP BY cohort, m ORDER BY cohort, m"""

# visit → signup → trial → purchase within 7 days of the first step, each step after the one before
# (a greedy chain from each user's first visit: the hand-written form an analyst would write).
FUNNEL = """WITH e AS (SELECT user_id, event, unix_timestamp(timestamp) AS t FROM sk_bench_events),
  s1 AS (SELECT user_id, min(t) AS t1 FROM e WHERE event = 'visit' GROUP BY user_id),
  s2 AS (SELECT s1.user_id, s1.t1, min(e.t) AS t2 FROM s1 JOIN e ON e.user_id = s1.user_id AND e.event = 'signup'
         AND e.t >= s1.t1 AND e.t <= s1.t1 + 604800 GROUP BY s1.user_id, s1.t1),
  s3 AS (SELECT s2.user_id, s2.t1, min(e.t) AS t3 FROM s2 JOIN e ON e.user_id = s2.user_id AND e.event = 'trial'
         AND e.t >= s2.t2 AND e.t <= s2.t1 + 604800 GROUP BY s2.user_id, s2.t1),
  s4 AS (SELECT s3.user_id FROM s3 JOIN e ON e.user_id = s3.user_id AND e.event = 'purchase'
         AND e.t >= s3.t3 AND e.t <= s3.t1 + 604800 GROUP BY s3.user_id)
  SELECT (SELECT count(*) FROM s1), (SELECT count(*) FROM s2), (SELECT count(*) FROM s3), (SELECT count(*) FROM s4)"""

FEATURES = ["amount_k", "num_activities", "num_meetings"]


def newton_step_sql(beta):
    x = ["1.0"] + [f"CAST({f} AS DOUBLE)" for f in FEATURES]
    eta = " + ".join(f"({float(b)!r}) * {xi}" for b, xi in zip(beta, x))
    cells = []
    for i in range(4):
        cells.append(f"sum({x[i]} * (is_won - p)) AS g{i}")
        for j in range(i, 4):
            cells.append(f"sum(w * {x[i]} * {x[j]}) AS h{i}{j}")
    cells.append("sum(is_won * ln(p) + (1 - is_won) * ln(1 - p)) AS ll")
    return f"""SELECT {', '.join(cells)} FROM (SELECT *, p * (1 - p) AS w FROM
               (SELECT *, 1 / (1 + exp(-({eta}))) AS p FROM sk_bench_opportunities))"""


def win_model(spark):
    beta = np.zeros(4)
    nbytes = 0
    for _ in range(50):
        table = spark.sql(newton_step_sql(beta)).toArrow()
        nbytes += table.nbytes
        r = table.to_pylist()[0]
        g = np.array([r[f"g{i}"] for i in range(4)])
        h = np.zeros((4, 4))
        for i in range(4):
            for j in range(i, 4):
                h[i, j] = h[j, i] = r[f"h{i}{j}"]
        step = np.linalg.solve(h, g)
        beta = beta + step
        if np.max(np.abs(step)) < 1e-10 * max(1.0, np.max(np.abs(beta))):
            break
    return beta, nbytes


def timed(name, run):
    run()
    times, result = [], None
    for _ in range(3):
        t = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - t)
    print(f"{name}: median {statistics.median(times):.2f} s (runs {', '.join(f'{x:.2f}' for x in times)}), {result}")


def main():
    mode = sys.argv[1]
    if mode == "load":
        spark = session(sys.argv[3] if len(sys.argv) > 3 else "sc://127.0.0.1:15002")
        load(spark, sys.argv[2])
        return
    spark = session(sys.argv[2] if len(sys.argv) > 2 else "sc://127.0.0.1:15002")
    def rows_bytes(sql):
        table = spark.sql(sql).toArrow()
        return f"{table.num_rows} rows, {table.nbytes} Arrow bytes"
    only = sys.argv[3:] or ["rfm", "cohort", "funnel", "win"]
    if "rfm" in only:
        timed("hand-written RFM", lambda: rows_bytes(RFM))
    if "cohort" in only:
        timed("hand-written cohort (month)", lambda: rows_bytes(COHORT))
    if "funnel" in only:
        timed("hand-written funnel (4 steps, 7 days)", lambda: str(list(spark.sql(FUNNEL).collect()[0])))
    if "win" not in only:
        return
    timed("hand-written win model (Newton, one aggregate per iteration)",
          lambda: "beta %s, %d Arrow bytes" % tuple(f(x) for f, x in zip((lambda b: np.array2string(b, precision=6), int), win_model(spark))))


if __name__ == "__main__":
    main()
