# functools: reduce, partial, wraps, lru_cache, cache, total_ordering,
# cached_property, cmp_to_key, singledispatch
import functools
from functools import reduce, partial, wraps, lru_cache, cache, total_ordering, cached_property, cmp_to_key

print(reduce(lambda x, y: x + y, [1, 2, 3, 4, 5]), reduce(lambda x, y: x * y, [], 1), reduce(max, [3, 9, 2]))
try:
    reduce(lambda x, y: x + y, [])
except TypeError as e:
    print(type(e).__name__, e)
try:
    reduce(lambda x, y: x + y, 5)
except TypeError as e:
    print(type(e).__name__, e)

p = partial(pow, 2)
print(p(10), p.func is pow, p.args, p.keywords, p)
def greet(greeting, name, punct='!'):
    return f'{greeting}, {name}{punct}'
hello = partial(greet, 'Hello', punct='?')
print(hello('Ann'), hello('Bob', punct='.'), hello.keywords)
nested = partial(partial(int, base=2), '101')
print(nested(), nested.args, nested.keywords, partial(print, 1, sep='-'))
try:
    partial(3)
except TypeError as e:
    print(type(e).__name__, e)

def deco(f):
    @wraps(f)
    def wrapper(*args, **kw):
        """wrapper doc"""
        return f(*args, **kw) * 2
    return wrapper
@deco
def double_me(x):
    """Return x."""
    return x
print(double_me(21), double_me.__name__, double_me.__doc__, double_me.__qualname__, double_me.__wrapped__(4))

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
fib.cache_clear(); print(fib.cache_info())

@lru_cache(maxsize=2)
def sq(x):
    print('computing', x)
    return x * x
sq(1); sq(2); sq(1); sq(3); sq(2); sq(1)
print(sq.cache_info(), sq.cache_parameters())

@lru_cache
def plain(x):
    return x + 1
print(plain(1), plain(1), plain.cache_info(), plain.__name__)

@lru_cache(typed=True)
def typed(x):
    return type(x).__name__
print(typed(3), typed(3.0), typed.cache_info().currsize)
print(lru_cache(maxsize=0)(abs)(-3))
try:
    lru_cache('big')
except TypeError as e:
    print(type(e).__name__, e)

@cache
def fact(n):
    return 1 if n == 0 else n * fact(n - 1)
print(fact(20), fact.cache_info())
print(functools.lru_cache(maxsize=3)(len)('abc'))
ci = fib.cache_info(); print(ci.hits, ci.misses, ci.maxsize, ci.currsize, type(ci).__name__)

@total_ordering
class Version:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return self.n == other.n
    def __lt__(self, other):
        return self.n < other.n
a, b = Version(1), Version(2)
print(a < b, a <= b, a > b, a >= b, b >= a, a <= Version(1), sorted([b, a])[0].n)
try:
    @total_ordering
    class Nothing:
        pass
except ValueError as e:
    print(type(e).__name__, e)

class Circle:
    def __init__(self, r):
        self.r = r
    @cached_property
    def area(self):
        print('computing area')
        return 3 * self.r * self.r
c = Circle(2)
print(c.area, c.area, c.__dict__, type(Circle.area).__name__)
del c.area
print(c.area)

def by_length(a, b):
    return len(a) - len(b)
print(sorted(['ccc', 'a', 'bb'], key=cmp_to_key(by_length)), max(['aa', 'b'], key=cmp_to_key(by_length)))

@functools.singledispatch
def describe(x):
    return 'thing'
@describe.register(int)
def _(x):
    return 'int'
@describe.register(list)
def _(x):
    return 'list of %d' % len(x)
print(describe(1), describe(True), describe([1, 2]), describe('s'), describe.dispatch(bool).__name__)
@lru_cache(maxsize=4)
def bounded(x):
    return x
@lru_cache(maxsize=None)
def unbounded(x):
    return x
for f in (bounded, unbounded):
    for attempt in range(2):      # the cache still works after the error
        try:
            f([1])
        except TypeError as e:
            print(type(e).__name__, e)
    print(f(1), f.cache_info())
