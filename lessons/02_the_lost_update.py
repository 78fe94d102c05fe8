# Lesson 2: the lost update.
#
# What it teaches: `self.count += 1` reads the count, adds one and writes it back:
# three steps (lesson 0 shows the bytecode).  When two threads do it at the same
# moment, both can read the same old value, and one increment vanishes.  With the
# GIL, a thread is switched out only between whole steps at a few points (calls,
# loop jumps), so in practice the counter comes out right -- by luck, not by
# design.  Without the GIL the threads really run at once, and updates are lost
# in every round.  SafeCounter takes a threading.Lock around the three steps and
# is always right; the price is visible on the dashboard.
#
# What to run:
#     ./gilt --dash lessons/02_the_lost_update.py
#     ./gilt --compare lessons/02_the_lost_update.py
#     ./gilt --stats lessons/02_the_lost_update.py 2 20000     short run, summary table
# Arguments: the number of rounds (default 6) and increments per thread per round
# (default 200,000).
#
# What to watch on the dashboard:
#   - The output panel: UnsafeCounter loses thousands of updates per round with
#     the GIL off; SafeCounter never loses one.
#   - SafeCounter: the locks panel's "02_the_lost_update.py:48" line shows 800k
#     acquisitions a round, ~1% contended ("cont") on a busy machine, up to half
#     with cores free; either way seconds "waited" (parked, then woken).  The
#     timeline: mostly solid rows, a few red (lock wait) columns.
#   - Press g (GIL on): the next UnsafeCounter rounds lose nothing (or almost
#     nothing), and the rows show the GIL's yellow instead.  Press g again.
#
# What to try next: make the unsafe increment safe without a lock -- give each
# thread its own counter and add them up at the end (no sharing, no race).
# Lesson 3 looks at the other thing threads share: the garbage collector.
import sys
import threading


class UnsafeCounter:
    def __init__(self):
        self.count = 0

    def increment(self):
        # This operation is not atomic and can cause a race condition
        self.count += 1


class SafeCounter:
    def __init__(self):
        self.count = 0
        self._lock = threading.Lock()

    def increment(self):
        with self._lock:
            # This block is now atomic, preventing race conditions
            self.count += 1


def hammer(counter, n):
    for _ in range(n):
        counter.increment()


def run(counter_class, threads, n):
    counter = counter_class()
    workers = [threading.Thread(target=hammer, args=(counter, n)) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.count


def gil_state():
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    if is_enabled is None:
        return "GIL on"
    return "GIL on" if is_enabled() else "GIL off"


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    threads = 4
    expected = threads * n
    print(f"{rounds} rounds; each: {threads} threads x {n:,} increments = {expected:,} expected")
    for r in range(1, rounds + 1):
        unsafe = run(UnsafeCounter, threads, n)
        safe = run(SafeCounter, threads, n)
        print(f"round {r} ({gil_state()}): UnsafeCounter {unsafe:,} (lost {expected - unsafe:,}), "
              f"SafeCounter {safe:,} ({'OK' if safe == expected else 'LOST UPDATES'})")


if __name__ == "__main__":
    main()
