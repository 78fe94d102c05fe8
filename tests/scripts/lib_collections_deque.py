# collections.deque: both ends, maxlen, indexing, rotation, comparisons,
# operators, iteration and CPython's errors
from collections import deque
d = deque([1, 2, 3])
print(d, len(d), bool(d), deque(), bool(deque()), deque('abc'), deque(range(3)))
d.append(4); d.appendleft(0); print(d)
print(d.pop(), d.popleft(), d)
d.extend('ab'); d.extendleft([8, 9]); print(d)
d.rotate(); print(d); d.rotate(-2); print(d); d.rotate(0); d.rotate(15); print(d)
print(d[0], d[-1], d[3], 2 in d, 'z' in d, d.count(2), d.index('a'))
d[0] = 'X'; del d[1]; del d[-1]; print(d)
b = deque(range(5), maxlen=3); print(b, b.maxlen, deque().maxlen)
b.append(9); print(b); b.appendleft(7); print(b); b.extend([10, 11]); print(b); b.extendleft('xy'); print(b)
z = deque(maxlen=0); z.append(1); z.extend([1, 2]); print(z, len(z))
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) != deque([2, 1]), deque([1, 2]) < deque([1, 3]), deque([1]) <= deque([1]), deque([2]) > deque([1, 5]))
print(deque([1, 2]) == [1, 2], deque([1]) + deque([2]), deque([1, 2]) * 2, 3 * deque('a'), deque([1, 2]) * 0, deque([1, 2], maxlen=3) * 2)
e = deque([1]); e += [2, 3]; e *= 2; print(e); e += e; print(e, len(e))
print(list(reversed(deque([1, 2, 3]))), [x * 2 for x in deque([1, 2])], sorted(deque([3, 1, 2])), sum(deque(range(5))))
x = deque([1]); x.append(x); print(x)
d = deque(range(10)); d.remove(3); d.insert(2, 'i'); d.insert(-1, 'j'); d.insert(100, 'k'); d.insert(-100, 'l'); print(d)
print(d.index(5), d.index(5, 3), d.index(5, -8), d.index(5, -8, -2)); d.reverse(); print(d)
c = d.copy(); print(c == d, c is d, d.__copy__() == d)
d.clear(); print(d, len(d))
w = deque([1, 2], maxlen=2); print(w.copy(), deque(w, 5), deque(maxlen=4, iterable='ab'))
class MyDeque(deque):
    def first(self):
        return self[0]
m = MyDeque([1, 2], 5); m.append(3); print(m, m.copy(), type(m.copy()).__name__, m.first(), isinstance(m, deque))
print(type(deque()), type(deque()).__name__, deque.__module__ if hasattr(deque, '__module__') else '')
big = deque()
for i in range(10000):
    big.append(str(i))
for i in range(9990):
    big.popleft()
print(big, len(big))
q = deque()
for i in range(100):
    q.appendleft(i)
    if i % 3 == 0:
        q.pop()
print(len(q), q[0], q[-1], list(q)[:5])
it = iter(deque([1, 2])); print(next(it), list(it))
r = deque([1, 2, 3]); r.__init__([9]); print(r)
s = deque(range(5)); print(list(s), tuple(s), sorted(s, reverse=True), [*s], set(s), max(s))
acc = []; acc.extend(s); acc += s; print(acc)

def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
check(lambda: deque().pop())
check(lambda: deque().popleft())
check(lambda: deque([1])[5])
check(lambda: deque([1])[-2])
check(lambda: deque([1])['a'])
check(lambda: deque([1])[0:1])
def setbad():
    dd = deque([1]); dd[3] = 0
check(setbad)
def delbad():
    dd = deque([1]); del dd[3]
check(delbad)
check(lambda: deque([1]).remove(5))
check(lambda: deque([1]).index(5))
check(lambda: deque([1], maxlen=1).insert(0, 2))
check(lambda: deque([1], maxlen=-1))
check(lambda: deque([1], maxlen='a'))
check(lambda: deque(1))
check(lambda: deque([1], 2, 3))
check(lambda: hash(deque()))
check(lambda: deque([1]) + [2])
check(lambda: deque([1]) < [2])
check(lambda: deque().rotate('a'))
def grow():
    dd = deque([1, 2, 3])
    for v in dd:
        dd.append(v)
check(grow)
def shrink():
    dd = deque([1, 2, 3])
    for v in dd:
        if v == 3:
            dd.pop()
check(shrink)
def assign_ok():
    dd = deque([1, 2, 3])
    for i, v in enumerate(dd):
        dd[i] = v * 10
    return dd
check(assign_ok)
check(lambda: deque([1]).maxlen.bit_length())
def setmax():
    deque().maxlen = 3
check(setmax)
deque([1, 2]).popleft() + deque().popleft()
