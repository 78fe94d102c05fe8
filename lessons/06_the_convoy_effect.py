# Lesson 6: the convoy effect -- an I/O thread behind CPU-bound threads.
#
# What it teaches: a thread that does I/O lets go of the GIL at every operation
# (here a 0.1 ms time.sleep, standing in for a read from a socket or a disk).
# When the operation is done, the thread needs the GIL back -- but a CPU-bound
# thread has taken it, and lets go only after a whole switch interval (5 ms).
# So every I/O operation, however short, costs about one interval: alone the
# thread does thousands of operations a second, next to one CPU-bound thread
# about 200, next to two fewer still (the GIL can go to the other CPU thread
# first).  David Beazley measured this in CPython in 2010 ("Understanding the
# Python GIL").  Without the GIL the I/O thread does not wait for anyone.  Read
# src/runtime/gil.c: g_gil_take waits an interval, then asks the holder to drop.
#
# What to run:
#     ./gilt -X gil=1 --dash lessons/06_the_convoy_effect.py
#     ./gilt -X gil=1 --stats lessons/06_the_convoy_effect.py 1 0.2     short run
#     python3 lessons/06_the_convoy_effect.py     CPython 3.11 shows the convoy too
# Arguments: the number of rounds (default 4) and seconds per phase (default 1.5).
#
# What to watch on the dashboard:
#   - The output panel: each round has three phases -- the I/O thread alone, with
#     one CPU thread (+1 CPU), with two (+2 CPU).  The first number is the time
#     one operation took (asked for: 0.1 ms); then how many it completed.
#   - The timeline: the "io" row is almost all yellow (GIL wait), with a thin
#     bar where it ran; the "cpu" rows run.  Zoom in with > three times (1 ms
#     per column): the CPU threads take turns of 5 ms (the switch interval), and
#     the io row waits through one turn or more for each 0.1 ms of its own.
#   - Press g between rounds: without the GIL the "io" row never turns yellow and
#     the next round's figures are the same in all three phases.
#   - Press - to shorten the switch interval: the I/O operations get faster, and
#     + makes them slower (lesson 5).
#
# What to try next: CPython 3.2's "new GIL" brought the switch interval in, and the
# convoy with it; look up how the old GIL (a switch every 100 bytecodes) behaved.
# Lesson 7 turns to what threads pay even without a GIL: reference counts.
import sys
import threading
import time

try:
    import gilt
except ImportError:
    gilt = None      # python3: the GIL is always on in CPython 3.11

IO_TIME = 0.0001     # each "I/O operation" waits 0.1 ms


def gil_state():
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    if is_enabled is None:
        return "GIL on"
    return "GIL on" if is_enabled() else "GIL off"


class Phase:
    def __init__(self, cpu_threads):
        self.cpu_threads = cpu_threads
        self.stop = False
        self.ops = 0
        self.busy = 0.0

    def cpu(self):
        n = 0
        while not self.stop:
            n += 1

    def io(self, seconds):
        start = time.perf_counter()
        while True:
            time.sleep(IO_TIME)       # lets go of the GIL, then must take it back
            self.ops += 1
            self.busy = time.perf_counter() - start
            if self.busy >= seconds:
                break

    def run(self, seconds):
        cpus = [threading.Thread(target=self.cpu, name=f"cpu-{k}") for k in range(self.cpu_threads)]
        io = threading.Thread(target=self.io, args=(seconds,), name="io")
        for c in cpus:
            c.start()
        io.start()
        io.join()
        self.stop = True
        for c in cpus:
            c.join()
        return self

    def row(self):
        each = self.busy / self.ops * 1000
        who = "alone " if not self.cpu_threads else f"+{self.cpu_threads} CPU"
        return f"  {who} {each:6.2f} ms/op {self.ops:6,} ops"


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 1.5
    print(f"I/O: time.sleep({IO_TIME * 1000:.1f} ms) in a loop")
    for r in range(1, rounds + 1):
        print(f"round {r} ({gil_state()}), {seconds:g} s each:")
        for cpu_threads in (0, 1, 2):
            print(Phase(cpu_threads).run(seconds).row())


if __name__ == "__main__":
    main()
