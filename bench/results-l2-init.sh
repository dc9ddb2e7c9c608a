#!/usr/bin/env bash
# Writes docs/results/l2-init.md from a bench/l2-init run: results-l2-init.sh OUT TASKS PER_TASK "SEEDS"
set -euo pipefail
BENCH=l2-init
source "$(dirname "$0")/lib.sh"
OUT=$1; tasks=$2; per_task=$3; seeds=$4
first=${seeds%% *}
page="$ROOT/docs/results/l2-init.md"
figures="$ROOT/docs/results/l2-init"
rm -rf "$figures"
copy_figures "$OUT/report-s$first" "$figures" online-per-task diagnostic-dormantfraction diagnostic-weightmagnitude
metrics=(); per_task_csv=()
for seed in $seeds; do metrics+=("$OUT/report-s$seed/metrics.csv"); per_task_csv+=("$OUT/report-s$seed/per-task.csv"); done
info() { sed -n "s/^$1=//p" "$OUT/$2.properties"; }
{
cat <<HEAD
# L2-Init on label-permuted Fashion-MNIST (Kumar et al. 2023)

Measured by \`bench/l2-init\` on $(date -u +%Y-%m-%d) through the real pipeline (\`loadgen\` → local Kafka →
one \`TrainingJob\` per seed training every configuration side by side, \`--grid\` → \`tools/bin/events\` → \`tools/bin/report\`). Seeds: $seeds. Machine: $(info cpu "sgd-s$first").

**Setup.** Label-permuted Fashion-MNIST: $tasks tasks of $([ "$per_task" = 0 ] && echo "60,000" || echo "$per_task") examples, the same images with a new fixed
permutation of the 10 labels per task; MLP 784-256-256-10 (ReLU), batch 32, \`sgd(lr=0.01)\` alone, with
\`l2_init(lambda=0.01)\` (regularise toward the initial weights) and with \`l2(lambda=0.01)\` (toward zero).
Online accuracy is test-then-train accuracy on each task's training examples.

## Measured

HEAD
task_trend "${per_task_csv[@]}"
echo
seed_table "online_acc avg_acc dormant effective_rank" "${metrics[@]}"
cat <<TAIL

![online accuracy per task](l2-init/online-per-task.png)

Wall time of the grid job (seed $first, all configurations side by side): $(info 'wall time' "sgd-s$first" | cut -d' ' -f1-2).

## Published

Kumar, Marklund and Van Roy (2023) report that L2-Init keeps the online accuracy on later tasks high on permuted
and label-permuted streams where plain training loses plasticity; with SGD their best setting is α = 1e-2,
λ = 1e-2 (Table 3). On Permuted MNIST with 20 tasks and Adam (Table 2), L2-Init reaches a total online average
accuracy of 81.1 %. Their MNIST and CIFAR streams differ from this Fashion-MNIST one, so compare the direction
(online accuracy across tasks with and without L2-Init), not the values.

Reproduce: \`bench/l2-init\`; \`--full\` for 100 tasks of one pass each and seeds 1 2 3; \`--help\` for the options.
TAIL
} > "$page"
log "wrote $page"
