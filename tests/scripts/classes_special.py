class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __len__(self):
        return len(self.xs)
    def __getitem__(self, i):
        return self.xs[i]
    def __setitem__(self, i, v):
        self.xs[i] = v
    def __delitem__(self, i):
        del self.xs[i]
    def __contains__(self, v):
        return v in self.xs
    def __iter__(self):
        return iter(self.xs)
    def __bool__(self):
        return any(self.xs)
    def __call__(self, k):
        return Vec(*[x * k for x in self.xs])
    def __repr__(self):
        return "Vec(" + ", ".join(map(repr, self.xs)) + ")"
v = Vec(1, 2, 3)
print(len(v), v[0], v[-1], v[1:], 2 in v, 9 in v, list(v), [x * 2 for x in v], v(10))
v[0] = 7; del v[1]; print(v, bool(v), bool(Vec(0, 0)), sum(v), sorted(v, reverse=True))
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)), [x for x in Countdown(2)])
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(Seq()), 20 in Seq())
class Num:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return Num(self.v + (o.v if isinstance(o, Num) else o))
    def __radd__(self, o):
        return Num(o + self.v)
    def __iadd__(self, o):
        self.v += o
        return self
    def __sub__(self, o): return Num(self.v - o)
    def __truediv__(self, o): return Num(self.v / o)
    def __floordiv__(self, o): return Num(self.v // o)
    def __mod__(self, o): return Num(self.v % o)
    def __pow__(self, o): return Num(self.v ** o)
    def __eq__(self, o): return isinstance(o, Num) and self.v == o.v
    def __lt__(self, o): return self.v < o.v
    def __le__(self, o): return self.v <= o.v
    def __repr__(self): return f"Num({self.v})"
n = Num(5)
print(n + 1, 1 + n, n + n, n - 2, n / 2, n // 2, n % 3, n ** 2, sum([Num(1), Num(2)], Num(0)))
n += 10; print(n, n == Num(15), n != Num(1), Num(1) < Num(2), Num(3) >= Num(2), max(Num(1), Num(9), Num(4)))
