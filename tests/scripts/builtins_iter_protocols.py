class Squares:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return (i * i for i in range(self.n))
print(list(Squares(4)), sum(Squares(4)), max(Squares(4)), sorted(Squares(3), reverse=True), 4 in Squares(3))
it = iter(Squares(3))
print(next(it), list(it), list(it))
calls = []
def source():
    calls.append(1)
    return len(calls)
print(list(iter(source, 4)))
e = enumerate(["x", "y"])
print(next(e), list(e))
z = zip(range(3), range(10, 13))
print(next(z), list(z))
m = map(lambda x: x + 1, range(3))
print(next(m), list(m))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as err:
    print("ValueError:", err)
