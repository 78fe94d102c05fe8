#!/bin/sh
# gen_expected.sh -- (developers only) regenerate the expected output of script tests
# from CPython: python3 runs each tests/scripts/NAME.py and its stdout, stderr and exit
# status become NAME.out, NAME.err and NAME.code.  Run it for new tests, read the
# result, and commit it.  Tests whose expected output gilt deliberately does not take
# from CPython have a NAME.keep file and are skipped.
# With --keep, the NAME.keep tests are recorded instead, from gilt itself (build it
# first): for output that is gilt's own, such as the deadlock report.  Read the diff.
#   usage: tests/gen_expected.sh [--keep] [substring]
keep=0
if [ "$1" = --keep ]; then keep=1; shift; fi
GILT=$(cd "$(dirname "$0")/.." && pwd)/gilt
cd "$(dirname "$0")/scripts" || exit 1
DIR=$(pwd -P)
for py in *.py; do
    name=${py%.py}
    case "$name" in _*) continue ;; esac
    if [ -n "$1" ]; then case "$name" in *$1*) ;; *) continue ;; esac; fi
    if [ $keep = 1 ]; then [ -f "$name.keep" ] || continue; else [ -f "$name.keep" ] && continue; fi
    args=""
    [ -f "$name.args" ] && args=$(cat "$name.args")
    opts=""
    [ -f "$name.opts" ] && opts=$(cat "$name.opts")
    input=/dev/null
    [ -f "$name.stdin" ] && input="$name.stdin"
    # shellcheck disable=SC2086
    if [ $keep = 1 ]; then
        timeout 60 "$GILT" $opts "$py" $args <"$input" >"$name.out" 2>"$name.err.tmp"
    else
        PYTHONHASHSEED=0 timeout 60 python3 $opts "$py" $args <"$input" >"$name.out" 2>"$name.err.tmp"
    fi
    code=$?
    sed "s#$DIR/##g" "$name.err.tmp" >"$name.err"
    rm -f "$name.err.tmp"
    [ -s "$name.err" ] || rm -f "$name.err"
    if [ $code != 0 ]; then echo $code >"$name.code"; else rm -f "$name.code"; fi
done
