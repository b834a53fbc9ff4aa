"""The win model written by hand for PostgreSQL and ClickHouse (BENCHMARKS.md, "Warehouse
engines"): Newton/IRLS for is_won ~ amount_k + num_activities + num_meetings where each iteration
is one SQL aggregate (XᵀWX, Xᵀ(y−p), log-likelihood) sent by psycopg2 or over ClickHouse's HTTP
interface, the 4×4 solve in numpy — what an analyst writes without SalesKit.

    /work/pyenv/bin/python Benchmarks/warehouse/hand_newton.py postgres URL RELATION
    /work/pyenv/bin/python Benchmarks/warehouse/hand_newton.py clickhouse URL RELATION

RELATION is a table or a parenthesised SELECT with the columns is_won, amount_k, num_activities,
num_meetings. Prints the seconds, the iterations, the coefficients and the result bytes received.
"""
import re
import sys
import time
import urllib.parse
import urllib.request

import numpy as np

FEATURES = ["amount_k", "num_activities", "num_meetings"]


def step_sql(beta, relation, dialect):
    cast = (lambda e: f"CAST({e} AS DOUBLE PRECISION)") if dialect == "postgres" else (lambda e: f"toFloat64({e})")
    ln = "ln" if dialect == "postgres" else "log"
    x = ["1.0"] + [cast(f) for f in FEATURES]
    eta = " + ".join(f"({float(b)!r}) * {xi}" for b, xi in zip(beta, x))
    cells = []
    for i in range(4):
        cells.append(f"sum({x[i]} * (y - p))")
        for j in range(i, 4):
            cells.append(f"sum(p * (1 - p) * {x[i]} * {x[j]})")
    cells.append(f"sum(y * {ln}(p) + (1 - y) * {ln}(1 - p))")
    return (f"SELECT {', '.join(cells)} FROM (SELECT *, 1 / (1 + exp(-({eta}))) AS p FROM "
            f"(SELECT *, {cast('is_won')} AS y FROM {relation} AS r) AS s) AS q")


def runner(engine, url):
    if engine == "postgres":
        import psycopg2
        conn = psycopg2.connect(url)
        cur = conn.cursor()

        def run(sql):
            cur.execute(sql)
            row = cur.fetchone()
            return [float(v) for v in row], len(repr(row))
        return run
    m = re.match(r"clickhouse://([^:]+):([^@]+)@([^/]+)/(.*)", url)
    user, password, host, db = m.groups()
    endpoint = f"http://{host}/?" + urllib.parse.urlencode({"user": user, "password": password, "database": db})

    def run(sql):
        body = urllib.request.urlopen(endpoint, data=(sql + " FORMAT TabSeparated").encode()).read()
        return [float(v) for v in body.decode().split("\t")], len(body)
    return run


def main():
    engine, url, relation = sys.argv[1:4]
    run = runner(engine, url)
    t = time.perf_counter()
    beta = np.zeros(4)
    received = 0
    iterations = 0
    for iterations in range(1, 51):
        values, n = run(step_sql(beta, relation, engine))
        received += n
        g, h, k = np.zeros(4), np.zeros((4, 4)), 0
        for i in range(4):
            g[i] = values[k]; k += 1
            for j in range(i, 4):
                h[i, j] = h[j, i] = values[k]; k += 1
        delta = np.linalg.solve(h, g)
        beta = beta + delta
        if np.max(np.abs(delta) / (1 + np.abs(beta))) < 1e-10:
            break
    print(f"{time.perf_counter() - t:.2f} s, {iterations} iterations, beta {np.array2string(beta, precision=6)}, {received} bytes")


if __name__ == "__main__":
    main()
