#!/usr/bin/env python3
"""A PyTorch training loop that uses MultiGrad as its aggregation engine.

A two-task model (a shared MLP trunk, one regression head and one classification head) on
synthetic data from a random teacher. Each step takes the per-task gradients of the shared
parameters with torch.autograd.grad, sends the 2 x n Jacobian to one long-running
`multigrad aggregate` process, writes the returned direction into the shared parameters' .grad,
gives each head its own task's gradient, and lets the optimizer step.

Needs PyTorch (Debian: apt-get install -y python3-torch) and NumPy.

    python3 examples/python/torch_two_task.py [--method mgda] [--format f64|jsonl] [--hidden 64] [--epochs 5]
"""

import argparse
import sys
import time

import numpy as np
import torch
from torch import nn

from multigrad_client import Aggregator


class TwoTaskModel(nn.Module):
    def __init__(self, inputs, hidden, classes):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(inputs, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU())
        self.regression = nn.Linear(hidden, 1)
        self.classification = nn.Linear(hidden, classes)

    def forward(self, x):
        z = self.trunk(x)
        return self.regression(z).squeeze(-1), self.classification(z)


def teacher_data(samples, inputs, classes, generator):
    x = torch.randn(samples, inputs, generator=generator)
    w = torch.randn(inputs, classes, generator=generator)
    logits = torch.tanh(x @ w) @ torch.randn(classes, classes, generator=generator)
    return x, torch.sin(x[:, :4].sum(dim=1)) + 0.1 * torch.randn(samples, generator=generator), logits.argmax(dim=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--method", default="mgda")
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--format", default="f64", choices=["f64", "jsonl"])
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(0)
    inputs, classes = 20, 5
    x, y_regression, y_class = teacher_data(4096, inputs, classes, generator)
    model = TwoTaskModel(inputs, args.hidden, classes)
    shared = list(model.trunk.parameters())
    heads = [list(model.regression.parameters()), list(model.classification.parameters())]
    n = sum(p.numel() for p in shared)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    params = dict(item.split("=", 1) for item in args.param)
    print(f"{args.method} through `multigrad aggregate --format {args.format}`: {n} shared parameters, "
          f"batch {args.batch_size}, {args.epochs} epochs")

    torch_seconds = 0.0
    pipe_times = []
    steps = 0
    with Aggregator(args.method, params, wire_format=args.format) as aggregate:
        for epoch in range(args.epochs):
            order = torch.randperm(len(x), generator=generator)
            sums = np.zeros(2)
            for start in range(0, len(x), args.batch_size):
                batch = order[start:start + args.batch_size]
                began = time.perf_counter()
                regression, logits = model(x[batch])
                losses = [nn.functional.mse_loss(regression, y_regression[batch]),
                          nn.functional.cross_entropy(logits, y_class[batch])]
                rows = []
                for task, loss in enumerate(losses):
                    grads = torch.autograd.grad(loss, shared + heads[task], retain_graph=task == 0)
                    rows.append(torch.cat([g.reshape(-1) for g in grads[:len(shared)]]))
                    for p, g in zip(heads[task], grads[len(shared):]):
                        p.grad = g
                jacobian = torch.stack(rows).double().numpy()
                loss_values = np.array([loss.item() for loss in losses])
                sent = time.perf_counter()
                _, direction = aggregate(jacobian, loss_values)
                received = time.perf_counter()
                offset = 0
                flat = torch.from_numpy(direction.astype(np.float32))
                for p in shared:
                    p.grad = flat[offset:offset + p.numel()].view_as(p).clone()
                    offset += p.numel()
                optimizer.step()
                optimizer.zero_grad(set_to_none=True)
                ended = time.perf_counter()
                torch_seconds += (sent - began) + (ended - received)
                pipe_times.append(received - sent)
                sums += loss_values
                steps += 1
            batches = (len(x) + args.batch_size - 1) // args.batch_size
            with torch.no_grad():
                regression, logits = model(x)
                accuracy = (logits.argmax(dim=1) == y_class).float().mean().item()
            print(f"epoch {epoch + 1}: mean training losses {sums[0] / batches:.4f} (mse), {sums[1] / batches:.4f} "
                  f"(cross-entropy), accuracy {accuracy:.3f}")
    print(f"per step: PyTorch {1e3 * torch_seconds / steps:.2f} ms (mean), aggregation through the pipe "
          f"{1e3 * float(np.median(pipe_times)):.2f} ms (median; mean {1e3 * float(np.mean(pipe_times)):.2f} ms with the "
          f"JVM's warm-up) (n = {n}, {steps} steps)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
