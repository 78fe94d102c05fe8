# Objects whose deallocation runs Python code, freed while another thread collects:
# suspended generators with a `finally` (freeing one closes it, which runs the
# finally block) are made by one thread and dropped by another, so their last
# reference goes through the maker's merge queue -- and the maker waits, detached,
# so the collector merges that queue with the world stopped.  The finally blocks
# must run with the world running (one takes a lock that a stopped thread may hold;
# one allocates), each exactly once.
import gc
import os
import queue
import threading
import gilt

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
ROUNDS = max(5, int(20 * SCALE))
PER_ROUND = 500

lock = threading.Lock()
closed = []
counter = [0]

def gen(tag):
    try:
        yield tag
    finally:
        with lock:                        # a lock other threads hold now and then
            closed.append(str(tag) * 2)   # and an allocation

handoff = queue.Queue()
stop = threading.Event()

def maker(r):
    gens = []
    for i in range(PER_ROUND):
        g = gen(r * PER_ROUND + i)
        next(g)                  # suspended inside the try
        gens.append(g)
    handoff.put(gens)
    del gens, g
    stop.wait()                  # detached: only a collection merges its queue now

def dropper():
    while True:
        gens = handoff.get()
        if gens is None:
            return
        gens.clear()             # the last references: queued for the maker
        del gens

def collector():
    while not stop.is_set():
        gc.collect()

def locker():
    while not stop.is_set():
        with lock:               # held most of the time, so often held when stopped
            for k in range(100):
                counter[0] += 1
                s = str(k) * 3

before = gilt._live_objects()
helpers = [threading.Thread(target=f) for f in (dropper, collector, locker)]
for t in helpers:
    t.start()
makers = []
for r in range(ROUNDS):
    t = threading.Thread(target=maker, args=(r,))
    t.start()
    makers.append(t)
    # wait for this round's generators to be closed before the next
    while True:
        with lock:
            n = len(closed)
        if n >= (r + 1) * PER_ROUND:
            break
        gc.collect()
stop.set()
handoff.put(None)
for t in helpers + makers:
    t.join()
assert len(closed) == ROUNDS * PER_ROUND, len(closed)
assert sorted(closed) == sorted(str(i) * 2 for i in range(ROUNDS * PER_ROUND))
del helpers, makers, t, closed
print("ok")
