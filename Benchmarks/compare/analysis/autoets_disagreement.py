"""Why SalesKit's and statsforecast's AutoETS forecasts differ, series by series.

Run from the repository root (after a release build of saleskit-bench):
    /work/pyenv/bin/python Benchmarks/compare/analysis/autoets_disagreement.py \
        --series /work/bench-cache/large/series-10000x60.csv --count 1000 \
        --bench Benchmarks/.build/release/saleskit-bench [--out /tmp/autoets-analysis.json]

It takes the first --count series of the file, runs statsforecast's AutoETS (`ets_f`, exactly what
`statsforecast.models.AutoETS` calls) on each while recording every candidate it fits, runs
`saleskit-bench run autoets --details` on the same series, and prints a classification of the series
whose 12-step forecast totals differ by more than 1e-2 (relative, the compare.py measure):

  (a) different model, SalesKit's pick has the lower AICc (statsforecast did not find the better fit);
  (b) same model, different parameters (split by which side has the higher log-likelihood);
  (c) different model, statsforecast's pick has the lower AICc.

All AICc are put on one scale: statsforecast's -2 log L is R's n log(SSE) (+ 2 sum log|yhat|), without
the Gaussian constant n (log(2 pi / n) + 1) that SalesKit's full likelihood includes; the constant is
added to statsforecast's values. SalesKit's chosen parameters are also re-evaluated with statsforecast's
own likelihood code (`pegelsresid_C`) to check that both sides compute the same likelihood, and checked
against statsforecast's parameter box (its `upper` bounds as mutated during the automatic search).
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
import statsforecast.ets as sfets

H = 12
M = 12


def rel(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1.0)


def code_of(components):
    e, t, s, d = components[0], components[1], components[2], components[3]
    return e + t + ("d" if d != "N" and t != "N" else "") + s


def statsforecast_fit(y):
    """ets_f with every candidate recorded (model code -> dict with aicc, loglik, par, upper bounds used)."""
    seen = {}
    original = sfets.etsmodel

    def recording(*args, **kwargs):
        fit = original(*args, **kwargs)
        if fit.get("fit") is not None:
            code = args[2] + args[3] + ("d" if args[5] else "") + args[4]
            seen[code] = {"aicc": float(fit["aicc"]), "loglik": float(fit["loglik"]),
                          "par": [float(v) for v in fit["par"]], "upper": [float(v) for v in kwargs["upper"]],
                          "iterations": int(fit["fit"].nit) if hasattr(fit["fit"], "nit") else None}
        return fit

    sfets.etsmodel = recording
    try:
        model = sfets.ets_f(y, M)
    finally:
        sfets.etsmodel = original
    forecast = sfets.pegelsfcast_C(H, model)
    return model, seen, forecast


def statsforecast_loglik_of(y, d):
    """statsforecast's log-likelihood (its scale) at SalesKit's parameters and initial states."""
    code = d["model"]
    e, s = code[0], code[-1]
    t = code[1]
    damped = "d" in code
    state = [d["initialLevel"]] + ([d["initialTrend"]] if t != "N" else []) + list(reversed(d["initialSeasonal"]))
    m = M if s != "N" else 1
    _, _, _, lik = sfets.pegelsresid_C(np.asarray(y, float), m, np.asarray(state, float), e, t, s, damped,
                                       d["alpha"], d["beta"], d["gamma"], d["phi"], 3)
    return -0.5 * lik


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--series", required=True)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--bench", required=True, help="path of the release saleskit-bench")
    ap.add_argument("--details", help="reuse a saleskit-bench --details file instead of running it")
    ap.add_argument("--out")
    args = ap.parse_args()

    frame = pd.read_csv(args.series)
    ids = sorted(frame["unique_id"].unique())[: args.count]
    frame = frame[frame["unique_id"].isin(set(ids))]
    groups = {k: g.sort_values("ds")["y"].to_numpy(float) for k, g in frame.groupby("unique_id", sort=True)}

    details_path = args.details
    if details_path is None:
        tmp = tempfile.mkdtemp(prefix="autoets-analysis-")
        subset = os.path.join(tmp, "series.csv")
        frame.to_csv(subset, index=False)
        details_path = os.path.join(tmp, "saleskit.json")
        subprocess.run([args.bench, "run", "autoets", "--data", tmp, "--series", subset, "--details", details_path],
                       check=True, stdout=subprocess.DEVNULL)
    saleskit = {d["id"]: d for d in json.load(open(details_path))}

    rows = []
    for k in ids:
        y = groups[k]
        n = len(y)
        c = n * (math.log(2 * math.pi / n) + 1)
        model, cands, fc = statsforecast_fit(y)
        sk = saleskit[k]
        sf_code = code_of(model["components"])
        row = {"id": k, "sf": sf_code, "sk": sk.get("model"), "sfAICc": float(model["aicc"]) + c,
               "skAICc": sk.get("aicc"), "sfTotal": float(np.sum(fc)), "skTotal": float(np.sum(sk.get("forecast", [0]))),
               "sfPar": [float(v) for v in model["par"][:4]],
               "skPar": [sk.get("alpha"), sk.get("beta"), sk.get("gamma"), sk.get("phi")],
               "sfCandidates": {code: v["aicc"] + c for code, v in cands.items()},
               "skCandidates": sk.get("candidates", {}),
               "sfUpperOfSkPick": cands.get(sk.get("model"), {}).get("upper")}
        if "error" not in sk:
            row["skLoglikBySf"] = statsforecast_loglik_of(y, sk)
            row["skLoglik"] = sk["logLikelihood"]
            row["likelihoodGap"] = (row["skLoglikBySf"] - 0.5 * c) - sk["logLikelihood"]
        row["rel"] = rel(row["sfTotal"], row["skTotal"])
        rows.append(row)

    devs = sorted(r["rel"] for r in rows)
    p95 = devs[int(0.95 * (len(devs) - 1))]
    bad = [r for r in rows if r["rel"] > 1e-2]
    same_pick = sum(r["sf"] == r["sk"] for r in rows)
    gaps = [abs(r["likelihoodGap"]) for r in rows if "likelihoodGap" in r]
    print(f"series {len(rows)}; same model {same_pick}; p95 rel diff of totals {p95:.2e}; > 1e-2: {len(bad)}")
    print(f"max |SalesKit logL - statsforecast's logL at SalesKit's parameters| = {max(gaps):.2e}")
    classes = {"a": [], "b-sk-better": [], "b-sf-better": [], "c": []}
    for r in bad:
        if r["sf"] == r["sk"]:
            key = "b-sk-better" if r["skAICc"] <= r["sfAICc"] else "b-sf-better"
        else:
            key = "a" if r["skAICc"] < r["sfAICc"] else "c"
        classes[key].append(r)
    for key, members in classes.items():
        print(f"  ({key}) {len(members)}")
    pairs = {}
    for r in classes["c"] + classes["a"]:
        pairs.setdefault((r["sk"], r["sf"]), 0)
        pairs[(r["sk"], r["sf"])] += 1
    print("  SalesKit pick -> statsforecast pick (a+c):", sorted(pairs.items(), key=lambda kv: -kv[1])[:12])
    # Among (c): is SalesKit's fit of statsforecast's pick worse than statsforecast's own?
    c_opt = [r for r in classes["c"] if r["skCandidates"].get(r["sf"], math.inf) > r["sfAICc"] + 1e-6]
    print(f"  (c) where SalesKit's own fit of statsforecast's pick is worse than statsforecast's: {len(c_opt)}")
    for r in classes["c"][:15]:
        print("   c", r["id"], "sk", r["sk"], round(r["skAICc"], 3), "sf", r["sf"], round(r["sfAICc"], 3),
              "sk-fit-of-sf-pick", round(r["skCandidates"].get(r["sf"], math.inf), 3),
              "sfPar", np.round(r["sfPar"], 5).tolist(), "skPar", np.round(r["skPar"], 5).tolist())
    for r in classes["a"][:10]:
        print("   a", r["id"], "sk", r["sk"], round(r["skAICc"], 3), "sf", r["sf"], round(r["sfAICc"], 3),
              "sf-fit-of-sk-pick", round(r["sfCandidates"].get(r["sk"], math.inf), 3),
              "skPar", np.round(r["skPar"], 5).tolist(), "sf upper used", r["sfUpperOfSkPick"])
    if args.out:
        with open(args.out, "w") as fh:
            json.dump({"p95": p95, "classes": {k: [r["id"] for r in v] for k, v in classes.items()}, "rows": rows}, fh)


if __name__ == "__main__":
    sys.exit(main())
