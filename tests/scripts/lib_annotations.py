# Annotations: module, class and function __annotations__, in order.
x: int = 1
y: "str"
print(__annotations__)
print(x, 'y' in globals())

class P:
    a: int
    b: str = "s"
    if True:
        c: "list[int]" = []
    (d): int = 3          # parenthesized: not recorded
    def m(self): pass
print(P.__annotations__, P.b, P.d, P.c)

def f(a: int, b: str = "x", /, c: tuple = (), *args: float, k: bool = True, **kw: dict) -> None: pass
print(f.__annotations__)
print(f.__defaults__, f.__kwdefaults__)
def g(): pass
print(g.__annotations__)
g.__annotations__ = {'z': 1}
print(g.__annotations__)
try:
    g.__annotations__ = 5
except TypeError as e:
    print(type(e).__name__, e)

def outer():
    T = int
    def h(x: T) -> T:
        v: T = 5        # in a function: assigned, not recorded
        return v + x
    return h
print(outer().__annotations__, outer()(1))

class Q:
    class Inner:
        z: float = 1.5
print(Q.Inner.__annotations__)

# evaluation order: value first, then the annotation
def note(s):
    print("eval", s)
    return s
class O:
    a: note("ann a") = note("value a")
    b: note("ann b")
print(O.__annotations__)

# built-in generics: list[int] and friends (types.GenericAlias)
class Foo: pass
print(list[int], dict[str, list[int]], tuple[int, ...], tuple[()], set[Foo], type[int], frozenset[str], list[None])
print(list[int] == list[int], list[int] == list[str], hash(list[int]) == hash(list[int]), list[int](), dict[str, int](a=1))
print(list[int].__origin__, dict[str, int].__args__, dict[str, "Foo"], type(list[int]))
def typed(xs: list[int], m: dict[str, tuple[int, ...]]) -> set[str]: pass
print(typed.__annotations__)
try:
    int[3]
except TypeError as e:
    print(type(e).__name__, e)

# a class's __annotations__ is its own: {} when it has none, never a base's
class Base:
    x: int
class Derived(Base):
    pass
class Bare:
    pass
print(Derived.__annotations__, Base.__annotations__, Bare.__annotations__, "__annotations__" in Derived.__dict__)
Bare.__annotations__ = {"q": int}
print(Bare.__annotations__)
try:
    int.__annotations__
except AttributeError as e:
    print(type(e).__name__, e)

# X | Y unions (types.UnionType)
print(int | None, None | int, int | str | None, int | int, list[int] | None, Foo | None)
print((int | str) == (str | int), hash(int | str) == hash(str | int), (int | str).__args__, type(int | None))
print(isinstance(3, int | str), isinstance(3.0, int | str), isinstance(None, int | None), issubclass(bool, int | str))
def maybe(x: int | None = None) -> list[int] | None: pass
print(maybe.__annotations__)
for bad in (lambda: int | 3, lambda: isinstance(3, 3)):
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)

# an annotation that fails is an error, with a traceback
w: undefined_name = 1
