#!/usr/bin/env bash
# 10 - A design-space sweep and three questions asked of it in SQL. The spec (10-sweep.yaml) runs `train` for Llama 3 8B
# on 64 H100s over 4 tensor-parallel sizes x 3 micro-batches x 3 memory-bandwidth what-ifs x 3 fp8 what-ifs = 108 points,
# each on a copy of the dgx-h100 catalog entry (the built-in data is never changed). A point whose layout cannot run is a row
# with its error, not a stop; rerunning the same command resumes an interrupted sweep (completed partitions are kept).
# hw.peak_fp8_x 0 is "an H100 without fp8": the layout then runs in bf16 where fp8 was asked (the results' precision column).
set -euo pipefail
SUANLI=${SUANLI:-"$(dirname "$0")/../suanli"}
OUT=${TMPDIR:-/tmp}/suanli-example-10.parquet
rm -rf "$OUT"

$SUANLI sweep "$(dirname "$0")/10-sweep.yaml" --out ${TMPDIR:-/tmp}/suanli-example-10.parquet

# 1. Which layout is best on the H100 as built (no what-if)?
$SUANLI sweep query ${TMPDIR:-/tmp}/suanli-example-10.parquet --file "$(dirname "$0")/10-best-layout.sql"

# 2. What is doubled HBM bandwidth worth against doubled fp8 peak? Best step time of each what-if.
$SUANLI sweep query ${TMPDIR:-/tmp}/suanli-example-10.parquet --file "$(dirname "$0")/10-bandwidth-or-fp8.sql"

# 3. How many points could not run, and why?
$SUANLI sweep query ${TMPDIR:-/tmp}/suanli-example-10.parquet --file "$(dirname "$0")/10-infeasible.sql"

# and the common picture: step time against micro-batch, coloured by tensor-parallel size
$SUANLI sweep plot ${TMPDIR:-/tmp}/suanli-example-10.parquet --x micro_batch --y step_time_s --color tp --out ${TMPDIR:-/tmp}/suanli-example-10.png
