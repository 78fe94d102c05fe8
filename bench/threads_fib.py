# threads_fib.py -- recursive fib in 1 thread, then in 2 threads at once.
#
#   python3 bench/threads_fib.py      prints "1 thread: T1 s, 2 threads: T2 s, speedup S"
#
# Every call looks up the global `fib` and calls it, so both threads hammer the same
# function object and the same globals dict.  With biased refcounting alone the
# function's reference count would be a shared atomic counter that both cores fight
# over; deferred refcounting (gilt's default, -X deferred=0 turns it off) leaves it
# uncounted, and the lock-free dict lookup lets both threads read the globals.
import threading
import time

N = 29
JOBS = 2


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def worker(count, out, slot):
    total = 0
    for _ in range(count):
        total += fib(N)
    out[slot] = total


def run(nthreads):
    out = [0] * nthreads
    threads = [threading.Thread(target=worker, args=(JOBS // nthreads, out, k)) for k in range(nthreads)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, sum(out)


t1, r1 = run(1)
t2, r2 = run(2)
assert r1 == r2 == JOBS * fib(N)
print("1 thread: %.3f s, 2 threads: %.3f s, speedup %.2f" % (t1, t2, t1 / t2))
