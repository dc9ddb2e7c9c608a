#!/usr/bin/env bash
# Writes docs/results/loss-of-plasticity.md from a bench/loss-of-plasticity run: results-loss-of-plasticity.sh OUT TASKS PER_TASK "SEEDS"
set -euo pipefail
BENCH=loss-of-plasticity
source "$(dirname "$0")/lib.sh"
OUT=$1; tasks=$2; per_task=$3; seeds=$4
first=${seeds%% *}
page="$ROOT/docs/results/loss-of-plasticity.md"
# the core-level section (operators/core benches, not this pipeline run) is kept across rewrites
core_section=$(sed -n '/^## Core-level check/,$p' "$page" 2>/dev/null || true)
figures="$ROOT/docs/results/loss-of-plasticity"
rm -rf "$figures"
copy_figures "$OUT/report-s$first" "$figures" online-per-task diagnostic-dormantfraction diagnostic-effectiverank \
  diagnostic-weightmagnitude
metrics=(); task_csvs=()
for seed in $seeds; do metrics+=("$OUT/report-s$seed/metrics.csv"); task_csvs+=("$OUT/report-s$seed/per-task.csv"); done
info() { sed -n "s/^$1=//p" "$OUT/$2.properties"; }
{
cat <<HEAD
# Loss of plasticity on online permuted Fashion-MNIST (Dohare et al. 2024)

Measured by \`bench/loss-of-plasticity\` on $(date -u +%Y-%m-%d) through the real pipeline (\`loadgen\` → local Kafka →
one \`TrainingJob\` per seed training every configuration side by side, \`--grid\` → \`tools/bin/events\` → \`tools/bin/report\`). Seeds: $seeds. Machine: $(info cpu "sgd-s$first").

**Setup.** Online permuted Fashion-MNIST: $tasks tasks of $([ "$per_task" = 0 ] && echo "60,000" || echo "$per_task") examples (5 % held out), each a new fixed pixel
permutation; an MLP 784-256-256-10 (ReLU) trained online (batch 32) with \`sgd(lr=0.01)\`, alone or with \`cbp\`,
\`l2_init\` or \`shrink_perturb\` at their defaults (README, optimizer catalogue). Online accuracy per task is the
test-then-train accuracy on the task's training examples. Dohare et al.'s slowly-changing (bit-flipping)
regression is not run: the training job does not learn from regression targets yet (an example without a label
only gets a prediction), so that stream cannot go through the pipeline.

## Measured

Online accuracy per task, first fifth of the tasks against the last fifth:

HEAD
task_trend "${task_csvs[@]}"
cat <<MID

Whole stream (mean ± standard deviation over seeds; dormant = fraction of hidden units that never fire on a probe batch, last value):

MID
seed_table "online_acc avg_acc dormant effective_rank" "${metrics[@]}"
cat <<TAIL

![online accuracy per task](loss-of-plasticity/online-per-task.png)
![dormant units over time](loss-of-plasticity/diagnostic-dormantfraction.png)

Wall time of the grid job (seed $first, all configurations side by side): $(info 'wall time' "sgd-s$first" | cut -d' ' -f1-2).

## Published

Dohare et al. (Nature 2024), online permuted MNIST (800 tasks of 60,000 examples, 30 runs): with backprop at
α = 0.01 the online accuracy falls from ≈94.5 % on the first tasks to ≈90.2 % at task 800, and continual
backprop keeps it; on the slowly-changing regression the error of a ReLU network rises from ≈0.62 to ≈1.2–1.35
over 1M examples, worse than a linear learner (≈0.87), while continual backprop, L2 and shrink-and-perturb hold it
down.

## Comparison

The default run is $tasks tasks of $([ "$per_task" = 0 ] && echo "60,000" || echo "$per_task") examples on Fashion-MNIST — orders of magnitude shorter than the
paper's 800 × 60,000 on MNIST, with one network per configuration instead of 30 — so compare the direction of the
change from the first to the last tasks and the diagnostics, not the values.

Reproduce: \`bench/loss-of-plasticity\`; \`--full\` for 100 tasks and seeds 1 2 3; \`--help\` for the options.
TAIL
} > "$page"
if [ -n "$core_section" ]; then
  printf '\n%s\n' "$core_section" >> "$page"
fi
log "wrote $page"
