#!/bin/sh
# run.sh -- build the libFuzzer targets (make fuzz) and run each for SECONDS
# (default 60), seeded with the script tests, lessons and stress tests.
#
#   usage: tests/fuzz/run.sh [SECONDS]      (from the build tree, after ./bootstrap)
#
# Each target's corpus grows in tests/fuzz/build/corpus/TARGET and is kept for the
# next run.  libFuzzer's fork mode runs the inputs in a child process that it
# replaces now and then: gilt makes every compiled constant immortal (as free-threaded
# CPython does), so one process that compiles millions of inputs would slow down.  A target that finds a crash, a sanitizer report, an abort (the
# assembler's stack-depth check, G_ASSERT), a timeout or an out-of-memory fails: its
# reproducer is kept in tests/fuzz/build/artifacts/TARGET/ and shown here, escaped,
# with the top of the report.  Replay one with  tests/fuzz/build/TARGET FILE.
# Ends with one line "N passed, M failed"; exits 1 if any target failed.
seconds=${1:-60}
SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(pwd)
[ -f "$BUILD/Makefile" ] || BUILD=$SRCDIR
cd "$BUILD" || exit 1
OUT=tests/fuzz/build

if ! make --no-print-directory fuzz >"$OUT.log" 2>&1; then
    cat "$OUT.log"
    echo "fuzz: make fuzz failed"
    echo "0 passed, 2 failed"
    exit 1
fi
sh "$SRCDIR/tests/fuzz/seeds.sh" "$SRCDIR" "$OUT/seeds"

# detect_leaks=0: immortal and deferred objects live until exit by design.
# allocator_may_return_null: a failed malloc is gilt's MemoryError, not a crash.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1:quarantine_size_mb=32}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS

pass=0
fail=0
for target in fuzz_compile fuzz_run; do
    corpus=$OUT/corpus/$target
    artifacts=$OUT/artifacts/$target
    log=$OUT/$target.log
    rm -rf "$artifacts"
    mkdir -p "$corpus" "$artifacts"
    echo "fuzz: $target for ${seconds}s (log: $log)"
    "$OUT/$target" -fork=1 -max_total_time="$seconds" -max_len=8192 -timeout=20 -rss_limit_mb=4096 -detect_leaks=0 \
        -close_fd_mask=3 -dict="$SRCDIR/tests/fuzz/python.dict" -artifact_prefix="$artifacts/" \
        "$corpus" "$OUT/seeds" >"$log" 2>&1
    status=$?
    # slow-unit-* files are only notes (an input took over 10 s); the rest are failures
    found=$(ls "$artifacts" 2>/dev/null | grep -v '^slow-unit-')
    if [ $status = 0 ] && [ -z "$found" ]; then
        pass=$((pass + 1))
        grep -E '^#[0-9]+: cov' "$log" | tail -n 1 | sed "s/^/  $target: /"
        continue
    fi
    fail=$((fail + 1))
    echo "FAIL: $target (exit status $status)"
    for f in $found; do
        echo "reproducer: $artifacts/$f"
        od -c "$artifacts/$f" | head -40
        # fork mode keeps the child's report to itself: replay the input for it
        echo "report (replayed: $OUT/$target $artifacts/$f):"
        "$OUT/$target" -timeout=20 "$artifacts/$f" 2>&1 |
            grep -E 'ERROR: |SUMMARY: |runtime error|internal (compiler )?error|^ *#[0-9]+ ' | head -20
    done
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
