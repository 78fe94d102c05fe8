# Callbacks (__eq__, __lt__, __repr__, key=) that change the very list being
# compared, searched, printed or sorted.  Nothing may crash; the outcomes are
# CPython's.  The items are fresh strings and instances, so an item freed too early
# is really freed.

class Clears:
    """== clears the lists it is given, then says True."""
    def __init__(self, *targets):
        self.targets = targets
    def __eq__(self, other):
        for t in self.targets:
            t.clear()
        return True
    __hash__ = None
    def __repr__(self):
        return "Clears"

def fresh(n):
    return [str(i) * 3 for i in range(n)]

# == and < while == empties one or both lists
a = [None] + fresh(5)
b = [None] + fresh(5)
a[0] = Clears(a, b)
b[0] = Clears()
print(a == b, a, b)
a = [None] + fresh(5)
b = [Clears()] + fresh(5)
a[0] = Clears(a)
print(a == b, a != b, len(a), len(b))
a = [None] + fresh(4)
b = ["x"] + fresh(4)
a[0] = Clears(a)
print(a < b, a <= b, a > b, a, len(b))

class Shrinks:
    """== pops the last item of a list and says the items differ."""
    def __init__(self, target):
        self.target = target
    def __eq__(self, other):
        if self.target:
            self.target.pop()
        return False
    def __lt__(self, other):
        self.target.append("tail" * 2)
        return True
    __hash__ = None
    def __repr__(self):
        return "Shrinks"

a = fresh(3)
b = fresh(3)
a[1] = Shrinks(b)
print(a < b, a, b)

# in, index, count, remove while == grows or empties the list
class Grows:
    def __init__(self, target, limit):
        self.target, self.limit, self.calls = target, limit, 0
    def __eq__(self, other):
        self.calls += 1
        if len(self.target) < self.limit:
            self.target.append(str(len(self.target)) * 2)
        return other == "needle"
    __hash__ = None

lst = fresh(3)
g = Grows(lst, 8)
print(g in lst, g.calls, lst)
lst = fresh(3) + ["needle"]
g = Grows(lst, 10)
print(lst.index(g), g.calls, len(lst))
lst = fresh(3)
g = Grows(lst, 6)
print(lst.count(g), g.calls, len(lst))
lst = fresh(4)
print(Clears(lst) in lst, lst)
lst = fresh(4)
print(lst.index(Clears(lst)), lst)
lst = fresh(4)
print(lst.count(Clears(lst)), lst)
lst = fresh(4)
lst.remove(Clears(lst))
print(lst)
lst = fresh(3) + ["needle"]
g = Grows(lst, 6)
lst.remove(g)
print(lst, g.calls)
try:
    lst.index(Grows(lst, 0))
except ValueError as e:
    print("ValueError", type(e).__name__)

# repr while __repr__ empties, shrinks or refills the list
class ReprClears:
    def __init__(self, target):
        self.target = target
    def __repr__(self):
        self.target.clear()
        return "RC"

class ReprSwaps:
    def __init__(self, target):
        self.target = target
    def __repr__(self):
        if len(self.target) > 2:
            self.target[2] = "swapped" * 2
            del self.target[-1]
        return "RS"

lst = fresh(2) + [None] + fresh(2)
lst[2] = ReprClears(lst)
print(repr(lst), lst)
lst = [None] + fresh(4)
lst[0] = ReprSwaps(lst)
print(repr(lst), lst)
t = (1, [None, "x" * 3], "end" * 2)
t[1][0] = ReprClears(t[1])
print(repr(t), t)

# sort: the list looks empty to key= and __lt__, and changing it is an error
class LtAppends:
    def __init__(self, v, target):
        self.v, self.target = v, target
    def __lt__(self, other):
        self.target.append(str(self.v) * 2)
        return self.v < other.v
    def __repr__(self):
        return "L%d" % self.v

lst = []
lst.extend(LtAppends(v, lst) for v in (3, 1, 2))
try:
    lst.sort()
except ValueError as e:
    print("ValueError:", e)
print(lst)

lst = fresh(5)
lst.reverse()
def key_clears(x):
    lst.clear()
    return x
try:
    lst.sort(key=key_clears)
    print("sorted", lst)
except ValueError as e:
    print("ValueError:", e)

lst = fresh(5)
seen = []
def key_looks(x):
    seen.append(len(lst))
    return x
lst.sort(key=key_looks, reverse=True)
print(lst, seen)

lst = fresh(4)
def key_extends(x):
    lst.extend(["a", "b"])
    return x
try:
    lst.sort(key=key_extends)
except ValueError as e:
    print("ValueError:", e, lst)

class LtRaises:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        raise KeyError(self.v)
    def __repr__(self):
        return "R%d" % self.v
lst = [LtRaises(2), LtRaises(1)]
try:
    lst.sort()
except KeyError as e:
    print("KeyError", e, lst)

# sorted() and min()/max() with a key that mutates the source list
src = fresh(5)
def key_pops(x):
    if src:
        src.pop()
    return x
print(sorted(src, key=key_pops), src)
src = fresh(6)
print(max(src, key=key_pops), src)

# + and * and slices are copies taken in one step
a = fresh(3)
print(a + a, a * 2, a[::-1], a[1:], len(a * 0))
a.extend(a)
print(a)
a = fresh(3)
a += a
print(a)
a = fresh(2)
a *= 3
print(a)
a = fresh(4)
a[1:3] = a
print(a)
