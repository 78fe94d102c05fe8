class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, o):
        return Money(self.cents + o.cents)
    def __radd__(self, o):
        return self if o == 0 else NotImplemented
    def __mul__(self, k):
        return Money(self.cents * k)
    def __truediv__(self, k):
        return Money(self.cents // k)
    def __neg__(self):
        return Money(-self.cents)
    def __abs__(self):
        return Money(abs(self.cents))
    def __bool__(self):
        return self.cents != 0
    def __int__(self):
        return self.cents // 100
    def __float__(self):
        return self.cents / 100
    def __index__(self):
        return self.cents
    def __lt__(self, o):
        return self.cents < o.cents
    def __eq__(self, o):
        return self.cents == o.cents
    def __hash__(self):
        return hash(self.cents)
    def __repr__(self):
        return f"${self.cents / 100:.2f}"
wallet = [Money(150), Money(275), Money(5)]
print(sum(wallet), wallet[0] * 3, wallet[1] / 2, -wallet[2], abs(Money(-9)), bool(Money(0)))
print(int(Money(1999)), float(Money(250)), sorted(wallet), max(wallet), Money(5) == Money(5))
print([10, 20, 30, 40][Money(2)], hex(Money(255)), len({Money(1), Money(1)}))
