#!/bin/sh
# explore_tests.sh -- gilt --explore: the schedule search finds, shrinks, saves and
# explains failing schedules (a lost update, a deadlock, an exception in a thread,
# every break-it exercise), says what it covered when nothing fails, and turns away
# bad input with status 2.  Nothing here depends on timing: the search runs the
# program under the controlled scheduler, so each schedule is the same every time.
# Ends with "explore: N passed, M failed".
GILT=${GILT:-$(pwd)/gilt}
SRCDIR=${SRCDIR:-$(pwd)}
TMP=${TMPDIR:-/tmp}/gilt-explore.$$
mkdir -p "$TMP"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# run NAME -- command: stdout+stderr into $TMP/NAME, the status into $TMP/NAME.st
run() {
    name=$1
    shift 2
    "$@" >"$TMP/$name" 2>&1
    echo $? >"$TMP/$name.st"
}
status_is() {   # status_is NAME WANT LABEL
    if [ "$(cat "$TMP/$1.st")" = "$2" ]; then ok; else
        bad "$3: status $(cat "$TMP/$1.st"), wanted $2: $(head -5 "$TMP/$1" | tr '\n' '|')"; fi
}
has() {   # has NAME TEXT LABEL
    if grep -qF -- "$2" "$TMP/$1"; then ok; else bad "$3: no '$2' in: $(head -8 "$TMP/$1" | tr '\n' '|')"; fi
}
schedules() { sed -n 's/.* after \([0-9]*\) schedules\{0,1\} in .*/\1/p' "$TMP/$1" | head -1; }

cat >"$TMP/lost.py" <<'EOF'
import threading
count = 0
def add():
    global count
    count += 1
ts = [threading.Thread(target=add) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print("count =", count)
assert count == 2, f"lost an update: count = {count}"
EOF

cat >"$TMP/safe.py" <<'EOF'
import threading
lock = threading.Lock()
count = 0
def add():
    global count
    for _ in range(2):
        with lock:
            count += 1
ts = [threading.Thread(target=add) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
assert count == 4
print("count =", count)
EOF

cat >"$TMP/order.py" <<'EOF'
import threading
a = threading.Lock()
b = threading.Lock()
def one():
    with a:
        with b:
            pass
def two():
    with b:
        with a:
            pass
t1 = threading.Thread(target=one)
t2 = threading.Thread(target=two)
t1.start(); t2.start()
t1.join(); t2.join()
print("done")
EOF

cat >"$TMP/thread_assert.py" <<'EOF'
import threading
items = []
def producer():
    items.append("job")
def consumer():
    assert items, "nothing to take"
    items.pop()
p = threading.Thread(target=producer)
c = threading.Thread(target=consumer)
p.start(); c.start()
p.join(); c.join()
EOF

# A bug that needs one thread to run about 40 steps unpreempted, then a preemption
# at one exact place: T1 fills x up, announces it, then rewrites it in two steps.
cat >"$TMP/deep.py" <<'EOF'
import threading
x = 0
ready = False
def writer():
    global x, ready
    for i in range(10):
        x += 1
    ready = True
    x = -1
    x = 10
def reader():
    if ready:
        assert x == 10, f"x = {x} while ready"
w = threading.Thread(target=writer)
r = threading.Thread(target=reader)
w.start(); r.start()
w.join(); r.join()
EOF

printf 'while True:\n    pass\n' >"$TMP/forever.py"
printf 'x = 1\nif x\n    print(x)\n' >"$TMP/syntax.py"

# ---- the lost update: found by dfs at once, shrunk, saved, explained ----
run lost -- "$GILT" --explore "$TMP/lost.py"
status_is lost 1 "--explore of a lost update"
has lost "found by dfs at 1 preemption" "the lost update is found with one preemption"
n=$(schedules lost)
if [ -n "$n" ] && [ "$n" -le 10 ]; then ok; else bad "the lost update took $n schedules (at most 10 wanted)"; fi
has lost "count = 1" "the failing run's output is shown"
has lost "AssertionError: lost an update: count = 1" "the failing run's traceback is shown"
has lost "update is lost" "the story says which write was lost"
has lost "reads count -> 0" "the story shows the stale read"
has lost "gilt --step --schedule $TMP/lost.py.fail.sched $TMP/lost.py" "the stepper command"
has lost "gilt --schedule $TMP/lost.py.fail.sched $TMP/lost.py" "the replay command"
if head -1 "$TMP/lost.py.fail.sched" | grep -q '^gilt-schedule 1 gilt .* sha256 [0-9a-f]\{64\} grain op$'; then ok; else
    bad "the saved schedule's header: $(head -1 "$TMP/lost.py.fail.sched")"; fi
run replay -- "$GILT" --schedule "$TMP/lost.py.fail.sched" "$TMP/lost.py"
status_is replay 1 "replaying the saved schedule fails again"
has replay "count = 1" "the replay loses the same update"
# the same search twice finds the same schedule
cp "$TMP/lost.py.fail.sched" "$TMP/first.sched"
"$GILT" --explore "$TMP/lost.py" >/dev/null 2>&1
if cmp -s "$TMP/first.sched" "$TMP/lost.py.fail.sched"; then ok; else bad "two searches saved different schedules"; fi
run save -- "$GILT" --explore --save-schedule "$TMP/mine.sched" "$TMP/lost.py"
status_is save 1 "--save-schedule with --explore"
if [ -s "$TMP/mine.sched" ]; then ok; else bad "--save-schedule OUT was not written"; fi
has save "saved in $TMP/mine.sched" "the message names OUT"
# no progress line without a terminal: one summary line, no carriage returns
if grep -q "$(printf '\r')" "$TMP/lost"; then bad "progress written without a terminal"; else ok; fi

# the program's arguments go to every run, and into the commands printed
cat >"$TMP/args.py" <<'EOF'
import sys, threading
n = int(sys.argv[1])
count = 0
def add():
    global count
    for _ in range(n):
        count += 1
ts = [threading.Thread(target=add) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
assert count == 2 * n, sys.argv[2]
EOF
run args -- "$GILT" --explore "$TMP/args.py" 2 "it's lost"
status_is args 1 "--explore with arguments"
has args "AssertionError: it's lost" "the arguments reach the runs"
has args "gilt --schedule $TMP/args.py.fail.sched $TMP/args.py 2 'it'\\''s lost'" "the replay command carries the arguments, quoted"

# ---- every strategy finds it, and the shrunk schedule is small ----
for strat in pct random; do
    run s$strat -- "$GILT" --explore --strategy $strat --seed 5 "$TMP/lost.py"
    status_is s$strat 1 "--strategy $strat finds the lost update"
    has s$strat "found by $strat" "--strategy $strat is the one that found it"
    p=$(sed -n 's/.*the schedule has \([0-9]*\) preemption.*/\1/p' "$TMP/s$strat")
    if [ -n "$p" ] && [ "$p" -le 2 ]; then ok; else bad "--strategy $strat: shrunk to $p preemptions"; fi
    run r$strat -- "$GILT" --schedule "$TMP/lost.py.fail.sched" "$TMP/lost.py"
    has r$strat "count = 1" "the $strat schedule replays"
done

# ---- a correct program: the search says what it covered ----
# (--time 3600: the search must end because it is exhaustive, not because a slow
# machine -- a sanitizer build under load -- ran out of the default 60 s first)
run safe -- "$GILT" --explore --time 3600 "$TMP/safe.py"
status_is safe 0 "--explore of a correct program"
has safe "no failing schedule in" "the covered summary"
has safe "every schedule with up to 2 preemptions was run (exhaustive for that bound)" "exhaustive to bound 2"
has safe "PCT (depth 3) and random runs" "then the independent runs"
if [ "$(wc -l <"$TMP/safe")" = 1 ]; then ok; else bad "a passing search prints one line: $(cat "$TMP/safe")"; fi
run safe1 -- "$GILT" --explore --strategy dfs --preemptions 1 --time 3600 "$TMP/safe.py"
status_is safe1 0 "--strategy dfs --preemptions 1"
has safe1 "up to 1 preemption was run (exhaustive" "the bound asked for is the one reported"
run saferuns -- "$GILT" --explore --strategy random --runs 7 "$TMP/safe.py"
has saferuns "no failing schedule in 7 schedules" "--runs caps the schedules"
has saferuns "not exhaustive" "random runs are not called exhaustive"
run safedfs -- "$GILT" --explore --strategy dfs --runs 2 "$TMP/safe.py"
has safedfs "not even the schedules without preemptions were all run" "a dfs cut short by --runs says so"

# ---- other failures: a deadlock, an exception in a thread, a deep bug ----
run order -- "$GILT" --explore "$TMP/order.py"
status_is order 1 "--explore of a lock-order deadlock"
has order "it deadlocks" "the deadlock is named"
has order "found by dfs at 1 preemption" "one preemption makes the deadlock"
run tassert -- "$GILT" --explore "$TMP/thread_assert.py"
status_is tassert 1 "--explore of an assert in a thread"
has tassert "a thread ended with an exception" "the thread's exception is the failure"
has tassert "AssertionError: nothing to take" "the thread's traceback is shown"
run deep -- "$GILT" --explore "$TMP/deep.py"
status_is deep 1 "--explore of the 40-steps-then-one-preemption bug"
has deep "found by dfs at 1 preemption" "the deep bug is found by the default strategy's dfs"
has deep "x = -1 while ready" "the deep bug's assert"

# ---- the reduction skips nothing that matters ----
# a write that happens only under another interleaving (T2 writes C.x only if it
# runs before T1 clears flag): the read of c.x must still be preempted
cat >"$TMP/flagwrite.py" <<'EOF'
import threading
class C: x = 0
ev = threading.Event()
flag = True
def t1():
    global flag
    c = C
    ev.set()
    v = c.x
    flag = False
    assert v == 0
def t2():
    ev.wait()
    if flag:
        C.x = 1
a = threading.Thread(target=t1); b = threading.Thread(target=t2)
a.start(); b.start(); a.join(); b.join()
EOF
# an iterator two threads share: its FOR_ITER is not thread-local
cat >"$TMP/sharediter.py" <<'EOF'
import threading
work = iter(range(10))
sums = [0, 0]
def w(k):
    for i in work:
        sums[k] += i
ts = [threading.Thread(target=w, args=(k,)) for k in range(2)]
for t in ts: t.start()
for t in ts: t.join()
assert sums[0] == 0 or sums[1] == 0, sums
EOF
for p in flagwrite sharediter; do
    run red$p -- "$GILT" --explore --strategy dfs "$TMP/$p.py"
    status_is red$p 1 "--strategy dfs finds the bug in $p.py"
    has red$p "found by dfs at 1 preemption" "$p.py: one preemption"
done
# the story of class attributes and closure variables
cat >"$TMP/clsattr.py" <<'EOF'
import threading
class Counter:
    count = 0
def add():
    Counter.count += 1
ts = [threading.Thread(target=add) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
assert Counter.count == 2
EOF
cat >"$TMP/cellvar.py" <<'EOF'
import threading
def main():
    n = 0
    def add():
        nonlocal n
        n += 1
    ts = [threading.Thread(target=add) for _ in range(2)]
    for t in ts: t.start()
    for t in ts: t.join()
    assert n == 2, n
main()
EOF
run clsattr -- "$GILT" --explore "$TMP/clsattr.py"
has clsattr "reads Counter.count -> 0" "the story follows a class attribute"
has clsattr "T2's update is lost." "the lost update of a class attribute"
run cellvar -- "$GILT" --explore "$TMP/cellvar.py"
has cellvar "writes n <- 1" "the story follows a closure variable"

# ---- bad input: status 2 and a clear message ----
run syn -- "$GILT" --explore "$TMP/syntax.py"
status_is syn 2 "--explore of a syntax error"
has syn "SyntaxError: expected ':'" "the syntax error is CPython's"
has syn "    if x" "the syntax error shows its line"
run forever -- "$GILT" --explore "$TMP/forever.py"
status_is forever 2 "--explore of a program that never stops"
has forever "did not stop within its step budget" "the never-stopping program's message"
run nofile -- "$GILT" --explore "$TMP/missing.py"
status_is nofile 2 "--explore of a missing file"
run bstrat -- "$GILT" --explore --strategy bfs "$TMP/lost.py"
status_is bstrat 2 "--strategy bfs"
has bstrat "--strategy must be dfs, pct or random, not 'bfs'" "the bad strategy's message"
run bpre -- "$GILT" --explore --preemptions many "$TMP/lost.py"
status_is bpre 2 "--preemptions many"
has bpre "--preemptions wants a whole number from 0 to 10" "the bad bound's message"
run bdepth -- "$GILT" --explore --depth 0 "$TMP/lost.py"
status_is bdepth 2 "--depth 0"
run btime -- "$GILT" --explore --time 0 "$TMP/lost.py"
status_is btime 2 "--time 0"
has btime "--time wants seconds" "the bad time's message"
run bruns -- "$GILT" --explore --runs "$TMP/lost.py"
status_is bruns 2 "--runs without a number"
run alone -- "$GILT" --strategy pct "$TMP/lost.py"
status_is alone 2 "--strategy without --explore"
has alone "go with --explore" "the message says what the option goes with"
run withstep -- "$GILT" --explore --step "$TMP/lost.py"
status_is withstep 2 "--explore with --step"
run noscript -- "$GILT" --explore
status_is noscript 2 "--explore without a script"
for opt in --race --stats "--trace $TMP/t.trc"; do
    run withopt -- "$GILT" --explore $opt "$TMP/lost.py"
    status_is withopt 2 "--explore with $opt"
done
has withopt "does not go with --race, --stats or --trace" "the message names them"
run withgrain -- "$GILT" --explore --grain line "$TMP/lost.py"
status_is withgrain 2 "--explore with --grain"
has withgrain "does not go with --grain" "the --grain message"

# ---- a fix-it exercise is graded by the search and by the race detector ----
cat >"$TMP/racy_fix.py" <<'EOF'
# title: Both say yes
# goal: fix flag
import threading
flag = False
def yes():
    global flag
    flag = True
ts = [threading.Thread(target=yes) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print("flag =", flag)
EOF
sed 's/^def yes():/lock = threading.Lock()\ndef yes():/; s/^    flag = True/    with lock:\n        flag = True/' \
    "$TMP/racy_fix.py" >"$TMP/locked_fix.py"
run racyfix -- "$GILT" --check "$TMP/racy_fix.py"
status_is racyfix 1 "--check of a fix exercise right by luck"
has racyfix "check: not fixed: every schedule passes, but the race detector still finds a data race" "a race fails the check"
has racyfix "WARNING: DATA RACE (write/write conflict on global 'flag')" "the race report is shown"
run lockfix -- "$GILT" --check "$TMP/locked_fix.py"
status_is lockfix 0 "--check of a fix exercise fixed with a lock"
has lockfix "check: fixed: no failing schedule in" "the fixed verdict"
has lockfix "and no data race" "the fixed verdict mentions the race detector"
{ echo "# title: Two adds"; echo "# goal: fix count == 2"; sed '/^assert/d' "$TMP/lost.py"; } >"$TMP/lost_fix.py"
run lostfix -- "$GILT" --check "$TMP/lost_fix.py"
status_is lostfix 1 "--check of an unfixed lost update"
has lostfix "check: not fixed: a schedule still fails: \`count == 2\` is false at the end" "the failing expression is named"
has lostfix "lost_fix.py.fail.sched" "the failing schedule is saved"
printf '# title: Broken\n# goal: fix\nx = (\n' >"$TMP/broken_fix.py"
run brokenfix -- "$GILT" --check "$TMP/broken_fix.py"
status_is brokenfix 2 "--check of a fix exercise with a syntax error"
printf '# title: Bad goal\n# goal: fixed x\nx = 1\n' >"$TMP/badgoal.py"
run badgoal -- "$GILT" --check "$TMP/badgoal.py"
status_is badgoal 2 "a misspelt goal"
has badgoal "or fix [EXPR]" "the goal message lists fix"

# ---- every break-it exercise: found, saved, and the saved schedule reaches the goal ----
for ex in "$SRCDIR"/exercises/[01][0-9]_*.py; do
    exn=$(basename "$ex" .py)
    cp "$ex" "$TMP/$exn.py"
    run "x$exn" -- "$GILT" --explore --time 3600 "$TMP/$exn.py"   # found by work done, not by the clock
    status_is "x$exn" 1 "--explore $exn"
    has "x$exn" "the goal is reached" "--explore $exn reaches the exercise's goal"
    run "c$exn" -- "$GILT" --check "$TMP/$exn.py" --schedule "$TMP/$exn.py.fail.sched"
    status_is "c$exn" 0 "--check $exn with the schedule --explore found"
    has "c$exn" "check: goal reached" "the found schedule grades as a reached goal ($exn)"
done

rm -rf "$TMP"
echo "explore: $pass passed, $fail failed"
[ $fail = 0 ]
