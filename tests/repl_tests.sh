#!/usr/bin/env bash
# tests/repl_tests.sh -- the REPL on a real terminal (tmux): line editing and history
# (libedit), Ctrl-R, Tab completion, Ctrl-C at the prompt, a deadlock that raises
# instead of ending the session, and the plain reading of piped stdin.
#
# Each test starts gilt in a fresh tmux session (tests/tmux_lib.sh) with HOME set
# to a temporary folder, so ~/.gilt_history is the test's own.  Lines are typed
# after the prompt that asks for them (keys typed ahead are echoed wherever the
# output happens to be).  Needs tmux; without it the test is skipped (exit 77).
# The editing tests need a build with libedit (HAVE_LIBEDIT); without it they are
# skipped.  Ends with "repl: N passed, M failed".
set -u
GILT=${GILT:-./gilt}
GILT=$(cd "$(dirname "$GILT")" && pwd)/$(basename "$GILT")
export LANG=C.UTF-8 LC_ALL=C.UTF-8
SOCK="gilt-repl-$$"
passed=0
failed=0
DEADLINE=${REPL_TEST_DEADLINE:-30}

if ! command -v tmux >/dev/null; then
    echo "repl: skipped: tmux is not installed (./bootstrap installs it)"
    echo "repl: 0 passed, 0 failed"
    exit 77
fi
TMP=$(mktemp -d)
. "$(dirname "$0")/tmux_lib.sh"

# the number of prompts on the screen; type LINE once there is one more than before
prompts() { screen | grep -cE '^(>>>|\.\.\.) ?'; }
typed=0
type_line() {
    local i=0
    while [ "$(prompts)" -le "$typed" ] && [ $i -lt $((DEADLINE * 10)) ]; do sleep 0.1; i=$((i + 1)); done
    keys "$@"
    typed=$((typed + 1))
}
repl() { typed=0; start 100 40 "HOME='$TMP' '$GILT'"; }

# ---- piped stdin: a program, read plainly, no prompts ----
out=$(printf 'x = 6 * 7\nprint(x)\nfor i in range(2):\n    print(i)\n' | "$GILT" 2>&1)
if [ "$out" = "$(printf '42\n0\n1')" ]; then ok "piped stdin runs as a program, no prompt"; else
    echo "$out" > "$TMP/screen"; bad "piped stdin"; fi

if ! grep -q '^#define HAVE_LIBEDIT 1' "$(dirname "$GILT")/config.h" 2>/dev/null; then
    echo "repl: editing tests skipped: gilt was built without libedit"
else
    # ---- Up recalls the last line, and it runs again ----
    repl
    type_line 'n = 20 + 1' Enter
    type_line 'n * 2' Enter
    type_line Up Enter
    if wait_for '^>>> n \* 2$' && [ "$(screen | grep -c '^42$')" -ge 2 ]; then
        ok "Up recalls the previous line, which runs again"
    else
        bad "Up did not recall the line"
    fi

    # ---- history is kept in ~/.gilt_history ----
    if grep -q 'n\\040\*\\0402\|n \* 2' "$TMP/.gilt_history" 2>/dev/null; then ok "history saved in ~/.gilt_history"
    else bad "no ~/.gilt_history"; fi

    # ---- Ctrl-R finds an earlier line ----
    type_line 'print("needle", n)' Enter
    type_line 'n = 0' Enter
    type_line C-r 'needl'
    sleep 0.3
    keys Enter
    if wait_for '^needle 0$'; then ok "Ctrl-R reverse search runs the line it found"; else bad "Ctrl-R"; fi

    # ---- Ctrl-A / Ctrl-E move to the ends of the line ----
    type_line 'rint("edited")'
    keys C-a 'p' C-e Enter
    if wait_for '^edited$'; then ok "Ctrl-A and Ctrl-E edit the line"; else bad "Ctrl-A / Ctrl-E"; fi

    # ---- Tab completes names and attributes ----
    type_line 'import threading' Enter
    type_line 'threading.current_thr' Tab
    sleep 0.3
    keys '().name' Enter
    if wait_for "^'MainThread'$"; then ok "Tab completes an attribute after a dot"; else bad "Tab completion"; fi

    # ---- Ctrl-C drops the line being typed ----
    type_line 'this is not run'
    sleep 0.2
    keys C-c
    if wait_for '^KeyboardInterrupt$'; then typed=$((typed - 1)); ok "Ctrl-C at the prompt drops the line"; else bad "Ctrl-C at the prompt"; fi
    type_line 'print("after ctrl-c")' Enter
    if wait_for '^after ctrl-c$'; then ok "the session goes on after Ctrl-C"; else bad "after Ctrl-C"; fi

    # ---- a deadlock raises RuntimeError and the session goes on ----
    type_line 'l = threading.Lock(); l.acquire(); l.acquire()' Enter
    if wait_for '^RuntimeError: Deadlock: every thread is waiting' && wait_for 'held by this same thread'; then
        ok "a deadlock at the prompt raises RuntimeError with the report"
    else
        bad "deadlock at the prompt"
    fi
    type_line 'print("still", "here")' Enter
    if wait_for '^still here$'; then ok "the session goes on after a deadlock"; else bad "after the deadlock"; fi

    # ---- a block takes "... " lines until a blank one ----
    type_line 'for i in range(3):' Enter
    type_line '    print("loop", i)' Enter
    type_line Enter
    if wait_for '^loop 2$' && screen | grep -q '^\.\.\.     print'; then ok "blocks continue with '... '"; else bad "block"; fi

    # ---- Ctrl-D ends the session with status 0 ----
    type_line C-d
    if wait_for 'EXIT=0'; then ok "Ctrl-D ends the session: exit 0"; else bad "Ctrl-D"; fi
fi

$T kill-server 2>/dev/null
rm -rf "$TMP"
echo "repl: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
