# Small tuples are reused from a per-thread cache of freed blocks (runtime/alloc.h):
# a reused block must hold exactly its new items, the collector must still see the
# tuple (it is a container), and subclasses (namedtuple, user subclasses) and big
# tuples, which have other sizes, never enter the cache.
import gc
import weakref
from collections import namedtuple

def churn(n):
    for i in range(n):
        t = tuple(range(i % 10))
        u = (i, -i)
        v = (t, u, (i,))
    return t, u, v

print(churn(1000))
for n in range(12):
    churn(30)
    t = tuple(str(k) for k in range(n))
    print(n, t, len(t), t == tuple(map(str, range(n))), hash(t) == hash(tuple(map(str, range(n)))))

P = namedtuple("P", "x y z")
class T(tuple):
    def total(self):
        return sum(self)

for k in range(300):
    p = P(k, k + 1, k + 2)
    s = T((k, 1, 2))
    big = tuple(range(k % 40))
    pair = (p, s)
    del p, s, big, pair
p, s = P(1, 2, 3), T((4, 5, 6))
print(p, p.y, s, s.total(), type(s).__name__, isinstance(p, tuple), p + s, s[1:])

# cycles through small tuples are still found and freed
class Node:
    pass

refs = []
for k in range(200):
    a = Node()
    a.link = (a, k)          # a 2-tuple in a cycle with its node
    refs.append(weakref.ref(a))
    b = [None]
    b[0] = (b,)              # a list and a 1-tuple in a cycle
del a, b
gc.collect()
print(sum(r() is not None for r in refs))
x = (1.5, 2, "s")
y = tuple([1.5, 2, "s"])
print(x == y, x is not y, [t for t in [(1, 2), (3,), ()] if len(t) != 1], (1, (2, (3, (4,)))))
