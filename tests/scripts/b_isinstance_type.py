vals = [1, 1.0, "s", [1], (1,), {1: 1}, {1}, None, True, len, int, object()]
for v in vals:
    print(type(v).__name__, isinstance(v, (int, float)), isinstance(v, object), callable(v))
print(type(1) is int, type(True) is bool, type(type(1)) is type, isinstance(int, type), issubclass(int, object))
print(isinstance(True, int), issubclass(bool, int), isinstance(1, bool), type(None).__name__)
class Base: pass
class Sub(Base): pass
print(isinstance(Sub(), Base), issubclass(Sub, (int, Base)), issubclass(Sub, Sub), type(Sub()) is Base)
