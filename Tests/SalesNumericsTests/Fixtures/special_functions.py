#!/usr/bin/env python3
"""Reference values for SalesNumerics' special functions and distributions.

Run from the package root:
    /work/pyenv/bin/python Tests/SalesNumericsTests/Fixtures/special_functions.py
It writes special_functions.json next to this script. Every value is computed by mpmath with
mp.dps = 50 from the exact binary64 argument (arguments are rounded to float first and written
with repr, so Swift reads back the identical double). Inverse functions (quantiles) are solved in
mpmath by Newton's method on the 50-digit forward function, started from SciPy's double-precision
answer; SciPy only supplies the starting point. Values are written as strings (repr of the
correctly rounded double; "inf"/"-inf" where the value overflows) and, for 2F1, also as log values.
Values below 1e-300 are left out (subnormal results are not part of the accuracy contract).
"""
import json
import math
import os
import sys
import time

import mpmath as mp
from scipy import special as sp

mp.mp.dps = 50
TINY = mp.mpf("1e-300")


def f(x):
    """Round to binary64 (the argument Swift sees) and return it as an exact mpf."""
    return mp.mpf(float(x))


def s(v):
    """A reference value as a string: the correctly rounded double (repr), or inf."""
    v = mp.mpf(v)
    if mp.isinf(v) or abs(v) > mp.mpf("1.7976931348623157e308"):
        return "inf" if v > 0 else "-inf"
    return repr(float(v))


def newton(func, deriv, x0, lo=None, hi=None, steps=60):
    """Newton's method at 50 digits (started from a double-precision guess)."""
    x = mp.mpf(x0)
    for _ in range(steps):
        fx = func(x)
        d = deriv(x)
        if d == 0:
            break
        nx = x - fx / d
        if lo is not None and nx <= lo:
            nx = (x + lo) / 2
        if hi is not None and nx >= hi:
            nx = (x + hi) / 2
        if abs(nx - x) <= abs(x) * mp.mpf("1e-40"):
            x = nx
            break
        x = nx
    return x


def gamma_p(a, x):
    try:
        return mp.gammainc(a, 0, x, regularized=True)
    except mp.libmp.NoConvergence:  # only where P is 1 to far beyond double precision
        return 1 - mp.gammainc(a, x, mp.inf, regularized=True)


def gamma_q(a, x):
    try:
        return mp.gammainc(a, x, mp.inf, regularized=True)
    except mp.libmp.NoConvergence:
        return 1 - mp.gammainc(a, 0, x, regularized=True)


def log_beta_term(a, b, x):
    """log of x^a (1-x)^b / (a B(a, b)): I_x(a, b) is within a modest factor of this below the mean."""
    return a * mp.log(x) + b * mp.log(1 - x) - mp.log(a) - mp.log(mp.beta(a, b))


def beta_i(a, b, x):
    # mpmath's hypercomb gives up on values below ~1e-1000; such tails are far below 1e-300
    # (they are left out of the fixture), so they are returned as 0 (and their complement as 1).
    if x < a / (a + b) and log_beta_term(a, b, x) < -2000:
        return mp.mpf(0)
    if x > a / (a + b) and log_beta_term(b, a, 1 - x) < -2000:
        return mp.mpf(1)
    return mp.betainc(a, b, 0, x, regularized=True)


def beta_j(a, b, x):
    return 1 - beta_i(a, b, x) if x < a / (a + b) else beta_i(b, a, 1 - x)


T0 = time.time()


def section(name):
    print("%7.1fs %s" % (time.time() - T0, name), file=sys.stderr)


out = {"generator": "special_functions.py (mpmath %s, mp.dps = 50; SciPy %s only for Newton starting points)"
       % (mp.__version__, __import__("scipy").__version__)}

# --- log-gamma, digamma, trigamma -------------------------------------------------------------
xs = [1e-300, 1e-100, 1e-10, 1e-3, 0.1, 0.5, 0.9, 0.999, 0.9999999, 1.0000001, 1.001, 1.25, 1.4616321449683622,
      1.46, 1.5, 1.999, 2.001, 2.5, 3, 7.5, 9.99, 10.01, 33.3, 100, 1234.5, 1e5, 1e10, 1e15,
      -0.5, -1.5, -2.25, -10.3, -100.7]
out["logGamma"] = [{"x": repr(float(x)), "value": s(mp.log(abs(mp.gamma(f(x))))),
                    "nearZero": bool(abs(float(x) - 1) < 1e-2 or abs(float(x) - 2) < 1e-2)} for x in xs]
out["digamma"] = [{"x": repr(float(x)), "value": s(mp.digamma(f(x))),
                   "nearRoot": bool(abs(float(x) - 1.4616321449683622) < 0.05 or float(x) < 0)} for x in xs if x < 1e15 or x > 0]
out["trigamma"] = [{"x": repr(float(x)), "value": s(mp.psi(1, f(x)))} for x in xs if x >= 1e-150 or x < 0]

section('log-beta')
# --- log-beta ------------------------------------------------------------------------------------
ab = [1e-10, 0.01, 0.5, 1, 2.5, 9.5, 10, 30, 1000, 1e5, 1e10]
out["logBeta"] = []
for a in ab:
    for b in ab:
        if b < a:
            continue
        v = mp.log(mp.beta(f(a), f(b)))
        out["logBeta"].append({"a": repr(float(a)), "b": repr(float(b)), "value": s(v)})

section('regularized incomplete gamma')
# --- regularized incomplete gamma ------------------------------------------------------------------
out["incompleteGamma"] = []
for a in [1e-3, 0.1, 0.5, 1, 2.5, 10, 50.5, 300, 1e4, 1e5]:
    xs = [a * m for m in [1e-3, 0.1, 0.5, 0.9, 0.99, 1, 1.01, 1.1, 1.5, 2, 5, 20]] + [0.01, 1, 10, 100, 600]
    for x in sorted(set(float(x) for x in xs)):
        A, X = f(a), f(x)
        p, q = gamma_p(A, X), gamma_q(A, X)
        out["incompleteGamma"].append({"a": repr(float(a)), "x": repr(x), "p": s(p) if p > TINY else None,
                                       "q": s(q) if q > TINY else None})

section("inverse gamma")
out["inverseGamma"] = []
ps = [1e-300, 1e-100, 1e-12, 1e-6, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-6, 1 - 1e-12]
for a in [1e-2, 0.5, 1, 3.5, 30, 1000, 1e5]:
    for p in ps:
        P = f(p)
        Q = 1 - P
        A = f(a)
        x0 = sp.gammaincinv(float(a), p) if p <= 0.5 else sp.gammainccinv(float(a), float(Q))
        if not (x0 > 0 and math.isfinite(x0)):
            continue
        dens = lambda x: mp.exp((A - 1) * mp.log(x) - x - mp.loggamma(A))
        if p <= 0.5:
            x = newton(lambda x: gamma_p(A, x) - P, dens, x0, lo=0)
        else:
            x = newton(lambda x: Q - gamma_q(A, x), dens, x0, lo=0)
        out["inverseGamma"].append({"a": repr(float(a)), "p": repr(float(p)), "value": s(x)})

section('regularized incomplete beta')
# --- regularized incomplete beta ----------------------------------------------------------------------
out["incompleteBeta"] = []
shapes = [0.01, 0.5, 1, 2.5, 10, 40, 1000]
# Large shapes only paired with small ones and at (2000, 3000): mpmath needs minutes for two shapes of 1e4 near the mean.
pairs = [(a, b) for a in shapes for b in shapes] + [(1e5, 0.5), (0.5, 1e5), (1e5, 3), (30, 1e5), (2000, 3000)]
for a, b in pairs:
    if True:
        for x in [1e-10, 1e-3, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999999]:
            A, B, X = f(a), f(b), f(x)
            i, j = beta_i(A, B, X), beta_j(A, B, X)
            out["incompleteBeta"].append({"a": repr(float(a)), "b": repr(float(b)), "x": repr(float(x)),
                                          "value": s(i) if i > TINY else None,
                                          "complement": s(j) if j > TINY else None})
        # points at the mean, where the continued fraction is slowest
        m = float(a) / (float(a) + float(b))
        if 0 < m < 1:
            A, B, X = f(a), f(b), f(m)
            i, j = beta_i(A, B, X), beta_j(A, B, X)
            out["incompleteBeta"].append({"a": repr(float(a)), "b": repr(float(b)), "x": repr(m),
                                          "value": s(i) if i > TINY else None,
                                          "complement": s(j) if j > TINY else None})

section("inverse beta")
out["inverseBeta"] = []
for a in [0.05, 0.5, 1, 3, 20, 500]:
    for b in [0.05, 0.5, 1, 3, 20, 500]:
        for p in [1e-12, 1e-6, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-6, 1 - 1e-12]:
            A, B, P = f(a), f(b), f(p)
            Q = 1 - P
            x0 = sp.betaincinv(float(a), float(b), float(p))
            if not (0 < x0 < 1):
                continue
            dens = lambda x: mp.exp((A - 1) * mp.log(x) + (B - 1) * mp.log(1 - x) - mp.log(mp.beta(A, B)))
            if p <= 0.5:
                x = newton(lambda x: beta_i(A, B, x) - P, dens, x0, lo=0, hi=1)
            else:
                x = newton(lambda x: Q - beta_j(A, B, x), dens, x0, lo=0, hi=1)
            if x < TINY:
                continue
            out["inverseBeta"].append({"a": repr(float(a)), "b": repr(float(b)), "p": repr(float(p)), "value": s(x)})

section('distributions')
# --- distributions ---------------------------------------------------------------------------------
def ncdf(z):
    return mp.erfc(-z / mp.sqrt(2)) / 2


out["normal"] = []
for z in [-37.5, -37, -30, -20, -10, -8, -5, -3, -1.5, -1, -0.5, -1e-5, 0, 1e-5, 0.5, 1, 1.5, 3, 5, 8, 10, 20, 30, 37, 37.5]:
    Z = f(z)
    c, sv = ncdf(Z), ncdf(-Z)
    out["normal"].append({"x": repr(float(z)), "cdf": s(c) if c > TINY else None, "survival": s(sv) if sv > TINY else None,
                          "logPDF": s(-Z * Z / 2 - mp.log(mp.sqrt(2 * mp.pi)))})
out["normalQuantile"] = []
for p in [1e-300, 1e-100, 1e-20, 1e-12, 1e-6, 0.001, 0.02, 0.075, 0.1, 0.3, 0.5, 0.6, 0.925, 0.975, 0.999, 1 - 1e-6, 1 - 1e-12, 1 - 2**-53]:
    P = f(p)
    Q = 1 - P
    x0 = float(sp.ndtri(float(p)))
    dens = lambda z: mp.exp(-z * z / 2) / mp.sqrt(2 * mp.pi)
    if p <= 0.5:
        x = newton(lambda z: ncdf(z) - P, dens, x0)
    else:
        x = newton(lambda z: Q - ncdf(-z), dens, x0)
    out["normalQuantile"].append({"p": repr(float(p)), "value": s(x)})


def t_tail(nu, t):  # P(T > t) for t >= 0
    return beta_i(nu / 2, mp.mpf(1) / 2, nu / (nu + t * t)) / 2


def t_cdf(nu, t):
    return t_tail(nu, -t) if t < 0 else 1 - t_tail(nu, t)


def t_pdf(nu, t):
    return mp.exp(mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2) - mp.log(nu * mp.pi) / 2 - (nu + 1) / 2 * mp.log(1 + t * t / nu))


section('out["studentT"] = []')
out["studentT"] = []
out["studentTQuantile"] = []
for nu in [0.5, 1, 2, 3, 7.5, 30, 1000, 1e6]:
    NU = f(nu)
    for t in [-1e30, -1e10, -1e5, -100, -20, -5, -2, -1, -0.1, 0, 0.1, 1, 2, 5, 20, 100, 1e5, 1e10, 1e30]:
        T = f(t)
        c = t_cdf(NU, T)
        sv = t_cdf(NU, -T)
        out["studentT"].append({"df": repr(float(nu)), "x": repr(float(t)), "cdf": s(c) if c > TINY else None,
                                "survival": s(sv) if sv > TINY else None, "logPDF": s(mp.log(t_pdf(NU, T)))})
    for p in [1e-12, 1e-6, 0.001, 0.025, 0.3, 0.5, 0.6, 0.975, 0.999, 1 - 1e-6, 1 - 1e-12]:
        P = f(p)
        Q = 1 - P
        x0 = float(sp.stdtrit(float(nu), float(p)))
        if P < 0.5:
            x = newton(lambda t: t_tail(NU, -t) - P, lambda t: t_pdf(NU, t), x0, hi=0)
        elif P > 0.5:
            x = newton(lambda t: Q - t_tail(NU, t), lambda t: t_pdf(NU, t), x0, lo=0)
        else:
            x = mp.mpf(0)
        out["studentTQuantile"].append({"df": repr(float(nu)), "p": repr(float(p)), "value": s(x)})

section('out["chiSquared"] = []')
out["chiSquared"] = []
out["chiSquaredQuantile"] = []
for k in [0.5, 1, 2, 3, 10, 57, 1000, 1e4]:
    K = f(k)
    for x in sorted(set([1e-10, 1e-3, 0.1, 0.5, 1, 2, 5, 10, 50, 100, 500, 1000, 1400, k / 2, k, 1.5 * k, 3 * k])):
        X = f(x)
        c, sv = gamma_p(K / 2, X / 2), gamma_q(K / 2, X / 2)
        lp = (K / 2 - 1) * mp.log(X) - X / 2 - K / 2 * mp.log(2) - mp.loggamma(K / 2)
        out["chiSquared"].append({"df": repr(float(k)), "x": repr(float(x)), "cdf": s(c) if c > TINY else None,
                                  "survival": s(sv) if sv > TINY else None, "logPDF": s(lp)})
    for p in [1e-12, 1e-6, 0.001, 0.05, 0.5, 0.95, 0.999, 1 - 1e-6, 1 - 1e-12]:
        P = f(p)
        Q = 1 - P
        x0 = float(sp.chdtri(float(k), float(Q))) if p > 0.5 else 2 * float(sp.gammaincinv(float(k) / 2, float(p)))
        dens = lambda x: mp.exp((K / 2 - 1) * mp.log(x) - x / 2 - K / 2 * mp.log(2) - mp.loggamma(K / 2))
        if p <= 0.5:
            x = newton(lambda x: gamma_p(K / 2, x / 2) - P, dens, x0, lo=0)
        else:
            x = newton(lambda x: Q - gamma_q(K / 2, x / 2), dens, x0, lo=0)
        out["chiSquaredQuantile"].append({"df": repr(float(k)), "p": repr(float(p)), "value": s(x)})

section('out["fisherF"] = []')
out["fisherF"] = []
out["fisherFQuantile"] = []
for d1, d2 in [(1, 1), (1, 10), (2, 5), (5, 2), (3, 30), (10, 100), (0.7, 4.5), (50, 1000), (1000, 1000)]:
    D1, D2 = f(d1), f(d2)
    xf = lambda F: D1 * F / (D1 * F + D2)
    logpdf = lambda F: (D1 / 2) * mp.log(xf(F)) + (D2 / 2) * mp.log(D2 / (D1 * F + D2)) - mp.log(F) - mp.log(mp.beta(D1 / 2, D2 / 2))
    for F in [1e-20, 1e-6, 0.01, 0.2, 0.5, 1, 1.5, 3, 10, 100, 1e4, 1e8, 1e20]:
        FF = f(F)
        c, sv = beta_i(D1 / 2, D2 / 2, xf(FF)), beta_j(D1 / 2, D2 / 2, xf(FF))
        out["fisherF"].append({"d1": repr(float(d1)), "d2": repr(float(d2)), "x": repr(float(F)),
                               "cdf": s(c) if c > TINY else None, "survival": s(sv) if sv > TINY else None,
                               "logPDF": s(logpdf(FF))})
    for p in [1e-12, 1e-6, 0.01, 0.05, 0.5, 0.95, 0.99, 1 - 1e-6, 1 - 1e-12]:
        P = f(p)
        Q = 1 - P
        x0 = float(sp.fdtri(float(d1), float(d2), float(p)))
        dens = lambda F: mp.exp(logpdf(F))
        if p <= 0.5:
            x = newton(lambda F: beta_i(D1 / 2, D2 / 2, xf(F)) - P, dens, x0, lo=0)
        else:
            x = newton(lambda F: Q - beta_j(D1 / 2, D2 / 2, xf(F)), dens, x0, lo=0)
        out["fisherFQuantile"].append({"d1": repr(float(d1)), "d2": repr(float(d2)), "p": repr(float(p)), "value": s(x)})

section('Gauss')
# --- Gauss hypergeometric 2F1 ------------------------------------------------------------------------
def h(a, b, c, z, kind):
    A, B, C, Z = f(a), f(b), f(c), f(z)
    try:
        v = mp.hyp2f1(A, B, C, Z)
    except ValueError:  # value indistinguishable from 0 at any precision mpmath tries: no reference
        return None
    return {"a": repr(float(a)), "b": repr(float(b)), "c": repr(float(c)), "z": repr(float(z)), "kind": kind,
            "value": s(v), "log": s(mp.log(v)) if v > 0 else None}


out["hypergeometric2F1"] = []
# BG/NBD: a = r + x, b = beta + x, c = alpha' + beta + x - 1, z = t / (alpha + T + t).
for r, am, bm, alpha in [(0.243, 0.793, 2.426, 4.414), (1.5, 2.0, 5.0, 10.0), (0.05, 0.3, 0.4, 1.0)]:
    for x in [0, 1, 2, 7, 25, 100, 300]:
        for T, t in [(38.86, 39), (30, 1), (10, 100), (1, 1000), (39, 3000)]:
            z = t / (alpha + T + t)
            out["hypergeometric2F1"].append(h(r + x, bm + x, am + bm + x - 1, z, "bgnbd"))
        out["hypergeometric2F1"].append(h(r + x, bm + x, am + bm + x - 1, 0.99, "bgnbd"))
        out["hypergeometric2F1"].append(h(r + x, bm + x, am + bm + x - 1, 0.5, "bgnbd"))
# General grid.
for a in [-2.5, -2, 0.5, 1, 3.7, 20]:
    for b in [0.25, 1, 6.5]:
        for c in [0.5, 2.3, 10, 50]:
            for z in [-5, -0.9, -0.3, 0.2, 0.6, 0.9, 0.99]:
                point = h(a, b, c, z, "general")
                if point is not None:
                    out["hypergeometric2F1"].append(point)

section('path = os.path')
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "special_functions.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
print("wrote", path, {k: len(v) for k, v in out.items() if isinstance(v, list)})
