"""Workload csv-orders: read orders.csv into typed in-memory columns (WORKLOADS.md).

Run: python csv_orders.py --peer pandas|polars|duckdb --data DIR
"""
from common import now, read_orders, run_main


def body(args):
    path = f"{args.data}/orders.csv"
    start = now()
    frame = read_orders(args.peer, path, ["order_id", "customer_id", "order_date", "amount"])
    load = now() - start
    start = now()
    if args.peer == "pandas":
        cents = int((frame["amount"] * 100).round().astype("int64").sum())
        answer = {"rows": int(len(frame)), "customers": int(frame["customer_id"].nunique()),
                  "amountCents": cents,
                  "minDate": frame["order_date"].min().strftime("%Y-%m-%d"),
                  "maxDate": frame["order_date"].max().strftime("%Y-%m-%d")}
    elif args.peer == "polars":
        import polars as pl
        row = frame.select(
            pl.len().alias("rows"), pl.col("customer_id").n_unique().alias("customers"),
            (pl.col("amount") * 100).round(0).cast(pl.Int64).sum().alias("cents"),
            pl.col("order_date").min().alias("min"), pl.col("order_date").max().alias("max")).row(0)
        answer = {"rows": row[0], "customers": row[1], "amountCents": row[2],
                  "minDate": str(row[3]), "maxDate": str(row[4])}
    else:
        row = frame.execute("""SELECT count(*), count(DISTINCT customer_id),
            sum(CAST(round(amount * 100) AS BIGINT)), CAST(min(order_date) AS VARCHAR),
            CAST(max(order_date) AS VARCHAR) FROM orders""").fetchone()
        answer = {"rows": row[0], "customers": row[1], "amountCents": int(row[2]),
                  "minDate": row[3], "maxDate": row[4]}
    compute = now() - start
    import os
    size = os.path.getsize(path)
    return load, compute, answer, {"bytes": size, "loadMBps": size / load / 1e6, "rowsPerSecond": answer["rows"] / load}


run_main("csv-orders", ["pandas", "polars", "duckdb"], body)
