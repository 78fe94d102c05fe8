"""dataclasses -- generate __init__, __repr__, __eq__ and friends from annotations.

@dataclass reads the class's __annotations__ (which the class body filled in, in
order) and turns each annotated name into a Field.  The fields of dataclass bases
come first, in their order, so a subclass extends its base's __init__.  Then the
methods are added to the class:

  __init__   written as source text and compiled with exec(), as CPython does, so
             its signature is the real one (defaults, missing-argument errors);
  __repr__   Point(x=1, y=2), with the class's __qualname__;
  __eq__     field tuples compared, only against an instance of the same class;
  __lt__ ... (order=True) the same tuples ordered;
  __hash__   by CPython's table of eq / frozen / unsafe_hash;
  __setattr__, __delattr__ (frozen=True) raise FrozenInstanceError.

Nothing here is shared between threads except the classes it makes, which are
complete before anyone sees them.
"""
import sys

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar', 'KW_ONLY', 'MISSING',
           'fields', 'asdict', 'astuple', 'make_dataclass', 'replace', 'is_dataclass']


class FrozenInstanceError(AttributeError):
    """Raised on an assignment to a field of a frozen dataclass."""


class _MISSING_TYPE:
    """The type of MISSING: "no default was given" (None is a valid default)."""


MISSING = _MISSING_TYPE()


class _HAS_DEFAULT_FACTORY_CLASS:
    def __repr__(self):
        return '<factory>'


# The default the generated __init__ shows for a field with a default_factory.
_HAS_DEFAULT_FACTORY = _HAS_DEFAULT_FACTORY_CLASS()


class _KW_ONLY_TYPE:
    """The type of KW_ONLY: `_: KW_ONLY` makes the fields after it keyword-only."""


KW_ONLY = _KW_ONLY_TYPE()


class _FIELD_BASE:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


_FIELD = _FIELD_BASE('_FIELD')
_FIELD_CLASSVAR = _FIELD_BASE('_FIELD_CLASSVAR')
_FIELD_INITVAR = _FIELD_BASE('_FIELD_INITVAR')

_FIELDS = '__dataclass_fields__'
_PARAMS = '__dataclass_params__'
_POST_INIT_NAME = '__post_init__'


class InitVar:
    """InitVar[T]: an __init__ parameter passed to __post_init__, not a field."""

    def __init__(self, type):
        self.type = type

    def __repr__(self):
        name = self.type.__name__ if isinstance(self.type, type) else repr(self.type)
        return f'dataclasses.InitVar[{name}]'

    @classmethod
    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    """One field: its name, type, default and which methods it takes part in."""

    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return ('Field('
                f'name={self.name!r},'
                f'type={self.type!r},'
                f'default={self.default!r},'
                f'default_factory={self.default_factory!r},'
                f'init={self.init!r},'
                f'repr={self.repr!r},'
                f'hash={self.hash!r},'
                f'compare={self.compare!r},'
                f'metadata={self.metadata!r},'
                f'kw_only={self.kw_only!r},'
                f'_field_type={self._field_type}'
                ')')


class _DataclassParams:
    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

    def __repr__(self):
        return ('_DataclassParams('
                f'init={self.init!r},repr={self.repr!r},eq={self.eq!r},order={self.order!r},'
                f'unsafe_hash={self.unsafe_hash!r},frozen={self.frozen!r})')


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING):
    """Describe one field: field(default=0), field(default_factory=list), ..."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


# ====================================================================================
# Reading the class body
# ====================================================================================

def _is_classvar(annotation):
    """ClassVar or ClassVar[...] from typing (or the string 'ClassVar...')."""
    if isinstance(annotation, str):
        return annotation.startswith('ClassVar') or annotation.startswith('typing.ClassVar')
    typing = sys.modules.get('typing')
    if typing is None:
        return False
    return annotation is typing.ClassVar or getattr(annotation, '__origin__', None) is typing.ClassVar


def _is_initvar(annotation):
    if isinstance(annotation, str):
        return annotation.startswith('InitVar') or annotation.startswith('dataclasses.InitVar')
    return annotation is InitVar or isinstance(annotation, InitVar)


def _get_field(cls, name, annotation, kw_only):
    """Make the Field for one annotated name of cls's body."""
    default = cls.__dict__.get(name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        f = field(default=default)
    f.name = name
    f.type = annotation
    f._field_type = _FIELD
    if _is_classvar(annotation):
        f._field_type = _FIELD_CLASSVAR
    elif _is_initvar(annotation):
        f._field_type = _FIELD_INITVAR
    if f._field_type is not _FIELD and f.default_factory is not MISSING:
        raise TypeError(f'field {f.name} cannot have a default factory')
    if f._field_type is not _FIELD_CLASSVAR and f.kw_only is MISSING:
        f.kw_only = kw_only
    # a list, dict or set default would be shared by every instance
    if f._field_type is _FIELD and type(f.default).__hash__ is None:
        raise ValueError(f'mutable default {type(f.default)} for field '
                         f'{f.name} is not allowed: use default_factory')
    return f


# ====================================================================================
# The generated methods
# ====================================================================================

def _set_qualname(cls, fn):
    fn.__qualname__ = f'{cls.__qualname__}.{fn.__name__}'
    return fn


def _set_new_attribute(cls, name, value):
    """Add a method unless the class body defined its own; True if it was there."""
    if name in cls.__dict__:
        return True
    _set_qualname(cls, value)
    setattr(cls, name, value)
    return False


def _init_line(f, frozen):
    """The statement of __init__ that sets one field."""
    if f.default_factory is not MISSING:
        factory = f'__dataclass_dflt_{f.name}__'
        if f.init:
            value = f'{factory}() if {f.name} is __dataclass_HAS_DEFAULT_FACTORY__ else {f.name}'
        else:
            value = f'{factory}()'
    elif f.init:
        value = f.name
    elif f.default is not MISSING:
        value = f'__dataclass_dflt_{f.name}__'
    else:
        return None          # init=False and no default: left unset
    if frozen:
        return f'__dataclass_builtins_object__.__setattr__(self, {f.name!r}, {value})'
    return f'self.{f.name} = {value}'


def _make_init(cls, all_fields, frozen, has_post_init):
    """Write __init__ as source and compile it with exec()."""
    ns = {'__dataclass_HAS_DEFAULT_FACTORY__': _HAS_DEFAULT_FACTORY,
          '__dataclass_builtins_object__': object}
    params, kw_params, body = [], [], []
    seen_default = False
    for f in all_fields:
        if f.default is not MISSING:
            ns[f'__dataclass_dflt_{f.name}__'] = f.default
        elif f.default_factory is not MISSING:
            ns[f'__dataclass_dflt_{f.name}__'] = f.default_factory
        if not f.init:
            continue
        if f.default is not MISSING:
            param = f'{f.name}=__dataclass_dflt_{f.name}__'
        elif f.default_factory is not MISSING:
            param = f'{f.name}=__dataclass_HAS_DEFAULT_FACTORY__'
        else:
            param = f.name
        if f.kw_only is True:
            kw_params.append(param)
            continue
        if param == f.name:
            if seen_default:
                raise TypeError(f'non-default argument {f.name!r} follows default argument')
        else:
            seen_default = True
        params.append(param)
    for f in all_fields:
        if f._field_type is _FIELD:
            line = _init_line(f, frozen)
            if line:
                body.append(line)
    if has_post_init:
        initvars = [f.name for f in all_fields if f._field_type is _FIELD_INITVAR]
        body.append(f'self.{_POST_INIT_NAME}({", ".join(initvars)})')
    if not body:
        body = ['pass']
    signature = ', '.join(['self'] + params + (['*'] + kw_params if kw_params else []))
    src = f'def __init__({signature}):\n' + ''.join(f'    {line}\n' for line in body)
    exec(src, ns)
    return ns['__init__']


def _make_repr(fields):
    names = [f.name for f in fields if f.repr]

    def __repr__(self):
        parts = ', '.join(f'{name}={getattr(self, name)!r}' for name in names)
        return f'{self.__class__.__qualname__}({parts})'
    return __repr__


def _tuple_of(names):
    return lambda self: tuple(getattr(self, name) for name in names)


def _make_eq(names):
    as_tuple = _tuple_of(names)

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return as_tuple(self) == as_tuple(other)
        return NotImplemented
    return __eq__


def _make_order(names):
    as_tuple = _tuple_of(names)

    def __lt__(self, other):
        if other.__class__ is self.__class__:
            return as_tuple(self) < as_tuple(other)
        return NotImplemented

    def __le__(self, other):
        if other.__class__ is self.__class__:
            return as_tuple(self) <= as_tuple(other)
        return NotImplemented

    def __gt__(self, other):
        if other.__class__ is self.__class__:
            return as_tuple(self) > as_tuple(other)
        return NotImplemented

    def __ge__(self, other):
        if other.__class__ is self.__class__:
            return as_tuple(self) >= as_tuple(other)
        return NotImplemented
    return [__lt__, __le__, __gt__, __ge__]


def _make_hash(names):
    as_tuple = _tuple_of(names)

    def __hash__(self):
        return hash(as_tuple(self))
    return __hash__


def _make_frozen(cls, field_names):
    """__setattr__ and __delattr__ that refuse the fields.  Written with exec(), as
    CPython does, so that a traceback through them shows the same "<string>" lines."""
    names = '{' + ', '.join(repr(name) for name in sorted(field_names)) + '}' if field_names else '()'
    src = ('def __create_fn__(cls, FrozenInstanceError):\n'
           ' def __setattr__(self, name, value):\n'
           f'  if type(self) is cls or name in {names}:\n'
           '   raise FrozenInstanceError(f"cannot assign to field {name!r}")\n'
           '  super(cls, self).__setattr__(name, value)\n'
           ' def __delattr__(self, name):\n'
           f'  if type(self) is cls or name in {names}:\n'
           '   raise FrozenInstanceError(f"cannot delete field {name!r}")\n'
           '  super(cls, self).__delattr__(name)\n'
           ' return __setattr__, __delattr__\n')
    ns = {}
    exec(src, ns)
    return ns['__create_fn__'](cls, FrozenInstanceError)


# ====================================================================================
# @dataclass
# ====================================================================================

def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only):
    fields = {}
    # the bases' fields first, the nearest base last so it wins
    any_frozen_base = False
    has_dataclass_bases = False
    for b in cls.__mro__[-1:0:-1]:
        base_fields = getattr(b, _FIELDS, None)
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                fields[f.name] = f
            if getattr(b, _PARAMS).frozen:
                any_frozen_base = True

    annotations = cls.__dict__.get('__annotations__', {})
    own = []
    kw_only_seen = False
    for name, ann in annotations.items():
        if ann is KW_ONLY or ann is _KW_ONLY_TYPE:
            if kw_only_seen:
                raise TypeError(f'{name!r} is KW_ONLY, but KW_ONLY has already been specified')
            kw_only_seen = True
            kw_only = True          # the fields after it are keyword-only
            continue
        own.append(_get_field(cls, name, ann, kw_only))
    for f in own:
        fields[f.name] = f
        # the class attribute holds the default, or nothing if there is none
        if isinstance(cls.__dict__.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in annotations:
            raise TypeError(f'{name!r} is a field but has no type annotation')

    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError('cannot inherit non-frozen dataclass from a frozen one')
        if not any_frozen_base and frozen:
            raise TypeError('cannot inherit frozen dataclass from a non-frozen one')

    setattr(cls, _FIELDS, fields)
    setattr(cls, _PARAMS, _DataclassParams(init, repr, eq, order, unsafe_hash, frozen))

    class_hash = cls.__dict__.get('__hash__', MISSING)
    has_explicit_hash = not (class_hash is MISSING or (class_hash is None and '__eq__' in cls.__dict__))

    all_fields = list(fields.values())
    std_fields = [f for f in all_fields if f._field_type is _FIELD]
    if init:
        has_post_init = hasattr(cls, _POST_INIT_NAME)
        _set_new_attribute(cls, '__init__', _make_init(cls, all_fields, frozen, has_post_init))
    if repr:
        _set_new_attribute(cls, '__repr__', _make_repr(std_fields))
    compared = [f.name for f in std_fields if f.compare]
    if eq:
        _set_new_attribute(cls, '__eq__', _make_eq(compared))
    if order:
        if not eq:
            raise ValueError('eq must be true if order is true')
        for fn in _make_order(compared):
            if _set_new_attribute(cls, fn.__name__, fn):
                raise TypeError(f'Cannot overwrite attribute {fn.__name__} in class '
                                f'{cls.__name__}. Consider using functools.total_ordering')
    if frozen:
        for fn in _make_frozen(cls, {f.name for f in std_fields}):
            if _set_new_attribute(cls, fn.__name__, fn):
                raise TypeError(f'Cannot overwrite attribute {fn.__name__} in class {cls.__name__}')

    # __hash__, by CPython's table: unsafe_hash forces one; eq and frozen make one;
    # eq alone makes instances unhashable; an explicit __hash__ in the body stays
    hashed = [f.name for f in std_fields if (f.compare if f.hash is None else f.hash)]
    if unsafe_hash:
        if has_explicit_hash:
            raise TypeError(f'Cannot overwrite attribute __hash__ in class {cls.__name__}')
        cls.__hash__ = _set_qualname(cls, _make_hash(hashed))
    elif eq and frozen and not has_explicit_hash:
        cls.__hash__ = _set_qualname(cls, _make_hash(hashed))
    elif eq and not frozen and not has_explicit_hash:
        cls.__hash__ = None

    if match_args and '__match_args__' not in cls.__dict__:
        cls.__match_args__ = tuple(f.name for f in std_fields if f.init and not f.kw_only)
    return cls


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True, kw_only=False):
    """@dataclass or @dataclass(frozen=True, ...): add the generated methods to cls."""
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only)
    if cls is None:
        return wrap
    return wrap(cls)


# ====================================================================================
# Working with dataclass instances
# ====================================================================================

def fields(class_or_instance):
    """The tuple of a dataclass's Fields (not the ClassVar or InitVar ones)."""
    try:
        fields = getattr(class_or_instance, _FIELDS)
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(f for f in fields.values() if f._field_type is _FIELD)


def _is_dataclass_instance(obj):
    return hasattr(type(obj), _FIELDS)


def is_dataclass(obj):
    """True for a dataclass or an instance of one."""
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, _FIELDS)


def asdict(obj, *, dict_factory=dict):
    """The fields as a dict, recursing into dataclasses, lists, tuples and dicts."""
    if not _is_dataclass_instance(obj):
        raise TypeError('asdict() should be called on dataclass instances')
    return _convert(obj, lambda inst, conv: dict_factory([(f.name, conv(getattr(inst, f.name)))
                                                          for f in fields(inst)]))


def astuple(obj, *, tuple_factory=tuple):
    """The fields as a tuple, recursing like asdict()."""
    if not _is_dataclass_instance(obj):
        raise TypeError('astuple() should be called on dataclass instances')
    return _convert(obj, lambda inst, conv: tuple_factory([conv(getattr(inst, f.name))
                                                           for f in fields(inst)]))


def _convert(obj, from_instance):
    """Copy obj, turning each dataclass instance inside it with from_instance(inst, conv)."""
    def conv(obj):
        if _is_dataclass_instance(obj):
            return from_instance(obj, conv)
        if isinstance(obj, tuple) and hasattr(obj, '_fields'):       # a namedtuple
            return type(obj)(*[conv(v) for v in obj])
        if isinstance(obj, (list, tuple)):
            return type(obj)(conv(v) for v in obj)
        if isinstance(obj, dict):
            return type(obj)((conv(k), conv(v)) for k, v in obj.items())
        return obj
    return conv(obj)


def replace(obj, /, **changes):
    """A new instance of obj's class with some fields changed."""
    if not _is_dataclass_instance(obj):
        raise TypeError('replace() should be called on dataclass instances')
    for f in getattr(obj, _FIELDS).values():
        if f._field_type is _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(f'field {f.name} is declared with init=False, it cannot be '
                                 'specified with replace()')
            continue
        if f.name not in changes:
            if f._field_type is _FIELD_INITVAR and f.default is MISSING:
                raise ValueError(f"InitVar {f.name!r} must be specified with replace()")
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, **params):
    """Build a dataclass from a list of names, (name, type) or (name, type, Field)."""
    ns = dict(namespace or {})
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            name, tp = item, 'typing.Any'
        elif len(item) == 2:
            name, tp = item
        else:
            name, tp, spec = item
            ns[name] = spec
        annotations[name] = tp
    ns['__annotations__'] = annotations
    cls = type(cls_name, bases, ns)
    return dataclass(cls, **params)
