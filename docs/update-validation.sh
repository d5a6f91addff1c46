#!/usr/bin/env bash
# Regenerates the validation section of docs/MODEL.md from `suanli validate --markdown`.
set -euo pipefail
cd "$(dirname "$0")/.."
table=$(./suanli validate --markdown)
python3 - "$table" <<'PY'
import sys, re
path = "docs/MODEL.md"
text = open(path, encoding="utf-8").read()
begin, end = "<!-- validation:begin -->", "<!-- validation:end -->"
i, j = text.index(begin) + len(begin), text.index(end)
open(path, "w", encoding="utf-8").write(text[:i] + "\n" + sys.argv[1].rstrip() + "\n" + text[j:])
PY
echo "docs/MODEL.md validation section updated"
