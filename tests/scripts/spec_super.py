# super() under the specializing eval loop: `super().m(...)` in a method runs without
# a super object once specialized (LOAD_GLOBAL_SUPER), and `super(C, o).m` looks m up
# through a cache (LOAD_METHOD_SUPER).  Every way of changing what they found must be
# seen at once; each loop runs long enough (N times) for its code to be specialized.
import builtins

N = 200

# --- the plain case, and a diamond ---------------------------------------------------
class Base:
    def run(self, x):
        return x + 1
class Child(Base):
    def run(self, x):
        return super().run(x) * 2
print(sum(Child().run(i) for i in range(N)))

class A:
    def who(self):
        return ["A"]
class B(A):
    def who(self):
        return ["B"] + super().who()
class C(A):
    def who(self):
        return ["C"] + super().who()
class D(B, C):
    def who(self):
        return ["D"] + super().who()
for _ in range(N):
    d, b = D().who(), B().who()
print(d, b)                             # one site, two MROs: B's super is C, or A

# --- the class statements change ---------------------------------------------------
c = Child()
out = []
for i in range(N):
    if i == 50:
        Base.run = lambda self, x: x + 100        # the method super found is replaced
    if i == 100:
        class Middle(Base):
            pass
    out.append(c.run(1))
print(out[49], out[50], out[-1])

class Grand:
    def f(self):
        return "Grand.f"
class Parent(Grand):
    pass
class Kid(Parent):
    def f(self):
        return "Kid+" + super().f()
k = Kid()
out = []
for i in range(N):
    if i == 60:
        Parent.f = lambda self: "Parent.f"        # now found earlier in the MRO
    if i == 120:
        del Parent.f                              # and gone again
    if i == 150:
        del Grand.f                               # nothing left to find
    try:
        out.append(k.f())
    except AttributeError as e:
        out.append("AttributeError: " + str(e))
print(out[59], out[60], out[120], out[-1])

# the instance dict plays no part in a super() lookup
k2 = Kid()
Grand.f = lambda self: "Grand.f again"
k2.f = lambda: "instance f"
print([Kid.f(k2) for _ in range(N)][-1], k2.f())

# the method becomes something other than a function
class Odd(Base):
    def run(self, x):
        return super().run(x)
o = Odd()
out = []
for i in range(N):
    if i == 40:
        Base.run = staticmethod(lambda x: ("static", x))
    if i == 80:
        Base.run = classmethod(lambda cls, x: (cls.__name__, x))
    if i == 120:
        class Callable:
            def __call__(self, x):
                return ("callable", x)
        Base.run = Callable()
    if i == 160:
        Base.run = lambda self, x: ("function", x)
    out.append(o.run(i))
print(out[39], out[40], out[80], out[120], out[160])

# --- super() in other kinds of methods -----------------------------------------------
class Maker:
    @classmethod
    def make(cls, n):
        return (cls.__name__, n)
    @staticmethod
    def helper(n):
        return n * 3
    @property
    def value(self):
        return "Maker.value"
class SubMaker(Maker):
    @classmethod
    def make(cls, n):
        return super().make(n + 1)
    @staticmethod
    def helper(n):
        return super(SubMaker, SubMaker).helper(n) + 1
    @property
    def value(self):
        return "Sub+" + super().value
    def via_helper(self, n):
        return super().helper(n)
sm = SubMaker()
for i in range(N):
    r = (SubMaker.make(i), sm.make(i), SubMaker.helper(i), sm.value, sm.via_helper(i))
print(r)

class Doubling(list):                   # a built-in type's method through super()
    def append(self, x):
        super().append(x * 2)
    def __len__(self):
        return super().__len__() + 1000
dl = Doubling()
for i in range(N):
    dl.append(i)
print(dl[:3], dl[-1], len(dl))

class Init:
    def __init__(self, n):
        super().__init__()
        self.n = n
class SubInit(Init):
    def __init__(self, n):
        super().__init__(n + 1)
print(sum(SubInit(i).n for i in range(N)))

class Meta(type):                       # super() where self is a class
    def describe(cls):
        return "Meta:" + cls.__name__
class SubMeta(Meta):
    def describe(cls):
        return "SubMeta+" + super().describe()
Klass = SubMeta("Klass", (), {})
print([Klass.describe() for _ in range(N)][-1])

class Closure(Base):                    # self lives in a cell: read from there
    def run(self, x):
        get = lambda: self
        return super().run(x), get() is self
Base.run = lambda self, x: x - 1
print([Closure().run(i) for i in range(N)][-1])

class Gen(Base):                        # in a generator
    def run(self, x):
        yield super().run(x)
        yield super().run(x + 1)
print([list(Gen().run(i)) for i in range(N)][-1])

class Explicit(Base):                   # the two-argument form
    def run(self, x):
        return super(Explicit, self).run(x) * 10
print(sum(Explicit().run(i) for i in range(N)))

class Other:
    def run(self, x):
        return "Other"
class Swapped(Base):
    def run(self, x):
        if x == 150:
            self = Other()              # super() reads the first argument as it is now
        return super().run(x)
out = []
for i in range(N):
    try:
        out.append(Swapped().run(i))
    except TypeError as e:
        out.append("TypeError: " + str(e))
print(out[149], out[150], out[151])

class Deleted(Base):
    def run(self, x):
        if x == 150:
            del self
        return super().run(x)
out = []
for i in range(N):
    try:
        out.append(Deleted().run(i))
    except RuntimeError as e:
        out.append("RuntimeError: " + str(e))
print(out[149], out[150], out[151])

# --- `super` rebound -------------------------------------------------------------------
class Base2:
    def hello(self):
        return "Base2.hello"
class Sub2(Base2):
    def hello(self):
        return "Sub2+" + super().hello()
s2 = Sub2()
print([s2.hello() for _ in range(N)][-1])

class FakeSuper:
    def hello(self):
        return "fake hello"
def super():                            # a global now shadows the builtin
    return FakeSuper()
print([s2.hello() for _ in range(N)][-1])
del super                               # gone: the builtin again
print([s2.hello() for _ in range(N)][-1])

real_super = builtins.super
builtins.super = lambda: FakeSuper()    # the builtin itself replaced
print([s2.hello() for _ in range(N)][-1])
builtins.super = real_super
print([s2.hello() for _ in range(N)][-1])

# --- super() where it cannot work -------------------------------------------------------
def plain(x):
    return super().f()
def no_args():
    return super().f()
for call in (lambda: super(), lambda: plain(1), no_args):
    try:
        call()
    except RuntimeError as e:
        print("RuntimeError:", e)
try:
    super()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    super(Base2, 42)
except TypeError as e:
    print("TypeError:", e)
try:
    Sub2().missing = None
    super(Sub2, Sub2()).missing()
except AttributeError as e:
    print("AttributeError:", e)
