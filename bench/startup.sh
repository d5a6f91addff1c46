#!/usr/bin/env bash
# Start-up time of one short CLI call, as a user runs it (through ./suanli).
#
#   bench/startup.sh                      # the default call below
#   bench/startup.sh catalog list --json  # any other arguments
#   BENCH_RUNS=21 BENCH_WARMUP=3 bench/startup.sh
#   BENCH_LAUNCHER="java -jar suanli-cli/target/suanli.jar" bench/startup.sh   # bare JVM, no launcher
#
# Runs the call BENCH_WARMUP times (default 2) to warm the file cache, then BENCH_RUNS times
# (default 11), and prints the median, min and max wall time plus the median CPU time (user+sys,
# less sensitive to other load than wall time) and the load average before and after. Wall figures
# are only comparable on an idle machine; on a busy one, run it under `nice -n -5` or compare CPU.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${BENCH_RUNS:-11}"
warmup="${BENCH_WARMUP:-2}"
read -r -a launcher <<<"${BENCH_LAUNCHER:-$root/suanli}"
if [ "$#" -eq 0 ]; then
  set -- train --model llama2-7b --server dgx-h100 --gpus 8 --json
fi

# Build first (if sources changed) so that no measured run includes a build.
"${launcher[@]}" "$@" >/dev/null

loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*average[s]*: //'; }
load_before="$(loadavg)"
times_file="$(mktemp)"
trap 'rm -f "$times_file"' EXIT
TIMEFORMAT='%3R %3U %3S'
for ((i = 0; i < warmup + runs; i++)); do
  if ((i < warmup)); then
    "${launcher[@]}" "$@" >/dev/null 2>&1
  else
    { time "${launcher[@]}" "$@" >/dev/null 2>&1; } 2>>"$times_file"
  fi
done
load_after="$(loadavg)"

median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.3f %.3f %.3f\n", v[int((NR + 1) / 2)], v[1], v[NR] }'; }
read -r wall_med wall_min wall_max < <(awk '{ print $1 }' "$times_file" | median)
read -r cpu_med _ _ < <(awk '{ print $2 + $3 }' "$times_file" | median)
echo "command:     suanli $*"
echo "runs:        $runs after $warmup warm-up, on $(nproc 2>/dev/null || echo '?') cores"
echo "wall median: $wall_med s   (min $wall_min, max $wall_max)"
echo "cpu median:  $cpu_med s   (user+sys)"
echo "load avg:    $load_before before, $load_after after"
