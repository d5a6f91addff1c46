#!/usr/bin/env bash
# 09 - Serving an MoE model as DeepSeek does: DeepSeek-V3 decode with expert parallelism across 18 H800 servers.
# DeepSeek's inference-system note (open-infra-index, 2025-03-01) runs decode on units of 18 nodes: routed experts over
# 144 GPUs (EP 144), attention and the shared expert data-parallel on each GPU (DP 144), FP8 matmuls and dispatch, BF16
# combine, two micro-batches overlapping communication with computation; it reports ~14.8k output tokens/s per H800
# node at an average KV length of 4,989 and 20-22 tokens/s per user. 14.8k / 8 = 1,850 per GPU at 21 tokens/s each is
# 88 sequences per GPU (Little's law), 12,686 on the unit. Figures below are this script's output when it was written
# (2026-12-01); they move with the model. The confidence band is "measured" (vllm-0.8 is validated on one row only).
set -euo pipefail
SUANLI=${SUANLI:-"$(dirname "$0")/../suanli"}

# As deployed: 44.1 ms per decode step, 22.7 tokens/s per user, 1,997 tokens/s per GPU (+7.9% on the published 1,850,
# a row of the MoE-serving candidates). Expert all-to-all left exposed: 12.9% of a decode step. 62 GiB of 80 per
# GPU: each GPU holds 256/144 routed experts and all of attention, and the KV cache of its own 88 sequences.
$SUANLI infer --model deepseek-v3 --server hgx-h800 --gpus 144 --ep 144 --two-batch-overlap --input-len 4900 --output-len 178 --batch 12686 --kv-precision bf16 --runtime vllm-0.8

# Without the two-batch overlap the step takes 53.2 ms and the all-to-all 42% of it: on a decode step every token goes
# to 8 experts on other servers over 400 Gb/s InfiniBand (DeepEP's low-latency kernels reach 39 GB/s of ~50).
$SUANLI infer --model deepseek-v3 --server hgx-h800 --gpus 144 --ep 144 --input-len 4900 --output-len 178 --batch 12686 --kv-precision bf16 --runtime vllm-0.8

# With DeepSeek-V3's multi-token prediction as a one-token draft (MTP, 85% acceptance: 1.85 tokens per step), 36.0 ms
# per output token.
$SUANLI infer --model deepseek-v3 --server hgx-h800 --gpus 144 --ep 144 --two-batch-overlap --spec-method mtp --input-len 4900 --output-len 178 --batch 12686 --kv-precision bf16 --runtime vllm-0.8

# The same decode on one GB200 NVL72 rack (EP 72 inside one NVLink domain, 88 sequences per GPU): 17.9 ms per step,
# the all-to-all 17.8% of it, mostly the NVLink collective's latency (16.4 us a message) rather than its bandwidth.
$SUANLI infer --model deepseek-v3 --server gb200-nvl72 --gpus 72 --ep 72 --input-len 4900 --output-len 178 --batch 6343 --kv-precision bf16 --runtime vllm-0.8
