class Typed:
    def __init__(self, name, kind):
        self.name = name
        self.kind = kind
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.name)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}")
        obj.__dict__[self.name] = value
class Person:
    name = Typed("name", str)
    age = Typed("age", int)
    def __init__(self, name, age):
        self.name = name
        self.age = age
p = Person("Ann", 30)
print(p.name, p.age, type(Person.name).__name__)
try:
    p.age = "old"
except TypeError as e:
    print("TypeError:", e)
class Lazy:
    def __init__(self, fn):
        self.fn = fn
    def __get__(self, obj, owner):
        value = self.fn(obj)
        setattr(obj, self.fn.__name__, value)
        return value
class Data:
    calls = 0
    @Lazy
    def expensive(self):
        Data.calls += 1
        return 99
d = Data()
print(d.expensive, d.expensive, Data.calls)
