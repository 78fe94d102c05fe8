class Base:
    def __init__(self):
        self._v = 1
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, value):
        self._v = value
    @v.deleter
    def v(self):
        self._v = None
class Child(Base):
    @property
    def doubled(self):
        return self.v * 2
c = Child()
c.v = 21
print(c.v, c.doubled)
del c.v
print(c.v, type(Base.v).__name__, Base.v.fget.__name__)
class Factory:
    @classmethod
    def create(cls):
        return cls()
    @staticmethod
    def helper(x):
        return x + 1
class SubFactory(Factory):
    pass
print(type(SubFactory.create()).__name__, SubFactory.helper(1), Factory().helper(2))
