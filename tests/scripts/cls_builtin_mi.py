# Built-in types with mixins, and __init_subclass__ with class keywords.

class ReprMixin:
    def __repr__(self):
        return type(self).__name__ + "<" + super().__repr__() + ">"
    def total(self):
        return sum(self)

class MyList(ReprMixin, list):
    pass
l = MyList([3, 1, 2])
l.append(10)
l.sort()
print(l, len(l), l.total(), l[0], l[-1], isinstance(l, list), MyList.__base__)
l.extra = "has a __dict__"
print(l.extra, l.__dict__)

class Named:
    label = "named"
    def describe(self):
        return self.label + ":" + str(len(self))

class MyDict(dict, Named):
    pass
d = MyDict(a=1, b=[2])
d["c"] = "three"
print(d, d.describe(), sorted(d), MyDict.__base__, MyDict.__mro__)
print(d.get("a"), "c" in d, d.pop("a"), d)

class Codes:
    def code(self):
        return "E%03d" % self.args[0]

class AppError(Exception, Codes):
    pass
class DiskError(AppError):
    pass
try:
    raise DiskError(7, "disk full")
except AppError as e:
    print(type(e).__name__, e, e.args, e.code(), isinstance(e, Codes), isinstance(e, Exception))
print(DiskError.__mro__)

class Tagged:
    tag = "t"
class MyInt(Tagged, int):
    pass
n = MyInt(41)
print(n + 1, n.tag, isinstance(n, int), MyInt.__base__)

class MyStr(Tagged, str):
    def shout(self):
        return self.upper() + "!"
s = MyStr("hey")
print(s, s.shout(), s.tag, len(s), s + "you")

class MySet(set, Tagged):
    pass
print(sorted(MySet([3, 1, 2])), MySet([1]).tag)

# two mixins and a built-in
class M1:
    def who(self): return "M1"
class M2:
    def who(self): return "M2"
    def other(self): return "M2.other"
class LL(M1, M2, list):
    pass
print(LL([1]).who(), LL([1]).other(), [c.__name__ for c in LL.__mro__])

# __init_subclass__ with class keywords
class Registry:
    registered = []
    def __init_subclass__(cls, /, key=None, **kw):
        super().__init_subclass__(**kw)
        cls.key = key
        Registry.registered.append((cls.__name__, key))

class One(Registry, key="one"):
    pass
class Two(Registry):
    pass
class Three(One, key=[3]):
    pass
print(Registry.registered, One.key, Two.key, Three.key)

class Counter:
    count = 0
    def __init_subclass__(cls):
        Counter.count += 1
class Sub1(Counter): pass
class Sub2(Sub1): pass
print(Counter.count)

class Plugin:
    def __init_subclass__(cls, **kwargs):
        print("Plugin.__init_subclass__", cls.__name__, sorted(kwargs))
        super().__init_subclass__(**kwargs)
class Mixin2:
    def __init_subclass__(cls, **kwargs):
        print("Mixin2.__init_subclass__", cls.__name__)
        super().__init_subclass__()
class Both(Plugin, Mixin2, flavour="x"):
    pass

for src in ("class Bad(flag=1): pass",
            "class Bad(Registry, unknown=1): pass",
            "class Bad(Counter, x=1): pass"):
    try:
        exec(src)
    except TypeError as e:
        print(type(e).__name__, e)

# type() with three arguments and bases
T = type("T", (M2, list), {"size": lambda self: len(self), "x": 5})
t = T([1, 2])
print(T.__name__, T.__bases__, t.size(), t.x, t.who(), T.__mro__)
print(type("Empty", (), {}).__mro__)

# an uncaught one
class Clash(list, dict):
    pass
