# Lesson 11: stop the world -- and the thread that does not stop.
#
# What it teaches: to look at every object safely, gilt's cycle collector stops
# the world (lesson 3): it asks every thread to park at a safepoint, and waits
# until the last one has.  A thread checks for that request between bytecode
# instructions (its eval breaker, src/vm/), so a thread in a Python loop parks
# within microseconds.  A thread inside one long call into C -- sum(range(big)),
# sorted() of a big list, a big str.join() -- checks nothing until the call
# returns.  The collector waits for it, and so does every thread that has
# already parked: one slow thread holds up everyone.  The time from the request
# to the last thread parked is the "time to safepoint" (src/runtime/stw.c).
#
# The main thread calls gc.collect() again and again while two workers run:
#   - phase "loops": both workers run a Python loop;
#   - phase "long C call": one worker calls the long C function over and over.
# Each phase prints its slowest gc.collect() first, then the typical one, each
# timed from the moment it was due (the main thread sleeps 0.1 s between them).
#
# What to run:
#     ./gilt --dash lessons/11_stop_the_world.py
#     ./gilt --stats lessons/11_stop_the_world.py 1 4 100000     short run, summary table
#     ./gilt lessons/11_stop_the_world.py 2 10 3000000 sorted    the C call is sorted()
# Arguments: rounds (default 2), collections per phase (default 10), the size of
# the long call (default 20,000,000: about half a second of sum()), and which
# call: sum (default), sorted or join.
#
# What to watch on the dashboard:
#   - The GC panel: during "loops", "to safepoint" stays in microseconds and the
#     pauses are short.  In "long C call" "to safepoint" jumps to hundreds of
#     milliseconds, and so does "max": a pause is counted from the request.
#   - The timeline: in "long C call" the row "loop" fills with "!" (stopped)
#     for long stretches -- it parked at once and then waited for the row
#     "C call", which keeps running through the request.  MainThread's row is
#     cyan "▓" (collecting): in gc.collect(), waiting for the last one to park.
#   - The output panel: the longest gc.collect() of each phase, "loops" in a
#     fraction of a millisecond, "long C call" in hundreds.
#   - --stats: "time to safepoint max" on the GC line.
#   - Press g: with the GIL on there is little to stop (the other threads are
#     waiting for the GIL anyway), but the main thread must take the GIL first,
#     and the C call does not give it up: the same hold-up, as "GIL wait" in
#     MainThread's row instead of "!" in the others.
#
# Under python3: "long C call" is as slow, for a different reason: CPython 3.11
# has a GIL, the C call does not let go of it, and the main thread cannot even
# start gc.collect().  gilt with -X gil=1 does the same.  "loops" is slower
# there too: the main thread waits for its turn on the GIL behind the loops.
#
# What to try next: split the work into chunks (sum(range(i, i + 100_000)) in a
# Python loop): every return to the loop is a safepoint, and the hold-up is gone.
import gc
import sys
import threading
import time

stop = False              # set by the main thread at the end of a phase


def python_loop():
    x = 0
    while not stop:
        for i in range(1_000):      # each jump back is a chance to park
            x += i


def long_c_call(call, size):
    data = list(range(size, 0, -1)) if call == "sorted" else None
    words = [str(i) for i in range(size)] if call == "join" else None
    while not stop:
        if call == "sorted":
            sorted(data)            # one call: no safepoint until it returns
        elif call == "join":
            ",".join(words)
        else:
            sum(range(size))


def phase(name, with_c_call, collections, call, size):
    global stop
    stop = False
    workers = [threading.Thread(target=python_loop, name="loop")]
    if with_c_call:
        workers.append(threading.Thread(target=long_c_call, args=(call, size), name="C call"))
    else:
        workers.append(threading.Thread(target=python_loop, name="loop 2"))
    for w in workers:
        w.start()
    took = []
    for _ in range(collections):
        due = time.perf_counter() + 0.1
        time.sleep(0.1)
        gc.collect()                # stop the world, collect, start it again
        # from when it was due, so that waiting to run at all (for the GIL) counts too
        took.append(time.perf_counter() - due)
    stop = True
    for w in workers:
        w.join()
    took.sort()
    print(f"{took[-1] * 1000:7.1f} ms slowest, {name}")
    print(f"{took[len(took) // 2] * 1000:7.1f} ms typical of {len(took)}")


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    collections = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 20_000_000
    call = sys.argv[4] if len(sys.argv) > 4 else "sum"
    if call not in ("sum", "sorted", "join"):
        raise SystemExit(f"unknown call {call!r}: sum, sorted or join")
    what = {"sum": f"sum(range({size:,}))", "sorted": f"sorted() of {size:,}",
            "join": f"','.join() of {size:,}"}[call]
    print(f"C call: {what}")
    for r in range(1, rounds + 1):
        print(f"round {r}")
        phase("loops", False, collections, call, size)
        phase("long C call", True, collections, call, size)


if __name__ == "__main__":
    main()
