"""Reference funnel levels from ClickHouse's own windowFunnel (embedded ClickHouse: chdb).

Run from the package root:
    /work/pyenv/bin/python Tests/SalesAnalyticsTests/Fixtures/funnel_reference.py
(needs `pip install chdb duckdb`). Writes funnel_reference.json next to this script.

Contents:
- "dataset": datasets/events.csv, steps visit → signup → trial → purchase, window 7 days, for each
  mode (default, strict_order, strict_increase, strict_deduplication) the users reaching each step
  (users with windowFunnel level ≥ k), computed by ClickHouse over ALL of a user's events (no WHERE
  filter, so strict_order sees non-funnel events). The default mode is cross-checked against an
  independent DuckDB SQL formulation (as-of chain per step-1 event: earliest next step at or after
  the previous one, t_k − t_1 ≤ window), and the script fails if they differ.
- "cases": small hand-made event lists (edge semantics of each mode) with ClickHouse's level per user.
"""
import json
import os

import chdb
import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
EVENTS = os.path.join(ROOT, "datasets", "events.csv")
MODES = ["default", "strict_order", "strict_increase", "strict_deduplication"]
STEPS = ["visit", "signup", "trial", "purchase"]
WINDOW = 7 * 86400


def params(window, mode):
    return f"{window}" if mode == "default" else f"{window}, '{mode}'"


def levels_sql(source, steps, window, mode):
    conds = ", ".join(f"event = '{s}'" for s in steps)
    return (f"SELECT user_id, windowFunnel({params(window, mode)})(ts, {conds}) AS level "
            f"FROM {source} GROUP BY user_id ORDER BY user_id")


def dataset_counts():
    source = (f"(SELECT user_id, event, toUInt64(toUnixTimestamp(parseDateTime64BestEffort(timestamp))) AS ts "
              f"FROM file('{EVENTS}', CSVWithNames, 'user_id String, event String, timestamp String'))")
    out = {}
    for mode in MODES:
        rows = chdb.query(levels_sql(source, STEPS, WINDOW, mode), "CSV").data().strip().splitlines()
        levels = [int(r.split(",")[1]) for r in rows]
        out[mode] = [sum(1 for lv in levels if lv >= k) for k in range(1, len(STEPS) + 1)]
        out["totalUsers"] = len(levels)
    return out


def duckdb_default_counts():
    con = duckdb.connect()
    con.execute(f"""
        CREATE TABLE e AS SELECT user_id, event, epoch(CAST(timestamp AS TIMESTAMPTZ))::BIGINT AS ts
        FROM read_csv('{EVENTS}', header=true, columns={{'user_id':'VARCHAR','event':'VARCHAR','timestamp':'VARCHAR'}})""")
    counts = []
    # chain from each visit: earliest signup ≥ visit, earliest trial ≥ that, earliest purchase ≥ that.
    q = f"""
    WITH s1 AS (SELECT user_id, ts AS t1 FROM e WHERE event = 'visit'),
    s2 AS (SELECT s1.user_id, s1.t1, (SELECT min(ts) FROM e WHERE e.user_id = s1.user_id AND e.event = 'signup' AND e.ts >= s1.t1) AS t2 FROM s1),
    s3 AS (SELECT s2.*, (SELECT min(ts) FROM e WHERE e.user_id = s2.user_id AND e.event = 'trial' AND e.ts >= s2.t2) AS t3 FROM s2),
    s4 AS (SELECT s3.*, (SELECT min(ts) FROM e WHERE e.user_id = s3.user_id AND e.event = 'purchase' AND e.ts >= s3.t3) AS t4 FROM s3)
    SELECT count(DISTINCT user_id),
           count(DISTINCT CASE WHEN t2 - t1 <= {WINDOW} THEN user_id END),
           count(DISTINCT CASE WHEN t3 - t1 <= {WINDOW} THEN user_id END),
           count(DISTINCT CASE WHEN t4 - t1 <= {WINDOW} THEN user_id END)
    FROM s4"""
    return list(con.execute(q).fetchone())


# Hand-made cases: (name, steps, window, [(user, event, ts)], note). Events are listed in file order.
CASES = [
    ("same-second steps advance (sorted by step at equal time)", ["a", "b", "c"], 100,
     [("u1", "b", 10), ("u1", "a", 10), ("u1", "c", 20),
      ("u2", "a", 5), ("u2", "b", 5), ("u2", "c", 5)]),
    ("window is inclusive", ["a", "b"], 100,
     [("u1", "a", 0), ("u1", "b", 100), ("u2", "a", 0), ("u2", "b", 101)]),
    ("a later start leaves more window", ["a", "b", "c"], 100,
     [("u1", "a", 0), ("u1", "b", 50), ("u1", "a", 60), ("u1", "b", 120), ("u1", "c", 150),
      ("u2", "a", 0), ("u2", "b", 50), ("u2", "c", 150)]),
    ("out-of-order file rows", ["a", "b", "c"], 1000,
     [("u1", "c", 30), ("u1", "b", 20), ("u1", "a", 10), ("u2", "b", 20), ("u2", "a", 30), ("u2", "c", 40)]),
    ("interleaved other events", ["a", "b", "c"], 1000,
     [("u1", "x", 1), ("u1", "a", 10), ("u1", "b", 20), ("u1", "x", 25), ("u1", "c", 30),
      ("u2", "a", 10), ("u2", "x", 15), ("u2", "b", 20), ("u2", "c", 30),
      ("u3", "x", 5), ("u3", "a", 10), ("u3", "b", 20), ("u3", "c", 30)]),
    ("a later step before its predecessor", ["a", "b", "c"], 1000,
     [("u1", "a", 10), ("u1", "c", 15), ("u1", "b", 20), ("u1", "c", 30),
      ("u2", "a", 10), ("u2", "c", 15), ("u2", "b", 20)]),
    ("duplicates and repeats", ["a", "b", "c"], 1000,
     [("u1", "a", 10), ("u1", "b", 20), ("u1", "b", 20), ("u1", "c", 30),
      ("u2", "a", 10), ("u2", "b", 20), ("u2", "b", 25), ("u2", "c", 30),
      ("u3", "a", 10), ("u3", "a", 10), ("u3", "b", 20), ("u3", "c", 30)]),
    ("equal timestamps between steps", ["a", "b", "c"], 1000,
     [("u1", "a", 10), ("u1", "b", 10), ("u1", "c", 20),
      ("u2", "a", 10), ("u2", "b", 20), ("u2", "c", 20),
      ("u3", "a", 10), ("u3", "b", 20), ("u3", "b", 30), ("u3", "c", 30)]),
    ("a step name listed twice", ["a", "b", "a"], 1000,
     [("u1", "a", 10), ("u1", "b", 20), ("u1", "a", 30),
      ("u2", "a", 10), ("u2", "b", 20),
      ("u3", "a", 10), ("u3", "a", 15), ("u3", "b", 20)]),
    ("only later steps", ["a", "b"], 1000,
     [("u1", "b", 10), ("u1", "x", 20), ("u2", "x", 5)]),
]


def case_levels(steps, window, events, mode):
    values = ", ".join(f"('{u}', '{e}', {t})" for u, e, t in events)
    source = f"(SELECT * FROM values('user_id String, event String, ts UInt64', {values}))"
    rows = chdb.query(levels_sql(source, steps, window, mode), "CSV").data().strip().splitlines()
    return {r.split(",")[0].strip('"'): int(r.split(",")[1]) for r in rows}


def main():
    dataset = dataset_counts()
    check = duckdb_default_counts()
    if check != dataset["default"]:
        raise SystemExit(f"DuckDB {check} != ClickHouse default {dataset['default']}")
    cases = []
    for name, steps, window, events in CASES:
        cases.append({
            "name": name, "steps": steps, "window": window,
            "events": [{"user": u, "event": e, "ts": t} for u, e, t in events],
            "levels": {mode: case_levels(steps, window, events, mode) for mode in MODES},
        })
    out = {
        "source": "ClickHouse " + chdb.query("SELECT version()", "CSV").data().strip().strip('"')
                  + " windowFunnel via chdb; default mode cross-checked with DuckDB " + duckdb.__version__,
        "steps": STEPS, "windowSeconds": WINDOW, "dataset": dataset, "duckdbDefault": check, "cases": cases,
    }
    with open(os.path.join(HERE, "funnel_reference.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
