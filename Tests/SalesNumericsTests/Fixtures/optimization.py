"""Reference optima for Tests/SalesNumericsTests/OptimizationTests.swift.

Run from the repository root:
    /work/pyenv/bin/python Tests/SalesNumericsTests/Fixtures/optimization.py
It rewrites Tests/SalesNumericsTests/Fixtures/optimization.json next to this script.

Peers: scipy.optimize.minimize(method="L-BFGS-B") (the Byrd-Lu-Nocedal-Zhu Fortran code, v3.0)
for the bounded problems, and scipy.optimize.minimize(method="trust-exact") with the analytic
Hessian for the logistic log-likelihood (cross-checked against statsmodels Logit).
"""
import json
import pathlib

import numpy as np
import scipy
import scipy.optimize as so
import statsmodels.api as sm

TIGHT = dict(ftol=0.0, gtol=1e-11, maxiter=10_000, maxfun=100_000, maxcor=10)


def rosenbrock(x):
    a = x[1:] - x[:-1] ** 2
    b = 1 - x[:-1]
    f = np.sum(100 * a * a + b * b)
    g = np.zeros_like(x)
    g[:-1] += -400 * x[:-1] * a - 2 * b
    g[1:] += 200 * a
    return f, g


def driver1(x):
    """The bounded test problem of the L-BFGS-B distribution's driver1.f (Zhu, Byrd, Lu, Nocedal):
    f = 0.25 (x1 - 1)^2 + sum_{i>=2} 4 (x_i - x_{i-1}^2)^2."""
    t = x[1:] - x[:-1] ** 2
    f = 0.25 * (x[0] - 1) ** 2 + 4 * np.sum(t * t)
    g = np.zeros_like(x)
    g[0] = 0.5 * (x[0] - 1)
    g[:-1] += -16 * x[:-1] * t
    g[1:] += 8 * t
    return f, g


def lbfgsb_case(name, fun, x0, lower, upper):
    res = so.minimize(fun, x0, jac=True, method="L-BFGS-B", bounds=list(zip(lower, upper)), options=TIGHT)
    lo, hi = np.array(lower), np.array(upper)
    pg = np.max(np.abs(np.clip(res.x - res.jac, lo, hi) - res.x))
    return {
        "name": name,
        "start": list(map(float, x0)),
        "lower": [float(v) if np.isfinite(v) else None for v in lower],
        "upper": [float(v) if np.isfinite(v) else None for v in upper],
        "x": list(map(float, res.x)),
        "value": float(res.fun),
        "projectedGradientNorm": float(pg),
        "atLower": [i for i in range(len(x0)) if res.x[i] == lower[i]],
        "atUpper": [i for i in range(len(x0)) if res.x[i] == upper[i]],
        "scipyMessage": str(res.message),
    }


def logistic_case():
    rng = np.random.default_rng(20240607)
    n = 60
    x1 = rng.normal(size=n)
    x2 = rng.uniform(-2, 2, size=n)
    X = np.column_stack([np.ones(n), x1, x2])
    eta = -0.4 + 1.1 * x1 - 0.7 * x2
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-eta))).astype(float)

    def negloglik(b):
        z = X @ b
        return np.sum(np.logaddexp(0, z) - y * z)

    def grad(b):
        p = 1 / (1 + np.exp(-(X @ b)))
        return X.T @ (p - y)

    def hess(b):
        p = 1 / (1 + np.exp(-(X @ b)))
        return X.T @ (X * (p * (1 - p))[:, None])

    res = so.minimize(negloglik, np.zeros(3), jac=grad, hess=hess, method="trust-exact", options=dict(gtol=1e-13))
    sm_fit = sm.Logit(y, X).fit(method="newton", tol=1e-14, disp=0)
    assert np.max(np.abs(res.x - sm_fit.params)) < 1e-9, (res.x, sm_fit.params)
    return {
        "rows": [list(map(float, r)) for r in X],
        "y": list(map(float, y)),
        "coefficients": list(map(float, res.x)),
        "negativeLogLikelihood": float(res.fun),
        "gradientNorm": float(np.max(np.abs(grad(res.x)))),
        "statsmodelsCoefficients": list(map(float, sm_fit.params)),
    }


def main():
    inf = np.inf
    n = 25
    driver_lower = [1.0 if i % 2 == 0 else -100.0 for i in range(n)]
    driver_upper = [100.0] * n
    cases = [
        lbfgsb_case("rosenbrock2DUpperActive", rosenbrock, [-1.2, 1.0], [-2.0, -1.0], [0.5, 2.0]),
        lbfgsb_case(
            "rosenbrock6DMixed", rosenbrock, [-1.2, 1.0, -1.2, 1.0, -1.2, 1.0],
            [-inf, 1.2, -inf, -inf, 0.0, -inf], [0.8, inf, inf, 0.9, inf, 1.5]),
        lbfgsb_case("lbfgsbDriver1", driver1, [3.0] * n, driver_lower, driver_upper),
    ]
    out = {
        "generator": "Tests/SalesNumericsTests/Fixtures/optimization.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "statsmodels": sm.__version__ if hasattr(sm, "__version__") else "unknown"},
        "lbfgsb": cases,
        "logistic": logistic_case(),
    }
    path = pathlib.Path(__file__).with_name("optimization.json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    for c in cases:
        print(c["name"], c["value"], c["projectedGradientNorm"], c["atLower"], c["atUpper"], c["scipyMessage"])
    print("logistic", out["logistic"]["coefficients"], out["logistic"]["gradientNorm"])


if __name__ == "__main__":
    main()
