# Threads that make objects, hand them over and exit at once, while other threads
# are dropping those objects: the drops race the owner's exit (its merge queue is
# being drained and closed while droppers still queue on it, or find it closed and
# merge themselves), and the owner's exit races a collector stopping the world.
# Every object must be freed exactly once: nothing crashes, every dropper sees
# intact objects, and the live objects come back to where they were.
import gc
import os
import threading
import time
import gilt

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
ROUNDS = max(10, int(150 * SCALE))
MAKERS = 4
PER_MAKER = 300

class Item:
    def __init__(self, s):
        self.s = s
        self.pair = (s, [s])

box = []
box_lock = threading.Lock()
made = [0]
dropped = [0]
stop = threading.Event()

def maker(r, k):
    mine = []
    for i in range(PER_MAKER):
        s = "%d-%d-%d" % (r, k, i) * 2
        item = (s, Item(s), [s, s], {"s": s})
        mine.append(item)
        with box_lock:
            box.append(item)
    with box_lock:
        made[0] += PER_MAKER
    # return at once: `mine` and the items' local counts go with the thread

def dropper():
    while True:
        with box_lock:
            batch = box[:]
            box.clear()
        for s, obj, lst, d in batch:
            assert obj.s == s and obj.pair[0] == s and obj.pair[1] == [s]
            assert lst == [s, s] and d["s"] == s
        with box_lock:
            dropped[0] += len(batch)
        del batch               # the last references, often
        if stop.is_set():
            with box_lock:
                if not box:
                    return

def collector():
    while not stop.is_set():
        gc.collect()
        time.sleep(0.001)       # pacing only: a stop of the world now and then

before = gilt._live_objects()
helpers = [threading.Thread(target=dropper) for _ in range(2)]
helpers.append(threading.Thread(target=collector))
for t in helpers:
    t.start()
for r in range(ROUNDS):
    ts = [threading.Thread(target=maker, args=(r, k)) for k in range(MAKERS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
stop.set()
for t in helpers:
    t.join()
assert made[0] == ROUNDS * MAKERS * PER_MAKER and dropped[0] == made[0], (made[0], dropped[0])
del helpers, ts, t
left = gilt._live_objects() - before
assert -10 < left < 300, "%d objects left after %d were made and dropped" % (left, made[0] * 7)
print("ok")
