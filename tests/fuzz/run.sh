#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each, seeded from samples/, tests/fuzz/seeds
# and the shared conformance and quirk fixtures. New crashes are left in
# BUILD/fuzz-artifacts/ and make this script fail. Corpora grow in
# BUILD/fuzz-corpus/TARGET between runs.
#
#   bash tests/fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]
#   ENTRYC_FUZZ_RUNS=N  run N executions per target instead of a time bound
#   ENTRYC_FUZZ_FLAGS="..."  more libFuzzer flags, after (and so overriding) the defaults;
#                           e.g. -entropic=0 -max_len=1024, see docs/fuzzing.md
set -euo pipefail
BUILD="$(cd "$1" && pwd)"
SECONDS_EACH="${2:-60}"
shift $(( $# >= 2 ? 2 : $# ))
TARGETS=("$@")
[ "${#TARGETS[@]}" -gt 0 ] || TARGETS=(fuzz_hcl fuzz_json fuzz_lint fuzz_project fuzz_state fuzz_serve)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED="$ROOT/../shared"
ART="$BUILD/fuzz-artifacts"
mkdir -p "$ART"
# The targets' scratch files (fuzz_common.hpp) go to one directory per run of
# this script (under $ENTRYC_FUZZ_TMPDIR, else /dev/shm, else /tmp), removed on
# exit, so that a target that crashes leaves nothing behind.
SCRATCH_BASE="${ENTRYC_FUZZ_TMPDIR:-$([ -w /dev/shm ] && echo /dev/shm || echo /tmp)}"
ENTRYC_FUZZ_TMPDIR="$(mktemp -d "$SCRATCH_BASE/entryc-fuzz-run-XXXXXX")"
export ENTRYC_FUZZ_TMPDIR
trap 'rm -rf "$ENTRYC_FUZZ_TMPDIR"' EXIT

fixtures() {  # fixtures EXT: sample and conformance files with that extension
  find "$ROOT/samples" "$SHARED/oracle/quirks" "$SHARED/conformance" -name "*.$1" 2>/dev/null
}

seed() {  # seed TARGET CORPUS
  local s name
  case "$1" in
    fuzz_hcl)
      for s in $(fixtures hcl); do cp "$s" "$2/seed-$(basename "$(dirname "$s")")-$(basename "$s")"; done ;;
    fuzz_json)  # the target puts a '{' in front: drop the fixture's own
      for s in $(fixtures json); do tail -c +2 "$s" > "$2/seed-$(basename "$(dirname "$s")")-$(basename "$s")"; done ;;
    fuzz_lint)  # first byte: kind auto, edition ce, peers given, .hcl (0x10) or .json (0x18)
      for s in $(fixtures hcl); do
        name="$2/seed-$(basename "$(dirname "$s")")-$(basename "$s")"
        { printf '\x10'; cat "$s"; } > "$name"
      done
      for s in $(fixtures json); do
        name="$2/seed-$(basename "$(dirname "$s")")-$(basename "$s")"
        { printf '\x18'; cat "$s"; } > "$name"
      done ;;
    fuzz_project)
      for s in "$ROOT"/samples/*/entryc.hcl; do cp "$s" "$2/seed-$(basename "$(dirname "$s")").hcl"; done ;;
    fuzz_state)
      cp "$ROOT"/tests/fuzz/seeds/state/* "$2/" ;;
    fuzz_serve)
      cp "$ROOT"/tests/fuzz/seeds/serve/* "$2/" ;;
  esac
}

for target in "${TARGETS[@]}"; do
  corpus="$BUILD/fuzz-corpus/$target"
  mkdir -p "$corpus"
  seed "$target" "$corpus"
  bound=(-max_total_time="$SECONDS_EACH")
  [ -z "${ENTRYC_FUZZ_RUNS:-}" ] || bound=(-runs="$ENTRYC_FUZZ_RUNS")
  echo "fuzz: $target ${bound[*]} ($(ls "$corpus" | wc -l) corpus files)"
  # shellcheck disable=SC2086  # ENTRYC_FUZZ_FLAGS is a list of flags
  ENTRYC_FUZZ_PROJECT_SEED="$ROOT/samples/seed-two-clusters" \
  "$BUILD/bin/$target" "${bound[@]}" -max_len=8192 -timeout=10 -rss_limit_mb=2048 ${ENTRYC_FUZZ_FLAGS:-} \
    -artifact_prefix="$ART/$target-" -print_final_stats=1 "$corpus" 2>"$BUILD/$target.log" || {
      tail -n 60 "$BUILD/$target.log"; echo "fuzz: $target FAILED"; exit 1; }
  grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$BUILD/$target.log" \
    | sed "s/^/  $target /"
done
