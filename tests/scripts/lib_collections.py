# collections: namedtuple, defaultdict, Counter, OrderedDict, ChainMap (deque: lib_collections_deque)
from collections import namedtuple, OrderedDict, Counter, ChainMap, defaultdict, deque
P = namedtuple('Point', 'x y')
p = P(1, 2)
print(p, p.x, p.y, p[0], tuple(p), p == (1, 2), len(p), P.__name__, P)
try: p.x = 3
except AttributeError as e: print(e)
print(P.x, P.__doc__, P._make([1, 2]), p._replace(x=5), p._asdict(), P._fields, P._field_defaults)
for bad in [lambda: P(1), lambda: P(1,2,3), lambda: P(1,2,x=3), lambda: p._replace(z=1), lambda: P._make([1])]:
    try: bad()
    except (TypeError, ValueError) as e: print(type(e).__name__, e)
for args in [('P', 'a b a'), ('P', 'a _b'), ('P', 'a class'), ('1P', 'a'), ('P', ['a', 3]), ('P', 'a-b')]:
    try: namedtuple(*args)
    except (TypeError, ValueError) as e: print(type(e).__name__, e)
R = namedtuple('R', 'a class a _b', rename=True); print(R._fields)
D = namedtuple('D', ['a', 'b', 'c'], defaults=[2, 3]); print(D(1), D._field_defaults, D(1, c=9))
try: namedtuple('E', 'a', defaults=[1, 2])
except TypeError as e: print(e)
a, b = p; print(a, b, p + (3,), p * 2, sorted([P(2, 1), P(1, 5)]))
class Sub(P):
    def norm(self): return self.x ** 2 + self.y ** 2
print(Sub(3, 4).norm(), Sub(3, 4))
O = namedtuple('O', 'only'); print(O(1))
dd = defaultdict(list); dd['a'].append(1); dd['b']; print(dd, dd['a'], 'c' in dd, dd.get('c'), len(dd))
print(defaultdict(), defaultdict(int, {'x': 1}), defaultdict(int, x=2).copy())
try: defaultdict(3)
except TypeError as e: print(e)
d0 = defaultdict(); 
try: d0['k']
except KeyError as e: print('KeyError', e)
c = Counter('abracadabra'); print(c, c.most_common(2), c['z'], c.total(), sorted(c.elements()))
c.update('aaz'); c.subtract({'b': 5}); print(c, Counter(), Counter(a=3, b=-1))
x, y = Counter(a=3, b=1), Counter(a=1, b=2)
print(x + y, x - y, x & y, x | y, +Counter(a=-1, b=2), -Counter(a=-1, b=2))
print(Counter(a=1) == Counter(a=1, b=0), Counter(a=1) <= Counter(a=2), Counter([1, 1, 2]))
del c['nothere']; print(isinstance(c, dict), list(c.keys())[:3])
try: Counter.fromkeys('ab')
except NotImplementedError as e: print(e)
x += y; print(x)
od = OrderedDict(a=1, b=2, c=3); od.move_to_end('a'); print(od); od.move_to_end('c', last=False); print(od)
print(od.popitem(), od.popitem(last=False), od, OrderedDict())
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1), OrderedDict(a=1) != OrderedDict(a=1))
try: OrderedDict().popitem()
except KeyError as e: print('KeyError', e)
try: od.move_to_end('zz')
except KeyError as e: print('KeyError', e)
cm = ChainMap({'a': 1}, {'a': 2, 'b': 3}); print(cm, cm['a'], cm['b'], len(cm), list(cm), 'b' in cm, cm.get('z', 0))
ch = cm.new_child(); ch['a'] = 9; print(ch, ch.parents, ch.maps, dict(ch))
try: cm['zz']
except KeyError as e: print('KeyError', e)
try: del cm['b']
except KeyError as e: print('KeyError', e)
print(ChainMap(), bool(ChainMap()), cm.new_child({'q': 1}))
print(deque('abc'), deque([1, 2], maxlen=5))
