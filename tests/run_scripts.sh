#!/bin/sh
# run_scripts.sh -- the script tests: run every tests/scripts/NAME.py with gilt and
# compare what it prints with the expected output checked in beside it.
#
#   NAME.py     the program (run from tests/scripts, so imports of siblings work)
#   NAME.out    expected stdout
#   NAME.err    expected stderr (absent: stderr must be empty)
#   NAME.code   expected exit status (absent: 0)
#   NAME.args   optional command-line arguments;  NAME.stdin  optional input
#   NAME.opts   optional interpreter options (before the script), e.g. -X gil=1
#
# Expected files come from CPython (tests/gen_expected.sh); gilt never needs python3
# to run the tests.  Absolute paths of the scripts folder are replaced by nothing, so
# tracebacks compare as 'File "NAME.py"'.  Prints one line per failure and ends with
# "N passed, M failed"; exits 1 if anything failed.
GILT=${GILT:-$(pwd)/gilt}
SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
# the physical path: gilt, like CPython, names scripts by getcwd()-based absolute paths
DIR=$(cd "$SRCDIR/tests/scripts" && pwd -P)
TMP=${TMPDIR:-/tmp}/gilt-scripts.$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0
filter=${1:-}
cd "$DIR" || exit 1
for py in *.py; do
    name=${py%.py}
    case "$name" in _*) continue ;; esac    # helper modules imported by tests
    if [ -n "$filter" ]; then case "$name" in *$filter*) ;; *) continue ;; esac; fi
    args=""
    [ -f "$name.args" ] && args=$(cat "$name.args")
    opts=""
    [ -f "$name.opts" ] && opts=$(cat "$name.opts")
    input=/dev/null
    [ -f "$name.stdin" ] && input="$name.stdin"
    # shellcheck disable=SC2086
    timeout 60 "$GILT" $opts "$py" $args <"$input" >"$TMP/out" 2>"$TMP/err"
    code=$?
    sed "s#$DIR/##g" "$TMP/err" >"$TMP/err2"
    want_code=0
    [ -f "$name.code" ] && want_code=$(cat "$name.code")
    ok=1
    if ! cmp -s "$TMP/out" "$name.out"; then ok=0; why="stdout differs"; fi
    if [ -f "$name.err" ]; then
        if ! cmp -s "$TMP/err2" "$name.err"; then ok=0; why="stderr differs"; fi
    elif [ -s "$TMP/err2" ]; then
        ok=0; why="unexpected stderr"
    fi
    if [ "$code" != "$want_code" ]; then ok=0; why="exit status $code, expected $want_code"; fi
    if [ $ok = 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $name ($why)"
        if [ -n "$VERBOSE" ]; then
            diff "$name.out" "$TMP/out" | head -20
            [ -f "$name.err" ] && diff "$name.err" "$TMP/err2" | head -20
            [ -f "$name.err" ] || head -20 "$TMP/err2"
        fi
    fi
done
echo "scripts: $pass passed, $fail failed"
[ $fail = 0 ]
