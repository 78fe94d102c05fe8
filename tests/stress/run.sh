#!/bin/sh
# run.sh -- the stress tests: each tests/stress/*.py runs briefly under real threads
# and must print "ok" and exit 0 within 120 s, once with the GIL on and once with it
# off.  Ends "N passed, M failed".
GILT=${GILT:-$(pwd)/gilt}
cd "$(dirname "$0")" || exit 1
pass=0
fail=0
for py in *.py; do
    for mode in 1 0; do
        out=$(timeout 120 "$GILT" -X gil=$mode "$py" 2>&1)
        code=$?
        if [ $code = 0 ] && [ "$out" = ok ]; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            echo "FAIL: $py (gil=$mode, status $code): $(echo "$out" | tail -3)"
        fi
    done
done
echo "stress: $pass passed, $fail failed"
[ $fail = 0 ]
