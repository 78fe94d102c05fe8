# Readers walk a list while writers change it under them (until the readers are done): items are replaced by
# fresh objects (so the old ones are really freed), appended, popped, inserted and
# sliced out.  No reader may crash or see a freed item, whatever it does with the
# list: repr, copies, ==, in, index, count, join, sorted, iteration, + and *.
# A second list is only ever replaced whole (g[:] = ...), so a copy taken in one
# step -- g[:], list(g), tuple(g), g.copy(), g + g, g * 2, sorted(g), join, [*g],
# g.extend(g) -- must show one generation, never a mix of two.
import threading

N, READS = 96, 200

class Box:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, Box) and self.v == other.v
    __hash__ = None
    def __repr__(self):
        return "Box(%s)" % self.v

def fresh(i):
    return str(i) * 3

def fresh_obj(i):
    return (str(i), i) if i % 2 else Box(str(i) * 2)

strs = [fresh(i) for i in range(N)]
objs = [fresh_obj(i) for i in range(N)]

def make_gen(g):
    return ["%d-%d" % (g, j) for j in range(8 + g % 5)]

gen = make_gen(0)
done = threading.Event()
bad = []

def guarded(f):
    # an exception in any thread fails the test
    def run(*args):
        try:
            f(*args)
        except BaseException as e:
            bad.append((f.__name__, repr(e)))
            done.set()
    return run

def change(lst, make, k, r):
    x = k * 100000 + r
    try:
        lst[r % N] = make(x)
    except IndexError:
        pass
    lst.append(make(x + 1))
    lst.insert(r % 7, make(x + 2))
    del lst[2:4]
    lst[1:1] = [make(x + 3), make(x + 4)]
    try:
        lst.pop()
        lst.pop(0)
    except IndexError:
        pass
    if r % 50 == 0:
        try:
            lst.remove(lst[len(lst) // 2])   # another writer may take it first
        except (ValueError, IndexError):
            pass
        lst.append(make(x + 5))

@guarded
def writer(k):
    r = 0
    while not done.is_set():
        r += 1
        change(strs, fresh, k, r)
        change(objs, fresh_obj, k, r)

@guarded
def replacer():
    # the tightest loop: every store frees the item it replaces
    r = 0
    while not done.is_set():
        r += 1
        try:
            strs[r % N] = fresh(r)
            objs[r % N] = fresh_obj(r)
        except IndexError:
            pass

@guarded
def regen():
    global gen
    g = 0
    while not done.is_set():
        g += 1
        gen[:] = make_gen(g)
        if g % 3 == 0:
            gen.extend(gen)

def one_gen(what, items, may_double=False):
    if not items:
        bad.append((what, "empty"))
        return
    g = items[0].split("-")[0]
    if any(x.split("-")[0] != g for x in items):
        bad.append((what, "mixed", items))
        return
    n = len(make_gen(int(g)))
    if len(items) != n and not (may_double and len(items) == 2 * n):
        bad.append((what, "length", len(items), n))

def halves(what, r):
    h = len(r) // 2
    if len(r) % 2 or any(r[i] is not r[h + i] for i in range(h)):
        bad.append((what, "torn", len(r)))

def read_strs():
    probe = fresh(7)
    repr(strs)
    c = strs[:]
    if any(type(x) is not str for x in c):
        bad.append(("slice", "type"))
    list(strs) == strs
    tuple(strs)
    strs.copy() != strs
    strs == c
    probe in strs
    try:
        strs.index(probe)
    except ValueError:
        pass
    strs.count(probe)
    "".join(strs)
    sorted(strs)
    for x in strs:
        if type(x) is not str:
            bad.append(("iter", "type"))
    for x in reversed(strs):
        if type(x) is not str:
            bad.append(("reversed", "type"))
    halves("+", strs + strs)
    halves("*", strs * 2)
    max(strs), min(strs), any(strs), all(strs)
    [*strs]

def read_objs():
    probe = Box(str(5) * 2)
    repr(objs)
    c = objs[:]
    objs == c
    c == objs
    probe in objs
    try:
        objs.index(probe)
    except ValueError:
        pass
    objs.count(probe)
    for x in objs:
        if type(x) not in (tuple, Box):
            bad.append(("iter", "type", type(x)))
    halves("+", objs + objs)
    halves("*", 2 * objs)
    str(objs[::-2])

def read_gen():
    one_gen("slice", gen[:], True)
    one_gen("list", list(gen), True)
    one_gen("tuple", tuple(gen), True)
    one_gen("copy", gen.copy(), True)
    one_gen("sorted", sorted(gen), True)
    one_gen("unpack", [*gen], True)
    one_gen("join", "|".join(gen).split("|"), True)
    r = gen + gen
    halves("gen+", r)
    one_gen("gen+", r[:len(r) // 2], True)
    r = gen * 2
    halves("gen*", r)
    one_gen("gen*", r[:len(r) // 2], True)

@guarded
def reader():
    for _ in range(READS):
        read_strs()
        read_objs()
        read_gen()

ws = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
ws.append(threading.Thread(target=replacer))
ws.append(threading.Thread(target=regen))
rs = [threading.Thread(target=reader) for _ in range(2)]
for t in ws + rs:
    t.start()
for t in rs:
    t.join()
done.set()
for t in ws:
    t.join()
assert not bad, bad[:5]
assert all(type(x) is str for x in strs)
print("ok")
