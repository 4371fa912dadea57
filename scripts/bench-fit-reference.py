"""Reference for `npm run bench`: the published Chinchilla fit method in scipy (Hoffmann et al. 2022 App. D.2;
Besiroglu et al. 2024), as a whole process — L-BFGS-B from every one of the 4,500 grid points on Epoch's data
(5 highest losses dropped), Σ Huber_δ=1e-3 of LSE(a − α·ln N, b − β·ln D, e) − ln L, analytic gradient.
Prints the best objective. Usage: python3 scripts/bench-fit-reference.py <svg_extracted_data.csv>
"""
import csv
import itertools
import sys

import numpy as np
from scipy.optimize import minimize
from scipy.special import huber, logsumexp

rows = list(csv.DictReader(open(sys.argv[1])))
N = np.array([float(r["Model Size"]) for r in rows])
C = np.array([float(r["Training FLOP"]) for r in rows])
L = np.array([float(r["loss"]) for r in rows])
keep = np.argsort(-L)[5:]
N, C, L = N[keep], C[keep], L[keep]
D = C / (6 * N)
lnN, lnD, y = np.log(N), np.log(D), np.log(L)
delta = 1e-3


def f(t):
    a, b, e, al, be = t
    terms = np.stack([a - al * lnN, b - be * lnD, np.full_like(lnN, e)])
    lse = logsumexp(terms, axis=0)
    r = lse - y
    w = np.exp(terms - lse)
    g = np.clip(r, -delta, delta)
    grad = np.array([(g * w[0]).sum(), (g * w[1]).sum(), (g * w[2]).sum(), -(g * w[0] * lnN).sum(), -(g * w[1] * lnD).sum()])
    return huber(delta, r).sum(), grad


best = np.inf
for a, b, e, al, be in itertools.product(range(0, 30, 5), range(0, 30, 5), np.arange(-1, 1.5, 0.5), np.arange(0, 2.5, 0.5), np.arange(0, 2.5, 0.5)):
    r = minimize(f, [a, b, e, al, be], jac=True, method="L-BFGS-B")
    if r.fun < best:
        best = r.fun
print(f"{best:.10e}")
