"""One process, end to end, for the peak-memory comparison (memory.sh): read orders.csv, compute
RFM per customer (recency to max date + 1 day, purchases, cents; quantile scores 1-5 by rank as
WORKLOADS.md's rfm), and write one CSV row per customer. Peak resident memory is measured around
the process by /usr/bin/time; nothing here times itself.

Run: python rfm_process.py --peer polars|polars-streaming|duckdb --orders FILE --out FILE
"""
import argparse

def polars_query(pl, source):
    return (source
            .with_columns((pl.col("amount") * 100).round(0).cast(pl.Int64).alias("cents"))
            .group_by("customer_id")
            .agg(pl.col("order_date").max().alias("last"), pl.len().alias("frequency"),
                 pl.col("cents").sum().alias("cents"))
            .with_columns((pl.col("last").max() + pl.duration(days=1) - pl.col("last")).dt.total_days().alias("recency"))
            .with_columns(pl.len().alias("n"))
            .with_columns(
                (1 + 5 * (pl.col("recency").rank("min", descending=True).cast(pl.Int64) - 1) // pl.col("n")).alias("r"),
                (1 + 5 * (pl.col("frequency").rank("min").cast(pl.Int64) - 1) // pl.col("n")).alias("f"),
                (1 + 5 * (pl.col("cents").rank("min").cast(pl.Int64) - 1) // pl.col("n")).alias("m"))
            .select("customer_id", "recency", "frequency", (pl.col("cents") / 100).alias("monetary"), "r", "f", "m"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--peer", required=True, choices=["polars", "polars-streaming", "duckdb"])
    parser.add_argument("--orders", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if args.peer.startswith("polars"):
        import polars as pl
        schema = {"order_id": pl.String, "customer_id": pl.String, "order_date": pl.Date, "amount": pl.Float64}
        if args.peer == "polars":
            frame = pl.read_csv(args.orders, schema_overrides=schema, columns=["customer_id", "order_date", "amount"])
            polars_query(pl, frame.lazy()).collect().write_csv(args.out)
        else:
            scan = pl.scan_csv(args.orders, schema_overrides=schema).select("customer_id", "order_date", "amount")
            polars_query(pl, scan).sink_csv(args.out, engine="streaming")
    else:
        import duckdb
        con = duckdb.connect()
        con.execute(f"""COPY (
            WITH c AS (SELECT customer_id, max(order_date) AS last, count(*) AS frequency,
                              sum(CAST(round(amount * 100) AS BIGINT)) AS cents
                       FROM read_csv('{args.orders}', header = true,
                                     columns = {{'order_id': 'VARCHAR', 'customer_id': 'VARCHAR',
                                                 'order_date': 'DATE', 'amount': 'DOUBLE'}})
                       GROUP BY customer_id),
            s AS (SELECT *, date_diff('day', last, (SELECT max(last) FROM c) + INTERVAL 1 DAY) AS recency,
                         count(*) OVER () AS n FROM c)
            SELECT customer_id, recency, frequency, cents / 100 AS monetary,
                   1 + (5 * (rank() OVER (ORDER BY recency DESC) - 1)) // n AS r,
                   1 + (5 * (rank() OVER (ORDER BY frequency) - 1)) // n AS f,
                   1 + (5 * (rank() OVER (ORDER BY cents) - 1)) // n AS m FROM s
        ) TO '{args.out}' (HEADER)""")


if __name__ == "__main__":
    main()
