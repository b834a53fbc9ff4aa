"""Reference values for SalesKit's Theta from statsforecast 2.1.1's auto_theta on the real series of
arima_statsforecast.py: per series and variant the criterion (statsforecast's `mse`), α, θ, ℓ₀ and the
12-step mean; and AutoTheta's choice.

usage: /work/pyenv/bin/python theta_statsforecast.py > theta_statsforecast.json
"""
import json
import numpy as np
from statsforecast.theta import auto_theta, forecast_theta
from arima_statsforecast import series


def main():
    out = []
    for name, m, x in series():
        variants = {}
        for v in ["STM", "OTM", "DSTM", "DOTM"]:
            f = auto_theta(x, m, model=v)
            fc = forecast_theta(f, 12)
            variants[v] = dict(criterion=float(f["mse"]), alpha=float(f["par"]["alpha"]),
                               theta=float(f["par"]["theta"]), initialLevel=float(f["par"]["initial_smoothed"]),
                               mean=[float(t) for t in fc["mean"]], decomposed=bool(f.get("decompose", False)))
        a = auto_theta(x, m)
        out.append(dict(name=name, seasonalPeriod=m, values=[float(v) for v in x], variants=variants,
                        auto=a["modeltype"], autoMean=[float(t) for t in forecast_theta(a, 12)["mean"]]))
    print(json.dumps(dict(source="statsforecast 2.1.1 statsforecast.theta.auto_theta", series=out), indent=1))


if __name__ == "__main__":
    main()
