"""Reference values for SeasonalRegression: statsmodels OLS on the same designs.

Run from the package root with a Python that has statsmodels and numpy (pip install statsmodels):
    python Tests/SalesModelsTests/Fixtures/seasonal_regression.py
Reads the AirPassengers series from ets_fixtures.json (statsforecast's bundled copy) and writes
seasonal_regression.json next to this script.

Design conventions (must match Sources/SalesModels/Forecasting/SeasonalRegression.swift):
observation i (0-based) has trend i + 1 and season i mod m; dummies for seasons 1..m-1;
Fourier pairs sin/cos(2*pi*k*(i+1)/m), k = 1..K, sine dropped when 2k = m; intercept first.
"""
import json
import math
import os

import numpy as np
import statsmodels
import statsmodels.api as sm

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "ets_fixtures.json")) as f:
    series = {s["name"]: s for s in json.load(f)["series"]}
y = np.array(series["airpassengers"]["values"], dtype=float)
m = 12
n = len(y)
horizon = 12


def regressor(t):
    # A deterministic external regressor (think: marketing spend), known for the future too.
    return 50.0 + 10.0 * math.sin(t / 7.0) + (t % 5)


def design(start, count, trend, season, K, with_regressor):
    rows = []
    for i in range(start, start + count):
        row = [1.0]
        if trend:
            row.append(i + 1.0)
        if season == "dummies":
            row += [1.0 if i % m == s else 0.0 for s in range(1, m)]
        elif season == "fourier":
            for k in range(1, K + 1):
                angle = 2 * math.pi * k * (i + 1) / m
                if 2 * k != m:
                    row.append(math.sin(angle))
                row.append(math.cos(angle))
        if with_regressor:
            row.append(regressor(i))
        rows.append(row)
    return np.array(rows)


cases = []
for name, trend, season, K, with_reg in [
    ("trend+dummies", True, "dummies", 0, False),
    ("trend+fourier3", True, "fourier", 3, False),
    ("trend+fourier6+regressor", True, "fourier", 6, True),
]:
    X = design(0, n, trend, season, K, with_reg)
    fit = sm.OLS(y, X).fit()
    Xf = design(n, horizon, trend, season, K, with_reg)
    pred = fit.get_prediction(Xf)
    f80 = pred.summary_frame(alpha=0.20)
    f95 = pred.summary_frame(alpha=0.05)
    cases.append({
        "name": name, "trend": trend, "season": season, "harmonics": K,
        "regressor": [regressor(i) for i in range(n)] if with_reg else None,
        "futureRegressor": [regressor(i) for i in range(n, n + horizon)] if with_reg else None,
        "params": fit.params.tolist(), "bse": fit.bse.tolist(), "rsquared": fit.rsquared,
        "mean": f95["mean"].tolist(),
        "lo80": f80["obs_ci_lower"].tolist(), "hi80": f80["obs_ci_upper"].tolist(),
        "lo95": f95["obs_ci_lower"].tolist(), "hi95": f95["obs_ci_upper"].tolist(),
    })

out = {"source": "statsmodels %s OLS on AirPassengers (m = 12, horizon 12)" % statsmodels.__version__,
       "values": y.tolist(), "seasonalPeriod": m, "horizon": horizon, "cases": cases}
with open(os.path.join(here, "seasonal_regression.json"), "w") as f:
    json.dump(out, f, indent=1)
print("wrote seasonal_regression.json")
