#!/usr/bin/env python3
"""Checks the Python client against `multigrad aggregate` in both wire formats (NumPy only).

Run by PythonClientTest in the default test suite and by .ci/run; exits non-zero on a failure.
MULTIGRAD_COMMAND (shell-quoted) says how to start MultiGrad; default: the repository's ./multigrad.
"""

import sys

import numpy as np

from multigrad_client import AggregationError, Aggregator

J_BASE = np.array([[-4.0, 1, 1], [6, 1, 1]])


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def main():
    rng = np.random.default_rng(1)
    big = rng.standard_normal((3, 5000))
    losses = np.array([1.0, 2.0, 3.0])
    results = {}
    for wire_format in ("f64", "jsonl"):
        with Aggregator("mgda", wire_format=wire_format) as mgda:
            weights, direction = mgda(J_BASE)
            check(np.allclose(weights, [0.6, 0.4], atol=1e-12), f"{wire_format}: mgda weights {weights}")
            check(np.allclose(direction, [0, 1, 1], atol=1e-12), f"{wire_format}: mgda direction {direction}")
            bad = J_BASE.copy()
            bad[1, 1] = np.nan
            try:
                mgda(bad)
                raise AssertionError(f"{wire_format}: a NaN entry was accepted")
            except AggregationError as error:
                check("NaN" in str(error), f"{wire_format}: error message {error}")
            results[wire_format] = mgda(big, losses)  # the process goes on after an error
        with Aggregator("cagrad", {"c": 0.5}, wire_format=wire_format) as cagrad:
            weights, direction = cagrad(J_BASE, [0.7, 1.2])
            check(np.allclose(weights, [0.7041, 0.5], atol=1e-4), f"{wire_format}: cagrad weights {weights}")
            check(np.allclose(direction, [0.1835, 1.2041, 1.2041], atol=1e-4), f"{wire_format}: cagrad direction {direction}")
    # JSON carries doubles as shortest round-trip decimals, so both formats agree bit for bit
    for f64_part, json_part in zip(results["f64"], results["jsonl"]):
        check(np.array_equal(f64_part, json_part), "f64 and jsonl results differ")
    d = results["f64"][1]
    check(np.all(big @ d >= -1e-9), "MGDA's direction conflicts with a gradient")
    print("check_client: f64 and jsonl agree; golden values, errors and non-conflict hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
