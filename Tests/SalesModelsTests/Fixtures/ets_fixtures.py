"""Reference values for the SalesModels ETS / AutoETS tests.

Run from the package root:
    /work/pyenv/bin/python Tests/SalesModelsTests/Fixtures/ets_fixtures.py
It writes Tests/SalesModelsTests/Fixtures/ets_fixtures.json next to this script.
Versions used are recorded in the JSON ("versions").

Series (all real, bundled with the Python packages, no network):
  * airpassengers: Box & Jenkins airline passengers 1949-1960, monthly (statsforecast.utils.AirPassengers)
  * co2: Mauna Loa CO2 (statsmodels.datasets.co2), weekly resampled to monthly means,
         gaps linearly interpolated, last 120 months
  * elnino: El Nino sea surface temperatures (statsmodels.datasets.elnino), monthly, last 120 months
  * realgdp: US real GDP (statsmodels.datasets.macrodata), quarterly, last 80 quarters

For each series and each listed model, statsmodels ETSModel (initialization_method="estimated",
maximum likelihood with its default L-BFGS-B) gives: smoothing parameters, initial states,
log-likelihood, AIC, AICc, fitted values and 12-step (8 for quarterly) forecasts with 80/95%
intervals (analytic for additive-error models, simulated with 5000 repetitions for the others).
statsforecast AutoETS gives the model it selects (R forecast::ets port) and its AICc.
"""
import json
import os

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm
import statsforecast
from statsforecast.models import AutoETS
from statsforecast.utils import AirPassengers
from statsmodels.tsa.exponential_smoothing.ets import ETSModel


def series():
    out = []
    out.append(("airpassengers", 12, np.asarray(AirPassengers, dtype=float)))
    co2 = sm.datasets.co2.load_pandas().data["co2"].resample("MS").mean().interpolate()
    out.append(("co2", 12, co2.values[-120:].astype(float)))
    el = sm.datasets.elnino.load_pandas().data.drop(columns="YEAR").values.ravel()
    out.append(("elnino", 12, el[-120:].astype(float)))
    mac = sm.datasets.macrodata.load_pandas().data["realgdp"].values
    out.append(("realgdp", 4, mac[-80:].astype(float)))
    return out


MODELS = [  # (code, error, trend, damped, seasonal)
    ("ANN", "add", None, False, None),
    ("AAdN", "add", "add", True, None),
    ("AAA", "add", "add", False, "add"),
    ("MAM", "mul", "add", False, "mul"),
    ("MNM", "mul", None, False, "mul"),
    ("MAdM", "mul", "add", True, "mul"),
]


def fit_one(y, m, code, error, trend, damped, seasonal, h):
    freq = "MS" if m == 12 else "QS"
    ys = pd.Series(y, index=pd.date_range("2000-01-01", periods=len(y), freq=freq))
    mod = ETSModel(ys, error=error, trend=trend, damped_trend=damped, seasonal=seasonal,
                   seasonal_periods=m if seasonal else None, initialization_method="estimated")
    res = mod.fit(disp=False, maxiter=10000)
    p = dict(zip(res.model.param_names, np.asarray(res.params, dtype=float)))
    pred = res.get_prediction(start=len(y), end=len(y) + h - 1,
                              method=None, simulate_repetitions=5000,
                              rng=np.random.default_rng(7))
    f80 = pred.summary_frame(alpha=0.2)
    f95 = pred.summary_frame(alpha=0.05)
    seas = [] if seasonal is None else [float(v) for v in np.atleast_1d(res.initial_seasonal)]
    return {
        "model": code,
        "alpha": float(p["smoothing_level"]),
        "beta": float(p.get("smoothing_trend", 0.0)),
        "gamma": float(p.get("smoothing_seasonal", 0.0)),
        "phi": float(p.get("damping_trend", 1.0)),
        "initialLevel": float(res.initial_level),
        "initialTrend": float(res.initial_trend) if trend else 0.0,
        "initialSeasonal": seas,
        "logLikelihood": float(res.llf),
        "aic": float(res.aic),
        "aicc": float(res.aicc),
        "numberOfParameters": int(len(res.params)),
        "fitted": [float(v) for v in res.fittedvalues],
        "mean": [float(v) for v in pred.predicted_mean],
        "lo80": [float(v) for v in f80["pi_lower"]],
        "hi80": [float(v) for v in f80["pi_upper"]],
        "lo95": [float(v) for v in f95["pi_lower"]],
        "hi95": [float(v) for v in f95["pi_upper"]],
        "intervalMethod": "analytic" if error == "add" else "simulated",
        "converged": bool(res.mle_retvals.get("converged", True)) if hasattr(res, "mle_retvals") and res.mle_retvals else True,
    }


def candidate_fits(y, m):
    """statsforecast's own fit of every candidate (as AutoETS(model=...)): AICc on the full scale."""
    out = {}
    c = len(y) * (np.log(2 * np.pi / len(y)) + 1)
    for e in "AM":
        for t in ("N", "A", "Ad"):
            for s in "NAM":
                if e == "A" and s == "M":
                    continue
                if (e == "M" or s == "M") and np.min(y) <= 0:
                    continue
                try:
                    f = AutoETS(season_length=m, model=e + t[0] + s, damped=(t == "Ad")).fit(y)
                    out[e + t + s] = float(f.model_["aicc"] + c)
                except Exception:  # statsforecast refuses some models on short series
                    pass
    return out


def main():
    out = {"versions": {"statsmodels": statsmodels.__version__, "statsforecast": statsforecast.__version__,
                        "numpy": np.__version__}, "series": []}
    for name, m, y in series():
        h = 12 if m == 12 else 8
        entry = {"name": name, "seasonalPeriod": m, "horizon": h, "values": [float(v) for v in y], "fits": []}
        for code, error, trend, damped, seasonal in MODELS:
            entry["fits"].append(fit_one(y, m, code, error, trend, damped, seasonal, h))
        auto = AutoETS(season_length=m).fit(y)
        comp = auto.model_["components"]  # e.g. "MAdM"? statsforecast: error, trend, season, damped
        e, t, s, d = comp[0], comp[1], comp[2], comp[3] if len(comp) > 3 else "N"
        code = e + t + ("d" if d not in ("N", "F", "False") and t != "N" else "") + s
        fc = auto.predict(h, level=[80, 95])
        entry["autoETS"] = {
            "method": auto.model_["method"],
            "model": code,
            "aicc": float(auto.model_["aicc"]),
            "mean": [float(v) for v in fc["mean"]],
            # statsforecast reports R's lik = n log(SSE) (+ 2 sum log|yhat|) without the Gaussian
            # constant; add n (log(2 pi / n) + 1) to compare with full-likelihood AICc values.
            "aiccConstant": float(len(y) * (np.log(2 * np.pi / len(y)) + 1)),
            "candidates": candidate_fits(y, m),
        }
        out["series"].append(entry)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ets_fixtures.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
    for s in out["series"]:
        print(s["name"], s["autoETS"]["method"], s["autoETS"]["model"],
              [(f["model"], round(f["logLikelihood"], 2)) for f in s["fits"]])


if __name__ == "__main__":
    main()
