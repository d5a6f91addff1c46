#!/usr/bin/env bash
# 05 - What an AI server costs, and who makes it; prices with their source and date. The seed's two bills of materials - DGX H100 at 268,495 USD
# (GPUs 72.6%, CPUs 1.9%, memory 4.2%) and a 2-socket Sapphire Rapids server at 10,424 USD (CPUs 17.7%, memory
# and disks over half) - come out of the catalog's BOM lines, with the Chinese-vendor share and export status.
set -euo pipefail
SUANLI=${SUANLI:-"$(dirname "$0")/../suanli"}

$SUANLI cost --server dgx-h100 --bom
$SUANLI cost --server general-2s-spr --bom

# Owning 64 DGX H100 for a year: amortised capital plus energy at PUE 1.3 and 0.10 USD/kWh.
$SUANLI cost --server dgx-h100 --servers 64 --days 365

# What each figure is and where it came from: every published price of the H20 server and card (street prices in
# yuan from Reuters and Huxiu, NVIDIA's module prices from Tencent), and the one cost uses by default.
$SUANLI catalog prices hgx-h20
$SUANLI cost --server hgx-h20 --servers 16

# Prices move: the same server priced at the figure nearest February 2024 (1.4 M yuan, before the mid-2024 fall).
$SUANLI cost --server hgx-h20 --servers 16 --price-date 2024-02

# China's grey-market DGX H100 (2.7 M yuan, Jul 2024) instead of the US estimate, and renting it by the hour instead.
$SUANLI cost --server dgx-h100 --price-currency CNY
$SUANLI cost --server dgx-h100 --price-basis rent --days 30

# A B200 server has no published price of its own: it is derived from the card's $30,000-40,000, and the range is carried.
$SUANLI cost --server dgx-b200 --servers 4
