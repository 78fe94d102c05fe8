# The cycle collector runs when containers pile up -- allocations minus
# deallocations, as CPython counts them -- not every so many allocations: a loop
# that makes and drops a tuple (a `with lock:` makes one for __exit__'s arguments), a
# list, a dict or an instance per iteration holds no more containers at the end than
# at the start, and should cost a handful of collections at most, not one every
# thousand iterations (each stops the world and scans every live container).  A loop
# that keeps what it makes must still trigger collections.  Collections are counted
# by gilt.stats()["gc_count"] (from the event rings: if events were dropped it can
# only count fewer, never more).
import os
import threading
import gilt

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
N = max(20000, int(200000 * SCALE))
MOST = 5

class Point:
    def __init__(self, x):
        self.x = x

def collections():
    return gilt.stats()["gc_count"]

lock = threading.Lock()

def with_lock(n):
    for i in range(n):
        with lock:
            pass

def tuples(n):
    for i in range(n):
        x = (i, str(i))

def lists(n):
    for i in range(n):
        x = [i, str(i)]

def dicts(n):
    for i in range(n):
        x = {"i": i}

def instances(n):
    for i in range(n):
        x = Point(str(i))

# a few living containers, as a real program has: the limit is about the loop
keep = [[str(i)] for i in range(5000)]

for loop in (with_lock, tuples, lists, dicts, instances):
    c0 = collections()
    loop(N)
    ran = collections() - c0
    assert ran <= MOST, "%s: %d collections for %d iterations that keep nothing" % (loop.__name__, ran, N)

# the same in two threads at once
c0 = collections()
ts = [threading.Thread(target=f, args=(N // 2,)) for f in (with_lock, dicts)]
for t in ts:
    t.start()
for t in ts:
    t.join()
ran = collections() - c0
assert ran <= MOST, "two threads: %d collections for loops that keep nothing" % ran

# containers that stay alive do make the collector run
c0 = collections()
kept = [[str(i)] for i in range(N)]
assert collections() > c0, "no collection while %d containers were made and kept" % N
print("ok")
