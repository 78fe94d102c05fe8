# Lesson 1: CPU-bound threads, with and without the GIL.
#
# What it teaches: threads that only compute (no I/O, no sleeping) can run at the
# same time on several cores only when there is no GIL.  With the GIL, one thread
# runs Python at a time and the others wait for their turn: four threads take as
# long as one.  This is the seed benchmark from the article on free-threaded
# Python: heavy_computation() counts up to n, first in one thread, then in four.
#
# What to run:
#     ./gilt --dash lessons/01_cpu_threads_and_the_gil.py      watch it live
#     ./gilt --compare lessons/01_cpu_threads_and_the_gil.py   GIL on vs off, side by side
#     ./gilt --stats lessons/01_cpu_threads_and_the_gil.py 2 1000000   short run, summary table
# Arguments: the number of rounds (default 8) and n (default 10,000,000, the seed benchmark's).
#
# What to watch on the dashboard:
#   - The header says GIL OFF (gilt's default).  During the "4 threads" part of a
#     round, the four worker rows are solid green bars: all of them are running.
#     On a 2-core machine two really run at any instant, but none waits for the
#     interpreter.
#   - Press g.  The header turns to GIL ON, and the worker rows change pattern:
#     short green bars on a yellow background.  Each column is 10 ms; a thread ran
#     for the green part and waited for the GIL the rest of the time.  Add up the
#     green of one column: at most one core's worth.  Zoom in with > until a column
#     is 1 ms: now exactly one row is green at a time.
#   - The output panel prints each round's speedup (1 thread vs 4): about 1.0x with
#     the GIL, up to the number of cores without it.
#   - Press + and - to change the switch interval (with the GIL on): longer slices,
#     fewer switches (the GIL line of the --stats summary counts them).
#
# What to try next: lesson 2 (the lost update) shows what the GIL was also hiding:
# without it, `count += 1` in two threads loses updates.
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def heavy_computation(n):
    """A function that simulates a heavy CPU workload."""
    count = 0
    for i in range(n):
        count += i
    return count


def run_threaded_benchmark(num_threads, work_items, n):
    """Runs the computation using a thread pool; returns the seconds it took."""
    start_time = time.time()
    with ThreadPoolExecutor(max_workers=num_threads) as executor:
        futures = [executor.submit(heavy_computation, n) for _ in range(work_items)]
        results = [f.result() for f in futures]
    assert results == [n * (n - 1) // 2] * work_items
    return time.time() - start_time


def gil_state():
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    if is_enabled is None:
        return "GIL on"   # a CPython without the switch always has it
    return "GIL on" if is_enabled() else "GIL off"


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
    print(f"{rounds} rounds; each: 4 x heavy_computation({n:,}) in 1 thread, then in 4")
    for r in range(1, rounds + 1):
        one = run_threaded_benchmark(1, 4, n)
        four = run_threaded_benchmark(4, 4, n)
        print(f"round {r} ({gil_state()}): 1 thread {one:.2f}s, 4 threads {four:.2f}s, speedup {one / four:.2f}x")


if __name__ == "__main__":
    main()
