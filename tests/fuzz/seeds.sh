#!/bin/sh
# seeds.sh -- build the seed corpus of the fuzz targets: every script test
# (tests/scripts/*.py), lesson and stress test, one file each, into DIR.
#   usage: tests/fuzz/seeds.sh SRCDIR DIR
set -e
src=$1
dir=$2
mkdir -p "$dir"
for f in "$src"/tests/scripts/*.py "$src"/lessons/*.py "$src"/tests/stress/*.py; do
    [ -f "$f" ] || continue
    base=$(basename "$(dirname "$f")")_$(basename "$f")
    cp "$f" "$dir/$base"
done
