"""itertools -- building blocks for iterators.

Each tool is a generator: it computes its next item only when asked.  A tool
that checks its arguments does so when it is called, as CPython's do, and then
hands the work to a generator (the _name functions).  count and repeat are
small classes, because scripts print them: repr(count(5)) is 'count(5)'.

The combinatoric tools (product, permutations, combinations and
combinations_with_replacement) emit their tuples in CPython's order: the
lexicographic order of the positions they pick from the input.
"""

import sys as _sys

__all__ = ['accumulate', 'chain', 'combinations', 'combinations_with_replacement',
           'compress', 'count', 'cycle', 'dropwhile', 'filterfalse', 'groupby',
           'islice', 'pairwise', 'permutations', 'product', 'repeat', 'starmap',
           'takewhile', 'tee', 'zip_longest']


_MISSING = object()     # a required argument not given (CPython's message names it)


# ---- infinite iterators -------------------------------------------------------

def _is_number(x):
    return isinstance(x, (int, float)) or hasattr(type(x), '__add__') and not isinstance(x, (str, list, tuple))


class count:
    """count(start=0, step=1) --> start, start+step, start+2*step, ..."""

    def __init__(self, start=0, step=1):
        if not _is_number(start) or not _is_number(step):
            raise TypeError('a number is required')
        self._next = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        value = self._next
        self._next = value + self._step
        return value

    def __repr__(self):
        if type(self._step) is int and self._step == 1:
            return f'count({self._next!r})'
        return f'count({self._next!r}, {self._step!r})'


class repeat:
    """repeat(object [,times]) --> object, object, ... (times times, or forever)."""

    def __init__(self, object=_MISSING, times=None):
        if object is _MISSING:
            raise TypeError("repeat() missing required argument 'object' (pos 1)")
        self._object = object
        if times is not None:
            times = max(_index(times), 0)
        self._left = times            # None: forever

    def __iter__(self):
        return self

    def __next__(self):
        if self._left is None:
            return self._object
        if self._left <= 0:
            raise StopIteration
        self._left -= 1
        return self._object

    def __length_hint__(self):
        if self._left is None:
            raise TypeError('len() of unsized object')
        return self._left

    def __repr__(self):
        if self._left is None:
            return f'repeat({self._object!r})'
        return f'repeat({self._object!r}, {self._left})'


def cycle(iterable):
    """cycle('AB') --> A B A B A B ...  (the items are saved on the first pass)."""
    return _cycle(iter(iterable))


def _cycle(it):
    saved = []
    for item in it:
        yield item
        saved.append(item)
    while saved:
        for item in saved:
            yield item


# ---- iterators that end with the shortest input -------------------------------

def accumulate(iterable, func=None, *, initial=None):
    """accumulate([1,2,3,4]) --> 1 3 6 10; func replaces +; initial comes first."""
    return _accumulate(iter(iterable), func, initial)


def _accumulate(it, func, total):
    if total is not None:
        yield total
    else:
        try:
            total = next(it)
        except StopIteration:
            return
        yield total
    for item in it:
        total = total + item if func is None else func(total, item)
        yield total


def chain(*iterables):
    """chain('ABC', 'DE') --> A B C D E"""
    return _chain(iterables)


def _chain(iterables):
    for iterable in iterables:
        yield from iterable


def _from_iterable(iterables):
    """chain.from_iterable(['ABC', 'DE']) --> A B C D E (the iterables come lazily)."""
    return _chain(iterables)


chain.from_iterable = _from_iterable


def compress(data, selectors):
    """compress('ABCDEF', [1,0,1,0,1,1]) --> A C E F"""
    return _compress(iter(data), iter(selectors))


def _compress(data, selectors):
    for item, keep in zip(data, selectors):
        if keep:
            yield item


def dropwhile(predicate, iterable):
    """dropwhile(lambda x: x<5, [1,4,6,4,1]) --> 6 4 1"""
    return _dropwhile(predicate, iter(iterable))


def _dropwhile(predicate, it):
    for item in it:
        if not predicate(item):
            yield item
            break
    yield from it


def takewhile(predicate, iterable):
    """takewhile(lambda x: x<5, [1,4,6,4,1]) --> 1 4"""
    return _takewhile(predicate, iter(iterable))


def _takewhile(predicate, it):
    for item in it:
        if not predicate(item):
            return
        yield item


def filterfalse(predicate, iterable):
    """filterfalse(lambda x: x%2, range(10)) --> 0 2 4 6 8"""
    return _filterfalse(predicate, iter(iterable))


def _filterfalse(predicate, it):
    if predicate is None:
        predicate = bool
    for item in it:
        if not predicate(item):
            yield item


def starmap(function, iterable):
    """starmap(pow, [(2,5), (3,2)]) --> 32 9"""
    return _starmap(function, iter(iterable))


def _starmap(function, it):
    for args in it:
        yield function(*tuple(args))


def pairwise(iterable):
    """pairwise('ABCD') --> AB BC CD"""
    return _pairwise(iter(iterable))


def _pairwise(it):
    try:
        a = next(it)
    except StopIteration:
        return
    for b in it:
        yield a, b
        a = b


def zip_longest(*iterables, fillvalue=None):
    """zip_longest('ABCD', 'xy', fillvalue='-') --> Ax By C- D-"""
    return _zip_longest([iter(it) for it in iterables], fillvalue)


def _zip_longest(its, fillvalue):
    if not its:
        return
    live = len(its)
    while True:
        row = []
        for i, it in enumerate(its):
            if it is None:
                row.append(fillvalue)
                continue
            try:
                row.append(next(it))
            except StopIteration:
                live -= 1
                if live == 0:
                    return
                its[i] = None
                row.append(fillvalue)
        yield tuple(row)


_INDEX_MSG = 'Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.'
_STOP_MSG = 'Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.'


def _islice_bound(value, message):
    if value is None:
        return None
    try:
        value = _index(value)
    except TypeError:
        raise ValueError(message) from None
    if value < 0 or value > _sys.maxsize:
        raise ValueError(message)
    return value


def islice(iterable, *args):
    """islice(seq, stop) or islice(seq, start, stop[, step]): seq[start:stop:step]
    as an iterator, consuming the input only as far as it must."""
    if not 1 <= len(args) <= 3:
        raise TypeError(f'islice expected {"at least 2" if not args else "at most 4"} '
                        f'arguments, got {len(args) + 1}')
    if len(args) == 1:
        start, stop, step = None, args[0], None
    else:
        start, stop, step = (args + (None,))[:3]
    stop = _islice_bound(stop, _STOP_MSG)
    start = _islice_bound(start, _INDEX_MSG) or 0
    if step is None:
        step = 1
    else:
        try:
            step = _index(step)
        except TypeError:
            step = 0
        if step <= 0:
            raise ValueError('Step for islice() must be a positive integer or None.')
    return _islice(iter(iterable), start, stop, step)


def _islice(it, start, stop, step):
    seen = 0             # items taken from it so far
    wanted = start       # the position of the next item to hand out
    while True:
        while seen < wanted:
            try:
                next(it)
            except StopIteration:
                return
            seen += 1
        if stop is not None and seen >= stop:
            return
        try:
            item = next(it)
        except StopIteration:
            return
        seen += 1
        wanted += step
        if stop is not None and wanted > stop:
            wanted = stop
        yield item


class groupby:
    """groupby('AAABBC') --> (A, <group AAA>) (B, <group BB>) (C, <group C>)

    The groups share the input: moving on to the next key ends the group before.
    """

    def __init__(self, iterable, key=None):
        self._it = iter(iterable)
        self._keyfunc = (lambda x: x) if key is None else key
        self._have = False        # is (self._key, self._value) the next unread item?
        self._key = self._value = None
        self._group = 0           # the number of the current group
        self._group_key = None    # ... and its key

    def __iter__(self):
        return self

    def _advance(self):
        """Read the next item into self._key / self._value; False at the end."""
        try:
            self._value = next(self._it)
        except StopIteration:
            self._have = False
            return False
        self._key = self._keyfunc(self._value)
        self._have = True
        return True

    def __next__(self):
        # Skip what is left of the current group.
        if self._group == 0:
            if not self._advance():
                raise StopIteration
        else:
            while self._have and self._key == self._group_key:
                self._advance()
            if not self._have:
                raise StopIteration
        self._group += 1
        self._group_key = self._key
        return self._key, self._grouper(self._group, self._key)

    def _grouper(self, group, key):
        while self._group == group and self._have and self._key == key:
            yield self._value
            if self._group != group:     # the groupby moved on while we waited
                return
            self._advance()


def tee(iterable, n=2):
    """tee(it, n=2) --> n independent iterators over one input."""
    n = _index(n)
    if n < 0:
        raise ValueError('n must be >= 0')
    source = iter(iterable)
    buffers = [[] for _ in range(n)]
    return tuple(_tee_one(source, buffers, mine) for mine in buffers)


def _tee_one(source, buffers, mine):
    pos = 0
    while True:
        if pos == len(mine):
            # Everything buffered has been read: drop it, and read one more.
            del mine[:]
            pos = 0
            try:
                item = next(source)
            except StopIteration:
                return
            for buffer in buffers:
                buffer.append(item)
        pos += 1
        yield mine[pos - 1]


# ---- combinatoric iterators ---------------------------------------------------

def product(*iterables, repeat=1):
    """product('ab', range(2)) --> ('a',0) ('a',1) ('b',0) ('b',1)"""
    repeat = _index(repeat)
    if repeat < 0:
        raise ValueError('repeat argument cannot be negative')
    pools = [tuple(pool) for pool in iterables] * repeat
    return _product(pools)


def _product(pools):
    if any(len(pool) == 0 for pool in pools):
        return
    # Plain loops for the common small cases (a grid is product(xs, ys)) ...
    if len(pools) == 1:
        for a in pools[0]:
            yield (a,)
        return
    if len(pools) == 2:
        first, second = pools
        for a in first:
            for b in second:
                yield (a, b)
        return
    # ... and for the rest an odometer: positions[i] counts through pools[i]; the last wheel turns fastest.
    positions = [0] * len(pools)
    while True:
        yield tuple([pool[i] for pool, i in zip(pools, positions)])
        wheel = len(pools) - 1
        while wheel >= 0:
            positions[wheel] += 1
            if positions[wheel] < len(pools[wheel]):
                break
            positions[wheel] = 0
            wheel -= 1
        if wheel < 0:
            return


def _check_r(r):
    r = _index(r)
    if r < 0:
        raise ValueError('r must be non-negative')
    return r


def permutations(iterable, r=None):
    """permutations('ABC', 2) --> AB AC BA BC CA CB"""
    pool = tuple(iterable)
    r = len(pool) if r is None else _check_r(r)
    return _permutations(pool, r)


def _permutations(pool, r):
    if r > len(pool):
        return
    chosen = []                     # positions picked so far, in order
    used = [False] * len(pool)

    def extend():
        if len(chosen) == r:
            yield tuple([pool[i] for i in chosen])
            return
        for i in range(len(pool)):
            if not used[i]:
                used[i] = True
                chosen.append(i)
                yield from extend()
                chosen.pop()
                used[i] = False

    yield from extend()


def combinations(iterable, r=_MISSING):
    """combinations('ABCD', 2) --> AB AC AD BC BD CD"""
    if r is _MISSING:
        raise TypeError("combinations() missing required argument 'r' (pos 2)")
    pool = tuple(iterable)
    return _combinations(pool, _check_r(r))


def _combinations(pool, r):
    n = len(pool)
    if r > n:
        return
    picks = list(range(r))          # increasing positions
    while True:
        yield tuple([pool[i] for i in picks])
        # The rightmost pick that can still move right moves, and the picks
        # after it follow just behind.
        i = r - 1
        while i >= 0 and picks[i] == n - r + i:
            i -= 1
        if i < 0:
            return
        picks[i] += 1
        for j in range(i + 1, r):
            picks[j] = picks[j - 1] + 1


def combinations_with_replacement(iterable, r=_MISSING):
    """combinations_with_replacement('ABC', 2) --> AA AB AC BB BC CC"""
    if r is _MISSING:
        raise TypeError("combinations_with_replacement() missing required argument 'r' (pos 2)")
    pool = tuple(iterable)
    return _combinations_wr(pool, _check_r(r))


def _combinations_wr(pool, r):
    n = len(pool)
    if n == 0 and r > 0:
        return
    picks = [0] * r                 # non-decreasing positions
    while True:
        yield tuple([pool[i] for i in picks])
        i = r - 1
        while i >= 0 and picks[i] == n - 1:
            i -= 1
        if i < 0:
            return
        moved = picks[i] + 1
        for j in range(i, r):
            picks[j] = moved


def _index(x):
    """x as an int, through __index__, with CPython's TypeError otherwise."""
    if isinstance(x, int):
        return int(x)
    if hasattr(type(x), '__index__'):
        return type(x).__index__(x)
    raise TypeError(f"'{type(x).__name__}' object cannot be interpreted as an integer")
