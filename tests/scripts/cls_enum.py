# The enum module: Enum, IntEnum, Flag, IntFlag, auto, unique.
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique, EnumMeta, EnumType

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1          # an alias of RED

print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value)
print(Color(2), Color["BLUE"], Color.CRIMSON, Color.CRIMSON is Color.RED, Color(1) is Color.RED)
print(list(Color), len(Color), [m.name for m in Color], list(reversed(Color))[0])
print(Color.RED in Color, Color, type(Color), type(Color) is EnumType, EnumMeta is EnumType)
print(Color.__members__)
print(list(Color.__members__), Color.__members__["CRIMSON"])
print(isinstance(Color.RED, Color), type(Color.RED), Color.RED.__class__.__name__)
print(f"{Color.RED}", "{}".format(Color.GREEN), "%s" % Color.BLUE, format(Color.RED, ">12"), str(Color.RED))

# comparison and hashing
print(Color.RED == Color.RED, Color.RED != Color.GREEN, Color.RED == 1, Color.RED is Color.CRIMSON)
print(hash(Color.RED) == hash("RED"), {Color.RED: "red", Color.GREEN: "green"}[Color.CRIMSON])
print(sorted([Color.BLUE, Color.RED, Color.GREEN], key=lambda c: c.value))
print({Color.RED, Color.CRIMSON, Color.BLUE} == {Color.RED, Color.BLUE})

# errors
for f in (lambda: Color(7), lambda: Color("RED"), lambda: Color["PINK"], lambda: Color.RED < Color.GREEN):
    try:
        f()
    except (ValueError, KeyError, TypeError) as e:
        print(type(e).__name__, e)
for f in ("Color.RED = 5", "del Color.RED", "Color.RED.value = 3", "Color.RED.name = 'x'"):
    try:
        exec(f)
    except AttributeError as e:
        print(type(e).__name__, e)
try:
    class MoreColor(Color):
        PINK = 4
except TypeError as e:
    print(type(e).__name__, e)
try:
    Color()
except TypeError as e:
    print(type(e).__name__, e)
Color.extra = "plain attributes can be set"
print(Color.extra)

# auto, methods, properties, classmethods, _missing_
class Shape(Enum):
    CIRCLE = auto()
    SQUARE = auto()
    TRIANGLE = auto()
    def describe(self):
        return self.name.lower() + " #" + str(self.value)
    @property
    def sides(self):
        return {1: 0, 2: 4, 3: 3}[self.value]
    @classmethod
    def default(cls):
        return cls.SQUARE
    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            return cls[value.upper()]
        return None
print([s.value for s in Shape], Shape.TRIANGLE.describe(), Shape.SQUARE.sides, Shape.default())
print(Shape("circle"), Shape("Square"))
try:
    Shape(9)
except ValueError as e:
    print(type(e).__name__, e)

class Mixed(Enum):
    A = 10
    B = auto()
    C = "text"
print([(m.name, m.value) for m in Mixed])

class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def gravity(self):
        return round(6.673e-11 * self.mass / (self.radius * self.radius), 2)
print(Planet.EARTH.value, Planet.EARTH.mass, Planet.EARTH.gravity, Planet((3.303e+23, 2.4397e6)))

# unique
@unique
class Fine(Enum):
    ONE = 1
    TWO = 2
print(list(Fine))
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
        C = 2
        D = 2
except ValueError as e:
    print(type(e).__name__, e)

# IntEnum: members are ints
class Level(IntEnum):
    LOW = 1
    MID = auto()
    HIGH = 5
print(Level.LOW, repr(Level.MID), Level.HIGH + 1, Level.LOW < Level.HIGH, Level.MID == 2, Level(5))
print(f"{Level.HIGH}", format(Level.LOW, "03d"), str(Level.MID), isinstance(Level.LOW, int), int(Level.HIGH))
print(sorted([Level.HIGH, Level.LOW]), [1, 2, 3, 4, 5, 6][Level.MID], hash(Level.LOW) == hash(1))
print(Level.__members__, list(Level), Level.LOW.value, type(Level.LOW.value).__name__)

# Flag and IntFlag
class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
rw = Perm.R | Perm.W
print([p.value for p in Perm], repr(rw), rw.value, Perm.R in rw, Perm.X in rw, bool(Perm.R & Perm.X))
print(repr(Perm.R & rw), repr(rw ^ Perm.R), list(rw), len(rw), Perm(3) is rw, rw is (Perm.R | Perm.W))

class Mode(IntFlag):
    A = 1
    B = 2
    C = 4
print(Mode.A | Mode.C, repr(Mode.B), Mode.B + 1, int(Mode.A | Mode.B), Mode.A in (Mode.A | Mode.B))
print(repr(Mode.A | 2), repr(Mode.C & Mode.C), repr(~Mode.A), repr(~Perm.R), isinstance(Mode.A | Mode.B, Mode))

none = Perm(0)
print(repr(none), str(none), bool(none), repr(Perm.R & Perm.W), repr(~(Perm.R | Perm.W | Perm.X)), str(Perm.R | Perm.X))
print(repr(Mode(0)), str(Mode(0)), str(Mode.A | Mode.B), format(Mode.A | Mode.B))
try:
    Perm(8)
except ValueError as e:
    print(type(e).__name__, e)

# uncaught: members do not order
Color.RED < Color.BLUE
