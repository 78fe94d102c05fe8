# Readers walk a dict while writers change it under them (until the readers are
# done): values are replaced by fresh objects (so the old ones are really freed),
# keys are inserted and deleted, so the table is rebuilt under the readers.  No
# reader may crash or see a freed key or value: repr, copies, items(), values(),
# views, ==, iteration (which may raise "changed size during iteration", as in
# CPython).  A second dict only ever changes by update() from a dict of the same keys
# (one generation at a time), so a copy taken in one step -- d.copy(), dict(d),
# {**d}, list(d.items()), list(d.values()) -- must show one generation.
import threading

KEYS, READS = 64, 250

class Val:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, Val) and self.v == other.v
    __hash__ = None
    def __repr__(self):
        return "Val(%s)" % self.v

def fresh(i):
    return (str(i) * 2, i) if i % 2 else Val(str(i) * 3)

shared = {"k%d" % i: fresh(i) for i in range(KEYS)}
gen = {"g%d" % i: "0-%d" % i for i in range(KEYS)}
done = threading.Event()
bad = []

def guarded(f):
    def run(*args):
        try:
            f(*args)
        except BaseException as e:
            bad.append((f.__name__, repr(e)))
            done.set()
    return run

@guarded
def replacer():
    r = 0
    while not done.is_set():
        r += 1
        shared["k%d" % (r % KEYS)] = fresh(r)

@guarded
def churner(k):
    r = 0
    while not done.is_set():
        r += 1
        for i in range(20):
            shared["t%d-%d" % (k, i)] = fresh(r + i)
        for i in range(20):
            del shared["t%d-%d" % (k, i)]
        shared.pop("k%d" % (r % KEYS), None)
        shared.setdefault("k%d" % (r % KEYS), fresh(r))

@guarded
def regen():
    g = 0
    while not done.is_set():
        g += 1
        gen.update({"g%d" % i: "%d-%d" % (g, i) for i in range(KEYS)})

def one_gen(what, values):
    values = list(values)
    gs = set(v.split("-")[0] for v in values)
    if len(values) != KEYS or len(gs) != 1:
        bad.append((what, len(values), sorted(gs)[:3]))

def check_value(what, v):
    if type(v) is tuple:
        if len(v) != 2 or type(v[0]) is not str:
            bad.append((what, "tuple", v))
    elif type(v) is not Val or type(v.v) is not str:
        bad.append((what, "value", type(v)))

def read_shared():
    repr(shared)
    c = shared.copy()
    for k, v in c.items():
        check_value("copy", v)
    dict(shared)
    {**shared}
    for k, v in list(shared.items()):
        if type(k) is not str:
            bad.append(("items", "key", type(k)))
        check_value("items", v)
    for v in list(shared.values()):
        check_value("values", v)
    list(shared)
    sorted(shared)
    set(shared)
    shared == c
    c == shared
    repr(shared.keys()), repr(shared.values()), repr(shared.items())
    try:
        fresh(3) in shared.values()     # iterates, running Val.__eq__
    except RuntimeError:
        pass
    ("k3", fresh(3)) in shared.items()
    len(shared), len(shared.items())
    try:
        for k in shared:
            if type(k) is not str:
                bad.append(("iter", "key"))
    except RuntimeError:
        pass
    try:
        for k, v in shared.items():
            check_value("iter items", v)
    except RuntimeError:
        pass
    try:
        for v in shared.values():
            check_value("iter values", v)
    except RuntimeError:
        pass
    shared.get("k5")
    "k6" in shared

def read_gen():
    one_gen("copy", gen.copy().values())
    one_gen("dict", dict(gen).values())
    one_gen("splat", {**gen}.values())
    one_gen("items", [v for k, v in list(gen.items())])
    one_gen("values", list(gen.values()))
    one_gen("or", (gen | {}).values())

@guarded
def reader():
    for _ in range(READS):
        read_shared()
        read_gen()

ws = [threading.Thread(target=replacer), threading.Thread(target=regen)]
ws += [threading.Thread(target=churner, args=(k,)) for k in range(2)]
rs = [threading.Thread(target=reader) for _ in range(2)]
for t in ws + rs:
    t.start()
for t in rs:
    t.join()
done.set()
for t in ws:
    t.join()
assert not bad, bad[:5]
assert all(("k%d" % i) in shared for i in range(KEYS))
print("ok")
