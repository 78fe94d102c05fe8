class C:
    base = 10
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]
    names = {n: len(n) for n in ["a", "bb"]}
print(C.doubled, C.names)
x = "global x"
def f():
    return [x for _ in range(2)]
print(f())
def g():
    y = 5
    return [lambda: y * k for k in range(3)]
print([h() for h in g()])
i = "outer i"
squares = [i * i for i in range(4)]
print(i, squares)
