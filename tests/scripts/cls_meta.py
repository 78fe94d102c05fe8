# Metaclasses: class C(Base, metaclass=M), M.__new__/__init__/__call__, methods of
# the metaclass used on the class, inheritance of the metaclass, conflicts,
# __prepare__, keywords, and type(name, bases, dict).

class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("Meta.__new__", mcls.__name__, name, [b.__name__ for b in bases],
              sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcls, name, bases, ns)
        cls.created_by = "Meta"
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("Meta.__init__", name, kw)
        super().__init__(name, bases, ns)
    def __call__(cls, *args, **kw):
        print("Meta.__call__", cls.__name__, args, kw)
        return super().__call__(*args, **kw)
    def __repr__(cls):
        return "<class " + cls.__name__ + " made by Meta>"
    def describe(cls):
        return "I am " + cls.__name__

class Base:
    def __init__(self, x=0):
        self.x = x

class C(Base, metaclass=Meta, flavour="mint"):
    def method(self):
        return "method of " + type(self).__name__
    @classmethod
    def __init_subclass__(cls, **kw):
        print("C.__init_subclass__", cls.__name__, kw)

print(type(C).__name__, C, C.created_by, C.describe(), isinstance(C, Meta), isinstance(C, type))
c = C(5)
print(c.x, c.method(), type(c).__name__, repr(C))

# the metaclass is inherited; class keywords go to both
class D(C, flavour="lime"):
    pass
print(type(D).__name__, D.describe(), D.created_by, D)
d = D(x=2)
print(d.x)
try:
    c.describe()
except AttributeError as e:
    print(type(e).__name__, e)

# metaclass methods as special methods of the class
class Seq(type):
    def __iter__(cls):
        return iter(cls.items)
    def __len__(cls):
        return len(cls.items)
    def __getitem__(cls, i):
        return cls.items[i]
    def __contains__(cls, x):
        return x in cls.items
    def __bool__(cls):
        return True

class Colors(metaclass=Seq):
    items = ["red", "green", "blue"]
print(list(Colors), len(Colors), Colors[1], "red" in Colors, "pink" in Colors, Colors[-1])
print([c.upper() for c in Colors], sorted(Colors), bool(Colors))

# __call__ on a metaclass: a singleton
class Singleton(type):
    instances = {}
    def __call__(cls, *args):
        if cls not in Singleton.instances:
            Singleton.instances[cls] = super().__call__(*args)
        return Singleton.instances[cls]
class Config(metaclass=Singleton):
    def __init__(self, name):
        self.name = name
a = Config("first")
b = Config("second")
print(a is b, a.name, b.name)

# __prepare__
class Ordered(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("__prepare__", name, kw)
        return {"injected": "from prepare"}
    def __new__(mcls, name, bases, ns, **kw):
        return super().__new__(mcls, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
class WithPrepare(metaclass=Ordered, opt=1):
    a = 1
print(WithPrepare.injected, WithPrepare.a)

# zero-argument super and __class__ inside metaclass methods
class Counting(type):
    count = 0
    def __new__(mcls, name, bases, ns):
        Counting.count += 1
        return super().__new__(mcls, name, bases, ns)
    def which(cls):
        return __class__.__name__
class E1(metaclass=Counting): pass
class E2(E1): pass
print(Counting.count, E2.which(), type(E2).__name__)

# metaclass conflicts
class M1(type): pass
class M2(type): pass
class A1(metaclass=M1): pass
class A2(metaclass=M2): pass
for f in (lambda: type("X", (A1, A2), {}),
          lambda: M1("X", (A2,), {})):
    try:
        f()
    except TypeError as e:
        print(type(e).__name__, e)
try:
    class X(A1, A2): pass
except TypeError as e:
    print(type(e).__name__, e)
class M3(M1, M2): pass
class X3(A1, A2, metaclass=M3): pass
print(type(X3).__name__, [k.__name__ for k in type(X3).__mro__])
class X4(A1): pass
print(type(X4).__name__)
# a more derived metaclass of a base wins over type
print(type(type("X5", (A1,), {})).__name__)

# type() with one and three arguments
T = type("T", (Base,), {"y": 7, "get": lambda self: self.x + self.y})
t = T(3)
print(type(t).__name__, t.get(), T.__bases__, type(T), type(3), type(T) is type)
try:
    type("T", (Base,))
except TypeError as e:
    print(type(e).__name__, e)
try:
    type(1, (), {})
except TypeError as e:
    print(type(e).__name__, e)

# a metaclass decides isinstance and issubclass
class Duck(type):
    def __instancecheck__(cls, obj):
        return hasattr(obj, "quack")
    def __subclasscheck__(cls, sub):
        return hasattr(sub, "quack")
class Quacker(metaclass=Duck):
    pass
class Mallard:
    def quack(self):
        return "quack"
print(isinstance(Mallard(), Quacker), isinstance(1, Quacker), issubclass(Mallard, Quacker),
      issubclass(int, Quacker), isinstance(Mallard(), (int, Quacker)))

# a function as a metaclass
def maker(name, bases, ns):
    ns["made"] = True
    return type(name, bases, ns)
class F(metaclass=maker):
    pass
print(F.made, type(F).__name__)

# an uncaught metaclass conflict
class Clash(A1, A2):
    pass
