# sys: getsizeof (CPython 3.11's numbers for the common values), float_info,
# maxsize, byteorder
import sys

for o in [0, 1, -1, 2**30, 2**60, 10**100, True, False, 1.5, None, "", "a", "abc", "é", "€", "😀", "ab€",
          (), (1,), (1, 2, 3), [], [1], {}, {1: 1}, {"a": 1}, set(), {1}, frozenset(), range(3)]:
    print(repr(o), sys.getsizeof(o))

class C:
    pass
class D:
    def __sizeof__(self):
        return 100
class Neg:
    def __sizeof__(self):
        return -1
class NotInt:
    def __sizeof__(self):
        return "x"
print(sys.getsizeof(C()), sys.getsizeof(D()), sys.getsizeof(1.5, 0), sys.getsizeof(NotInt(), 7))
for o in (Neg(), NotInt()):
    try:
        sys.getsizeof(o)
    except Exception as e:
        print(type(e).__name__, e)
try:
    sys.getsizeof()
except TypeError as e:
    print(type(e).__name__)

print(sys.float_info)
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info[0] == sys.float_info.max)
print(len(sys.float_info), type(sys.float_info).__name__)
print(sys.maxsize, sys.maxsize == 2**63 - 1, sys.byteorder)
impl = sys.implementation
print(isinstance(impl.name, str), impl.name == impl.name.lower(), isinstance(impl.hexversion, int),
      len(impl.version) == 5, repr(impl).startswith("namespace(name='" + impl.name + "', cache_tag="))
