# Concurrent dict inserts, deletes and lookups on one shared dict, while the table
# grows and shrinks under the readers.  Each writer owns its keys, so the final
# contents are exact; readers must only ever see a key with its own value.
import threading

WRITERS, KEYS, ROUNDS = 4, 500, 6
d = {}
stop = threading.Event()
bad = []

def writer(k):
    for r in range(ROUNDS):
        for i in range(KEYS):
            d["w%d-%d" % (k, i)] = (k, i, r)
        for i in range(0, KEYS, 2):
            del d["w%d-%d" % (k, i)]
        d.setdefault("shared", k)
        d.pop("gone%d" % k, None)

def reader():
    while not stop.is_set():
        for k in range(WRITERS):
            for i in range(1, KEYS, 97):
                v = d.get("w%d-%d" % (k, i))
                if v is not None and (v[0] != k or v[1] != i):
                    bad.append(v)
        for key, v in list(d.items()):
            if key != "shared" and key != "w%d-%d" % (v[0], v[1]):
                bad.append((key, v))

ws = [threading.Thread(target=writer, args=(k,)) for k in range(WRITERS)]
rs = [threading.Thread(target=reader) for _ in range(2)]
for t in rs + ws:
    t.start()
for t in ws:
    t.join()
stop.set()
for t in rs:
    t.join()
assert not bad, bad[:5]
expect = {"w%d-%d" % (k, i): (k, i, ROUNDS - 1) for k in range(WRITERS) for i in range(1, KEYS, 2)}
shared = d.pop("shared")
assert shared in range(WRITERS), shared
assert d == expect, (len(d), len(expect))
print("ok")
