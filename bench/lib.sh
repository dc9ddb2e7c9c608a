# Shared steps of the reproductions (sourced by bench/stability-gap, bench/loss-of-plasticity, bench/l2-init):
# one local Kafka broker, one loadgen stream per seed, one TrainingJob per seed that trains every learner
# configuration side by side on that stream (--grid), its evaluations dumped with tools/bin/events, and
# tools/bin/report over all configurations. Extra Maven flags (e.g. -Dmaven.repo.local=...): MAVEN_FLAGS.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

log() { echo "[$BENCH] $*" >&2; }

# Builds the tree once (and again when a pom changed), and the classpath the TrainingJob runs on.
bench_build() {
  local cp="$ROOT/jobs/target/bench.classpath"
  if [ ! -f "$cp" ] || [ ! -d "$ROOT/jobs/target/classes" ] || [ ! -d "$ROOT/tools/target/classes" ] \
      || [ -n "$(find "$ROOT" -name pom.xml -newer "$cp" -not -path '*/target/*')" ]; then
    log "building StreamCL (the first build downloads ~400 MB of dependencies) ..."
    (cd "$ROOT" && mvn -B -q ${MAVEN_FLAGS:-} install -DskipTests >&2 \
      && mvn -B -q ${MAVEN_FLAGS:-} -pl jobs dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile=target/bench.classpath >&2)
  fi
  JOB_CP="$ROOT/jobs/target/classes:$(cat "$cp")"
}

# Starts a broker of its own under $OUT/kafka (stopped when the script exits); sets BOOTSTRAP.
bench_broker() {
  KAFKA_DIR="$OUT/kafka"
  trap 'bench_stop' EXIT
  BOOTSTRAP=$("$ROOT/deploy/bin/kafka-local" start --port 0 --data-dir "$KAFKA_DIR" --heap 768m)
  log "Kafka broker at $BOOTSTRAP"
}

bench_stop() {
  "$ROOT/deploy/bin/kafka-local" stop --data-dir "$KAFKA_DIR" >/dev/null 2>&1 || true
}

# bench_topics TOPIC... : creates the topics on the running broker.
bench_topics() {
  local IFS=,
  local out
  out=$("$ROOT/deploy/bin/kafka-local" start --data-dir "$KAFKA_DIR" --topics "$*" 2>&1) \
    || { echo "$out" >&2; log "creating the topics $* failed"; exit 1; }
}

# bench_produce TOPIC LOADGEN-OPTIONS... : the scenario onto TOPIC, as fast as the broker takes it.
bench_produce() {
  local topic=$1; shift
  bench_topics "$topic"
  log "producing $* to $topic"
  LOADGEN_JAVA_OPTS=-Xmx1500m "$ROOT/loadgen/bin/loadgen" produce -b "$BOOTSTRAP" -t "$topic" --rate max \
    --progress-interval 30s "$@" >&2
}

# grid_start FILE SETTING... : starts a grid file (the TrainingJob's --grid) with settings every configuration shares.
grid_start() {
  local file=$1; shift
  { echo "# written by bench/$BENCH"; printf '%s\n' "$@"; } > "$file"
}

# grid_add FILE NAME SETTING... : appends the configuration NAME with its own settings to a grid file.
grid_add() {
  local file=$1 name=$2; shift 2
  { echo; echo "[$name]"; printf '%s\n' "$@"; } >> "$file"
}

# grid_names FILE : the configuration names of a grid file, one a line, in file order.
grid_names() {
  sed -n 's/^\[\(.*\)\]$/\1/p' "$1"
}

# bench_grid RUN TOPIC GRID-FILE : one bounded TrainingJob over TOPIC training every configuration of the grid file
# side by side on the same stream; evaluations go to evaluations-RUN and $OUT/RUN.jsonl, run metadata per
# configuration (the shared and its own settings, wall time, throughput) to $OUT/<configuration>.properties.
bench_grid() {
  local run=$1 topic=$2 grid=$3
  bench_topics "evaluations-$run" "predictions-$run" "dead-letters-$run"
  log "training $(grid_names "$grid" | paste -sd, -) side by side on $topic (grid $grid)"
  local start end
  start=$(date +%s.%N)
  java -Xmx${BENCH_HEAP:-3g} -Dlog4j2.configurationFile=log4j2-demo.xml -cp "$JOB_CP" io.streamcl.jobs.training.TrainingJob \
    --bootstrap-servers "$BOOTSTRAP" --examples-topic "$topic" --evaluations-topic "evaluations-$run" \
    --predictions-topic "predictions-$run" --dead-letters-topic "dead-letters-$run" --group-id "bench-$run" \
    --from earliest --bounded --checkpoint-interval "${BENCH_CHECKPOINT_INTERVAL:-PT30S}" --checkpoint-dir "$OUT/checkpoints" \
    --grid "$grid" \
    > "$OUT/$run.job.log" 2>&1 \
    || { tail -30 "$OUT/$run.job.log" >&2; log "training $run failed (log: $OUT/$run.job.log)"; exit 1; }
  end=$(date +%s.%N)
  "$ROOT/tools/bin/events" --bootstrap-servers "$BOOTSTRAP" --topic "evaluations-$run" > "$OUT/$run.jsonl"
  local examples configs name
  examples=$(tail -1 "$OUT/$run.jsonl" | sed -n 's/.*"examplesSeen":\([0-9]*\).*/\1/p')
  configs=$(grid_names "$grid" | wc -l)
  for name in $(grid_names "$grid"); do
    {
      echo "stream=$topic"
      awk -v want="[$name]" '/^\[/ { section = $0; next } /^(#|$)/ { next } section == "" || section == want' "$grid"
      echo "wall time=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.0f s", b-a}') for the $configs configurations of one job side by side (JVM and MiniCluster start included)"
      echo "throughput=$(awk -v n="$examples" -v a="$start" -v b="$end" 'BEGIN{printf "%.0f training examples/s", n/(b-a)}') per configuration"
      echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1) ($(nproc) cores)"
    } > "$OUT/$name.properties"
    log "$name: $(grep -c "\"configName\":\"$name\"" "$OUT/$run.jsonl") evaluations"
  done
  log "$run: $(sed -n 's/^wall time=//p' "$OUT/$name.properties")"
}

# bench_report DIR TITLE RUN GRID-FILE : the report over every configuration of the grid run RUN into DIR.
bench_report() {
  local dir=$1 title=$2 run=$3 grid=$4
  local args=(--evaluations "$OUT/$run.jsonl") name
  for name in $(grid_names "$grid"); do
    args+=(--run-info "$name=$OUT/$name.properties")
  done
  "$ROOT/tools/bin/report" --out "$dir" --title "$title" "${args[@]}" >&2
}

# seed_table COLUMNS FILE... : per configuration (the "-sN" seed suffix removed), mean ± standard deviation over
# the metrics.csv files of several seeds, as a Markdown table (fractions as %, losses and ranks as they are).
seed_table() {
  local cols=$1; shift
  awk -F, -v cols="$cols" '
    FNR == 1 { for (i = 1; i <= NF; i++) index_of[$i] = i; next }
    { name = $1; gsub(/-s[0-9]+/, "", name); if (!(name in seen)) { seen[name] = 1; order[++count] = name }
      runs[name]++; n = split(cols, want, " ");
      for (j = 1; j <= n; j++) { v = $(index_of[want[j]]); if (v != "") { sum[name, j] += v; sq[name, j] += v * v; k[name, j]++ } } }
    END {
      n = split(cols, want, " "); line = "| configuration | seeds |"; sep = "|---|---|";
      for (j = 1; j <= n; j++) { line = line " " want[j] " |"; sep = sep "---|" }
      print line; print sep;
      for (c = 1; c <= count; c++) { name = order[c]; line = "| " name " | " runs[name] " |";
        for (j = 1; j <= n; j++) {
          if (k[name, j] == 0) { line = line " — |"; continue }
          scale = (want[j] ~ /^(final_train_loss|effective_rank|train_loss)$/) ? 1 : 100; fmt = (scale == 1) ? "%.3f" : "%.1f";
          m = sum[name, j] / k[name, j]; var = sq[name, j] / k[name, j] - m * m; sd = var > 0 ? sqrt(var * k[name, j] / (k[name, j] > 1 ? k[name, j] - 1 : 1)) : 0;
          cell = sprintf(fmt, scale * m); if (k[name, j] > 1) cell = cell " ± " sprintf(fmt, scale * sd);
          line = line " " cell " |" }
        print line } }' "$@"
}

# copy_figures REPORT-DIR DEST STEM... : the named PNG figures of a report into DEST (for the results page).
copy_figures() {
  local from=$1 to=$2; shift 2
  mkdir -p "$to"
  local stem
  for stem in "$@"; do
    [ -f "$from/figures/$stem.png" ] && cp "$from/figures/$stem.png" "$to/"
  done
  return 0
}

# task_trend FILE... : per configuration of the per-task.csv files (seeds pooled), the mean of its per-task value
# over the first and over the last fifth of the tasks (at least one task each), as a Markdown table.
task_trend() {
  awk -F, '
    FNR == 1 { measure = $3; next }
    { name = $1; gsub(/-s[0-9]+/, "", name); if (!(name in seen)) { seen[name] = 1; order[++count] = name }
      value[name, $2] += $3; runs[name, $2]++; if ($2 + 1 > tasks[name]) tasks[name] = $2 + 1 }
    END {
      print "| configuration | tasks | " measure ", first fifth of tasks | " measure ", last fifth | change |";
      print "|---|---|---|---|---|";
      for (c = 1; c <= count; c++) { name = order[c]; n = tasks[name]; w = int(n / 5); if (w < 1) w = 1;
        first = 0; last = 0;
        for (t = 0; t < w; t++) { first += value[name, t] / runs[name, t]; last += value[name, n - 1 - t] / runs[name, n - 1 - t] }
        first /= w; last /= w; scale = (measure == "online_acc") ? 100 : 1; fmt = (scale == 100) ? "%.1f" : "%.3f";
        printf "| %s | %d | " fmt " | " fmt " | %+" substr(fmt, 2) " |\n", name, n, scale * first, scale * last, scale * (last - first) } }' "$@"
}
