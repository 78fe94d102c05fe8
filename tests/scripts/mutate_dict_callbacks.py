# Callbacks (__eq__, __hash__, __repr__) that change the dict being compared,
# copied, printed or updated.  Nothing may crash; the outcomes are CPython's.
# Copies and merges use the hashes a dict already stores: __hash__ is not called.

class Key:
    """A key with a Python __hash__ and __eq__ that count their calls."""
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

d = {Key("a" * 3): "x" * 2, Key("b" * 3): "y" * 2, Key("c" * 3): "z" * 2}
print(counts()[0])
c = d.copy()
print(len(c), counts())
c = dict(d)
print(len(c), counts())
c = {**d}
print(len(c), counts())
c = d | {}
print(len(c), counts())
e = {"k": 1}
e.update(d)
print(len(e), counts())
print(list(d) == list(c), counts())
print(d == c, counts())
s = set(d)
print(len(s), counts())
print(len(list(d.items())), len(list(d.values())), counts())

# == while a value's __eq__ deletes from either dict
class ValDeletes:
    def __init__(self, target, key):
        self.target, self.key = target, key
    def __eq__(self, other):
        self.target.pop(self.key, None)
        return True
    __hash__ = None

a = {"p" * 2: None, "q" * 2: "one" * 2, "r" * 2: "two" * 2}
b = {"p" * 2: "zero" * 2, "q" * 2: "one" * 2, "r" * 2: "two" * 2}
a["pp"] = ValDeletes(b, "qq")
print(a == b, len(a), len(b))
a = {"p" * 2: None, "q" * 2: "one" * 2}
b = {"p" * 2: "zero" * 2, "q" * 2: "one" * 2}
a["pp"] = ValDeletes(a, "qq")
print(a == b, a != b, len(a), len(b))
a = {"p" * 2: None, "q" * 2: "one" * 2}
b = {"p" * 2: "zero" * 2, "q" * 2: "one" * 2}
a["pp"] = ValDeletes(a, "pp")
print(a == b, sorted(a), len(b))

# repr while a value's __repr__ deletes or replaces entries
class ReprDeletes:
    def __init__(self, target, keys):
        self.target, self.keys = target, keys
    def __repr__(self):
        for k in self.keys:
            self.target.pop(k, None)
        return "RD"

class ReprReplaces:
    def __init__(self, target):
        self.target = target
    def __repr__(self):
        for k in list(self.target):
            if k != "me":
                self.target[k] = "new" * 2
        return "RR"

d = {"a": "1" * 3, "me": None, "b": "2" * 3, "c": "3" * 3}
d["me"] = ReprDeletes(d, ["b", "me"])
print(repr(d), d)
d = {"a": "1" * 3, "me": None, "b": "2" * 3}
d["me"] = ReprReplaces(d)
print(repr(d), d)
d = {"me": None}
d["me"] = ReprDeletes(d, ["me"])
print(repr(d), d)

# update and lookups while a key's __eq__ changes the target dict
class EqClears:
    def __init__(self, name, target):
        self.name, self.target = name, target
    def __hash__(self):
        return 7
    def __eq__(self, other):
        self.target.clear()
        return False
    def __repr__(self):
        return "EC(%s)" % self.name

t = {}
t[EqClears("one", t)] = "first" * 2
src = {EqClears("two", t): "second" * 2}
t.update(src)
print(t)
t = {}
k1 = EqClears("one", t)
t[k1] = "v" * 3
print(EqClears("probe", t) in t, t)
t = {}
t[EqClears("one", t)] = "v" * 3
print(t.get(EqClears("probe", t), "missing"), t)

# iteration while the dict changes size
d = {str(i) * 2: i for i in range(5)}
try:
    for k in d:
        d[k + "x"] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
d = {str(i) * 2: i for i in range(5)}
try:
    for k, v in d.items():
        del d[k]
except RuntimeError as e:
    print("RuntimeError:", e)
d = {str(i) * 2: i for i in range(5)}
it = iter(d.values())
next(it)
d.pop("00")
try:
    next(it)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    next(it)
except RuntimeError as e:
    print("again RuntimeError:", e)
d = {str(i) * 2: i for i in range(4)}
for k in d:
    d[k] = str(d[k]) * 2
print(d)
d = {"a" * 2: 1, "b" * 2: 2}
try:
    for k in d:
        del d[k]
        d[k + "x"] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
print(d)
