#!/usr/bin/env python3
"""Assembles the side-by-side table from the JSON lines of one run (stdlib only, except the autoets
lower-AICc check, which re-runs statsforecast on the series beyond the tolerance).

Usage: compare.py RESULTS.jsonl [--markdown]
Each line is one result object (saleskit-bench or a peer script, shape in README.md). Prints the
floors, then one table: workload, SalesKit load/compute/total, every peer (load+compute=total),
the fastest peer, SalesKit's ratio to it (< 1.0 means SalesKit is faster), and agreement (✓/✗
with the measure and the largest deviation found against the reference implementation).
"""
import json
import math
import sys

ORDER = ["csv-orders", "ols", "logistic", "rfm", "cohort", "funnel", "autoets", "autoarima", "bgnbd", "scoring"]


def rel(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1.0)


def exact(ref, other):
    return 0.0 if ref == other else 1.0


def coef_dev(ref, other):
    a, b = ref["coefficients"], other["coefficients"]
    return max(rel(x, y) for x, y in zip(a, b)) if len(a) == len(b) else math.inf


def loglik_dev(ref, other):
    return abs(ref["logLikelihood"] - other["logLikelihood"]) / abs(ref["logLikelihood"])


AUTOETS_TOLERANCE = 1e-2


def autoets_dev(ref, other):
    """p95 of the per-series relative difference of the 12-step forecast totals, over the series that
    are not counted as "SalesKit found a lower AICc" (WORKLOADS.md ## autoets); returns (p95, note)."""
    a, b = ref["forecastTotals"], other["forecastTotals"]
    if len(a) != len(b) or not a:
        return math.inf
    devs = [rel(x, y) for x, y in zip(a, b)]
    far = [i for i, d in enumerate(devs) if d > AUTOETS_TOLERANCE]
    note = ""
    better = set()
    if far:
        try:
            better = autoets_lower_aicc(ref, other, far)
            note = f"; {len(better)} of {len(far)} series beyond 1e-2 where SalesKit found a lower AICc"
        except Exception as error:  # the check needs statsforecast and the series file; without it, no exemption
            note = f"; lower-AICc check unavailable ({type(error).__name__}: {str(error)[:60]})"
    rest = sorted(d for i, d in enumerate(devs) if i not in better)
    return (rest[int(0.95 * (len(rest) - 1))] if rest else 0.0), note


def autoets_lower_aicc(saleskit, peer, indices):
    """Series (of `indices`) where SalesKit's chosen model has a lower AICc than statsforecast's chosen
    model, as statsforecast evaluates its own pick, with SalesKit's smoothing parameters inside the box
    statsforecast searched for that model. statsforecast is re-run on just these series (untimed) to
    get its pick, AICc and box; its forecast total must reproduce the peer's answer."""
    import numpy as np
    import pandas as pd
    import statsforecast.ets as sfets
    from statsforecast.models import AutoETS

    models, aicc, parameters = saleskit["models"], saleskit["aicc"], saleskit["parameters"]
    frame = pd.read_csv(peer["seriesFile"])
    ids = sorted(frame["unique_id"].unique())
    wanted = {ids[i]: i for i in indices}
    frame = frame[frame["unique_id"].isin(set(wanted))]
    out = set()
    original = sfets.etsmodel
    for uid, group in frame.groupby("unique_id", sort=True):
        i = wanted[uid]
        y = group.sort_values("ds")["y"].to_numpy(float)
        boxes = {}

        def recording(*args, **kwargs):
            fit = original(*args, **kwargs)
            code = args[2] + args[3] + ("d" if args[5] else "") + args[4]
            boxes[code] = (np.array(kwargs["lower"], float), np.array(kwargs["upper"], float))
            return fit

        sfets.etsmodel = recording
        try:
            model = AutoETS(season_length=12).fit(y)
            total = float(np.sum(model.predict(12)["mean"]))
        finally:
            sfets.etsmodel = original
        if rel(total, peer["forecastTotals"][i]) > 1e-9 or models[i] not in boxes:
            continue
        n = len(y)
        theirs = float(model.model_["aicc"]) + n * (math.log(2 * math.pi / n) + 1)  # to the full-likelihood scale
        ours = aicc[i]
        lower, upper = boxes[models[i]]
        code = models[i]
        present = [True, code[1] == "A", code[-1] != "N", "d" in code]  # alpha, beta, gamma, phi
        inside = all(lower[k] - 1e-12 <= parameters[i][k] <= upper[k] + 1e-12
                     for k in range(4) if present[k])
        if inside and ours < theirs - 1e-6 * abs(theirs):
            out.add(i)
    return out


def autoarima_dev(ref, other):
    """Share of series where SalesKit's AutoARIMA neither picked statsforecast's model (same (p,d,q)(P,D,Q)
    and constant) nor a model that statsforecast itself scores with a lower AICc (WORKLOADS.md
    ## autoarima); returns (share, note)."""
    a, b = ref["orders"], other["orders"]
    if len(a) != len(b) or not a:
        return math.inf
    differ = [i for i in range(len(a)) if a[i] != b[i] or ref["constant"][i] != other["constant"][i]]
    note = f"; same model on {len(a) - len(differ)} of {len(a)}"
    better = set()
    if differ:
        try:
            better = autoarima_lower_aicc(ref, other, differ)
            note += f", {len(better)} of the other {len(differ)} with a lower AICc by statsforecast's own fit"
        except Exception as error:  # the check needs statsforecast and the series file; without it, no exemption
            note += f"; lower-AICc check unavailable ({type(error).__name__}: {str(error)[:60]})"
    return (len(differ) - len(better)) / len(a), note


def autoarima_lower_aicc(saleskit, peer, indices):
    """Series (of `indices`) where SalesKit's model (order and constant), fitted by statsforecast's own
    `Arima` (CSS-ML, as in its search), has a lower AICc than the model statsforecast's AutoARIMA chose,
    with the same d and D (AICc compares likelihoods of the same differenced data only) and inside
    statsforecast's default search bounds (p, q ≤ 5; P, Q ≤ 2; p+q+P+Q ≤ 5)."""
    import numpy as np
    import pandas as pd
    from statsforecast.arima import Arima

    frame = pd.read_csv(peer["seriesFile"])
    ids = sorted(frame["unique_id"].unique())
    wanted = {ids[i]: i for i in indices}
    frame = frame[frame["unique_id"].isin(set(wanted))]
    out = set()
    for uid, group in frame.groupby("unique_id", sort=True):
        i = wanted[uid]
        y = group.sort_values("ds")["y"].to_numpy(float)
        p, d, q, P, D, Q = saleskit["orders"][i]
        if [d, D] != peer["orders"][i][1:2] + peer["orders"][i][4:5]:
            continue
        if p > 5 or q > 5 or P > 2 or Q > 2 or p + q + P + Q > 5:
            continue
        constant = saleskit["constant"][i]
        try:
            fit = Arima(y, order=(p, d, q), seasonal={"order": (P, D, Q), "period": 12},
                        include_mean=constant and d + D == 0, include_drift=constant and d + D == 1,
                        method="CSS-ML")
        except Exception:
            continue
        if float(fit["aicc"]) < peer["aicc"][i] - 1e-6 * abs(peer["aicc"][i]):
            out.add(i)
    return out


def bgnbd_dev(ref, other):
    keys = [("bgnbd", k) for k in ("r", "alpha", "a", "b")] + [("gammaGamma", k) for k in ("p", "q", "gamma")]
    return max(rel(ref[g][k], other[g][k]) for g, k in keys)


def scoring_dev(ref, other):
    if ref["scored"] != other["scored"]:
        return math.inf
    return abs(ref["meanProbability"] - other["meanProbability"])


# workload -> (deviation function, tolerance, description of the measure)
MEASURES = {
    "csv-orders": (exact, 0.0, "exact rows/customers/cents/dates"),
    "ols": (coef_dev, 1e-8, "coef rel ≤1e-8"),
    "logistic": (loglik_dev, 1e-8, "logL rel ≤1e-8"),
    "rfm": (exact, 0.0, "exact 125 cells + segments"),
    "cohort": (exact, 0.0, "exact cells"),
    "funnel": (exact, 0.0, "exact step users"),
    "autoets": (autoets_dev, 1e-2, "p95 fcst rel ≤1e-2"),
    "autoarima": (autoarima_dev, 5e-2, "share of series with another model and no lower AICc ≤5e-2"),
    "bgnbd": (bgnbd_dev, 1e-3, "params rel ≤1e-3"),
    "scoring": (scoring_dev, 1e-6, "count + mean p ≤1e-6"),
}


def seconds(value):
    if value is None:
        return "—"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def total(result):
    return (result.get("loadSeconds") or 0.0) + (result.get("computeSeconds") or 0.0)


def agreement(workload, results):
    ok = [r for r in results if r.get("status") == "ok"]
    if len(ok) < 2:
        return "— (one result)"
    deviation, tolerance, label = MEASURES[workload.split("@")[0]]
    reference = ok[0]
    worst, worst_name = 0.0, ""
    note = ""
    for other in ok[1:]:
        try:
            d = deviation(reference["answer"], other["answer"])
        except (KeyError, TypeError, ZeroDivisionError):
            d = math.inf
        d, extra_note = d if isinstance(d, tuple) else (d, "")
        if d > worst or worst_name == "":
            worst, worst_name, note = d, other["implementation"], extra_note
    mark = "✓" if worst <= tolerance else "✗"
    shown = "" if tolerance == 0.0 else f" max {worst:.1e}"
    if tolerance == 0.0 and worst > 0:
        shown = f" ({worst_name} differs from {reference['implementation']})"
    return f"{mark} {label}{shown}{note} vs {reference['implementation']}"


def render(header, rows, markdown):
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows)]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths)), "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in rows]
    return "\n".join(out)


def best_runs(results):
    """Keeps, per (workload, implementation), the ok run with the smallest load + compute (run.sh
    --repeat N); records the number of runs in `runs`. Floors and failed runs are kept as they are
    unless an ok run of the same implementation exists."""
    kept, order = {}, []
    for r in results:
        if r["workload"].startswith("floor-"):
            order.append(("floor", id(r)))
            kept[("floor", id(r))] = r
            continue
        key = (r["workload"], r["implementation"])
        if key not in kept:
            order.append(key)
            kept[key] = dict(r, runs=1)
            continue
        previous = kept[key]
        runs = previous["runs"] + 1
        if r.get("status") == "ok" and (previous.get("status") != "ok" or total(r) < total(previous)):
            kept[key] = dict(r, runs=runs)
        else:
            previous["runs"] = runs
    return [kept[k] for k in order]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    markdown = "--markdown" in sys.argv
    results = []
    with open(sys.argv[1], encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line.startswith("{"):
                results.append(json.loads(line))

    results = best_runs(results)
    floor_rows = []
    for result in results:
        if not result["workload"].startswith("floor-") or result.get("status") != "ok":
            continue
        extra = result.get("extra", {})
        name = result["workload"][len("floor-"):]
        if name == "dgemm":
            value = f"{extra['gflops']:.1f} GFLOP/s (n = {extra['n']}, {seconds(result['computeSeconds'])} s)"
        elif name == "syrk":
            value = f"{seconds(result['computeSeconds'])} s for XᵀX {extra['rows']:,}×{extra['cols']} ({extra['gflops']:.1f} GFLOP/s)"
        elif name == "membw":
            value = f"read {extra['readGBps']:.1f} GB/s, copy {extra['copyGBps']:.1f} GB/s (1 GiB)"
        else:
            value = f"{extra['megabytesPerSecond']:.0f} MB/s ({extra['bytes'] / 1e6:.0f} MB, page cache)"
        floor_rows.append([name, result["implementation"], value])
    print("Floors")
    print(render(["floor", "by", "measured"], floor_rows, markdown))
    print()

    rows = []
    # Layout variants (run.sh LAYOUTS): "rfm@uuid" is rfm on the same orders in date order with
    # UUID customer ids; each follows its base workload.
    variants = sorted({r["workload"] for r in results if "@" in r["workload"]})
    listed = [w for base in ORDER for w in [base] + [v for v in variants if v.split("@")[0] == base]]
    for workload in listed:
        entries = [r for r in results if r["workload"] == workload]
        if not entries:
            continue
        saleskit = next((r for r in entries if r["implementation"] == "saleskit"), None)
        peers = [r for r in entries if r["implementation"] != "saleskit"]
        ok_peers = [r for r in peers if r.get("status") == "ok"]
        peer_cells = []
        for peer in peers:
            if peer.get("status") == "ok":
                peer_cells.append(f"{peer['implementation']} {seconds(peer.get('loadSeconds'))}+"
                                  f"{seconds(peer.get('computeSeconds'))}={seconds(total(peer))}")
            else:
                peer_cells.append(f"{peer['implementation']} {peer.get('status')}: {peer.get('reason', '')[:60]}")
        fastest = min(ok_peers, key=total) if ok_peers else None
        if saleskit and saleskit.get("status") == "ok":
            sk = [seconds(saleskit.get("loadSeconds")), seconds(saleskit.get("computeSeconds")), seconds(total(saleskit))]
            ratio = f"{total(saleskit) / total(fastest):.2f}" if fastest else "—"
        else:
            reason = saleskit.get("reason", "not run") if saleskit else "not run"
            sk = ["not yet available", "", ""] if (saleskit or {}).get("status") == "unavailable" else [f"error: {reason[:50]}", "", ""]
            ratio = "—"
        ordered = ([saleskit] if saleskit else []) + peers
        rows.append([workload, *sk, "; ".join(peer_cells),
                     f"{fastest['implementation']} {seconds(total(fastest))}" if fastest else "—",
                     ratio, agreement(workload, ordered)])
    runs = sorted({r.get("runs", 1) for r in results if not r["workload"].startswith("floor-")})
    best = f"; each time the fastest of {'/'.join(map(str, runs))} runs (run.sh --repeat)" if runs and runs != [1] else ""
    print(f"Workloads (seconds; peers as load+compute=total; ratio = SalesKit total / fastest peer total{best})")
    print(render(["workload", "SalesKit load", "compute", "total", "peers", "fastest peer", "ratio", "agreement"],
                 rows, markdown))
    process_rows = []
    for workload in listed:
        entries = [r for r in results if r["workload"] == workload and r.get("status") == "ok" and "process" in r]
        if not entries:
            continue
        cells = []
        for r in sorted(entries, key=lambda r: (r["implementation"] != "saleskit", r["implementation"])):
            p = r["process"]
            cell = f"{r['implementation']} {p['peakRSSMegabytes']:,.0f} MB, {seconds(p['wallSeconds'])} s"
            if p.get("inputBytes") and r.get("loadSeconds"):
                rate = p["inputBytes"] / 1e6 / r["loadSeconds"]
                cell += f", read {rate:,.0f} MB/s" if rate >= 10 else f", read {rate:.2f} MB/s"
            cells.append(cell)
        saleskit = next((r for r in entries if r["implementation"] == "saleskit"), None)
        peers = [r for r in entries if r["implementation"] != "saleskit"]
        least = min(peers, key=lambda r: r["process"]["peakRSSMegabytes"]) if peers else None
        ratio = (f"{saleskit['process']['peakRSSMegabytes'] / least['process']['peakRSSMegabytes']:.2f}"
                 if saleskit and least else "—")
        process_rows.append([workload, "; ".join(cells), f"{least['implementation']}" if least else "—", ratio])
    if process_rows:
        print()
        print("Per process (peak resident memory = getrusage ru_maxrss; process wall time from start to exit, "
              "interpreter start and imports included; read = input file MB / load seconds; "
              "memory ratio = SalesKit peak / smallest peer peak)")
        print(render(["workload", "peak memory, process time, read rate", "least memory", "memory ratio"],
                     process_rows, markdown))
    pending = [r for r in results if r.get("implementation") == "saleskit" and r.get("status") == "unavailable"]
    if pending:
        print()
        print("SalesKit not yet available:")
        for r in pending:
            print(f"  {r['workload']}: {r['reason']}")


main()
