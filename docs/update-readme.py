#!/usr/bin/env python3
"""Regenerates the command output shown in README.md: every fenced block line that starts with `$ ./suanli` is run
again (through bash, from the repository root, stderr with stdout) and the lines up to the next `$ ` line or the end of
the block are replaced by what it prints now. Blocks whose output was cut by hand (a line `...`) are left alone and
listed, to be checked by eye. Run it after a change that moves figures: python3 docs/update-readme.py
"""
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
readme = root / "README.md"
lines = readme.read_text(encoding="utf-8").split("\n")
out, i, in_block, skipped = [], 0, False, []
while i < len(lines):
    line = lines[i]
    if line.startswith("```"):
        in_block = not in_block
        out.append(line)
        i += 1
        continue
    if in_block and line.startswith("$ ./suanli"):
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```") and not lines[j].startswith("$ "):
            j += 1
        old = lines[i + 1:j]
        if "..." in old:
            skipped.append(line)
            out.extend(lines[i:j])
        else:
            run = subprocess.run(["bash", "-c", line[2:] + " 2>&1"], cwd=root, capture_output=True, text=True)
            out.append(line)
            out.extend(run.stdout.rstrip("\n").split("\n"))
        i = j
        continue
    out.append(line)
    i += 1
readme.write_text("\n".join(out), encoding="utf-8")
for s in skipped:
    print("left alone (cut by hand): " + s, file=sys.stderr)
