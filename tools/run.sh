#!/usr/bin/env bash
# One entry point for people and CI, on a fresh Debian 12 machine as root:
#
#   bash tools/run.sh main   set up, build, run the main job
#   bash tools/run.sh test   set up, build, run the whole test suite
#
# Both install what they need with apt (only what is missing) and are safe to
# re-run. Build trees go to build/ (gcc), build-asan/ (clang, sanitizers) and
# build-fuzz/; the HCL oracle to build-oracle/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="$(cd "$ROOT/../shared" 2>/dev/null && pwd || true)"
JOBS="$(nproc 2>/dev/null || echo 2)"
say() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'run.sh: error: %s\n' "$*" >&2; exit 1; }

PACKAGES=(build-essential cmake ninja-build clang libclang-rt-14-dev python3
          tao-pegtl-dev nlohmann-json3-dev libfmt-dev libboost-dev libgtest-dev libbenchmark-dev libcurl4-openssl-dev libssl-dev curl
          golang-go golang-github-hashicorp-hcl-dev graphviz file pre-commit libicu72 openssl)

setup() {
  command -v dpkg-query >/dev/null || die "this script expects Debian 12 (dpkg-query not found)"
  local missing=()
  for p in "${PACKAGES[@]}"; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" = installed ] || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  [ -n "$SHARED" ] || die "../shared (the reference material) is missing next to the repository"
}

build() {  # build DIR [cmake args...]
  local dir="$1"; shift
  cmake -S "$ROOT" -B "$ROOT/$dir" -G Ninja "$@" >/dev/null
  cmake --build "$ROOT/$dir" -j "$JOBS"
}

# Microsoft's SARIF Multitool validates our SARIF in tests/e2e/report_test.py.
# It comes from npm (a self-contained .NET program: it needs libicu), into the
# build tree, not the repository; npm from Debian only if there is none.
sarif_multitool() {
  local dir="$ROOT/build/sarif-multitool"
  local tool="$dir/node_modules/.bin/sarif-multitool"
  if [ ! -x "$tool" ]; then
    if ! command -v npm >/dev/null; then
      local sudo=""
      [ "$(id -u)" -eq 0 ] || sudo=sudo
      $sudo apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends npm >/dev/null
    fi
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error @microsoft/sarif-multitool@5.7.0 >&2
  fi
  chmod u+x "$dir"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool 2>/dev/null || true
  echo "$tool"
}

oracle() {
  bash "$SHARED/oracle/build.sh" "$ROOT/build-oracle" 2>/dev/null
}

main_job() {
  setup
  say "building entryc"
  build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
  local entryc="$ROOT/build/bin/entryc"
  cd "$ROOT/samples/seed-two-clusters"
  rm -rf .entryc  # start from empty simulated clusters
  say "entryc lint --project entryc.hcl  (the seed scenario: every file and the four steps together)"
  "$entryc" lint --format pretty --project entryc.hcl
  say "entryc plan  (the four peering steps, in order; the token is a reference, never a value)"
  "$entryc" plan
  say "entryc apply --auto-approve  (on the built-in peering runtime: no Consul server)"
  "$entryc" apply --auto-approve
  say "entryc check cluster-02/frontend-service cluster-01/backend-service  (expected: ALLOWED)"
  "$entryc" check cluster-02/frontend-service cluster-01/backend-service
  say "entryc check cluster-02/reporting-service cluster-01/backend-service  (no intention: expected DENIED)"
  set +e
  "$entryc" check cluster-02/reporting-service cluster-01/backend-service
  local rc=$?
  set -e
  [ "$rc" -eq 1 ] || die "expected DENIED (exit status 1) for reporting-service, got $rc"
  say "entryc check --matrix  (who can call whom)"
  "$entryc" check --matrix
  say "entryc apply --auto-approve again  (idempotent: nothing to do)"
  "$entryc" apply --auto-approve
  say "main job done: the seed scenario is planned, applied and checked"
}

test_job() {
  setup
  cd "$ROOT"
  say "gcc build, warnings are errors"
  build build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENTRYC_WERROR=ON
  say "unit and end-to-end tests (ctest)"
  local orc
  orc="$(oracle)"
  ENTRYC_SARIF_MULTITOOL="$(sarif_multitool)"
  export ENTRYC_SARIF_MULTITOOL ENTRYC_REQUIRE_SARIF_MULTITOOL=1 ENTRYC_REQUIRE_TOOLS=1
  ENTRYC_ORACLE="$orc" ctest --test-dir build --output-on-failure -j "$JOBS"
  say "clang build with AddressSanitizer + UndefinedBehaviorSanitizer, warnings are errors"
  build build-asan -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DENTRYC_SANITIZE=ON -DENTRYC_WERROR=ON \
    -DENTRYC_BENCH=OFF
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ENTRYC_ORACLE="$orc" ctest --test-dir build-asan --output-on-failure -j "$JOBS"
  say "fuzzing the front ends, decode + rule plugins, the project loader, the state readers and serve (${ENTRYC_FUZZ_SECONDS:-40} s each)"
  cmake -S "$ROOT" -B "$ROOT/build-fuzz" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DENTRYC_FUZZ=ON -DENTRYC_TESTS=OFF -DENTRYC_BENCH=OFF >/dev/null
  cmake --build "$ROOT/build-fuzz" -j "$JOBS" --target fuzz_hcl fuzz_json fuzz_lint fuzz_project fuzz_state fuzz_serve
  bash "$ROOT/tests/fuzz/run.sh" "$ROOT/build-fuzz" "${ENTRYC_FUZZ_SECONDS:-40}"
  say "all tests passed"
}

case "${1:-}" in
  main) main_job ;;
  test) test_job ;;
  setup) setup ;;
  *) echo "usage: bash tools/run.sh main|test|setup" >&2; exit 2 ;;
esac
