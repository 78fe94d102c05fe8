#!/bin/sh
# tests/exercises.sh -- the race-condition exercises (exercises/, docs/exercises.md).
#
# For every exercises/NN_name.py:
#   1. its reference schedule (exercises/solutions/NN_name.sched) reaches the goal:
#      `gilt --check` exits 0 and says "check: goal reached";
#   2. its wrong schedule (NN_name.wrong.sched) does not: exit 1, "check: goal not
#      reached";
#   3. a seeded run is repeatable: `gilt --seed N` for N = 1, 2, 3, twice with
#      -X gil=0 and twice with -X gil=1, gives the same stdout, stderr and exit
#      status all four times (a seed may well deadlock or fail: it only has to do
#      so every time);
#   4. its header has a title, teaches, goal, grain, budget, watch and a hint.
# Then a few bad inputs of --check: no header, an unknown goal, a broken schedule.
#
# Run it from the top of the tree: sh tests/exercises.sh (GILT names the binary,
# default ./gilt; SRCDIR the source tree, default .).  Nothing here needs python3:
# gilt runs with an empty PATH, and its own `gilt` module serves `import gilt`
# (exercises/gilt.py is for python3 only).  Nothing depends on timing: the runs are
# under gilt's controlled scheduler, which is deterministic; `timeout`, when there
# is one, only keeps a hung run from hanging the suite.  The last line is
# "exercises: N passed, M failed"; the status is non-zero if M > 0.

GILT=${GILT:-$(pwd)/gilt}
SRCDIR=${SRCDIR:-.}
EX=$SRCDIR/exercises
SOL=$EX/solutions

TMP=$(mktemp -d 2>/dev/null) || TMP=${TMPDIR:-/tmp}/gilt-exercises.$$
mkdir -p "$TMP" || exit 2
trap 'rm -rf "$TMP"' 0
trap 'exit 130' INT TERM

# gilt runs with a PATH that leads nowhere: no python3 (nor anything else) to find
case $GILT in
*/*) ;;
*) GILT=$(command -v "$GILT" || echo "$GILT") ;;
esac
NOPATH=$TMP/empty-path
mkdir -p "$NOPATH"
GUARD=
if t=$(command -v timeout 2> /dev/null); then
    GUARD="$t 600"
fi

passed=0
failed=0

ok() {
    passed=$((passed + 1))
    echo "ok   $1"
}

# bad WHAT [FILE...]: a failure, with the tail of each file given
bad() {
    failed=$((failed + 1))
    echo "FAIL $1"
    shift
    for f in "$@"; do
        [ -s "$f" ] && tail -n 12 "$f" | sed 's/^/     | /'
    done
    return 0
}

# run OUT ERR ARGS...: gilt ARGS, stdout to OUT, stderr to ERR; sets $st
run() {
    out=$1
    err=$2
    shift 2
    PATH=$NOPATH $GUARD "$GILT" "$@" > "$out" 2> "$err" < /dev/null
    st=$?
}

if [ ! -x "$GILT" ]; then
    echo "FAIL no gilt at $GILT (make it first, or set GILT)"
    echo "exercises: 0 passed, 1 failed"
    exit 1
fi

count=0
for ex in "$EX"/[0-9][0-9]_*.py; do
    [ -f "$ex" ] || continue
    # the fix-it exercises are graded by search, not by a schedule: tests/fixit_tests.sh
    grep -q '^# goal: fix' "$ex" && continue
    count=$((count + 1))
    name=$(basename "$ex" .py)

    # 1. the reference schedule reaches the goal
    sched=$SOL/$name.sched
    if [ ! -f "$sched" ]; then
        bad "$name: no $sched"
    else
        run "$TMP/out" "$TMP/err" --check "$ex" --schedule "$sched"
        if [ "$st" -ne 0 ]; then
            bad "$name: the solution exits $st, not 0" "$TMP/out" "$TMP/err"
        elif ! grep -q '^check: goal reached' "$TMP/out"; then
            bad "$name: the solution does not say \"check: goal reached\"" "$TMP/out" "$TMP/err"
        else
            ok "$name: the solution reaches the goal"
        fi
    fi

    # 2. the wrong schedule does not
    wrong=$SOL/$name.wrong.sched
    if [ ! -f "$wrong" ]; then
        bad "$name: no $wrong"
    else
        run "$TMP/out" "$TMP/err" --check "$ex" --schedule "$wrong"
        if [ "$st" -ne 1 ]; then
            bad "$name: the wrong schedule exits $st, not 1" "$TMP/out" "$TMP/err"
        elif ! grep -q '^check: goal not reached' "$TMP/out"; then
            bad "$name: the wrong schedule does not say \"check: goal not reached\"" "$TMP/out" "$TMP/err"
        else
            ok "$name: the wrong schedule misses the goal"
        fi
    fi

    # 3. seeded runs repeat exactly, with and without the GIL
    for n in 1 2 3; do
        i=0
        same=yes
        for gil in 0 0 1 1; do
            i=$((i + 1))
            run "$TMP/seed$i.out" "$TMP/seed$i.err" -X gil=$gil --seed $n "$ex"
            echo "exit status $st" >> "$TMP/seed$i.out"
            if [ $i -gt 1 ]; then
                if ! cmp -s "$TMP/seed1.out" "$TMP/seed$i.out" || ! cmp -s "$TMP/seed1.err" "$TMP/seed$i.err"; then
                    same="no (run $i, -X gil=$gil, differs from run 1, -X gil=0)"
                fi
            fi
        done
        if [ "$same" = yes ]; then
            ok "$name: --seed $n repeats (4 runs, GIL off and on)"
        else
            bad "$name: --seed $n does not repeat: $same" "$TMP/seed1.out" "$TMP/seed$i.out"
        fi
    done

    # 4. the header says everything the stepper shows
    awk '!/^#/ { exit } { print }' "$ex" > "$TMP/header"
    missing=
    for field in title teaches goal grain budget watch hint; do
        grep -q "^# $field: *[^ ]" "$TMP/header" || missing="$missing $field"
    done
    if [ -n "$missing" ]; then
        bad "$name: the header lacks:$missing"
    else
        ok "$name: the header is complete"
    fi
done

if [ "$count" -ge 16 ]; then
    ok "$count exercises"
else
    bad "only $count exercises in $EX (16 or more expected)"
fi

# ---- bad inputs of --check ----

# a file with no header is not an exercise
printf 'print("no header here")\n' > "$TMP/plain.py"
run "$TMP/out" "$TMP/err" --check "$TMP/plain.py"
if [ "$st" -eq 2 ] && grep -q 'goal' "$TMP/err"; then
    ok "--check of a file with no header: exit 2, says what is missing"
else
    bad "--check of a file with no header: exit $st" "$TMP/out" "$TMP/err"
fi

# a goal gilt does not know
printf '# title: Nonsense\n# goal: sometimes x == 1\nx = 1\n' > "$TMP/badgoal.py"
run "$TMP/out" "$TMP/err" --check "$TMP/badgoal.py"
if [ "$st" -eq 2 ] && grep -q 'unknown goal' "$TMP/err"; then
    ok "--check with an unknown goal: exit 2"
else
    bad "--check with an unknown goal: exit $st" "$TMP/out" "$TMP/err"
fi

# a schedule file whose second line is broken: the message names the line
ex=$EX/02_count_ops.py
printf 'gilt-schedule 1 gilt 0.1.0 grain line\n0*6,1*x\n' > "$TMP/broken.sched"
run "$TMP/out" "$TMP/err" --check "$ex" --schedule "$TMP/broken.sched"
if [ "$st" -eq 2 ] && grep -q 'line 2' "$TMP/err"; then
    ok "--check with a malformed schedule: exit 2, names the line"
else
    bad "--check with a malformed schedule: exit $st" "$TMP/out" "$TMP/err"
fi

# notes out of order, further down: the message names that line
printf 'gilt-schedule 1 gilt 0.1.0 grain line\n0*2\n# 1  T0  a\n# 3  T0  b\n' > "$TMP/notes.sched"
run "$TMP/out" "$TMP/err" --check "$ex" --schedule "$TMP/notes.sched"
if [ "$st" -eq 2 ] && grep -q 'line 4' "$TMP/err"; then
    ok "--check with a schedule's notes out of order: exit 2, names the line"
else
    bad "--check with a schedule's notes out of order: exit $st" "$TMP/out" "$TMP/err"
fi

echo "exercises: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
