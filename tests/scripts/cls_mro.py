# Multiple inheritance: the C3 MRO, __mro__/mro()/__bases__/__base__, and the errors.

def names(cls):
    return [c.__name__ for c in cls.__mro__]

# the standard diamond
class A:
    def who(self): return "A"
    def hello(self): return "A.hello"
class B(A):
    def who(self): return "B"
class C(A):
    def who(self): return "C"
    def hello(self): return "C.hello"
class D(B, C):
    pass
print(names(D))
print(D().who(), D().hello())
print(D.__bases__ == (B, C), D.__base__ is B)
print(D.mro() == list(D.__mro__), type(D.mro()).__name__)
print(A.__bases__, A.__base__, object.__bases__, object.__base__)
print(D.__mro__)

# the example from "The Python 2.3 Method Resolution Order"
O = object
class F(O): pass
class E(O): pass
class DD(O): pass
class CC(DD, F): pass
class BB(DD, E): pass
class AA(BB, CC): pass
print(names(AA))
print(names(BB), names(CC))

# the Wikipedia example
class K_A(O): pass
class K_B(O): pass
class K_C(O): pass
class K_D(O): pass
class K_E(O): pass
class K1(K_A, K_B, K_C): pass
class K2(K_D, K_B, K_E): pass
class K3(K_D, K_A): pass
class Z(K1, K2, K3): pass
print(names(Z))

# inconsistent orders
class X: pass
class Y: pass
class P(X, Y): pass
class Q(Y, X): pass
for make in (lambda: type("Bad", (P, Q), {}),
             lambda: type("Bad", (A, B), {}),
             lambda: type("Bad", (A, A), {}),
             lambda: type("Bad", (list, dict), {}),
             lambda: type("Bad", (int, str), {}),
             lambda: type("Bad", (bool,), {}),
             lambda: type("Bad", (1,), {})):
    try:
        make()
        print("made")
    except TypeError as e:
        print(type(e).__name__, e)

try:
    class Bad2(P, Q): pass
except TypeError as e:
    print(type(e).__name__, e)

# lookups walk the MRO: instance attributes, class attributes, classmethods
class M1:
    tag = "M1"
    @classmethod
    def kind(cls): return "kind of " + cls.__name__
    @staticmethod
    def st(): return "static M1"
    @property
    def prop(self): return "prop M1 of " + type(self).__name__
class M2:
    tag = "M2"
    other = "M2.other"
class Both(M1, M2): pass
b = Both()
print(b.tag, b.other, Both.tag, Both.other, b.kind(), Both.kind(), b.st(), b.prop)
b.tag = "own"
print(b.tag, Both.tag)
M2.other = "changed"
print(b.other, Both.other)
del M2.other
print(hasattr(b, "other"))

# special methods found along the MRO
class Reprs:
    def __repr__(self): return "Reprs()"
    def __len__(self): return 3
class Adds:
    def __add__(self, o): return "added " + str(o)
    def __eq__(self, o): return "eq"
    __hash__ = object.__hash__
class Mixed(Reprs, Adds): pass
m = Mixed()
print(repr(m), len(m), m + 1, m == 2, str(m), hash(m) == hash(m))
print(f"{m!r}", [m])

# isinstance / issubclass with MI and tuples
print(isinstance(m, Reprs), isinstance(m, Adds), isinstance(m, (int, Adds)), isinstance(m, (int, str)))
print(issubclass(Mixed, (int, Reprs)), issubclass(D, C), issubclass(C, D), issubclass(Z, K_E))
print(issubclass(D, (B, (int, C))), isinstance(1, (str, (list, int))))
try:
    issubclass(m, Mixed)
except TypeError as e:
    print(type(e).__name__, e)
try:
    isinstance(m, (Mixed, 1))
except TypeError as e:
    print(type(e).__name__, e)

# a deeper hierarchy with MI on both sides
class Base: pass
class L1(Base): pass
class L2(Base): pass
class R1(Base): pass
class LL(L1, L2): pass
class RR(R1): pass
class Top(LL, RR): pass
print(names(Top))

# special methods set on a base after the subclasses exist reach them, along the MRO
class Low: pass
class High(Low): pass
class Side: pass
class Joined(High, Side): pass
j = Joined()
Low.__repr__ = lambda self: "Low.__repr__ for " + type(self).__name__
Side.__len__ = lambda self: 7
print(repr(j), len(j), repr(High()))
Side.__repr__ = lambda self: "Side.__repr__"
print(repr(j), repr(Side()))
del Low.__repr__
print(repr(j))
High.__add__ = lambda self, other: ("High.__add__", other)
print(j + 1)
del Side.__len__
try:
    len(j)
except TypeError as e:
    print(type(e).__name__, e)

# an uncaught error
class Q2(X, Y): pass
class Q3(Y, X): pass
class Boom(Q2, Q3): pass
