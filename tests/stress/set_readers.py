# Readers walk a set while writers change it under them (until the readers are
# done): keys are fresh strings, tuples and instances with a Python __hash__ and
# __eq__, added and discarded so the table is rebuilt under the readers.  No reader
# may crash or see a freed key: repr, copies, the algebra, comparisons, `in`,
# iteration (which may raise "Set changed size during iteration", as in CPython).
# A second set only ever swaps one key for another (s ^= {old, new}, which holds the
# set's lock), so its size never changes: every copy taken in one step -- set(s),
# s.copy(), frozenset(s), list(s), sorted(s), s | s, s & s, s - t -- has that size.
import threading

SIZE, READS = 40, 2000

class Key:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, other):
        return isinstance(other, Key) and self.v == other.v
    def __repr__(self):
        return "Key(%s)" % self.v

def fresh(i):
    k = i % 3
    return str(i) * 3 if k == 0 else (str(i), i) if k == 1 else Key(str(i) * 2)

shared = {fresh(i) for i in range(SIZE)}
swapped = {"s%d" % i for i in range(SIZE)}
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
def churner(k):
    global shared          # |= and -= change the set in place, and rebind the name
    r = 0
    while not done.is_set():
        r += 1
        mine = [fresh(k * 1000003 + r * 31 + i) for i in range(12)]
        for x in mine:
            shared.add(x)
        for x in mine:
            shared.discard(x)
        shared |= {fresh(r)}
        shared -= {fresh(r)}

@guarded
def swapper():
    global swapped
    r = SIZE
    present = sorted(swapped)
    while not done.is_set():
        old = present[r % SIZE]
        new = "s%d" % r
        swapped ^= {old, new}
        present[r % SIZE] = new
        r += 1

def check_keys(what, keys):
    for x in keys:
        if type(x) is Key:
            if type(x.v) is not str:
                bad.append((what, "Key", type(x.v)))
        elif type(x) is tuple:
            if len(x) != 2:
                bad.append((what, "tuple"))
        elif type(x) is not str:
            bad.append((what, "type", type(x)))

def read_shared():
    repr(shared)
    c = shared.copy()
    check_keys("copy", c)
    check_keys("set", set(shared))
    check_keys("list", list(shared))
    frozenset(shared)
    tuple(shared)
    probe = fresh(5)
    probe in shared
    shared | c, shared & c, shared - c, shared ^ c, c - shared
    shared == c, shared <= c, shared >= c, shared < c, c.isdisjoint(shared)
    shared.union(c), shared.intersection(c), shared.difference(c), shared.symmetric_difference(c)
    shared.issubset(c), shared.issuperset(c)
    len(shared)
    try:
        for x in shared:
            check_keys("iter", [x])
    except RuntimeError:
        pass

def sized(what, s):
    if len(s) != SIZE:
        bad.append((what, len(s)))

def read_swapped():
    sized("set", set(swapped))
    sized("copy", swapped.copy())
    sized("frozenset", frozenset(swapped))
    sized("list", list(swapped))
    sized("tuple", tuple(swapped))
    sized("sorted", sorted(swapped))
    sized("|", swapped | swapped)
    sized("&", swapped & swapped)
    sized("-", swapped - {"nothing"})
    sized("union", swapped.union())
    sized("repr", repr(swapped).split(", "))

@guarded
def reader():
    for _ in range(READS):
        read_shared()
        read_swapped()

ws = [threading.Thread(target=churner, args=(k,)) for k in range(2)]
ws.append(threading.Thread(target=swapper))
rs = [threading.Thread(target=reader) for _ in range(2)]
for t in ws + rs:
    t.start()
for t in rs:
    t.join()
done.set()
for t in ws:
    t.join()
assert not bad, bad[:5]
assert len(swapped) == SIZE
print("ok")
