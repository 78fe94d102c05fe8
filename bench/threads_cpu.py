# threads_cpu.py -- CPU-bound work in 1 thread, then split across 2 threads.
#
#   python3 bench/threads_cpu.py        prints "1 thread: T1 s, 2 threads: T2 s, speedup S"
#   python3 bench/threads_cpu.py SHARE  does 1/SHARE of the work in one thread, quietly
#                                       (bench/threads runs two such processes at once
#                                       to find the machine's own ceiling)
#
# Each thread runs its own loop of integer arithmetic on local variables, so the only
# thing shared is the function object.  Same total work both ways: with a GIL the two
# threads take turns (speedup ~1.0); without one they run on both cores (~2.0).
import threading
import time

WORK = 12_000_000


def crunch(n, out, slot):
    acc = 0
    for i in range(n):
        acc = (acc + i * i) % 1_000_003
    out[slot] = acc


def run(nthreads):
    out = [0] * nthreads
    threads = [threading.Thread(target=crunch, args=(WORK // nthreads, out, k))
               for k in range(nthreads)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, out


import sys
if len(sys.argv) > 1:
    crunch(WORK // int(sys.argv[1]), [0], 0)
    sys.exit(0)

t1, out1 = run(1)
t2, out2 = run(2)
print("1 thread: %.3f s, 2 threads: %.3f s, speedup %.2f" % (t1, t2, t1 / t2))
