# Threads replace an instance attribute with fresh objects while others read it --
# `self.latest = ...` in one thread, `x.latest` in another, the way students share a
# "current value".  Readers must always find an intact object that some writer
# stored (a torn or freed value would crash or fail the checks); the old values are
# freed exactly once (the live count comes back).
import os
import threading
import gilt

SCALE = float(os.getenv("GILT_STRESS_SCALE", "1"))
WRITES = max(5000, int(200000 * SCALE))

class Reading:
    def __init__(self, k, i):
        self.k = k
        self.i = i
        self.label = "w%d-%d" % (k, i)
        self.values = [i, str(i)]

class Station:
    def __init__(self):
        self.latest = Reading(0, 0)
        self.history = (self.latest,)

station = Station()
done = []

def writer(k):
    for i in range(WRITES):
        r = Reading(k, i)
        station.latest = r                            # instance __dict__ store
        if i % 16 == 0:
            station.history = (r, station.history[0])  # a fresh tuple too
    done.append(k)

def reader():
    seen = 0
    while len(done) < 2:
        r = station.latest
        assert r.label == "w%d-%d" % (r.k, r.i) and r.values == [r.i, str(r.i)], r.label
        h = station.history
        assert len(h) in (1, 2) and isinstance(h[0], Reading)
        d = vars(station)
        assert "latest" in d
        seen += 1
    assert seen > 0

before = gilt._live_objects()
ts = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
ts += [threading.Thread(target=reader) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
del ts, t
left = gilt._live_objects() - before
assert -10 < left < 200, left
print("ok")
