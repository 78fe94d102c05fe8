class Singleton:
    _instance = None
    def __new__(cls, *args):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance
    def __init__(self, v):
        self.v = v
a = Singleton(1); b = Singleton(2)
print(a is b, a.v)
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x):
        return x + self.n
add5 = Adder(5)
print(add5(10), list(map(add5, [1, 2])), callable(add5), callable(Adder))
class Polynomial:
    def __init__(self, *coeffs):
        self.coeffs = coeffs
    def __call__(self, x):
        return sum(c * x ** i for i, c in enumerate(self.coeffs))
    def __len__(self):
        return len(self.coeffs)
    def __repr__(self):
        return " + ".join(f"{c}x^{i}" for i, c in enumerate(self.coeffs))
p = Polynomial(1, 2, 3)
print(p(2), len(p), p, str(p), [p(x) for x in range(3)])
