#!/bin/sh
# cli_tests.sh -- the command line as a user meets it: options, exit statuses, files
# that are missing or empty, programs from stdin, Ctrl-C, and the REPL.
# Prints one line per failure and ends with "N passed, M failed".
GILT=${GILT:-$(pwd)/gilt}
TMP=${TMPDIR:-/tmp}/gilt-cli.$$
mkdir -p "$TMP"
# (no EXIT trap to clean up: a watchdog subshell killed in interrupt() below was
# seen to run it, deleting $TMP under the remaining tests; it is removed at the end)
pass=0
fail=0

# check NAME EXPECTED_STATUS EXPECTED_STDOUT_PATTERN EXPECTED_STDERR_PATTERN -- command...
check() {
    name=$1 want_status=$2 want_out=$3 want_err=$4
    shift 5
    "$@" >"$TMP/out" 2>"$TMP/err"
    status=$?
    ok=1
    [ "$status" = "$want_status" ] || { ok=0; why="status $status, expected $want_status"; }
    if [ -n "$want_out" ] && ! grep -qE -- "$want_out" "$TMP/out"; then ok=0; why="stdout lacks /$want_out/"; fi
    if [ -n "$want_err" ] && ! grep -qE -- "$want_err" "$TMP/err"; then ok=0; why="stderr lacks /$want_err/"; fi
    if [ -z "$want_err" ] && [ -s "$TMP/err" ]; then ok=0; why="unexpected stderr: $(head -c 200 "$TMP/err")"; fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name ($why)"; fi
}

check version 0 '^gilt [0-9]+\.[0-9]+' '' -- "$GILT" --version
check help 0 'usage: gilt' '' -- "$GILT" --help
# the built man page names where the lessons were installed (it once said `$(datadir)`)
MAN=$(dirname "$GILT")/docs/gilt.1
if [ -f "$MAN" ]; then
    check man_page_files 0 '^Lessons and exercises are installed under .fI/[^$@]*/share/gilt.fR' '' -- grep -E 'installed under' "$MAN"
    check man_page_no_placeholders 1 '' '' -- grep -E '\$\(|@[a-z_]+@' "$MAN"
fi
check bad_option 2 '' 'unknown option --frobnicate' -- "$GILT" --frobnicate
check c_missing_arg 2 '' 'Argument expected for the -c option' -- "$GILT" -c
check c_string 0 '^42$' '' -- "$GILT" -c 'print(6 * 7)'
check c_argv 0 "^\['-c', 'a', 'b'\]$" '' -- "$GILT" -c 'import sys; print(sys.argv)' a b
check c_exception 1 '' 'ZeroDivisionError: division by zero' -- "$GILT" -c '1/0'
check c_syntax 1 '' 'SyntaxError: invalid syntax' -- "$GILT" -c 'x = = 1'
check missing_file 2 '' "can't open file '.*/no_such_file.py': \[Errno 2\] No such file or directory" -- "$GILT" no_such_file.py
: >"$TMP/empty.py"
check empty_file 0 '' '' -- "$GILT" "$TMP/empty.py"
printf 'print("from stdin")\n' >"$TMP/prog.py"
check stdin_program 0 '^from stdin$' '' -- sh -c "\"$GILT\" < \"$TMP/prog.py\""
check stdin_dash 0 '^from stdin$' '' -- sh -c "\"$GILT\" - < \"$TMP/prog.py\""
check exit_code 7 '' '' -- "$GILT" -c 'import sys; sys.exit(7)'
check exit_message 1 '' '^bye$' -- "$GILT" -c 'raise SystemExit("bye")'
check gil_flag 0 '^True$' '' -- "$GILT" -X gil=1 -c 'import sys; print(sys._is_gil_enabled())'
check gil_default 0 '^False$' '' -- "$GILT" -c 'import sys; print(sys._is_gil_enabled())'
check gil_env 0 '^True$' '' -- env GILT_GIL=1 "$GILT" -c 'import sys; print(sys._is_gil_enabled())'
check gil_bad 1 '' 'must be "0" or "1"' -- "$GILT" -X gil=2 -c 'pass'
check dis 0 'INPLACE_OP' '' -- "$GILT" --dis "$(dirname "$0")/../lessons/00_count_is_not_atomic.py"
# issue 14: --dis -c disassembles the string (it said it could not open "-c")
check dis_c 0 'INPLACE_OP +0 \(\+=\)' '' -- "$GILT" --dis -c 'x += 1'
check dis_c_names_string 0 'file "<string>", line 1' '' -- "$GILT" --dis -c 'x += 1'
check dis_c_missing_arg 2 '' 'Argument expected for the -c option' -- "$GILT" --dis -c
check dis_c_syntax 1 '' 'SyntaxError: invalid syntax' -- "$GILT" --dis -c 'x +'
check refcount_atomic 0 '^3$' '' -- "$GILT" -X refcount=atomic -X deferred=0 -c 'print(len([1,2,3]))'

# interrupt NAME STATUS FILE PATTERN -- GILT_ARGS...: run gilt in the background, wait
# until it prints "ready", send SIGINT, and expect exit STATUS and PATTERN in FILE
# (out or err).  A run that ignores the signal is killed after 10 s and fails.
interrupt() {
    name=$1 want=$2 file=$3 pattern=$4
    shift 5
    rm -f "$TMP/out" "$TMP/err"    # so that an earlier test's "ready" is not seen
    "$GILT" "$@" >"$TMP/out" 2>"$TMP/err" &
    pid=$!
    i=0
    while ! grep -q ready "$TMP/out" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    kill -INT $pid
    (sleep 10; kill -KILL $pid) >/dev/null 2>&1 &
    watchdog=$!
    wait $pid
    status=$?
    kill $watchdog 2>/dev/null
    if [ $status = "$want" ] && grep -q "$pattern" "$TMP/$file"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL: $name (status $status, stderr: $(cat "$TMP/err"))"
    fi
}

# Ctrl-C stops a busy loop with KeyboardInterrupt and status 130.
printf 'import time\nprint("ready", flush=True)\nwhile True:\n    pass\n' >"$TMP/busy.py"
interrupt ctrl_c 130 err '^KeyboardInterrupt$' -- "$TMP/busy.py"

# Ctrl-C during time.sleep, caught by the script.
printf 'import time\nprint("ready", flush=True)\ntry:\n    time.sleep(30)\nexcept KeyboardInterrupt:\n    print("interrupted")\n' >"$TMP/sleepy.py"
interrupt ctrl_c_sleep 0 out '^interrupted$' -- "$TMP/sleepy.py"

# Ctrl-C reaches the main thread while it waits in Thread.join() for a thread that
# never ends (a daemon, so the program can exit).
cat >"$TMP/joiner.py" <<'PY'
import threading, time
def spin():
    while True:
        time.sleep(0.01)
t = threading.Thread(target=spin, daemon=True)
t.start()
print("ready", flush=True)
t.join()
PY
interrupt ctrl_c_join 130 err '^KeyboardInterrupt$' -- -X gil=1 "$TMP/joiner.py"

# Ctrl-C stops a program whose (non-daemon) thread is busy: while main joins it, and
# while gilt waits for it at exit. CPython would need a second Ctrl-C; gilt does not.
cat >"$TMP/busyjoin.py" <<'PY'
import threading
def spin():
    while True:
        pass
t = threading.Thread(target=spin)
t.start()
print("ready", flush=True)
t.join()
PY
interrupt ctrl_c_busy_thread 130 err '^KeyboardInterrupt$' -- -X gil=1 "$TMP/busyjoin.py"
interrupt ctrl_c_busy_thread_gil_off 130 err '^KeyboardInterrupt$' -- -X gil=0 "$TMP/busyjoin.py"
head -6 "$TMP/busyjoin.py" >"$TMP/busyexit.py"
echo 'print("ready", flush=True)' >>"$TMP/busyexit.py"
interrupt ctrl_c_at_exit 130 err '^KeyboardInterrupt$' -- -X gil=1 "$TMP/busyexit.py"
interrupt ctrl_c_at_exit_gil_off 130 err '^KeyboardInterrupt$' -- -X gil=0 "$TMP/busyexit.py"
interrupt ctrl_c_trace 130 err '^KeyboardInterrupt$' -- --trace "$TMP/int.trc" "$TMP/busyjoin.py"
check ctrl_c_trace_read 0 'MainThread' '' -- "$GILT" trace "$TMP/int.trc"

# issue 14: Ctrl-C on a hang short of a deadlock (the main thread polls, a worker
# waits for a lock nobody releases, another spins) reports, before the traceback,
# where each other thread is and what it waits for.
cat >"$TMP/hang.py" <<'PY'
import threading, time
lock = threading.Lock()
def worker():
    with lock:
        print("never")
def spinner():
    n = 0
    while True:
        n += 1
lock.acquire()
t = threading.Thread(target=worker, name="worker")
t.start()
s = threading.Thread(target=spinner, daemon=True)
s.start()
print("ready", flush=True)
while t.is_alive():
    time.sleep(0.05)
PY
# has NAME PATTERN: the last interrupt()'s stderr matches PATTERN (grep -E)
has() {
    if grep -qE -- "$2" "$TMP/err"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1 (stderr: $(cat "$TMP/err"))"; fi
}
for gil in 0 1; do
    interrupt "ctrl_c_hang_gil$gil" 130 err '^KeyboardInterrupt$' -- -X gil=$gil "$TMP/hang.py"
    has "hang_report_gil$gil" '^Interrupted while 2 other threads were still running:$'
    has "hang_worker_stack_gil$gil" '^  worker, most recent call first:$'
    has "hang_worker_line_gil$gil" '^    File ".*hang.py", line 4, in worker$'
    has "hang_worker_waits_gil$gil" '^    waits for the lock made at ".*hang.py", line 2:$'
    has "hang_worker_holder_gil$gil" '^    held by MainThread since ".*hang.py", line 10:$'
    has "hang_spinner_gil$gil" '^    File ".*hang.py", line (8|9), in spinner$'
    # the report comes first, then the main thread's traceback
    report=$(grep -n '^Interrupted while' "$TMP/err" | cut -d: -f1)
    tb=$(grep -n '^Traceback' "$TMP/err" | cut -d: -f1)
    if [ -n "$report" ] && [ -n "$tb" ] && [ "$report" -lt "$tb" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: hang_report_order_gil$gil"; fi
done
# a thread waiting inside gilt's own modules: the wait's words
cat >"$TMP/hang_event.py" <<'PY'
import threading, time
never = threading.Event()
t = threading.Thread(target=never.wait)
t.start()
print("ready", flush=True)
while t.is_alive():
    time.sleep(0.05)
PY
interrupt ctrl_c_hang_event 130 err '^KeyboardInterrupt$' -- "$TMP/hang_event.py"
has hang_event_waits '^    waits for the Event to be set$'
# Ctrl-C while gilt waits for a busy thread at exit: the same report
interrupt ctrl_c_at_exit_report 130 err '^KeyboardInterrupt$' -- "$TMP/busyexit.py"
has at_exit_report '^    File ".*busyexit.py", line (3|4), in spin$'
# alone, or a KeyboardInterrupt the program raises itself: only the traceback
interrupt ctrl_c_alone_no_report 130 err '^KeyboardInterrupt$' -- "$TMP/busy.py"
if grep -q '^Interrupted while' "$TMP/err"; then fail=$((fail + 1)); echo "FAIL: ctrl_c_alone_no_report"; else pass=$((pass + 1)); fi
check raise_ki_no_report 130 '' '^KeyboardInterrupt$' -- "$GILT" -c 'import threading, time
t = threading.Thread(target=time.sleep, args=(0.5,)); t.start()
raise KeyboardInterrupt'
if grep -q '^Interrupted while' "$TMP/err"; then fail=$((fail + 1)); echo "FAIL: raise_ki_no_report"; else pass=$((pass + 1)); fi

# With the GIL off (the default) threads start and run in parallel.
check thread_gil_off 0 'in parallel' '' -- "$GILT" -X gil=0 -c 'import threading; t = threading.Thread(target=print, args=("in parallel",)); t.start(); t.join()'

# --stats: the summary on stderr.  Two busy threads wait for the GIL when it is on and
# never when it is off; a Lock's acquisitions are counted exactly; the summary also
# comes after a traceback.
cat >"$TMP/busy2.py" <<'PY'
import threading
lock = threading.Lock()
total = 0
def busy():
    global total
    for i in range(300000):
        pass
    for i in range(1000):
        with lock:
            total += 1
ts = [threading.Thread(target=busy) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(total)
PY
check stats_gil_on 0 '^2000$' 'GIL: [1-9][0-9]* takes' -- "$GILT" -X gil=1 --stats "$TMP/busy2.py"
check stats_gil_on_threads 0 '' 'Thread-2 \(busy\) +[0-9.]+s +[0-9.]+s' -- "$GILT" -X gil=1 --stats "$TMP/busy2.py"
check stats_gil_off 0 '' 'GIL: 0 takes' -- "$GILT" -X gil=0 --stats "$TMP/busy2.py"
check stats_lock_count 0 '' 'lock@busy2.py:2 +2000 ' -- "$GILT" --stats "$TMP/busy2.py"
check stats_events 0 '' 'events: [0-9]+ recorded, 0 dropped' -- "$GILT" --stats "$TMP/busy2.py"
check stats_after_error 1 '' 'ZeroDivisionError' -- "$GILT" --stats -c '1/0'
check stats_after_error_summary 1 '' '== gilt stats: -c, GIL off' -- "$GILT" --stats -c '1/0'

# --trace FILE: written with mode 0600, readable by `gilt trace FILE` (the --stats
# table) and exportable to Perfetto's JSON, which jq must parse, with one named track
# per thread.  The file is valid after an exception, after Ctrl-C and when cut short.
check trace_write 0 '^2000$' '' -- "$GILT" --trace "$TMP/t.trc" "$TMP/busy2.py"
mode=$(stat -c %a "$TMP/t.trc" 2>/dev/null)
if [ "$mode" = 600 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: trace_mode (mode $mode, expected 600)"; fi
check trace_read 0 'Thread-1 \(busy\)' '' -- "$GILT" trace "$TMP/t.trc"
check trace_read_lock 0 'lock@busy2.py:2 +2000 ' '' -- "$GILT" trace "$TMP/t.trc"
check trace_perfetto 0 '' '' -- "$GILT" trace "$TMP/t.trc" --perfetto "$TMP/t.json"
if command -v jq >/dev/null 2>&1; then
    check perfetto_json 0 '^true$' '' -- jq -e '.traceEvents | length > 10' "$TMP/t.json"
    check perfetto_tracks 0 '^4$' '' -- jq '[.traceEvents[] | select(.ph == "M" and .name == "thread_name") | .tid] | unique | length' "$TMP/t.json"
    check perfetto_names 0 'Thread-2 \(busy\)' '' -- jq -r '.traceEvents[] | select(.name == "thread_name") | .args.name' "$TMP/t.json"
    # issue 14: one thread_name per thread (each thread had two), and it is the thread's name
    check perfetto_one_name_each 0 '^true$' '' -- jq -e '[.traceEvents[] | select(.ph == "M" and .name == "thread_name") | .tid] | length == (unique | length)' "$TMP/t.json"
    check perfetto_main_named 0 '^MainThread$' '' -- jq -r '.traceEvents[] | select(.name == "thread_name" and .tid == 1) | .args.name' "$TMP/t.json"
    check perfetto_states 0 '^true$' '' -- jq -e '[.traceEvents[] | select(.ph == "B")] | length > 0' "$TMP/t.json"
fi
check trace_after_error 1 '' 'ZeroDivisionError' -- "$GILT" --trace "$TMP/e.trc" -c 'import gilt; gilt.mark("before"); 1/0'
check trace_after_error_read 0 '1 marks' '' -- "$GILT" trace "$TMP/e.trc"
head -c 3000 "$TMP/t.trc" >"$TMP/cut.trc"
check trace_cut_short 0 'ends early' '' -- "$GILT" trace "$TMP/cut.trc"
echo 'not a trace' >"$TMP/bad.trc"
check trace_not_a_trace 1 '' 'is not a gilt trace file' -- "$GILT" trace "$TMP/bad.trc"
check trace_missing 1 '' "can't open" -- "$GILT" trace "$TMP/none.trc"
check trace_usage 2 '' 'usage: gilt trace FILE' -- "$GILT" trace
check trace_unwritable 2 '' "can't write trace file" -- "$GILT" --trace /nonexistent-dir/x.trc -c 'pass'

# The article programs, unchanged, in both modes: SafeCounter always exact; the seed
# benchmark recorded and exported with one track per thread (main + 4 workers).
EX=$(cd "$(dirname "$0")/examples" && pwd)
for mode in 0 1; do
    check "seed_counters_gil$mode" 0 '^SafeCounter: 400000 expected 400000 OK$' '' -- "$GILT" -X gil=$mode "$EX/seed_counters.py"
    check "seed_threads_gil$mode" 0 '^1000 332833500 ' '' -- "$GILT" -X gil=$mode "$EX/seed_threads.py"
done
check seed_counters_unsafe_loses 0 'UnsafeCounter: [0-9]+ expected 400000 \(lost [1-9]' '' -- "$GILT" -X gil=0 "$EX/seed_counters.py"
check seed_benchmark_trace 0 'Speedup' '' -- "$GILT" --trace "$TMP/seed.trc" "$EX/seed_benchmark.py"
check seed_benchmark_perfetto 0 '' '' -- "$GILT" trace "$TMP/seed.trc" --perfetto "$TMP/seed.json"
if command -v jq >/dev/null 2>&1; then
    check seed_perfetto_tracks 0 '^true$' '' -- jq -e '[.traceEvents[] | select(.ph == "M" and .name == "thread_name" and .tid > 0) | .tid] | unique | length >= 5' "$TMP/seed.json"
fi

# A million events: the trace and its JSON stay well-formed.
cat >"$TMP/million.py" <<'PY'
import threading
lock = threading.Lock()
def work():
    for _ in range(400000):
        lock.acquire()
        lock.release()
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
PY
check million_trace 0 '' '' -- "$GILT" --trace "$TMP/m.trc" "$TMP/million.py"
check million_events 0 'events: [0-9]{7,} recorded' '' -- "$GILT" trace "$TMP/m.trc"
check million_perfetto 0 '' '' -- "$GILT" trace "$TMP/m.trc" --perfetto "$TMP/m.json"
if command -v jq >/dev/null 2>&1; then
    check million_json 0 '^true$' '' -- jq -e '.traceEvents | length > 0' "$TMP/m.json"
fi

# The REPL, on a real terminal (tmux), when tmux is available.
if command -v tmux >/dev/null 2>&1; then
    sock="gilt-cli-$$"
    tmux -L "$sock" new-session -d -x 100 -y 30 "$GILT" 2>/dev/null
    # type one line at a time, each after the prompt that asks for it: keys typed
    # ahead are echoed by the terminal wherever the output happens to be
    prompts() { tmux -L "$sock" capture-pane -p 2>/dev/null | grep -cE '^(>>>|\.\.\.) ?'; }
    typed=0
    type_line() {
        i=0
        while [ "$(prompts)" -le "$typed" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
        tmux -L "$sock" send-keys "$1" Enter
        typed=$((typed + 1))
    }
    type_line 'x = 6 * 7'
    type_line 'x'
    type_line 'def f(n):'
    type_line '    return n + 1'
    type_line ''
    type_line 'f(x)'
    type_line 'help'   # issue 14: CPython's line, not a NameError
    type_line '1/0'
    i=0
    while ! tmux -L "$sock" capture-pane -p 2>/dev/null | grep -q 'ZeroDivisionError' && [ $i -lt 400 ]; do
        sleep 0.05; i=$((i + 1))
    done
    tmux -L "$sock" capture-pane -p >"$TMP/screen"
    tmux -L "$sock" send-keys C-d
    sleep 0.3
    tmux -L "$sock" kill-server 2>/dev/null
    if grep -q '^42$' "$TMP/screen" && grep -q '^43$' "$TMP/screen" && grep -q 'ZeroDivisionError' "$TMP/screen" &&
       grep -q '^>>> ' "$TMP/screen"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL: repl"; cat "$TMP/screen"
    fi
    if grep -q '^Type help() for interactive help, or help(object) for help about object\.$' "$TMP/screen" &&
       ! grep -q NameError "$TMP/screen"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL: repl_help"; cat "$TMP/screen"
    fi
fi

rm -rf "$TMP"
echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
