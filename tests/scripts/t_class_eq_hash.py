class Key:
    def __init__(self, a, b):
        self.a, self.b = a, b
    def __eq__(self, other):
        if not isinstance(other, Key):
            return NotImplemented
        return (self.a, self.b) == (other.a, other.b)
    def __hash__(self):
        return hash((self.a, self.b))
    def __repr__(self):
        return f"Key({self.a}, {self.b})"
d = {Key(1, 2): "first"}
print(d[Key(1, 2)], Key(1, 2) in d, Key(1, 3) in d, Key(1, 2) == Key(1, 2), Key(1, 2) == (1, 2))
print(len({Key(1, 2), Key(1, 2), Key(2, 1)}), Key(1, 2) != Key(1, 2))
class NoEq:
    pass
x = NoEq()
print(x == x, x == NoEq(), x != NoEq(), len({x, x}))
class Ordered:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __repr__(self):
        return f"O{self.v}"
print(sorted([Ordered(3), Ordered(1), Ordered(2)]), max([Ordered(1), Ordered(5)]), Ordered(2) > Ordered(1))
try:
    Ordered(1) <= Ordered(2)
except TypeError as e:
    print("TypeError:", e)
