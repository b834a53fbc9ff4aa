"""Reference values for the SalesModels tests (linear and logistic regression, metrics).

Run from the package root with the project's Python environment:

    /work/pyenv/bin/python Tests/SalesModelsTests/Fixtures/regression_fixtures.py

It writes regression_fixtures.json next to this script. Peers: statsmodels 0.15 (OLS, WLS, Logit),
scikit-learn 1.9 (Ridge, L2 logistic regression, metrics), numpy/scipy (Firth). Data: datasets that ship
with statsmodels (longley, ccard, spector) and small fixed vectors written out below.
"""
import json
import pathlib

import numpy as np
import scipy.optimize
import statsmodels.api as sm
from sklearn import metrics
from sklearn.linear_model import LogisticRegression as SkLogit


def ols_case(name, frame, response, features):
    y = frame[response].to_numpy(float)
    x = frame[features].to_numpy(float)
    res = sm.OLS(y, sm.add_constant(x, prepend=True)).fit()
    return {
        "name": name, "features": features, "x": x.tolist(), "y": y.tolist(),
        "params": res.params.tolist(), "bse": res.bse.tolist(),
        "HC0": res.HC0_se.tolist(), "HC1": res.HC1_se.tolist(),
        "HC2": res.HC2_se.tolist(), "HC3": res.HC3_se.tolist(),
        "tvalues": res.tvalues.tolist(), "pvalues": res.pvalues.tolist(),
        "conf_int95": res.conf_int(0.05).tolist(),
        "fvalue": float(res.fvalue), "f_pvalue": float(res.f_pvalue),
        "aic": float(res.aic), "bic": float(res.bic), "llf": float(res.llf),
        "rsquared": float(res.rsquared), "rsquared_adj": float(res.rsquared_adj),
        "scale": float(res.scale), "condition_number": float(res.condition_number),
        # Prediction at the first three rows: mean, 95% confidence and prediction intervals.
        "predict": _predictions(res, sm.add_constant(x, prepend=True)[:3]),
    }


def wls_case(name, frame, response, features, weight_column):
    y = frame[response].to_numpy(float)
    x = frame[features].to_numpy(float)
    w = 1.0 / frame[weight_column].to_numpy(float)
    res = sm.WLS(y, sm.add_constant(x, prepend=True), weights=w).fit()
    return {
        "name": name, "features": features, "x": x.tolist(), "y": y.tolist(), "weights": w.tolist(),
        "params": res.params.tolist(), "bse": res.bse.tolist(), "HC0": res.HC0_se.tolist(),
        "HC3": res.HC3_se.tolist(), "llf": float(res.llf), "aic": float(res.aic),
        "rsquared": float(res.rsquared), "fvalue": float(res.fvalue),
    }


def ridge_case(name, frame, response, features, lam):
    # sklearn's Ridge with fit_intercept=True centres the data, which leaves the intercept
    # unpenalized: the same minimizer as ‖y − β₀ − Xβ‖² + λ‖β‖².
    from sklearn.linear_model import Ridge
    y = frame[response].to_numpy(float)
    x = frame[features].to_numpy(float)
    model = Ridge(alpha=lam, fit_intercept=True, solver="cholesky").fit(x, y)
    return {"name": name, "features": features, "x": x.tolist(), "y": y.tolist(), "lambda": lam,
            "intercept": float(model.intercept_), "coef": model.coef_.tolist()}


def _predictions(res, exog):
    frame = res.get_prediction(exog).summary_frame(alpha=0.05)
    return {
        "mean": frame["mean"].tolist(),
        "mean_ci_lower": frame["mean_ci_lower"].tolist(), "mean_ci_upper": frame["mean_ci_upper"].tolist(),
        "obs_ci_lower": frame["obs_ci_lower"].tolist(), "obs_ci_upper": frame["obs_ci_upper"].tolist(),
    }


def logit_case(name, x, y, features, offset=None):
    exog = sm.add_constant(x, prepend=True)
    res = sm.Logit(y, exog, offset=offset).fit(method="newton", tol=1e-14, maxiter=100, disp=0)
    return {
        "name": name, "features": features, "x": x.tolist(), "y": y.tolist(),
        "offset": None if offset is None else offset.tolist(),
        "params": res.params.tolist(), "bse": res.bse.tolist(), "pvalues": res.pvalues.tolist(),
        "conf_int95": res.conf_int(0.05).tolist(),
        "llf": float(res.llf), "llnull": float(res.llnull), "prsquared": float(res.prsquared),
        "aic": float(res.aic), "bic": float(res.bic),
    }


def sklearn_l2_case(name, x, y, lam, class_weight=None):
    # sklearn minimizes C·Σ wᵢ·loss_i + ½‖β‖² without penalizing the intercept (lbfgs solver),
    # the same minimizer as Σ wᵢ·loss_i + (λ/2)‖β‖² with λ = 1/C.
    model = SkLogit(C=1.0 / lam, l1_ratio=0.0, solver="lbfgs", tol=1e-12, max_iter=100000,
                    class_weight=class_weight)
    model.fit(x, y)
    return {
        "name": name, "x": x.tolist(), "y": y.tolist(), "lambda": lam,
        "class_weight": None if class_weight is None else {str(k): v for k, v in class_weight.items()},
        "intercept": float(model.intercept_[0]), "coef": model.coef_[0].tolist(),
    }


def firth_newton(x, y, tol=1e-12, maxiter=200):
    """Firth's penalized likelihood by the modified-score Newton iteration with step halving
    (Heinze & Schemper 2002): U*(β) = Xᵀ(y − p + h(½ − p)), step I(β)⁻¹U*."""
    beta = np.zeros(x.shape[1])

    def penalized(b):
        eta = x @ b
        p = 1 / (1 + np.exp(-eta))
        info = x.T @ (x * (p * (1 - p))[:, None])
        return np.sum(y * eta - np.logaddexp(0, eta)) + 0.5 * np.linalg.slogdet(info)[1]

    for _ in range(maxiter):
        p = 1 / (1 + np.exp(-(x @ beta)))
        w = p * (1 - p)
        info = x.T @ (x * w[:, None])
        inv = np.linalg.inv(info)
        h = np.einsum("ij,jk,ik->i", x, inv, x) * w
        step = inv @ (x.T @ (y - p + h * (0.5 - p)))
        current = penalized(beta)
        t = 1.0
        while penalized(beta + t * step) < current - 1e-12 and t > 1e-10:
            t /= 2
        beta = beta + t * step
        if np.max(np.abs(t * step)) < tol:
            break
    p = 1 / (1 + np.exp(-(x @ beta)))
    info = x.T @ (x * (p * (1 - p))[:, None])
    return beta, np.sqrt(np.diag(np.linalg.inv(info))), penalized(beta)


def firth_case():
    # Quasi-complete separation: every row with `flag` = 1 is a success, so the ordinary MLE of
    # the flag coefficient is +∞; Firth's estimate is finite.
    x1 = np.array([0.5, 1.2, -0.3, 2.1, 0.8, -1.5, 1.9, 0.1, -0.7, 1.4,
                   0.9, -0.2, 1.1, -1.1, 0.4, 2.5, -0.9, 0.6, 1.7, -0.4])
    flag = np.array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0], float)
    y = np.array([0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0], float)
    features = np.column_stack([x1, flag])
    exog = np.column_stack([np.ones(len(y)), features])
    beta, se, pll = firth_newton(exog, y)

    # Independent check: maximize the penalized likelihood directly with BFGS.
    def negative(b):
        eta = exog @ b
        p = 1 / (1 + np.exp(-eta))
        info = exog.T @ (exog * (p * (1 - p))[:, None])
        return -(np.sum(y * eta - np.logaddexp(0, eta)) + 0.5 * np.linalg.slogdet(info)[1])
    direct = scipy.optimize.minimize(negative, np.zeros(3), method="BFGS", options={"gtol": 1e-10})
    assert np.allclose(direct.x, beta, atol=1e-5), (direct.x, beta)
    return {"name": "quasi-separated", "features": ["x1", "flag"], "x": features.tolist(), "y": y.tolist(),
            "params": beta.tolist(), "bse": se.tolist(), "penalized_loglik": float(pll)}


def metrics_case():
    y = np.array([1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 1])
    # Scores with ties, including ties across the two classes (0.7, 0.4, 0.55).
    p = np.array([0.9, 0.1, 0.7, 0.7, 0.4, 0.7, 0.55, 0.2, 0.8, 0.55,
                  0.4, 0.95, 0.3, 0.05, 0.6, 0.4, 0.15, 0.85, 0.5, 0.35])
    pred = (p >= 0.5).astype(int)
    actual = np.array([120.0, 95.0, 0.0, 210.0, 180.0, 0.0, 75.0, 160.0])
    forecast = np.array([110.0, 100.0, 5.0, 190.0, 200.0, 3.0, 80.0, 150.0])
    nonzero = actual != 0
    logit_p = np.log(p / (1 - p))
    recal = sm.Logit(y, sm.add_constant(logit_p)).fit(method="newton", tol=1e-14, disp=0)
    return {
        "y": y.tolist(), "p": p.tolist(),
        "roc_auc": float(metrics.roc_auc_score(y, p)),
        "average_precision": float(metrics.average_precision_score(y, p)),
        "log_loss": float(metrics.log_loss(y, p)),
        "brier": float(metrics.brier_score_loss(y, p)),
        "threshold": 0.5,
        "confusion": metrics.confusion_matrix(y, pred).tolist(),  # [[tn, fp], [fn, tp]]
        "precision": float(metrics.precision_score(y, pred)),
        "recall": float(metrics.recall_score(y, pred)),
        "f1": float(metrics.f1_score(y, pred)),
        "calibration_intercept": float(recal.params[0]), "calibration_slope": float(recal.params[1]),
        "actual": actual.tolist(), "forecast": forecast.tolist(),
        "r2": float(metrics.r2_score(actual, forecast)),
        "mae": float(metrics.mean_absolute_error(actual, forecast)),
        "rmse": float(np.sqrt(metrics.mean_squared_error(actual, forecast))),
        # MAPE over the non-zero actuals only (sklearn would divide by eps for the zeros).
        "mape_nonzero": float(metrics.mean_absolute_percentage_error(actual[nonzero], forecast[nonzero])),
    }


def main():
    longley = sm.datasets.longley.load_pandas().data
    ccard = sm.datasets.ccard.load_pandas().data
    spector = sm.datasets.spector.load_pandas().data
    sx = spector[["GPA", "TUCE", "PSI"]].to_numpy(float)
    sy = spector["GRADE"].to_numpy(float)
    out = {
        "ols": [
            ols_case("longley", longley, "TOTEMP", ["GNPDEFL", "GNP", "UNEMP", "ARMED", "POP", "YEAR"]),
            # Greene's credit-card expenditure data, his example for heteroscedasticity-robust SEs.
            ols_case("ccard", ccard, "AVGEXP", ["AGE", "INCOME", "INCOMESQ", "OWNRENT"]),
        ],
        "wls": [wls_case("ccard-wls", ccard, "AVGEXP", ["AGE", "INCOME", "INCOMESQ", "OWNRENT"], "INCOME")],
        "ridge": [ridge_case("ccard-ridge", ccard, "AVGEXP", ["AGE", "INCOME", "INCOMESQ", "OWNRENT"], 10.0)],
        "logit": [
            logit_case("spector", sx, sy, ["GPA", "TUCE", "PSI"]),
            logit_case("spector-offset", sx, sy, ["GPA", "TUCE", "PSI"], offset=0.1 * sx[:, 1] - 2.0),
        ],
        "sklearn_l2": [
            sklearn_l2_case("spector-l2", sx, sy, 1.0),
            sklearn_l2_case("spector-l2-classweight", sx, sy, 0.5, {0: 1.0, 1: 2.5}),
        ],
        "firth": [firth_case()],
        "metrics": metrics_case(),
    }
    path = pathlib.Path(__file__).with_suffix(".json")
    path.write_text(json.dumps(out) + "\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
