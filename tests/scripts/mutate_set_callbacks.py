# Callbacks (__eq__, __hash__, __repr__) that change the set being copied, combined,
# compared or printed.  Nothing may crash; the outcomes are CPython's.  Copies and
# the algebra of two sets use the hashes the sets already store: __hash__ is not
# called for them.

class Key:
    hashes = 0
    eqs = 0
    def __init__(self, name, h=None):
        self.name = name
        self.h = hash(name) if h is None else h
    def __hash__(self):
        Key.hashes += 1
        return self.h
    def __eq__(self, other):
        Key.eqs += 1
        return isinstance(other, Key) and self.name == other.name
    def __repr__(self):
        return "K(%s)" % self.name

def counts():
    r = (Key.hashes, Key.eqs)
    Key.hashes = Key.eqs = 0
    return r

ks = [Key(c * 3) for c in "abcde"]
s = set(ks[:4])
t = set(ks[2:])
print(len(s), len(t), counts())
print(len(s.copy()), len(set(s)), len(frozenset(s)), counts())
print(len(s | t), len(s & t), len(s - t), len(s ^ t), counts())
print(s <= t, s >= s.copy(), s == set(ks[:4]), s != t, s.isdisjoint(t), counts())
print(len(s.union(t)), len(s.intersection(t)), len(s.difference(t)), len(s.symmetric_difference(t)), counts())
u = set(s)
u |= t
u -= {ks[0]}
u ^= {ks[1], ks[4]}
u &= t
print(len(u), counts())
d = dict.fromkeys(ks)
counts()
print(len(set(d)), len(s.union(d)), len(s.difference(d)), len(s.intersection(d)), counts())
print(ks[0] in s, ks[4] in s, counts())

# which of two equal keys a result keeps
print({1} & {1.0}, {1.0} & {1, 2}, {1} | {1.0}, {1, 2} - {2.0}, {1} ^ {1.0, 3})
print({1}.intersection([1.0]), {1.0, 2}.intersection([1, True]), set([1]).union([1.0]))

# __eq__ that empties a set while it is being looked up or combined
class EqClears:
    def __init__(self, name, *targets):
        self.name, self.targets = name, targets
    def __hash__(self):
        return 5
    def __eq__(self, other):
        for t in self.targets:
            t.clear()
        return False
    def __repr__(self):
        return "EC(%s)" % self.name

a = set()
a.add(EqClears("one", a))
a.add(EqClears("two", a))
print(a)
a = set()
a.add(EqClears("one", a))
print(EqClears("probe", a) in a, a)
a = set()
a.add(EqClears("one", a))
a.discard(EqClears("probe", a))
print(a)
a = set()
b = set()
a.add(EqClears("one", b))
b.add(EqClears("two"))
print(a & b, a, b)
a = set()
b = set()
a.add(EqClears("one", a))
b.add(EqClears("two"))
print(a | b, a, b)
a = set()
b = set()
a.add(EqClears("one", a))
b.add(EqClears("two"))
print(a - b, a <= b, a, b)
a = set()
a.add(EqClears("one", a))
a.update([EqClears("two")])
print(a)

# repr while an element's __repr__ empties the set
class ReprClears:
    def __init__(self, target):
        self.target = target
    def __repr__(self):
        self.target.clear()
        return "RC"
    def __hash__(self):
        return 1
s = set()
s.add(ReprClears(s))
print(repr(s), s)
f = frozenset([ReprClears(set())])
print(repr(f))

# iteration while the set changes size
s = {str(i) * 2 for i in range(5)}
try:
    for x in s:
        s.add(x + "y")
except RuntimeError as e:
    print("RuntimeError:", e)
it = iter(s)
s.pop()
try:
    next(it)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    next(it)
except RuntimeError as e:
    print("again RuntimeError:", e)
s = set(range(100))
s -= set(range(90))
print(s)
s = set(range(100))
s ^= set(range(5, 100))
print(s)
s = set(range(20))
s &= set([3, 19, 7])    # (not a literal: CPython rebuilds constant sets)
print(s)
