from typing import *
import typing
T = TypeVar("T"); K = TypeVar("K", bound=int); C=TypeVar("C", covariant=True)
print(Optional[int], Union[int, str], Union[int, str, None], Optional[Union[int,str]], Union[int], Union[int, int])
print(Dict[str, List[int]], Tuple[int, ...], Tuple[()], Callable[[int, str], bool], Callable[..., int], Callable)
print(List, Any, T, K, C, Literal["a", 1], Final[int], ClassVar[int], Type[int], Iterable[T], Generator[int, None, None])
print(Optional[int].__args__, Optional[int].__origin__, List[int].__origin__, Dict[str,int].__args__)
class Foo(Generic[T]): pass
print(Foo[int], Foo.__mro__, Foo[int]().__class__)
print(List[int] == List[int], Union[int,str] == Union[str,int], hash(List[int]) == hash(List[int]))
try: List()
except TypeError as e: print(e)
try: Optional[int, str]
except TypeError as e: print(e)
try: Any()
except TypeError as e: print(e)
print(get_type_hints(Foo), cast(int, "x"), TYPE_CHECKING, Protocol, Generic, Mapping[str, Any], Sequence, MutableMapping[str, Optional[int]])
class M(TypedDict):
    name: str
print(M(name="x"), type(M(name="x")))
Mv = TypedDict("Mv", {"a": int})
print(Mv(a=1), Mv.__annotations__)
print(Optional[List[Foo[int]]], Union[None, int], Literal[None], Set[int], FrozenSet[str], Iterator[int], Type[Foo])
print(get_origin(List[int]), get_args(Dict[str, int]), get_args(int))
print(Callable[[], None], Tuple, Tuple[int], Tuple[int, str], Optional[Any], Union[int, Any])
def f(a: int, b: "str" = None) -> Optional[int]: pass
print(get_type_hints(f))
class Q:
    a: "int"
    b: List["Q"]
print(get_type_hints(Q))
@overload
def g(x: int) -> int: ...
def g(x): return x
print(g(3), no_type_check(g) is g)
print(Union[int, List[int]].__args__, Literal[1,2].__args__, repr(Optional), repr(Union), Optional[T])
N2 = NamedTuple("N2", [("a", int), ("b", str)])
print(N2(1, "x"), N2.__annotations__, N2(1, "x").a, N2._fields, N2(1, b="y")._replace(a=5), N2(3, "z")._asdict())
print(isinstance(N2(1, 'x'), tuple), N2(1, "x") == (1, "x"), len(N2(1, "q")))

# the class form of NamedTuple (gilt reads it at the first instance)
class Pt(NamedTuple):
    x: int
    y: int = 0
print(Pt(1), Pt(1, 2).y, Pt(1)._replace(y=3), Pt(4, 5)._asdict(), Pt._fields, Pt._field_defaults)
print(Pt(1, 2) == (1, 2), Pt(x=3) < Pt(4), list(Pt(7, 8)), Pt._make([1, 2]))
for bad in [lambda: Pt(), lambda: Pt(1, 2, 3), lambda: Pt(1, z=2), lambda: Pt(1, x=2)]:
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)

# annotated code runs
S = TypeVar("S", int, str)
class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []
    def push(self, item: T) -> None:
        self.items.append(item)
    def pop(self) -> Optional[T]:
        return self.items.pop() if self.items else None
s: Stack[int] = Stack[int]()
s.push(1)
print(s.pop(), s.pop(), Stack[int], Stack.push.__annotations__)
class Greeter(Protocol):
    def greet(self) -> str: ...
def use(g: "Greeter", n: Final[int] = 3) -> ClassVar[Dict[str, Any]]:
    return {}
print(get_type_hints(use))
print(S, S.__constraints__, K.__bound__, T.__name__)
def attempt(fn):
    try:
        print(fn())
    except TypeError as e:
        print(type(e).__name__, e)
attempt(lambda: Dict[str, int]())
attempt(lambda: List[int, str])
attempt(lambda: Union[()])
attempt(lambda: Callable[int, str])
attempt(lambda: Generic[int])
attempt(lambda: TypeVar("X", int))
attempt(lambda: Optional())
