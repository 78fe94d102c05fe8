# Lesson 5: the switch interval -- latency against throughput.
#
# What it teaches: with the GIL on, a thread that wants to run must wait for the
# thread that holds the GIL to let go.  A CPU-bound holder lets go only when asked:
# the waiter waits one switch interval (sys.setswitchinterval, 5 ms by default),
# then sets a "drop it" request that the holder sees at its next check (a call or a
# loop jump).  So a thread that must answer quickly -- here a "ticker" that sleeps
# 2 ms and then wants to run -- is late by about one interval, often two (the GIL
# can go to the other CPU-bound thread first: there is no queue).  A short interval
# makes it answer sooner, but every switch costs the CPU-bound threads work: the
# hand-over, the wake-up, a cold cache.  A long interval does the opposite.  The
# GIL's code is src/runtime/gil.c; the request is a bit in the eval breaker
# (src/runtime/threadstate.h).
#
# What to run:
#     ./gilt -X gil=1 --dash lessons/05_the_switch_interval.py
#     ./gilt -X gil=1 --stats lessons/05_the_switch_interval.py 0.2 1     short run
#     python3 lessons/05_the_switch_interval.py     CPython 3.11: the same table
# Arguments: seconds per interval in the table (default 2) and the number of
# one-second rows of the "your turn" part (default 10).
#
# What to watch on the dashboard:
#   - The output panel: one row per interval (0.1, 1, 5, 20 ms).  The first
#     number is how late the ticker woke, on average: it grows with the interval
#     (about 1.5 intervals at 5 and 20 ms).  Then how many times a second a
#     thread took the GIL: the shorter the interval, the more hand-overs, each
#     one a cost to the CPU threads; last, the loops per second they managed.
#     At 0.1 ms the hand-overs are fewer than 10,000 a second: the OS takes
#     longer than that to wake the waiting thread.  On a busy machine the loops
#     column is mostly noise; the first two columns are not.
#   - The header's "switch" follows the table (0.10ms, 1.00ms, ...).
#   - The timeline: the two "cpu" rows take turns, running and waiting for the
#     GIL (yellow); at 20 ms the turns are two columns wide.  The "ticker" row
#     is all GIL wait: it sleeps only 2 ms, then waits for the GIL.
#   - Then "your turn": press + and - and the next rows follow the header's
#     switch interval.  Press g: without the GIL the ticker is on time whatever
#     the interval (if the machine has a core to spare for it).
#
# What to try next: give the ticker real work after each tick, or add a third CPU
# thread: the wait grows with the number of threads that compete.  Lesson 6 shows
# the same wait hurting a thread that does I/O.
import sys
import threading
import time

try:
    import gilt
except ImportError:
    gilt = None      # python3: the GIL is always on in CPython 3.11

TICK = 0.002                            # the ticker sleeps 2 ms, then wants to run
INTERVALS = [0.0001, 0.001, 0.005, 0.02]


def gil_state():
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    if is_enabled is None:
        return "GIL on"
    return "GIL on" if is_enabled() else "GIL off"


class Phase:
    """Two CPU-bound threads and one ticker, for a given time."""

    def __init__(self):
        self.stop = False
        self.loops = [0, 0]
        self.late = []

    def cpu(self, k):
        n = 0
        while not self.stop:
            n += 1
        self.loops[k] = n

    def ticker(self, seconds):
        end = time.perf_counter() + seconds
        while True:
            asked = time.perf_counter()
            time.sleep(TICK)
            # the time beyond the 2 ms asked for: mostly the wait for the GIL
            self.late.append(time.perf_counter() - asked - TICK)
            if asked >= end:
                break

    def run(self, seconds):
        workers = [threading.Thread(target=self.cpu, args=(k,), name=f"cpu-{k}") for k in range(2)]
        tick = threading.Thread(target=self.ticker, args=(seconds,), name="ticker")
        takes = gil_takes()
        start = time.perf_counter()
        for w in workers:
            w.start()
        tick.start()
        tick.join()
        self.stop = True
        for w in workers:
            w.join()
        elapsed = time.perf_counter() - start
        self.takes_per_s = (gil_takes() - takes) / elapsed
        self.loops_per_s = sum(self.loops) / elapsed
        return self

    def row(self, label):
        avg = sum(self.late) / len(self.late) * 1000
        takes = f"{self.takes_per_s:6,.0f}" if gilt else "     -"
        return f"{label} late{avg:5.1f} ms {takes}/s {self.loops_per_s / 1e6:5.1f}M/s"


def gil_takes():
    """How many times a thread has taken the GIL so far (python3 does not say)."""
    return gilt.stats()["gil_takes"] if gilt else 0


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    print(f"2 CPU threads, a ticker, {gil_state()}")
    print("interval  ticker    GIL takes  loops")
    saved = sys.getswitchinterval()
    for interval in INTERVALS:
        sys.setswitchinterval(interval)
        print(Phase().run(seconds).row(f"{interval * 1000:4.1f} ms"))
    sys.setswitchinterval(saved)
    if rows:
        print("your turn: press + - g")
    state = gil_state()
    for _ in range(rows):
        if gil_state() != state:             # the dashboard's g changes it
            state = gil_state()
            print(state)
        interval = sys.getswitchinterval()   # and + and - this
        print(Phase().run(1.0).row(f"{interval * 1000:4.1f} ms"))


if __name__ == "__main__":
    main()
