#!/usr/bin/env bash
# 01 - The seed report's first questions: what is in an AI server, and may its chip be exported?
# Every figure comes from the built-in catalog, each entry citing its source.
set -euo pipefail
SUANLI=${SUANLI:-"$(dirname "$0")/../suanli"}

# The AI servers the report names, side by side with derived columns (PFLOPS, memory, price per PFLOPS).
$SUANLI catalog compare dgx-a100 nf5688m6 x660-g45-lp dgx-h100 atlas-800t-a2

# Why the A800 existed: under the October 2022 rule it escaped the 600 GB/s I/O test (NVLink cut to 400 GB/s) ...
$SUANLI classify a800-sxm-80gb --rule 2022-10
# ... and why the H20 is shaped as it is: just under every October 2023 threshold (TPP 2,368 < 2,400; PD 2.91 < 3.2).
$SUANLI classify h20 --rule 2023-10
