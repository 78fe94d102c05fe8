#!/usr/bin/env bash
# tests/dash_tests.sh -- the dashboard end to end, in a real terminal: tmux.
#
# Each test starts gilt in a detached tmux session of a known size, types keys
# with send-keys and reads the screen with capture-pane.  The pane's command ends
# by printing the exit status and the terminal's stty settings, so a test can
# check that gilt left the terminal sane.  Needs tmux (./bootstrap installs it).
# Ends with "N passed, M failed".
set -u
GILT=${GILT:-./gilt}
SRCDIR=${SRCDIR:-.}
GILT=$(cd "$(dirname "$GILT")" && pwd)/$(basename "$GILT")
LESSONS=$(cd "$SRCDIR" && pwd)/lessons
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR
TMP=$(mktemp -d)
SOCK="gilt-dash-$$"
passed=0
failed=0

if ! command -v tmux >/dev/null; then
    echo "tmux is not installed (./bootstrap installs it)"
    echo "0 passed, 1 failed"
    exit 1
fi

DEADLINE=${DEADLINE:-10}
. "$(dirname "$0")/tmux_lib.sh"
# Count the worker rows' glyphs -- full, partial, idle -- in the timeline columns
# where at least two workers have something to show.  Columns where a single worker
# runs alone (a lesson's one-thread phase) say nothing about taking turns, and which
# phase is on screen depends on how fast the machine is; so they are left out.
# (gilt itself does the counting: it reads UTF-8 by code point.)
worker_glyphs() {
    screen | grep -E '^│ *[0-9]+ (Thread|builder)' | "$GILT" -c '
rows = []
while True:
    try:
        rows.append(input()[24:-1])   # after the border and the label (G_TIMELINE_LABEL_W)
    except EOFError:
        break
full = part = idle = 0
for col in range(max([len(r) for r in rows] + [0])):
    cells = [r[col] for r in rows if col < len(r) and r[col] != " "]
    if len(cells) < 2:
        continue
    for c in cells:
        if c == "█":
            full += 1
        elif c in "▁▂▃▄▅▆▇":
            part += 1
        elif c in "░▒·!":
            idle += 1
print(full, part, idle)'
}

# ---- refusals: no terminal, no script, a dumb or too small terminal ----

"$GILT" --dash "$LESSONS/02_the_lost_update.py" 1 10 > "$TMP/out" 2> "$TMP/err" < /dev/null
st=$?
if [ $st -eq 2 ] && grep -q "standard output is not a terminal" "$TMP/err" && [ ! -s "$TMP/out" ]; then
    ok "not a terminal: clear error, exit 2, the script does not run"
else
    bad "not a terminal (status $st): $(cat "$TMP/err")"
fi

start 100 30 "TERM=dumb '$GILT' --dash '$LESSONS/02_the_lost_update.py' 1 10"
if wait_for "EXIT=2" 10 && grep -q "dumb" "$TMP/screen"; then
    ok "TERM=dumb: refused with the reason"
else
    bad "TERM=dumb"
fi

start 70 20 "'$GILT' --dash '$LESSONS/02_the_lost_update.py' 1 10"
if wait_for "EXIT=2" 10 && grep -q "too small: 70x20" "$TMP/screen" && grep -q "80x24" "$TMP/screen"; then
    ok "terminal too small: says the size it has and the size it needs"
else
    bad "terminal too small"
fi

# ---- lesson 1 live: panels, motion, the GIL switch, resizing, q ----

start 100 30 "'$GILT' --dash '$LESSONS/01_cpu_threads_and_the_gil.py' 30 3000000"
if wait_for "GIL OFF" 10 && wait_for "round 1 " 20; then
    s=$(cat "$TMP/screen")
    missing=""
    for p in "threads  10 ms per column" "locks (" "refcounts" "GC " "source 01_cpu" "output" "q quit" "running"; do
        grep -qF -- "$p" <<< "$s" || missing="$missing [$p]"
    done
    [ -z "$missing" ] && ok "lesson 1: every panel appears" || bad "lesson 1 panels missing:$missing"
else
    bad "lesson 1 did not start drawing"
fi

a=$(screen | sed -n 3,8p)
sleep 0.7
b=$(screen | sed -n 3,8p)
[ "$a" != "$b" ] && ok "the timeline moves" || bad "the timeline did not change in 0.7 s"

# The patterns below are looked for until they show or a deadline passes, not read
# once after a fixed sleep: on a busy machine the lesson reaches its two-worker
# phase later, and the screen may still show the one before.
gil_off_pattern() { [ "$full" -gt $(( (part + idle) * 3 )) ] && [ "$full" -gt 20 ]; }
gil_on_pattern() { [ $((part + idle)) -gt $((full * 2)) ]; }
poll_pattern() {   # poll_pattern CHECK SECONDS
    local i
    for i in $(seq $(($2 * 4))); do
        read -r full part idle <<< "$(worker_glyphs)"
        "$1" && return 0
        sleep 0.25
    done
    return 1
}
if poll_pattern gil_off_pattern 20; then
    ok "GIL off: worker rows are solid running bars ($full full, $part partial, $idle idle)"
else
    bad "GIL off pattern: $full full, $part partial, $idle idle"
fi

keys g
if wait_for "GIL ON" 5; then
    ok "g: the header says GIL ON"
else
    bad "g did not switch the header"
fi
if poll_pattern gil_on_pattern 20; then
    ok "GIL on: workers take turns -- partial bars and GIL waits ($full full, $part partial, $idle idle)"
else
    bad "GIL on pattern: $full full, $part partial, $idle idle"
fi

keys +
if wait_for "switch 10.0ms" 5; then ok "+ doubles the switch interval in the header"; else bad "+ key"; fi
keys -
keys -
if wait_for "switch 2.00ms" 5; then ok "- shortens it"; else bad "- key"; fi

keys g
if wait_for "GIL OFF" 5; then ok "g again: GIL OFF"; else bad "g back"; fi

keys ' '
wait_for "PAUSED" 3
sleep 0.3   # the frame that first says PAUSED may still be reaching the terminal
a=$(screen | sed -n 3,8p)
sleep 0.6
b=$(screen | sed -n 3,8p)
[ "$a" = "$b" ] && grep -q PAUSED "$TMP/screen" && ok "space pauses the display" || bad "space did not freeze the timeline"
keys ' '

keys '?'
if wait_for "switch the GIL on or off, live" 3; then ok "? opens the help"; else bad "? help"; fi
keys x
sleep 0.3
screen > /dev/null
! grep -q "switch the GIL on or off, live" "$TMP/screen" && ok "any key closes the help" || bad "help stayed open"

keys Tab
if wait_for "\[locks" 3; then ok "Tab moves the focus to the locks panel"; else bad "Tab focus"; fi

$T resize-window -t t -x 80 -y 24 2>/dev/null || $T resize-pane -t t -x 80 -y 24
sleep 0.8
screen > /dev/null
long=0
while IFS= read -r line; do [ ${#line} -gt 80 ] && long=$((long + 1)); done < "$TMP/screen"
if grep -q "GIL OFF" "$TMP/screen" && grep -q "q quit" "$TMP/screen" && grep -q "threads" "$TMP/screen" \
    && [ "$long" -eq 0 ] && [ "$(wc -l < "$TMP/screen")" -le 24 ]; then
    ok "resized to 80x24: still renders, within the screen"
else
    bad "80x24 after resize"
fi

$T resize-window -t t -x 70 -y 20 2>/dev/null || $T resize-pane -t t -x 70 -y 20
if wait_for "terminal too small: 70x20" 3; then ok "shrunk below 80x24: says so"; else bad "too small while running"; fi
$T resize-window -t t -x 100 -y 30 2>/dev/null || $T resize-pane -t t -x 100 -y 30

keys q
if wait_for "EXIT=130" 8; then
    ok "q stops a running script, exit status 130 (interrupted)"
else
    bad "q while running"
fi
wait_for "icanon" 3
if grep -qE "(^| )icanon( |$)" "$TMP/screen" && grep -qE "(^| )echo( |$)" "$TMP/screen"; then
    ok "the terminal is sane afterwards (icanon, echo)"
else
    bad "terminal modes after q"
fi
history > /dev/null
grep -q "== gilt stats" "$TMP/screen" && grep -q "dashboard: .*% of one core" "$TMP/screen" \
    && ok "the summary and the dashboard's own cost follow the dashboard" || bad "no summary after q"

# ---- lesson 1 at 80x24: the result lines are whole (issue 14) ----
# The output panel wraps a long line (↪ marks the continuation), so the speedup at
# the end of "round N (...): 1 thread ..., 4 threads ..., speedup X.XXx" shows.
start 80 24 "'$GILT' --dash '$LESSONS/01_cpu_threads_and_the_gil.py' 2 200000"
if wait_for "finished, exit 0" 60 && wait_for "round 2 \(GIL off\): 1 thread" 5; then
    out=$(sed -n 's/.*││//p' "$TMP/screen" | sed -n '/round 1 (GIL off)/,$p' | sed 's/│//g' | tr '\n' ' ')
    if grep -qE "round 1 \(GIL off\): 1 thread [0-9.]+s, 4 threads +↪ *[0-9.]+s, speedup [0-9]+\.[0-9]{2}x" <<< "$out" \
        && grep -qE "speedup [0-9]+\.[0-9]{2}x" <<< "$(grep -A1 'round 2 (GIL off)' "$TMP/screen")"; then
        ok "80x24: lesson 1's whole round line is on screen, wrapped (speedup included)"
    else
        bad "80x24: lesson 1's round line is cut: $out"
    fi
    # w cuts the lines instead; right then scrolls them sideways to the speedup
    keys Tab Tab Tab Tab Tab
    wait_for "\[output" 3 || bad "Tab to the output panel"
    keys w
    if wait_for "output \(cut, w wraps\)" 3 && ! grep -q "↪" "$TMP/screen"; then
        ok "w in the output panel: long lines cut, not wrapped"
    else
        bad "w did not switch wrapping off"
    fi
    keys Right Right
    if wait_for "output \(cut, scrolled, w wraps\)" 3 && grep -qE "│[^│]*speedup [0-9.]+x *│$" "$TMP/screen" \
        && ! grep -q "round 1 (GIL off)" "$TMP/screen"; then
        ok "right scrolls the output sideways (the speedup comes into view)"
    else
        bad "right arrow in the output panel"
    fi
    keys Left Left
    if wait_for "output \(cut, w wraps\)" 3 && grep -q "round 1 (GIL off)" "$TMP/screen"; then
        ok "left scrolls back to the lines' start"
    else
        bad "left arrow in the output panel"
    fi
else
    bad "lesson 1 at 80x24 did not finish on the dashboard"
fi
keys q

# ---- lesson 2 at 80x24: names, numbers, locks (issue 14) ----
# Timeline rows are numbered, and the source panel marks lines with the same
# numbers; names are cut where they read well; a lock keeps its file:line.
start 80 24 "'$GILT' --dash '$LESSONS/02_the_lost_update.py' 30 20000"
if wait_for "Thread-[0-9]+ \(ham" 30; then
    ok "80x24: thread names keep their number and bracket (Thread-N (ham...)"
else
    bad "80x24: thread names"
fi
grep -qE "Thread-[0-9]+ ~" "$TMP/screen" && bad "a thread name cut mid-word: $(grep -oE 'Thread-[0-9]+ ~[^ ]*' "$TMP/screen" | head -1)"
matched=""
for i in $(seq 80); do
    screen > /dev/null
    # the source panel's marks: "│23,24 ▶  58 ..." (the first number of the first mark)
    no=$(grep -oE '^│[0-9]+[, 0-9]*▶' "$TMP/screen" | head -1 | grep -oE '[0-9]+' | head -1)
    if [ -n "$no" ] && grep -qE "^│ +$no (Thread|MainThread)" "$TMP/screen"; then
        matched=$no
        break
    fi
    sleep 0.25
done
[ -n "$matched" ] && ok "the source panel's thread number $matched is a timeline row's number" \
    || bad "source marks and timeline numbers differ"
if wait_for "│[0-9a-z_~]+:[0-9]+ +[0-9.]+[kMG]? " 20; then
    ok "80x24: the locks panel keeps a creation site's file:line"
else
    bad "80x24: lock names"
fi
# (q while it runs stops the script: 130; if it had already ended, 0)
keys q
wait_for "EXIT=(0|130)" 10 || bad "lesson 2 at 80x24: q"

# ---- collecting: the thread that runs the GC has its own glyph (issue 14) ----
start 100 30 "'$GILT' --dash '$LESSONS/03_cycles_and_gc_pauses.py' 2 20000"
if wait_for "▓ collecting" 10; then ok "the legend names the collecting glyph"; else bad "legend: no collecting"; fi
if wait_for "^│ +[0-9]+ [^│]*▓" 60; then
    ok "lesson 3: a thread's row shows ▓ while it collects"
else
    bad "lesson 3: no collecting glyph in the timeline"
fi
keys q
wait_for "EXIT=(0|130)" 10 || bad "lesson 3: q"

# ---- monochrome: a short bar shows what filled the rest of the column ----
# With NO_COLOR the background of ▁..▇ is lost; a cell that ran under half shows
# the rest's glyph instead: with the GIL on, four workers' cells read ░ (GIL wait).
start 100 30 "NO_COLOR=1 '$GILT' -X gil=1 --dash '$LESSONS/01_cpu_threads_and_the_gil.py' 30 3000000"
if wait_for "▄ ran >half" 10; then ok "NO_COLOR: the legend says what a bar means there"; else bad "NO_COLOR legend"; fi
mono_pattern() { [ "$idle" -gt 20 ] && [ "$idle" -gt $((part * 2)) ]; }
if poll_pattern mono_pattern 40; then
    ok "NO_COLOR, GIL on: workers' cells show the GIL wait they mostly were ($full full, $part partial, $idle idle)"
else
    bad "NO_COLOR, GIL on: $full full, $part partial, $idle idle"
fi
keys q
wait_for "EXIT=(0|130)" 10 || bad "monochrome: q"

# ---- the end of a script: final screen, traceback, exit status ----

cat > "$TMP/raises.py" <<'EOF'
import threading
print("\x1b[2J\x1b[Hthis line tried to clear the screen")
print("\x1b[31mred?\x1b[0m")
t = threading.Thread(target=lambda: sum(range(100000)))
t.start()
t.join()
raise ValueError("boom")
EOF
start 100 30 "'$GILT' --dash raises.py"
if wait_for "finished, exit 1" 10; then
    s=$(cat "$TMP/screen")
    if grep -q "ValueError: boom" <<< "$s" && grep -q "Traceback" <<< "$s" && head -1 <<< "$s" | grep -q "GIL OFF"; then
        ok "a script that raises: traceback in the output panel, screen intact"
    else
        bad "raising script's final screen"
    fi
    grep -q "this line tried to clear the screen" <<< "$s" && ok "escape sequences in output are shown harmlessly" \
        || bad "escaped output"
else
    bad "the final screen did not stay"
fi
sleep 0.5
screen > /dev/null
grep -q "EXIT=" "$TMP/screen" && bad "the final screen closed without q" || ok "the final screen stays until q"
keys q
if wait_for "EXIT=1" 5 && grep -q "ValueError: boom" "$TMP/screen"; then
    ok "after q: the traceback is printed again, exit status 1"
else
    bad "traceback / status after q"
fi

# ---- a deadlock: the screen stays, with the report, until q (issue 14) ----
cat > "$TMP/deadlock.py" <<'EOF'
import threading, time
a = threading.Lock()
b = threading.Lock()
def one():
    with a:
        time.sleep(0.2)
        with b:
            pass
def two():
    with b:
        time.sleep(0.2)
        with a:
            pass
print("starting")
t1 = threading.Thread(target=one)
t2 = threading.Thread(target=two)
t1.start(); t2.start(); t1.join(); t2.join()
EOF
start 100 30 "'$GILT' --dash deadlock.py"
if wait_for "DEADLOCK" 20 && wait_for "held by Thread-1 \(one\)" 5; then
    s=$(cat "$TMP/screen")
    if grep -q "Thread-2 (two) waits at" <<< "$s" && grep -q "for the lock made at" <<< "$s" \
        && grep -q "q closes the dashboard" <<< "$s"; then
        ok "deadlock: a DEADLOCK banner with the wait-for cycle"
    else
        bad "deadlock banner lacks the cycle"
    fi
    sleep 1.5
    screen > /dev/null
    grep -q "EXIT=" "$TMP/screen" && bad "deadlock: the screen closed without q" || ok "deadlock: the screen stays until q"
    keys g   # the world is stopped: g must not hang the dashboard
    keys q
    if wait_for "EXIT=1" 10 && history | grep -q "^Deadlock: every thread is waiting" \
        && grep -q "held by Thread-2 (two)" "$TMP/screen" && grep -q "^starting" "$TMP/screen"; then
        ok "deadlock: after q the report is printed, exit status 1"
    else
        bad "deadlock: report / status after q"
    fi
else
    bad "deadlock: no DEADLOCK banner"
fi
start 100 30 "'$GILT' --dash --dash-exit deadlock.py"
if wait_for "EXIT=1" 20 && history | grep -q "^Deadlock: every thread is waiting"; then
    ok "deadlock under --dash-exit: closes at once, report printed, exit 1"
else
    bad "deadlock under --dash-exit"
fi

# ---- q while workers are busy (issue 14) ----
# A pool's four workers compute for ever and the main thread waits on their
# results: q must end the run (KeyboardInterrupt in the main thread, SystemExit in
# the workers), not leave it after 3 s.  Then the output, the stats, exit 130.
cat > "$TMP/busy_pool.py" <<'EOF'
import threading
from concurrent.futures import ThreadPoolExecutor
started = threading.Barrier(5)
def heavy_computation(n):
    started.wait()
    count = 0
    for i in range(n):
        count += i
    return count
with ThreadPoolExecutor(max_workers=4) as executor:
    futures = [executor.submit(heavy_computation, 10**12) for _ in range(8)]
    started.wait()
    print("4 workers busy", flush=True)
    results = [f.result() for f in futures]
print("not reached")
EOF
for gil in 0 1; do
    start 100 30 "'$GILT' -X gil=$gil --dash busy_pool.py"
    if wait_for "4 workers busy" 20; then
        keys q
        if wait_for "EXIT=" 20 && history > /dev/null && grep -q "EXIT=130" "$TMP/screen" \
            && ! grep -q "did not stop" "$TMP/screen" && ! grep -q "not reached" "$TMP/screen" \
            && grep -q "^4 workers busy" "$TMP/screen" && grep -q "^KeyboardInterrupt" "$TMP/screen" \
            && grep -q "in <listcomp>" "$TMP/screen" && grep -q "== gilt stats" "$TMP/screen" \
            && ! grep -q "Error" "$TMP/screen" && ! grep -q "^Interrupted while" "$TMP/screen" \
            && [ "$(grep -n '^4 workers busy' "$TMP/screen" | cut -d: -f1)" -lt "$(grep -n '== gilt stats' "$TMP/screen" | cut -d: -f1)" ]; then
            ok "gil=$gil: q stops busy pool workers at once: output, then stats, exit 130"
        else
            bad "gil=$gil: q with busy workers: $(grep -m1 -E 'EXIT=|did not stop' "$TMP/screen")"
        fi
    else
        bad "gil=$gil: busy pool did not start"
    fi
done

# The main thread catches the first KeyboardInterrupt and goes on waiting for a
# thread that the stop cannot reach (an untimed wait, never ended): q interrupts
# it a second time.
cat > "$TMP/stubborn.py" <<'EOF'
import threading, time
never = threading.Event()
t = threading.Thread(target=never.wait)
t.start()
print("ready", flush=True)
try:
    while t.is_alive():
        time.sleep(0.05)
except KeyboardInterrupt:
    print("caught the first", flush=True)
while t.is_alive():
    time.sleep(0.05)
EOF
start 100 30 "'$GILT' --dash stubborn.py"
if wait_for "ready" 20; then
    keys q
    if wait_for "EXIT=" 20 && history > /dev/null && grep -q "EXIT=130" "$TMP/screen" \
        && grep -q "^caught the first" "$TMP/screen" && grep -q "^KeyboardInterrupt" "$TMP/screen" \
        && ! grep -q "did not stop" "$TMP/screen" && grep -q "== gilt stats" "$TMP/screen"; then
        ok "q: a second interrupt for a main thread that caught the first"
    else
        bad "q, stubborn script: $(grep -m1 -E 'EXIT=|did not stop' "$TMP/screen")"
    fi
else
    bad "stubborn script did not start"
fi

# A script that ignores every interrupt: q gives up after 3 s, with its output.
printf 'import time\nprint("ignoring you", flush=True)\nwhile True:\n    try:\n        time.sleep(1)\n    except KeyboardInterrupt:\n        pass\n' > "$TMP/deaf.py"
start 100 30 "'$GILT' --dash deaf.py"
if wait_for "ignoring you" 20; then
    keys q
    if wait_for "EXIT=" 20 && history > /dev/null && grep -q "EXIT=130" "$TMP/screen" \
        && grep -q "^ignoring you" "$TMP/screen" && grep -q "did not stop within 3 s of q" "$TMP/screen"; then
        ok "q: a script that ignores it is left after 3 s, its output printed, exit 130"
    else
        bad "q, deaf script: $(grep -m1 -E 'EXIT=' "$TMP/screen")"
    fi
else
    bad "deaf script did not start"
fi

# The stats header and the threads' times measure the run, not the final screen's
# wait for q (issue 14): a run that ends at once, then 3 s of final screen.
printf 'import threading\nt = threading.Thread(target=lambda: sum(range(1000)))\nt.start()\nt.join()\n' > "$TMP/quick.py"
t0=$(date +%s.%N)
start 100 30 "'$GILT' --dash quick.py"
if wait_for "finished, exit 0" 20; then
    seen=$(date +%s.%N)
    sleep 3
    keys q
    if wait_for "EXIT=0" 10 && history > /dev/null; then
        head=$(grep -oE '== gilt stats: .*, [0-9.]+s ==' "$TMP/screen" | grep -oE '[0-9.]+s ==$' | tr -d 's =')
        main=$(awk '/^MainThread/ { gsub("s", ""); print $2 + $3 + $4 + $5 + $6 }' "$TMP/screen")
        # the run ended before the test saw "finished": its time is at most that;
        # counting the wait for q it would be 3 s more
        if [ -n "$head" ] && [ -n "$main" ] && awk -v h="$head" -v m="$main" -v t0="$t0" -v s="$seen" \
            'BEGIN { exit !(h < s - t0 + 1.5 && m < s - t0 + 1.5) }'; then
            ok "the stats measure the run ($head s, main thread $main s), not the wait for q"
        else
            bad "stats header '$head' s, main thread '$main' s, after $(awk -v t0="$t0" -v s="$seen" 'BEGIN { print s - t0 }') s to finish + 3 s"
        fi
    else
        bad "quick script: no exit after q"
    fi
else
    bad "quick script did not finish on the dashboard"
fi

# ---- g while the script floods its output ----
# Threads print as fast as they can, so the output pipe is often full and writers
# block on it; g stops the world from the drawing thread, the one that drains the
# pipe.  A writer blocked attached on the full pipe would never reach its safepoint
# and the stop would never end (issue 10): writes that may block detach.
cat > "$TMP/flood.py" <<'EOF'
import gilt, threading, time
# flood until the GIL has been switched four times (or two minutes pass)
stop = threading.Event()
def spam(k):
    i = 0
    while not stop.is_set():
        print(f"thread {k} line {i} " + "x" * 60)
        i += 1
ts = [threading.Thread(target=spam, args=(k,)) for k in range(3)]
for t in ts:
    t.start()
deadline = time.monotonic() + 120
while gilt.stats()["gil_switches"] < 4 and time.monotonic() < deadline:
    time.sleep(0.01)
switches = gilt.stats()["gil_switches"]
stop.set()
for t in ts:
    t.join()
print("flood done after", switches, "switches")
EOF
start 100 30 "'$GILT' --dash --dash-exit flood.py"
if wait_for "GIL OFF" 10; then
    for want in "GIL ON" "GIL OFF" "GIL ON"; do
        keys g
        wait_for "$want" 10
    done
    keys g   # the fourth: the script ends when it sees it
    if wait_for "EXIT=0" 120 && history | grep -q "flood done after 4 switches"; then
        ok "g four times while threads flood the output pipe: no hang, exit 0"
    else
        bad "flooding script with g: $(grep -m1 -E 'EXIT|flood done' "$TMP/screen")"
    fi
else
    bad "flood script did not start on the dashboard"
fi

# ---- --dash-exit, monochrome ----

# coloured ENV: lesson 2 under --dash-exit with ENV; does its screen use colours?
coloured() {
    start 100 30 "$1 '$GILT' --dash-exit '$LESSONS/02_the_lost_update.py' 30 20000"
    wait_for "round 2" 20
    $T capture-pane -e -p -t t > "$TMP/ansi"
    grep -qE $'\e\\[[0-9;]*(3[0-7]|4[0-7]|38;5|48;5)[;m]' "$TMP/ansi"
}
coloured "NO_COLOR=1" && bad "NO_COLOR: colour codes on the screen" \
    || ok "NO_COLOR: no colours, still drawn ($(grep -c . "$TMP/ansi") lines)"
if wait_for "EXIT=0" 60 && history | grep -q "round 30 "; then
    ok "--dash-exit: closes by itself at the end and prints the script's output"
else
    bad "--dash-exit"
fi
coloured "" && ok "with colours by default" || bad "no colour by default"

# ---- replay ----

"$GILT" --trace "$TMP/run.gtrace" "$LESSONS/01_cpu_threads_and_the_gil.py" 2 3000000 > /dev/null
start 100 30 "'$GILT' --dash --replay run.gtrace"
if wait_for "replay of run.gtrace" 5 && wait_for "ThreadPool" 10; then
    ok "replay: the recording plays in the dashboard"
else
    bad "replay did not show the recording"
fi
# the block glyphs need a UTF-8 locale in ncurses, which the replay path must set
# itself: it never starts the runtime (issue 14: coloured blanks, no bars)
if wait_for "█" 10; then ok "replay: the timeline draws block glyphs"; else bad "replay: no █ on the screen"; fi
keys ' '
wait_for "paused at" 3
t1=$(grep -oE "paused at [^ ]+" "$TMP/screen")
keys Right
keys Right
sleep 0.5
wait_for "paused at" 3
t2=$(grep -oE "paused at [^ ]+" "$TMP/screen")
[ -n "$t1" ] && [ "$t1" != "$t2" ] && ok "replay: space pauses, the arrows step ($t1 -> $t2)" || bad "replay stepping ($t1 / $t2)"
keys ' '
if wait_for "replay finished" 30; then ok "replay: plays to the end and stays"; else bad "replay end"; fi
keys q
wait_for "EXIT=0" 5 && grep -q "replayed run.gtrace" "$TMP/screen" && ok "replay: q exits 0" || bad "replay q"

printf 'not a trace' > "$TMP/bad.gtrace"
"$GILT" --dash --replay "$TMP/bad.gtrace" > /dev/null 2> "$TMP/err" < /dev/null
st=$?
[ $st -eq 2 ] && grep -q "not a gilt trace" "$TMP/err" && ok "replay of a non-trace: clear error" \
    || bad "replay of a non-trace (status $st): $(cat "$TMP/err")"

# ---- compare ----

start 100 30 "'$GILT' --compare --dash-exit '$LESSONS/01_cpu_threads_and_the_gil.py' 1 2000000"
if wait_for "EXIT=0" 60 && grep -q "speedup without the GIL" "$TMP/screen"; then
    ok "compare on a terminal: both runs, then the table"
else
    bad "compare on a terminal"
fi
# A forked child inherits the signal handlers ncurses installed for the screen; a
# Pool worker ended with SIGTERM (terminate(), or leaving a `with Pool`) ran them
# and reset the terminal under the dashboard, which then drew only what changed
cat > "$TMP/pool.py" <<'EOF'
import multiprocessing
import time

def double(x):
    return 2 * x

if __name__ == "__main__":
    time.sleep(0.5)
    with multiprocessing.Pool(2) as pool:
        print("pool says", pool.map(double, [1, 2, 3]))
    time.sleep(0.5)
    print("pool gone")
EOF
start 80 24 "'$GILT' --dash pool.py"
if wait_for "finished, exit 0" 20 && grep -q "pool gone" "$TMP/screen" && head -1 "$TMP/screen" | grep -q "GIL OFF" \
    && grep -q "threads  10 ms per column" "$TMP/screen" && grep -q "locks (" "$TMP/screen"; then
    ok "a multiprocessing.Pool's workers leave the screen intact"
else
    bad "screen after a Pool"
fi
keys q
wait_for "EXIT=0" 5 || bad "pool script q"

start 100 30 "'$GILT' --compare '$LESSONS/01_cpu_threads_and_the_gil.py' 1 2000000"
if wait_for "GIL on   \(whole run" 60 && grep -q "GIL off  (same time scale)" "$TMP/screen" \
    && grep -q "speedup" "$TMP/screen"; then
    ok "compare view: two timelines and the figures"
else
    bad "compare view"
fi
grep -q "█" "$TMP/screen" && ok "compare view: the timelines draw block glyphs" || bad "compare view: no █"
keys q
wait_for "EXIT=0" 5 || bad "compare q"
# each run's last line of output is on the compare screen (issue 14), at 80x24 too
start 80 24 "'$GILT' --compare '$LESSONS/02_the_lost_update.py' 1 5000"
if wait_for "GIL on   \(whole run" 60 && grep -q "output: round 1 (GIL on): UnsafeCounter 20,000 (lost 0)" "$TMP/screen" \
    && grep -qE "output: round 1 \(GIL off\): UnsafeCounter [0-9,]+ \(lost [0-9,]+\)" "$TMP/screen"; then
    ok "compare view at 80x24: each run's last output line (lost 0 beside lost N)"
else
    bad "compare view: the runs' output"
fi
keys q
wait_for "EXIT=0" 5 || bad "compare q"

$T kill-server 2>/dev/null
rm -rf "$TMP"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
