# Descriptors and object corners: __set_name__, data vs non-data precedence,
# __delete__, __getattr__/__delattr__, object.__new__/__init__ errors, the class
# __dict__ (a mappingproxy), instance __dict__, __class_getitem__ and list[int].

class Field:
    def __set_name__(self, owner, name):
        print("__set_name__", owner.__name__, name)
        self.name = name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__.get("_" + self.name, "unset")
    def __set__(self, obj, value):
        obj.__dict__["_" + self.name] = value
    def __delete__(self, obj):
        print("__delete__", self.name)
        del obj.__dict__["_" + self.name]

class NonData:
    def __get__(self, obj, objtype=None):
        return "from NonData" if obj is not None else "NonData on class"

class Rec:
    x = Field()
    y = NonData()
    z = Field()

r = Rec()
print(r.x, Rec.x.name, Rec.y)
r.x = [1, 2]
print(r.x, r.__dict__)
r.__dict__["x"] = "instance wins?"
print(r.x)                   # the data descriptor wins over the instance dict
print(r.y)
r.__dict__["y"] = "instance y"
print(r.y)                   # the instance dict wins over a non-data descriptor
del r.x
print(r.x)
try:
    del r.z
except KeyError as e:
    print(type(e).__name__, e)

# __set_name__ also runs for type() and in subclasses' own dicts
T = type("T", (), {"f": Field()})
class Sub(Rec):
    w = Field()

# __getattr__ is the fallback; __delattr__ and __setattr__ intercept
class Fallback:
    def __init__(self):
        self.real = "real"
    def __getattr__(self, name):
        if name.startswith("no_"):
            raise AttributeError(name)
        return "computed " + name
    def __delattr__(self, name):
        print("__delattr__", name)
        object.__delattr__(self, name)
    def __setattr__(self, name, value):
        print("__setattr__", name, value)
        object.__setattr__(self, name, value)
f = Fallback()
print(f.real, f.other, getattr(f, "no_x", "default"), hasattr(f, "no_y"))
del f.real
print(f.real)
try:
    del f.never
except AttributeError as e:
    print(type(e).__name__, e)

# object.__new__ and object.__init__
class Plain: pass
class HasInit:
    def __init__(self, a):
        self.a = a
        super().__init__()
class HasNew:
    def __new__(cls, a):
        return super().__new__(cls, a)
class NewAndInit:
    def __new__(cls, *a):
        return super().__new__(cls)
    def __init__(self, *a):
        self.a = a
class PassesToInit:
    def __init__(self, a):
        super().__init__(a)
print(HasInit(1).a, NewAndInit(1, 2).a, type(object.__new__(Plain)).__name__)
for f in (lambda: Plain(1), lambda: Plain(a=1), lambda: HasNew(1), lambda: PassesToInit(1),
          lambda: object.__new__(1), lambda: object.__init__(Plain(), 1),
          lambda: object(1), lambda: object.__new__(list)):
    try:
        f()
        print("no error")
    except TypeError as e:
        print(type(e).__name__, e)

# the class __dict__: a read-only mappingproxy over the live namespace
class Box:
    size = 3
    def get(self):
        return self.size
d = Box.__dict__
print(type(d).__name__, d["size"], "get" in d, "nope" in d, sorted(k for k in d if not k.startswith("__")))
print(d.get("size"), d.get("nope", "dflt"), len(d) >= 4, sorted(d.keys())[-2:])
Box.later = "added later"
print(d["later"])
try:
    d["size"] = 4
except TypeError as e:
    print(type(e).__name__, e)
class Empty: pass
print(Empty.__dict__["__module__"], Empty.__dict__["__doc__"], Empty.__qualname__)
def outer():
    class Inner: pass
    return Inner
print(outer().__qualname__, outer().__name__)

# the instance __dict__, read and written
b = Box()
b.size = 10
print(b.__dict__, vars(b), b.get())
b.__dict__ = {"size": 20, "extra": [1]}
print(b.get(), b.extra, vars(b))
b.__dict__["size"] = 30
print(b.size)
try:
    b.__dict__ = 5
except TypeError as e:
    print(type(e).__name__, e)

# __class_getitem__ and the built-in generic aliases
class Gen:
    def __class_getitem__(cls, item):
        return cls.__name__ + "[" + repr(item) + "]"
print(Gen[int], Gen["x"], Gen[1, 2])
print(list[int], dict[str, int], tuple[int, ...], set[str], frozenset[int], type[Gen], list[Gen])
print(list[list[int]], dict[str, list[int]], tuple[()])
a = list[int]
print(type(a).__name__, a.__origin__, a.__args__, a([1, 2]), a == list[int], a != dict[str, int])
print(dict[str, int](x=1), tuple[int, ...]([1, 2]), hash(list[int]) == hash(list[int]))
def g(x: list[int] = None) -> dict[str, int]:
    return x
print(g([5]))
for f in (lambda: isinstance([], list[int]), lambda: issubclass(list, list[int]),
          lambda: isinstance([], (str, list[int])), lambda: int[str]):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)

# uncaught: writing the class __dict__
Box.__dict__["size"] = 1
