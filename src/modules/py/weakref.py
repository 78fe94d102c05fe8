"""weakref -- weak references, and the containers and finalizers built on them.

The references themselves are C (objects/weakref.c: _weakref.ref and its thread-safety
story).  Everything here is ordinary Python on top of ref and its callback:

  WeakValueDictionary  a dict whose values are held by weak refs; an entry goes
                       when its value dies
  WeakKeyDictionary    a dict whose keys are held by weak refs
  WeakSet              a set of weakly held items
  finalize             call a function once, when an object dies (or at exit)

A callback runs in whatever thread dropped the last reference, at that moment, so the
callbacks below do one atomic step each and never take a lock: the thread may already
hold one.  An entry is removed only if it still holds the very ref that died
(_remove_if_is), so a new value stored under the same key by another thread is kept.
"""

from _weakref import ref, ReferenceType, getweakrefcount, getweakrefs, _remove_if_is


class WeakValueDictionary:
    """Mapping key -> value that does not keep its values alive."""

    def __init__(self, other=(), **kwargs):
        self.data = {}                    # key -> ref(value)
        self.update(other, **kwargs)

    def _ref(self, key, value):
        # The callback holds the dictionary only weakly, so the dictionary may die
        # before its values do.
        selfref = ref(self)

        def remove(wr):
            d = selfref()
            if d is not None:
                _remove_if_is(d.data, key, wr)
        return ref(value, remove)

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        self.data[key] = self._ref(key, value)

    def __delitem__(self, key):
        del self.data[key]

    def __contains__(self, key):
        wr = self.data.get(key)
        return wr is not None and wr() is not None

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        for key, wr in list(self.data.items()):
            if wr() is not None:
                yield key

    keys = __iter__

    def values(self):
        for wr in list(self.data.values()):
            o = wr()
            if o is not None:
                yield o

    def items(self):
        for key, wr in list(self.data.items()):
            o = wr()
            if o is not None:
                yield key, o

    def get(self, key, default=None):
        wr = self.data.get(key)
        if wr is None:
            return default
        o = wr()
        return default if o is None else o

    def pop(self, key, *default):
        wr = self.data.pop(key, None)
        o = wr() if wr is not None else None
        if o is not None:
            return o
        if default:
            return default[0]
        raise KeyError(key)

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def update(self, other=(), **kwargs):
        if hasattr(other, "items"):
            other = other.items()
        for key, value in other:
            self[key] = value
        for key, value in kwargs.items():
            self[key] = value

    def copy(self):
        return WeakValueDictionary(self.items())

    def __repr__(self):
        return "<WeakValueDictionary at %#x>" % id(self)


class WeakKeyDictionary:
    """Mapping key -> value that does not keep its keys alive."""

    def __init__(self, other=None):
        self.data = {}                    # ref(key) -> value
        selfref = ref(self)

        def remove(wr):
            d = selfref()
            if d is not None:
                d.data.pop(wr, None)      # the dead ref is its own key: one atomic pop
        self._remove = remove
        if other is not None:
            self.update(other)

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    keys = __iter__

    def values(self):
        for wr, value in list(self.data.items()):
            if wr() is not None:
                yield value

    def items(self):
        for wr, value in list(self.data.items()):
            o = wr()
            if o is not None:
                yield o, value

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def pop(self, key, *default):
        return self.data.pop(ref(key), *default)

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, other=(), **kwargs):
        if hasattr(other, "items"):
            other = other.items()
        for key, value in other:
            self[key] = value
        for key, value in kwargs.items():
            self[key] = value

    def copy(self):
        return WeakKeyDictionary(self.items())

    def __repr__(self):
        return "<WeakKeyDictionary at %#x>" % id(self)


class WeakSet:
    """A set that does not keep its items alive."""

    def __init__(self, data=None):
        self.data = set()                 # refs to the items
        selfref = ref(self)

        def remove(wr):
            s = selfref()
            if s is not None:
                s.data.discard(wr)
        self._remove = remove
        if data is not None:
            self.update(data)

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def discard(self, item):
        self.data.discard(ref(item))

    def remove(self, item):
        self.data.remove(ref(item))

    def update(self, items):
        for item in items:
            self.add(item)

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    def __repr__(self):
        return "{%s(%r)}" % (type(self).__name__, list(self))  # as CPython 3.11

    def copy(self):
        return WeakSet(self)


class finalize:
    """finalize(obj, func, /, *args, **kwargs): call func(*args, **kwargs) once, when
    obj dies, when the finalizer is called, or at exit (if .atexit is true) --
    whichever comes first."""

    _registry = {}          # finalize -> its record, while alive
    _order = 0              # creation order: at exit, the newest are called first

    class _Info:
        pass

    def __init__(self, obj, func, /, *args, **kwargs):
        info = self._Info()
        info.weakref = ref(obj, self)   # the finalizer itself is the callback
        info.func = func
        info.args = args
        info.kwargs = kwargs or None
        info.atexit = True
        finalize._order += 1
        info.index = finalize._order
        finalize._registry[self] = info

    def __call__(self, _=None):
        """Call the function now if it has not been called; return its result."""
        info = finalize._registry.pop(self, None)   # atomic: only one caller wins
        if info is not None:
            return info.func(*info.args, **(info.kwargs or {}))

    def detach(self):
        """Stop the finalizer; return (obj, func, args, kwargs), or None if dead."""
        info = finalize._registry.get(self)
        obj = info and info.weakref()
        if obj is not None and finalize._registry.pop(self, None):
            return (obj, info.func, info.args, info.kwargs or {})

    def peek(self):
        """Return (obj, func, args, kwargs) without stopping it, or None if dead."""
        info = finalize._registry.get(self)
        obj = info and info.weakref()
        if obj is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    @property
    def alive(self):
        """Whether the finalizer will still be called."""
        return self in finalize._registry

    @property
    def atexit(self):
        """Whether it is called at exit if still alive."""
        info = finalize._registry.get(self)
        return bool(info) and info.atexit

    @atexit.setter
    def atexit(self, value):
        info = finalize._registry.get(self)
        if info:
            info.atexit = bool(value)

    def __repr__(self):
        info = finalize._registry.get(self)
        obj = info and info.weakref()
        if obj is None:
            return "<finalize object at %#x; dead>" % id(self)
        return "<finalize object at %#x; for %r at %#x>" % (id(self), type(obj).__name__, id(obj))


def _exit_finalizers():
    """Called at exit (main.c): the live finalizers with atexit set, newest first."""
    pending = sorted(finalize._registry.items(), key=lambda kv: kv[1].index, reverse=True)
    for f, info in pending:
        if info.atexit:
            f()
