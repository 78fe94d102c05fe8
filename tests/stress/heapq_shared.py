# heapq's C operations on heaps that threads share.  With a Lock around each
# call, pushes and pops of fresh strings must come out complete and in order.
# Without one (the program's race, not gilt's), a call may raise RuntimeError
# "list changed size during iteration" or IndexError, but must never crash or
# hand out a freed item; a reader keeps copying and printing the unlocked heap.
import heapq
import os
import threading

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
OPS = max(2000, int(20000 * SCALE))

locked_heap, lock = [], threading.Lock()
wild_heap = ["w%06d" % i for i in range(50)]
popped = [[] for _ in range(2)]
bad = []
stop = threading.Event()

def guarded(f):
    def run(*args):
        try:
            f(*args)
        except BaseException as e:
            bad.append((f.__name__, repr(e)))
            stop.set()
    return run

@guarded
def worker(k):
    for i in range(OPS):
        with lock:
            heapq.heappush(locked_heap, "%d-%06d" % (k, i))
            if i % 2:
                popped[k].append(heapq.heappop(locked_heap))
        try:
            heapq.heappush(wild_heap, "w%06d" % (i % 997))
            heapq.heappop(wild_heap)
            if i % 100 == 0:
                heapq.heapify(wild_heap)
        except (RuntimeError, IndexError):
            pass

@guarded
def reader():
    while not stop.is_set():
        snapshot = wild_heap[:]
        if any(type(x) is not str for x in snapshot):
            bad.append(("reader", "type"))
        repr(wild_heap)

ws = [threading.Thread(target=worker, args=(k,)) for k in range(2)]
r = threading.Thread(target=reader)
for t in ws + [r]:
    t.start()
for t in ws:
    t.join()
stop.set()
r.join()
assert not bad, bad[:5]
rest = []
while locked_heap:
    rest.append(heapq.heappop(locked_heap))
assert rest == sorted(rest)
everything = sorted(rest + popped[0] + popped[1])
expected = sorted("%d-%06d" % (k, i) for k in range(2) for i in range(OPS))
assert everything == expected, (len(everything), len(expected))
print("ok")
