# Lesson 3: reference cycles and stop-the-world GC pauses.
#
# What it teaches: reference counting frees an object the moment its count drops
# to zero -- except when objects point at each other in a cycle: then no count
# ever reaches zero.  gilt's cycle collector finds such garbage.  To look at every
# object safely while threads run, it stops the world: every thread parks at a
# safepoint, the collector runs, and then everyone continues.  The pause is short,
# but it stops all threads at once, and it grows with the number of objects the
# collector must examine.
#
# What to run:
#     ./gilt --dash lessons/03_cycles_and_gc_pauses.py
#     ./gilt --stats lessons/03_cycles_and_gc_pauses.py 1 2000     short run, summary table
# Arguments: the number of rounds (default 4) and trees per thread per phase
# (default 30,000).
#
# What to watch on the dashboard:
#   - Phase "collector on": four threads build small trees whose nodes point to
#     their parents (cycles) and drop them.  The GC panel counts collections and
#     shows their pauses in the histogram; in the timeline, magenta "!" columns
#     cross the rows at once -- the world stopped -- and one row shows cyan "▓":
#     the thread that collects.  Time-to-safepoint: how long the last one took.
#   - Phase "collector off" (gc.disable()): no pauses, but the garbage piles up;
#     the output panel prints how many objects gc.collect() then finds.
#   - Phase "one big collection": a single gc.collect() over all that garbage -- one
#     long pause instead of many short ones (the "max" in the GC panel).
#
# What to try next: give the nodes no parent link (no cycle) and watch the
# collections disappear: reference counting alone frees the trees.
import gc
import sys
import threading
import time


class Node:
    def __init__(self, parent):
        self.parent = parent      # the child points at its parent ...
        self.children = []
        if parent is not None:
            parent.children.append(self)   # ... and the parent at its child: a cycle


def build_trees(count):
    for _ in range(count):
        root = Node(None)
        for _ in range(4):
            Node(root)
        # root goes out of scope here: only the cycle keeps the tree alive


def phase(name, threads, count):
    start = time.time()
    workers = [threading.Thread(target=build_trees, args=(count,), name=f"builder-{i}") for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"  {name}: {threads} threads x {count:,} trees in {time.time() - start:.2f}s")


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 30_000
    for r in range(1, rounds + 1):
        print(f"round {r}")
        gc.enable()
        phase("collector on", 4, count)
        gc.disable()
        phase("collector off", 4, count)
        start = time.time()
        found = gc.collect()
        print(f"  one big collection: {found:,} unreachable objects, {(time.time() - start) * 1000:.1f} ms")
        gc.enable()


if __name__ == "__main__":
    main()
