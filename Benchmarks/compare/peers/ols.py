"""Workload ols: least squares with intercept on the deterministic design file (WORKLOADS.md).

Run: python ols.py --peer statsmodels|sklearn|numpy-normal --design FILE --rows N --features P
"""
from common import now, read_design, run_main


def body(args):
    import numpy as np
    start = now()
    x, y = read_design(args.design, args.rows, args.features)
    load = now() - start
    start = now()
    if args.peer == "statsmodels":
        import statsmodels.api as sm
        fit = sm.OLS(y, sm.add_constant(x, prepend=True)).fit()  # default method: pinv
        coef = np.asarray(fit.params)
    elif args.peer == "sklearn":
        from sklearn.linear_model import LinearRegression
        model = LinearRegression().fit(x, y)
        coef = np.concatenate([[model.intercept_], model.coef_])
    else:  # normal equations with a Cholesky solve: the BLAS-bound route (XᵀX by one GEMM/SYRK)
        import scipy.linalg as la
        design = np.empty((args.rows, args.features + 1), order="F")
        design[:, 0] = 1.0
        design[:, 1:] = x
        gram = design.T @ design
        coef = la.cho_solve(la.cho_factor(gram), design.T @ y)
    compute = now() - start
    residual = y - coef[0] - x @ coef[1:]
    return load, compute, {"coefficients": [float(v) for v in coef], "rss": float(residual @ residual)}, {}


run_main("ols", ["statsmodels", "sklearn", "numpy-normal"], body)
