def outer(x):
    def middle(y):
        def inner(z):
            return x + y + z
        return inner
    return middle
print(outer(1)(2)(3))
def counter_factory():
    counts = {}
    def count(key):
        counts[key] = counts.get(key, 0) + 1
        return counts[key]
    return count
c = counter_factory()
print([c("a"), c("b"), c("a"), c("a")])
def make_multipliers():
    return [lambda x, n=n: x * n for n in range(1, 4)]
print([m(10) for m in make_multipliers()])
def accumulate():
    total = 0
    def add(v):
        nonlocal total
        total += v
        return total
    def get():
        return total
    return add, get
add, get = accumulate(); add(5); add(7); print(get())
def shadow():
    len = lambda x: 42
    return len([1, 2, 3])
print(shadow(), len([1, 2, 3]))
