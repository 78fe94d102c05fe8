# Collections while 4 threads allocate: each thread builds cycles and keeps a chain
# of live objects that only its own frame reaches; the main thread collects over and
# over.  Garbage is freed, and nothing a thread still reaches is lost or damaged.
import gc
import gilt
import os
import threading
import time

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
N = max(300, int(3000 * SCALE))

class Node:
    def __init__(self, k, i):
        self.k, self.i = k, i
        self.next = None

errors = []
stop = threading.Event()

def work(k):
    head = None
    for i in range(N):
        n = Node(k, i)
        n.next = head
        head = n                      # reachable only from this frame
        a = Node(k, -1); b = Node(k, -2); a.next = b; b.next = a   # garbage cycles
        l = [a]; l.append(l)
        if i % 100 == 0:
            # walk the live chain: every link intact
            j, n2 = i, head
            while n2 is not None:
                if n2.k != k or n2.i != j:
                    errors.append((k, j, n2.k, n2.i))
                    break
                j -= 1
                n2 = n2.next
            if j != -1:
                errors.append(("short chain", k, i, j))

live_before = gilt._live_objects()
collections_before = gilt.stats()["gc_count"]
ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
# collect over and over, but let the workers run between collections: a collector
# that stops the world back to back starves them (under TSan the run took minutes)
while any(t.is_alive() for t in ts):
    gc.collect()
    time.sleep(0.001)
for t in ts:
    t.join()
del ts, t
gc.collect()
assert not errors, errors[:5]
# collections ran (ours, and the workers' automatic ones), and the garbage cycles
# -- 4 threads x N x 4 containers -- are gone, not just the count of them
assert gilt.stats()["gc_count"] > collections_before
assert gilt._live_objects() - live_before < 2000, gilt._live_objects() - live_before
print("ok")
