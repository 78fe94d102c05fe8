#!/bin/sh
# tests/fixit_tests.sh -- the "fix it" exercises (exercises/ with `# goal: fix`,
# docs/exercises.md, "Fix it").
#
# A fix exercise is a buggy program the student must make correct; its fixed
# version is exercises/solutions/NN_name.py.  For every exercise whose header says
# `# goal: fix`:
#   1. the header is complete (title, teaches, goal, grain, budget, watch, two or
#      more hints), the solution has the same goal line, and gilt accepts the
#      header: `gilt --seed 1 EX` says nothing about it and does not exit 2;
#   2. the program runs as it is: `gilt EX` exits 0 or 1 (a free run may or may
#      not show the bug; a deadlock report is status 1), and so does the solution,
#      which exits 0, with the GIL off and on;
#   3. the bug is real: under some seed in 1..200 the program ends with its goal
#      expression false, a thread's traceback, a deadlock or the budget spent;
#   4. the fix holds under seeds 1..50 (GIL off) and 1..10 (GIL on): the goal
#      expression is true at the end, no thread dies, no deadlock, the budget
#      suffices;
#   5. grading: `gilt --check EX` exits 1 with "check: not fixed", and
#      `gilt --check SOLUTION` exits 0 with "check: fixed";
#   6. the search: `gilt --explore EX` exits 1 and saves a .fail.sched, which
#      `gilt --schedule` then replays; `gilt --explore SOLUTION` exits 0, and
#      `gilt --race SOLUTION` reports no race.
# Points 3 and 4 read the goal expression through the invariant goal: a copy of
# the file whose `goal: fix EXPR` says `goal: invariant EXPR`, run with --check
# and --seed, reaches that goal exactly when EXPR is false at the end.
#
# Every run is on a copy in a temporary folder, so that the .fail.sched files
# --explore and --check write stay out of the tree.  Run it from the top of the
# tree: sh tests/fixit_tests.sh (GILT names the binary, default ./gilt; SRCDIR
# the source tree, default .).  Nothing depends on timing; `timeout`, when there
# is one, only keeps a hung run from hanging the suite.  The last line is
# "fixit: N passed, M failed"; the status is non-zero if M > 0.

GILT=${GILT:-$(pwd)/gilt}
SRCDIR=${SRCDIR:-.}
EX=$SRCDIR/exercises
SOL=$EX/solutions

TMP=$(mktemp -d 2>/dev/null) || TMP=${TMPDIR:-/tmp}/gilt-fixit.$$
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

# as_invariant FILE COPY: COPY is FILE with its `goal: fix EXPR` turned into
# `goal: invariant EXPR`
as_invariant() {
    sed 's/^# goal: fix /# goal: invariant /' "$1" > "$2"
}

# seeded_end [GILT OPTIONS] FILE SEED: run an invariant copy under --check --seed;
# sets $end to "held" (EXPR true at the end, nothing went wrong), "broken" (EXPR
# false, a traceback, a deadlock or the budget spent) or "error" (exit 2)
seeded_end() {
    opts=
    while [ $# -gt 2 ]; do
        opts="$opts $1"
        shift
    done
    # shellcheck disable=SC2086
    run "$TMP/seed.out" "$TMP/seed.err" $opts --seed "$2" --check "$1"
    if [ "$st" -eq 2 ]; then
        end=error
    elif grep -q '^check: goal reached' "$TMP/seed.out" ||
        grep -q '^check: goal not reached: the \(program deadlocked\|step budget\)' "$TMP/seed.out" ||
        grep -q '^Traceback\|^Exception in thread' "$TMP/seed.err"; then
        end=broken
    elif [ "$st" -eq 1 ] && grep -q '^check: goal not reached: the program ended' "$TMP/seed.out"; then
        end=held
    else
        end=error
    fi
}

# graded WHAT FILE STATUS VERDICT: `gilt --check FILE` exits STATUS and prints a
# line "check: VERDICT: ..."
graded() {
    run "$TMP/out" "$TMP/err" --check "$2"
    if [ "$st" -ne "$3" ]; then
        bad "$1 exits $st, not $3" "$TMP/out" "$TMP/err"
    elif ! grep -q "^check: $4:" "$TMP/out"; then
        bad "$1 does not say \"check: $4\"" "$TMP/out" "$TMP/err"
    else
        ok "$1: $4"
    fi
}

if [ ! -x "$GILT" ]; then
    echo "FAIL no gilt at $GILT (make it first, or set GILT)"
    echo "fixit: 0 passed, 1 failed"
    exit 1
fi

count=0
for ex in "$EX"/[0-9][0-9]_*.py; do
    [ -f "$ex" ] || continue
    grep -q '^# goal: fix\( \|$\)' "$ex" || continue
    count=$((count + 1))
    name=$(basename "$ex" .py)
    sol=$SOL/$name.py
    if [ ! -f "$sol" ]; then
        bad "$name: no reference fix $sol"
        continue
    fi
    # a folder of its own for each: the exercise, its fix, their invariant copies
    W=$TMP/$name
    mkdir -p "$W/ex" "$W/sol" "$W/inv-ex" "$W/inv-sol"
    cp "$ex" "$W/ex/$name.py"
    cp "$sol" "$W/sol/$name.py"
    as_invariant "$ex" "$W/inv-ex/$name.py"
    as_invariant "$sol" "$W/inv-sol/$name.py"
    E=$W/ex/$name.py
    S=$W/sol/$name.py

    # 1. the header
    awk '!/^#/ { exit } { print }' "$ex" > "$TMP/header"
    missing=
    for field in title teaches goal grain budget watch hint; do
        grep -q "^# $field: *[^ ]" "$TMP/header" || missing="$missing $field"
    done
    hints=$(grep -c '^# hint: *[^ ]' "$TMP/header")
    if [ -n "$missing" ]; then
        bad "$name: the header lacks:$missing"
    elif [ "$hints" -lt 2 ]; then
        bad "$name: the header has $hints hint(s), 2 or more expected"
    else
        ok "$name: the header is complete"
    fi
    if [ "$(grep '^# goal:' "$ex")" = "$(grep '^# goal:' "$sol")" ]; then
        ok "$name: the solution has the same goal"
    else
        bad "$name: the solution's goal line differs from the exercise's"
    fi
    run "$TMP/out" "$TMP/err" --seed 1 "$E"
    if [ "$st" -eq 2 ] || grep -q 'exercise header' "$TMP/err"; then
        bad "$name: gilt does not take the header (exit $st)" "$TMP/err"
    else
        ok "$name: gilt takes the header"
    fi

    # 2. free runs: the exercise may show its bug or not, the solution must not
    for gil in 0 1; do
        run "$TMP/out" "$TMP/err" -X gil=$gil "$E"
        if [ "$st" -eq 0 ] || [ "$st" -eq 1 ]; then
            ok "$name: runs with -X gil=$gil (exit $st)"
        else
            bad "$name: exits $st with -X gil=$gil" "$TMP/out" "$TMP/err"
        fi
        run "$TMP/out" "$TMP/err" -X gil=$gil "$S"
        if [ "$st" -eq 0 ] && [ -s "$TMP/out" ] && ! grep -q 'Traceback' "$TMP/err"; then
            ok "$name: the solution runs clean with -X gil=$gil"
        else
            bad "$name: the solution exits $st with -X gil=$gil" "$TMP/out" "$TMP/err"
        fi
    done

    # 3. some seed shows the bug
    found=
    errors=0
    for n in $(seq 1 200); do
        seeded_end "$W/inv-ex/$name.py" "$n"
        [ "$end" = error ] && errors=$((errors + 1))
        if [ "$end" = broken ]; then
            found=$n
            break
        fi
    done
    if [ -n "$found" ]; then
        ok "$name: --seed $found shows the bug"
    elif [ "$errors" -gt 0 ]; then
        bad "$name: $errors seeded run(s) of the exercise ended in an error" "$TMP/seed.out" "$TMP/seed.err"
    else
        bad "$name: no seed in 1..200 shows the bug"
    fi

    # 4. no seed breaks the fix
    broke=
    for n in $(seq 1 50); do
        seeded_end "$W/inv-sol/$name.py" "$n"
        [ "$end" = held ] || { broke="--seed $n ($end)"; break; }
    done
    if [ -z "$broke" ]; then
        for n in $(seq 1 10); do
            seeded_end -X gil=1 "$W/inv-sol/$name.py" "$n"
            [ "$end" = held ] || { broke="-X gil=1 --seed $n ($end)"; break; }
        done
    fi
    if [ -z "$broke" ]; then
        ok "$name: the solution holds under seeds 1..50, and 1..10 with the GIL"
    else
        bad "$name: the solution fails under $broke" "$TMP/seed.out" "$TMP/seed.err"
    fi

    # 5. grading
    graded "$name: --check of the exercise" "$E" 1 "not fixed"
    graded "$name: --check of the solution" "$S" 0 "fixed"

    # 6. the search and the race detector
    rm -f "$W"/ex/*.fail.sched
    run "$TMP/out" "$TMP/err" --explore "$E"
    saved=$(ls "$W"/ex/*.fail.sched 2> /dev/null | head -n 1)
    if [ "$st" -ne 1 ]; then
        bad "$name: --explore of the exercise exits $st, not 1" "$TMP/out" "$TMP/err"
    elif [ -z "$saved" ]; then
        bad "$name: --explore of the exercise saves no .fail.sched" "$TMP/out" "$TMP/err"
    else
        ok "$name: --explore finds a failing schedule"
        run "$TMP/out" "$TMP/err" --schedule "$saved" "$E"
        if [ "$st" -ne 2 ] && ! grep -q 'diverged' "$TMP/err"; then
            ok "$name: the saved schedule replays"
        else
            bad "$name: the saved schedule does not replay (exit $st)" "$TMP/out" "$TMP/err"
        fi
    fi
    run "$TMP/out" "$TMP/err" --explore "$S"
    if [ "$st" -eq 0 ]; then
        ok "$name: --explore of the solution finds nothing"
    else
        bad "$name: --explore of the solution exits $st, not 0" "$TMP/out" "$TMP/err"
    fi
    run "$TMP/out" "$TMP/err" --race "$S"
    if [ "$st" -eq 0 ] && ! grep -q 'DATA RACE' "$TMP/err"; then
        ok "$name: --race finds no race in the solution"
    else
        bad "$name: --race of the solution exits $st" "$TMP/out" "$TMP/err"
    fi
done

if [ "$count" -ge 8 ]; then
    ok "$count fix exercises"
else
    bad "only $count fix exercises in $EX (8 or more expected)"
fi

# ---- the goal line ----

# `goal: fix` with no expression is a fix goal too
printf '# title: Plain fix\n# goal: fix\nprint("fine")\n' > "$TMP/plain_fix.py"
run "$TMP/out" "$TMP/err" --seed 1 "$TMP/plain_fix.py"
if [ "$st" -eq 0 ] && grep -q '^fine$' "$TMP/out"; then
    ok "goal: fix without an expression is accepted"
else
    bad "goal: fix without an expression: exit $st" "$TMP/out" "$TMP/err"
fi
run "$TMP/out" "$TMP/err" --check "$TMP/plain_fix.py"
if [ "$st" -eq 0 ] && grep -q '^check: fixed' "$TMP/out"; then
    ok "--check of a one-thread program with goal: fix: fixed"
else
    bad "--check of a one-thread program with goal: fix: exit $st" "$TMP/out" "$TMP/err"
fi

echo "fixit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
