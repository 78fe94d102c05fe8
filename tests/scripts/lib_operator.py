# operator: the functions, itemgetter/attrgetter/methodcaller, in-place forms
import operator
from operator import itemgetter, attrgetter, methodcaller
print(operator.add(2, 3), operator.sub(2, 3), operator.mul('ab', 2), operator.truediv(7, 2), operator.floordiv(7, 2))
print(operator.mod(7, 3), operator.neg(4), operator.pos(-1), operator.abs(-2), operator.pow(2, 10), operator.inv(5))
print(operator.eq(1, 1), operator.ne(1, 1), operator.lt(1, 2), operator.le(2, 2), operator.gt(1, 2), operator.ge(3, 2))
print(operator.not_(0), operator.truth([]), operator.truth('x'), operator.is_(None, None), operator.is_not(1, None))
print(operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3), operator.lshift(1, 4), operator.rshift(16, 2))
print(operator.index(7), operator.concat([1], [2]), operator.contains([1, 2], 2), operator.countOf([1, 2, 1], 1), operator.indexOf('abc', 'c'))
l = [1, 2, 3]
operator.setitem(l, 0, 'x'); operator.delitem(l, 1); print(l, operator.getitem(l, -1), operator.getitem('hello', slice(1, 3)))
x = [1]; y = operator.iadd(x, [2]); print(x, y is x, operator.iadd(1, 2), operator.imul([0], 3), operator.isub(5, 2), operator.ior({1}, {2}))
print(operator.length_hint([1, 2]), operator.length_hint(iter([1, 2, 3])), operator.length_hint(5, 9))
print(operator.__add__(1, 2), operator.__getitem__([5], 0))
g = itemgetter(1); print(g([1, 2, 3]), itemgetter(0, 2)('abc'), itemgetter('k')({'k': 'v'}), g, itemgetter(1, 'a'))
rows = [('b', 2), ('a', 2), ('c', 1)]
print(sorted(rows, key=itemgetter(1, 0)), max(rows, key=itemgetter(1)))
class P:
    def __init__(self, name, inner=None):
        self.name = name
        self.inner = inner
    def shout(self, suffix='!', times=1):
        return self.name.upper() + suffix * times
p = P('ann', P('bob'))
print(attrgetter('name')(p), attrgetter('inner.name')(p), attrgetter('name', 'inner.name')(p), attrgetter('inner.name'))
print(methodcaller('shout')(p), methodcaller('shout', '?', times=2)(p), methodcaller('split', ',')('a,b'), methodcaller('shout', '?', times=2))
for f in [lambda: operator.index(1.5), lambda: operator.concat(1, 2), lambda: attrgetter(1),
          lambda: attrgetter('nope')(p), lambda: itemgetter(5)([1]), lambda: operator.truediv(1, 0),
          lambda: methodcaller(3), lambda: operator.add(1, 'a')]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
