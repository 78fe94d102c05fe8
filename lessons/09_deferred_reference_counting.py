# Lesson 9: deferred reference counting -- functions and classes.
#
# What it teaches: calling a function takes a reference to the function object
# for the length of the call, and drops it after.  When several threads call the
# same global function, every call changes that one object's count from every
# thread: an atomic add on one shared cache line, which the cores pass back and
# forth.  Lesson 7's bias does not help (only one thread owns the function), and
# functions cannot be immortal (a program can delete them).  So gilt, like PEP
# 703, defers their counting: functions, code objects, classes and modules carry
# a marker, their references are not counted at all while the program runs, and
# only the cycle collector ever frees them (src/runtime/refcount.h, the deferred
# marker; src/runtime/gc.c).  `-X deferred=0` counts them like any other object.
#
# What to run:
#     ./gilt --dash lessons/09_deferred_reference_counting.py
#     ./gilt --dash -X deferred=0 lessons/09_deferred_reference_counting.py
#     ./gilt --stats lessons/09_deferred_reference_counting.py 1 20000     short run
#     ./gilt --stats -X deferred=0 lessons/09_deferred_reference_counting.py 1 20000
#     python3 lessons/09_deferred_reference_counting.py     times only (the GIL
#         makes CPython 3.11's counting plain adds, one thread at a time)
# Arguments: the number of rounds (default 3) and calls per thread per phase
# (default 5,000,000).
#
# What to watch on the dashboard:
#   - The output panel: each phase's time -- one thread, then two threads calling
#     the same function, then two threads calling a method of one class.  With
#     deferred counting and two idle cores, two threads take about as long as
#     one; with -X deferred=0 they take several times as long (and even the one
#     thread is slower: it is not the function's owner, so its counts are atomic).
#     On a machine whose cores are busy with other work the threads seldom run
#     at the same moment, and the difference shrinks.
#   - The refcounts panel: "defer" (increments skipped for deferred objects)
#     carries millions a second; with -X deferred=0 that traffic is in "shared".
#   - The first line: gilt.refcounts(f) says "deferred" (or "owned", with
#     deferred=0: a count like any other object's).
#   - With the GIL on (press g) the difference is gone: one thread at a time
#     never fights over a cache line.
#
# What to try next: call a function passed in as an argument, or a lambda made in
# each thread (a function each: no sharing to defer).  Lesson 10 looks at the
# other thing threads share: the objects' locks.
import sys
import threading
import time

try:
    import gilt
except ImportError:
    gilt = None      # python3: no gilt module


def f(x):
    return x


class Greeter:
    def hello(self, x):
        return x


def call_function(n):
    for i in range(n):
        f(i)                  # the global f: one object, shared by all threads


def call_method(n):
    g = Greeter()             # an instance each; the class and its method are shared
    for i in range(n):
        g.hello(i)


def gil_state():
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    if is_enabled is None:
        return "GIL on"
    return "GIL on" if is_enabled() else "GIL off"


def phase(name, target, threads, n):
    workers = [threading.Thread(target=target, args=(n,), name=f"caller-{k}") for k in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - start
    print(f"  {elapsed:5.2f}s  {name}")
    return elapsed


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000_000
    if gilt is not None:
        state = gilt.refcounts(f)[3]
        print(f"f is {state}, Greeter is {gilt.refcounts(Greeter)[3]}")
    print(f"{n:,} calls per thread")
    for r in range(1, rounds + 1):
        print(f"round {r} ({gil_state()}):")
        one = phase("1 thread calls f", call_function, 1, n)
        two = phase("2 threads call f", call_function, 2, n)
        phase("2 threads call Greeter().hello", call_method, 2, n)
        print(f"  2 threads took {two / max(one, 1e-9):.1f}x as long as 1")


if __name__ == "__main__":
    main()
