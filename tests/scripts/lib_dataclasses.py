# dataclasses: generated methods, fields, helpers and CPython's errors.
from dataclasses import (dataclass, field, fields, asdict, astuple, replace, is_dataclass,
                         FrozenInstanceError, make_dataclass, MISSING)
import dataclasses

@dataclass
class Point:
    x: int
    y: int = 0

p = Point(1, 2)
print(p, repr(p), str(p))
print(p == Point(1, 2), p == Point(2, 1), p != Point(1, 2), p == (1, 2), Point(3))
print(Point.__init__.__qualname__, Point.__repr__.__qualname__, Point.__hash__)
print(Point.x if hasattr(Point, 'x') else 'no class attribute x', Point.y)
print(Point.__match_args__, Point.__dataclass_params__)
print(Point(y=4, x=3))

@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tags: list = field(default_factory=list, compare=False, repr=False)

v = Version(1, 5)
print(v, v < Version(2), v <= Version(1, 5), v > Version(1, 4), v >= Version(1, 6))
print(hash(v) == hash(Version(1, 5, ['x'])), v == Version(1, 5, ['other']))
print(sorted([Version(2), Version(1, 9), Version(1, 10)]))
for attempt in ("assign", "delete"):
    try:
        if attempt == "assign":
            v.major = 3
        else:
            del v.minor
    except FrozenInstanceError as e:
        print(type(e).__name__, e, isinstance(e, AttributeError))
try:
    v < 1
except TypeError as e:
    print(type(e).__name__, e)

@dataclass(unsafe_hash=True)
class Key:
    name: str
    weight: float = field(default=1.0, hash=False)
print(hash(Key("a")) == hash(Key("a", 2.0)), Key("a") == Key("a", 2.0))

@dataclass(eq=False)
class Plain:
    a: int
print(Plain(1) == Plain(1), Plain(1).__class__.__hash__ is object.__hash__)

@dataclass
class Inventory:
    items: list = field(default_factory=list)
    owner: str = "nobody"
    counter: int = field(default=0, init=False, repr=False)
    secret: str = field(default="s", compare=False)
a, b = Inventory(), Inventory()
a.items.append("apple")
print(a, b, a.counter, a == Inventory(["apple"], secret="t"))

# __post_init__, inheritance, nested classes (qualname in repr)
@dataclass
class Point3(Point):
    z: int = 9
    def __post_init__(self):
        self.norm = abs(self.x) + abs(self.y) + abs(self.z)
q = Point3(1, -2, 3)
print(q, q.norm, isinstance(q, Point), q == Point(1, -2), [f.name for f in fields(q)])

class Outer:
    @dataclass
    class Inner:
        label: str = "z"
print(Outer.Inner(), Outer.Inner("a") == Outer.Inner("a"))

# helpers
@dataclass
class Line:
    start: Point
    end: Point
    tags: dict = field(default_factory=dict)
ln = Line(Point(0, 0), Point(3, 4), {"k": [Point(1, 1)]})
print(asdict(ln))
print(astuple(ln))
print(replace(p, y=5), p, replace(v, minor=7))
print(is_dataclass(p), is_dataclass(Point), is_dataclass(1), is_dataclass(int))
f0 = fields(Point)[0]
print(f0.name, f0.type, f0.default is MISSING, f0.init, f0.repr, f0.compare, fields(Point)[1].default)

C = make_dataclass("C", [("a", int), ("b", str, field(default="bee"))])
print(C(1), C(2, "x") == C(2, "x"))

# the class body can define its own methods; they win
@dataclass
class Custom:
    v: int
    def __repr__(self):
        return f"<Custom {self.v}>"
print(Custom(4), Custom(4) == Custom(4))

# errors
def attempt(fn):
    try:
        fn()
    except (TypeError, ValueError, AttributeError) as e:
        print(type(e).__name__, e)

# InitVar, ClassVar, keyword-only fields
from dataclasses import InitVar, KW_ONLY
from typing import ClassVar
@dataclass
class Scaled:
    x: int
    scale: InitVar[int] = 2
    count: ClassVar[int] = 0
    y: int = field(default=0, kw_only=True)
    def __post_init__(self, scale):
        self.x *= scale
print(Scaled(3, 5, y=1), [f.name for f in fields(Scaled)], Scaled.count, Scaled(1))
@dataclass
class Kw:
    a: int
    _: KW_ONLY
    b: int = 1
    c: int
print(Kw(1, c=3), Kw(2, b=0, c=1), Kw.__match_args__)
@dataclass(kw_only=True)
class AllKw:
    p: int = 0
    q: int
print(AllKw(q=1))
attempt(lambda: Kw(1, 2, 3))
attempt(lambda: AllKw(1, 2))

def mutable_default():
    @dataclass
    class Bad:
        x: list = []
def dict_default():
    @dataclass
    class Bad:
        x: dict = {}
def order_of_defaults():
    @dataclass
    class Bad:
        x: int = 1
        y: int
def no_annotation():
    @dataclass
    class Bad:
        x = field(default=1)
def both_defaults():
    field(default=1, default_factory=list)
def order_without_eq():
    @dataclass(order=True, eq=False)
    class Bad:
        x: int
def frozen_from_plain():
    @dataclass(frozen=True)
    class Bad(Point):
        z: int = 0
attempt(mutable_default)
attempt(dict_default)
attempt(order_of_defaults)
attempt(no_annotation)
attempt(both_defaults)
attempt(order_without_eq)
attempt(frozen_from_plain)
attempt(lambda: Point())
attempt(lambda: Point(1, 2, 3))
attempt(lambda: Point(1, z=3))
attempt(lambda: fields(1))
attempt(lambda: asdict(Point))
attempt(lambda: astuple(3))
attempt(lambda: replace(p, z=1))
attempt(lambda: replace(a, counter=3))
attempt(lambda: replace(1))
attempt(lambda: hash(p))

# an uncaught one
Version(1).minor = 2
