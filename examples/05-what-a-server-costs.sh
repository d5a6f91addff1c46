#!/usr/bin/env bash
# 05 - What an AI server costs, and who makes it. The seed's two bills of materials - DGX H100 at 268,495 USD
# (GPUs 72.6%, CPUs 1.9%, memory 4.2%) and a 2-socket Sapphire Rapids server at 10,424 USD (CPUs 17.7%, memory
# and disks over half) - come out of the catalog's BOM lines, with the Chinese-vendor share and export status.
set -euo pipefail
SUANLI=${SUANLI:-"$(dirname "$0")/../suanli"}

$SUANLI cost --server dgx-h100 --bom
$SUANLI cost --server general-2s-spr --bom

# Owning 64 DGX H100 for a year: amortised capital plus energy at PUE 1.3 and 0.10 USD/kWh.
$SUANLI cost --server dgx-h100 --servers 64 --days 365
