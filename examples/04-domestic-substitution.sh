#!/usr/bin/env bash
# 04 - Domestic substitution: the same 70B job (Llama 3 70B, 2T tokens) on 64 servers of each of the parts
# the seed discusses - Ascend 910B, H800, A800, H20 and H100 - with days, GPU-hours and cost, then what each
# export rule says about each chip. Cost uses one assumed rental price for every part (2 USD per GPU-hour),
# since most of these servers have no published price; compare GPU-hours for an apples-to-apples view.
# Every plan says how far it can be trusted: Ascend 910B's efficiencies come from microbenchmarks and five
# published MindSpeed runs validate it (validated, about +-19%); the A800 and H20 rows are measured but not
# validated on NeMo (+-33%), and the planner notes where a less certain plan ranks above a more certain one.
# Then the supply chain behind each part (designer, foundry and node, packaging, HBM and who makes it where, and
# the rule on each link), and the bill of each server by country with what a domestic substitute would need. The
# H20 price below (10,000 USD) is an illustration, not a sourced figure: without one the shares are "unknown".
set -euo pipefail
SUANLI=${SUANLI:-"$(dirname "$0")/../suanli"}

$SUANLI plan train --model llama3-70b --tokens 2T --servers 64 --server atlas-800t-a2 --server hgx-h800 --server x660-g45-lp --server hgx-h20 --server dgx-h100 --usd-per-gpu-hour 2 --top 5

$SUANLI classify ascend-910b
$SUANLI classify h800-sxm
$SUANLI classify a800-sxm-80gb
$SUANLI classify h20
$SUANLI classify h100-sxm

$SUANLI cost --server dgx-h100 --bom
$SUANLI cost --server hgx-h20 --bom --accelerator-usd 10000
$SUANLI cost --server atlas-800t-a2 --bom
