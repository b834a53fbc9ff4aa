# Times Polars and DuckDB read_csv on the same orders file, typed like the SalesKit schema
# (order_id Int64, customer_id categorical/string, order_date Date, amount Float64). Best of three.
# Run: /work/pyenv/bin/python Tools/csv-bench/compare.py /tmp/orders-10m.csv
import os, sys, time
import duckdb
import polars as pl

path = sys.argv[1]
size = os.path.getsize(path)

def best(label, fn):
    times, cpus = [], []
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        rows = fn()
        times.append(time.perf_counter() - t); cpus.append(time.process_time() - c)
    b = min(times)
    print(f"{label}: {b:.3f} s wall ({min(cpus):.3f} s CPU)  {size / b / 1e6:.0f} MB/s  {rows / b / 1e6:.2f} M rows/s  ({rows} rows)")

schema = {"order_id": pl.Int64, "customer_id": pl.Categorical, "order_date": pl.Date, "amount": pl.Float64}
best("polars read_csv (categorical)", lambda: pl.read_csv(path, schema=schema).height)
best("polars read_csv (string ids)", lambda: pl.read_csv(path, schema={**schema, "customer_id": pl.Utf8}).height)
con = duckdb.connect()
best("duckdb read_csv -> table", lambda: (con.execute(
    "create or replace table t as select * from read_csv(?, header=true, columns={'order_id':'BIGINT',"
    "'customer_id':'VARCHAR','order_date':'DATE','amount':'DOUBLE'})", [path]), con.execute("select count(*) from t").fetchone()[0])[1])
