"""statsforecast AutoETS, candidate by candidate, on benchmark series where SalesKit and statsforecast
disagreed (Benchmarks/compare/analysis/autoets_disagreement.py).

Run from the package root:
    /work/pyenv/bin/python Tests/SalesModelsTests/Fixtures/ets_statsforecast_search.py SERIES_CSV
where SERIES_CSV is the autoets benchmark file (`saleskit-bench make-series --count 10000 --length 60
--seed 42`, cached as /work/bench-cache/large/series-10000x60.csv). It writes
Tests/SalesModelsTests/Fixtures/ets_statsforecast_search.json next to this script; versions are recorded.

For every chosen series it runs statsforecast's automatic search (`statsforecast.ets.ets_f(y, 12)`, what
`AutoETS(season_length=12)` calls) and records, for every candidate the search fits: the smoothing
parameters, the initial states (converted to SalesKit's order: seasonal states chronological, the m-th
included), statsforecast's log-likelihood on the full Gaussian scale (its -0.5 n log(SSE) - sum log|yhat|
plus -0.5 n (log(2 pi / n) + 1)), its AICc on the same scale, its parameter count, and the parameter box
its Nelder-Mead searched for that candidate (`lower`/`upper`, as modified during the search). Also the
model it picks and its 12 forecasts.
"""
import json
import math
import os
import sys

import numpy as np
import pandas as pd
import statsforecast
import statsforecast.ets as sfets

SERIES = ["S00004", "S00073", "S00102", "S00137", "S00540", "S00561", "S00635", "S00773"]
M = 12
H = 12


def candidate_record(code, fit, lower, upper, n):
    constant = n * (math.log(2 * math.pi / n) + 1)
    par = [float(v) for v in fit["par"]]
    alpha, beta, gamma, phi = par[:4]
    states = par[4:]
    has_trend = code[1] == "A"
    has_season = code[-1] != "N"
    level = states[0]
    trend = states[1] if has_trend else 0.0
    seasonal = list(reversed(states[1 + has_trend:])) if has_season else []  # statsforecast: newest first
    return {
        "model": code,
        "alpha": alpha, "beta": 0.0 if math.isnan(beta) else beta,
        "gamma": 0.0 if math.isnan(gamma) else gamma, "phi": 1.0 if math.isnan(phi) else phi,
        "initialLevel": level, "initialTrend": trend, "initialSeasonal": seasonal,
        "logLikelihood": float(fit["loglik"]) - 0.5 * constant,
        "aicc": float(fit["aicc"]) + constant,
        "numberOfParameters": int(fit["n_params"]),
        "lower": [float(v) for v in lower], "upper": [float(v) for v in upper],
    }


def search(y):
    records = []
    original = sfets.etsmodel

    def recording(*args, **kwargs):
        fit = original(*args, **kwargs)
        if fit.get("fit") is not None:
            code = args[2] + args[3] + ("d" if args[5] else "") + args[4]
            records.append(candidate_record(code, fit, kwargs["lower"], kwargs["upper"], len(y)))
        return fit

    sfets.etsmodel = recording
    try:
        model = sfets.ets_f(y, M)
    finally:
        sfets.etsmodel = original
    comp = model["components"]
    pick = comp[0] + comp[1] + ("d" if comp[3] != "N" and comp[1] != "N" else "") + comp[2]
    return pick, records, [float(v) for v in sfets.pegelsfcast_C(H, model)]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    frame = pd.read_csv(sys.argv[1])
    frame = frame[frame["unique_id"].isin(SERIES)]
    out = {"versions": {"statsforecast": statsforecast.__version__, "numpy": np.__version__},
           "seasonalPeriod": M, "series": []}
    for sid, g in frame.groupby("unique_id", sort=True):
        y = g.sort_values("ds")["y"].to_numpy(float)
        pick, records, forecast = search(y)
        out["series"].append({"name": sid, "values": [float(v) for v in y], "pick": pick,
                              "forecast": forecast, "candidates": records})
        print(sid, pick, [(r["model"], round(r["aicc"], 3)) for r in records])
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ets_statsforecast_search.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)


if __name__ == "__main__":
    main()
