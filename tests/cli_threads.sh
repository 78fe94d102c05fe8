#!/bin/sh
# cli_threads.sh -- threads meeting the outside world: stdout and stdin that block,
# Ctrl-C while threads drop each other's objects and collect, and the REPL waiting
# at its prompt while a thread needs it.  Each test is bounded: what should happen
# at once is given 20 s before the test gives up and fails, so a stall fails it
# instead of hanging the suite.  Prints one line per failure and ends with
# "N passed, M failed".  An argument runs only the groups whose name contains it
# (pipe_full, input_wait, print_flood, ctrl_c, repl).
GILT=${GILT:-$(pwd)/gilt}
TMP=${TMPDIR:-/tmp}/gilt-clith.$$
mkdir -p "$TMP"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
only=${1:-}
want() { case "$1" in *"$only"*) return 0 ;; *) return 1 ;; esac; }

# wait_for FILE PATTERN: up to 20 s for PATTERN to appear in FILE; false if it never does
wait_for() {
    i=0
    while ! grep -q -- "$2" "$1" 2>/dev/null; do
        [ $i -ge 200 ] && return 1
        sleep 0.1
        i=$((i + 1))
    done
    return 0
}

if want pipe_full; then
# ---- a thread blocked writing to a full pipe must not stall a stop of the world ----
# spam fills stdout (a pipe nobody reads yet); main then collects and switches the
# GIL, which stop the world.  A write that keeps its thread attached (or holds the
# GIL) blocks those until the pipe is drained -- and the reader drains it only after
# it has seen "toggled" (or given up after 20 s).
cat >"$TMP/pipe_full.py" <<'PY'
import gc, sys, threading, time
import gilt
printed = [0]
def spam():
    line = "x" * 99
    for i in range(20000):          # 2 MB: far more than a pipe holds
        print(line)
        printed[0] += 1
t = threading.Thread(target=spam)
t.start()
while printed[0] < 100:             # writing; the pipe fills within milliseconds
    time.sleep(0.001)
for i in range(20):                 # stop the world while spam waits to write
    gc.collect()
    time.sleep(0.005)
sys.stderr.write("collected\n")
gilt.set_gil(not gilt.gil_enabled())
gilt.set_gil(not gilt.gil_enabled())
sys.stderr.write("toggled\n")
t.join()
PY
for mode in 0 1; do
    rm -f "$TMP/err" "$TMP/early" "$TMP/lines"
    timeout 120 "$GILT" -X gil=$mode "$TMP/pipe_full.py" 2>"$TMP/err" | {
        wait_for "$TMP/err" toggled && : >"$TMP/early"
        wc -l >"$TMP/lines"
    }
    if [ -f "$TMP/early" ] && [ "$(tr -d ' ' <"$TMP/lines")" = 20000 ]; then
        ok
    else
        bad "pipe_full_gil$mode (a thread blocked on a full stdout stalled the world; stderr: $(tr '\n' ' ' <"$TMP/err"))"
    fi
done
fi

if want input_wait; then
# ---- a thread blocked in input() must not stall a stop of the world ----
# The line arrives only after main has collected and switched the GIL (or after 20 s).
cat >"$TMP/input_wait.py" <<'PY'
import gc, sys, threading, time
import gilt
got = []
reading = threading.Event()
def reader():
    reading.set()
    got.append(input())
t = threading.Thread(target=reader)
t.start()
reading.wait()
for i in range(20):                 # stop the world while reader waits for a line
    gc.collect()
    time.sleep(0.005)
sys.stderr.write("collected\n")
gilt.set_gil(not gilt.gil_enabled())
gilt.set_gil(not gilt.gil_enabled())
sys.stderr.write("toggled\n")
t.join()
print(got)
PY
for mode in 0 1; do
    rm -f "$TMP/err" "$TMP/early" "$TMP/out"
    {
        wait_for "$TMP/err" toggled && : >"$TMP/early"
        echo hello
    } | timeout 120 "$GILT" -X gil=$mode "$TMP/input_wait.py" >"$TMP/out" 2>"$TMP/err"
    status=$?
    if [ -f "$TMP/early" ] && [ $status = 0 ] && [ "$(cat "$TMP/out")" = "['hello']" ]; then
        ok
    else
        bad "input_wait_gil$mode (status $status, a thread in input() stalled the world; stderr: $(tr '\n' ' ' <"$TMP/err"))"
    fi
done
fi

if want print_flood; then
# ---- many threads printing while the world stops and the GIL switches ----
# Every line arrives whole (print writes a line at once), none lost, none doubled.
cat >"$TMP/print_flood.py" <<'PY'
import gc, threading
import gilt
done = []
def printer(k):
    line = ("p%d " % k) * 10
    for i in range(25000):
        print(line)
    done.append(k)
def switcher():
    while len(done) < 4:
        gilt.set_gil(not gilt.gil_enabled())
        gc.collect()
ts = [threading.Thread(target=printer, args=(k,)) for k in range(4)]
ts.append(threading.Thread(target=switcher))
for t in ts:
    t.start()
for t in ts:
    t.join()
print("end")
PY
for mode in 0 1; do
    timeout 120 "$GILT" -X gil=$mode "$TMP/print_flood.py" >"$TMP/out" 2>"$TMP/err"
    status=$?
    good=1
    for k in 0 1 2 3; do
        n=$(grep -cx "\(p$k \)\{10\}" "$TMP/out")
        [ "$n" = 25000 ] || good=0
    done
    [ "$(wc -l <"$TMP/out")" = 100001 ] && [ "$(tail -1 "$TMP/out")" = end ] || good=0
    if [ $status = 0 ] && [ $good = 1 ] && [ ! -s "$TMP/err" ]; then
        ok
    else
        bad "print_flood_gil$mode (status $status, $(wc -l <"$TMP/out") lines; $(head -c 200 "$TMP/err"))"
    fi
done
fi

if want ctrl_c; then
# ---- Ctrl-C in a program whose threads need the main thread (merges) and the
# collector: KeyboardInterrupt's traceback and status 130, busy or sleeping ----
# interrupt NAME -- GILT_ARGS...: start gilt, wait for "ready", send SIGINT; a run
# that ignores it is killed after 20 s.
interrupt() {
    name=$1
    shift 2
    rm -f "$TMP/out" "$TMP/err"
    "$GILT" "$@" >"$TMP/out" 2>"$TMP/err" &
    pid=$!
    if ! wait_for "$TMP/out" ready; then
        kill -KILL $pid 2>/dev/null
        wait $pid 2>/dev/null
        bad "$name (never ready: $(head -c 300 "$TMP/err"))"
        return
    fi
    kill -INT $pid
    (sleep 20; kill -KILL $pid) >/dev/null 2>&1 &
    watchdog=$!
    wait $pid
    status=$?
    kill $watchdog 2>/dev/null
    if [ $status = 130 ] && grep -q '^Traceback (most recent call last):$' "$TMP/err" &&
       [ "$(tail -1 "$TMP/err")" = KeyboardInterrupt ]; then
        ok
    else
        bad "$name (status $status, stderr: $(tail -5 "$TMP/err" | tr '\n' ' '))"
    fi
}
cat >"$TMP/int_threads.py" <<'PY'
import gc, sys, threading, time
lock = threading.Lock()
made = []
def dropper():              # drops what main made: main's merge queue fills
    while True:
        with lock:
            batch = made[:]
            made.clear()
        del batch
def collector():
    while True:
        gc.collect()
        time.sleep(0.001)
for f in (dropper, dropper, collector):
    threading.Thread(target=f, daemon=True).start()
print("ready", flush=True)
i = 0
while True:
    item = (str(i) * 3, [str(i)])
    with lock:
        made.append(item)
    if sys.argv[1:] == ["sleep"] and i % 100 == 0:
        time.sleep(0.01)
    i += 1
PY
for mode in 0 1; do
    interrupt "ctrl_c_threads_busy_gil$mode" -- -X gil=$mode "$TMP/int_threads.py"
    interrupt "ctrl_c_threads_sleep_gil$mode" -- -X gil=$mode "$TMP/int_threads.py" sleep
done
fi

# ---- the REPL, on a real terminal (tmux), when tmux is available ----
if want repl && command -v tmux >/dev/null 2>&1; then
    sessions=0
    sock=""
    screen() { tmux -L "$sock" capture-pane -p -S -100 >"$TMP/screen" 2>/dev/null; }
    # screen_wait PATTERN: up to 20 s for PATTERN on the screen (false at once if the
    # terminal has gone)
    screen_wait() {
        i=0
        while :; do
            screen || return 1
            grep -q -- "$1" "$TMP/screen" && return 0
            [ $i -ge 200 ] && return 1
            sleep 0.1
            i=$((i + 1))
        done
    }
    send() { tmux -L "$sock" send-keys "$@" 2>/dev/null; }
    # a new tmux server for each session, so that a REPL stuck in an earlier test
    # cannot get in the way
    start_repl() {
        [ -n "$sock" ] && tmux -L "$sock" kill-server 2>/dev/null
        sessions=$((sessions + 1))
        sock="gilt-clith-$$-$sessions"
        tmux -L "$sock" new-session -d -x 150 -y 50 "$GILT" 2>/dev/null
        screen_wait '^>>>'
    }

    # A thread's collections go on while the REPL waits at its prompt (the REPL
    # waits for a line detached, as input() must).
    start_repl
    # (bg sleeps first so that main is back at the prompt by the time it collects)
    send 'import gc, threading, time' Enter
    send 'def bg():' Enter '    time.sleep(0.5)' Enter '    for i in range(50):' Enter '        gc.collect()' Enter \
         '    print("collections done")' Enter '' Enter
    screen_wait '>>>$'
    send 't = threading.Thread(target=bg); t.start()' Enter
    if screen_wait 'collections done$'; then   # printed after the waiting prompt
        ok
    else
        bad "repl_collect_at_prompt (a thread's collections stalled while the REPL waited for input)"
        grep -v "^$" "$TMP/screen"
    fi

    # Ctrl-C at the prompt clears only its own request: objects a thread dropped for
    # the main thread (waiting in its merge queue, with its merge request pending)
    # are still merged and freed afterwards.  The collector is off, so only the
    # merge can free them.
    start_repl
    send 'import gc, gilt, threading, time' Enter
    send 'gc.disable()' Enter
    send 'data = [str(i) * 3 for i in range(20000)]' Enter
    screen_wait '>>>$'
    send 'base = gilt._live_objects()' Enter
    # (bg sleeps first so that main is back at the prompt when the strings reach its
    # merge queue; were it still running, it would merge them at once and the test
    # would pass without showing anything -- it cannot fail because of the timing)
    send 'def bg():' Enter '    time.sleep(0.5); items = data[:]; data.clear(); del items; print("dropped")' Enter '' Enter
    screen_wait '>>>$'
    send 't = threading.Thread(target=bg); t.start()' Enter
    screen_wait '^dropped'
    sleep 0.5                  # (the thread exits meanwhile)
    send C-c
    screen_wait '^KeyboardInterrupt'
    send 't.join(); print("left", gilt._live_objects() - base)' Enter
    screen_wait '^left '
    left=$(grep '^left ' "$TMP/screen" | tail -1 | awk '{print $2}')
    if [ -n "$left" ] && [ "$left" -lt -19000 ]; then
        ok
    else
        bad "repl_ctrl_c_merges (after Ctrl-C at the prompt, $left objects relative to before the 20000 dropped strings)"
        grep -v "^$" "$TMP/screen"
    fi
    send C-d
    sleep 0.3
    tmux -L "$sock" kill-server 2>/dev/null
fi

rm -rf "$TMP"
echo "cli_threads: $pass passed, $fail failed"
[ $fail = 0 ]
