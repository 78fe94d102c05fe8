# WeakValueDictionary, WeakKeyDictionary, WeakSet and finalize: entries vanish when
# what they hold weakly dies; finalizers run once, at death, on call, or at exit.
import gc
import weakref


class C:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return "C(%d)" % self.n


print("--- WeakValueDictionary")
objs = [C(i) for i in range(6)]
d = weakref.WeakValueDictionary()
for o in objs:
    d["k%d" % o.n] = o
del o
print(len(d), sorted(d), d["k2"], d.get("k9", "missing"))
del objs[0:3]
print(len(d), sorted(d), "k1" in d, "k4" in d, d.get("k1"))
try:
    d["k1"]
except KeyError as e:
    print(type(e).__name__, e)
keep = C(40)
d["k4"] = keep           # replacing a value: the old one's death must not remove it
del objs[1]
print(sorted(d.items(), key=lambda kv: kv[0]), sorted(v.n for v in d.values()))
print(d.pop("k5"), d.pop("nope", "dflt"), d.setdefault("k4", None), len(d))
del d["k4"]
print(len(d), dict(d.items()))
try:
    d.pop("k4")
except KeyError as e:
    print(type(e).__name__, e)
try:
    d["x"] = 1
except TypeError as e:
    print(type(e).__name__, e)
d2 = weakref.WeakValueDictionary({"a": keep})
print(list(d2.items()), len(d2.copy()))
del keep
print(len(d2))
del d2   # the dictionary may die before its values

print("--- WeakKeyDictionary")
k = weakref.WeakKeyDictionary()
a, b = C(1), C(2)
k[a] = "one"
k[b] = "two"
print(len(k), k[a], a in k, 1 in k, sorted(k.values()))
del a
print(len(k), [(o, v) for o, v in k.items()], k.get(b), k.setdefault(b, "x"))
print(k.pop(b), len(k))
try:
    k[C(3)]
except KeyError as e:
    print(type(e).__name__)
try:
    k[[1]] = 1
except TypeError as e:
    print(type(e).__name__, e)

print("--- WeakSet")
s = weakref.WeakSet()
items = [C(i) for i in range(4)]
s.update(items)
print(len(s), items[0] in s, C(9) in s, "x" in s)
del items[:2]
print(len(s), sorted(o.n for o in s))
s.discard(items[0])
print(len(s), list(s))
try:
    s.remove(C(8))
except KeyError:
    print("KeyError")
try:
    s.add(1)
except TypeError as e:
    print(type(e).__name__, e)

print("--- finalize")
o = C(1)
f = weakref.finalize(o, print, "finalized", 1, sep=": ")
print(f.alive, f.atexit, f.peek()[1:] == (print, ("finalized", 1), {"sep": ": "}))
del o
print(f.alive, f(), f.peek(), f.detach())
o = C(2)
f = weakref.finalize(o, lambda x: x * 2, 21)
print(f(), f.alive, f())     # called early: once only, and not again at death
del o
o = C(3)
f = weakref.finalize(o, print, "never")
print(f.detach()[1:3], f.alive)
del o
# a cycle: the finalizer runs when the collector frees it
a = C(4)
a.me = a
weakref.finalize(a, print, "cycle collected")
del a
gc.collect()
# at exit, newest first, unless atexit was cleared
keep1, keep2, keep3 = C(5), C(6), C(7)
weakref.finalize(keep1, print, "exit 1")
weakref.finalize(keep2, print, "exit 2")
weakref.finalize(keep3, print, "not at exit").atexit = False
print("end of script")
