#!/usr/bin/env bash
# Regenerates what is computed from the catalog and the validation suites: validation/envelope.yaml (the
# validated envelope confidence bands come from), and the efficiency and validation sections of docs/MODEL.md.
# DocsAreCurrentTest fails when any of them is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
./suanli validate --write-envelope validation/envelope.yaml
efficiencies=$(./suanli catalog efficiencies --markdown)
validation=$(./suanli validate --markdown)
python3 - "$efficiencies" "$validation" <<'PY'
import sys
path = "docs/MODEL.md"
text = open(path, encoding="utf-8").read()
for name, table in (("efficiencies", sys.argv[1]), ("validation", sys.argv[2])):
    begin, end = "<!-- %s:begin -->" % name, "<!-- %s:end -->" % name
    i, j = text.index(begin) + len(begin), text.index(end)
    text = text[:i] + "\n" + table.rstrip() + "\n" + text[j:]
open(path, "w", encoding="utf-8").write(text)
PY
echo "validation/envelope.yaml and docs/MODEL.md (efficiencies, validation) updated"
