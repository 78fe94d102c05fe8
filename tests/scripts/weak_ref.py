# weakref.ref: calling, callbacks, identity, equality and hashing, counts, reprs,
# the types that support weak references and the errors for those that do not.
import gc
import weakref


class C:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return "C(%d)" % self.n


def shape(r):
    """A repr with its addresses hidden."""
    s, out, i = repr(r), "", 0
    while i < len(s):
        if s.startswith("0x", i):
            out += "ADDR"
            i += 2
            while i < len(s) and s[i] in "0123456789abcdef":
                i += 1
        else:
            out += s[i]
            i += 1
    return out


print("--- basics")
c = C(1)
r = weakref.ref(c)
print(r() is c, r(), type(r).__name__, type(r) is weakref.ReferenceType)
print(weakref.ref(c) is r, weakref.getweakrefcount(c))
print(shape(r))
del c
print(r(), shape(r), weakref.getweakrefcount(C(0)))

print("--- callbacks")
log = []
c = C(2)
r1 = weakref.ref(c, lambda wr: log.append(("first", wr is r1, wr())))
r2 = weakref.ref(c, lambda wr: log.append(("second", wr is r2, wr())))
plain = weakref.ref(c)
print(r1 is not r2, r1.__callback__ is not None, plain.__callback__)
print(weakref.getweakrefcount(c), len(weakref.getweakrefs(c)), weakref.getweakrefs(c)[0] is plain)
del c
print(log)            # the newest callback first, each once, the referent gone
print(r1(), r2(), r1.__callback__, weakref.getweakrefcount(r1))
c = C(3)
rn = weakref.ref(c, None)   # a None callback is no callback
print(rn is weakref.ref(c), rn.__callback__)
# a ref that dies before its referent never calls back
c = C(4)
r = weakref.ref(c, lambda wr: print("never"))
del r
del c
print("no callback ran")

print("--- refs to instances in lists")
items = [C(i) for i in range(6)]
refs = [weakref.ref(o) for o in items]
del items[::2]
print([wr() for wr in refs])
items.clear()
print([wr() for wr in refs])

print("--- equality and hashing")
a, b = C(5), C(5)
ra, rb = weakref.ref(a), weakref.ref(b)
print(ra == weakref.ref(a), ra == rb, ra != rb, hash(ra) == hash(a))
d = {ra: "a"}
print(d[weakref.ref(a)])
ra2 = weakref.ref(a, lambda wr: None)
del a
print(ra == ra, ra == ra2, ra != ra2, hash(ra) == hash(ra))   # the hash was kept
try:
    hash(ra2)
except TypeError as e:
    print(type(e).__name__, e)
print(ra == 1, ra != "x")

print("--- which objects")
class L(list): pass
class D(dict): pass
class S(str): pass
class I(int): pass
class T(tuple): pass
class E(Exception): pass
def gen():
    yield 1
def f():
    pass
ok = [set(), frozenset(), C(6), C, f, gen(), C(7).__repr__, len, L(), D(), S("s"), E(), weakref, lambda: 0, type]
for o in ok:
    print(type(o).__name__, weakref.ref(o)() is o)
bad = [1, True, "s", (1,), [1], {}, None, 1.5, b"x", bytearray(), range(3), object(),
       I(1), T(), 2 ** 100, ..., NotImplemented, weakref.ref(C(0))]
for o in bad:
    try:
        weakref.ref(o)
    except TypeError as e:
        print(type(e).__name__, e)

print("--- bad arguments")
for args in [(), (C(8), None, 1)]:
    try:
        weakref.ref(*args)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    weakref.ref(C(9), callback=None)
except TypeError as e:
    print(type(e).__name__, e)
c = C(10)
try:
    weakref.ref(c)(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    weakref.getweakrefcount()
except TypeError as e:
    print(type(e).__name__, e)
print(weakref.getweakrefcount(1), weakref.getweakrefs("s"))

print("--- cycles")
log = []
a, b = C(11), C(12)
a.other, b.other = b, a
ra = weakref.ref(a, lambda wr: log.append(("a", ra(), rb())))
rb = weakref.ref(b, lambda wr: log.append(("b", ra(), rb())))
del a, b
print(ra() is not None, log)
gc.collect()
print(ra(), rb(), sorted(log))   # every ref cleared before any callback ran
# a ref inside the garbage itself never calls back
x = C(13)
x.self = x
x.ref = weakref.ref(x, lambda wr: print("never"))
del x
gc.collect()
print("done")
weakref.ref([1, 2])
