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

for gil in 0 1; do
    check "lesson 0, -X gil=$gil" "one thread, 100000 increments -> 100000" -- -X gil=$gil --stats "$L/00_count_is_not_atomic.py"
done
# and its point: --dis shows `self.count += 1` as a separate read, add and write
"$GILT" --dis "$L/00_count_is_not_atomic.py" > "$TMP/out" 2>&1
if grep -qE "LOAD_ATTR +[0-9]+ \(count\)" "$TMP/out" && grep -qE "INPLACE_OP +[0-9]+ \(\+=\)" "$TMP/out" \
    && grep -qE "STORE_ATTR +[0-9]+ \(count\)" "$TMP/out"; then
    ok "lesson 0 --dis: the read, the add and the write of count"
else
    bad "lesson 0 --dis"
fi
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
    check "lesson 5, -X gil=$gil" "^ 0\.1 ms late *[0-9.]+ ms +[0-9,]+/s +[0-9.]+M/s$" \
        "^20\.0 ms late *[0-9.]+ ms" "$takes" "^your turn: press \+ - g" -- \
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
# ---- lessons 11-15 ----
# run_status NAME WANT-STATUS -- ARGS: run gilt ARGS into $TMP/out; ok when it exits
# WANT-STATUS, else report it (for the runs that end in a deadlock or a race report)
run_status() {
    local name=$1 want=$2
    shift 3
    timeout 300 "$GILT" "$@" > "$TMP/out" 2>&1 < /dev/null
    local st=$?
    [ $st -eq "$want" ] && return 0
    bad "$name: exit status $st, not $want"
    return 1
}
L12=$L/12_dining_philosophers.py
L15=$L/15_the_race_detector.py
for gil in 0 1; do
    # 11: both phases report their slowest and typical collection; every gc.collect()
    # is a collection (3 + 3), and --stats gives the time to safepoint
    check "lesson 11, -X gil=$gil" "^ *[0-9]+\.[0-9] ms slowest, loops$" \
        "^ *[0-9]+\.[0-9] ms slowest, long C call$" "^ *[0-9]+\.[0-9] ms typical of 3$" \
        "GC: ([6-9]|[1-9][0-9]+) collections.*time to safepoint max [0-9.]+ms" -- \
        -X gil=$gil --stats "$L/11_stop_the_world.py" 1 3 200000
    # 12: the naive table deadlocks for certain: the report names all five
    # philosophers, each waiting at the second fork, and the main thread; exit 1
    if run_status "lesson 12 deadlock, -X gil=$gil" 1 -- -X gil=$gil "$L12" 3; then
        n=$(grep -cE "^  philosopher [0-4] waits at .*12_dining_philosophers.py\", line [0-9]+:$" "$TMP/out")
        held=$(grep -cE "^    held by philosopher [0-4] since " "$TMP/out")
        if grep -q "^Deadlock: every thread is waiting" "$TMP/out" && [ "$n" -eq 5 ] && [ "$held" -eq 5 ] \
            && grep -q "^  MainThread waits at" "$TMP/out" && grep -q "^forks: left fork, then right$" "$TMP/out" && ! grep -q "meals eaten" "$TMP/out"; then
            ok "lesson 12 deadlock, -X gil=$gil: the report names five philosophers"
        else
            bad "lesson 12 deadlock, -X gil=$gil: report ($n waiting, $held held)"
        fi
    fi
    check "lesson 12 ordered, -X gil=$gil" "^100 meals eaten$" "^each: \[20, 20, 20, 20, 20\]$" \
        "^philosopher 4 +[0-9.]+s" -- -X gil=$gil --stats "$L12" 20 ordered
    # 13: with a maxsize the queue never holds more; every item is used once
    check "lesson 13, -X gil=$gil" "^ +([0-9]|10) items at most in the queue \(maxsize 10\)$" \
        "^ +[0-9.]+ s producers waited in put\(\)$" "^ +400 of 400 used, totals OK$" "^maxsize 10 \(" -- \
        -X gil=$gil --stats "$L/13_queues.py" 200 0.1 10
    [ "$(grep -c "totals OK" "$TMP/out")" -eq 2 ] && ok "lesson 13, -X gil=$gil: both phases add up" \
        || bad "lesson 13, -X gil=$gil: totals"
    # 14: the shape of the lines only (a speedup depends on the machine)
    mode=off
    [ $gil = 1 ] && mode=on
    check "lesson 14, -X gil=$gil" "^GIL $mode, 4 x count_to" "^  [0-9]+\.[0-9]{2}x threads, 1: [0-9.]+s, 2: [0-9.]+s$" \
        "^  [0-9]+\.[0-9]{2}x processes, 1: [0-9.]+s, 2: [0-9.]+s$" "^ +[0-9.]+ ms threads$" \
        "^ +[0-9.]+ ms processes$" -- -X gil=$gil --stats "$L/14_threads_and_processes.py" 100000 2000
    # 15: the locked bank is right in both modes, and --race finds nothing in it;
    # the unlocked one gets a race report with both stacks, GIL or not
    check "lesson 15 locked, -X gil=$gil" "^balance 20,000 \(expected 20,000\), with the account's lock$" -- \
        -X gil=$gil --stats "$L15" 10000 locked
    if run_status "lesson 15 --race, -X gil=$gil" 66 -- -X gil=$gil --race "$L15" 100; then
        if grep -q "^WARNING: DATA RACE (read/write conflict on attribute 'balance'" "$TMP/out" \
            && grep -qE "^Read at attribute 'balance' .* by thread T[12] \(teller [01]\):$" "$TMP/out" \
            && grep -qE "^Previous write at attribute 'balance' .* by thread T[12] \(teller [01]\):$" "$TMP/out" \
            && grep -qE "^  .*15_the_race_detector.py:[0-9]+ deposit$" "$TMP/out" \
            && grep -qE "^  .*15_the_race_detector.py:[0-9]+ teller$" "$TMP/out"; then
            ok "lesson 15 --race, -X gil=$gil: both stacks"
        else
            bad "lesson 15 --race, -X gil=$gil: report"
        fi
    fi
    run_status "lesson 15 --race locked, -X gil=$gil" 0 -- -X gil=$gil --race "$L15" 100 locked \
        && { grep -q "DATA RACE" "$TMP/out" && bad "lesson 15 --race locked: a report" \
             || ok "lesson 15 --race locked, -X gil=$gil: silent"; }
done
# 15: with the GIL, gilt never switches between the read and the write (no call, no
# jump between them): the unlocked bank comes out right
check "lesson 15 unlocked, -X gil=1" "^balance 200 \(expected 200\), no lock$" -- -X gil=1 --stats "$L15"
# 15: the explorer finds the lost deposit; the locked bank has no failing schedule
if run_status "lesson 15 --explore" 1 -- --explore --save-schedule "$TMP/l15.sched" "$L15" 2; then
    grep -q "update is lost" "$TMP/out" && grep -q "AssertionError: [0-9] vanished" "$TMP/out" && [ -s "$TMP/l15.sched" ] \
        && ok "lesson 15 --explore: the lost deposit" || bad "lesson 15 --explore: account"
fi
run_status "lesson 15 --explore locked" 0 -- --explore --strategy dfs --preemptions 1 "$L15" 2 locked \
    && { grep -q "no failing schedule" "$TMP/out" && ok "lesson 15 --explore locked: none fails" \
         || bad "lesson 15 --explore locked"; }

# ---- lesson 16 ----
# the shape of the lines only (never which phase ran faster): specialized, Ball.fall
# has instance attribute forms, and replacing a method sends the method call back;
# with -X specialize=0 nothing is specialized
L16=$L/16_specialization.py
for gil in 0 1; do
    check "lesson 16, -X gil=$gil" "^specialization on; 20,000 steps" \
        "^steady +[0-9.]+s  [1-9][0-9]* specialized in Ball.fall:$" \
        "^    line [0-9]+  LOAD_ATTR -> LOAD_ATTR_INSTANCE$" "^    line [0-9]+  STORE_ATTR -> STORE_ATTR_INSTANCE$" \
        "^    line [0-9]+  LOAD_METHOD -> LOAD_METHOD_CACHED$" "^    line [0-9]+  LOAD_GLOBAL -> LOAD_GLOBAL_BUILTIN$" \
        "^    line [0-9]+  LOAD_METHOD_CACHED -> LOAD_METHOD again$" \
        "^  the rest of the phase +[0-9.]+s  [1-9][0-9]* specialized$" \
        "^the class changes every step +[0-9.]+s  [0-9]+ specialized now$" \
        "^2 threads, a ball each +[0-9.]+s  [1-9][0-9]* specialized$" -- \
        -X gil=$gil --stats "$L16" 20000
    check "lesson 16, -X specialize=0, -X gil=$gil" "^specialization off; 20,000 steps" \
        "^steady +[0-9.]+s  0 specialized in Ball.fall$" "^2 threads, a ball each +[0-9.]+s  0 specialized$" -- \
        -X gil=$gil -X specialize=0 --stats "$L16" 20000
    if grep -q -- "->" "$TMP/out"; then bad "lesson 16, -X specialize=0, -X gil=$gil: a specialized form"; fi
done
if command -v python3 > /dev/null; then
    if timeout 120 python3 "$L16" 2000 > "$TMP/out" 2>&1 && grep -q "^CPython; 2,000 steps" "$TMP/out" \
        && grep -qE "^2 threads, a ball each +[0-9.]+s$" "$TMP/out"; then
        ok "python3 16_specialization.py"
    else
        bad "python3 16_specialization.py"
    fi
fi

timeout 300 "$GILT" --compare "$L/02_the_lost_update.py" 1 5000 > "$TMP/out" 2>&1 < /dev/null
st=$?
if [ $st -eq 0 ] && grep -q "== gilt --compare: .*02_the_lost_update.py ==" "$TMP/out" \
    && grep -qE "^speedup without the GIL +[0-9.]+x" "$TMP/out" && grep -qE "^exit status +0 +0" "$TMP/out" \
    && grep -q "^  round 1 (GIL on): UnsafeCounter 20,000 (lost 0)" "$TMP/out" \
    && grep -qE "^  round 1 \(GIL off\): UnsafeCounter [0-9,]+ \(lost [0-9,]+\)" "$TMP/out"; then
    # (issue 14: the table now ends with each run's last lines, so the result
    # the lesson is about -- lost 0 beside lost N -- is in it)
    ok "--compare without a terminal: the table, and each run's last lines"
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
