#!/usr/bin/env python3
"""PyTorch's own multi-task training step for MultiGrad's LeNet, timed (the reference side of bench/train_compare.sh).

The model is multigrad-djl's `Models.lenet(2, 10)`: trunk conv 5x5 (10) -> max-pool 2 -> ReLU ->
conv 5x5 (20) -> max-pool 2 -> ReLU -> flatten (320) -> linear 50 -> ReLU (21,330 shared
parameters); two heads linear 50 -> ReLU -> linear 10; mean cross-entropy per task; inputs
1x28x28 (MultiMNIST-shaped random normal images, random labels), Adam (lr 1e-3, PyTorch defaults).

Steps, as a PyTorch user (LibMTL, LibMTL/weighting/abstract_weighting.py) writes them:
  ew    one forward, loss = mean of the task losses, one backward, optimizer step;
  mgda  one forward; per task: backward with retain_graph=True, copy the shared parameters'
        gradients into row i of G's Jacobian (torch.cat of p.grad), zero them (LibMTL
        `_compute_grad`, mode 'backward'); G = J J^T; weights by LibMTL's MinNormSolver
        (bench/torch_compare.py `libmtl_min_norm`; for two tasks its closed-form pair step);
        d = sum_i w_i J_i written back as the shared parameters' .grad (`_reset_grad`); heads keep
        their own task's gradient; optimizer step.
Each step also reads the task losses to the host (as a training loop does for logging).

Prints one JSON object: mean and median ms per timed step and the mean of each part.
"""
import argparse
import json
import os
import statistics
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--method", choices=["ew", "mgda"], required=True)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--steps", type=int, default=300, help="timed steps")
    parser.add_argument("--warmup", type=int, default=50, help="untimed steps first")
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (MultiGrad's --threads)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.batch_size < 1 or args.steps < 1 or args.warmup < 0 or args.threads < 1:
        parser.error("--batch-size, --steps and --threads must be >= 1 and --warmup >= 0")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    tasks, classes, pool = 2, 10, 16
    trunk = Trunk()
    heads = nn.ModuleList([Head(classes) for _ in range(tasks)])
    shared = list(trunk.parameters())
    optimizer = torch.optim.Adam(list(trunk.parameters()) + list(heads.parameters()), lr=1e-3)
    inputs = torch.randn(pool, args.batch_size, 1, 28, 28)
    labels = torch.randint(0, classes, (pool, tasks, args.batch_size))
    parts = {"forward": [], "backward": [], "aggregation": [], "optimizer": []}
    totals = []

    for step in range(args.warmup + args.steps):
        x, y = inputs[step % pool], labels[step % pool]
        t0 = time.perf_counter()
        optimizer.zero_grad()
        z = trunk(x)
        losses = [F.cross_entropy(heads[i](z), y[i]) for i in range(tasks)]
        [loss.item() for loss in losses]
        t1 = time.perf_counter()
        if args.method == "ew":
            torch.stack(losses).mean().backward()
            t2 = t3 = time.perf_counter()
        else:
            rows = []
            for i in range(tasks):
                losses[i].backward(retain_graph=i < tasks - 1)
                rows.append(torch.cat([p.grad.view(-1) for p in shared]))
                for p in shared:
                    p.grad.zero_()
            t2 = time.perf_counter()
            jacobian = torch.stack(rows)
            weights = libmtl_min_norm(jacobian @ jacobian.t())
            direction = (weights.to(jacobian.dtype).unsqueeze(1) * jacobian).sum(0)
            offset = 0
            for p in shared:
                size = p.numel()
                p.grad.data = direction[offset:offset + size].contiguous().view(p.data.size()).data.clone()
                offset += size
            t3 = time.perf_counter()
        optimizer.step()
        t4 = time.perf_counter()
        if step >= args.warmup:
            totals.append(t4 - t0)
            for name, seconds in (("forward", t1 - t0), ("backward", t2 - t1), ("aggregation", t3 - t2),
                                  ("optimizer", t4 - t3)):
                parts[name].append(seconds)

    print(json.dumps({
        "side": "pytorch", "version": torch.__version__, "threads": torch.get_num_threads(), "method": args.method,
        "batch_size": args.batch_size, "steps": args.steps, "warmup": args.warmup,
        "ms_per_step_mean": 1e3 * statistics.fmean(totals), "ms_per_step_median": 1e3 * statistics.median(totals),
        "parts_ms_mean": {name: 1e3 * statistics.fmean(values) for name, values in parts.items()},
    }))


if __name__ == "__main__":
    main()
