#!/usr/bin/env bash
# tests/lessons.sh -- every lesson runs to completion under --stats (short
# arguments, both GIL modes), says what its teacher will point at, and --compare
# prints its table when there is no terminal.  Ends with "N passed, M failed".
set -u
GILT=${GILT:-./gilt}
SRCDIR=${SRCDIR:-.}
L=$SRCDIR/lessons
TMP=$(mktemp -d)
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; sed 's/^/     | /' "$TMP/out" | tail -20; }

# check NAME EXPECTED-REGEX... -- ARGS: run gilt ARGS, want exit 0, a stats table,
# and every regex in the output
check() {
    local name=$1
    shift
    local want=()
    while [ "$1" != "--" ]; do want+=("$1"); shift; done
    shift
    timeout 300 "$GILT" "$@" > "$TMP/out" 2>&1 < /dev/null
    local st=$?
    if [ $st -ne 0 ]; then bad "$name: exit status $st"; return; fi
    grep -q "== gilt stats" "$TMP/out" || { bad "$name: no --stats table"; return; }
    for w in "${want[@]}"; do
        grep -qE -- "$w" "$TMP/out" || { bad "$name: missing /$w/"; return; }
    done
    ok "$name"
}

check "lesson 0" "one thread, 100000 increments -> 100000" -- --stats "$L/00_count_is_not_atomic.py"
for gil in 0 1; do
    check "lesson 1, -X gil=$gil" "round 2 \(GIL (on|off)\): 1 thread .* speedup [0-9.]+x" "ThreadPoolExecutor" -- \
        -X gil=$gil --stats "$L/01_cpu_threads_and_the_gil.py" 2 200000
    # without the GIL the counter's lock is contended: among the top locks by wait
    contended="GIL: [1-9][0-9]* takes"   # with it, the threads take turns on the GIL
    [ $gil = 0 ] && contended="lock@02_the_lost_update.py:[0-9]+ "
    check "lesson 2, -X gil=$gil" "SafeCounter 40,000 \(OK\)" "$contended" -- \
        -X gil=$gil --stats "$L/02_the_lost_update.py" 2 10000
    check "lesson 3, -X gil=$gil" "one big collection: [0-9,]+ unreachable objects" "GC: [0-9]+ collections" -- \
        -X gil=$gil --stats "$L/03_cycles_and_gc_pauses.py" 1 2000
done
# lesson 4: with the GIL the unlocked counter comes out right (its assert holds);
# the locked version is right without the GIL too
L4=$L/04_the_gil_hides_the_race.py
check "lesson 4, -X gil=1" "GIL on, count \+= 1 unlocked: 2 threads x 20,000 increments -> count = 40,000 \(lost 0\)" -- \
    -X gil=1 --stats "$L4"
check "lesson 4, locked, -X gil=0" "GIL off, with a lock: 2 threads x 5,000 increments -> count = 10,000 \(lost 0\)" -- \
    -X gil=0 --stats "$L4" 5000 locked
# with the GIL the unsafe counter happens to come out right in gilt (a switch only
# happens at calls and loop jumps); without it, it need not -- but it must never
# count more than was added
"$GILT" -X gil=1 "$L/02_the_lost_update.py" 1 20000 > "$TMP/out" 2>&1
grep -q "UnsafeCounter 80,000 (lost 0)" "$TMP/out" && ok "lesson 2 with the GIL: nothing lost" || bad "lesson 2 GIL on"

# lessons 05-10 (one block; the checks are on counts and on the shape of lines,
# never on how fast something ran)
for gil in 0 1; do
    # 05: the table has a row per interval; with the GIL on threads take it over
    # and over, without it nobody ever does
    takes=" [1-9][0-9,]*/s "; [ $gil = 0 ] && takes=" 0/s "
    check "lesson 5, -X gil=$gil" "^ 0\.1 ms late +[0-9.]+ ms +[0-9,]+/s +[0-9.]+M/s$" \
        "^20\.0 ms late " "$takes" "^your turn: press \+ - g" -- \
        -X gil=$gil --stats "$L/05_the_switch_interval.py" 0.1 1
    # 06: three phases a round; the GIL is taken (on) or never (off)
    taken="GIL: [1-9][0-9]* takes"; [ $gil = 0 ] && taken="GIL: 0 takes"
    check "lesson 6, -X gil=$gil" "^round 1 \(GIL (on|off)\)" "^  alone +[0-9.]+ ms/op +[0-9,]+ ops$" \
        "^  \+1 CPU +[0-9.]+ ms/op +[1-9][0-9,]* ops$" "^  \+2 CPU +[0-9.]+ ms/op +[1-9][0-9,]* ops$" "$taken" -- \
        -X gil=$gil --stats "$L/06_the_convoy_effect.py" 1 0.1
    # 07: biased, a thread's own objects are counted locally; atomic, nothing is
    check "lesson 7, biased, -X gil=$gil" "^biased counting" \
        "^new Node: owned, local [1-9][0-9]*, shared 0, owner main$" \
        "^a thread kept it: owned, local [0-9]+, shared [1-9][0-9]*, owner main$" \
        "^  own +[0-9.]+s +(9[0-9]|100)% local +[0-9]+M atomic$" "^  shared[0-9. ]+s +[0-9]% local +[1-9][0-9]*M atomic$" -- \
        -X gil=$gil --stats "$L/07_biased_reference_counting.py" 1 20000
    check "lesson 7, atomic, -X gil=$gil" "^atomic counting" "^new Node: merged, local 0, shared [1-9][0-9]*, owner none$" \
        "^  own +[0-9.]+s +0% local +[1-9][0-9]*M atomic$" "refcounts: 0 local" -- \
        -X gil=$gil -X refcount=atomic --stats "$L/07_biased_reference_counting.py" 1 20000
    # 08: what is immortal, what sys.getrefcount says, and where the counts go
    check "lesson 8, -X gil=$gil" "^None +yes +4,294,967,295$" "^7 +yes +4,294,967,295$" "^int\('1025'\) +no +[0-9]$" \
        "^'gilt' \(literal\) +yes" "^a str built +no" "^len \(built-in\) +yes" \
        "^0\.\.999 +[0-9.]+s +[0-9]{1,3} objects$" "^10\*\*6\.\.\+999 +[0-9.]+s +100,[0-9]{3} objects$" \
        "^None +[0-9.]+s +[1-9][0-9]*M skip +[0-9]+M atomic$" "^big int +[0-9.]+s +[0-9]+M skip +[1-9][0-9]*M atomic$" -- \
        -X gil=$gil --stats "$L/08_immortal_objects.py" 200000
    # 09: functions and classes are deferred (skipped by the millions), or counted
    check "lesson 9, -X gil=$gil" "^f is deferred, Greeter is deferred" "^  2 threads took [0-9.]+x as long as 1" \
        " [0-9]{6,} deferred skipped" -- -X gil=$gil --stats "$L/09_deferred_reference_counting.py" 1 20000
    check "lesson 9, -X deferred=0, -X gil=$gil" "^f is owned, Greeter is owned" "^  2 threads took [0-9.]+x as long as 1" \
        " 0 deferred skipped" -- -X gil=$gil -X deferred=0 --stats "$L/09_deferred_reference_counting.py" 1 20000
    # 10: the list stays right; with the GIL its lock is never contended
    check "lesson 10, -X gil=$gil" "^2 threads x 20,000 append\+pop$" "^the shared list: list@0x[0-9a-f]+$" \
        "^  [0-9. ]+s  one shared list$" "^  [0-9. ]+s  one list each$" "^  shared [0-9.]+x as long; empty: True$" -- \
        -X gil=$gil --stats "$L/10_per_object_locks.py" 2 20000
    if [ $gil = 1 ] && grep -q "^  list@" "$TMP/out"; then bad "lesson 10, -X gil=1: a list's lock was contended"; fi
done
# with the GIL on at most one thread runs at a time: the threads' running times
# add up to no more than the run (a forced hand-over was once counted as running)
cat > "$TMP/two_cpu.py" << 'EOF'
import sys, threading
sys.setswitchinterval(0.0001)
def spin(n):
    while n:
        n -= 1
workers = [threading.Thread(target=spin, args=(2000000,)) for _ in range(2)]
for w in workers:
    w.start()
for w in workers:
    w.join()
EOF
timeout 120 "$GILT" -X gil=1 --stats "$TMP/two_cpu.py" > "$TMP/out" 2>&1 < /dev/null
if awk '/^== gilt stats/ { total = $(NF - 1) + 0 } /^(MainThread|Thread-)/ { sum += $(NF - 4) }
        END { exit !(total > 0 && sum <= total * 1.05 + 0.005) }' "$TMP/out"; then
    ok "GIL on: running times add up to at most the run"
else
    bad "GIL on: the threads' running times add up to more than the run"
fi
# every one of them runs under python3 as well (what the guide says it shows)
if command -v python3 > /dev/null; then
    for args in "05_the_switch_interval.py 0.05 1" "06_the_convoy_effect.py 1 0.05" \
        "07_biased_reference_counting.py 1 200" "08_immortal_objects.py 2000" \
        "09_deferred_reference_counting.py 1 2000" "10_per_object_locks.py 1 2000"; do
        set -- $args
        f=$1; shift
        if timeout 120 python3 "$L/$f" "$@" > "$TMP/out" 2>&1; then ok "python3 $f"; else bad "python3 $f"; fi
    done
fi

timeout 300 "$GILT" --compare "$L/02_the_lost_update.py" 1 5000 > "$TMP/out" 2>&1 < /dev/null
st=$?
if [ $st -eq 0 ] && grep -q "== gilt --compare: .*02_the_lost_update.py ==" "$TMP/out" \
    && grep -qE "^speedup without the GIL +[0-9.]+x" "$TMP/out" && grep -qE "^exit status +0 +0" "$TMP/out" \
    && ! grep -q "SafeCounter" "$TMP/out"; then
    ok "--compare without a terminal: the table only"
else
    bad "--compare table (status $st)"
fi
printf 'raise SystemExit(3)\n' > "$TMP/fails.py"
timeout 60 "$GILT" --compare "$TMP/fails.py" > "$TMP/out" 2>&1 < /dev/null
st=$?
[ $st -eq 1 ] && grep -qE "^exit status +3 +3" "$TMP/out" && grep -q "exited with status 3" "$TMP/out" \
    && ok "--compare of a failing script: says so, exit 1" || bad "--compare failing script (status $st)"
"$GILT" --compare > "$TMP/out" 2>&1 < /dev/null
[ $? -eq 2 ] && grep -q "needs a script" "$TMP/out" && ok "--compare without a script: usage error" || bad "--compare alone"

rm -rf "$TMP"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
