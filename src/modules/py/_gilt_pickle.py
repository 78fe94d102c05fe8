"""_gilt_pickle -- values to text and back, for sending them between processes.

This is what multiprocessing and ProcessPoolExecutor use instead of pickle: the same
contract for the common cases, but the result of dumps() is a str (gilt has no bytes
yet).  What travels:

    None, bool, int (any size), float (exactly: repr() round-trips), str,
    list, tuple, dict, set, frozenset (nested, shared and even cyclic through lists,
    dicts, sets and instances -- each object is written once and referred to after),
    exceptions (type, args, attributes, and the traceback text as __gilt_tb__),
    classes and functions defined at the top level of a module (sent by name: the
    receiver is a fork of the sender, so it has the same modules), and instances of
    such classes (the class by name, then a copy of __dict__, as pickle does).

Lambdas and nested functions have no name the receiver could look up, so dumps()
raises PicklingError, in CPython's words.

The format is a prefix notation, one letter per value, read left to right:

    N  T  F                   None, True, False
    i<digits>;  f<repr>;      an int, a float
    s<length>:<text>          a str (length in characters)
    g<str module><str name>   a global: class or function, found by module + qualname
    l<n>;  d<n>;  S<n>;       a list, dict (n pairs) or set, then its items; the object
    o<global>                 an instance: its class, then its __dict__ (a dict)
    e<global><tuple><dict>    an exception: class, args, __dict__
    t<n>;  z<n>;              a tuple or frozenset, then its items
    r<k>;                     the object numbered k (numbered in order of appearance,
                              containers only): shared references and cycles
"""
import sys


class PickleError(Exception):
    pass


class PicklingError(PickleError):
    __module__ = "_pickle"      # where CPython's lives, as its tracebacks name it


class UnpicklingError(PickleError):
    pass


_SIMPLE = {type(None): "N"}


class _Writer:
    def __init__(self):
        self.out = []
        self.memo = {}      # id(obj) -> number; self.keep holds the objects alive
        self.keep = []

    def remember(self, obj):
        self.memo[id(obj)] = len(self.keep)
        self.keep.append(obj)

    def global_ref(self, obj):
        qualname = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", "?")
        module = getattr(obj, "__module__", None) or _module_holding(obj, qualname)
        found = _lookup(module, qualname)
        if found is not obj:
            if "<locals>" in qualname.split("."):
                raise PicklingError(f"Can't pickle local object {qualname!r}")
            raise PicklingError(f"Can't pickle {obj!r}: attribute lookup {qualname} on {module} failed")
        self.out.append("g")
        self.write(module)
        self.write(qualname)

    def write(self, obj):
        t = type(obj)
        if obj is None:
            self.out.append("N")
        elif obj is True:
            self.out.append("T")
        elif obj is False:
            self.out.append("F")
        elif t is int:
            self.out.append(f"i{obj};")
        elif t is float:
            self.out.append(f"f{obj!r};")
        elif t is str:
            self.out.append(f"s{len(obj)}:")
            self.out.append(obj)
        elif id(obj) in self.memo:
            self.out.append(f"r{self.memo[id(obj)]};")
        elif t is list:
            self.remember(obj)
            self.out.append(f"l{len(obj)};")
            for item in list(obj):
                self.write(item)
        elif t is dict:
            self.remember(obj)
            items = list(obj.items())
            self.out.append(f"d{len(items)};")
            for k, v in items:
                self.write(k)
                self.write(v)
        elif t is set:
            self.remember(obj)
            items = list(obj)
            self.out.append(f"S{len(items)};")
            for item in items:
                self.write(item)
        elif t is tuple or t is frozenset:
            items = list(obj)
            self.out.append(f"{'t' if t is tuple else 'z'}{len(items)};")
            for item in items:
                self.write(item)
            self.remember(obj)      # after its items: a tuple is made from them
        elif isinstance(obj, type) or callable(obj) and hasattr(obj, "__qualname__"):
            self.global_ref(obj)
        elif isinstance(obj, BaseException):
            self.remember(obj)
            self.out.append("e")
            self.global_ref(t)
            self.write(tuple(obj.args))
            self.write(dict(vars(obj)))
        elif hasattr(obj, "__dict__"):
            self.remember(obj)
            self.out.append("o")
            self.global_ref(t)
            self.write(dict(vars(obj)))
        else:
            raise TypeError(f"cannot pickle '{t.__name__}' object")


def _module_holding(obj, name):
    """The module a built-in function lives in (gilt's have no __module__)."""
    for module_name, m in list(sys.modules.items()):
        if getattr(m, name, None) is obj:
            return module_name
    return "builtins"


# Classes that name CPython's module for them (as its tracebacks do) live elsewhere here.
_ALIASES = {"_pickle": __name__, "multiprocessing.pool": "multiprocessing",
            "concurrent.futures.process": "concurrent.futures"}


def _lookup(module, qualname):
    m = sys.modules.get(_ALIASES.get(module, module))
    if m is None:
        return None
    obj = m
    for part in qualname.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def dumps(obj):
    """The text for obj (a str)."""
    w = _Writer()
    w.write(obj)
    return "".join(w.out)


class _Reader:
    def __init__(self, text):
        self.text = text
        self.pos = 0
        self.memo = []

    def number(self):
        end = self.text.index(";", self.pos)
        s = self.text[self.pos:end]
        self.pos = end + 1
        return s

    def read(self):
        tag = self.text[self.pos]
        self.pos += 1
        if tag == "N":
            return None
        if tag == "T":
            return True
        if tag == "F":
            return False
        if tag == "i":
            return int(self.number())
        if tag == "f":
            return float(self.number())
        if tag == "s":
            end = self.text.index(":", self.pos)
            n = int(self.text[self.pos:end])
            s = self.text[end + 1:end + 1 + n]
            self.pos = end + 1 + n
            return s
        if tag == "r":
            return self.memo[int(self.number())]
        if tag == "l":
            n = int(self.number())
            obj = []
            self.memo.append(obj)
            for _ in range(n):
                obj.append(self.read())
            return obj
        if tag == "d":
            n = int(self.number())
            obj = {}
            self.memo.append(obj)
            for _ in range(n):
                k = self.read()
                obj[k] = self.read()
            return obj
        if tag == "S":
            n = int(self.number())
            obj = set()
            self.memo.append(obj)
            for _ in range(n):
                obj.add(self.read())
            return obj
        if tag == "t" or tag == "z":
            n = int(self.number())
            items = [self.read() for _ in range(n)]
            obj = tuple(items) if tag == "t" else frozenset(items)
            self.memo.append(obj)
            return obj
        if tag == "g":
            module = self.read()
            qualname = self.read()
            obj = _lookup(module, qualname)
            if obj is None:
                raise UnpicklingError(f"Can't get attribute {qualname!r} on {module}")
            return obj
        if tag == "o":
            slot = len(self.memo)
            self.memo.append(None)
            cls = self.read()
            obj = object.__new__(cls)
            self.memo[slot] = obj
            obj.__dict__.update(self.read())
            return obj
        if tag == "e":
            slot = len(self.memo)
            self.memo.append(None)
            cls = self.read()
            args = self.read()
            try:
                obj = cls(*args)
            except Exception:
                obj = cls.__new__(cls)      # an __init__ that wants other arguments
                obj.args = args
            self.memo[slot] = obj
            for k, v in self.read().items():
                setattr(obj, k, v)
            return obj
        raise UnpicklingError(f"invalid load key, {tag!r}.")


def loads(text):
    """The value that dumps() turned into text."""
    if not isinstance(text, str):
        raise TypeError(f"a str is required, not '{type(text).__name__}'")
    r = _Reader(text)
    obj = r.read()
    if r.pos != len(text):
        raise UnpicklingError("data left over after the value")
    return obj
