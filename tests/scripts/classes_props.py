class Temp:
    def __init__(self, c):
        self._c = c
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @staticmethod
    def scale():
        return "C"
    @classmethod
    def freezing(cls):
        return cls(0)
t = Temp(25)
print(t.celsius, t.fahrenheit, Temp.scale(), t.scale(), Temp.freezing().celsius, type(Temp.freezing()).__name__)
t.celsius = 100; print(t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
try:
    t.fahrenheit = 1
except AttributeError as e:
    print("AttributeError:", e)
class Registry:
    items = []
    @classmethod
    def register(cls, x):
        cls.items.append(x)
        return x
Registry.register(1); Registry().register(2); print(Registry.items)
