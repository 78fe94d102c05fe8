"""copy -- shallow and deep copies of objects.

copy(x) makes a new container holding the same items; deepcopy(x) copies the
items too, all the way down.  deepcopy keeps a memo, {id(original): copy}, so
an object reached twice is copied once and a cycle becomes the same cycle in
the copy: a container is put in the memo *before* its items are copied.

A class can take over with __copy__(self) and __deepcopy__(self, memo).
Instances of other classes are copied by making an empty instance of the same
class (without calling __init__) and copying its __dict__.
"""

from _collections import deque as _deque

__all__ = ['Error', 'copy', 'deepcopy']


class Error(Exception):
    pass


error = Error

# Values that cannot change: a copy of one is the value itself.
_atomic = (type(None), int, float, bool, str, type,
           range, type(len), type(lambda: 0), type(Ellipsis), type(NotImplemented),
           property)


def _is_atomic(x):
    return type(x) in _atomic or type(x) is frozenset and all(_is_atomic(i) for i in x)


def _new_instance(cls):
    """An instance of cls without running its __init__."""
    return cls.__new__(cls)


def copy(x):
    """A shallow copy of x."""
    cls = type(x)
    if _is_atomic(x) or cls is tuple or cls is frozenset:
        return x
    if cls in (list, dict, set):
        return x.copy()
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    if isinstance(x, tuple) and hasattr(x, '__getnewargs__'):      # a namedtuple
        return cls.__new__(cls, *x.__getnewargs__())
    return _copy_instance(x, cls, None)


def _copy_instance(x, cls, memo):
    """A copy of an instance of a user class: the built-in part (list, dict, set
    items) and the __dict__, each shallow or (with a memo) deep."""
    deep = memo is not None
    if isinstance(x, tuple):
        items = [deepcopy(item, memo) for item in x] if deep else list(x)
        if hasattr(x, '__getnewargs__'):     # a namedtuple: __new__ takes the fields
            y = cls.__new__(cls, *items)
        else:
            y = cls.__new__(cls, items)
        if deep:
            memo[id(x)] = y
    else:
        try:
            y = _new_instance(cls)
        except TypeError:
            raise Error(f'un(deep)copyable object of type {cls}') from None
        if deep:
            memo[id(x)] = y
        if isinstance(x, list):
            y.extend(deepcopy(item, memo) for item in x) if deep else y.extend(x)
        elif isinstance(x, dict):
            for key, value in x.items():
                if deep:
                    key, value = deepcopy(key, memo), deepcopy(value, memo)
                dict.__setitem__(y, key, value)
        elif isinstance(x, set):
            for item in x:
                y.add(deepcopy(item, memo) if deep else item)
    state = getattr(x, '__dict__', None)
    if state:
        if hasattr(x, '__getstate__') and not isinstance(type(x).__getstate__, type(len)):
            state = x.__getstate__()
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, '__setstate__'):
            y.__setstate__(state)
        else:
            y.__dict__.update(state)
    return y


def deepcopy(x, memo=None, _nil=[]):
    """A deep copy of x; memo maps the id of each object copied so far to its copy."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(x):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for item in x:
            y.append(deepcopy(item, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set or cls is frozenset:
        y = cls(deepcopy(item, memo) for item in x)
    elif cls is tuple:
        items = [deepcopy(item, memo) for item in x]
        # A tuple that reached itself through a list is in the memo by now.
        if d in memo:
            return memo[d]
        y = x if all(a is b for a, b in zip(items, x)) else tuple(items)
    elif isinstance(x, _deque) and getattr(cls, '__deepcopy__', None) is None:
        y = cls((), x.maxlen) if x.maxlen is not None else cls()
        memo[d] = y
        y.extend(deepcopy(item, memo) for item in x)
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _copy_instance(x, cls, memo)
    # Keep x alive while the memo lives, so its id is not reused meanwhile.
    if y is not x:
        memo[d] = y
        memo.setdefault(id(memo), []).append(x)
    return y
