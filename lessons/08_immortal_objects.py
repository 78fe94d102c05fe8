# Lesson 8: immortal objects -- the objects nobody counts.
#
# What it teaches: some objects are used by every thread all the time: None,
# True and False, small ints, interned strings (names, literals), built-in types
# and functions.  Counting their references would make every thread do an atomic
# add on the same few cache lines -- the worst case of lesson 7.  So they are
# immortal: their local count holds a marker, g_incref and g_decref see it and do
# nothing, and they are never freed.  In gilt: None, True, False, the ints from -5
# to 1024, interned strings, code constants and built-in types and functions
# (src/runtime/refcount.h: the test of G_REFCNT_MARKERS comes first).
# sys.getrefcount() of an immortal object says 4294967295, as CPython 3.12 does.
#
# What to run:
#     ./gilt --dash lessons/08_immortal_objects.py
#     ./gilt --stats lessons/08_immortal_objects.py 200000     short run
#     python3 lessons/08_immortal_objects.py     CPython 3.11 has no immortal
#         objects (they came in 3.12, PEP 683): real counts, "-" for immortal;
#         its small ints start at a count of a billion so that it never reaches 0
# Argument: how many times each thread reads the shared object (default 20,000,000).
#
# What to watch on the dashboard:
#   - The output panel first: the table of objects, immortal or not, with what
#     sys.getrefcount says.
#   - Then two loops in one thread: over small ints it makes almost no objects
#     (the range and its iterator); over ints above 1024 every value is a new
#     object, counted and freed.
#   - The refcounts panel while two threads read None: the "immort" row
#     (increments skipped) carries the traffic, "shared" stays near zero.  While
#     they read a big int the same code's traffic moves to "shared" (atomic adds
#     on one object that both threads touch), and the phase takes longer.
#
# What to try next: sys.intern() a string made at run time and check it again;
# ask what would go wrong if an immortal object could be freed (a count that
# wraps around).  Lesson 9: objects that are counted later, not never.
import sys
import threading
import time

try:
    import gilt
except ImportError:
    gilt = None      # python3: no gilt module


def immortal(obj):
    return "-" if gilt is None else ("yes" if gilt.is_immortal(obj) else "no")


def table():
    made = "gil" + str(len(sys.argv) * 0 + 7)          # a string made at run time
    rows = [
        ("None", None), ("True", True), ("7", 7), ("1024", 1024),
        ("int('1025')", int("1025")), ("'gilt' (literal)", "gilt"),
        ("a str built", made), ("len (built-in)", len),
    ]
    print(f"{'object':18s}{'imm':4s}sys.getrefcount")
    for name, obj in rows:
        print(f"{name:18s}{immortal(obj):4s}{sys.getrefcount(obj):,}")


def read(obj, n):
    for _ in range(n):
        a = obj          # each of these takes a reference ...
        b = obj
        c = obj
        d = obj          # ... and drops the one the name held before


def stats():
    if gilt is None:
        return {"rc_shared": 0, "rc_immortal_skipped": 0, "allocs": 0}
    return gilt.stats()


def threads_reading(name, obj, n):
    before = stats()
    workers = [threading.Thread(target=read, args=(obj, n), name=f"reader-{k}") for k in range(2)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - start
    after = stats()
    skipped = (after["rc_immortal_skipped"] - before["rc_immortal_skipped"]) / 1e6
    shared = (after["rc_shared"] - before["rc_shared"]) / 1e6
    if gilt is None:
        print(f"{name:8s}{elapsed:5.2f}s")
    else:
        print(f"{name:8s}{elapsed:5.2f}s{skipped:5.0f}M skip{shared:5.0f}M atomic")


def loop(lo, n):
    for i in range(lo, lo + n):
        x = i


def ints(name, lo, passes):
    before = stats()
    start = time.perf_counter()
    for _ in range(passes):
        loop(lo, 1000)
    elapsed = time.perf_counter() - start
    made = stats()["allocs"] - before["allocs"]
    print(f"{name:12s}{elapsed:5.2f}s" + ("" if gilt is None else f" {made:9,} objects"))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000_000
    table()
    passes = max(n // 2000, 1)
    print(f"1 thread, range() of 1,000 ints x {passes:,}:")
    ints("0..999", 0, passes)
    ints("10**6..+999", 10 ** 6, passes)
    print(f"2 threads read one object {n:,} x 4:")
    threads_reading("None", None, n)
    big = int("1" + "0" * 30)       # made here: owned by the main thread, counted
    threads_reading("big int", big, n)


if __name__ == "__main__":
    main()
