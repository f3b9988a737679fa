#!/usr/bin/env python3
"""Multi-objective descent in NumPy with MultiGrad's MGDA as the aggregation engine.

Two objectives on x in R^n, f_1 = |x - a|^2 and f_2 = |x - b|^2: their Pareto set is the segment
from a to b. Each step sends the Jacobian (rows: the two gradients) to one `multigrad aggregate`
process and steps along the returned direction; MGDA decreases both objectives until x reaches
the segment, where the direction vanishes (Pareto stationarity).

    python3 examples/python/numpy_example.py [--format f64|jsonl] [--n 1000] [--steps 200]
"""

import argparse
import sys

import numpy as np

from multigrad_client import Aggregator


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", default="f64", choices=["f64", "jsonl"])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--lr", type=float, default=0.25)
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    a, b = rng.standard_normal(args.n), rng.standard_normal(args.n)
    x = 3 * rng.standard_normal(args.n)
    first = None
    with Aggregator("mgda", wire_format=args.format) as mgda:
        for step in range(args.steps):
            losses = np.array([np.sum((x - a) ** 2), np.sum((x - b) ** 2)])
            jacobian = np.stack([2 * (x - a), 2 * (x - b)])
            weights, direction = mgda(jacobian, losses)
            if first is None:
                first = losses
            x = x - args.lr * direction
    final = np.array([np.sum((x - a) ** 2), np.sum((x - b) ** 2)])
    # distance from x to the segment [a, b]
    t = np.clip(np.dot(x - a, b - a) / np.dot(b - a, b - a), 0, 1)
    distance = np.linalg.norm(x - (a + t * (b - a)))
    print(f"format {args.format}, n = {args.n}, {args.steps} MGDA steps through the pipe")
    print(f"  losses {first[0]:.2f}, {first[1]:.2f} -> {final[0]:.2f}, {final[1]:.2f}; "
          f"weights at the end {np.round(weights, 4)}; distance to the Pareto set {distance:.2e}")
    if not (final[0] < first[0] and final[1] < first[1] and distance < 1e-6):
        print("numpy_example: MGDA did not reach the Pareto set", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
