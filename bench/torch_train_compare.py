#!/usr/bin/env python3
"""PyTorch's own multi-task training step for MultiGrad's models, timed (the reference side of bench/train_compare.sh).

Models (--model), as multigrad-djl's `Models.create(name, m, 10)` builds them:
  lenet     trunk conv 5x5 (10) -> max-pool 2 -> ReLU -> conv 5x5 (20) -> max-pool 2 -> ReLU ->
            flatten (320) -> linear 50 -> ReLU (21,330 shared parameters); heads linear 50 -> ReLU
            -> linear 10 (m = 2 by default);
  mlp-wide  trunk flatten 784 -> linear 1024 -> ReLU -> linear 1024 -> ReLU (1,853,440 shared
            parameters); heads one linear layer 1024 -> 10 (m = --tasks).
Mean cross-entropy per task; inputs 1x28x28 random normal images (Fashion-MNIST's and MultiMNIST's
shape) with labels uniform over 10 classes per task, 16 pre-drawn batches cycled (the values do not
change the cost of a step); Adam (lr 1e-3, PyTorch defaults).

Steps, as a PyTorch user (LibMTL, LibMTL/weighting/abstract_weighting.py) writes them:
  ew    one forward, loss = mean of the task losses, one backward, optimizer step;
  mgda  one forward; per task: backward with retain_graph=True, copy the shared parameters'
        gradients into row i of G's Jacobian (torch.cat of p.grad), zero them (LibMTL
        `_compute_grad`, mode 'backward'); G = J J^T; weights by LibMTL's MinNormSolver
        (bench/torch_compare.py `libmtl_min_norm`; for two tasks its closed-form pair step);
        d = sum_i w_i J_i written back as the shared parameters' .grad (`_reset_grad`); heads keep
        their own task's gradient; optimizer step.
  cagrad    as mgda, with LibMTL's CAGrad weighting (LibMTL/weighting/CAGrad.py, calpha 0.5,
            rescale 1): G = J J^T, w by scipy.optimize.minimize (SLSQP) of
            w^T G b + c sqrt(w^T G w) on the simplex (b = 1/m, c = calpha sqrt(mean(G))),
            d = (mean_i J_i + c / ||J^T w|| J^T w) / (1 + calpha^2).
  nash-mtl  LibMTL's Nash_MTL (LibMTL/weighting/Nash_MTL.py, max_norm 1, update_weights_every 1,
            optim_niter 20): per task torch.autograd.grad(loss_i, shared, retain_graph=True)
            concatenated into J (mode 'autograd'); G = J J^T / ||J J^T||_F; alpha by LibMTL's
            sequential convex approximation of G alpha = 1/alpha (each subproblem: minimise
            sum(G a) + phi'(a_prev).(a - a_prev)/||G||_F subject to log(a_i ||G||_F) + log((G a)_i) >= 0,
            a >= 0, at most 20 rounds, LibMTL's stopping rule); LibMTL solves the subproblem with
            cvxpy/ECOS, which Debian does not package, so here scipy's SLSQP solves the same
            subproblem; then, as LibMTL does, one more backward of sum(alpha_i loss_i) through the
            whole model and clip_grad_norm_(shared, 1.0). That last backward is reported as the
            part "weighted_backward".
Each step also reads the task losses to the host (as a training loop does for logging).

Alone it prints one JSON object: mean and median ms per timed step and the mean of each part. With
--against multigrad.jar it drives MultiGrad's side too (org.multigrad.djl.StepTiming --serve, the same
model, m, batch, Adam and input shapes; `mean` for ew, which steps with one trunk backward; the
registry's mgda, cagrad and nash-mtl at their defaults) and
alternates blocks of steps between the two processes, so that the load of a shared machine falls on
both alike; it prints the median over blocks of MultiGrad's / PyTorch's median step time.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:
    print("torch_train_compare: python3-torch is not installed (apt-get install -y python3-torch)", file=sys.stderr)
    sys.exit(3)

from torch_compare import libmtl_min_norm  # noqa: E402  (LibMTL's MGDA solver, shared with the kernel comparison)


class Trunk(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=5)
        self.fc = nn.Linear(320, 50)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2(x), 2))
        return F.relu(self.fc(torch.flatten(x, 1)))


class Head(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.fc1 = nn.Linear(50, 50)
        self.fc2 = nn.Linear(50, classes)

    def forward(self, z):
        return self.fc2(F.relu(self.fc1(z)))


class WideTrunk(nn.Module):
    """mlp-wide's trunk: 784 -> 1024 -> 1024, ReLU after each (1,853,440 parameters)."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 1024)
        self.fc2 = nn.Linear(1024, 1024)

    def forward(self, x):
        return F.relu(self.fc2(F.relu(self.fc1(torch.flatten(x, 1)))))


def build(model, tasks, classes):
    if model == "lenet":
        return Trunk(), nn.ModuleList([Head(classes) for _ in range(tasks)])
    return WideTrunk(), nn.ModuleList([nn.Linear(1024, classes) for _ in range(tasks)])


def libmtl_cagrad(jacobian, calpha=0.5, rescale=1):
    """LibMTL/weighting/CAGrad.py's backward, from J (m x n) to the new shared gradient."""
    import numpy as np
    from scipy.optimize import minimize
    m = jacobian.shape[0]
    gg = torch.matmul(jacobian, jacobian.t()).cpu()
    g0_norm = (gg.mean() + 1e-8).sqrt()
    x_start = np.ones(m) / m
    bnds = tuple((0, 1) for _ in x_start)
    cons = ({"type": "eq", "fun": lambda x: 1 - sum(x)})
    a = gg.numpy()
    b = x_start.copy()
    c = (calpha * g0_norm + 1e-8).item()

    def objfn(x):
        return (x.reshape(1, -1).dot(a).dot(b.reshape(-1, 1)) + c * np.sqrt(x.reshape(1, -1).dot(a).dot(x.reshape(-1, 1)) + 1e-8)).sum()

    res = minimize(objfn, x_start, bounds=bnds, constraints=cons)
    ww = torch.Tensor(res.x).to(jacobian.dtype)
    gw = (jacobian * ww.view(-1, 1)).sum(0)
    lmbda = c / (gw.norm() + 1e-8)
    g = jacobian.mean(0) + lmbda * gw
    if rescale == 1:
        return g / (1 + calpha ** 2)
    if rescale == 2:
        return g / (1 + calpha)
    return g


class LibMtlNash:
    """LibMTL/weighting/Nash_MTL.py's solve_optimization, the cvxpy/ECOS subproblem solved by SLSQP."""

    def __init__(self, tasks, optim_niter=20):
        import numpy as np
        self.np, self.tasks, self.optim_niter = np, tasks, optim_niter
        self.prvs_alpha = np.ones(tasks, dtype=np.float32)

    def _subproblem(self, gtg, prvs, nf):
        np = self.np
        from scipy.optimize import minimize
        g_prvs = gtg @ prvs
        phi_tag = 1 / prvs + (1 / g_prvs) @ gtg
        # LibMTL's constraint -log(a_i nf) - log((G a)_i) <= 0, written as a_i nf (G a)_i >= 1 (the same
        # set where a > 0 and G a > 0) so that SLSQP gets smooth functions with gradients
        cons = [{"type": "ineq", "fun": (lambda a, i=i: a[i] * nf * (gtg @ a)[i] - 1),
                 "jac": (lambda a, i=i: nf * ((gtg @ a)[i] * np.eye(self.tasks)[i] + a[i] * gtg[i]))}
                for i in range(self.tasks)]
        linear = gtg.sum(0) + phi_tag / nf
        res = minimize(lambda a: linear @ a, prvs, jac=lambda a: linear, method="SLSQP",
                       bounds=[(1e-10, None)] * self.tasks, constraints=cons, options={"maxiter": 100})
        return res.x if np.all(np.isfinite(res.x)) else None

    def solve(self, gtg, nf):
        np = self.np
        alpha_t = self.prvs_alpha
        for _ in range(self.optim_niter):
            value = self._subproblem(gtg, alpha_t, nf)
            if value is None:
                value = alpha_t
            if (np.linalg.norm(gtg @ alpha_t - 1 / (alpha_t + 1e-10)) < 1e-3
                    or np.linalg.norm(value - alpha_t) < 1e-6):
                break
            alpha_t = value
        if alpha_t is not None:
            self.prvs_alpha = alpha_t
        return self.prvs_alpha


class TorchLoop:
    """The PyTorch training loop of one method; `run(k)` times k more steps."""

    def __init__(self, method, batch_size, seed, model="lenet", tasks=2):
        torch.manual_seed(seed)
        self.method, self.tasks, classes, self.pool = method, tasks, 10, 16
        self.trunk, self.heads = build(model, tasks, classes)
        self.shared = list(self.trunk.parameters())
        self.nash = LibMtlNash(tasks) if method == "nash-mtl" else None
        self.optimizer = torch.optim.Adam(list(self.trunk.parameters()) + list(self.heads.parameters()), lr=1e-3)
        self.inputs = torch.randn(self.pool, batch_size, 1, 28, 28)
        self.labels = torch.randint(0, classes, (self.pool, self.tasks, batch_size))
        self.done = 0

    def step(self):
        """One step; returns the seconds of (forward, backward(s), aggregation, weighted backward, optimizer)."""
        x, y = self.inputs[self.done % self.pool], self.labels[self.done % self.pool]
        self.done += 1
        t0 = time.perf_counter()
        self.optimizer.zero_grad()
        z = self.trunk(x)
        losses = [F.cross_entropy(self.heads[i](z), y[i]) for i in range(self.tasks)]
        [loss.item() for loss in losses]
        t1 = time.perf_counter()
        t4 = None
        if self.method == "ew":
            torch.stack(losses).mean().backward()
            t2 = t3 = time.perf_counter()
        elif self.method == "nash-mtl":
            # LibMTL's _compute_grad(mode='autograd'), then the weights, then sum(alpha * losses).backward()
            rows = [torch.cat([g.view(-1) for g in torch.autograd.grad(losses[i], self.shared, retain_graph=True)])
                    for i in range(self.tasks)]
            jacobian = torch.stack(rows)
            t2 = time.perf_counter()
            gtg = torch.mm(jacobian, jacobian.t())
            normalization = torch.norm(gtg).detach().cpu().numpy().reshape((1,))
            gtg = gtg / normalization.item()
            alpha = torch.from_numpy(self.nash.solve(gtg.cpu().detach().numpy(), normalization.item())).to(torch.float32)
            t3 = time.perf_counter()
            torch.sum(alpha * torch.stack(losses)).backward()
            torch.nn.utils.clip_grad_norm_(self.shared, 1.0)
            t4 = time.perf_counter()
        else:
            rows = []
            for i in range(self.tasks):
                losses[i].backward(retain_graph=i < self.tasks - 1)
                rows.append(torch.cat([p.grad.view(-1) for p in self.shared]))
                for p in self.shared:
                    p.grad.zero_()
            t2 = time.perf_counter()
            jacobian = torch.stack(rows)
            if self.method == "mgda":
                weights = libmtl_min_norm(jacobian @ jacobian.t())
                direction = (weights.to(jacobian.dtype).unsqueeze(1) * jacobian).sum(0)
            else:
                direction = libmtl_cagrad(jacobian)
            offset = 0
            for p in self.shared:
                size = p.numel()
                p.grad.data = direction[offset:offset + size].contiguous().view(p.data.size()).data.clone()
                offset += size
            t3 = time.perf_counter()
        if t4 is None:
            t4 = t3
        self.optimizer.step()
        t5 = time.perf_counter()
        return t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4

    def run(self, steps):
        """Times `steps` more steps: {ms_per_step_mean, ms_per_step_median, parts_ms_mean}."""
        times = [self.step() for _ in range(steps)]
        totals = [sum(t) for t in times]
        names = ("forward", "backward", "aggregation", "weighted_backward", "optimizer")
        return {"ms_per_step_mean": 1e3 * statistics.fmean(totals), "ms_per_step_median": 1e3 * statistics.median(totals),
                "parts_ms_mean": {name: 1e3 * statistics.fmean(t[k] for t in times) for k, name in enumerate(names)}}


def peak_rss_bytes():
    """This process's VmHWM (peak resident set), or -1."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return 1024 * int(line.split()[1])
    except OSError:
        pass
    return -1


def interleaved(args, loop):
    """Alternates blocks of steps with MultiGrad's StepTiming (--serve) in one process pair: block b
    runs both sides back to back (the side that goes first alternates), so both see the same load."""
    method = "mean" if args.method == "ew" else args.method
    java = subprocess.Popen(["java", "--add-modules", "jdk.incubator.vector,jdk.incubator.foreign",
                             "--enable-native-access=ALL-UNNAMED", "-cp", args.against, "org.multigrad.djl.StepTiming", "--method", method,
                             "--model", args.model, "--tasks", str(args.tasks), "--jacobian-precision", args.jacobian_precision,
                             "--batch-size", str(args.batch_size), "--threads", str(args.threads), "--seed", str(args.seed), "--serve", "true"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)

    def ours(steps):
        java.stdin.write(f"{steps}\n")
        java.stdin.flush()
        line = java.stdout.readline()
        if not line.startswith("{"):
            raise SystemExit(f"torch_train_compare: StepTiming answered {line!r}; run it by hand to see why")
        return json.loads(line)

    ours(args.warmup)
    loop.run(args.warmup)
    blocks = []
    for block in range(args.blocks):
        if block % 2 == 0:
            mine, theirs = ours(args.block_steps), loop.run(args.block_steps)
        else:
            theirs, mine = loop.run(args.block_steps), ours(args.block_steps)
        blocks.append((mine, theirs, os.getloadavg()[0]))
    java.stdin.close()
    java.wait(timeout=60)
    ratios = [m["ms_per_step_median"] / t["ms_per_step_median"] for m, t, _ in blocks]

    def parts(side):
        return {k: statistics.median(b[side]["parts_ms_mean"][k] for b in blocks) for k in blocks[0][side]["parts_ms_mean"]}

    return {
        "method": args.method, "multigrad_method": method, "model": args.model, "tasks": args.tasks,
        "jacobian_precision": blocks[0][0]["jacobian_precision"], "mode": blocks[0][0]["mode"], "pytorch_version": torch.__version__,
        "threads": args.threads, "batch_size": args.batch_size, "warmup": args.warmup, "blocks": args.blocks,
        "block_steps": args.block_steps,
        "ratio_median": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios),
        "ratio_quartiles": statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3,
        "multigrad_ms_median": statistics.median(b[0]["ms_per_step_median"] for b in blocks),
        "pytorch_ms_median": statistics.median(b[1]["ms_per_step_median"] for b in blocks),
        "aggregation_share_median": statistics.median(b[0]["aggregation_share"] for b in blocks),
        "multigrad_jacobian_bytes": blocks[-1][0]["jacobian_bytes"], "multigrad_peak_rss_bytes": blocks[-1][0]["peak_rss_bytes"],
        "pytorch_peak_rss_bytes": peak_rss_bytes(),
        "load_min": min(b[2] for b in blocks), "load_max": max(b[2] for b in blocks),
        "multigrad_parts_ms": parts(0), "pytorch_parts_ms": parts(1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--method", choices=["ew", "mgda", "cagrad", "nash-mtl"], required=True)
    parser.add_argument("--model", choices=["lenet", "mlp-wide"], default="lenet")
    parser.add_argument("--tasks", type=int, default=2, help="m, the number of heads")
    parser.add_argument("--jacobian-precision", choices=["float32", "double"], default="float32",
                        help="MultiGrad's storage of J (with --against)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--steps", type=int, default=300, help="timed steps (alone)")
    parser.add_argument("--warmup", type=int, default=50, help="untimed steps first (each side)")
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (MultiGrad's --threads)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--against", metavar="JAR", help="interleave with MultiGrad's StepTiming from this jar (multigrad.jar)")
    parser.add_argument("--blocks", type=int, default=40, help="with --against: blocks per side")
    parser.add_argument("--block-steps", type=int, default=10, help="with --against: steps per block")
    args = parser.parse_args()
    if min(args.batch_size, args.steps, args.threads, args.blocks, args.block_steps, args.tasks) < 1 or args.warmup < 0:
        parser.error("--batch-size, --steps, --threads, --blocks, --block-steps and --tasks must be >= 1 and --warmup >= 0")
    torch.set_num_threads(args.threads)
    loop = TorchLoop(args.method, args.batch_size, args.seed, args.model, args.tasks)
    if args.against:
        print(json.dumps(interleaved(args, loop)))
        return
    if args.warmup:
        loop.run(args.warmup)
    report = loop.run(args.steps)
    print(json.dumps({"side": "pytorch", "version": torch.__version__, "threads": torch.get_num_threads(),
                      "method": args.method, "model": args.model, "tasks": args.tasks, "batch_size": args.batch_size, "steps": args.steps, "warmup": args.warmup,
                      **report}))


if __name__ == "__main__":
    main()
