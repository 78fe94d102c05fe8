"""operator -- Python's operators as functions: operator.add(a, b) is a + b.

Handy as key= and reduce() arguments: itemgetter(1), attrgetter('name'),
methodcaller('lower').  Each function here just applies its operator.
"""

__all__ = ['abs', 'add', 'and_', 'attrgetter', 'concat', 'contains', 'countOf',
           'delitem', 'eq', 'floordiv', 'ge', 'getitem', 'gt', 'iadd', 'iand',
           'iconcat', 'ifloordiv', 'ilshift', 'imod', 'imul', 'index', 'indexOf',
           'inv', 'invert', 'ior', 'ipow', 'irshift', 'is_', 'is_not', 'isub',
           'itemgetter', 'itruediv', 'ixor', 'le', 'length_hint', 'lshift', 'lt',
           'matmul', 'methodcaller', 'mod', 'mul', 'ne', 'neg', 'not_', 'or_', 'pos',
           'pow', 'rshift', 'setitem', 'sub', 'truediv', 'truth', 'xor']

_abs = abs          # the built-in, before this module's abs hides it

# ---- comparisons ----

def lt(a, b): return a < b
def le(a, b): return a <= b
def eq(a, b): return a == b
def ne(a, b): return a != b
def ge(a, b): return a >= b
def gt(a, b): return a > b

# ---- logic and identity ----

def not_(a): return not a
def truth(a): return True if a else False
def is_(a, b): return a is b
def is_not(a, b): return a is not b

# ---- arithmetic and bits ----

def abs(a): return _abs(a)
def add(a, b): return a + b
def and_(a, b): return a & b
def floordiv(a, b): return a // b
def index(a):
    if isinstance(a, int):
        return a
    if not hasattr(type(a), '__index__'):
        raise TypeError(f"'{type(a).__name__}' object cannot be interpreted as an integer")
    return type(a).__index__(a)
def inv(a): return ~a
invert = inv
def lshift(a, b): return a << b
def mod(a, b): return a % b
def mul(a, b): return a * b
def matmul(a, b): return a @ b
def neg(a): return -a
def or_(a, b): return a | b
def pos(a): return +a
def pow(a, b): return a ** b
def rshift(a, b): return a >> b
def sub(a, b): return a - b
def truediv(a, b): return a / b
def xor(a, b): return a ^ b

# ---- sequences ----

def _is_sequence(x):
    return hasattr(x, '__getitem__') and not isinstance(x, dict)

def concat(a, b):
    if not _is_sequence(a):
        raise TypeError(f"'{type(a).__name__}' object can't be concatenated")
    return a + b

def contains(a, b): return b in a

def countOf(a, b):
    return sum(1 for item in a if item is b or item == b)

def delitem(a, b): del a[b]
def getitem(a, b): return a[b]

def indexOf(a, b):
    for i, item in enumerate(a):
        if item is b or item == b:
            return i
    raise ValueError('sequence.index(x): x not in sequence')

def setitem(a, b, c): a[b] = c

def length_hint(obj, default=0):
    if not isinstance(default, int):
        raise TypeError(f"'{type(default).__name__}' object cannot be interpreted as an integer")
    try:
        return len(obj)
    except TypeError:
        pass
    hint = getattr(type(obj), '__length_hint__', None)
    if hint is None:
        return default
    value = hint(obj)
    if value is NotImplemented:
        return default
    if not isinstance(value, int):
        raise TypeError(f'__length_hint__ must be integer, not {type(value).__name__}')
    if value < 0:
        raise ValueError('__length_hint__() should return >= 0')
    return value

# ---- in-place operators: a += b and friends ----

def iadd(a, b):
    a += b
    return a
def iand(a, b):
    a &= b
    return a
def iconcat(a, b):
    if not _is_sequence(a):
        raise TypeError(f"'{type(a).__name__}' object can't be concatenated")
    a += b
    return a
def ifloordiv(a, b):
    a //= b
    return a
def ilshift(a, b):
    a <<= b
    return a
def imod(a, b):
    a %= b
    return a
def imul(a, b):
    a *= b
    return a
def imatmul(a, b):
    a @= b
    return a
def ior(a, b):
    a |= b
    return a
def ipow(a, b):
    a **= b
    return a
def irshift(a, b):
    a >>= b
    return a
def isub(a, b):
    a -= b
    return a
def itruediv(a, b):
    a /= b
    return a
def ixor(a, b):
    a ^= b
    return a


# ---- callables made from an item, an attribute or a method name ----

class attrgetter:
    """attrgetter('name') -> f with f(x) == x.name; attrgetter('a.b') follows
    dots; with several names f(x) returns a tuple."""

    def __init__(self, attr, *attrs):
        self._attrs = (attr,) + attrs
        for name in self._attrs:
            if not isinstance(name, str):
                raise TypeError('attribute name must be a string')
        self._paths = [name.split('.') for name in self._attrs]

    @staticmethod
    def _resolve(obj, path):
        for name in path:
            obj = getattr(obj, name)
        return obj

    def __call__(self, obj):
        if len(self._paths) == 1:
            return self._resolve(obj, self._paths[0])
        return tuple(self._resolve(obj, path) for path in self._paths)

    def __repr__(self):
        return f'operator.attrgetter({", ".join(map(repr, self._attrs))})'


class itemgetter:
    """itemgetter(1) -> f with f(x) == x[1]; with several items, a tuple."""

    def __init__(self, item, *items):
        self._items = (item,) + items

    def __call__(self, obj):
        if len(self._items) == 1:
            return obj[self._items[0]]
        return tuple(obj[i] for i in self._items)

    def __repr__(self):
        return f'operator.itemgetter({", ".join(map(repr, self._items))})'


class methodcaller:
    """methodcaller('split', ',') -> f with f(x) == x.split(',')."""

    def __init__(self, name, /, *args, **kwargs):
        if not isinstance(name, str):
            raise TypeError('method name must be a string')
        self._name = name
        self._args = args
        self._kwargs = kwargs

    def __call__(self, obj):
        return getattr(obj, self._name)(*self._args, **self._kwargs)

    def __repr__(self):
        args = [repr(self._name)]
        args.extend(map(repr, self._args))
        args.extend(f'{k}={v!r}' for k, v in self._kwargs.items())
        return f'operator.methodcaller({", ".join(args)})'


# The dunder aliases: operator.__add__ is operator.add, and so on.
__lt__ = lt; __le__ = le; __eq__ = eq; __ne__ = ne; __ge__ = ge; __gt__ = gt
__not__ = not_; __abs__ = abs; __add__ = add; __and__ = and_; __floordiv__ = floordiv
__index__ = index; __inv__ = inv; __invert__ = invert; __lshift__ = lshift
__mod__ = mod; __mul__ = mul; __matmul__ = matmul; __neg__ = neg; __or__ = or_
__pos__ = pos; __pow__ = pow; __rshift__ = rshift; __sub__ = sub
__truediv__ = truediv; __xor__ = xor; __concat__ = concat; __contains__ = contains
__delitem__ = delitem; __getitem__ = getitem; __setitem__ = setitem
__iadd__ = iadd; __iand__ = iand; __iconcat__ = iconcat; __ifloordiv__ = ifloordiv
__ilshift__ = ilshift; __imod__ = imod; __imul__ = imul; __imatmul__ = imatmul
__ior__ = ior; __ipow__ = ipow; __irshift__ = irshift; __isub__ = isub
__itruediv__ = itruediv; __ixor__ = ixor
