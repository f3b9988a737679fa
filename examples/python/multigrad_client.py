"""A NumPy client for one long-running `multigrad aggregate` process (docs/python.md).

    from multigrad_client import Aggregator
    with Aggregator("mgda") as mgda:                     # starts `multigrad aggregate --method mgda --format f64`
        weights, direction = mgda(jacobian, losses)      # jacobian: (m, n) array; step x <- x - lr * direction

Two wire formats, the same contract: "f64" (default) writes binary frames of little-endian float64,
"jsonl" one JSON object per line. One process serves every step; each request is answered before
the next is sent, so the pipe never fills up.
"""

import json
import os
import shlex
import struct
import subprocess
from pathlib import Path

import numpy as np

REQUEST_MAGIC = b"MGJ1"
RESPONSE_MAGIC = b"MGR1"
FLAG_LOSSES = 1

_REPOSITORY = Path(__file__).resolve().parents[2]


def default_command():
    """The command that starts MultiGrad: $MULTIGRAD_COMMAND (a shell-quoted string) or ./multigrad."""
    command = os.environ.get("MULTIGRAD_COMMAND")
    return shlex.split(command) if command else [str(_REPOSITORY / "multigrad")]


class AggregationError(RuntimeError):
    """A request that MultiGrad rejected, with its message (e.g. a non-finite Jacobian entry)."""


class Aggregator:
    """One `multigrad aggregate` process; call it with a Jacobian (m x n) and optional losses (m)."""

    def __init__(self, method, params=None, wire_format="f64", command=None):
        if wire_format not in ("f64", "jsonl"):
            raise ValueError(f"wire_format must be 'f64' or 'jsonl', got {wire_format!r}")
        self.method = method
        self.params = dict(params or {})
        self.wire_format = wire_format
        args = list(command or default_command()) + ["aggregate", "--method", method, "--format", wire_format]
        for key, value in self.params.items():
            args += ["--param", f"{key}={value}"]
        self.process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def __call__(self, jacobian, losses=None):
        """Returns (weights, direction) as float64 arrays; weights is None for methods without weights."""
        jacobian = np.ascontiguousarray(jacobian, dtype="<f8")
        if jacobian.ndim != 2:
            raise ValueError(f"jacobian must be a 2-D array (m x n), got shape {jacobian.shape}")
        m, n = jacobian.shape
        if losses is not None:
            losses = np.ascontiguousarray(losses, dtype="<f8")
            if losses.shape != (m,):
                raise ValueError(f"losses must have shape ({m},), got {losses.shape}")
        if self.wire_format == "f64":
            return self._call_f64(jacobian, losses, m, n)
        return self._call_jsonl(jacobian, losses)

    def _call_f64(self, jacobian, losses, m, n):
        stdin = self.process.stdin
        stdin.write(REQUEST_MAGIC + struct.pack("<III", m, n, FLAG_LOSSES if losses is not None else 0))
        stdin.write(memoryview(jacobian).cast("B"))
        if losses is not None:
            stdin.write(memoryview(losses).cast("B"))
        stdin.flush()
        header = self._read(16)
        if header[:4] != RESPONSE_MAGIC:
            raise AggregationError(f"unexpected response header {header!r}; is the process in --format f64?")
        status, a, b = struct.unpack("<III", header[4:])
        if status != 0:
            raise AggregationError(self._read(a).decode("utf-8"))
        weights = np.frombuffer(self._read(8 * a), dtype="<f8") if a else None
        direction = np.frombuffer(self._read(8 * b), dtype="<f8")
        return weights, direction

    def _call_jsonl(self, jacobian, losses):
        request = {"jacobian": jacobian.tolist()}
        if losses is not None:
            request["losses"] = losses.tolist()
        self.process.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise AggregationError(f"multigrad aggregate exited (status {self.process.wait()})")
        reply = json.loads(line)
        if "error" in reply:
            raise AggregationError(reply["error"])
        weights = np.asarray(reply["weights"], dtype=np.float64) if "weights" in reply else None
        return weights, np.asarray(reply["direction"], dtype=np.float64)

    def _read(self, count):
        chunks = []
        while count > 0:
            chunk = self.process.stdout.read(count)
            if not chunk:
                raise AggregationError(f"multigrad aggregate exited (status {self.process.wait()})")
            chunks.append(chunk)
            count -= len(chunk)
        return b"".join(chunks)

    def close(self):
        """Ends the input and waits for the process; returns its exit status."""
        if self.process.stdin and not self.process.stdin.closed:
            self.process.stdin.close()
        status = self.process.wait()
        self.process.stdout.close()
        return status

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
