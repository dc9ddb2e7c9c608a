#!/usr/bin/env bash
# Writes docs/results/gap-methods.md from the finished bench/gap-methods runs under bench/out/gap-methods/<scenario>[-<size>].
set -euo pipefail
BENCH=gap-methods
source "$(dirname "$0")/lib.sh"
base="$ROOT/bench/out/$BENCH"
page="$ROOT/docs/results/gap-methods.md"
figures="$ROOT/docs/results/gap-methods"
scenarios=()
for d in "$base"/split "$base"/split-* "$base"/rotated "$base"/rotated-*; do [ -f "$d/run.env" ] && scenarios+=("${d##*/}"); done
[ ${#scenarios[@]} -gt 0 ] || { log "no finished run under $base (run bench/gap-methods first)"; exit 1; }
rm -rf "$figures"

# read_run FOLDER : sets scenario seeds per_task samples every tasks load from the folder's run.env, and metrics to its
# metrics.csv files.
read_run() {
  local key seed
  for key in scenario seeds per_task samples every tasks load; do
    printf -v "$key" '%s' "$(sed -n "s/^$key=//p" "$base/$1/run.env")"
  done
  metrics=()
  for seed in $seeds; do metrics+=("$base/$1/report-s$seed/metrics.csv"); done
}

# goal_lines ROW-LABEL FILE... : issue 15's stability-gap goal over metrics.csv files (seeds pooled and per seed): each
# lpr row against replay's EMA weights on WC-ACC (needs >= +5 points) and against replay's raw weights on final avg-ACC
# (>= 0); one sentence per lpr row, or with a ROW-LABEL one summary table row per lpr row.
goal_lines() {
  local label=$1; shift
  awk -F, -v label="$label" 'FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { name = $1; seed = name; sub(/.*-s/, "", seed); sub(/ .*/, "", seed); gsub(/-s[0-9]+/, "", name)
      wc[name, seed] = 100 * $c["wc_acc"]; avg[name, seed] = 100 * $c["avg_acc"]; if (!(seed in seen)) { seen[seed] = 1; seeds[++ns] = seed } }
    END {
      split("lpr|lpr (EMA weights)", cand, "|")
      for (j = 1; j <= 2; j++) { name = cand[j]; dw = 0; da = 0; met = 0; per = ""
        for (i = 1; i <= ns; i++) { s = seeds[i]; w = wc[name, s] - wc["replay (EMA weights)", s]; a = avg[name, s] - avg["replay", s]
          dw += w; da += a; ok = (w >= 5 && a >= 0); met += ok
          per = per sprintf("%sseed %s: WC-ACC %+.1f, avg-ACC %+.1f%s", (i > 1 ? "; " : ""), s, w, a, ok ? " (met)" : " (missed)") }
        dw /= ns; da /= ns
        verdict = (dw >= 5 && da >= 0) ? (met == ns ? "**met**" : "**met on the mean, not on every seed**") : "**missed**"
        why = ""
        if (dw < 5) why = why sprintf(" WC-ACC short of the +5 points by %.1f", 5 - dw)
        if (da < 0) why = why sprintf("%s final avg-ACC %.1f points below replay alone", (why == "" ? "" : ";"), -da)
        learner = (name ~ /EMA/ ? "replay + lpr + EMA (EMA weights)" : "replay + lpr (raw weights)")
        if (label != "") { printf "| %s | %s | %d | %+.1f | %+.1f | %s | %d of %d |\n", label, learner, ns, dw, da, verdict, met, ns; continue }
        printf "- %s: WC-ACC %+.1f points against replay + EMA, final avg-ACC %+.1f points against replay alone (mean over %d seed%s): %s%s. Per seed: %s; met on %d of %d.\n",
          learner, dw, da, ns, (ns > 1 ? "s" : ""), verdict, (why == "" ? "" : " —" why), per, met, ns } }' "$@"
}

{
cat <<HEAD
# Stability-gap methods with one replay budget: replay, EMA and Layerwise Proximal Replay

Measured by \`bench/gap-methods\` on $(date -u +%Y-%m-%d) through the real pipeline: \`loadgen\` → local Kafka broker →
one \`TrainingJob\` per scenario and seed (Flink MiniCluster) that trains both configurations side by side on that
stream (\`--grid\`; the grid file is \`bench/out/gap-methods/<folder>/grid-s<seed>.ini\`) → \`tools/bin/events\` →
\`tools/bin/report\`. Machine: $(sed -n 's/^cpu=//p' "$base/${scenarios[0]}"/replay-s*.properties | head -1), shared with
other jobs (load averages below), so wall times only compare runs of one job.

**Goal (issue 15).** With the same replay budget, a configuration from the optimizer catalogue beats replay + EMA
(its EMA weights) on WC-ACC by at least 5 points, with final avg-ACC no lower than replay alone (its raw weights).

**Setup.** Fashion-MNIST, 5 tasks, MLP 784-256-256-10 (ReLU), batch 32, one online pass, SGD (lr 0.01, momentum
0.9), reservoir replay of 2,000 examples with 32 replayed rows an update and half of each loss on replay
(\`replay=reservoir(capacity=2000,batch=32,new_weight=0.5)\`) for both configurations:

| configuration | optimizer | its raw weights are | its EMA weights are |
|---|---|---|---|
| replay | \`sgd(lr=0.01,momentum=0.9)+ema\` | replay | replay + EMA |
| lpr | \`sgd(lr=0.01,momentum=0.9)+lpr+ema\` | replay + lpr | replay + lpr + EMA |

\`ema\` (momentum 0.99, ramped from 0.9 over the first 100 updates) keeps shadow weights that are evaluated separately
and never change training, so the two trained configurations give the four compared learners. \`lpr\` runs with its
catalogue defaults (\`omega=1,every=30,sample=2000\`: every 30 updates, each layer's preconditioner
(I + ω ZᵀZ/n)⁻¹ is rebuilt from that layer's inputs on the replay memory; Yoo et al., ICML 2024). Held-out accuracy
of every seen task is measured on both weights after every update (settings per scenario below); min-ACC and WC-ACC
are De Lange et al.'s (see \`docs/metrics.md\`); WF10 and WP10 are the largest drop and the largest gain of a task's
accuracy within 10 evaluations (forgetting and plasticity, averaged over tasks); online_acc is prequential accuracy
on the training stream. \`lpr\` costs about 5× replay SGD an update (\`docs/optimizers.md\`); at these sizes a grid
job still takes only minutes, dominated by evaluation after every update.

## Goal verdict (differences in points, mean over seeds; per seed in each section below)

| stream | learner | seeds | WC-ACC vs replay + EMA (goal ≥ +5) | final avg-ACC vs replay (goal ≥ 0) | goal | seeds meeting it |
|---|---|---|---|---|---|---|
HEAD
for s in "${scenarios[@]}"; do
  read_run "$s"
  goal_lines "$scenario, $per_task a task, $samples samples" "${metrics[@]}"
done
for s in "${scenarios[@]}"; do
  read_run "$s"
  first=${seeds%% *}
  [ "$s" = "$scenario" ] && copy_figures "$base/$s/report-s$first" "$figures/$s" 01-replay-s$first-accuracy 02-replay-s$first-ema-weights-accuracy \
    03-lpr-s$first-accuracy 04-lpr-s$first-ema-weights-accuracy
  if [ "$scenario" = split ]; then
    what="Split (class-incremental: task t holds classes 2t and 2t+1, one output head)"
  else
    what="Rotated (domain-incremental: all 10 classes in every task, task t rotates every image by $((180 / tasks))·t degrees)"
  fi
  cat <<SECTION

## ${scenario^} Fashion-MNIST, $([ "$per_task" = 0 ] && echo "one pass a task" || echo "$per_task examples a task"), $samples held-out samples

$what; $([ "$per_task" = 0 ] && echo "one pass over each task's training images" || echo "$per_task examples per task"), 10 % of them held-out \`EVAL\`
examples from the test images; evaluation $([ "$every" = 1 ] && echo "after every update" || echo "every $every updates") on up to $samples samples per seen task
(\`eval.every=$every\`, \`eval.samples-per-task=$samples\`). Seeds: $seeds (stream and model).

Mean ± sample standard deviation over seeds, in %:

$(seed_table "min_acc min_acc_every10 min_acc_task_end wc_acc avg_acc bwt wf10 wp10 online_acc" "${metrics[@]}")

$(goal_lines "" "${metrics[@]}")

Wall time of the grid job (two configurations side by side, raw and EMA weights evaluated, JVM and MiniCluster
start included): $(for seed in $seeds; do echo -n "seed $seed $(sed -n 's/^wall time=//p' "$base/$s/replay-s$seed.properties" | cut -d' ' -f1-2), "; done | sed 's/, $//'); 1-minute load average at the start and end of the runs: ${load:-not recorded}.

$(for f in "$figures/$s"/*.png; do [ -f "$f" ] && echo "![$s $(basename "$f" .png)](gap-methods/$s/$(basename "$f"))"; done)

Reproduce: \`bench/gap-methods --scenario $scenario$([ "$seeds" = 1 ] || echo " --seeds \"$seeds\"")$([ "$per_task" = 2000 ] || echo " --examples-per-task $per_task")$([ "$samples" = 100 ] || echo " --samples $samples")$([ "$every" = 1 ] || echo " --eval-every $every")\`
SECTION
done
cat <<TAIL

## Reading the numbers

- min-ACC averages, over the earlier tasks, the lowest accuracy each fell to after its training ended; at 100
  held-out samples a single score has a standard error of up to 5 points, so these minima over many noisy scores
  read low for every configuration alike (less so at 300). WC-ACC is the mean of the last task's final accuracy and
  the earlier tasks' minima, so a learner that is slow on the last task loses WC-ACC too.
- The verdict depends on the size (runs of 2026-12-03, the table at the top). At 5 × 2,000 with 100 held-out
  samples replay + \`lpr\` beats replay + EMA by 13–17 points of WC-ACC on both streams. At 5 × 3,000 with 300
  samples — the size of issue 15's own measurement, whose replay + EMA WC-ACC of 66.7 this page reproduces (65.9 on
  split) — the EMA weights have more updates a task to catch up, and \`lpr\` leads by only 5.7 points on rotated
  (1 seed of 3 above +5) and trails by 3.2 on split (the goal missed there by 8.2 points), while keeping a higher
  final avg-ACC (+6.1 points on split). \`lpr\` runs at its catalogue defaults here; ω and the refresh interval were
  not tuned.
- \`lpr\` trades speed of learning for stability: in the accuracy figures of these runs a new task needs 20–40
  updates to level off instead of about 10 with replay alone, and old tasks barely dip at a boundary (compare the WF10, WP10 and online_acc columns). EMA
  weights average over the last ~100 updates, so on top of \`lpr\` they lag a model that already learns slowly: in
  these runs replay + lpr + EMA is below replay + lpr on WC-ACC and avg-ACC, so the EMA weights are no help there.
- The same comparison without Kafka and Flink (learner core only, split setting, 3,000 examples a task, 300
  held-out samples): \`BENCH_MAIN=io.streamcl.core.bench.SplitReplayExperiment operators/core/bench/run-bench.sh
  --specs "sgd(lr=0.01,momentum=0.9)+ema;sgd(lr=0.01,momentum=0.9)+lpr+ema" --seeds 0,1\`.
- The full interactive reports (\`report.html\`) are written to \`bench/out/gap-methods/<folder>/report-s<seed>/\`;
  they are not kept in the repository. \`bench/gap-methods --help\` lists the options.
TAIL
} > "$page"
log "wrote $page"
