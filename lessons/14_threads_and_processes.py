# Lesson 14: threads against processes.
#
# What it teaches: there are two ways to use more than one core from Python.
# Processes (multiprocessing.Pool) each have their own interpreter, their own
# GIL and their own memory: they run in parallel whether the GIL is on or off,
# but each costs a fork to start, and everything a task gets or returns is
# copied between processes (gilt sends it as text: src/modules/py/_gilt_pickle.py).
# Threads share one interpreter and one memory: cheap to start, nothing to
# copy -- but with the GIL on only one of them runs Python at a time.  The
# script measures the same CPU-bound work in each, and then the two costs:
#   1. "work": count_to(n) four times, in 1 worker and then in 2 (in a thread
#      pool, then in a process pool): the speedup of 2 workers over 1;
#   2. "start": a pool of 2 workers made and given one tiny task each;
#   3. "share": each of 2 workers sums a list of 200,000 numbers -- threads
#      read the one list, processes get a copy each.
#
# What to run:
#     ./gilt -X gil=1 lessons/14_threads_and_processes.py     GIL on: only processes scale
#     ./gilt -X gil=0 lessons/14_threads_and_processes.py     GIL off: threads scale too
#     ./gilt --compare lessons/14_threads_and_processes.py    both, side by side
#     ./gilt --dash lessons/14_threads_and_processes.py       the thread pools live
#     ./gilt --stats lessons/14_threads_and_processes.py 200000 10000   short run, summary
# Arguments: n (default 3,000,000) and the length of the shared list (default
# 200,000; gilt's copies between processes are slower than CPython's pickle,
# so a million takes seconds).
#
# What to watch:
#   - The output, "work": with -X gil=1, threads about 1.0x and processes near
#     the number of cores (2 on two cores); with -X gil=0, both near it.  Only
#     on a machine with idle cores: on a busy one nothing scales.
#   - "start": threads in under a millisecond, processes in a few (a fork
#     each).  "share": threads in milliseconds, processes in most of a second
#     -- the copies, which grow with the data.
#   - On the dashboard (--dash) or in --compare on a terminal, the thread
#     pool's workers are rows; the processes have none (each is an interpreter
#     of its own, which gilt does not see), only the pool's
#     ForkPoolWorker-manager thread in this one.  During the process parts
#     MainThread mostly waits ("·") for the answers.
#
# Under python3: the same, with the GIL on (CPython 3.11 always has it).
#
# What to try next: lesson 1 (threads and the GIL on the dashboard); a task
# that returns a big list from each process, to see the copy on the way back.
import multiprocessing
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def count_to(n):
    count = 0
    for i in range(n):
        count += i
    return count


def nothing(x):
    return x


def total(numbers):
    return sum(numbers)


def timed(make_pool, func, args):
    start = time.perf_counter()
    with make_pool() as pool:
        results = list(pool.map(func, args))
    return time.perf_counter() - start, results


def thread_pool(workers):
    return lambda: ThreadPoolExecutor(max_workers=workers)


def process_pool(workers):
    return lambda: multiprocessing.Pool(workers)


def gil_state():
    # sys._is_gil_enabled() is gilt's and CPython 3.13's; older Pythons always have the GIL
    return "on" if getattr(sys, "_is_gil_enabled", lambda: True)() else "off"


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000
    length = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    print(f"GIL {gil_state()}, 4 x count_to({n:,})")
    print("speedup of 2 workers over 1:")
    expected = count_to(n)
    for name, pool in (("threads", thread_pool), ("processes", process_pool)):
        one, r1 = timed(pool(1), count_to, [n] * 4)
        two, r2 = timed(pool(2), count_to, [n] * 4)
        assert r1 == r2 == [expected] * 4
        print(f"  {one / two:4.2f}x {name}, 1: {one:.2f}s, 2: {two:.2f}s")

    print("start 2 workers, a tiny task each:")
    for name, pool in (("threads", thread_pool), ("processes", process_pool)):
        took, r = timed(pool(2), nothing, [1, 2])
        assert r == [1, 2]
        print(f"  {took * 1000:7.1f} ms {name}")

    numbers = list(range(length))
    print(f"each of 2 sums a list of {length:,}:")
    for name, pool in (("threads", thread_pool), ("processes", process_pool)):
        with pool(2)() as started:
            list(started.map(nothing, [1, 2]))       # the workers are up: time the work only
            start = time.perf_counter()
            r = list(started.map(total, [numbers, numbers]))
            took = time.perf_counter() - start
        assert r == [sum(numbers)] * 2
        print(f"  {took * 1000:7.1f} ms {name}")


if __name__ == "__main__":
    main()
