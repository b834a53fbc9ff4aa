"""Workload autoets: AutoETS (season 12, selection by AICc) on every series of the series file,
12-step point forecasts (WORKLOADS.md). The numba JIT warm-up runs first on one series and is
reported separately (extra.warmupSeconds), not in computeSeconds.

Run: python autoets.py --peer statsforecast --series FILE
"""
import os

from common import THREADS, now, run_main


def body(args):
    import pandas as pd
    from statsforecast import StatsForecast
    from statsforecast.models import AutoETS
    start = now()
    frame = pd.read_csv(args.series, parse_dates=["ds"])
    load = now() - start
    warm = now()
    first = frame[frame["unique_id"] == frame["unique_id"].iloc[0]]
    StatsForecast(models=[AutoETS(season_length=12)], freq="MS", n_jobs=1).forecast(df=first, h=12)
    warmup = now() - warm
    start = now()
    forecast = StatsForecast(models=[AutoETS(season_length=12)], freq="MS", n_jobs=THREADS).forecast(df=frame, h=12)
    compute = now() - start
    totals = forecast.groupby("unique_id", sort=True)["AutoETS"].sum()
    answer = {"series": int(len(totals)), "forecastTotals": [float(v) for v in totals],
              "seriesFile": os.path.abspath(args.series)}  # compare.py re-runs the series beyond the tolerance
    return load, compute, answer, \
        {"warmupSeconds": warmup}


run_main("autoets", ["statsforecast"], body)
