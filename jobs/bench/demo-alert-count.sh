#!/usr/bin/env bash
# Runs the demo (bin/streamcl demo) once per seed and counts the seeds whose alert job raised an OPENED and a
# RESOLVED forgetting alert on the demo's real stability gap: a task accuracy alert whose onset lies within
# --window steps after a task boundary the demo reports. Prints one line per seed and the count; keeps each seed's
# output in --logs. --count-only re-counts logs written before without running the demo.
# Usage: jobs/bench/demo-alert-count.sh [--seeds 1-10] [--window 150] [--logs DIR] [--count-only] [-- DEMO OPTIONS]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
first=1 last=10 window=150 logs="${TMPDIR:-/tmp}/streamcl-demo-alert-count" count_only=0 demo=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seeds) first="${2%-*}"; last="${2#*-}"; shift 2 ;;
    --window) window="$2"; shift 2 ;;
    --logs) logs="$2"; shift 2 ;;
    --count-only) count_only=1; shift ;;
    --) shift; demo=("$@"); break ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo-alert-count: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$logs"
hits=0 seeds=0
for seed in $(seq "$first" "$last"); do
  log="$logs/seed-$seed.log"
  if [[ $count_only -eq 0 ]]; then
    "$repo/bin/streamcl" demo --seed "$seed" "${demo[@]}" > "$log" 2>&1 || echo "seed $seed: the demo failed, see $log" >&2
  fi
  [[ -f "$log" ]] || { echo "seed $seed: no log at $log" >&2; continue; }
  seeds=$((seeds + 1))
  # Boundaries from the gap lines; OPENED/RESOLVED accuracy alerts by onset step.
  verdict="$(awk -v window="$window" '
    /stability gap of task .* after the boundary at step/ { for (i = 1; i <= NF; i++) if ($i == "step") { b = $(i + 1); sub(":", "", b); boundary[b] = 1 } }
    /alert OPENED .* accuracy/ { for (i = 1; i <= NF; i++) if ($i == "since" && $(i + 1) == "step") { o = $(i + 2); sub(",", "", o); opened[o] = 1 } }
    /alert RESOLVED .* accuracy/ { for (i = 1; i <= NF; i++) if ($i == "onset" && $(i + 1) == "at") { o = $(i + 2); sub(";", "", o); resolved[o] = 1 } }
    END {
      all = 0; gap = 0
      for (o in opened) { all++; for (b in boundary) if (o + 0 >= b + 0 && o - b <= window && (o in resolved)) { gap = 1 } }
      printf "%s %d", gap ? "yes" : "no", all
    }' "$log")"
  [[ "${verdict%% *}" == yes ]] && hits=$((hits + 1))
  echo "seed $seed: OPENED and RESOLVED on a gap: ${verdict%% *} (accuracy alerts opened: ${verdict#* })"
done
echo "seeds with an OPENED and RESOLVED alert on a stability gap: $hits of $seeds"
