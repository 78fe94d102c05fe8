# Objects made in one thread and dropped in another (biased refcounting's slow path):
# every object arrives intact and the consumers see each exactly once.
import threading
import queue
import gilt

live_before = gilt._live_objects()

N, CONSUMERS = 20000, 3
q = queue.Queue(maxsize=256)
seen = []
seen_lock = threading.Lock()

def produce():
    for i in range(N):
        q.put({"id": i, "payload": [i] * 3, "name": "obj%d" % i})
    for _ in range(CONSUMERS):
        q.put(None)

def consume():
    mine = []
    while True:
        item = q.get()
        if item is None:
            break
        assert item["payload"] == [item["id"]] * 3 and item["name"] == "obj%d" % item["id"]
        mine.append(item["id"])
        del item
    with seen_lock:
        seen.extend(mine)

ts = [threading.Thread(target=consume) for _ in range(CONSUMERS)]
ts.append(threading.Thread(target=produce))
for t in ts:
    t.start()
for t in ts:
    t.join()
assert sorted(seen) == list(range(N))
# every object that crossed a thread was freed: at most a few hundred remain (the
# threads, the queue and this module's own names), not 20000 dicts and lists
del ts, t, seen, q
leaked = gilt._live_objects() - live_before
assert leaked < 500, leaked
print("ok")
