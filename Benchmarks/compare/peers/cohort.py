"""Workload cohort: monthly cohort retention on orders.csv (WORKLOADS.md): cohort = month of the
customer's first order; period = whole months since; per cell the customers with at least one
order in that month ("return on" retention) and the revenue in cents; cohort sizes.

Run: python cohort.py --peer pandas|polars|duckdb --data DIR
"""
from common import now, read_orders, run_main


def body(args):
    start = now()
    frame = read_orders(args.peer, f"{args.data}/orders.csv")
    load = now() - start
    start = now()
    if args.peer == "pandas":
        import numpy as np
        month = frame["order_date"].dt.year.to_numpy(np.int64) * 12 + frame["order_date"].dt.month.to_numpy(np.int64) - 1
        frame["month"] = month
        frame["cents"] = (frame["amount"] * 100).round().astype("int64")
        frame["cohort"] = frame.groupby("customer_id", sort=False)["month"].transform("min")
        frame["period"] = frame["month"] - frame["cohort"]
        cells = frame.groupby(["cohort", "period"], sort=True).agg(
            active=("customer_id", "nunique"), cents=("cents", "sum")).reset_index()
        rows = list(zip(cells["cohort"].tolist(), cells["period"].tolist(),
                        cells["active"].tolist(), cells["cents"].tolist()))
    elif args.peer == "polars":
        import polars as pl
        cells = (frame.lazy()
                 .with_columns((pl.col("order_date").dt.year().cast(pl.Int64) * 12
                                + pl.col("order_date").dt.month().cast(pl.Int64) - 1).alias("month"),
                               (pl.col("amount") * 100).round(0).cast(pl.Int64).alias("cents"))
                 .with_columns(pl.col("month").min().over("customer_id").alias("cohort"))
                 .with_columns((pl.col("month") - pl.col("cohort")).alias("period"))
                 .group_by("cohort", "period")
                 .agg(pl.col("customer_id").n_unique().alias("active"), pl.col("cents").sum())
                 .sort("cohort", "period").collect())
        rows = cells.rows()
    else:
        rows = frame.execute("""
            WITH o AS (SELECT customer_id, year(order_date) * 12 + month(order_date) - 1 AS month,
                              CAST(round(amount * 100) AS BIGINT) AS cents FROM orders),
            f AS (SELECT customer_id, min(month) AS cohort FROM o GROUP BY customer_id)
            SELECT f.cohort, o.month - f.cohort AS period, count(DISTINCT o.customer_id), sum(o.cents)
            FROM o JOIN f USING (customer_id) GROUP BY ALL ORDER BY 1, 2""").fetchall()
    compute = now() - start
    answer = {"cells": {f"{c // 12:04d}-{c % 12 + 1:02d}+{p}": [int(a), int(cents)] for c, p, a, cents in rows}}
    answer["cohortSizes"] = {k.split("+")[0]: v[0] for k, v in answer["cells"].items() if k.endswith("+0")}
    answer["cellCount"] = len(rows)
    return load, compute, answer, {}


run_main("cohort", ["pandas", "polars", "duckdb"], body)
