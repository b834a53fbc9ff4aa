# Writes an orders-like CSV (order_id,customer_id,order_date,amount) for the reader benchmark.
# Run: /work/pyenv/bin/python Tools/csv-bench/make_orders.py /tmp/orders-10m.csv 10000000
# Seeded (numpy default_rng(42)); the file is generated on demand and never committed.
import sys
import numpy as np
import polars as pl

path, n = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(42)
customers = rng.integers(0, max(1, n // 10), n)
days = rng.integers(0, 6 * 365, n)
amounts = np.round(rng.lognormal(3.5, 1.0, n), 2)
refunds = rng.random(n) < 0.02
amounts[refunds] = -amounts[refunds]
frame = pl.DataFrame({
    "order_id": np.arange(1, n + 1, dtype=np.int64),
    "customer_id": pl.Series(customers).cast(pl.Utf8).str.zfill(7),
    "order_date": pl.Series(np.datetime64("2019-01-01") + days.astype("timedelta64[D]")),
    "amount": amounts,
}).with_columns(("C" + pl.col("customer_id")).alias("customer_id"))
frame.write_csv(path)
