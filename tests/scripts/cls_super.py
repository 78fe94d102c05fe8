# Cooperative super(): zero- and two-argument forms, diamonds, mixins, **kw chains,
# classmethods, properties, staticmethods, and the errors.

class Base:
    def __init__(self, **kw):
        print("Base.__init__", sorted(kw.items()))
        super().__init__()
    def name(self):
        return ["Base"]

class Left(Base):
    def __init__(self, left=None, **kw):
        print("Left.__init__", left)
        super().__init__(**kw)
    def name(self):
        return ["Left"] + super().name()

class Right(Base):
    def __init__(self, right=None, **kw):
        print("Right.__init__", right)
        super().__init__(**kw)
    def name(self):
        return ["Right"] + super().name()

class Bottom(Left, Right):
    def __init__(self, **kw):
        print("Bottom.__init__")
        super().__init__(**kw)
    def name(self):
        return ["Bottom"] + super().name()

b = Bottom(left="L", right="R", extra=[1, 2])
print(b.name())
print(Left.name(b), super(Left, b).name(), super(Bottom, b).name())
print(super(Right, b).name())

# two-argument super in a classmethod, and a classmethod through super
class CA:
    @classmethod
    def create(cls):
        return "CA.create for " + cls.__name__
    @staticmethod
    def helper(x):
        return "CA.helper " + str(x)
    @property
    def value(self):
        return "CA.value"
class CB(CA):
    @classmethod
    def create(cls):
        return "CB+" + super().create()
    @classmethod
    def create2(cls):
        return super(CB, cls).create()
    @staticmethod
    def helper(x):
        return "CB.helper " + super(CB, CB).helper(x)
    @property
    def value(self):
        return "CB.value/" + super().value
class CC(CB):
    pass
print(CB.create(), CC.create(), CC.create2(), CC().create())
print(CC.helper(5), CC().value)

# mixins
class LoggingMixin:
    def __setitem__(self, key, value):
        print("set", key, "=", value)
        super().__setitem__(key, value)
    def describe(self):
        return "logging " + super().describe()

class Describe:
    def describe(self):
        return "describe"

class LoggingDict(LoggingMixin, dict):
    pass

d = LoggingDict()
d["a"] = "one"
d["b"] = [2]
print(d, len(d), isinstance(d, dict), type(d).__mro__)

class Item(LoggingMixin, Describe):
    pass
print(Item().describe())

# super() repr and attributes
s = super(Bottom, b)
print(repr(s).startswith("<super: <class 'Bottom'>, <Bottom object>>"))
print(s.__self__ is b, s.__thisclass__ is Bottom, s.__self_class__ is Bottom)

# super finds data in class dicts too
class P1:
    greeting = "hi from P1"
class P2(P1):
    greeting = "hi from P2"
    def get(self):
        return super().greeting
print(P2().get())

# errors
def no_method():
    return super()
for f in (lambda: super(1, 2), lambda: super(int, "x"), lambda: super(Bottom, Left()),
          lambda: super(Bottom, b).missing, lambda: super(int, 1).missing):
    try:
        print(f())
    except (TypeError, AttributeError, RuntimeError) as e:
        print(type(e).__name__, e)
try:
    no_method()
except RuntimeError as e:
    print(type(e).__name__, e)

class NoSuperArg:
    def m():
        return super().x
try:
    NoSuperArg.m()
except RuntimeError as e:
    print(type(e).__name__, e)

# the end of the chain: object.__init__ takes no arguments
class Extra:
    def __init__(self, x):
        super().__init__(x)
try:
    Extra(1)
except TypeError as e:
    print(type(e).__name__, e)

# an uncaught one
super(Left, Right()).name()
