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

Alone it prints one JSON object: mean and median ms per timed step and the mean of each part. With
--against multigrad.jar it drives MultiGrad's side too (org.multigrad.djl.StepTiming --serve, the same
LeNet, batch, Adam and input shapes; `mean` for ew, which steps with one trunk backward) and
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


class TorchLoop:
    """The PyTorch training loop of one method; `run(k)` times k more steps."""

    def __init__(self, method, batch_size, seed):
        torch.manual_seed(seed)
        self.method, self.tasks, classes, self.pool = method, 2, 10, 16
        self.trunk = Trunk()
        self.heads = nn.ModuleList([Head(classes) for _ in range(self.tasks)])
        self.shared = list(self.trunk.parameters())
        self.optimizer = torch.optim.Adam(list(self.trunk.parameters()) + list(self.heads.parameters()), lr=1e-3)
        self.inputs = torch.randn(self.pool, batch_size, 1, 28, 28)
        self.labels = torch.randint(0, classes, (self.pool, self.tasks, batch_size))
        self.done = 0

    def step(self):
        """One step; returns the seconds of (forward, backward(s), aggregation, optimizer)."""
        x, y = self.inputs[self.done % self.pool], self.labels[self.done % self.pool]
        self.done += 1
        t0 = time.perf_counter()
        self.optimizer.zero_grad()
        z = self.trunk(x)
        losses = [F.cross_entropy(self.heads[i](z), y[i]) for i in range(self.tasks)]
        [loss.item() for loss in losses]
        t1 = time.perf_counter()
        if self.method == "ew":
            torch.stack(losses).mean().backward()
            t2 = t3 = time.perf_counter()
        else:
            rows = []
            for i in range(self.tasks):
                losses[i].backward(retain_graph=i < self.tasks - 1)
                rows.append(torch.cat([p.grad.view(-1) for p in self.shared]))
                for p in self.shared:
                    p.grad.zero_()
            t2 = time.perf_counter()
            jacobian = torch.stack(rows)
            weights = libmtl_min_norm(jacobian @ jacobian.t())
            direction = (weights.to(jacobian.dtype).unsqueeze(1) * jacobian).sum(0)
            offset = 0
            for p in self.shared:
                size = p.numel()
                p.grad.data = direction[offset:offset + size].contiguous().view(p.data.size()).data.clone()
                offset += size
            t3 = time.perf_counter()
        self.optimizer.step()
        t4 = time.perf_counter()
        return t1 - t0, t2 - t1, t3 - t2, t4 - t3

    def run(self, steps):
        """Times `steps` more steps: {ms_per_step_mean, ms_per_step_median, parts_ms_mean}."""
        times = [self.step() for _ in range(steps)]
        totals = [sum(t) for t in times]
        names = ("forward", "backward", "aggregation", "optimizer")
        return {"ms_per_step_mean": 1e3 * statistics.fmean(totals), "ms_per_step_median": 1e3 * statistics.median(totals),
                "parts_ms_mean": {name: 1e3 * statistics.fmean(t[k] for t in times) for k, name in enumerate(names)}}


def interleaved(args, loop):
    """Alternates blocks of steps with MultiGrad's StepTiming (--serve) in one process pair: block b
    runs both sides back to back (the side that goes first alternates), so both see the same load."""
    method = "mean" if args.method == "ew" else args.method
    java = subprocess.Popen(["java", "--add-modules", "jdk.incubator.vector,jdk.incubator.foreign",
                             "--enable-native-access=ALL-UNNAMED", "-cp", args.against, "org.multigrad.djl.StepTiming", "--method", method, "--batch-size",
                             str(args.batch_size), "--threads", str(args.threads), "--seed", str(args.seed), "--serve", "true"],
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
        "method": args.method, "multigrad_method": method, "mode": blocks[0][0]["mode"], "pytorch_version": torch.__version__,
        "threads": args.threads, "batch_size": args.batch_size, "warmup": args.warmup, "blocks": args.blocks,
        "block_steps": args.block_steps,
        "ratio_median": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios),
        "ratio_quartiles": statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3,
        "multigrad_ms_median": statistics.median(b[0]["ms_per_step_median"] for b in blocks),
        "pytorch_ms_median": statistics.median(b[1]["ms_per_step_median"] for b in blocks),
        "aggregation_share_median": statistics.median(b[0]["aggregation_share"] for b in blocks),
        "load_min": min(b[2] for b in blocks), "load_max": max(b[2] for b in blocks),
        "multigrad_parts_ms": parts(0), "pytorch_parts_ms": parts(1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--method", choices=["ew", "mgda"], required=True)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--steps", type=int, default=300, help="timed steps (alone)")
    parser.add_argument("--warmup", type=int, default=50, help="untimed steps first (each side)")
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (MultiGrad's --threads)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--against", metavar="JAR", help="interleave with MultiGrad's StepTiming from this jar (multigrad.jar)")
    parser.add_argument("--blocks", type=int, default=40, help="with --against: blocks per side")
    parser.add_argument("--block-steps", type=int, default=10, help="with --against: steps per block")
    args = parser.parse_args()
    if min(args.batch_size, args.steps, args.threads, args.blocks, args.block_steps) < 1 or args.warmup < 0:
        parser.error("--batch-size, --steps, --threads, --blocks and --block-steps must be >= 1 and --warmup >= 0")
    torch.set_num_threads(args.threads)
    loop = TorchLoop(args.method, args.batch_size, args.seed)
    if args.against:
        print(json.dumps(interleaved(args, loop)))
        return
    if args.warmup:
        loop.run(args.warmup)
    report = loop.run(args.steps)
    print(json.dumps({"side": "pytorch", "version": torch.__version__, "threads": torch.get_num_threads(),
                      "method": args.method, "batch_size": args.batch_size, "steps": args.steps, "warmup": args.warmup,
                      **report}))


if __name__ == "__main__":
    main()
