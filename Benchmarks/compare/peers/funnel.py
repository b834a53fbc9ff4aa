"""Workload funnel: 4-step funnel visit -> signup -> trial -> purchase with a 7-day window on
events.csv (WORKLOADS.md: a user reaches step k when events of steps 1..k exist at
t1 <= t2 <= ... <= tk with tk - t1 <= 604800 s). Evaluated per step-1 event by taking the
earliest next-step event at or after the previous one (as-of joins), which is optimal per start.

Run: python funnel.py --peer pandas|polars|duckdb --data DIR
"""
from common import FUNNEL_STEPS, FUNNEL_WINDOW_SECONDS, duckdb_connect, now, run_main

W = FUNNEL_WINDOW_SECONDS


def body(args):
    path = f"{args.data}/events.csv"
    start = now()
    if args.peer == "pandas":
        import pandas as pd
        frame = pd.read_csv(path, engine="pyarrow")
        frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True, format="ISO8601")
    elif args.peer == "polars":
        import polars as pl
        frame = pl.read_csv(path, try_parse_dates=True)
    else:
        con = duckdb_connect()
        con.execute(f"CREATE TABLE events AS SELECT * FROM read_csv('{path}')")
    load = now() - start
    start = now()
    counts = []
    if args.peer == "pandas":
        import numpy as np
        seconds = frame["timestamp"].astype("int64").to_numpy() // 1_000_000_000 \
            if frame["timestamp"].dtype.unit == "ns" else frame["timestamp"].astype("int64").to_numpy()
        if frame["timestamp"].dtype.unit == "us":
            seconds = seconds // 1_000_000
        elif frame["timestamp"].dtype.unit == "ms":
            seconds = seconds // 1_000
        frame = pd.DataFrame({"user_id": frame["user_id"].to_numpy(), "event": frame["event"].to_numpy(),
                              "t": seconds})
        steps = [frame.loc[frame["event"] == s, ["user_id", "t"]] for s in FUNNEL_STEPS]
        cur = steps[0].rename(columns={"t": "t1"})
        cur["last"] = cur["t1"]
        counts.append(int(cur["user_id"].nunique()))
        for step in steps[1:]:
            nxt = step.rename(columns={"t": "next"}).sort_values("next")
            cur = pd.merge_asof(cur.sort_values("last"), nxt, left_on="last", right_on="next",
                                by="user_id", direction="forward")
            cur = cur[cur["next"].notna() & (cur["next"] - cur["t1"] <= W)]
            cur = pd.DataFrame({"user_id": cur["user_id"].to_numpy(), "t1": cur["t1"].to_numpy(),
                                "last": cur["next"].to_numpy(np.int64)})
            counts.append(int(cur["user_id"].nunique()))
    elif args.peer == "polars":
        import polars as pl
        ts = pl.col("timestamp")
        frame = frame.lazy().select("user_id", "event", (ts.dt.epoch("s") if frame.schema["timestamp"] != pl.String
                                                        else ts.str.to_datetime().dt.epoch("s")).alias("t")).collect()
        steps = [frame.filter(pl.col("event") == s).select("user_id", "t") for s in FUNNEL_STEPS]
        cur = steps[0].select("user_id", pl.col("t").alias("t1"), pl.col("t").alias("last"))
        counts.append(cur["user_id"].n_unique())
        for step in steps[1:]:
            nxt = step.select("user_id", pl.col("t").alias("next")).sort("next")
            cur = (cur.sort("last").join_asof(nxt, left_on="last", right_on="next", by="user_id", strategy="forward")
                   .filter(pl.col("next").is_not_null() & (pl.col("next") - pl.col("t1") <= W))
                   .select("user_id", "t1", pl.col("next").alias("last")))
            counts.append(cur["user_id"].n_unique())
    else:
        s = FUNNEL_STEPS
        row = con.execute(f"""
            WITH e AS (SELECT user_id, event, epoch(timestamp)::BIGINT AS t FROM events
                       WHERE event IN ('{s[0]}', '{s[1]}', '{s[2]}', '{s[3]}')),
            e2 AS (SELECT user_id, t FROM e WHERE event = '{s[1]}'),
            e3 AS (SELECT user_id, t FROM e WHERE event = '{s[2]}'),
            e4 AS (SELECT user_id, t FROM e WHERE event = '{s[3]}'),
            c1 AS (SELECT user_id, t AS t1 FROM e WHERE event = '{s[0]}'),
            c2 AS (SELECT c1.user_id, c1.t1, e2.t AS last FROM c1 ASOF JOIN e2
                   ON c1.user_id = e2.user_id AND c1.t1 <= e2.t WHERE e2.t - c1.t1 <= {W}),
            c3 AS (SELECT c2.user_id, c2.t1, e3.t AS last FROM c2 ASOF JOIN e3
                   ON c2.user_id = e3.user_id AND c2.last <= e3.t WHERE e3.t - c2.t1 <= {W}),
            c4 AS (SELECT c3.user_id FROM c3 ASOF JOIN e4
                   ON c3.user_id = e4.user_id AND c3.last <= e4.t WHERE e4.t - c3.t1 <= {W})
            SELECT (SELECT count(DISTINCT user_id) FROM c1), (SELECT count(DISTINCT user_id) FROM c2),
                   (SELECT count(DISTINCT user_id) FROM c3), (SELECT count(DISTINCT user_id) FROM c4)
            """).fetchone()
        counts = [int(v) for v in row]
    compute = now() - start
    return load, compute, {"steps": FUNNEL_STEPS, "users": counts}, {}


run_main("funnel", ["pandas", "polars", "duckdb"], body)
