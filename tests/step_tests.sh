#!/usr/bin/env bash
# tests/step_tests.sh -- the stepper (gilt --step) end to end, in a real terminal: tmux.
#
# Each test starts gilt in a detached tmux session of a known size, types keys with
# send-keys and reads the screen with capture-pane.  Every wait polls the screen
# until what it waits for shows, up to a deadline, so a busy machine only makes the
# test slower.  The pane's command ends by printing the exit status and the
# terminal's stty settings, so a test can check that gilt left the terminal sane.
# The programs are written here, in a temporary folder.  Needs tmux (./bootstrap
# installs it); without it the test is skipped (exit 77).
# Ends with "step: N passed, M failed".
set -u
GILT=${GILT:-./gilt}
GILT=$(cd "$(dirname "$GILT")" && pwd)/$(basename "$GILT")
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR
SOCK="gilt-step-$$"
passed=0
failed=0
DEADLINE=${STEP_TEST_DEADLINE:-30}   # seconds any one wait may take

if ! command -v tmux >/dev/null; then
    echo "step: skipped: tmux is not installed (./bootstrap installs it)"
    echo "step: 0 passed, 0 failed"
    exit 77
fi
TMP=$(mktemp -d)

. "$(dirname "$0")/tmux_lib.sh"
# wait_all REGEX...: until one screen shows every one of them (a screen read while
# it is being drawn may show only part of a change)
wait_all() {
    local i p missing
    for ((i = 0; i < DEADLINE * 10; i++)); do
        screen > /dev/null
        missing=0
        for p in "$@"; do
            grep -qE -- "$p" "$TMP/screen" || { missing=1; break; }
        done
        [ $missing -eq 0 ] && return 0
        sleep 0.1
    done
    return 1
}
# wait_gone REGEX: until the screen no longer shows it
wait_gone() {
    local i
    for ((i = 0; i < DEADLINE * 10; i++)); do
        screen | grep -qE -- "$1" || return 0
        sleep 0.1
    done
    return 1
}
# the step the header shows ("step 14"); empty once the run has ended
step_of() { screen | head -1 | grep -oE 'step [0-9]+' | head -1 | grep -oE '[0-9]+'; }
# press KEY: a key that takes a step; waits until the header's step has moved on
press() {
    local before i
    before=$(step_of)
    keys "$1"
    for ((i = 0; i < DEADLINE * 10; i++)); do
        [ "$(step_of)" != "$before" ] && return 0
        sleep 0.1
    done
    return 1
}
# press_until REGEX KEY MAX: press KEY (one step each) until the screen shows REGEX
press_until() {
    local i
    for ((i = 0; i < $3; i++)); do
        screen | grep -qE -- "$1" && return 0
        press "$2" || return 1
    done
    screen | grep -qE -- "$1"
}
# the screen without its last two rows (the message and the keys)
body() { screen | head -n -2; }

# ---- the programs ----

# the lost update, as an exercise whose goal is caught during the run
cat > "$TMP/race.py" <<'EOF'
# title: Lost update, caught at once
# goal: always done < 2 or count == 2
# grain: line
# watch: count, done
import threading
count = 0
done = 0
def work():
    global count, done
    count += 1
    done += 1
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("count =", count)
EOF
# the same, with the goal checked when the program ends
cat > "$TMP/atend.py" <<'EOF'
# title: Lost update
# goal: invariant count == 2
# grain: line
# watch: count
import threading
count = 0
def work():
    global count
    count += 1
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("count =", count)
EOF
# two locks taken in opposite orders
cat > "$TMP/dl.py" <<'EOF'
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
EOF
# more threads than fit in 80 columns
cat > "$TMP/many.py" <<'EOF'
import threading
total = 0
lock = threading.Lock()
def work(k):
    global total
    with lock:
        total += k
ts = [threading.Thread(target=work, args=(k,)) for k in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("total", total)
EOF
cp "$TMP/race.py" "$TMP/victim.py"

# ---- refusals: no terminal, a dumb or too small terminal ----

"$GILT" --step "$TMP/race.py" > "$TMP/out" 2> "$TMP/err" < /dev/null
st=$?
if [ $st -eq 2 ] && grep -q "standard output is not a terminal" "$TMP/err" && [ ! -s "$TMP/out" ]; then
    ok "not a terminal: clear error, exit 2, the program does not run"
else
    bad "not a terminal (status $st): $(cat "$TMP/err")"
fi

start 80 24 "'$GILT' --step race.py < /dev/null"
if wait_for "EXIT=2" && grep -q "standard input is not a terminal" "$TMP/screen"; then
    ok "stdin not a terminal: refused, exit 2"
else
    bad "stdin not a terminal"
fi

start 80 24 "TERM=dumb '$GILT' --step race.py"
if wait_for "EXIT=2" && grep -q "dumb" "$TMP/screen"; then
    ok "TERM=dumb: refused with the reason"
else
    bad "TERM=dumb"
fi

start 70 20 "'$GILT' --step race.py"
if wait_for "EXIT=2" && grep -q "too small: 70x20" "$TMP/screen" && grep -q "80x24" "$TMP/screen"; then
    ok "terminal too small: says the size it has and the size it needs"
else
    bad "terminal too small"
fi

# ---- the lost update, step by step ----

start 80 24 "'$GILT' --step race.py"
if wait_all "Your move: 0" "^gilt --step race.py  step 1  grain line .*GIL OFF.*goal: make" "T0 MainThread" \
    "^│> ?[0-9]+ import threading" "count = \(not defined yet\)"; then
    ok "the first screen: header, goal, the main thread's column at its first line, shared state"
else
    bad "the first screen"
fi

# the main thread starts both workers, then waits for them
if press_until "blocked: waits for" 0 60 && wait_all "ready - key 1" "ready - key 2" "T1 Thread-1 \(work\)" \
    "T2 Thread-2 \(work\)" "next LOAD_GLOBAL count" "count = 0"; then
    ok "three columns: the main thread blocked in join, both workers ready at count += 1"
else
    bad "the workers' columns"
fi
n0=$(step_of)
before=$(body)

if press 1 && wait_all "count = 1" "next LOAD_GLOBAL done" "step $n0: T1 ran line 10 \(count \+= 1\)" \
    "step $((n0 + 1))  grain"; then
    ok "1 steps T1 a whole line: its column moves on, the shared panel says count = 1"
else
    bad "stepping T1"
fi

# the same body as before: poll until it is (or the deadline passes)
same_body() {
    local i
    for ((i = 0; i < DEADLINE * 10; i++)); do
        [ "$(body)" = "$1" ] && return 0
        sleep 0.1
    done
    return 1
}
keys u
if wait_all "undone \(p 1\): back at step $n0" "step $n0  grain" "count = 0" && same_body "$before"; then
    ok "u undoes exactly one step: the same step, columns and shared state as before"
else
    bad "undo (step $(step_of), was $n0)"
    diff <(echo "$before") <(body) | head -20
fi

keys Right
wait_for "T1 selected"
keys e
if wait_all "T1's line 10 is expanded" "\[T1 Thread-1 \(work\)\]" "\[expanded\]" \
    && [ "$(grep -c '\[expanded\]' "$TMP/screen")" -eq 1 ]; then
    ok "e expands the selected thread's line: [expanded] in its column"
else
    bad "e at grain line"
fi
if press 1 && wait_all "has loaded count = 0" "next LOAD_CONST 1"; then
    ok "an expanded line steps by instruction: T1 has loaded count = 0, next LOAD_CONST 1"
else
    bad "stepping an expanded line"
fi

# T2 reads count too, before T1 writes it back: one update is lost
keys Right
wait_for "T2 selected"
keys e
wait_for "T2's line 10 is expanded"
for k in 2 1 1 1 2 2 2; do press $k || break; done
if wait_all "count = 1" "done = 0" && press 1 && press 2 \
    && wait_for "Goal reached at step [0-9]+: .done < 2 or count == 2. is false; press w to save"; then
    ok "the lost update: the goal is announced in the banner"
else
    bad "the goal was not announced"
fi
goal_step=$(step_of)

keys 1
if wait_for "T1 cannot run: finished"; then
    ok "a finished thread is refused with the child's message"
else
    bad "picking a finished thread"
fi

keys w
if wait_for "schedule written to race.py.sched" && [ -s "$TMP/race.py.sched" ]; then
    ok "w writes the schedule next to the program"
else
    bad "w"
fi

keys q
if wait_for "EXIT=0" && wait_for "icanon" 5 && grep -qE "(^| )icanon( |$)" "$TMP/screen" \
    && grep -qE "(^| )echo( |$)" "$TMP/screen"; then
    ok "q quits: exit 0, the terminal is sane afterwards (icanon, echo)"
else
    bad "q"
fi

(cd "$TMP" && "$GILT" --schedule race.py.sched race.py > "$TMP/out" 2> "$TMP/err")
st=$?
if [ $st -eq 0 ] && grep -q "count = 1" "$TMP/out"; then
    ok "gilt --schedule race.py.sched race.py replays the lost update, exit 0"
else
    bad "replaying the saved schedule (status $st): $(cat "$TMP/out" "$TMP/err")"
fi
(cd "$TMP" && "$GILT" --check race.py --schedule race.py.sched > "$TMP/out" 2> "$TMP/err")
st=$?
if [ $st -eq 0 ] && grep -q "goal reached" "$TMP/out"; then
    ok "gilt --check grades the saved schedule: goal reached"
else
    bad "--check with the saved schedule (status $st): $(cat "$TMP/out" "$TMP/err")"
fi

start 80 24 "'$GILT' --step --schedule race.py.sched race.py"
if wait_all "Goal reached" "step $goal_step  grain" "count = 1"; then
    ok "--schedule: the stepper opens at the end of the schedule"
else
    bad "--schedule (step $(step_of), wanted $goal_step)"
fi
keys u
if wait_for "nothing to undo: the run starts at the end of the schedule"; then
    ok "u at the start of a --schedule run: nothing to undo, said so"
else
    bad "u with --schedule"
fi
keys C-c
if wait_for "EXIT=0" && wait_for "icanon" 5 && grep -qE "(^| )echo( |$)" "$TMP/screen"; then
    ok "Ctrl-C quits as q does: exit 0, the terminal sane"
else
    bad "Ctrl-C"
fi

# ---- the end of the program: a goal checked at the end, the exit status ----

start 80 24 "'$GILT' --step atend.py"
wait_for "Your move: 0"
press_until "blocked: waits for" 0 60
keys Right e Right e
wait_for "T2's line 9 is expanded"
for k in 1 2 1 1 1 2 2 2; do press $k || break; done
if wait_for "count = 1" && press s \
    && wait_all "Goal reached at step [0-9]+: .count == 2. is false at the end" \
        "The program has finished \(exit status 0\)" "ended after [0-9]+ steps"; then
    ok "the end of the run: the goal at the end, and the program has finished (exit status 0)"
elif grep -q "stopped unexpectedly" "$TMP/screen"; then
    bad "the end of the run: the child gilt died as the program ended, before its last snapshot"
else
    bad "the end of the run"
fi
keys q
if wait_all "EXIT=0" "^count = 1"; then
    ok "after q the program's output is printed on the terminal"
else
    bad "the output after q"
fi

# ---- a deadlock ----

start 80 24 "'$GILT' --step --grain line dl.py"
wait_for "Your move: 0"
press_until "blocked: waits for" 0 60
for k in 1 2 1; do press $k || break; done
keys 2
if wait_all "Deadlock after [0-9]+ steps: every thread is blocked" "deadlock: who waits for what" \
    "T1 waits for the lock made at dl.py:3, held by T2" "T2 waits for the lock made at dl.py:2, held by T1" \
    "T0 waits for Thread-1 \(one\) to finish"; then
    ok "a deadlock: Deadlock in the banner, and who waits for what, held by whom"
else
    bad "deadlock"
fi
keys 1
if wait_for "the run has ended: u undoes"; then ok "after the end a pick is refused, with what is left"; else bad "pick after the end"; fi
keys u
if wait_all "undone \(p 2\)" "ready - key 2" && wait_gone "Deadlock"; then
    ok "u after a deadlock: back before it"
else
    bad "undo after the deadlock"
fi
keys q
wait_for "EXIT=0" || bad "q after a deadlock"

# ---- more threads than columns; monochrome ----

start 80 24 "NO_COLOR=1 '$GILT' --step --grain line many.py"
wait_for "Your move: 0"
if press_until "also \(left/right shows them\):  T3 ready  T4 ready" 0 80 && [ "$(screen | grep -o '┌' | wc -l)" -ge 5 ]; then
    ok "five workers at 80 columns: three columns, and a line for the rest"
else
    bad "more threads than fit"
fi
$T capture-pane -e -p -t t > "$TMP/ansi"
if ! grep -qE $'\e\\[[0-9;]*(3[0-7]|4[0-7]|38;5|48;5)[;m]' "$TMP/ansi" && grep -qE "^│> ?[0-9]+ " "$TMP/screen"; then
    ok "NO_COLOR: no colours; each thread's line is marked with >"
else
    bad "NO_COLOR"
fi
long=0
while IFS= read -r line; do [ ${#line} -gt 80 ] && long=$((long + 1)); done < "$TMP/screen"
[ "$long" -eq 0 ] && [ "$(wc -l < "$TMP/screen")" -le 24 ] && ok "80x24: nothing drawn outside the screen" \
    || bad "lines longer than 80 columns: $long"
keys '?'
if wait_for "undo one step \(the run is replayed in a fresh gilt\)"; then ok "? opens the help"; else bad "? help"; fi
keys x
wait_gone "undo one step \(the run" && ok "any key closes the help" || bad "help stayed open"
$T resize-window -t t -x 70 -y 20 2>/dev/null || $T resize-pane -t t -x 70 -y 20
if wait_for "terminal too small: 70x20"; then ok "shrunk below 80x24: says so"; else bad "too small while running"; fi
$T resize-window -t t -x 100 -y 30 2>/dev/null || $T resize-pane -t t -x 100 -y 30
if wait_all "T3 Thread-3 \(work\)" "also \(left/right shows them\):  T4 ready"; then ok "enlarged to 100x30: four columns"; else bad "resize to 100x30"; fi
keys q
wait_for "EXIT=0" || bad "q after resizing"

# ---- a child that dies is reported, not waited for ----

start 80 24 "'$GILT' --step '$TMP/victim.py'"
wait_for "Your move: 0"
pid=$(pgrep -f -- "--step-child [0-9]+,[0-9]+ .*$TMP/victim.py" | head -1)
if [ -n "$pid" ] && kill -KILL "$pid" && wait_for "The run stopped unexpectedly: its gilt was killed by signal 9"; then
    ok "the child killed: the banner says so"
else
    bad "child killed (pid '$pid')"
fi
keys 0
wait_for "the run has stopped: u undoes a step, r restarts" && ok "a pick after the child died: refused, no hang" \
    || bad "pick after the child died"
keys r
if wait_all "restarted: a fresh run" "step 1  grain" && wait_gone "stopped unexpectedly" && press 0; then
    ok "r starts a fresh child, and stepping works again"
else
    bad "restart after the child died"
fi
keys q
wait_for "EXIT=0" || bad "q after a restart"

# ---- gilt --explore: its progress line on a terminal, and its schedule in the stepper ----
(cd "$TMP" && "$GILT" --explore race.py > "$TMP/out" 2> "$TMP/err")
st=$?
if [ $st -eq 1 ] && [ -s "$TMP/race.py.fail.sched" ] && grep -q "gilt --step --schedule race.py.fail.sched race.py" "$TMP/out"; then
    ok "--explore finds the lost update and names the stepper command"
else
    bad "--explore race.py (status $st): $(head -5 "$TMP/out" "$TMP/err")"
fi
start 80 24 "'$GILT' --step --schedule race.py.fail.sched race.py"
if wait_all "Goal reached" "grain op"; then
    ok "the stepper opens --explore's schedule at its end, the goal reached"
else
    bad "the stepper with race.py.fail.sched"
fi
keys q
wait_for "EXIT=0" 10 >/dev/null
cat > "$TMP/safe_loop.py" <<'EOF'
import threading
lock = threading.Lock()
n = 0
def work():
    global n
    for _ in range(3):
        with lock:
            n += 1
ts = [threading.Thread(target=work) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
EOF
start 80 24 "'$GILT' --explore --strategy random --time 120 safe_loop.py"
if wait_for "explore: random walks, [0-9]+ schedules, [0-9]+/s, [0-9.]+s"; then
    ok "--explore on a terminal: a progress line (strategy, schedules, rate, time)"
else
    bad "no progress line from --explore on a terminal"
fi
keys C-c
if wait_for "EXIT=130" 20; then ok "Ctrl-C stops a search: exit 130"; else bad "Ctrl-C during --explore"; fi

$T kill-server 2>/dev/null
rm -rf "$TMP"
echo "step: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
