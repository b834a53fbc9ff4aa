"""Workload cohort: monthly cohort retention on orders.csv (WORKLOADS.md): cohort = month of the
customer's first purchase (amount >= 0; a refund never starts a cohort, customers with refunds
only have none); period = whole months since; per cell the customers with at least one purchase
in that month ("return on" retention) and the revenue in cents of every row of the cell, refunds
netted (a refund before the cohort's month is dropped); cells with an active customer; cohort sizes.

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
        purchase = (frame["amount"] >= 0).to_numpy()
        # The cohort is the month of the first purchase; a refund never starts one.
        never = np.iinfo(np.int64).max
        frame["purchase_month"] = np.where(purchase, month, never)
        frame["cohort"] = frame.groupby("customer_id", sort=False)["purchase_month"].transform("min")
        kept = frame[(frame["cohort"] != never) & (frame["month"] >= frame["cohort"])].copy()
        kept["period"] = kept["month"] - kept["cohort"]
        kept["buyer"] = kept["customer_id"].where(kept["amount"] >= 0)
        cells = kept.groupby(["cohort", "period"], sort=True).agg(
            active=("buyer", "nunique"), cents=("cents", "sum")).reset_index()
        cells = cells[cells["active"] > 0]
        rows = list(zip(cells["cohort"].tolist(), cells["period"].tolist(),
                        cells["active"].tolist(), cells["cents"].tolist()))
    elif args.peer == "polars":
        import polars as pl
        cells = (frame.lazy()
                 .with_columns((pl.col("order_date").dt.year().cast(pl.Int64) * 12
                                + pl.col("order_date").dt.month().cast(pl.Int64) - 1).alias("month"),
                               (pl.col("amount") * 100).round(0).cast(pl.Int64).alias("cents"),
                               (pl.col("amount") >= 0).alias("purchase"))
                 .with_columns(pl.col("month").filter(pl.col("purchase")).min().over("customer_id").alias("cohort"))
                 .filter(pl.col("cohort").is_not_null() & (pl.col("month") >= pl.col("cohort")))
                 .with_columns((pl.col("month") - pl.col("cohort")).alias("period"))
                 .group_by("cohort", "period")
                 .agg(pl.col("customer_id").filter(pl.col("purchase")).n_unique().alias("active"),
                      pl.col("cents").sum())
                 .filter(pl.col("active") > 0)
                 .sort("cohort", "period").collect())
        rows = cells.rows()
    else:
        rows = frame.execute("""
            WITH o AS (SELECT customer_id, year(order_date) * 12 + month(order_date) - 1 AS month,
                              CAST(round(amount * 100) AS BIGINT) AS cents, amount >= 0 AS purchase FROM orders),
            f AS (SELECT customer_id, min(month) AS cohort FROM o WHERE purchase GROUP BY customer_id)
            SELECT f.cohort, o.month - f.cohort AS period,
                   count(DISTINCT CASE WHEN o.purchase THEN o.customer_id END) AS active, sum(o.cents)
            FROM o JOIN f USING (customer_id) WHERE o.month >= f.cohort
            GROUP BY ALL HAVING count(DISTINCT CASE WHEN o.purchase THEN o.customer_id END) > 0
            ORDER BY 1, 2""").fetchall()
    compute = now() - start
    answer = {"cells": {f"{c // 12:04d}-{c % 12 + 1:02d}+{p}": [int(a), int(cents)] for c, p, a, cents in rows}}
    answer["cohortSizes"] = {k.split("+")[0]: v[0] for k, v in answer["cells"].items() if k.endswith("+0")}
    answer["cellCount"] = len(rows)
    return load, compute, answer, {}


run_main("cohort", ["pandas", "polars", "duckdb"], body)
