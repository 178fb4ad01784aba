#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each, seeded from samples/ and the
# shared conformance and quirk fixtures. New crashes are left in
# BUILD/fuzz-artifacts/ and make this script fail.
#
#   bash tests/fuzz/run.sh BUILD_DIR [SECONDS]
set -euo pipefail
BUILD="$(cd "$1" && pwd)"
SECONDS_EACH="${2:-60}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED="$ROOT/../shared"
ART="$BUILD/fuzz-artifacts"
mkdir -p "$ART"
for target in fuzz_hcl fuzz_json; do
  corpus="$BUILD/fuzz-corpus/$target"
  mkdir -p "$corpus"
  case "$target" in
    fuzz_hcl) seeds=$(find "$ROOT/samples" "$SHARED/oracle/quirks" "$SHARED/conformance" -name '*.hcl' 2>/dev/null) ;;
    fuzz_json) seeds=$(find "$ROOT/samples" "$SHARED/oracle/quirks" "$SHARED/conformance" -name '*.json' 2>/dev/null) ;;
  esac
  for s in $seeds; do
    if [ "$target" = fuzz_json ]; then tail -c +2 "$s" > "$corpus/seed-$(basename "$(dirname "$s")")-$(basename "$s")"
    else cp "$s" "$corpus/seed-$(basename "$(dirname "$s")")-$(basename "$s")"; fi
  done
  echo "fuzz: $target for ${SECONDS_EACH}s ($(ls "$corpus" | wc -l) corpus files)"
  "$BUILD/bin/$target" -max_total_time="$SECONDS_EACH" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$ART/$target-" -print_final_stats=1 "$corpus" 2>"$BUILD/$target.log" || {
      tail -n 60 "$BUILD/$target.log"; echo "fuzz: $target FAILED"; exit 1; }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$BUILD/$target.log" | sed "s/^/  $target /"
done
