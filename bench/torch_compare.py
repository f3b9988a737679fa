#!/usr/bin/env python3
"""PyTorch (CPU, float64) on the same shapes as MultiGrad's JMH run, on the same machine and threads.

For each shape m x n: the Gramian G = J J^T (torch.mm) and the combination d = J^T w (torch.mv), and
for each m the MGDA min-norm solver on a precomputed G as LibMTL runs it (LibMTL/weighting/MGDA.py,
copied from Sener & Koltun's MinNormSolver: best-pair initialisation, then projected-gradient steps
with the two-point line search, MAX_ITER = 250, STOP_CRIT = 1e-5). Reports the ratio
PyTorch time / MultiGrad time, reading MultiGrad's times from the JMH CSV given with --ours.

J is filled exactly as org.multigrad.bench.BenchData fills it (splitmix64 of the index), so the solver
sees the same Gramian as the Java SolverBenchmark.
"""
import argparse
import csv
import os
import sys
import time

try:
    import torch
except ImportError:
    print("torch_compare: python3-torch is not installed; skipping the PyTorch comparison", file=sys.stderr)
    sys.exit(0)

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def uniform_tensor(index):
    """splitmix64(index) mapped to [-1, 1), vectorised on int64 tensors (wrapping arithmetic)."""
    z = index + torch.tensor(GOLDEN - (1 << 64), dtype=torch.int64)
    z = (z ^ logical_shift(z, 30)) * torch.tensor(0xBF58476D1CE4E5B9 - (1 << 64), dtype=torch.int64)
    z = (z ^ logical_shift(z, 27)) * torch.tensor(0x94D049BB133111EB - (1 << 64), dtype=torch.int64)
    z = z ^ logical_shift(z, 31)
    return logical_shift(z, 11).to(torch.float64) * 2.0 ** -52 - 1.0


def logical_shift(z, bits):
    return (z >> bits) & ((1 << (64 - bits)) - 1)


def jacobian(m, n):
    """Same values as BenchData.jacobian(m, n)."""
    rows = []
    columns = torch.arange(n, dtype=torch.int64)
    shared = uniform_tensor(columns)
    for i in range(m):
        own = uniform_tensor(columns + i * n + (GOLDEN - (1 << 64)))
        rows.append((1 + i % 3) * (0.5 * shared + own))
    return torch.stack(rows)


def solver_gramian(m):
    """Same as BenchData.gramian(m): the Gramian of a 4m+64-column Jacobian."""
    j = jacobian(m, 4 * m + 64)
    return j @ j.T


# ---- LibMTL MGDA solver (LibMTL/weighting/MGDA.py), operating on a precomputed Gramian ----
def _min_norm_element_from2(v1v1, v1v2, v2v2):
    if v1v2 >= v1v1:
        return 0.999, v1v1
    if v1v2 >= v2v2:
        return 0.001, v2v2
    gamma = -1.0 * ((v1v2 - v2v2) / (v1v1 + v2v2 - 2 * v1v2))
    cost = v2v2 + gamma * (v1v2 - v2v2)
    return gamma, cost


def _min_norm_2d(grad_mat):
    dmin = 1e8
    sol = None
    for i in range(grad_mat.size()[0]):
        for j in range(i + 1, grad_mat.size()[0]):
            c, d = _min_norm_element_from2(grad_mat[i, i], grad_mat[i, j], grad_mat[j, j])
            if d < dmin:
                dmin = d
                sol = [(i, j), c, d]
    return sol


def _projection2simplex(y):
    m = len(y)
    sorted_y = torch.sort(y, descending=True)[0]
    tmpsum = 0.0
    tmax_f = (torch.sum(y) - 1.0) / m
    for i in range(m - 1):
        tmpsum += sorted_y[i]
        tmax = (tmpsum - 1) / (i + 1.0)
        if tmax > sorted_y[i + 1]:
            tmax_f = tmax
            break
    return torch.max(y - tmax_f, torch.zeros(m, dtype=y.dtype))


def _next_point(cur_val, grad, n):
    proj_grad = grad - (torch.sum(grad) / n)
    tm1 = -1.0 * cur_val[proj_grad < 0] / proj_grad[proj_grad < 0]
    tm2 = (1.0 - cur_val[proj_grad > 0]) / (proj_grad[proj_grad > 0])
    t = torch.ones(1, dtype=grad.dtype)
    if (tm1 > 1e-7).sum() > 0:
        t = torch.min(tm1[tm1 > 1e-7])
    if (tm2 > 1e-7).sum() > 0:
        t = torch.min(t, torch.min(tm2[tm2 > 1e-7]))
    next_point = proj_grad * t + cur_val
    return _projection2simplex(next_point)


def libmtl_min_norm(grad_mat, max_iter=250, stop_crit=1e-5):
    init_sol = _min_norm_2d(grad_mat)
    n = grad_mat.size()[0]
    sol_vec = torch.zeros(n, dtype=grad_mat.dtype)
    sol_vec[init_sol[0][0]] = init_sol[1]
    sol_vec[init_sol[0][1]] = 1 - init_sol[1]
    if n < 3:
        return sol_vec
    iter_count = 0
    while iter_count < max_iter:
        iter_count += 1
        grad_dir = -1.0 * torch.mm(grad_mat, sol_vec.unsqueeze(1)).squeeze()
        new_point = _next_point(sol_vec, grad_dir, n)
        v1v1 = torch.sum(sol_vec.unsqueeze(1).repeat(1, n) * sol_vec.unsqueeze(0).repeat(n, 1) * grad_mat)
        v1v2 = torch.sum(sol_vec.unsqueeze(1).repeat(1, n) * new_point.unsqueeze(0).repeat(n, 1) * grad_mat)
        v2v2 = torch.sum(new_point.unsqueeze(1).repeat(1, n) * new_point.unsqueeze(0).repeat(n, 1) * grad_mat)
        nc, nd = _min_norm_element_from2(v1v1, v1v2, v2v2)
        new_sol_vec = nc * sol_vec + (1 - nc) * new_point
        change = new_sol_vec - sol_vec
        if torch.sum(torch.abs(change)) < stop_crit:
            return sol_vec
        sol_vec = new_sol_vec
    return sol_vec


def timed(call, warmup_s, measure_s):
    """Fastest of three batch means after a warm-up, as MultiGrad's AggregateBench does; a call
    slower than the whole measurement budget is timed twice and the faster kept."""
    end = time.perf_counter() + warmup_s
    first = time.perf_counter()
    call()
    first = time.perf_counter() - first
    if first > measure_s:
        start = time.perf_counter()
        call()
        return min(first, time.perf_counter() - start)
    while time.perf_counter() < end:
        call()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        calls = 0
        while True:
            call()
            calls += 1
            now = time.perf_counter()
            if now - start >= measure_s / 3:
                break
        best = min(best, (now - start) / calls)
    return best


def read_ours(path):
    """{(label, m, n): seconds} from a JMH CSV (AverageTime mode)."""
    units = {"s/op": 1.0, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}
    ours = {}
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["Benchmark"]
            if ":" in name:
                continue
            seconds = float(row["Score"]) * units[row["Unit"]]
            shape = row.get("Param: shape", "")
            if name.endswith("KernelBenchmark.gramian"):
                m, n = (int(v) for v in shape.split("x"))
                ours[("gramian", m, n)] = seconds
            elif name.endswith("KernelBenchmark.combine"):
                m, n = (int(v) for v in shape.split("x"))
                ours[("combine", m, n)] = seconds
            elif name.endswith("SolverBenchmark.solve") and row.get("Param: method") == "mgda":
                ours[("mgda solve", int(row["Param: m"]), 0)] = seconds
    return ours


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ours", required=True, help="JMH CSV of the MultiGrad run to compare with")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--shapes", default="2x1000000,10x1000000,40x1000000,100x1000000,10x10000000")
    parser.add_argument("--solver-m", default="2,10,40,100")
    parser.add_argument("--warmup", type=float, default=0.3)
    parser.add_argument("--time", type=float, default=0.9)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    ours = read_ours(args.ours)
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, float64")
    print("| op          |    m |         n |     PyTorch |   MultiGrad | PyTorch / MultiGrad |")
    print("|-------------|-----:|----------:|------------:|------------:|--------------------:|")

    def report(label, m, n, seconds):
        mine = ours.get((label, m, n))
        ratio = f"{seconds / mine:.2f}" if mine else "n/a (not in --ours)"
        print(f"| {label:<11} | {m:4d} | {n if n else '-':>9} | {fmt(seconds):>11} | {fmt(mine):>11} | {ratio:>19} |",
              flush=True)

    for text in args.shapes.split(","):
        m, n = (int(float(v)) for v in text.split("x"))
        j = jacobian(m, n)
        w = torch.full((m,), 1.0 / m, dtype=torch.float64)
        report("gramian", m, n, timed(lambda: torch.mm(j, j.t()), args.warmup, args.time))
        report("combine", m, n, timed(lambda: torch.mv(j.t(), w), args.warmup, args.time))
        del j
    for m in (int(v) for v in args.solver_m.split(",")):
        gramian = solver_gramian(m)
        report("mgda solve", m, 0, timed(lambda: libmtl_min_norm(gramian), args.warmup, args.time))


def fmt(seconds):
    if not seconds:
        return "n/a"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.2f} us"
    if seconds < 1:
        return f"{seconds * 1e3:.3f} ms"
    return f"{seconds:.3f} s"


if __name__ == "__main__":
    main()
