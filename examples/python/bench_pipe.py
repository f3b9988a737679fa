#!/usr/bin/env python3
"""Per-step cost of driving `multigrad aggregate` through a pipe, JSON Lines against binary frames.

For each n, sends the same m x n Jacobian (random, float64) repeatedly to one process per format
and reports the median round trip per step (write the request, MultiGrad parses, aggregates with
MGDA and answers, read the answer), and how much of it is Python's own encoding and decoding
(measured separately, without the pipe). Writes a Markdown table (docs/python.md holds one).

    python3 examples/python/bench_pipe.py [--m 2] [--sizes 1e4,1e5,1e6] [--steps 20] [--warmup 5]
"""

import argparse
import json
import statistics
import struct
import sys
import time

import numpy as np

from multigrad_client import Aggregator


def encode_decode_seconds(wire_format, jacobian, losses, direction):
    """Python's own share: building the request and parsing a reply of the same size, no pipe."""
    began = time.perf_counter()
    if wire_format == "jsonl":
        request = json.dumps({"jacobian": jacobian.tolist(), "losses": losses.tolist()}).encode("utf-8")
        reply = json.dumps({"method": "mgda", "weights": [0.5] * len(losses), "direction": direction.tolist()})
        middle = time.perf_counter()
        parsed = json.loads(reply)
        np.asarray(parsed["direction"], dtype=np.float64)
    else:
        # what the client does: a header, then the arrays' own memory (no copy); the reply is wrapped
        request = [b"MGJ1" + struct.pack("<III", *jacobian.shape, 1), memoryview(np.ascontiguousarray(jacobian, "<f8")).cast("B"),
                   memoryview(np.ascontiguousarray(losses, "<f8")).cast("B")]
        reply = direction.tobytes()
        middle = time.perf_counter()
        np.frombuffer(reply, dtype="<f8")
    del request
    return middle - began + (time.perf_counter() - middle)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--m", type=int, default=2)
    parser.add_argument("--sizes", default="1e4,1e5,1e6")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--method", default="mgda")
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    rows = [f"| format | n | round trip per step (ms, median of {args.steps}) | of which Python encode + decode (ms) | MB sent per step |",
            "|---|---|---|---|---|"]
    for wire_format in ("f64", "jsonl"):
        with Aggregator(args.method, wire_format=wire_format) as aggregate:
            for n in (int(float(size)) for size in args.sizes.split(",")):
                jacobian = rng.standard_normal((args.m, n))
                losses = rng.random(args.m)
                times = []
                for step in range(args.warmup + args.steps):
                    began = time.perf_counter()
                    _, direction = aggregate(jacobian, losses)
                    if step >= args.warmup:
                        times.append(time.perf_counter() - began)
                python_side = statistics.median(
                    encode_decode_seconds(wire_format, jacobian, losses, direction) for _ in range(5))
                if wire_format == "jsonl":
                    sent = len(json.dumps({"jacobian": jacobian.tolist(), "losses": losses.tolist()})) + 1
                else:
                    sent = 16 + 8 * (jacobian.size + losses.size)
                rows.append(f"| {wire_format} | {n:,} | {1e3 * statistics.median(times):.2f} | "
                            f"{1e3 * python_side:.2f} | {sent / 1e6:.2f} |")
                print(rows[-1], file=sys.stderr, flush=True)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
