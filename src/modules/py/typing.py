"""typing -- type hints that run: the names annotated code imports, and their reprs.

gilt does not check types; this module is here so that annotated programs run and
print what CPython prints.  Three kinds of objects do the work:

  _SpecialForm   Any, Union, Optional, ClassVar, Final, Literal, ...: a name whose
                 subscription (Optional[int]) builds an alias;
  _Alias         List, Dict, Iterable, ...: a name for a class, subscriptable once;
  _GenericAlias  the result of a subscription: __origin__ and __args__, compared
                 and hashed by them, printed as typing.Dict[str, typing.List[int]].

Generic and Protocol are plain classes whose __class_getitem__ gives the class
itself back, so `class Box(Generic[T])` has Generic as its base (gilt has no
__mro_entries__); Box[int] is then an alias printed as __main__.Box[int].

The objects are immutable once made (a cache of Union results aside, which only
ever gains entries), so threads may share them.
"""
import sys
import _thread

__all__ = ['Any', 'Callable', 'ClassVar', 'Dict', 'Final', 'FrozenSet', 'Generator', 'Generic',
           'Iterable', 'Iterator', 'List', 'Literal', 'Mapping', 'MutableMapping', 'NamedTuple',
           'Optional', 'Protocol', 'Sequence', 'Set', 'Tuple', 'Type', 'TypeVar', 'TypedDict',
           'Union', 'TYPE_CHECKING', 'cast', 'get_type_hints', 'no_type_check', 'overload',
           'get_origin', 'get_args', 'runtime_checkable', 'NoReturn', 'Never', 'Self',
           'AnyStr', 'Text', 'Hashable', 'Sized', 'Collection', 'Container', 'Reversible',
           'MutableSequence', 'AbstractSet', 'MutableSet', 'Deque', 'DefaultDict',
           'OrderedDict', 'Counter', 'ChainMap', 'Awaitable', 'Coroutine', 'AsyncIterator',
           'AsyncIterable', 'AsyncGenerator', 'ContextManager', 'SupportsInt',
           'SupportsFloat', 'SupportsIndex', 'SupportsAbs', 'final']

TYPE_CHECKING = False


def _type_repr(obj):
    """How an argument of an alias prints: int, __main__.Foo, ..., typing.List[int]."""
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    if type(obj).__name__ == 'function':
        return obj.__name__
    return repr(obj)


def _type_check(arg):
    """None stands for its type in an annotation."""
    return type(None) if arg is None else arg


def _as_tuple(params):
    return params if isinstance(params, tuple) else (params,)


# ====================================================================================
# Aliases
# ====================================================================================

class _GenericAlias:
    """origin[args]: what subscribing List, Dict, Union, a Generic class, ... gives."""

    def __init__(self, origin, args, name=None, inst=True):
        self.__origin__ = origin
        self.__args__ = args
        self._name = name          # 'List' for typing.List[...]; None for a user class
        self._inst = inst

    def __repr__(self):
        if self._name is None:
            head = _type_repr(self.__origin__)
        else:
            head = 'typing.' + self._name
        if not self.__args__:
            return f'{head}[()]'
        return f'{head}[{", ".join(_type_repr(a) for a in self.__args__)}]'

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        if not self._inst:
            raise TypeError(f'Type {self._name} cannot be instantiated; '
                            f'use {self.__origin__.__name__}() instead')
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except AttributeError:
            pass
        return result

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)

    @property
    def __parameters__(self):
        return tuple(a for a in self.__args__ if isinstance(a, TypeVar))


class _UnionAlias(_GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and type(None) in args:
            other = args[0] if args[1] is type(None) else args[1]
            return f'typing.Optional[{_type_repr(other)}]'
        return super().__repr__()

    def __eq__(self, other):
        if not isinstance(other, _UnionAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))


class _CallableAlias(_GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and args[0] is ...:
            return f'typing.Callable[..., {_type_repr(args[1])}]'
        params = ', '.join(_type_repr(a) for a in args[:-1])
        return f'typing.Callable[[{params}], {_type_repr(args[-1])}]'


class _Alias:
    """An unsubscripted name for a class: List, Dict, Iterable, ..."""

    def __init__(self, origin, name, nparams, inst=True):
        self.__origin__ = origin
        self._name = name
        self._nparams = nparams       # -1: any number
        self._inst = inst

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        params = tuple(_type_check(p) for p in _as_tuple(params))
        if self._nparams >= 0 and len(params) != self._nparams:
            many = 'many' if len(params) > self._nparams else 'few'
            raise TypeError(f'Too {many} arguments for {self}; actual {len(params)}, '
                            f'expected {self._nparams}')
        return _GenericAlias(self.__origin__, params, self._name, self._inst)

    def __call__(self, *args, **kwargs):
        if not self._inst:
            raise TypeError(f'Type {self._name} cannot be instantiated; '
                            f'use {self.__origin__.__name__}() instead')
        return self.__origin__(*args, **kwargs)

    def __eq__(self, other):
        if isinstance(other, _Alias):
            return self.__origin__ is other.__origin__ and self._name == other._name
        return NotImplemented

    def __hash__(self):
        return hash((self._name, self.__origin__))


class _TupleAlias(_Alias):
    def __getitem__(self, params):
        if params == ():
            return _GenericAlias(tuple, (), 'Tuple', False)
        params = tuple(_type_check(p) for p in _as_tuple(params))
        return _GenericAlias(tuple, params, 'Tuple', False)


class _CallableName(_Alias):
    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError('Callable must be used as Callable[[arg, ...], result].')
        args, result = params
        if args is ...:
            return _CallableAlias(self.__origin__, (..., _type_check(result)), 'Callable')
        if not isinstance(args, list):
            args = [args]            # CPython 3.11 takes Callable[int, str] as Callable[[int], str]
        return _CallableAlias(self.__origin__, tuple(_type_check(a) for a in args) + (_type_check(result),),
                              'Callable')


class _AbstractOrigin:
    """Stands for a collections.abc class (gilt has no collections.abc yet)."""

    def __init__(self, name):
        self.__name__ = name
        self.__qualname__ = name

    def __repr__(self):
        return f"<class 'collections.abc.{self.__name__}'>"


def _abc(name, nparams):
    return _Alias(_AbstractOrigin(name), name, nparams)


List = _Alias(list, 'List', 1, inst=False)
Dict = _Alias(dict, 'Dict', 2, inst=False)
Set = _Alias(set, 'Set', 1, inst=False)
FrozenSet = _Alias(frozenset, 'FrozenSet', 1, inst=False)
Tuple = _TupleAlias(tuple, 'Tuple', -1, inst=False)
Type = _Alias(type, 'Type', 1, inst=False)
Callable = _CallableName(_AbstractOrigin('Callable'), 'Callable', -1)
Text = str
Iterable = _abc('Iterable', 1)
Iterator = _abc('Iterator', 1)
Generator = _abc('Generator', 3)
Sequence = _abc('Sequence', 1)
MutableSequence = _abc('MutableSequence', 1)
Mapping = _abc('Mapping', 2)
MutableMapping = _abc('MutableMapping', 2)
AbstractSet = _abc('AbstractSet', 1)
MutableSet = _abc('MutableSet', 1)
Collection = _abc('Collection', 1)
Container = _abc('Container', 1)
Reversible = _abc('Reversible', 1)
Hashable = _abc('Hashable', 0)
Sized = _abc('Sized', 0)
Awaitable = _abc('Awaitable', 1)
Coroutine = _abc('Coroutine', 3)
AsyncIterable = _abc('AsyncIterable', 1)
AsyncIterator = _abc('AsyncIterator', 1)
AsyncGenerator = _abc('AsyncGenerator', 2)
ContextManager = _abc('ContextManager', 1)
Deque = _abc('Deque', 1)
DefaultDict = _abc('DefaultDict', 2)
OrderedDict = _abc('OrderedDict', 2)
Counter = _abc('Counter', 1)
ChainMap = _abc('ChainMap', 2)


# ====================================================================================
# Special forms
# ====================================================================================

class _SpecialForm:
    """A typing name with its own rule for subscription (or none)."""

    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        if self._getitem is None:
            raise TypeError(f'{self} is not subscriptable')
        return self._getitem(self, params)

    def __call__(self, *args, **kwargs):
        raise TypeError(f'Cannot instantiate {self!r}')

    def __reduce__(self):
        return self._name


def _union(form, params):
    if params == ():
        raise TypeError('Cannot take a Union of no types.')
    args = []
    for p in _as_tuple(params):
        p = _type_check(p)
        members = p.__args__ if isinstance(p, _UnionAlias) else (p,)
        for m in members:                         # flattened, duplicates dropped
            if m not in args:
                args.append(m)
    if len(args) == 1:
        return args[0]
    return _UnionAlias(Union, tuple(args), 'Union')


def _optional(form, params):
    if isinstance(params, tuple) and len(params) != 1:
        raise TypeError(f'typing.Optional requires a single type. Got {params}.')
    if isinstance(params, tuple):
        params = params[0]
    return _union(form, (params, None))


def _one_type(form, params):
    if isinstance(params, tuple) and len(params) != 1:
        raise TypeError(f'{form} accepts only single type.')
    return _GenericAlias(form, (_type_check(params[0] if isinstance(params, tuple) else params),),
                         form._name)


def _literal(form, params):
    return _GenericAlias(form, _as_tuple(params), 'Literal')


class _AnyType:
    def __repr__(self):
        return 'typing.Any'

    def __call__(self, *args, **kwargs):
        raise TypeError('Any cannot be instantiated')


Any = _AnyType()
Union = _SpecialForm('Union', _union)
Optional = _SpecialForm('Optional', _optional)
ClassVar = _SpecialForm('ClassVar', _one_type)
Final = _SpecialForm('Final', _one_type)
Literal = _SpecialForm('Literal', _literal)
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')


def get_origin(tp):
    """List[int] -> list, Union[int, str] -> typing.Union; None for anything else."""
    if isinstance(tp, (_GenericAlias, _Alias)):
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    """The arguments of an alias: Dict[str, int] -> (str, int); () otherwise."""
    if isinstance(tp, _CallableAlias) and tp.__args__[0] is not ...:
        return (list(tp.__args__[:-1]), tp.__args__[-1])
    if isinstance(tp, _GenericAlias):
        return tp.__args__
    return ()


# ====================================================================================
# Type variables and generic classes
# ====================================================================================

class TypeVar:
    """A type variable: T = TypeVar('T'), printed ~T (+T covariant, -T contravariant)."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        if covariant and contravariant:
            raise ValueError('Bivariant types are not supported.')
        if len(constraints) == 1:
            raise TypeError('A single constraint is not allowed')
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = _type_check(bound) if bound is not None else None
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = '+' if self.__covariant__ else '-' if self.__contravariant__ else '~'
        return prefix + self.__name__


try:
    AnyStr = TypeVar('AnyStr', bytes, str)
except NameError:                       # a gilt without bytes
    AnyStr = TypeVar('AnyStr', str, str)


class Generic:
    """Base of generic classes: class Box(Generic[T]).  Box[int] is an alias."""

    def __class_getitem__(cls, params):
        params = tuple(_type_check(p) for p in _as_tuple(params))
        if cls is Generic or cls is Protocol:
            for p in params:
                if not isinstance(p, TypeVar):
                    raise TypeError(f'Parameters to {cls.__name__}[...] must all be type variables '
                                    'or parameter specification variables.')
            return cls
        return _GenericAlias(cls, params)


class Protocol(Generic):
    """Base of structural types: class Closable(Protocol)."""


def runtime_checkable(cls):
    return cls


# ====================================================================================
# NamedTuple and TypedDict
# ====================================================================================

def _install_fields(cls, fields, defaults):
    """Give a tuple subclass its _fields, defaults and one property per field."""
    seen_default = None
    for name, _ in fields:
        if name in defaults:
            seen_default = name
        elif seen_default is not None:
            raise TypeError(f'Non-default namedtuple field {name} cannot follow default field '
                            f'{seen_default}')
    cls._field_defaults = dict(defaults)
    for index, (name, _) in enumerate(fields):
        setattr(cls, name, property(lambda self, i=index: tuple.__getitem__(self, i)))
    cls._fields = tuple(name for name, _ in fields)      # last: it marks the class ready


class _NamedTupleBase(tuple):
    _fields = ()
    _field_defaults = {}

    def __new__(cls, *args, **kwargs):
        if '_fields' not in cls.__dict__:
            _setup_class_form(cls)
        fields = cls._fields
        if len(args) > len(fields):
            least = len(fields) - len(cls._field_defaults)
            takes = f'from {least + 1} to {len(fields) + 1}' if least < len(fields) else len(fields) + 1
            raise TypeError(f'{cls.__name__}.__new__() takes {takes} positional '
                            f'arguments but {len(args) + 1} were given')
        values = list(args)
        for name in fields[len(args):]:
            if name in kwargs:
                values.append(kwargs.pop(name))
            elif name in cls._field_defaults:
                values.append(cls._field_defaults[name])
            else:
                missing = [n for n in fields[len(values):] if n not in kwargs and n not in cls._field_defaults]
                raise TypeError(f"{cls.__name__}.__new__() missing {len(missing)} required positional "
                                f"argument{'s' if len(missing) > 1 else ''}: "
                                + ' and '.join(repr(m) for m in missing))
        if kwargs:
            name = next(iter(kwargs))
            if name in fields:
                raise TypeError(f"{cls.__name__}.__new__() got multiple values for argument '{name}'")
            raise TypeError(f"{cls.__name__}.__new__() got an unexpected keyword argument '{name}'")
        return tuple.__new__(cls, values)

    def __repr__(self):
        inner = ', '.join(f'{name}={value!r}' for name, value in zip(self._fields, self))
        return f'{type(self).__name__}({inner})'

    def _asdict(self):
        return dict(zip(self._fields, self))

    def _replace(self, **changes):
        values = [changes.pop(name, value) for name, value in zip(self._fields, self)]
        if changes:
            raise ValueError(f'Got unexpected field names: {list(changes)!r}')
        return type(self)(*values)

    @classmethod
    def _make(cls, iterable):
        return cls(*iterable)


_class_form_lock = _thread.allocate_lock()


def _setup_class_form(cls):
    """`class P(NamedTuple): x: int` is read when its first instance is made (gilt has
    no metaclasses to do it when the class statement ends); the lock makes two
    threads doing that at once read it once."""
    with _class_form_lock:
        if '_fields' in cls.__dict__:
            return
        annotations = cls.__dict__.get('__annotations__', {})
        fields = [(name, _type_check(tp)) for name, tp in annotations.items()]
        defaults = {name: cls.__dict__[name] for name, _ in fields if name in cls.__dict__}
        _install_fields(cls, fields, defaults)


class NamedTuple(_NamedTupleBase):
    """A typed namedtuple: NamedTuple('Point', [('x', int), ('y', int)]), or the class
    form `class Point(NamedTuple): x: int; y: int = 0` (read at its first instance)."""

    def __new__(cls, *args, **kwargs):
        if cls is not NamedTuple:
            return _NamedTupleBase.__new__(cls, *args, **kwargs)
        typename = args[0]
        fields = args[1] if len(args) > 1 else list(kwargs.items())
        fields = [(name, _type_check(tp)) for name, tp in fields]
        nt = type(typename, (_NamedTupleBase,), {'__annotations__': dict(fields)})
        _install_fields(nt, fields, {})
        return nt


class TypedDict(dict):
    """A dict with declared keys: class Movie(TypedDict) or TypedDict('Movie', {...}).

    Calling one makes a plain dict, as in CPython."""

    def __new__(cls, *args, **kwargs):
        if cls is TypedDict and args and isinstance(args[0], str):
            typename, fields = args[0], (args[1] if len(args) > 1 else kwargs)
            return type(typename, (TypedDict,), {'__annotations__': dict(fields), '__total__': True})
        return dict(*args, **kwargs)


# ====================================================================================
# Functions
# ====================================================================================

def cast(typ, val):
    """Tell a type checker val has type typ; at run time, val unchanged."""
    return val


def _overload_dummy(*args, **kwds):
    raise NotImplementedError(
        'You should not call an overloaded function. '
        'A series of @overload-decorated functions '
        'outside a stub module should always be followed '
        'by an implementation that is not @overload-ed.')


def overload(func):
    """@overload: a signature for type checkers; the last, plain def is the real one."""
    return _overload_dummy


def final(f):
    return f


def no_type_check(arg):
    """Mark a function or class as not to be type-checked."""
    try:
        arg.__no_type_check__ = True
    except (AttributeError, TypeError):
        pass
    return arg


def _eval_hint(value, globalns, localns):
    if value is None:
        return type(None)
    if isinstance(value, str):
        return _type_check(eval(value, globalns) if localns is None else eval(value, globalns, localns))
    if isinstance(value, _GenericAlias) and any(isinstance(a, str) for a in value.__args__):
        args = tuple(_eval_hint(a, globalns, localns) for a in value.__args__)
        return type(value)(value.__origin__, args, value._name, value._inst)
    return value


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """The annotations of a class (its bases' too), function or module, with
    strings evaluated and None as NoneType."""
    if isinstance(obj, type):
        hints = {}
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get('__annotations__', {})
            module = sys.modules.get(base.__module__)
            g = globalns if globalns is not None else (module.__dict__ if module else {})
            for name, value in ann.items():
                hints[name] = _eval_hint(value, g, localns)
        return hints
    ann = getattr(obj, '__annotations__', None)
    if ann is None:
        raise TypeError(f'{obj!r} is not a module, class, method, or function.')
    g = globalns if globalns is not None else getattr(obj, '__globals__', getattr(obj, '__dict__', {}))
    return {name: _eval_hint(value, g, localns) for name, value in ann.items()}


class SupportsInt(Protocol):
    pass


class SupportsFloat(Protocol):
    pass


class SupportsIndex(Protocol):
    pass


class SupportsAbs(Protocol):
    pass
