# copy.copy and copy.deepcopy: containers, cycles, memo, user classes, hooks
import copy
from collections import deque, defaultdict, Counter, OrderedDict, namedtuple

a = [1, [2, 3], {'k': [4]}]
s = copy.copy(a); d = copy.deepcopy(a)
a[1].append('x'); a[2]['k'].append('y')
print(s, d, s[1] is a[1], d[1] is a[1])
t = (1, 2, 'x'); print(copy.copy(t) is t, copy.deepcopy(t) is t, copy.deepcopy((1, [2]))[1] is (1, [2])[1])
cyc = [1]; cyc.append(cyc)
cc = copy.deepcopy(cyc); print(cc, cc[1] is cc, cc is not cyc)
shared = [0]; pair = [shared, shared]; dp = copy.deepcopy(pair); print(dp[0] is dp[1], dp[0] is shared)
memo = {}; x = [1]; y1 = copy.deepcopy(x, memo); y2 = copy.deepcopy(x, memo); print(y1 is y2, id(x) in memo)
print(copy.copy({1, 2}), copy.deepcopy(frozenset([1])), copy.copy(5), copy.copy('s'), copy.copy(None), copy.deepcopy(len) is len)

class Point:
    def __init__(self, x, y):
        print('init called')
        self.x, self.y = x, y
    def __repr__(self):
        return f'Point({self.x}, {self.y})'
p = Point(1, [2])
q = copy.copy(p); r = copy.deepcopy(p)
p.y.append(3)
print(q, r, q.y is p.y, r.y is p.y, type(r).__name__)

class Node:
    def __init__(self, name):
        self.name = name
        self.links = []
n1, n2 = Node('a'), Node('b'); n1.links.append(n2); n2.links.append(n1)
m1 = copy.deepcopy(n1); print(m1.name, m1.links[0].name, m1.links[0].links[0] is m1, m1 is not n1)

class Hooked:
    def __init__(self, v):
        self.v = v
    def __copy__(self):
        print('__copy__')
        return Hooked(self.v)
    def __deepcopy__(self, memo):
        print('__deepcopy__', type(memo).__name__)
        return Hooked(copy.deepcopy(self.v, memo))
h = Hooked([1]); h2 = copy.copy(h); h3 = copy.deepcopy(h); print(h2.v is h.v, h3.v is h.v, h3.v)

class MyList(list):
    pass
ml = MyList([1, [2]]); ml.tag = 't'
c1, c2 = copy.copy(ml), copy.deepcopy(ml)
print(type(c1).__name__, c1, c1.tag, c2, c2[1] is ml[1], c1[1] is ml[1])

dq = deque([[1], [2]], maxlen=5); dc = copy.copy(dq); dd = copy.deepcopy(dq)
print(dc, dd, dd[0] is dq[0], dc[0] is dq[0], dd.maxlen)
df = defaultdict(list, a=[1]); dfc = copy.deepcopy(df); dfc['a'].append(2); dfc['new']
print(df, dfc, copy.copy(df))
print(copy.deepcopy(Counter('aab')), copy.copy(OrderedDict(a=1)))
P2 = namedtuple('P2', 'x y'); pt = P2([1], 2)
print(copy.copy(pt), copy.deepcopy(pt), copy.deepcopy(pt).x is pt.x)
print(issubclass(copy.Error, Exception))
