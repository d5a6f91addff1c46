#!/usr/bin/env bash
# 08 - One MoE model on three generations of scale-up: Qwen3-235B-A22B (128 experts, 8 active, 94 layers) for 1T tokens
# on about a thousand accelerators of
#   * NVIDIA GB200 NVL72 (racks whose NVLink switch domain spans 72 GPUs; jobs use 64 per rack, 16 of the 18 trays,
#     so tensor, expert and context groups of 16-64 fit inside one NVLink domain),
#   * NVIDIA DGX H100 (8 GPUs per NVLink domain, InfiniBand between servers),
#   * Huawei CloudMatrix 384 (384 Ascend 910C in one UB switch domain; no fp8 in the catalog entry, so bf16).
# Each plan searches every layout (tp, pp, vpp, cp, ep, micro-batch, ZeRO stage, recompute, precision) that fits and
# ranks them by expected days (ideal days / goodput, failures as in example 07).
# Figures quoted below are this script's output when it was written (2026-12-01); they move with the model.
set -euo pipefail
SUANLI=${SUANLI:-"$(dirname "$0")/../suanli"}

# 16 racks = 1,024 GPUs in use. Best when written: tp4 pp2 v47 dp128 mb8 z2 fp8, step 1.12 s, MFU 24.4%,
# 1.55 ideal / 1.64 expected days (goodput 94.3%), 40,354 expected GPU-hours. The confidence band is wide
# (validated on 6 Blackwell rows of cross-vendor, +-29%): no GB200 MoE row is in a built-in suite yet
# (docs/measurements/frontier-candidates.yaml holds the published ones; the model is 3-17% low on GB200 Qwen3/MoE runs).
$SUANLI plan train --model qwen3-235b-a22b --tokens 1T --seq-len 4096 --global-batch 2048 --top 3 --server gb200-nvl72 --servers 16

# 128 servers = 1,024 GPUs. Best when written: tp2 pp2 v47 ep4 dp256 mb1 z2 fp8, step 3.12 s, MFU 22.2%,
# 4.30 ideal / 4.39 expected days, 107,846 expected GPU-hours: 2.7x the GB200 GPU-hours. Most of the gap is the
# peak (fp8 dense 1,979 TFLOPS per H100 against 5,000 per GB200 GPU); expert all-to-all that leaves an 8-GPU server
# crosses InfiniBand at 50 GB/s per GPU, where on NVL72 an ep 8-64 group stays on 900 GB/s NVLink.
$SUANLI plan train --model qwen3-235b-a22b --tokens 1T --seq-len 4096 --global-batch 2048 --top 3 --server dgx-h100 --servers 128

# 3 superpods = 1,152 NPUs. Best when written: tp1 pp9 cp4 ep32 dp32 mb1 z1 bf16, step 6.6 s, MFU 23.7%,
# 9.1 ideal / 10.5 expected days (goodput 87.0%: a superpod counts 48 nodes' host CPUs, and host failures scale
# with CPU sockets). Treat it as an estimate: the Ascend 910C figures are press estimates marked UNRELIABLE in the
# catalog and its family has no microbenchmarks ("assumed", -50%/+28%).
$SUANLI plan train --model qwen3-235b-a22b --tokens 1T --seq-len 4096 --global-batch 2048 --top 3 --server cloudmatrix-384 --servers 3

# The same question as one search over the three systems and every cluster size up to 128 units: the cheapest plan
# that trains 1T tokens within 5 expected days, renting every system at the same 3 USD per GPU-hour (an assumption
# that makes cost follow expected GPU-hours; GB200 and CloudMatrix racks have no published price). When written:
# 8 GB200 racks (512 GPUs) at 3.25 expected days and 39,945 GPU-hours; best H100 plan 128 servers, 107,846;
# best CloudMatrix plan 8 superpods (3,072 NPUs), 308,651. About 10.7 M layouts, 16 s on 2 cores.
$SUANLI plan train --model qwen3-235b-a22b --tokens 1T --seq-len 4096 --global-batch 2048 --top 3 --server gb200-nvl72 --server dgx-h100 --server cloudmatrix-384 --days 5 --usd-per-gpu-hour 3 --max-servers 128
