#!/bin/sh
# run.sh -- the stress tests: each tests/stress/*.py runs under real threads and must
# print exactly "ok" and exit 0 within 120 s, once with the GIL on and once with it
# off.  Files that start with "_" are helpers the tests import, not tests.  Ends
# "N passed, M failed".
#
#   GILT               the interpreter to test (default ./gilt)
#   GILT_STRESS_SCALE  how much work each test does, default 1: every test multiplies
#                      its iteration counts (thread counts, chain lengths...) by it,
#                      with a floor that still exercises the race.  At 1 each test
#                      takes up to ~10 s on 2 cores; .ci/run lowers it for the
#                      sanitizer builds (0.5 under ASan, 0.1 under TSan), which run
#                      5-20 times slower.
#   an argument        run only the tests whose name contains it
GILT=${GILT:-$(pwd)/gilt}
export GILT_STRESS_SCALE="${GILT_STRESS_SCALE:-1}"
filter=${1:-}
cd "$(dirname "$0")" || exit 1
pass=0
fail=0
for py in *.py; do
    case "$py" in _*) continue ;; esac
    if [ -n "$filter" ]; then case "$py" in *$filter*) ;; *) continue ;; esac; fi
    for mode in 1 0; do
        out=$(timeout 120 "$GILT" -X gil=$mode "$py" 2>&1)
        code=$?
        if [ $code = 0 ] && [ "$out" = ok ]; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            [ $code = 124 ] && out="(timed out after 120 s) $out"
            echo "FAIL: $py (gil=$mode, status $code): $(echo "$out" | tail -3)"
        fi
    done
done
echo "stress: $pass passed, $fail failed"
[ $fail = 0 ]
