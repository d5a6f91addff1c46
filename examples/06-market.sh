#!/usr/bin/env bash
# 06 - The market the seed describes: its figures with their sources, and each stated growth rate checked
# against its own endpoints.
set -euo pipefail
SUANLI=${SUANLI:-"$(dirname "$0")/../suanli"}

$SUANLI market list
$SUANLI market check
$SUANLI market project global-ai-server-market-usd --to 2030

# From "models grow" to "servers sell": the clusters a year's training runs need, planned run by run.
$SUANLI market demand "$(dirname "$0")/demand.yaml"
