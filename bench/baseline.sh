# bench/baseline.sh -- sourced by the bench/ scripts: find the real CPython to time
# gilt against.
#
# `python3` on PATH may be a wrapper: pyenv's shim is a shell script that costs about
# 0.1 s at every start, and timing gilt against it made every ratio look twice as
# good as it was.  So the baseline is the interpreter itself, as it names itself
# (sys.executable, with symlinks followed), and it must be a compiled program (an
# ELF file), not a script.  Set PYTHON=/path/to/python3 to choose another one; it is
# checked the same way.
#
# After baseline_init: $PYTHON is the interpreter's path, $PYTHON_DESC says which
# it is ("/usr/bin/python3.11 (CPython 3.11.2)"); on failure it prints why and
# exits 2.
baseline_init() {
    local cand=${PYTHON:-python3} exe
    exe=$("$cand" -c 'import sys; print(sys.executable)' 2>/dev/null) || {
        echo "bench: cannot run $cand: the benchmarks need CPython as the baseline" >&2
        exit 2
    }
    exe=$(readlink -f "$exe")
    if [ "$(head -c 4 "$exe" 2>/dev/null | od -An -c | tr -d ' ')" != '177ELF' ]; then
        echo "bench: $exe is not a compiled interpreter (a wrapper script?): refusing to time against it" >&2
        exit 2
    fi
    PYTHON=$exe
    PYTHON_DESC="$exe ($("$exe" -c 'import platform, sys; print(platform.python_implementation(), sys.version.split()[0])'))"
}

# median: the median of the numbers on stdin, one per line
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# instructions PROGRAM ARGS...: instructions executed, counted by callgrind (the
# same count however busy the machine is); prints nothing if valgrind is missing
instructions() {
    command -v valgrind >/dev/null || return 0
    local out
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>&1
    awk '/^summary:/ {print $2}' "$out"
    rm -f "$out"
}
