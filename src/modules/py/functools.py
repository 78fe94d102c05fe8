"""functools -- tools that work on functions: reduce, partial, wraps,
lru_cache and cache, total_ordering, cached_property, cmp_to_key and
singledispatch.

Threads: an lru_cache may be called from several threads at once.  Its
bookkeeping (the cache dict's order, the hit and miss counts) changes only
under the cache's own lock, and the lock is never held while the user's
function runs -- so two threads that miss on the same key both call the
function, as in CPython, and neither waits for the other's call.
"""

from _thread import allocate_lock as _allocate_lock
from collections import namedtuple as _namedtuple

__all__ = ['WRAPPER_ASSIGNMENTS', 'WRAPPER_UPDATES', 'cache', 'cached_property',
           'cmp_to_key', 'lru_cache', 'partial', 'reduce', 'singledispatch',
           'total_ordering', 'update_wrapper', 'wraps']


################################################################################
### reduce
################################################################################

_initial_missing = object()


def reduce(function, sequence, initial=_initial_missing):
    """reduce(function, iterable[, initial]) -> value

    Apply function to the items cumulatively from the left:
    reduce(lambda x, y: x+y, [1, 2, 3, 4, 5]) is ((((1+2)+3)+4)+5).
    """
    try:
        it = iter(sequence)
    except TypeError:
        raise TypeError('reduce() arg 2 must support iteration') from None
    if initial is _initial_missing:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError('reduce() of empty iterable with no initial value') from None
    else:
        value = initial
    for element in it:
        value = function(value, element)
    return value


################################################################################
### partial
################################################################################

class partial:
    """partial(func, *args, **keywords): func with some arguments filled in."""

    def __new__(cls, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError('the first argument must be callable')
        if type(func) is partial:       # partial(partial(f, 1), 2) is partial(f, 1, 2)
            args = func.args + args
            keywords = {**func.keywords, **keywords}
            func = func.func
        self = super().__new__(cls)
        self.func = func
        self.args = args
        self.keywords = keywords
        return self

    def __call__(self, /, *args, **keywords):
        keywords = {**self.keywords, **keywords}
        return self.func(*self.args, *args, **keywords)

    def __repr__(self):
        parts = [repr(self.func)]
        parts.extend(repr(x) for x in self.args)
        parts.extend(f'{k}={v!r}' for (k, v) in self.keywords.items())
        name = 'functools.' + type(self).__qualname__ if type(self) is partial else type(self).__qualname__
        return f'{name}({", ".join(parts)})'


################################################################################
### update_wrapper and wraps
################################################################################

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__',
                       '__annotations__')
WRAPPER_UPDATES = ('__dict__',)


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """Make wrapper look like wrapped: its name, qualname, doc and module, its
    __dict__ entries, and __wrapped__ pointing at it."""
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            try:
                setattr(wrapper, attr, value)
            except (AttributeError, TypeError):
                pass
    for attr in updated:
        try:
            getattr(wrapper, attr).update(getattr(wrapped, attr, {}))
        except AttributeError:
            pass
    # Set last, so that it is not overwritten by a __wrapped__ in wrapped's __dict__.
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """A decorator: @wraps(f) applies update_wrapper(wrapper, f)."""
    return partial(update_wrapper, wrapped=wrapped, assigned=assigned, updated=updated)


################################################################################
### total_ordering
################################################################################

def _gt_from_lt(self, other):
    result = type(self).__lt__(self, other)
    if result is NotImplemented:
        return result
    return not result and self != other

def _le_from_lt(self, other):
    result = type(self).__lt__(self, other)
    if result is NotImplemented:
        return result
    return result or self == other

def _ge_from_lt(self, other):
    result = type(self).__lt__(self, other)
    if result is NotImplemented:
        return result
    return not result

def _ge_from_le(self, other):
    result = type(self).__le__(self, other)
    if result is NotImplemented:
        return result
    return not result or self == other

def _lt_from_le(self, other):
    result = type(self).__le__(self, other)
    if result is NotImplemented:
        return result
    return result and self != other

def _gt_from_le(self, other):
    result = type(self).__le__(self, other)
    if result is NotImplemented:
        return result
    return not result

def _lt_from_gt(self, other):
    result = type(self).__gt__(self, other)
    if result is NotImplemented:
        return result
    return not result and self != other

def _ge_from_gt(self, other):
    result = type(self).__gt__(self, other)
    if result is NotImplemented:
        return result
    return result or self == other

def _le_from_gt(self, other):
    result = type(self).__gt__(self, other)
    if result is NotImplemented:
        return result
    return not result

def _le_from_ge(self, other):
    result = type(self).__ge__(self, other)
    if result is NotImplemented:
        return result
    return not result or self == other

def _gt_from_ge(self, other):
    result = type(self).__ge__(self, other)
    if result is NotImplemented:
        return result
    return result and self != other

def _lt_from_ge(self, other):
    result = type(self).__ge__(self, other)
    if result is NotImplemented:
        return result
    return not result

# For each operation a class may define: the others, built from it.
_convert = {
    '__lt__': [('__gt__', _gt_from_lt), ('__le__', _le_from_lt), ('__ge__', _ge_from_lt)],
    '__le__': [('__ge__', _ge_from_le), ('__lt__', _lt_from_le), ('__gt__', _gt_from_le)],
    '__gt__': [('__lt__', _lt_from_gt), ('__ge__', _ge_from_gt), ('__le__', _le_from_gt)],
    '__ge__': [('__le__', _le_from_ge), ('__gt__', _gt_from_ge), ('__lt__', _lt_from_ge)],
}


def total_ordering(cls):
    """A class decorator: from __eq__ and one of < <= > >=, the other three."""
    roots = {op for op in _convert
             if getattr(cls, op, None) is not getattr(object, op, None)}
    if not roots:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    root = max(roots)       # prefer __lt__ to __le__ to __gt__ to __ge__
    for opname, opfunc in _convert[root]:
        if opname not in roots:
            opfunc.__name__ = opname
            setattr(cls, opname, opfunc)
    return cls


################################################################################
### cmp_to_key
################################################################################

def cmp_to_key(mycmp):
    """Turn an old-style cmp function (negative, zero, positive) into a key=."""
    class K:
        __slots__ = ['obj']

        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

        __hash__ = None

    return K


################################################################################
### lru_cache and cache
################################################################################

_CacheInfo = _namedtuple('CacheInfo', ['hits', 'misses', 'maxsize', 'currsize'])
_CacheInfo.__module__ = 'functools'

_kwd_mark = (object(),)     # separates positional from keyword arguments in a key


def _make_key(args, kwds, typed):
    """The cache key of a call: the arguments, flattened into one tuple."""
    key = args
    if kwds:
        key += _kwd_mark
        for item in kwds.items():
            key += item
    if typed:
        key += tuple(type(v) for v in args)
        if kwds:
            key += tuple(type(v) for v in kwds.values())
    elif len(key) == 1 and type(key[0]) in (int, str):
        return key[0]
    return key


def lru_cache(maxsize=128, typed=False):
    """A decorator that remembers the last maxsize results of a function (all of
    them with maxsize=None).  typed=True caches f(3) and f(3.0) apart.  The
    wrapper has cache_info(), cache_clear() and cache_parameters()."""
    if isinstance(maxsize, int):
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        # @lru_cache without parentheses: maxsize is the function itself.
        user_function, maxsize = maxsize, 128
        return _lru_wrapper(user_function, maxsize, typed)
    elif maxsize is not None:
        raise TypeError('Expected first argument to be an integer, a callable, or None')

    def decorating_function(user_function):
        return _lru_wrapper(user_function, maxsize, typed)
    return decorating_function


def _lru_wrapper(user_function, maxsize, typed):
    missing = object()
    cache = {}                  # key -> result, least recently used first
    stats = [0, 0]              # hits, misses
    lock = _allocate_lock()     # guards cache's order and stats; never held in user code
    acquire, release = lock.acquire, lock.release
    cache_get, cache_pop = cache.get, cache.pop

    def key_of(args, kwds):
        # One int or str argument is its own key (the common case, made quick).
        if not kwds and not typed and len(args) == 1 and type(args[0]) in (int, str):
            return args[0]
        return _make_key(args, kwds, typed)

    def unbounded_wrapper(*args, **kwds):
        key = key_of(args, kwds)
        result = cache_get(key, missing)     # one atomic dict read
        acquire()
        if result is not missing:
            stats[0] += 1
            release()
            return result
        stats[1] += 1
        release()
        result = user_function(*args, **kwds)
        cache[key] = result                  # one atomic dict write
        return result

    def bounded_wrapper(*args, **kwds):
        key = key_of(args, kwds)
        acquire()
        try:                                 # (an unhashable key raises in pop)
            result = cache_pop(key, missing)
            if result is not missing:
                cache[key] = result          # now the most recently used
                stats[0] += 1
                return result
            stats[1] += 1
        finally:
            release()
        result = user_function(*args, **kwds)
        if maxsize == 0:
            return result
        with lock:
            # Another thread may have stored this key while we computed it.
            cache[key] = result
            if len(cache) > maxsize:
                del cache[next(iter(cache))]     # the least recently used
        return result

    wrapper = unbounded_wrapper if maxsize is None else bounded_wrapper

    def cache_info():
        """Report cache statistics."""
        with lock:
            return _CacheInfo(stats[0], stats[1], maxsize, len(cache))

    def cache_clear():
        """Clear the cache and cache statistics."""
        with lock:
            cache.clear()
            stats[0] = stats[1] = 0

    def cache_parameters():
        return {'maxsize': maxsize, 'typed': typed}

    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    wrapper.cache_parameters = cache_parameters
    return update_wrapper(wrapper, user_function)


def cache(user_function, /):
    """An unbounded cache: lru_cache(maxsize=None)."""
    return lru_cache(maxsize=None)(user_function)


################################################################################
### cached_property
################################################################################

class cached_property:
    """A property computed once per instance, then kept in the instance's
    __dict__ (so the next read does not even call the descriptor)."""

    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = func.__doc__
        self.__module__ = getattr(func, '__module__', None)

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError('Cannot assign the same cached_property to two different names '
                            f'({self.attrname!r} and {name!r}).')

    def _find_name(self, owner):
        # The name the class stores this descriptor under (when __set_name__ was
        # not called for it).
        for klass in owner.__mro__:
            for name, value in vars(klass).items():
                if value is self:
                    return name
        return None

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.attrname is None:
            self.attrname = self._find_name(type(instance))
        if self.attrname is None:
            raise TypeError('Cannot use cached_property instance without calling __set_name__ on it.')
        try:
            cache = instance.__dict__
        except AttributeError:
            msg = (f"No '__dict__' attribute on {type(instance).__name__!r} "
                   f"instance to cache {self.attrname!r} property.")
            raise TypeError(msg) from None
        if self.attrname in cache:
            return cache[self.attrname]
        value = self.func(instance)
        cache[self.attrname] = value
        return value


################################################################################
### singledispatch
################################################################################

def singledispatch(func):
    """A generic function: the implementation is chosen by the type of the first
    argument, among those added with @f.register(type)."""
    registry = {object: func}

    def dispatch(cls):
        for klass in cls.__mro__:
            if klass in registry:
                return registry[klass]
        return func

    def register(cls, func=None):
        if func is None:
            if isinstance(cls, type):
                return lambda f: register(cls, f)
            raise TypeError(f'Invalid first argument to `register()`: {cls!r}. '
                            'Use either `@register(some_class)` or plain `@register` '
                            'on an annotated function.')
        registry[cls] = func
        return func

    def wrapper(*args, **kw):
        if not args:
            raise TypeError(f'{funcname} requires at least 1 positional argument')
        return dispatch(args[0].__class__)(*args, **kw)

    funcname = getattr(func, '__name__', 'singledispatch function')
    wrapper.register = register
    wrapper.dispatch = dispatch
    wrapper.registry = registry
    update_wrapper(wrapper, func)
    return wrapper
