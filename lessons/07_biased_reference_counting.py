# Lesson 7: biased reference counting -- the owner's fast path.
#
# What it teaches: every time Python code takes or drops a reference, the object's
# count changes.  Without a GIL two threads can change one count at once, so the
# change must be atomic -- an expensive instruction, and a fight over the cache
# line when several cores do it.  Biased reference counting (PEP 703, and gilt)
# gives each object an owner: the thread that made it.  The owner changes its own
# count with a plain add ("local"); other threads use an atomic add on a second
# count ("shared").  Most objects are only ever used by the thread that made them,
# so most counting is local and cheap.  `-X refcount=atomic` turns the bias off:
# every count is atomic, as if every object were shared.  The code is in
# src/runtime/refcount.h (the fast path) and src/runtime/refcount.c (the shared
# path and the merge queue).
#
# What to run:
#     ./gilt --dash lessons/07_biased_reference_counting.py
#     ./gilt --dash -X refcount=atomic lessons/07_biased_reference_counting.py
#     ./gilt --stats lessons/07_biased_reference_counting.py 1 2000     short run
#     ./gilt --stats -X refcount=atomic lessons/07_biased_reference_counting.py 1 2000
#     python3 lessons/07_biased_reference_counting.py     times only (CPython
#         3.11 counts with plain adds and relies on the GIL)
# Arguments: the number of rounds (default 3) and passes over the objects per
# thread per phase (default 100,000).
#
# What to watch on the dashboard:
#   - The refcounts panel: its title gives the local share.  During "own" (each
#     thread walks a chain it made) the "local" row is high and "shared" is near
#     zero (biased), or "local" is empty and "shared" carries it all (atomic).
#     During "shared" -- the threads walk a chain the main thread made --
#     "shared" carries it in both modes.  The rates are over the last seconds:
#     read the sparklines.
#   - The output panel: each phase's time, its local share and its atomic
#     operations; compare the "own" times of the two runs (atomic is about twice
#     as slow), and see that the "shared" times are about the same in both.
#   - The first lines: gilt.refcounts() of an object made here -- its state,
#     local count, shared count and owner -- and again once another thread has
#     kept a reference to it (that one is in the shared count).
#
# What to try next: make the workers build their objects in the main thread and
# pass them in (the own-objects phase becomes a shared one).  Lesson 8: objects
# that are not counted at all.
import sys
import threading
import time

try:
    import gilt
except ImportError:
    gilt = None      # python3: no gilt module (and no per-thread counts)

THREADS = 2
SIZE = 100           # objects in each chain


class Node:
    def __init__(self, nxt):
        self.next = nxt


def chain(size):
    head = None
    for _ in range(size):
        head = Node(head)
    return head


def walk(head, passes):
    for _ in range(passes):
        node = head
        while node is not None:
            node = node.next          # a reference taken, one dropped


def own_objects(passes):
    walk(chain(SIZE), passes)         # this thread made the chain: it owns it


def counts():
    if gilt is None:
        return 0, 0
    s = gilt.stats()
    return s["rc_local"], s["rc_shared"]


def phase(name, target, args):
    local0, shared0 = counts()
    workers = [threading.Thread(target=target, args=args, name=f"worker-{k}") for k in range(THREADS)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - start
    local1, shared1 = counts()
    local, shared = local1 - local0, shared1 - shared0
    if gilt is None:
        print(f"  {name:6s}{elapsed:5.2f}s")
    else:
        share = 100 * local / max(local + shared, 1)
        print(f"  {name:6s}{elapsed:5.2f}s {share:3.0f}% local {shared / 1e6:4.0f}M atomic")


def mode():
    if gilt is None:
        return "CPython (plain)"
    return "atomic" if gilt.refcounts(Node(None))[0] == 0 else "biased"


def show(what, obj):
    owner, local, shared, state = gilt.refcounts(obj)
    mine = "main" if owner == threading.get_ident() else ("none" if owner == 0 else "other")
    print(f"{what}: {state}, local {local}, shared {shared}, owner {mine}")


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    passes = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    print(f"{mode()} counting; {THREADS} threads, {SIZE}-node chains")
    if gilt is not None:
        node = Node(None)
        show("new Node", node)
        keep = []
        t = threading.Thread(target=keep.append, args=(node,))
        t.start()
        t.join()
        show("a thread kept it", node)
    shared = chain(SIZE)              # made (and owned) by the main thread
    for r in range(1, rounds + 1):
        print(f"round {r}:")
        phase("own", own_objects, (passes,))
        phase("shared", walk, (shared, passes))


if __name__ == "__main__":
    main()
