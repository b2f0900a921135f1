#!/usr/bin/env bash
# Builds the release dist/ and prints each file's raw and gzip (-9) size, and the totals; exits
# non-zero when the total gzip size is over the budget (BUDGET_GZIP bytes, default 150 KB).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup.sh >&2
build_dist >&2
printf '%-44s %10s %10s\n' "file" "raw B" "gzip B"
total_raw=0
total_gz=0
while IFS= read -r f; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-44s %10d %10d\n' "${f#dist/}" "$raw" "$gz"
done < <(find dist -type f | sort)
printf '%-44s %10d %10d\n' "total" "$total_raw" "$total_gz"
awk -v r="$total_raw" -v g="$total_gz" 'BEGIN { printf "%-44s %9.1fK %9.1fK\n", "total (KiB)", r / 1024, g / 1024 }'
budget="${BUDGET_GZIP:-150000}"
if [ "$total_gz" -le "$budget" ]; then
  printf 'budget: %d B gzip of %d B: within\n' "$total_gz" "$budget"
else
  printf 'budget: %d B gzip of %d B: OVER by %d B\n' "$total_gz" "$budget" "$((total_gz - budget))"
  exit 1
fi
