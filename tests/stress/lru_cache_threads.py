# Threads call one lru_cache'd function at once, with string keys and fresh list
# results, under a small maxsize so that entries are evicted all the time, while a
# reader asks cache_info() and another thread clears the cache now and then.  The
# cache's bookkeeping must never corrupt: every call returns the right result,
# hits + misses counts every call, and the size stays within maxsize.
import os
import threading
from functools import lru_cache

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
CALLS = max(2000, int(30000 * SCALE))     # per thread
THREADS, MAXSIZE = 3, 32

calls_made = [0] * THREADS
bad = []
stop = threading.Event()

@lru_cache(maxsize=MAXSIZE)
def square_list(key):
    n = int(key[1:])
    return [key, n * n]

@lru_cache(maxsize=None)
def unbounded(key):
    return key * 2

def guarded(f):
    def run(*args):
        try:
            f(*args)
        except BaseException as e:
            bad.append((f.__name__, repr(e)))
            stop.set()
    return run

@guarded
def caller(t):
    for i in range(CALLS):
        n = (i * 7 + t) % 100
        key = "k%d" % n
        r = square_list(key)
        if r != [key, n * n]:
            bad.append(("result", key, r))
        if unbounded(key) != key * 2:
            bad.append(("unbounded", key))
        calls_made[t] += 1
        if stop.is_set():
            return

@guarded
def watcher():
    while not stop.is_set():
        info = square_list.cache_info()
        if not 0 <= info.currsize <= MAXSIZE:
            bad.append(("currsize", info))
        if unbounded.cache_info().currsize > 100:
            bad.append(("unbounded size", unbounded.cache_info()))

@guarded
def clearer():
    k = 0
    while not stop.is_set():
        k += 1
        if k % 2000 == 0:
            unbounded.cache_clear()

ts = [threading.Thread(target=caller, args=(t,)) for t in range(THREADS)]
others = [threading.Thread(target=watcher), threading.Thread(target=clearer)]
for t in ts + others:
    t.start()
for t in ts:
    t.join()
stop.set()
for t in others:
    t.join()
assert not bad, bad[:5]
info = square_list.cache_info()
assert info.hits + info.misses == sum(calls_made) == THREADS * CALLS, (info, sum(calls_made))
assert info.currsize <= MAXSIZE and info.maxsize == MAXSIZE, info
print("ok")
