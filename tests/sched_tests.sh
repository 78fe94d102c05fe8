#!/bin/sh
# sched_tests.sh -- the controlled scheduler from the command line: --seed,
# --schedule, --save-schedule, --grain, --check's usage; determinism in both GIL
# modes, seeded runs that really interleave, schedules inline and as files, their
# errors, virtual time, deadlocks.  Ends with "sched: N passed, M failed".
GILT=${GILT:-$(pwd)/gilt}
SRCDIR=${SRCDIR:-$(pwd)}
TMP=${TMPDIR:-/tmp}/gilt-sched.$$
mkdir -p "$TMP"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# run NAME -- command: stdout+stderr and the status into $TMP/NAME
run() {
    name=$1
    shift 2
    "$@" >"$TMP/$name" 2>&1
    echo "status $?" >>"$TMP/$name"
}
same() {   # same LABEL FILE1 FILE2
    if cmp -s "$2" "$3"; then ok; else bad "$1 differ: $(diff "$2" "$3" | head -4 | tr '\n' '|')"; fi
}

cat >"$TMP/lost.py" <<'EOF'
import threading
count = 0
def work():
    global count
    for _ in range(3):
        count += 1
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print("count =", count)
EOF

cat >"$TMP/blocky.py" <<'EOF'
import threading, time, random
lock = threading.Lock()
out = []
def worker(n):
    for i in range(3):
        with lock:
            out.append((n, i))
        time.sleep(0.01 * n)
ts = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(out)
print(threading.get_ident(), [t.ident for t in ts], [t.name for t in ts])
print(round(time.monotonic(), 6), random.random())
EOF

# ---- determinism: the same seed, the same run, with the GIL on or off ----
for prog in lost blocky; do
    for seed in 1 2 3; do
        run a -- "$GILT" -X gil=0 --seed $seed "$TMP/$prog.py"
        run b -- "$GILT" -X gil=0 --seed $seed "$TMP/$prog.py"
        run c -- "$GILT" -X gil=1 --seed $seed "$TMP/$prog.py"
        same "$prog --seed $seed, two runs" "$TMP/a" "$TMP/b"
        same "$prog --seed $seed, GIL off and on" "$TMP/a" "$TMP/c"
    done
done
for prog in seed_threads seed_counters; do
    for seed in 1 2; do
        run a -- "$GILT" -X gil=0 --seed $seed "$SRCDIR/tests/examples/$prog.py"
        run b -- "$GILT" -X gil=1 --seed $seed "$SRCDIR/tests/examples/$prog.py"
        run c -- "$GILT" -X gil=0 --seed $seed "$SRCDIR/tests/examples/$prog.py"
        same "$prog --seed $seed, GIL off and on" "$TMP/a" "$TMP/b"
        same "$prog --seed $seed, two runs" "$TMP/a" "$TMP/c"
    done
done
# the CPU-bound one takes ~20 s a run under control: one seed, both modes
run a -- "$GILT" -X gil=0 --seed 1 "$SRCDIR/tests/examples/seed_benchmark.py"
run b -- "$GILT" -X gil=1 --seed 1 "$SRCDIR/tests/examples/seed_benchmark.py"
same "seed_benchmark --seed 1, GIL off and on" "$TMP/a" "$TMP/b"
grep -q "status 0" "$TMP/a" && ok || bad "seed_benchmark --seed 1 failed: $(tail -3 "$TMP/a")"

# ---- seeded runs really interleave: over seeds 1..50 both outcomes show ----
lost=0
kept=0
for seed in $(seq 1 50); do
    case $("$GILT" --seed $seed "$TMP/lost.py") in
        "count = 6") kept=$((kept + 1)) ;;
        *) lost=$((lost + 1)) ;;
    esac
done
[ $lost -gt 0 ] && [ $kept -gt 0 ] && ok || bad "seeds 1..50: $lost lost an update, $kept did not (both should happen)"
# ... and at grain line count += 1 is one step, so no update is ever lost
lost=0
for seed in $(seq 1 20); do
    [ "$("$GILT" --grain line --seed $seed "$TMP/lost.py")" = "count = 6" ] || lost=$((lost + 1))
done
[ $lost = 0 ] && ok || bad "grain line lost an update in $lost of 20 seeds"

# ---- save a schedule, follow it: the same run exactly ----
for grain in op line; do
    run a -- "$GILT" --grain $grain --seed 5 --save-schedule "$TMP/s.sched" "$TMP/blocky.py"
    run b -- "$GILT" --schedule "$TMP/s.sched" "$TMP/blocky.py"
    same "grain $grain: --save-schedule then --schedule" "$TMP/a" "$TMP/b"
    head -1 "$TMP/s.sched" | grep -qE "^gilt-schedule 1 gilt [0-9.]+ sha256 [0-9a-f]{64} grain $grain$" && ok ||
        bad "schedule header: $(head -1 "$TMP/s.sched")"
    steps=$(grep -c '^# ' "$TMP/s.sched")
    grep -qE "^# $steps  T[0-9]+  blocky.py:[0-9]+  [A-Z_]+" "$TMP/s.sched" && ok || bad "schedule notes: $(tail -1 "$TMP/s.sched")"
done
# the inline form of the same steps, without notes, replays too
steps=$(awk 'NR > 1 && !/^#/' "$TMP/s.sched" | tr -d '\n')
run c -- "$GILT" --grain line --schedule "$steps" "$TMP/blocky.py"
same "inline steps from a file" "$TMP/a" "$TMP/c"

# ---- schedule errors ----
check_err() {   # check_err NAME STATUS PATTERN -- command
    name=$1 want=$2 pat=$3
    shift 4
    "$@" >"$TMP/out" 2>"$TMP/err"
    st=$?
    if [ $st = "$want" ] && grep -qE -- "$pat" "$TMP/err"; then ok; else bad "$name: status $st, stderr $(head -c 300 "$TMP/err")"; fi
}
check_err "a step names a thread not started yet" 2 "schedule step 4 names T1, but there is no T1" -- \
    "$GILT" --schedule 0*3,1 "$TMP/lost.py"
check_err "a step names a finished thread" 2 "names T1, which is finished" -- "$GILT" --schedule 0*60,1*500 "$TMP/lost.py"
cat >"$TMP/held.py" <<'EOF'
import threading
lock = threading.Lock()
def other():
    with lock:
        pass
lock.acquire()
t = threading.Thread(target=other)
t.start()
x = 1
y = 2
lock.release()
t.join()
EOF
"$GILT" --seed 1 --save-schedule "$TMP/h.sched" "$TMP/held.py" >/dev/null 2>&1
# T0 runs up to `x = 1` (T1 has started, and waits at `with lock:`); then T1 loads
# the lock, tries to take it and blocks; a third step for T1 is an error
start=$(grep -m1 '  T0  held.py:9  ' "$TMP/h.sched" | sed 's/^# \([0-9]*\) .*/\1/')
check_err "a step names a blocked thread" 2 "names T1, which is blocked: waits for the lock made at held.py:2, held by T0" -- \
    "$GILT" --schedule "0*$((start - 1)),1,1,1" "$TMP/held.py"
cp "$TMP/s.sched" "$TMP/changed.sched"
sed 's/range(3)/range(4)/' "$TMP/blocky.py" >"$TMP/blocky2.py"
sed -i 's/blocky.py/blocky2.py/' "$TMP/changed.sched"
check_err "a changed program diverges" 2 "schedule diverged at step [0-9]+: expected T[0-9] .* at blocky2.py:[0-9]+, found" -- \
    "$GILT" --schedule "$TMP/changed.sched" "$TMP/blocky2.py"
grep -q "the program has changed since the schedule was recorded" "$TMP/err" && ok || bad "divergence does not say the program changed"
printf 'gilt-schedule 2 gilt 0.1.0 grain op\n0\n' >"$TMP/v2.sched"
check_err "another format version" 2 "v2.sched: line 1: schedule format version 2 is not one this gilt reads" -- \
    "$GILT" --schedule "$TMP/v2.sched" "$TMP/lost.py"
printf 'hello\n' >"$TMP/junk.sched"
check_err "not a schedule" 2 "line 1: not a gilt schedule" -- "$GILT" --schedule "$TMP/junk.sched" "$TMP/lost.py"
printf 'gilt-schedule 1 gilt 0.1.0 grain op\n0*4,1*x\n' >"$TMP/tok.sched"
check_err "a bad step" 2 "tok.sched: line 2: expected a count" -- "$GILT" --schedule "$TMP/tok.sched" "$TMP/lost.py"
printf 'gilt-schedule 1 gilt 0.1.0 grain op\n0*2\n# 2  T0  x.py:1  NOP\n' >"$TMP/notes.sched"
check_err "notes out of order" 2 "line 3: note for step 2 where step 1's was expected" -- \
    "$GILT" --schedule "$TMP/notes.sched" "$TMP/lost.py"
printf 'gilt-schedule 1 gilt 0.1.0 grain sideways\n' >"$TMP/grain.sched"
check_err "a bad grain" 2 "grain must be op or line" -- "$GILT" --schedule "$TMP/grain.sched" "$TMP/lost.py"
: >"$TMP/empty.sched"
check_err "an empty file" 2 "the schedule file is empty" -- "$GILT" --schedule "$TMP/empty.sched" "$TMP/lost.py"
check_err "an empty inline schedule" 2 "it is not inline steps" -- "$GILT" --schedule "" "$TMP/lost.py"
check_err "no such file" 2 "no schedule file 'nope.sched'" -- "$GILT" --schedule nope.sched "$TMP/lost.py"
check_err "a file taken at another grain" 2 "the schedule was taken at grain line" -- \
    "$GILT" --grain op --schedule "$TMP/s.sched" "$TMP/blocky.py"
# a header and no steps is a schedule that runs out at once: as --seed 0
printf 'gilt-schedule 1 gilt 0.1.0 grain op\n' >"$TMP/none.sched"
run a -- "$GILT" --schedule "$TMP/none.sched" "$TMP/blocky.py"
run b -- "$GILT" --seed 0 "$TMP/blocky.py"
same "a schedule with no steps runs as --seed 0" "$TMP/a" "$TMP/b"
check_err "--seed wants a number" 2 "--seed wants a whole number" -- "$GILT" --seed -3 "$TMP/lost.py"
check_err "--grain wants op or line" 2 "--grain must be op or line" -- "$GILT" --grain word --seed 1 "$TMP/lost.py"
check_err "the scheduler needs a file" 2 "needs a script file" -- "$GILT" --seed 1 -c 'print(1)'
check_err "--check needs an exercise" 2 "is not an exercise" -- "$GILT" --check "$TMP/lost.py"

# ---- virtual time: sleeps order the threads, timeouts expire, nothing waits ----
cat >"$TMP/sleepy.py" <<'EOF'
import threading, time
t0 = time.monotonic()
def w(n):
    time.sleep(100 * n)
    print("woke", n, round(time.monotonic() - t0, 3))
ts = [threading.Thread(target=w, args=(n,)) for n in (3, 1, 2)]
for t in ts: t.start()
for t in ts: t.join()
print(threading.Event().wait(50), round(time.monotonic() - t0, 3))
EOF
"$GILT" --seed 4 "$TMP/sleepy.py" >"$TMP/out" 2>&1
printf 'woke 1 100.0\nwoke 2 200.0\nwoke 3 300.0\nFalse 350.0\n' >"$TMP/want"
# (the small steps taken between sleeps add microseconds: compare to the 0.1 s)
awk '{ if ($1 == "woke") printf "%s %s %.1f\n", $1, $2, $3; else printf "%s %.1f\n", $1, $2 }' "$TMP/out" >"$TMP/got"
same "virtual time: 10 minutes of sleeps in an instant" "$TMP/want" "$TMP/got"

# ---- a deadlock under the scheduler: the report, exit 1, and its schedule replays ----
cat >"$TMP/dl.py" <<'EOF'
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
t1 = threading.Thread(target=one); t2 = threading.Thread(target=two)
t1.start(); t2.start(); t1.join(); t2.join()
print("done")
EOF
found=""
for seed in $(seq 1 40); do
    "$GILT" --seed $seed --save-schedule "$TMP/dl.sched" "$TMP/dl.py" >"$TMP/out" 2>"$TMP/err"
    if [ $? = 1 ] && grep -q "^Deadlock: every thread is waiting" "$TMP/err"; then found=$seed; break; fi
done
if [ -n "$found" ]; then
    ok
    grep -q 'held by Thread-1 (one)' "$TMP/err" && grep -q 'held by Thread-2 (two)' "$TMP/err" && ok ||
        bad "the deadlock report does not name both holders: $(cat "$TMP/err")"
    "$GILT" --schedule "$TMP/dl.sched" "$TMP/dl.py" >"$TMP/out2" 2>"$TMP/err2"
    [ $? = 1 ] && cmp -s "$TMP/err" "$TMP/err2" && ok || bad "the saved deadlock schedule does not replay the deadlock"
else
    bad "no seed of 40 deadlocked dl.py"
fi

 # ---- --trace: a controlled run is recorded, whole even when it ends at a deadlock ----
if [ -n "$found" ]; then
    "$GILT" --schedule "$TMP/dl.sched" --trace "$TMP/dl.trc" "$TMP/dl.py" >/dev/null 2>&1
    "$GILT" trace "$TMP/dl.trc" >"$TMP/stats" 2>&1
    if [ $? = 0 ] && grep -q "Thread-2 (two)" "$TMP/stats" && ! grep -q "ends early" "$TMP/stats"; then ok; else
        bad "--trace of a deadlocked controlled run: $(head -3 "$TMP/stats")"; fi
fi

rm -rf "$TMP"
echo "sched: $pass passed, $fail failed"
[ $fail = 0 ]
