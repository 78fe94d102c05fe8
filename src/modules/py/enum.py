"""enum -- named constants: Enum, IntEnum, Flag, IntFlag, auto, unique.

    class Color(Enum):
        RED = 1
        GREEN = 2

Each name assigned in the body of an Enum subclass becomes a *member*: one
instance of the class, made once, with a name and a value.  Color.RED is that
instance, Color(1) finds it by value, Color['RED'] by name.

All the work happens when the class is made, in the metaclass EnumType.__new__:
it takes the member names out of the class body, lets type.__new__ make the
class from what is left (the methods), then makes one instance per member and
records it in three tables of the class:

    _member_names_       the canonical names, in definition order (iteration)
    _member_map_         every name, aliases too, -> its member (Color['RED'])
    _value2member_map_   value -> member (Color(1))

A second name for a value already used (CRIMSON = 1 after RED = 1) is an alias:
it names the same member and is left out of iteration.

The other methods of EnumType make the class itself behave like a container
(iter, len, in, [] and a call), because a class's special methods come from
its metaclass.

A member's name and value live in the class's _info_ table (keyed by the
member's id) rather than in the member, because members of IntEnum are ints,
which have no instance __dict__ in gilt.

Once made, the class is only read, so threads may share enums freely.
"""

__all__ = ["EnumType", "EnumMeta", "Enum", "IntEnum", "Flag", "IntFlag", "auto", "unique"]

_FunctionType = type(lambda: None)
_NEWLINE = chr(10)   # (embed.sh does not escape backslashes yet)


class _AutoNull:
    """The value of an auto() that has not been given one yet."""

    def __repr__(self):
        return "_auto_null"


_auto_null = _AutoNull()


class auto:
    """Stands for "the next value": _generate_next_value_ picks it."""

    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return "auto(%r)" % (self.value,)


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == "__" and name[2] != "_" and name[-3] != "_"


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == "_" and name[1] != "_" and name[-2] != "_"


def _is_descriptor(value):
    """Methods, properties and other descriptors stay attributes, never members."""
    if isinstance(value, (_FunctionType, property, classmethod, staticmethod)):
        return True
    kind = type(value)
    return hasattr(kind, "__get__") or hasattr(kind, "__set__") or hasattr(kind, "__delete__")


def _is_member(name, value):
    return not (_is_dunder(name) or _is_sunder(name) or _is_descriptor(value))


class _MemberAttribute:
    """name and value: read from the class's _info_ table, never assigned."""

    def __init__(self, index, attr):
        self.index = index
        self.attr = attr

    def __get__(self, member, owner=None):
        if member is None:
            return self
        return type(member)._info_[id(member)][self.index]

    def __set__(self, member, value):
        raise AttributeError("<enum 'Enum'> cannot set attribute %r" % self.attr)

    def __delete__(self, member):
        raise AttributeError("<enum 'Enum'> cannot delete attribute %r" % self.attr)


class EnumType(type):
    """The metaclass of every enum: it makes the members and answers for the class."""

    def __new__(metacls, cls, bases, classdict, **kwds):
        # a class with members cannot be extended: its members are final
        for base in bases:
            if isinstance(base, EnumType) and base._member_names_:
                raise TypeError("<enum %r> cannot extend %r" % (cls, base))
        member_names = [k for k, v in classdict.items() if _is_member(k, v)]
        body = {k: v for k, v in classdict.items() if k not in member_names}
        body["_member_names_"] = []
        body["_member_map_"] = {}
        body["_value2member_map_"] = {}
        body["_info_"] = {}
        enum_class = super().__new__(metacls, cls, bases, body, **kwds)
        last_values = []
        for name in member_names:
            value = classdict[name]
            if isinstance(value, auto):
                if value.value is _auto_null:
                    value.value = enum_class._generate_next_value_(
                        name, 1, len(enum_class._member_names_), last_values[:])
                value = value.value
            last_values.append(value)
            enum_class._add_member_(name, value)
        return enum_class

    def _add_member_(cls, name, value):
        """Make the member name = value, or record an alias of an earlier one."""
        canonical = cls._find_value_(value)
        if canonical is None:
            member = cls._make_member_(value)
            cls._info_[id(member)] = (name, value)
            cls._member_names_.append(name)
            try:
                cls._value2member_map_[value] = member
            except TypeError:
                pass   # an unhashable value: _find_value_ searches for it
        else:
            member = canonical
        cls._member_map_[name] = member
        type.__setattr__(cls, name, member)

    def _make_member_(cls, value):
        """One instance of cls, through the data type's constructor (int for IntEnum)."""
        args = value if isinstance(value, tuple) else (value,)
        data_type = cls._data_type_()
        if data_type is object:
            member = object.__new__(cls)
        else:
            member = data_type.__new__(cls, *args)
        init = cls.__dict__.get("__init__")
        if init is not None:
            init(member, *args)
        return member

    def _data_type_(cls):
        """The built-in type members are instances of besides cls (int, or object)."""
        for klass in cls.__mro__:
            if klass is not object and not isinstance(klass, EnumType) and klass.__module__ == "builtins":
                return klass
        return object

    def _find_value_(cls, value):
        try:
            return cls._value2member_map_.get(value)
        except TypeError:
            for name in cls._member_names_:
                member = cls._member_map_[name]
                if member.value == value:
                    return member
            return None

    def __call__(cls, value):
        member = cls._find_value_(value)
        if member is not None:
            return member
        if not cls._member_names_:
            raise TypeError("%s has no members" % cls.__name__)
        found = cls._missing_(value)
        if isinstance(found, cls):
            return found
        if found is not None:
            raise TypeError("error in %s._missing_: returned %r instead of None or a valid member"
                            % (cls.__name__, found))
        raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and '%s'"
                            % (type(member).__qualname__, type(cls).__qualname__))
        return isinstance(member, cls) and member.name in cls._member_map_

    def __bool__(cls):
        return True

    def __repr__(cls):
        return "<enum %r>" % cls.__name__

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get("_member_map_", {}):
            raise AttributeError("cannot reassign member %r" % name)
        super().__setattr__(name, value)

    def __delattr__(cls, name):
        if name in cls.__dict__.get("_member_map_", {}):
            raise AttributeError("%r cannot delete member %r." % (cls.__name__, name))
        super().__delattr__(name)

    @property
    def __members__(cls):
        return type(type.__dict__)(cls._member_map_)


EnumMeta = EnumType


class Enum(metaclass=EnumType):
    """The base of the enumerations: members compare by identity, hash by name."""

    name = _MemberAttribute(0, "name")
    value = _MemberAttribute(1, "value")

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for last in reversed(last_values):
            try:
                return last + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        return "<%s.%s: %r>" % (type(self).__name__, self.name, self.value)

    def __str__(self):
        return "%s.%s" % (type(self).__name__, self.name)

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        return hash(self.name)

    def __reduce_ex__(self, proto):
        return type(self), (self.value,)


class IntEnum(int, Enum):
    """Members are ints too: they compare, hash, print and format as their value
    (str(Num.ONE) == '1', as in Python 3.11), but repr shows the member."""

    __repr__ = Enum.__repr__

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, spec):
        return format(int(self), spec)

    __hash__ = int.__hash__


def _bit_count(n):
    count = 0
    while n:
        count += n & 1
        n >>= 1
    return count


def _flag_bits(value, other):
    """0b0 0111: value in binary, as wide as the wider of value and other."""
    width = max(len(bin(value)), len(bin(other))) - 2
    return "0b0 " + bin(value)[2:].rjust(width, "0")


class Flag(Enum):
    """Members combine with | & ^ ~ into values that are the OR of their bits.  A
    combination that is no member is made on first use and kept."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        high = max(last_values)
        bit = 1
        while bit <= high:
            bit <<= 1
        return bit

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            return None
        known = 0
        for member in cls:
            known |= member.value
        if value < 0 or value & ~known:
            raise ValueError(_NEWLINE.join([
                "<flag %r> invalid value %d" % (cls.__name__, value),
                "    given " + _flag_bits(value, known),
                "  allowed " + _flag_bits(known, value)]))
        # a new pseudo-member for this combination, named after its parts
        parts = [m.name for m in cls if m.value & value == m.value and _bit_count(m.value) == 1]
        pseudo = cls._make_member_(value)
        cls._info_[id(pseudo)] = ("|".join(parts) if parts else None, value)
        # setdefault: if two threads make the same combination at once, one wins
        return cls._value2member_map_.setdefault(value, pseudo)

    def __repr__(self):
        if self.name is None:   # the empty combination
            return "<%s: %r>" % (type(self).__name__, self.value)
        return "<%s.%s: %r>" % (type(self).__name__, self.name, self.value)

    def __str__(self):
        if self.name is None:
            return "%s(%r)" % (type(self).__name__, self.value)
        return "%s.%s" % (type(self).__name__, self.name)

    def __contains__(self, other):
        if not isinstance(other, type(self)):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and '%s'"
                            % (type(other).__qualname__, type(self).__qualname__))
        return other.value & self.value == other.value

    def __iter__(self):
        return (m for m in type(self) if _bit_count(m.value) == 1 and m.value & self.value)

    def __len__(self):
        return _bit_count(self.value)

    def __bool__(self):
        return bool(self.value)

    def __or__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return type(self)(self.value | other.value)

    def __and__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return type(self)(self.value & other.value)

    def __xor__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return type(self)(self.value ^ other.value)

    def __invert__(self):
        known = 0
        for member in type(self):
            known |= member.value
        return type(self)(known & ~self.value)


class IntFlag(int, Flag):
    """A Flag whose members are ints; str and format show the number.  The
    operators are IntFlag's own (int's come first in the MRO) and take plain
    ints too: Mode.A | 2 is a Mode."""

    __repr__ = Flag.__repr__

    def __or__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return type(self)(int(self) | int(other))

    def __and__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return type(self)(int(self) & int(other))

    def __xor__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return type(self)(int(self) ^ int(other))

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return Flag.__invert__(self)

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, spec):
        return format(int(self), spec)

    __hash__ = int.__hash__


def unique(enumeration):
    """Class decorator: refuse aliases (two names for one value)."""
    duplicates = [(name, member.name) for name, member in enumeration.__members__.items()
                  if name != member.name]
    if duplicates:
        raise ValueError("duplicate values found in %r: %s"
                         % (enumeration, ", ".join("%s -> %s" % pair for pair in duplicates)))
    return enumeration
