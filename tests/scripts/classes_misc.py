class Empty:
    pass
e = Empty()
print(type(e).__name__, Empty.__name__, Empty.__qualname__, e.__class__ is Empty, repr(type(e)))
class Outer:
    class Inner:
        pass
    def method(self):
        class Local:
            pass
        return Local
print(Outer.Inner.__qualname__, Outer().method().__qualname__, Outer.method.__qualname__)
class WithDefaults:
    a = 1
    b = a + 1
    c = [a * i for i in range(3)]
print(WithDefaults.b, WithDefaults.c)
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
[Counter() for _ in range(5)]; print(Counter.count)
print(getattr(Counter, "count"), Counter.__dict__["count"] if "count" in Counter.__dict__ else None)
class Str(str):
    def shout(self):
        return self.upper() + "!"
print(Str("hey").shout(), len(Str("abc")), Str("x") + "y", isinstance(Str("a"), str))
class MyList(list):
    def total(self):
        return sum(self)
ml = MyList([1, 2, 3]); ml.append(4); print(ml.total(), ml, len(ml), type(ml).__name__)
class MyDict(dict):
    def __missing__(self, key):
        return key * 2
md = MyDict(a=1); print(md["a"], md["zz"], md)
class Unhashable:
    def __eq__(self, o):
        return True
try:
    hash(Unhashable())
except TypeError as ex:
    print("TypeError:", ex)
