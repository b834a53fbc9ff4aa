"""Reference values for SalesKit's ARIMA / AutoARIMA from statsforecast 2.1.1 (a port of R's
forecast::auto.arima and stats::arima) on real series shipped by pmdarima, statsmodels and sktime.

Also the exact log-likelihood at statsforecast's coefficients from statsmodels' SARIMAX (an
independent exact Kalman filter), because statsforecast's own figure is approximate near unit roots.

For every series: statsforecast's AutoARIMA choice (orders, constant, log-likelihood, AICc,
12-step mean and 95 % interval) and exact-ML fits (CSS-ML) of fixed orders with their
log-likelihood, σ² and coefficients.

usage: /work/pyenv/bin/python arima_statsforecast.py > arima_statsforecast.json
"""
import json
import numpy as np
import pandas as pd
import pmdarima.datasets as pm
import statsmodels.api as sm
from statsforecast.arima import auto_arima_f, arima, forecast_arima
from statsmodels.tsa.statespace.sarimax import SARIMAX


def series():
    macro = sm.datasets.macrodata.load_pandas().data
    return [
        ("airpassengers", 12, np.asarray(pm.load_airpassengers(), float)),
        ("wineind", 12, np.asarray(pm.load_wineind(), float)),
        ("woolyrnq", 4, np.asarray(pm.load_woolyrnq(), float)),
        ("austres", 4, np.asarray(pm.load_austres(), float)),
        ("macro_unemp", 4, macro["unemp"].to_numpy(float)[-120:]),
        ("macro_infl", 4, macro["infl"].to_numpy(float)[-120:]),
        ("macro_realgdp", 4, macro["realgdp"].to_numpy(float)[-120:]),
        ("co2_monthly", 12, sm.datasets.co2.load_pandas().data["co2"].resample("MS").mean().dropna().to_numpy()[-240:]),
    ]


FIXED = [((1, 0, 0), (0, 0, 0), True), ((0, 1, 1), (0, 0, 0), False), ((2, 1, 1), (0, 0, 0), True),
         ((1, 1, 1), (0, 1, 1), False), ((0, 1, 1), (1, 1, 0), False), ((2, 0, 0), (1, 0, 0), True)]


def exact_loglik(x, order, coef):
    """The exact Gaussian log-likelihood (statsmodels SARIMAX, simple differencing, σ² concentrated)
    at statsforecast's coefficients: statsforecast's own figure approximates the diffuse start (1e6
    prior variance) and the stationary covariance, which is inaccurate near a unit root."""
    p, d, q, P, D, Q, m = order["p"], order["d"], order["q"], order["P"], order["D"], order["Q"], order["m"]
    y = np.asarray(x, float).copy()
    t = np.arange(1, len(y) + 1, dtype=float)
    if "intercept" in coef:
        y = y - coef["intercept"]
    if "drift" in coef:
        y = y - coef["drift"] * t
    names = [f"ar{i}" for i in range(1, p + 1)] + [f"ma{i}" for i in range(1, q + 1)] + \
        [f"sar{i}" for i in range(1, P + 1)] + [f"sma{i}" for i in range(1, Q + 1)]
    params = np.array([coef[n] for n in names], float)
    mod = SARIMAX(y, order=(p, d, q), seasonal_order=(P, D, Q, m if m > 1 else 0), trend="n",
                  simple_differencing=True, concentrate_scale=True,
                  enforce_stationarity=True, enforce_invertibility=False)
    return float(mod.loglike(params))


def order_of(arma):
    p, q, P, Q, m, d, D = arma
    return dict(p=p, d=d, q=q, P=P, D=D, Q=Q, m=m)


def main():
    out = []
    for name, m, x in series():
        h = 12
        f = auto_arima_f(x, period=m)
        fc = forecast_arima(f, h=h, level=[95])
        coef = {k: float(v) for k, v in f["coef"].items()}
        auto = dict(order=order_of(f["arma"]), constant=("intercept" in coef or "drift" in coef),
                    logLikelihood=float(f["loglik"]), aicc=float(f["aicc"]),
                    exactLogLikelihood=exact_loglik(x, order_of(f["arma"]), coef), nobs=int(f["nobs"]), sigma2=float(f["sigma2"]),
                    coefficients=coef, mean=[float(v) for v in fc["mean"]],
                    lo95=[float(v) for v in fc["lower"]["95%"]] if isinstance(fc["lower"], pd.DataFrame) else [float(v) for v in np.asarray(fc["lower"]).ravel()],
                    hi95=[float(v) for v in fc["upper"]["95%"]] if isinstance(fc["upper"], pd.DataFrame) else [float(v) for v in np.asarray(fc["upper"]).ravel()])
        fits = []
        for (p, d, q), (P, D, Q), mean in FIXED:
            if m == 1 and (P or D or Q):
                continue
            try:
                g = arima(x, order=(p, d, q), seasonal={"order": (P, D, Q), "period": m},
                          include_mean=mean and d + D == 0, method="CSS-ML")
            except Exception as e:  # statsforecast refuses it (e.g. non-stationary CSS start)
                continue
            if not np.isfinite(g["loglik"]):  # statsforecast's optimizer left the admissible region
                continue
            fits.append(dict(order=dict(p=p, d=d, q=q, P=P, D=D, Q=Q, m=m), constant=bool(mean and d + D == 0),
                             logLikelihood=float(g["loglik"]), sigma2=float(g["sigma2"]),
                             exactLogLikelihood=exact_loglik(x, dict(p=p, d=d, q=q, P=P, D=D, Q=Q, m=m),
                                                             {k: float(v) for k, v in g["coef"].items()}),
                             coefficients={k: float(v) for k, v in g["coef"].items()}))
        out.append(dict(name=name, seasonalPeriod=m, values=[float(v) for v in x], auto=auto, fits=fits))
    print(json.dumps(dict(source="statsforecast 2.1.1 statsforecast.arima (auto_arima_f, arima, forecast_arima)",
                          series=out), indent=1))


if __name__ == "__main__":
    main()
