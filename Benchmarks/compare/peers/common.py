"""Shared helpers for the peer scripts: arguments, timing, the JSON line every script prints.

Every peer script prints one JSON object on stdout, the same shape as `saleskit-bench run`:
  {"workload", "implementation", "status": "ok|unavailable|error", "reason"?,
   "loadSeconds", "computeSeconds", "answer": {...}, "extra": {...}}
Thread counts come from the environment run.sh sets (BENCH_THREADS, OPENBLAS_NUM_THREADS, ...).
"""
import argparse
import json
import os
import sys
import time
import traceback

THREADS = int(os.environ.get("BENCH_THREADS", "2"))
now = time.perf_counter

# Step names and window of the funnel workload (WORKLOADS.md).
FUNNEL_STEPS = ["visit", "signup", "trial", "purchase"]
FUNNEL_WINDOW_SECONDS = 7 * 24 * 3600

# RFM segment rule table on (r, f) scores (WORKLOADS.md): SEGMENT[r-1][f-1].
SEGMENT = [
    ["Lost", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"],                         # r = 1
    ["Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"],                  # r = 2
    ["About to Sleep", "About to Sleep", "Need Attention", "Loyal", "Loyal"],                 # r = 3
    ["Promising", "Potential Loyalist", "Potential Loyalist", "Loyal", "Loyal"],              # r = 4
    ["New Customers", "Potential Loyalist", "Potential Loyalist", "Champions", "Champions"],  # r = 5
]


def parse_args(peers, extra=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--peer", required=True, choices=peers)
    parser.add_argument("--data", help="dataset directory (saleskit generate --out)")
    parser.add_argument("--design", help="design file *.f64")
    parser.add_argument("--rows", type=int)
    parser.add_argument("--features", type=int)
    parser.add_argument("--series", help="series CSV (unique_id,ds,y)")
    for name, kwargs in (extra or {}).items():
        parser.add_argument(name, **kwargs)
    return parser.parse_args()


def emit(workload, peer, load_seconds, compute_seconds, answer, extra=None):
    print(json.dumps({
        "workload": workload, "implementation": peer, "status": "ok",
        "loadSeconds": load_seconds, "computeSeconds": compute_seconds,
        "answer": answer, "extra": extra or {},
    }, sort_keys=True))


def run_main(workload, peers, body, extra_args=None):
    """Parses arguments, runs body(args) -> (load, compute, answer, extra), prints the JSON line."""
    args = parse_args(peers, extra_args)
    try:
        load, compute, answer, extra = body(args)
        emit(workload, args.peer, load, compute, answer, extra)
    except Exception as error:  # reported in the table, never hidden
        traceback.print_exc(file=sys.stderr)
        print(json.dumps({"workload": workload, "implementation": args.peer, "status": "error",
                          "reason": f"{type(error).__name__}: {error}"[:300]}, sort_keys=True))


def duckdb_connect():
    import duckdb
    con = duckdb.connect()
    con.execute(f"SET threads = {THREADS}")
    con.execute("SET preserve_insertion_order = false")
    return con


ORDER_COLUMNS = ["customer_id", "order_date", "amount"]


def read_orders(peer, path, columns=None):
    """Reads orders.csv into the peer's in-memory frame; returns the frame (or DuckDB connection).

    `columns` (default: the three every analysis uses, as SalesKit's readers) limits what is read;
    csv-orders passes every column, order_id included.
    """
    columns = columns or ORDER_COLUMNS
    if peer == "pandas":
        import pandas as pd
        return pd.read_csv(path, engine="pyarrow", usecols=columns, parse_dates=["order_date"])
    if peer == "polars":
        import polars as pl
        return pl.read_csv(path, columns=columns, try_parse_dates=True)
    if peer == "duckdb":
        con = duckdb_connect()
        con.execute(f"CREATE TABLE orders AS SELECT {', '.join(columns)} FROM read_csv('{path}')")
        return con
    raise ValueError(peer)


def read_design(path, rows, features):
    """X (rows × features, Fortran-ordered view) and y from the little-endian float64 design file."""
    import numpy as np
    data = np.fromfile(path, dtype="<f8")
    if data.size != rows * (features + 1):
        raise ValueError(f"{path}: {data.size} values, expected {rows * (features + 1)}")
    data = data.reshape(features + 1, rows)
    return data[:features].T, data[features]
