# tmux_lib.sh -- what the terminal tests share (sourced by dash_tests.sh and
# step_tests.sh; bash).  The sourcing script sets TMP, SOCK and DEADLINE (seconds a
# wait may take when it names none) and counts passed/failed.
#
#   start W H COMMAND   a fresh tmux server and session W x H running COMMAND in $TMP,
#                       then its exit status ("EXIT=n") and stty settings, then a long
#                       sleep so the pane stays to be read
#   screen / history    the pane (and what scrolled off it), also into $TMP/screen
#   wait_for RE [S]     poll the screen until it shows RE, for at most S seconds
#   keys ...            tmux send-keys to the session
#   ok / bad NAME       count a result; bad also shows the last screen
T="tmux -L $SOCK -f /dev/null"
n_session=0

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() {
    failed=$((failed + 1))
    echo "FAIL $1"
    [ -f "$TMP/screen" ] && sed 's/^/     | /' "$TMP/screen"
}
start() {
    $T kill-server 2>/dev/null
    # a fresh server for every test: a new one on the old socket can race the old one's exit
    n_session=$((n_session + 1))
    T="tmux -L $SOCK-$n_session -f /dev/null"
    local w=$1 h=$2
    shift 2
    $T new-session -d -s t -x "$w" -y "$h" \
        "cd '$TMP'; env TERM=screen $*; echo \"EXIT=\$?\"; stty -a | tr ' ;' '\n\n' | grep -E '^-?(icanon|echo)\$' | tr '\n' ' '; echo; sleep 600"
}
screen() { $T capture-pane -p -t t > "$TMP/screen" 2>/dev/null; cat "$TMP/screen"; }
history() { $T capture-pane -p -S -500 -t t > "$TMP/screen" 2>/dev/null; cat "$TMP/screen"; }
wait_for() {
    local i
    for ((i = 0; i < ${2:-$DEADLINE} * 10; i++)); do
        screen | grep -qE -- "$1" && return 0
        sleep 0.1
    done
    return 1
}
keys() { $T send-keys -t t "$@"; }
