#!/usr/bin/env bash
# Fuzzes dechaff with cargo-fuzz (libFuzzer): seeds the corpora if they are empty, builds the
# targets, replays the saved reproducers in fuzz/regressions/<target>/, then runs each target
# for MINUTES minutes (a fraction is fine: 0.5 is 30 seconds; 0 only replays the corpus).
#
#   bash fuzz/run.sh [MINUTES] [TARGET...]      # default: 1 minute, every target
#   FUZZ_MAX_LEN=16384 bash fuzz/run.sh 30 clean # smaller inputs, more executions
#
# Prints, per target, how many inputs ran and whether one crashed (with the reproducer's path).
# Exits 1 if any target crashed, timed out, ran out of memory or failed to build; exits 0 with
# the reason when cargo-fuzz is not installed, so that a machine without it skips fuzzing.
set -uo pipefail
fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz")
all_targets=(clean jsonl rulefile)

minutes=${1:-1}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
if ! [[ $minutes =~ ^[0-9]+([.][0-9]+)?$ ]]; then
  echo "usage: bash fuzz/run.sh [MINUTES] [TARGET...]   (targets: ${all_targets[*]})" >&2
  exit 2
fi
for t in "${targets[@]}"; do
  if [[ ! " ${all_targets[*]} " =~ " $t " ]]; then
    echo "run.sh: no fuzz target '$t' (targets: ${all_targets[*]})" >&2
    exit 2
  fi
done
seconds=$(awk -v m="$minutes" 'BEGIN { s = m * 60; print (s == int(s)) ? s : int(s) + 1 }')

if ! cargo fuzz --help >/dev/null 2>&1; then
  echo "run.sh: cargo-fuzz is not installed (cargo install cargo-fuzz --locked); skipping fuzzing"
  exit 0
fi

# cargo-fuzz passes nightly-only flags to rustc (-Zsanitizer=address and the coverage
# instrumentation); this lets the stable toolchain accept them.
export RUSTC_BOOTSTRAP=1
export CARGO_TERM_COLOR=never
cd "$root" || exit 1

for t in "${targets[@]}"; do
  if [ -z "$(ls -A "$fuzz/corpus/$t" 2>/dev/null)" ]; then
    bash "$fuzz/seed.sh" || exit 1
    break
  fi
done

# The main crate's lock file pins every dependency the two crates share; cargo adds the fuzz
# crate's own (libfuzzer-sys) to the copy.
cp "$root/Cargo.lock" "$fuzz/Cargo.lock"
for t in "${targets[@]}"; do
  if ! cargo fuzz build "$t"; then
    echo "run.sh: fuzz target '$t' does not build"
    exit 1
  fi
done

mkdir -p "$fuzz/logs"
# Inputs up to 64 KiB (the seeds' cap; FUZZ_MAX_LEN sets another, e.g. 16384 for more
# executions per second), 60 s for one input, 4 GiB of memory.
max_len=${FUZZ_MAX_LEN:-65536}
if ! [[ $max_len =~ ^[1-9][0-9]*$ ]]; then
  echo "run.sh: FUZZ_MAX_LEN must be a number of bytes, not '$max_len'" >&2
  exit 2
fi
flags=(-rss_limit_mb=4096 -max_len="$max_len" -timeout=60 -print_final_stats=1)
failed=0
summary=()

# Reports a failed libFuzzer run from its log: the reproducer and the panic message.
report() {
  local t=$1 log=$2 what=$3 artifact
  artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
  echo "run.sh: $t: $what"
  grep -m1 -A12 -E "panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer" "$log" | cut -c1-2000
  if [ -n "$artifact" ]; then
    echo "run.sh: $t: reproducer: ${artifact#"$root/"}"
    echo "run.sh: $t: replay it: RUSTC_BOOTSTRAP=1 cargo fuzz run $t ${artifact#"$root/"}"
  fi
  echo "run.sh: $t: log: ${log#"$root/"}"
  summary+=("$t: FAILED ($what)${artifact:+, reproducer ${artifact#"$root/"}}")
  failed=1
}

for t in "${targets[@]}"; do
  log="$fuzz/logs/$t.log"
  regressions=()
  [ -d "$fuzz/regressions/$t" ] && mapfile -t regressions < <(find "$fuzz/regressions/$t" -type f ! -name '*.md' | sort)
  if [ ${#regressions[@]} -gt 0 ]; then
    echo "run.sh: $t: replaying ${#regressions[@]} saved reproducer(s)"
    if ! cargo fuzz run "$t" "${regressions[@]}" -- "${flags[@]}" >"$fuzz/logs/$t-regressions.log" 2>&1; then
      report "$t" "$fuzz/logs/$t-regressions.log" "a saved reproducer in fuzz/regressions/$t fails"
      continue
    fi
  fi
  if [ "$seconds" -gt 0 ]; then
    echo "run.sh: $t: fuzzing for $seconds s"
    run=(-max_total_time="$seconds")
  else
    echo "run.sh: $t: replaying the corpus"
    run=(-runs=0)
  fi
  # libFuzzer stops itself; the outer limit only guards against a hang in starting up.
  timeout $((seconds + 900)) cargo fuzz run "$t" "$fuzz/corpus/$t" -- "${run[@]}" "${flags[@]}" >"$log" 2>&1
  status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ $status -ne 0 ]; then
    report "$t" "$log" "exit status $status after ${execs:-?} executions"
  else
    corpus=$(find "$fuzz/corpus/$t" -type f | wc -l)
    echo "run.sh: $t: ${execs:-?} executions, no crash (corpus: $corpus inputs)"
    summary+=("$t: ${execs:-?} executions, no crash")
  fi
done

echo
echo "fuzzing summary (${seconds} s per target):"
printf '  %s\n' "${summary[@]}"
exit $failed
