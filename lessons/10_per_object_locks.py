# Lesson 10: per-object locks -- one list shared, or one list each.
#
# What it teaches: without a GIL, two threads could change one list at the same
# moment and break it (a lost item, a size that does not match).  So every list,
# dict and set carries a lock of its own, one byte in the object's header
# (ob_mutex), and each operation takes it: a "critical section"
# (src/runtime/critsec.c; list.append and pop in src/objects/list.c take it with
# one compare-and-swap when it is free).  A lock that nobody else wants costs
# almost nothing.  When two threads hammer one list, they queue for its lock --
# the list, not the interpreter, is the bottleneck.  One list each: no waiting.
# With the GIL on only one thread runs at a time, so the lock is never contended.
#
# What to run:
#     ./gilt --dash lessons/10_per_object_locks.py
#     ./gilt --stats lessons/10_per_object_locks.py 1 20000     short run
#     python3 lessons/10_per_object_locks.py     CPython 3.11: the GIL is the lock
# Arguments: the number of rounds (default 4) and append/pop pairs per thread per
# phase (default 3,000,000).
#
# What to watch on the dashboard:
#   - The locks panel during "one shared list": a line "list@0x..." -- the shared
#     list's own lock (the output panel prints its address) -- climbs: tens of
#     thousands of waits, and the time threads waited.  (An object's lock records
#     only the acquisitions that had to wait, so its "acq" is "-" and "cont" is
#     the number of waits.)  During "one list each" it stands still and no other
#     list appears.  The panel sorts by total wait: if the join waits ("churn-0
#     to finish") push the list out of view, Tab to the panel and scroll.
#   - The timeline hardly shows it: each wait lasts microseconds, too little to
#     colour a 10 ms column.
#   - The output panel: the shared phase takes longer (the threads take turns on
#     the lock, and the list's cache line moves between cores) -- when the
#     machine has two cores free for them.
#   - Press g: with the GIL the list lines stop growing; the two phases take
#     about as long, both one thread at a time.
#
# What to try next: share a dict instead (reads take no lock: d[k] scales, d[k] = v
# does not -- docs/architecture.md, "Dicts").  Or a queue.Queue: a lock of its own
# in Python code, shown as "an item in the Queue".
import sys
import threading
import time

THREADS = 2


def gil_state():
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    if is_enabled is None:
        return "GIL on"
    return "GIL on" if is_enabled() else "GIL off"


def churn(items, n):
    for i in range(n):
        items.append(i)           # each takes the list's lock ...
        items.pop()               # ... and lets go


def phase(name, lists, n):
    workers = [threading.Thread(target=churn, args=(lists[k], n), name=f"churn-{k}") for k in range(THREADS)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - start
    print(f"  {elapsed:5.2f}s  {name}")
    return elapsed


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 3_000_000
    shared = []
    print(f"{THREADS} threads x {n:,} append+pop")
    print(f"the shared list: list@{hex(id(shared))}")
    for r in range(1, rounds + 1):
        print(f"round {r} ({gil_state()}):")
        both = phase("one shared list", [shared] * THREADS, n)
        each = phase("one list each", [[] for _ in range(THREADS)], n)
        print(f"  shared {both / max(each, 1e-9):.1f}x as long; empty: {not shared}")


if __name__ == "__main__":
    main()
