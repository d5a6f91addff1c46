#!/usr/bin/env bash
# 02 - One training layout: Llama 3 70B on eight DGX H100 (64 GPUs), tensor 8 x pipeline 2.
# The summary gives step time, MFU and memory; the tables say where the time and the memory go.
set -euo pipefail
SUANLI=${SUANLI:-"$(dirname "$0")/../suanli"}

$SUANLI train --model llama3-70b --server dgx-h100 --servers 8 --tp 8 --pp 2 --tokens 2T

# The same step on the discrete-event engine, with a timeline to open in https://ui.perfetto.dev
$SUANLI train --model llama3-70b --server dgx-h100 --servers 8 --tp 8 --pp 2 --global-batch 64 --engine event --trace ${TMPDIR:-/tmp}/llama3-70b-step.json
