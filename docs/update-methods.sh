#!/usr/bin/env bash
# Regenerates the method table of docs/methods.md from the code (`multigrad list --format markdown`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
table="$("$root/multigrad" list --format markdown)"
python3 - "$root/docs/methods.md" "$table" <<'PY'
import sys
path, table = sys.argv[1], sys.argv[2]
text = open(path).read()
begin, end = "<!-- generated:begin -->\n", "<!-- generated:end -->"
head, rest = text.split(begin)
_, tail = rest.split(end)
open(path, "w").write(head + begin + table.rstrip("\n") + "\n" + end + tail)
PY
