"""Workload autoarima: AutoARIMA (season 12, stepwise search by AICc) on every series of the series
file, 12-step point forecasts (WORKLOADS.md). The numba JIT warm-up runs first on one series and is
reported separately (extra.warmupSeconds), not in computeSeconds. Fit and predict are timed together
(fit keeps the models, so the chosen orders and AICc can be reported).

Run: python autoarima.py --peer statsforecast --series FILE
"""
import os

from common import THREADS, now, run_main


def body(args):
    import pandas as pd
    from statsforecast import StatsForecast
    from statsforecast.models import AutoARIMA
    start = now()
    frame = pd.read_csv(args.series, parse_dates=["ds"])
    load = now() - start
    warm = now()
    first = frame[frame["unique_id"] == frame["unique_id"].iloc[0]]
    StatsForecast(models=[AutoARIMA(season_length=12)], freq="MS", n_jobs=1).forecast(df=first, h=12)
    warmup = now() - warm
    start = now()
    sf = StatsForecast(models=[AutoARIMA(season_length=12)], freq="MS", n_jobs=THREADS)
    sf.fit(df=frame)
    forecast = sf.predict(h=12)
    compute = now() - start
    totals = forecast.groupby("unique_id", sort=True)["AutoARIMA"].sum()
    ids = sorted(frame["unique_id"].unique())
    position = {uid: i for i, uid in enumerate(sf.uids)} if hasattr(sf, "uids") else None
    orders, constant, aicc = [], [], []
    for uid in ids:
        i = position[uid] if position is not None else ids.index(uid)
        model = sf.fitted_[i, 0].model_
        p, q, P, Q, _, d, D = (int(v) for v in model["arma"])
        orders.append([p, d, q, P, D, Q])
        constant.append(bool({"intercept", "drift"} & set(model["coef"])))
        aicc.append(float(model["aicc"]))
    answer = {"series": int(len(totals)), "forecastTotals": [float(v) for v in totals], "orders": orders,
              "constant": constant, "aicc": aicc,
              "seriesFile": os.path.abspath(args.series)}  # compare.py refits SalesKit's orders where they differ
    return load, compute, answer, {"warmupSeconds": warmup}


run_main("autoarima", ["statsforecast"], body)
