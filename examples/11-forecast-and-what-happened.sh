#!/usr/bin/env bash
# 11 - The report's forecast, and what happened: the seed's market forecasts (2023) set against the figures reported
# since (2023-2026 releases of IDC, TrendForce, NVIDIA, AMD, ...), each with its source, provider and scope.
set -euo pipefail
SUANLI=${SUANLI:-"$(dirname "$0")/../suanli"}

# Every figure reported since the seed, with its source url, kind (actual, estimate, forecast) and whose scope it is.
$SUANLI market list

# Each forecast of the seed against what was later reported: the seed's path for that year, the error and its direction.
# The China AI-server market: the seed's path gives $10.05B for 2024; IDC reported $22.1B (-54.5%).
$SUANLI market check --forecast

# Both lines: the seed's path, and the path through the latest two figures one provider reported (IDC 2023 and 2024).
$SUANLI market project china-ai-server-sales-usd --to 2027
# The global AI-server market: the seed's Statista path against TrendForce's later figures (forecasts, a wider scope).
$SUANLI market project global-ai-server-market-usd --to 2025

# Could the AI servers shipped worldwide in 2024 (TrendForce's mid-year forecast, 1.67 M) have trained and served these?
$SUANLI market demand "$(dirname "$0")/demand-2024.yaml" --shipments 2024
