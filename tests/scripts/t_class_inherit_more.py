class Shape:
    def area(self):
        raise NotImplementedError("subclasses must implement area")
    def describe(self):
        return f"{type(self).__name__} with area {self.area():.2f}"
class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2
class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
shapes = [Circle(1), Square(2), Circle(0.5)]
for s in shapes:
    print(s.describe())
print(sorted(shapes, key=lambda s: s.area())[0].describe(), sum(s.area() for s in shapes))
try:
    Shape().describe()
except NotImplementedError as e:
    print("NotImplementedError:", e)
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B>" + super().who()
class C(B):
    def who(self):
        return "C>" + super().who()
print(C().who(), isinstance(C(), A), type(C()).__mro__[1].__name__, C.who is not B.who)
class Base:
    count = 0
    def __init__(self):
        type(self).count += 1
class Derived(Base):
    pass
Base(); Derived(); Derived()
print(Base.count, Derived.count)
