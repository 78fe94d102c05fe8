# Floats, small ints and small tuples made in one thread and freed in another
# (runtime/alloc.h, the block caches): a leaf's block goes on the cache of the
# thread whose free drops it and is reused there, so blocks travel between threads'
# caches; a tuple dropped by another thread is left to the collector.  Threads come
# and go (each retiring thread empties its caches) while others keep computing;
# every value read back must be the one written, and nothing leaks.
import os
import queue
import threading
import gc
import gilt

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
N = max(2000, int(20000 * SCALE))
ROUNDS = max(2, int(6 * SCALE))

live_before = gilt._live_objects()
errors = []

def produce(q, seed):
    for i in range(N):
        # fresh (non-small) ints and floats, in a list or a tuple the consumer drops
        item = [seed * 1_000_003 + i, (seed + i) * 0.5, float(i) + 0.25]
        q.put(item if i % 2 else tuple(item))
    q.put(None)

def consume(q, seed):
    i = 0
    while True:
        item = q.get()
        if item is None:
            break
        a, b, c = item
        if a != seed * 1_000_003 + i or b != (seed + i) * 0.5 or c != float(i) + 0.25:
            errors.append((seed, i, item))
        # churn this thread's own cache with temporaries between the foreign frees
        s = 0.0
        for k in range(4):
            pair = (b * k, c)
            s += pair[0] - pair[1]
        if s != 6 * b - 4 * c:
            errors.append((seed, i, "sum", s))
        del item, a, b, c
        i += 1

for r in range(ROUNDS):
    pairs = []
    for seed in range(2):
        q = queue.Queue(maxsize=64)
        pairs.append(threading.Thread(target=produce, args=(q, seed + 10 * r)))
        pairs.append(threading.Thread(target=consume, args=(q, seed + 10 * r)))
    for t in pairs:
        t.start()
    for t in pairs:
        t.join()

assert not errors, errors[:5]
del pairs, t, q
gc.collect()   # tuples other threads dropped wait for the collector
leaked = gilt._live_objects() - live_before
assert leaked < 500, leaked
print("ok")
