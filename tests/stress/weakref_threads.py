# Weak references while their referents die in other threads: the race of a ref call
# in one thread against the last strong reference dropped in another.  A call must
# give a whole object (attributes intact, repr works) or None -- never freed memory.
# Makers create heap objects and publish weak refs to them; droppers release the
# strong references; readers call the refs and use what they get, and look entries
# up in a WeakValueDictionary whose values die meanwhile.  Callbacks count deaths:
# every object's callback runs exactly once.  Every other round the objects are in
# cycles (each holds itself), so the collector -- run by another thread meanwhile --
# is what frees them and clears their refs.
import gc
import os
import threading
import weakref

SCALE = float(os.environ.get("GILT_STRESS_SCALE", "1"))
ROUNDS = max(3, int(30 * SCALE))
PER_ROUND = max(200, int(2000 * SCALE))
READERS = 3


class Node:
    def __init__(self, i):
        self.i = i
        self.name = "node%d" % i          # heap str: its refcount matters too
        self.payload = [i, i + 1]

    def __repr__(self):
        return "Node(%s)" % self.name


deaths = []                                 # list.append is atomic
wvd = weakref.WeakValueDictionary()


def died(wr):
    deaths.append(1)


def check(o):
    assert o.name == "node%d" % o.i and o.payload == [o.i, o.i + 1], o
    assert repr(o) == "Node(node%d)" % o.i


def one_round(r):
    strong = [Node(r * PER_ROUND + i) for i in range(PER_ROUND)]
    if r % 2:
        for o in strong:
            o.me = o                        # a cycle: only the collector frees it
    refs = [weakref.ref(o, died) for o in strong]
    for o in strong:
        wvd[o.i] = o
    del o                                   # the loop's last value holds one too
    start = threading.Barrier(READERS + 2 + (r % 2))

    def drop_half(lo):                      # drops the strong refs from another thread
        start.wait()
        for i in range(lo, len(strong), 2):
            strong[i] = None

    def read():
        start.wait()
        for _ in range(3):
            for wr in refs:
                o = wr()
                if o is not None:
                    check(o)
                    got = wvd.get(o.i)
                    assert got is None or got is o
                repr(wr)                    # alive or dead, never a crash
            for k in range(r * PER_ROUND, (r + 1) * PER_ROUND, 7):
                o = wvd.get(k)
                if o is not None:
                    check(o)

    def collect():
        for _ in range(3):
            gc.collect()

    ts = [threading.Thread(target=drop_half, args=(0,)), threading.Thread(target=drop_half, args=(1,))]
    ts += [threading.Thread(target=read) for _ in range(READERS)]
    if r % 2:
        ts.append(threading.Thread(target=lambda: (start.wait(), collect())))
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert all(s is None for s in strong)
    gc.collect()                            # the cycles left, if the collector missed them
    assert all(wr() is None for wr in refs), "a ref outlived its object"
    del strong


for r in range(ROUNDS):
    one_round(r)
assert len(deaths) == ROUNDS * PER_ROUND, (len(deaths), ROUNDS * PER_ROUND)
assert len(wvd) == 0, len(wvd)
print("ok")
