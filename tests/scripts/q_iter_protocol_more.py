it = iter([1, 2, 3])
print(iter(it) is it, next(it), list(it), next(it, None))
d = {"a": 1, "b": 2}
ki = iter(d); print(next(ki), next(ki))
si = iter("xy"); print(next(si), next(si), next(si, "end"))
ri = iter(range(3)); print(list(ri), list(ri))
class Fib:
    def __init__(self, limit):
        self.a, self.b, self.limit = 0, 1, limit
    def __iter__(self):
        return self
    def __next__(self):
        if self.a > self.limit:
            raise StopIteration
        v = self.a
        self.a, self.b = self.b, self.a + self.b
        return v
print(list(Fib(100)), sum(Fib(10)), [v for v in Fib(5)], 8 in Fib(20))
e = enumerate(Fib(3)); print(list(e))
