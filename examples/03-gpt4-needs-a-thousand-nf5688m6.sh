#!/usr/bin/env bash
# 03 - The seed's claim: "GPT-4 needs nearly a thousand Inspur NF5688M6 servers" (8,000 A100-class GPUs).
# The seed gives no derivation. gpt4-estimate is the widely relayed third-party estimate (SemiAnalysis, July
# 2023: ~1.8T parameters, 16 experts top-2, ~13T tokens, ~25,000 A100s for 90-100 days); OpenAI published none.
set -euo pipefail
SUANLI=${SUANLI:-"$(dirname "$0")/../suanli"}

$SUANLI catalog show gpt4-estimate

# A thousand NF5688M6 (8,000 GPUs), 13T tokens, batches of 8,000 x 8K tokens (~65M, near the estimate's 60M):
# the best layout Suanli finds and how many days it takes. Compare MFU: the planner assumes everything goes
# as well as its calibrated model says.
$SUANLI plan train --model gpt4-estimate --server nf5688m6 --servers 1000 --tokens 13T --seq-len 8192 --global-batch 8000 --precision bf16 --top 3

# The public estimate: about 25,000 A100s (3,125 eight-GPU servers) for 90-100 days. Its ~32-36% MFU is what
# separates it from the thousand-server figure: the same 13T tokens at half the utilisation need twice the
# GPU-hours, and 3x the GPUs finish in about half the days.
$SUANLI plan train --model gpt4-estimate --server dgx-a100 --servers 3125 --tokens 13T --seq-len 8192 --global-batch 10000 --precision bf16 --top 3
