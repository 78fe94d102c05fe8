# bench/processes_cpu.py -- the same CPU-bound work (count primes below N in 8
# slices) done three ways: in one process, by a Pool of 2 processes, and by 2
# threads.  Prints the times and the speedups over one process; the last field is
# the Pool's speedup (bench/processes takes the median of several runs).
import sys
import threading
import time
from multiprocessing import Pool

N = int(sys.argv[1]) if len(sys.argv) > 1 else 120000
SLICES = 8


def count_primes(bounds):
    lo, hi = bounds
    count = 0
    for n in range(max(lo, 2), hi):
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            count += 1
    return count


def slices():
    step = N // SLICES
    return [(i * step, (i + 1) * step) for i in range(SLICES)]


if __name__ == "__main__":
    t0 = time.perf_counter()
    serial = sum(map(count_primes, slices()))
    t1 = time.perf_counter()
    with Pool(2) as pool:
        t2 = time.perf_counter()
        pooled = sum(pool.map(count_primes, slices(), chunksize=1))
        t3 = time.perf_counter()
    results = []
    work = slices()
    lock = threading.Lock()

    def run():
        while True:
            with lock:
                if not work:
                    return
                b = work.pop()
            results.append(count_primes(b))
    t4 = time.perf_counter()
    ts = [threading.Thread(target=run) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    t5 = time.perf_counter()
    assert serial == pooled == sum(results), (serial, pooled, sum(results))
    one, pool_t, thr = t1 - t0, t3 - t2, t5 - t4
    print(f"primes={serial} one={one:.3f}s pool2={pool_t:.3f}s threads2={thr:.3f}s "
          f"threads_speedup={one / thr:.2f} pool_speedup={one / pool_t:.2f}")
